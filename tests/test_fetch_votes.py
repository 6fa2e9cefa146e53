"""The site's star votes: shown beside the reader's rating, sent if asked, queued while offline."""

from __future__ import annotations

from k2site import K2Site, write_config

from tui_reader.places import resolve_places
from tui_reader.render import stars
from tui_reader.store import Store


def votes_sent(site: K2Site) -> list[str]:
    return [request.path for request in site.requests if "task=vote&" in request.path]


def test_rating_is_sent_as_a_vote_and_the_sites_answer_shown(warday, home, k2: K2Site):
    write_config(home, sources=[k2.listing_url()], submit_ratings=True)
    warday("fetch")
    story = k2.digests[-1]
    before = len(story.votes)

    first = warday("rate", str(story.day), "4")
    assert first.out.splitlines() == [
        f"Day {story.day} rated 4/5.",
        "Vote: the site says: Thanks for rating!",
    ]
    assert votes_sent(k2) == [
        f"/index.php?option=com_k2&view=item&task=vote&format=raw&user_rating=4&itemID={story.item_id}"
    ]
    shown = warday("show", str(story.day))
    assert f"Your rating: {stars(4, ascii=True)}" in shown.out
    assert f"from {before + 1} vote" in shown.out

    again = warday("rate", str(story.day), "5")
    assert "Vote: the site says: You have already rated this entry!" in again.out
    assert f"Your rating: {stars(5, ascii=True)}" in warday("show", str(story.day)).out


def test_ratings_stay_local_unless_submit_ratings_is_on(warday, home, k2: K2Site):
    write_config(home, sources=[k2.listing_url()])
    warday("fetch")
    result = warday("rate", str(k2.digests[0].day), "2")
    assert result.out.splitlines() == [f"Day {k2.digests[0].day} rated 2/5."]
    assert votes_sent(k2) == []


def test_a_vote_made_offline_is_queued_and_sent_on_the_next_sync(warday, home, k2: K2Site):
    write_config(home, sources=[k2.listing_url()], submit_ratings=True)
    warday("fetch")
    story = k2.digests[5]
    k2.stop()
    warday("rate", str(story.day), "2")
    offline = warday("rate", str(story.day), "3")
    assert offline.code == 0
    assert "Vote: queued: offline; it is sent on the next sync" in offline.out
    with Store(resolve_places(home).database) as store:
        assert store.rating(story.day) == 3
    k2.restart()
    result = warday("fetch")
    assert "1 vote sent" in result.out
    assert votes_sent(k2) == [
        f"/index.php?option=com_k2&view=item&task=vote&format=raw&user_rating=3&itemID={story.item_id}"
    ]
    warday("fetch")
    assert len(votes_sent(k2)) == 1


def test_a_day_not_read_from_the_site_is_rated_locally_only(warday, home, fixtures, k2: K2Site):
    write_config(home, sources=[k2.listing_url()], submit_ratings=True)
    warday("import", str(fixtures / "text/day-993-seed.txt"))
    result = warday("rate", "993", "5")
    assert result.code == 0
    assert "Vote: not sent: Day 993 was not read from the site" in result.out
    assert votes_sent(k2) == []


def test_clearing_a_rating_sends_nothing(warday, home, k2: K2Site):
    from tui_reader.config import load_config
    from tui_reader.fetch import queue_and_send_vote

    write_config(home, sources=[k2.listing_url()], submit_ratings=True)
    warday("fetch")
    places = resolve_places(home)
    answer = queue_and_send_vote(places, load_config(places.config_file), k2.digests[0].day, 0)
    assert answer.startswith("not sent: the site keeps every vote")
    assert votes_sent(k2) == []

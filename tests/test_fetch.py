"""`warday fetch` against a K2-like site on 127.0.0.1: first fetch, repeats, scopes, offline."""

from __future__ import annotations

import io
import json
from itertools import pairwise

from k2site import K2Site, write_config
from rich.console import Console

from tui_reader.config import Config
from tui_reader.fetch import sync_blocking
from tui_reader.fetch.progress import SyncDisplay
from tui_reader.places import resolve_places
from tui_reader.store import Store


def stored_days(home) -> list[int]:
    with Store(resolve_places(home).database) as store:
        return sorted(entry.day for entry in store.days())


def test_first_fetch_stores_every_digest_once_and_leaves_other_stories(warday, home, k2: K2Site):
    write_config(home, sources=[k2.listing_url()])
    assert "bundled sample" in warday("list").err
    result = warday("fetch")
    assert result.code == 0, result.err
    assert stored_days(home) == sorted(story.day for story in k2.digests)  # the sample is gone
    assert "40 new" in result.out
    assert "0 failed" in result.out
    assert k2.count("Gaza") == 0
    assert k2.count("raid") == 0
    listed = warday("list", "--json")
    kinds = {row["kind"] for row in json.loads(listed.out)}
    assert kinds == {"bulletin", "perspectives"}


def test_second_fetch_needs_one_conditional_request(warday, home, k2: K2Site):
    write_config(home, sources=[k2.listing_url()])
    warday("fetch")
    before = len(k2.requests)
    result = warday("fetch")
    assert result.code == 0
    assert len(k2.requests) - before == 1
    assert "0 new" in result.out


def test_new_digest_is_fetched_on_the_next_run_in_a_few_requests(warday, home, k2: K2Site):
    write_config(home, sources=[k2.listing_url()])
    warday("fetch")
    k2.publish(330)
    before = len(k2.requests)
    result = warday("fetch")
    assert "1 new" in result.out
    assert 330 in stored_days(home)
    assert len(k2.requests) - before <= 3


def test_same_item_under_other_menus_hosts_and_feeds_is_stored_once(warday, home, k2: K2Site):
    write_config(home, sources=[k2.listing_url("ns-special")])
    warday("fetch")
    newest = k2.digests[-1]
    again = warday(
        "fetch",
        k2.feed_url("rss", "ns-news"),
        k2.feed_url("atom", "ns-video"),
        k2.item_url(newest, menu="ns-video", host="localhost"),
    )
    assert again.code == 0, again.err
    assert "0 new" in again.out
    assert stored_days(home) == sorted(story.day for story in k2.digests)


def test_a_feed_alone_fills_an_empty_store(warday, home, k2: K2Site):
    write_config(home, sources=[k2.feed_url("rss")])
    result = warday("fetch")
    assert result.code == 0, result.err
    newest_ten = [story for story in k2.newest_first()[:10] if story.day is not None]
    assert stored_days(home) == sorted(story.day for story in newest_ten)


def test_days_and_since_reread_recent_days_and_all_rereads_everything(warday, home, k2: K2Site):
    write_config(home, sources=[k2.listing_url()])
    warday("fetch")
    newest = k2.digests[-1].day

    before = k2.count("/item/")
    assert warday("fetch", "--days", "5").code == 0
    assert k2.count("/item/") - before == 5

    before = k2.count("/item/")
    assert warday("fetch", "--since", str(newest - 19)).code == 0
    assert k2.count("/item/") - before == 20

    before = k2.count("/item/")
    result = warday("fetch", "--all", "--json")
    assert k2.count("/item/") - before == 40
    report = json.loads(result.out)
    assert report["new"] == 0
    assert report["failed"] == 0
    assert report["digests_found"] == 40


def test_reread_picks_up_a_changed_vote_count(warday, home, k2: K2Site):
    write_config(home, sources=[k2.listing_url()])
    warday("fetch")
    newest = k2.digests[-1]
    newest.votes[:] = [5] * 9
    result = warday("fetch", "--days", "1")
    assert "1 updated" in result.out
    shown = warday("show", str(newest.day))
    assert "Site: 5.0/5 from 9 votes" in shown.out


def test_offline_fetch_says_so_and_list_still_works(warday, home, k2: K2Site):
    write_config(home, sources=[k2.listing_url()])
    warday("fetch")
    k2.stop()
    result = warday("fetch")
    assert result.code == 1
    assert result.err.strip().startswith("offline: could not reach 127.0.0.1 (connection refused)")
    assert "showing 40 cached days" in result.err
    listed = warday("list")
    assert listed.code == 0
    assert str(k2.digests[-1].day) in listed.out


def test_offline_fetch_says_what_is_stored_now(warday, home, k2: K2Site):
    write_config(home, sources=[k2.listing_url()])
    k2.stop()
    result = warday("fetch")
    assert result.code == 1
    assert result.err.strip().endswith("(connection refused); nothing is stored yet")
    assert "Showing the bundled sample." in warday("list").err, "an empty store lists the sample"
    result = warday("fetch")
    assert result.err.strip().endswith("(connection refused); showing the bundled sample")


def test_stored_pages_are_parsed_again_without_the_site(warday, home, k2: K2Site):
    write_config(home, sources=[k2.listing_url()])
    warday("fetch")
    k2.stop()
    result = warday("reparse")
    assert result.code == 0
    assert "Re-read 40 stored pages: 0 changed, 40 unchanged, 0 failed." in result.out


def test_days_counts_back_from_the_newest_digest_of_a_feed(warday, home, k2: K2Site):
    write_config(home, sources=[k2.listing_url()])
    warday("fetch")
    before = k2.count("/item/")
    result = warday("fetch", "--days", "3", k2.feed_url("atom"))
    assert result.code == 0
    assert k2.count("/item/") - before == 3


def test_json_and_quiet_outputs_are_for_scripts(warday, home, k2: K2Site):
    write_config(home, sources=[k2.listing_url()])
    report = json.loads(warday("fetch", "--json").out)
    assert report["new"] == 40
    assert report["offline"] is False
    assert report["errors"] == []
    assert report["summary"].startswith(f"{report['pages_read']} pages read")
    quiet = warday("fetch", "--quiet")
    assert quiet.code == 0
    assert quiet.out == ""
    assert quiet.err == ""


def test_progress_display_shows_running_counts_on_a_terminal(home, k2: K2Site):
    console = Console(file=io.StringIO(), force_terminal=True, force_interactive=True, width=120)
    with Store(resolve_places(home).database) as store, SyncDisplay(console) as display:
        sync_blocking(store, Config(sources=(k2.listing_url(),)), on_progress=display.update)
    screen = console.file.getvalue()
    assert "Fetching" in screen
    assert "40 digests found, 40 new, 0 updated, 0 failed" in screen


def test_addresses_that_are_not_http_are_a_usage_error(warday, home):
    result = warday("fetch", "ftp://newsscrollngr.com/index.php")
    assert result.code == 2
    assert "is not an http:// or https:// address" in result.err


def test_requests_name_warday_and_its_version(warday, home, k2: K2Site):
    from tui_reader import __version__

    write_config(home, sources=[k2.listing_url()])
    warday("fetch")
    assert {request.agent.split(" ")[0] for request in k2.requests} == {f"warday/{__version__}"}


def test_proxy_from_the_environment_is_used(warday, home, k2: K2Site, monkeypatch):
    with K2Site(digests=1) as proxy:  # answers absolute-form requests like a caching proxy
        monkeypatch.setenv("HTTP_PROXY", proxy.root)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        warday("fetch", k2.listing_url())
        assert proxy.count(k2.listing_url()) == 1
        assert k2.count("/itemlist/") == 0


def test_progress_names_each_stored_day_once_and_counts_only_go_up(home, k2: K2Site):
    events = []
    with Store(resolve_places(home).database) as store:
        report = sync_blocking(
            store, Config(sources=(k2.listing_url(),)), on_progress=events.append
        )
    assert sorted(event.last_day for event in events if event.last_day is not None) == sorted(
        story.day for story in k2.digests
    )
    for earlier, later in pairwise(events):
        assert later.pages_read >= earlier.pages_read
        assert later.new >= earlier.new
    assert (events[-1].pages_read, events[-1].new) == (report.pages_read, report.new)


def test_no_sources_at_all_is_explained(warday, home):
    write_config(home, sources=[])
    result = warday("fetch")
    assert result.code == 1
    assert "no sources; list some under `sources` in" in result.err

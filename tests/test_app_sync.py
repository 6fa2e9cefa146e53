"""The reader fetching in the background from a K2-like site on 127.0.0.1, keys never blocked."""

from __future__ import annotations

import socket
from dataclasses import replace
from pathlib import Path

import pytest
from conftest_app import QUIET, make_app, notices, perspectives_day, widget_text
from k2site import K2Site
from textual.widgets import Footer

from tui_reader.app.screens.reader import ReaderScreen
from tui_reader.app.screens.welcome import WelcomeScreen
from tui_reader.app.widgets.status_line import StatusLine

SIZE = (120, 40)


@pytest.fixture
def site(k2: K2Site) -> K2Site:  # noqa: F811 - k2 is the fixture imported above
    """The K2-like site of 40 digests on 127.0.0.1."""
    return k2


async def wait_until(pilot, condition, seconds: float = 15.0) -> None:
    """Let the app run until `condition()` holds (a fetch takes a moment)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the condition never held")


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/index.php/ns-special/itemlist/category/35-wars"


def status(app) -> str:
    """The status line of the screen shown ("" while that screen is still being built)."""
    lines = app.screen.query(StatusLine)
    return widget_text(app, lines.first()) if lines else ""


async def test_r_fetches_and_new_days_appear_in_the_list(home: Path, site: K2Site):
    config = replace(QUIET, sources=(site.listing_url(),))
    app = make_app(home, [perspectives_day(100)], config=config)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.day_list.days == [100]
        await pilot.press("r")
        newest = max(story.day for story in site.digests)
        await wait_until(pilot, lambda: "40 new" in status(app))
        await wait_until(pilot, lambda: len(app.screen.day_list.days) == 41)
        assert app.screen.day_list.days[0] == newest
        assert app.screen.day == 100, "fetching never moves the reader away from its day"
        await pilot.press("home")
        await pilot.pause()
        assert f"Day {newest} " in widget_text(app, app.screen.day_list)


async def test_keys_work_while_a_fetch_runs(home: Path, site: K2Site):
    site.item_delay = 0.2
    config = replace(QUIET, sources=(site.listing_url(),), concurrency=1)
    app = make_app(home, [perspectives_day(100), perspectives_day(99)], config=config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await wait_until(pilot, lambda: "fetching" in status(app))
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.day == 99
        assert app.workers, "the fetch is still running"
        await pilot.press("q")


async def test_fetch_on_start_leaves_the_welcome_screen_for_the_first_day(home: Path, site: K2Site):
    config = replace(QUIET, sources=(site.listing_url(),), sync_on_start=True)
    app = make_app(home, config=config)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await wait_until(pilot, lambda: "40 new" in status(app))
        await wait_until(pilot, lambda: len(app.screen.day_list.days) == 40)
        await wait_until(pilot, lambda: app.screen.day == max(app.screen.day_list.days))


async def test_offline_says_how_many_cached_days_are_shown(home: Path):
    config = replace(QUIET, sources=(closed_port_url(),), sync_on_start=True, timeout=2)
    app = make_app(home, [perspectives_day(100), perspectives_day(99)], config=config)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.day == 100, "the reader opens from the store before the network answers"
        await wait_until(pilot, lambda: "offline" in status(app))
        assert "showing 2 cached days" in status(app)


async def test_offline_on_the_welcome_screen_keeps_the_sample_one_key_away(home: Path):
    config = replace(QUIET, sources=(closed_port_url(),), sync_on_start=True, timeout=2)
    app = make_app(home, config=config)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "offline" in status(app))
        assert isinstance(app.screen, WelcomeScreen)
        assert status(app).endswith("; nothing is stored yet")
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.day == 993
        assert status(app).endswith("(connection refused); showing the bundled sample")


async def test_after_opening_the_sample_offline_the_status_line_is_one_right_row(home: Path):
    config = replace(QUIET, sources=(closed_port_url(),), sync_on_start=True, timeout=2)
    app = make_app(home, config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "offline" in status(app))
        await pilot.press("s")
        await pilot.pause()
        line = app.screen.query_one(StatusLine)
        assert line.region.height == 1
        assert line.region.bottom == app.screen.query_one(Footer).region.y
        assert status(app).startswith("offline: could not reach 127.0.0.1 (connection refused)")
        assert "0 cached days" not in status(app)
        assert "0 cached days" not in line.message
        assert line.message.endswith("; showing the bundled sample")


async def test_rating_is_sent_as_a_vote_when_configured(home: Path, site: K2Site):
    config = replace(QUIET, sources=(site.listing_url(),), submit_ratings=True)
    app = make_app(home, config=config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await wait_until(
            pilot, lambda: isinstance(app.screen, ReaderScreen) and "40 new" in status(app)
        )
        day = app.screen.day
        votes_before = list(site.digest(day).votes)
        await pilot.press("4")
        await wait_until(
            pilot, lambda: any(n.startswith(f"Vote for Day {day}") for n in notices(app))
        )
        assert f"Day {day} rated 4/5" in notices(app)
        assert f"Vote for Day {day}: the site says: Thanks for rating!" in notices(app)
        assert site.digest(day).votes == [*votes_before, 4]


async def test_r_while_fetching_says_a_fetch_is_running(home: Path, site: K2Site):
    site.item_delay = 0.2
    config = replace(QUIET, sources=(site.listing_url(),), concurrency=1)
    app = make_app(home, [perspectives_day(100)], config=config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await wait_until(pilot, lambda: "fetching" in status(app))
        await pilot.press("r")
        await pilot.pause()
        assert "A fetch is already running; its progress is on the status line." in notices(app)
        assert len([worker for worker in app.workers if worker.group == "sync"]) == 1
        await pilot.press("q")


async def test_a_fetch_that_updates_the_day_shown_shows_the_new_text(home: Path, site: K2Site):
    newest = max(story.day for story in site.digests)
    config = replace(QUIET, sources=(site.listing_url(),))
    app = make_app(home, [perspectives_day(newest)], config=config)
    async with app.run_test(size=SIZE) as pilot:
        left = app.screen.panes[0]
        assert f"Western headline {newest}" in widget_text(app, left)
        await pilot.press("r")
        await wait_until(pilot, lambda: "new" in status(app) and "fetching" not in status(app))
        await pilot.pause()
        assert app.screen.day == newest
        assert f"Kyiv reports heavy fighting near front town {newest} – governor" in widget_text(
            app, left
        )


async def test_a_page_that_breaks_parsing_is_one_failure_and_the_reader_goes_on(
    home: Path, site: K2Site
):
    """A deeply nested page once stopped the reader at every start; now it is one failed page."""
    broken = site.digests[5]
    site.faults[broken.item_id] = "nested"
    config = replace(QUIET, sources=(site.listing_url(),), sync_on_start=True)
    app = make_app(home, [perspectives_day(100)], config=config)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "39 new" in status(app) and "1 failed" in status(app))
        await wait_until(pilot, lambda: len(app.screen.day_list.days) == 40)
        assert broken.day not in app.screen.day_list.days
        await pilot.press("p")
        await pilot.pause()
        assert app.is_running
    app = make_app(home, config=config)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "fetching" not in status(app) and "failed" in status(app))
        assert app.is_running
        assert "0 failed" in status(app), "a page known not to be a digest is not tried again"


async def test_the_sites_answer_to_a_vote_is_shown_as_plain_text(home: Path, site: K2Site):
    site.vote_answer = "[bold red]Thanks[/] \x1b]52;c;aGk=\x07for [link=https://e.invalid]rating[/]"
    config = replace(QUIET, sources=(site.listing_url(),), submit_ratings=True)
    app = make_app(home, config=config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("r")
        await wait_until(
            pilot, lambda: isinstance(app.screen, ReaderScreen) and "40 new" in status(app)
        )
        day = app.screen.day
        await pilot.press("5")
        shown = f"Vote for Day {day}: the site says: [bold red]Thanks[/] for"
        await wait_until(pilot, lambda: any(n.startswith(shown) for n in notices(app)))
        await wait_until(pilot, lambda: shown in toasts(app))
        assert f"{shown} [link=https://e.invalid]rating[/]" in toasts(app), "never markup"


def toasts(app) -> str:
    """The text of the notifications on screen, one line."""
    from textual.widgets._toast import Toast

    texts = [widget_text(app, toast) for toast in app.screen.query(Toast)]
    return " ".join(" ".join(texts).split())

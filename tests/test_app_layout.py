"""The reader's layout by width, the choices it remembers, the day list as a drawer, the one-row
header, status line and footer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest_app import (
    make_app,
    notices,
    open_store,
    perspectives_day,
    sample,
    screen_text,
    widget_text,
)
from textual.widgets import Footer

from tui_reader.app.layout import DAY_LIST_MIN_WIDTH, PANE_TEXT_MIN_WIDTH, SIDE_BY_SIDE_MIN_WIDTH
from tui_reader.app.screens.help import HelpScreen
from tui_reader.app.screens.reader import ReaderScreen
from tui_reader.app.widgets.day_header import DayHeader
from tui_reader.app.widgets.day_list import DayList
from tui_reader.app.widgets.status_line import StatusLine
from tui_reader.model import SiteVotes
from tui_reader.sample import store_sample


def three_days():
    return [perspectives_day(1100), perspectives_day(1099), perspectives_day(1098)]


def reader(app) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen), f"expected the reader, got {app.screen!r}"
    return app.screen


def side_by_side(app) -> bool:
    left, right = reader(app).panes
    return left.region.y == right.region.y and left.region.x < right.region.x


def stacked(app) -> bool:
    left, right = reader(app).panes
    return left.region.x == right.region.x and left.region.y < right.region.y


def list_docked(app) -> bool:
    """The day list on screen beside the panes (not over them)."""
    day_list = reader(app).day_list
    return day_list.display and day_list.region.right <= reader(app).panes[0].region.x


def header(app) -> str:
    return str(app.screen.query_one(DayHeader).visual)


def row_of(app, text: str) -> int:
    """The screen row showing `text` (it must be on screen exactly once)."""
    rows = [y for y, line in enumerate(screen_text(app).splitlines()) if text in line]
    assert len(rows) == 1, f"{text!r} is on rows {rows}"
    return rows[0]


def reopen(home: Path, **options):
    """A second reader on the same store, as the next `warday` would open it."""
    return make_app(home, **options)


# -- layout by width -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "sides", "day_list"),
    [
        ((60, 20), "stacked", "hidden"),
        ((SIDE_BY_SIDE_MIN_WIDTH - 1, 24), "stacked", "hidden"),
        ((SIDE_BY_SIDE_MIN_WIDTH, 24), "side by side", "hidden"),
        ((80, 24), "side by side", "hidden"),
        ((100, 30), "side by side", "hidden"),
        ((DAY_LIST_MIN_WIDTH - 1, 30), "side by side", "hidden"),
        ((DAY_LIST_MIN_WIDTH, 30), "side by side", "docked"),
        ((120, 40), "side by side", "docked"),
        ((200, 50), "side by side", "docked"),
    ],
    ids=lambda value: f"{value[0]}x{value[1]}" if isinstance(value, tuple) else value,
)
async def test_default_layout_follows_the_width(
    home: Path, size: tuple[int, int], sides: str, day_list: str
):
    app = make_app(home, three_days())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert (side_by_side if sides == "side by side" else stacked)(app)
        assert list_docked(app) == (day_list == "docked")
        assert reader(app).day_list.display == (day_list == "docked")


@pytest.mark.parametrize("width", [SIDE_BY_SIDE_MIN_WIDTH, DAY_LIST_MIN_WIDTH])
async def test_side_by_side_each_side_keeps_33_columns_of_text(home: Path, width: int):
    app = make_app(home, three_days())
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        assert side_by_side(app)
        for pane in reader(app).panes:
            assert pane.text_width == PANE_TEXT_MIN_WIDTH == 33


async def test_at_80x24_both_headlines_start_on_the_same_row(home: Path):
    app = make_app(home, [sample()], day=993)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        western = row_of(app, "North Korea ratifies mutual")
        assert western == row_of(app, "Five Ukrainian tanks destroyed")
        lines = screen_text(app).splitlines()
        assert lines[western].index("North Korea") < lines[western].index("Five Ukrainian")
        assert app.focused is reader(app).panes[0], "with no list on screen, a pane has focus"


async def test_resizing_across_the_thresholds_changes_the_layout(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, DayList)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert side_by_side(app)
        assert not reader(app).day_list.display
        assert app.focused is reader(app).panes[0], "focus leaves the list as it goes"
        await pilot.resize_terminal(SIDE_BY_SIDE_MIN_WIDTH - 1, 30)
        await pilot.pause()
        assert stacked(app)
        await pilot.resize_terminal(SIDE_BY_SIDE_MIN_WIDTH, 30)
        await pilot.pause()
        assert side_by_side(app)


# -- the day list as a drawer ----------------------------------------------------------


async def test_backslash_opens_the_day_list_over_the_panes_at_80_columns(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=(80, 24)) as pilot:
        left, right = reader(app).panes
        widths = (left.region.width, right.region.width)
        await pilot.press("backslash")
        await pilot.pause()
        day_list = reader(app).day_list
        assert day_list.display
        assert app.focused is day_list
        assert (left.region.width, right.region.width) == widths, "the panes keep their room"
        assert day_list.region.overlaps(left.region)
        assert not day_list.region.overlaps(right.region), "the other side stays readable"
        await pilot.press("j")
        await pilot.pause()
        assert reader(app).day == 1099, "moving in the drawer shows each day at once"
        assert "Russian headline 1099" in widget_text(app, right)
        await pilot.press("escape")
        await pilot.pause()
        assert not day_list.display
        assert app.focused is left
        assert reader(app).day == 1099


async def test_enter_in_the_drawer_reads_the_day_and_closes_it(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab")
        right = reader(app).panes[1]
        assert app.focused is right
        await pilot.press("backslash", "j", "j", "enter")
        await pilot.pause()
        assert reader(app).day == 1098
        assert not reader(app).day_list.display
        assert app.focused is right, "focus goes back where it was"


async def test_tab_out_of_the_drawer_or_backslash_closes_it(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("backslash")
        await pilot.pause()
        assert reader(app).day_list.display
        await pilot.press("tab")
        await pilot.pause()
        assert not reader(app).day_list.display
        assert app.focused in reader(app).panes
        await pilot.press("backslash")
        await pilot.pause()
        assert reader(app).day_list.display
        await pilot.press("backslash")
        await pilot.pause()
        assert not reader(app).day_list.display


async def test_escape_on_a_docked_list_leaves_it_in_place(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert list_docked(app)


async def test_without_the_list_the_header_says_where_the_day_is(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert header(app).startswith("Day 1100 (1 of 3) · ")
        await pilot.press("p")
        await pilot.pause()
        assert header(app).startswith("Day 1099 (2 of 3) · ")
        await pilot.press("g", "1", "0", "9", "8", "enter")
        await pilot.pause()
        assert header(app).startswith("Day 1098 (3 of 3) · ")
        await pilot.press("backslash")
        await pilot.pause()
        assert "of 3" not in header(app), "the open list shows where the day is"
    app = make_app(home, day=1099)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "of 3" not in header(app)


# -- remembered choices ----------------------------------------------------------------


async def test_v_is_remembered_across_a_restart_for_its_width_class(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert stacked(app)
        assert "Sides stacked at this width from now on" in notices(app)
    app = reopen(home)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        assert stacked(app), "80 and 90 columns are the same width class"
    app = reopen(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert side_by_side(app), "a wide terminal keeps its own default"
    app = reopen(home)
    async with app.run_test(size=(70, 24)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert side_by_side(app)
    app = reopen(home)
    async with app.run_test(size=(70, 24)) as pilot:
        await pilot.pause()
        assert side_by_side(app), "narrow terminals remember side by side too"


async def test_swap_lock_and_list_are_remembered_per_width_class(home: Path):
    app = make_app(home, [perspectives_day(1100, count=12), perspectives_day(1099)])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s", "L", "backslash")
        await pilot.pause()
    app = reopen(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        left, right = reader(app).panes
        assert str(left.frame.border_title).startswith("Russian")
        assert not reader(app).day_list.display
        assert app.focused is left
        await pilot.press("end")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert right.scroll_y == right.max_scroll_y > 0, "the lock holds after a restart"
    app = reopen(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        left, right = reader(app).panes
        assert str(left.frame.border_title).startswith("Western"), "80 columns has its own choices"
        await pilot.press("end")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert right.scroll_y == 0


async def test_an_open_drawer_is_remembered(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("backslash")
        await pilot.pause()
    app = reopen(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert reader(app).day_list.display
        assert app.focused is reader(app).day_list


async def test_D_resets_every_width_class_and_0_still_clears_the_rating(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v", "s", "4")
        await pilot.pause()
    app = reopen(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v", "L")
        await pilot.pause()
        assert stacked(app)
        await pilot.press("0")
        await pilot.pause()
        assert stacked(app), "0 clears the rating and nothing else"
        assert open_store(home).day_entry(1100).rating is None
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert stacked(app), "the choices made at 120 columns are still there"
        await pilot.press("D")
        await pilot.pause()
        assert side_by_side(app)
        assert "Default layout at every width" in notices(app)
    app = reopen(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert side_by_side(app)
        assert list_docked(app)
        assert str(reader(app).panes[0].frame.border_title).startswith("Western")
    app = reopen(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert side_by_side(app)
        assert not reader(app).locked


async def test_the_default_layout_is_a_command_in_the_palette(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert stacked(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"default layout")
        await pilot.pause(0.3)
        assert "key: D" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert side_by_side(app)


async def test_unreadable_saved_choices_give_the_defaults(home: Path):
    store = open_store(home)
    store.set_state("layout", '{"medium": {"stacked": "yes"}, "wide": [1]} trailing')
    app = make_app(home, three_days())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert side_by_side(app)
    store.set_state("layout", '{"medium": {"stacked": true, "colour": true}, "wide": [1]}')
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert stacked(app), "a readable choice is kept beside unreadable ones"


# -- one row each: header, status line, footer -----------------------------------------


async def test_at_80_columns_the_header_keeps_day_date_stars_and_unread(home: Path):
    store_sample(open_store(home))
    voted = replace(perspectives_day(1100), site_votes=SiteVotes(count=1234, average=4.5))
    app = make_app(home, [voted, perspectives_day(1099)], day=993)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        text = header(app)
        assert text.startswith("Day 993 (3 of 3) · 12 Nov 2024 · bundled sample  ★★★★☆")
        assert text.endswith("  3 unread")
        assert len(text) <= 78
        await pilot.press("n", "n", "5")
        await pilot.pause()
        text = header(app)
        assert text.startswith("Day 1100 (1 of 3) · 27 Feb 2025")
        assert "★★★★★ (site 4.5/5, 1234)" in text
        assert text.endswith("  3 unread")
        assert len(text) <= 78


async def test_a_long_status_stays_on_one_row_and_shows_whole_in_help(home: Path):
    long = "fetching: " + ", ".join(f"{n} pages read from a slow mirror" for n in range(1, 6))
    app = make_app(home, three_days())
    async with app.run_test(size=(80, 24)) as pilot:
        app.say(long)
        await pilot.pause()
        line = app.screen.query_one(StatusLine)
        assert line.region.height == 1
        shown = widget_text(app, line)
        assert shown.endswith("…")
        assert long.startswith(shown[:-1])
        await pilot.click(StatusLine)
        await pilot.pause()
        assert long in notices(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert widget_text(app, app.screen.query_one("#status")) == f"Status: {long}"


async def test_the_footer_shows_the_main_keys_whole_on_one_row(home: Path):
    app = make_app(home, three_days())
    keys = ("n Next day", "p Prev day", "\\ Days", "12345 Rate", "? Keys", "q Quit")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):  # the footer fills in once the screen's bindings are known
            await pilot.pause(0.05)
            text = screen_text(app).splitlines()[-1]
            if "Quit" in text:
                break
        assert app.screen.query_one(Footer).region.height == 1
        for key in keys:
            assert key in text

"""The timeline screen, driven by keys through Pilot over a real store: `t`, the heat map's
marks, moving between cells and back in time, enter, and the sparklines of a term per side."""

from __future__ import annotations

from pathlib import Path

from conftest_app import (
    ELSEWHERE,
    day_with,
    make_app,
    notices,
    open_store,
    screen_text,
    widget_text,
)
from test_app_search import results_for

from tui_reader.app.screens.reader import ReaderScreen
from tui_reader.app.screens.timeline import TimelineScreen
from tui_reader.model import Digest, war_date

KURSK = "Troops fought near Kursk overnight."

FIRST_DAY = 901
"""Monday 12 August 2024 (Day 1000 is Tuesday 19 November 2024)."""


def archive() -> list[Digest]:
    """Days 901-1040 (20 weeks, Monday to Sunday), Days 950-956 (a week) missing. Only the
    Western side mentions Kursk in the first two weeks (every day), only the Russian side in
    weeks 10 and 11 (every day)."""
    days = []
    for day in range(FIRST_DAY, 1041):
        if 950 <= day <= 956:
            continue
        week = (day - FIRST_DAY) // 7
        days.append(
            day_with(
                day,
                western=KURSK if week in (0, 1) else ELSEWHERE,
                russian=KURSK if week in (10, 11) else ELSEWHERE,
            )
        )
    return days


def timeline(app) -> TimelineScreen:
    assert isinstance(app.screen, TimelineScreen), f"expected the timeline, got {app.screen!r}"
    return app.screen


def reader(app) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen), f"expected the reader, got {app.screen!r}"
    return app.screen


async def counted(pilot, term: str | None = None) -> TimelineScreen:
    """Wait until the timeline has counted `term` (or whatever its box holds)."""
    screen = timeline(pilot.app)
    for _ in range(250):
        await pilot.pause(0.02)
        counted = screen.query_counted
        if counted is not None and (term is None or counted.text == term):
            break
    await pilot.pause()
    return screen


def rows(app, widget) -> list[str]:
    """The lines `widget` shows, as they are (not joined)."""
    region = widget.content_region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    return [strip.crop(region.x, region.right).text for strip in strips]


async def test_t_opens_the_timeline_at_the_day_shown_with_each_day_marked(home: Path):
    app = make_app(home, archive(), day=1001)
    with open_store(home) as store:
        store.rate(1001, 4)
        store.set_read(1000, True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        screen = timeline(app)
        assert screen.heat_map.cursor == war_date(1001)
        assert widget_text(app, screen.query_one("#title")) == (
            "Timeline 12 Aug 2024 – 29 Dec 2024 133 days stored, 7 missing, 132 unread"
        )
        lines = rows(app, screen.heat_map)
        assert lines[0].startswith("    Aug"), "month labels over the weeks"
        monday, tuesday, wednesday = lines[1:4]
        assert tuesday[4:].split() == [*"○○○○○○○", "·", *"○○○○○○", "•", *"○○○○○"], (
            "a column a week: every Tuesday unread but Day 950's (missing) and Day 1000's (read)"
        )
        assert wednesday[4 + 2 * 14] == "4", "Day 1001 has 4 stars"
        assert monday.startswith("Mon ○ ○")
        assert "1 2 3 4 5 your stars ○ unread • read, not rated · not stored" in widget_text(
            app, screen.query_one("#legend")
        )
        assert widget_text(app, screen.query_one("#detail")).startswith(
            "Day 1001 · Wed 20 Nov 2024 · ★★★★☆ · unread"
        )
        await pilot.press("t")
        await pilot.pause()
        assert reader(app).day == 1001, "t again (or escape) goes back"


async def test_arrow_keys_move_between_cells_and_enter_opens_that_day(home: Path):
    app = make_app(home, archive(), day=1001)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("down", "down", "left")
        assert timeline(app).heat_map.cursor == war_date(1001 + 2 - 7)
        assert widget_text(app, timeline(app).query_one("#detail")).startswith("Day 996 · ")
        await pilot.press("enter")
        await pilot.pause()
        assert reader(app).day == 996
        assert reader(app).day_list.days[reader(app).day_list.highlighted] == 996


async def test_enter_on_a_day_not_stored_says_so_and_stays(home: Path):
    app = make_app(home, archive(), day=958)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("left")
        assert timeline(app).heat_map.cell().mark.value == "missing"
        assert "not stored" in widget_text(app, timeline(app).query_one("#detail"))
        await pilot.press("enter")
        await pilot.pause()
        assert "Day 951 is not stored; fetch it with r or `warday fetch`." in notices(app)
        assert isinstance(app.screen, TimelineScreen)


async def test_the_map_shows_the_latest_weeks_and_moves_back_in_time(home: Path):
    app = make_app(home, archive(), day=1040)
    async with app.run_test(size=(40, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        heat_map = timeline(app).heat_map
        assert heat_map.weeks_shown == 17
        assert list(heat_map.shown) == list(range(3, 20)), "the most recent weeks"
        assert rows(app, heat_map)[0].startswith("    Sep")
        await pilot.press("pageup")
        await pilot.pause()
        assert heat_map.cursor == war_date(1040 - 7 * 17)
        assert heat_map.shown[0] == 2, "a screenful back"
        await pilot.press("home")
        await pilot.pause()
        assert heat_map.cursor == war_date(FIRST_DAY)
        assert heat_map.shown[0] == 0
        assert rows(app, heat_map)[0].startswith("    Aug"), "back to the first week"
        await pilot.press("right")
        await pilot.pause()
        assert heat_map.cursor == war_date(FIRST_DAY + 7)
        await pilot.press("end")
        await pilot.pause()
        assert heat_map.cursor == war_date(1040)
        assert list(heat_map.shown) == list(range(3, 20))


async def test_a_term_shows_when_each_side_mentions_it_week_by_week(home: Path):
    app = make_app(home, archive(), day=1040)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        screen = timeline(app)
        assert "Type a term" in widget_text(app, screen.query_one("#status"))
        await pilot.press("slash", *"kursk", "enter")
        screen = await counted(pilot, "kursk")
        assert app.focused is screen.heat_map, "enter in the box goes back to the map"
        assert widget_text(app, screen.query_one("#status")) == (
            "kursk, days a week (0-7): W Western or bulletin 14 in all, R Russian 14"
        )
        west = rows(app, screen.query_one("#western"))[-1]
        east = rows(app, screen.query_one("#russian"))[-1]
        bars = {"western": [], "russian": []}
        for week in range(20):
            bars["western"].append(west[2 * week])
            bars["russian"].append(east[2 * week])
        floor = "▁"
        assert [n for n, bar in enumerate(bars["western"]) if bar != floor] == [0, 1]
        assert [n for n, bar in enumerate(bars["russian"]) if bar != floor] == [10, 11]
        top = rows(app, screen.query_one("#western"))[0]
        assert top[0] == "█", "a week with a mention every day reaches the top"
        assert set(west[1::2]) == {floor}, "a gap between the weeks"
        await pilot.press("home")
        assert widget_text(app, screen.query_one("#detail")).endswith("its week: 7 W, 0 R")


async def test_the_current_search_is_the_timelines_term(home: Path):
    app = make_app(home, archive(), day=1040)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await results_for(pilot, "kursk")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("t")
        screen = await counted(pilot)
        assert screen.box.value == "kursk"
        assert screen.query_counted is not None
        assert screen.query_counted.text == "kursk"


async def test_a_term_that_makes_no_sense_says_why(home: Path):
    app = make_app(home, archive(), day=1040)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("slash", *"kursk )")
        await pilot.pause()
        assert widget_text(app, timeline(app).query_one("#status")) == (
            'There is a ")" with no "(" before it; remove it or add the "(".'
        )
        await pilot.press("escape")
        assert app.focused is timeline(app).heat_map, "escape leaves the box for the map"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_ascii_mode_timeline_is_ascii(home: Path):
    app = make_app(home, archive(), day=1040, ascii=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("slash", *"kursk", "enter")
        await counted(pilot, "kursk")
        text = screen_text(app)
        body = text.splitlines()[1:-1]  # the footer's keys are the app's own
        assert all(line.isascii() for line in body), [line for line in body if not line.isascii()]
        assert "o unread   + read, not rated   . not stored" in text


async def test_a_name_is_counted_in_every_spelling(home: Path):
    days = [day_with(1000, western="Drones struck Kyiv."), day_with(1001, russian="Kiev said.")]
    app = make_app(home, days, day=1001)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("slash", *"kiev", "enter")
        screen = await counted(pilot, "kiev")
        assert widget_text(app, screen.query_one("#status")) == (
            "kiev, days a week (0-1): W Western or bulletin 1 in all, R Russian 1"
            " (every spelling of Kyiv)"
        )

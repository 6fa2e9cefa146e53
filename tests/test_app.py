"""The reader driven by keys through Textual's Pilot, over a real SQLite store in tmp_path."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from conftest_app import (
    QUIET,
    bulletin_day,
    make_app,
    notices,
    open_store,
    perspectives_day,
    sample,
    saved,
    screen_text,
    widget_text,
)

from tui_reader.app.screens.help import HelpScreen
from tui_reader.app.screens.reader import REMEMBER_SECONDS, ReaderScreen
from tui_reader.app.screens.welcome import WelcomeScreen
from tui_reader.app.widgets.day_header import DayHeader
from tui_reader.app.widgets.day_list import DayList
from tui_reader.app.widgets.perspective_pane import PerspectivePane
from tui_reader.model import Digest, Perspective
from tui_reader.places import resolve_places

WIDE = (140, 40)
NARROW = (80, 24)


def three_days() -> list[Digest]:
    return [perspectives_day(1100), perspectives_day(1099), perspectives_day(1098)]


def reader(app) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen), f"expected the reader, got {app.screen!r}"
    return app.screen


def pane_titles(app) -> list[str]:
    return [str(pane.frame.border_title) for pane in reader(app).panes if pane.display]


def header(app) -> str:
    return str(app.screen.query_one(DayHeader).visual)


def stored_rating(home: Path, day: int) -> int | None:
    """Read the rating with a separate SQLite connection, as another process would."""
    database = resolve_places(home).database
    with sqlite3.connect(database) as db:
        row = db.execute(
            "SELECT r.stars FROM rating r JOIN digest d ON d.id = r.digest_id WHERE d.day = ?",
            (day,),
        ).fetchone()
    return row[0] if row else None


# -- opening ---------------------------------------------------------------------------


async def test_opens_at_the_newest_day_with_both_sides_side_by_side(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert reader(app).day == 1100
        text = screen_text(app)
        assert "Western headline 1100" in text
        assert "Russian headline 1100" in text
        left, right = reader(app).panes
        assert left.region.y == right.region.y
        assert left.region.x < right.region.x
        assert "Day 1100" in header(app)


async def test_opens_at_the_last_day_read(home: Path):
    store = open_store(home)
    for digest in three_days():
        store.save(digest)
    store.set_state("last_day", "1099")
    app = make_app(home)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert reader(app).day == 1099


async def test_opens_at_the_day_asked_for_and_remembers_it(home: Path):
    app = make_app(home, three_days(), day=1098)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert reader(app).day == 1098
        assert reader(app).day_list.highlighted == 2
        await pilot.pause(REMEMBER_SECONDS + 0.2)
        await saved(pilot)
        assert open_store(home).get_state("last_day") == "1098"


async def test_days_passed_through_are_not_stored_and_quitting_remembers_the_day_shown(
    home: Path,
):
    app = make_app(home, three_days())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("p", "p", "n")
        await saved(pilot)
        assert reader(app).day == 1099
        assert open_store(home).get_state("last_day") is None
        await pilot.press("q")
    assert open_store(home).get_state("last_day") == "1099"


async def test_a_day_not_stored_opens_the_newest_and_says_so(home: Path):
    app = make_app(home, three_days(), day=5)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert reader(app).day == 1100
        assert "Day 5 is not stored; showing Day 1100." in notices(app)


async def test_empty_store_welcomes_and_s_opens_the_bundled_sample(home: Path):
    app = make_app(home)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        text = screen_text(app)
        assert "warday fetch" in text
        assert "warday import" in text
        assert "sample" in text
        await pilot.press("s")
        await pilot.pause()
        assert reader(app).day == 993
        assert "North Korea ratifies mutual defence treaty with Russia" in widget_text(
            app, reader(app).panes[0]
        )
        assert "bundled sample" in header(app)
    assert open_store(home).is_sample(993)


# -- layout ----------------------------------------------------------------------------


async def test_bulletin_day_fills_one_pane_with_headings_and_bullets(home: Path):
    app = make_app(home, [bulletin_day(210)])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert pane_titles(app) == ["Bulletin (Reuters)"]
        text = screen_text(app)
        assert "Bulletin lead of Day 210" in text
        assert "ENERGY" in text
        assert "• Gas flows through the pipeline fell again." in text
        assert "RUSSIAN MOBILISATION" in text
        assert "Russian perspective" not in text


async def test_missing_side_says_so_in_its_pane(home: Path):
    app = make_app(home, [perspectives_day(1101, sides=("western",))])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert pane_titles(app) == [
            "Western perspective (Reuters)",
            "Russian perspective (RT/TASS)",
        ]
        assert "This digest has no Russian perspective." in screen_text(app)


async def test_web_text_is_shown_literally_never_as_markup(home: Path):
    digest = perspectives_day(1102)
    odd = Perspective(
        "western", "Kyiv says [bold red]strike[/] hit [link=x]depot[/link]", ("[i]not italic[/i]",)
    )
    app = make_app(home, [replace(digest, perspectives=(odd, digest.perspectives[1]))])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        left = widget_text(app, reader(app).panes[0])
        assert "Kyiv says [bold red]strike[/] hit [link=x]depot[/link]" in left
        assert "[i]not italic[/i]" in left
        assert "W Kyiv says [bold red]st" in text


async def test_wide_terminal_caps_the_line_length(home: Path):
    app = make_app(home, [perspectives_day(1100, count=3)])
    async with app.run_test(size=(230, 50)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        left = reader(app).panes[0]
        assert left.size.width > 120
        assert left.text_width == 96


async def test_at_60_by_20_the_day_list_starts_hidden_and_the_headline_shows(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert not reader(app).day_list.display
        text = screen_text(app)
        assert "Western headline 1100" in text
        assert "Russian headline 1100" in text
        await pilot.press("backslash")
        await pilot.pause()
        assert reader(app).day_list.display


# -- moving ----------------------------------------------------------------------------


async def test_five_digit_days_keep_a_space_before_their_date_in_the_list(home: Path):
    app = make_app(home, [perspectives_day(10000), perspectives_day(9999)])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        text = widget_text(app, reader(app).day_list)
        assert "Day 10000 11 Jul 49" in text
        assert "Day 9999 10 Jul 49" in text


async def test_j_k_and_arrows_move_through_the_day_list(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, DayList)
        await pilot.press("j")
        await pilot.pause()
        assert reader(app).day == 1099
        await pilot.press("down")
        await pilot.pause()
        assert reader(app).day == 1098
        await pilot.press("k")
        await pilot.pause()
        assert reader(app).day == 1099
        await pilot.press("up")
        await pilot.pause()
        assert reader(app).day == 1100
        assert "Western headline 1100" in screen_text(app)


async def test_j_k_scroll_the_focused_pane(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=NARROW) as pilot:
        left = reader(app).panes[0]
        assert app.focused is left, "at 80 columns the reader starts in the first pane"
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert left.scroll_y == 3
        await pilot.press("k")
        await pilot.pause()
        assert left.scroll_y == 2
        assert reader(app).day == 1100


async def test_n_and_p_move_by_day_from_a_pane_and_stop_at_the_ends(home: Path):
    app = make_app(home, three_days(), day=1099)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("tab")
        assert isinstance(app.focused, PerspectivePane)
        await pilot.press("p")
        await pilot.pause()
        assert reader(app).day == 1098
        await pilot.press("p")
        await pilot.pause()
        assert "Day 1098 is the oldest stored day." in notices(app)
        await pilot.press("n", "n")
        await pilot.pause()
        assert reader(app).day == 1100
        assert reader(app).day_list.highlighted == 0
        await pilot.press("n")
        await pilot.pause()
        assert "Day 1100 is the newest stored day." in notices(app)


async def test_a_day_reached_with_n_and_p_shows_as_when_it_is_opened(home: Path):
    """The days either side are drawn ahead; what they show is what opening them shows, also
    after the sides are swapped and for a bulletin, and a day changed since is drawn anew."""
    days = [*three_days(), bulletin_day(1097)]
    opened = {}
    for day in (1100, 1099, 1098, 1097):
        app = make_app(home, days, day=day)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause()
            opened[day] = [widget_text(app, pane) for pane in reader(app).panes]
        for name in ("data", "config"):
            shutil.rmtree(home / name)
    app = make_app(home, days, day=1100)
    async with app.run_test(size=WIDE) as pilot:
        for day in (1099, 1098, 1097):
            await pilot.press("p")
            await pilot.pause()
            shown = [widget_text(app, pane) for pane in reader(app).panes]
            assert shown[0] == opened[day][0]
            if day != 1097:
                assert shown[1] == opened[day][1]
        await pilot.press("n", "s")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert [widget_text(app, pane) for pane in reader(app).panes] == opened[1099][::-1]
        western = Perspective("western", "A corrected headline", ("A corrected paragraph.",))
        changed = replace(perspectives_day(1100), perspectives=(western,))
        open_store(home).save(changed)
        await pilot.press("n")
        await pilot.pause()
        assert "A corrected headline A corrected paragraph." in widget_text(
            app, reader(app).panes[1]
        )


@pytest.mark.parametrize("opener", ["g", "colon"])
async def test_go_to_prompt_jumps_to_a_day(home: Path, opener: str):
    app = make_app(home, [*three_days(), sample()])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(opener, "9", "9", "3", "enter")
        await pilot.pause()
        assert reader(app).day == 993
        assert "Five Ukrainian tanks destroyed in Kursk Region – Russian MOD" in widget_text(
            app, reader(app).panes[1]
        )


async def test_go_to_an_unknown_day_warns_and_escape_cancels(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("g", "4", "2", "enter")
        await pilot.pause()
        assert reader(app).day == 1100
        assert any("Day 42 is not stored" in notice for notice in notices(app))
        await pilot.press("g", "1", "0", "9", "8", "escape")
        await pilot.pause()
        assert reader(app).day == 1100


async def test_tab_moves_focus_between_list_and_panes(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=WIDE) as pilot:
        left, right = reader(app).panes
        assert isinstance(app.focused, DayList)
        await pilot.press("tab")
        assert app.focused is left
        await pilot.press("tab")
        assert app.focused is right
        await pilot.press("tab")
        assert isinstance(app.focused, DayList)
        await pilot.press("shift+tab")
        assert app.focused is right


async def test_space_and_b_page_the_focused_pane(home: Path):
    app = make_app(home, [perspectives_day(1100, count=20)])
    async with app.run_test(size=NARROW) as pilot:
        left, right = reader(app).panes
        await pilot.press("tab")
        assert app.focused is right
        await pilot.press("space")
        await pilot.pause()
        assert right.scroll_y >= right.scrollable_content_region.height - 1
        assert left.scroll_y == 0
        await pilot.press("b")
        await pilot.pause()
        assert right.scroll_y == 0


async def test_space_pages_the_first_pane_when_the_list_has_focus(home: Path):
    app = make_app(home, [perspectives_day(1100, count=20)])
    async with app.run_test(size=WIDE) as pilot:
        assert isinstance(app.focused, DayList)
        await pilot.press("space")
        await pilot.pause()
        assert reader(app).panes[0].scroll_y > 0


# -- rating and read state -------------------------------------------------------------


async def test_rating_is_stored_and_shown_in_list_and_header(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("4")
        await saved(pilot)
        assert stored_rating(home, 1100) == 4
        assert "★★★★☆" in header(app)
        assert "Day 1100 27 Feb 25 ★★★★☆" in screen_text(app)
        assert "Day 1100 rated 4/5" in notices(app)
        await pilot.press("j", "1")
        await saved(pilot)
        assert stored_rating(home, 1099) == 1
        await pilot.press("0")
        await saved(pilot)
        assert stored_rating(home, 1099) is None
        await pilot.pause()
        assert "Day 1099 rating cleared" in notices(app)
        assert stored_rating(home, 1100) == 4


@pytest.mark.parametrize("stars", [1, 2, 3, 5])
async def test_every_star_key_rates(home: Path, stars: int):
    app = make_app(home, three_days())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(str(stars))
        await saved(pilot)
        assert stored_rating(home, 1100) == stars


async def test_u_toggles_read_and_the_unread_count_follows(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert "3 unread" in header(app)
        await pilot.press("u")
        await saved(pilot)
        assert open_store(home).is_read(1100)
        assert "2 unread" in header(app)
        assert "Day 1100 marked read" in notices(app)
        await pilot.press("u")
        await saved(pilot)
        assert not open_store(home).is_read(1100)
        assert "3 unread" in header(app)
        assert "Day 1100 27 Feb 25 ☆☆☆☆☆ new" in screen_text(app)


async def test_a_day_becomes_read_after_being_shown_a_while(home: Path):
    app = make_app(home, three_days(), config=replace(QUIET, read_after_seconds=0.5))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause(0.8)
        await saved(pilot)
        assert open_store(home).is_read(1100)
        assert "2 unread" in header(app)
        await pilot.press("j", "j")
        await pilot.pause(0.8)
        await saved(pilot)
        assert not open_store(home).is_read(1099), "a day skipped past is not read"
        assert open_store(home).is_read(1098)


async def test_a_day_becomes_read_when_scrolled_to_its_end(home: Path):
    app = make_app(home, [perspectives_day(1100, count=12), perspectives_day(1099)])
    async with app.run_test(size=NARROW) as pilot:
        left, right = reader(app).panes
        await pilot.press("end")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert left.scroll_y == left.max_scroll_y > 0
        assert not open_store(home).is_read(1100), "one side still has more to read"
        await pilot.press("tab", "end")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert right.scroll_y == right.max_scroll_y > 0
        await saved(pilot)
        assert open_store(home).is_read(1100)
        assert not open_store(home).is_read(1099)


# -- panes -----------------------------------------------------------------------------


async def test_s_swaps_the_sides(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=WIDE) as pilot:
        assert pane_titles(app)[0].startswith("Western")
        await pilot.press("s")
        await pilot.pause()
        assert pane_titles(app) == [
            "Russian perspective (RT/TASS)",
            "Western perspective (Reuters)",
        ]
        await pilot.press("p")
        await pilot.pause()
        assert pane_titles(app)[0].startswith("Russian"), "the swap holds for the next day"


async def test_z_zooms_the_focused_pane_and_back(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=WIDE) as pilot:
        right = reader(app).panes[1]
        await pilot.press("tab", "tab", "z")
        await pilot.pause()
        assert app.screen.maximized is right.frame
        assert right.frame.region.width == WIDE[0]
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.maximized is None


async def test_backslash_hides_and_shows_the_day_list(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=WIDE) as pilot:
        left = reader(app).panes[0]
        narrow = left.region.width
        await pilot.press("backslash")
        await pilot.pause()
        assert not reader(app).day_list.display
        assert left.region.width > narrow
        assert app.focused is left
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("backslash")
        await pilot.pause()
        assert reader(app).day_list.display


async def test_L_locks_the_two_panes_scrolling_together(home: Path):
    app = make_app(home, [perspectives_day(1100, count=12)])
    async with app.run_test(size=NARROW) as pilot:
        left, right = reader(app).panes
        await pilot.press("j", "j")
        await pilot.pause()
        assert right.scroll_y == 0, "unlocked, each pane scrolls on its own"
        await pilot.press("L")
        await pilot.pause()
        assert "Panes scroll together" in notices(app)
        await pilot.press("end")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert right.scroll_y == right.max_scroll_y > 0
        await pilot.press("L", "home")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert left.scroll_y == 0
        assert right.scroll_y == right.max_scroll_y


# -- help, palette, quitting, config ---------------------------------------------------


async def test_question_mark_lists_every_key_and_escape_closes(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=(100, 80)) as pilot:  # every key on one screen
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = widget_text(app, app.screen.query_one("HelpScreen Static"))
        for key, description in [
            ("n", "Next day"),
            ("L", "Lock scrolling"),
            ("\\", "Days"),
            ("0", "Clear rating"),
            ("c", "Compare the sides"),
            ("t", "Timeline"),
        ]:
            assert description in text
            assert key in text
        assert "toggle_lock" in text
        assert "Id in [keys]" in text
        assert "Open the sample open_sample welcome screen" in text
        assert "Search the archive for the name strip_choose compare strip" in text
        assert "Open the day timeline_open timeline" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_q_quits(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_every_key_is_a_command_in_the_palette(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"swap sides")
        await pilot.pause(0.3)
        assert "key: s" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert pane_titles(app)[0].startswith("Russian")
        await pilot.press("ctrl+p")
        await pilot.press(*"quit")
        await pilot.pause(0.3)
        commands = widget_text(app, app.screen.query_one("CommandList"))
        assert commands.count("Quit") == 1, "one Quit command, not Textual's too"
        await pilot.press(*["backspace"] * 4, *"rate 3")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await saved(pilot)
        assert stored_rating(home, 1100) == 3


async def test_keys_are_remapped_from_config(home: Path):
    config = replace(
        QUIET, keys={"next_day": "right_square_bracket", "previous_day": "left_square_bracket,p"}
    )
    app = make_app(home, three_days(), config=config, day=1099)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert reader(app).day == 1099, "n no longer moves once remapped"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert reader(app).day == 1100
        await pilot.press("left_square_bracket", "p")
        await pilot.pause()
        assert reader(app).day == 1098


async def test_unknown_key_ids_in_config_are_named(home: Path):
    app = make_app(home, three_days(), config=replace(QUIET, keys={"next_dya": "x"}))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert any("next_dya" in notice and "warday keys" in notice for notice in notices(app))


async def test_a_theme_picked_is_saved_to_config(home: Path):
    app = make_app(home, three_days())
    config_file = resolve_places(home).config_file
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        app.theme = "ansi-dark"
        await pilot.pause()
    assert 'theme = "ansi-dark"' in config_file.read_text()


async def test_configured_theme_is_used_and_an_unknown_one_named(home: Path):
    app = make_app(home, three_days(), config=replace(QUIET, theme="ansi-light"))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.theme == "ansi-light"
    app = make_app(home, config=replace(QUIET, theme="no-such-theme"))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert any('no theme "no-such-theme"' in notice for notice in notices(app))


async def test_ascii_mode_uses_ascii_stars_borders_and_text(home: Path):
    app = make_app(home, [*three_days(), sample()], ascii=True, day=993)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        text = screen_text(app)
        assert "Day 993  12 Nov 24 **..." in text
        assert "+- Western perspective (Reuters)" in text
        assert "Five Ukrainian tanks destroyed in Kursk Region - Russian MOD" in widget_text(
            app, reader(app).panes[1]
        )
        assert text.isascii(), [c for c in text if not c.isascii()]
        await pilot.press("question_mark")
        await pilot.pause()
        assert "j, down" in screen_text(app)
        assert screen_text(app).isascii()


async def test_a_damaged_database_ends_with_a_plain_message(
    home: Path, capsys: pytest.CaptureFixture[str]
):
    app = make_app(home, three_days())
    database = resolve_places(home).database
    with sqlite3.connect(database) as other:
        other.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.write_bytes(b"this is not a database " * 200)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
    assert app.return_code == 1
    message = " ".join(capsys.readouterr().err.split())
    assert "is damaged (file is not a database). Run warday again: it moves the file" in message
    assert "Traceback" not in message


async def test_zoomed_pane_that_a_bulletin_day_hides_is_unzoomed(home: Path):
    app = make_app(home, [perspectives_day(300), bulletin_day(299)])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("tab", "tab", "z")
        await pilot.pause()
        assert app.screen.maximized is reader(app).panes[1].frame
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.maximized is None
        assert "Bulletin lead of Day 299" in widget_text(app, reader(app).panes[0])


async def test_a_long_list_opens_scrolled_to_the_day_shown_and_follows_moves(home: Path):
    app = make_app(home, [perspectives_day(day, count=2) for day in range(1, 401)], day=7)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        listed = widget_text(app, reader(app).day_list)
        assert "Day 7 " in listed
        assert "Day 400 " not in listed
        await pilot.press("end")
        await pilot.pause()
        assert "Day 1 " in widget_text(app, reader(app).day_list)
        await pilot.press("home")
        await pilot.pause()
        assert reader(app).day == 400
        assert "Day 400 " in widget_text(app, reader(app).day_list)


async def test_a_list_longer_than_what_is_kept_loaded_shows_every_day_right(home: Path):
    store = open_store(home)
    with store.batch():
        for day in range(1, 1001):
            store.save(perspectives_day(day, count=1))
        store.rate(1, 3)
        store.set_read(2)
    app = make_app(home)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert "Day 1000 " in widget_text(app, reader(app).day_list)
        await pilot.press("end")
        await pilot.pause()
        listed = widget_text(app, reader(app).day_list)
        assert "Day 1 24 Feb 22 ★★★☆☆ new" in listed
        assert "Day 2 25 Feb 22 ☆☆☆☆☆ W Western headline 2" in listed
        assert reader(app).day == 1
        await pilot.press("4")
        await pilot.press("home")
        await pilot.pause()
        assert "Western headline 1000" in widget_text(app, reader(app).day_list)
        await pilot.press("end")
        await pilot.pause()
        assert "Day 1 24 Feb 22 ★★★★☆ new" in widget_text(app, reader(app).day_list)
        assert "1000 unread" not in header(app)
        assert "999 unread" in header(app)

"""Search in the reader, driven by keys through Pilot over a real store: `/`, typing, results,
enter, n/N, escape, tab, recent searches and the day list filter."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest_app import make_app, notices, open_store, screen_text, widget_text

from tui_reader.app.screens.reader import ReaderScreen
from tui_reader.app.screens.search import SearchScreen
from tui_reader.importer import import_paths
from tui_reader.model import Digest, Kind, Perspective
from tui_reader.passages import passages
from tui_reader.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
WIDE = (140, 40)


def kursk_day(day: int, side: str, paragraph: str) -> Digest:
    """A day where only `side` names Kursk, in its second paragraph."""
    other = "russian" if side == "western" else "western"
    return Digest(
        day=day,
        title=f"What to know after Day {day} of Russia-Ukraine war",
        kind=Kind.PERSPECTIVES,
        perspectives=(
            Perspective(side, f"Headline of Day {day}", ("Nothing here.", paragraph)),
            Perspective(other, f"Other side of Day {day}", ("Nothing there either.",)),
        ),
    )


def archive(home: Path) -> list[Digest]:
    """Store the text fixtures (Day 210 is a 2022 bulletin) in `home`; returns extra days where
    Kursk comes up again (Days 1100 and 1200), for make_app to store."""
    with open_store(home) as store:
        assert all(r.outcome != "skipped" for r in import_paths(store, [str(FIXTURES / "text")]))
    return [
        kursk_day(1100, "western", "Troops held positions in the Kursk region."),
        kursk_day(1200, "russian", "Kursk governor reported drone strikes."),
    ]


def reader(app) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen), f"expected the reader, got {app.screen!r}"
    return app.screen


def search_screen(app) -> SearchScreen:
    assert isinstance(app.screen, SearchScreen), f"expected search, got {app.screen!r}"
    return app.screen


async def results_for(pilot, text: str) -> SearchScreen:
    """Type `text` into the search screen and wait until its results are listed."""
    await pilot.press(*text)
    screen = search_screen(pilot.app)
    for _ in range(250):
        await pilot.pause(0.02)
        if screen.up_to_date:
            break
    await pilot.pause()
    return screen


def listed(screen: SearchScreen) -> list[tuple[int, str]]:
    return [(hit.day, hit.side) for hit in screen.hits]


async def open_result(pilot, screen: SearchScreen, result: tuple[int, str]) -> None:
    """Move down to `result` and press enter."""
    await pilot.press(*["down"] * listed(screen).index(result), "enter")
    await pilot.pause()


def marked_words(app, pane) -> list[str]:
    """The text under each highlight drawn in `pane`, in order."""
    texts = {(p.side, p.part, p.line): p.text for p in passages(reader(app).digest)}
    return [texts[h.address][h.start : h.end] for h in pane.highlights]


def current(app) -> tuple[str, str]:
    """(pane id, matched text) of the match n and N stepped to."""
    for pane in reader(app).panes:
        for highlight in pane.highlights:
            if highlight.style == "current":
                texts = {(p.side, p.part, p.line): p.text for p in passages(reader(app).digest)}
                return pane.id or "", texts[highlight.address][highlight.start : highlight.end]
    raise AssertionError("no match is current")


async def test_slash_opens_search_and_results_update_as_one_types(home: Path):
    app = make_app(home, archive(home), day=1002)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        screen = search_screen(app)
        assert app.focused is screen.box
        assert "words" in widget_text(app, screen.query_one("#status")), "a hint before typing"
        screen = await results_for(pilot, "kurs")
        assert sorted(listed(screen)) == [
            (993, "russian"),
            (993, "western"),
            (1100, "western"),
            (1200, "russian"),
        ], "the word being typed finds the words it begins"
        text = widget_text(app, screen.results)
        assert "Day 993 12 Nov 24 Russian Five Ukrainian tanks destroyed in Kursk Region" in text
        assert "4 results" in widget_text(app, screen.query_one("#status"))
        screen = await results_for(pilot, "k governor")
        assert listed(screen) == [(1200, "russian")]
        assert "1 result" in widget_text(app, screen.query_one("#status"))


async def test_the_box_never_waits_for_a_slow_query_and_typing_runs_one_query_at_a_time(
    home: Path, monkeypatch: pytest.MonkeyPatch
):
    app = make_app(home, archive(home), day=1002)
    release = threading.Event()
    ran: list[str] = []
    search = Store.search

    def slow_search(self, query, *args, **kwargs):
        ran.append(query.text)
        release.wait(5)
        return search(self, query, *args, **kwargs)

    monkeypatch.setattr(Store, "search", slow_search)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"kursk")
        await pilot.pause()
        screen = search_screen(app)
        assert screen.box.value == "kursk", "every key shows while the first query runs"
        assert ran == ["k"], "later keys wait for it, not pile up"
        release.set()
        for _ in range(100):
            await pilot.pause(0.02)
            if screen.listed is not None and screen.listed.text == "kursk":
                break
        assert ran == ["k", "kursk"], "then the newest text runs, once"
        assert len(screen.hits) == 4


async def test_a_query_that_makes_no_sense_says_why_in_the_screen(home: Path):
    app = make_app(home, archive(home), day=1002)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        await pilot.press(*"kursk )")
        await pilot.pause()
        status = widget_text(app, search_screen(app).query_one("#status"))
        assert status == 'There is a ")" with no "(" before it; remove it or add the "(".'
        await pilot.press("backspace")
        screen = await results_for(pilot, "")
        assert len(screen.hits) == 4, "an unfinished bracket is forgiven while typing"


async def test_enter_opens_the_day_with_every_match_highlighted_at_the_first(home: Path):
    app = make_app(home, archive(home), day=1002)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        screen = await results_for(pilot, "kursk")
        await open_result(pilot, screen, (993, "russian"))
        shown = reader(app)
        assert shown.day == 993
        left, right = shown.panes
        assert marked_words(app, left) == ["Kursk"], "Reuters names Kursk once"
        assert set(marked_words(app, right)) == {"Kursk"}
        assert len(marked_words(app, right)) == sum(
            p.text.count("Kursk") for p in passages(shown.digest) if p.side == "russian"
        )
        assert current(app) == ("right", "Kursk"), "at the first match of the side picked"
        assert app.focused is right
        assert left.scroll_y > 0, "the other pane is at its first match too"
        assert any("n and N step through them" in notice for notice in notices(app))


async def test_n_and_N_step_through_the_matches_of_both_panes_and_on_to_other_days(home: Path):
    app = make_app(home, archive(home), day=1002)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        screen = await results_for(pilot, "kursk")
        await open_result(pilot, screen, (993, "western"))
        assert reader(app).day == 993
        assert current(app) == ("left", "Kursk"), "Reuters' one mention, far down its pane"
        left, right = reader(app).panes
        assert left.scroll_y > 0
        rt = len(marked_words(app, right))
        assert rt == sum(p.text.count("Kursk") for p in passages(reader(app).digest)) - 1
        await pilot.press("n")
        await pilot.pause()
        assert current(app) == ("right", "Kursk")
        assert app.focused is right
        assert right.scroll_y == 0, "RT's first mention is in its headline"
        await pilot.press(*"n" * (rt - 1))
        await pilot.pause()
        assert reader(app).day == 993
        deep = right.scroll_y
        assert deep > 0, "the last mention is far down"
        await pilot.press("n")
        await pilot.pause()
        assert reader(app).day == 1100, "past the last match, n goes on to the next day with one"
        assert current(app) == ("left", "Kursk")
        await pilot.press("n")
        await pilot.pause()
        assert reader(app).day == 1200
        assert current(app) == ("right", "Kursk")
        await pilot.press("n")
        await pilot.pause()
        assert reader(app).day == 1200
        assert "No newer day matches kursk." in notices(app)
        await pilot.press("N", "N")
        await pilot.pause()
        assert reader(app).day == 993, "N goes back to the last match of the day before"
        assert current(app) == ("right", "Kursk")
        assert right.scroll_y == deep


async def test_escape_ends_the_search_and_n_is_next_day_again(home: Path):
    app = make_app(home, archive(home), day=1002)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        screen = await results_for(pilot, "kursk")
        await open_result(pilot, screen, (993, "russian"))
        assert "n Next match" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert all(not pane.highlights for pane in reader(app).panes)
        assert "n Next day" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert reader(app).day == 994


async def test_moving_to_another_day_keeps_its_matches_highlighted(home: Path):
    app = make_app(home, archive(home), day=1002)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        await results_for(pilot, "kursk")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("g", *"1100", "enter")
        await pilot.pause()
        assert marked_words(app, reader(app).panes[0]) == ["Kursk"]


async def test_tab_restricts_the_results_to_a_side(home: Path):
    app = make_app(home, archive(home), day=1002)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        screen = await results_for(pilot, "kursk")
        assert {side for _, side in listed(screen)} == {"western", "russian"}
        await pilot.press("tab")
        screen = await results_for(pilot, "")
        assert screen.side == "western"
        assert sorted(listed(screen)) == [(993, "western"), (1100, "western")]
        await pilot.press("tab")
        screen = await results_for(pilot, "")
        assert sorted(listed(screen)) == [(993, "russian"), (1200, "russian")]
        await pilot.press("tab")
        screen = await results_for(pilot, "")
        assert listed(screen) == [], "no bulletin names Kursk"
        assert "0 results" in widget_text(app, screen.query_one("#status"))
        await pilot.press("shift+tab")
        screen = await results_for(pilot, "")
        assert screen.side == "russian"
        assert app.focused is screen.box, "tab never leaves the box"


async def test_recent_searches_come_back_with_up_even_after_a_restart(home: Path):
    app = make_app(home, archive(home), day=1002)
    async with app.run_test(size=WIDE) as pilot:
        for text in ("tanks", "kursk"):
            await pilot.press("slash")
            await results_for(pilot, text)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("escape")
    app = make_app(home, day=1002)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        screen = search_screen(app)
        await pilot.press("up")
        await pilot.pause()
        assert screen.box.value == "kursk"
        await results_for(pilot, "")
        await pilot.press("down")
        assert screen.results.highlighted == 1, "down picks a result"
        await pilot.press("up", "up")
        await pilot.pause()
        assert screen.box.value == "tanks", "up past the first result goes back in searches"
        await pilot.press("ctrl+u", *"ku")
        await pilot.pause()
        assert widget_text(app, screen.box) == "kursk", "typing suggests a recent search"


async def test_ctrl_f_lists_only_the_matching_days_until_escape(home: Path):
    app = make_app(home, archive(home), day=1002)
    async with app.run_test(size=WIDE) as pilot:
        days = reader(app).day_list
        everything = list(days.days)
        await pilot.press("slash")
        screen = await results_for(pilot, "kursk")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert days.days == [1200, 1100, 993]
        assert str(days.border_title) == "kursk · 3 days"
        assert "kursk · 3 days" in screen_text(app)
        assert reader(app).day == screen.hits[0].day, "at the result picked"
        await pilot.press("g", *"1002", "enter", "p")
        await pilot.pause()
        assert reader(app).day == 993, "p goes to the listed day before the one shown"
        await pilot.press("p")
        await pilot.pause()
        assert "Day 993 is the oldest listed day." in notices(app)
        days.focus()
        await pilot.press("up")
        await pilot.pause()
        assert reader(app).day == 1100, "the list moves over matching days only"
        await pilot.press("escape")
        await pilot.pause()
        assert days.days == everything
        assert not days.border_title
        assert reader(app).day == 1100
        assert all(not pane.highlights for pane in reader(app).panes)


async def test_bulletins_are_found_and_highlighted_in_their_pane(home: Path):
    app = make_app(home, archive(home), day=1002)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        screen = await results_for(pilot, "mobilisation")
        assert listed(screen) == [(210, "bulletin")]
        await pilot.press("enter")
        await pilot.pause()
        assert reader(app).day == 210
        assert marked_words(app, reader(app).panes[0]) == ["mobilisation", "MOBILISATION"]


async def test_markup_in_web_text_is_shown_literally_in_results(home: Path):
    app = make_app(home, archive(home), day=1002)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        screen = await results_for(pilot, "depot")
        text = widget_text(app, screen.results)
        assert "Ukraine says [bold red]strike[/] hit depot" in text
        assert "[link=https://example.invalid]here[/link]" in text


async def test_ascii_mode_search_is_ascii(home: Path):
    app = make_app(home, archive(home), day=1002, ascii=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        await results_for(pilot, "kursk")
        assert screen_text(app).isascii()
        await pilot.press("enter")
        await pilot.pause()
        assert screen_text(app).isascii()
        assert marked_words(app, reader(app).panes[1])[0] == "Kursk"


async def test_at_80_columns_the_footer_keeps_quit_while_a_search_is_shown(home: Path):
    app = make_app(home, archive(home), day=1002)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        screen = await results_for(pilot, "kursk")
        await open_result(pilot, screen, (993, "russian"))
        await pilot.pause(0.2)
        footer = screen_text(app).splitlines()[-1]
        assert "n Next match" in footer
        assert "q Quit" in footer


async def test_a_name_is_found_in_every_spelling_and_quotes_keep_it_as_typed(home: Path):
    app = make_app(home, archive(home), day=1002)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        screen = await results_for(pilot, "kiev")
        found = listed(screen)
        assert (993, "russian") in found, "the Russian side writes Kiev"
        assert (993, "western") in found, "the Western side writes Kyiv"
        assert "every spelling of Kyiv" in widget_text(app, screen.query_one("#status"))
        await open_result(pilot, screen, (993, "western"))
        left, right = reader(app).panes
        assert set(marked_words(app, left)) == {"Kyiv"}
        assert set(marked_words(app, right)) == {"Kiev"}
        await pilot.press("slash", *["backspace"] * 4)
        screen = await results_for(pilot, '"kiev"')
        assert (993, "western") not in listed(screen)
        assert "every spelling" not in widget_text(app, screen.query_one("#status"))

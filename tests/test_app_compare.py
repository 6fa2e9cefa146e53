"""Compare mode in the reader, driven by keys through Pilot over a real store: `c`, the styles
drawn in both panes, the strip and its keys, moving between days, restarts, ASCII and NO_COLOR."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest_app import (
    bulletin_day,
    drawn,
    make_app,
    notices,
    open_store,
    perspectives_day,
    sample,
    widget_text,
)
from test_app_search import results_for

from tui_reader.app.screens.reader import ReaderScreen
from tui_reader.app.screens.search import SearchScreen
from tui_reader.app.widgets.compare_strip import CompareStrip
from tui_reader.model import Digest, Kind, Perspective
from tui_reader.passages import passages

WIDE = (160, 50)


def drones_day(day: int = 1000) -> Digest:
    """Both sides count drones (14 and 27) and name Kyiv and Odesa, each in its own spelling."""
    return Digest(
        day=day,
        title=f"What to know after Day {day} of Russia-Ukraine war",
        kind=Kind.PERSPECTIVES,
        perspectives=(
            Perspective(
                "western",
                "Russia launches drones at Kyiv – Reuters",
                (
                    "Officials in Kharkiv said three civilians were wounded.",
                    "Ukraine's air force said it shot down 14 drones launched by Russia"
                    " overnight over Kyiv and Odesa.",
                ),
            ),
            Perspective(
                "russian",
                "Russian forces strike Kiev – TASS",
                (
                    "The Russian military launched 27 drones at targets in Kiev and Odessa,"
                    " the Defense Ministry said.",
                ),
            ),
        ),
    )


PLACES = (
    ("Kyiv", "Kiev"),
    ("Kharkiv", "Kharkov"),
    ("Odesa", "Odessa"),
    ("Mykolaiv", "Nikolaev"),
    ("Zaporizhzhia", "Zaporozhye"),
    ("Luhansk", "Lugansk"),
    ("Dnipro", "Dnepr"),
    ("Kherson", "Kherson"),
    ("Sumy", "Sumy"),
)


def many_places_day(day: int = 994) -> Digest:
    """Both sides name nine places, each side in its own spelling."""
    west = ", ".join(west for west, _ in PLACES)
    east = ", ".join(east for _, east in PLACES)
    return Digest(
        day=day,
        title=f"What to know after Day {day} of Russia-Ukraine war",
        kind=Kind.PERSPECTIVES,
        perspectives=(
            Perspective("western", "Strikes across Ukraine – Reuters", (f"Sirens in {west}.",)),
            Perspective("russian", "Strikes on Ukraine – TASS", (f"Targets hit in {east}.",)),
        ),
    )


def reader(app) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen), f"expected the reader, got {app.screen!r}"
    return app.screen


def strip(app) -> CompareStrip:
    return reader(app).query_one(CompareStrip)


async def compared(pilot) -> ReaderScreen:
    """Wait until compare mode is on and drawn (the first time loads it in a thread)."""
    screen = reader(pilot.app)
    for _ in range(250):
        await pilot.pause(0.02)
        if screen.comparing and screen._comparer is not None:
            break
    await pilot.pause()
    assert screen.comparing, "compare mode did not come on"
    assert screen._comparer is not None, "compare mode did not load"
    return screen


def styles(app, pane) -> dict[str, set[str]]:
    """The highlighted words of `pane` by compare style (`shared`, `only`, `figure`)."""
    texts = {(p.side, p.part, p.line): p.text for p in passages(reader(app).digest)}
    found: dict[str, set[str]] = {}
    for highlight in pane.highlights:
        found.setdefault(highlight.style, set()).add(
            texts[highlight.address][highlight.start : highlight.end]
        )
    return found


async def test_c_marks_shared_names_one_sided_names_and_figures_in_both_panes(home: Path):
    app = make_app(home, [sample()], day=993)
    async with app.run_test(size=WIDE) as pilot:
        assert not strip(app).display
        await pilot.press("c")
        await compared(pilot)
        west, east = reader(app).panes
        west_styles, east_styles = styles(app, west), styles(app, east)
        assert {"Kursk", "Vladimir Putin", "Putin", "Kyiv"} <= west_styles["shared"]
        assert {"Kursk Region", "Vladimir Putin", "Kiev"} <= east_styles["shared"]
        assert {"North Korea", "KCNA", "Kim Jong Un"} <= west_styles["only"]
        assert "North Korea" not in east_styles.get("only", set()) | east_styles["shared"]
        assert {"Moscow", "Daryino", "HIMARS"} <= east_styles["only"]
        assert "more than 10,000 North Korean soldiers" in west_styles["figure"]
        assert {"Five Ukrainian tanks", "more than 300 troops"} <= east_styles["figure"]
        everything = set().union(*west_styles.values(), *east_styles.values())
        assert not {"Russia", "Ukraine"} & everything, "the two parties are left plain"

        await pilot.press("c")
        await pilot.pause()
        assert not strip(app).display
        assert west.highlights == ()
        assert east.highlights == ()


async def test_each_kind_of_mark_looks_different_without_colour(
    home: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(home, [sample()], day=993)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        await compared(pilot)
        west, east = reader(app).panes
        shared = drawn(app, east, "Kiev")
        assert shared.bold
        assert shared.italic
        assert not shared.reverse
        only = drawn(app, west, "KCNA")
        assert only.italic
        assert not only.bold
        headline = drawn(app, west, "ratifies mutual")
        assert headline.bold
        assert not headline.italic
        only_in_headline = drawn(app, west, "North Korea")
        assert only_in_headline.italic
        assert not only_in_headline.bold, "a hole in the bold headline"
        figure = drawn(app, east, "more than 300 troops")
        assert figure.underline
        assert not figure.italic
        assert not figure.reverse


async def test_a_search_match_stays_a_match_in_compare_mode(home: Path):
    app = make_app(home, [sample()], day=993)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        await compared(pilot)
        await pilot.press("slash")
        await results_for(pilot, "kiev")
        await pilot.press("enter")
        await pilot.pause(0.3)
        east = reader(app).panes[1]
        assert reader(app).comparing
        marks = [(h.style, h.start, h.end) for h in east.highlights if h.line == 2]
        assert ("shared", *marks[-1][1:]) in marks, "Kiev is a shared name and a match"
        assert marks[-1][0] == "current", "the match comes after (over) the name"
        kiev = drawn(app, east, "Kiev")
        assert kiev.reverse, "reverse video over the name's bold italic"
        assert kiev.italic


async def test_the_strip_lists_the_shared_names_and_counts_the_others(home: Path):
    app = make_app(home, [sample()], day=993)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await compared(pilot)
        assert widget_text(app, strip(app)) == (
            "Both sides: Putin · Kyiv/Kiev · US · Kursk one side only: 6 W, 13 R"
        )
        assert [item.search for item in strip(app).items] == [
            "Putin",
            "Kyiv OR Kiev",
            '"u s" OR US OR "united states"',
            "Kursk",
        ]


async def test_the_strip_pairs_the_figures_both_sides_give(home: Path):
    app = make_app(home, [drones_day()], day=1000)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await compared(pilot)
        text = widget_text(app, strip(app))
        assert text.startswith("Both sides: drones: 14 W / 27 R · Kyiv/Kiev · Odesa/Odessa")
        assert drawn(app, strip(app), "drones: 14 W / 27 R").underline


async def test_the_strip_fits_80_columns_and_scrolls_to_the_entry_it_is_on(home: Path):
    app = make_app(home, [sample(), many_places_day()], day=993)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await compared(pilot)
        assert strip(app).size.height == 1
        assert widget_text(app, strip(app)) == (
            "Both sides: Putin · Kyiv/Kiev · US · Kursk one side only: 6 W, 13 R"
        ), "the seed's strip fits 80 columns whole"
        await pilot.press("n")
        await pilot.pause()
        text = widget_text(app, strip(app))
        assert text.startswith("Both sides: Kyiv/Kiev · Kharkiv/Kharkov · Odesa/Odessa")
        assert text.endswith("… +5"), "cut with an ellipsis, saying how many more there are"
        reader(app).set_focus(strip(app))
        await pilot.press("end")
        await pilot.pause()
        assert strip(app).cursor == len(strip(app).items) - 1
        text = widget_text(app, strip(app))
        assert text.startswith("… "), text
        assert "Sumy" in text
        assert drawn(app, strip(app), "Sumy").reverse, "the entry it is on, in reverse video"
        await pilot.press("home")
        await pilot.pause()
        assert widget_text(app, strip(app)).startswith("Both sides: Kyiv/Kiev")


async def test_enter_on_a_name_searches_the_archive_for_every_spelling(home: Path):
    app = make_app(home, [sample(), drones_day()], day=993)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        await compared(pilot)
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is strip(app), "the strip takes focus like the panes"
        await pilot.press("right", "enter")
        screen = await results_for(pilot, "")
        assert isinstance(screen, SearchScreen)
        assert screen.box.value == "Kyiv OR Kiev"
        assert sorted((hit.day, hit.side) for hit in screen.hits) == [
            (993, "russian"),
            (993, "western"),
            (1000, "russian"),
            (1000, "western"),
        ]
        await pilot.press("down", "enter")
        await pilot.pause(0.3)
        assert reader(app).day in (993, 1000)
        assert reader(app).comparing
        assert reader(app).search is not None


async def test_enter_on_a_figure_pair_shows_each_sides_figure(home: Path):
    long = drones_day()
    west, east = long.perspectives
    padding = tuple(f"Filler paragraph {n} says nothing of note." for n in range(30))
    long = Digest(
        day=1000,
        title=long.title,
        kind=long.kind,
        perspectives=(
            Perspective("western", west.headline, padding + west.paragraphs),
            Perspective("russian", east.headline, padding + east.paragraphs),
        ),
    )
    app = make_app(home, [long], day=1000)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await compared(pilot)
        reader(app).set_focus(strip(app))
        await pilot.press("enter")
        await pilot.pause(0.3)
        left, right = reader(app).panes
        assert left.scroll_y > 0
        assert right.scroll_y > 0
        assert "14 drones" in widget_text(app, left)
        assert "27 drones" in widget_text(app, right)


async def test_compare_mode_stays_on_from_day_to_day_and_across_starts(home: Path):
    nothing_shared = Digest(
        day=992,
        title="What to know after Day 992 of Russia-Ukraine war",
        kind=Kind.PERSPECTIVES,
        perspectives=(
            Perspective("western", "Talks in Geneva – Reuters", ("Diplomats met in Geneva.",)),
            Perspective("russian", "Strikes near Belgorod – TASS", ("Belgorod was shelled.",)),
        ),
    )
    app = make_app(home, [sample(), drones_day(994), nothing_shared], day=993)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        await compared(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert reader(app).day == 994
        assert "Kyiv/Kiev" in widget_text(app, strip(app))
        assert styles(app, reader(app).panes[0])["figure"] == {"three civilians", "14 drones"}
        await pilot.press("p", "p")
        await pilot.pause()
        assert reader(app).day == 992
        assert widget_text(app, strip(app)).startswith("Both sides: nothing in common")
    app = make_app(home, day=993)
    async with app.run_test(size=WIDE) as pilot:
        await compared(pilot)
        assert "Kyiv/Kiev" in widget_text(app, strip(app))
        await pilot.press("c")
        await pilot.pause()
    app = make_app(home, day=993)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause(0.3)
        assert not reader(app).comparing
        assert not strip(app).display


async def test_a_day_is_compared_once_and_kept_in_the_store(home: Path):
    from tui_reader.compare import cache_key, load_spellings

    app = make_app(home, [sample()], day=993)
    key = cache_key(sample(), load_spellings())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        await compared(pilot)
        with open_store(home) as store:
            for _ in range(100):
                if store.cached_comparison(993, key) is not None:
                    break
                await pilot.pause(0.02)
            assert store.cached_comparison(993, key) is not None


async def test_a_bulletin_and_a_missing_side_say_there_is_nothing_to_compare(home: Path):
    app = make_app(home, [sample(), perspectives_day(992, sides=("western",)), bulletin_day()])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("g", *"210", "enter")
        await pilot.press("c")
        await compared(pilot)
        assert widget_text(app, strip(app)) == (
            "2022 bulletin: one Reuters account, nothing to compare"
        )
        assert {h.style for h in reader(app).panes[0].highlights} <= {"figure"}
        await pilot.press("g", *"992", "enter")
        await pilot.pause()
        assert widget_text(app, strip(app)) == "No Russian side: nothing to compare"


async def test_a_bad_spellings_file_is_one_sentence_and_compare_mode_stays_off(home: Path):
    app = make_app(home, [sample()], day=993)
    (home / "config" / "spellings.toml").write_text('[place]\nKyiv = "Kiev"\n')
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        for _ in range(100):
            await pilot.pause(0.02)
            if any("Compare mode is off" in notice for notice in notices(app)):
                break
        message = next(notice for notice in notices(app) if "Compare mode is off" in notice)
        assert "spellings.toml: Kyiv in [place] must be a list of spellings" in message
        assert not reader(app).comparing
        assert not strip(app).display


async def test_ascii_mode_keeps_the_marks_on_their_words(home: Path):
    day = Digest(
        day=1000,
        title="What to know after Day 1000 of Russia-Ukraine war",
        kind=Kind.PERSPECTIVES,
        perspectives=(
            Perspective(
                "western",
                "Drones over Kyiv — Reuters",
                ("“Strikes…” — officials in Kyiv said 14 drones hit Odesa.",),
            ),
            Perspective(
                "russian",
                "Kiev’s drones — TASS",
                ("“Targets hit…” — 27 drones struck Kiev and Odessa, the ministry said.",),
            ),
        ),
    )
    app = make_app(home, [day], day=1000, ascii=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        await compared(pilot)
        left, right = reader(app).panes
        assert '"Strikes..." -- officials in Kyiv said 14 drones hit Odesa.' in widget_text(
            app, left
        )
        for pane, words, figure in ((left, ("Kyiv", "Odesa"), "14 drones"),
                                    (right, ("Kiev", "Odessa"), "27 drones")):  # fmt: skip
            runs = {text.strip() for text, style in _marked(app, pane)}
            assert set(words) <= runs, runs
            assert figure in runs
        assert widget_text(app, strip(app)).startswith("Both sides: Kyiv/Kiev - Odesa/Odessa")


def _marked(app, pane):
    from conftest_app import styled_runs

    return [
        (text, style)
        for text, style in styled_runs(app, pane)
        if style is not None and (style.italic or style.underline)
    ]

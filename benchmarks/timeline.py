"""How fast the timeline counts and opens, and compare mode toggles, over a large archive; prints
figures (the README quotes them), asserts nothing.

    .venv/bin/python benchmarks/timeline.py [--quick] [--days N]

Builds the synthetic archive of benchmarks/search.py (10,000 days; 1,000 with --quick) and
prints p50 and p95 of:

- the store's `mentions_by_week` (one query over the whole archive) for typical terms, and
  `days_by_week`;
- `t` in the reader to the timeline painted, and a term typed there to its sparklines painted;
- `c` in the reader: the first time (loading the compare package and the spellings in a thread,
  comparing the day, drawing it), then off and on again, and `n` to the next day with compare
  mode on (compared on the spot the first time, then from the store's cache).
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Callable
from pathlib import Path

from search import HEADER, Timings, archive_days, build_archive, row

from tui_reader.places import Places, resolve_places
from tui_reader.store import Store

TERMS = ("kursk", "putin", '"grain deal"', "drone attack", "zaporizhzhia nuclear", "wagner")


def time_counting(places: Places, repeats: int = 5) -> dict[str, Timings]:
    """Each term's weeks from the store, and the weeks without a term."""
    from tui_reader.search.query import parse_query

    timings = {term: Timings() for term in (*TERMS, "(days by week)")}
    with Store(places.database) as store:
        for _ in range(repeats):
            for term in TERMS:
                started = timings[term].start()
                store.mentions_by_week(parse_query(term))
                timings[term].stop(started)
            started = timings["(days by week)"].start()
            store.days_by_week()
            timings["(days by week)"].stop(started)
    return timings


async def painted(app: object) -> None:
    done = asyncio.Event()
    app.call_after_refresh(done.set)  # type: ignore[attr-defined]
    await done.wait()


async def until(check: Callable[[], bool]) -> None:
    while not check():
        await asyncio.sleep(0.001)


async def time_reader(
    places: Places, runs: int, size: tuple[int, int] = (120, 40)
) -> dict[str, Timings]:
    """`t` and a term in the timeline; `c` the first time, off and on, and `n` with it on."""
    names = (
        "t to the timeline",
        "kursk typed to its lines",
        "c, the first time",
        "c off",
        "c on again",
        "n with compare mode on (new day)",
        "n with compare mode on (cached)",
    )
    found = {name: Timings() for name in names}
    for run in range(runs):
        await _one_run(places, size, found, run)
    return found


async def _one_run(
    places: Places, size: tuple[int, int], found: dict[str, Timings], run: int
) -> None:
    from textual import events

    from tui_reader.app.app import WardayApp
    from tui_reader.app.screens.reader import COMPARE_KEY, ReaderScreen
    from tui_reader.app.screens.timeline import TimelineScreen
    from tui_reader.app.widgets.compare_strip import CompareStrip
    from tui_reader.config import Config

    config = Config(sync_on_start=False, read_after_seconds=3600.0)
    with Store(places.database) as store:
        store.set_state(COMPARE_KEY, "off")
        newest = store.newest_day() or 1
        app = WardayApp(places, config, store, newest - 40 - 10 * run)
        async with app.run_test(size=size) as pilot:
            await pilot.pause(0.3)
            reader = app.screen
            assert isinstance(reader, ReaderScreen)
            strip = reader.query_one(CompareStrip)  # shown once the day is compared and drawn

            started = found["t to the timeline"].start()
            app.post_message(events.Key("t", "t"))
            await until(lambda: isinstance(app.screen, TimelineScreen))
            await painted(app)
            found["t to the timeline"].stop(started)
            timeline = app.screen
            assert isinstance(timeline, TimelineScreen)
            timeline.box.focus()
            await pilot.pause()
            started = found["kursk typed to its lines"].start()
            timeline.box.value = "kursk"
            await until(lambda: timeline.query_counted is not None)
            await painted(app)
            found["kursk typed to its lines"].stop(started)
            await pilot.press("escape", "escape")
            await pilot.pause(0.2)

            started = found["c, the first time"].start()
            app.post_message(events.Key("c", "c"))
            await until(lambda: strip.display)
            await painted(app)
            found["c, the first time"].stop(started)
            for name, on in (("c off", False), ("c on again", True)):
                started = found[name].start()
                app.post_message(events.Key("c", "c"))
                await until(lambda on=on: strip.display is on)  # type: ignore[misc]
                await painted(app)
                found[name].stop(started)
            for name in ("n with compare mode on (new day)", "n with compare mode on (cached)"):
                if name.endswith("(cached)"):
                    app.post_message(events.Key("p", "p"))
                    await pilot.pause(0.3)
                day = reader.day
                started = found[name].start()
                app.post_message(events.Key("n", "n"))
                await until(lambda day=day: reader.day != day)  # type: ignore[misc]
                await painted(app)
                found[name].stop(started)
            await pilot.pause(0.3)  # the comparisons are kept


def main() -> None:
    days = archive_days(__doc__.splitlines()[0])
    with tempfile.TemporaryDirectory() as directory:
        home = Path(directory)
        built = build_archive(home, days)
        places = resolve_places(home)
        print(f"archive: {days} days built in {built:.1f} s")
        print("counting by week in the store (5 runs each)")
        print(HEADER)
        every = Timings()
        for term, timings in time_counting(places).items():
            print(row(term, timings))
            if not term.startswith("("):
                every += timings
        print(row("every term", every))
        print("in the reader at 120x40, key to painted (3 runs)")
        print(HEADER)
        for name, timings in asyncio.run(time_reader(places, runs=3)).items():
            print(row(name, timings))


if __name__ == "__main__":
    main()

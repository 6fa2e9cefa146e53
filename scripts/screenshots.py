"""Make the README's screenshots from the real reader: screenshots/*.svg.

    .venv/bin/python scripts/screenshots.py

Two kinds of day (Day 993 with both perspectives, Day 210 in the 2022 bulletin format) at 80x24
and 160x48, in a dark theme and in the ANSI theme that uses the terminal's own palette; the search
screen at both sizes, and Day 993 opened from it with its matches highlighted.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path

from textual.pilot import Pilot

from tui_reader.app.app import WardayApp
from tui_reader.app.screens.search import SearchScreen
from tui_reader.config import load_config
from tui_reader.importer import import_paths
from tui_reader.places import resolve_places
from tui_reader.store import Store

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "screenshots"
FIXTURES = ROOT / "tests" / "fixtures"
DAYS = {"perspectives": 993, "bulletin": 210}
SIZES = ((80, 24), (160, 48))
THEMES = {"dark": "textual-dark", "ansi": "ansi-dark"}


async def shoot(
    home: Path,
    day: int,
    size: tuple[int, int],
    theme: str,
    name: str,
    keys: Callable[[Pilot[None]], Awaitable[None]] | None = None,
) -> None:
    places = resolve_places(home)
    config = replace(load_config(places.config_file), sync_on_start=False, theme=theme)
    with Store(places.database) as store:
        app = WardayApp(places, config, store, day)
        async with app.run_test(size=size) as pilot:
            await pilot.pause(0.5)
            if keys is not None:
                await keys(pilot)
            app.save_screenshot(filename=f"{name}.svg", path=str(OUTPUT))
    print(OUTPUT / f"{name}.svg")


async def search(pilot: Pilot[None], text: str) -> SearchScreen:
    """Open the search screen and type `text`; returns once its results are listed."""
    await pilot.press("slash", *text)
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    while not screen.up_to_date:
        await pilot.pause(0.05)
    await pilot.pause(0.2)
    return screen


async def searched(pilot: Pilot[None]) -> None:
    await search(pilot, "putin OR kursk")


async def opened(pilot: Pilot[None]) -> None:
    """Day 993's Russian side opened from the results, at its second match."""
    screen = await search(pilot, "kursk")
    result = next(index for index, hit in enumerate(screen.hits) if hit.side == "russian")
    await pilot.press(*["down"] * result, "enter", "n")
    await pilot.pause(6)  # until the notification has gone


async def main() -> None:
    OUTPUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as directory:
        home = Path(directory)
        places = resolve_places(home)
        places.create()
        load_config(places.config_file)
        with Store(places.database) as store:
            sources = [FIXTURES / "text", FIXTURES / "html"]
            for report in import_paths(store, map(str, sources)):
                assert report.outcome != "skipped", report
        for kind, day in DAYS.items():
            for width, height in SIZES:
                for label, theme in THEMES.items():
                    name = f"{kind}-{width}x{height}-{label}"
                    await shoot(home, day, (width, height), theme, name)
        for width, height in SIZES:
            await shoot(
                home,
                1002,
                (width, height),
                THEMES["dark"],
                f"search-{width}x{height}-dark",
                searched,
            )
        await shoot(home, 1002, (160, 48), THEMES["dark"], "matches-160x48-dark", opened)


if __name__ == "__main__":
    asyncio.run(main())

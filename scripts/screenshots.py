"""Make the README's screenshots from the real reader: screenshots/*.svg.

    .venv/bin/python scripts/screenshots.py

Two kinds of day (Day 993 with both perspectives, Day 210 in the 2022 bulletin format) at 80x24
and 160x48, in a dark theme and in the ANSI theme that uses the terminal's own palette.
"""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import replace
from pathlib import Path

from tui_reader.app.app import WardayApp
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


async def shoot(home: Path, day: int, size: tuple[int, int], theme: str, name: str) -> None:
    places = resolve_places(home)
    config = replace(load_config(places.config_file), sync_on_start=False, theme=theme)
    with Store(places.database) as store:
        app = WardayApp(places, config, store, day)
        async with app.run_test(size=size) as pilot:
            await pilot.pause(0.5)
            app.save_screenshot(filename=f"{name}.svg", path=str(OUTPUT))


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
                    print(OUTPUT / f"{name}.svg")


if __name__ == "__main__":
    asyncio.run(main())

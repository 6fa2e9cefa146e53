"""Make the README's screenshots from the real reader: screenshots/*.svg.

    .venv/bin/python scripts/screenshots.py

Day 993 (both perspectives) at 80x24 (side by side, the day list as a drawer), 120x40 and 200x50
(the day list beside the panes), in a dark theme, in the ANSI theme that uses the terminal's own
16 colours and with NO_COLOR; Day 210 in the 2022 bulletin format at 80x24 and 120x40.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from tui_reader.app.app import WardayApp
from tui_reader.app.layout import LayoutChoices
from tui_reader.config import load_config
from tui_reader.importer import import_paths
from tui_reader.places import resolve_places
from tui_reader.store import Store

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "screenshots"
FIXTURES = ROOT / "tests" / "fixtures"
THEMES = {"dark": "textual-dark", "ansi": "ansi-dark", "no-color": "textual-dark"}


@dataclass(frozen=True)
class Shot:
    kind: str
    day: int
    size: tuple[int, int]
    look: str
    press: tuple[str, ...] = ()
    """Keys pressed before the picture is taken."""
    label: str = ""
    """Added to the file name, saying what the keys did."""

    @property
    def name(self) -> str:
        width, height = self.size
        label = f"-{self.label}" if self.label else ""
        return f"{self.kind}-{width}x{height}{label}-{self.look}"


SHOTS = (
    Shot("perspectives", 993, (80, 24), "dark"),
    Shot("perspectives", 993, (80, 24), "dark", ("backslash",), "day-list"),
    Shot("perspectives", 993, (80, 24), "ansi"),
    Shot("perspectives", 993, (80, 24), "no-color", ("tab",), "right-pane-focused"),
    Shot("perspectives", 993, (100, 30), "dark"),
    Shot("perspectives", 993, (120, 40), "dark"),
    Shot("perspectives", 993, (120, 40), "ansi"),
    Shot("perspectives", 993, (120, 40), "no-color"),
    Shot("perspectives", 993, (200, 50), "dark"),
    Shot("bulletin", 210, (80, 24), "dark"),
    Shot("bulletin", 210, (120, 40), "ansi"),
)


async def shoot(home: Path, shot: Shot) -> None:
    places = resolve_places(home)
    config = replace(load_config(places.config_file), sync_on_start=False, theme=THEMES[shot.look])
    if shot.look == "no-color":
        os.environ["NO_COLOR"] = "1"
    try:
        with Store(places.database) as store:
            store.set_state(LayoutChoices.STATE_KEY, "{}")  # each shot in the default layout
            app = WardayApp(places, config, store, shot.day)
            async with app.run_test(size=shot.size) as pilot:
                await pilot.pause(0.3)
                for key in shot.press:
                    await pilot.press(key)
                await pilot.pause(0.5)
                app.save_screenshot(filename=f"{shot.name}.svg", path=str(OUTPUT))
    finally:
        os.environ.pop("NO_COLOR", None)


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
        for shot in SHOTS:
            await shoot(home, shot)
            print(OUTPUT / f"{shot.name}.svg")


if __name__ == "__main__":
    asyncio.run(main())

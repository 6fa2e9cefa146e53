"""Make the README's screenshots from the real reader: screenshots/*.svg and browser-*.png.

    .venv/bin/python scripts/screenshots.py

Two kinds of day (Day 993 with both perspectives, Day 210 in the 2022 bulletin format) at 80x24
and 160x48, in a dark theme and in the ANSI theme that uses the terminal's own palette; and Day
993 served by `warday serve` to headless Chromium at 1280x800, when Chromium is installed.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import CHROMEDRIVER, CHROMIUM, Browser  # noqa: E402
from served import Served  # noqa: E402

from tui_reader.app.app import WardayApp  # noqa: E402
from tui_reader.config import load_config, save_setting  # noqa: E402
from tui_reader.importer import import_paths  # noqa: E402
from tui_reader.places import resolve_places  # noqa: E402
from tui_reader.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "screenshots"
FIXTURES = ROOT / "tests" / "fixtures"
DAYS = {"perspectives": 993, "bulletin": 210}
BROWSER_SIZE = (1280, 800)
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


def shoot_browser(home: Path, day: int, size: tuple[int, int]) -> Path | None:
    """The reader at `day` in a browser tab, served by `warday serve`; None without Chromium."""
    if not (Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()):
        print("no Chromium: the browser screenshot is left as it was")
        return None
    places = resolve_places(home)
    save_setting(places.config_file, "sync_on_start", False)
    with Store(places.database) as store:
        store.set_state("last_day", str(day))
    served = Served(home)
    browser = Browser(home / "chromium-profile", *size)
    try:
        browser.open(served.url)
        browser.wait_for(f"Day {day} · ", "Day 210")
        browser.wait_for_title(f"warday - Day {day}")
        path = OUTPUT / f"browser-{size[0]}x{size[1]}.png"
        browser.screenshot(path)
        return path
    finally:
        browser.quit()
        served.stop()


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
        if shot := shoot_browser(home, DAYS["perspectives"], BROWSER_SIZE):
            print(shot)


if __name__ == "__main__":
    asyncio.run(main())

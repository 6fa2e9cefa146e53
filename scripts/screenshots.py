"""Make the README's screenshots from the real reader: screenshots/*.svg and browser-*.png.

    .venv/bin/python scripts/screenshots.py

Day 993 (both perspectives) at 80x24 (side by side, the day list as a drawer), 120x40 and 200x50
(the day list beside the panes), in a dark theme, in the ANSI theme that uses the terminal's own
16 colours and with NO_COLOR; Day 210 in the 2022 bulletin format at 80x24 and 120x40; and Day
993 served by `warday serve` to headless Chromium at 1280x800, when Chromium is installed; the
search screen at 80x24 and 120x40, and a day opened from it with its matches highlighted; Day
993 in compare mode at 80x24 and 120x40; the timeline at 120x40 over a year of synthetic days
(those of benchmarks/search.py) following "kursk".
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import CHROMEDRIVER, CHROMIUM, Browser  # noqa: E402
from served import Served  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from benchmarks.search import synthetic_digest  # noqa: E402
from tui_reader.app.app import WardayApp  # noqa: E402
from tui_reader.app.layout import LayoutChoices  # noqa: E402
from tui_reader.app.screens.reader import COMPARE_KEY  # noqa: E402
from tui_reader.app.screens.search import SearchScreen  # noqa: E402
from tui_reader.config import load_config, save_setting  # noqa: E402
from tui_reader.importer import import_paths  # noqa: E402
from tui_reader.places import resolve_places  # noqa: E402
from tui_reader.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "screenshots"
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "tui_reader" / "sample" / "day-993.txt"
"""The whole real Day 993 (the fixtures' Day 993 is cut short)."""
BROWSER_SIZE = (1280, 800)
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
    then: Callable[[Pilot[None]], Awaitable[None]] | None = None
    """What else is done before the picture is taken."""
    archive: str = "fixtures"
    """`fixtures` (the test fixtures), `seed` (the fixtures with the whole real Day 993, the
    bundled sample) or `year` (a year of synthetic days, some rated)."""

    @property
    def name(self) -> str:
        width, height = self.size
        label = f"-{self.label}" if self.label else ""
        return f"{self.kind}-{width}x{height}{label}-{self.look}"


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


async def comparing(pilot: Pilot[None]) -> None:
    """Compare mode on (loaded in a thread the first time)."""
    await pilot.press("c")
    screen = pilot.app.screen
    while not (getattr(screen, "comparing", False) and screen._comparer is not None):  # type: ignore[attr-defined]
        await pilot.pause(0.05)
    await pilot.pause(0.3)


async def timeline(pilot: Pilot[None]) -> None:
    """The timeline following kursk, the cursor a few weeks back."""
    await pilot.press("t", "slash", *"kursk", "enter")
    screen = pilot.app.screen
    while getattr(screen, "query_counted", None) is None:
        await pilot.pause(0.05)
    await pilot.press(*["left"] * 6)
    await pilot.pause(0.3)


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
    Shot("search", 1002, (80, 24), "dark", then=searched),
    Shot("search", 1002, (120, 40), "dark", then=searched),
    Shot("matches", 1002, (120, 40), "dark", then=opened),
    Shot("compare", 993, (80, 24), "dark", then=comparing, archive="seed"),
    Shot("compare", 993, (120, 40), "dark", then=comparing, archive="seed"),
    Shot("compare", 993, (80, 24), "no-color", then=comparing, archive="seed"),
    Shot("timeline", 1000, (120, 40), "dark", then=timeline, archive="year"),
)


def store_days(home: Path, sources: list[Path]) -> None:
    """Import `sources`, in order, into the store of `home`."""
    places = resolve_places(home)
    places.create()
    load_config(places.config_file)
    with Store(places.database) as store:
        for report in import_paths(store, map(str, sources)):
            assert report.outcome != "skipped", report


def store_year(home: Path) -> None:
    """Days 640-1000 in a store of their own: synthetic, a few missing, the older ones read and
    some of them rated."""
    chance = random.Random(993)
    places = resolve_places(home)
    places.create()
    load_config(places.config_file)
    with Store(places.database) as store:
        for day in range(640, 1001):
            if chance.random() < 0.04:
                continue
            store.save(synthetic_digest(day))
            if day < 960:
                store.set_read(day, True)
                if chance.random() < 0.35:
                    store.rate(day, chance.choice((1, 2, 3, 3, 4, 4, 4, 5, 5)))


async def shoot(homes: dict[str, Path], shot: Shot) -> None:
    places = resolve_places(homes[shot.archive])
    config = replace(load_config(places.config_file), sync_on_start=False, theme=THEMES[shot.look])
    if shot.look == "no-color":
        os.environ["NO_COLOR"] = "1"
    try:
        with Store(places.database) as store:
            store.set_state(LayoutChoices.STATE_KEY, "{}")  # each shot in the default layout
            store.set_state(COMPARE_KEY, "off")
            app = WardayApp(places, config, store, shot.day)
            async with app.run_test(size=shot.size) as pilot:
                await pilot.pause(0.3)
                for key in shot.press:
                    await pilot.press(key)
                if shot.then is not None:
                    await shot.then(pilot)
                await pilot.pause(0.5)
                app.save_screenshot(filename=f"{shot.name}.svg", path=str(OUTPUT))
    finally:
        os.environ.pop("NO_COLOR", None)


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
        sources = [FIXTURES / "text", FIXTURES / "html"]
        store_days(home, sources)
        store_days(home / "seed", [*sources, SEED])
        store_year(home / "year")
        homes = {"fixtures": home, "seed": home / "seed", "year": home / "year"}
        for shot in SHOTS:
            await shoot(homes, shot)
            print(OUTPUT / f"{shot.name}.svg")
        if browser_shot := shoot_browser(home, 993, BROWSER_SIZE):
            print(browser_shot)


if __name__ == "__main__":
    asyncio.run(main())

"""The reader names the day it shows in its title and opens the day's page on the site (`o`)."""

from __future__ import annotations

import os
import stat
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from conftest_app import make_app, notices, perspectives_day, screen_text
from terminal import WARDAY, Terminal, needs_tmux, terminal_env

from tui_reader.browser import SITE_ITEM_URL
from tui_reader.config import save_setting
from tui_reader.model import Digest
from tui_reader.places import resolve_places

WIDE = (140, 40)
PAGE = "https://newsscrollngr.com/index.php/ns-news/item/36903-what-to-know-after-day-993"
ITEM_993 = (
    "https://newsscrollngr.com/index.php/ns-special/item/"
    "36903-what-to-know-after-day-993-of-russia-ukraine-war"
)
"""The address the site's page of Day 993 (tests/fixtures/html) gives for itself."""


@pytest.fixture
def no_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal over SSH with no display forwarded and no BROWSER: nothing can show a page."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "127.0.0.1 50000 127.0.0.1 22")


async def test_the_title_names_warday_and_the_day_shown(tmp_path: Path):
    app = make_app(tmp_path, [perspectives_day(994), perspectives_day(993)], day=993)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert (app.title, app.sub_title) == ("warday", "Day 993")
        await pilot.press("n")
        assert app.sub_title == "Day 994"


async def open_page(tmp_path: Path, digest: Digest) -> list[str]:
    app = make_app(tmp_path, [digest], day=digest.day)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        return notices(app)


@pytest.mark.usefixtures("no_browser")
async def test_without_a_browser_o_says_so_and_gives_the_address(tmp_path: Path):
    shown = await open_page(tmp_path, replace(perspectives_day(993), url=PAGE))
    assert shown[-1] == f"No web browser can be opened from this terminal. Day 993 is at {PAGE}"


@pytest.mark.usefixtures("no_browser")
async def test_a_day_known_by_its_item_id_alone_has_a_page_too(tmp_path: Path):
    shown = await open_page(tmp_path, replace(perspectives_day(993), item_id=36903))
    assert shown[-1].endswith(f"Day 993 is at {SITE_ITEM_URL.format(item_id=36903)}")


@pytest.mark.usefixtures("no_browser")
@pytest.mark.parametrize(
    "url",
    [
        pytest.param(None, id="imported-text"),
        pytest.param("javascript:alert(1)", id="script"),
        pytest.param("file:///etc/passwd", id="file"),
        pytest.param("https://news.example/a\x1b]2;x\x07", id="escape"),
    ],
)
async def test_a_day_without_a_web_address_opens_nothing(tmp_path: Path, url: str | None):
    shown = await open_page(tmp_path, replace(perspectives_day(993), url=url))
    assert shown[-1].startswith("Day 993's page on the site is not known")


@pytest.mark.usefixtures("no_browser")
async def test_an_address_is_shown_as_it_is_never_as_markup(tmp_path: Path):
    url = "https://news.example/[bold]day[/bold]-993"
    app = make_app(tmp_path, [replace(perspectives_day(993), url=url)], day=993)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("o")
        await pilot.pause(0.5)
        assert "[bold]day[/bold]" in screen_text(app).replace("\n", "")


@needs_tmux
def test_in_a_terminal_o_opens_the_browser_and_the_title_follows_the_day(
    home: Path, fixtures: Path, tmp_path: Path
):
    """A real terminal: tmux keeps the title the reader sets, BROWSER gets the page to open."""
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> {opened}\n')
    browser.chmod(browser.stat().st_mode | stat.S_IXUSR)
    env = {**terminal_env(home), "BROWSER": str(browser)}
    env.pop("DISPLAY", None)
    sources = [fixtures / "html" / "k2-item-36903-day-993.html", fixtures / "text"]
    subprocess.run([WARDAY, "import", *map(str, sources)], env=env, capture_output=True, check=True)
    save_setting(resolve_places(home).config_file, "sync_on_start", False)
    terminal = Terminal(f"warday-test-{os.getpid()}-{tmp_path.name}", env)
    try:
        terminal.start(f"{WARDAY} 993", 120, 30)
        terminal.wait_for("Day 993 · ")
        assert terminal.title() == "warday - Day 993"
        terminal.keys("o")
        terminal.wait_for("Opening Day 993 on the site")
        terminal.keys("n")
        terminal.wait_for("Day 994 · ")
        assert terminal.title() == "warday - Day 994"
    finally:
        terminal.close()
    assert opened.read_text().split() == [ITEM_993]

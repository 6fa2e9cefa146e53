"""`warday serve` in a real browser: headless Chromium reads, moves and rates in the page."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from browser import Browser, needs_chromium
from conftest_app import perspectives_day
from served import Served, alive

from tui_reader.config import load_config, save_setting
from tui_reader.places import resolve_places
from tui_reader.store import Store

pytestmark = needs_chromium


def rating(home: Path, day: int) -> int | None:
    with Store(resolve_places(home).database) as store:
        return store.rating(day)


def eventually(check, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not check() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert check()


@pytest.fixture
def served(home: Path) -> Iterator[Served]:
    """`warday serve` over a home of three days, the reader last at Day 993, no fetching."""
    places = resolve_places(home)
    places.create()
    load_config(places.config_file)
    save_setting(places.config_file, "sync_on_start", False)
    with Store(places.database) as store:
        for day in (993, 994, 995):
            store.save(perspectives_day(day))
        store.set_state("last_day", "993")
    server = Served(home)
    yield server
    server.stop()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    opened = Browser(tmp_path / "chromium-profile")
    yield opened
    opened.quit()


def test_a_tab_reads_moves_and_rates_like_the_terminal(served: Served, browser: Browser, home):
    start = browser.driver.current_window_handle
    browser.new_tab(served.url)
    browser.wait_for("Day 993 · ", "Western headline 993", "Russian headline 993")
    browser.wait_for_title("warday - Day 993")
    [reader] = served.wait_for_readers(1)

    browser.press("n")
    browser.wait_for("Day 994 · ", "Western headline 994")
    browser.wait_for_title("warday - Day 994")
    browser.press("3")
    browser.wait_for("Day 994 rated 3/5")
    assert rating(home, 994) == 3

    browser.close_tab(then=start)
    eventually(lambda: not alive(reader))
    assert served.readers() == set()


def test_two_tabs_are_two_readers_of_one_store_rating_at_once(
    served: Served, browser: Browser, home
):
    first = browser.new_tab(served.url)
    browser.wait_for("Day 993 · ")
    second = browser.new_tab(served.url)
    browser.wait_for("Day 993 · ")
    readers = served.wait_for_readers(2)
    browser.press("n")
    browser.wait_for("Day 994 · ")

    browser.switch(first)
    browser.press("4")
    browser.switch(second)
    browser.press("2")
    browser.switch(first)
    browser.wait_for("Day 993 rated 4/5")
    browser.switch(second)
    browser.wait_for("Day 994 rated 2/5")
    assert (rating(home, 993), rating(home, 994)) == (4, 2)

    browser.close_tab(then=first)
    eventually(lambda: len(served.readers()) == 1)
    assert served.readers() < readers
    browser.press("n", "5")
    browser.wait_for("Day 994 rated 5/5")
    assert rating(home, 994) == 5


def test_o_opens_the_days_page_on_the_site_in_a_new_tab(served: Served, browser: Browser, home):
    page = f"{served.url}index.php/ns-news/item/36903-what-to-know-after-day-993"
    with Store(resolve_places(home).database) as store:
        store.save(replace(perspectives_day(993), url=page))
    browser.new_tab(served.url)
    browser.wait_for("Day 993 · ")
    tabs = set(browser.driver.window_handles)

    browser.press("o")
    eventually(lambda: len(browser.driver.window_handles) > len(tabs))
    [opened] = set(browser.driver.window_handles) - tabs
    browser.switch(opened)
    eventually(lambda: browser.driver.current_url == page)

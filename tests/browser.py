"""A real browser for tests: Debian's headless Chromium driven through its chromedriver.

Both come from the system (scripts/test installs `chromium` and `chromium-driver` as root), and
selenium is given their paths, so Selenium Manager never runs and no browser is downloaded.
The page's terminal is xterm.js drawing on a canvas; the text is read from xterm's own buffer.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

needs_chromium = pytest.mark.skipif(
    not (Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()),
    reason="no browser: Chromium and chromedriver are not installed (scripts/test installs"
    " Debian's chromium and chromium-driver when run as root)",
)

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # A tab in the background keeps running at full speed, as the one in front does.
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
    # Nothing but this machine: every other host name fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
)

KEEP_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true});
    if (value && value.buffer) window.testTerminal = value;
  },
});
"""
"""Run before the page's own scripts: textual-serve's page keeps its xterm.js terminal in a
`terminal` property of an object of its own, which this hands to the test as well."""

READ_SCREEN = """
const terminal = window.testTerminal;
if (!terminal) return null;
const lines = [];
for (let row = 0; row < terminal.rows; row++) {
  const line = terminal.buffer.active.getLine(row);
  lines.push(line ? line.translateToString(true) : "");
}
return lines.join("\\n");
"""


class Browser:
    """One headless Chromium with its own profile, its tabs the size of a 1280x800 screen."""

    def __init__(self, profile: Path, width: int = 1280, height: int = 800) -> None:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in (*FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        self.size = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)

    def prepare_tab(self) -> None:
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", self.size)
        self.driver.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument", {"source": KEEP_TERMINAL}
        )

    def open(self, url: str) -> str:
        """Open `url` in the current tab; the tab's handle."""
        self.prepare_tab()
        self.driver.get(url)
        return str(self.driver.current_window_handle)

    def new_tab(self, url: str) -> str:
        self.driver.switch_to.new_window("tab")
        return self.open(url)

    def switch(self, tab: str) -> None:
        self.driver.switch_to.window(tab)

    @property
    def title(self) -> str:
        return str(self.driver.title)

    def screen(self) -> str:
        """The text of the terminal in the page, one line a row ("" before it exists)."""
        return str(self.driver.execute_script(READ_SCREEN) or "")

    def wait_for(self, *texts: str, timeout: float = 20) -> str:
        """The screen, once every one of `texts` is on it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{texts!r} never appeared; the page showed:\n{self.screen()}")

    def wait_for_title(self, title: str, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while self.title != title and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.title == title

    def press(self, *keys: str) -> None:
        """Type into the terminal, as a reader does at the keyboard."""
        self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(*keys)

    def screenshot(self, path: Path) -> None:
        self.driver.save_screenshot(str(path))

    def close_tab(self, then: str | None = None) -> None:
        """Close the current tab (and switch to `then`)."""
        self.driver.close()
        if then is not None:
            self.switch(then)

    def quit(self) -> None:
        self.driver.quit()

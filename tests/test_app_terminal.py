"""The reader in a real terminal (tmux): mouse mode, ASCII fallback, and the terminal left clean."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest_app import open_store, sample

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

WARDAY = str(Path(sys.executable).parent / "warday")


class Tmux:
    """One tmux server of its own running `warday` in a fixed-size window."""

    def __init__(self, socket: str, env: dict[str, str]) -> None:
        self.socket = socket
        self.env = env

    def run(self, *args: str) -> str:
        command = ["tmux", "-L", self.socket, *args]
        return subprocess.run(command, capture_output=True, text=True, env=self.env, check=False).stdout

    def start(self, command: str, width: int = 100, height: int = 30) -> None:
        # The shell stays after warday quits, so the restored terminal can be inspected.
        self.run("new-session", "-d", "-s", "w", "-x", str(width), "-y", str(height), f"{command}; sleep 60")

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "w")

    def flags(self) -> dict[str, str]:
        names = ("alternate_on", "mouse_any_flag", "mouse_button_flag", "mouse_standard_flag", "cursor_flag")
        values = self.run("display-message", "-p", "-t", "w", " ".join(f"#{{{name}}}" for name in names))
        return dict(zip(names, values.split()))

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in (screen := self.screen()):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared:\n{self.screen()}")

    def wait_for_flag(self, name: str, value: str, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while self.flags().get(name) != value and time.monotonic() < deadline:
            time.sleep(0.1)
        assert self.flags().get(name) == value, self.flags()


@pytest.fixture
def tmux(home: Path, tmp_path: Path) -> Iterator[Tmux]:
    open_store(home).save(sample())
    env = {**os.environ, "WARDAY_HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    for name in ("NO_COLOR", "TMUX", "PYTHONIOENCODING", "COLUMNS", "LINES"):
        env.pop(name, None)
    terminal = Tmux(f"warday-app-{os.getpid()}-{tmp_path.name}", env)
    yield terminal
    terminal.run("kill-server")


def write_config(home: Path, text: str) -> None:
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("sync_on_start = false\n" + text, encoding="utf-8")


def test_mouse_is_captured_by_default_and_everything_restored_on_quit(tmux: Tmux, home: Path):
    write_config(home, "")
    tmux.start(WARDAY)
    tmux.wait_for("North Korea ratifies")
    flags = tmux.flags()
    assert flags["alternate_on"] == "1" and flags["mouse_any_flag"] == "1"
    tmux.run("send-keys", "-t", "w", "q")
    tmux.wait_for_flag("alternate_on", "0")
    flags = tmux.flags()
    assert flags["mouse_any_flag"] == flags["mouse_button_flag"] == flags["mouse_standard_flag"] == "0"
    assert flags["cursor_flag"] == "1"
    assert "North Korea" not in tmux.screen()


def test_mouse_false_leaves_the_mouse_to_the_terminal(tmux: Tmux, home: Path):
    write_config(home, "mouse = false\n")
    tmux.start(WARDAY)
    tmux.wait_for("North Korea ratifies")
    flags = tmux.flags()
    assert flags["alternate_on"] == "1"
    assert flags["mouse_any_flag"] == flags["mouse_button_flag"] == flags["mouse_standard_flag"] == "0"


def test_a_terminal_that_is_not_utf8_gets_ascii(tmux: Tmux, home: Path):
    write_config(home, "")
    tmux.env["PYTHONIOENCODING"] = "latin-1"
    tmux.start(WARDAY)
    tmux.wait_for("North Korea ratifies")
    screen = tmux.wait_for("1 unread")
    assert "+- Western (Reuters) -" in screen
    assert "Day 993  12 Nov 24 ....." in screen
    assert "Kursk Region -" in screen
    assert screen.isascii()

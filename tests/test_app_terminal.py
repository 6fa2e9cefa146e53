"""The reader in a real terminal (tmux): mouse mode, ASCII fallback, and the terminal left clean."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest_app import open_store, sample
from terminal import WARDAY, Terminal, needs_tmux, terminal_env

pytestmark = needs_tmux


@pytest.fixture
def tmux(home: Path, tmp_path: Path) -> Iterator[Terminal]:
    open_store(home).save(sample())
    terminal = Terminal(f"warday-app-{os.getpid()}-{tmp_path.name}", terminal_env(home))
    yield terminal
    terminal.close()


def write_config(home: Path, text: str) -> None:
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("sync_on_start = false\n" + text, encoding="utf-8")


def test_mouse_is_captured_by_default_and_everything_restored_on_quit(tmux: Terminal, home: Path):
    write_config(home, "")
    tmux.start(WARDAY, 100, 30)
    tmux.wait_for("North Korea ratifies")
    flags = tmux.flags()
    assert flags["alternate_on"] == "1"
    assert flags["mouse_any_flag"] == "1"
    tmux.keys("q")
    tmux.wait_for_flag("alternate_on", "0")
    flags = tmux.flags()
    assert (
        flags["mouse_any_flag"] == flags["mouse_button_flag"] == flags["mouse_standard_flag"] == "0"
    )
    assert flags["cursor_flag"] == "1"
    assert "North Korea" not in tmux.screen()


def test_mouse_false_leaves_the_mouse_to_the_terminal(tmux: Terminal, home: Path):
    write_config(home, "mouse = false\n")
    tmux.start(WARDAY, 100, 30)
    tmux.wait_for("North Korea ratifies")
    flags = tmux.flags()
    assert flags["alternate_on"] == "1"
    assert (
        flags["mouse_any_flag"] == flags["mouse_button_flag"] == flags["mouse_standard_flag"] == "0"
    )


def test_a_terminal_that_is_not_utf8_gets_ascii(tmux: Terminal, home: Path):
    write_config(home, "")
    tmux.env["PYTHONIOENCODING"] = "latin-1"
    tmux.start(WARDAY, 100, 30)
    screen = tmux.wait_for(
        "1 unread", "+- Western (Reuters) -", "Day 993  12 Nov 24 .....", "Kursk Region -"
    )
    assert screen.isascii()

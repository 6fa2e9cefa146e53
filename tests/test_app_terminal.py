"""The reader in a real terminal (tmux): mouse mode, ASCII fallback, and the terminal left clean."""

from __future__ import annotations

import os
import socket
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
    screen = tmux.wait_for("1 unread", "+- Western perspective (Reuters) -", "- Russian MOD")
    assert screen.isascii()
    tmux.keys("\\")
    screen = tmux.wait_for("Day 993  12 Nov 24 .....", "+- Days -")
    assert screen.isascii()


def test_at_80x24_the_two_sides_are_side_by_side_with_one_row_of_status_and_keys(
    tmux: Terminal, home: Path
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/index.php/itemlist/category/35-wars"
    write_config(home, f'sources = ["{closed}"]\ntimeout = 2\nread_after_seconds = 600\n')
    config = home / "config" / "config.toml"
    config.write_text(config.read_text().replace("sync_on_start = false", "sync_on_start = true"))
    tmux.start(WARDAY + " 993", 80, 24)
    screen = tmux.wait_for("North Korea ratifies", "Five Ukrainian tanks", "offline: ")
    rows = screen.splitlines()
    assert len(rows) == 24
    headline_row = next(y for y, row in enumerate(rows) if "North Korea ratifies" in row)
    row = rows[headline_row]
    assert "Five Ukrainian tanks" in row, "both headlines start on the same row"
    assert row.index("North Korea") < 40 < row.index("Five Ukrainian")
    assert rows[0].startswith(" Day 993 · ")
    assert rows[0].rstrip().endswith("1 unread")
    status = next(y for y, row in enumerate(rows) if "offline: could not reach 127.0.0.1" in row)
    assert status == 22, "the status line is the one row above the footer"
    assert "showing 1 cached day" in rows[22]
    assert rows[21].startswith(("┗", "╰")), "the panes end right above the status line"
    assert rows[21].rstrip().endswith(("┛", "╯"))
    for key in ("n Next day", "\\ Days", "? Keys", "q Quit", "^p palette"):
        assert key in rows[23]

"""The installed `warday` in a real terminal (tmux): open, move, rate, quit or be killed, check."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from terminal import WARDAY, Terminal, needs_tmux, terminal_env

pytestmark = needs_tmux


@pytest.fixture
def terminal(home: Path, fixtures: Path, tmp_path: Path) -> Iterator[Terminal]:
    env = terminal_env(home)
    subprocess.run(
        [WARDAY, "import", str(fixtures / "text")], env=env, capture_output=True, check=False
    )
    config = home / "config" / "config.toml"
    config.write_text(config.read_text().replace("sync_on_start = true", "sync_on_start = false"))
    socket = f"warday-test-{os.getpid()}-{tmp_path.name}"
    term = Terminal(socket, env)
    yield term
    term.close()


def listed(env: dict[str, str]) -> dict[int, dict]:
    out = subprocess.run(
        [WARDAY, "list", "--json"], env=env, capture_output=True, text=True, check=True
    ).stdout
    return {row["day"]: row for row in json.loads(out)}


def test_move_rate_quit_then_the_rating_is_listed(terminal: Terminal):
    terminal.start(WARDAY, 80, 24)
    terminal.wait_for("Day 1002 (1 of 6) · ")
    terminal.keys("p")
    terminal.wait_for("Day 1001 (2 of 6) · ")
    terminal.keys("4")
    terminal.wait_for("Day 1001 rated 4/5")
    terminal.keys("q")
    deadline = time.monotonic() + 10
    while listed(terminal.env)[1001]["rating"] != 4 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert listed(terminal.env)[1001]["rating"] == 4
    screen = terminal.screen()
    assert "Day 1001" not in screen, "the terminal should be restored after quitting"


def test_rating_survives_kill_9(terminal: Terminal):
    terminal.start(WARDAY + " 993", 160, 48)
    terminal.wait_for("North Korea ratifies", "Five Ukrainian tanks")
    terminal.keys("5")
    terminal.wait_for("Day 993 rated 5/5")
    os.kill(terminal.command_pid(), signal.SIGKILL)
    assert listed(terminal.env)[993]["rating"] == 5

"""A real terminal for tests: a tmux server of its own, one window at a fixed size."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

WARDAY = shutil.which("warday", path=str(Path(sys.executable).parent)) or "warday"

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

MODE_FLAGS = (
    "alternate_on",
    "mouse_any_flag",
    "mouse_button_flag",
    "mouse_standard_flag",
    "cursor_flag",
)


def terminal_env(home: Path) -> dict[str, str]:
    """This process's environment for a program in the terminal: private home, UTF-8, 256 colours.

    Variables that would change what the program sees (a size from pytest-xdist, NO_COLOR, an
    enclosing tmux, a forced encoding) are left out.
    """
    env = {
        **os.environ,
        "WARDAY_HOME": str(home),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
    for name in ("NO_COLOR", "TMUX", "PYTHONIOENCODING", "COLUMNS", "LINES"):
        env.pop(name, None)
    return env


class Terminal:
    """One tmux window running a command; the shell stays after it so the screen can be read."""

    def __init__(self, socket: str, env: dict[str, str]) -> None:
        self.socket = socket
        self.env = env

    def tmux(self, *args: str) -> str:
        command = ["tmux", "-L", self.socket, *args]
        return subprocess.run(
            command, capture_output=True, text=True, env=self.env, check=False
        ).stdout

    def start(self, command: str, width: int = 80, height: int = 24) -> None:
        self.tmux(
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            str(width),
            "-y",
            str(height),
            f"{command}; sleep 60",
        )

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "t", key)
            time.sleep(0.15)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, *texts: str, timeout: float = 20) -> str:
        """The screen, once every one of `texts` is on it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{texts!r} never appeared; the screen was:\n{self.screen()}")

    def title(self) -> str:
        """The title the program gave the terminal (OSC 2)."""
        return self.tmux("display-message", "-p", "-t", "t", "#{pane_title}").strip()

    def flags(self) -> dict[str, str]:
        """tmux's view of the terminal modes the program left set."""
        values = self.tmux(
            "display-message", "-p", "-t", "t", " ".join(f"#{{{name}}}" for name in MODE_FLAGS)
        )
        return dict(zip(MODE_FLAGS, values.split(), strict=False))

    def wait_for_flag(self, name: str, value: str, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while self.flags().get(name) != value and time.monotonic() < deadline:
            time.sleep(0.1)
        assert self.flags().get(name) == value, self.flags()

    def command_pid(self) -> int:
        """The pid of the command the window's shell is running."""
        shell = self.tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == shell:
                return int(stat.parent.name)
        raise AssertionError("the command is not running")

    def close(self) -> None:
        self.tmux("kill-server")

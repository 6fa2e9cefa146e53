"""A real terminal for tests: one tmux server of its own, a session at a fixed size."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

WARDAY = shutil.which("warday", path=str(Path(sys.executable).parent)) or "warday"


class Terminal:
    """One tmux session on a private server socket, running a command at a fixed size."""

    def __init__(self, socket: str, env: dict[str, str]) -> None:
        self.socket = socket
        self.env = env

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, env=self.env, check=False
        ).stdout

    def start(self, command: str, width: int, height: int) -> None:
        self.tmux("new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height), command)

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "t", key)
            time.sleep(0.15)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def pane_pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip())

    def alive(self) -> bool:
        return "t" in self.tmux("list-sessions", "-F", "#{session_name}").split()

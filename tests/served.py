"""`warday serve` as a real process for tests, on a free loopback port, its readers found."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from terminal import WARDAY, terminal_env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children(pid: int) -> set[int]:
    """The live (not zombie) processes whose parent is `pid`."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, parent = stat.read_text().rsplit(")", 1)[1].split()[:2]
        except (OSError, ValueError):
            continue
        if int(parent) == pid and state != "Z":
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return state != "Z" and b"tui_reader" in command


class Served:
    """`warday serve --port PORT` over the warday home `home`, until `stop()`."""

    def __init__(
        self, home: Path, *args: str, own_group: bool = False, env: dict[str, str] | None = None
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process = subprocess.Popen(
            [WARDAY, "serve", "--port", str(self.port), *args],
            env={**terminal_env(home), **(env or {})},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=own_group,
        )
        assert self.process.stdout is not None
        self.greeting = self.process.stdout.readline()
        assert self.greeting.startswith("Serving warday at"), self.greeting + self.rest()
        self.seen: set[int] = set()
        """Every reader process seen, so none is missed once the server is gone."""

    @property
    def pid(self) -> int:
        return self.process.pid

    def readers(self) -> set[int]:
        """The reader processes running for open tabs."""
        readers = children(self.pid)
        self.seen |= readers
        return readers

    def wait_for_readers(self, count: int, timeout: float = 20) -> set[int]:
        deadline = time.monotonic() + timeout
        while len(self.readers()) != count and time.monotonic() < deadline:
            time.sleep(0.05)
        readers = self.readers()
        assert len(readers) == count, f"{len(readers)} readers run, not {count}"
        return readers

    def interrupt(self, group: bool = False, timeout: float = 30) -> int:
        """SIGINT to the server alone, or to its process group as ctrl+c in a terminal does (with
        `own_group`); the server's exit status."""
        if group:
            os.killpg(self.pid, signal.SIGINT)
        else:
            self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout)

    def rest(self) -> str:
        """What the server printed after its greeting (once it has stopped)."""
        assert self.process.stdout is not None
        if self.process.poll() is None:
            return ""
        return self.process.stdout.read()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for reader in self.seen:
            if alive(reader):
                os.kill(reader, signal.SIGKILL)
        if self.process.stdout is not None:
            self.process.stdout.close()

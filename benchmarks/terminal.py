"""A program in a pseudo-terminal of its own, driven like a person at a keyboard and timed from
outside: every chunk it writes is kept with the moment it arrived, and a terminal emulator (pyte)
tells what the screen shows after any chunk.

Nothing in the measured program is changed or asked to cooperate; this works on the installed
`warday` as it is.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence
from pathlib import Path

import pyte

QUIET = 0.15
"""Seconds without output after which an update counts as finished (its last byte came before)."""

BURST_GAP = 0.005
"""Chunks less than this apart belong to one write: a frame that the terminal's buffer split."""


class Stuck(Exception):
    """The program did not show what was expected in time; the message has its screen."""


def terminal_env(home: Path, **extra: str) -> dict[str, str]:
    """A plain 256-colour UTF-8 terminal with WARDAY_HOME set; nothing inherited that would
    change what the program sees (a size, NO_COLOR, an enclosing tmux, Textual's dev settings),
    or how Python runs it: PYTHONDONTWRITEBYTECODE, set in some CI and container environments,
    would make an editable install compile every one of its modules again at every start (a
    normal install is compiled once, by pip)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name
        not in {
            "NO_COLOR",
            "TMUX",
            "COLUMNS",
            "LINES",
            "PYTHONIOENCODING",
            "COLORTERM",
            "PYTHONDONTWRITEBYTECODE",
        }
        and not name.startswith("TEXTUAL")
    }
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", WARDAY_HOME=str(home))
    env.update(extra)
    return env


class PtyProgram:
    """`argv` running in a `width` x `height` pseudo-terminal; `started` is when it was forked."""

    def __init__(
        self, argv: Sequence[str], env: dict[str, str], width: int = 120, height: int = 40
    ) -> None:
        self.chunks: list[tuple[float, bytes]] = []
        self.screen = pyte.Screen(width, height)
        self._stream = pyte.ByteStream(self.screen)
        self._fed = 0
        self.closed = False
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size its terminal, then become the program
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
                os.execve(argv[0], list(argv), env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd

    # -- output ---------------------------------------------------------------------------

    def _read(self, timeout: float) -> bool:
        """Wait up to `timeout` for output and keep it; False when nothing came."""
        if self.closed:
            return False
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:  # EIO: the program is gone
            data = b""
        now = time.perf_counter()
        if not data:
            self.closed = True
            return False
        self.chunks.append((now, data))
        return True

    def read_until_quiet(self, quiet: float = QUIET, limit: float = 30.0) -> None:
        """Read until no output has come for `quiet` seconds (or `limit` seconds have passed)."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline and self._read(quiet):
            pass

    def text(self) -> str:
        """The screen now, as plain text lines."""
        self._feed(len(self.chunks))
        return "\n".join(self.screen.display)

    def visible_lines(self) -> str:
        """The screen's lines that hold anything, right-trimmed (for messages)."""
        return "\n".join(line.rstrip() for line in self.text().splitlines() if line.strip())

    def _feed(self, upto: int) -> None:
        for _, data in self.chunks[self._fed : upto]:
            self._stream.feed(data)
        self._fed = max(self._fed, upto)

    def shows(self, texts: Sequence[str]) -> bool:
        screen = self.text()
        return all(text in screen for text in texts)

    def wait_for(
        self, texts: Sequence[str], since: int, limit: float = 60.0, blank: bool = False
    ) -> int:
        """Read until the screen shows every one of `texts` and then goes quiet; returns the index
        of the last chunk of the frame that first showed them all (looking from chunk `since`;
        with `blank`, on a screen that was blank before chunk `since`)."""
        deadline = time.perf_counter() + limit
        while True:
            self.read_until_quiet(limit=max(0.0, deadline - time.perf_counter()))
            if self.shows(texts):
                break
            if self.closed or time.perf_counter() >= deadline:
                raise Stuck(
                    f"the screen never showed {list(texts)!r}; it showed:\n{self.visible_lines()}"
                )
            self._read(1.0)
        index = self._first_showing(texts, since, blank)
        while (
            index + 1 < len(self.chunks)
            and self.chunks[index + 1][0] - self.chunks[index][0] < BURST_GAP
        ):
            index += 1
        return index

    def _first_showing(self, texts: Sequence[str], since: int, blank: bool) -> int:
        """Replay the output from chunk `since` to find the first chunk that completed `texts`."""
        screen = pyte.Screen(self.screen.columns, self.screen.lines)
        stream = pyte.ByteStream(screen)
        for _, data in [] if blank else self.chunks[:since]:
            stream.feed(data)
        for index in range(since, len(self.chunks)):
            stream.feed(self.chunks[index][1])
            shown = "\n".join(screen.display)
            if all(text in shown for text in texts):
                return index
        raise Stuck(f"{list(texts)!r} never showed")  # unreachable after wait_for

    def last_whole_paint(self, texts: Sequence[str], since: int, last: int) -> int:
        """The first chunk of the shortest run of chunks from `since` up to `last` that, played
        on a blank screen, shows every one of `texts`: where the last whole repaint began (a
        terminal's resize can make a program paint everything twice in a row)."""
        for first in range(last, since - 1, -1):
            screen = pyte.Screen(self.screen.columns, self.screen.lines)
            stream = pyte.ByteStream(screen)
            for _, data in self.chunks[first : last + 1]:
                stream.feed(data)
            shown = "\n".join(screen.display)
            if all(text in shown for text in texts):
                return first
        return since

    def bytes_between(self, first: int, last: int) -> int:
        return sum(len(data) for _, data in self.chunks[first : last + 1])

    # -- input and the process -----------------------------------------------------------

    def resize(self, width: int, height: int) -> None:
        """Change the terminal's size, as a person dragging the window does (SIGWINCH)."""
        self._feed(len(self.chunks))
        self.screen.resize(height, width)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))

    def press(self, key: bytes) -> float:
        """Type `key`; returns when it was written."""
        os.write(self.fd, key)
        return time.perf_counter()

    def peak_rss(self) -> int:
        """The program's peak resident memory so far, in bytes (VmHWM)."""
        status = Path(f"/proc/{self.pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
        return int(line.split()[1]) * 1024

    def quit(self, key: bytes = b"q", limit: float = 10.0) -> None:
        """Type the quit key and wait for the program to end (killed if it will not)."""
        with contextlib.suppress(OSError):  # it may be gone already
            self.press(key)
        deadline = time.perf_counter() + limit
        while not self.closed and time.perf_counter() < deadline:
            self._read(deadline - time.perf_counter())
        finished, _ = os.waitpid(self.pid, os.WNOHANG)
        if not finished:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)

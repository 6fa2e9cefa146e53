"""Hostile text in a real terminal (tmux): the reader, `warday show` and `warday list` print it as
plain text. The screen is not cleared or moved, no clipboard write, window title, link or other
escape sequence from the text reaches the terminal: checked on the screen, in tmux's paste
buffers and title, and in a log of every byte the program wrote."""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from conftest_app import perspectives_day
from terminal import WARDAY, Terminal, needs_tmux, terminal_env

from tui_reader.model import Perspective
from tui_reader.places import resolve_places
from tui_reader.store import Store

pytestmark = needs_tmux

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
STORED_RAW = replace(
    perspectives_day(1100),
    perspectives=(
        Perspective(
            "western",
            "Stored\x1b[2J\x1b[H raw \u202eheadline – x",
            ("Raw\x1b]52;c;aG9zdGlsZQ==\x07 stored\x1b]0;owned title\x07 paragraph\x9b2J.",),
        ),
        Perspective("russian", "Plain east", ("Plain.",)),
    ),
)
"""A day stored with its controls, as an older warday (which cleaned less) may have kept it."""

NEVER_WRITTEN = {
    "OSC 52 clipboard write": b"\x1b]52",
    "its payload": b"aG9zdGlsZ",
    "window title": b"\x1b]0;",
    "OSC 8 link": b"\x1b]8;",
    "the link target": b"evil.invalid/",
    "title text": b"owned title",
    "8-bit CSI": "\x9b".encode(),
    "bidi override": "\u202e".encode(),
    "word joiner": "\u2060".encode(),
    "zero-width space": "\u200b".encode(),
}


@pytest.fixture
def terminal(home: Path, fixtures: Path, tmp_path: Path) -> Iterator[Terminal]:
    env = terminal_env(home)
    subprocess.run(
        [WARDAY, "import", str(fixtures / "hostile/day-995-hostile.txt")],
        env=env,
        capture_output=True,
        check=True,
    )
    with Store(resolve_places(home).database) as store:
        store.save(STORED_RAW)
    config = home / "config" / "config.toml"
    config.write_text(config.read_text().replace("sync_on_start = true", "sync_on_start = false"))
    term = Terminal(f"warday-hostile-{os.getpid()}-{tmp_path.name}", env)
    yield term
    term.close()


def run_logged(terminal: Terminal, command: str, log: Path, width: int, height: int) -> None:
    """Start `command` in the terminal with every byte it writes logged, and tmux accepting
    clipboard writes (so one that got through would show as a paste buffer)."""
    terminal.start(f"sleep 1; {command}", width, height)
    terminal.tmux("set-option", "-s", "set-clipboard", "on")
    terminal.tmux("pipe-pane", "-t", "t", "-o", f"cat >> {log}")


def assert_nothing_hostile_written(terminal: Terminal, log: Path) -> None:
    written = log.read_bytes()
    assert written, "the log holds what the program wrote"
    for name, sequence in NEVER_WRITTEN.items():
        assert sequence not in written, f"{name} reached the terminal"
    own = re.sub(rb"\x1b\]22;[a-z-]*\x07", b"", written)  # the reader's own mouse pointer shape
    own = re.sub(rb"\x1b\]2;warday( - Day \d+)?\x07", b"", own)  # the reader's own title
    assert b"\x1b]" not in own, "no other OSC sequence was written"
    assert b"\x07" not in own, "no bell"
    assert terminal.tmux("list-buffers") == "", "nothing was written to the clipboard"
    title = terminal.tmux("display-message", "-p", "-t", "t", "#{pane_title}")
    assert "owned" not in title


def test_the_reader_shows_hostile_text_as_text(terminal: Terminal, tmp_path: Path):
    log = tmp_path / "reader.log"
    run_logged(terminal, f"{WARDAY} 995", log, 160, 48)
    screen = terminal.wait_for("Kyiv says [bold red]strike[/] hit depot", "q Quit")
    lines = screen.splitlines()
    assert lines[0].lstrip().startswith("warday  Day 995"), "the header is still on top"
    assert "q Quit" in lines[47], "the footer is still at the bottom"
    assert "[link=https://evil.invalid]here[/link]." in screen
    assert FAMILY[:5] in screen, "the family emoji keeps its joiners (tmux draws the last one)"
    terminal.keys("n")
    screen = terminal.wait_for("Raw stored paragraph.", "warday  Day 1100 · ")
    assert "Stored raw headline – x" in screen
    assert screen.splitlines()[0].lstrip().startswith("warday  Day 1100")
    terminal.keys("q")
    terminal.wait_for_flag("alternate_on", "0")
    time.sleep(0.3)
    assert_nothing_hostile_written(terminal, log)


@pytest.mark.parametrize("command", ["show 995 --stacked", "show 1100", "list"])
def test_show_and_list_print_hostile_text_in_place(terminal: Terminal, tmp_path: Path, command):
    log = tmp_path / "cli.log"
    run_logged(terminal, f"echo MARKER-ABOVE; {WARDAY} {command}; echo MARKER-BELOW", log, 200, 50)
    terminal.wait_for("MARKER-BELOW")
    time.sleep(0.3)
    history = terminal.tmux("capture-pane", "-p", "-t", "t", "-S", "-", "-J").splitlines()
    above = next(i for i, line in enumerate(history) if line.startswith("MARKER-ABOVE"))
    below = next(i for i, line in enumerate(history) if line.startswith("MARKER-BELOW"))
    printed = "\n".join(history[above + 1 : below])
    if command.startswith("show 995"):
        assert "Kyiv says [bold red]strike[/] hit depot" in printed
        assert "Officials said the strike hit a fuel depot near Kyiv" in printed
        assert "The file invoicefdp.exe arrived; password and zerowidth joiners" in printed
        assert printed.index("WESTERN PERSPECTIVE") < printed.index("RUSSIAN PERSPECTIVE")
        assert "Ukraine" + "x" * 150 in printed.replace("\n", "")
    elif command == "show 1100":
        assert "Stored raw headline – x" in printed
        assert "Raw stored paragraph." in printed
    else:
        assert "Kyiv says [bold red]strike[/]" in printed
        assert "Stored raw headline" in printed
    assert_nothing_hostile_written(terminal, log)
    moves = re.findall(rb"\x1b\[[0-9;]*[HfJ]", log.read_bytes())
    assert not moves, f"printed output moved the cursor or cleared the screen: {moves[:3]}"

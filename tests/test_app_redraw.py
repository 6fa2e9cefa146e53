"""The reader redraws what changed and nothing else, watched from outside in a pseudo-terminal.

The bytes the reader writes after a key (or after another warday's change) are played onto a
screen whose every cell holds a marker: a cell still holding it afterwards was not drawn. So these
tests see exactly what a terminal (or an SSH link) is sent: moving to another day draws both
panes' text, the header line and the two rows of the day list whose highlight moved, and nothing
is drawn again when the reader stores the day shown a moment later; a rating made by another warday
draws that day's row of the list and nothing else. Only what is drawn is checked, never how fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyte
import pytest

from tui_reader.app.screens.reader import REFRESH_SECONDS, REMEMBER_SECONDS
from tui_reader.places import resolve_places
from tui_reader.store import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import archive  # noqa: E402
from benchmarks.run import WARDAY, first_screen_markers, opening_markers  # noqa: E402
from benchmarks.terminal import PtyProgram, terminal_env  # noqa: E402

WIDTH, HEIGHT = 120, 40
LIST_WIDTH = 32
"""The day list's columns at 120 (its border included); the panes are right of it."""
ROW = 3
"""Screen rows per day in the list."""
FIRST_ROW = 2
"""The screen row of the newest day's first line (below the header and the list's border)."""
MARK = "\x7f"
"""What every cell holds before the bytes are played: no character the reader draws."""
SETTLE = REMEMBER_SECONDS + REFRESH_SECONDS + 1.0
"""Long enough for the day to be stored and the reader to look at the database again."""

DAYS = 60
NEWEST = archive.newest_day(DAYS)


@pytest.fixture
def reader(home: Path):
    """The installed `warday` at the newest of 60 days, nothing fetched, nothing read on a
    timer, its first screen painted."""
    archive.fill_store(home, DAYS)
    archive.write_config(home, sync_on_start=False, read_after_seconds=600.0)
    program = PtyProgram([WARDAY], terminal_env(home), WIDTH, HEIGHT)
    try:
        program.wait_for(first_screen_markers(NEWEST), since=0)
        program.read_until_quiet(SETTLE)
        yield program
    finally:
        program.quit()


def drawn_since(program: PtyProgram, since: int) -> list[str]:
    """The screen after playing the bytes written from chunk `since` onto a screen full of
    MARK: the rows, MARK where nothing was drawn."""
    screen = pyte.Screen(WIDTH, HEIGHT)
    for y in range(HEIGHT):
        for x in range(WIDTH):
            screen.buffer[y][x] = screen.default_char._replace(data=MARK)
    stream = pyte.ByteStream(screen)
    for _, data in program.chunks[since:]:
        stream.feed(data)
    return ["".join(screen.buffer[y][x].data or MARK for x in range(WIDTH)) for y in range(HEIGHT)]


def list_rows(rows: list[str]) -> list[int]:
    """The screen rows where anything of the day list was drawn (between the header line and
    the footer)."""
    return [y for y, row in enumerate(rows[:-1]) if y and row[:LIST_WIDTH].strip(MARK)]


def rows_of(position: int) -> list[int]:
    """The screen rows of the day at `position` in the list (0 is the newest)."""
    first = FIRST_ROW + position * ROW
    return list(range(first, first + ROW))


def test_moving_to_another_day_draws_its_text_the_header_and_two_list_rows(reader):
    since = len(reader.chunks)
    reader.press(b"p")
    reader.wait_for(opening_markers(NEWEST - 1), since)
    reader.read_until_quiet(SETTLE)
    rows = drawn_since(reader, since)
    assert f"Day {NEWEST - 1}" in rows[0], "the header names the new day"
    assert list_rows(rows) == rows_of(0) + rows_of(1), "the old and new highlight only"
    shown = "\n".join(rows)
    for opening in opening_markers(NEWEST - 1):
        assert opening in shown, "each pane's text is drawn"
    assert not rows[-1].strip(MARK), "the footer is not drawn again"


def test_a_rating_made_by_another_warday_draws_that_days_row_only(reader, home: Path):
    since = len(reader.chunks)
    with Store(resolve_places(home).database) as other:
        other.rate(NEWEST - 2, 5)
    reader.read_until_quiet(SETTLE)
    rows = drawn_since(reader, since)
    assert list_rows(rows) == rows_of(2)
    assert "★★★★★" in rows[rows_of(2)[0]]
    assert not any(row.strip(MARK) for y, row in enumerate(rows) if y not in rows_of(2))


def played(program: PtyProgram, first: int, last: int | None = None) -> pyte.Screen:
    """A blank screen with the bytes of chunks `first` to `last` played on it."""
    screen = pyte.Screen(WIDTH, HEIGHT)
    stream = pyte.ByteStream(screen)
    for _, data in program.chunks[first:last]:
        stream.feed(data)
    return screen


def cells(screen: pyte.Screen) -> list[list[tuple[str, str, str, bool, bool, bool]]]:
    """Every cell's character, colours and attributes."""
    return [
        [
            (char.data, char.fg, char.bg, char.bold, char.reverse, char.underscore)
            for char in (screen.buffer[y][x] for x in range(WIDTH))
        ]
        for y in range(HEIGHT)
    ]


def test_days_drawn_in_part_leave_the_screen_as_a_whole_repaint_draws_it(reader):
    """Each switch writes only the rows that changed, each only as far as its old or new text
    reaches, and only the changed rows of the scrollbars: what stays is exactly what a whole
    repaint of the same day shows."""
    day = NEWEST
    for key in [b"p"] * 4 + [b"n"] * 2:
        day += -1 if key == b"p" else 1
        since = len(reader.chunks)
        reader.press(key)
        reader.wait_for(opening_markers(day), since)
        reader.read_until_quiet(0.3)
    after_switches = cells(played(reader, 0))
    reader.resize(WIDTH, HEIGHT - 1)
    reader.read_until_quiet(0.5)
    since = len(reader.chunks)
    reader.resize(WIDTH, HEIGHT)
    reader.wait_for(opening_markers(day), since, blank=True)
    reader.read_until_quiet(0.5)
    # The repaint after the terminal's size is back writes every cell, whatever was there.
    assert cells(played(reader, 0)) == after_switches


PANE_WIDTH = (WIDTH - LIST_WIDTH) // 2
SCROLLBARS = (LIST_WIDTH + PANE_WIDTH - 3, WIDTH - 3)
"""The columns of the panes' scrollbars (inside each pane's border and right padding)."""


def test_a_day_switch_draws_only_the_rows_of_the_scrollbars_that_change(reader):
    """A thumb that grows or shrinks is drawn where it changed; the rest of the scrollbar is
    not written again."""
    pane_rows = range(FIRST_ROW, HEIGHT - 2)
    before = played(reader, 0)
    for x in SCROLLBARS:
        assert any(before.buffer[y][x].reverse for y in pane_rows), "both panes scroll"
    since = len(reader.chunks)
    reader.press(b"p")
    reader.wait_for(opening_markers(NEWEST - 1), since)
    reader.read_until_quiet(0.3)
    after = played(reader, 0)
    rows = drawn_since(reader, since)
    for x in SCROLLBARS:
        drawn = [y for y in pane_rows if rows[y][x] != MARK]
        changed = [y for y in pane_rows if before.buffer[y][x] != after.buffer[y][x]]
        assert drawn == changed, f"scrollbar column {x}"

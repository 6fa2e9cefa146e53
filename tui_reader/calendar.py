"""The archive as a calendar: a column a week, a row a weekday (like a contribution graph), each
day marked by what you made of it. Shared by `warday timeline` and the reader's timeline.

A mark is a character, so it reads without colour: your stars as a digit, `○` unread, `•` read
but not rated, `·` a day in the archive's span that is not stored (`o`, `+` and `.` in ASCII).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tui_reader.model import DayEntry


class Mark(StrEnum):
    """What a day's cell says; `RATED` cells also give the stars."""

    OUTSIDE = "outside"
    """Before the first stored day or after the last: not part of the archive's span."""
    MISSING = "missing"
    UNREAD = "unread"
    READ = "read"
    RATED = "rated"


GLYPHS = {
    Mark.OUTSIDE: (" ", " "),
    Mark.MISSING: ("·", "."),
    Mark.UNREAD: ("○", "o"),
    Mark.READ: ("•", "+"),
}
"""(Unicode, ASCII) character of each mark; a rated day shows its stars as a digit."""

LEGEND = (
    (Mark.RATED, "1-5 your stars"),
    (Mark.UNREAD, "unread"),
    (Mark.READ, "read, not rated"),
    (Mark.MISSING, "not stored"),
)

WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
"""Row labels, every other one as in a contribution graph."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One day of the calendar."""

    when: date
    mark: Mark
    entry: DayEntry | None = None

    @property
    def stars(self) -> int | None:
        return self.entry.rating if self.entry is not None else None

    def glyph(self, ascii: bool = False) -> str:
        if self.mark is Mark.RATED and self.stars:
            return str(self.stars)
        unicode, plain = GLYPHS[self.mark]
        return plain if ascii else unicode


def monday(when: date) -> date:
    return when - timedelta(days=when.weekday())


class Calendar:
    """Stored days by date, from the Monday of the first one's week to the last one's."""

    def __init__(self, entries: Iterable[DayEntry]) -> None:
        self.by_date = {entry.war_date: entry for entry in entries}
        dates = sorted(self.by_date)
        self.first = dates[0] if dates else None
        self.last = dates[-1] if dates else None
        self.mondays: list[date] = []
        if self.first is not None and self.last is not None:
            start, end = monday(self.first), monday(self.last)
            self.mondays = [start + timedelta(weeks=n) for n in range((end - start).days // 7 + 1)]

    def cell(self, when: date) -> Cell:
        entry = self.by_date.get(when)
        if entry is not None:
            if entry.rating:
                return Cell(when, Mark.RATED, entry)
            return Cell(when, Mark.READ if entry.read else Mark.UNREAD, entry)
        if self.first is None or self.last is None or not self.first <= when <= self.last:
            return Cell(when, Mark.OUTSIDE)
        return Cell(when, Mark.MISSING)

    def week(self, index: int) -> list[Cell]:
        """The seven days of week `index` (0 is the first stored day's), Monday first."""
        return [self.cell(self.mondays[index] + timedelta(days=n)) for n in range(7)]

    def week_index(self, when: date) -> int:
        """Which week `when` falls in (clamped to the calendar)."""
        if not self.mondays:
            return 0
        index = (monday(when) - self.mondays[0]).days // 7
        return max(0, min(index, len(self.mondays) - 1))

    def missing(self) -> int:
        """How many days in the archive's span are not stored."""
        if self.first is None or self.last is None:
            return 0
        return (self.last - self.first).days + 1 - len(self.by_date)


def month_labels(
    mondays: list[date], columns: int = 2, years: bool = True
) -> Iterator[tuple[int, str]]:
    """(column, label) of the weeks in which a month begins (and of the first week): `Mar`, or
    the year for January (unless `years` is False); a label that would run into the one before
    is left out."""
    free = 0
    for index, start in enumerate(mondays):
        end = start + timedelta(days=6)
        if end.day <= 7:  # the 1st of end's month is in this week
            month = end
        elif index == 0:
            month = start
        else:
            continue
        label = str(month.year) if month.month == 1 and years else month.strftime("%b")
        column = index * columns
        if column >= free:
            yield column, label
            free = column + len(label) + 1

"""The archive week by week: how many days each side mentions a search, and how many days are
stored, read and rated. A week is Monday to Sunday; every week from the first stored day's to
the last stored day's is listed, weeks with nothing in them too.

Each is one query over the whole archive, grouped by week in SQL (a day's week is
`(day + 2) / 7`: Day 1, 24 February 2022, was a Thursday)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from tui_reader.model import war_date
from tui_reader.store.database import Database
from tui_reader.store.search import side_match

if TYPE_CHECKING:
    from tui_reader.search.query import Query

WEEK = "(day + 2) / 7"
"""A day's week as a number: week 0 holds Days 1-4, week 1 starts on Monday, Day 5."""


def week_monday(week: int) -> date:
    """The Monday that week number `week` starts on."""
    return war_date(week * 7 - 2)


def week_of(when: date) -> date:
    """The Monday of the week holding `when`."""
    return when - timedelta(days=when.weekday())


@dataclass(frozen=True, slots=True)
class WeekMentions:
    """How many days of one week each side mentions a search (a 2022 bulletin is `bulletin`)."""

    monday: date
    western: int = 0
    russian: int = 0
    bulletin: int = 0


@dataclass(frozen=True, slots=True)
class WeekDays:
    """How many days of one week are stored, read and rated, and their average stars."""

    monday: date
    stored: int = 0
    read: int = 0
    rated: int = 0
    stars: float | None = None


class Timeline(Database):
    """The archive by week."""

    def _weeks(self) -> range:
        """The week numbers from the first stored day's to the last's (empty with none)."""
        first, last = self._read(f"SELECT min({WEEK}), max({WEEK}) FROM digest")[0]
        return range(0) if first is None else range(first, last + 1)

    def mentions_by_week(self, query: Query) -> list[WeekMentions]:
        """Every week of the archive with how many of its days each side matches `query`."""
        weeks = self._weeks()
        counts: dict[int, dict[str, int]] = {week: {} for week in weeks}
        if query.sides and weeks:
            rows = self._read(
                "SELECT (rowid / 4 + 2) / 7, side, count(*) FROM side_search"
                " WHERE side_search MATCH ? GROUP BY 1, 2",
                (side_match(query),),
            )
            for week, side, days in rows:
                if week in counts and side in ("western", "russian", "bulletin"):
                    counts[week][side] = days
        return [WeekMentions(week_monday(week), **counts[week]) for week in weeks]

    def days_by_week(self) -> list[WeekDays]:
        """Every week of the archive with how many of its days are stored, read and rated."""
        rows = self._read(
            f"SELECT {WEEK}, count(*), count(s.digest_id), count(r.digest_id), avg(r.stars)"
            " FROM digest d LEFT JOIN read_state s ON s.digest_id = d.id"
            " LEFT JOIN rating r ON r.digest_id = d.id GROUP BY 1"
        )
        found = {week: WeekDays(week_monday(week), *counts) for week, *counts in rows}
        return [found.get(week, WeekDays(week_monday(week))) for week in self._weeks()]

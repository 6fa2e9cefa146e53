"""`warday timeline [QUERY] [--json]`: the archive week by week, and when each side mentions a
term."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from tui_reader.calendar import LEGEND, WEEKDAYS, Calendar, Cell, Mark, month_labels
from tui_reader.cli.session import FAILED, OK, USAGE, AddCommand, Session, utf8_output
from tui_reader.model import DayEntry

if TYPE_CHECKING:
    from tui_reader.store import WeekDays, WeekMentions

RATING_STYLES = (
    "white on #0e4429",
    "white on #006d32",
    "black on #26a641",
    "black on #39d353",
    "bold black on #7ee787",
)
"""Your stars, 1 to 5, in deepening greens (the digit says it without colour)."""

MARK_STYLES = {Mark.MISSING: "dim", Mark.UNREAD: "bold", Mark.READ: "", Mark.OUTSIDE: ""}

SIDES = ("western", "russian", "bulletin")

LABEL_WIDTH = 5
"""Columns of the row labels (`Mon`, `W`) before the weeks."""


def cmd_timeline(args: argparse.Namespace, session: Session) -> int:
    text = " ".join(args.query).strip()
    store = session.store
    mentions: list[WeekMentions] | None = None
    if text:
        from tui_reader.search.query import QueryError, parse_query

        try:
            query = parse_query(text)
        except QueryError as error:
            session.say(f"warday timeline: {error}")
            return USAGE
        from tui_reader.cli.search import spelling_note, with_spellings

        query = with_spellings(query, session)
        if query.names and not args.json and session.out.is_terminal:
            session.say(spelling_note(query))
        mentions = store.mentions_by_week(query)
        rows = [_mentions_json(week) for week in mentions]
        lines = [_mentions_line(week) for week in mentions]
    else:
        weeks = store.days_by_week()
        rows = [_days_json(week) for week in weeks]
        lines = [_days_line(week) for week in weeks]
    if args.json:
        payload = {"query": text or None, "weeks": rows}
        session.out.file.write(json.dumps(payload, ensure_ascii=False) + "\n")
    elif not session.out.is_terminal:
        session.out.file.write("".join(lines))
    elif rows:
        ascii = not utf8_output()
        session.out.print(timeline_renderable(store.days(), text, mentions, ascii))
    if not rows:
        session.say("Nothing is stored yet; add digests with `warday fetch` or `warday import`.")
        return FAILED
    return OK


def _mentions_json(week: WeekMentions) -> dict[str, Any]:
    return {
        "week": week.monday.isoformat(),
        "western": week.western,
        "russian": week.russian,
        "bulletin": week.bulletin,
    }


def _days_json(week: WeekDays) -> dict[str, Any]:
    return {
        "week": week.monday.isoformat(),
        "stored": week.stored,
        "read": week.read,
        "rated": week.rated,
        "stars": round(week.stars, 2) if week.stars is not None else None,
    }


def _mentions_line(week: WeekMentions) -> str:
    return (
        f"{week.monday}  western {week.western}  russian {week.russian}  bulletin {week.bulletin}\n"
    )


def _days_line(week: WeekDays) -> str:
    stars = f"{week.stars:.1f}" if week.stars is not None else "-"
    return (
        f"{week.monday}  stored {week.stored}  read {week.read}  rated {week.rated}"
        f"  stars {stars}\n"
    )


def cell_text(cell: Cell, ascii: bool) -> Text:
    style = RATING_STYLES[cell.stars - 1] if cell.mark is Mark.RATED and cell.stars else ""
    return Text(cell.glyph(ascii), style=style or MARK_STYLES[cell.mark])


def count_text(count: int, ascii: bool) -> Text:
    """A week's count of days (0-7) as one character: `·` for none."""
    if not count:
        return Text("." if ascii else "·", style="dim")
    return Text(str(min(count, 9)), style="bold")


def timeline_renderable(
    entries: list[DayEntry],
    text: str,
    mentions: list[WeekMentions] | None,
    ascii: bool = False,
) -> RenderableType:
    """The archive a year to a block: a column a week, a row a weekday, each day marked; with a
    search, a row per side under each block with how many days of each week it mentions it."""
    calendar = Calendar(entries)
    parts: list[RenderableType] = []
    title = Text("Timeline", style="bold")
    if calendar.first and calendar.last:
        title.append(f"  {calendar.first:%d %b %Y} to {calendar.last:%d %b %Y}: ")
        title.append(
            f"{len(entries)} day{'s' * (len(entries) != 1)} stored, {calendar.missing()} missing",
            style="dim",
        )
    parts.append(title)
    by_week = {week.monday: week for week in mentions or []}
    years = sorted({monday.year for monday in calendar.mondays})
    for year in years:
        indexes = [i for i, monday in enumerate(calendar.mondays) if monday.year == year]
        parts.append(
            Padding(_year_block(calendar, indexes, by_week, mentions, ascii), (1, 0, 0, 0))
        )
    legend = Text()
    for mark, label in LEGEND:
        glyph = "1-5" if mark is Mark.RATED else Cell(date.min, mark).glyph(ascii)
        legend.append(glyph, style=RATING_STYLES[3] if mark is Mark.RATED else MARK_STYLES[mark])
        legend.append(f" {label.removeprefix('1-5 ')}   ")
    parts.append(Padding(legend, (1, 0, 0, 0)))
    if mentions is not None:
        note = Text("W, R (B): how many days a week the Western side, the Russian side (a 2022")
        note.append(f" bulletin) mention {text}; in all: ")
        totals = [(side, sum(getattr(week, side) for week in mentions)) for side in SIDES]
        note.append(", ".join(f"{side} {days}" for side, days in totals), style="bold")
        parts.append(note)
    return Group(*parts)


def _year_block(
    calendar: Calendar,
    indexes: list[int],
    by_week: dict[date, WeekMentions],
    mentions: list[WeekMentions] | None,
    ascii: bool,
) -> RenderableType:
    mondays = [calendar.mondays[i] for i in indexes]
    months = [" "] * len(mondays)
    for column, label in month_labels(mondays, columns=1, years=False):
        if column + len(label) <= len(months):
            months[column : column + len(label)] = label
    lines = [_label(str(mondays[0].year), "bold") + Text("".join(months))]
    weeks = [calendar.week(i) for i in indexes]
    for weekday in range(7):
        line = _label(WEEKDAYS[weekday], "dim")
        for week in weeks:
            line.append_text(cell_text(week[weekday], ascii))
        lines.append(line)
    if mentions is not None:
        sides = [("W", "western"), ("R", "russian")]
        if any(by_week[m].bulletin for m in mondays if m in by_week):
            sides.append(("B", "bulletin"))
        for letter, side in sides:
            line = _label(letter, "bold")
            for monday in mondays:
                counted = by_week.get(monday)
                line.append_text(count_text(getattr(counted, side) if counted else 0, ascii))
            lines.append(line)
    return Group(*lines)


def _label(label: str, style: str) -> Text:
    """A row's label, padded to LABEL_WIDTH, in `style` (what follows has its own styles)."""
    text = Text()
    text.append(f"{label:<{LABEL_WIDTH}}", style=style)
    return text


def register(add: AddCommand) -> None:
    sub = add(
        "timeline",
        cmd_timeline,
        "the archive week by week: your stars, unread and missing days, and how many days a"
        " week each side mentions QUERY",
    )
    sub.add_argument("query", nargs="*", metavar="QUERY", help="a search, as `warday search` takes")
    sub.set_defaults(query_command="timeline")
    sub.add_argument("--json", action="store_true", help="print a JSON object for scripts")

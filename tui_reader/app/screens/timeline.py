"""The timeline: the archive as a calendar heat map of your stars, and under it, for a term, one
sparkline per side of how many days a week each side mentions it, week under week.

Counting runs in a thread on a connection of the screen's own (one query for the whole
archive), so typing a term never waits for it; the newest term wins.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, Sparkline, Static
from textual.worker import get_current_worker

from tui_reader.app.keys import TIMELINE_BINDINGS
from tui_reader.app.widgets.heat_map import LABEL_WIDTH, WEEK_WIDTH, HeatMap
from tui_reader.calendar import LEGEND, Calendar, Cell, Mark
from tui_reader.model import DayEntry, day_number
from tui_reader.render import stars
from tui_reader.search.query import Query, QueryError, parse_query
from tui_reader.store import Store, StoreError, WeekMentions

ASCII_BARS = "_.-:=+*#"
"""Sparkline bars in ASCII mode (one row high), lowest to highest."""

HINT = 'Type a term (kursk, "grain deal", avdiivka OR avdeevka) to see when each side mentions it.'


class WeekSparkline(Sparkline):
    """A sparkline of one side's weeks; ASCII bars in ASCII mode."""

    def __init__(self, ascii: bool, id: str) -> None:
        super().__init__([], summary_function=lambda column: column[0], id=id)
        self.ascii = ascii

    def render(self) -> Text:
        renderable = super().render()
        if self.ascii:
            renderable.BARS = ASCII_BARS  # type: ignore[union-attr]
        return cast(Text, renderable)


def columns(counts: Sequence[int], scale: int) -> list[int]:
    """Sparkline data that puts week n's count under the heat map's column n, on `scale`.

    A sparkline spreads its data over its width and draws each column's share with its summary
    function, scaled from the least to the greatest value it holds. Each column gets three
    values: its count, 0 and `scale`; the summary takes the first. So both sides' lines share
    one scale, and each week's bar sits under its cells, a gap (0) after it."""
    data: list[int] = []
    for count in counts:
        data += [count, 0, scale] + [0, 0, scale] * (WEEK_WIDTH - 1)
    return data


class TimelineScreen(Screen[int | None]):
    """Returns the day chosen with enter, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [*TIMELINE_BINDINGS]

    SCOPED_CSS = False  # every rule names TimelineScreen; `.-ascii` is the app's class

    DEFAULT_CSS = """
    TimelineScreen {
        layout: vertical;
    }
    TimelineScreen #title {
        height: 1;
        padding: 0 1;
        background: $panel;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    TimelineScreen #term-row {
        height: 1;
        margin-top: 1;
        padding: 0 1;
    }
    TimelineScreen #term-row Static {
        width: auto;
        padding-right: 1;
        text-style: bold;
    }
    TimelineScreen Input, TimelineScreen Input:focus {
        width: 1fr;
        max-width: 60;
        height: 1;
        border: none;
        padding: 0 1;
        background: $boost;
    }
    TimelineScreen #status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    TimelineScreen #status.-error {
        color: $text-error;
    }
    TimelineScreen HeatMap {
        margin-top: 1;
    }
    TimelineScreen #western-side {
        margin-top: 1;
    }
    TimelineScreen .side {
        height: 1fr;
        max-height: 10;
        padding: 0 1;
    }
    TimelineScreen .side Static {
        text-style: bold;
    }
    TimelineScreen Sparkline {
        height: 1fr;
        width: 1;
    }
    TimelineScreen #western > .sparkline--max-color {
        color: $primary-lighten-2;
    }
    TimelineScreen #western > .sparkline--min-color {
        color: $primary 40%;
    }
    TimelineScreen #russian > .sparkline--max-color {
        color: $accent;
    }
    TimelineScreen #russian > .sparkline--min-color {
        color: $accent 40%;
    }
    .-ascii TimelineScreen .side {
        max-height: 1;
    }
    TimelineScreen #legend, TimelineScreen #detail {
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    TimelineScreen #legend {
        margin-top: 1;
        color: $text-muted;
    }
    """

    def __init__(
        self,
        store: Store,
        entries: Iterable[DayEntry],
        day: int | None,
        term: str = "",
        ascii: bool = False,
        spellings_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.spellings_file = spellings_file
        """The user's spellings.toml: a name is counted in every known spelling."""
        self.ascii = ascii
        self.entries = list(entries)
        self.calendar = Calendar(self.entries)
        start = self.entries_by_day.get(day) if day is not None else None
        self.start = start.war_date if start else (self.calendar.last or date.today())
        self.term = term
        self.query_counted: Query | None = None
        self.mentions: dict[date, WeekMentions] = {}
        """Each week's count of days that each side mentions the term (by its Monday)."""
        self.scale = 1
        self._lock = threading.Lock()
        self._connection: Store | None = None

    @property
    def entries_by_day(self) -> dict[int, DayEntry]:
        return {entry.day: entry for entry in self.entries}

    def compose(self) -> ComposeResult:
        yield Static(self.title_text(), id="title")
        with Horizontal(id="term-row"):
            yield Static("Term")
            yield Input(self.term, placeholder="a word, a phrase...", id="term")
        yield Static(id="status")
        yield HeatMap(self.calendar, self.start, self.ascii)
        for letter, side in (("W", "western"), ("R", "russian")):
            with Horizontal(classes="side", id=f"{side}-side"):
                label = Static(letter)
                label.styles.width = LABEL_WIDTH  # the heat map's weekday labels: weeks line up
                yield label
                yield WeekSparkline(self.ascii, id=side)
        yield Static(id="legend")
        yield Static(id="detail")
        yield Footer()

    @property
    def heat_map(self) -> HeatMap:
        return self.query_one(HeatMap)

    @property
    def box(self) -> Input:
        return self.query_one(Input)

    def on_mount(self) -> None:
        self.query_one("#legend", Static).update(self.legend_text())
        self.heat_map.focus()
        self.count(self.box.value)

    # -- text --------------------------------------------------------------------------------

    def title_text(self) -> Text:
        text = Text("Timeline", style="bold", no_wrap=True)
        calendar = self.calendar
        if calendar.first is None or calendar.last is None:
            text.append("  nothing is stored yet")
            return text
        dash = " - " if self.ascii else " – "
        unread = sum(not entry.read for entry in self.entries)
        text.append(f"  {calendar.first:%d %b %Y}{dash}{calendar.last:%d %b %Y}")
        text.append(
            f"  {len(self.entries)} day{'s' * (len(self.entries) != 1)} stored,"
            f" {calendar.missing()} missing, {unread} unread",
            style="dim",
        )
        return text

    def legend_text(self) -> Text:
        """What each kind of cell means, drawn as the cells are."""
        heat_map = self.heat_map
        text = Text(no_wrap=True)
        for mark, label in LEGEND:
            if mark is Mark.RATED:
                for stars in range(1, 6):
                    text.append(str(stars), style=heat_map.mark_style(mark, stars))
                    text.append(" ")
                text.append(label.removeprefix("1-5 "))
            else:
                text.append(Cell(date.min, mark).glyph(self.ascii), heat_map.mark_style(mark))
                text.append(f" {label}")
            text.append("   ")
        return text

    def detail_text(self) -> Text:
        """The cursor's day, and its week's counts for the term."""
        cell = self.heat_map.cell()
        dot = " - " if self.ascii else " · "
        text = Text(no_wrap=True)
        text.append(f"Day {day_number(cell.when)}", style="bold")
        text.append(dot + cell.when.strftime("%a %d %b %Y"))
        if cell.entry is None:
            text.append(dot + "not stored", style="italic")
        else:
            text.append(dot + stars(cell.entry.rating, self.ascii))
            text.append(dot + ("read" if cell.entry.read else "unread"), style="dim")
        if self.query_counted is not None:
            monday = self.calendar.mondays[self.calendar.week_index(cell.when)]
            week = self.mentions.get(monday, WeekMentions(monday))
            text.append(f"{dot}its week: ")
            text.append(f"{week.western + week.bulletin} W", style="bold")
            text.append(", ")
            text.append(f"{week.russian} R", style="bold")
        return text

    def say(self, message: Text | str, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(Text(message) if isinstance(message, str) else message)
        status.set_class(error, "-error")

    # -- the lines under the map -------------------------------------------------------------

    @on(HeatMap.Moved)
    def moved(self) -> None:
        """Keep the sparklines under the weeks shown, and the detail line on the cursor."""
        heat_map = self.heat_map
        shown = heat_map.shown
        mondays = [self.calendar.mondays[index] for index in shown]
        for side in ("western", "russian"):
            counts = [self._count(monday, side) for monday in mondays]
            sparkline = self.query_one(f"#{side}", WeekSparkline)
            sparkline.styles.width = len(mondays) * WEEK_WIDTH
            sparkline.data = columns(counts, self.scale) if self.query_counted else []
            sparkline.display = self.query_counted is not None
        self.query_one("#detail", Static).update(self.detail_text())

    def _count(self, monday: date, side: str) -> int:
        week = self.mentions.get(monday)
        if week is None:
            return 0
        if side == "western":
            return week.western + week.bulletin  # a 2022 bulletin is Reuters' account
        return week.russian

    @on(Input.Changed, "#term")
    def typed(self, event: Input.Changed) -> None:
        self.count(event.value)

    @on(Input.Submitted, "#term")
    def submitted(self) -> None:
        self.heat_map.focus()

    def count(self, text: str) -> None:
        """Count the days a week each side mentions `text` (in a thread)."""
        if not text.strip():
            self.query_counted, self.mentions = None, {}
            self.say(HINT)
            self.moved()
            return
        try:
            query = parse_query(text, typing=self.box.has_focus)
        except QueryError as error:
            self.say(str(error), error=True)
            return
        self.count_mentions(query)

    def spelt(self, query: Query) -> Query:
        from tui_reader.compare.spellings import every_spelling

        return every_spelling(query, self.spellings_file)

    @work(thread=True, exclusive=True, group="timeline")
    def count_mentions(self, query: Query) -> None:
        outcome: list[WeekMentions] | StoreError
        with self._lock:
            try:
                if self._connection is None:
                    self._connection = Store(self.store.path)
                query = self.spelt(query)
                outcome = self._connection.mentions_by_week(query)
            except StoreError as error:
                outcome = error
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.counted, query, outcome)

    def counted(self, query: Query, outcome: list[WeekMentions] | StoreError) -> None:
        if isinstance(outcome, StoreError):
            self.say(str(outcome), error=True)
            return
        self.query_counted = query
        self.mentions = {week.monday: week for week in outcome}
        west = sum(week.western + week.bulletin for week in outcome)
        east = sum(week.russian for week in outcome)
        self.scale = max(
            [1, *(max(w.western + w.bulletin, w.russian) for w in outcome)],
        )
        status = Text(no_wrap=True)
        status.append(f"{query.text}", style="bold")
        status.append(f", days a week (0-{self.scale}): ")
        status.append("W", style="bold")
        status.append(f" Western or bulletin {west} in all, ")
        status.append("R", style="bold")
        status.append(f" Russian {east}")
        if query.names:
            status.append(f"  (every spelling of {', '.join(query.names)})", style="dim")
        self.say(status)
        self.moved()

    def on_unmount(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    # -- keys --------------------------------------------------------------------------------

    def action_move(self, days: int) -> None:
        self.heat_map.move(days)

    def action_page(self, step: int) -> None:
        self.heat_map.page(step)

    def action_edge(self, step: int) -> None:
        self.heat_map.edge(step)

    def action_open_day(self) -> None:
        self.heat_map.choose()

    @on(HeatMap.Chosen)
    def chosen(self, message: HeatMap.Chosen) -> None:
        entry = message.cell.entry
        if entry is None:
            day = day_number(message.cell.when)
            self.notify(f"Day {day} is not stored; fetch it with r or `warday fetch`.")
            return
        self.dismiss(entry.day)

    def action_edit_term(self) -> None:
        self.box.focus()

    def action_close(self) -> None:
        """Escape in the term box goes back to the map; elsewhere it closes the timeline."""
        if self.box.has_focus:
            self.heat_map.focus()
        else:
            self.dismiss(None)

"""The archive as a calendar heat map: a column a week, a row a weekday, each day's cell marked
with your stars (a digit on a deepening colour), unread, read or not stored (see
`tui_reader.calendar`), so it reads without colour too.

It shows the most recent weeks that fit and moves back in time as the cursor does (arrow keys:
a day up and down, a week left and right; page up and down: a screenful of weeks). Enter on a
cell posts `Chosen`; every move posts `Moved`, so the timeline can keep its lines under the map
in step with the weeks shown.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui_reader.calendar import WEEKDAYS, Calendar, Cell, Mark, month_labels

LABEL_WIDTH = 4
"""Columns of the weekday labels (`Mon`) before the first week."""
WEEK_WIDTH = 2
"""Columns of a week: its cell and a gap."""


class HeatMap(Widget, can_focus=True):
    """Weeks by weekday; the cursor is a day."""

    COMPONENT_CLASSES = {
        *(f"heat-map--rated-{stars}" for stars in range(1, 6)),
        "heat-map--unread",
        "heat-map--read",
        "heat-map--missing",
        "heat-map--label",
        "heat-map--cursor",
    }

    DEFAULT_CSS = """
    HeatMap {
        height: 8;
        width: 1fr;
        padding: 0 1;
        & > .heat-map--rated-1 { background: $success 15%; color: $text; }
        & > .heat-map--rated-2 { background: $success 35%; color: $text; }
        & > .heat-map--rated-3 { background: $success 55%; color: $text; }
        & > .heat-map--rated-4 { background: $success 75%; color: $text; text-style: bold; }
        & > .heat-map--rated-5 { background: $success; color: $text; text-style: bold; }
        & > .heat-map--unread { color: $text; text-style: bold; }
        & > .heat-map--read { color: $text-muted; }
        & > .heat-map--missing { color: $text-disabled; }
        & > .heat-map--label { color: $text-muted; }
        & > .heat-map--cursor { text-style: reverse bold; }
        &:blur > .heat-map--cursor { text-style: underline bold; }
    }
    """

    cursor: reactive[date] = reactive(date.min, always_update=True)
    """The day the cursor is on."""

    class Moved(Message):
        """The cursor moved, or the weeks shown changed."""

    class Chosen(Message):
        """Enter on the cursor's cell."""

        def __init__(self, cell: Cell) -> None:
            super().__init__()
            self.cell = cell

    def __init__(self, calendar: Calendar, cursor: date, ascii: bool = False) -> None:
        super().__init__()
        self.calendar = calendar
        self.ascii = ascii
        self.first_week = 0
        """The first week shown (an index into `calendar.mondays`)."""
        self.set_reactive(HeatMap.cursor, cursor)

    @property
    def weeks_shown(self) -> int:
        """How many weeks fit (all of them, when fewer)."""
        fits = max(1, (self.content_size.width - LABEL_WIDTH) // WEEK_WIDTH)
        return min(fits, len(self.calendar.mondays))

    @property
    def shown(self) -> range:
        """The indexes of the weeks shown."""
        return range(self.first_week, self.first_week + self.weeks_shown)

    def cell(self) -> Cell:
        """The cursor's day."""
        return self.calendar.cell(self.cursor)

    # -- keeping the cursor in view ----------------------------------------------------------

    def on_resize(self) -> None:
        self._follow(latest=True)

    def watch_cursor(self) -> None:
        self._follow()

    def _follow(self, latest: bool = False) -> None:
        """Scroll so the cursor's week shows (the most recent weeks that fit, at first)."""
        week = self.calendar.week_index(self.cursor)
        shown = self.weeks_shown
        if latest:
            self.first_week = len(self.calendar.mondays) - shown
        if week < self.first_week:
            self.first_week = week
        elif week >= self.first_week + shown:
            self.first_week = week - shown + 1
        self.first_week = max(0, min(self.first_week, len(self.calendar.mondays) - shown))
        self.refresh()
        self.post_message(self.Moved())

    # -- drawing -----------------------------------------------------------------------------

    def _style(self, name: str, partial: bool = True) -> Style:
        return self.get_component_rich_style(f"heat-map--{name}", partial=partial)

    def mark_style(self, mark: Mark, stars: int | None = None) -> Style:
        """How a cell with `mark` (and `stars`) is drawn."""
        if mark is Mark.RATED and stars:
            return self._style(f"rated-{stars}", partial=False)  # its colour over the background
        if mark is Mark.OUTSIDE:
            return Style()
        return self._style(mark.value)

    def render(self) -> Text:
        shown = list(self.shown)
        mondays = [self.calendar.mondays[index] for index in shown]
        months = Text(" " * LABEL_WIDTH, no_wrap=True, end="")
        free = LABEL_WIDTH
        for column, label in month_labels(mondays, WEEK_WIDTH):
            column += LABEL_WIDTH
            months.append(" " * (column - free))
            months.append(label, style="bold")
            free = column + len(label)
        lines = [months]
        label_style = self._style("label")
        weeks = [self.calendar.week(index) for index in shown]
        for weekday in range(7):
            line = Text(no_wrap=True, end="")
            line.append(f"{WEEKDAYS[weekday]:<{LABEL_WIDTH}}", style=label_style)
            for week in weeks:
                cell = week[weekday]
                if cell.when == self.cursor:  # the cell's own colour reversed would hide it
                    style = self._style("cursor")
                else:
                    style = self.mark_style(cell.mark, cell.stars)
                line.append(cell.glyph(self.ascii), style=style)
                line.append(" ")
            lines.append(line)
        return Text("\n", no_wrap=True).join(lines)

    # -- moving ------------------------------------------------------------------------------

    def move(self, days: int) -> None:
        """Move the cursor by `days`, within the archive's span."""
        first, last = self.calendar.first, self.calendar.last
        if first is None or last is None:
            return
        self.cursor = max(first, min(self.cursor + timedelta(days=days), last))

    def page(self, step: int) -> None:
        """A screenful of weeks back (-1) or on (1)."""
        self.move(7 * step * self.weeks_shown)

    def edge(self, step: int) -> None:
        """The first (-1) or the last (1) stored day."""
        edge = self.calendar.first if step < 0 else self.calendar.last
        if edge is not None:
            self.cursor = edge

    def choose(self) -> None:
        self.post_message(self.Chosen(self.cell()))

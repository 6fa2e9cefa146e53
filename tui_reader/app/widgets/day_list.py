"""The day list: stored days newest first, drawn line by line so only what shows is ever rendered.

A `ScrollView` with Textual's Line API: every day is three lines (day, date, stars and unread mark;
the Western headline; the Russian one). The list holds only day numbers; the entries of the days
on screen are loaded when they are first drawn, a screenful at a time, and a few hundred are kept.
So opening and scrolling cost the same for ten days or ten thousand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_reader.app.widgets.ascii_mode import to_ascii
from tui_reader.app.widgets.lines import with_margin
from tui_reader.model import DayEntry, Kind
from tui_reader.render import stars
from tui_reader.webtext import safe_line

ROW_HEIGHT = 3
"""Lines per day."""

KEPT_ENTRIES = 600
"""Entries kept loaded; past this, those off screen are let go."""

EntryLoader = Callable[[Sequence[int]], Mapping[int, DayEntry]]
"""Gives the entries of the days asked for (those it has), by day: the store's `day_entries`."""


def entry_lines(entry: DayEntry, ascii: bool = False) -> tuple[Text, Text, Text]:
    """`Day 993  12 Nov 24 ★★★★☆ new`, then a line per side; web text stays plain text."""
    first = Text(no_wrap=True, overflow="ellipsis")
    first.append(f"Day {entry.day:<4} ", style="bold")  # a space even after Day 10000
    first.append(entry.war_date.strftime("%d %b %y"), style="dim")
    first.append(" " + stars(entry.rating, ascii))
    if entry.sample:
        first.append(" sample", style="italic")
    elif not entry.read:
        first.append(" new", style="bold reverse")
    if entry.kind is Kind.BULLETIN:
        sides = [("B", entry.headlines.get("bulletin", "")), ("", None)]
    else:
        sides = [("W", entry.headlines.get("western")), ("R", entry.headlines.get("russian"))]
    lines = [first]
    for letter, headline in sides:
        line = Text(no_wrap=True, overflow="ellipsis")
        if letter:
            line.append(f"{letter} ", style="bold")
            if headline := safe_line(headline or ""):
                line.append(to_ascii(headline) if ascii else headline)
            else:
                line.append("(missing)", style="dim italic")
        lines.append(line)
    return lines[0], lines[1], lines[2]


def fit(line: Text, width: int, ascii: bool = False) -> Text:
    """`line` cut to `width` cells with an ellipsis (`...` in ASCII mode), padded to the width."""
    line = line.copy()
    if ascii and line.cell_len > width:
        line.truncate(max(0, width - 3), overflow="crop")
        line.append("...")
    line.truncate(width, overflow="ellipsis", pad=True)
    return line


class StoredEntries(Mapping[int, DayEntry]):
    """The entries of every stored day, listed or not: `day in entries` says whether a day is
    stored, and `entries[day]` loads its entry if it is not loaded yet."""

    def __init__(self, day_list: DayList) -> None:
        self._list = day_list

    def __contains__(self, day: object) -> bool:
        return day in self._list._stored

    def __getitem__(self, day: int) -> DayEntry:
        if day not in self._list._stored:
            raise KeyError(day)
        return self._list._entry(day)

    def __iter__(self) -> Iterator[int]:
        return iter(self._list._all)

    def __len__(self) -> int:
        return len(self._list._all)


class DayList(ScrollView, can_focus=True):
    """Stored days, newest first; moving the highlight onto a day asks for it to be shown."""

    DEFAULT_CSS = """
    DayList {
        width: 32;
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text;
        border-title-style: bold;
        background: $surface;
        scrollbar-size-vertical: 1;
    }
    DayList:focus {
        /* like the panes: a heavier border and a reversed title, so focus shows without colour */
        border: heavy $accent;
        border-title-style: bold reverse;
    }
    DayList > .day-list--highlight {
        background: $block-cursor-blurred-background;
    }
    DayList:focus > .day-list--highlight {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    """

    COMPONENT_CLASSES = {"day-list--highlight"}

    BINDINGS = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "Newest", show=False),
        Binding("end", "last", "Oldest", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "choose", "Read this day", show=False),
        Binding("escape", "dismiss", "Close the list", show=False),
    ]

    highlighted: reactive[int | None] = reactive(None, repaint=False)
    """Index (newest first) of the highlighted day (moving it redraws only the two rows)."""

    class DayHighlighted(Message):
        """The highlight is on `day` (the reader shows it unless it already does)."""

        def __init__(self, day: int) -> None:
            super().__init__()
            self.day = day

    class Chosen(Message):
        """Enter on the highlighted day: the reader wants to read it."""

    class Dismissed(Message):
        """Escape on the list while it is a drawer over the panes."""

    def __init__(self, load: EntryLoader, ascii: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ascii = ascii
        self.border_title = "Days"
        self._load = load
        self._all: list[int] = []
        self._stored: frozenset[int] = frozenset()
        self._only: frozenset[int] | None = None
        self._order: list[int] = []
        self._positions: dict[int, int] = {}
        self._loaded: dict[int, DayEntry] = {}
        self._lines: dict[int, tuple[Text, Text, Text]] = {}
        self.entries: Mapping[int, DayEntry] = StoredEntries(self)
        """Every stored day's entry, listed or not, loaded when asked for."""
        self._base = Style()

    @property
    def days(self) -> list[int]:
        """The days listed, newest first: every stored day, or those `show_only` leaves."""
        return self._order

    @property
    def filtered(self) -> bool:
        return self._only is not None

    @property
    def stored_days(self) -> list[int]:
        """Every stored day, newest first, listed or not."""
        return self._all

    def set_days(self, days: Sequence[int], keep_day: int | None = None) -> None:
        """The stored days (newest first), keeping the highlight on `keep_day`. Their entries are
        loaded again as they are drawn."""
        self._all = list(days)
        self._stored = frozenset(self._all)
        self._loaded.clear()
        self._relist(keep_day)

    def set_entries(self, entries: Iterable[DayEntry], keep_day: int | None = None) -> None:
        """The stored days as entries already at hand (newest first)."""
        entries = list(entries)
        self.set_days([entry.day for entry in entries], keep_day)
        self._loaded.update((entry.day, entry) for entry in entries)

    def show_only(
        self, days: Iterable[int] | None, title: str | None = None, keep_day: int | None = None
    ) -> None:
        """List only `days` (None lists every day again) under `title`."""
        self._only = None if days is None else frozenset(days)
        self.border_title = Text(title) if title else None
        self._relist(keep_day)

    def _relist(self, keep_day: int | None) -> None:
        only = self._only
        self._order = self._all if only is None else [day for day in self._all if day in only]
        self._positions = {day: index for index, day in enumerate(self._order)}
        self._lines.clear()
        self.virtual_size = Size(0, len(self._order) * ROW_HEIGHT)
        self.set_reactive(DayList.highlighted, None)
        self.highlight_day(keep_day)
        self.refresh()

    def beside(self, day: int, newer: bool) -> int | None:
        """The listed day next to `day` (listed or not): the next newer, or the next older."""
        if day in self._positions:
            index = self._positions[day] + (-1 if newer else 1)
            return self._order[index] if 0 <= index < len(self._order) else None
        following = [other for other in self._order if (other > day if newer else other < day)]
        return (min if newer else max)(following, default=None)

    def reload_entries(self) -> None:
        """Load the entries loaded so far again, and redraw those that changed."""
        for day, entry in self._load(list(self._loaded)).items():
            if entry != self._loaded.get(day):
                self.update_entry(entry)

    def update_entry(self, entry: DayEntry) -> None:
        """Redraw one day (its stars or read mark changed)."""
        self._loaded[entry.day] = entry
        self._lines.pop(entry.day, None)
        if entry.day in self._positions:
            self.refresh_lines(self._positions[entry.day] * ROW_HEIGHT, ROW_HEIGHT)

    def highlight_day(self, day: int | None) -> None:
        """Move the highlight onto `day`, or off the list when `day` is not listed."""
        if day in self._positions:
            self.highlighted = self._positions[day]
        elif day is not None:
            self.highlighted = None

    # -- entries ---------------------------------------------------------------------------

    def _entry(self, day: int) -> DayEntry:
        """`day`'s entry, loading it (with the rest of the screenful around it, when it is
        listed) if need be."""
        if day not in self._loaded:
            if day in self._positions:
                self._load_around(self._positions[day])
            else:
                self._loaded.update(self._load([day]))
        return self._loaded[day]

    def _load_around(self, index: int) -> None:
        """Load the entries of a screenful of listed days either side of position `index`."""
        rows = max(1, self.size.height // ROW_HEIGHT + 1)
        window = self._order[max(0, index - rows) : index + 2 * rows]
        if len(self._loaded) + len(window) > KEPT_ENTRIES:
            self._loaded.clear()
            self._lines.clear()
        missing = [day for day in window if day not in self._loaded]
        self._loaded.update(self._load(missing))

    # -- drawing -------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base = self.rich_style  # looked up once per drawing, not per line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index, row = divmod(scroll_y + y, ROW_HEIGHT)
        width = self.scrollable_content_region.width
        if index >= len(self._order):
            return Strip.blank(width, self._base)
        day = self._order[index]
        if day not in self._lines:
            if day not in self._loaded:
                self._load_around(index)
            entry = self._loaded.get(day)
            if entry is None:  # the store could not give it: show the day alone, try again later
                lines = Text(f"Day {day}", style="bold"), Text(), Text()
                return self._strip(lines[row], index, width)
            self._lines[day] = entry_lines(entry, self.ascii)
        return self._strip(self._lines[day][row], index, width)

    def _strip(self, line: Text, index: int, width: int) -> Strip:
        text = fit(line, width - 1, self.ascii)
        base = self._base
        if index == self.highlighted:
            base += self.get_component_rich_style("day-list--highlight")
        segments = with_margin(list(text.render(self.app.console)), 1)
        styled = Segment.simplify(Segment.apply_style(segments, base))
        return Strip(styled, width).crop_extend(0, width, base)

    def _region_of(self, index: int) -> Region:
        return Region(0, index * ROW_HEIGHT, self.scrollable_content_region.width, ROW_HEIGHT)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            if index is not None:
                self.refresh_lines(index * ROW_HEIGHT, ROW_HEIGHT)
        if new is not None:
            self.call_after_refresh(self._scroll_to_index, new)
            self.post_message(self.DayHighlighted(self._order[new]))

    def _scroll_to_index(self, index: int, center: bool = False) -> None:
        self.scroll_to_region(
            self._region_of(index), animate=False, force=True, immediate=True, center=center
        )

    def on_show(self) -> None:
        """Shown again (`\\`): the highlighted day in the middle of the list."""
        if self.highlighted is not None:
            self.call_after_refresh(self._scroll_to_index, self.highlighted, True)

    def refresh_lines(self, y_start: int, line_count: int = 1) -> None:
        """Redraw `line_count` list lines from virtual line `y_start`."""
        width = self.scrollable_content_region.width
        self.refresh(Region(0, y_start - self.scroll_offset.y, width, line_count))

    # -- moving --------------------------------------------------------------------------

    def _move_to(self, index: int) -> None:
        if self._order:
            self.highlighted = max(0, min(index, len(self._order) - 1))

    def action_cursor_down(self) -> None:
        self._move_to(0 if self.highlighted is None else self.highlighted + 1)

    def action_cursor_up(self) -> None:
        self._move_to(0 if self.highlighted is None else self.highlighted - 1)

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(len(self._order) - 1)

    def action_page_down(self) -> None:
        self._move_to((self.highlighted or 0) + max(1, self.size.height // ROW_HEIGHT))

    def action_page_up(self) -> None:
        self._move_to((self.highlighted or 0) - max(1, self.size.height // ROW_HEIGHT))

    def action_choose(self) -> None:
        self.post_message(self.Chosen())

    def action_dismiss(self) -> None:
        self.post_message(self.Dismissed())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape closes the list only when it is a drawer; otherwise the key goes on up."""
        return action != "dismiss" or self.has_class("-drawer")

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None:
            self._move_to((self.scroll_offset.y + offset.y) // ROW_HEIGHT)

    def on_resize(self) -> None:
        self.virtual_size = Size(0, len(self._order) * ROW_HEIGHT)

"""The compare strip: one row under the header in compare mode, listing the names both sides
give and the figures both sides count (`drones: 14 W / 27 R`).

Each entry is drawn in the style the panes use for it (so the strip is also their legend), and
the strip scrolls sideways to keep the entry it is on in view, with `…` and how many more there
are where it is cut. With focus, left and right move along it and enter chooses an entry: the
reader searches the archive for a name, and brings a figure pair into view in both panes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui_reader.app.keys import STRIP_BINDINGS
from tui_reader.app.widgets.ascii_mode import to_ascii
from tui_reader.passages import Highlight

SEPARATOR = " · "


@dataclass(frozen=True, slots=True)
class StripItem:
    """One entry of the strip: a shared name (with the search it stands for) or a figure pair
    (with where each side gives it)."""

    label: str
    style: str
    """`shared` (a name both sides give) or `figure` (a pair of figures)."""
    search: str = ""
    """The query that finds the name in every spelling the day uses (names only)."""
    spans: tuple[Highlight, ...] = ()
    """Where the sides give the figures (pairs only)."""


@dataclass(frozen=True, slots=True)
class StripLine:
    """What the strip shows for a day: a title, the entries, and a note after them."""

    title: str
    items: tuple[StripItem, ...]
    note: str = ""
    """After the entries, in the style of the names only one side gives (`one side only: ...`)."""


class CompareStrip(Widget, can_focus=True):
    """A row of entries to move along; posts `Chosen` on enter (or a click)."""

    BINDINGS: ClassVar[list[BindingType]] = [*STRIP_BINDINGS]

    COMPONENT_CLASSES = {
        "compare-strip--shared",
        "compare-strip--only",
        "compare-strip--figure",
        "compare-strip--cursor",
    }

    DEFAULT_CSS = """
    CompareStrip {
        height: 1;
        padding: 0 1;
        background: $boost;
        display: none;
        &.-shown {
            display: block;
        }
        &:focus {
            background: $boost;
            text-style: none;
        }
        /* the panes' styles (see PerspectivePane), so the strip is their legend */
        & > .compare-strip--shared {
            color: $text-success;
            text-style: bold italic;
        }
        & > .compare-strip--only {
            color: $text-warning;
            text-style: not bold italic;
        }
        & > .compare-strip--figure {
            text-style: underline;
        }
        & > .compare-strip--cursor {
            text-style: reverse bold;
        }
    }
    """

    cursor: reactive[int] = reactive(0)
    """Index of the entry the strip is on."""

    class Chosen(Message):
        """Enter (or a click) on `item`."""

        def __init__(self, item: StripItem) -> None:
            super().__init__()
            self.item = item

    def __init__(self, ascii: bool = False) -> None:
        super().__init__()
        self.can_focus = False  # until it is shown (a hidden strip would take the first focus)
        self.ascii = ascii
        self.line = StripLine("", ())
        self._start = 0
        """The first character of the whole row that is in view."""
        self._places: list[tuple[int, int]] = []
        """Where each entry is in the row drawn last, on screen, for clicks."""

    @property
    def items(self) -> tuple[StripItem, ...]:
        return self.line.items

    def show(self, line: StripLine) -> None:
        """Show `line` from its start, on its first entry."""
        self.line = line
        self._start = 0
        self.set_reactive(CompareStrip.cursor, 0)
        self.refresh()

    def set_shown(self, shown: bool) -> None:
        """Show or hide the strip; only a strip on screen takes focus."""
        self.set_class(shown, "-shown")
        self.can_focus = shown

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- drawing -----------------------------------------------------------------------------

    def row(self) -> tuple[Text, list[tuple[int, int]]]:
        """The whole row, however long, and where each entry is in it."""
        fold = to_ascii if self.ascii else str
        text = Text(no_wrap=True, end="")
        text.append(fold(self.line.title), style="bold")
        places: list[tuple[int, int]] = []
        for index, item in enumerate(self.line.items):
            text.append(" " if index == 0 else fold(SEPARATOR), style="dim")
            start = len(text)
            text.append(fold(item.label), style=self._style(item.style))
            places.append((start, len(text)))
        if self.line.note:
            text.append("  " if self.line.items else " ")
            text.append(fold(self.line.note), style=self._style("only"))
        return text, places

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"compare-strip--{name}", partial=True)

    def render(self) -> Text:
        text, places = self.row()
        width = self.content_size.width
        if self.has_focus and places:
            start, end = places[min(self.cursor, len(places) - 1)]
            text.stylize(self._style("cursor"), start, end)
        if text.cell_len <= width or not width:
            self._start = 0
            self._places = places
            return text
        return self._window(text, places, width)

    def _window(self, text: Text, places: list[tuple[int, int]], width: int) -> Text:
        """The part of a row longer than `width` that holds the current entry, marked `…`
        where it is cut, with how many entries are further on."""
        ellipsis = "..." if self.ascii else "…"
        lead = len(ellipsis) + 1
        tail = len(ellipsis) + 5  # "… +12"
        if places:
            first, last = places[min(self.cursor, len(places) - 1)]
            if self.cursor == 0:
                self._start = 0
            elif first - lead < self._start:
                self._start = max(0, first - lead)
            elif last + tail > self._start + width:
                self._start = last + tail - width
        start = self._start
        shown = text[start:]
        prefix = Text(ellipsis + " ", style="dim") if start else Text()
        room = width - len(prefix)
        if len(shown) > room:
            hidden = sum(1 for begin, _ in places if begin - start >= room - tail)
            more = f"{ellipsis} +{hidden}" if hidden else ellipsis
            shown = shown[: room - len(more) - 1]
            shown.append(" " + more, style="dim")
        result = Text(no_wrap=True, end="")
        result.append_text(prefix)
        result.append_text(shown)
        offset = len(prefix) - start
        self._places = [(begin + offset, end + offset) for begin, end in places]
        return result

    # -- moving ------------------------------------------------------------------------------

    def _move_to(self, index: int) -> None:
        if self.items:
            self.cursor = max(0, min(index, len(self.items) - 1))

    def action_previous(self) -> None:
        self._move_to(self.cursor - 1)

    def action_next(self) -> None:
        self._move_to(self.cursor + 1)

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(len(self.items) - 1)

    def action_choose(self) -> None:
        if self.items:
            self.post_message(self.Chosen(self.items[self.cursor]))

    def on_click(self, event: events.Click) -> None:
        x = event.x - self.styles.padding.left
        found = next(
            (index for index, (start, end) in enumerate(self._places) if start <= x < end), None
        )
        if found is not None:
            self.cursor = found
            self.action_choose()

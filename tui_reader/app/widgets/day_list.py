"""The day list: one option per stored day, newest first (an OptionList renders only what shows)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui_reader.app.widgets.ascii_mode import to_ascii
from tui_reader.model import DayEntry, Kind
from tui_reader.render import short, stars

HEADLINE_WIDTH = 28
"""Characters of each headline shown under the day's line."""


def entry_prompt(entry: DayEntry, ascii: bool = False) -> Text:
    """`Day 993  12 Nov 2024 ★★★★☆ new` and a short line per side; web text stays plain text."""
    prompt = Text(no_wrap=True, overflow="ellipsis")
    prompt.append(f"Day {entry.day:<5}", style="bold")
    prompt.append(entry.war_date.strftime("%d %b %Y"), style="dim")
    prompt.append(" " + stars(entry.rating, ascii))
    if not entry.read:
        prompt.append(" new", style="bold reverse")
    if entry.kind is Kind.BULLETIN:
        lines = [("B", entry.headlines.get("bulletin", ""))]
    else:
        lines = [("W", entry.headlines.get("western")), ("R", entry.headlines.get("russian"))]
    for letter, headline in lines:
        prompt.append(f"\n{letter} ", style="bold")
        if headline:
            cut = short(headline, HEADLINE_WIDTH)
            prompt.append(to_ascii(cut) if ascii else cut)
        else:
            prompt.append("(missing)", style="dim italic")
    return prompt


class DayList(OptionList):
    """Stored days, newest first; highlighting one asks for it to be shown."""

    DEFAULT_CSS = """
    DayList {
        width: 34;
        height: 1fr;
        max-height: 100%;
    }
    """

    class DayHighlighted(Message):
        """The highlight is on `day` (the reader shows it unless it already does)."""

        def __init__(self, day: int) -> None:
            super().__init__()
            self.day = day

    def __init__(self, ascii: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.ascii = ascii
        self.entries: dict[int, DayEntry] = {}
        self._order: list[int] = []

    @property
    def days(self) -> list[int]:
        """Stored days, newest first."""
        return self._order

    def set_entries(self, entries: Iterable[DayEntry], keep_day: int | None = None) -> None:
        """Replace the list (entries newest first), keeping the highlight on `keep_day`."""
        entries = list(entries)
        self.entries = {entry.day: entry for entry in entries}
        self._order = [entry.day for entry in entries]
        self.set_options(Option(entry_prompt(e, self.ascii), id=str(e.day)) for e in entries)
        self.highlight_day(keep_day)

    def update_entry(self, entry: DayEntry) -> None:
        """Redraw one day's option (its stars or read mark changed)."""
        self.entries[entry.day] = entry
        self.replace_option_prompt(str(entry.day), entry_prompt(entry, self.ascii))

    def highlight_day(self, day: int | None) -> None:
        """Move the highlight onto `day` (if it is listed)."""
        if day in self.entries:
            self.highlighted = self._order.index(day)

    def unread_count(self) -> int:
        return sum(not entry.read for entry in self.entries.values())

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.DayHighlighted(int(event.option.id)))

"""The header line: app name, the day shown, its dates, your rating, the site's votes, unread count."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui_reader.model import DayEntry
from tui_reader.render import site_votes_text, stars


def header_text(entry: DayEntry | None, unread: int, ascii: bool = False) -> Text:
    """`warday  Day 993 · Tue 12 Nov 2024 · published Wed 13 Nov 04:37  ★★★★☆  3 unread`."""
    dot = " - " if ascii else " · "
    text = Text()
    text.append("warday", style="bold reverse")
    if entry is not None:
        text.append("  ")
        text.append(f"Day {entry.day}", style="bold")
        text.append(dot + entry.war_date.strftime("%a %d %b %Y"))
        if entry.published:
            text.append(dot + "published " + entry.published.strftime("%a %d %b %H:%M"), style="dim")
        if entry.sample:
            text.append(dot + "bundled sample", style="italic")
        text.append("  ")
        text.append(stars(entry.rating, ascii), style="bold")
        if votes := site_votes_text(entry):
            text.append(f" ({votes})", style="dim")
    text.append(f"  {unread} unread" if unread else "  all read", style="dim")
    return text


class DayHeader(Static):
    """One or two lines at the top of the reader."""

    DEFAULT_CSS = """
    DayHeader {
        dock: top;
        height: auto;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    """

    def show(self, entry: DayEntry | None, unread: int, ascii: bool = False) -> None:
        self.update(header_text(entry, unread, ascii))

"""The header line: the day shown, its dates, your rating, the site's votes, unread count."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui_reader.model import DayEntry
from tui_reader.render import site_votes_text, stars


def header_text(entry: DayEntry | None, unread: int, ascii: bool = False, width: int = 200) -> Text:
    """`warday  Day 993 · Tue 12 Nov 2024 · published Wed 13 Nov 04:37  ★★★★☆  3 unread`.

    Narrower than the full line, the parts that matter least are shortened first, so the header
    stays on one line down to 80 columns.
    """
    dot = " - " if ascii else " · "
    for compact in range(4):
        text = Text(no_wrap=True, overflow="ellipsis")
        if compact < 2:
            text.append("warday", style="bold reverse")
            text.append("  ")
        if entry is not None:
            text.append(f"Day {entry.day}", style="bold")
            text.append(dot + entry.war_date.strftime("%a %d %b %Y" if compact < 3 else "%d %b %Y"))
            if entry.published:
                posted = entry.published.strftime("%a %d %b %H:%M" if compact < 1 else "%a %H:%M")
                text.append(
                    dot + ("published " if compact < 1 else "posted ") + posted, style="dim"
                )
            if entry.sample:
                text.append(dot + "bundled sample", style="italic")
            text.append("  ")
            text.append(stars(entry.rating, ascii), style="bold")
            if votes := site_votes_text(entry, short=compact >= 3):
                text.append(f" ({votes})", style="dim")
        text.append(f"  {unread} unread" if unread else "  all read", style="dim")
        if text.cell_len <= width:
            break
    return text


class DayHeader(Static):
    """The top line of the reader, fitted to the terminal's width."""

    DEFAULT_CSS = """
    DayHeader {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[DayEntry | None, int, bool] = (None, 0, False)

    def show(self, entry: DayEntry | None, unread: int, ascii: bool = False) -> None:
        self._shown = (entry, unread, ascii)
        self.update(header_text(entry, unread, ascii, self.content_region.width or 200))

    def on_resize(self) -> None:
        self.show(*self._shown)

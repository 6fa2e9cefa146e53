"""The header line: the day shown, its dates, your rating, the site's votes, unread count."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from tui_reader.model import DayEntry
from tui_reader.render import site_votes_text, stars


@dataclass(frozen=True)
class HeaderForm:
    """How much of each part of the header to show."""

    brand: bool = True
    long_date: bool = True
    published: str | None = "long"
    """"long" (`published Wed 13 Nov 04:37`), "short" (`posted Wed 04:37`) or None."""
    votes: str | None = "long"
    """"long" (`site: 3.5/5 from 3 votes`), "short" (`site 3.5/5, 3`) or None."""
    long_sample: bool = True
    """`bundled sample`, else `sample`."""


FORMS = (
    HeaderForm(),
    HeaderForm(published="short"),
    HeaderForm(brand=False, published="short"),
    HeaderForm(brand=False, long_date=False, published="short", votes="short"),
    HeaderForm(brand=False, long_date=False, published=None, votes="short"),
    HeaderForm(brand=False, long_date=False, published=None, votes="short", long_sample=False),
    HeaderForm(brand=False, long_date=False, published=None, votes=None, long_sample=False),
)
"""From the whole header to the shortest; the first that fits the width is shown."""


def header_text(
    entry: DayEntry | None,
    unread: int,
    ascii: bool = False,
    width: int = 200,
    position: tuple[int, int] | None = None,
) -> Text:
    """`warday  Day 993 · Tue 12 Nov 2024 · published Wed 13 Nov 04:37  ★★★★☆  3 unread`.

    `position` (`(6, 9)`: the sixth of nine days, newest first) is shown after the day when the
    day list is not on screen. Narrower than the whole line, the parts that matter least are
    shortened or left out first; the day, its date, your stars and the unread count always stay.
    """
    text = Text()
    for form in FORMS:
        text = _header(entry, unread, ascii, position, form)
        if text.cell_len <= width:
            break
    return text


def _header(
    entry: DayEntry | None,
    unread: int,
    ascii: bool,
    position: tuple[int, int] | None,
    form: HeaderForm,
) -> Text:
    dot = " - " if ascii else " · "
    text = Text(no_wrap=True, overflow="ellipsis")
    if form.brand:
        text.append("warday", style="bold reverse")
        text.append("  ")
    if entry is not None:
        text.append(f"Day {entry.day}", style="bold")
        if position is not None:
            text.append(f" ({position[0]} of {position[1]})", style="dim")
        text.append(dot + entry.war_date.strftime("%a %d %b %Y" if form.long_date else "%d %b %Y"))
        if entry.published and form.published == "long":
            text.append(dot + entry.published.strftime("published %a %d %b %H:%M"), style="dim")
        elif entry.published and form.published == "short":
            text.append(dot + entry.published.strftime("posted %a %H:%M"), style="dim")
        if entry.sample:
            text.append(dot + ("bundled sample" if form.long_sample else "sample"), style="italic")
        text.append("  ")
        text.append(stars(entry.rating, ascii), style="bold")
        if form.votes and (votes := site_votes_text(entry, short=form.votes == "short")):
            text.append(f" ({votes})", style="dim")
    text.append(f"  {unread} unread" if unread else "  all read", style="dim")
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
        self._shown: tuple[DayEntry | None, int, bool, tuple[int, int] | None] = (
            None,
            0,
            False,
            None,
        )
        self._drawn: tuple[object, ...] | None = None
        """What the line shows now, and at which width (it is drawn again only if that changes)."""

    def show(
        self,
        entry: DayEntry | None,
        unread: int,
        ascii: bool = False,
        position: tuple[int, int] | None = None,
    ) -> None:
        self._shown = (entry, unread, ascii, position)
        width = self.content_region.width or 200
        if (*self._shown, width) != self._drawn:
            self._drawn = (*self._shown, width)
            self.update(header_text(entry, unread, ascii, width, position), layout=False)

    def on_resize(self) -> None:
        self.show(*self._shown)

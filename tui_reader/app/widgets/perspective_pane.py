"""A pane showing one side of a digest (or a whole bulletin), scrolling on its own."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from tui_reader.app.widgets.ascii_mode import to_ascii
from tui_reader.model import SIDE_SOURCES, Digest, Perspective
from tui_reader.render import missing_side_note, side_title
from tui_reader.webtext import safe

PIECE_CHARACTERS = 4_000
"""A pane draws at most about this much text at once. A real day (a few thousand characters) is
drawn whole; a longer one piece by piece as it is scrolled to, so no day can hold up the screen."""


def shown(text: str, ascii: bool) -> str:
    """Web text as the pane shows it: made safe (`tui_reader.webtext`), folded to ASCII if asked."""
    text = safe(text)
    return to_ascii(text) if ascii else text


def cut_long(text: str) -> list[str]:
    """`text` in consecutive runs of at most PIECE_CHARACTERS, cut after a space where there is
    one (a paragraph that long is drawn as several, each starting on a new line)."""
    runs = []
    while len(text) > PIECE_CHARACTERS:
        cut = text.rfind(" ", PIECE_CHARACTERS // 2, PIECE_CHARACTERS) + 1 or PIECE_CHARACTERS
        runs.append(text[:cut])
        text = text[cut:]
    return [*runs, text]


def paragraph(text: str, style: str = "", top: int = 1, left: int = 0) -> list[RenderableType]:
    """A paragraph of web text, `top` blank lines above it and indented by `left`."""
    parts: list[RenderableType] = []
    for index, run in enumerate(cut_long(text)):
        above = top if index == 0 else 0
        line = Text(run, style=style)
        parts.append(Padding(line, (above, 0, 0, left)) if above or left else line)
    return parts


def story_body(stories: tuple[Perspective, ...], ascii: bool) -> Iterator[RenderableType]:
    """Each story's headline in bold, then its paragraphs, a blank line between each (made as
    they are asked for, so a long day costs only what is drawn)."""
    for index, story in enumerate(stories):
        if index:
            yield Padding(Text(("-" if ascii else "─") * 12, style="dim"), (1, 0, 0, 0))
        yield from paragraph(shown(story.headline, ascii), "bold", top=0)
        for text in story.paragraphs:
            yield from paragraph(shown(text, ascii))


def bulletin_body(digest: Digest, ascii: bool) -> Iterator[RenderableType]:
    """Topic headings in bold, each item a hanging bullet; an unheaded lead stays a paragraph;
    then the attribution."""
    bullet = "*" if ascii else "•"
    first_part = True
    for section in digest.sections:
        if section.heading:
            yield from paragraph(shown(section.heading, ascii), "bold")
        items = section.paragraphs
        if section.heading is None and items:
            yield from paragraph(shown(items[0], ascii), "bold" if first_part else "", top=0)
            items = items[1:]
        first_part = False
        for index, item in enumerate(items):
            first, *rest = cut_long(shown(item, ascii))
            grid = Table.grid(padding=(0, 1, 0, 0))
            grid.add_column(width=1, no_wrap=True)
            grid.add_column(ratio=1)
            grid.add_row(bullet, Text(first))
            top = 1 if index == 0 and section.heading is None else 0
            yield Padding(grid, (top, 0, 0, 0))
            yield from (Padding(Text(run), (0, 0, 0, 2)) for run in rest)
    if digest.attribution:
        yield Padding(Text(shown(digest.attribution, ascii), style="dim"), (1, 0, 0, 0))


def text_length(part: RenderableType) -> int:
    """How many characters of text `part` holds (what drawing it costs, near enough)."""
    if isinstance(part, Text):
        return len(part)
    if isinstance(part, Padding):
        return text_length(part.renderable)
    if isinstance(part, Table):
        return sum(text_length(cell) for column in part.columns for cell in column.cells)
    return 0


def pieces(parts: Iterable[RenderableType]) -> Iterator[list[RenderableType]]:
    """`parts` in consecutive pieces of about PIECE_CHARACTERS each (a real day is one piece),
    each made when asked for."""
    piece: list[RenderableType] = []
    size = 0
    for part in parts:
        length = text_length(part)
        if piece and size + length > PIECE_CHARACTERS:
            yield piece
            piece, size = [], 0
        piece.append(part)
        size += length
    yield piece


class PerspectivePane(VerticalScroll):
    """One side's stories, titled with the side and its source; tells when it is read to the end."""

    ALLOW_MAXIMIZE = True

    DEFAULT_CSS = """
    PerspectivePane {
        height: 1fr;
        width: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text;
        border-title-style: bold;
        padding: 0 1;
        scrollbar-gutter: stable;  /* the text keeps its width whether the pane scrolls or not */
        scrollbar-size-vertical: 1;
        &:focus {
            /* a heavier border and a reversed title: focus shows without colour too */
            border: heavy $accent;
            border-title-style: bold reverse;
        }
        & > .pane-body {
            max-width: 96;  /* lines stay comfortable to read on wide terminals */
            width: 1fr;
        }
    }
    """

    class Scrolled(Message):
        """The pane scrolled to `fraction` (0 top .. 1 end) of its length."""

        def __init__(self, pane: PerspectivePane, fraction: float) -> None:
            super().__init__()
            self.pane = pane
            self.fraction = fraction

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.body = Static(classes="pane-body")
        self.following = False
        """True while the pane is being scrolled to follow the other one."""
        self._titles = ("", "")
        """The full title and a short one for narrow panes."""
        self._pieces: Iterator[list[RenderableType]] = iter(())
        """The pieces of a long day not drawn yet, made as they are drawn."""
        self._next_piece: list[RenderableType] | None = None
        """The next piece to draw, or None when the whole day is drawn."""

    def compose(self) -> ComposeResult:
        yield self.body

    def _show(self, titles: tuple[str, str], parts: Iterable[RenderableType]) -> None:
        self._titles = titles
        self._fit_title()
        self._pieces = pieces(parts)
        first = next(self._pieces)
        self._next_piece = next(self._pieces, None)
        self.query(".-more").remove()
        self.body.update(Group(*first))
        self.scroll_home(animate=False)
        self.call_after_refresh(self._draw_more)

    def _draw_more(self) -> None:
        """Draw the next piece of a long day when the view is within a screen of the end of what
        is drawn (then look again once it is laid out)."""
        piece = self._next_piece
        if piece is not None and self.max_scroll_y - self.scroll_y < self.size.height:
            self._next_piece = next(self._pieces, None)
            self.mount(Static(Group(*piece), classes="pane-body -more"))
            self.call_after_refresh(self._draw_more)

    def _fit_title(self) -> None:
        """The full title, or the short one when the full one would be cut."""
        full, brief = self._titles
        width = self.outer_size.width
        self.border_title = Text(full if len(full) + 6 <= width or not width else brief)

    def on_resize(self) -> None:
        self._fit_title()
        self._draw_more()

    def show_side(self, digest: Digest, side: str, ascii: bool = False) -> None:
        """`side`'s stories of `digest`, or a plain note that the digest has none."""
        stories = digest.stories(side)
        parts: Iterable[RenderableType] = (
            story_body(stories, ascii)
            if stories
            else [Text(missing_side_note(side), style="italic")]
        )
        source = SIDE_SOURCES.get(side)
        self._show(
            (side_title(side), side.capitalize() + (f" ({source})" if source else "")), parts
        )

    def show_bulletin(self, digest: Digest, ascii: bool = False) -> None:
        """A 2022 bulletin: lead, topic headings and bullets, and its attribution."""
        self._show(("Bulletin (Reuters)", "Bulletin"), bulletin_body(digest, ascii))

    @property
    def at_end(self) -> bool:
        return self._next_piece is None and self.scroll_y >= self.max_scroll_y

    def scroll_to_fraction(self, fraction: float) -> None:
        """Follow another pane: scroll to the same share of this pane's length."""
        self.following = True
        self.scroll_to(y=round(fraction * self.max_scroll_y), animate=False, immediate=True)
        self.following = False

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._draw_more()
        if old_value != new_value and not self.following:
            fraction = new_value / self.max_scroll_y if self.max_scroll_y else 0.0
            self.post_message(self.Scrolled(self, fraction))

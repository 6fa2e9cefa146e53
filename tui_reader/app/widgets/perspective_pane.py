"""A pane showing one side of a digest (or a whole bulletin), scrolling on its own.

Web text is shown through `tui_reader.webtext.safe` and `rich.text.Text`, never as markup. A day
as long as real ones is drawn whole; a longer one piece by piece as it is scrolled to, so no day
can hold up the screen.

Highlights: `highlight()` draws spans of the text shown in a named style (a component class,
`perspective-pane--<style>`, so themes and NO_COLOR apply), and `scroll_to_highlight()` brings one
into view. Spans are addressed by passage, as in `tui_reader.passages`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate, groupby

from rich.console import RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.containers import Container
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from tui_reader.app.widgets.ascii_mode import to_ascii
from tui_reader.app.widgets.lines import marks_spaces, with_margin
from tui_reader.model import SIDE_SOURCES, Digest
from tui_reader.passages import BULLETIN, Highlight
from tui_reader.render import missing_side_note, side_title
from tui_reader.webtext import safe

Address = tuple[str, int, int]
"""(side, part, line) of a passage, as in `tui_reader.passages`."""

Spans = dict[Address, list[tuple[int, int, Style]]]

PIECE_CHARACTERS = 4_000
"""A pane draws at most about this much text at once (a real day is one piece)."""

MAX_LINE_LENGTH = 96
"""Lines stay comfortable to read on wide terminals."""

MARGIN = 1
"""Blank columns between the pane's left border and the text."""


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of a pane's text: a passage (or a note or rule, with no address) and its frame."""

    address: Address | None
    text: Text
    frame: Callable[[Text], RenderableType]
    offset: int = 0
    """Where `text` starts in the passage's (folded) text: a passage longer than a piece is
    drawn as several blocks."""

    def renderable(self) -> RenderableType:
        return self.frame(self.text)

    @property
    def end(self) -> int:
        return self.offset + len(self.text)


@dataclass(frozen=True, slots=True)
class Drawing:
    """A day's side drawn at one width: its blocks and pieces, and the lines of the first
    pieces (`starts`: the line each of their blocks starts at)."""

    blocks: list[Block]
    pieces: list[list[Block]]
    drawn: int
    lines: list[Strip]
    starts: list[int]


DrawingKey = tuple[Digest, str, bool, int]
"""(digest, side, ASCII mode, text width) of a drawing made ahead."""

PREPARED = 4
"""Drawings made ahead that a pane keeps (the days either side of the one shown)."""


def passage_blocks(
    address: Address | None,
    text: Text,
    frame: Callable[[Text], RenderableType],
    continued: Callable[[Text], RenderableType],
) -> list[Block]:
    """One block, or several for a passage longer than a piece (each cut after a space, the
    rest of it framed by `continued`)."""
    cuts: list[int] = []
    plain = text.plain
    start = 0
    while len(plain) - start > PIECE_CHARACTERS:
        half, limit = start + PIECE_CHARACTERS // 2, start + PIECE_CHARACTERS
        start = plain.rfind(" ", half, limit) + 1 or limit
        cuts.append(start)
    if not cuts:
        return [Block(address, text, frame)]
    runs = text.divide(cuts)
    return [
        Block(address, run, frame if index == 0 else continued, offset)
        for index, (run, offset) in enumerate(zip(runs, [0, *cuts], strict=True))
    ]


def indented(text: Text) -> RenderableType:
    """Under a bullet's text, without the bullet."""
    return Padding(text, (0, 0, 0, 2))


def unframed(text: Text) -> RenderableType:
    return text


def spaced(text: Text) -> RenderableType:
    """A blank line above."""
    return Padding(text, (1, 0, 0, 0))


def bulleted(bullet: str, top: int) -> Callable[[Text], RenderableType]:
    """A hanging bullet, `top` blank lines above."""

    def frame(text: Text) -> RenderableType:
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(width=1, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(bullet, text)
        return Padding(grid, (top, 0, 0, 0))

    return frame


def styled_text(
    text: str, spans: Iterable[tuple[int, int, Style]], ascii: bool, style: str
) -> Text:
    """`text` with `spans` (offsets into `text`) styled; folded to ASCII with the spans kept."""
    spans = list(spans)
    shown = safe(text)
    if shown != text:  # kept by an older warday with characters now removed: offsets differ
        text, spans = shown, []
    if not ascii:
        result = Text(text, style=style)
    elif not spans:
        return Text(to_ascii(text), style=style)
    else:
        pieces = [to_ascii(char) for char in text]
        offsets = [0, *accumulate(len(piece) for piece in pieces)]
        result = Text("".join(pieces), style=style)
        spans = [(offsets[start], offsets[end], span) for start, end, span in spans]
    for start, end, span in spans:
        result.stylize(span, start, end)
    return result


def pieces(blocks: list[Block]) -> Iterator[list[Block]]:
    """`blocks` in consecutive runs of about PIECE_CHARACTERS of text each."""
    piece: list[Block] = []
    size = 0
    for block in blocks:
        if piece and size + len(block.text) > PIECE_CHARACTERS:
            yield piece
            piece, size = [], 0
        piece.append(block)
        size += len(block.text)
    yield piece


class PaneFrame(Container):
    """The border and title around a pane. The border is a widget apart from the pane's text,
    so redrawing rows of text does not write the border's columns to the terminal again."""

    ALLOW_MAXIMIZE = True

    DEFAULT_CSS = """
    PaneFrame {
        height: 1fr;
        width: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text;
        border-title-style: bold;
        padding: 0 1 0 0;  /* right of the scrollbar; the text's left margin is in its lines */
        &:focus-within {
            /* a heavier border and a reversed title: focus shows without colour too */
            border: heavy $accent;
            border-title-style: bold reverse;
        }
    }
    """


class PerspectivePane(ScrollView):
    """One side's stories, titled with the side and its source; tells when it is read to the end.

    The text is drawn with Textual's line API: a day's text is rendered to lines once, at the
    pane's width, and the screen draws only the lines in view. So showing another day redraws
    the pane's lines and nothing else on the screen.
    """

    COMPONENT_CLASSES = {
        "perspective-pane--match",
        "perspective-pane--current",
        "perspective-pane--shared",
        "perspective-pane--only",
        "perspective-pane--figure",
    }
    """Highlight styles: `match` for every search match, `current` for the one stepped to;
    compare mode's `shared` (a name both sides give), `only` (a name one side gives) and
    `figure`. Each differs from the others without colour too: search is reverse video, the
    names bold italic and plain italic (even in a bold headline), figures underlined."""

    DEFAULT_CSS = """
    PerspectivePane {
        height: 1fr;
        width: 1fr;
        overflow-x: hidden;
        scrollbar-gutter: stable;  /* the text keeps its width whether the pane scrolls or not */
        scrollbar-size-vertical: 1;
        & > .perspective-pane--match {
            text-style: reverse;
        }
        & > .perspective-pane--current {
            color: $warning;
            text-style: bold reverse underline;
        }
        & > .perspective-pane--shared {
            color: $text-success;
            text-style: bold italic;
        }
        & > .perspective-pane--only {
            color: $text-warning;
            text-style: not bold italic;
        }
        & > .perspective-pane--figure {
            text-style: underline;
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
        self.following = False
        """True while the pane is being scrolled to follow the other one."""
        self._titles = ("", "")
        """The full title and a short one for narrow panes."""
        self._title: str | None = None
        self._digest: Digest | None = None
        self._side: str | None = None
        self._ascii = False
        self._highlights: tuple[Highlight, ...] = ()
        self._blocks: list[Block] = []
        self._pieces: list[list[Block]] = []
        """The pieces of the day's text, drawn one after another as they are scrolled to."""
        self._drawn = 0
        """How many pieces are drawn."""
        self._lines: list[Strip] = []
        """The lines of the pieces drawn, at `_width`."""
        self._starts: list[int] = []
        """The line each block drawn starts at."""
        self._width = 0
        self._painted: dict[int, Strip | None] = {}
        """The line each row of the view shows now (None: blank), at `_width`."""
        self._base = Style()
        """The pane's own style, under the text's (looked up once per drawing)."""
        self._row_width = 0
        """The width of the pane's rows (looked up once per drawing)."""
        self._prepared: dict[DrawingKey, Drawing] = {}
        """Days drawn ahead (`prepare`), ready to be shown at once."""

    @property
    def frame(self) -> PaneFrame:
        """The frame around the pane: its border and title."""
        frame = self.parent
        assert isinstance(frame, PaneFrame)
        return frame

    @property
    def side(self) -> str | None:
        """The side shown (`western`, `russian`, or `bulletin` for a bulletin)."""
        return self._side

    @property
    def text_width(self) -> int:
        """How wide the text is: the pane's, less its left margin, up to a comfortable line
        length."""
        return max(0, min(self.scrollable_content_region.width - MARGIN, MAX_LINE_LENGTH))

    @property
    def pieces_drawn(self) -> int:
        """How many pieces of a long day are drawn (a real day is one)."""
        return self._drawn

    def _fit_title(self) -> None:
        """The full title, or the short one when the full one would be cut."""
        full, brief = self._titles
        width = self.frame.outer_size.width
        title = full if len(full) + 6 <= width or not width else brief
        if title != self._title:
            self._title = title
            self.frame.border_title = Text(title)

    def on_resize(self) -> None:
        self._fit_title()
        if self.text_width != self._width:
            self._draw_lines()

    def show_side(self, digest: Digest, side: str, ascii: bool = False) -> None:
        """`side`'s stories of `digest`, or a plain note that the digest has none."""
        source = SIDE_SOURCES.get(side)
        self._titles = (side_title(side), side.capitalize() + (f" ({source})" if source else ""))
        self._show(digest, side, ascii)

    def show_bulletin(self, digest: Digest, ascii: bool = False) -> None:
        """A 2022 bulletin: lead, topic headings and bullets, and its attribution."""
        self._titles = ("Bulletin (Reuters)", "Bulletin")
        self._show(digest, BULLETIN, ascii)

    def _show(self, digest: Digest, side: str, ascii: bool) -> None:
        self._digest, self._side, self._ascii = digest, side, ascii
        self._highlights = ()
        self._fit_title()
        self.scroll_to(y=0, animate=False, force=True, immediate=True)
        drawing = self._prepared.pop((digest, side, ascii, self.text_width), None)
        if drawing is None or self.text_width != self._width:
            self._make_blocks(keep=1)
            return
        self._blocks, self._pieces, self._drawn = drawing.blocks, drawing.pieces, drawing.drawn
        self._lines, self._starts = list(drawing.lines), list(drawing.starts)
        self._draw_more()
        self._set_length()
        self._refresh_changed_rows()

    def prepare(self, digest: Digest, side: str, ascii: bool = False) -> None:
        """Draw `side` of `digest` ahead, while nothing else happens, so that showing it next
        (the next or previous day) only puts its lines on the screen."""
        key = (digest, side, ascii, self._width)
        if not self._width or key in self._prepared:
            return
        blocks = self._blocks_of(digest, side, ascii, {})
        lines: list[Strip] = []
        starts: list[int] = []
        split = list(pieces(blocks))
        drawn = 0
        while drawn < len(split) and (not drawn or len(lines) < 2 * self.size.height):
            self._render_into(split[drawn], lines, starts)
            drawn += 1
        self._prepared[key] = Drawing(blocks, split, drawn, lines, starts)
        while len(self._prepared) > PREPARED:
            del self._prepared[next(iter(self._prepared))]

    # -- highlights ------------------------------------------------------------------------

    def highlight(self, highlights: Iterable[Highlight]) -> None:
        """Draw `highlights` (those on this pane's side) in place of any before; the scroll
        position stays."""
        mine = tuple(h for h in highlights if h.side == self._side)
        if mine != self._highlights:
            self._highlights = mine
            self._make_blocks(keep=self._drawn)

    @property
    def highlights(self) -> tuple[Highlight, ...]:
        """The highlights drawn, in the order given."""
        return self._highlights

    def scroll_to_highlight(self, highlight: Highlight) -> None:
        """Scroll so that the line holding `highlight` shows, a third of the way down (once the
        pane has its size)."""
        if not self._width:
            self.call_after_refresh(self.scroll_to_highlight, highlight)
            return
        end = self._folded_offset(highlight.address, highlight.end)
        found = self._find(highlight.address, end)
        while found is None and self._drawn < len(self._pieces):
            self._draw_piece()
            found = self._find(highlight.address, end)
        if found is None:
            return
        index, block = found
        console = self.app.console
        options = console.options.update(width=self._width, height=None)
        upto = block.frame(block.text[: end - block.offset])
        y = self._starts[index] + len(console.render_lines(upto, options, pad=False)) - 1
        self._set_length()
        self.scroll_to(
            y=max(0, y - self.scrollable_content_region.height // 3),
            animate=False,
            force=True,
            immediate=True,
        )

    def _find(self, address: Address, end: int) -> tuple[int, Block] | None:
        """The drawn block holding offset `end` of the passage at `address`, and its index."""
        for index, block in enumerate(self._blocks[: len(self._starts)]):
            if block.address == address and block.offset < end <= block.end:
                return index, block
        return None

    def _folded_offset(self, address: Address, offset: int) -> int:
        """Where `offset` of the passage's text is in the text shown (folded in ASCII mode)."""
        if not self._ascii or self._digest is None:
            return offset
        original = _passage_text(self._digest, address)
        return len(to_ascii(original[:offset])) if original is not None else offset

    def _spans(self) -> Spans:
        spans: Spans = {}
        for highlight in self._highlights:
            style = self.get_component_rich_style(
                f"perspective-pane--{highlight.style}", partial=True
            )
            spans.setdefault(highlight.address, []).append((highlight.start, highlight.end, style))
        return spans

    # -- drawing ---------------------------------------------------------------------------

    def _make_blocks(self, keep: int) -> None:
        """Make the day's blocks and draw the first `keep` pieces (at least one, and as many
        as fill the view)."""
        digest, side = self._digest, self._side
        if digest is None or side is None:
            return
        self._blocks = self._blocks_of(digest, side, self._ascii, self._spans())
        self._pieces = list(pieces(self._blocks))
        self._drawn = max(1, min(keep, len(self._pieces)))
        self._draw_lines()

    @staticmethod
    def _blocks_of(digest: Digest, side: str, ascii: bool, spans: Spans) -> list[Block]:
        def text(address: Address, raw: str, style: str = "") -> Text:
            return styled_text(raw, spans.get(address, ()), ascii, style)

        if side == BULLETIN:
            return bulletin_blocks(digest, ascii, text)
        return story_blocks(digest, side, ascii, text)

    def _draw_lines(self, refresh: bool = True) -> None:
        """Render the pieces drawn to lines at the text's width (none before the pane has a
        size), draw more while the view is near their end, and redraw the rows that changed."""
        if self.text_width != self._width:
            self._width = self.text_width
            self._painted.clear()
            self._prepared.clear()
        self._lines, self._starts = [], []
        if self._width > 0:
            for piece in self._pieces[: self._drawn]:
                self._render_piece(piece)
            self._draw_more()
        self._set_length()
        if refresh:
            self._refresh_changed_rows()

    def _refresh_changed_rows(self) -> None:
        """Redraw only the rows of the view whose line changed, each only as far as its old or
        new text reaches: a row that was blank and stays blank (between paragraphs, below a
        short day) is not written to the terminal again, nor the blank end of a row."""
        region = self.scrollable_content_region
        top = self.scroll_offset.y
        painted = self._painted
        rows: list[Region] = []
        for row in range(region.height):
            line = self._line(top + row)
            if row not in painted:
                reach = region.width
            elif painted[row] == line:
                continue
            else:
                reach = min(region.width, max(_reach(painted[row]), _reach(line)))
            rows.append(Region(0, row, reach, 1))
        if rows:
            self.refresh(*rows)

    def _set_length(self) -> None:
        """Make the scrollable length that of the lines drawn. While the scrollbar stays as it
        is (shown, or not), only its thumb is drawn again: nothing else on the screen moves, so
        the screen is not laid out again."""
        size = Size(self._width, len(self._lines))
        if size == self.virtual_size:
            return
        scrolls = size.height > self.scrollable_content_region.height
        if size.width != self.virtual_size.width or scrolls != self.show_vertical_scrollbar:
            self.virtual_size = size
            return
        self.set_reactive(PerspectivePane.virtual_size, size)
        if scrolls:
            lengthen_scrollbar(self.vertical_scrollbar, size.height)
        self.scroll_y = self.validate_scroll_y(self.scroll_y)

    def _render_piece(self, piece: list[Block]) -> None:
        self._render_into(piece, self._lines, self._starts)

    def _render_into(self, piece: list[Block], lines: list[Strip], starts: list[int]) -> None:
        """Render `piece` at the text's width onto `lines`, noting where each block starts."""
        console = self.app.console
        options = console.options.update(width=self._width, height=None)
        for block in piece:
            starts.append(len(lines))
            lines += [
                Strip(line) for line in console.render_lines(block.renderable(), options, pad=False)
            ]

    def _draw_piece(self) -> None:
        self._render_piece(self._pieces[self._drawn])
        self._drawn += 1

    def _draw_more(self) -> None:
        """Draw the next pieces of a long day while the view is within a screen of the end of
        what is drawn."""
        height = self.scrollable_content_region.height
        grown = False
        while self._drawn < len(self._pieces) and len(self._lines) - self.scroll_y < 2 * height:
            self._draw_piece()
            grown = True
        if grown:
            self._set_length()

    def _line(self, index: int) -> Strip | None:
        """Line `index` of the text, None past its end."""
        return self._lines[index] if index < len(self._lines) else None

    def render_lines(self, crop: Region) -> list[Strip]:
        # Looked up once per drawing, not per line.
        self._base = self.rich_style
        self._row_width = self.scrollable_content_region.width
        if self.text_width != self._width:  # drawn before its first resize: the first frame
            self._draw_lines(refresh=False)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self._row_width
        base = self._base
        line = self._painted[y] = self._line(self.scroll_offset.y + y)
        if line is None:
            return Strip.blank(width, base)
        # The left margin is spaces in the style of the text after it, not CSS padding: the
        # margin and the text are one style sequence for the terminal, not two.
        segments = with_margin(list(line), MARGIN)
        length = MARGIN + line.cell_length
        if length < width:
            segments.append(Segment(" " * (width - length)))
        return Strip(Segment.simplify(Segment.apply_style(segments, base)), max(width, length))

    # -- scrolling -------------------------------------------------------------------------

    @property
    def at_end(self) -> bool:
        return self._drawn >= len(self._pieces) and self.scroll_y >= self.max_scroll_y

    def scroll_to_fraction(self, fraction: float) -> None:
        """Follow another pane: scroll to the same share of this pane's length."""
        self.following = True
        self.scroll_to(y=round(fraction * self.max_scroll_y), animate=False, immediate=True)
        self.following = False

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # Also while the scrollbar is about to show (a day just drawn, not laid out yet).
        self.vertical_scrollbar.position = new_value
        if self._width:
            self._draw_more()
        if old_value != new_value and not self.following:
            fraction = new_value / self.max_scroll_y if self.max_scroll_y else 0.0
            self.post_message(self.Scrolled(self, fraction))


def lengthen_scrollbar(scrollbar: ScrollBar, length: int) -> None:
    """Give `scrollbar` a new scrollable length, redrawing only the rows of it that change (the
    ends of its thumb): Textual's own redraws the whole bar, a line of the terminal per row."""
    before = _scrollbar_rows(scrollbar)
    scrollbar.set_reactive(ScrollBar.window_virtual_size, length)
    after = _scrollbar_rows(scrollbar)
    changed = [row for row, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    for first, last in _runs(changed):
        scrollbar.refresh(Region(0, first, scrollbar.size.width, last - first + 1))


def _scrollbar_rows(scrollbar: ScrollBar) -> list[list[Segment]]:
    width, height = scrollbar.size
    if not height:
        return []
    console = scrollbar.app.console
    options = console.options.update_dimensions(width, height)
    return console.render_lines(scrollbar.render(), options)


def _reach(line: Strip | None) -> int:
    """How many columns of a pane's row `line` shows anything in: its margin and text, less the
    spaces that end it (a paragraph's lines are padded to the width); none for a blank row."""
    if line is None:
        return 0
    reach = MARGIN + line.cell_length
    for segment in reversed(list(line)):
        text, style, _ = segment
        if style is not None and marks_spaces(style):
            break
        kept = text.rstrip(" ")
        reach -= len(text) - len(kept)
        if kept:
            break
    return reach


def _runs(rows: list[int]) -> Iterator[tuple[int, int]]:
    """(first, last) of each run of consecutive numbers in `rows` (ascending)."""
    for _, run in groupby(enumerate(rows), lambda pair: pair[1] - pair[0]):
        numbers = [row for _, row in run]
        yield numbers[0], numbers[-1]


TextMaker = Callable[..., Text]
"""(address, raw text, style="") -> the passage's Text, highlighted."""


def story_blocks(digest: Digest, side: str, ascii: bool, text: TextMaker) -> list[Block]:
    """Each of `side`'s stories: the headline in bold, then its paragraphs, spaced apart."""
    stories = [
        (part, story) for part, story in enumerate(digest.perspectives) if story.side == side
    ]
    if not stories:
        return [Block(None, Text(missing_side_note(side), style="italic"), unframed)]
    blocks: list[Block] = []
    for index, (part, story) in enumerate(stories):
        if index:
            blocks.append(Block(None, Text(("-" if ascii else "─") * 12, style="dim"), spaced))
        headline = (side, part, 0)
        blocks += passage_blocks(
            headline, text(headline, story.headline, "bold"), unframed, unframed
        )
        for line, paragraph in enumerate(story.paragraphs, start=1):
            address = (side, part, line)
            blocks += passage_blocks(address, text(address, paragraph), spaced, unframed)
    return blocks


def bulletin_blocks(digest: Digest, ascii: bool, text: TextMaker) -> list[Block]:
    """Topic headings in bold, each item a hanging bullet; an unheaded lead stays a paragraph;
    the attribution last."""
    bullet = "*" if ascii else "•"
    blocks: list[Block] = []
    for part, section in enumerate(digest.sections):
        if section.heading:
            address = (BULLETIN, part, 0)
            blocks += passage_blocks(
                address, text(address, section.heading, "bold"), spaced, unframed
            )
        items = list(enumerate(section.paragraphs, start=1))
        if section.heading is None and items:
            line, lead = items.pop(0)
            address = (BULLETIN, part, line)
            lead_text = text(address, lead, "" if blocks else "bold")
            blocks += passage_blocks(address, lead_text, unframed, unframed)
        for index, (line, item) in enumerate(items):
            top = 1 if section.heading is None and index == 0 else 0
            address = (BULLETIN, part, line)
            blocks += passage_blocks(address, text(address, item), bulleted(bullet, top), indented)
    if digest.attribution:
        attribution = to_ascii(safe(digest.attribution)) if ascii else safe(digest.attribution)
        blocks.append(Block(None, Text(attribution, style="dim"), spaced))
    return blocks


def _passage_text(digest: Digest, address: Address | None) -> str | None:
    """The text of the passage at `address`, or None."""
    if address is None:
        return None
    side, part, line = address
    if side == BULLETIN:
        section = digest.sections[part]
        return section.heading if line == 0 else section.paragraphs[line - 1]
    story = digest.perspectives[part]
    return story.headline if line == 0 else story.paragraphs[line - 1]

"""A pane showing one side of a digest (or a whole bulletin), scrolling on its own.

Highlights: `highlight()` draws spans of the text shown in a named style (a component class,
`perspective-pane--<style>`, so themes and NO_COLOR apply), and `scroll_to_highlight()` brings one
into view. Spans are addressed by passage, as in `tui_reader.passages`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from tui_reader.app.widgets.ascii_mode import to_ascii
from tui_reader.model import SIDE_SOURCES, Digest
from tui_reader.passages import BULLETIN, Highlight
from tui_reader.render import missing_side_note, side_title

Address = tuple[str, int, int]
"""(side, part, line) of a passage, as in `tui_reader.passages`."""

Spans = dict[Address, list[tuple[int, int, Style]]]


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of a pane's text: a passage (or a note or rule, with no address) and its frame."""

    address: Address | None
    text: Text
    frame: Callable[[Text], RenderableType]

    def renderable(self) -> RenderableType:
        return self.frame(self.text)


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


class PerspectivePane(VerticalScroll):
    """One side's stories, titled with the side and its source; tells when it is read to the end."""

    ALLOW_MAXIMIZE = True

    COMPONENT_CLASSES = {"perspective-pane--match", "perspective-pane--current"}
    """Highlight styles: `match` for every search match, `current` for the one stepped to."""

    DEFAULT_CSS = """
    PerspectivePane {
        height: 1fr;
        width: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text;
        border-title-style: bold;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        &:focus {
            border: round $accent;
        }
        & > .pane-body {
            max-width: 96;  /* lines stay comfortable to read on wide terminals */
            width: 1fr;
        }
        & > .perspective-pane--match {
            text-style: reverse;
        }
        & > .perspective-pane--current {
            color: $warning;
            text-style: bold reverse underline;
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
        self._digest: Digest | None = None
        self._side: str | None = None
        self._ascii = False
        self._highlights: tuple[Highlight, ...] = ()
        self._blocks: list[Block] = []

    def compose(self) -> ComposeResult:
        yield self.body

    @property
    def side(self) -> str | None:
        """The side shown (`western`, `russian`, or `bulletin` for a bulletin)."""
        return self._side

    def _fit_title(self) -> None:
        """The full title, or the short one when the full one would be cut."""
        full, brief = self._titles
        self.border_title = Text(
            full if len(full) + 6 <= self.size.width or not self.size.width else brief
        )

    def on_resize(self) -> None:
        self._fit_title()

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
        self._render_body()
        self.scroll_home(animate=False)

    # -- highlights ------------------------------------------------------------------------

    def highlight(self, highlights: Iterable[Highlight]) -> None:
        """Draw `highlights` (those on this pane's side) in place of any before; the scroll
        position stays."""
        mine = tuple(h for h in highlights if h.side == self._side)
        if mine != self._highlights:
            self._highlights = mine
            self._render_body()

    @property
    def highlights(self) -> tuple[Highlight, ...]:
        """The highlights drawn, in the order given."""
        return self._highlights

    def scroll_to_highlight(self, highlight: Highlight) -> None:
        """Scroll so that the line holding `highlight` shows, a third of the way down (once the
        text just drawn has its height)."""
        self.call_after_refresh(self._scroll_to_highlight, highlight)

    def _laid_out(self) -> bool:
        """Whether the text has its final width: a scrollbar coming or going changes it."""
        region = self.scrollable_content_region
        cap = self.body.styles.max_width
        width = min(region.width, int(cap.value)) if cap and cap.is_cells else region.width
        overflows = self.body.size.height > region.height
        return overflows == self.show_vertical_scrollbar and self.body.size.width == width

    def _scroll_to_highlight(self, highlight: Highlight, tries: int = 10) -> None:
        if not self._laid_out() and tries:
            self.call_after_refresh(self._scroll_to_highlight, highlight, tries - 1)
            return
        width = self.body.size.width
        console = self.app.console
        options = console.options.update(width=width, height=None)
        y = 0
        for block in self._blocks:
            if block.address == highlight.address:
                upto = block.frame(block.text[: self._folded_offset(block, highlight.end)])
                y += len(console.render_lines(upto, options, pad=False)) - 1
                break
            y += len(console.render_lines(block.renderable(), options, pad=False))
        self.scroll_to(
            y=max(0, y - self.scrollable_content_region.height // 3), animate=False, force=True
        )

    def _folded_offset(self, block: Block, offset: int) -> int:
        """Where `offset` of the passage's text is in `block.text` (folded in ASCII mode)."""
        if not self._ascii or self._digest is None:
            return offset
        original = _passage_text(self._digest, block.address)
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

    def _render_body(self) -> None:
        digest, side = self._digest, self._side
        if digest is None or side is None:
            return
        spans = self._spans()

        def text(address: Address, raw: str, style: str = "") -> Text:
            return styled_text(raw, spans.get(address, ()), self._ascii, style)

        if side == BULLETIN:
            self._blocks = bulletin_blocks(digest, self._ascii, text)
        else:
            self._blocks = story_blocks(digest, side, self._ascii, text)
        self.body.update(Group(*(block.renderable() for block in self._blocks)))

    # -- scrolling -------------------------------------------------------------------------

    @property
    def at_end(self) -> bool:
        return self.scroll_y >= self.max_scroll_y

    def scroll_to_fraction(self, fraction: float) -> None:
        """Follow another pane: scroll to the same share of this pane's length."""
        self.following = True
        self.scroll_to(y=round(fraction * self.max_scroll_y), animate=False, immediate=True)
        self.following = False

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if old_value != new_value and not self.following:
            fraction = new_value / self.max_scroll_y if self.max_scroll_y else 0.0
            self.post_message(self.Scrolled(self, fraction))


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
        blocks.append(
            Block((side, part, 0), text((side, part, 0), story.headline, "bold"), unframed)
        )
        blocks += [
            Block((side, part, line), text((side, part, line), paragraph), spaced)
            for line, paragraph in enumerate(story.paragraphs, start=1)
        ]
    return blocks


def bulletin_blocks(digest: Digest, ascii: bool, text: TextMaker) -> list[Block]:
    """Topic headings in bold, each item a hanging bullet; an unheaded lead stays a paragraph;
    the attribution last."""
    bullet = "*" if ascii else "•"
    blocks: list[Block] = []
    for part, section in enumerate(digest.sections):
        if section.heading:
            address = (BULLETIN, part, 0)
            blocks.append(Block(address, text(address, section.heading, "bold"), spaced))
        items = list(enumerate(section.paragraphs, start=1))
        if section.heading is None and items:
            line, lead = items.pop(0)
            address = (BULLETIN, part, line)
            blocks.append(Block(address, text(address, lead, "" if blocks else "bold"), unframed))
        for index, (line, item) in enumerate(items):
            top = 1 if section.heading is None and index == 0 else 0
            address = (BULLETIN, part, line)
            blocks.append(Block(address, text(address, item), bulleted(bullet, top)))
    if digest.attribution:
        attribution = to_ascii(digest.attribution) if ascii else digest.attribution
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

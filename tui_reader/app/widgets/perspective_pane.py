"""A pane showing one side of a digest (or a whole bulletin), scrolling on its own."""

from __future__ import annotations

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


def story_body(stories: tuple[Perspective, ...], ascii: bool) -> list[RenderableType]:
    """Each story's headline in bold, then its paragraphs, a blank line between each."""
    fold = to_ascii if ascii else str
    parts: list[RenderableType] = []
    for index, story in enumerate(stories):
        if index:
            parts.append(Padding(Text(("-" if ascii else "─") * 12, style="dim"), (1, 0, 0, 0)))
        parts.append(Text(fold(story.headline), style="bold"))
        parts += [Padding(Text(fold(paragraph)), (1, 0, 0, 0)) for paragraph in story.paragraphs]
    return parts


def bulletin_body(digest: Digest, ascii: bool) -> list[RenderableType]:
    """Topic headings in bold, each item a hanging bullet; an unheaded lead stays a paragraph."""
    fold = to_ascii if ascii else str
    parts: list[RenderableType] = []
    bullet = "*" if ascii else "•"
    for section in digest.sections:
        if section.heading:
            parts.append(Padding(Text(fold(section.heading), style="bold"), (1, 0, 0, 0)))
        items = [fold(item) for item in section.paragraphs]
        if section.heading is None and items:
            parts.append(Text(items.pop(0), style="bold" if not parts else ""))
        if items:
            grid = Table.grid(padding=(0, 1, 0, 0))
            grid.add_column(width=1, no_wrap=True)
            grid.add_column(ratio=1)
            for item in items:
                grid.add_row(bullet, Text(item))
            parts.append(Padding(grid, (1 if section.heading is None else 0, 0, 0, 0)))
    return parts


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

    def compose(self) -> ComposeResult:
        yield self.body

    def _show(self, titles: tuple[str, str], parts: list[RenderableType]) -> None:
        self._titles = titles
        self._fit_title()
        self.body.update(Group(*parts))
        self.scroll_home(animate=False)

    def _fit_title(self) -> None:
        """The full title, or the short one when the full one would be cut."""
        full, brief = self._titles
        width = self.outer_size.width
        self.border_title = Text(full if len(full) + 6 <= width or not width else brief)

    def on_resize(self) -> None:
        self._fit_title()

    def show_side(self, digest: Digest, side: str, ascii: bool = False) -> None:
        """`side`'s stories of `digest`, or a plain note that the digest has none."""
        stories = digest.stories(side)
        parts: list[RenderableType] = (
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
        parts = bulletin_body(digest, ascii)
        if digest.attribution:
            attribution = to_ascii(digest.attribution) if ascii else digest.attribution
            parts.append(Padding(Text(attribution, style="dim"), (1, 0, 0, 0)))
        self._show(("Bulletin (Reuters)", "Bulletin"), parts)

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

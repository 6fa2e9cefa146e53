"""A comparison as highlights on the reader's panes.

Each name is drawn in the style of its role: `shared` when both sides name it, `only` when one
side does; each figure in `figure`. Russia and Ukraine (named everywhere) are left plain, and so
are the names of a 2022 bulletin, which has no other side to compare with.
"""

from __future__ import annotations

from tui_reader.compare.model import Comparison, Span
from tui_reader.model import Digest, Kind
from tui_reader.passages import BULLETIN, Highlight

SHARED, ONLY, FIGURE = "shared", "only", "figure"
"""The highlight styles compare mode draws (the panes' `perspective-pane--<style>`)."""


def highlights(comparison: Comparison, digest: Digest) -> list[Highlight]:
    """Every name and figure of `comparison`, addressed as the panes address passages.

    Names come first and figures after them, so a figure's underline is drawn over a name
    inside it (`11 US-supplied HIMARS`)."""
    roles = {term.term: _role(term.shared, term.background) for term in comparison.terms}
    found: list[Highlight] = []
    if digest.kind is not Kind.BULLETIN:
        for mention in comparison.mentions:
            role = roles.get(mention.term)
            if role is not None:
                found.append(to_highlight(mention.span, digest, role))
    found += [to_highlight(figure.span, digest, FIGURE) for figure in comparison.figures]
    return found


def _role(shared: bool, background: bool) -> str | None:
    if background:
        return None
    return SHARED if shared else ONLY


def to_highlight(span: Span, digest: Digest, style: str) -> Highlight:
    """`span` (a side's story and paragraph) as a `Highlight` (an index into
    `Digest.perspectives`, line 0 for the headline; a bulletin's topic and bullet)."""
    if digest.kind is Kind.BULLETIN:
        return Highlight(
            BULLETIN, span.story, (span.paragraph or 0) + 1, span.start, span.end, style
        )
    parts = [part for part, story in enumerate(digest.perspectives) if story.side == span.side]
    line = 0 if span.paragraph is None else span.paragraph + 1
    return Highlight(span.side, parts[span.story], line, span.start, span.end, style)

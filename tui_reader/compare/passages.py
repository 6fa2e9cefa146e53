"""The texts of a digest that compare reads, each with where it sits."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tui_reader.model import Digest, Kind


@dataclass(frozen=True, slots=True)
class Passage:
    """A headline or paragraph of one side: `story` and `paragraph` as in `Span`."""

    side: str
    story: int
    paragraph: int | None
    text: str


def passages(digest: Digest) -> Iterator[Passage]:
    """Each side's headlines and paragraphs in page order. A bulletin is one Reuters account,
    read as the Western side; its ALL-CAPS topic headings are labels, not text, and are skipped."""
    if digest.kind is Kind.BULLETIN:
        for index, section in enumerate(digest.sections):
            for number, paragraph in enumerate(section.paragraphs):
                yield Passage("western", index, number, paragraph)
        return
    for side in ("western", "russian"):
        for index, story in enumerate(digest.stories(side)):
            yield Passage(side, index, None, story.headline)
            for number, paragraph in enumerate(story.paragraphs):
                yield Passage(side, index, number, paragraph)

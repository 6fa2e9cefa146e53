"""A digest's text as addressed passages, and highlights on them.

A passage is one headline, paragraph, bulletin topic or bullet. Its address is (side, part, line):
`part` is the index of its story in `Digest.perspectives` (or of its topic in `Digest.sections`),
`line` is 0 for the story's headline (the topic's heading) and n for its nth paragraph (bullet).
The search index stores passages by this address, and the reader's panes draw highlights on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui_reader.model import Digest

BULLETIN = "bulletin"
"""The side of every passage of a 2022 bulletin, which has no perspectives."""


@dataclass(frozen=True, slots=True)
class Passage:
    """One headline, paragraph, topic heading or bullet, with its address in the digest."""

    side: str
    part: int
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class Highlight:
    """Characters `start` to `end` of the passage at (side, part, line), drawn in `style`.

    `style` names one of the pane's highlight styles (`match`, `current`), so it follows the theme
    and still shows without colour.
    """

    side: str
    part: int
    line: int
    start: int
    end: int
    style: str = "match"

    @property
    def address(self) -> tuple[str, int, int]:
        return self.side, self.part, self.line


def passages(digest: Digest) -> list[Passage]:
    """Every passage of `digest` in page order (the search index holds exactly these)."""
    found: list[Passage] = []
    for part, story in enumerate(digest.perspectives):
        found.append(Passage(story.side, part, 0, story.headline))
        found += [
            Passage(story.side, part, line, text)
            for line, text in enumerate(story.paragraphs, start=1)
        ]
    for part, section in enumerate(digest.sections):
        if section.heading is not None:
            found.append(Passage(BULLETIN, part, 0, section.heading))
        found += [
            Passage(BULLETIN, part, line, text)
            for line, text in enumerate(section.paragraphs, start=1)
        ]
    return found

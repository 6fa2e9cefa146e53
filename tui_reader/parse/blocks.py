"""Blocks: the common middle of the pipeline. Every input becomes a list of cleaned text blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

SEPARATOR = ""
"""A whitespace-only paragraph (the site's `&nbsp;` between sections)."""

_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2028\u2029\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_QUOTE_THEN_WORD = re.compile(r"”(?=[A-Za-z])")


class NotADigest(Exception):
    """The input is not a digest; the message says why in one plain sentence."""


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What an input says about itself besides its text blocks (all optional)."""

    title: str | None = None
    published: datetime | None = None
    url: str | None = None
    item_id: int | None = None
    votes_count: int | None = None
    votes_average: float | None = None


def clean(text: str) -> str:
    """One line of web text made safe and tidy: no escapes or controls, single spaces."""
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    return _QUOTE_THEN_WORD.sub("” ", text)


def text_blocks(text: str) -> list[str]:
    """Pasted text -> blocks: one block per line; whitespace-only lines become separators."""
    blocks: list[str] = []
    for line in text.splitlines():
        cleaned = clean(line)
        if cleaned:
            blocks.append(cleaned)
        elif line and blocks and blocks[-1] != SEPARATOR:
            blocks.append(SEPARATOR)
    return blocks

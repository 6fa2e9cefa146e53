"""Blocks: the common middle of the pipeline. Every input becomes a list of cleaned text blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

SEPARATOR = ""
"""A whitespace-only paragraph (the site's `&nbsp;` between sections)."""

_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2028\u2029\ufeff"
_UNSAFE = re.compile(
    rf"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b\n]*(?:\x07|\x1b\\)|[@-_])|[{_CONTROLS}]"
)
"""Terminal escape sequences and control characters (never a line break, so that many lines can
be made safe at once)."""
_SAFE = re.compile(rf"[^{_CONTROLS}]*")
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
    return " ".join(safe_lines(text).split())


def safe_lines(text: str) -> str:
    """`text` (any number of lines) without escapes or control characters, its line breaks kept,
    and a missing space after a closing quote put back."""
    if not _SAFE.fullmatch(text):
        text = _UNSAFE.sub("", text)
    return _QUOTE_THEN_WORD.sub("” ", text) if "”" in text else text


def text_blocks(text: str) -> list[str]:
    """Pasted text -> blocks: one block per line; whitespace-only lines become separators."""
    lines = text.splitlines()
    blocks: list[str] = []
    for line, safe in zip(lines, safe_lines("\n".join(lines)).split("\n"), strict=True):
        if cleaned := " ".join(safe.split()):
            blocks.append(cleaned)
        elif line and blocks and blocks[-1] != SEPARATOR:
            blocks.append(SEPARATOR)
    return blocks

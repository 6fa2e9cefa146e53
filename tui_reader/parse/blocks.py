"""Blocks: the common middle of the pipeline. Every input becomes a list of cleaned text blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from tui_reader.webtext import safe

SEPARATOR = ""
"""A whitespace-only paragraph (the site's `&nbsp;` between sections)."""

_OTHER_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACES = re.compile(" {2,}")
"""With `_OTHER_SPACES`: a run of spaces of any kind becomes one plain space (in two passes,
twice as fast as one)."""
_QUOTE_THEN_WORD = re.compile(r"”(?=[A-Za-z])")
_LINE_BREAK = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""Every line break `str.splitlines` knows, to be a plain newline."""


_MARK = "\x00"
"""Stands for a separator while blocks are made (cleaning has removed every real NUL)."""
_WHITESPACE_LINE = re.compile("^ $", re.MULTILINE)
_EMPTY_LINES = re.compile("\n{2,}")
_MARKS = re.compile("\x00(?:\n\x00)+")


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


def clean_lines(text: str) -> list[str]:
    """Each line of `text` made safe (see `tui_reader.webtext`) and tidy: single spaces, no space
    at either end, a space after a closing quote glued to a word. A whitespace-only line comes out
    as one space, an empty line as an empty string.

    The whole text is cleaned at once, so a page of millions of lines costs a few regular
    expression passes, not millions of calls.
    """
    text = _QUOTE_THEN_WORD.sub("” ", _SPACES.sub(" ", _OTHER_SPACES.sub(" ", safe(text))))
    return [line if line == " " else line.strip(" ") for line in text.split("\n")]


def clean(text: str) -> str:
    """One line of web text made safe and tidy (line breaks become spaces)."""
    return " ".join(line for line in clean_lines(text) if line.strip(" "))


def text_blocks(text: str) -> list[str]:
    """Pasted text -> blocks: one block per line; whitespace-only lines become separators.

    Done with a few passes of regular expressions over the whole text, so that even millions of
    lines take a fraction of a second."""
    text = "\n".join(clean_lines(_LINE_BREAK.sub("\n", text)))
    text = _WHITESPACE_LINE.sub(_MARK, text)
    text = _EMPTY_LINES.sub("\n", text)
    text = _MARKS.sub(_MARK, text).strip("\n" + _MARK)
    return [SEPARATOR if line == _MARK else line for line in text.split("\n")] if text else []

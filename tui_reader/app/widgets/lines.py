"""What the widgets drawn line by line (the day list, the panes) share: a left margin that is one
style sequence with the text after it, so the terminal is sent one style change, not two."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style


def marks_spaces(style: Style) -> bool:
    """Whether spaces in `style` show (a background, reverse video, a line through or under)."""
    return bool(
        style.bgcolor is not None
        or style.reverse
        or style.underline
        or style.underline2
        or style.strike
        or style.overline
    )


def with_margin(segments: list[Segment], margin: int) -> list[Segment]:
    """`segments` after `margin` spaces, in the first segment's style when spaces in it look
    like plain spaces (bold or dim ones do; reversed or underlined ones do not)."""
    first = segments[0] if segments else Segment("")
    if first.style is not None and marks_spaces(first.style):
        return [Segment(" " * margin), *segments]
    return [Segment(" " * margin + first.text, first.style), *segments[1:]]

"""ASCII mode: scrollbars without block glyphs, and web text folded to plain ASCII."""

from __future__ import annotations

import unicodedata

from textual.scrollbar import ScrollBarRender
from textual.widget import Widget

_PUNCTUATION = str.maketrans(
    {
        "–": "-",
        "—": "--",
        "‒": "-",
        "−": "-",
        "‘": "'",
        "’": "'",
        "‚": ",",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "…": "...",
        "•": "*",
        "·": "-",
        "\u00a0": " ",
        "★": "*",
        "☆": ".",
    }
)


def to_ascii(text: str) -> str:
    """`Kiev’s – “colossal”` as `Kiev's - "colossal"`; accents dropped, anything else `?`."""
    folded = unicodedata.normalize("NFKD", text.translate(_PUNCTUATION))
    return (
        "".join(c for c in folded if not unicodedata.combining(c))
        .encode("ascii", "replace")
        .decode()
    )


class AsciiScrollBarRender(ScrollBarRender):
    """Whole-cell thumbs (reverse video) instead of the eighth-block glyphs."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


def use_ascii_scrollbars(widget: Widget) -> None:
    # Textual declares `renderer` a ClassVar but reads it through the instance, so an instance
    # attribute switches one widget's scrollbars without touching every other widget's.
    widget.vertical_scrollbar.renderer = AsciiScrollBarRender  # type: ignore[misc]
    widget.horizontal_scrollbar.renderer = AsciiScrollBarRender  # type: ignore[misc]

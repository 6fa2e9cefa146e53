"""Scrollbars drawn without block glyphs, for terminals that only have ASCII."""

from __future__ import annotations

from textual.scrollbar import ScrollBarRender
from textual.widget import Widget


class AsciiScrollBarRender(ScrollBarRender):
    """Whole-cell thumbs (reverse video) instead of the eighth-block glyphs."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


def use_ascii_scrollbars(widget: Widget) -> None:
    widget.vertical_scrollbar.renderer = AsciiScrollBarRender
    widget.horizontal_scrollbar.renderer = AsciiScrollBarRender

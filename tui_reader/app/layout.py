"""How the reader arranges itself at each width, and the choices the reader made at each.

Three width classes, measured on real terminals:

- narrow (below 76 columns): the two sides stacked; the day list is a drawer (`\\`);
- medium (76 to 107): side by side, each side keeping at least 33 columns of text; the day list
  is a drawer over the panes;
- wide (108 and more): the day list on the left and the two sides beside it.

`v`, `\\`, `s` and `L` change the layout of the width class in use; the choices are kept (as
JSON in the store's app state) and a reset forgets them all.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from enum import StrEnum

PANE_TEXT_MIN_WIDTH = 33
"""Columns of text each side keeps when the two are side by side."""
PANE_CHROME_WIDTH = 5
"""A pane's columns around its text: two borders, a margin either side and the scrollbar."""
DAY_LIST_WIDTH = 32
SIDE_BY_SIDE_MIN_WIDTH = 2 * (PANE_TEXT_MIN_WIDTH + PANE_CHROME_WIDTH)
"""76: narrower than this, the two sides stack."""
DAY_LIST_MIN_WIDTH = DAY_LIST_WIDTH + SIDE_BY_SIDE_MIN_WIDTH
"""108: narrower than this, the day list gives way to the panes and becomes a drawer."""


class WidthClass(StrEnum):
    NARROW = "narrow"
    MEDIUM = "medium"
    WIDE = "wide"

    @classmethod
    def of(cls, width: int) -> WidthClass:
        if width >= DAY_LIST_MIN_WIDTH:
            return cls.WIDE
        return cls.MEDIUM if width >= SIDE_BY_SIDE_MIN_WIDTH else cls.NARROW


@dataclass(frozen=True)
class Arrangement:
    """One arrangement of the reader."""

    stacked: bool
    """The two sides one above the other (`v`)."""
    day_list: bool
    """The day list shown (`\\`): beside the panes when wide, else as a drawer over them."""
    swapped: bool = False
    """Russian side first (`s`)."""
    locked: bool = False
    """The two panes scroll together (`L`)."""


CHOICE_NAMES = tuple(field.name for field in fields(Arrangement))


def default_arrangement(width_class: WidthClass) -> Arrangement:
    return Arrangement(
        stacked=width_class is WidthClass.NARROW, day_list=width_class is WidthClass.WIDE
    )


class LayoutChoices:
    """What the reader chose at each width class; everything not chosen follows the defaults."""

    STATE_KEY = "layout"
    """The app state key the choices are kept under."""

    def __init__(self, chosen: dict[WidthClass, dict[str, bool]] | None = None) -> None:
        self._chosen = chosen or {}

    @classmethod
    def from_json(cls, text: str | None) -> LayoutChoices:
        """Choices as saved by `to_json`; anything unreadable is left out (its default applies)."""
        try:
            saved = json.loads(text) if text else {}
        except ValueError:
            saved = {}
        if not isinstance(saved, dict):
            saved = {}
        chosen: dict[WidthClass, dict[str, bool]] = {}
        for width_class in WidthClass:
            values = saved.get(width_class.value)
            if isinstance(values, dict):
                chosen[width_class] = {
                    name: value
                    for name, value in values.items()
                    if name in CHOICE_NAMES and isinstance(value, bool)
                }
        return cls(chosen)

    def to_json(self) -> str:
        return json.dumps(
            {width_class.value: values for width_class, values in self._chosen.items() if values},
            sort_keys=True,
        )

    def arrangement(self, width_class: WidthClass) -> Arrangement:
        return replace(default_arrangement(width_class), **self._chosen.get(width_class, {}))

    def choose(self, width_class: WidthClass, **choice: bool) -> Arrangement:
        """Keep `choice` for `width_class` (a choice equal to the default is forgotten)."""
        default = asdict(default_arrangement(width_class))
        values = {**self._chosen.get(width_class, {}), **choice}
        self._chosen[width_class] = {
            name: value for name, value in values.items() if value != default[name]
        }
        return self.arrangement(width_class)

    def clear(self) -> None:
        """Forget every choice: each width class has its default layout again."""
        self._chosen.clear()

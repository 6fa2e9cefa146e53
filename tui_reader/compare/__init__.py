"""Where the two accounts of a day meet and differ: the names and figures of each side, matched
across spellings. Pure functions over a `Digest`; no UI and no SQL.

- `model`: the results (spans for highlighting, terms, figures, pairs);
- `spellings`: the table of known names and spellings (shipped, extended by the user);
- `names`, `figures`: extraction from one text;  `matching`: which names are the same thing;
- `day`: one day compared;  `cache`: the comparison kept in the store.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui_reader.compare.cache import EXTRACTOR_VERSION, cache_key, cached_comparison
    from tui_reader.compare.day import BACKGROUND_TERMS, compare_digest
    from tui_reader.compare.model import Comparison, Figure, FigurePair, Mention, Span, Term
    from tui_reader.compare.spellings import (
        USER_FILE,
        Spellings,
        SpellingsError,
        load_spellings,
    )

_HOMES = {
    "cache": ("EXTRACTOR_VERSION", "cache_key", "cached_comparison"),
    "day": ("BACKGROUND_TERMS", "compare_digest"),
    "model": ("Comparison", "Figure", "FigurePair", "Mention", "Span", "Term"),
    "spellings": ("USER_FILE", "Spellings", "SpellingsError", "load_spellings"),
}
"""Each name's module, loaded when the name is first used: search needs the spellings table
without the extraction and matching code (and rapidfuzz) that comparing a day loads."""

_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULE_OF[name]}"), name)


__all__ = [
    "BACKGROUND_TERMS",
    "EXTRACTOR_VERSION",
    "USER_FILE",
    "cache_key",
    "cached_comparison",
    "Comparison",
    "Figure",
    "FigurePair",
    "Mention",
    "Span",
    "Spellings",
    "SpellingsError",
    "Term",
    "compare_digest",
    "load_spellings",
]

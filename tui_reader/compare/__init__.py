"""Where the two accounts of a day meet and differ: the names and figures of each side, matched
across spellings. Pure functions over a `Digest`; no UI and no SQL.

- `model`: the results (spans for highlighting, terms, figures, pairs);
- `spellings`: the table of known names and spellings (shipped, extended by the user);
- `names`, `figures`: extraction from one text;  `matching`: which names are the same thing;
- `day`: one day compared;  `cache`: the comparison kept in the store.
"""

from __future__ import annotations

from tui_reader.compare.cache import EXTRACTOR_VERSION, cache_key, cached_comparison
from tui_reader.compare.day import BACKGROUND_TERMS, compare_digest
from tui_reader.compare.model import Comparison, Figure, FigurePair, Mention, Span, Term
from tui_reader.compare.spellings import USER_FILE, Spellings, SpellingsError, load_spellings

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

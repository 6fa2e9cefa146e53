"""A day's comparison from the store's cache, or made and kept there. The key holds the
extractor's version, the spellings table's fingerprint and a hash of the digest's text, so a
reparse that changes the text, a new table or a new extractor each compare the day again."""

from __future__ import annotations

import hashlib
import json
from typing import Protocol

from tui_reader.compare.day import compare_digest
from tui_reader.compare.model import Comparison
from tui_reader.compare.spellings import Spellings
from tui_reader.model import Digest

EXTRACTOR_VERSION = 1
"""Raise it whenever extraction or matching changes what a day gives: cached results go."""


class ComparisonCache(Protocol):
    """What the store offers (tui_reader.store.compare)."""

    def cached_comparison(self, day: int, key: str) -> str | None: ...

    def save_comparison(self, day: int, key: str, result: str) -> None: ...


def cache_key(digest: Digest, spellings: Spellings) -> str:
    """`v1:<table>:<text>`: changes when anything that shapes the comparison changes."""
    text = json.dumps(
        [
            digest.kind.value,
            [[p.side, p.headline, list(p.paragraphs)] for p in digest.perspectives],
            [[s.heading, list(s.paragraphs)] for s in digest.sections],
        ],
        ensure_ascii=False,
    )
    digest_hash = hashlib.sha256(text.encode()).hexdigest()[:16]
    return f"v{EXTRACTOR_VERSION}:{spellings.fingerprint}:{digest_hash}"


def cached_comparison(store: ComparisonCache, digest: Digest, spellings: Spellings) -> Comparison:
    """The comparison of `digest`: from the cache when its key still fits, else made and kept."""
    key = cache_key(digest, spellings)
    kept = store.cached_comparison(digest.day, key)
    if kept is not None:
        try:
            return Comparison.from_dict(json.loads(kept))
        except (ValueError, KeyError, TypeError):
            pass  # a damaged entry is simply made again
    comparison = compare_digest(digest, spellings)
    store.save_comparison(digest.day, key, json.dumps(comparison.to_dict(), ensure_ascii=False))
    return comparison

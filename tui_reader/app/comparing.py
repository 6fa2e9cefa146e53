"""Compare mode's work for the reader: loaded the first time compare mode is turned on (with the
compare package and rapidfuzz), never at start-up.

A day is compared on the screen's thread, since that is quick: read back from the store's cache
(0.1 ms) or made (1-7 ms). Keeping a new comparison in the cache is a write, which could wait for
another warday's write lock, so a thread of its own does it on a connection of its own.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tui_reader.app.widgets.compare_strip import StripItem, StripLine
from tui_reader.compare import USER_FILE, Comparison, Spellings, Term, cached_comparison
from tui_reader.compare import load_spellings as load_table
from tui_reader.compare.highlights import FIGURE, SHARED, to_highlight
from tui_reader.compare.model import SIDES
from tui_reader.model import Digest, Kind
from tui_reader.store import Store, StoreError

BUSY_SECONDS = 0.5
"""How long keeping a comparison waits for another warday's write lock before giving up (the
day is simply compared again next time)."""

_WORDS = re.compile(r"\w+")


class Comparer:
    """Compares the days the reader shows, through the store's cache."""

    def __init__(self, store: Store, spellings: Spellings) -> None:
        self.store = store
        self.spellings = spellings
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="warday-compare")
        self._connection: Store | None = None
        """The writer thread's own connection, opened by its first write."""

    @classmethod
    def load(cls, store: Store, config_dir: Path | None) -> Comparer:
        """A comparer with warday's spellings and the user's, in `config_dir` (SpellingsError
        if theirs is bad)."""
        return cls(store, load_table(config_dir / USER_FILE if config_dir else None))

    def compare(self, digest: Digest) -> Comparison:
        return cached_comparison(self, digest, self.spellings)

    def close(self) -> None:
        """Stop once the comparisons waiting to be kept are kept (or given up)."""
        self._writer.submit(self._close_connection)
        self._writer.shutdown(wait=False)

    # -- the cache: read here, written by the writer thread ------------------------------------

    def cached_comparison(self, day: int, key: str) -> str | None:
        try:
            return self.store.cached_comparison(day, key)
        except StoreError:
            return None

    def save_comparison(self, day: int, key: str, result: str) -> None:
        if not self.store.read_only:
            self._writer.submit(self._save, day, key, result)

    def _save(self, day: int, key: str, result: str) -> None:
        try:
            if self._connection is None:
                self._connection = Store(self.store.path, busy_seconds=BUSY_SECONDS)
            self._connection.save_comparison(day, key, result)
        except StoreError:
            pass  # not kept: the day is compared again the next time it is shown

    def _close_connection(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def strip_line(comparison: Comparison, digest: Digest) -> StripLine:
    """What the strip lists for a day: the figures both sides count, then the names both sides
    give, then how many names only one side gives."""
    if digest.kind is Kind.BULLETIN:
        return StripLine("2022 bulletin:", (), "one Reuters account, nothing to compare")
    missing = [side for side in SIDES if side not in digest.sides]
    if missing:
        return StripLine(f"No {missing[0].capitalize()} side:", (), "nothing to compare")
    pairs = [
        StripItem(
            pair.label(),
            FIGURE,
            spans=tuple(
                to_highlight(figure.span, digest, FIGURE)
                for figure in (*pair.western, *pair.russian)
            ),
        )
        for pair in comparison.pairs
    ]
    names = [
        StripItem(term_label(term), SHARED, search=search_text(term))
        for term in comparison.shared
        if not term.background
    ]
    west = sum(not term.background for term in comparison.western_only)
    east = sum(not term.background for term in comparison.russian_only)
    title = "Both sides:" if pairs or names else "Both sides: nothing in common"
    return StripLine(title, (*pairs, *names), f"one side only: {west} W, {east} R")


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def term_label(term: Term) -> str:
    """The shortest spelling of a name the sides agree on (`Putin`, `Kursk` beside `Kursk
    Region`, `US` beside `U.S.`), or `Kyiv/Kiev` when they spell it differently."""
    west, east = term.western[0], term.russian[0]
    west_words, east_words = set(_words(west)), set(_words(east))
    if (
        "".join(_words(west)) == "".join(_words(east))
        or west_words <= east_words
        or (east_words <= west_words)
    ):
        return min((*term.western, *term.russian), key=len)
    return f"{west}/{east}"


def search_text(term: Term) -> str:
    """A search for the name in every spelling of the day (`Kyiv OR Kiev`); a spelling that
    holds a shorter one (`Kursk Region`, `Vladimir Putin` beside `Putin`) is left to it."""
    spellings = list(dict.fromkeys((*term.western, *term.russian, term.term)))
    kept = [
        spelling
        for spelling in spellings
        if not any(
            other != spelling and set(_words(other)) < set(_words(spelling)) for other in spellings
        )
    ]
    return " OR ".join(_quoted(spelling) for spelling in kept if _words(spelling))


def _quoted(spelling: str) -> str:
    """A one-word spelling as it is; anything else as a quoted phrase."""
    words = _words(spelling)
    if len(words) == 1 and words[0] == spelling.casefold():
        return spelling
    return '"' + " ".join(words) + '"'

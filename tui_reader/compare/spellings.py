"""The table of known names and their spellings: shipped with warday (spellings.toml beside this
module), extended by the user's spellings.toml in the config directory."""

from __future__ import annotations

import functools
import hashlib
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui_reader.config import ConfigError

if TYPE_CHECKING:
    from tui_reader.search.query import Query

KINDS = ("place", "person", "organisation", "unit", "weapon")
USER_FILE = "spellings.toml"
"""The user's own table, in warday's config directory."""

MIN_SEARCHED_SPELLING = 3
"""Shorter spellings are not added to a search: they are common words too."""

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})


class SpellingsError(ConfigError):
    """The user's spellings.toml cannot be used; the message names the file and the fix."""


def fold(text: str) -> str:
    """The key a spelling is looked up by: `KIEV` and `Kiev`, `U.S.` and `US`, `Kim Jong-un` and
    `Kim Jong Un`, `Türkiye` and `Turkiye` fold alike."""
    if text.isascii():
        plain = text.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(plain.replace(".", "").replace("-", " ").split())


@dataclass(frozen=True, slots=True)
class Known:
    """A known name: the term shown for it and its kind (place, person, ...)."""

    term: str
    kind: str


@dataclass(frozen=True, slots=True)
class Spellings:
    """Every known spelling, folded, with the term it stands for."""

    by_key: Mapping[str, Known]
    fingerprint: str
    """Changes whenever the shipped or the user's table changes (part of the cache key)."""
    longest: int
    """The most words a known spelling has."""

    def lookup(self, spelling: str) -> Known | None:
        return self.by_key.get(fold(spelling))

    def spellings_of(self, term: str) -> list[str]:
        """The folded spellings that stand for `term` (for tests and `warday compare`)."""
        return [key for key, known in self.by_key.items() if known.term == term]

    def other_spellings(self, word: str) -> tuple[str, tuple[str, ...]] | None:
        """The name `word` is a spelling of, and its other spellings (folded), for a search to
        find every side's: `Kiev` gives ("Kyiv", ("kyiv", "kiyv")). Spellings shorter than
        three letters are left out, since they are also common words (`US` is "us"), and so
        are those the word already finds (`Vladimir Putin` for `Putin`)."""
        known = self.lookup(word)
        if known is None:
            return None
        key = fold(word)
        others = tuple(
            spelling
            for spelling in self.spellings_of(known.term)
            if f" {key} " not in f" {spelling} " and len(spelling) >= MIN_SEARCHED_SPELLING
        )
        return (known.term, others) if others else None


def _check(table: Any, origin: str) -> dict[str, dict[str, list[str]]]:
    """The table as {kind: {term: [spellings]}}, or a plain error naming `origin`."""
    if not isinstance(table, dict):
        raise SpellingsError(f"{origin} must hold tables such as [place].")
    checked: dict[str, dict[str, list[str]]] = {}
    for kind, entries in table.items():
        if kind not in KINDS:
            raise SpellingsError(
                f"{origin}: [{kind}] is not a kind of name; use {', '.join(KINDS)}."
            )
        if not isinstance(entries, dict):
            raise SpellingsError(f'{origin}: [{kind}] must list names, like Kyiv = ["Kiev"].')
        for term, spellings in entries.items():
            if not isinstance(spellings, list) or not all(
                isinstance(spelling, str) and spelling.strip() for spelling in spellings
            ):
                raise SpellingsError(
                    f'{origin}: {term} in [{kind}] must be a list of spellings, like ["Kiev"].'
                )
            if not fold(term):
                raise SpellingsError(f"{origin}: [{kind}] has an empty name.")
        checked[kind] = {term.strip(): [s.strip() for s in entries[term]] for term in entries}
    return checked


def _merge(groups: dict[str, tuple[str, set[str]]], table: dict[str, dict[str, list[str]]]) -> None:
    """Add `table` to `groups` ({term: (kind, spellings)}). An entry whose term or spelling is
    already known joins that term, which then shows under the entry's name."""
    owner = {fold(s): term for term, (_, spellings) in groups.items() for s in (term, *spellings)}
    for kind, entries in table.items():
        for term, spellings in entries.items():
            names = {term, *spellings}
            keys = [fold(name) for name in names]
            joined = next((owner[key] for key in keys if key in owner), None)
            if joined is not None:
                _, old = groups.pop(joined)
                names |= old | {joined}
            groups[term] = (kind, names)
            for name in names:
                owner[fold(name)] = term  # includes the names joined from `joined`


def _parse(data: bytes, origin: str) -> dict[str, dict[str, list[str]]]:
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise SpellingsError(f"{origin} is not UTF-8 text; save it as UTF-8.") from None
    except tomllib.TOMLDecodeError as error:
        raise SpellingsError(
            f"{origin} is not valid TOML ({error}); fix it or move it aside."
        ) from None
    return _check(table, origin)


def shipped_table() -> bytes:
    return files("tui_reader.compare").joinpath("spellings.toml").read_bytes()


def load_spellings(user_file: Path | None = None) -> Spellings:
    """The shipped table, extended by `user_file` when it exists."""
    shipped = shipped_table()
    groups: dict[str, tuple[str, set[str]]] = {}
    _merge(groups, _parse(shipped, "warday's spellings table"))
    user = b""
    if user_file is not None and user_file.exists():
        try:
            user = user_file.read_bytes()
        except OSError as error:
            raise SpellingsError(f"{user_file} cannot be read ({error.strerror}).") from None
        _merge(groups, _parse(user, str(user_file)))
    by_key = {
        fold(name): Known(term, kind)
        for term, (kind, names) in groups.items()
        for name in sorted(names | {term})
    }
    digest = hashlib.sha256(shipped + b"\0" + user).hexdigest()[:16]
    longest = max(len(key.split()) for key in by_key)
    return Spellings(by_key, digest, longest)


def spellings_for_search(user_file: Path) -> Spellings:
    """The table for searching: loaded once, and again when the user's file changes. Raises
    SpellingsError like `load_spellings`."""
    try:
        status = user_file.stat()
        stamp: tuple[int, int] | None = (status.st_mtime_ns, status.st_size)
    except OSError:
        stamp = None
    return _loaded(user_file, stamp)


@functools.lru_cache(maxsize=2)
def _loaded(user_file: Path, stamp: tuple[int, int] | None) -> Spellings:
    return load_spellings(user_file)


def every_spelling(query: Query, user_file: Path | None) -> Query:
    """`query` finding the known names it holds in every spelling; as typed when the table
    cannot be loaded (compare mode says why)."""
    spellings = load_for_search(user_file)
    return query if spellings is None else query.with_spellings(spellings.other_spellings)


def load_for_search(user_file: Path | None) -> Spellings | None:
    """The table for searching (see `spellings_for_search`), or None if it cannot be loaded."""
    if user_file is None:
        return None
    try:
        return spellings_for_search(user_file)
    except SpellingsError:
        return None

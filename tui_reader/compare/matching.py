"""Which names of a day are the same thing: the spellings table first, then the day itself
(`Kim` after `Kim Jong Un`), then fuzzy matching across the sides for names the table lacks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz

from tui_reader.compare.spellings import fold

FUZZY_SCORE = 85.0
"""How alike (0-100) two transliteration keys must be to count as one name."""
FUZZY_MIN_LENGTH = 5

_TRANSLITERATION = (
    (re.compile(r"(?:oye|oe|iye)\b"), "e"),
    (re.compile(r"shch|sch"), "w"),
    (re.compile(r"kh"), "x"),
    (re.compile(r"zh"), "j"),
    (re.compile(r"sh"), "w"),
    (re.compile(r"ch"), "c"),
    (re.compile(r"ts"), "c"),
    (re.compile(r"h"), "g"),
    (re.compile(r"yi|iy|ii|yy"), "i"),
    (re.compile(r"ye|ie"), "e"),
    (re.compile(r"yo"), "o"),
    (re.compile(r"y"), "i"),
    (re.compile(r"['\s]"), ""),
)


def transliteration_key(name: str) -> str:
    """`Horlivka` and `Gorlovka`, `Urozhaine` and `Urozhaynoye` come out close: Ukrainian h is
    Russian g, -oye endings drop, y/i/ii/iy and ye/e fold together."""
    key = fold(name)
    for pattern, replacement in _TRANSLITERATION:
        key = pattern.sub(replacement, key)
    return key


def link_short_forms(names: Iterable[str]) -> dict[str, str]:
    """A one-word name that is the first or last word of a longer name of the same day stands
    for it (`Kim` for `Kim Jong Un`, `Syrskyi` for `Oleksandr Syrskyi`), when only one fits."""
    names = set(names)
    longer: dict[str, set[str]] = {}
    for name in names:
        words = name.split()
        if len(words) > 1:
            longer.setdefault(words[0], set()).add(name)
            longer.setdefault(words[-1], set()).add(name)
    return {
        name: next(iter(longer[name]))
        for name in names
        if " " not in name and len(longer.get(name, ())) == 1
    }


def fuzzy_pairs(
    western: Mapping[str, str], russian: Mapping[str, str], known: set[str]
) -> dict[str, str]:
    """Russian-side terms that are a Western term spelled another way: {russian: western}.

    `western` and `russian` map each side's terms to their kind; only terms one side names
    and the other does not are tried, at least one of each pair unknown to the table
    (two different table terms are two different things)."""
    west_only = {t: k for t, k in western.items() if t not in russian}
    east_only = {t: k for t, k in russian.items() if t not in western}
    scored: list[tuple[float, str, str]] = []
    for east, east_kind in east_only.items():
        east_key = transliteration_key(east)
        if len(east_key) < FUZZY_MIN_LENGTH:
            continue
        for west, west_kind in west_only.items():
            if east in known and west in known:
                continue
            if "name" not in (east_kind, west_kind) and east_kind != west_kind:
                continue
            west_key = transliteration_key(west)
            if len(west_key) < FUZZY_MIN_LENGTH:
                continue
            score = fuzz.ratio(east_key, west_key)
            if score >= FUZZY_SCORE:
                scored.append((score, east, west))
    matched: dict[str, str] = {}
    for _, east, west in sorted(scored, reverse=True):
        if east not in matched and west not in matched.values():
            matched[east] = west
    return matched

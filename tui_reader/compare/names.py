"""Names in one text, by capitalisation and the spellings table.

A run of capitalised words (joined by single spaces, or by `of`, `von`...) is cut into names:
the longest known spelling wins, titles (`Prime Minister`) and demonyms (`Russian`) are dropped,
what is left is a name warday does not know yet. A possessive `'s` is not part of the name;
`Kursk Region` and `Donetsk People's Republic` are the place. A lone unknown word that only
opens a sentence is kept as `weak`: the day as a whole decides whether it is a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui_reader.compare.spellings import Known, Spellings, fold
from tui_reader.compare.words import (
    COMPOUND_TAILS,
    CONNECTORS,
    DEMONYMS,
    NOT_NAMES,
    OPENERS,
    PLACE_SUFFIXES,
    TITLE_HEADS,
    TITLE_WORDS,
    words,
)

TOKEN = re.compile(r"(?:[A-Z]\.){2,}|(?:St|Mt|Ft)\.|[^\W_](?:[\w'’-]*[^\W_])?")
SENTENCE_BREAK = re.compile(r"[.!?:;“\"‘(\[–—]|^\s*-\s")
PLACE_CUES = words("""village villages settlement settlements town towns city cities region
    district near in outside towards toward around of""")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name found in a text: its offsets, the text as written, and what the table knows."""

    start: int
    end: int
    text: str
    known: Known | None
    kind: str
    weak: bool = False
    """A lone unknown word opening a sentence: a name only if the day confirms it."""


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    """End of the word without a possessive `'s` or an adjective tail (`US` of `US-supplied`)."""
    text: str
    closes: bool
    """The run of capitalised words ends here (a possessive, or an adjective like US-supplied)."""
    opens_sentence: bool

    @property
    def word(self) -> str:
        return self.text.casefold().replace("’", "'")


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end = 0
    for match in TOKEN.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        closes = False
        if word[-2:] in ("'s", "’s") and word.casefold() not in ("people's", "people’s"):
            word, end, closes = word[:-2], end - 2, True
        head, _, tail = word.rpartition("-")
        if head and tail.islower() and tail in COMPOUND_TAILS:
            word, end, closes = head, start + len(head), True
        gap = text[previous_end:start]
        opens = not tokens or bool(SENTENCE_BREAK.search(gap))
        tokens.append(_Token(start, end, word, closes, opens))
        previous_end = match.end()
    return tokens


ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _capital(token: _Token) -> bool:
    return token.text[:1].isupper()


def _opens_run(text: str, tokens: list[_Token], index: int) -> bool:
    """A capitalised word, or an ordinal before one (`3rd Assault Brigade`)."""
    if _capital(tokens[index]):
        return True
    return (
        ORDINAL.fullmatch(tokens[index].text) is not None
        and index + 1 < len(tokens)
        and text[tokens[index].end : tokens[index + 1].start] == " "
        and _capital(tokens[index + 1])
    )


def _runs(text: str, tokens: list[_Token]) -> list[tuple[int, int]]:
    """(first, last) token indexes of each run of capitalised words."""
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(tokens):
        if not _opens_run(text, tokens, index):
            index += 1
            continue
        last = index
        while not tokens[last].closes and last + 1 < len(tokens):
            following = tokens[last + 1]
            if text[tokens[last].end : following.start] != " ":
                break
            if _capital(following):
                last += 1
                continue
            if (
                following.word in CONNECTORS
                and last + 2 < len(tokens)
                and text[following.end : tokens[last + 2].start] == " "
                and _capital(tokens[last + 2])
                and tokens[last + 2].word not in DEMONYMS
            ):
                last += 2
                continue
            break
        runs.append((index, last))
        index = last + 1
    return runs


def _demonym_length(tokens: list[_Token], at: int, last: int) -> int:
    """How many tokens from `at` make a demonym (`North Korean` is 2), or 0."""
    if at + 1 <= last and f"{tokens[at].word} {tokens[at + 1].word}" in DEMONYMS:
        return 2
    return 1 if tokens[at].word in DEMONYMS else 0


def _title_length(tokens: list[_Token], at: int, last: int) -> int:
    """How many tokens from `at` make a title ending in a head word (`Deputy Foreign Minister`)."""
    end = at
    while end <= last and tokens[end].word in TITLE_WORDS:
        end += 1
    while end > at and tokens[end - 1].word not in TITLE_HEADS:
        end -= 1
    return end - at


def _known_length(
    text: str, tokens: list[_Token], at: int, last: int, spellings: Spellings
) -> tuple[int, Known | None]:
    """The longest known spelling starting at `at`: its token count and what it is."""
    for end in range(min(last, at + spellings.longest - 1), at - 1, -1):
        known = spellings.lookup(text[tokens[at].start : tokens[end].end])
        if known is not None:
            return end - at + 1, known
    return 0, None


def _suffix_length(tokens: list[_Token], at: int, last: int) -> int:
    """How many tokens from `at` are a place suffix (`Region`, `People's Republic`)."""
    for suffix in PLACE_SUFFIXES:
        words = tuple(token.word for token in tokens[at : at + len(suffix)])
        if at + len(suffix) - 1 <= last and words == suffix:
            return len(suffix)
    return 0


def find_names(text: str, spellings: Spellings) -> list[Candidate]:
    """Every name in `text`, in order."""
    tokens = _tokens(text)
    found: list[Candidate] = []
    for first, last in _runs(text, tokens):
        found += _run_names(text, tokens, first, last, spellings)
    return found


def _run_names(
    text: str, tokens: list[_Token], first: int, last: int, spellings: Spellings
) -> list[Candidate]:
    """The names in one run of capitalised words, tokens `first` to `last`."""
    found: list[Candidate] = []
    chunk: list[int] = []
    titled = first > 0 and tokens[first - 1].word in TITLE_HEADS

    def flush() -> None:
        while chunk and tokens[chunk[-1]].word in CONNECTORS:
            chunk.pop()
        while chunk and tokens[chunk[0]].word in CONNECTORS:
            chunk.pop(0)
        if chunk:
            found.append(_unknown(text, tokens, chunk, titled))
        chunk.clear()

    at = first
    while at <= last:
        token = tokens[at]
        length, known = _known_length(text, tokens, at, last, spellings)
        if known is not None:
            flush()
            end = at + length
            if known.kind == "place":
                end += _suffix_length(tokens, end, last)
            span = text[token.start : tokens[end - 1].end]
            found.append(Candidate(token.start, tokens[end - 1].end, span, known, known.kind))
            at, titled = end, False
            continue
        skip = _demonym_length(tokens, at, last) or _title_length(tokens, at, last)
        if skip or token.word in NOT_NAMES:
            flush()
            titled = bool(skip) and tokens[at + skip - 1].word in TITLE_HEADS
            at += skip or 1
            continue
        if at == first and token.opens_sentence and token.word in OPENERS:
            at += 1
            continue
        chunk.append(at)
        at += 1
    flush()
    return found


def _unknown(text: str, tokens: list[_Token], chunk: list[int], titled: bool) -> Candidate:
    first, last = tokens[chunk[0]], tokens[chunk[-1]]
    core = last.end
    kind = "person" if titled else "name"
    suffix = len(chunk) > 1 and _suffix_length(tokens, chunk[-1], chunk[-1]) == 1
    if suffix or chunk[0] > 0 and tokens[chunk[0] - 1].word in PLACE_CUES and not titled:
        kind = "place"
    spelling = text[first.start : core]
    weak = (
        len(chunk) == 1 and first.opens_sentence and not (spelling.isupper() and len(spelling) > 1)
    )
    return Candidate(first.start, core, spelling, None, kind, weak)


def base_name(candidate: Candidate) -> str:
    """The place a spelling names without its suffix: `Marinka Region` is Marinka."""
    words = candidate.text.split()
    for suffix in PLACE_SUFFIXES:
        if len(words) > len(suffix) and tuple(fold(w) for w in words[-len(suffix) :]) == suffix:
            return " ".join(words[: -len(suffix)])
    return candidate.text

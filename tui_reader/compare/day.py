"""Comparing one day: the names and figures of each side, matched into terms and pairs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from tui_reader.compare.figures import ANY_OWNER_KINDS, UNPAIRED_KINDS, find_figures
from tui_reader.compare.matching import fuzzy_pairs, link_short_forms
from tui_reader.compare.model import (
    SIDES,
    Comparison,
    Figure,
    FigurePair,
    Mention,
    Span,
    Term,
)
from tui_reader.compare.names import Candidate, base_name, find_names
from tui_reader.compare.passages import Passage, passages
from tui_reader.compare.spellings import Spellings
from tui_reader.model import Digest

BACKGROUND_TERMS = frozenset({"Russia", "Ukraine"})
"""The war's two parties: named in nearly every paragraph of both sides, so they are listed
last and left unhighlighted unless asked for."""


@dataclass(slots=True)
class _Found:
    passage: Passage
    candidate: Candidate
    term: str
    kind: str


def compare_digest(digest: Digest, spellings: Spellings) -> Comparison:
    """Every name and figure of `digest`, each side's, matched across the sides."""
    found: list[_Found] = []
    for passage in passages(digest):
        for candidate in find_names(passage.text, spellings):
            if candidate.known is not None:
                term, kind = candidate.known.term, candidate.known.kind
            else:
                term, kind = base_name(candidate), candidate.kind
            found.append(_Found(passage, candidate, term, kind))
    found = _confirm_weak(found)
    _resolve_terms(found, spellings)
    mentions = tuple(
        Mention(
            f.candidate.text,
            f.term,
            f.kind,
            Span(
                f.passage.side,
                f.passage.story,
                f.passage.paragraph,
                f.candidate.start,
                f.candidate.end,
            ),
        )
        for f in found
    )
    figures = tuple(_figures(digest, mentions))
    return Comparison(
        day=digest.day,
        kind=digest.kind.value,
        mentions=mentions,
        figures=figures,
        terms=_terms(mentions),
        pairs=_pairs(figures),
    )


def _confirm_weak(found: list[_Found]) -> list[_Found]:
    """Keep a lone word that opens a sentence only if the day names it elsewhere, or it is a
    word of a longer name of the day (`Kim clinched...` after `Kim Jong Un`)."""
    confirmed = {f.candidate.text for f in found if not f.candidate.weak}
    words = {word for name in confirmed for word in name.split()}
    return [f for f in found if not f.candidate.weak or f.candidate.text in confirmed | words]


def _resolve_terms(found: list[_Found], spellings: Spellings) -> None:
    """Short forms to their long names, then fuzzy matches across the sides."""
    unknown = [f for f in found if f.candidate.known is None]
    short = link_short_forms({f.term for f in found})
    kinds = {f.term: f.kind for f in found}
    for f in unknown:
        if f.term in short:
            f.term = short[f.term]
            f.kind = kinds[f.term]
    by_side: dict[str, dict[str, str]] = {side: {} for side in SIDES}
    for f in found:
        by_side[f.passage.side].setdefault(f.term, f.kind)
    known = {f.term for f in found if f.candidate.known is not None}
    matched = fuzzy_pairs(by_side["western"], by_side["russian"], known)
    for f in found:
        if f.passage.side == "russian" and f.term in matched:
            west = matched[f.term]
            f.term, f.kind = west, by_side["western"][west]


def _terms(mentions: tuple[Mention, ...]) -> tuple[Term, ...]:
    """One term per thing named, each side's spellings in order of first use; the background
    terms last."""
    spellings: dict[str, dict[str, dict[str, None]]] = defaultdict(
        lambda: {side: {} for side in SIDES}
    )
    kinds: dict[str, str] = {}
    for mention in mentions:
        spellings[mention.term][mention.span.side].setdefault(mention.text, None)
        if kinds.get(mention.term, "name") == "name":
            kinds[mention.term] = mention.kind
    terms = [
        Term(
            term,
            kinds[term],
            tuple(sides["western"]),
            tuple(sides["russian"]),
            term in BACKGROUND_TERMS,
        )
        for term, sides in spellings.items()
    ]
    return tuple(sorted(terms, key=lambda term: term.background))


def _figures(digest: Digest, mentions: tuple[Mention, ...]) -> list[Figure]:
    places: dict[tuple[str, int, int | None], list[tuple[int, int, str]]] = defaultdict(list)
    for mention in mentions:
        span = mention.span
        places[(span.side, span.story, span.paragraph)].append((span.start, span.end, mention.term))
    figures: list[Figure] = []
    for passage in passages(digest):
        where = (passage.side, passage.story, passage.paragraph)
        for found in find_figures(passage.text, places.get(where, ())):
            figures.append(
                Figure(
                    side=passage.side,
                    value=found.value,
                    unit=found.unit,
                    kind=found.kind,
                    text=passage.text[found.start : found.end],
                    span=Span(*where, found.start, found.end),
                    qualifier=found.qualifier,
                    approx=found.approx,
                    owner=found.owner,
                )
            )
    return figures


def _pairs(figures: tuple[Figure, ...]) -> tuple[FigurePair, ...]:
    """Figures of the same kind and owner that both sides give (territory and money: any owner)."""
    groups: dict[tuple[str, str | None], dict[str, list[Figure]]] = defaultdict(
        lambda: {side: [] for side in SIDES}
    )
    for figure in figures:
        if figure.kind not in UNPAIRED_KINDS:
            owner = None if figure.kind in ANY_OWNER_KINDS else figure.owner
            groups[(figure.kind, owner)][figure.side].append(figure)
    return tuple(
        FigurePair(kind, owner, tuple(sides["western"]), tuple(sides["russian"]))
        for (kind, owner), sides in groups.items()
        if sides["western"] and sides["russian"]
    )

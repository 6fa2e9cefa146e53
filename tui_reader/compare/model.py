"""What comparing a day gives: where each name and figure sits, the terms both sides name, the
figures both sides give for the same kind of thing. Plain values, ready for JSON and the cache."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SIDES = ("western", "russian")


@dataclass(frozen=True, slots=True)
class Span:
    """Where a piece of text sits in a digest, as stored.

    For a perspectives digest, `story` indexes `digest.stories(side)` and `paragraph` that
    story's paragraphs (None for its headline). For a bulletin (one Reuters account, so side
    "western"), `story` indexes `digest.sections` and `paragraph` the section's paragraphs.
    `start` and `end` are character offsets into that text.
    """

    side: str
    story: int
    paragraph: int | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One name as written at one place, and the term it counts for."""

    text: str
    term: str
    kind: str
    span: Span


@dataclass(frozen=True, slots=True)
class Figure:
    """A number with what it counts: `more than 300 troops` is 300, unit troops, kind troops."""

    side: str
    value: float
    unit: str
    kind: str
    text: str
    span: Span
    qualifier: str | None = None
    approx: bool = False
    owner: str | None = None
    """The country whose side the sentence puts the figure on (`Ukrainian drones`), if any."""

    @property
    def number(self) -> int | float:
        """The value as an int when it is whole."""
        return int(self.value) if float(self.value).is_integer() else self.value

    @property
    def amount(self) -> str:
        """The figure as a reader would say it: `300`, `10,000`, `2.5 billion`, `tens of
        thousands`."""
        if self.approx:
            return self.text.rsplit(" of ", 1)[0]
        for scale, word in ((1e9, "billion"), (1e6, "million")):
            if self.value >= scale:
                return f"{self.value / scale:g} {word}"
        number = self.number
        return f"{number:,}" if isinstance(number, int) else f"{number:,.1f}"


@dataclass(frozen=True, slots=True)
class Term:
    """One thing named on a day, with every spelling each side used for it."""

    term: str
    kind: str
    western: tuple[str, ...]
    russian: tuple[str, ...]
    background: bool = False
    """Russia and Ukraine: named everywhere, so listed last and not highlighted by default."""

    @property
    def shared(self) -> bool:
        return bool(self.western and self.russian)


@dataclass(frozen=True, slots=True)
class FigurePair:
    """Both sides' figures for the same kind of thing (and the same owner): `drones 14 W / 27 R`."""

    kind: str
    owner: str | None
    western: tuple[Figure, ...]
    russian: tuple[Figure, ...]

    def label(self) -> str:
        """`drones: 14 W / 27 R`."""
        west = ", ".join(dict.fromkeys(figure.amount for figure in self.western))
        east = ", ".join(dict.fromkeys(figure.amount for figure in self.russian))
        return f"{self.kind}: {west} W / {east} R"


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything compare finds in one day's digest."""

    day: int
    kind: str
    mentions: tuple[Mention, ...]
    figures: tuple[Figure, ...]
    terms: tuple[Term, ...]
    pairs: tuple[FigurePair, ...]

    @property
    def shared(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if term.shared)

    @property
    def western_only(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if term.western and not term.russian)

    @property
    def russian_only(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if term.russian and not term.western)

    def role(self, term: str) -> str:
        """How the reader marks a term: `shared`, `only` (one side names it) or `background`
        (Russia and Ukraine, named everywhere)."""
        found = self.term(term)
        if found is None or found.background:
            return "background"
        return "shared" if found.shared else "only"

    def mentions_on(self, side: str) -> tuple[Mention, ...]:
        """The names `side` uses, in its own text order."""
        return tuple(mention for mention in self.mentions if mention.span.side == side)

    def term(self, name: str) -> Term | None:
        """The term called `name`, if the day names it."""
        return next((term for term in self.terms if term.term == name), None)

    def unpaired(self) -> tuple[Figure, ...]:
        """Figures no pair holds."""
        paired = {id(f) for pair in self.pairs for f in (*pair.western, *pair.russian)}
        return tuple(figure for figure in self.figures if id(figure) not in paired)

    def to_dict(self) -> dict[str, Any]:
        """Everything, spans included, as JSON-ready values (the cache's format)."""
        return {
            "day": self.day,
            "kind": self.kind,
            "mentions": [[m.text, m.term, m.kind, *_span_list(m.span)] for m in self.mentions],
            "figures": [_figure_dict(figure) for figure in self.figures],
            "terms": [
                [t.term, t.kind, list(t.western), list(t.russian), t.background] for t in self.terms
            ],
            "pairs": [
                [
                    pair.kind,
                    pair.owner,
                    [self.figures.index(f) for f in pair.western],
                    [self.figures.index(f) for f in pair.russian],
                ]
                for pair in self.pairs
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Comparison:
        figures = tuple(_figure_from_dict(item) for item in data["figures"])
        return cls(
            day=int(data["day"]),
            kind=str(data["kind"]),
            mentions=tuple(
                Mention(text, term, kind, Span(*span))
                for text, term, kind, *span in data["mentions"]
            ),
            figures=figures,
            terms=tuple(
                Term(term, kind, tuple(west), tuple(east), bool(background))
                for term, kind, west, east, background in data["terms"]
            ),
            pairs=tuple(
                FigurePair(
                    kind, owner, tuple(figures[i] for i in west), tuple(figures[i] for i in east)
                )
                for kind, owner, west, east in data["pairs"]
            ),
        )


def _span_list(span: Span) -> list[Any]:
    return [span.side, span.story, span.paragraph, span.start, span.end]


def _figure_dict(figure: Figure) -> dict[str, Any]:
    return {
        "side": figure.side,
        "value": figure.value,
        "unit": figure.unit,
        "kind": figure.kind,
        "text": figure.text,
        "span": _span_list(figure.span)[1:],
        "qualifier": figure.qualifier,
        "approx": figure.approx,
        "owner": figure.owner,
    }


def _figure_from_dict(data: dict[str, Any]) -> Figure:
    return Figure(
        side=data["side"],
        value=float(data["value"]),
        unit=data["unit"],
        kind=data["kind"],
        text=data["text"],
        span=Span(data["side"], *data["span"]),
        qualifier=data["qualifier"],
        approx=bool(data["approx"]),
        owner=data["owner"],
    )

"""The digest as immutable values, and the day number <-> war date arithmetic."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

WAR_START = date(2022, 2, 24)
"""Day 1 of the war."""

SIDE_SOURCES = {"western": "Reuters", "russian": "RT/TASS"}
"""Where each side's stories usually come from, shown beside the side's name."""

HEADLINE_LENGTH = 300
"""Longest headline kept for the day list (every day's are loaded at start-up): a longer one,
such as a bulletin's lead, is cut with an ellipsis."""


def war_date(day: int) -> date:
    """The calendar date of war day `day` (Day 1 is 24 February 2022)."""
    return WAR_START + timedelta(days=day - 1)


def day_number(when: date) -> int:
    """The war day number of calendar date `when`."""
    return (when - WAR_START).days + 1


class Kind(StrEnum):
    """The two formats the site has used for the digest."""

    PERSPECTIVES = "perspectives"
    BULLETIN = "bulletin"


@dataclass(frozen=True, slots=True)
class Perspective:
    """One side's story: a headline and its paragraphs."""

    side: str
    headline: str
    paragraphs: tuple[str, ...]

    @property
    def source(self) -> str | None:
        """The usual source of this side's stories, if known."""
        return SIDE_SOURCES.get(self.side)


@dataclass(frozen=True, slots=True)
class Section:
    """A bulletin topic: an optional ALL-CAPS heading and its items."""

    heading: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SiteVotes:
    """The site's own star widget: number of votes and their average (0-5)."""

    count: int
    average: float | None


@dataclass(frozen=True, slots=True)
class Digest:
    """One day's digest as published."""

    day: int
    title: str
    kind: Kind
    published: datetime | None = None
    url: str | None = None
    item_id: int | None = None
    perspectives: tuple[Perspective, ...] = ()
    sections: tuple[Section, ...] = ()
    attribution: str | None = None
    site_votes: SiteVotes | None = None

    @property
    def war_date(self) -> date:
        return war_date(self.day)

    @property
    def sides(self) -> tuple[str, ...]:
        """The sides present, in page order, each once."""
        return tuple(dict.fromkeys(p.side for p in self.perspectives))

    def stories(self, side: str) -> tuple[Perspective, ...]:
        """Every story of `side`, in page order."""
        return tuple(p for p in self.perspectives if p.side == side)

    def headlines(self) -> dict[str, str]:
        """One headline per side (the first story's), or the lead for a bulletin; each cut to
        HEADLINE_LENGTH."""
        if self.kind is Kind.BULLETIN:
            lead = next((s.paragraphs[0] for s in self.sections if s.paragraphs), "")
            return {"bulletin": _cut(lead)}
        found: dict[str, str] = {}
        for story in self.perspectives:
            found.setdefault(story.side, _cut(story.headline))
        return found


def _cut(text: str) -> str:
    return text if len(text) <= HEADLINE_LENGTH else text[: HEADLINE_LENGTH - 1] + "…"


@dataclass(frozen=True, slots=True)
class RawPage:
    """The original a digest was read from, kept so it can be parsed again offline."""

    content: bytes
    format: str  # "text" or "html"
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class DayEntry:
    """What the day list shows of a stored digest: no bodies."""

    day: int
    published: datetime | None
    kind: Kind
    headlines: dict[str, str] = field(hash=False)
    rating: int | None
    read: bool
    sample: bool = False
    site_votes: SiteVotes | None = None

    @property
    def war_date(self) -> date:
        return war_date(self.day)

"""Digest <-> JSON-ready dicts, in the export schema `warday.digest/1`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tui_reader.model import Digest, Kind, Perspective, Section, SiteVotes

SCHEMA = "warday.digest/1"


def digest_to_dict(digest: Digest, rating: int | None = None) -> dict[str, Any]:
    """The export object of `digest`, with the reader's own `rating`."""
    return {
        "schema": SCHEMA,
        "day": digest.day,
        "war_date": digest.war_date.isoformat(),
        "published": digest.published.isoformat() if digest.published else None,
        "title": digest.title,
        "url": digest.url,
        "item_id": digest.item_id,
        "kind": digest.kind.value,
        "perspectives": [
            {"side": p.side, "headline": p.headline, "paragraphs": list(p.paragraphs)}
            for p in digest.perspectives
        ],
        "sections": [
            {"heading": s.heading, "paragraphs": list(s.paragraphs)} for s in digest.sections
        ],
        "attribution": digest.attribution,
        "site_votes": (
            {"count": digest.site_votes.count, "average": digest.site_votes.average}
            if digest.site_votes
            else None
        ),
        "rating": rating,
    }


def digest_from_dict(data: dict[str, Any]) -> Digest:
    """The digest held in an export object (the rating is not part of the digest)."""
    votes = data.get("site_votes")
    return Digest(
        day=int(data["day"]),
        title=data["title"],
        kind=Kind(data["kind"]),
        published=datetime.fromisoformat(data["published"]) if data.get("published") else None,
        url=data.get("url"),
        item_id=data.get("item_id"),
        perspectives=tuple(
            Perspective(p["side"], p["headline"], tuple(p["paragraphs"]))
            for p in data.get("perspectives", ())
        ),
        sections=tuple(
            Section(s.get("heading"), tuple(s["paragraphs"])) for s in data.get("sections", ())
        ),
        attribution=data.get("attribution"),
        site_votes=SiteVotes(int(votes["count"]), votes.get("average")) if votes else None,
    )

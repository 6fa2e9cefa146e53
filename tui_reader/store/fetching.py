"""What fetching remembers: listing pages with their validators, items that failed, the site's
votes on each day, and your votes waiting to be sent to the site."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from tui_reader.model import SiteVotes
from tui_reader.store.database import Database, StoreError, now


@dataclass(frozen=True, slots=True)
class CachedPage:
    """A listing or feed page as last fetched, with the validators for a conditional request."""

    url: str
    etag: str | None
    last_modified: str | None
    content: bytes


@dataclass(frozen=True, slots=True)
class FetchProblem:
    """A site item that could not be stored: `not_digest` ones are not tried again by default."""

    item_id: int
    url: str
    not_digest: bool
    reason: str


@dataclass(frozen=True, slots=True)
class QueuedVote:
    """A star rating waiting to be sent to the site as a vote."""

    item_id: int
    day: int
    url: str | None
    stars: int


class FetchBookkeeping(Database):
    """The fetcher's memory between runs."""

    def known_item_ids(self) -> set[int]:
        """Site item ids of every stored (non-sample) digest."""
        rows = self._read("SELECT item_id FROM digest WHERE item_id IS NOT NULL AND sample = 0")
        return {row[0] for row in rows}

    def cached_page(self, url: str) -> CachedPage | None:
        """The last copy of a listing or feed page, with its HTTP validators."""
        rows = self._read(
            "SELECT etag, last_modified, content FROM http_cache WHERE url = ?", (url,)
        )
        if not rows:
            return None
        etag, last_modified, content = rows[0]
        return CachedPage(url, etag, last_modified, zlib.decompress(content))

    def cache_page(self, page: CachedPage) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO http_cache (url, etag, last_modified, content, fetched_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (page.url, page.etag, page.last_modified, zlib.compress(page.content, 6), now()),
            )

    def fetch_problems(self) -> list[FetchProblem]:
        """Site items that could not be stored last time, oldest note first."""
        rows = self._read(
            "SELECT item_id, url, not_digest, reason FROM fetch_problem ORDER BY noted_at, item_id"
        )
        return [FetchProblem(row[0], row[1], bool(row[2]), row[3]) for row in rows]

    def note_fetch_problem(self, problem: FetchProblem) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO fetch_problem (item_id, url, not_digest, reason, noted_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (problem.item_id, problem.url, int(problem.not_digest), problem.reason, now()),
            )

    def clear_fetch_problems(self, item_ids: Iterable[int]) -> None:
        """Forget the problems of items read well now (one statement for them all)."""
        with self._transaction() as db:
            db.executemany(
                "DELETE FROM fetch_problem WHERE item_id = ?", [(item_id,) for item_id in item_ids]
            )

    def set_site_votes(self, day: int, votes: SiteVotes) -> None:
        """Record the site's current vote count and average for `day`."""
        with self._transaction() as db:
            row = db.execute("SELECT id, body FROM digest WHERE day = ?", (day,)).fetchone()
            if row is None:
                raise StoreError(f"Day {day} is not stored; import or fetch it first.")
            body = json.loads(row[1])
            body["site_votes"] = {"count": votes.count, "average": votes.average}
            db.execute(
                "UPDATE digest SET votes_count = ?, votes_average = ?, body = ? WHERE id = ?",
                (
                    votes.count,
                    votes.average,
                    json.dumps(body, ensure_ascii=False, sort_keys=True),
                    row[0],
                ),
            )

    def queue_vote(self, day: int, stars: int) -> QueuedVote | None:
        """Queue `stars` for the site's item of `day` (None when the day has no site item)."""
        with self._transaction() as db:
            row = db.execute(
                "SELECT item_id, url FROM digest WHERE day = ? AND sample = 0", (day,)
            ).fetchone()
            if row is None or row[0] is None:
                return None
            db.execute(
                "INSERT OR REPLACE INTO vote_queue (item_id, day, url, stars, queued_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (row[0], day, row[1], stars, now()),
            )
            return QueuedVote(row[0], day, row[1], stars)

    def pending_votes(self) -> list[QueuedVote]:
        """Votes not yet sent, oldest first."""
        rows = self._read(
            "SELECT item_id, day, url, stars FROM vote_queue WHERE sent_at IS NULL"
            " ORDER BY queued_at, item_id"
        )
        return [QueuedVote(*row) for row in rows]

    def vote_sent(self, vote: QueuedVote, answer: str) -> None:
        """Mark `vote` sent with the site's answer (a newer vote for the item stays queued)."""
        with self._transaction() as db:
            db.execute(
                "UPDATE vote_queue SET sent_at = ?, answer = ? WHERE item_id = ? AND stars = ?"
                " AND sent_at IS NULL",
                (now(), answer, vote.item_id, vote.stars),
            )

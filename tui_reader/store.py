"""The SQLite store: schema, migrations and every query warday makes (the only module with SQL)."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from tui_reader.codec import digest_from_dict, digest_to_dict
from tui_reader.model import DayEntry, Digest, Kind, SiteVotes

MIGRATIONS: tuple[str, ...] = (
    # 1: digests, their raw originals, ratings, read state and small app state.
    """
    CREATE TABLE digest (
        id INTEGER PRIMARY KEY,
        day INTEGER NOT NULL UNIQUE,
        item_id INTEGER UNIQUE,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        published TEXT,
        url TEXT,
        headlines TEXT NOT NULL,
        body TEXT NOT NULL,
        votes_count INTEGER,
        votes_average REAL,
        sample INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE raw_page (
        digest_id INTEGER PRIMARY KEY REFERENCES digest(id) ON DELETE CASCADE,
        format TEXT NOT NULL,
        origin TEXT,
        content BLOB NOT NULL,
        stored_at TEXT NOT NULL
    );
    CREATE TABLE rating (
        digest_id INTEGER PRIMARY KEY REFERENCES digest(id) ON DELETE CASCADE,
        stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
        rated_at TEXT NOT NULL
    );
    CREATE TABLE read_state (
        digest_id INTEGER PRIMARY KEY REFERENCES digest(id) ON DELETE CASCADE,
        read_at TEXT NOT NULL
    );
    CREATE TABLE app_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: fetching: listing pages with their HTTP validators, site items that failed or are not
    # digests, and votes waiting to be sent to the site.
    """
    CREATE TABLE http_cache (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        content BLOB NOT NULL,
        fetched_at TEXT NOT NULL
    );
    CREATE TABLE fetch_problem (
        item_id INTEGER PRIMARY KEY,
        url TEXT NOT NULL,
        not_digest INTEGER NOT NULL,
        reason TEXT NOT NULL,
        noted_at TEXT NOT NULL
    );
    CREATE TABLE vote_queue (
        item_id INTEGER PRIMARY KEY,
        day INTEGER NOT NULL,
        url TEXT,
        stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
        queued_at TEXT NOT NULL,
        sent_at TEXT,
        answer TEXT
    );
    """,
)


class StoreError(Exception):
    """The store cannot do what was asked; the message says why and what to do."""


class SaveOutcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class RawPage:
    """The original a digest was read from, kept so it can be parsed again offline."""

    content: bytes
    format: str  # "text" or "html"
    origin: str | None = None


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


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _plain_error(error: sqlite3.Error, path: Path) -> StoreError:
    message = str(error).lower()
    if "full" in message:
        return StoreError(f"The disk holding {path} is full; free some space and try again.")
    if "locked" in message or "busy" in message:
        return StoreError(
            f"{path} is busy in another warday that did not let go; close it and try again."
        )
    if "readonly" in message or "unable to open" in message:
        return StoreError(f"{path} cannot be written; check its permissions.")
    if "malformed" in message or "not a database" in message:
        return StoreError(
            f"{path} is damaged ({error}); move it aside and run `warday reparse` after"
            " re-importing."
        )
    return StoreError(f"The database {path} failed: {error}.")


class Store:
    """One SQLite file, safe for several warday processes at once (WAL, busy timeout)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                path, timeout=10, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=10000")
            self._migrate()
        except sqlite3.Error as error:
            raise _plain_error(error, path) from None
        except OSError as error:
            raise StoreError(f"{path.parent} cannot be created ({error.strerror}).") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        with self._transaction():
            version = self.schema_version
            if version > len(MIGRATIONS):
                raise StoreError(
                    f"{self.path} was written by a newer warday (schema {version}); upgrade warday."
                )
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in script.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version={number}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it lands, or none of it."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise _plain_error(error, self.path) from None

    def _read(self, sql: str, parameters: tuple = ()) -> list[sqlite3.Row]:
        try:
            cursor = self._db.execute(sql, parameters)
            return cursor.fetchall()
        except sqlite3.Error as error:
            raise _plain_error(error, self.path) from None

    # -- digests -------------------------------------------------------------------------

    def save(self, digest: Digest, raw: RawPage | None = None, sample: bool = False) -> SaveOutcome:
        """Add or update `digest` (keyed by item id when known, else day); ratings stay."""
        with self._transaction() as db:
            existing = self._find(db, digest)
            if existing is not None:
                digest_id, old_day, old_item_id, old_url, old_body, old_sample = existing
                if sample and not old_sample:
                    return SaveOutcome.UNCHANGED
                if digest.item_id is None and old_item_id is not None:
                    digest = replace(digest, item_id=old_item_id, url=digest.url or old_url)
            body = digest_to_dict(digest)
            for unused in ("schema", "rating"):
                body.pop(unused)
            body_json = json.dumps(body, ensure_ascii=False, sort_keys=True)
            values = (
                digest.day,
                digest.item_id,
                digest.kind.value,
                digest.title,
                digest.published.isoformat() if digest.published else None,
                digest.url,
                json.dumps(digest.headlines(), ensure_ascii=False),
                body_json,
                digest.site_votes.count if digest.site_votes else None,
                digest.site_votes.average if digest.site_votes else None,
                int(sample),
            )
            if existing is None:
                cursor = db.execute(
                    "INSERT INTO digest (day, item_id, kind, title, published, url, headlines,"
                    " body, votes_count, votes_average, sample, added_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*values, _now(), _now()),
                )
                digest_id, outcome = cursor.lastrowid, SaveOutcome.ADDED
            else:
                same = (old_day, old_body, old_sample) == (digest.day, body_json, int(sample))
                outcome = SaveOutcome.UNCHANGED if same else SaveOutcome.UPDATED
                db.execute(
                    "UPDATE digest SET day=?, item_id=?, kind=?, title=?, published=?, url=?,"
                    " headlines=?, body=?, votes_count=?, votes_average=?, sample=?, updated_at=?"
                    " WHERE id=?",
                    (*values, _now(), digest_id),
                )
            if raw is not None:
                db.execute(
                    "INSERT OR REPLACE INTO raw_page (digest_id, format, origin, content,"
                    " stored_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (digest_id, raw.format, raw.origin, zlib.compress(raw.content, 6), _now()),
                )
        return outcome

    @staticmethod
    def _find(db: sqlite3.Connection, digest: Digest) -> tuple | None:
        """The stored row `digest` replaces: same site item, else same day."""
        columns = "SELECT id, day, item_id, url, body, sample FROM digest"
        if digest.item_id is not None:
            row = db.execute(f"{columns} WHERE item_id = ?", (digest.item_id,)).fetchone()
            if row:
                return row
        row = db.execute(f"{columns} WHERE day = ?", (digest.day,)).fetchone()
        if row and None not in (row[2], digest.item_id) and row[2] != digest.item_id:
            raise StoreError(
                f"Day {digest.day} is already stored as site item {row[2]}, not {digest.item_id}."
            )
        return row

    def digest(self, day: int) -> Digest | None:
        """The full digest of `day`, or None."""
        rows = self._read("SELECT body FROM digest WHERE day = ?", (day,))
        return digest_from_dict(json.loads(rows[0][0])) if rows else None

    def is_sample(self, day: int) -> bool:
        rows = self._read("SELECT sample FROM digest WHERE day = ?", (day,))
        return bool(rows and rows[0][0])

    def days(self, only: int | None = None) -> list[DayEntry]:
        """Every stored day (or just day `only`), newest first, without bodies."""
        rows = self._read(
            "SELECT d.day, d.published, d.kind, d.headlines, r.stars, s.read_at IS NOT NULL,"
            " d.sample, d.votes_count, d.votes_average"
            " FROM digest d LEFT JOIN rating r ON r.digest_id = d.id"
            " LEFT JOIN read_state s ON s.digest_id = d.id"
            " WHERE ? IS NULL OR d.day = ? ORDER BY d.day DESC",
            (only, only),
        )
        return [
            DayEntry(
                day=row[0],
                published=datetime.fromisoformat(row[1]) if row[1] else None,
                kind=Kind(row[2]),
                headlines=json.loads(row[3]),
                rating=row[4],
                read=bool(row[5]),
                sample=bool(row[6]),
                site_votes=SiteVotes(row[7], row[8]) if row[7] is not None else None,
            )
            for row in rows
        ]

    def day_entry(self, day: int) -> DayEntry | None:
        entries = self.days(only=day)
        return entries[0] if entries else None

    def count(self) -> int:
        return self._read("SELECT count(*) FROM digest")[0][0]

    def newest_day(self) -> int | None:
        """The highest stored day number, or None when nothing is stored."""
        return self._read("SELECT max(day) FROM digest")[0][0]

    def has_day(self, day: int) -> bool:
        return bool(self._read("SELECT 1 FROM digest WHERE day = ?", (day,)))

    def delete_samples(self) -> int:
        """Remove the bundled sample once real digests are stored."""
        with self._transaction() as db:
            return db.execute("DELETE FROM digest WHERE sample = 1").rowcount

    # -- raw originals -------------------------------------------------------------------

    def raw_pages(self) -> Iterator[tuple[int, RawPage]]:
        """(day, original) of every digest that has one, oldest first."""
        rows = self._read(
            "SELECT d.day, p.format, p.origin, p.content FROM raw_page p"
            " JOIN digest d ON d.id = p.digest_id ORDER BY d.day"
        )
        for day, format_, origin, content in rows:
            yield day, RawPage(zlib.decompress(content), format_, origin)

    # -- ratings and read state ----------------------------------------------------------

    def _digest_id(self, db: sqlite3.Connection, day: int) -> int:
        row = db.execute("SELECT id FROM digest WHERE day = ?", (day,)).fetchone()
        if row is None:
            raise StoreError(f"Day {day} is not stored; import or fetch it first.")
        return row[0]

    def rate(self, day: int, stars: int | None) -> None:
        """Give `day` 1-5 stars, or clear its rating with None (or 0)."""
        if stars is not None and stars != 0 and not 1 <= stars <= 5:
            raise StoreError(f"A rating is 1 to 5 stars (0 clears it), not {stars}.")
        with self._transaction() as db:
            digest_id = self._digest_id(db, day)
            if stars:
                db.execute(
                    "INSERT OR REPLACE INTO rating (digest_id, stars, rated_at) VALUES (?, ?, ?)",
                    (digest_id, stars, _now()),
                )
            else:
                db.execute("DELETE FROM rating WHERE digest_id = ?", (digest_id,))

    def rating(self, day: int) -> int | None:
        rows = self._read(
            "SELECT r.stars FROM rating r JOIN digest d ON d.id = r.digest_id WHERE d.day = ?",
            (day,),
        )
        return rows[0][0] if rows else None

    def set_read(self, day: int, read: bool = True) -> None:
        with self._transaction() as db:
            digest_id = self._digest_id(db, day)
            if read:
                db.execute(
                    "INSERT OR IGNORE INTO read_state (digest_id, read_at) VALUES (?, ?)",
                    (digest_id, _now()),
                )
            else:
                db.execute("DELETE FROM read_state WHERE digest_id = ?", (digest_id,))

    def is_read(self, day: int) -> bool:
        rows = self._read(
            "SELECT 1 FROM read_state r JOIN digest d ON d.id = r.digest_id WHERE d.day = ?",
            (day,),
        )
        return bool(rows)

    # -- small app state -----------------------------------------------------------------

    def get_state(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM app_state WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_state(self, key: str, value: str) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO app_state (key, value) VALUES (?, ?)", (key, value))

    # -- fetching ------------------------------------------------------------------------

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
                (page.url, page.etag, page.last_modified, zlib.compress(page.content, 6), _now()),
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
                (problem.item_id, problem.url, int(problem.not_digest), problem.reason, _now()),
            )

    def clear_fetch_problem(self, item_id: int) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM fetch_problem WHERE item_id = ?", (item_id,))

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

    # -- votes for the site --------------------------------------------------------------

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
                (row[0], day, row[1], stars, _now()),
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
                (_now(), answer, vote.item_id, vote.stars),
            )

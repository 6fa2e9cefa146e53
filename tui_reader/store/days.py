"""Stored digests: saving (added, updated or unchanged), loading, the day list, the originals."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from enum import StrEnum
from typing import Any, cast

from tui_reader.codec import digest_from_dict, digest_to_dict
from tui_reader.model import DayEntry, Digest, Kind, RawPage, SiteVotes
from tui_reader.store.database import Database, StoreError, now
from tui_reader.store.search import index_passages

ORIGINALS_ON_DISK = "originals_on_disk"
"""app_state key: set once every original the store held was written out as a file."""

ORIGINAL_COMPRESSION = 1
"""zlib level for stored originals: level 6 makes pages 4% smaller and takes a third longer."""


class SaveOutcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def body_json(digest: Digest) -> str:
    """The digest as stored in `digest.body`: its dict without the schema tag and rating."""
    body = digest_to_dict(digest)
    for unused in ("schema", "rating"):
        body.pop(unused)
    return json.dumps(body, ensure_ascii=False, sort_keys=True)


_ENTRIES = (
    "SELECT d.day, d.published, d.kind, d.headlines, r.stars, s.read_at IS NOT NULL,"
    " d.sample, d.votes_count, d.votes_average"
    " FROM digest d INDEXED BY digest_entry LEFT JOIN rating r ON r.digest_id = d.id"
    " LEFT JOIN read_state s ON s.digest_id = d.id"
)
"""The columns of a `DayEntry`, all read from one index (never the digest's body); add a WHERE or
ORDER BY."""

_MOST_PARAMETERS = 500
"""Days asked for in one query (SQLite allows at most 999 parameters in older builds)."""


def _entry(row: tuple[Any, ...]) -> DayEntry:
    return DayEntry(
        day=row[0],
        published=datetime.fromisoformat(row[1]) if row[1] else None,
        kind=Kind(row[2]),
        headlines=json.loads(row[3]),
        rating=row[4],
        read=bool(row[5]),
        sample=bool(row[6]),
        site_votes=SiteVotes(row[7], row[8]) if row[7] is not None else None,
    )


class Days(Database):
    """Digests keyed by day (and by the site's item id when known), with their originals."""

    def save(
        self,
        digest: Digest,
        raw: RawPage | None = None,
        sample: bool = False,
        keep_original: bool = True,
        zlib_data: bytes | None = None,
    ) -> SaveOutcome:
        """Add or update `digest` (keyed by item id when known, else day); ratings stay.

        `raw` is kept in the database and, unless `keep_original` is False (a rebuild reading
        the files), as a file under originals/, written before the transaction commits.
        `zlib_data` is `raw`'s content already compressed as the database keeps it.
        """
        with self._transaction() as db:
            existing = self._find(db, digest)
            if existing is not None:
                digest_id, old_day, old_item_id, old_url, old_body, old_sample = existing
                if sample and not old_sample:
                    return SaveOutcome.UNCHANGED
                if digest.item_id is None and old_item_id is not None:
                    digest = replace(digest, item_id=old_item_id, url=digest.url or old_url)
            body = body_json(digest)
            stamp = now()
            values = (
                digest.day,
                digest.item_id,
                digest.kind.value,
                digest.title,
                digest.published.isoformat() if digest.published else None,
                digest.url,
                json.dumps(digest.headlines(), ensure_ascii=False),
                body,
                digest.site_votes.count if digest.site_votes else None,
                digest.site_votes.average if digest.site_votes else None,
                int(sample),
            )
            if existing is None:
                cursor = db.execute(
                    "INSERT INTO digest (day, item_id, kind, title, published, url, headlines,"
                    " body, votes_count, votes_average, sample, added_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*values, stamp, stamp),
                )
                digest_id, outcome = cast(int, cursor.lastrowid), SaveOutcome.ADDED
                self._on_day_added(db, digest_id, digest.day)
            else:
                same = (old_day, old_body, old_sample) == (digest.day, body, int(sample))
                outcome = SaveOutcome.UNCHANGED if same else SaveOutcome.UPDATED
                db.execute(
                    "UPDATE digest SET day=?, item_id=?, kind=?, title=?, published=?, url=?,"
                    " headlines=?, body=?, votes_count=?, votes_average=?, sample=?, updated_at=?"
                    " WHERE id=?",
                    (*values, stamp, digest_id),
                )
            if outcome is not SaveOutcome.UNCHANGED:
                index_passages(
                    db,
                    digest_id,
                    digest,
                    old_day=existing[1] if existing else None,
                    later=self._unindexed,
                )
            if raw is not None:
                packed = zlib_data or zlib.compress(raw.content, ORIGINAL_COMPRESSION)
                db.execute(
                    "INSERT OR REPLACE INTO raw_page"
                    " (digest_id, format, origin, content, stored_at) VALUES (?, ?, ?, ?, ?)",
                    (digest_id, raw.format, raw.origin, packed, stamp),
                )
                if keep_original and not sample:
                    self._keep_original(digest.day, raw, zlib_data=packed)
            if existing is not None and old_day != digest.day:
                self.originals.remove(old_day)
        return outcome

    def _keep_original(
        self, day: int, raw: RawPage, durable: bool = True, zlib_data: bytes | None = None
    ) -> None:
        try:
            self.originals.write(day, raw, durable=durable, zlib_data=zlib_data)
        except OSError as error:
            raise StoreError(
                f"{self.originals.directory} cannot be written ({error.strerror}),"
                f" so Day {day} was not stored."
            ) from None

    @staticmethod
    def _find(db: sqlite3.Connection, digest: Digest) -> tuple[Any, ...] | None:
        """The stored row `digest` replaces: same site item, else same day."""
        rows = db.execute(
            "SELECT id, day, item_id, url, body, sample FROM digest WHERE item_id = ? OR day = ?",
            (digest.item_id, digest.day),
        ).fetchall()
        if digest.item_id is not None:
            for row in rows:
                if row[2] == digest.item_id:
                    return tuple(row)
        row = next((row for row in rows if row[1] == digest.day), None)
        if row and None not in (row[2], digest.item_id) and row[2] != digest.item_id:
            raise StoreError(
                f"Day {digest.day} is already stored as site item {row[2]}, not {digest.item_id}."
            )
        return tuple(row) if row else None

    def digest(self, day: int) -> Digest | None:
        """The full digest of `day`, or None."""
        rows = self._read("SELECT body FROM digest WHERE day = ?", (day,))
        return digest_from_dict(json.loads(rows[0][0])) if rows else None

    def is_sample(self, day: int) -> bool:
        rows = self._read("SELECT sample FROM digest WHERE day = ?", (day,))
        return bool(rows and rows[0][0])

    def days(self) -> list[DayEntry]:
        """Every stored day, newest first, without bodies (the reader lists `day_numbers` and
        loads entries as they show instead)."""
        return [_entry(row) for row in self._read(f"{_ENTRIES} ORDER BY d.day DESC")]

    def day_numbers(self) -> list[int]:
        """Every stored day number, newest first; cheap at any size (it reads only an index).

        They come as one row of text: fetched row by row, each row gives up Python's lock, and
        while another thread runs (a fetch parsing pages) 10,000 rows took a second.
        """
        days: str | None = self._read("SELECT group_concat(day) FROM digest")[0][0]
        return sorted(map(int, days.split(",")), reverse=True) if days else []

    def day_entries(self, days: Iterable[int]) -> dict[int, DayEntry]:
        """The list entries of `days` (those stored), by day."""
        wanted = list(days)
        entries: dict[int, DayEntry] = {}
        for start in range(0, len(wanted), _MOST_PARAMETERS):
            chunk = tuple(wanted[start : start + _MOST_PARAMETERS])
            marks = ", ".join("?" * len(chunk))
            for row in self._read(f"{_ENTRIES} WHERE d.day IN ({marks})", chunk):
                entries[row[0]] = _entry(row)
        return entries

    def day_entry(self, day: int) -> DayEntry | None:
        return self.day_entries([day]).get(day)

    def unread_count(self) -> int:
        """How many stored days are not read yet."""
        count: int = self._read(
            "SELECT count(*) FROM digest WHERE id NOT IN (SELECT digest_id FROM read_state)"
        )[0][0]
        return count

    def count(self, *, samples: bool = True) -> int:
        """How many days are stored (less the bundled sample unless `samples`)."""
        query = "SELECT count(*) FROM digest" + ("" if samples else " WHERE sample = 0")
        count: int = self._read(query)[0][0]
        return count

    def newest_day(self) -> int | None:
        """The highest stored day number, or None when nothing is stored."""
        newest: int | None = self._read("SELECT max(day) FROM digest")[0][0]
        return newest

    def has_day(self, day: int) -> bool:
        return bool(self._read("SELECT 1 FROM digest WHERE day = ?", (day,)))

    def delete_samples(self) -> int:
        """Remove the bundled sample once real digests are stored."""
        with self._transaction() as db:
            self._before_samples_deleted(db)
            return db.execute("DELETE FROM digest WHERE sample = 1").rowcount

    def raw_pages(self) -> Iterator[tuple[int, RawPage]]:
        """(day, original) of every digest that has one, oldest first."""
        for day, raw, _ in self._packed_pages(samples=True):
            yield day, raw

    def _packed_pages(self, samples: bool = False) -> Iterator[tuple[int, RawPage, bytes]]:
        """(day, original, its zlib form as stored), oldest first."""
        rows = self._read(
            "SELECT d.day, p.format, p.origin, p.content FROM raw_page p"
            " JOIN digest d ON d.id = p.digest_id WHERE ? OR d.sample = 0 ORDER BY d.day",
            (samples,),
        )
        for day, format_, origin, content in rows:
            yield day, RawPage(zlib.decompress(content), format_, origin), content

    def _keep_originals_on_disk(self) -> None:
        """Once per store: write out the originals it held before they were kept as files."""
        if self._read("SELECT 1 FROM app_state WHERE key = ?", (ORIGINALS_ON_DISK,)):
            return
        on_disk = self.originals.days()
        written = 0
        for day, raw, packed in self._packed_pages():
            if day not in on_disk:
                self._keep_original(day, raw, durable=False, zlib_data=packed)
                written += 1
        self.originals.flush()
        with self._transaction() as db:
            self._set_state(db, ORIGINALS_ON_DISK, now())
        if written:
            self.notices.append(
                f"Wrote the originals of {written} stored day{'s' * (written != 1)} to"
                f" {self.originals.directory} (once), so the store can always be rebuilt."
            )

    def missing_originals(self) -> list[int]:
        """Stored days (not samples) whose original is in the database but not on disk."""
        on_disk = self.originals.days()
        rows = self._read(
            "SELECT d.day FROM raw_page p JOIN digest d ON d.id = p.digest_id"
            " WHERE d.sample = 0 ORDER BY d.day"
        )
        return [row[0] for row in rows if row[0] not in on_disk]

    def write_out_originals(self, days: list[int]) -> None:
        """Write the originals of `days` from the database to disk."""
        wanted = set(days)
        for day, raw, packed in self._packed_pages():
            if day in wanted:
                self._keep_original(day, raw, durable=False, zlib_data=packed)
        self.originals.flush()

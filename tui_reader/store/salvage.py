"""Reading what is left of a damaged database, row by row, before it is rebuilt.

Damage usually spoils a few pages of the file. Whatever can still be read is worth having:
ratings newer than ratings.toml (a crash between the two is impossible, but a copied file may
be newer), originals not yet written out as files (a store from before they were), and what
nothing else keeps: the reader's saved choices (layout, compare mode, recent searches, the last
day read), votes waiting to be sent to the site, and the site's items that are not digests.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tui_reader.disk.ratings_file import RatingRecord
from tui_reader.model import RawPage
from tui_reader.store.database import Database
from tui_reader.store.days import ORIGINALS_ON_DISK
from tui_reader.store.ratings import RATINGS_FILE_STAMP

_MOST_ROWS = 100_000
"""Row ids tried one by one when a whole table cannot be read (days are far fewer)."""


@dataclass(slots=True)
class Salvaged:
    """What could be read from a damaged file."""

    records: list[RatingRecord] = field(default_factory=list)
    originals: dict[int, RawPage] = field(default_factory=dict)
    kept_rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    """Rows of `KEPT_TABLES`, to be put into the new store as they were."""


KEPT_TABLES = {
    "app_state": "key, value",
    "vote_queue": "item_id, day, url, stars, queued_at, sent_at, answer",
    "fetch_problem": "item_id, url, not_digest, reason, noted_at",
}
"""Tables kept across a rebuild, with their columns (the fetcher's page cache is not: it is
fetched again)."""

_STORE_OWN_KEYS = (ORIGINALS_ON_DISK, RATINGS_FILE_STAMP)
"""app_state keys a store sets about its own file: the rebuilt one sets its own."""


def _rows(db: sqlite3.Connection, sql: str, by_id: str) -> Iterator[tuple[Any, ...]]:
    """The rows of `sql`; if the table is too damaged to scan, each row id in turn (`by_id`)."""
    try:
        yield from db.execute(sql).fetchall()
        return
    except sqlite3.Error:
        pass
    misses = 0
    for row_id in range(1, _MOST_ROWS):
        try:
            row = db.execute(by_id, (row_id,)).fetchone()
        except sqlite3.Error:
            row = None
        misses = 0 if row else misses + 1
        if row:
            yield tuple(row)
        if misses > 1000:
            return


def _when(text: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def salvage(path: Path) -> Salvaged:
    """Everything still readable in the database file at `path` (nothing if none of it is)."""
    found = Salvaged()
    if not path.exists():
        return found
    try:
        db = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    except sqlite3.Error:
        return found
    try:
        days: dict[int, tuple[int, int | None]] = {}

        def read_days() -> None:
            for row in _rows(
                db,
                "SELECT id, day, item_id FROM digest WHERE sample = 0",
                "SELECT id, day, item_id FROM digest WHERE id = ? AND sample = 0",
            ):
                days[row[0]] = (row[1], row[2])

        def read_marks() -> None:
            marks: dict[int, dict[str, Any]] = {}
            for digest_id, stars, rated_at in _rows(
                db,
                "SELECT digest_id, stars, rated_at FROM rating",
                "SELECT digest_id, stars, rated_at FROM rating WHERE digest_id = ?",
            ):
                marks.setdefault(digest_id, {}).update(stars=stars, rated_at=_when(rated_at))
            for digest_id, read_at in _rows(
                db,
                "SELECT digest_id, read_at FROM read_state",
                "SELECT digest_id, read_at FROM read_state WHERE digest_id = ?",
            ):
                marks.setdefault(digest_id, {})["read_at"] = _when(read_at)
            for digest_id, mark in marks.items():
                if digest_id in days and (mark.get("rated_at") or mark.get("read_at")):
                    day, item_id = days[digest_id]
                    found.records.append(RatingRecord(day=day, item_id=item_id, **mark))

        def read_originals() -> None:
            for digest_id, format_, origin, content in _rows(
                db,
                "SELECT digest_id, format, origin, content FROM raw_page",
                "SELECT digest_id, format, origin, content FROM raw_page WHERE digest_id = ?",
            ):
                if digest_id in days:
                    try:
                        found.originals[days[digest_id][0]] = RawPage(
                            zlib.decompress(content), format_, origin
                        )
                    except (zlib.error, TypeError):
                        continue

        def read_kept_rows() -> None:
            for table, columns in KEPT_TABLES.items():
                with suppress(sqlite3.Error):
                    rows = _rows(
                        db,
                        f"SELECT {columns} FROM {table}",
                        f"SELECT {columns} FROM {table} WHERE rowid = ?",
                    )
                    found.kept_rows[table] = [
                        row for row in rows if table != "app_state" or row[0] not in _STORE_OWN_KEYS
                    ]

        for read in (read_days, read_marks, read_originals, read_kept_rows):
            with suppress(sqlite3.Error):
                read()
    finally:
        db.close()
    return found


class Salvage(Database):
    """Putting salvaged rows into a rebuilt store."""

    def put_back(self, salvaged: Salvaged) -> None:
        """Add the kept rows (where the new store has none of its own under the same key)."""
        with self._transaction() as db:
            for table, rows in salvaged.kept_rows.items():
                columns = KEPT_TABLES[table]
                marks = ", ".join("?" * len(columns.split(", ")))
                db.executemany(f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({marks})", rows)

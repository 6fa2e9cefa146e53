"""Your ratings (1-5 stars) and what you have read, by day, mirrored to ratings.toml.

Every change rewrites ratings.toml inside the same transaction, so the file never lags the
database: if writing it fails, the change is not stored either. Changes made in a batch rewrite it
once, as the batch commits. Ratings of days that are not
stored (restored from a file, or kept when the sample goes) wait in `kept_rating`.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from tui_reader.disk.ratings_file import RatingRecord, RatingsFileError, merge
from tui_reader.store.database import Database, StoreError, now, plain_error

RATINGS_FILE_STAMP = "ratings_file_stamp"
"""app_state key: ratings.toml as the store last wrote it; any other look means someone else did."""


def _at(when: datetime | None) -> str:
    return when.isoformat(timespec="seconds") if when else now()


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


@dataclass(frozen=True, slots=True)
class RestoreReport:
    """What taking in a ratings file did."""

    rated: int = 0
    """Ratings set or replaced (the file's were newer)."""
    cleared: int = 0
    """Ratings cleared (the file cleared them later than they were given)."""
    read: int = 0
    """Read marks added."""
    kept: int = 0
    """Records kept for days not stored yet (they apply when the day is stored)."""
    older: int = 0
    """Ratings the store already had as new or newer, left as they were."""

    @property
    def changed(self) -> bool:
        return bool(self.rated or self.cleared or self.read or self.kept)

    def describe(self) -> str:
        parts = [
            f"{self.rated} rating{'s' * (self.rated != 1)} set",
            f"{self.read} read mark{'s' * (self.read != 1)} added",
        ]
        if self.cleared:
            parts.append(f"{self.cleared} cleared")
        if self.kept:
            parts.append(f"{self.kept} kept for days not stored yet")
        if self.older:
            parts.append(f"{self.older} left as the store had them (same or newer)")
        return ", ".join(parts)


class Ratings(Database):
    """Ratings and read state; both follow their digest when it is re-imported."""

    _mirror_wanted = False
    """A change in the batch under way waits to be written to ratings.toml."""

    def rate(self, day: int, stars: int | None, at: datetime | None = None) -> None:
        """Give `day` 1-5 stars, or clear its rating with None (or 0); `at` is when."""
        if stars is not None and stars != 0 and not 1 <= stars <= 5:
            raise StoreError(f"A rating is 1 to 5 stars (0 clears it), not {stars}.")
        with self._transaction() as db:
            digest_id = self._digest_id(db, day)
            if stars:
                db.execute(
                    "INSERT OR REPLACE INTO rating (digest_id, stars, rated_at) VALUES (?, ?, ?)",
                    (digest_id, stars, _at(at)),
                )
            else:
                db.execute("DELETE FROM rating WHERE digest_id = ?", (digest_id,))
            self._mirror_soon(db)

    def rating(self, day: int) -> int | None:
        rows = self._read(
            "SELECT r.stars FROM rating r JOIN digest d ON d.id = r.digest_id WHERE d.day = ?",
            (day,),
        )
        return rows[0][0] if rows else None

    def set_read(self, day: int, read: bool = True, at: datetime | None = None) -> None:
        with self._transaction() as db:
            digest_id = self._digest_id(db, day)
            if read:
                changed = db.execute(
                    "INSERT OR IGNORE INTO read_state (digest_id, read_at) VALUES (?, ?)",
                    (digest_id, _at(at)),
                ).rowcount
            else:
                changed = db.execute(
                    "DELETE FROM read_state WHERE digest_id = ?", (digest_id,)
                ).rowcount
            if changed:
                self._mirror_soon(db)

    def is_read(self, day: int) -> bool:
        rows = self._read(
            "SELECT 1 FROM read_state r JOIN digest d ON d.id = r.digest_id WHERE d.day = ?",
            (day,),
        )
        return bool(rows)

    def rating_records(self) -> list[RatingRecord]:
        """Every rating and read mark, of stored days and of days kept for later, by day."""
        try:
            return self._records(self._db)
        except sqlite3.Error as error:
            raise plain_error(error, self.path) from None

    def restore_ratings(self, records: list[RatingRecord]) -> RestoreReport:
        """Take `records` in: a newer rating wins, read marks add up, unknown days are kept."""
        with self._transaction() as db:
            report = self._merge(db, records)
            self._mirror(db)
        return report

    # -- inside transactions ---------------------------------------------------------------

    def _records(self, db: sqlite3.Connection) -> list[RatingRecord]:
        rows = db.execute(
            "SELECT d.day, d.item_id, r.stars, r.rated_at, s.read_at FROM digest d"
            " LEFT JOIN rating r ON r.digest_id = d.id"
            " LEFT JOIN read_state s ON s.digest_id = d.id"
            " WHERE r.stars IS NOT NULL OR s.read_at IS NOT NULL"
            " UNION ALL SELECT day, item_id, stars, rated_at, read_at FROM kept_rating"
            " ORDER BY 1"
        ).fetchall()
        return [
            RatingRecord(day, item_id, stars, _when(rated_at), _when(read_at))
            for day, item_id, stars, rated_at, read_at in rows
        ]

    def _merge(self, db: sqlite3.Connection, records: list[RatingRecord]) -> RestoreReport:
        rated = cleared = read = kept = older = 0
        for record in merge(records):
            digest_id = self._matching_digest(db, record)
            if digest_id is None:
                row = db.execute(
                    "SELECT day, item_id, stars, rated_at, read_at FROM kept_rating WHERE day = ?",
                    (record.day,),
                ).fetchone()
                known = (
                    RatingRecord(row[0], row[1], row[2], _when(row[3]), _when(row[4]))
                    if row
                    else None
                )
                [combined] = merge([known] if known else [], [record])
                if combined != known:
                    db.execute(
                        "INSERT OR REPLACE INTO kept_rating"
                        " (day, item_id, stars, rated_at, read_at) VALUES (?, ?, ?, ?, ?)",
                        (
                            combined.day,
                            combined.item_id,
                            combined.stars,
                            _at(combined.rated_at) if combined.rated_at else None,
                            _at(combined.read_at) if combined.read_at else None,
                        ),
                    )
                    kept += 1
                continue
            row = db.execute(
                "SELECT stars, rated_at FROM rating WHERE digest_id = ?", (digest_id,)
            ).fetchone()
            current = RatingRecord(record.day, None, row[0], _when(row[1])) if row else None
            if record.newer_rating_than(current):
                if record.stars:
                    db.execute(
                        "INSERT OR REPLACE INTO rating (digest_id, stars, rated_at)"
                        " VALUES (?, ?, ?)",
                        (digest_id, record.stars, _at(record.rated_at)),
                    )
                    rated += 1
                elif current is not None:
                    db.execute("DELETE FROM rating WHERE digest_id = ?", (digest_id,))
                    cleared += 1
            elif record.stars is not None and current is not None:
                older += 1
            if record.read_at is not None:
                read += db.execute(
                    "INSERT OR IGNORE INTO read_state (digest_id, read_at) VALUES (?, ?)",
                    (digest_id, _at(record.read_at)),
                ).rowcount
        return RestoreReport(rated, cleared, read, kept, older)

    @staticmethod
    def _matching_digest(db: sqlite3.Connection, record: RatingRecord) -> int | None:
        """The stored digest a record belongs to: the same site item, else the same day."""
        if record.item_id is not None:
            row = db.execute(
                "SELECT id FROM digest WHERE item_id = ?", (record.item_id,)
            ).fetchone()
            if row:
                return int(row[0])
        row = db.execute("SELECT id FROM digest WHERE day = ?", (record.day,)).fetchone()
        return int(row[0]) if row else None

    def _mirror_soon(self, db: sqlite3.Connection) -> None:
        """Rewrite ratings.toml now, or, in a batch, once just before it commits."""
        if self._batched:
            self._mirror_wanted = True
        else:
            self._mirror(db)

    def _before_batch_commit(self, db: sqlite3.Connection) -> None:
        if self._mirror_wanted:
            self._mirror(db)
            self._mirror_wanted = False
        super()._before_batch_commit(db)

    def _mirror(self, db: sqlite3.Connection) -> RestoreReport:
        """Rewrite ratings.toml from the transaction's view; a failure undoes the change.

        If something else wrote the file since this store did (a reader that quit while the
        database was busy, a restored copy, an edit), what it holds is taken in first, under the
        file's lock, so nothing in it is overwritten unseen.
        """
        file = self.ratings_file
        report = RestoreReport()
        try:
            with file.locked():
                if file.exists() and self._state(db, RATINGS_FILE_STAMP) != file.stamp():
                    report = self._merge(db, self._read_ratings_file())
                file.write(self._records(db))
        except OSError as error:
            raise StoreError(
                f"{file.path} cannot be written ({error.strerror}), so nothing was changed."
            ) from None
        self._set_state(db, RATINGS_FILE_STAMP, file.stamp() or "")
        return report

    def _read_ratings_file(self) -> list[RatingRecord]:
        """The file's records; a file that cannot be read is moved aside (and said)."""
        try:
            return self.ratings_file.read()
        except RatingsFileError as error:
            aside = self._move_aside(self.ratings_file.path)
            self.notices.append(
                f"{error} It was moved to {aside}, and {self.ratings_file.path.name}"
                " was written again from the database."
            )
            return []

    def _check_ratings_file(self) -> None:
        """At open: take in ratings.toml if something other than this store changed it, and
        write it if it is missing."""
        rows = self._read("SELECT value FROM app_state WHERE key = ?", (RATINGS_FILE_STAMP,))
        noted = rows[0][0] if rows else None
        if noted == self.ratings_file.stamp():
            return
        if noted is None and not self.ratings_file.exists() and not self._has_marks():
            return
        with self._transaction() as db:
            if self._state(db, RATINGS_FILE_STAMP) == self.ratings_file.stamp():
                return
            report = self._mirror(db)
        if report.changed:
            self.notices.append(
                f"Took in {self.ratings_file.path} (changed outside this store):"
                f" {report.describe()}."
            )

    def _has_marks(self) -> bool:
        return bool(
            self._read(
                "SELECT 1 FROM rating UNION ALL SELECT 1 FROM read_state"
                " UNION ALL SELECT 1 FROM kept_rating LIMIT 1"
            )
        )

    @staticmethod
    def _move_aside(path: os.PathLike[str]) -> str:
        aside = f"{os.fspath(path)}.bad-{datetime.now():%Y%m%d-%H%M%S}"
        os.replace(path, aside)
        return aside

    # -- hooks -----------------------------------------------------------------------------

    def _on_day_added(self, db: sqlite3.Connection, digest_id: int, day: int) -> None:
        row = db.execute(
            "SELECT stars, rated_at, read_at FROM kept_rating WHERE day = ?", (day,)
        ).fetchone()
        if row is None:
            return
        stars, rated_at, read_at = row
        if stars:
            db.execute(
                "INSERT OR REPLACE INTO rating (digest_id, stars, rated_at) VALUES (?, ?, ?)",
                (digest_id, stars, rated_at),
            )
        if read_at:
            db.execute(
                "INSERT OR IGNORE INTO read_state (digest_id, read_at) VALUES (?, ?)",
                (digest_id, read_at),
            )
        db.execute("DELETE FROM kept_rating WHERE day = ?", (day,))

    def _before_samples_deleted(self, db: sqlite3.Connection) -> None:
        super()._before_samples_deleted(db)
        db.execute(
            "INSERT OR REPLACE INTO kept_rating (day, item_id, stars, rated_at, read_at)"
            " SELECT d.day, d.item_id, r.stars, r.rated_at, s.read_at FROM digest d"
            " LEFT JOIN rating r ON r.digest_id = d.id"
            " LEFT JOIN read_state s ON s.digest_id = d.id"
            " WHERE d.sample = 1 AND (r.stars IS NOT NULL OR s.read_at IS NOT NULL)"
        )

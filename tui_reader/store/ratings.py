"""Your ratings (1-5 stars) and what you have read, by day."""

from __future__ import annotations

from tui_reader.store.database import Database, StoreError, now


class Ratings(Database):
    """Ratings and read state; both follow their digest when it is re-imported."""

    def rate(self, day: int, stars: int | None) -> None:
        """Give `day` 1-5 stars, or clear its rating with None (or 0)."""
        if stars is not None and stars != 0 and not 1 <= stars <= 5:
            raise StoreError(f"A rating is 1 to 5 stars (0 clears it), not {stars}.")
        with self._transaction() as db:
            digest_id = self._digest_id(db, day)
            if stars:
                db.execute(
                    "INSERT OR REPLACE INTO rating (digest_id, stars, rated_at) VALUES (?, ?, ?)",
                    (digest_id, stars, now()),
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
                    (digest_id, now()),
                )
            else:
                db.execute("DELETE FROM read_state WHERE digest_id = ?", (digest_id,))

    def is_read(self, day: int) -> bool:
        rows = self._read(
            "SELECT 1 FROM read_state r JOIN digest d ON d.id = r.digest_id WHERE d.day = ?",
            (day,),
        )
        return bool(rows)

"""Comparisons of a day's two sides, kept so a day is compared once: the result as JSON text
under a key that changes with the digest's text, the spellings table and the extractor."""

from __future__ import annotations

from tui_reader.store.database import Database, now


class Comparisons(Database):
    """One cached comparison per digest; it goes with its digest."""

    def cached_comparison(self, day: int, key: str) -> str | None:
        """The comparison stored for `day` under `key`, or None (none, or a stale one)."""
        rows = self._read(
            "SELECT c.result FROM comparison c JOIN digest d ON d.id = c.digest_id"
            " WHERE d.day = ? AND c.cache_key = ?",
            (day, key),
        )
        return rows[0][0] if rows else None

    def save_comparison(self, day: int, key: str, result: str) -> None:
        """Keep `result` for `day` under `key`, replacing what was kept before."""
        with self._transaction() as db:
            digest_id = self._digest_id(db, day)
            db.execute(
                "INSERT OR REPLACE INTO comparison (digest_id, cache_key, result, stored_at)"
                " VALUES (?, ?, ?, ?)",
                (digest_id, key, result, now()),
            )

"""Small named values the reader keeps between runs (the last day shown, layout choices)."""

from __future__ import annotations

from tui_reader.store.database import Database


class AppState(Database):
    """A key-value table of strings."""

    def get_state(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM app_state WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_state(self, key: str, value: str) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO app_state (key, value) VALUES (?, ?)", (key, value))

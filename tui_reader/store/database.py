"""The connection every part of the store shares: pragmas, migrations, transactions, errors."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from tui_reader.store.schema import MIGRATIONS


class StoreError(Exception):
    """The store cannot do what was asked; the message says why and what to do."""


def now() -> str:
    """The local time, to the second, as stored in `*_at` columns."""
    return datetime.now().isoformat(timespec="seconds")


def plain_error(error: sqlite3.Error, path: Path) -> StoreError:
    """SQLite's error as one sentence saying what happened and what to do."""
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
            f"{path} is damaged ({error}); move it aside and run `warday reparse`"
            " after re-importing."
        )
    return StoreError(f"The database {path} failed: {error}.")


def statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, each whole (a trigger's body keeps its semicolons)."""
    statement = ""
    for piece in script.split(";"):
        statement += piece + ";"
        if sqlite3.complete_statement(statement):
            if statement.strip(" \n;"):
                yield statement
            statement = ""
    if statement.strip(" \n;"):
        yield statement


class Database:
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
            raise plain_error(error, path) from None
        except OSError as error:
            raise StoreError(f"{path.parent} cannot be created ({error.strerror}).") from None

    def close(self) -> None:
        self._db.close()

    @property
    def schema_version(self) -> int:
        version: int = self._db.execute("PRAGMA user_version").fetchone()[0]
        return version

    def _migrate(self) -> None:
        with self._transaction():
            version = self.schema_version
            if version > len(MIGRATIONS):
                raise StoreError(
                    f"{self.path} was written by a newer warday (schema {version}); upgrade warday."
                )
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in statements(script):
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
            raise plain_error(error, self.path) from None

    def _read(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
        """The rows of one query; a failure becomes a plain StoreError."""
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise plain_error(error, self.path) from None

    @staticmethod
    def _digest_id(db: sqlite3.Connection, day: int) -> int:
        row = db.execute("SELECT id FROM digest WHERE day = ?", (day,)).fetchone()
        if row is None:
            raise StoreError(f"Day {day} is not stored; import or fetch it first.")
        digest_id: int = row[0]
        return digest_id

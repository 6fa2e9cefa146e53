"""The connection every part of the store shares: pragmas, migrations, transactions, errors,
read-only opening and the check for damage."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tui_reader.disk.atomic import private_directory, write_atomically
from tui_reader.disk.originals import Originals
from tui_reader.disk.ratings_file import RatingsFile
from tui_reader.store.schema import MIGRATIONS

ORIGINALS_DIR = "originals"
RATINGS_FILE = "ratings.toml"
CHECKED_SUFFIX = "-checked"
"""Beside the database: what its file looked like when last known good (see `_check_if_changed`)."""


class StoreError(Exception):
    """The store cannot do what was asked; the message says why and what to do."""


class StoreBusy(StoreError):
    """Another warday holds the database's write lock for longer than the busy timeout."""


class StoreDamaged(StoreError):
    """The database file is damaged; `recovery` moves it aside and rebuilds it."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path} is damaged ({detail}).")
        self.path = path
        self.detail = detail


class StoreReadOnly(StoreError):
    """The store was opened read-only, so nothing can be changed."""


def now() -> str:
    """The local time, to the second, as stored in `*_at` columns."""
    return datetime.now().isoformat(timespec="seconds")


def plain_error(error: sqlite3.Error, path: Path) -> StoreError:
    """SQLite's error as one sentence saying what happened and what to do."""
    message = str(error).lower()
    if "malformed" in message or "not a database" in message or "corrupt" in message:
        return StoreDamaged(path, str(error))
    if "full" in message or ("disk i/o" in message and _nearly_full(path.parent)):
        return StoreError(f"The disk holding {path} is full; free some space and try again.")
    if "disk i/o" in message:
        return StoreError(
            f"Reading or writing {path} failed at the disk ({error}); nothing more was changed."
            " Check the disk, then run `warday check`."
        )
    if "locked" in message or "busy" in message:
        return StoreBusy(
            f"{path} is busy in another warday that did not let go; close it and try again."
        )
    if "readonly" in message or "read-only" in message:
        return StoreReadOnly(f"{path} cannot be written; check its permissions.")
    if "unable to open" in message:
        return StoreError(f"{path} cannot be opened; check that it exists and is readable.")
    return StoreError(f"The database {path} failed: {error}.")


def _nearly_full(directory: Path) -> bool:
    """SQLite reports some writes that ran out of room (a WAL growing on tmpfs) as I/O errors."""
    try:
        return shutil.disk_usage(directory).free < 1024 * 1024
    except OSError:
        return False


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


MOST_PARAMETERS = 999
"""Parameters one statement may have (the limit of older SQLite builds)."""


def insert_rows(db: sqlite3.Connection, insert: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """`insert` (`INSERT INTO table (columns)`) of every row, as few statements as the parameter
    limit allows: `executemany` runs one statement a row, and each gives up Python's lock, which
    a busy thread beside this one (a fetch's downloads) may then hold for milliseconds."""
    if not rows:
        return
    width = len(rows[0])
    most = MOST_PARAMETERS // width
    marks = "(" + ", ".join("?" * width) + ")"
    for start in range(0, len(rows), most):
        chunk = rows[start : start + most]
        db.execute(
            f"{insert} VALUES {', '.join([marks] * len(chunk))}",
            [value for row in chunk for value in row],
        )


def read_only_reason(path: Path) -> str | None:
    """Why warday must not write to the store at `path` (None when it may)."""
    directory = path.parent
    if not directory.exists():
        return None
    if hasattr(os, "getuid") and directory.stat().st_uid != os.getuid():
        import pwd

        owner_id = directory.stat().st_uid
        try:
            owner = pwd.getpwuid(owner_id).pw_name
        except KeyError:
            owner = f"user {owner_id}"
        return f"{directory} belongs to {owner}, not to you"
    for target in (directory, path):
        if target.exists() and not os.access(target, os.W_OK):
            if hasattr(os, "statvfs") and os.statvfs(target).f_flag & os.ST_RDONLY:
                return f"{target} is on a read-only file system"
            return f"{target} is not writable by you"
    return None


def file_stamp(path: Path) -> str | None:
    """What a file looks like on disk (inode, size, time); None when it is missing."""
    try:
        info = path.stat()
    except OSError:
        return None
    return f"{info.st_ino}:{info.st_size}:{info.st_mtime_ns}"


class Database:
    """One SQLite file, safe for several warday processes at once (WAL, busy timeout).

    It opens read-only (with `read_only_reason` saying why) when the file or its directory
    cannot be written or belongs to someone else; reading works, writing raises StoreReadOnly.
    """

    def __init__(self, path: Path, busy_seconds: float = 10.0, read_only: bool = False) -> None:
        self.path = path
        self.notices: list[str] = []
        """Things the user should hear about opening the store (printed by the caller)."""
        self.replaced_damaged: Path | None = None
        """Where a damaged file was moved when this store was rebuilt in its place."""
        self.originals = Originals(path.parent / ORIGINALS_DIR)
        self.ratings_file = RatingsFile(path.parent / RATINGS_FILE)
        self.read_only_reason = "opened read-only" if read_only else read_only_reason(path)
        self._closed = False
        self._batched = False
        self._unindexed: set[int] | None = None
        """Digests stored in the batch under way whose passages are indexed for search as it
        commits (see `tui_reader.store.search`)."""
        connection: sqlite3.Connection | None = None
        try:
            if self.read_only_reason is None:
                private_directory(path.parent)
                if not path.exists():
                    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
                connection = sqlite3.connect(
                    path, timeout=busy_seconds, isolation_level=None, check_same_thread=False
                )
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=FULL")
                connection.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")
                # Each write in a batch is a savepoint, whose undo record SQLite keeps in a
                # temporary file once it passes 64 KB; in memory, an import of 2,000 days
                # writes 84 MB less to 40 fewer files. Nothing durable is temporary.
                connection.execute("PRAGMA temp_store=MEMORY")
            else:
                connection = self._connect_read_only(busy_seconds)
            connection.execute("PRAGMA foreign_keys=ON")
            self._db = connection
            self._migrate()
            self._check_if_changed()
            if self.read_only_reason is None:
                self._opened()
        except BaseException as error:
            if connection is not None:
                connection.close()
            if isinstance(error, sqlite3.Error):
                raise plain_error(error, path) from None
            if isinstance(error, OSError):
                raise StoreError(
                    f"warday keeps its data in {error.filename or path.parent}, which cannot be"
                    f" used ({error.strerror}); set WARDAY_HOME (or --home) to a directory you"
                    " can write."
                ) from None
            raise

    def _connect_read_only(self, busy_seconds: float) -> sqlite3.Connection:
        """Read without writing anything: through the WAL when its files are there, else the
        file alone as it is (`immutable`), which needs no lock files in a read-only directory."""
        if not self.path.exists():
            raise StoreError(
                f"There is no store at {self.path}, and it cannot be created"
                f" ({self.read_only_reason})."
            )
        wal = all(Path(f"{self.path}{suffix}").exists() for suffix in ("-wal", "-shm"))
        mode = "mode=ro" if wal else "immutable=1"
        return sqlite3.connect(
            f"file:{quote(str(self.path))}?{mode}",
            uri=True,
            timeout=busy_seconds,
            isolation_level=None,
            check_same_thread=False,
        )

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def close(self) -> None:
        if self._closed:
            return
        self._db.close()
        self._closed = True
        if not self.read_only:
            self._note_checked()

    @property
    def schema_version(self) -> int:
        version: int = self._db.execute("PRAGMA user_version").fetchone()[0]
        return version

    def data_version(self) -> int:
        """A number that changes whenever another connection commits (cheap to poll)."""
        version: int = self._read("PRAGMA data_version")[0][0]
        return version

    def _migrate(self) -> None:
        version = self.schema_version
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path} was written by a newer warday (schema {version}); upgrade warday."
            )
        if version == len(MIGRATIONS):
            return
        if self.read_only:
            self.notices.append(
                f"{self.path} was written by an older warday; open it once with write access"
                " to bring it up to date."
            )
            return
        with self._transaction() as db:
            version = self.schema_version
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in statements(script):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version={number}")

    @contextmanager
    def unsynced(self) -> Iterator[None]:
        """Commit without waiting for the disk, for building a new file that is renamed into
        place only once complete (a crash meanwhile leaves a temporary file, nothing else);
        at the end everything is written back into the file itself."""
        self._db.execute("PRAGMA synchronous=OFF")
        try:
            yield
        finally:
            self._db.execute("PRAGMA synchronous=FULL")
        try:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as error:
            raise plain_error(error, self.path) from None

    def _opened(self) -> None:
        """After a writable open: keep the files beside the database in step (see Store)."""

    # -- damage --------------------------------------------------------------------------

    def integrity_problems(self, quick: bool = False) -> list[str]:
        """What SQLite's integrity_check (or the faster quick_check) finds wrong; [] if fine."""
        pragma = "quick_check" if quick else "integrity_check"
        rows = self._read(f"PRAGMA {pragma}")
        if [row[0] for row in rows] == ["ok"]:
            return []
        lines = (line for row in rows for line in str(row[0]).splitlines())
        return [line for line in lines if line.strip() and not line.startswith("***")]

    @property
    def _checked_file(self) -> Path:
        return self.path.with_name(self.path.name + CHECKED_SUFFIX)

    def _check_if_changed(self) -> None:
        """Run integrity_check when the file changed since warday last knew it good.

        A check reads the whole file (a few milliseconds per thousand days), too slow for every
        start. warday notes the file's inode, size and time when it closes the store; a file
        changed by anything else (a crash mid-write, a copy, damage from outside) is checked
        once.
        """
        try:
            noted = self._checked_file.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            noted = None
        if noted is not None and noted == file_stamp(self.path):
            return
        if problems := self.integrity_problems():
            raise StoreDamaged(self.path, f"integrity_check: {problems[0]}")
        if not self.read_only:
            self._note_checked()

    def _note_checked(self) -> None:
        """Remember the file as it is now (no fsync: losing this only costs one more check)."""
        stamp = file_stamp(self.path)
        if stamp is not None:
            with suppress(OSError):
                write_atomically(self._checked_file, stamp.encode("ascii"), durable=False)

    # -- reading and writing -------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make the writes inside one transaction, written to disk once at the end.

        A write that fails inside is undone alone and the others go on; an exception that leaves
        the block undoes them all. Nothing inside is visible to other connections until the end.
        The files beside the database are written once too, just before the commit: the
        originals of the days stored (staged, see `tui_reader.disk.originals`) and ratings.toml.
        """
        if self._batched:
            yield
            return
        with self._transaction() as db:
            self._batched = True
            self.originals.stage()
            self._begin_batch()
            try:
                yield
                self._before_batch_commit(db)
            finally:
                self._batched = False
                self.originals.discard(stop=True)
                self._end_batch()

    def _begin_batch(self) -> None:
        """A batch begins (the concerns that leave work for its end get ready)."""

    def _end_batch(self) -> None:
        """The batch is over, committed or not."""

    def _before_batch_commit(self, db: sqlite3.Connection) -> None:
        """Write what the batch's writes left for the end (the concerns add theirs)."""
        try:
            self.originals.install_staged()
        except OSError as error:
            raise StoreError(
                f"{self.originals.directory} cannot be written ({error.strerror}), so nothing"
                " of this batch was stored."
            ) from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it lands, or none of it (a savepoint inside a batch)."""
        if self.read_only_reason is not None:
            raise StoreReadOnly(
                f"The store is read-only ({self.read_only_reason}), so nothing was changed."
            )
        if self._batched:
            with self._savepoint():
                yield self._db
            return
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.Error as error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise plain_error(error, self.path) from None

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        staged = self.originals.staged
        unindexed = set(self._unindexed) if self._unindexed is not None else None
        try:
            self._db.execute("SAVEPOINT write")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK TO write")
                self._db.execute("RELEASE write")
                self.originals.discard(since=staged)
                if self._unindexed is not None and unindexed is not None:
                    # An undone write leaves nothing to index (a day it updated keeps the
                    # index entries it had, which indexing it again would duplicate).
                    self._unindexed.clear()
                    self._unindexed.update(unindexed)
                raise
            self._db.execute("RELEASE write")
        except sqlite3.Error as error:
            raise plain_error(error, self.path) from None

    def _read(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
        """The rows of one query; a failure becomes a plain StoreError."""
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise plain_error(error, self.path) from None

    def _state(self, db: sqlite3.Connection, key: str) -> str | None:
        row = db.execute("SELECT value FROM app_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @staticmethod
    def _set_state(db: sqlite3.Connection, key: str, value: str) -> None:
        db.execute("INSERT OR REPLACE INTO app_state (key, value) VALUES (?, ?)", (key, value))

    @staticmethod
    def _digest_id(db: sqlite3.Connection, day: int) -> int:
        row = db.execute("SELECT id FROM digest WHERE day = ?", (day,)).fetchone()
        if row is None:
            raise StoreError(f"Day {day} is not stored; import or fetch it first.")
        digest_id: int = row[0]
        return digest_id

    # -- hooks the concerns fill in --------------------------------------------------------

    def _on_day_added(self, db: sqlite3.Connection, digest_id: int, day: int) -> None:
        """A new day was stored (ratings kept for it move onto it)."""

    def _before_samples_deleted(self, db: sqlite3.Connection) -> None:
        """The sample days are about to go (their ratings are kept)."""

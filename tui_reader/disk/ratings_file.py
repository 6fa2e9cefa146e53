"""`ratings.toml`: your ratings and read marks in a file you can read, keep and restore.

The store rewrites it (atomically) after every change to a rating or read mark, so deleting or
damaging the database loses none of them. Days are keyed by their number and, when known, the
site's item id, so the file still fits a store rebuilt from scratch.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from tui_reader.disk.atomic import private_directory, write_atomically

FORMAT = "warday.ratings/1"
HEADER = """\
# warday: your ratings (1-5 stars) and read marks, one table per day.
# warday rewrites this file after every change; `warday restore-ratings FILE` puts a copy back
# into a store (the newer rated_at wins). stars = 0 records a rating cleared at rated_at.
"""


class RatingsFileError(Exception):
    """The file cannot be used; the message names it and says why."""


@dataclass(frozen=True, slots=True)
class RatingRecord:
    """What you marked on one day: stars and when, and when you read it."""

    day: int
    item_id: int | None = None
    stars: int | None = None
    """1-5; 0 is a rating cleared at `rated_at`; None when the day was never rated."""
    rated_at: datetime | None = None
    read_at: datetime | None = None

    def newer_rating_than(self, other: RatingRecord | None) -> bool:
        """True when this record's rating should replace `other`'s."""
        if self.stars is None or self.rated_at is None:
            return False
        return other is None or other.rated_at is None or self.rated_at > other.rated_at


def merge(*sources: Iterable[RatingRecord]) -> list[RatingRecord]:
    """One record per day from several sources: the newest rating, the earliest read mark."""
    merged: dict[int, RatingRecord] = {}
    for records in sources:
        for record in records:
            known = merged.get(record.day)
            if known is None:
                merged[record.day] = record
                continue
            if record.newer_rating_than(known):
                known = replace(known, stars=record.stars, rated_at=record.rated_at)
            read_at = min(
                (when for when in (known.read_at, record.read_at) if when is not None),
                default=None,
            )
            merged[record.day] = replace(
                known, item_id=known.item_id or record.item_id, read_at=read_at
            )
    return [merged[day] for day in sorted(merged)]


def to_toml(records: Iterable[RatingRecord]) -> str:
    days: dict[str, dict[str, Any]] = {}
    for record in records:
        table: dict[str, Any] = {}
        if record.item_id is not None:
            table["item_id"] = record.item_id
        if record.stars is not None and record.rated_at is not None:
            table["stars"] = record.stars
            table["rated_at"] = record.rated_at
        if record.read_at is not None:
            table["read_at"] = record.read_at
        if table:
            days[str(record.day)] = table
    return HEADER + "\n" + tomli_w.dumps({"format": FORMAT, "days": days})


def _when(value: Any, where: str) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    raise ValueError(f"{where} must be a date and time like 2024-11-13T10:00:00")


def from_toml(text: str, name: str) -> list[RatingRecord]:
    """The records of a ratings file; a bad file or entry raises RatingsFileError naming it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RatingsFileError(f"{name} is not valid TOML ({error}).") from None
    if data.get("format", FORMAT) != FORMAT:
        raise RatingsFileError(f"{name} is not a warday ratings file (format {data['format']!r}).")
    days = data.get("days", {})
    if not isinstance(days, dict):
        raise RatingsFileError(f"{name}: [days] must be a table of days.")
    records = []
    for key, table in days.items():
        where = f"{name}: days.{key}"
        try:
            if not key.isdigit() or int(key) < 1 or not isinstance(table, dict):
                raise ValueError(f"{where} must be a day number with a table")
            stars, item_id = table.get("stars"), table.get("item_id")
            if stars is not None and (isinstance(stars, bool) or stars not in {0, 1, 2, 3, 4, 5}):
                raise ValueError(f"{where}.stars must be 0 to 5")
            if item_id is not None and (isinstance(item_id, bool) or not isinstance(item_id, int)):
                raise ValueError(f"{where}.item_id must be a whole number")
            rated_at = _when(table.get("rated_at"), f"{where}.rated_at")
            if stars is not None and rated_at is None:
                raise ValueError(f"{where} has stars but no rated_at")
            read_at = _when(table.get("read_at"), f"{where}.read_at")
        except ValueError as error:
            raise RatingsFileError(f"{error}.") from None
        records.append(RatingRecord(int(key), item_id, stars, rated_at, read_at))
    return sorted(records, key=lambda record: record.day)


class RatingsFile:
    """The ratings file in the data dir, with a lock so two processes never interleave writes."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def exists(self) -> bool:
        return self.path.is_file()

    def read(self) -> list[RatingRecord]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as error:
            raise RatingsFileError(f"{self.path} cannot be read ({error}).") from None
        return from_toml(text, str(self.path))

    def write(self, records: Iterable[RatingRecord]) -> None:
        private_directory(self.path.parent)
        write_atomically(self.path, to_toml(records).encode("utf-8"))

    def stamp(self) -> str | None:
        """What the file looks like on disk (inode, size, time): any rewrite changes it."""
        try:
            info = self.path.stat()
        except OSError:
            return None
        return f"{info.st_ino}:{info.st_size}:{info.st_mtime_ns}"

    def keep_pending(self, records: Iterable[RatingRecord]) -> None:
        """Add `records` (newer than what the file holds wins); the store takes them in later."""
        with self.locked():
            self.write(merge(self.read(), records))

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the file's lock (a `.ratings.toml.lock` beside it) while rewriting it."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on POSIX: the database lock serialises
            yield
            return
        private_directory(self.path.parent)
        lock = self.path.with_name(f".{self.path.name}.lock")
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            os.close(descriptor)

"""Opening the store so that it can always be used.

The database is an index over files kept beside it (see `tui_reader.disk`): the originals of
every day and ratings.toml. So a missing database is rebuilt from them, and a damaged one is
moved aside (the message says where), whatever can still be read from it is salvaged, and the
store is rebuilt the same way.
"""

from __future__ import annotations

import os
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tui_reader.disk.atomic import sync_directory, sync_file
from tui_reader.disk.ratings_file import RatingsFileError, merge
from tui_reader.places import Places
from tui_reader.store import (
    Store,
    StoreDamaged,
    StoreError,
    read_only_reason,
)
from tui_reader.store.database import CHECKED_SUFFIX, ORIGINALS_DIR
from tui_reader.store.salvage import salvage

_COMPANIONS = ("-wal", "-shm")
"""SQLite's files beside the database, moved aside with it (the WAL may hold committed data)."""


@dataclass(frozen=True, slots=True)
class RebuildReport:
    """What a rebuild did."""

    days: int
    rated: int
    """Days with a rating in the new store (from ratings.toml and the old file)."""
    read: int
    waiting: int
    """Ratings and read marks kept for days that are not stored (they apply when fetched)."""
    aside: Path | None = None
    salvaged: int = 0
    """Originals read back from the old file because they were not on disk."""
    failed: list[str] = field(default_factory=list)

    def describe(self) -> str:
        text = (
            f"rebuilt the store from {self.days} kept original{'s' * (self.days != 1)}"
            f" and ratings.toml: {self.rated} rated day{'s' * (self.rated != 1)},"
            f" {self.read} read"
        )
        if self.waiting:
            text += f", {self.waiting} more kept until their days are stored again"
        if self.salvaged:
            text += f"; {self.salvaged} original{'s' * (self.salvaged != 1)} salvaged from it"
        if self.failed:
            text += f"; {len(self.failed)} original(s) could not be read: " + "; ".join(
                self.failed[:3]
            )
        return text


def open_store(places: Places) -> Store:
    """The store: rebuilt first when it is missing but originals are kept, or damaged."""
    database = places.database
    if not database.exists() and _has_originals(database):
        report = rebuild(database)
        store = Store(database)
        store.notices.insert(0, f"{database} was missing, so warday {report.describe()}.")
        return store
    try:
        return Store(database)
    except StoreDamaged as damage:
        return recover(damage)


def recover(damage: StoreDamaged) -> Store:
    """Move a damaged database aside, rebuild it, and return the new store (with a notice)."""
    database = damage.path
    if reason := read_only_reason(database):
        ratings = database.parent / "ratings.toml"
        raise StoreError(
            f"{damage} warday cannot move it aside to rebuild it ({reason}); your ratings are"
            f" in {ratings}, and `warday export --ratings` prints them."
        ) from None
    report = rebuild(database, why="damaged")
    store = Store(database)
    store.notices.insert(0, f"{damage} Moved it to {report.aside}, then {report.describe()}.")
    store.replaced_damaged = report.aside
    return store


def rebuild(database: Path, why: str = "before-rebuild") -> RebuildReport:
    """Build a new database from the kept originals and ratings.toml (plus whatever can be
    salvaged from the old file). Like git, it is built under another name and renamed into
    place when complete; the old file is moved aside as `NAME.WHY-TIME`."""
    from tui_reader.parse import NotADigest, read_digest

    salvaged = salvage(database)
    building = database.with_name(database.name + ".rebuilding")
    _remove_with_companions(building)
    failed: list[str] = []
    days = 0
    with Store(building) as store, store.unsynced():
        store.notices.clear()
        originals = store.originals
        on_disk = originals.days()
        recovered = {day: raw for day, raw in salvaged.originals.items() if day not in on_disk}
        for day, raw in recovered.items():
            originals.write(day, raw, durable=False)
        originals.flush()
        for day, path in originals:
            try:
                raw, packed = originals.read(path)
                digest, _ = read_digest(raw.content, str(path))
                store.save(digest, raw, keep_original=digest.day != day, zlib_data=packed)
            except (ValueError, NotADigest, StoreError) as error:
                failed.append(f"{path.name}: {error}")
                continue
            days += 1
        try:
            kept = store.ratings_file.read()
        except RatingsFileError:
            kept = []
        store.restore_ratings(merge(kept, salvaged.records))
        store.put_back(salvaged)
        records = store.rating_records()
        stored = {entry.day for entry in store.days()}
    sync_file(building)
    aside = _move_aside(database, why) if database.exists() else None
    os.replace(building, database)
    with suppress(FileNotFoundError):  # a missing note costs one check at the next open
        os.replace(f"{building}{CHECKED_SUFFIX}", f"{database}{CHECKED_SUFFIX}")
    sync_directory(database.parent)
    return RebuildReport(
        days,
        rated=sum(1 for record in records if record.stars),
        read=sum(1 for record in records if record.read_at and record.day in stored),
        waiting=sum(1 for record in records if record.day not in stored),
        aside=aside,
        salvaged=len(recovered),
        failed=failed,
    )


def _remove_with_companions(path: Path) -> None:
    for suffix in ("", *_COMPANIONS, CHECKED_SUFFIX):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _has_originals(database: Path) -> bool:
    directory = database.parent / ORIGINALS_DIR
    return directory.is_dir() and any(directory.glob("*.gz"))


def _move_aside(database: Path, why: str) -> Path:
    aside = database.with_name(f"{database.name}.{why}-{datetime.now():%Y%m%d-%H%M%S}")
    os.replace(database, aside)
    for suffix in _COMPANIONS:
        companion = Path(f"{database}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{aside}{suffix}"))
    Path(f"{database}{CHECKED_SUFFIX}").unlink(missing_ok=True)
    return aside

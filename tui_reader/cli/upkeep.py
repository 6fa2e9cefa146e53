"""Keeping what you have: check the store, rebuild it, restore ratings from a file."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.text import Text

from tui_reader.cli.session import FAILED, OK, AddCommand, Session
from tui_reader.disk.atomic import leftover_temporaries
from tui_reader.disk.ratings_file import RatingsFile
from tui_reader.store import StoreDamaged


def cmd_check(args: argparse.Namespace, session: Session) -> int:
    """SQLite's full integrity check, the kept originals and ratings.toml. Damage is repaired
    (as by any command), and the exit status is 1 when there was any."""
    store = session.store
    if store.replaced_damaged is not None:
        return FAILED
    try:
        problems = store.integrity_problems()
    except StoreDamaged as damage:
        problems = [damage.detail]
    if problems:
        session.say(f"warday check: integrity_check failed: {'; '.join(problems[:3])}")
        session.recover(StoreDamaged(store.path, problems[0]))
        return FAILED
    lines = [f"database     {store.path}: integrity_check ok, {store.count()} days"]
    missing = store.missing_originals()
    if missing and not store.read_only:
        store.write_out_originals(missing)
        lines.append(f"originals    {len(missing)} were missing on disk; written out again")
    kept = len(store.originals.days())
    lines.append(f"originals    {kept} kept in {store.originals.directory}")
    for leftover in leftover_temporaries(store.originals.directory) + leftover_temporaries(
        store.path.parent
    ):
        if not store.read_only:
            leftover.unlink(missing_ok=True)
            lines.append(f"removed      {leftover.name} (a temporary file a crash left behind)")
    records = store.rating_records()
    in_file = store.ratings_file.read()
    rated = sum(1 for record in records if record.stars)
    same = in_file == records
    lines.append(
        f"ratings      rated days: {rated}, read and not rated: {len(records) - rated};"
        f" {store.ratings_file.path.name} {'matches' if same else 'DIFFERS from'} the database"
    )
    for line in lines:
        session.out.print(Text(line), soft_wrap=True)
    return OK if same else FAILED


def cmd_rebuild(args: argparse.Namespace, session: Session) -> int:
    """Move the database aside and build it again from the kept originals and ratings.toml."""
    from tui_reader.recovery import rebuild

    database = session.places.database
    if "store" in session.__dict__:
        session.__dict__.pop("store").close()
    report = rebuild(database)
    where = f"The old database is {report.aside}; " if report.aside else ""
    session.out.print(Text(f"{where}warday {report.describe()}."), soft_wrap=True)
    return FAILED if report.failed else OK


def cmd_restore_ratings(args: argparse.Namespace, session: Session) -> int:
    source = Path(args.file) if args.file else session.places.ratings_file
    records = RatingsFile(source).read()
    if not records and not source.is_file():
        session.say(f"warday restore-ratings: there is no file {source}.")
        return FAILED
    report = session.store.restore_ratings(records)
    session.out.print(Text(f"Restored from {source}: {report.describe()}."), soft_wrap=True)
    return OK


def register(add: AddCommand) -> None:
    add(
        "check",
        cmd_check,
        "check the database (SQLite integrity_check), the kept originals and ratings.toml",
    )
    add(
        "rebuild",
        cmd_rebuild,
        "build the database again from the kept originals and ratings.toml (the old one is kept)",
    )
    sub = add(
        "restore-ratings",
        cmd_restore_ratings,
        "put ratings and read marks from a ratings file back into the store (newest wins)",
    )
    sub.add_argument(
        "file", nargs="?", metavar="FILE", help="a ratings.toml (default: the one in the data dir)"
    )

"""Writing a file so that a crash leaves either the old file or the new one, never a mix.

The way git and SQLite do it: a private temporary file in the same directory, flushed to the
disk, renamed over the target, and the directory flushed so the rename itself is durable.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path

PRIVATE_DIRECTORY = 0o700
"""Directories warday creates are the user's alone (files get 0600 from `mkstemp`)."""


def private_directory(path: Path) -> Path:
    """Make `path` (and its missing parents) readable by the user only; keep it if it exists."""
    path.mkdir(mode=PRIVATE_DIRECTORY, parents=True, exist_ok=True)
    return path


def sync_directory(directory: Path) -> None:
    """Flush `directory` itself, so a file renamed into it survives a power cut."""
    if os.name != "posix":
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def sync_file(path: Path) -> None:
    """Flush a file written by someone else (SQLite) to the disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomically(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace `path` with `data` (mode 0600). With `durable=False` the caller flushes later."""
    temporary = write_temporary(path, data, durable=durable)
    try:
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
    if durable:
        sync_directory(path.parent)


def write_temporary(path: Path, data: bytes, durable: bool = False) -> Path:
    """A private temporary file beside `path` holding `data`, to be renamed over `path`; with
    `durable`, flushed to the disk."""
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            if durable:
                os.fsync(file.fileno())
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
    return Path(temporary)


def leftover_temporaries(directory: Path) -> list[Path]:
    """Temporary files a crash left behind in `directory` (safe to delete: never renamed)."""
    if not directory.is_dir():
        return []
    return sorted(directory.glob(".*.tmp"))

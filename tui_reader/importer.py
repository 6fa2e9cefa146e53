"""`warday import`: files, directories and stdin into the store, many digests per transaction."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from tui_reader.parse import NotADigest, read_digest, unreadable
from tui_reader.store import Store, StoreError

STDIN = "-"

BATCH_SIZE = 50
"""Inputs stored in one transaction (a report is given once its transaction is written)."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What happened to one input: added, updated, unchanged or skipped (with the reason)."""

    origin: str
    outcome: str
    day: int | None = None
    reason: str | None = None


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Every file named, with directories walked recursively (hidden files left out), in order."""
    for name in paths:
        path = Path(name)
        if name != STDIN and path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if child.is_file() and not any(part.startswith(".") for part in relative):
                    yield str(child)
        else:
            yield name


DEFAULT_MAX_BYTES = 5 * 1024 * 1024
"""The largest input read, as `max_page_mb` (5 MB) allows for a fetched page."""


class TooLarge(Exception):
    """The input goes on past the limit (a huge file, /dev/zero, an endless pipe)."""


_PIECE = 64 * 1024
"""Bytes read at a time (one read of the whole limit set 5 MB aside for every input, which
took longer than reading a page)."""


def _read(origin: str, max_bytes: int) -> bytes:
    """The input's bytes; reads at most one byte past `max_bytes` to tell it is too large."""
    file = sys.stdin.buffer if origin == STDIN else open(origin, "rb")  # noqa: SIM115
    pieces: list[bytes] = []
    size = 0
    try:
        while size <= max_bytes and (piece := file.read(min(_PIECE, max_bytes + 1 - size))):
            pieces.append(piece)
            size += len(piece)
    finally:
        if file is not sys.stdin.buffer:
            file.close()
    if size > max_bytes:
        raise TooLarge
    return b"".join(pieces)


def import_paths(
    store: Store, paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[ImportReport]:
    """Import each input; a bad one is reported and skipped, the rest go on."""
    origins = expand(paths)
    while batch := list(islice(origins, BATCH_SIZE)):
        with store.batch():
            reports = [_import(store, origin, max_bytes) for origin in batch]
            if any(report.outcome != "skipped" for report in reports):
                store.delete_samples()
        yield from reports


def _import(store: Store, origin: str, max_bytes: int) -> ImportReport:
    label = "standard input" if origin == STDIN else origin
    try:
        data = _read(origin, max_bytes)
    except TooLarge:
        return ImportReport(
            label,
            "skipped",
            reason=f"it is larger than {max_bytes / 1024 / 1024:g} MB (max_page_mb), far more"
            " than a digest; nothing past that was read",
        )
    except FileNotFoundError:
        return ImportReport(label, "skipped", reason="no such file")
    except OSError as error:
        return ImportReport(label, "skipped", reason=f"cannot be read ({error.strerror})")
    try:
        digest, raw = read_digest(data, label)
    except NotADigest as error:
        return ImportReport(label, "skipped", reason=str(error))
    except Exception as error:  # a parser fault must not stop the files after this one
        return ImportReport(label, "skipped", reason=unreadable(error))
    try:
        outcome = store.save(digest, raw)
    except StoreError as error:
        return ImportReport(label, "skipped", digest.day, str(error))
    return ImportReport(label, outcome.value, digest.day)

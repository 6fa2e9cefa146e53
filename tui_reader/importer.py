"""`warday import`: files, directories and stdin into the store, many digests per transaction."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from tui_reader.model import Digest, RawPage
from tui_reader.parse import NotADigest, read_digest, unreadable
from tui_reader.store import Store, StoreError
from tui_reader.store.days import pack_original

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

_PIECE = 64 * 1024
"""Bytes read at a time (one read of the whole limit sets 5 MB aside for every input, which
took longer than reading a page)."""


class TooLarge(Exception):
    """The input goes on past the limit (a huge file, /dev/zero, an endless pipe)."""


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


@dataclass(frozen=True, slots=True)
class _Parsed:
    """An input ready to store: its digest, its original, and the original packed as the
    database keeps it."""

    label: str
    digest: Digest
    raw: RawPage
    packed: bytes


_Input = tuple[str, bytes | ImportReport]
"""An input's label, and its bytes or why it could not be read."""


def import_paths(
    store: Store, paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[ImportReport]:
    """Import each input; a bad one is reported and skipped, the rest go on.

    While a batch is stored, the next one is parsed on a thread of its own: much of storing
    (SQLite indexing the batch for search and committing it, the originals reaching the disk)
    runs without Python's lock, and parsing goes on meanwhile.
    """
    origins = expand(paths)
    with ThreadPoolExecutor(1, thread_name_prefix="warday-parse") as parser:
        ahead = _parse_next(parser, origins, max_bytes)
        while ahead is not None:
            parsed = ahead.result()
            with store.batch():
                reports = [_store(store, item) for item in parsed]
                ahead = _parse_next(parser, origins, max_bytes)
                if any(report.outcome != "skipped" for report in reports):
                    store.delete_samples()
            yield from reports


def _parse_next(
    parser: ThreadPoolExecutor, origins: Iterator[str], max_bytes: int
) -> Future[list[_Parsed | ImportReport]] | None:
    """Read the next batch of inputs on this thread (standard input may wait for the user, and
    ctrl+c must reach it) and parse them on `parser`; None when no input is left."""
    inputs = [_input(origin, max_bytes) for origin in islice(origins, BATCH_SIZE)]
    return parser.submit(_parse_all, inputs) if inputs else None


def _input(origin: str, max_bytes: int) -> _Input:
    label = "standard input" if origin == STDIN else origin
    try:
        return label, _read(origin, max_bytes)
    except TooLarge:
        return label, ImportReport(
            label,
            "skipped",
            reason=f"it is larger than {max_bytes / 1024 / 1024:g} MB (max_page_mb), far more"
            " than a digest; nothing past that was read",
        )
    except FileNotFoundError:
        return label, ImportReport(label, "skipped", reason="no such file")
    except OSError as error:
        return label, ImportReport(label, "skipped", reason=f"cannot be read ({error.strerror})")


def _parse_all(inputs: list[_Input]) -> list[_Parsed | ImportReport]:
    return [_parse(label, data) for label, data in inputs]


def _parse(label: str, data: bytes | ImportReport) -> _Parsed | ImportReport:
    if isinstance(data, ImportReport):
        return data
    try:
        digest, raw = read_digest(data, label)
    except NotADigest as error:
        return ImportReport(label, "skipped", reason=str(error))
    except Exception as error:  # a parser fault must not stop the files after this one
        return ImportReport(label, "skipped", reason=unreadable(error))
    return _Parsed(label, digest, raw, pack_original(raw.content))


def _store(store: Store, item: _Parsed | ImportReport) -> ImportReport:
    if isinstance(item, ImportReport):
        return item
    try:
        outcome = store.save(item.digest, item.raw, zlib_data=item.packed)
    except StoreError as error:
        return ImportReport(item.label, "skipped", item.digest.day, str(error))
    return ImportReport(item.label, outcome.value, item.digest.day)

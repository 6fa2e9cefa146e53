"""The original of every stored day, as a gzip file of its own under the data dir.

`originals/993.html.gz` holds the exact bytes Day 993 was read from (`zcat` shows them), so the
database can be rebuilt from these files alone. One file a day: storing a newer original of a
day replaces the file.

Many days stored in one transaction (an import, a fetch) are staged: each original is written to a
temporary file and flushed to the disk by a thread of its own while the caller goes on parsing, and
`install_staged`, called just before the transaction commits, waits for them, renames them into
place and flushes the directory once. So a day's row never commits before its original is
durable, as with one file at a time, for one flush per file instead of two, off the caller's time.
"""

from __future__ import annotations

import gzip
import os
import re
import struct
import zlib
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from tui_reader.disk.atomic import (
    private_directory,
    sync_directory,
    write_atomically,
    write_temporary,
)
from tui_reader.model import RawPage

FORMATS = ("text", "html")
_NAME = re.compile(r"^(\d+)\.(text|html)\.gz$")


def gzip_from_zlib(zlib_data: bytes, content: bytes) -> bytes:
    """The deflate stream of `zlib_data` (which holds `content`) in a gzip file, as is.

    zlib and gzip wrap the same deflate data: a 2-byte header and an Adler-32 trailer, against
    a 10-byte header and a CRC-32 and length trailer (RFC 1950, RFC 1952).
    """
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no name, no time, any OS
    trailer = struct.pack("<II", zlib.crc32(content), len(content) & 0xFFFFFFFF)
    return header + zlib_data[2:-4] + trailer


def zlib_from_gzip(gzip_data: bytes, content: bytes) -> bytes | None:
    """The reverse of `gzip_from_zlib`, for files with the plain 10-byte header it writes
    (None for others: compress those again)."""
    if gzip_data[:4] != b"\x1f\x8b\x08\x00":
        return None
    return b"\x78\x9c" + gzip_data[10:-8] + struct.pack(">I", zlib.adler32(content))


@dataclass(frozen=True, slots=True)
class _Staged:
    """A staged write (its temporary file, being written, and target) or, with neither, a
    removal of `day`."""

    day: int
    written: Future[Path] | None = None
    target: Path | None = None

    def temporary(self) -> Path | None:
        """The temporary file once written (None for a removal); raises what writing raised."""
        return self.written.result() if self.written is not None else None


class Originals:
    """The directory of kept originals."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._staged: list[_Staged] | None = None
        """Writes and removals waiting for `install_staged`, in order (None: not staging)."""
        self._writer: ThreadPoolExecutor | None = None
        """Writes the staged files while the caller goes on (creating a file takes the file
        system longer than parsing a page)."""

    def path(self, day: int, format: str) -> Path:
        return self.directory / f"{day}.{format}.gz"

    def write(
        self, day: int, raw: RawPage, durable: bool = True, zlib_data: bytes | None = None
    ) -> None:
        """Keep `raw` as Day `day`'s original (atomically), replacing any older one of the day;
        while staging, once `install_staged` runs.

        `zlib_data`, the content as the database keeps it (zlib), saves compressing it again.
        """
        if raw.format not in FORMATS:
            raise ValueError(f"an original is text or html, not {raw.format!r}")
        private_directory(self.directory)
        data = (
            gzip_from_zlib(zlib_data, raw.content)
            if zlib_data is not None
            else gzip.compress(raw.content, compresslevel=6, mtime=0)
        )
        target = self.path(day, raw.format)
        if self._staged is not None and self._writer is not None:
            written = self._writer.submit(write_temporary, target, data, True)
            self._staged.append(_Staged(day, written, target))
            return
        write_atomically(target, data, durable=durable)
        self._remove(day, keep=target)

    def remove(self, day: int) -> None:
        """Remove Day `day`'s original (while staging, once the staged files are installed)."""
        if self._staged is not None:
            self._staged.append(_Staged(day))
        else:
            self._remove(day)

    def _remove(self, day: int, keep: Path | None = None) -> None:
        for format in FORMATS:
            if (path := self.path(day, format)) != keep:
                with suppress(FileNotFoundError):
                    path.unlink()

    # -- staging ---------------------------------------------------------------------------

    def stage(self) -> None:
        """Stage every write and removal from now on, until `discard(stop=True)`."""
        self._staged = []
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="warday-originals")

    @property
    def staged(self) -> int:
        """How many writes and removals are staged (a mark for `discard`)."""
        return len(self._staged) if self._staged is not None else 0

    def install_staged(self) -> None:
        """Put the staged writes in place and do the staged removals, in the order they were
        made, durably: every staged file is written and flushed to the disk before any is
        renamed (so an original is only ever replaced by a whole file), and the directory is
        flushed once at the end. Staging goes on."""
        staged, self._staged = self._staged or [], []
        try:
            temporaries = [item.temporary() for item in staged]
            for item, temporary in zip(staged, temporaries, strict=True):
                if temporary is not None and item.target is not None:
                    os.replace(temporary, item.target)
                self._remove(item.day, keep=item.target)
            if staged and self.directory.is_dir():
                sync_directory(self.directory)
        except BaseException:
            self._staged = staged
            raise

    def discard(self, since: int = 0, stop: bool = False) -> None:
        """Forget what was staged after mark `since` (their temporary files go); with `stop`,
        stop staging."""
        if self._staged is not None:
            for item in self._staged[since:]:
                with suppress(OSError):
                    if (temporary := item.temporary()) is not None:
                        temporary.unlink()
            del self._staged[since:]
        if stop:
            self._staged = None
            if self._writer is not None:
                self._writer.shutdown()
                self._writer = None

    def days(self) -> dict[int, Path]:
        """Every kept original by day."""
        if not self.directory.is_dir():
            return {}
        found: dict[int, Path] = {}
        for entry in os.scandir(self.directory):
            if match := _NAME.match(entry.name):
                found[int(match.group(1))] = Path(entry.path)
        return found

    @staticmethod
    def read(path: Path) -> tuple[RawPage, bytes | None]:
        """The original in `path` (its origin is the file, since the page names its own URL),
        and its zlib form for the database when that needs no compressing."""
        match = _NAME.match(path.name)
        if match is None:
            raise ValueError(f"{path.name} is not named DAY.FORMAT.gz")
        data = path.read_bytes()
        try:
            content = gzip.decompress(data)
        except (EOFError, gzip.BadGzipFile, zlib.error) as error:
            raise ValueError(f"{path} is not a whole gzip file ({error})") from None
        return RawPage(content, match.group(2), str(path)), zlib_from_gzip(data, content)

    def __iter__(self) -> Iterator[tuple[int, Path]]:
        """(day, file) of every kept original, oldest day first."""
        yield from sorted(self.days().items())

    def flush(self) -> None:
        """Make every file written with `durable=False` durable at once (one sync, not many)."""
        if hasattr(os, "sync"):
            os.sync()
        if self.directory.is_dir():
            sync_directory(self.directory)

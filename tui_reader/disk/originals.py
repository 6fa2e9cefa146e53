"""The original of every stored day, as a gzip file of its own under the data dir.

`originals/993.html.gz` holds the exact bytes Day 993 was read from (`zcat` shows them), so the
database can be rebuilt from these files alone. One file a day: storing a newer original of a
day replaces the file.
"""

from __future__ import annotations

import gzip
import os
import re
import struct
import zlib
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

from tui_reader.disk.atomic import private_directory, sync_directory, write_atomically
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


class Originals:
    """The directory of kept originals."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, day: int, format: str) -> Path:
        return self.directory / f"{day}.{format}.gz"

    def write(
        self, day: int, raw: RawPage, durable: bool = True, zlib_data: bytes | None = None
    ) -> None:
        """Keep `raw` as Day `day`'s original (atomically), replacing any older one of the day.

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
        write_atomically(self.path(day, raw.format), data, durable=durable)
        for other in FORMATS:
            if other != raw.format:
                with suppress(FileNotFoundError):
                    self.path(day, other).unlink()

    def remove(self, day: int) -> None:
        for format in FORMATS:
            with suppress(FileNotFoundError):
                self.path(day, format).unlink()

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

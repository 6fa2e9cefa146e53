"""The files kept beside the database: atomic writes, originals, ratings.toml."""

from __future__ import annotations

import gzip
import os
import stat
import subprocess
import sys
import textwrap
import zlib
from datetime import datetime
from pathlib import Path

import pytest

from tui_reader.disk.atomic import write_atomically
from tui_reader.disk.originals import Originals
from tui_reader.disk.ratings_file import (
    RatingRecord,
    RatingsFile,
    RatingsFileError,
    from_toml,
    merge,
    to_toml,
)
from tui_reader.model import RawPage

FIXTURES_HTML = Path(__file__).parent / "fixtures/html"
T1 = datetime(2024, 11, 13, 10, 0, 0)
T2 = datetime(2024, 11, 14, 9, 30, 0)


def test_atomic_write_leaves_the_old_file_when_the_writer_is_killed_mid_write(tmp_path):
    target = tmp_path / "ratings.toml"
    target.write_text("old and whole\n")
    # A child process writes a large file slowly and is killed while the temporary file grows.
    code = textwrap.dedent(
        f"""
        import os, sys, time
        from pathlib import Path
        import tui_reader.disk.atomic as atomic
        real_fdopen = os.fdopen
        class Slow:
            def __init__(self, f): self.f = f
            def __enter__(self): return self
            def __exit__(self, *a): self.f.close()
            def write(self, data):
                for i in range(0, len(data), 1024):
                    self.f.write(data[i:i+1024]); self.f.flush(); time.sleep(0.001)
                    if i == 4096: print("writing", flush=True)
            def flush(self): self.f.flush()
            def fileno(self): return self.f.fileno()
        atomic.os.fdopen = lambda fd, mode: Slow(real_fdopen(fd, mode))
        atomic.write_atomically(Path({str(target)!r}), b"new" * 400_000)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline() == "writing\n"
    child.kill()
    child.wait()
    assert target.read_text() == "old and whole\n"
    leftovers = [path.name for path in tmp_path.iterdir() if path.name != "ratings.toml"]
    assert all(name.startswith(".ratings.toml.") and name.endswith(".tmp") for name in leftovers)


def test_atomic_write_makes_a_private_file(tmp_path):
    target = tmp_path / "out.txt"
    write_atomically(target, b"hello")
    assert target.read_bytes() == b"hello"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_originals_are_gzip_files_named_by_day_and_replace_each_other(tmp_path):
    originals = Originals(tmp_path / "originals")
    originals.write(993, RawPage(b"pasted text", "text", "day.txt"))
    assert gzip.decompress((tmp_path / "originals/993.text.gz").read_bytes()) == b"pasted text"
    originals.write(993, RawPage(b"<html>page</html>", "html", "https://x/item/1"))
    assert sorted(os.listdir(tmp_path / "originals")) == ["993.html.gz"]
    assert stat.S_IMODE((tmp_path / "originals").stat().st_mode) == 0o700
    [(day, path)] = list(originals)
    assert day == 993
    raw, packed = originals.read(path)
    assert raw.content == b"<html>page</html>"
    assert packed is not None
    assert zlib.decompress(packed) == b"<html>page</html>"
    (tmp_path / "originals/994.text.gz").write_bytes(b"\x1f\x8b cut short")
    with pytest.raises(ValueError, match="not a whole gzip file"):
        originals.read(tmp_path / "originals/994.text.gz")


def test_staged_originals_appear_together_in_the_order_they_were_made(tmp_path):
    originals = Originals(tmp_path / "originals")
    originals.write(5, RawPage(b"old day 5", "text", "5.txt"))
    originals.write(7, RawPage(b"day 7", "text", "7.txt"))
    originals.stage()
    try:
        originals.write(6, RawPage(b"<p>day 6</p>", "html", "6.html"))
        originals.remove(5)  # day 5 moved away ...
        originals.write(5, RawPage(b"new day 5", "text", "5.txt"))  # ... and another took it
        mark = originals.staged
        originals.write(8, RawPage(b"day 8", "text", "8.txt"))
        originals.remove(7)
        assert sorted(name for name in os.listdir(tmp_path / "originals") if name[0] != ".") == [
            "5.text.gz",
            "7.text.gz",
        ]
        assert gzip.decompress((tmp_path / "originals/5.text.gz").read_bytes()) == b"old day 5"
        originals.discard(since=mark)  # day 8 and the removal of day 7 were undone
        originals.install_staged()
    finally:
        originals.discard(stop=True)
    assert sorted(os.listdir(tmp_path / "originals")) == ["5.text.gz", "6.html.gz", "7.text.gz"]
    assert gzip.decompress((tmp_path / "originals/5.text.gz").read_bytes()) == b"new day 5"


def test_ratings_file_round_trips_and_reads_as_plain_toml(tmp_path):
    records = [
        RatingRecord(210, None, None, None, T1),
        RatingRecord(993, 36903, 4, T1, T2),
    ]
    file = RatingsFile(tmp_path / "ratings.toml")
    file.write(records)
    text = file.path.read_text()
    assert "[days.993]\nitem_id = 36903\nstars = 4\nrated_at = 2024-11-13" in text
    assert file.read() == records
    assert stat.S_IMODE(file.path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("days = [", "is not valid TOML"),
        ('format = "something/9"', "is not a warday ratings file"),
        ("[days.993]\nstars = 9\nrated_at = 2024-11-13T10:00:00", "days.993.stars must be 0 to 5"),
        ("[days.993]\nstars = 4", "days.993 has stars but no rated_at"),
        ("[days.x]\nstars = 4", "days.x must be a day number"),
        ('[days.993]\nstars = 4\nrated_at = "yesterday"', "rated_at must be a date and time"),
    ],
)
def test_a_bad_ratings_file_is_one_sentence_naming_the_problem(text, message):
    with pytest.raises(RatingsFileError, match=message):
        from_toml(text, "mine.toml")


def test_merge_keeps_the_newest_rating_and_the_first_read_mark():
    older = RatingRecord(993, None, 2, T1, T2)
    newer = RatingRecord(993, 36903, 5, T2, T1)
    cleared_later = RatingRecord(994, None, 0, T2)
    rated_first = RatingRecord(994, None, 3, T1)
    merged = merge([older, rated_first], [newer, cleared_later])
    assert merged == [RatingRecord(993, 36903, 5, T2, T1), RatingRecord(994, None, 0, T2)]
    assert from_toml(to_toml(merged), "x") == merged


def test_keeping_pending_ratings_merges_into_the_file(tmp_path):
    file = RatingsFile(tmp_path / "ratings.toml")
    file.write([RatingRecord(993, 1, 2, T1), RatingRecord(994, 2, 5, T2)])
    file.keep_pending([RatingRecord(993, None, 4, T2), RatingRecord(994, None, 1, T1)])
    assert [(r.day, r.stars) for r in file.read()] == [(993, 4), (994, 5)]


def test_an_original_stored_from_the_databases_zlib_form_is_a_gzip_file_any_tool_reads(tmp_path):
    import shutil

    content = (FIXTURES_HTML / "k2-item-36903-day-993.html").read_bytes()
    originals = Originals(tmp_path)
    originals.write(993, RawPage(content, "html"), zlib_data=zlib.compress(content, 6))
    kept = tmp_path / "993.html.gz"
    assert gzip.decompress(kept.read_bytes()) == content
    if shutil.which("gzip"):
        shown = subprocess.run(["gzip", "-dc", str(kept)], capture_output=True, check=True)
        assert shown.stdout == content

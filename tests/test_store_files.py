"""The store keeps files beside its database: originals under originals/, ratings.toml after
every change; it takes ratings.toml in when something else changed it; it opens read-only."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from tui_reader.disk.ratings_file import RatingRecord
from tui_reader.parse import read_digest
from tui_reader.search.query import parse_query
from tui_reader.store import Store, StoreDamaged, StoreError, StoreReadOnly
from tui_reader.store.salvage import salvage


def load(path: Path):
    return read_digest(path.read_bytes(), str(path))


def ratings_text(store: Store) -> str:
    return store.ratings_file.path.read_text()


def test_every_saved_original_is_kept_as_a_file(tmp_path, fixtures):
    with Store(tmp_path / "db.sqlite3") as store:
        store.save(*load(fixtures / "text/day-993-seed.txt"))
        store.save(*load(fixtures / "html/k2-item-36903-day-993.html"))
        store.save(*load(fixtures / "text/day-210-bulletin.txt"))
        assert sorted(os.listdir(tmp_path / "originals")) == ["210.text.gz", "993.html.gz"]
        kept, _ = store.originals.read(tmp_path / "originals/993.html.gz")
        assert kept.content == (fixtures / "html/k2-item-36903-day-993.html").read_bytes()


def test_the_sample_is_not_kept_as_an_original(tmp_path, fixtures):
    digest, raw = load(fixtures / "text/day-993-seed.txt")
    with Store(tmp_path / "db.sqlite3") as store:
        store.save(digest, raw, sample=True)
        assert not (tmp_path / "originals").exists() or not os.listdir(tmp_path / "originals")


def test_each_rating_and_read_mark_is_in_ratings_toml_at_once(tmp_path, fixtures):
    with Store(tmp_path / "db.sqlite3") as store:
        store.save(*load(fixtures / "html/k2-item-36903-day-993.html"))
        store.save(*load(fixtures / "text/day-210-bulletin.txt"))
        store.rate(993, 4, at=datetime(2024, 11, 13, 10, 0))
        assert "[days.993]\nitem_id = 36903\nstars = 4\nrated_at = 2024-11-13 10:00:00" in (
            ratings_text(store)
        )
        store.set_read(210, at=datetime(2024, 11, 14, 8, 0))
        assert "[days.210]\nread_at = 2024-11-14 08:00:00" in ratings_text(store)
        store.rate(993, 0)
        assert "[days.993]" not in ratings_text(store)
        assert stat.S_IMODE(store.ratings_file.path.stat().st_mode) == 0o600


def test_a_rating_that_cannot_be_mirrored_is_not_stored(tmp_path, fixtures):
    with Store(tmp_path / "db.sqlite3") as store:
        store.save(*load(fixtures / "text/day-993-seed.txt"))
        store.rate(993, 2)
        store.ratings_file.path.unlink()
        store.ratings_file.path.mkdir()  # a directory where the file should be: rename fails
        with pytest.raises(Exception, match="ratings.toml cannot be written"):
            store.rate(993, 5)
        assert store.rating(993) == 2


def test_a_batch_keeps_every_original_and_rating_once_it_commits(tmp_path, fixtures):
    with Store(tmp_path / "db.sqlite3") as store:
        with store.batch():
            store.save(*load(fixtures / "text/day-993-seed.txt"))
            store.save(*load(fixtures / "text/day-210-bulletin.txt"))
            store.save(*load(fixtures / "html/k2-item-36903-day-993.html"))  # the same day again
            store.rate(993, 4)
            store.set_read(210)
        assert sorted(os.listdir(tmp_path / "originals")) == ["210.text.gz", "993.html.gz"]
        kept, _ = store.originals.read(tmp_path / "originals/993.html.gz")
        assert kept.content == (fixtures / "html/k2-item-36903-day-993.html").read_bytes()
        records = {record.day: record for record in store.ratings_file.read()}
        assert records[993].stars == 4
        assert records[210].read_at is not None
    with Store(tmp_path / "db.sqlite3") as store:
        assert store.rating(993) == 4
        assert store.is_read(210)


def test_a_batch_that_fails_leaves_no_original_or_temporary_file(tmp_path, fixtures):
    with Store(tmp_path / "db.sqlite3") as store:
        store.save(*load(fixtures / "text/day-210-bulletin.txt"))

        def stopped_import() -> None:
            with store.batch():
                store.save(*load(fixtures / "text/day-993-seed.txt"))
                raise RuntimeError("the import was stopped")

        with pytest.raises(RuntimeError):
            stopped_import()
        assert os.listdir(tmp_path / "originals") == ["210.text.gz"]
        assert not store.has_day(993)


def test_a_day_that_fails_in_a_batch_leaves_no_original_and_the_others_are_kept(tmp_path, fixtures):
    with Store(tmp_path / "db.sqlite3") as store:
        store.save(*load(fixtures / "html/k2-item-36903-day-993.html"))
        seed, raw = load(fixtures / "text/day-1000-russian-first.txt")
        with store.batch():
            store.save(*load(fixtures / "text/day-210-bulletin.txt"))
            clash = replace(seed, day=993, item_id=1)  # Day 993 is stored as another site item
            with pytest.raises(StoreError, match="already stored as site item 36903"):
                store.save(clash, raw)
        assert sorted(os.listdir(tmp_path / "originals")) == ["210.text.gz", "993.html.gz"]
        kept, _ = store.originals.read(tmp_path / "originals/993.html.gz")
        assert kept.content == (fixtures / "html/k2-item-36903-day-993.html").read_bytes()


def test_an_update_that_fails_in_a_batch_keeps_the_day_as_it_was_and_the_batch_commits(
    tmp_path, fixtures
):
    with Store(tmp_path / "db.sqlite3") as store:
        digest, raw = load(fixtures / "text/day-993-seed.txt")
        store.save(digest, raw)
        shutil.rmtree(tmp_path / "originals")
        (tmp_path / "originals").write_text("a file where the directory should be")
        changed, changed_raw = read_digest(raw.content.replace(b"Kursk", b"Kharkiv"), "changed")
        with store.batch():
            with pytest.raises(StoreError, match="originals cannot be written"):
                store.save(changed, changed_raw)
            store.rate(993, 4)
        assert store.rating(993) == 4
        assert store.digest(993) == digest
        assert {hit.day for hit in store.search(parse_query("kursk")).hits} == {993}
        assert not store.search(parse_query("kharkiv")).hits


def test_a_batch_whose_ratings_cannot_be_kept_stores_none_of_it(tmp_path, fixtures):
    with Store(tmp_path / "db.sqlite3") as store:
        store.save(*load(fixtures / "text/day-210-bulletin.txt"))
        store.rate(210, 2)
        store.ratings_file.path.unlink()
        store.ratings_file.path.mkdir()  # a directory where the file should be: rename fails

        def rated_import() -> None:
            with store.batch():
                store.save(*load(fixtures / "text/day-993-seed.txt"))
                store.rate(993, 5)
                store.rate(210, 4)

        with pytest.raises(StoreError, match="ratings.toml cannot be written"):
            rated_import()
        assert store.rating(210) == 2
        assert not store.has_day(993)
        assert os.listdir(tmp_path / "originals") == ["210.text.gz"]


def test_deleting_the_database_keeps_ratings_for_when_the_days_come_back(tmp_path, fixtures):
    path = tmp_path / "db.sqlite3"
    with Store(path) as store:
        store.save(*load(fixtures / "text/day-993-seed.txt"))
        store.rate(993, 5)
        store.set_read(993)
    for name in os.listdir(tmp_path):
        if name.startswith("db.sqlite3"):
            os.remove(tmp_path / name)
    with Store(path) as store:
        assert store.count() == 0
        assert [(r.day, r.stars) for r in store.rating_records()] == [(993, 5)]
        store.save(*load(fixtures / "text/day-993-seed.txt"))
        assert store.rating(993) == 5
        assert store.is_read(993)


def test_a_changed_ratings_toml_is_taken_in_when_the_store_opens(tmp_path, fixtures):
    path = tmp_path / "db.sqlite3"
    with Store(path) as store:
        store.save(*load(fixtures / "text/day-993-seed.txt"))
        store.save(*load(fixtures / "text/day-210-bulletin.txt"))
        store.rate(993, 2, at=datetime(2024, 1, 1))
        store.ratings_file.keep_pending(
            [
                RatingRecord(993, None, 4, datetime(2024, 2, 1)),
                RatingRecord(210, None, 3, datetime(2023, 1, 1)),
            ]
        )
    with Store(path) as store:
        assert store.rating(993) == 4
        assert store.rating(210) == 3
        assert any("Took in" in notice and "2 ratings set" in notice for notice in store.notices)
    with Store(path) as store:
        assert store.notices == []


def test_ratings_kept_in_the_file_while_another_store_is_open_are_not_overwritten(
    tmp_path, fixtures
):
    path = tmp_path / "db.sqlite3"
    with Store(path) as open_all_along:
        open_all_along.save(*load(fixtures / "text/day-993-seed.txt"))
        open_all_along.save(*load(fixtures / "text/day-210-bulletin.txt"))
        # A reader quits while the database is busy: its rating goes into the file only.
        open_all_along.ratings_file.keep_pending([RatingRecord(210, None, 5, datetime.now())])
        open_all_along.rate(993, 2)  # this store rewrites the file: it takes 210 in first
        assert open_all_along.rating(210) == 5
        assert "[days.210]\nstars = 5" in ratings_text(open_all_along)


def test_an_unreadable_ratings_toml_is_moved_aside_and_written_again(tmp_path, fixtures):
    path = tmp_path / "db.sqlite3"
    with Store(path) as store:
        store.save(*load(fixtures / "text/day-993-seed.txt"))
        store.rate(993, 3)
    (tmp_path / "ratings.toml").write_text("[days.993\nbroken")
    with Store(path) as store:
        assert store.rating(993) == 3
        [notice] = store.notices
        assert "is not valid TOML" in notice
        assert "It was moved to" in notice
    assert "stars = 3" in (tmp_path / "ratings.toml").read_text()
    assert [p for p in os.listdir(tmp_path) if p.startswith("ratings.toml.bad-")]


def test_an_old_store_writes_its_originals_out_once(tmp_path, fixtures):
    path = tmp_path / "db.sqlite3"
    with Store(path) as store:
        for name in ("day-993-seed.txt", "day-1000-russian-first.txt"):
            store.save(*load(fixtures / "text" / name))
    # As a store from before originals were kept as files.
    for kept in (tmp_path / "originals").iterdir():
        kept.unlink()
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM app_state WHERE key = 'originals_on_disk'")
    with Store(path) as store:
        assert sorted(os.listdir(tmp_path / "originals")) == ["1000.text.gz", "993.text.gz"]
        assert "Wrote the originals of 2 stored days" in store.notices[0]
    (tmp_path / "originals/993.text.gz").unlink()
    with Store(path) as store:
        assert store.notices == []
        assert store.missing_originals() == [993]


def three_days_rated(path: Path, fixtures: Path) -> int:
    """A store of three days, Day 993 rated 4; returns the page number of the day index."""
    with Store(path) as store:
        for name in ("day-993-seed.txt", "day-1000-russian-first.txt", "day-210-bulletin.txt"):
            store.save(*load(fixtures / "text" / name))
        store.rate(993, 4)
        page: int = store._db.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_digest_1'"
        ).fetchone()[0]
    return page


def spoil(path: Path, offset: int, value: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] = value
    path.write_bytes(data)


def test_a_spoilt_index_page_is_found_when_the_store_next_opens(tmp_path, fixtures):
    path = tmp_path / "db.sqlite3"
    page = three_days_rated(path, fixtures)
    spoil(path, (page - 1) * 4096, 0x07)  # the page's type byte: no such b-tree page type
    with sqlite3.connect(path) as db:  # reading the table itself still works
        assert db.execute("SELECT count(*) FROM digest NOT INDEXED").fetchone()[0] == 3
    with pytest.raises(StoreDamaged, match="is damaged"):
        Store(path)
    found = salvage(path)
    assert [(r.day, r.stars) for r in found.records] == [(993, 4)]
    assert sorted(found.originals) == [210, 993, 1000]


def test_an_index_entry_pointing_at_the_wrong_row_is_found(tmp_path, fixtures):
    path = tmp_path / "db.sqlite3"
    page = three_days_rated(path, fixtures)
    data = path.read_bytes()
    start = (page - 1) * 4096
    cell = int.from_bytes(data[start + 8 : start + 10], "big")  # the first cell's offset
    # An index cell: payload size, header size, the day's type, the rowid's type, day, rowid.
    rowid_at = start + cell + 1 + data[start + cell + 1]
    rowid_at += {1: 1, 2: 2}[data[start + cell + 2]]
    spoil(path, rowid_at, data[rowid_at] + 7)
    with sqlite3.connect(path) as db:  # quick_check does not compare indexes with tables
        assert db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    with pytest.raises(StoreDamaged, match="is damaged"):
        Store(path)


def test_a_store_that_cannot_be_written_opens_read_only(tmp_path, fixtures):
    path = tmp_path / "db.sqlite3"
    with Store(path) as store:
        store.save(*load(fixtures / "text/day-993-seed.txt"))
        store.rate(993, 4)
    with Store(path, read_only=True) as store:
        assert store.read_only
        assert store.rating(993) == 4
        assert [entry.day for entry in store.days()] == [993]
        with pytest.raises(StoreReadOnly, match="read-only .* so nothing was changed"):
            store.rate(993, 1)
    assert not any(name.endswith(("-wal", "-shm")) for name in os.listdir(tmp_path))


@pytest.mark.parametrize("damaged", [False, True], ids=["rebuild", "damaged"])
def test_a_rebuild_keeps_the_readers_choices_votes_waiting_and_items_that_are_not_digests(
    tmp_path, fixtures, damaged
):
    from tui_reader.recovery import rebuild
    from tui_reader.store import FetchProblem

    path = tmp_path / "db.sqlite3"
    page = three_days_rated(path, fixtures)
    with Store(path) as store:
        store.save(*load(fixtures / "html/k2-item-36903-day-993.html"))
        store.set_state("last_day", "1000")
        store.set_state("compare", "on")
        assert store.queue_vote(993, 4) is not None
        store.note_fetch_problem(FetchProblem(4242, "https://example.org/4242", True, "a recipe"))
    if damaged:
        spoil(path, (page - 1) * 4096, 0x07)  # the day index: the tables can still be read
        with pytest.raises(StoreDamaged):
            Store(path)
    rebuild(path, why="damaged" if damaged else "before-rebuild")
    with Store(path) as store:
        assert store.get_state("last_day") == "1000"
        assert store.get_state("compare") == "on"
        assert [(vote.day, vote.stars) for vote in store.pending_votes()] == [(993, 4)]
        assert [problem.item_id for problem in store.fetch_problems()] == [4242]
        assert store.rating(993) == 4

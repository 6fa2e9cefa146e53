"""The SQLite store: keys, re-imports, ratings, migrations, damage and concurrent use."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from tui_reader.parse import read_digest
from tui_reader.store import MIGRATIONS, SaveOutcome, Store, StoreError


def load(path: Path):
    return read_digest(path.read_bytes(), str(path))


def test_save_then_read_back_everything(tmp_path, fixtures):
    digest, raw = load(fixtures / "html/k2-item-36903-day-993.html")
    with Store(tmp_path / "db.sqlite3") as store:
        assert store.save(digest, raw) is SaveOutcome.ADDED
        assert store.digest(993) == digest
        [(day, stored_raw)] = list(store.raw_pages())
        assert day == 993
        assert stored_raw.content == raw.content
        assert stored_raw.format == "html"


def test_reimport_updates_in_place_and_keeps_the_rating(tmp_path, fixtures):
    digest, raw = load(fixtures / "text/day-993-seed.txt")
    with Store(tmp_path / "db.sqlite3") as store:
        store.save(digest, raw)
        store.rate(993, 4)
        store.set_read(993)
        assert store.save(digest, raw) is SaveOutcome.UNCHANGED
        page, page_raw = load(fixtures / "html/k2-item-36903-day-993.html")
        assert store.save(page, page_raw) is SaveOutcome.UPDATED
        assert store.count() == 1
        assert store.rating(993) == 4
        assert store.is_read(993)
        assert store.digest(993).item_id == 36903


def test_item_id_is_the_key_when_known(tmp_path, fixtures):
    digest, raw = load(fixtures / "html/k2-item-36903-day-993.html")
    with Store(tmp_path / "db.sqlite3") as store:
        store.save(digest, raw)
        store.rate(993, 2)
        moved = replace(
            digest, url=digest.url.replace("ns-special", "ns-video"), title=digest.title + " "
        )
        assert store.save(moved) is SaveOutcome.UPDATED
        assert store.count() == 1
        assert store.rating(993) == 2
        with pytest.raises(StoreError, match="already stored as site item 36903"):
            store.save(replace(digest, item_id=99999))
        assert store.digest(993).item_id == 36903


def test_text_import_after_page_keeps_the_item_id(tmp_path, fixtures):
    with Store(tmp_path / "db.sqlite3") as store:
        store.save(*load(fixtures / "html/k2-item-36903-day-993.html"))
        store.save(*load(fixtures / "text/day-993-seed.txt"))
        assert store.digest(993).item_id == 36903


def test_listing_does_not_load_bodies(tmp_path, fixtures):
    with Store(tmp_path / "db.sqlite3") as store:
        for name in ("day-993-seed.txt", "day-210-bulletin.txt", "day-1001-missing-russian.txt"):
            store.save(*load(fixtures / "text" / name))
        store.rate(210, 5)
    raw = sqlite3.connect(tmp_path / "db.sqlite3")
    raw.execute("UPDATE digest SET body = 'not json at all'")
    raw.commit()
    raw.close()
    with Store(tmp_path / "db.sqlite3") as store:
        entries = store.days()
        assert [e.day for e in entries] == [1001, 993, 210]
        assert (
            entries[1].headlines["western"]
            == "North Korea ratifies mutual defence treaty with Russia"
        )
        assert entries[2].rating == 5
        assert entries[2].kind.value == "bulletin"
        assert entries[0].read is False
        assert store.day_numbers() == [1001, 993, 210]
        assert store.day_entries([210, 1001, 5]) == {210: entries[2], 1001: entries[0]}
        assert store.unread_count() == 3
        store.set_read(993)
        assert store.unread_count() == 2
        assert store.day_entry(993).read


def test_a_batch_lands_at_once_and_a_failing_write_inside_is_undone_alone(tmp_path, fixtures):
    path = tmp_path / "db.sqlite3"
    page, page_raw = load(fixtures / "html/k2-item-36903-day-993.html")
    with Store(path) as store, Store(path) as other:
        with store.batch():
            store.save(*load(fixtures / "text/day-210-bulletin.txt"))
            store.rate(210, 4)
            store.save(page, page_raw)
            with pytest.raises(StoreError, match="already stored as site item 36903"):
                store.save(replace(page, item_id=99999, title="Another"))
            assert other.count() == 0, "nothing shows outside the batch before it ends"
        assert other.day_numbers() == [993, 210]
        assert other.rating(210) == 4
        assert other.digest(993) == page


def test_an_exception_leaving_a_batch_undoes_all_of_it(tmp_path, fixtures):
    def interrupted_import(store: Store) -> None:
        with store.batch():
            store.save(*load(fixtures / "text/day-993-seed.txt"))
            raise KeyboardInterrupt

    with Store(tmp_path / "db.sqlite3") as store:
        with pytest.raises(KeyboardInterrupt):
            interrupted_import(store)
        assert store.count() == 0
        store.save(*load(fixtures / "text/day-993-seed.txt"))
        assert store.count() == 1


def test_opening_a_store_waits_for_no_one_writing_to_it(tmp_path):
    path = tmp_path / "db.sqlite3"
    Store(path).close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a fetch in another warday, in the middle of a write
    try:
        with Store(path) as store:
            assert store.count() == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_rating_bounds_and_clearing(tmp_path, fixtures):
    with Store(tmp_path / "db.sqlite3") as store:
        store.save(*load(fixtures / "text/day-993-seed.txt"))
        with pytest.raises(StoreError, match="1 to 5"):
            store.rate(993, 6)
        with pytest.raises(StoreError, match="Day 5 is not stored"):
            store.rate(5, 3)
        store.rate(993, 3)
        store.rate(993, 0)
        assert store.rating(993) is None


def test_migrations_bring_an_old_file_up_to_date(tmp_path):
    path = tmp_path / "db.sqlite3"
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError, match="newer warday"):
        Store(path)


def test_two_connections_at_once_see_each_others_writes(tmp_path, fixtures):
    path = tmp_path / "db.sqlite3"
    with Store(path) as first, Store(path) as second:
        first.save(*load(fixtures / "text/day-993-seed.txt"))
        second.rate(993, 5)
        assert first.rating(993) == 5
        assert second.digest(993).day == 993


def test_full_disk_is_a_plain_error_and_loses_nothing(tmp_path, fixtures):
    path = tmp_path / "db.sqlite3"
    with Store(path) as store:
        store.save(*load(fixtures / "text/day-993-seed.txt"))
        store.rate(993, 4)
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")
        big, raw = load(fixtures / "text/day-210-bulletin.txt")
        big = replace(big, sections=big.sections * 400)
        with pytest.raises(StoreError, match="disk holding .* is full; free some space"):
            store.save(big, raw)
    with Store(path) as store:
        assert [e.day for e in store.days()] == [993]
        assert store.rating(993) == 4


def test_damaged_file_is_a_plain_error(tmp_path):
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="damaged"):
        Store(path)

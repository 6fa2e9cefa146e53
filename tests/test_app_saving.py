"""The reader stores ratings and read marks off the UI thread: a busy database never freezes the
screen, a rating waits (and says so) until it can be stored, and quitting loses none of them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest_app import make_app, notices, perspectives_day, saved, screen_text

from tui_reader.places import resolve_places
from tui_reader.store import Store

WIDE = (160, 40)


def three_days():
    return [perspectives_day(day) for day in (1100, 1099, 1098)]


def hold_write_lock(home: Path) -> sqlite3.Connection:
    """Another process's view: a connection holding the database's write lock."""
    other = sqlite3.connect(resolve_places(home).database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def header(app) -> str:
    return screen_text(app).splitlines()[0]


async def test_a_rating_made_while_another_warday_writes_waits_then_is_stored(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=WIDE) as pilot:
        await saved(pilot)
        other = hold_write_lock(home)
        await pilot.press("4")
        await pilot.pause(0.8)
        assert "★★★★☆" in header(app), "the stars show at once"
        assert "Day 1100 rated 4/5: waiting to be saved, another warday is writing" in (
            screen_text(app)
        )
        await pilot.press("j")  # the screen answers keys while the database is held
        await pilot.pause()
        assert "Day 1099" in header(app)
        assert "Day 1100 rated 4/5" not in notices(app)
        other.execute("COMMIT")
        other.close()
        for _ in range(60):
            await pilot.pause(0.1)
            if "Day 1100 rated 4/5" in notices(app):
                break
        assert "Day 1100 rated 4/5" in notices(app)
        assert "waiting to be saved" not in screen_text(app)
    with Store(resolve_places(home).database) as store:
        assert store.rating(1100) == 4


async def test_quitting_while_the_database_is_busy_keeps_the_rating_in_ratings_toml(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=WIDE) as pilot:
        await saved(pilot)
        other = hold_write_lock(home)
        await pilot.press("5", "j", "u")
        await pilot.pause(0.5)
        await pilot.press("q")
        await pilot.pause()
    app.keep_unsaved()
    other.execute("ROLLBACK")
    other.close()
    assert "1 rating(s) or read mark(s) are kept" not in app.unsaved_note
    assert "2 rating(s) or read mark(s) are kept in" in app.unsaved_note
    ratings = (home / "data/ratings.toml").read_text()
    assert "[days.1100]\nstars = 5" in ratings
    assert "[days.1099]\nread_at" in ratings
    with Store(resolve_places(home).database) as store:
        assert store.rating(1100) == 5
        assert store.is_read(1099)
        assert "Took in" in store.notices[0]


async def test_each_reader_shows_the_others_rating_when_it_refreshes(home: Path):
    app = make_app(home, three_days())
    async with app.run_test(size=WIDE) as pilot:
        await saved(pilot)
        assert "Day 1099 26 Feb 25 ☆☆☆☆☆" in screen_text(app)
        with Store(resolve_places(home).database) as elsewhere:
            elsewhere.rate(1099, 3)
        for _ in range(50):  # the reader looks every 2 seconds; give a loaded machine 10
            await pilot.pause(0.2)
            if "Day 1099 26 Feb 25 ★★★☆☆" in screen_text(app):
                break
        assert "Day 1099 26 Feb 25 ★★★☆☆" in screen_text(app)


async def test_a_read_only_store_opens_with_a_notice_and_keeps_ratings_out(home: Path):
    database = resolve_places(home).database
    make_app(home, three_days()).store.close()
    app = make_app(home)
    app.store.close()
    app.store = Store(database, read_only=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert any(note.startswith("Reading only: opened read-only.") for note in notices(app))
        await pilot.press("4")
        await pilot.pause()
        assert "Day 1100 rated 4/5 is not saved: reading only" in " ".join(notices(app))
        assert "★★★★☆" not in header(app)
    with Store(database) as store:
        assert store.rating(1100) is None

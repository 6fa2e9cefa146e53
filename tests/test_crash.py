"""kill -9 at the worst moments, with real processes: during an import, during a fetch, right
after a rating key. Each time the store opens, SQLite's integrity_check is ok, every rating that
was acknowledged is there (in the database and in ratings.toml), every stored day has its kept
original, and running the command again finishes the job."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from k2site import K2Site, digest_story, item_html, write_config
from terminal import WARDAY, Terminal, needs_tmux, terminal_env

from tui_reader.disk.ratings_file import RatingsFile

FIXTURES = Path(__file__).parent / "fixtures"


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [WARDAY, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def stored_days(home: Path) -> int:
    """How many days are stored, read as another process would (0 before the file exists)."""
    database = home / "data/warday.sqlite3"
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as db:
            return int(db.execute("SELECT count(*) FROM digest").fetchone()[0])
    except sqlite3.Error:
        return 0


def kill_when(process: subprocess.Popen[str], home: Path, days: int, timeout: float = 60) -> int:
    """SIGKILL `process` once `days` days are stored; returns how many were stored then."""
    deadline = time.monotonic() + timeout
    while stored_days(home) < days:
        assert process.poll() is None, "finished before it could be killed"
        assert time.monotonic() < deadline, "too slow to reach the kill point"
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return stored_days(home)


def assert_sound(home: Path, env: dict[str, str], ratings: dict[int, int]) -> dict[int, dict]:
    """The store is whole: integrity_check ok, ratings kept twice, every day's original kept."""
    database = home / "data/warday.sqlite3"
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    listed = run(env, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert "Traceback" not in listed.stderr
    rows = {row["day"]: row for row in json.loads(listed.stdout)}
    for day, stars in ratings.items():
        assert rows[day]["rating"] == stars, day
    in_file = {
        record.day: record.stars for record in RatingsFile(home / "data/ratings.toml").read()
    }
    assert {day: in_file.get(day) for day in ratings} == ratings
    names = os.listdir(home / "data/originals")
    kept = {int(name.split(".")[0]) for name in names if name[0].isdigit()}
    assert set(rows) <= kept, set(rows) - kept
    return rows


def test_kill_9_during_import_loses_nothing(home: Path, tmp_path: Path):
    env = terminal_env(home)
    pages = tmp_path / "pages"
    pages.mkdir()
    for number, day in enumerate(range(400, 800)):
        story = digest_story(day, 40000 + number)
        (pages / f"{day}.html").write_text(item_html(story, f"https://example.org/item/{day}"))
    assert run(env, "import", str(pages / "400.html")).returncode == 0
    assert run(env, "rate", "400", "4").returncode == 0
    for kill_at in (40, 150, 300):
        importing = subprocess.Popen(
            [WARDAY, "import", str(pages)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        stored = kill_when(importing, home, kill_at)
        assert kill_at <= stored < 400
        assert_sound(home, env, {400: 4})
    assert run(env, "import", str(pages)).returncode == 0
    rows = assert_sound(home, env, {400: 4})
    assert len(rows) == 400
    checked = run(env, "check")
    assert checked.returncode == 0, checked.stdout
    assert not [name for name in os.listdir(home / "data/originals") if name.startswith(".")]
    checked = run(env, "check")
    assert checked.returncode == 0, checked.stdout
    assert not [name for name in os.listdir(home / "data/originals") if name.startswith(".")]


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    with K2Site(digests=150, first_day=400) as running:
        running.item_delay = 0.01
        yield running


def test_kill_9_during_fetch_loses_nothing_and_the_next_fetch_finishes(home: Path, site: K2Site):
    write_config(home, sources=[site.listing_url()], concurrency=4)
    env = terminal_env(home)
    assert run(env, "import", str(FIXTURES / "text/day-993-seed.txt")).returncode == 0
    assert run(env, "rate", "993", "5").returncode == 0
    for kill_at in (20, 70):
        fetching = subprocess.Popen(
            [WARDAY, "fetch", "--quiet"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        kill_when(fetching, home, kill_at)
        assert_sound(home, env, {993: 5})
    finished = run(env, "fetch")
    assert finished.returncode == 0, finished.stdout + finished.stderr
    rows = assert_sound(home, env, {993: 5})
    assert len(rows) == 151


@needs_tmux
def test_kill_9_right_after_rating_keys(home: Path, tmp_path: Path):
    env = terminal_env(home)
    run(env, "import", str(FIXTURES / "text"))
    config = home / "config/config.toml"
    config.write_text(config.read_text().replace("sync_on_start = true", "sync_on_start = false"))
    terminal = Terminal(f"warday-crash-{os.getpid()}-{tmp_path.name}", env)
    try:
        terminal.start(f"{WARDAY} 993", 160, 48)
        terminal.wait_for("North Korea ratifies")
        terminal.keys("5")
        terminal.wait_for("Day 993 rated 5/5")  # acknowledged: stored, then said
        terminal.keys("p", "3")
        os.kill(terminal.command_pid(), signal.SIGKILL)  # no wait for the second one
    finally:
        terminal.close()
    rows = assert_sound(home, env, {993: 5})
    assert rows[210]["rating"] in (None, 3), "the unacknowledged rating is either in or out"

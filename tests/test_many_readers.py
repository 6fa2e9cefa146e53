"""Two readers of one user (two SSH logins) rate and read while `warday fetch` runs from cron,
all real processes on one store: no "database is locked" reaches either screen, no rating is
lost, and each reader shows the other's ratings when it refreshes (every 2 seconds)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from k2site import K2Site, write_config
from terminal import WARDAY, Terminal, needs_tmux, terminal_env

from tui_reader.disk.ratings_file import RatingsFile

pytestmark = needs_tmux
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    with K2Site(digests=250, first_day=400) as running:
        running.item_delay = 0.06
        yield running


def row(day: int, date: str, stars: int) -> str:
    """The day list's line for `day` with `stars`."""
    return f"Day {day} {date} " + "★" * stars + "☆" * (5 - stars)


def test_two_readers_and_a_cron_fetch_share_one_store(home: Path, site: K2Site, tmp_path: Path):
    write_config(home, sources=[site.listing_url()], sync_on_start=False, concurrency=4)
    env = terminal_env(home)
    subprocess.run([WARDAY, "import", str(FIXTURES / "text")], env=env, capture_output=True)
    first = Terminal(f"warday-a-{os.getpid()}-{tmp_path.name}", env)
    second = Terminal(f"warday-b-{os.getpid()}-{tmp_path.name}", env)
    cron = subprocess.Popen(
        [WARDAY, "fetch", "--quiet"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first.start(f"{WARDAY} 1002", 160, 40)
        second.start(f"{WARDAY} 1001", 160, 40)
        first.wait_for("Day 1002 · ")
        second.wait_for("Day 1001 · ")
        ratings: dict[int, int] = {}
        # Each reader rates three days, moving down the list, while the fetch stores days.
        for terminal, days, keys in (
            (first, (1002, 1001, 1000), ("4", "2", "5")),
            (second, (1001, 1000, 994), ("3", "1", "2")),
        ):
            for index, (day, stars) in enumerate(zip(days, keys, strict=True)):
                if index:
                    terminal.keys("p")
                    terminal.wait_for(f"Day {day} · ")
                terminal.keys(stars)
                terminal.wait_for(f"Day {day} rated {stars}/5")
                ratings[day] = int(stars)
        assert cron.poll() is None, "the fetch should still be running while the readers rate"
        # The second reader's ratings of 1001 and 1000 are the later ones; the first reader
        # shows them once it refreshes, and the second shows the first's rating of 1002.
        first.wait_for(row(1001, "20 Nov 24", 3), row(1000, "19 Nov 24", 1), timeout=10)
        second.wait_for(row(1002, "21 Nov 24", 4), timeout=10)
        out, err = cron.communicate(timeout=120)
        assert cron.returncode == 0, out + err
        for terminal in (first, second):
            screen = terminal.screen()
            assert "locked" not in screen
            assert "busy" not in screen
            terminal.keys("q")
    finally:
        cron.kill()
        first.close()
        second.close()
    listed = subprocess.run(
        [WARDAY, "list", "--json"], env=env, capture_output=True, text=True, check=True
    )
    rows = {row["day"]: row["rating"] for row in json.loads(listed.stdout)}
    assert len(rows) == 6 + 250
    assert {day: rows[day] for day in ratings} == {1002: 4, 1001: 3, 1000: 1, 994: 2}
    in_file = {
        record.day: record.stars for record in RatingsFile(home / "data/ratings.toml").read()
    }
    assert {day: in_file[day] for day in ratings} == {1002: 4, 1001: 3, 1000: 1, 994: 2}
    with sqlite3.connect(home / "data/warday.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]

"""Nothing you rated is lost: a deleted or damaged database is rebuilt from the kept originals
and ratings.toml; check, rebuild, restore-ratings and export --ratings; plain errors."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from terminal import WARDAY

from tui_reader.places import resolve_places


def listed(warday) -> dict[int, dict]:
    result = warday("list", "--json")
    assert result.code == 0, result.err
    return {row["day"]: row for row in json.loads(result.out)}


def rated_archive(warday, fixtures) -> None:
    warday("import", str(fixtures / "text"))
    warday("rate", "993", "4")
    warday("rate", "1000", "2")


def database_files(home: Path) -> list[Path]:
    data = home / "data"
    return [data / name for name in os.listdir(data) if name.startswith("warday.sqlite3")]


def test_deleting_the_database_loses_nothing_rated(warday, fixtures, home):
    rated_archive(warday, fixtures)
    for path in database_files(home):
        path.unlink()
    result = warday("list", "--json")
    rows = {row["day"]: row for row in json.loads(result.out)}
    assert sorted(rows) == [210, 993, 994, 1000, 1001, 1002]
    assert (rows[993]["rating"], rows[1000]["rating"]) == (4, 2)
    assert "was missing, so warday rebuilt the store from 6 kept originals" in result.err


def test_a_database_that_is_not_a_database_is_moved_aside_and_rebuilt(warday, fixtures, home):
    rated_archive(warday, fixtures)
    database = resolve_places().database
    for path in database_files(home):
        path.unlink()
    database.write_bytes(b"this is not a database " * 200)
    result = warday("export", "--format", "json")
    assert result.code == 0
    exported = {item["day"]: item["rating"] for item in json.loads(result.out)}
    assert exported[993] == 4
    message = " ".join(result.err.split())
    assert "is damaged (file is not a database). Moved it to" in message
    aside = next(p for p in (home / "data").iterdir() if ".damaged-" in p.name)
    assert str(aside) in message
    assert aside.read_bytes().startswith(b"this is not a database")


def test_damage_found_while_a_command_runs_is_repaired_and_the_command_rerun(
    warday, fixtures, home
):
    rated_archive(warday, fixtures)
    database = resolve_places().database
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'rating'").fetchone()[0]
    # Spoil the rating table's page, then make the file look as warday last left it, so that
    # the check at open is skipped and the damage is met by the command itself.
    data = bytearray(database.read_bytes())
    data[(page - 1) * 4096] = 0x07
    stamp_file = database.with_name("warday.sqlite3-checked")
    database.write_bytes(data)
    info = database.stat()
    stamp_file.write_text(f"{info.st_ino}:{info.st_size}:{info.st_mtime_ns}")
    result = warday("rate", "994", "5")
    assert result.code == 0, result.err
    assert "is damaged (database disk image is malformed). Moved it to" in " ".join(
        result.err.split()
    )
    rows = listed(warday)
    assert (rows[993]["rating"], rows[1000]["rating"], rows[994]["rating"]) == (4, 2, 5)


def test_check_reports_a_healthy_store_and_writes_missing_originals_again(warday, fixtures, home):
    rated_archive(warday, fixtures)
    (home / "data/originals/993.text.gz").unlink()
    result = warday("check")
    assert result.code == 0
    assert "integrity_check ok, 6 days" in result.out
    assert "1 were missing on disk; written out again" in result.out
    assert "rated days: 2" in result.out
    assert "ratings.toml matches the database" in result.out
    assert (home / "data/originals/993.text.gz").exists()


def test_check_finds_damage_that_plain_reads_miss_and_rebuilds(warday, fixtures, home):
    rated_archive(warday, fixtures)
    database = resolve_places().database
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = db.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_digest_1'"
        ).fetchone()[0]
    data = bytearray(database.read_bytes())
    data[(page - 1) * 4096] = 0x07
    database.write_bytes(data)
    result = warday("check")
    assert result.code == 1
    assert "Moved it to" in result.err
    assert listed(warday)[993]["rating"] == 4


def test_rebuild_keeps_the_old_database_and_every_rating(warday, fixtures, home):
    rated_archive(warday, fixtures)
    result = warday("rebuild")
    assert result.code == 0
    assert "The old database is" in result.out
    assert "rebuilt the store from 6 kept originals and ratings.toml: 2 rated days" in result.out
    assert any(".before-rebuild-" in p.name for p in (home / "data").iterdir())
    assert listed(warday)[1000]["rating"] == 2


def test_export_ratings_then_restore_them_into_a_new_store(warday, fixtures, home, tmp_path):
    rated_archive(warday, fixtures)
    saved = tmp_path / "my-ratings.toml"
    assert warday("export", "--ratings", "-o", str(saved)).code == 0
    assert "[days.993]" in saved.read_text()
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    for path in [*database_files(home), home / "data/ratings.toml"]:
        path.unlink()
    warday("rate", "993", "1")  # rebuilt from the originals alone; then rated anew, later
    result = warday("restore-ratings", str(saved))
    assert result.code == 0
    assert "1 rating set" in result.out
    assert "1 left as the store had them (same or newer)" in result.out
    rows = listed(warday)
    assert (rows[993]["rating"], rows[1000]["rating"]) == (1, 2)


def test_restore_ratings_holds_ratings_of_days_not_stored_until_they_are(
    warday, fixtures, tmp_path
):
    file = tmp_path / "ratings.toml"
    file.write_text("[days.1001]\nstars = 3\nrated_at = 2024-11-20T08:00:00\n")
    warday("import", str(fixtures / "text/day-993-seed.txt"))
    result = warday("restore-ratings", str(file))
    assert "1 kept for days not stored yet" in result.out
    warday("import", str(fixtures / "text/day-1001-missing-russian.txt"))
    assert listed(warday)[1001]["rating"] == 3


def test_restore_ratings_refuses_a_bad_file_in_one_sentence(warday, tmp_path):
    file = tmp_path / "ratings.toml"
    file.write_text("[days.993]\nstars = 7\nrated_at = 2024-11-20T08:00:00\n")
    result = warday("restore-ratings", str(file))
    assert result.code == 1
    assert result.err.strip().endswith("days.993.stars must be 0 to 5.")
    assert "Traceback" not in result.err


def test_export_ratings_works_when_the_store_cannot_be_opened(warday, fixtures, home):
    rated_archive(warday, fixtures)
    database = resolve_places().database
    for path in database_files(home):
        path.unlink()
    database.write_bytes(b"not a database " * 300)
    os.chmod(home / "data", 0o500)  # as root this still writes: the store opens read-only
    try:
        result = warday("export", "--ratings")
    finally:
        os.chmod(home / "data", 0o700)
    assert result.code == 0
    assert "stars = 4" in result.out


def run_warday(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [WARDAY, *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("WARDAY_HOME", "XDG_DATA_HOME")}
    env.pop("XDG_CONFIG_HOME", None)
    return {**env, **extra}


def test_an_unusable_home_is_one_sentence_not_a_traceback():
    result = run_warday("list", env=clean_env(HOME="/dev/null/x"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("warday: warday keeps its data in /dev/null/x/")
    assert "(Not a directory); set WARDAY_HOME" in line


def test_debug_shows_the_traceback():
    result = run_warday("--debug", "list", env=clean_env(HOME="/dev/null/x"))
    assert result.returncode == 1
    assert "Traceback" in result.stderr


def test_a_bad_config_is_one_sentence(home, tmp_path):
    (home / "config").mkdir(parents=True)
    (home / "config/config.toml").write_text("concurrency = 99\n")
    result = run_warday("list", env=clean_env(WARDAY_HOME=str(home)))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f'warday: {home}/config/config.toml: "concurrency" must be a whole number from 1 to 16,'
        " not 99."
    )
    (home / "config/config.toml").write_text("theme = [\n")
    result = run_warday("list", env=clean_env(WARDAY_HOME=str(home)))
    assert result.returncode == 1
    assert "is not valid TOML" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_files_warday_creates_are_yours_alone(home, fixtures):
    env = clean_env(WARDAY_HOME=str(home))
    run_warday("import", str(fixtures / "text/day-993-seed.txt"), env=env)
    run_warday("rate", "993", "3", env=env)
    for directory in (home / "config", home / "data", home / "data/originals"):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700, directory
    for path in (home / "data").rglob("*"):
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE((home / "config/config.toml").stat().st_mode) == 0o600


def test_python_sees_no_stray_output_from_a_clean_run(home, fixtures):
    result = subprocess.run(
        [sys.executable, "-m", "tui_reader", "check"],
        env=clean_env(WARDAY_HOME=str(home)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""

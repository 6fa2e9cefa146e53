"""Hard limits with real processes: a read-only mount, a store owned by someone else or not
writable by you, a full disk. Each gives reading where reading is possible, and otherwise one
plain sentence and exit status 1, never a traceback, and nothing stored is lost.

These need root (to mount a read-only bind or a tiny tmpfs in a private mount namespace, and to
run warday as another user); they are skipped elsewhere.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from terminal import WARDAY

FIXTURES = Path(__file__).parent / "fixtures"
NOBODY = 65534


def _works(*command: str) -> bool:
    try:
        return subprocess.run(command, capture_output=True, timeout=20, check=False).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_mounts = pytest.mark.skipif(
    not (IS_ROOT and shutil.which("unshare") and _works("unshare", "-m", "true")),
    reason="needs root and private mount namespaces (unshare -m)",
)
AS_NOBODY = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
needs_other_user = pytest.mark.skipif(
    not (IS_ROOT and shutil.which("setpriv") and _works(*AS_NOBODY, WARDAY, "--version")),
    reason="needs root, setpriv, and an installed warday that another user can run",
)


@pytest.fixture
def shared_home() -> Iterator[Path]:
    """A home with a rated archive, in a directory other users can reach (not pytest's tmp)."""
    base = Path(tempfile.mkdtemp(prefix="warday-faults-"))
    base.chmod(0o755)
    home = base / "home"
    env = environment(home)
    subprocess.run([WARDAY, "import", str(FIXTURES / "text")], env=env, capture_output=True)
    subprocess.run([WARDAY, "rate", "993", "4"], env=env, capture_output=True, check=True)
    yield home
    shutil.rmtree(base, ignore_errors=True)


def environment(home: Path) -> dict[str, str]:
    env = {**os.environ, "WARDAY_HOME": str(home), "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    return env


def run(command: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, env=environment(home), capture_output=True, text=True, timeout=60, check=False
    )


def in_mount_namespace(script: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run `script` (sh) with mounts of its own, which vanish when it ends."""
    return run(["unshare", "-m", "sh", "-ec", script], home)


def assert_one_plain_sentence(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    for text in expected:
        assert text in line, line


@needs_mounts
def test_a_store_on_a_read_only_mount_is_read_and_not_changed(shared_home: Path):
    data = shared_home / "data"
    before = sorted(os.listdir(data))
    mount = f"mount --bind -o ro {data} {data}"
    listed = in_mount_namespace(f"{mount}; {WARDAY} list --json", shared_home)
    assert listed.returncode == 0, listed.stderr
    assert {row["day"]: row["rating"] for row in json.loads(listed.stdout)}[993] == 4
    assert f"{data} is on a read-only file system" in listed.stderr
    shown = in_mount_namespace(f"{mount}; {WARDAY} show 993", shared_home)
    assert shown.returncode == 0
    assert "North Korea ratifies" in shown.stdout
    exported = in_mount_namespace(f"{mount}; {WARDAY} export --ratings", shared_home)
    assert "[days.993]\nstars = 4" in exported.stdout
    rated = in_mount_namespace(f"{mount}; {WARDAY} rate 993 1", shared_home)
    assert_one_plain_sentence(rated, "The store is read-only", "read-only file system")
    assert sorted(os.listdir(data)) == before


@needs_mounts
def test_a_full_disk_is_one_sentence_and_loses_nothing(shared_home: Path):
    data = shared_home / "data"
    script = f"""
        cp -a {data} /tmp/warday-full-copy-$$
        mount -t tmpfs -o size=1m,mode=0700 tmpfs {data}
        cp -a /tmp/warday-full-copy-$$/. {data}/ && rm -rf /tmp/warday-full-copy-$$
        dd if=/dev/zero of={data}/filler bs=4k 2>/dev/null || true
        {WARDAY} rate 1000 5 && exit 9
        {WARDAY} import {FIXTURES}/html/k2-item-30279-day-197-bulletin.html > /dev/null && exit 9
        rm {data}/filler
        {WARDAY} list --json
    """
    result = in_mount_namespace(script, shared_home)
    assert result.returncode == 0, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors, "the failed rating said nothing"
    assert "Traceback" not in result.stderr
    assert any("is full; free some space" in line or "No space left" in line for line in errors), (
        errors
    )
    ratings = {row["day"]: row["rating"] for row in json.loads(result.stdout)}
    assert ratings[993] == 4
    assert ratings[1000] is None
    assert 197 not in ratings


@needs_other_user
def test_a_store_owned_by_someone_else_is_read_but_never_written(shared_home: Path):
    for path in [shared_home, *shared_home.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    listed = run([*AS_NOBODY, WARDAY, "list", "--json"], shared_home)
    assert listed.returncode == 0, listed.stderr
    assert {row["day"]: row["rating"] for row in json.loads(listed.stdout)}[993] == 4
    assert f"({shared_home / 'data'} belongs to root, not to you)" in listed.stderr
    rated = run([*AS_NOBODY, WARDAY, "rate", "993", "2"], shared_home)
    assert_one_plain_sentence(rated, "The store is read-only", "belongs to root, not to you")
    owners = {path.stat().st_uid for path in shared_home.rglob("*")}
    assert owners == {0}, "nothing was created as the other user"


@needs_other_user
def test_root_does_not_write_into_a_users_store_either(shared_home: Path):
    for path in [shared_home, *shared_home.rglob("*")]:
        os.chown(path, NOBODY, NOBODY)
    rated = run([WARDAY, "rate", "993", "2"], shared_home)
    assert_one_plain_sentence(rated, "read-only", "belongs to nobody, not to you")
    assert {path.stat().st_uid for path in shared_home.rglob("*")} == {NOBODY}
    listed = run([*AS_NOBODY, WARDAY, "list", "--json"], shared_home)
    assert {row["day"]: row["rating"] for row in json.loads(listed.stdout)}[993] == 4


@needs_other_user
def test_a_data_dir_you_cannot_write_is_read_only(shared_home: Path):
    for path in [shared_home, *shared_home.rglob("*")]:
        os.chown(path, NOBODY, NOBODY)
    (shared_home / "data").chmod(0o500)
    listed = run([*AS_NOBODY, WARDAY, "list"], shared_home)
    assert listed.returncode == 0, listed.stderr
    assert "is not writable by you" in listed.stderr
    rated = run([*AS_NOBODY, WARDAY, "rate", "993", "2"], shared_home)
    assert_one_plain_sentence(rated, "read-only", "is not writable by you")


@needs_other_user
def test_a_home_you_cannot_create_anything_in_is_one_sentence(tmp_path: Path):
    base = Path(tempfile.mkdtemp(prefix="warday-faults-"))
    base.chmod(0o755)
    try:
        result = run([*AS_NOBODY, WARDAY, "list"], base / "home")
        assert_one_plain_sentence(result, f"warday keeps its data in {base / 'home'}")
        assert "(Permission denied); set WARDAY_HOME" in result.stderr
    finally:
        shutil.rmtree(base)

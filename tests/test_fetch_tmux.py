"""`warday fetch` in a real terminal (tmux) against a local site of 300 digests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from k2site import K2Site, write_config

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

WARDAY = shutil.which("warday", path=str(Path(sys.executable).parent)) or "warday"


def tmux(socket: str, env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", socket, *args], capture_output=True, text=True, env=env, check=False
    ).stdout


def wait_for(socket: str, env: dict[str, str], *texts: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = tmux(socket, env, "capture-pane", "-p", "-t", "t")
        if all(text in screen for text in texts):
            return screen
        time.sleep(0.05)
    raise AssertionError(f"{texts!r} never appeared; the screen was:\n{screen}")


def test_first_fetch_of_300_digests_shows_progress_then_second_fetch_is_one_request(home, monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    env = {**os.environ, "WARDAY_HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    env.pop("NO_COLOR", None)
    socket = f"warday-fetch-{os.getpid()}"
    with K2Site(digests=300, first_day=250) as site:
        site.item_delay = 0.02
        write_config(home, sources=[site.listing_url()])
        try:
            tmux(socket, env, "new-session", "-d", "-s", "t", "-x", "120", "-y", "8",
                 f"{WARDAY} fetch; echo exit=$?; sleep 60")
            running = wait_for(socket, env, "Fetching", "digests found")
            assert "0:00:0" in running  # the elapsed time column of the live display
            done = wait_for(socket, env, "exit=0")
            assert "300 new, 0 updated, 0 failed; 300 days stored" in done
            assert "Fetching" not in done  # the live display gives way to the summary
        finally:
            tmux(socket, env, "kill-server")
        before = len(site.requests)
        second = subprocess.run([WARDAY, "fetch"], env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0 and "0 new" in second.stdout
        assert len(site.requests) - before == 1
    listed = subprocess.run([WARDAY, "list", "--json"], env=env, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0 and listed.stdout.count('"day":') == 300

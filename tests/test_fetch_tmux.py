"""`warday fetch` in a real terminal (tmux) against a local site of 300 digests."""

from __future__ import annotations

import os
import subprocess

from k2site import K2Site, write_config
from terminal import WARDAY, Terminal, needs_tmux, terminal_env

pytestmark = needs_tmux


def test_first_fetch_of_300_digests_shows_progress_then_second_fetch_is_one_request(
    home, monkeypatch
):
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
    env = terminal_env(home)
    terminal = Terminal(f"warday-fetch-{os.getpid()}", env)
    with K2Site(digests=300, first_day=250) as site:
        site.item_delay = 0.02
        write_config(home, sources=[site.listing_url()])
        try:
            terminal.start(f"{WARDAY} fetch; echo exit=$?", 120, 8)
            running = terminal.wait_for("Fetching", "digests found", timeout=30)
            assert "0:00:0" in running  # the elapsed time column of the live display
            done = terminal.wait_for("exit=0", timeout=30)
            assert "300 new, 0 updated, 0 failed; 300 days stored" in done
            assert "Fetching" not in done  # the live display gives way to the summary
        finally:
            terminal.close()
        before = len(site.requests)
        second = subprocess.run(
            [WARDAY, "fetch"], env=env, capture_output=True, text=True, timeout=60
        )
        assert second.returncode == 0
        assert "0 new" in second.stdout
        assert len(site.requests) - before == 1
    listed = subprocess.run(
        [WARDAY, "list", "--json"], env=env, capture_output=True, text=True, timeout=60
    )
    assert listed.returncode == 0
    assert listed.stdout.count('"day":') == 300

"""Faults on the site: each is reported plainly, the sync goes on, and nothing stored is damaged."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from k2site import K2Site, write_config

from tui_reader.config import Config
from tui_reader.fetch.client import ClientSettings
from tui_reader.fetch.sync import SyncScope, sync
from tui_reader.places import resolve_places
from tui_reader.store import Store

QUICK = ClientSettings(concurrency=4, timeout=0.5, max_bytes=256 * 1024, attempts=2, backoff=0.05)
"""The client's real code with short waits, so faults cost fractions of a second."""

FAULTS = {
    "500": "the site answered 500 Internal Server Error",
    "429-long": "the site answered 429 Too Many Requests and asks to wait 3600 s; try later",
    "slow": "did not answer within 0.5 s",
    "cut": "the connection dropped before the page was complete",
    "png": "the site sent image/png, not a web page or feed",
    "huge": "the page is larger than the 0.25 MB limit (max_page_mb)",
    "loop": "the site redirects in a loop",
    "foreign": "the site redirected to another host (elsewhere.invalid); not followed",
    "notdigest": "not a digest: it has the title of Day",
    "stall": "the site stopped sending the page after 10 KB (nothing for 0.5 s)",
    "endless": "the page is larger than the 0.25 MB limit (max_page_mb)",
    "nested": "not a digest: its HTML nests elements more than 512 deep",
    "giant": "not a digest: its text runs past 100,000 characters; a digest has a few thousand",
}


async def fetch(store: Store, site: K2Site, **options):
    return await sync(store, Config(sources=(site.listing_url(),)), settings=QUICK, **options)


def snapshot(store: Store) -> dict[int, object]:
    return {entry.day: store.digest(entry.day) for entry in store.days()}


def integrity(path) -> str:
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


async def test_each_fault_is_reported_and_the_rest_is_stored(store: Store, k2: K2Site):
    k2.slow_seconds = 1.5
    digests = k2.digests
    faulty = dict(zip(FAULTS, digests, strict=False))
    for fault, story in faulty.items():
        k2.faults[story.item_id] = fault
    first_ok, second_ok = digests[len(FAULTS)], digests[len(FAULTS) + 1]
    recovering = {first_ok.item_id: "500-once", second_ok.item_id: "429-once"}
    k2.faults.update(recovering)

    report = await fetch(store, k2)

    assert report.failed == len(FAULTS)
    assert not report.offline
    for fault, story in faulty.items():
        line = next(error for error in report.errors if story.slug in error)
        assert FAULTS[fault] in line, (fault, line)
    stored = {entry.day for entry in store.days()}
    assert stored == {story.day for story in digests} - {story.day for story in faulty.values()}
    assert first_ok.day in stored
    assert second_ok.day in stored


async def test_retry_after_is_honoured(store: Store, k2: K2Site):
    story = k2.digests[0]
    k2.faults[story.item_id] = "429-once"
    await fetch(store, k2)
    times = [request.at for request in k2.requests if story.slug in request.path]
    assert len(times) == 2
    assert times[1] - times[0] >= 0.95
    assert store.digest(story.day) is not None


async def test_failed_items_are_tried_again_next_time_but_not_digests_are_not(
    store: Store, k2: K2Site
):
    broken, not_digest = k2.digests[3], k2.digests[4]
    k2.faults.update({broken.item_id: "500", not_digest.item_id: "notdigest"})
    first = await fetch(store, k2)
    assert first.failed == 2
    k2.faults.clear()
    before = k2.count(not_digest.slug)
    second = await fetch(store, k2)
    assert second.new == 1
    assert second.failed == 0
    assert store.digest(broken.day) is not None
    assert k2.count(not_digest.slug) == before  # known not to be a digest: left alone
    everything = await fetch(store, k2, scope=SyncScope(all=True))
    assert everything.new == 1
    assert store.count() == len(k2.digests)


async def test_faults_on_a_reread_leave_stored_digests_as_they_were(home, store: Store, k2: K2Site):
    await fetch(store, k2)
    before = snapshot(store)
    k2.slow_seconds = 1.5
    for fault, story in zip(FAULTS, k2.digests, strict=False):
        k2.faults[story.item_id] = fault
    report = await fetch(store, k2, scope=SyncScope(all=True))
    assert report.failed == len(FAULTS)
    assert snapshot(store) == before
    assert integrity(resolve_places().database) == "ok"


async def test_a_failing_listing_page_is_reported_and_the_next_run_goes_on(
    store: Store, k2: K2Site
):
    k2.listing_faults[14] = "500"
    first = await fetch(store, k2)
    assert first.failed == 1
    assert "?start=14: the site answered 500" in first.errors[0]
    assert 0 < store.count() < len(k2.digests)
    k2.listing_faults.clear()
    second = await fetch(store, k2)
    assert second.failed == 0
    assert store.count() == len(k2.digests)


async def test_a_refused_connection_fails_that_source_only(store: Store, k2: K2Site):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{closed.getsockname()[1]}/index.php/ns-news/itemlist/category/35-wars"
    config = Config(sources=(dead, k2.listing_url()))
    report = await sync(store, config, settings=QUICK)
    assert report.failed == 1
    assert not report.offline
    assert report.errors == [f"{dead}: could not reach 127.0.0.1 (connection refused)"]
    assert store.count() == len(k2.digests)


async def test_a_network_drop_keeps_what_was_stored_and_the_next_run_completes(home, store, k2):
    k2.item_delay = 0.05  # the drop lands while items are still downloading (stored in batches)

    def drop_after_ten(progress):
        if progress.new == 10:
            k2.stop()

    report = await fetch(store, k2, on_progress=drop_after_ten)
    assert report.failed > 0
    assert any("connection refused" in error for error in report.errors)
    assert 10 <= store.count() < len(k2.digests)
    assert integrity(resolve_places().database) == "ok"
    k2.restart()
    again = await fetch(store, k2)
    assert again.failed == 0
    assert store.count() == len(k2.digests)


async def test_cancel_stops_soon_and_the_next_run_picks_up(store: Store, k2: K2Site):
    k2.item_delay = 0.1  # the cancel lands while items are still downloading (stored in batches)
    cancel = threading.Event()

    def stop_after_five(progress):
        if progress.new >= 5:
            cancel.set()

    report = await fetch(store, k2, on_progress=stop_after_five, cancel=cancel)
    assert "stopped before the end" in report.errors[-1]
    assert 5 <= store.count() < len(k2.digests)
    again = await fetch(store, k2)
    assert store.count() == len(k2.digests)
    assert again.new == len(k2.digests) - report.new


def _database_count(path) -> int:
    try:
        with sqlite3.connect(path, timeout=5) as db:
            return db.execute("SELECT count(*) FROM digest").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_killed_or_interrupted_fetch_leaves_a_sound_store(warday, home, k2: K2Site):
    write_config(home, sources=[k2.listing_url()])
    k2.item_delay = 0.2  # slow enough that a kill lands mid-way, digests being stored in batches
    database = resolve_places(home).database
    outcomes = []
    for how in (signal.SIGKILL, signal.SIGINT):
        process = subprocess.Popen(
            [sys.executable, "-m", "tui_reader", "fetch", "--quiet"],
            env={**os.environ, "WARDAY_HOME": str(home)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        start = _database_count(database)
        deadline = time.monotonic() + 20
        while _database_count(database) < start + 4 and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(how)
        _, err = process.communicate(timeout=20)
        outcomes.append((process.returncode, err))
        assert integrity(database) == "ok"
        assert start + 4 <= _database_count(database) < len(k2.digests)
    assert outcomes[0][0] == -signal.SIGKILL
    assert outcomes[1] == (130, "warday: interrupted; everything stored so far is kept.\n")
    k2.item_delay = 0
    result = warday("fetch")
    assert result.code == 0
    assert _database_count(database) == len(k2.digests)


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{level} "{("&lol" + str(level - 1 or "") + ";") * 10}">'
        for level in range(1, 10)
    )
    + ']><rss version="2.0"><channel><item><title>&lol9;</title></item></channel></rss>'
)


def external_entity_feed(secret: Path) -> str:
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><item><title>What to know after Day 5 of Russia-Ukraine'
        " war &leak;</title><link>/index.php/ns-news/item/99-x</link></item></channel></rss>"
    )


@pytest.mark.parametrize("bomb", ["billion laughs", "external entity"])
async def test_feeds_with_entities_are_refused_and_nothing_is_expanded_or_read(
    store: Store, k2: K2Site, tmp_path: Path, bomb: str
):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE")
    k2.feed_override = BILLION_LAUGHS if bomb == "billion laughs" else external_entity_feed(secret)
    report = await sync(store, Config(sources=(k2.feed_url(),)), settings=QUICK)
    assert report.failed == 1
    assert report.errors == [
        f"{k2.feed_url()}: the feed declares XML entities, which feeds never need; it was not read"
    ]
    assert store.count() == 0
    assert "TOP-SECRET" not in str(report)
    assert k2.count("/item/") == 0


async def test_hostile_text_from_the_site_is_stored_as_plain_text(store: Store, k2: K2Site):
    story = k2.digest(320)
    k2.faults[story.item_id] = "hostile"
    report = await fetch(store, k2)
    assert report.failed == 0
    paragraph = store.digest(320).stories("western")[0].paragraphs[1]
    assert paragraph == (
        "Officials said the depot [bold red]burned[/] \U0001f468\u200d\U0001f469\u200d\U0001f467"
        " in invoicefdp.exe. repairs to the power grid would take weeks."
    )


MEMORY_PROBE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=False, capture_output=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_kb(*command: str) -> int:
    """The peak resident memory (KB) of `command` run alone in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, *command],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return int(done.stdout)


def test_a_50_mb_body_is_cut_at_the_limit_and_memory_stays_bounded(home: Path, k2: K2Site):
    """Measured, not timed: the fetch stops reading at max_page_mb (5 MB by default), so the
    process never holds the 50 MB the server would send."""
    endless, normal = k2.digests[0], k2.digests[1]
    k2.faults[endless.item_id] = "endless"
    fetch = [sys.executable, "-m", "tui_reader", "fetch", "--json"]
    baseline = peak_kb(*fetch, k2.item_url(normal))
    assert k2.sent_bytes == 0
    peak = peak_kb(*fetch, k2.item_url(endless))
    growth_mb = (peak - baseline) / 1024
    assert k2.sent_bytes < 20 * 1024 * 1024, "the client hung up long before 50 MB"
    assert growth_mb < 40, f"peak memory grew by {growth_mb:.0f} MB for a 50 MB body"
    result = subprocess.run(fetch + [k2.item_url(endless)], capture_output=True, text=True)
    errors = json.loads(result.stdout)["errors"]
    assert set(errors) == {
        f"{k2.item_url(endless)}: the page is larger than the 5 MB limit (max_page_mb)"
    }
    assert result.returncode == 1
    assert (
        not resolve_places(home).database.exists()
        or _database_count(resolve_places(home).database) == 1
    )

"""Measure warday's speed and print the figures (the README quotes them).

    .venv/bin/python scripts/bench.py [--sizes 10,1000,3000]

Archives of each size are built in a temporary WARDAY_HOME from the test fixtures (day numbers
varied), then: parse rate, import rate, the start-up cost of `warday list` as a process, the
store's day listing and the loading of one day. (The reader: scripts/bench_reader.py; fetching:
scripts/bench_fetch.py.)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tui_reader.parse import read_digest
from tui_reader.places import resolve_places
from tui_reader.store import Store

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "tests/fixtures/text/day-993-seed.txt").read_text(encoding="utf-8")
HTML = (ROOT / "tests/fixtures/html/k2-item-36903-day-993.html").read_text(encoding="utf-8")


def page(day: int) -> bytes:
    """A K2 item page for `day` (item id rising with the day, as on the site)."""
    return HTML.replace("993", str(day)).replace("36903", str(30000 + day)).encode()


def best_of(runs: int, action: Callable[[], object]) -> float:
    """Median seconds of `runs` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def build_archive(home: Path, size: int) -> float:
    """Fill a store with `size` digests; returns seconds per imported digest."""
    places = resolve_places(home)
    places.create()
    start = time.perf_counter()
    with Store(places.database) as store:
        for day in range(1, size + 1):
            store.save(*read_digest(page(day), f"bench/{day}.html"))
    return (time.perf_counter() - start) / size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,1000,3000")
    sizes = [int(size) for size in parser.parse_args().sizes.split(",")]

    text_rate = best_of(5, lambda: [read_digest(TEXT.encode(), "t") for _ in range(100)]) / 100
    html_rate = best_of(5, lambda: [read_digest(page(993), "h") for _ in range(100)]) / 100
    print(
        f"parse: {text_rate * 1000:.2f} ms per pasted text, {html_rate * 1000:.2f} ms per K2 page"
    )

    print(f"{'days':>6} {'import/day':>11} {'warday list':>12} {'days()':>9} {'one day':>9}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as directory:
            home = Path(directory)
            per_import = build_archive(home, size)
            env = {**os.environ, "WARDAY_HOME": str(home)}
            command = [sys.executable, "-m", "tui_reader", "list", "--json"]
            listing = best_of(
                3,
                lambda c=command, e=env: subprocess.run(c, env=e, capture_output=True),
            )
            with Store(resolve_places(home).database) as store:
                days = best_of(5, store.days)
                one = best_of(20, lambda s=store, d=size // 2 or 1: s.digest(d))
            print(
                f"{size:>6} {per_import * 1000:>9.2f}ms {listing * 1000:>10.0f}ms"
                f" {days * 1000:>7.1f}ms {one * 1000:>7.2f}ms"
            )


if __name__ == "__main__":
    main()

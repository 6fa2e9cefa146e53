"""How long comparing a day takes, cold and from the store's cache; prints figures.

    .venv/bin/python benchmarks/compare.py [--quick]

Every digest among the test fixtures (the seed, the parser fixtures and the hand-written digests
in tests/compare_gold) is stored in a temporary store, then: loading the spellings table,
comparing each day cold (extraction and matching), saving the result to the cache, reading it
back from the cache, comparing an archive of 1,000 days (the digests over again), and
`warday compare 993 --json` as a whole process, twice (the second run reads the cache).
`--quick` runs each step fewer times.
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
from dataclasses import replace
from pathlib import Path

from tui_reader.compare import cache_key, cached_comparison, compare_digest, load_spellings
from tui_reader.model import Digest
from tui_reader.parse import read_digest
from tui_reader.store import Store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests/fixtures"


def median_ms(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def digests() -> list[Digest]:
    found: dict[int, Digest] = {}
    paths = [*FIXTURES.glob("text/*.txt"), *FIXTURES.glob("html/*.html")]
    paths += (ROOT / "tests/compare_gold").glob("*/*.txt")
    for path in sorted(paths):
        digest, _ = read_digest(path.read_bytes(), str(path))
        found[digest.day] = digest
    return sorted(found.values(), key=lambda digest: digest.day)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs of each step")
    args = parser.parse_args()
    runs = 3 if args.quick else 15

    days = digests()
    spellings = load_spellings()
    print(f"{len(days)} digests; times are medians of {runs} runs\n")
    print(f"load the spellings table       {median_ms(runs, load_spellings):7.2f} ms")

    cold = [median_ms(runs, lambda d=digest: compare_digest(d, spellings)) for digest in days]
    with tempfile.TemporaryDirectory() as home, Store(Path(home) / "db.sqlite3") as store:
        for digest in days:
            store.save(digest)
        first = [
            median_ms(1, lambda d=digest: cached_comparison(store, d, spellings)) for digest in days
        ]
        cached = [
            median_ms(runs, lambda d=digest: cached_comparison(store, d, spellings))
            for digest in days
        ]
        key = [median_ms(runs, lambda d=digest: cache_key(d, spellings)) for digest in days]
    for label, times in (
        ("compare a day, cold", cold),
        ("compare and save to the cache", first),
        ("read a day from the cache", cached),
        ("the cache key alone", key),
    ):
        print(
            f"{label:<30} {statistics.median(times):7.2f} ms median,"
            f" {max(times):6.2f} ms slowest day"
        )
    archive = [replace(days[n % len(days)], day=n + 1) for n in range(1000)]
    started = time.perf_counter()
    for digest in archive:
        compare_digest(digest, spellings)
    print(f"{'compare 1,000 days, cold':<30} {time.perf_counter() - started:7.2f} s")
    seed = next(d for d in days if d.day == 993)
    seed_ms = median_ms(runs, lambda: compare_digest(seed, spellings))
    print(f"{'Day 993 (the seed), cold':<30} {seed_ms:7.2f} ms")

    with tempfile.TemporaryDirectory() as home:
        environment = {**os.environ, "WARDAY_HOME": home}
        warday = [sys.executable, "-m", "tui_reader", "compare", "993", "--json"]
        process_runs = []
        for _ in range(2):
            started = time.perf_counter()
            subprocess.run(warday, env=environment, capture_output=True, check=True)
            process_runs.append((time.perf_counter() - started) * 1000)
    print(
        f"`warday compare 993 --json`     {process_runs[0]:7.0f} ms as a process (first),"
        f" {process_runs[1]:.0f} ms (cached)"
    )


if __name__ == "__main__":
    main()

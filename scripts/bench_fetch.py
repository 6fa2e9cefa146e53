"""Time `warday fetch` against a local K2-like site: first fetch, second fetch, and listing offline.

Usage: .venv/bin/python scripts/bench_fetch.py [--digests N] [--delay SECONDS]

Runs the real `warday` command in a temporary WARDAY_HOME and counts the requests the site sees.
`--delay` makes every item page take that long, to see the effect of `concurrency`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from k2site import K2Site, write_config  # noqa: E402


def timed(home: Path, *args: str) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tui_reader", *args],
        env={**os.environ, "WARDAY_HOME": str(home)},
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - start, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--digests", type=int, default=320)
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        os.environ.pop(name, None)
    with (
        tempfile.TemporaryDirectory() as directory,
        K2Site(digests=args.digests, first_day=250) as site,
    ):
        home = Path(directory)
        site.item_delay = args.delay
        write_config(home, sources=[site.listing_url()], concurrency=args.concurrency)
        print(
            f"site: {len(site.digests)} digests, {len(site.stories)} stories, item delay"
            f" {args.delay:g} s,"
            f" concurrency {args.concurrency}"
        )
        for label in ("first fetch", "second fetch"):
            before = len(site.requests)
            seconds, done = timed(home, "fetch")
            print(
                f"{label:>13}: {seconds:6.2f} s, {len(site.requests) - before:4d} requests"
                f" (exit {done.returncode}) -- {done.stdout.strip()}"
            )
        site.stop()
        seconds, done = timed(home, "list")
        rows = len(done.stdout.splitlines()) - 1
        print(f"{'list offline':>13}: {seconds:6.2f} s, {rows} days (exit {done.returncode})")
        seconds, done = timed(home, "fetch")
        print(
            f"{'fetch offline':>13}: {seconds:6.2f} s (exit {done.returncode}) --"
            f" {done.stderr.strip()}"
        )


if __name__ == "__main__":
    main()

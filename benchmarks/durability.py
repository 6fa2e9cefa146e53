"""Measure what keeping things safe costs, and print the figures (the README quotes them).

    .venv/bin/python benchmarks/durability.py [--sizes 1000,3000]

For stores of each size (K2 pages padded to about 60 KB, the size of a real item page with the
site's sidebars): the check at open (integrity_check and quick_check, which run only when the
file changed behind warday's back) against the usual open; a rating (database, ratings.toml,
fsyncs) with that many ratings on file; importing a digest with its kept original; writing the
originals of an old store out (once); and rebuilding the store from the kept files.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tui_reader.parse import read_digest
from tui_reader.places import resolve_places
from tui_reader.recovery import rebuild
from tui_reader.store import Store

ROOT = Path(__file__).resolve().parent.parent
HTML = (ROOT / "tests/fixtures/html/k2-item-36903-day-993.html").read_text(encoding="utf-8")
WORDS = [
    "war",
    "front",
    "drone",
    "strike",
    "minister",
    "talks",
    "grain",
    "port",
    "energy",
    "city",
    "region",
    "army",
]


def sidebar(day: int) -> str:
    """About 60 KB of site chrome (lists of other stories), different on every page."""
    rng = random.Random(day)
    items = (
        f'<li><a href="/index.php/ns-news/item/{rng.randrange(10**5)}">'
        + " ".join(rng.choice(WORDS) for _ in range(8))
        + "</a></li>"
        for _ in range(900)
    )
    return '<div class="moduletable"><ul>' + "".join(items) + "</ul></div>"


def page(day: int) -> bytes:
    html = HTML.replace("993", str(day)).replace("36903", str(30000 + day))
    return html.replace("</body>", sidebar(day) + "</body>").encode()


def median(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def measure(size: int) -> None:
    home = Path(tempfile.mkdtemp(prefix="warday-bench-"))
    try:
        places = resolve_places(home)
        places.create()
        start = time.perf_counter()
        with Store(places.database) as store:
            for day in range(1, size + 1):
                store.save(*read_digest(page(day), f"bench/{day}.html"))
        per_import = (time.perf_counter() - start) / size
        with Store(places.database) as store:
            rate_one = median(20, lambda: store.rate(size, 4))
            for day in range(1, size + 1):
                store.rate(day, day % 5 + 1)
            rate_all = median(20, lambda: store.rate(size, 3))
        megabytes = places.database.stat().st_size / 1e6

        def check(pragma: str) -> None:
            with sqlite3.connect(places.database) as db:
                db.execute(f"PRAGMA {pragma}").fetchall()

        usual_open = median(20, lambda: Store(places.database).close())
        integrity = median(10, lambda: check("integrity_check"))
        quick = median(10, lambda: check("quick_check"))
        checked_file = places.database.with_name("warday.sqlite3-checked")

        def open_after_change() -> None:
            checked_file.unlink(missing_ok=True)
            Store(places.database).close()

        changed_open = median(10, open_after_change)
        shutil.rmtree(places.data_dir / "originals")
        with sqlite3.connect(places.database) as db:
            db.execute("DELETE FROM app_state WHERE key = 'originals_on_disk'")
        start = time.perf_counter()
        Store(places.database).close()
        write_out = time.perf_counter() - start
        start = time.perf_counter()
        report = rebuild(places.database)
        rebuilt = time.perf_counter() - start
        print(f"{size} days ({megabytes:.0f} MB database):")
        print(f"  import one digest with its kept original: {ms(per_import)}")
        print(f"  open as usual (no check): {ms(usual_open)}")
        print(f"  integrity_check: {ms(integrity)}   quick_check: {ms(quick)}")
        print(f"  open after the file changed behind warday's back: {ms(changed_open)}")
        print(f"  rate a day with 1 rating on file: {ms(rate_one)}; with {size}: {ms(rate_all)}")
        print(f"  write the originals of an old store out (once): {write_out:.2f} s")
        print(
            f"  rebuild from the kept files: {rebuilt:.2f} s ({report.days} days, "
            f"{report.rated} ratings)"
        )
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000")
    for size in parser.parse_args().sizes.split(","):
        measure(int(size))


if __name__ == "__main__":
    main()

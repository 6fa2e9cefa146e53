"""How warday copes with hostile sizes: parse times, the reader's time to show the longest day it
accepts, and memory for a 50 MB body. Prints the figures (the README quotes them).

    .venv/bin/python benchmarks/hostile.py

Parsing: the median processor time of 3 runs of `read_digest` (or the listing and feed parsers)
on inputs of 5 MB and on 1 MB single lines, with what came of each (a digest, or the reason it
was refused).
The reader: the processor time from asking for a day to its being on screen, less the test
harness's own for a refresh with nothing to do (processor time, so other work on the machine
does not count). Memory: the peak resident memory of `warday fetch` for a
normal page and for an item that streams 50 MB with no Content-Length.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest_app import QUIET, open_store, perspectives_day  # noqa: E402
from k2site import K2Site, feed_xml, listing_html  # noqa: E402

from tui_reader.app.app import WardayApp  # noqa: E402
from tui_reader.fetch.site import parse_feed, parse_listing  # noqa: E402
from tui_reader.model import Digest, Kind, Perspective, Section  # noqa: E402
from tui_reader.parse import NotADigest, read_digest  # noqa: E402
from tui_reader.parse.digest import MAX_DIGEST_CHARACTERS  # noqa: E402
from tui_reader.places import resolve_places  # noqa: E402

MB = 1024 * 1024
K2_PAGE = (ROOT / "tests/fixtures/html/k2-item-36903-day-993.html").read_text(encoding="utf-8")
SEED = (ROOT / "tests/fixtures/text/day-993-seed.txt").read_text(encoding="utf-8")


def median_seconds(action: Callable[[], object], runs: int = 3) -> tuple[float, object]:
    times, outcome = [], None
    for _ in range(runs):
        started = time.process_time()
        outcome = action()
        times.append(time.process_time() - started)
    return statistics.median(times), outcome


def read(data: bytes) -> Callable[[], str]:
    def run() -> str:
        try:
            digest, _ = read_digest(data, "benchmark")
        except NotADigest as error:
            return f"refused: {error}"
        size = sum(len(text) for story in digest.perspectives for text in story.paragraphs)
        return f"Day {digest.day}, {size:,} characters"

    return run


def listing(parse: Callable[[bytes, str], object], data: bytes) -> Callable[[], str]:
    def run() -> str:
        try:
            found = parse(data, "http://127.0.0.1/index.php/ns-news/itemlist/category/35-wars")
        except ValueError as error:
            return f"refused: {error}"
        return f"{len(found.items)} digests listed"  # type: ignore[attr-defined]

    return run


def inputs() -> dict[str, Callable[[], str]]:
    """Each hostile input, ready to parse."""
    head_end = K2_PAGE.index("</head>")
    body_end = K2_PAGE.index("</body>")
    script = (
        "<script>var sidebar = [" + "{a: 1, b: x < y && y > z}, " * (5 * MB // 28) + "];</script>"
    )
    sidebar = "".join(
        f"<p>Sidebar story {n}: officials said the situation changed again overnight, with"
        " reports still being checked by the desk.</p>"
        for n in range(5 * MB // 130)
    )
    with K2Site(digests=120, first_day=900) as site:
        feed = feed_xml(site, "ns-news", "rss", 100)
        page_listing = listing_html(site, "ns-news", 0)
    big_feed = feed.replace("</description>", "x" * (5 * MB // 100) + "</description>")
    big_listing = page_listing.replace(
        '<div class="catItemIntroText"><p>', '<div class="catItemIntroText"><p>' + "y" * 380_000
    )
    one_line = K2_PAGE.replace("\n", " ").replace(
        "<p>North Korea has ratified", "<p>" + "word " * (MB // 5) + "North Korea has ratified"
    )
    return {
        "5 MB K2 page: the digest + 5 MB inline script": read(
            (K2_PAGE[:head_end] + script + K2_PAGE[head_end:]).encode()
        ),
        "5 MB K2 page: the digest + 5 MB of sidebar paragraphs": read(
            (K2_PAGE[:body_end] + sidebar + K2_PAGE[body_end:]).encode()
        ),
        "5 MB page of paragraphs (230,000 tags)": read(
            ("<html><body>" + "<p>word word word</p>" * (5 * MB // 22) + "</body></html>").encode()
        ),
        "5 MB of nested <div>": read(
            ("<html><body>" + "<div>" * (5 * MB // 5) + "</body></html>").encode()
        ),
        "5 MB: 500 nested <div>, then 49,000 more with text (the worst the limits allow)": read(
            (
                "<html><body>"
                + "<div>" * 500
                + ("<div></div>" + "y" * 95) * 49_000
                + "</body></html>"
            ).encode()
        ),
        "5 MB pasted text: the digest + 2.5 million lines": read(
            (SEED.replace("Reuters/RT", "x\n" * (5 * MB // 2) + "Reuters/RT")).encode()
        ),
        "5 MB RSS feed (100 items, 50 KB descriptions)": listing(parse_feed, big_feed.encode()),
        "5 MB listing page": listing(parse_listing, big_listing.encode() * 13),
        "1 MB single line: a K2 page on one line, 1 MB paragraph": read(one_line.encode()),
        "1 MB single line of pasted text after the title": read(
            ("What to know after Day 5 of Russia-Ukraine war\n" + "word " * (MB // 5)).encode()
        ),
        "1 MB single line of escape sequences": read(
            ("\x1b]52;c;" + "\x1b[2J" * (MB // 4)).encode()
        ),
        "1 MB single line of zero-width spaces": read(("\u200b" * (MB // 3)).encode()),
    }


# -- the reader --------------------------------------------------------------------------------


def day_of(day: int, characters: int, paragraph: int) -> Digest:
    """A perspectives day of about `characters`, in paragraphs of `paragraph` characters."""
    count = max(1, characters // 2 // paragraph)
    text = ("word " * (paragraph // 5 + 1))[:paragraph]
    stories = tuple(
        Perspective(side, f"{side} headline", tuple(text for _ in range(count)))
        for side in ("western", "russian")
    )
    return replace(perspectives_day(day), perspectives=stories)


def bulletin_of(day: int, characters: int) -> Digest:
    items = tuple("Officials said more. " * 14 for _ in range(characters // 300))
    return Digest(
        day=day,
        title=f"What to know after Day {day} of Russia-Ukraine war",
        kind=Kind.BULLETIN,
        sections=(Section(None, ("Lead.",)), Section("FIGHTING", items)),
    )


LONGEST = MAX_DIGEST_CHARACTERS - 1_000
DAYS = {
    "a real day (Day 993, 4,200 characters)": replace(
        read_digest(SEED.encode(), "seed")[0], day=1100
    ),
    f"{LONGEST:,} characters in 300-character paragraphs": day_of(1101, LONGEST, 300),
    f"{LONGEST:,} characters, one paragraph a side": day_of(1102, LONGEST, LONGEST // 2),
    f"{LONGEST:,} characters, one word a side": replace(
        perspectives_day(1103),
        perspectives=(
            Perspective("western", "W", ("x" * (LONGEST // 2),)),
            Perspective("russian", "R", ("y" * (LONGEST // 2),)),
        ),
    ),
    f"a bulletin of {LONGEST:,} characters": bulletin_of(1104, LONGEST),
    "20,000,000 characters, stored by a warday without the limit": day_of(1105, 20_000_000, 300),
}


async def reader_times() -> dict[str, float]:
    home = Path(tempfile.mkdtemp()) / "home"
    store = open_store(home)
    for digest in DAYS.values():
        store.save(digest)
    store.save(perspectives_day(1000))
    app = WardayApp(resolve_places(home), QUIET, open_store(home), 1000)
    times: dict[str, float] = {}
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        idle = []
        for _ in range(10):
            started = time.process_time()
            await pilot.pause()
            idle.append(time.process_time() - started)
        for name, digest in DAYS.items():
            shown = []
            for _ in range(5):
                started = time.process_time()
                app.screen.show_day(digest.day)  # type: ignore[attr-defined]
                await pilot.pause()
                shown.append(time.process_time() - started)
                app.screen.show_day(1000)  # type: ignore[attr-defined]
                await pilot.pause()
            times[name] = statistics.median(shown) - statistics.median(idle)
    return times


# -- memory ----------------------------------------------------------------------------------

PEAK = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=False, capture_output=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_mb(url: str, home: Path) -> float:
    command = [sys.executable, "-m", "tui_reader", "--home", str(home), "fetch", "--quiet", url]
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *command], capture_output=True, text=True, check=True
    )
    return int(done.stdout) / 1024


def memory() -> tuple[float, float, float]:
    """(peak MB for a normal page, peak MB for the 50 MB body, MB the server got to send)."""
    home = Path(tempfile.mkdtemp()) / "home"
    with K2Site(digests=4) as site:
        endless, normal = site.digests[0], site.digests[1]
        site.faults[endless.item_id] = "endless"
        baseline = peak_mb(site.item_url(normal), home)
        peak = peak_mb(site.item_url(endless), home)
        return baseline, peak, site.sent_bytes / MB


def main() -> None:
    print("Parsing (median of 3, processor time)")
    for name, run in inputs().items():
        seconds, outcome = median_seconds(run)
        print(f"  {seconds:6.2f} s  {name}\n            -> {str(outcome)[:110]}")
    print("\nThe reader at 160x48: processor time to show a day, less an idle refresh")
    for name, seconds in asyncio.run(reader_times()).items():
        print(f"  {seconds * 1000:6.0f} ms  {name}")
    baseline, peak, sent = memory()
    print("\nMemory of `warday fetch` (peak resident)")
    print(f"  {baseline:6.1f} MB  a normal item page")
    print(f"  {peak:6.1f} MB  an item streaming 50 MB (the server sent {sent:.1f} MB before the")
    print(f"            client hung up at the 5 MB limit): +{peak - baseline:.1f} MB")


if __name__ == "__main__":
    main()

"""warday's benchmark suite: each figure beside a baseline measured in the same run, and its target.

    .venv/bin/python benchmarks/run.py           # the full run, about 15 minutes
    .venv/bin/python benchmarks/run.py --quick   # small archives, one run each (the tests run it)

Archives of 1,000 and 10,000 synthetic digests of realistic length, in both of the site's formats
(benchmarks/archive.py), are built in a temporary WARDAY_HOME. The terminal figures run the
installed `warday` in a 120x40 pseudo-terminal driven from outside (benchmarks/terminal.py); the
baselines are minimal Textual apps (benchmarks/apps/) run the same way, interleaved with warday so
that a busy machine slows both alike.

- First full paint: from the fork of the process to the last byte of the frame after which the
  screen (a terminal emulator fed every byte) shows every part of the first screen, top to
  bottom: for warday the header (its unread count), the day list (its third day), the opening
  words of both panes and the footer; for the baseline its one line, at the bottom. A frame is
  the run of chunks that arrive less than 5 ms apart. Background fetch is on, against a closed
  local port (an offline morning). 9 rounds, each running the baseline and warday at both sizes
  one after the other, after a round that is not counted: the median time of each, and the
  ratio is the median of the rounds' ratios (each taken under the same load).
- Key press to last byte of the update: a key is written to the terminal, then the output is read
  until none has come for 0.3 s and the screen shows the new day's opening words in both panes;
  the update's last byte is the last chunk before that quiet window. 10 presses of `p` (older)
  then 10 of `n`, from the newest day. Bytes per switch: every byte between the key and that
  last chunk. A full paint: the bytes of the frames, after the terminal is resized to 120x39 and
  back, that draw every part of the screen on a blank one (the last such run, if the program
  paints the whole screen twice in a row). Background fetch and the read timer
  are off here, so nothing else draws.
- Import: `import_paths` over a directory of 1,000 pasted-text and 1,000 K2 HTML pages into an
  empty store, against reading the same files and parsing each with selectolax (Lexbor) to its
  text. Median of 3.
- Sync: `sync_blocking` into an empty store from a K2-like site in another process on 127.0.0.1,
  against httpx downloading exactly the URLs the sync requested, at the same concurrency (4).
  Median of 3.
- Peak RSS: VmHWM of the process after the key presses (warday, 10,000 days) and after the first
  paint (the one-line app).
- Search: benchmarks/search.py's 20 typical queries, 5 times each, over the 10,000-day archive.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import archive  # noqa: E402
from benchmarks.apps import one_line  # noqa: E402
from benchmarks.terminal import PtyProgram, terminal_env  # noqa: E402

APPS = ROOT / "benchmarks" / "apps"
WARDAY = str(Path(sys.executable).with_name("warday"))
SIZE = (120, 40)
PRESS_QUIET = 0.3
MARKER_LENGTH = 24
"""How many characters of a pane's opening paragraph identify the day shown."""

FIGURES = (
    "cold start to first full paint, small archive",
    "cold start to first full paint, large archive",
    "next/previous day, key to last byte, median",
    "next/previous day, key to last byte, p95",
    "bytes written for one day switch",
    "import of text and HTML pages",
    "sync from a local site",
    "search, 20 typical queries, p95",
    "peak RSS of the reader, large archive",
)
"""Every row the table prints, in order (the quick mode prints them all too)."""


@dataclass(frozen=True)
class Plan:
    """How much to measure: the full run, or the quick one."""

    small: int
    large: int
    runs: int
    presses: int
    pages: int
    digests: int
    warm_up: bool


FULL = Plan(small=1000, large=10000, runs=9, presses=10, pages=1000, digests=1000, warm_up=True)
QUICK = Plan(small=60, large=200, runs=1, presses=2, pages=20, digests=30, warm_up=False)


@dataclass
class Row:
    figure: str
    warday: str = "-"
    baseline: str = "-"
    target: str = "-"
    met: str = "-"


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    others: list[tuple[str, str]] = field(default_factory=list)
    """Figures without a target, kept to watch: (figure, value)."""
    failed: bool = False

    def note(self, figure: str, value: str) -> None:
        self.others.append((figure, value))
        print(f"  {figure}: {value}", file=sys.stderr)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(f"  {row.figure}: {row.warday} (baseline {row.baseline})", file=sys.stderr)

    def measure(self, figures: Sequence[str], work: Callable[[], object]) -> None:
        """Run `work`, which adds the rows `figures`; if it fails, the rows it did not add say
        why, and the rest of the suite still runs."""
        try:
            work()
        except Exception as error:  # noqa: BLE001 - reported in the table, the run goes on
            self.failed = True
            done = {row.figure for row in self.rows}
            reason = str(error).splitlines()[0] if str(error) else ""
            print(f"{figures[0]}: {error}", file=sys.stderr)
            for figure in figures:
                if figure not in done:
                    self.add(Row(figure, f"failed: {type(error).__name__}: {reason}"))


# -- helpers --------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p95(values: Sequence[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def kb(count: float) -> str:
    return f"{count / 1000:.1f} KB"


def yes(condition: bool) -> str:
    return "yes" if condition else "NO"


def machine() -> str:
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{model}, {os.cpu_count()} cores, Python {platform.python_version()},"
        f" Textual {version('textual')}, {platform.system()} {platform.release()}"
    )


def load() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def closed_port() -> int:
    """A local port where nothing listens (connections are refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@contextmanager
def temporary_home(prefix: str) -> Iterator[Path]:
    directory = Path(tempfile.mkdtemp(prefix=f"warday-bench-{prefix}-"))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def opening_markers(day: int) -> list[str]:
    """What shows that `day` is in the panes: the first words of each side's opening paragraph."""
    return [paragraph[:MARKER_LENGTH] for paragraph in archive.first_paragraphs(day)]


def first_screen_markers(newest: int) -> list[str]:
    """Every part of warday's first screen, top to bottom: header, day list, both panes, footer
    (a frame is written top to bottom, so the footer shows it was written to the end)."""
    return ["unread", f"Day {newest - 2} ", *opening_markers(newest), "Quit"]


# -- cold start -----------------------------------------------------------------------------


@dataclass
class Paint:
    seconds: float
    bytes: int
    rss: int


def first_paint(argv: list[str], env: dict[str, str], markers: list[str]) -> Paint:
    program = PtyProgram(argv, env, *SIZE)
    try:
        index = program.wait_for(markers, since=0)
        return Paint(
            program.chunks[index][0] - program.started,
            program.bytes_between(0, index),
            program.peak_rss(),
        )
    finally:
        program.quit()


def cold_start(plan: Plan, homes: dict[int, Path], report: Report) -> dict[str, Paint]:
    """Median first paint of the one-line app and of warday at each archive size."""
    offline = [f"http://127.0.0.1:{closed_port()}/index.php/ns-special/itemlist/category/35-wars"]
    programs: dict[str, tuple[list[str], dict[str, str], list[str]]] = {
        "baseline": (
            [sys.executable, str(APPS / "one_line.py")],
            terminal_env(homes[plan.small]),
            [one_line.TEXT],
        )
    }
    for size, home in homes.items():
        archive.write_config(home, sources=offline)
        programs[str(size)] = (
            [WARDAY],
            terminal_env(home),
            first_screen_markers(archive.newest_day(size)),
        )
    if plan.warm_up:
        for argv, env, markers in programs.values():
            first_paint(argv, env, markers)
    paints: dict[str, list[Paint]] = {name: [] for name in programs}
    for _ in range(plan.runs):
        for name, (argv, env, markers) in programs.items():
            paints[name].append(first_paint(argv, env, markers))
    result = {
        name: Paint(
            median([p.seconds for p in runs]),
            int(median([p.bytes for p in runs])),
            max(p.rss for p in runs),
        )
        for name, runs in paints.items()
    }
    baseline = result["baseline"].seconds
    for label, size in (("small", plan.small), ("large", plan.large)):
        seconds = result[str(size)].seconds
        ratio = median(
            [
                ours.seconds / theirs.seconds
                for ours, theirs in zip(paints[str(size)], paints["baseline"], strict=True)
            ]
        )
        report.add(
            Row(
                f"cold start to first full paint, {label} archive",
                f"{ms(seconds)} at {size:,} days ({ratio:.2f}x)",
                f"{ms(baseline)} (one-line app)",
                "<= 1.5x",
                yes(ratio <= 1.5),
            )
        )
    return result


# -- navigation -----------------------------------------------------------------------------


@dataclass
class Switches:
    seconds: list[float]
    bytes: list[int]
    full_paint: int
    rss: int


def switch_days(
    argv: list[str], env: dict[str, str], newest: int, presses: int, first: list[str]
) -> Switches:
    """Open at the newest day, then `presses` x `p` and `presses` x `n`, timing each update."""
    program = PtyProgram(argv, env, *SIZE)
    try:
        program.wait_for(first, since=0)
        program.read_until_quiet(1.0)
        program.resize(SIZE[0], SIZE[1] - 1)
        program.read_until_quiet(0.5)
        since = len(program.chunks)
        program.resize(*SIZE)
        painted = program.wait_for(first, since, blank=True)
        full_paint = program.bytes_between(program.last_whole_paint(first, since, painted), painted)
        program.read_until_quiet(0.5)
        seconds: list[float] = []
        sizes: list[int] = []
        day = newest
        for key in [b"p"] * presses + [b"n"] * presses:
            day += -1 if key == b"p" else 1
            since = len(program.chunks)
            pressed = program.press(key)
            program.wait_for(opening_markers(day), since)
            program.read_until_quiet(PRESS_QUIET)
            seconds.append(program.chunks[-1][0] - pressed)
            sizes.append(program.bytes_between(since, len(program.chunks) - 1))
        return Switches(seconds, sizes, full_paint, program.peak_rss())
    finally:
        program.quit()


def pane_texts(newest: int, count: int) -> list[list[str]]:
    """The two-pane app's texts: Western and Russian story of the newest `count` days."""
    texts = []
    for day in range(newest, newest - count, -1):
        sides = {heading: (headline, body) for heading, headline, body in archive.perspectives(day)}
        texts.append(
            [
                "\n\n".join([headline, *body])
                for headline, body in (sides["WESTERN PERSPECTIVE"], sides["RUSSIAN PERSPECTIVE"])
            ]
        )
    return texts


def navigation(plan: Plan, home: Path, report: Report) -> Switches:
    size = plan.large
    newest = archive.newest_day(size)
    archive.write_config(home, sync_on_start=False, read_after_seconds=600.0)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(pane_texts(newest, plan.presses + 1), file)
    baseline_argv = [sys.executable, str(APPS / "two_panes.py"), file.name]
    try:
        env = terminal_env(home)
        runs = 2 if plan.warm_up else 1
        warday, baseline = [], []
        for _ in range(runs):
            baseline.append(
                switch_days(baseline_argv, env, newest, plan.presses, opening_markers(newest))
            )
            warday.append(
                switch_days([WARDAY], env, newest, plan.presses, first_screen_markers(newest))
            )
    finally:
        os.unlink(file.name)
    ours, theirs = warday[-1], baseline[-1]
    report.add(
        Row(
            "next/previous day, key to last byte, median",
            f"{ms(median(ours.seconds))} at {size:,} days",
            f"{ms(median(theirs.seconds))} (two-pane app)",
            "< 16 ms",
            yes(median(ours.seconds) < 0.016),
        )
    )
    report.add(
        Row(
            "next/previous day, key to last byte, p95",
            f"{ms(p95(ours.seconds))}",
            f"{ms(p95(theirs.seconds))} (two-pane app)",
            "< 33 ms",
            yes(p95(ours.seconds) < 0.033),
        )
    )
    switch, their_switch = median(ours.bytes), median(theirs.bytes)
    share = switch / ours.full_paint
    report.add(
        Row(
            "bytes written for one day switch",
            f"{kb(switch)} ({switch / their_switch:.1f}x; {share:.0%} of a full paint,"
            f" {kb(ours.full_paint)})",
            f"{kb(their_switch)} (two-pane app)",
            "<= 2x and <= 40%",
            yes(switch <= 2 * their_switch and share <= 0.4),
        )
    )
    return ours


# -- import ---------------------------------------------------------------------------------


def bare_parse(files: list[Path]) -> float:
    from selectolax.lexbor import LexborHTMLParser

    started = time.perf_counter()
    for path in files:
        tree = LexborHTMLParser(path.read_bytes())
        if tree.body is not None:
            tree.body.text()
    return time.perf_counter() - started


def warday_parse(files: list[Path]) -> float:
    """warday's own parse of the same files to digests, storing nothing."""
    from tui_reader.parse import read_digest

    started = time.perf_counter()
    for path in files:
        read_digest(path.read_bytes(), str(path))
    return time.perf_counter() - started


def warday_import(directory: Path) -> float:
    from tui_reader.importer import import_paths
    from tui_reader.places import resolve_places
    from tui_reader.store import Store

    with temporary_home("import") as home:
        places = resolve_places(home)
        places.create()
        with Store(places.database) as store:
            started = time.perf_counter()
            reports = list(import_paths(store, [str(directory)]))
            seconds = time.perf_counter() - started
    skipped = [report for report in reports if report.outcome == "skipped"]
    if skipped:
        raise RuntimeError(f"{len(skipped)} pages were skipped: {skipped[0].reason}")
    return seconds


def importing(plan: Plan, report: Report) -> None:
    with temporary_home("pages") as directory:
        archive.write_pages(directory, range(1, 2 * plan.pages + 1))
        files = sorted(directory.iterdir())
        runs = 3 if plan.warm_up else 1
        ours, theirs, parsing = [], [], []
        for _ in range(runs):
            theirs.append(bare_parse(files))
            parsing.append(warday_parse(files))
            ours.append(warday_import(directory))
    seconds, baseline = median(ours), median(theirs)
    ratio = seconds / baseline
    report.note(
        "import against warday's own parse of the same pages (storing nothing)",
        f"{ms(seconds)} against {ms(median(parsing))} ({seconds / median(parsing):.1f}x)",
    )
    report.add(
        Row(
            "import of text and HTML pages",
            f"{ms(seconds)} for {plan.pages:,} + {plan.pages:,} ({ratio:.1f}x)",
            f"{ms(baseline)} (selectolax parse)",
            "<= 2x",
            yes(ratio <= 2),
        )
    )


# -- sync -----------------------------------------------------------------------------------


class Site:
    """benchmarks/site.py in a process of its own."""

    def __init__(self, digests: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "benchmarks" / "site.py"), str(digests), "250"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.port = int(self.process.stdout.readline())
        self.root = f"http://127.0.0.1:{self.port}"

    def requests(self) -> list[str]:
        """The URLs the site has served, as they were asked for."""
        assert self.process.stdout is not None
        assert self.process.stdin is not None
        self.process.stdin.write("requests\n")
        self.process.stdin.flush()
        urls: list[str] = json.loads(self.process.stdout.readline())
        return urls

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(10)


def warday_sync(site: Site) -> tuple[float, int, int]:
    """Seconds, digests stored and requests made by one sync into an empty store."""
    from tui_reader.config import Config
    from tui_reader.fetch import sync_blocking
    from tui_reader.places import resolve_places
    from tui_reader.store import Store

    config = Config(sources=(f"{site.root}/index.php/ns-special/itemlist/category/35-wars",))
    with temporary_home("sync") as home:
        places = resolve_places(home)
        places.create()
        with Store(places.database) as store:
            started = time.perf_counter()
            result = sync_blocking(store, config)
            seconds = time.perf_counter() - started
            stored = store.count()
    if not result.ok:
        raise RuntimeError(f"the sync failed: {result.summary}; {result.errors[:1]}")
    return seconds, stored, result.requests


async def download(urls: list[str], concurrency: int) -> None:
    import httpx

    limit = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=concurrency)) as client:

        async def get(url: str) -> None:
            async with limit:
                response = await client.get(url)
                response.raise_for_status()
                await response.aread()

        await asyncio.gather(*(get(url) for url in urls))


def syncing(plan: Plan, report: Report) -> None:
    site = Site(plan.digests)
    try:
        runs = 3 if plan.warm_up else 1
        ours, theirs = [], []
        for _ in range(runs):
            before = len(site.requests())
            seconds, stored, _ = warday_sync(site)
            urls = site.requests()[before:]
            ours.append(seconds)
            started = time.perf_counter()
            asyncio.run(download(urls, 4))
            theirs.append(time.perf_counter() - started)
        fetch_command(site, report)
    finally:
        site.close()
    seconds, baseline = median(ours), median(theirs)
    ratio = baseline / seconds
    report.add(
        Row(
            "sync from a local site",
            f"{stored / seconds:.0f} digests/s, {stored:,} digests in {seconds:.2f} s"
            f" ({ratio:.2f}x)",
            f"{stored / baseline:.0f}/s, the same {len(urls):,} URLs with httpx",
            ">= 0.8x",
            yes(ratio >= 0.8),
        )
    )


def warday_command(home: Path, *args: str) -> float:
    """Seconds the installed `warday ARGS` takes as a whole process; it must succeed."""
    started = time.perf_counter()
    done = subprocess.run(
        [WARDAY, *args], env={**os.environ, "WARDAY_HOME": str(home)}, capture_output=True
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"warday {' '.join(args)} failed: {done.stderr.decode().strip()}")
    return seconds


def fetch_command(site: Site, report: Report) -> None:
    """`warday fetch` as a command: a first run into an empty store, then a run with nothing
    new (one conditional request)."""
    with temporary_home("fetch") as home:
        archive.write_config(
            home, sources=[f"{site.root}/index.php/ns-special/itemlist/category/35-wars"]
        )
        for label in ("first `warday fetch`", "`warday fetch` again, nothing new"):
            before = len(site.requests())
            seconds = warday_command(home, "fetch", "--quiet")
            requests = len(site.requests()) - before
            plural = "s" * (requests != 1)
            report.note(label, f"{seconds:.2f} s, {requests:,} request{plural} (whole process)")


# -- search ---------------------------------------------------------------------------------


def searching(plan: Plan, home: Path, report: Report) -> None:
    """Search, timed by benchmarks/search.py's `time_queries`: its 20 typical queries, 5 times
    each, over the large archive (the store's `search`, as `warday search` and the reader run
    it, to the best 30 results with their snippets)."""
    from benchmarks.search import time_queries
    from tui_reader.places import resolve_places

    timings = time_queries(resolve_places(home), repeats=1 if plan is QUICK else 5)
    seconds = [wall for timing in timings.values() for wall in timing.wall]
    report.add(
        Row(
            "search, 20 typical queries, p95",
            f"{ms(p95(seconds))} at {plan.large:,} days (median {ms(median(seconds))})",
            "-",
            "< 50 ms",
            yes(p95(seconds) < 0.05),
        )
    )


def other_figures(plan: Plan, homes: dict[int, Path], report: Report) -> None:
    from tui_reader.parse import read_digest

    for size, home in homes.items():
        seconds = median([warday_command(home, "list", "--json") for _ in range(3)])
        report.note(f"`warday list --json`, {size:,} days", f"{ms(seconds)} (whole process)")
    for label, day in (("pasted text", 1000), ("K2 HTML page", 1001)):
        content, name = archive.page(day)
        count = 200
        started = time.perf_counter()
        for _ in range(count):
            read_digest(content, name)
        each = (time.perf_counter() - started) / count
        report.note(f"parsing one {label} ({len(content):,} bytes)", ms(each))


def memory(plan: Plan, paints: dict[str, Paint], switches: list[Switches], report: Report) -> None:
    ours, theirs = switches[0].rss, paints["baseline"].rss
    extra = (ours - theirs) / 1e6
    report.add(
        Row(
            "peak RSS of the reader, large archive",
            f"{ours / 1e6:.0f} MB at {plan.large:,} days ({extra:+.0f} MB)",
            f"{theirs / 1e6:.0f} MB (one-line app)",
            "<= +40 MB",
            yes(extra <= 40),
        )
    )


# -- the run --------------------------------------------------------------------------------


def print_table(report: Report) -> None:
    print("| figure | warday | baseline, same run | target | met |")
    print("| --- | --- | --- | --- | --- |")
    for row in report.rows:
        print(f"| {row.figure} | {row.warday} | {row.baseline} | {row.target} | {row.met} |")
    print()
    print("| other figures, no target | |")
    print("| --- | --- |")
    for figure, value in report.others:
        print(f"| {figure} | {value} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small archives, one run each")
    plan = QUICK if parser.parse_args().quick else FULL
    print(f"machine: {machine()}")
    print(f"load average at start: {load()}")
    report = Report()
    with temporary_home("small") as small, temporary_home("large") as large:
        started = time.perf_counter()
        archive.fill_store(small, plan.small)
        archive.fill_store(large, plan.large)
        print(f"archives of {plan.small:,} and {plan.large:,} days built in"
              f" {time.perf_counter() - started:.0f} s", file=sys.stderr)  # fmt: skip
        homes = {plan.small: small, plan.large: large}
        paints: dict[str, Paint] = {}
        switches: list[Switches] = []
        report.measure(FIGURES[0:2], lambda: paints.update(cold_start(plan, homes, report)))
        report.measure(FIGURES[2:5], lambda: switches.append(navigation(plan, large, report)))
        report.measure(FIGURES[5:6], lambda: importing(plan, report))
        report.measure(FIGURES[6:7], lambda: syncing(plan, report))
        report.measure(FIGURES[7:8], lambda: searching(plan, large, report))
        report.measure(FIGURES[8:9], lambda: memory(plan, paints, switches, report))
        report.measure(["other figures"], lambda: other_figures(plan, homes, report))
    print(f"load average at end: {load()}")
    print()
    print_table(report)
    return 1 if report.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How fast the reader opens and answers keys over a large archive (headless, no terminal needed).

    .venv/bin/python scripts/bench_reader.py [DAYS ...]

Prints, for each archive size: the time from start to the first day shown, and the median time of
a key that moves to the next day (j), rates it (4), and jumps to the oldest day (end), each less
the time the test harness takes for a key that does nothing (shown as "idle").
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from conftest_app import QUIET, open_store, perspectives_day

from tui_reader.app.app import WardayApp
from tui_reader.places import resolve_places


def fill(home: Path, days: int) -> None:
    store = open_store(home)
    for day in range(1, days + 1):
        store.save(perspectives_day(day, count=8))
    store.close()


async def measure(days: int) -> dict[str, float]:
    home = Path(tempfile.mkdtemp()) / "home"
    fill(home, days)
    started = time.perf_counter()
    app = WardayApp(resolve_places(home), QUIET, open_store(home))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        opened = time.perf_counter() - started
        timings: dict[str, list[float]] = {"f12": [], "j": [], "4": [], "end": []}
        for _ in range(20):
            for key in ("f12", "j", "4"):
                before = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                timings[key].append(time.perf_counter() - before)
        for _ in range(5):
            await pilot.press("home")
            await pilot.pause()
            before = time.perf_counter()
            await pilot.press("end")
            await pilot.pause()
            timings["end"].append(time.perf_counter() - before)
    idle = statistics.median(timings.pop("f12"))
    result = {"open": opened, "idle": idle}
    result.update({key: statistics.median(values) - idle for key, values in timings.items()})
    return result


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [100, 1000, 3000]
    print(f"{'days':>6} {'open s':>8} {'idle ms':>8} {'j ms':>7} {'rate ms':>8} {'end ms':>7}")
    for days in sizes:
        r = asyncio.run(measure(days))
        print(
            f"{days:>6} {r['open']:>8.2f} {r['idle'] * 1000:>8.1f} {r['j'] * 1000:>7.1f}"
            f" {r['4'] * 1000:>8.1f} {r['end'] * 1000:>7.1f}"
        )


if __name__ == "__main__":
    main()

"""The benchmark suite keeps working: its quick mode runs and prints every figure it measures.

Only that the figures are there is checked, never their values (speed is measured, not asserted).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import FIGURES  # noqa: E402


def test_the_quick_benchmark_prints_every_figure_beside_its_baseline_and_target():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("machine: ")
    assert "Textual" in lines[0]
    rows = {line.split(" | ")[0].strip("| "): line for line in lines if line.startswith("| ")}
    for figure in FIGURES:
        assert figure in rows, f"no row for {figure!r} in:\n{done.stdout}"
        assert "failed" not in rows[figure], rows[figure]
    for other in ("`warday fetch` again, nothing new", "parsing one K2 HTML page"):
        assert any(name.startswith(other) for name in rows), other

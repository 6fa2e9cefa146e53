"""SVG snapshots of the reader at 80x24, 100x30, 120x40 and 200x50 (update with --snapshot-update).

80x24 and 100x30 show the two sides side by side with the day list as a drawer (`\\`); 120x40 and
200x50 show the day list beside them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest_app import QUIET, bulletin_day, make_app, perspectives_day, sample

SIZES = [(80, 24), (100, 30), (120, 40), (200, 50)]


def stored_days():
    """A perspectives day (the sample, newest), a bulletin and a day missing its Russian side."""
    return [sample(), perspectives_day(992, sides=("western",)), bulletin_day(210)]


SCENES = {
    "perspectives": {"day": 993},
    "bulletin": {"day": 210},
    "missing_side": {"day": 992},
    "empty_store": {"empty": True},
    "ascii": {"day": 993, "ascii": True},
    "ansi_theme": {"day": 993, "config": replace(QUIET, theme="ansi-dark")},
    "backslash": {"day": 993, "press": ["backslash", "j"]},
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("scene", SCENES)
def test_reader_snapshot(snap_compare, home: Path, scene: str, size: tuple[int, int]):
    options = dict(SCENES[scene])
    digests = [] if options.pop("empty", False) else stored_days()
    press = options.pop("press", [])
    app = make_app(home, digests, **options)
    assert snap_compare(app, terminal_size=size, press=press)


def test_narrow_terminal_stacks_the_sides_snapshot(snap_compare, home: Path):
    app = make_app(home, stored_days(), day=993)
    assert snap_compare(app, terminal_size=(70, 24))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_no_color_snapshot(
    snap_compare, home: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(home, stored_days(), day=993)
    assert app.no_color
    assert snap_compare(app, terminal_size=size, press=["tab"])

"""SVG snapshots of the reader at 80x24, 120x40 and 200x50 (update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest_app import bulletin_day, make_app, perspectives_day, sample

SIZES = [(80, 24), (120, 40), (200, 50)]


def stored_days():
    """A perspectives day (the sample, newest), a bulletin and a day missing its Russian side."""
    return [sample(), perspectives_day(992, sides=("western",)), bulletin_day(210)]


SCENES = {
    "perspectives": {"day": 993},
    "bulletin": {"day": 210},
    "missing_side": {"day": 992},
    "empty_store": {"empty": True},
    "ascii": {"day": 993, "ascii": True},
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("scene", SCENES)
def test_reader_snapshot(snap_compare, home: Path, scene: str, size: tuple[int, int]):
    options = dict(SCENES[scene])
    digests = [] if options.pop("empty", False) else stored_days()
    app = make_app(home, digests, **options)
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_no_color_snapshot(
    snap_compare, home: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(home, stored_days(), day=993)
    assert app.no_color
    assert snap_compare(app, terminal_size=size)

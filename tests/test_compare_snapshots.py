"""SVG snapshots of compare mode (Day 993) and of the timeline (a term only one side mentions in
some weeks) at 80x24 and 120x40, in colour and with NO_COLOR (update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest_app import make_app, open_store
from test_app_compare import compared
from test_app_snapshots import stored_days
from test_app_timeline import archive, counted

SIZES = [(80, 24), (120, 40)]


async def comparing(pilot) -> None:
    await pilot.press("c")
    await compared(pilot)
    await pilot.pause(0.2)


async def following_kursk(pilot) -> None:
    await pilot.press("t")
    await pilot.pause()
    await pilot.press("slash", *"kursk", "enter")
    await counted(pilot, "kursk")
    await pilot.press("left", "up")
    await pilot.pause(0.2)


def timeline_app(home: Path):
    app = make_app(home, archive(), day=1000)
    with open_store(home) as store:
        for day, stars in ((1000, 5), (995, 3), (990, 1), (1010, 4), (960, 2)):
            store.rate(day, stars)
        for day in [*range(901, 950), *range(957, 990)]:
            store.set_read(day, True)
    return app


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_compare_mode_snapshot(snap_compare, home: Path, size: tuple[int, int]):
    app = make_app(home, stored_days(), day=993)
    assert snap_compare(app, terminal_size=size, run_before=comparing)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_timeline_snapshot(snap_compare, home: Path, size: tuple[int, int]):
    assert snap_compare(timeline_app(home), terminal_size=size, run_before=following_kursk)


@pytest.mark.parametrize("scene", ["compare", "timeline"])
def test_no_color_snapshot(snap_compare, home: Path, monkeypatch: pytest.MonkeyPatch, scene: str):
    monkeypatch.setenv("NO_COLOR", "1")
    if scene == "compare":
        app, before = make_app(home, stored_days(), day=993), comparing
    else:
        app, before = timeline_app(home), following_kursk
    assert snap_compare(app, terminal_size=(80, 24), run_before=before)

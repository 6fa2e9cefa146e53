"""SVG snapshots of search: the search screen with results, and a day opened from it with its
matches highlighted, at 80x24 and 120x40, in colour and with NO_COLOR (update with
--snapshot-update)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest_app import make_app
from test_app_search import archive, open_result, results_for

SIZES = [(80, 24), (120, 40)]


async def typed(pilot) -> None:
    await pilot.press("slash")
    await results_for(pilot, "kursk")


async def opened(pilot) -> None:
    await pilot.press("slash")
    screen = await results_for(pilot, "kursk")
    await open_result(pilot, screen, (993, "russian"))
    await pilot.press("n", "n")
    await pilot.pause(0.2)


SCENES = {"search_screen": typed, "matches": opened}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("scene", SCENES)
def test_search_snapshot(snap_compare, home: Path, scene: str, size: tuple[int, int]):
    app = make_app(home, archive(home), day=1002)
    assert snap_compare(app, terminal_size=size, run_before=SCENES[scene])


@pytest.mark.parametrize("scene", SCENES)
def test_search_no_color_snapshot(
    snap_compare, home: Path, monkeypatch: pytest.MonkeyPatch, scene: str
):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(home, archive(home), day=1002)
    assert snap_compare(app, terminal_size=(80, 24), run_before=SCENES[scene])

"""Building blocks for the reader's tests: digests of every shape, a store in tmp_path, the app."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from tui_reader.app.app import WardayApp
from tui_reader.config import Config
from tui_reader.model import Digest, Kind, Perspective, Section
from tui_reader.places import resolve_places
from tui_reader.sample import sample_digest
from tui_reader.store import Store

QUIET = Config(sync_on_start=False, read_after_seconds=600)
"""No fetching and no read timer running out during a test, unless a test asks for it."""


def published(day: int) -> datetime:
    return datetime(2022, 2, 25, 6, 30) + timedelta(days=day - 1)


def paragraphs(side: str, day: int, count: int) -> tuple[str, ...]:
    return tuple(
        f"{side.capitalize()} paragraph {number} of Day {day}: officials said the situation"
        " along the"
        " front line changed again overnight, with reports from several regions still being"
        " checked."
        for number in range(1, count + 1)
    )


def perspectives_day(
    day: int, count: int = 6, sides: tuple[str, ...] = ("western", "russian")
) -> Digest:
    """A 2023-style digest whose headlines name the day and side, e.g. `Western headline 1100`."""
    stories = tuple(
        Perspective(
            side, f"{side.capitalize()} headline {day} – source", paragraphs(side, day, count)
        )
        for side in sides
    )
    return Digest(
        day=day,
        title=f"What to know after Day {day} of Russia-Ukraine war",
        kind=Kind.PERSPECTIVES,
        published=published(day),
        perspectives=stories,
        attribution="Reuters/RT",
    )


def bulletin_day(day: int = 210) -> Digest:
    """A 2022-style bulletin: an unheaded lead and bullets, then topics under ALL-CAPS headings."""
    return Digest(
        day=day,
        title=f"What to know after Day {day} of Russia-Ukraine war",
        kind=Kind.BULLETIN,
        published=published(day),
        sections=(
            Section(
                None,
                (
                    f"Bulletin lead of Day {day}: reservists are called up.",
                    "Prisoners were exchanged.",
                ),
            ),
            Section(
                "ENERGY", ("Gas flows through the pipeline fell again.", "Prices rose in Europe.")
            ),
            Section("RUSSIAN MOBILISATION", ("Protests spread to more cities.",)),
        ),
        attribution="Reuters",
    )


def open_store(home: Path) -> Store:
    places = resolve_places(home)
    places.create()
    return Store(places.database)


def make_app(
    home: Path,
    digests: list[Digest] | tuple[Digest, ...] = (),
    config: Config = QUIET,
    day: int | None = None,
    ascii: bool = False,
) -> WardayApp:
    """The reader over a fresh store in `home` holding `digests`."""
    store = open_store(home)
    for digest in digests:
        store.save(digest)
    return WardayApp(resolve_places(home), config, store, day, ascii=ascii)


async def saved(pilot) -> None:
    """Wait until the reader's saver thread has stored every change queued so far."""
    await pilot.pause()
    for _ in range(500):
        if pilot.app.saver is None or pilot.app.saver.idle:
            break
        await pilot.pause(0.01)
    await pilot.pause()


def sample() -> Digest:
    return sample_digest()[0]


def screen_text(app: WardayApp) -> str:
    """Every line the terminal shows now, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def widget_text(app: WardayApp, widget) -> str:
    """What `widget` shows on screen, its lines joined by single spaces (wrapping undone)."""
    region = widget.content_region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    lines = [strip.crop(region.x, region.right).text.strip() for strip in strips]
    return " ".join(" ".join(lines).split())


def notices(app: WardayApp) -> list[str]:
    """The messages of the notifications shown so far."""
    return [str(notification.message) for notification in app._notifications]


def styled_runs(app: WardayApp, widget) -> list[tuple[str, object]]:
    """What `widget` shows on screen as (text, rich Style) runs, line by line, neighbouring
    segments of the same style joined: how each word is drawn."""
    region = widget.content_region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    runs: list[tuple[str, object]] = []
    for strip in strips:
        for segment in strip.crop(region.x, region.right):
            if runs and runs[-1][1] == segment.style and not runs[-1][0].endswith("\n"):
                runs[-1] = (runs[-1][0] + segment.text, segment.style)
            else:
                runs.append((segment.text, segment.style))
        runs.append(("\n", None))
    return runs


def drawn(app: WardayApp, widget, text: str):
    """The style `text` is drawn in, in `widget` (its first occurrence on screen, all of it in
    one style); fails if it is not on screen in one style."""
    for run, style in styled_runs(app, widget):
        if text in run:
            return style
    raise AssertionError(f"{text!r} is not drawn in one style in {widget!r}")


ELSEWHERE = "Shelling was reported elsewhere along the front."
"""A paragraph that names no place or term a test looks for."""


def day_with(day: int, western: str = ELSEWHERE, russian: str = ELSEWHERE) -> Digest:
    """A day whose two sides are one paragraph each: `western` and `russian`."""
    return Digest(
        day=day,
        title=f"What to know after Day {day} of Russia-Ukraine war",
        kind=Kind.PERSPECTIVES,
        perspectives=(
            Perspective("western", f"Western news of Day {day}", (western,)),
            Perspective("russian", f"Russian news of Day {day}", (russian,)),
        ),
    )

"""The command line's live view of a sync: a Rich progress line on a terminal, nothing otherwise."""

from __future__ import annotations

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from tui_reader.fetch.sync import SyncProgress


def progress_text(progress: SyncProgress, last_day: int | None) -> str:
    text = (
        f"{progress.pages_read} pages read, {progress.digests_found} digests found,"
        f" {progress.new} new, {progress.updated} updated, {progress.failed} failed"
    )
    if last_day is not None:
        text += f" (Day {last_day})"
    return text


class SyncDisplay:
    """A transient spinner with the running counts; use as a context manager and pass `update`."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]Fetching[/bold]"),
            TextColumn("{task.fields[counts]}", markup=False),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._task = self._progress.add_task("fetch", total=None, counts="starting")
        self._last_day: int | None = None

    def __enter__(self) -> SyncDisplay:
        self._progress.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._progress.stop()

    def update(self, progress: SyncProgress) -> None:
        """Show the latest counts (safe to call from the sync's thread)."""
        if progress.last_day is not None:
            self._last_day = progress.last_day
        self._progress.update(
            self._task, counts=progress_text(progress, self._last_day), refresh=True
        )

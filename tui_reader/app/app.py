"""WardayApp: opens the reader (or the welcome screen), applies config, runs background fetches."""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer

from tui_reader.app.commands import KeyCommands
from tui_reader.app.keys import APP_BINDINGS, unknown_ids
from tui_reader.app.saver import Change, ChangeKind, Outcome, Saver
from tui_reader.app.screens.help import HelpScreen
from tui_reader.app.screens.reader import ReaderScreen
from tui_reader.app.screens.welcome import WelcomeScreen
from tui_reader.app.widgets.status_line import StatusLine
from tui_reader.config import Config, ConfigError, save_setting
from tui_reader.places import Places
from tui_reader.store import Store, StoreDamaged, StoreError

if TYPE_CHECKING:
    from tui_reader.fetch import SyncProgress, SyncReport

STATUS_SECONDS = 10.0
"""How long a finished fetch's summary stays on the status line."""

SAVE_TITLE, RESTORE_TITLE = "\x1b[22;0t", "\x1b[23;0t"
"""Ask the terminal to keep its title while the reader runs, and to put it back (xterm's stack)."""


class WardayApp(App[None]):
    """The reader. Everything it shows comes from the local store; fetching and storing the
    reader's changes run in threads, so the screen never waits for the network or the database.
    """

    TITLE = "warday"
    CSS_PATH = "warday.tcss"
    sub_title: Reactive[str] = Reactive("", compute=False, repaint=False)
    """The day shown, in the terminal's title: nothing on the screen shows it, so changing it
    redraws nothing (Textual's own would redraw the whole screen on every day shown)."""
    BINDINGS: ClassVar[list[BindingType]] = [*APP_BINDINGS]
    COMMANDS = App.COMMANDS | {KeyCommands}

    def __init__(
        self,
        places: Places,
        config: Config,
        store: Store,
        day: int | None = None,
        ascii: bool = False,
    ) -> None:
        super().__init__()
        self.places = places
        self.config = config
        self.store = store
        self.start_day = day
        self.ascii = ascii
        self.keymap = dict(config.keys)
        self.status_text = ""
        self._status_timer: Timer | None = None
        self._cancel_sync = threading.Event()
        self.reader: ReaderScreen | None = None
        """The reader screen, once there is a day to show."""
        self.first_fetched_day: int | None = None
        """The day a fetch opened the reader on, when the store was empty at start."""
        self.offline_reason: str | None = None
        """Why the last fetch could not reach the site, while the status line says so."""
        self.saver: Saver | None = None
        """Stores ratings, read marks and the day shown (None when the store is read-only)."""
        self.unsaved_note = ""
        """What quitting left in ratings.toml because the database was busy (said on exit)."""
        self.opening_failure: str | None = None
        """Why the store could not say which day to open at (warday then exits saying so)."""

    class Saved(Message):
        """The saver's word on a change (posted from its thread)."""

        def __init__(self, change: Change, outcome: Outcome, detail: str) -> None:
            super().__init__()
            self.change = change
            self.outcome = outcome
            self.detail = detail

    # -- start-up ------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.write_to_terminal(SAVE_TITLE)
        self.name_terminal()
        self.set_class(self.ascii, "-ascii")
        self.set_keymap(self.keymap)
        if unknown := unknown_ids(self.keymap):
            names = ", ".join(unknown)
            self.notify(
                f"config.toml [keys]: no binding is called {names}; `warday keys` lists them.",
                severity="warning",
            )
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        else:
            message = f'config.toml: there is no theme "{self.config.theme}"; pick one with ctrl+p.'
            self.notify(message, severity="warning")
        self.theme_changed_signal.subscribe(self, self.save_theme)
        if self.store.read_only_reason:
            self.notify(
                f"Reading only: {self.store.read_only_reason}. Ratings and read marks are not"
                " saved, and nothing is fetched.",
                severity="warning",
                timeout=10,
            )
        else:
            self.saver = Saver(
                self.store.path,
                lambda change, outcome, detail: self.post_message(
                    self.Saved(change, outcome, detail)
                ),
            )
        if self.opening_failure is not None:
            self.exit(return_code=1, message=Text(self.opening_failure))

    def get_default_screen(self) -> Screen[Any]:
        """The reader at the day to open at, or the welcome screen when nothing is stored.

        The first screen rather than one pushed once the app is mounted: so it is laid out and
        drawn once, after the app's own start-up, and its first frame is whole.
        """
        try:
            day = self.opening_day()
        except StoreError as error:
            hint = (
                " Run warday again: it moves the file aside and rebuilds the store from the kept"
                " originals and ratings.toml."
                if isinstance(error, StoreDamaged)
                else ""
            )
            self.opening_failure = f"warday: {error}{hint}"
            return super().get_default_screen()
        if day is None:
            return WelcomeScreen()
        self.reader = ReaderScreen(self.store, self.config, self.ascii, day, self.places.config_dir)
        return self.reader

    def on_ready(self) -> None:
        """The first frame is being drawn: once it is on the screen, collect garbage again
        (`run_reader` turned the collector off for the start; what start-up made is kept out of
        its way), and fetch, so that the fetch's thread (and the network code it loads) never
        delays the first frame."""
        self.screen.call_after_refresh(self.started)

    def started(self) -> None:
        gc.freeze()
        gc.enable()
        if self.config.sync_on_start and not self.store.read_only and self.is_running:
            self.action_sync()

    def opening_day(self) -> int | None:
        """The day asked for, else the last day read, else the newest; None if nothing is stored."""
        newest = self.store.newest_day()
        if newest is None:
            return None
        if self.start_day is not None:
            if self.store.has_day(self.start_day):
                return self.start_day
            self.notify(
                f"Day {self.start_day} is not stored; showing Day {newest}.", severity="warning"
            )
            return newest
        last = self.store.get_state("last_day")
        return int(last) if last and last.isdigit() and self.store.has_day(int(last)) else newest

    def show_reader(self, day: int) -> None:
        """Leave the welcome screen for the reader at `day` (over it: the welcome screen is the
        first screen, which Textual keeps)."""
        if self.reader is None:
            self.reader = ReaderScreen(
                self.store, self.config, self.ascii, day, self.places.config_dir
            )
            self.push_screen(self.reader)

    @on(WelcomeScreen.SampleWanted)
    def open_sample(self) -> None:
        from tui_reader.sample import store_sample

        try:
            store_sample(self.store)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        self.show_reader(self.store.day_numbers()[0])
        if self.offline_reason is not None and self.status_text:
            self.say(self.offline_summary(self.offline_reason), STATUS_SECONDS)

    def save_theme(self, theme: Theme) -> None:
        """A theme picked with ctrl+p is kept in config.toml."""
        if theme.name == self.config.theme:
            return
        try:
            save_setting(self.places.config_file, "theme", theme.name)
        except (ConfigError, OSError) as error:
            self.notify(f"The theme could not be saved: {error}", severity="error")
            return
        self.config = replace(self.config, theme=theme.name)

    def watch_title(self) -> None:
        self.name_terminal()

    def watch_sub_title(self) -> None:
        self.name_terminal()

    def name_terminal(self) -> None:
        """`warday - Day 993` as the terminal's title, and the browser tab's when served."""
        title = " - ".join(part for part in (self.title, self.sub_title) if part)
        self.write_to_terminal(f"\x1b]2;{title}\x07")

    def on_unmount(self) -> None:
        self.write_to_terminal(RESTORE_TITLE)

    def write_to_terminal(self, sequence: str) -> None:
        """Send an escape sequence that Textual has no method for (none while testing)."""
        if self._driver is not None:
            self._driver.write(sequence)

    def get_key_display(self, binding: Binding) -> str:
        """Keys as the footer shows them: `⏎` is `enter` in ASCII mode."""
        shown = super().get_key_display(binding)
        return shown if shown.isascii() or not self.ascii else binding.key

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own commands, less the two that the key commands already offer."""
        own = {"Quit", "Keys"}
        yield from (
            command for command in super().get_system_commands(screen) if command.title not in own
        )

    # -- actions -------------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.keymap, self.ascii, self.status_text))

    async def action_quit(self) -> None:
        self.stop_sync()
        change = self.reader.day_to_remember() if self.reader is not None else None
        if self.saver is not None and change is not None:
            self.saver.put(change)
        await self.finish_saving()
        self.exit()

    def action_sync(self) -> None:
        if self.store.read_only_reason:
            self.notify(f"Reading only ({self.store.read_only_reason}): nothing is fetched.")
            return
        if any(worker.group == "sync" and worker.is_running for worker in self.workers):
            self.notify("A fetch is already running; its progress is on the status line.")
            return
        self.say("fetching: starting")
        self.sync()

    def stop_sync(self) -> None:
        """Ask a running fetch to stop; what it stored so far stays."""
        self._cancel_sync.set()

    # -- background fetch ----------------------------------------------------------------

    def say(self, message: str, for_seconds: float | None = None) -> None:
        """Put `message` on the status line of every screen (for a while, if given)."""
        self.status_text = message
        if self._status_timer is not None:
            self._status_timer.stop()
            self._status_timer = None
        for line in self.screen.query(StatusLine):
            line.say(message)
        if for_seconds is not None:
            self._status_timer = self.set_timer(for_seconds, lambda: self.say(""))

    @work(thread=True, group="sync")
    def sync(self) -> None:
        """Fetch new digests with a store of this thread's own; the screen hears of every day."""
        from tui_reader.fetch import sync_blocking

        try:
            with Store(self.places.database) as store:
                report = sync_blocking(
                    store,
                    self.config,
                    on_progress=lambda progress: self.call_from_thread(
                        self.sync_progress, progress
                    ),
                    cancel=self._cancel_sync,
                )
        except StoreError as error:
            self.call_from_thread(self.say, f"fetch failed: {error}", STATUS_SECONDS)
            return
        if not self._cancel_sync.is_set():
            self.call_from_thread(self.sync_done, report)

    def sync_progress(self, progress: SyncProgress) -> None:
        self.say(
            f"fetching: {progress.pages_read} pages read, {progress.new} new,"
            f" {progress.updated} updated, {progress.failed} failed"
        )
        if progress.last_day is None:
            return
        if self.reader is None:
            self.first_fetched_day = progress.last_day
            self.show_reader(progress.last_day)
        else:
            self.reader.post_message(ReaderScreen.DayStored(progress.last_day))

    def sync_done(self, report: SyncReport) -> None:
        self.offline_reason = report.unreachable
        if report.unreachable is None:
            self.say(report.summary, STATUS_SECONDS)
        else:
            self.say(self.offline_summary(report.unreachable), STATUS_SECONDS)
        if self.reader is not None:
            untouched = (
                self.first_fetched_day is not None and self.reader.day == self.first_fetched_day
            )
            self.reader.post_message(ReaderScreen.FetchDone(show_newest=untouched))
            self.first_fetched_day = None

    def offline_summary(self, unreachable: str) -> str:
        """Why the site was not reached, and what the store holds now (not when the fetch ended)."""
        from tui_reader.fetch.sync import offline_summary

        try:
            days, real_days = self.store.count(), self.store.count(samples=False)
        except StoreError:
            return f"offline: {unreachable}"
        return offline_summary(unreachable, real_days, sample=days > real_days)

    # -- storing the reader's changes ---------------------------------------------------

    @on(ReaderScreen.Changed)
    def store_change(self, message: ReaderScreen.Changed) -> None:
        change = message.change
        if self.saver is not None:
            self.saver.put(change)
        elif change.kind is not ChangeKind.LAST_DAY:
            self.notify(
                f"{change.describe()} is not saved: reading only ({self.store.read_only_reason}).",
                severity="warning",
            )
            if self.reader is not None:
                self.reader.change_done(change)

    @on(Saved)
    def change_saved(self, message: Saved) -> None:
        change, outcome = message.change, message.outcome
        if change.kind is ChangeKind.LAST_DAY:
            return
        if outcome is Outcome.WAITING:
            self.say(f"{change.describe()}: waiting to be saved, another warday is writing")
            return
        if self.status_text.startswith(f"{change.describe()}: waiting"):
            self.say("")
        if self.reader is not None:
            self.reader.change_done(change)
        if outcome is Outcome.FAILED:
            self.notify(f"{change.describe()} was not saved: {message.detail}", severity="error")
        elif change.kind is ChangeKind.RATE:
            self.notify(change.describe())
            if change.value and self.config.submit_ratings:
                self.send_vote(change.day, change.value)

    async def finish_saving(self, timeout: float = 1.5) -> None:
        """Give queued changes a moment to be stored (the screen keeps drawing meanwhile)."""
        deadline = asyncio.get_running_loop().time() + timeout
        while self.saver is not None and not self.saver.idle:
            if asyncio.get_running_loop().time() > deadline:
                break
            await asyncio.sleep(0.05)

    def keep_unsaved(self) -> None:
        """Stop the saver; ratings and read marks it could not store go into ratings.toml,
        which the store takes in the next time it opens."""
        if self.saver is None:
            return
        left = [record for change in self.saver.close() if (record := change.record())]
        self.saver = None
        if not left:
            return
        try:
            self.store.ratings_file.keep_pending(left)
        except OSError as error:
            self.unsaved_note = (
                f"warday: {len(left)} change(s) could not be saved: the database was busy and"
                f" {self.store.ratings_file.path} cannot be written ({error.strerror})."
            )
            return
        self.unsaved_note = (
            f"warday: the database was busy, so {len(left)} rating(s) or read mark(s) are kept"
            f" in {self.store.ratings_file.path}; they go into the database the next time"
            " warday opens it."
        )

    @work(thread=True, group="vote")
    def send_vote(self, day: int, stars: int) -> None:
        """Send a rating to the site as a vote (queued for the next fetch when offline)."""
        from tui_reader.fetch import queue_and_send_vote

        try:
            answer = queue_and_send_vote(self.places, self.config, day, stars)
        except StoreError as error:
            answer = f"not sent: {error}"
        self.call_from_thread(self.notify, f"Vote for Day {day}: {answer}", markup=False)

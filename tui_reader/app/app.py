"""WardayApp: opens the reader (or the welcome screen), applies config, runs background fetches."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer

from tui_reader.app.commands import KeyCommands
from tui_reader.app.keys import APP_BINDINGS, unknown_ids
from tui_reader.app.screens.help import HelpScreen
from tui_reader.app.screens.reader import ReaderScreen
from tui_reader.app.screens.welcome import WelcomeScreen
from tui_reader.app.widgets.status_line import StatusLine
from tui_reader.config import Config, ConfigError, save_setting
from tui_reader.places import Places
from tui_reader.store import Store, StoreError

if TYPE_CHECKING:
    from tui_reader.fetch import SyncProgress, SyncReport

STATUS_SECONDS = 10.0
"""How long a finished fetch's summary stays on the status line."""


class WardayApp(App[None]):
    """The reader. Everything it shows comes from the local store; fetching runs in a thread."""

    TITLE = "warday"
    CSS_PATH = "warday.tcss"
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

    # -- start-up ------------------------------------------------------------------------

    def on_mount(self) -> None:
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
        try:
            day = self.opening_day()
        except StoreError as error:
            self.exit(return_code=1, message=Text(f"warday: {error}"))
            return
        if day is None:
            self.push_screen(WelcomeScreen())
        else:
            self.reader = ReaderScreen(self.store, self.config, self.ascii, day)
            self.push_screen(self.reader)
        if self.config.sync_on_start:
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
        """Leave the welcome screen for the reader at `day`."""
        if self.reader is None:
            self.reader = ReaderScreen(self.store, self.config, self.ascii, day)
            self.switch_screen(self.reader)

    @on(WelcomeScreen.SampleWanted)
    def open_sample(self) -> None:
        from tui_reader.sample import store_sample

        try:
            store_sample(self.store)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        self.show_reader(self.store.days()[0].day)

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
            self.push_screen(HelpScreen(self.keymap, self.ascii))

    async def action_quit(self) -> None:
        self.stop_sync()
        self.exit()

    def action_sync(self) -> None:
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
        self.say(report.summary, STATUS_SECONDS)
        if self.reader is not None:
            untouched = (
                self.first_fetched_day is not None and self.reader.day == self.first_fetched_day
            )
            self.reader.post_message(ReaderScreen.FetchDone(show_newest=untouched))
            self.first_fetched_day = None

    @on(ReaderScreen.Rated)
    def rated(self, message: ReaderScreen.Rated) -> None:
        if self.config.submit_ratings:
            self.send_vote(message.day, message.stars)

    @work(thread=True, group="vote")
    def send_vote(self, day: int, stars: int) -> None:
        """Send a rating to the site as a vote (queued for the next fetch when offline)."""
        from tui_reader.fetch import queue_and_send_vote

        try:
            answer = queue_and_send_vote(self.places, self.config, day, stars)
        except StoreError as error:
            answer = f"not sent: {error}"
        self.call_from_thread(self.notify, f"Vote for Day {day}: {answer}")

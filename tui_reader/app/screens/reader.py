"""The reader: header, day list on the left, the two perspectives on the right, footer."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer

from tui_reader.app.keys import READER_BINDINGS
from tui_reader.app.saver import Change, ChangeKind
from tui_reader.app.screens.go_to import GoToScreen
from tui_reader.app.widgets.ascii_mode import use_ascii_scrollbars
from tui_reader.app.widgets.day_header import DayHeader
from tui_reader.app.widgets.day_list import DayList
from tui_reader.app.widgets.perspective_pane import PerspectivePane
from tui_reader.app.widgets.status_line import StatusLine
from tui_reader.config import Config
from tui_reader.model import DayEntry, Digest, Kind
from tui_reader.render import MAIN_SIDES, SIDE_BY_SIDE_MIN_WIDTH
from tui_reader.store import Store, StoreError

DAY_LIST_MIN_WIDTH = 70
"""Narrower than this, the day list starts hidden (`\\` shows it)."""
REFRESH_SECONDS = 2.0
"""How often the reader looks for changes made by another warday (ratings, fetched days)."""


class ReaderScreen(Screen[None]):
    """Moves through the stored days and shows one at a time."""

    BINDINGS: ClassVar[list[BindingType]] = [*READER_BINDINGS]

    class DayStored(Message, bubble=False):
        """A fetch stored `day` (sent as a message, so it waits until the screen is mounted)."""

        def __init__(self, day: int) -> None:
            super().__init__()
            self.day = day

    class FetchDone(Message, bubble=False):
        """A fetch finished: list every day it stored (and show the newest, if asked)."""

        def __init__(self, show_newest: bool = False) -> None:
            super().__init__()
            self.show_newest = show_newest

    class Changed(Message):
        """The user changed something to be stored (the app's saver stores it off screen)."""

        def __init__(self, change: Change) -> None:
            super().__init__()
            self.change = change

    def __init__(self, store: Store, config: Config, ascii: bool, day: int) -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.ascii = ascii
        self.start_day = day
        self.digest: Digest | None = None
        self.swapped = False
        self.locked = False
        self.stacked_choice: bool | None = None
        """Side by side or stacked as chosen with `v`; None follows the width."""
        self.list_choice: bool | None = None
        """Day list shown or hidden as chosen with `\\`; None follows the width."""
        self._read_timer: Timer | None = None
        self._ends_seen: set[str | None] = set()
        self._list_refresh: Timer | None = None
        self._unsaved: dict[tuple[ChangeKind, int], Change] = {}
        """Ratings and read marks shown already but not stored yet, by kind and day."""
        self._data_version: int | None = None

    def compose(self) -> ComposeResult:
        yield DayHeader()
        with Horizontal(id="body"):
            yield DayList(ascii=self.ascii, id="days")
            with Container(id="panes"):
                yield PerspectivePane(id="left")
                yield PerspectivePane(id="right")
        yield StatusLine()
        yield Footer()

    @property
    def day_list(self) -> DayList:
        return self.query_one(DayList)

    @property
    def panes(self) -> tuple[PerspectivePane, PerspectivePane]:
        return self.query_one("#left", PerspectivePane), self.query_one("#right", PerspectivePane)

    @property
    def day(self) -> int | None:
        return self.digest.day if self.digest else None

    def on_mount(self) -> None:
        if self.ascii:
            for scrolling in (self.day_list, *self.panes):
                use_ascii_scrollbars(scrolling)
        self.day_list.set_entries(self.store.days())
        self._data_version = self.store.data_version()
        self.set_interval(REFRESH_SECONDS, self.check_for_changes)
        self.apply_layout()
        self.show_day(self.start_day)
        (self.day_list if self.day_list.display else self.panes[0]).focus()

    # -- showing a day -------------------------------------------------------------------

    def show_day(self, day: int) -> None:
        """Load `day` from the store into the panes, header and list highlight."""
        try:
            digest = self.store.digest(day)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        if digest is None:
            self.notify(
                f"Day {day} is not stored; fetch it with r or `warday fetch`.", severity="warning"
            )
            return
        self.digest = digest
        self.fill_panes()
        self.day_list.highlight_day(day)
        self.refresh_header()
        self._ends_seen.clear()
        if self._read_timer is not None:
            self._read_timer.stop()
        self._read_timer = self.set_timer(self.config.read_after_seconds, self.mark_read)
        self.post_message(self.Changed(Change(ChangeKind.LAST_DAY, day)))

    def fill_panes(self) -> None:
        digest = self.digest
        if digest is None:
            return
        left, right = self.panes
        if digest.kind is Kind.BULLETIN:
            left.show_bulletin(digest, self.ascii)
            if self.maximized is right:
                self.minimize()
            right.display = False
            return
        right.display = True
        first, second = reversed(MAIN_SIDES) if self.swapped else MAIN_SIDES
        left.show_side(digest, first, self.ascii)
        right.show_side(digest, second, self.ascii)

    def refresh_header(self) -> None:
        entry = self.day_list.entries.get(self.day) if self.day is not None else None
        self.query_one(DayHeader).show(entry, self.day_list.unread_count(), self.ascii)

    def refresh_entry(self, day: int) -> None:
        """Read `day`'s list entry again from the store and redraw it and the header."""
        try:
            entry = self.store.day_entry(day)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        if entry is None:
            return
        if day in self.day_list.entries:
            self.day_list.update_entry(self._with_unsaved(entry))
        else:
            self.schedule_list_refresh()
        self.refresh_header()

    @on(FetchDone)
    def fetch_done(self, message: FetchDone) -> None:
        self.refresh_list()
        if message.show_newest and self.day_list.days:
            self.show_day(self.day_list.days[0])

    @on(DayStored)
    def day_stored(self, message: DayStored) -> None:
        """List the day a fetch stored, and show its new text if it is the day on screen."""
        day = message.day
        self.refresh_entry(day)
        if day != self.day:
            return
        try:
            digest = self.store.digest(day)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        if digest is not None and digest != self.digest:
            self.digest = digest
            self.fill_panes()

    def schedule_list_refresh(self) -> None:
        """Re-read the whole list soon (once, however many days arrive meanwhile)."""
        if self._list_refresh is None:
            self._list_refresh = self.set_timer(0.3, self.refresh_list)

    def refresh_list(self) -> None:
        """Re-read every day's entry (after a fetch added days)."""
        self._list_refresh = None
        try:
            entries = self.store.days()
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        self.day_list.set_entries(map(self._with_unsaved, entries), keep_day=self.day)
        self.refresh_header()

    def check_for_changes(self) -> None:
        """Re-read the list when another connection committed (another reader's rating, a
        fetch from cron); `PRAGMA data_version` makes the look cheap."""
        try:
            version = self.store.data_version()
        except StoreError:
            return
        if version != self._data_version:
            self._data_version = version
            self.refresh_list()

    # -- changes waiting to be stored ----------------------------------------------------

    def _change(self, change: Change) -> None:
        """Show `change` at once and hand it to the app to store."""
        if change.kind is not ChangeKind.LAST_DAY:
            self._unsaved[(change.kind, change.day)] = change
            entry = self.day_list.entries.get(change.day)
            if entry is not None:
                self.day_list.update_entry(self._with_unsaved(entry))
                self.refresh_header()
        self.post_message(self.Changed(change))

    def _with_unsaved(self, entry: DayEntry) -> DayEntry:
        rating = self._unsaved.get((ChangeKind.RATE, entry.day))
        read = self._unsaved.get((ChangeKind.READ, entry.day))
        if rating is not None:
            entry = replace(entry, rating=rating.value or None)
        if read is not None:
            entry = replace(entry, read=bool(read.value))
        return entry

    def change_done(self, change: Change) -> None:
        """The app stored `change` (or gave up on it): show what the store holds."""
        if self._unsaved.get((change.kind, change.day)) is change:
            del self._unsaved[(change.kind, change.day)]
        self.refresh_entry(change.day)

    @on(DayList.DayHighlighted)
    def day_highlighted(self, message: DayList.DayHighlighted) -> None:
        if message.day != self.day:
            self.show_day(message.day)

    # -- read state ----------------------------------------------------------------------

    def mark_read(self) -> None:
        """The day shown has been read: store that, unless it is already."""
        day = self.day
        entry = self.day_list.entries.get(day) if day is not None else None
        if day is None or entry is None or entry.read:
            return
        self._change(Change(ChangeKind.READ, day, 1))

    @on(PerspectivePane.Scrolled)
    def pane_scrolled(self, message: PerspectivePane.Scrolled) -> None:
        left, right = self.panes
        if self.locked and right.display:
            (right if message.pane is left else left).scroll_to_fraction(message.fraction)
        shown = [pane for pane in self.panes if pane.display]
        self._ends_seen.update(pane.id for pane in shown if pane.at_end)
        if all(pane.id in self._ends_seen for pane in shown):
            self.mark_read()

    # -- layout --------------------------------------------------------------------------

    def on_resize(self) -> None:
        self.apply_layout()

    def apply_layout(self) -> None:
        """Side by side or stacked, day list shown or hidden: by choice, else by width."""
        width = self.size.width
        stacked = (
            self.stacked_choice
            if self.stacked_choice is not None
            else width < SIDE_BY_SIDE_MIN_WIDTH
        )
        self.query_one("#panes").set_class(stacked, "-stacked")
        show_list = (
            self.list_choice if self.list_choice is not None else width >= DAY_LIST_MIN_WIDTH
        )
        day_list = self.day_list
        if day_list.display != show_list:
            day_list.display = show_list
            if not show_list and day_list.has_focus:
                self.panes[0].focus()

    @property
    def stacked(self) -> bool:
        return self.query_one("#panes").has_class("-stacked")

    # -- actions -------------------------------------------------------------------------

    def focused_pane(self) -> PerspectivePane:
        """The focused pane, else the first one."""
        focused = self.focused
        return focused if isinstance(focused, PerspectivePane) else self.panes[0]

    def action_down(self) -> None:
        if isinstance(self.focused, DayList):
            self.focused.action_cursor_down()
        else:
            self.focused_pane().scroll_down(animate=False)

    def action_up(self) -> None:
        if isinstance(self.focused, DayList):
            self.focused.action_cursor_up()
        else:
            self.focused_pane().scroll_up(animate=False)

    def action_page_down(self) -> None:
        self.focused_pane().scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.focused_pane().scroll_page_up(animate=False)

    def action_focus_next(self) -> None:
        self.focus_next()

    def action_focus_previous(self) -> None:
        self.focus_previous()

    def _step(self, newer: bool) -> None:
        days = self.day_list.days
        if self.day is None or self.day not in self.day_list.entries:
            return
        index = days.index(self.day) + (-1 if newer else 1)
        if 0 <= index < len(days):
            self.show_day(days[index])
        else:
            edge = "newest" if newer else "oldest"
            self.notify(f"Day {self.day} is the {edge} stored day.")

    def action_next_day(self) -> None:
        self._step(newer=True)

    def action_previous_day(self) -> None:
        self._step(newer=False)

    def action_go_to(self) -> None:
        self.app.push_screen(GoToScreen(), self.go_to_day)

    def go_to_day(self, day: int | None) -> None:
        if day is not None:
            self.show_day(day)

    def action_rate(self, stars: int) -> None:
        """Show the stars at once; the app stores them and confirms."""
        if self.day is not None:
            self._change(Change(ChangeKind.RATE, self.day, stars))

    def action_toggle_read(self) -> None:
        day = self.day
        if day is None or day not in self.day_list.entries:
            return
        read = not self.day_list.entries[day].read
        if self._read_timer is not None:
            self._read_timer.stop()
        self._change(Change(ChangeKind.READ, day, int(read)))
        self.notify(f"Day {day} marked {'read' if read else 'unread'}")

    def action_swap_sides(self) -> None:
        self.swapped = not self.swapped
        self.fill_panes()

    def action_toggle_layout(self) -> None:
        self.stacked_choice = not self.stacked
        self.apply_layout()

    def action_zoom(self) -> None:
        if self.maximized is not None:
            self.minimize()
        else:
            pane = self.focused_pane()
            pane.focus()
            self.maximize(pane, container=False)

    def action_toggle_day_list(self) -> None:
        self.list_choice = not self.day_list.display
        self.apply_layout()

    def action_toggle_lock(self) -> None:
        self.locked = not self.locked
        left, right = self.panes
        if self.locked:
            fraction = left.scroll_y / left.max_scroll_y if left.max_scroll_y else 0.0
            right.scroll_to_fraction(fraction)
        self.notify("Panes scroll together" if self.locked else "Panes scroll on their own")

"""The reader: header, day list, the two perspectives, status line and footer.

How they are arranged follows the terminal's width and the reader's choices (see `layout`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer

from tui_reader.app.keys import READER_BINDINGS
from tui_reader.app.layout import LayoutChoices, WidthClass, default_arrangement
from tui_reader.app.saver import Change, ChangeKind
from tui_reader.app.screens.go_to import GoToScreen
from tui_reader.app.widgets.ascii_mode import use_ascii_scrollbars
from tui_reader.app.widgets.compare_strip import CompareStrip
from tui_reader.app.widgets.day_header import DayHeader
from tui_reader.app.widgets.day_list import DayList
from tui_reader.app.widgets.keys_footer import KeysFooter
from tui_reader.app.widgets.perspective_pane import PaneFrame, PerspectivePane
from tui_reader.app.widgets.status_line import StatusLine
from tui_reader.browser import browser_here, page_url
from tui_reader.config import Config
from tui_reader.model import DayEntry, Digest, Kind
from tui_reader.passages import BULLETIN, Highlight
from tui_reader.render import MAIN_SIDES
from tui_reader.store import Store, StoreError

if TYPE_CHECKING:
    from tui_reader.app.comparing import Comparer
    from tui_reader.app.screens.search import SearchChoice

REFRESH_SECONDS = 2.0
"""How often the reader looks for changes made by another warday (ratings, fetched days)."""

COMPARE_KEY = "compare"
"""The app state key that keeps whether compare mode is on (`on` or `off`) between runs."""

REMEMBER_SECONDS = 1.0
"""How long a day is on screen before it is stored as the day to open at (or when quitting):
moving through days stores nothing."""


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

    def __init__(
        self, store: Store, config: Config, ascii: bool, day: int, config_dir: Path | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.config_dir = config_dir
        """Where the user's spellings table for compare mode is (none: warday's own only)."""
        self.ascii = ascii
        self.start_day = day
        self.digest: Digest | None = None
        self.choices = LayoutChoices()
        """The layout chosen at each width class (`v`, `\\`, `s`, `L`), kept in the store."""
        self.width_class = WidthClass.WIDE
        self.arrangement = default_arrangement(self.width_class)
        """The layout in use: the choices of the current width class, else its defaults."""
        self._focus_before_drawer: PerspectivePane | None = None
        self._read_timer: Timer | None = None
        self._remember_timer: Timer | None = None
        self._ends_seen: set[str | None] = set()
        self._list_refresh: Timer | None = None
        self._unsaved: dict[tuple[ChangeKind, int], Change] = {}
        """Ratings and read marks shown already but not stored yet, by kind and day."""
        self._data_version: int | None = None
        self._unread: int | None = None
        """Days not read, as the header last counted them."""
        self.search: SearchChoice | None = None
        """The search whose matches are highlighted in every day shown, until escape."""
        self._day_matches: list[Highlight] = []
        self._matches: list[tuple[PerspectivePane, Highlight]] = []
        """The day's matches in reading order: the left pane's, then the right pane's."""
        self._match: int | None = None
        """Which of `_matches` n and N stepped to."""
        self._matching_days: list[int] | None = None
        self.comparing = False
        """Compare mode (`c`): where the two sides meet and differ is drawn in every day shown."""
        self._comparer: Comparer | None = None
        """Loaded the first time compare mode is turned on."""
        self._compared: list[Highlight] = []
        """The names and figures of the day shown, while compare mode is on."""

    def compose(self) -> ComposeResult:
        yield DayHeader()
        yield CompareStrip(ascii=self.ascii)
        with Horizontal(id="body"):
            yield DayList(self.load_entries, ascii=self.ascii, id="days")
            with Container(id="panes"):
                with PaneFrame():
                    yield PerspectivePane(id="left")
                with PaneFrame():
                    yield PerspectivePane(id="right")
        yield StatusLine()
        yield KeysFooter(compact=WidthClass.of(self.app.size.width) is not WidthClass.WIDE)

    @property
    def day_list(self) -> DayList:
        return self.query_one(DayList)

    @property
    def panes(self) -> tuple[PerspectivePane, PerspectivePane]:
        return self.query_one("#left", PerspectivePane), self.query_one("#right", PerspectivePane)

    @property
    def day(self) -> int | None:
        return self.digest.day if self.digest else None

    @property
    def swapped(self) -> bool:
        return self.arrangement.swapped

    @property
    def locked(self) -> bool:
        return self.arrangement.locked

    def on_mount(self) -> None:
        if self.ascii:
            for scrolling in (self.day_list, *self.panes):
                use_ascii_scrollbars(scrolling)
        try:
            self.choices = LayoutChoices.from_json(self.store.get_state(LayoutChoices.STATE_KEY))
        except StoreError as error:
            self.notify(str(error), severity="error")
        self.day_list.set_days(self.store.day_numbers())
        self._data_version = self.store.data_version()
        self.set_interval(REFRESH_SECONDS, self.check_for_changes)
        self.apply_layout()
        self.show_day(self.start_day)
        (self.day_list if self.day_list.display else self.panes[0]).focus()
        try:
            self.comparing = self.store.get_state(COMPARE_KEY) == "on"
        except StoreError as error:
            self.notify(str(error), severity="error")
        if self.comparing:
            self.load_comparer()

    def on_unmount(self) -> None:
        if self._comparer is not None:
            self._comparer.close()

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
        self.refresh_header(recount=False)
        self.app.sub_title = f"Day {day}"
        self._ends_seen.clear()
        if self._read_timer is not None:
            self._read_timer.stop()
        self._read_timer = self.set_timer(self.config.read_after_seconds, self.mark_read)
        if self._remember_timer is not None:
            self._remember_timer.stop()
        self._remember_timer = self.set_timer(REMEMBER_SECONDS, self.remember_day)
        self.call_after_refresh(self.prepare_neighbours)

    def prepare_neighbours(self) -> None:
        """Once the day is on the screen, draw the days either side of it ahead, so that `n`
        and `p` only have to put them on the screen."""
        day = self.day
        if day is None or self.search is not None:
            return
        left, right = self.panes
        first, second = reversed(MAIN_SIDES) if self.swapped else MAIN_SIDES
        for newer in (False, True):
            beside = self.day_list.beside(day, newer)
            try:
                digest = self.store.digest(beside) if beside is not None else None
            except StoreError:
                return
            if digest is None:
                continue
            if digest.kind is Kind.BULLETIN:
                left.prepare(digest, BULLETIN, self.ascii)
            else:
                left.prepare(digest, first, self.ascii)
                right.prepare(digest, second, self.ascii)

    def remember_day(self) -> None:
        """Store the day shown as the day to open at next time."""
        if (change := self.day_to_remember()) is not None:
            self.post_message(self.Changed(change))

    def day_to_remember(self) -> Change | None:
        """The day shown, if it is not stored as the day to open at yet (the app asks when
        quitting); from now on it counts as stored."""
        if self._remember_timer is None or self.day is None:
            return None
        self._remember_timer.stop()
        self._remember_timer = None
        return Change(ChangeKind.LAST_DAY, self.day)

    def fill_panes(self) -> None:
        digest = self.digest
        if digest is None:
            return
        left, right = self.panes
        if digest.kind is Kind.BULLETIN:
            left.show_bulletin(digest, self.ascii)
            if self.maximized is right.frame:
                self.minimize()
            right.display = right.frame.display = False
        else:
            right.display = right.frame.display = True
            first, second = reversed(MAIN_SIDES) if self.swapped else MAIN_SIDES
            left.show_side(digest, first, self.ascii)
            right.show_side(digest, second, self.ascii)
        self.compare_day()
        self.show_matches()

    def refresh_header(self, recount: bool = True) -> None:
        """The header names the day; with no day list on screen it also says where it is.
        `recount=False` when nothing read or stored has changed (moving, a new layout)."""
        day_list = self.day_list
        entry = day_list.entries.get(self.day) if self.day is not None else None
        position = None
        if entry is not None and not day_list.display and len(day_list.days) > 1:
            position = (day_list.days.index(entry.day) + 1, len(day_list.days))
        try:
            if recount or self._unread is None:
                self._unread = self.unread_count()
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        self.query_one(DayHeader).show(entry, self._unread, self.ascii, position)

    def unread_count(self) -> int:
        """Stored days not read, counting read marks shown but not stored yet."""
        unread = self.store.unread_count()
        for (kind, day), change in self._unsaved.items():
            if kind is ChangeKind.READ and (stored := self.store.day_entry(day)) is not None:
                unread += int(stored.read) - int(bool(change.value))
        return unread

    def load_entries(self, days: Sequence[int]) -> dict[int, DayEntry]:
        """The day list's entries of `days`, from the store with the changes not stored yet
        (none, with a notice, if the store fails)."""
        try:
            entries = self.store.day_entries(days)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return {}
        return {day: self._with_unsaved(entry) for day, entry in entries.items()}

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
        """List the stored days again (after a fetch added days); entries load as they show."""
        self._list_refresh = None
        try:
            days = self.store.day_numbers()
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        self.day_list.set_days(days, keep_day=self.day)
        self.refresh_header()

    def check_for_changes(self) -> None:
        """Show what another connection committed (another reader's rating, a fetch from cron,
        this reader's own saver): `PRAGMA data_version` makes the look cheap. New or removed
        days list the days again; otherwise only the entries that changed are drawn again."""
        try:
            version = self.store.data_version()
            if version == self._data_version:
                return
            self._data_version = version
            days = self.store.day_numbers()
        except StoreError:
            return
        if days != self.day_list.stored_days:
            self.day_list.set_days(days, keep_day=self.day)
        else:
            self.day_list.reload_entries()
        self.refresh_header()

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
        """Arrange the screen for its width class: that class's choices, else its defaults."""
        previous = self.arrangement
        # Before its first layout the screen has no size yet: the terminal's is the one it gets.
        self.width_class = WidthClass.of(self.size.width or self.app.size.width)
        self.arrangement = arrangement = self.choices.arrangement(self.width_class)
        self.query_one("#panes").set_class(arrangement.stacked, "-stacked")
        self.query_one(Footer).compact = self.width_class is not WidthClass.WIDE
        day_list = self.day_list
        drawer = self.width_class is not WidthClass.WIDE
        day_list.set_class(drawer, "-drawer")
        if day_list.display != arrangement.day_list:
            day_list.display = arrangement.day_list
            if arrangement.day_list and drawer:
                focused = self.focused
                self._focus_before_drawer = (
                    focused if isinstance(focused, PerspectivePane) else None
                )
                day_list.focus()
            elif not arrangement.day_list and (day_list.has_focus or self.focused is None):
                back = self._focus_before_drawer
                (back if back is not None and back.display else self.panes[0]).focus()
                self._focus_before_drawer = None
        if arrangement.swapped != previous.swapped:
            self.fill_panes()
        if arrangement.locked and not previous.locked:
            left, right = self.panes
            right.scroll_to_fraction(
                left.scroll_y / left.max_scroll_y if left.max_scroll_y else 0.0
            )
        self.refresh_header(recount=False)

    def choose_layout(self, **choice: bool) -> None:
        """Apply a choice made with a key, and keep it for this width class."""
        self.choices.choose(self.width_class, **choice)
        self.save_choices()
        self.apply_layout()

    def save_choices(self) -> None:
        try:
            self.store.set_state(LayoutChoices.STATE_KEY, self.choices.to_json())
        except StoreError as error:
            self.notify(str(error), severity="error")

    @property
    def stacked(self) -> bool:
        return self.arrangement.stacked

    @property
    def drawer_open(self) -> bool:
        """True while the day list is shown as a drawer over the panes."""
        return self.day_list.display and self.day_list.has_class("-drawer")

    def close_drawer(self) -> None:
        if self.drawer_open:
            self.choose_layout(day_list=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Moving into a pane (tab, a click) closes the drawer."""
        if self.drawer_open and event.widget is not self.day_list:
            self._focus_before_drawer = None
            self.close_drawer()

    @on(DayList.Chosen)
    def day_chosen(self) -> None:
        """Enter on the list: read the day (the drawer closes)."""
        if self.drawer_open:
            self.close_drawer()
        else:
            self.panes[0].focus()

    @on(DayList.Dismissed)
    def list_dismissed(self) -> None:
        self.close_drawer()

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
        """Show the next listed day newer (or older) than the day shown."""
        day = self.day
        if day is None or day not in self.day_list.entries:
            return
        following = self.day_list.beside(day, newer)
        if following is not None:
            self.show_day(following)
        else:
            edge = "newest" if newer else "oldest"
            listed = "listed" if self.day_list.filtered else "stored"
            self.notify(f"Day {day} is the {edge} {listed} day.")

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
        self.choose_layout(swapped=not self.arrangement.swapped)

    def action_toggle_layout(self) -> None:
        self.choose_layout(stacked=not self.arrangement.stacked)
        arrangement = "stacked" if self.arrangement.stacked else "side by side"
        self.notify(f"Sides {arrangement} at this width from now on")

    def action_zoom(self) -> None:
        if self.maximized is not None:
            self.minimize()
        else:
            pane = self.focused_pane()
            pane.focus()
            self.maximize(pane.frame, container=False)

    def action_toggle_day_list(self) -> None:
        self.choose_layout(day_list=not self.arrangement.day_list)

    def action_toggle_lock(self) -> None:
        self.choose_layout(locked=not self.arrangement.locked)
        self.notify("Panes scroll together" if self.locked else "Panes scroll on their own")

    def action_reset_layout(self) -> None:
        """Forget the layout choices of every width class."""
        self.choices.clear()
        self.save_choices()
        self.apply_layout()
        self.notify("Default layout at every width")

    def action_open_page(self) -> None:
        """Open the day's page on the site: in a new tab when served to a browser, else in the
        system's browser; a terminal with no browser is told the address instead."""
        digest = self.digest
        if digest is None:
            return
        url = page_url(digest)
        if url is None:
            self.notify(
                f"Day {digest.day}'s page on the site is not known (it was imported without its"
                " address); fetch it with r or `warday fetch`.",
                severity="warning",
            )
        elif self.app.is_web or browser_here():
            self.app.open_url(url, new_tab=True)
            self.notify(f"Opening Day {digest.day} on the site: {url}", markup=False)
        else:
            self.notify(
                f"No web browser can be opened from this terminal. Day {digest.day} is at {url}",
                markup=False,
                timeout=30,
            )

    # -- search --------------------------------------------------------------------------

    def action_search(self) -> None:
        """Open the search screen (on the search shown, if there is one)."""
        from tui_reader.app.screens.search import SearchScreen

        text, side = ("", None)
        if self.search is not None:
            text = self.search.query.text
            side = (
                next(iter(self.search.query.sides)) if len(self.search.query.sides) == 1 else None
            )
        screen = SearchScreen(self.store, self.ascii, text, side, self.spellings_file())
        self.app.push_screen(screen, self.searched)

    def spellings_file(self) -> Path | None:
        """The user's spellings.toml (searches find known names in every spelling)."""
        from tui_reader.compare.spellings import USER_FILE

        return self.config_dir / USER_FILE if self.config_dir is not None else None

    def searched(self, choice: SearchChoice | None) -> None:
        """Show the day picked with every match highlighted, each pane at its first match, the
        first of the side picked being the current one."""
        if choice is None:
            return
        self.search = choice
        self._matching_days = choice.days
        if choice.days is not None:
            days = len(choice.days)
            listed = f"{days} day{'s' if days != 1 else ''}"
            self.day_list.show_only(choice.days, f"{choice.query.text} · {listed}")
        self.show_day(choice.day)
        first = next(
            (index for index, (_, match) in enumerate(self._matches) if match.side == choice.side),
            0 if self._matches else None,
        )
        if first is not None:
            self.select_match(first)
            picked = self._matches[first][0]
            for pane in {pane for pane, _ in self._matches} - {picked}:
                pane.scroll_to_highlight(next(m for p, m in self._matches if p is pane))
        self.refresh_bindings()
        found = len(self._matches)
        if choice.days is None:
            self.notify(
                f"{found} match{'es' if found != 1 else ''} in Day {choice.day}: n and N step"
                " through them (and on to other days); escape ends the search."
            )
        else:
            self.notify(
                f"Only the {listed} matching {choice.query.text} are listed: n and N step"
                " through the matches; escape lists every day again."
            )

    def show_matches(self) -> None:
        """Highlight the search's matches in the day shown (none is stepped to yet)."""
        self._day_matches, self._matches, self._match = [], [], None
        if self.search is not None and self.day is not None:
            try:
                self._day_matches = self.store.highlights(self.day, self.search.query)
            except StoreError as error:
                self.notify(str(error), severity="error")
        shown = [pane for pane in self.panes if pane.display]
        self._matches = [
            (pane, match)
            for pane in shown
            for match in self._day_matches
            if match.side == pane.side
        ]
        self.draw_highlights()

    def draw_highlights(self) -> None:
        """The one place that decides what each pane highlights: compare mode's names and
        figures, then the search's matches over them (the current one apart), so a match
        always shows as a match."""
        current = self._matches[self._match] if self._match is not None else None
        for pane in self.panes:
            pane.highlight(
                [
                    *self._compared,
                    *(
                        replace(match, style="current") if current == (pane, match) else match
                        for match in self._day_matches
                    ),
                ]
            )

    def select_match(self, index: int) -> None:
        """Step to match `index`: drawn apart from the others, scrolled to, its pane focused."""
        self._match = index
        self.draw_highlights()
        pane, match = self._matches[index]
        pane.focus()
        pane.scroll_to_highlight(match)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """n and N step through matches only while a search is shown (else n is next day)."""
        if action in ("next_match", "previous_match"):
            return self.search is not None
        if action == "end_search":
            return self.search is not None or self.day_list.filtered
        return True

    def action_next_match(self) -> None:
        index = 0 if self._match is None else self._match + 1
        if index < len(self._matches):
            self.select_match(index)
        else:
            self._to_matching_day(newer=True)

    def action_previous_match(self) -> None:
        index = len(self._matches) - 1 if self._match is None else self._match - 1
        if index >= 0 and self._matches:
            self.select_match(index)
        else:
            self._to_matching_day(newer=False)

    def _to_matching_day(self, newer: bool) -> None:
        """Past a day's last match (or before its first), on to the next (previous) day that
        matches, at its first (last) match."""
        if self.search is None or self.day is None:
            return
        if self._matching_days is None:
            try:
                self._matching_days = self.store.matching_days(self.search.query)
            except StoreError as error:
                self.notify(str(error), severity="error")
                return
        day = self.day
        following = [
            other for other in self._matching_days if (other > day if newer else other < day)
        ]
        if not following:
            edge = "newer" if newer else "older"
            self.notify(f"No {edge} day matches {self.search.query.text}.")
            return
        self.show_day(min(following) if newer else max(following))
        if self._matches:
            self.select_match(0 if newer else len(self._matches) - 1)

    def action_end_search(self) -> None:
        """Clear the highlights and list every day again; n is next day again."""
        self.search = None
        self._matching_days = None
        self.show_matches()
        if self.day_list.filtered:
            self.day_list.show_only(None, keep_day=self.day)
        self.refresh_bindings()

    # -- timeline ------------------------------------------------------------------------

    def action_timeline(self) -> None:
        """Open the timeline at the day shown, following the search shown, if there is one."""
        from tui_reader.app.screens.timeline import TimelineScreen

        term = self.search.query.text if self.search is not None else ""
        entries = self.day_list.entries.values()
        timeline = TimelineScreen(
            self.store, entries, self.day, term, self.ascii, self.spellings_file()
        )
        self.app.push_screen(timeline, self.go_to_day)

    # -- compare mode --------------------------------------------------------------------

    def action_toggle_compare(self) -> None:
        """Compare mode on (loading what it needs the first time) or off; kept for next time."""
        self.comparing = not self.comparing
        if not self.store.read_only:
            try:
                self.store.set_state(COMPARE_KEY, "on" if self.comparing else "off")
            except StoreError as error:
                self.notify(str(error), severity="error")
        if self.comparing and self._comparer is None:
            self.load_comparer()
        else:
            self.compare_day()
            self.draw_highlights()

    @work(thread=True, exclusive=True, group="compare")
    def load_comparer(self) -> None:
        """Load the compare package and the spellings tables, off the screen's thread."""
        from tui_reader.app.comparing import Comparer
        from tui_reader.compare import SpellingsError

        try:
            comparer = Comparer.load(self.store, self.config_dir)
        except SpellingsError as error:
            self.app.call_from_thread(self._comparer_failed, str(error))
            return
        self.app.call_from_thread(self._comparer_loaded, comparer)

    def _comparer_failed(self, reason: str) -> None:
        self.comparing = False
        self.notify(f"Compare mode is off: {reason}", severity="error", markup=False)

    def _comparer_loaded(self, comparer: Comparer) -> None:
        if not self.is_attached:
            comparer.close()
            return
        self._comparer = comparer
        if self.comparing:
            self.compare_day()
            self.draw_highlights()

    def compare_day(self) -> None:
        """Compare the day shown (while compare mode is on) and list it in the strip; the
        panes draw it with `draw_highlights`."""
        strip = self.query_one(CompareStrip)
        digest = self.digest
        if not self.comparing or self._comparer is None or digest is None:
            self._compared = []
            strip.set_shown(False)
            return
        from tui_reader.app.comparing import strip_line
        from tui_reader.compare.highlights import highlights

        comparison = self._comparer.compare(digest)
        self._compared = highlights(comparison, digest)
        strip.show(strip_line(comparison, digest))
        strip.set_shown(True)

    @on(CompareStrip.Chosen)
    def strip_chosen(self, message: CompareStrip.Chosen) -> None:
        """Enter on a name searches the archive for it; on a figure pair, each pane shows its
        figure."""
        item = message.item
        if item.search:
            self.search_for(item.search)
            return
        for pane in self.panes:
            mine = [span for span in item.spans if span.side == pane.side]
            if mine and pane.display:
                pane.scroll_to_highlight(mine[0])

    def search_for(self, text: str) -> None:
        """Open the search screen on `text`."""
        from tui_reader.app.screens.search import SearchScreen

        screen = SearchScreen(self.store, self.ascii, text, spellings_file=self.spellings_file())
        self.app.push_screen(screen, self.searched)

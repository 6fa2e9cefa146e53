"""The search screen: results as one types, a side at a time if wanted, recent searches on up.

Queries run in a thread, on a connection of the screen's own, so the box never waits for them.
Keys typed while a query runs are not lost and start no pile of queries: when it ends, the newest
text runs next (a burst of typing costs one query, not one per key). Only one query runs at a
time, so the connection is never used by two threads at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from tui_reader.app.keys import SEARCH_BINDINGS
from tui_reader.app.widgets.ascii_mode import to_ascii
from tui_reader.app.widgets.perspective_pane import styled_text
from tui_reader.compare.spellings import every_spelling, load_for_search
from tui_reader.search.query import SIDES, Query, QueryError, parse_query
from tui_reader.search.results import near_first_match, side_label
from tui_reader.store import SearchHit, SearchResults, Store, StoreError

RESULTS = 30
"""Results listed at most, best first (the count says how many there are; a longer list would
cost every key more than it helps: ctrl+f lists every matching day)."""

HISTORY_KEY = "search_history"
HISTORY_SIZE = 20

HINT = 'words  "a phrase"  OR  -word  side:western'


@dataclass(frozen=True, slots=True)
class SearchChoice:
    """What the search screen was left with: a search, the result picked, and whether the day
    list is to show only the days that match (`days`)."""

    query: Query
    day: int
    side: str
    days: list[int] | None = None


def load_history(store: Store) -> list[str]:
    """Recent searches, newest first."""
    try:
        stored = json.loads(store.get_state(HISTORY_KEY) or "[]")
    except (StoreError, ValueError):
        return []
    return [text for text in stored if isinstance(text, str)] if isinstance(stored, list) else []


class SearchScreen(ModalScreen[SearchChoice | None]):
    """A search box over a list of results; enter opens one, escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [*SEARCH_BINDINGS]

    COMPONENT_CLASSES = {"search-screen--match", "search-screen--side"}

    SCOPED_CSS = False  # every rule names SearchScreen; `.-ascii` is the app's class

    DEFAULT_CSS = """
    SearchScreen {
        align: center top;
    }
    SearchScreen > Vertical {
        width: 100%;
        max-width: 110;
        height: 1fr;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    SearchScreen Input, SearchScreen Input:focus {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0 1;
        background: $boost;
    }
    SearchScreen #status {
        height: 1;
        margin-bottom: 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SearchScreen #status.-error {
        color: $text-error;
    }
    SearchScreen OptionList {
        height: 1fr;
        border: none;
        padding: 0;
        background: $surface;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    .-ascii SearchScreen > Vertical {
        border: ascii $accent;
    }
    .-ascii SearchScreen #status, .-ascii SearchScreen OptionList {
        text-overflow: clip;
    }
    SearchScreen > .search-screen--match {
        text-style: reverse;
    }
    SearchScreen > .search-screen--side {
        text-style: bold reverse;
    }
    """

    def __init__(
        self,
        store: Store,
        ascii: bool = False,
        text: str = "",
        side: str | None = None,
        spellings_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.spellings_file = spellings_file
        """The user's spellings.toml: names typed are searched in every known spelling."""
        self.ascii = ascii
        self.side = side
        """The side results are restricted to (tab), or None for every side."""
        self.history = load_history(store)
        self.hits: list[SearchHit] = []
        self.listed: Query | None = None
        """The query whose results are listed."""
        self._start_text = text
        self._wanted: Query | None = None
        self._in_flight: Query | None = None
        self._connection: Store | None = None
        """The store the queries run on, opened by the first one, closed with the screen."""
        self._recalled: int | None = None
        """Which recent search the box holds (up arrow), until something is typed."""

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Search"
            yield Input(
                self._start_text,
                placeholder=HINT,
                suggester=SuggestFromList(self.history, case_sensitive=False),
                id="query",
            )
            yield Static(id="status")
            yield OptionList(id="results")
        yield Footer()

    def on_mount(self) -> None:
        self.results.can_focus = False  # the keys stay with the search box
        self.box.focus()
        if self.spellings_file is not None and not self._start_text:
            self.run_worker(lambda: load_for_search(self.spellings_file), thread=True)
        self.search()

    @property
    def up_to_date(self) -> bool:
        """Whether the results listed are those of what the box holds (no query is waiting)."""
        return self._in_flight is None and (self._wanted is None or self._wanted == self.listed)

    @property
    def results(self) -> OptionList:
        return self.query_one(OptionList)

    @property
    def box(self) -> Input:
        return self.query_one(Input)

    # -- searching -----------------------------------------------------------------------

    @on(Input.Changed, "#query")
    def typed(self) -> None:
        self.search()

    def search(self) -> None:
        """Search for what the box holds (in a thread, once the query running has ended)."""
        text = self.box.value
        if self._recalled is not None and text != self.history[self._recalled]:
            self._recalled = None
        if not text.strip():
            self._wanted = None
            self.show(None, SearchResults([], 0))
            return
        try:
            query = parse_query(text, typing=True)
        except QueryError as error:
            self._wanted = None
            self.say(str(error), error=True)
            return
        if self.side is not None:
            query = query.on_sides({self.side})
        query = every_spelling(query, self.spellings_file)
        self._wanted = query
        if self._in_flight is None and query != self.listed:
            self._run(query)

    def _run(self, query: Query) -> None:
        self._in_flight = query
        self.run_query(query)

    @work(thread=True, group="search")
    def run_query(self, query: Query) -> None:
        """Run `query` in a thread; the screen hears of the end."""
        outcome: SearchResults | StoreError
        try:
            if self._connection is None:
                self._connection = Store(self.store.path)
            outcome = self._connection.search(query, limit=RESULTS)
        except StoreError as error:
            outcome = error
        try:
            self.app.call_from_thread(self.query_done, query, outcome)
        except RuntimeError:  # the reader was quit meanwhile: nobody waits for the results
            if self._connection is not None:
                self._connection.close()

    def query_done(self, query: Query, outcome: SearchResults | StoreError) -> None:
        self._in_flight = None
        if not self.is_attached:
            self.on_unmount()
            return
        if isinstance(outcome, StoreError):
            self.say(str(outcome), error=True)
        elif self._wanted is not None:
            self.show(query, outcome)
        if self._wanted is not None and self._wanted != query:
            self._run(self._wanted)

    def on_unmount(self) -> None:
        """Close the queries' connection, unless one is running (it closes when that ends)."""
        if self._in_flight is None and self._connection is not None:
            self._connection.close()
            self._connection = None

    @on(OptionList.OptionSelected)
    def clicked(self, event: OptionList.OptionSelected) -> None:
        self.results.highlighted = event.option_index
        self.action_open_result()

    # -- showing -------------------------------------------------------------------------

    def say(self, message: str, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(Text(message))
        status.set_class(error, "-error")

    def show(self, query: Query | None, results: SearchResults) -> None:
        """List `results` of `query`, the first highlighted; the status line counts them."""
        self.listed = query
        if results.hits != self.hits or not self.results.option_count:
            # (typing on in a word often finds the same results: the list is not redrawn)
            self.hits = results.hits
            match = self.get_component_rich_style("search-screen--match", partial=True)
            self.results.set_options(Option(self.prompt(hit, match)) for hit in self.hits)
            if self.hits:
                self.results.highlighted = 0
        status = self.sides_text()
        if query is None:
            status.append(f"   {HINT}", style="dim")
        else:
            noun = "result" if results.total == 1 else "results"
            status.append(f"   {results.total} {noun}")
            if results.total > len(self.hits):
                status.append(f" (the best {len(self.hits)} listed)", style="dim")
            if query.names:
                status.append(f"   every spelling of {', '.join(query.names)}", style="dim")
        self.query_one("#status", Static).update(status)
        self.query_one("#status").remove_class("-error")

    def sides_text(self) -> Text:
        """`All · Western · Russian · Bulletin` with the side searched marked (tab moves it)."""
        marked = self.get_component_rich_style("search-screen--side", partial=True)
        text = Text()
        for index, side in enumerate((None, *SIDES)):
            if index:
                text.append(" - " if self.ascii else " · ", style="dim")
            text.append(
                side_label(side) if side else "All", style=marked if side == self.side else ""
            )
        return text

    def prompt(self, hit: SearchHit, match: Style) -> Text:
        """Two lines: day, date, side and headline; the snippet with the matches marked."""
        text = Text()
        text.append(f"Day {hit.day:<5}", style="bold")
        text.append(hit.war_date.strftime("%d %b %y"), style="dim")
        text.append(f" {side_label(hit.side):<8} ", style="bold")
        text.append(to_ascii(hit.headline) if self.ascii else hit.headline)
        text.append("\n  ")
        width = (self.results.scrollable_content_region.width or 80) - 2
        snippet, marks = near_first_match(hit.snippet, hit.marks, width)
        spans = [(start, end, match) for start, end in marks]
        text.append_text(styled_text(snippet, spans, self.ascii, ""))
        return text

    # -- keys ----------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.results.action_cursor_down()

    def action_cursor_up(self) -> None:
        """Up a result; from the first one (or none), back through recent searches."""
        if self.results.highlighted:
            self.results.action_cursor_up()
            return
        older = 0 if self._recalled is None else self._recalled + 1
        if older < len(self.history):
            self._recalled = older
            self.box.value = self.history[older]
            self.box.cursor_position = len(self.box.value)

    def action_page_down(self) -> None:
        self.results.action_page_down()  # type: ignore[no-untyped-call]

    def action_page_up(self) -> None:
        self.results.action_page_up()  # type: ignore[no-untyped-call]

    def action_next_side(self) -> None:
        self._turn_side(1)

    def action_previous_side(self) -> None:
        self._turn_side(-1)

    def _turn_side(self, step: int) -> None:
        sides = (None, *SIDES)
        self.side = sides[(sides.index(self.side) + step) % len(sides)]
        self.search()

    def action_open_result(self) -> None:
        hit = self._highlighted_hit()
        if hit is None or self.listed is None:
            return
        self.remember()
        self.dismiss(SearchChoice(self.listed, hit.day, hit.side))

    def action_filter_days(self) -> None:
        """Leave with the day list showing only the days that match."""
        hit = self._highlighted_hit()
        if hit is None or self.listed is None:
            return
        try:
            days = self.store.matching_days(self.listed)
        except StoreError as error:
            self.say(str(error), error=True)
            return
        self.remember()
        self.dismiss(SearchChoice(self.listed, hit.day, hit.side, days))

    def action_close(self) -> None:
        if self.hits:
            self.remember()
        self.dismiss(None)

    def _highlighted_hit(self) -> SearchHit | None:
        index = self.results.highlighted
        if index is None or index >= len(self.hits):
            self.notify("Nothing to open: type what to look for.", severity="warning")
            return None
        return self.hits[index]

    def remember(self) -> None:
        """Put the search listed first in the recent searches (kept in the store)."""
        if self.listed is None:
            return
        text = self.listed.text
        self.history = [text, *(old for old in self.history if old != text)][:HISTORY_SIZE]
        try:
            self.store.set_state(HISTORY_KEY, json.dumps(self.history, ensure_ascii=False))
        except StoreError as error:
            self.notify(str(error), severity="error")

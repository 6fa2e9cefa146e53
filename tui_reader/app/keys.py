"""Every key of the reader, each with an id that `[keys]` in config.toml can remap.

Importing this module loads only `textual.binding`, so `warday keys` stays quick.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding
from textual.keys import format_key

RATE = Binding.Group("Rate", compact=True)

READER_BINDINGS: list[Binding] = [
    Binding("j,down", "down", "Down", id="down", show=False),
    Binding("k,up", "up", "Up", id="up", show=False),
    Binding("slash", "search", "Search", id="search"),
    # While a search is shown, n and N step through its matches (then on to the next day with
    # one); these come before next_day, which n does again once escape ends the search.
    Binding("n", "next_match", "Next match", id="next_match"),
    Binding("N", "previous_match", "Prev match", id="previous_match", show=False),
    Binding("escape", "end_search", "End search", id="end_search", show=False),
    Binding("n", "next_day", "Next day", id="next_day"),
    Binding("p", "previous_day", "Prev day", id="previous_day"),
    Binding("backslash", "toggle_day_list", "Days", id="toggle_day_list"),
    Binding("g,colon", "go_to", "Go to day", id="go_to", show=False),
    Binding("tab", "focus_next", "Next pane", id="focus_next", show=False),
    Binding("shift+tab", "focus_previous", "Previous pane", id="focus_previous", show=False),
    Binding("space", "page_down", "Page down", id="page_down", show=False),
    Binding("b", "page_up", "Page up", id="page_up", show=False),
    Binding("1", "rate(1)", "Rate 1 star", id="rate_1", group=RATE),
    Binding("2", "rate(2)", "Rate 2 stars", id="rate_2", group=RATE),
    Binding("3", "rate(3)", "Rate 3 stars", id="rate_3", group=RATE),
    Binding("4", "rate(4)", "Rate 4 stars", id="rate_4", group=RATE),
    Binding("5", "rate(5)", "Rate 5 stars", id="rate_5", group=RATE),
    Binding("0", "rate(0)", "Clear rating", id="rate_clear", show=False),
    Binding("u", "toggle_read", "Read/unread", id="toggle_read", show=False),
    Binding("s", "swap_sides", "Swap sides", id="swap_sides", show=False),
    Binding("v", "toggle_layout", "Side by side/stacked", id="toggle_layout", show=False),
    Binding("z", "zoom", "Zoom", id="zoom", show=False),
    Binding("L", "toggle_lock", "Lock scrolling", id="toggle_lock", show=False),
    Binding("D", "reset_layout", "Default layout", id="reset_layout", show=False),
    Binding("o", "open_page", "Open on the site", id="open_page", show=False),
    Binding("c", "toggle_compare", "Compare the sides", id="toggle_compare", show=False),
    Binding("t", "timeline", "Timeline", id="timeline", show=False),
]
"""Keys of the reader screen."""

STRIP_BINDINGS: list[Binding] = [
    Binding("left,h", "previous", "Previous name or figure", id="strip_previous", show=False),
    Binding("right,l", "next", "Next name or figure", id="strip_next", show=False),
    Binding("home", "first", "First name", id="strip_first", show=False),
    Binding("end", "last", "Last name or figure", id="strip_last", show=False),
    Binding("enter", "choose", "Search the archive for the name", id="strip_choose", show=False),
]
"""Keys of the compare strip (under the header in compare mode, when it has focus)."""

TIMELINE_BINDINGS: list[Binding] = [
    Binding("enter", "open_day", "Open the day", id="timeline_open"),
    Binding("left", "move(-7)", "Week before", id="timeline_back", show=False),
    Binding("right", "move(7)", "Week after", id="timeline_forward", show=False),
    Binding("up", "move(-1)", "Day before", id="timeline_up", show=False),
    Binding("down", "move(1)", "Day after", id="timeline_down", show=False),
    Binding("pageup", "page(-1)", "Earlier weeks", id="timeline_page_back", show=False),
    Binding("pagedown", "page(1)", "Later weeks", id="timeline_page_forward", show=False),
    Binding("home", "edge(-1)", "First stored day", id="timeline_first", show=False),
    Binding("end", "edge(1)", "Last stored day", id="timeline_last", show=False),
    Binding("slash", "edit_term", "Term", id="timeline_term"),
    Binding("escape,t", "close", "Back", id="timeline_close"),
]
"""Keys of the timeline screen (typing goes to the term box once `/` has put focus there)."""

SEARCH_BINDINGS: list[Binding] = [
    Binding("enter", "open_result", "Open day", id="search_open", priority=True),
    Binding("tab", "next_side", "Side", id="search_side", priority=True),
    Binding(
        "shift+tab",
        "previous_side",
        "Side, backwards",
        id="search_side_back",
        show=False,
        priority=True,
    ),
    Binding("ctrl+f", "filter_days", "Filter days", id="search_filter", priority=True),
    Binding("down", "cursor_down", "Next result", id="search_down", show=False),
    Binding("up", "cursor_up", "Prev result, or search", id="search_up", show=False),
    Binding("pagedown", "page_down", "Results page down", id="search_page_down", show=False),
    Binding("pageup", "page_up", "Results page up", id="search_page_up", show=False),
    Binding("escape", "close", "Close", id="search_close"),
]
"""Keys of the search screen (typing goes to the search box)."""

WELCOME_BINDINGS: list[Binding] = [
    Binding("s", "open_sample", "Open the sample", id="open_sample"),
]
"""Keys of the welcome screen shown while nothing is stored."""

APP_BINDINGS: list[Binding] = [
    Binding("question_mark", "help", "Keys", id="help"),
    Binding("r", "sync", "Fetch", id="sync", show=False),
    Binding("q", "quit", "Quit", id="quit"),
]
"""Keys that work on every screen."""

ALL_BINDINGS: list[Binding] = (
    READER_BINDINGS
    + STRIP_BINDINGS
    + SEARCH_BINDINGS
    + TIMELINE_BINDINGS
    + WELCOME_BINDINGS
    + APP_BINDINGS
)


def shown_keys(keys: str, ascii: bool = False) -> str:
    """`question_mark,down` as a reader types it: `?, ↓` (`?, down` in ASCII)."""
    shown = (format_key(key.strip()) for key in keys.split(","))
    return ", ".join(
        key if key.isascii() or not ascii else name
        for key, name in zip(shown, keys.split(","), strict=True)
    )


def key_table(keymap: Mapping[str, str], ascii: bool = False) -> list[tuple[str, str, str, str]]:
    """(binding id, keys as typed, what it does, where it works) of each binding."""
    places = [
        (READER_BINDINGS, "reader"),
        (STRIP_BINDINGS, "compare strip"),
        (SEARCH_BINDINGS, "search screen"),
        (TIMELINE_BINDINGS, "timeline"),
        (WELCOME_BINDINGS, "welcome screen"),
        (APP_BINDINGS, "everywhere"),
    ]
    return [
        (
            binding.id or "",
            shown_keys(keymap.get(binding.id or "", binding.key), ascii),
            binding.description,
            where,
        )
        for bindings, where in places
        for binding in bindings
    ]


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    """Ids in `keymap` that name no binding."""
    known = {binding.id for binding in ALL_BINDINGS}
    return sorted(name for name in keymap if name not in known)

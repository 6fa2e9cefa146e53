"""The SQLite store, the only part of warday that speaks SQL. One module per concern:

- `schema`: the migrations;  `database`: the connection, transactions and plain errors;
- `days`: digests and their originals;  `ratings`: ratings and read state;
- `app_state`: the reader's small saved values;  `fetching`: the fetcher's bookkeeping;
- `search`: the full-text index of every passage, and searching it.

`Store` joins them into the one object the command line and the reader use.
"""

from __future__ import annotations

from tui_reader.store.app_state import AppState
from tui_reader.store.database import StoreError
from tui_reader.store.days import Days, SaveOutcome
from tui_reader.store.fetching import CachedPage, FetchBookkeeping, FetchProblem, QueuedVote
from tui_reader.store.ratings import Ratings
from tui_reader.store.schema import MIGRATIONS
from tui_reader.store.search import Search, SearchHit, SearchResults

__all__ = [
    "MIGRATIONS",
    "CachedPage",
    "FetchProblem",
    "QueuedVote",
    "SaveOutcome",
    "SearchHit",
    "SearchResults",
    "Store",
    "StoreError",
]


class Store(Days, Ratings, AppState, FetchBookkeeping, Search):
    """Everything warday keeps in one SQLite file; use it as a context manager to close it."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

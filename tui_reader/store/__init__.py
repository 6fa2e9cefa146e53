"""The SQLite store, the only part of warday that speaks SQL. One module per concern:

- `schema`: the migrations;  `database`: the connection, transactions, plain errors, read-only
  opening and the check for damage;
- `days`: digests and their originals (kept as files too, see `tui_reader.disk`);
- `ratings`: ratings and read state, mirrored to ratings.toml;  `salvage`: reading what is left
  of an old or damaged file, and putting it into the rebuilt one;
- `app_state`: the reader's small saved values;  `fetching`: the fetcher's bookkeeping;
- `compare`: cached comparisons of a day's two sides.
- `search`: the full-text index of every passage, and searching it;  `timeline`: the archive
  week by week (mentions of a search by side; days stored, read and rated).

`Store` joins them into the one object the command line and the reader use.
"""

from __future__ import annotations

from tui_reader.store.app_state import AppState
from tui_reader.store.compare import Comparisons
from tui_reader.store.database import (
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreReadOnly,
    read_only_reason,
)
from tui_reader.store.days import Days, SaveOutcome
from tui_reader.store.fetching import CachedPage, FetchBookkeeping, FetchProblem, QueuedVote
from tui_reader.store.ratings import Ratings, RestoreReport
from tui_reader.store.salvage import Salvage
from tui_reader.store.schema import MIGRATIONS
from tui_reader.store.search import Search, SearchHit, SearchResults
from tui_reader.store.timeline import Timeline, WeekDays, WeekMentions, week_of

__all__ = [
    "MIGRATIONS",
    "CachedPage",
    "FetchProblem",
    "QueuedVote",
    "RestoreReport",
    "SaveOutcome",
    "SearchHit",
    "SearchResults",
    "Store",
    "StoreBusy",
    "StoreDamaged",
    "StoreError",
    "StoreReadOnly",
    "WeekDays",
    "WeekMentions",
    "read_only_reason",
    "week_of",
]


class Store(Days, Ratings, AppState, FetchBookkeeping, Comparisons, Search, Timeline, Salvage):
    """Everything warday keeps in one SQLite file; use it as a context manager to close it."""

    def _opened(self) -> None:
        self._keep_originals_on_disk()
        self._check_ratings_file()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

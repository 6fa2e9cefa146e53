"""The reader's writes (ratings, read marks, the day shown) in a thread of their own.

The screen never waits for the database: a change is queued and stored in order by this thread,
with a short busy timeout, retried while another warday holds the write lock. The outcome of each
change is reported through `report` (the app posts it as a message, which is thread-safe).
Changes still queued when the reader closes are handed back, to be kept in ratings.toml.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from tui_reader.disk.ratings_file import RatingRecord
from tui_reader.store import Store, StoreBusy, StoreError

RETRY_SECONDS = (0.2, 0.5, 1.0, 2.0)
"""Pauses between tries while the database is busy (the last one repeats)."""
BUSY_SECONDS = 0.5
"""How long one try waits for another warday's write lock."""


class ChangeKind(StrEnum):
    RATE = "rate"
    READ = "read"
    LAST_DAY = "last_day"


class Outcome(StrEnum):
    SAVED = "saved"
    WAITING = "waiting"
    """The database is busy; the change is kept and tried again."""
    FAILED = "failed"


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class Change:
    """One thing the reader wants stored, with when it was made."""

    kind: ChangeKind
    day: int
    value: int = 0
    """Stars for RATE (0 clears), 1 or 0 for READ."""
    at: datetime = field(default_factory=_now)

    def describe(self) -> str:
        if self.kind is ChangeKind.RATE:
            return (
                f"Day {self.day} rated {self.value}/5"
                if self.value
                else f"Day {self.day} rating cleared"
            )
        if self.kind is ChangeKind.READ:
            return f"Day {self.day} marked {'read' if self.value else 'unread'}"
        return f"Day {self.day} as the day to open at"

    def record(self) -> RatingRecord | None:
        """The change as a ratings.toml record (None for what that file does not hold)."""
        if self.kind is ChangeKind.RATE:
            return RatingRecord(self.day, stars=self.value, rated_at=self.at)
        if self.kind is ChangeKind.READ and self.value:
            return RatingRecord(self.day, read_at=self.at)
        return None


Report = Callable[[Change, Outcome, str], object]


def apply(store: Store, change: Change) -> None:
    if change.kind is ChangeKind.RATE:
        store.rate(change.day, change.value or None, at=change.at)
    elif change.kind is ChangeKind.READ:
        store.set_read(change.day, bool(change.value), at=change.at)
    else:
        store.set_state("last_day", str(change.day))


class Saver:
    """A queue of changes and the thread that stores them."""

    def __init__(self, database: Path, report: Report, busy_seconds: float = BUSY_SECONDS) -> None:
        self.database = database
        self.report = report
        self.busy_seconds = busy_seconds
        self._queue: deque[Change] = deque()
        self._wake = threading.Condition()
        self._closing = False
        self._thread = threading.Thread(target=self._run, name="warday-saver", daemon=True)
        self._thread.start()

    def put(self, change: Change) -> None:
        with self._wake:
            if change.kind is ChangeKind.LAST_DAY and len(self._queue) > 1:
                # Only the last day shown matters: drop a waiting one (never the one in hand).
                for waiting in list(self._queue)[1:]:
                    if waiting.kind is ChangeKind.LAST_DAY:
                        self._queue.remove(waiting)
            self._queue.append(change)
            self._wake.notify()

    def pending(self) -> list[Change]:
        """Changes not stored yet, oldest first (the one being tried included)."""
        with self._wake:
            return list(self._queue)

    @property
    def idle(self) -> bool:
        return not self.pending()

    def close(self, timeout: float = 2.0) -> list[Change]:
        """Store what can be stored within `timeout`, stop, and return what is left."""
        with self._wake:
            self._closing = True
            self._wake.notify()
        self._thread.join(timeout)
        with self._wake:
            left = list(self._queue)
            self._queue.clear()
        return left

    def _next(self) -> Change | None:
        with self._wake:
            while not self._queue and not self._closing:
                self._wake.wait()
            return self._queue[0] if self._queue else None

    def _done(self, change: Change) -> None:
        with self._wake:
            if self._queue and self._queue[0] is change:
                self._queue.popleft()

    def _pause(self, seconds: float) -> bool:
        """Wait before the next try; False when closing cut the wait short."""
        with self._wake:
            if not self._closing:
                self._wake.wait(seconds)
            return not self._closing

    def _run(self) -> None:
        store: Store | None = None
        tries = 0
        try:
            while (change := self._next()) is not None:
                try:
                    if store is None:
                        store = Store(self.database, busy_seconds=self.busy_seconds)
                    apply(store, change)
                except StoreBusy as busy:
                    if tries == 0:
                        self.report(change, Outcome.WAITING, str(busy))
                    pause = RETRY_SECONDS[min(tries, len(RETRY_SECONDS) - 1)]
                    tries += 1
                    if not self._pause(pause):
                        return
                    continue
                except StoreError as error:
                    self._done(change)
                    tries = 0
                    self.report(change, Outcome.FAILED, str(error))
                    continue
                self._done(change)
                tries = 0
                self.report(change, Outcome.SAVED, "")
        finally:
            if store is not None:
                store.close()

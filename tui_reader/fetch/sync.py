"""The sync: discover digest items in the sources, fetch the ones wanted, parse and store each."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from tui_reader.config import Config
from tui_reader.fetch.client import ClientSettings, FetchError, Page, SiteClient, Unreachable
from tui_reader.fetch.site import (
    ListedItem,
    Listing,
    PageKind,
    Site,
    page_kind,
    parse_feed,
    parse_listing,
)
from tui_reader.model import Digest
from tui_reader.parse import NotADigest, item_id_from_url, read_digest, unreadable
from tui_reader.store import CachedPage, FetchProblem, SaveOutcome, Store, StoreError

_DONE_KEY = "fetch.walked:"
"""app_state key prefix: set once every page of a listing has been read."""

WRITE_SECONDS = 0.25
WRITE_SIZE = 100
"""What was read is parsed and stored together: one transaction each quarter second (or 100
pages), on a thread of its own, so downloading goes on meanwhile."""


@dataclass(frozen=True, slots=True)
class _Unwritten:
    """What was read and not stored yet."""

    items: list[tuple[ListedItem, Page]] = field(default_factory=list)
    listings: list[CachedPage] = field(default_factory=list)
    problems: list[FetchProblem] = field(default_factory=list)
    states: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.items or self.listings or self.problems or self.states)


@dataclass(frozen=True, slots=True)
class _Written:
    """What a write stored, and the items it could not (with why, and whether a digest)."""

    stored: list[tuple[Digest, SaveOutcome]]
    refused: list[tuple[ListedItem, str, bool]]


@dataclass(frozen=True, slots=True)
class SyncScope:
    """How far back to look. By default: new items only, paging until a page brings nothing new."""

    days: int | None = None
    """Re-read the items of the newest `days` days listed."""
    since: int | None = None
    """Re-read the items from war day `since` on."""
    all: bool = False
    """Read every page and re-read every item."""

    @property
    def widened(self) -> bool:
        return self.all or self.days is not None or self.since is not None


@dataclass(slots=True)
class SyncProgress:
    """Counts so far, passed to `on_progress` after every page."""

    pages_read: int = 0
    digests_found: int = 0
    new: int = 0
    updated: int = 0
    failed: int = 0
    last_day: int | None = None
    """The day stored just now; None when this report is about anything else."""


@dataclass(frozen=True, slots=True)
class SyncReport:
    """How a sync went: the final counts, whether the site was unreachable, and every error."""

    pages_read: int
    digests_found: int
    new: int
    updated: int
    failed: int
    offline: bool
    errors: list[str] = field(default_factory=list)
    requests: int = 0
    votes_sent: int = 0
    summary: str = ""
    unreachable: str | None = None
    """Why the site could not be reached (`could not reach HOST (reason)`), when offline."""

    @property
    def ok(self) -> bool:
        return not self.failed and not self.offline and not self.errors


ProgressCallback = Callable[[SyncProgress], None]


class _Sync:
    """One run over the sources, sharing one client, one store and one set of counts."""

    def __init__(
        self,
        store: Store,
        client: SiteClient,
        scope: SyncScope,
        on_progress: ProgressCallback | None,
    ) -> None:
        self.store = store
        self.client = client
        self.scope = scope
        self.on_progress = on_progress
        self.progress = SyncProgress()
        self.errors: list[str] = []
        self.unreachable: Unreachable | None = None
        self.known = store.known_item_ids()
        problems = store.fetch_problems()
        self.skipped = {problem.item_id for problem in problems if problem.not_digest}
        self.handled: set[int] = set()
        self.unwritten = _Unwritten()
        self._write_timer: asyncio.TimerHandle | None = None
        self._writes: list[asyncio.Future[None]] = []
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="warday-store")
        self._writer_store: Store | None = None
        """The writer thread's own connection (opened there)."""

    # -- counts -------------------------------------------------------------------------

    def _tell(self) -> None:
        if self.on_progress is not None:
            self.on_progress(replace(self.progress))

    def _fail(self, url: str, reason: str) -> None:
        self.progress.failed += 1
        self.errors.append(f"{url}: {reason}")

    # -- sources ------------------------------------------------------------------------

    async def source(self, url: str) -> None:
        """Read one source: an item page, a listing with its following pages, or a feed."""
        kind = page_kind(url)
        number = item_id_from_url(url)
        if kind is PageKind.ITEM and number is not None:
            self.progress.digests_found += 1
            await self.items([ListedItem(url, number, "")], force=True)
            return
        listing = await self.listing_page(url, kind)
        if listing is None:
            return
        if kind is PageKind.FEED:
            await self.items(self._wanted(listing, _newest(listing)))
        else:
            await self.walk(url, listing)

    async def walk(self, start: str, listing: Listing) -> None:
        """Page through a listing until a page brings nothing new (or further, by scope).

        The next page is read while the items of this one download, so the client stays busy.
        """
        done_key = _DONE_KEY + start
        walked_before = self.store.get_state(done_key) is not None
        newest = _newest(listing)
        seen_pages = {start}
        downloads: list[asyncio.Future[list[None]]] = []
        complete = False
        try:
            while True:
                fresh = any(self._is_new(item) for item in listing.items)
                downloads.append(self.start_items(self._wanted(listing, newest)))
                if (not self.scope.widened and walked_before and not fresh) or self._past_scope(
                    listing, newest
                ):
                    break
                page_url = listing.next_url
                if page_url is None or page_url in seen_pages:
                    complete = True
                    break
                seen_pages.add(page_url)
                next_listing = await self.listing_page(page_url, PageKind.LISTING)
                if next_listing is None:
                    break
                listing = next_listing
        except BaseException:
            for download in downloads:
                download.cancel()
            await asyncio.gather(*downloads, return_exceptions=True)
            raise
        await asyncio.gather(*downloads)
        if complete:
            self.unwritten.states.append((done_key, "1"))
            self.write_soon()

    def _is_new(self, item: ListedItem) -> bool:
        return item.item_id not in self.known and item.item_id not in self.skipped

    def _first_day(self, newest: int | None) -> int | None:
        """The oldest day the scope re-reads, or None when it re-reads nothing (or everything)."""
        if self.scope.since is not None:
            return self.scope.since
        if self.scope.days is not None and newest is not None:
            return newest - self.scope.days + 1
        return None

    def _wanted(self, listing: Listing, newest: int | None) -> list[ListedItem]:
        first = self._first_day(newest)
        wanted = []
        for item in listing.items:
            if not self.client.site.owns(item.url) or item.item_id in self.handled:
                continue
            if (
                self.scope.all
                or self._is_new(item)
                or first is not None
                and item.day is not None
                and item.day >= first
            ):
                wanted.append(item)
        return wanted

    def _past_scope(self, listing: Listing, newest: int | None) -> bool:
        """True when a widened scope has gone back further than it asked for."""
        first = self._first_day(newest)
        if first is None:
            return False
        days = [item.day for item in listing.items if item.day is not None]
        return bool(days) and max(days) < first

    async def listing_page(self, url: str, kind: PageKind) -> Listing | None:
        """Fetch a listing or feed page conditionally; None (reported) if it failed."""
        cached = self.store.cached_page(url)
        try:
            page = await self.client.get(
                url,
                etag=cached.etag if cached else None,
                last_modified=cached.last_modified if cached else None,
            )
        except Unreachable as error:
            self.unreachable = self.unreachable or error
            self._fail(url, str(error))
            self._tell()
            return None
        except FetchError as error:
            self._fail(url, str(error))
            self._tell()
            return None
        self.progress.pages_read += 1
        content = cached.content if page.not_modified and cached else page.content
        try:
            listing = (
                parse_feed(content, url) if kind is PageKind.FEED else parse_listing(content, url)
            )
        except ValueError as error:
            self._fail(url, str(error))
            self._tell()
            return None
        if not page.not_modified:
            self.unwritten.listings.append(
                CachedPage(url, page.etag, page.last_modified, page.content)
            )
            self.write_soon()
        self.progress.digests_found += len(listing.items)
        self._tell()
        return listing

    # -- items --------------------------------------------------------------------------

    def start_items(
        self, items: list[ListedItem], force: bool = False
    ) -> asyncio.Future[list[None]]:
        """Start fetching, parsing and storing `items` concurrently (bounded by the client)."""
        todo = [item for item in items if force or item.item_id not in self.handled]
        self.handled.update(item.item_id for item in todo)
        return asyncio.gather(*(self.item(item) for item in todo))

    async def items(self, items: list[ListedItem], force: bool = False) -> None:
        await self.start_items(items, force)

    async def item(self, listed: ListedItem) -> None:
        try:
            page = await self.client.get(listed.url)
        except Unreachable as error:
            self.unreachable = self.unreachable or error
            self._problem(listed, str(error), not_digest=False)
            return
        except FetchError as error:
            self._problem(listed, str(error), not_digest=False)
            return
        self.progress.pages_read += 1
        self.unwritten.items.append((listed, page))
        if len(self.unwritten.items) >= WRITE_SIZE:
            self.write()
        else:
            self.write_soon()

    def _problem(self, listed: ListedItem, reason: str, not_digest: bool) -> None:
        self._fail(listed.url, reason)
        if listed.item_id is not None:
            self.unwritten.problems.append(
                FetchProblem(listed.item_id, listed.url, not_digest, reason)
            )
            self.write_soon()
        self._tell()

    # -- writing ------------------------------------------------------------------------

    def write_soon(self) -> None:
        if self._write_timer is None:
            self._write_timer = asyncio.get_running_loop().call_later(WRITE_SECONDS, self.write)

    def write(self) -> None:
        """Hand what was read so far to the writer thread (one write after another)."""
        if self._write_timer is not None:
            self._write_timer.cancel()
            self._write_timer = None
        if self.unwritten:
            unwritten, self.unwritten = self.unwritten, _Unwritten()
            self._writes.append(asyncio.ensure_future(self._write(unwritten)))

    async def written(self) -> None:
        """Write what is left and wait for every write to finish."""
        self.write()
        while self._writes:
            await self._writes.pop(0)

    def close(self) -> None:
        self._writer.submit(self._close_writer_store).result()
        self._writer.shutdown()

    async def _write(self, unwritten: _Unwritten) -> None:
        loop = asyncio.get_running_loop()
        try:
            written = await loop.run_in_executor(self._writer, self._store, unwritten)
        except StoreError as error:  # the transaction failed as a whole: nothing of it is stored
            for listed, _ in unwritten.items:
                self._fail(listed.url, str(error))
            self._tell()
            return
        for listed, reason, _ in written.refused:
            self._fail(listed.url, reason)
            self._tell()
        for digest, outcome in written.stored:
            if digest.item_id is not None:
                self.known.add(digest.item_id)
            if outcome is SaveOutcome.ADDED:
                self.progress.new += 1
            elif outcome is SaveOutcome.UPDATED:
                self.progress.updated += 1
            self.progress.last_day = digest.day
            self._tell()
        self.progress.last_day = None

    def _store(self, unwritten: _Unwritten) -> _Written:
        """Parse the items read and store them with everything else read, in one transaction.
        Runs on the writer thread, with a connection of its own."""
        if self._writer_store is None:
            self._writer_store = Store(self.store.path)
        store = self._writer_store
        stored: list[tuple[Digest, SaveOutcome]] = []
        refused: list[tuple[ListedItem, str, bool]] = []
        problems = list(unwritten.problems)
        read_well: list[int] = []
        with store.batch():
            for listing in unwritten.listings:
                store.cache_page(listing)
            for listed, page in unwritten.items:
                try:
                    digest, raw = read_digest(page.content, origin=page.url, url=page.url)
                    stored.append((digest, store.save(digest, raw)))
                except NotADigest as error:
                    refused.append((listed, f"not a digest: {error}", True))
                    continue
                except StoreError as error:
                    refused.append((listed, str(error), False))
                    continue
                except Exception as error:  # a parser fault must not stop the sync (or the reader)
                    refused.append((listed, unreadable(error), True))
                    continue
                if listed.item_id is not None:
                    read_well.append(listed.item_id)
            store.clear_fetch_problems(read_well)
            problems += [
                FetchProblem(listed.item_id, listed.url, not_digest, reason)
                for listed, reason, not_digest in refused
                if listed.item_id is not None
            ]
            for problem in problems:
                store.note_fetch_problem(problem)
            for key, value in unwritten.states:
                store.set_state(key, value)
            if stored:
                store.delete_samples()
        return _Written(stored, refused)

    def _close_writer_store(self) -> None:
        if self._writer_store is not None:
            self._writer_store.close()

    async def retry_problems(self) -> None:
        """Try again the items that failed last time (non-digests only with --all)."""
        await self.items(
            [
                ListedItem(problem.url, problem.item_id, "")
                for problem in self.store.fetch_problems()
                if (self.scope.all or not problem.not_digest) and self.client.site.owns(problem.url)
            ]
        )


def _newest(listing: Listing) -> int | None:
    """The newest war day among a page's digests (the one `--days` counts back from)."""
    return max((item.day for item in listing.items if item.day is not None), default=None)


def _settings(config: Config) -> ClientSettings:
    return ClientSettings(
        concurrency=config.concurrency,
        timeout=config.timeout,
        max_bytes=int(config.max_page_mb * 1024 * 1024),
    )


async def sync(
    store: Store,
    config: Config,
    *,
    urls: tuple[str, ...] = (),
    scope: SyncScope = SyncScope(),
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    settings: ClientSettings | None = None,
) -> SyncReport:
    """Read `urls` (default: the configured sources) into `store`; see `sync_blocking`."""
    from tui_reader.fetch.votes import send_queued_votes

    sources = tuple(urls) or config.sources
    site = Site(sources)
    votes_sent = 0
    async with SiteClient(site, settings or _settings(config)) as client:
        run = _Sync(store, client, scope, on_progress)
        watcher = asyncio.create_task(_watch(cancel)) if cancel is not None else None
        work = asyncio.ensure_future(_run_sources(run, sources))
        try:
            waiting = {work} | ({watcher} if watcher else set())
            await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
            if not work.done():
                work.cancel()
            try:
                await work
            except asyncio.CancelledError:
                run.errors.append("stopped before the end; the next sync goes on from here")
            if config.submit_ratings and run.unreachable is None and not work.cancelled():
                votes_sent = await send_queued_votes(client, store, run.errors)
        finally:
            if watcher is not None:
                watcher.cancel()
            if not work.done():
                work.cancel()
                await asyncio.gather(work, return_exceptions=True)
            run.close()
        return _report(run, client.requests, votes_sent)


async def _run_sources(run: _Sync, sources: tuple[str, ...]) -> None:
    try:
        await run.retry_problems()
        for url in sources:
            await run.source(url)
    finally:
        await run.written()


async def _watch(cancel: threading.Event) -> None:
    while not cancel.is_set():
        await asyncio.sleep(0.1)


def offline_summary(unreachable: str, days: int, sample: bool = False) -> str:
    """`offline: could not reach HOST (reason); showing 8 cached days`.

    `days` (not counting the bundled sample) and `sample` describe the store as it is when the
    sentence is shown: the reader asks again after opening the sample.
    """
    shown = [f"{days} cached day{'s' * (days != 1)}"] if days else []
    if sample:
        shown.append("the bundled sample")
    return f"offline: {unreachable}; " + (
        f"showing {' and '.join(shown)}" if shown else "nothing is stored yet"
    )


def _report(run: _Sync, requests: int, votes_sent: int) -> SyncReport:
    progress = run.progress
    offline = run.unreachable is not None and progress.pages_read == 0
    days = run.store.count()
    unreachable = str(run.unreachable) if offline else None
    if unreachable is not None:
        real_days = run.store.count(samples=False)
        summary = offline_summary(unreachable, real_days, sample=days > real_days)
    else:
        summary = (
            f"{progress.pages_read} pages read, {progress.digests_found} digests found,"
            f" {progress.new} new, {progress.updated} updated, {progress.failed} failed;"
            f" {days} day{'s' * (days != 1)} stored"
        )
        if votes_sent:
            summary += f"; {votes_sent} vote{'s' * (votes_sent != 1)} sent"
    return SyncReport(
        pages_read=progress.pages_read,
        digests_found=progress.digests_found,
        new=progress.new,
        updated=progress.updated,
        failed=progress.failed,
        offline=offline,
        errors=run.errors,
        requests=requests,
        votes_sent=votes_sent,
        summary=summary,
        unreachable=unreachable,
    )


def sync_blocking(
    store: Store,
    config: Config,
    *,
    urls: tuple[str, ...] = (),
    scope: SyncScope = SyncScope(),
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> SyncReport:
    """Run a sync in a fresh asyncio loop (call it from a worker thread with its own Store).

    Pages are parsed and stored on a thread of their own, a quarter second's worth at a time (one
    transaction), while downloading goes on. Those read when the sync stops (`cancel` set,
    ctrl+c, a dropped connection) are stored on the way out; a kill loses at most the last
    quarter second, and the next sync continues from there.
    """
    return asyncio.run(
        sync(store, config, urls=urls, scope=scope, on_progress=on_progress, cancel=cancel)
    )

"""Sending the reader's star ratings to the site as K2 votes, queued while offline."""

from __future__ import annotations

import asyncio
import re
from urllib.parse import urlencode

from tui_reader.config import Config
from tui_reader.fetch.client import ClientSettings, FetchError, SiteClient, Unreachable
from tui_reader.fetch.site import Site, split_url
from tui_reader.model import SiteVotes
from tui_reader.places import Places
from tui_reader.store import QueuedVote, Store
from tui_reader.webtext import safe_line

_VOTES = re.compile(r"\(\s*(\d+)\s+votes?\s*\)", re.IGNORECASE)


def _task_url(vote: QueuedVote, task: str, **extra: object) -> str:
    parts = split_url(vote.url or "")
    query = {
        "option": "com_k2",
        "view": "item",
        "task": task,
        "format": "raw",
        **extra,
        "itemID": vote.item_id,
    }
    return f"{parts.scheme}://{parts.netloc}/index.php?{urlencode(query)}"


def vote_url(vote: QueuedVote) -> str:
    """K2's vote request for `vote` on the host its item was read from."""
    return _task_url(vote, "vote", user_rating=vote.stars)


def _answer_text(content: bytes) -> str:
    answer = " ".join(safe_line(content.decode("utf-8", errors="replace")).split())
    return answer[:200] or "the site did not accept the vote"


async def _site_votes(client: SiteClient, vote: QueuedVote) -> SiteVotes | None:
    """The item's current vote count and average, as the site reports them."""
    count_page = await client.get(_task_url(vote, "getVotesNum"))
    match = _VOTES.search(count_page.content.decode("utf-8", errors="replace"))
    if match is None:
        return None
    count = int(match.group(1))
    percentage = (
        (await client.get(_task_url(vote, "getVotesPercentage")))
        .content.decode("utf-8", errors="replace")
        .strip()
    )
    try:
        average = round(float(percentage) / 20, 2) if count else 0.0
    except ValueError:
        average = None
    return SiteVotes(count, average)


async def send_vote(client: SiteClient, store: Store, vote: QueuedVote) -> str:
    """Send one queued vote, record the site's answer and new totals; returns the answer."""
    answer = _answer_text((await client.get(vote_url(vote))).content)
    store.vote_sent(vote, answer)
    try:
        totals = await _site_votes(client, vote)
    except FetchError:
        totals = None
    if totals is not None:
        store.set_site_votes(vote.day, totals)
    return answer


async def send_queued_votes(client: SiteClient, store: Store, errors: list[str]) -> int:
    """Send every queued vote (failures stay queued, added to `errors`); returns how many went."""
    sent = 0
    for vote in store.pending_votes():
        if not vote.url or not client.site.owns(vote.url):
            continue
        try:
            await send_vote(client, store, vote)
        except Unreachable as error:
            errors.append(f"vote for Day {vote.day} stays queued: {error}")
            return sent
        except FetchError as error:
            errors.append(f"vote for Day {vote.day} stays queued: {error}")
            continue
        sent += 1
    return sent


def queue_and_send_vote(places: Places, config: Config, day: int, stars: int) -> str:
    """Queue `stars` (1-5) for `day` and try to send it now; one line saying what the site answered.

    The local rating is stored separately and never depends on this.
    """
    if not 1 <= stars <= 5:
        return "not sent: the site keeps every vote, so a cleared rating stays there"
    with Store(places.database) as store:
        vote = store.queue_vote(day, stars)
        if vote is None:
            return f"not sent: Day {day} was not read from the site, so it has no item to vote on"
        site = Site(config.sources)
        if not vote.url or not site.owns(vote.url):
            return f"not sent: Day {day} was read from {vote.url or 'a file'}, not from the site"
        settings = ClientSettings(concurrency=1, timeout=config.timeout, attempts=2)

        async def send() -> str:
            async with SiteClient(site, settings) as client:
                return await send_vote(client, store, vote)

        try:
            return f"the site says: {asyncio.run(send())}"
        except Unreachable:
            return "queued: offline; it is sent on the next sync"
        except FetchError as error:
            return f"queued: {error}; it is sent on the next sync"

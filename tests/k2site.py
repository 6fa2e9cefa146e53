"""A K2-like copy of the site on 127.0.0.1, generated from made-up digests, with faults on demand.

It serves what the real site serves (SITE-NOTES): the war category listing under three menus,
14 stories a page, newest first, digests mixed with other war stories; item pages reachable under
any menu and under two host names (`127.0.0.1` and `localhost`); RSS and Atom feeds; K2's vote,
vote-count and vote-percentage requests; ETag/Last-Modified with 304 answers on listings.
"""

from __future__ import annotations

import hashlib
import html
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import tomli_w

from tui_reader.model import war_date
from tui_reader.places import resolve_places

PER_PAGE = 14
MENUS = ("ns-news", "ns-special", "ns-video")
CATEGORY = "itemlist/category/35-wars"
FIRST_PERSPECTIVES_DAY = 312  # 2023 starts on war day 312
LAST_MODIFIED = "Wed, 13 Nov 2024 03:37:00 GMT"


@dataclass(frozen=True)
class Request:
    """One request the site received: path with query, User-Agent, when (monotonic), and the
    host name it was addressed to (with the port)."""

    path: str
    agent: str
    at: float
    host: str = ""


@dataclass
class Story:
    """One item of the site: a digest (`day` set) or another war story."""

    item_id: int
    title: str
    published: datetime
    body: str
    intro: str
    day: int | None = None
    votes: list[int] = field(default_factory=list)
    last_voter: str | None = None

    @property
    def slug(self) -> str:
        return f"{self.item_id}-" + re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")

    @property
    def menu(self) -> str:
        return MENUS[self.item_id % 3]


def _perspectives_body(day: int) -> str:
    western = (
        f"<p><strong>WESTERN PERSPECTIVE</strong></p>"
        f"<p><strong>Kyiv reports heavy fighting near front town {day} – governor</strong></p>"
        f"<p>Ukrainian forces repelled attacks on day {day}, the regional governor said.</p>"
        f"<p>Officials said repairs to the power grid would take weeks.</p>"
    )
    russian = (
        f"<p><strong>RUSSIAN PERSPECTIVE</strong></p>"
        f"<p><strong>Air defences down {day % 40 + 5} Ukrainian drones – Russian MOD</strong></p>"
        "<p>Russian air defences destroyed drones over border regions, the Defense Ministry"
        " said.</p>"
        f"<p>No casualties were reported on the ground.</p>"
    )
    first, second = (russian, western) if day % 7 == 0 else (western, russian)
    return f"{first}<p>&nbsp;</p>{second}<p>&nbsp;</p><p>Reuters/RT</p>"


def _bulletin_body(day: int) -> str:
    return (
        f"<p>Fighting went on along the front on day {day} as talks on grain exports resumed.</p>"
        f"<p><strong>FIGHTING</strong></p>"
        f"<p>* Ukrainian forces said they held positions in the east.</p>"
        f"<p>* Russia said it struck depots in the south.</p>"
        f"<p><strong>GRAIN</strong></p>"
        f"<p>* Ships left Odesa under the grain deal, officials said.</p>"
        f"<p>&nbsp;</p><p>Reuters</p>"
    )


def digest_story(day: int, item_id: int) -> Story:
    """The digest of war day `day`, in the format the site used that year."""
    if day < FIRST_PERSPECTIVES_DAY:
        published = datetime.combine(war_date(day), datetime.min.time()) + timedelta(
            hours=19, minutes=5
        )
        body = _bulletin_body(day)
    else:
        published = datetime.combine(
            war_date(day) + timedelta(days=1), datetime.min.time()
        ) + timedelta(hours=4, minutes=37)
        body = _perspectives_body(day)
    title = f"What to know after Day {day} of Russia-Ukraine war"
    return Story(
        item_id,
        title,
        published,
        body,
        intro=re.sub("<[^>]+>", " ", body)[:120],
        day=day,
        votes=[4, 5, 3][: day % 4],
    )


def other_story(item_id: int, published: datetime, russian: bool) -> Story:
    """A war story that is not a digest: a Gaza report or a single-perspective story."""
    if russian:
        title = f"Moscow says it repelled a cross-border raid ({item_id})"
        body = "<p>RUSSIAN PERSPECTIVE Russian forces repelled a raid, the ministry said.</p>"
    else:
        title = f"Israeli strikes kill dozens in northern Gaza ({item_id})"
        body = "<p>Israeli strikes killed at least 30 people, medics said.</p>"
    return Story(item_id, title, published, body, intro=re.sub("<[^>]+>", " ", body))


class K2Site:
    """The test site: `with K2Site(digests=...) as site:`; `site.url(...)` names pages."""

    def __init__(self, digests: int = 30, first_day: int = 290) -> None:
        self.stories: list[Story] = []
        self.faults: dict[int, str] = {}
        """item id -> fault: 500, 500-once, 429-once, 429-long, slow, cut, png, huge, loop,
        chain (endless redirects), moved-once (to the other host name), foreign (redirect
        off-site), notdigest, stall (stops sending mid-body), endless (an unannounced 50 MB
        body), nested (a digest inside 1,000 nested elements), giant (a digest of 110,000
        characters), hostile (a digest whose text carries terminal escapes and invisibles)."""
        self.vote_answer = "Thanks for rating!"
        """What the site answers a vote it counts."""
        self.feed_override: str | None = None
        """Served instead of the generated feed (a hostile one)."""
        self.listing_faults: dict[int, str] = {}
        """listing page offset (start=) -> fault, as for items."""
        self.slow_seconds = 3.0
        self.endless_bytes = 50 * 1024 * 1024
        self.sent_bytes = 0
        """Body bytes the `endless` fault managed to send (the client hangs up at its limit)."""
        self.item_delay = 0.0
        """Seconds every item page takes to answer (to have time to interrupt a sync)."""
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._next_id = 30000
        for day in range(first_day, first_day + digests):
            self.publish(day)
        self.port = 0
        self._listen()

    def _listen(self) -> None:
        self._server = _Server(("127.0.0.1", self.port), _handler(self))
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    # -- content ------------------------------------------------------------------------

    def publish(self, day: int) -> Story:
        """Add the digest of `day` as the newest item, another war story before it every 3rd day."""
        with self._lock:
            if day % 3 == 0:
                self._next_id += 7
                self.stories.append(
                    other_story(self._next_id, self._published_next(day), russian=day % 2 == 0)
                )
            self._next_id += 11
            story = digest_story(day, self._next_id)
            self.stories.append(story)
            return story

    def _published_next(self, day: int) -> datetime:
        return datetime.combine(war_date(day), datetime.min.time()) + timedelta(hours=12)

    def digest(self, day: int) -> Story:
        return next(story for story in self.stories if story.day == day)

    @property
    def digests(self) -> list[Story]:
        return [story for story in self.stories if story.day is not None]

    def newest_first(self) -> list[Story]:
        with self._lock:
            return sorted(self.stories, key=lambda story: story.item_id, reverse=True)

    # -- addresses ----------------------------------------------------------------------

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def listing_url(self, menu: str = "ns-special") -> str:
        return self.url(f"/index.php/{menu}/{CATEGORY}")

    def feed_url(self, kind: str = "rss", menu: str = "ns-news") -> str:
        return self.listing_url(menu) + f"?format=feed&type={kind}"

    def item_url(self, story: Story, menu: str | None = None, host: str = "127.0.0.1") -> str:
        return self.url(f"/index.php/{menu or story.menu}/item/{story.slug}", host)

    def listed_href(self, story: Story) -> str:
        """How listings link an item: relative, or absolute on the `localhost` name for odd ids."""
        path = f"/index.php/{story.menu}/item/{story.slug}"
        return self.url(path, "localhost") if story.item_id % 2 else path

    def count(self, fragment: str) -> int:
        """How many requests so far had `fragment` in their path and query."""
        with self._lock:
            return sum(fragment in request.path for request in self.requests)

    # -- server -------------------------------------------------------------------------

    def __enter__(self) -> K2Site:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop answering: the port is closed, so connections are refused."""
        self._server.shutdown()
        self._server.server_close()

    def restart(self) -> None:
        """Answer again on the same port after `stop`."""
        self._listen()
        self._thread.start()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # room for every concurrent connection warday may open

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up mid-answer (a cancelled or timed-out fetch) is no error here."""


def _page(title: str, inner: str, canonical: str | None = None) -> str:
    link = f'<link href="{html.escape(canonical)}" rel="canonical">' if canonical else ""
    return (
        '<!DOCTYPE html>\n<html lang="en-gb"><head><meta'
        f' charset="utf-8"><title>{html.escape(title)}</title>{link}'
        '</head><body class="site"><nav class="menu"><a'
        f' href="/index.php/ns-news">News</a></nav>{inner}'
        "<footer><p>NEWSSCROLL TEAM: Publisher/Editor-in-Chief;</p>"
        "<p>Copyright © 2015 - 2024 NewsScroll. All rights reserved.</p></footer></body></html>\n"
    )


def _date_line(when: datetime) -> str:
    return when.strftime("%A, %d %B %Y %H:%M")


def item_html(story: Story, canonical: str, body: str | None = None) -> str:
    votes = len(story.votes)
    percent = round(sum(story.votes) / votes * 20) if votes else 0
    label = "Vote" if votes == 1 else "votes"
    inner = (
        f'<div id="k2Container" class="itemView"><div class="itemHeader">'
        f'<span class="itemDateCreated">{_date_line(story.published)}</span>'
        f'<h2 class="itemTitle">{html.escape(story.title)}<sup><i'
        ' class="k2icon-feature"></i></sup></h2></div>'
        f'<div class="itemRatingBlock"><span>Rate this item</span><div class="itemRatingForm">'
        '<ul class="itemRatingList"><li class="itemCurrentRating"'
        f' id="itemCurrentRating{story.item_id}"'
        f' style="width:{percent}%;"></li></ul>'
        f'<div id="itemRatingLog{story.item_id}" class="itemRatingLog">({votes}'
        f" {label})</div></div></div>"
        '<div class="itemBody"><div'
        f' class="itemFullText">{body if body is not None else story.body}</div></div>'
        f"</div>"
    )
    return _page(story.title, inner, canonical)


def listing_html(site: K2Site, menu: str, start: int) -> str:
    stories = site.newest_first()
    page = stories[start : start + PER_PAGE]
    entries = "".join(
        '<div class="catItemView"><span'
        f' class="catItemDateCreated">{_date_line(s.published)}</span>'
        '<h3 class="catItemTitle"><a'
        f' href="{html.escape(site.listed_href(s))}">{html.escape(s.title)}</a></h3>'
        f'<div class="catItemIntroText"><p>{html.escape(s.intro)}</p></div></div>'
        for s in page
    )
    base = f"/index.php/{menu}/{CATEGORY}"
    links = []
    if start > 0:
        links.append(f'<li><a href="{base}">Start</a></li>')
        links.append(f'<li><a href="{base}?start={max(0, start - PER_PAGE)}">Prev</a></li>')
    for number, offset in enumerate(range(0, len(stories), PER_PAGE), start=1):
        if abs(offset - start) <= 3 * PER_PAGE and offset != start:
            links.append(f'<li><a href="{base}?start={offset}">{number}</a></li>')
    if start + PER_PAGE < len(stories):
        links.append(f'<li><a href="{base}?start={start + PER_PAGE}">Next</a></li>')
        last = (len(stories) - 1) // PER_PAGE * PER_PAGE
        links.append(f'<li><a href="{base}?limitstart={last}">End</a></li>')
    inner = (
        f'<div id="k2Container" class="itemListView"><div class="itemList">{entries}</div>'
        f'<div class="k2Pagination"><ul>{"".join(links)}</ul></div></div>'
    )
    return _page("Wars", inner)


def feed_xml(site: K2Site, menu: str, kind: str, limit: int) -> str:
    stories = site.newest_first()[:limit]
    link = lambda s: site.url(f"/index.php/{menu}/item/{s.slug}")  # noqa: E731
    if kind == "atom":
        entries = "".join(
            f"<entry><title>{html.escape(s.title)}</title>"
            f'<link rel="alternate" type="text/html" href="{html.escape(link(s))}"/>'
            f"<id>{html.escape(link(s))}</id><summary"
            f' type="html">{html.escape(s.intro)}</summary></entry>'
            for s in stories
        )
        return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wars</title>{entries}</feed>'
    items = "".join(
        f"<item><title>{html.escape(s.title)}</title><link>{html.escape(link(s))}</link>"
        f'<guid isPermaLink="true">{html.escape(link(s))}</guid>'
        f"<description>{html.escape(s.body)}</description><category>Wars</category>"
        f"<pubDate>{format_datetime(s.published)}</pubDate></item>"
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wars</title>'
        f"{items}</channel></rss>"
    )


HOSTILE_TEXT = (
    "Officials\x1b]52;c;aG9zdGlsZQ==\x07 said the \x1b[2J\x1b[Hdepot [bold red]burned[/]"
    " \U0001f468\u200d\U0001f469\u200d\U0001f467 in invoice\u202efdp.exe\u2060."
)
"""A paragraph that tries to clear the screen, write the clipboard and reorder text."""


def _item_body(story: Story, fault: str | None) -> str | None:
    """The body an item fault serves instead of the story's own (None: the story's)."""
    if fault == "notdigest":
        return "<p>Israeli strikes killed at least 30 people, medics said.</p>"
    if fault == "nested":
        return "<div>" * 1000 + story.body + "</div>" * 1000
    if fault == "giant":
        return story.body.replace("</p>", "</p>" + "<p>Officials said more.</p>" * 2600, 2)
    if fault == "hostile":
        return story.body.replace("<p>Officials said", f"<p>{html.escape(HOSTILE_TEXT)}", 1)
    return None


def _take(faults: dict[int, str], key: int) -> str | None:
    """The fault set for `key`; one ending in `once` is used up."""
    fault = faults.get(key)
    if fault and fault.endswith("once"):
        del faults[key]
    return fault


def _handler(site: K2Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "K2Test/1.0"

        def log_message(self, *_: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            with site._lock:
                site.requests.append(
                    Request(
                        self.path,
                        self.headers.get("User-Agent", ""),
                        time.monotonic(),
                        self.headers.get("Host", ""),
                    )
                )
            parts = urlsplit(self.path)
            query = {name: values[-1] for name, values in parse_qs(parts.query).items()}
            host = (self.headers.get("Host") or f"127.0.0.1:{site.port}").split(":")[0]
            if parts.path == "/index.php" and query.get("option") == "com_k2":
                return self._vote(query)
            if match := re.fullmatch(r"/index\.php/(ns-\w+)/item/(\d+)(?:-[\w-]*)?", parts.path):
                return self._item(match.group(1), int(match.group(2)), host, query)
            if match := re.fullmatch(rf"/index\.php/(ns-\w+)/{CATEGORY}", parts.path):
                menu = match.group(1)
                if query.get("format") == "feed":
                    limit = min(int(query.get("limit", "10")), 100)
                    kind = query.get("type", "rss")
                    body = site.feed_override or feed_xml(site, menu, kind, limit)
                    return self._send(
                        200, body, f"application/{kind}+xml; charset=utf-8", conditional=True
                    )
                start = int(query.get("start") or query.get("limitstart") or 0)
                if self._fault(_take(site.listing_faults, start)):
                    return
                return self._send(200, listing_html(site, menu, start), conditional=True)
            self._send(404, _page("Not found", "<p>404</p>"))

        def _item(self, menu: str, item_id: int, host: str, query: dict[str, str]) -> None:
            story = next((s for s in site.stories if s.item_id == item_id), None)
            if story is None:
                return self._send(404, _page("Not found", "<p>404</p>"))
            time.sleep(site.item_delay)
            fault = _take(site.faults, item_id)
            path = f"/index.php/{menu}/item/{story.slug}"
            if fault == "loop":
                return self._redirect(path + ("" if query.get("hop") else "?hop=1"))
            if fault == "chain":
                return self._redirect(f"{path}?hop={int(query.get('hop', '0')) + 1}")
            if fault == "moved-once":
                return self._redirect(
                    site.url(f"/index.php/ns-video/item/{story.slug}", "localhost")
                )
            if self._fault(fault):
                return
            canonical = f"http://{host}:{site.port}/index.php/{menu}/item/{story.slug}"
            self._send(200, item_html(story, canonical, _item_body(story, fault)))

        def _fault(self, fault: str | None) -> bool:
            """Act out `fault`; True when the answer has been sent."""
            if fault in ("500", "500-once"):
                self._send(500, _page("Error", "<p>Internal error</p>"))
            elif fault == "429-once":
                self._send(
                    429,
                    _page("Slow down", "<p>Too many requests</p>"),
                    headers={"Retry-After": "1"},
                )
            elif fault == "429-long":
                self._send(
                    429,
                    _page("Slow down", "<p>Come back later</p>"),
                    headers={"Retry-After": "3600"},
                )
            elif fault == "slow":
                time.sleep(site.slow_seconds)
                self._send(200, _page("Late", "<p>late</p>"))
            elif fault == "cut":
                data = _page("Cut", "<p>" + "x" * 5000 + "</p>").encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data) * 2))
                self.end_headers()
                self.wfile.write(data)
                self.close_connection = True
            elif fault == "png":
                self._send(200, "\x89PNG not really", "image/png")
            elif fault == "huge":
                self._send(200, _page("Huge", "<p>" + "y" * 400_000 + "</p>"))
            elif fault == "foreign":
                self._redirect("http://elsewhere.invalid/index.php/ns-news/item/1-away")
            elif fault == "stall":
                data = _page("Stalled", "<p>" + "z" * 20_000 + "</p>").encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                time.sleep(site.slow_seconds)
                self.close_connection = True
            elif fault == "endless":
                self._endless()
            else:
                return False
            return True

        def _endless(self) -> None:
            """A 200 with no Content-Length and `endless_bytes` of body, in 64 KB writes."""
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"e" * (64 * 1024 - 7) + b"</p>"
            site.sent_bytes = 0
            try:
                while site.sent_bytes < site.endless_bytes:
                    self.wfile.write(chunk)
                    site.sent_bytes += len(chunk)
            except OSError:
                pass
            self.close_connection = True

        def _vote(self, query: dict[str, str]) -> None:
            item_id = int(query.get("itemID", "0"))
            story = next((s for s in site.stories if s.item_id == item_id), None)
            if story is None:
                return self._send(200, "", "text/plain")
            task = query.get("task")
            if task == "vote":
                rating = query.get("user_rating", "")
                if rating not in {"1", "2", "3", "4", "5"}:
                    return self._send(200, "", "text/plain")
                if story.last_voter == self.client_address[0]:
                    return self._send(200, "You have already rated this entry!", "text/plain")
                story.votes.append(int(rating))
                story.last_voter = self.client_address[0]
                return self._send(200, site.vote_answer, "text/plain")
            if task == "getVotesNum":
                count = len(story.votes)
                return self._send(
                    200, f"({count} {'Vote' if count == 1 else 'votes'})", "text/plain"
                )
            if task == "getVotesPercentage":
                percent = sum(story.votes) / len(story.votes) * 20 if story.votes else 0
                return self._send(200, f"{percent:g}", "text/plain")
            self._send(200, "", "text/plain")

        def _redirect(self, location: str) -> None:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _send(
            self,
            status: int,
            body: str,
            content_type: str = "text/html; charset=utf-8",
            conditional: bool = False,
            headers: dict[str, str] | None = None,
        ) -> None:
            data = body.encode("utf-8")
            etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
            if conditional and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            if conditional:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", LAST_MODIFIED)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler


def write_config(home: Path, **settings: object) -> None:
    """Write warday's config.toml under the private `home` with just `settings`."""
    path = resolve_places(home).config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps(settings), encoding="utf-8")

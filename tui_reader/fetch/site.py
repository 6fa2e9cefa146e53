"""What warday knows about the site's URLs, listing pages and feeds."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import SplitResult, parse_qs, urljoin, urlsplit
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException

from tui_reader.parse import TITLE, NotADigest, item_id_from_url
from tui_reader.parse.html import MAX_TAGS, parse_html

SITE_HOSTS = frozenset({"newsscrollngr.com", "www.newsscrollngr.com", "mail.newsscrollngr.com"})
"""The three names of the one site."""

_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
_ATOM = "{http://www.w3.org/2005/Atom}"


def split_url(url: str) -> SplitResult:
    """`url` in parts; a malformed one (a broken IPv6 literal, a bad port) has none."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - checks the port too
    except ValueError:
        return SplitResult("", "", "", "", "")
    return parts


def join_url(base: str, href: str) -> str | None:
    """`href` read against `base`, or None when either is malformed."""
    try:
        joined = urljoin(base, href)
    except ValueError:
        return None
    return joined if split_url(joined).scheme else None


class PageKind(StrEnum):
    ITEM = "item"
    LISTING = "listing"
    FEED = "feed"


@dataclass(frozen=True, slots=True)
class ListedItem:
    """An item linked from a listing or feed: its URL, K2 id and title."""

    url: str
    item_id: int
    title: str

    @property
    def day(self) -> int | None:
        """The war day in a digest title, else None."""
        match = TITLE.search(self.title)
        return int(match.group(1)) if match else None


@dataclass(frozen=True, slots=True)
class Listing:
    """One listing page or feed: the digest items on it and the next page, if any."""

    items: tuple[ListedItem, ...]
    next_url: str | None = None


class Site:
    """The hosts that count as the site: its three names plus the hosts of the given sources."""

    def __init__(self, sources: tuple[str, ...] = ()) -> None:
        hosts = set(SITE_HOSTS)
        for url in sources:
            if host := split_url(url).hostname:
                hosts.add(host.lower())
        if hosts & _LOOPBACK:
            hosts |= _LOOPBACK  # two names of one machine
        self.hosts = frozenset(hosts)

    def owns(self, url: str) -> bool:
        """True for an http(s) URL on one of the site's hosts."""
        parts = split_url(url)
        return parts.scheme in ("http", "https") and (parts.hostname or "").lower() in self.hosts


def page_kind(url: str) -> PageKind:
    """What a URL names: a feed (`format=feed`), an item page, or else a listing."""
    query = parse_qs(split_url(url).query)
    if "feed" in query.get("format", []):
        return PageKind.FEED
    if item_id_from_url(url) is not None:
        return PageKind.ITEM
    return PageKind.LISTING


def _offset(url: str) -> int:
    query = parse_qs(split_url(url).query)
    for name in ("start", "limitstart"):
        for value in query.get(name, []):
            if value.isdigit():
                return int(value)
    return 0


def _digest_item(url: str, title: str) -> ListedItem | None:
    title = " ".join(title.split())
    number = item_id_from_url(url)
    if number is None or not TITLE.search(title):
        return None
    return ListedItem(url, number, title)


def parse_listing(html: bytes, page_url: str) -> Listing:
    """The digest items of a K2 category page (other stories left out) and its next page.
    Raises ValueError for a page too large or deep to be a listing."""
    try:
        tree = parse_html(html.decode("utf-8", errors="replace"))
    except NotADigest as error:
        raise ValueError(f"it is not a listing: {error}") from None
    items: dict[int, ListedItem] = {}
    for link in tree.css("div.catItemView h3.catItemTitle a, .catItemView .catItemTitle a"):
        href = link.attributes.get("href")
        url = join_url(page_url, href) if href else None
        if url and (item := _digest_item(url, link.text())):
            items.setdefault(item.item_id, item)
    here = _offset(page_url)
    following = []
    for link in tree.css("div.k2Pagination a, .pagination a"):
        href = link.attributes.get("href")
        url = join_url(page_url, href) if href else None
        if url and _offset(url) > here:
            following.append((_offset(url), url))
    next_url = min(following)[1] if following else None
    return Listing(tuple(items.values()), next_url)


def parse_feed(data: bytes, feed_url: str) -> Listing:
    """The digest items of an RSS 2.0 or Atom feed. Raises ValueError if it is neither.

    The XML is read by defusedxml, which refuses entity declarations (the "billion laughs"
    expansion) and external entities (reading local files or other hosts)."""
    if data.count(b"<") > MAX_TAGS:
        raise ValueError(f"it has more than {MAX_TAGS:,} XML tags, far more than any feed")
    try:
        root = SafeElementTree.fromstring(data)
    except DefusedXmlException:
        raise ValueError(
            "the feed declares XML entities, which feeds never need; it was not read"
        ) from None
    except ParseError as error:
        raise ValueError(f"the feed is not well-formed XML ({error})") from None
    except (LookupError, UnicodeError):
        raise ValueError("the feed names a text encoding that does not exist") from None
    found: list[tuple[str, str]] = []
    if root.tag == "rss":
        for entry in root.iter("item"):
            link = entry.findtext("link") or entry.findtext("guid") or ""
            found.append((link.strip(), entry.findtext("title") or ""))
    elif root.tag == f"{_ATOM}feed":
        for entry in root.iter(f"{_ATOM}entry"):
            links = entry.findall(f"{_ATOM}link")
            alternate = [
                link for link in links if link.get("rel", "alternate") == "alternate"
            ] or links
            href = alternate[0].get("href", "") if alternate else ""
            found.append((href.strip(), entry.findtext(f"{_ATOM}title") or ""))
    else:
        raise ValueError("it is neither an RSS nor an Atom feed")
    items: dict[int, ListedItem] = {}
    for link, title in found:
        url = join_url(feed_url, link) if link else None
        if url and (item := _digest_item(url, title)):
            items.setdefault(item.item_id, item)
    return Listing(tuple(items.values()))

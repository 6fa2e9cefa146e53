"""The site's URLs, listing pages, feeds and redirects as warday understands them."""

from __future__ import annotations

import pytest
from k2site import K2Site, feed_xml, listing_html

from tui_reader.config import Config
from tui_reader.fetch.client import ClientSettings, FetchError, SiteClient
from tui_reader.fetch.site import Listing, PageKind, Site, page_kind, parse_feed, parse_listing
from tui_reader.fetch.sync import sync
from tui_reader.parse import item_id_from_url

ITEM = "https://newsscrollngr.com/index.php/ns-special/item/36903-what-to-know-after-day-993-of-russia-ukraine-war"


def test_the_three_hosts_are_one_site_and_others_are_not():
    site = Site()
    for host in ("newsscrollngr.com", "www.newsscrollngr.com", "mail.newsscrollngr.com"):
        assert site.owns(ITEM.replace("newsscrollngr.com", host, 1))
    assert not site.owns("https://newsscrollngr.com.evil.example/index.php/ns-news/item/1-x")
    assert not site.owns("ftp://newsscrollngr.com/index.php")
    assert not site.owns("http://localhost:8000/index.php")


def test_a_source_on_this_machine_makes_both_its_names_the_site():
    site = Site(("http://127.0.0.1:8123/index.php/ns-news/itemlist/category/35-wars",))
    assert site.owns("http://localhost:8123/index.php/ns-video/item/5-x")
    assert not site.owns("http://elsewhere.invalid/index.php")


def test_items_are_keyed_by_k2_id_whatever_the_menu():
    ids = {
        item_id_from_url(ITEM.replace("ns-special", menu))
        for menu in ("ns-news", "ns-special", "ns-video")
    }
    assert ids == {36903}
    assert (
        item_id_from_url("https://newsscrollngr.com/index.php/ns-special/itemlist/category/35-wars")
        is None
    )


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        (ITEM, PageKind.ITEM),
        (
            "https://newsscrollngr.com/index.php/ns-special/itemlist/category/35-wars",
            PageKind.LISTING,
        ),
        (
            "https://newsscrollngr.com/index.php/ns-special/itemlist/category/35-wars?start=28",
            PageKind.LISTING,
        ),
        (
            "https://www.newsscrollngr.com/index.php/ns-news/itemlist/category/35-wars?format=feed&type=rss",
            PageKind.FEED,
        ),
        (
            "https://newsscrollngr.com/index.php/ns-news/itemlist/category/35-wars?format=feed&type=atom",
            PageKind.FEED,
        ),
    ],
)
def test_page_kinds(url, kind):
    assert page_kind(url) is kind


def test_listing_keeps_digests_only_and_finds_the_next_page(fixtures):
    page = "https://newsscrollngr.com/index.php/ns-special/itemlist/category/35-wars"
    listing = parse_listing((fixtures / "bad/listing.html").read_bytes(), page)
    assert [(item.item_id, item.day) for item in listing.items] == [(36903, 993)]
    assert listing.items[0].url == ITEM
    assert listing.next_url == page + "?start=14"


def test_next_page_is_the_nearest_following_one_among_all_paging_links():
    with K2Site(digests=60) as site:
        base = site.listing_url("ns-news")
        html = listing_html(site, "ns-news", 28).encode()
        listing = parse_listing(html, base + "?start=28")
        assert listing.next_url == base + "?start=42"
        assert all(item.day is not None for item in listing.items)
        last = parse_listing(listing_html(site, "ns-news", 70).encode(), base + "?limitstart=70")
        assert last.next_url is None


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_list_their_digest_items(kind):
    with K2Site(digests=12) as site:
        listing = parse_feed(feed_xml(site, "ns-news", kind, 20).encode(), site.feed_url(kind))
        assert sorted(item.day for item in listing.items) == sorted(
            story.day for story in site.digests
        )
        assert listing.next_url is None


def test_a_feed_that_is_not_xml_says_so():
    with pytest.raises(ValueError, match="not well-formed XML"):
        parse_feed(b"<html><body>Wars</body></html", "https://newsscrollngr.com/feed")
    with pytest.raises(ValueError, match="neither an RSS nor an Atom feed"):
        parse_feed(b"<html><body>Wars</body></html>", "https://newsscrollngr.com/feed")


async def test_redirects_to_the_sites_other_name_are_followed(store, k2: K2Site):
    story = k2.digests[0]
    k2.faults[story.item_id] = "moved-once"
    report = await sync(store, Config(), urls=(k2.item_url(story),))
    assert report.new == 1
    assert store.digest(story.day).url.startswith(f"http://localhost:{k2.port}/index.php/ns-video/")


async def test_endless_redirects_stop_after_five_hops(k2: K2Site):
    story = k2.digests[0]
    k2.faults[story.item_id] = "chain"
    async with SiteClient(Site((k2.root,)), ClientSettings()) as client:
        with pytest.raises(FetchError, match="redirected more than 5 times"):
            await client.get(k2.item_url(story))
        assert client.requests == 6


async def test_only_http_and_https_are_fetched(k2: K2Site):
    async with SiteClient(Site(), ClientSettings()) as client:
        with pytest.raises(FetchError, match="only http and https addresses"):
            await client.get("file:///etc/passwd")
        assert client.requests == 0


@pytest.mark.parametrize(
    ("feed", "reason"),
    [
        (b'<?xml version="1.0" encoding="bogus"?><rss/>', "names a text encoding that does not"),
        (b"<rss>" + b"<a>" * 200_000, "more than 100,000 XML tags"),
        (b"\xff\xfe<", "not well-formed XML"),
    ],
)
def test_a_broken_feed_is_one_plain_reason(feed: bytes, reason: str):
    with pytest.raises(ValueError, match=reason):
        parse_feed(feed, "http://127.0.0.1/")


def test_malformed_addresses_in_listings_are_left_out():
    page = (
        '<div class="itemListView"><div class="catItemView"><h3 class="catItemTitle">'
        '<a href="http://[::1/index.php/ns-news/item/7-x">What to know after Day 7 of'
        ' Russia-Ukraine war</a></h3></div><div class="k2Pagination">'
        '<a href="http://[::1/?start=14">2</a></div></div>'
    )
    assert parse_listing(page.encode(), "http://127.0.0.1/") == Listing((), None)
    assert not Site(("http://[::1",)).owns("http://[::1/")

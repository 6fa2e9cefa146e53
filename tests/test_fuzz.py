"""Every parser fed anything: it gives a digest (or listing) or warday's own error, never another
exception, and never takes long. Hypothesis makes the inputs; the "ci" profile in conftest.py
fixes how many each property tries (FUZZ_CASES)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from conftest import FIXTURES
from hypothesis import given
from hypothesis import strategies as st
from k2site import K2Site, Story, feed_xml, item_html, listing_html

from tui_reader.codec import digest_from_dict, digest_to_dict
from tui_reader.fetch.site import Listing, Site, page_kind, parse_feed, parse_listing
from tui_reader.model import Digest
from tui_reader.parse import NotADigest, item_id_from_url, read_digest
from tui_reader.parse.dates import is_date_line, parse_site_date
from tui_reader.webtext import safe

CATASTROPHE_SECONDS = 10.0
"""Only a blow-up (minutes of backtracking) fails here; how fast parsing is, benchmarks/hostile.py
measures."""

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed"
"""The real digest beside the repository, when there (fixtures/text/day-993-seed.txt is a copy)."""


def _files(*folders: Path) -> list[bytes]:
    return [path.read_bytes() for folder in folders for path in sorted(folder.glob("*"))]


with K2Site(digests=30, first_day=300) as _site:
    LISTINGS = [listing_html(_site, "ns-news", start).encode() for start in (0, 14)]
    FEEDS = [feed_xml(_site, "ns-news", kind, 20).encode() for kind in ("rss", "atom")]
    ITEM_PAGES = [
        item_html(story, _site.item_url(story)).encode() for story in _site.newest_first()[:6]
    ]
DIGESTS = _files(FIXTURES / "text", FIXTURES / "html", FIXTURES / "bad") + ITEM_PAGES
if SEED.is_dir():
    DIGESTS += _files(SEED)
LISTINGS += [(FIXTURES / "bad/listing.html").read_bytes()]

HOSTILE_PIECES = [
    b"\x1b[2J\x1b[H",
    b"\x1b]52;c;aG9zdGlsZQ==\x07",
    b"\x1b]8;;http://evil.invalid\x1b\\link\x1b]8;;\x1b\\",
    "\u202e\u2066\u200b\u2060\u200d\ufeff\u00ad".encode(),
    "\U0001f468\u200d\U0001f469\u200d\U0001f467 基辅 ".encode(),
    b"\x00",
    b"\x9b2J",
    b"\xff\xfe",
    b"\r\n\r\n",
    b"<div>" * 700,
    b"<b><i>" * 400,
    b"</p></div></body></html>",
    b"<p>&nbsp;</p>",
    b"<!--",
    b"<script>",
    b"<![CDATA[",
    b"&#x202e;&#0;&#xd800;",
    b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
    b"&a;",
    b'<?xml version="1.0" encoding="bogus"?>',
    b"[bold red]x[/] [link=http://e.invalid]y[/link]",
    b"\nWESTERN PERSPECTIVE\n",
    b"\nRUSSIAN PERSPECTIVE\n",
    b"\nWhat to know after Day 1234 of Russia-Ukraine war\n",
    b"\nWhat to know after Day 99999 of Russia-Ukraine war\n",
    b"\nWednesday, 31 February 2024 25:61\n",
    b"\n(12 votes)\n",
    b"\n* bullet\nENERGY\n",
    b"\nReuters/RT\n",
    b"\nNEWSSCROLL TEAM: x\n",
    b'<meta charset="idna">',
    b'<meta charset="utf-16">',
    b'<link rel="canonical" href="http://[::1/item/5-x">',
    b'<a href="http://[::1/index.php/ns-news/item/7-what-to-know">x</a>',
    b'<div class="itemListView">',
    b'<div id="k2Container" class="itemView"><h2 class="itemTitle">',
    b'<li class="itemCurrentRating" style="width: 1e999%">',
    b"w" * 10_000,
]


@st.composite
def mutated(draw: st.DrawFn, samples: list[bytes]) -> bytes:
    """One of `samples` with a few cuts, copies, flips and hostile pieces put in."""
    data = bytearray(draw(st.sampled_from(samples)))
    for _ in range(draw(st.integers(1, 6))):
        start = draw(st.integers(0, len(data)))
        end = draw(st.integers(start, min(len(data), start + 600)))
        action = draw(st.sampled_from(["cut", "copy", "insert", "hostile", "flip", "truncate"]))
        if action == "cut":
            del data[start:end]
        elif action == "copy":
            data[end:end] = data[start:end] * draw(st.integers(1, 4))
        elif action == "insert":
            data[start:start] = draw(st.binary(max_size=64))
        elif action == "hostile":
            data[start:start] = draw(st.sampled_from(HOSTILE_PIECES))
        elif action == "flip" and start < len(data):
            data[start] = draw(st.integers(0, 255))
        elif action == "truncate":
            del data[start:]
    return bytes(data)


@contextmanager
def in_bounded_time() -> Iterator[None]:
    started = time.perf_counter()
    yield
    assert time.perf_counter() - started < CATASTROPHE_SECONDS


def texts_of(digest: Digest) -> Iterator[str]:
    yield digest.title
    if digest.attribution:
        yield digest.attribution
    for story in digest.perspectives:
        yield story.side
        yield story.headline
        yield from story.paragraphs
    for section in digest.sections:
        if section.heading:
            yield section.heading
        yield from section.paragraphs


def digest_or_refusal(data: bytes) -> None:
    """The property every input must have."""
    with in_bounded_time():
        try:
            digest, raw = read_digest(data, "fuzzed input")
        except NotADigest as error:
            message = str(error)
            assert message
            assert "\n" not in message
            return
    assert raw.content == data
    assert digest_from_dict(digest_to_dict(digest)) == digest
    for text in texts_of(digest):
        assert text == safe(text), repr(text)
        assert text == text.strip()
        assert text


def listing_or_refusal(parse: Callable[[bytes, str], Listing], data: bytes) -> None:
    with in_bounded_time():
        try:
            listing = parse(
                data, "http://127.0.0.1:8000/index.php/ns-news/itemlist/category/35-wars"
            )
        except ValueError as error:
            reason = str(error)
            assert reason
            return
    site = Site(("http://127.0.0.1:8000/",))
    for item in listing.items:
        assert isinstance(item.item_id, int)
        assert item.url.startswith(("http://", "https://"))
        site.owns(item.url)
        page_kind(item.url)
    if listing.next_url is not None:
        page_kind(listing.next_url)


@given(st.binary(max_size=8192))
def test_any_bytes(data: bytes):
    digest_or_refusal(data)


@given(st.text(max_size=4096))
def test_any_text_as_a_paste_and_as_a_page(text: str):
    digest_or_refusal(text.encode("utf-8", errors="surrogatepass"))
    digest_or_refusal(f"<html><body><p>{text}</p></body></html>".encode(errors="surrogatepass"))


@given(mutated(DIGESTS))
def test_mutated_digests_pastes_and_pages(data: bytes):
    digest_or_refusal(data)


_PARAGRAPH = st.one_of(
    st.text(min_size=1, max_size=200),
    st.sampled_from([piece.decode("utf-8", "replace") for piece in HOSTILE_PIECES]),
    st.sampled_from(["WESTERN PERSPECTIVE", "RUSSIAN PERSPECTIVE", "&nbsp;", "ENERGY", "* x"]),
)


@given(
    title=st.one_of(
        st.text(max_size=80), st.just("What to know after Day 1000 of Russia-Ukraine war")
    ),
    paragraphs=st.lists(_PARAGRAPH, max_size=20),
    published=st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
    votes=st.lists(st.integers(-5, 10), max_size=4),
    item_id=st.integers(0, 10**12),
)
def test_k2_item_pages_with_any_content(
    title: str, paragraphs: list[str], published: datetime, votes: list[int], item_id: int
):
    story = Story(item_id, title, published, body="", intro="", day=1000, votes=votes)
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    canonical = f"http://127.0.0.1/index.php/ns-news/item/{item_id}-x"
    digest_or_refusal(item_html(story, canonical, body).encode(errors="surrogatepass"))


@given(mutated(LISTINGS))
def test_mutated_listing_pages(data: bytes):
    listing_or_refusal(parse_listing, data)


@given(st.one_of(mutated(FEEDS), st.binary(max_size=2048)))
def test_mutated_feeds(data: bytes):
    listing_or_refusal(parse_feed, data)


_DATE_LIKE = st.from_regex(
    r"((Mon|Wednes|Satur)day,? )?\d{1,3} (February|may|DECEMBER),? \d{1,6}( \d{1,3}:\d{2,3})?",
    fullmatch=True,
)


@given(st.one_of(_DATE_LIKE, st.text(max_size=200)))
def test_dates(text: str):
    with in_bounded_time():
        when = parse_site_date(text)
        assert when is None or isinstance(when, datetime)
        assert isinstance(is_date_line(text), bool)


@given(st.one_of(st.text(max_size=300), st.from_regex(r"https?://\[?[\w:.\[\]]*/item/\d+-x")))
def test_addresses(url: str):
    results: list[Any] = [item_id_from_url(url), page_kind(url), Site((url,)).owns(url)]
    assert results[0] is None or results[0] >= 0

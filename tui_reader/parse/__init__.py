"""One pipeline for every input: text or HTML -> blocks -> Digest."""

from __future__ import annotations

import re

from tui_reader.model import Digest, RawPage
from tui_reader.parse.blocks import NotADigest, PageFacts, text_blocks
from tui_reader.parse.digest import TITLE, build_digest
from tui_reader.parse.html import html_blocks, item_id_from_url, looks_like_html

__all__ = [
    "NotADigest",
    "TITLE",
    "is_digest_title",
    "item_id_from_url",
    "read_digest",
    "reread",
    "unreadable",
]

_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)


def is_digest_title(title: str) -> bool:
    """True for `What to know after Day N of Russia-Ukraine war` (any spacing or dash)."""
    return bool(TITLE.search(title))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if match := _CHARSET.search(data[:4096]):
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace")
        except (LookupError, UnicodeError):  # no such encoding, or one that cannot replace
            pass
    return data.decode("cp1252", errors="replace")


def read_digest(data: bytes, origin: str, url: str | None = None) -> tuple[Digest, RawPage]:
    """Parse one input (`origin` names it in errors); returns the digest and its raw original."""
    if b"\x00" in data[:8192]:
        raise NotADigest("it is binary data, not text or HTML")
    text = _decode(data)
    if not text.strip():
        raise NotADigest("it is empty")
    if looks_like_html(text):
        blocks, facts = html_blocks(text)
        page_format = "html"
    else:
        blocks, facts = text_blocks(text), PageFacts()
        page_format = "text"
    if url and not facts.url:
        facts = PageFacts(
            title=facts.title,
            published=facts.published,
            url=url,
            item_id=facts.item_id or item_id_from_url(url),
            votes_count=facts.votes_count,
            votes_average=facts.votes_average,
        )
    digest = build_digest(blocks, facts)
    return digest, RawPage(data, page_format, origin)


def reread(raw: RawPage) -> Digest:
    """Parse a stored original again (for `warday reparse`)."""
    url = raw.origin if raw.origin and raw.origin.startswith(("http://", "https://")) else None
    return read_digest(raw.content, raw.origin or "stored page", url)[0]


def unreadable(error: Exception) -> str:
    """The reason given for an input that made the parser itself fail (a fault in warday)."""
    return (
        f"warday could not read it ({type(error).__name__}); nothing of it was stored."
        " Please report this input"
    )

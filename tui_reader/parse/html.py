"""HTML -> blocks and page facts: K2 item pages by their markup, any other page by its text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui_reader.parse.blocks import SEPARATOR, NotADigest, PageFacts, clean, safe_lines
from tui_reader.parse.dates import parse_site_date

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_SKIPPED_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "svg",
        "iframe",
        "button",
        "select",
        "textarea",
        "object",
        "-comment",
    ]
)
_BREAK = "\n"
_SEPARATOR_MARK = f"{_BREAK}\x00{_BREAK}"
"""Stands for a whitespace-only paragraph between the lines of a page's text."""
_HTML_OPENS = re.compile("<html", re.IGNORECASE)
_HTML_CLOSES = re.compile("</html>", re.IGNORECASE)
_VISIBLE = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\u200b-\u200d\u2028\u2029\ufeff]")
_ITEM_PATH = re.compile(r"/item/(\d+)(?:[-/]|$)")
_WIDTH = re.compile(r"width\s*:\s*([\d.]+)\s*%")
_VOTES = re.compile(r"\(\s*(\d+)\s+votes?\s*\)", re.IGNORECASE)
_RATING_ID = re.compile(r"(?:itemCurrentRating|itemRatingLog)(\d+)$")


def _segments(node: LexborNode, out: list[str]) -> None:
    """Text of `node` with a break at every block boundary; whitespace-only <p> -> separator."""
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            out.append((child.text(deep=False) or "").replace("\n", " "))
        elif tag in _SKIPPED_TAGS:
            continue
        elif tag == "br":
            out.append(_BREAK)
        elif tag in _BLOCK_TAGS:
            inner: list[str] = []
            _segments(child, inner)
            text = "".join(inner)
            if tag == "p" and _blank(text):
                out.append(_SEPARATOR_MARK)
                continue
            if tag == "li" and not text.lstrip().startswith(("*", "•")):
                text = "* " + text
            out.extend((_BREAK, text, _BREAK))
        else:
            _segments(child, out)


def _blank(text: str) -> bool:
    """True when `text` shows nothing: only spaces, control characters or escape sequences."""
    if "\x1b" in text:
        return not clean(text)
    return _VISIBLE.search(text) is None


def node_blocks(node: LexborNode) -> list[str]:
    """The cleaned text blocks of an HTML element, separators kept."""
    parts: list[str] = []
    _segments(node, parts)
    blocks: list[str] = []
    for index, between in enumerate("".join(parts).split(_SEPARATOR_MARK)):
        if index and blocks and blocks[-1] != SEPARATOR:
            blocks.append(SEPARATOR)
        blocks.extend(
            cleaned
            for line in safe_lines(between).split(_BREAK)
            if (cleaned := " ".join(line.split()))
        )
    return blocks


def looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html", "<!--", "<head", "<body", "<meta")) or bool(
        re.search(r"<(html|body|div|p)[\s>]", head)
    )


def html_blocks(html: str) -> tuple[list[str], PageFacts]:
    """Blocks and facts of an HTML page; K2 markup is read directly, anything else as text."""
    if _HTML_OPENS.search(html, 0, 20000) and not _HTML_CLOSES.search(html):
        raise NotADigest(
            "the page is cut short (it has no closing </html>); save or download it again"
        )
    tree = LexborHTMLParser(html)
    if tree.css_first(".itemListView") or len(tree.css(".catItemView")) > 1:
        raise NotADigest(
            "it is a category listing, not one digest; use `warday fetch URL` for listings"
        )
    url = _page_url(tree, html)
    item = tree.css_first("#k2Container.itemView") or tree.css_first(".itemView")
    if item is None:
        body = tree.body or tree.root
        title_node = tree.css_first("title")
        facts = PageFacts(
            title=clean(title_node.text()) if title_node else None,
            url=url,
            item_id=item_id_from_url(url),
        )
        return (node_blocks(body) if body else []), facts
    return _k2_blocks(item, url)


def _k2_blocks(item: LexborNode, url: str | None) -> tuple[list[str], PageFacts]:
    title_node = item.css_first(".itemTitle")
    if title_node is not None:
        for extra in title_node.css("sup, .itemEditLink, a.modal, span.itemFeaturedTitle"):
            extra.decompose()
    date_node = item.css_first(".itemDateCreated")
    count = average = None
    item_id = item_id_from_url(url)
    if log := item.css_first(".itemRatingLog"):
        if match := _VOTES.search(log.text()):
            count = int(match.group(1))
        item_id = item_id or _id_from_attribute(log)
    if current := item.css_first(".itemCurrentRating"):
        if match := _WIDTH.search(current.attributes.get("style") or ""):
            average = round(float(match.group(1)) / 20, 2)
        item_id = item_id or _id_from_attribute(current)
    parts = [
        node
        for node in (item.css_first(".itemIntroText"), item.css_first(".itemFullText"))
        if node is not None
    ]
    if not parts and (body := item.css_first(".itemBody")):
        parts = [body]
    blocks = [block for part in parts for block in node_blocks(part)]
    facts = PageFacts(
        title=clean(title_node.text()) if title_node else None,
        published=parse_site_date(date_node.text()) if date_node else None,
        url=url,
        item_id=item_id,
        votes_count=count,
        votes_average=0.0 if count == 0 else average,
    )
    return blocks, facts


def _page_url(tree: LexborHTMLParser, html: str) -> str | None:
    for selector, attribute in (
        ('link[rel="canonical"]', "href"),
        ('meta[property="og:url"]', "content"),
    ):
        node = tree.css_first(selector)
        if node is not None and (value := node.attributes.get(attribute)):
            return value.strip()
    if match := re.search(r"<!-- saved from url=\(\d+\)(\S+?) -->", html[:2000]):
        return match.group(1)
    return None


def item_id_from_url(url: str | None) -> int | None:
    """K2's item id in an item URL (`.../item/36903-what-to-know...`), else None."""
    match = _ITEM_PATH.search(urlsplit(url or "").path)
    return int(match.group(1)) if match else None


def _id_from_attribute(node: LexborNode) -> int | None:
    match = _RATING_ID.search(node.attributes.get("id") or "")
    return int(match.group(1)) if match else None

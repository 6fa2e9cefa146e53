"""HTML -> blocks and page facts: K2 item pages by their markup, any other page by its text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui_reader.parse.blocks import SEPARATOR, NotADigest, PageFacts, clean, clean_lines
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
_SEPARATOR_MARK = "\x00"
"""A line standing for a whitespace-only <p> (cleaning removes the character itself)."""
_ITEM_PATH = re.compile(r"/item/(\d+)(?:[-/]|$)")
_WIDTH = re.compile(r"width\s*:\s*([\d.]+)\s*%")
_VOTES = re.compile(r"\(\s*(\d+)\s+votes?\s*\)", re.IGNORECASE)
_RATING_ID = re.compile(r"(?:itemCurrentRating|itemRatingLog)(\d+)$")

MAX_TAGS = 100_000
"""More tags than this is no digest page (a real one has a few thousand)."""
MAX_DEPTH = 512
"""Elements open at once beyond this is no digest page either (browsers stop nesting here)."""
_TAG = re.compile(r"<(?:(/?)([A-Za-z][A-Za-z0-9-]*)|!--)")
_RAW_TEXT = {
    name: re.compile(f"</{name}", re.IGNORECASE)
    for name in ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes")
}
_VOID = frozenset(
    [
        "area",
        "base",
        "basefont",
        "bgsound",
        "br",
        "col",
        "embed",
        "frame",
        "hr",
        "image",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
"""Elements that never hold others."""
_CLOSES_ITSELF = frozenset(
    [
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "rb",
        "rt",
        "rp",
    ]
)
"""Elements that a new one of the same name closes (`<p>a<p>b` is two paragraphs)."""


def parse_html(html: str) -> LexborHTMLParser:
    """The page's tree; NotADigest for markup so large or deep that parsing it would take minutes.

    An HTML parser checks the open elements at many tags, so a page nesting a million elements
    costs it a million squared steps. Bounding the tags and the nesting keeps a page of 5 MB
    (`max_page_mb`) within about a second.
    """
    if html.count("<") > MAX_DEPTH:  # fewer could neither nest too deep nor be too many
        tags, depth = _shape(html)
        if tags > MAX_TAGS:
            raise NotADigest(
                f"it has more than {MAX_TAGS:,} HTML tags, far more than any digest page"
                " (they have a few thousand)"
            )
        if depth > MAX_DEPTH:
            raise NotADigest(
                f"its HTML nests elements more than {MAX_DEPTH} deep, which no digest page does"
            )
    return LexborHTMLParser(html)


def _shape(html: str) -> tuple[int, int]:
    """How many tags the page has and how many elements are open at once at most (close
    estimates; the count stops past MAX_TAGS or MAX_DEPTH). Scripts and comments are skipped."""
    stack: list[str] = []
    open_count: dict[str, int] = {}
    tags = deepest = position = 0

    def close(name: str) -> None:
        while stack:
            top = stack.pop()
            open_count[top] -= 1
            if top == name:
                return

    while (match := _TAG.search(html, position)) and tags <= MAX_TAGS and deepest <= MAX_DEPTH:
        position = match.end()
        tags += 1
        slash, name = match.groups()
        if name is None:  # a comment
            end = html.find("-->", position)
            position = len(html) if end < 0 else end + 3
            continue
        name = name.lower()
        if slash:
            if open_count.get(name):
                close(name)
        elif name in _RAW_TEXT:
            end_match = _RAW_TEXT[name].search(html, position)
            position = end_match.start() if end_match else len(html)
        elif name not in _VOID:
            if name in _CLOSES_ITSELF and open_count.get(name):
                close(name)
            stack.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            deepest = max(deepest, len(stack))
    return tags, deepest


def _segments(root: LexborNode) -> list[str]:
    """Text of `root` with a break at every block boundary; a whitespace-only <p> becomes a
    separator mark. Walks the tree with a stack of its own, so no nesting can overflow Python's."""
    out: list[str] = []
    frames: list[tuple[Iterator[LexborNode], list[str], str | None]] = [
        (root.iter(include_text=True), out, None)
    ]
    while frames:
        children, parts, block_tag = frames[-1]
        child = next(children, None)
        if child is None:
            frames.pop()
            if block_tag is not None:
                _close_block(block_tag, "".join(parts), frames[-1][1])
            continue
        tag = child.tag
        if tag == "-text":
            parts.append((child.text(deep=False) or "").replace("\n", " "))
        elif tag in _SKIPPED_TAGS:
            continue
        elif tag == "br":
            parts.append(_BREAK)
        elif tag in _BLOCK_TAGS:
            frames.append((child.iter(include_text=True), [], tag))
        else:
            frames.append((child.iter(include_text=True), parts, None))
    return out


def _close_block(tag: str, text: str, out: list[str]) -> None:
    if tag == "p" and _blank(text):
        out.append(f"{_BREAK}{_SEPARATOR_MARK}{_BREAK}")
        return
    if tag == "li" and not text.lstrip().startswith(("*", "•")):
        text = "* " + text
    out.extend((_BREAK, text, _BREAK))


def _blank(text: str) -> bool:
    """True when nothing of `text` would be shown (spaces, `&nbsp;`, invisible characters)."""
    text = text.strip()
    if not text:
        return True
    return not (text.isascii() and text.isprintable()) and not clean(text)


def node_blocks(node: LexborNode) -> list[str]:
    """The cleaned text blocks of an HTML element, separators kept."""
    lines = "".join(_segments(node)).split(_BREAK)
    blocks: list[str] = []
    for line, cleaned in zip(lines, clean_lines(_BREAK.join(lines)), strict=True):
        if line == _SEPARATOR_MARK:
            if blocks and blocks[-1] != SEPARATOR:
                blocks.append(SEPARATOR)
        elif cleaned.strip(" "):
            blocks.append(cleaned)
    return blocks


def looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html", "<!--", "<head", "<body", "<meta")) or bool(
        re.search(r"<(html|body|div|p)[\s>]", head)
    )


def html_blocks(html: str) -> tuple[list[str], PageFacts]:
    """Blocks and facts of an HTML page; K2 markup is read directly, anything else as text."""
    lower = html.lower()
    if "<html" in lower[:20000] and "</html>" not in lower:
        raise NotADigest(
            "the page is cut short (it has no closing </html>); save or download it again"
        )
    tree = parse_html(html)
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
    try:
        path = urlsplit(url or "").path
    except ValueError:  # a malformed address has no item id
        return None
    match = _ITEM_PATH.search(path)
    return int(match.group(1)) if match else None


def _id_from_attribute(node: LexborNode) -> int | None:
    match = _RATING_ID.search(node.attributes.get("id") or "")
    return int(match.group(1)) if match else None

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
_HTML_OPENS = re.compile("<html", re.IGNORECASE)
_HTML_CLOSES = re.compile("</html>", re.IGNORECASE)
_ITEM_PATH = re.compile(r"/item/(\d+)(?:[-/]|$)")
_WIDTH = re.compile(r"width\s*:\s*([\d.]+)\s*%")
_VOTES = re.compile(r"\(\s*(\d+)\s+votes?\s*\)", re.IGNORECASE)
_RATING_ID = re.compile(r"(?:itemCurrentRating|itemRatingLog)(\d+)$")

MAX_TAGS = 100_000
"""More tags than this is no digest page (a real one has a few thousand)."""
MAX_DEPTH = 512
"""Elements open at once beyond this is no digest page either (browsers stop nesting here)."""
MAX_COPIES = 50_000
"""Formatting elements the parser may copy (a `<b>` left open is copied into every paragraph
after it; a page leaving thousands open would make millions of copies)."""
MAX_OPTIONS = 2_000
"""`<option>` elements (the parser's work grows with the square of their number)."""
MAX_ATTRIBUTES = 1_000
"""Attributes of one tag (the same)."""
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
_CELLS = frozenset({"td", "th"})
_ROWS = frozenset({"tr", "td", "th"})
_SECTIONS = frozenset({"thead", "tbody", "tfoot"})
_IMPLIED_END: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "td": (_CELLS, frozenset({"tr", "table"})),
    "th": (_CELLS, frozenset({"tr", "table"})),
    "tr": (_ROWS, _SECTIONS | {"table"}),
    "thead": (_SECTIONS | _ROWS, frozenset({"table"})),
    "tbody": (_SECTIONS | _ROWS, frozenset({"table"})),
    "tfoot": (_SECTIONS | _ROWS, frozenset({"table"})),
    "option": (frozenset({"option"}), frozenset({"select", "datalist", "optgroup"})),
    "optgroup": (frozenset({"optgroup", "option"}), frozenset({"select", "datalist"})),
}
"""Start tags that close an open element of their kind (a new `<li>` ends the item before it, a
new `<tr>` the row and cell): the names closed, and the names the search stops at."""
_FORMATTING = frozenset(
    [
        "a",
        "b",
        "big",
        "code",
        "em",
        "font",
        "i",
        "nobr",
        "s",
        "small",
        "strike",
        "strong",
        "tt",
        "u",
    ]
)
"""Elements the parser reopens after a block that closed them (the active formatting list)."""
_IMPLIED_REACH = 8
"""How far down the open elements a start tag looks for one it closes (enough for the inline
elements a page leaves open; bounded, so the estimate stays linear)."""


def parse_html(html: str) -> LexborHTMLParser:
    """The page's tree; NotADigest for markup that would take the parser minutes or gigabytes.

    An HTML parser's work grows with the square of some shapes of markup (deep nesting,
    formatting tags left open, thousands of options or attributes). Bounding them keeps a page of
    5 MB (`max_page_mb`) within about a second and a little memory.
    """
    near_a_bound = html.count("<") > MAX_DEPTH or html.count("=") > MAX_ATTRIBUTES
    if near_a_bound and (reason := _costly(html)):
        raise NotADigest(reason)
    return LexborHTMLParser(html)


def _costly(html: str) -> str | None:
    """Why parsing `html` would be too costly, or None. Follows the parser closely enough to
    estimate: the open elements, the formatting elements it would reopen, and counts."""
    stack: list[tuple[str, str]] = []
    """The open elements: name and attributes."""
    open_count: dict[str, int] = {}
    reopened: dict[str, dict[str, int]] = {}
    """Formatting elements a block closed, by name and attributes (at most three alike, as the
    parser keeps), which the parser copies back in at the next text or tag."""
    tags = copies = options = position = 0

    def close(name: str) -> None:
        while stack:
            top, attributes = stack.pop()
            open_count[top] -= 1
            if top == name:
                return
            if top in _FORMATTING:
                alike = reopened.setdefault(top, {})
                alike[attributes] = min(3, alike.get(attributes, 0) + 1)

    def push(name: str, attributes: str) -> None:
        stack.append((name, attributes))
        open_count[name] = open_count.get(name, 0) + 1

    def reopen() -> int:
        count = 0
        for again, alike in reopened.items():
            for attributes, times in alike.items():
                for _ in range(times):
                    push(again, attributes)
                count += times
        reopened.clear()
        return count

    while match := _TAG.search(html, position):
        position = match.end()
        tags += 1
        slash, name = match.groups()
        if name is None:  # a comment
            end = html.find("-->", position)
            position = len(html) if end < 0 else end + 3
            continue
        name = name.lower()
        following = html.find("<", position)  # the tag ends before the next one starts
        until = following if following >= 0 else len(html)
        closing = html.find(">", position, until)
        attributes = html[position : closing if closing >= 0 else until]
        if attributes.count("=") > MAX_ATTRIBUTES:
            return (
                f"a tag in it has more than {MAX_ATTRIBUTES:,} attributes, which no digest page has"
            )
        if slash:
            if open_count.get(name):
                close(name)
            elif alike := reopened.get(name):
                last = next(reversed(alike))
                alike[last] -= 1
                if not alike[last]:
                    del alike[last]
        elif name in _RAW_TEXT:
            end_match = _RAW_TEXT[name].search(html, position)
            position = end_match.start() if end_match else len(html)
        elif name not in _VOID:
            if name in ("p", "a", "nobr") and open_count.get(name):
                close(name)  # a new paragraph (or link) ends the one still open
            elif name in _IMPLIED_END:
                closes, stops = _IMPLIED_END[name]
                found = None
                for index in range(len(stack) - 1, max(-1, len(stack) - 1 - _IMPLIED_REACH), -1):
                    if stack[index][0] in stops:
                        break
                    if stack[index][0] in closes:
                        found = stack[index][0]
                if found is not None:
                    close(found)
            if name in ("a", "nobr"):  # a new one ends the one left open
                reopened.pop(name, None)
            if name in _BLOCK_TAGS:  # the text inside a block reopens them inside it
                push(name, attributes)
                copies += reopen()
            else:  # an inline element is opened inside them
                copies += reopen()
                push(name, attributes)
            options += name == "option"
        if tags > MAX_TAGS:
            return f"it has more than {MAX_TAGS:,} HTML tags; a digest page has a few thousand"
        if len(stack) > MAX_DEPTH:
            return f"its HTML nests elements more than {MAX_DEPTH} deep, which no digest page does"
        if copies > MAX_COPIES:
            return (
                "its HTML leaves formatting tags open across so many paragraphs that reading it"
                f" would copy them over {MAX_COPIES:,} times, which no digest page does"
            )
        if options > MAX_OPTIONS:
            return f"it has more than {MAX_OPTIONS:,} <option> elements, which no digest page has"
    return None


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
    # The marks are left out of the text cleaned: with no control character in it, cleaning
    # a page takes its quickest path.
    unmarked = _BREAK.join("" if line == _SEPARATOR_MARK else line for line in lines)
    for line, cleaned in zip(lines, clean_lines(unmarked), strict=True):
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
    if _HTML_OPENS.search(html, 0, 20000) and not _HTML_CLOSES.search(html):
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

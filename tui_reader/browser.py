"""Links to the site: which page a day has, and whether a browser can show it from here."""

from __future__ import annotations

import os
import sys
from urllib.parse import urlsplit

from tui_reader.model import Digest

SITE_ITEM_URL = "https://newsscrollngr.com/index.php/ns-news/item/{item_id}"
"""A K2 item page by its id alone (the site finds the item by the number before the title)."""


def web_link(url: str | None) -> str | None:
    """`url` if it is an http(s) address; links read from pages are data, nothing else opens."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    if any(character.isspace() or ord(character) < 32 for character in url.strip()):
        return None
    return url.strip()


def page_url(digest: Digest) -> str | None:
    """The day's page on the site: the address it was read from, else one made of its item id."""
    if link := web_link(digest.url):
        return link
    if digest.item_id is not None:
        return SITE_ITEM_URL.format(item_id=digest.item_id)
    return None


def browser_here() -> bool:
    """Whether a web browser can be started from this terminal without taking it over.

    `BROWSER` is the user's own choice. Over SSH without a forwarded display, or on a Linux
    console, a browser would open on another screen or in this very terminal: say so instead.
    """
    if os.environ.get("BROWSER"):
        return True
    display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if os.environ.get("SSH_CONNECTION") and not display:
        return False
    if sys.platform in {"darwin", "win32"}:
        return True
    if not display:
        return False
    import webbrowser

    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True

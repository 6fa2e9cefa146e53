"""Text from the web made safe to show: one policy for escapes, controls and invisible characters.

A page's text is cleaned with `safe` when it is parsed, and again whenever it is shown (the reader,
`warday show`, `warday list`, search snippets, messages that quote a server or a file name), so
even text stored by an older warday cannot drive the terminal. What each kind of character gets:

- **Terminal escape sequences** (CSI such as clear screen and cursor moves; OSC such as window
  titles, OSC 52 clipboard writes and OSC 8 links; DCS, APC, PM and SOS strings; in their 7-bit
  and 8-bit forms) are removed whole, with their payload.
- **Other control characters** (C0, DEL, C1) are removed; tab, form feed, carriage return and the
  Unicode line and paragraph separators become spaces. Newlines are kept by `safe` (a caller that
  wants one line uses `safe_line`).
- **Bidirectional controls** (embeddings, overrides such as U+202E, isolates, and the LRM, RLM
  and ALM marks) are removed: the text is shown in the order it was written, and cannot reorder
  what follows it.
- **Joiners**: the zero-width joiner stays inside emoji sequences (a family emoji stays one
  picture) and between letters of scripts that join (Arabic, Syriac, Indic, Mongolian); the
  zero-width non-joiner stays between such letters. Anywhere else both are removed.
- **Variation selectors** stay after the character they choose a form of (the first of a run);
  **tag characters** stay only in emoji tag sequences (the flags of England, Scotland, Wales).
- **Every other invisible character** (Unicode's default-ignorable code points: zero-width space,
  word joiner U+2060, soft hyphen, invisible operators, byte order mark, Hangul fillers, ...; and
  the interlinear annotation marks) and lone surrogates are removed. Format characters that are
  drawn (the Arabic number signs, Egyptian hieroglyph controls) stay.

Everything else, markup-like text (`[bold red]`, `<b>`) included, is kept as it is: it is shown
through `rich.text.Text`, never read as markup. Cleaning twice changes nothing.
"""

from __future__ import annotations

import re
from functools import cache

_ESCAPE_SEQUENCE = (
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI (cursor moves, clear screen, colours)
    r"|(?:\x1b[]P^_X]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS...
    r"|\x1b[ -/]*[0-~]"  # any other escape (charset selection, keypad modes, reset)
)
_EMOJI = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u23cf"
    "\u23e9-\u23f3\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u27bf"
    "\u2934\u2935\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299"
    "\U0001f000-\U0001faff"
)
"""Pictographic characters that emoji ZWJ sequences are made of."""
_EMOJI_END = _EMOJI + "\ufe0f\U0001f3fb-\U0001f3ff"
"""What can end an emoji element before a joiner: the emoji, its presentation selector, a skin
tone."""
_JOINING = "\u0600-\u08ff\u0900-\u0dff\u1800-\u18af\ufb50-\ufdff\ufe70-\ufefc"
"""Letters of scripts in which the joiners change how letters connect."""
_SELECTORS = "\ufe00-\ufe0f\U000e0100-\U000e01ef"
_IGNORABLE = (
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u2060-\u2065\u206a-\u206f\u3164"
    "\ufeff\uffa0\ufff0-\ufffb\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
)
"""Default-ignorable code points other than joiners, bidi controls, selectors and tags, and the
interlinear annotation marks (which hide text as an annotation)."""
_TAGS = "\U000e0000-\U000e00ff\U000e01f0-\U000e0fff"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = "\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x84\x86-\x8f\x91-\x97\x99\x9a\x9c\ud800-\udfff"
"""Control characters (and lone surrogates) that do not start an escape sequence."""
_INTRODUCER = "\x1b\x90\x98\x9b\x9d-\x9f"
"""Those that do: ESC, and the 8-bit DCS, SOS, CSI, OSC, PM and APC."""
_SPACE_LIKE = re.compile("[\t\x0b\x0c\r\x85\u2028\u2029]")


@cache
def _removed() -> re.Pattern[str]:
    """What `safe` removes (compiled when first needed: it takes 3 ms, and most text has
    nothing to remove)."""
    return re.compile(
        f"{_ESCAPE_SEQUENCE}|[{_INTRODUCER}]"
        f"|[{_CONTROL}{_BIDI}{_IGNORABLE}]+"
        f"|\u200d(?!(?<=[{_EMOJI_END}]\u200d)[{_EMOJI}]|(?<=[{_JOINING}]\u200d)[{_JOINING}])"
        f"|\u200c(?!(?<=[{_JOINING}]\u200c)[{_JOINING}])"
        f"|(?<=[{_SELECTORS}])[{_SELECTORS}]+"
    )


_STRAY_TAGS = re.compile(f"(\U0001f3f4[\U000e0020-\U000e007e]{{1,32}}\U000e007f)|[{_TAGS}]+")
"""Tag characters: a subdivision flag (group 1) is kept, any other is removed."""
_SUSPECT = re.compile(f"[{_INTRODUCER}{_CONTROL}{_BIDI}{_IGNORABLE}{_SELECTORS}\u200c\u200d]")
"""Any character `_removed()` may act on; text without one is returned as it is."""


@cache
def _not_plain() -> re.Pattern[str]:
    """What `escape_invisible` spells out in an export (compiled when first needed)."""
    return re.compile(
        f"[\t\x0b\x0c\r\x85\u2028\u2029{_INTRODUCER}{_CONTROL}{_BIDI}{_IGNORABLE}{_TAGS}]"
    )


def safe(text: str) -> str:
    """`text` as it may be shown: no escapes, controls, bidi controls or stray invisibles."""
    if text.isascii() and text.isprintable():
        return text
    text = _SPACE_LIKE.sub(" ", text)
    if _SUSPECT.search(text) is not None:
        text = _removed().sub("", text)
    if _past_plane_0(text) and _STRAY_TAGS.search(text):
        text = _STRAY_TAGS.sub(r"\1", text)
    return text


def _past_plane_0(text: str) -> bool:
    """Whether `text` has a character past U+FFFF, as tag characters are (UTF-16 needs two
    units for each): a test far quicker than looking for them."""
    return len(text.encode("utf-16-le", "surrogatepass")) > 2 * len(text)


def safe_line(text: str) -> str:
    """`safe`, with line breaks turned into spaces: for text shown on one line."""
    return safe(text).replace("\n", " ")


def escape_invisible(text: str, spell: str = "\\u{:04x}") -> str:
    """`text` with every control, bidi and invisible character spelled out with `spell`.

    Exports use this so that a file holds the text exactly (a JSON `\\u202e` or an HTML entity
    reads back as the character) yet never carries a raw control to whoever prints it.
    """
    return _not_plain().sub(lambda match: _spell(match.group(0), spell), text)


def _spell(char: str, spell: str) -> str:
    code = ord(char)
    if code > 0xFFFF and spell.startswith("\\u"):  # JSON spells astral characters as a pair
        code -= 0x10000
        return spell.format(0xD800 + (code >> 10)) + spell.format(0xDC00 + (code & 0x3FF))
    return spell.format(code)

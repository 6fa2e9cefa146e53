"""The one policy for text from the web: what each kind of character becomes, and that it holds."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.webtext import escape_invisible, safe, safe_line

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 👨‍👩‍👧‍👦
CODER = "\U0001f469\U0001f3fd\u200d\U0001f4bb"  # 👩🏽‍💻: skin tone, then the joiner
RAINBOW_FLAG = "\U0001f3f3\ufe0f\u200d\U0001f308"  # 🏳️‍🌈: presentation selector, then the joiner
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
PERSIAN = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # می‌خواهم: the non-joiner is spelling
DEVANAGARI = "\u0915\u094d\u200d\u0937"  # क्‍ष: the joiner asks for a half form

TERMINAL_ESCAPES = {
    "clear screen": "\x1b[2J\x1b[H",
    "cursor move": "\x1b[10;20H",
    "colour": "\x1b[1;31m",
    "OSC 52 clipboard, BEL": "\x1b]52;c;aG9zdGlsZQ==\x07",
    "OSC 52 clipboard, ST": "\x1b]52;c;aG9zdGlsZQ==\x1b\\",
    "window title": "\x1b]0;owned\x07",
    "DCS": "\x1bPq#0;2;0;0;0#1~~@@vv@@~~\x1b\\",
    "APC": "\x1b_Gf=100;AAAA\x1b\\",
    "8-bit CSI": "\x9b2J",
    "8-bit OSC": "\x9d52;c;aG9zdGlsZQ==\x9c",
    "reset": "\x1bc",
    "charset": "\x1b(0",
}


@pytest.mark.parametrize("sequence", TERMINAL_ESCAPES.values(), ids=TERMINAL_ESCAPES.keys())
def test_terminal_escape_sequences_go_whole_with_their_payload(sequence: str):
    assert safe(f"before {sequence}after") == "before after"


def test_an_osc_8_link_keeps_its_text_and_loses_its_target():
    link = "\x1b]8;;https://evil.invalid/\x1b\\click here\x1b]8;;\x1b\\"
    assert safe(f"see {link}.") == "see click here."


def test_other_controls_go_and_spacing_controls_become_spaces():
    assert safe("a\x00b\x07c\x08d\x7fe\x85f\x84g") == "abcde fg"
    assert safe("tab\there\rcarriage\x0bvertical\x0cfeed\u2028line") == (
        "tab here carriage vertical feed line"
    )
    assert safe("two\nlines") == "two\nlines"
    assert safe_line("two\nlines") == "two lines"


def test_bidi_controls_are_neutralised_so_nothing_is_reordered():
    assert safe("invoice\u202efdp.exe") == "invoicefdp.exe"
    for control in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c":
        assert safe(f"a{control}b") == "ab", hex(ord(control))


def test_invisible_characters_are_removed():
    for invisible in "\u200b\u2060\u2061\u2063\u00ad\ufeff\u180e\u3164\u034f\U000e0041":
        assert safe(f"pass{invisible}word") == "password", hex(ord(invisible))


def test_joiners_stay_where_they_join_and_go_elsewhere():
    for kept in (FAMILY, CODER, RAINBOW_FLAG, PERSIAN, DEVANAGARI, ENGLAND):
        assert safe(f"a {kept} b") == f"a {kept} b"
    assert safe("zero\u200dwidth\u200cjoiners") == "zerowidthjoiners"
    assert safe("\u200d\U0001f468 \U0001f468\u200d") == "\U0001f468 \U0001f468"


def test_variation_selectors_stay_once_after_their_character():
    heart = "\u2764\ufe0f"
    assert safe(f"I {heart} Kyiv") == f"I {heart} Kyiv"
    assert safe("a\ufe0f\ufe0f\ufe0f\ufe0e") == "a\ufe0f"


def test_markup_wide_characters_and_long_words_are_left_alone():
    text = "[bold red]x[/] [link=https://e.invalid]y[/link] <b>z</b> 基辅 키이우 " + "w" * 10_000
    assert safe(text) == text


def test_exports_spell_out_what_cannot_be_printed_and_read_back_exactly():
    text = "a\u202eb\x1b[2Jc\u2060d\x9be" + ENGLAND[1:3] + FAMILY
    spelled = escape_invisible(json.dumps(text, ensure_ascii=False))
    assert json.loads(spelled) == text
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202e\u2060\U000e0000-\U000e0fff]", spelled)
    assert FAMILY in spelled
    assert escape_invisible("x\u202ey", "&#x{:x};") == "x&#x202e;y"


SHOWN_SAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]")
DRAWN_FORMAT_CHARACTERS = re.compile(
    "[\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd\U00013430-\U0001345f]"
)
"""Format characters that are drawn (number signs spanning digits, hieroglyph layout)."""


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_any_text_comes_out_safe_and_cleaning_again_changes_nothing(text: str):
    cleaned = safe(text)
    assert SHOWN_SAFE.search(cleaned) is None
    assert safe(cleaned) == cleaned
    for char in cleaned:
        if unicodedata.category(char) == "Cf":
            assert (
                char in "\u200c\u200d"
                or "\U000e0020" <= char <= "\U000e007f"
                or DRAWN_FORMAT_CHARACTERS.match(char)
            ), hex(ord(char))

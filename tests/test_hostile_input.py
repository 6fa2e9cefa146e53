"""Hostile input from files, pipes and stored days: refused in one plain line or shown as plain
text, and never stopping a run, freezing the reader or reaching the terminal as a control."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from conftest_app import make_app, perspectives_day, widget_text
from k2site import write_config
from markdown_it import MarkdownIt

from tui_reader.app.widgets.perspective_pane import PIECE_CHARACTERS
from tui_reader.model import HEADLINE_LENGTH, Perspective
from tui_reader.parse import NotADigest, read_digest
from tui_reader.parse.digest import MAX_DIGEST_CHARACTERS
from tui_reader.places import resolve_places
from tui_reader.store import Store

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
CONTROLS = ("\x1b", "\x07", "\x9b", "\x9d", "\u202e", "\u2060", "\u200b")
"""What must never be printed: ESC and BEL (every escape sequence starts or ends with them), the
8-bit CSI and OSC, a bidi override and two invisible characters."""


def hostile(fixtures: Path) -> Path:
    return fixtures / "hostile/day-995-hostile.txt"


def nested_page(depth: int, day: int = 1000) -> bytes:
    digest = (
        f"<p>What to know after Day {day} of Russia-Ukraine war</p><p>WESTERN PERSPECTIVE</p>"
        "<p>Kyiv reports fighting – governor</p><p>Forces held the line, he said.</p>"
    )
    return f"<html><body>{'<div>' * depth}{digest}{'</div>' * depth}</body></html>".encode()


def assert_no_controls(text: str) -> None:
    for control in CONTROLS:
        assert control not in text, f"{control!r} reached the output"


# -- parsing ---------------------------------------------------------------------------------


def test_the_hostile_digest_keeps_every_visible_character_and_loses_every_control(fixtures):
    digest, _ = read_digest(hostile(fixtures).read_bytes(), "hostile")
    western = digest.stories("western")[0]
    assert western.headline == f"Kyiv says [bold red]strike[/] hit depot {FAMILY} – governor"
    assert western.paragraphs[0] == (
        "Officials said the strike hit a fuel depot near Kyiv"
        " [link=https://evil.invalid]here[/link]."
    )
    assert western.paragraphs[1] == (
        "The file invoicefdp.exe arrived; password and zerowidth joiners were hidden in it."
    )
    assert western.paragraphs[2] == "Ukraine" + "x" * 9_993 + " is one word."
    assert "基辅 (키이우)" in western.paragraphs[3]
    assert "\U0001f469\U0001f3fd\u200d\U0001f4bb coders stayed at work." in western.paragraphs[3]
    assert digest.stories("russian")[0].headline == "MOD reports downed drones"


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_html_is_refused_in_one_sentence(depth: int):
    started = time.perf_counter()
    with pytest.raises(NotADigest, match=r"nests elements more than 512 deep|more than 100,000"):
        read_digest(nested_page(depth), "nested.html")
    assert time.perf_counter() - started < 10, "a blow-up, not a timing target"


COSTLY_MARKUP = {
    "formatting tags left open, each copied into every later paragraph": (
        "".join(f"<b id={n}><p>" for n in range(1_000)),
        "would copy them over 50,000 times",
    ),
    "thousands of options": ("<select>" + "<option>x" * 5_000, "more than 2,000 <option>"),
    "thousands of attributes on one tag": (
        "<p " + " ".join(f"a{n}=1" for n in range(5_000)) + ">",
        "more than 1,000 attributes",
    ),
    "lists nested in list items": ("<ul><li>" * 1_000, "nests elements more than 512 deep"),
}


@pytest.mark.parametrize(
    ("markup", "reason"), COSTLY_MARKUP.values(), ids=list(COSTLY_MARKUP.keys())
)
def test_markup_that_would_take_the_parser_minutes_is_refused(markup: str, reason: str):
    """Shapes whose parsing grows with the square of their size (or whose copies fill memory)."""
    started = time.perf_counter()
    with pytest.raises(NotADigest, match=re.escape(reason)):
        read_digest(f"<html><body>{markup}</body></html>".encode(), "costly.html")
    assert time.perf_counter() - started < 10, "a blow-up, not a timing target"


def test_sloppy_markup_of_a_real_page_is_still_read():
    """Tags left open the way careless pages leave them are no reason to refuse a page."""
    sloppy = "<p><b>Never closed. <a href=/x>a link</li><font color=red><i>more" * 2_000
    table = "<table>" + "<tr><td>a<td><b>b" * 2_000 + "</table>"
    page = nested_page(10).replace(b"<body>", f"<body>{sloppy}{table}".encode())
    assert read_digest(page, "sloppy.html")[0].day == 1000


def test_nesting_a_digest_page_keeps_stays_readable():
    digest, _ = read_digest(nested_page(400), "nested.html")
    assert digest.stories("western")[0].paragraphs == ("Forces held the line, he said.",)


def test_a_digest_far_longer_than_any_real_one_is_refused(fixtures):
    text = (
        hostile(fixtures)
        .read_text()
        .replace("Reuters/RT", ("More was said. " * 7_000) + "\n\nReuters/RT")
    )
    with pytest.raises(NotADigest, match=f"its text runs past {MAX_DIGEST_CHARACTERS:,} char"):
        read_digest(text.encode(), "giant.txt")


@pytest.mark.parametrize("charset", ["idna", "undefined", "punycode", "rot13"])
def test_a_page_naming_a_strange_charset_is_still_read(fixtures, charset: str):
    page = (fixtures / "html/k2-item-36903-day-993.html").read_bytes()
    page = page.replace(b'charset="utf-8"', f'charset="{charset}"'.encode()) + b"\xff"
    assert read_digest(page, "page.html")[0].day == 993


def test_a_malformed_canonical_address_is_ignored(fixtures):
    page = (fixtures / "html/k2-item-36903-day-993.html").read_text()
    page = page.replace("</title>", '</title><link rel="canonical" href="http://[::1/item/5-x">')
    assert "[::1" in page
    digest = read_digest(page.encode(), "page.html")[0]
    assert digest.day == 993
    assert digest.item_id == 36903


# -- import -----------------------------------------------------------------------------------


def test_a_bad_file_in_a_batch_is_one_skipped_line_and_the_rest_import(warday, fixtures, tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "1-seed.txt").write_bytes((fixtures / "text/day-993-seed.txt").read_bytes())
    (batch / "2-nested.html").write_bytes(nested_page(1_000, day=1000))
    (batch / "3-hostile.txt").write_bytes(hostile(fixtures).read_bytes())
    result = warday("import", str(batch), columns=400)
    assert result.code == 1
    lines = result.out.splitlines()
    assert "skipped" in lines[1]
    assert "2-nested.html" in lines[1]
    assert "nests elements more than 512 deep" in lines[1]
    assert lines[-1] == "2 added, 1 skipped"
    assert {row["day"] for row in json.loads(warday("list", "--json").out)} == {993, 995}


def test_dev_zero_is_refused_at_the_size_limit(warday):
    started = time.perf_counter()
    result = warday("import", "/dev/zero", columns=400)
    assert result.code == 1
    assert "/dev/zero: it is larger than 5 MB (max_page_mb), far more than a digest" in result.out
    assert time.perf_counter() - started < 20, "it stopped reading at the limit"


def test_an_endless_pipe_is_refused_at_the_configured_limit(home: Path):
    write_config(home, max_page_mb=1)
    endless = subprocess.Popen(["yes", "What to know"], stdout=subprocess.PIPE)
    result = subprocess.run(
        [sys.executable, "-m", "tui_reader", "import", "-"],
        stdin=endless.stdout,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    endless.kill()
    endless.wait()
    assert result.returncode == 1
    assert "standard input: it is larger than 1 MB (max_page_mb)" in result.stdout


# -- showing and exporting ----------------------------------------------------------------------


def store_raw(home: Path, digest) -> None:
    """Store `digest` as it is, as an older warday (which cleaned less) may have."""
    places = resolve_places(home)
    places.create()
    with Store(places.database) as store:
        store.save(digest)


UNCLEANED = replace(
    perspectives_day(1100),
    perspectives=(
        Perspective(
            "western",
            "Clear\x1b[2J\x1b[H the \u202escreen – x",
            ("Copy\x1b]52;c;aG9zdGlsZQ==\x07 this\x9b2J, [bold]literal[/bold]\u2060.",),
        ),
        Perspective("russian", "Title\x1b]0;owned\x07 set", ("Plain.",)),
    ),
)


def test_show_list_and_export_never_print_a_stored_control(home: Path, warday):
    store_raw(home, UNCLEANED)
    for result in (
        warday("show", "1100"),
        warday("show", "1100", columns=160, terminal=True),
        warday("list"),
        warday("list", "--json"),
        warday("export", "1100"),
        warday("export", "1100", "--format", "markdown"),
    ):
        assert result.code == 0
        assert "\x1b]" not in result.out
        assert "\x1b[2J" not in result.out
        assert "\x1b[H" not in result.out
        assert "\x07" not in result.out
    piped = warday("show", "1100").out
    assert_no_controls(piped)
    assert "Clear the screen – x" in piped
    assert "Copy this, [bold]literal[/bold]." in piped
    assert_no_controls(warday("list").out)
    exported = warday("export", "1100").out
    assert_no_controls(exported)
    assert json.loads(exported)["perspectives"][0]["headline"] == UNCLEANED.perspectives[0].headline


def test_markdown_export_renders_to_exactly_the_stored_text(warday, fixtures):
    warday("import", str(hostile(fixtures)))
    stored = json.loads(warday("export", "995").out)
    markdown = warday("export", "995", "--format", "markdown").out
    rendered = MarkdownIt("commonmark").render(markdown)
    western = stored["perspectives"][0]
    for text in (western["headline"], *western["paragraphs"]):
        assert f">{_html(text)}</" in rendered, text[:60]


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_long_headlines_are_cut_for_the_day_list(fixtures):
    text = hostile(fixtures).read_text().replace("MOD reports", "MOD reports " + "very " * 200)
    digest, _ = read_digest(text.encode(), "long.txt")
    assert len(digest.stories("russian")[0].headline) > 1_000
    assert len(digest.headlines()["russian"]) == HEADLINE_LENGTH
    assert digest.headlines()["russian"].endswith("…")


# -- the reader -------------------------------------------------------------------------------


async def test_the_reader_shows_hostile_text_literally(home: Path, fixtures):
    digest, _ = read_digest(hostile(fixtures).read_bytes(), "hostile")
    app = make_app(home, [digest, UNCLEANED], day=995)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        left = widget_text(app, app.screen.panes[0])
        assert "Kyiv says [bold red]strike[/] hit depot" in left
        assert FAMILY in left
        assert "[link=https://evil.invalid]here[/link]" in left
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.day == 1100
        shown = widget_text(app, app.screen.panes[0])
        assert "Clear the screen – x" in shown
        assert "Copy this, [bold]literal[/bold]." in shown
        for strip in app.screen._compositor.render_strips():
            assert_no_controls(strip.text)


def long_day(day: int, characters: int, paragraph: int) -> object:
    count = characters // 2 // paragraph
    text = ("word " * (paragraph // 5 + 1))[:paragraph]
    return replace(
        perspectives_day(day),
        perspectives=(
            Perspective("western", "West", tuple(f"{n} {text}" for n in range(count))),
            Perspective("russian", "East", (text * count,)),
        ),
    )


async def test_a_very_long_day_is_drawn_piece_by_piece_as_it_is_scrolled(home: Path):
    app = make_app(home, [long_day(1200, MAX_DIGEST_CHARACTERS, 300), perspectives_day(1199)])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        left, right = app.screen.panes
        for pane in (left, right):
            drawn = pane.pieces_drawn
            assert drawn < MAX_DIGEST_CHARACTERS / 2 / PIECE_CHARACTERS, "not everything at once"
            assert not pane.at_end
        left.focus()
        for _ in range(60):
            await pilot.press("end")
            await pilot.pause()
            if left.at_end:
                break
        assert left.at_end
        last = MAX_DIGEST_CHARACTERS // 2 // 300 - 1
        assert f"{last} word" in widget_text(app, left), "the last paragraph is drawn"
        assert not app.screen.day_list.entries[1200].read
        right.focus()
        for _ in range(60):
            await pilot.press("end")
            await pilot.pause()
            if right.at_end:
                break
        await pilot.pause()
        assert app.screen.day_list.entries[1200].read, "read once both ends were seen"


def test_a_malformed_fetch_address_is_a_usage_error(warday):
    result = warday("fetch", "http://[::1")
    assert result.code == 2
    assert (
        result.err.strip() == "warday fetch: 'http://[::1' is not an http:// or https:// address."
    )

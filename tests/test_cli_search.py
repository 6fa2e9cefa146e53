"""`warday search` on a real store filled the way a user fills it: import, fetch, reparse."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from tui_reader.parse import read_digest

ANSI = re.compile(r"\x1b\[[0-9;]*m")
REVERSED = re.compile(r"\x1b\[[0-9;]*7[0-9;]*m(.*?)\x1b\[0m")
"""A stretch drawn in reverse video (how a match stands out on a terminal)."""


@pytest.fixture
def imported(warday, fixtures: Path):
    """The text fixtures (Day 210 is a 2022 bulletin) and the K2 page of the Day 197 bulletin."""
    result = warday(
        "import", str(fixtures / "text"), str(fixtures / "html/k2-item-30279-day-197-bulletin.html")
    )
    assert result.code == 0, result.out
    return warday


def test_text_output_best_first_with_day_date_side_headline_and_snippet(imported):
    result = imported("search", "kursk")
    assert result.code == 0
    blocks = result.out.strip().split("\n\n")
    assert blocks[0].splitlines() == [
        "Day 993 · Tue 12 Nov 2024 · Russian",
        "  Five Ukrainian tanks destroyed in Kursk Region – Russian MOD",
        blocks[0].splitlines()[2],
    ]
    assert "Kursk" in blocks[0].splitlines()[2]
    assert blocks[1].startswith("Day 993 · Tue 12 Nov 2024 · Western")
    assert len(blocks) == 2
    assert "\x1b" not in result.out, "plain when piped"


def test_a_terminal_shows_each_match_highlighted(imported):
    result = imported("search", "tank", terminal=True, columns=120)
    assert result.code == 0
    assert set(REVERSED.findall(result.out)) == {"tanks"}
    assert "Day 993" in ANSI.sub("", result.out)


def test_markup_in_web_text_is_shown_literally(imported):
    result = imported("search", "depot", terminal=True, columns=120)
    shown = ANSI.sub("", result.out)
    assert "Ukraine says [bold red]strike[/] hit depot" in shown
    assert "[link=https://example.invalid]here[/link]" in shown


def test_stemming_case_and_accents(imported, store):
    from tui_reader.model import Digest, Kind, Perspective

    store.save(
        Digest(
            1100,
            "What to know after Day 1100 of Russia-Ukraine war",
            Kind.PERSPECTIVES,
            perspectives=(Perspective("western", "Talks at the Élysée", ("Macron hosted.",)),),
        )
    )
    for text in ("tank", "TANKS", "Tanks"):
        hits = json.loads(imported("search", text, "--json").out)
        assert [(hit["day"], hit["side"]) for hit in hits] == [(993, "russian")]
    for text in ("elysee", "ÉLYSÉE", "élysée"):
        hits = json.loads(imported("search", text, "--json").out)
        assert [hit["day"] for hit in hits] == [1100]


def test_phrases_or_exclusion_and_sides(imported):
    def days(*args: str) -> list[tuple[int, str]]:
        return sorted((h["day"], h["side"]) for h in json.loads(imported("search", *args).out))

    assert days('"north korea"', "--json") == [(993, "western")]
    assert days('"korea north"', "--json") == []
    assert days("kherson OR oreshnik", "--json") == [(1001, "western"), (1002, "russian")]
    assert (1002, "russian") in days("putin", "--json")
    assert (1002, "russian") not in days("putin -oreshnik", "--json")
    assert {side for _, side in days("putin", "--side", "russian", "--json")} == {"russian"}
    assert days("putin side:western", "--json") == days("putin", "--side", "western", "--json")
    assert days("mobilisation", "--json") == [(210, "bulletin")]
    assert days("nuclear plant", "--side", "bulletin", "--json") == [(197, "bulletin")]


def test_day_ranges_by_number_or_date(imported):
    def days(*args: str) -> set[int]:
        return {h["day"] for h in json.loads(imported("search", "putin", "--json", *args).out)}

    assert days() == {197, 993, 1000, 1002}
    assert days("--since", "994") == {1000, 1002}
    assert days("--until", "993") == {197, 993}
    assert days("--since", "2024-11-12", "--until", "2024-11-19") == {993, 1000}
    result = imported("search", "putin", "--since", "2021-01-01")
    assert result.code == 2
    assert "a day is a number from 1 or a date from 2022-02-24" in result.err
    result = imported("search", "putin", "--since", "1000", "--until", "993")
    assert result.code == 2
    assert "--since (Day 1000) comes after --until (Day 993); swap them." in result.err


def test_json_fields(imported):
    result = imported("search", "leopard", "--json")
    assert result.code == 0
    [hit] = json.loads(result.out)
    assert set(hit) == {"day", "date", "side", "headline", "snippet", "marks", "score"}
    assert (hit["day"], hit["date"], hit["side"]) == (993, "2024-11-12", "russian")
    assert hit["headline"] == "Five Ukrainian tanks destroyed in Kursk Region – Russian MOD"
    assert [hit["snippet"][start:end] for start, end in hit["marks"]] == ["Leopard"]
    assert hit["score"] > 0
    assert json.loads(imported("search", "leopard", "--format", "json").out) == [hit]


def test_markdown_report(imported):
    result = imported("search", "shamelessly", "--format", "markdown")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[:3] == ["# Search: shamelessly", "", "1 result, best first."]
    assert "## Day 210 · Wed 21 Sep 2022 · Bulletin" in lines
    quote = next(line for line in lines if line.startswith("> "))
    assert "**shamelessly**" in quote
    assert "U.N. Charter" in quote


def test_limit_says_how_many_more_there_are(imported):
    result = imported("search", "putin", "--limit", "1")
    assert result.code == 0
    assert result.out.count("Day ") == 1
    assert "The best 1 of 5 results; --limit 0 shows them all." in result.err
    everything = imported("search", "putin", "--limit", "0")
    assert everything.out.count("\nDay ") + 1 == 5
    assert everything.err == ""


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (["kursk AND ("], 'A bracket is opened but never closed; add a ")" or remove the "(".'),
        (["--", "-kursk"], '"-kursk" only leaves results out; add a word to look for'),
        (["side:nato", "kursk"], '"side:" takes western, russian or bulletin, not "nato".'),
    ],
)
def test_a_malformed_query_is_one_sentence_and_exit_2(imported, query: list[str], message: str):
    result = imported("search", *query)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith(f"warday search: {message}")
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err


def test_an_unquoted_word_to_leave_out_gets_a_hint_to_quote_the_query(imported):
    result = imported("search", "kursk", "-tanks", "--side", "russian")
    assert result.code == 2
    assert result.err.strip() == (
        "warday search: -tanks is read as an option; quote the whole query to leave a word out:"
        " warday search 'kursk -tanks'"
    )
    everything = imported("search", "kursk", "--json")
    quoted = imported("search", "kursk -tanks", "--json")
    assert quoted.code == 0
    assert 0 < len(json.loads(quoted.out)) < len(json.loads(everything.out))
    assert imported("search", "kursk", "--sides").code == 2


def test_nothing_found_exits_1_and_says_so(imported, warday):
    result = imported("search", "zzyzx")
    assert result.code == 1
    assert result.err.strip() == "Nothing matches zzyzx."
    long = imported("search", " ".join(["zzyzx"] * 500))
    assert long.code == 1
    assert long.err.strip().endswith("zzyzx zzyzx …."), "a long query is quoted back cut short"
    assert len(long.err.strip()) < 100


def test_an_empty_store_says_how_to_fill_it(warday):
    result = warday("search", "kursk")
    assert result.code == 1
    assert (
        "Nothing is stored yet; add digests with `warday fetch` or `warday import`." in result.err
    )


def test_importing_a_new_version_of_a_day_updates_what_search_finds(warday, tmp_path: Path):
    page = (Path(__file__).parent / "fixtures/text/day-1001-missing-russian.txt").read_text()
    path = tmp_path / "day-1001.txt"
    path.write_text(page, encoding="utf-8")
    warday("import", str(path))
    assert json.loads(warday("search", "kherson", "--json").out)[0]["day"] == 1001
    path.write_text(page.replace("Kherson", "Mykolaiv"), encoding="utf-8")
    assert warday("import", str(path)).code == 0
    assert warday("search", "kherson").code == 1
    assert json.loads(warday("search", "mykolaiv", "--json").out)[0]["day"] == 1001


def test_reparse_brings_the_index_in_step_with_the_stored_originals(warday, store, fixtures):
    original = (fixtures / "text/day-993-seed.txt").read_bytes()
    digest, raw = read_digest(original, "day-993-seed.txt")
    older = replace(digest, perspectives=digest.perspectives[:1])
    store.save(older, raw)
    assert warday("search", "tanks").code == 1, "as an older parser stored it"
    assert warday("reparse").code == 0
    assert json.loads(warday("search", "tanks", "--json").out)[0]["side"] == "russian"


def test_a_name_is_searched_in_every_spelling_and_quotes_keep_it_as_typed(imported):
    result = imported("search", "kiev", "--json")
    sides = {(hit["day"], hit["side"]) for hit in json.loads(result.out)}
    assert {(993, "western"), (993, "russian")} <= sides, "Reuters writes Kyiv, TASS Kiev"
    text = imported("search", "kiev")
    assert text.err.strip() == (
        "Every spelling of Kyiv is searched; quote a word to search it as typed."
    )
    exact = imported("search", '"kiev"', "--json")
    assert (993, "western") not in {(hit["day"], hit["side"]) for hit in json.loads(exact.out)}

"""`warday timeline` on a real store: every week from the first stored day to the last (empty
weeks too), each a Monday, with the days each side mentions a term; ratings and read marks by
week without a term; the heat map on a terminal."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from conftest_app import day_with

from tui_reader.model import Digest, Kind, Section, war_date

ANSI = re.compile(r"\x1b\[[0-9;]*m")

KURSK = "Troops fought near Kursk overnight."


# Day 1000 is Tuesday 19 November 2024: its week starts on Monday 18 November.
WESTERN_WEEK = [day_with(1000, western=KURSK), day_with(1001, western=KURSK), day_with(1002)]
"""Only the Western side mentions Kursk, on two days."""
RUSSIAN_WEEK = [day_with(d, russian=KURSK) for d in (1020, 1021, 1022)] + [
    day_with(1023, western=KURSK, russian=KURSK)
]
"""Three weeks later only the Russian side does, but for one day both do."""


@pytest.fixture
def archive(store, warday):
    for digest in (*WESTERN_WEEK, *RUSSIAN_WEEK):
        store.save(digest)
    return warday


def test_json_counts_the_days_each_side_mentions_the_term_every_week(archive):
    result = archive("timeline", "kursk", "--json")
    assert result.code == 0, result.err
    payload = json.loads(result.out)
    assert payload["query"] == "kursk"
    weeks = payload["weeks"]
    mondays = [date.fromisoformat(week["week"]) for week in weeks]
    assert mondays[0] == date(2024, 11, 18) == war_date(1000) - timedelta(days=1)
    assert mondays[-1] == war_date(1023) - timedelta(days=war_date(1023).weekday())
    assert all(monday.weekday() == 0 for monday in mondays), "every week is a Monday"
    assert [b - a for a, b in zip(mondays, mondays[1:], strict=False)] == [timedelta(7)] * 3
    counts = [(week["western"], week["russian"], week["bulletin"]) for week in weeks]
    assert counts == [(2, 0, 0), (0, 0, 0), (0, 0, 0), (1, 4, 0)], "empty weeks are listed"


def test_a_side_and_a_phrase_narrow_what_is_counted(archive):
    weeks = json.loads(archive("timeline", "kursk side:russian", "--json").out)["weeks"]
    assert [(w["western"], w["russian"]) for w in weeks] == [(0, 0), (0, 0), (0, 0), (0, 4)]
    weeks = json.loads(archive("timeline", '"near kursk"', "--json").out)["weeks"]
    assert sum(w["western"] + w["russian"] for w in weeks) == 7


def test_a_bulletin_counts_as_a_bulletin(store, warday):
    bulletin = Digest(
        day=200,
        title="What to know after Day 200 of Russia-Ukraine war",
        kind=Kind.BULLETIN,
        sections=(Section(None, ("Fighting went on near Kursk.",)),),
    )
    store.save(bulletin)
    weeks = json.loads(warday("timeline", "kursk", "--json").out)["weeks"]
    assert weeks == [{"week": "2022-09-05", "western": 0, "russian": 0, "bulletin": 1}]


def test_without_a_term_it_counts_days_stored_read_and_rated(archive):
    assert archive("rate", "1000", "4").code == 0
    assert archive("rate", "1001", "2").code == 0
    result = archive("timeline", "--json")
    payload = json.loads(result.out)
    assert payload["query"] is None
    assert payload["weeks"][0] == {
        "week": "2024-11-18",
        "stored": 3,
        "read": 0,
        "rated": 2,
        "stars": 3.0,
    }
    assert [week["stored"] for week in payload["weeks"]] == [3, 0, 0, 4]


def test_piped_output_is_a_line_a_week(archive):
    result = archive("timeline", "kursk")
    assert result.out.splitlines() == [
        "2024-11-18  western 2  russian 0  bulletin 0",
        "2024-11-25  western 0  russian 0  bulletin 0",
        "2024-12-02  western 0  russian 0  bulletin 0",
        "2024-12-09  western 1  russian 4  bulletin 0",
    ]


def test_a_terminal_shows_the_heat_map_and_the_counts_under_it(archive):
    archive("rate", "1001", "5")
    result = archive("timeline", "kursk", terminal=True, columns=100)
    assert result.code == 0
    lines = ANSI.sub("", result.out).splitlines()
    assert lines[0] == "Timeline  19 Nov 2024 to 12 Dec 2024: 7 days stored, 17 missing"
    block = lines[lines.index(next(line for line in lines if line.startswith("2024 "))) :]
    assert block[0].startswith("2024 Nov")
    rows = {line[:5].strip(): line[5:].rstrip() for line in block[1:11] if line[:5].strip()}
    tuesday, wednesday = block[2][5:].rstrip(), block[3][5:]
    assert tuesday == "○··○", "Day 1000 unread, Days 1007 and 1014 not stored, Day 1021 unread"
    assert wednesday.startswith("5"), "Day 1001 rated 5 stars"
    assert rows["W"] == "2··1"
    assert rows["R"] == "···4"


def test_a_bad_term_is_a_usage_error_and_an_empty_store_says_what_to_do(warday, home):
    result = warday("timeline", "kursk AND (")
    assert result.code == 2
    assert result.err.startswith("warday timeline: A bracket is opened but never closed")
    result = warday("timeline", "kursk", "--json")
    assert result.code == 1
    assert json.loads(result.out) == {"query": "kursk", "weeks": []}
    assert "Nothing is stored yet" in result.err


def test_a_single_day_is_counted_as_one_day(store, warday):
    store.save(day_with(1000, western=KURSK))
    result = warday("timeline", terminal=True, columns=100)
    assert result.code == 0
    assert ANSI.sub("", result.out).splitlines()[0] == (
        "Timeline  19 Nov 2024 to 19 Nov 2024: 1 day stored, 0 missing"
    )


def test_a_name_is_counted_in_every_spelling(store, warday):
    store.save(day_with(1000, western="Drones struck Kyiv.", russian="Kiev said nothing."))
    store.save(day_with(1008, russian="Kiev again."))
    payload = json.loads(warday("timeline", "kiev", "--json").out)
    assert [(week["western"], week["russian"]) for week in payload["weeks"]] == [(1, 1), (0, 1)]
    exact = json.loads(warday("timeline", '"kiev"', "--json").out)
    assert [(week["western"], week["russian"]) for week in exact["weeks"]] == [(0, 1), (0, 1)]

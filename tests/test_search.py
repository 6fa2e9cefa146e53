"""Search: the query language, the index every save keeps in step, ranking, snippets, highlights."""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest_app import bulletin_day, day_with, perspectives_day
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.importer import import_paths
from tui_reader.model import Digest, Kind, Perspective
from tui_reader.passages import passages
from tui_reader.search.query import QueryError, parse_query
from tui_reader.store import MIGRATIONS, Store, StoreError
from tui_reader.store.days import body_json

FIXTURES = Path(__file__).parent / "fixtures"


def elysee_day() -> Digest:
    """A day whose text has accents, capitals and a second paragraph naming a different thing."""
    return Digest(
        day=1100,
        title="What to know after Day 1100 of Russia-Ukraine war",
        kind=Kind.PERSPECTIVES,
        perspectives=(
            Perspective(
                "western",
                "Zelenskiy meets Macron at the ÉLYSÉE Palace",
                (
                    "The leaders discussed air defence at the Élysée on Monday.",
                    "Separately, a tanker was struck in the Black Sea.",
                ),
            ),
            Perspective("russian", "Moscow condemns Paris talks", ("Peskov said nothing new.",)),
        ),
    )


def filled(path: Path) -> Store:
    """A store holding the fixture digests (Days 197 and 210 are 2022 bulletins) and Day 1100."""
    store = Store(path)
    sources = [FIXTURES / "text", FIXTURES / "html/k2-item-30279-day-197-bulletin.html"]
    reports = list(import_paths(store, map(str, sources)))
    assert all(report.outcome != "skipped" for report in reports)
    store.save(elysee_day())
    return store


@pytest.fixture
def archive(tmp_path: Path):
    with filled(tmp_path / "db.sqlite3") as store:
        yield store


def found(store: Store, text: str, **options) -> list[tuple[int, str]]:
    """(day, side) of every result of `text`, best first."""
    return [(hit.day, hit.side) for hit in store.search(parse_query(text), **options).hits]


# -- the query language ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kursk AND (", 'A bracket is opened but never closed; add a ")" or remove the "(".'),
        ("kursk )", 'There is a ")" with no "(" before it; remove it or add the "(".'),
        ('"grain deal', 'A quote is opened but never closed; add the closing ".'),
        ("OR kursk", 'OR needs something to look for on each side, as in "kursk OR bryansk".'),
        ("kursk AND", 'AND needs something to look for on each side, as in "kursk AND tanks".'),
        (
            "-kursk",
            '"-kursk" only leaves results out; add a word to look for, as in "tanks -kursk".',
        ),
        ("side:western", 'Add a word to look for; "side:" only narrows a search.'),
        ("side:nato kursk", '"side:" takes western, russian or bulletin, not "nato".'),
        ("(kursk side:russian)", '"side:" applies to the whole search; take it out of the'),
        ("()", 'Brackets need something to look for inside, as in "(kursk OR bryansk)".'),
        ("— … !", "The search has no letters or digits to look for."),
        ("   ", "Type a word to look for."),
    ],
)
def test_a_query_that_makes_no_sense_gets_one_plain_sentence(text: str, message: str):
    with pytest.raises(QueryError) as raised:
        parse_query(text)
    assert str(raised.value).startswith(message)
    assert str(raised.value).endswith(".")
    assert "\n" not in str(raised.value)


def test_every_typed_word_and_phrase_reaches_fts5_quoted():
    query = parse_query('kursk "grain deal" OR NEAR(a b*) -"x" side:russian')
    assert query.fts() == '(("kursk" AND "grain deal") OR (("NEAR" AND ("a" AND "b"*)) NOT "x"))'
    assert query.sides == {"russian"}


def test_while_typing_an_unfinished_query_still_searches_and_the_last_word_is_a_prefix():
    assert parse_query("kursk AND (", typing=True).fts() == '"kursk"'
    assert parse_query('"grain dea', typing=True).fts() == '"grain dea"*'
    assert parse_query("tanks kur", typing=True).fts() == '("tanks" AND "kur"*)'
    assert parse_query("tanks kur ", typing=True).fts() == '("tanks" AND "kur")'
    assert parse_query("ku", typing=True).fts() == '"ku"', "two letters are too few for a prefix"
    assert parse_query("kursk side:rus", typing=True).sides == {"western", "russian", "bulletin"}
    with pytest.raises(QueryError, match="no"):
        parse_query("kursk )", typing=True)


QUERY_TEXT = st.lists(
    st.one_of(
        st.sampled_from(
            ['"', "(", ")", "-", "*", " ", "OR", "AND", "NOT", "NEAR", "side:", "side:western"]
        ),
        st.sampled_from(["kursk", "tanks", "Élysée", "U.N.", "^", ":", "{", "}", "'", "+", "\\"]),
        st.text(max_size=6),
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=QUERY_TEXT, typing=st.booleans())
def test_no_text_ever_reaches_fts5_as_a_syntax_error(text: str, typing: bool):
    try:
        query = parse_query(text, typing=typing)
    except QueryError as error:
        message = str(error)
        query = None
    if query is None:
        assert message.endswith(".")
        assert "\n" not in message
        return
    store = _shared_store()
    store.search(query, limit=5)
    store.matching_days(query)
    store.highlights(993, query)


_STORE: list[Store] = []


def _shared_store() -> Store:
    """One filled store for every example the property test tries (searching changes nothing)."""
    if not _STORE:
        _STORE.append(filled(Path(tempfile.mkdtemp()) / "db.sqlite3"))
    return _STORE[0]


# -- finding -----------------------------------------------------------------------------


def test_stemming_finds_tank_as_tanks_whatever_the_case(archive: Store):
    for text in ("tank", "tanks", "TANKS", "Tank"):
        assert found(archive, text) == [(993, "russian")], text


def test_accents_and_case_do_not_matter(archive: Store):
    assert found(archive, "elysee") == [(1100, "western")]
    assert found(archive, "ÉLYSÉE") == [(1100, "western")]


def test_a_phrase_needs_its_words_together_and_in_order(archive: Store):
    assert found(archive, '"north korea"') == [(993, "western")]
    assert found(archive, '"korea north"') == []
    assert set(found(archive, '"black sea"')) == {(210, "bulletin"), (1100, "western")}


def test_all_words_must_be_on_the_same_side_of_a_day_in_any_paragraph(archive: Store):
    assert found(archive, "kursk leopard") == [(993, "russian")], "two paragraphs of RT's story"
    assert found(archive, "korea tanks") == [], "Korea is Reuters', tanks are RT's"


def test_or_minus_and_side(archive: Store):
    assert sorted(found(archive, "kherson OR oreshnik")) == [(1001, "western"), (1002, "russian")]
    putin = set(found(archive, "putin"))
    assert (1002, "russian") in putin
    assert set(found(archive, "putin -oreshnik")) == putin - {(1002, "russian")}
    assert {side for _, side in found(archive, "putin side:russian")} == {"russian"}
    assert set(found(archive, "putin -side:russian")) == {
        hit for hit in putin if hit[1] != "russian"
    }


def test_bulletins_are_searched_as_their_own_side(archive: Store):
    assert found(archive, "mobilisation") == [(210, "bulletin")]
    assert found(archive, "zaporizhzhia") == [(197, "bulletin")]
    assert found(archive, "mobilisation side:western") == []


def test_day_range(archive: Store):
    everything = found(archive, "putin OR mobilisation")
    assert {day for day, _ in everything} == {197, 210, 993, 1000, 1002}
    assert {day for day, _ in found(archive, "putin OR mobilisation", since=994)} == {1000, 1002}
    assert {day for day, _ in found(archive, "putin OR mobilisation", until=993)} == {197, 210, 993}
    assert archive.matching_days(parse_query("putin OR mobilisation"), 211, 1001) == [1000, 993]


def test_best_first_and_a_limit_keeps_the_total(archive: Store):
    results = archive.search(parse_query("kursk"), limit=1)
    assert results.total == 2
    [best] = results.hits
    assert (best.day, best.side) == (993, "russian"), "RT's Kursk story beats one mention"
    assert best.score > archive.search(parse_query("kursk")).hits[1].score > 0


def test_a_hit_shows_its_headline_and_a_snippet_with_the_match_marked(archive: Store):
    [hit] = archive.search(parse_query("leopard")).hits
    assert hit.headline == "Five Ukrainian tanks destroyed in Kursk Region – Russian MOD"
    assert [hit.snippet[start:end] for start, end in hit.marks] == ["Leopard"]
    assert "\x02" not in hit.snippet
    [bulletin] = archive.search(parse_query("shamelessly")).hits
    assert bulletin.headline.startswith("Russia's Defence Minister Sergei Shoigu said")


def test_a_match_only_in_a_headline_gets_the_headline_as_snippet(archive: Store):
    [hit] = archive.search(parse_query("global pushing")).hits
    assert hit.snippet == hit.headline
    assert hit.headline == "West is pushing the world towards a global conflict — Putin"
    assert [hit.snippet[start:end] for start, end in hit.marks] == ["pushing", "global"]


def test_highlights_mark_every_stemmed_match_of_a_day_by_passage(archive: Store):
    digest = archive.digest(993)
    texts = {(p.side, p.part, p.line): p.text for p in passages(digest)}
    marks = archive.highlights(993, parse_query("tank -korea"))
    assert {texts[h.address][h.start : h.end] for h in marks} == {"tanks"}
    tanks = sum(len(re.findall(r"\btanks\b", text)) for text in texts.values())
    assert len(marks) == tanks > 3
    assert all(h.side == "russian" for h in marks)
    phrase = archive.highlights(993, parse_query('"kursk region"'))
    assert {texts[h.address][h.start : h.end] for h in phrase} == {"Kursk Region"}


# -- keeping the index in step -----------------------------------------------------------


def test_saving_a_changed_day_replaces_what_was_found(archive: Store):
    changed = replace(
        elysee_day(),
        perspectives=(Perspective("western", "Scholz visits Kyiv", ("A new paragraph.",)),),
    )
    archive.save(changed)
    assert found(archive, "elysee") == []
    assert found(archive, "scholz") == [(1100, "western")]
    assert found(archive, "peskov") == [(1000, "russian")], "Day 1100 lost its Russian side"


def test_a_digest_moved_to_another_day_is_found_there_only(tmp_path: Path):
    with Store(tmp_path / "db.sqlite3") as store:
        store.save(replace(perspectives_day(500), item_id=7))
        store.save(replace(perspectives_day(501), item_id=7))
        assert set(found(store, "headline")) == {(501, "western"), (501, "russian")}


def test_deleting_the_sample_takes_it_out_of_the_index(tmp_path: Path):
    with Store(tmp_path / "db.sqlite3") as store:
        store.save(elysee_day(), sample=True)
        store.save(bulletin_day(210))
        assert found(store, "elysee") == [(1100, "western")]
        assert store.delete_samples() == 1
        assert found(store, "elysee") == []
        assert store._read("SELECT count(*) FROM passage")[0][0] == len(passages(bulletin_day()))
        store._db.execute("INSERT INTO passage_search (passage_search) VALUES ('integrity-check')")
        store._db.execute("INSERT INTO side_search (side_search) VALUES ('integrity-check')")


def test_a_batch_indexes_every_day_stored_in_it_once(tmp_path: Path):
    """Days stored in a batch are indexed as it commits: a day stored twice in it, or moved to
    another day, or one that fails, leave the index as if they were stored one by one."""
    with Store(tmp_path / "db.sqlite3") as store:
        store.save(elysee_day(), sample=True)
        with store.batch():
            store.save(replace(perspectives_day(500), item_id=7))
            store.save(bulletin_day(210))
            store.save(replace(perspectives_day(501), item_id=7))  # item 7 moves to Day 501
            store.save(replace(elysee_day(), day=502, item_id=8))
            store.save(replace(elysee_day(), day=502, item_id=8))  # the same again
            with pytest.raises(StoreError, match="already stored as site item 7"):
                store.save(replace(perspectives_day(501), item_id=9))
            assert store.delete_samples() == 1
        assert set(found(store, "headline")) == {(501, "western"), (501, "russian")}
        assert found(store, "elysee") == [(502, "western")]
        assert found(store, "reservists") == [(210, "bulletin")]
        stored = [passages(store.digest(day)) for day in (210, 501, 502)]  # type: ignore[arg-type]
        assert store._read("SELECT count(*) FROM passage")[0][0] == sum(map(len, stored))
        store._db.execute("INSERT INTO passage_search (passage_search) VALUES ('integrity-check')")
        store._db.execute("INSERT INTO side_search (side_search) VALUES ('integrity-check')")


def v2_store(path: Path, digests: list[Digest]) -> None:
    """A store as warday wrote it before search existed (schema 2)."""
    with sqlite3.connect(path) as db:
        for script in MIGRATIONS[:2]:
            db.executescript(script)
        db.execute("PRAGMA user_version = 2")
        for digest in digests:
            db.execute(
                "INSERT INTO digest (day, kind, title, headlines, body, added_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, '2024-01-01', '2024-01-01')",
                (
                    digest.day,
                    digest.kind.value,
                    digest.title,
                    json.dumps(digest.headlines()),
                    body_json(digest),
                ),
            )
        db.execute(
            "INSERT INTO digest (day, kind, title, headlines, body, added_at, updated_at)"
            " VALUES (5, 'perspectives', 'damaged', '{}', 'not json', '2024-01-01', '2024-01-01')"
        )


def test_an_older_store_gets_its_index_built_when_opened(tmp_path: Path):
    digests = [elysee_day(), bulletin_day(210), perspectives_day(1101, count=3)]
    v2_store(tmp_path / "old.sqlite3", digests)
    with Store(tmp_path / "old.sqlite3") as store:
        assert store.schema_version == len(MIGRATIONS)
        assert found(store, "elysee") == [(1100, "western")]
        assert found(store, "mobilisation") == [(210, "bulletin")]
        assert store.digest(1100) == elysee_day(), "nothing stored is changed"
        migrated = store._read("SELECT digest_id, side, part, line, text FROM passage ORDER BY id")
        migrated_sides = store._read("SELECT rowid, headline, body, side FROM side_search")
    with Store(tmp_path / "new.sqlite3") as store:
        for digest in digests:
            store.save(digest)
        saved = store._read("SELECT digest_id, side, part, line, text FROM passage ORDER BY id")
        saved_sides = store._read("SELECT rowid, headline, body, side FROM side_search")
    assert migrated == saved, "the migration indexes exactly what saving does"
    assert sorted(migrated_sides) == sorted(saved_sides)


def test_a_known_name_is_looked_for_in_every_spelling_unless_quoted():
    table = {"kiev": ("Kyiv", ("kyiv", "kiyv")), "kharkov": ("Kharkiv", ("kharkiv",))}
    query = parse_query('kiev -kharkov "kiev" tanks').with_spellings(table.get)
    assert query.names == ("Kyiv", "Kharkiv")
    assert query.fts() == (
        '((("kiev" OR "kyiv" OR "kiyv") AND "kiev" AND "tanks") NOT ("kharkov" OR "kharkiv"))'
    )
    assert [term.text for term in query.terms()] == ["kiev", "kyiv", "kiyv", "tanks"]
    untouched = parse_query("tanks").with_spellings(table.get)
    assert untouched == parse_query("tanks")
    assert untouched.names == ()


def test_searching_kiev_finds_the_side_that_writes_kyiv(tmp_path: Path):
    from tui_reader.compare.spellings import every_spelling

    with Store(tmp_path / "db.sqlite3") as store:
        store.save(day_with(1000, western="Drones struck Kyiv.", russian="Kiev said."))
        user_file = tmp_path / "spellings.toml"
        found = store.search(every_spelling(parse_query("kiev"), user_file))
        assert sorted(hit.side for hit in found.hits) == ["russian", "western"]
        exact = store.search(every_spelling(parse_query('"kiev"'), user_file))
        assert [hit.side for hit in exact.hits] == ["russian"]
        user_file.write_text('[place]\nKyiv = ["Kyjiw"]\n')  # the user's table is read too
        store.save(day_with(1001, western="Kyjiw, said the German report."))
        found = store.search(every_spelling(parse_query("kiev"), user_file))
        assert sorted(hit.day for hit in found.hits) == [1000, 1000, 1001]

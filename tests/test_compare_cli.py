"""`warday compare DAY [--json]` as a user runs it, on a real store; the comparison cache."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from tui_reader.compare import cache, cache_key, cached_comparison, load_spellings
from tui_reader.parse import read_digest
from tui_reader.places import resolve_places

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_json_on_day_993_has_the_shared_names_and_the_figures_of_each_side(warday, fixtures):
    warday("import", str(fixtures / "text/day-993-seed.txt"))
    result = warday("compare", "993", "--json")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["day"] == 993
    shared = {entry["term"]: entry for entry in data["shared"]}
    assert shared["Kyiv"]["western"] == ["Kyiv"]
    assert shared["Kyiv"]["russian"] == ["Kiev"]
    assert "Kursk Region" in shared["Kursk"]["russian"]
    assert "Putin" in shared["Vladimir Putin"]["western"]
    assert "North Korea" in {entry["term"] for entry in data["western_only"]}
    assert "Donbas" in {entry["term"] for entry in data["russian_only"]}
    figures = {(f["side"], f["value"], f["unit"]) for f in data["figures"]}
    assert {("russian", 300, "troops"), ("russian", 5, "tanks")} <= figures
    assert ("western", 10000, "soldiers") in figures
    soldiers = next(f for f in data["figures"] if f["unit"] == "soldiers")
    assert soldiers["text"] == "more than 10,000 North Korean soldiers"


def test_piped_output_is_plain_text_with_every_section(warday, fixtures):
    warday("import", str(fixtures.parent / "compare_gold/heldout/day-0930.txt"))
    result = warday("compare", "930")
    assert result.code == 0
    assert "\x1b" not in result.out
    lines = result.out.splitlines()
    assert "  Kyiv: Western Kyiv; Russian Kiev" in lines
    assert "  drones: 144 W / 144 R" in lines
    assert "  settlements: 10 W / 10 R" in lines
    assert "Western only: Volodymyr Zelenskiy (Zelenskiy), Ukraine, Russia" in lines
    assert any(
        line.startswith("Russian only: Defence Ministry (Defense Ministry),") for line in lines
    )
    assert "Russian figures: One woman; three people" in lines


def test_terminal_output_fits_80_columns(warday, fixtures):
    warday("import", str(fixtures / "text/day-993-seed.txt"))
    result = warday("compare", "993", terminal=True)
    lines = ANSI.sub("", result.out).splitlines()
    assert "Both sides name" in lines[2]
    assert any("Kyiv" in line and "Kiev" in line for line in lines)
    assert max(len(line) for line in lines) <= 80
    assert "\x1b[" in result.out


def test_a_bulletin_day_lists_its_names_without_sides(warday, fixtures):
    warday("import", str(fixtures / "text/day-210-bulletin.txt"))
    result = warday("compare", "210")
    assert "Names in the bulletin (one Reuters account, nothing to compare):" in result.out
    assert "Both sides name" not in result.out


def test_an_empty_store_compares_the_bundled_sample(warday):
    result = warday("compare", "993")
    assert result.code == 0
    assert "Kyiv: Western Kyiv; Russian Kiev" in result.out
    assert "bundled sample" in result.err


def test_a_day_not_stored_is_one_plain_error(warday, fixtures):
    warday("import", str(fixtures / "text/day-993-seed.txt"))
    result = warday("compare", "5")
    assert result.code == 1
    assert result.out == ""
    assert result.err.strip() == (
        "warday: Day 5 is not stored; import or fetch it first (`warday list` shows what is)."
    )
    assert warday("compare", "zero").code == 2


def test_the_users_spellings_file_changes_the_comparison(warday, fixtures, home):
    warday("import", str(fixtures / "text/day-993-seed.txt"))
    before = json.loads(warday("compare", "993", "--json").out)
    assert "Kyiv" in {entry["term"] for entry in before["shared"]}
    user = resolve_places().config_dir / "spellings.toml"
    user.write_text('[place]\nKiev = ["Kyiv"]\nDonbas = ["Kursk"]\n', encoding="utf-8")
    after = json.loads(warday("compare", "993", "--json").out)
    terms = {entry["term"] for entry in after["shared"]}
    assert "Kiev" in terms
    assert "Kyiv" not in terms
    assert "Donbas" in terms


def test_a_bad_spellings_file_is_one_plain_error_naming_it(warday, fixtures):
    warday("import", str(fixtures / "text/day-993-seed.txt"))
    user = resolve_places().config_dir / "spellings.toml"
    user.write_text('[place]\nKyiv = "Kiev"\n', encoding="utf-8")
    result = warday("compare", "993")
    assert result.code == 1
    assert result.err.strip() == (
        f'warday: {user}: Kyiv in [place] must be a list of spellings, like ["Kiev"].'
    )
    assert warday("show", "993").code == 0


def test_a_store_that_cannot_keep_the_comparison_still_shows_it(warday, fixtures, monkeypatch):
    from tui_reader.store import Store, StoreError

    warday("import", str(fixtures / "text/day-993-seed.txt"))

    def full(*_: object) -> None:
        raise StoreError("The disk holding warday.sqlite3 is full; free some space and try again.")

    monkeypatch.setattr(Store, "save_comparison", full)
    result = warday("compare", "993")
    assert result.code == 0
    assert "Kyiv: Western Kyiv; Russian Kiev" in result.out
    assert "is full; free some space and try again. The comparison is shown but not kept." in (
        result.err
    )


def test_the_comparison_is_cached_until_the_text_table_or_extractor_changes(
    store, fixtures, tmp_path, monkeypatch
):
    digest, raw = read_digest((fixtures / "text/day-993-seed.txt").read_bytes(), "seed")
    store.save(digest, raw)
    spellings = load_spellings()
    first = cached_comparison(store, digest, spellings)
    key = cache_key(digest, spellings)
    assert json.loads(store.cached_comparison(993, key))["day"] == 993

    doctored = replace(first, terms=first.terms[:1])
    store.save_comparison(993, key, json.dumps(doctored.to_dict()))
    assert cached_comparison(store, digest, spellings) == doctored  # read, not made again

    reparsed = replace(digest, title=digest.title)  # the same text: the same key
    assert cache_key(reparsed, spellings) == key
    changed = replace(
        digest,
        perspectives=(
            replace(digest.perspectives[0], headline="North Korea and Odesa"),
            *digest.perspectives[1:],
        ),
    )
    store.save(changed, raw)
    assert store.cached_comparison(993, cache_key(changed, spellings)) is None
    assert cached_comparison(store, changed, spellings).term("Odesa") is not None

    user = tmp_path / "spellings.toml"
    user.write_text('[place]\nKursk = ["Kursk oblast"]\n', encoding="utf-8")
    assert cache_key(changed, load_spellings(user)) != cache_key(changed, spellings)
    monkeypatch.setattr(cache, "EXTRACTOR_VERSION", cache.EXTRACTOR_VERSION + 1)
    assert cache_key(changed, spellings) != cache_key(digest, spellings)
    assert store.cached_comparison(993, cache_key(changed, spellings)) is None


def test_a_damaged_cache_entry_is_made_again(store, fixtures):
    digest, raw = read_digest((fixtures / "text/day-993-seed.txt").read_bytes(), "seed")
    store.save(digest, raw)
    spellings = load_spellings()
    store.save_comparison(993, cache_key(digest, spellings), "{not json")
    assert cached_comparison(store, digest, spellings).term("Kyiv") is not None

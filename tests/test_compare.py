"""Comparing the two sides of a day: names, spellings, figures, pairs, against gold and by rule."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from tui_reader.compare import (
    Comparison,
    SpellingsError,
    compare_digest,
    load_spellings,
)
from tui_reader.compare.figures import find_figures
from tui_reader.compare.spellings import fold, shipped_table
from tui_reader.model import Digest, Kind, Perspective
from tui_reader.parse import read_digest

TESTS = Path(__file__).parent
GOLD = sorted((TESTS / "compare_gold/gold").glob("*.toml"))
SPELLINGS = load_spellings()


def day_of(western: str | list[str], russian: str | list[str] = (), day: int = 1) -> Digest:
    """A digest whose Western story is `western` (headline, paragraphs...) and so on."""

    def story(side: str, texts: str | list[str]) -> tuple[Perspective, ...]:
        texts = [texts] if isinstance(texts, str) else list(texts)
        if not texts:
            return ()
        return (Perspective(side, texts[0], tuple(texts[1:])),)

    return Digest(
        day=day,
        title=f"What to know after Day {day} of Russia-Ukraine war",
        kind=Kind.PERSPECTIVES,
        perspectives=story("western", western) + story("russian", russian),
    )


def compared(western: str | list[str], russian: str | list[str] = ()) -> Comparison:
    return compare_digest(day_of(western, russian), SPELLINGS)


def names(comparison: Comparison, side: str) -> set[str]:
    return {m.text for m in comparison.mentions if m.span.side == side}


def figures(text: str) -> list[tuple[float, str]]:
    return [(f.value, f.unit) for f in find_figures(text)]


# Against the gold annotations (tests/compare_gold): every digest, both sides.


def gold_digest(path: Path) -> tuple[dict, Comparison]:
    gold = tomllib.loads(path.read_text(encoding="utf-8"))
    digest, _ = read_digest((TESTS / gold["source"]).read_bytes(), gold["source"])
    return gold, compare_digest(digest, SPELLINGS)


def test_names_match_the_gold_annotations_on_every_digest():
    found, expected = Counter(), Counter()
    for path in GOLD:
        gold, comparison = gold_digest(path)
        for side in ("western", "russian"):
            found.update((path.stem, side, fold(n)) for n in names(comparison, side))
            for entity in gold.get("name", ()):
                expected.update((path.stem, side, fold(s)) for s in entity.get(side, ()))
    right = sum((found & expected).values())
    extra, missed = found - expected, expected - found
    assert right / sum(found.values()) >= 0.98, f"not names: {sorted(extra)}"
    assert right / sum(expected.values()) >= 0.98, f"names missed: {sorted(missed)}"


def test_every_name_both_sides_use_in_the_gold_is_shared_with_each_sides_spellings():
    missed = []
    for path in GOLD:
        gold, comparison = gold_digest(path)
        for entity in gold.get("name", ()):
            if not (entity.get("western") and entity.get("russian")):
                continue
            terms = {
                m.term
                for m in comparison.mentions
                if fold(m.text) in {fold(s) for s in entity["western"] + entity["russian"]}
            }
            shared = [comparison.term(t) for t in terms]
            if not any(
                t
                and {fold(s) for s in entity["western"]} <= {fold(s) for s in t.western}
                and {fold(s) for s in entity["russian"]} <= {fold(s) for s in t.russian}
                for t in shared
            ):
                missed.append((path.stem, entity["term"]))
    assert missed == []


def test_names_one_side_uses_in_the_gold_are_rarely_shared():
    wrong, total = [], 0
    for path in GOLD:
        gold, comparison = gold_digest(path)
        for entity in gold.get("name", ()):
            if entity.get("western") and entity.get("russian"):
                continue
            total += 1
            spellings = {fold(s) for s in entity.get("western", []) + entity.get("russian", [])}
            terms = {m.term for m in comparison.mentions if fold(m.text) in spellings}
            if any(comparison.term(t) and comparison.term(t).shared for t in terms):
                wrong.append((path.stem, entity["term"]))
    assert len(wrong) <= total * 0.02, wrong


def test_figures_match_the_gold_annotations_on_every_digest():
    found, expected = Counter(), Counter()
    for path in GOLD:
        gold, comparison = gold_digest(path)
        found.update(
            (path.stem, f.side, f.value, f.unit.split()[-1].rstrip("s")) for f in comparison.figures
        )
        expected.update(
            (path.stem, f["side"], float(f["value"]), f["unit"].split()[-1].rstrip("s"))
            for f in gold.get("figure", ())
        )
    assert found - expected == Counter()
    assert expected - found == Counter()


# The seed day, as the issue describes it.


def test_day_993_kursk_putin_and_kyiv_are_shared_and_north_korea_is_western_only(fixtures):
    digest, _ = read_digest((fixtures / "text/day-993-seed.txt").read_bytes(), "seed")
    comparison = compare_digest(digest, SPELLINGS)
    kyiv = comparison.term("Kyiv")
    assert kyiv
    assert kyiv.western == ("Kyiv",)
    assert kyiv.russian == ("Kiev",)
    assert comparison.term("Kursk") in comparison.shared
    putin = comparison.term("Vladimir Putin")
    assert putin in comparison.shared
    assert "Putin" in putin.western
    assert comparison.term("North Korea") in comparison.western_only
    russian = {(f.number, f.unit) for f in comparison.figures if f.side == "russian"}
    western = {(f.number, f.unit) for f in comparison.figures if f.side == "western"}
    assert {(300, "troops"), (5, "tanks")} <= russian
    assert (10_000, "soldiers") in western


def test_spans_point_at_the_names_and_figures_in_the_stored_text(fixtures):
    digest, _ = read_digest((fixtures / "text/day-993-seed.txt").read_bytes(), "seed")
    comparison = compare_digest(digest, SPELLINGS)
    for item in (*comparison.mentions, *comparison.figures):
        span = item.span
        story = digest.stories(span.side)[span.story]
        text = story.headline if span.paragraph is None else story.paragraphs[span.paragraph]
        assert text[span.start : span.end] == item.text
    kiev = next(m for m in comparison.mentions if m.text == "Kiev")
    assert (kiev.span.side, kiev.span.story, kiev.span.paragraph) == ("russian", 0, 1)
    headline = next(m for m in comparison.mentions if m.span.paragraph is None)
    assert headline.text == "North Korea"


def test_a_bulletin_is_one_western_account_indexed_by_section(fixtures):
    digest, _ = read_digest((fixtures / "text/day-210-bulletin.txt").read_bytes(), "bulletin")
    comparison = compare_digest(digest, SPELLINGS)
    assert comparison.kind == "bulletin"
    assert comparison.shared == ()
    assert comparison.russian_only == ()
    for mention in comparison.mentions:
        section = digest.sections[mention.span.story]
        assert section.paragraphs[mention.span.paragraph][mention.span.start : mention.span.end]
    assert "RUSSIAN MOBILISATION" not in {m.text for m in comparison.mentions}
    assert (300_000, "reservists") in {(f.number, f.unit) for f in comparison.figures}


# Names, spellings and matching.


@pytest.mark.parametrize(
    ("western", "russian"),
    [
        ("Kyiv", "Kiev"),
        ("Kharkiv", "Kharkov"),
        ("Odesa", "Odessa"),
        ("Zaporizhzhia", "Zaporozhye"),
        ("Luhansk", "Lugansk"),
        ("Mykolaiv", "Nikolaev"),
        ("Dnipro", "Dnepr"),
        ("Donbas", "Donbass"),
        ("Bakhmut", "Artemovsk"),
        ("Pokrovsk", "Krasnoarmeysk"),
        ("Avdiivka", "Avdeevka"),
        ("Vuhledar", "Ugledar"),
        ("Kupiansk", "Kupyansk"),
        ("Zelenskiy", "Zelensky"),
        ("Sergei Lavrov", "Sergey Lavrov"),
    ],
)
def test_the_table_matches_the_two_sides_spellings(western, russian):
    comparison = compared(
        f"Officials met in Brussels after {western} spoke.",
        f"Officials met in Minsk after {russian} spoke.",
    )
    [term] = [t for t in comparison.shared if t.term not in ("Brussels", "Minsk")]
    assert (term.western, term.russian) == ((western,), (russian,))


def test_unknown_names_match_across_transliterations_by_fuzzy_matching():
    comparison = compared(
        "Ukraine's forces held Novoivanivka and Martynivka, near Horlivka.",
        "Russian troops took Novoivanovka and Martynovka, near Gorlovka.",
    )
    shared = {t.western[0]: t.russian[0] for t in comparison.shared}
    assert shared == {
        "Novoivanivka": "Novoivanovka",
        "Martynivka": "Martynovka",
        "Horlivka": "Gorlovka",
    }


def test_different_places_are_not_matched_for_looking_alike():
    comparison = compared(
        "Fighting went on near Novoselivka and Kurakhove.",
        "Russian forces took Novomykhailivka and Kostiantynivka.",
    )
    assert comparison.shared == ()


def test_possessives_titles_and_demonyms_are_not_part_of_names():
    comparison = compared(
        "Russia's Defence Minister Sergei Shoigu met Ukrainian officials in Kyiv's centre.",
        "Kiev’s forces lost ground, Russian President Vladimir Putin said.",
    )
    assert names(comparison, "western") == {"Russia", "Sergei Shoigu", "Kyiv"}
    assert names(comparison, "russian") == {"Kiev", "Vladimir Putin"}


def test_demonyms_are_not_names_so_russian_and_ukrainian_are_never_shared():
    comparison = compared(
        "Russian forces attacked Ukrainian positions, North Korean troops took part.",
        "Ukrainian units retreated before Russian troops.",
    )
    assert comparison.mentions == ()


def test_the_two_parties_are_names_but_background():
    comparison = compared("Russia struck Ukraine and Odesa.", "Russia hit Ukraine in Odessa.")
    assert [t.term for t in comparison.shared] == ["Odesa", "Russia", "Ukraine"]
    assert [t.background for t in comparison.shared] == [False, True, True]


def test_a_place_with_region_or_peoples_republic_is_the_place():
    comparison = compared(
        "Drones hit the Kursk and Donetsk regions.",
        "Fighting in Kursk Region and the Donetsk People's Republic (DPR) went on.",
    )
    assert comparison.term("Kursk").russian == ("Kursk Region",)
    assert comparison.term("Donetsk").russian == ("Donetsk People's Republic", "DPR")


def test_a_short_form_joins_the_long_name_of_the_same_day():
    comparison = compared(
        "Officials said Ivan Prikhodko, the mayor, was unhurt. Prikhodko spoke later.",
        "Kim clinched the accord. North Korean leader Kim Jong Un signed it.",
    )
    assert comparison.term("Ivan Prikhodko").western == ("Ivan Prikhodko", "Prikhodko")
    assert comparison.term("Kim Jong Un").russian == ("Kim", "Kim Jong Un")


def test_a_word_capitalised_only_because_it_opens_a_sentence_is_not_a_name():
    comparison = compared("Shelling continued. Drones hit Mariupol. Officials said so.")
    assert names(comparison, "western") == {"Mariupol"}


def test_a_lone_unknown_sentence_opener_counts_when_the_day_names_it_elsewhere():
    comparison = compared(
        "Bogomolov spoke on Monday. The mayor, Bogomolov, was unhurt.",
        "Vasilenko said nothing.",
    )
    assert names(comparison, "western") == {"Bogomolov"}
    assert names(comparison, "russian") == set()


# The spellings table: shipped, extended by the user.


def test_no_spelling_stands_for_two_terms_in_the_shipped_table():
    table = tomllib.loads(shipped_table().decode())
    owners: dict[str, set[str]] = {}
    for entries in table.values():
        for term, spellings in entries.items():
            for spelling in (term, *spellings):
                owners.setdefault(fold(spelling), set()).add(term)
    assert {key: terms for key, terms in owners.items() if len(terms) > 1} == {}


def test_a_user_table_adds_spellings_and_renames_terms(tmp_path):
    user = tmp_path / "spellings.toml"
    user.write_text(
        '[place]\nKyiv = ["Kiyeff"]\n"Nova Poshta" = []\n\n[person]\nPrigo = ["Prigozhin"]\n',
        encoding="utf-8",
    )
    spellings = load_spellings(user)
    assert spellings.lookup("Kiyeff").term == "Kyiv"
    assert spellings.lookup("Kiev").term == "Kyiv"
    assert spellings.lookup("Nova Poshta").kind == "place"
    assert spellings.lookup("Yevgeny Prigozhin").term == "Prigo"
    assert spellings.fingerprint != SPELLINGS.fingerprint


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[place\nKyiv = 1", "is not valid TOML"),
        ('[places]\nKyiv = ["Kiev"]', "[places] is not a kind of name"),
        ('[place]\nKyiv = "Kiev"', 'Kyiv in [place] must be a list of spellings, like ["Kiev"]'),
        ("kyiv = 3", "[kyiv] is not a kind of name"),
    ],
)
def test_a_bad_user_table_is_one_plain_error_naming_the_file(tmp_path, content, message):
    user = tmp_path / "spellings.toml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(SpellingsError) as error:
        load_spellings(user)
    assert str(user) in str(error.value)
    assert message in str(error.value)


# Figures.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kiev has lost more than 300 troops.", [(300, "troops")]),
        ("The military destroyed five tanks.", [(5, "tanks")]),
        ("There are 10,000 North Korean soldiers in Russia.", [(10_000, "soldiers")]),
        ("Strikes damaged 1,200 homes.", [(1_200, "homes")]),
        ("Russia launched 27 drones.", [(27, "drones")]),
        ("The attack killed three civilians.", [(3, "civilians")]),
        ("Troops struck two dozen locations.", [(24, "locations")]),
        ("North Korea sent tens of thousands of troops.", [(10_000, "troops")]),
        ("Twenty-five drones and 1.5 million tonnes.", [(25, "drones"), (1_500_000, "tonnes")]),
        ("Ukraine shot down 16 of 17 Shahed drones.", [(16, "drones"), (17, "drones")]),
        ("It pledged $400 million and 2.5 billion euros.", [(4e8, "dollars"), (2.5e9, "euros")]),
        ("Prices rose 12% in a year, or 40 percent.", [(12, "percent"), (40, "percent")]),
        ("Russia launched 40 missiles and drones.", [(40, "missiles and drones")]),
        (
            "One hundred and twenty troops and three hundred tanks.",
            [(120, "troops"), (300, "tanks")],
        ),
        ("The train carried 9 passengers, officials said.", [(9, "passengers")]),
    ],
)
def test_figures_are_numbers_with_what_they_count(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Troops invaded on August 6, in February 2022, and again on 5 November.",
        "Over the past 24 hours and in just over three months, every ten days.",
        "The 1,000th day of the war, Day 993, came in 2024.",
        "A 45-year-old man was hurt; the attack killed two and wounded five.",
        "One of the largest attacks hit the two countries, 74 of them downed.",
        "F-16 jets and Su-34 bombers flew; G7 leaders met at 04:37.",
        "Kiev violated the truce eight times in one day.",
        "Version 2.5.6 tanks; a 100 000 troops typo.",
    ],
)
def test_dates_durations_ordinals_ages_and_bare_numbers_are_not_figures(text):
    assert figures(text) == []


def test_a_qualifier_is_kept_and_a_vague_amount_is_approximate():
    [more, tens] = find_figures(
        "More than 300 troops came, and tens of thousands of troops waited."
    )
    assert (more.qualifier, more.approx) == ("more than", False)
    assert tens.approx
    assert tens.value == 10_000


def test_synonyms_pair_drones_with_uavs_for_the_same_owner():
    comparison = compared(
        ["Russia launched 14 drones overnight."],
        ["Russian forces struck with 27 UAVs."],
    )
    [pair] = comparison.pairs
    assert pair.label() == "drones: 14 W / 27 R"


def test_a_vague_figure_pairs_in_its_own_words():
    comparison = compared(
        ["North Korea has sent tens of thousands of troops to Russia."],
        ["North Korea sent 11,000 troops, the paper said."],
    )
    assert [pair.label() for pair in comparison.pairs] == ["troops: tens of thousands W / 11,000 R"]


def test_money_pairs_in_millions_and_billions():
    comparison = compared(
        ["Washington pledged $2.5 billion more for Kyiv."],
        ["Washington will send Kiev another $400 million, the Pentagon said."],
    )
    assert [pair.label() for pair in comparison.pairs] == ["dollars: 2.5 billion W / 400 million R"]


def test_villages_pair_whichever_side_the_sentence_is_about():
    comparison = compared(
        ["Ukrainian troops pulled back from two villages near Kharkiv."],
        ["Russian forces have liberated nine settlements in the Kharkov Region."],
    )
    assert [pair.label() for pair in comparison.pairs] == ["settlements: 2 W / 9 R"]


def test_each_name_is_marked_shared_only_or_background_for_the_reader():
    comparison = compared("Russia struck Kyiv and Lviv.", "Russia hit Kiev.")
    roles = {(m.span.side, m.text): comparison.role(m.term) for m in comparison.mentions}
    assert roles == {
        ("western", "Russia"): "background",
        ("western", "Kyiv"): "shared",
        ("western", "Lviv"): "only",
        ("russian", "Russia"): "background",
        ("russian", "Kiev"): "shared",
    }
    assert [m.text for m in comparison.mentions_on("western")] == ["Russia", "Kyiv", "Lviv"]


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("Russian forces destroyed five Ukrainian tanks.", "Ukraine"),
        ("Kiev has lost more than 300 troops.", "Ukraine"),
        ("Russian forces destroyed five tanks.", "Ukraine"),
        ("Ukraine's air force said it shot down 27 drones.", "Russia"),
        ("Air defences shot down 16 of 17 drones launched by Russia.", "Russia"),
        ("Ukraine launched 144 drones at Russia.", "Ukraine"),
        ("North Korea sent tens of thousands of troops to Russia.", "North Korea"),
        ("Officials counted 40 drones.", None),
        ("Russian forces destroyed a depot with 12 drones.", "Russia"),
    ],
)
def test_the_owner_of_a_figure_is_whose_the_counted_things_are(sentence, owner):
    [first, *_] = compared([sentence]).figures
    assert first.owner == owner


def test_figures_for_different_owners_do_not_pair():
    comparison = compared(
        ["There are 10,000 North Korean soldiers in Russia."],
        ["Kiev has lost more than 300 troops."],
    )
    assert comparison.pairs == ()
    assert {(f.side, f.owner) for f in comparison.figures} == {
        ("western", "North Korea"),
        ("russian", "Ukraine"),
    }


def test_a_comparison_survives_the_round_trip_through_its_cache_form(fixtures):
    digest, _ = read_digest((fixtures / "text/day-993-seed.txt").read_bytes(), "seed")
    comparison = compare_digest(digest, SPELLINGS)
    assert Comparison.from_dict(comparison.to_dict()) == comparison


def test_other_spellings_for_a_search_leave_out_common_words_and_what_the_word_finds():
    assert SPELLINGS.other_spellings("KIEV") == ("Kyiv", ("kiyv", "kyiv"))
    america = SPELLINGS.other_spellings("America")
    assert america is not None
    assert america[0] == "United States"
    assert "us" not in america[1], '"us" is a common word: searching it would find every "us"'
    assert "usa" in america[1]
    putin = SPELLINGS.other_spellings("Putin")
    assert putin is None or "vladimir putin" not in putin[1], "putin already finds those"
    assert SPELLINGS.other_spellings("tanks") is None

"""The parse pipeline against every variant the site has published, and against bad input."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from tui_reader.model import Kind, day_number, war_date
from tui_reader.parse import NotADigest, is_digest_title, read_digest

CHROME = ("NEWSSCROLL", "Contact Us", "Copyright", "Rate this item", "votes)", "protected]")


def parse(path: Path):
    return read_digest(path.read_bytes(), str(path))[0]


def all_text(digest) -> str:
    parts = [digest.title, digest.attribution or ""]
    for story in digest.perspectives:
        parts += [story.headline, *story.paragraphs]
    for section in digest.sections:
        parts += [section.heading or "", *section.paragraphs]
    return "\n".join(parts)


def test_war_day_arithmetic():
    assert war_date(1) == date(2022, 2, 24)
    assert war_date(993) == date(2024, 11, 12)
    assert day_number(date(2024, 11, 12)) == 993
    assert day_number(war_date(1122)) == 1122


def test_seed_reads_exactly(fixtures):
    digest = parse(fixtures / "text/day-993-seed.txt")
    assert digest.day == 993
    assert digest.war_date == date(2024, 11, 12)
    assert digest.published == datetime(2024, 11, 13, 4, 37)
    assert digest.kind is Kind.PERSPECTIVES
    assert [p.side for p in digest.perspectives] == ["western", "russian"]
    western, russian = digest.perspectives
    assert western.headline == "North Korea ratifies mutual defence treaty with Russia"
    assert russian.headline == "Five Ukrainian tanks destroyed in Kursk Region – Russian MOD"
    assert len(western.paragraphs) == 7
    assert len(russian.paragraphs) == 11
    assert western.paragraphs[0].startswith("North Korea has ratified")
    assert russian.paragraphs[-1].endswith("according to the Russian leader.")
    assert digest.attribution == "Reuters/RT"
    assert digest.site_votes is not None
    assert digest.site_votes.count == 0
    text = all_text(digest)
    for chrome in CHROME:
        assert chrome not in text


def test_seed_quote_typo_gets_its_space(fixtures):
    russian = parse(fixtures / "text/day-993-seed.txt").perspectives[1]
    assert any("“best regiments” operating" in p for p in russian.paragraphs)


def test_russian_first_keeps_page_order_and_em_dash_headline(fixtures):
    digest = parse(fixtures / "text/day-1000-russian-first.txt")
    assert [p.side for p in digest.perspectives] == ["russian", "western"]
    assert (
        digest.perspectives[0].headline
        == "West is pushing the world towards a global conflict — Putin"
    )
    assert len(digest.perspectives[0].paragraphs) == 2
    assert len(digest.perspectives[1].paragraphs) == 3
    assert digest.site_votes.count == 2


def test_missing_side_and_hyphen_headline(fixtures):
    digest = parse(fixtures / "text/day-1001-missing-russian.txt")
    assert digest.sides == ("western",)
    assert digest.perspectives[0].headline == "Drone attack on Kherson kills two - governor"
    assert digest.stories("russian") == ()
    assert digest.attribution == "Reuters"


def test_second_story_whitespace_separators_and_sidebar(fixtures):
    digest = parse(fixtures / "text/day-1002-two-stories-sidebar.txt")
    assert [(p.side, p.headline) for p in digest.perspectives] == [
        ("western", "Russia fires new intermediate-range missile at Dnipro – Kyiv"),
        ("western", "NATO to hold emergency talks with Ukraine"),
        ("russian", "Oreshnik strike was a response to Western escalation — Putin"),
    ]
    assert digest.perspectives[1].paragraphs == (
        "NATO and Ukraine will hold emergency talks next week in Brussels, diplomats said on"
        " Friday.",
    )
    assert digest.attribution == "Reuters/TASS"
    assert "Senate passes tax reform" not in all_text(digest)
    assert "“in combat conditions” and" in digest.perspectives[2].paragraphs[0]


def test_bulletin_topics_glued_heading_and_headless_first_group(fixtures):
    digest = parse(fixtures / "text/day-210-bulletin.txt")
    assert digest.kind is Kind.BULLETIN
    assert digest.perspectives == ()
    headings = [section.heading for section in digest.sections]
    assert headings == [None, "RUSSIAN MOBILISATION", "ENERGY", "GRAIN", "FIGHTING", "U.N."]
    lead = digest.sections[0]
    assert lead.paragraphs[0].startswith("Russia's Defence Minister")
    assert lead.paragraphs[1:] == (
        "Ukraine and Russia exchanged nearly 300 prisoners in the biggest swap of the war so far.",
        "Saudi Arabia said it helped mediate the release of 10 foreign prisoners.",
    )
    mobilisation = digest.sections[1].paragraphs
    assert mobilisation[-1].endswith("pushed up the price of Russian gas.")
    assert digest.sections[2].paragraphs == (
        "European gas prices rose as traders weighed the risk to supplies.",
    )
    assert digest.attribution == "Reuters"
    assert not any(item.startswith("*") for s in digest.sections for item in s.paragraphs)
    assert digest.published == datetime(2022, 9, 22, 8, 0)
    for chrome in CHROME:
        assert chrome not in all_text(digest)


def test_k2_item_page(fixtures):
    digest, raw = read_digest((fixtures / "html/k2-item-36903-day-993.html").read_bytes(), "page")
    assert raw.format == "html"
    assert digest.item_id == 36903
    assert digest.url.endswith("/item/36903-what-to-know-after-day-993-of-russia-ukraine-war")
    assert digest.title == "What to know after Day 993 of Russia-Ukraine war"
    assert digest.published == datetime(2024, 11, 13, 4, 37)
    assert digest.site_votes.count == 3
    assert digest.site_votes.average == pytest.approx(3.5)
    assert [p.side for p in digest.perspectives] == ["western", "russian"]
    assert digest.perspectives[0].paragraphs[2] == (
        "North Korean leader Kim Jong Un signed a decree to ratify the pact on Monday, KCNA said."
    )
    assert digest.perspectives[1].paragraphs[-1].endswith("[red]Not markup[/red] <b>not a tag</b>")
    text = all_text(digest)
    for absent in ("Edit item", "Print", "Day 992", "Day 994", "not text", *CHROME):
        assert absent not in text
    assert digest.attribution == "Reuters/RT"


def test_k2_bulletin_page_with_list_items_and_one_vote(fixtures):
    digest = parse(fixtures / "html/k2-item-30279-day-197-bulletin.html")
    assert digest.kind is Kind.BULLETIN
    assert digest.item_id == 30279
    assert digest.site_votes.count == 1
    assert digest.site_votes.average == 5.0
    assert [s.heading for s in digest.sections] == [None, "ENERGY", "NUCLEAR PLANT", "FIGHTING"]
    assert digest.sections[0].paragraphs[-1].endswith("raising the price of Russian gas.")
    assert len(digest.sections[2].paragraphs) == 2
    assert digest.attribution == "Reuters"


def test_any_html_page_with_digest_text(fixtures):
    digest = parse(fixtures / "html/saved-article-day-1003.html")
    assert digest.day == 1003
    assert digest.item_id == 37010
    assert digest.published == datetime(2024, 11, 23, 5, 30)
    assert digest.perspectives[0].paragraphs == (
        "Ukrainian President Volodymyr Zelenskiy said on Friday that Ukraine needed new air "
        "defence systems to protect against Russia’s new missile.",
        "He said he would discuss it with allies.",
    )
    assert (
        digest.perspectives[1].headline
        == "Russian forces liberate settlement in Donetsk Region – MOD"
    )
    assert "Home" not in all_text(digest)


def test_terminal_escapes_are_removed_and_markup_is_kept_as_text(fixtures):
    digest = parse(fixtures / "text/day-994-escapes.txt")
    text = all_text(digest)
    assert "\x1b" not in text
    assert "\x07" not in text
    assert digest.perspectives[0].headline == "Ukraine says [bold red]strike[/] hit depot"
    assert digest.perspectives[1].headline == "MOD reports downed drones"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "it is empty"),
        ("whitespace-only.txt", "it is empty"),
        ("picture.png", "binary"),
        ("gaza-story.txt", "not a digest"),
        ("single-perspective.html", "not a digest"),
        ("listing.html", "category listing"),
        ("truncated-page.html", "cut short"),
        ("truncated-mid-section.txt", "cut short"),
        ("title-only.txt", "neither perspective sections nor bulletin topics"),
    ],
)
def test_bad_input_is_refused_with_a_reason(fixtures, name, reason):
    with pytest.raises(NotADigest, match=reason):
        parse(fixtures / "bad" / name)


def test_digest_title_recognition():
    assert is_digest_title("What to know after Day 1122 of Russia-Ukraine war")
    assert is_digest_title("What to know after Day 12 of Russia–Ukraine war")
    assert not is_digest_title("Israeli strikes kill dozens in northern Gaza")
    assert not is_digest_title("RUSSIAN PERSPECTIVE: Kursk attacks repelled")

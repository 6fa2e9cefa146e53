"""Blocks -> Digest: find the title, drop the site chrome, read perspectives or bulletin topics."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from tui_reader.model import Digest, Kind, Perspective, Section, SiteVotes
from tui_reader.parse.blocks import SEPARATOR, NotADigest, PageFacts
from tui_reader.parse.dates import is_date_line, parse_site_date

TITLE = re.compile(
    r"What\s+to\s+know\s+after\s+Day\s+(\d{1,5})\s+of\s+(?:the\s+)?Russia\s*[-–—]\s*Ukraine\s+war",
    re.IGNORECASE,
)
_PERSPECTIVE = re.compile(r"([A-Za-z]+)\s+PERSPECTIVE\s*:?", re.IGNORECASE)
_RATE_PROMPT = re.compile(r"Rate this item(?:\s*[1-5](?:\s*[1-5]){4})?", re.IGNORECASE)
_VOTES = re.compile(r"\(\s*(\d+)\s+votes?\s*\)", re.IGNORECASE)
_AGENCY = r"(?:Reuters|RT|TASS|AFP|AP|Sputnik|Interfax|RIA Novosti|Ukrinform)"
_ATTRIBUTION = re.compile(rf"{_AGENCY}(?:\s*(?:/|,|&|and)\s*{_AGENCY})*\.?")
_CHROME = re.compile(
    r"NEWSSCROLL TEAM\b|Contact Us\s*:|Copyright\s*(?:©|\(c\))|All rights reserved", re.IGNORECASE
)
_BULLET = re.compile(r"[*•·▪]\s*(.+)|[-–]\s+(.+)")
_TOPIC_WORDS = r"[A-Z][A-Z0-9.'’&/-]*(?:\s+[A-Z0-9.'’&/-]+)*"
_TOPIC = re.compile(_TOPIC_WORDS)
_GLUED_TOPIC = re.compile(rf"(.*[.!?\"”’)])\s+({_TOPIC_WORDS})")
_SENTENCE_END = re.compile(r"[.!?:;,][”\"’)]*$")

MAX_DIGEST_CHARACTERS = 100_000
"""The longest digest text accepted: a real digest has a few thousand characters, so anything
near this is not one, and a day's text stays quick to store, load and show."""


def build_digest(blocks: Sequence[str], facts: PageFacts, origin: str = "input") -> Digest:
    """The digest in `blocks`; raises NotADigest saying why when there is none."""
    title, day, start = _find_title(blocks, facts)
    if title is None:
        raise NotADigest(
            "it has no “What to know after Day N of Russia-Ukraine war” title, so it is not a"
            " digest"
        )
    published = facts.published
    votes_count, votes_average = facts.votes_count, facts.votes_average
    body: list[str] = []
    header = True
    size = 0
    for block in blocks[start:]:
        if header and block == SEPARATOR:
            continue
        if header and (
            is_date_line(block) or TITLE.fullmatch(block) or _RATE_PROMPT.fullmatch(block)
        ):
            published = published or parse_site_date(block)
            continue
        if header and (votes := _VOTES.fullmatch(block)):
            votes_count = int(votes.group(1)) if votes_count is None else votes_count
            continue
        header = False
        if _CHROME.match(block):
            break
        body.append(block)
        size += len(block) + 1
        if size > MAX_DIGEST_CHARACTERS:
            raise NotADigest(
                f"its text runs past {MAX_DIGEST_CHARACTERS:,} characters; a digest has a few"
                " thousand"
            )
    if published is None:
        published = next((parse_site_date(b) for b in blocks[:start] if is_date_line(b)), None)
    body, attribution = _cut_attribution(body)
    site_votes = None
    if votes_count is not None:
        site_votes = SiteVotes(votes_count, 0.0 if votes_count == 0 else votes_average)
    digest = Digest(
        day=day,
        title=title,
        kind=Kind.BULLETIN,
        published=published,
        url=facts.url,
        item_id=facts.item_id,
        attribution=attribution,
        site_votes=site_votes,
    )
    if any(_is_perspective_heading(block) for block in body):
        intro, perspectives = _perspectives(body)
        return replace(digest, kind=Kind.PERSPECTIVES, perspectives=perspectives, sections=intro)
    sections = _bulletin(body)
    if not any(section.heading for section in sections) and not any(
        _BULLET.fullmatch(block) for block in body
    ):
        raise NotADigest(
            f"it has the title of Day {day} but neither perspective sections nor bulletin topics"
            " (is it cut short?)"
        )
    return replace(digest, sections=sections)


def _find_title(blocks: Sequence[str], facts: PageFacts) -> tuple[str | None, int, int]:
    """(title, day, index of the first block after it)."""
    for index, block in enumerate(blocks):
        if len(block) < 120 and (match := TITLE.search(block)):
            return match.group(0), int(match.group(1)), index + 1
    if facts.title and (match := TITLE.search(facts.title)):
        return match.group(0), int(match.group(1)), 0
    return None, 0, 0


def _cut_attribution(body: list[str]) -> tuple[list[str], str | None]:
    """Split off the closing attribution line; anything after it (a sidebar) goes too."""
    for index in range(len(body) - 1, -1, -1):
        if _ATTRIBUTION.fullmatch(body[index]):
            return _trim(body[:index]), body[index].rstrip(".")
    return _trim(body), None


def _trim(blocks: list[str]) -> list[str]:
    while blocks and blocks[-1] == SEPARATOR:
        blocks = blocks[:-1]
    return blocks


def _is_perspective_heading(block: str) -> bool:
    return bool(_PERSPECTIVE.fullmatch(block))


def _looks_like_headline(block: str) -> bool:
    return len(block) <= 160 and not _SENTENCE_END.search(block)


def _perspectives(body: list[str]) -> tuple[tuple[Section, ...], tuple[Perspective, ...]]:
    """Intro (as a headless section) and the stories under each PERSPECTIVE heading."""
    intro: list[str] = []
    stories: list[Perspective] = []
    side: str | None = None
    headline: str | None = None
    paragraphs: list[str] = []
    after_separator = False

    def finish() -> None:
        if side is not None and headline is not None:
            if not paragraphs:
                raise NotADigest(
                    f"the {side.capitalize()} story “{headline}” has no text after its headline"
                    " (is the input cut short?)"
                )
            stories.append(Perspective(side, headline, tuple(paragraphs)))

    for block in body:
        if block == SEPARATOR:
            after_separator = True
            continue
        if heading := _PERSPECTIVE.fullmatch(block):
            finish()
            side, headline, paragraphs = heading.group(1).lower(), None, []
        elif side is None:
            intro.append(block)
        elif headline is None:
            headline = block
        elif after_separator and paragraphs and _looks_like_headline(block):
            finish()
            headline, paragraphs = block, []
        else:
            paragraphs.append(block)
        after_separator = False
    finish()
    if not stories:
        raise NotADigest("its perspective sections are empty")
    return ((Section(None, tuple(intro)),) if intro else ()), tuple(stories)


def _topic(block: str) -> bool:
    if len(block) > 60 or not block.isupper():
        return False
    letters = [c for c in block if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and bool(_TOPIC.fullmatch(block))


def _bulletin(body: list[str]) -> tuple[Section, ...]:
    """Topics in page order; the lead and a headless first bullet group share a headless section."""
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for block in body:
        if block == SEPARATOR:
            continue
        if _topic(block):
            sections.append((block, []))
            continue
        if bullet := _BULLET.fullmatch(block):
            block = bullet.group(1) or bullet.group(2)
        if (glued := _GLUED_TOPIC.fullmatch(block)) and _topic(glued.group(2)):
            sections[-1][1].append(glued.group(1))
            sections.append((glued.group(2), []))
            continue
        sections[-1][1].append(block)
    return tuple(Section(heading, tuple(items)) for heading, items in sections if heading or items)

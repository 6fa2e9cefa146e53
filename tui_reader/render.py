"""How a digest reads: Rich renderables and plain text shared by the command line and the reader.

Every piece of web text goes through `tui_reader.webtext.safe` and `rich.text.Text`, never
through markup parsing, so nothing in it can style the output or reach the terminal as a control.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from tui_reader.model import SIDE_SOURCES, DayEntry, Digest, Kind, Perspective
from tui_reader.webtext import safe, safe_line

MAIN_SIDES = ("western", "russian")
SIDE_BY_SIDE_MIN_WIDTH = 76
"""As in the reader: from 76 columns each side keeps at least 36 columns of text."""


def stars(rating: int | None, ascii: bool = False) -> str:
    """Five stars, `rating` of them filled."""
    full, empty = ("*", ".") if ascii else ("★", "☆")
    count = rating or 0
    return full * count + empty * (5 - count)


def side_title(side: str) -> str:
    """`Western perspective (Reuters)`."""
    source = SIDE_SOURCES.get(side)
    return f"{side.capitalize()} perspective" + (f" ({source})" if source else "")


def ordered_sides(digest: Digest) -> list[str]:
    """Western then Russian (present or not), then any other side in page order."""
    return [*MAIN_SIDES, *(side for side in digest.sides if side not in MAIN_SIDES)]


def missing_side_note(side: str) -> str:
    return f"This digest has no {side.capitalize()} perspective."


def dateline(digest: Digest) -> str:
    """`Day 993 · Tue 12 Nov 2024 · published Wed 13 Nov 2024 04:37`."""
    parts = [f"Day {digest.day}", digest.war_date.strftime("%a %d %b %Y")]
    if digest.published:
        parts.append(f"published {digest.published.strftime('%a %d %b %Y %H:%M')}")
    return " · ".join(parts)


def site_votes_text(digest: Digest | DayEntry, short: bool = False) -> str | None:
    """`site: 3.5/5 from 3 votes` (`site 3.5/5, 3` when `short`), or None when unknown."""
    votes = digest.site_votes
    if votes is None:
        return None
    noun = "vote" if votes.count == 1 else "votes"
    if votes.count and votes.average is not None:
        return (
            f"site {votes.average:.1f}/5, {votes.count}"
            if short
            else f"site: {votes.average:.1f}/5 from {votes.count} {noun}"
        )
    return f"site {votes.count}" if short else f"site: {votes.count} {noun}"


def story_renderable(story: Perspective) -> RenderableType:
    """A headline in bold, then its paragraphs, a blank line between each."""
    parts: list[RenderableType] = [Text(safe(story.headline), style="bold")]
    parts += [Padding(Text(safe(paragraph)), (1, 0, 0, 0)) for paragraph in story.paragraphs]
    return Group(*parts)


def side_renderable(digest: Digest, side: str) -> RenderableType:
    """One side's title and every story it has, or a plain note that it is missing."""
    title = Text(side_title(side).upper(), style="bold underline")
    stories = digest.stories(side)
    if not stories:
        return Group(title, Text(), Text(missing_side_note(side), style="italic"))
    body: list[RenderableType] = [title, Text()]
    for index, story in enumerate(stories):
        if index:
            body.append(Rule(style="dim"))
        body.append(story_renderable(story))
    return Group(*body)


def bulletin_renderable(digest: Digest, ascii: bool = False) -> RenderableType:
    """Topic headings in bold with their items as bullets; the lead as a paragraph."""
    parts: list[RenderableType] = []
    for section in digest.sections:
        if section.heading:
            parts.append(Padding(Text(safe(section.heading), style="bold"), (1, 0, 0, 0)))
        items = [safe(item) for item in section.paragraphs]
        if section.heading is None and items:
            parts.append(Padding(Text(items.pop(0)), (1, 0, 0, 0)))
        if items:
            bullets = Table.grid(padding=(0, 1))
            bullets.add_column(no_wrap=True)
            bullets.add_column(ratio=1)
            for item in items:
                bullets.add_row("*" if ascii else "•", Text(item))
            parts.append(Padding(bullets, (0, 0, 0, 2)))
    return Group(*parts)


def digest_renderable(
    digest: Digest, rating: int | None = None, stacked: bool = False, ascii: bool = False
) -> RenderableType:
    """The whole digest for a terminal: header, then the sides side by side or stacked."""
    header = Text()
    header.append(safe_line(digest.title), style="bold")
    header.append("\n" + dateline(digest), style="dim")
    header.append(f"\nYour rating: {stars(rating, ascii)}")
    if votes := site_votes_text(digest):
        header.append(f"   {votes}", style="dim")
    parts: list[RenderableType] = [header, Rule(characters="-" if ascii else "─")]
    if digest.kind is Kind.BULLETIN:
        parts.append(bulletin_renderable(digest, ascii))
    elif stacked:
        for index, side in enumerate(ordered_sides(digest)):
            if index:
                parts.append(Text())
            parts.append(side_renderable(digest, side))
    else:
        grid = Table.grid(expand=True, padding=(0, 3))
        sides = ordered_sides(digest)
        for _ in sides:
            grid.add_column(ratio=1)
        grid.add_row(*(side_renderable(digest, side) for side in sides))
        parts.append(grid)
    if digest.attribution:
        parts.append(Padding(Text(safe(digest.attribution), style="dim"), (1, 0, 0, 0)))
    return Group(*parts)


def plain_text(digest: Digest, rating: int | None = None) -> str:
    """The digest as unwrapped plain text, for pipes and files."""
    lines = [safe_line(digest.title), dateline(digest), f"Your rating: {stars(rating, ascii=True)}"]
    if votes := site_votes_text(digest):
        lines.append(votes.capitalize())
    if digest.kind is Kind.BULLETIN:
        for section in digest.sections:
            lines.append("")
            if section.heading:
                lines += [safe_line(section.heading), ""]
            for index, item in enumerate(map(safe_line, section.paragraphs)):
                lines.append(item if section.heading is None and index == 0 else f"* {item}")
    else:
        for side in ordered_sides(digest):
            lines += ["", side_title(side).upper()]
            stories = digest.stories(side)
            if not stories:
                lines += ["", missing_side_note(side)]
            for story in stories:
                lines += ["", safe_line(story.headline)]
                for paragraph in story.paragraphs:
                    lines += ["", safe_line(paragraph)]
    if digest.attribution:
        lines += ["", safe_line(digest.attribution)]
    return "\n".join(lines) + "\n"


def short(text: str, width: int) -> str:
    """`text` made safe for one line and cut to `width` characters at a word boundary, with an
    ellipsis."""
    text = safe_line(text)
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0] if " " in text[: width - 1] else text[: width - 1]
    return cut.rstrip(" ,;:–—-") + "…"

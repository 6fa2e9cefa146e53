"""`warday export`: digests as JSON (schema warday.digest/1) or Markdown.

Both keep each digest's text exactly as stored: JSON as strings, Markdown with every character
that would format escaped. A control or invisible character (none is stored by this warday; see
`tui_reader.webtext`) is spelled out, as `\u202e` or `&#x202e;`, rather than written raw.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from tui_reader.codec import digest_to_dict
from tui_reader.model import Digest, Kind
from tui_reader.render import dateline, missing_side_note, ordered_sides, side_title, stars
from tui_reader.webtext import escape_invisible

FORMATS = ("json", "markdown")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!&~])")


def to_json(rated: Sequence[tuple[Digest, int | None]], single: bool = False) -> str:
    """One object when `single`, else an array, oldest first as given."""
    objects = [digest_to_dict(digest, rating) for digest, rating in rated]
    return json_text(objects[0] if single else objects)


def json_text(value: object) -> str:
    """`value` as indented JSON, readable (not ASCII-escaped) but with no raw control in it."""
    return escape_invisible(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"


def escape_markdown(text: str) -> str:
    """Web text as literal Markdown (nothing in it becomes formatting or a link)."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"^([-+=])|^(\d+)([.)])", r"\2\\\1\3", text)
    return escape_invisible(text, "&#x{:x};")


def to_markdown(rated: Sequence[tuple[Digest, int | None]]) -> str:
    """Each digest as a Markdown document, separated by rules."""
    documents = []
    for digest, rating in rated:
        lines = [f"# {escape_markdown(digest.title)}", "", f"*{dateline(digest)}*", ""]
        if rating:
            lines += [f"Your rating: {stars(rating)} ({rating}/5)", ""]
        if digest.url:
            lines += [f"<{digest.url}>", ""]
        if digest.kind is Kind.BULLETIN:
            for section in digest.sections:
                if section.heading:
                    lines += [f"## {escape_markdown(section.heading)}", ""]
                for index, item in enumerate(section.paragraphs):
                    lead = section.heading is None and index == 0
                    lines += [escape_markdown(item) if lead else f"- {escape_markdown(item)}", ""]
        else:
            for side in ordered_sides(digest):
                lines += [f"## {side_title(side)}", ""]
                stories = digest.stories(side)
                if not stories:
                    lines += [f"*{missing_side_note(side)}*", ""]
                for story in stories:
                    lines += [f"### {escape_markdown(story.headline)}", ""]
                    for paragraph in story.paragraphs:
                        lines += [escape_markdown(paragraph), ""]
        if digest.attribution:
            lines += [f"*{escape_markdown(digest.attribution)}*", ""]
        documents.append("\n".join(lines).rstrip() + "\n")
    return "\n---\n\n".join(documents)

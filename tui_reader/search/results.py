"""How search results read: Rich text with the matches styled, plain text, JSON and Markdown.

The snippets are web text: they become `rich.text.Text` with styled spans, never markup.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.text import Text

from tui_reader.export import escape_markdown
from tui_reader.store import SearchHit, SearchResults

SIDE_LABELS = {"western": "Western", "russian": "Russian", "bulletin": "Bulletin"}


def side_label(side: str) -> str:
    """`Western`, `Russian`, `Bulletin`."""
    return SIDE_LABELS.get(side, side.capitalize())


def marked(text: str, marks: Sequence[tuple[int, int]], style: str) -> Text:
    """`text` as Rich Text with each (start, end) of `marks` in `style`."""
    result = Text(text)
    for start, end in marks:
        result.stylize(style, start, end)
    return result


def near_first_match(
    snippet: str, marks: Sequence[tuple[int, int]], width: int
) -> tuple[str, list[tuple[int, int]]]:
    """The snippet, cut at the front (`…`) when its first match would not show on a line of
    `width` characters, so that the match comes a third of the way along."""
    if not marks or marks[0][1] < width:
        return snippet, list(marks)
    first = marks[0][0]
    space = snippet.find(" ", max(0, first - width // 3))
    start = space + 1 if 0 <= space < first else first
    return "…" + snippet[start:], [(begin - start + 1, end - start + 1) for begin, end in marks]


def heading(hit: SearchHit) -> str:
    """`Day 993 · Tue 12 Nov 2024 · Russian`."""
    return f"Day {hit.day} · {hit.war_date.strftime('%a %d %b %Y')} · {side_label(hit.side)}"


def hit_text(hit: SearchHit, match_style: str) -> Text:
    """One result for a terminal: the day, date and side; the headline; the snippet."""
    text = Text()
    text.append(f"Day {hit.day}", style="bold")
    text.append(f" · {hit.war_date.strftime('%a %d %b %Y')} · ", style="dim")
    text.append(side_label(hit.side), style="bold")
    if hit.headline and hit.headline != hit.snippet:
        text.append("\n  ")
        text.append(hit.headline, style="italic")
    text.append("\n  ")
    text.append_text(marked(hit.snippet, hit.marks, match_style))
    return text


def plain_text(results: SearchResults) -> str:
    """Every result as plain lines (for pipes): heading, headline, snippet, a blank line."""
    lines: list[str] = []
    for hit in results.hits:
        lines.append(heading(hit))
        if hit.headline and hit.headline != hit.snippet:
            lines.append(f"  {hit.headline}")
        lines += [f"  {hit.snippet}", ""]
    return "\n".join(lines)


def as_dicts(results: SearchResults) -> list[dict[str, Any]]:
    """The results as JSON-ready objects, best first."""
    return [
        {
            "day": hit.day,
            "date": hit.war_date.isoformat(),
            "side": hit.side,
            "headline": hit.headline,
            "snippet": hit.snippet,
            "marks": [list(mark) for mark in hit.marks],
            "score": round(hit.score, 4),
        }
        for hit in results.hits
    ]


def count_text(results: SearchResults) -> str:
    """`12 results`, `1 result`, or `the best 20 of 134 results`."""
    shown, total = len(results.hits), results.total
    noun = "result" if total == 1 else "results"
    return f"{total} {noun}" if shown == total else f"The best {shown} of {total} {noun}"


def to_json(results: SearchResults) -> str:
    return json.dumps(as_dicts(results), ensure_ascii=False, indent=2) + "\n"


def _markdown_snippet(hit: SearchHit) -> str:
    """The snippet with each match in bold, everything else escaped."""
    pieces, done = [], 0
    for start, end in hit.marks:
        pieces.append(escape_markdown(hit.snippet[done:start]))
        pieces.append(f"**{escape_markdown(hit.snippet[start:end])}**")
        done = end
    pieces.append(escape_markdown(hit.snippet[done:]))
    return "".join(pieces)


def to_markdown(query: str, results: SearchResults) -> str:
    """A Markdown report of the results, ready to paste into notes."""
    lines = [f"# Search: {escape_markdown(query)}", "", f"{count_text(results)}, best first.", ""]
    for hit in results.hits:
        lines += [f"## {heading(hit)}", ""]
        if hit.headline and hit.headline != hit.snippet:
            lines += [f"*{escape_markdown(hit.headline)}*", ""]
        lines += [f"> {_markdown_snippet(hit)}", ""]
    return "\n".join(lines).rstrip() + "\n"

"""Comparing the two sides of a day: `warday compare DAY [--json]`."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tui_reader.cli.reading import _stored_or_sample
from tui_reader.cli.session import OK, AddCommand, Session, day_argument
from tui_reader.store import StoreError

if TYPE_CHECKING:
    from tui_reader.compare import Comparison, Figure, Term


def cmd_compare(args: argparse.Namespace, session: Session) -> int:
    from tui_reader.compare import USER_FILE, cached_comparison, compare_digest, load_spellings

    digest = _stored_or_sample(session, args.day)
    spellings = load_spellings(session.places.config_dir / USER_FILE)
    try:
        comparison = cached_comparison(session.store, digest, spellings)
    except StoreError as error:
        session.say(f"warday: {error} The comparison is shown but not kept.")
        comparison = compare_digest(digest, spellings)
    if args.json:
        text = json.dumps(comparison_json(comparison), ensure_ascii=False, indent=2)
        session.out.file.write(text + "\n")
    elif session.out.is_terminal:
        session.out.print(comparison_renderable(comparison))
    else:
        session.out.file.write(comparison_plain(comparison))
    if session.store.is_sample(args.day):
        session.say("This is the bundled sample digest.")
    return OK


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """The `--json` object: the day, its terms by who names them, every figure, the pairs."""

    def term(term: Term, *sides: str) -> dict[str, Any]:
        entry: dict[str, Any] = {"term": term.term, "kind": term.kind}
        for side in sides:
            entry[side] = list(getattr(term, side))
        if term.background:
            entry["background"] = True
        return entry

    return {
        "day": comparison.day,
        "kind": comparison.kind,
        "shared": [term(t, "western", "russian") for t in comparison.shared],
        "western_only": [term(t, "western") for t in comparison.western_only],
        "russian_only": [term(t, "russian") for t in comparison.russian_only],
        "figures": [
            {
                "side": f.side,
                "value": f.number,
                "unit": f.unit,
                "kind": f.kind,
                "text": f.text,
                "qualifier": f.qualifier,
                "approx": f.approx,
                "owner": f.owner,
            }
            for f in comparison.figures
        ],
        "pairs": [
            {
                "kind": pair.kind,
                "owner": pair.owner,
                "western": [f.number for f in pair.western],
                "russian": [f.number for f in pair.russian],
                "label": pair.label(),
            }
            for pair in comparison.pairs
        ],
    }


def _names(terms: tuple[Term, ...], side: str) -> str:
    """`Defence Ministry (MOD, Defense Ministry), Moscow, ...`: a term, and how the side spelt
    it when that differs."""
    parts = []
    for term in terms:
        spellings = [s for s in getattr(term, side) if s != term.term]
        parts.append(f"{term.term} ({', '.join(spellings)})" if spellings else term.term)
    return ", ".join(parts) or "(none)"


def _figure_texts(figures: tuple[Figure, ...]) -> str:
    """Each figure's words once: `Five Ukrainian tanks; more than 300 troops; ...`."""
    texts = {f.text.casefold(): f.text for f in reversed(figures)}
    return "; ".join(reversed(texts.values())) or "(none)"


def _headings(comparison: Comparison) -> dict[str, str]:
    if comparison.kind == "bulletin":
        return {"western": "Names in the bulletin (one Reuters account, nothing to compare)"}
    return {
        "shared": "Both sides name",
        "western": "Western only",
        "russian": "Russian only",
        "pairs": "Figures both sides give",
    }


def comparison_plain(comparison: Comparison) -> str:
    """The comparison as plain text, for pipes and files."""
    headings = _headings(comparison)
    lines = [f"Day {comparison.day}: the two sides compared", ""]
    if "shared" in headings:
        lines.append(f"{headings['shared']}:")
        for term in comparison.shared:
            west, east = ", ".join(term.western), ", ".join(term.russian)
            lines.append(f"  {term.term}: Western {west}; Russian {east}")
        if not comparison.shared:
            lines.append("  (none)")
    lines.append(f"{headings['western']}: {_names(comparison.western_only, 'western')}")
    if "russian" in headings:
        lines.append(f"{headings['russian']}: {_names(comparison.russian_only, 'russian')}")
        lines.append(f"{headings['pairs']}:")
        lines += [f"  {pair.label()}" for pair in comparison.pairs] or ["  (none)"]
    unpaired = comparison.unpaired()
    for side in ("western", "russian"):
        figures = tuple(f for f in unpaired if f.side == side)
        if side in headings and (figures or side == "western"):
            lines.append(f"{side.capitalize()} figures: {_figure_texts(figures)}")
    return "\n".join(lines) + "\n"


def comparison_renderable(comparison: Comparison) -> RenderableType:
    """The comparison for a terminal: shared names with each side's spellings in a table, then
    what only one side names, then the figures."""
    headings = _headings(comparison)
    parts: list[RenderableType] = [
        Text(f"Day {comparison.day}: the two sides compared", style="bold")
    ]

    def section(title: str, body: RenderableType) -> None:
        parts.append(Padding(Text(title, style="bold underline"), (1, 0, 0, 0)))
        parts.append(Padding(body, (0, 0, 0, 2)))

    if "shared" in headings:
        table = Table(box=None, pad_edge=False, header_style="bold", expand=False)
        table.add_column("Term", style="bold")
        table.add_column("Western", overflow="fold")
        table.add_column("Russian", overflow="fold")
        for term in comparison.shared:
            style = "dim" if term.background else ""
            table.add_row(
                Text(term.term, style=style),
                Text(", ".join(term.western), style=style),
                Text(", ".join(term.russian), style=style),
            )
        section(headings["shared"], table if comparison.shared else Text("(none)"))
    section(headings["western"], Text(_names(comparison.western_only, "western")))
    if "russian" in headings:
        section(headings["russian"], Text(_names(comparison.russian_only, "russian")))
        pairs = Table(box=None, pad_edge=False, header_style="bold")
        pairs.add_column("Counts")
        pairs.add_column("Western", justify="right")
        pairs.add_column("Russian", justify="right")
        for pair in comparison.pairs:
            west = ", ".join(dict.fromkeys(f.amount for f in pair.western))
            east = ", ".join(dict.fromkeys(f.amount for f in pair.russian))
            owner = f" ({pair.owner})" if pair.owner else ""
            pairs.add_row(Text(pair.kind + owner), Text(west), Text(east))
        section(headings["pairs"], pairs if comparison.pairs else Text("(none)"))
    unpaired = comparison.unpaired()
    for side in ("western", "russian"):
        figures = tuple(f for f in unpaired if f.side == side)
        if side in headings and (figures or side == "western"):
            section(f"{side.capitalize()} figures", Text(_figure_texts(figures)))
    return Group(*parts)


def register(add: AddCommand) -> None:
    sub = add(
        "compare",
        cmd_compare,
        "the names and figures both sides of a day give, and those only one side gives",
    )
    sub.add_argument("day", type=day_argument)
    sub.add_argument("--json", action="store_true", help="print a JSON object for scripts")

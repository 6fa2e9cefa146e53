"""`warday search`: the archive's full-text index from the command line."""

from __future__ import annotations

import argparse
import re
from datetime import date
from textwrap import shorten
from typing import TYPE_CHECKING

from tui_reader.cli.session import FAILED, OK, USAGE, AddCommand, Session
from tui_reader.model import day_number

if TYPE_CHECKING:
    from tui_reader.search.query import Query

QUOTED_QUERY = 80
"""A query quoted back in a message is cut to this many characters."""

MATCH_STYLE = "bold reverse"
"""How a match stands out on a terminal (visible without colour too)."""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def day_or_date_argument(text: str) -> int:
    """A day number (`993`) or a war date (`2024-11-12`), as a day number."""
    if text.isdigit() and int(text) >= 1:
        return int(text)
    if _DATE.fullmatch(text):
        try:
            day = day_number(date.fromisoformat(text))
        except ValueError:
            day = 0
        if day >= 1:
            return day
    raise argparse.ArgumentTypeError(
        f"a day is a number from 1 or a date from 2022-02-24 like 2024-11-12, not {text!r}"
    )


def limit_argument(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"a limit is a whole number (0 for all), not {text!r}")
    return int(text)


def with_spellings(query: Query, session: Session) -> Query:
    """`query` finding the names it holds in every known spelling (a bad spellings.toml is
    said, and the words are searched as typed)."""
    from tui_reader.compare.spellings import USER_FILE, SpellingsError, spellings_for_search

    try:
        spellings = spellings_for_search(session.places.config_dir / USER_FILE)
    except SpellingsError as error:
        session.say(f"warday: {error} Searching for the words as typed.")
        return query
    return query.with_spellings(spellings.other_spellings)


def spelling_note(query: Query) -> str:
    names = ", ".join(query.names)
    return f"Every spelling of {names} is searched; quote a word to search it as typed."


def cmd_search(args: argparse.Namespace, session: Session) -> int:
    from tui_reader.search.query import QueryError, parse_query
    from tui_reader.search.results import count_text, hit_text, plain_text, to_json, to_markdown

    try:
        query = parse_query(" ".join(args.query))
    except QueryError as error:
        session.say(f"warday search: {error}")
        return USAGE
    if args.since is not None and args.until is not None and args.since > args.until:
        session.say(
            f"warday search: --since (Day {args.since}) comes after --until (Day {args.until});"
            " swap them."
        )
        return USAGE
    if args.side:
        query = query.on_sides({args.side})
    query = with_spellings(query, session)
    output = "json" if args.json else args.format
    if query.names and output == "text":
        session.say(spelling_note(query))
    results = session.store.search(query, args.since, args.until, args.limit or None)
    if output == "json":
        session.out.file.write(to_json(results))
    elif output == "markdown":
        session.out.file.write(to_markdown(query.text, results))
    elif not session.out.is_terminal:
        session.out.file.write(plain_text(results))
    else:
        for index, hit in enumerate(results.hits):
            if index:
                session.out.print()
            session.out.print(hit_text(hit, MATCH_STYLE))
    if not results.hits:
        if session.store.count() == 0:
            session.say(
                "Nothing is stored yet; add digests with `warday fetch` or `warday import`."
            )
        else:
            session.say(f"Nothing matches {shorten(query.text, QUOTED_QUERY, placeholder=' …')}.")
        return FAILED
    if len(results.hits) < results.total and output == "text":
        session.say(f"{count_text(results)}; --limit 0 shows them all.")
    return OK


def register(add: AddCommand) -> None:
    sub = add(
        "search",
        cmd_search,
        'search every stored day: words, "phrases", OR, -word, side:western|russian|bulletin',
    )
    sub.epilog = (
        "Quote a query that holds quotes or a -word: warday search '\"grain deal\" -russia'."
        " Results come best first, one per side of a day."
    )
    sub.add_argument("query", nargs="+", metavar="QUERY", help="what to look for")
    sub.set_defaults(query_command="search")
    sub.add_argument(
        "--side", choices=("western", "russian", "bulletin"), help="only this side's text"
    )
    sub.add_argument(
        "--since", type=day_or_date_argument, metavar="DAY", help="from this day (or date) on"
    )
    sub.add_argument(
        "--until", type=day_or_date_argument, metavar="DAY", help="up to this day (or date)"
    )
    sub.add_argument(
        "--limit",
        type=limit_argument,
        default=20,
        metavar="N",
        help="at most N results (default 20; 0 for all)",
    )
    output = sub.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print a JSON array for scripts")
    output.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="text (default), json, or a markdown report",
    )

"""Reading from the command line: the reader itself, list, show, export and rate."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.table import Table
from rich.text import Text

from tui_reader.cli.session import (
    FAILED,
    OK,
    AddCommand,
    Session,
    day_argument,
    stars_argument,
    utf8_output,
    write_atomically,
)
from tui_reader.model import DayEntry, Digest
from tui_reader.store import StoreError


def cmd_open(args: argparse.Namespace, session: Session) -> int:
    from tui_reader.app import run_reader

    return run_reader(session.places, session.config, session.store, args.day)


def _entries(session: Session) -> list[DayEntry]:
    """Stored days, or the bundled sample (marked) when nothing is stored."""
    entries = session.store.days()
    if entries or session.store.read_only:
        return entries
    from tui_reader.sample import store_sample

    store_sample(session.store)
    return session.store.days()


def cmd_list(args: argparse.Namespace, session: Session) -> int:
    from tui_reader.render import short, stars

    entries = _entries(session)
    if args.json:
        rows = [
            {
                "day": entry.day,
                "war_date": entry.war_date.isoformat(),
                "published": entry.published.isoformat() if entry.published else None,
                "kind": entry.kind.value,
                "headlines": entry.headlines,
                "rating": entry.rating,
                "read": entry.read,
                "sample": entry.sample,
                "site_votes": (
                    {"count": entry.site_votes.count, "average": entry.site_votes.average}
                    if entry.site_votes
                    else None
                ),
            }
            for entry in entries
        ]
        from tui_reader.export import json_text

        session.out.file.write(json_text(rows))
        return OK
    ascii = not utf8_output()
    table = Table(box=None, pad_edge=False, expand=True, header_style="bold")
    table.add_column("Day", justify="right", no_wrap=True, min_width=4)
    table.add_column("Date", no_wrap=True, min_width=11)
    table.add_column("Western", overflow="ellipsis", no_wrap=True, ratio=1)
    table.add_column("Russian", overflow="ellipsis", no_wrap=True, ratio=1)
    table.add_column("Rating", no_wrap=True, min_width=6)
    table.add_column("", no_wrap=True, min_width=6)
    for entry in entries:
        if entry.kind.value == "bulletin":
            western, russian = "Bulletin: " + entry.headlines.get("bulletin", ""), ""
        else:
            western = entry.headlines.get("western", "(none)")
            russian = entry.headlines.get("russian", "(none)")
        mark = "sample" if entry.sample else ("" if entry.read else "new")
        table.add_row(
            str(entry.day),
            entry.war_date.strftime("%d %b %Y"),
            Text(short(western, 200)),
            Text(short(russian, 200)),
            stars(entry.rating, ascii),
            Text(mark, style="italic" if entry.sample else "bold"),
        )
    session.out.print(table)
    if any(entry.sample for entry in entries):
        session.say(
            "Showing the bundled sample. Add digests with `warday fetch` or `warday import FILE`."
        )
    return OK


def _stored_or_sample(session: Session, day: int) -> Digest:
    digest = session.store.digest(day)
    if digest is None and session.store.count() == 0 and not session.store.read_only:
        from tui_reader.sample import store_sample

        store_sample(session.store)
        digest = session.store.digest(day)
    if digest is None:
        raise StoreError(
            f"Day {day} is not stored; import or fetch it first (`warday list` shows what is)."
        )
    return digest


def cmd_show(args: argparse.Namespace, session: Session) -> int:
    from tui_reader.render import SIDE_BY_SIDE_MIN_WIDTH, digest_renderable, plain_text

    digest = _stored_or_sample(session, args.day)
    rating = session.store.rating(args.day)
    if not session.out.is_terminal:
        session.out.file.write(plain_text(digest, rating))
        return OK
    stacked = args.stacked or session.out.width < SIDE_BY_SIDE_MIN_WIDTH
    session.out.print(digest_renderable(digest, rating, stacked, ascii=not utf8_output()))
    if session.store.is_sample(args.day):
        session.say("This is the bundled sample digest.")
    return OK


def _ratings_toml(session: Session) -> str:
    """Every rating and read mark in the ratings.toml format: from the store, or straight from
    the data dir's ratings.toml when the store cannot be opened."""
    from tui_reader.disk.ratings_file import RatingsFile, to_toml

    try:
        records = session.store.rating_records()
    except StoreError as error:
        session.say(f"warday: {error} Exporting {session.places.ratings_file} as it is.")
        records = RatingsFile(session.places.ratings_file).read()
    return to_toml(records)


def _write(args: argparse.Namespace, session: Session, text: str, what: str) -> None:
    if args.output:
        write_atomically(Path(args.output), text)
        session.say(f"Wrote {what} to {args.output}.")
    else:
        session.out.file.write(text)


def cmd_export(args: argparse.Namespace, session: Session) -> int:
    from tui_reader.export import to_json, to_markdown

    if args.ratings:
        _write(args, session, _ratings_toml(session), "your ratings and read marks")
        return OK
    store = session.store
    days = args.days or sorted(entry.day for entry in store.days() if not entry.sample)
    rated, missing = [], []
    for day in days:
        digest = store.digest(day)
        if digest is None:
            missing.append(day)
        else:
            rated.append((digest, store.rating(day)))
    if args.format == "json":
        text = to_json(rated, single=len(args.days) == 1 and bool(rated))
    else:
        text = to_markdown(rated)
    _write(args, session, text, f"{len(rated)} digest(s)")
    if missing:
        session.say(f"Not stored, so not exported: Day {', '.join(map(str, missing))}.")
        return FAILED
    return OK


def cmd_rate(args: argparse.Namespace, session: Session) -> int:
    _stored_or_sample(session, args.day)
    session.store.rate(args.day, args.stars or None)
    message = (
        f"Day {args.day} rated {args.stars}/5." if args.stars else f"Day {args.day} rating cleared."
    )
    session.out.print(Text(message))
    if args.stars and session.config.submit_ratings:
        from tui_reader.fetch import queue_and_send_vote

        answer = queue_and_send_vote(session.places, session.config, args.day, args.stars)
        session.out.print(Text(f"Vote: {answer}"))
    return OK


def register(add: AddCommand) -> None:
    sub = add("open", cmd_open, "open the reader (the default command)")
    sub.add_argument("day", nargs="?", type=day_argument, help="open at this day")

    sub = add("list", cmd_list, "list stored days with headlines, rating and read mark")
    sub.add_argument("--json", action="store_true", help="print a JSON array for scripts")

    sub = add("show", cmd_show, "print one day, the two perspectives side by side")
    sub.add_argument("day", type=day_argument)
    sub.add_argument("--stacked", action="store_true", help="one perspective after the other")

    sub = add(
        "export", cmd_export, "export days as JSON or Markdown (all days, oldest first, by default)"
    )
    sub.add_argument("days", nargs="*", type=day_argument, metavar="DAY")
    sub.add_argument("--format", choices=("json", "markdown"), default="json")
    sub.add_argument(
        "--ratings",
        action="store_true",
        help="export your ratings and read marks instead, as TOML (for `warday restore-ratings`)",
    )
    sub.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )

    sub = add("rate", cmd_rate, "rate a day 1-5 stars (0 clears)")
    sub.add_argument("day", type=day_argument)
    sub.add_argument("stars", type=stars_argument)

"""The `warday` command: subcommands, each a thin call into the modules that do the work.

Exit status: 0 success, 1 failure or partial failure, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich_argparse import RichHelpFormatter

from tui_reader import __version__
from tui_reader.config import Config, ConfigError, load_config
from tui_reader.model import DayEntry, Digest
from tui_reader.places import Places, resolve_places
from tui_reader.store import Store, StoreError

OK, FAILED, USAGE = 0, 1, 2


class Session:
    """What every command needs, opened only when first used."""

    def __init__(self, home: str | None) -> None:
        self.places: Places = resolve_places(home)
        self.out = Console(highlight=False)
        self.err = Console(stderr=True, highlight=False)

    @cached_property
    def config(self) -> Config:
        return load_config(self.places.config_file)

    @cached_property
    def store(self) -> Store:
        self.places.create()
        self.config  # noqa: B018 - writes the commented defaults on first run
        return Store(self.places.database)

    def say(self, message: str) -> None:
        """One plain line on stderr, never read as markup."""
        self.err.print(Text(message), soft_wrap=True)


def _day(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"a day is a whole number from 1, not {text!r}")
    return int(text)


def _stars(text: str) -> int:
    if text not in {"0", "1", "2", "3", "4", "5"}:
        raise argparse.ArgumentTypeError(f"stars are 1 to 5 (0 clears), not {text!r}")
    return int(text)


# -- commands ---------------------------------------------------------------------------


def cmd_open(args: argparse.Namespace, session: Session) -> int:
    from tui_reader.app import run_reader

    return run_reader(session.places, session.config, session.store, args.day)


def cmd_import(args: argparse.Namespace, session: Session) -> int:
    from tui_reader.importer import import_paths

    failed = 0
    counts: dict[str, int] = {}
    for report in import_paths(session.store, args.paths):
        counts[report.outcome] = counts.get(report.outcome, 0) + 1
        line = Text(
            f"{report.outcome:>9}  ", style="bold" if report.outcome != "skipped" else "red"
        )
        line.append(report.origin)
        if report.day is not None:
            line.append(f"  (Day {report.day})", style="dim")
        if report.reason:
            failed += 1
            line.append(f": {report.reason}")
        session.out.print(line)
    order = ("added", "updated", "unchanged", "skipped")
    summary = ", ".join(f"{counts[o]} {o}" for o in order if o in counts) or "nothing to import"
    session.out.print(Text(summary, style="dim"))
    return FAILED if failed or not counts else OK


def _entries(session: Session) -> list[DayEntry]:
    """Stored days, or the bundled sample (marked) when nothing is stored."""
    entries = session.store.days()
    if entries:
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
        session.out.file.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return OK
    ascii = not _utf8_output()
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


def _utf8_output() -> bool:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return encoding.startswith("utf")


def _stored_or_sample(session: Session, day: int) -> Digest:
    digest = session.store.digest(day)
    if digest is None and session.store.count() == 0:
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
    session.out.print(digest_renderable(digest, rating, stacked, ascii=not _utf8_output()))
    if session.store.is_sample(args.day):
        session.say("This is the bundled sample digest.")
    return OK


def cmd_export(args: argparse.Namespace, session: Session) -> int:
    from tui_reader.export import to_json, to_markdown

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
    if args.output:
        _write_atomically(Path(args.output), text)
        session.say(f"Wrote {len(rated)} digest(s) to {args.output}.")
    else:
        session.out.file.write(text)
    if missing:
        session.say(f"Not stored, so not exported: Day {', '.join(map(str, missing))}.")
        return FAILED
    return OK


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise StoreError(f"{path} cannot be written ({error.strerror}).") from None


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


def cmd_fetch(args: argparse.Namespace, session: Session) -> int:
    from tui_reader.fetch import SyncScope, sync_blocking
    from tui_reader.fetch.progress import SyncDisplay

    for url in args.urls:
        if not url.startswith(("http://", "https://")):
            session.say(f"warday fetch: {url!r} is not an http:// or https:// address.")
            return USAGE
    scope = SyncScope(days=args.days, since=args.since, all=args.all)
    store, config = session.store, session.config
    if not (args.urls or config.sources):
        session.say(
            "warday fetch: no sources; list some under `sources` in"
            f" {session.places.config_file} or name URLs."
        )
        return FAILED
    if not (args.quiet or args.json) and session.err.is_terminal:
        with SyncDisplay(session.err) as display:
            report = sync_blocking(
                store, config, urls=tuple(args.urls), scope=scope, on_progress=display.update
            )
    else:
        report = sync_blocking(store, config, urls=tuple(args.urls), scope=scope)
    if args.json:
        fields = (
            "pages_read",
            "digests_found",
            "new",
            "updated",
            "failed",
            "offline",
            "requests",
            "votes_sent",
            "errors",
            "summary",
        )
        session.out.file.write(
            json.dumps(
                {name: getattr(report, name) for name in fields}, ensure_ascii=False, indent=2
            )
            + "\n"
        )
    elif report.offline:
        session.say(report.summary)
    else:
        for error in report.errors:
            session.say(f"failed: {error}")
        if not args.quiet:
            session.out.print(Text(report.summary), soft_wrap=True)
    return OK if report.ok else FAILED


def cmd_reparse(args: argparse.Namespace, session: Session) -> int:
    from tui_reader.parse import NotADigest, reread

    changed = unchanged = failed = 0
    for day, raw in session.store.raw_pages():
        try:
            digest = reread(raw)
            outcome = session.store.save(digest, sample=session.store.is_sample(day))
        except (NotADigest, StoreError) as error:
            failed += 1
            session.say(f"Day {day} ({raw.origin}): kept as it was; {error}")
            continue
        if outcome.value == "unchanged":
            unchanged += 1
        else:
            changed += 1
    session.out.print(
        Text(
            f"Re-read {changed + unchanged + failed} stored pages: {changed} changed,"
            f" {unchanged} unchanged, {failed} failed."
        )
    )
    return FAILED if failed else OK


def cmd_config(args: argparse.Namespace, session: Session) -> int:
    session.config  # noqa: B018 - writes the commented defaults on first run
    places = session.places
    rows = [
        ("config", places.config_file),
        ("data", places.data_dir),
        ("cache", places.cache_dir),
        ("database", places.database),
    ]
    if args.path:
        for _, path in rows:
            session.out.file.write(f"{path}\n")
        return OK
    for name, path in rows:
        session.out.print(Text(f"{name:>9}  {path}"))
    return OK


def cmd_keys(args: argparse.Namespace, session: Session) -> int:
    from tui_reader.app.keys import key_table, unknown_ids

    keymap = session.config.keys
    for binding_id, keys, description, where in key_table(keymap, ascii=not _utf8_output()):
        session.out.print(Text(f"{binding_id:<16} {keys:<14} {description:<22} {where}"))
    if unknown := unknown_ids(keymap):
        session.say(f"config.toml [keys] names no binding called {', '.join(unknown)}.")
        return FAILED
    return OK


Command = Callable[[argparse.Namespace, Session], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="warday",
        description=(
            "Read the daily Russia-Ukraine war digest, Western and Russian perspectives"
            " side by side."
        ),
        epilog="With no command, warday opens the reader (at DAY, if given: `warday 993`).",
        formatter_class=RichHelpFormatter,
    )
    parser.add_argument(
        "--home", metavar="DIR", help="keep config, data and cache under DIR (or set WARDAY_HOME)"
    )
    parser.add_argument("--version", action="version", version=f"warday {__version__}")
    parser.set_defaults(run=cmd_open, day=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def add(name: str, run: Command, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name, help=help, description=help, formatter_class=RichHelpFormatter
        )
        sub.set_defaults(run=run)
        return sub

    sub = add("open", cmd_open, "open the reader (the default command)")
    sub.add_argument("day", nargs="?", type=_day, help="open at this day")

    sub = add(
        "import", cmd_import, "import digests from text or HTML files, directories, or - (stdin)"
    )
    sub.add_argument("paths", nargs="+", metavar="PATH")

    sub = add("list", cmd_list, "list stored days with headlines, rating and read mark")
    sub.add_argument("--json", action="store_true", help="print a JSON array for scripts")

    sub = add("show", cmd_show, "print one day, the two perspectives side by side")
    sub.add_argument("day", type=_day)
    sub.add_argument("--stacked", action="store_true", help="one perspective after the other")

    sub = add(
        "export", cmd_export, "export days as JSON or Markdown (all days, oldest first, by default)"
    )
    sub.add_argument("days", nargs="*", type=_day, metavar="DAY")
    sub.add_argument("--format", choices=("json", "markdown"), default="json")
    sub.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )

    sub = add("rate", cmd_rate, "rate a day 1-5 stars (0 clears)")
    sub.add_argument("day", type=_day)
    sub.add_argument("stars", type=_stars)

    add("reparse", cmd_reparse, "parse every stored original again (no network needed)")

    sub = add(
        "fetch", cmd_fetch, "fetch new digests from the site (the configured sources, or URLs)"
    )
    sub.add_argument(
        "urls",
        nargs="*",
        metavar="URL",
        help="an item page, a category listing or an RSS/Atom feed",
    )
    scope = sub.add_mutually_exclusive_group()
    scope.add_argument(
        "--days", type=_day, metavar="N", help="also re-read the newest N days listed"
    )
    scope.add_argument(
        "--since", type=_day, metavar="DAY", help="also re-read every day from DAY on"
    )
    scope.add_argument(
        "--all", action="store_true", help="read every listing page and re-read every item"
    )
    output = sub.add_mutually_exclusive_group()
    output.add_argument("--quiet", action="store_true", help="print only failures")
    output.add_argument("--json", action="store_true", help="print the outcome as JSON for scripts")

    sub = add("config", cmd_config, "show where warday keeps its config, data and cache")
    sub.add_argument("--path", action="store_true", help="print just the paths, one a line")

    add(
        "keys",
        cmd_keys,
        "list the reader's keys and the binding ids that remap them in config.toml",
    )
    return parser


def _with_default_command(argv: list[str]) -> list[str]:
    """`warday 993` means `warday open 993`."""
    index = 0
    while index < len(argv) and argv[index].startswith("-"):
        index += 2 if argv[index] == "--home" else 1
    if index < len(argv) and argv[index].isdigit():
        return [*argv[:index], "open", *argv[index:]]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _with_default_command(list(sys.argv[1:] if argv is None else argv))
    args = build_parser().parse_args(arguments)
    session = Session(args.home)
    try:
        code: int = args.run(args, session)
        return code
    except (StoreError, ConfigError) as error:
        session.say(f"warday: {error}")
        return FAILED
    except KeyboardInterrupt:
        session.say("warday: interrupted; everything stored so far is kept.")
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return OK

"""Filling the archive: import files, fetch from the site, re-read the stored originals."""

from __future__ import annotations

import argparse

from rich.text import Text

from tui_reader.cli.session import FAILED, OK, USAGE, AddCommand, Session, day_argument
from tui_reader.store import StoreError
from tui_reader.webtext import safe_line


def cmd_import(args: argparse.Namespace, session: Session) -> int:
    from tui_reader.importer import import_paths

    failed = 0
    counts: dict[str, int] = {}
    max_bytes = int(session.config.max_page_mb * 1024 * 1024)
    for report in import_paths(session.writable_store(), args.paths, max_bytes):
        counts[report.outcome] = counts.get(report.outcome, 0) + 1
        line = Text(
            f"{report.outcome:>9}  ", style="bold" if report.outcome != "skipped" else "red"
        )
        line.append(safe_line(report.origin))
        if report.day is not None:
            line.append(f"  (Day {report.day})", style="dim")
        if report.reason:
            failed += 1
            line.append(f": {safe_line(report.reason)}")
        session.out.print(line)
    order = ("added", "updated", "unchanged", "skipped")
    summary = ", ".join(f"{counts[o]} {o}" for o in order if o in counts) or "nothing to import"
    session.out.print(Text(summary, style="dim"))
    return FAILED if failed or not counts else OK


def cmd_fetch(args: argparse.Namespace, session: Session) -> int:
    from tui_reader.fetch import SyncScope, sync_blocking
    from tui_reader.fetch.progress import SyncDisplay
    from tui_reader.fetch.site import split_url

    for url in args.urls:
        if not url.startswith(("http://", "https://")) or not split_url(url).netloc:
            session.say(f"warday fetch: {url!r} is not an http:// or https:// address.")
            return USAGE
    scope = SyncScope(days=args.days, since=args.since, all=args.all)
    store, config = session.writable_store(), session.config
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
        from tui_reader.export import json_text

        session.out.file.write(json_text({name: getattr(report, name) for name in fields}))
    elif report.offline:
        session.say(report.summary)
    else:
        for error in report.errors:
            session.say(f"failed: {error}")
        if not args.quiet:
            session.out.print(Text(report.summary), soft_wrap=True)
    return OK if report.ok else FAILED


def cmd_reparse(args: argparse.Namespace, session: Session) -> int:
    from tui_reader.parse import NotADigest, reread, unreadable

    changed = unchanged = failed = 0
    session.writable_store()
    for day, raw in session.store.raw_pages():
        try:
            digest = reread(raw)
            outcome = session.store.save(digest, sample=session.store.is_sample(day))
        except (NotADigest, StoreError) as error:
            failed += 1
            session.say(f"Day {day} ({raw.origin}): kept as it was; {error}")
            continue
        except Exception as error:  # a parser fault must not stop the pages after this one
            failed += 1
            session.say(f"Day {day} ({raw.origin}): kept as it was; {unreadable(error)}")
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


def register(add: AddCommand) -> None:
    sub = add(
        "import", cmd_import, "import digests from text or HTML files, directories, or - (stdin)"
    )
    sub.add_argument("paths", nargs="+", metavar="PATH")

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
        "--days", type=day_argument, metavar="N", help="also re-read the newest N days listed"
    )
    scope.add_argument(
        "--since", type=day_argument, metavar="DAY", help="also re-read every day from DAY on"
    )
    scope.add_argument(
        "--all", action="store_true", help="read every listing page and re-read every item"
    )
    output = sub.add_mutually_exclusive_group()
    output.add_argument("--quiet", action="store_true", help="print only failures")
    output.add_argument("--json", action="store_true", help="print the outcome as JSON for scripts")

    add("reparse", cmd_reparse, "parse every stored original again (no network needed)")

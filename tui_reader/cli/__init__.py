"""The `warday` command: subcommands, each a thin call into the modules that do the work.

One module per group of commands (`reading`, `library`, `upkeep`, `search`, `compare`,
`timeline`, `setup`, `serve`), each registering its own subcommands. Exit status: 0 success,
1 failure or partial failure, 2 usage error. A failure is one plain sentence on stderr, never a
traceback (unless `--debug`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from rich_argparse import RichHelpFormatter

from tui_reader import __version__
from tui_reader.cli import (
    compare,
    library,
    reading,
    search,
    serve,
    setup,
    timeline,
    upkeep,
)
from tui_reader.cli.session import FAILED, OK, Command, Session
from tui_reader.config import ConfigError
from tui_reader.disk.ratings_file import RatingsFileError
from tui_reader.store import StoreDamaged, StoreError

__all__ = ["build_parser", "main"]

COMMAND_GROUPS = (reading, library, upkeep, search, compare, timeline, setup, serve)


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
    parser.add_argument(
        "--debug", action="store_true", help="show the full traceback when something fails"
    )
    parser.add_argument("--version", action="version", version=f"warday {__version__}")
    parser.set_defaults(run=reading.cmd_open, day=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def add(name: str, run: Command, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name, help=help, description=help, formatter_class=RichHelpFormatter
        )
        sub.set_defaults(run=run)
        return sub

    for group in COMMAND_GROUPS:
        group.register(add)
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
        code = _run(args, session)
        session.finish()
        return code
    except KeyboardInterrupt:
        session.say("warday: interrupted; everything stored so far is kept.")
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return OK
    except Exception as error:
        if args.debug:
            raise
        session.say(f"warday: {_plain(error)}")
        return FAILED
    finally:
        if "store" in session.__dict__:
            session.store.close()


def _run(args: argparse.Namespace, session: Session) -> int:
    """Run the command; damage found on the way is repaired (and said) and the command rerun."""
    try:
        code: int = args.run(args, session)
    except StoreDamaged as damage:
        if args.debug:
            raise
        session.recover(damage)
        code = args.run(args, session)
    return code


def _plain(error: Exception) -> str:
    """One sentence for any failure: the store's and config's own, or the system's."""
    if isinstance(error, StoreError | ConfigError | RatingsFileError):
        return str(error)
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return (
            f"{where}{error.strerror or error}; check that it exists and that you may use it"
            " (or set WARDAY_HOME to a directory you can write)."
        )
    return (
        f"unexpected {type(error).__name__}: {error}. Nothing more was changed; run again"
        " with --debug to see where it happened."
    )

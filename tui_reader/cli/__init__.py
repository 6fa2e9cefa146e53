"""The `warday` command: subcommands, each a thin call into the modules that do the work.

One module per group of commands (`reading`, `library`, `upkeep`, `search`, `compare`,
`timeline`, `setup`, `serve`), each registering its own subcommands, loaded when a command is
given. Exit status: 0 success, 1 failure or partial failure, 2 usage error. A failure is one plain
sentence on stderr, never a traceback (unless `--debug`).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import NoReturn

from tui_reader import __version__
from tui_reader.cli import reading
from tui_reader.cli.session import FAILED, OK, USAGE, Command, Session
from tui_reader.config import ConfigError
from tui_reader.disk.ratings_file import RatingsFileError
from tui_reader.store import StoreDamaged, StoreError

__all__ = ["build_parser", "main"]

COMMAND_GROUPS = ("reading", "library", "upkeep", "search", "compare", "timeline", "setup", "serve")
"""The modules of `tui_reader.cli` that register subcommands, loaded only when a command is
given: plain `warday` opens the reader without them."""

_LEFT_OUT_WORD = re.compile(r"-[^\W\d_][\w*]*")
"""`-tanks`: a word left out of a search, which the shell passes on as an option."""


def _help_formatter(prog: str) -> argparse.HelpFormatter:
    """rich-argparse's formatter, loaded only when help or a usage error is printed."""
    from rich_argparse import RichHelpFormatter

    return RichHelpFormatter(prog)


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The `warday` parser; without `commands`, only its options (enough to open the reader)."""
    parser = argparse.ArgumentParser(
        prog="warday",
        description=(
            "Read the daily Russia-Ukraine war digest, Western and Russian perspectives"
            " side by side."
        ),
        epilog="With no command, warday opens the reader (at DAY, if given: `warday 993`).",
        formatter_class=_help_formatter,
    )
    parser.add_argument(
        "--home", metavar="DIR", help="keep config, data and cache under DIR (or set WARDAY_HOME)"
    )
    parser.add_argument(
        "--debug", action="store_true", help="show the full traceback when something fails"
    )
    parser.add_argument("--version", action="version", version=f"warday {__version__}")
    parser.set_defaults(run=reading.cmd_open, day=None)
    if not commands:
        return parser
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")

    def add(name: str, run: Command, help: str) -> argparse.ArgumentParser:
        sub = subparsers.add_parser(
            name, help=help, description=help, formatter_class=_help_formatter
        )
        sub.set_defaults(run=run)
        return sub

    for name in COMMAND_GROUPS:
        import_module(f"{__name__}.{name}").register(add)
    return parser


def _command_index(argv: list[str]) -> int | None:
    """Where the command (the first argument that is not an option) is, if there is one."""
    index = 0
    while index < len(argv) and argv[index].startswith("-"):
        index += 2 if argv[index] == "--home" else 1
    return index if index < len(argv) else None


def _with_default_command(argv: list[str]) -> list[str]:
    """`warday 993` means `warday open 993`."""
    index = _command_index(argv)
    if index is not None and argv[index].isdigit():
        return [*argv[:index], "open", *argv[index:]]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _with_default_command(list(sys.argv[1:] if argv is None else argv))
    # Plain `warday` opens the reader: the subcommands' parsers (2.5 ms to build) are not needed.
    commands = _command_index(arguments) is not None or bool({"-h", "--help"} & set(arguments))
    parser = build_parser(commands)
    args, unknown = parser.parse_known_args(arguments)
    if unknown:
        _refuse_unknown(parser, args, unknown)
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


def _refuse_unknown(
    parser: argparse.ArgumentParser, args: argparse.Namespace, unknown: list[str]
) -> NoReturn:
    """Arguments no command takes: a `-word` given to a search without quotes gets its own hint,
    since the shell cannot tell it from an option."""
    import shlex

    command = getattr(args, "query_command", None)
    left_out = [word for word in unknown if _LEFT_OUT_WORD.fullmatch(word)]
    if command and left_out:
        example = shlex.join(["warday", command, " ".join([*args.query, *left_out])])
        parser.exit(
            USAGE,
            f"warday {command}: {left_out[0]} is read as an option; quote the whole query"
            f" to leave a word out: {example}\n",
        )
    parser.error(f"unrecognized arguments: {' '.join(unknown)}")


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

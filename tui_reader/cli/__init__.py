"""The `warday` command: subcommands, each a thin call into the modules that do the work.

One module per group of commands (`reading`, `library`, `search`, `setup`), each registering its own
subcommands. Exit status: 0 success, 1 failure or partial failure, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from rich_argparse import RichHelpFormatter

from tui_reader import __version__
from tui_reader.cli import library, reading, search, setup
from tui_reader.cli.session import FAILED, OK, Command, Session
from tui_reader.config import ConfigError
from tui_reader.store import StoreError

__all__ = ["build_parser", "main"]

COMMAND_GROUPS = (reading, library, search, setup)


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

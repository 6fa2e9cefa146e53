"""What every command shares: the session (paths, config, store, consoles), exit codes, argument
types and small output helpers."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from rich.console import Console
from rich.text import Text

from tui_reader.config import Config, load_config
from tui_reader.places import Places, resolve_places
from tui_reader.store import Store, StoreError
from tui_reader.webtext import safe_line

OK, FAILED, USAGE = 0, 1, 2
"""Exit status: success, failure or partial failure, usage error."""


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
        """One plain line on stderr, never read as markup nor passing on an escape sequence."""
        self.err.print(Text(safe_line(message)), soft_wrap=True)


Command = Callable[[argparse.Namespace, Session], int]
AddCommand = Callable[[str, Command, str], argparse.ArgumentParser]
"""Adds a subcommand: its name, the function that runs it, and its one-line help."""


def day_argument(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"a day is a whole number from 1, not {text!r}")
    return int(text)


def stars_argument(text: str) -> int:
    if text not in {"0", "1", "2", "3", "4", "5"}:
        raise argparse.ArgumentTypeError(f"stars are 1 to 5 (0 clears), not {text!r}")
    return int(text)


def utf8_output() -> bool:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return encoding.startswith("utf")


def write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise StoreError(f"{path} cannot be written ({error.strerror}).") from None

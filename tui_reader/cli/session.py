"""What every command shares: the session (paths, config, store, consoles), exit codes, argument
types and small output helpers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from rich.console import Console
from rich.text import Text

from tui_reader.config import Config, load_config
from tui_reader.disk.atomic import write_atomically as write_file
from tui_reader.places import Places, resolve_places
from tui_reader.store import Store, StoreDamaged, StoreError, StoreReadOnly
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
        """The store, rebuilt first if it was missing or damaged; what happened is said."""
        from tui_reader.recovery import open_store

        self.config  # noqa: B018 - writes the commented defaults on first run
        store = open_store(self.places)
        self.tell(store)
        return store

    def writable_store(self) -> Store:
        """The store, for a command that changes it: refused at once when it is read-only."""
        store = self.store
        if store.read_only_reason:
            raise StoreReadOnly(
                f"The store is read-only ({store.read_only_reason}), so nothing was changed."
            )
        return store

    def recover(self, damage: StoreDamaged) -> None:
        """Damage found while a command ran: move the file aside, rebuild, say so."""
        from tui_reader.recovery import recover

        if "store" in self.__dict__:
            self.__dict__.pop("store").close()
        self.__dict__["store"] = store = recover(damage)
        self.tell(store)

    def tell(self, store: Store) -> None:
        """Say what opening `store` did (rebuilt it, took in ratings.toml)."""
        for notice in store.notices:
            self.say(f"warday: {notice}")
        store.notices.clear()

    def finish(self) -> None:
        """After a command that worked: say if the store could only be read."""
        if "store" in self.__dict__ and self.store.read_only_reason:
            self.say(f"warday: read the store without changing it ({self.store.read_only_reason}).")

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
    """Write an output file whole or not at all (readable by you only: it holds ratings)."""
    try:
        write_file(path, text.encode("utf-8"))
    except OSError as error:
        raise StoreError(f"{path} cannot be written ({error.strerror}).") from None

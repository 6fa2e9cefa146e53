"""Where warday keeps things, and which keys the reader answers to."""

from __future__ import annotations

import argparse

from rich.text import Text

from tui_reader.cli.session import FAILED, OK, AddCommand, Session, utf8_output


def cmd_config(args: argparse.Namespace, session: Session) -> int:
    session.config  # noqa: B018 - writes the commented defaults on first run
    places = session.places
    rows = [
        ("config", places.config_file),
        ("data", places.data_dir),
        ("cache", places.cache_dir),
        ("database", places.database),
        ("ratings", places.ratings_file),
        ("originals", places.originals_dir),
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
    for binding_id, keys, description, where in key_table(keymap, ascii=not utf8_output()):
        session.out.print(Text(f"{binding_id:<16} {keys:<14} {description:<22} {where}"))
    if unknown := unknown_ids(keymap):
        session.say(f"config.toml [keys] names no binding called {', '.join(unknown)}.")
        return FAILED
    return OK


def register(add: AddCommand) -> None:
    sub = add("config", cmd_config, "show where warday keeps its config, data and cache")
    sub.add_argument("--path", action="store_true", help="print just the paths, one a line")

    add(
        "keys",
        cmd_keys,
        "list the reader's keys and the binding ids that remap them in config.toml",
    )

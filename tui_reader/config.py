"""config.toml: written with commented defaults on first run, read and checked on every run."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomli_w

from tui_reader.disk.atomic import private_directory, write_atomically

DEFAULT_SOURCE = "https://newsscrollngr.com/index.php/ns-special/itemlist/category/35-wars"


class ConfigError(Exception):
    """config.toml cannot be used; the message names the key and what is allowed."""


@dataclass(frozen=True, slots=True)
class Config:
    """Every setting warday reads from config.toml."""

    theme: str = "textual-dark"
    mouse: bool = True
    ascii: bool | None = None
    sync_on_start: bool = True
    submit_ratings: bool = False
    sources: tuple[str, ...] = (DEFAULT_SOURCE,)
    concurrency: int = 4
    timeout: float = 15.0
    max_page_mb: float = 5.0
    read_after_seconds: float = 3.0
    keys: dict[str, str] = field(default_factory=dict)


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError("true or false")


def _ascii(value: Any) -> bool | None:
    if value == "auto":
        return None
    if isinstance(value, bool):
        return value
    raise ValueError('true, false or "auto"')


def _text(value: Any) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise ValueError("a non-empty string")


def _number(low: float, high: float, integer: bool = False) -> Callable[[Any], float]:
    kind = "a whole number" if integer else "a number"

    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{kind} from {low:g} to {high:g}")
        if integer and not isinstance(value, int):
            raise ValueError(f"{kind} from {low:g} to {high:g}")
        if not low <= value <= high:
            raise ValueError(f"{kind} from {low:g} to {high:g}")
        return value

    return check


def _sources(value: Any) -> tuple[str, ...]:
    if isinstance(value, list) and all(
        isinstance(url, str) and re.match(r"https?://", url) for url in value
    ):
        return tuple(value)
    raise ValueError("a list of http:// or https:// URLs")


def _keys(value: Any) -> dict[str, str]:
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
    ):
        return dict(value)
    raise ValueError('a table of binding id = "key[,key...]"')


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    comment: str
    check: Callable[[Any], Any]


SETTINGS = (
    Setting(
        "theme",
        "Colour theme; pick one with ctrl+p > Change theme. The ansi themes use your terminal's"
        " own palette.",
        _text,
    ),
    Setting(
        "mouse",
        "false leaves the mouse to the terminal, so text can be selected over SSH.",
        _boolean,
    ),
    Setting(
        "ascii",
        'ASCII stars and borders: true, false, or "auto" (ASCII when the locale is not UTF-8).',
        _ascii,
    ),
    Setting(
        "sync_on_start", "Fetch new digests in the background when the reader opens.", _boolean
    ),
    Setting("submit_ratings", "Also send your star rating to the site as a vote.", _boolean),
    Setting("sources", "Listings, feeds or item pages that `warday fetch` reads.", _sources),
    Setting(
        "concurrency", "How many pages to download at once (1-16).", _number(1, 16, integer=True)
    ),
    Setting("timeout", "Seconds to wait for the site to connect or answer.", _number(1, 300)),
    Setting("max_page_mb", "Largest page to accept, in megabytes.", _number(0.1, 100)),
    Setting(
        "read_after_seconds",
        "A day counts as read after it has been shown this long.",
        _number(0, 600),
    ),
)

_DEFAULT = Config()
_TOML_DEFAULTS = {
    setting.name: "auto" if setting.name == "ascii" else getattr(_DEFAULT, setting.name)
    for setting in SETTINGS
}
_TOML_DEFAULTS["sources"] = list(_DEFAULT.sources)


def default_text() -> str:
    """The config.toml written on first run: every setting, commented, at its default."""
    lines = ["# warday settings. Delete a line to get its default back.", ""]
    for setting in SETTINGS:
        lines.append(f"# {setting.comment}")
        lines.append(tomli_w.dumps({setting.name: _TOML_DEFAULTS[setting.name]}).rstrip())
        lines.append("")
    lines += [
        '# Remap keys: binding id = "key" (several keys separated by commas).',
        "# `warday keys` lists every binding id with its current key.",
        "[keys]",
        '# rate_4 = "4"',
        '# next_day = "n,right_square_bracket"',
        "",
    ]
    return "\n".join(lines)


def load_config(path: Path) -> Config:
    """Read `path`, writing the commented defaults first if it does not exist (the defaults
    alone when it cannot be written: a read-only home still reads)."""
    if not path.exists():
        try:
            private_directory(path.parent)
            write_atomically(path, default_text().encode("utf-8"))
        except OSError:
            return Config()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"{path} is not valid TOML ({error}); fix it or delete it to get the defaults."
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path} cannot be read ({error}).") from None
    return parse_config(raw, path)


def parse_config(raw: dict[str, Any], path: Path | str = "config.toml") -> Config:
    """Check every known key of `raw`; unknown keys are an error naming them."""
    known = {setting.name: setting for setting in SETTINGS}
    values: dict[str, Any] = {}
    for name, value in raw.items():
        if name == "keys":
            setting = Setting("keys", "", _keys)
        elif name in known:
            setting = known[name]
        else:
            allowed = ", ".join(sorted([*known, "keys"]))
            raise ConfigError(f'{path}: unknown setting "{name}"; the settings are {allowed}.')
        try:
            values[name] = setting.check(value)
        except ValueError as error:
            raise ConfigError(f'{path}: "{name}" must be {error}, not {value!r}.') from None
    return replace(Config(), **values)


def save_setting(path: Path, name: str, value: Any) -> None:
    """Set one top-level setting in `path`, keeping every comment and other line as it is."""
    text = path.read_text(encoding="utf-8") if path.exists() else default_text()
    line = tomli_w.dumps({name: value}).rstrip()
    pattern = re.compile(rf"^{re.escape(name)}\s*=.*$", re.MULTILINE)
    top, table, rest = text.partition("\n[")
    if pattern.search(top):
        top = pattern.sub(lambda _: line, top, count=1)
    else:
        top = top.rstrip("\n") + "\n" + line + "\n"
    new_text = top + table + rest
    parse_config(tomllib.loads(new_text), path)
    write_atomically(path, new_text.encode("utf-8"))

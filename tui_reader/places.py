"""Where warday keeps its config, data and cache."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from tui_reader.disk.atomic import private_directory

APP_NAME = "warday"
HOME_VARIABLE = "WARDAY_HOME"


@dataclass(frozen=True, slots=True)
class Places:
    """The three directories warday uses, and the files inside them."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def database(self) -> Path:
        return self.data_dir / "warday.sqlite3"

    @property
    def ratings_file(self) -> Path:
        return self.data_dir / "ratings.toml"

    @property
    def originals_dir(self) -> Path:
        return self.data_dir / "originals"

    def create(self) -> None:
        """Make the three directories (readable by you only) if they are missing."""
        for directory in (self.config_dir, self.data_dir, self.cache_dir):
            private_directory(directory)


def resolve_places(home: Path | str | None = None) -> Places:
    """`home` (or $WARDAY_HOME) puts everything under one directory; else the platform's."""
    home = home or os.environ.get(HOME_VARIABLE) or None
    if home:
        root = Path(home).expanduser().absolute()
        return Places(root / "config", root / "data", root / "cache")
    return Places(
        platformdirs.user_config_path(APP_NAME),
        platformdirs.user_data_path(APP_NAME),
        platformdirs.user_cache_path(APP_NAME),
    )

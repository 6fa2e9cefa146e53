"""Shared fixtures: a private warday home per test, the fixture files, and the CLI in-process."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from k2site import K2Site

from tui_reader.cli import main
from tui_reader.places import resolve_places
from tui_reader.store import Store

FIXTURES = Path(__file__).parent / "fixtures"

FUZZ_CASES = 200
"""Inputs each property-based test tries in CI (`HYPOTHESIS_PROFILE=deep` tries 20,000)."""
settings.register_profile(
    "ci",
    max_examples=FUZZ_CASES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "deep", settings.get_profile("ci"), max_examples=20_000, derandomize=False
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """WARDAY_HOME pointing at an empty directory, so nothing touches the real home."""
    directory = tmp_path / "home"
    monkeypatch.setenv("WARDAY_HOME", str(directory))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return directory


@pytest.fixture
def store(home: Path):
    """The store of the private home, as `warday` would open it."""
    places = resolve_places()
    places.create()
    with Store(places.database) as opened:
        yield opened


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def warday(home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `warday ARGS...` in this process; returns exit code, stdout and stderr."""

    def run(*args: str, columns: int = 80, terminal: bool = False) -> Result:
        monkeypatch.setenv("COLUMNS", str(columns))
        if terminal:
            monkeypatch.setenv("TTY_COMPATIBLE", "1")
            monkeypatch.setenv("TTY_INTERACTIVE", "0")
        else:
            monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
        try:
            code = main(list(args))
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def k2(monkeypatch: pytest.MonkeyPatch) -> Iterator[K2Site]:
    """A started test site of 40 digests (3 listing pages) with no proxy in the way."""
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
    with K2Site(digests=40) as site:
        yield site

"""Start-up stays light: the first paint and the quick commands load only what they need."""

from __future__ import annotations

import json
import subprocess
import sys

LOADED = "import json, sys; {imports}; print(json.dumps(sorted(sys.modules)))"


def loaded_after(*modules: str) -> set[str]:
    """The modules a fresh interpreter holds after importing `modules`."""
    code = LOADED.format(imports="; ".join(f"import {module}" for module in modules))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout))


SEARCH = {"tui_reader.search", "tui_reader.search.query", "tui_reader.app.screens.search"}
"""The search language, its results and screen: loaded when a search starts."""


def test_the_reader_loads_no_fetching_parsing_or_comparing_code_before_its_first_paint():
    loaded = loaded_after("tui_reader.cli", "tui_reader.app.app")
    assert "textual.app" in loaded
    heavy = {
        *("tui_reader.fetch", "tui_reader.parse", "tui_reader.importer", "httpx", "selectolax"),
        *("tui_reader.web", "textual_serve", "aiohttp", "tui_reader.compare", "rapidfuzz"),
        *("tui_reader.app.comparing", "tui_reader.app.screens.timeline"),
        "defusedxml",
    }
    assert heavy.isdisjoint(loaded), heavy & loaded
    assert SEARCH.isdisjoint(loaded), SEARCH & loaded


def test_the_command_line_loads_no_textual_until_the_reader_runs():
    loaded = loaded_after("tui_reader.cli")
    assert not any(name == "textual" or name.startswith("textual.") for name in loaded)
    assert {"tui_reader.web", "textual_serve", "aiohttp"}.isdisjoint(loaded)
    assert SEARCH.isdisjoint(loaded), SEARCH & loaded


def test_the_command_line_loads_no_comparing_code_until_a_day_is_compared():
    loaded = loaded_after("tui_reader.cli")
    assert {"tui_reader.compare", "rapidfuzz"}.isdisjoint(loaded)


def test_search_code_is_loaded_by_the_search_screen():
    assert loaded_after("tui_reader.app.screens.search") >= SEARCH

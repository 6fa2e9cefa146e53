"""`warday keys`: every binding id with its key, as remapped in [keys] of config.toml."""

from __future__ import annotations

from pathlib import Path

from tui_reader.places import resolve_places


def write_keys(home: Path, table: str) -> None:
    path = resolve_places(home).config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"[keys]\n{table}\n", encoding="utf-8")


def rows(output: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split()[1:] for line in output.splitlines() if line.strip()}


def test_keys_lists_every_binding_id_with_its_key(warday):
    result = warday("keys")
    assert result.code == 0
    listed = rows(result.out)
    assert listed["next_day"][0] == "n"
    assert listed["rate_4"][0] == "4"
    assert listed["toggle_lock"][0] == "L"
    assert listed["toggle_day_list"][0] == "\\"
    assert listed["open_sample"][-2:] == ["welcome", "screen"]
    assert listed["search"][:2] == ["/", "Search"]
    assert listed["next_match"][:3] == ["n", "Next", "match"]
    assert listed["previous_match"][:3] == ["N", "Prev", "match"]
    assert listed["end_search"][0] == "esc"
    assert listed["search_filter"][0] == "ctrl+f"
    assert listed["search_side"][-2:] == ["search", "screen"]
    assert {
        "down",
        "up",
        "previous_day",
        "go_to",
        "focus_next",
        "page_down",
        "page_up",
        "rate_clear",
        "toggle_read",
        "swap_sides",
        "toggle_layout",
        "zoom",
        "help",
        "sync",
        "quit",
    } <= set(listed)


def test_keys_shows_remapped_keys(warday, home: Path):
    write_keys(home, 'next_day = "right_square_bracket,n"\nquit = "ctrl+q"')
    listed = rows(warday("keys").out)
    assert listed["next_day"][:2] == ["],", "n"]
    assert listed["quit"][0] == "ctrl+q"


def test_keys_names_unknown_binding_ids(warday, home: Path):
    write_keys(home, 'nxt_day = "x"')
    result = warday("keys")
    assert result.code == 1
    assert "config.toml [keys] names no binding called nxt_day." in result.err

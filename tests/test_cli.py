"""The `warday` command line as a user runs it: import, list, show, export, rate, reparse..."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui_reader.places import resolve_places

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def screen_lines(output: str) -> list[str]:
    """Output lines as they appear on the screen (styles removed)."""
    return ANSI.sub("", output).splitlines()


def test_import_reports_each_file_and_exits_1_on_partial_failure(warday, fixtures):
    result = warday(
        "import", str(fixtures / "text/day-993-seed.txt"), str(fixtures / "bad/gaza-story.txt")
    )
    assert result.code == 1
    assert "added" in result.out
    assert "(Day 993)" in result.out
    assert "gaza-story.txt: it has no" in result.out
    assert "1 added, 1 skipped" in result.out


def test_import_directory_recursively_then_again_reports_unchanged(warday, fixtures):
    first = warday("import", str(fixtures))
    assert first.code == 1
    assert first.out.splitlines()[-1] == "9 added, 1 updated, 9 skipped"
    again = warday("import", str(fixtures / "text"))
    assert again.code == 0
    assert again.out.splitlines()[-1] == "6 unchanged"


def test_bad_files_leave_the_store_untouched(warday, fixtures, home):
    warday("import", str(fixtures / "text/day-993-seed.txt"))
    warday("rate", "993", "3")
    result = warday("import", str(fixtures / "bad"))
    assert result.code == 1
    assert "9 skipped" in result.out
    listed = json.loads(warday("list", "--json").out)
    assert [(row["day"], row["rating"]) for row in listed] == [(993, 3)]


def test_import_from_stdin(warday, fixtures, monkeypatch):
    import io

    data = (fixtures / "text/day-1000-russian-first.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    result = warday("import", "-")
    assert result.code == 0
    assert "standard input" in result.out
    assert "(Day 1000)" in result.out


def test_list_json_fields(warday, fixtures):
    warday("import", str(fixtures / "text"))
    warday("rate", "1000", "5")
    rows = json.loads(warday("list", "--json").out)
    assert [row["day"] for row in rows] == [1002, 1001, 1000, 994, 993, 210]
    by_day = {row["day"]: row for row in rows}
    assert by_day[993] | {"headlines": None} == {
        "day": 993,
        "war_date": "2024-11-12",
        "published": "2024-11-13T04:37:00",
        "kind": "perspectives",
        "headlines": None,
        "rating": None,
        "read": False,
        "sample": False,
        "site_votes": {"count": 0, "average": 0.0},
    }
    assert (
        by_day[993]["headlines"]["russian"]
        == "Five Ukrainian tanks destroyed in Kursk Region – Russian MOD"
    )
    assert by_day[1000]["rating"] == 5
    assert by_day[210]["kind"] == "bulletin"


def test_empty_store_lists_the_bundled_sample(warday):
    result = warday("list")
    assert result.code == 0
    assert "993" in result.out
    assert "sample" in result.out
    assert "bundled sample" in result.err
    shown = warday("show", "993")
    assert "North Korea ratifies mutual defence treaty with Russia" in shown.out


@pytest.mark.parametrize("columns", [80, 160])
def test_show_puts_the_sides_side_by_side_from_80_columns(warday, fixtures, columns):
    warday("import", str(fixtures / "text/day-993-seed.txt"))
    result = warday("show", "993", columns=columns, terminal=True)
    lines = screen_lines(result.out)
    titles = next(line for line in lines if "WESTERN PERSPECTIVE" in line)
    assert "RUSSIAN PERSPECTIVE" in titles
    headlines = next(line for line in lines if "North Korea ratifies" in line)
    assert "Five Ukrainian" in headlines
    assert max(len(line) for line in lines) <= columns


def test_show_stacks_below_76_columns_and_on_request(warday, fixtures):
    warday("import", str(fixtures / "text/day-993-seed.txt"))
    for result in (
        warday("show", "993", columns=75, terminal=True),
        warday("show", "993", "--stacked", columns=160, terminal=True),
    ):
        lines = screen_lines(result.out)
        western = next(i for i, line in enumerate(lines) if "WESTERN PERSPECTIVE" in line)
        russian = next(i for i, line in enumerate(lines) if "RUSSIAN PERSPECTIVE" in line)
        assert western < russian
        assert "RUSSIAN" not in lines[western]
    narrow = warday("show", "993", columns=75, terminal=True)
    assert max(len(line) for line in screen_lines(narrow.out)) <= 75


def test_show_piped_is_plain_text_and_web_markup_stays_text(warday, fixtures):
    warday("import", str(fixtures / "text/day-994-escapes.txt"))
    result = warday("show", "994")
    assert "\x1b" not in result.out
    assert "Ukraine says [bold red]strike[/] hit depot" in result.out
    assert "[link=https://example.invalid]here[/link]" in result.out
    styled = warday("show", "994", columns=160, terminal=True)
    assert "[bold red]strike[/]" in styled.out


def test_show_missing_side_says_so(warday, fixtures):
    warday("import", str(fixtures / "text/day-1001-missing-russian.txt"))
    result = warday("show", "1001")
    assert "This digest has no Russian perspective." in result.out


def test_show_unknown_day_is_one_plain_sentence(warday, fixtures):
    warday("import", str(fixtures / "text/day-993-seed.txt"))
    result = warday("show", "12")
    assert result.code == 1
    assert (
        result.err.strip()
        == "warday: Day 12 is not stored; import or fetch it first (`warday list` shows what is)."
    )


def test_export_json_matches_the_schema_and_seed(warday, fixtures, tmp_path):
    warday(
        "import",
        str(fixtures / "text/day-993-seed.txt"),
        str(fixtures / "text/day-210-bulletin.txt"),
    )
    warday("rate", "993", "4")
    out = tmp_path / "export.json"
    assert warday("export", "--format", "json", "-o", str(out)).code == 0
    data = json.loads(out.read_text())
    assert [d["day"] for d in data] == [210, 993]
    seed = data[1]
    assert seed["schema"] == "warday.digest/1"
    assert (seed["war_date"], seed["published"], seed["rating"]) == (
        "2024-11-12",
        "2024-11-13T04:37:00",
        4,
    )
    assert [p["side"] for p in seed["perspectives"]] == ["western", "russian"]
    assert [len(p["paragraphs"]) for p in seed["perspectives"]] == [7, 11]
    assert seed["attribution"] == "Reuters/RT"
    assert seed["site_votes"] == {"count": 0, "average": 0.0}
    assert "NEWSSCROLL" not in out.read_text()
    bulletin = data[0]
    assert bulletin["kind"] == "bulletin"
    assert bulletin["sections"][1]["heading"] == "RUSSIAN MOBILISATION"
    single = json.loads(warday("export", "993").out)
    assert single["day"] == 993


def test_export_markdown_and_missing_days(warday, fixtures):
    warday(
        "import",
        str(fixtures / "text/day-993-seed.txt"),
        str(fixtures / "text/day-994-escapes.txt"),
    )
    result = warday("export", "993", "994", "5", "--format", "markdown")
    assert result.code == 1
    assert "Not stored, so not exported: Day 5." in result.err
    assert "## Western perspective (Reuters)" in result.out
    assert "### North Korea ratifies mutual defence treaty with Russia" in result.out
    assert "\\[bold red\\]strike\\[/\\]" in result.out


def test_rate_and_clear(warday, fixtures):
    warday("import", str(fixtures / "text/day-993-seed.txt"))
    assert warday("rate", "993", "5").out.strip() == "Day 993 rated 5/5."
    assert json.loads(warday("list", "--json").out)[0]["rating"] == 5
    assert warday("rate", "993", "0").out.strip() == "Day 993 rating cleared."
    assert json.loads(warday("list", "--json").out)[0]["rating"] is None


def test_usage_errors_exit_2(warday):
    assert warday("rate", "993", "7").code == 2
    assert warday("show", "abc").code == 2
    assert warday("export", "--format", "pdf").code == 2
    assert warday("frobnicate").code == 2


def test_reparse_rereads_stored_originals(warday, fixtures, home):
    warday("import", str(fixtures / "html/k2-item-36903-day-993.html"))
    warday("rate", "993", "2")
    result = warday("reparse")
    assert result.code == 0
    assert "Re-read 1 stored pages: 0 changed, 1 unchanged, 0 failed." in result.out
    assert json.loads(warday("list", "--json").out)[0]["rating"] == 2


def test_config_paths_and_first_run_file(warday, home):
    result = warday("config", "--path")
    places = resolve_places()
    assert result.out.splitlines()[:3] == [
        str(places.config_file),
        str(places.data_dir),
        str(places.cache_dir),
    ]
    text = places.config_file.read_text()
    assert text.startswith("# warday settings")
    assert 'theme = "textual-dark"' in text
    assert str(home) in result.out


def test_bad_config_value_names_the_key(warday, home):
    warday("config", "--path")
    config = resolve_places().config_file
    config.write_text(config.read_text().replace("concurrency = 4", 'concurrency = "lots"'))
    result = warday("list")
    assert result.code == 1
    assert "\"concurrency\" must be a whole number from 1 to 16, not 'lots'" in result.err


def test_home_option_overrides_the_environment(warday, tmp_path):
    other = tmp_path / "elsewhere"
    result = warday("--home", str(other), "config", "--path")
    assert result.out.splitlines()[0] == str(other / "config" / "config.toml")


def test_installed_console_script_and_module_entry_point(home, fixtures):
    executable = shutil.which("warday", path=str(Path(sys.executable).parent)) or shutil.which(
        "warday"
    )
    env = {**os.environ, "WARDAY_HOME": str(home)}
    imported = subprocess.run(
        [executable, "import", str(fixtures / "text/day-993-seed.txt")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert imported.returncode == 0, imported.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "tui_reader", "list", "--json"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert json.loads(listed.stdout)[0]["day"] == 993
    helped = subprocess.run([executable, "--help"], env=env, capture_output=True, text=True)
    assert helped.returncode == 0
    assert "import" in helped.stdout
    assert "export" in helped.stdout


def test_show_bulletin_day_lists_topics_with_hanging_bullets(warday, fixtures):
    warday("import", str(fixtures / "text/day-210-bulletin.txt"))
    piped = warday("show", "210").out
    assert "RUSSIAN MOBILISATION\n\n* More than 1,300 people were detained" in piped
    lines = screen_lines(warday("show", "210", terminal=True).out)
    bullet = next(i for i, line in enumerate(lines) if "• Flights out of Russia" in line)
    assert lines[bullet].index("Flights") == lines[bullet + 1].index(lines[bullet + 1].strip())
    assert not any(line.lstrip().startswith("RUSSIAN PERSPECTIVE") for line in lines)

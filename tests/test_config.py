"""config.toml: commented defaults on first run, checked values, edits that keep the comments."""

from __future__ import annotations

import tomllib

import pytest

from tui_reader.config import DEFAULT_SOURCE, Config, ConfigError, load_config, save_setting
from tui_reader.places import resolve_places


def test_first_run_writes_commented_defaults_that_read_back_as_defaults(tmp_path):
    path = tmp_path / "config.toml"
    config = load_config(path)
    assert config == Config()
    text = path.read_text()
    assert text.count("\n# ") >= 10
    assert tomllib.loads(text)["sources"] == [DEFAULT_SOURCE]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("mouse = 3", '"mouse" must be true or false, not 3'),
        ('ascii = "sometimes"', '"ascii" must be true, false or "auto"'),
        ("concurrency = 0", '"concurrency" must be a whole number from 1 to 16, not 0'),
        (
            'sources = ["ftp://example.invalid/"]',
            '"sources" must be a list of http:// or https:// URLs',
        ),
        ("colour = 1", 'unknown setting "colour"'),
        ("theme = ", "is not valid TOML"),
    ],
)
def test_bad_values_name_the_key_and_what_is_allowed(tmp_path, line, message):
    path = tmp_path / "config.toml"
    path.write_text(line + "\n")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_config(path)


def test_saving_a_setting_keeps_comments_and_other_values(tmp_path):
    path = tmp_path / "config.toml"
    load_config(path)
    path.write_text(path.read_text().replace("concurrency = 4", "concurrency = 2") + 'quit = "x"\n')
    save_setting(path, "theme", "ansi-dark")
    text = path.read_text()
    assert "# Colour theme" in text
    assert 'quit = "x"' in text.split("[keys]")[1]
    config = load_config(path)
    assert (config.theme, config.concurrency, config.keys) == ("ansi-dark", 2, {"quit": "x"})


def test_warday_home_puts_everything_under_one_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("WARDAY_HOME", str(tmp_path))
    places = resolve_places()
    for directory in (places.config_dir, places.data_dir, places.cache_dir):
        assert directory.parent == tmp_path
    monkeypatch.delenv("WARDAY_HOME")
    assert resolve_places().config_dir.name == "warday"

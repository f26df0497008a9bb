"""Settings: shipped defaults, a user file overriding key by key, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate import Settings, SettingsError, load_settings


def test_shipped_file_matches_the_dataclass_defaults() -> None:
    assert load_settings() == Settings()


def test_user_file_overrides_key_by_key(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[fetch]\ntimeout_s = 3\n[ingest.fields]\ntext = "body"\n')
    settings = load_settings(path)
    assert settings.fetch.timeout_s == 3.0
    assert settings.fetch.max_redirects == Settings().fetch.max_redirects
    assert settings.ingest.fields.text == "body" and settings.ingest.fields.title == "title"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[fetch]\ntimeout = 3\n", "Did you mean 'timeout_s'?"),
        ("[fetchh]\n", "Did you mean 'fetch'?"),
        ('[fetch]\ntimeout_s = "soon"\n', "must be float"),
        ("[ingest]\nbatch_size = true\n", "must be int"),
        ("[ingest]\nfields = 3\n", "must be a table"),
        ("not toml at all [", "not valid TOML"),
        ("[stories]\nmin_time_factor = 1.5\n", "must be at most 1"),
        ("[stories]\njoin_threshold = -0.1\n", "must be at least 0"),
    ],
)
def test_bad_user_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(SettingsError, match=message.replace("?", r"\?").replace("(", r"\(")):
        load_settings(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="cannot read"):
        load_settings(tmp_path / "nope.toml")


def test_replace_checks_types() -> None:
    assert Settings().replace("fetch", allow_private=True).fetch.allow_private
    with pytest.raises(SettingsError, match="must be bool"):
        Settings().replace("fetch", allow_private="yes")

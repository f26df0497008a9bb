"""Typed settings: one object per stage, shipped defaults, a user file overriding them.

The defaults live in ``defaults.toml`` beside this module. A user file has the same
shape and overrides it key by key; an unknown key is an error that suggests the
nearest known one, so a typo never silently does nothing.
"""

from __future__ import annotations

import dataclasses
import difflib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from corroborate.errors import SettingsError

__all__ = [
    "FetchSettings",
    "FieldNames",
    "IngestSettings",
    "ReportSettings",
    "Settings",
    "StorySettings",
    "WebSettings",
    "load_settings",
]


@dataclass(frozen=True)
class FieldNames:
    """Which record fields of JSON Lines / CSV hold what."""

    text: str = "text"
    title: str = "title"
    url: str = "url"
    outlet: str = "outlet"
    published: str = "published"

    def with_pairs(self, pairs: Iterable[str]) -> FieldNames:
        """A copy changed by ``NAME=FIELD`` pairs, as given to ``--field text=body``."""
        changes = {}
        for pair in pairs:
            name, sep, value = pair.partition("=")
            name, value = name.strip(), value.strip()
            if not sep or not value:
                raise SettingsError(f"--field {pair!r}: use NAME=FIELD, e.g. text=body")
            if name not in self.__dataclass_fields__:
                known = ", ".join(self.__dataclass_fields__)
                raise SettingsError(f"--field {pair!r}: unknown field {name!r}; known: {known}")
            changes[name] = value
        return dataclasses.replace(self, **changes)


def _at_least(minimum: float) -> dict[str, float]:
    return {"min": minimum}


def _between(minimum: float, maximum: float) -> dict[str, float]:
    return {"min": minimum, "max": maximum}


@dataclass(frozen=True)
class IngestSettings:
    max_bytes: int = field(default=20_000_000, metadata=_at_least(1))
    min_chars: int = field(default=20, metadata=_at_least(1))
    batch_size: int = field(default=500, metadata=_at_least(1))
    fetch_feed_links: bool = True
    feed_full_text_chars: int = field(default=400, metadata=_at_least(0))
    fields: FieldNames = field(default_factory=FieldNames)


@dataclass(frozen=True)
class FetchSettings:
    timeout_s: float = field(default=15.0, metadata=_at_least(0.01))
    max_bytes: int = field(default=10_000_000, metadata=_at_least(1))
    max_redirects: int = field(default=5, metadata=_at_least(0))
    allow_private: bool = False
    user_agent: str = "corroborate/0.1"


@dataclass(frozen=True)
class ReportSettings:
    excerpt_chars: int = field(default=280, metadata=_at_least(20))


@dataclass(frozen=True)
class StorySettings:
    join_threshold: float = field(default=0.22, metadata=_between(0.0, 1.0))
    window_days: int = field(default=10, metadata=_at_least(0))
    decay_days: float = field(default=30.0, metadata=_at_least(0.1))
    min_time_factor: float = field(default=0.0, metadata=_between(0.0, 1.0))


@dataclass(frozen=True)
class WebSettings:
    max_upload_bytes: int = field(default=20_000_000, metadata=_at_least(1))
    max_sources: int = field(default=200, metadata=_at_least(1))
    page_size: int = field(default=25, metadata=_at_least(1))
    cached_stories: int = field(default=64, metadata=_at_least(0))
    cache_mb: float = field(default=256.0, metadata=_at_least(0))
    prewarm_stories: int = field(default=50, metadata=_at_least(0))


@dataclass(frozen=True)
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    stories: StorySettings = field(default_factory=StorySettings)
    report: ReportSettings = field(default_factory=ReportSettings)
    web: WebSettings = field(default_factory=WebSettings)

    def replace(self, section: str, **changes: Any) -> Settings:
        """A copy with some keys of one section changed: ``s.replace("fetch", allow_private=True)``."""
        current = getattr(self, section)
        return dataclasses.replace(
            self, **{section: _build(type(current), changes, section, current)}
        )


def load_settings(user_file: str | Path | None = None) -> Settings:
    """The shipped defaults, overridden by ``user_file`` when given."""
    text = resources.files("corroborate").joinpath("defaults.toml").read_text(encoding="utf-8")
    values = tomllib.loads(text)
    if user_file is not None:
        path = Path(user_file)
        try:
            user = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise SettingsError(f"{path}: cannot read settings file ({exc.strerror})") from exc
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{path}: not valid TOML ({exc})") from exc
        values = _merge(values, user, str(path))
    settings: Settings = _build(Settings, values, "")
    return settings


def _merge(base: dict[str, Any], override: dict[str, Any], where: str) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if key not in base:
            raise SettingsError(_unknown_key(where, key, base))
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise SettingsError(f"{where}: [{key}] must be a table")
            merged[key] = _merge(base[key], value, f"{where} [{key}]")
        else:
            merged[key] = value
    return merged


def _unknown_key(where: str, key: str, known: dict[str, Any]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f" Did you mean {close[0]!r}?" if close else f" Known keys: {', '.join(sorted(known))}."
    return f"{where}: unknown setting {key!r}.{hint}"


def _build(cls: type[Any], values: dict[str, Any], where: str, base: Any = None) -> Any:
    """Build dataclass ``cls`` from ``values``, checking each value's type."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        if key not in fields:
            raise SettingsError(_unknown_key(where or "settings", key, dict.fromkeys(fields)))
        default = getattr(base if base is not None else cls(), key)
        label = f"{where}.{key}" if where else key
        if dataclasses.is_dataclass(default):
            if isinstance(value, type(default)):
                kwargs[key] = value
                continue
            if not isinstance(value, dict):
                raise SettingsError(f"setting {label} must be a table")
            kwargs[key] = _build(type(default), value, label, default)
        else:
            limits = fields[key].metadata
            kwargs[key] = _checked(label, value, default, limits.get("min"), limits.get("max"))
    if base is not None:
        return dataclasses.replace(base, **kwargs)
    return cls(**kwargs)


def _checked(
    label: str, value: Any, default: Any, minimum: float | None, maximum: float | None = None
) -> Any:
    expected = type(default)
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise SettingsError(
            f"setting {label} must be {expected.__name__}, got {type(value).__name__} {value!r}"
        )
    if minimum is not None and value < minimum:
        raise SettingsError(f"setting {label} must be at least {minimum:g}, got {value!r}")
    if maximum is not None and value > maximum:
        raise SettingsError(f"setting {label} must be at most {maximum:g}, got {value!r}")
    return value

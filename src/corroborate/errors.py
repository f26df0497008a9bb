"""Errors a user can cause, each with a message that says what to do.

The tree::

    CorroborateError            base of every error this package raises on purpose
    ├── SettingsError           a settings file or value is wrong
    ├── StoreError              the store cannot be opened or is from a newer version
    └── SourceError             one source (file, URL, record) could not be read
        ├── FetchError          a URL could not be fetched (timeout, refused, too large)
        └── SourceWarning       a source was read, but not cleanly (wrong encoding, ...)

A ``SourceError`` always names its source, so the CLI can print one line per bad input
and go on with the others.
"""

from __future__ import annotations

__all__ = [
    "CorroborateError",
    "FetchError",
    "SettingsError",
    "SourceError",
    "SourceWarning",
    "StoreError",
]


class CorroborateError(Exception):
    """Base class: catch this to handle every error the package raises on purpose."""


class SettingsError(CorroborateError):
    """A settings file or value is invalid."""


class StoreError(CorroborateError):
    """The store cannot be opened, or its schema is newer than this version knows."""


class SourceError(CorroborateError):
    """One source could not be read; ``source`` names it and ``reason`` says why."""

    def __init__(self, source: str, reason: str) -> None:
        reason = " ".join(reason.split())  # one line, whatever a library put in its message
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class FetchError(SourceError):
    """A URL could not be fetched."""


class SourceWarning(SourceError):
    """A source was read, but something in it was not as it should be. Readers yield it
    like an error; the runner reports it without counting the source as failed."""

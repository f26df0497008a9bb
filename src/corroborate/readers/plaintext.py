"""Plain-text articles: a headline line, a date tag, a dateline, a credit line."""

from __future__ import annotations

from collections.abc import Iterator

from corroborate.article import RawDocument
from corroborate.errors import SourceError, SourceWarning
from corroborate.text import DecodeFailure, decode_bytes

__all__ = ["read_plaintext"]


def read_plaintext(data: bytes, source: str) -> Iterator[RawDocument | SourceError]:
    """One article per file. A wrongly encoded file is read as Windows-1252 with a notice."""
    if not data.strip():
        raise SourceError(source, "empty file")
    try:
        decoded = decode_bytes(data)
    except DecodeFailure as exc:
        raise SourceError(source, str(exc)) from exc
    if decoded.note:
        yield SourceWarning(source, decoded.note)
    yield RawDocument(text=decoded.text, source=source, plain=True)

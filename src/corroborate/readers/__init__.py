"""Readers turn the bytes of one source into documents; they do no other I/O.

Each yields :class:`~corroborate.article.RawDocument`s, and for bad records inside a
good source (a broken JSON line, a corrupt WARC record) a
:class:`~corroborate.errors.SourceError` in their place, so one bad record never stops
the others. A source that cannot be read at all raises ``SourceError``.
"""

from __future__ import annotations

from pathlib import PurePath

__all__ = ["INPUT_FORMATS", "format_of_name", "sniff_format"]

# The input formats, by the names the runner dispatches on.
INPUT_FORMATS = ("text", "html", "feed", "jsonl", "csv", "warc")

_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".warc": "warc",
}


def format_of_name(name: str) -> str | None:
    """The format a file name says, or None: "a.warc.gz" -> "warc"."""
    lowered = PurePath(name).name.lower()
    if lowered.endswith(".warc.gz"):
        return "warc"
    dot = lowered.rfind(".")
    return _BY_SUFFIX.get(lowered[dot:]) if dot > 0 else None


def sniff_format(head: bytes) -> str:
    """The format the first bytes of a source suggest; "text" when nothing else fits."""
    if head.startswith(b"\x1f\x8b") or head.startswith(b"WARC/"):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()[:512]
    if start.startswith((b"<rss", b"<feed", b"<rdf")) or (
        start.startswith(b"<?xml") and (b"<rss" in start or b"<feed" in start or b"<rdf" in start)
    ):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"

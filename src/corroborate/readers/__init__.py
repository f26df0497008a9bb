"""Readers turn the bytes of one source into documents; they do no other I/O.

Each yields :class:`~corroborate.article.RawDocument`s, and for bad records inside a
good source (a broken JSON line, a corrupt WARC record) a
:class:`~corroborate.errors.SourceError` in their place, so one bad record never stops
the others. A source that cannot be read at all raises ``SourceError``.

:data:`READERS` registers every format by name with the suffixes that name it and
whether it streams; the runner looks formats up there and nowhere else.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import IO

from corroborate.article import RawDocument
from corroborate.errors import SourceError
from corroborate.readers.feed import FeedLink, read_feed
from corroborate.readers.html import read_html
from corroborate.readers.plaintext import read_plaintext
from corroborate.readers.tabular import read_csv, read_json, read_jsonl
from corroborate.readers.warc import read_warc
from corroborate.settings import Settings

__all__ = [
    "INPUT_FORMATS",
    "READERS",
    "Found",
    "ReadContext",
    "Reader",
    "format_of_content_type",
    "format_of_name",
    "read_in_folders",
    "sniff_format",
]

Found = RawDocument | FeedLink | SourceError


@dataclass(frozen=True)
class ReadContext:
    """What a reader may know besides the bytes: where they came from and the settings."""

    source: str
    settings: Settings
    url: str | None = None  # for fetched pages: the URL after redirects
    charset: str | None = None  # for fetched pages: from the Content-Type header


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]
    # True: reads from the stream as it goes and caps each record itself, so a file of
    # any size can be read; False: the whole file is read, so ingest.max_bytes caps it.
    streamed: bool
    read: Callable[[IO[bytes], ReadContext], Iterator[Found]]
    # Taken when a folder is walked. JSON files beside articles are usually something
    # else (a gold file, a config), so they are read only when named.
    in_folders: bool = True


# Adapters: each reader's own signature, called with what the runner knows.
def _text(stream: IO[bytes], c: ReadContext) -> Iterator[Found]:
    for item in read_plaintext(stream.read(), c.source):
        yield replace(item, url=c.url) if isinstance(item, RawDocument) and c.url else item


def _html(stream: IO[bytes], c: ReadContext) -> Iterator[Found]:
    return read_html(stream.read(), c.source, url=c.url, charset=c.charset)


def _feed(stream: IO[bytes], c: ReadContext) -> Iterator[Found]:
    return read_feed(stream.read(), c.source, c.settings.ingest.feed_full_text_chars)


def _jsonl(stream: IO[bytes], c: ReadContext) -> Iterator[Found]:
    return read_jsonl(stream, c.source, c.settings.ingest.fields, c.settings.ingest.max_bytes)


def _json(stream: IO[bytes], c: ReadContext) -> Iterator[Found]:
    return read_json(stream, c.source, c.settings.ingest.fields, c.settings.ingest.max_bytes)


def _csv(stream: IO[bytes], c: ReadContext) -> Iterator[Found]:
    return read_csv(stream, c.source, c.settings.ingest.fields, c.settings.ingest.max_bytes)


def _warc(stream: IO[bytes], c: ReadContext) -> Iterator[Found]:
    return read_warc(stream, c.source, c.settings.ingest.max_bytes)  # .warc.gz: warcio unzips


READERS: dict[str, Reader] = {
    reader.name: reader
    for reader in (
        Reader("text", (".txt", ".text"), streamed=False, read=_text),
        Reader("html", (".html", ".htm", ".xhtml"), streamed=False, read=_html),
        Reader("feed", (".xml", ".rss", ".atom"), streamed=False, read=_feed),
        Reader("jsonl", (".jsonl", ".ndjson"), streamed=True, read=_jsonl),
        Reader("json", (".json",), streamed=True, read=_json, in_folders=False),
        Reader("csv", (".csv",), streamed=True, read=_csv),
        Reader("warc", (".warc", ".warc.gz"), streamed=True, read=_warc),
    )
}
INPUT_FORMATS = tuple(READERS)

_BY_SUFFIX = {suffix: reader.name for reader in READERS.values() for suffix in reader.suffixes}
_BY_CONTENT_TYPE = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "text/plain": "text",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "text/csv": "csv",
    "application/warc": "warc",
}


def format_of_name(name: str) -> str | None:
    """The format a file name says, or None: "a.warc.gz" -> "warc"."""
    lowered = os.path.basename(name).lower()
    last_dot = lowered.rfind(".")
    if last_dot < 1:  # no suffix, or a hidden file's name
        return None
    before = lowered.rfind(".", 1, last_dot)  # for two-part suffixes: ".warc.gz"
    return _BY_SUFFIX.get(lowered[last_dot:]) or (
        _BY_SUFFIX.get(lowered[before:]) if before > 0 else None
    )


def read_in_folders(name: str) -> bool:
    """Whether a file met while walking a folder is an article source."""
    kind = format_of_name(name)
    return kind is not None and READERS[kind].in_folders


def format_of_content_type(content_type: str) -> str | None:
    """The format an HTTP Content-Type (lower case, no parameters) says, or None."""
    return _BY_CONTENT_TYPE.get(content_type)


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
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"

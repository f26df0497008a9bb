"""WARC files of a news crawl: response records with HTML, streamed record by record."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator

from corroborate.assemble import RawDocument
from corroborate.errors import SourceError
from corroborate.readers.html import read_html

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(
    stream: IO[bytes], source: str, max_record_bytes: int
) -> Iterator[RawDocument | SourceError]:
    """Never holds more than one record. A truncated or corrupt record ends the file with
    an error naming where; the records before it are kept."""
    records = ArchiveIterator(stream)
    number = 0
    responses = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # warcio raises ArchiveLoadFailed, zlib/EOF errors on damage
            yield SourceError(
                source, f"truncated or corrupt WARC after record {number} ({_short(exc)})"
            )
            return
        number += 1
        if record.rec_type != "response" or record.http_headers is None:
            continue
        responses += 1
        where = f"{source}#{number}"
        status = record.http_headers.get_statuscode()
        content_type = (record.http_headers.get_header("Content-Type") or "").lower()
        if status != "200" or not content_type.startswith(_HTML_TYPES):
            continue
        try:
            body = record.content_stream().read(max_record_bytes + 1)
        except Exception as exc:  # a body cut short raises from the decompressor
            yield SourceError(
                source, f"truncated or corrupt WARC in record {number} ({_short(exc)})"
            )
            return
        if len(body) > max_record_bytes:
            yield SourceError(where, f"record over the size limit ({max_record_bytes} bytes)")
            continue
        url = record.rec_headers.get_header("WARC-Target-URI")
        charset = content_type.partition("charset=")[2].strip(" ;\"'") or None
        try:
            yield from read_html(body, where, url=url, charset=charset)
        except SourceError as exc:
            yield exc
    if number == 0:
        raise SourceError(source, "not a WARC file (no records)")


def _short(exc: Exception) -> str:
    return (
        f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
        if str(exc)
        else type(exc).__name__
    )

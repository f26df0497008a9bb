"""WARC files of a news crawl: response records with HTML, streamed record by record."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import WARCIterator
from warcio.limitreader import LimitReader

from corroborate.article import RawDocument
from corroborate.errors import SourceError
from corroborate.readers.html import read_html

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(
    stream: IO[bytes], source: str, max_record_bytes: int
) -> Iterator[RawDocument | SourceError]:
    """Never holds more than one record. A truncated or corrupt record ends the file with
    an error naming where; the records before it are kept."""
    # WARC only: ArchiveIterator would also take any five-word first line for an ARC record
    records = WARCIterator(stream)
    number = 0
    end = 0  # where the last whole record ends in the stream
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # warcio raises ArchiveLoadFailed, zlib/EOF errors on damage
            if number == 0:
                raise SourceError(source, f"not a WARC file ({_short(exc)})") from exc
            yield SourceError(
                source, f"truncated or corrupt WARC after record {number} ({_short(exc)})"
            )
            return
        number += 1
        try:
            found = _documents(record, f"{source}#{number}", max_record_bytes)
            # reads the record to its end: a record cut short is only noticed here
            end = records.get_record_offset() + records.get_record_length()
        except Exception as exc:  # a body cut short raises from the decompressor
            yield SourceError(
                source, f"truncated or corrupt WARC in record {number} ({_short(exc)})"
            )
            return
        block = record.raw_stream
        if (
            isinstance(record.length, int)
            and isinstance(block, LimitReader)
            and block.tell() < record.length
        ):
            yield SourceError(
                source,
                f"truncated WARC: record {number} has {block.tell()} of its {record.length} bytes",
            )
            return
        yield from found
    if number == 0:
        raise SourceError(source, "not a WARC file (no records)")
    if _damaged_tail(stream, end):
        # a gzip member cut inside its WARC headers ends warcio's iteration silently
        yield SourceError(
            source, f"truncated or corrupt WARC after record {number} (unreadable data follows)"
        )


def _documents(record: Any, where: str, max_record_bytes: int) -> list[RawDocument | SourceError]:
    """The article of one record (none for records that are not HTML responses)."""
    if record.rec_type != "response" or record.http_headers is None:
        return []
    status = record.http_headers.get_statuscode()
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if status != "200" or not content_type.startswith(_HTML_TYPES):
        return []
    body = record.content_stream().read(max_record_bytes + 1)
    if len(body) > max_record_bytes:
        return [SourceError(where, f"record over the size limit ({max_record_bytes} bytes)")]
    url = record.rec_headers.get_header("WARC-Target-URI")
    charset = content_type.partition("charset=")[2].strip(" ;\"'") or None
    try:
        return list(read_html(body, where, url=url, charset=charset))
    except SourceError as exc:
        return [exc]


def _damaged_tail(stream: IO[bytes], end: int) -> bool:
    """Whether bytes other than blank lines follow the last whole record."""
    try:
        if not stream.seekable():
            return False
        stream.seek(end)
        return bool(stream.read(4096).strip())
    except (OSError, ValueError):
        return False


def _short(exc: Exception) -> str:
    return (
        f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
        if str(exc)
        else type(exc).__name__
    )

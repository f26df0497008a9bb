"""WARC files of a news crawl: response records with HTML, streamed record by record."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import WARCIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader

from corroborate.article import RawDocument
from corroborate.errors import SourceError
from corroborate.readers.html import read_html

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# A WARC header block longer than this is not one a crawler wrote (they are ~1 KiB).
_MAX_HEADER_BYTES = 65536


def read_warc(
    stream: IO[bytes], source: str, max_record_bytes: int
) -> Iterator[RawDocument | SourceError]:
    """Never holds more than one record. A cut-off or corrupt record ends the file with
    an error naming the record; the records before it are kept. (A stream that cannot
    seek is read too, but a file cut inside a record's headers may then pass unnoticed.)"""
    # WARC only: ArchiveIterator would also take any five-word first line for an ARC record
    records = WARCIterator(stream)
    number = 0
    start = end = 0  # where the last record read starts, and where it ends
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # ArchiveLoadFailed, zlib errors; AttributeError on a cut header
            if number == 0 and not _cut_at(stream, 0):
                raise SourceError(source, f"not a WARC file ({_short(exc)})") from exc
            corrupt = f"corrupt WARC in record {number + 1} ({_short(exc)})"
            yield _damage(stream, source, end, number + 1, corrupt, exc)
            return
        number += 1
        start = end
        if not _declares_length(record):  # warcio yields what it read of a cut header block
            corrupt = f"corrupt WARC: record {number} has no Content-Length"
            yield _damage(stream, source, start, number, corrupt)
            return
        try:
            found = _documents(record, f"{source}#{number}", max_record_bytes)
            # reads the record to its end: a record cut short is only noticed here
            end = records.get_record_offset() + records.get_record_length()
        except Exception as exc:  # a body cut short raises from the decompressor
            corrupt = f"corrupt WARC in record {number} ({_short(exc)})"
            yield _damage(stream, source, start, number, corrupt, exc)
            return
        block = record.raw_stream
        if (
            isinstance(record.length, int)
            and isinstance(block, LimitReader)
            and block.tell() < record.length
        ):
            yield SourceError(
                source,
                f"truncated WARC: cut off inside record {number} "
                f"(it has {block.tell()} of its {record.length} bytes)",
            )
            return
        yield from found
    if number == 0:
        if _cut_at(stream, 0):  # a gzip member or header block that ends early
            raise SourceError(source, "truncated WARC: cut off inside record 1")
        raise SourceError(source, "not a WARC file (no records)")
    if _data_after(stream, end):
        corrupt = f"corrupt WARC after record {number} (unreadable data follows)"
        yield _damage(stream, source, end, number + 1, corrupt)
    elif _cut_at(stream, start):
        # warcio ends silently on a header block or gzip member cut short at the end. This
        # reads the last record once more: at most one record's cost per file.
        yield SourceError(source, f"truncated WARC: cut off inside record {number}")


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


def _damage(
    stream: IO[bytes],
    source: str,
    start: int,
    number: int,
    corrupt: str,
    exc: Exception | None = None,
) -> SourceError:
    """The error for record ``number``, at ``start``, that could not be read: cut off when
    the file ends inside it (warcio's own exception then says nothing useful), else
    ``corrupt``."""
    cut = _cut_at(stream, start)
    if cut is None:  # cannot be re-read: all but ArchiveLoadFailed come from missing data
        cut = not isinstance(exc, ArchiveLoadFailed)
    if cut:
        return SourceError(source, f"truncated WARC: cut off inside record {number}")
    return SourceError(source, corrupt)


def _declares_length(record: Any) -> bool:
    """Whether the record has the Content-Length every WARC record must have."""
    value = record.rec_headers.get_header("Content-Length")
    return isinstance(value, str) and value.strip().isdigit()


def _cut_at(stream: IO[bytes], offset: int) -> bool | None:
    """Whether the data from ``offset`` to the end is the start of one WARC record that
    the file ends inside (rather than damage in the middle of a file); None when the
    stream cannot be re-read. Runs at the end of a file or on damage, not per record."""
    try:
        if not stream.seekable():
            return None
        stream.seek(offset)
        magic = stream.read(2)
        if len(magic) == 1 and magic == b"\x1f":  # cut inside the gzip magic number
            return True
        gzipped = magic == b"\x1f\x8b"
        stream.seek(offset)
        return _gzip_member_cut(stream) if gzipped else _plain_record_cut(stream, offset)
    except (OSError, ValueError):
        return None


def _gzip_member_cut(stream: IO[bytes]) -> bool:
    """Whether the data ends inside this gzip member (holding a WARC record, or nothing yet)."""
    decompressor = zlib.decompressobj(wbits=31)  # one gzip member
    first = b""
    try:
        while not decompressor.eof:
            data = stream.read(65536)
            if not data:
                return b"WARC/".startswith(first[:5])
            while data and not decompressor.eof:  # bounded output: a record may be huge
                out = decompressor.decompress(data, 65536)
                first = first or out[:5]
                data = decompressor.unconsumed_tail
    except zlib.error:
        return False
    return False


def _plain_record_cut(stream: IO[bytes], offset: int) -> bool:
    """Whether the data ends inside this uncompressed record's headers or block."""
    head = stream.read(_MAX_HEADER_BYTES)
    blank = len(head) - len(head.lstrip(b"\r\n"))  # the blank lines that end a record
    head = head[blank:]
    if not head or not b"WARC/".startswith(head[:5]):
        return False
    headers_end = head.find(b"\r\n\r\n")
    if headers_end < 0:  # ended inside the headers, unless they are impossibly long
        return blank + len(head) < _MAX_HEADER_BYTES
    length = None
    for line in head[:headers_end].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            length = int(value)
    if length is None:
        return False
    size = stream.seek(0, io.SEEK_END)
    return size < offset + blank + headers_end + 4 + length


def _data_after(stream: IO[bytes], end: int) -> bool:
    """Whether bytes other than blank lines follow the last whole record."""
    try:
        if not stream.seekable():
            return False
        stream.seek(end)
        return bool(stream.read(4096).strip())
    except (OSError, ValueError):
        return False


def _short(exc: Exception) -> str:
    text = str(exc).strip()
    if not text:
        return type(exc).__name__
    # warcio quotes the bad line, which in a damaged .warc.gz is binary
    line = "".join(c if c.isprintable() else "?" for c in text.splitlines()[0][:160])
    return f"{type(exc).__name__}: {line}"

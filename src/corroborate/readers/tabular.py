"""JSON Lines, JSON and CSV: one article per record, field names configurable."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from typing import IO, Any

from corroborate.article import RawDocument
from corroborate.errors import SourceError, SourceWarning
from corroborate.newsmeta import parse_date_value
from corroborate.settings import FieldNames

__all__ = ["read_csv", "read_json", "read_jsonl"]

# csv.field_size_limit is process-wide state, so it is set once, here, and never per
# file. Python's default (128 KiB) is less than a long article; 256 MiB is far above any
# article yet bounds what one malformed field (an unclosed quote runs on to the end of
# the file) can hold. The limit users set, ingest.max_bytes, is checked per row.
CSV_FIELD_LIMIT = 256 * 1024 * 1024
csv.field_size_limit(CSV_FIELD_LIMIT)

# CSV bytes that are not UTF-8 come through "surrogateescape" as U+DC80..U+DCFF.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
_NOT_RECORDS = "expected a JSON array of objects or JSON Lines"


def read_jsonl(
    stream: IO[bytes], source: str, fields: FieldNames, max_bytes: int
) -> Iterator[RawDocument | SourceError]:
    """Streams the file line by line; a bad line is reported and the others still read."""
    seen_any = False
    for number, raw_line in enumerate(_lines(stream, max_bytes), start=1):
        where = f"{source}#{number}"
        if isinstance(raw_line, SourceError):
            yield SourceError(where, raw_line.reason)
            continue
        if not raw_line.strip():
            continue
        seen_any = True
        try:
            record = json.loads(raw_line)
        except UnicodeDecodeError:
            yield SourceError(where, "line is not valid UTF-8")
            continue
        except json.JSONDecodeError as exc:
            yield SourceError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        except (ValueError, RecursionError) as exc:  # a 5,000-digit number, [[[[... nesting
            yield SourceError(where, f"not readable JSON ({type(exc).__name__}: {str(exc)[:120]})")
            continue
        if not isinstance(record, dict):
            yield SourceError(where, f"expected a JSON object, got {type(record).__name__}")
            continue
        yield from _record_items(record, where, fields)
    if not seen_any:
        raise SourceError(source, "empty file")


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[bytes | SourceError]:
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            # skip the rest of an oversized line without holding it in memory
            while line and not line.endswith(b"\n"):
                line = stream.readline(max_bytes + 1)
            yield SourceError("", f"record over the size limit ({max_bytes} bytes)")
            continue
        yield line


def read_json(
    data: bytes | IO[bytes], source: str, fields: FieldNames, max_bytes: int
) -> Iterator[RawDocument | SourceError]:
    """A JSON array of objects (``file.json#N`` is the Nth, from 1) or one object. A
    ``.json`` file that holds JSON Lines is read as JSON Lines. The file is parsed whole,
    so it must be within ``max_bytes``."""
    if not isinstance(data, bytes):
        data = data.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SourceError(
            source,
            f"JSON file over the {max_bytes}-byte limit (ingest.max_bytes); "
            "as JSON Lines (.jsonl, one object per line) it would be read record by record",
        )
    if not data.strip():
        raise SourceError(source, "empty file")
    try:
        value = json.loads(data)
    except UnicodeDecodeError as exc:
        raise SourceError(source, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and _is_json_lines(data):
            yield from read_jsonl(io.BytesIO(data), source, fields, max_bytes)
            return
        raise SourceError(
            source,
            f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); {_NOT_RECORDS}",
        ) from exc
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, [[[[... nesting
        raise SourceError(
            source, f"not readable JSON ({type(exc).__name__}: {str(exc)[:120]})"
        ) from exc
    if isinstance(value, dict):
        _check_not_a_wrapper(value, source, fields)
        value = [value]
    if not isinstance(value, list):
        raise SourceError(source, f"{_NOT_RECORDS}, got {type(value).__name__}")
    if not value:
        raise SourceError(source, "no records (an empty JSON array)")
    for number, record in enumerate(value, start=1):
        where = f"{source}#{number}"
        if isinstance(record, dict):
            yield from _record_items(record, where, fields)
        else:
            yield SourceError(where, f"expected a JSON object, got {type(record).__name__}")


def _is_json_lines(data: bytes) -> bool:
    """Whether the first line is a JSON object by itself (then the file is JSON Lines)."""
    try:
        return isinstance(json.loads(data.lstrip().split(b"\n", 1)[0]), dict)
    except (ValueError, RecursionError):
        return False


def _check_not_a_wrapper(value: dict[str, Any], source: str, fields: FieldNames) -> None:
    """An API response ({"status": "ok", "articles": [...]}) is not one article: say where
    the records are instead of reporting one record without text."""
    if fields.text in value:
        return
    for key, inner in value.items():
        if isinstance(inner, list) and inner and all(isinstance(r, dict) for r in inner):
            raise SourceError(
                source,
                f"{_NOT_RECORDS}, got one object whose {key!r} holds {len(inner)} objects; "
                f"extract that list (for example: jq '.{key}')",
            )


def read_csv(
    stream: IO[bytes], source: str, fields: FieldNames, max_bytes: int
) -> Iterator[RawDocument | SourceError]:
    """Streams the rows. Bytes that are not UTF-8 are read as Windows-1252, as in plain
    text files, with one warning for the file."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        yield from _csv_rows(text, source, fields, max_bytes)
    finally:
        # The stream belongs to the caller: leave it open, and do not leave the wrapper
        # to be collected later (it would close the stream and warn of an unclosed file).
        with contextlib.suppress(ValueError):  # ValueError: the caller closed it already
            text.detach()


def _csv_rows(
    text: IO[str], source: str, fields: FieldNames, max_bytes: int
) -> Iterator[RawDocument | SourceError]:
    reader = csv.DictReader(text)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise SourceError(source, f"not a readable CSV file ({exc})") from exc
    if not header:
        raise SourceError(source, "empty file")
    if any("\x00" in name for name in header):  # an .xlsx, or UTF-16 text, named .csv
        raise SourceError(
            source, "not a text CSV file (NUL bytes: binary data or UTF-16); save it as UTF-8 CSV"
        )
    warned = False
    if any(_NOT_UTF8.search(name) for name in header):
        header = reader.fieldnames = [_as_cp1252(name) for name in header]
        yield _encoding_warning(source, 1)
        warned = True
    if fields.text not in header:
        raise SourceError(
            source,
            f"no {fields.text!r} column (columns: {', '.join(header)[:200]}); "
            "set the text field with --field text=NAME",
        )
    used = (fields.text, fields.title, fields.url, fields.outlet, fields.published)
    number = 1
    while True:
        number += 1  # row numbers count the header as row 1, as a spreadsheet shows them
        where = f"{source}#{number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield SourceError(where, f"malformed CSV row ({exc})")
            continue
        if sum(len(v) for v in row.values() if isinstance(v, str)) > max_bytes:
            yield SourceError(where, f"record over the size limit ({max_bytes} bytes)")
            continue
        for key in used:
            value = row.get(key)
            if isinstance(value, str) and not value.isascii() and _NOT_UTF8.search(value):
                row[key] = _as_cp1252(value)
                if not warned:
                    yield _encoding_warning(source, number)
                    warned = True
        yield from _record_items(row, where, fields)


def _as_cp1252(value: str) -> str:
    """Bytes kept as surrogates (not UTF-8) decoded as Windows-1252."""
    return _NOT_UTF8.sub(
        lambda m: bytes([ord(m[0]) - 0xDC00]).decode("cp1252", errors="replace"), value
    )


def _encoding_warning(source: str, row: int) -> SourceWarning:
    return SourceWarning(
        source, f"not valid UTF-8 (first in row {row}); read as Windows-1252 where it is not"
    )


def _record_items(
    record: Mapping[str, Any], where: str, fields: FieldNames
) -> Iterator[RawDocument | SourceError]:
    """The record's document, or an error when it has no text; a warning after the
    document when its date cannot be read (the article is kept without it)."""
    text = record.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        yield SourceError(where, f"no text in field {fields.text!r}")
        return
    value = record.get(fields.published)
    published = parse_date_value(value, "field") if isinstance(value, str) else None
    yield RawDocument(
        text=text,
        source=where,
        title=_string(record.get(fields.title)),
        url=_string(record.get(fields.url)),
        outlet=_string(record.get(fields.outlet)),
        outlet_from="given",
        published=published,
    )
    if published is None and value is not None and str(value).strip():
        yield SourceWarning(
            where,
            f"{fields.published!r} value {str(value)[:80]!r} is not a date this reader can "
            "read; article kept without a date (ISO 8601 such as 2031-05-16T09:30:00Z is read)",
        )


def _string(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None

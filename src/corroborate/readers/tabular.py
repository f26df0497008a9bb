"""JSON Lines and CSV: one article per record, field names configurable."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import IO, Any

from corroborate.article import RawDocument
from corroborate.errors import SourceError
from corroborate.newsmeta import parse_date_value
from corroborate.settings import FieldNames

__all__ = ["read_csv", "read_jsonl"]


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
        yield _document(record, where, fields)
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


def read_csv(
    stream: IO[bytes], source: str, fields: FieldNames, max_bytes: int
) -> Iterator[RawDocument | SourceError]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
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
    csv.field_size_limit(max(max_bytes, 131072))
    reader = csv.DictReader(text)
    try:
        header = reader.fieldnames
    except (UnicodeDecodeError, csv.Error) as exc:
        raise SourceError(source, f"not a readable CSV file ({exc})") from exc
    if not header:
        raise SourceError(source, "empty file")
    if fields.text not in header:
        raise SourceError(
            source,
            f"no {fields.text!r} column (columns: {', '.join(header)[:200]}); "
            "set the text field with --field text=NAME",
        )
    number = 1
    while True:
        number += 1  # row numbers count the header as row 1, as a spreadsheet shows them
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise SourceError(
                f"{source}#{number}", f"not valid UTF-8 ({exc.reason}); stopped here"
            ) from exc
        except csv.Error as exc:
            yield SourceError(f"{source}#{number}", f"malformed CSV row ({exc})")
            continue
        yield _document(row, f"{source}#{number}", fields)


def _document(
    record: Mapping[str, Any], where: str, fields: FieldNames
) -> RawDocument | SourceError:
    text = record.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        return SourceError(where, f"no text in field {fields.text!r}")
    published = record.get(fields.published)
    return RawDocument(
        text=text,
        source=where,
        title=_string(record.get(fields.title)),
        url=_string(record.get(fields.url)),
        outlet=_string(record.get(fields.outlet)),
        outlet_from="given",
        published=parse_date_value(published, "field") if isinstance(published, str) else None,
    )


def _string(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None

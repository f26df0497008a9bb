"""JSON Lines, JSON and CSV: one article per record; bad records and bad files."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from corroborate import (
    Article,
    RawDocument,
    Settings,
    SourceError,
    SourceWarning,
    Store,
    ingest_sources,
)
from corroborate.article import make_article
from corroborate.ingest import read_source
from corroborate.readers.tabular import CSV_FIELD_LIMIT, read_csv, read_json, read_jsonl
from corroborate.settings import FieldNames

RECORDS = [
    {
        "title": "Portvale to deepen east channel",
        "text": "PORTVALE, Estria (CW) — The harbour council approved a plan on Thursday to "
        "deepen the east channel.\n\nDredging will begin in the spring, the council said.",
        "url": "https://coastal-wire.example/news/channel",
        "outlet": "Coastal Wire",
        "published": "2031-05-08T07:45:00Z",
    },
    {
        "title": "Dunmere library opens",
        "text": "Dunmere's new library opened on Saturday with a reading marathon.",
        "outlet": "Dunmere Courier",
        "published": "May 10, 2031",
    },
    {
        "text": "The Estria rail line reopened between Portvale and Dunmere on Sunday.",
        "url": "https://www.estria-rail.example/notices/17",
    },
]


def jsonl(records: Sequence[Mapping[str, object]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def csv_bytes(records: list[dict[str, str]], columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: v for k, v in record.items() if k in columns})
    return out.getvalue().encode("utf-8")


COLUMNS = ["title", "text", "url", "outlet", "published"]


def read_all_jsonl(
    data: bytes, fields: FieldNames | None = None, max_bytes: int = 10**6
) -> list[RawDocument | SourceError]:
    return list(read_jsonl(io.BytesIO(data), "news.jsonl", fields or FieldNames(), max_bytes))


def read_all_csv(data: bytes, fields: FieldNames | None = None) -> list[RawDocument | SourceError]:
    return list(read_csv(io.BytesIO(data), "news.csv", fields or FieldNames(), 10**6))


def ingest_with_neighbours(
    folder: Path, bad: Path, store: Store, settings: Settings | None = None
) -> list[SourceError]:
    good = folder / "good.jsonl"
    good.write_bytes(jsonl(RECORDS[:2]))
    other = folder / "other.csv"
    other.write_bytes(csv_bytes([RECORDS[2]], COLUMNS))
    result = ingest_sources([str(good), str(bad), str(other)], store, settings)
    assert result.sources == 3
    sources = {sighting.source for sighting in store.sightings()}
    assert {f"{good}#1", f"{good}#2", f"{other}#2"} <= sources
    return result.errors


# --- JSON Lines ---------------------------------------------------------------------


def test_jsonl_records_become_documents_with_their_fields() -> None:
    first, second, third = read_all_jsonl(jsonl(RECORDS))

    assert isinstance(first, RawDocument)
    assert first.source == "news.jsonl#1"
    assert first.title == "Portvale to deepen east channel"
    assert first.url == "https://coastal-wire.example/news/channel"
    assert (first.outlet, first.outlet_from) == ("Coastal Wire", "given")
    assert first.published is not None
    assert first.published.iso() == "2031-05-08T07:45:00+00:00"
    assert first.published.source == "field"
    assert isinstance(second, RawDocument)
    assert second.published is not None and second.published.iso() == "2031-05-10"
    assert isinstance(third, RawDocument)
    assert (third.title, third.outlet, third.published) == (None, None, None)


def test_jsonl_record_becomes_an_article() -> None:
    first = read_all_jsonl(jsonl(RECORDS))[0]
    assert isinstance(first, RawDocument)

    article = make_article(first)

    assert article.text.split("\n\n")[1] == "Dredging will begin in the spring, the council said."
    assert article.outlet == "Coastal Wire"  # given wins over the dateline's agency
    assert article.dateline is not None and article.dateline.agency == "CW"
    assert article.language == "en"


def test_record_without_outlet_takes_it_from_the_url(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "news.ndjson"
    path.write_bytes(jsonl(RECORDS))

    result = ingest_sources([str(path)], store)

    assert result.ok
    by_source = {article.source: article for article in store.articles()}
    rail = by_source[f"{path}#3"]
    assert (rail.outlet, rail.outlet_from) == ("estria-rail.example", "url")


def test_jsonl_field_names_are_configurable(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "custom.jsonl"
    path.write_bytes(
        jsonl(
            [
                {
                    "headline": "Quay reopens",
                    "body": "The east quay reopened on Monday.",
                    "site": "Ledger",
                }
            ]
        )
    )
    settings = Settings().replace(
        "ingest", fields={"text": "body", "title": "headline", "outlet": "site"}
    )

    result = ingest_sources([str(path)], store, settings)

    assert result.ok
    (article,) = store.articles()
    assert (article.title, article.text, article.outlet) == (
        "Quay reopens",
        "The east quay reopened on Monday.",
        "Ledger",
    )


def test_blank_lines_are_skipped_but_counted() -> None:
    data = b"\n" + jsonl(RECORDS[:1]) + b"\n  \n" + jsonl(RECORDS[1:2])

    found = read_all_jsonl(data)

    assert [d.source for d in found] == ["news.jsonl#2", "news.jsonl#5"]


def test_one_bad_jsonl_line_among_good_ones(tmp_path: Path, store: Store) -> None:
    lines = jsonl(RECORDS).splitlines(keepends=True)
    bad = tmp_path / "mixed.jsonl"
    bad.write_bytes(lines[0] + b'{"text": "cut off in the mid\n' + lines[1] + lines[2])

    result = ingest_sources([str(bad)], store)

    assert len(result.errors) == 1
    assert result.errors[0].source == f"{bad}#2"
    assert "not valid JSON" in result.errors[0].reason
    assert result.articles == 3
    assert {s.source for s in store.sightings()} == {f"{bad}#1", f"{bad}#3", f"{bad}#4"}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'["a list", "not an object"]', "expected a JSON object, got list"),
        (b'{"title": "No text here"}', "no text in field 'text'"),
        (b'{"text": 42}', "no text in field 'text'"),
        (b'{"text": "   "}', "no text in field 'text'"),
        (b'{"text": "caf\xe9"}', "line is not valid UTF-8"),
        (b'{"n": ' + b"7" * 5000 + b"}", "not readable JSON"),
        (b"[" * 50_000, "not readable JSON"),
    ],
    ids=["list", "no-text", "number-text", "blank-text", "latin-1", "huge-number", "deep-nesting"],
)
def test_bad_jsonl_record_is_reported_by_line(line: bytes, reason: str) -> None:
    data = jsonl(RECORDS[:1]) + line + b"\n" + jsonl(RECORDS[1:2])

    found = read_all_jsonl(data)

    assert [type(d) for d in found] == [RawDocument, SourceError, RawDocument]
    error = found[1]
    assert isinstance(error, SourceError)
    assert error.source == "news.jsonl#2"
    assert reason in error.reason


def test_oversized_jsonl_record_is_skipped(tmp_path: Path, store: Store) -> None:
    huge = {"text": "The quay. " * 200}
    path = tmp_path / "big.jsonl"
    path.write_bytes(jsonl([RECORDS[1], huge, RECORDS[2]]))
    settings = Settings().replace("ingest", max_bytes=500)

    result = ingest_sources([str(path)], store, settings)

    assert [(e.source, e.reason) for e in result.errors] == [
        (f"{path}#2", "record over the size limit (500 bytes)")
    ]
    assert store.count_articles() == 2


def test_empty_jsonl_file_is_one_error(tmp_path: Path, store: Store) -> None:
    bad = tmp_path / "empty.jsonl"
    bad.write_bytes(b"\n\n")

    errors = ingest_with_neighbours(tmp_path, bad, store)

    assert [(e.source, e.reason) for e in errors] == [(str(bad), "empty file")]


def test_jsonl_is_sniffed_without_an_extension(tmp_path: Path) -> None:
    path = tmp_path / "dump"
    path.write_bytes(jsonl(RECORDS))

    items = list(read_source(str(path), Settings()))

    assert [type(i) for i in items] == [Article, Article, Article]
    assert items[0].source == f"{path}#1"


# --- CSV ----------------------------------------------------------------------------


def test_csv_rows_become_documents_numbered_like_a_spreadsheet() -> None:
    found = read_all_csv(csv_bytes(RECORDS, COLUMNS))

    assert [d.source for d in found] == ["news.csv#2", "news.csv#3", "news.csv#4"]
    first = found[0]
    assert isinstance(first, RawDocument)
    assert first.text == RECORDS[0]["text"]  # a quoted field keeps its paragraphs
    assert first.title == "Portvale to deepen east channel"
    assert first.outlet == "Coastal Wire"
    assert first.published is not None and first.published.iso() == "2031-05-08T07:45:00+00:00"
    third = found[2]
    assert isinstance(third, RawDocument)
    assert (third.title, third.outlet, third.published) == (None, None, None)  # empty cells


def test_csv_with_a_byte_order_mark_and_custom_columns(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(
        "\ufeffHeadline,Story\nQuay reopens,The east quay reopened on Monday.\n".encode("utf-8")
    )
    settings = Settings().replace("ingest", fields={"text": "Story", "title": "Headline"})

    result = ingest_sources([str(path)], store, settings)

    assert result.ok
    (article,) = store.articles()
    assert (article.title, article.text, article.source) == (
        "Quay reopens",
        "The east quay reopened on Monday.",
        f"{path}#2",
    )


def test_csv_without_the_text_column_suggests_the_field_option(
    tmp_path: Path, store: Store
) -> None:
    bad = tmp_path / "wrong.csv"
    bad.write_bytes(b"headline,body\nQuay reopens,The east quay reopened on Monday.\n")

    errors = ingest_with_neighbours(tmp_path, bad, store)

    assert len(errors) == 1
    assert errors[0].source == str(bad)
    assert "no 'text' column" in errors[0].reason
    assert "headline, body" in errors[0].reason
    assert "--field text=NAME" in errors[0].reason


def test_csv_row_without_text_is_reported_by_row() -> None:
    data = csv_bytes([RECORDS[1], {"title": "Empty"}, RECORDS[2]], COLUMNS)

    found = read_all_csv(data)

    assert [type(d) for d in found] == [RawDocument, SourceError, RawDocument]
    assert found[1].source == "news.csv#3"


def test_empty_csv_file_is_one_error(tmp_path: Path, store: Store) -> None:
    bad = tmp_path / "empty.csv"
    bad.write_bytes(b"")

    errors = ingest_with_neighbours(tmp_path, bad, store)

    assert [(e.source, e.reason) for e in errors] == [(str(bad), "empty file")]


def test_csv_that_is_not_utf8_is_read_as_windows_1252_with_one_warning(
    tmp_path: Path, store: Store
) -> None:
    # as plain text files are: a CSV saved by Excel on Windows is Windows-1252
    path = tmp_path / "excel.csv"
    rows = [
        {
            "title": "Caf\u00e9 reopens",
            "text": "The caf\u00e9 on the quay reopened \u2013 at last.",
        },
        {"title": "Ferries", "text": "Ferries are running again."},
        {"title": "Cr\u00eapes", "text": "The stall sold 200 cr\u00eapes on Sunday."},
    ]
    path.write_bytes(csv_bytes(rows, ["title", "text"]).decode("utf-8").encode("cp1252"))

    result = ingest_sources([str(path)], store)

    assert result.ok
    assert [(w.source, w.reason) for w in result.warnings] == [
        (str(path), "not valid UTF-8 (first in row 2); read as Windows-1252 where it is not")
    ]
    by_source = {a.source: a for a in store.articles()}
    assert by_source[f"{path}#2"].title == "Caf\u00e9 reopens"
    assert by_source[f"{path}#2"].text == "The caf\u00e9 on the quay reopened \u2013 at last."
    assert by_source[f"{path}#4"].text == "The stall sold 200 cr\u00eapes on Sunday."


def test_csv_mostly_utf8_keeps_its_utf8_and_reads_the_stray_bytes_as_windows_1252() -> None:
    data = (
        "title,text\nCaf\u00e9,The caf\u00e9 reopened.\n".encode()
        + "Cr\u00eapes,200 cr\u00eapes sold.\n".encode("cp1252")
        + "\u00c9t\u00e9,Summer \u2013 at last.\n".encode()
    )

    found = read_all_csv(data)

    assert [type(d) for d in found] == [RawDocument, SourceWarning, RawDocument, RawDocument]
    assert found[1].source == "news.csv"
    assert found[1].reason == (
        "not valid UTF-8 (first in row 3); read as Windows-1252 where it is not"
    )
    assert [(d.title, d.text) for d in found if isinstance(d, RawDocument)] == [
        ("Caf\u00e9", "The caf\u00e9 reopened."),
        ("Cr\u00eapes", "200 cr\u00eapes sold."),
        ("\u00c9t\u00e9", "Summer \u2013 at last."),
    ]


def test_a_csv_header_that_is_not_utf8_is_read_too() -> None:
    data = "texte,r\u00e9sum\u00e9\nLe caf\u00e9 a rouvert.,Caf\u00e9\n".encode("cp1252")

    warning, document = list(
        read_csv(
            io.BytesIO(data), "fr.csv", FieldNames(text="texte", title="r\u00e9sum\u00e9"), 10**6
        )
    )

    assert isinstance(warning, SourceWarning)
    assert "first in row 1" in warning.reason
    assert isinstance(document, RawDocument)
    assert (document.title, document.text) == ("Caf\u00e9", "Le caf\u00e9 a rouvert.")


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04\x14\x00\x06\x00\x08\x00text", "text,title\nA,B\n".encode("utf-16")],
    ids=["xlsx", "utf-16"],
)
def test_a_spreadsheet_or_utf16_file_named_csv_is_one_clear_error(data: bytes) -> None:
    with pytest.raises(SourceError) as caught:
        read_all_csv(data)

    assert caught.value.source == "news.csv"
    assert "not a text CSV file" in caught.value.reason
    assert "save it as UTF-8 CSV" in caught.value.reason


def test_csv_field_size_limit_is_set_once_at_import_not_per_file() -> None:
    long_text = "The harbour council met again. " * 10_000  # over csv's default 128 KiB
    data = csv_bytes([{"text": long_text}], ["text"])

    (document,) = list(read_csv(io.BytesIO(data), "long.csv", FieldNames(), 10**6))
    (error,) = list(read_csv(io.BytesIO(data), "long.csv", FieldNames(), 1000))

    assert isinstance(document, RawDocument) and document.text == long_text
    assert csv.field_size_limit() == CSV_FIELD_LIMIT  # reading did not change it
    assert (error.source, error.reason) == ("long.csv#2", "record over the size limit (1000 bytes)")


# --- dates that cannot be read ------------------------------------------------------


@pytest.mark.parametrize("value", ["16/05/2031", "2031-05-16T25:00", "next Tuesday", 1747353600])
def test_a_published_value_that_is_not_a_date_is_a_warning_naming_it(value: object) -> None:
    record = {"text": "The quay reopened on Monday.", "published": value}

    document, warning = read_all_jsonl(jsonl([record]))

    assert isinstance(document, RawDocument)
    assert document.published is None
    assert isinstance(warning, SourceWarning)
    assert warning.source == "news.jsonl#1"
    assert f"'published' value '{value}' is not a date" in warning.reason


def test_csv_dates_that_cannot_be_read_are_warnings_and_the_articles_are_kept(
    tmp_path: Path, store: Store
) -> None:
    path = tmp_path / "dates.csv"
    rows = [
        {"text": "The quay reopened on Monday.", "published": "16/05/2031"},
        {"text": "Ferries are running again.", "published": "2031-05-16"},
        {"text": "The library opened on Saturday.", "published": ""},
    ]
    path.write_bytes(csv_bytes(rows, ["text", "published"]))

    result = ingest_sources([str(path)], store)

    assert result.ok
    assert [w.source for w in result.warnings] == [f"{path}#2"]
    assert "'16/05/2031'" in result.warnings[0].reason
    assert store.count_articles() == 3


# --- JSON ---------------------------------------------------------------------------


def read_all_json(data: bytes, max_bytes: int = 10**6) -> list[RawDocument | SourceError]:
    return list(read_json(data, "news.json", FieldNames(), max_bytes))


def test_a_json_array_of_objects_is_read_with_1_based_locators() -> None:
    first, second, third = read_all_json(json.dumps(RECORDS).encode())

    assert [d.source for d in (first, second, third)] == [
        "news.json#1",
        "news.json#2",
        "news.json#3",
    ]
    same_in_jsonl = read_all_jsonl(jsonl(RECORDS))[0]
    assert isinstance(same_in_jsonl, RawDocument)
    assert first == dataclasses.replace(same_in_jsonl, source="news.json#1")
    assert isinstance(second, RawDocument) and second.outlet == "Dunmere Courier"


def test_json_is_read_from_a_stream_as_from_bytes() -> None:
    data = json.dumps(RECORDS, indent=2).encode()

    from_stream = list(read_json(io.BytesIO(data), "news.json", FieldNames(), 10**6))

    assert from_stream == read_all_json(data)


def test_one_json_object_is_one_record() -> None:
    (document,) = read_all_json(json.dumps(RECORDS[1]).encode("utf-8-sig"))

    assert isinstance(document, RawDocument)
    assert document.source == "news.json#1"
    assert document.title == "Dunmere library opens"


def test_a_json_file_holding_json_lines_is_read_as_json_lines() -> None:
    found = read_all_json(jsonl(RECORDS))

    assert [type(d) for d in found] == [RawDocument, RawDocument, RawDocument]
    assert [d.source for d in found] == ["news.json#1", "news.json#2", "news.json#3"]


def test_bad_records_in_a_json_array_are_reported_by_index() -> None:
    data = json.dumps([RECORDS[1], ["not", "an", "object"], {"title": "No text"}, RECORDS[2]])

    found = read_all_json(data.encode())

    assert [type(d) for d in found] == [RawDocument, SourceError, SourceError, RawDocument]
    assert [(d.source, d.reason) for d in found if isinstance(d, SourceError)] == [
        ("news.json#2", "expected a JSON object, got list"),
        ("news.json#3", "no text in field 'text'"),
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'"just a string"', "expected a JSON array of objects or JSON Lines, got str"),
        (b"42", "expected a JSON array of objects or JSON Lines, got int"),
        (b'{"a": 1,\n "b": 2}\n{"c": 3}', "not valid JSON (Extra data at line 3, column 1)"),
        (b'[{"text": "cut off', "not valid JSON (Unterminated string starting at"),
        (b"[]", "no records (an empty JSON array)"),
        (b"  \n", "empty file"),
        ('[{"text": "caf\u00e9"}]'.encode("latin-1"), "not valid UTF-8"),
        (b"[" * 50_000, "not readable JSON"),
    ],
    ids=[
        "string",
        "number",
        "pretty-printed-objects",
        "cut-off",
        "empty-array",
        "blank",
        "latin-1",
        "deep",
    ],
)
def test_a_json_file_that_holds_no_records_is_one_clear_error(data: bytes, reason: str) -> None:
    with pytest.raises(SourceError) as caught:
        read_all_json(data)

    assert caught.value.source == "news.json"
    assert reason in caught.value.reason
    if "not valid JSON" in reason:
        assert "expected a JSON array of objects or JSON Lines" in caught.value.reason


def test_an_api_response_wrapping_the_records_says_where_they_are() -> None:
    data = json.dumps({"status": "ok", "totalResults": 3, "articles": RECORDS}).encode()

    with pytest.raises(SourceError) as caught:
        read_all_json(data)

    assert "one object whose 'articles' holds 3 objects" in caught.value.reason
    assert "jq '.articles'" in caught.value.reason


def test_a_json_file_over_the_size_limit_is_one_error_suggesting_json_lines() -> None:
    data = json.dumps(RECORDS).encode()

    with pytest.raises(SourceError) as caught:
        list(read_json(io.BytesIO(data), "news.json", FieldNames(), 100))

    assert "over the 100-byte limit (ingest.max_bytes)" in caught.value.reason
    assert "JSON Lines" in caught.value.reason

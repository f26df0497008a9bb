"""JSON Lines and CSV: one article per record; bad records and bad files."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from corroborate import Article, RawDocument, Settings, SourceError, Store, ingest_sources
from corroborate.article import make_article
from corroborate.ingest import read_source
from corroborate.readers.tabular import read_csv, read_jsonl
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


def test_csv_that_is_not_utf8_is_one_error(tmp_path: Path, store: Store) -> None:
    bad = tmp_path / "latin.csv"
    bad.write_bytes("text\nThe café reopened.\n".encode("latin-1"))

    errors = ingest_with_neighbours(tmp_path, bad, store)

    assert len(errors) == 1
    assert errors[0].source.startswith(str(bad))
    assert "UTF-8" in errors[0].reason or "utf-8" in errors[0].reason

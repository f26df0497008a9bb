"""The ingest runner: folders, mixed good and bad sources, outlets, idempotency."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate import Settings, Store, ingest_sources
from corroborate.ingest import expand_sources
from corroborate.readers import format_of_name

WIRE = (
    "Ferry service resumes\n\n"
    " date 2031-06-10 KELSO BAY, Estria (CW) — The island ferry resumed service on Monday "
    "after a week of repairs, the operator said.\n\n"
    "“We are back on schedule,” operator spokeswoman Ines Valk told reporters.\n"
)


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_folder_takes_article_files_and_skips_the_rest(tmp_path: Path) -> None:
    _write(tmp_path, "a/wire.txt", WIRE)
    _write(tmp_path, "a/notes.md", "not an article")
    _write(tmp_path, "gold.json", "{}")
    _write(tmp_path, ".hidden/x.txt", WIRE)
    _write(tmp_path, "b/page.html", "<html><body><p>x</p></body></html>")
    assert [Path(p).relative_to(tmp_path).as_posix() for p in expand_sources([str(tmp_path)])] == [
        "a/wire.txt",
        "b/page.html",
    ]


def test_bad_sources_are_reported_and_the_others_ingested(tmp_path: Path, store: Store) -> None:
    good = _write(tmp_path, "good.txt", WIRE)
    empty = _write(tmp_path, "empty.txt", "")
    binary = _write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    missing = tmp_path / "missing.txt"
    result = ingest_sources([str(empty), str(good), str(binary), str(missing)], store)
    assert store.count_articles() == 1
    assert result.articles == 1 and not result.ok
    reasons = {Path(e.source).name: e.reason for e in result.errors}
    assert reasons == {
        "empty.txt": "empty file",
        "image.txt": "binary data (NUL bytes), not text",
        "missing.txt": "no such file or folder",
    }
    assert all(str(e).startswith(e.source) and "\n" not in str(e) for e in result.errors)


def test_reingest_changes_nothing(tmp_path: Path, store: Store) -> None:
    path = _write(tmp_path, "wire.txt", WIRE)
    first = ingest_sources([str(path)], store)
    second = ingest_sources([str(path)], store)
    assert (first.new, second.new, second.articles) == (1, 0, 1)
    assert store.count_articles() == 1 and len(store.sightings()) == 1


def test_given_outlet_wins(tmp_path: Path, store: Store) -> None:
    path = _write(tmp_path, "wire.txt", WIRE)
    ingest_sources([str(path)], store, outlet="Island Radio")
    (article,) = store.articles()
    assert (article.outlet, article.outlet_from) == ("Island Radio", "given")


def test_plain_text_metadata(tmp_path: Path, store: Store) -> None:
    ingest_sources([str(_write(tmp_path, "wire.txt", WIRE))], store)
    (article,) = store.articles()
    assert article.title == "Ferry service resumes"
    assert article.published is not None and article.published.iso() == "2031-06-10"
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.region, article.dateline.agency) == (
        "Kelso Bay",
        "Estria",
        "CW",
    )
    assert article.text.startswith("KELSO BAY, Estria (CW) — The island ferry")
    assert article.dateline.span.of(article.text) == "KELSO BAY, Estria (CW) — "
    assert (article.outlet, article.outlet_from, article.language) == ("CW", "dateline", "en")


def test_large_source_is_written_in_batches(tmp_path: Path, store: Store) -> None:
    lines = [
        json.dumps({"text": f"Story {n}: the council met on Monday and approved the budget."})
        for n in range(23)
    ]
    path = _write(tmp_path, "dump.jsonl", "\n".join(lines) + "\n")
    result = ingest_sources([str(path)], store, Settings().replace("ingest", batch_size=5))
    assert result.ok and result.new == 23 == store.count_articles()
    assert {s.source for s in store.sightings()} == {f"{path}#{n}" for n in range(1, 24)}


def test_unknown_extension_is_sniffed(tmp_path: Path, store: Store) -> None:
    path = _write(
        tmp_path,
        "download.bin",
        "<!doctype html><html><head><title>T</title></head><body>"
        "<article><p>"
        + "The mayor opened the new library on Friday morning. " * 8
        + "</p></article></body></html>",
    )
    result = ingest_sources([str(path)], store)
    assert result.ok, result.errors
    (article,) = store.articles()
    assert article.text.startswith("The mayor opened the new library")


def test_progress_reports_sources_and_articles(tmp_path: Path, store: Store) -> None:
    paths = [
        str(_write(tmp_path, f"{n}.txt", WIRE.replace("Monday", f"day {n}"))) for n in range(3)
    ]
    events: list[tuple[str, int]] = []
    ingest_sources(paths, store, progress=lambda event, count: events.append((event, count)))
    assert [e for e in events if e[0] == "source"] == [("source", 1), ("source", 2), ("source", 3)]
    assert [e for e in events if e[0] == "article"] == [
        ("article", 1),
        ("article", 2),
        ("article", 3),
    ]


def test_error_messages_are_one_line(tmp_path: Path, store: Store) -> None:
    bad = _write(tmp_path, "broken.jsonl", '{"text": "a\n')
    result = ingest_sources([str(bad)], store)
    assert result.errors and all("\n" not in str(e) for e in result.errors)


def test_json_array_is_read_when_named_but_not_from_folders(tmp_path: Path, store: Store) -> None:
    records = [{"text": "The tram line reopened on Monday after a week of repairs."}]
    path = _write(tmp_path, "feed.json", json.dumps(records))
    assert list(expand_sources([str(tmp_path)])) == []
    result = ingest_sources([str(path)], store)
    assert result.ok and store.count_articles() == 1
    assert store.sightings()[0].source == f"{path}#1"


def test_a_file_named_twice_is_read_once(tmp_path: Path, store: Store) -> None:
    path = _write(tmp_path, "wire.txt", WIRE)
    result = ingest_sources([str(path), str(tmp_path), f"{tmp_path}/./wire.txt"], store)
    assert result.sources == 1 and len(store.sightings()) == 1


def test_source_records_are_kept(tmp_path: Path, store: Store) -> None:
    good = _write(tmp_path, "wire.txt", WIRE)
    missing = tmp_path / "gone.txt"
    ingest_sources([str(good), str(missing)], store)
    records = {Path(r.source).name: r for r in store.source_records()}
    assert (records["wire.txt"].articles, records["wire.txt"].errors) == (1, 0)
    assert records["gone.txt"].errors == 1
    assert records["gone.txt"].first_problem == f"{missing}: no such file or folder"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", "text"),
        ("dir.v2/page.HTM", "html"),
        ("crawl.2031-05.warc.gz", "warc"),
        ("dump.tar.gz", None),
        ("README", None),
        (".hidden", None),
        ("items.json", "json"),
    ],
)
def test_format_of_name(name: str, expected: str | None) -> None:
    assert format_of_name(name) == expected

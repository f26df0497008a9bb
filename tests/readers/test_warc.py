"""WARC files: HTML responses become articles; truncated and non-WARC files are errors."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.archiveiterator import WARCIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corroborate import Article, RawDocument, Settings, SourceError, Store, ingest_sources
from corroborate.ingest import read_source
from corroborate.readers.warc import read_warc

STORIES = [
    (
        "Portvale to deepen east channel",
        "The harbour council of Portvale approved a plan on Thursday to deepen the east channel "
        "so that larger container ships can reach the new terminal.",
        "Dredging will begin in the spring and is expected to take two years, the council said.",
    ),
    (
        "Dunmere library opens in old grain store",
        "Dunmere's new library opened its doors on Saturday with a reading marathon that lasted "
        "from dawn until late in the evening, organisers said.",
        "More than two thousand visitors passed through on the first day, many of them children.",
    ),
    (
        "Rail line between Portvale and Dunmere reopens",
        "Trains between Portvale and Dunmere ran again on Sunday after engineers finished "
        "repairs to the bridge over the Estria river, the rail operator said.",
        "Services will run to a reduced timetable for the first week while speed limits apply.",
    ),
]


def html_page(title: str, *paragraphs: str, site: str = "Estria Daily") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='og:site_name' content='{site}'></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def response(
    writer: WARCWriter,
    url: str,
    payload: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    # with its length given, warcio needs no temporary file (which it would leave open)
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(payload), length=len(payload), http_headers=headers
    )
    writer.write_record(record)


def write_warc(path: Path, gzip: bool, extra: bool = False) -> list[int]:
    """Three HTML responses (and, with ``extra``, records that hold no article); returns
    the offset where each HTML record starts."""
    starts = []
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for number, (title, *paragraphs) in enumerate(STORIES, start=1):
            if extra and number == 2:
                get = b"GET /logo.png HTTP/1.1\r\nHost: estria-daily.example\r\n\r\n"
                request = writer.create_warc_record(
                    "https://estria-daily.example/logo.png",
                    "request",
                    payload=io.BytesIO(get),
                    length=len(get),
                )
                writer.write_record(request)
                response(
                    writer, "https://estria-daily.example/logo.png", b"\x89PNG\r\n", "image/png"
                )
                response(
                    writer,
                    "https://estria-daily.example/gone",
                    b"<p>gone</p>",
                    status="404 Not Found",
                )
            starts.append(stream.tell())
            response(
                writer, f"https://estria-daily.example/news/{number}", html_page(title, *paragraphs)
            )
    return starts


def name(gzip: bool) -> str:
    return "crawl.warc.gz" if gzip else "crawl.warc"


@pytest.fixture(params=[True, False], ids=["gzip", "plain"])
def gzip(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


def test_html_responses_become_articles(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / name(gzip)
    write_warc(path, gzip, extra=True)

    items = list(read_source(str(path), Settings()))

    assert all(isinstance(i, Article) for i in items), items
    assert [i.title for i in items if isinstance(i, Article)] == [s[0] for s in STORIES]
    first = items[0]
    assert isinstance(first, Article)
    assert first.url == "https://estria-daily.example/news/1"
    assert first.outlet == "Estria Daily"
    assert first.text == "\n\n".join(STORIES[0][1:])
    assert first.source.startswith(f"{path}#")
    assert len({i.source for i in items}) == 3


def test_reader_streams_records_from_a_file_object(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / name(gzip)
    write_warc(path, gzip)

    with path.open("rb") as stream:
        found = list(read_warc(stream, "crawl", 10**6))

    assert [type(d) for d in found] == [RawDocument] * 3
    assert [d.source for d in found] == ["crawl#2", "crawl#3", "crawl#4"]  # record 1: warcinfo


def test_charset_comes_from_the_http_header(tmp_path: Path) -> None:
    path = tmp_path / "latin.warc"
    page = html_page("Café reopens", "The café on the quay reopened on Monday after a long winter.")
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        body = page.replace(b"<meta charset='utf-8'>", b"").decode("utf-8").encode("cp1252")
        response(
            writer, "https://estria-daily.example/cafe", body, "text/html; charset=windows-1252"
        )

    (article,) = read_source(str(path), Settings())

    assert isinstance(article, Article)
    assert "The café on the quay reopened" in article.text


def test_record_over_the_size_limit_is_skipped(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        response(writer, "https://estria-daily.example/1", html_page(*STORIES[0]))
        response(writer, "https://estria-daily.example/big", html_page(*STORIES[1], "x" * 5000))
        response(writer, "https://estria-daily.example/3", html_page(*STORIES[2]))
    settings = Settings().replace("ingest", max_bytes=2000)

    result = ingest_sources([str(path)], store, settings)

    assert [(e.source, e.reason) for e in result.errors] == [
        (f"{path}#2", "record over the size limit (2000 bytes)")
    ]
    assert store.count_articles() == 2


# --- bad input ----------------------------------------------------------------------


def ingest_with_neighbour(folder: Path, bad: Path, store: Store) -> list[SourceError]:
    good = folder / "good.txt"
    good.write_text("The Estria ferry timetable returns to normal on Monday.", encoding="utf-8")
    result = ingest_sources([str(bad), str(good)], store)
    assert result.sources == 2
    assert str(good) in {s.source for s in store.sightings()}
    return result.errors


@pytest.mark.parametrize("where", [0.5, 0.1, 0.9], ids=["middle", "headers", "near-end"])
def test_truncated_warc_keeps_the_first_records(
    tmp_path: Path, store: Store, gzip: bool, where: float
) -> None:
    path = tmp_path / name(gzip)
    starts = write_warc(path, gzip)
    data = path.read_bytes()
    last = starts[-1]
    path.write_bytes(data[: last + int((len(data) - last) * where)])

    errors = ingest_with_neighbour(tmp_path, path, store)

    assert len(errors) == 1
    assert errors[0].source == str(path)
    assert errors[0].reason.startswith("truncated WARC: cut off inside record 4")
    titles = {a.title for a in store.articles() if a.source.startswith(str(path))}
    assert titles == {STORIES[0][0], STORIES[1][0]}  # nothing from the cut record


def test_non_warc_file_named_warc_is_one_error(tmp_path: Path, store: Store) -> None:
    bad = tmp_path / "notes.warc"
    bad.write_text("These are my notes about the harbour story, not a crawl.\n", encoding="utf-8")

    errors = ingest_with_neighbour(tmp_path, bad, store)

    assert len(errors) == 1
    assert errors[0].source == str(bad)
    assert "not a WARC file" in errors[0].reason
    assert store.count_articles() == 1


def test_html_file_named_warc_gz_is_one_error(tmp_path: Path, store: Store) -> None:
    bad = tmp_path / "page.warc.gz"
    bad.write_bytes(html_page(*STORIES[0]))

    errors = ingest_with_neighbour(tmp_path, bad, store)

    assert len(errors) == 1
    assert errors[0].source == str(bad)
    assert "not a WARC file" in errors[0].reason


def test_empty_warc_is_one_error(tmp_path: Path, store: Store) -> None:
    bad = tmp_path / "empty.warc"
    bad.write_bytes(b"")

    errors = ingest_with_neighbour(tmp_path, bad, store)

    assert len(errors) == 1
    assert errors[0].source == str(bad)
    assert errors[0].reason == "empty file"


def test_garbage_after_the_last_record_is_reported(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    with path.open("ab") as stream:
        stream.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage that is not gzip")

    errors = ingest_with_neighbour(tmp_path, path, store)

    assert len(errors) == 1
    assert errors[0].source == str(path)
    assert "corrupt" in errors[0].reason
    assert store.count_articles() == 4


def small_warc(gzip: bool) -> tuple[bytes, list[tuple[int, int]]]:
    """A warcinfo record and three plain-text responses (no HTML to extract, so that every
    cut point can be tried quickly), and where each record starts and ends."""
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("small.warc", {"software": "tests"}))
    for number in range(3):
        notice = f"Notice {number}: the east quay is closed.".encode()
        response(writer, f"https://estria-daily.example/{number}", notice, "text/plain")
    data = stream.getvalue()
    records = WARCIterator(io.BytesIO(data))
    spans = []
    for _ in records:
        start = records.get_record_offset()
        spans.append((start, start + records.get_record_length()))
    return data, spans


def test_a_warc_cut_anywhere_names_the_record_it_was_cut_in(gzip: bool) -> None:
    data, spans = small_warc(gzip)
    assert len(spans) == 4
    # between one record's end and the next one's start (a plain WARC's blank lines, or
    # exactly at a gzip member's end) nothing is missing
    starts = [start for start, _ in spans[1:]] + [len(data)]
    gaps = [(end, next_start) for (_, end), next_start in zip(spans, starts, strict=True)]
    cut_off = 0

    for cut in range(1, len(data)):
        try:
            errors = list(read_warc(io.BytesIO(data[:cut]), "c", 10**6))
        except SourceError as exc:
            errors = [exc]
        if any(end <= cut <= next_start for end, next_start in gaps):
            assert errors == [], cut
            continue
        inside = max(number for number, (start, _) in enumerate(spans, start=1) if start < cut)
        assert len(errors) == 1, (cut, errors)
        assert isinstance(errors[0], SourceError), (cut, errors)
        # never warcio's own exception ("AttributeError: 'NoneType' object has no ...")
        assert errors[0].reason.startswith(f"truncated WARC: cut off inside record {inside}"), (
            cut,
            errors[0].reason,
        )
        cut_off += 1

    assert cut_off > len(data) * 0.9


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (
            lambda record: b"XXXX" + record[4:],
            "corrupt WARC in record 2 (ArchiveLoadFailed: Invalid WARC record, first line: XXXX/1.0)",
        ),
        (
            lambda record: record.replace(b"Content-Length", b"Content-Lxngth", 1),
            "corrupt WARC: record 2 has no Content-Length",
        ),
    ],
    ids=["first-line", "no-length"],
)
def test_damage_inside_a_whole_file_is_corrupt_not_cut_off(
    damage: Callable[[bytes], bytes], reason: str
) -> None:
    data, spans = small_warc(gzip=False)
    start, end = spans[1]

    found = list(
        read_warc(io.BytesIO(data[:start] + damage(data[start:end]) + data[end:]), "c", 10**6)
    )

    assert [(e.source, e.reason) for e in found if isinstance(e, SourceError)] == [("c", reason)]


def test_damaged_gzip_data_is_reported_without_binary_junk() -> None:
    data, spans = small_warc(gzip=True)
    start = spans[1][0]
    damaged = data[: start + 20] + b"\xff" * 10 + data[start + 30 :]

    (error,) = list(read_warc(io.BytesIO(damaged), "c", 10**6))

    assert isinstance(error, SourceError)
    assert error.reason.startswith("corrupt WARC in record 2 (ArchiveLoadFailed: ")
    assert error.reason.isprintable()

"""Property tests: whatever bytes or text a reader is given, it yields documents or
SourceErrors, or raises SourceError, and nothing else."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate import Article, RawDocument, Settings, SourceError
from corroborate.article import make_article
from corroborate.ingest import read_source
from corroborate.newsmeta import find_dateline, parse_date_value
from corroborate.packaging import credit_names, split_packaging
from corroborate.readers.feed import FeedLink, read_feed
from corroborate.readers.html import read_html
from corroborate.readers.plaintext import read_plaintext
from corroborate.readers.tabular import read_csv, read_jsonl
from corroborate.readers.warc import read_warc
from corroborate.records import PubDate
from corroborate.settings import FieldNames
from corroborate.text import DecodeFailure, content_hash, decode_bytes, tidy_paragraphs

BOUNDED = settings(max_examples=60, deadline=None)
FEW = settings(max_examples=25, deadline=None)  # for properties that run every reader

# Pieces of the formats the readers know, so random input reaches past their first check.
FRAGMENTS = [
    "<html>", "<body>", "<p>", "</p>", "<article>", "<meta charset='cp1252'>",
    "<meta charset='undefined'>", "<?xml version='1.0'?>", "<rss version='2.0'>", "<channel>",
    "<item>", "<title>", "</title>", "<link>http://127.0.0.1/x</link>", "<description>",
    "<feed xmlns='http://www.w3.org/2005/Atom'>", "<entry>", "<![CDATA[", "]]>", "&amp;",
    "&nbsp;", '{"text": "', '"title": ', '"published": "Oct 24"', "}", "[", "\n", "\r\n",
    "\n\n", ",", '"', "text,title\n", "WARC/1.0\r\n", "WARC-Type: response\r\n",
    "Content-Length: 12\r\n", "\r\n\r\n", "HTTP/1.1 200 OK\r\n", "Content-Type: text/html\r\n",
    " date 2031-05-02 ", "PORTVALE, Estria (CW) — ", "Portvale, May 3, (NP) - ",
    "With reporting by CW", "END/PVL/KR/", "(Photo: CW)", "Oct 24, 2031", "\x00", "\ufeff",
]  # fmt: skip

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join),
)
blobs = st.one_of(
    st.binary(max_size=600),
    texts.map(lambda t: t.encode("utf-8")),
    st.tuples(
        st.sampled_from([b"\x1f\x8b\x08\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"WARC/1.0\r\n"]),
        st.binary(max_size=300),
    ).map(b"".join),
)

Item = RawDocument | FeedLink | SourceError | Article


def only_documents_or_errors(
    produce: Callable[[], Iterable[object]], allowed: tuple[type, ...] = (RawDocument, SourceError)
) -> list[object]:
    """Drain a reader: it may raise SourceError, and may yield only ``allowed`` types."""
    try:
        items = list(produce())
    except SourceError as exc:
        assert exc.source
        return []
    for item in items:
        assert isinstance(item, allowed), item
        if isinstance(item, SourceError):
            assert item.source is not None and item.reason
    return items


def all_readers(data: bytes) -> None:
    fields, cap = FieldNames(), 10_000
    only_documents_or_errors(lambda: read_plaintext(data, "x.txt"))
    only_documents_or_errors(lambda: read_html(data, "x.html"))
    only_documents_or_errors(
        lambda: read_html(data, "x.html", url="http://news.example/a", charset="utf-16")
    )
    only_documents_or_errors(
        lambda: read_feed(data, "x.xml", 40), allowed=(RawDocument, FeedLink, SourceError)
    )
    only_documents_or_errors(lambda: read_jsonl(io.BytesIO(data), "x.jsonl", fields, cap))
    only_documents_or_errors(lambda: read_csv(io.BytesIO(data), "x.csv", fields, cap))
    only_documents_or_errors(lambda: read_warc(io.BytesIO(data), "x.warc", cap))


@BOUNDED
@given(blobs)
def test_every_reader_survives_any_bytes(data: bytes) -> None:
    all_readers(data)


@BOUNDED
@given(texts)
def test_every_reader_survives_any_text(text: str) -> None:
    all_readers(text.encode("utf-8"))
    all_readers(text.encode("utf-16"))


NAMES = ["a.txt", "a.html", "a.xml", "a.rss", "a.jsonl", "a.csv", "a.warc", "a.warc.gz", "a"]


@FEW
@given(blobs, st.sampled_from(NAMES))
def test_read_source_never_raises(data: bytes, name: str) -> None:
    # a fresh folder per example: the function-scoped tmp_path is shared across examples
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = list(read_source(str(path), Settings().replace("ingest", max_bytes=100_000)))

    for item in items:
        assert isinstance(item, (Article, SourceError)), item
        assert item.source.startswith(str(path))
        if isinstance(item, Article):
            assert item.text.strip()
            assert item.id == content_hash(item.text)


@BOUNDED
@given(
    texts,
    st.one_of(st.none(), texts),
    st.one_of(
        st.none(),
        st.sampled_from(["https://www.ledger.example/a", "http://[::1", "ftp://x", "not a url"]),
    ),
    st.booleans(),
)
def test_make_article_yields_an_article_or_a_source_error(
    text: str, title: str | None, url: str | None, plain: bool
) -> None:
    raw = RawDocument(text=text, source="doc", title=title, url=url, plain=plain)
    try:
        article = make_article(raw)
    except SourceError as exc:
        assert exc.source == "doc"
        return

    assert article.text.strip()
    assert article.text == article.text.strip()
    assert article.id == content_hash(article.text)
    if article.dateline is not None:
        span = article.dateline.span
        assert span.article_id == article.id
        assert 0 == span.start < span.end <= len(article.text)


@BOUNDED
@given(texts)
def test_text_helpers_never_raise(text: str) -> None:
    dateline = find_dateline(text)
    if dateline is not None:
        assert 0 < dateline.end <= len(text)
    names = credit_names(text)
    assert names is None or all(names)
    packaging = split_packaging(text, detect_title=True)
    # packaging only removes: the body's words are the text's, in order, minus some
    assert _is_subsequence(packaging.body.split(), text.split())
    tidy = tidy_paragraphs(text)
    assert tidy_paragraphs(tidy) == tidy


@BOUNDED
@given(
    st.one_of(
        texts,
        st.from_regex(r"\A[A-Z][a-z]{2,8}\.? \d{1,2}(, \d{1,20})?\Z"),
        st.from_regex(r"\A\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?([+-]\d\d:?\d\d|Z)?\Z"),
        st.from_regex(
            r"\A(Mon|Fri), \d{1,2} (Jan|May|Foo) \d{1,22} \d\d:\d\d:\d\d [+-]?\w{1,22}\Z"
        ),
    )
)
def test_parse_date_value_gives_a_real_date_or_none(value: str) -> None:
    parsed = parse_date_value(value, "field")
    if parsed is None:
        return
    assert parsed.source == "field"
    assert PubDate.parse_iso(parsed.iso(), "field") == parsed


@BOUNDED
@given(
    blobs,
    st.one_of(
        st.none(),
        st.sampled_from(["utf-8", "cp1252", "utf-16", "idna", "undefined", "nope", "base64"]),
    ),
)
def test_decode_bytes_decodes_or_refuses(data: bytes, declared: str | None) -> None:
    try:
        decoded = decode_bytes(data, declared)
    except DecodeFailure:
        return
    assert isinstance(decoded.text, str)


@BOUNDED
@given(st.text(alphabet=st.sampled_from("abcdefgh XYZ.,'\"“”‘’—–-\n\t"), max_size=200))
def test_copies_differing_in_case_and_spacing_share_a_hash(text: str) -> None:
    respaced = "  " + text.replace(" ", " \n\t ").upper() + "\n"

    assert content_hash(respaced) == content_hash(text)


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
    remaining = iter(whole)
    return all(word in remaining for word in part)

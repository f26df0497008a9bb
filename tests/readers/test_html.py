"""HTML pages: main text and page metadata; broken and empty pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate import Article, RawDocument, Settings, SourceError, Store, ingest_sources
from corroborate.article import make_article
from corroborate.ingest import read_source
from corroborate.readers.html import read_html, to_paragraphs

PARAGRAPHS = [
    "PORTVALE, Estria (NP) — Ferries between Portvale and the outer islands returned to "
    "their normal timetable on Sunday after two days of high winds kept every boat in the harbour.",
    "The harbour master said crews had checked each berth for damage overnight and found only "
    "minor scrapes along the east quay, which would be repaired during the week.",
    "Passengers who missed crossings on Friday and Saturday can use their tickets on any "
    "sailing until the end of the month, the operator said in a statement.",
]


def page(
    *,
    title: str = "Ferry timetable restored after storm",
    site: str | None = "Portvale Ledger",
    published: str | None = "2031-05-04T09:30:00+02:00",
    paragraphs: list[str] = PARAGRAPHS,
    extra_head: str = "",
    credit: str | None = "With reporting by Northern Press",
) -> str:
    """A fictional news page with navigation and a footer around the article."""
    meta = [f'<meta property="og:title" content="{title}">']
    if site:
        meta.append(f'<meta property="og:site_name" content="{site}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    if credit:
        body += f"<p><em>{credit}</em></p>"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">{extra_head}
<title>{title} | {site or "News"}</title>
{"".join(meta)}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>{title}</h1>{body}</article>
<footer><p>Subscribe to our newsletter for the latest harbour news.</p></footer>
</body></html>"""


def only_document(data: bytes, source: str = "page.html", **kwargs: str) -> RawDocument:
    items = list(read_html(data, source, **kwargs))
    assert len(items) == 1
    assert isinstance(items[0], RawDocument)
    return items[0]


def ingest_with_neighbours(folder: Path, bad: Path, store: Store) -> list[SourceError]:
    good = []
    for number, paragraphs in enumerate((PARAGRAPHS[:2], PARAGRAPHS[1:])):
        path = folder / f"good{number}.html"
        path.write_text(page(paragraphs=paragraphs), encoding="utf-8")
        good.append(str(path))
    result = ingest_sources([good[0], str(bad), good[1]], store)
    assert result.sources == 3
    assert store.count_articles() == 2
    assert {sighting.source for sighting in store.sightings()} == set(good)
    return result.errors


# --- good input ---------------------------------------------------------------------


def test_main_text_and_metadata_come_from_the_page() -> None:
    document = only_document(page().encode("utf-8"))

    assert document.title == "Ferry timetable restored after storm"
    assert (document.outlet, document.outlet_from) == ("Portvale Ledger", "html metadata")
    assert document.published is not None
    assert document.published.iso() == "2031-05-04T09:30:00+02:00"
    assert document.published.source == "html metadata"
    assert document.text.split("\n\n")[:3] == PARAGRAPHS
    for chrome in ("Home", "Sport", "Subscribe"):
        assert chrome not in document.text
    assert not document.plain


def test_page_becomes_an_article_with_dateline_and_credits() -> None:
    article = make_article(only_document(page().encode("utf-8")))

    assert article.text == "\n\n".join(PARAGRAPHS)
    assert "Northern Press" in article.credits  # from the credit line, now out of the text
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.region, article.dateline.agency) == (
        "Portvale",
        "Estria",
        "NP",
    )
    assert article.outlet == "Portvale Ledger"  # the page's own name wins over the dateline
    assert article.language == "en"


def test_date_without_a_time_stays_a_day() -> None:
    document = only_document(page(published="2031-05-04").encode("utf-8"))

    assert document.published is not None
    assert document.published.iso() == "2031-05-04"


def test_outlet_falls_back_to_the_url_host() -> None:
    document = only_document(
        page(site=None).encode("utf-8"), url="https://www.portvale-ledger.example/news/ferries"
    )

    article = make_article(document)

    assert article.url == "https://www.portvale-ledger.example/news/ferries"
    assert (article.outlet, article.outlet_from) == ("portvale-ledger.example", "url")


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.portvale-ledger.example/news/ferries", "portvale-ledger.example"),
        ("https://news.portvale-ledger.example/ferries", "news.portvale-ledger.example"),
        ("https://WWW.Portvale-Ledger.example/ferries", "portvale-ledger.example"),
    ],
    ids=["www", "subdomain", "upper-case"],
)
def test_a_site_name_that_is_only_the_url_host_is_labelled_url(url: str, host: str) -> None:
    # trafilatura fills a missing site name with the host as written in the URL
    document = only_document(page(site=None).encode("utf-8"), url=url)

    assert (document.outlet, document.outlet_from) == (host, "url")


def test_a_site_name_the_page_gives_is_labelled_html_metadata() -> None:
    document = only_document(
        page().encode("utf-8"), url="https://WWW.Portvale-Ledger.example/ferries"
    )

    assert (document.outlet, document.outlet_from) == ("Portvale Ledger", "html metadata")


def test_declared_charset_decodes_the_page() -> None:
    html = page(paragraphs=[*PARAGRAPHS, "The café on the quay served 200 crêpes."])
    data = html.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').encode("cp1252")

    document = only_document(data)

    assert "The café on the quay served 200 crêpes." in document.text


def test_a_charset_that_is_not_a_text_encoding_is_ignored() -> None:
    data = page().replace('<meta charset="utf-8">', '<meta charset="undefined">').encode("utf-8")

    document = only_document(data)

    assert document.text.split("\n\n")[0] == PARAGRAPHS[0]


def test_read_source_reads_html_files_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "ferries.htm"
    path.write_text(page(), encoding="utf-8")

    items = list(read_source(str(path), Settings()))

    assert len(items) == 1
    assert isinstance(items[0], Article)
    assert items[0].source == str(path)
    assert items[0].title == "Ferry timetable restored after storm"


def test_html_without_extension_is_sniffed(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "saved-page"
    path.write_text(page(), encoding="utf-8")

    result = ingest_sources([str(path)], store)

    assert result.ok
    (article,) = store.articles()
    assert article.outlet == "Portvale Ledger"


def test_to_paragraphs_drops_a_repeated_title() -> None:
    assert to_paragraphs("Title\nFirst.\n\n\nSecond.", "Title") == "First.\n\nSecond."
    assert to_paragraphs("First.\nSecond.", "Title") == "First.\n\nSecond."


# --- bad input ----------------------------------------------------------------------


def test_unclosed_tags_are_still_extracted(tmp_path: Path) -> None:
    broken = (
        "<html><head><title>Quay works</title><body><div><p>The east quay <b>reopened "
        "<i>on Monday after <p>three weeks of repairs to its stone facing, the harbour office "
        "said, and ships berthed there by noon.<div><p>Crews will now move to the north mole"
    )
    path = tmp_path / "broken.html"
    path.write_text(broken, encoding="utf-8")

    items = list(read_source(str(path), Settings()))

    assert len(items) == 1
    assert isinstance(items[0], Article)
    assert "three weeks of repairs" in items[0].text


@pytest.mark.parametrize(
    "garbage",
    [
        b"<<<>>></</<!--<![CDATA[ }{ ]]><html<body<p",
        b"<html><body><p>\x01\x02\x03\x04\x05\x06\x07</p></body></html>",
        b"</html></body></p>",
    ],
    ids=["brackets", "control-bytes", "only-end-tags"],
)
def test_garbage_html_is_one_clear_error_or_an_article(tmp_path: Path, garbage: bytes) -> None:
    path = tmp_path / "garbage.html"
    path.write_bytes(garbage)

    items = list(read_source(str(path), Settings()))

    assert len(items) == 1
    item = items[0]
    assert isinstance(item, (Article, SourceError))
    if isinstance(item, SourceError):
        assert item.source == str(path)
        assert item.reason


def test_page_without_main_text_is_one_error(tmp_path: Path, store: Store) -> None:
    bad = tmp_path / "empty-page.html"
    bad.write_text(
        "<html><head><title>Portvale Ledger</title></head>"
        "<body><div> </div><img src='logo.png'><script>var x = 1;</script></body></html>",
        encoding="utf-8",
    )

    errors = ingest_with_neighbours(tmp_path, bad, store)

    assert len(errors) == 1
    assert errors[0].source == str(bad)
    assert "no main text" in errors[0].reason


def test_empty_html_file_is_one_error(tmp_path: Path, store: Store) -> None:
    bad = tmp_path / "empty.html"
    bad.write_bytes(b"\n")

    errors = ingest_with_neighbours(tmp_path, bad, store)

    assert [(e.source, e.reason) for e in errors] == [(str(bad), "empty file")]


def test_binary_data_named_html_is_one_error(tmp_path: Path, store: Store) -> None:
    bad = tmp_path / "image.html"
    bad.write_bytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;" * 4)

    errors = ingest_with_neighbours(tmp_path, bad, store)

    assert len(errors) == 1
    assert errors[0].source == str(bad)
    assert "binary" in errors[0].reason


def test_read_html_raises_for_a_page_without_text() -> None:
    with pytest.raises(SourceError) as caught:
        list(read_html(b"<html><body></body></html>", "blank.html"))

    assert caught.value.source == "blank.html"
    assert "no main text" in caught.value.reason


def test_a_page_in_the_wrong_encoding_is_read_with_a_warning(tmp_path: Path, store: Store) -> None:
    body = (
        "<p>"
        + "Caf\xe9 owners on the quay reopened their terraces on Sunday morning. " * 4
        + "</p>"
    )
    path = tmp_path / "latin.html"
    path.write_bytes(f"<html><body><article>{body}</article></body></html>".encode("cp1252"))
    result = ingest_sources([str(path)], store)
    assert result.ok and store.count_articles() == 1
    (warning,) = result.warnings
    assert warning.source == str(path) and "Windows-1252" in warning.reason
    (article,) = store.articles()
    assert "Café owners" in article.text

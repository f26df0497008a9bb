"""Plain-text articles: packaging lines, datelines, dates, credits; and bad text files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corroborate import Article, RawDocument, Settings, SourceError, Store, ingest_sources
from corroborate.ingest import read_source
from corroborate.readers.plaintext import read_plaintext

# Fictional articles written for these tests.
DOCKS = """Harbour cranes stand idle as Portvale dockworkers walk out

Dockworkers leave the east quay after the vote. (Photo: Estria Wire)

PORTVALE, Estria (CW) — Dockworkers at the port of Portvale walked off the job on Tuesday, leaving the cranes along the east quay idle and a dozen ships waiting at anchor.

The union said the strike would last three days unless the port authority returned to talks about night-shift pay.

With reporting by CW and Northern Press

END/PVL/KR/
"""

DATE_TAG = """ date 2031-05-02 PORTVALE, Estria (CW) — The city council of Portvale voted on Friday to rebuild the old lighthouse on the north mole, ending a decade of argument over its future.

Work is due to start in the autumn and will cost about four million crowns, the council said.
"""

PARTIAL = """Portvale, May 3, (NP) - Ferry services between Portvale and the outer islands resumed on Wednesday after a two-day suspension caused by high winds.

Operators said timetables would return to normal by the weekend.
"""

SHORT_GOOD = (
    "Portvale opened a new fish market on the west quay on Monday, the harbour office said."
)
OTHER_GOOD = "The Estria rail line reopened between Portvale and Dunmere after repairs to a bridge."


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def read_one(path: Path, settings: Settings | None = None) -> Article:
    items = list(read_source(str(path), settings or Settings()))
    articles = [item for item in items if isinstance(item, Article)]
    assert len(articles) == 1, items
    return articles[0]


def ingest_with_neighbours(
    folder: Path, bad: Path, store: Store, settings: Settings | None = None
) -> list[SourceError]:
    """Ingest ``bad`` between two good files; check the good ones are stored and the bad
    one left no trace; return the errors."""
    before = write(folder, "before.txt", SHORT_GOOD)
    after = write(folder, "after.txt", OTHER_GOOD)
    result = ingest_sources([str(before), str(bad), str(after)], store, settings)
    assert result.sources == 3
    assert store.count_articles() == 2
    seen = {sighting.source for sighting in store.sightings()}
    assert seen == {str(before), str(after)}
    return result.errors


# --- good input ---------------------------------------------------------------------


def test_reader_yields_the_decoded_text_marked_plain() -> None:
    items = list(read_plaintext(DOCKS.encode("utf-8"), "docks.txt"))

    assert len(items) == 1
    document = items[0]
    assert isinstance(document, RawDocument)
    assert document.plain
    assert document.source == "docks.txt"
    assert document.text == DOCKS


def test_headline_caption_credit_line_and_end_marker_are_packaging(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, "docks.txt", DOCKS))

    assert article.title == "Harbour cranes stand idle as Portvale dockworkers walk out"
    assert article.credits == ("CW", "Northern Press")
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("PORTVALE, Estria (CW) — Dockworkers at the port")
    assert paragraphs[1].startswith("The union said the strike")
    for packaging in ("Photo", "With reporting", "END/PVL", "Harbour cranes stand idle"):
        assert packaging not in article.text


def test_dateline_gives_place_region_agency_and_outlet(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, "docks.txt", DOCKS))

    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.region, article.dateline.agency) == (
        "Portvale",
        "Estria",
        "CW",
    )
    assert article.dateline.span.of(article.text) == "PORTVALE, Estria (CW) — "
    assert (article.outlet, article.outlet_from) == ("CW", "dateline")
    assert article.language == "en"
    assert article.source == str(tmp_path / "docks.txt")


def test_date_tag_on_the_dateline_line_gives_the_publication_date(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, "lighthouse.txt", DATE_TAG))

    assert article.published is not None
    assert article.published.iso() == "2031-05-02"
    assert article.published.source == "date tag"
    assert not article.published.is_partial
    assert article.text.startswith("PORTVALE, Estria (CW) — The city council")
    assert "date 2031" not in article.text
    assert article.dateline is not None
    assert article.dateline.place == "Portvale"
    assert article.dateline.agency == "CW"
    assert article.title is None  # the first paragraph is the body, not a headline


def test_partial_dateline_date_keeps_the_year_unknown(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, "ferries.txt", PARTIAL))

    assert article.published is not None
    assert article.published.is_partial
    assert article.published.year is None
    assert article.published.iso() == "--05-03"
    assert article.published.source == "dateline"
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.region, article.dateline.agency) == (
        "Portvale",
        None,
        "NP",
    )
    assert article.dateline.span.of(article.text) == "Portvale, May 3, (NP) - "


def test_windows_line_ends_and_stray_spaces_are_tidied(tmp_path: Path) -> None:
    text = "Quay repairs finished early\r\n\r\n  The east quay   reopened on Monday.  \r\n\r\n\r\n\r\nShips berthed there by noon.\r\n"

    article = read_one(write(tmp_path, "quay.txt", text))

    assert article.title == "Quay repairs finished early"
    assert article.text == "The east quay reopened on Monday.\n\nShips berthed there by noon."


def test_a_one_paragraph_file_has_no_headline(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, "short.txt", SHORT_GOOD))

    assert article.title is None
    assert article.text == SHORT_GOOD


def test_language_is_detected_from_the_body(tmp_path: Path) -> None:
    text = (
        "Le conseil municipal de Portvale a voté vendredi la reconstruction du vieux phare, "
        "mettant fin à dix ans de débats sur son avenir. Les travaux commenceront à l'automne."
    )

    assert read_one(write(tmp_path, "phare.txt", text)).language == "fr"


def test_ingest_stores_the_article_with_its_metadata(tmp_path: Path, store: Store) -> None:
    docks = write(tmp_path, "docks.txt", DOCKS)
    ferries = write(tmp_path, "ferries.txt", PARTIAL)

    result = ingest_sources([str(docks), str(ferries)], store)

    assert result.ok
    assert (result.sources, result.articles, result.new) == (2, 2, 2)
    stored = {article.source: article for article in store.articles()}
    assert stored[str(docks)].credits == ("CW", "Northern Press")
    assert stored[str(docks)].title == "Harbour cranes stand idle as Portvale dockworkers walk out"
    ferry = stored[str(ferries)]
    assert ferry.published is not None and ferry.published.iso() == "--05-03"
    assert ferry.dateline is not None and ferry.dateline.agency == "NP"


def test_a_folder_is_read_file_by_file(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder, "a.txt", DOCKS)
    write(folder, "b.txt", PARTIAL)
    write(folder, "notes.md", "not an article")

    result = ingest_sources([str(folder)], store)

    assert result.ok
    assert result.sources == 2
    assert store.count_articles() == 2


# --- bad input ----------------------------------------------------------------------


def test_unreadable_file_is_one_error(tmp_path: Path, store: Store) -> None:
    bad = write(tmp_path, "locked.txt", DOCKS)
    bad.chmod(0)
    try:
        if os.access(bad, os.R_OK):
            pytest.skip("this user can read a file with mode 000 (root)")
        errors = ingest_with_neighbours(tmp_path, bad, store)
    finally:
        bad.chmod(0o644)

    assert len(errors) == 1
    assert errors[0].source == str(bad)
    assert "cannot read" in errors[0].reason


def test_missing_file_is_one_error(tmp_path: Path, store: Store) -> None:
    errors = ingest_with_neighbours(tmp_path, tmp_path / "absent.txt", store)

    assert len(errors) == 1
    assert errors[0].source == str(tmp_path / "absent.txt")
    assert "no such file" in errors[0].reason


def test_binary_file_is_refused(tmp_path: Path, store: Store) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
    bad = write(tmp_path, "picture.txt", png + bytes(range(256)))

    errors = ingest_with_neighbours(tmp_path, bad, store)

    assert len(errors) == 1
    assert errors[0].source == str(bad)
    assert "binary" in errors[0].reason


def test_binary_file_without_a_known_extension_is_refused(tmp_path: Path, store: Store) -> None:
    bad = write(tmp_path, "picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")

    errors = ingest_with_neighbours(tmp_path, bad, store)

    assert [(e.source, "binary" in e.reason) for e in errors] == [(str(bad), True)]


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t \n"], ids=["empty", "whitespace"])
def test_empty_file_is_one_error(tmp_path: Path, store: Store, content: bytes) -> None:
    bad = write(tmp_path, "empty.txt", content)

    errors = ingest_with_neighbours(tmp_path, bad, store)

    assert len(errors) == 1
    assert errors[0].source == str(bad)
    assert "empty" in errors[0].reason


def test_oversized_file_is_refused_naming_the_setting(tmp_path: Path, store: Store) -> None:
    settings = Settings().replace("ingest", max_bytes=200)
    bad = write(tmp_path, "huge.txt", DOCKS * 5)

    errors = ingest_with_neighbours(tmp_path, bad, store, settings)

    assert len(errors) == 1
    assert errors[0].source == str(bad)
    assert "200-byte limit" in errors[0].reason
    assert "ingest.max_bytes" in errors[0].reason


def test_windows_1252_file_is_read_with_a_warning(tmp_path: Path, store: Store) -> None:
    text = "The caf\xe9 on the quay reopened. \x93We missed it,\x94 a regular said \x96 twice."
    path = write(tmp_path, "cafe.txt", text.encode("latin-1"))

    result = ingest_sources([str(path)], store)

    assert result.ok
    assert len(result.warnings) == 1
    assert result.warnings[0].source == str(path)
    assert "Windows-1252" in result.warnings[0].reason
    (article,) = store.articles()
    assert article.text == "The café on the quay reopened. “We missed it,” a regular said – twice."


def test_utf16_file_with_a_bom_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path, "utf16.txt", ("\ufeff" + SHORT_GOOD + " Caf\u00e9.").encode("utf-16-le"))

    assert read_one(path).text == SHORT_GOOD + " Café."


def test_utf16_bom_with_invalid_content_is_an_error(tmp_path: Path, store: Store) -> None:
    lone_surrogate = (
        "\ufeffPortvale ".encode("utf-16-le") + b"\x00\xd8" + "quay".encode("utf-16-le")
    )
    bad = write(tmp_path, "broken16.txt", lone_surrogate)

    errors = ingest_with_neighbours(tmp_path, bad, store)

    assert len(errors) == 1
    assert errors[0].source == str(bad)
    assert "utf-16" in errors[0].reason
    assert "byte-order mark" in errors[0].reason


def test_a_file_of_only_packaging_is_an_error(tmp_path: Path, store: Store) -> None:
    bad = write(tmp_path, "credits.txt", "With reporting by CW\n\nEND/PVL/KR/\n")

    errors = ingest_with_neighbours(tmp_path, bad, store)

    assert len(errors) == 1
    assert errors[0].source == str(bad)
    assert "no article text" in errors[0].reason

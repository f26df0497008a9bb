"""The store: idempotent ingest, sightings, transactions, migrations, killed runs."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from corroborate import Article, PubDate, RawDocument, Store, StoreError, make_article
from corroborate.claims.types import ArticleClaims
from corroborate.records import Claim, Span
from corroborate.store import SCHEMA_VERSION


def _article(text: str, source: str = "a.txt", **meta: object) -> Article:
    return make_article(RawDocument(text=text, source=source, plain=True, **meta))  # type: ignore[arg-type]


BODY = (
    "PORTVALE, Estria (CW) — The harbour authority closed the east pier on Tuesday, officials said."
)


def test_add_is_idempotent(store: Store) -> None:
    article = _article(BODY)
    assert store.add_article(article) is True
    assert store.add_article(article) is False
    assert store.count_articles() == 1
    assert len(store.sightings()) == 1


def test_same_text_elsewhere_is_another_sighting(store: Store) -> None:
    first = _article(BODY, "wire.txt")
    copy = _article(
        BODY.replace("—", "-"), "https://other.example/x", url="https://other.example/x"
    )
    assert copy.id == first.id  # typographic dash only: same normalised text
    store.add_articles([first, copy])
    assert store.count_articles() == 1
    sources = [s.source for s in store.sightings(first.id)]
    assert sources == ["wire.txt", "https://other.example/x"]
    assert store.sightings(first.id)[1].outlet == "other.example"


def test_round_trip_keeps_every_field(store: Store) -> None:
    article = _article(
        " date 2031-05-02 PORTVALE, Estria (CW) — Crews worked overnight.\n\nWith reporting by CW and Northern Press",
        title=None,
    )
    store.add_article(article)
    loaded = store.article(article.id)
    assert loaded == article
    assert loaded is not None and loaded.published == PubDate(2031, 5, 2, source="date tag")
    assert loaded.credits == ("CW", "Northern Press")


def test_exception_mid_batch_writes_nothing(store: Store) -> None:
    good = [_article(f"{BODY} Update number {n}.") for n in range(5)]

    def batch() -> Iterator[Article]:
        yield from good[:3]
        raise RuntimeError("injected failure mid-batch")

    with pytest.raises(RuntimeError):
        store.add_articles(batch())
    assert store.count_articles() == 0
    assert store.sightings() == []
    # a re-run completes the batch
    assert store.add_articles(good).new == 5
    assert store.problems() == []


def test_memory_or_path_required(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="memory=True"):
        Store()
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing" / "x.db")


def test_file_store_uses_wal_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with Store(path) as store:
        store.add_article(_article(BODY))
        assert store.schema_version == SCHEMA_VERSION
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    with Store(path) as reopened:  # migrations do not run twice
        assert reopened.count_articles() == 1


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_not_a_database_is_a_clean_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite at all " * 100)
    with pytest.raises(StoreError, match="not a corroborate store"):
        Store(path)


def test_articles_come_back_in_ingest_order(store: Store) -> None:
    texts = [f"{BODY} Paragraph {n}." for n in (3, 1, 2)]
    store.add_articles([_article(t) for t in texts])
    assert [a.text for a in store.articles()] == texts


def test_partial_date_survives_the_store(store: Store) -> None:
    article = _article("Portvale, May 3, (NP) - Rescue teams reached the last flooded street.")
    store.add_article(article)
    loaded = store.article(article.id)
    assert loaded is not None and loaded.published is not None
    assert loaded.published.is_partial and loaded.published.iso() == "--05-03"
    assert replace(loaded, source=article.source) == article


_SLOW_INGEST = textwrap.dedent(
    """
    import sys
    from corroborate import Settings, Store, ingest_sources
    settings = Settings().replace("ingest", batch_size=25)
    with Store(sys.argv[1]) as store:
        ingest_sources([sys.argv[2]], store, settings)
    """
)


def test_killed_run_leaves_a_consistent_store_that_a_rerun_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for n in range(4000):
            out.write(
                '{"text": "The ferry line '
                + str(n)
                + " resumed service after repairs, the operator said on Monday. "
                + "Passengers queued for hours. " * 20
                + '", "outlet": "Bay Daily"}\n'
            )
    db_path = tmp_path / "killed.db"
    process = subprocess.Popen([sys.executable, "-c", _SLOW_INGEST, str(db_path), str(corpus)])
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if db_path.exists() and _count(db_path) >= 100:
                break
            time.sleep(0.02)
        if process.poll() is not None:
            pytest.fail("the ingest finished before it could be killed; make the corpus larger")
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    with Store(db_path) as store:
        assert store.problems() == []
        held = store.count_articles()
        assert 0 < held < 4000
        assert held % 25 == 0  # whole batches only
    subprocess.run([sys.executable, "-c", _SLOW_INGEST, str(db_path), str(corpus)], check=True)
    with Store(db_path) as store:
        assert store.count_articles() == 4000
        assert len(store.sightings()) == 4000


def _count(path: Path) -> int:
    try:
        db = sqlite3.connect(path, timeout=0.1)
        try:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE invoices (n INTEGER)")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="another program"):
        Store(path)
    db = sqlite3.connect(path)  # and it was not written into
    assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == ["invoices"]
    db.close()


def test_source_records_say_how_reading_went(store: Store) -> None:
    from corroborate.store import SourceRecord

    store.add_articles(
        [_article(BODY)],
        [SourceRecord("a.txt", 1, 0, 0), SourceRecord("b.txt", 0, 1, 0, "b.txt: empty file")],
    )
    records = store.source_records()
    assert [(r.source, r.articles, r.errors, r.first_problem) for r in records] == [
        ("a.txt", 1, 0, None),
        ("b.txt", 0, 1, "b.txt: empty file"),
    ]


def test_claims_starting_at_one_place_come_back_in_the_order_found(store: Store) -> None:
    # A sentence's second predicate ("The pier ... was reopened on Friday") is a claim that
    # starts where the first does; ids "c9" and "c10" must not be sorted as text.
    article = _article(BODY)
    store.add_article(article)
    claims = tuple(
        Claim(f"{article.id}:c{n}", article.id, Span(article.id, 20, 40), "outlet")
        for n in (9, 10, 11)
    )
    store.save_claims([ArticleClaims(article.id, claims, ())], "v1")
    back = store.article_claims([article.id])[article.id].claims
    assert [c.id for c in back] == [c.id for c in claims]

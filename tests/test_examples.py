"""The bundled example corpus against its gold file: every article read, with the stated
metadata, and every gold span present in the text as ingested (later stages point at it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from corroborate import Article, Store, ingest_sources


@pytest.fixture(scope="module")
def gold(examples_dir: Path) -> dict[str, Any]:
    return dict(json.loads((examples_dir / "gold.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def examples_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def ingested(examples_dir: Path) -> dict[str, Article]:
    with Store(memory=True) as store:
        result = ingest_sources([str(examples_dir)], store)
        assert result.ok, result.errors
        return {Path(a.source).relative_to(examples_dir).as_posix(): a for a in store.articles()}


def test_corpus_shape(gold: dict[str, Any], ingested: dict[str, Article]) -> None:
    assert set(ingested) == set(gold["articles"])
    assert len(ingested) >= 12
    assert len({a.outlet for a in ingested.values()}) >= 6
    formats = {locator.split("/")[0] for locator in ingested}
    assert formats >= {"text", "html", "feeds", "jsonl"}
    assert len(gold["stories"]) == 2


def test_metadata_matches_gold(gold: dict[str, Any], ingested: dict[str, Article]) -> None:
    for locator, expected in gold["articles"].items():
        article = ingested[locator]
        published = article.published.iso()[:10] if article.published else None
        if article.published and article.published.is_partial:
            published = article.published.iso()
        got = {
            "outlet": article.outlet,
            "title": article.title,
            "published": published,
            "dateline_place": article.dateline.place if article.dateline else None,
            "credits": list(article.credits),
        }
        want = {key: expected[key] for key in got}
        assert got == want, locator


def test_gold_spans_are_in_the_ingested_text(
    gold: dict[str, Any], ingested: dict[str, Article]
) -> None:
    for claim in gold["claims"]:
        assert claim["text"] in ingested[claim["article"]].text, claim["id"]
    for link in gold["reuse"]:
        for passage in link["passages"]:
            assert passage in ingested[link["copy"]].text, link


def test_packaging_is_not_article_text(ingested: dict[str, Article]) -> None:
    for article in ingested.values():
        assert "With reporting by" not in article.text
        assert "END/" not in article.text
        assert "(file photo)" not in article.text
        assert not article.text.startswith((" outlet", "outlet ", "date "))


def test_gold_file_is_consistent(examples_dir: Path) -> None:
    """The corpus's own checker: references resolve, counts and statuses agree, no seed text."""
    checked = subprocess.run(
        [sys.executable, str(examples_dir / "check_gold.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip().endswith("OK")

"""The acceptance input: the three real reports in ../shared/seeds (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

from corroborate import Article, Store, ingest_sources


def _by_prefix(store: Store) -> dict[str, Article]:
    return {Path(a.source).name[:3]: a for a in store.articles()}


def test_seed_metadata(seeds_dir: Path, store: Store) -> None:
    result = ingest_sources([str(seeds_dir)], store)
    assert result.ok and result.articles == 3
    seeds = _by_prefix(store)

    ap = seeds["001"]
    assert ap.outlet == "AP"
    assert ap.published is not None and ap.published.iso() == "2024-10-23"
    assert ap.dateline is not None and ap.dateline.place == "Seoul"

    v7n = seeds["004"]
    assert v7n.outlet == "V7N"
    assert v7n.published is not None and v7n.published.is_partial
    assert (v7n.published.month, v7n.published.day, v7n.published.iso()) == (10, 24, "--10-24")

    rewrite = seeds["000"]
    assert rewrite.credits == ("AP", "Reuters")
    assert rewrite.title is not None and not rewrite.text.startswith(rewrite.title)
    assert "With reporting by" not in rewrite.text
    assert all(a.language == "en" for a in seeds.values())

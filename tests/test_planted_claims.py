"""The planted-claims benchmark's generators: deterministic, and their truth points at
the text it describes (no spaCy here; the benchmark itself runs the pipeline)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import planted_claims
from corroborate.corroboration.story import corroborate_story


def _written(folder: Path, seed: int) -> dict[str, str]:
    planted_claims.write_stories(folder, 6, seed)
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))}


def test_stories_are_deterministic(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert _written(tmp_path / "a", 3) == _written(tmp_path / "b", 3)


def test_planted_sentences_are_in_their_articles(tmp_path: Path) -> None:
    stories = planted_claims.write_stories(tmp_path, 12, 7)
    texts = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.txt")}
    planted = [p for story in stories for p in story.planted]
    kinds = {p.kind for p in planted}
    assert set(planted_claims.CONFLICT_KINDS) <= kinds
    assert {"agreement", "update", "hedges"} <= kinds
    for relation in planted:
        assert all(relation.sides), relation
        for side in relation.sides:
            for ref in side:
                assert ref.sentence in texts[ref.article], ref
        if relation.is_conflict:
            assert len(relation.sides) == 2


def test_articles_open_with_their_tags(tmp_path: Path) -> None:
    for text in _written(tmp_path, 1).values():
        outlet, day, headline, blank = text.split("\n")[:4]
        assert outlet.startswith("outlet ") and day.startswith("date 20")
        assert headline and not headline.endswith(".") and blank == ""


def test_speed_story_spans_point_at_their_words() -> None:
    articles, found, links = planted_claims.speed_story(30, seed=2)
    assert links and all(link.copy_id in found for link in links)
    for article in articles:
        result = found[article.id]
        assert len(result.claims) == planted_claims.CLAIMS_PER_ARTICLE
        for claim in result.claims:
            assert claim.content.of(article.text)
            for quantity in claim.quantities:
                assert quantity.unit and quantity.span.of(article.text).endswith(quantity.unit)
            for time in claim.times:
                assert time.span.of(article.text).startswith("June ")
            if claim.speaker_id:
                assert result.entity(claim.speaker_id) is not None


@pytest.mark.parametrize("size", [20])
def test_speed_story_corroborates(size: int) -> None:
    articles, found, links = planted_claims.speed_story(size, seed=4)
    result = corroborate_story("speed", articles, found, links)
    assert len(result.groups) < sum(len(c.claims) for c in found.values())
    assert any(len(g.members) > 1 for g in result.groups)

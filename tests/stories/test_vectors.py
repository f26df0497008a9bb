"""TF-IDF vectors of article features: unit length, names up, idf over store + prior."""

from __future__ import annotations

import math

import pytest

from corroborate.records import Article
from corroborate.stories.features import ArticleFeatures, article_features
from corroborate.stories.vectors import BLOCK_WEIGHTS, DocumentFrequencies, dot, vectorise


def norm(vector: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def test_vectors_have_unit_length(bridge_collapse: list[Article]) -> None:
    found = [article_features(a) for a in bridge_collapse]
    frequencies = DocumentFrequencies()
    frequencies.add(found)
    for item in found:
        vector = vectorise(item, frequencies)
        assert norm(vector) == pytest.approx(1.0)
        assert set(vector) == set(item.counts)
        assert all(weight > 0 for weight in vector.values())
        assert dot(vector, vector) == pytest.approx(1.0)


def test_names_weigh_more_than_words() -> None:
    # One word and one name, equally rare and equally often: the name block weighs more.
    item = ArticleFeatures("a1", {"w:zzqxv": 1.0, "n:zzqxv": 1.0}, {"n:zzqxv": "Zzqxv"}, None)
    vector = vectorise(item, DocumentFrequencies())
    assert vector["n:zzqxv"] / vector["w:zzqxv"] == pytest.approx(
        BLOCK_WEIGHTS["n:"] / BLOCK_WEIGHTS["w:"]
    )
    assert vector["n:zzqxv"] > vector["w:zzqxv"]


def test_a_rare_word_weighs_more_than_a_common_one() -> None:
    item = ArticleFeatures("a1", {"w:pier": 1.0, "w:people": 1.0}, {}, None)
    frequencies = DocumentFrequencies()
    assert frequencies.idf("w:pier") > frequencies.idf("w:people")
    vector = vectorise(item, frequencies)
    assert vector["w:pier"] > vector["w:people"]


def test_idf_stays_positive_for_a_term_in_every_article() -> None:
    articles = [
        ArticleFeatures(f"a{i}", {"w:the": 1.0, "w:people": 1.0, "q:3": 1.0}, {}, None)
        for i in range(1_000)
    ]
    frequencies = DocumentFrequencies()
    frequencies.add(articles)
    assert frequencies.articles == 1_000
    assert frequencies.counts["w:people"] == 1_000
    for term in ("w:the", "w:people", "q:3", "y:2031", "n:keldmoor"):
        assert frequencies.idf(term) > 0
    vector = vectorise(articles[0], frequencies)
    assert norm(vector) == pytest.approx(1.0)


def test_idf_falls_as_the_store_sees_a_term_more_often() -> None:
    rare = DocumentFrequencies({"n:keldmoor": 1}, articles=50)
    common = DocumentFrequencies({"n:keldmoor": 40}, articles=50)
    assert rare.idf("n:keldmoor") > common.idf("n:keldmoor") > 0


def test_frequencies_start_from_saved_counts() -> None:
    frequencies = DocumentFrequencies({"w:pier": 3}, articles=7)
    frequencies.add([ArticleFeatures("a1", {"w:pier": 2.0, "w:quay": 1.0}, {}, None)])
    assert frequencies.articles == 8
    assert frequencies.counts == {"w:pier": 4, "w:quay": 1}


def test_empty_features_give_an_empty_vector() -> None:
    empty = ArticleFeatures("a1", {}, {}, None)
    vector = vectorise(empty, DocumentFrequencies())
    assert vector == {}
    assert dot(vector, {"w:pier": 1.0}) == 0.0


def test_dot_is_symmetric() -> None:
    small, large = {"a": 0.5, "b": 0.5}, {"a": 0.2, "c": 0.9, "d": 0.1}
    assert dot(small, large) == dot(large, small) == pytest.approx(0.1)

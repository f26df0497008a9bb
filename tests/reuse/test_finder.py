"""The reuse stage on the example corpus, the seeds, incremental batches and bad input."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from corroborate import Article, RawDocument, ReuseLink, Store, ingest_sources, make_article
from corroborate.reuse import ReuseFinder, independent_groups
from corroborate.reuse.pieces import shingle_texts
from corroborate.reuse.runner import update_reuse
from corroborate.reuse.sketch import NumpySigner, PieceIndex
from corroborate.settings import IngestSettings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def corpus() -> tuple[list[Article], dict[str, str], dict[str, Any]]:
    with Store(memory=True) as store:
        ingest_sources([str(EXAMPLES)], store)
        articles = list(store.articles())
    locators = {a.id: Path(a.source).relative_to(EXAMPLES).as_posix() for a in articles}
    gold = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))
    return articles, locators, gold


def _key(source: str, copy: str, kind: str) -> tuple[Any, ...]:
    return (kind, frozenset((source, copy))) if kind == "shared_source" else (kind, source, copy)


def test_example_corpus_links_are_exactly_gold(
    corpus: tuple[list[Article], dict[str, str], dict[str, Any]],
) -> None:
    articles, loc, gold = corpus
    by_id = {a.id: a for a in articles}
    links = ReuseFinder(by_id.get).add(articles).links
    found = {_key(loc[link.source_id], loc[link.copy_id], link.kind) for link in links}
    expected = {_key(r["source"], r["copy"], r["kind"]) for r in gold["reuse"]}
    assert found == expected
    for link in links:
        assert link.directed == (link.kind != "shared_source")
        for source_span, copy_span in link.passages:
            assert source_span.of(by_id[link.source_id].text).strip()
            assert copy_span.of(by_id[link.copy_id].text).strip()


def test_gold_passages_are_covered(
    corpus: tuple[list[Article], dict[str, str], dict[str, Any]],
) -> None:
    articles, loc, gold = corpus
    by_id = {a.id: a for a in articles}
    links = ReuseFinder(by_id.get).add(articles).links
    copied = {
        frozenset((loc[link.source_id], loc[link.copy_id])): [
            c.of(by_id[link.copy_id].text) for _, c in link.passages
        ]
        + [s.of(by_id[link.source_id].text) for s, _ in link.passages]
        for link in links
    }
    for entry in gold["reuse"]:
        texts = " ".join(copied[frozenset((entry["source"], entry["copy"]))])
        for passage in entry["passages"]:
            assert passage in texts, (entry["copy"], passage[:60])


def test_example_groups_per_story_are_gold(
    corpus: tuple[list[Article], dict[str, str], dict[str, Any]],
) -> None:
    articles, loc, gold = corpus
    links = ReuseFinder({a.id: a for a in articles}.get).add(articles).links
    for story, groups in gold["independent_groups"].items():
        members = [a for a in articles if loc[a.id] in gold["stories"][story]["articles"]]
        found = {frozenset(loc[i] for i in group) for group in independent_groups(members, links)}
        assert found == {frozenset(group) for group in groups}, story


def test_seeds_000_reuses_the_ap_article(seeds_dir: Path, store: Store) -> None:
    ingest_sources([str(seeds_dir)], store)
    update_reuse(store)
    names = {a.id: Path(a.source).name[:3] for a in store.articles()}
    links = [(names[k.source_id], names[k.copy_id], k) for k in store.reuse_links()]
    ap_links = [k for s, c, k in links if (s, c) == ("001", "000")]
    assert len(ap_links) == 1
    (link,) = ap_links
    assert link.directed and len(link.passages) >= 4
    assert "credits AP" in " ".join(link.evidence)
    assert not any("004" in (s, c) for s, c, _ in links)  # V7N wrote its own report


def test_incremental_batches_find_what_one_batch_finds(
    corpus: tuple[list[Article], dict[str, str], dict[str, Any]],
) -> None:
    articles, _, _ = corpus
    by_id = {a.id: a for a in articles}
    at_once = ReuseFinder(by_id.get).add(articles).links
    finder = ReuseFinder(by_id.get)
    stepwise = (
        finder.add(articles[:5]).links
        + finder.add(articles[5:11]).links
        + finder.add(articles[11:]).links
    )

    def pairs(links: list[ReuseLink]) -> set[tuple[str, frozenset[str]]]:
        return {(k.kind, frozenset((k.source_id, k.copy_id))) for k in links}

    assert pairs(stepwise) == pairs(at_once)


def test_store_keeps_signatures_and_does_not_recompute(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    with Store(db) as store:
        ingest_sources([str(EXAMPLES)], store)
        first = update_reuse(store)
    with Store(db) as store:
        again = update_reuse(store)
        assert (first.checked, again.checked, again.new_links) == (16, 0, 0)
        assert again.links == first.links == len(store.reuse_links())


def _doc(text: str, source: str) -> Article:
    # min_chars=1: the stage must cope with whatever a user's settings let through
    return make_article(
        RawDocument(text=text, source=source, plain=True), IngestSettings(min_chars=1)
    )


def test_bad_input_is_handled() -> None:
    odd = [
        _doc("Word", "one.txt"),
        _doc('"' * 400, "quotes.txt"),
        _doc(" ".join(str(n) for n in range(5000)), "numbers.txt"),
        _doc("The port reopened. " * 250_000, "huge.txt"),  # about 5 MB
    ]
    by_id = {a.id: a for a in odd}
    start = time.perf_counter()
    links = ReuseFinder(by_id.get).add(odd).links
    assert time.perf_counter() - start < 60
    assert all(
        link.kind in ("duplicate", "wire_copy", "partial_reuse", "shared_source") for link in links
    )


def test_thousands_of_near_identical_copies_stay_bounded() -> None:
    story = (
        "The harbour authority closed the east pier on Tuesday after divers found cracks in "
        "three of its oldest pillars. Ferries were sent to the west quay while engineers "
        "assessed the damage, a spokeswoman for the authority said. Repairs could take "
        "until the spring, officials warned, and the cost has not been estimated."
    )
    copies = [_doc(f"{story} Reprint number {n} of the day.", f"copy{n}.txt") for n in range(2000)]
    by_id = {a.id: a for a in copies}
    start = time.perf_counter()
    links = ReuseFinder(by_id.get).add(copies).links
    assert time.perf_counter() - start < 60
    assert len(links) <= 2000 * 20  # each copy links to a bounded number of earlier ones
    groups = independent_groups(copies, links)
    assert len(groups) == 1  # all one story, copied: one independent group


def test_one_article_per_batch_gives_the_candidates_of_one_batch(
    corpus: tuple[list[Article], dict[str, str], dict[str, Any]],
) -> None:
    # many batches: the index then holds several segments, merged as they grow
    articles, _, _ = corpus
    shingled = shingle_texts([a.text for a in articles])
    sizes = np.diff(shingled.shingle_at)
    signed = np.flatnonzero(sizes > 0)
    rows = NumpySigner().signatures(
        shingled.hashes, np.append(shingled.shingle_at[signed], len(shingled.hashes))
    )
    row_at = np.searchsorted(signed, shingled.piece_at)
    signatures = [rows[row_at[n] : row_at[n + 1]] for n in range(len(articles))]
    at_once = PieceIndex()
    at_once.add([a.id for a in articles], signatures)
    expected = set(at_once.candidate_pairs(0))
    stepwise = PieceIndex()
    found: set[tuple[int, int]] = set()
    for n, article in enumerate(articles):
        stepwise.add([article.id], signatures[n : n + 1])
        found.update(stepwise.candidate_pairs(n))
    assert len(expected) > 10
    assert found == expected


def test_articles_held_from_a_store_are_checked_on_their_texts(
    corpus: tuple[list[Article], dict[str, str], dict[str, Any]],
) -> None:
    # held articles come with signatures only: pairs resting on one of their pieces are
    # checked on the texts, and find what a finder that saw them itself finds
    articles, _, _ = corpus
    by_id = {a.id: a for a in articles}
    seen = ReuseFinder(by_id.get)
    first = seen.add(articles[:8])
    held = ReuseFinder(by_id.get)
    held.hold(first.signatures, first.links)
    expected = seen.add(articles[8:]).links
    assert expected
    assert held.add(articles[8:]).links == expected


LONG_SENTENCE = (
    "Divers from the Kelso Bay rescue team spent the whole of Thursday searching the "
    "flooded lower deck of the stranded grain barge for the missing deckhand."
)


def test_one_shared_sentence_links_and_a_shared_phrase_does_not() -> None:
    first = _doc(
        "The ferry to Orlan Point was cancelled because of high winds. "
        f"{LONG_SENTENCE} The harbour master said the search would resume at dawn.",
        "first.txt",
    )
    reused = _doc(
        "Market stalls along the Vesk promenade stayed shut for a second day running. "
        f"{LONG_SENTENCE} Shopkeepers said they hoped to reopen by the weekend.",
        "reused.txt",
    )
    phrase = _doc(
        "Volunteers from the Kelso Bay rescue team spent the whole of Friday clearing "
        "fallen branches from the school playground on Tarn Road. Parents thanked them.",
        "phrase.txt",
    )
    by_id = {a.id: a for a in (first, reused, phrase)}
    links = ReuseFinder(by_id.get).add([first, reused, phrase]).links
    assert {frozenset((k.source_id, k.copy_id)) for k in links} == {
        frozenset((first.id, reused.id))
    }

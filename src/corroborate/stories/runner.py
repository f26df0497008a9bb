"""Runs the story stage over a store: places the articles not placed yet, in
publication order, into the stories held, and saves what changed."""

from __future__ import annotations

import dataclasses
import heapq
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from corroborate.records import Article
from corroborate.sentences import first_sentence
from corroborate.settings import StorySettings
from corroborate.store import Store
from corroborate.stories.cluster import StoryClusterer
from corroborate.stories.features import NAME, article_features, day_number, title_terms
from corroborate.stories.state import StoryState
from corroborate.stories.vectors import DocumentFrequencies, vectorise

__all__ = ["ALGORITHM", "StoryUpdate", "update_stories"]

logger = logging.getLogger(__name__)

# Stored stories are kept only when made the same way (this name and the settings);
# change it whenever features, weights or the clustering change.
ALGORITHM = "stories-v7"
# Articles placed per step: each step is one transaction (a killed run loses at most
# one step) and the term frequencies grow step by step.
STEP = 5_000
# Reuse kinds whose copy is the same report, so it belongs to its source's story.
# Partial reuse is not: a reused background paragraph can sit in a new story.
SAME_REPORT_KINDS = frozenset({"duplicate", "wire_copy"})
KEY_ENTITIES = 6
# The representative title is chosen among the first and the latest this many articles.
TITLE_CANDIDATES = 20
TITLE_MAX_CHARS = 160


@dataclass(frozen=True)
class StoryUpdate:
    placed: int  # articles placed in this run
    stories: int  # stories the store now holds
    merged: int  # stories merged into others in this run
    step_seconds: tuple[float, ...] = ()  # time per step, to see it not grow with the store
    step_weighed: tuple[float, ...] = ()  # stories scored per article placed, per step


def update_stories(
    store: Store,
    settings: StorySettings | None = None,
    step: int = STEP,
    progress: Callable[[str, int, int], None] | None = None,
) -> StoryUpdate:
    settings = settings or StorySettings()
    version = f"{ALGORITHM} {dataclasses.astuple(settings)}"
    if store.stage_version("stories") not in (None, version):
        logger.info("stories were made another way; placing every article again")
        store.reset_stories(version)
    states, counts, counted = store.story_states()
    clusterer = StoryClusterer(settings, states)
    placed = DocumentFrequencies(counts, counted)  # what the store saves: placed articles
    # Placed per the snapshot: an article placed since by another run is refused at save.
    pending = publication_order(
        [a for a in store.articles_without_story() if a.id not in clusterer.story_of]
    )
    if not pending:
        return StoryUpdate(0, len(clusterer.stories), 0)
    # Terms are weighed over everything this run will place, counted in a first pass:
    # a run killed after some steps and resumed weighs every article as a run that was
    # never interrupted does, however the steps fall.
    weighing = DocumentFrequencies(counts, counted)
    for article in pending:
        weighing.add([article_features(article)])
    follow = _same_report_partners(store)
    if progress:
        progress("stories", 0, len(pending))
    merged = 0
    step_seconds, step_weighed = [], []
    for start in range(0, len(pending), step):
        began = time.perf_counter()
        clusterer.weighed = 0
        batch = pending[start : start + step]
        features = [article_features(article) for article in batch]
        placed.add(features)
        for item in features:
            clusterer.add(
                item.article_id,
                vectorise(item, weighing),
                item.day,
                item.names,
                follow.get(item.article_id, ()),
                item.mentioned,
            )
        clusterer.consolidate()
        changed = [clusterer.stories[sid] for sid in sorted(clusterer.changed)]
        for state in changed:
            _describe(state, store)
        step_terms = {term for item in features for term in item.counts}
        store.save_stories(
            changed,
            sorted(clusterer.removed),
            clusterer.placed,
            {term: placed.counts[term] for term in sorted(step_terms)},
            placed_before=placed.articles - len(batch),
            version=version,
        )
        merged += len(clusterer.removed)
        clusterer.changed.clear()
        clusterer.removed.clear()
        clusterer.placed.clear()
        step_seconds.append(time.perf_counter() - began)
        step_weighed.append(clusterer.weighed / len(batch))
        if progress:
            progress("stories", start + len(batch), len(pending))
    return StoryUpdate(
        len(pending), len(clusterer.stories), merged, tuple(step_seconds), tuple(step_weighed)
    )


def publication_order(articles: Sequence[Article]) -> list[Article]:
    """Dated articles by day, then undated ones, each in the order ingested (which
    ``articles`` is given in): the same input always gives the same order."""
    ranked = sorted(
        enumerate(articles),
        key=lambda pair: (
            day_number(pair[1].published) is None,
            day_number(pair[1].published) or 0,
            pair[0],
        ),
    )
    return [article for _, article in ranked]


def _same_report_partners(store: Store) -> dict[str, list[str]]:
    partners: dict[str, list[str]] = {}
    for link in store.reuse_links():
        if link.kind in SAME_REPORT_KINDS:
            partners.setdefault(link.copy_id, []).append(link.source_id)
            partners.setdefault(link.source_id, []).append(link.copy_id)
    return partners


def _describe(state: StoryState, store: Store) -> None:
    """The story's representative title and key entities, from its centroid: the
    member title that best covers the story's heaviest terms, and its heaviest names
    (a single word that a longer name holds is left out: "Lohan" under "Lindsay Lohan")."""
    centroid = state.centroid
    # A headline is preferred to a first sentence whenever some member has one.
    best: tuple[bool, float, int, str] | None = None
    members = list(enumerate(state.members))
    if len(members) > 2 * TITLE_CANDIDATES:  # bounded work for long-running stories
        members = members[:TITLE_CANDIDATES] + members[-TITLE_CANDIDATES:]
    for position, member in members:
        article = store.article(member)
        if article is None:
            continue
        start = article.dateline.span.end if article.dateline else 0
        title = article.title or first_sentence(article.text[start:].lstrip())
        terms = title_terms(title)
        if not terms:
            continue
        cover = sum(centroid.get(t, 0.0) for t in terms) / len(terms) ** 0.5
        candidate = (not article.title, -cover, position, title)
        if best is None or candidate < best:
            best = candidate
    state.title = _shorten(best[3]) if best else ""
    ranked = heapq.nlargest(
        KEY_ENTITIES * 3, (t for t in centroid if t.startswith(NAME)), key=centroid.__getitem__
    )
    chosen: list[str] = []
    for term in ranked:
        words = set(term[len(NAME) :].split())
        if any(words <= set(c[len(NAME) :].split()) for c in chosen):
            continue  # a part of a name already chosen
        chosen = [c for c in chosen if not set(c[len(NAME) :].split()) <= words]
        chosen.append(term)
    state.key_entities = [state.names.get(term, term[len(NAME) :]) for term in chosen][
        :KEY_ENTITIES
    ]


def _shorten(title: str) -> str:
    flat = " ".join(title.split())
    return flat if len(flat) <= TITLE_MAX_CHARS else flat[: TITLE_MAX_CHARS - 1] + "…"

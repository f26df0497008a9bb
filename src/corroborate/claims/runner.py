"""The claims stage over a store: read every article not read yet, store its claims.

Runs after the story stage, because an article whose date has no year borrows it from
the other articles of its story ("Tuesday" in an article dated "May 14" needs the year
to become a date). Articles are parsed in batches and each batch is written in one
transaction, so a run cut short keeps what it finished and the next run goes on from
there.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from corroborate.claims.extract import extract_claims
from corroborate.claims.nlp import parse_for_claims
from corroborate.claims.timex import complete_date
from corroborate.claims.types import ArticleClaims
from corroborate.records import Article, PubDate, TimeRef
from corroborate.store import Store

__all__ = ["ALGORITHM", "ClaimsUpdate", "update_claims"]

# Bump when extraction changes what it stores: articles read by another version are
# read again.
ALGORITHM = "claims-v14"
# Articles parsed and written per transaction; parsing uses several processes only when
# a batch is large enough to pay for starting them (see ``nlp.parse_for_claims``).
BATCH = 256
PROCESSES = 2

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ClaimsUpdate:
    articles: int  # articles read in this run
    claims: int  # claims stored for them
    seconds: float


def update_claims(store: Store, progress: Progress | None = None) -> ClaimsUpdate:
    started = time.perf_counter()
    todo = store.articles_without_claims(ALGORITHM)
    dates = _story_dates(store)
    done = claims = 0
    if not todo:
        return ClaimsUpdate(0, 0, time.perf_counter() - started)
    if progress:
        progress("claims", 0, len(todo))
    for first in range(0, len(todo), BATCH):
        batch = todo[first : first + BATCH]
        results: list[ArticleClaims] = []
        docs = parse_for_claims([a.text for a in batch], processes=PROCESSES)
        for article, doc in zip(batch, docs, strict=True):
            others = dates.get(article.id, [])
            published = complete_date(article.published, others)
            result = extract_claims(article, doc, published)
            if published is None or published.year is None:
                result = _years_from_story(result, others)
            results.append(result)
        store.save_claims(results, ALGORITHM)
        done += len(batch)
        claims += sum(len(r.claims) for r in results)
        if progress:
            progress("claims", done, len(todo))
    return ClaimsUpdate(done, claims, time.perf_counter() - started)


_YEARLESS = re.compile(r"^--(\d\d)(?:-(\d\d))?$")


def _years_from_story(result: ArticleClaims, others: list[PubDate]) -> ArticleClaims:
    """Dates with no year ("October 22" in an article with no date of its own) given the
    year that puts them nearest the story's dated articles (see ``complete_date``)."""

    def completed(time: TimeRef | None) -> TimeRef | None:
        match = _YEARLESS.match(time.value or "") if time is not None else None
        if time is None or match is None:
            return time
        month, day = int(match[1]), int(match[2]) if match[2] else None
        full = complete_date(PubDate(None, month, day), others)
        if full is None or full.year is None:
            return time
        value = f"{full.year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
        return replace(time, value=value, how=f"{time.how}; year from the story's dates")

    claims = tuple(
        replace(
            claim,
            times=tuple(t for t in map(completed, claim.times) if t is not None),
            stated=completed(claim.stated),
        )
        for claim in result.claims
    )
    return replace(result, claims=claims)


def _story_dates(store: Store) -> dict[str, list[PubDate]]:
    """For each article in a story, the publication dates of the story's other articles."""
    published: dict[str, PubDate | None] = {a.id: a.published for a in _dated(store)}
    others: dict[str, list[PubDate]] = {}
    for story in store.stories():
        dates = [(i, published.get(i)) for i in story.article_ids]
        for article_id in story.article_ids:
            others[article_id] = [d for i, d in dates if d is not None and i != article_id]
    return others


def _dated(store: Store) -> list[Article]:
    return [a for a in store.articles() if a.published is not None]

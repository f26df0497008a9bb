"""Runs every stage that exists over a store, each one incrementally: what was done
before is kept, only new articles are worked on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from corroborate.claims.runner import ClaimsUpdate, update_claims
from corroborate.reuse.runner import ReuseUpdate, update_reuse
from corroborate.search import update_search
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.stories.runner import StoryUpdate, update_stories

__all__ = ["Analysis", "StageProgress", "analyse"]

# Called as each stage goes on: (stage name, articles done, articles to do).
StageProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Analysis:
    reuse: ReuseUpdate
    stories: StoryUpdate
    claims: ClaimsUpdate
    indexed: int  # articles (re)indexed for search


def analyse(
    store: Store, settings: Settings | None = None, progress: StageProgress | None = None
) -> Analysis:
    settings = settings or Settings()
    # Reuse first: a near-copy joins its source's story without being weighed.
    reuse = update_reuse(store, progress=progress)
    stories = update_stories(store, settings.stories, progress=progress)
    # Claims last: an article dated without a year borrows it from its story.
    claims = update_claims(store, progress=progress)
    # The search index last: it holds the speakers the claims stage names.
    indexed = update_search(store)
    return Analysis(reuse=reuse, stories=stories, claims=claims, indexed=indexed)

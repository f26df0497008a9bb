"""One story's report: the records of every section of ``report --format json`` for the
articles of a single story, built from the store without reading the other stories.

The web app shows and serves this per story, so a story page costs the same in a store
of three articles or of a million. Articles are numbered within the story (1, 2, ...).
"""

from __future__ import annotations

from typing import Any

from corroborate.records import Article
from corroborate.report.claims import claims_section
from corroborate.report.corroboration import corroboration_section
from corroborate.report.model import article_entry
from corroborate.report.reuse import reuse_section
from corroborate.report.stories import stories_section
from corroborate.settings import ReportSettings
from corroborate.store import Store

__all__ = ["story_report"]


def story_report(
    store: Store, story_id: str, settings: ReportSettings | None = None
) -> dict[str, Any] | None:
    """The story's sections, or None when the store has no story of that id.

    ``pending`` counts the story's articles a stage has not reached yet (articles added
    a moment ago, still being read): the sections cover the others."""
    from corroborate.claims.runner import ALGORITHM as CLAIMS
    from corroborate.reuse.runner import ALGORITHM as REUSE

    story = store.story(story_id)
    if story is None:
        return None
    settings = settings or ReportSettings()
    # In publication order (undated and partly dated last), so article numbers and
    # citations read as the story unfolded.
    articles = sorted(store.articles_by_id(story.article_ids), key=_publication_order)
    sightings = store.sightings(of=story.article_ids)
    ids = {a.id for a in articles}
    links = [
        link
        for link in store.reuse_links(touching=story.article_ids)
        if link.source_id in ids and link.copy_id in ids
    ]
    claims = store.article_claims(story.article_ids)
    seen: dict[str, list[Any]] = {}
    for sighting in sightings:
        seen.setdefault(sighting.article_id, []).append(sighting)
    checked = store.reuse_checked(story.article_ids, REUSE)
    read = store.claims_read(story.article_ids, CLAIMS)
    return {
        "story": stories_section(articles, [story])["stories"][0],
        "articles": [
            article_entry(a, seen.get(a.id, []), settings, n) for n, a in enumerate(articles, 1)
        ],
        "pending": {
            "reuse": len(articles) - checked,
            "claims": len(articles) - read,
        },
        "reuse": reuse_section(articles, sightings, links, [story]),
        "claims": claims_section(articles, [story], claims)["stories"][0],
        "corroboration": corroboration_section(articles, [story], claims, links)["stories"][0],
    }


def _publication_order(article: Article) -> tuple[bool, str]:
    published = article.published
    if published is None or published.is_partial:
        return True, ""
    return False, published.iso()

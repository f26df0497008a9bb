"""The "Who copied whom" section of the report model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from corroborate.records import Article, ReuseLink, Story
from corroborate.report.model import display_title
from corroborate.reuse.groups import independent_groups
from corroborate.store import Sighting

__all__ = ["KIND_NAMES", "reuse_section"]

KIND_NAMES = {
    "duplicate": "duplicate",
    "wire_copy": "wire copy",
    "partial_reuse": "partial reuse",
    "shared_source": "shared source",
}


def reuse_section(
    articles: Sequence[Article],
    sightings: Sequence[Sighting],
    links: Sequence[ReuseLink],
    stories: Sequence[Story] | None = None,
) -> dict[str, Any]:
    """Links with their passages side by side, exact copies, and independent groups:
    within each story when there are stories (an outlet's articles on two different
    events are two reports), else over all articles."""
    number = {a.id: n for n, a in enumerate(articles, 1)}
    by_id = {a.id: a for a in articles}
    outlets_of: dict[str, list[str]] = {}
    for sighting in sightings:
        names = outlets_of.setdefault(sighting.article_id, [])
        outlet = sighting.outlet or "unknown outlet"
        if outlet not in names:
            names.append(outlet)
    exact = [
        {"article": number[a.id], "title": display_title(a), "outlets": outlets_of[a.id]}
        for a in articles
        if len(outlets_of.get(a.id, [])) > 1
    ]
    story_of = {aid: n for n, story in enumerate(stories or (), 1) for aid in story.article_ids}
    groups = []
    for story_number, members in _by_story(articles, story_of):
        for group in independent_groups(members, links):
            outlets = list(
                dict.fromkeys(o for aid in group for o in outlets_of.get(aid, ["unknown outlet"]))
            )
            groups.append(
                {
                    "story": story_number,
                    "articles": [number[aid] for aid in group],
                    "outlets": outlets,
                }
            )
    return {
        "status": "computed",
        "title": "Who copied whom",
        # Links story by story (a link across two stories sits under the copy's).
        "links": sorted(
            (
                _link_entry(link, by_id, number) | {"story": story_of.get(link.copy_id)}
                for link in links
                if link.source_id in by_id and link.copy_id in by_id
            ),
            key=lambda entry: entry["story"] or 0,
        ),
        "exact_copies": exact,
        "groups": groups,
    }


def _by_story(
    articles: Sequence[Article], story_of: dict[str, int]
) -> list[tuple[int | None, list[Article]]]:
    if not story_of:
        return [(None, list(articles))]
    members: dict[int, list[Article]] = {}
    for article in articles:
        members.setdefault(story_of.get(article.id, 0), []).append(article)
    return sorted(members.items())


def _link_entry(
    link: ReuseLink, by_id: dict[str, Article], number: dict[str, int]
) -> dict[str, Any]:
    source, copy = by_id[link.source_id], by_id[link.copy_id]
    return {
        "source": _side(source, number),
        "copy": _side(copy, number),
        "kind": link.kind,
        "kind_name": KIND_NAMES[link.kind],
        "directed": link.directed,
        "coverage_source": link.coverage_source,
        "coverage_copy": link.coverage_copy,
        "evidence": list(link.evidence),
        "passages": [
            {
                "source_span": [s.start, s.end],
                "copy_span": [c.start, c.end],
                "source_text": s.of(source.text),
                "copy_text": c.of(copy.text),
            }
            for s, c in link.passages
        ],
    }


def _side(article: Article, number: dict[str, int]) -> dict[str, Any]:
    return {
        "article": number[article.id],
        "id": article.id,
        "outlet": article.outlet or "unknown outlet",
        "title": display_title(article),
    }

"""The "Stories" section of the report model: the events the articles report, each
with its articles, time span, key entities and outlets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from corroborate.records import Article, Story

__all__ = ["stories_section", "story_summary"]


def stories_section(articles: Sequence[Article], stories: Sequence[Story]) -> dict[str, Any]:
    number = {a.id: n for n, a in enumerate(articles, 1)}
    entries = [
        {"number": position}
        | _described(story)
        | {"articles": sorted(number[aid] for aid in story.article_ids if aid in number)}
        for position, story in enumerate(stories, 1)
    ]
    return {"status": "computed", "title": "Stories", "stories": entries}


def story_summary(story: Story) -> dict[str, Any]:
    """A story as lists of stories give it (the web app's stories page and API): its
    articles by id, not by their number in a report."""
    return _described(story) | {
        "articles": len(story.article_ids),
        "article_ids": list(story.article_ids),
    }


def _described(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "first_published": story.first_published.iso() if story.first_published else None,
        "last_published": story.last_published.iso() if story.last_published else None,
        "key_entities": list(story.key_entities),
        "outlets": list(story.outlets),
    }

"""Building fictional articles for the story tests."""

from __future__ import annotations

from corroborate.records import Article, PubDate
from corroborate.text import content_hash


def paragraphs(text: str) -> str:
    """Fixtures write one paragraph a line; stored articles separate them by blank lines."""
    return "\n\n".join(text.split("\n"))


def news(title: str | None, text: str, day: int | None, outlet: str) -> Article:
    """An article as ingest would store it; ``day`` is a day of March 2031 (None: undated)."""
    text = paragraphs(text)
    published = None if day is None else PubDate(2031, 3, day, source="field")
    return Article(
        id=content_hash(text), text=text, title=title, outlet=outlet, published=published
    )

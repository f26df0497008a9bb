"""Independent outlet groups: articles that derive from each other, or from one common
source, or come from the same outlet, count once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from corroborate.records import Article, ReuseLink

__all__ = ["independent_groups"]


def independent_groups(articles: Sequence[Article], links: Iterable[ReuseLink]) -> list[list[str]]:
    """Article ids in groups, in the order the articles come. Links of kind
    ``shared_source`` do not join groups: two outlets quoting one statement each
    reported it, and the statement is counted as one origin later, not here."""
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        if x in parent and y in parent:
            parent[find(y)] = find(x)

    by_outlet: dict[str, str] = {}
    for article in articles:
        if article.outlet:
            union(by_outlet.setdefault(article.outlet.lower(), article.id), article.id)
    for link in links:
        if link.kind != "shared_source":
            union(link.source_id, link.copy_id)
    groups: dict[str, list[str]] = {}
    for article in articles:
        groups.setdefault(find(article.id), []).append(article.id)
    return list(groups.values())

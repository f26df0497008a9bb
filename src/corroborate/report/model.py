"""The report model: a JSON-able dict built from the store's records.

Renderers only lay it out, so Markdown, JSON and HTML always say the same thing.
A stage that has not run yet is reported as such, never with a placeholder figure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from corroborate.claims.types import ArticleClaims
from corroborate.records import Article, PubDate, ReuseLink, Story
from corroborate.sentences import first_sentence
from corroborate.settings import ReportSettings
from corroborate.store import Sighting, SourceRecord, Store
from corroborate.text import shorten

__all__ = [
    "STAGES",
    "article_entry",
    "build_report",
    "display_title",
    "report_for_store",
]

# The later stages, in the order the report shows them, with each one's section title.
# Stories come first: every later section is read story by story.
STAGES = (
    ("stories", "Stories"),
    ("reuse", "Who copied whom"),
    ("claims", "Who said what"),
    ("corroboration", "Corroboration"),
)


_LATER = "this stage is not part of this version"
# Stages that exist but have not gone over every article (a report built without
# running the pipeline, as a library caller may).
_NOT_YET = {
    "stories": "the stage has not placed every article yet; corroborate report runs it first",
    "reuse": "the stage has not checked every article yet; corroborate report runs it first",
    "claims": "the stage has not read every article yet; corroborate report runs it first",
    "corroboration": "it needs the claims, stories and reuse stages on every article first",
}


def display_title(article: Article, limit: int = 90) -> str:
    """The title, or for untitled wire copy the first sentence after the dateline."""
    if article.title:
        return article.title
    start = article.dateline.span.end if article.dateline else 0
    first_paragraph = article.text[start:].strip().split("\n\n", 1)[0]
    first = " ".join(first_sentence(first_paragraph).split())
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def build_report(
    articles: list[Article],
    sightings: list[Sighting],
    sources: list[SourceRecord] | None = None,
    settings: ReportSettings | None = None,
    generated_at: datetime | None = None,
    links: list[ReuseLink] | None = None,
    stories: list[Story] | None = None,
    claims: Mapping[str, ArticleClaims] | None = None,
) -> dict[str, Any]:
    """The report model. ``sources`` (how reading each source went) adds the sources that
    failed to the input section; without it, sources are counted from the sightings.
    ``links``, ``stories`` and ``claims`` are the reuse, story and claims stages' results
    (None: the stage has not run); claims are shown story by story, so they need stories."""
    from corroborate import __version__
    from corroborate.report.claims import claims_section
    from corroborate.report.corroboration import corroboration_section
    from corroborate.report.reuse import reuse_section
    from corroborate.report.stories import stories_section

    settings = settings or ReportSettings()
    seen: dict[str, list[Sighting]] = {}
    for sighting in sightings:
        seen.setdefault(sighting.article_id, []).append(sighting)
    # An article read at two outlets (wire copy reprinted word for word) counts for both.
    outlets = Counter(
        outlet
        for a in articles
        for outlet in dict.fromkeys(s.outlet or "unknown outlet" for s in seen.get(a.id, []))
        or [a.outlet or "unknown outlet"]
    )
    full_dates = sorted(
        a.published.iso()[:10] for a in articles if a.published and not a.published.is_partial
    )
    source_entries = [
        {
            "source": r.source,
            "articles": r.articles,
            "errors": r.errors,
            "warnings": r.warnings,
            "problem": r.first_problem,
        }
        for r in sources or []
    ]
    return {
        "generator": f"corroborate {__version__}",
        "generated_at": (generated_at or datetime.now(UTC)).isoformat(timespec="seconds"),
        "input": {
            "articles": len(articles),
            "sightings": len(sightings),
            "sources": len(source_entries) or len({s.source.split("#")[0] for s in sightings}),
            "failed_sources": sum(1 for r in source_entries if r["errors"]),
            "outlets": dict(sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))),
            "first_published": full_dates[0] if full_dates else None,
            "last_published": full_dates[-1] if full_dates else None,
            "partial_dates": sum(1 for a in articles if a.published and a.published.is_partial),
            "undated": sum(1 for a in articles if a.published is None),
            "languages": dict(Counter(a.language or "unknown" for a in articles).most_common()),
            "source_list": source_entries,
        },
        "articles": [
            article_entry(a, seen.get(a.id, []), settings, n) for n, a in enumerate(articles, 1)
        ],
        "stages": {
            name: {"title": title, "status": "not computed yet", "why": _NOT_YET.get(name, _LATER)}
            for name, title in STAGES
        }
        | ({"stories": stories_section(articles, stories)} if stories is not None else {})
        | (
            {"reuse": reuse_section(articles, sightings, links, stories)}
            if links is not None
            else {}
        )
        | (
            {"claims": claims_section(articles, stories, claims)}
            if claims is not None and stories is not None
            else {}
        )
        | (
            {"corroboration": corroboration_section(articles, stories, claims, links)}
            if claims is not None and stories is not None and links is not None
            else {}
        ),
    }


def article_entry(
    a: Article, sightings: list[Sighting], settings: ReportSettings, number: int | None = None
) -> dict[str, Any]:
    """One article's metadata as the report and ``corroborate articles --json`` give it."""
    dateline = a.dateline
    return {
        "number": number,
        "id": a.id,
        "title": display_title(a),
        "title_from": a.title_from if a.title else "first sentence",
        "byline": a.byline,
        "outlet": a.outlet,
        "outlet_from": a.outlet_from,
        "url": a.url,
        "published": a.published.iso() if a.published else None,
        "published_partial": bool(a.published and a.published.is_partial),
        "published_from": a.published.source if a.published else None,
        "dateline": None
        if dateline is None
        else {
            "place": dateline.place,
            "region": dateline.region,
            "agency": dateline.agency,
            "date": dateline.date.iso() if dateline.date else None,
            "span": [dateline.span.start, dateline.span.end],
        },
        "credits": list(a.credits),
        "language": a.language,
        "words": len(a.text.split()),
        "excerpt": shorten(a.text, settings.excerpt_chars),
        "sightings": [_sighting_entry(s) for s in sightings] or [_sighting_entry(a)],
    }


def _sighting_entry(seen: Sighting | Article) -> dict[str, Any]:
    """Where a text was read; an article stands for its own first sighting."""
    published = seen.published
    return {
        "source": seen.source,
        "url": seen.url,
        "outlet": seen.outlet,
        "title": seen.title,
        "published": published.iso() if isinstance(published, PubDate) else published,
    }


def report_for_store(store: Store, settings: ReportSettings | None = None) -> dict[str, Any]:
    """The report on everything ``store`` holds; a stage that has not checked every
    article is reported as not computed (run :func:`corroborate.pipeline.analyse`)."""
    from corroborate.reuse.runner import ALGORITHM

    articles = list(store.articles())
    checked = store.count_reuse_checked(ALGORITHM) == len(articles)
    claims = store.article_claims()
    stories = store.stories()
    placed = sum(len(story.article_ids) for story in stories) == len(articles)
    return build_report(
        articles,
        store.sightings(),
        store.source_records(),
        settings,
        links=store.reuse_links() if checked else None,
        stories=stories if placed and articles else None,
        claims=claims if len(claims) == len(articles) and articles else None,
    )

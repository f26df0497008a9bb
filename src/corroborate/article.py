"""The ingest stage proper: a document a reader found -> an :class:`Article`.

Readers only turn bytes into :class:`RawDocument`s; everything that makes a news
article out of one (packaging lines, dateline, credits, outlet, date, language, id)
happens here, the same way for every format.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from corroborate.errors import SourceError
from corroborate.language import detect_language
from corroborate.newsmeta import find_dateline, outlet_from_url
from corroborate.packaging import split_packaging
from corroborate.records import Article, Dateline, PubDate, Span
from corroborate.settings import IngestSettings
from corroborate.text import content_hash, tidy_paragraphs

__all__ = ["RawDocument", "make_article"]


@dataclass(frozen=True)
class RawDocument:
    """What a reader found: text plus whatever metadata the format carried."""

    text: str
    source: str  # path, "feed.xml#guid", "file.jsonl#3", URL
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    outlet_from: str | None = None  # where ``outlet`` came from; "given" when unset
    published: PubDate | None = None
    plain: bool = False  # plain text: look for a date tag and a headline line
    language: str | None = None


def make_article(raw: RawDocument, settings: IngestSettings | None = None) -> Article:
    """Build the article; raises :class:`SourceError` when there is no text to keep."""
    settings = settings or IngestSettings()
    # Tag lines are a convention of plain-text files only: a JSONL or HTML body opening with
    # "date 2031-01-01" is text, and must not override the record's own date.
    packaging = split_packaging(
        tidy_paragraphs(raw.text), detect_title=raw.plain and not raw.title, read_tags=raw.plain
    )
    if packaging.tags:
        raw = _with_tags(raw, packaging.tags)
    body = packaging.body
    if not body.strip():
        raise SourceError(raw.source, "no article text (empty after removing markup and packaging)")
    if len(body) < settings.min_chars:
        raise SourceError(raw.source, f"article text too short ({len(body)} characters)")
    article_id = content_hash(body)
    found = find_dateline(body)
    dateline = None
    if found is not None:
        dateline = Dateline(
            found.place, found.region, found.agency, found.date, Span(article_id, 0, found.end)
        )
    outlet, outlet_from = raw.outlet, (raw.outlet_from or "given") if raw.outlet else None
    if not outlet and raw.url:
        outlet, outlet_from = outlet_from_url(raw.url), "url"
    if not outlet and dateline and dateline.agency:
        outlet, outlet_from = dateline.agency, "dateline"
    # The dateline's agency is a wire credit too: "SEOUL (AP) —" credits AP.
    credits = tuple(
        dict.fromkeys(
            ([dateline.agency] if dateline and dateline.agency else []) + list(packaging.credits)
        )
    )
    return Article(
        id=article_id,
        text=body,
        title=(raw.title or packaging.title or None),
        # A reader's own title comes with no label yet; the headline line is ours to name.
        title_from="headline line" if packaging.title and not raw.title else None,
        byline=packaging.byline,
        outlet=outlet or None,
        outlet_from=outlet_from if outlet else None,
        url=raw.url,
        # The file's own date tag, then the reader's date, then the page's date line pasted
        # with the text, then the dateline's (often without a year).
        published=_best_date(
            packaging.date,
            raw.published,
            packaging.line_date,
            dateline.date if dateline else None,
        ),
        dateline=dateline,
        credits=credits,
        language=raw.language or detect_language(body),
        source=raw.source,
    )


def _with_tags(raw: RawDocument, tags: dict[str, str]) -> RawDocument:
    """A plain-text file's own tag lines fill what the reader did not know."""
    outlet, outlet_from = raw.outlet, raw.outlet_from
    if not outlet and tags.get("outlet"):
        outlet, outlet_from = tags["outlet"], "tag line"
    return replace(raw, outlet=outlet, outlet_from=outlet_from, url=raw.url or tags.get("url"))


def _best_date(*candidates: PubDate | None) -> PubDate | None:
    """The first complete date among the candidates (in order of trust), else the first partial."""
    present = [c for c in candidates if c is not None]
    complete = [c for c in present if not c.is_partial]
    return (complete or present)[0] if present else None

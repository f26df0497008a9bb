"""RSS and Atom feeds: entries with full content become articles; the others are links to fetch."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from xml.sax import SAXParseException

import feedparser

from corroborate.article import RawDocument
from corroborate.errors import SourceError, SourceWarning
from corroborate.newsmeta import parse_date_value
from corroborate.readers.html import to_paragraphs

__all__ = ["FeedLink", "read_feed"]


@dataclass(frozen=True)
class FeedLink:
    """An entry that carries only a summary: its page must be fetched for the article."""

    url: str
    source: str
    title: str | None
    outlet: str | None


def read_feed(
    data: bytes, source: str, full_text_chars: int = 400
) -> Iterator[RawDocument | FeedLink | SourceError]:
    if not data.strip():
        raise SourceError(source, "empty file")
    # A stream, not bytes: feedparser first tries bytes as a file name to open, so a
    # file or response holding "/etc/passwd" would read that file.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            raise SourceError(source, f"not a valid RSS/Atom feed ({_first_line(reason)})")
        if not parsed.get("version"):
            raise SourceError(source, "not an RSS or Atom feed (no <rss>, <feed> or <rdf> root)")
        raise SourceError(source, "feed has no entries")
    outlet = (parsed.get("feed", {}).get("title") or "").strip() or None
    for number, entry in enumerate(entries, start=1):
        entry_id = entry.get("id") or entry.get("link") or str(number)
        where = f"{source}#{entry_id}"
        html = _content(entry)
        text = _html_text(html) if html else ""
        link = entry.get("link")
        title = (entry.get("title") or "").strip() or None
        if len(text) >= full_text_chars or (text and not link):
            yield RawDocument(
                text=text,
                source=where,
                title=title,
                url=link,
                outlet=outlet,
                outlet_from="feed" if outlet else None,
                published=_entry_date(entry),
            )
        elif link:
            yield FeedLink(url=link, source=where, title=title, outlet=outlet)
        else:
            yield SourceError(where, "feed entry has neither text nor a link")
    damage = parsed.get("bozo_exception")
    if isinstance(damage, SAXParseException):
        # feedparser read the rest leniently; an undefined entity is common and harmless,
        # a cut file is not, so say so without failing the source.
        yield SourceWarning(
            source,
            f"not well-formed XML ({_first_line(damage)}); read leniently, "
            "the feed may be truncated and its last entry incomplete",
        )


def _content(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value") or "" for c in contents), key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def _html_text(fragment: str) -> str:
    """Paragraph text of an HTML fragment (feed content), entities decoded."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises ParserError or ValueError on junk
        return fragment.strip()
    for tag in root.iter("script", "style"):
        tag.drop_tree()
    blocks = root.xpath(".//p|.//li|.//h1|.//h2|.//h3|.//blockquote")
    texts = [" ".join(b.text_content().split()) for b in blocks if not b.xpath(".//p")]
    if not texts:
        texts = [" ".join(line.split()) for line in root.text_content().split("\n")]
    return to_paragraphs("\n".join(t for t in texts if t), None)


def _entry_date(entry: Any) -> Any:
    for key in ("published", "updated", "created"):
        value = entry.get(key)
        if value:
            parsed = parse_date_value(value, "feed")
            if parsed:
                return parsed
    return None


def _first_line(value: object) -> str:
    return str(value).strip().split("\n")[0][:200] or "unknown error"

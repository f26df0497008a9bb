"""RSS and Atom feeds: entries with full content become articles; the others are links to fetch."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from xml.parsers.expat import errors as expat_errors
from xml.sax import SAXParseException

import feedparser

from corroborate.article import RawDocument
from corroborate.errors import SourceError, SourceWarning
from corroborate.newsmeta import parse_date_value
from corroborate.readers.html import to_paragraphs
from corroborate.records import PubDate

__all__ = ["FeedLink", "read_feed"]

# What expat says only when the data ends before the document does: a cut-off file.
_CUT_OFF = frozenset(
    {
        expat_errors.XML_ERROR_NO_ELEMENTS,  # "no element found": a root left open
        expat_errors.XML_ERROR_UNCLOSED_TOKEN,
        expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
        expat_errors.XML_ERROR_PARTIAL_CHAR,
    }
)
# Closing tags of entries (RSS <item>, Atom <entry>, with or without a namespace prefix):
# in a cut-off feed, fewer of them than entries means the last entry is incomplete.
_ENTRY_END = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>")


@dataclass(frozen=True)
class FeedLink:
    """An entry that carries only a summary: its page must be fetched for the article.

    ``text`` and ``published`` are the entry's own (text "" when it has none), so that
    the runner can keep the summary when the page cannot be fetched.
    """

    url: str
    source: str
    title: str | None
    outlet: str | None
    text: str = ""
    published: PubDate | None = None

    def as_document(self) -> RawDocument | None:
        """The entry's own text as a document, or None when the entry has no text."""
        if not self.text:
            return None
        return RawDocument(
            text=self.text,
            source=self.source,
            title=self.title,
            url=self.url,
            outlet=self.outlet,
            outlet_from="feed" if self.outlet else None,
            published=self.published,
        )


def read_feed(
    data: bytes, source: str, full_text_chars: int = 400
) -> Iterator[RawDocument | FeedLink | SourceError]:
    """Entries of a feed. A feed cut off before its end is an error (the entries before
    the cut are still read); other XML faults feedparser reads past are a warning."""
    if not data.strip():
        raise SourceError(source, "empty file")
    # A stream, not bytes: feedparser first tries bytes as a file name to open, so a
    # file or response holding "/etc/passwd" would read that file.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    damage = parsed.get("bozo_exception")
    cut_off = isinstance(damage, SAXParseException) and damage.getMessage() in _CUT_OFF
    if not entries:
        if parsed.get("bozo"):
            hint = "; the file is cut off" if cut_off else ""
            raise SourceError(source, f"not a valid RSS/Atom feed ({_describe(damage)}){hint}")
        if not parsed.get("version"):
            raise SourceError(source, "not an RSS or Atom feed (no <rss>, <feed> or <rdf> root)")
        raise SourceError(source, "feed has no entries")
    # feedparser still returns the entry the cut fell in, with whatever it had read of it.
    incomplete = cut_off and len(_ENTRY_END.findall(data)) < len(entries)
    outlet = (parsed.get("feed", {}).get("title") or "").strip() or None
    for number, entry in enumerate(entries[:-1] if incomplete else entries, start=1):
        yield from _entry_items(entry, number, source, outlet, full_text_chars)
    if cut_off:
        skipped = "; the entry it cut into is skipped" if incomplete else ""
        yield SourceError(
            source,
            f"feed is cut off ({_describe(damage)}); "
            f"entries read before the cut: {len(entries) - int(incomplete)}{skipped}",
        )
    elif isinstance(damage, SAXParseException):
        # feedparser read the rest leniently; an undefined entity (&nbsp; in RSS) is
        # common and costs nothing, so it is only reported.
        yield SourceWarning(source, f"not well-formed XML ({_describe(damage)}); read leniently")


def _entry_items(
    entry: Any, number: int, source: str, outlet: str | None, full_text_chars: int
) -> Iterator[RawDocument | FeedLink | SourceError]:
    entry_id = entry.get("id") or entry.get("link") or str(number)
    where = f"{source}#{entry_id}"
    html = _content(entry)
    text = _html_text(html) if html else ""
    link = entry.get("link")
    title = (entry.get("title") or "").strip() or None
    published, unreadable = _entry_date(entry)
    if unreadable is not None:
        yield SourceWarning(
            where,
            f"date {unreadable[:80]!r} is not a date this reader can read; entry kept without it",
        )
    if len(text) >= full_text_chars or (text and not link):
        yield RawDocument(
            text=text,
            source=where,
            title=title,
            url=link,
            outlet=outlet,
            outlet_from="feed" if outlet else None,
            published=published,
        )
    elif link:
        yield FeedLink(
            url=link, source=where, title=title, outlet=outlet, text=text, published=published
        )
    else:
        yield SourceError(where, "feed entry has neither text nor a link")


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


def _entry_date(entry: Any) -> tuple[PubDate | None, str | None]:
    """The entry's date, and the first date value that could not be read when none could."""
    unreadable = None
    for key in ("published", "updated", "created"):
        # dict.get: feedparser's own get() maps a missing "updated" to "published", warning
        value = dict.get(entry, key)
        if isinstance(value, str) and value.strip():
            parsed = parse_date_value(value, "feed")
            if parsed:
                return parsed, None
            unreadable = unreadable or value.strip()
    return None, unreadable


def _describe(damage: object) -> str:
    if isinstance(damage, SAXParseException):  # str() starts "<unknown>:2:998:"
        return (
            f"{damage.getMessage()} at line {damage.getLineNumber()}, "
            f"column {damage.getColumnNumber()}"
        )
    return _first_line(damage)


def _first_line(value: object) -> str:
    return str(value).strip().split("\n")[0][:200] or "unknown error"

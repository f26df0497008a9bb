"""HTML pages: trafilatura finds the main text; title, date and site from the page's metadata."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import trafilatura

from corroborate.article import RawDocument
from corroborate.errors import SourceError, SourceWarning
from corroborate.newsmeta import outlet_from_url, parse_date_value
from corroborate.text import DecodeFailure, decode_bytes

__all__ = ["TRAFILATURA_OPTIONS", "read_html", "to_paragraphs"]

# One call gives text and metadata. Dates come from the page's metadata only
# (extensive_search would pick up dates mentioned in the body), the original
# publication date rather than the last update, and with the time where the page
# gives one. max_date is far ahead because archives and test corpora may be dated
# after this machine's clock, and a wrong clock must not drop real dates.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": False,
    "date_extraction_params": {
        "original_date": True,
        "extensive_search": False,
        "max_date": "2199-12-31",
        "outputformat": "%Y-%m-%dT%H:%M:%S%z",
    },
}

_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
# The page's declared language, <html lang="en-GB">: free, and what the publisher says.
_LANG = re.compile(
    rb"""<html[^>]*?\slang=["']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?["'\s>]""", re.IGNORECASE
)


def read_html(
    data: bytes, source: str, url: str | None = None, charset: str | None = None
) -> Iterator[RawDocument | SourceError]:
    """One article per page; raises :class:`SourceError` when no main text is found."""
    if not data.strip():
        raise SourceError(source, "empty file")
    head = data[:4096]
    declared_language = _LANG.search(head)
    if charset is None:
        declared = _CHARSET.search(head)
        charset = declared.group(1).decode("ascii") if declared else None
    try:
        decoded = decode_bytes(data, charset)
    except DecodeFailure as exc:
        raise SourceError(source, str(exc)) from exc
    try:
        document = trafilatura.bare_extraction(decoded.text, url=url, **TRAFILATURA_OPTIONS)
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise SourceError(source, f"malformed HTML ({type(exc).__name__}: {exc})") from exc
    if not isinstance(document, trafilatura.settings.Document) or not (document.text or "").strip():
        raise SourceError(source, "no main text found in the HTML page")
    title = (document.title or "").strip() or None
    outlet, outlet_from = _outlet(document.sitename, document.url or url)
    if decoded.note:
        yield SourceWarning(source, decoded.note)
    yield RawDocument(
        text=to_paragraphs(document.text or "", title),
        source=source,
        title=title,
        url=document.url or url,
        outlet=outlet,
        outlet_from=outlet_from,
        published=_page_date(document.date),
        language=declared_language.group(1).decode("ascii").lower() if declared_language else None,
    )


def to_paragraphs(extracted: str, title: str | None) -> str:
    """trafilatura puts one paragraph per line; the store keeps a blank line between them.

    A first line repeating the title (the page's <h1>) is dropped.
    """
    lines = [line for line in extracted.split("\n") if line.strip()]
    if lines and title and lines[0].strip() == title:
        lines = lines[1:]
    return "\n\n".join(lines)


def _outlet(sitename: str | None, url: str | None) -> tuple[str | None, str | None]:
    """The outlet and where it came from. trafilatura names the site after the URL's host
    (as written: "WWW.Example.com") when the page does not name it; that is labelled
    "url" and spelled as the host is everywhere else (lower case, without "www.")."""
    name = (sitename or "").strip()
    if not name:
        return None, None
    host = outlet_from_url(url)
    if host and name.lower().removeprefix("www.") == host:
        return host, "url"
    return name, "html metadata"


def _page_date(value: str | None) -> Any:
    if not value:
        return None
    if value.endswith("T00:00:00"):  # the page gave a day and no time
        value = value[:10]
    return parse_date_value(value, "html metadata")

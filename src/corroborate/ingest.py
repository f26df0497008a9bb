"""The ingest runner: reads sources (files, folders, URLs), builds articles, writes the store.

This is the I/O side of ingest; readers parse bytes and :func:`make_article` builds
records. Bad input never stops a run: each bad source or record becomes one
:class:`SourceError` in the result, and the others are still read.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field, replace

from corroborate.article import RawDocument, make_article
from corroborate.errors import SourceError, SourceWarning
from corroborate.fetch import Fetcher, is_url
from corroborate.readers import (
    READERS,
    Found,
    ReadContext,
    format_of_content_type,
    format_of_name,
    read_in_folders,
    sniff_format,
)
from corroborate.readers.feed import FeedLink
from corroborate.readers.html import read_html
from corroborate.records import Article
from corroborate.settings import Settings
from corroborate.store import SourceRecord, Store

__all__ = ["IngestResult", "Upload", "expand_sources", "ingest_sources", "read_source"]

log = logging.getLogger(__name__)

# Articles read but not yet committed are written at least this often (seconds), so a
# killed run over slow sources loses little; a re-run completes it either way.
MAX_UNWRITTEN_S = 1.0

ProgressCallback = Callable[[str, int], None]  # (event: "source"|"article", count)


@dataclass(frozen=True)
class Upload:
    """A source held in memory (a file sent to the web app, pasted text): ``name`` says
    what it is in messages and the store, and its suffix the format, as a file's would."""

    name: str
    data: bytes

    def __str__(self) -> str:
        return self.name


Source = str | Upload


@dataclass
class IngestResult:
    sources: int = 0
    articles: int = 0  # articles read (new or already held)
    new: int = 0  # articles not in the store before
    article_ids: list[str] = field(default_factory=list)  # every article read, in order
    errors: list[SourceError] = field(default_factory=list)
    warnings: list[SourceError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every source was read completely."""
        return not self.errors


def expand_sources(sources: Iterable[Source]) -> Iterator[Source]:
    """Folders become the article files under them (sorted); files and URLs pass through.

    Inside folders only files with a known article extension are taken, so a corpus
    folder may hold notes, gold files and scripts beside its articles.
    """
    # A file named twice (or under two folders given) is read once. abspath, not realpath:
    # resolving links costs a system call per path component, for a rare case.
    seen: set[str] = set()

    def first_time(key: str) -> bool:
        if key in seen:
            return False
        seen.add(key)
        return True

    for source in sources:
        if isinstance(source, Upload):
            yield source
            continue
        if is_url(source):
            if first_time(source):
                yield source
            continue
        if os.path.isdir(source):
            for root, dirs, files in os.walk(source):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and read_in_folders(name):
                        found = os.path.join(root, name)
                        if first_time(os.path.abspath(found)):
                            yield found
        elif first_time(os.path.abspath(source)):
            yield source


def ingest_sources(
    sources: Iterable[Source],
    store: Store,
    settings: Settings | None = None,
    fetcher: Fetcher | None = None,
    progress: ProgressCallback | None = None,
    outlet: str | None = None,
) -> IngestResult:
    """Read every source into ``store``. Never raises for bad input: see ``result.errors``.

    ``outlet``, when given, names the outlet of every article read (it wins over page
    metadata, URL and dateline: the user knows where the files came from).
    """
    settings = settings or Settings()
    result = IngestResult()
    batch: list[Article] = []
    done: list[SourceRecord] = []  # sources read since the last write
    last_write = time.monotonic()

    def write() -> None:
        nonlocal batch, done, last_write
        if batch or done:
            result.new += store.add_articles(batch, done).new
        batch, done, last_write = [], [], time.monotonic()

    with ExitStack() as stack:
        if fetcher is None:
            fetcher = stack.enter_context(Fetcher(settings.fetch))
        for source in expand_sources(sources):
            result.sources += 1
            articles = errors = warnings = 0
            first_problem = None
            for item in read_source(source, settings, fetcher, outlet):
                if isinstance(item, SourceError):
                    if isinstance(item, SourceWarning):
                        result.warnings.append(item)
                        warnings += 1
                    else:
                        result.errors.append(item)
                        errors += 1
                    if first_problem is None or (
                        errors == 1 and not isinstance(item, SourceWarning)
                    ):
                        first_problem = str(item)
                    log.info("%s", item)
                    continue
                batch.append(item)
                result.article_ids.append(item.id)
                articles += 1
                result.articles += 1
                if progress:
                    progress("article", result.articles)
                if len(batch) >= settings.ingest.batch_size:
                    write()
            done.append(SourceRecord(str(source), articles, errors, warnings, first_problem))
            # Small sources share a transaction (a commit per file cost a tenth of HTML
            # ingest); a slow stream of them (URLs) still commits every MAX_UNWRITTEN_S.
            if time.monotonic() - last_write > MAX_UNWRITTEN_S:
                write()
            if progress:
                progress("source", result.sources)
        write()
    return result


def read_source(
    source: Source, settings: Settings, fetcher: Fetcher | None = None, outlet: str | None = None
) -> Iterator[Article | SourceError]:
    """Articles of one source, with a :class:`SourceError` for each part that failed."""
    try:
        for item in _documents(source, settings, fetcher):
            if isinstance(item, FeedLink):
                yield from _follow_link(item, settings, fetcher, outlet)
            elif isinstance(item, SourceError):
                yield item
            else:
                yield _article_or_error(_with_outlet(item, outlet), settings)
    except SourceError as exc:
        yield exc
    except OSError as exc:
        yield SourceError(str(source), f"cannot read ({exc.strerror or exc})")
    except (MemoryError, RecursionError) as exc:
        yield SourceError(str(source), f"too large or deeply nested to read ({type(exc).__name__})")
    except Exception as exc:  # a reader bug must not end a run over thousands of sources
        log.debug("unexpected error reading %s", source, exc_info=True)
        yield SourceError(
            str(source),
            f"unexpected error ({type(exc).__name__}: {exc}); run with -vv and report it",
        )


def _with_outlet(document: RawDocument, outlet: str | None) -> RawDocument:
    """The user's ``--outlet`` wins over anything a source says."""
    return replace(document, outlet=outlet, outlet_from="given") if outlet else document


def _article_or_error(document: RawDocument, settings: Settings) -> Article | SourceError:
    try:
        return make_article(document, settings.ingest)
    except SourceError as exc:
        return exc


def _documents(source: Source, settings: Settings, fetcher: Fetcher | None) -> Iterator[Found]:
    if isinstance(source, Upload):
        yield from _uploaded(source, settings)
        return
    if is_url(source):
        if fetcher is None:
            raise SourceError(source, "URLs cannot be fetched here (no fetcher)")
        fetched = fetcher.fetch(source)
        kind = format_of_content_type(fetched.content_type) or sniff_format(fetched.data[:4096])
        context = ReadContext(source, settings, url=fetched.url, charset=fetched.charset)
        yield from READERS[kind].read(io.BytesIO(fetched.data), context)
        return
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise SourceError(source, "no such file or folder") from None
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(source, "not a regular file")
    if info.st_size == 0:
        raise SourceError(source, "empty file")
    with open(source, "rb") as stream:
        kind = format_of_name(source) or sniff_format(stream.read(4096))
        stream.seek(0)
        reader = READERS[kind]
        limit = settings.ingest.max_bytes
        if not reader.streamed and info.st_size > limit:
            raise SourceError(
                source,
                f"file of {info.st_size} bytes is over the {limit}-byte limit (ingest.max_bytes)",
            )
        yield from reader.read(stream, ReadContext(source, settings))


def _uploaded(upload: Upload, settings: Settings) -> Iterator[Found]:
    """An upload is read as a file of its name would be, from memory."""
    if not upload.data:
        raise SourceError(upload.name, "empty file")
    limit = settings.ingest.max_bytes
    if len(upload.data) > limit:
        raise SourceError(
            upload.name,
            f"upload of {len(upload.data)} bytes is over the {limit}-byte limit (ingest.max_bytes)",
        )
    kind = format_of_name(upload.name) or sniff_format(upload.data[:4096])
    yield from READERS[kind].read(io.BytesIO(upload.data), ReadContext(upload.name, settings))


def _follow_link(
    link: FeedLink, settings: Settings, fetcher: Fetcher | None, given_outlet: str | None = None
) -> Iterator[Article | SourceError]:
    if not settings.ingest.fetch_feed_links or fetcher is None:
        yield from _keep_entry_text(
            link, settings, given_outlet, f"fetching {link.url} is turned off"
        )
        return
    try:
        fetched = fetcher.fetch(link.url)
        items = list(read_html(fetched.data, link.source, url=fetched.url, charset=fetched.charset))
    except SourceError as exc:
        yield from _keep_entry_text(link, settings, given_outlet, exc.reason)
        return
    for item in items:
        if isinstance(item, RawDocument):
            if not item.outlet and link.outlet:
                item = replace(item, outlet=link.outlet, outlet_from="feed")
            item = replace(_with_outlet(item, given_outlet), title=item.title or link.title)
            yield _article_or_error(item, settings)
        else:
            yield item


def _keep_entry_text(
    link: FeedLink, settings: Settings, given_outlet: str | None, reason: str
) -> Iterator[Article | SourceError]:
    """The linked page could not be had: keep what the feed itself said, if it makes an
    article (with a warning), else report why the entry was lost."""
    document = link.as_document()
    article = (
        _article_or_error(_with_outlet(document, given_outlet), settings) if document else None
    )
    if isinstance(article, Article):
        yield SourceWarning(link.source, f"{reason}; kept the feed entry's own text instead")
        yield article
    else:
        yield SourceError(link.source, f"entry has only a summary; {reason}")

"""What the web app reads from the store, with a cache that is dropped whenever the
store changes.

Each server thread reads through its own :class:`Store` (SQLite connections are not
shared across threads). A story's model costs a corroboration run (tens of
milliseconds to seconds for a big story), and editors open the same stories all day,
so finished models are cached. Staleness is impossible rather than unlikely: a
dedicated connection asks SQLite's ``PRAGMA data_version``, which changes whenever
any other connection (the app's own ingest jobs, a ``corroborate ingest`` run in a
terminal) commits, and every cached model is dropped at once.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from corroborate.report.model import article_entry
from corroborate.report.story import story_report
from corroborate.search import StoryPage, outlet_counts, search_stories
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.web.highlight import article_layers

__all__ = ["StoreReader"]

T = TypeVar("T")
# Connections kept open between requests (more are opened while more threads read).
IDLE_CONNECTIONS = 8
Key = tuple[str, str]


class _Budgeted:
    """Least recently used entries go first once their weights pass ``budget``."""

    def __init__(self, budget: float, weigh: Callable[[Any], float]) -> None:
        self.budget = budget
        self.weigh = weigh
        self.entries: OrderedDict[Key, tuple[Any, float]] = OrderedDict()
        self.weight = 0.0
        self.building: dict[Key, threading.Lock] = {}  # values being built, by key

    def get(self, key: Key) -> tuple[bool, Any]:
        if key not in self.entries:
            return False, None
        self.entries.move_to_end(key)
        return True, self.entries[key][0]

    def put(self, key: Key, value: Any) -> None:
        weight = self.weigh(value)
        if weight > self.budget:
            return
        if key in self.entries:
            self.weight -= self.entries.pop(key)[1]
        self.entries[key] = (value, weight)
        self.weight += weight
        while self.weight > self.budget:
            self.weight -= self.entries.popitem(last=False)[1][1]

    def clear(self) -> None:
        self.entries.clear()
        self.weight = 0.0


class StoreReader:
    def __init__(self, path: str | Path, settings: Settings) -> None:
        self.path = Path(path)
        self.settings = settings
        self._lock = threading.Lock()
        self._watch = sqlite3.connect(str(self.path), check_same_thread=False)
        self._seen_version: int | None = None
        # Models (dicts) by count; finished pages (text) by size. Nothing is cached for
        # an id that does not exist, so made-up ids cannot push real pages out.
        self._models = _Budgeted(settings.web.cached_stories, lambda _: 1)
        self._pages = _Budgeted(settings.web.cache_mb * 1_000_000, len)
        # Idle connections, reused by whichever thread reads next: server threads come
        # and go, and a connection per thread would pile up open files.
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue(maxsize=IDLE_CONNECTIONS)

    def close(self) -> None:
        with self._lock:
            while not self._idle.empty():
                self._idle.get_nowait().close()
            self._watch.close()

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """A connection, inside one read transaction: everything read through it is one
        snapshot of the store, whatever an ingest commits meanwhile."""
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = Store(self.path)
        db = store.connection
        db.execute("BEGIN")
        try:
            yield store
        finally:
            db.execute("COMMIT")
            try:
                self._idle.put_nowait(store)
            except queue.Full:
                store.close()

    # -- the cache -------------------------------------------------------------------
    def _fresh(self) -> None:
        """Drop everything cached when another connection has committed since."""
        version = self._watch.execute("PRAGMA data_version").fetchone()[0]
        if version != self._seen_version:
            self._seen_version = version
            self._models.clear()
            self._pages.clear()

    def _cached(self, cache: _Budgeted, key: Key, build: Callable[[], T]) -> T:
        """The cached value, or ``build()``'s. Requests for the same missing value wait
        for one build instead of each making it (fifty editors opening the story that
        just broke cost one corroboration run)."""
        with self._lock:
            self._fresh()
            found, value = cache.get(key)
            if found:
                return value  # type: ignore[no-any-return]
            building = cache.building.setdefault(key, threading.Lock())
        with building:
            with self._lock:
                self._fresh()
                version = self._seen_version
                found, value = cache.get(key)
            if found:
                return value  # type: ignore[no-any-return]
            try:
                value = build()  # outside the reader's lock: other pages are served meanwhile
                with self._lock:
                    self._fresh()
                    # Not built from a store that moved on, and not a miss.
                    if self._seen_version == version and value is not None:
                        cache.put(key, value)
            finally:
                with self._lock:
                    cache.building.pop(key, None)
        return value

    def page(self, kind: str, key: str, build: Callable[[], str | None]) -> str | None:
        """A finished page (HTML or JSON text; None when there is nothing of that id),
        cached by size."""
        return self._cached(self._pages, (kind, key), build)

    # -- what the pages show ---------------------------------------------------------
    def story(self, story_id: str) -> dict[str, Any] | None:
        return self._cached(
            self._models,
            ("story", story_id),
            lambda: self._read(lambda store: story_report(store, story_id, self.settings.report)),
        )

    def _read(self, read: Callable[[Store], T]) -> T:
        with self.reading() as store:
            return read(store)

    def stories(
        self,
        text: str = "",
        outlet: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int = 25,
        offset: int = 0,
    ) -> StoryPage:
        with self.reading() as store:
            return search_stories(store, text, outlet, since, until, limit, offset)

    def outlets(self) -> list[tuple[str, int]]:
        return self._cached(
            self._models, ("outlets", ""), lambda: self._read(lambda s: list(outlet_counts(s)))
        )

    def counts(self) -> dict[str, int]:
        def count(store: Store) -> dict[str, int]:
            query = "SELECT count(DISTINCT story_id) FROM story_articles"
            stories = int(store.connection.execute(query).fetchone()[0])
            return {"articles": store.count_articles(), "stories": stories}

        return self._cached(self._models, ("counts", ""), lambda: self._read(count))

    def article(self, article_id: str) -> dict[str, Any] | None:
        return self._cached(
            self._models,
            ("article", article_id),
            lambda: self._read(lambda s: self._article_of(s, article_id)),
        )

    def _article_of(self, store: Store, article_id: str) -> dict[str, Any] | None:
        """An article's entry and text, its claims (each with the statement group it
        belongs to in its story) and the passages it shares with other articles."""
        article = store.article(article_id)
        if article is None:
            return None
        story_id = store.story_of(article_id)
        story = self.story(story_id) if story_id else None
        number = (
            next((a["number"] for a in story["articles"] if a["id"] == article_id), 1)
            if story
            else 1
        )
        entry = article_entry(article, store.sightings(article_id), self.settings.report, number)
        return (
            entry
            | {
                "story_id": story_id,
                "story_title": story["story"]["title"] if story else None,
                "text": article.text,
            }
            | article_layers(store, article, number, story)
        )

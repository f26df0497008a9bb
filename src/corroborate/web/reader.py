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

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
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


class StoreReader:
    def __init__(self, path: str | Path, settings: Settings, cache_size: int = 256) -> None:
        self.path = Path(path)
        self.settings = settings
        self._local = threading.local()
        self._lock = threading.Lock()
        self._watch = sqlite3.connect(str(self.path), check_same_thread=False)
        self._seen_version: int | None = None
        self._cache: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._cache_size = cache_size
        self._stores: list[Store] = []

    def close(self) -> None:
        with self._lock:
            for store in self._stores:
                store.close()
            self._stores.clear()
            self._watch.close()

    def store(self) -> Store:
        """This thread's connection to the store."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path)
            self._local.store = store
            with self._lock:
                self._stores.append(store)
        return store

    # -- the cache -------------------------------------------------------------------
    def _fresh(self) -> None:
        """Drop every cached model when another connection has committed since."""
        version = self._watch.execute("PRAGMA data_version").fetchone()[0]
        if version != self._seen_version:
            self._seen_version = version
            self._cache.clear()

    def _cached(self, kind: str, key: str, build: Callable[[], T]) -> T:
        with self._lock:
            self._fresh()
            version = self._seen_version
            if (kind, key) in self._cache:
                self._cache.move_to_end((kind, key))
                return self._cache[(kind, key)]  # type: ignore[no-any-return]
        value = build()  # outside the lock: other pages are served meanwhile
        with self._lock:
            self._fresh()
            if self._seen_version == version:  # not built from a store that moved on
                self._cache[(kind, key)] = value
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return value

    # -- what the pages show ---------------------------------------------------------
    def story(self, story_id: str) -> dict[str, Any] | None:
        return self._cached(
            "story", story_id, lambda: story_report(self.store(), story_id, self.settings.report)
        )

    def stories(
        self,
        text: str = "",
        outlet: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int = 25,
        offset: int = 0,
    ) -> StoryPage:
        return search_stories(self.store(), text, outlet, since, until, limit, offset)

    def outlets(self) -> list[tuple[str, int]]:
        return self._cached("outlets", "", lambda: list(outlet_counts(self.store())))

    def counts(self) -> dict[str, int]:
        def count() -> dict[str, int]:
            db = self.store().connection
            return {
                "articles": int(db.execute("SELECT count(*) FROM articles").fetchone()[0]),
                "stories": int(
                    db.execute("SELECT count(DISTINCT story_id) FROM story_articles").fetchone()[0]
                ),
            }

        return self._cached("counts", "", count)

    def article(self, article_id: str) -> dict[str, Any] | None:
        return self._cached("article", article_id, lambda: self._article(article_id))

    def _article(self, article_id: str) -> dict[str, Any] | None:
        """An article's entry and text, its claims (each with the statement group it
        belongs to in its story) and the passages it shares with other articles."""
        store = self.store()
        article = store.article(article_id)
        if article is None:
            return None
        story_id = store.story_of(article_id)
        story = self.story(story_id) if story_id else None
        number = 1
        if story is not None:
            number = next((a["number"] for a in story["articles"] if a["id"] == article_id), 1)
        entry = article_entry(article, store.sightings(article_id), self.settings.report, number)
        return (
            entry
            | {
                "story_id": story_id,
                "story_title": story["story"]["title"] if story else None,
                "text": article.text,
            }
            | article_layers(store, article, story)
        )

"""The store: SQLite (WAL) holding articles and, later, every stage's results.

Runners write through one :class:`Store`; stages never touch it. Every write runs in
one transaction, so a run killed at any moment leaves the store as it was before the
write or after it, never between; because ingest is idempotent by content hash, a
re-run completes whatever was cut off.

The schema version is SQLite's ``user_version``; migrations are functions registered
in order with :func:`migration` and each runs in the transaction that bumps the version.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np

from corroborate.claims.serial import (
    claim_from_dict,
    claim_to_dict,
    entity_from_dict,
    entity_to_dict,
)
from corroborate.claims.types import ArticleClaims
from corroborate.errors import StoreError
from corroborate.records import Article, Dateline, PubDate, ReuseLink, Span, Story
from corroborate.stories.state import StoryState

__all__ = ["APPLICATION_ID", "AddResult", "Sighting", "SourceRecord", "Store"]

Migration = Callable[[sqlite3.Connection], None]
_MIGRATIONS: list[Migration] = []


def migration(function: Migration) -> Migration:
    """Register the next schema migration; version N is the N-th registered."""
    _MIGRATIONS.append(function)
    return function


@migration
def _articles_and_sightings(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,           -- content hash of the normalised text
            text TEXT NOT NULL,
            title TEXT,
            title_from TEXT,               -- "metadata", "headline line", "feed", "field"
            byline TEXT,
            outlet TEXT,
            outlet_from TEXT,
            url TEXT,
            published TEXT,                -- ISO 8601; '--10-24' when the year is unknown
            published_from TEXT,
            dateline_place TEXT,
            dateline_region TEXT,
            dateline_agency TEXT,
            dateline_date TEXT,
            dateline_end INTEGER,          -- the dateline is text[0:dateline_end]
            credits TEXT NOT NULL DEFAULT '[]',
            language TEXT,
            source TEXT NOT NULL,          -- where it was first read
            added_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE sightings (          -- every place the same text was read
            article_id TEXT NOT NULL REFERENCES articles(id),
            source TEXT NOT NULL,
            url TEXT,
            outlet TEXT,
            title TEXT,
            published TEXT,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (article_id, source)
        )"""
    )
    db.execute("CREATE INDEX sightings_by_source ON sightings(source)")
    db.execute(
        """CREATE TABLE sources (            -- every source ingested, and how reading it went
            source TEXT PRIMARY KEY,
            articles INTEGER NOT NULL,     -- articles read from it in its last ingest
            errors INTEGER NOT NULL,
            warnings INTEGER NOT NULL,
            first_problem TEXT,            -- the first error (else warning) message
            read_at TEXT NOT NULL
        )"""
    )


@migration
def _reuse(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE reuse_sketches (      -- piece signatures, so a store grows incrementally
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            algorithm TEXT NOT NULL,       -- signatures of another algorithm are recomputed
            pieces INTEGER NOT NULL,
            signatures BLOB NOT NULL       -- uint32, pieces x permutations, little-endian
        )"""
    )
    db.execute(
        """CREATE TABLE reuse_links (
            source_id TEXT NOT NULL REFERENCES articles(id),
            copy_id TEXT NOT NULL REFERENCES articles(id),
            kind TEXT NOT NULL,
            coverage_source REAL NOT NULL,
            coverage_copy REAL NOT NULL,
            directed INTEGER NOT NULL,
            passages TEXT NOT NULL,        -- JSON [[source start, end, copy start, end], ...]
            evidence TEXT NOT NULL,        -- JSON list of sentences
            PRIMARY KEY (source_id, copy_id)
        )"""
    )


@migration
def _stories(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY,           -- the id of the story's first article
            seq INTEGER NOT NULL,          -- order of creation
            title TEXT NOT NULL,
            key_entities TEXT NOT NULL,    -- JSON list of names, most central first
            first_day INTEGER,             -- publication days (proleptic ordinals) of
            last_day INTEGER,              -- its dated articles
            centroid TEXT NOT NULL,        -- JSON {term: weight}, for later runs
            names TEXT NOT NULL            -- JSON {name term: surface form}
        )"""
    )
    db.execute(
        """CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            story_id TEXT NOT NULL REFERENCES stories(id)
        )"""
    )
    db.execute("CREATE INDEX story_articles_by_story ON story_articles(story_id)")
    db.execute(
        """CREATE TABLE term_frequencies (   -- articles holding each term, for TF-IDF
            term TEXT PRIMARY KEY,
            articles INTEGER NOT NULL
        )"""
    )


@migration
def _stage_versions(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE stage_versions (     -- how each stage's stored results were made
            stage TEXT PRIMARY KEY,
            version TEXT NOT NULL          -- algorithm and settings; another one redoes them
        )"""
    )


@migration
def _claims(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE claim_runs (         -- articles the claims stage has read, and how
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            version TEXT NOT NULL          -- another version reads the article again
        )"""
    )
    db.execute(
        """CREATE TABLE claims (
            id TEXT PRIMARY KEY,           -- "<article id>:c<n>", n in text order
            article_id TEXT NOT NULL REFERENCES articles(id),
            position INTEGER NOT NULL,     -- where the content starts in the article text
            kind TEXT NOT NULL,
            speaker TEXT,                  -- the resolved speaker's name, for search
            content TEXT NOT NULL,         -- the content's text, for search
            record TEXT NOT NULL           -- JSON (corroborate.claims.serial)
        )"""
    )
    db.execute("CREATE INDEX claims_by_article ON claims(article_id, position)")
    db.execute(
        """CREATE TABLE entities (
            id TEXT PRIMARY KEY,           -- "<article id>:e<n>"
            article_id TEXT NOT NULL REFERENCES articles(id),
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            record TEXT NOT NULL           -- JSON (corroborate.claims.serial)
        )"""
    )
    db.execute("CREATE INDEX entities_by_article ON entities(article_id)")


@migration
def _search(db: sqlite3.Connection) -> None:
    # Full-text search over each article's title, text, speakers and outlets (the web
    # app's search box). The FTS row id is the article's rowid, so hits join cheaply.
    db.execute(
        "CREATE VIRTUAL TABLE search USING fts5("
        "title, text, speakers, outlets, tokenize = 'unicode61 remove_diacritics 2')"
    )
    db.execute(
        """CREATE TABLE search_rows (         -- articles indexed, and with which claims run
            article_rowid INTEGER PRIMARY KEY,
            claims_version TEXT            -- NULL: indexed before its claims were read
        )"""
    )
    # The article page looks up the links of one article on either side.
    db.execute("CREATE INDEX reuse_links_by_copy ON reuse_links(copy_id)")


@migration
def _search_by_article_id(db: sqlite3.Connection) -> None:
    # The first index was keyed on the articles' hidden rowids, which VACUUM may renumber;
    # rebuilt keyed on article ids, and remembering how many sightings each article had,
    # so an outlet that reprints a held text becomes searchable.
    db.execute("DROP TABLE search")
    db.execute("DROP TABLE search_rows")
    db.execute(
        "CREATE VIRTUAL TABLE search USING fts5(article_id UNINDEXED, "
        "title, text, speakers, outlets, tokenize = 'unicode61 remove_diacritics 2')"
    )
    db.execute(
        """CREATE TABLE search_rows (         -- articles indexed, and from what
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            search_rowid INTEGER NOT NULL,   -- its row in the index, to replace it
            claims_version TEXT,             -- NULL: indexed before its claims were read
            sightings INTEGER NOT NULL       -- the sightings its outlets came from
        )"""
    )


SCHEMA_VERSION = len(_MIGRATIONS)
# SQLite's application_id for corroborate stores ("Corr"), so that a database of another
# program is never taken for one and written into.
APPLICATION_ID = 0x436F7272


@dataclass(frozen=True)
class AddResult:
    new: int  # articles not in the store before
    sightings: int  # new places a known or new text was read


@dataclass(frozen=True)
class SourceRecord:
    """How reading one source went, in its last ingest."""

    source: str
    articles: int
    errors: int
    warnings: int
    first_problem: str | None = None
    read_at: str = ""


@dataclass(frozen=True)
class Sighting:
    article_id: str
    source: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    seen_at: str


class Store:
    """``Store(path)`` for a file, ``Store(memory=True)`` for tests and one-off reports."""

    def __init__(
        self, path: str | Path | None = None, *, memory: bool = False, wait_s: float = 5.0
    ) -> None:
        """``wait_s``: how long a write waits for another process's write to finish."""
        if (path is None) == (not memory):
            raise StoreError(
                "give a path or memory=True (not both): Store('news.db') or Store(memory=True)"
            )
        target = ":memory:" if memory else str(path)
        if path is not None:
            parent = Path(path).parent
            if not parent.is_dir():
                raise StoreError(f"{path}: folder {parent} does not exist")
        self._name = target
        try:
            self._db = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
            self._db.execute(f"PRAGMA busy_timeout={int(wait_s * 1000)}")
            self._check_application()
            self._db.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL syncs at checkpoints, not every commit: a power cut may lose
            # the last commits but never leaves a half-written one.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except StoreError:
            self._db.close()
            raise
        except sqlite3.OperationalError as exc:
            raise StoreError(_operational_message(target, exc)) from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{target}: not a corroborate store ({exc})") from exc
        self.path = None if memory else Path(path)  # type: ignore[arg-type]

    # -- lifecycle -------------------------------------------------------------------
    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes inside commit together or not at all."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(_operational_message(self._name, exc)) from exc
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._db.execute("ROLLBACK")
            raise StoreError(_operational_message(self._name, exc)) from exc

    def _check_application(self) -> None:
        """Refuse a database that belongs to another program."""
        application = self._db.execute("PRAGMA application_id").fetchone()[0]
        if application == APPLICATION_ID:
            return
        tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if application != 0 or tables:
            raise StoreError(
                f"{self._name}: not a corroborate store (it holds another program's data); "
                "give a new file for --db"
            )
        self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"store schema {version} is newer than this corroborate knows ({SCHEMA_VERSION}); "
                "upgrade corroborate"
            )
        for number in range(version, SCHEMA_VERSION):
            with self.transaction() as db:
                _MIGRATIONS[number](db)
                db.execute(f"PRAGMA user_version = {number + 1}")

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def integrity_ok(self) -> bool:
        return bool(self._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok")

    def problems(self) -> list[str]:
        """What is inconsistent in the store (empty when all is well): SQLite's own
        integrity check, and articles and sightings that lack each other."""
        found = [] if self.integrity_ok() else ["SQLite integrity check failed"]
        orphans = self._db.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM sightings s WHERE s.article_id = a.id)"
        ).fetchone()[0]
        if orphans:
            found.append(f"{orphans} articles without a sighting")
        dangling = self._db.execute(
            "SELECT count(*) FROM sightings s WHERE NOT EXISTS "
            "(SELECT 1 FROM articles a WHERE a.id = s.article_id)"
        ).fetchone()[0]
        if dangling:
            found.append(f"{dangling} sightings of no article")
        return found

    # -- articles --------------------------------------------------------------------
    def add_articles(
        self, articles: Iterable[Article], sources: Iterable[SourceRecord] = ()
    ) -> AddResult:
        """Add articles, and how reading their sources went, in one transaction. A text
        already held only gains a sighting."""
        new = sightings = 0
        now = _now()
        with self.transaction() as db:
            for record in sources:
                db.execute(
                    "INSERT OR REPLACE INTO sources VALUES (?,?,?,?,?,?)",
                    (record.source, record.articles, record.errors, record.warnings,
                     record.first_problem, now),
                )  # fmt: skip
            for article in articles:
                inserted = db.execute(
                    "INSERT OR IGNORE INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    _article_row(article, now),
                ).rowcount
                new += inserted
                sightings += db.execute(
                    "INSERT OR IGNORE INTO sightings VALUES (?,?,?,?,?,?,?)",
                    (
                        article.id,
                        article.source,
                        article.url,
                        article.outlet,
                        article.title,
                        article.published.iso() if article.published else None,
                        now,
                    ),
                ).rowcount
        return AddResult(new, sightings)

    def add_article(self, article: Article) -> bool:
        """Add one article; True when its text was new."""
        return self.add_articles([article]).new == 1

    def article(self, article_id: str) -> Article | None:
        row = self._db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article_from_row(row) if row else None

    def articles_by_id(self, article_ids: Iterable[str]) -> list[Article]:
        """The articles with these ids that the store holds, in the order given."""
        ids = list(article_ids)
        rows = self._db.execute(
            "SELECT * FROM articles WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        )
        found = {row[0]: _article_from_row(row) for row in rows}
        return [found[i] for i in ids if i in found]

    @property
    def connection(self) -> sqlite3.Connection:
        """For read queries of modules that keep their own tables here (search)."""
        return self._db

    def articles(self) -> Iterator[Article]:
        """Every article, in the order first ingested."""
        for row in self._db.execute("SELECT * FROM articles ORDER BY rowid"):
            yield _article_from_row(row)

    def articles_without_story(self) -> list[Article]:
        """The articles the story stage has not placed yet, in the order first ingested:
        a run with nothing new reads no article text."""
        query = (
            "SELECT * FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles) "
            "ORDER BY rowid"
        )
        return [_article_from_row(row) for row in self._db.execute(query)]

    def articles_without_claims(self, version: str) -> list[Article]:
        """Articles the claims stage has not read with ``version``, in ingest order."""
        query = (
            "SELECT * FROM articles WHERE id NOT IN "
            "(SELECT article_id FROM claim_runs WHERE version = ?) ORDER BY rowid"
        )
        return [_article_from_row(row) for row in self._db.execute(query, (version,))]

    def save_claims(self, results: Iterable[ArticleClaims], version: str) -> None:
        """Each article's claims and entities, replacing what an earlier run stored."""
        with self.transaction() as db:
            for result in results:
                article = result.article_id
                db.execute("DELETE FROM claims WHERE article_id = ?", (article,))
                db.execute("DELETE FROM entities WHERE article_id = ?", (article,))
                names = {entity.id: entity.name for entity in result.entities}
                text_row = db.execute("SELECT text FROM articles WHERE id = ?", (article,))
                text = str(text_row.fetchone()[0])
                db.executemany(
                    "INSERT INTO entities VALUES (?,?,?,?,?)",
                    [(e.id, article, e.name, e.kind, json.dumps(entity_to_dict(e)))
                     for e in result.entities],
                )  # fmt: skip
                db.executemany(
                    "INSERT INTO claims VALUES (?,?,?,?,?,?,?)",
                    [(c.id, article, c.content.start, c.kind, names.get(c.speaker_id or ""),
                      c.content.of(text), json.dumps(claim_to_dict(c)))
                     for c in result.claims],
                )  # fmt: skip
                db.execute("INSERT OR REPLACE INTO claim_runs VALUES (?,?)", (article, version))

    def article_claims(self, article_ids: Iterable[str] | None = None) -> dict[str, ArticleClaims]:
        """Stored claims and entities per article (all read articles when no ids given)."""
        if article_ids is None:
            ids = [row[0] for row in self._db.execute("SELECT article_id FROM claim_runs")]
        else:
            ids = list(article_ids)
        found: dict[str, ArticleClaims] = {}
        for article in ids:
            claims = tuple(
                claim_from_dict(json.loads(row[0]))
                for row in self._db.execute(
                    "SELECT record FROM claims WHERE article_id = ? ORDER BY position, rowid",
                    (article,),
                )
            )
            entities = tuple(
                entity_from_dict(json.loads(row[0]))
                for row in self._db.execute(
                    "SELECT record FROM entities WHERE article_id = ? ORDER BY rowid", (article,)
                )
            )
            read = self._db.execute(
                "SELECT 1 FROM claim_runs WHERE article_id = ?", (article,)
            ).fetchone()
            if read:
                found[article] = ArticleClaims(article, claims, entities)
        return found

    def source_records(self) -> list[SourceRecord]:
        """Every source ingested, in the order first read."""
        return [
            SourceRecord(*row) for row in self._db.execute("SELECT * FROM sources ORDER BY rowid")
        ]

    # -- reuse -----------------------------------------------------------------------
    def reuse_signatures(self, algorithm: str, width: int) -> dict[str, np.ndarray]:
        """Stored piece signatures made by ``algorithm`` (``width`` values a piece), in
        the order the articles were first ingested."""
        rows = self._db.execute(
            "SELECT r.article_id, r.pieces, r.signatures FROM reuse_sketches r "
            "JOIN articles a ON a.id = r.article_id WHERE r.algorithm = ? ORDER BY a.rowid",
            (algorithm,),
        )
        return {
            str(aid): np.frombuffer(blob, dtype="<u4").reshape(int(pieces), width)
            for aid, pieces, blob in rows
        }

    def count_reuse_checked(self, algorithm: str) -> int:
        """How many articles the reuse stage has checked with ``algorithm``."""
        query = "SELECT count(*) FROM reuse_sketches WHERE algorithm = ?"
        return int(self._db.execute(query, (algorithm,)).fetchone()[0])

    def reuse_checked(self, article_ids: Iterable[str], algorithm: str) -> int:
        """How many of these articles the reuse stage has checked with ``algorithm``."""
        query = (
            "SELECT count(*) FROM reuse_sketches WHERE algorithm = ? "
            "AND article_id IN (SELECT value FROM json_each(?))"
        )
        args = (algorithm, json.dumps(list(article_ids)))
        return int(self._db.execute(query, args).fetchone()[0])

    def claims_read(self, article_ids: Iterable[str], version: str) -> int:
        """How many of these articles the claims stage has read with ``version``."""
        query = (
            "SELECT count(*) FROM claim_runs WHERE version = ? "
            "AND article_id IN (SELECT value FROM json_each(?))"
        )
        args = (version, json.dumps(list(article_ids)))
        return int(self._db.execute(query, args).fetchone()[0])

    def reuse_links(self, touching: Iterable[str] | None = None) -> list[ReuseLink]:
        """Every link, or those with an end among the articles ``touching``."""
        query = "SELECT * FROM reuse_links"
        args: tuple[str, ...] = ()
        if touching is not None:
            ids = json.dumps(list(touching))
            query += (
                " WHERE source_id IN (SELECT value FROM json_each(?))"
                " OR copy_id IN (SELECT value FROM json_each(?))"
            )
            args = (ids, ids)
        links = []
        for row in self._db.execute(query + " ORDER BY rowid", args):
            source, copy, kind, cov_s, cov_c, directed, passages, evidence = row
            links.append(
                ReuseLink(
                    source_id=source,
                    copy_id=copy,
                    kind=kind,
                    coverage_source=cov_s,
                    coverage_copy=cov_c,
                    passages=tuple(
                        (Span(source, s0, s1), Span(copy, c0, c1))
                        for s0, s1, c0, c1 in json.loads(passages)
                    ),
                    evidence=tuple(json.loads(evidence)),
                    directed=bool(directed),
                )
            )
        return links

    def add_reuse(
        self, algorithm: str, signatures: dict[str, np.ndarray], links: Iterable[ReuseLink]
    ) -> None:
        """Signatures of newly checked articles and the links found for them, together."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO reuse_sketches VALUES (?,?,?,?)",
                [
                    (aid, algorithm, len(rows), rows.astype("<u4").tobytes())
                    for aid, rows in signatures.items()
                ],
            )
            db.executemany(
                "INSERT OR REPLACE INTO reuse_links VALUES (?,?,?,?,?,?,?,?)",
                [_link_row(link) for link in links],
            )

    # -- stories ---------------------------------------------------------------------
    def story_states(self) -> tuple[list[StoryState], dict[str, int], int]:
        """Every story as the clusterer keeps it (in order of creation), the document
        frequency of every term, and how many articles were counted: read in one
        transaction, so they agree with each other."""
        self._db.execute("BEGIN")
        try:
            states = self._read_story_states()
            counts = dict(self._db.execute("SELECT term, articles FROM term_frequencies"))
            counted = self._db.execute("SELECT count(*) FROM story_articles").fetchone()[0]
        finally:
            self._db.execute("COMMIT")
        return states, counts, int(counted)

    def stage_version(self, stage: str) -> str | None:
        row = self._db.execute(
            "SELECT version FROM stage_versions WHERE stage = ?", (stage,)
        ).fetchone()
        return str(row[0]) if row else None

    def reset_stories(self, version: str) -> None:
        """Forget every story (they were made another way), keeping the articles."""
        with self.transaction() as db:
            db.execute("DELETE FROM story_articles")
            db.execute("DELETE FROM stories")
            db.execute("DELETE FROM term_frequencies")
            db.execute("INSERT OR REPLACE INTO stage_versions VALUES ('stories', ?)", (version,))

    def term_frequencies(self) -> tuple[dict[str, int], int]:
        """Document frequency of every term, and how many articles were counted."""
        _, counts, counted = self.story_states()
        return counts, counted

    def _read_story_states(self) -> list[StoryState]:
        states = []
        for row in self._db.execute("SELECT * FROM stories ORDER BY seq"):
            sid, seq, title, entities, first, last, centroid, names = row
            states.append(
                StoryState(
                    sid, seq, [], json.loads(centroid), first, last, json.loads(names),
                    title, json.loads(entities),
                )
            )  # fmt: skip
        by_id = {state.id: state for state in states}
        query = (
            "SELECT s.article_id, s.story_id FROM story_articles s "
            "JOIN articles a ON a.id = s.article_id ORDER BY a.rowid"
        )
        for article_id, story_id in self._db.execute(query):
            by_id[story_id].members.append(article_id)
        # A story left with no article (never written so, but a store is a file anyone
        # can edit) is no story: skipping it keeps the clusterer from dividing by zero.
        return [state for state in states if state.members]

    def save_stories(
        self,
        changed: Iterable[StoryState],
        removed: Iterable[str],
        placed: dict[str, str],
        frequencies: dict[str, int],
        placed_before: int,
        version: str,
    ) -> None:
        """Stories created or changed, those merged away, the articles placed or moved
        (article -> story), and the term frequencies of the articles placed, together.
        ``placed_before`` is how many articles the caller knows to be placed already:
        another run that placed articles meanwhile would be overwritten, so that is
        refused (the write lock is held from the check to the commit). ``version`` says
        how the stories were made (see :meth:`stage_version`)."""
        with self.transaction() as db:
            now = db.execute("SELECT count(*) FROM story_articles").fetchone()[0]
            if now != placed_before:
                raise StoreError(
                    f"{self._name}: another run placed articles in stories meanwhile; "
                    "run again (it goes on from what is stored)"
                )
            for state in changed:
                db.execute(
                    "INSERT OR REPLACE INTO stories VALUES (?,?,?,?,?,?,?,?)",
                    (state.id, state.seq, state.title, json.dumps(state.key_entities),
                     state.first_day, state.last_day, json.dumps(state.centroid),
                     json.dumps(state.names)),
                )  # fmt: skip
            db.executemany("INSERT OR REPLACE INTO story_articles VALUES (?,?)", placed.items())
            db.execute("INSERT OR REPLACE INTO stage_versions VALUES ('stories', ?)", (version,))
            # After the members moved to the stories they were merged into.
            db.executemany("DELETE FROM stories WHERE id = ?", [(sid,) for sid in removed])
            db.executemany(
                "INSERT OR REPLACE INTO term_frequencies VALUES (?,?)", frequencies.items()
            )

    def story(self, story_id: str) -> Story | None:
        """One story, or None when there is no story of that id."""
        row = self._db.execute(
            "SELECT id, title, key_entities, first_day, last_day FROM stories WHERE id = ?",
            (story_id,),
        ).fetchone()
        if row is None:
            return None
        members = self._db.execute(
            "SELECT a.id, a.outlet FROM story_articles s JOIN articles a ON a.id = s.article_id "
            "WHERE s.story_id = ? ORDER BY a.rowid",
            (story_id,),
        ).fetchall()
        return Story(
            id=row[0],
            article_ids=tuple(aid for aid, _ in members),
            title=row[1],
            first_published=_day_date(row[3]),
            last_published=_day_date(row[4]),
            key_entities=tuple(json.loads(row[2])),
            outlets=tuple(dict.fromkeys(outlet for _, outlet in members if outlet)),
        )

    def story_of(self, article_id: str) -> str | None:
        """The id of the story an article was placed in, or None."""
        row = self._db.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        return str(row[0]) if row else None

    def stories(self) -> list[Story]:
        """Every story, newest first (by its last dated article, then by creation)."""
        outlets: dict[str, list[str]] = {}
        members: dict[str, list[str]] = {}
        query = (
            "SELECT s.story_id, a.id, a.outlet FROM story_articles s "
            "JOIN articles a ON a.id = s.article_id ORDER BY a.rowid"
        )
        for story_id, article_id, outlet in self._db.execute(query):
            members.setdefault(story_id, []).append(article_id)
            if outlet and outlet not in outlets.setdefault(story_id, []):
                outlets[story_id].append(outlet)
        rows = self._db.execute(
            "SELECT id, title, key_entities, first_day, last_day FROM stories "
            "ORDER BY last_day IS NULL, last_day DESC, seq DESC"
        )
        return [
            Story(
                id=sid,
                article_ids=tuple(members.get(sid, ())),
                title=title,
                first_published=_day_date(first),
                last_published=_day_date(last),
                key_entities=tuple(json.loads(entities)),
                outlets=tuple(outlets.get(sid, ())),
            )
            for sid, title, entities, first, last in rows
            if sid in members
        ]

    def count_articles(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def sightings(
        self, article_id: str | None = None, *, of: Iterable[str] | None = None
    ) -> list[Sighting]:
        """Every sighting, one article's, or those ``of`` several articles."""
        query = "SELECT * FROM sightings"
        args: tuple[str, ...] = ()
        if article_id is not None:
            query, args = query + " WHERE article_id = ?", (article_id,)
        elif of is not None:
            query += " WHERE article_id IN (SELECT value FROM json_each(?))"
            args = (json.dumps(list(of)),)
        return [Sighting(*row) for row in self._db.execute(query + " ORDER BY rowid", args)]


def _link_row(link: ReuseLink) -> tuple[object, ...]:
    passages = [[s.start, s.end, c.start, c.end] for s, c in link.passages]
    return (
        link.source_id, link.copy_id, link.kind, link.coverage_source, link.coverage_copy,
        int(link.directed), json.dumps(passages), json.dumps(list(link.evidence)),
    )  # fmt: skip


def _day_date(day: int | None) -> PubDate | None:
    if day is None:
        return None
    moment = date.fromordinal(day)
    return PubDate(moment.year, moment.month, moment.day, source="articles")


def _operational_message(target: str, exc: sqlite3.OperationalError) -> str:
    if "locked" in str(exc) or "busy" in str(exc):
        return f"{target}: the store is locked by another corroborate run; wait for it or use another --db"
    return f"{target}: cannot use the store ({exc})"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _article_row(a: Article, now: str) -> tuple[object, ...]:
    d = a.dateline
    return (
        a.id, a.text, a.title, a.title_from, a.byline, a.outlet, a.outlet_from, a.url,
        a.published.iso() if a.published else None,
        a.published.source if a.published else None,
        d.place if d else None, d.region if d else None, d.agency if d else None,
        d.date.iso() if d and d.date else None, d.span.end if d else None,
        json.dumps(list(a.credits)), a.language, a.source, now,
    )  # fmt: skip


def _article_from_row(row: tuple[object, ...]) -> Article:
    (aid, text, title, title_from, byline, outlet, outlet_from, url, published, published_from,
     place, region, agency, dl_date, dl_end, credits, language, source, _added) = row  # fmt: skip
    article_id = str(aid)
    dateline = None
    if dl_end is not None:
        dateline = Dateline(
            _opt(place), _opt(region), _opt(agency),
            PubDate.parse_iso(str(dl_date), "dateline") if dl_date else None,
            Span(article_id, 0, int(str(dl_end))),
        )  # fmt: skip
    return Article(
        id=article_id,
        text=str(text),
        title=_opt(title),
        title_from=_opt(title_from),
        byline=_opt(byline),
        outlet=_opt(outlet),
        outlet_from=_opt(outlet_from),
        url=_opt(url),
        published=PubDate.parse_iso(str(published), str(published_from or ""))
        if published
        else None,
        dateline=dateline,
        credits=tuple(json.loads(str(credits))),
        language=_opt(language),
        source=str(source),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)

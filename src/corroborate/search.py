"""Full-text search over the store (SQLite FTS5) and the filtered, newest-first list of
stories the web app browses.

Each article is indexed with its title, text, the speakers its claims name and the
outlets it was seen at. The index is brought up to date by :func:`update_search`, the
last step of :func:`corroborate.pipeline.analyse`: an article is indexed when it
arrives, and again when its claims are first read (or read again by a new version) and
when another outlet reprints it, so a search for a speaker finds the articles that
quote them and a search for an outlet finds what it reprinted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from corroborate.records import Story
from corroborate.store import Store

__all__ = ["StoryPage", "fts_query", "outlet_counts", "search_stories", "update_search"]

# Articles indexed per transaction: a killed run keeps what it finished.
BATCH = 500
_WORD = re.compile(r"\w+")


def update_search(store: Store) -> int:
    """Index the articles that are new, whose claims changed or that were seen at
    another outlet since; returns how many."""
    db = store.connection
    stale = db.execute(
        "SELECT a.id, r.version, s.search_rowid, "
        "(SELECT count(*) FROM sightings g WHERE g.article_id = a.id) FROM articles a "
        "LEFT JOIN search_rows s ON s.article_id = a.id "
        "LEFT JOIN claim_runs r ON r.article_id = a.id "
        "WHERE s.article_id IS NULL OR s.claims_version IS NOT r.version "
        "OR s.sightings != (SELECT count(*) FROM sightings g WHERE g.article_id = a.id) "
        "ORDER BY a.rowid"
    ).fetchall()
    for start in range(0, len(stale), BATCH):
        with store.transaction() as tx:
            for article_id, version, old_row, sightings in stale[start : start + BATCH]:
                title, text, outlet = tx.execute(
                    "SELECT title, text, outlet FROM articles WHERE id = ?", (article_id,)
                ).fetchone()
                speakers = [
                    row[0]
                    for row in tx.execute(
                        "SELECT DISTINCT speaker FROM claims "
                        "WHERE article_id = ? AND speaker IS NOT NULL",
                        (article_id,),
                    )
                ]
                seen_at = tx.execute(
                    "SELECT outlet FROM sightings WHERE article_id = ?", (article_id,)
                )
                outlets = dict.fromkeys([outlet] + [row[0] for row in seen_at])
                if old_row is not None:
                    tx.execute("DELETE FROM search WHERE rowid = ?", (old_row,))
                row = tx.execute(
                    "INSERT INTO search (article_id, title, text, speakers, outlets) "
                    "VALUES (?,?,?,?,?)",
                    (article_id, title or "", text, "\n".join(speakers),
                     "\n".join(o for o in outlets if o)),
                ).lastrowid  # fmt: skip
                tx.execute(
                    "INSERT OR REPLACE INTO search_rows VALUES (?,?,?,?)",
                    (article_id, row, version, sightings),
                )
    return len(stale)


def fts_query(text: str) -> str | None:
    """The user's words as an FTS5 query: every word must occur, the last one as a prefix
    (so "zelensk" finds "Zelenskyy" while typing). Operators and quotes the user typed
    are taken as words, so no input can make a malformed query. None when no word."""
    words = _WORD.findall(text)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


@dataclass(frozen=True)
class StoryPage:
    stories: list[Story]
    total: int  # stories matching, on every page


def search_stories(
    store: Store,
    text: str = "",
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 25,
    offset: int = 0,
) -> StoryPage:
    """Stories newest first, keeping those with an article matching ``text``, seen at
    ``outlet``, or with a dated article between ``since`` and ``until`` (inclusive)."""
    where: list[str] = []
    args: list[object] = []
    query = fts_query(text)
    if query is not None:
        where.append(
            "s.id IN (SELECT sa.story_id FROM search "
            "JOIN story_articles sa ON sa.article_id = search.article_id WHERE search MATCH ?)"
        )
        args.append(query)
    elif text.strip():
        return StoryPage([], 0)  # only punctuation: nothing can match
    if outlet:
        where.append(
            "s.id IN (SELECT sa.story_id FROM story_articles sa JOIN sightings g "
            "ON g.article_id = sa.article_id WHERE g.outlet = ? "
            "UNION SELECT sa.story_id FROM story_articles sa JOIN articles a "
            "ON a.id = sa.article_id WHERE a.outlet = ?)"
        )
        args += [outlet, outlet]
    if since is not None:
        where.append("s.last_day >= ?")
        args.append(since.toordinal())
    if until is not None:
        where.append("s.first_day <= ?")
        args.append(until.toordinal())
    # A story whose articles all moved into another one has no members left.
    where.append("EXISTS (SELECT 1 FROM story_articles m WHERE m.story_id = s.id)")
    condition = " WHERE " + " AND ".join(where)
    db = store.connection
    total = int(db.execute(f"SELECT count(*) FROM stories s{condition}", args).fetchone()[0])
    ids = [
        row[0]
        for row in db.execute(
            f"SELECT s.id FROM stories s{condition} "
            "ORDER BY s.last_day IS NULL, s.last_day DESC, s.seq DESC LIMIT ? OFFSET ?",
            [*args, limit, offset],
        )
    ]
    stories = [story for story in map(store.story, ids) if story is not None]
    return StoryPage(stories, total)


def outlet_counts(store: Store) -> Sequence[tuple[str, int]]:
    """Every outlet with the number of articles seen there, most first (for a filter)."""
    rows = store.connection.execute(
        "SELECT outlet, count(DISTINCT article_id) FROM sightings WHERE outlet IS NOT NULL "
        "GROUP BY outlet ORDER BY 2 DESC, 1"
    )
    return [(str(name), int(count)) for name, count in rows]

"""Full-text search over the store (SQLite FTS5) and the filtered, newest-first list of
stories the web app browses.

Each article is indexed with its title, text, the speakers its claims name and the
outlets it was seen at. The index is brought up to date by :func:`update_search`, the
last step of :func:`corroborate.pipeline.analyse`: an article is indexed once when it
arrives and again when its claims are first read (or read again by a new version), so
a search for a speaker finds the articles that quote them.
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
    """Index the articles that are new or whose claims changed; returns how many."""
    db = store.connection
    stale = db.execute(
        "SELECT a.rowid, a.id, r.version FROM articles a "
        "LEFT JOIN search_rows s ON s.article_rowid = a.rowid "
        "LEFT JOIN claim_runs r ON r.article_id = a.id "
        "WHERE s.article_rowid IS NULL OR s.claims_version IS NOT r.version "
        "ORDER BY a.rowid"
    ).fetchall()
    for start in range(0, len(stale), BATCH):
        with store.transaction() as tx:
            for rowid, article_id, version in stale[start : start + BATCH]:
                title, text, outlet = tx.execute(
                    "SELECT title, text, outlet FROM articles WHERE rowid = ?", (rowid,)
                ).fetchone()
                speakers = [
                    row[0]
                    for row in tx.execute(
                        "SELECT DISTINCT speaker FROM claims "
                        "WHERE article_id = ? AND speaker IS NOT NULL",
                        (article_id,),
                    )
                ]
                outlets = dict.fromkeys(
                    [outlet]
                    + [
                        row[0]
                        for row in tx.execute(
                            "SELECT outlet FROM sightings WHERE article_id = ?", (article_id,)
                        )
                    ]
                )
                tx.execute("DELETE FROM search WHERE rowid = ?", (rowid,))
                tx.execute(
                    "INSERT INTO search (rowid, title, text, speakers, outlets) VALUES (?,?,?,?,?)",
                    (rowid, title or "", text, "\n".join(speakers),
                     "\n".join(o for o in outlets if o)),
                )  # fmt: skip
                tx.execute("INSERT OR REPLACE INTO search_rows VALUES (?,?)", (rowid, version))
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
            "s.id IN (SELECT sa.story_id FROM search JOIN articles a ON a.rowid = search.rowid "
            "JOIN story_articles sa ON sa.article_id = a.id WHERE search MATCH ?)"
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

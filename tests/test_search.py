"""Full-text search and the filtered story list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from corroborate import Store
from corroborate.ingest import Upload, ingest_sources
from corroborate.pipeline import analyse
from corroborate.search import fts_query, search_stories, update_search

MILL = (
    "Mill fire in Dornbeck\n\n"
    " date 2031-03-02 A fire destroyed the old grain mill in Dornbeck on Sunday, fire chief "
    "Arvid Maelstrand said. About 30 firefighters fought the blaze.\n"
)
VOTE = (
    "Recount ordered in Salvik\n\n"
    " date 2031-04-10 Election officials in Salvik ordered a recount of 2,000 ballots on "
    "Thursday, registrar Odile Fenwright told reporters.\n"
)


def test_fts_query_takes_every_word_and_a_prefix() -> None:
    assert fts_query("Arvid maelstr") == '"Arvid" "maelstr"*'
    assert fts_query('fire" OR (x') == '"fire" "OR" "x"*'
    assert fts_query("  ...  ") is None


def test_search_finds_titles_text_speakers_and_outlets(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        ingest_sources([Upload("mill.txt", MILL.encode())], store, outlet="Dornbeck Courier")
        ingest_sources([Upload("vote.txt", VOTE.encode())], store, outlet="Salvik Echo")
        analyse(store)

        def titles(**filters: object) -> list[str]:
            return [s.title for s in search_stories(store, **filters).stories]  # type: ignore[arg-type]

        assert titles() == ["Recount ordered in Salvik", "Mill fire in Dornbeck"]
        assert titles(text="grain") == ["Mill fire in Dornbeck"]
        assert titles(text="Fenwright") == ["Recount ordered in Salvik"]  # a speaker
        assert titles(text="dornbeck courier") == ["Mill fire in Dornbeck"]  # an outlet
        assert titles(text="firefight") == ["Mill fire in Dornbeck"]  # prefix of the last word
        assert titles(text="grain recount") == []  # every word must match
        assert titles(outlet="Salvik Echo") == ["Recount ordered in Salvik"]
        assert titles(since=date(2031, 4, 1)) == ["Recount ordered in Salvik"]
        assert titles(until=date(2031, 3, 31)) == ["Mill fire in Dornbeck"]
        assert titles(text="?!") == []
        page = search_stories(store, limit=1, offset=1)
        assert page.total == 2 and [s.title for s in page.stories] == ["Mill fire in Dornbeck"]
        # Nothing changed: nothing to index again.
        assert update_search(store) == 0


def test_an_article_is_indexed_again_when_its_claims_arrive(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        ingest_sources([Upload("mill.txt", MILL.encode())], store)
        assert update_search(store) == 1  # before the claims stage: text only
        assert search_stories(store, text="Maelstrand").total == 0  # no story yet
        analyse(store)  # stories, claims, then the index again with speakers
        assert search_stories(store, text="Maelstrand").total == 1
        rows = store.connection.execute("SELECT claims_version FROM search_rows").fetchall()
        assert rows and rows[0][0] is not None


def test_a_reprint_makes_its_outlet_searchable(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        ingest_sources([Upload("mill.txt", MILL.encode())], store, outlet="Dornbeck Courier")
        analyse(store)
        assert search_stories(store, text="Valley Herald").total == 0
        # The same text read again, from another outlet: a sighting, not a new article.
        ingest_sources([Upload("reprint.txt", MILL.encode())], store, outlet="Valley Herald")
        assert update_search(store) == 1
        assert search_stories(store, text="Valley Herald").total == 1

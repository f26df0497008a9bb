"""The web app's parts on their own: the cached reader, the article segments, the add
request's sources."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from corroborate import Settings, Store
from corroborate.ingest import Upload, ingest_sources
from corroborate.records import Span
from corroborate.web.app import create_app, lay_out_newest
from corroborate.web.highlight import segments
from corroborate.web.jobs import MAX_WAITING, Busy, Jobs
from corroborate.web.reader import IDLE_CONNECTIONS, StoreReader
from corroborate.web.sources import AddError, collect_sources, upload_name

NOTE = (
    "Quay closed in Ardmoor\n\n"
    " date 2031-06-01 The north quay in Ardmoor was closed on Sunday, port officer Brede "
    "Halvorsen said.\n"
)


def test_cached_story_is_rebuilt_after_another_connection_commits(
    tmp_path: Path, example_db: Path
) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(example_db, db)
    reader = StoreReader(db, Settings())
    try:
        story_id = reader.stories().stories[0].id
        first = reader.story(story_id)
        assert first is not None
        assert reader.story(story_id) is first  # cached
        count = reader.counts()["articles"]
        with Store(db) as writer:  # as `corroborate ingest` in a terminal would
            ingest_sources([Upload("quay.txt", NOTE.encode())], writer)
        assert reader.counts()["articles"] == count + 1
        again = reader.story(story_id)
        assert again is not first and again == first  # rebuilt, and the same
        assert reader.story("no-such-story") is None
        assert reader.article("no-such-article") is None
    finally:
        reader.close()


def test_article_model_links_claims_to_groups(tmp_path: Path, example_db: Path) -> None:
    reader = StoreReader(example_db, Settings())
    try:
        story = reader.stories().stories[-1]
        model = reader.story(story.id)
        assert model is not None
        group_ids = {g["id"] for g in model["corroboration"]["groups"]}
        article = reader.article(story.article_ids[0])
        assert article is not None
        assert "".join(s["text"] for s in article["segments"]) == article["text"]
        linked = [s for s in article["segments"] if s["group"]]
        assert linked and {s["group"] for s in linked} <= group_ids
    finally:
        reader.close()


def test_segments_cut_at_every_boundary_and_prefer_the_inner_claim() -> None:
    text = "Alpha said beta gamma delta. Epsilon."
    claims = {
        "outer": {"id": "outer", "group": "g1", "status": "corroborated", "kind": "reported",
                  "speaker": "Alpha", "source_text": "Alpha"},
        "inner": {"id": "inner", "group": "g2", "status": "single-source", "kind": "direct_quote",
                  "speaker": None, "source_text": "someone"},
    }  # fmt: skip
    spans = [("outer", [Span("a", 11, 27)]), ("inner", [Span("a", 16, 21)])]
    passages = [{"span": [22, 37], "other_outlet": "Other Wire"}]
    pieces = segments(text, spans, claims, passages)
    assert "".join(p["text"] for p in pieces) == text
    by_text = {p["text"]: p for p in pieces}
    assert by_text["gamma"]["claim"] == "inner" and by_text["gamma"]["quote"]
    assert by_text["beta "]["opens"] == ["outer"] and by_text["gamma"]["opens"] == ["inner"]
    assert by_text["beta "]["claim"] == "outer" and not by_text["beta "]["quote"]
    assert by_text["delta"]["reused_with"] == ["Other Wire"]
    assert by_text[". Epsilon."]["claim"] is None
    assert by_text[". Epsilon."]["reused_with"] == ["Other Wire"]


def test_sources_of_an_add() -> None:
    files = [Upload("upload a.txt", b"text"), Upload("upload empty.txt", b"")]
    sources = collect_sources(
        ["An article.", "  "], ["https://a.example/x\n\nhttp://b.example/feed"], files, 10
    )
    assert [str(s) for s in sources][1:] == [
        "https://a.example/x", "http://b.example/feed", "upload a.txt",
    ]  # fmt: skip
    assert str(sources[0]).startswith("pasted text")
    with pytest.raises(AddError, match="nothing to add"):
        collect_sources([" "], [""], [Upload("upload e.txt", b"")], 10)
    with pytest.raises(AddError, match="not an http"):
        collect_sources([], ["file:///etc/passwd"], [], 10)
    with pytest.raises(AddError, match="at most 2"):
        collect_sources(["a", "b", "c"], [], [], 2)


def test_upload_names_are_never_paths() -> None:
    assert upload_name("../../etc/passwd", 1) == "upload passwd"
    assert upload_name("C:\\Users\\me\\news.html", 1) == "upload news.html"
    assert upload_name("<script>.txt", 2) == "upload _script_.txt"
    assert upload_name("", 3) == "upload file 3"
    assert upload_name("..", 4) == "upload file 4"


def test_the_newest_stories_are_laid_out_before_anyone_asks(
    tmp_path: Path, example_db: Path
) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(example_db, db)
    app = create_app(db)
    web = app.state.web
    try:
        assert lay_out_newest(web) == 2
        for story in web.reader.stories().stories:

            def not_again() -> str:
                raise AssertionError("the page should have been ready")

            page = web.reader.page("story", story.id, not_again)
            assert page is not None and story.title.split()[0] in page
    finally:
        web.jobs.stop()
        web.reader.close()


def test_the_reader_keeps_few_connections_and_forgets_failed_builds(example_db: Path) -> None:
    reader = StoreReader(example_db, Settings())
    try:
        threads = [threading.Thread(target=reader.stories) for _ in range(30)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert reader._idle.qsize() <= IDLE_CONNECTIONS

        calls = []

        def failing() -> str:
            calls.append(1)
            raise RuntimeError("layout failed")

        for _ in range(2):
            with pytest.raises(RuntimeError):
                reader.page("story", "s1", failing)
        assert len(calls) == 2  # tried again, not stuck
        assert not reader._pages.building
    finally:
        reader.close()


def test_too_many_waiting_adds_are_refused(tmp_path: Path) -> None:
    release = threading.Event()
    Store(tmp_path / "jobs.db").close()
    jobs = Jobs(tmp_path / "jobs.db", Settings(), after=lambda job: release.wait(30) and None)
    try:
        for _ in range(MAX_WAITING):
            jobs.submit([])
        assert jobs.busy()
        with pytest.raises(Busy):
            jobs.submit([])
        release.set()
        deadline = time.monotonic() + 60
        while jobs.busy() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not jobs.busy()
        assert jobs.submit([]).id
    finally:
        release.set()
        jobs.stop()

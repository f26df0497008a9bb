"""Report v0: the same model in Markdown, JSON and HTML; article text escaped; no placeholders."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from corroborate import RawDocument, Store, make_article
from corroborate.pipeline import analyse
from corroborate.report import STAGES, build_report, render, report_for_store
from corroborate.report.model import display_title

ROOT = Path(__file__).resolve().parents[1]

HOSTILE = (
    "Council vote <script>alert(1)</script>\n\n"
    'PORTVALE, Estria (CW) — The council voted <img src=x onerror="alert(2)"> on Monday. '
    'Read more at <a href="javascript:alert(3)">here</a> | [link](javascript:alert(4)).'
)


@pytest.fixture
def hostile_store(store: Store) -> Store:
    store.add_article(make_article(RawDocument(text=HOSTILE, source="hostile.txt", plain=True)))
    return store


class _Scripts(HTMLParser):
    """Collects what a browser would run: script elements, event handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.found.append("script element")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}=javascript:")


def test_html_escapes_article_text(hostile_store: Store) -> None:
    page = render(report_for_store(hostile_store), "html")
    parser = _Scripts()
    parser.feed(page)
    assert parser.found == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "script-src" not in page and "default-src 'none'" in page  # CSP forbids scripts


def test_markdown_escapes_markup(hostile_store: Store) -> None:
    text = render(report_for_store(hostile_store), "md")
    assert "<script>" not in text and "<img" not in text
    assert "\\[link\\](javascript:alert(4))" in text  # no live link
    for line in text.splitlines():
        if line.startswith("| 1 |"):
            assert len(re.findall(r"(?<!\\)\|", line)) == 9  # the "|" in the text added no column


def test_json_has_metadata_and_stage_status(hostile_store: Store) -> None:
    model = json.loads(render(report_for_store(hostile_store), "json"))
    (article,) = model["articles"]
    assert article["title"] == "Council vote <script>alert(1)</script>"
    assert article["dateline"]["agency"] == "CW"
    assert model["input"]["articles"] == 1
    assert set(model["stages"]) == {name for name, _ in STAGES}
    assert all(stage["status"] == "not computed yet" for stage in model["stages"].values())


def test_every_format_says_stages_are_not_computed(hostile_store: Store) -> None:
    model = report_for_store(hostile_store)
    for fmt in ("md", "html"):
        text = render(model, fmt)
        for _, title in STAGES:
            assert title in text
        assert text.count("Not computed yet") == len(STAGES)


def test_empty_store_reports_cleanly(store: Store) -> None:
    model = report_for_store(store)
    assert model["input"]["articles"] == 0 and model["articles"] == []
    assert "0 articles" in render(model, "md")


def test_unknown_format_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="md, json, html"):
        render(build_report([], []), "pdf")


def test_untitled_wire_copy_gets_its_first_sentence() -> None:
    article = make_article(
        RawDocument(
            text="KELSO BAY, Estria (CW) — The U.S. envoy arrived on Monday. Talks begin today.",
            source="x.txt",
            plain=True,
        )
    )
    assert article.title is None
    assert display_title(article) == "The U.S. envoy arrived on Monday."


def test_reuse_section_escapes_shared_passages(store: Store) -> None:
    shared = (
        'The council voted <img src=x onerror="alert(5)"> on Monday to close the old market hall '
        "for repairs, and traders will move to a temporary site on the quay until the spring."
    )
    store.add_articles(
        [
            make_article(
                RawDocument(
                    text=f"{shared}\n\nWith reporting by CW", source="a.txt", outlet="Bay Daily"
                )
            ),
            make_article(
                RawDocument(text=f"KELSO BAY (CW) — {shared}", source="b.txt", plain=True)
            ),
        ]
    )
    analyse(store)
    model = report_for_store(store)
    assert model["stages"]["reuse"]["status"] == "computed"
    (link,) = model["stages"]["reuse"]["links"]
    assert link["passages"][0]["copy_text"].endswith("until the spring.")
    page = render(model, "html")
    parser = _Scripts()
    parser.feed(page)
    assert parser.found == []
    assert "Who copied whom" in render(model, "md")
    assert model["stages"]["corroboration"]["status"] == "computed"


def test_report_groups_articles_by_story(store: Store) -> None:
    from corroborate.ingest import ingest_sources
    from corroborate.settings import Settings

    ingest_sources([str(ROOT / "examples")], store, Settings())
    analyse(store)
    model = report_for_store(store)
    section = model["stages"]["stories"]
    assert section["status"] == "computed"
    assert sorted(len(s["articles"]) for s in section["stories"]) == [5, 11]
    numbered = sorted(n for s in section["stories"] for n in s["articles"])
    assert numbered == list(range(1, 17))
    # Independent outlet groups are counted within each story.
    groups = model["stages"]["reuse"]["groups"]
    assert {g["story"] for g in groups} == {1, 2}
    for group in groups:
        (story,) = [s for s in section["stories"] if s["number"] == group["story"]]
        assert set(group["articles"]) <= set(story["articles"])
    # Reuse links sit under their story: in the examples both sides are in it.
    links = model["stages"]["reuse"]["links"]
    assert [link["story"] for link in links] == sorted(link["story"] for link in links)
    for link in links:
        (story,) = [s for s in section["stories"] if s["number"] == link["story"]]
        assert {link["source"]["article"], link["copy"]["article"]} <= set(story["articles"])
    markdown = render(model, "md")
    assert "### Story 1: " in markdown and "### Story 2: " in markdown
    assert "### Story 2 · Meridian Wire → " in markdown
    page = render(model, "html")
    assert 'id="story-1"' in page and 'href="#story-2"' in page


def test_stories_section_waits_for_the_stage(store: Store) -> None:
    store.add_article(make_article(RawDocument(text=HOSTILE, source="h.txt", plain=True)))
    assert report_for_store(store)["stages"]["stories"]["status"] == "not computed yet"


def test_who_said_what_names_the_day_of_saying_once(store: Store) -> None:
    """A cue that holds its day ("said Tuesday") is not followed by the day again."""
    text = (
        " outlet Pier Post\n date 2031-05-14\nNorth pier stays shut\n\n"
        "Harbour master Ilse Varga said Tuesday the north pier would stay shut until "
        "repairs end.\n\nDivers inspected the pier's pilings on Monday afternoon.\n"
    )
    raw = RawDocument(text=text, source="pier.txt", plain=True)
    store.add_article(make_article(raw))
    analyse(store)
    model = report_for_store(store)
    for fmt in ("md", "html"):
        page = render(model, fmt)
        assert "said Tuesday = 2031-05-13" in page
        assert "Tuesday Tuesday" not in page


def test_who_said_what_says_why_a_time_is_unresolved(store: Store) -> None:
    """A time without a value shows how it was read ("now": a vague reference to the
    present), not a bare "unresolved"."""
    text = (
        " outlet Pier Post\n date 2031-05-14\nNorth pier stays shut\n\n"
        "Harbour master Ilse Varga said the north pier is now closed to all boats.\n\n"
        "Divers inspected the pier's pilings on Monday afternoon.\n"
    )
    store.add_article(make_article(RawDocument(text=text, source="pier.txt", plain=True)))
    analyse(store)
    model = report_for_store(store)
    for fmt in ("md", "html"):
        assert "now = unresolved: vague reference to the present" in render(model, fmt)

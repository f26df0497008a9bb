"""The claims stage over a store: incremental, versioned, in the report and on the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corroborate.claims import runner as claims_runner
from corroborate.claims.extract import extract_claims
from corroborate.claims.runner import update_claims
from corroborate.cli import cli
from corroborate.pipeline import analyse
from corroborate.records import Article, PubDate
from corroborate.report.model import report_for_store
from corroborate.report.render import render
from corroborate.store import Store
from corroborate.text import content_hash

# Fiction written for these tests: two reports of one landslide in an invented valley.
FIRST = (
    "A landslide buried the road to Kestrel Gap on Tuesday night, cutting off about 300 "
    "residents of the upper valley.\n\n"
    "Mayor Ivo Drummond told reporters on Wednesday that crews would need at least three "
    "days to clear the road. “We will get food up there by helicopter,” Drummond said."
)
SECOND = (
    "Kestrel Gap is cut off after a landslide blocked its only road on Tuesday night.\n\n"
    "Mayor Ivo Drummond said on Wednesday that up to 350 residents were stranded. "
    "“Nobody is in danger,” he said."
)


def article(text: str, published: PubDate | None, outlet: str) -> Article:
    return Article(id=content_hash(text), text=text, outlet=outlet, published=published)


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_articles(
        [
            article(FIRST, PubDate(2031, 4, 10, source="field"), "Valley Herald"),
            # No year: the story's other article lends it.
            article(SECOND, PubDate(None, 4, 10, source="dateline"), "Gap Radio"),
        ]
    )
    analyse(store)
    return store


def test_every_article_is_read_and_its_claims_stored(filled: Store) -> None:
    stored = filled.article_claims()
    assert len(stored) == 2
    first = next(a for a in filled.articles() if a.text == FIRST)
    assert stored[first.id] == extract_claims(first)
    speakers = {
        e.name
        for found in stored.values()
        for c in found.claims
        if (e := found.entity(c.speaker_id)) is not None
    }
    assert speakers == {"Ivo Drummond"}


def test_a_date_without_a_year_borrows_it_from_the_story(filled: Store) -> None:
    second = next(a for a in filled.articles() if a.text == SECOND)
    found = filled.article_claims([second.id])[second.id]
    stated = [c.stated.value for c in found.claims if c.stated is not None]
    assert "2031-04-09" in stated  # "said on Wednesday", published Thursday 10 April 2031


def test_a_second_run_reads_nothing_and_a_new_version_reads_again(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = filled.article_claims()
    assert update_claims(filled).articles == 0
    monkeypatch.setattr(claims_runner, "ALGORITHM", "claims-test-next")
    again = update_claims(filled)
    assert again.articles == 2 and again.claims == sum(len(f.claims) for f in before.values())
    assert filled.article_claims() == before  # replaced, not added to


def test_the_report_has_who_said_what_per_story(filled: Store) -> None:
    model = report_for_store(filled)
    section = model["stages"]["claims"]
    assert section["status"] == "computed"
    (story,) = section["stories"]
    names = [s["name"] for s in story["speakers"]]
    assert names[0] == "Ivo Drummond"
    quotes = [c["text"] for c in story["speakers"][0]["claims"] if c["kind"] == "direct_quote"]
    assert "Nobody is in danger" in quotes
    markdown = render(model, "md")
    assert "## Who said what" in markdown and "Ivo Drummond" in markdown
    html = render(model, "html")
    assert "Who said what" in html and "Nobody is in danger" in html


def test_cli_claims_lists_speakers_and_json_carries_spans(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "herald.txt").write_text(FIRST, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["claims", str(folder)])
    assert result.exit_code == 0, result.output
    assert "Ivo Drummond" in result.output and "We will get food up there" in result.output
    as_json = runner.invoke(cli, ["claims", str(folder), "--json"])
    assert as_json.exit_code == 0, as_json.output
    (story,) = json.loads(as_json.output)
    claim = story["speakers"][0]["claims"][0]
    text = FIRST
    assert text[claim["content"][0] : claim["content"][1]] == claim["text"]


def test_a_bad_source_is_one_line_and_the_rest_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "herald.txt").write_text(FIRST, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00\x00" * 4)
    result = CliRunner().invoke(cli, ["claims", str(folder)])
    assert result.exit_code == 1
    assert "Ivo Drummond" in result.output


def test_an_undated_article_dates_its_claims_from_its_story(store: Store) -> None:
    undated = (
        "The road to Kestrel Gap stays blocked after Tuesday night's landslide.\n\n"
        "Mayor Ivo Drummond said on April 9 that up to 350 residents were stranded."
    )
    store.add_articles(
        [
            article(FIRST, PubDate(2031, 4, 10, source="field"), "Valley Herald"),
            article(undated, None, "Gap Radio"),
        ]
    )
    analyse(store)
    (story,) = store.stories()
    assert len(story.article_ids) == 2
    target = next(a for a in store.articles() if a.text == undated)
    found = store.article_claims([target.id])[target.id]
    stated = [c.stated.value for c in found.claims if c.stated is not None]
    assert stated == ["2031-04-09"]

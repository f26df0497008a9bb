"""The command line, through click's CliRunner, and once as a real subprocess."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from corroborate import Store, StoreError, ingest_sources
from corroborate.cli import cli

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (
    "Bridge reopens\n\n"
    " date 2031-07-01 KELSO BAY, Estria (CW) — The old bridge reopened on Tuesday after repairs, "
    "the roads agency said.\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_every_command_has_help(runner: CliRunner) -> None:
    assert set(cli.commands) == {
        "ingest", "articles", "report", "stories", "reuse", "claims", "brief", "demo", "serve",
    }  # fmt: skip
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert "Example" in result.output


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert re.search(rf"corroborate {name}\b", readme), (
            f"README shows no example of `corroborate {name}`"
        )


def test_ingest_then_articles(runner: CliRunner, article_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    result = runner.invoke(cli, ["ingest", str(article_file), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 article read from 1 source: 1 new" in result.output
    again = runner.invoke(cli, ["ingest", str(article_file), "--db", str(db)])
    assert "0 new, 1 already held; 1 in" in again.output
    listing = runner.invoke(cli, ["articles", "--db", str(db), "--json"])
    assert listing.exit_code == 0
    (row,) = [json.loads(line) for line in listing.output.splitlines()]
    assert (row["title"], row["outlet"], row["published"], row["dateline"]["place"]) == (
        "Bridge reopens",
        "CW",
        "2031-07-01",
        "Kelso Bay",
    )
    table = runner.invoke(cli, ["articles", "--db", str(db)])
    assert "Bridge reopens" in table.output and "1 article" in table.output


def test_ingest_exit_status_is_1_when_a_source_fails(
    runner: CliRunner, article_file: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(
        cli, ["ingest", str(article_file), str(empty), "--db", str(tmp_path / "n.db")]
    )
    assert result.exit_code == 1
    assert f"error: {empty}: empty file" in result.output
    assert "1 article read" in result.output  # the good one still went in


def test_report_from_sources_in_every_format(
    runner: CliRunner, article_file: Path, tmp_path: Path
) -> None:
    md = runner.invoke(cli, ["report", str(article_file)])
    assert md.exit_code == 0 and "# corroborate report" in md.output
    out = tmp_path / "r.html"
    html = runner.invoke(cli, ["report", str(article_file), "-o", str(out)])
    assert html.exit_code == 0 and out.read_text().startswith("<!doctype html>")
    js = runner.invoke(cli, ["report", str(article_file), "--format", "json"])
    assert json.loads(js.output)["articles"][0]["title"] == "Bridge reopens"


def test_report_from_store(runner: CliRunner, article_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    runner.invoke(cli, ["ingest", str(article_file), "--db", str(db)])
    result = runner.invoke(cli, ["report", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["input"]["articles"] == 1


def test_report_needs_sources_or_db(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["report"])
    assert result.exit_code == 2 and "give SOURCES" in result.output


def test_bad_settings_file_is_one_clean_line(runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[ingest]\nmax_byte = 3\n")
    result = runner.invoke(cli, ["--config", str(config), "articles", "--db", str(config)])
    assert result.exit_code == 1
    assert "unknown setting 'max_byte'. Did you mean 'max_bytes'?" in result.output
    assert "Traceback" not in result.output


def test_field_option_maps_jsonl_fields(runner: CliRunner, tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_text(
        json.dumps({"body": "The museum reopened on Sunday.", "site": "Bay Daily"}) + "\n"
    )
    result = runner.invoke(
        cli,
        ["report", str(dump), "--field", "text=body", "--field", "outlet=site", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["articles"][0]["outlet"] == "Bay Daily"
    bad = runner.invoke(cli, ["report", str(dump), "--field", "colour=x"])
    assert bad.exit_code == 2 and "unknown field 'colour'" in bad.output


def test_python_dash_m_runs(article_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "corroborate", "report", str(article_file), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["input"]["articles"] == 1


def test_report_on_a_missing_store_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["report", "--db", str(tmp_path / "typo.db")])
    assert result.exit_code == 1 and "no such store" in result.output
    assert not (tmp_path / "typo.db").exists()


def test_report_output_suffix_picks_the_format(
    runner: CliRunner, article_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "brief.htm"
    assert runner.invoke(cli, ["report", str(article_file), "-o", str(out)]).exit_code == 0
    assert out.read_text().startswith("<!doctype html>")
    unknown = runner.invoke(cli, ["report", str(article_file), "-o", str(tmp_path / "brief.pdf")])
    assert unknown.exit_code == 2 and "--format" in unknown.output
    missing = runner.invoke(cli, ["report", str(article_file), "-o", str(tmp_path / "no" / "r.md")])
    assert (
        missing.exit_code == 1
        and "does not exist" in missing.output
        and "Traceback" not in missing.output
    )


def test_error_lines_keep_brackets(runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[ingest]\nbatch_size = 0\n")
    result = runner.invoke(cli, ["--config", str(config), "articles", "--db", str(config)])
    assert result.exit_code == 1
    assert "ingest.batch_size must be at least 1" in result.output


def test_locked_store_is_one_clean_error(article_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    with Store(db) as store:
        ingest_sources([str(article_file)], store)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process is writing
    try:
        with Store(db, wait_s=0.1) as store, pytest.raises(StoreError, match="locked by another"):
            ingest_sources([str(article_file)], store, outlet="Other")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_reuse_command_prints_the_graph_and_json(runner: CliRunner, tmp_path: Path) -> None:
    wire = tmp_path / "wire.txt"
    wire.write_text(
        " outlet Coastal Wire\n date 2031-07-01 KELSO BAY, Estria (CW) — The old bridge reopened on "
        "Tuesday after repairs that took eight months, the roads agency said. Traffic was light in "
        "the first hours, and buses returned to their usual routes by the evening rush.\n",
        encoding="utf-8",
    )
    paper = tmp_path / "paper.txt"
    paper.write_text(
        " outlet Bay Daily\nShopkeepers near the bridge said they hoped customers would come back.\n\n"
        "The old bridge reopened on Tuesday after repairs that took eight months, the roads agency "
        "said. Traffic was light in the first hours, and buses returned to their usual routes by "
        "the evening rush.\n\nWith reporting by CW\n",
        encoding="utf-8",
    )
    text = runner.invoke(cli, ["reuse", str(wire), str(paper), "--passages"])
    assert text.exit_code == 0, text.output
    assert "Coastal Wire -> Bay Daily: wire copy" in text.output
    assert "evidence: Bay Daily credits CW" in text.output
    as_json = runner.invoke(cli, ["reuse", str(wire), str(paper), "--json"])
    (link,) = json.loads(as_json.output)["links"]
    start, end = link["copy_span"] if "copy_span" in link else link["passages"][0]["copy_span"]
    assert link["passages"][0]["copy_text"].startswith("The old bridge reopened")
    assert end > start


def test_stories_command_lists_the_example_stories(runner: CliRunner) -> None:
    text = runner.invoke(cli, ["stories", str(ROOT / "examples")])
    assert text.exit_code == 0, text.output
    assert text.output.startswith("2 stories among 16 articles")
    # Newest first: the depot fire of 2031-05-17 before the plant fire of 2031-05-13.
    assert text.output.index("Millbank") < text.output.index("Halvard")
    as_json = runner.invoke(cli, ["stories", str(ROOT / "examples"), "--json"])
    stories = json.loads(as_json.output)
    assert [len(s["articles"]) for s in stories] == [5, 11]
    first = stories[0]
    assert first["first_published"] == "2031-05-17" and first["key_entities"]
    assert all(a["source"] and a["id"] for a in first["articles"])


def test_stories_command_on_a_store_grows_with_it(
    runner: CliRunner, article_file: Path, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    assert runner.invoke(cli, ["ingest", str(article_file), "--db", str(db)]).exit_code == 0
    once = runner.invoke(cli, ["stories", "--db", str(db)])
    assert once.exit_code == 0 and once.output.startswith("1 story among 1 article")
    other = tmp_path / "other.txt"
    other.write_text(
        "Orchestra tour\n\n date 2031-09-20 The Vale Philharmonic announced a winter tour of "
        "nine cities, its conductor said on Friday.\n",
        encoding="utf-8",
    )
    assert runner.invoke(cli, ["ingest", str(other), "--db", str(db)]).exit_code == 0
    twice = runner.invoke(cli, ["stories", "--db", str(db)])
    assert twice.output.startswith("2 stories among 2 articles"), twice.output
    assert twice.output.index("Orchestra tour") < twice.output.index("Bridge reopens")


def test_stories_on_a_missing_store_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["stories", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no such store" in result.output

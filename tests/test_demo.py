"""`corroborate demo` end to end: the example corpus in, a report in every format out."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from corroborate.cli import cli
from corroborate.demo import example_corpus, run_demo


def test_demo_writes_every_report(tmp_path: Path) -> None:
    result = run_demo(tmp_path / "out")
    assert result.ingest.ok and result.ingest.articles >= 12
    assert set(result.reports) == {"html", "md", "json"}
    model = json.loads(result.reports["json"].read_text(encoding="utf-8"))
    assert model["input"]["articles"] == result.ingest.articles
    assert result.reports["html"].read_text(encoding="utf-8").startswith("<!doctype html>")


def test_demo_is_repeatable(tmp_path: Path) -> None:
    first = run_demo(tmp_path)
    second = run_demo(tmp_path)  # a fresh store each time: same articles, nothing doubled
    assert first.ingest.articles == second.ingest.new == second.ingest.articles


def test_demo_command_prints_where_the_report_is(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"report (html): {(out / 'report.html').resolve()}" in result.output


def test_example_corpus_is_found() -> None:
    assert (example_corpus() / "gold.json").is_file()

"""``corroborate demo``."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console

from corroborate.cli.common import Context, fail, print_problems
from corroborate.demo import run_demo
from corroborate.errors import CorroborateError
from corroborate.report.terminal import print_brief

__all__ = ["demo_cli"]


@click.command("demo")
@click.option(
    "--out",
    "out_dir",
    default="demo-output",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for the store and the reports.",
)
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False),
    help="Corpus folder (default: the bundled example corpus).",
)
@click.pass_obj
def demo_cli(obj: Context, out_dir: str, corpus: str | None) -> None:
    """Ingest the bundled example corpus, write its report in every format and print
    its brief.

    \b
    Example:
      corroborate demo --out demo-output
    """
    try:
        result = run_demo(Path(out_dir), obj.settings, Path(corpus) if corpus else None)
    except CorroborateError as exc:
        fail(str(exc))
    print_problems(result.ingest)
    click.echo(
        f"{result.ingest.articles} articles from {result.ingest.sources} sources -> {result.store_path}"
    )
    # The JSON report is the report model itself: the brief is printed from it, so that
    # what the terminal shows is what the files say.
    model = json.loads(result.reports["json"].read_text(encoding="utf-8"))
    print_brief(model, Console(highlight=False))
    for fmt, path in result.reports.items():
        click.echo(f"report ({fmt}): {path.resolve()}")
    if not result.ingest.ok:
        fail("some example files could not be read")

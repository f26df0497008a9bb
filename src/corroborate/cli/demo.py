"""``corroborate demo``."""

from __future__ import annotations

from pathlib import Path

import click

from corroborate.cli.common import Context, fail, print_problems
from corroborate.demo import run_demo
from corroborate.errors import CorroborateError

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
    """Ingest the bundled example corpus and write its report in every format.

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
    for fmt, path in result.reports.items():
        click.echo(f"report ({fmt}): {path.resolve()}")
    if not result.ingest.ok:
        fail("some example files could not be read")

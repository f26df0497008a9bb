"""``corroborate report``."""

from __future__ import annotations

from pathlib import Path

import click

from corroborate.cli.common import Context, fail, ingest_with_progress, settings_option_values
from corroborate.cli.ingest import source_options
from corroborate.errors import CorroborateError
from corroborate.report import REPORT_FORMATS, render, report_for_store
from corroborate.store import Store

__all__ = ["report_cli"]


@click.command("report")
@click.argument("sources", nargs=-1)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    help="Report on this store (with SOURCES: ingest them into it first).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of standard output."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    help="Output format (default: from -o's suffix, else md).",
)
@source_options
@click.pass_obj
def report_cli(
    obj: Context, sources: tuple[str, ...], db_path: str | None, output: str | None, fmt: str | None,
    fields: tuple[str, ...], outlet: str | None, allow_private: bool,
) -> None:  # fmt: skip
    """Report on SOURCES (read into memory) or on the store --db.

    \b
    Examples:
      corroborate report examples/ -o report.html
      corroborate report --db news.db --format json
    """
    if not sources and not db_path:
        raise click.UsageError("give SOURCES to read, or --db PATH of a store")
    fmt = fmt or (
        Path(output).suffix.lstrip(".")
        if output and Path(output).suffix.lstrip(".") in REPORT_FORMATS
        else "md"
    )
    settings = settings_option_values(obj.settings, fields, allow_private)
    ok = True
    try:
        with Store(db_path) if db_path else Store(memory=True) as store:
            if sources:
                ok = ingest_with_progress(sources, store, settings, outlet).ok
            text = render(report_for_store(store, settings.report), fmt)
    except CorroborateError as exc:
        fail(str(exc))
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"report written to {output}", err=True)
    else:
        click.echo(text, nl=False)
    if not ok:
        fail("some sources could not be read; the report covers the others")

"""``corroborate report``."""

from __future__ import annotations

from pathlib import Path

import click

from corroborate.cli.common import (
    Context,
    analysed_model,
    apply_cli_overrides,
    fail,
)
from corroborate.cli.ingest import source_options
from corroborate.report import REPORT_FORMATS, render
from corroborate.report.render import format_for_path

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
    if fmt is None and output:
        fmt = format_for_path(output)
        if fmt is None:
            raise click.UsageError(
                f"cannot tell the format of {output!r}: give --format md|json|html"
            )
    fmt = fmt or "md"
    if output and not Path(output).resolve().parent.is_dir():
        fail(f"{output}: folder {Path(output).parent} does not exist")
    settings = apply_cli_overrides(obj.settings, fields, allow_private)
    model, ok = analysed_model(sources, db_path, settings, outlet)
    text = render(model, fmt)
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"{output}: cannot write the report ({exc.strerror or exc})")
        click.echo(f"report written to {output}", err=True)
    else:
        click.echo(text, nl=False)
    if not ok:
        fail("some sources could not be read; the report covers the others")

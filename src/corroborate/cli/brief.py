"""``corroborate brief``."""

from __future__ import annotations

import click
from rich.console import Console

from corroborate.cli.common import (
    Context,
    analysed_model,
    apply_cli_overrides,
    fail,
)
from corroborate.cli.ingest import source_options
from corroborate.report.terminal import print_brief

__all__ = ["brief_cli"]


@click.command("brief")
@click.argument("sources", nargs=-1)
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Work on this store.")
@source_options
@click.pass_obj
def brief_cli(
    obj: Context, sources: tuple[str, ...], db_path: str | None,
    fields: tuple[str, ...], outlet: str | None, allow_private: bool,
) -> None:  # fmt: skip
    """The brief of each story among SOURCES (or the store --db): the statements that
    independent sources corroborate, each citing the articles it rests on, then the
    conflicts between reports, updated figures and quotes worded differently.

    \b
    Examples:
      corroborate brief examples/
      corroborate brief --db news.db
    """
    settings = apply_cli_overrides(obj.settings, fields, allow_private)
    model, ok = analysed_model(sources, db_path, settings, outlet)
    # Made here, not at import: it must write to the stdout of this call (click's test
    # runner swaps it), and highlighting would colour numbers in article text at random.
    print_brief(model, Console(highlight=False))
    if not ok:
        fail("some sources could not be read; the brief covers the others")

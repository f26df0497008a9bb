"""``corroborate ingest``."""

from __future__ import annotations

import click

from corroborate.cli.common import Context, apply_cli_overrides, fail, ingest_with_progress, plural
from corroborate.errors import CorroborateError
from corroborate.store import Store

__all__ = ["ingest_cli", "source_options"]


def source_options(function: click.decorators.FC) -> click.decorators.FC:
    """Options for reading sources, shared by ``ingest`` and ``report``."""
    function = click.option(
        "--field", "fields", multiple=True, metavar="NAME=FIELD",
        help="Field of JSONL/CSV records holding NAME (text, title, url, outlet, published).",
    )(function)  # fmt: skip
    function = click.option(
        "--outlet", help="Outlet of every article read (wins over page metadata)."
    )(function)
    function = click.option(
        "--allow-private",
        is_flag=True,
        help="Allow fetching URLs on private and loopback addresses.",
    )(function)
    return function


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="The store (SQLite file).",
)
@source_options
@click.pass_obj
def ingest_cli(
    obj: Context,
    sources: tuple[str, ...],
    db_path: str,
    fields: tuple[str, ...],
    outlet: str | None,
    allow_private: bool,
) -> None:
    """Read SOURCES into the store: files, folders, URLs, RSS/Atom feeds, JSONL, CSV, WARC.

    \b
    Example:
      corroborate ingest examples/ https://example.org/news.rss --db news.db
    """
    settings = apply_cli_overrides(obj.settings, fields, allow_private)
    try:
        with Store(db_path) as store:
            result = ingest_with_progress(sources, store, settings, outlet)
            total = store.count_articles()
    except CorroborateError as exc:
        fail(str(exc))
    click.echo(
        f"{plural(result.articles, 'article')} read from {plural(result.sources, 'source')}: {result.new} new, "
        f"{result.articles - result.new} already held; {total} in {db_path}"
    )
    if not result.ok:
        fail(f"{plural(len(result.errors), 'problem')}; every other source was ingested")

"""``corroborate articles``."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from corroborate.cli.common import Context, fail
from corroborate.errors import CorroborateError
from corroborate.report.model import display_title
from corroborate.store import Store

__all__ = ["articles_cli"]


@click.command("articles")
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="The store.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article, one per line.")
@click.pass_obj
def articles_cli(obj: Context, db_path: str, as_json: bool) -> None:
    """List the articles in the store with their metadata.

    \b
    Example:
      corroborate articles --db news.db
    """
    try:
        with Store(db_path) as store:
            articles = list(store.articles())
    except CorroborateError as exc:
        fail(str(exc))
    if as_json:
        for a in articles:
            click.echo(json.dumps({
                "id": a.id, "title": display_title(a), "outlet": a.outlet, "url": a.url,
                "published": a.published.iso() if a.published else None,
                "published_partial": bool(a.published and a.published.is_partial),
                "dateline": a.dateline.place if a.dateline else None,
                "credits": list(a.credits), "language": a.language, "source": a.source,
            }, ensure_ascii=False))  # fmt: skip
        return
    table = Table("#", "id", "title", "outlet", "published", "dateline", "credits", box=None)
    for number, a in enumerate(articles, 1):
        published = "?"
        if a.published:
            published = a.published.iso()[:10] + (" (partial)" if a.published.is_partial else "")
        dateline = (a.dateline.place or "") if a.dateline else ""
        table.add_row(
            str(number), a.id[:10], display_title(a, 60), a.outlet or "?", published, dateline,
            ", ".join(a.credits),
        )  # fmt: skip
    console = Console(highlight=False, markup=False)
    if not console.is_terminal:  # piped: wide enough that titles stay on one line
        console = Console(highlight=False, markup=False, width=160)
    if articles:
        console.print(table)
    else:
        click.echo("The store holds no articles.")
    click.echo(f"{len(articles)} articles")

"""``corroborate articles``."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from corroborate.cli.common import Context, fail, plural
from corroborate.errors import CorroborateError
from corroborate.report import report_for_store
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
            entries = report_for_store(store, obj.settings.report)["articles"]
    except CorroborateError as exc:
        fail(str(exc))
    if as_json:
        for entry in entries:
            click.echo(json.dumps(entry, ensure_ascii=False))
        return
    table = Table("#", "id", "title", "outlet", "published", "dateline", "credits", box=None)
    for entry in entries:
        published = (entry["published"] or "?")[:10]
        if entry["published_partial"]:
            published += " (partial)"
        dateline = entry["dateline"]["place"] or "" if entry["dateline"] else ""
        outlets = dict.fromkeys(s["outlet"] or "?" for s in entry["sightings"])
        table.add_row(
            str(entry["number"]), entry["id"][:10], entry["title"], ", ".join(outlets),
            published, dateline, ", ".join(entry["credits"]),
        )  # fmt: skip
    console = Console(highlight=False, markup=False)
    if not console.is_terminal:  # piped: wide enough that titles stay on one line
        console = Console(highlight=False, markup=False, width=160)
    if entries:
        console.print(table)
    else:
        click.echo("The store holds no articles.")
    click.echo(plural(len(entries), "article"))

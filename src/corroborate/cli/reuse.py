"""``corroborate reuse``."""

from __future__ import annotations

import json

import click

from corroborate.cli.common import (
    Context,
    analysed_model,
    apply_cli_overrides,
    fail,
    plural,
)
from corroborate.cli.ingest import source_options

__all__ = ["reuse_cli"]


@click.command("reuse")
@click.argument("sources", nargs=-1)
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Work on this store.")
@click.option("--passages", is_flag=True, help="Show the shared passages side by side.")
@click.option(
    "--json", "as_json", is_flag=True, help="Links, passages (with spans) and groups as JSON."
)
@source_options
@click.pass_obj
def reuse_cli(
    obj: Context, sources: tuple[str, ...], db_path: str | None, passages: bool, as_json: bool,
    fields: tuple[str, ...], outlet: str | None, allow_private: bool,
) -> None:  # fmt: skip
    """Who copied whom: the reuse links among SOURCES (or the store --db), with the
    shared passages, the evidence for each direction, and the independent outlet groups.

    \b
    Examples:
      corroborate reuse examples/
      corroborate reuse --db news.db --passages
    """
    settings = apply_cli_overrides(obj.settings, fields, allow_private)
    model, ok = analysed_model(sources, db_path, settings, outlet)
    section = model["stages"]["reuse"]
    if as_json:
        click.echo(json.dumps(section, indent=2, ensure_ascii=False))
    else:
        click.echo(_graph(section, model["articles"], passages))
    if not ok:
        fail("some sources could not be read; the links cover the others")


def _graph(section: dict, articles: list[dict], passages: bool) -> str:  # type: ignore[type-arg]
    source_of = {a["number"]: a["sightings"][0]["source"] for a in articles}
    lines = [
        f"Who copied whom: {plural(len(section['links']), 'link')} among {plural(len(articles), 'article')}"
    ]
    for link in section["links"]:
        arrow = "->" if link["directed"] else "<->"
        src, cpy = link["source"], link["copy"]
        lines.append(
            f"\n  {src['outlet']} {arrow} {cpy['outlet']}: {link['kind_name']}, "
            f"{link['coverage_source']:.0%} / {link['coverage_copy']:.0%} shared in "
            f"{plural(len(link['passages']), 'passage')}"
        )
        lines.append(f"    [{src['article']}] {source_of[src['article']]}")
        lines.append(f"    [{cpy['article']}] {source_of[cpy['article']]}")
        lines.append(f"    evidence: {'; '.join(link['evidence'])}")
        if passages:
            for p in link["passages"]:
                lines.append(f"      < {_one_line(p['source_text'])}")
                lines.append(f"      > {_one_line(p['copy_text'])}")
    for exact in section["exact_copies"]:
        lines.append(
            f"\n  same text at {', '.join(exact['outlets'])}: [{exact['article']}] {exact['title']}"
        )
    lines.append(f"\nIndependent outlet groups: {len(section['groups'])}")
    for number, group in enumerate(section["groups"], 1):
        lines.append(
            f"  {number}. {', '.join(group['outlets'])} (articles {', '.join(map(str, group['articles']))})"
        )
    return "\n".join(lines)


def _one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"

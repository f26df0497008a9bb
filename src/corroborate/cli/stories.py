"""``corroborate stories``."""

from __future__ import annotations

import json
from typing import Any

import click

from corroborate.cli.common import (
    Context,
    analysed_model,
    apply_cli_overrides,
    fail,
    plural,
)
from corroborate.cli.ingest import source_options

__all__ = ["stories_cli"]


@click.command("stories")
@click.argument("sources", nargs=-1)
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Work on this store.")
@click.option("--json", "as_json", is_flag=True, help="The stories and their articles as JSON.")
@source_options
@click.pass_obj
def stories_cli(
    obj: Context, sources: tuple[str, ...], db_path: str | None, as_json: bool,
    fields: tuple[str, ...], outlet: str | None, allow_private: bool,
) -> None:  # fmt: skip
    """The stories among SOURCES (or the store --db): articles grouped by the event
    they report, newest story first, each with its articles, dates, outlets and key
    names.

    \b
    Examples:
      corroborate stories examples/
      corroborate stories --db news.db --json
    """
    settings = apply_cli_overrides(obj.settings, fields, allow_private)
    model, ok = analysed_model(sources, db_path, settings, outlet)
    section = model["stages"]["stories"]
    if as_json:
        articles = {a["number"]: a for a in model["articles"]}
        stories = section.get("stories", [])
        for story in stories:
            story["articles"] = [_article_summary(articles[n]) for n in story["articles"]]
        click.echo(json.dumps(stories, indent=2, ensure_ascii=False))
    else:
        click.echo(_listing(section, model["articles"]))
    if not ok:
        fail("some sources could not be read; the stories cover the others")


def _article_summary(entry: dict[str, Any]) -> dict[str, Any]:
    keys = ("number", "id", "title", "outlet", "published", "url")
    return {key: entry[key] for key in keys} | {"source": entry["sightings"][0]["source"]}


def _listing(section: dict[str, Any], articles: list[dict[str, Any]]) -> str:
    stories = section.get("stories", [])
    lines = [f"{plural(len(stories), 'story')} among {plural(len(articles), 'article')}"]
    for story in stories:
        span = story["first_published"] or "undated"
        if story["last_published"] and story["last_published"] != story["first_published"]:
            span += f" .. {story['last_published']}"
        lines.append(f"\n{story['number']}. {story['title']}")
        lines.append(
            f"   {plural(len(story['articles']), 'article')}, "
            f"{plural(len(story['outlets']), 'outlet')}, {span}"
        )
        if story["key_entities"]:
            lines.append(f"   key names: {', '.join(story['key_entities'])}")
        for number in story["articles"]:
            article = articles[number - 1]
            published = article["published"] or "undated"
            outlet = article["outlet"] or "unknown outlet"
            lines.append(f"   [{number}] {outlet}, {published}: {article['title']}")
    return "\n".join(lines)

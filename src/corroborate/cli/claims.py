"""``corroborate claims``."""

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

__all__ = ["claims_cli"]


@click.command("claims")
@click.argument("sources", nargs=-1)
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Work on this store.")
@click.option("--outlet-claims", is_flag=True, help="Also list what the outlets say themselves.")
@click.option(
    "--json", "as_json", is_flag=True, help="Every claim, with its spans, per story, as JSON."
)
@source_options
@click.pass_obj
def claims_cli(
    obj: Context, sources: tuple[str, ...], db_path: str | None, outlet_claims: bool,
    as_json: bool, fields: tuple[str, ...], outlet: str | None, allow_private: bool,
) -> None:  # fmt: skip
    """Who said what among SOURCES (or the store --db): story by story, each speaker
    (resolved to a full name and role where the article says who it is) with what each
    article says they said: quotes, reported speech, "according to", relayed chains,
    with quantities, dates, denials and hedges.

    \b
    Examples:
      corroborate claims examples/
      corroborate claims --db news.db --json
    """
    settings = apply_cli_overrides(obj.settings, fields, allow_private)
    model, ok = analysed_model(sources, db_path, settings, outlet)
    section = model["stages"]["claims"]
    if as_json:
        click.echo(json.dumps(section.get("stories", []), indent=2, ensure_ascii=False))
    else:
        click.echo(_listing(section, outlet_claims))
    if not ok:
        fail("some sources could not be read; the claims cover the others")


def _listing(section: dict[str, Any], outlet_claims: bool) -> str:
    stories = section.get("stories", [])
    if not stories:
        return "no claims: no articles"
    lines: list[str] = []
    for story in stories:
        lines.append(f"Story {story['story']}: {story['title']}")
        lines.append(
            f"  {plural(len(story['speakers']), 'speaker')}, "
            f"{plural(story['attributed_claims'], 'attributed claim')}, "
            f"{plural(len(story['outlet_claims']), 'claim')} of the outlets themselves"
        )
        for speaker in story["speakers"]:
            name = speaker["name"]
            if speaker["roles"]:
                name += f" ({'; '.join(speaker['roles'])})"
            if not speaker["resolved"]:
                name += " [unresolved source]"
            lines.append(f"\n  {name}")
            lines.extend(_claim_line(c) for c in speaker["claims"])
        if outlet_claims and story["outlet_claims"]:
            lines.append("\n  The outlets themselves")
            lines.extend(_claim_line(c) for c in story["outlet_claims"])
        lines.append("")
    return "\n".join(lines).rstrip()


def _claim_line(claim: dict[str, Any]) -> str:
    text = " ".join(claim["text"].split())
    shown = f"“{text}”" if claim["kind"] == "direct_quote" else text
    notes = [claim["kind"].replace("_", " ")]
    if claim["stated"]:
        stated = claim["stated"]
        notes.append(f"said {stated['text']} = {stated['value'] or 'unresolved'}")
    if claim["relayed_by"]:
        notes.append("relayed by " + ", ".join(claim["relayed_by"]))
    if claim["polarity"] == "denied":
        notes.append("denied")
    if claim["hedged"]:
        notes.append("hedged")
    for quantity in claim["quantities"]:
        notes.append(quantity["text"] + (f" ({quantity['unit']})" if quantity["unit"] else ""))
    for time in claim["times"]:
        notes.append(f"{time['text']} = {time['value'] or 'unresolved'}")
    outlet = claim["outlet"] or "unknown outlet"
    return f"    - {shown}\n      [{claim['article']}] {outlet}; {'; '.join(notes)}"

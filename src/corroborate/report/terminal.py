"""The Corroboration section in a terminal, with rich: per story the support counts, the
brief with its citations, the conflicts side by side, the updates and the quote variants
with their word diffs.

Article text only ever goes into ``Text`` objects, never into markup strings, so an
article's "[bold]" prints as it stands. Word diffs carry git's ``[-left out-]{+put in+}``
marks as well as colour, so they still show where the output has no colour (a pipe, a
file).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from corroborate.report.render import plural

__all__ = ["print_brief"]

_STATUS_STYLES = {
    "corroborated": "green",
    "conflicting": "yellow",
    "denied": "red",
    "single-source": "dim",
}


def print_brief(report: Mapping[str, Any], console: Console) -> None:
    """Print the report model's Corroboration section, story by story."""
    section = report["stages"].get("corroboration", {})
    if section.get("status") != "computed":
        console.print(Text(f"Corroboration not computed yet: {section.get('why', 'no stage')}."))
        return
    if not section["stories"]:
        console.print(Text("No stories: no articles."))
    for story in section["stories"]:
        _print_story(story, console)


def _print_story(story: Mapping[str, Any], console: Console) -> None:
    console.rule(Text(f"Story {story['story']}: {story['title']}", style="bold"))
    console.print(_counts(story))
    console.print(Text("\nBrief", style="bold underline"))
    console.print(_brief(story))
    if story["conflicts"]:
        console.print(Text(f"\nConflicts ({len(story['conflicts'])})", style="bold underline"))
        console.print(_conflicts(story["conflicts"]))
    if story["updates"]:
        console.print(Text(f"\nUpdates ({len(story['updates'])})", style="bold underline"))
        console.print(_updates(story["updates"]))
    if story["quote_variants"]:
        heading = f"\nQuote variants ({len(story['quote_variants'])})"
        console.print(Text(heading, style="bold underline"))
        console.print(Text("Against the first wording: [-left out-] {+put in+}.", style="dim"))
        for variant in story["quote_variants"]:
            console.print(_variants(variant))
    console.print(_outlet_groups(story["outlet_groups"]))
    console.print()


def _counts(story: Mapping[str, Any]) -> Text:
    c = story["counts"]
    text = Text(f"{plural(c['claims'], 'claim')} in {plural(c['groups'], 'statement')}: ")
    parts = [
        (f"{c['corroborated']} corroborated", "green"),
        (f"{c['single_source']} single-source", "dim"),
        (f"{c['conflicting']} conflicting", "yellow"),
        (f"{c['denied']} denied", "red"),
    ]
    for n, (words, style) in enumerate(parts):
        text.append(words, style=style)
        text.append(", " if n < len(parts) - 1 else "")
    text.append(f" · {plural(c['updates'], 'update')}")
    text.append(f" · {plural(len(story['outlet_groups']), 'independent outlet group')}")
    return text


def _citation(cite: Mapping[str, Any]) -> str:
    return f"[{cite['article']}] {cite['outlet'] or 'unknown outlet'}"


def _brief(story: Mapping[str, Any]) -> Table | Text:
    if not story["brief"]:
        return Text("No statement is carried by two articles or more.")
    groups = {g["id"]: g for g in story["groups"]}
    # A grid, so that a long sentence wraps under itself, not under its number.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style="bold")
    grid.add_column(ratio=1)
    for n, entry in enumerate(story["brief"], 1):
        grid.add_row(f"{n}.", _brief_entry(entry, groups.get(entry["group"])))
    return grid


def _brief_entry(entry: Mapping[str, Any], group: Mapping[str, Any] | None) -> Text:
    marks = " ".join(f"[{c['article']}]" for c in entry["citations"])
    text = Text.assemble(entry["text"], " ", (marks, "cyan"))
    status = entry["status"]
    text.append(f"\n{status}", style=_STATUS_STYLES.get(status, ""))
    if group is not None:
        text.append(
            f" · {plural(len(group['articles']), 'article')}"
            f" · {plural(len(group['outlets']), 'outlet')}"
            f" · {plural(group['independent_outlet_groups'], 'independent outlet group')}"
            f" · {plural(group['independent_origins'], 'independent origin')}",
            style="dim",
        )
    for cite in entry["citations"]:
        text.append(f"\n{_citation(cite)}: ", style="cyan")
        text.append(f"“{cite['text']}”", style="dim")
    return text


def _side(label: str, claims: Sequence[Mapping[str, Any]]) -> Text:
    text = Text.assemble((label, "bold"))
    for claim in claims:
        text.append(f"\n“{claim['text']}” ")
        text.append(_citation(claim), style="cyan")
    return text


def _conflicts(conflicts: Sequence[Mapping[str, Any]]) -> Table:
    width = max(2, *(len(c["sides"]) for c in conflicts))
    table = Table(show_lines=True, expand=True)
    table.add_column("Kind", ratio=1)
    for n in range(width):
        table.add_column(f"Side {chr(ord('A') + n) if n < 26 else n + 1}", ratio=2)
    for conflict in conflicts:
        sides = [_side(s["label"], s["claims"]) for s in conflict["sides"]]
        sides += [Text("")] * (width - len(sides))
        table.add_row(Text.assemble((conflict["kind"], "bold"), "\n", conflict["note"]), *sides)
    return table


def _dated(cite: Mapping[str, Any]) -> Text:
    return _side(cite["published"] or "undated", [cite])


def _updates(updates: Sequence[Mapping[str, Any]]) -> Table:
    table = Table(show_lines=True, expand=True)
    table.add_column("Kind", ratio=1)
    table.add_column("Earlier", ratio=2)
    table.add_column("Later", ratio=2)
    for update in updates:
        kind = Text.assemble((update["kind"], "bold"), "\n", update["note"])
        table.add_row(kind, _dated(update["earlier"]), _dated(update["later"]))
    return table


def _diff(ops: Sequence[Mapping[str, str]]) -> Text:
    text = Text()
    for n, op in enumerate(ops):
        if n:
            text.append(" ")
        if op["op"] in ("delete", "replace"):
            text.append(f"[-{op['base']}-]", style="red strike")
        if op["op"] == "replace":
            text.append(" ")
        if op["op"] in ("insert", "replace"):
            text.append(f"{{+{op['other']}+}}", style="green bold")
        if op["op"] == "equal":
            text.append(op["other"])
    return text


def _variants(variant: Mapping[str, Any]) -> Text:
    base = variant["base"]
    text = Text.assemble(("\n" + variant["speaker"], "bold"), ", first worded by ")
    text.append(_citation(base), style="cyan")
    text.append(f": “{base['text']}”")
    for other in variant["variants"]:
        text.append(f"\n  {_citation(other)}", style="cyan")
        text.append(f" ({other['kind'].replace('_', ' ')}): ")
        text.append_text(_diff(other["diff"]) if other["diff"] else Text(other["text"]))
    return text


def _outlet_groups(groups: Sequence[Mapping[str, Any]]) -> Text:
    text = Text.assemble((f"\nIndependent outlet groups ({len(groups)})", "bold underline"))
    for n, group in enumerate(groups, 1):
        articles = ", ".join(str(a) for a in group["articles"])
        text.append(f"\n{n:>2}. {group['source']}: {', '.join(group['outlets'])}")
        text.append(f" (articles {articles})", style="dim")
    return text

"""The "who copied whom" picture of one story: its articles as boxes and their reuse
links as lines, drawn as inline SVG like the other pictures (see ``pictures``).

A reader sees at a glance where the story's text started and how it spread: original
reports stand in the first column, each copy one column right of its furthest source,
so a chain of copies reads left to right; arrows run from source to copy, dashed lines
join articles that share text without one copying the other (``shared_source``).
Articles of one independent outlet group share a fill colour, so that ten boxes in
one colour read as what they are for corroboration: one report, counted once.
Articles without any link stand alone in the first column: independent reports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from corroborate.report.pictures import _CHAR, _legend, _num, _svg, _text
from corroborate.text import shorten

__all__ = ["MAX_EDGES", "MAX_NODES", "dependence_svg"]

MAX_NODES = 60  # the earliest articles are drawn, the rest counted in a note
MAX_EDGES = 150
# Light fills for independent outlet groups of two articles or more; black text stays
# readable on each, and they repeat past the eighth group.
GROUP_FILLS = ("#cfe3f7", "#f9d9b5", "#d6ecd2", "#e6d5f2", "#f7d4dc", "#fff1b8", "#d2ece9", "#e4e0d8")  # fmt: skip
_BOX_W, _BOX_H, _COL, _ROW, _TOP, _LEFT = 150, 26, 290, 44, 50, 10
_PER_LINE = 4  # legend entries on one line
_LABEL = 22  # characters of "[n] outlet" inside a box; the rest in its <title>


def _order(article: Mapping[str, Any]) -> tuple[bool, str, int]:
    """By publication, undated last, then by number."""
    published = article.get("published")
    return (published is None, str(published or ""), int(article["number"]))


def _columns(order: Sequence[int], edges: Sequence[tuple[int, int]]) -> dict[int, int]:
    """Each article's column: 0 for a source, else one more than its furthest source.
    An edge that closes a cycle (bad data) is found by a depth-first walk and ignored
    here, so the walk and the longest-path pass both end."""
    succ: dict[int, list[int]] = {n: [] for n in order}
    for source, copy in edges:
        succ[source].append(copy)
    state: dict[int, bool] = {}  # False while on the walk's path, True once finished
    finished: list[int] = []
    kept: dict[int, list[int]] = {n: [] for n in order}

    def walk(node: int) -> None:  # depth at most MAX_NODES
        state[node] = False
        for copy in succ[node]:
            if state.get(copy) is False:
                continue  # back to a node on the path: a cycle
            kept[node].append(copy)
            if copy not in state:
                walk(copy)
        state[node] = True
        finished.append(node)

    for node in order:
        if node not in state:
            walk(node)
    column = dict.fromkeys(order, 0)
    for node in reversed(finished):  # a topological order of the kept edges
        for copy in kept[node]:
            column[copy] = max(column[copy], column[node] + 1)
    return column


def _percent(value: object) -> str:
    return f" {round(float(value) * 100)}%" if isinstance(value, int | float) else ""


def dependence_svg(
    articles: Sequence[Mapping[str, Any]],
    links: Sequence[Mapping[str, Any]],
    groups: Sequence[Mapping[str, Any]] = (),
) -> Markup:
    """One story's articles laid out by who copied whom (entries as the report model
    makes them: ``article_entry``, ``_link_entry`` and the reuse section's groups).
    A story without articles gives an empty ``Markup``, as the other pictures do.
    The arrowhead's id is derived from the input, so two different stories on one
    page never share it."""
    if not articles:
        return Markup("")
    ordered = sorted(articles, key=_order)
    drawn = ordered[:MAX_NODES]
    number = [int(a["number"]) for a in drawn]
    edges = [
        (int(link["source"]["article"]), int(link["copy"]["article"]), link)
        for link in links
        if link["source"]["article"] in number
        and link["copy"]["article"] in number
        and link["source"]["article"] != link["copy"]["article"]
    ]
    hidden_edges = max(0, len(edges) - MAX_EDGES)
    edges = edges[:MAX_EDGES]
    column = _columns(number, [(s, c) for s, c, link in edges if link.get("directed")])
    place: dict[int, tuple[float, float]] = {}
    rows = [0] * (max(column.values()) + 1)
    for n in number:  # in publication order, so each column is too
        place[n] = (_LEFT + column[n] * _COL, _TOP + rows[column[n]] * _ROW)
        rows[column[n]] += 1
    fill: dict[int, str] = {}
    legend: list[tuple[str, str]] = []
    for g, group in enumerate(groups, 1):
        members = [n for n in group.get("articles", []) if n in place]
        if len(members) > 1:
            colour = GROUP_FILLS[len(legend) % len(GROUP_FILLS)]
            fill.update(dict.fromkeys(members, colour))
            legend.append((f"independent outlet group {g}", colour))
    key = "|".join(f"{s}>{c}" for s, c, _ in edges) + "/" + ",".join(map(str, number))
    marker = "dep-arrow-" + hashlib.sha1(key.encode()).hexdigest()[:12]
    body = [
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>'
    ]
    for source, copy, link in edges:
        body.append(_edge(place[source], place[copy], link, marker))
    entry = {int(a["number"]): a for a in drawn}
    for n, (x, y) in place.items():
        outlet = entry[n].get("outlet") or "unknown outlet"
        label = f"[{n}] {outlet}"
        tip = f"{label} — {entry[n].get('title', '')}"
        if entry[n].get("published"):
            tip += f" ({entry[n]['published']})"
        body.append(
            f"<g><title>{escape(tip)}</title>"
            f'<rect x="{_num(x)}" y="{_num(y)}" width="{_BOX_W}" height="{_BOX_H}" rx="4" '
            f'fill="{fill.get(n, "#ffffff")}" stroke="#8a8f99"/>'
            + _text(x + 8, y + 17, shorten(label, _LABEL))
            + "</g>"
        )
    bottom = _TOP + max(rows) * _ROW
    notes = []
    if len(ordered) > len(drawn):
        notes.append(f"+{len(ordered) - len(drawn)} more articles not drawn")
    if hidden_edges:
        notes.append(f"+{hidden_edges} more links not drawn")
    body.append(
        _text(
            _LEFT,
            16,
            " · ".join(["arrows run from source to copy", *notes]),
            'fill="#555" font-size="11"',
        )
    )
    for start in range(0, len(legend), _PER_LINE):
        body.extend(_legend(bottom + 12, legend[start : start + _PER_LINE], _LEFT))
        bottom += 22
    longest = max((len(name) for name, _ in legend), default=0)
    legend_w = _LEFT + min(len(legend), _PER_LINE) * (30 + _CHAR * longest)
    width = max(_LEFT + (len(rows) - 1) * _COL + _BOX_W + 100, legend_w)
    return _svg(width, bottom + 6, "Who copied whom", body)


def _edge(
    a: tuple[float, float], b: tuple[float, float], link: Mapping[str, Any], marker: str
) -> str:
    """A curve from box ``a`` to box ``b``, bent up (right to left: down, so that a link
    back along a cycle does not hide its way there) to clear boxes in between; between
    boxes of one column it bulges out to the right. Bends are capped to stay in the margins."""
    (ax, ay), (bx, by) = a, b
    ay, by = ay + _BOX_H / 2, by + _BOX_H / 2
    if ax == bx:
        x1, x2 = ax + _BOX_W, bx + _BOX_W
        cx, cy = x1 + min(40 + abs(by - ay) / 4, 100), (ay + by) / 2
    else:
        x1, x2 = (ax + _BOX_W, bx) if ax < bx else (ax, bx + _BOX_W)
        bend = min(0.15 * abs(x2 - x1), 60) * (1 if x1 < x2 else -1)  # a way back bends down
        cx, cy = (x1 + x2) / 2, (ay + by) / 2 - bend
    mx, my = (x1 + 2 * cx + x2) / 4, (ay + 2 * cy + by) / 4  # the curve's middle
    kind = str(link.get("kind_name") or link.get("kind") or "link")
    share = _percent(link.get("coverage_copy"))
    label = kind + share
    source, copy = link["source"], link["copy"]
    tip = (
        f"[{source['article']}] {source.get('outlet')} → [{copy['article']}] {copy.get('outlet')}: "
    )
    tip += kind + (f",{share} of the copy reused" if share else "")
    tip += "".join(f"\n{line}" for line in link.get("evidence", []))
    if link.get("directed"):
        stroke = f'stroke="#555" marker-end="url(#{marker})"'
    else:
        stroke = 'stroke="#8a8f99" stroke-dasharray="4 3"'
    return (
        f"<g><title>{escape(tip)}</title>"
        f'<path d="M{_num(x1)},{_num(ay)} Q{_num(cx)},{_num(cy)} {_num(x2)},{_num(by)}" '
        f'fill="none" stroke-width="1.5" {stroke}/>'
        + _text(
            mx,
            my - 3,
            label,
            'text-anchor="middle" font-size="10" paint-order="stroke" stroke="#fff" stroke-width="3"',
        )
        + "</g>"
    )

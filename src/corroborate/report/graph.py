"""The "who copied whom" picture of one story: its linked articles as boxes and their
reuse links as lines, drawn as inline SVG like the other pictures (see ``pictures``).

A reader sees at a glance where the story's text started and how it spread: original
reports stand in the first column, each copy one column right of its furthest source,
so a chain of copies reads left to right; arrows run from source to copy, dashed lines
join articles that share text without one copying the other (``shared_source``).
Articles of one independent outlet group share a fill colour, so that ten boxes in
one colour read as what they are for corroboration: one report, counted once.
Articles without any link are listed in one row of small boxes below the graph.
Each link's label sits in a white box placed along its line where it covers no other
box, label or line if it can (greedily, in link order).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from corroborate.report.pictures import _CHAR, _num, _svg, _text
from corroborate.text import shorten

__all__ = ["ALONE_FILL", "MAX_EDGES", "MAX_NODES", "dependence_svg"]

MAX_NODES = 60  # the earliest articles are drawn, the rest counted in a note
MAX_EDGES = 150
# Light fills for independent outlet groups of two articles or more; black text stays
# readable on each, and they repeat past the eighth group.
GROUP_FILLS = ("#cfe3f7", "#f9d9b5", "#d6ecd2", "#e6d5f2", "#f7d4dc", "#fff1b8", "#d2ece9", "#e4e0d8")  # fmt: skip
ALONE_FILL = "#ffffff"  # an article that is its own group
_BOX_W, _BOX_H, _COL, _ROW, _TOP, _LEFT = 150, 26, 340, 44, 50, 10
_LABEL = 22  # characters of "[n] outlet" inside a box; the rest in its <title>
_SMALL = 26  # the same in the small boxes of articles without a link
_WRAP = 760  # the row of unlinked articles and the legend wrap at this width or the graph's
_TAG_CHAR, _TAG_H = 5.7, 14  # a link label's 10px characters, its box's height
# Where a label may go: at a share of its link's way, then a little above or below it.
_ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)
_ASIDE = (0, -10, 10, -20, 20, -30, 30)
Box = tuple[float, float, float, float]  # x, y, width, height
Curve = tuple[float, float, float, float, float, float]  # start, control, end points


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


def _fills(
    groups: Sequence[Mapping[str, Any]], drawn: Sequence[int]
) -> tuple[dict[int, str], list[tuple[str, str, str]]]:
    """A fill per tinted article, and the legend: (name, fill, tooltip), groups numbered
    in the order they are tinted, then the white of an article standing alone."""
    fill: dict[int, str] = {}
    legend: list[tuple[str, str, str]] = []
    for group in groups:
        members = [n for n in group.get("articles", []) if n in drawn]
        if len(members) > 1:
            colour = GROUP_FILLS[len(legend) % len(GROUP_FILLS)]
            fill.update(dict.fromkeys(members, colour))
            tip = f"articles {', '.join(map(str, members))}: {', '.join(group.get('outlets', []))}"
            legend.append((f"independent outlet group {len(legend) + 1}", colour, tip))
    if any(n not in fill for n in drawn):
        tip = "no other article of its outlet, no source and no copy among these articles"
        legend.append(("an article standing alone", ALONE_FILL, tip))
    return fill, legend


def dependence_svg(
    articles: Sequence[Mapping[str, Any]],
    links: Sequence[Mapping[str, Any]],
    groups: Sequence[Mapping[str, Any]] = (),
) -> Markup:
    """One story's articles laid out by who copied whom (entries as the report model
    makes them: ``article_entry``, ``_link_entry`` and the reuse section's groups).
    A story without a link to draw gives an empty ``Markup``, as the other pictures do.
    The arrowhead's id is derived from the input, so two different stories on one
    page never share it."""
    ordered = sorted(articles, key=_order)
    entry = {int(a["number"]): a for a in ordered[:MAX_NODES]}
    edges = [
        (int(link["source"]["article"]), int(link["copy"]["article"]), link)
        for link in links
        if link["source"]["article"] in entry
        and link["copy"]["article"] in entry
        and link["source"]["article"] != link["copy"]["article"]
    ]
    if not edges:
        return Markup("")
    hidden_edges = max(0, len(edges) - MAX_EDGES)
    edges = edges[:MAX_EDGES]
    ends = {n for s, c, _ in edges for n in (s, c)}
    linked = [n for n in entry if n in ends]  # in publication order, so each column is too
    column = _columns(linked, [(s, c) for s, c, link in edges if link.get("directed")])
    place: dict[int, Box] = {}
    rows = [0] * (max(column.values()) + 1)
    for n in linked:
        place[n] = (_LEFT + column[n] * _COL, _TOP + rows[column[n]] * _ROW, _BOX_W, _BOX_H)
        rows[column[n]] += 1
    fill, legend = _fills(groups, list(entry))
    key = "|".join(f"{s}>{c}" for s, c, _ in edges) + "/" + ",".join(map(str, entry))
    marker = "dep-arrow-" + hashlib.sha1(key.encode()).hexdigest()[:12]
    body = [
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>'
    ]
    curves = _curves([(place[s], place[c]) for s, c, _ in edges])
    tags = [str(link.get("kind_name") or link.get("kind") or "link") for _, _, link in edges]
    tags = [tag + _percent(link.get("coverage_copy")) for tag, (_, _, link) in zip(tags, edges)]
    lines = [_samples(curve) for curve in curves]
    spots = _spots(lines, [len(tag) * _TAG_CHAR + 8 for tag in tags], list(place.values()))
    for curve, (_, _, link) in zip(curves, edges):
        body.append(_edge(curve, link, marker))
    body.extend(_node(n, entry[n], place[n], fill.get(n, ALONE_FILL)) for n in linked)
    for spot, tag, (_, _, link) in zip(spots, tags, edges):
        x, y, w, h = spot
        body.append(
            f"<g><title>{escape(_tip(link))}</title>"
            f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{h}" rx="3" fill="#fff"/>'
            + _text(x + w / 2, y + 10.5, tag, 'text-anchor="middle" font-size="10"')
            + "</g>"
        )
    shapes = [*place.values(), *spots]
    right = max([x + w for x, _, w, _ in shapes] + [x for line in lines for x, _ in line])
    bottom = max([y + h for _, y, _, h in shapes] + [y for line in lines for _, y in line]) + 22
    wrap = max(right, _WRAP)
    alone = [n for n in entry if n not in ends]
    if alone:
        body.append(_text(_LEFT, bottom + 14, "no reuse link:", 'fill="#555" font-size="11"'))
        x = _LEFT + 90
        for n in alone:
            label = shorten(f"[{n}] {entry[n].get('outlet') or 'unknown outlet'}", _SMALL)
            w = len(label) * 6 + 14
            if x > _LEFT + 90 and x + w > wrap:
                x, bottom = _LEFT + 90, bottom + 26
            body.append(_node(n, entry[n], (x, bottom, w, 20), fill.get(n, ALONE_FILL), small=True))
            right, x = max(right, x + w), x + w + 6
        bottom += 38
    x = _LEFT
    for name, colour, tip in legend:
        if x > _LEFT and x + 30 + _CHAR * len(name) > wrap:
            x, bottom = _LEFT, bottom + 20
        body.append(
            f'<rect x="{_num(x)}" y="{_num(bottom)}" width="12" height="12" rx="2" '
            f'fill="{colour}" stroke="#8a8f99"><title>{escape(tip)}</title></rect>'
        )
        body.append(_text(x + 17, bottom + 10, name))
        right, x = max(right, x + 17 + _CHAR * len(name)), x + 30 + _CHAR * len(name)
    notes = ["arrows run from source to copy"]
    if any(not link.get("directed") for _, _, link in edges):
        notes.append("dashed lines join articles quoting one source")
    if len(ordered) > len(entry):
        notes.append(f"+{len(ordered) - len(entry)} more articles not drawn")
    if hidden_edges:
        notes.append(f"+{hidden_edges} more links not drawn")
    body.append(_text(_LEFT, 16, " · ".join(notes), 'fill="#555" font-size="11"'))
    return _svg(right + 10, bottom + 20, "Who copied whom", body)


def _node(n: int, article: Mapping[str, Any], box: Box, fill: str, small: bool = False) -> str:
    """An article's box, labelled "[n] outlet", with its title in the tooltip."""
    label = f"[{n}] {article.get('outlet') or 'unknown outlet'}"
    tip = f"{label} — {article.get('title', '')}"
    if article.get("published"):
        tip += f" ({article['published']})"
    x, y, w, h = box
    text = _text(x + 7, y + 14, shorten(label, _SMALL), 'font-size="11"') if small else ""
    return (
        f"<g><title>{escape(tip)}</title>"
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{h}" rx="4" '
        f'fill="{fill}" stroke="#8a8f99"/>'
        + (text or _text(x + 8, y + 17, shorten(label, _LABEL)))
        + "</g>"
    )


def _curves(ends: Sequence[tuple[Box, Box]]) -> list[Curve]:
    """A curve from box ``a`` to box ``b`` for each link, bent up (right to left: down,
    so that a link back along a cycle does not hide its way there) to clear boxes in
    between. Between boxes of one column it bulges out to the right, the further the
    more links of that column are shorter, so that no two follow one way."""
    same = sorted((abs(a[1] - b[1]), i) for i, (a, b) in enumerate(ends) if a[0] == b[0])
    bulge: dict[int, float] = {}
    for _, i in same:
        x = ends[i][0][0]
        bulge[i] = min(50 + 36 * sum(ends[j][0][0] == x for j in bulge), 2 * (_COL - _BOX_W))
    curves = []
    for i, ((ax, ay, _, _), (bx, by, _, _)) in enumerate(ends):
        ay, by = ay + _BOX_H / 2, by + _BOX_H / 2
        if ax == bx:
            x1 = x2 = ax + _BOX_W
            cx, cy = x1 + bulge[i], (ay + by) / 2
        else:
            x1, x2 = (ax + _BOX_W, bx) if ax < bx else (ax, bx + _BOX_W)
            bend = min(0.15 * abs(x2 - x1), 60) * (1 if x1 < x2 else -1)  # a way back bends down
            cx, cy = (x1 + x2) / 2, (ay + by) / 2 - bend
        curves.append((x1, ay, cx, cy, x2, by))
    return curves


def _at(curve: Curve, t: float) -> tuple[float, float]:
    x1, y1, cx, cy, x2, y2 = curve
    u = 1 - t
    return u * u * x1 + 2 * u * t * cx + t * t * x2, u * u * y1 + 2 * u * t * cy + t * t * y2


def _samples(curve: Curve) -> list[tuple[float, float]]:
    """Points along a curve at most about 4 pixels apart."""
    x1, y1, cx, cy, x2, y2 = curve
    steps = max(8, int((abs(cx - x1) + abs(cy - y1) + abs(x2 - cx) + abs(y2 - cy)) / 4))
    return [_at(curve, i / steps) for i in range(steps + 1)]


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _spots(lines: Sequence[Sequence[tuple[float, float]]], widths: Sequence[float], boxes: Sequence[Box]) -> list[Box]:  # fmt: skip
    """A box for each link's label: the first place along its line (``_ALONG``, then
    ``_ASIDE`` of it) that overlaps no article's box nor a label placed before it, and
    covers no other line; failing that, the place that breaks these rules least."""
    spots: list[Box] = []
    for i, (line, w) in enumerate(zip(lines, widths)):
        best: tuple[tuple[int, int, int], Box] | None = None
        for rank, (dy, t) in enumerate((dy, t) for dy in _ASIDE for t in _ALONG):
            x, y = line[round(t * (len(line) - 1))]
            spot = (x - w / 2, y + dy - _TAG_H / 2, w, _TAG_H)
            near = (spot[0] - 2, spot[1] - 2, w + 4, _TAG_H + 4)
            hard = sum(_overlap(near, box) for box in [*boxes, *spots]) + (spot[1] < _TOP - 22)
            if best is not None and hard > best[0][0]:
                continue
            soft = sum(
                near[0] <= px <= near[0] + near[2] and near[1] <= py <= near[1] + near[3]
                for j, other in enumerate(lines)
                if j != i
                for px, py in other
            )
            if best is None or (hard, soft, rank) < best[0]:
                best = ((hard, soft, rank), spot)
            if hard == soft == 0:
                break
        assert best is not None
        spots.append(best[1])
    return spots


def _tip(link: Mapping[str, Any]) -> str:
    source, copy = link["source"], link["copy"]
    kind = str(link.get("kind_name") or link.get("kind") or "link")
    share = _percent(link.get("coverage_copy"))
    way = "→" if link.get("directed") else "↔"
    tip = f"[{source['article']}] {source.get('outlet')} {way} [{copy['article']}] {copy.get('outlet')}: "
    tip += kind + (f",{share} of the {'copy' if link.get('directed') else 'second'} reused" if share else "")
    return tip + "".join(f"\n{line}" for line in link.get("evidence", []))


def _edge(curve: Curve, link: Mapping[str, Any], marker: str) -> str:
    x1, y1, cx, cy, x2, y2 = map(_num, curve)
    if link.get("directed"):
        stroke = f'stroke="#555" marker-end="url(#{marker})"'
    else:
        stroke = 'stroke="#8a8f99" stroke-dasharray="4 3"'
    return (
        f"<g><title>{escape(_tip(link))}</title>"
        f'<path d="M{x1},{y1} Q{cx},{cy} {x2},{y2}" fill="none" stroke-width="1.5" {stroke}/></g>'
    )

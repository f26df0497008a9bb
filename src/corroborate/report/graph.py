"""The "who copied whom" picture of one story: its linked articles as boxes and their
reuse links as lines, drawn as inline SVG like the other pictures (see ``pictures``).

A reader sees at a glance where the story's text started and how it spread: original
reports stand in the first column, each copy one column right of its furthest source,
so a chain of copies reads left to right; arrows run from source to copy, dashed lines
join articles that share text without one copying the other (``shared_source``).
Articles of one independent outlet group share a fill colour, so that ten boxes in
one colour read as what they are for corroboration: one report, counted once.
A copy stands level with its first source or lower, so arrows run right or down.
Articles without any link are listed in a row of small boxes below the graph, so that
the picture is about the links. Each link's label sits in a white box on or beside its
line, placed greedily in link order where it covers no box, no other label and no other
line if it can; a link that would cross an article's box bends around it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from itertools import product
from typing import Any

from markupsafe import Markup, escape

from corroborate.report.pictures import _CHAR, _num, _svg, _text
from corroborate.text import shorten

__all__ = ["MAX_EDGES", "MAX_NODES", "dependence_svg"]

MAX_NODES = 60  # the earliest articles are drawn, the rest counted in a note
MAX_EDGES = 150
# Light fills for independent outlet groups of two articles or more; black text stays
# readable on each, and they repeat past the eighth group.
GROUP_FILLS = ("#cfe3f7", "#f9d9b5", "#d6ecd2", "#e6d5f2", "#f7d4dc", "#fff1b8", "#d2ece9", "#e4e0d8")  # fmt: skip
ALONE_FILL = "#ffffff"  # an article that is its own group
_BOX_W, _BOX_H, _COL, _ROW, _TOP, _LEFT = 150, 26, 340, 48, 50, 10
_LABEL = 22  # characters of "[n] outlet" inside a box; the rest in its <title>
_SMALL = 26  # the same in the small boxes of the articles without a link
_WRAP = 900  # the row of unlinked articles and the legend wrap at this width or the graph's
_TAG_CHAR, _TAG_H = 5.7, 14  # a link label's 10px characters, its box's height
_BENDS = (1, 0, 2, -1, 3, -2, 4, -3)  # a long link's bends, in its usual one, tried in turn
# Where a label may go: at a share of its link's way (_ALONG), on the line, then moved off
# it (_MOVES: half the label's width to the right or left, pixels up or down).
_ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.9)
_MOVES = ((0, 0), (0, -12), (0, 12), (1, 0), (-1, 0))
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


def _rows(order: Sequence[int], column: Mapping[int, int], edges: Sequence[tuple[int, int]]) -> dict[int, int]:  # fmt: skip
    """Each article's row in its column: a copy level with its first source or lower, so
    that arrows run right or down and a fan of copies spreads out below its source."""
    row: dict[int, int] = {}
    for col in range(max(column.values()) + 1):
        members = [n for n in order if column[n] == col]
        anchor = {n: min((row[s] for s, c in edges if c == n and s in row), default=0) for n in members}  # fmt: skip
        free = 0
        for n in sorted(members, key=anchor.__getitem__):  # in ``order`` among equals
            row[n] = max(free, anchor[n])
            free = row[n] + 1
    return row


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
    ends = [(int(link["source"]["article"]), int(link["copy"]["article"])) for link in links]
    drawn = [(s, c, link) for (s, c), link in zip(ends, links, strict=True) if s != c and {s, c} <= entry.keys()]  # fmt: skip
    if not drawn:
        return Markup("")
    edges, pairs = [link for *_, link in drawn[:MAX_EDGES]], [(s, c) for s, c, _ in drawn[:MAX_EDGES]]  # fmt: skip
    linked = [n for n in entry if any(n in pair for pair in pairs)]  # by publication
    directed = [(s, c) for s, c, link in drawn[:MAX_EDGES] if link.get("directed")]
    column = _columns(linked, directed)
    row = _rows(linked, column, directed)
    place: dict[int, Box] = {
        n: (_LEFT + column[n] * _COL, _TOP + row[n] * _ROW, _BOX_W, _BOX_H) for n in linked
    }
    fill, legend = _fills(groups, list(entry))
    key = "|".join(f"{s}>{c}" for s, c in pairs) + "/" + ",".join(map(str, entry))
    marker = "dep-arrow-" + hashlib.sha1(key.encode()).hexdigest()[:12]
    body = [
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>'
    ]
    curves = _curves([(place[s], place[c]) for s, c in pairs], list(place.values()))
    lift = max(0, _TOP - 12 - min(min(y for _, y in _samples(curve)) for curve in curves))
    place = {n: (x, y + lift, w, h) for n, (x, y, w, h) in place.items()}  # room for arcs on top
    curves = [(x1, y1 + lift, cx, cy + lift, x2, y2 + lift) for x1, y1, cx, cy, x2, y2 in curves]
    lines = [_samples(curve) for curve in curves]
    tags = [_kind(link) + _percent(link.get("coverage_copy")) for link in edges]
    spots = _spots(lines, [len(tag) * _TAG_CHAR + 8 for tag in tags], list(place.values()))
    body += [_edge(curve, link, marker) for curve, link in zip(curves, edges, strict=True)]
    body += [_node(n, entry[n], place[n], fill) for n in linked]
    body += [_tag(*spot, tag, link) for spot, tag, link in zip(spots, tags, edges, strict=True)]
    points = [(x, y, 0.0, 0.0) for line in lines for x, y in line]
    right = max(x + w for x, _, w, _ in [*place.values(), *spots, *points])
    bottom = max(y + h for _, y, _, h in [*place.values(), *spots, *points]) + 22
    wrap = max(right, _WRAP)
    if alone := [n for n in entry if n not in place]:  # a row of small boxes
        body.append(_text(_LEFT, bottom + 14, "no reuse link:", 'fill="#555" font-size="11"'))
        widths = [len(shorten(_name(n, entry[n]), _SMALL)) * 6 + 14 for n in alone]
        corners = _flow([w + 6 for w in widths], _LEFT + 90, bottom, wrap, 26)
        for n, w, (x, y) in zip(alone, widths, corners, strict=True):
            body.append(_node(n, entry[n], (x, y, w, 20), fill))
            right, bottom = max(right, x + w), y
        bottom += 38
    corners = _flow([30 + _CHAR * len(name) for name, _, _ in legend], _LEFT, bottom, wrap, 20)
    for (name, colour, tip), (x, y) in zip(legend, corners, strict=True):
        body.append(
            f'<rect x="{_num(x)}" y="{_num(y)}" width="12" height="12" rx="2" '
            f'fill="{colour}" stroke="#8a8f99"><title>{escape(tip)}</title></rect>'
            + _text(x + 17, y + 10, name)
        )
        right, bottom = max(right, x + 17 + _CHAR * len(name)), y
    notes = ["arrows run from source to copy"]
    if not all(link.get("directed") for link in edges):
        notes.append("dashed lines: shared text, neither copied the other")
    if len(ordered) > len(entry):
        notes.append(f"+{len(ordered) - len(entry)} more articles not drawn")
    if len(drawn) > MAX_EDGES:
        notes.append(f"+{len(drawn) - MAX_EDGES} more links not drawn")
    body.append(_text(_LEFT, 16, " · ".join(notes), 'fill="#555" font-size="11"'))
    right = max(right, _LEFT + 5.9 * len(" · ".join(notes)))
    return _svg(right + 10, bottom + 20, "Who copied whom", body)


def _flow(widths: Sequence[float], left: float, top: float, wrap: float, step: float) -> list[tuple[float, float]]:  # fmt: skip
    """Where items of these widths go, left to right from (left, top), on a new line
    ``step`` lower where one would end past ``wrap``."""
    corners, x, y = [], left, top
    for w in widths:
        if x > left and x + w > wrap:
            x, y = left, y + step
        corners.append((x, y))
        x += w
    return corners


def _name(n: int, article: Mapping[str, Any]) -> str:
    return f"[{n}] {article.get('outlet') or 'unknown outlet'}"


def _node(n: int, article: Mapping[str, Any], box: Box, fill: Mapping[int, str]) -> str:
    """An article's box (full size, or small for the row of articles without a link),
    labelled "[n] outlet", with its title in the tooltip."""
    tip = f"{_name(n, article)} — {article.get('title', '')}"
    if article.get("published"):
        tip += f" ({article['published']})"
    x, y, w, h = box
    small = h < _BOX_H
    label = shorten(_name(n, article), _SMALL if small else _LABEL)
    return (
        f"<g><title>{escape(tip)}</title>"
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{h}" rx="4" '
        f'fill="{fill.get(n, ALONE_FILL)}" stroke="#8a8f99"/>'
        + _text(x + 8 - small, y + h / 2 + 4, label, 'font-size="11"' if small else "")
        + "</g>"
    )


def _curves(ends: Sequence[tuple[Box, Box]], boxes: Sequence[Box]) -> list[Curve]:
    """A curve from box ``a`` to box ``b`` for each link, bent up (right to left: down,
    so that a link back along a cycle does not hide its way there), or more or the
    other way where that crosses a box of a column in between. Between boxes of one
    column it bulges out to the right: one link past each shorter one it spans, far
    enough for a label between two boxes to clear it."""
    span = {i: (a[0], min(a[1], b[1]), 1, abs(a[1] - b[1])) for i, (a, b) in enumerate(ends) if a[0] == b[0]}  # fmt: skip
    level: dict[int, int] = {}
    for i in sorted(span, key=lambda i: span[i][3]):  # shorter first
        level[i] = max((level[j] + 1 for j in level if _overlap(span[i], span[j])), default=0)
    curves = []
    for i, ((ax, ay, _, _), (bx, by, _, _)) in enumerate(ends):
        ay, by = ay + _BOX_H / 2, by + _BOX_H / 2
        if ax == bx:
            x1 = ax + _BOX_W
            curves.append((x1, ay, x1 + min(60 + 150 * level[i], 2 * (_COL - _BOX_W - 20)), (ay + by) / 2, x1, by))  # fmt: skip
            continue
        x1, x2 = (ax + _BOX_W, bx) if ax < bx else (ax, bx + _BOX_W)
        bend = min(0.12 * abs(x2 - x1), 200) * (1 if x1 < x2 else -1)  # a way back bends down
        between = [(x - 6, y - 6, w + 12, h + 12) for x, y, w, h in boxes if min(x1, x2) < x < max(x1, x2)]  # fmt: skip
        if x1 < x2 and not between:  # to the next column: arrive level, so that the ends of a
            flat = bend if ay == by else 0  # fan of copies spread out; a link along a row arcs
            curves.append((x1, ay, (x1 + x2) / 2, by - flat, x2, by))
            continue
        tries = [(x1, ay, (x1 + x2) / 2, (ay + by) / 2 - bend * k, x2, by) for k in _BENDS]
        clear = (c for c in tries if not any(_overlap((*p, 0, 0), b) for p in _samples(c)[::3] for b in between))  # fmt: skip
        curves.append(next(clear, tries[0]))  # the first bend that crosses no box
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
    ``_MOVES`` off it) that overlaps no article's box nor a label placed before it, and
    covers no other line; failing that, the place that breaks these rules least."""
    grid: dict[tuple[int, int], list[tuple[int, Box]]] = {}  # points by 20px square
    for j, line in enumerate(lines):
        for x, y in line:
            grid.setdefault((int(x // 20), int(y // 20)), []).append((j, (x, y, 0, 0)))
    spots: list[Box] = []
    for i, (line, w) in enumerate(zip(lines, widths, strict=True)):
        best: tuple[tuple[int, int, int], Box] | None = None
        for rank, (dx, dy, t) in enumerate((*move, t) for move in _MOVES for t in _ALONG):
            x, y = line[round(t * (len(line) - 1))]
            spot = (x + dx * (w / 2 + 6) - w / 2, y + dy - _TAG_H / 2, w, _TAG_H)
            near = (spot[0] - 2, spot[1] - 2, w + 4, _TAG_H + 4)
            hard = sum(_overlap(near, box) for box in [*boxes, *spots]) + (spot[1] < _TOP - 22)
            if best is not None and hard > best[0][0]:
                continue
            x0, y0, x1, y1 = (int(v // 20) for v in (near[0], near[1], near[0] + near[2], near[1] + near[3]))  # fmt: skip
            squares = product(range(x0, x1 + 1), range(y0, y1 + 1))
            soft = sum(j != i and _overlap(p, near) for c in squares for j, p in grid.get(c, []))
            if best is None or (hard, soft, rank) < best[0]:
                best = ((hard, soft, rank), spot)
            if hard == soft == 0:
                break
        assert best is not None
        spots.append(best[1])
    return spots


def _kind(link: Mapping[str, Any]) -> str:
    return str(link.get("kind_name") or link.get("kind") or "link")


def _tip(link: Mapping[str, Any]) -> str:
    """The tooltip: "[1] A → [2] B" for a copy, "[1] A ↔ [2] B" for a shared source."""
    source, copy, directed = link["source"], link["copy"], link.get("directed")
    tip = f"[{source['article']}] {source.get('outlet')} {'→' if directed else '↔'} "
    tip += f"[{copy['article']}] {copy.get('outlet')}: {_kind(link)}"
    if share := _percent(link.get("coverage_copy")):
        tip += f",{share} of the {'copy' if directed else 'second'} reused"
    return tip + "".join(f"\n{line}" for line in link.get("evidence", []))


def _tag(x: float, y: float, w: float, h: float, tag: str, link: Mapping[str, Any]) -> str:
    """A link's label, in a white box that hides what lies under it."""
    return (
        f"<g><title>{escape(_tip(link))}</title>"
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" rx="3" fill="#fff"/>'
        + _text(x + w / 2, y + 10.5, tag, 'text-anchor="middle" font-size="10"')
        + "</g>"
    )


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

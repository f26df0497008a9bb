"""The "who copied whom" picture: layout by dependence, safe text, bounded size."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from corroborate.report.graph import MAX_NODES, dependence_svg

SVG = "{http://www.w3.org/2000/svg}"


def article(number: int, outlet: str | None, published: str | None = None) -> dict[str, Any]:
    return {"number": number, "outlet": outlet, "title": f"Title {number}", "published": published}


def link(
    source: int, copy: int, *, directed: bool = True, kind: str = "wire_copy", **extra: Any
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "source": {"article": source, "id": f"a{source}", "outlet": f"O{source}", "title": "t"},
        "copy": {"article": copy, "id": f"a{copy}", "outlet": f"O{copy}", "title": "t"},
        "kind": kind,
        "kind_name": kind.replace("_", " "),
        "directed": directed,
        "coverage_source": 0.5,
        "coverage_copy": 0.8,
        "evidence": ["same wording"],
        "passages": [],
    }
    return entry | extra


def parse(svg: object) -> ET.Element:
    return ET.fromstring(str(svg))


Box = tuple[float, float, float, float]


def rects(root: ET.Element, articles: bool) -> dict[str, tuple[Box, ET.Element]]:
    """Each article's box (``articles``, by the "[n]" its label starts with) or each link
    label's box (by its text and position): (x, y, width, height) and its <rect>."""
    found: dict[str, tuple[Box, ET.Element]] = {}
    for g in root.iter(f"{SVG}g"):
        rect, text = g.find(f"{SVG}rect"), g.find(f"{SVG}text")
        if rect is None or text is None or str(text.text).startswith("[") != articles:
            continue
        x, y, w, h = (float(rect.attrib[k]) for k in ("x", "y", "width", "height"))
        name = str(text.text).split()[0] if articles else f"{text.text} @{x},{y}"
        found[name] = ((x, y, w, h), rect)
    return found


def boxes(root: ET.Element) -> dict[str, float]:
    """The x of each article's box, by the "[n]" its label starts with."""
    return {name: box[0] for name, (box, _) in rects(root, articles=True).items()}


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def edges(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}path"))[1:]  # the first path is the arrowhead's


STORY = [
    article(1, "Wire Desk", "2031-05-01T08:00"),
    article(2, "Daily Lantern", "2031-05-01T09:00"),
    article(3, "Evening Gull", "2031-05-01T10:00"),
    article(4, "Hill Gazette", "2031-05-02"),
    article(5, None),
]


def test_every_article_has_a_node_and_copies_sit_right_of_sources() -> None:
    svg = dependence_svg(STORY, [link(1, 2), link(2, 3), link(1, 3)])
    found = rects(parse(svg), articles=True)
    assert set(found) == {"[1]", "[2]", "[3]", "[4]", "[5]"}
    x = {name: box[0] for name, (box, _) in found.items()}
    # 3 copies 2 which copies 1: the longest path puts 3 in the third column.
    assert x["[1]"] < x["[2]"] < x["[3]"]
    # Articles without links are listed in a row of smaller boxes below the graph.
    graph_bottom = max(
        box[1] + box[3] for name, (box, _) in found.items() if name in ("[1]", "[2]", "[3]")
    )
    for name in ("[4]", "[5]"):
        box = found[name][0]
        assert box[1] > graph_bottom and box[3] < found["[1]"][0][3]
    assert found["[4]"][0][1] == found["[5]"][0][1] and x["[4]"] < x["[5]"]
    assert "no reuse link:" in str(svg) and "unknown outlet" in str(svg)


def test_directed_link_is_an_arrow_undirected_a_plain_line() -> None:
    root = parse(
        dependence_svg(STORY, [link(1, 2), link(3, 4, directed=False, kind="shared_source")])
    )
    marker = root.find(f"{SVG}defs/{SVG}marker")
    assert marker is not None
    arrow, line = edges(root)
    assert arrow.attrib["marker-end"] == f"url(#{marker.attrib['id']})"
    assert "marker-end" not in line.attrib and "marker-start" not in line.attrib
    # The arrow starts at the source's box, left of where it ends at the copy's.
    start, end = re.findall(r"[\d.]+(?=,)", arrow.attrib["d"])[::2]
    assert float(start) < float(end)
    x = boxes(root)
    assert x["[3]"] == x["[4]"]  # a shared source puts neither right of the other
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "wire copy 80%" in labels and "shared source 80%" in labels


def test_article_text_is_escaped() -> None:
    nasty = '<script>alert("x")</script> & "quotes"'
    articles = [
        article(1, nasty) | {"title": nasty},
        article(2, "B&B News") | {"title": '"Q" & <A>'},
    ]
    evil = link(1, 2, evidence=[nasty], kind_name=nasty)
    svg = str(dependence_svg(articles, [evil], [{"articles": [1, 2], "outlets": [nasty]}]))
    root = parse(svg)  # well-formed XML
    assert not any(el.tag.endswith("script") for el in root.iter())
    assert "<script" not in svg
    tips = [t.text or "" for t in root.iter(f"{SVG}title")]
    assert any(nasty in tip for tip in tips)  # the text survives, as text
    assert any('"Q" & <A>' in tip for tip in tips)


def test_groups_share_a_fill_and_get_a_legend() -> None:
    groups = [{"articles": [1, 2], "outlets": ["x"]}, {"articles": [3], "outlets": ["y"]}]
    root = parse(dependence_svg(STORY, [link(1, 2)], groups))
    fills = {name: rect.attrib["fill"] for name, (_, rect) in rects(root, articles=True).items()}
    assert fills["[1]"] == fills["[2]"] != fills["[3]"] == "#ffffff"
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "independent outlet group 1" in labels
    assert "independent outlet group 2" not in labels  # one article: nothing to tint
    assert "an article standing alone" in labels


def legend(root: ET.Element) -> dict[str, str]:
    """The legend's entries, fill by name: swatches are the <rect>s directly in the <svg>,
    each followed by its name."""
    children = list(root)
    return {
        str(children[i + 1].text): el.attrib["fill"]
        for i, el in enumerate(children)
        if el.tag == f"{SVG}rect"
    }


def test_legend_covers_every_fill_and_numbers_groups_in_order() -> None:
    articles = [article(n, f"Outlet {n}", f"2031-05-{n:02d}") for n in range(1, 10)]
    groups = [
        {"articles": [1, 2], "outlets": ["a"]},
        {"articles": [3], "outlets": ["b"]},  # alone: white, no number of its own
        {"articles": [4], "outlets": ["c"]},
        {"articles": [5, 6, 9], "outlets": ["d"]},  # 9 has no link: tinted in the row below
        {"articles": [7], "outlets": ["e"]},
    ]
    links = [link(1, 2), link(2, 5), link(3, 4, directed=False), link(6, 7)]
    root = parse(dependence_svg(articles, links, groups))
    entries = legend(root)
    assert list(entries) == [
        "independent outlet group 1",
        "independent outlet group 2",
        "an article standing alone",
    ]
    fills = {name: rect.attrib["fill"] for name, (_, rect) in rects(root, articles=True).items()}
    assert set(fills) == {f"[{n}]" for n in range(1, 10)}
    assert set(fills.values()) == set(entries.values())
    assert fills["[9]"] == fills["[5]"] == entries["independent outlet group 2"]
    assert fills["[8]"] == fills["[3]"] == entries["an article standing alone"] == "#ffffff"
    # Every article in one group of two or more: no white entry.
    tinted = parse(dependence_svg(STORY[:2], [link(1, 2)], [{"articles": [1, 2]}]))
    assert list(legend(tinted)) == ["independent outlet group 1"]


def test_a_cycle_in_bad_data_ends() -> None:
    links = [link(1, 2), link(2, 3), link(3, 1), link(2, 2)]
    root = parse(dependence_svg(STORY, links))
    x = boxes(root)
    assert x["[1]"] < x["[2]"] < x["[3]"]  # the cycle is cut at its earliest article
    assert len(edges(root)) == 3  # the link of an article to itself is not drawn


def test_node_cap() -> None:
    many = [
        article(n, f"Outlet {n}", f"2031-05-01T{n % 24:02d}:{n % 60:02d}") for n in range(1, 201)
    ]
    chain = [link(n, n + 1) for n in range(1, 200)]
    svg = dependence_svg(many, chain)
    root = parse(svg)
    assert len(boxes(root)) == MAX_NODES
    assert f"+{200 - MAX_NODES} more articles not drawn" in str(svg)
    assert len(svg) < 100_000


def test_two_stories_have_distinct_marker_ids() -> None:
    first = parse(dependence_svg(STORY[:3], [link(1, 2)]))
    second = parse(dependence_svg(STORY[2:], [link(3, 4)]))
    ids = [root.find(f"{SVG}defs/{SVG}marker").attrib["id"] for root in (first, second)]  # type: ignore[union-attr]
    assert ids[0] != ids[1]


def test_empty_story_draws_nothing() -> None:
    assert str(dependence_svg([], [])) == ""


def test_story_without_links_draws_nothing() -> None:
    """The page then says that no article reuses another's text."""
    assert str(dependence_svg(STORY, [])) == ""
    assert str(dependence_svg(STORY[:1], [])) == ""
    # Links the picture would not draw: of an article to itself, or to one not drawn.
    assert str(dependence_svg(STORY, [link(2, 2), link(1, 99)])) == ""


def test_tooltips_give_the_direction_of_copies_only() -> None:
    root = parse(dependence_svg(STORY, [link(1, 2), link(3, 4, directed=False)]))
    tips = [str(t.text) for t in root.iter(f"{SVG}title")]
    assert any(tip.startswith("[1] O1 → [2] O2: wire copy") for tip in tips)
    assert any(tip.startswith("[3] O3 ↔ [4] O4: wire copy") for tip in tips)
    assert not any("[3] O3 →" in tip for tip in tips)


def points(path: ET.Element) -> list[tuple[float, float]]:
    """Points along a path "M x1,y1 Q cx,cy x2,y2", one per percent of its way."""
    x1, y1, cx, cy, x2, y2 = map(float, re.findall(r"-?[\d.]+", path.attrib["d"]))
    return [
        ((1 - t) ** 2 * x1 + 2 * (1 - t) * t * cx + t * t * x2,
         (1 - t) ** 2 * y1 + 2 * (1 - t) * t * cy + t * t * y2)
        for t in (i / 100 for i in range(101))
    ]  # fmt: skip


# Like the example corpus: three articles quoting one source, a wire and two copies of it.
BUSY = [article(n, f"Outlet {n}", f"2031-05-0{n}") for n in range(1, 9)]
BUSY_LINKS = [
    link(3, 1, directed=False, kind="shared_source", coverage_copy=0.12),
    link(1, 2, directed=False, kind="shared_source", coverage_copy=0.08),
    link(3, 2, directed=False, kind="shared_source", coverage_copy=0.2),
    link(3, 4, kind="partial_reuse", coverage_copy=0.44),
    link(3, 5, coverage_copy=0.92),
]


def lines_by_tip(root: ET.Element) -> dict[str, list[tuple[float, float]]]:
    """Points along each link's line, by its tooltip (which its label's box shares)."""
    found = {}
    for g in root.iter(f"{SVG}g"):
        path, title = g.find(f"{SVG}path"), g.find(f"{SVG}title")
        if path is not None and title is not None:
            found[str(title.text)] = points(path)
    return found


def test_link_labels_overlap_no_label_box_or_other_line() -> None:
    fan = [link(1, n) for n in range(2, 9)] + [link(2, 3, directed=False, kind="shared_source")]
    for links in (BUSY_LINKS, fan):
        root = parse(dependence_svg(BUSY, links))
        labels = list(rects(root, articles=False).values())
        assert len(labels) == len(links)
        for i, (box, rect) in enumerate(labels):
            assert rect.attrib["fill"] == "#fff"  # a white box behind the text
            assert not any(overlap(box, other) for other, _ in labels[i + 1 :])
            assert not any(overlap(box, node) for node, _ in rects(root, articles=True).values())
        # No other line runs under a label; its own runs through it or right beside it.
        lines = lines_by_tip(root)
        assert len(lines) == len(links)
        for g in root.iter(f"{SVG}g"):
            frame, title = g.find(f"{SVG}rect"), g.find(f"{SVG}title")
            if frame is None or title is None or str(title.text) not in lines:
                continue  # an article's box
            x, y, w, h = (float(frame.attrib[k]) for k in ("x", "y", "width", "height"))
            for tip, line in lines.items():
                mine = tip == title.text
                box = (x - 7, y - 7, w + 14, h + 14) if mine else (x + 1, y + 1, w - 2, h - 2)
                assert any(overlap((*p, 0, 0), box) for p in line) == mine


def test_label_text_sits_in_its_box() -> None:
    root = parse(dependence_svg(BUSY, BUSY_LINKS))
    for g in root.iter(f"{SVG}g"):
        rect, text = g.find(f"{SVG}rect"), g.find(f"{SVG}text")
        if rect is None or text is None or str(text.text).startswith("["):
            continue
        x, y = float(rect.attrib["x"]), float(rect.attrib["y"])
        assert x < float(text.attrib["x"]) < x + float(rect.attrib["width"])
        assert y < float(text.attrib["y"]) < y + float(rect.attrib["height"])
        assert text.attrib["text-anchor"] == "middle"


def test_same_column_links_bulge_apart_and_output_is_deterministic() -> None:
    svg = dependence_svg(BUSY, BUSY_LINKS)
    assert str(svg) == str(dependence_svg(BUSY, BUSY_LINKS))
    dashed = [p for p in edges(parse(svg)) if "stroke-dasharray" in p.attrib]
    assert len(dashed) == 3
    controls = {re.findall(r"Q([\d.]+)", p.attrib["d"])[0] for p in dashed}
    assert len(controls) >= 2  # the link past the two others bulges further out


def test_copies_stand_level_with_their_source_or_lower() -> None:
    found = rects(parse(dependence_svg(BUSY, BUSY_LINKS)), articles=True)
    y = {name: box[1] for name, (box, _) in found.items()}
    assert y["[1]"] < y["[2]"] < y["[3]"]  # the first column, by publication
    assert y["[3]"] == y["[4]"] < y["[5]"]  # so the arrows from 3 do not cross 1 and 2's


def test_a_long_link_bends_around_the_boxes_it_passes() -> None:
    # 4 -> 5 skips a column, in which 3 stands on its way.
    links = [link(1, 3), link(3, 5), link(4, 5, kind="partial_reuse")]
    root = parse(dependence_svg(STORY, links))
    found = rects(root, articles=True)
    assert found["[1]"][0][0] < found["[3]"][0][0] < found["[5]"][0][0]
    assert found["[4]"][0][0] == found["[1]"][0][0]
    for tip, line in lines_by_tip(root).items():
        ends = re.findall(r"\[(\d+)\]", tip)[:2]
        for name, (box, _) in found.items():
            if name.strip("[]") not in ends:
                assert not any(overlap((*p, 0, 0), box) for p in line), (tip, name)

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


def boxes(root: ET.Element) -> dict[str, float]:
    """The x of each article's box, by the "[n]" its label starts with."""
    found = {}
    for g in root.iter(f"{SVG}g"):
        rect, text = g.find(f"{SVG}rect"), g.find(f"{SVG}text")
        if rect is not None and text is not None:
            found[str(text.text).split()[0]] = float(rect.attrib["x"])
    return found


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
    root = parse(dependence_svg(STORY, [link(1, 2), link(2, 3), link(1, 3)]))
    x = boxes(root)
    assert set(x) == {"[1]", "[2]", "[3]", "[4]", "[5]"}
    # 3 copies 2 which copies 1: the longest path puts 3 in the third column.
    assert x["[1]"] < x["[2]"] < x["[3]"]
    # Articles without links are independent reports, in the first column.
    assert x["[4]"] == x["[5]"] == x["[1]"]
    assert "unknown outlet" in str(dependence_svg(STORY, []))


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
    fills = {}
    for g in root.iter(f"{SVG}g"):
        rect, text = g.find(f"{SVG}rect"), g.find(f"{SVG}text")
        if rect is not None and text is not None:
            fills[str(text.text).split()[0]] = rect.attrib["fill"]
    assert fills["[1]"] == fills["[2]"] != fills["[3]"] == "#ffffff"
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "independent outlet group 1" in labels
    assert "independent outlet group 2" not in labels  # one article: nothing to tint


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

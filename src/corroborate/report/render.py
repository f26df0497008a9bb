"""Lay out a report model as Markdown, JSON or HTML.

HTML goes through Jinja2 with autoescaping on, and the page carries a
Content-Security-Policy that forbids scripts, so article text can never run.
"""

from __future__ import annotations

import json
import re
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from corroborate.report.graph import dependence_svg
from corroborate.report.pictures import chronological, matrix_svg, timeline_svg

__all__ = ["REPORT_FORMATS", "format_for_path", "html_environment", "md_escape", "render"]

REPORT_FORMATS = ("md", "json", "html")
_BY_SUFFIX = {".md": "md", ".markdown": "md", ".json": "json", ".html": "html", ".htm": "html"}


def format_for_path(path: str) -> str | None:
    """The report format a file name asks for ("brief.htm" -> "html"), or None."""
    dot = path.rfind(".")
    return _BY_SUFFIX.get(path[dot:].lower()) if dot >= 0 else None


_ENV = Environment(
    loader=PackageLoader("corroborate.report", "templates"),
    autoescape=select_autoescape(["html", "md"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md_escape(value: object) -> str:
    """Text safe inside a Markdown table cell: no markup, links, raw HTML or line breaks.

    Angle brackets become entities rather than backslash escapes, so even a renderer
    that passes raw HTML through shows them as text."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


_ENV.filters["md"] = md_escape


def plural(count: int, noun: str) -> str:
    """ "1 article", "3 articles" """
    if count == 1:
        return f"{count} {noun}"
    many = noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"
    return f"{count} {many}"


_ENV.filters["plural"] = plural


def possessive(name: str) -> str:
    """ "Tomas Reyne's", "Halvard Chemicals'" """
    return f"{name}'" if name.endswith("s") else f"{name}'s"


_ENV.filters["possessive"] = possessive
# The HTML report's pictures: SVG built in Python (positions need arithmetic), every text
# escaped there, handed to the template as Markup.
_ENV.globals["matrix_svg"] = matrix_svg
_ENV.globals["timeline_svg"] = timeline_svg
_ENV.filters["chronological"] = chronological


def span_href(cited: dict[str, Any]) -> str:
    """Where a citation's link goes: in the report, the article's row (its text is in the
    citation itself); the web app passes its own, to the span in the article's page."""
    return f"#article-{cited['article']}"


_ENV.globals["span_href"] = span_href


def reuse_graphs(report: dict[str, Any]) -> list[tuple[int, str, Markup]]:
    """The dependence graph of each story that has reuse: (story number, title, SVG)."""
    stories = report["stages"].get("stories", {}).get("stories", [])
    reuse = report["stages"].get("reuse", {})
    graphs = []
    for story in stories:
        links = [link for link in reuse.get("links", []) if link["story"] == story["number"]]
        if not links:
            continue
        members = set(story["articles"])
        articles = [a for a in report["articles"] if a["number"] in members]
        groups = [g for g in reuse.get("groups", []) if g["story"] == story["number"]]
        graphs.append((story["number"], story["title"], dependence_svg(articles, links, groups)))
    return graphs


_ENV.globals["reuse_graphs"] = reuse_graphs


def html_environment(loader: BaseLoader) -> Environment:
    """The report's HTML environment (filters, pictures, its section templates) with
    ``loader``'s templates found first: the web app's pages include the report's
    sections, so a story reads the same in the report and in the browser."""
    assert _ENV.loader is not None
    return _ENV.overlay(loader=ChoiceLoader([loader, _ENV.loader]))


def render(report: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        # Markdown is not HTML: escaping is done by the |md filter, not by autoescape.
        template = _ENV.overlay(autoescape=False).get_template("report.md.j2")
        return template.render(r=report)
    if fmt == "html":
        return _ENV.get_template("report.html").render(r=report)
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(REPORT_FORMATS)}")

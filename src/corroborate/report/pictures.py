"""Pictures for the HTML report, drawn as inline SVG: the claims-by-outlet matrix and
the timeline of dated statements.

The page forbids scripts and outside resources (its Content-Security-Policy), so each
picture is one self-contained ``<svg>`` element. Every piece of article text goes
through ``markupsafe.escape``, in text nodes and attributes alike; the result is
``Markup`` so that Jinja's autoescaping leaves the finished SVG as it is.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup, escape

from corroborate.text import shorten

__all__ = [
    "MARK_COLOURS",
    "STATUS_COLOURS",
    "chronological",
    "matrix_svg",
    "period",
    "timeline_svg",
]

# How an outlet carries a statement; colours a reader with red-green colour blindness
# can still tell apart by lightness (dark green, light amber, mid red).
MARK_COLOURS = {"carries": "#2f7d4f", "differs": "#f0b429", "denies": "#c2362d"}
STATUS_COLOURS = {
    "corroborated": "#2f7d4f",
    "conflicting": "#f0b429",
    "denied": "#c2362d",
    "single-source": "#8a8f99",
}
_EMPTY = "#eeeef2"
_FONT = 'font-family="system-ui, sans-serif" font-size="12" fill="#1d1d1f"'
# Average advance of a 12px system-ui character, to size the label columns without a
# font engine; text that runs over only spills into the margin.
_CHAR = 6.4
_CELL = 22
_ROW = 20
_MATRIX_LABEL = 72  # the model already cuts its row labels to 70
_TIMELINE_LABEL = 52  # characters of a statement beside its marker; the rest in <title>


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _svg(width: float, height: float, label: str, body: list[str]) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{_num(width)}" '
        f'height="{_num(height)}" viewBox="0 0 {_num(width)} {_num(height)}" '
        f'class="chart" aria-label="{escape(label)}" {_FONT}>'
        f"<title>{escape(label)}</title>"
    )
    return Markup(head + "".join(body) + "</svg>")


def _text(x: float, y: float, content: object, extra: str = "", title: object = None) -> str:
    """A <text> element; ``extra`` holds fixed attributes written here, never article text."""
    tip = f"<title>{escape(title)}</title>" if title is not None else ""
    return f'<text x="{_num(x)}" y="{_num(y)}" {extra}>{tip}{escape(content)}</text>'


# --- the claims-by-outlet matrix ------------------------------------------------------


def matrix_svg(matrix: Mapping[str, Any]) -> Markup:
    """Rows: statements carried by two articles or more; columns: the story's outlets;
    each cell coloured by how that outlet carries the statement."""
    outlets: list[str] = list(matrix.get("outlets", []))
    rows: list[Mapping[str, Any]] = list(matrix.get("rows", []))
    if not rows or not outlets:
        return Markup("")
    labels = [shorten(str(r["label"]), _MATRIX_LABEL) for r in rows]
    label_w = 32 + _CHAR * max(len(label) for label in labels)
    # Column names are turned 45 degrees: they rise over the columns to their right.
    rise = 0.71 * _CHAR * max(len(o) for o in outlets)
    top = rise + 14
    grid_w = _CELL * len(outlets)
    legend_y = top + _CELL * len(rows) + 22
    body: list[str] = []
    for col, outlet in enumerate(outlets):
        x = label_w + col * _CELL + _CELL / 2
        body.append(
            f'<text transform="translate({_num(x)},{_num(top - 6)}) rotate(-45)">'
            f"{escape(outlet)}</text>"
        )
    for n, row in enumerate(rows):
        y = top + n * _CELL
        status = str(row.get("status", ""))
        body.append(
            f'<circle cx="9" cy="{_num(y + _CELL / 2)}" r="4" '
            f'fill="{STATUS_COLOURS.get(status, _EMPTY)}"><title>{escape(status)}</title></circle>'
        )
        body.append(_text(20, y + _CELL / 2 + 4, labels[n]))
        cells: Mapping[str, str] = row.get("cells", {})
        for col, outlet in enumerate(outlets):
            mark = cells.get(outlet)
            tip = f"{outlet}: {mark or 'not carried'} — {row['label']}"
            body.append(
                f'<rect x="{_num(label_w + col * _CELL + 1)}" y="{_num(y + 1)}" '
                f'width="{_CELL - 2}" height="{_CELL - 2}" rx="3" '
                f'fill="{MARK_COLOURS.get(mark or "", _EMPTY)}"><title>{escape(tip)}</title></rect>'
            )
    body.extend(_legend(legend_y, [*MARK_COLOURS.items(), ("not carried", _EMPTY)]))
    width = label_w + grid_w + rise + 12
    return _svg(width, legend_y + 12, "Claims by outlet", body)


def _legend(y: float, entries: Sequence[tuple[str, str]], x: float = 8) -> list[str]:
    parts = []
    for name, colour in entries:
        parts.append(
            f'<rect x="{_num(x)}" y="{_num(y - 10)}" width="12" height="12" rx="2" fill="{colour}"/>'
        )
        parts.append(_text(x + 17, y, name))
        x += 30 + _CHAR * len(name)
    return parts


# --- the timeline ---------------------------------------------------------------------

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_PART = re.compile(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)")
_YEARS = re.compile(r"\d{2,4}")
# First month and length in months of the parts of a year (seasons as meteorologists
# count them: winter 2031 runs from December 2031 into February 2032).
_PARTS = {"Q1": (1, 3), "Q2": (4, 3), "Q3": (7, 3), "Q4": (10, 3), "H1": (1, 6), "H2": (7, 6)}
_PARTS |= {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}


def _months_later(start: date, months: int) -> date:
    """The last day of the ``months``-month period starting on the first of ``start``'s month."""
    index = start.year * 12 + start.month - 1 + months - 1
    year, month = divmod(index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def period(value: str) -> tuple[date, date] | None:
    """The first and last day a TIMEX3-style value covers: "2031-05-13", "2031-W20",
    "2031-W20-WE" (the weekend), "2031-05", "2031-Q2", "2031-SU", "2031", "203" (the
    decade), "20" (the century); None for what cannot be placed on a calendar."""
    try:
        if m := _DAY.match(value):  # also "2031-05-13T22:00"
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _WEEK.fullmatch(value):
            first = date.fromisocalendar(int(m[1]), int(m[2]), 6 if m[3] else 1)
            return first, date.fromisocalendar(int(m[1]), int(m[2]), 7)
        if m := _MONTH.fullmatch(value):
            first = date(int(m[1]), int(m[2]), 1)
            return first, _months_later(first, 1)
        if m := _PART.fullmatch(value):
            month, length = _PARTS[m[2]]
            first = date(int(m[1]), month, 1)
            return first, _months_later(first, length)
        if _YEARS.fullmatch(value):
            span = 10 ** (4 - len(value))  # a year, a decade or a century
            first_year = int(value) * span
            return date(first_year, 1, 1), date(first_year + span - 1, 12, 31)
    except ValueError:  # "2031-13", "2031-W54", year 0: not on the calendar
        return None
    return None


def _ticks(start: date, end: date) -> list[tuple[float, str]]:
    """At most about seven labelled ticks between ``start`` and ``end`` (exclusive), as
    (days from ``start``, label): days at their middle, else firsts of months or years."""
    days = (end - start).days
    if days <= 62:
        step = max(1, math.ceil(days / 7))
        ticks = [
            (n + 0.5, (start + timedelta(n)).strftime("%b %d").replace(" 0", " "))
            for n in range(0, days, step)
        ]
        ticks[0] = (ticks[0][0], f"{ticks[0][1]}, {start.year}")
        return ticks
    if days <= 3 * 366:
        months = (end.year - start.year) * 12 + end.month - start.month
        step = max(1, math.ceil(months / 6))
        firsts = [_months_later(start, n).replace(day=1) for n in range(1, months + 1, step)]
        return [((d - start).days, d.strftime("%b %Y")) for d in firsts if d < end]
    step = max(1, math.ceil((end.year - start.year) / 6))
    return [
        ((date(y, 1, 1) - start).days, str(y)) for y in range(start.year + 1, end.year + 1, step)
    ]


def chronological(timeline: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Timeline entries by the first day of their period, so that "2031-W19" comes before
    "2031-12" (as text it sorts after); a day before the month or week that starts on it,
    and dates that cannot be placed last, in their order."""

    def key(entry: Mapping[str, Any]) -> tuple[bool, date, date]:
        span = period(str(entry["date"]))
        return (span is None, *(span or (date.min, date.min)))

    return sorted(timeline, key=key)


class _Axis:
    """Days mapped onto the horizontal span from ``x0`` to ``x1``."""

    def __init__(self, spans: Sequence[tuple[date, date]], x0: float, x1: float) -> None:
        self.start = min(s[0] for s in spans)
        self.end = max(s[1] for s in spans) + timedelta(1)  # the last day counts whole
        self.x0, self.x1 = x0, x1
        self.scale = (x1 - x0) / (self.end - self.start).days

    def x(self, days: float) -> float:
        return self.x0 + days * self.scale

    def draw(self, top: float, bottom: float) -> list[str]:
        parts = [
            f'<line x1="{_num(self.x0)}" y1="{_num(top)}" x2="{_num(self.x1)}" '
            f'y2="{_num(top)}" stroke="#555"/>'
        ]
        for days, name in _ticks(self.start, self.end):
            tx = _num(self.x(days))
            parts.append(
                f'<line x1="{tx}" y1="{_num(top - 4)}" x2="{tx}" y2="{_num(bottom)}" '
                f'stroke="#e2e2e8"/>'
            )
            parts.append(_text(self.x(days), top - 8, name, 'text-anchor="middle" font-size="10"'))
        return parts

    def days(self, day: date) -> int:
        return (day - self.start).days


def timeline_svg(timeline: Sequence[Mapping[str, Any]]) -> Markup:
    """One row per dated statement: its date and words on the left, and on a shared
    horizontal axis a marker for its date: a day at its middle, a longer period (week,
    month, ...) as a bar across it with the marker at its start."""
    if not timeline:
        return Markup("")
    timeline = chronological(timeline)
    spans = [period(str(e["date"])) for e in timeline]
    placed = [s for s in spans if s]
    top = 34.0
    bottom = top + _ROW * len(timeline)
    axis = _Axis(placed, 470.0, 900.0) if placed else None
    body = axis.draw(top, bottom) if axis else []
    for n, (entry, span) in enumerate(zip(timeline, spans, strict=True)):
        y = top + _ROW * n + _ROW / 2 + 4
        text = str(entry["text"])
        body.append(_text(8, y, entry["date"], 'font-size="11"'))
        body.append(_text(96, y, shorten(text, _TIMELINE_LABEL), title=text))
        if axis is None or span is None:
            body.append(_text(470, y, "date not placed", 'fill="#777" font-size="11"'))
            continue
        colour = STATUS_COLOURS.get(str(entry.get("status")), _EMPTY)
        first, last = axis.days(span[0]), axis.days(span[1]) + 1
        if last - first > 1:
            body.append(
                f'<rect x="{_num(axis.x(first))}" y="{_num(y - 9)}" '
                f'width="{_num(axis.x(last) - axis.x(first))}" height="6" rx="3" '
                f'fill="{colour}" opacity="0.45"/>'
            )
        centre = axis.x(first if last - first > 1 else first + 0.5)
        tip = f"{entry['date']} ({entry.get('status')}): {text}"
        body.append(
            f'<circle cx="{_num(centre)}" cy="{_num(y - 6)}" r="5" fill="{colour}">'
            f"<title>{escape(tip)}</title></circle>"
        )
    body.extend(_legend(bottom + 22, list(STATUS_COLOURS.items())))
    return _svg(916, bottom + 30, "Timeline", body)

"""Who copied whom: the direction and kind of a reuse link, with the evidence for it.

Evidence, strongest first: the copy credits the source ("With reporting by AP"); the
copy carries the source's agency dateline ("SEOUL (AP) —" in another outlet's
article); the source was published earlier; the copy contains the source's passages
plus its own reporting. Each piece of evidence is written out for the reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from corroborate.records import Article, PubDate
from corroborate.reuse.align import Alignment

__all__ = ["Direction", "copy_says_so", "decide", "kind_of", "own_names"]

# Points each kind of evidence adds to one direction. A credit or a dateline is the
# copy saying where its text came from; publication order and containment only hint.
CREDIT_POINTS = 3
DATELINE_POINTS = 2
EARLIER_POINTS = 2
CONTAINMENT_POINTS = 1
# The source is "contained" when the copy holds this much more of it than it holds of
# the copy: a short wire story inside a longer rewrite.
CONTAINMENT_MARGIN = 0.25
# Kinds, by how much of each text is shared (calibrated on the example corpus: its
# near-verbatim copy shares 0.9+ of the wire story, its partial rewrite about 0.4).
DUPLICATE_COVERAGE = 0.9
WIRE_COPY_COVERAGE = 0.5


@dataclass(frozen=True)
class Direction:
    source: Article
    copy: Article
    directed: bool
    evidence: tuple[str, ...]


def own_names(article: Article) -> set[str]:
    """Names the article's own outlet goes by: its outlet, and its dateline agency when
    that agency is the outlet itself ("Meridian Wire" is "MW"; "AP" from the dateline)."""
    names = set()
    if article.outlet:
        names.add(article.outlet.lower())
    agency = article.dateline.agency if article.dateline else None
    if agency and (
        article.outlet_from == "dateline"
        or (article.outlet and agency.lower() == _initials(article.outlet))
    ):
        names.add(agency.lower())
    return names


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper()).lower()


def decide(a: Article, b: Article, alignment: Alignment) -> Direction:
    """Which of ``a`` (aligned as source) and ``b`` (as copy) is the source."""
    for_a, for_b = _evidence(a, b, alignment), _evidence(b, a, _swap(alignment))
    score_a = sum(points for points, _ in for_a)
    score_b = sum(points for points, _ in for_b)
    if score_a == score_b:
        return Direction(a, b, False, ("no evidence of direction",))
    if score_a > score_b:
        return Direction(a, b, True, tuple(text for _, text in for_a))
    return Direction(b, a, True, tuple(text for _, text in for_b))


def _evidence(source: Article, copy: Article, alignment: Alignment) -> list[tuple[int, str]]:
    """Evidence that ``source`` is the source of ``copy``."""
    found = []
    names = own_names(source)
    credited = [c for c in copy.credits if c.lower() in names]
    copy_names = own_names(copy)
    if credited and not any(c.lower() in copy_names for c in credited):
        found.append((CREDIT_POINTS, f"{_outlet(copy)} credits {credited[0]}"))
    agency = copy.dateline.agency if copy.dateline else None
    if agency and agency.lower() in names and agency.lower() not in copy_names:
        found.append((DATELINE_POINTS, f"{_outlet(copy)} carries the {agency} dateline"))
    order = _compare_dates(source.published, copy.published)
    if order < 0:
        when = source.published.iso() if source.published else "?"
        found.append((EARLIER_POINTS, f"{_outlet(source)} published earlier ({when})"))
    if alignment.coverage_source - alignment.coverage_copy >= CONTAINMENT_MARGIN:
        found.append(
            (CONTAINMENT_POINTS, f"{_outlet(copy)} holds its passages plus its own reporting")
        )
    return found


def _swap(alignment: Alignment) -> Alignment:
    return Alignment((), alignment.coverage_copy, alignment.coverage_source)


def _outlet(article: Article) -> str:
    return article.outlet or "the unattributed article"


def _compare_dates(a: PubDate | None, b: PubDate | None) -> int:
    """-1 when ``a`` is surely earlier than ``b``, 1 when surely later, else 0."""
    if a is None or b is None or a.is_partial or b.is_partial:
        return 0
    day_a, day_b = (a.year, a.month, a.day), (b.year, b.month, b.day)
    if day_a != day_b:
        return -1 if day_a < day_b else 1
    if a.time and b.time and a.time[:8] != b.time[:8] and a.time[8:] == b.time[8:]:
        return -1 if a.time < b.time else 1  # same day, same zone: the clock tells
    return 0


def copy_says_so(evidence: tuple[str, ...] | list[str]) -> bool:
    """Whether the evidence includes the copy's own word: a credit or a copied dateline
    (publication order and containment only hint)."""
    return any(" credits " in e or " dateline" in e for e in evidence)


def kind_of(coverage_source: float, coverage_copy: float, credited: bool) -> str:
    """duplicate, wire_copy or partial_reuse: by how much of each text is shared, and
    whether the copy says where it came from (a credited near-copy is wire copy)."""
    if coverage_source >= DUPLICATE_COVERAGE and coverage_copy >= DUPLICATE_COVERAGE:
        return "wire_copy" if credited else "duplicate"
    if coverage_source >= WIRE_COPY_COVERAGE:
        return "wire_copy"
    return "partial_reuse"

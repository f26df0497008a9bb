"""Direction and kind: credits, datelines, publication order, containment."""

from __future__ import annotations

from corroborate import PubDate, RawDocument, make_article
from corroborate.records import Article
from corroborate.reuse.align import Alignment
from corroborate.reuse.direction import decide, kind_of, own_names

BODY = "The harbour authority closed the east pier on Tuesday after divers found cracks."


def _article(text: str, outlet: str | None, published: PubDate | None = None) -> Article:
    return make_article(
        RawDocument(
            text=text, source=f"{outlet}.txt", outlet=outlet, published=published, plain=True
        )
    )


def test_credit_line_points_at_the_source() -> None:
    wire = _article(f"KELSO BAY, Estria (CW) — {BODY}", "Coastal Wire")
    paper = _article(f"{BODY}\n\nWith reporting by CW", "Bay Daily")
    result = decide(paper, wire, Alignment((), 0.5, 0.5))
    assert (result.source, result.copy, result.directed) == (wire, paper, True)
    assert "Bay Daily credits CW" in result.evidence


def test_copied_dateline_points_at_the_agency() -> None:
    wire = _article(f"KELSO BAY, Estria (CW) — {BODY}", None)  # outlet from its dateline
    paper = _article(f"KELSO BAY, Estria (CW) — {BODY} More to come.", "Bay Daily")
    assert own_names(wire) == {"cw"}
    result = decide(paper, wire, Alignment((), 0.9, 0.9))
    assert result.source is wire and "Bay Daily carries the CW dateline" in result.evidence


def test_earlier_publication_points_at_the_source() -> None:
    early = _article(BODY, "Bay Daily", PubDate(2031, 5, 2, source="field"))
    late = _article(BODY + " Crews returned.", "City Post", PubDate(2031, 5, 3, source="field"))
    result = decide(late, early, Alignment((), 0.5, 0.5))
    assert result.source is early and result.directed


def test_no_evidence_leaves_the_link_undirected() -> None:
    a, b = _article(BODY, "Bay Daily"), _article(BODY + " Crews returned.", "City Post")
    assert decide(a, b, Alignment((), 0.6, 0.6)).directed is False


def test_partial_dates_say_nothing_about_order() -> None:
    a = _article(BODY, "Bay Daily", PubDate(None, 5, 2, source="dateline"))
    b = _article(BODY + " Crews returned.", "City Post", PubDate(2031, 5, 3, source="field"))
    assert decide(a, b, Alignment((), 0.6, 0.6)).directed is False


def test_kinds() -> None:
    assert kind_of(0.95, 0.93, credited=False) == "duplicate"
    assert kind_of(0.95, 0.93, credited=True) == "wire_copy"
    assert kind_of(0.6, 0.3, credited=False) == "wire_copy"
    assert kind_of(0.3, 0.2, credited=True) == "partial_reuse"

"""Claims to plain dicts and back (invented records)."""

from __future__ import annotations

from corroborate.claims.serial import claim_from_dict, claim_to_dict
from corroborate.records import Claim, Span, TimeRef


def _claim(*times: TimeRef) -> Claim:
    return Claim(id="c1", article_id="a1", content=Span("a1", 0, 60), kind="outlet", times=times)


def test_a_duration_keeps_its_kind_through_a_dict() -> None:
    claim = _claim(
        TimeRef(Span("a1", 10, 21), "P3W", "week", "a length of time", kind="duration"),
        TimeRef(Span("a1", 30, 36), "2031-03-11", "day", "weekday on or before publication"),
    )
    data = claim_to_dict(claim)
    assert [t["kind"] for t in data["times"]] == ["duration", "date"]
    assert claim_from_dict(data) == claim


def test_a_time_stored_before_kinds_existed_loads_as_a_date() -> None:
    data = claim_to_dict(_claim(TimeRef(Span("a1", 30, 36), "2031-03-11", "day")))
    del data["times"][0]["kind"]
    assert claim_from_dict(data).times[0].kind == "date"

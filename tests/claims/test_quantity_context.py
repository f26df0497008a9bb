"""What a count's context says: a duration after "in" is a time."""

from __future__ import annotations

from corroborate.claims.nlp import parse
from corroborate.claims.quantities import find_quantities

Row = tuple[float | None, float | None, float | None, str | None, str | None]


def rows(text: str) -> list[Row]:
    return [(q.value, q.low, q.high, q.unit, q.hedge) for q in find_quantities(parse(text), "a")]


def test_a_duration_after_in_is_a_time_not_an_amount() -> None:
    assert (
        rows(
            "Crews fought a blaze at a grain store in Pellham, its third fire in less than a week."
        )
        == []
    )
    assert rows("The bridge will reopen in two weeks.") == []
    # How long something lasted is an amount, and so is a bound on when.
    assert rows("The store burned for more than 9 hours.") == [
        (9.0, 9.0, None, "hours", "more than")
    ]
    assert rows("Power was back within 24 hours.") == [(24.0, None, 24.0, "hours", "within")]
    assert rows("Pumps will run for at least another day.") == [
        (1.0, 1.0, None, "days", "at least")
    ]

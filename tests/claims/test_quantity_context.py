"""What a count's context says: a duration after "in" is a time; a bare total counts
what the sentence counted before it."""

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


def test_a_total_that_does_not_say_of_what_counts_what_the_sentence_counted() -> None:
    text = (
        "Police moved about 300 more families out of Tollby on Friday, bringing the "
        "total evacuated since Monday to more than 1,200."
    )
    assert rows(text) == [
        (300.0, 300.0, 300.0, "families", "about"),
        (1200.0, 1200.0, None, "families", "more than"),
    ]
    assert rows("The total rose to 40 on Friday.") == [(40.0, 40.0, 40.0, None, None)]

"""Dates an article mentions, read from its tokens, as spans of days."""

from __future__ import annotations

from datetime import date

from corroborate.records import Article, PubDate
from corroborate.stories.dates import MAX_MENTIONS, mentioned_days
from corroborate.stories.features import article_features

PUBLISHED = date(2031, 5, 3).toordinal()


def spans(text: str, published: int | None = PUBLISHED) -> list[tuple[str, str]]:
    found = article_features(
        Article(
            id="a1",
            text=text,
            published=None
            if published is None
            else PubDate(*date.fromordinal(published).timetuple()[:3]),
        )
    ).mentioned
    return [(date.fromordinal(a).isoformat(), date.fromordinal(b).isoformat()) for a, b in found]


def test_full_dates_and_months_of_a_year() -> None:
    assert spans("The Harlow mill burned on May 3, 2029, and again on 14 June 2030.") == [
        ("2029-05-03", "2029-05-03"),
        ("2030-06-14", "2030-06-14"),
    ]
    assert spans("He was convicted of an April 2027 shooting in Brannock.") == [
        ("2027-04-01", "2027-04-30")
    ]
    assert spans("The fair opened on the 3rd May 2029 and shut on June 9th, 2029.") == [
        ("2029-05-03", "2029-05-03"),
        ("2029-06-09", "2029-06-09"),
    ]
    # A year alone is too wide to place a report in a story's time.
    assert spans("The quarry has been closed since 2026.") == []
    # An abbreviated month with its full stop, and a date in capitals.
    assert spans("Dec. 16, 2028: the vote.") == [("2028-12-16", "2028-12-16")]
    assert spans("DECEMBER 16, 2028") == [("2028-12-16", "2028-12-16")]


def test_a_month_or_day_without_a_year_is_the_latest_before_publication() -> None:
    # Published 3 May 2031: "June 8" is last year's, "in April" this year's.
    assert spans("The crash on June 8 was filmed. The trial opened in April.") == [
        ("2030-06-08", "2030-06-08"),
        ("2031-04-01", "2031-04-30"),
    ]
    # Without a publication day there is nothing to place them by.
    assert spans("The crash on June 8 was filmed.", published=None) == []


def test_names_quantities_and_verbs_are_not_dates() -> None:
    assert spans("May Tallis said 2029 votes were cast. The crowds may march on.") == []
    assert spans("Jan Oberg, the mayor, spoke.") == []


def test_mentions_are_distinct_and_bounded() -> None:
    text = " ".join(
        f"In March {year} it flooded, and in March {year} again." for year in range(2020, 2030)
    )
    found = spans(text)
    assert len(found) == MAX_MENTIONS
    assert found[0] == ("2020-03-01", "2020-03-31")


def test_mentioned_days_reads_tokens() -> None:
    assert mentioned_days(["on", "3", "May", "2029"], None) == [(date(2029, 5, 3).toordinal(),) * 2]

"""Time expressions normalised against the publication date (invented sentences)."""

from __future__ import annotations

import time

import pytest

from corroborate.claims.timex import complete_date, find_times
from corroborate.records import PubDate, TimeRef

# Wednesday 16 October 2024
WED = PubDate(2024, 10, 16, source="field")


def times(
    text: str, published: PubDate | None = WED, *, durations: bool = True
) -> list[tuple[str, str | None]]:
    refs = find_times(text, published, "a1", durations=durations)
    return [(ref.span.of(text), ref.value) for ref in refs]


def value_of(text: str, expression: str, published: PubDate | None = WED) -> str | None:
    for ref in find_times(text, published):
        if ref.span.of(text) == expression:
            return ref.value
    raise AssertionError(f"{expression!r} not found in {times(text, published)}")


# --- explicit dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The bridge at Corrick reopened on October 22, 2023.", "October 22, 2023", "2023-10-22"),
        ("The council met on Oct. 2 to vote.", "Oct. 2", "2024-10-02"),
        ("The ferry sank on 3 March 2019 off Velloy.", "3 March 2019", "2019-03-03"),
        ("Records dated 2024-10-22 were released.", "2024-10-22", "2024-10-22"),
        ("The memo, dated 7/8/21, was leaked.", "7/8/21", "2021-07-08"),
        ("The survey ended 25/12/2022 in Ostrevia.", "25/12/2022", "2022-12-25"),
        ("The plant closed in November 2006.", "November 2006", "2006-11"),
        ("The mayor arrived on the 4th of July, 2010.", "the 4th of July, 2010", "2010-07-04"),
    ],
)
def test_explicit_dates(text: str, expression: str, value: str) -> None:
    assert value_of(text, expression) == value


def test_weekday_before_a_date_is_part_of_it() -> None:
    text = "The strike began on Monday, Oct. 14, at the Kesmar depot."
    assert times(text) == [("Monday, Oct. 14", "2024-10-14")]


def test_time_of_day_stays_a_day() -> None:
    text = "The fire started at 11 p.m. Monday near the harbour."
    refs = find_times(text, WED)
    assert [(r.span.of(text), r.value, r.granularity) for r in refs] == [
        ("11 p.m. Monday", "2024-10-14", "day")
    ]


def test_month_day_takes_the_year_nearest_publication() -> None:
    # published in early January: "December 30" was a week ago, last year
    assert value_of("Snow fell on December 30.", "December 30", PubDate(2025, 1, 6)) == "2024-12-30"
    assert value_of("The vote was held on May 13.", "May 13") == "2024-05-13"


def test_month_day_in_the_future_tense_moves_to_next_year() -> None:
    text = "The museum will reopen on March 3."
    assert value_of(text, "March 3") == "2025-03-03"


# --- weekdays and tense -----------------------------------------------------------------


def test_bare_weekday_in_past_tense_is_on_or_before_publication() -> None:
    assert value_of("Officials said Tuesday that the dam held.", "Tuesday") == "2024-10-15"
    # the publication day itself
    assert value_of("The ministry announced the cuts Wednesday.", "Wednesday") == "2024-10-16"


def test_bare_weekday_in_future_tense_is_the_next_such_day() -> None:
    assert value_of("The court will rule on Friday.", "Friday") == "2024-10-18"
    assert value_of("The talks are expected to resume Monday.", "Monday") == "2024-10-21"


def test_last_and_next_weekday() -> None:
    assert value_of("He left last Wednesday.", "last Wednesday") == "2024-10-09"
    assert value_of("They meet next Wednesday.", "next Wednesday") == "2024-10-23"


def test_named_days_and_plural_weekdays_are_not_dates() -> None:
    text = "Shares fell on what traders called Black Monday. The market opens on Sundays."
    refs = find_times(text, WED)
    assert [(r.span.of(text), r.value) for r in refs] == [("Monday", None)]
    assert refs[0].how == "named day"


def test_tense_from_the_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    from corroborate.claims.nlp import parse

    text = "Officials in Velloy said on Thursday that the dam will open."
    doc = parse(text)
    refs = find_times(text, WED, doc=doc)
    # "said" governs Thursday, not "will open": past, the Thursday before publication
    assert [(r.span.of(text), r.value) for r in refs] == [("Thursday", "2024-10-10")]
    future = "The new Velloy dam will open on Thursday."
    assert find_times(future, WED, doc=parse(future))[0].value == "2024-10-17"


def test_a_parse_of_another_text_is_ignored() -> None:
    from corroborate.claims.nlp import parse

    text = "The dam opened Thursday."
    refs = find_times(text, WED, doc=parse("Something else entirely."))
    assert [r.value for r in refs] == ["2024-10-10"]


# --- relative expressions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expression", "value", "granularity"),
    [
        ("The storm hit yesterday.", "yesterday", "2024-10-15", "day"),
        ("Results are due today.", "today", "2024-10-16", "day"),
        ("The jury returns tomorrow.", "tomorrow", "2024-10-17", "day"),
        ("Prices rose last week.", "last week", "2024-W41", "week"),
        ("Talks continue this week.", "this week", "2024-W42", "week"),
        ("The report comes out next week.", "next week", "2024-W43", "week"),
        ("Sales fell this month.", "this month", "2024-10", "month"),
        ("Sales fell last month.", "last month", "2024-09", "month"),
        ("The law passed last year.", "last year", "2023", "year"),
        ("The mine reopened earlier this year.", "earlier this year", "2024", "year"),
        ("The mine closed two years ago.", "two years ago", "2022", "year"),
        ("The well ran dry three days ago.", "three days ago", "2024-10-13", "day"),
    ],
)
def test_relative_to_publication(text: str, expression: str, value: str, granularity: str) -> None:
    refs = [r for r in find_times(text, WED) if r.span.of(text) == expression]
    assert [(r.value, r.granularity) for r in refs] == [(value, granularity)]


def test_bare_month_is_the_nearest_past_one_unless_future() -> None:
    assert value_of("The harvest failed in June.", "June") == "2024-06"
    # a month after publication month, past tense: last year's
    assert value_of("The harvest failed in December.", "December") == "2023-12"
    assert value_of("The bridge will be finished by December.", "December") == "2024-12"
    assert value_of("The bridge will be finished in June.", "June") == "2025-06"
    assert value_of("Fares rose since November.", "November") == "2023-11"


def test_month_granularity_is_kept() -> None:
    ref = find_times("The harvest failed in June.", WED)[0]
    assert (ref.value, ref.granularity) == ("2024-06", "month")


def test_may_and_march_need_context() -> None:
    assert times("Ministers may march on the capital.") == []
    assert times("Protesters returned in May.") == [("May", "2024-05")]
    assert times("Protesters may return in May.") == [("May", "2025-05")]  # future: next May


def test_that_day_points_at_the_last_day_mentioned() -> None:
    text = "The quake struck on October 2. Rescuers arrived later that day."
    assert value_of(text, "that day") == "2024-10-02"
    text = "The flood began on Monday. The next day, the river fell."
    assert value_of(text, "The next day") == "2024-10-15"


def test_plain_numbers_are_not_years_unless_context_says_so() -> None:
    assert times("About 2019 people signed the petition.") == []
    assert times("The index closed at 1850 points.") == []
    assert value_of("The port was built in 2019.", "2019") == "2019"
    assert value_of("Since 1998, the port has grown.", "1998") == "1998"
    assert value_of("Ostrevia's 2019 harvest was poor.", "2019") == "2019"
    assert value_of("It was 2019's worst storm.", "2019's") == "2019"
    text = "Floods struck in 2009, 2011 and 2014."
    assert [v for _, v in times(text)] == ["2009", "2011", "2014"]


def test_quarters_seasons_decades() -> None:
    assert value_of("Profits rose in the third quarter of 2023.", "the third quarter of 2023") == (
        "2023-Q3"
    )
    assert value_of("The ferry ran until the 1990s.", "the 1990s") == "199"
    assert value_of("The canal opens next summer.", "next summer") == "2025-SU"
    ref = find_times("The ferry ran until the 1990s.", WED)[0]
    assert ref.granularity == "unknown"  # TimeRef has no "decade"
    assert times("She is in her 70s.") == []


def test_vague_expressions_are_kept_unresolved() -> None:
    refs = find_times("The dam has recently been repaired.", WED)
    assert [(r.value, r.granularity) for r in refs] == [(None, "unknown")]
    assert "past" in refs[0].how


# --- partial or missing publication dates -------------------------------------------------


def test_no_publication_date() -> None:
    text = "The fire began on Tuesday and spread by May 13, 2021. It ended on June 2."
    assert times(text, None) == [
        ("Tuesday", None),
        ("May 13, 2021", "2021-05-13"),
        ("June 2", "--06-02"),
    ]
    refs = find_times("Rain fell yesterday.", None)
    assert (refs[0].value, refs[0].granularity) == (None, "unknown")


def test_partial_publication_date_without_year() -> None:
    partial = PubDate(None, 5, 14, source="dateline")
    assert times("The fire began on Tuesday.", partial) == [("Tuesday", None)]
    assert times("The fire began on May 13.", partial) == [("May 13", "--05-13")]
    assert times("The fire began yesterday.", partial) == [("yesterday", "--05-13")]
    # a day shift across the end of February depends on the year: not guessed
    assert times("It began yesterday.", PubDate(None, 3, 1)) == [("yesterday", None)]


def test_partial_publication_date_without_day() -> None:
    month_only = PubDate(2024, 10, None)
    assert times("Sales fell last month.", month_only) == [("last month", "2024-09")]
    assert times("Sales fell on Tuesday.", month_only) == [("Tuesday", None)]


# --- complete_date ----------------------------------------------------------------------


def test_complete_date_takes_the_year_of_the_nearest_full_date() -> None:
    partial = PubDate(None, 5, 14, source="dateline")
    others = [PubDate(2023, 5, 15), PubDate(None, 5, 16), PubDate(2019, 1, 2)]
    assert complete_date(partial, others) == PubDate(2023, 5, 14, source="dateline")
    # across the new year
    assert complete_date(PubDate(None, 12, 31), [PubDate(2025, 1, 2)]) == PubDate(2024, 12, 31)


def test_complete_date_leaves_what_it_cannot_help() -> None:
    partial = PubDate(None, 5, 14)
    assert complete_date(partial, []) is partial
    assert complete_date(partial, [PubDate(None, 5, 15)]) is partial
    assert complete_date(partial, [PubDate(2023, 11, 1)]) is partial  # too far away
    full = PubDate(2024, 1, 1)
    assert complete_date(full, [PubDate(2023, 5, 15)]) is full
    assert complete_date(None, [PubDate(2023, 5, 15)]) is None


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["", "   ", "1234567890 2020 2021", '"""\'\'\'""', "\n\n\n", "–—-/:", "31/31/31"]
)
def test_bad_input_does_not_crash(text: str) -> None:
    refs = find_times(text, WED)
    assert all(isinstance(r, TimeRef) and 0 <= r.span.start < r.span.end <= len(text) for r in refs)


def test_impossible_dates_stay_unresolved() -> None:
    assert times("It happened on February 30, 2023.") == [("February 30, 2023", None)]


def test_impossible_publication_date_is_survived() -> None:
    assert times("It rained yesterday.", PubDate(2024, 2, 30)) == [("yesterday", None)]


def test_a_megabyte_of_text_is_fast() -> None:
    text = "The Velloy council met on Monday, Oct. 14, and again last week in 2019. " * 14_000
    began = time.perf_counter()
    refs = find_times(text, WED)
    assert len(refs) == 3 * 14_000
    assert time.perf_counter() - began < 10


# --- tense, week of a month, vague and anaphoric expressions -----------------------------


def test_headline_infinitive_speaks_of_the_future() -> None:
    from corroborate.claims.nlp import parse

    # headline style "Ports to stay shut until Friday"; the date line below it is not
    # part of its clause, though the parser may join them
    text = "Velloy ports to stay shut until Friday\nOctober 16, 2024\n\nThe storm moved north."
    refs = find_times(text, WED, doc=parse(text))
    assert (refs[0].span.of(text), refs[0].value) == ("Friday", "2024-10-18")


def test_a_state_kept_until_a_day_takes_the_tense_of_the_verb_keeping_it() -> None:
    from corroborate.claims.nlp import parse

    text = "The council has continued to keep all the ferry routes closed until Friday."
    refs = find_times(text, WED, doc=parse(text))
    assert [(r.span.of(text), r.value) for r in refs] == [("Friday", "2024-10-18")]
    past = "The ferries stayed docked until Friday."
    assert find_times(past, WED, doc=parse(past))[0].value == "2024-10-11"


def test_week_of_a_month_is_the_iso_week_holding_most_of_it() -> None:
    text = "Orders recovered in the last week of September."
    assert times(text) == [("the last week of September", "2024-W39")]
    text = "The depot closed in the first week of March 2023."
    assert times(text) == [("the first week of March 2023", "2023-W09")]


@pytest.mark.parametrize(
    ("text", "expression", "how"),
    [
        ("The mayor warned of the mistakes of the past.", "the past", "past"),
        ("Prices had, at one point, doubled.", "one point", "moment"),
        ("Details will be released at a later date.", "a later date", "future"),
        ("The mill closed, ending the Corrick era.", "the Corrick era", "period"),
    ],
)
def test_more_vague_expressions(text: str, expression: str, how: str) -> None:
    refs = [r for r in find_times(text, WED) if r.span.of(text) == expression]
    assert [r.value for r in refs] == [None]
    assert how in refs[0].how


def test_the_past_before_a_count_is_not_the_vague_past() -> None:
    # "the past nine days" is a span of time, not "the past"
    assert times("The river rose in the past nine days.") == [("the past nine days", "P9D")]
    assert times("The river rose in the past nine days.", durations=False) == []


def test_late_in_the_day_is_the_day_spoken_of() -> None:
    text = "On Monday shares fell, then rallied late in the day after the report."
    assert value_of(text, "late in the day") == "2024-10-14"


def test_a_delay_against_a_plan_is_not_counted_from_the_last_date() -> None:
    text = "The ferry arrives on October 20, three days later than planned."
    assert value_of(text, "three days later") == "2024-10-20"
    text = "The ferry left on October 2. It arrived a week later than expected."
    assert value_of(text, "a week later") is None


def test_a_quarter_with_no_tense_to_go_by_is_the_nearest_one() -> None:
    # published in October (the fourth quarter): nothing in the clause marks a tense
    text = "The board has agreed to cuts, resulting in closures during the first quarter."
    assert value_of(text, "the first quarter") == "2025-Q1"
    text = "The board has agreed to cuts, resulting in closures during the third quarter."
    assert value_of(text, "the third quarter") == "2024-Q3"
    # a past tense still looks back
    assert value_of("Sales fell in the first quarter.", "the first quarter") == "2024-Q1"


def test_the_same_period_a_year_earlier_is_a_period_not_a_day() -> None:
    text = (
        "Profit rose in the third quarter, which ended on Sept. 30, from the same period "
        "a year earlier."
    )
    assert value_of(text, "the same period a year earlier") == "2023-Q3"
    text = "On Sept. 30 sales doubled from the same day last year."
    assert value_of(text, "the same day last year") == "2023-09-30"
    leap = "On Feb. 29 sales doubled from the same day last year."
    assert value_of(leap, "the same day last year", PubDate(2024, 3, 1)) == "2023-02-28"


def test_now_and_soon_in_compound_adjectives_are_not_times() -> None:
    # they describe the thing, they do not date anything
    assert times("The now-closed depot faces the soon-to-open bridge.") == []
    assert times("The depot is now closed; the bridge opens soon.") == [
        ("now", None),
        ("soon", None),
    ]


def test_a_record_day_or_week_is_the_one_being_reported() -> None:
    text = "On Monday the Velloy index had its worst day in a decade."
    assert value_of(text, "day") == "2024-10-14"
    assert value_of("Shares had their best week since March.", "week") == "2024-W42"
    assert times("The best week to visit Corrick is in May.") == [("May", "2024-05")]


# --- durations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expression", "value", "granularity"),
    [
        ("The strike at the Velloy mill lasted three weeks.", "three weeks", "P3W", "week"),
        ("The index lost 9% in the past nine days.", "the past nine days", "P9D", "day"),
        ("Ferries stopped for a single day.", "a single day", "P1D", "day"),
        ("He spent two years in Corrick.", "two years", "P2Y", "year"),
        ("The plan takes 18 months.", "18 months", "P18M", "month"),
        ("Prices are the lowest in over a decade.", "a decade", "P10Y", "decade"),
        ("It was the worst single-day fall on record.", "single-day", "P1D", "day"),
        ("The union signed a five-year deal.", "five-year", "P5Y", "year"),
        ("The dam held for twenty-five years.", "twenty-five years", "P25Y", "year"),
        ("Repairs took two and a half years.", "two and a half years", "P2.5Y", "year"),
        ("The talks ran for 36 hours.", "36 hours", "PT36H", "unknown"),
        ("The port will close for a few days.", "a few days", "PXD", "day"),
        ("The feud has lasted several decades.", "several decades", "PXDE", "decade"),
        ("Shares fell for six straight days.", "six straight days", "P6D", "day"),
        ("The economy shrank for two consecutive quarters.", "two consecutive quarters",
         "P2Q", "quarter"),
        ("The bridge has been shut for years.", "years", "PXY", "year"),
        ("The fleet was rebuilt over the years.", "the years", "PXY", "year"),
    ],
)  # fmt: skip
def test_durations_are_lengths_of_time_with_their_own_kind(
    text: str, expression: str, value: str, granularity: str
) -> None:
    refs = [r for r in find_times(text, WED) if r.span.of(text) == expression]
    assert [(r.value, r.granularity, r.kind) for r in refs] == [(value, granularity, "duration")]


def test_a_count_of_days_before_an_event_is_a_length_but_ago_is_a_date() -> None:
    text = "Two days after the flood, the depot reopened; it had shut three days ago."
    refs = {r.span.of(text): (r.value, r.kind) for r in find_times(text, WED)}
    assert refs == {"Two days": ("P2D", "duration"), "three days ago": ("2024-10-13", "date")}


@pytest.mark.parametrize(
    "text",
    [
        "The ferry sails twice a year.",  # a set
        "The field yields 100 barrels a day.",  # a rate
        "Buses leave every three days.",  # a set
        "A 10-year-old boy and a man five years old were found.",  # ages
        "One day he left Corrick.",  # a day not named
        "A quarter of the staff and three quarters of the vote.",  # fractions
    ],
)
def test_rates_sets_ages_and_fractions_are_not_durations(text: str) -> None:
    assert [r for r in find_times(text, WED) if r.kind == "duration"] == []


def test_without_durations_the_same_dates_are_found() -> None:
    text = "For three weeks after Monday's vote, the port stayed shut until Friday."
    dates = [r for r in find_times(text, WED) if r.kind == "date"]
    assert find_times(text, WED, durations=False) == dates
    assert [r.span.of(text) for r in dates] == ["Monday", "Friday"]


def test_a_duration_is_not_the_time_that_a_later_expression_points_at() -> None:
    text = "On October 2 the port closed. It stayed shut for three weeks. That day, rain fell."
    assert value_of(text, "That day") == "2024-10-02"


# --- fiscal years ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Velloy Rail lost money in FY2023.", "FY2023", "FY2023"),
        ("Profit for fiscal 2025 will grow.", "fiscal 2025", "FY2025"),
        ("Sales fell in fiscal year 2022.", "fiscal year 2022", "FY2022"),
        ("FY24 results were weak.", "FY24", "FY2024"),
        # named by its place, it needs the organisation's fiscal calendar
        ("Sales fell at the start of the financial year.", "financial year", None),
        ("Profit will rise this fiscal year.", "this fiscal year", None),
    ],
)
def test_fiscal_years_keep_timex3_fiscal_value(
    text: str, expression: str, value: str | None
) -> None:
    assert value_of(text, expression) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # generic "today's": the present age, not the day (TIMEX's PRESENT_REF)
        ("It is a proud time at today's Velloy Rail.", None),
        ("Today's Ostrevia, she said, is a richer country.", None),
        ("Today's teenagers read fewer newspapers.", None),
        # the day's own event or edition
        ("Today's Senate vote on the ferry levy was close.", "2024-10-16"),
        ("The council met before today's vote.", "2024-10-16"),
        ("The levy was reported in today's Harbour Herald.", "2024-10-16"),
    ],
)
def test_generic_today_is_the_present_not_the_day(text: str, value: str | None) -> None:
    refs = find_times(text, WED)
    assert [(r.span.of(text).lower(), r.value) for r in refs] == [("today", value)]


@pytest.mark.parametrize(
    ("headline", "value"),
    [
        ("Velloy ports to stay shut until Friday", "2024-10-18"),  # what is to come
        ("Velloy ports stayed shut until Friday", "2024-10-11"),
        ("Velloy ports were told to stay shut until Friday", "2024-10-11"),
    ],
)
def test_headline_infinitive_speaks_of_the_future_without_a_parse(
    headline: str, value: str
) -> None:
    text = f"{headline}\nOctober 16, 2024\n\nThe storm moved north."
    assert find_times(text, WED)[0].value == value

"""Dates an article mentions, as spans of days: what lets a follow-up published weeks
or years later ("convicted of an April 2007 shooting", "the September attack") meet the
story of the event it reports on.

Read from the tokens the story features already split (features.py), so it costs one
pass of set lookups: full dates ("May 3, 2013", "3 May 2013"), months of a year
("April 2007"), and months or days written without a year ("in September", "on June
8"), placed at the latest such day on or before publication, as news reports what has
happened. A year alone ("since 2019") is not read: a whole year is too wide to place a
report in a story's time (and it made no difference on ECB+ dev). The claims stage's
time expressions (corroborate.claims.timex) read more, but at about a millisecond an
article, slower than the whole story stage.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date

from corroborate.newsmeta import MONTHS

__all__ = ["MAX_MENTIONS", "DaySpan", "mentioned_days"]

DaySpan = tuple[int, int]  # first and last day (proleptic ordinals), inclusive

# An article is compared to a story once per mention: the first few distinct ones are
# enough (the event's own date comes early in a report) and bound the work.
MAX_MENTIONS = 6

# Words that make a following month a time ("in May", "since March"), not a name ("May
# Smith").
_TIME_WORDS = frozenset(
    "in on since during until by from of early late mid last this".split()  # noqa: SIM905
)


# The tokens a date is read around: month names as written in running text or in
# capitals. One set lookup a token finds them.
_MONTH_WORDS = frozenset(form for name in MONTHS for form in (name.capitalize(), name.upper()))
# The tokens split "3rd" into "3" and "rd".
_ORDINAL_ENDINGS = frozenset(("st", "nd", "rd", "th"))


def mentioned_days(tokens: Sequence[str], published: int | None) -> list[DaySpan]:
    """The spans of days that a text's tokens (words, numbers, sentence marks) mention,
    in order. ``published`` (a day number) places months and days written without a
    year; without it they are skipped."""
    spans: list[DaySpan] = []
    used = -1  # tokens up to here belong to a date already read
    for position in [n for n, token in enumerate(tokens) if token in _MONTH_WORDS]:
        if position <= used:
            continue
        found = _day_month(tokens, position, published) or _month_first(tokens, position, published)
        if found is not None:
            span, used = found
            if span is not None and span not in spans:
                spans.append(span)
    return spans


_Found = tuple[DaySpan | None, int]  # a span (None: not placeable) and its last token


def _month_first(tokens: Sequence[str], at: int, published: int | None) -> _Found | None:
    """ "May 3, 2013", "May 3", "April 2007", "April of 2007", "in September"."""
    month = MONTHS[tokens[at].lower()]
    following = at + 1
    if following < len(tokens) and tokens[following] == ".":  # "Dec. 16"
        following += 1
    day = _day_at(tokens, following)
    if day is not None:
        if following + 1 < len(tokens) and tokens[following + 1].lower() in _ORDINAL_ENDINGS:
            following += 1  # "May 3rd" is read as "May", "3", "rd"
        year = _year_at(tokens, following + 1)
        if year is not None:
            return _in_year(year, month, day), following + 1
        return _before(published, month, day), following
    if following < len(tokens) and tokens[following] == "of":
        following += 1
    year = _year_at(tokens, following)
    if year is not None:
        return _in_year(year, month, None), following
    if _after_time_word(tokens, at):
        return _before(published, month, None), at
    return None


def _day_month(tokens: Sequence[str], at: int, published: int | None) -> _Found | None:
    """ "3 May 2013", "3rd May", "3 May": a day before the month at ``at``."""
    before = at - 1
    if before > 0 and tokens[before].lower() in _ORDINAL_ENDINGS:
        before -= 1
    day = _day_at(tokens, before) if before >= 0 else None
    if day is None:
        return None
    month = MONTHS[tokens[at].lower()]
    year = _year_at(tokens, at + 1)
    if year is not None:
        return _in_year(year, month, day), at + 1
    return _before(published, month, day), at


def _day_at(tokens: Sequence[str], at: int) -> int | None:
    token = tokens[at] if at < len(tokens) else ""
    if token.isdigit() and len(token) <= 2 and 1 <= int(token) <= 31:
        return int(token)
    return None


def _year_at(tokens: Sequence[str], at: int) -> int | None:
    token = tokens[at] if at < len(tokens) else ""
    if len(token) == 4 and token.isdigit() and token[:2] in ("19", "20"):
        return int(token)
    return None


def _after_time_word(tokens: Sequence[str], at: int) -> bool:
    return at > 0 and tokens[at - 1].lower() in _TIME_WORDS


def _in_year(year: int, month: int, day: int | None) -> DaySpan | None:
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return date(year, month, 1).toordinal(), date(year, month, last).toordinal()
    if day > last:
        return None
    one = date(year, month, day).toordinal()
    return one, one


def _before(published: int | None, month: int, day: int | None) -> DaySpan | None:
    """The month (or day) of that name on or before the publication day."""
    if published is None:
        return None
    today = date.fromordinal(published)
    year = today.year if (month, day or 1) <= (today.month, today.day) else today.year - 1
    return _in_year(year, month, day)

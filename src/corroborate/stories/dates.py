"""Dates an article mentions, as spans of days: what lets a follow-up published weeks
or years later ("convicted of an April 2007 shooting", "the September attack") meet the
story of the event it reports on.

Read from the tokens the story features already split (features.py), so it costs one
pass of set lookups: full dates ("May 3, 2013", "3 May 2013"), months of a year
("April 2007"), months or days written without a year ("in September", "on June 8"),
placed at the latest such day on or before publication, as news reports what has
happened, and years after a word that makes them a time ("in 2005", "since 2019"). The
claims stage's time expressions (corroborate.claims.timex) read more, but at about a
millisecond an article, slower than the whole story stage.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date

__all__ = ["MAX_MENTIONS", "DaySpan", "mentioned_days"]

DaySpan = tuple[int, int]  # first and last day (proleptic ordinals), inclusive

# An article is compared to a story once per mention: the first few distinct ones are
# enough (the event's own date comes early in a report) and bound the work.
MAX_MENTIONS = 6

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# Words that make a following month or year a time ("in May", "since 2019"), not a
# name or a quantity ("May Smith", "2019 votes").
_TIME_WORDS = frozenset(
    "in on since during until by from of early late mid last this".split()  # noqa: SIM905
)


# The tokens a date is read around: month names as written in running text or in
# capitals, and years. One set lookup a token finds them.
_TRIGGERS = frozenset(
    [form for name in _MONTHS for form in (name.capitalize(), name.upper())]
    + [str(year) for year in range(1900, 2100)]
)


def mentioned_days(tokens: Sequence[str], published: int | None) -> list[DaySpan]:
    """The spans of days that a text's tokens (words, numbers, sentence marks) mention,
    in order. ``published`` (a day number) places months and days written without a
    year; without it they are skipped."""
    spans: list[DaySpan] = []
    used = -1  # tokens up to here belong to a date already read
    for position in [n for n, token in enumerate(tokens) if token in _TRIGGERS]:
        if position <= used:
            continue
        if tokens[position][0].isdigit():
            found = _bare_year(tokens, position)
        else:
            found = _day_month(tokens, position, published) or _month_first(
                tokens, position, published
            )
        if found is not None:
            span, used = found
            if span is not None and span not in spans:
                spans.append(span)
    return spans


_Found = tuple[DaySpan | None, int]  # a span (None: not placeable) and its last token


def _month_first(tokens: Sequence[str], at: int, published: int | None) -> _Found | None:
    """ "May 3, 2013", "May 3", "April 2007", "April of 2007", "in September"."""
    month = _MONTHS[tokens[at].lower()]
    following = at + 1
    if following < len(tokens) and tokens[following] == ".":  # "Dec. 16"
        following += 1
    day = _day_at(tokens, following)
    if day is not None:
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
    """ "3 May 2013", "3 May": a day before the month at ``at``."""
    day = _day_at(tokens, at - 1) if at > 0 else None
    if day is None:
        return None
    month = _MONTHS[tokens[at].lower()]
    year = _year_at(tokens, at + 1)
    if year is not None:
        return _in_year(year, month, day), at + 1
    return _before(published, month, day), at


def _bare_year(tokens: Sequence[str], at: int) -> _Found | None:
    year = _year_at(tokens, at)
    if year is None or not _after_time_word(tokens, at):
        return None
    return (date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()), at


def _day_at(tokens: Sequence[str], at: int) -> int | None:
    token = tokens[at] if at < len(tokens) else ""
    digits = token[:-2] if token[-2:].lower() in ("st", "nd", "rd", "th") else token
    if digits.isdigit() and len(digits) <= 2 and 1 <= int(digits) <= 31:
        return int(digits)
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

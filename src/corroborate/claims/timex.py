"""Time expressions, normalised against the publication date.

:func:`find_times` finds dates, weekdays, months, years, quarters, seasons, decades and
relative expressions ("yesterday", "last week", "earlier this year", "that day", "the last
week of March") and gives each a TIMEX3-style value at its own granularity: "2024-10-22",
"2024-W43", "2024-12", "2024-Q3" (quarter), "2024-SU" (season), "2024", "199" (decade),
"19" (century); "--05-13" when no year can be known. A weekend ("2024-W43-WE") is a week;
a half year ("2024-H1") keeps its value with granularity "unknown". Vague expressions
("recently", "now", "at one point", "a later date", "the Cold War era") and those the
publication date cannot settle keep their span with value None. A fiscal year named as
such ("FY2007", "fiscal 2007") is TIMEX3's "FY2007"; one named by its place ("this fiscal
year") needs the organisation's calendar and stays unresolved.

Lengths of time come back too, with ``kind`` "duration" and TIMEX3 duration values:
"three weeks" P3W, "the past nine days" P9D, "a single day" and "single-day" P1D, "18
months" P18M, "36 hours" PT36H, "a decade" P10Y (decades and centuries counted in years,
as news corpora annotate them), "several years" and "for years" PXY. "A day" and "one
day" count only where they are a length ("for a day"), not a rate ("twice a year") or a
day not named ("One day he left"); "every three days" (a set) and ages ("10-year-old")
are not durations. A count of days before or after a named day is a date ("three days
ago"). ``durations=False`` leaves durations out, as the claims stage does: a claim's
times are dates.

Regular expressions find the candidates; where they overlap the longest wins, and the next
gets its turn when the winner turns out not to be a time. They are resolved in text order,
so that "that day" can point at the last day mentioned. A bare weekday, month, month-day
or quarter takes its direction from the tense around it: the spaCy parse when one is given
(the governing verb and its auxiliaries), else the nearest tense word in the same clause.
Past: the latest such day on or before publication; future: the first on or after it (wire
style names the day of publication by its weekday too). A headline's infinitive ("Ports to
stay shut until Friday") is future; a quarter in a clause with no tense is the nearest one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from corroborate.records import PubDate, Span, TimeRef

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["complete_date", "find_times"]

Granularity = Literal[
    "day", "week", "month", "quarter", "season", "year", "decade", "century", "unknown"
]
_Resolved = tuple[str | None, Granularity, str]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _in_order(text: str) -> list[str]:
    return text.split()


# --- vocabulary -----------------------------------------------------------------------

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?"
    r"|Dec\.?)(?![a-z])"
)
_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon\.|Tue\.|Tues\.|Wed\.|Thu\.|Thur\.|Thurs\.|Fri\.|Sat\.|Sun\.)(?![a-z])"
)
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w:]|[.,]\d)"
_YEAR_DIGITS = r"(?:1[6-9]\d\d|20\d\d)"
_YEAR = _YEAR_DIGITS + r"(?![\w]|[.,]\d)"
_TOD = r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|noon|midnight)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))"
# A weekday in front of a date ("Monday, Oct. 22") or a time of day after one.
_WD_PRE = rf"(?:{_WEEKDAY},?[ \t]+(?:the\s+)?)?"  # not across lines: "Friday\nMay 3" is two
_TOD_POST = rf"(?:,?\s+(?:at|around|about|before|after|by|from)\s+{_TOD})?"
_MONTHS = {
    name: i
    for i, name in enumerate(_in_order("jan feb mar apr may jun jul aug sep oct nov dec"), 1)
}
_NUMBERS = {
    w: i for i, w in enumerate(_in_order("one two three four five six seven eight nine ten"), 1)
}
_NUMBERS |= {"a": 1, "an": 1, "eleven": 11, "twelve": 12}
_ORDINALS = {
    w: i // 2 + 1 for i, w in enumerate(_in_order("first 1st second 2nd third 3rd fourth 4th"))
}
# season -> (TIMEX3 code, place counted from spring; winter belongs to its December's year)
_SEASONS = {"spring": ("SP", 0), "summer": ("SU", 1), "autumn": ("FA", 2), "fall": ("FA", 2)}
_SEASONS["winter"] = ("WI", 3)

_NAMED_DAYS = _words(
    "black cyber super good easter palm ash maundy holy shrove bloody blue fat giving"
)
# Words before a bare month or year that say it is one ("in June", "since 2019").
_TIME_PREPS = _words(
    "in since until till by before after during from through throughout of between early "
    "late mid around circa last next this end beginning start middle "
    "rest remainder year fiscal fy spring summer autumn fall winter"
)
_DURATION_PREPS = _words("over for within during throughout")
_POSSESSIVES = _words("his her their its my our your whose")


def _month_number(word: str) -> int:
    return _MONTHS[word[:3].lower()]


# --- tense ----------------------------------------------------------------------------

_FUTURE_WORDS = re.compile(
    r"\b(?:will|shall|wo\s*n[’']t|won[’']t|would|going\s+to|(?:is|are)\s+to"
    r"|(?-i:should|may|might|must)(?!\s+(?:not\s+)?have\b)|(?:wants?|hopes?|seeks?)\s+to"
    r"|(?:due|set|scheduled|slated|expected|planned|poised)\s+(?:to|for)"
    r"|plans?\s+to|intends?\s+to|aims?\s+to|upcoming|coming|next)\b|[’']ll\b",
    re.IGNORECASE,
)
_PAST_WORDS = re.compile(
    r"\b(?i:was|were|had|did|said|told|ago|last|yesterday|earlier|rose|fell|made|took|gave"
    r"|went|came|began|won|lost|sold|bought|left|held|met|saw|hit|paid|spent|grew|became"
    r"|broke|flew|drove|ran|got|found|brought|kept|led|built|thought|felt|knew|wrote|spoke"
    r"|shut|struck|quit|sank|rang|chose|stood)\b|\b(?!(?:need|speed|feed|seed|indeed|shed|hundred"
    r"|proceed|exceed|succeed|breed|greed|embed)\b)[a-z]{2,}ed\b",
)
_AUXILIARY_BEFORE = re.compile(
    r"\b(?:be|been|being|is|are|was|were|has|have|had|will|would|get|gets|got)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\bthat\b|\bwhich\b|\bbut\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]['\"’”]?\s+(?=[A-Z\"“'‘])|\n")
_TENSE_WINDOW = 300  # characters looked at on each side of an expression

_FUTURE_AUX = frozenset(
    {"will", "'ll", "’ll", "ll", "shall", "wo", "would", "should", "may", "might", "must"}
)
_FUTURE_HEADS = _words("expect schedule plan set due aim intend slate poise prepare hope want seek")
# Present-tense verbs that report what happened ("says", "announces") rather than what is
# to come ("opens Monday", "wants to ... by June").
_REPORTING = _words("say tell report announce state claim note add confirm reveal show indicate")


# A headline (a first line with no full stop) whose verb is an infinitive right after its
# subject: "Velloy ports to stay shut until Friday" speaks of what is to come. Not when a
# verb comes before the "to" ("Ports were sent to ...", "Council wants to ...").
_HEADLINE_TO = re.compile(r"\s+to\s+[a-z]+\b")
_VERB_BEFORE_TO = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|wants?|hopes?|needs?|plans?|going|vows?"
    r"|says?|tells?|asks?|urges?|seeks?|aims?|moves?)\b",
    re.IGNORECASE,
)


# Read once per text: every expression of a long text asked it again, and splitting off
# the first line of a megabyte with no line break took longer than the rest of the work.
@lru_cache(maxsize=8)
def _headline_infinitive_text(text: str) -> tuple[int, bool]:
    """Where the text's first line ends, and whether it is a headline in the infinitive."""
    line_end = text.find("\n")
    if line_end < 0:
        line_end = len(text)
    line = text[:line_end].rstrip()
    if not line or line.endswith((".", "!", "?")):
        return line_end, False
    m = _HEADLINE_TO.search(line)
    if m is None:
        return line_end, False
    subject = line[: m.start()]
    return line_end, not (_PAST_WORDS.search(subject) or _VERB_BEFORE_TO.search(subject))


def _textual_future(text: str, start: int, end: int) -> bool | None:
    """Whether the clause around ``text[start:end]`` speaks of the future; None when no
    word in its sentence marks a tense."""
    line_end, headline = _headline_infinitive_text(text)
    if start <= line_end and headline:
        return True  # "Ports to stay shut until Friday": headline style for what is to come
    lo, hi = max(0, start - _TENSE_WINDOW), min(len(text), end + _TENSE_WINDOW)
    for m in _SENTENCE_END.finditer(text, lo, start):
        lo = m.end()
    if stop := _SENTENCE_END.search(text, end, hi):
        hi = stop.start()
    marks = [(m.start(), True) for m in _FUTURE_WORDS.finditer(text, lo, hi)]
    future_at = {pos for pos, _ in marks}
    marks += [
        (m.start(), False)
        for m in _PAST_WORDS.finditer(text, lo, hi)
        if m.start() not in future_at
        and not start <= m.start() < end
        # a participle after an auxiliary ("will be finished") has the auxiliary's tense
        and not _AUXILIARY_BEFORE.search(text, max(0, m.start() - 24), m.start())
    ]
    if not marks:
        return None
    # The nearest tense word before the expression in its clause, else after it in the
    # clause, else the nearest in the sentence.
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, lo, hi)]
    seg_lo = max([b for b in breaks if b < start], default=lo)
    seg_hi = min([b for b in breaks if b >= end], default=hi)
    before = [mark for mark in marks if seg_lo <= mark[0] < start]
    after = [mark for mark in marks if end <= mark[0] < seg_hi]
    if before:
        return max(before)[1]
    if after:
        return min(after)[1]
    return min(marks, key=lambda mark: min(abs(mark[0] - start), abs(mark[0] - end)))[1]


def _parsed_future(doc: Doc, text: str, start: int, end: int, until: bool = False) -> bool | None:
    """The tense of the verb governing the expression in the parse; None when it is unclear."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    # The parser runs a headline into the line below it ("... until Friday\nMay 2, 2030"):
    # only the expression's own line is read.
    line_start = text.rfind("\n", 0, start) + 1
    line_end = len(text) if (stop := text.find("\n", end)) < 0 else stop
    if line_start == 0 and _headline_infinitive(doc, text, line_end):
        return True
    token = span.root
    for _ in range(6):
        if not line_start <= token.idx < line_end:
            return None
        if token.pos_ in ("VERB", "AUX") and not (span.start <= token.i < span.end):
            auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
            words = {a.lower_ for a in auxes}
            if any(a.lemma_ == "have" for a in auxes):
                return until  # "has kept them closed until Friday": the state runs on
            if until and token.tag_ == "VBN" and not auxes and token.head.i != token.i:
                # "kept the ports shut until Friday": the state's participle has no tense
                # of its own; the verb that keeps it so has
                token = token.head
                continue
            if token.tag_ == "VBD":
                return False
            if words & _FUTURE_AUX:
                return True
            if any(a.tag_ == "VBD" for a in auxes):
                return False
            if "to" in words and token.head.i != token.i:
                # "expected to open Monday": the verb above says it all
                if token.head.lemma_ in _FUTURE_HEADS:
                    return True
                token = token.head
                continue
            present = token.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes)
            # (``text``, not ``doc.text``: the Doc joins every token anew on each access)
            if present and token.lemma_ not in _REPORTING and "\n" in text[: token.idx]:
                return True  # present tense in the body (a headline's present is past)
            return None
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _headline_infinitive(doc: Doc, text: str, line_end: int) -> bool:
    """Whether the first line is a headline in the form "Ports to stay shut until Friday",
    headline style for what is to come: no full stop, no finite verb, and an infinitive
    with no verb over it on the line."""
    if text[:line_end].rstrip().endswith((".", "!", "?")):
        return False  # a sentence ("Plans to close the port were dropped."), not a headline
    line = [t for t in doc if t.idx < line_end]
    if any(t.tag_ in _FINITE for t in line):
        return False
    for token in line:
        if token.pos_ in ("VERB", "AUX") and token.tag_ == "VB":
            has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
            head = token.head
            over_it = head.i != token.i and head.idx < line_end and head.pos_ in ("VERB", "AUX")
            if has_to and not over_it:
                return True
    return False


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


# --- resolution context ---------------------------------------------------------------


@dataclass
class _Context:
    text: str
    pub: PubDate | None
    doc: Doc | None
    ref_day: date | None = None  # the last day resolved, for "that day"
    ref_month: tuple[int, int] | None = None
    ref_year: int | None = None
    last: tuple[str, Granularity] | None = None  # the last value, for "at that time"
    last_end: int = -1  # where the expression with that value ended
    last_period: tuple[str, Granularity] | None = None  # the last longer than a day
    # where the last year (decade) ended, for lists: "in 2009, 2011 and 2014", "70s and 80s"
    list_end: dict[str, int] = field(default_factory=dict)

    def reference(self) -> tuple[date | None, int | None, int | None]:
        """Day, year and month of the last time mentioned, else of publication."""
        if self.ref_year is None:
            return self.anchor, self.year, self.month
        month = self.ref_month[1] if self.ref_month and self.ref_month[0] == self.ref_year else None
        return self.ref_day or self.anchor, self.ref_year, month

    @property
    def anchor(self) -> date | None:
        """The full publication date, when there is one."""
        p = self.pub
        if p is None or p.year is None or p.month is None or p.day is None:
            return None
        try:
            return date(p.year, p.month, p.day)
        except ValueError:
            return None

    @property
    def year(self) -> int | None:
        return self.pub.year if self.pub else None

    @property
    def month(self) -> int | None:
        return self.pub.month if self.pub else None

    def future(self, start: int, end: int) -> bool:
        """Whether the expression's clause speaks of the future (default: past, as news
        mostly reports what happened)."""
        return self.tense(start, end) is True

    def tense(self, start: int, end: int) -> bool | None:
        """True for the future, False for the past, None when nothing marks a tense."""
        if _LOOKS_BACK.search(self.text, max(0, start - 12), start):
            return False  # "since June", "as of February"
        if self.doc is not None:
            until = _UNTIL.search(self.text, max(0, start - 8), start) is not None
            said = _parsed_future(self.doc, self.text, start, end, until)
            if said is not None:
                return said
        return _textual_future(self.text, start, end)

    def word_before(self, start: int) -> str:
        m = _WORD_BEFORE.search(self.text, max(0, start - 40), start)
        return m.group(1).lower() if m else ""

    def name_before(self, start: int) -> str:
        """The capitalised word right before ``start`` when it is inside its sentence (a
        name, as in "Black Monday" or "Expo 2010"), else ""."""
        m = _WORD_BEFORE.search(self.text, max(0, start - 40), start)
        if m is None or not m.group(1)[:1].isupper() or start - m.end(1) > 1:
            return ""
        before = self.text[max(0, m.start() - 3) : m.start()].rstrip(" \t")
        if m.group(1).isupper() or (before and before[-1] not in ".!?\n\"“‘'(:—"):
            return m.group(1)
        return ""


_UNTIL = re.compile(r"\b(?:until|till)\s+$", re.IGNORECASE)
_LOOKS_BACK = re.compile(r"\b(?:since|as\s+of|ago)\s+$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s-]*$")
_NEXT_WORD = re.compile(r"\s*([\w’'-]+|\S)")


def _day(d: date) -> str:
    return d.isoformat()


def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


# --- resolvers, one per pattern -------------------------------------------------------


def _explicit_day(ctx: _Context, m: re.Match[str]) -> _Resolved:
    month = _month_number(m["mon"])
    day = int(re.sub(r"\D", "", m["day"]))
    if m["year"]:
        d = _safe_date(int(m["year"]), month, day)
        return (_day(d), "day", "explicit date") if d else (None, "unknown", "impossible date")
    return _month_day(ctx, month, day, m.start(), m.end())


def _month_day(ctx: _Context, month: int, day: int, start: int, end: int) -> _Resolved:
    if _safe_date(2000, month, day) is None:
        return None, "unknown", "impossible date"
    if ctx.year is None:
        return f"--{month:02d}-{day:02d}", "day", "month and day; no year known"
    # The year that puts the date nearest the publication date; a future tense moves a
    # date that would fall before publication into the next year.
    around = _safe_date(ctx.year, ctx.month or 7, (ctx.pub.day if ctx.pub else None) or 15)
    around = around or date(ctx.year, ctx.month or 7, 15)
    candidates = [
        d for y in (ctx.year - 1, ctx.year, ctx.year + 1) if (d := _safe_date(y, month, day))
    ]
    best = min(candidates, key=lambda d: abs((d - around).days))
    how = "month and day, year nearest publication"
    if ctx.month is not None and best < around and ctx.future(start, end):
        later = _safe_date(best.year + 1, month, day)
        if later is not None:
            best, how = later, "month and day, next such date (future tense)"
    return _day(best), "day", how


def _numeric_day(ctx: _Context, m: re.Match[str]) -> _Resolved:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:  # two-digit year: the century that puts it nearest publication
        base = (ctx.year or 2000) // 100 * 100
        y = min(
            (base - 100 + y, base + y, base + 100 + y), key=lambda c: abs(c - (ctx.year or 2000))
        )
    month, day, how = (b, a, "day/month/year") if a > 12 else (a, b, "month/day/year")
    d = _safe_date(y, month, day)
    return (_day(d), "day", f"explicit date ({how})") if d else (None, "unknown", "impossible date")


def _iso_day(ctx: _Context, m: re.Match[str]) -> _Resolved:
    d = _safe_date(int(m["year"]), int(m["m"]), int(m["d"]))
    return (_day(d), "day", "explicit date (ISO)") if d else (None, "unknown", "impossible date")


def _month_year(ctx: _Context, m: re.Match[str]) -> _Resolved:
    month = _month_number(m["mon"])
    if m["year"]:
        return f"{int(m['year']):04d}-{month:02d}", "month", "explicit month"
    det = m["det"].lower().split()[-1]
    year = ctx.ref_year if det in ("following", "previous") else ctx.year
    if year is None:
        return None, "unknown", "month of a relative year; year not known"
    return f"{year + _STEP.get(det, 0):04d}-{month:02d}", "month", f"month of {det} year"


def _bare_month(ctx: _Context, m: re.Match[str]) -> _Resolved | None:
    month, rel = _month_number(m["mon"]), (m["rel"] or "").lower()
    if not rel and not m["mod"]:
        before, after = ctx.word_before(m.start()), _NEXT_WORD.match(ctx.text, m.end())
        preposition = before in _TIME_PREPS
        # "May" and "March" are verbs too; "June Carter" is a name
        if m["mon"] in ("May", "March") and not preposition:
            return None
        if not preposition and after and after.group(1)[:1].isupper():
            return None
        if before in ("ms", "mrs", "miss", "mr", "dr"):
            return None
    if ctx.year is None:
        if rel in ("", "this"):
            return f"--{month:02d}", "month", "month; no year known"
        return None, "unknown", "month; no year known"
    if ctx.month is None:
        return f"{ctx.year:04d}-{month:02d}", "month", "month in the publication year"
    year = ctx.year
    if rel == "last":
        year -= month >= ctx.month
        how = "the last such month before publication"
    elif rel in ("next", "coming"):
        year += month <= ctx.month
        how = "the next such month after publication"
    elif rel == "this":
        how = "month in the publication year"
    else:
        year, how = _year_of_month_by_tense(ctx, month, m.start(), m.end())
    return f"{year:04d}-{month:02d}", "month", how


def _year_of_month_by_tense(ctx: _Context, month: int, start: int, end: int) -> tuple[int, str]:
    """The year of a month named without one: the latest such month on or before
    publication, or the next one in the future tense (needs the publication month)."""
    assert ctx.year is not None and ctx.month is not None
    if ctx.future(start, end):
        return ctx.year + (month < ctx.month), "the next such month (future tense)"
    return ctx.year - (month > ctx.month), "the latest such month on or before publication"


def _week_of_month(ctx: _Context, m: re.Match[str]) -> _Resolved:
    """ "the last week of March": the ISO week holding most of those seven days."""
    month, which = _month_number(m["mon"]), m["ord"].lower()
    if m["year"]:
        year, how = int(m["year"]), "week of a month"
    elif ctx.year is None or ctx.month is None:
        return None, "unknown", "week of a month; publication month not known"
    else:
        year, how = _year_of_month_by_tense(ctx, month, m.start(), m.end())
        how = f"week of {how}"
    if which in ("last", "final"):
        next_first = date(*_shift_month(year, month, 1), 1)
        middle = next_first - timedelta(days=4)  # the fourth of the last seven days
    else:
        middle = date(year, month, 7 * (_ORDINALS[which] - 1) + 4)
    return _week(middle), "week", how


def _weekday(ctx: _Context, m: re.Match[str]) -> _Resolved | None:
    anchor = ctx.anchor
    if anchor is None:
        return None, "unknown", "weekday; publication day not known"
    if not m["rel"] and ctx.name_before(m.start()).lower() in _NAMED_DAYS:
        return None, "unknown", "named day"  # "Black Monday", "Super Tuesday"
    weekday = _WEEKDAYS[m["wd"][:3].lower()]
    back = (anchor.weekday() - weekday) % 7  # days back to the latest such day
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past"):
        d, how = anchor - timedelta(days=back or 7), "the last such day before publication"
    elif rel in ("next", "coming"):
        d, how = anchor + timedelta(days=(7 - back) or 7), "the next such day after publication"
    elif ctx.future(m.start(), m.end()):
        # Wire style names the day of publication by its weekday too ("will land Monday").
        d, how = anchor + timedelta(days=(7 - back) % 7), "the next such day (future tense)"
    else:
        d, how = anchor - timedelta(days=back), "weekday on or before publication"
    return _day(d), "day", how


_REL_DAYS = {
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


# "today's X" of an era rather than a day: TIMEX guidelines give generic "today" ("today's
# teenagers") PRESENT_REF. Generic when X is a noun of a whole people or age, or a name that
# ends its noun phrase ("at today's Velloy Rail.", "today's Ostrevia is"); a name followed
# by a noun is the day's event ("today's Senate vote").
_NAME_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w&-]*)"  # "Velloy", "U.S."
_GENERIC_TODAY = re.compile(
    r"['’]s\s+(?:(?:world|society|youth|generation|children|kids|teenagers|consumers)\b"
    rf"|(?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD}(?=\s*(?:[,;:!?)\"”]|\.?\s*$|\.\s"
    r"|\s(?:is|was|are|were|has|had|have|will|would|can|could|must|should"
    r"|and|or|but|than|that|which|who|of|in|at|on|with|to|for|from|by)\b)))",
)


# the last word of a newspaper's name: "today's Harbour Herald" is that day's edition
_PAPERS = _words(
    "times post journal guardian telegraph herald news tribune gazette daily mail express"
    " independent chronicle observer standard star sun mirror globe edition"
)


def _generic_today(text: str, end: int) -> bool:
    m = _GENERIC_TODAY.match(text, end)
    return m is not None and m.group().split()[-1].lower() not in _PAPERS


def _relative_day(ctx: _Context, m: re.Match[str]) -> _Resolved | None:
    word = re.sub(r"\s+", " ", m["w"].lower())
    if word == "today" and ctx.word_before(m.start()) == "usa":
        return None  # the newspaper
    if word == "today" and _generic_today(ctx.text, m.end("w")):
        return None, "unknown", 'vague reference to the present (generic "today\'s")'
    offset = _REL_DAYS.get(word, 0)  # today, tonight, this morning
    how = "publication day" if offset == 0 else f"{offset:+d} day from publication"
    anchor = ctx.anchor
    if anchor is not None:
        return _day(anchor + timedelta(days=offset)), "day", how
    if ctx.pub is not None and ctx.pub.month and ctx.pub.day:
        # no year: shift in a leap and a common year, and keep it if both agree
        days = [_safe_date(year, ctx.pub.month, ctx.pub.day) for year in (2000, 2001)]
        shifted = {(d + timedelta(days=offset)).strftime("--%m-%d") for d in days if d}
        if len(shifted) == 1:
            return shifted.pop(), "day", how + "; no year known"
    return None, "unknown", "relative day; publication day not known"


def _unit_value(
    unit: str, rel: int, base: date | None, year: int | None, month: int | None
) -> _Resolved:
    """The ``unit`` (week, month, year, ...) ``rel`` steps from the base time."""
    if unit in ("week", "weekend"):
        if base is None:
            return None, "unknown", "week; base day not known"
        value = _week(base + timedelta(weeks=rel))
        return (value + "-WE", "week", "") if unit == "weekend" else (value, "week", "")
    if year is None:
        return None, "unknown", f"{unit}; base year not known"
    if unit == "year":
        return f"{year + rel:04d}", "year", ""
    if unit == "decade":
        return f"{(year // 10 + rel):03d}", "decade", "decade"
    if unit == "century":
        return f"{(year // 100 + rel):02d}", "century", "century"
    if month is None:
        return None, "unknown", f"{unit}; base month not known"
    if unit == "month":
        y, mo = _shift_month(year, month, rel)
        return f"{y:04d}-{mo:02d}", "month", ""
    index = year * 4 + (month - 1) // 3 + rel  # quarter
    return f"{index // 4:04d}-Q{index % 4 + 1}", "quarter", "quarter"


_STEP = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "prior": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
}


def _relative_unit(ctx: _Context, m: re.Match[str]) -> _Resolved | None:
    det, unit = m["det"].lower(), m["unit"].lower()
    if _OF_TIME.match(ctx.text, m.end()):
        return None  # "the last week of March": not this kind of date
    spans_time = m["the"] and ctx.word_before(m.start()) in _DURATION_PREPS
    if spans_time and det in ("next", "coming"):
        return None  # "over the next year" is a duration
    if det in _ANAPHORIC or (m["the"] and det == "next"):
        base, year, month = ctx.reference()
        how = f"{det} {unit}, from the last time mentioned"
    else:
        base, year, month = ctx.anchor, ctx.year, ctx.month
        how = f"{det} {unit}, from publication"
        if spans_time:
            how += " (may mean the span up to publication)"
    value, gran, extra = _unit_value(unit, _STEP.get(det, 0), base, year, month)
    return value, gran, how if value else extra


def _unit_before(ctx: _Context, m: re.Match[str]) -> _Resolved | None:
    """ "the year before", "the day after": one unit from the last time mentioned."""
    unit, word = m["unit"].lower(), m["dir"].lower()
    follow = _NEXT_WORD.match(ctx.text, m.end())
    if word in ("before", "after") and follow and follow.group(1)[:1].isalnum():
        return None  # "the day before the vote", "the day after falling": relative to an event
    base, year, month = ctx.reference()
    step = 1 if word == "after" else -1
    if unit == "day":
        if base is None:
            return None, "unknown", "day; base day not known"
        return _day(base + timedelta(days=step)), "day", f"the day {word} the last day mentioned"
    value, gran, extra = _unit_value(unit, step, base, year, month)
    return value, gran, f"the {unit} {word} the last time mentioned" if value else extra


def _the_weekend(ctx: _Context, m: re.Match[str]) -> _Resolved:
    anchor = ctx.anchor
    if anchor is None:
        return None, "unknown", "weekend; publication day not known"
    saturday = anchor + timedelta(days=5 - anchor.weekday())  # this ISO week's
    if anchor.weekday() < 5 and not ctx.future(m.start(), m.end()):
        saturday -= timedelta(weeks=1)
        how = "the weekend before publication"
    else:
        how = "the weekend of the publication week"
    return _week(saturday) + "-WE", "week", how


def _same_period_year_before(ctx: _Context, m: re.Match[str]) -> _Resolved:
    """ "the same period last year": the last time mentioned, a year earlier. A period,
    quarter or month is not a day: "the third quarter, which ended on Sept. 30, against
    the same period a year earlier" compares quarters."""
    last = ctx.last if m["unit"].lower() in ("day", "time") else ctx.last_period
    if last is None:
        if ctx.year is None:
            return None, "unknown", "same period a year earlier; no time known"
        return f"{ctx.year - 1:04d}", "year", "the year before publication"
    value, granularity = last
    earlier = f"{int(value[:4]) - 1:04d}{value[4:]}"
    if value.endswith("-02-29"):
        earlier = earlier[:-2] + "28"  # no 29 February the year before a leap year
    return earlier, granularity, "the time last mentioned, a year earlier"


def _that_time(ctx: _Context, m: re.Match[str]) -> _Resolved:
    if ctx.last is None:
        return None, "unknown", "the time last mentioned; none known"
    return ctx.last[0], ctx.last[1], "the time last mentioned"


def _continues(ctx: _Context, end: int) -> bool:
    """Whether a noun phrase or clause follows: "the day [he left]", "the day [of the vote]"."""
    follow = _NEXT_WORD.match(ctx.text, end)
    return follow is not None and follow.group(1).lower() in _COMPLEMENT_STARTS


_COMPLEMENT_STARTS = _words(
    "when that which where he she they it we i you of the a an his her their its our my "
    "this these those before after"
)
_OF_TIME = re.compile(rf"\s+of\s+(?:{_MONTH}|{_YEAR}|the\b|this\b|last\b|next\b)")
_ANAPHORIC = _words("that same following previous prior entire whole full")


def _edge_of_unit(ctx: _Context, m: re.Match[str]) -> _Resolved | None:
    """ "the end of the year", "the beginning of the month": the unit itself."""
    unit = m["unit"].lower()
    value, gran, extra = _unit_value(unit, 0, ctx.anchor, ctx.year, ctx.month)
    return value, gran, f"part of the current {unit}" if value else extra


def _ago(ctx: _Context, m: re.Match[str]) -> _Resolved | None:
    word, unit = m["n"].lower(), m["unit"].lower()
    direction = " ".join(m["dir"].lower().split())
    follow = _NEXT_WORD.match(ctx.text, m.end())
    if direction in ("before", "after") and follow and follow.group(1)[:1].isalnum():
        return None  # "two days after the crash": relative to an event
    if _THAN.match(ctx.text, m.end()):
        return _delay(ctx, m.start())
    count = int(word) if word.isdigit() else _NUMBERS.get(word)
    if count is None:
        return None, "unknown", f"vague count of {unit}s"
    step = count * (-1 if direction in ("ago", "earlier", "before") else 1)
    if direction in ("ago", "from now", "hence"):
        base, year, month = ctx.anchor, ctx.year, ctx.month
        how = f"{step:+d} {unit} from publication"
    else:
        base, year, month = ctx.reference()
        how = f"{step:+d} {unit} from the last time mentioned"
    if unit in ("day", "week"):  # "a week ago" is a day, as TIMEX3 has it
        if base is None:
            return None, "unknown", "relative day; base day not known"
        return _day(base + timedelta(days=step * (7 if unit == "week" else 1))), "day", how
    value, gran, extra = _unit_value(unit, step, base, year, month)
    return value, gran, how if value else extra


_THAN = re.compile(r"\s+than\b", re.IGNORECASE)


def _delay(ctx: _Context, start: int) -> _Resolved:
    """ "three days later than planned" counts from a plan the text does not date, not from
    the last time mentioned. Set beside a day ("arrives on May 9, three days later than
    planned") it describes that day."""
    apposed = ctx.last is not None and re.fullmatch(r"\s*,\s*", ctx.text[ctx.last_end : start])
    if ctx.last is not None and apposed and ctx.last[1] == "day":
        return ctx.last[0], "day", "the day it stands beside (a delay against a plan)"
    return None, "unknown", "a delay against a plan; the planned time is not given"


def _anaphoric_day(ctx: _Context, m: re.Match[str]) -> _Resolved | None:
    det = (m["det"] or "the").lower().split()[-1]
    # "on the day", "ended the day", "late in the day": the day spoken of; "the day he
    # left" is not ours
    spoken_of = ctx.word_before(m.start()) in _DAY_VERBS and not _continues(ctx, m.end())
    if det == "the" and not m["part"] and not spoken_of:
        return None
    base = ctx.ref_day or ctx.anchor
    if base is None:
        return None, "unknown", "the day spoken of; no day known"
    step = {"following": 1, "next": 1, "previous": -1, "prior": -1}.get(det, 0)
    return (
        _day(base + timedelta(days=step)),
        "day",
        "the day last mentioned" + (f" {step:+d}" if step else ""),
    )


def _in_a_row(ctx: _Context, m: re.Match[str]) -> _Resolved:
    """ "for a third straight day", "the fourth week in a row": the unit last spoken of."""
    return _unit_spoken_of(ctx, (m["unit"] or m["unit2"]).lower())


def _record_unit(ctx: _Context, m: re.Match[str]) -> _Resolved:
    """ "stocks had their best week since March", "the worst day in a decade": the day
    or week being reported, the last one spoken of."""
    return _unit_spoken_of(ctx, m["x"].lower())


def _unit_spoken_of(ctx: _Context, unit: str) -> _Resolved:
    base, year, month = ctx.reference()
    if unit == "day":
        if base is None:
            return None, "unknown", "the day spoken of; no day known"
        return _day(base), "day", "the day last mentioned"
    value, gran, extra = _unit_value(unit, 0, base, year, month)
    return value, gran, f"the {unit} last mentioned" if value else extra


_DAY_VERBS = _words(
    "on for of during throughout in end ended ending ends finish finished finishing finishes "
    "close closed closing closes start started starting starts open opened opening opens "
    "begin began beginning begins"
)


def _quarter(ctx: _Context, m: re.Match[str]) -> _Resolved | None:
    if ctx.word_before(m.start()) in ("fiscal", "financial"):
        return None, "unknown", "fiscal period; the fiscal calendar is not known"
    word, half = m["ord"].lower(), m["kind"].lower() == "half"
    per_year, letter = (2, "H") if half else (4, "Q")
    what = "half year" if half else "quarter"
    if word == "last" and m["the"] and not (m["year"] or m["year2"] or m["det"] or half):
        value, gran, extra = _unit_value("quarter", -1, None, ctx.year, ctx.month)
        return value, gran, "the quarter before publication" if value else extra
    n = per_year if word in ("final", "last") else _ORDINALS[word]
    explicit = m["year"] or m["year2"]
    if explicit:
        return f"{int(explicit):04d}-{letter}{n}", "unknown", what
    if ctx.year is None:
        return None, "unknown", f"{what}; year not known"
    year, how = ctx.year, what
    if m["det"]:
        year += _STEP.get(m["det"].lower().split()[-1], 0)
    elif ctx.month is not None:
        # the nearest such period in the direction of the tense; with no tense to go by
        # ("cuts resulting in closures during the fourth quarter") the nearest of all,
        # the past one on a tie
        current = (ctx.month - 1) * per_year // 12 + 1
        future = ctx.tense(m.start(), m.end())
        if future is None:
            future = (n - current) % per_year < (current - n) % per_year
        if future:
            year += n < current
        else:
            year -= n > current
    return f"{year:04d}-{letter}{n}", "unknown", how


def _season(ctx: _Context, m: re.Match[str]) -> _Resolved | None:
    code, s = _SEASONS[m["s"].lower()]
    det = (m["det"] or "").lower()
    if m["year"]:
        return f"{int(m['year']):04d}-{code}", "season", "season"
    if not det and ctx.word_before(m.start()) not in ("in", "during", "by", "since", "until"):
        if m["s"].lower() == "fall" or _SEASON_VERB.match(ctx.text, m.end()):
            return None  # "prices fall", "spring into action"
        if ctx.name_before(m.start()):
            return None  # "the Arab Spring"
    if det == "the" and ctx.text[m.end() : m.end() + 4] == " of ":
        return None  # "the fall of the city"
    if ctx.year is None or ctx.month is None:
        return None, "unknown", "season; publication month not known"
    # Seasons counted from spring of year 0; winter belongs to the year of its December.
    now = ctx.year * 4 + (ctx.month - 3) // 3 if ctx.month >= 3 else (ctx.year - 1) * 4 + 3
    latest, earliest = now - (now - s) % 4, now + (s - now) % 4
    if det in ("last", "past"):
        index = now - 1 - (now - 1 - s) % 4
    elif det in ("next", "coming"):
        index = now + 1 + (s - now - 1) % 4
    else:
        index = earliest if ctx.future(m.start(), m.end()) else latest
    return f"{index // 4:04d}-{code}", "season", "season"


_SEASON_VERB = re.compile(r"\s+(?:up|into|from|back|to|out|forth)\b")


def _decade(ctx: _Context, m: re.Match[str]) -> _Resolved | None:
    digits = re.sub(r"\D", "", m["dec"])
    if len(digits) == 4:
        return digits[:3], "unknown", "decade"
    if ctx.word_before(m.start()) in _POSSESSIVES:
        return None  # "in his 70s" is an age
    listed = "_decade" in ctx.list_end and _YEAR_LIST.fullmatch(
        ctx.text[ctx.list_end["_decade"] : m.start()]
    )
    if not m["the"] and m["dec"][0] not in "'’" and not listed:
        return None
    now = ctx.year or 2099
    start = 2000 + int(digits) if 2000 + int(digits) <= now else 1900 + int(digits)
    return str(start)[:3], "unknown", "decade"


def _century(ctx: _Context, m: re.Match[str]) -> _Resolved:
    return f"{int(m['n']) - 1:02d}", "unknown", "century"


def _four_digits(year: str, latest: int) -> str:
    """A year as written ("2007", "'07", "07"), with two digits the latest century's
    year not after ``latest``."""
    digits = year.lstrip("'’")
    if len(digits) == 2:
        digits = str(2000 + int(digits) if 2000 + int(digits) <= latest else 1900 + int(digits))
    return digits


def _fiscal_year(ctx: _Context, m: re.Match[str]) -> _Resolved:
    """ "FY2007", "fiscal 2007": TIMEX3's "FY2007", named as the text names it. A fiscal
    year named by its place ("this fiscal year", "the financial year") needs the
    organisation's calendar: kept unresolved."""
    if not m["y"]:
        return None, "unknown", "fiscal year; the fiscal calendar is not known"
    # (a fiscal year may be named by the calendar year it ends in: "FY25" in late 2024)
    return f"FY{_four_digits(m['y'], (ctx.year or 2098) + 1)}", "year", "fiscal year as named"


def _year(ctx: _Context, m: re.Match[str]) -> _Resolved | None:
    text, start = ctx.text, m.start("x")
    if _PERCENT.match(text, m.end()):
        return None
    before = ctx.word_before(start)
    between = text[ctx.list_end["_year"] : start] if "_year" in ctx.list_end else "x"
    said = bool(m["mod"] or m["post"] or before in _TIME_PREPS or _YEAR_LIST.fullmatch(between))
    if not said:
        # an event's year: "Expo 2010", "WWDC 2005" (but not "Flight 2010")
        name = ctx.name_before(start).lower()
        said = bool(name) and name not in _NUMBERED_NOUNS
    if not said and (before == "the" or text[max(0, start - 3) : start] in ("'s ", "’s ")):
        # "the 2008 season", "Ostrevia's 2019 harvest", but not "the 2000 workers"
        follow = _NEXT_WORD.match(text, m.end())
        said = follow is not None and not follow.group(1).endswith("s")
    if not said:
        return None
    digits = _four_digits(m["y"], ctx.year or 2099)
    how = f"explicit year ({m['mod'].strip(' -').lower()})" if m["mod"] else "explicit year"
    return digits, "year", how


_NUMBERED_NOUNS = _words(
    "flight route highway windows model no number room suite gate platform channel unit "
    "station boeing airbus track page item version"
)
_PERCENT = re.compile(r"\s*(?:%|percent\b|per\s+cent\b)", re.IGNORECASE)
_YEAR_LIST = re.compile(r"\s*(?:,|and|or|to|through|-|–|/|,\s*and)\s*")


_VAGUE = {"now": "present", "currently": "present", "nowadays": "present", "presently":
          "present", "at present": "present", "these days": "present", "recently": "past",
          "lately": "past", "the past": "past", "soon": "future", "the future": "future"}  # fmt: skip


def _vague(ctx: _Context, m: re.Match[str]) -> _Resolved:
    word = re.sub(r"\s+", " ", m["w"].lower()).removeprefix("more ").removeprefix("very ")
    if word.endswith("point"):  # "at one point", "at some point"
        return None, "unknown", "vague reference to an unspecified moment"
    if "earlier" in word:  # "at an earlier date"
        return None, "unknown", "vague reference to the past"
    kind = _VAGUE.get(
        word, "past" if "recent" in word else "present" if "being" in word else "future"
    )
    return None, "unknown", f"vague reference to the {kind}"


def _era(ctx: _Context, m: re.Match[str]) -> _Resolved:
    return None, "unknown", "a period named after a person or an event"


# --- durations ------------------------------------------------------------------------

_COUNT_WORDS = {
    w: i
    for i, w in enumerate(
        _in_order(
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen"
        ),
        1,
    )
}
_TENS = {w: 10 * i for i, w in enumerate(_in_order("twenty thirty forty fifty sixty seventy eighty ninety"), 2)}  # fmt: skip
_COUNT_WORD = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(list(_COUNT_WORDS)[:9])}))?"
    rf"|{'|'.join(sorted(_COUNT_WORDS, key=len, reverse=True))})"
)
# TIMEX3 unit letters; a decade and a century are counted in years ("a decade": P10Y),
# as news corpora annotate them, but with no count known they keep TimeML's own units.
_DURATION_UNITS: dict[str, tuple[str, int, Granularity]] = {
    "second": ("TS", 1, "unknown"),
    "minute": ("TM", 1, "unknown"),
    "hour": ("TH", 1, "unknown"),
    "day": ("D", 1, "day"),
    "week": ("W", 1, "week"),
    "month": ("M", 1, "month"),
    "quarter": ("Q", 1, "quarter"),
    "year": ("Y", 1, "year"),
    "decade": ("Y", 10, "decade"),
    "century": ("Y", 100, "century"),
}
_VAGUE_UNITS = {"decade": "DE", "century": "CE"}
# Words before "a day", "a year" that make it a length of time ("for a year", "in over a
# decade"); after others it is a rate or a set ("twice a year", "100 barrels a day").
_A_UNIT_AFTER = _words(
    "for over within in than nearly almost about around roughly under after during lasting "
    "lasted lasts last took take takes taking spent spend spends only just least barely "
    "entire whole full mere"
)
_EVERY = _words("every each per")


def _count(word: str) -> float | None:
    """A duration's count from its words: "nine", "twenty-five", "18", "1.5"; None for
    an unknown count ("several", "a few")."""
    word = " ".join(word.lower().replace("-", " ").split())
    if word.endswith(" and a half"):
        whole = _count(word.removesuffix(" and a half"))
        return None if whole is None else whole + 0.5
    if word.startswith("a couple"):
        return 2
    if word in ("a", "an", "one", "single", "a single"):
        return 1
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    parts = word.split()
    if parts and parts[0] in _TENS:
        return _TENS[parts[0]] + (_COUNT_WORDS.get(parts[1], 0) if len(parts) > 1 else 0)
    if word in _COUNT_WORDS:
        return _COUNT_WORDS[word]
    return None


def _duration_value(count: float | None, unit: str) -> tuple[str, Granularity]:
    unit = "century" if unit.startswith("centur") else unit.rstrip("s")
    letters, years, granularity = _DURATION_UNITS[unit]
    if count is None:
        letters = _VAGUE_UNITS.get(unit, letters)
        amount = "X"
    else:
        n = count * years
        amount = str(int(n)) if n == int(n) else f"{n:g}"
    if letters.startswith("T"):
        return f"PT{amount}{letters[1]}", granularity
    return f"P{amount}{letters}", granularity


def _duration(ctx: _Context, m: re.Match[str]) -> _Resolved | None:
    """ "three weeks", "the past nine days", "18 months", "a single day", "a five-year
    plan", "several years": a length of time, valued as TIMEX3 has it ("P3W", "P9D",
    "P18M", "P1D", "P5Y", "PXY")."""
    text, start = ctx.text, m.start()
    before = ctx.word_before(start)
    if before in _EVERY:
        return None  # "every three days" is a set, not a length
    if _AGE.match(text, m.end()):
        return None  # "a 10-year-old", "five years old": an age
    n = m["n"].lower()
    # "a quarter of the staff", "three quarters of the vote": a fraction
    fraction = before not in _DURATION_PREPS or _OF.match(text, m.end())
    if m["unit"].lower().startswith("quarter") and not (m["row"] or m["det"]) and fraction:
        return None
    # "a day", "one day" stand alone only as lengths ("for a day", "a one-day strike");
    # elsewhere they are a rate ("twice a year") or a day not named ("One day he left").
    alone = n in ("a", "an", "one") and "-" not in m["sep"]
    if alone and before not in _A_UNIT_AFTER and not m["det"]:
        after = _NEXT_WORD.match(text, m.end())
        if not (after and after.group(1).lower() in ("after", "before", "later", "earlier")):
            return None
    vague = re.match(r"(?:a\s+)?few|several|many", n) is not None
    count = None if vague else _count(n)
    if count is None and not vague:
        return None
    value, granularity = _duration_value(count, m["unit"].lower())
    return value, granularity, "a length of time"


def _vague_duration(ctx: _Context, m: re.Match[str]) -> _Resolved:
    """ "for years", "the lowest in decades": a length of time of unknown count."""
    value, granularity = _duration_value(None, m["unit"].lower())
    return value, granularity, "a length of time, count not given"


_OF = re.compile(r"\s+of\b", re.IGNORECASE)
_AGE = re.compile(r"(?:-|\s+)old\b", re.IGNORECASE)


# --- patterns -------------------------------------------------------------------------

_Resolver = Callable[[_Context, re.Match[str]], "_Resolved | None"]


def _rx(pattern: str, ignore_case: bool = True) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE if ignore_case else 0)


_ORDINAL_WORDS = (
    r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
)
_UNITS = r"(?:day|week|month|year|quarter)"
_UNIT_WORDS = r"(?:hours?|days?|weeks?|months?|quarters?|years?|decades?|centur(?:y|ies))\b"

# In the order of preference between candidates of the same length. A pattern that reads
# words around its expression as context names the expression's group "x".
_PATTERNS: list[tuple[re.Pattern[str], _Resolver]] = [
    (
        _rx(
            rf"(?<![\w-])(?P<year>{_YEAR_DIGITS})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
            r"(?:T\d\d:\d\d(?::\d\d)?)?(?![\w-])"
        ),
        _iso_day,
    ),
    (_rx(r"(?<![\w/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\w/])"), _numeric_day),
    (
        _rx(
            rf"(?:{_TOD}\s+(?:on\s+)?)?{_WD_PRE}(?P<mon>{_MONTH})\s+(?P<day>{_DAY})"
            rf"(?:(?:\s*,\s*|\s+)(?P<year>{_YEAR}))?{_TOD_POST}",
            ignore_case=False,
        ),
        _explicit_day,
    ),
    (
        _rx(
            rf"{_WD_PRE}(?:the\s+)?(?P<day>{_DAY})(?:\s+of)?\s+(?P<mon>{_MONTH})"
            rf"(?:,?\s+(?P<year>{_YEAR}))?{_TOD_POST}",
            ignore_case=False,
        ),
        _explicit_day,
    ),
    (
        _rx(
            rf"(?:(?:early|mid|late)[-\s]+)?(?P<mon>{_MONTH}),?\s+(?:of\s+)?(?:(?P<year>{_YEAR})"
            r"|(?P<det>(?i:this|last|next|the\s+following|the\s+previous))\s+year\b)",
            ignore_case=False,
        ),
        _month_year,
    ),
    (
        _rx(
            r"(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)\s+"
            r"|(?P<mod>(?:[Ee]arly|[Mm]id|[Ll]ate)[-\s]*|the\s+(?:end|beginning|start|middle)\s+of\s+))?"
            rf"(?P<mon>{_MONTH})(?!\s*\d)",
            ignore_case=False,
        ),
        _bare_month,
    ),
    (
        _rx(
            r"\bthe\s+(?P<ord>first|1st|second|2nd|third|3rd|fourth|4th|last|final)\s+week\s+of\s+"
            rf"(?P<mon>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?"
        ),
        _week_of_month,
    ),
    (
        _rx(
            rf"(?:{_TOD}\s+(?:on\s+)?)?(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)\s+)?"
            rf"(?P<wd>{_WEEKDAY}){_PART}?{_TOD_POST}",
            ignore_case=False,
        ),
        _weekday,
    ),
    (
        _rx(
            r"\b(?:(?:earlier|later|late|early)\s+)?(?P<w>the\s+day\s+(?:before\s+yesterday"
            r"|after\s+tomorrow)|today|tonight|yesterday|tomorrow|last\s+night"
            rf"|this\s+(?:morning|afternoon|evening))\b{_PART}?"
        ),
        _relative_day,
    ),
    (
        _rx(
            r"\b(?:(?:earlier|later|early|late)\s+)?(?P<the>the\s+)?(?P<det>this|last|next|coming"
            r"|past|current|that|same|following|previous|prior|entire|whole|full)\s+"
            r"(?P<unit>week|weekend|month|year|decade|century)(?![\w-])"
        ),
        _relative_unit,
    ),
    (
        _rx(
            r"\bthe\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|previous|prior|earlier|after)\b"
        ),
        _unit_before,
    ),
    (_rx(r"\bthe\s+weekend\b"), _the_weekend),
    (
        _rx(
            r"\bthe\s+same\s+(?P<unit>period|month|quarter|week|day|time)\s+(?:of\s+|in\s+)?(?:last\s+year"
            r"|the\s+(?:last|previous|prior)\s+year|a\s+year\s+(?:ago|earlier|before))\b"
        ),
        _same_period_year_before,
    ),
    (_rx(r"\b(?:by|at|since|until|before|after|from|around)\s+(?P<x>that\s+time)\b"), _that_time),
    (
        _rx(
            r"\b(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of\s+"
            r"the\s+(?P<unit>year|month|week|decade)\b"
        ),
        _edge_of_unit,
    ),
    (
        _rx(
            r"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
            r"|\d{1,3}|a\s+few|several|a\s+couple\s+of|many)\s+(?P<unit>day|week|month|year"
            r"|decade)s?\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence)\b"
        ),
        _ago,
    ),
    (
        _rx(
            r"\b(?:(?P<det>that|the\s+same|the\s+following|the\s+next|the\s+previous|the\s+prior)"
            r"|(?P<part>(?:early|late|earlier|later)\s+in\s+)?the)\s+day\b"
        ),
        _anaphoric_day,
    ),
    (
        _rx(
            r"\b(?:best|worst|biggest|strongest|weakest|busiest|quietest)\s+(?P<x>day|week)"
            r"(?=\s+(?:since|in|ever|on\s+record)\b)"
        ),
        _record_unit,
    ),
    (
        _rx(
            rf"\b(?:(?:a|the)\s+)?{_ORDINAL_WORDS}\s+(?:(?:straight|consecutive|successive)\s+"
            rf"(?P<unit>{_UNITS})s?\b(?:\s+in\s+a\s+row)?|(?P<unit2>{_UNITS})\s+in\s+a\s+row\b)"
        ),
        _in_a_row,
    ),
    (
        _rx(
            r"\b(?P<the>the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
            r"[-\s]+(?P<kind>quarter|half)(?:\s+of\s+(?:(?P<det>this|last|next|the\s+(?:current"
            rf"|previous|same))\s+year|(?P<year>{_YEAR}))|\s+(?P<year2>{_YEAR}))?"
        ),
        _quarter,
    ),
    (
        _rx(
            r"\b(?:(?P<det>this|last|next|coming|past|early|late|mid|the)[-\s]+)?"
            rf"(?P<s>spring|summer|autumn|fall|winter)(?![\w-])(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?"
        ),
        _season,
    ),
    (
        _rx(
            r"(?P<the>\bthe\s+)?(?:(?:early|mid|late)[-\s]+)?"
            r"(?P<dec>\b(?:1[5-9]|20)\d0s|['’]\d0s|\b\d0s)(?![\w'])"
        ),
        _decade,
    ),
    (_rx(r"\bthe\s+(?P<n>[1-9]|1\d|2[01])(?:st|nd|rd|th)\s+century\b"), _century),
    (
        _rx(
            r"\b(?:FY\s?|fiscal\s+(?:year\s+)?)(?P<y>1[6-9]\d\d|20\d\d|['’]?\d\d)(?![\w'’]|[.,]\d)"
            r"|\b(?:(?P<det>this|last|next|the\s+(?:current|previous|last|next|coming))\s+"
            r"|(?<=\bthe\s))(?:fiscal|financial)\s+year\b"
        ),
        _fiscal_year,
    ),
    (
        _rx(
            rf"(?P<x>(?P<mod>\b(?:early|mid|late)[-\s]+|\bmid-)?(?P<y>(?<![\w.,$#£€]){_YEAR}"
            r"|(?<![\w'’])['’]\d\d(?![\w'’]))(?P<post>['’]s\b|-\d\d\b)?)"
        ),
        _year,
    ),
    (
        _rx(
            # (not in compounds: "the now-closed plant", "the soon-to-open terminal")
            r"(?<!-)\b(?P<w>now|current|currently|recent|nowadays|presently|at\s+present|these\s+days"
            r"|(?:more\s+|very\s+)?recently|lately|(?:very\s+)?soon"
            # "in the past", "mistakes of the past", but not "in the past nine days"
            rf"|(?<=\bin\s|\bof\s)the\s+(?:past|future)(?!\s+(?:[\w-]+\s+)?{_UNIT_WORDS})"
            r"|in\s+recent\s+(?:years|months|weeks|days)|(?<=\s)the\s+(?:near|short|long)[-\s]term"
            r"|the\s+time\s+being|(?<=\bat\s)(?:one|some)\s+point(?!\s+(?:of|on|in)\b)"
            r"|an?\s+(?:later|earlier|future)\s+(?:time|date|stage))\b(?!-)"
        ),
        _vague,
    ),
    # "the Douglas era", "the post-war era": a period that only history can date
    (_rx(r"(?:\b[Tt]he\s+)?(?:\b(?:[A-Z][\w’'.-]*|post-\w+)\s+){1,3}[Ee]ra\b", False), _era),
    # Durations last: where one covers exactly what a date pattern does, the date wins.
    (
        _rx(
            r"(?<![\w$£€#.,-])(?P<det>the\s+(?:past|last|next|coming|previous|following|prior)\s+)?"
            rf"(?P<n>(?:\d{{1,3}}(?:\.\d+)?|{_COUNT_WORD})(?:\s+and\s+a\s+half)?"
            r"|(?:a\s+)?single|an?|(?:a\s+)?few|a\s+couple\s+of|several|many)(?P<sep>[-\s]+)"
            r"(?:(?P<row>straight|consecutive|successive)\s+|(?:trading|business|working)\s+)?"
            r"(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?"
            r"|centur(?:y|ies))(?![\w])"
        ),
        _duration,
    ),
    (
        _rx(
            r"\b(?:for|in|over|within)\s+(?:just\s+|only\s+|mere\s+)?(?P<x>(?P<unit>minutes"
            r"|hours|days|weeks|months|years|decades|centuries))\b"
            r"(?!\s+(?:of|to\s+come|ago|later|earlier)\b)"
        ),
        _vague_duration,
    ),
    (_rx(r"\bover\s+(?P<x>the\s+(?P<unit>years|decades|centuries))\b(?!\s+\d)"), _vague_duration),
]

_DURATION_RESOLVERS = (_duration, _vague_duration)


def find_times(
    text: str,
    published: PubDate | None,
    article_id: str = "",
    *,
    doc: Doc | None = None,
    durations: bool = True,
) -> list[TimeRef]:
    """Every time expression in ``text``, normalised against ``published``.

    ``doc`` is the spaCy parse of ``text`` (from :mod:`corroborate.claims.nlp`); when given,
    the governing verb's tense decides the direction of bare weekdays and months. Lengths
    of time come back with ``kind`` "duration"; ``durations=False`` leaves them out and
    finds exactly the dates it would find with them.
    """
    if not text or not isinstance(text, str):
        return []
    if not isinstance(published, PubDate):
        published = None
    if doc is not None and doc.text != text:
        doc = None  # a parse of another text would give wrong offsets
    candidates: list[tuple[int, int, int, re.Match[str]]] = []
    for order, (pattern, resolver) in enumerate(_PATTERNS):
        if not durations and resolver in _DURATION_RESOLVERS:
            continue
        for m in pattern.finditer(text):
            start, end = m.span("x") if "x" in pattern.groupindex else m.span()
            if end > start:
                candidates.append((start, end, order, m))
    candidates.sort(key=lambda c: c[0])
    ctx = _Context(text, published, doc)
    found: list[TimeRef] = []
    i = 0
    while i < len(candidates):
        # Overlapping candidates, in text order, form one cluster; in it the longest wins,
        # then the earlier pattern ("Monday, Oct. 22" beats "Monday"), and where a winner
        # turns out not to be a time ("the day after falling") the others get their turn.
        j, reach = i + 1, candidates[i][1]
        while j < len(candidates) and candidates[j][0] < reach:
            reach = max(reach, candidates[j][1])
            j += 1
        kept: list[TimeRef] = []
        for start, end, order, m in sorted(candidates[i:j], key=lambda c: (c[0] - c[1], c[2])):
            if any(k.span.start < end and start < k.span.end for k in kept):
                continue
            resolver = _PATTERNS[order][1]
            result = resolver(ctx, m)
            if result is None:
                continue
            if resolver in _DURATION_RESOLVERS:
                kept.append(TimeRef(Span(article_id, start, end), *result, kind="duration"))
                continue  # a length of time is no time that "that day" can point at
            kept.append(TimeRef(Span(article_id, start, end), *result))
            _remember(ctx, result[0], result[1], end)
            if resolver in (_year, _decade):
                ctx.list_end[resolver.__name__] = end
        found += sorted(kept, key=lambda k: k.span.start)
        i = j
    return found


_DATED = re.compile(r"\d{4}(?:-|$)")


def _remember(ctx: _Context, value: str | None, granularity: Granularity, end: int) -> None:
    """Keep the last day, month and year mentioned, for "that day" and "the next year"."""
    if not value or not _DATED.match(value):
        return  # vague, or a decade or century
    ctx.last, ctx.last_end = (value, granularity), end
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        ctx.last_period = (value, granularity)
    ctx.ref_year = int(value[:4])
    if len(value) >= 7 and value[4] == "-" and value[5:7].isdigit():
        ctx.ref_month = (ctx.ref_year, int(value[5:7]))
        if len(value) >= 10 and value[8:10].isdigit():
            ctx.ref_day = _safe_date(ctx.ref_year, int(value[5:7]), int(value[8:10]))


def complete_date(date: PubDate | None, others: Sequence[PubDate]) -> PubDate | None:
    """A partial date with no year ("--05-14") given the year of the story's nearest full date.

    The year chosen puts the month and day nearest one of ``others`` (dates of the same
    story's other articles) that has a year; the date is returned unchanged when none has
    one, when it already has a year, or when the nearest is more than four months away.
    """
    if date is None or date.year is not None or date.month is None:
        return date
    best: tuple[int, int] | None = None  # (distance in days, year)
    for other in others:
        if not isinstance(other, PubDate) or other.year is None or other.month is None:
            continue
        there = _safe_date(other.year, other.month, other.day or 15)
        if there is None:
            continue
        for year in (other.year - 1, other.year, other.year + 1):
            here = _safe_date(year, date.month, date.day or 15)
            if here is not None:
                distance = abs((here - there).days)
                if best is None or distance < best[0]:
                    best = (distance, year)
    if best is None or best[0] > _COMPLETE_WINDOW_DAYS:
        return date
    return PubDate(best[1], date.month, date.day, date.time, date.source)


# Articles of one story fall within weeks of each other; a date further from all of them
# than this is more likely a different event than a missing year.
_COMPLETE_WINDOW_DAYS = 120

"""What the story stage looks at in an article: its words, the names it mentions, its
numbers and years, with the title and lead weighted up, and its publication day.

Extraction is plain regular expressions, fast enough for a day's feeds or a crawl: the
names are capitalised runs, not a trained recogniser's typed entities. For telling two
events apart that is what matters (who, where, how many), and it costs microseconds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from corroborate.records import Article, PubDate
from corroborate.stories.dates import MAX_MENTIONS, DaySpan, mentioned_days

__all__ = ["ArticleFeatures", "article_features", "day_number", "is_figure", "title_terms"]

# Term kinds, as key prefixes: one sparse vector holds them all.
WORD, NAME, NUMBER, YEAR = "w:", "n:", "q:", "y:"

# News puts the event in the headline and the first paragraphs (who, what, where,
# when); later paragraphs drift into background that two different events of one topic
# share. Weighting the lead up raised event-level B-cubed F1 on ECB+ dev by about half a
# point; two paragraphs and a weight of 2 sit on a flat optimum (1-3 paragraphs, 2-3).
LEAD_PARAGRAPHS = 2
LEAD_WEIGHT = 2.0
# Word stems are their first letters: "captured", "capture", "captures" meet, cheaply.
# Six letters merged inflections best among 5-8 and rarely joins unrelated words.
STEM_LETTERS = 6
MIN_WORD_LETTERS = 3
# Above this share of capitalised words a paragraph is a caps headline or a title-case
# line, where capitals say nothing about names.
MAX_CAPITALISED_SHARE = 0.6

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?|\d+(?:[.,]\d+)*|[.!?;:]")
_SENTENCE_END = frozenset(".!?;:")
_POSSESSIVE = re.compile(r"['’]s?$")
# A full stop after these ends no sentence: "Mr. Smith", "John F. Kennedy", "U.S. Senate".
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st mt gen sen rep gov lt col sgt capt prof jr sr no vs inc co corp ltd".split()  # noqa: SIM905
)
# A longer capitalised run is a pasted menu or a list, not one name.
MAX_NAME_WORDS = 6
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# Words that scale the number before them ("$2.5 million", "€85M"): one figure written
# two ways is one term.
_MAGNITUDES = {
    "thousand": 1_000,
    "million": 10**6,
    "mln": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
}
_CAPITAL_ONLY_MAGNITUDES = frozenset({"m"})  # "100 m" is metres; "100M" a hundred million
# Whole numbers under this are counts, days of the month and times, which two reports of
# one event may well differ in ("12 teams", "at 10:30"); from it up they are figures
# (sums, tolls, crowds). On ECB+ dev any value from 20 to 1,000 gave 0.918-0.922
# (100: 0.920).
MIN_FIGURE = 100

STOP_WORDS = frozenset(
    """a about above after again against ago all almost also although always am among an
    and another any are around as at away back be became because been before being below
    between both but by came can cannot could did do does doing done down during each
    early either else even ever every few first for former from further get gets got had
    has have having he her here hers herself him himself his how however i if in including
    into is it its itself just last late later latest least less like made make many may
    me might more most much must my myself near nearly need never new next no nor not now
    of off often on once one only onto or other others our ours out over own per perhaps
    put rather said say saying says see seen she should since so some still such than that
    the their theirs them themselves then there these they this those though three through
    thus to today told too took two under until up upon us very via was we were what when
    where whether which while who whom whose why will with within without would yet you
    your yours mr mrs ms dr st according asked added week weeks year years day days
    time times monday tuesday wednesday thursday friday saturday sunday january february
    march april june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec yesterday tomorrow tonight morning evening night""".split()  # noqa: SIM905 - a word list reads best as wrapped text
)


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """Weighted term counts of one article, and the surface form of each name."""

    article_id: str
    counts: dict[str, float]  # "w:captur" / "n:lindsay lohan" / "q:26" / "y:2031" -> weight
    names: dict[str, str]  # "n:lindsay lohan" -> "Lindsay Lohan", as first written
    day: int | None  # publication day number (see :func:`day_number`); None when unknown
    # Spans of days the text mentions ("April 2007"), at most MAX_MENTIONS, first first:
    # a follow-up published long after the event still meets the event's story.
    mentioned: tuple[DaySpan, ...] = ()


def day_number(published: PubDate | None) -> int | None:
    """The day of a complete publication date, as a day count; None for partial dates,
    which cannot be placed on a time line."""
    if published is None or published.is_partial:
        return None
    assert published.year and published.month and published.day
    try:
        return date(published.year, published.month, published.day).toordinal()
    except ValueError:
        return None


def article_features(article: Article) -> ArticleFeatures:
    counts: defaultdict[str, float] = defaultdict(float)
    names: dict[str, str] = {}
    # Paragraphs are separated by blank lines; a single line end is a wrapped line.
    paragraphs = [" ".join(p.split("\n")) for p in article.text.split("\n\n") if p.strip()]
    lead = ([article.title] if article.title else []) + paragraphs[:LEAD_PARAGRAPHS]
    day = day_number(article.published)
    mentioned: list[DaySpan] = []
    for position, text in enumerate(lead + paragraphs[LEAD_PARAGRAPHS:]):
        weight = LEAD_WEIGHT if position < len(lead) else 1.0
        tokens = _count_terms(text, weight, counts, names)
        if len(mentioned) < MAX_MENTIONS:
            for span in mentioned_days(tokens, day):
                if span not in mentioned and len(mentioned) < MAX_MENTIONS:
                    mentioned.append(span)
    return ArticleFeatures(article.id, dict(counts), names, day, tuple(mentioned))


def title_terms(title: str) -> dict[str, float]:
    """The terms of a title alone, to choose a story's representative title."""
    counts: defaultdict[str, float] = defaultdict(float)
    _count_terms(title, 1.0, counts, {})
    return dict(counts)


def _count_terms(
    text: str, weight: float, counts: defaultdict[str, float], names: dict[str, str]
) -> list[str]:
    """Counts the terms of ``text`` into ``counts`` and ``names``; returns its tokens."""
    tokens = _TOKEN.findall(text)
    words = [t for t in tokens if t[0].isalpha()]
    capitalised = sum(1 for t in words if t[0].isupper())
    read_names = bool(words) and capitalised / len(words) <= MAX_CAPITALISED_SHARE
    run: list[str] = []
    sentence_start = True
    tokens = [_POSSESSIVE.sub("", token) for token in tokens]  # "Corrick’s" is Corrick
    for position, token in enumerate(tokens):
        if token == "." and position and _is_abbreviation(tokens[position - 1]):
            continue
        if token in _SENTENCE_END:
            _add_name(run, weight, counts, names)
            run, sentence_start = [], True
            continue
        lower = token.lower()
        if token[0].isdigit():
            _add_name(run, weight, counts, names)
            run = []
            if _YEAR.fullmatch(token):
                counts[YEAR + token] += weight
            else:
                following = tokens[position + 1] if position + 1 < len(tokens) else ""
                counts[NUMBER + _figure_value(token, following)] += weight
        else:
            is_name_word = read_names and token[0].isupper() and lower not in STOP_WORDS
            opens_sentence = sentence_start and not run and _looks_common(token)
            if is_name_word and (not opens_sentence or _name_follows(tokens, position)):
                run.append(token)
            else:
                _add_name(run, weight, counts, names)
                run = []
            if lower not in STOP_WORDS and len(lower) >= MIN_WORD_LETTERS:
                counts[WORD + lower[:STEM_LETTERS]] += weight
        sentence_start = False
    _add_name(run, weight, counts, names)
    return tokens


def _figure_value(token: str, following: str) -> str:
    """A number as one key: "1,250" is 1250 and "2.5 million" (or "2.5M") 2500000, so
    the ways of writing one figure meet."""
    value = token.replace(",", "")
    scale = _MAGNITUDES.get(following) or _MAGNITUDES.get(following.lower(), 0)
    if not scale or following in _CAPITAL_ONLY_MAGNITUDES:
        return value
    try:
        number = float(value) * scale
    except ValueError:
        return value
    return str(round(number)) if number >= 1 else value


def is_figure(term: str) -> bool:
    """Whether a number term is a distinctive figure (an amount, a toll, a magnitude):
    a decimal ("6.1") or a number of 100 and over. Small whole numbers are counts, days
    and times that any two reports may differ in; years are terms of their own."""
    if not term.startswith(NUMBER):
        return False
    value = term[len(NUMBER) :]
    if "." in value:
        return True
    return value.isdigit() and int(value) >= MIN_FIGURE


def _is_abbreviation(token: str) -> bool:
    return (len(token) == 1 and token.isupper()) or "." in token or token.lower() in _ABBREVIATIONS


def _name_follows(tokens: list[str], position: int) -> bool:
    """A sentence-opening capitalised word followed by another name word opens a name
    ("Orla Penhallow, who ..."); followed by a lowercase word it may be any word."""
    following = tokens[position + 1] if position + 1 < len(tokens) else ""
    return following[:1].isupper() and following.lower() not in STOP_WORDS


def _looks_common(token: str) -> bool:
    # A capitalised word opening a sentence may be any word ("Firefighters"); only
    # count it as a name when its shape says so (inner capitals, "McAllister", "DPRK").
    return not any(c.isupper() for c in token[1:])


def _add_name(
    run: list[str], weight: float, counts: defaultdict[str, float], names: dict[str, str]
) -> None:
    """A run of capitalised words counts as the whole name and as each of its words,
    so "Lohan" later in the text meets "Lindsay Lohan" in the lead."""
    if not run or len(run) > MAX_NAME_WORDS:
        return
    surface = " ".join(run)
    parts = [surface] if len(run) == 1 else [surface, *run]
    for part in parts:
        key = NAME + part.lower()
        counts[key] += weight
        names.setdefault(key, part)

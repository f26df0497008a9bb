"""How alike two claims are: shared telling words, and the same figure, date or source.

Paraphrase across outlets ("the river authority opened two spillways at the dam" ~ "two
of the dam's spillways were opened by the authority") keeps the rare words and the
figures while the common words change, so words are weighed by how rare they are in English and in the story,
and a figure of the same counted thing, a date and a speaker add to the score.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from difflib import SequenceMatcher
from functools import lru_cache

from corroborate.corroboration.quotes import quote_words
from corroborate.corroboration.synonyms import Meaning, meanings_of, related
from corroborate.corroboration.views import (
    ClaimView,
    states_named,
    stem,
    stem_weight,
    stems_of,
)
from corroborate.records import Quantity

__all__ = [
    "StoryWeights",
    "counted_thing",
    "figures_agree",
    "quantity_pairs",
    "same_dated_event",
    "shared_run",
    "shared_weight",
    "similarity",
    "word_similarity",
]

# Score added when two claims share a figure of the same counted thing, a date, a
# speaker. Calibrated on the example corpus and the generated benchmark together: a
# shared figure decides close cases ("nine people were hurt" ~ "of the nine people
# injured, ..."), a shared speaker alone does not group two different statements.
SAME_FIGURE = 0.25
SAME_THING_OTHER_FIGURE = 0.12
SAME_DATE = 0.08
SAME_SPEAKER = 0.08
# One speaker counting the same thing in two reports is most often one statement
# reported twice, whether or not the figures agree (the mayor's evacuation count).
SPEAKERS_COUNT = 0.2
# So is one speaker dating the same event in two reports ("the strike began on 3 May" /
# "workers first walked out on 2 May"), whether or not the days agree: the event's own
# words are few and the story's commonest ("strike"), so that the words alone rarely
# join the two, and one day against another would be a conflict never found. Only days
# at most DATE_SLIP apart: a misdated event is most often a day off (overnight, another
# time zone, a slip), while one speaker's events days apart are most often two ("the
# order was given on 31 October", "the exercise started on 5 November").
SPEAKERS_DATE = 0.2
DATE_SLIP = timedelta(days=2)
# A word and its synonym in the other claim ("failed" / "gave way") count as one shared
# word at this share of the lighter one's weight: a synonym is weaker evidence than the
# same word, since WordNet's senses include ones the claim does not mean.
SYNONYM_CREDIT = 0.8
# A word a claim says only in an adjunct (where, when, after what: adjuncts.py) weighs
# this share of itself: the story's setting is restated in claims that say different
# things, while a claim's predicate is what another report of it must say too.
SETTING_SHARE = 0.4
# Figures more than this many times apart count different things.
SAME_SIZE = 3.0
# Two quotations sharing a run of this many words are one quotation, however it was
# cut or reworded elsewhere.
QUOTE_RUN = 6
SAME_QUOTE = 0.5
# The same speaker's words told in such a run by two reports outside quotation marks:
# enough to settle a close case, not to join different statements of one speaker.
SAME_SPEAKER_RUN = 0.1
# Verbs that tell what may be, not what is: a vague amount under them is no count.
_MODALS = frozenset(["may", "might", "could", "would"])
# Two figures within about 10% of each other are one figure, rounded differently.
ROUNDING = 0.05

# How news tells casualties in other words where WordNet has no link between them: the
# injured are "hurt", "wounded", "taken to hospital", "hospitalised"; the dead "killed",
# "died", "dead", "fatalities". For grouping only: whether two figures count one thing
# is decided by their own predicates (counts.py), since "nine injured, four taken to
# hospital" are two counts.
_NEWS_CLASSES = (
    ("injured", "injuries", "injury", "hurt", "wounded", "hospital", "hospitalised",
     "hospitalized", "hospitalisation", "hospitalization"),
    ("killed", "dead", "died", "death", "deaths", "fatalities"),
)  # fmt: skip

# Words for the same counted thing. Conflicts and figures are compared within a class.
_THINGS = {
    "soldier": "troops", "troop": "troops", "serviceman": "troops", "servicemen": "troops",
    "fighter": "troops", "personnel": "troops", "force": "troops",  # "1,500 special forces"
    "person": "people", "people": "people", "persons": "people", "individual": "people",
    "resident": "residents", "inhabitant": "residents", "civilian": "people",
    "tonne": "tonnes", "ton": "tonnes", "tons": "tonnes",
    "kilometre": "km", "kilometer": "km", "km": "km",
}  # fmt: skip


class StoryWeights:
    """Word weights for one story: rare in English and not said in most of its claims."""

    def __init__(self, views: Iterable[ClaimView]) -> None:
        self.frequency: Counter[str] = Counter()
        self.total = 0
        for view in views:
            self.frequency.update(view.stems)
            self.total += 1
        self._cache: dict[str, float] = {}
        self._mass: dict[str, float] = {}  # a claim's summed word weights, by claim id
        self._dated: dict[str, tuple[frozenset[str], Mapping[str, Meaning]]] = {}

    def __getitem__(self, stem: str) -> float:
        weight = self._cache.get(stem)
        if weight is None:
            # A word said in many of the story's claims ("Halvard" in the Halvard fire)
            # names the story, not the statement: an inverse document frequency within
            # the story scales it, 1 for a word of two claims, falling as it spreads.
            spread = math.log(self.total / max(self.frequency[stem], 2)) / math.log(
                max(self.total / 2, 2.0)
            )
            weight = stem_weight(stem) * min(1.0, max(0.1, spread)) ** 2
            self._cache[stem] = weight
        return weight

    def dated_event(self, view: ClaimView) -> tuple[frozenset[str], Mapping[str, Meaning]]:
        """The stems and meanings of the words just before the claim's first time
        (what it dates: "the strike began" in "the strike began on 3 May"), once per
        claim."""
        found = self._dated.get(view.id)
        if found is None:
            text = ""
            if view.times:
                start = view.times[0].span.start
                text = view.article.text[max(view.claim.content.start, start - 60) : start]
            stems = stems_of(text)
            found = self._dated[view.id] = (stems, meanings_of(text, stems, stem))
        return found

    def mass(self, view: ClaimView) -> float:
        """The summed weight of a claim's words (asked for in every comparison)."""
        found = self._mass.get(view.id)
        if found is None:
            found = self._mass[view.id] = math.fsum(self[s] for s in view.stems)
        return found


def word_similarity(
    a: ClaimView,
    b: ClaimView,
    weights: StoryWeights,
    left_out: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> float:
    """Weighted overlap of the two claims' words: the mean of the Jaccard index (same
    statement) and the overlap with the shorter (one says more than the other).
    ``left_out`` are words of each not compared (figures compared as figures).

    A shared word that a claim says only to set the scene (in an adjunct: "at the Kestrel
    plant", adjuncts.py) weighs SETTING_SHARE of itself on that claim's side, in the
    shared part and in both wholes: two claims alike only in where or after what they
    happen are two statements, while one claim told twice is as alike as before. Words
    the two do not share keep their weight wherever they stand: a different setting
    still tells two statements apart."""
    full, shared = _shared_weights(
        a.stems, b.stems, weights, a.meanings, b.meanings, (a.setting, b.setting)
    )
    if shared == 0:
        return 0.0
    setting_lost = full - shared
    left = weights.mass(a) - setting_lost - math.fsum(weights[s] for s in left_out[0])
    right = weights.mass(b) - setting_lost - math.fsum(weights[s] for s in left_out[1])
    jaccard = shared / (left + right - shared)
    # A short claim ("rejected the claims") is contained in much; damp containment
    # below about three telling words.
    shorter = min(left, right)
    containment = min(1.0, shared / shorter) * min(1.0, shorter / 9.0)
    return 0.5 * jaccard + 0.5 * containment


def shared_weight(
    left: frozenset[str],
    right: frozenset[str],
    weights: StoryWeights,
    left_meanings: Mapping[str, Meaning],
    right_meanings: Mapping[str, Meaning],
) -> float:
    """The weight of the words two claims share: the same stems, and words one says
    otherwise ("failed" / "gave way"; news's "injured" / "taken to hospital"), each
    such pair counted as one shared word of their mean weight at SYNONYM_CREDIT of it,
    each word once."""
    return _shared_weights(left, right, weights, left_meanings, right_meanings)[0]


def _shared_weights(
    left: frozenset[str],
    right: frozenset[str],
    weights: StoryWeights,
    left_meanings: Mapping[str, Meaning],
    right_meanings: Mapping[str, Meaning],
    settings: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> tuple[float, float]:
    """The shared weight (as :func:`shared_weight`), and the same with a word that a
    claim says only in its ``settings`` (adjuncts) at SETTING_SHARE of itself on that
    claim's side."""
    full: list[float] = []
    kept: list[float] = []

    def share(x: str, y: str, credit: float = 1.0) -> None:
        full.append(credit * (weights[x] + weights[y]) / 2)
        kept.append(credit * (scene(x, settings[0]) + scene(y, settings[1])) / 2)

    def scene(word: str, setting: frozenset[str]) -> float:
        return weights[word] * SETTING_SHARE if word in setting else weights[word]

    common = left & right
    for s in common:
        share(s, s)
    matched: set[str] = set()  # words of the left claim paired
    used: set[str] = set()  # words of the right claim paired
    for x, x_meaning in left_meanings.items() if right_meanings else ():
        if x in common:
            continue
        for y, y_meaning in right_meanings.items():
            if y in common or y in used or not related(x_meaning, y_meaning):
                continue
            share(x, y, SYNONYM_CREDIT)
            matched.add(x)
            used.add(y)
            break
    news = _news_classes()
    told = sorted(x for x in left if x in news and x not in common and x not in matched)
    for x in told:
        kind = news[x]
        other = next((y for y in sorted(right - common - used) if news.get(y) == kind), None)
        if other is not None:
            share(x, other, SYNONYM_CREDIT)
            used.add(other)
    return math.fsum(full), math.fsum(kept)


@lru_cache(maxsize=1)
def _news_classes() -> dict[str, int]:
    """Stem -> its class in _NEWS_CLASSES."""
    return {stem(word): n for n, words in enumerate(_NEWS_CLASSES) for word in words}


def similarity(a: ClaimView, b: ClaimView, weights: StoryWeights) -> float:
    pairs = quantity_pairs(a.quantities, b.quantities)
    score = word_similarity(a, b, weights, _figures_apart(a, b, pairs))
    quotes = a.quotes_words and b.quotes_words
    same_speaker = bool(a.speaker) and a.speaker == b.speaker
    # A quotation, or one speaker's statement told in the same run of words by two
    # reports however each goes on ("..., calling it a 'next step'" / "..., calling it a
    # 'serious issue'"), is one statement. The run is found once: it is the costly part.
    if (quotes or same_speaker) and shared_run(a.text, b.text) >= QUOTE_RUN:
        score += SAME_QUOTE if quotes else SAME_SPEAKER_RUN
    if any(figures_agree(x, y) and _counted(a, x) and _counted(b, y) for x, y in pairs):
        score += SAME_FIGURE
    elif pairs:
        score += SAME_THING_OTHER_FIGURE
    if pairs and same_speaker:
        score += SPEAKERS_COUNT
    if same_speaker and _days_close(a, b) and same_dated_event(a, b, weights):
        score += SPEAKERS_DATE
    if _same_date(a, b):
        score += SAME_DATE
    if same_speaker:
        score += SAME_SPEAKER
    return score


def _figures_apart(
    a: ClaimView, b: ClaimView, pairs: list[tuple[Quantity, Quantity]]
) -> tuple[frozenset[str], frozenset[str]]:
    """The figures, as words, of each claim's counts of a thing the other also counts,
    less those both print: "3,500 trees came down" and "some 2,000 trees came down" are
    compared as figures (below), not also as two words that differ."""
    if not pairs:
        return (frozenset(), frozenset())
    left = {n for x, _ in pairs for n in _figure_words(a, x)}
    right = {n for _, y in pairs for n in _figure_words(b, y)}
    return (frozenset(left - right), frozenset(right - left))


def _figure_words(view: ClaimView, quantity: Quantity) -> frozenset[str]:
    return frozenset(s for s in view.stems & stems_of(quantity.span.of(view.article.text))
                     if s.startswith("#"))  # fmt: skip


def counted_thing(quantity: Quantity) -> str | None:
    """The counted thing's class: "soldiers" and "troops" are one."""
    return _thing_class(quantity.unit) if quantity.unit else None


@lru_cache(maxsize=4096)
def _thing_class(unit: str) -> str:
    word = unit.lower().split()[-1]
    if word in _THINGS:
        return _THINGS[word]
    singular = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    return _THINGS.get(singular, singular)


def quantity_pairs(
    left: Iterable[Quantity], right: Iterable[Quantity]
) -> list[tuple[Quantity, Quantity]]:
    """Pairs of figures of the same counted thing and of one order of size: "two
    firefighters" (hurt) and "60 firefighters" (sent) are two different counts, "about
    2,000 residents" and "up to 3,500 residents" may be one count told twice."""
    right = list(right)
    return [
        (x, y)
        for x in left
        if counted_thing(x)
        for y in right
        if counted_thing(x) == counted_thing(y) and _same_size(x, y)
    ]


def _same_size(x: Quantity, y: Quantity) -> bool:
    a = x.value if x.value is not None else x.low or x.high
    b = y.value if y.value is not None else y.low or y.high
    if not a or not b:
        return True
    return max(a, b) / min(a, b) <= SAME_SIZE


def figures_agree(x: Quantity, y: Quantity) -> bool:
    """Whether two figures of one thing can both be right.

    A stated figure is a point, widened by rounding; "at least"/"more than" figures are
    open above and agree with any larger figure ("at least eight" and "nine");
    vague amounts ("several thousand") agree with whatever lies in their range. "Up to
    12,000" is a claim about the figure's size, not a range down to zero: it differs
    from "10,000".
    """
    return _overlap(_interval(x), _interval(y))


def _counted(view: ClaimView, q: Quantity) -> bool:
    """Whether a figure reports a count: a stated figure ("3,000", "at least 3,000"), or
    a vague amount told as fact ("several thousand residents were evacuated"). A vague
    amount in what may or could be ("a few thousand troops may change little") is a
    guess at a size, which agrees with most figures of that size: no sign of the same
    statement."""
    return q.value is not None or not _MODALS.intersection(view.text.lower().split())


def _interval(q: Quantity) -> tuple[float, float]:
    value = q.value
    if value is None:  # vague: "several thousand" -> its rough bounds
        return (q.low or 0.0, q.high if q.high is not None else math.inf)
    if q.high is None and q.low is not None:  # at least / more than
        return (q.low, math.inf)
    return (value * (1 - ROUNDING), value * (1 + ROUNDING))


def _overlap(x: tuple[float, float], y: tuple[float, float]) -> bool:
    return x[0] <= y[1] and y[0] <= x[1]


def _days_close(a: ClaimView, b: ClaimView) -> bool:
    """Whether each claim holds one time, a day (what dates one event), the two at most
    DATE_SLIP apart."""
    days = [_one_day(v) for v in (a, b)]
    return days[0] is not None and days[1] is not None and abs(days[0] - days[1]) <= DATE_SLIP


def _one_day(view: ClaimView) -> date | None:
    if len(view.times) != 1 or view.times[0].granularity != "day":
        return None
    return _day(view.times[0].value or "")


@lru_cache(maxsize=4096)
def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:  # "--05-13": no year
        return None


def same_dated_event(left: ClaimView, right: ClaimView, weights: StoryWeights) -> bool:
    """Whether the words just before each claim's date are alike ("broke out shortly
    before 11 p.m. on Tuesday" / "... on Wednesday"), not another clause's date ("...
    and was brought under control early on Wednesday"): they share, as words or
    meanings, half the weight of the lighter."""
    before = [weights.dated_event(v) for v in (left, right)]
    if not before[0][0] or not before[1][0]:
        return False
    shared = shared_weight(before[0][0], before[1][0], weights, before[0][1], before[1][1])
    return shared >= 0.5 * min(math.fsum(weights[s] for s in b[0]) for b in before)


def _same_date(a: ClaimView, b: ClaimView) -> bool:
    left = {t.value for t in a.times if t.value}
    return bool(left) and any(t.value in left for t in b.times)


def shared_run(left: str, right: str) -> int:
    """The longest run of words two quotations share (contractions spelt out, a state
    named one way: "evidence that there are DPRK troops" and "evidence that there are
    North Korean troops" run on through the state)."""
    a, b = _run_words(left), _run_words(right)
    match = SequenceMatcher(a=a, b=b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size


@lru_cache(maxsize=65536)
def _run_words(text: str) -> tuple[str, ...]:
    return tuple(quote_words(states_named(text)))

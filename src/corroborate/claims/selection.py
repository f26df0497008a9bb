"""Which sentences the claims stage needs parsed, read from their words alone.

A sentence needs the full pipeline (tagger, parser, lemmas, named entities) when
anything the claims stage reads could be in it: an attribution (a form of a cue verb or
noun, "according", a quotation mark, a colon), a name or a role noun (speakers are
resolved against every mention in the article, titles and appositions included), a
number, a time expression (its tense decides the date), or a word of negation, denial
or hedging (an outlet claim's polarity). What is left, e.g. "The rain kept falling on
the pier.", yields an outlet claim from its sentence bounds alone, so tokens and a
sentence boundary are enough. The test is deliberately generous: a sentence wrongly
skipped changes the claims, one wrongly parsed only costs time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import pairwise
from typing import NamedTuple

import numpy
from spacy.attrs import IS_SPACE
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span, Token

from corroborate.claims import gazetteer as gz
from corroborate.claims.cues import ATTRIBUTION_NOUNS, ATTRIBUTION_VERBS, CITING_WORDS
from corroborate.claims.modality import (
    CLAIM_NOUNS,
    DENIAL_NOUNS,
    DENIAL_VERBS,
    DISMISSIVE_WORDS,
    EPISTEMIC_NOUNS,
    EPISTEMIC_VERBS,
    EPISTEMIC_WORDS,
    EVIDENCE_NOUNS,
    MODAL_HEDGES,
    NEGATIVE_SUBJECTS,
    TRUTH_WORDS,
)

__all__ = ["CUE_FORMS", "Piece", "needs_parse", "plan_pieces", "rough_sentences", "word_forms"]

# Past forms the suffix rules below cannot make.
_IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "think": ("thought",),
    "know": ("knew", "known"),
    "understand": ("understood",),
    "feel": ("felt",),
    "find": ("found",),
    "seek": ("sought",),
    "forecast": ("forecast",),
    "hear": ("heard",),
    "see": ("saw", "seen"),
    "mean": ("meant",),
    "hold": ("held",),
    "speak": ("spoke", "spoken"),
    "teach": ("taught",),
}


def word_forms(lemma: str) -> set[str]:
    """The inflections of an English verb or noun, over-generated ("admit": "admited" too):
    a form that is no word costs nothing, a missing one skips a sentence."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "admitted", "planning"
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")  # "argue" -> "arguing"
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}  # "deny" -> "denied"
    forms.update(_IRREGULAR.get(lemma, ()))
    return forms


def _all_forms(lemmas: Iterable[str]) -> frozenset[str]:
    return frozenset(form for lemma in lemmas for form in word_forms(lemma))


# Every form of a word that can make an attribution (a cue), deny or hedge.
CUE_FORMS = _all_forms(
    ATTRIBUTION_VERBS | ATTRIBUTION_NOUNS | DENIAL_VERBS | EPISTEMIC_VERBS
    | {"appear", "suggest", "assess", "indicate", "expect", "cite", "quote"}
) | CITING_WORDS | {"according"}  # fmt: skip

# Words that decide polarity or hedging, or are (parts of) quantities.
_MODALITY_WORDS = (
    MODAL_HEDGES | EPISTEMIC_WORDS | NEGATIVE_SUBJECTS | DISMISSIVE_WORDS | TRUTH_WORDS
    | _all_forms(CLAIM_NOUNS | DENIAL_NOUNS | EPISTEMIC_NOUNS | EVIDENCE_NOUNS)
    | {"not", "n't", "no", "never", "nor", "neither", "without", "cannot"}
)  # fmt: skip
_QUANTITY_WORDS = _all_forms(
    {"double", "triple", "treble", "quadruple", "halve", "dozen", "hundred", "thousand",
     "million", "billion", "trillion", "percent", "score"}
) | {"twice", "thrice", "half", "few", "several", "couple", "handful", "once"}  # fmt: skip
# Nouns that the speaker resolution reads as roles or sources ("the spy chief", "officials").
_ROLE_WORDS = _all_forms(gz.TITLE_WORDS | gz.ORG_HEADS | gz.GENERIC_SOURCES)
_PRONOUNS = frozenset(
    ["he", "him", "his", "himself", "she", "her", "hers", "herself", "they", "them",
     "their", "theirs", "themselves"]
)  # fmt: skip
# Words of time expressions (with digits, weekdays and months: see ``timex``); the tense
# around them is read from the parse.
_TIME_WORDS = frozenset(
    [
        "today", "tonight", "tomorrow", "yesterday", "week", "weeks", "weekend", "weekends",
        "month", "months", "year", "years", "decade", "decades", "century", "centuries", "day",
        "days", "night", "nights", "morning", "mornings", "afternoon", "afternoons", "evening",
        "evenings", "noon", "midnight", "ago", "spring", "summer", "autumn", "fall", "winter",
        "season", "quarter", "now", "nowadays", "current", "currently", "recent", "recently",
        "lately", "presently", "soon", "past", "future", "term", "time", "earlier", "later",
        "previous", "prior", "since", "until", "till", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "mon.", "tue.", "tues.", "wed.", "thu.",
        "thur.", "thurs.", "fri.", "sat.", "sun.", "january", "february", "march", "april", "may",
        "june", "july", "august", "september", "october", "november", "december", "jan.", "feb.",
        "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
    ]
)  # fmt: skip
_VOCABULARY = CUE_FORMS | _MODALITY_WORDS | _QUANTITY_WORDS | _ROLE_WORDS | _PRONOUNS | _TIME_WORDS
_MARKS = frozenset("\"“”„«»‘’':;%$£€¥₹₩#")


def needs_parse(sentence: Span) -> bool:
    """Whether the claims stage could read anything in ``sentence`` that needs the parse."""
    first = True
    for token in sentence:
        if token.is_space or (token.is_punct and token.text not in _MARKS):
            continue
        if _telling(token, first):
            return True
        first = False
    return False


def _telling(token: Token, first: bool) -> bool:
    text = token.text
    if token.lower_ in _VOCABULARY or any(c in _MARKS or c.isdigit() for c in text):
        return True
    if token.like_num:
        return True
    # A capitalised word is a name unless it is a sentence's first word and a common one.
    capitalised = text[:1].isupper() and (len(text) > 1 or not first)
    return capitalised and not (first and token.lower_ in STOP_WORDS)


_SENTENCIZER = Sentencizer()


def rough_sentences(doc: Doc) -> list[Span]:
    """Sentences split at end punctuation (spaCy's rule-based sentencizer), without
    writing them onto ``doc``: what is parsed later gets its sentences from the parser."""
    (starts,) = _SENTENCIZER.predict([doc])
    bounds = [i for i, start in enumerate(starts) if start and i > 0]
    edges = [0, *bounds, len(doc)]
    return [doc[a:b] for a, b in pairwise(edges) if b > a]


class Piece(NamedTuple):
    """Tokens ``[start, end)`` of a Doc, whether they get the full pipeline, and where
    their sentences start (token indices; what a piece left unparsed is split by)."""

    start: int
    end: int
    parse: bool
    sentence_starts: tuple[int, ...]


def plan_pieces(doc: Doc, max_chars: int) -> list[Piece]:
    """Pieces covering ``doc`` in order: runs of whole paragraphs that all need the parse
    or all do not. Cuts fall only at paragraph breaks, where the parser and the entity
    recogniser lose least context; a run to parse is kept within ``max_chars`` (cut at
    sentences, or anywhere for one overlong sentence)."""
    starts = [s.start for s in rough_sentences(doc)]
    pieces: list[Piece] = []
    for first, last in _paragraphs(doc):
        inside = [first, *starts[bisect_right(starts, first) : bisect_left(starts, last)]]
        bounds = list(zip(inside, [*inside[1:], last], strict=True))
        parse_it = any(needs_parse(doc[a:b]) for a, b in bounds)
        units = [(a, b) for s, e in bounds for a, b in _cut(doc[s:e], max_chars)]
        if not parse_it:
            units = [(first, last)]
        for a, b in units:
            if pieces and pieces[-1].parse == parse_it:
                previous = pieces[-1]
                if not parse_it or _length(doc, previous.start, b) <= max_chars:
                    pieces[-1] = previous._replace(
                        end=b, sentence_starts=previous.sentence_starts + tuple(inside)
                    )
                    continue
            pieces.append(Piece(a, b, parse_it, tuple(inside) if not parse_it else ()))
    return pieces


def line_breaks(doc: Doc) -> dict[int, int]:
    """White-space tokens that hold line breaks: token index -> how many. Read off the
    IS_SPACE column: iterating a Doc builds a Token object per word, which cost a tenth
    of the whole parse of PolNeAR dev."""
    if not len(doc):
        return {}
    breaks = {}
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)):
        count = doc[int(i)].text.count("\n")
        if count:
            breaks[int(i)] = count
    return breaks


def _paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of paragraphs: each ends with the white space that holds a line break."""
    ranges = []
    start = 0
    for i in line_breaks(doc):
        ranges.append((start, i + 1))
        start = i + 1
    if start < len(doc):
        ranges.append((start, len(doc)))
    return ranges


def _length(doc: Doc, start: int, end: int) -> int:
    return doc[end - 1].idx + len(doc[end - 1]) - doc[start].idx


def _cut(sentence: Span, max_chars: int) -> list[tuple[int, int]]:
    """The sentence as token ranges of at most ``max_chars`` characters (one token over
    the limit stays whole)."""
    if sentence.end_char - sentence.start_char <= max_chars:
        return [(sentence.start, sentence.end)]
    ranges = []
    start = sentence.start
    for token in sentence:
        if token.i > start and _length(sentence.doc, start, token.i + 1) > max_chars:
            ranges.append((start, token.i))
            start = token.i
    ranges.append((start, sentence.end))
    return ranges

"""Counted amounts in a parsed text: "about 2,000 residents", "tens of thousands of troops".

Numbers are found by their tokens (digits, number words, vague amounts such as "dozens"),
which does not depend on the parse; the parse is used for what it is good at: the thing
counted (the noun a number modifies, or the noun of an "of" phrase) and telling counts
from dates, times, ages and names. Where the parse does not attach a number to a noun,
the noun that follows it within a few tokens is taken.

Conventions (what :class:`~corroborate.records.Quantity` holds):

- ``unit`` is the counted noun as printed, lower-cased and in the plural ("residents",
  "firefighters", "tonnes"); a singular noun is put in the plural so that "one person"
  and "nine people" share a unit. Spellings of one measure are unified ("kilometres",
  "kilometers", "km" -> "km"), "%"/"per cent" -> "percent", currency symbols ->
  "dollars", "pounds", "euros", ...; multipliers ("doubled", "twice") -> "times".
- The hedge is kept as an interval: "about 10" -> low = high = 10; "at least"/"more
  than"/"over" -> low only; "up to"/"nearly"/"within" -> high only. ``hedge`` is the
  hedge as printed, lower-cased.
- A duration after "in" is a time, not an amount: "the second fire in less than a
  week", "will reopen in two weeks" (as "two days ago" is); "for more than 7 hours",
  "within 24 hours" are amounts.
- A count noun that does not say what it counts ("bringing the total evacuated to
  2,500") counts what the sentence counted before it ("600 more residents").
- Vague amounts have no value: "dozens" 24..99, "hundreds" 200..999, "thousands"
  2,000..9,999, "tens of thousands" 20,000..99,999, "hundreds of thousands"
  200,000..999,999, "a few/several hundred" 200..900; ``hedge`` is the vague phrase.
- Ranges ("between 20 and 30", "20-30", "two or three") have no value, only low and high.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from corroborate.records import Quantity, Span

__all__ = ["find_quantities", "text_length"]

# Hedges before a number, as lower-case words, with the side of the interval they leave
# open: "approx" keeps value as both bounds, "lower" keeps it as the low bound only
# ("more than 120"), "upper" as the high bound only ("up to 3,500").
_APPROX_HEDGES = (
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "an estimated",
    "estimated",
)
_LOWER_HEDGES = (
    "more than", "over", "at least", "just over", "well over", "above", "upwards of",
    "in excess of", "greater than", "no fewer than", "no less than",
)  # fmt: skip
_UPPER_HEDGES = (
    "up to", "nearly", "almost", "close to", "just under", "under", "less than", "fewer than",
    "below", "at most", "no more than", "as many as", "as much as", "within",
)  # fmt: skip
HEDGES: dict[tuple[str, ...], str] = {
    tuple(hedge.split()): side
    for side, hedges in (
        ("approx", _APPROX_HEDGES),
        ("lower", _LOWER_HEDGES),
        ("upper", _UPPER_HEDGES),
    )
    for hedge in hedges
}
_LONGEST_HEDGE = max(len(h) for h in HEDGES)

# Words allowed between a hedge and its number: "at least another 24 hours".
_FILLERS = {("another",), ("a", "further"), ("an", "additional"), ("an", "extra")}

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# Words that multiply what comes before them: "1.5 million", "two dozen".
_SCALES = {
    "dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000,
    "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
}  # fmt: skip
# Suffixes written onto digits: "2bn", "40m" ("m" only after a currency symbol, since
# alone it is as often metres).
_SUFFIXES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "tn": 1e12}
_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DIGITS_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn|tn)$", re.IGNORECASE)

# Vague plurals and their ranges: "dozens" is read as 24..99, since above 100 writers say
# "hundreds"; the others as 2x..10x-1 ("thousands" 2,000..9,999).
_VAGUE_PLURALS = {
    "dozens": (24, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "millions": (2_000_000, 9_999_999), "billions": (2_000_000_000, 9_999_999_999),
}  # fmt: skip
# "a few hundred", "several thousand": 2x..9x.
_FEW = {("a", "few"), ("several",), ("a", "couple", "of"), ("a", "handful", "of")}

# Verbs and adverbs that say "times as many": the value is the multiplier, unit "times".
_MULTIPLIER_VERBS = {"double": 2, "triple": 3, "treble": 3, "quadruple": 4, "halve": 0.5}
_MULTIPLIER_WORDS = {"twice": 2, "thrice": 3}

_CURRENCIES = {
    "$": "dollars", "us$": "dollars", "£": "pounds", "€": "euros", "¥": "yen",
    "₹": "rupees", "₩": "won",
}  # fmt: skip
# Spellings of one measure, unified; other counted nouns keep their printed plural.
_UNIT_ALIASES = {
    "%": "percent", "percent": "percent", "pct": "percent",
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km",
    "kilometers": "km", "m": "metres", "metre": "metres", "meter": "metres",
    "meters": "metres", "mile": "miles", "kg": "kg", "kilogram": "kg", "kilograms": "kg",
    "kilo": "kg", "kilos": "kg", "tonne": "tonnes", "metric tons": "tonnes",
    "dollar": "dollars", "euro": "euros", "pound": "pounds", "hr": "hours", "hrs": "hours",
    "min": "minutes", "mins": "minutes", "time": "times", "fold": "times",
}  # fmt: skip
_IRREGULAR_PLURALS = {
    "person": "people", "man": "men", "woman": "women", "child": "children",
    "foot": "feet", "tooth": "teeth", "mouse": "mice", "policeman": "policemen",
    "fireman": "firemen", "crewman": "crewmen", "sheep": "sheep", "aircraft": "aircraft",
    "police": "police", "staff": "staff", "personnel": "personnel", "yen": "yen",
}  # fmt: skip

# Nouns of measure that "a"/"another" counts as one after a hedge: "at least another day".
_MEASURE_NOUNS = {
    "second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year",
    "decade", "century", "kilometre", "kilometer", "mile", "metre", "meter", "foot",
    "yard", "tonne", "ton", "kilogram", "kilo", "litre", "liter", "gallon", "hectare", "acre",
}  # fmt: skip
# Nouns of duration: a number tagged as a date or time still counts with them ("24 hours").
_DURATIONS = {
    "second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year",
    "decade", "century", "weekend",
}  # fmt: skip
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# Words after a number that make it a clock time: "11 p.m.", "9 o'clock".
_CLOCK_WORDS = {"a.m.", "p.m.", "am", "pm", "o'clock", "gmt", "utc", "bst", "et", "hrs"}
# Words before a number that make it a label, not a count: "No. 10", "Flight 370".
_LABEL_WORDS = {
    "no", "no.", "nos", "number", "#", "page", "pages", "room", "flight", "route", "highway",
    "platform", "gate", "article", "section", "chapter", "line", "bus", "channel",
    "version", "level", "phase", "category", "grade", "size", "model", "season",
    "episode", "volume", "vol", "exit", "junction", "apartment", "suite", "unit", "ward",
    "aged", "age", "ages",
}  # fmt: skip
# Named entities whose numbers are part of a name ("Boeing 737", "Route 66").
_NAME_ENTITIES = {
    "FAC", "ORG", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "GPE", "LOC", "PERSON",
    "NORP", "LANGUAGE",
}  # fmt: skip
# Nouns that stand for a count of something else: "the number of people ... rose to 14".
_COUNT_NOUNS = {"number", "total", "toll", "tally", "count", "figure"}
# Pronouns of a partitive ("six of them"): the unit is taken from the quantity before.
_PARTITIVE_PRONOUNS = {"them", "those", "these", "us", "you"}


@dataclass
class _Found:
    """One number phrase before its unit is known: tokens [first, last)."""

    first: int
    last: int
    value: float | None
    low: float | None
    high: float | None
    hedge: str | None = None
    hedge_first: int | None = None  # first token of the hedge, when there is one
    unit: str | None = None
    unit_token: int | None = None
    kind: str = "count"  # "count", "vague", "range", "multiplier", "money"


def find_quantities(
    doc: Doc, article_id: str, start: int = 0, end: int | None = None
) -> list[Quantity]:
    """Every counted amount in characters ``[start, end)`` of the parsed text, in order."""
    length = text_length(doc)
    stop_char = length if end is None else min(end, length)
    window = doc.char_span(max(0, start), stop_char, alignment_mode="contract")
    if window is None or len(window) == 0:
        return []
    lo, hi = window.start, window.end
    found: list[_Found] = []
    i = lo
    while i < hi:
        item = _number_at(doc, i, lo, hi)
        if item is None:
            i += 1
            continue
        i = max(item.last, i + 1)
        if _attach(doc, item, lo, hi, found):
            found.append(item)
    return [_to_quantity(doc, item, article_id) for item in found]


def text_length(doc: Doc) -> int:
    """The length of the parsed text, without building ``doc.text`` (which joins every token)."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def _to_quantity(doc: Doc, item: _Found, article_id: str) -> Quantity:
    first = item.first if item.hedge_first is None else min(item.first, item.hedge_first)
    last = item.last
    # The span reaches the counted noun when it follows closely ("about 2,000 residents"),
    # unless another number comes between ("3 of the 10 warehouses").
    noun = item.unit_token
    close = noun is not None and item.last <= noun < item.last + 6
    if noun is not None and close and not any(t.like_num for t in doc[item.last : noun]):
        last = noun + 1
    begin, finish = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
    return Quantity(
        span=Span(article_id, begin, finish),
        value=item.value,
        low=item.low,
        high=item.high,
        unit=item.unit,
        hedge=item.hedge,
    )


# --- reading numbers ------------------------------------------------------------------


def _number_at(doc: Doc, i: int, lo: int, hi: int) -> _Found | None:
    """The number phrase that starts at token ``i``, if one does."""
    vague = _read_vague(doc, i, hi)
    if vague is not None:
        low, high, last = vague
        phrase = doc[i:last].text.lower()
        return _Found(i, last, None, low, high, hedge=phrase, kind="vague")
    multiplier = _read_multiplier(doc, i)
    if multiplier is not None:
        return _Found(i, i + 1, multiplier, multiplier, multiplier, kind="multiplier")
    precise = _read_precise(doc, i, hi)
    if precise is not None:
        value, last = precise
        return _range_or_count(doc, i, last, value, hi)
    # "at least another day": one of a measure, counted only when a hedge says so.
    if (
        doc[i].lower_ in ("a", "an", "another")
        and i + 1 < hi
        and doc[i + 1].lemma_.lower() in _MEASURE_NOUNS
        and doc[i + 1].tag_ == "NN"
        and _hedge_before(doc, i, lo) is not None
    ):
        return _Found(i, i + 1, 1.0, 1.0, 1.0)
    return None


def _range_or_count(doc: Doc, i: int, last: int, value: float, hi: int) -> _Found:
    # "20-30", "20 to 30", "two or three", "between 20 and 30"; not "from 9 to 14".
    if last + 1 < hi and doc[last].lower_ in ("-", "–", "to", "or", "and"):
        joiner = doc[last].lower_
        between = i > 0 and doc[i - 1].lower_ == "between"
        tight = joiner in ("-", "–") and not doc[last - 1].whitespace_
        after = _read_precise(doc, last + 1, hi)
        from_ = i > 0 and doc[i - 1].lower_ == "from"
        fits = (joiner in ("to", "or") and not from_) or tight or (joiner == "and" and between)
        if after is not None and fits and after[0] > value:
            return _Found(
                i, after[1], None, value, after[0], hedge="between" if between else None,
                hedge_first=i - 1 if between else None, kind="range",
            )  # fmt: skip
    return _Found(i, last, value, value, value)


def _read_precise(doc: Doc, i: int, hi: int) -> tuple[float, int] | None:
    """A number at token ``i`` ("2,000", "1.5 million", "twenty-five", "a dozen")."""
    token = doc[i]
    text = token.text
    if _DIGITS.match(text):
        if len(text) > 1 and text[0] == "0" and text[1] != ".":
            return None  # "0142": a code or a phone number, not an amount
        value = float(text.replace(",", ""))
        last = i + 1
    elif match := _DIGITS_SUFFIXED.match(text):
        suffix = match[2].lower()
        if suffix == "m" and not _currency_before(doc, i):
            return None
        return float(match[1]) * _SUFFIXES[suffix], i + 1
    else:
        words = _read_words(doc, i, hi)
        if words is None:
            return None
        value, last = words
    # "1.5 million", "two dozen"
    while last < hi and doc[last].lower_ in _SCALES:
        value *= _SCALES[doc[last].lower_]
        last += 1
    # "40 m" after a currency symbol, when the tokenizer cut "£40m" in two
    suffix = doc[last].lower_ if last < hi and _DIGITS.match(text) and _attached(doc, last) else ""
    if suffix in _SUFFIXES and (suffix != "m" or _currency_before(doc, i)):
        value *= _SUFFIXES[suffix]
        last += 1
    return value, last


def _read_words(doc: Doc, i: int, hi: int) -> tuple[float, int] | None:
    """Number words: "nine", "twenty-five", "three hundred and twelve", "a dozen"."""
    word = doc[i].lower_
    if word in ("a", "an") and i + 1 < hi and doc[i + 1].lower_ in _SCALES:
        return float(_SCALES[doc[i + 1].lower_]), i + 2
    if word == "half" and i + 2 < hi and doc[i + 1].lower_ in ("a", "an"):
        scale = _SCALES.get(doc[i + 2].lower_)
        return (scale / 2, i + 3) if scale else None
    if word not in _UNITS and word not in _TENS:
        return None
    total, current, j = 0.0, 0.0, i
    while j < hi:
        word = doc[j].lower_
        if word in _TENS and current % 100 == 0:
            current += _TENS[word]
        elif word in _UNITS and (
            current % 100 == 0 or (current % 10 == 0 and current % 100 >= 20 and _UNITS[word] < 10)
        ):
            current += _UNITS[word]
        elif word in ("-", "–") and _joins_tens(doc, j, hi, current):
            j += 1
            current += _UNITS[doc[j].lower_]
        elif word == "hundred" and current:
            current *= 100
        elif word in _SCALES and word not in ("hundred", "dozen") and current:
            total += current * _SCALES[word]
            current = 0
        elif word == "and" and _and_continues(doc, j, hi, total + current):
            pass
        else:
            break
        j += 1
    # "one and a half"
    if j + 2 < hi and [t.lower_ for t in doc[j : j + 3]] == ["and", "a", "half"]:
        current += 0.5
        j += 3
    return total + current, j


def _joins_tens(doc: Doc, j: int, hi: int, current: float) -> bool:
    # "twenty-five": a hyphen between a tens word and a units word, written tight.
    return (
        j + 1 < hi
        and current % 10 == 0
        and current % 100 >= 20
        and doc[j + 1].lower_ in _UNITS
        and 0 < _UNITS[doc[j + 1].lower_] < 10
        and not doc[j - 1].whitespace_
    )


def _and_continues(doc: Doc, j: int, hi: int, so_far: float) -> bool:
    # "three hundred and twelve": "and" only after a hundred or a thousand.
    return (
        so_far >= 100
        and so_far % 100 == 0
        and j + 1 < hi
        and (doc[j + 1].lower_ in _UNITS or doc[j + 1].lower_ in _TENS)
    )


def _read_vague(doc: Doc, i: int, hi: int) -> tuple[float, float, int] | None:
    """A vague amount at token ``i``: "dozens", "tens of thousands", "a few hundred"."""
    words = [t.lower_ for t in doc[i : min(hi, i + 5)]]
    if not words:
        return None
    for few in _FEW:
        n = len(few)
        if tuple(words[:n]) == few and len(words) > n and words[n] in _SCALES:
            scale = _SCALES[words[n]]
            low, high, last = 2.0 * scale, 9.0 * scale, i + n + 1
            while last < hi and doc[last].lower_ in _SCALES:
                low, high = low * _SCALES[doc[last].lower_], high * _SCALES[doc[last].lower_]
                last += 1
            return low, high, last
    # "tens of thousands", "hundreds of thousands"
    if words[0] in ("tens", "hundreds") and words[1:2] == ["of"] and words[2:3]:
        inner = words[2]
        if inner in _VAGUE_PLURALS and inner != "dozens":
            scale = _SCALES[inner[:-1]]
            factor = 10 if words[0] == "tens" else 100
            return 2.0 * factor * scale, 10.0 * factor * scale - 1, i + 3
    if words[0] in _VAGUE_PLURALS and doc[i].tag_ in ("NNS", "CD"):
        low, high = _VAGUE_PLURALS[words[0]]
        return float(low), float(high), i + 1
    return None


def _read_multiplier(doc: Doc, i: int) -> float | None:
    token = doc[i]
    if token.pos_ == "VERB" and token.lemma_.lower() in _MULTIPLIER_VERBS:
        return float(_MULTIPLIER_VERBS[token.lemma_.lower()])
    if token.lower_ in _MULTIPLIER_WORDS:
        return float(_MULTIPLIER_WORDS[token.lower_])
    if token.lower_.endswith("fold") and token.lower_[:-4] in _UNITS:
        return float(_UNITS[token.lower_[:-4]])
    return None


# --- hedges, units and what is not a count --------------------------------------------


def _attach(doc: Doc, item: _Found, lo: int, hi: int, found: list[_Found]) -> bool:
    """Finds the hedge and the unit of ``item``; False when it is not a count at all."""
    if item.kind == "multiplier":
        item.unit = "times"
    elif not _find_unit(doc, item, lo, hi, found):
        return False
    if item.hedge_first is None:
        hedge = _hedge_before(doc, item.first, lo)
        if hedge is not None:
            words, side, first = hedge
            item.hedge_first = first
            if item.kind == "vague":
                item.hedge = f"{words} {item.hedge}"
            else:
                item.hedge = words
            _apply_side(item, side)
    return True


def _apply_side(item: _Found, side: str) -> None:
    if side == "lower":
        item.high = None
    elif side == "upper":
        item.low = None


def _hedge_before(doc: Doc, i: int, lo: int) -> tuple[str, str, int] | None:
    """The hedge just before token ``i`` (words, side, first token), skipping fillers."""
    floor = max(lo, _sentence_start(doc, i))
    ends = [i]
    for filler in _FILLERS:
        n = len(filler)
        if i - n >= floor and tuple(t.lower_ for t in doc[i - n : i]) == filler:
            ends.append(i - n)
    for stop in ends:
        for n in range(_LONGEST_HEDGE, 0, -1):
            if stop - n < floor:
                continue
            words = tuple(t.lower_ for t in doc[stop - n : stop])
            side = HEDGES.get(words)
            if side is not None:
                return " ".join(words), side, stop - n
    return None


def _sentence_start(doc: Doc, i: int, reach: int = 8) -> int:
    """The start of ``i``'s sentence, looking back no further than ``reach`` tokens."""
    # Walking back is bounded; Token.sent and Doc.has_annotation scan the whole doc,
    # which made long articles quadratic.
    k = i
    while k > 0 and i - k < reach and not doc[k].is_sent_start:
        k -= 1
    return k


def _find_unit(doc: Doc, item: _Found, lo: int, hi: int, found: list[_Found]) -> bool:
    """Sets the unit; False when the number is a date, time, age, year or part of a name."""
    first, last = item.first, item.last
    head = doc[last - 1]
    if _is_not_count(doc, item, hi):
        return False
    currency = _currency_before(doc, first)
    noun = _counted_noun(doc, item, hi)
    if noun is not None:
        name = _unit_name(noun)
        lemma = noun.lemma_.lower()
        if lemma in _MONTHS or lemma in _WEEKDAYS or noun.lower_ in _CLOCK_WORDS:
            return False  # "May 13", "11 p.m."
        if _looks_like_year(head) and doc[first].ent_type_ == "DATE":
            return False  # "the 2019 election"
        if lemma == "year" and _followed_by(doc, noun.i + 1, ("old",), hi):
            return False  # "45 years old"
        if _followed_by(doc, noun.i + 1, ("ago",), hi):
            return False  # "two days ago" is a time, not an amount
        if lemma in _DURATIONS and noun.dep_ == "pobj" and noun.head.lower_ == "in":
            return False  # "in less than a week", "reopen in two weeks": when, not how much
        item.unit, item.unit_token = name, noun.i
    elif currency is not None:
        item.unit = currency
    elif doc[first].ent_type_ in ("DATE", "TIME") or _looks_like_year(head):
        return False  # "in 2019", "on the 13th"
    if currency is not None and item.unit not in _CURRENCIES.values():
        item.unit = currency  # "$2 billion in aid": the unit is the currency
    if currency is not None:
        item.first = first - 1 if doc[first - 1].text.lower() in _CURRENCIES else first - 2
        item.kind = "money"
    if item.unit is None:
        item.unit = _unit_from_context(doc, item, lo, found)
    # "one of the", "no one": "one" as a pronoun, not a count
    pronoun = item.unit is None or _followed_by(doc, last, ("of",), hi)
    return not (item.value == 1 and item.kind == "count" and pronoun)


def _is_not_count(doc: Doc, item: _Found, hi: int) -> bool:
    first, last = item.first, item.last
    token = doc[first]
    before = doc[first - 1] if first > 0 else None
    if item.kind == "vague":
        return False
    if token.ent_type_ in _NAME_ENTITIES and item.kind != "range":
        return True
    if before is not None:
        if before.lower_ in _LABEL_WORDS and before.text != "no":
            return True  # "No. 10", "Flight 370", "aged 45"; lower-case "no 10 people" counts
        joined = doc[first - 2].text + before.text if first > 1 else ""
        if not doc[first - 2].whitespace_ and joined.lower() in _LABEL_WORDS:
            return True  # "No." cut in two by the tokenizer
        # "Route 66", "Boeing 737": a number right after a proper noun that it belongs to.
        if (
            before.tag_ in ("NNP", "NNPS")
            and before.lower_ not in _MONTHS
            and (token.head.i == before.i or before.head.i == token.i)
            and not _DIGITS.match(before.text)
        ):
            return True
        # "Covid-19", "F-16": a number hyphenated onto a word.
        word = doc[first - 2] if first > 1 else before
        hyphened = before.text in ("-", "–") and not word.whitespace_ and word.is_alpha
        if hyphened and word.lower_ not in _TENS:
            return True
        if before.lower_ in _MONTHS and before.tag_ in ("NNP", "NN"):
            return True  # "May 13"
        if before.text in (":", "+", "/") and not before.whitespace_:
            return True  # "2:51", "+44", "13/05"
    if last < hi:
        after = doc[last]
        if after.lower_ in _CLOCK_WORDS or (after.lower_ in _MONTHS and after.tag_ == "NNP"):
            return True  # "11 p.m.", "13 May"
        if after.text in (":", "/") and not doc[last - 1].whitespace_:
            return True
        # Digits side by side ("20 7946 0958") or chained by hyphens: a phone number.
        if _DIGITS.match(token.text) and _DIGITS.match(after.text):
            return True
        if after.text == "-" and last + 1 < hi and _DIGITS.match(doc[last + 1].text):
            return True  # "555-0142", "3-1": not a range (those are read before)
        # "45-year-old"
        words = [t.lower_ for t in doc[last : min(hi, last + 4)]]
        if words[:4] == ["-", "year", "-", "old"] or words[:2] == ["-", "year-old"]:
            return True
    # the second half of "3-1" or "555-0199"
    return bool(
        before is not None
        and before.text == "-"
        and first > 1
        and _DIGITS.match(doc[first - 2].text)
    )


def _looks_like_year(token: Token) -> bool:
    return bool(re.fullmatch(r"1[5-9]\d\d|20\d\d", token.text))


def _followed_by(doc: Doc, j: int, words: tuple[str, ...], hi: int) -> bool:
    return j < hi and doc[j].lower_ in words


def _attached(doc: Doc, j: int) -> bool:
    return j > 0 and not doc[j - 1].whitespace_


def _currency_before(doc: Doc, i: int) -> str | None:
    if i > 0 and doc[i - 1].text.lower() in _CURRENCIES:
        return _CURRENCIES[doc[i - 1].text.lower()]
    if i > 1 and (doc[i - 2].text + doc[i - 1].text).lower() in _CURRENCIES:
        return _CURRENCIES[(doc[i - 2].text + doc[i - 1].text).lower()]
    return None


def _counted_noun(doc: Doc, item: _Found, hi: int) -> Token | None:
    """The noun the number counts: by the parse first, then by position."""
    first, last = item.first, item.last
    phrase = range(first, last)
    # "35%", "35 per cent"
    if last < hi and doc[last].text == "%":
        return doc[last]
    if last + 1 < hi and doc[last].lower_ == "per" and doc[last + 1].lower_ == "cent":
        return doc[last + 1]
    # "a 10-day truce": the hyphenated noun is the thing counted; "a 2,000-strong
    # crowd" counts people the text does not name.
    if last + 1 < hi and doc[last].text == "-" and doc[last + 1].lower_ == "strong":
        return None
    if (
        last + 1 < hi
        and doc[last].text == "-"
        and not doc[last - 1].whitespace_
        and doc[last + 1].pos_ == "NOUN"
    ):
        return doc[last + 1]
    # The parse: the noun the phrase hangs from, when it comes after it.
    top = _top(doc, first, last)
    head = top.head
    if (
        head.i >= last
        and head.i < hi
        and head.pos_ in ("NOUN", "PROPN", "SYM")
        and top.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "det")
    ):
        return _noun_head(head)
    # "thousands of soldiers", "40 tonnes of solvent" is handled above.
    for j in phrase:
        for child in doc[j].children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i >= last:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and objects[0].pos_ in ("NOUN", "PROPN"):
                    return objects[0]
                if objects and objects[0].lower_ in _PARTITIVE_PRONOUNS:
                    return None
    if item.kind == "vague" and last + 1 < hi and doc[last].lower_ == "of":
        return _next_noun(doc, last + 1, hi)
    # When the parse did not attach the number to a noun: the noun that follows it.
    return _next_noun(doc, last, hi)


def _top(doc: Doc, first: int, last: int) -> Token:
    # The token of the phrase whose head lies outside it.
    for j in range(last - 1, first - 1, -1):
        if not first <= doc[j].head.i < last or doc[j].head.i == j:
            return doc[j]
    return doc[last - 1]


def _noun_head(token: Token) -> Token:
    # "plant workers": a compound's head is the noun; follow it right while it compounds.
    while token.dep_ == "compound" and token.head.i > token.i and token.head.pos_ == "NOUN":
        token = token.head
    return token


def _next_noun(doc: Doc, j: int, hi: int) -> Token | None:
    """The last noun of the run of modifiers and nouns that starts at ``j``."""
    noun = None
    for k in range(j, min(hi, j + 5)):
        token = doc[k]
        if token.pos_ == "NOUN":
            noun = token
        elif token.pos_ in ("ADJ", "PROPN") or token.tag_ in ("VBN", "HYPH"):
            if noun is not None:
                break
        else:
            break
    return noun


def _unit_from_context(doc: Doc, item: _Found, lo: int, found: list[_Found]) -> str | None:
    top = _top(doc, item.first, item.last)
    # "six of them": the unit of the nearest quantity before that is large enough to
    # hold them ("nine people ... one man ... six of them" -> people).
    partitive = [
        c for c in top.children if c.dep_ == "prep" and c.lower_ == "of"
        and any(g.lower_ in _PARTITIVE_PRONOUNS for g in c.children)
    ]  # fmt: skip
    if partitive:
        for before in reversed(found):
            most = before.high if before.value is None else before.value
            if before.unit and before.kind != "multiplier" and (most or 0) > (item.value or 0):
                return before.unit
        return None
    # "the number of people injured has risen to 14", "the death toll rose to 14"
    verb = top.head.head if top.dep_ == "pobj" else top.head
    for child in _count_nouns(verb):
        for prep in child.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if objects and objects[0].pos_ == "NOUN":
                    return _unit_name(objects[0])
        compounds = [c for c in child.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
        if compounds:
            return _unit_name(compounds[-1])
        # "moved 300 more families out, bringing the total evacuated to 1,200": a total
        # that does not say of what adds to the count the sentence gave before it.
        start = _sentence_start(doc, item.first, reach=80)
        counted = [f.unit for f in found if f.first >= start and f.unit and f.kind == "count"]
        if counted:
            return counted[-1]
    # "seven were plant workers"
    if top.dep_ == "nsubj" and top.head.lemma_ == "be":
        for child in top.head.children:
            if child.dep_ == "attr" and child.pos_ == "NOUN":
                return _unit_name(child)
    return None


def _count_nouns(verb: Token) -> list[Token]:
    """Count nouns ("number", "toll") that are the verb's subject or object, or the
    subject of a clause that is ("the number of aircraft flying patrols has risen":
    the parser reads "flying patrols" as the subject clause, with "number" inside)."""
    nouns = []
    for child in verb.children:
        # A verb read as the subject is a subject clause too: "to be cut" in "the number
        # of jobs to be cut has risen".
        clause = child.dep_ in ("csubj", "csubjpass") or (
            child.dep_ in ("nsubj", "nsubjpass") and child.pos_ == "VERB"
        )
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and not clause:
            nouns.append(child)
        elif clause:
            nouns.extend(c for c in child.children if c.dep_ in ("nsubj", "nsubjpass"))
    if not nouns and verb.pos_ in ("VERB", "AUX"):
        nouns = [n for n in (_stranded_subject(verb),) if n is not None]
    return [n for n in nouns if n.lemma_.lower() in _COUNT_NOUNS]


def _stranded_subject(verb: Token) -> Token | None:
    """The subject a verb with none of its own shares with the verb before it: the
    parser reads a participle after the subject as its verb and leaves the main verb
    bare ("the number of jobs to be cut at the plant has risen": "number" the subject of
    "cut"; "the number of homes flooded in the town has risen": of "flooded")."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl") for c in verb.children):
        return None
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        if token.dep_ in ("nsubj", "nsubjpass"):
            return token if token.head.i < verb.i else None
    return None


def _unit_name(noun: Token) -> str:
    """The counted noun as printed, lower-cased, in the plural, with measures unified."""
    text = noun.text.lower()
    if text == "cent" and noun.i > 0 and noun.nbor(-1).lower_ == "per":
        return "percent"
    if text in _UNIT_ALIASES:
        return _UNIT_ALIASES[text]
    if noun.tag_ in ("NNS", "NNPS") or text in _IRREGULAR_PLURALS.values():
        return text
    return _plural(text)


def _plural(word: str) -> str:
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"

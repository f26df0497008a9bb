"""Counted amounts: values, hedges as intervals, the thing counted, and what is not a count."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from corroborate.claims import nlp
from corroborate.claims.quantities import find_quantities
from corroborate.records import Quantity

Row = tuple[float | None, float | None, float | None, str | None, str | None]


@pytest.fixture(scope="module")
def parse() -> Callable[[str], Doc]:
    nlp.pipeline()  # loaded once for the module
    return nlp.parse


@pytest.fixture(scope="module")
def rows(parse: Callable[[str], Doc]) -> Callable[[str], list[Row]]:
    def read(text: str) -> list[Row]:
        return [
            (q.value, q.low, q.high, q.unit, q.hedge) for q in find_quantities(parse(text), "a")
        ]

    return read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hedges as intervals
        (
            "About 10,000 Varn soldiers crossed the river.",
            (10000, 10000, 10000, "soldiers", "about"),
        ),
        ("At least 3,000 residents left Dunmore.", (3000, 3000, None, "residents", "at least")),
        ("Up to 12,000 workers may strike.", (12000, None, 12000, "workers", "up to")),
        (
            "More than 120 firefighters fought the blaze.",
            (120, 120, None, "firefighters", "more than"),
        ),
        ("Over 40 engines were sent.", (40, 40, None, "engines", "over")),
        ("Nearly 30 boats sank in the gale.", (30, None, 30, "boats", "nearly")),
        ("Almost 500 pupils were sent home.", (500, None, 500, "pupils", "almost")),
        ("Around 400 people stayed indoors.", (400, 400, 400, "people", "around")),
        ("Homes within three kilometres were cleared.", (3, None, 3, "km", "within")),
        # vague amounts
        (
            "Tens of thousands of farmers marched on Lisk.",
            (None, 20000, 99999, "farmers", "tens of thousands"),
        ),
        ("Hundreds of families fled the valley.", (None, 200, 999, "families", "hundreds")),
        ("Thousands of fans filled the square.", (None, 2000, 9999, "fans", "thousands")),
        ("A few thousand protesters gathered.", (None, 2000, 9000, "protesters", "a few thousand")),
        ("Several hundred sheep were lost.", (None, 200, 900, "sheep", "several hundred")),
        ("Dozens of shops were looted.", (None, 24, 99, "shops", "dozens")),
        # word numbers and scales
        ("Two units of the guard arrived.", (2, 2, 2, "units", None)),
        ("Nine people were hurt.", (9, 9, 9, "people", None)),
        ("A dozen houses burned down.", (12, 12, 12, "houses", None)),
        ("Twenty-five cars were towed away.", (25, 25, 25, "cars", None)),
        ("Three hundred and twelve ships sailed.", (312, 312, 312, "ships", None)),
        ("The harbour handled 1.5 million containers.", (1.5e6, 1.5e6, 1.5e6, "containers", None)),
        ("About one and a half kilometres of road flooded.", (1.5, 1.5, 1.5, "km", "about")),
        ("One person was arrested.", (1, 1, 1, "people", None)),
        # measures, money, percentages, multipliers
        ("The barge carried 40 tonnes of grain.", (40, 40, 40, "tonnes", None)),
        ("The plan costs $2 billion.", (2e9, 2e9, 2e9, "dollars", None)),
        ("The fund lost £40m last year.", (4e7, 4e7, 4e7, "pounds", None)),
        ("Turnout was 35% in Osk.", (35, 35, 35, "percent", None)),
        ("Fares rose 5 per cent.", (5, 5, 5, "percent", None)),
        ("Sales of bread doubled.", (2, 2, 2, "times", None)),
        # durations still count; "a"/"another" counts as one after a hedge
        ("The fire could burn for at least another 24 hours.", (24, 24, None, "hours", "at least")),
        ("The depot will close for at least another day.", (1, 1, None, "days", "at least")),
        ("The alert came about 20 minutes after the blast.", (20, 20, 20, "minutes", "about")),
        # ranges
        ("Between 20 and 30 people were rescued.", (None, 20, 30, "people", "between")),
        ("Two or three boats capsized.", (None, 2, 3, "boats", None)),
        ("Some 20-30 homes lost power.", (None, 20, 30, "homes", "some")),
    ],
)
def test_reads_amounts(rows: Callable[[str], list[Row]], text: str, expected: Row) -> None:
    assert expected in rows(text)


@pytest.mark.parametrize(
    "text",
    [
        "The bridge opened in 2019.",
        "The vote is on May 13.",
        "The vote is on 13 May.",
        "The sirens started at 11 p.m. on Tuesday.",
        "The alarm sounded at 2:51 p.m.",
        "Tomas Reyne, aged 45, was questioned.",
        "A 45-year-old man was arrested.",
        "The driver is 45 years old.",
        "She was the first to arrive and the 3rd to leave.",
        "Call 555-0142 for details.",
        "The convoy took Route 66 west.",
        "He flew on a Boeing 737 to Osk.",
        "She lives at No. 10 and takes Flight 370.",
        "Years of Covid-19 changed the town.",
        "The Larks won 3-1 on Saturday.",
        "No one of note came.",
    ],
)
def test_skips_what_is_not_a_count(rows: Callable[[str], list[Row]], text: str) -> None:
    assert rows(text) == []


def test_two_amounts_in_one_sentence_in_order(rows: Callable[[str], list[Row]]) -> None:
    found = rows("More than 120 firefighters and 30 engines were sent to Halmoor.")
    assert found == [(120, 120, None, "firefighters", "more than"), (30, 30, 30, "engines", None)]


def test_counted_noun_is_the_head_not_a_modifier(rows: Callable[[str], list[Row]]) -> None:
    assert rows("About 400 nearby residents were told to stay in.")[0][3] == "residents"
    assert rows("Seven plant workers were hurt.")[0][3] == "workers"


def test_partitive_takes_the_unit_of_the_set_before(rows: Callable[[str], list[Row]]) -> None:
    found = rows("Nine people were hurt and one man was burned. Six of them went home.")
    assert found[-1] == (6, 6, 6, "people", None)


def test_count_noun_names_the_unit(rows: Callable[[str], list[Row]]) -> None:
    assert rows("The number of people injured has risen to 14.") == [(14, 14, 14, "people", None)]


def test_count_noun_inside_a_subject_clause_names_the_unit(
    rows: Callable[[str], list[Row]],
) -> None:
    # the parser reads "flying patrols" as the clause that is the subject of "risen"
    found = rows("The number of aircraft flying patrols along the coast has risen to 40.")
    assert found == [(40, 40, 40, "aircraft", None)]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # "cut", with "number" its subject, is read as the subject of "risen"
        ("The number of jobs to be cut at the Vellmar mill has risen to 310.", "jobs"),
        # "number" is read as the subject of "held", leaving "risen" with none of its own
        (
            "The Ostmere Dockers' Union said in a statement that the number of ships held "
            "up at the quay each week has risen to 75.",
            "ships",
        ),
    ],
)
def test_count_noun_of_a_verb_the_parser_left_without_a_subject(
    rows: Callable[[str], list[Row]], text: str, unit: str
) -> None:
    assert [row[3] for row in rows(text)] == [unit]


def test_one_as_a_pronoun_is_skipped(rows: Callable[[str], list[Row]]) -> None:
    assert rows("She is one of dozens of nurses.") == [(None, 24, 99, "nurses", "dozens")]


def test_span_covers_hedge_number_and_noun(parse: Callable[[str], Doc]) -> None:
    text = "Officials said about 2,000 residents had left."
    [found] = find_quantities(parse(text), "art-1")
    assert found.span.article_id == "art-1"
    assert found.span.of(text) == "about 2,000 residents"


def test_character_window(parse: Callable[[str], Doc]) -> None:
    text = "Nine people were hurt. Forty homes burned."
    doc = parse(text)
    second = text.index("Forty")
    assert [q.unit for q in find_quantities(doc, "a", start=second)] == ["homes"]
    assert [q.unit for q in find_quantities(doc, "a", end=second)] == ["people"]
    assert find_quantities(doc, "a", start=len(text), end=len(text)) == []


@pytest.mark.parametrize("text", ["", " ", "12345", "1 2 3 4 5", '"""', "“”‘’", "-", "%"])
def test_bad_input_does_not_crash(parse: Callable[[str], Doc], text: str) -> None:
    found = find_quantities(parse(text), "a")
    assert all(isinstance(q, Quantity) for q in found)
    assert all(0 <= q.span.start <= q.span.end <= len(text) for q in found)


def test_long_text_stays_linear(parse: Callable[[str], Doc]) -> None:
    text = "About 40 tonnes of grain were moved. " * 200
    assert len(find_quantities(parse(text), "a")) == 200


def test_unparsed_long_text_does_not_crash(parse: Callable[[str], Doc]) -> None:
    # A doc with no tags or parse, as a blank pipeline gives: numbers are still read.
    sentence = ["About", "2,000", "residents", "may", "have", "left", ",", "and", "9", "did", "not"]
    words = [*sentence, "."] * 4_000
    doc = Doc(nlp.pipeline().vocab, words=words)
    found = find_quantities(doc, "a")
    assert len(found) == 8_000
    assert (found[0].value, found[0].hedge) == (2000, "about")

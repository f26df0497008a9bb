"""A body named by the possessive of a place or organisation ("Freedonia's defence
ministry") is a named organisation speaker, kept with its owner; anonymous sources stay
unresolved. Invented sentences."""

from __future__ import annotations

import re

import pytest

from corroborate.claims.entities import ArticleEntities
from corroborate.claims.nlp import parse

PASS = """\
Freedonia's defence ministry said on Monday that the mountain pass would stay shut. \
The ministry said snow had buried the road. Officials said the army was clearing it. \
A senior official said the work could take a week. Freedonia's government said it would \
pay for the repairs. Mayor Ines Calder's office said the schools were closed. Sylvania's \
defence ministry said its side of the pass was open.

Halvard Chemicals' safety office said a valve had leaked at the depot. The office said \
nobody was hurt. The Port of Tarnby's harbour office said the quay was shut.
"""


def _at(text: str, phrase: str, n: int = 1) -> tuple[int, int]:
    found = list(re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text))
    assert len(found) >= n, f"{phrase!r} occurs {len(found)} times"
    return found[n - 1].span()


@pytest.fixture(scope="module")
def found() -> ArticleEntities:
    return ArticleEntities.build(parse(PASS), "pass")


def _who(found: ArticleEntities, phrase: str, n: int = 1) -> str | None:
    entity = found.resolve(*_at(PASS, phrase, n))
    return None if entity is None else entity.name


@pytest.mark.parametrize(
    ("phrase", "n", "speaker"),
    [
        ("Freedonia's defence ministry", 1, "Freedonia's defence ministry"),
        ("The ministry", 1, "Freedonia's defence ministry"),  # a later mention is the body
        ("Sylvania's defence ministry", 1, "Sylvania's defence ministry"),  # not Freedonia's
        ("Halvard Chemicals' safety office", 1, "Halvard Chemicals' safety office"),
        ("The office", 1, "Halvard Chemicals' safety office"),
        ("The Port of Tarnby's harbour office", 1, "Port of Tarnby's harbour office"),
        # A state's government is the state; a person's office the person.
        ("Freedonia's government", 1, "Freedonia"),
        ("Mayor Ines Calder's office", 1, "Ines Calder"),
        # Anonymous sources stay unresolved.
        ("Officials", 1, None),
        ("A senior official", 1, None),
    ],
)
def test_a_body_a_possessive_names_is_a_speaker(
    found: ArticleEntities, phrase: str, n: int, speaker: str | None
) -> None:
    assert _who(found, phrase, n) == speaker


def test_the_body_is_an_organisation_and_its_owner_stays_itself(found: ArticleEntities) -> None:
    kinds = {e.name: e.kind for e in found.entities}
    assert kinds["Freedonia's defence ministry"] == "organisation"
    assert kinds["Halvard Chemicals' safety office"] == "organisation"
    assert kinds["Freedonia"] == "place"
    assert kinds["Halvard Chemicals"] == "organisation"
    assert _who(found, "Freedonia", 1) == "Freedonia"


def test_a_body_the_article_names_is_that_body() -> None:
    text = (
        "The Freedonian Ministry of Defence said on Monday that the pass was shut. "
        "Later, Freedonia's defence ministry said it would reopen on Friday."
    )
    found = ArticleEntities.build(parse(text), "named")
    speaker = found.resolve(*_at(text, "Freedonia's defence ministry"))
    assert speaker is not None and speaker.name == "Freedonian Ministry of Defence"
    assert not [e for e in found.entities if "'s" in e.name]


def test_a_capital_names_its_states_body() -> None:
    text = "Ottawa's transport ministry said the rail line would reopen on Monday."
    found = ArticleEntities.build(parse(text), "capital")
    speaker = found.resolve(*_at(text, "Ottawa's transport ministry"))
    assert speaker is not None and speaker.name == "Canada's transport ministry"


def test_plural_bodies_are_no_one_body() -> None:
    text = "Freedonia's two largest unions said workers would strike on Monday."
    found = ArticleEntities.build(parse(text), "unions")
    assert found.resolve(*_at(text, "Freedonia's two largest unions")) is None

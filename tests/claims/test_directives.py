"""Directives: what a speaker asks for is what they said ("urged residents to stay in",
"called on the board to resign", "appealed for calm", "called for a ceasefire")."""

from __future__ import annotations

import pytest

from corroborate.claims.extract import extract_claims
from corroborate.claims.nlp import parse
from corroborate.claims.tagger import combined_attributions
from corroborate.records import Article, Claim, PubDate
from corroborate.text import content_hash

# Fiction written for these tests: a harbour dispute in an invented port town.


def _claims(text: str) -> tuple[str, list[Claim]]:
    article = Article(id=content_hash(text), text=text, published=PubDate(2031, 5, 14))
    found = extract_claims(article)
    return text, list(found.claims)


def _only(text: str) -> tuple[str, str | None, str]:
    """The one claim's content, cue and kind."""
    text, claims = _claims(text)
    assert len(claims) == 1, [c.text(text) for c in claims]
    claim = claims[0]
    return claim.text(text), claim.cue.of(text) if claim.cue else None, claim.kind


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        (
            "Mayor Lena Ortiz has called on the harbour board to reopen the north pier.",
            "the harbour board to reopen the north pier",
            "has called on",
        ),
        (
            "Mayor Lena Ortiz called upon residents of Vessby to conserve water.",
            "residents of Vessby to conserve water",
            "called upon",
        ),
        (
            "The families appealed to the governor to reopen the inquiry into the sinking.",
            "the governor to reopen the inquiry into the sinking",
            "appealed to",
        ),
        (
            "The bishop of Vessby pleaded with the strikers to free the trawler crews.",
            "the strikers to free the trawler crews",
            "pleaded with",
        ),
        (
            "Mayor Lena Ortiz urged residents of the quay district to stay indoors.",
            "residents of the quay district to stay indoors",
            "urged",
        ),
    ],
)
def test_a_directive_asks_the_one_asked_to_do_something(text: str, content: str, cue: str) -> None:
    """The content is the one asked and the infinitive, as PolNeAR marks it; the
    speaker and the cue ("called on", "appealed to") are not part of it."""
    assert _only(text) == (content, cue, "reported")


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        (
            "The Valmorian foreign ministry urged an immediate withdrawal of the troops "
            "from the border.",
            "an immediate withdrawal of the troops from the border",
            "urged",
        ),
        ("The dockers' union urged restraint.", "restraint", "urged"),
        ("The harbour council called for a ceasefire.", "a ceasefire", "called for"),
        (
            "The seamen's union demanded the release of the trawler crew.",
            "the release of the trawler crew",
            "demanded",
        ),
        ("Relatives of the crew appealed for calm.", "calm", "appealed for"),
    ],
)
def test_what_is_demanded_is_the_speakers_claim(text: str, content: str, cue: str) -> None:
    """ "urged an immediate withdrawal", "called for a ceasefire": the thing asked for is
    the content of an attributed claim, not the outlet's sentence."""
    assert _only(text) == (content, cue, "reported")


def test_a_demand_ends_before_a_predicate_joined_to_it() -> None:
    """ "urged X and hinted at Y": what was urged is X; the tagger, seeing a window of
    words, runs on into the joined predicate, the parse does not."""
    text = (
        "On Tuesday, the Valmorian foreign ministry urged an immediate withdrawal of Norland "
        "troops from the border and hinted at sanctions if the talks failed."
    )
    doc = parse(text)
    (urged,) = [a for a in combined_attributions(doc) if text[slice(*a.cue)] == "urged"]
    assert [text[slice(*c)] for c in urged.content] == [
        "an immediate withdrawal of Norland troops from the border"
    ]


def test_a_quotation_in_a_directive_stays_in_what_was_asked() -> None:
    text = 'Councillor Ada Brandt called on the harbour board to "act before the winter storms."'
    content, cue, kind = _only(text)
    assert content.startswith("the harbour board to")
    assert cue == "called on"
    assert kind == "mixed"


@pytest.mark.parametrize(
    "text",
    [
        "The harbour master pleaded guilty to fraud in the Vessby court on Monday.",
        "The ferry company will appeal the ruling of the Vessby court next month.",
        "Families appealed to the court in Vessby in March last year.",
    ],
)
def test_appeal_and_plead_without_a_request_attribute_nothing(text: str) -> None:
    _, claims = _claims(text)
    assert [c.kind for c in claims] == ["outlet"]


def test_asking_residents_stays_the_act_it_was() -> None:
    """Asking, telling, ordering are read as before: the sentence stands for the act."""
    text = "The city asked residents of the quay district to boil their drinking water."
    assert _only(text)[0] == text.rstrip(".")

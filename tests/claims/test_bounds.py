"""Where claims begin and end, and what dates them: joined predicates that share a
subject, temporal clauses set apart by a length of time, times of side remarks.

Fiction written for these tests: invented ports, ferries and councils.
"""

from __future__ import annotations

import pytest

from corroborate.claims.extract import extract_claims
from corroborate.records import Article, Claim, PubDate
from corroborate.text import content_hash

PUBLISHED = PubDate(2031, 3, 13, source="field")  # a Thursday


def _claims(text: str) -> list[Claim]:
    article = Article(id=content_hash(text), text=text, published=PUBLISHED)
    return list(extract_claims(article).claims)


def _cut(text: str) -> list[tuple[str, str, list[str | None], list[float]]]:
    return [
        (c.kind, c.text(text), [t.value for t in c.times], [q.value for q in c.quantities])
        for c in _claims(text)
    ]


def test_joined_predicates_of_the_outlet_are_two_claims_sharing_the_subject() -> None:
    """Other reports may tell the leaving without the towing back: each predicate is a
    claim, the second keeping the subject as its first piece, each with its own time."""
    text = (
        "The ferry Calloway left Brisk harbour at noon on Monday and was towed back by "
        "tugs late on Tuesday."
    )
    assert _cut(text) == [
        ("outlet", "The ferry Calloway left Brisk harbour at noon on Monday", ["2031-03-10"], []),
        (
            "outlet",
            "The ferry Calloway … was towed back by tugs late on Tuesday",
            ["2031-03-11"],
            [],
        ),
    ]
    towed = _claims(text)[1]
    assert [p.of(text) for p in towed.parts] == [
        "The ferry Calloway",
        "was towed back by tugs late on Tuesday",
    ]


def test_joined_predicates_in_reported_words_keep_their_own_figures() -> None:
    text = (
        "Harbour master Ilse Vorn said the ferry left Brisk harbour with 40 passengers "
        "and was towed back with 12 crew on board."
    )
    assert _cut(text) == [
        ("reported", "the ferry left Brisk harbour with 40 passengers", [], [40.0]),
        ("reported", "the ferry … was towed back with 12 crew on board", [], [12.0]),
    ]
    first, second = _claims(text)
    assert first.speaker_id is not None and first.speaker_id == second.speaker_id
    assert first.cue == second.cue


def test_each_predicate_has_its_own_hedge() -> None:
    """ "probably" hedges the failing, not the replacing."""
    text = "The pump probably failed on Monday and was replaced by engineers on Tuesday."
    first, second = _claims(text)
    assert second.text(text) == "The pump … was replaced by engineers on Tuesday"
    assert (first.hedged, second.hedged) == (True, False)
    assert [t.value for t in first.times] == ["2031-03-10"]
    assert [t.value for t in second.times] == ["2031-03-11"]


@pytest.mark.parametrize(
    "text",
    [
        # A quotation is the speaker's words: never cut.
        "“The ferry left Brisk harbour at noon and was towed back by evening,” Vorn said.",
        "Harbour master Ilse Vorn said the ferry “left Brisk harbour at noon and was towed "
        "back by evening.”",
        # The second verb shares the first one's "will".
        "The council will close the Ostby bridge on Monday and reroute traffic through Ostend.",
        # "but" makes the second a concession to the first: one claim.
        "The sprinklers in the depot worked as designed but could not stop the fire.",
        # The first verb says nothing alone.
        "The lock keepers lived and worked beside the canal for decades.",
        # A plural subject and a singular verb: the parse joined the wrong verbs.
        "The two mayors opened a bridge that carries the tramline, and was closed for repairs.",
        # Words told to the workers: an attribution, which the claim keeps whole.
        "Union steward Kai Brenner said workers had reported a leak in the boiler room last "
        "week and had been told it would be fixed in May.",
    ],
)
def test_predicates_that_do_not_stand_alone_stay_one_claim(text: str) -> None:
    claims = _claims(text)
    assert len(claims) == 1 and not claims[0].parts, [c.text(text) for c in claims]


def test_a_clause_hours_after_with_an_event_of_its_own_is_a_claim_without_a_time() -> None:
    """ "hours after a barge struck one of its piers": the barge striking the pier is an
    event other reports tell alone, though the clause says no time of its own."""
    text = (
        "Officials closed the Lindqvist bridge hours after a barge loaded with gravel "
        "struck one of its piers."
    )
    assert [c[:2] for c in _cut(text)] == [
        ("outlet", "Officials closed the Lindqvist bridge"),
        ("outlet", "a barge loaded with gravel struck one of its piers"),
    ]


def test_a_clause_hours_after_read_as_a_preposition_is_a_claim() -> None:
    """The parse may take the clause's subject for the object of "after" and hang
    "after" on the clause's verb; the clause is cut all the same."""
    text = (
        "Harbour officials faced questions on Thursday over how much diesel was kept at "
        "the Ostby depot, hours after a fire in a fuel storage shed forced dozens of "
        "families to flee through the night."
    )
    assert [c[:2] for c in _cut(text)] == [
        (
            "outlet",
            "Harbour officials faced questions on Thursday over how much diesel was kept at "
            "the Ostby depot",
        ),
        (
            "outlet",
            "a fire in a fuel storage shed forced dozens of families to flee through the night",
        ),
    ]


def test_a_day_after_goes_with_neither_clause() -> None:
    text = (
        "A curfew in the old town was lifted on Sunday morning, a day after a storm "
        "damaged the harbour wall."
    )
    assert [c[1] for c in _cut(text)] == [
        "A curfew in the old town was lifted on Sunday morning",
        "a storm damaged the harbour wall",
    ]


def test_a_clause_after_that_only_places_its_main_clause_stays_in_it() -> None:
    """No time and nothing done to anything: "minutes after the fire was reported" says
    when the alerts went out, no event of its own."""
    text = "Alerts went out about 20 minutes after the fire was reported."
    assert [c[1] for c in _cut(text)] == [text.rstrip(".")]


def test_a_time_describing_a_noun_in_a_side_remark_does_not_date_the_claim() -> None:
    """The war began in 2019; the rebels hold the port now."""
    text = (
        "The minister announced Monday that evidence suggests the rebels hold the port, "
        "labeling the advance a grave turn in the war that began in 2019."
    )
    (claim,) = _claims(text)
    assert "2019" in claim.text(text)
    assert claim.times == ()


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # A relative clause of the claim's own words: a claim about that failure.
        ("Inspectors said the likely cause was a pump that failed on March 3.", ["2031-03-03"]),
        # A time of the side remark itself, not of a noun described in it.
        (
            "Officials said 600 more residents were moved out, bringing the total to 2,500 "
            "by Friday.",
            ["2031-03-07"],
        ),
    ],
)
def test_times_of_the_claims_own_words_still_date_it(text: str, dates: list[str]) -> None:
    (claim,) = _claims(text)
    assert [t.value for t in claim.times] == dates


def test_a_predicate_after_what_was_urged_is_a_claim_of_its_own() -> None:
    """ "urged X and hinted at Y": the demand is the ministry's claim; what else the
    ministry did is the outlet's report, keeping its subject, not lost."""
    text = (
        "On Tuesday, the Valmorian foreign ministry urged an immediate withdrawal of Norland "
        "troops from the border and hinted at sanctions if the talks failed."
    )
    cut = {(kind, words) for kind, words, _, _ in _cut(text)}
    assert ("reported", "an immediate withdrawal of Norland troops from the border") in cut
    assert (
        "outlet",
        "the Valmorian foreign ministry … hinted at sanctions if the talks failed",
    ) in cut


def test_words_said_that_may_run_on_are_not_cut_from_the_saying() -> None:
    """ "said the raids must stop and hinted at ...": the parse's "and" may join the
    second verb to the words said, which attribution reads; no outlet claim is cut."""
    text = (
        "The Valmorian foreign ministry said the raids must stop and hinted at sanctions "
        "if the talks failed."
    )
    assert [kind for kind, _, _, _ in _cut(text)] == ["reported"]

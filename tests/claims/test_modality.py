"""Polarity and modality: denials from the cue or the content, negation, hedges."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from corroborate.claims import nlp
from corroborate.claims.modality import Modality, assess

# A sentence marks its content with [[ ]] and its cue with {{ }}; with no content marked,
# the whole sentence is the content.
Assess = Callable[[str], tuple[Modality, str]]


@pytest.fixture(scope="module")
def parse() -> Callable[[str], Doc]:
    nlp.pipeline()  # loaded once for the module
    return nlp.parse


def _marked(raw: str, opening: str, closing: str) -> tuple[int, int] | None:
    if opening not in raw:
        return None
    start = len(_clean(raw[: raw.index(opening)]))
    inner = _clean(raw[raw.index(opening) + 2 : raw.index(closing)])
    return start, start + len(inner)


def _clean(raw: str) -> str:
    for mark in ("[[", "]]", "{{", "}}"):
        raw = raw.replace(mark, "")
    return raw


@pytest.fixture(scope="module")
def judge(parse: Callable[[str], Doc]) -> Assess:
    def run(raw: str) -> tuple[Modality, str]:
        text = _clean(raw)
        content = _marked(raw, "[[", "]]") or (0, len(text))
        return assess(parse(text), content, _marked(raw, "{{", "}}")), text

    return run


def _words(modality: Modality, text: str) -> list[str]:
    return [text[start:end] for start, end in modality.cues]


@pytest.mark.parametrize(
    ("raw", "cue_word"),
    [
        ("The ministry {{denied}} [[that Varn troops had crossed the river]].", "denied"),
        ("The army {{has denied}} [[sending troops to Osk]].", "denied"),
        ("The mayor {{rejected}} [[the claims that the dam leaked]].", "rejected"),
        ("Officials {{dismissed}} [[reports of a second blast]].", "dismissed"),
        ("[[The Larkmoor council denies that the bridge was unsafe.]]", "denies"),
        ("[[There is no evidence that the troops crossed the river.]]", "evidence"),
        ("The ministry {{said}} [[the reports were baseless]].", "baseless"),
        ("The ministry {{said}} [[the reports were not true]].", "true"),
        ("The spokesman {{issued a denial}} [[of the reports]].", "denial"),
        # "no" before the subject noun: no such thing happened, against a claim it did
        ("[[No complaint about the brakes was ignored.]]", "No"),
        ("The yard {{said}} [[no safety report had been kept from the crew]].", "no"),
    ],
)
def test_denials(judge: Assess, raw: str, cue_word: str) -> None:
    modality, text = judge(raw)
    assert modality.polarity == "denied"
    assert cue_word in _words(modality, text)


@pytest.mark.parametrize(
    "raw",
    [
        "The mayor {{did not deny}} [[that the bridge was closed]].",
        "[[The Osk council rejected the offer.]]",
        "[[Something went wrong at the plant.]]",
        "Police {{said}} [[nine people were injured]].",
    ],
)
def test_not_denials(judge: Assess, raw: str) -> None:
    modality, _ = judge(raw)
    assert modality.polarity == "asserted"


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("Police {{said}} [[the driver did not stop]].", ["not"]),
        ("[[The ferry never reached Lisk.]]", ["never"]),
        ("[[He no longer works at the mill.]]", ["no", "longer"]),
        ("Police {{said}} [[no one was injured]].", ["no"]),
        ("[[Nobody was hurt in the blast.]]", ["Nobody"]),
    ],
)
def test_negation(judge: Assess, raw: str, words: list[str]) -> None:
    modality, text = judge(raw)
    assert modality.negated
    assert modality.polarity == "asserted"
    assert _words(modality, text) == words


def test_negation_is_about_the_main_verb(judge: Assess) -> None:
    modality, _ = judge("[[The troops, who did not wear uniforms, crossed the river.]]")
    assert not modality.negated


@pytest.mark.parametrize(
    ("raw", "word"),
    [
        ("Officials {{said}} [[the fire could reignite]].", "could"),
        ("[[The dam may fail by Friday.]]", "may"),
        ("[[The ferry might be late.]]", "might"),
        ("[[Evidence suggests that the fire started in the hall.]]", "suggests"),
        ("[[The agency assessed that the troops would move.]]", "assessed"),
        ("[[Officials believe the fire was an accident.]]", "believe"),
        ("[[It appears to have been an accident.]]", "appears"),
        ("[[The blast seems deliberate.]]", "seems"),
        ("[[The troops are likely to stay.]]", "likely"),
        ("[[The mill will possibly reopen.]]", "possibly"),
        ("[[The minister reportedly resigned.]]", "reportedly"),
        ("[[The driver allegedly fled.]]", "allegedly"),
        ("[[There were unconfirmed reports of looting.]]", "unconfirmed"),
        ("[[Damage was estimated at $3 million.]]", "estimated"),
        ("[[About 2,000 residents left.]]", "About"),
        ("[[Around 400 homes lost power.]]", "Around"),
        ("[[Nearly 30 engines were sent.]]", "Nearly"),
        ("[[More than 120 firefighters came.]]", "More than"),
        ("[[Up to 3,500 residents were moved.]]", "Up to"),
        ("Officials {{said, according to an assessment,}} [[the river would rise]].", "assessment"),
        ("[[The ferry left at about 6 a.m. on Friday.]]", "about"),
        ("[[The road stays shut until at least Monday.]]", "at least"),
        ("[[Inspectors were expected at the mill on Thursday.]]", "expected"),
        ("[[The pump is the most likely cause of the fire.]]", "likely"),
        ("[[Troops crossed the river and may have reached Osk.]]", "may"),
    ],
)
def test_hedges(judge: Assess, raw: str, word: str) -> None:
    modality, text = judge(raw)
    assert modality.hedged
    assert word in _words(modality, text)


@pytest.mark.parametrize(
    "raw",
    [
        "Police {{said}} [[nine people were injured]].",
        "[[The mayor appeared in court on Monday.]]",
        "[[The council suggested a new route.]]",
        "[[The ferry will sail on Monday.]]",
        "[[The vote is on May 13.]]",
        # hedges outside the main clause, and "could" of ability
        "[[We will reopen the road on Monday, and that could take a while.]]",
        "[[The council opened an inquiry into possible breaches of the rules.]]",
        "[[The storm did what we feared it might do.]]",
        "[[The smoke could be seen from the Tarnley bridge.]]",
    ],
)
def test_plain_assertions(judge: Assess, raw: str) -> None:
    modality, _ = judge(raw)
    assert modality == Modality("asserted", negated=False, hedged=False, cues=())


def test_could_not_is_negation_not_a_hedge(judge: Assess) -> None:
    modality, _ = judge("[[The sprinklers worked but could not contain the fire.]]")
    assert not modality.hedged


def test_hedged_denial(judge: Assess) -> None:
    modality, text = judge("The ministry {{denied}} [[that up to 12,000 troops may have crossed]].")
    assert modality.polarity == "denied"
    assert modality.hedged
    assert _words(modality, text) == ["denied", "up to", "may"]


def test_only_the_content_span_counts(judge: Assess) -> None:
    modality, _ = judge("Troops may have crossed. [[The bridge was closed.]]")
    assert not modality.hedged


@pytest.mark.parametrize("text", ["", " ", "12345", '"""', "“”", "no"])
def test_bad_input_does_not_crash(parse: Callable[[str], Doc], text: str) -> None:
    modality = assess(parse(text), (0, len(text)), (0, len(text)))
    assert modality.polarity in ("asserted", "denied")
    assert all(0 <= start <= end <= len(text) for start, end in modality.cues)


def test_spans_outside_the_text(parse: Callable[[str], Doc]) -> None:
    assert assess(parse("Nine people were hurt."), (500, 900), (900, 950)) == Modality()


def test_unparsed_long_text_does_not_crash() -> None:
    sentence = ["About", "2,000", "residents", "may", "have", "left", ",", "and", "9", "did", "not"]
    words = [*sentence, "."] * 4_000
    doc = Doc(nlp.pipeline().vocab, words=words)
    modality = assess(doc, (0, len(doc.text)), (0, 20))
    assert modality.hedged  # "may", "About": words, not parse, find these

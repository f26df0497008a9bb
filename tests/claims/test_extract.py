"""One article's claims: speakers resolved, relays chained, numbers and dates attached."""

from __future__ import annotations

import pytest

from corroborate.claims.extract import extract_claims
from corroborate.claims.types import ArticleClaims
from corroborate.records import Article, Claim, PubDate
from corroborate.text import content_hash

# Fiction written for these tests: a ferry grounding in an invented port town.
STORY = "\n\n".join(
    [
        "Harbour master Lena Okafor said on Tuesday that the ferry Marisol ran aground "
        "shortly after leaving the Vessby terminal with about 140 passengers on board.",
        "“The tide was lower than the charts showed,” Okafor said. “We had tugs there "
        "within the hour.”",
        "Councillor Ada Brandt cited Okafor as saying the channel had not been dredged "
        "since March.",
        "The ferry company denied that the crew had ignored a depth warning.",
        "Investigators believe the vessel drifted out of the marked channel, according to "
        "the coast guard.",
        "Officials said up to 12 passengers were treated for minor injuries.",
        "The Vessby terminal reopened to traffic late on Wednesday evening after divers "
        "inspected the hull.",
    ]
)
PUBLISHED = PubDate(2031, 3, 13, source="field")  # a Thursday


@pytest.fixture(scope="module")
def extracted() -> tuple[Article, ArticleClaims]:
    article = Article(id=content_hash(STORY), text=STORY, outlet="Vessby Post", published=PUBLISHED)
    return article, extract_claims(article)


def claim_with(extracted: tuple[Article, ArticleClaims], words: str) -> Claim:
    article, found = extracted
    matches = [c for c in found.claims if words in c.text(article.text)]
    assert len(matches) == 1, [c.text(article.text) for c in found.claims]
    return matches[0]


def speaker(extracted: tuple[Article, ArticleClaims], claim: Claim) -> str | None:
    entity = extracted[1].entity(claim.speaker_id)
    return entity.name if entity else None


def test_reported_speech_has_a_resolved_speaker_with_a_role(extracted) -> None:  # type: ignore[no-untyped-def]
    claim = claim_with(extracted, "ran aground")
    assert claim.kind == "reported"
    assert speaker(extracted, claim) == "Lena Okafor"
    entity = extracted[1].entity(claim.speaker_id)
    assert entity is not None and any("Harbour master" in role for role in entity.roles)


def test_a_quote_keeps_its_pieces_and_its_speaker_by_surname(extracted) -> None:  # type: ignore[no-untyped-def]
    claim = claim_with(extracted, "The tide was lower")
    assert claim.kind == "direct_quote"
    assert speaker(extracted, claim) == "Lena Okafor"
    article = extracted[0]
    assert "We had tugs there" in claim.text(article.text)
    assert "Okafor said" not in claim.text(article.text)  # the cue is not quoted words


def test_a_relayed_claim_names_its_origin_and_who_passed_it_on(extracted) -> None:  # type: ignore[no-untyped-def]
    claim = claim_with(extracted, "not been dredged")
    assert speaker(extracted, claim) == "Lena Okafor"
    names = [e.name for e in (extracted[1].entity(i) for i in claim.relayed_by) if e]
    assert names == ["Ada Brandt"]
    assert [t.value for t in claim.times] == ["2031-03"]


def test_a_denial_is_denied(extracted) -> None:  # type: ignore[no-untyped-def]
    claim = claim_with(extracted, "ignored a depth warning")
    assert claim.polarity == "denied"


def test_a_belief_is_hedged_and_according_to_gives_the_source(extracted) -> None:  # type: ignore[no-untyped-def]
    claim = claim_with(extracted, "drifted out of the marked channel")
    assert claim.hedged
    article = extracted[0]
    assert claim.source is not None and claim.source.of(article.text) == "the coast guard"


def test_quantities_keep_their_hedge_and_anonymous_sources_stay_unresolved(extracted) -> None:  # type: ignore[no-untyped-def]
    claim = claim_with(extracted, "treated for minor injuries")
    assert speaker(extracted, claim) is None
    assert [(q.low, q.high, q.unit, q.hedge) for q in claim.quantities] == [
        (None, 12.0, "passengers", "up to")
    ]


def test_the_time_of_saying_is_kept_apart_from_the_content(extracted) -> None:  # type: ignore[no-untyped-def]
    claim = claim_with(extracted, "ran aground")
    assert claim.stated is not None and claim.stated.value == "2031-03-11"  # that Tuesday
    assert [(q.value, q.hedge) for q in claim.quantities] == [(140.0, "about")]


def test_unattributed_sentences_are_the_outlets_own_claims(extracted) -> None:  # type: ignore[no-untyped-def]
    claim = claim_with(extracted, "terminal reopened to traffic")
    assert claim.kind == "outlet"
    assert claim.speaker_id is None and claim.source is None
    assert [t.value for t in claim.times] == ["2031-03-12"]


def test_claims_are_in_text_order_with_stable_ids(extracted) -> None:  # type: ignore[no-untyped-def]
    article, found = extracted
    starts = [c.content.start for c in found.claims]
    assert starts == sorted(starts)
    assert [c.id for c in found.claims] == [
        f"{article.id}:c{n}" for n in range(1, len(found.claims) + 1)
    ]
    again = extract_claims(article)
    assert again == found


@pytest.mark.parametrize(
    "text", ["x", "1234567890 " * 50, "“" * 300, "said. said. said.", "\n\n\n".join("ab" * 5)]
)
def test_odd_articles_give_claims_or_none_without_error(text: str) -> None:
    article = Article(id=content_hash(text), text=text)
    found = extract_claims(article)
    for claim in found.claims:
        assert 0 <= claim.content.start < claim.content.end <= len(text)


def test_words_reported_with_no_one_to_say_them_stay_in_the_outer_claim() -> None:
    """ "Residents were told to leave ..., the mayor said": the passive "were told" names
    nobody, so there is no one to relay; the claim is the mayor's, whole."""
    text = (
        "Another 200 residents of Brookfield were told to leave their homes when the river "
        "rose overnight, Mayor Selda Ormond said."
    )
    found = extract_claims(Article(id=content_hash(text), text=text, published=PUBLISHED))
    claims = [c for c in found.claims if c.kind != "outlet"]
    assert len(claims) == 1
    claim = claims[0]
    assert claim.content.of(text).startswith("Another 200 residents")
    speaker = found.entity(claim.speaker_id)
    assert speaker is not None and speaker.name == "Selda Ormond"
    assert claim.relayed_by == ()


def test_according_to_a_titled_person_names_the_person_and_the_role() -> None:
    text = "According to shop steward Britt Ekvall, the night shift will be cancelled from March."
    found = extract_claims(Article(id="shift", text=text, outlet="Mill Gazette"))
    [claim] = found.claims
    assert claim.kind == "according_to"
    entity = found.entity(claim.speaker_id)
    assert entity is not None
    assert (entity.name, entity.kind, entity.roles) == ("Britt Ekvall", "person", ("shop steward",))


def test_according_to_a_surname_is_the_person_named_in_full_before() -> None:
    # the tagger labels both the full name and the bare surname an organisation; the
    # apposition makes the full name a person's
    text = (
        "Vera Marlow, a pilot at the airfield, said the runway lights failed.\n\n"
        "According to Marlow, the backup generator did not start."
    )
    found = extract_claims(Article(id="lights", text=text, outlet="Airfield News"))
    claim = next(c for c in found.claims if "generator" in c.text(text))
    entity = found.entity(claim.speaker_id)
    assert entity is not None
    assert (entity.name, entity.kind) == ("Vera Marlow", "person")
    assert [e.name for e in found.entities] == ["Vera Marlow"]


def test_a_source_never_takes_in_its_own_content() -> None:
    # the tagger's source runs on past the comma into the content's subject
    text = (
        "According to shop steward Ylva Holm, the company had refused to discuss the "
        "closure of the press shop."
    )
    found = extract_claims(Article(id="press", text=text, outlet="Mill Gazette"))
    [claim] = found.claims
    assert claim.source is not None and claim.source.of(text) == "shop steward Ylva Holm"
    entity = found.entity(claim.speaker_id)
    assert entity is not None and entity.name == "Ylva Holm"


def test_a_claims_times_are_dates_not_lengths_of_time() -> None:
    text = "The terminal stayed shut for three weeks after March 2, the harbour master said."
    article = Article(id=content_hash(text), text=text, outlet="Vessby Post", published=PUBLISHED)
    claims = extract_claims(article).claims
    assert [(t.value, t.kind) for c in claims for t in c.times] == [("2031-03-02", "date")]


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "About 40 volunteers and six boats were sent to the lake, and the search was "
            "called off at about 8 p.m. on Friday, the coast guard said.",
            "About 40 volunteers and six boats were sent to the lake",
            "the search was called off at about 8 p.m. on Friday",
        ),
        (
            "Two hundred police officers were deployed along the route, and the march was "
            "declared over shortly after noon, a police spokeswoman said.",
            "Two hundred police officers were deployed along the route",
            "the march was declared over shortly after noon",
        ),
    ],
)
def test_two_clauses_before_a_closing_attribution_are_two_claims(
    text: str, first: str, second: str
) -> None:
    """ "X, and Y, the chief said": the parser may hang Y on "said" rather than join it to
    X; the two clauses, each with its own subject, are still two claims, and the figures
    of the first are not the second's."""
    article = Article(id=content_hash(text), text=text)
    claims = extract_claims(article).claims
    assert [c.text(text) for c in claims] == [first, second]
    assert claims[1].quantities == ()
    assert claims[0].speaker_id == claims[1].speaker_id


def test_whom_words_were_said_to_is_not_their_speaker() -> None:
    """ "Halder told the Courier that drivers had complained ... and had been told the
    buses would be repaired": "drivers" are whom the promise was made to, not who made
    it; with no one to relay, Halder's words are the claim, whole. With "by" the
    speaker is named, and Halder relays the water board."""
    text = (
        "Shop steward Liv Halder told the Courier that drivers had complained about worn "
        "brakes in March and had been told the buses would be repaired over the summer."
    )
    article = Article(id=content_hash(text), text=text)
    found = extract_claims(article)
    assert [c.text(text) for c in found.claims] == [
        "drivers had complained about worn brakes in March and had been told the buses "
        "would be repaired over the summer"
    ]
    claim = found.claims[0]
    entity = found.entity(claim.speaker_id)
    assert entity is not None and entity.name == "Liv Halder"
    assert claim.relayed_by == ()

    told_by = (
        "Councillor Ada Frey said residents had been told by the water board that the "
        "supply was safe to drink."
    )
    article = Article(id=content_hash(told_by), text=told_by)
    found = extract_claims(article)
    assert [c.text(told_by) for c in found.claims] == ["the supply was safe to drink"]
    assert found.claims[0].relayed_by != ()


def test_a_clause_after_a_mid_sentence_attribution_is_the_outlets_own() -> None:
    """ "X, the coast guard said, and Y": the attribution covers X; Y, a clause with its
    own subject that no attribution touches, is the outlet's claim, not lost."""
    text = (
        "Four crew members were rescued from the water, the coast guard said, and the "
        "trawler sank within the hour."
    )
    article = Article(id=content_hash(text), text=text)
    claims = extract_claims(article).claims
    assert [(c.kind, c.text(text)) for c in claims] == [
        ("reported", "Four crew members were rescued from the water"),
        ("outlet", "the trawler sank within the hour"),
    ]


def test_a_trailing_participle_clause_of_the_outlet_is_its_own_claim() -> None:
    """A lead packs several facts in one sentence: "a flood swept through the valley,
    cutting off two villages and forcing ...". Each participle clause is a claim of its
    own, which other reports confirm one at a time."""
    text = (
        "A flash flood swept through the Merrow valley on Sunday, cutting off two villages "
        "and forcing the closure of the main road."
    )
    article = Article(id=content_hash(text), text=text)
    claims = extract_claims(article).claims
    assert [(c.kind, c.text(text)) for c in claims] == [
        ("outlet", "A flash flood swept through the Merrow valley on Sunday"),
        ("outlet", "cutting off two villages"),
        ("outlet", "forcing the closure of the main road"),
    ]


def test_participle_clauses_stay_with_reported_words_and_speech_verbs() -> None:
    """In someone's words a participle clause goes on with their statement ("bringing
    the total to ...": the total the figure made); and "..., saying ..." reports words,
    which stays with its sentence."""
    reported = (
        "Rescuers moved 300 more people out of Harlow on Monday, bringing the total "
        "evacuated to 1,200, the county said."
    )
    article = Article(id=content_hash(reported), text=reported)
    assert [c.text(reported) for c in extract_claims(article).claims] == [
        "Rescuers moved 300 more people out of Harlow on Monday, bringing the total "
        "evacuated to 1,200"
    ]
    saying = "The ferry operator cancelled all crossings, saying the swell was too high."
    article = Article(id=content_hash(saying), text=saying)
    texts = [c.text(saying) for c in extract_claims(article).claims]
    assert not any(t.startswith("saying") for t in texts), texts


def test_a_pronoun_takes_the_person_named_earlier_in_its_own_sentence() -> None:
    """ "While analysts like X believe ..., he raised concerns": "he" is X, named in the
    same sentence (though not its subject), not the subject of a sentence before."""
    text = (
        "Mayor Ilse Varga said the dam would hold. While engineers like Tomas Brandt "
        "believe the dam is sound, he raised concerns about the spillway, saying it had "
        "not been tested since 2019."
    )
    article = Article(id=content_hash(text), text=text)
    found = extract_claims(article)
    claim = next(c for c in found.claims if "spillway" in c.text(text) or "tested" in c.text(text))
    speaker = found.entity(claim.speaker_id)
    assert speaker is not None and speaker.name == "Tomas Brandt"


def test_a_quotation_mark_at_an_edge_stays_when_the_words_pair_with_it() -> None:
    """A mixed quote ending in a quoted phrase keeps its closing mark, one opening in a
    quotation keeps its opening mark: the claim's words are a quotation as printed.
    Marks around the whole content are still trimmed."""
    text = (
        "Mayor Ilse Varga said on Monday that closing the bridge would be a “last "
        "resort.”\n\n“We have found cracks in the piers” that were missed, engineer "
        "Tomas Brandt told reporters.\n\n“The deck is sound,” Brandt said."
    )
    article = Article(id=content_hash(text), text=text)
    texts = [c.text(text) for c in extract_claims(article).claims]
    assert "closing the bridge would be a “last resort.”" in texts, texts
    assert any(t.startswith("“We have found cracks in the piers” that were missed") for t in texts)
    assert "The deck is sound" in texts, texts


def _with_dateline(text: str) -> Article:
    from corroborate.newsmeta import find_dateline
    from corroborate.records import Dateline, Span

    found = find_dateline(text)
    assert found is not None
    article_id = content_hash(text)
    dateline = Dateline(found.place, found.region, found.agency, found.date,
                        Span(article_id, 0, found.end))  # fmt: skip
    return Article(id=article_id, text=text, dateline=dateline)


@pytest.mark.parametrize(
    "lead",
    [
        "The harbour master said Monday there is evidence that the storm has cracked the "
        "north quay, calling it a “serious blow” if the ferries stop.",
        "The harbour master said Monday that the storm has cracked the north quay.",
    ],
)
def test_a_lead_after_a_dateline_keeps_its_speaker(lead: str) -> None:
    """The parse may take the dateline for the subject or run it into the subject
    ("VESSBY (AP) — The harbour master said ..."): the source is the words between the
    dateline and the cue, and the lead is the harbour master's claim, not the outlet's."""
    text = f"VESSBY, Valmoria (AP) — {lead}\n\nCrews will inspect the pier on Tuesday."
    article = _with_dateline(text)
    claims = extract_claims(article).claims
    claim = next(c for c in claims if "cracked the north quay" in c.text(text))
    assert claim.kind != "outlet"
    assert claim.source is not None and claim.source.of(text) == "The harbour master"


def test_a_participle_left_over_in_a_reported_sentence_is_no_outlet_claim() -> None:
    text = (
        "“The pier is safe,” the harbour master said at a briefing in Tarnmouth, "
        "standing beside the damaged north quay with the mayor and two engineers."
    )
    article = Article(id=content_hash(text), text=text)
    texts = [c.text(text) for c in extract_claims(article).claims]
    assert texts == ["The pier is safe"], texts


def test_an_unnamed_source_keeps_the_words_that_say_who_it_is() -> None:
    """ "Earlier reports from Valmorian engineers" were put out by the engineers, and
    "The engineers" a few sentences on are the same group: no one is named, so the
    source is the words that describe them."""
    text = (
        "Earlier reports from Valmorian engineers indicated that the dam had cracked "
        "along its north wall. The council met on Monday. The engineers stated that the "
        "reservoir would be lowered by two metres."
    )
    article = Article(id=content_hash(text), text=text)
    claims = extract_claims(article).claims
    sources = {c.text(text): c.source.of(text) if c.source else None for c in claims}
    assert sources["the dam had cracked along its north wall"] == "Valmorian engineers"
    assert sources["the reservoir would be lowered by two metres"] == "Valmorian engineers"
    assert all(c.speaker_id is None for c in claims)


def _claims_of(text: str) -> dict[str, Claim]:
    article = Article(id=content_hash(text), text=text)
    return {c.text(text): c for c in extract_claims(article).claims}


def test_a_claim_named_by_a_noun_is_its_sources_and_the_rest_no_outlet_claim() -> None:
    """ "The new readings follow claims from the harbour board that ...": the clause is
    the board's claim, with its number; the outlet asserts nothing else here."""
    text = (
        "The new readings follow claims from the town's harbour board that the dredgers "
        "dumped about 800 tonnes of silt into the bay."
    )
    claims = _claims_of(text)
    assert list(claims) == ["the dredgers dumped about 800 tonnes of silt into the bay"]
    claim = claims["the dredgers dumped about 800 tonnes of silt into the bay"]
    assert claim.kind == "reported"
    assert claim.source is not None and claim.source.of(text) == "the town's harbour board"
    assert [q.value for q in claim.quantities] == [800.0]


def test_a_possessive_source_is_named_without_its_s() -> None:
    text = "Harbour master Lena Okafor's claim that the crane was faulty was rejected."
    claim = _claims_of(text)["the crane was faulty"]
    assert claim.source is not None and claim.source.of(text) == "Harbour master Lena Okafor"


def test_a_denial_noun_denies_its_clause() -> None:
    text = "The shipyard repeated its denial that it knew about the spill."
    claim = _claims_of(text)["it knew about the spill"]
    assert claim.polarity == "denied"
    assert claim.source is not None and claim.source.of(text) == "The shipyard"


def test_a_claim_named_inside_someones_words_stays_in_them() -> None:
    """The mayor's words are about the dockers' claim (it was false); she does not pass
    it on, so the claim is hers and not one relayed from the dockers."""
    text = "Mayor Ines Calder said the dockers' claim that the crane was faulty was false."
    claims = _claims_of(text)
    assert len(claims) == 1, list(claims)
    claim = next(iter(claims.values()))
    assert claim.cue is not None and claim.cue.of(text) == "said"
    assert claim.relayed_by == ()


def test_the_time_of_saying_is_the_cues_not_the_datelines() -> None:
    """A dateline's date is when the article was filed; the cue's own day, nearest it,
    is when the words were said."""
    from dataclasses import replace

    text = (
        "VESSBY, May 14 (Pier Post) - Harbour master Ilse Varga announced Tuesday that the "
        "north quay would stay shut until the storm damage is repaired.\n\n"
        "Crews will inspect the pier on Friday."
    )
    article = replace(_with_dateline(text), published=PubDate(2031, 5, 14))
    claims = extract_claims(article).claims
    claim = next(c for c in claims if "north quay" in c.text(text))
    assert claim.stated is not None
    assert claim.stated.span.of(text) == "Tuesday"
    assert claim.stated.value == "2031-05-13"


def test_a_reported_noun_with_a_verb_of_its_own_is_the_content() -> None:
    """ "reported efforts by X to block Y": the noun and its verb are what was reported;
    the sentence around them (an opening phrase, the speaker) is not. A bare noun ("the
    claims") is no proposition: the sentence stands for the act."""
    text = (
        "Despite the silence from the ministry, harbour pilots reported efforts by the port "
        "police to keep journalists away from the quay.\n\n"
        "The shipyard rejected the claims."
    )
    claims = _claims_of(text)
    assert "efforts by the port police to keep journalists away from the quay" in claims
    assert "The shipyard rejected the claims" in claims


def test_a_denial_ends_where_a_contrast_of_the_deniers_own_begins() -> None:
    """ "X denied that A but have agreed to B": B is the deniers' own act, which the
    parser may hang on A; what they deny is A alone."""
    text = (
        "Both ferry firms have denied that the fare talks had collapsed but have agreed to "
        "meet the regulator again, having met him once in May."
    )
    claims = _claims_of(text)
    claim = claims["the fare talks had collapsed"]
    assert claim.polarity == "denied"
    assert claim.stated is None  # May was when they met the regulator, not the denial


def test_the_time_of_saying_is_one_the_parse_hangs_on_the_cue() -> None:
    """A day in another clause of the sentence dates that clause's act, not the saying;
    a day on the first of two joined speech verbs dates both."""
    text = (
        "The salt company, which shut the depot on Tuesday, said the stored salt posed no "
        "danger to residents.\n\n"
        "Harbour master Lena Okafor on Monday said the quay was safe to use, and said she "
        "had asked the council to send divers next week."
    )
    claims = _claims_of(text)
    assert claims["the stored salt posed no danger to residents"].stated is None
    divers = claims["she had asked the council to send divers next week"]
    assert divers.stated is not None and divers.stated.span.of(text) == "Monday"


def _cut(text: str) -> list[tuple[str, str, list[str | None], list[float]]]:
    article = Article(id=content_hash(text), text=text, published=PUBLISHED)
    return [
        (c.kind, c.text(text), [t.value for t in c.times], [q.value for q in c.quantities])
        for c in extract_claims(article).claims
    ]


def test_a_clause_days_before_with_a_time_of_its_own_is_the_outlets_claim() -> None:
    """ "... days before a fire swept through the depot late on Monday": the fire is an
    event of its own, which other reports tell on their own. The speaker dates their
    words by it and takes it as known: it is the outlet's claim, with its time and its
    numbers; the speaker's claim keeps the time it is dated by."""
    reported = (
        "A union says staff warned managers about a broken valve days before a fire "
        "swept through the depot late on Monday."
    )
    assert _cut(reported) == [
        ("reported", "staff warned managers about a broken valve", ["2031-03-10"], []),
        ("outlet", "a fire swept through the depot late on Monday", ["2031-03-10"], []),
    ]
    counted = (
        "Officials said 40 families had been moved out three days before floodwater "
        "reached 200 homes on Friday."
    )
    assert _cut(counted) == [
        ("reported", "40 families had been moved out", ["2031-03-07"], [40.0]),
        ("outlet", "floodwater reached 200 homes on Friday", ["2031-03-07"], [200.0]),
    ]


def test_a_temporal_clause_of_the_outlets_own_sentence_is_a_claim_before_or_after() -> None:
    trailing = "Inspectors visited the mill two weeks before a flood swamped the valley on March 2."
    assert [c[:2] for c in _cut(trailing)] == [
        ("outlet", "Inspectors visited the mill"),
        ("outlet", "a flood swamped the valley on March 2"),
    ]
    leading = "Two hours after the levee broke on Sunday, about 300 people were moved to a gym."
    assert _cut(leading) == [
        ("outlet", "the levee broke on Sunday", ["2031-03-09"], []),
        ("outlet", "about 300 people were moved to a gym", ["2031-03-09"], [300.0]),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # No time of its own: the clause only places its main clause.
        "The terminal reopened late on Wednesday after divers inspected the hull.",
        # No length of time between them: one episode told in its order.
        "Crews were sent to the mill after the alarm was raised at 4:12 p.m.",
        "Neighbours said they heard a bang shortly before smoke rose from the roof on Sunday.",
        # A pronoun for a subject: no claim another report could tell alone.
        "The pumps failed hours before it rained on Friday.",
        # Inside the main clause, which it would leave in two pieces.
        "Ada Brandt had just gone to bed when an officer knocked at her door shortly after "
        "midnight and told her to leave.",
    ],
)
def test_a_temporal_clause_that_tells_no_event_of_its_own_stays_whole(text: str) -> None:
    claims = _cut(text)
    assert len(claims) == 1 and claims[0][1] in text and len(claims[0][1]) > len(text) * 0.6, claims


def test_an_act_reported_with_no_one_saying_anything_is_the_outlets_claim() -> None:
    """ "Residents were told to stay indoors", "Cracks were noted in May": a passive cue
    with no one named to have said anything; the outlet reports the act, whole."""
    text = (
        "Residents of the Brookfield district were told to stay indoors on Friday. "
        "Cracks in the Vellmoor dam wall were noted in May and June, with reports indicating "
        "that the wall would hold. Heavy flooding was reported in the lower town. "
        "It was reported that the ferry had been cancelled."
    )
    found = extract_claims(Article(id=content_hash(text), text=text, published=PUBLISHED))
    outlet = [c.content.of(text) for c in found.claims if c.kind == "outlet"]
    assert "Residents of the Brookfield district were told to stay indoors on Friday" in outlet
    assert "Cracks in the Vellmoor dam wall were noted in May and June" in outlet
    assert "Heavy flooding was reported in the lower town" in outlet
    cracks = next(c for c in found.claims if c.content.of(text).startswith("Cracks"))
    assert [t.value for t in cracks.times] == ["2030-05", "2030-06"]  # past months
    # Words said with no one named stay reported, unresolved.
    ferry = next(c for c in found.claims if "ferry" in c.content.of(text))
    assert ferry.kind == "reported" and ferry.speaker_id is None

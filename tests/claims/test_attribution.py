"""Attributions read off the parse: sources, cues and contents, in each form news uses."""

from __future__ import annotations

import pytest

from corroborate.claims.attribution import Attribution, find_attributions
from corroborate.claims.nlp import parse
from corroborate.claims.tagger import combined_attributions


def read(text: str) -> list[dict[str, object]]:
    found = find_attributions(parse(text))
    return [show(text, a) for a in found]


def show(text: str, a: Attribution) -> dict[str, object]:
    return {
        "source": text[slice(*a.source)] if a.source else None,
        "cue": text[slice(*a.cue)],
        "content": [text[x:y] for x, y in a.content],
        "kind": a.kind,
        "origin": text[slice(*a.origin)] if a.origin else None,
        "class": a.cue_class,
    }


def one(text: str) -> dict[str, object]:
    found = read(text)
    assert len(found) == 1, found
    return found[0]


def test_reported_speech_keeps_its_complementiser() -> None:
    got = one("Harbour master Lena Okafor said that the pier would reopen on Friday.")
    assert got["source"] == "Harbour master Lena Okafor"
    assert got["cue"] == "said"
    assert got["content"] == ["that the pier would reopen on Friday"]
    assert got["kind"] == "reported"


def test_told_an_audience_is_not_the_content() -> None:
    got = one("Okafor told reporters the ferry had been inspected twice.")
    assert got["cue"] == "told"
    assert got["content"] == ["the ferry had been inspected twice"]


def test_a_quote_before_the_speaker() -> None:
    got = one("“We found no cracks in the hull,” Okafor said.")
    assert got["source"] == "Okafor"
    assert got["content"] == ["“We found no cracks in the hull,”"]
    assert got["kind"] == "direct_quote"


def test_inverted_speaker_after_the_verb() -> None:
    got = one("“The timetable stays as it is,” said Piet Marren, a spokesman for the line.")
    assert got["source"] == "Piet Marren, a spokesman for the line"
    assert got["kind"] == "direct_quote"


def test_a_quote_split_around_the_cue_is_one_content_in_two_segments() -> None:
    got = one("“The pier is safe,” Okafor said, “and it will stay open all summer.”")
    assert got["content"] == ["“The pier is safe,”", "“and it will stay open all summer.”"]


def test_a_quote_introduced_by_a_colon() -> None:
    got = one("Okafor said: “Nobody was hurt and nobody will be.”")
    assert got["source"] == "Okafor"
    assert got["kind"] == "direct_quote"
    assert got["content"] == ["“Nobody was hurt and nobody will be.”"]


def test_the_next_quoted_sentence_stays_with_its_speaker() -> None:
    text = "“The crane failed at noon,” Okafor said. “We stopped all loading at once.”"
    got = one(text)
    assert got["content"] == ["“The crane failed at noon,”", "“We stopped all loading at once.”"]


def test_a_multi_paragraph_quote_with_no_closing_mark_until_the_end() -> None:
    text = (
        "Okafor said: “The crane failed at noon and the load swung over the quay.\n\n"
        "“We stopped all loading at once and sent everyone home.”"
    )
    got = one(text)
    assert len(got["content"]) == 2  # type: ignore[arg-type]
    assert got["kind"] == "direct_quote"


def test_mixed_quote_is_a_paraphrase_with_a_quoted_fragment() -> None:
    got = one("Okafor said the repairs had been “rushed and careless” from the start.")
    assert got["kind"] == "mixed"


def test_according_to_takes_the_rest_of_the_sentence() -> None:
    got = one("The ferry carried 40 passengers, according to the harbour authority.")
    assert got["source"] == "the harbour authority"
    assert got["cue"] == "according to"
    assert got["content"] == ["The ferry carried 40 passengers"]
    assert got["kind"] == "according_to"


def test_according_to_at_the_start() -> None:
    got = one("According to the coast guard, the boat sank within minutes.")
    assert got["source"] == "the coast guard"
    assert got["content"] == ["the boat sank within minutes"]


@pytest.mark.parametrize(
    "name",
    [
        "Britt Ekvall",  # "shop" read as a verb, the name its object
        "Liv Marden",  # and the name as the subject of "according"
    ],
)
def test_according_to_a_title_the_parser_read_as_a_verb(name: str) -> None:
    got = one(f"According to shop steward {name}, the night shift will be cancelled from March.")
    assert got["source"] == f"shop steward {name}"
    assert got["content"] == ["the night shift will be cancelled from March"]


def test_an_aside_cue_takes_the_sentence_around_it() -> None:
    got = one("The engine, Okafor said, had failed twice before.")
    assert got["source"] == "Okafor"
    assert got["content"] == ["The engine", "had failed twice before"]


def test_a_first_name_read_as_a_preposition_still_makes_the_subject() -> None:
    # "Per" is tagged a preposition, leaving "said" with no subject
    text = "Per Alm, who speaks for the dockers' union, said the cranes had been sold."
    got = one(text)
    assert got["source"] == "Per Alm, who speaks for the dockers' union"
    assert got["content"] == ["the cranes had been sold"]
    assert one("In Corrick, officials said the cranes had been sold.")["source"] == "officials"
    quoted = one('"The budget was cut last year," Per Alm, a shop steward, told reporters.')
    assert quoted["source"] == "Per Alm, a shop steward"
    beside = one("The yard's owner, Per Alm, said the pumps had failed.")
    assert beside["source"] == "The yard's owner, Per Alm"


def test_passive_and_anonymous_sources() -> None:
    assert one("It was reported that the port would close.")["source"] is None
    assert one("Officials said the port would close.")["source"] == "Officials"


def test_relay_as_saying_nests_the_origin_inside_the_relayer() -> None:
    found = read("Councillor Ada Brandt cited Okafor as saying the crane had been overloaded.")
    outer = next(a for a in found if a["cue"] == "cited")
    inner = next(a for a in found if a["cue"] == "saying")
    assert outer["source"] == "Councillor Ada Brandt"
    assert inner["source"] == "Okafor"
    assert inner["content"] == ["the crane had been overloaded"]


def test_citing_names_the_underlying_source() -> None:
    got = one("The union, citing two dock workers, said the crane had been overloaded.")
    assert got["source"] == "The union"
    assert got["origin"] == "two dock workers"


def test_a_denial_is_classed_as_one() -> None:
    got = one("The port company denied that any warning had been ignored.")
    assert got["class"] == "denial"
    assert got["content"] == ["that any warning had been ignored"]


def test_a_belief_is_classed_as_one() -> None:
    assert one("Investigators believe the cable snapped under load.")["class"] == "belief"


def test_speech_verbs_inside_a_quote_are_not_attributions() -> None:
    found = read("“I said no to the night shift,” Okafor said.")
    assert [a["source"] for a in found] == ["Okafor"]


@pytest.mark.parametrize("text", ["", "   ", "1234 5678", "“”“”", "said said said"])
def test_bad_input_gives_no_attributions_and_no_error(text: str) -> None:
    assert isinstance(read(text), list)


def test_sentences_with_no_cue_give_nothing() -> None:
    assert read("The ferry left at noon. The sea was calm.") == []


def test_a_participle_after_a_comma_speaks_for_the_reporting_verb() -> None:
    # The parser hangs "calling" on "moved", inside what the harbour master said.
    found = read(
        "The harbour master said there is evidence that the smugglers have moved boats"
        " south, calling it a “dangerous escalation” if confirmed."
    )
    calling = next(a for a in found if a["cue"] == "calling")
    assert calling["source"] == "The harbour master"


def test_continue_with_an_infinitive_is_no_cue() -> None:
    got = one(
        "The envoy warned that fares would rise if disputes between the ports continue to grow."
    )
    assert got["source"] == "The envoy"
    assert one("“The pier will reopen in spring,” she continued.")["source"] == "she"


def test_a_finding_inside_someones_words_is_evidence() -> None:
    found = read("The warden announced that evidence suggests the dyke was weakened by frost.")
    assert [(a["cue"], a["class"]) for a in found] == [
        ("announced", "speech"),
        ("suggests", "evidence"),
    ]
    assert one("The engineer suggested that the dyke be rebuilt.")["class"] == "speech"


@pytest.mark.parametrize("mark", ["’", "'"])
def test_a_participle_after_a_possessive_is_no_cue(mark: str) -> None:
    text = f"The agency had not yet formally confirmed Norland{mark}s reported troop deployment."
    assert [a["cue"] for a in read(text)] == ["had not yet formally confirmed"]


def test_a_source_stays_in_its_paragraph() -> None:
    # The parser runs the headline and the photo caption into the first sentence.
    text = (
        "Smugglers Moved Boats To Norland, Says Harbour Chief\n\n"
        "Harbour Master of Corrick Ana Lind (file photo)\n\n"
        "Harbour Master of Corrick Ana Lind said on May 3 that there is evidence smugglers"
        " have moved boats to Norland, calling it a “new phase” after the port was closed."
    )
    sources = [a["source"] for a in read(text)]
    assert sources and all(s and "\n" not in s for s in sources), sources


# --- nominal cues ("the union's claim that ...") -------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        (
            "The new readings follow claims from the town's harbour board that the dredgers "
            "dumped about 800 tonnes of silt into the bay.",
            "the town's harbour board",
            "claims",
            "that the dredgers dumped about 800 tonnes of silt into the bay",
        ),
        (
            "The dockers' claim that the crane was faulty was rejected.",
            "The dockers'",
            "claim",
            "that the crane was faulty",
        ),
        (
            "Reports by fishermen that the water smelled reached the council.",
            "fishermen",
            "Reports",
            "that the water smelled",
        ),
        (
            "Allegations from two former clerks that ledgers were altered prompted an inquiry.",
            "two former clerks",
            "Allegations",
            "that ledgers were altered",
        ),
        (
            "The harbour office issued a warning that the breakwater could collapse.",
            "The harbour office",
            "warning",
            "that the breakwater could collapse",
        ),
        (
            "Claims that the dredgers dumped silt into the bay have circulated for weeks.",
            None,
            "Claims",
            "that the dredgers dumped silt into the bay",
        ),
    ],
)
def test_a_noun_of_saying_with_a_that_clause(
    text: str, source: str | None, cue: str, content: str
) -> None:
    got = one(text)
    assert (got["source"], got["cue"], got["content"]) == (source, cue, [content])
    assert got["class"] == "speech"


def test_a_denial_noun_denies_and_a_voicing_verb_names_its_speaker() -> None:
    got = one("The shipyard repeated its denial that it knew about the spill.")
    assert (got["source"], got["cue"], got["class"]) == ("The shipyard", "denial", "denial")
    assert got["content"] == ["that it knew about the spill"]


def test_a_relative_clause_on_a_cue_noun_is_no_content() -> None:
    # "that" is the object of "issued": the warning's words are not given.
    found = read("Fishermen dismissed the warning that the harbour office issued.")
    assert [a["cue"] for a in found] == ["dismissed"]
    assert read("The claim that officials repeated on Monday drew criticism.") == []


def test_a_noun_that_states_a_fact_is_no_cue() -> None:
    # The outlet's own assertion: "the fact that", "news that".
    assert read("The fact that the crane was faulty surprised nobody.") == []
    assert read("News that the crane had failed spread quickly.") == []


def test_said_in_a_statement_stays_with_the_verb() -> None:
    got = one("The harbour office said in a short statement that the breakwater was sound.")
    assert (got["source"], got["cue"]) == ("The harbour office", "said")
    assert got["content"] == ["that the breakwater was sound"]


def test_asked_an_audience_to_act_starts_at_the_audience() -> None:
    # The parser reads "shut" as a clause of "asked", with no subject of its own.
    got = one(
        "The council asked several dozen families of the houses around the mill to keep "
        "gates and doors shut until the next day."
    )
    assert got["cue"] == "asked"
    assert got["content"] == [
        "several dozen families of the houses around the mill to keep gates and doors shut "
        "until the next day"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The patients were dockers who reported sore eyes after the tanker leaked.",
        "Commuters who reported long delays on the coast line were offered refunds.",
        "The ward took in pupils who reported breathing difficulties after the drill.",
        "Nurses who described severe headaches were sent home.",
    ],
)
def test_speech_verb_in_a_relative_clause_with_a_noun_phrase_reports_an_experience(
    text: str,
) -> None:
    # A symptom or an incident that someone "reported" is what befell them, not words.
    assert read(text) == []


def test_speech_verb_in_a_relative_clause_with_a_clause_attributes() -> None:
    got = one("The wardens, who said the weir was sound, closed the towpath.")
    assert got["cue"] == "said"
    assert got["content"] == ["the weir was sound"]
    got = one("The ferry crew, which claimed that the ramp had jammed, stayed aboard.")
    assert got["content"] == ["that the ramp had jammed"]
    got = one("A porter who told reporters that the lift had stalled was thanked.")
    assert got["cue"] == "told"
    assert got["content"][0].startswith("that the lift had stalled")


def test_denial_in_a_relative_clause_keeps_its_noun_phrase() -> None:
    got = one("The operator, which denied any wrongdoing, paid the fine.")
    assert got["class"] == "denial"
    assert got["content"] == ["any wrongdoing"]


@pytest.mark.parametrize(
    "text",
    [
        "The gate had been left open, said a senior port official, who asked not to be named.",
        "Two guards, who declined to be identified because they feared for their jobs, said "
        "the gate had been left open.",
        "A dock worker, who requested anonymity, said the gate had been left open.",
    ],
)
def test_a_sources_terms_for_speaking_are_no_attribution(text: str) -> None:
    got = one(text)
    assert got["cue"] == "said"
    assert got["content"] == ["the gate had been left open"] or got["content"] == [
        "The gate had been left open"
    ]


def test_the_stage_drops_a_tagged_request_for_anonymity() -> None:
    text = "The gate had been left open, said a senior port official, who asked not to be named."
    found = combined_attributions(parse(text))
    assert [text[slice(*a.cue)] for a in found] == ["said"]

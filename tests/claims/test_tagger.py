from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from corroborate.claims.attribution import Attribution, find_attributions, with_participle_speakers
from corroborate.claims.nlp import parse
from corroborate.claims.tagger import (
    MODEL_PATH,
    Role,
    TrainSettings,
    assemble,
    combine,
    combined_attributions,
    labels_for,
    tag_attributions,
    token_features,
    train_model,
)


def _text(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


def test_said_gives_source_cue_and_content() -> None:
    text = "Mayor Ines Calder said the northern bridge would reopen in May."
    found = tag_attributions(parse(text))
    assert len(found) == 1
    attribution = found[0]
    assert _text(text, attribution.source) == "Mayor Ines Calder"
    assert _text(text, attribution.cue) == "said"
    assert [_text(text, s) for s in attribution.content] == [
        "the northern bridge would reopen in May"
    ]
    assert attribution.kind == "reported"
    assert attribution.cue_class == "speech"


def test_quote_after_cue_is_a_direct_quote() -> None:
    text = 'The harbour master told reporters: "The pier will stay closed until the storm passes."'
    found = tag_attributions(parse(text))
    assert [_text(text, a.source) for a in found] == ["The harbour master"]
    assert found[0].kind == "direct_quote"
    assert any("pier will stay closed" in (_text(text, s) or "") for s in found[0].content)


def test_missing_model_falls_back_to_the_rules(tmp_path: Path) -> None:
    doc = parse("Officials in Varnholm said the ferry would run twice a day.")
    assert tag_attributions(doc, tmp_path / "absent.crfsuite") == find_attributions(doc)


@pytest.mark.parametrize("text", ["", "   ", "1234 5678", '"" \u201c\u201d', "'"])
def test_odd_input_gives_no_attributions(text: str) -> None:
    assert tag_attributions(parse(text)) == []


def test_quote_split_around_the_cue_is_one_attribution_of_two_segments() -> None:
    text = '"The dam is safe," Tomas Reyl said, "and the valley can sleep tonight."'
    doc = parse(text)
    first = (0, text.index(",") + 2)
    second = (text.index('"and'), len(text))
    source = (text.index("Tomas"), text.index(" said"))
    cue = (text.index("said"), text.index("said") + 4)
    gold = [("content", first), ("source", source), ("cue", cue), ("content", second)]
    found = assemble(doc, labels_for(doc, gold))  # type: ignore[arg-type]
    assert len(found) == 1
    assert _text(text, found[0].source) == "Tomas Reyl"
    assert found[0].content == (first, second)
    assert found[0].kind == "direct_quote"


def test_cue_with_nothing_attributed_is_dropped() -> None:
    text = "Nadia Osei said."
    doc = parse(text)
    labels = ["B-S", "I-S", "B-C", "O"]
    assert assemble(doc, labels) == []


def test_features_are_one_row_per_token() -> None:
    doc = parse("Ravel Corp said on Monday that profits fell.\n\nThe board agreed.")
    rows = token_features(doc)
    assert len(rows) == len(doc)
    assert all(row for row in rows)


def test_a_trained_model_is_written_and_used(tmp_path: Path) -> None:
    sentences = [
        ("Pell Ansar said the road was closed.", "Pell Ansar", "said", "the road was closed"),
        ("Mira Tolk said the mill had stopped.", "Mira Tolk", "said", "the mill had stopped"),
    ]
    examples = []
    for text, source, cue, content in sentences:
        doc = parse(text)
        gold = [
            (role, (text.index(words), text.index(words) + len(words)))
            for role, words in (("source", source), ("cue", cue), ("content", content))
        ]
        examples.append((token_features(doc), labels_for(doc, gold)))  # type: ignore[arg-type]
    model = tmp_path / "tiny.crfsuite"
    report = train_model(examples, model, TrainSettings(c1=0.0, c2=0.01, min_freq=1))
    assert model.is_file() and report.bytes > 0 and report.sequences == 2
    text = "Oren Vasz said the well was dry."
    found = tag_attributions(parse(text), model)
    assert [_text(text, a.cue) for a in found] == ["said"]


def test_training_without_examples_says_so(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no training sequences"):
        train_model([], tmp_path / "none.crfsuite")


def test_model_ships_in_the_package() -> None:
    assert MODEL_PATH.parent.name == "models"


def test_white_space_inside_a_span_keeps_the_span_whole() -> None:
    text = "Officials said the\u00a0ferry would run twice a day."
    doc = parse(text)
    cue = (text.index("said"), text.index("said") + 4)
    content = (text.index("the"), text.index("."))
    labels = labels_for(doc, [("cue", cue), ("content", content)])
    space = next(t.i for t in doc if t.text == "\u00a0")
    assert labels[space] == "I-T"
    (found,) = assemble(doc, labels)
    assert found.content == (content,)


def test_a_cue_whose_content_the_tagger_missed_takes_its_complement() -> None:
    text = "Lena Marsh said the depot would close."
    doc = parse(text)
    labels = ["B-S", "I-S", "B-C", *["O"] * (len(doc) - 3)]
    found = assemble(doc, labels)
    assert [_text(text, a.source) for a in found] == ["Lena Marsh"]
    assert [_text(text, s) for s in found[0].content] == ["the depot would close"]


def _reading(text: str, source: str, cue: str, content: str) -> Attribution:
    def at(words: str) -> tuple[int, int]:
        return text.index(words), text.index(words) + len(words)

    return Attribution(at(cue), (at(content),), "reported", "speech", at(source))


def test_combine_takes_the_taggers_boundaries_for_a_plain_attribution() -> None:
    text = "The port chief said on Monday that the cranes were idle."
    rule = _reading(text, "The port chief", "said", "on Monday that the cranes were idle")
    tagged = _reading(text, "port chief", "said", "the cranes were idle")
    (merged,) = combine([rule], [tagged])
    assert _text(text, merged.source) == "port chief"
    assert [_text(text, s) for s in merged.content] == ["the cranes were idle"]


def test_combine_keeps_a_relay_as_the_rules_read_it() -> None:
    text = "Aldo Brun said Ema Kov told him the mine was flooded."
    outer = _reading(text, "Aldo Brun", "said", "Ema Kov told him the mine was flooded")
    inner = _reading(text, "Ema Kov", "told", "the mine was flooded")
    tagged = _reading(text, "Aldo Brun", "said", "the mine was flooded")
    merged = combine([outer, inner], [tagged])
    assert merged == sorted([outer, inner], key=lambda a: (a.start, a.cue))


def test_combine_adds_the_taggers_reading_where_the_rules_found_nothing() -> None:
    text = "The council fears the bridge will fail. The mayor said it was safe."
    rule = _reading(text, "The mayor", "said", "it was safe")
    tagged = _reading(text, "The council", "fears", "the bridge will fail")
    assert combine([rule], [tagged]) == [tagged, rule]


def test_combine_leaves_out_tagged_content_before_the_speaker_the_rules_do_not_read() -> None:
    text = "DALVIK (MW) - The harbour board said the pier would reopen."
    rule = _reading(text, "The harbour board", "said", "the pier would reopen")
    dateline = (0, text.index(" -"))
    tagged = replace(rule, content=(dateline, *rule.content))
    (merged,) = combine([rule], [tagged])
    assert merged.content == rule.content


def _assembled(text: str, source: str, cue: str, content: str) -> list[str]:
    """The content that ``assemble`` gives when the tagger labelled these spans."""
    doc = parse(text)
    spans = [
        (role, (text.index(words), text.index(words) + len(words)))
        for role, words in (("source", source), ("cue", cue), ("content", content))
    ]
    (found,) = assemble(doc, labels_for(doc, spans))
    return [text[a:b] for a, b in found.content]


def test_the_audience_before_a_clause_is_not_content() -> None:
    text = "Reporters asked the mayor whether the bridge would reopen."
    content = _assembled(text, "Reporters", "asked", "the mayor whether the bridge would reopen")
    assert content == ["whether the bridge would reopen"]
    text = "The ferry operator told passengers that the crossing was cancelled."
    content = _assembled(
        text, "The ferry operator", "told", "passengers that the crossing was cancelled"
    )
    assert content == ["that the crossing was cancelled"]


def test_an_object_before_an_infinitive_stays_content() -> None:
    text = "Police asked residents of the valley to leave their homes."
    content = _assembled(text, "Police", "asked", "residents of the valley to leave their homes")
    assert content == ["residents of the valley to leave their homes"]


def test_the_day_of_saying_is_not_content() -> None:
    text = "The union announced a strike on Sunday."
    assert _assembled(text, "The union", "announced", "a strike on Sunday") == ["a strike"]


def test_combine_drops_a_thought_only_the_rules_read() -> None:
    text = "The council fears the bridge will fail. The mayor said it was safe."
    thought = replace(
        _reading(text, "The council", "fears", "the bridge will fail"), cue_class="belief"
    )
    said = _reading(text, "The mayor", "said", "it was safe")
    assert combine([thought, said], [said]) == [said]


def test_combine_drops_a_finding_only_the_rules_read() -> None:
    text = "Tide tables show the causeway floods twice a month. The warden said it was safe."
    finding = replace(
        _reading(text, "Tide tables", "show", "the causeway floods twice a month"),
        cue_class="evidence",
    )
    said = _reading(text, "The warden", "said", "it was safe")
    assert combine([finding, said], [said]) == [said]


def test_a_tagged_reading_replaces_a_plain_rule_reading_of_the_same_words() -> None:
    """The rules read "should back" as a cue inside what the tagger reads as the board's
    attempt to convince: the tagger's reading, with no rival cue of its own, stands."""
    text = "The board is trying to convince voters that they should back the levy."
    misread = _reading(text, "they", "should back", "the levy")
    tagged = _reading(
        text, "The board", "is trying to convince", "voters that they should back the levy"
    )
    assert combine([misread], [tagged]) == [tagged]


def test_a_tagged_reading_replaces_no_rule_reading_the_tagger_met() -> None:
    text = "The board is trying to convince voters that they should back the levy."
    rule = _reading(text, "they", "should back", "the levy")
    twin = _reading(text, "they", "should back", "the levy")
    outer = _reading(
        text, "The board", "is trying to convince", "voters that they should back the levy"
    )
    assert combine([rule], [twin, outer]) == [rule]


def test_a_noun_of_saying_is_not_replaced_by_a_reading_that_holds_it() -> None:
    """ "renewed its claim that ...": the claim's clause is what the company asserts."""
    text = "The ferry company renewed its claim that the engine had been serviced."
    noun = _reading(text, "The ferry company", "claim", "that the engine had been serviced")
    tagged = _reading(
        text, "The ferry company", "renewed", "its claim that the engine had been serviced"
    )
    assert combine([noun], [tagged], frozenset([noun.cue])) == [noun]


def test_two_attributions_may_share_a_source() -> None:
    """The tagger's "denied" keeps the speaker the rules' "saying" reads too."""
    text = "Lena Marsh denied the report, saying the depot would stay open."
    saying = _reading(text, "Lena Marsh", "saying", "the depot would stay open")
    denied = _reading(text, "Lena Marsh", "denied", "the report")
    assert combine([saying], [denied, saying]) == [denied, saying]


def test_an_inner_attribution_of_a_relay_takes_the_taggers_boundaries() -> None:
    text = "Aldo Brun said Ema Kov had told him the mine was flooded."
    outer = _reading(text, "Aldo Brun", "said", "Ema Kov had told him the mine was flooded")
    inner = _reading(text, "Ema Kov", "told", "the mine was flooded")
    tagged_outer = _reading(text, "Aldo Brun", "said", "Ema Kov had told him the mine was flooded")
    tagged_inner = _reading(text, "Ema Kov", "had told", "the mine was flooded")
    merged = combine([outer, inner], [tagged_outer, tagged_inner])
    assert [_text(text, a.cue) for a in merged] == ["said", "had told"]
    assert merged[0].contains(merged[1])  # still relayed by Aldo Brun


def _labelled(text: str, *words: tuple[Role, str]) -> list[Attribution]:
    """What ``assemble`` gives when the tagger labelled these words (each its first match)."""
    doc = parse(text)
    spans = [(role, (text.index(w), text.index(w) + len(w))) for role, w in words]
    return assemble(doc, labels_for(doc, spans), find_attributions(doc))


def test_a_participle_with_no_source_takes_the_subject_of_its_verb() -> None:
    text = (
        "She stressed the need to repair the dam, saying, “The valley cannot take another flood.”"
    )
    quote = "“The valley cannot take another flood.”"
    found = _labelled(text, ("cue", "stressed"), ("cue", "saying"), ("content", quote))
    saying = [a for a in with_participle_speakers(parse(text), found) if a.cue[0] > 10]
    assert [_text(text, a.source) for a in saying] == ["She"]
    combined = combined_attributions(parse(text))
    assert [_text(text, a.source) for a in combined if _text(text, a.cue) == "saying"] == ["She"]


def test_continue_is_a_cue_only_with_a_quotation() -> None:
    text = "Fares will rise if disputes between the ports continue to grow."
    words: list[tuple[Role, str]] = [
        ("source", "disputes between the ports"),
        ("cue", "continue"),
        ("content", "to grow"),
    ]
    assert _labelled(text, *words) == []


def test_a_finding_read_by_the_tagger_is_evidence() -> None:
    text = "Evidence suggests the dyke was weakened by frost."
    words: list[tuple[Role, str]] = [
        ("source", "Evidence"),
        ("cue", "suggests"),
        ("content", "the dyke was weakened by frost"),
    ]
    assert [a.cue_class for a in _labelled(text, *words)] == ["evidence"]


def test_a_citing_aside_is_no_attribution_of_its_own() -> None:
    text = "Lee, citing Cho, said the ferry would resume service on Monday."
    words: list[tuple[Role, str]] = [
        ("source", "Lee"),
        ("cue", "citing"),
        ("content", "Cho"),
        ("cue", "said"),
        ("content", "the ferry would resume service on Monday"),
    ]
    found = _labelled(text, *words)
    assert [(_text(text, a.cue), _text(text, a.origin)) for a in found] == [("said", "Cho")]


def test_according_to_is_a_cue_word_of_speech() -> None:
    text = "According to the harbour pilot, the channel silted up over the winter."
    words: list[tuple[Role, str]] = [
        ("cue", "According to"),
        ("source", "the harbour pilot"),
        ("content", "the channel silted up over the winter"),
    ]
    assert [(a.kind, a.cue_class) for a in _labelled(text, *words)] == [("according_to", "speech")]


def test_a_citing_that_gives_reasons_stays_an_attribution() -> None:
    text = "The court blocked the sale of the plant, citing a threat to public health."
    words: list[tuple[Role, str]] = [
        ("source", "The court"),
        ("cue", "citing"),
        ("content", "a threat to public health"),
    ]
    assert [_text(text, a.cue) for a in _labelled(text, *words)] == ["citing"]


def test_what_befell_residents_is_no_attribution_in_the_stage() -> None:
    """The tagger reads "residents who reported breathing difficulties" as words reported;
    the stage drops it, as the rules do: a symptom is no proposition anyone stated."""
    text = (
        "The new cases were dock workers who reported breathing difficulties after the "
        "wind turned on Friday night."
    )
    assert [
        a for a in combined_attributions(parse(text)) if text[slice(*a.cue)] == "reported"
    ] == []

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.claims.attribution import find_attributions
from corroborate.claims.nlp import parse
from corroborate.claims.tagger import (
    MODEL_PATH,
    TrainSettings,
    assemble,
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

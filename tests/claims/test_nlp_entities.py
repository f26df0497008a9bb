"""The entity recogniser's numpy decoder finds exactly the entities spaCy's loop finds."""

from __future__ import annotations

import blis.py
import numpy
import pytest
from spacy.tokens import Doc, Span

from corroborate.claims import fast_ner, nlp
from corroborate.claims.fast_ner import FastEntityRecognizer

# Invented: names of one and several words, dates, figures and money at the start and end
# of sentences, a paragraph break, a line of white space, and a one-word sentence.
TEXTS = [
    "Mayor Ines Calder of Tarnbury said on Tuesday that 40 boats were damaged.",
    "The Harbour Trust of Lower Wexcombe paid $3.5 million in March 2021. Olek Varga "
    "agreed.\n\n  \n\nBy noon on Friday, about 1,200 residents of Kestrel Bay had left "
    "for Dunmoor, the Wexcombe Gazette reported.",
    "Quiet.",
    "",
    "Edda Brun, 52, told the Northern Ferry Company that the third sailing on 14 May would "
    "be cancelled, and that 15% of fares would be refunded to passengers from Galloway.",
]


def _entities(doc: Doc) -> list[tuple[int, int, str, int]]:
    iob = doc.to_array(["ENT_IOB", "ENT_TYPE", "ENT_KB_ID"]).tolist()
    return [(e.start, e.end, e.label_, 0) for e in doc.ents] + [tuple(row) for row in iob]


def _without_ner(texts: list[str]) -> list[Doc]:
    pipeline = nlp.pipeline()
    with pipeline.select_pipes(disable=["ner"]):
        return list(pipeline.pipe(texts))


@pytest.fixture(scope="module")
def recognisers() -> tuple[FastEntityRecognizer, object]:
    fast = nlp.pipeline().get_pipe("ner")
    assert isinstance(fast, FastEntityRecognizer)
    return fast, fast.ner


def test_the_loaded_pipeline_decodes_entities_in_numpy() -> None:
    assert isinstance(nlp.pipeline().get_pipe("ner"), FastEntityRecognizer)
    assert not isinstance(nlp.load_pipeline(fast=False).get_pipe("ner"), FastEntityRecognizer)


def test_entities_equal_spacys_loop(recognisers: tuple[FastEntityRecognizer, object]) -> None:
    fast, spacy_ner = recognisers
    ours = list(fast.pipe(_without_ner(TEXTS), batch_size=3))
    theirs = list(spacy_ner.pipe(_without_ner(TEXTS), batch_size=3))  # type: ignore[attr-defined]
    assert [_entities(d) for d in ours] == [_entities(d) for d in theirs]
    labels = {e.label_ for d in ours for e in d.ents}
    assert {"PERSON", "ORG", "DATE", "MONEY", "CARDINAL"} <= labels


def test_every_move_recomputed_in_spacys_order_gives_the_same_entities(
    recognisers: tuple[FastEntityRecognizer, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A huge rounding bound sends every token through the exact (slow) scores.
    fast, spacy_ner = recognisers
    monkeypatch.setattr(fast_ner, "_UNIT", 1.0)
    ours = list(fast.pipe(_without_ner(TEXTS)))
    theirs = list(spacy_ner.pipe(_without_ner(TEXTS)))  # type: ignore[attr-defined]
    assert [_entities(d) for d in ours] == [_entities(d) for d in theirs]


def test_exact_scores_are_spacys_arithmetic(
    recognisers: tuple[FastEntityRecognizer, object],
) -> None:
    # spaCy multiplies through BLIS; the decoder's slow path sums in the same order.
    fast, _ = recognisers
    (doc,) = _without_ner(TEXTS[:1])
    decoder = fast_ner._Decoder(
        fast.moves,  # type: ignore[arg-type]
        fast.lower.predict(fast.tok2vec.predict([doc])),
        fast.lower.get_param("b"),
        fast.upper,
        [doc],
    )
    ids = numpy.zeros((len(doc), 3), dtype="int64")
    ids[:, 0] = numpy.arange(1, len(doc) + 1)
    hidden = decoder._hidden(ids)
    classes = numpy.broadcast_to(numpy.arange(decoder.weights.shape[0]), (len(doc), 74))
    expected = blis.py.gemm(hidden, decoder.weights, trans2=True) + decoder.out_bias
    assert numpy.array_equal(decoder._exact(hidden, classes), expected)


def test_entities_set_before_are_left_to_spacy(
    recognisers: tuple[FastEntityRecognizer, object],
) -> None:
    fast, spacy_ner = recognisers
    ours, theirs = _without_ner(TEXTS[:1]) + _without_ner(TEXTS[:1])
    for doc in (ours, theirs):
        doc.set_ents([Span(doc, 1, 3, label="ORG")], default="unmodified")
    fast(ours)
    spacy_ner(theirs)  # type: ignore[operator]
    assert _entities(ours) == _entities(theirs)
    assert (1, 3, "ORG", 0) in _entities(ours)


def test_moves_other_than_biluo_are_refused() -> None:
    with pytest.raises(ValueError):
        fast_ner._Moves(["B-ORG", "I-ORG", "L-ORG", "O"])  # no U-ORG
    moves = fast_ner._Moves(["B-ORG", "I-ORG", "L-ORG", "U-ORG", "U-", "O"])
    assert moves.labels == ["ORG"] and moves.out == 5 and moves.other == [4]

"""The parser's new decoding loop finds exactly the heads, labels and sentences spaCy's
loop finds."""

from __future__ import annotations

import random

import blis.py
import numpy
import pytest
from spacy.pipeline._parser_internals.stateclass import StateClass  # type: ignore[import-not-found]
from spacy.tokens import Doc

from corroborate.claims import fast_ner, fast_parser, nlp
from corroborate.claims.fast_parser import FastDependencyParser

# Invented: paragraphs of several sentences, quotations that run over a sentence end, a
# list, abbreviations and stops inside sentences, a line of white space, a sentence with
# no stop, and very short texts.
TEXTS = [
    "The ferry from Tarnbury left at noon. It carried 40 passengers and two cars.\n\n"
    '"We were not told," said Ines Calder, who runs the harbour cafe. "Nobody called. '
    'Not once."\n\nThe operator, Northern Ferry Co., said the delay was caused by fog.',
    "Residents listed three demands:\n1. A new timetable.\n2. Cheaper fares for pupils.\n"
    "- A second boat in summer\n\n  \n\nThe council meets on Friday at 7 p.m. in the old "
    "school hall, where the vote is expected to pass 5 to 4. after a long debate",
    "Quiet.",
    "",
    "Yes",
    "Mr. Olek Varga, 52, told the board that the pier, which was built in 1911 by a firm "
    "from Dunmoor and repaired twice since, would have to close for at least a year, and "
    "that nobody on the island had been asked what they thought of the plan. He left.",
    "'It is too late,' she said. 'Far too late.' Then she walked out!\nThe rest stayed",
]


def _parse_columns(doc: Doc) -> list[tuple[int, str, bool | None]]:
    return [(t.head.i, t.dep_, t.is_sent_start) for t in doc]


def _before_parser(docs: list[Doc]) -> list[Doc]:
    pipeline = nlp.pipeline()
    before = pipeline.pipe_names[: pipeline.pipe_names.index("parser")]
    with pipeline.select_pipes(enable=before):
        return list(pipeline.pipe(docs))


def _plain(texts: list[str]) -> list[Doc]:
    return _before_parser([nlp.pipeline().make_doc(t) for t in texts])


def _with_preset_starts(texts: list[str]) -> list[Doc]:
    """As the claims stage gives them (a start forced after each paragraph break), and a
    few more: a start on a word after a comma, and words that cannot start a sentence."""
    docs = [nlp._bounded(nlp.pipeline().make_doc(t)) for t in texts]
    for doc in docs:
        if len(doc) > 6:
            starts = doc.to_array(["SENT_START"]).astype("int64")
            commas = [t.i + 1 for t in doc if t.text == "," and t.i + 1 < len(doc)]
            starts[commas[:1]] = 1
            starts[[t.i for t in doc if t.text in ("that", "which")]] = -1
            starts[0] = 1
            doc.from_array(["SENT_START"], starts.view("uint64").reshape(-1, 1))  # type: ignore[arg-type]
    return _before_parser(docs)


@pytest.fixture(scope="module")
def parsers() -> tuple[FastDependencyParser, object]:
    fast = nlp.pipeline().get_pipe("parser")
    assert isinstance(fast, FastDependencyParser)
    return fast, fast.parser


def _both(parsers: tuple[FastDependencyParser, object], docs: list[Doc], batch_size: int) -> None:
    fast, spacy_parser = parsers
    ours = list(fast.pipe([d.copy() for d in docs], batch_size=batch_size))
    theirs = list(spacy_parser.pipe([d.copy() for d in docs], batch_size=batch_size))  # type: ignore[attr-defined]
    assert [_parse_columns(d) for d in ours] == [_parse_columns(d) for d in theirs]
    assert [len(list(d.sents)) for d in ours] == [len(list(d.sents)) for d in theirs]


def test_the_loaded_pipeline_parses_with_the_new_loop() -> None:
    assert isinstance(nlp.pipeline().get_pipe("parser"), FastDependencyParser)
    assert not isinstance(nlp.load_pipeline(fast=False).get_pipe("parser"), FastDependencyParser)


@pytest.mark.parametrize("batch_size", [1, 3, 16])
def test_parses_equal_spacys_loop(
    parsers: tuple[FastDependencyParser, object], batch_size: int
) -> None:
    _both(parsers, _plain(TEXTS), batch_size)


@pytest.mark.parametrize("batch_size", [2, 16])
def test_parses_with_preset_sentence_starts_equal_spacys_loop(
    parsers: tuple[FastDependencyParser, object], batch_size: int
) -> None:
    docs = _with_preset_starts(TEXTS)
    assert any(t.is_sent_start is False for d in docs for t in d)
    _both(parsers, docs, batch_size)


def test_every_move_recomputed_in_spacys_order_gives_the_same_parse(
    parsers: tuple[FastDependencyParser, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A huge rounding bound sends every state through the exact (slow) scores.
    monkeypatch.setattr(fast_ner, "_UNIT", 1.0)
    _both(parsers, _plain(TEXTS[:2]), 8)


def test_a_parsed_doc_is_left_to_spacys_loop(
    parsers: tuple[FastDependencyParser, object],
) -> None:
    fast, _ = parsers
    docs = list(fast.pipe(_plain(TEXTS[:1])))
    again = list(fast.pipe([d.copy() for d in docs]))
    assert [_parse_columns(d) for d in again] == [_parse_columns(d) for d in docs]


def test_a_reattached_child_stays_visible_to_its_old_head_as_in_spacy() -> None:
    # spaCy's state deletes an arc only when it is its head's most recent one.
    doc = nlp.pipeline().make_doc("one two three four five six")
    theirs = StateClass(doc)
    document = fast_parser._Document(doc, 1)
    ours = fast_parser._Lane(document, document.row, document.limit)
    for head, child in [(0, 2), (0, 3), (4, 2), (4, 3), (5, 4)]:
        theirs.add_arc(head, child, 0)
        fast_parser._add_arc(ours, head + 1, child + 1, 0)
        for word in range(len(doc)):
            right = ours.right.get(word + 1)
            left = ours.left.get(word + 1)
            assert theirs.R(word, 1) == (right[-1] - 1 if right else -1)
            assert theirs.L(word, 1) == (left[-1] - 1 if left else -1)
    assert theirs.R(0, 1) == 2  # re-attached to 4, still read as 0's right child


@pytest.mark.parametrize("seed", range(6))
def test_moves_validity_and_features_follow_spacys_state(
    parsers: tuple[FastDependencyParser, object], seed: int
) -> None:
    # Random valid moves, on spaCy's state and on the lane side by side: at every step
    # the same eight feature tokens and the same valid moves.
    fast, spacy_parser = parsers
    moves = spacy_parser.moves  # type: ignore[attr-defined]
    assert fast.moves is not None
    names = [moves.get_class_name(i) for i in range(moves.n_moves)]
    by_kind = {kind: names[fast.moves.kinds.index(kind)] for kind in range(5)}
    bits = {
        fast_parser.SHIFT: 1,
        fast_parser.REDUCE: 2,
        fast_parser.LEFT: 4,
        fast_parser.RIGHT: 4,
        fast_parser.BREAK: 8,
    }
    chance = random.Random(seed)
    doc = _with_preset_starts([TEXTS[seed % 2], TEXTS[5]])[seed // 3]
    theirs = StateClass(doc)
    document = fast_parser._Document(doc, 1)
    ours = fast_parser._Lane(document, document.row, document.limit)
    steps = 0
    while not theirs.is_final():
        ids: list[int] = []
        code, b0, b1 = fast_parser._read(ours, ids)
        b, s = theirs.B, theirs.S
        expected = [b(0), b(1), s(0), s(1), s(2), theirs.L(b(0), 1), theirs.L(s(0), 1)]
        expected.append(theirs.R(s(0), 1))
        assert ids == [t + 1 if t >= 0 else 0 for t in expected]
        valid = [kind for kind in range(5) if moves.is_valid(theirs, by_kind[kind])]
        assert sorted({bits[k] for k in valid}) == [bit for bit in (1, 2, 4, 8) if code & bit]
        kind = chance.choice(valid)
        label = fast.moves.labels[names.index(by_kind[kind])]
        moves.transition(theirs, by_kind[kind])
        fast_parser._apply(ours, kind, label, b0, b1)
        steps += 1
    assert not ours.stack and ours.buffer == ours.limit and steps > len(doc)


def test_likely_sentence_starts_are_a_guess_only() -> None:
    doc = nlp.pipeline().make_doc('He said "no." Then: she left.\nAfter that, nothing.')
    words = [doc[i].text for i in fast_parser._likely_starts(doc)]
    assert words == ["Then", "After"]
    assert numpy.array_equal(fast_parser._likely_starts(doc[:2].as_doc()), [])


def test_exact_scores_are_spacys_arithmetic(
    parsers: tuple[FastDependencyParser, object],
) -> None:
    # spaCy multiplies through BLIS; the decoder's slow path sums in the same order.
    fast, _ = parsers
    (doc,) = _plain(TEXTS[:1])
    weights = numpy.ascontiguousarray(fast.upper.get_param("W"))
    table = fast.lower.predict(fast.tok2vec.predict([doc]))
    hidden = table[1:, 0].max(axis=-1) + table[1:, 3].max(axis=-1)
    classes = numpy.broadcast_to(numpy.arange(len(weights)), (len(hidden), len(weights)))
    expected = blis.py.gemm(hidden, weights, trans2=True) + fast.upper.get_param("b")
    ours = fast_ner.exact_scores(weights, fast.upper.get_param("b"), hidden, classes)
    assert numpy.array_equal(ours, expected)

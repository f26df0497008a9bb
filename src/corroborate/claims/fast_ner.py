"""spaCy's entity recogniser with its decoding loop in numpy: the same entities, faster.

spaCy decodes entities one token at a time in C, checking each of the 74 moves' validity
for every token. In the spaCy build installed here each such check re-acquires the GIL
(the state's buffer accessors are compiled with a GIL round trip), so the loop cost
about 40 microseconds a token: two thirds of the recogniser's time, more than its
network. This module keeps spaCy's network (token vectors, the precomputed feature
layer, the output layer) and replaces only the loop, using what the transition system
allows:

- with no entity open, a state's features are the next token alone, so its scores are
  computed for every token at once, and so is its best valid move;
- an entity cannot run over a sentence start or the end of the text, so every sentence
  is decoded independently, all of them side by side, one token position at a time;
  only the states inside an entity are scored as they go, and only two moves (go on, or
  end here) are valid for them.

The output layer's products are taken with numpy's BLAS, whose rounding differs from
spaCy's: wherever the best valid move's lead is within the bound of that rounding, the
scores are recomputed in spaCy's order (the products summed one by one in float32, as
its reference BLIS kernel does), so the chosen moves are spaCy's. Entities are checked
equal to spaCy's, document by document, in the tests and the speed benchmark.

Anything outside what this reproduces (entities set before the recogniser runs, beam
search, classes marked unseen, moves other than BILUO) is left to spaCy's own loop.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

import numpy
from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span

__all__ = [
    "FAST_NER",
    "FastEntityRecognizer",
    "batched",
    "exact_scores",
    "hidden_layer",
    "rounding_margin",
    "use_fast_entity_decoder",
]

T = TypeVar("T")

FAST_NER = "corroborate_fast_ner"
# float32's unit roundoff: a sum of n products rounded term by term is within
# n * _UNIT * sum(|products|) of the true sum (first order), whatever the order.
_UNIT = 2.0**-24


class _Moves:
    """The classes of spaCy's BILUO moves, by entity label."""

    def __init__(self, names: Sequence[str]) -> None:
        self.n = len(names)
        by_move: dict[str, dict[str, int]] = {"B": {}, "I": {}, "L": {}, "U": {}}
        self.out = -1
        self.other: list[int] = []  # moves never valid here ("U-" with no label)
        for number, name in enumerate(names):
            if name == "O":
                self.out = number
            elif name == "U-":
                self.other.append(number)
            else:
                move, _, label = name.partition("-")
                if move not in by_move or not label or label in by_move[move]:
                    raise ValueError(f"unexpected entity move {name!r}")
                by_move[move][label] = number
        labels = sorted(by_move["B"])
        if self.out < 0 or any(sorted(by_move[m]) != labels for m in "ILU"):
            raise ValueError("the entity moves are not BILUO moves for each label")
        self.labels = labels
        self.begin = numpy.array([by_move["B"][x] for x in labels])
        self.inside = numpy.array([by_move["I"][x] for x in labels])
        self.last = numpy.array([by_move["L"][x] for x in labels])
        self.unit = numpy.array([by_move["U"][x] for x in labels])


class FastEntityRecognizer:
    """Stands in the pipeline for spaCy's ``ner``; see the module's docstring."""

    def __init__(self, ner: EntityRecognizer) -> None:
        self.ner = ner
        model = ner.model
        self.tok2vec, self.lower, self.upper = model.layers[0], model.layers[1], model.layers[-1]
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        self.moves: _Moves | None
        try:
            self.moves = _Moves(names)
        except ValueError:
            self.moves = None
        usable = (
            self.moves is not None
            and model.attrs.get("has_upper")
            and not model.attrs.get("unseen_classes")
            and ner.cfg.get("beam_width", 1) == 1
            and self.lower.get_dim("nF") == 3
            and not getattr(ner, "postprocesses", [])
        )
        self.usable = bool(usable)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.ner.labels)

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in batched(docs, batch_size):
            if not self.usable or any(d.to_array(ENT_IOB).any() for d in batch):
                yield from self.ner.pipe(batch, batch_size=len(batch))
                continue
            for doc, entities in zip(batch, self.predict(batch), strict=True):
                _set_entities(doc, entities)
            yield from batch

    def predict(self, docs: Sequence[Doc]) -> list[list[tuple[int, int, str]]]:
        """Each document's entities: (start token, end token, label)."""
        assert self.moves is not None
        found: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        lengths = numpy.array([len(d) for d in docs], dtype="int64")
        if not lengths.sum():
            return found
        tokvecs = self.tok2vec.predict([d for d in docs])
        # (tokens + 1, features, hidden, pieces); row 0 is the padding of each feature
        table = self.lower.predict(tokvecs)
        decoder = _Decoder(self.moves, table, self.lower.get_param("b"), self.upper, docs)
        starts = numpy.concatenate([[0], numpy.cumsum(lengths)])
        for start, end, label in sorted(decoder.run()):
            number = int(numpy.searchsorted(starts, start, side="right") - 1)
            found[number].append((start - starts[number], end - starts[number], label))
        return found


class _Decoder:
    def __init__(
        self, moves: _Moves, table: Any, bias: Any, upper: Any, docs: Sequence[Doc]
    ) -> None:
        self.moves = moves
        self.table = table
        self.bias = bias
        self.weights = numpy.ascontiguousarray(upper.get_param("W"), dtype="float32")
        self.out_bias = upper.get_param("b")
        self.max_weight = float(numpy.abs(self.weights).max())
        space = numpy.concatenate([d.to_array(IS_SPACE) for d in docs]).astype(bool)
        n = len(space)
        # A move that needs a next token in the same sentence: the next token exists and
        # does not start a sentence (spaCy: buffer length >= 2, B(1).sent_start != 1).
        go_on = numpy.zeros(n, dtype=bool)
        doc_starts = []
        sentence_starts = []
        position = 0
        for doc in docs:
            if len(doc):
                starts = doc.to_array(SENT_START).astype("int64") == 1
                go_on[position : position + len(doc) - 1] = ~starts[1:]
                doc_starts.append(position)
                sentence_starts.append(position + numpy.flatnonzero(starts))
            position += len(doc)
        self.space = space
        self.go_on = go_on
        # Entities never cross a sentence start or a document's end, so each run between
        # them is decoded on its own.
        segment_starts = numpy.unique(numpy.concatenate([doc_starts, *sentence_starts]))
        boundaries = numpy.concatenate([segment_starts, [n]])
        self.segment_starts = segment_starts
        self.segment_lengths = numpy.diff(boundaries)

    def _hidden(self, ids: numpy.ndarray) -> numpy.ndarray:
        return hidden_layer(self.table, self.bias, ids)

    def _exact(self, hidden: numpy.ndarray, classes: numpy.ndarray) -> numpy.ndarray:
        return exact_scores(self.weights, self.out_bias, hidden, classes)

    def _margin(self, hidden: numpy.ndarray) -> numpy.ndarray:
        return rounding_margin(hidden, self.max_weight)

    def _best_closed(self) -> numpy.ndarray:
        """The move each token takes when no entity is open before it."""
        moves = self.moves
        n = len(self.space)
        ids = numpy.zeros((n, 3), dtype="int64")
        ids[:, 0] = numpy.arange(1, n + 1)
        hidden = self._hidden(ids)
        scores = hidden @ self.weights.T + self.out_bias
        valid = numpy.zeros((n, moves.n), dtype=bool)
        valid[:, moves.out] = True
        valid[:, moves.unit] = ~self.space[:, None]
        valid[:, moves.begin] = (~self.space & self.go_on)[:, None]
        masked = numpy.where(valid, scores, -numpy.inf)
        best = masked.argmax(axis=1)
        top = masked[numpy.arange(n), best]
        masked[numpy.arange(n), best] = -numpy.inf
        second = masked.max(axis=1)
        close = numpy.flatnonzero(top - second <= 2 * self._margin(hidden))
        if len(close):
            all_classes = numpy.broadcast_to(numpy.arange(moves.n), (len(close), moves.n))
            exact = self._exact(hidden[close], all_classes)
            best[close] = numpy.where(valid[close], exact, -numpy.inf).argmax(axis=1)
        return numpy.asarray(best)

    def run(self) -> Iterator[tuple[int, int, str]]:
        moves = self.moves
        best_closed = self._best_closed()
        move_kind = numpy.full(moves.n, -1, dtype="int64")  # 0 begin, 1 unit, 2 out
        label_of = numpy.zeros(moves.n, dtype="int64")
        move_kind[moves.begin] = 0
        move_kind[moves.unit] = 1
        move_kind[moves.out] = 2
        label_of[moves.begin] = numpy.arange(len(moves.labels))
        label_of[moves.unit] = numpy.arange(len(moves.labels))
        kind = move_kind[best_closed]
        # Sentences side by side, longest first, so that those still running are a prefix.
        order = numpy.argsort(-self.segment_lengths, kind="stable")
        starts = self.segment_starts[order]
        lengths = self.segment_lengths[order]
        is_open = numpy.zeros(len(starts), dtype=bool)
        entity_start = numpy.zeros(len(starts), dtype="int64")
        entity_label = numpy.zeros(len(starts), dtype="int64")
        for step in range(int(lengths[0]) if len(lengths) else 0):
            running = int(numpy.searchsorted(-lengths, -step, side="left"))
            tokens = starts[:running] + step
            closed = numpy.flatnonzero(~is_open[:running])
            opened = numpy.flatnonzero(is_open[:running])
            if len(opened):
                ended = opened[
                    self._open_step(tokens[opened], entity_start[opened], entity_label[opened])
                ]
                for lane in ended:
                    label = moves.labels[entity_label[lane]]
                    yield int(entity_start[lane]), int(tokens[lane]) + 1, label
                is_open[ended] = False
            chosen = kind[tokens[closed]]
            for token in tokens[closed[chosen == 1]]:
                yield int(token), int(token) + 1, moves.labels[label_of[best_closed[token]]]
            begins = closed[chosen == 0]
            is_open[begins] = True
            entity_start[begins] = tokens[begins]
            entity_label[begins] = label_of[best_closed[tokens[begins]]]

    def _open_step(
        self, tokens: numpy.ndarray, entity_start: numpy.ndarray, labels: numpy.ndarray
    ) -> numpy.ndarray:
        """For states inside an entity: whether the entity ends at this token (spaCy's
        L move) rather than going on (I). Features: this token, the entity's first
        token, the token before this one."""
        moves = self.moves
        ids = numpy.stack([tokens + 1, entity_start + 1, tokens], axis=1)
        hidden = self._hidden(ids)
        classes = numpy.stack([moves.inside[labels], moves.last[labels]], axis=1)
        weights = self.weights[classes]  # (states, 2, hidden)
        scores = numpy.einsum("sh,sch->sc", hidden, weights) + self.out_bias[classes]
        can_go_on = self.go_on[tokens]
        close = numpy.flatnonzero(
            can_go_on & (numpy.abs(scores[:, 0] - scores[:, 1]) <= 2 * self._margin(hidden))
        )
        if len(close):
            scores[close] = self._exact(hidden[close], classes[close])
        # spaCy takes the first best valid move, and I comes before L: I on a tie.
        return numpy.asarray(~can_go_on | (scores[:, 1] > scores[:, 0]))


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter); itertools.batched
    arrives only with Python 3.12."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= max(1, size):
            yield batch
            batch = []
    if batch:
        yield batch


def _set_entities(doc: Doc, entities: list[tuple[int, int, str]]) -> None:
    # As spaCy's recogniser: the spans as entities, every other token outside ("O").
    spans = [Span(doc, start, end, label=label) for start, end, label in entities]
    doc.set_ents(spans, default="outside")


def use_fast_entity_decoder(nlp: Language) -> bool:
    """Puts :class:`FastEntityRecognizer` in place of ``ner``; False if not possible."""
    if "ner" not in nlp.pipe_names:
        return False
    ner = nlp.get_pipe("ner")
    if not isinstance(ner, EntityRecognizer):
        return False
    fast = FastEntityRecognizer(ner)
    if not fast.usable:
        return False
    replace_pipe(nlp, "ner", FAST_NER)
    return True


def replace_pipe(nlp: Language, name: str, factory: str) -> None:
    """Puts a component made by ``factory`` in place of ``name``, under the same name (so
    that ``nlp.pipe(..., disable=[name])`` and the pipe names read as before)."""
    nlp.add_pipe(factory, name=f"{name}_replacement", after=name)
    nlp.remove_pipe(name)
    nlp.rename_pipe(f"{name}_replacement", name)


@Language.factory(FAST_NER)
def _make_fast_ner(nlp: Language, name: str) -> FastEntityRecognizer:
    ner = nlp.get_pipe("ner")
    assert isinstance(ner, EntityRecognizer)
    return FastEntityRecognizer(ner)


# --- shared with the parser's decoder (corroborate.claims.fast_parser) -------------------


def hidden_layer(table: Any, bias: Any, ids: numpy.ndarray) -> numpy.ndarray:
    """The hidden layer for states with feature token ids (rows of ``table``, the
    precomputed features, shape (tokens + 1, features, hidden, pieces); row 0 is the
    padding), summed as spaCy does: features in order, then the bias, then maxout."""
    summed = table[ids[:, 0], 0]  # a copy (fancy indexing), added to in place
    for feature in range(1, ids.shape[1]):
        summed += table[ids[:, feature], feature]
    summed += bias
    # maxout; two pieces in spaCy's small models (a reduction over so short an axis
    # is slow in numpy)
    if summed.shape[-1] == 2:
        return numpy.asarray(numpy.maximum(summed[..., 0], summed[..., 1]))
    return numpy.asarray(summed.max(axis=-1))


def exact_scores(
    weights: numpy.ndarray, bias: Any, hidden: numpy.ndarray, classes: numpy.ndarray
) -> numpy.ndarray:
    """Scores of ``classes`` (one row of classes per state) in spaCy's order: the
    products of each hidden unit summed one by one in float32, then the bias."""
    products = hidden[:, None, :] * weights[classes]  # (states, classes, hidden)
    # accumulate adds strictly left to right (a reduction would add pairwise)
    total = numpy.add.accumulate(products, axis=2)[..., -1]
    return numpy.asarray(total + bias[classes])


def rounding_margin(hidden: numpy.ndarray, max_weight: float) -> numpy.ndarray:
    """How far numpy's product of ``hidden`` with the output weights may be from
    spaCy's, per state (two scores closer than twice this may swap)."""
    bound = numpy.abs(hidden).sum(axis=1) * max_weight
    return numpy.asarray(4 * hidden.shape[1] * _UNIT * bound + 1e-6)

"""spaCy's dependency parser with its greedy decoding loop in Python and numpy: the same
arcs, labels and sentences, faster.

spaCy decodes a parse one transition at a time in C, for every state of a batch: it reads
the state's eight feature tokens, sums their precomputed vectors, scores the moves and
takes the best valid one. In the spaCy build installed here the loop costs far more than
its arithmetic (each read of the state goes through a GIL round trip): on PolNeAR dev the
parser spent about four fifths of its time in it and one fifth in its network. This
module keeps spaCy's network (token vectors, the precomputed feature layer, the output
layer) and replaces only the loop:

- the arc-eager state (stack, buffer, arcs, sentence starts) is kept in Python lists,
  with spaCy's semantics, quirks included: ``L``/``R`` read a head's most recently added
  left or right child, and a child re-attached by a left arc stays among its old head's
  right children unless it was the last one (spaCy's arc deletion only pops the last);
- the scores of all unfinished states of a batch of documents are computed together in
  numpy, one transition per state per step;
- a sentence start set before the parser runs empties the stack, after which the parse
  goes on as if the text began there: each run between such starts is decoded as a state
  of its own, side by side with the others (so a batch takes as many steps as its longest
  run needs, not its longest document).

The output layer's products are taken with numpy's BLAS, whose rounding differs from
spaCy's: wherever the best valid move's lead is within the bound of that rounding, the
scores are recomputed in spaCy's order (shared with :mod:`corroborate.claims.fast_ner`).
The arcs found are written by spaCy's own code (its state's ``add_arc`` in the order the
moves made them, then the parser's ``set_annotations``: labels of roots, sentence starts
from the tree, deprojectivisation), so the Doc is written as spaCy writes it.

Anything outside what this reproduces (beam search, classes marked unseen, the ``subtok``
label, arcs set before the parser runs, feature sets other than spaCy's eight) is left to
spaCy's own loop.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.pipeline import DependencyParser
from spacy.pipeline._parser_internals.stateclass import StateClass
from spacy.tokens import Doc
from threadpoolctl import ThreadpoolController

from corroborate.claims.fast_ner import batched, exact_scores, hidden_layer, rounding_margin

__all__ = ["FAST_PARSER", "FastDependencyParser", "use_fast_parser"]

FAST_PARSER = "corroborate_fast_parser"

# The moves' kinds, and the bit of a state's validity code that allows each (left and
# right arcs are valid in the same states).
SHIFT, REDUCE, LEFT, RIGHT, BREAK = range(5)
_KINDS = {"S": SHIFT, "D": REDUCE, "L": LEFT, "R": RIGHT, "B": BREAK}
_BIT = {SHIFT: 1, REDUCE: 2, LEFT: 4, RIGHT: 4, BREAK: 8}


class _Moves:
    """The parser's classes: each one's kind, label and validity bit."""

    def __init__(self, parser: DependencyParser) -> None:
        moves = parser.moves
        strings = parser.vocab.strings
        self.kinds: list[int] = []
        self.labels: list[int] = []
        for number in range(moves.n_moves):
            name = moves.get_class_name(number)
            kind, _, label = name.partition("-")
            if kind not in _KINDS or label == "subtok":
                raise ValueError(f"unexpected parser move {name!r}")
            self.kinds.append(_KINDS[kind])
            self.labels.append(strings[label] if label else 0)
        bits = numpy.array([_BIT[k] for k in self.kinds])
        # Which classes each validity code (a sum of bits) allows.
        self.allowed = (numpy.arange(16)[:, None] & bits[None, :]) != 0


class FastDependencyParser:
    """Stands in the pipeline for spaCy's ``parser``; see the module's docstring."""

    def __init__(self, parser: DependencyParser) -> None:
        self.parser = parser
        model = parser.model
        self.tok2vec, self.lower, self.upper = model.layers[0], model.layers[1], model.layers[-1]
        self.moves: _Moves | None
        try:
            self.moves = _Moves(parser)
        except ValueError:
            self.moves = None
        usable = (
            self.moves is not None
            and type(parser.moves).__name__ == "ArcEager"
            and model.attrs.get("has_upper")
            and not model.attrs.get("unseen_classes")
            and parser.cfg.get("beam_width", 1) == 1
            and not parser.cfg.get("learn_tokens")
            and self.lower.get_dim("nF") == 8
        )
        self.usable = bool(usable)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.parser.labels)

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        for batch in batched(docs, batch_size):
            if not self.usable or any(d.has_annotation("DEP") for d in batch):
                yield from self.parser.pipe(batch, batch_size=batch_size)
                continue
            self.annotate(batch, self.predict(batch, batch_size))
            yield from batch

    def predict(self, docs: Sequence[Doc], batch_size: int = 256) -> list[list[tuple[int, int, int]]]:
        """Each document's arcs (head, child, label), in the order spaCy's moves add them."""
        assert self.moves is not None
        found: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        if not any(len(d) for d in docs):
            return found
        # The network's inputs batched as spaCy's parser batches them (by length, in
        # groups of a quarter of the batch), so that its products are the same numbers.
        order = sorted(range(len(docs)), key=lambda i: len(docs[i]))
        group = max(batch_size // 4, 2)
        tables = []
        rows = {}
        row = 1  # row 0 of the table is each feature's padding
        for start in range(0, len(order), group):
            numbers = order[start : start + group]
            if not any(len(docs[i]) for i in numbers):
                continue
            tokvecs = self.tok2vec.predict([docs[i] for i in numbers])
            table = self.lower.predict(tokvecs)
            tables.append(table if not tables else table[1:])
            for i in numbers:
                rows[i] = row
                row += len(docs[i])
        table = tables[0] if len(tables) == 1 else numpy.concatenate(tables)
        lanes = {i: _Document(doc, rows[i]).lanes() for i, doc in enumerate(docs) if len(doc)}
        decoder = _Decoder(self.moves, table, self.lower.get_param("b"), self.upper)
        decoder.run([lane for runs in lanes.values() for lane in runs])
        for i, runs in lanes.items():
            found[i] = [arc for lane in runs for arc in lane.arcs]
        return found

    def annotate(self, docs: Sequence[Doc], arcs: Sequence[list[tuple[int, int, int]]]) -> None:
        """Writes the arcs as spaCy's parser writes its final states."""
        states = []
        for doc, doc_arcs in zip(docs, arcs, strict=True):
            state = StateClass(doc)
            add_arc = state.add_arc
            for head, child, label in doc_arcs:
                add_arc(head, child, label)
            states.append(state)
        self.parser.set_annotations(list(docs), states)


class _Document:
    """A document's preset sentence starts, cut into lanes, and its arcs once decoded."""

    def __init__(self, doc: Doc, row: int) -> None:
        preset = doc.to_array(SENT_START).astype("int64")
        self.length = len(doc)
        self.row = row  # the table's row of the document's first token
        self.starts = frozenset(numpy.flatnonzero(preset == 1).tolist())
        self.cannot_start = frozenset(numpy.flatnonzero(preset == -1).tolist())

    def lanes(self) -> list[_Lane]:
        """One lane per run between sentence starts set before the parser: such a start
        empties the stack, and the parse goes on from it as if the text began there."""
        bounds = sorted({0, *self.starts, self.length})
        lanes = [_Lane(self, start, end) for start, end in zip(bounds, bounds[1:])]
        for lane, after in zip(lanes, lanes[1:]):
            lane.after = after
        return lanes


class _Lane:
    """The arc-eager state of one run of a document, in the document's positions.

    Runs share nothing but one thing: while the stack empties before the run's end, a
    break move can mark the token after that end as a sentence start, which changes the
    next run from its first move. The next run assumes no such mark and is decoded again
    from its start when its predecessor finishes having made one (or the reverse)."""

    __slots__ = (
        "after",
        "arcs",
        "buffer",
        "cannot_start",
        "document",
        "end",
        "heads",
        "left",
        "length",
        "marked",
        "rebuffer",
        "right",
        "row",
        "running",
        "stack",
        "start",
        "starts",
        "unshiftable",
    )

    def __init__(self, document: _Document, start: int, end: int) -> None:
        self.start = start
        self.end = end
        self.length = document.length
        self.row = document.row
        self.cannot_start = document.cannot_start
        self.document = document
        self.after: _Lane | None = None
        self.reset(marked=False)

    def reset(self, marked: bool) -> None:
        """The state at the run's start; ``marked``: whether the token after its first
        one was made a sentence start before it."""
        self.stack: list[int] = []
        self.rebuffer: list[int] = []
        self.buffer = self.start  # the next token not yet read (spaCy's _b_i)
        self.heads: dict[int, int] = {}
        self.left: dict[int, list[int]] = {}
        self.right: dict[int, list[int]] = {}
        self.unshiftable: set[int] = set()
        # sentence starts that the run's moves read: its ends, if preset, and breaks
        self.starts = {i for i in (self.start, self.end) if i in self.document.starts}
        self.marked = marked
        if marked:
            self.starts.add(self.start + 1)
        self.arcs: list[tuple[int, int, int]] = []
        self.running = not self.finished()

    def finished(self) -> bool:
        # At the run's end with nothing left on the stack: the next run goes on from here
        # exactly as a state that began there (the end is a preset sentence start).
        return not self.stack and not self.rebuffer and self.buffer >= self.end


class _Decoder:
    def __init__(self, moves: _Moves, table: Any, bias: Any, upper: Any) -> None:
        self.moves = moves
        self.table = table
        self.bias = bias
        self.weights = numpy.ascontiguousarray(upper.get_param("W"), dtype="float32")
        self.out_bias = upper.get_param("b")
        self.max_weight = float(numpy.abs(self.weights).max())

    def run(self, lanes: list[_Lane]) -> None:
        """Takes every lane to its end, one move per lane per step."""
        active = [lane for lane in lanes if lane.running]
        kinds, labels = self.moves.kinds, self.moves.labels
        with _one_blas_thread():
            while active:
                ids: list[int] = []
                codes: list[int] = []
                context = []
                for lane in active:
                    features, code, b0, b1 = _read(lane)
                    ids.extend(features)
                    codes.append(code)
                    context.append((b0, b1))
                best = self._best(numpy.array(ids).reshape(-1, 8), numpy.array(codes))
                for lane, move, (b0, b1) in zip(active, best, context, strict=True):
                    _apply(lane, kinds[move], labels[move], b0, b1)
                going = []
                for lane in active:
                    if not lane.finished():
                        going.append(lane)
                        continue
                    lane.running = False
                    after = lane.after
                    if after is not None and (lane.end + 1 in lane.starts) != after.marked:
                        was_running = after.running
                        after.reset(marked=not after.marked)
                        if not was_running:
                            going.append(after)
                active = going

    def _best(self, ids: numpy.ndarray, codes: numpy.ndarray) -> list[int]:
        """The best valid move of each state, as spaCy's arithmetic picks it."""
        hidden = hidden_layer(self.table, self.bias, ids)
        scores = hidden @ self.weights.T + self.out_bias
        valid = self.moves.allowed[codes]
        if not valid.any(axis=1).all():
            raise RuntimeError("a parser state with no valid move")
        masked = numpy.where(valid, scores, -numpy.inf)
        best = masked.argmax(axis=1)
        states = numpy.arange(len(best))
        top = masked[states, best]
        masked[states, best] = -numpy.inf
        second = masked.max(axis=1)
        close = numpy.flatnonzero(top - second <= 2 * rounding_margin(hidden, self.max_weight))
        if len(close):
            every = numpy.broadcast_to(numpy.arange(scores.shape[1]), (len(close), scores.shape[1]))
            exact = exact_scores(self.weights, self.out_bias, hidden[close], every)
            best[close] = numpy.where(valid[close], exact, -numpy.inf).argmax(axis=1)
        result: list[int] = best.tolist()
        return result


_BLAS = ThreadpoolController()


def _one_blas_thread() -> Any:
    """The decoding loop's products are small: a second BLAS thread only adds waiting
    (on two loaded cores a batch took twice as long with two)."""
    return _BLAS.limit(limits=1, user_api="blas")


def _read(lane: _Lane) -> tuple[tuple[int, ...], int, int, int]:
    """The state's feature rows (B0, B1, S0, S1, S2, L(B0), L(S0), R(S0); 0 for none),
    the validity code of its moves, and B0 and B1."""
    stack, rebuffer, buffer, length = lane.stack, lane.rebuffer, lane.buffer, lane.length
    if rebuffer:
        b0 = rebuffer[-1]
        b1 = rebuffer[-2] if len(rebuffer) > 1 else (buffer if buffer < length else -1)
    else:
        b0 = buffer if buffer < length else -1
        b1 = buffer + 1 if buffer + 1 < length else -1
    depth = len(stack)
    s0 = stack[-1] if depth else -1
    s1 = stack[-2] if depth > 1 else -1
    s2 = stack[-3] if depth > 2 else -1
    left, right = lane.left, lane.right
    kids = left.get(b0)
    lb0 = kids[-1] if kids else -1
    kids = left.get(s0)
    ls0 = kids[-1] if kids else -1
    kids = right.get(s0)
    rs0 = kids[-1] if kids else -1
    row = lane.row
    features = tuple(
        t + row if t >= 0 else 0 for t in (b0, b1, s0, s1, s2, lb0, ls0, rs0)
    )
    # Validity, as spaCy's arc-eager moves define it.
    buffered = length - buffer + len(rebuffer)
    starts = lane.starts
    if not depth:
        code = 1  # shift
    else:
        b0_starts = b0 in starts
        code = 0
        if buffered >= 2 and not b0_starts and b0 not in lane.unshiftable:
            code |= 1
        if not buffered:
            code |= 2
        else:
            if not (depth == 1 and b0 in lane.cannot_start):
                code |= 2
            if not b0_starts:
                code |= 4
    if buffered >= 2 and b1 == b0 + 1 and b1 not in starts and b1 not in lane.cannot_start:
        code |= 8
    return features, code, b0, b1


def _apply(lane: _Lane, kind: int, label: int, b0: int, b1: int) -> None:
    stack = lane.stack
    if kind == SHIFT:
        _push(lane)
    elif kind == REDUCE:
        s0 = stack.pop()
        if lane.heads.get(s0, -1) < 0 and stack:
            # no head yet: back to the buffer, not to be shifted again until the stack
            # changes under it
            lane.unshiftable.add(s0)
            lane.rebuffer.append(s0)
    elif kind == LEFT:
        _add_arc(lane, b0, stack[-1], label)
        lane.unshiftable.discard(b0)
        stack.pop()
    elif kind == RIGHT:
        _add_arc(lane, stack[-1], b0, label)
        _push(lane)
    else:
        lane.starts.add(b1)


def _push(lane: _Lane) -> None:
    if lane.rebuffer:
        lane.stack.append(lane.rebuffer.pop())
    else:
        lane.stack.append(lane.buffer)
        lane.buffer += 1


def _add_arc(lane: _Lane, head: int, child: int, label: int) -> None:
    old = lane.heads.get(child, -1)
    if old >= 0:
        # spaCy removes the old arc only when it is its head's most recent one; an
        # older one stays where it is, still read as a child of that head.
        kids = (lane.left if old > child else lane.right).get(old)
        if kids and kids[-1] == child:
            kids.pop()
    (lane.left if head > child else lane.right).setdefault(head, []).append(child)
    lane.heads[child] = head
    lane.arcs.append((head, child, label))


def use_fast_parser(nlp: Language) -> bool:
    """Puts :class:`FastDependencyParser` in place of ``parser``; False if not possible."""
    if "parser" not in nlp.pipe_names:
        return False
    parser = nlp.get_pipe("parser")
    if not isinstance(parser, DependencyParser) or not FastDependencyParser(parser).usable:
        return False
    nlp.add_pipe(FAST_PARSER, name="fast_parser", after="parser")
    nlp.remove_pipe("parser")
    nlp.rename_pipe("fast_parser", "parser")
    return True


@Language.factory(FAST_PARSER)
def _make_fast_parser(nlp: Language, name: str) -> FastDependencyParser:
    parser = nlp.get_pipe("parser")
    assert isinstance(parser, DependencyParser)
    return FastDependencyParser(parser)


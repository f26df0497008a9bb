"""spaCy's dependency parser with its greedy decoding loop in Python and numpy: the same
arcs, labels and sentences, faster.

spaCy decodes a parse one transition at a time in C, for every state of a batch: it reads
the state's eight feature tokens, sums their precomputed vectors, scores the moves and
takes the best valid one. In the spaCy build installed here the loop costs far more than
its arithmetic (each read of the state goes through a GIL round trip): on PolNeAR dev the
parser spent about three quarters of its time in it and a quarter in its network. This
module keeps spaCy's network (token vectors, the precomputed feature layer, the output
layer) and replaces only the loop:

- the arc-eager state (stack, buffer, arcs, sentence starts) is kept in Python lists,
  with spaCy's semantics, quirks included: ``L``/``R`` read a head's most recently added
  left or right child, and a child re-attached by a left arc stays among its old head's
  right children unless it was the last one (spaCy's arc deletion only pops the last);
- the scores of all unfinished states of a batch of documents are computed together in
  numpy, one transition per state per step;
- each document is cut where the stack probably empties (sentence starts set before the
  parser runs, and likely sentence starts) and the pieces are decoded side by side from
  an empty stack, each checked when the state before it arrives (see :class:`_Lane`):
  a batch takes as many steps as its longest sentence needs, not its longest document.

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
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import DependencyParser
from spacy.pipeline._parser_internals.stateclass import StateClass  # type: ignore[import-not-found]
from spacy.tokens import Doc
from threadpoolctl import ThreadpoolController

from corroborate.claims.fast_ner import batched, exact_scores, replace_pipe, rounding_margin

__all__ = ["FAST_PARSER", "FastDependencyParser", "use_fast_parser"]

FAST_PARSER = "corroborate_fast_parser"

# The moves' kinds, and the bit of a state's validity code that allows each (left and
# right arcs are valid in the same states).
SHIFT, REDUCE, LEFT, RIGHT, BREAK = range(5)
_KINDS = {"S": SHIFT, "D": REDUCE, "L": LEFT, "R": RIGHT, "B": BREAK}
_BIT = {SHIFT: 1, REDUCE: 2, LEFT: 4, RIGHT: 4, BREAK: 8}


class _NoValidMove(Exception):
    """A state with no valid move (which arc-eager's rules should not allow)."""


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
        # What each validity code (a sum of bits) adds to the classes' scores: 0 where
        # allowed, minus infinity where not.
        allowed = (numpy.arange(16)[:, None] & bits[None, :]) != 0
        self.penalty = numpy.where(allowed, 0, -numpy.inf).astype("float32")


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
        self._memory: Any = None

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
            try:
                arcs = self.predict(batch, batch_size)
            except _NoValidMove:  # spaCy ends such a state where it is: left to it
                yield from self.parser.pipe(batch, batch_size=batch_size)
                continue
            self.annotate(batch, arcs)
            yield from batch

    def predict(
        self, docs: Sequence[Doc], batch_size: int = 256
    ) -> list[list[tuple[int, int, int]]]:
        """Each document's arcs (head, child, label), in the order spaCy's moves add them."""
        assert self.moves is not None
        found: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        if not any(len(d) for d in docs):
            return found
        # The network's inputs batched as spaCy's parser batches them (by length, in
        # groups of a quarter of the batch), so that its products are the same numbers.
        order = sorted(range(len(docs)), key=lambda i: len(docs[i]))
        group = max(batch_size // 4, 2)
        tables: list[Any] = []
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
        table = tables[0] if len(tables) == 1 else self._joined(tables)
        lanes = {i: _Document(doc, rows[i]).lanes() for i, doc in enumerate(docs) if len(doc)}
        decoder = _Decoder(self.moves, table, self.lower.get_param("b"), self.upper)
        decoder.run([lane for pieces in lanes.values() for lane in pieces])
        for i, pieces in lanes.items():
            lane: _Lane | None = pieces[0]
            while lane is not None:  # the lanes not dropped, in order
                # the doc's own positions (rows count from the table's padding row)
                found[i].extend((h - rows[i], c - rows[i], label) for h, c, label in lane.arcs)
                lane = lane.after
        return found

    def _joined(self, tables: list[Any]) -> Any:
        """The tables one after another, in memory kept from batch to batch (fresh
        memory of tens of megabytes is zeroed by the kernel page by page)."""
        rows = sum(len(t) for t in tables)
        if (
            self._memory is None
            or len(self._memory) < rows
            or self._memory.shape[1:] != tables[0].shape[1:]
        ):
            self._memory = numpy.empty(
                (rows + rows // 4, *tables[0].shape[1:]), dtype=tables[0].dtype
            )
        return numpy.concatenate(tables, out=self._memory[:rows])

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
    """A document's tokens as rows of the feature table, its preset sentence starts, and
    where its text is cut into lanes."""

    def __init__(self, doc: Doc, row: int) -> None:
        preset = doc.to_array(SENT_START).astype("int64")
        self.row = row  # the table's row of the document's first token
        self.limit = row + len(doc)
        self.starts = frozenset((row + numpy.flatnonzero(preset == 1)).tolist())
        self.cannot_start = frozenset((row + numpy.flatnonzero(preset == -1)).tolist())
        self.cuts = sorted({row, self.limit, *self.starts, *(row + _likely_starts(doc)).tolist()})

    def lanes(self) -> list[_Lane]:
        lanes = [_Lane(self, start, end) for start, end in pairwise(self.cuts)]
        for lane, after in pairwise(lanes):
            lane.after = after
        return lanes


_SENTENCE_ENDS = (".", "!", "?")
_CLOSING = ('"', "'", ")", "]", "’", "”")


def _likely_starts(doc: Doc) -> numpy.ndarray:
    """Tokens that probably begin a sentence (after a stop, or after a line break).
    Only a guess of where lanes may be cut: a wrong one costs time, not exactness."""
    if len(doc) < 3:
        return numpy.zeros(0, dtype="int64")
    strings = doc.vocab.strings
    words, spaces = doc.to_array([ORTH, IS_SPACE]).T
    spaces = spaces.astype(bool)
    ends = numpy.isin(words, [strings[w] for w in _SENTENCE_ENDS])
    closing = numpy.isin(words, [strings[w] for w in _CLOSING])
    breaks = numpy.zeros(len(doc), dtype=bool)
    for i in numpy.flatnonzero(spaces).tolist():
        breaks[i] = "\n" in strings[int(words[i])]
    # after a stop (or a stop and a closing mark, itself not a start), or a line break
    after = (ends[1:-1] & ~closing[2:]) | (closing[1:-1] & ends[:-2]) | breaks[1:-1]
    return numpy.flatnonzero(after & ~spaces[2:]) + 2


class _Lane:
    """The arc-eager state of one piece of a document (positions are table rows; 0 is
    "none").

    A document's text is cut where the stack probably empties (preset sentence starts, and
    likely sentence starts), and each piece is decoded from an empty stack, side by side
    with the others. A piece's parse is the document's own from where the state before it
    reaches the piece's first token with nothing on its stack or pushed back on its
    buffer, and no left arc on that token: the state is then the same as the piece's
    first one but for the sentence starts that earlier break moves marked. Of these the
    piece reads only one, the token after its first (marked by a break taken while the
    stack empties, the piece's first token next); its first token is never read again
    once shifted, and it is shifted from an empty stack, where only a break's validity
    reads starts (the token after it). A piece assumes that token unmarked (the usual
    case) and is decoded again from its start when the state before it arrives
    otherwise. When that state goes on past the piece's first token, the piece is
    dropped and the state before it decodes its text as well. A piece is checked only
    once the piece before it has been checked and has finished."""

    __slots__ = (
        "after",
        "arcs",
        "buffer",
        "cannot_start",
        "confirmed",
        "dropped",
        "end",
        "heads",
        "left",
        "limit",
        "next_marked",
        "preset",
        "rebuffer",
        "right",
        "running",
        "stack",
        "start",
        "starts",
        "unshiftable",
    )

    def __init__(self, document: _Document, start: int, end: int) -> None:
        self.start = start
        self.end = end
        self.limit = document.limit
        self.preset = document.starts
        self.cannot_start = document.cannot_start
        self.after: _Lane | None = None
        self.dropped = False
        # whether the state before the piece is known to arrive at its start as assumed
        # (then the piece is decoded from the right start)
        self.confirmed = start == document.row
        self.reset(next_marked=False)

    def reset(self, next_marked: bool) -> None:
        """The state at the piece's start, the token after its first marked or not."""
        self.stack: list[int] = []
        self.rebuffer: list[int] = []
        self.buffer = self.start  # the next token not yet read (spaCy's _b_i)
        self.heads: dict[int, int] = {}
        self.left: dict[int, list[int]] = {}
        self.right: dict[int, list[int]] = {}
        self.unshiftable: set[int] = set()
        self.starts = set(self.preset)  # sentence starts: preset, and marked by breaks
        self.next_marked = next_marked
        if next_marked:
            self.starts.add(self.start + 1)
        self.arcs: list[tuple[int, int, int]] = []
        self.running = True


class _Decoder:
    def __init__(self, moves: _Moves, table: Any, bias: Any, upper: Any) -> None:
        self.moves = moves
        shape = table.shape
        # one row per (token, feature): a state's eight rows are taken in one go
        self.table = table.reshape(shape[0] * shape[1], shape[2] * shape[3])
        self.features = shape[1]
        self.pieces = shape[3]
        self.bias = bias.reshape(-1)
        self.weights = numpy.ascontiguousarray(upper.get_param("W"), dtype="float32")
        self.out_bias = upper.get_param("b")
        self.max_weight = float(numpy.abs(self.weights).max())
        self.offsets = numpy.arange(shape[1])

    def run(self, lanes: list[_Lane]) -> None:
        """Takes every lane to its end, one move per lane per step."""
        active = [lane for lane in lanes if lane.running]
        kinds, labels = self.moves.kinds, self.moves.labels
        with _one_blas_thread():
            while active:
                ids: list[int] = []
                codes: list[int] = []
                context: list[tuple[int, int]] = []
                for lane in active:
                    code, b0, b1 = _read(lane, ids)
                    codes.append(code)
                    context.append((b0, b1))
                if 0 in codes:
                    raise _NoValidMove
                best = self._best(numpy.array(ids).reshape(-1, 8), numpy.array(codes))
                for lane, move, (b0, b1) in zip(active, best, context, strict=True):
                    _apply(lane, kinds[move], labels[move], b0, b1)
                going: list[_Lane] = []
                for lane in active:
                    if lane.buffer < lane.end:  # short of its piece's end: goes on
                        going.append(lane)
                    elif not lane.dropped:
                        _settle(lane, going)
                active = [lane for lane in going if not lane.dropped]

    def _best(self, ids: numpy.ndarray, codes: numpy.ndarray) -> list[int]:
        """The best valid move of each state, as spaCy's arithmetic picks it."""
        # spaCy's sum of the features, in order, then the bias (numpy reduces the middle
        # axis of a C-ordered array one slice after another, in order)
        summed = numpy.add.reduce(self.table[ids * self.features + self.offsets], axis=1)
        summed += self.bias
        if self.pieces == 2:  # maxout
            hidden = numpy.maximum(summed[:, 0::2], summed[:, 1::2])
        else:
            hidden = summed.reshape(len(ids), -1, self.pieces).max(axis=-1)
        scores = hidden @ self.weights.T
        scores += self.out_bias
        scores += self.moves.penalty[codes]
        best = scores.argmax(axis=1)
        top = scores[numpy.arange(len(best)), best]
        near = top - 2 * rounding_margin(hidden, self.max_weight)
        close = numpy.flatnonzero((scores >= near[:, None]).sum(axis=1) > 1)
        if len(close):
            every = numpy.broadcast_to(numpy.arange(scores.shape[1]), (len(close), scores.shape[1]))
            exact = exact_scores(self.weights, self.out_bias, hidden[close], every)
            exact += self.moves.penalty[codes[close]]
            best[close] = exact.argmax(axis=1)
        result: list[int] = best.tolist()
        return result


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def _one_blas_thread() -> Any:
    """The decoding loop's products are small: a second BLAS thread only adds waiting
    (a step's product took 2 ms with two threads on two loaded cores, 50 microseconds
    with one)."""
    return _blas().limit(limits=1, user_api="blas")


def _read(lane: _Lane, ids: list[int]) -> tuple[int, int, int]:
    """Adds the state's feature rows to ``ids`` (B0, B1, S0, S1, S2, L(B0), L(S0), R(S0);
    0 for none); returns the validity code of its moves, B0 and B1."""
    stack, rebuffer, buffer, limit = lane.stack, lane.rebuffer, lane.buffer, lane.limit
    if rebuffer:
        b0 = rebuffer[-1]
        b1 = rebuffer[-2] if len(rebuffer) > 1 else (buffer if buffer < limit else 0)
    elif buffer < limit:
        b0 = buffer
        b1 = buffer + 1 if buffer + 1 < limit else 0
    else:
        b0 = b1 = 0
    depth = len(stack)
    if depth:
        s0 = stack[-1]
        s1 = stack[-2] if depth > 1 else 0
        s2 = stack[-3] if depth > 2 else 0
    else:
        s0 = s1 = s2 = 0
    kids = lane.left.get(b0)
    lb0 = kids[-1] if kids else 0
    kids = lane.left.get(s0)
    ls0 = kids[-1] if kids else 0
    kids = lane.right.get(s0)
    rs0 = kids[-1] if kids else 0
    ids += (b0, b1, s0, s1, s2, lb0, ls0, rs0)
    # Validity, as spaCy's arc-eager moves define it.
    buffered = limit - buffer + len(rebuffer)
    starts = lane.starts
    if not depth:
        code = 1  # shift
    else:
        b0_starts = b0 in starts
        code = 0
        if buffered >= 2 and not b0_starts and b0 not in lane.unshiftable:
            code = 1
        if not buffered:
            code |= 2
        else:
            if depth > 1 or b0 not in lane.cannot_start:
                code |= 2
            if not b0_starts:
                code |= 4
    if buffered >= 2 and b1 == b0 + 1 and b1 not in starts and b1 not in lane.cannot_start:
        code |= 8
    return code, b0, b1


def _apply(lane: _Lane, kind: int, label: int, b0: int, b1: int) -> None:
    stack = lane.stack
    if kind in (SHIFT, RIGHT):
        if kind == RIGHT:
            _add_arc(lane, stack[-1], b0, label)
        if lane.rebuffer:
            stack.append(lane.rebuffer.pop())
        else:
            stack.append(lane.buffer)
            lane.buffer += 1
    elif kind == REDUCE:
        s0 = stack.pop()
        if stack and s0 not in lane.heads:
            # no head yet: back to the buffer, not to be shifted again until the stack
            # changes under it
            lane.unshiftable.add(s0)
            lane.rebuffer.append(s0)
    elif kind == LEFT:
        _add_arc(lane, b0, stack[-1], label)
        lane.unshiftable.discard(b0)
        stack.pop()
    else:
        lane.starts.add(b1)


def _add_arc(lane: _Lane, head: int, child: int, label: int) -> None:
    old = lane.heads.get(child)
    if old is not None:
        # spaCy removes the old arc only when it is its head's most recent one; an
        # older one stays where it is, still read as a child of that head.
        kids = (lane.left if old > child else lane.right).get(old)
        if kids and kids[-1] == child:
            kids.pop()
    (lane.left if head > child else lane.right).setdefault(head, []).append(child)
    lane.heads[child] = head
    lane.arcs.append((head, child, label))


def _settle(lane: _Lane, going: list[_Lane]) -> None:
    """After a move: the lane goes on, takes over the next piece (its state went past the
    piece's start), or hands over to it (and has the next piece decoded again if the
    mark it assumed is not the one found)."""
    end = lane.end
    while lane.after is not None and (lane.buffer > end or end in lane.left):
        after = lane.after
        after.dropped = True
        lane.end = end = after.end
        lane.after = after.after
    if lane.stack or lane.rebuffer or lane.buffer < end:
        going.append(lane)
        return
    lane.running = False
    _hand_over(lane, going)


def _hand_over(lane: _Lane, going: list[_Lane]) -> None:
    """Once a lane's own start is confirmed and it is finished, the next piece's start is
    confirmed (and that piece's own hand-over follows, if it is finished too), or the
    next piece is decoded again with the marks found. Waiting for the confirmation keeps
    a lane decoded from a wrong start from having its successor decoded again for
    nothing."""
    while lane.confirmed and not lane.running and lane.after is not None:
        successor = lane.after
        successor.confirmed = True
        found = lane.end + 1 in lane.starts
        if found != successor.next_marked:
            running = successor.running
            successor.reset(found)
            if not running:
                going.append(successor)
            return
        lane = successor


def use_fast_parser(nlp: Language) -> bool:
    """Puts :class:`FastDependencyParser` in place of ``parser``; False if not possible."""
    if "parser" not in nlp.pipe_names:
        return False
    parser = nlp.get_pipe("parser")
    if not isinstance(parser, DependencyParser) or not FastDependencyParser(parser).usable:
        return False
    replace_pipe(nlp, "parser", FAST_PARSER)
    return True


@Language.factory(FAST_PARSER)
def _make_fast_parser(nlp: Language, name: str) -> FastDependencyParser:
    parser = nlp.get_pipe("parser")
    assert isinstance(parser, DependencyParser)
    return FastDependencyParser(parser)

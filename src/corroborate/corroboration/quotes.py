"""Quote variants: one speaker's words as different outlets print them.

A quotation is a direct quote's words, or a quoted passage inside a paraphrase ("'We
are seeing evidence' of troops there, he said"): outlets that quote the same remark
often wrap different paraphrases around it. Two quotations of one speaker are one
remark when at least half of the shorter one's words run in the other in order. Each
wording is compared with the group's first one and classed: ``identical``;
``punctuation`` (only marks, case or contractions differ: "won't" for "will not");
``truncated`` (a run of the base's words, or the base a run of its words); or
``words_changed``, with a word-level diff a reader can check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from corroborate.claims.quotes import find_quotes
from corroborate.records import Span

__all__ = [
    "Quotation",
    "VariantKind",
    "compare_quotes",
    "quotations_in",
    "quote_words",
    "same_remark",
    "word_diff",
]

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
# Marks and stops trimmed off a quoted passage's ends: 'said "the plan is reckless."'
_TRIM = " \t\n\"'“”‘’„«».,;:!?—–-…"
_MARKS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quoted passage of one claim: where it is in the article, and its words."""

    claim: str
    start: int
    end: int
    text: str


def quotations_in(claim: str, text: str, pieces: Sequence[Span]) -> list[Quotation]:
    """The quoted passages of ``text`` (an article) inside a claim's ``pieces``, each
    trimmed of its marks and end stops; passages of a word or two are left out."""
    found = []
    for quote_start, quote_end in _quoted_segments(text):
        for piece in pieces:
            start, end = max(quote_start, piece.start), min(quote_end, piece.end)
            while start < end and text[start] in _TRIM:
                start += 1
            while end > start and text[end - 1] in _TRIM:
                end -= 1
            if len(quote_words(text[start:end])) >= 3:
                found.append(Quotation(claim, start, end, text[start:end]))
    return found


@lru_cache(maxsize=64)
def _quoted_segments(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(segment for quote in find_quotes(text) for segment in quote.segments)


def same_remark(left: str, right: str) -> float:
    """How much of the shorter quotation's words run in the other in order (0 to 1)."""
    a, b = quote_words(left), quote_words(right)
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(a=a, b=b, autojunk=False)
    common = sum(block.size for block in matcher.get_matching_blocks())
    return common / min(len(a), len(b))


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

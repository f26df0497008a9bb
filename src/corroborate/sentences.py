"""Sentence boundaries by rule: fast, good enough to align copied text and to title
untitled wire copy. (Claim extraction uses a real parser.)"""

from __future__ import annotations

import re

__all__ = ["first_sentence", "sentence_spans"]

# A sentence ends at . ! or ? (and any closing quotes or brackets) before a space and
# what can start a sentence; a paragraph break always ends one.
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n\s*\n")
# Words whose period does not end a sentence ("Gen. Kim", "Oct. 24").
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "sen",
        "rep",
        "gov",
        "st",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "ltd",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
    ]
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, whitespace excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        if match.group(0)[0] == "." and _is_abbreviation(text, match.start()):
            continue
        _add(spans, text, start, match.end() if match.group(0)[0] != "\n" else match.start())
        start = match.end()
    _add(spans, text, start, len(text))
    return spans


def first_sentence(text: str) -> str:
    """The first sentence of ``text``; initials and abbreviations ("U.S.") do not end it."""
    spans = sentence_spans(text)
    return text[spans[0][0] : spans[0][1]] if spans else ""


def _is_abbreviation(text: str, period: int) -> bool:
    word_start = period
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:period].lstrip('"“‘([')
    # "U.S." and "N." are initials; "Gen." a title; numbers ("3.") end sentences
    return "." in word or (len(word) == 1 and word.isalpha()) or word.lower() in _ABBREVIATIONS


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))

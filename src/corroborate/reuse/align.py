"""Passage alignment: the sentences two articles share, as character spans in both.

Each sentence becomes a set of word 3-grams; a sentence of the copy is matched to the
source sentence it shares most with, and kept when the two are near enough (a changed
word, a reordered clause, "Tuesday" for "October 22" still pass). Consecutive matched
sentences become one passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from corroborate.sentences import sentence_spans

__all__ = ["Alignment", "Passage", "SentenceSets", "align"]

_WORD = re.compile(r"\w+")
# A copied sentence keeps most of its 3-grams: at 0.5 Jaccard a 20-word sentence has
# lost about 6 of 18, more than two changed words do. Below that, two sentences about
# the same event ("the fire broke out on Tuesday") start to look alike.
MIN_JACCARD = 0.5
# ... or one sentence is nearly all inside the other (a quote trimmed, a clause added).
MIN_CONTAINMENT = 0.8
# Fewer shared 3-grams than this is chance, whatever the ratio (short sentences).
MIN_SHARED = 4
# ... but this many (a run of about 16 words) is reuse even inside a rewritten sentence:
# a long clause ("2,000 residents of the Eastwharf and Saltgate neighbourhoods had been
# evacuated overnight") kept whole
# in a sentence whose opening was rewritten. Independent reports of one event share
# names and short phrases, not runs this long, unless they quote the same words. (At 10,
# formulaic sentences of unrelated generated articles, "... million marks to rebuild
# shortly before 2 p.m. on Wednesday", passed; the seeds' and examples' rewritten
# sentences share 16-20.)
MIN_SHARED_RUN = 14
# A sentence sharing fewer (MIN_SHARED_SUPPORTED, a dozen words) counts only beside
# stronger matches in the same pair: an edited sentence inside a copied passage, not a
# lone formulaic sentence.
MIN_SHARED_SUPPORTED = 10


@dataclass(frozen=True)
class Passage:
    """Text shared by two articles: ``source[source_span]`` ~ ``copy[copy_span]``."""

    source_span: tuple[int, int]
    copy_span: tuple[int, int]
    similarity: float  # mean Jaccard of its sentences; 1.0 when verbatim
    sentences: int


@dataclass(frozen=True)
class Alignment:
    passages: tuple[Passage, ...]
    coverage_source: float  # share of the source's sentence text found in the copy
    coverage_copy: float  # share of the copy's sentence text taken from the source


class SentenceSets:
    """An article's sentences with their 3-gram sets, computed once per article."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentence_spans(text)

    @cached_property
    def grams(self) -> list[frozenset[tuple[str, str, str]]]:
        out = []
        for start, end in self.spans:
            words = _WORD.findall(self.text[start:end].lower())
            out.append(frozenset(zip(words, words[1:], words[2:], strict=False)))
        return out

    @cached_property
    def total_chars(self) -> int:
        return sum(end - start for start, end in self.spans) or 1

    @cached_property
    def index(self) -> dict[tuple[str, str, str], int]:
        """Which sentence each 3-gram is in. A 3-gram repeated in two sentences keeps the
        later: rare in one article, and a list per 3-gram cost half of all alignment."""
        return {gram: number for number, grams in enumerate(self.grams) for gram in grams}


def align(source: SentenceSets, copy: SentenceSets) -> Alignment:
    """The passages ``copy`` shares with ``source`` (either may be the real source)."""
    matches: list[tuple[float, int, int]] = []  # (jaccard, source sentence, copy sentence)
    supported: list[tuple[float, int, int]] = []  # kept only if there are strong matches
    for j, grams in enumerate(copy.grams):
        if len(grams) < MIN_SHARED:
            continue
        shared: dict[int, int] = {}
        where = source.index
        for gram in grams:
            i = where.get(gram)
            if i is not None:
                shared[i] = shared.get(i, 0) + 1
        if not shared:
            continue
        i, common = max(shared.items(), key=lambda item: (item[1], -item[0]))
        other = source.grams[i]
        jaccard = common / (len(grams) + len(other) - common)
        containment = common / min(len(grams), len(other))
        near = jaccard >= MIN_JACCARD or containment >= MIN_CONTAINMENT
        if common >= MIN_SHARED_RUN or (common >= MIN_SHARED and near):
            matches.append((jaccard, i, j))
        elif common >= MIN_SHARED_SUPPORTED:
            supported.append((jaccard, i, j))
    if matches:
        matches += supported
    # A source sentence may be matched by two copy sentences (a copy that split it).
    kept = sorted((j, i, jaccard) for jaccard, i, j in matches)
    passages = _passages(source, copy, kept)
    return Alignment(
        passages=tuple(passages),
        coverage_source=_covered(source, [i for _, i, _ in kept]),
        coverage_copy=_covered(copy, [j for j, _, _ in kept]),
    )


def _passages(
    source: SentenceSets, copy: SentenceSets, kept: list[tuple[int, int, float]]
) -> list[Passage]:
    """Runs of matched sentences that follow each other in both articles (a source
    sentence split in two by the copy continues its run)."""
    runs: list[list[tuple[int, int, float]]] = []
    for match in kept:
        last = runs[-1][-1] if runs else None
        if last and match[0] == last[0] + 1 and match[1] - last[1] in (0, 1):
            runs[-1].append(match)
        else:
            runs.append([match])
    passages = []
    for run in runs:
        (j0, i0, _), (j1, i1, _) = run[0], run[-1]
        passages.append(
            Passage(
                source_span=(source.spans[i0][0], source.spans[i1][1]),
                copy_span=(copy.spans[j0][0], copy.spans[j1][1]),
                similarity=round(sum(m[2] for m in run) / len(run), 3),
                sentences=len(run),
            )
        )
    return passages


def _covered(article: SentenceSets, sentences: list[int]) -> float:
    chars = sum(article.spans[n][1] - article.spans[n][0] for n in set(sentences))
    return round(chars / article.total_chars, 3)

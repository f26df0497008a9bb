"""Passage alignment: the pieces (about a sentence each) two articles share, as
character spans in both.

Each piece is a set of word 3-gram hashes (:mod:`corroborate.reuse.pieces`); a piece of
the copy is matched to the source piece it shares most with, and kept when the two are
near enough (a changed word, a reordered clause, "Tuesday" for "October 22" still pass).
Consecutive matched pieces become one passage. Array operations throughout: one pair
costs a few dozen numpy calls, whatever the length of the articles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from corroborate.reuse.pieces import ArticlePieces

__all__ = ["Alignment", "Passage", "align", "pieces_match", "strong_matches"]

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

    def swapped(self) -> Alignment:
        """The same matches read the other way: the copy as source (in its order)."""
        passages = sorted(
            (Passage(p.copy_span, p.source_span, p.similarity, p.sentences) for p in self.passages),
            key=lambda p: p.copy_span,
        )
        return Alignment(tuple(passages), self.coverage_copy, self.coverage_source)


_NONE = Alignment((), 0.0, 0.0)


def align(source: ArticlePieces, copy: ArticlePieces) -> Alignment:
    """The passages ``copy`` shares with ``source`` (either may be the real source)."""
    hashes, piece_of, copy_sizes = copy.distinct
    keys, where = source.where
    if not len(hashes) or not len(keys):
        return _NONE
    at = np.minimum(np.searchsorted(keys, hashes), len(keys) - 1)
    found = keys[at] == hashes
    if not found.any():
        return _NONE
    # shared 3-grams of each (copy piece j, source piece i)
    codes = piece_of[found] * source.pieces + where[at[found]]
    codes.sort()
    starts = np.flatnonzero(np.append(True, codes[1:] != codes[:-1]))
    counts = np.diff(np.append(starts, len(codes)))
    codes = codes[starts]
    j, i = codes // source.pieces, codes % source.pieces
    # for each copy piece, the source piece it shares most with (the first on a tie)
    order = np.lexsort((-counts, j))
    best = order[np.append(True, j[order][1:] != j[order][:-1])]
    j, i, common = j[best], i[best], counts[best]
    size_j, size_i = copy_sizes[j], source.distinct[2][i]
    jaccard = common / (size_j + size_i - common)
    strong = strong_matches(common, size_j, size_i)
    if not strong.any():
        return _NONE
    # weaker matches count beside strong ones: an edited sentence inside a passage
    kept = strong | (common >= MIN_SHARED_SUPPORTED)
    matches = list(zip(j[kept].tolist(), i[kept].tolist(), jaccard[kept].tolist(), strict=True))
    return Alignment(
        passages=tuple(_passages(source, copy, matches)),
        coverage_source=_covered(source, i[kept]),
        coverage_copy=_covered(copy, j[kept]),
    )


def strong_matches(common: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """Which pairs of pieces, sharing ``common`` of their ``size_a`` and ``size_b``
    distinct 3-grams, are a match on their own (the rule of :func:`align`, also applied
    to candidates before alignment)."""
    common = np.asarray(common, dtype=np.float64)
    jaccard = common / np.maximum(size_a + size_b - common, 1)
    contained = common / np.maximum(np.minimum(size_a, size_b), 1)
    near = (jaccard >= MIN_JACCARD) | (contained >= MIN_CONTAINMENT)
    strong: np.ndarray = (common >= MIN_SHARED_RUN) | ((common >= MIN_SHARED) & near)
    return strong


def pieces_match(a: ArticlePieces, piece_a: int, b: ArticlePieces, piece_b: int) -> bool:
    """Whether piece ``piece_a`` of ``a`` and ``piece_b`` of ``b`` are a match on their
    own: far cheaper than an alignment, for a pair that rests on this pair of pieces."""
    one, other = _piece_hashes(a, piece_a), _piece_hashes(b, piece_b)
    sizes = np.array([len(one), len(other)])
    return bool(strong_matches(np.array([len(one & other)]), sizes[:1], sizes[1:])[0])


def _piece_hashes(article: ArticlePieces, piece: int) -> set[int]:
    # a few dozen values: a Python set is quicker than numpy's set routines
    first, last = np.searchsorted(article.piece_of, [piece, piece + 1])
    return set(article.hashes[first:last].tolist())


def _passages(
    source: ArticlePieces, copy: ArticlePieces, kept: list[tuple[int, int, float]]
) -> list[Passage]:
    """Runs of matched pieces that follow each other in both articles (a source piece
    split in two by the copy continues its run)."""
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
                source_span=source.char_span(int(source.starts[i0]), int(source.ends[i1])),
                copy_span=copy.char_span(int(copy.starts[j0]), int(copy.ends[j1])),
                similarity=round(sum(m[2] for m in run) / len(run), 3),
                sentences=len(run),
            )
        )
    return passages


def _covered(article: ArticlePieces, pieces: np.ndarray) -> float:
    chosen = np.zeros(article.pieces, dtype=bool)
    chosen[pieces] = True
    chars = int((article.ends[chosen] - article.starts[chosen]).sum())
    return round(chars / article.total_chars, 3)

"""Candidate search: which articles may share text, found through MinHash LSH over the
word shingles of short pieces of each article (about a sentence each).

Pieces rather than whole articles, so that one reused paragraph inside an otherwise
different article is found, not only whole copies. Signatures are computed by a
:class:`Signer` (rensa by default: measured at 70-90 times datasketch's speed on the
same rows, see docs/benchmarks.md); the LSH index is banded keys kept in sorted numpy
arrays, so a batch is matched against everything held with ``searchsorted``.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

__all__ = [
    "BANDS",
    "DatasketchSigner",
    "PieceIndex",
    "RensaSigner",
    "Signer",
    "Sketch",
    "sketch_text",
]

# Word 3-grams: long enough that two unrelated sentences rarely share many, short enough
# that a changed word ("Tuesday" -> "October 22") spoils only three of a sentence's ~20.
SHINGLE_WORDS = 3
# Pieces shorter than this are merged with the next one: "U.S." or "p.m." split text
# into fragments that are not evidence of anything on their own.
MIN_PIECE_TOKENS = 8
# LSH: 6 bands of 2 rows (12 permutations). A pair of pieces with shingle Jaccard J
# becomes a candidate with probability 1-(1-J^2)^6: 0.82 at J=0.5, 0.98 at 0.7, 0.006
# at 0.03 (two sentences sharing one common phrase). Lightly edited sentences sit at
# 0.6-0.8; the alignment that follows finds the rest of a reused passage exactly.
BANDS = 6
ROWS_PER_BAND = 2
NUM_PERM = BANDS * ROWS_PER_BAND
SEED = 20311
# Two pieces that share a band are kept as a candidate when at least this many of their
# 12 MinHash values agree (an estimated Jaccard of 0.4 or more): a single band agrees by
# chance between sentences sharing a common phrase, five values almost never do
# (binomial tail 0.004 at a true Jaccard of 0.1), while an edited copy agrees on 7-10.
MIN_AGREEMENT = 5
# ... and a pair of articles resting on a single such piece needs 7: on the planted
# benchmark, unrelated pairs colliding on one piece agreed on 5 (2,330) or 6 (368) values
# and only 61 on 7 or more, while every genuine single-piece pair agreed on 7 or more.
MIN_AGREEMENT_ALONE = 7
# A key shared by more pieces than this is common text: boilerplate ("Follow us for
# updates"), or a story syndicated many times. Such keys count only towards the first
# MAX_BUCKET pieces that had them, which keeps the work linear in the number of articles,
# and only as weak evidence: an article pair sharing nothing but common pieces is a
# candidate when they make up at least WEAK_SHARE of the new article's pieces (a
# syndicated copy), not when a few boilerplate lines recur.
MAX_BUCKET = 16
WEAK_SHARE = 0.5
MIN_WEAK_PIECES = 3

_TOKEN = re.compile(r"\w+|[.!?;]")
_BREAKS = frozenset(".!?;")
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))
_token_hashes: dict[str, int] = {}  # a memo of a pure function: same token, same hash
_MEMO_LIMIT = 2_000_000


def _token_hash(token: str) -> int:
    value = _token_hashes.get(token)
    if value is None:
        if len(_token_hashes) > _MEMO_LIMIT:
            _token_hashes.clear()
        value = _token_hashes[token] = zlib.crc32(token.encode("utf-8"))
    return value


@dataclass(frozen=True)
class Sketch:
    """One article's shingle hashes, grouped into pieces: ``hashes[offsets[i]:offsets[i+1]]``."""

    hashes: np.ndarray  # uint64
    offsets: np.ndarray  # int64, len = pieces + 1

    @property
    def pieces(self) -> int:
        return len(self.offsets) - 1


def sketch_text(text: str) -> Sketch:
    """Shingle hashes of each piece of ``text`` (pieces end at . ! ? ;)."""
    tokens = _TOKEN.findall(text.lower())
    known = _token_hashes.get
    marks = [known(token) for token in tokens]  # one pass at C speed for known tokens
    words: list[int] = []  # token hashes of all pieces, one after another
    ends: list[int] = []  # where each piece ends in ``words``
    start = 0
    for token, mark in zip(tokens, marks, strict=True):
        if mark is not None:
            words.append(mark)
        elif token in _BREAKS:
            if len(words) - start >= MIN_PIECE_TOKENS:
                ends.append(len(words))
                start = len(words)
        else:
            words.append(_token_hash(token))
    if len(words) > start:
        short = len(words) - start < MIN_PIECE_TOKENS
        if short and ends:
            ends[-1] = len(words)  # a short tail joins the piece before it
        elif len(words) - start >= SHINGLE_WORDS:
            ends.append(len(words))
    if not ends:
        return Sketch(np.empty(0, dtype=np.uint64), np.zeros(1, dtype=np.int64))
    hashes = np.array(words, dtype=np.uint64)
    shingles = hashes[:-2] * _MIX[0] + hashes[1:-1] * _MIX[1] + hashes[2:] * _MIX[2]
    # a shingle starting at word i belongs to the piece holding words i..i+2, if any
    piece_ends = np.array(ends, dtype=np.int64)
    piece_starts = np.concatenate([[0], piece_ends[:-1]])
    keep = np.ones(len(shingles), dtype=bool)
    for cut in piece_ends[:-1]:
        keep[max(cut - 2, 0) : cut] = False  # shingles crossing into the next piece
    counts = np.maximum(piece_ends - piece_starts - 2, 0)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return Sketch(shingles[keep], offsets)


class Signer(Protocol):
    """Computes MinHash signatures of many rows of shingle hashes at once."""

    def signatures(self, hashes: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """uint32 array of shape (rows, NUM_PERM)."""
        ...


class RensaSigner:
    """rensa's Rust MinHash over a flat buffer of all rows."""

    def signatures(self, hashes: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        import rensa

        if len(offsets) <= 1:
            return np.empty((0, NUM_PERM), dtype=np.uint32)
        matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
            hashes, offsets.astype(np.uint64), NUM_PERM, SEED
        )
        return np.array(matrix.to_rows(), dtype=np.uint32).reshape(-1, NUM_PERM)


class DatasketchSigner:
    """datasketch's MinHash, row by row: the reference the benchmark compares against."""

    def signatures(self, hashes: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        from datasketch import MinHash

        rows = []
        for start, end in itertools.pairwise(offsets):
            minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
            minhash.update_batch([h.tobytes() for h in hashes[start:end]])
            rows.append(minhash.hashvalues.astype(np.uint32))
        return np.array(rows, dtype=np.uint32).reshape(-1, NUM_PERM)


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """(rows, BANDS) uint64: each band's two 32-bit values side by side."""
    sig = signatures.astype(np.uint64)
    return (sig[:, 0::2] << np.uint64(32)) | sig[:, 1::2]


class PieceIndex:
    """Every piece held, by band key; pieces are numbered in the order added and each
    belongs to one article (by its position in ``articles``)."""

    def __init__(self) -> None:
        self.articles: list[str] = []
        self._piece_article = np.empty(0, dtype=np.int64)
        self._keys = np.empty((0, BANDS), dtype=np.uint64)
        self._signatures = np.empty((0, NUM_PERM), dtype=np.uint32)
        # Per band: the keys sorted, and which piece each is; covers the first
        # ``_sorted_upto`` pieces, and grows by merging rather than sorting again.
        self._sorted: list[tuple[np.ndarray, np.ndarray]] = [
            (np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)) for _ in range(BANDS)
        ]
        self._sorted_upto = 0

    def __len__(self) -> int:
        return len(self._piece_article)

    def add(self, article_ids: Sequence[str], signatures: Sequence[np.ndarray]) -> None:
        """Add articles with their piece signatures (one array per article)."""
        first = len(self.articles)
        self.articles.extend(article_ids)
        owners = [np.full(len(s), first + n, dtype=np.int64) for n, s in enumerate(signatures)]
        kept = [s for s in signatures if len(s)]
        if kept:
            self._keys = np.concatenate([self._keys, *(band_keys(s) for s in kept)])
            self._signatures = np.concatenate([self._signatures, *kept])
        if owners:
            self._piece_article = np.concatenate([self._piece_article, *owners])

    def candidate_pairs(self, since: int) -> set[tuple[int, int]]:
        """Article pairs (earlier position, later position) that may share text, for
        every article from position ``since`` on. Vectorised: a batch's pieces are looked
        up in every band at once, then checked on their whole signatures."""
        new_pieces = np.nonzero(self._piece_article >= since)[0]
        found_piece, found_other, found_common = [], [], []
        for band, (sorted_keys, piece_order) in enumerate(self._sorted_bands()):
            keys = self._keys[new_pieces, band]
            left = np.searchsorted(sorted_keys, keys, side="left")
            right = np.searchsorted(sorted_keys, keys, side="right")
            hits = np.nonzero(right - left > 1)[0]
            # the first pieces with each key, in the order they were added
            take = np.minimum(right[hits] - left[hits], MAX_BUCKET + 1)
            rows = np.repeat(hits, take)
            steps = np.arange(int(take.sum())) - np.repeat(np.cumsum(take) - take, take)
            found_piece.append(new_pieces[rows])
            found_other.append(piece_order[left[rows] + steps])
            found_common.append(np.repeat(right[hits] - left[hits] > MAX_BUCKET + 1, take))
        if not found_piece:
            return set()
        piece, other = np.concatenate(found_piece), np.concatenate(found_other)
        common = np.concatenate(found_common)
        owner, other_owner = self._piece_article[piece], self._piece_article[other]
        # not the same article; a pair of new pieces is seen once, from the later piece
        keep = (owner != other_owner) & ((other_owner < since) | (other < piece))
        # one band in common happens by chance; most of the signature in common does not
        agree = (self._signatures[piece] == self._signatures[other]).sum(axis=1)
        keep &= agree >= MIN_AGREEMENT
        piece, owner, other_owner, common, agree = (
            piece[keep],
            owner[keep],
            other_owner[keep],
            common[keep],
            agree[keep],
        )
        first, second = np.minimum(owner, other_owner), np.maximum(owner, other_owner)
        # a pair resting on one piece needs that piece to agree closely
        evidence: dict[tuple[int, int], tuple[set[int], int]] = {}
        for a, b, p, n in zip(
            first[~common], second[~common], piece[~common], agree[~common], strict=True
        ):
            pieces, best = evidence.get((int(a), int(b)), (set(), 0))
            pieces.add(int(p))
            evidence[(int(a), int(b))] = (pieces, max(best, int(n)))
        pairs = {
            pair
            for pair, (pieces, best) in evidence.items()
            if len(pieces) > 1 or best >= MIN_AGREEMENT_ALONE
        }
        weak: dict[tuple[int, int], set[int]] = {}
        for a, b, p in zip(first[common], second[common], piece[common], strict=True):
            weak.setdefault((int(a), int(b)), set()).add(int(p))
        pieces_of = np.bincount(self._piece_article, minlength=len(self.articles))
        for pair, pieces in weak.items():
            if len(pieces) >= max(MIN_WEAK_PIECES, WEAK_SHARE * int(pieces_of[pair[1]])):
                pairs.add(pair)
        return pairs

    def _sorted_bands(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """The bands sorted, with the pieces added since the last call merged in: only
        the new pieces are sorted, so a batch costs in proportion to its own size plus
        one copy of the index, not a sort of everything held (equal keys stay in the
        order added: held pieces first)."""
        total = len(self._keys)
        if self._sorted_upto == total:
            return self._sorted
        new = np.arange(self._sorted_upto, total, dtype=np.int64)
        for band, (sorted_keys, piece_order) in enumerate(self._sorted):
            keys = self._keys[new, band]
            order = np.argsort(keys, kind="stable")
            at = np.searchsorted(sorted_keys, keys[order], side="right")
            self._sorted[band] = (
                np.insert(sorted_keys, at, keys[order]),
                np.insert(piece_order, at, new[order]),
            )
        self._sorted_upto = total
        return self._sorted

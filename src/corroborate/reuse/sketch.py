"""Candidate search: which articles may share text, found through MinHash LSH over the
word shingles of the pieces of each article (about a sentence each, see
:mod:`corroborate.reuse.pieces`).

Pieces rather than whole articles, so that one reused paragraph inside an otherwise
different article is found, not only whole copies. Signatures are 16-bit MinHash values
(b-bit minwise hashing) computed in numpy from three 64-bit hashes of each shingle; the
LSH index is every band key of every piece in one sorted numpy array, so a batch is
matched against everything held with one ``searchsorted``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from corroborate.reuse.pieces import SALTS, _mix

__all__ = [
    "BANDS",
    "NUM_PERM",
    "DatasketchSigner",
    "NumpySigner",
    "PieceIndex",
    "RensaSigner",
    "Signer",
]

# LSH: 6 bands of 2 rows (12 MinHash values). A pair of pieces with shingle Jaccard J
# becomes a candidate with probability 1-(1-J^2)^6: 0.82 at J=0.5, 0.98 at 0.7, 0.006
# at 0.03 (two sentences sharing one common phrase). Lightly edited sentences sit at
# 0.6-0.8; the alignment that follows finds the rest of a reused passage exactly.
BANDS = 6
ROWS_PER_BAND = 2
NUM_PERM = BANDS * ROWS_PER_BAND
# Each value keeps 16 bits: two unrelated minima agree by chance about once in 3,000
# (for pieces of ~20 shingles), far below the agreement counted next; 16 bits let one
# 64-bit hash of a shingle give four values.
VALUE_BITS = 16
SEED = 20311  # for the rensa and datasketch signers
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
# ... and from such a key a new piece is paired with only the first few pieces that had
# it: a syndicated story still links to its earliest copies, while the rows gathered per
# batch stop growing with the index (at 50,000 articles held, common keys gave two
# thirds of all rows).
COMMON_TAKE = 4
WEAK_SHARE = 0.5
MIN_WEAK_PIECES = 3
# Shingles signed at a time (the three hashes of each take 24 bytes).
SIGN_CHUNK = 1 << 20

_PIECE_BITS = 29  # an index entry is (band key << 29) | piece: ~500 million pieces


class Signer(Protocol):
    """Computes MinHash signatures of many rows of shingle hashes at once."""

    def signatures(self, hashes: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """uint16 array of shape (rows, NUM_PERM); every row holds at least one hash."""
        ...


class NumpySigner:
    """Three 64-bit hashes per shingle, read as twelve 16-bit values; each row's minima
    come from one ``minimum.reduceat``. Faster here than rensa, whose Rust digests take
    0.04 s for a batch of 10,000 articles but then 0.35 s to come out as Python lists."""

    def signatures(self, hashes: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        rows = len(offsets) - 1
        out = np.empty((max(rows, 0), NUM_PERM), dtype=np.uint16)
        first = 0
        while first < rows:
            # rows whose shingles fit in one chunk (at least one row)
            last = int(np.searchsorted(offsets, offsets[first] + SIGN_CHUNK, side="right")) - 1
            last = min(max(last, first + 1), rows)
            lo, hi = int(offsets[first]), int(offsets[last])
            part = hashes[lo:hi]
            three = np.empty((hi - lo, 3), dtype="<u8")
            three[:, 0] = part
            three[:, 1] = _mix(part ^ SALTS[0])
            three[:, 2] = _mix(part ^ SALTS[1])
            values = three.view("<u2")  # (shingles, 12)
            out[first:last] = np.minimum.reduceat(values, offsets[first:last] - lo, axis=0)
            first = last
        return out


class RensaSigner:
    """rensa's Rust MinHash over a flat buffer of all rows, each value cut to 16 bits."""

    def signatures(self, hashes: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        import rensa

        if len(offsets) <= 1:
            return np.empty((0, NUM_PERM), dtype=np.uint16)
        matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
            hashes, offsets.astype(np.uint64), NUM_PERM, SEED
        )
        rows = np.array(matrix.to_rows(), dtype=np.uint32).reshape(-1, NUM_PERM)
        return (rows >> 16).astype(np.uint16)


class DatasketchSigner:
    """datasketch's MinHash, row by row (slow: for comparison only)."""

    def signatures(self, hashes: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        from datasketch import MinHash

        rows = []
        for start, end in itertools.pairwise(offsets):
            minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
            minhash.update_batch([h.tobytes() for h in hashes[start:end]])
            rows.append((minhash.hashvalues >> 16).astype(np.uint16))
        return np.array(rows, dtype=np.uint16).reshape(-1, NUM_PERM)


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """(rows, BANDS) uint64: band number, then the band's two values side by side."""
    sig = signatures.astype(np.uint64)
    bands = np.arange(BANDS, dtype=np.uint64) << np.uint64(2 * VALUE_BITS)
    return bands | (sig[:, 0::2] << np.uint64(VALUE_BITS)) | sig[:, 1::2]


class PieceIndex:
    """Every piece held, by band key; pieces are numbered in the order added and each
    belongs to one article (by its position in ``articles``)."""

    def __init__(self) -> None:
        self.articles: list[str] = []
        self._owner = np.empty(0, dtype=np.int64)  # article position of each piece
        self._pieces_of = np.empty(0, dtype=np.int64)  # pieces of each article
        self._signatures = np.empty((0, NUM_PERM), dtype=np.uint16)
        # (band key << _PIECE_BITS) | piece, sorted: equal keys in the order added
        self._entries = np.empty(0, dtype=np.uint64)
        self._indexed = 0  # pieces in _entries

    def __len__(self) -> int:
        return len(self._owner)

    def add(self, article_ids: Sequence[str], signatures: Sequence[np.ndarray]) -> None:
        """Add articles with their piece signatures (one array per article)."""
        first = len(self.articles)
        self.articles.extend(article_ids)
        counts = np.array([len(s) for s in signatures], dtype=np.int64)
        self._pieces_of = np.concatenate([self._pieces_of, counts])
        owners = np.repeat(np.arange(first, first + len(counts), dtype=np.int64), counts)
        self._owner = np.concatenate([self._owner, owners])
        kept = [s.astype(np.uint16, copy=False) for s in signatures if len(s)]
        if kept:
            self._signatures = np.concatenate([self._signatures, *kept])

    def candidate_pairs(self, since: int) -> set[tuple[int, int]]:
        """Article pairs (earlier position, later position) that may share text, for
        every article from position ``since`` on. Vectorised: a batch's pieces are looked
        up in every band at once, then checked on their whole signatures."""
        first_new = int(np.searchsorted(self._owner, since))
        added = self._index_new()
        mask = np.uint64((1 << _PIECE_BITS) - 1)
        new = added[(added & mask) >= first_new]
        if not len(new):
            return set()
        entries = self._entries
        shift = np.uint64(_PIECE_BITS)
        keys = new >> shift
        left = np.searchsorted(entries, keys << shift)
        right = np.searchsorted(entries, (keys + np.uint64(1)) << shift)
        size = right - left
        hits = np.flatnonzero(size > 1)
        # the first pieces with each key, in the order they were added
        take = np.where(size[hits] > MAX_BUCKET + 1, COMMON_TAKE, size[hits])
        rows = np.repeat(hits, take)
        steps = np.arange(int(take.sum())) - np.repeat(np.cumsum(take) - take, take)
        piece = (new[rows] & mask).astype(np.int64)
        other = (entries[left[rows] + steps] & mask).astype(np.int64)
        common = np.repeat(size[hits] > MAX_BUCKET + 1, take)
        owner, other_owner = self._owner[piece], self._owner[other]
        # not the same article; a pair of new pieces is seen once, from the later piece
        keep = (owner != other_owner) & ((other_owner < since) | (other < piece))
        piece, other, common = piece[keep], other[keep], common[keep]
        owner, other_owner = owner[keep], other_owner[keep]
        # one band in common happens by chance; most of the signature in common does not
        agree = (self._signatures[piece] == self._signatures[other]).sum(axis=1)
        keep = agree >= MIN_AGREEMENT
        piece, common, agree = piece[keep], common[keep], agree[keep]
        first = np.minimum(owner[keep], other_owner[keep])
        second = np.maximum(owner[keep], other_owner[keep])
        pair = first * len(self.articles) + second
        # a pair resting on one piece needs that piece to agree closely
        strong = ~common
        codes, pieces, best = _evidence(pair[strong], piece[strong], agree[strong])
        pairs = self._decode(codes[(pieces > 1) | (best >= MIN_AGREEMENT_ALONE)])
        # a pair sharing only common pieces needs many of them
        codes, pieces, _ = _evidence(pair[common], piece[common], agree[common])
        need = np.maximum(MIN_WEAK_PIECES, WEAK_SHARE * self._pieces_of[codes % len(self.articles)])
        pairs.update(self._decode(codes[pieces >= need]))
        return pairs

    def _decode(self, codes: np.ndarray) -> set[tuple[int, int]]:
        n = len(self.articles)
        return set(zip((codes // n).tolist(), (codes % n).tolist(), strict=True))

    def _index_new(self) -> np.ndarray:
        """Merge the band keys of pieces added since the last call into the sorted
        entries (only the new ones are sorted, then inserted in one pass); returns the
        new entries, sorted."""
        total = len(self._owner)
        pieces = np.arange(self._indexed, total, dtype=np.uint64)
        keys = band_keys(self._signatures[self._indexed :])
        new = np.sort(((keys << np.uint64(_PIECE_BITS)) | pieces[:, None]).ravel())
        # after the equal keys held: held pieces come first, as they were added first
        at = np.searchsorted(self._entries, new)
        self._entries = np.insert(self._entries, at, new)
        self._indexed = total
        return new


def _evidence(
    pair: np.ndarray, piece: np.ndarray, agree: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per article pair: its code, how many distinct pieces, and the best agreement."""
    if not len(pair):
        return pair, pair, pair
    order = np.lexsort((piece, pair))
    pair, piece, agree = pair[order], piece[order], agree[order]
    starts = np.flatnonzero(np.append(True, pair[1:] != pair[:-1]))
    distinct = np.append(True, (pair[1:] != pair[:-1]) | (piece[1:] != piece[:-1]))
    pieces = np.add.reduceat(distinct.astype(np.int64), starts)
    return pair[starts], pieces, np.maximum.reduceat(agree, starts)

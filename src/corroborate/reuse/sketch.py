"""Candidate search: which articles may share text, found through MinHash LSH over the
word shingles of the pieces of each article (about a sentence each, see
:mod:`corroborate.reuse.pieces`).

Pieces rather than whole articles, so that one reused paragraph inside an otherwise
different article is found, not only whole copies. Signatures are 16-bit MinHash values
(b-bit minwise hashing) computed in numpy from three 64-bit hashes of each shingle; the
LSH index is every band key of every piece in a few sorted numpy arrays, so a batch is
matched against everything held with a few ``searchsorted``. A pair of articles resting on
one pair of pieces is checked on their 3-grams before it goes to alignment.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from corroborate.reuse.align import strong_matches
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
# Index entries of new pieces looked up at a time (see candidate_pairs).
SEARCH_BLOCK = 1 << 17
# A key found in a segment has its run of entries read up to this many entries on,
# then searched for its end (keys with more entries are rare; see _key_range).
NEXT_LOOKS = 4
# Shingles signed at a time (the three hashes of each take 24 bytes): small blocks reuse
# the same memory, where fresh memory is slow to touch.
SIGN_CHUNK = 1 << 17

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
        self._owners = _Growing(np.int64)  # article position of each piece
        self._counts = _Growing(np.int64)  # pieces of each article
        self._rows = _Growing(np.uint16, NUM_PERM)  # signature of each piece
        # each piece's 3-gram hashes, cut to 16 bits (two unrelated pieces of 20 3-grams
        # then share one by chance once in 160), piece p's from _gram_ends[p] to
        # _gram_ends[p + 1]; empty for a piece held without them (from a store)
        self._gram_values = _Growing(np.uint16)
        self._gram_ends = _Growing(np.int64)
        self._gram_ends.extend(np.zeros(1, dtype=np.int64))
        # (band key << _PIECE_BITS) | piece, sorted: equal keys in the order added
        # in a few segments, oldest first, each at least twice the size of the next: a
        # batch adds a segment, and equal neighbours merge (so an entry is copied about
        # log2(batches) times, not once per batch as when inserted into one array).
        # The segments lie end to end in one array, from the offsets in _starts: a
        # merge sorts the array's tail in place, where merging into a new array wrote
        # fresh memory, which took most of a merge's time
        self._held_entries = _Growing(np.uint64)
        self._starts: list[int] = []
        self._indexed = 0  # pieces in the segments

    def __len__(self) -> int:
        return len(self._owners.values)

    def add(
        self,
        article_ids: Sequence[str],
        signatures: Sequence[np.ndarray],
        grams: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        """Add articles with their piece signatures (one array per article) and, when
        known, the 3-gram hashes of their pieces (all hashes, and how many each piece
        has, in the order of the signatures' rows)."""
        first = len(self.articles)
        self.articles.extend(article_ids)
        counts = np.array([len(s) for s in signatures], dtype=np.int64)
        self._counts.extend(counts)
        self._owners.extend(np.repeat(np.arange(first, first + len(counts)), counts))
        kept = [s for s in signatures if len(s)]  # an article with no pieces has no rows
        if kept:
            self._rows.extend(np.concatenate(kept))
        sizes = np.zeros(int(counts.sum()), dtype=np.int64)
        if grams is not None and len(grams[1]) == len(sizes):
            hashes, sizes = grams
            # the top 16 bits of each 64-bit hash, read in place (a shifted copy of a
            # batch's 18 M hashes is 144 MB of fresh memory)
            self._gram_values.extend(_top_bits(hashes))
        self._gram_ends.extend(self._gram_ends.values[-1] + np.cumsum(sizes))

    def candidate_pairs(self, since: int) -> dict[tuple[int, int], tuple[int, int] | None]:
        """Article pairs (earlier position, later position) that may share text, for
        every article from position ``since`` on. Vectorised: a batch's pieces are looked
        up in every band at once, then checked on their whole signatures. A pair that
        rests on one pair of pieces must have them share enough 3-grams; where the index
        lacks those of a piece held, the pair maps to the two pieces (each numbered among
        its article's signed pieces) for the caller to check on the texts, else to None."""
        first_new = int(np.searchsorted(self._owners.values, since))
        self._index(self._entries(self._indexed, first_new))  # held ones not yet indexed
        new = self._entries(first_new, len(self._owners.values))
        if not len(new):
            return {}
        # the new pieces are matched against the segments held and against each other
        # (equal keys are neighbours in ``new``: no search), then indexed
        runs = _runs(new >> np.uint64(_PIECE_BITS))
        # block by block: each block's arrays stay small and reuse the same memory (on
        # this machine, touching fresh memory took a third of a first batch's search)
        parts = [
            self._agreeing(new, start, runs, first_new)
            for start in range(0, len(new), SEARCH_BLOCK)
        ]
        self._index(new)
        piece, other, common, agree = (np.concatenate(part) for part in zip(*parts, strict=True))
        # not two pieces of one article (looked up only now: a random read per row, and
        # most rows are gone)
        owner, other_owner = self._owners.values[piece], self._owners.values[other]
        keep = owner != other_owner
        piece, other, common, agree = piece[keep], other[keep], common[keep], agree[keep]
        owner, other_owner = owner[keep], other_owner[keep]
        first = np.minimum(owner, other_owner)
        pair = first * len(self.articles) + np.maximum(owner, other_owner)
        # a pair resting on one piece needs that piece to agree closely
        strong = ~common
        codes, pieces, best, at = _evidence(pair[strong], piece[strong], agree[strong])
        alone = (pieces == 1) & (best >= MIN_AGREEMENT_ALONE)
        pairs: dict[tuple[int, int], tuple[int, int] | None] = dict.fromkeys(
            self._decode(codes[pieces > 1])
        )
        # ... and that pair of pieces to share enough 3-grams: most pairs resting on one
        # piece share a formulaic phrase, and their number grows with the pieces held
        at = np.flatnonzero(strong)[at[alone]]
        later_first = owner[at] == first[at]
        piece_first = np.where(later_first, piece[at], other[at])
        piece_second = np.where(later_first, other[at], piece[at])
        known, match = self._matches(piece_first, piece_second)
        pairs.update(dict.fromkeys(self._decode(codes[alone][known & match])))
        # pieces held without their 3-grams: the caller checks them on the texts
        unknown = ~known
        piece_first, piece_second = piece_first[unknown], piece_second[unknown]
        starts = np.cumsum(self._counts.values) - self._counts.values
        codes = codes[alone][unknown]
        n = len(self.articles)
        local_first = piece_first - starts[codes // n]
        local_second = piece_second - starts[codes % n]
        for key, local in zip(
            self._decode(codes),
            zip(local_first.tolist(), local_second.tolist(), strict=True),
            strict=True,
        ):
            pairs[key] = local
        # a pair sharing only common pieces needs many of them
        codes, pieces, _, _ = _evidence(pair[common], piece[common], agree[common])
        need = np.maximum(
            MIN_WEAK_PIECES, WEAK_SHARE * self._counts.values[codes % len(self.articles)]
        )
        for key in self._decode(codes[pieces >= need]):
            pairs[key] = None
        return pairs

    def _agreeing(
        self, entries: np.ndarray, start: int, runs: tuple[np.ndarray, np.ndarray], first_new: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """For the block of the new pieces' index ``entries`` from ``start`` on: the
        pieces held or new that share their band key (``runs``: where each entry's key
        starts and ends in ``entries``), as rows (piece, other, common key, agreeing
        values), kept where most of the two signatures agree."""
        mask = np.uint64((1 << _PIECE_BITS) - 1)
        shift = np.uint64(_PIECE_BITS)
        end = start + SEARCH_BLOCK
        new = entries[start:end]
        keys = new >> shift
        bounds = [(segment, *_key_range(segment, keys, shift)) for segment in self._segments()]
        bounds.append((entries, runs[0][start:end], runs[1][start:end]))  # added last
        size = np.zeros(len(keys), dtype=np.int64)
        for _, left, right in bounds:
            size += right - left
        hits = np.flatnonzero(size > 1)
        # the first pieces with each key, in the order they were added: from the oldest
        # segment on
        want = np.where(size[hits] > MAX_BUCKET + 1, COMMON_TAKE, size[hits])
        found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for segment, left, right in bounds:
            take = np.minimum(want, (right - left)[hits])
            want = want - take
            rows = np.repeat(hits, take)
            steps = np.arange(int(take.sum())) - np.repeat(np.cumsum(take) - take, take)
            found.append((rows, segment[left[rows] + steps], size[rows] > MAX_BUCKET + 1))
        rows = np.concatenate([f[0] for f in found])
        piece = (new[rows] & mask).astype(np.int64)
        other = (np.concatenate([f[1] for f in found]) & mask).astype(np.int64)
        common = np.concatenate([f[2] for f in found])
        # a pair of new pieces is seen once, from the later piece
        keep = (other < first_new) | (other < piece)
        piece, other, common = _by_other(piece[keep], other[keep], common[keep])
        # one band in common happens by chance; most of the signature in common does not
        agree = _agreement(self._rows.values, piece, other)
        keep = agree >= MIN_AGREEMENT
        return piece[keep], other[keep], common[keep], agree[keep]

    def _matches(self, one: np.ndarray, other: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For pairs of pieces: whether both 3-gram sets are held, and whether they are a
        match on their own by alignment's rule (vectorised over all pairs)."""
        at, grams = self._gram_ends.values, self._gram_values.values
        known = (at[one + 1] > at[one]) & (at[other + 1] > at[other])
        count = len(one)
        sides = []
        for pieces in (one, other):
            start, size = at[pieces], np.where(known, at[pieces + 1] - at[pieces], 0)
            total = int(size.sum())
            row = np.repeat(np.arange(count, dtype=np.int64), size)
            offset = np.arange(total) - np.repeat(np.cumsum(size) - size, size)
            codes = (row << 16) | grams[np.repeat(start, size) + offset].astype(np.int64)
            sides.append(np.unique(codes))  # a 3-gram repeated in a piece counts once
        both = np.concatenate(sides)
        both.sort()
        shared = both[1:][both[1:] == both[:-1]] >> 16
        common = np.bincount(shared, minlength=count)
        size_one = np.bincount(sides[0] >> 16, minlength=count)
        size_other = np.bincount(sides[1] >> 16, minlength=count)
        return known, strong_matches(common, size_one, size_other)

    def _decode(self, codes: np.ndarray) -> list[tuple[int, int]]:
        n = len(self.articles)
        return list(zip((codes // n).tolist(), (codes % n).tolist(), strict=True))

    def _entries(self, first: int, last: int) -> np.ndarray:
        """The sorted index entries of pieces ``first`` to ``last``."""
        pieces = np.arange(first, last, dtype=np.uint64)
        keys = band_keys(self._rows.values[first:last])
        return np.sort(((keys << np.uint64(_PIECE_BITS)) | pieces[:, None]).ravel())

    def _index(self, entries: np.ndarray) -> None:
        """Add the entries of the next pieces as a segment, merged with the younger
        segments as they grow."""
        if not len(entries):
            return
        self._indexed = int((entries & np.uint64((1 << _PIECE_BITS) - 1)).max()) + 1
        starts = self._starts
        starts.append(len(self._held_entries.values))
        self._held_entries.extend(entries)
        end = len(self._held_entries.values)
        while len(starts) > 1 and starts[-1] - starts[-2] < 2 * (end - starts[-1]):
            # two sorted runs side by side: the stable sort (timsort) merges them in one
            # pass; equal keys stay in the order added, as the piece number is the
            # entry's low bits
            starts.pop()
            self._held_entries.values[starts[-1] :].sort(kind="stable")

    def _segments(self) -> list[np.ndarray]:
        """The sorted segments, oldest first (views of the one array)."""
        held = self._held_entries.values
        return [held[start:end] for start, end in itertools.pairwise([*self._starts, len(held)])]


def _runs(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For sorted ``keys``: where the run of each one's value starts and ends."""
    starts = np.flatnonzero(np.append(True, keys[1:] != keys[:-1]))
    lengths = np.diff(np.append(starts, len(keys)))
    return np.repeat(starts, lengths), np.repeat(starts + lengths, lengths)


def _key_range(
    segment: np.ndarray, keys: np.ndarray, shift: np.uint64
) -> tuple[np.ndarray, np.ndarray]:
    """Where the entries with each of the sorted ``keys`` start and end in ``segment``.
    Each distinct key is searched once (a quarter of a batch's keys repeat). Most are in
    no segment: their end is their start. Most of the others have a few entries, found
    by looking at the next ones; only longer runs are searched for their end (a search
    is some twenty reads of memory that is not in the cache)."""
    starts = np.flatnonzero(np.append(True, keys[1:] != keys[:-1]))
    distinct = keys[starts]
    left = np.searchsorted(segment, distinct << shift)
    right = left.copy()
    pending = np.flatnonzero(left < len(segment))
    for _ in range(NEXT_LOOKS):
        at = right[pending]
        pending = pending[at < len(segment)]
        pending = pending[(segment[right[pending]] >> shift) == distinct[pending]]
        right[pending] += 1
    if len(pending):
        right[pending] = np.searchsorted(segment, (distinct[pending] + np.uint64(1)) << shift)
    lengths = np.diff(np.append(starts, len(keys)))
    return np.repeat(left, lengths), np.repeat(right, lengths)


class _Growing:
    """An array that batches are appended to, grown in place: ``ndarray.resize`` hands
    the buffer to ``realloc``, which for a large block moves its pages rather than its
    bytes. Each value is then written once, where a copy into a fresh array twice the
    size (the earlier way) wrote the whole array again at every doubling, and writing
    fresh memory is what a large batch here spends most of its time on."""

    def __init__(self, dtype: type, width: int | None = None) -> None:
        self._data: np.ndarray = np.empty((0,) if width is None else (0, width), dtype=dtype)
        self._size = 0

    def extend(self, values: np.ndarray) -> None:
        end = self._size + len(values)
        if end > len(self._data):
            box = [self._data]
            self._data = self._data[:0].copy()  # (the box holds the only reference)
            self._data = _grown(box, end)
        self._data[self._size : end] = values
        self._size = end

    @property
    def values(self) -> np.ndarray:
        return self._data[: self._size]


# The sign bit of each 16-bit lane of a 64-bit word, and the bits below it.
_LANE_LOW = np.uint64(0x7FFF7FFF7FFF7FFF)


def _agreement(signatures: np.ndarray, one: np.ndarray, other: np.ndarray) -> np.ndarray:
    """How many of the NUM_PERM values agree between the signatures of pieces ``one``
    and ``other`` (row by row). Each signature is read as three 64-bit words (np.take
    gathers rows several times faster than indexing, on millions of rows); a 16-bit
    lane of their XOR is zero where a value agrees, found without carries between
    lanes: (low 15 bits + 0x7FFF) sets a lane's top bit unless those bits are all zero."""
    words = signatures.view(np.uint64)  # NUM_PERM 16-bit values fill whole words
    diff = np.take(words, one, axis=0)
    diff ^= np.take(words, other, axis=0)
    zero = diff & _LANE_LOW
    zero += _LANE_LOW
    zero |= diff
    zero |= _LANE_LOW
    np.invert(zero, out=zero)
    counts = np.bitwise_count(zero)
    total = counts[:, 0].astype(np.int64)
    for word in range(1, counts.shape[1]):  # (faster than a sum along a short axis)
        total += counts[:, word]
    return np.asarray(total)


def _top_bits(hashes: np.ndarray) -> np.ndarray:
    """The top 16 bits of each uint64 in ``hashes``, as a strided view."""
    little = np.ascontiguousarray(hashes, dtype="<u8")
    return little.view("<u2")[3::4]


def _grown(box: list[np.ndarray], rows: int) -> np.ndarray:
    """The array taken out of ``box``, with room for ``rows`` rows, its rows kept:
    resized in place where the box held the only reference (``refcheck`` refuses while
    a view of it is alive), else copied into a new array."""
    array = box.pop()
    try:
        array.resize((rows, *array.shape[1:]), refcheck=True)
    except ValueError:  # a view of it is alive: its memory cannot move
        grown = np.empty((rows, *array.shape[1:]), array.dtype)
        grown[: len(array)] = array
        return grown
    return array


def _by_other(
    piece: np.ndarray, other: np.ndarray, common: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows in the order of ``other``: their signatures are then read in order, not
    at random from everything held (which, once that outgrows the cache, cost more than
    the sort). One sort of (other, row) codes, quicker than an argsort."""
    if not len(other):
        return piece, other, common
    bits = np.uint64(max(1, (len(other) - 1).bit_length()))
    code = (other.astype(np.uint64) << bits) | np.arange(len(other), dtype=np.uint64)
    code.sort()
    row = (code & ((np.uint64(1) << bits) - np.uint64(1))).astype(np.int64)
    return piece[row], (code >> bits).astype(np.int64), common[row]


def _evidence(
    pair: np.ndarray, piece: np.ndarray, agree: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per article pair: its code, how many distinct pieces, the best agreement, and the
    row that has it."""
    if not len(pair):
        return pair, pair, pair, pair
    # by pair, then piece, the best agreement first
    order = np.lexsort((-agree.astype(np.int64), piece, pair))
    pair, piece, agree = pair[order], piece[order], agree[order]
    starts = np.flatnonzero(np.append(True, pair[1:] != pair[:-1]))
    distinct = np.append(True, (pair[1:] != pair[:-1]) | (piece[1:] != piece[:-1]))
    pieces = np.add.reduceat(distinct.astype(np.int64), starts)
    best = np.maximum.reduceat(agree, starts)
    # the first row of its pair with the best agreement
    is_best = agree == np.repeat(best, np.diff(np.append(starts, len(pair))))
    group = np.cumsum(np.append(True, pair[1:] != pair[:-1])) - 1
    rows = np.flatnonzero(is_best)
    first = rows[np.append(True, group[rows][1:] != group[rows][:-1])]
    return pair[starts], pieces, best, order[first]

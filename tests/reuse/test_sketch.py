"""The candidate index's array machinery, against plain Python on random data."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from corroborate.reuse import sketch
from corroborate.reuse.sketch import _Growing, _key_range, _top_bits

SHIFT = np.uint64(8)


def _entries(keys: np.ndarray) -> np.ndarray:
    """Sorted index entries (key << 8 | a running number) for ``keys``."""
    numbers = np.arange(len(keys), dtype=np.uint64)
    return np.sort((keys.astype(np.uint64) << SHIFT) | numbers)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_key_range_finds_every_run_short_or_long(seed: int) -> None:
    rng = np.random.default_rng(seed)
    # keys held from once to far past the entries looked at before searching
    held = np.repeat(np.arange(0, 400, 2), rng.integers(1, 3 * sketch.NEXT_LOOKS, 200))
    segment = _entries(held)
    keys = np.sort(rng.integers(0, 410, 300).astype(np.uint64))  # repeats, misses, past the end
    left, right = _key_range(segment, keys, SHIFT)
    for key, start, end in zip(keys.tolist(), left.tolist(), right.tolist(), strict=True):
        found = [n for n, entry in enumerate(segment.tolist()) if entry >> 8 == key]
        if found:
            assert (start, end) == (found[0], found[-1] + 1)
        else:
            assert start == end


def test_key_range_of_an_empty_segment_is_empty() -> None:
    keys = np.array([3, 3, 7], dtype=np.uint64)
    left, right = _key_range(np.empty(0, dtype=np.uint64), keys, SHIFT)
    assert left.tolist() == right.tolist() == [0, 0, 0]


def test_growing_array_keeps_its_rows_whether_moved_or_copied() -> None:
    grow = _Growing(np.uint16, 3)
    grow.extend(np.full((5, 3), 1, dtype=np.uint16))
    view = grow.values  # alive: the next growth must copy, not move the memory
    grow.extend(np.full((7, 3), 2, dtype=np.uint16))
    del view
    grow.extend(np.full((9, 3), 3, dtype=np.uint16))
    assert grow.values[:, 0].tolist() == [1] * 5 + [2] * 7 + [3] * 9


def test_top_bits_are_the_top_sixteen_bits() -> None:
    hashes = np.random.default_rng(5).integers(0, 2**63, 50, dtype=np.uint64) * np.uint64(2)
    assert _top_bits(hashes).tolist() == (hashes >> np.uint64(48)).tolist()


def test_agreement_counts_equal_values_in_any_lane() -> None:
    rng = np.random.default_rng(9)
    signatures = rng.integers(0, 2**16, (40, sketch.NUM_PERM), dtype=np.uint16)
    # pairs of rows made to agree on a chosen number of values, edge values included
    signatures[::2][:, :3] = [0, 0x8000, 0xFFFF]
    for row in range(1, 40, 2):
        agree = rng.choice(sketch.NUM_PERM, row % (sketch.NUM_PERM + 1), replace=False)
        signatures[row, agree] = signatures[row - 1, agree]
    one, other = np.arange(0, 40, 2), np.arange(1, 40, 2)
    expected = (signatures[one] == signatures[other]).sum(axis=1)
    assert sketch._agreement(signatures, one, other).tolist() == expected.tolist()


def test_segments_stay_sorted_end_to_end_and_halve_in_size() -> None:
    rng = np.random.default_rng(11)
    index = sketch.PieceIndex()
    pieces = 0
    for batch in range(1, 12):
        keys = rng.integers(0, 50, 20 * batch).astype(np.uint64)
        numbers = np.arange(pieces, pieces + len(keys), dtype=np.uint64)
        pieces += len(keys)
        index._index(np.sort((keys << np.uint64(sketch._PIECE_BITS)) | numbers))
        segments = index._segments()
        assert sum(len(s) for s in segments) == pieces
        for older, younger in itertools.pairwise(segments):
            assert len(older) >= 2 * len(younger)
        for segment in segments:
            assert (np.diff(segment.astype(np.int64)) > 0).all()

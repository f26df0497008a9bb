"""The span index answers as trying every span would."""

from __future__ import annotations

import random

from corroborate.claims.spans import SpanIndex


def test_overlapping_and_containing_agree_with_a_full_scan() -> None:
    rng = random.Random(7)
    spans = []
    for n in range(400):
        start = rng.randrange(0, 5000)
        spans.append((start, start + rng.randrange(1, 120), n))
    index = SpanIndex(spans)
    for _ in range(300):
        start = rng.randrange(0, 5100)
        end = start + rng.randrange(1, 60)
        overlapping = sorted(n for a, b, n in spans if a < end and start < b)
        containing = sorted(n for a, b, n in spans if a <= start and end <= b)
        assert sorted(index.overlapping(start, end)) == overlapping
        assert sorted(index.containing(start, end)) == containing


def test_an_empty_index_finds_nothing() -> None:
    index: SpanIndex[int] = SpanIndex([])
    assert index.overlapping(0, 10) == [] and index.containing(0, 10) == []

"""Which of many character spans overlap or contain a given one, without trying them all.

An article of a megabyte holds thousands of attributions; asking every pair whether one
holds the other is quadratic. Spans are short (a sentence, a paragraph), so sorting them
by start and looking back no further than the longest one finds the same answers.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Generic, TypeVar

__all__ = ["SpanIndex"]

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Spans ``[start, end)`` with a value each."""

    def __init__(self, items: Iterable[tuple[int, int, T]]) -> None:
        ordered = sorted(items, key=lambda item: (item[0], item[1]))
        self._starts = [start for start, _, _ in ordered]
        self._items = ordered
        self._longest = max((end - start for start, end, _ in ordered), default=0)

    def overlapping(self, start: int, end: int) -> list[T]:
        """Values of the spans sharing at least one character with ``[start, end)``."""
        return [value for a, b, value in self._near(start, end) if a < end and start < b]

    def containing(self, start: int, end: int) -> list[T]:
        """Values of the spans that hold all of ``[start, end)``."""
        return [value for a, b, value in self._near(start, end) if a <= start and end <= b]

    def _near(self, start: int, end: int) -> list[tuple[int, int, T]]:
        # Every span that can reach ``start`` begins at most ``longest`` before it.
        first = bisect.bisect_left(self._starts, start - self._longest)
        last = bisect.bisect_left(self._starts, end)
        return self._items[first:last]

"""The PolNeAR scorer (benchmarks/polnear.py) counts spans as multisets."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import polnear


def _scored(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> polnear.Tally:
    text = "Ada Lund said the dam held and added that the river fell."
    exact, overlap = polnear.Tally(), polnear.Tally()
    polnear.score_role(text, gold, predicted, exact, overlap)
    return exact


def test_a_source_shared_by_two_attributions_can_match_twice() -> None:
    # Two attributions with one subject: gold has the source twice.
    exact = _scored([(0, 8), (0, 8)], [(0, 8), (0, 8)])
    assert (exact.matched_gold, exact.matched_predicted) == (2, 2)
    assert exact.set_hits == 1  # the count before: the set of predicted spans


def test_a_span_matches_no_more_often_than_it_is_predicted_or_annotated() -> None:
    assert _scored([(0, 8), (0, 8)], [(0, 8)]).matched_gold == 1
    assert _scored([(0, 8)], [(0, 8), (0, 8)]).matched_predicted == 1
    # White space around a span does not count.
    assert _scored([(0, 8)], [(0, 9)]).matched_gold == 1

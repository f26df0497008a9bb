"""Passage alignment: shared sentences found with their spans in both articles."""

from __future__ import annotations

import numpy as np

from corroborate.reuse.align import align, strong_matches
from corroborate.reuse.pieces import ArticlePieces

REUSED = (
    "The harbour authority closed the east pier on Tuesday after divers found cracks in "
    "three of its oldest pillars. Ferries were sent to the west quay while engineers "
    "assessed the damage, a spokeswoman for the authority said."
)
SOURCE = (
    f"KELSO BAY, Estria (CW) — {REUSED}\n\nRepairs could take until the spring, officials warned."
)
OWN = (
    "Shopkeepers on the promenade said the closure had already cost them customers. "
    "Several cafes near the pier reported their quietest week since the winter storms."
)


def test_a_reused_paragraph_inside_a_different_article_is_found() -> None:
    copy = f"{OWN}\n\n{REUSED}\n\nThe town council will debate the harbour budget next month."
    alignment = align(ArticlePieces.of(SOURCE), ArticlePieces.of(copy))
    (passage,) = alignment.passages
    assert copy[passage.copy_span[0] : passage.copy_span[1]] == REUSED
    assert SOURCE[passage.source_span[0] : passage.source_span[1]].endswith(REUSED)
    assert passage.sentences == 2 and passage.similarity > 0.9
    assert 0.3 < alignment.coverage_copy < 0.7
    assert alignment.coverage_source > 0.6


def test_light_edits_still_align() -> None:
    edited = REUSED.replace("on Tuesday", "on October 22").replace(
        "a spokeswoman for the authority said", "the authority's spokeswoman said"
    )
    alignment = align(ArticlePieces.of(SOURCE), ArticlePieces.of(f"{OWN}\n\n{edited}"))
    (passage,) = alignment.passages
    assert passage.sentences == 2 and passage.similarity < 1.0


def test_independent_reports_of_the_same_event_do_not_align() -> None:
    other = (
        "Divers working under the east pier in Kelso Bay discovered cracked pillars, and "
        "the harbour authority shut the structure on Tuesday. The authority moved ferry "
        "services to the west quay for the time being, according to its spokeswoman."
    )
    assert align(ArticlePieces.of(SOURCE), ArticlePieces.of(other)).passages == ()


def test_degenerate_texts_align_to_nothing() -> None:
    for text in ["", "word", '""""""""""', "1 2 3 4 5 6 7 8 9 10 11 12"]:
        assert align(ArticlePieces.of(text), ArticlePieces.of(SOURCE)).passages == ()


def test_strong_matches_follow_the_alignment_rule() -> None:
    common = np.array([3, 4, 4, 14, 12, 9])
    size_a = np.array([3, 6, 20, 40, 40, 20])
    size_b = np.array([3, 6, 20, 40, 13, 30])
    # too few shared; near; a phrase in two long sentences; a long run; nearly all of
    # one inside the other; neither near nor long
    expected = [False, True, False, True, True, False]
    assert strong_matches(common, size_a, size_b).tolist() == expected

"""News tells casualties in words WordNet does not link: the injured are "taken to
hospital", the dead "killed" or "died". Those claims group; whether two figures count
one thing is still decided by their own predicates, so "nine injured" and "four taken
to hospital" from one speaker are two counts, not a conflict. The story is fictional."""

from __future__ import annotations

import pytest

from corroborate.corroboration.story import StoryCorroboration

from .stories import corroborate_texts

FIRST = """ outlet Brenna Wire
 date 2034-03-02
Coach overturns on the Skarholt pass

SKARHOLT, Velsia (BW) — A tourist coach overturned on the icy Skarholt pass on Saturday morning.

Eleven passengers were injured in the crash.

Two passengers were killed when the coach slid into a ditch, the police said.

Road warden Ivo Markel said the pass had not been gritted since Thursday.
"""

SECOND = """ outlet Tallow Post
 date 2034-03-02
Two dead as coach crashes on Skarholt pass

A tourist coach overturned on the icy Skarholt pass on Saturday morning, sending it into a roadside ditch.

At least ten passengers were taken to hospital in Velsby.

Two passengers died at the scene, the police said.

Mountain rescue chief Dora Falk said nine people were injured, and four people were taken to hospital with broken bones after the crash.
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> StoryCorroboration:
    return corroborate_texts(tmp_path_factory.mktemp("coach"), {"first": FIRST, "second": SECOND})


def _group_of(story: StoryCorroboration, words: str) -> str:
    return story.group_of(next(v.id for v in story.claims.views if words in v.text)).id


def test_the_injured_taken_to_hospital_group(story: StoryCorroboration) -> None:
    assert _group_of(story, "Eleven passengers were injured") == _group_of(
        story, "At least ten passengers were taken to hospital"
    )


def test_the_killed_and_the_dead_group(story: StoryCorroboration) -> None:
    assert _group_of(story, "Two passengers were killed") == _group_of(story, "Two passengers died")


def test_injured_and_taken_to_hospital_stay_two_counts(story: StoryCorroboration) -> None:
    conflicts = [c for g in story.groups for c in g.conflicts if c.kind == "quantity"]
    assert not conflicts, [c.note for c in conflicts]

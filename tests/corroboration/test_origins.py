"""Independent origins: a body's spokeswoman and its chair are one origin, and the same
words from both are no misattribution."""

from __future__ import annotations

import pytest

from corroborate.corroboration.story import StoryCorroboration

from .stories import corroborate_texts

GAZETTE = """ outlet Tarn Gazette
 date 2031-06-02
Tarnmouth quay to reopen after crane repairs

TARNMOUTH — Ferry crews have used the south quay since the rails buckled in a storm last week.

Tarnmouth Harbour Board spokeswoman Ada Lenn said the north quay would reopen on Friday after repairs to the crane rails.
"""

RADIO = """ outlet Coastline Radio
 date 2031-06-02
North quay reopening set for Friday

Fishing boats have waited outside the harbour for days.

Tarnmouth Harbour Board chair Piet Oster said the north quay would reopen on Friday once the crane rails were repaired.
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> StoryCorroboration:
    return corroborate_texts(tmp_path_factory.mktemp("quay"), {"gazette": GAZETTE, "radio": RADIO})


def test_a_spokeswoman_and_her_chair_are_one_origin(story: StoryCorroboration) -> None:
    group = next(
        g for g in story.groups if {m.speaker for m in g.members} == {"Ada Lenn", "Piet Oster"}
    )
    assert group.support.origins == ("Piet Oster",)
    assert group.support.outlet_groups == 2
    assert group.support.status == "single-source"
    assert not [c for c in group.conflicts if c.kind == "attribution"]

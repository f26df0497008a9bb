"""Independent origins: a body's spokeswoman and its chair are one origin, and the same
words from both are no misattribution."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.corroboration.story import StoryCorroboration
from corroborate.corroboration.views import unnamed_origin

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


@pytest.mark.parametrize(
    ("source", "origin"),
    [
        ("a senior harbour official, who asked not to be named", "unnamed officials"),
        ("Neighbours of the grain depot in Vellby", "unnamed neighbours"),
        ("A port spokesman", "unnamed spokesmen"),
        ("the city", "unnamed cities"),
        ("Harbour records", "unnamed records"),
        ("police", "unnamed police"),
        (None, "unnamed sources"),
    ],
)
def test_an_unnamed_source_is_counted_by_its_head_noun(source: str | None, origin: str) -> None:
    assert unnamed_origin(source) == origin


SELF_NAMED = """ outlet Tarn Gazette
 date 2031-06-02
Quay repairs questioned

TARNMOUTH — The north quay has been shut since the crane rails buckled in a storm last week.

Tarn Gazette has asked the harbour board for its inspection records of the crane rails.
"""


def test_an_outlet_naming_itself_as_source_is_the_outlet(tmp_path: Path) -> None:
    story = corroborate_texts(tmp_path, {"gazette": SELF_NAMED})
    asked = next(m for g in story.groups for m in g.members if "inspection records" in m.text)
    assert asked.source_text == "Tarn Gazette"
    assert asked.origin == "Tarn Gazette"

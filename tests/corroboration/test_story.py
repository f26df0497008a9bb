"""Corroboration of one fictional story, through every stage (ingest, reuse, stories,
claims): the copy counts with its source, the mayor's two figures conflict, a later
figure is an update, a denial contests the claim it answers, and a quote printed by
three outlets is one speaker's words."""

from __future__ import annotations

import pytest

from corroborate.corroboration.story import StoryCorroboration

from .stories import corroborate_texts

WIRE = """ outlet Northgate Wire
 date 2031-03-02
Floodwater shuts bridges in Dunmore

DUNMORE, Estovia (NW) — Floodwater closed the Kettle Bridge in the river town of Dunmore on Sunday after two days of heavy rain.

Mayor Ilse Brandt said about 400 residents had been evacuated from the streets along the Rell river overnight.

River warden Oskar Lind said the water had risen two metres since Friday. “We have never seen the Rell this high in March, and the rain has not stopped,” Lind said.

Mira Sol, who chairs the residents' council, said a release of water from the Dunmore reservoir had made the flooding worse.

The town's schools will stay closed on Monday.
"""

COPY = """ outlet Valley Post
 date 2031-03-02
Dunmore bridge closed by flood

Floodwater closed the Kettle Bridge in the river town of Dunmore on Sunday after two days of heavy rain.

Mayor Ilse Brandt said about 400 residents had been evacuated from the streets along the Rell river overnight.

River warden Oskar Lind said the water had risen two metres since Friday. “We have never seen the Rell this high in March, and the rain has not stopped,” Lind said.

Mira Sol, who chairs the residents' council, said a release of water from the Dunmore reservoir had made the flooding worse.

With reporting by Northgate Wire
"""

HERALD = """ outlet Estovia Herald
 date 2031-03-02
Hundreds leave homes as the Rell floods Dunmore

Rescue boats worked through Sunday in Dunmore, where the Rell burst its banks.

Mayor Ilse Brandt told reporters that up to 900 residents had been evacuated from the streets along the river.

“We have never seen the Rell this high in March,” Lind told the Herald.

The Dunmore Water Company denied that its reservoir release had made the flooding worse.
"""

FOLLOW_UP = """ outlet Lakeside Times
 date 2031-03-04
Dunmore evacuations grow as the Rell keeps rising

The number of residents evacuated in Dunmore has risen to 1,500, Mayor Ilse Brandt said on Tuesday, as the Rell river kept rising.
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> StoryCorroboration:
    return corroborate_texts(
        tmp_path_factory.mktemp("flood"),
        {"wire": WIRE, "copy": COPY, "herald": HERALD, "later": FOLLOW_UP},
    )


def _outlets(result: StoryCorroboration, claim_ids: tuple[str, ...]) -> set[str]:
    return {result.view(i).outlet for i in claim_ids}


def test_the_copy_counts_with_its_source(story: StoryCorroboration) -> None:
    by_outlet = {v.outlet: v.outlet_group for v in story.claims.views}
    assert by_outlet["Valley Post"] == by_outlet["Northgate Wire"]
    assert by_outlet["Estovia Herald"] != by_outlet["Northgate Wire"]
    assert len(story.claims.outlet_groups) == 3


def test_the_mayors_two_figures_conflict(story: StoryCorroboration) -> None:
    conflicts = [c for g in story.groups for c in g.conflicts if c.kind == "quantity"]
    assert len(conflicts) == 1
    labels = {side.label for side in conflicts[0].sides}
    assert labels == {"about 400 residents", "up to 900 residents"}
    sides = [_outlets(story, side.claim_ids) for side in conflicts[0].sides]
    assert {"Northgate Wire", "Valley Post"} in sides and {"Estovia Herald"} in sides
    group = story.group_of(conflicts[0].sides[0].claim_ids[0])
    assert group.support.status == "conflicting"


def test_a_later_figure_is_an_update_not_a_conflict(story: StoryCorroboration) -> None:
    later = [u for u in story.updates if story.view(u.later).outlet == "Lakeside Times"]
    assert later and later[0].kind == "revised"
    assert story.view(later[0].earlier).outlet in {
        "Northgate Wire",
        "Valley Post",
        "Estovia Herald",
    }
    in_conflict = {
        i for g in story.groups for c in g.conflicts for s in c.sides for i in s.claim_ids
    }
    assert later[0].later not in in_conflict


def test_a_denial_contests_the_claim(story: StoryCorroboration) -> None:
    denied = [g for g in story.groups if any(m.denied for m in g.members)]
    assert len(denied) == 1
    group = denied[0]
    assert group.support.status == "denied"
    assert any(not m.denied and m.speaker == "Mira Sol" for m in group.members)
    assert [c.kind for c in group.conflicts] == ["polarity"]


def test_one_quote_in_three_outlets(story: StoryCorroboration) -> None:
    variants = [v for g in story.groups for v in g.quote_variants if v.speaker == "Oskar Lind"]
    assert len(variants) == 1
    kinds = dict(variants[0].kinds)
    assert sorted(kinds.values()) == ["identical", "truncated"]
    group = story.group_of(variants[0].base)
    assert group.support.origins == ("Oskar Lind",)
    assert group.support.outlet_groups == 2 and group.support.status == "single-source"


def test_groups_as_library_records(story: StoryCorroboration) -> None:
    for group in story.groups:
        record = group.record(story.story_id)
        assert record.claim_ids == tuple(m.id for m in group.members)
        assert record.status == group.support.status
        assert record.independent_origins == len(group.support.origins)
        kinds = {relation for _, _, relation in record.relations}
        assert kinds <= {"agrees"} | {f"conflict:{c.kind}" for c in group.conflicts}
        if group.conflicts:
            assert any(r.startswith("conflict:") for r in kinds)

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


BOARD = """ outlet Tarn Gazette
 date 2031-06-09
Tarnmouth quay shut again after second storm

TARNMOUTH — Ferry crews moved back to the south quay on Monday after a second storm in a week.

The Tarnmouth Harbour Board said the north quay would stay shut until the crane rails were checked again.
"""

OFFICIALS = """ outlet Coastline Radio
 date 2031-06-09
North quay closed after storm damage

Fishing boats sheltered in the outer harbour on Monday as the storm passed.

The north quay would stay shut until the crane rails were checked again, {source} said.
"""


@pytest.mark.parametrize(
    ("source", "origins"),
    [
        # Officials named by the body they work for speak for it.
        ("harbour officials", ("Tarnmouth Harbour Board",)),
        ("a senior harbour official", ("Tarnmouth Harbour Board",)),
        # A place is no body: the board carries the town's name, so do others.
        ("Tarnmouth officials", ("Tarnmouth Harbour Board", "unnamed officials")),
        # Residents do not speak for the harbour.
        ("harbour residents", ("Tarnmouth Harbour Board", "unnamed residents")),
    ],
)
def test_unnamed_officials_of_a_body_are_the_body(
    tmp_path: Path, source: str, origins: tuple[str, ...]
) -> None:
    story = corroborate_texts(
        tmp_path, {"board": BOARD, "radio": OFFICIALS.format(source=source)}
    )
    group = next(g for g in story.groups if len(g.support.articles) == 2 and g.members[0].speaker)
    assert sorted(group.support.origins) == sorted(origins)


MAYOR = """ outlet Vell Courier
 date 2031-07-04
Vellby moves flooded families to the sports hall

VELLBY — Mayor Rosa Imre said 300 residents of the river streets had been moved to the sports hall overnight.
"""

OFFICE = """ outlet Estovia Herald
 date 2031-07-04
Families sleep in Vellby sports hall after flood

About 300 residents of the river streets were moved to the sports hall overnight, according to the mayor's office.
"""


def test_a_roles_office_is_the_person_holding_the_role(tmp_path: Path) -> None:
    story = corroborate_texts(tmp_path, {"mayor": MAYOR, "office": OFFICE})
    group = next(g for g in story.groups if len(g.support.articles) == 2)
    assert group.support.origins == ("Rosa Imre",)
    assert group.support.status == "single-source"


MINISTRY = """ outlet Tarn Gazette
 date 2031-08-12
Mountain pass stays shut after snow

DRAVEN — Freedonia's transport ministry said the Kessel pass would stay shut until Friday while snow ploughs cleared the road.
"""

STATE = """ outlet Coastline Radio
 date 2031-08-12
Kessel pass closed until Friday

Lorries queued at the border on Tuesday.

Freedonia said the Kessel pass would stay shut until Friday while snow ploughs cleared the road.
"""

MINISTRY_OFFICIALS = """ outlet Estovia Herald
 date 2031-08-12
Snow keeps Kessel pass closed

Drivers slept in their cabs at the border on Tuesday.

The Kessel pass would stay shut until Friday while snow ploughs cleared the road, transport ministry officials said.
"""


@pytest.mark.parametrize(
    ("other", "origins"),
    [
        # The ministry speaks for the state it belongs to: one origin, the state.
        (STATE, ("Freedonia",)),
        # Its officials speak for the ministry.
        (MINISTRY_OFFICIALS, ("Freedonia's transport ministry",)),
    ],
)
def test_a_body_named_by_its_owner_is_one_origin_with_it(
    tmp_path: Path, other: str, origins: tuple[str, ...]
) -> None:
    story = corroborate_texts(tmp_path, {"ministry": MINISTRY, "other": other})
    group = next(g for g in story.groups if len(g.support.articles) == 2)
    speakers = {m.speaker for m in group.members}
    assert "Freedonia's transport ministry" in speakers
    assert group.support.origins == origins


SPOKESWOMAN = """ outlet Tarn Gazette
 date 2031-06-02
Tarnmouth quay to reopen after crane repairs

TARNMOUTH — Ferry crews have used the south quay since the rails buckled in a storm last week.

A spokeswoman for Tarnmouth Harbour Board, Mira Kovac, said the north quay would reopen on Friday after repairs to the crane rails.
"""

BOARD_SAID = """ outlet Coastline Radio
 date 2031-06-02
North quay reopening set for Friday

Fishing boats have waited outside the harbour for days.

Tarnmouth Harbour Board said the north quay would reopen on Friday once the crane rails were repaired.
"""


def test_a_spokeswomans_words_rest_on_the_body_she_speaks_for(tmp_path: Path) -> None:
    story = corroborate_texts(tmp_path, {"gazette": SPOKESWOMAN, "radio": BOARD_SAID})
    group = next(g for g in story.groups if len(g.support.articles) == 2)
    assert {m.speaker for m in group.members} == {"Mira Kovac", "Tarnmouth Harbour Board"}
    assert group.support.origins == ("Tarnmouth Harbour Board",)


COLD_STORE = """ outlet Fenwick Post
 date 2036-04-08
Cold store shut after ammonia leak

FENWICK — A cold store run by Brindle Storage Ltd on the Fenwick ring road was shut on Monday after an ammonia leak.

Its managing director said the company would reopen the store once engineers had checked its pipes. Brindle Storage Ltd denied that staff had been put at risk. "Every alarm worked as it should, and no one was hurt," company spokeswoman Ilse Varn said.

The Coldside Packers' Union said staff had reported a smell of ammonia in the loading bay in March. "Nothing was done," company spokesman Tomas Erd said.
"""

RING_ROAD = """ outlet Ringroad Courier
 date 2036-04-08
Ammonia leak closes Brindle cold store

FENWICK — An ammonia leak closed the Brindle Storage Ltd cold store on the ring road on Monday.

The Fenwick fire service said crews had sealed a cracked valve. A spokesman, Oskar Lind, said the air around the site was safe.
"""


def test_a_spokesperson_whose_role_names_no_body_speaks_for_the_body_quoted_before(
    tmp_path: Path,
) -> None:
    """ "A spokesman" and "company spokeswoman" name no body: each speaks for the
    organisation the report quoted just before (a company the story calls "the
    company"). A company spokesman quoted just after a union is not the union's."""
    story = corroborate_texts(tmp_path, {"post": COLD_STORE, "courier": RING_ROAD})
    origin = {v.speaker: v.origin for v in story.claims.views if v.speaker}
    fire_service = next(v.origin for v in story.claims.views if "cracked valve" in v.text)
    assert origin["Ilse Varn"] == "Brindle Storage Ltd"
    assert origin["Oskar Lind"] == fire_service
    assert origin["Tomas Erd"] == "Tomas Erd"

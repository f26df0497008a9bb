"""Updates without a figure: a later report that a state or a date changed ("would be
reviewed" -> "was lifted"; "closed for the day" -> "will stay closed until Friday") is
an update, and a later report that repeats the earlier one is not."""

from __future__ import annotations

import pytest

from corroborate.corroboration.story import StoryCorroboration

from .stories import corroborate_texts

FIRST = """ outlet Velmora Courier
 date 2032-09-06
Crane collapse shuts Tessel ferry terminal

VELMORA (VC) — A harbour crane collapsed onto the main pier of the Tessel ferry terminal in Velmora on Monday, damaging two moored ferries.

Port director Anika Rost said the ban on boats entering the inner basin would be reviewed on Wednesday morning.

The Tessel ferry terminal was closed for the day, the harbour authority said.

Rost said engineers from the crane's maker were flying in to inspect the wreck.
"""

SECOND = """ outlet Lantern Daily
 date 2032-09-06
Velmora crane falls on ferry pier

A harbour crane fell onto the main pier of the Tessel ferry terminal in Velmora on Monday, damaging two moored ferries.

Port director Anika Rost said engineers from the crane's maker were flying in to inspect the wreck.
"""

LATER = """ outlet Orrin Post
 date 2032-09-08
Tessel ferry terminal to stay shut after crane collapse

The ban on boats entering Velmora's inner basin was lifted on Wednesday morning, port director Anika Rost said, two days after a harbour crane collapsed onto the main pier of the Tessel ferry terminal.

The Tessel ferry terminal will stay closed until Friday, the harbour authority said.

Rost said engineers from the crane's maker were flying in to inspect the wreck.
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> StoryCorroboration:
    return corroborate_texts(
        tmp_path_factory.mktemp("crane"), {"first": FIRST, "second": SECOND, "later": LATER}
    )


def _updates(story: StoryCorroboration) -> list[tuple[str, str]]:
    return [(story.view(u.earlier).text, story.view(u.later).text) for u in story.updates]


def test_a_state_changed_in_a_later_report_is_an_update(story: StoryCorroboration) -> None:
    found = _updates(story)
    assert any("reviewed" in earlier and "lifted" in later for earlier, later in found), found


def test_a_date_moved_in_a_later_report_is_an_update(story: StoryCorroboration) -> None:
    found = _updates(story)
    assert any("for the day" in earlier and "until Friday" in later for earlier, later in found), (
        found
    )


def test_a_statement_repeated_later_is_no_update(story: StoryCorroboration) -> None:
    assert not any("inspect" in later for _, later in _updates(story))
    assert not any(c.kind == "date" for g in story.groups for c in g.conflicts), (
        "a moved date is an update, not a conflict"
    )


def test_an_update_note_says_what_changed_not_both_wordings(story: StoryCorroboration) -> None:
    lifted = next(u for u in story.updates if "lifted" in story.view(u.later).text)
    assert lifted.note.startswith("lifted (2032-09-08), since 2032-09-06"), lifted.note
    assert "reviewed" not in lifted.note


def test_the_later_side_of_an_update_is_a_statement_of_its_own(
    story: StoryCorroboration,
) -> None:
    """The lifted ban is not another wording of the ban to be reviewed: each has its
    group, and the update links them."""
    for update in story.updates:
        assert story.group_of(update.earlier) is not story.group_of(update.later)
    # A statement told again later, unchanged, stays with its first telling.
    inspect = [v for v in story.claims.views if "inspect the wreck" in v.text]
    assert len({story.group_of(v.id).id for v in inspect}) == 1

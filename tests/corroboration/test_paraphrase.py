"""Claims retold in other words: WordNet's senses relate "failed" and "gave way", a
speaker's reworded date is compared with the first, and a denial is a denial, not the
same words given to two people. The story is fictional."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.corroboration.story import StoryCorroboration
from corroborate.corroboration.synonyms import meanings_of, related, wordnet_available
from corroborate.corroboration.views import stem, stems_of

from .stories import corroborate_texts


def _related(left: str, right: str) -> set[tuple[str, str]]:
    """The (left stem, right stem) pairs the two texts say in other words."""
    a = meanings_of(left, stems_of(left), stem)
    b = meanings_of(right, stems_of(right), stem)
    return {(x, y) for x in a for y in b if x != y and related(a[x], b[y])}


def test_wordnet_ships_with_the_install() -> None:
    assert wordnet_available() is not None


def test_synonyms_and_kinds_of_are_related() -> None:
    assert ("fail", "give") in _related("the levee failed", "the levee gave way")
    assert _related("the fire broke out", "the blaze started") == {
        ("fire", "blaz"),
        ("break", "start"),
    }
    assert _related("two guards were injured", "two guards were hurt") == {("injur", "hurt")}


def test_adjectives_and_adverbs_of_one_sense_are_related() -> None:
    assert ("insid", "indoor") in _related("told to stay inside", "told to stay indoors")
    assert ("fault", "defecti") in _related("a faulty valve", "a defective valve")
    assert not _related("the water level was higher", "the water level was lower")


def test_a_verb_and_what_it_causes_are_related() -> None:
    """ "the gale felled two oaks" / "two oaks came down": a cause and its effect, in
    WordNet's cause pointers; "came down" is compared as the phrasal verb it is, though
    "came" alone is too common a word to compare."""
    assert ("fell", "come") in _related("the gale felled two oaks", "two oaks came down")
    assert ("rais", "rise") in _related("the council raised the fee", "the fee rose")
    assert "come" not in stems_of("the ferry came into the harbour")


def test_words_that_only_share_a_parent_are_not() -> None:
    # "rose" and "fell" are both changes of size; "bought" and "sold" both transfers.
    assert not _related("the price rose sharply", "the price fell sharply")
    assert not _related("the council bought the depot", "the council sold the depot")
    assert not _related("40 people were treated", "95 people remained missing")


HARBOUR = """ outlet Harbour Wire
 date 2033-06-10
Timber yard fire in Osterby

Fire chief Nora Lindqvist said the blaze started on June 8 at the Osterby timber yard.

Union organiser Maria Jensen said the owner had cut the sprinkler maintenance budget before the fire.

Crews were still damping down the Osterby timber yard on Friday.
"""

FENWICK = """ outlet Fenwick Daily
 date 2033-06-10
Osterby yard fire: owner rejects union claim

Fire chief Nora Lindqvist told reporters the fire broke out on June 7 at the Osterby timber yard.

Yard manager Stig Holmgren denied slashing the sprinkler maintenance budget.

Osterby Timberworks runs the timber yard near the Osterby harbour.
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> StoryCorroboration:
    return corroborate_texts(
        tmp_path_factory.mktemp("yard"), {"harbour": HARBOUR, "fenwick": FENWICK}
    )


def test_a_reworded_event_on_two_days_is_a_date_conflict(story: StoryCorroboration) -> None:
    dates = [c for g in story.groups for c in g.conflicts if c.kind == "date"]
    assert len(dates) == 1
    assert {side.label for side in dates[0].sides} == {"2033-06-07", "2033-06-08"}


def test_a_denial_is_not_a_misattribution(story: StoryCorroboration) -> None:
    conflicts = [c for g in story.groups for c in g.conflicts]
    assert [c.kind for c in conflicts if c.kind != "date"] == ["polarity"]
    denied = next(g for g in story.groups if any(m.denied for m in g.members))
    assert any(m.speaker == "Maria Jensen" for m in denied.members)


def test_a_denial_is_compared_without_its_own_attribution(story: StoryCorroboration) -> None:
    denial = next(v for v in story.claims.views if v.denied)
    assert denial.speaker == "Stig Holmgren" and "Stig Holmgren" in denial.text
    assert stem("holmgren") not in denial.stems
    assert stem("slashing") in denial.stems


def test_an_event_noun_and_the_verb_it_is_made_from_are_related() -> None:
    """ "the strike" names what "walked out" does (WordNet's derivational pointer from
    the noun's sense to the verb's), as "the collapse" does "gave way"."""
    assert ("strik", "walk") in _related("the strike at the mill", "millers walked out")
    assert ("collaps", "give") in _related("the collapse of the pier", "the pier gave way")
    assert not _related("the strike at the mill", "millers were paid")


DOCK_POST = """ outlet Dock Post
 date 2037-03-06
Tarnby dock strike enters third day

TARNBY — Cranes stood idle at the Tarnby container terminal on Thursday as workers stayed away.

Union organiser Tamsin Orrel said the strike began on 4 March.

Workers want the night-shift bonus restored.

Shipping agents said vessels were being sent to other ports while workers picketed the gates.
"""

LOCK_HERALD = """ outlet Lock Herald
 date 2037-03-06
Tarnby terminal idle as workers stay out

TARNBY — No containers have moved through the Tarnby terminal since workers left their posts.

Union organiser Tamsin Orrel said workers first walked out on 3 March.

Workers at the terminal's repair shop joined the picket on Wednesday.

Talks with the terminal operator are due next week.
"""


def test_one_speaker_dating_one_event_two_ways_is_a_date_conflict(tmp_path: Path) -> None:
    """ "the strike began on 4 March" / "workers first walked out on 3 March": one
    speaker, one event in other words (the noun "strike", the verb "walked out"), two
    days: one statement, with a date conflict, though the words alone are too few and
    too common in the story ("workers") to join the two."""
    story = corroborate_texts(tmp_path, {"post": DOCK_POST, "herald": LOCK_HERALD})
    dates = [c for g in story.groups for c in g.conflicts if c.kind == "date"]
    assert [sorted(side.label for side in c.sides) for c in dates] == [
        ["2037-03-03", "2037-03-04"]
    ]


def test_one_speakers_events_days_apart_are_two_statements(tmp_path: Path) -> None:
    """ "the talks began on 20 February" and "the strike began on 4 March": one
    speaker, alike words before each day, but days apart: two events, no conflict."""
    herald = LOCK_HERALD.replace(
        "workers first walked out on 3 March", "the talks began on 20 February"
    )
    story = corroborate_texts(tmp_path, {"post": DOCK_POST, "herald": herald})
    assert not [c for g in story.groups for c in g.conflicts if c.kind == "date"]

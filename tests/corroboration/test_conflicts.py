"""Quantity conflicts in fictional stories, through every stage: what makes two figures
one count told two ways, and what makes them counts of two things."""

from __future__ import annotations

from pathlib import Path

from corroborate.corroboration.counts import count_negated, count_predicate

from .stories import corroborate_texts

GAZETTE = """ outlet Harbour Gazette
 date 2033-02-10
Gale batters Pellmouth

PELLMOUTH — A gale swept over Pellmouth on Sunday night, tearing roofs from sheds and closing the coast road.

About 1,800 trees fell across the city.

Fallen trees blocked the main roads across the city on Monday.

Crews worked through the night to clear trees from the city's rail lines.

Power was cut to parts of the old town for several hours.
"""

TIMES = """ outlet Coastal Times
 date 2033-02-10
Pellmouth counts the cost of Sunday's gale

Residents of Pellmouth woke to broken fences and blocked streets after Sunday's gale.

3,100 trees fell across the city.

Trees fell on cars and garden walls across the city.

The city's parks were shut while trees were checked.

Schools in the north of the city opened late.
"""


def test_two_outlets_figures_in_the_same_words_conflict(tmp_path: Path) -> None:
    """The figures are compared as figures, not also as two words that differ: in a
    story where trees and the city are in every other sentence, the figure is most of
    what "3,100 trees fell across the city" says."""
    story = corroborate_texts(tmp_path, {"gazette": GAZETTE, "times": TIMES})
    conflicts = [c for g in story.groups for c in g.conflicts if c.kind == "quantity"]
    assert [sorted(s.label for s in c.sides) for c in conflicts] == [
        ["3,100 trees", "About 1,800 trees"]
    ]


LEDGER = """ outlet Valley Ledger
 date 2033-05-06
Blackout leaves Orsk in the dark

ORSK — Much of Orsk was still without electricity on Tuesday as engineers searched for the fault behind the blackout.

Grid manager Tobias Renn said the blackout began on May 3.

Shops across Orsk closed early because of the blackout.

Hospitals in Orsk ran on generators during the blackout.
"""

EVENING = """ outlet Orsk Evening News
 date 2033-05-06
Orsk blackout enters fourth day

Engineers in Orsk were still hunting for the cause of the blackout on Tuesday.

The blackout started on 2 May, grid manager Tobias Renn said.

Traffic lights across Orsk failed during the blackout.

Residents queued for water as the blackout went on.
"""


def test_a_short_event_on_two_days_is_a_date_conflict(tmp_path: Path) -> None:
    """Two words, "began" and "started" (a synonym), are too few for the
    whole-claim word score, but the words before each day say one event."""
    story = corroborate_texts(tmp_path, {"ledger": LEDGER, "evening": EVENING})
    conflicts = [c for g in story.groups for c in g.conflicts if c.kind == "date"]
    assert [sorted(s.label for s in c.sides) for c in conflicts] == [["2033-05-02", "2033-05-03"]]


COURIER = """ outlet Upland Courier
 date 2033-09-14
Brenmoor farmers without water

BRENMOOR — Hill farms above Brenmoor have had no mains water since Monday.

The Brenmoor Water Company denied cutting off supplies to the hill farms without notice.

Tankers brought drinking water to the farms on Tuesday.
"""

HERALD = """ outlet Moorland Herald
 date 2033-09-15
Hill farmers angry over Brenmoor water cut

Farmers above Brenmoor are still waiting for their mains water to return.

Farmers' leader Ada Whitlock said the company had cut supplies to the farms overnight without telling anyone.

Tankers have been bringing drinking water up to the farms.
"""

DISPATCH = """ outlet Brenmoor Dispatch
 date 2033-09-15
Water company answers hill farmers

BRENMOOR — The Brenmoor Water Company said on Tuesday that repairs to a burst main had left hill farms above the town without water.

"No supplies to the hill farms were cut off without notice," company spokeswoman Lena Brook said.

Repairs are expected to take two more days.
"""


def test_a_denial_reported_first_still_answers_the_claim(tmp_path: Path) -> None:
    """The denial is in the earlier article: the claim it answers, reported a day
    later, joins it on the denial's score as the denial would have joined the claim."""
    story = corroborate_texts(tmp_path, {"courier": COURIER, "herald": HERALD})
    conflicts = [c for g in story.groups for c in g.conflicts if c.kind == "polarity"]
    assert len(conflicts) == 1
    asserted, denied = ([story.view(i).text for i in side.claim_ids] for side in conflicts[0].sides)
    assert asserted == [
        "the company had cut supplies to the farms overnight without telling anyone"
    ]
    assert denied == [
        "The Brenmoor Water Company denied cutting off supplies to the hill farms without notice"
    ]


def test_words_that_negate_are_no_side_against_a_denial(tmp_path: Path) -> None:
    """ "No supplies ... were cut off" says what the denial says, in other words."""
    story = corroborate_texts(tmp_path, {"courier": COURIER, "dispatch": DISPATCH})
    denial = next(v for v in story.claims.views if v.denied)
    negated = next(v for v in story.claims.views if v.text.startswith("No supplies"))
    assert story.group_of(denial.id) is story.group_of(negated.id)
    assert not [c for g in story.groups for c in g.conflicts if c.kind == "polarity"]


MOUNTAIN_POST = """ outlet Mountain Post
 date 2034-01-18
Avalanche hits Skarven ski area

SKARVEN — An avalanche swept across a ski run above Skarven on Wednesday afternoon.

Mountain rescue chief Ivo Marten said 14 skiers were airlifted to the valley clinic with broken bones.

The lifts above Skarven were closed for the rest of the week.

Snow cannons were switched off while the slope was checked.
"""

VALLEY_NEWS = """ outlet Valley News
 date 2034-01-18
Search goes on after Skarven avalanche

Rescue teams with dogs searched the avalanche debris above Skarven into the night.

Mountain rescue chief Ivo Marten said 31 skiers were still unaccounted for on the upper slopes.

Families waited for news in the village hall.

The ski school cancelled its lessons.
"""

ALPINE_WIRE = """ outlet Alpine Wire
 date 2034-01-18
Skarven avalanche: rescue under way

Helicopters flew over the Skarven ski area all afternoon.

Mountain rescue chief Ivo Marten said helicopters had lifted up to 25 skiers to the valley clinic with broken bones.

Roads to the resort were kept open for rescue vehicles.

Guests at the resort hotels were told to stay indoors.
"""


def test_one_speakers_counts_of_two_things_in_one_unit_do_not_conflict(tmp_path: Path) -> None:
    """14 skiers airlifted and 31 unaccounted for: the same speaker, unit and slope, but
    each figure has its own predicate and each claim says more than the other ("the
    valley clinic with broken bones" / "on the upper slopes"): two counts, not one."""
    story = corroborate_texts(tmp_path, {"post": MOUNTAIN_POST, "valley": VALLEY_NEWS})
    assert not [c for g in story.groups for c in g.conflicts if c.kind == "quantity"]


def test_one_count_told_with_another_verb_still_conflicts(tmp_path: Path) -> None:
    """ "were airlifted" and "had lifted" differ in the verb, and only one side says more
    (the helicopters): one count, two figures."""
    story = corroborate_texts(tmp_path, {"post": MOUNTAIN_POST, "wire": ALPINE_WIRE})
    conflicts = [c for g in story.groups for c in g.conflicts if c.kind == "quantity"]
    assert [sorted(s.label for s in c.sides) for c in conflicts] == [
        ["14 skiers", "up to 25 skiers"]
    ]


def test_the_predicate_of_a_count(tmp_path: Path) -> None:
    """The verb a figure is the object or passive agent of, else the first word after
    the counted noun and its own complement; "have" and "be" are none."""
    story = corroborate_texts(tmp_path, {"post": MOUNTAIN_POST, "valley": VALLEY_NEWS,
                                         "wire": ALPINE_WIRE})  # fmt: skip
    found = {
        " ".join(q.span.of(v.article.text).split()): count_predicate(v, q)
        for v in story.claims.views
        for q in v.quantities
    }
    assert found["14 skiers"] == "airlifted"
    assert found["31 skiers"] == "unaccounted"
    assert found["up to 25 skiers"] == "lifted"


SNOW_HERALD = """ outlet Snow Herald
 date 2034-01-19
Skiers dug out after Skarven avalanche

SKARVEN — Rescuers worked through Wednesday night on the avalanche debris above Skarven.

Mountain rescue chief Ivo Marten said rescue crews dug 20 skiers out of the snow below the chairlift.

The chairlift will stay shut until engineers have inspected it.
"""

PEAK_TIMES = """ outlet Peak Times
 date 2034-01-19
Skarven avalanche: the night's rescue

Dogs and volunteers joined the search above Skarven on Wednesday night.

Mountain rescue chief Ivo Marten said 35 skiers were freed from the snow below the chairlift with long probes.

Hot drinks were served to searchers at the base station.
"""


def test_who_did_it_does_not_tell_two_counts_apart(tmp_path: Path) -> None:
    """ "rescue crews dug 20 skiers out" / "35 skiers were freed ... with long probes":
    the verbs differ and each claim says more, but one says more only in who did it,
    which outlets name or drop as they please: one count, two figures."""
    story = corroborate_texts(tmp_path, {"herald": SNOW_HERALD, "peak": PEAK_TIMES})
    conflicts = [c for g in story.groups for c in g.conflicts if c.kind == "quantity"]
    assert [sorted(s.label for s in c.sides) for c in conflicts] == [["20 skiers", "35 skiers"]]


QUARRY_NEWS = """ outlet Quarry News
 date 2035-04-09
Brindle quarry drill goes ahead

BRINDLE — The spring safety drill at the Brindle quarry went ahead on Tuesday morning.

Site director Olek Dunmarr said 140 volunteers had been enlisted for the drill.

Sirens sounded across the quarry floor at nine o'clock.

Lorries waited at the gate until the all-clear.
"""

VALE_LEDGER = """ outlet Vale Ledger
 date 2035-04-09
Brindle drill short of helpers

BRINDLE — The quarry's safety drill was held on Tuesday with fewer helpers than planned.

Site director Olek Dunmarr said 60 volunteers had failed to turn up for the drill.

Two ambulances stood by at the weighbridge.
"""


def test_a_count_of_what_was_not_done_is_another_count(tmp_path: Path) -> None:
    """140 volunteers enlisted and 60 who failed to turn up: one speaker, one unit, one
    drill, and neither claim says anything the other does not bar its predicate; but
    one counts what was done and the other what was not: two counts, not one."""
    story = corroborate_texts(tmp_path, {"news": QUARRY_NEWS, "ledger": VALE_LEDGER})
    assert not [c for g in story.groups for c in g.conflicts if c.kind == "quantity"]
    negated = {
        " ".join(q.span.of(v.article.text).split()): count_negated(v, q)
        for v in story.claims.views
        for q in v.quantities
        if q.unit == "volunteers"
    }
    assert negated == {"140 volunteers": False, "60 volunteers": True}


def test_a_negated_count_is_read_before_the_figure_and_after_the_noun(tmp_path: Path) -> None:
    """ "did not evacuate 300 residents" and "300 residents of the lower town had not
    been moved" are counts of what was not done; "not far from the river, 300
    residents were moved" is not (the negation is not the count's)."""
    texts = {
        "one": """ outlet Fenmoor Daily
 date 2035-06-02
Fenmoor floods

FENMOOR — The river rose through Fenmoor on Sunday.

Officials said crews did not evacuate 300 residents of the lower town.

Officials said 300 residents of the lower town had not been moved by Sunday night.

Officials said that, not far from the river, 300 residents were moved to the school.
""",
    }
    story = corroborate_texts(tmp_path, texts)
    found = [
        count_negated(v, q)
        for v in sorted(story.claims.views, key=lambda v: v.position)
        for q in v.quantities
    ]
    assert found == [True, True, False]

"""A denial joins the claim it answers: a rejection that only points back answers the
account a quotation bears out, not the quotation, and a denial that goes on from the
same speaker's rejection answers the same claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.corroboration.story import StoryCorroboration

from .stories import corroborate_texts

WIRE = """ outlet Dellport Wire
 date 2033-02-09
Loading crane collapses at Dellport container quay

DELLPORT, Orvania (DW) — A loading crane collapsed onto a container ship at the Dellport quay on Tuesday, and two dock workers were hurt.

Hana Brisk of the Orvanian Dockers' Union said crane drivers had reported a frayed hoist cable on the crane in January. “We wrote it in the log, we told the shift manager, and we were told it could wait until the spring overhaul,” Brisk said.

Dellmar Shipping rejected the union's account. In a statement, Dellmar Shipping said it had no record of any unrepaired defect on the quay's cranes.
"""

OTHER = """ outlet Quayside Daily
 date 2033-02-09
Crane falls on ship at Dellport

A loading crane collapsed onto a container ship at the Dellport quay on Tuesday, injuring two dock workers, the harbour authority said.

The quay was closed while inspectors examined the wreck of the crane.
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> StoryCorroboration:
    return corroborate_texts(tmp_path_factory.mktemp("crane"), {"wire": WIRE, "other": OTHER})


def _group_with(story: StoryCorroboration, words: str) -> tuple[str, ...]:
    view = next(v for v in story.claims.views if words in v.text)
    return tuple(m.text for m in story.group_of(view.id).members)


def test_a_rejection_answers_the_account_not_its_quotation(story: StoryCorroboration) -> None:
    group = _group_with(story, "rejected the union's account")
    assert any("frayed hoist cable" in text for text in group), group
    assert not any("We wrote it in the log" in text for text in group), group


def test_a_denial_going_on_from_a_rejection_answers_the_same_claim(
    story: StoryCorroboration,
) -> None:
    group = _group_with(story, "no record of any unrepaired defect")
    assert any("frayed hoist cable" in text for text in group), group
    conflict = next(
        c for c in story.group_of(
            next(v.id for v in story.claims.views if "frayed" in v.text)
        ).conflicts if c.kind == "polarity"
    )  # fmt: skip
    denied = {story.view(i).text for i in conflict.sides[1].claim_ids}
    assert any("no record" in text for text in denied), denied


BRIDGE = """ outlet Tolvik Courier
 date 2033-06-02
Footbridge closed after cracks found

Residents of Tolvik warned the town council about cracks in the Eider footbridge weeks before engineers closed it on Monday. The council denied ignoring any warnings.

Engineers said the footbridge would stay closed for at least a month while the cracks were surveyed.
"""

BRIDGE_OTHER = """ outlet Eider Valley News
 date 2033-06-02
Tolvik footbridge shut

Engineers closed the Eider footbridge in Tolvik on Monday after finding cracks in its main span, the town council said.

The footbridge carries about 3,000 walkers a day over the river.
"""


def test_a_denial_answers_the_claim_before_it_that_shares_its_words(
    tmp_path: pytest.TempPathFactory,
) -> None:
    """ "Residents warned the council ... The council denied ignoring any warnings": the
    denial has words of its own, which no other group shares; it answers the claim just
    before it whose words it takes up, and the two are a polarity conflict."""
    story = corroborate_texts(tmp_path, {"courier": BRIDGE, "valley": BRIDGE_OTHER})
    group = story.group_of(next(v.id for v in story.claims.views if "ignoring" in v.text))
    texts = [m.text for m in group.members]
    assert any("warned the town council" in text for text in texts), texts
    assert [c.kind for c in group.conflicts] == ["polarity"]


HARBOUR_POST = """ outlet Harbour Post
 date 2034-11-14
Kelsall tower tenants go without heating

MARLOW — Tenants of the Kelsall tower on Quayside Road spent a third night without heating on Wednesday.

Ruth Enwright of the Quayside Tenants' Association said residents had reported a broken boiler in the basement weeks ago.

Brantwood Homes rejected the association's account.

Engineers were due at the tower on Thursday.
"""

LOWGATE_ECHO = """ outlet Lowgate Echo
 date 2034-11-14
No heat in Quayside tower as winter sets in

MARLOW — Families in the Kelsall tower wrapped up in coats on Wednesday as the cold spell went on.

The Quayside Tenants' Association said families had complained to the landlord about a leaking heater in the plant room.

Brantwood Homes rejected claims by the tenants' association that it had ignored a faulty heater.

A council inspector visited the building on Wednesday afternoon.
"""

CITY_LEDGER = """ outlet City Ledger
 date 2034-11-15
Kelsall tenants angry over service fees

MARLOW — Tenants of the Kelsall tower met on Thursday evening to discuss their bills.

Tenants said Brantwood Homes had doubled the service fees for the tower without notice.

Brantwood Homes denied doubling any service fees.

The meeting went on until late in the evening.
"""


def test_one_denier_answering_one_account_makes_its_tellings_one_statement(
    tmp_path: Path,
) -> None:
    """ "residents had reported a broken boiler" and "families had complained about a
    leaking heater" share few words, but in each report the landlord denies them in
    words of one denial ("denied ignoring any repair requests" / "rejected claims that
    it had ignored repair requests"): one account, one group with both denials. Its
    denial of another account ("denied doubling any service fees") stays apart."""
    story = corroborate_texts(
        tmp_path, {"post": HARBOUR_POST, "echo": LOWGATE_ECHO, "ledger": CITY_LEDGER}
    )
    boiler = story.group_of(next(v.id for v in story.claims.views if "broken boiler" in v.text))
    texts = [m.text for m in boiler.members]
    assert any("leaking heater" in t for t in texts)
    assert sum(m.denied for m in boiler.members) == 2
    assert not any("fees" in t for t in texts)


GAZETTE = """ outlet Merrow Gazette
 date {day}
Channel buoy fails before barge grounding

MERROW — A gravel barge ran aground at the mouth of the Merrow channel on Friday night.

The Merrow Pilots' Guild said pilots had warned the port about a dead light on the channel buoy.

The Merrow Port Authority denied ignoring any warnings from the pilots.

Tugs refloated the barge on Saturday morning.
"""

ESTUARY_TIMES = """ outlet Estuary Times
 date {day}
Barge grounded in Merrow channel

MERROW — A gravel barge went aground in the Merrow channel late on Friday.

The Merrow Pilots' Guild said crews had logged an unlit marker at the harbour entrance weeks earlier.

The Merrow Port Authority said no warning about the marker had been ignored.

The barge was towed clear on Saturday.
"""


@pytest.mark.parametrize("gazette_first", [True, False])
def test_a_denial_closer_to_another_report_keeps_the_claim_it_answers(
    tmp_path: Path, gazette_first: bool
) -> None:
    """Each report's denial answers the account before it, and the two denials are
    closer to each other than either account is to the other. Whichever report the
    story tells first, the later report's denial joins the earlier one's group, and the
    account it answers in its own report goes with it: the grouping does not depend
    on the order of the reports."""
    days = ("2035-03-10", "2035-03-11") if gazette_first else ("2035-03-11", "2035-03-10")
    story = corroborate_texts(
        tmp_path,
        {"gazette": GAZETTE.format(day=days[0]), "times": ESTUARY_TIMES.format(day=days[1])},
    )
    light = story.group_of(next(v.id for v in story.claims.views if "dead light" in v.text))
    texts = [m.text for m in light.members]
    assert any("unlit marker" in t for t in texts), texts
    assert sum(m.denied for m in light.members) == 2, texts

"""Claim groups: which claims join which, whatever order the story tells them in."""

from __future__ import annotations

from datetime import date
from itertools import permutations
from pathlib import Path

from corroborate.corroboration.grouping import group_claims
from corroborate.corroboration.views import ClaimView

from .stories import corroborate_texts
from .test_adjuncts import OTHERS, _view


def _grouped(*texts: str) -> list[list[str]]:
    """The groups of two or more of ``texts`` (one article each, in this order), told in
    a story with other claims."""
    views: list[ClaimView] = [_view(n, text) for n, text in enumerate([*texts, *OTHERS], 1)]
    return [[v.text for v in group] for group in group_claims(views) if len(group) > 1]


def test_a_group_begun_before_its_closest_paraphrase_is_joined_to_it() -> None:
    """The second report is not close enough to the first to join it, and begins a
    group; the third is close to both, and joins the first. Compared as wholes, the two
    groups are one statement: three ways to say residents were told to stay in."""
    told = "residents of streets by the quay were told to stay indoors with their windows shut"
    asked = (
        "around 300 people living close to the quay had been asked to keep doors and windows closed"
    )
    city = "the city asked a few hundred residents of the streets by the quay to keep windows and doors shut"
    assert _grouped(told, asked, city) == [[told, asked, city]]


def test_a_claim_near_two_statements_does_not_join_them() -> None:
    """A claim that tells both the fire and the residents' return is near each; the two
    statements, compared as wholes, are not one."""
    fire = "A fire tore through a grain store at the Pellow Mills site"
    home = "residents of Dockside were allowed to return home on Friday"
    both = "residents of Dockside were allowed home a week after a fire tore through the Pellow grain store"
    assert _grouped(fire, home, both) == [[home, both]]


def test_a_claim_near_two_statements_does_not_join_them_in_any_order() -> None:
    """Whichever report comes first: the claim that tells both the fire and the return
    home is grouped with the return home, its closer statement, and the fire stays
    apart. (Told before the other two, it made all three one group; told between them,
    it joined the fire and drew the return home in after it.)"""
    fire = "A fire tore through a grain store at the Pellow Mills site"
    home = "residents of Dockside were allowed to return home on Friday"
    both = "residents of Dockside were allowed home a week after a fire tore through the Pellow grain store"
    for order in permutations([fire, home, both]):
        grouped = [sorted(group) for group in _grouped(*order)]
        assert grouped == [sorted([home, both])], order


def test_a_claim_told_before_its_kin_joins_their_group_in_any_order() -> None:
    """Three ways to say residents were told to stay in are one group, whichever report
    comes first, though the first two are not close enough alone."""
    told = "residents of streets by the quay were told to stay indoors with their windows shut"
    asked = (
        "around 300 people living close to the quay had been asked to keep doors and windows closed"
    )
    city = "the city asked a few hundred residents of the streets by the quay to keep windows and doors shut"
    for order in permutations([told, asked, city]):
        assert [sorted(g) for g in _grouped(*order)] == [sorted([told, asked, city])], order


def test_two_statements_of_one_report_stay_two() -> None:
    """One report says the junta could face sanctions, and that analysts were weighing
    the evidence; another says both in one sentence, near each. The first report's two
    statements are still two."""
    from dataclasses import replace

    sanctions = _view(1, "the junta could face sanctions for arming the rebels directly")
    weighing = _view(2, "analysts were still weighing the evidence")
    weighing = replace(
        weighing,
        article=sanctions.article,
        claim=replace(weighing.claim, article_id=sanctions.article.id),
    )
    both = _view(3, "analysts are still weighing the evidence, but the junta could face "
                    "sanctions for arming the rebels directly")  # fmt: skip
    others = [_view(n, text) for n, text in enumerate(OTHERS, 4)]
    groups = group_claims([sanctions, weighing, both, *others])
    assert [[v.text for v in g] for g in groups if len(g) > 1] == [[sanctions.text, both.text]]


def test_a_dateline_with_no_year_takes_the_story_year(tmp_path: Path) -> None:
    """A dateline that gives the month and day only ("March 2") is dated from the
    story's other articles: its claims have a day, and come before a later article's."""
    dated = (
        " outlet Kessel Post\n date 2032-03-03\nTimber yard fire in Kessel\n\n"
        "KESSEL — The fire at the Orm timber yard broke out shortly before 11 p.m. on "
        "Monday, the fire service said.\n\nThe yard's owner said the sawmill would reopen.\n"
    )
    yearless = (
        " outlet Valley Wire\nKessel timber yard burns\n\n"
        "KESSEL, March 2 (Valley Wire) — The blaze at the Orm timber yard in Kessel broke "
        "out shortly before 11 p.m.\n\nNeighbours said the smoke reached the river.\n"
    )
    story = corroborate_texts(tmp_path, {"dated": dated, "yearless": yearless})
    early = [v for v in story.claims.views if v.outlet == "Valley Wire"]
    late = [v for v in story.claims.views if v.outlet == "Kessel Post"]
    assert early and all(v.day == date(2032, 3, 2) for v in early)
    assert max(v.position for v in early) < min(v.position for v in late)


def test_a_clock_time_counts_with_or_without_its_day(tmp_path: Path) -> None:
    """ "shortly before 11 p.m." alone is no date, "11 p.m. on Tuesday" is: both say 11."""
    first = (
        " outlet Kessel Post\n date 2032-03-03\nTimber yard fire in Kessel\n\n"
        "KESSEL — The fire at the Orm timber yard broke out shortly before 11 p.m. on "
        "Tuesday, the fire service said.\n\nThe yard's owner said the sawmill would reopen.\n"
    )
    second = (
        " outlet Valley Wire\n date 2032-03-03\nKessel timber yard burns\n\n"
        "The blaze at the Orm timber yard in Kessel broke out shortly before 11 p.m.\n\n"
        "Neighbours said the smoke reached the river.\n"
    )
    story = corroborate_texts(tmp_path, {"first": first, "second": second})
    timed = [v for v in story.claims.views if "broke out" in v.text]
    assert len(timed) == 2 and all("#11" in v.stems for v in timed)
    assert story.group_of(timed[0].id) is story.group_of(timed[1].id)

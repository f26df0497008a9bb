"""Story-level speaker names: a surname the parser typed an organisation, "the city"."""

from __future__ import annotations

from corroborate.claims.speakers import canonical_names
from corroborate.records import Entity

from .test_speakers import found


def test_a_surname_typed_an_organisation_is_the_person_another_report_names() -> None:
    """ "A councillor cited Ostrand as saying ...": the small model types the lone
    surname an organisation; another report names Lena Ostrand. An article that also has
    a person called Ostrand keeps its organisation Ostrand apart, and a word that is no
    person's surname stays as it is."""
    story = [
        found("a", Entity("a:e1", "Lena Ostrand", "person", aliases=("Ostrand",))),
        found("b", Entity("b:e1", "Ostrand", "organisation"),
              Entity("b:e2", "Marrow", "organisation")),
        found("c", Entity("c:e1", "Ostrand", "person"),
              Entity("c:e2", "Ostrand", "organisation")),
    ]  # fmt: skip
    names = canonical_names(iter(story))
    assert names["b:e1"] == "Lena Ostrand"
    assert names["b:e2"] == "Marrow"
    assert names["c:e1"] == "Lena Ostrand"
    assert names["c:e2"] == "Ostrand"


def test_a_surname_two_people_share_stays_as_printed() -> None:
    story = [
        found("a", Entity("a:e1", "Lena Ostrand", "person", aliases=("Ostrand",))),
        found("b", Entity("b:e1", "Piet Ostrand", "person", aliases=("Ostrand",))),
        found("c", Entity("c:e1", "Ostrand", "organisation")),
    ]
    assert canonical_names(story)["c:e1"] == "Ostrand"


def test_the_city_that_speaks_is_the_story_citys_government() -> None:
    story = [found("a", Entity("a:e1", "city", "organisation", aliases=("the city",)))]
    assert canonical_names(story, home="Dellport")["a:e1"] == "City of Dellport"
    assert canonical_names(story)["a:e1"] == "city"  # no dateline names the city

"""Short speaker names take the story's longer name, when exactly one fits."""

from __future__ import annotations

from corroborate.claims.speakers import canonical_names, home_city
from corroborate.claims.types import ArticleClaims
from corroborate.records import Article, Dateline, Entity, Span


def found(article: str, *entities: Entity) -> ArticleClaims:
    return ArticleClaims(article, (), entities)


def test_a_surname_takes_the_full_name_and_an_alias_takes_the_organisation() -> None:
    first = found(
        "a",
        Entity("a:e1", "Tomas Reyne", "person", aliases=("Reyne",)),
        Entity("a:e2", "Corrick Fire and Rescue Service", "organisation",
               aliases=("the fire service",)),
    )  # fmt: skip
    second = found(
        "b",
        Entity("b:e1", "Reyne", "person"),
        Entity("b:e2", "fire service", "organisation"),
        Entity("b:e3", "Reyne", "organisation"),  # another kind: not the person
    )
    names = canonical_names([first, second])
    assert names["b:e1"] == "Tomas Reyne"
    assert names["b:e2"] == "Corrick Fire and Rescue Service"
    assert names["b:e3"] == "Reyne"
    assert names["a:e1"] == "Tomas Reyne"


def test_a_group_of_speakers_lends_no_short_name() -> None:
    story = [
        found("a", Entity("a:e1", "Tomas Reyne", "person", aliases=("Reyne",))),
        found("b", Entity("b:e1", "Ines Calder and Reyne", "other", aliases=("Calder and Reyne",))),
        found("c", Entity("c:e1", "Reyne", "other")),
    ]  # fmt: skip
    names = canonical_names(story)
    assert names["c:e1"] == "Tomas Reyne"
    assert names["b:e1"] == "Ines Calder and Reyne"


def test_two_people_who_could_be_meant_leave_the_short_name() -> None:
    story = [
        found("a", Entity("a:e1", "Park Sun-won", "person", aliases=("Park",))),
        found("b", Entity("b:e1", "Park Ji-ho", "person", aliases=("Park",))),
        found("c", Entity("c:e1", "Park", "person")),
    ]
    assert canonical_names(story)["c:e1"] == "Park"


def test_a_possessive_before_one_word_is_part_of_the_name() -> None:
    story = [
        found("a", Entity("a:e1", "regional prosecutor's office", "organisation")),
        found("b", Entity("b:e1", "mayor’s office", "organisation")),
        found("c", Entity("c:e1", "city's harbour department", "organisation")),
        found("d", Entity("d:e1", "Tarnby harbour department", "organisation")),
    ]
    names = canonical_names(story)
    assert names["b:e1"] == "mayor’s office"  # not "office", not the prosecutor's
    assert names["c:e1"] == "Tarnby harbour department"


def test_no_articles_no_names() -> None:
    assert canonical_names([]) == {}


def test_one_body_named_with_and_without_the_citys_is_one_speaker() -> None:
    """ "The city's water board" in one report and "the water board" in another are one
    speaker; "the city's" is the city the story's datelines are filed from."""
    story = [
        found("a", Entity("a:e1", "city's water board", "organisation")),
        found("b", Entity("b:e1", "water board", "organisation",
                          aliases=("the water board",))),
        found("c", Entity("c:e1", "Water", "person")),
    ]  # fmt: skip
    assert canonical_names(story)["b:e1"] == "city's water board"
    names = canonical_names(story, home="Tarnby")
    assert names["a:e1"] == names["b:e1"] == "Tarnby water board"
    assert names["c:e1"] == "Water"


def test_the_home_city_is_the_place_most_datelines_name() -> None:
    def article(n: int, place: str | None) -> Article:
        text = f"{place or 'Nowhere'}, Orvania (DW) — story {n}."
        dateline = Dateline(place, "Orvania", "DW", None, Span(str(n), 0, 10)) if place else None
        return Article(id=str(n), text=text, dateline=dateline)

    assert home_city([article(1, "TARNBY"), article(2, "Tarnby"), article(3, "DELLPORT")]) == (
        "Tarnby"
    )
    assert home_city([article(1, None)]) is None


def test_initials_are_the_name_they_spell() -> None:
    """ "The NIS" in one report is the National Intelligence Service another names, "PAA"
    the Port Authority of Arden ("of" skipped); initials that two names spell, or that
    spell no name, stay as printed."""
    story = [
        found("a", Entity("a:e1", "National Intelligence Service", "organisation"),
              Entity("a:e2", "Port Authority of Arden", "organisation"),
              Entity("a:e3", "Bristow Health Board", "organisation"),
              Entity("a:e4", "Bristow Harbour Board", "organisation")),
        found("b", Entity("b:e1", "NIS", "organisation"),
              Entity("b:e2", "the PAA", "other"),
              Entity("b:e3", "BHB", "organisation"),
              Entity("b:e4", "ZQX", "organisation"),
              Entity("b:e5", "Nis", "person")),
        found("c", Entity("c:e1", "South Korean National Intelligence Service", "organisation")),
    ]  # fmt: skip
    names = canonical_names(story)
    assert names["b:e1"] == names["a:e1"] == "South Korean National Intelligence Service"
    assert names["b:e2"] == "Port Authority of Arden"
    assert names["b:e3"] == "BHB"
    assert names["b:e4"] == "ZQX"
    assert names["b:e5"] == "Nis"


def test_an_unnamed_body_is_the_citys_or_the_provinces_its_words_say() -> None:
    """ "The port authority" and "the mayor's office" in a story filed from Tarnby are
    Tarnby's; "the provincial government" is the one province's the story names; a
    "regional" body, or a body with no such word, keeps its words."""
    story = [
        found("a", Entity("a:e1", "port authority", "organisation"),
              Entity("a:e2", "mayor’s office", "organisation"),
              Entity("a:e3", "provincial government", "organisation"),
              Entity("a:e4", "regional prosecutor's office", "organisation"),
              Entity("a:e5", "health department", "organisation")),
        found("b", Entity("b:e1", "Dunmore Provincial Water Agency", "organisation"),
              Entity("b:e2", "Dunmore province", "place")),
    ]  # fmt: skip
    names = canonical_names(story, home="Tarnby")
    assert names["a:e1"] == "Tarnby port authority"
    assert names["a:e2"] == "Tarnby mayor's office"
    assert names["a:e3"] == "Dunmore provincial government"
    assert names["a:e4"] == "regional prosecutor's office"
    assert names["a:e5"] == "health department"
    assert canonical_names(story)["a:e1"] == "port authority"  # no city to name
    two = [*story, found("c", Entity("c:e1", "Arlo province", "place"))]
    assert canonical_names(two, home="Tarnby")["a:e3"] == "provincial government"


def test_a_named_owners_body_keeps_its_owner() -> None:
    """ "Freedonia's defence ministry" and "Sylvania's defence ministry" are two
    speakers, never one "defence ministry"; a report's bare "the defence ministry" is
    the one of them the story names, and stays itself when it names both."""
    story = [
        found("a", Entity("a:e1", "Freedonia's defence ministry", "organisation")),
        found("b", Entity("b:e1", "defence ministry", "organisation",
                          aliases=("the defence ministry",))),
    ]  # fmt: skip
    names = canonical_names(story)
    assert names["b:e1"] == names["a:e1"] == "Freedonia's defence ministry"
    story.append(found("c", Entity("c:e1", "Sylvania’s defence ministry", "organisation")))
    names = canonical_names(story)
    assert names["a:e1"] == "Freedonia's defence ministry"
    assert names["c:e1"] == "Sylvania’s defence ministry"
    assert names["b:e1"] == "defence ministry"

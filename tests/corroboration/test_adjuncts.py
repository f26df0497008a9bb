"""A claim's setting (its adjuncts of place, time and circumstance) and its predicate."""

from __future__ import annotations

from dataclasses import replace

import pytest

from corroborate.corroboration.adjuncts import split_setting
from corroborate.corroboration.grouping import JOIN_SCORE
from corroborate.corroboration.similar import StoryWeights, similarity
from corroborate.corroboration.synonyms import meanings_of
from corroborate.corroboration.views import ClaimView, setting_stems, stem, stems_of
from corroborate.records import Article, Claim, Span


def _setting(text: str) -> str:
    return split_setting(text)[1]


def test_phrases_of_place_and_time_are_setting() -> None:
    text = "A fire tore through a grain store at the Pellow Mills site in Orrin's dock district"
    assert _setting(text) == "at the Pellow Mills site in Orrin's dock district"


def test_a_place_after_be_is_the_predicate() -> None:
    """ "were at the scene", "are now in Tesland": where they are is what is said."""
    assert _setting("about 40 volunteers were at the scene") == ""
    assert _setting("the envoys are now in Tesland meeting its ministers") == ""


def test_a_relative_clause_is_setting_but_a_content_clause_is_not() -> None:
    text = "A worn conveyor belt caused the fire that gutted a grain store at the mill"
    assert _setting(text) == "that gutted a grain store at the mill"
    assert _setting("claims by the dockers that it had ignored a worn belt") == ""


def test_a_phrase_in_the_subject_ends_at_the_main_verb() -> None:
    """ "after the fire at the mill" is inside the subject; "will be allowed home" is
    what the claim says."""
    core, setting = split_setting(
        "Residents evacuated after the fire at the Pellow mill will be allowed home on Friday"
    )
    assert setting == "evacuated after the fire at the Pellow mill on Friday"
    assert core == "Residents will be allowed home"


def test_a_temporal_clause_after_the_main_verb_runs_to_its_end() -> None:
    assert _setting("40 volunteers were sent to the quay after the alarm was raised") == (
        "after the alarm was raised"
    )


def test_a_relative_clause_on_what_be_predicates_is_the_predicate() -> None:
    assert _setting("the new cases were dockers who reported skin rashes") == ""


def test_a_hedge_on_a_figure_is_no_place() -> None:
    assert _setting("around 300 people near the quay were told to stay indoors") == (
        "near the quay"
    )


def test_where_an_existential_puts_something_is_the_predicate() -> None:
    assert _setting("there is evidence that there are Tesland troops in Orvia") == ""


def test_a_demonstrative_that_opens_no_relative_clause() -> None:
    text = "they will keep the road shut until the air is clean, and that could take days"
    assert _setting(text) == "until the air is clean"


def test_a_preposition_without_a_noun_phrase_opens_no_adjunct() -> None:
    """ "stay inside", "plugged in", "stopped them from reaching": no place."""
    assert _setting("residents were told to stay inside and keep calm") == ""
    assert _setting("crews stopped the flames from reaching the tanks") == ""


def test_a_new_clause_ends_an_adjunct() -> None:
    """An irregular verb, a subject pronoun or an article after a noun starts what the
    claim says again."""
    assert _setting("the bales near the door caught fire") == "near the door"
    assert _setting("in spring they signed a supply deal") == "in spring"
    assert _setting("On Monday night a fire at the mill forced dozens from their homes") == (
        "On Monday night at the mill from their homes"
    )


def test_a_participle_describing_the_subject_is_setting() -> None:
    """ "the schools closed on Monday": which schools, told before what is said of them
    ("will stay shut"). A main verb in the past is no such participle."""
    assert _setting("the schools closed on Monday will stay shut until Friday") == (
        "closed on Monday until Friday"
    )
    assert _setting("the fire started on Monday and was contained by noon") == "on Monday"
    assert _setting("the blaze appeared to have started in the kiln") == "in the kiln"
    assert _setting("officials faced questions over the cost of the works") == ""


def test_a_form_in_ing_inside_an_adjunct_describes_a_noun() -> None:
    assert _setting("the recruits were spread across several training camps in Orvia") == (
        "across several training camps in Orvia"
    )


def _view(number: int, text: str) -> ClaimView:
    article = Article(id=f"a{number}", text=text)
    claim = Claim(id=f"a{number}:c1", article_id=article.id,
                  content=Span(article.id, 0, len(text)), kind="outlet")  # fmt: skip
    stems = stems_of(text)
    return ClaimView(
        claim=claim, number=number, article=article, outlet=f"Outlet {number}",
        outlet_group=number, text=text, stems=stems, speaker=None, speaker_kind=None,
        roles=(), relays=(), relay_words=frozenset(), source_text=None,
        origin=f"Outlet {number}", day=None, position=number,
        meanings=meanings_of(text, stems, stem), setting=setting_stems(text, stems),
    )  # fmt: skip


SETTING = "a grain store at the Pellow Mills site in Orrin's Dockside district"
LEADS = [
    f"A fire tore through {SETTING} late on Monday",
    f"A fire tore through {SETTING} on Monday night",
    f"A worn conveyor belt is the most likely cause of the fire that gutted {SETTING}",
    f"Dockers at the Pellow Mills site in Orrin's Dockside district said they had warned "
    f"managers about a worn conveyor belt in {SETTING}",
    "Residents of streets evacuated after Monday's fire at the Pellow Mills site in "
    "Orrin's Dockside district will be allowed to return home",
]
# The rest of the story: what the leads' setting is not in.
OTHERS = [
    "Pellow Mills said it would pay for the cleaning of homes",
    "the fire service sent 14 engines",
    "two firefighters were treated for smoke inhalation",
    "the harbour master closed the channel to shipping for a day",
    "ash fell on cars as far as the ferry terminal",
    "the city council will hold a hearing next month",
    "insurers expect claims of several million crowns",
    "schools in the district reopened on Wednesday",
    "the union called for an independent inquiry",
    "water samples from the estuary showed no contamination",
    "the company had passed a safety inspection in March",
    "police closed the coast road for six hours",
]


@pytest.fixture(scope="module")
def leads() -> tuple[list[ClaimView], StoryWeights]:
    views = [_view(n, text) for n, text in enumerate(LEADS + OTHERS, 1)]
    return views, StoryWeights(views)


def test_one_statement_told_twice_stays_alike(
    leads: tuple[list[ClaimView], StoryWeights],
) -> None:
    views, weights = leads
    assert similarity(views[0], views[1], weights) >= JOIN_SCORE


def test_leads_alike_only_in_their_setting_are_told_apart(
    leads: tuple[list[ClaimView], StoryWeights],
) -> None:
    """Three leads restate where the fire was and say three things: it tore through
    the store; a belt caused it; residents go home. The place alone joined them."""
    views, weights = leads
    fire, cause, residents = views[0], views[2], views[4]
    for other in (cause, residents):
        assert similarity(fire, other, weights) < JOIN_SCORE
        # Read without their adjuncts, the shared place made them one statement.
        plain = [replace(v, setting=frozenset()) for v in (fire, other)]
        assert similarity(*plain, weights) >= JOIN_SCORE


def test_a_doubled_consonant_before_an_ending_is_a_verb_form() -> None:
    """ "gutted", "stopping": WordNet's rules of detachment leave "gutt", "stopp"."""
    from corroborate.corroboration.synonyms import is_verb_form, wordnet_available

    if wordnet_available() is None:
        pytest.skip("WordNet's data files are not installed")
    assert is_verb_form("gutted") and is_verb_form("stopping")
    assert not is_verb_form("hallway")

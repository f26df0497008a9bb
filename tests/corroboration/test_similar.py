from dataclasses import replace

import pytest

from corroborate.corroboration.similar import counted_thing, figures_agree
from corroborate.corroboration.views import ClaimView, stems_of
from corroborate.records import Article, Claim, Quantity, Span

SPAN = Span("a", 0, 1)


def q(value: float | None, low: float | None, high: float | None, unit: str = "people") -> Quantity:
    return Quantity(SPAN, value, low, high, unit)


def test_open_ended_figures_agree_with_larger_ones() -> None:
    assert figures_agree(q(8, 8, None), q(9, 9, 9))  # "at least eight" and "nine"
    assert figures_agree(q(60, 60, 60), q(50, 50, None))  # "about 60", "more than 50"


def test_different_stated_figures_differ() -> None:
    assert not figures_agree(q(10_000, 10_000, 10_000), q(12_000, None, 12_000))  # "up to"
    assert not figures_agree(q(2_000, 2_000, 2_000), q(3_500, None, 3_500))
    assert not figures_agree(q(9, 9, 9), q(14, 14, 14))


def test_rounded_and_vague_figures_agree() -> None:
    assert figures_agree(q(600, 600, 600), q(610, 610, 610))
    assert figures_agree(q(None, 2_000, 9_000), q(2_000, 2_000, 2_000))  # several thousand
    assert not figures_agree(q(None, 200, 999), q(2_000, 2_000, 2_000))  # hundreds


def test_counted_things_are_compared_by_class() -> None:
    assert counted_thing(q(1, 1, 1, "soldiers")) == counted_thing(q(1, 1, 1, "troops"))
    assert counted_thing(q(1, 1, 1, "special forces")) == counted_thing(q(1, 1, 1, "troops"))
    assert counted_thing(q(1, 1, 1, "residents")) == "residents"
    assert counted_thing(q(1, 1, 1, "engines")) != counted_thing(q(1, 1, 1, "firefighters"))


def test_irregular_verb_forms_share_a_stem() -> None:
    from corroborate.corroboration.inflections import base_form
    from corroborate.corroboration.views import stems_of

    assert base_form("hidden") == base_form("hid") == base_form("hiding") == "hide"
    assert base_form("running") == "run" and base_form("striking") == "strike"
    assert base_form("evacuating") == "evacuating"  # regular: left to the endings
    had_hidden = stems_of("the council had hidden the cost of the bridge")
    denied_hiding = stems_of("the council denied hiding the cost of the bridge")
    assert had_hidden == denied_hiding - {"deni"}


def test_a_plural_possessive_stems_as_its_noun() -> None:
    """ "the workers’ union" and "workers reported" share the word "workers"."""
    assert stems_of("the workers’ union") >= stems_of("workers")
    assert stems_of("the drivers' strike") >= stems_of("drivers")


def test_a_contraction_of_a_function_word_is_no_telling_word() -> None:
    """ "They're" is "they": no word list holds the contraction, which would otherwise
    weigh as the rarest word of a quotation."""
    assert stems_of("they’re closing the quay, and we won't reopen it") == stems_of(
        "they are closing the quay, and we will reopen it"
    )


def test_a_state_named_by_initials_or_demonym_is_one_word() -> None:
    """ "DPRK", "North Korean" and "North Korea's" name one state; "U.S." keeps the
    sentence's own stop apart from its initials, and "us" is no state."""
    assert (
        stems_of("DPRK troops")
        == stems_of("North Korean troops")
        == stems_of("North Korea's troops")
    )
    assert stems_of("the U.S. said") == stems_of("the United States said")
    assert "unit" not in {s[:4] for s in stems_of("give it to us")}


def _reported(number: int, text: str, speaker: str | None) -> ClaimView:
    article = Article(id=f"a{number}", text=text)
    claim = Claim(id=f"a{number}:c1", article_id=article.id,
                  content=Span(article.id, 0, len(text)), kind="reported")  # fmt: skip
    return ClaimView(
        claim=claim, number=number, article=article, outlet=f"Outlet {number}",
        outlet_group=number, text=text, stems=stems_of(text), speaker=speaker,
        speaker_kind="person", roles=(), relays=(), relay_words=frozenset(),
        source_text=speaker, origin=speaker or "unnamed", day=None, position=number,
    )  # fmt: skip


def test_one_speakers_words_in_one_run_in_two_reports_count_for_more() -> None:
    """Reported words that two reports give one speaker in the same run of words (each
    going on its own way) are likelier one statement than the words alone say."""
    from corroborate.corroboration.similar import (
        SAME_SPEAKER,
        SAME_SPEAKER_RUN,
        StoryWeights,
        similarity,
    )

    first = ("there is evidence the militia has moved fighters to the coast, calling it "
             "a dangerous step after the ceasefire collapsed")  # fmt: skip
    second = ("there is evidence that the militia has moved fighters to the coast, calling "
              "it a grave threat if they cross the river")  # fmt: skip
    a, b = _reported(1, first, "Ada Lenn"), _reported(2, second, "Ada Lenn")
    weights = StoryWeights([a, b])
    unnamed = similarity(_reported(1, first, None), _reported(2, second, None), weights)
    assert similarity(a, b, weights) == pytest.approx(unnamed + SAME_SPEAKER + SAME_SPEAKER_RUN)
    assert similarity(a, b, weights) > unnamed + SAME_SPEAKER + 0.05


def _counting(number: int, text: str, figure: str, quantity: Quantity) -> ClaimView:
    """A reported claim counting ``quantity`` with the words ``figure`` of ``text``."""
    view = _reported(number, text, None)
    start = text.index(figure)
    span = Span(view.article.id, start, start + len(figure))
    counted = replace(quantity, span=span)
    return replace(view, claim=replace(view.claim, quantities=(counted,)))


def test_a_vague_amount_of_what_may_be_is_no_count() -> None:
    """A vague amount of what may be ("a few thousand fighters may have crossed") guesses
    at a size: it agrees with a count of 3,000 without reporting it. Told as fact, the
    vague amount is a count."""
    from corroborate.corroboration.similar import (
        SAME_FIGURE,
        SAME_THING_OTHER_FIGURE,
        StoryWeights,
        similarity,
    )

    counted = _counting(1, "3,000 militia fighters crossed the river at dawn", "3,000",
                        q(3000, 3000, 3000, "fighters"))  # fmt: skip
    vague = q(None, 2000, 9000, "fighters")
    guess = _counting(2, "a few thousand militia fighters may have crossed the river at dawn",
                      "a few thousand", vague)  # fmt: skip
    fact = _counting(3, "a few thousand militia fighters have crossed the river at dawn",
                     "a few thousand", vague)  # fmt: skip
    weights = StoryWeights([counted, guess, fact])
    told, guessed = similarity(counted, fact, weights), similarity(counted, guess, weights)
    assert told - guessed == pytest.approx(SAME_FIGURE - SAME_THING_OTHER_FIGURE, abs=0.03)


def test_a_state_named_two_ways_does_not_break_a_run_of_words() -> None:
    from corroborate.corroboration.similar import QUOTE_RUN, shared_run

    quoted = "We see evidence that there are DPRK troops at the port"
    retold = "we see evidence that there are North Korean troops near the port"
    assert shared_run(quoted, retold) >= QUOTE_RUN
    # Both read "the united states says troops left": six words.
    assert shared_run("the U.S. says troops left", "the United States says troops left") == 6


def test_a_quoted_fragment_runs_with_a_quotation_as_one_quotation() -> None:
    """A paraphrase with a quoted fragment gives the speaker's own words: sharing a run
    with another report's quotation, it is that quotation, as two quotations are."""
    from corroborate.corroboration.similar import (
        SAME_QUOTE,
        SAME_SPEAKER_RUN,
        StoryWeights,
        similarity,
    )

    quote = "There is evidence that there are militia fighters on the ridge"
    mixed = "“We see evidence that there are militia fighters” who have crossed the river"
    a, b = _reported(1, quote, "Ada Lenn"), _reported(2, mixed, "Ada Lenn")
    weights = StoryWeights([a, b])
    reported = similarity(a, b, weights)
    a = replace(a, claim=replace(a.claim, kind="direct_quote"))
    b = replace(b, claim=replace(b.claim, kind="mixed"))
    assert similarity(a, b, weights) == pytest.approx(reported - SAME_SPEAKER_RUN + SAME_QUOTE)

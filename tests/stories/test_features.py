"""What the story stage reads from an article: words, names, numbers, years, the lead."""

from __future__ import annotations

from datetime import date

import pytest

from corroborate.records import Article, PubDate
from corroborate.stories.features import (
    LEAD_WEIGHT,
    NAME,
    NUMBER,
    WORD,
    YEAR,
    ArticleFeatures,
    article_features,
    day_number,
    is_figure,
    title_terms,
)

from .fictional import paragraphs


def features(text: str, title: str | None = None) -> ArticleFeatures:
    return article_features(Article(id="a1", text=paragraphs(text), title=title))


def kinds(found: ArticleFeatures, kind: str) -> set[str]:
    return {term for term in found.counts if term.startswith(kind)}


def test_a_name_run_counts_whole_and_by_its_parts() -> None:
    found = features("Officials in Keldmoor said Orla Penhallow will lead the inquiry.")
    assert kinds(found, NAME) == {"n:keldmoor", "n:orla penhallow", "n:orla", "n:penhallow"}
    assert found.names["n:orla penhallow"] == "Orla Penhallow"
    assert found.names["n:penhallow"] == "Penhallow"
    # Name words are words too, so a name also meets a lower-case mention of it.
    assert {"w:orla", "w:penhal", "w:keldmo"} <= kinds(found, WORD)


def test_a_later_surname_meets_the_full_name() -> None:
    found = features("Officials named Orla Penhallow as inspector. Later, Penhallow spoke.")
    assert found.counts["n:penhallow"] == 2 * found.counts["n:orla penhallow"]


def test_a_stop_word_breaks_a_name_run() -> None:
    found = features("Crews from Keldmoor and Ostley joined the search.")
    assert kinds(found, NAME) == {"n:keldmoor", "n:ostley"}


def test_a_common_word_opening_a_sentence_is_not_a_name() -> None:
    found = features("Firefighters reached the pier. Divers followed them into the Ambry.")
    assert kinds(found, NAME) == {"n:ambry"}
    assert {"w:firefi", "w:divers"} <= kinds(found, WORD)


def test_a_sentence_opening_name_with_an_inner_capital_is_a_name() -> None:
    found = features("Rescuers waited. McAllister gave the order.")
    assert kinds(found, NAME) == {"n:mcallister"}


def test_an_all_caps_headline_line_is_not_read_as_names() -> None:
    found = features(
        "KELDMOOR BRIDGE FALLS INTO AMBRY RIVER\nThe mayor of Keldmoor thanked Orla Penhallow."
    )
    assert kinds(found, NAME) == {"n:keldmoor", "n:orla penhallow", "n:orla", "n:penhallow"}
    assert "n:bridge" not in found.counts and "n:ambry river" not in found.counts
    # Its words still count as words.
    assert {"w:bridge", "w:ambry", "w:river"} <= kinds(found, WORD)


def test_numbers_and_years_are_told_apart() -> None:
    found = features(
        "Some 1,200 people, 3.5 tonnes and 42 boats in 2031; the pier dates from 1850."
    )
    assert kinds(found, NUMBER) == {"q:1200", "q:3.5", "q:42"}
    assert kinds(found, YEAR) == {"y:2031", "y:1850"}


def test_stop_words_and_short_words_are_not_terms() -> None:
    found = features("It was on the pier, as we saw an ox.")
    assert kinds(found, WORD) == {"w:pier", "w:saw"}


def test_title_and_lead_paragraphs_count_double() -> None:
    text = "First quay paragraph.\nSecond wharf paragraph.\nThird jetty paragraph."
    found = features(text, title="Harbour notice")
    assert found.counts["w:harbou"] == LEAD_WEIGHT
    assert found.counts["w:quay"] == LEAD_WEIGHT
    assert found.counts["w:wharf"] == LEAD_WEIGHT
    assert found.counts["w:jetty"] == 1.0
    # A term in the title and in the body adds up; without the title it would be 1.
    again = features("Nothing here.\nNor here.\nA harbour at last.", title="Harbour notice")
    assert again.counts["w:harbou"] == LEAD_WEIGHT + 1.0
    assert features("Nothing here.\nNor here.\nA harbour at last.").counts["w:harbou"] == 1.0


def test_blank_lines_do_not_count_as_lead_paragraphs() -> None:
    found = features("Quay opens.\n\n   \nWharf closes.\nJetty floods.")
    assert found.counts["w:wharf"] == LEAD_WEIGHT
    assert found.counts["w:jetty"] == 1.0


def test_title_terms_are_unweighted() -> None:
    assert title_terms("Keldmoor bridge falls, 14 rescued") == {
        "w:keldmo": 1.0,
        "w:bridge": 1.0,
        "w:falls": 1.0,
        "q:14": 1.0,
        "w:rescue": 1.0,
    }


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (PubDate(2031, 3, 4), date(2031, 3, 4).toordinal()),
        (PubDate(2031, 3, 5, time="10:15:00"), date(2031, 3, 5).toordinal()),
        (PubDate(2031, 2, 30), None),  # no such day: a bad date is no date
        (PubDate(None, 10, 24), None),
        (PubDate(2031, 3, None), None),
        (PubDate(2031, None, None), None),
        (None, None),
    ],
)
def test_day_number(published: PubDate | None, expected: int | None) -> None:
    assert day_number(published) == expected


def test_day_numbers_count_days() -> None:
    assert day_number(PubDate(2032, 3, 4)) == day_number(PubDate(2031, 3, 4)) + 366  # type: ignore[operator]


def test_features_carry_the_publication_day() -> None:
    dated = Article(id="a1", text="Quay opens.", published=PubDate(2031, 3, 4))
    partial = Article(id="a2", text="Quay opens.", published=PubDate(None, 3, 4))
    assert article_features(dated).day == day_number(PubDate(2031, 3, 4))
    assert article_features(partial).day is None
    assert article_features(dated).article_id == "a1"


def test_an_article_without_words_has_only_numbers() -> None:
    found = features("12 - 40 ... 7!")
    assert found.counts == {"q:12": 2.0, "q:40": 2.0, "q:7": 2.0}
    assert found.names == {}
    assert features("... !!! ---").counts == {}


def test_a_possessive_name_meets_the_bare_name() -> None:
    found = features("Divers from Keldmoor’s harbour and Keldmoor's lifeboat found Keldmoor crews.")
    assert kinds(found, NAME) == {"n:keldmoor"}


def test_a_name_opening_a_sentence_keeps_its_first_word() -> None:
    found = features("Orla Penhallow, who runs the ferry, said so. Ferries ran late.")
    assert {"n:orla penhallow", "n:orla", "n:penhallow"} <= kinds(found, NAME)
    # A lone capitalised opener followed by a lowercase word is just a word.
    assert "n:ferries" not in kinds(found, NAME)


def test_one_figure_written_two_ways_is_one_term() -> None:
    found = features("The club offered $2.5 million, then 2,500,000 dollars, then €4M.")
    assert {"q:2500000", "q:4000000"} <= kinds(found, NUMBER)
    assert found.counts["q:2500000"] == 2 * LEAD_WEIGHT
    # A lower-case "m" is metres, not millions.
    assert "q:100" in kinds(features("The wave rose 100 m up the cliff."), NUMBER)


def test_figures_are_decimals_and_numbers_from_100() -> None:
    assert is_figure("q:6.1") and is_figure("q:340") and is_figure("q:160000000")
    assert not is_figure("q:12") and not is_figure("y:2031") and not is_figure("w:million")

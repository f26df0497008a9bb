"""make_article: packaging, dateline, credits, outlet and date put together, with the
article text exactly the body its spans point into. Fictional articles written for these
tests."""

from __future__ import annotations

import pytest

from corroborate import Article, RawDocument, SourceError
from corroborate.article import make_article
from corroborate.records import PubDate
from corroborate.settings import IngestSettings
from corroborate.text import tidy_paragraphs


def plain(text: str) -> Article:
    return make_article(RawDocument(text=text, source="story.txt", plain=True, language="en"))


def assert_spans_consistent(article: Article) -> None:
    """The text is already tidy (what the store keeps), and the dateline span is in it."""
    assert tidy_paragraphs(article.text) == article.text
    if article.dateline is not None:
        span = article.dateline.span
        assert span.article_id == article.id
        assert article.text.startswith(span.of(article.text))


# --- false datelines --------------------------------------------------------------------


@pytest.mark.parametrize(
    "lede",
    [
        "Sen. Mara Quill (R-Estria) — who chairs the harbour panel, said the vote would wait.",
        "Ivo Stern (D-N.Y.) — who chairs the harbour panel, said the vote would wait.",
        "NATO — allies meet in Portvale on Tuesday to discuss the harbour.",
        "OK — we said the harbour vote would wait, the council wrote.",
    ],
    ids=["honorific", "party-state-tag", "acronym", "interjection"],
)
def test_a_name_or_acronym_before_a_dash_gives_no_dateline_outlet_or_credit(lede: str) -> None:
    article = plain(f"Harbour vote delayed\n\n{lede}\n\nThe panel meets again in June.")

    assert article.dateline is None
    assert article.outlet is None
    assert article.credits == ()
    assert article.title == "Harbour vote delayed"
    assert article.text.startswith(lede)


# --- one paragraph per line -------------------------------------------------------------

PER_LINE = (
    " outlet Portvale Ledger\n"
    " date 2031-05-02\n"
    "Storm hits coast\n"
    "DUNMERE (CW) — Heavy rain flooded the coast road on Tuesday, the council said.\n"
    "Shops in the old town closed early.\n"
    "With reporting by Northern Press\n"
    "Editing by Ana Brook\n"
)


def test_a_file_without_blank_lines_keeps_headline_dateline_and_credits() -> None:
    article = plain(PER_LINE)

    assert article.title == "Storm hits coast"
    assert article.outlet == "Portvale Ledger"
    assert article.published == PubDate(2031, 5, 2, source="date tag")
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("Dunmere", "CW")
    assert article.credits == ("CW", "Northern Press")
    assert article.text == (
        "DUNMERE (CW) — Heavy rain flooded the coast road on Tuesday, the council said.\n\n"
        "Shops in the old town closed early."
    )
    assert article.dateline.span.of(article.text) == "DUNMERE (CW) — "
    assert_spans_consistent(article)


def test_windows_line_ends_without_blank_lines_are_read_the_same() -> None:
    assert plain(PER_LINE.replace("\n", "\r\n")) == plain(PER_LINE)


# --- tag lines only in plain text -------------------------------------------------------


def test_a_record_body_opening_like_a_tag_keeps_the_records_date_and_outlet() -> None:
    given = PubDate(2031, 3, 4, source="field")
    body = "date 2031-01-01 The quay reopened on Monday.\n\nShips berthed by noon."
    raw = RawDocument(
        text=f"outlet Somebody Else\n\n{body}",
        source="records.jsonl#2",
        title="Quay reopens",
        outlet="Portvale Ledger",
        outlet_from="given",
        published=given,
        language="en",
    )

    article = make_article(raw)

    assert article.published == given
    assert article.outlet == "Portvale Ledger"
    assert article.text == f"outlet Somebody Else\n\n{body}"


def test_a_plain_text_date_tag_is_labelled_date_tag() -> None:
    article = plain(" date 2031-05-02 The quay reopened on Monday.\n\nShips berthed by noon.")

    assert article.published == PubDate(2031, 5, 2, source="date tag")


# --- date lines --------------------------------------------------------------------------

DATED = (
    "Storm hits coast\n"
    "Wednesday, June 4, 2031, 10: 53 AM\n"
    "DUNMERE, Estria, June 3 (CW) — Heavy rain flooded the coast road, the council said.\n"
    "Shops in the old town closed early.\n"
)


def test_a_date_line_dates_a_plain_text_article() -> None:
    article = plain(DATED)

    assert article.title == "Storm hits coast"
    assert article.published == PubDate(2031, 6, 4, source="date line")  # not the dateline's
    assert article.dateline is not None
    assert article.dateline.date == PubDate(None, 6, 3, source="dateline")
    assert article.text.startswith("DUNMERE, Estria, June 3 (CW) — ")
    assert_spans_consistent(article)


def test_a_date_line_does_not_override_the_readers_date_or_a_date_tag() -> None:
    given = PubDate(2031, 6, 5, source="field")
    raw = RawDocument(text=DATED, source="story.txt", published=given, plain=True, language="en")

    assert make_article(raw).published == given
    assert make_article(raw).text == plain(DATED).text  # the line is packaging all the same
    assert plain(f" date 2031-06-06\n{DATED}").published == PubDate(2031, 6, 6, source="date tag")


# --- headline, bylines, copyright -------------------------------------------------------


def test_a_first_paragraph_closed_by_a_quotation_stays_in_the_body() -> None:
    first = 'Mayor Lena Ortiz said on Monday: "We will rebuild the market."'

    article = plain(f"{first}\n\nThe market burned down on Sunday night.")

    assert article.title is None
    assert article.text.startswith(first)


@pytest.mark.parametrize(
    "byline",
    ["By Ivo Stern, Associated Press", "By Ivo Stern\n\nAssociated Press"],
    ids=["one-line", "two-lines"],
)
def test_a_byline_does_not_hide_the_dateline(byline: str) -> None:
    text = (
        f"Storm hits coast\n\n{byline}\n\n"
        "DUNMERE (AP) — Heavy rain flooded the coast road on Tuesday.\n\n"
        "Shops closed early.\n\n"
        "Copyright 2031 The Associated Press. All rights reserved."
    )

    article = plain(text)

    assert (article.title, article.title_from) == ("Storm hits coast", "headline line")
    assert article.byline == "By Ivo Stern, Associated Press"
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("Dunmere", "AP")
    assert article.credits == ("AP",)
    assert article.text == (
        "DUNMERE (AP) — Heavy rain flooded the coast road on Tuesday.\n\nShops closed early."
    )
    assert_spans_consistent(article)


def test_credit_lines_credit_reporters_and_agencies_but_not_editors() -> None:
    text = (
        "PORTVALE (CW) — The quay reopened on Monday.\n\n"
        "Reporting by Ivo Stern; Editing by Ana Brook\n\n"
        "Associated Press writer Mara Quill contributed to this report."
    )

    article = plain(text)

    assert article.credits == ("CW", "Ivo Stern", "AP")
    assert article.text == "PORTVALE (CW) — The quay reopened on Monday."


def test_a_closing_body_sentence_is_not_a_credit() -> None:
    text = (
        "PORTVALE (CW) — The quay reopened on Monday.\n\n"
        "Neighbours and firefighters contributed to this story."
    )

    article = plain(text)

    assert article.credits == ("CW",)
    assert article.text == text


# --- what is refused --------------------------------------------------------------------


def test_packaging_only_is_no_article() -> None:
    with pytest.raises(SourceError, match="no article text"):
        plain("Storm hits coast\n\nBy Ivo Stern\n\nEditing by Ana Brook\n\nEND/DNM/")


def test_text_shorter_than_min_chars_is_refused() -> None:
    raw = RawDocument(text="The quay reopened.", source="short.txt", plain=True, language="en")

    with pytest.raises(SourceError, match="too short"):
        make_article(raw, IngestSettings(min_chars=100))

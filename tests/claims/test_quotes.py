"""Quotations found by their marks, across sentences and paragraphs."""

from __future__ import annotations

from corroborate.claims.quotes import find_quotes


def texts(text: str) -> list[list[str]]:
    return [[text[a:b] for a, b in quote.segments] for quote in find_quotes(text)]


def test_a_quote_split_around_the_speaker_is_two_quotes() -> None:
    text = "“The dam held,” the engineer said, “but only just.”"
    assert texts(text) == [["“The dam held,”"], ["“but only just.”"]]


def test_a_quote_over_paragraphs_opens_each_and_closes_the_last() -> None:
    text = "“We pumped all night.\n\n“By dawn the water had gone,” she said.\n\nThe road opened."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert texts(text) == [["“We pumped all night.", "“By dawn the water had gone,”"]]
    assert quotes[0].closed


def test_a_missing_closing_mark_ends_the_quote_with_its_paragraph() -> None:
    text = "He said: “The levee is gone\n\nThe river rose overnight."
    quotes = find_quotes(text)
    assert texts(text) == [["“The levee is gone"]]
    assert not quotes[0].closed


def test_nested_single_quotes_stay_inside_the_double_quote() -> None:
    text = "“They told us ‘stay home’ and we did,” he said."
    assert texts(text) == [["“They told us ‘stay home’ and we did,”"]]


def test_apostrophes_are_not_quotes_but_single_quoted_words_are() -> None:
    text = "The Smiths' barn survived; don't worry, she called it 'a miracle' later."
    assert texts(text) == [["'a miracle'"]]


def test_straight_double_quotes() -> None:
    text = 'The minister said "no deal" and left.'
    assert texts(text) == [['"no deal"']]


def test_no_marks_no_quotes() -> None:
    assert find_quotes("") == []
    assert find_quotes("Plain text with no quotation at all.") == []
    assert find_quotes("“") == []
    assert find_quotes("“““ ”””") == []  # marks that quote no word

"""Packaging around a plain article's body: tags, headline, byline, credits, markers."""

from __future__ import annotations

import pytest

from corroborate.packaging import credit_names, split_packaging
from corroborate.records import PubDate

# --- credit lines -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("With reporting by CW and Northern Press", ["CW", "Northern Press"]),
        ("Reporting by Mara Quill in Portvale; editing by Tomas Reyne", ["Mara Quill"]),
        ("(Additional reporting by Reuters)", ["Reuters"]),
        (
            "Writing by Mara Quill, Ana Brook and Ivo Stern.",
            ["Mara Quill", "Ana Brook", "Ivo Stern"],
        ),
        ("The Associated Press contributed to this report.", ["AP"]),
        ("Northern Press contributed to this story", ["Northern Press"]),
        ("This article contains material from Agence France-Presse.", ["AFP"]),
        ("Material from CW was used in this report", ["CW"]),
        ("[Compiled by Estria Wire / Northern Press]", ["Estria Wire", "Northern Press"]),
    ],
)
def test_credit_lines_name_who_is_credited(line: str, names: list[str]) -> None:
    assert credit_names(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "The reporting by local papers was thin, the council said.",
        "Staff reporters covered the harbour strike on Tuesday.",
        "With reporting by CW\nand a second line of body text.",
        "Reporting by " + "many people and " * 10 + "CW",
        "",
    ],
    ids=["sentence", "no-credit-verb", "two-lines", "too-long", "empty"],
)
def test_other_lines_are_not_credit_lines(line: str) -> None:
    assert credit_names(line) is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Reporting by Ivo Stern; Editing by Ana Brook", ["Ivo Stern"]),
        (
            "(Reporting by Ivo Stern; writing by Mara Quill; editing by Ana Brook)",
            ["Ivo Stern", "Mara Quill"],
        ),
        ("Editing by Ana Brook", []),
        ("Edited by Ana Brook and Tomas Reyne.", []),
        ("Associated Press writer Ivo Stern contributed to this report.", ["AP"]),
        (
            "Northern Press reporters Ivo Stern and Ana Brook contributed to this story.",
            ["Northern Press"],
        ),
        ("Staff writer Ivo Stern contributed to this report.", ["Ivo Stern"]),
        ("Reuters contributed reporting.", ["Reuters"]),
        ("CW contributed reporting to this story from Dunmere.", ["CW"]),
        ("Information from The Associated Press was used in this report.", ["AP"]),
        ("Compiled by Mara Quill from wire reports", ["Mara Quill"]),
        ("Compiled from staff and wire reports.", []),
        ("Reporting by Ana de la Cruz in Portvale", ["Ana de la Cruz"]),
        ("Reporters Without Borders contributed to this report.", ["Reporters Without Borders"]),
        ("AP staff contributed reporting.", ["AP"]),
        (
            "Reporting by Anna Roe and Karl Lind in Portvale and Mara Valk in Dunmere; additional "
            "reporting by Ines Berg in Kelso Bay and Oona Dahl in Merrow; writing by Tomas Sato; "
            "editing by Lena Keller and Piet Moss",
            ["Anna Roe", "Karl Lind", "Mara Valk", "Ines Berg", "Oona Dahl", "Tomas Sato"],
        ),
    ],
    ids=[
        "editing-after-reporting",
        "three-roles",
        "editing-only",
        "edited-by",
        "agency-writer",
        "outlet-reporters",
        "staff-writer",
        "contributed-reporting",
        "contributed-reporting-from",
        "information-from",
        "compiled-from-wire-reports",
        "only-wire-reports",
        "name-particles",
        "organisation-named-like-a-role",
        "agency-staff",
        "every-role-filled",
    ],
)
def test_credit_line_wordings(line: str, names: list[str]) -> None:
    assert credit_names(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "Neighbours and firefighters contributed to this story.",
        "Reporting by local papers was thin, the council said.",
        "Material from the archive was used in the exhibition.",
    ],
)
def test_credit_wordings_naming_no_one_are_body_text(line: str) -> None:
    assert credit_names(line) is None


# --- split_packaging ----------------------------------------------------------------

ARTICLE = """ date 2031-05-02 Harbour cranes stand idle in Portvale

Dockworkers leave the east quay. (File photo)

Photo: the east quay at dawn

PORTVALE, Estria (CW) — Dockworkers walked off the job on Tuesday.

The union said the strike would last three days.

With reporting by CW and Northern Press

END/PVL/KR/"""


def test_packaging_is_separated_from_the_body() -> None:
    packaging = split_packaging(ARTICLE, detect_title=True, read_tags=True)

    assert packaging.title == "Harbour cranes stand idle in Portvale"
    assert packaging.date == PubDate(2031, 5, 2, source="date tag")
    assert packaging.credits == ("CW", "Northern Press")
    assert packaging.body == (
        "PORTVALE, Estria (CW) — Dockworkers walked off the job on Tuesday.\n\n"
        "The union said the strike would last three days."
    )


def test_without_title_detection_the_first_paragraph_stays() -> None:
    packaging = split_packaging("Quay reopens\n\nThe east quay reopened.", detect_title=False)

    assert packaging.title is None
    assert packaging.body == "Quay reopens\n\nThe east quay reopened."


@pytest.mark.parametrize(
    "first",
    [
        "The east quay reopened on Monday.",  # a sentence, not a headline
        "PORTVALE, Estria (CW) — Dockworkers walked out",  # a dateline opens the body
        "A headline that runs on " + "and on " * 30,  # too long
    ],
    ids=["sentence", "dateline", "too-long"],
)
def test_paragraphs_that_are_not_headlines(first: str) -> None:
    packaging = split_packaging(f"{first}\n\nShips berthed by noon.", detect_title=True)

    assert packaging.title is None
    assert packaging.body.startswith(first.strip())


def test_a_lone_paragraph_is_never_a_headline() -> None:
    packaging = split_packaging("Harbour cranes stand idle", detect_title=True)

    assert packaging.title is None
    assert packaging.body == "Harbour cranes stand idle"


@pytest.mark.parametrize("marker", ["END/PVL/KR/", "(END)", "ENDS", "-30-", "###", "END"])
def test_wire_end_markers_are_dropped(marker: str) -> None:
    packaging = split_packaging(f"The quay reopened.\n\n{marker}", detect_title=False)

    assert packaging.body == "The quay reopened."


def test_closing_credit_lines_are_collected_once() -> None:
    text = "The quay reopened.\n\nWith reporting by CW\n\nReporting by CW and Northern Press"

    packaging = split_packaging(text, detect_title=False)

    assert packaging.credits == ("CW", "Northern Press")
    assert packaging.body == "The quay reopened."


def test_an_impossible_date_tag_gives_no_date() -> None:
    packaging = split_packaging(
        " date 2031-02-30 The quay reopened.", detect_title=False, read_tags=True
    )

    assert packaging.date is None
    assert packaging.body.endswith("The quay reopened.")


def test_caption_only_follows_a_headline() -> None:
    text = "The quay reopened on Monday.\n\nShips at the quay. (Photo: CW)"

    packaging = split_packaging(text, detect_title=True)

    assert packaging.body == text  # no headline, so the caption-like line is body text


def test_tag_lines_are_read_only_when_asked() -> None:
    text = " date 2031-05-02 The quay reopened.\n\nShips berthed by noon."

    packaging = split_packaging(text, detect_title=False)

    assert packaging.date is None
    assert packaging.tags == {}
    assert packaging.body.startswith("date 2031-05-02 The quay reopened.")


def test_a_date_tag_on_its_own_line_under_the_headline_leaves_no_empty_paragraph() -> None:
    text = "outlet Portvale Ledger\n\nQuay reopens\n\ndate 2031-05-02\n\nThe quay reopened."

    packaging = split_packaging(text, detect_title=True, read_tags=True)

    assert (packaging.title, packaging.date) == (
        "Quay reopens",
        PubDate(2031, 5, 2, source="date tag"),
    )
    assert packaging.tags == {"outlet": "Portvale Ledger"}
    assert packaging.body == "The quay reopened."


@pytest.mark.parametrize(
    "first",
    [
        'Mayor Lena Ortiz said on Monday: "We will rebuild the market."',
        "Mayor Lena Ortiz said on Monday: “We will rebuild the market.”",
        "The market will be rebuilt (the mayor said so on Monday.)",
    ],
    ids=["straight-quotes", "curly-quotes", "bracket"],
)
def test_a_sentence_closed_by_a_quote_or_bracket_is_not_a_headline(first: str) -> None:
    packaging = split_packaging(f"{first}\n\nShips berthed by noon.", detect_title=True)

    assert packaging.title is None
    assert packaging.body == f"{first}\n\nShips berthed by noon."


def test_a_quoted_headline_without_a_full_stop_is_still_a_headline() -> None:
    packaging = split_packaging('Mayor: "We will rebuild"\n\nShips berthed.', detect_title=True)

    assert packaging.title == 'Mayor: "We will rebuild"'


def test_a_text_without_blank_lines_is_one_paragraph_per_line() -> None:
    text = (
        " outlet Portvale Ledger\n"
        "Storm hits coast\n"
        "DUNMERE (CW) — Rain fell on the coast on Tuesday.\n"
        "Shops closed early, the council said.\n"
        "With reporting by Northern Press\n"
        "END/DNM/"
    )

    packaging = split_packaging(text, detect_title=True, read_tags=True)

    assert packaging.title == "Storm hits coast"
    assert packaging.tags == {"outlet": "Portvale Ledger"}
    assert packaging.credits == ("Northern Press",)
    assert packaging.body == (
        "DUNMERE (CW) — Rain fell on the coast on Tuesday.\n\nShops closed early, the council said."
    )


def test_prose_wrapped_at_a_fixed_width_stays_one_paragraph() -> None:
    text = (
        "The council of Portvale voted on Friday to rebuild the\n"
        "old lighthouse on the north mole, ending a decade of\n"
        "argument over its future and its cost."
    )

    packaging = split_packaging(text, detect_title=True)

    assert packaging.title is None
    assert packaging.body == text


@pytest.mark.parametrize(
    ("head", "byline", "credits"),
    [
        ("By Ivo Stern, Associated Press", "By Ivo Stern, Associated Press", ("AP",)),
        ("By Ivo Stern\n\nAssociated Press", "By Ivo Stern, Associated Press", ("AP",)),
        (
            "BY IVO STERN\n\nAssociated Press Writer",
            "BY IVO STERN, Associated Press Writer",
            ("AP",),
        ),
        (
            "By Ivo Stern and Ana Brook, staff writers",
            "By Ivo Stern and Ana Brook, staff writers",
            (),
        ),
        ("By Ivo Stern | Reuters", "By Ivo Stern | Reuters", ("Reuters",)),
    ],
    ids=["one-line", "agency-line", "caps-and-role", "staff", "bar"],
)
def test_bylines_are_packaging_and_credit_their_agency(
    head: str, byline: str, credits: tuple[str, ...]
) -> None:
    text = f"Storm hits coast\n\n{head}\n\nDUNMERE (CW) — Rain fell.\n\nShops closed."

    packaging = split_packaging(text, detect_title=True)

    assert packaging.title == "Storm hits coast"
    assert packaging.byline == byline
    assert packaging.credits == credits
    assert packaging.body == "DUNMERE (CW) — Rain fell.\n\nShops closed."


@pytest.mark.parametrize(
    "first",
    [
        "By noon on Monday the quay was empty.",
        "By Tuesday the ferries ran again",
        "By Order of the Harbour Master, the quay is closed.",
    ],
)
def test_sentences_opening_with_by_are_not_bylines(first: str) -> None:
    packaging = split_packaging(f"Storm hits coast\n\n{first}\n\nShips berthed.", detect_title=True)

    assert packaging.byline is None
    assert packaging.body == f"{first}\n\nShips berthed."


def test_a_byline_is_not_taken_for_a_headline() -> None:
    packaging = split_packaging("By Ivo Stern\n\nThe quay reopened.", detect_title=True)

    assert packaging.title is None
    assert packaging.byline == "By Ivo Stern"
    assert packaging.body == "The quay reopened."


@pytest.mark.parametrize(
    ("line", "credits"),
    [
        ("Copyright 2031 The Associated Press. All rights reserved.", ("AP",)),
        ("© 2031 Reuters", ("Reuters",)),
        ("(c) 2031 Portvale Ledger. All rights reserved.", ()),
    ],
)
def test_closing_copyright_lines_are_packaging(line: str, credits: tuple[str, ...]) -> None:
    packaging = split_packaging(f"The quay reopened.\n\n{line}", detect_title=False)

    assert packaging.body == "The quay reopened."
    assert packaging.credits == credits


def test_a_sentence_about_copyright_is_body_text() -> None:
    text = "The quay reopened.\n\nCopyright law protects the harbour's old charts, the museum said."

    assert split_packaging(text, detect_title=False).body == text


def test_editing_lines_are_removed_and_credit_no_one() -> None:
    text = "The quay reopened.\n\nReporting by Ivo Stern\n\nEditing by Ana Brook"

    packaging = split_packaging(text, detect_title=False)

    assert packaging.body == "The quay reopened."
    assert packaging.credits == ("Ivo Stern",)


def test_a_closing_body_sentence_about_contributions_stays() -> None:
    text = "The quay reopened.\n\nNeighbours and firefighters contributed to this story."

    packaging = split_packaging(text, detect_title=False)

    assert packaging.body == text
    assert packaging.credits == ()


# --- date lines ---------------------------------------------------------------------

BODY = "DUNMERE (CW) — Rain fell on the coast.\n\nShops closed early."


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("March 07, 2031", PubDate(2031, 3, 7, source="date line")),
        ("Posted: June 2, 2031", PubDate(2031, 6, 2, source="date line")),
        ("Updated: June 2, 2031, 3:23 PM ET", PubDate(2031, 6, 2, source="date line")),
        ("Published 2 June 2031", PubDate(2031, 6, 2, source="date line")),
        ("WEDNESDAY, JUNE 4, 2031, 10:53 AM", PubDate(2031, 6, 4, source="date line")),
        ("Wednesday 4 June 2031 22.34 BST", PubDate(2031, 6, 4, source="date line")),
        ("June 4th, 2031, 7:35 am", PubDate(2031, 6, 4, source="date line")),
        ("on Tuesday, 3 June 2031 13:45.", PubDate(2031, 6, 3, source="date line")),
        ("2031-06-04", PubDate(2031, 6, 4, source="date line")),
        ("WEDNESDAY, JUNE 4, 2031, 10: 53 AM", PubDate(2031, 6, 4, source="date line")),
        ("Wednesday 4 June 2031 22. 34 BST", PubDate(2031, 6, 4, source="date line")),
        ("TNN Jun 12, 2031, 05.51AM IST", PubDate(2031, 6, 12, source="date line")),
        ("Thursday, June 5", PubDate(None, 6, 5, source="date line")),
    ],
)
def test_a_date_line_under_the_headline_gives_the_date(line: str, date: PubDate) -> None:
    packaging = split_packaging(f"Storm hits coast\n\n{line}\n\n{BODY}", detect_title=True)

    assert packaging.title == "Storm hits coast"
    assert packaging.line_date == date
    assert packaging.date is None  # the date tag's, which there is none of
    assert packaging.body == BODY


def test_a_date_line_above_the_headline_is_not_the_headline() -> None:
    text = f"Wednesday, June 4, 2031\n\nStorm hits coast\n\n{BODY}"

    packaging = split_packaging(text, detect_title=True)

    assert packaging.title == "Storm hits coast"
    assert packaging.line_date == PubDate(2031, 6, 4, source="date line")
    assert packaging.body == BODY


def test_a_date_line_under_a_standfirst_and_its_update_line_are_packaging() -> None:
    text = (
        "Storm hits coast\n"
        "Shops in the old town closed early as the road flooded\n"
        "Posted: June 2, 2031 | 5: 03pm\n"
        "DUNMERE (CW) — Rain fell on the coast.\n"
    )

    packaging = split_packaging(text, detect_title=True)

    assert packaging.line_date == PubDate(2031, 6, 2, source="date line")
    assert packaging.body == (
        "Shops in the old town closed early as the road flooded\n\n"
        "DUNMERE (CW) — Rain fell on the coast."
    )


def test_every_date_line_near_the_top_is_packaging_and_the_first_gives_the_date() -> None:
    text = f"Storm hits coast\n\nPosted: June 2, 2031\n\nUpdated: June 3, 2031, 9:56 AM\n\n{BODY}"

    packaging = split_packaging(text, detect_title=True)

    assert packaging.line_date == PubDate(2031, 6, 2, source="date line")
    assert packaging.body == BODY


def test_a_date_line_with_a_byline_gives_both() -> None:
    text = f"Storm hits coast\n\nBy Ivo Stern, Reuters | June 2, 2031\n\n{BODY}"

    packaging = split_packaging(text, detect_title=True)

    assert packaging.line_date == PubDate(2031, 6, 2, source="date line")
    assert packaging.byline == "By Ivo Stern, Reuters"
    assert packaging.credits == ("Reuters",)
    assert packaging.body == BODY


@pytest.mark.parametrize(
    "line",
    [
        "On June 4, 2031, the council voted to close the coast road.",
        "On June 4, 2031 the council voted",  # no full stop, still a sentence
        "Storm Ends Long Drought June 4, 2031",  # a headline: too many other words
        "Council Vote June 4, 2031",  # other words that are neither a tag nor a byline
        "STORM DAY JUNE 4",  # capitals, but without a year a date line must stand alone
        "STORM HITS THE COAST JUNE 4, 2031",  # more capitals than an agency or place tag
        "By June 4, 2031 the road will reopen",  # not a byline
        "04/06/2031",  # April or June
        "Posted 2 days ago [saved on 4 June 2031]",
        "Updated: June 4, 2031" + " and the road stays closed" * 4,  # too long
    ],
    ids=[
        "sentence", "no-stop", "headline", "other-words", "partial-with-words", "caps-headline",
        "by-sentence", "numeric", "relative", "too-long",
    ],
)  # fmt: skip
def test_lines_that_merely_mention_a_date_are_not_date_lines(line: str) -> None:
    text = f"Storm hits coast\n\n{line}\n\n{BODY}"

    packaging = split_packaging(text, detect_title=True)

    assert packaging.line_date is None
    assert packaging.body == f"{line}\n\n{BODY}"


def test_a_date_line_is_looked_for_only_near_the_top() -> None:
    text = f"Storm hits coast\n\nRain fell.\n\nRoads closed.\n\nJune 4, 2031\n\n{BODY}"

    packaging = split_packaging(text, detect_title=True)

    assert packaging.line_date is None
    assert "June 4, 2031" in packaging.body


def test_date_lines_are_read_only_with_the_headline() -> None:
    text = f"June 4, 2031\n\n{BODY}"

    assert split_packaging(text, detect_title=False).body == text
    assert split_packaging("June 4, 2031", detect_title=True).body == "June 4, 2031"  # lone


def test_a_date_tag_under_the_headline_is_not_a_date_line() -> None:
    text = f"Storm hits coast\n\ndate 2031-05-02\n\nJune 4, 2031\n\n{BODY}"

    packaging = split_packaging(text, detect_title=True, read_tags=True)

    assert packaging.date == PubDate(2031, 5, 2, source="date tag")
    assert packaging.line_date == PubDate(2031, 6, 4, source="date line")
    assert packaging.body == BODY

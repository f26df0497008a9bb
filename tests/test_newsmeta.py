"""News metadata found in the text: datelines, credit lines, dates, packaging lines."""

from __future__ import annotations

import pytest

from corroborate.newsmeta import (
    canonical_agency,
    credit_names,
    find_dateline,
    outlet_from_url,
    parse_date_value,
    split_packaging,
)
from corroborate.records import PubDate

# --- find_dateline ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place", "region", "agency", "date", "dateline"),
    [
        (
            "PORTVALE, Estria (CW) — Dockworkers walked out.",
            "Portvale",
            "Estria",
            "CW",
            None,
            "PORTVALE, Estria (CW) — ",
        ),
        (
            "DUNMERE (Northern Press) - The library opened.",
            "Dunmere",
            None,
            "Northern Press",
            None,
            "DUNMERE (Northern Press) - ",
        ),
        (
            "Portvale, May 3, (NP) - Ferries resumed.",
            "Portvale",
            None,
            "NP",
            "--05-03",
            "Portvale, May 3, (NP) - ",
        ),
        (
            "NEW HARBOUR, Estria, Oct. 24, 2031 (CW) — Ships waited.",
            "New Harbour",
            "Estria",
            "CW",
            "2031-10-24",
            "NEW HARBOUR, Estria, Oct. 24, 2031 (CW) — ",
        ),
        ("DUNMERE — Trains ran again.", "Dunmere", None, None, None, "DUNMERE — "),
        (
            "DUNMERE, Estria -- Trains ran again.",
            "Dunmere",
            "Estria",
            None,
            None,
            "DUNMERE, Estria -- ",
        ),
        (
            "PORTVALE, Estria (The Associated Press) — A ferry sailed.",
            "Portvale",
            "Estria",
            "AP",
            None,
            "PORTVALE, Estria (The Associated Press) — ",
        ),
        ("PORTVALE (CW) –Ships waited.", "Portvale", None, "CW", None, "PORTVALE (CW) –"),
    ],
    ids=[
        "caps-region-agency",
        "long-agency",
        "partial-date",
        "full-date",
        "caps-only",
        "double-hyphen",
        "agency-alias",
        "en-dash",
    ],
)
def test_dateline_shapes(
    text: str,
    place: str,
    region: str | None,
    agency: str | None,
    date: str | None,
    dateline: str,
) -> None:
    found = find_dateline(text)

    assert found is not None
    assert (found.place, found.region, found.agency) == (place, region, agency)
    assert (found.date.iso() if found.date else None) == date
    assert text[: found.end] == dateline


@pytest.mark.parametrize(
    "text",
    [
        "Dockworkers at the port walked off the job on Tuesday.",
        "The mayor said on Tuesday that the quay — and the market — would reopen.",
        "Portvale is a port city, the council said (in a statement) on Monday.",
        "In Portvale — a city of ferries — nothing moved.",
        "",
    ],
)
def test_sentences_that_are_not_datelines(text: str) -> None:
    assert find_dateline(text) is None


def test_a_dateline_date_that_does_not_exist_is_dropped() -> None:
    found = find_dateline("PORTVALE, Estria, Feb. 30 (CW) — Ships waited.")

    assert found is not None
    assert found.agency == "CW"
    assert found.date is None


def test_only_the_opening_of_the_text_is_searched() -> None:
    assert find_dateline("Ships waited. PORTVALE, Estria (CW) — More ships.") is None


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


def test_canonical_agency_names() -> None:
    assert canonical_agency("The Associated Press") == "AP"
    assert canonical_agency(" reuters. ") == "Reuters"
    assert canonical_agency("(Northern Press)") == "Northern Press"


# --- parse_date_value ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2031-05-02", "2031-05-02"),
        ("  2031-05-02\n", "2031-05-02"),
        ("2031-05-02T09:30:00Z", "2031-05-02T09:30:00+00:00"),
        ("2031-05-02T09:30+0200", "2031-05-02T09:30:00+02:00"),
        ("2031-05-02 09:30:15.250-05:00", "2031-05-02T09:30:15-05:00"),
        ("2031-05-02T09:30:00", "2031-05-02T09:30:00"),
        ("Fri, 02 May 2031 09:30:00 GMT", "2031-05-02T09:30:00+00:00"),
        ("Fri, 02 May 2031 09:30:00 +0100", "2031-05-02T09:30:00+01:00"),
        ("October 24, 2031", "2031-10-24"),
        ("Oct 24, 2031", "2031-10-24"),
        ("Oct. 24, 2031", "2031-10-24"),
        ("24 October 2031", "2031-10-24"),
        ("24 Oct 2031", "2031-10-24"),
        ("2031/10/24", "2031-10-24"),
        ("Oct 24", "--10-24"),
        ("Sept 3", "--09-03"),
        ("Feb 29", "--02-29"),
    ],
)
def test_date_values(value: str, iso: str) -> None:
    parsed = parse_date_value(value, "field")

    assert parsed is not None
    assert parsed.iso() == iso
    assert parsed.source == "field"


def test_a_partial_date_keeps_its_unknown_year() -> None:
    assert parse_date_value("Oct 24", "feed") == PubDate(None, 10, 24, source="feed")


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "yesterday",
        "Octopus 24",
        "24",
        "2031",
        "not a date at all, though long enough to look like one",
        "x" * 100,
        "Oct 24 and more words",
    ],
)
def test_text_that_is_not_a_date(value: str) -> None:
    assert parse_date_value(value, "field") is None


@pytest.mark.parametrize(
    "value",
    [
        "2031-02-30",
        "2031-13-01",
        "2031-00-10",
        "February 30, 2031",
        "31 Apr 2031",
        "Feb 30",
        "Oct 32",
        "Oct 0",
        "2031-05-02T25:00:00",
        "2031-05-02T09:61:00",
        "2031-05-02T09:30:00+25:00",
        "Fri, 02 May 99999999999999999999 09:30:00 GMT",
        "Fri, 02 May 2031 09:30:00 +99999999999999999999",
    ],
)
def test_impossible_dates_are_not_dates(value: str) -> None:
    assert parse_date_value(value, "field") is None


def test_parsed_dates_round_trip_through_iso() -> None:
    for value in ("2031-05-02T09:30+0200", "Oct 24", "24 Oct 2031", "2031-05-02"):
        parsed = parse_date_value(value, "field")
        assert parsed is not None
        assert PubDate.parse_iso(parsed.iso(), "field") == parsed


# --- split_packaging ----------------------------------------------------------------

ARTICLE = """ date 2031-05-02 Harbour cranes stand idle in Portvale

Dockworkers leave the east quay. (File photo)

Photo: the east quay at dawn

PORTVALE, Estria (CW) — Dockworkers walked off the job on Tuesday.

The union said the strike would last three days.

With reporting by CW and Northern Press

END/PVL/KR/"""


def test_packaging_is_separated_from_the_body() -> None:
    packaging = split_packaging(ARTICLE, detect_title=True)

    assert packaging.title == "Harbour cranes stand idle in Portvale"
    assert packaging.date == PubDate(2031, 5, 2, source="date line")
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
    assert packaging.body.startswith(first)


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
    packaging = split_packaging(" date 2031-02-30 The quay reopened.", detect_title=False)

    assert packaging.date is None
    assert packaging.body.endswith("The quay reopened.")


def test_caption_only_follows_a_headline() -> None:
    text = "The quay reopened on Monday.\n\nShips at the quay. (Photo: CW)"

    packaging = split_packaging(text, detect_title=True)

    assert packaging.body == text  # no headline, so the caption-like line is body text


# --- outlet_from_url ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.portvale-ledger.example/news/1", "portvale-ledger.example"),
        ("http://news.coastal-wire.example:8080/a", "news.coastal-wire.example"),
        ("HTTPS://WWW.LEDGER.EXAMPLE/", "ledger.example"),
        ("not a url", None),
        ("http://[::1", None),
        (None, None),
        ("", None),
    ],
)
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet

"""Datelines, agencies, date strings and outlets from URLs."""

from __future__ import annotations

import pytest

from corroborate.newsmeta import (
    canonical_agency,
    find_dateline,
    outlet_from_url,
    parse_date_value,
    read_date_line,
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


@pytest.mark.parametrize(
    ("text", "place", "region", "agency", "date", "dateline"),
    [
        (
            "DUNMERE, 24 Oct (CW) - Trains ran again.",
            "Dunmere",
            None,
            "CW",
            "--10-24",
            "DUNMERE, 24 Oct (CW) - ",
        ),
        (
            "DUNMERE, 24 Oct 2031 (CW) - Trains ran again.",
            "Dunmere",
            None,
            "CW",
            "2031-10-24",
            "DUNMERE, 24 Oct 2031 (CW) - ",
        ),
        (
            "PORTVALE, 24 octobre (AFP) - Les ferries ont repris.",
            "Portvale",
            None,
            "AFP",
            None,
            "PORTVALE, 24 octobre (AFP) - ",
        ),
        (
            "NEW HARBOUR/DUNMERE, Oct 24 (Reuters) - Ships waited.",
            "New Harbour/Dunmere",
            None,
            "Reuters",
            "--10-24",
            "NEW HARBOUR/DUNMERE, Oct 24 (Reuters) - ",
        ),
        (
            "PORT-AU-PRINCE, Haiti (AP) — Ships waited.",
            "Port-au-Prince",
            "Haiti",
            "AP",
            None,
            "PORT-AU-PRINCE, Haiti (AP) — ",
        ),
        (
            "SAINT-DENIS-SUR-MER, Estria (Agence France-Presse) — Ships waited.",
            "Saint-Denis-sur-Mer",
            "Estria",
            "AFP",
            None,
            "SAINT-DENIS-SUR-MER, Estria (Agence France-Presse) — ",
        ),
        ("KELSO-ON-SEA — Ships waited.", "Kelso-on-Sea", None, None, None, "KELSO-ON-SEA — "),
        ("ORD — Flights resumed.", "Ord", None, None, None, "ORD — "),
    ],
    ids=[
        "day-month",
        "day-month-year",
        "foreign-month",
        "two-places",
        "hyphen-particle",
        "hyphen-particles-known-agency",
        "hyphen-particle-caps-only",
        "three-letter-place",
    ],
)
def test_more_dateline_shapes(
    text: str,
    place: str,
    region: str | None,
    agency: str | None,
    date: str | None,
    dateline: str,
) -> None:
    test_dateline_shapes(text, place, region, agency, date, dateline)


@pytest.mark.parametrize(
    "text",
    [
        "Sen. Mara Quill (R-Estria) — who chairs the panel, said the quay would reopen.",
        "Rep. Ivo Stern (D-N.Y.) said the quay would reopen.",
        "Ivo Stern (D-N.Y.) — who chairs the panel, said the quay would reopen.",
        "Ivo Stern (D) — who chairs the panel, said the quay would reopen.",
        "Ana Brook (in part) — the rest is hers.",
        "Dr. Ana Brook (Vale News) — the port doctor — said ships waited.",
        "MAYOR LENA ORTIZ — the quay will reopen.",
        "NATO — allies meet in Portvale on Tuesday.",
        "OK — we said the quay would reopen.",
        "EU — ministers meet.",
        "UPDATE — Ships berthed by noon.",
        "BREAKING NEWS — Ships berthed by noon.",
    ],
    ids=[
        "honorific-party-state",
        "honorific-no-dash",
        "party-state-tag",
        "party-letter",
        "lower-case-aside",
        "honorific-with-agency-like-bracket",
        "honorific-caps",
        "acronym",
        "interjection",
        "two-letters",
        "kicker",
        "kicker-two-words",
    ],
)
def test_names_acronyms_and_kickers_are_not_datelines(text: str) -> None:
    assert find_dateline(text) is None


def test_a_hyphenated_agency_must_be_a_known_one() -> None:
    found = find_dateline("PORTVALE (Estria-Wire) — Ships waited.")

    assert found is None or found.agency is None


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


# --- read_date_line -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "iso", "other"),
    [
        ("March 07, 2031", "2031-03-07", ""),
        ("Posted: June 2, 2031", "2031-06-02", ""),
        ("Updated: June 2, 2031, 3:23 PM ET", "2031-06-02", ""),
        ("Published 2 June 2031", "2031-06-02", ""),
        ("WEDNESDAY, JUNE 4, 2031, 10:53 AM", "2031-06-04", ""),
        ("Wednesday 4 June 2031 22.34 BST", "2031-06-04", ""),
        ("June 4th, 2031, 7:35 am", "2031-06-04", ""),
        ("on Tuesday, 3 June 2031 13:45.", "2031-06-03", ""),
        ("2031-06-04", "2031-06-04", ""),
        ("Fri., Oct. 3, 2031 6:07:15 p.m. EDT", "2031-10-03", ""),
        ("7:15 a.m. Nov. 21, 2031", "2031-11-21", ""),
        ("Last updated on: Sat Nov 22 2031, 01:19 hrs", "2031-11-22", ""),
        ("2 October 2031, 15:39 (GMT+05:00)", "2031-10-02", "GMT+"),
        ("TNN Jun 12, 2031, 05.51AM IST", "2031-06-12", "TNN"),
        ("By Staff | June 2, 2031", "2031-06-02", "By Staff"),
        ("Posted: June 2, 2031 | Updated: June 3, 2031", "2031-06-02", ""),
        ("Thursday, June 5", "--06-05", ""),
        ("On June 4, 2031, the council voted.", "2031-06-04", "the council voted"),
    ],
)
def test_date_line_shapes(line: str, iso: str, other: str) -> None:
    found = read_date_line(line, source="date line")

    assert found is not None
    assert (found[0].iso(), found[0].source, found[1]) == (iso, "date line", other)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("WEDNESDAY, JUNE 4, 2031, 10: 53 AM", "2031-06-04"),
        ("Wednesday 4 June 2031 22. 34 BST", "2031-06-04"),
        ("12: 52 p. m. EDT May 2, 2031", "2031-05-02"),
        ("published: 2031 - 06 - 04 11: 47: 35", "2031-06-04"),
    ],
)
def test_date_lines_with_spaces_put_in_by_text_extraction(line: str, iso: str) -> None:
    found = read_date_line(line, source="date line")

    assert found is not None
    assert found == (PubDate.parse_iso(iso, "date line"), "")


@pytest.mark.parametrize(
    "line",
    [
        "04/06/2031",  # April or June: numeric day-month forms are skipped
        "Updated 4 / 6 / 2031 1: 26 PM",
        "The Mayor spoke",  # "May" inside a word
        "4 Mayors",
        "February 30, 2031",
        "Quay reopens",
        "",
    ],
)
def test_lines_without_a_date(line: str) -> None:
    assert read_date_line(line, source="date line") is None


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


def test_canonical_agency_names() -> None:
    assert canonical_agency("The Associated Press") == "AP"
    assert canonical_agency(" reuters. ") == "Reuters"
    assert canonical_agency("(Northern Press)") == "Northern Press"

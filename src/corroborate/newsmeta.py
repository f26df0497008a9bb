"""News metadata in words: agencies and their names, datelines, and date strings.

Pure string work, shared by every reader and by :mod:`corroborate.packaging`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from corroborate.records import PubDate

__all__ = [
    "DatelineMatch",
    "agencies_named",
    "canonical_agency",
    "checked_date",
    "find_dateline",
    "is_name",
    "known_agency",
    "outlet_from_url",
    "parse_date_value",
    "read_date_line",
]

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"  # "June 4th, 2031"

# Agencies whose long and short names both appear in credits and datelines.
# The short form is what the report shows; matching is case-insensitive.
_AGENCY_ALIASES = {
    "associated press": "AP",
    "the associated press": "AP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "deutsche presse-agentur": "dpa",
    "united press international": "UPI",
    "xinhua news agency": "Xinhua",
    "yonhap news agency": "Yonhap",
    "kyodo news": "Kyodo",
}
_KNOWN_AGENCIES = {
    **_AGENCY_ALIASES,
    **{short.lower(): short for short in _AGENCY_ALIASES.values()},
}
# A known agency named anywhere in a byline or copyright line. Long names match in any
# case; the short forms only as written ("AP", not the "ap" of a word split by a dash).
_AGENCY_NAMED = re.compile(
    r"\b(?:(?i:"
    + "|".join(re.escape(name) for name in sorted(_AGENCY_ALIASES, key=len, reverse=True))
    + r")|"
    + "|".join(sorted({re.escape(s) for s in _AGENCY_ALIASES.values()}, key=len, reverse=True))
    + r")\b"
)


def canonical_agency(name: str) -> str:
    """ "The Associated Press" -> "AP"; unknown names come back trimmed."""
    cleaned = name.strip(" .,;:()[]")
    return _AGENCY_ALIASES.get(cleaned.lower(), cleaned)


def known_agency(name: str) -> str | None:
    """The short form of a known agency ("associated press" -> "AP"), else None."""
    return _KNOWN_AGENCIES.get(name.strip(" .,;:()[]").lower())


def agencies_named(text: str) -> list[str]:
    return [_KNOWN_AGENCIES[m.group(0).lower()] for m in _AGENCY_NAMED.finditer(text)]


# Lower-case words that may sit inside a name: "Ana de la Cruz", "Bank of Estria".
_NAME_PARTICLES = frozenset({
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "dos", "du", "el",
    "la", "le", "of", "van", "von", "y"
})  # fmt: skip


def is_name(name: str) -> bool:
    """Each word capitalised (or a particle inside a name), or a known agency: what tells
    "Jane Doe" from "neighbours and firefighters"."""
    words = name.split()
    if not words:
        return False
    for word in words:
        if word[0].isupper() or word[0].isdigit():
            continue  # the common case, without the search below
        first = next((c for c in word if c.isalnum()), "")
        if not (first.isupper() or first.isdigit()) and word.split("-")[0] not in _NAME_PARTICLES:
            return known_agency(name) is not None  # "dpa"
    return True


# --- datelines ---------------------------------------------------------------------------
# Up to four words, joined by spaces, hyphens or slashes ("HONG KONG/SINGAPORE").
_PLACE = r"[A-Z][\w.'’-]*(?:[ /-][A-Z][\w.'’-]*){0,3}"
_REGION = r"[A-Z][A-Za-z.'’-]*(?: [A-Za-z.'’-]+){0,3}"
# "Oct. 24", "24 Oct", "Oct 24, 2031", and month names in other languages ("24 octobre"),
# which give no date but must not hide the place and agency around them.
_DATE = r"(?:\d{1,2}\.?\s+[^\W\d_]{3,12}\.?|[^\W\d_]{3,12}\.?\s+\d{1,2})(?:,?\s+\d{4})?"
_DATELINE_WITH_AGENCY = re.compile(
    rf"(?P<place>{_PLACE})"
    rf"(?:,\s*(?P<region>{_REGION}))?"
    rf"(?:,\s*(?P<date>{_DATE}))?"
    r",?\s*\((?P<agency>[A-Za-z0-9][A-Za-z0-9 .&'’-]{0,38})\)\s*(?:[—–]|--?)\s*"
)
# Without an agency a dateline is only trusted when the place is in capitals: "BEIJING — ".
_DATELINE_CAPS = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+){0,3})"
    rf"(?:,\s*(?P<region>{_REGION}))?"
    rf"(?:,\s*(?P<date>{_DATE}))?"
    r"\s*(?:[—–]|--)\s*"
)
# Titles that open a person's name, not a place: "Sen. Jane Roe (R-Estria) — who ...".
# Abbreviations are matched with or without their period; of the spelled-out titles only
# those that begin no place name found in datelines ("General Santos" and "Captain
# Cook" are places, so "general" and "captain" are left out).
_HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "lt", "sgt", "capt", "col", "gen",
    "maj", "adm", "cmdr", "prof", "pres", "rev", "hon", "president", "senator", "governor",
    "mayor", "minister", "secretary", "judge"
})  # fmt: skip
# All-caps words that open a paragraph without being a place: acronyms of bodies and
# kickers. Two-letter ones (UN, EU, US, UK, OK, TV) are already refused by the length
# rule below, so only longer words that actually occur before a dash in copy are listed.
_CAPS_NOT_PLACES = frozenset({
    "NATO", "FBI", "CIA", "COVID", "UPDATE", "BREAKING", "EXCLUSIVE", "WATCH", "ANALYSIS",
    "OPINION", "EDITORIAL", "CORRECTION", "URGENT"
})  # fmt: skip
# An all-caps place needs 3 letters: every 2-letter capitalised word at the start of a
# paragraph is an acronym or "OK", and no dateline city is spelled in two letters.
_MIN_CAPS_PLACE_LETTERS = 3
# An agency of unknown name: at most 4 words ("Vale News Service", "Northern Press
# Agency"); longer brackets are asides, not credits.
_AGENCY_MAX_WORDS = 4
# Lower-case particles inside hyphenated place names: "PORT-AU-PRINCE" -> "Port-au-Prince".
_PLACE_PARTICLES = frozenset({
    "au", "aux", "de", "del", "des", "di", "du", "en", "la", "le", "les", "lès", "of", "on",
    "sous", "sur", "upon"
})  # fmt: skip


@dataclass(frozen=True)
class DatelineMatch:
    place: str | None
    region: str | None
    agency: str | None
    date: PubDate | None
    end: int  # characters of the text the dateline takes


def find_dateline(text: str) -> DatelineMatch | None:
    """The dateline opening ``text``, if any: ``SEOUL, South Korea (AP) — ...``."""
    head = text[:200]
    agency = None
    match = _DATELINE_WITH_AGENCY.match(head)
    if match is not None:
        agency = _dateline_agency(match.group("agency"))
        if agency is None or not _place_ok(match.group("place")):
            match = None
    if match is None:
        match = _DATELINE_CAPS.match(head)
        if match is None or not _caps_place_ok(match.group("place")):
            return None
    date = _month_day(match.group("date")) if match.group("date") else None
    return DatelineMatch(
        place=_uncap(match.group("place")),
        region=_uncap(match.group("region")) if match.group("region") else None,
        agency=agency,
        date=date,
        end=match.end(),
    )


def _place_ok(place: str) -> bool:
    return place.split(" ", 1)[0].rstrip(".").lower() not in _HONORIFICS


def _caps_place_ok(place: str) -> bool:
    first = place.split(" ", 1)[0].replace(".", "")
    return (
        _place_ok(place)
        and first not in _CAPS_NOT_PLACES
        and sum(c.isalpha() for c in place) >= _MIN_CAPS_PLACE_LETTERS
    )


def _dateline_agency(name: str) -> str | None:
    """The agency in a dateline's brackets, or None when the brackets hold something else:
    a party-state tag ("R-Texas", "D-N.Y."), a party letter ("D"), an aside ("in part")."""
    known = known_agency(name)
    if known:
        return known
    cleaned = name.strip(" .,;:")
    if (
        "-" in cleaned  # party-state tags; hyphenated agencies are known aliases
        or sum(c.isalpha() for c in cleaned) < 2
        or len(cleaned.split()) > _AGENCY_MAX_WORDS
        or not is_name(cleaned)
    ):
        return None
    return cleaned


def _uncap(words: str) -> str:
    """ "SEOUL" -> "Seoul", "ST. KILDA" -> "St. Kilda", "PORT-AU-PRINCE" -> "Port-au-Prince";
    initials ("U.S.") and mixed case stay."""
    return " ".join(
        _uncap_word(w)
        if w.isupper() and len(w) > 1 and not ("." in w and _INITIALS.fullmatch(w))
        else w
        for w in words.split(" ")
    )


def _uncap_word(word: str) -> str:
    if "-" not in word and "/" not in word:
        return word.capitalize()
    pieces = re.split(r"([/-])", word)
    for i in range(0, len(pieces), 2):
        lower = pieces[i].lower()
        inner = i > 0 and pieces[i - 1] == "-" and i < len(pieces) - 1
        pieces[i] = lower if inner and lower in _PLACE_PARTICLES else pieces[i].capitalize()
    return "".join(pieces)


_INITIALS = re.compile(r"(?:[A-Z]\.)+")


def _month_day(value: str, source: str = "dateline") -> PubDate | None:
    """ "Oct 24", "Oct. 24, 2031", "24 Oct", "24 Oct 2031", "Oct 24th, 2031"; None for other
    month names."""
    match = re.match(
        rf"(?:([^\W\d_]+)\.?\s+(\d{{1,2}}){_ORDINAL}|(\d{{1,2}}){_ORDINAL}\.?\s+([^\W\d_]+)\.?)"
        r"(?:,?\s+(\d{4}))?",
        value,
    )
    if not match:
        return None
    name = (match.group(1) or match.group(4)).lower()
    if name not in MONTHS:
        return None
    year = int(match.group(5)) if match.group(5) else None
    month, day = MONTHS[name], int(match.group(2) or match.group(3))
    if year is not None:
        return checked_date(year, month, day, source)
    # Without a year, a day is valid when it exists in some year: "Feb 29" is, "Feb 30" is not.
    if checked_date(2000, month, day, source) is None:
        return None
    return PubDate(year, month, day, source=source)


# --- dates and outlets from metadata ---------------------------------------------------
_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
    r"(Z|[+-]\d{2}:?\d{2})?)?$"
)


def parse_date_value(value: str, source: str) -> PubDate | None:
    """A publication date from a metadata string: ISO 8601, RFC 822, "October 24, 2024",
    "24 Oct 2024" or a partial "Oct 24". None when it is not a date."""
    value = value.strip()
    if not value or len(value) > 64:
        return None
    iso = _ISO.match(value)
    if iso:
        year, month, day = int(iso.group(1)), int(iso.group(2)), int(iso.group(3))
        time = None
        if iso.group(4):
            zone = iso.group(7) or ""
            zone = (
                "+00:00"
                if zone == "Z"
                else (zone if ":" in zone or not zone else f"{zone[:3]}:{zone[3:]}")
            )
            time = f"{iso.group(4)}:{iso.group(5)}:{iso.group(6) or '00'}{zone}"
        checked = checked_date(year, month, day, source)
        if checked and time:
            try:  # "25:61" or a zone of "+25:00" is not a time
                datetime.fromisoformat(f"{checked.iso()}T{time}")
            except ValueError:
                return None
            return PubDate(year, month, day, time, source)
        return checked
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):  # Overflow: "Jan 99999999999"
        parsed = None
    if parsed is not None:
        return _from_datetime(parsed, source)
    for pattern in ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d"):
        try:
            return checked_date(*_ymd(datetime.strptime(value, pattern)), source)
        except ValueError:
            continue
    partial = _month_day(value)
    if partial and partial.year is None and re.fullmatch(rf"{_MONTH}\s+\d{{1,2}}", value):
        return PubDate(None, partial.month, partial.day, source=source)
    return None


# --- date lines ------------------------------------------------------------------------
# The date line a web page shows near its headline, pasted with the article as plain text:
# "Updated: Wednesday, June 4, 2031, 10:53 AM ET", "4 June 2031 22.34 BST", "2031-06-04".
# Text extraction may put a space after a colon or point ("10: 53 AM", "22. 34 BST",
# "p. m.", "2031 - 06 - 04"), so the patterns allow one there. Only month names and ISO
# give a date: "04/06/2031" may be April or June.
_LINE_DATE = re.compile(
    rf"(?<![\w:.])(?:{_MONTH}\s+\d{{1,2}}{_ORDINAL}|\d{{1,2}}{_ORDINAL}\.?\s+{_MONTH})(?!\w)"
    r"(?:,?\s+(?:19|20)\d\d(?!\d))?"
    r"|(?P<iso>(?<!\d)(?:19|20)\d\d\s?-\s?\d\d\s?-\s?\d\d(?!\d))",
    re.IGNORECASE,
)
# A clock time and its zone: "10:53 AM ET", "6:07:15 pm", "7:15 a. m.", "5:55p", "01:19 hrs",
# "22.34 BST", "10:00 GMT+05:00". Zones are capitals, so "at 10:53 the council" keeps "the".
_LINE_TIME = re.compile(
    r"(?<![\d.:])\d{1,2}[:.]\s?\d\d(?:[:.]\s?\d\d)?(?!\d)"
    r"(?:\s?(?i:[ap]\.?\s?m\b\.?|[ap]\b))?"
    r"(?:\s?(?:(?i:hrs)\b|[A-Z]{2,5}\b(?:[+-]\d{1,2}(?::\s?\d\d)?)?))?"
)
_LINE_WEEKDAY = re.compile(
    r"\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\b\.?", re.IGNORECASE
)
# Labels pages put around the date: "Posted on", "Last updated at", "Published time:".
_LINE_LABEL = re.compile(
    r"\b(?:posted|updated|published|created|edited|modified|first|last|originally|story|time"
    r"|on|at)\b",
    re.IGNORECASE,
)


def read_date_line(line: str, source: str) -> tuple[PubDate, str] | None:
    """The date a page's date line gives, and what else the line says: "TNN" for
    "TNN Jun 12, 2031, 05:51AM IST", "" for "Posted: Wednesday, June 4th, 2031 @ 10: 53 AM".

    Weekdays, clock times, zones and labels ("Posted on", "Updated") are not "what else",
    nor are further dates ("Posted June 2 | Updated June 3" gives June 2). None when the
    line holds no date. Whether the other words leave the line a date line is the caller's
    judgement: "On June 4, 2031, the council voted" gives (2031-06-04, "the council voted").
    """
    date = None
    rest: list[str] = []  # the line between the dates
    start = 0
    for match in _LINE_DATE.finditer(line):
        iso = match.group("iso")
        found = (
            parse_date_value(re.sub(r"\s", "", iso), source=source)
            if iso
            else _month_day(match.group(), source=source)
        )
        if found is None:  # "4 Mayor", "Feb 30": text, which the caller will see
            continue
        date = date or found
        rest.append(line[start : match.start()])
        start = match.end()
    if date is None:
        return None
    other = " ".join([*rest, line[start:]])
    for pattern in (_LINE_TIME, _LINE_WEEKDAY, _LINE_LABEL):
        other = pattern.sub(" ", other)
    return date, " ".join(other.split()).strip(" .,;:|@()[]/-–—•")


def _ymd(moment: datetime) -> tuple[int, int, int]:
    return moment.year, moment.month, moment.day


def _from_datetime(moment: datetime, source: str) -> PubDate:
    zone = moment.strftime("%z")
    zone = f"{zone[:3]}:{zone[3:]}" if zone else ""
    return PubDate(moment.year, moment.month, moment.day, f"{moment:%H:%M:%S}{zone}", source)


def checked_date(year: int, month: int, day: int, source: str) -> PubDate | None:
    try:
        datetime(year, month, day)
    except ValueError:
        return None
    return PubDate(year, month, day, source=source)


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL names: its host without "www." ("apnews.com")."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")

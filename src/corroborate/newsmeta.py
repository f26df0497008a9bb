"""News-specific metadata found in the text itself: date tags, datelines, credit lines,
headlines, photo captions and wire end-markers; and parsing of date strings.

Everything here is pure string work, shared by every reader.
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
    "Packaging",
    "canonical_agency",
    "credit_names",
    "find_dateline",
    "outlet_from_url",
    "parse_date_value",
    "split_packaging",
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


def canonical_agency(name: str) -> str:
    """ "The Associated Press" -> "AP"; unknown names come back trimmed."""
    cleaned = name.strip(" .,;:()[]")
    return _AGENCY_ALIASES.get(cleaned.lower(), cleaned)


# --- tag lines opening a plain-text file ------------------------------------------------
# " date 2024-10-23 " (the body may go on in the same line), and " outlet NAME" or
# " url URL" each on a line of its own: the keyword is lower case, so a headline that
# happens to start with the same word is not taken for a tag.
_DATE_TAG = re.compile(r"\A\s*date\s+(\d{4})-(\d{2})-(\d{2})\b[ \t]*\n?")
_LINE_TAG = re.compile(r"\A\s*(outlet|url)[ \t]+(\S[^\n]*?)[ \t]*(?:\n|\Z)")

# --- datelines ---------------------------------------------------------------------------
_PLACE = r"[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}"
_REGION = r"[A-Z][A-Za-z.'’-]*(?: [A-Za-z.'’-]+){0,3}"
_DATELINE_WITH_AGENCY = re.compile(
    rf"(?P<place>{_PLACE})"
    rf"(?:,\s*(?P<region>{_REGION}))?"
    rf"(?:,\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?))?"
    r",?\s*\((?P<agency>[A-Za-z0-9][A-Za-z0-9 .&'’-]{0,38})\)\s*(?:[—–]|--?)\s*"
)
# Without an agency a dateline is only trusted when the place is in capitals: "BEIJING — ".
_DATELINE_CAPS = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    rf"(?:,\s*(?P<region>{_REGION}))?"
    rf"(?:,\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?))?"
    r"\s*(?:[—–]|--)\s*"
)


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
    match = _DATELINE_WITH_AGENCY.match(head) or _DATELINE_CAPS.match(head)
    if not match:
        return None
    agency = match.groupdict().get("agency")
    date = _month_day(match.group("date")) if match.group("date") else None
    return DatelineMatch(
        place=_uncap(match.group("place")),
        region=_uncap(match.group("region")) if match.group("region") else None,
        agency=canonical_agency(agency) if agency else None,
        date=date,
        end=match.end(),
    )


def _uncap(words: str) -> str:
    """ "SEOUL" -> "Seoul", "ST. KILDA" -> "St. Kilda"; initials ("U.S.") and mixed case stay."""
    return " ".join(
        w.capitalize() if w.isupper() and len(w) > 1 and not _INITIALS.fullmatch(w) else w
        for w in words.split(" ")
    )


_INITIALS = re.compile(r"(?:[A-Z]\.)+")


def _month_day(value: str) -> PubDate | None:
    match = re.match(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?", value)
    if not match or match.group(1).lower() not in MONTHS:
        return None
    year = int(match.group(3)) if match.group(3) else None
    month, day = MONTHS[match.group(1).lower()], int(match.group(2))
    if year is not None:
        return _checked_date(year, month, day, "dateline")
    # Without a year, a day is valid when it exists in some year: "Feb 29" is, "Feb 30" is not.
    if _checked_date(2000, month, day, "dateline") is None:
        return None
    return PubDate(year, month, day, source="dateline")


# --- packaging lines: headline, caption, credits, end markers ----------------------------
_CREDIT = re.compile(
    r"^[(\[]?\s*(?:"
    r"(?:with |additional )?(?:reporting|writing|compiled|editing) (?:by|from) (?P<by>.+?)"
    r"|(?P<contrib>.+?) contributed to this (?:report|story|article)"
    r"|(?:this (?:article|story|report) (?:contains|includes|uses) )?material from (?P<material>.+?)"
    r"(?: (?:was|were|is) (?:used|included)(?: in this (?:report|story|article))?)?"
    r")\s*[.)\]]?\s*$",
    re.IGNORECASE,
)
# Words every credit line has; checked first because most paragraphs are not credits.
_CREDIT_HINT = re.compile(r"reporting|writing|compiled|editing|contributed|material", re.IGNORECASE)
_CAPTION = re.compile(
    r"\((?:file |archive )?(?:photo|image|picture|video)[^)]*\)\s*$|^(?:photo|image|picture)\s*:",
    re.IGNORECASE,
)
# How many closing paragraphs may be credits or end markers ("With reporting by AP",
# "(Editing by ...)", "END/NYC/") — three covers every arrangement seen in wire copy.
_CLOSING_PARAGRAPHS = 3
_END_MARKER = re.compile(r"^(?:\(?END[S]?\)?(?:/[A-Z0-9]*)*/?|-30-|—30—|###|\*\*\*)$")


@dataclass(frozen=True)
class Packaging:
    """What ``split_packaging`` found around the body of a plain-text article."""

    body: str
    title: str | None
    date: PubDate | None
    credits: tuple[str, ...]
    tags: dict[str, str]  # "outlet", "url" from tag lines


def split_packaging(text: str, *, detect_title: bool) -> Packaging:
    """Separate the body of a plain-text article from its packaging.

    Removes leading tag lines (date, outlet, url), the headline (when ``detect_title``), photo captions
    just under it, credit lines and wire end-markers; returns what they said.
    """
    tags: dict[str, str] = {}
    date = None
    date_tagged = False
    while True:  # tag lines, in any order
        line_tag = _LINE_TAG.match(text)
        if line_tag:
            tags[line_tag.group(1)] = line_tag.group(2)
            text = text[line_tag.end() :]
            continue
        if not date_tagged and _DATE_TAG.match(text):
            date, text = _take_date_tag(text)
            date_tagged = True
            continue
        break
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    title = None
    if detect_title and len(paragraphs) > 1 and _looks_like_headline(paragraphs[0]):
        title = paragraphs.pop(0).strip()
        while paragraphs and _is_caption(paragraphs[0]):
            paragraphs.pop(0)
        if not date_tagged and paragraphs:  # the tag may also follow the headline
            date, paragraphs[0] = _take_date_tag(paragraphs[0])
    # Credit lines and end markers close an article: only its last paragraphs are checked.
    credits: list[str] = []
    kept = paragraphs[:-_CLOSING_PARAGRAPHS]
    for paragraph in paragraphs[-_CLOSING_PARAGRAPHS:]:
        names = credit_names(paragraph)
        if names is not None:
            credits.extend(n for n in names if n not in credits)
        elif not _END_MARKER.match(paragraph.strip()):
            kept.append(paragraph)
    return Packaging("\n\n".join(kept), title, date, tuple(credits), tags)


def _take_date_tag(text: str) -> tuple[PubDate | None, str]:
    """The date of a leading date tag and the text without it; an impossible date
    ("2031-02-30") is still removed, and gives no date."""
    tag = _DATE_TAG.match(text)
    if not tag:
        return None, text
    date = _checked_date(int(tag.group(1)), int(tag.group(2)), int(tag.group(3)), "date line")
    return date, text[tag.end() :]


def credit_names(paragraph: str) -> list[str] | None:
    """Names credited by a credit line ("With reporting by AP and Reuters"), else None."""
    line = paragraph.strip()
    if len(line) > 300 or "\n" in line or not _CREDIT_HINT.search(line) or len(line.split()) > 30:
        return None
    match = _CREDIT.match(line)
    if not match:
        return None
    named = match.group("by") or match.group("contrib") or match.group("material") or ""
    named = re.split(r";\s*(?:editing|writing)\b", named, flags=re.IGNORECASE)[0]
    names = []
    for part in re.split(r",|;|\band\b|&|/", named):
        part = re.sub(r"\s+in\s+[A-Z][\w .'-]*$", "", part.strip())  # "Jane Doe in Seoul"
        part = re.sub(r"^the\s+", "", part, flags=re.IGNORECASE)
        part = re.sub(r"\s+reports?$", "", part, flags=re.IGNORECASE)
        if part:
            names.append(canonical_agency(part))
    return names or None


def _looks_like_headline(paragraph: str) -> bool:
    line = paragraph.strip()
    return (
        "\n" not in line
        and 0 < len(line) <= 200
        and len(line.split()) <= 25
        and not line.endswith((".", ",", ";", ":"))
        and find_dateline(line + " ") is None
    )


def _is_caption(paragraph: str) -> bool:
    line = paragraph.strip()
    return "\n" not in line and len(line.split()) <= 30 and bool(_CAPTION.search(line))


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
        checked = _checked_date(year, month, day, source)
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
            return _checked_date(*_ymd(datetime.strptime(value, pattern)), source)
        except ValueError:
            continue
    partial = _month_day(value)
    if partial and partial.year is None and re.fullmatch(rf"{_MONTH}\s+\d{{1,2}}", value):
        return PubDate(None, partial.month, partial.day, source=source)
    return None


def _ymd(moment: datetime) -> tuple[int, int, int]:
    return moment.year, moment.month, moment.day


def _from_datetime(moment: datetime, source: str) -> PubDate:
    zone = moment.strftime("%z")
    zone = f"{zone[:3]}:{zone[3:]}" if zone else ""
    return PubDate(moment.year, moment.month, moment.day, f"{moment:%H:%M:%S}{zone}", source)


def _checked_date(year: int, month: int, day: int, source: str) -> PubDate | None:
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

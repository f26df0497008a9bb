"""The packaging around a plain article's body: tag lines, headline, date line, byline,
photo captions, credit lines, copyright lines and wire end-markers.

:func:`split_packaging` takes them off the body and says what they said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corroborate.newsmeta import (
    agencies_named,
    canonical_agency,
    checked_date,
    find_dateline,
    is_name,
    known_agency,
    read_date_line,
)
from corroborate.records import PubDate

__all__ = ["Packaging", "credit_names", "split_packaging"]

# --- tag lines opening a plain-text file ------------------------------------------------
# " date 2024-10-23 " (the body may go on in the same line), and " outlet NAME" or
# " url URL" each on a line of its own: the keyword is lower case, so a headline that
# happens to start with the same word is not taken for a tag.
_DATE_TAG = re.compile(r"\A\s*date\s+(\d{4})-(\d{2})-(\d{2})\b[ \t]*\n?")
_LINE_TAG = re.compile(r"\A\s*(outlet|url)[ \t]+(\S[^\n]*?)[ \t]*(?:\n|\Z)")


# --- packaging lines: headline, byline, caption, credits, end markers --------------------
# One role of a credit line; a line may chain several with ";": "Reporting by A in Seoul;
# additional reporting by B; writing by C; editing by D". Editing credits no one.
_ROLE = r"(?:reporting|writing|compiled|editing|edited)"
_CREDIT_SEGMENT = re.compile(
    r"(?:"
    rf"(?:(?:with|additional|and) )*(?P<role>{_ROLE})(?: and (?:reporting|writing|editing))?"
    r" (?:by|from) (?P<by>.+)"
    r"|(?P<contrib>.+?) contributed (?:reporting(?: to this (?:report|story|article))?"
    r"|to this (?:report|story|article))(?: from [\w .,'’-]+)?"
    r"|(?:this (?:article|story|report) (?:contains|includes|uses) )?"
    r"(?:material|information) from (?P<material>.+?)"
    r"(?: (?:was|were|is) (?:used|included)(?: in this (?:report|story|article))?)?"
    r")",
    re.IGNORECASE,
)
_NEXT_ROLE = re.compile(rf";\s*(?=(?:(?:with|additional|and) )*{_ROLE}\b)", re.IGNORECASE)
# Words every credit line has; checked first because most paragraphs are not credits
# (as substrings of the lower-cased line: several times faster than a regex alternation).
_CREDIT_HINTS = (
    "reporting", "writing", "compiled", "edit", "contributed", "material", "information"
)  # fmt: skip
# Sources that are no one's name: "Compiled by Jane Roe from wire reports".
_GENERIC_SOURCES = re.compile(
    r"(?:^|\s+from\s+)(?:(?:staff|wire|news|agency)(?:\s+and\s+)?)+\s*(?:reports|services|dispatches)$",
    re.IGNORECASE,
)
# "Associated Press writer John Roe contributed": the organisation named before the role
# is the credit; with none ("Staff writer John Roe"), the people after it are. The role
# is lower case after a name, so "Reporters Without Borders contributed" stays a name.
_STAFF_ROLE = re.compile(
    r"^(?:[Ss]taff\s+|(?P<org>.+?)\s+(?:[Ss]taff\s+)?)"
    r"(?:writer|reporter|correspondent|staff)s?\b\s*(?P<people>.*)$"
)
# Wire credit lines with every role filled ("Reporting by A and B in Seoul and C in
# Tokyo; additional reporting by D and E; writing by F; editing by G and H", as in the
# tests) run to about 200 characters and 40 words; the limits leave about half as much
# again. A longer paragraph is body text, whatever words it opens with.
_CREDIT_MAX_CHARS = 300
_CREDIT_MAX_WORDS = 50
_CAPTION = re.compile(
    r"\((?:file |archive )?(?:photo|image|picture|video)[^)]*\)\s*$|^(?:photo|image|picture)\s*:",
    re.IGNORECASE,
)
# "Copyright 2031 The Associated Press. All rights reserved.", "© 2031 Reuters": a year or
# the reserved-rights formula tells it from a sentence about copyright.
_COPYRIGHT = re.compile(
    r"^(?:copyright\b\s*(?:©|\(c\))?|©|\(c\))"
    r"(?=.*(?:\b(?:19|20|21)\d\d\b|all rights reserved))",
    re.IGNORECASE,
)
# Longest copyright notice kept as packaging: holder and formula fit in 25 words; a longer
# paragraph opening with "Copyright" is about copyright.
_COPYRIGHT_MAX_WORDS = 25
# How many closing paragraphs may be credits, copyright lines or end markers
# ("With reporting by AP", "(Editing by ...)", "Copyright 2031 ...", "END/NYC/"): one
# of each is the most seen in wire copy.
_CLOSING_PARAGRAPHS = 4
_END_MARKER = re.compile(r"^(?:\(?END[S]?\)?(?:/[A-Z0-9]*)*/?|-30-|—30—|###|\*\*\*)$")

# Headlines in the example corpus and the seeds run to 48-80 characters and 8-12 words,
# while body paragraphs run to a median of 23-48 words. The limits are 2.5 times the
# longest headline: what separates most body paragraphs is their closing punctuation,
# and the limits catch the long ones that lack it (a lede that lost its full stop).
_HEADLINE_MAX_CHARS = 200
_HEADLINE_MAX_WORDS = 25
# Closing quotes and brackets, looked behind for the sentence's own full stop:
# 'Mayor Lena Ortiz said on Monday: "We will rebuild the market."' is not a headline.
_CLOSERS = "\"'”’»›)]}"
_BYLINE_START = re.compile(r"(?:By|BY)\s+\S")
# Bylines name up to about four people and an organisation with a role: "By Jane Doe, Ivo
# Stern and Ana Brook, Associated Press Writers" is 11 words, 60 characters; a "By ..."
# paragraph beyond 15 words or 150 characters is a sentence ("By noon on Tuesday ...").
_BYLINE_MAX_WORDS = 15
_BYLINE_MAX_CHARS = 150
# Lower-case words a byline may hold besides names: "By Jane Doe, staff writer".
_BYLINE_WORDS = frozenset({
    "and", "staff", "writer", "writers", "reporter", "reporters", "correspondent",
    "correspondents", "editor", "special", "to", "the", "in", "for", "with"
})  # fmt: skip
# A page's date line pasted above or under the headline ("Updated: June 4, 2031, 10:53 AM
# ET") is looked for among the first paragraphs only: it follows at most a headline and a
# standfirst or byline, and further down a date is the story's, not the page's.
_DATE_LINE_WITHIN = 3
# Date lines with labels, weekday, time and zone, or two dates ("Posted: ... | Updated:
# ..."), run to about 75 characters; a longer line is a sentence that mentions a date.
_DATE_LINE_MAX_CHARS = 100
# Besides its date (and weekday, time, labels) a date line may hold a byline ("By Jane
# Doe | June 4, 2031") or an agency or place tag in capitals of up to this many words
# ("TNN", "WASHINGTON, DC"). Any other words ("On June 4, 2031, the council voted"), or
# more of them, and the line is text that mentions a date.
_DATE_LINE_MAX_TAG_WORDS = 3
_ROLE_SUFFIX = re.compile(r"\s+(?:staff\s+)?(?:writer|reporter|correspondent)s?$", re.IGNORECASE)
# A text without blank lines is one paragraph per line unless it is prose wrapped at a
# fixed width: then lines go on mid-sentence, and most (in English news prose about three
# in four) start with a lower-case word, where paragraph-per-line files almost never do.
_WRAPPED_LOWERCASE_SHARE = 0.5


@dataclass(frozen=True)
class Packaging:
    """What ``split_packaging`` found around the body of an article."""

    body: str
    title: str | None
    date: PubDate | None
    credits: tuple[str, ...]
    tags: dict[str, str]  # "outlet", "url" from tag lines
    byline: str | None = None  # "By Jane Doe, Associated Press", its lines joined by ", "
    # The date of a page's date line near the top ("June 4, 2031, 10:53 AM"); kept apart
    # from ``date`` (the file's own tag) because a reader's date is trusted more.
    line_date: PubDate | None = None


def split_packaging(text: str, *, detect_title: bool, read_tags: bool = False) -> Packaging:
    """Separate the body of an article from its packaging.

    Removes leading tag lines (date, outlet, url; only when ``read_tags``, for plain-text
    files), the headline and date lines near it (when ``detect_title``), photo captions
    just under the headline, bylines, credit lines, copyright lines and wire end-markers;
    returns what they said. A text with no blank line is read as one paragraph per line.
    The body keeps one blank line between paragraphs.
    """
    tags: dict[str, str] = {}
    date = None
    date_tagged = False
    while read_tags:  # tag lines, in any order
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
    paragraphs = _paragraphs(text)
    credits: list[str] = []
    bylines: list[str] = []
    line_date = None
    # Date lines go first: one above the headline would pass for a headline itself, and
    # one under a standfirst would be left in the body. Every date line near the top is
    # packaging ("Posted: ..." then "Updated: ..."); the first gives the date, as pages
    # show the publication date first. A lone paragraph is the body, whatever it says.
    if detect_title and len(paragraphs) > 1:
        top: list[str] = []
        for paragraph in paragraphs[:_DATE_LINE_WITHIN]:
            date_line = _date_line(paragraph)
            if date_line is None:
                top.append(paragraph)
                continue
            line_date = line_date or date_line[0]
            if date_line[1]:
                bylines.append(date_line[1])
                credits.extend(agencies_named(date_line[1]))
        paragraphs[:_DATE_LINE_WITHIN] = top
    title = None
    if detect_title and len(paragraphs) > 1 and _looks_like_headline(paragraphs[0]):
        title = paragraphs.pop(0)
    while paragraphs:  # under the headline: captions, a date tag, bylines, in any order
        first = paragraphs[0]
        if read_tags and not date_tagged and _DATE_TAG.match(first):
            date, rest = _take_date_tag(first)
            date_tagged = True
            if rest.strip():
                paragraphs[0] = rest.strip()
            else:
                paragraphs.pop(0)
        elif title is not None and _is_caption(first):
            paragraphs.pop(0)
        elif _is_byline(first) or (bylines and _byline_agency(first)):
            bylines.append(paragraphs.pop(0))
            credits.extend(agencies_named(first))
        else:
            break
    # Credit lines and end markers close an article: only its last paragraphs are checked.
    kept = paragraphs[:-_CLOSING_PARAGRAPHS]
    for paragraph in paragraphs[-_CLOSING_PARAGRAPHS:]:
        names = credit_names(paragraph)
        if names is None and _is_copyright(paragraph):
            names = agencies_named(paragraph)
        if names is not None:
            credits.extend(names)
        elif not _END_MARKER.match(paragraph):
            kept.append(paragraph)
    return Packaging(
        "\n\n".join(kept),
        title,
        date,
        tuple(dict.fromkeys(credits)),
        tags,
        _join_byline(bylines),
        line_date,
    )


def _paragraphs(text: str) -> list[str]:
    """The paragraphs of a tidied text: blank-line separated, or one per line when the text
    has no blank line and is not wrapped prose."""
    parts = text.split("\n\n")
    if len(parts) == 1 and "\n" in text:
        lines = [line for line in text.split("\n") if line.strip()]
        after_first = lines[1:]
        lowercase = sum(1 for line in after_first if line.lstrip()[:1].islower())
        if after_first and lowercase < _WRAPPED_LOWERCASE_SHARE * len(after_first):
            parts = lines
    return [p.strip() for p in parts if p.strip()]


def _take_date_tag(text: str) -> tuple[PubDate | None, str]:
    """The date of a leading date tag and the text without it; an impossible date
    ("2031-02-30") is still removed, and gives no date."""
    tag = _DATE_TAG.match(text)
    if not tag:
        return None, text
    date = checked_date(int(tag.group(1)), int(tag.group(2)), int(tag.group(3)), "date tag")
    return date, text[tag.end() :]


def credit_names(paragraph: str) -> list[str] | None:
    """Names credited by a credit line ("With reporting by AP and Reuters"), else None.

    A line that is packaging but credits no one ("Editing by Jane Roe", "Compiled from
    wire reports") gives an empty list. Every name must be capitalised (or a known
    agency): "Neighbours and firefighters contributed to this story." is body text.
    """
    line = paragraph.strip()
    lower = line.lower()
    if (
        len(line) > _CREDIT_MAX_CHARS
        or "\n" in line
        or not any(hint in lower for hint in _CREDIT_HINTS)
        or len(line.split()) > _CREDIT_MAX_WORDS
    ):
        return None
    line = re.sub(r"^[(\[]\s*|\s*[.)\]]+$", "", line)
    names: list[str] = []
    for segment in _NEXT_ROLE.split(line):
        match = _CREDIT_SEGMENT.fullmatch(segment.strip())
        if not match:
            return None
        role = (match.group("role") or "").lower()
        if role.startswith("edit"):
            continue  # editors are packaging, not sources
        if match.group("contrib"):
            named = match.group("contrib")
            staff = _STAFF_ROLE.match(named)
            if staff:
                named = staff.group("org") or staff.group("people")
        else:
            named = _GENERIC_SOURCES.sub("", match.group("by") or match.group("material") or "")
        for part in re.split(r",|;|\band\b|&|/", named):
            part = re.sub(r"\s+in\s+[A-Z][\w .'-]*$", "", part.strip())  # "Jane Doe in Seoul"
            part = re.sub(r"^the\s+", "", part, flags=re.IGNORECASE)
            part = re.sub(r"\s+reports?$", "", part, flags=re.IGNORECASE)
            if not part:
                continue
            if not is_name(part):
                return None
            names.append(canonical_agency(part))
    return names


def _date_line(paragraph: str) -> tuple[PubDate, str | None] | None:
    """The date of a page's date line, and the byline it carries ("By Jane Doe | June 4,
    2031"); None when the paragraph is not a date line."""
    line = paragraph.strip()
    if "\n" in line or len(line) > _DATE_LINE_MAX_CHARS:
        return None
    found = read_date_line(line, source="date line")
    if found is None:
        return None
    date, other = found
    words = re.findall(r"\w+", other)
    if not words:
        return date, None
    # A date without its year is only trusted alone: "ELECTION DAY NOVEMBER 4" is a headline.
    if date.is_partial:
        return None
    if _is_byline(other):  # "By Jane Doe, Reuters | June 4, 2031"; a byline's own limits apply
        return date, other
    if len(words) <= _DATE_LINE_MAX_TAG_WORDS and all(word.isupper() for word in words):
        return date, None  # "TNN", "WASHINGTON, DC"; not "2031", "Council Vote"
    return None


def _looks_like_headline(paragraph: str) -> bool:
    line = paragraph.strip()
    return (
        "\n" not in line
        and 0 < len(line) <= _HEADLINE_MAX_CHARS
        and len(line.split()) <= _HEADLINE_MAX_WORDS
        and not line.rstrip(_CLOSERS).endswith((".", ",", ";", ":"))
        and not _is_byline(line)
        and find_dateline(line + " ") is None
    )


def _is_caption(paragraph: str) -> bool:
    line = paragraph.strip()
    return (
        (line.endswith(")") or line[:1] in "PpIi")  # cheap test first: most paragraphs fail it
        and "\n" not in line
        and bool(_CAPTION.search(line))
        and len(line.split()) <= 30
    )


def _is_byline(paragraph: str) -> bool:
    """ "By Jane Doe, Associated Press", "BY JANE DOE": short, and every word a name's."""
    line = paragraph.strip()
    if (
        not _BYLINE_START.match(line)
        or "\n" in line
        or len(line) > _BYLINE_MAX_CHARS
        or re.search(r"(?<!\bJr)(?<!\bSr)(?<!\b[A-Z])[.!?:]$", line)  # a sentence's end
    ):
        return False
    words = [w for w in re.split(r"[\s,;|/—–]+", line[2:]) if w]
    return len(words) <= _BYLINE_MAX_WORDS and all(
        w.lower() in _BYLINE_WORDS or is_name(w) for w in words
    )


def _byline_agency(paragraph: str) -> str | None:
    """ "Associated Press" or "Associated Press Writer" on the line under a byline."""
    line = paragraph.strip()
    return None if "\n" in line else known_agency(_ROLE_SUFFIX.sub("", line))


def _join_byline(lines: list[str]) -> str | None:
    return ", ".join(line.rstrip(",") for line in lines) or None


def _is_copyright(paragraph: str) -> bool:
    line = paragraph.strip()
    return (
        bool(_COPYRIGHT.match(line))
        and "\n" not in line
        and len(line.split()) <= _COPYRIGHT_MAX_WORDS
    )

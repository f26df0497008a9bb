"""The record types every stage reads and writes.

Records are frozen dataclasses. Every piece of evidence is a :class:`Span`: character
offsets ``[start, end)`` into one article's ``text``, so any output can point at what it
rests on. Articles are filled by ingest; the other records are filled by later stages
(reuse, cluster, extract, resolve, align) and are defined here so that every stage and
the store agree on their shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "Article",
    "Claim",
    "ClaimGroup",
    "Dateline",
    "Entity",
    "PubDate",
    "Quantity",
    "ReuseLink",
    "Span",
    "Story",
    "TimeRef",
]


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``text[start:end]`` of the article ``article_id``."""

    article_id: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}: need 0 <= start <= end")

    def of(self, text: str) -> str:
        """The spanned characters of ``text`` (the article's text)."""
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class PubDate:
    """A publication date that may be partial: "Oct 24" with no year keeps ``year=None``.

    ``source`` says where it came from: "date tag", "dateline", "html metadata",
    "feed", "field".
    """

    year: int | None
    month: int | None
    day: int | None
    time: str | None = None  # "HH:MM:SS" or "HH:MM:SS+HH:MM" when the source gave one
    source: str = ""

    @property
    def is_partial(self) -> bool:
        return self.year is None or self.month is None or self.day is None

    def iso(self) -> str:
        """ISO 8601, with the truncated forms for partial dates ("--10-24", "2024-10")."""
        if self.year is None:
            month = f"{self.month:02d}" if self.month else "-"
            return f"--{month}-{self.day:02d}" if self.day else f"--{month}"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        date = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"{date}T{self.time}" if self.time else date

    @classmethod
    def parse_iso(cls, value: str, source: str = "") -> PubDate:
        """Inverse of :meth:`iso`."""
        if value.startswith("--"):
            pieces = value[2:].split("-")
            month = None if pieces[0] in ("", "-") else int(pieces[0])
            day = int(pieces[1]) if len(pieces) > 1 and pieces[1] else None
            return cls(None, month, day, source=source)
        date, _, time = value.partition("T")
        parts: list[int | None] = [int(p) for p in date.split("-")]
        parts += [None] * (3 - len(parts))
        return cls(parts[0], parts[1], parts[2], time or None, source)


@dataclass(frozen=True, slots=True)
class Dateline:
    """The wire dateline that opens an article: ``SEOUL, South Korea (AP) —``."""

    place: str | None  # "Seoul"
    region: str | None  # "South Korea"
    agency: str | None  # "AP"
    date: PubDate | None  # the dateline's own date, often partial ("Oct 24")
    span: Span  # the dateline's characters in the article text


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as ingested. ``id`` is the content hash of its normalised text."""

    id: str
    text: str
    title: str | None = None
    title_from: str | None = None  # "metadata", "headline line", "feed", "field"
    byline: str | None = None  # "By Jane Doe, Associated Press", as printed
    outlet: str | None = None
    outlet_from: str | None = (
        None  # "given", "tag line", "html metadata", "feed", "url", "dateline"
    )
    url: str | None = None
    published: PubDate | None = None
    dateline: Dateline | None = None
    # Who the reporting is credited to, as names (agencies, outlets or reporters): the
    # dateline's agency ("(AP)"), known agencies named in a byline or copyright line, and
    # the names in credit lines ("With reporting by AP and Reuters"). Editors never are.
    credits: tuple[str, ...] = ()
    language: str | None = None
    source: str = ""  # where it was read: a path, "feed.xml#guid", "file.jsonl#3", a URL


@dataclass(frozen=True, slots=True)
class ReuseLink:
    """Text of ``source_id`` reused in ``copy_id`` (filled by the reuse stage)."""

    source_id: str
    copy_id: str
    kind: Literal["duplicate", "wire_copy", "partial_reuse", "shared_source"]
    coverage_source: float  # share of the source's text found in the copy
    coverage_copy: float  # share of the copy's text taken from the source
    passages: tuple[tuple[Span, Span], ...] = ()  # (span in source, span in copy)
    evidence: tuple[str, ...] = ()  # "credit line: With reporting by AP", "published earlier"
    directed: bool = True  # False when the direction could not be told


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place, with its mentions and aliases in one story."""

    id: str
    name: str  # canonical: "Tomas Reyne"
    kind: Literal["person", "organisation", "place", "other"]
    roles: tuple[str, ...] = ()  # "Chief Fire Officer, Corrick Fire and Rescue Service"
    aliases: tuple[str, ...] = ()  # "Reyne", "the fire chief"
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted amount, its hedge kept as an interval.

    "up to 12,000 troops" -> value 12000, low None, high 12000, unit "troops", hedge
    "up to"; "about 2,000 residents" -> value, low and high 2000, hedge "about";
    "tens of thousands" -> value None, low 20000, high 99999. ``unit`` is the thing
    counted, lower-case and in the plural, as printed ("troops", "residents"); None when
    the text does not say.
    """

    span: Span
    value: float | None
    low: float | None
    high: float | None
    unit: str | None  # the thing counted: "troops"
    hedge: str | None = None  # "about", "at least", "up to", ...


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A time expression normalised against the publication date.

    ``value`` is a TIMEX3-style ISO value at the expression's granularity: "2024-10-22",
    "2024-W43", "2024-12", "2024-Q3", "2024", "199" (the 1990s); "--05-13" when the year is
    not known. Unresolvable
    expressions keep their span with ``value`` None. ``how`` says how the value was
    reached ("weekday on or before publication", "explicit date", ...).

    ``kind`` is TIMEX3's type: a "date" is a point or period on the calendar; a
    "duration" is a length of time ("three weeks": "P3W", "18 months": "P18M", "several
    years": "PXY"), its granularity the unit counted. A duration is not a date: claims
    carry dates only.
    """

    span: Span
    value: str | None
    granularity: Literal[
        "day", "week", "month", "quarter", "season", "year", "decade", "century", "unknown"
    ] = "day"
    how: str = ""
    kind: Literal["date", "duration"] = "date"


@dataclass(frozen=True, slots=True)
class Claim:
    """Something an article says, and who it says said it (filled by the extract stage)."""

    id: str
    article_id: str
    content: Span
    kind: Literal["direct_quote", "reported", "mixed", "according_to", "outlet"]
    source: Span | None = None  # "Chief Fire Officer Tomas Reyne"
    cue: Span | None = None  # "told reporters"
    speaker_id: str | None = None  # an Entity id, None when unresolved or the outlet itself
    relayed_by: tuple[str, ...] = ()  # Entity ids of those who relayed it, origin first
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeRef, ...] = ()
    polarity: Literal["asserted", "denied"] = "asserted"
    hedged: bool = False
    # The content's pieces when the text splits it ("'A,' he said, 'and B.'"); empty when
    # ``content`` is one piece. ``content`` then runs from the first piece to the last.
    parts: tuple[Span, ...] = ()
    # When the words were said, where the attribution says so: "Rutte said Tuesday".
    stated: TimeRef | None = None

    def text(self, article_text: str) -> str:
        """The content's words, its pieces joined when the text splits it."""
        if not self.parts:
            return self.content.of(article_text)
        return " … ".join(part.of(article_text) for part in self.parts)


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """The same proposition across articles of one story (filled by the align stage)."""

    id: str
    story_id: str
    claim_ids: tuple[str, ...]
    status: Literal["corroborated", "single-source", "conflicting", "denied"]
    independent_outlet_groups: int
    independent_origins: int
    relations: tuple[tuple[str, str, str], ...] = ()  # (claim id, claim id, relation)


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that report one event (filled by the cluster stage)."""

    id: str
    article_ids: tuple[str, ...]
    title: str
    first_published: PubDate | None = None
    last_published: PubDate | None = None
    key_entities: tuple[str, ...] = field(default_factory=tuple)
    outlets: tuple[str, ...] = field(default_factory=tuple)

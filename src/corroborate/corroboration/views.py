"""What corroboration compares: each claim of a story with its context laid out.

A claim alone is spans into one article. To compare claims across articles the stage
needs, beside the words, who the story knows the speaker as (``claims.speakers``), the
outlet and independent outlet group of the article (``reuse.groups``), when it was
published, and the claim's **origin**: the source it rests on once relays are peeled
off, the unit in which independent sources are counted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache

from corroborate.claims.gazetteer import state_of
from corroborate.claims.speakers import canonical_names, home_city
from corroborate.claims.timex import complete_date
from corroborate.claims.types import ArticleClaims
from corroborate.corroboration.adjuncts import split_setting
from corroborate.corroboration.inflections import base_form
from corroborate.corroboration.synonyms import Meaning, is_phrasal_verb, meanings_of
from corroborate.records import (
    Article,
    Claim,
    Entity,
    PubDate,
    Quantity,
    ReuseLink,
    TimeRef,
)
from corroborate.reuse.groups import independent_groups
from corroborate.stories.features import STEM_LETTERS, STOP_WORDS

__all__ = [
    "ClaimView",
    "StoryClaims",
    "setting_stems",
    "states_named",
    "stem",
    "stems_of",
    "story_claims",
    "unnamed_origin",
]

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NUMBER = re.compile(r"\d+(?:[:.,]\d+)*")
_CLOCK = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?\s?m\b", re.IGNORECASE)
# A figure's weight as a word: telling, but a "2" or a "10" recurs in unrelated claims.
NUMBER_WEIGHT = 2.0
# A spokesperson speaks for an institution: "spokeswoman for Corrick General Hospital",
# "Halvard Chemicals spokesman". Counted as the institution (one origin).
_SPOKES_FOR = re.compile(r"\bspokes(?:wo)?(?:man|person)\s+(?:for|of|at)\s+(?:the\s+)?(.+)", re.I)
_SPOKES_OF = re.compile(r"^(?:the\s+)?(.+?)(?:'s|’s)?\s+spokes(?:wo)?(?:man|person)\b", re.I)
# A role stated by an apposition: "Spokeswoman, Corrick General Hospital" (from "a
# spokeswoman for Corrick General Hospital, Lena Marsh,").
_SPOKES_COMMA = re.compile(r"^spokes(?:wo)?(?:man|person),\s+(?:the\s+)?(.+)$", re.I)
# A spokesperson's role that names no body, at most its kind: "Spokesman" (from "A
# spokesman, Aurel Dima,"), "company spokesman". Such a spokesperson speaks for the body
# the article quoted just before ("The company rejected the claims. '...,' company
# spokesman Marten Sall said"), when the kind, if given, is a word the story calls that
# body by ("the company"): a union quoted just before a company spokesman is not his.
_SPOKES_BARE = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:([\w-]+)\s+)?spokes(?:wo)?(?:man|person)$", re.I
)


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One claim, ready to compare with claims of other articles."""

    claim: Claim
    number: int  # the article's number in the report
    article: Article
    outlet: str
    outlet_group: int  # index of the article's independent outlet group in the story
    text: str  # the content's words
    stems: frozenset[str]
    speaker: str | None  # the name the story knows the speaker by; None: outlet or unnamed
    speaker_kind: str | None
    roles: tuple[str, ...]
    relays: tuple[str, ...]  # names of those who passed it on, origin first
    relay_words: frozenset[str]  # lower-case words of the relays' names and roles
    source_text: str | None  # the source's words as printed ("officials")
    origin: str  # who it rests on, for counting: a name, an outlet, "unnamed officials"
    day: date | None  # the article's publication day, when complete
    position: int  # order of the article in the story, then of the claim in it
    opens_with_name: bool = False  # its words begin inside a name ("Russia has ...")
    # Its words' meanings, by stem, for paraphrase: "failed" ~ "gave way" (synonyms.py).
    meanings: Mapping[str, Meaning] = field(default_factory=dict, compare=False)
    # Stems said only in its adjuncts, where and when rather than what (adjuncts.py):
    # "at the plant in the dock district".
    setting: frozenset[str] = frozenset()

    @property
    def id(self) -> str:
        return self.claim.id

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        return self.claim.quantities

    @property
    def times(self) -> tuple[TimeRef, ...]:
        return self.claim.times

    @property
    def stated(self) -> TimeRef | None:
        """When the words were said ("said Tuesday"), apart from the times in them."""
        return self.claim.stated

    @property
    def denied(self) -> bool:
        return self.claim.polarity == "denied"

    @property
    def is_quote(self) -> bool:
        return self.claim.kind == "direct_quote"

    @property
    def quotes_words(self) -> bool:
        """Whether it gives the speaker's own words: a quotation, or a paraphrase with a
        quoted fragment ("'We are seeing evidence' of troops there, he said")."""
        return self.claim.kind in ("direct_quote", "mixed")


@dataclass(frozen=True, slots=True)
class StoryClaims:
    """A story's claims as views, with the independent outlet groups they count in."""

    story_id: str
    views: tuple[ClaimView, ...]
    outlet_groups: tuple[tuple[str, ...], ...]  # article ids, one tuple per group
    group_names: tuple[str, ...]  # the outlet each group is named after (its source's)


def stems_of(text: str) -> frozenset[str]:
    """The content words of ``text`` as stems: "injured", "injuries" and "injury" meet."""
    words = [
        _uncontracted(w.lower().replace("’", "'").removesuffix("'s").rstrip("'"))
        for w in _WORD.findall(states_named(text))
    ]
    stems = {
        stem(w)
        for at, w in enumerate(words)
        if len(w) >= 3 and (w not in STOP_WORDS or _light_verb_phrase(w, words[at + 1 : at + 2]))
    }
    # Figures and clock times as written ("11", "10:52") are telling words too.
    stems.update("#" + n.replace(",", "") for n in _NUMBER.findall(text))
    return frozenset(stems)


def setting_stems(text: str, stems: frozenset[str]) -> frozenset[str]:
    """Those of a claim's ``stems`` that its ``text`` says only in adjuncts."""
    core, setting = split_setting(text)
    if not setting:
        return frozenset()
    return (stems & stems_of(setting)) - stems_of(core)


def _light_verb_phrase(word: str, following: list[str]) -> bool:
    """Whether a common verb no word list counts ("came", "put", "took") makes a
    phrasal verb with the particle after it ("came down", "put out", "took over"): the
    pair says what happened, and its meaning (synonyms.py) is compared."""
    return bool(following) and following[0] in _PARTICLES and is_phrasal_verb(word, following[0])


_PARTICLES = frozenset(("down", "up", "out", "off", "over", "back", "away"))


def states_named(text: str) -> str:
    """The text with each name of a state, its initials or its demonym written as the
    state ("DPRK troops", "North Korean troops" -> "North Korea troops"): one country
    told three ways is one telling word, not three."""
    if not _CAPITAL.search(text):
        return text
    words = list(_NAME_WORD.finditer(text))
    pieces, done, i = [], 0, 0
    while i < len(words):
        if not words[i].group()[:1].isupper():
            i += 1
            continue
        for length in range(min(_LONGEST_NAME, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + length - 1].end()
            state = state_of(text[start:end])
            if state is None and state_of(text[start : end + 1]) is not None:
                state, end = state_of(text[start : end + 1]), end + 1  # "U.S." ends in a stop
            if state is not None:
                pieces += [text[done:start], state]
                done, i = end, i + length
                break
        else:
            i += 1
    return "".join([*pieces, text[done:]]) if pieces else text


_CAPITAL = re.compile(r"[A-Z]")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*(?<!\.)")
_LONGEST_NAME = 6  # words: "Democratic People's Republic of Korea"


def _uncontracted(word: str) -> str:
    """The word a contraction is made on ("they're" -> "they", "wouldn't" -> "would"):
    no English word list holds "they're", which would weigh it as the rarest of words."""
    for ending in _CONTRACTIONS:
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


_CONTRACTIONS = ("n't", "'re", "'ve", "'ll", "'d", "'m")

# Inflection and derivation endings, longest first; the stem keeps four letters or more.
_ENDINGS = ("ations", "ation", "ings", "ions", "ment", "ing", "ied", "ies", "ion", "ed", "es",
            "ly", "s")  # fmt: skip


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem, enough to match a paraphrase's inflections ("evacuated",
    "evacuation" -> "evacuat"; "hid", "hiding" -> "hide"); cut to STEM_LETTERS + 1
    letters as the story stage does."""
    word = base_form(word)
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    if word.endswith(("e", "y")) and len(word) > 4:
        word = word[:-1]
    return word[: STEM_LETTERS + 1]


@cache
def stem_weight(stem: str) -> float:
    """How telling a stem is: rare words of English weigh more ("solvent" > "fire")."""
    if stem.startswith("#"):
        return NUMBER_WEIGHT
    frequency = _stem_frequencies().get(stem, 1e-8)
    return min(6.0, max(0.5, -math.log10(frequency) - 2.0))


@cache
def _stem_frequencies() -> dict[str, float]:
    """English word frequencies (``wordfreq``), summed by :func:`stem`. Built once, in
    about a second."""
    from corroborate.stories.background import _word_frequencies

    table: dict[str, float] = {}
    for word, frequency in _word_frequencies().items():
        if frequency < 1e-8 or not word.isalpha():
            continue
        key = stem(word)
        table[key] = table.get(key, 0.0) + frequency
    return table


def story_claims(
    story_id: str,
    articles: Sequence[Article],
    found: Mapping[str, ArticleClaims],
    links: Sequence[ReuseLink],
    numbers: Mapping[str, int] | None = None,
) -> StoryClaims:
    """Views of every claim of ``articles`` (one story's, in story order)."""
    numbers = numbers or {a.id: n for n, a in enumerate(articles, 1)}
    ids = {a.id for a in articles}
    story_links = [x for x in links if x.source_id in ids and x.copy_id in ids]
    groups = independent_groups(articles, story_links)
    group_of = {aid: n for n, group in enumerate(groups) for aid in group}
    copies = {x.copy_id for x in story_links if x.kind != "shared_source"}
    by_id = {a.id: a for a in articles}
    group_names = tuple(_group_name(group, copies, by_id) for group in groups)
    names = canonical_names((found[a.id] for a in articles if a.id in found), home_city(articles))
    called = _words_for_bodies(articles, found, names)
    views: list[ClaimView] = []
    # A dateline with no year ("Oct. 24") takes the year the story's other articles put
    # it nearest, as the claims stage read its times.
    published = _completed_dates(articles)
    # Earliest first: the first wording of a quote or figure is the one others are
    # compared with. Undated articles come after dated ones, in story order.
    ordered = sorted(
        enumerate(articles), key=lambda pair: _published_order(pair[0], published[pair[1].id])
    )
    for index, (_, article) in enumerate(ordered):
        result = found.get(article.id)
        if result is None:
            continue
        day = _day(published[article.id])
        named = [m for entity in result.entities for m in entity.mentions]
        quoted_body: str | None = None  # the organisation the claim before was by
        speaks_for: dict[str, str] = {}  # a spokesperson's entity id -> the body, once read
        for n, claim in enumerate(result.claims):
            speaker = result.entity(claim.speaker_id)
            relay_entities = [
                e for e in (result.entity(i) for i in claim.relayed_by) if e is not None
            ]
            relays = tuple(names.get(e.id, e.name) for e in relay_entities)
            relay_words = frozenset(
                word.lower()
                for e in relay_entities
                for word in " ".join((e.name, *e.roles)).split()
            )
            text = claim.text(article.text)
            source_text = " ".join(claim.source.of(article.text).split()) if claim.source else None
            speaker_name = names.get(speaker.id, speaker.name) if speaker else None
            stems = _stems_without_times(text, claim, article.text)
            origin = _origin(claim, speaker, speaker_name, source_text,
                             group_names[group_of[article.id]], article.outlet)  # fmt: skip
            if speaker is not None and origin == speaker_name:
                body = speaks_for.get(speaker.id)
                if body is None and quoted_body:
                    body = _spoken_for(speaker.roles, quoted_body, called)
                if body is not None:
                    # The spokesperson's later words in the article rest on it too.
                    origin = speaks_for[speaker.id] = body
            quoted_body = speaker_name if speaker and speaker.kind == "organisation" else None
            views.append(
                ClaimView(
                    claim=claim,
                    number=numbers.get(article.id, index + 1),
                    article=article,
                    outlet=article.outlet or "unknown outlet",
                    outlet_group=group_of[article.id],
                    text=text,
                    stems=stems,
                    meanings=meanings_of(text, stems, stem),
                    setting=setting_stems(text, stems),
                    speaker=speaker_name,
                    speaker_kind=speaker.kind if speaker else None,
                    roles=speaker.roles if speaker else (),
                    relays=relays,
                    relay_words=relay_words,
                    source_text=source_text,
                    origin=origin,
                    day=day,
                    position=index * 100_000 + n,
                    opens_with_name=any(
                        m.start <= claim.content.start < m.end for m in named
                    ),
                )
            )  # fmt: skip
    full = _full_origin_names(v.origin for v in views)
    views = [replace(v, origin=_follow(full, v.origin)) for v in views]
    return StoryClaims(story_id, tuple(views), tuple(tuple(g) for g in groups), group_names)


def _full_origin_names(origins: Iterable[str]) -> dict[str, str]:
    """Origin -> the longer name the story gives it: "the city's health department"
    and "health department" are the "Corrick health department" when that is the only
    longer name ending so. Names that fit two longer ones are left alone."""
    plain = {origin: _plain(origin) for origin in dict.fromkeys(origins)}
    longer: dict[str, str] = {}
    for origin, words in plain.items():
        candidates = {
            other
            for other, other_words in plain.items()
            if len(other_words) > len(words) and other_words[-len(words) :] == words
        }
        if len(candidates) == 1 and words:
            longer[origin] = candidates.pop()
        elif not candidates:
            # The same words once "the city's" is dropped: the first spelling names both.
            first = next(o for o, w in plain.items() if w == words)
            if first != origin:
                longer[origin] = first
    return longer


def _follow(names: Mapping[str, str], name: str) -> str:
    for _ in range(4):  # "the health department" -> "health department" -> a longer one
        name = names.get(name, name)
    return name


def _plain(name: str) -> list[str]:
    words = name.lower().replace("’", "'").split()
    while words and (words[0] in ("the", "a", "an") or words[0].endswith("'s")):
        words = words[1:]
    return words


def _stems_without_times(text: str, claim: Claim, article_text: str) -> frozenset[str]:
    """The claim's stems, less those of its dates: "on 15 March" and "on March 14" are
    compared as dates, not as words (a different day would count against the match);
    less its attribution where the content holds it."""
    stems = stems_of(text)
    for time in claim.times:
        stems -= stems_of(time.span.of(article_text))
    # A clock time is a figure however the date around it was read: "shortly before 11
    # p.m." alone is no date, "11 p.m. on Tuesday" is, and both say "11".
    stems |= {"#" + n for clock in _CLOCK.findall(text) for n in _NUMBER.findall(clock)}
    # Where the content holds its own attribution ("Orrin Motors denied locking ..."),
    # the speaker's name and the verb are who and how, not what: compared as speaker
    # and polarity, they would pull a denial toward any claim naming the speaker.
    for part in (claim.source, claim.cue):
        if part is not None and claim.content.start <= part.start < claim.content.end:
            stems -= stems_of(part.of(article_text))
    return stems


def _group_name(group: list[str], copies: set[str], by_id: Mapping[str, Article]) -> str:
    """An outlet group is named after its source: the article no other copies from."""
    roots = [a for a in group if a not in copies] or group
    return by_id[roots[0]].outlet or "unknown outlet"


def _completed_dates(articles: Sequence[Article]) -> dict[str, PubDate | None]:
    """Article id -> its publication date, a date with no year completed from the dates
    of the story's other articles (``complete_date``)."""
    dates = {a.id: a.published for a in articles}
    # Only the days of dates with a year count (so an article is never its own other),
    # each once: a story of thousands of articles has a few dozen days.
    days = list(
        dict.fromkeys(
            PubDate(d.year, d.month, d.day)
            for d in dates.values()
            if d is not None and d.year is not None
        )
    )
    return {
        aid: complete_date(d, days) if d is not None and d.year is None else d
        for aid, d in dates.items()
    }


def _published_order(index: int, published: PubDate | None) -> tuple[date, str, int]:
    """Publication day, then time of day where known (UTC offsets aside: a story's
    outlets mostly share one), then story order."""
    time = (published.time or "") if published else ""
    return (_day(published) or date.max, time[:8] or "99", index)


def _day(published: PubDate | None) -> date | None:
    if published is None or published.is_partial:
        return None
    assert published.year and published.month and published.day
    try:
        return date(published.year, published.month, published.day)
    except ValueError:
        return None


def _origin(
    claim: Claim,
    speaker: Entity | None,
    speaker_name: str | None,
    source_text: str | None,
    outlet_source: str,
    outlet: str | None = None,
) -> str:
    """Who a claim rests on. The outlet's own words rest on the outlet its group copies
    from; a spokesperson's on the institution; a source left unnamed on its kind
    ("unnamed officials"): anonymous sources cannot be told apart, so they count once."""
    if claim.kind == "outlet":
        return outlet_source
    if speaker is not None and speaker_name:
        if speaker.kind == "person":
            for role in speaker.roles:
                match = (
                    _SPOKES_FOR.search(role) or _SPOKES_OF.search(role) or _SPOKES_COMMA.match(role)
                )
                if match and match.group(1)[:1].isupper():
                    return match.group(1).strip()
        return speaker_name
    if outlet and _plain(source_text or "") == _plain(outlet):
        return outlet_source  # the outlet names itself: "Lowmarch Today has asked ..."
    return unnamed_origin(source_text)


def _words_for_bodies(
    articles: Sequence[Article], found: Mapping[str, ArticleClaims], names: Mapping[str, str]
) -> dict[str, frozenset[str]]:
    """Each organisation's story name -> the lower-case words the story's articles call
    it by ("the company" for "Halvard Chemicals")."""
    words: dict[str, set[str]] = {}
    for article in articles:
        result = found.get(article.id)
        for entity in result.entities if result else ():
            if entity.kind == "organisation":
                said = words.setdefault(names.get(entity.id, entity.name), set())
                for mention in entity.mentions:
                    said.update(article.text[mention.start : mention.end].lower().split())
    return {name: frozenset(said) for name, said in words.items()}


def _spoken_for(
    roles: Sequence[str], body: str, called: Mapping[str, frozenset[str]]
) -> str | None:
    """The body a spokesperson whose role names none speaks for: ``body``, the
    organisation quoted just before, when the role gives no kind of body ("A
    spokesman") or one the story calls it by ("company spokesman", "the company")."""
    for role in roles:
        match = _SPOKES_BARE.match(role.strip())
        if match is None:
            continue
        kind = match.group(1)
        if kind is None or (kind.islower() and kind in called.get(body, ())):
            return body
    return None


# Words after a source's head noun that only say more of it ("neighbours of the depot",
# "a senior official, who asked not to be named", "residents near the plant").
_AFTER_HEAD = frozenset(
    "of in at from near on for with who whom whose which that , ( — –".split()  # noqa: SIM905
)


def unnamed_origin(source_text: str | None) -> str:
    """What a source the article leaves unnamed is, in the plural: "a senior city official,
    who asked not to be named" -> "unnamed officials", "neighbours of the depot in
    Millbank" -> "unnamed neighbours", "city records" -> "unnamed records"."""
    words = re.findall(r"[\w'’-]+|[,(—–]", (source_text or "").lower())
    cut = next((n for n, w in enumerate(words) if n and w in _AFTER_HEAD), len(words))
    head = words[cut - 1] if cut else "source"
    return "unnamed " + _plural(head)


_PLURAL_AS_IS = frozenset("police people staff media press personnel".split())  # noqa: SIM905


def _plural(noun: str) -> str:
    if noun.endswith("s") or noun in _PLURAL_AS_IS:
        return noun  # "officials", "witnesses", "police" aside, already plural
    if noun.endswith("man"):
        return noun[:-3] + "men"  # "spokesman", "fireman"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"  # "city", "party"
    if noun.endswith(("ch", "sh", "x")):
        return noun + "es"
    return noun + "s"

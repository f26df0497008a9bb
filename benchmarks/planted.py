"""A generated news corpus with planted text reuse, and the truth about it.

Deterministic for a seed; fictional throughout (invented places, people and outlets,
text from a grammar written for this benchmark, no real article text).

What is planted, among independent articles:

* **events** with several independent reports: the same place, people, numbers and day,
  each report worded from the grammar on its own (the distractors: same names, no shared
  sentences beyond chance);
* **whole copies**: another outlet runs an article verbatim, with its dateline changed
  ("KESMAR, Ostrevia (CW) —" -> "KESMAR —" plus a credit line) or a paragraph of its own
  added, so the text (and the article id) differs from the source's;
* **edited copies**: every sentence with one word changed, and some with the weekday
  replaced by the date ("Tuesday" -> "May 13") or the trailing clause moved to the
  front; a sentence or two dropped or added;
* **reused paragraphs**: 1-3 consecutive paragraphs of a source (verbatim or with a word
  changed per sentence) inside an otherwise new article on the same event.

A copy is always published after its source or credits it ("(CW)" dateline, "With
reporting by Coast Wire"), so the true direction is known. Runs that are mostly
quotation are not planted as reused paragraphs: two outlets quoting one person look
exactly like that, and the stage rightly calls it a shared source.

    articles, truth = planted_corpus(2_000, seed=1)
"""

from __future__ import annotations

import heapq
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from corroborate import Article, PubDate, RawDocument, make_article

__all__ = ["TruePassage", "TrueSentence", "Truth", "planted_batches", "planted_corpus"]

# --- truth ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TruePassage:
    """A run of consecutive reused paragraphs: ``source[source_span]`` is in ``copy[copy_span]``."""

    source_id: str
    source_span: tuple[int, int]
    copy_id: str
    copy_span: tuple[int, int]
    kind: str  # "whole", "edited", "paragraphs" (how the copy was made)


@dataclass(frozen=True)
class TrueSentence:
    """One reused sentence, with the edits the copy made to it (for diagnosing misses)."""

    source_id: str
    source_span: tuple[int, int]
    copy_id: str
    copy_span: tuple[int, int]
    kind: str
    edits: tuple[str, ...]  # "word", "date", "reorder", "dateline"; () when verbatim


@dataclass
class Truth:
    passages: list[TruePassage] = field(default_factory=list)
    sentences: list[TrueSentence] = field(default_factory=list)
    copies: dict[str, tuple[str, str]] = field(default_factory=dict)  # copy -> (source, kind)
    events: dict[str, int] = field(default_factory=dict)  # article id -> event number

    def extend(self, other: Truth) -> None:
        self.passages += other.passages
        self.sentences += other.sentences
        self.copies.update(other.copies)
        self.events.update(other.events)


# --- vocabulary (invented) ------------------------------------------------------------


def _table(text: str) -> dict[str, list[str]]:
    """Word lists written one per line, ``name: item | item | ...`` ("-" is the empty item)."""
    lists = {}
    for line in text.strip().splitlines():
        name, _, items = line.partition(":")
        lists[name.strip()] = [i.strip() if i.strip() != "-" else "" for i in items.split("|")]
    return lists


# Every list is invented or generic English; every name a slot draws from.
_W = _table(
    """
syllables: val | dor | kes | mar | ot | ren | bal | tir | os | vel | an | sko | lun | mer | has | tol | bri | gan | ev | ros | kal | dun | ser | il | mo | tar | lis | bek | ul | far | nor | vik | stra | hel | dra | pol | wen | gri | sal
first: Anna | Mara | Ines | Tomas | Karl | Lena | Sam | Ruth | Piet | Oona | Jonas | Vera | Edda | Milo | Nika | Rafe | Sten | Ilse | Joren | Talia | Bram | Cleo | Dario | Elin | Fenna | Gus | Hedda | Ivo | Juna | Kasper | Lior | Maren | Nils | Orla | Pavel | Quinn | Rosa | Sven | Tova | Ulla | Viggo | Wren | Yara | Zeno | Alma | Bodil | Casimir | Dagny | Emil | Frida | Gunnar | Hanne | Ida | Jarl | Kira | Lukas | Mette | Nora | Otto | Petra
place_ends: - | holm | ford | wick | stad | vale | mouth
place_words: Bay | Falls | Point
papers: Courier | Herald | Gazette | Post | Ledger | Chronicle | Observer | Tribune
roles_title: Mayor | Deputy Mayor | Fire Chief | Police Commissioner | Health Minister | Transport Minister | Governor | Harbour Master | Councillor | Prosecutor | Inspector | Senator
roles_plain: a council spokeswoman | a council spokesman | a union leader | the hospital director | the chief engineer | a school principal | a company spokeswoman | the site manager | the emergency coordinator | a local shop owner | a retired teacher | the ward nurse
sites: depot | ferry terminal | mill | hospital | bus station | chemicals plant | market hall | rail yard | storage hall | tram depot | canal lock | pumping station | sports centre | cargo terminal | business park | bottling plant | power station | fish market | shipyard | school | paper mill | quarry
orgs: Water Board | Fire Service | Transit Authority | Harbour Police | Health Trust | Environment Agency | District Council | Rail Company | Energy Board | Civil Defence | Weather Office | Port Authority | Building Inspectorate | Road Agency | Dock Union | Teachers' Union | Housing Office | Chamber of Trade
people: residents | workers | passengers | families | students | nurses | drivers | pupils | tenants | shoppers | commuters | patients | visitors | fishermen | volunteers | pensioners | farmers | shop owners | engineers | firefighters | children | officials | staff | neighbours | cyclists | teachers | guests | traders
adjectives: main | old | temporary | eastern | northern | western | southern | new | small | large | busy | narrow | central | nearby | local | damaged | flooded | empty | crowded | historic | upper | lower | outer | inner | second | former | private | public | municipal | coastal
things: road | bridge | shelter | platform | car park | clinic | fire station | town hall | riverside path | gymnasium | water supply | power grid | night bus service | ferry timetable | warning system | flood barrier | generator | control room | emergency line | loading bay | school | library | playground | tunnel | harbour wall | pier | terminal | ward | bakery | post office | roof | staircase | pipeline | substation | crossing | junction | footbridge | depot | workshop | car ferry
speech: said | told reporters | told a news conference | said in a statement | wrote on social media | told local radio | told the council | confirmed | warned | said at a briefing | told this newspaper | said late | insisted | acknowledged | told residents | explained | said on the radio | told the broadcaster | told a meeting | said by phone
hedges: about | at least | more than | nearly | up to | some | almost | roughly | -
cause_kinds: faulty | burst | loose | cracked | overheated | blocked | frozen | corroded | missing | broken | leaking | damaged | worn | unstable | flooded | collapsed | failed | misaligned | rusted | jammed
cause_things: valve | pipe | cable | beam | pump | drain | signal | wall | gas main | fuse box | boiler | sluice gate | tank | crane | switch | sensor | railing | chimney | transformer | hose | seal | hatch | fan | lift | roof panel | water tank | storm drain | ventilation shaft | fuel line | circuit
adverbs: also | later | again | now | previously | separately | earlier | repeatedly | publicly | privately | quickly | firmly | angrily | calmly | briefly | formally
judged: criticised | thanked | questioned | praised | blamed | defended | faulted | commended | challenged | congratulated | rebuked | backed
modals: will | must | cannot | want to | are trying to | need to | hope to | plan to
soon: by | before | after | within | no later than | around | until | sometime after | at the latest by
states: closed | shut | cordoned off | without power | under water | off limits | out of service | partly open | under guard | unsafe | full | empty
prepositions: from | near | at | inside | around | outside | behind | beside
days: Monday | Tuesday | Wednesday | Thursday | Friday | Saturday | Sunday
parts_of_day: morning | afternoon | evening | night
ordinals: second | third | fourth | fifth | worst | largest | first | latest
currency: crowns | marks | thalers
months: January | February | March | April | May | June | July | August | September | October | November | December
events: warehouse fire/blaze | chemical leak/leak | bus crash/crash | flood/flooding | power cut/outage | water main burst/burst | rail strike/strike | landslide/slide | bridge collapse/collapse | gas explosion/explosion | factory closure/closure | hospital cyberattack/attack | ferry grounding/grounding | sewage spill/spill | forest fire/fire | train derailment/derailment | hotel fire/fire | dock strike/walkout
verbs: inspected/inspect/inspecting | evacuated/evacuate/evacuating | closed/close/closing | reopened/reopen/reopening | cleared/clear/clearing | repaired/repair/repairing | visited/visit/visiting | searched/search/searching | sealed off/seal off/sealing off | monitored/monitor/monitoring | blocked/block/blocking | damaged/damage/damaging | replaced/replace/replacing | checked/check/checking | secured/secure/securing | examined/examine/examining | rebuilt/rebuild/rebuilding | reviewed/review/reviewing | tested/test/testing | patrolled/patrol/patrolling | surveyed/survey/surveying | emptied/empty/emptying | restored/restore/restoring | guarded/guard/guarding | upgraded/upgrade/upgrading | measured/measure/measuring | drained/drain/draining | fenced off/fence off/fencing off | photographed/photograph/photographing | shored up/shore up/shoring up | ventilated/ventilate/ventilating | disinfected/disinfect/disinfecting | mapped/map/mapping | relocated/relocate/relocating
synonyms: said/stated | told/informed | about/around | nearly/almost | almost/nearly | roughly/approximately | residents/locals | workers/employees | closed/shut | inspected/examined | examined/inspected | repaired/fixed | warned/cautioned | would/will | main/principal | old/former | temporary/makeshift | large/big | small/little | officials/authorities | children/kids | road/street | statement/release | staff/personnel | began/started | started/began | damage/harm | expected/anticipated | families/households | busy/crowded | nearby/neighbouring | near/beside | after/following | hurt/injured | injured/hurt | crews/teams | fled/left | later/subsequently
"""
)
_SYLLABLES = _W["syllables"]
_FIRST = _W["first"]
_PLACE_ENDS = _W["place_ends"] + [" " + word for word in _W["place_words"]]
_PAPERS = _W["papers"]
_ROLES_TITLE = _W["roles_title"]
_ROLES_PLAIN = _W["roles_plain"]
_SITES = _W["sites"]
_ORGS = _W["orgs"]
_PEOPLE = _W["people"]
_ADJECTIVES = _W["adjectives"]
_THINGS = _W["things"]
_SPEECH = _W["speech"]
_HEDGES = _W["hedges"]
_CAUSE_KINDS = _W["cause_kinds"]
_CAUSE_THINGS = _W["cause_things"]
_ADVERBS = _W["adverbs"]
_JUDGED = _W["judged"]
_MODALS = _W["modals"]
_SOON = _W["soon"]
_STATES = _W["states"]
_PREPOSITIONS = _W["prepositions"]
_DAYS = _W["days"]
_PARTS_OF_DAY = _W["parts_of_day"]
_ORDINALS = _W["ordinals"]
_CURRENCY = _W["currency"]
_MONTH_NAMES = _W["months"]
# What happened, and the word a report uses again for it ("warehouse fire", "blaze").
_EVENTS = [tuple(item.split("/")) for item in _W["events"]]
# Past, base and -ing forms.
_VERBS = [tuple(item.split("/")) for item in _W["verbs"]]
# One word a light edit swaps for another; nearly every sentence has one of these words.
_SYNONYMS = dict(item.split("/") for item in _W["synonyms"])
_WIRES = [  # name, the initials a dateline carries
    ("Coast Wire", "CW"),
    ("Northmark Press", "NP"),
    ("Valmere News Agency", "VNA"),
    ("Estrian Press Service", "EPS"),
]

_DAY_RE = re.compile(r"\b(" + "|".join(_DAYS) + r")\b")
# Words that lose their capital when a clause moves in front of them (names keep theirs).
_STARTERS = frozenset(
    [
        "The",
        "A",
        "An",
        "About",
        "More",
        "Nearly",
        "Some",
        "Almost",
        "Roughly",
        "At",
        "Up",
        "Several",
        "Many",
        "Dozens",
        "Hundreds",
        "Damage",
        "Repairs",
        "Rebuilding",
        "Insurance",
        "Crews",
        "Engineers",
        "Volunteers",
        "Inspectors",
        "Officers",
        "Authorities",
        "Police",
        "Officials",
        "Emergency",
        "Rescuers",
        "It",
        "This",
        "That",
        "Their",
        "Its",
        "Our",
        "One",
    ]
    + [p.split()[0].capitalize() for p in _PEOPLE]
)


def _invented(rng: random.Random, count: int, make: Callable[[random.Random], str]) -> list[str]:
    names: dict[str, None] = {}
    while len(names) < count:
        names[make(rng)] = None
    return list(names)


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


_vocab = random.Random(20311)
_SURNAMES = _invented(_vocab, 1500, lambda r: _word(r, 2) + r.choice(["", "", "sen", "er", "ik"]))
_PLACES = _invented(_vocab, 400, lambda r: _word(r, 2) + r.choice(_PLACE_ENDS))
_REGIONS = _invented(_vocab, 30, lambda r: _word(r, 2) + "ia")
_OUTLETS = _invented(_vocab, 60, lambda r: f"{r.choice(_PLACES)} {r.choice(_PAPERS)}")


# --- sentences and articles in the making ----------------------------------------------


@dataclass(frozen=True)
class _Sentence:
    main: str
    adjunct: str = ""  # a clause that can stand before or after the main one
    front: bool = False
    quoted: bool = False  # mostly quotation

    def render(self) -> str:
        if not self.adjunct:
            return self.main + "."
        if not self.front:
            comma = "," if self.adjunct.startswith("according") else ""
            return f"{self.main}{comma} {self.adjunct}."
        main = self.main
        first = main.split(" ", 1)[0]
        if first in _STARTERS:
            main = main[0].lower() + main[1:]
        return f"{self.adjunct[0].upper()}{self.adjunct[1:]}, {main}."


@dataclass(frozen=True)
class _Event:
    number: int
    day: date
    place: str
    region: str
    kind: str
    noun: str
    site_name: str  # "Vikwen" of "the Vikwen bottling plant"
    site_kind: str
    org_kind: str  # "Water Board" of "the Mogriholm Water Board"
    people: tuple[tuple[str, str, str], ...]  # first, last, role
    injured: int
    affected: int
    affected_noun: str


# A sentence of an article being built: its text, and where it came from when copied
# (source paragraph, source sentence, the edits made).
_Piece = tuple[str, tuple[int, int] | None, tuple[str, ...]]


@dataclass
class _Original:
    """A generated article kept long enough to be copied."""

    article: Article
    event: _Event
    paragraphs: list[list[_Sentence]]
    spans: list[list[tuple[int, int]]]  # of each sentence in article.text
    dateline: str
    wire: tuple[str, str] | None


class _Grammar:
    """Sentences about an event. Nearly every word is a slot with many fillers, and the
    event's facts (place, site, people, numbers, day) come in several forms, so two
    reports of one event share names and numbers but seldom more than a 3-gram or two
    of wording."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, items: list[str]) -> str:
        return items[int(self.rng.random() * len(items))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def number(self, low: int = 2, high: int = 5000) -> str:
        return f"{self.rng.randrange(low, high):,}"

    def later(self) -> str:
        """When something will happen: many short forms, so that two sentences seldom
        end alike."""
        form = self.rng.randrange(6)
        if form == 0:
            return f"{self.pick(_SOON)} {self.pick(_DAYS)}"
        if form == 1:
            return f"{self.pick(_SOON)} {self.pick(_MONTH_NAMES)} {self.rng.randrange(1, 29)}"
        if form == 2:
            return f"within {self.rng.randrange(2, 30)} {self.pick(['days', 'hours', 'weeks'])}"
        if form == 3:
            return f"in the coming {self.pick(['days', 'weeks', 'months'])}, {self.pick(_FIRST)} {self.pick(_SURNAMES)} {self.pick(['hopes', 'says', 'believes'])}"
        if form == 4:
            return f"{self.pick(['once', 'when', 'as soon as'])} {self.pick(_PEOPLE)} {self.pick(['agree', 'return', 'allow it', 'are safe', 'have voted'])}"
        return f"{self.pick(['next', 'this', 'later this', 'early next'])} {self.pick(['week', 'month', 'spring', 'year', 'summer', 'winter'])}"

    def since(self) -> str:
        form = self.rng.randrange(5)
        if form == 0:
            return f"since {self.pick(_MONTH_NAMES)}"
        if form == 1:
            return f"for the {self.pick(_ORDINALS)} time since {self.rng.randrange(1990, 2030)}"
        if form == 2:
            return f"{self.pick(['twice', 'three times', 'four times', 'once'])} {self.pick(['this year', 'this decade', 'since the spring', 'in two years'])}"
        if form == 3:
            return f"in {self.rng.randrange(3, 40)} years"
        return f"since {self.rng.randrange(1950, 2030)}"

    def cause(self) -> str:
        what = f"{self.pick(_CAUSE_KINDS)} {self.pick(_CAUSE_THINGS)}"
        if self.chance(0.4):
            what += f" {self.pick(['at', 'near', 'behind', 'under'])} {self.pick(_SURNAMES)}'s {self.pick(_SITES)}"
        return f"{'an' if what[0] in 'aeiou' else 'a'} {what}"

    def adverb(self) -> str:
        """An adverb and a space, or nothing: breaks up runs that templates would share."""
        if self.chance(0.4):
            return ""
        return self.pick(_ADVERBS) + " "

    def hedged(self, value: str) -> str:
        hedge = self.pick(_HEDGES)
        return f"{hedge} {value}" if hedge else value

    # -- the event's facts, in varied forms
    def site(self, ev: _Event) -> str:
        form = self.rng.randrange(6)
        if form == 0:
            return f"the {ev.site_name} {ev.site_kind}"
        if form == 1:
            return f"{ev.site_name}'s {ev.site_kind}"
        if form == 2:
            return f"the {ev.site_kind}"
        if form == 3:
            return f"the {ev.site_kind} in {ev.place}"
        if form == 4:
            return self.pick(["the site", "the premises", "the building", "the scene"])
        return f"the {self.pick(_ADJECTIVES)} {ev.site_kind}"

    def org(self, ev: _Event) -> str:
        roll = self.rng.random()
        if roll < 0.25:
            return f"the {ev.place} {ev.org_kind}"
        if roll < 0.5:
            return f"the {ev.org_kind}"
        if roll < 0.6:
            return f"the {self.pick(_ORGS)}"
        return f"the {self.pick(_PLACES)} {self.pick(_ORGS)}"

    def speaker(self, ev: _Event) -> tuple[str, str]:
        """(a first mention, a later one)."""
        if self.chance(0.7):
            first, last, role = self.rng.choice(ev.people)
        else:
            first, last = self.pick(_FIRST), self.pick(_SURNAMES)
            role = self.pick(_ROLES_TITLE + _ROLES_PLAIN)
        if role[0].isupper():
            full = f"{role} {first} {last}" if self.chance(0.7) else f"{first} {last}"
        else:
            full = f"{first} {last}, {role},"
        return full, last if self.chance(0.8) else f"{first} {last}"

    def people(self, ev: _Event) -> str:
        roll = self.rng.random()
        if roll < 0.2:
            return f"{self.hedged(f'{ev.affected:,}')} {ev.affected_noun}"
        if roll < 0.3:
            return f"{ev.injured} {self.pick(_PEOPLE)}"
        if roll < 0.45:
            return f"{self.pick(['dozens of', 'hundreds of', 'many', 'several', 'some'])} {self.pick(_PEOPLE)}"
        return f"{self.hedged(self.number())} {self.pick(_PEOPLE)}"

    def thing(self, ev: _Event) -> str:
        roll = self.rng.random()
        if roll < 0.1:
            return self.site(ev)
        if roll < 0.17:
            return f"the {self.pick(_THINGS)} {self.pick(_PREPOSITIONS)} {self.site(ev)}"
        if roll < 0.22:
            return f"{self.pick(['their', 'its', 'our', 'one'])} {self.pick(_ADJECTIVES)} {self.pick(_THINGS)}"
        if roll < 0.4:
            return f"the {self.pick(_THINGS)} on {self.pick(_SURNAMES)} {self.pick(['Street', 'Road', 'Lane', 'Square', 'Quay'])}"
        if roll < 0.55:
            return f"{self.pick(_SURNAMES)}'s {self.pick(_ADJECTIVES)} {self.pick(_THINGS)}"
        if roll < 0.7:
            return f"the {self.pick(_ADJECTIVES)} {self.pick(_THINGS)} in {self.pick(_PLACES)}"
        return f"the {self.pick(_ADJECTIVES)} {self.pick(_THINGS)}"

    def when(self, ev: _Event) -> str:
        day = _DAYS[ev.day.weekday()] if self.chance(0.7) else self.pick(_DAYS)
        form = self.rng.randrange(8)
        if form == 0:
            return f"on {day}"
        if form == 1:
            return f"late on {day}"
        if form == 2:
            return f"early {day}"
        if form == 3:
            return f"on {day} {self.pick(_PARTS_OF_DAY)}"
        if form == 4 and self.chance(0.5):
            return f"shortly {self.pick(['before', 'after'])} {self.rng.randrange(1, 12)} p.m. on {day}"
        if form <= 5:
            return f"by {day} {self.pick(_PARTS_OF_DAY)}"
        return self.since()

    def adjunct(self, ev: _Event) -> str:
        form = self.rng.randrange(10)
        if form <= 3:
            return self.when(ev)
        if form == 4:
            return f"according to {self.org(ev)}"
        if form == 5:
            return f"after {self.pick(['talks', 'a meeting', 'a call'])} with {self.org(ev)}"
        if form == 6:
            return f"in {self.pick([ev.place, *self.rng.sample(_PLACES, 2)])}"
        if form == 7:
            return f"{self.pick(['near', 'outside', 'behind'])} {self.site(ev)}"
        return f"{self.pick(['because of', 'after', 'due to', 'following'])} {self.cause()}"

    def clause(self, ev: _Event) -> str:
        verb = self.rng.choice(_VERBS)
        form = self.rng.randrange(8)
        if form == 0:
            return f"{self.people(ev)} had {self.adverb()}been {verb[0]} {self.pick(_PREPOSITIONS)} {self.thing(ev)}"
        if form == 1:
            return f"{self.thing(ev)} would {self.adverb()}be {verb[0]} {self.later()}"
        if form == 2:
            return f"{self.org(ev)} had {verb[0]} {self.thing(ev)} {self.when(ev)}"
        if form == 3:
            return f"the {ev.noun} {self.pick(['began', 'started', 'spread'])} {self.pick(_PREPOSITIONS)} {self.thing(ev)}"
        if form == 4:
            return f"{self.pick(_PEOPLE)} {self.pick(['would', 'could', 'should', 'must', 'might', 'need'])} not {verb[1]} {self.thing(ev)} {self.later()}"
        if form == 5:
            return (
                f"{ev.injured} {self.pick(_PEOPLE)} {self.adverb()}{self.pick(['were treated', 'needed treatment', 'were taken to hospital', 'were hurt', 'saw doctors'])} "
                f"{self.pick(['after', 'because of', 'following'])} {self.cause()}"
            )
        if form == 6:
            return f"{self.thing(ev)} {self.pick(['was', 'remained', 'stayed'])} {self.pick(_STATES)} {self.when(ev)}"
        return f"{self.org(ev)} was {verb[2]} {self.thing(ev)}"

    def quote(self, ev: _Event) -> str:
        verb = self.rng.choice(_VERBS)
        form = self.rng.randrange(3)
        if form == 0:
            who = self.pick(["We", "They", "Our crews", "The engineers", "My team", "The families"])
            return f"{who} {self.pick(_MODALS)} {self.adverb()}{verb[1]} {self.thing(ev)} {self.later()}"
        if form == 1:
            return f"{_cap(self.clause(ev))}, {self.pick(['and', 'but', 'so', 'because'])} {self.clause(ev)}"
        return (
            f"{_cap(self.pick(_PEOPLE))} {self.adverb()}{self.pick(['deserve', 'need', 'want', 'expect', 'are owed'])} "
            f"{self.pick(['answers', 'clarity', 'help', 'a plan', 'the truth', 'an apology', 'support'])} {self.later()}, "
            f"{self.pick(['and', 'but', 'because', 'since'])} {self.clause(ev)}"
        )

    # -- sentences
    def lede(self, ev: _Event) -> _Sentence:
        form = self.rng.randrange(4)
        where = self.pick(
            ["in", "on the edge of", "in central", "just outside", "in northern", "near"]
        )
        site = self.pick(
            [
                f"the {ev.site_name} {ev.site_kind}",
                f"{ev.site_name}'s {ev.site_kind}",
                f"the {ev.site_kind}",
                f"a {ev.site_kind}",
            ]
        )
        what = (
            f"a {ev.kind}"
            if self.chance(0.6)
            else f"a {self.pick(['major', 'serious', 'sudden', 'large'])} {ev.noun}"
        )
        if form == 0:
            return _Sentence(
                f"{_cap(what)} {self.pick(['at', 'inside', 'near', 'close to', 'beside'])} {site} "
                f"{where} {ev.place} {self.adverb()}{self.pick(['forced', 'drove', 'sent', 'displaced'])} "
                f"{self.hedged(f'{ev.affected:,}')} {ev.affected_noun} "
                f"{self.pick(['from', 'out of', 'away from'])} {self.thing(ev)}",
                self.when(ev),
            )
        if form == 1:
            return _Sentence(
                f"{_cap(self.hedged(f'{ev.affected:,}'))} {ev.affected_noun} "
                f"{self.pick(['were evacuated from', 'had to leave', 'fled', 'were moved out of', 'abandoned'])} "
                f"{self.thing(ev)} {self.pick(['after', 'when', 'as', 'once'])} {self.adverb()}{what} "
                f"{self.pick(['hit', 'struck', 'broke out at', 'spread through', 'reached'])} {site}",
                self.when(ev),
            )
        if form == 2:
            return _Sentence(
                f"{_cap(self.pick(['authorities', 'police', 'officials', 'emergency services', 'rescuers']))} "
                f"{self.pick(['in', 'across', 'around'])} {ev.place} {self.adverb()}{self.pick(['were dealing with', 'responded to', 'battled', 'struggled with'])} "
                f"{what} {self.pick(['at', 'near'])} {site} that {self.pick(['left', 'has left', 'had left'])} "
                f"{ev.injured} {self.pick(_PEOPLE)} {self.pick(['hurt', 'injured', 'in hospital', 'needing treatment'])}",
                self.when(ev),
            )
        return _Sentence(
            f"{ev.injured} {self.pick(_PEOPLE)} were {self.adverb()}{self.pick(['hurt', 'injured', 'treated', 'taken to hospital'])} "
            f"{self.pick(['when', 'after', 'as'])} {what} {self.pick(['tore through', 'hit', 'damaged', 'swept through', 'ripped through'])} "
            f"{site} {where} {ev.place}",
            self.when(ev),
        )

    def sentence(self, ev: _Event) -> _Sentence:
        form = self.rng.randrange(13)
        verb = self.rng.choice(_VERBS)
        if form <= 1:
            full, _ = self.speaker(ev)
            that = " that" if self.chance(0.3) else ""
            main = f"{full} {self.adverb()}{self.pick(_SPEECH)}{that} {self.clause(ev)}"
            if self.chance(0.4):
                main += f", {self.pick(['adding', 'noting', 'stressing'])} that {self.clause(ev)}"
            return _Sentence(main, self.adjunct(ev) if self.chance(0.7) else "")
        if form == 2:
            _, short = self.speaker(ev)
            return _Sentence(
                f"{_cap(self.clause(ev))}, {short} {self.adverb()}{self.pick(_SPEECH)}"
            )
        if form == 3:
            _, short = self.speaker(ev)
            said = self.pick(["said", "added", "told reporters", "said"])
            return _Sentence(f"“{self.quote(ev)},” {short} {said}", quoted=True)
        if form == 4:
            return _Sentence(
                f"{_cap(self.people(ev))} {self.pick(['were', 'had been'])} {verb[0]} "
                f"{self.pick(_PREPOSITIONS)} {self.thing(ev)}",
                self.adjunct(ev),
            )
        if form == 5:
            said = self.pick(["said", "announced", "confirmed", "reported", "admitted", "stated"])
            where = self.pick(["in a statement", "online", "in a letter", "", "", ""])
            return _Sentence(
                f"{_cap(self.org(ev))} {self.adverb()}{said} {where} that {self.clause(ev)}".replace(
                    "  ", " "
                )
            )
        if form == 6:
            return _Sentence(
                f"{self.pick(_FIRST)} {self.pick(_SURNAMES)}, {self.rng.randrange(19, 88)}, "
                f"{self.pick(['who lives', 'who works', 'who was', 'whose shop is', 'who parks', 'who grew up', 'who was walking', 'who cycles'])} "
                f"{self.pick(_PREPOSITIONS)} {self.thing(ev)}, {self.pick(['said', 'recalled', 'explained', 'told reporters', 'remembered', 'described how'])} "
                f"{self.pick(['she', 'he', 'her family', 'his brother', 'her son', 'a friend'])} "
                f"{self.pick(['had', 'had just', 'had once', 'never', 'recently', 'quickly'])} {verb[0]} "
                f"{self.thing(ev)} {self.pick(['with', 'for', 'alongside', 'without'])} {self.pick(_PEOPLE)}",
                self.when(ev),
            )
        if form == 7:
            return _Sentence(
                f"{_cap(self.org(ev))} {self.adverb()}{self.pick(['plans', 'expects', 'hopes', 'has promised', 'intends'])} "
                f"to {verb[1]} {self.thing(ev)} {self.later()}",
                f"{self.pick(['because of', 'after', 'due to'])} {self.cause()}",
            )
        if form == 8:
            first, last = self.pick(_FIRST), self.pick(_SURNAMES)
            return _Sentence(
                f"{first} {last} {self.adverb()}{verb[0]} {self.thing(ev)} {self.pick(['and', 'then', 'before'])} "
                f"{self.rng.choice(_VERBS)[0]} {self.thing(ev)}",
                self.adjunct(ev),
            )
        if form == 9:
            return _Sentence(
                f"{_cap(self.thing(ev))} {self.pick(['remained', 'stayed', 'was still', 'was left', 'is now'])} {self.pick(_STATES)} "
                f"{self.pick(['while', 'as', 'after', 'because'])} {self.pick(['engineers', 'crews', 'inspectors', 'divers', 'officers', 'staff'])} "
                f"{self.pick(['from', 'sent by', 'working for', 'hired by'])} {self.org(ev)} {self.adverb()}"
                f"{verb[0]} {self.thing(ev)}",
                self.when(ev),
            )
        if form == 10:
            full, _ = self.speaker(ev)
            return _Sentence(
                f"{_cap(self.people(ev))} {self.pick(['in', 'near', 'around', 'outside'])} "
                f"{self.pick([ev.place, self.pick(_PLACES)])} {self.adverb()}{self.pick(['said', 'feared', 'believed', 'complained'])} "
                f"{self.clause(ev)}, {self.pick(['but', 'while', 'although'])} {full} {self.pick(_SPEECH)} {self.clause(ev)}"
            )
        if form == 11:
            full, _ = self.speaker(ev)
            return _Sentence(
                f"{full} {self.adverb()}{self.pick(_JUDGED)} {self.org(ev)} "
                f"{self.pick(['for', 'over', 'after'])} {verb[2]} {self.thing(ev)}",
                self.adjunct(ev),
            )
        second = self.rng.choice(_VERBS)
        return _Sentence(
            f"{self.pick(['Crews', 'Engineers', 'Volunteers', 'Inspectors', 'Officers'])} from "
            f"{self.org(ev)} {self.adverb()}{verb[0]} {self.thing(ev)} {self.pick(['and', 'before they', 'then'])} "
            f"{second[0]} {self.thing(ev)}",
            self.adjunct(ev),
        )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- edits -----------------------------------------------------------------------------


def _change_word(rng: random.Random, text: str) -> str:
    """One word swapped for a synonym (or "also" added when none has one)."""
    words = text.split(" ")
    options = [n for n, w in enumerate(words) if w.strip(",.“”").lower() in _SYNONYMS]
    if not options:
        words.insert(min(2, len(words)), "also")
        return " ".join(words)
    n = rng.choice(options)
    word = words[n]
    core = word.strip(",.“”")
    new = _SYNONYMS[core.lower()]
    if core[0].isupper():
        new = new.capitalize()
    words[n] = word.replace(core, new)
    return " ".join(words)


def _date_for_day(event_day: date, text: str) -> str:
    """ "Tuesday" -> "May 13": the date of that weekday in the event's week."""

    def date_of(match: re.Match[str]) -> str:
        offset = (_DAYS.index(match.group(1)) - event_day.weekday()) % 7
        when = event_day - timedelta(days=(7 - offset) % 7)
        return f"{_MONTH_NAMES[when.month - 1]} {when.day}"

    return _DAY_RE.sub(date_of, text, count=1)


# --- the corpus ------------------------------------------------------------------------


class _Planter:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.grammar = _Grammar(self.rng)
        self.serial = 0

    def event(self, number: int, day: date) -> _Event:
        rng = self.rng
        kind, noun = rng.choice(_EVENTS)
        people = tuple(
            (rng.choice(_FIRST), rng.choice(_SURNAMES), rng.choice(_ROLES_TITLE + _ROLES_PLAIN))
            for _ in range(rng.randrange(3, 6))
        )
        return _Event(
            number,
            day,
            rng.choice(_PLACES),
            rng.choice(_REGIONS),
            kind,
            noun,
            rng.choice(_SURNAMES),
            rng.choice(_SITES),
            rng.choice(_ORGS),
            people,
            rng.randrange(2, 60),
            rng.randrange(30, 9000),
            rng.choice(_PEOPLE),
        )

    def body(self, ev: _Event, less: int = 0) -> list[list[_Sentence]]:
        """8-20 paragraphs of 1-3 sentences, 400-800 words (``less`` words fewer: room
        for paragraphs taken from elsewhere)."""
        rng, grammar = self.rng, self.grammar
        words = max(rng.randrange(430, 770) - less, 200)
        count = max(8 - less // 60, min(rng.randrange(8, 21), words // 30))
        budget = words / count
        paragraphs = [[grammar.lede(ev)]]
        for number in range(count):
            paragraph = paragraphs[0] if number == 0 else []
            size = sum(len(s.main.split()) + len(s.adjunct.split()) for s in paragraph)
            while not paragraph or (size < budget - 12 and len(paragraph) < 3):
                sentence = grammar.sentence(ev)
                paragraph.append(sentence)
                size += len(sentence.main.split()) + len(sentence.adjunct.split())
            if number:
                paragraphs.append(paragraph)
        return paragraphs

    def published(self, day: date, hours: float = 0.0) -> datetime:
        start = datetime(day.year, day.month, day.day, 6, 0) + timedelta(
            minutes=self.rng.randrange(0, 16 * 60)
        )
        return start + timedelta(hours=hours)

    def build(
        self,
        pieces: list[list[_Piece]],
        dateline: str,
        outlet: str,
        when: datetime,
        credit: str = "",
    ) -> tuple[Article, list[list[tuple[int, int]]]]:
        """The article, and the span of each sentence in its text."""
        parts: list[str] = []
        spans: list[list[tuple[int, int]]] = []
        position = 0
        for number, paragraph in enumerate(pieces):
            if number:
                parts.append("\n\n")
                position += 2
            these = []
            for index, (text, _, _) in enumerate(paragraph):
                if index:
                    parts.append(" ")
                    position += 1
                if number == 0 and index == 0 and dateline:
                    parts.append(dateline)
                    position += len(dateline)
                    start = 0
                else:
                    start = position
                parts.append(text)
                position += len(text)
                these.append((start, position))
            spans.append(these)
        body = "".join(parts)
        self.serial += 1
        raw = RawDocument(
            text=f"{body}\n\n{credit}" if credit else body,
            source=f"planted#{self.serial}",
            outlet=outlet,
            outlet_from="given",
            published=PubDate(when.year, when.month, when.day, f"{when:%H:%M:%S}+00:00", "field"),
            language="en",
        )
        article = make_article(raw)
        if article.text != body:
            raise AssertionError(f"ingest changed a planted text: {raw.source}")
        return article, spans

    def original(self, ev: _Event, outlet_pick: float) -> _Original:
        rng = self.rng
        wire = rng.choice(_WIRES) if outlet_pick < 0.35 else None
        outlet = wire[0] if wire else rng.choice(_OUTLETS)
        if wire:
            dateline = f"{ev.place.upper()}, {ev.region} ({wire[1]}) — "
        elif rng.random() < 0.3:
            dateline = f"{ev.place.upper()} — "
        else:
            dateline = ""
        paragraphs = self.body(ev)
        pieces = [[(s.render(), None, ()) for s in p] for p in paragraphs]
        when = self.published(ev.day, rng.choice([0, 0, 24]))
        article, spans = self.build(pieces, dateline, outlet, when)
        if wire and (article.dateline is None or article.dateline.agency != wire[1]):
            raise AssertionError(f"dateline not read: {dateline!r}")
        return _Original(article, ev, paragraphs, spans, dateline, wire)

    def copy(self, source: _Original, how: str, own: bool = False) -> tuple[Article, Truth] | None:
        """A copy of ``source`` made ``how``; ``own``: with a paragraph of its own added."""
        rng = self.rng
        ev = source.event
        outlet = rng.choice([o for o in _OUTLETS if o != source.article.outlet])
        credit = ""
        dateline = source.dateline
        credited = False
        pieces: list[list[_Piece]] = []
        if how == "paragraphs":
            run = self._run(source)
            if run is None:
                return None
            taken = sum(
                len(t.split()) for p in run for t in map(_Sentence.render, source.paragraphs[p])
            )
            own = self.body(ev, less=taken)
            at = rng.randrange(1, len(own))
            edit = rng.random() < 0.4
            reused = [
                [
                    self._edited(s, (p, n), ev, ("word",) if edit else ())
                    for n, s in enumerate(source.paragraphs[p])
                ]
                for p in run
            ]
            own_pieces = [[(s.render(), None, ()) for s in p] for p in own]
            pieces = own_pieces[:at] + reused + own_pieces[at:]
            dateline = f"{ev.place.upper()} — " if rng.random() < 0.3 else ""
        else:
            for p, paragraph in enumerate(source.paragraphs):
                pieces.append(
                    [
                        self._edited(s, (p, n), ev, self._edits(s) if how == "edited" else ())
                        for n, s in enumerate(paragraph)
                    ]
                )
            if how == "edited":
                self._drop_and_add(pieces, ev)
            if source.wire and rng.random() < 0.5:
                dateline = source.dateline  # keeps the agency dateline: the wire credit
            elif source.dateline or rng.random() < 0.5:
                dateline = f"{ev.place.upper()} — "
            if dateline != source.dateline and pieces[0][0][1] is not None:
                text, origin, edits = pieces[0][0]
                pieces[0][0] = (text, origin, (*edits, "dateline"))
            if how == "whole" and (own or dateline == source.dateline or rng.random() < 0.5):
                pieces.append([(self.grammar.sentence(ev).render(), None, ())])  # its own
        if dateline != source.dateline and rng.random() < (0.8 if source.wire else 0.3):
            credit = f"With reporting by {source.article.outlet}"
        credited = bool(credit) or (dateline == source.dateline and source.wire is not None)
        hours = rng.uniform(0, 6) if credited and rng.random() < 0.5 else rng.uniform(1, 30)
        src_time = source.article.published
        assert src_time is not None and src_time.time is not None
        start = datetime.fromisoformat(f"{src_time.iso()[:19]}")
        when = start + timedelta(hours=hours if hours >= 1 else 0)
        article, spans = self.build(pieces, dateline, outlet, when, credit)
        return article, self._truth(source, article, pieces, spans, how)

    def _run(self, source: _Original) -> list[int] | None:
        """1-3 consecutive paragraphs (not the lede), mostly not quotation."""
        rng = self.rng
        for _ in range(8):
            length = rng.choice([1, 1, 2, 3])
            first = rng.randrange(1, len(source.paragraphs) - length + 1)
            run = list(range(first, first + length))
            sentences = [s for p in run for s in source.paragraphs[p]]
            quoted = sum(len(s.main) for s in sentences if s.quoted)
            if quoted < 0.5 * sum(len(s.main) + len(s.adjunct) for s in sentences):
                return run
        return None

    def _edits(self, sentence: _Sentence) -> tuple[str, ...]:
        edits = ["word"]
        if _DAY_RE.search(sentence.main + " " + sentence.adjunct) and self.rng.random() < 0.4:
            edits.append("date")
        if sentence.adjunct and self.rng.random() < 0.3:
            edits.append("reorder")
        return tuple(edits)

    def _edited(
        self, sentence: _Sentence, origin: tuple[int, int], ev: _Event, edits: tuple[str, ...]
    ) -> _Piece:
        if "reorder" in edits:
            sentence = replace(sentence, front=not sentence.front)
        if "word" in edits:
            sentence = replace(sentence, main=_change_word(self.rng, sentence.main))
        text = sentence.render()
        if "date" in edits:
            text = _date_for_day(ev.day, text)
        return text, origin, edits

    def _drop_and_add(self, pieces: list[list[_Piece]], ev: _Event) -> None:
        rng = self.rng
        for _ in range(rng.choice([0, 1, 1, 2])):
            long = [p for p in pieces[1:] if len(p) > 1]
            if long:
                paragraph = rng.choice(long)
                del paragraph[rng.randrange(len(paragraph))]
        for _ in range(rng.choice([0, 1, 1, 2])):
            paragraph = rng.choice(pieces[1:])
            paragraph.insert(
                rng.randrange(len(paragraph) + 1), (self.grammar.sentence(ev).render(), None, ())
            )

    @staticmethod
    def _truth(
        source: _Original,
        copy: Article,
        pieces: list[list[_Piece]],
        spans: list[list[tuple[int, int]]],
        how: str,
    ) -> Truth:
        truth = Truth()
        truth.copies[copy.id] = (source.article.id, how)
        truth.events[copy.id] = source.event.number
        # paragraph k of the copy is paragraph m of the source when its sentences came from m
        mapped: list[tuple[int, int]] = []
        for k, paragraph in enumerate(pieces):
            origins = {origin[0] for _, origin, _ in paragraph if origin is not None}
            if origins:
                mapped.append((k, origins.pop()))
            for (_, origin, edits), span in zip(paragraph, spans[k], strict=True):
                if origin is not None:
                    p, n = origin
                    truth.sentences.append(
                        TrueSentence(
                            source.article.id, source.spans[p][n], copy.id, span, how, edits
                        )
                    )
        runs: list[list[tuple[int, int]]] = []
        for k, m in mapped:
            if runs and runs[-1][-1] == (k - 1, m - 1):
                runs[-1].append((k, m))
            else:
                runs.append([(k, m)])
        for run in runs:
            (k0, m0), (k1, m1) = run[0], run[-1]
            truth.passages.append(
                TruePassage(
                    source.article.id,
                    (source.spans[m0][0][0], source.spans[m1][-1][1]),
                    copy.id,
                    (spans[k0][0][0], spans[k1][-1][1]),
                    how,
                )
            )
        return truth


# Shares of the corpus (calibrated so that about a quarter of the articles take part in
# reuse: 13% of originals are copied, 1.6 times on average).
SOURCE_SHARE = 0.13
COPIES_PER_SOURCE = [1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3]  # 1.6 on average
HOW = ["whole"] * 30 + ["edited"] * 35 + ["paragraphs"] * 35
ARTICLES_PER_DAY = 300
# How many articles later a copy appears (hours later, other news in between).
MAX_DELAY = 400


def planted_batches(
    count: int, seed: int = 1, batch: int = 10_000
) -> Iterator[tuple[list[Article], Truth]]:
    """The corpus of :func:`planted_corpus`, ``batch`` articles at a time (memory stays
    flat: only copies waiting for their turn are held)."""
    planter = _Planter(seed)
    rng = planter.rng
    pending: list[tuple[int, int, Article, Truth]] = []  # a heap, by turn
    articles: list[Article] = []
    truth = Truth()
    seen: set[str] = set()  # ids of the copies made
    emitted = 0
    events = 0
    start = date(2031, 1, 1)

    def emit(article: Article, part: Truth) -> None:
        nonlocal emitted
        articles.append(article)
        truth.extend(part)
        emitted += 1

    while emitted < count:
        day = start + timedelta(days=emitted // ARTICLES_PER_DAY)
        ev = planter.event(events, day)
        events += 1
        for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
            original = planter.original(ev, rng.random())
            emit(original.article, Truth(events={original.article.id: ev.number}))
            if rng.random() < SOURCE_SHARE:
                for _ in range(rng.choice(COPIES_PER_SOURCE)):
                    how = rng.choice(HOW)
                    made = planter.copy(original, how)
                    if made is not None and made[0].id in seen:  # two copies alike: one text
                        made = planter.copy(original, how, own=True)
                    if made is not None and made[0].id not in seen:
                        seen.add(made[0].id)
                        turn = emitted + rng.randrange(MAX_DELAY)
                        heapq.heappush(pending, (turn, planter.serial, *made))
            while pending and pending[0][0] <= emitted and emitted < count:
                _, _, article, part = heapq.heappop(pending)
                emit(article, part)
            if len(articles) >= batch or emitted >= count:
                yield articles, truth
                articles, truth = [], Truth()
            if emitted >= count:
                break
    if articles:
        yield articles, truth


def planted_corpus(count: int, seed: int = 1) -> tuple[list[Article], Truth]:
    """``count`` articles in publication order (copies after their sources), and the
    truth: every reused paragraph run as (source, span, copy, span), the true direction
    of each copy, and each article's event."""
    articles: list[Article] = []
    truth = Truth()
    for part, part_truth in planted_batches(count, seed, batch=count):
        articles += part
        truth.extend(part_truth)
    return articles, truth

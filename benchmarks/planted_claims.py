"""Planted claims: a generated benchmark for the corroboration stage.

Fictional stories (invented towns, countries, people, companies and outlets; every
sentence comes from templates written for this benchmark, none from a real article)
in which the truth is known because it was planted:

* **agreements**: one source's figure or date in two to four outlets, paraphrased;
* **two speakers, one figure**: two officials give the same figure in their own words
  (planted as corroboration; a conflict flagged there is reported apart, as arguable);
* **quantity conflicts**: one source's figure for one counted thing differing across
  outlets on the same day ("about 2,000 residents" / "up to 3,500 residents");
* **date conflicts**: one source putting one event on two days ("on March 3" / "on 4 March");
* **misattributions**: the same words (near-verbatim) given to two named people;
* **denials**: an organisation denies what someone else asserts;
* **updates**: a later article whose figure "has risen to" or adds "another" (an
  update, not a conflict);
* **hedged figures that agree**: "at least 8" / "9", "more than 50" / "about 60";
* **two things, one unit**: one source's figures for "people" injured and "people"
  missing, alike in wording (not a conflict).

The real pipeline (ingest, reuse, stories, claims, corroboration) runs over each
planted story's articles (a folder of .txt files per story); each planted sentence is
matched to the claim whose content overlaps it most, and the conflicts and updates
found are scored against the planting. A planted conflict is found when a conflict of
its kind has claims of both planted sides on different sides; a conflict flagged is
true when it is a planted one.

1. ``conflict_detection()``: precision and recall of conflict detection, by kind, and of
   update detection; what is missed or falsely flagged, with what the claims show.
2. ``speed()``: ``corroborate_story`` alone on one story of N generated articles, time
   and peak memory, and their growth from the smallest size to the largest. Claims are
   built directly as records (no spaCy), with the repetition of a real story.

Run: .venv/bin/python benchmarks/planted_claims.py [--seed 7] [--stories 40] [--show 8]
     [--sizes 100 1000] [--skip-speed]
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import multiprocessing
import random
import resource
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corroborate import Store, ingest_sources
from corroborate.claims.types import ArticleClaims
from corroborate.corroboration.story import corroborate_story
from corroborate.pipeline import analyse
from corroborate.records import (
    Article,
    Claim,
    Entity,
    PubDate,
    Quantity,
    ReuseLink,
    Span,
    TimeRef,
)

if TYPE_CHECKING:  # only named in annotations: the stage's internals may move
    from corroborate.corroboration.relations import Conflict
    from corroborate.corroboration.story import StoryCorroboration
    from corroborate.corroboration.views import ClaimView

__all__ = ["conflict_detection", "speed", "speed_story", "write_stories"]

CONFLICT_KINDS = ("quantity", "date", "attribution", "polarity")

# --- the fictional world ---------------------------------------------------------------

FIRST_NAMES = (
    "Anna", "Oren", "Petra", "Tomas", "Mira", "Jonas", "Lena", "Karel", "Ilse", "Bram", "Nadia",
    "Elias", "Vera", "Aurel", "Signe", "Matteo", "Rhea", "Stefan", "Yara", "Dario", "Freya",
    "Lukas", "Hanna", "Milo", "Greta", "Teodor", "Alma", "Viktor", "Selma", "Ruben", "Edda",
    "Casimir", "Liv", "Anton", "Maren", "Joel", "Tilde", "Emil", "Ada", "Hugo",
)  # fmt: skip
SURNAMES = (
    "Holt", "Vask", "Lund", "Brenner", "Castell", "Dorne", "Eames", "Farrow", "Garrick",
    "Hallam", "Imrie", "Jessup", "Kessler", "Lorne", "Marsh", "Norquist", "Oakes", "Pell",
    "Rask", "Sorrel", "Tennant", "Varga", "Wendt", "Yates", "Zeller", "Ashby", "Blaine",
    "Crane", "Dreyer", "Ekholm", "Falk", "Grange", "Hart", "Ives", "Kerr", "Lowe", "Mercer",
    "Nyland", "Orme", "Prior", "Rook", "Strand", "Thorne", "Voigt", "Wilde", "Bexley", "Corwin",
    "Dunleavy", "Ellery", "Fenwick", "Gilroy", "Ingram", "Jansen", "Kovac", "Lindell", "Madsen",
    "Oswin", "Pryce", "Reeve", "Sallow", "Tarrant", "Vance", "Wexley",
)  # fmt: skip
# Town names are made of two invented halves, so that no story names a real place.
TOWN_HEADS = (
    "Brack", "Dun", "Hal", "Ost", "Mer", "Tarn", "Wick", "Ell", "Fen", "Gra", "Kil", "Lor",
    "Mar", "Pel", "Quen", "Rav", "Sel", "Thor", "Ul", "Vel", "Ash", "Bry", "Cal", "Dor",
)  # fmt: skip
TOWN_TAILS = (
    "ford", "more", "wick", "haven", "stead", "holm", "mouth", "field", "brook", "dale", "mere",
    "combe",
)  # fmt: skip
COUNTRIES = (
    "Estria", "Valmark", "Osterlund", "Carrowmere", "Lindavia", "Brevonia", "Tessaria",
    "Kalmeny", "Ordavia", "Vennholt", "Marisca", "Selvany",
)  # fmt: skip
COMPANY_STEMS = (
    "Orrin", "Calloway", "Stenmark", "Halberd", "Pellis", "Vantor", "Quill", "Ardent",
    "Corvane", "Tessel", "Maddox", "Brightlow",
)  # fmt: skip
OUTLETS = (
    "Dunmore Courier",
    "Estland Post",
    "Vale Herald",
    "Northgate Times",
    "Riverside Chronicle",
    "Coastline Wire",
    "Ardent Daily",
    "Meadowbank Gazette",
    "Kestrel News",
    "Summit Observer",
    "Lantern Press",
    "Brightwater Record",
    "Fernhill Journal",
    "Greyport Standard",
)
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
SMALL_NUMBERS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
)  # fmt: skip


@dataclass(frozen=True)
class Fact:
    """A counted thing a story's sources give figures for. In the templates ``{n}`` is
    the figure with its hedge and unit ("about 40 homes"), ``{v}`` the bare figure."""

    unit: str  # the thing counted as printed after the figure: "homes"
    low: int  # plausible figures
    high: int
    said: tuple[str, ...]  # paraphrases of the statement, as a clause
    quoted: str  # in the speaker's own words
    risen: str  # a later report: the figure has risen to {v}
    another: str  # a later report adding to it: another {n}


@dataclass(frozen=True)
class Happening:
    """Something that happened on a day (``{d}``: "on March 3")."""

    said: tuple[str, ...]
    offset: int  # its day, in days from the event's


@dataclass(frozen=True)
class Siblings:
    """Two different things counted in the same unit ("people" injured, "people"
    missing): figures of one cannot conflict with figures of the other."""

    unit: str
    low: int
    high: int
    first: tuple[str, ...]  # paraphrases, as Fact.said
    second: tuple[str, ...]


@dataclass(frozen=True)
class Accusation:
    accuser: int  # index into the kind's roles
    asserted: tuple[str, ...]  # what the accuser says, as clauses
    denier: int  # index into the kind's organisations
    denials: tuple[str, ...]  # sentences; {org} is the denying organisation


@dataclass(frozen=True)
class EventKind:
    """The vocabulary of one kind of event. Templates take {place}, {region}, {company}."""

    name: str
    company_suffix: str
    headlines: tuple[str, ...]
    lead: str  # the outlet's opening sentence; {event} is the event's date
    # Outlet sentences with no figure, source or time: "closed for the day" would take its
    # day from whatever date came before it, a planted one included.
    fillers: tuple[str, ...]
    roles: tuple[str, ...]  # people's roles, as written before a name
    organisations: tuple[str, ...]
    facts: tuple[Fact, ...]
    happenings: tuple[Happening, ...]
    quotes: tuple[str, ...]  # first-person sentences, for misattributed quotes
    statements: tuple[str, ...]  # clauses, for misattributed reported speech
    siblings: Siblings
    accusation: Accusation


KINDS = (
    EventKind(
        name="flood",
        company_suffix="Water",
        headlines=(
            "Floodwater swamps {place} as river bursts its banks",
            "{place} families flee rising floodwater",
            "Flooding cuts {place} off from neighbouring towns",
        ),
        lead="Floodwater swept through {place} in {region} after the river burst its banks on {event}.",
        fillers=(
            "Volunteers handed out blankets and hot drinks at the {place} sports hall.",
            "Several roads into {place} remained closed to traffic.",
            "Schools in the lower town stayed shut as a precaution.",
            "Shopkeepers piled sandbags against their doors along the high street.",
            "Train services through {place} were suspended.",
            "Forecasters expect more rain across {region}.",
        ),
        roles=(
            "fire chief",
            "Mayor",
            "police commander",
            "river authority engineer",
            "residents' association chair",
        ),
        organisations=("{place} Town Council", "the {region} River Authority"),
        facts=(
            Fact(
                "homes", 30, 150,
                said=("{n} were flooded in the lower town",
                      "{n} in the lower town had been flooded",
                      "floodwater had entered {n} in the lower town"),
                quoted="The water got into {n} in the lower town",
                risen="the number of homes flooded in the lower town has risen to {v}",
                another="another {n} in the lower town were flooded overnight",
            ),
            Fact(
                "residents", 800, 4000,
                said=("{n} were evacuated from the riverside streets",
                      "{n} had been moved out of the riverside streets",
                      "crews evacuated {n} from the riverside streets"),
                quoted="We moved {n} out of the riverside streets",
                risen="the number of residents evacuated from the riverside streets has risen to {v}",
                another="another {n} were evacuated from the riverside streets overnight",
            ),
            Fact(
                "people", 20, 90,
                said=("{n} were rescued from rooftops and stranded cars",
                      "rescuers had lifted {n} from rooftops and stranded cars",
                      "{n} had to be rescued from rooftops and stranded cars"),
                quoted="Our crews pulled {n} off rooftops and out of stranded cars",
                risen="the number of people rescued from rooftops and stranded cars has risen to {v}",
                another="another {n} were rescued from rooftops overnight",
            ),
            Fact(
                "boats", 8, 40,
                said=("{n} were sent to the flooded streets",
                      "{n} had been deployed to the flooded streets",
                      "the authorities sent {n} into the flooded streets"),
                quoted="We have {n} working the flooded streets",
                risen="the number of boats working the flooded streets has risen to {v}",
                another="another {n} were sent to the flooded streets overnight",
            ),
        ),
        happenings=(
            Happening(("the flood barrier failed {d}", "the flood barrier gave way {d}"), 0),
            Happening(("the first flood warning was issued {d}",
                       "the first flood warning went out {d}"), -1),
        ),
        quotes=(
            "Nobody should try to drive through the water, however shallow it looks",
            "We will not reopen the riverside streets until the river has dropped",
            "The barrier was never built for a river this high",
        ),
        statements=(
            "the pumping station had been running at full capacity all night",
            "the river had risen faster than any forecast predicted",
        ),
        siblings=Siblings(
            "people", 10, 60,
            ("{n} were treated in hospital after the flood",
             "{n} had needed hospital treatment after the flood",
             "hospitals treated {n} after the flood"),
            ("{n} were still missing after the flood",
             "{n} had not been accounted for after the flood",
             "{n} remained missing after the flood"),
        ),
        accusation=Accusation(
            accuser=4,
            asserted=("the council had ignored warnings about the flood barrier",
                      "council officials ignored repeated warnings about the state of the flood barrier"),
            denier=0,
            denials=("{org} denied that it had ignored warnings about the flood barrier.",
                     "{org} denied ignoring warnings about the flood barrier.",
                     "A spokesperson for {org} denied that warnings about the flood barrier had been ignored."),
        ),
    ),
    EventKind(
        name="chemical fire",
        company_suffix="Chemicals",
        headlines=(
            "Fire rips through {company} plant in {place}",
            "Blaze at {place} chemical plant forces evacuation",
            "Smoke over {place} as solvent store burns",
        ),
        lead="A fire tore through a solvent storage hall at the {company} plant in {place} on {event}.",
        fillers=(
            "Black smoke could be seen across {place}.",
            "Residents living near the plant were told to keep their windows closed.",
            "Police closed the roads around the industrial estate.",
            "Production at the plant has been suspended.",
            "The cause of the fire is under investigation.",
            "Neighbouring businesses sent their staff home early.",
        ),
        roles=(
            "fire chief",
            "Mayor",
            "plant manager",
            "union representative",
            "environment agency inspector",
        ),
        organisations=("{company}", "the {region} Environment Agency"),
        facts=(
            Fact(
                "firefighters", 60, 200,
                said=("{n} were sent to the burning plant",
                      "{n} had been called to the burning plant",
                      "the fire service sent {n} to the burning plant"),
                quoted="We had {n} on the site at the height of the fire",
                risen="the number of firefighters at the plant has risen to {v}",
                another="another {n} were sent to the plant overnight",
            ),
            Fact(
                "workers", 100, 600,
                said=("{n} were evacuated from the plant",
                      "{n} had been led out of the plant",
                      "staff evacuated {n} from the plant"),
                quoted="We got {n} out of the plant within minutes",
                risen="the number of workers evacuated from the plant has risen to {v}",
                another="another {n} were evacuated from the neighbouring depot",
            ),
            Fact(
                "tonnes", 20, 90,
                said=("{n} of solvent had been stored in the hall",
                      "the hall held {n} of solvent",
                      "{n} of solvent were kept in the hall"),
                quoted="There were {n} of solvent in that hall",
                risen="the estimated amount of solvent in the hall has risen to {v} tonnes",
                another="another {n} of solvent were stored in a second hall",
            ),
            Fact(
                "people", 3, 15,
                said=("{n} were injured in the blaze",
                      "{n} had been hurt in the blaze",
                      "the blaze injured {n}"),
                quoted="We treated {n} for burns and smoke",
                risen="the number of people injured in the blaze has risen to {v}",
                another="another {n} were treated for smoke inhalation overnight",
            ),
        ),
        happenings=(
            Happening(("the fire broke out {d}", "the blaze started {d}"), 0),
            Happening(("the plant last passed a safety inspection {d}",
                       "the plant was last inspected {d}"), -40),
        ),
        quotes=(
            "The hall was fully alight when our first crews arrived",
            "Nobody will be allowed back until the air is safe to breathe",
            "We are cooperating fully with the investigators",
        ),
        statements=(
            "the fire appeared to have started near a transfer pump",
            "the sprinklers in the storage hall had worked as designed",
        ),
        siblings=Siblings(
            "residents", 20, 400,
            ("{n} were treated for smoke inhalation near the plant",
             "{n} living near the plant had been treated for smoke inhalation",
             "paramedics treated {n} near the plant for smoke inhalation"),
            ("{n} were told to leave their homes near the plant",
             "{n} living near the plant had been told to leave their homes",
             "police told {n} near the plant to leave their homes"),
        ),
        accusation=Accusation(
            accuser=3,
            asserted=("workers had reported a faulty pump in the storage hall weeks before the fire",
                      "staff warned managers about a faulty pump in the storage hall weeks before the fire"),
            denier=0,
            denials=("{org} denied that workers had reported a faulty pump before the fire.",
                     "{org} denied receiving any warning about a faulty pump in the storage hall.",
                     "A spokesperson for {org} denied that staff had warned managers about a faulty pump."),
        ),
    ),
    EventKind(
        name="strike",
        company_suffix="Motors",
        headlines=(
            "Strike halts production at {company} plant in {place}",
            "{place} car workers walk out over pay",
            "Pickets at {company} gates as strike begins",
        ),
        lead="Workers at the {company} car plant in {place} walked out on {event} in a dispute over pay and job cuts.",
        fillers=(
            "Pickets gathered at the main gate.",
            "Talks between the two sides are expected to resume.",
            "The plant is the largest employer in {place}.",
            "Suppliers across {region} said they were watching the dispute closely.",
            "Buses carrying workers to the plant were turned back.",
            "The assembly lines stood silent.",
        ),
        roles=("union leader", "plant director", "Labour Minister", "police chief", "shop steward"),
        organisations=("{company}", "the {region} Metalworkers' Union"),
        facts=(
            Fact(
                "workers", 800, 5000,
                said=("{n} had walked off the job at the {place} plant",
                      "{n} joined the strike at the {place} plant",
                      "the strike at the {place} plant had drawn {n}"),
                quoted="We have {n} on the picket lines",
                risen="the number of workers on strike at the {place} plant has risen to {v}",
                another="another {n} joined the strike at the {place} plant",
            ),
            Fact(
                "jobs", 200, 1500,
                said=("{n} were to be cut at the {place} plant",
                      "the restructuring plan would cut {n} at the {place} plant",
                      "{n} at the {place} plant would go under the restructuring plan"),
                quoted="They want to cut {n} at this plant",
                risen="the number of jobs to be cut at the {place} plant has risen to {v}",
                another="another {n} would be cut at the {place} plant",
            ),
            Fact(
                "cars", 300, 2000,
                said=("production of {n} a day had been halted by the stoppage",
                      "the stoppage was costing the plant {n} a day",
                      "{n} a day were no longer being built because of the stoppage"),
                quoted="We are losing {n} a day to this stoppage",
                risen="the number of cars lost to the stoppage each day has risen to {v}",
                another="another {n} were lost to the stoppage overnight",
            ),
            Fact(
                "police officers", 50, 300,
                said=("{n} were deployed outside the plant gates",
                      "{n} had been posted outside the plant gates",
                      "the police sent {n} to the plant gates"),
                quoted="We have {n} at the gates to keep everyone safe",
                risen="the number of police officers at the plant gates has risen to {v}",
                another="another {n} were sent to the plant gates",
            ),
        ),
        happenings=(
            Happening(("the strike began {d}", "workers first walked out {d}"), 0),
            Happening(("the last pay offer was made {d}",
                       "management made its last pay offer {d}"), -6),
        ),
        quotes=(
            "We will stay out until the company puts a fair offer on the table",
            "Nobody wants this strike to go on a day longer than it has to",
            "The plant cannot survive another year of losses",
        ),
        statements=(
            "talks with the union had broken down late in the evening",
            "the company had refused to discuss the closure of the paint shop",
        ),
        siblings=Siblings(
            "employees", 20, 300,
            ("{n} had been suspended for joining the pickets at the plant",
             "the company suspended {n} for joining the pickets at the plant",
             "{n} were suspended for joining the pickets at the plant"),
            ("{n} had crossed the picket lines at the plant",
             "{n} crossed the picket lines at the plant",
             "the picket lines at the plant had been crossed by {n}"),
        ),
        accusation=Accusation(
            accuser=0,
            # Not "managers threatened to close the plant": a claim inside the claim.
            asserted=("managers had locked striking workers out of the plant",
                      "managers locked the striking workers out of the plant"),
            denier=0,
            denials=("{org} denied that managers had locked striking workers out of the plant.",
                     "{org} denied locking striking workers out of the plant.",
                     "A spokesperson for {org} denied that striking workers had been locked out of the plant."),
        ),
    ),
    EventKind(
        name="ferry accident",
        company_suffix="Ferries",
        headlines=(
            "Ferry runs aground off {place}",
            "Hundreds rescued as {company} ferry hits rocks",
            "Rescue operation under way after {place} ferry accident",
        ),
        lead="A {company} passenger ferry ran aground off {place} on {event}, setting off a large rescue operation.",
        fillers=(
            "Relatives waited for news at the ferry terminal in {place}.",
            "Lifeboats and fishing boats joined the search.",
            "All sailings from {place} were cancelled.",
            "Investigators are expected to board the ferry once it is secured.",
            "A reception centre was opened in the {place} town hall.",
            "The sea was calm at the time of the accident.",
        ),
        roles=(
            "coastguard commander",
            "harbour master",
            "Transport Minister",
            "ship's officer",
            "seafarers' union official",
        ),
        organisations=("{company}", "the {region} Coastguard"),
        facts=(
            Fact(
                "passengers", 150, 700,
                said=("{n} were rescued from the ferry",
                      "rescuers had taken {n} off the ferry",
                      "{n} had been lifted off the ferry"),
                quoted="We brought {n} off that ferry",
                risen="the number of passengers rescued from the ferry has risen to {v}",
                another="another {n} were rescued from the ferry overnight",
            ),
            Fact(
                "people", 5, 40,
                said=("{n} were taken to hospital after the accident",
                      "{n} had been treated in hospital after the accident",
                      "ambulances took {n} to hospital after the accident"),
                quoted="We sent {n} to hospital",
                risen="the number of people taken to hospital after the accident has risen to {v}",
                another="another {n} were taken to hospital overnight",
            ),
            Fact(
                "vehicles", 40, 200,
                said=("{n} were on the car deck",
                      "the car deck held {n}",
                      "{n} had been parked on the car deck"),
                quoted="There were {n} on the car deck",
                risen="the number of vehicles found on the car deck has risen to {v}",
                another="another {n} were found on the lower car deck",
            ),
            Fact(
                "vessels", 5, 30,
                said=("{n} joined the rescue",
                      "{n} had taken part in the rescue",
                      "the coastguard sent {n} to the rescue"),
                quoted="We had {n} out there",
                risen="the number of vessels taking part in the rescue has risen to {v}",
                another="another {n} joined the rescue overnight",
            ),
        ),
        happenings=(
            Happening(("the ferry ran aground {d}", "the ferry struck the rocks {d}"), 0),
            Happening(("the ferry last passed an inspection {d}",
                       "the ferry was last inspected {d}"), -30),
        ),
        quotes=(
            "The crew did everything they could to get people off safely",
            "We will not rest until every passenger is accounted for",
            "The weather was well within the ferry's limits",
        ),
        statements=(
            "the ferry had left port later than scheduled",
            "the captain had radioed for help shortly after the impact",
        ),
        siblings=Siblings(
            "crew members", 10, 60,
            ("{n} were on duty when the ferry ran aground",
             "{n} had been on duty when the ferry ran aground",
             "the ferry had {n} on duty when it ran aground"),
            ("{n} were questioned by investigators about the ferry",
             "investigators had questioned {n} about the ferry",
             "{n} from the ferry had been questioned by investigators"),
        ),
        accusation=Accusation(
            accuser=4,
            asserted=("the ferry had sailed with too few crew members on board",
                      "the company sent the ferry out with too few crew members"),
            denier=0,
            denials=("{org} denied that the ferry had sailed with too few crew members.",
                     "{org} denied sending the ferry out short of crew members.",
                     "A spokesperson for {org} denied that the ferry had been short of crew members."),
        ),
    ),
    EventKind(
        name="storm",
        company_suffix="Power",
        headlines=(
            "Storm leaves {place} in the dark",
            "Power cuts across {place} after storm",
            "{place} counts the cost of storm damage",
        ),
        lead="A storm swept across {place} in {region} on {event}, bringing down power lines and trees.",
        fillers=(
            "Shops in the city centre stayed closed.",
            "Residents were asked to avoid unnecessary journeys.",
            "Crews worked to clear blocked roads.",
            "Several schools in {place} stayed closed.",
            "Hospitals switched to their emergency generators.",
            "More wind is forecast for the coast of {region}.",
        ),
        roles=(
            "grid director",
            "Mayor",
            "emergency services chief",
            "Energy Minister",
            "consumer group director",
        ),
        organisations=("{company}", "{place} City Council"),
        facts=(
            Fact(
                "households", 5000, 60000,
                said=("{n} were left without power",
                      "{n} had lost power",
                      "the storm cut power to {n}"),
                quoted="We still have {n} without power",
                risen="the number of households without power has risen to {v}",
                another="another {n} lost power overnight",
            ),
            Fact(
                "engineers", 100, 600,
                said=("{n} were working to restore supplies",
                      "{n} had been sent out to repair power lines",
                      "the company sent {n} out to repair power lines"),
                quoted="We have {n} out repairing power lines",
                risen="the number of engineers repairing power lines has risen to {v}",
                another="another {n} were drafted in from neighbouring regions",
            ),
            Fact(
                "trees", 200, 2000,
                said=("{n} had been brought down across the city",
                      "the storm felled {n} across the city",
                      "{n} came down across the city"),
                quoted="We counted {n} down across the city",
                risen="the number of trees brought down across the city has risen to {v}",
                another="another {n} came down across the city overnight",
            ),
            Fact(
                "substations", 5, 30,
                said=("{n} were damaged in the storm",
                      "the storm damaged {n}",
                      "{n} had been knocked out by the storm"),
                quoted="The storm knocked out {n}",
                risen="the number of substations damaged in the storm has risen to {v}",
                another="another {n} were knocked out overnight",
            ),
        ),
        happenings=(
            Happening(("the storm reached the coast {d}", "the storm made landfall {d}"), 0),
            Happening(("the first storm warning was issued {d}",
                       "the first storm warning went out {d}"), -2),
        ),
        quotes=(
            "This was the strongest storm to hit the city in a generation",
            "We will have most homes reconnected within two days",
            "Please stay away from fallen power lines",
        ),
        statements=(
            "the main transmission line had been hit by a falling tree",
            "the emergency call centre had taken a record number of calls",
        ),
        siblings=Siblings(
            "homes", 100, 3000,
            ("{n} were damaged by falling trees across the city",
             "falling trees had damaged {n} across the city",
             "{n} across the city had been damaged by falling trees"),
            ("{n} were still without running water across the city",
             "{n} across the city had no running water",
             "running water had been cut off to {n} across the city"),
        ),
        accusation=Accusation(
            accuser=4,
            asserted=("the company had cut spending on line maintenance before the storm",
                      "the company slashed its line maintenance budget before the storm"),
            denier=0,
            denials=("{org} denied that it had cut spending on line maintenance.",
                     "{org} denied cutting its line maintenance budget.",
                     "A spokesperson for {org} denied that spending on line maintenance had been cut."),
        ),
    ),
    EventKind(
        name="military build-up",
        company_suffix="Defence",
        headlines=(
            "{region} masses troops near {place} border",
            "Military exercise near {place} raises tension",
            "{region} army begins drills close to {place}",
        ),
        lead="{region} began a large military exercise near its border with {place} on {event}.",
        fillers=(
            "Diplomats from neighbouring countries called for restraint.",
            "Satellite images showed convoys on the main border road.",
            "Border crossings stayed open to civilian traffic.",
            "The exercise has been condemned by the government in {place}.",
            "Markets in the region fell on news of the deployment.",
            "Residents of border villages said they had heard heavy vehicles on the move.",
        ),
        roles=(
            "Defence Minister",
            "army chief of staff",
            "intelligence chief",
            "Foreign Minister",
            "opposition leader",
        ),
        organisations=("the {region} Defence Ministry", "the {place} Foreign Ministry"),
        facts=(
            Fact(
                "troops", 5000, 30000,
                said=("{n} had been moved to the border",
                      "{n} were massed near the border",
                      "the army had sent {n} to the border"),
                quoted="We have {n} on the border",
                risen="the number of troops near the border has risen to {v}",
                another="another {n} had arrived at the border",
            ),
            Fact(
                "tanks", 50, 400,
                said=("{n} were taking part in the exercise",
                      "the exercise involved {n}",
                      "{n} had joined the exercise"),
                quoted="We are deploying {n} in this exercise",
                risen="the number of tanks taking part in the exercise has risen to {v}",
                another="another {n} had joined the exercise",
            ),
            Fact(
                "warships", 5, 30,
                said=("{n} were sailing off the coast",
                      "{n} had been sent to patrol the coast",
                      "the navy had deployed {n} off the coast"),
                quoted="We have {n} patrolling the coast",
                risen="the number of warships patrolling the coast has risen to {v}",
                another="another {n} had been sent to patrol the coast",
            ),
            Fact(
                "aircraft", 20, 150,
                said=("{n} were flying patrols over the border",
                      "{n} had flown patrols over the border",
                      "the air force had sent {n} on patrols over the border"),
                quoted="We are flying {n} over the border",
                risen="the number of aircraft flying patrols over the border has risen to {v}",
                another="another {n} had flown patrols over the border",
            ),
        ),
        happenings=(
            Happening(("the exercise began {d}", "the exercise started {d}"), 0),
            Happening(("the troops were ordered to the border {d}",
                       "the order to move troops to the border was given {d}"), -5),
        ),
        quotes=(
            "These are routine drills and threaten nobody",
            "We will respond to any provocation with calm and resolve",
            "Nobody in the region wants a war",
        ),
        statements=(
            "the exercise had been planned more than a year in advance",
            "the convoys had crossed the river bridge during the night",
        ),
        siblings=Siblings(
            "reservists", 500, 8000,
            ("{n} had been called up for the exercise",
             "the army called up {n} for the exercise",
             "{n} were called up for the exercise"),
            ("{n} had refused to report for the exercise",
             "{n} refused to report for the exercise",
             "{n} had failed to report for the exercise"),
        ),
        accusation=Accusation(
            accuser=4,
            asserted=("the government had hidden the true size of the deployment",
                      "ministers hid the true size of the deployment from parliament"),
            denier=0,
            denials=("{org} denied that it had hidden the true size of the deployment.",
                     "{org} denied hiding the true size of the deployment.",
                     "A spokesperson for {org} denied that the true size of the deployment had been hidden."),
        ),
    ),
)  # fmt: skip


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    role: str  # as written before the name: "fire chief", "Mayor"

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


Speaker = Person | str  # a person, or an organisation by name


@dataclass
class Cast:
    """One story's world."""

    kind: EventKind
    place: str
    region: str
    company: str
    event_day: date
    people: list[Person]  # one per role of the kind
    organisations: list[str]

    def fill(self, template: str, **more: str) -> str:
        return template.format(place=self.place, region=self.region, company=self.company, **more)


# --- articles and what is planted in them ------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A planted sentence: where it is and what it says."""

    article: str  # the file's name
    sentence: str


@dataclass
class Planted:
    """One planted relation. ``kind`` is a conflict kind (CONFLICT_KINDS) or "agreement",
    "two speakers", "hedges", "date agreement", "update". Conflicts and updates have two
    sides; agreements one."""

    kind: str
    story: int
    sides: list[list[Ref]]
    note: str
    detail: str = ""  # how it was planted ("reworded"); an update's kind ("revised", "added")

    @property
    def is_conflict(self) -> bool:
        return self.kind in CONFLICT_KINDS


@dataclass
class Draft:
    """An article being written. People are named in full with their role on first
    mention and by surname after, as news copy does, so speakers have to be resolved."""

    name: str  # file name
    outlet: str
    day: date
    headline: str
    paragraphs: list[str]
    named: set[str] = field(default_factory=set)
    credit: str | None = None  # "With reporting by ...": a wire copy's credit line

    def call(self, who: Speaker, start: bool) -> str:
        if isinstance(who, str):  # an organisation
            return _capital(who) if start else who
        if who.full in self.named:
            return who.last
        self.named.add(who.full)
        role = _capital(who.role) if start else who.role
        return f"{role} {who.full}"

    def text(self) -> str:
        body = list(self.paragraphs) + ([self.credit] if self.credit else [])
        return (
            f"outlet {self.outlet}\ndate {self.day.isoformat()}\n{self.headline}\n\n"
            + "\n\n".join(body)
            + "\n"
        )


@dataclass
class StoryDraft:
    number: int
    cast: Cast
    first_day: list[Draft]  # published the day after the event
    outlets_left: list[str]  # outlets not yet used in the story
    later: Draft | None = None  # one article two days after the event, for updates
    copies: list[tuple[Draft, Draft]] = field(default_factory=list)  # (source, copy)
    planted: list[Planted] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)  # not yet planted

    def add(self, draft: Draft, sentence: str) -> Ref:
        draft.paragraphs.append(sentence)
        return Ref(draft.name, sentence)

    def plant(self, kind: str, sides: list[list[Ref]], note: str, detail: str = "") -> None:
        self.planted.append(Planted(kind, self.number, sides, note, detail))

    def later_draft(self, rng: random.Random) -> Draft:
        if self.later is None:
            self.later = self.new_draft(rng, self.cast.event_day + timedelta(days=2), "later")
        return self.later

    def new_draft(self, rng: random.Random, day: date, suffix: str) -> Draft:
        outlet = self.outlets_left.pop()
        cast = self.cast
        draft = Draft(
            name=f"s{self.number:02d}-{_slug(outlet)}-{suffix}.txt",
            outlet=outlet,
            day=day,
            headline=cast.fill(rng.choice(cast.kind.headlines)),
            paragraphs=[cast.fill(cast.kind.lead, event=_spoken_date(cast.event_day, rng))],
        )
        return draft

    def drafts(self) -> list[Draft]:
        return self.first_day + ([self.later] if self.later else []) + [c for _, c in self.copies]


def _name(who: Speaker) -> str:
    return who if isinstance(who, str) else who.full


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _slug(text: str) -> str:
    return "-".join(text.lower().split())


def _spoken_date(day: date, rng: random.Random) -> str:
    """An explicit date, so no weekday has to be resolved: "March 3" or "3 March"."""
    month = MONTHS[day.month - 1]
    return f"{month} {day.day}" if rng.random() < 0.6 else f"{day.day} {month}"


# --- sentences ---------------------------------------------------------------------------


def reported(draft: Draft, who: Speaker | None, clause: str, rng: random.Random) -> str:
    """Reported speech in one of the frames news copy uses; ``who`` None: the outlet's
    own voice."""
    if who is None:
        return _capital(clause) + "."
    frames: list[Callable[[], str]] = [
        lambda: f"{draft.call(who, True)} said {clause}.",
        lambda: f"{draft.call(who, True)} told reporters that {clause}.",
        lambda: f"{_capital(clause)}, {draft.call(who, False)} said.",
        lambda: f"According to {draft.call(who, False)}, {clause}.",
    ]
    if isinstance(who, str):
        frames.append(lambda: f"{draft.call(who, True)} said in a statement that {clause}.")
    return rng.choice(frames)()


def quoted(draft: Draft, who: Speaker, words: str, rng: random.Random) -> str:
    """A direct quote (``words``: a sentence without its full stop)."""
    frames: list[Callable[[], str]] = [
        lambda: f"“{words},” {draft.call(who, False)} said.",
        lambda: f"“{words},” {draft.call(who, False)} told reporters.",
        lambda: f"{draft.call(who, True)} said: “{words}.”",
    ]
    return rng.choice(frames)()


def near_verbatim(words: str, rng: random.Random) -> str:
    """The same words as another outlet prints them: contracted or lightly trimmed."""
    edits = [
        ("We will not", "We won't"),
        ("will not", "won't"),
        ("We are", "We're"),
        ("Nobody", "No one"),
        (", however shallow it looks", ""),
        ("were", "had been"),
    ]
    for old, new in edits:
        if old in words and rng.random() < 0.6:
            return words.replace(old, new, 1)
    return words


def figure(value: int, rng: random.Random | None = None) -> str:
    """A figure as printed: small ones often in words."""
    if value < 10 and rng is not None and rng.random() < 0.5:
        return SMALL_NUMBERS[value]
    return f"{value:,}"


def rounded(value: float) -> int:
    """Figures as officials give them: 2,000 rather than 2,013."""
    step = 500 if value >= 10_000 else 100 if value >= 1_000 else 10 if value >= 100 else 5
    if value < 20:
        step = 1
    return max(1, int(round(value / step) * step))


def amount(fact: Fact, hedge: str, value: int, rng: random.Random) -> str:
    """The figure with its hedge and unit: "about 2,000 residents"."""
    return f"{hedge}{figure(value, rng)} {fact.unit}"


# --- planting ----------------------------------------------------------------------------


def _people(story: StoryDraft, rng: random.Random, k: int) -> list[Person]:
    return rng.sample(story.cast.people, k)


def _articles(story: StoryDraft, rng: random.Random, k: int) -> list[Draft]:
    return rng.sample(story.first_day, k)


def plant_agreement(story: StoryDraft, rng: random.Random) -> None:
    """One source's figure in 2-4 outlets, each worded its own way; then, sometimes, a
    later article updating it (an update, not a conflict)."""
    fact = story.facts.pop()
    who: Speaker = _people(story, rng, 1)[0]
    if rng.random() < 0.2:
        who = rng.choice(story.cast.organisations)
    value = rounded(rng.randint(fact.low, fact.high))
    hedge = rng.choice(["", "", "about ", "some "])
    drafts = _articles(story, rng, rng.randint(2, min(4, len(story.first_day))))
    refs = []
    wordings = rng.sample(range(len(fact.said)), len(fact.said))
    for n, draft in enumerate(drafts):
        n_text = amount(fact, hedge, value, rng)
        if n == len(drafts) - 1 and rng.random() < 0.3:
            sentence = quoted(draft, who, story.cast.fill(fact.quoted, n=n_text), rng)
        else:
            clause = story.cast.fill(fact.said[wordings[n % len(wordings)]], n=n_text)
            sentence = reported(draft, who, clause, rng)
        refs.append(story.add(draft, sentence))
    story.plant("agreement", [refs], f"{_name(who)}: {hedge}{value:,} {fact.unit}")
    if rng.random() < 0.6:
        _plant_update(story, rng, fact, who, value, refs)


def _plant_update(
    story: StoryDraft,
    rng: random.Random,
    fact: Fact,
    who: Speaker,
    value: int,
    earlier: list[Ref],
) -> None:
    draft = story.later_draft(rng)
    if rng.random() < 0.5:
        later = rounded(value * rng.uniform(1.3, 1.8))
        if later <= value:
            later = value + max(1, value // 3)
        clause = story.cast.fill(fact.risen, v=figure(later))
        kind, note = "revised", f"{value:,} -> {later:,} {fact.unit}"
    else:
        more = max(2, rounded(value * rng.uniform(0.2, 0.5)))  # not "another 1 people"
        clause = story.cast.fill(fact.another, n=amount(fact, "", more, rng))
        kind, note = "added", f"{value:,} + another {more:,} {fact.unit}"
    ref = story.add(draft, reported(draft, who, clause, rng))
    story.plant("update", [list(earlier), [ref]], f"{_name(who)}: {note}", kind)


def plant_two_speakers(story: StoryDraft, rng: random.Random) -> None:
    """Two officials give the same figure in their own words: corroboration."""
    fact = story.facts.pop()
    first, second = _people(story, rng, 2)
    value = rounded(rng.randint(fact.low, fact.high))
    wordings = rng.sample(fact.said, 2)
    refs = []
    for draft, who, wording in zip(
        _articles(story, rng, 2), (first, second), wordings, strict=True
    ):
        clause = story.cast.fill(wording, n=amount(fact, "", value, rng))
        refs.append(story.add(draft, reported(draft, who, clause, rng)))
    story.plant("two speakers", [refs], f"{first.full} and {second.full}: {value:,} {fact.unit}")


# Hedges of two figures, a third or more apart, that cannot both be right.
CONFLICTING_HEDGES = (
    ("about ", "up to "),
    ("", ""),
    ("about ", "more than "),
    ("", "nearly "),
    ("some ", ""),
)


def plant_two_things(story: StoryDraft, rng: random.Random) -> None:
    """One source's figures for two different things counted in the same unit, in two
    outlets or one: not a conflict, however alike the sentences."""
    siblings = story.cast.kind.siblings
    who = _people(story, rng, 1)[0]
    value = rounded(rng.randint(siblings.low, siblings.high))
    other = rounded(value * rng.uniform(1.4, 2.5))
    a, b = _articles(story, rng, 2)
    if rng.random() < 0.3:
        b = a
    refs = []
    for draft, wordings, shown in ((a, siblings.first, value), (b, siblings.second, other)):
        clause = story.cast.fill(rng.choice(wordings), n=f"{shown:,} {siblings.unit}")
        refs.append(story.add(draft, reported(draft, who, clause, rng)))
    story.plant("two things", [refs], f"{who.full}: {value:,} and {other:,} {siblings.unit}")


def plant_quantity_conflict(story: StoryDraft, rng: random.Random) -> None:
    """One source's figure for one thing differs between outlets on the same day; a
    third outlet sometimes repeats the first figure. The source is a person, or (a
    quarter of the time) the outlets themselves, each in its own voice."""
    fact = story.facts.pop()
    who: Person | None = None if rng.random() < 0.25 else _people(story, rng, 1)[0]
    value = rounded(rng.randint(fact.low, fact.high))
    other = rounded(value * rng.uniform(1.35, 1.9))
    if other <= value * 1.3:
        other = int(value * 1.5) + 1
    left_hedge, right_hedge = rng.choice(CONFLICTING_HEDGES)
    # Either outlet may have the larger figure, but "more than" only on the larger one:
    # "more than 280" and "about 460" can both be right.
    if right_hedge != "more than " and rng.random() < 0.5:
        value, other = other, value
    if min(value, other) < 20:  # "about nine" is not a figure anyone hedges
        left_hedge = right_hedge = ""
    drafts = _articles(story, rng, 3 if len(story.first_day) > 3 and rng.random() < 0.4 else 2)
    sides: list[list[Ref]] = [[], []]
    how = "outlet voice" if who is None else "reported"
    for n, draft in enumerate(drafts):
        hedge, shown = (left_hedge, value) if n != 1 else (right_hedge, other)
        n_text = amount(fact, hedge, shown, rng)
        if who is not None and rng.random() < 0.25:
            sentence = quoted(draft, who, story.cast.fill(fact.quoted, n=n_text), rng)
            how = "a side quoted"
        else:
            sentence = reported(draft, who, story.cast.fill(rng.choice(fact.said), n=n_text), rng)
        sides[n == 1].append(story.add(draft, sentence))
    voice = who.full if who else "the outlets"
    note = f"{voice}: {left_hedge}{value:,} vs {right_hedge}{other:,} {fact.unit}"
    story.plant("quantity", sides, note, how)


def plant_hedges(story: StoryDraft, rng: random.Random) -> None:
    """Two hedged figures of one source that agree: "at least 8" and "9"."""
    fact = story.facts.pop()
    who = _people(story, rng, 1)[0]
    value = rounded(rng.randint(fact.low, fact.high))
    if value < 50:  # small figures are not hedged with "about" or "nearly"
        pair = (f"at least {figure(value, rng)}", figure(value + rng.randint(1, 2), rng))
    else:
        pair = rng.choice(
            [
                (f"at least {value:,}", f"{value + max(1, value // 20):,}"),
                (f"more than {value:,}", f"about {rounded(value * rng.uniform(1.1, 1.25)):,}"),
                (f"nearly {value:,}", f"{value - max(1, value // 40):,}"),
                (f"about {value:,}", f"{value + max(1, value // 40):,}"),
            ]
        )
    if rng.random() < 0.5:
        pair = (pair[1], pair[0])
    refs = []
    for draft, shown in zip(_articles(story, rng, 2), pair, strict=True):
        clause = story.cast.fill(rng.choice(fact.said), n=f"{shown} {fact.unit}")
        refs.append(story.add(draft, reported(draft, who, clause, rng)))
    story.plant("hedges", [refs], f"{who.full}: {pair[0]} / {pair[1]} {fact.unit}")


def plant_date_conflict(story: StoryDraft, rng: random.Random) -> None:
    """One source puts one event on two different days in two outlets."""
    happening = story.cast.kind.happenings[0]
    who = _people(story, rng, 1)[0]
    day = story.cast.event_day + timedelta(days=happening.offset)
    other = day + timedelta(days=rng.choice([-1, 1]))
    if other > story.cast.event_day:  # the articles are published the next day
        other = day - timedelta(days=1)
    # Half the time in the same words bar the day, half reworded ("the fire broke out",
    # "the blaze started").
    wordings = rng.sample(happening.said, 2) if rng.random() < 0.5 else [happening.said[0]] * 2
    sides = []
    for draft, when, wording in zip(_articles(story, rng, 2), (day, other), wordings, strict=True):
        clause = wording.format(d="on " + _spoken_date(when, rng))
        sides.append([story.add(draft, reported(draft, who, clause, rng))])
    how = "same words" if wordings[0] == wordings[1] else "reworded"
    story.plant("date", sides, f"{who.full}: {day.isoformat()} vs {other.isoformat()}", how)


def plant_date_agreement(story: StoryDraft, rng: random.Random) -> None:
    """One source's date of an event in two outlets, worded two ways."""
    happening = story.cast.kind.happenings[1]
    who = _people(story, rng, 1)[0]
    day = story.cast.event_day + timedelta(days=happening.offset)
    refs = []
    for draft, wording in zip(_articles(story, rng, 2), happening.said, strict=True):
        clause = wording.format(d="on " + _spoken_date(day, rng))
        refs.append(story.add(draft, reported(draft, who, clause, rng)))
    story.plant("date agreement", [refs], f"{who.full}: {day.isoformat()}")


def plant_misattribution(story: StoryDraft, rng: random.Random) -> None:
    """The same words given to two different people in two outlets: quoted (mostly), or
    reported."""
    first, second = _people(story, rng, 2)
    a, b = _articles(story, rng, 2)
    if rng.random() < 0.7:
        words = rng.choice(story.cast.kind.quotes)
        edited = near_verbatim(words, rng)
        left = quoted(a, first, words, rng)
        right = quoted(b, second, edited, rng)
        how = "quote, verbatim" if edited == words else "quote, edited"
    else:
        words = rng.choice(story.cast.kind.statements)
        left = reported(a, first, words, rng)
        right = reported(b, second, words, rng)
        how = "reported speech"
    sides = [[story.add(a, left)], [story.add(b, right)]]
    story.plant("attribution", sides, f"{words[:50]!r}: {first.full} vs {second.full}", how)


def plant_denial(story: StoryDraft, rng: random.Random) -> None:
    """Someone asserts something; an organisation denies it, in another outlet or
    further down the same article."""
    accusation = story.cast.kind.accusation
    accuser = story.cast.people[accusation.accuser]
    org = story.cast.organisations[accusation.denier]
    drafts = _articles(story, rng, 3 if len(story.first_day) > 3 and rng.random() < 0.4 else 2)
    asserted = [
        story.add(draft, reported(draft, accuser, story.cast.fill(clause), rng))
        for draft, clause in zip(drafts[:-1], accusation.asserted, strict=False)
    ]
    where = drafts[-1] if rng.random() < 0.6 else drafts[0]
    denial = story.add(where, _capital(rng.choice(accusation.denials).format(org=org)))
    how = "denied in another article" if where is drafts[-1] else "denied in the same article"
    story.plant("polarity", [asserted, [denial]], f"{accuser.full} vs {org} denying", how)


def plant_wire_copy(story: StoryDraft, rng: random.Random) -> None:
    """Another outlet runs one article whole, with a paragraph of its own and a credit:
    its planted sentences are the source's, copied."""
    source = rng.choice(story.first_day)
    copy = Draft(
        name=f"s{story.number:02d}-{_slug(story.outlets_left[-1])}-copy.txt",
        outlet=story.outlets_left.pop(),
        day=source.day,
        headline=source.headline,
        paragraphs=list(source.paragraphs),
        credit=f"With reporting by {source.outlet}.",
    )
    story.copies.append((source, copy))


PLANTERS: list[tuple[Callable[[StoryDraft, random.Random], None], float]] = [
    (plant_agreement, 1.0),
    (plant_agreement, 0.4),
    (plant_quantity_conflict, 0.7),
    (plant_date_conflict, 0.6),
    (plant_misattribution, 0.6),
    (plant_denial, 0.6),
    (plant_hedges, 0.6),
    (plant_two_speakers, 0.35),
    (plant_date_agreement, 0.4),
    (plant_two_things, 0.5),
]


FACT_PLANTERS = (plant_agreement, plant_quantity_conflict, plant_hedges, plant_two_speakers)


def write_story(number: int, rng: random.Random, used: set[str]) -> StoryDraft:
    """One story: 4-5 articles the day after the event, maybe one two days after, maybe
    a wire copy; relations planted in random order, fillers between them."""
    kind = KINDS[number % len(KINDS)]
    cast = _cast(kind, rng, used)
    outlets = rng.sample(OUTLETS, len(OUTLETS))
    story = StoryDraft(number, cast, [], outlets, facts=rng.sample(kind.facts, len(kind.facts)))
    day = cast.event_day + timedelta(days=1)
    story.first_day = [story.new_draft(rng, day, "a") for _ in range(rng.randint(4, 5))]
    planters = [p for p, chance in PLANTERS if rng.random() < chance]
    rng.shuffle(planters)
    for planter in planters:
        if planter in FACT_PLANTERS and not story.facts:
            continue  # every figure planted is of its own counted thing
        planter(story, rng)
    for draft in story.first_day + ([story.later] if story.later else []):
        _add_fillers(draft, cast, rng)
    if rng.random() < 0.3:
        plant_wire_copy(story, rng)
        source, copy = story.copies[-1]
        copy.paragraphs.append(cast.fill(rng.choice(kind.fillers)))
        # The copy says what the source says: its sentences join every planted side.
        for planted in story.planted:
            for side in planted.sides:
                side.extend([Ref(copy.name, r.sentence) for r in side if r.article == source.name])
    return story


def _cast(kind: EventKind, rng: random.Random, used: set[str]) -> Cast:
    place = _fresh(lambda: rng.choice(TOWN_HEADS) + rng.choice(TOWN_TAILS), used)
    surnames = rng.sample(SURNAMES, len(kind.roles))
    people = [
        Person(rng.choice(FIRST_NAMES), surname, role)
        for surname, role in zip(surnames, kind.roles, strict=True)
    ]
    # Stories of one kind get their own company and country: two strikes at one company
    # would be one story's follow-up, not a different story.
    company = _fresh(lambda: f"{rng.choice(COMPANY_STEMS)} {kind.company_suffix}", used)
    region = _fresh(lambda: f"{rng.choice(COUNTRIES)}|{kind.name}", used).split("|")[0]
    event_day = date(2034, 1, 1) + timedelta(days=rng.randrange(3 * 365))
    cast = Cast(kind, place, region, company, event_day, people, [])
    cast.organisations = [cast.fill(o) for o in kind.organisations]
    return cast


def _fresh(make: Callable[[], str], used: set[str]) -> str:
    for _ in range(1000):
        name = make()
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("ran out of fictional names")


def _add_fillers(draft: Draft, cast: Cast, rng: random.Random) -> None:
    """Outlet sentences with no figure, date or source, between the planted ones (never
    before the lead)."""
    for sentence in rng.sample(cast.kind.fillers, rng.randint(2, 3)):
        draft.paragraphs.insert(rng.randint(1, len(draft.paragraphs)), cast.fill(sentence))


def write_stories(folder: Path, stories: int, seed: int) -> list[StoryDraft]:
    """Write ``stories`` generated stories to ``folder``, each story's articles (one .txt
    each) in a folder of its own."""
    rng = random.Random(seed)
    used: set[str] = set()
    drafts = [write_story(n, rng, used) for n in range(stories)]
    for story in drafts:
        home = folder / f"s{story.number:02d}"
        home.mkdir()
        for draft in story.drafts():
            (home / draft.name).write_text(draft.text(), encoding="utf-8")
    return drafts


# --- scoring -----------------------------------------------------------------------------


@dataclass
class Run:
    """What the pipeline made of the planted articles."""

    results: list[StoryCorroboration]
    claim_of: dict[Ref, str | None]  # planted sentence -> our claim at it
    views: dict[str, ClaimView]
    where: dict[str, tuple[str, str]]  # claim id -> (story id, group id)
    stories_found: list[tuple[str, ...]]  # file names per pipeline story


def run_pipeline(folder: Path, drafts: list[StoryDraft]) -> Run:
    """The pipeline over each planted story's folder on its own. Stories of one kind are
    written from the same templates, so together they would share sentences that no two
    real events share, and the reuse and story stages would rightly join them; what is
    measured here is corroboration within a story."""
    run = Run([], {}, {}, {}, [])
    for story in drafts:
        with Store(memory=True) as store:
            ingest_sources([str(folder / f"s{story.number:02d}")], store)
            analyse(store)
            by_name = {Path(a.source).name: a for a in store.articles()}
            by_id = {a.id: a for a in by_name.values()}
            claims = store.article_claims()
            links = store.reuse_links()
            stories = store.stories()
        for s in stories:
            result = corroborate_story(
                f"{story.number}:{s.id}", [by_id[a] for a in s.article_ids], claims, links
            )
            run.results.append(result)
            run.stories_found.append(tuple(Path(by_id[a].source).name for a in s.article_ids))
            run.views.update((v.id, v) for v in result.claims.views)
            for group in result.groups:
                run.where.update((m.id, (result.story_id, group.id)) for m in group.members)
        for ref in {r for p in story.planted for side in p.sides for r in side}:
            article = by_name[ref.article]
            run.claim_of[ref] = _claim_at(article, claims.get(article.id), ref.sentence)
    return run


def _claim_at(article: Article, found: ArticleClaims | None, sentence: str) -> str | None:
    """Our claim whose content overlaps the planted sentence most (as ``matching_claim``
    in benchmarks/claims.py, but any overlap will do: the sentence includes its
    attribution, the claim's content does not)."""
    start = article.text.find(sentence)
    if start < 0 or found is None:
        return None
    end = start + len(sentence)
    best, best_overlap = None, 0
    for claim in found.claims:
        overlap = min(end, claim.content.end) - max(start, claim.content.start)
        if overlap > best_overlap:
            best, best_overlap = claim.id, overlap
    return best


def _ids(run: Run, side: Iterable[Ref]) -> set[str]:
    return {c for c in (run.claim_of[r] for r in side) if c}


def _matches(conflict: Conflict, left: set[str], right: set[str]) -> bool:
    """Claims of both planted sides on different sides of the conflict found."""
    sides = [set(s.claim_ids) for s in conflict.sides]
    return any(
        i != j and sides[i] & left and sides[j] & right
        for i in range(len(sides))
        for j in range(len(sides))
    )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def conflict_detection(seed: int = 7, stories: int = 40, show: int = 8) -> dict[str, Any]:
    """Generate, run the pipeline, score conflicts (by kind) and updates; print and
    return the scores, with the first ``show`` misses and false flags explained."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="planted-claims-") as tmp:
        drafts = write_stories(Path(tmp), stories, seed)
        planted = [p for story in drafts for p in story.planted]
        run = run_pipeline(Path(tmp), drafts)
    seconds = time.perf_counter() - started
    articles = sum(len(s.drafts()) for s in drafts)
    refs = {r for p in planted for side in p.sides for r in side}
    matched = sum(run.claim_of[r] is not None for r in refs)
    whole = _whole_stories(drafts, run)
    print(
        f"\n3. Planted claims (generated, fictional; seed {seed}): {stories} stories, "
        f"{articles} articles, {len(refs)} planted sentences, {matched} matched to a claim; "
        f"{seconds:.0f} s"
    )
    print(
        f"   pipeline stories: {len(run.stories_found)} for {stories} planted (each run "
        f"on its own); {whole} planted stories found whole"
    )
    conflicts = _score_conflicts(run, planted, show)
    updates = _score_updates(run, planted, show)
    return {
        "seed": seed,
        "stories": stories,
        "articles": articles,
        "planted_sentences": len(refs),
        "matched_sentences": matched,
        "stories_whole": whole,
        "seconds": round(seconds, 1),
        **conflicts,
        "updates": updates,
    }


def _whole_stories(drafts: list[StoryDraft], run: Run) -> int:
    found = {frozenset(names) for names in run.stories_found}
    return sum(frozenset(d.name for d in story.drafts()) in found for story in drafts)


# Planted relations where a flagged conflict is arguable: two officials giving the same
# figure in their own words is planted as corroboration, but the example corpus's gold
# calls one figure given to two people a misattribution. Conflicts flagged there are
# reported apart, and counted neither true nor false.
ARGUABLE = "two speakers"


def _score_conflicts(run: Run, planted: list[Planted], show: int) -> dict[str, Any]:
    found = [c for r in run.results for g in r.groups for c in g.conflicts]
    wanted = [p for p in planted if p.is_conflict]
    sides = [(_ids(run, p.sides[0]), _ids(run, p.sides[1])) for p in wanted]
    pairs = list(zip(wanted, sides, strict=True))
    hit = [any(_is(c, p, s) for c in found) for p, s in pairs]
    roles = _roles(run, planted)
    verdicts = [_verdict(c, pairs, roles) for c in found]
    flagged = [(c, v == "true") for c, v in zip(found, verdicts, strict=True) if v != "arguable"]
    by_kind = _table(wanted, hit, flagged)
    arguable = verdicts.count("arguable")
    if arguable:
        print(
            f"   not counted: {arguable} conflicts between two people giving one figure in "
            f"their own words (planted as corroboration; arguably a misattribution)"
        )
    false = [c for c, true in flagged if not true]
    missed = [(p, s) for p, s, h in zip(wanted, sides, hit, strict=True) if not h]
    _print_by_variant(wanted, hit)
    _print_counts(
        "falsely flagged, by kind and what the claims were planted as:",
        Counter(f"{c.kind} {_false_category(c, roles)}" for c in false),
    )
    _print_counts(
        "missed, by kind and where the pipeline lost them:",
        Counter(f"{p.kind}: {_why_missed(run, p, s)[0]}" for p, s in missed),
    )
    missed_lines = [f"{p.kind} ({p.note}): {_why_missed(run, p, s)[1]}" for p, s in missed]
    false_lines = [_describe_false(run, c, roles) for c in false]
    for line in missed_lines[:show]:
        print(f"     missed {line}")
    for line in false_lines[:show]:
        print(f"     false  {line}")
    return {
        "precision": by_kind["all"]["precision"],
        "recall": by_kind["all"]["recall"],
        "by_kind": by_kind,
        "arguable": arguable,
        "missed": missed_lines,
        "false": false_lines,
    }


def _is(conflict: Conflict, planted: Planted, sides: tuple[set[str], set[str]]) -> bool:
    """Whether the conflict found is the planted one: same kind, claims of both planted
    sides on different sides."""
    return conflict.kind == planted.kind and _matches(conflict, *sides)


def _verdict(
    conflict: Conflict,
    pairs: list[tuple[Planted, tuple[set[str], set[str]]]],
    roles: dict[str, list[str]],
) -> str:
    """One of "true" (a planted conflict), "arguable" or "false"."""
    if any(_is(conflict, p, s) for p, s in pairs):
        return "true"
    arguable = _false_category(conflict, roles) == f"within planted {ARGUABLE}"
    return "arguable" if arguable else "false"


def _table(
    wanted: list[Planted], hit: list[bool], flagged: list[tuple[Conflict, bool]]
) -> dict[str, dict[str, Any]]:
    """Recall and precision by kind, printed as a table."""
    by_kind: dict[str, dict[str, Any]] = {}
    print("   conflicts    planted found recall | flagged  true precision")
    for kind in (*CONFLICT_KINDS, "all"):
        mine = [h for p, h in zip(wanted, hit, strict=True) if kind in ("all", p.kind)]
        flags = [true for c, true in flagged if kind in ("all", c.kind)]
        row = {
            "planted": len(mine),
            "found": sum(mine),
            "recall": round(_ratio(sum(mine), len(mine)), 3),
            "flagged": len(flags),
            "true": sum(flags),
            "precision": round(_ratio(sum(flags), len(flags)), 3),
        }
        by_kind[kind] = row
        print(
            f"   {kind:12} {row['planted']:7} {row['found']:5} {row['recall']:6.3f} | "
            f"{row['flagged']:7} {row['true']:5} {row['precision']:9.3f}"
        )
    return by_kind


def _print_by_variant(wanted: list[Planted], hit: list[bool]) -> None:
    """Recall for each way a kind of conflict was planted ("date, reworded: 3/14")."""
    planted = Counter(f"{p.kind}, {p.detail}" for p in wanted)
    found = Counter(f"{p.kind}, {p.detail}" for p, h in zip(wanted, hit, strict=True) if h)
    counts = [f"{key} {found[key]}/{n}" for key, n in sorted(planted.items())]
    print("   found by how it was planted: " + "; ".join(counts))


def _print_counts(title: str, counts: Counter[str]) -> None:
    if counts:
        print(f"   {title}")
        for label, n in counts.most_common():
            print(f"     {n:4}  {label}")


def _roles(run: Run, planted: list[Planted]) -> dict[str, list[str]]:
    """Claim id -> what it was planted as ("agreement#3", "quantity#5 side 1")."""
    roles: dict[str, list[str]] = {}
    for n, p in enumerate(planted):
        for s, side in enumerate(p.sides):
            label = f"{p.kind}#{n}" + (f" side {s + 1}" if len(p.sides) > 1 else "")
            for claim in _ids(run, side):
                roles.setdefault(claim, []).append(label)
    return roles


def _false_category(conflict: Conflict, roles: dict[str, list[str]]) -> str:
    """What the flagged claims were planted as: the relation both sides share when they
    share one, else what each side was."""

    def planted_as(side_ids: Iterable[str]) -> set[str]:
        return {r.split(" side")[0] for c in side_ids for r in roles.get(c, [])}

    per_side = [planted_as(s.claim_ids) for s in conflict.sides]
    shared = set.intersection(*per_side) if per_side else set()
    if shared:
        return "within planted " + ", ".join(sorted({s.split("#")[0] for s in shared}))
    kinds = [",".join(sorted({r.split("#")[0] for r in side})) or "unplanted" for side in per_side]
    return "across " + " / ".join(kinds)


def _describe_false(run: Run, conflict: Conflict, roles: dict[str, list[str]]) -> str:
    parts = []
    for side in conflict.sides:
        view = run.views[side.claim_ids[0]]
        planted = ",".join(roles.get(view.id, [])) or "unplanted"
        parts.append(f"[{side.label}] {_show(view)} <{planted}>")
    return f"{conflict.kind} ({conflict.note}): " + " | ".join(parts)


def _show(view: ClaimView) -> str:
    speaker = view.speaker or f"({view.claim.kind})"
    return f"{view.outlet}: {speaker}: {view.text[:70]!r}"


def _why_missed(run: Run, planted: Planted, sides: tuple[set[str], set[str]]) -> tuple[str, str]:
    """(a short reason, the detail) for a planted conflict not found."""
    for side, ids in zip(planted.sides, sides, strict=True):
        if not ids:
            return "a side not extracted as a claim", f"no claim at {side[0].sentence!r}"
    left, right = (run.views[min(ids)] for ids in sides)
    detail = f"{_show(left)} {_slots(left)} / {_show(right)} {_slots(right)}"
    places = [{run.where[c] for c in ids} for ids in sides]
    if not {s for s, _ in places[0]} & {s for s, _ in places[1]}:
        return "sides in different pipeline stories", detail
    if not places[0] & places[1]:
        if left.article.id == right.article.id:
            return "sides in one article, not grouped", detail
        return "sides in different claim groups", detail
    if planted.kind == "quantity" and _voice(left) != _voice(right):
        return "grouped; different voices (origins)", detail
    if planted.kind == "polarity" and not any(run.views[c].denied for c in sides[1]):
        return "grouped; denial not read as denied", detail
    if planted.kind == "attribution":
        if left.speaker == right.speaker or not left.speaker or not right.speaker:
            return "grouped; speakers not resolved apart", detail
        if (
            "person" not in (left.speaker_kind, right.speaker_kind)
            or left.speaker_kind != right.speaker_kind
        ):
            return "grouped; a speaker not typed as a person", detail
    return "grouped, not flagged", detail


def _voice(view: ClaimView) -> str:
    return "outlets" if view.claim.kind == "outlet" else view.origin


def _slots(view: ClaimView) -> str:
    """The claim's figures, dates, polarity and origin, as the stage compares them."""
    figures = ",".join(
        f"{q.hedge + ' ' if q.hedge else ''}{q.value:g}/{q.unit}"
        for q in view.quantities
        if q.value is not None
    )
    days = ",".join(t.value or "?" for t in view.times)
    return (
        f"{{origin {_voice(view)}"
        + (f"; {figures}" if figures else "")
        + (f"; times {days}" if days else "")
        + ("; denied" if view.denied else "")
        + (f"; {view.speaker_kind}" if view.speaker_kind else "")
        + "}"
    )


def _score_updates(run: Run, planted: list[Planted], show: int) -> dict[str, Any]:
    wanted = [p for p in planted if p.kind == "update"]
    found = [u for r in run.results for u in r.updates]
    pairs = [(_ids(run, p.sides[0]), _ids(run, p.sides[1])) for p in wanted]
    hit = [any(u.earlier in e and u.later in lt for u in found) for e, lt in pairs]
    true = [any(u.earlier in e and u.later in lt for e, lt in pairs) for u in found]
    kinds_right = sum(
        any(u.earlier in e and u.later in lt and u.kind == p.detail for u in found)
        for p, (e, lt) in zip(wanted, pairs, strict=True)
    )
    result = {
        "planted": len(wanted),
        "found": sum(hit),
        "recall": round(_ratio(sum(hit), len(wanted)), 3),
        "flagged": len(found),
        "true": sum(true),
        "precision": round(_ratio(sum(true), len(found)), 3),
        "kind_right": kinds_right,
    }
    print(
        f"   updates: planted {result['planted']}, found {result['found']} "
        f"(recall {result['recall']:.3f}, revised/added right for {kinds_right}); "
        f"flagged {result['flagged']}, true {result['true']} "
        f"(precision {result['precision']:.3f})"
    )
    for p, h, (_, lt) in zip(wanted, hit, pairs, strict=True):
        if not h and show > 0:
            show -= 1
            later = run.views[min(lt)] if lt else None
            shown = f"{_show(later)} {_slots(later)}" if later else "later claim not extracted"
            print(f"     update missed ({p.note}): {shown}")
    for u, t in zip(found, true, strict=True):
        if not t and show > 0:
            show -= 1
            print(f"     update false: {u.kind} {u.note}")
    return result


# --- speed -------------------------------------------------------------------------------

# The speed story: one event, a pool of distinct propositions, each article stating about
# 30 of them in one of their wordings, popular ones in most articles (as the wire's lead
# facts are), a fifth of the articles wire copies of another.
PROPOSITIONS = 300
CLAIMS_PER_ARTICLE = 30
WIRE_COPY_SHARE = 0.2

SPEED_NOUNS = (
    "barrier", "pump", "station", "bridge", "warehouse", "depot", "convoy", "harbour", "tunnel",
    "reservoir", "pipeline", "substation", "checkpoint", "clinic", "shelter", "terminal",
    "runway", "quarry", "mill", "dock", "levee", "canal", "hangar", "foundry", "granary",
    "ferry", "railway", "siding", "school", "market", "barracks",
)  # fmt: skip
SPEED_PLACES = (
    "north quay", "old town", "east bank", "river road", "harbour front", "airfield",
    "industrial park", "ring road", "west gate", "hill district", "salt marsh", "upper valley",
    "canal basin", "market square",
)  # fmt: skip
SPEED_VERBS = (
    "inspected", "closed", "reopened", "damaged", "repaired", "evacuated", "guarded", "cleared",
    "flooded", "sealed", "searched", "shut", "rebuilt", "surveyed", "abandoned",
)  # fmt: skip
SPEED_UNITS = (
    "residents", "workers", "homes", "vehicles", "patients", "volunteers", "soldiers",
    "engineers", "families", "passengers", "tonnes", "trucks", "buildings", "animals", "boats",
)  # fmt: skip
SPEED_ADVERBS = ("overnight", "early in the morning", "by late afternoon", "within hours", "")


@dataclass(frozen=True)
class Figure:
    text: str  # as printed before the unit: "up to 1,600"
    value: float
    low: float | None
    high: float | None
    hedge: str | None = None


@dataclass(frozen=True)
class Proposition:
    speaker: int | None  # index into the cast; None: the outlet's own voice
    wordings: tuple[str, ...]  # content clauses; "{q}" marks the figure
    figures: tuple[Figure, ...]  # the figure as outlets give it (one, or differing)
    unit: str | None
    day: date | None
    quote: bool
    denied: bool
    weight: float  # how many articles carry it, relatively


Inputs = tuple[list[Article], dict[str, ArticleClaims], list[ReuseLink]]


def speed_story(articles: int, seed: int = 7) -> Inputs:
    """One story of ``articles`` generated articles, with their claims built directly
    as records (as the claims stage would store them) and the wire copies' reuse links."""
    rng = random.Random(seed)
    cast = _speed_cast(rng)
    pool = [_proposition(rng, n, len(cast)) for n in range(PROPOSITIONS)]
    papers = ("Post", "Herald", "Times", "Wire", "Daily", "News", "Courier", "Ledger")
    outlets = [f"{stem} {paper}" for stem in COMPANY_STEMS for paper in papers]
    first = date(2034, 6, 10)
    made: list[Article] = []
    found: dict[str, ArticleClaims] = {}
    links: list[ReuseLink] = []
    for n in range(articles):
        aid = f"{n:032x}"
        day = first + timedelta(days=rng.choices((0, 1, 2), weights=(5, 3, 1))[0])
        if made and rng.random() < WIRE_COPY_SHARE:
            source = rng.choice(made)
            text, claims = source.text, _copied(found[source.id], aid)
            links.append(ReuseLink(source.id, aid, "wire_copy", 1.0, 1.0))
        else:
            chosen = _pick(rng, pool, CLAIMS_PER_ARTICLE)
            text, claims = _speed_article(rng, aid, chosen, cast, day)
        published = PubDate(day.year, day.month, day.day, source="date tag")
        made.append(Article(aid, text, outlet=rng.choice(outlets), published=published))
        found[aid] = claims
    return made, found, links


def _speed_cast(rng: random.Random) -> list[Entity]:
    """30 people and 10 organisations, as entity templates (ids are per article)."""
    roles = [role for kind in KINDS for role in kind.roles]
    people = [
        Entity("", f"{rng.choice(FIRST_NAMES)} {surname}", "person", (role,), (surname,))
        for surname, role in zip(rng.sample(SURNAMES, 30), roles, strict=True)
    ]
    bodies = ("Council", "Agency", "Ministry", "Group", "Authority")
    organisations = [
        Entity("", f"{stem} {bodies[n % len(bodies)]}", "organisation")
        for n, stem in enumerate(COMPANY_STEMS[:10])
    ]
    return people + organisations


def _proposition(rng: random.Random, n: int, cast_size: int) -> Proposition:
    """A distinct statement with 2-4 wordings; half with a figure (some of those given
    differently by some outlets: "up to", "at least"), some with a date, some quotes, a
    few denials."""
    noun, other = rng.sample(SPEED_NOUNS, 2)
    place, verb = rng.choice(SPEED_PLACES), rng.choice(SPEED_VERBS)
    adverb = rng.choice(SPEED_ADVERBS)
    # A few people (the mayor, the chief) say most of a story's statements.
    speaker = None
    if rng.random() > 0.15:
        weights = [1 / (i + 1) for i in range(cast_size)]
        speaker = rng.choices(range(cast_size), weights=weights)[0]
    unit = rng.choice(SPEED_UNITS) if rng.random() < 0.5 else None
    day = date(2034, 6, rng.randint(5, 10)) if unit is None and rng.random() < 0.3 else None
    when = f" on June {day.day}" if day else ""
    figures: list[Figure] = []
    wordings: tuple[str, ...]
    if unit:
        wordings = (
            f"{{q}} {unit} near the {noun} in the {place} were {verb} {adverb}",
            f"{{q}} {unit} had been {verb} near the {noun} in the {place}",
            f"in the {place}, {{q}} {unit} near the {noun} were {verb}",
        )
        value = float(rng.choice([rng.randint(3, 90), rng.randint(100, 5000)]))
        figures.append(Figure(f"{value:,.0f}", value, value, value))
        if rng.random() < 0.1:
            high = round(value * 1.6)
            figures.append(Figure(f"up to {high:,}", high, None, high, "up to"))
        if rng.random() < 0.2:
            figures.append(Figure(f"at least {value:,.0f}", value, value, None, "at least"))
    else:
        wordings = (
            f"the {noun} by the {other} in the {place} was {verb}{when} {adverb}",
            f"the {other}'s {noun} in the {place} had been {verb}{when}",
            f"crews {verb} the {noun} next to the {other} in the {place}{when}",
            f"the {noun} in the {place} was {verb} {adverb}{when}",
        )
    count = rng.randint(2, len(wordings))
    return Proposition(
        speaker=speaker,
        wordings=tuple(" ".join(w.split()) for w in wordings[:count]),
        figures=tuple(figures),
        unit=unit,
        day=day,
        quote=speaker is not None and rng.random() < 0.2,
        denied=speaker is not None and rng.random() < 0.03,
        weight=1.0 / (n + 5),  # a few lead facts in most articles, a long tail
    )


def _pick(rng: random.Random, pool: Sequence[Proposition], k: int) -> list[Proposition]:
    """k distinct propositions, popular ones more often (weighted, without replacement)."""
    keys = sorted(range(len(pool)), key=lambda i: -(rng.random() ** (1.0 / pool[i].weight)))
    return [pool[i] for i in keys[:k]]


def _speed_article(
    rng: random.Random, aid: str, chosen: list[Proposition], cast: list[Entity], day: date
) -> tuple[str, ArticleClaims]:
    """The article's text, one paragraph per proposition, and its claims, spans and all."""
    sentences: list[str] = []
    claims: list[Claim] = []
    entity_ids: dict[int, str] = {}  # cast index -> the article's entity id
    offset = 0
    for proposition in chosen:
        content, figure = _content(rng, proposition, day)
        name, speaker_id = None, None
        if proposition.speaker is not None:
            who = cast[proposition.speaker]
            # Named in full on first mention, by surname after.
            named = proposition.speaker in entity_ids
            name = who.aliases[0] if named and who.aliases else who.name
            speaker_id = entity_ids.setdefault(proposition.speaker, f"{aid}:e{len(entity_ids) + 1}")
        sentence, spans = _frame(content, name, proposition.quote, proposition.denied)
        shifted = {role: Span(aid, offset + a, offset + b) for role, (a, b) in spans.items()}
        claims.append(
            Claim(
                id=f"{aid}:c{len(claims) + 1}",
                article_id=aid,
                content=shifted["content"],
                kind="direct_quote" if proposition.quote else "reported" if name else "outlet",
                source=shifted.get("source"),
                cue=shifted.get("cue"),
                speaker_id=speaker_id,
                quantities=_quantities(shifted["content"], content, figure, proposition.unit),
                times=_times(shifted["content"], content, proposition.day),
                polarity="denied" if proposition.denied else "asserted",
            )
        )
        sentences.append(sentence)
        offset += len(sentence) + 2  # paragraphs are separated by a blank line
    entities = tuple(replace(cast[index], id=entity_id) for index, entity_id in entity_ids.items())
    return "\n\n".join(sentences), ArticleClaims(aid, tuple(claims), entities)


def _content(rng: random.Random, proposition: Proposition, day: date) -> tuple[str, Figure | None]:
    """The content's words in one wording, with one of its figures; articles two days
    on sometimes report "another" amount instead."""
    figure = rng.choice(proposition.figures) if proposition.figures else None
    if figure and day.day > 10 and rng.random() < 0.3:
        more = round(figure.value * 0.3)
        figure = Figure(f"another {more:,}", more, more, more)
    content = rng.choice(proposition.wordings).replace("{q}", figure.text if figure else "")
    return (_capital(content) if proposition.quote else content), figure


def _quantities(
    at: Span, content: str, figure: Figure | None, unit: str | None
) -> tuple[Quantity, ...]:
    if figure is None:
        return ()
    start = at.start + content.lower().find(figure.text.lower())  # a quote opens "Another"
    span = Span(at.article_id, start, start + len(figure.text) + 1 + len(unit or ""))
    return (Quantity(span, figure.value, figure.low, figure.high, unit, figure.hedge),)


def _times(at: Span, content: str, day: date | None) -> tuple[TimeRef, ...]:
    if day is None:
        return ()
    spoken = f"June {day.day}"
    start = at.start + content.find(spoken)
    span = Span(at.article_id, start, start + len(spoken))
    return (TimeRef(span, day.isoformat(), "day", "explicit date"),)


def _frame(
    content: str, name: str | None, quote: bool, denied: bool
) -> tuple[str, dict[str, tuple[int, int]]]:
    """A sentence and the offsets of its content, source and cue."""
    pieces: list[tuple[str, str | None]]  # (text, role)
    if not name:
        pieces = [(_capital(content), "content"), (".", None)]
    elif quote:
        pieces = [("“", None), (content, "content"), (",” ", None), (name, "source")]
        pieces += [(" ", None), ("said", "cue"), (".", None)]
    else:
        cue = "denied that" if denied else "said"
        pieces = [(name, "source"), (" ", None), (cue, "cue"), (" ", None)]
        pieces += [(content, "content"), (".", None)]
    spans: dict[str, tuple[int, int]] = {}
    sentence = ""
    for piece, role in pieces:
        if role:
            spans[role] = (len(sentence), len(sentence) + len(piece))
        sentence += piece
    return sentence, spans


def _copied(found: ArticleClaims, aid: str) -> ArticleClaims:
    """A wire copy's claims: the source's, under the copy's id."""

    def moved(span: Span) -> Span:
        return Span(aid, span.start, span.end)

    def new_id(old: str) -> str:
        return f"{aid}:{old.split(':', 1)[1]}"

    claims = tuple(
        replace(
            c,
            id=new_id(c.id),
            article_id=aid,
            content=moved(c.content),
            source=moved(c.source) if c.source else None,
            cue=moved(c.cue) if c.cue else None,
            speaker_id=new_id(c.speaker_id) if c.speaker_id else None,
            quantities=tuple(replace(q, span=moved(q.span)) for q in c.quantities),
            times=tuple(replace(t, span=moved(t.span)) for t in c.times),
        )
        for c in found.claims
    )
    entities = tuple(replace(e, id=new_id(e.id)) for e in found.entities)
    return ArticleClaims(aid, claims, entities)


def speed(sizes: Sequence[int] = (100, 1000), seed: int = 7) -> list[dict[str, Any]]:
    """Time and peak memory of ``corroborate_story`` alone on one story of each size;
    printed side by side with the growth from the smallest size to the largest.

    Each size runs in a fresh process. Memory is the rise of the resident size during
    the call over what it was at the start (the inputs held), sampled by a thread:
    tracemalloc would count Python's allocations exactly, but slows the stage down
    about seven times."""
    print(
        "\n4. Speed of corroborate_story alone: one story of N generated articles, "
        f"~{CLAIMS_PER_ARTICLE} claims each from a pool of {PROPOSITIONS} propositions "
        f"(2-4 wordings each, popular ones in most articles), {WIRE_COPY_SHARE:.0%} wire "
        "copies; claims built directly as records, without spaCy; memory: rise of the "
        "resident size during the call"
    )
    context = multiprocessing.get_context("spawn")
    rows = []
    for size in sizes:
        with context.Pool(1) as pool:
            rows.append(pool.apply(_measure, (size, seed)))
    print("   articles  claims  seconds  peak MB  groups  conflicts  updates")
    for row in rows:
        print(
            f"   {row['articles']:8,} {row['claims']:7,} {row['seconds']:8.2f} "
            f"{row['peak_mb']:8.1f} {row['groups']:7,} {row['conflicts']:10,} {row['updates']:8,}"
        )
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        claims = large["claims"] / small["claims"]
        print(
            f"   growth {small['articles']:,} -> {large['articles']:,} articles (claims "
            f"x{claims:.1f}; linear growth is x{claims:.1f}): "
            f"time x{large['seconds'] / max(small['seconds'], 1e-9):.1f}, "
            f"peak memory x{large['peak_mb'] / max(small['peak_mb'], 1e-9):.1f}"
        )
    return rows


def _measure(size: int, seed: int) -> dict[str, Any]:
    """One size, in a process of its own (see ``speed``)."""
    # A small story first: the stage loads its word frequencies once, a fixed cost that
    # is not what grows with the story.
    corroborate_story("warm-up", *speed_story(5, seed + 1))
    articles, found, links = speed_story(size, seed)
    with _PeakMemory() as memory:
        started = time.perf_counter()
        result = corroborate_story("speed", articles, found, links)
        seconds = time.perf_counter() - started
    return {
        "articles": size,
        "claims": sum(len(found[a.id].claims) for a in articles),
        "seconds": round(seconds, 3),
        "peak_mb": round(memory.rise / 2**20, 1),
        "groups": len(result.groups),
        "conflicts": sum(len(g.conflicts) for g in result.groups),
        "updates": len(result.updates),
    }


class _PeakMemory:
    """The peak rise of the resident size while the block runs, sampled every few
    milliseconds (Linux; elsewhere the rise of the peak resident size). Memory freed
    before the block is first handed back to the system, so that what the block takes
    shows as growth rather than as reuse."""

    INTERVAL = 0.005

    def __enter__(self) -> _PeakMemory:
        gc.collect()
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        self.start = _resident()
        self.peak = self.start
        self.rise = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()
        self.peak = max(self.peak, _resident())
        self.rise = self.peak - self.start

    def _sample(self) -> None:
        while not self._done.wait(self.INTERVAL):
            self.peak = max(self.peak, _resident())


def _resident() -> int:
    """The resident size now, in bytes (the peak so far where /proc is absent)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize()
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stories", type=int, default=40)
    parser.add_argument("--show", type=int, default=8, help="misses and false flags to print")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    conflict_detection(args.seed, args.stories, args.show)
    if not args.skip_speed:
        speed(args.sizes, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A generated store for the web benchmark: fictional stories, analysed by every stage.

Each story is one invented event (the kinds, roles, figures and sentence templates of
``planted_claims.py``: floods, chemical fires, strikes, ferry accidents, storms, military
build-ups) with its own town, people and company, reported in one or more rounds: a
round is four or five outlets the day after a development, sometimes a later article
and a wire copy run whole with a credit line ("With reporting by ..."), and now and then
an article that lifts two paragraphs of another outlet's. Every round plants figures,
dates, quotes and reported speech with named speakers and roles (agreements, conflicting
figures, misattributed quotes, denials, updates), so the reuse, story and claims stages
all have real work. Most stories run one round (4-7 articles); a few run for weeks (up
to 25 rounds, 100 articles and more). Every sentence comes from templates written for
the benchmarks; none is from a real article.

    .venv/bin/python benchmarks/web_store.py [--articles 10000] [--rebuild]

builds (or reuses) ``benchmarks/.cache/web-<articles>.db`` and prints what it holds;
``benchmarks/web.py`` calls :func:`cached_store`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from corroborate.article import RawDocument, make_article
from corroborate.pipeline import analyse
from corroborate.records import Article
from corroborate.store import Store
from planted_claims import (
    COMPANY_STEMS,
    COUNTRIES,
    FACT_PLANTERS,
    FIRST_NAMES,
    KINDS,
    OUTLETS,
    PLANTERS,
    SURNAMES,
    TOWN_HEADS,
    TOWN_TAILS,
    Cast,
    Draft,
    Person,
    StoryDraft,
    plant_wire_copy,
)

__all__ = ["BuildInfo", "build_store", "cached_store", "generate"]

CACHE = Path(__file__).resolve().parent / ".cache"
SEED = 11
FIRST_DAY = date(2034, 1, 1)
SPAN_DAYS = 3 * 365  # events start anywhere in three years
MAX_ROUNDS = 25
# Town names: a prefix word (or none) and two invented halves, so thousands of stories
# each get a town of their own.
TOWN_PREFIXES = ("", "Upper ", "Lower ", "East ", "West ", "North ", "South ", "Little ", "Great ")
# How often an article lifts paragraphs of another outlet's article of the same round.
BORROW_SHARE = 0.25
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
STREET_KINDS = ("Street", "Road", "Lane", "Avenue", "Row", "Hill")
DISTRICT_KINDS = ("gate", "field", "side", "ley", "wood", "bridge")
# What the outlets add around the planted sentences, with the story's own names and
# figures (the same in every article of a story). The planted_claims fillers are not
# used: without names of their own they repeat word for word across the stories of a
# kind, which no two real events do, and the reuse stage rightly links such articles.
# Every template here has two or more slots that differ from story to story. Slots:
# {place}, {region}, {company} as in planted_claims, and the keys of ``_background``.
BACKGROUND = (
    "{place} has about {population:,} inhabitants and lies {km} kilometres from the capital of {region}.",
    "The last emergency on this scale in {place} was in {year}, according to the {district} historical society.",
    "{official} has held the post since {since} and was re-elected in {reelected}.",
    "A public meeting is planned at the {place} town hall on {weekday} at {hour} o'clock.",
    "The government of {region} said it would send {staff} additional staff to {place} by the end of the week.",
    "{company} said in a statement that its {employees:,} employees in {place} had been told to stay at home.",
    "The regional assembly of {region} is expected to debate the response in {place} on {weekday}.",
    "Charities in {region} said they had raised {money:,} euros for families in {place} so far.",
    "{official} said {place} would need {months} months to recover fully.",
    "“People in {district} look after each other,” said {resident}, who has lived in {place} for {years} years.",
    "{baker}, who runs a bakery on {street}, said business in {district} had all but stopped.",
    "Officials in {region} said {helpline:,} calls had been made to the {place} helpline since it opened.",
    "Traffic was diverted away from {street} and {street2} for most of the day.",
    "Volunteers from {district} and neighbouring {town2} brought food and dry clothes to the {place} community centre.",
    "Insurers told {region} media they expected about {insured:,} claims from {place} alone.",
    "Schools across {district} said they would stay closed until {weekday2}.",
    "Opposition councillors in {place} demanded an inquiry led by {judge}, a retired judge from {town2}.",
    "Local radio in {place} stayed on the air through the night, its presenter {presenter} said.",
    "Emergency crews from {town2} and {town3} worked alongside the {place} teams through the night.",
    "The mayor's office in {place} listed {shelters} emergency shelters across {district} on its website.",
    "{teacher}, a retired teacher in {district}, said: “In {years2} years on {street2} I have never seen {place} like this.”",
    "Reporters in {street2} saw {volunteers} volunteers queuing outside the {district} parish hall.",
)


@dataclass(frozen=True)
class BuildInfo:
    """How a store was built; kept next to it as JSON."""

    articles: int
    stories_planted: int
    stories_found: int
    reuse_links: int
    claims: int
    seconds: dict[str, float]  # "generate", "ingest", "reuse", "stories", "claims", "total"

    def line(self) -> str:
        s = self.seconds
        return (
            f"{self.articles:,} articles ({self.stories_planted:,} stories planted, "
            f"{self.stories_found:,} found), {self.reuse_links:,} reuse links, "
            f"{self.claims:,} claims; built in {s['total']:.0f} s (generate {s['generate']:.1f}, "
            f"ingest {s['ingest']:.1f}, reuse {s['reuse']:.1f}, stories {s['stories']:.1f}, "
            f"claims {s['claims']:.1f})"
        )


# --- generation ----------------------------------------------------------------------------


def _rounds(rng: random.Random) -> int:
    """How many rounds of reporting a story gets: mostly one, a long tail of running
    stories."""
    roll = rng.random()
    if roll < 0.5:
        return 1
    if roll < 0.8:
        return rng.randint(2, 3)
    if roll < 0.95:
        return rng.randint(4, 9)
    return rng.randint(10, MAX_ROUNDS)


def _names(rng: random.Random) -> Iterator[str]:
    """Distinct town names, in a random order."""
    towns = [p + h + t for p, h, t in itertools.product(TOWN_PREFIXES, TOWN_HEADS, TOWN_TAILS)]
    rng.shuffle(towns)
    yield from towns
    for n in itertools.count(2):  # more stories than towns: "New" towns, numbered apart
        yield from (f"{town} {n}" for town in towns)


def _cast(number: int, town: str, rng: random.Random) -> Cast:
    kind = KINDS[number % len(KINDS)]
    surnames = rng.sample(SURNAMES, len(kind.roles))
    people = [
        Person(rng.choice(FIRST_NAMES), surname, role)
        for surname, role in zip(surnames, kind.roles, strict=True)
    ]
    company = f"{rng.choice(COMPANY_STEMS)}-{rng.choice(SURNAMES)} {kind.company_suffix}"
    region = rng.choice(COUNTRIES)
    event_day = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
    cast = Cast(kind, town, region, company, event_day, people, [])
    cast.organisations = [cast.fill(o) for o in kind.organisations]
    return cast


def _background(cast: Cast, rng: random.Random) -> list[str]:
    """``BACKGROUND`` filled with the story's own names and figures."""
    official = rng.choice(cast.people)

    def person() -> str:
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"

    def town() -> str:
        return rng.choice(TOWN_HEADS) + rng.choice(TOWN_TAILS)

    streets = rng.sample(SURNAMES, 2)
    since = cast.event_day.year - rng.randrange(2, 12)
    slots: dict[str, object] = {
        "population": rng.randrange(40, 900) * 100,
        "km": rng.randrange(15, 400),
        "year": cast.event_day.year - rng.randrange(8, 60),
        "official": f"{official.role[:1].upper()}{official.role[1:]} {official.full}",
        "since": since,
        "reelected": since + rng.randrange(1, cast.event_day.year - since + 1),
        "weekday": rng.choice(WEEKDAYS),
        "weekday2": rng.choice(WEEKDAYS),
        "hour": rng.randrange(2, 9),
        "staff": rng.randrange(20, 400),
        "employees": rng.randrange(30, 3000),
        "money": rng.randrange(20, 900) * 1000,
        "months": rng.randrange(2, 24),
        "resident": person(),
        "baker": person(),
        "judge": person(),
        "presenter": person(),
        "teacher": person(),
        "years": rng.randrange(5, 60),
        "years2": rng.randrange(10, 50),
        "helpline": rng.randrange(200, 9000),
        "insured": rng.randrange(40, 6000),
        "shelters": rng.randrange(3, 40),
        "volunteers": rng.randrange(20, 300),
        "street": f"{streets[0]} {rng.choice(STREET_KINDS)}",
        "street2": f"{streets[1]} {rng.choice(STREET_KINDS)}",
        "district": rng.choice(SURNAMES) + rng.choice(DISTRICT_KINDS),
        "town2": town(),
        "town3": town(),
    }
    where = {"place": cast.place, "region": cast.region, "company": cast.company}
    return [template.format(**where, **slots) for template in BACKGROUND]


def _round(
    number: int, cast: Cast, day: date, background: list[str], rng: random.Random
) -> list[Draft]:
    """One round of reporting, as ``planted_claims.write_story`` writes a story, on
    ``day``: 4-5 outlets, relations planted, fillers, maybe a later article and a copy."""
    kind = cast.kind
    story = StoryDraft(
        number,
        cast,
        [],
        rng.sample(OUTLETS, len(OUTLETS)),
        facts=rng.sample(kind.facts, len(kind.facts)),
    )
    story.first_day = [story.new_draft(rng, day, "a") for _ in range(rng.randint(4, 5))]
    planters = [p for p, chance in PLANTERS if rng.random() < chance]
    rng.shuffle(planters)
    for planter in planters:
        if planter in FACT_PLANTERS and not story.facts:
            continue
        planter(story, rng)
    if story.later is not None:
        story.later.day = day + timedelta(days=1)
    own = story.first_day + ([story.later] if story.later else [])
    for draft in own:
        for sentence in rng.sample(background, rng.randint(6, 9)):
            draft.paragraphs.insert(rng.randint(1, len(draft.paragraphs)), sentence)
    if rng.random() < BORROW_SHARE:
        source, taker = rng.sample(story.first_day, 2)
        start = rng.randint(1, max(1, len(source.paragraphs) - 2))
        lifted = [p for p in source.paragraphs[start : start + 2] if p not in taker.paragraphs]
        taker.paragraphs[1:1] = lifted
    if rng.random() < 0.3:
        plant_wire_copy(story, rng)
        copy = story.copies[-1][1]
        copy.paragraphs.append(rng.choice([b for b in background if b not in copy.paragraphs]))
    return story.drafts()


def generate(count: int, seed: int = SEED) -> Iterator[tuple[Article, int]]:
    """``count`` articles (fewer only if two texts came out the same) as (article,
    planted story number), story by story."""
    rng = random.Random(seed)
    towns = _names(rng)
    made = 0
    for number in itertools.count():
        cast = _cast(number, next(towns), rng)
        background = _background(cast, rng)
        day = cast.event_day + timedelta(days=1)
        for _ in range(_rounds(rng)):
            for n, draft in enumerate(_round(number, cast, day, background, rng)):
                raw = RawDocument(
                    draft.text(), f"web-bench#{number}-{day.isoformat()}-{n}", plain=True
                )
                yield make_article(raw), number
                made += 1
                if made == count:
                    return
            day += timedelta(days=rng.randint(1, 3))


# --- building ------------------------------------------------------------------------------


def build_store(path: Path, count: int, seed: int = SEED, verbose: bool = True) -> BuildInfo:
    """Generate ``count`` articles into a new store at ``path`` and run every stage."""
    began = time.perf_counter()
    seconds: dict[str, float] = {}
    articles: list[Article] = []
    planted: set[int] = set()
    for article, number in generate(count, seed):
        articles.append(article)
        planted.add(number)
    seconds["generate"] = time.perf_counter() - began
    last_call: dict[str, float] = {}  # stage -> when it last reported
    shown = [began]

    def progress(stage: str, done: int, todo: int) -> None:
        now = last_call[stage] = time.perf_counter()
        if verbose and (done == todo or now - shown[0] >= 30):
            shown[0] = now
            print(f"  {stage}: {done:,}/{todo:,} ({now - began:.0f} s)", flush=True)

    with Store(path) as store:
        t0 = time.perf_counter()
        store.add_articles(articles)
        del articles
        started = time.perf_counter()
        seconds["ingest"] = started - t0
        analysis = analyse(store, progress=progress)
        held = store.count_articles()
        found = len(store.stories())
    # Each stage reports when it has done its last article; the next one starts then.
    seconds["reuse"] = last_call.get("reuse", started) - started
    seconds["stories"] = last_call.get("stories", started) - started - seconds["reuse"]
    seconds["claims"] = analysis.claims.seconds
    seconds["total"] = time.perf_counter() - began
    return BuildInfo(
        held, len(planted), found, analysis.reuse.links, analysis.claims.claims, seconds
    )


def cached_store(count: int, rebuild: bool = False, seed: int = SEED) -> tuple[Path, BuildInfo]:
    """The store of ``count`` articles under benchmarks/.cache, built when missing (or
    when ``rebuild``); built under another name and renamed, so a killed build is never
    taken for a finished one."""
    CACHE.mkdir(exist_ok=True)
    name = f"web-{count}" if seed == SEED else f"web-{count}-seed{seed}"
    path, about = CACHE / f"{name}.db", CACHE / f"{name}.json"
    if path.exists() and about.exists() and not rebuild:
        # A newer stage version (claims-v3 after claims-v2, say) redoes its work here,
        # not in the server the benchmark starts.
        began = time.perf_counter()
        with Store(path) as store:
            analyse(store)
        took = time.perf_counter() - began
        if took > 5:
            print(f"brought the cached store up to date in {took:.0f} s", flush=True)
        return path, BuildInfo(**json.loads(about.read_text(encoding="utf-8")))
    partial = CACHE / f"{name}-building.db"
    for stale in (path, about, partial):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{stale}{suffix}").unlink(missing_ok=True)
    print(f"building a store of {count:,} generated articles in {path} ...", flush=True)
    info = build_store(partial, count, seed)
    for suffix in ("-wal", "-shm", ""):  # SQLite removes the first two on closing, as a rule
        if Path(f"{partial}{suffix}").exists():
            Path(f"{partial}{suffix}").rename(f"{path}{suffix}")
    about.write_text(json.dumps(info.__dict__, indent=1), encoding="utf-8")
    return path, info


def describe(path: Path) -> str:
    """Story sizes in the store: articles and claims per story."""
    with Store(path) as store:
        stories = store.stories()
        claims = {aid: len(c.claims) for aid, c in store.article_claims().items()}
        story_of = {a: s.id for s in stories for a in s.article_ids}
        links = Counter(link.kind for link in store.reuse_links())
        across = sum(
            story_of.get(k.source_id) != story_of.get(k.copy_id) for k in store.reuse_links()
        )
    sizes = sorted(len(s.article_ids) for s in stories)
    per_story = sorted(sum(claims.get(a, 0) for a in s.article_ids) for s in stories)
    return (
        f"{len(stories):,} stories; articles per story: median {statistics.median(sizes):.0f}, "
        f"90th pct {sizes[int(0.9 * (len(sizes) - 1))]}, max {sizes[-1]}; claims per story: "
        f"median {statistics.median(per_story):.0f}, max {per_story[-1]}; reuse links: "
        + ", ".join(f"{kind} {n:,}" for kind, n in sorted(links.items()))
        + f" ({across:,} of them between articles of different stories)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    path, info = cached_store(args.articles, args.rebuild, args.seed)
    print(info.line())
    print(describe(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A generated news corpus for benchmarks: deterministic, fictional, any size.

Articles are assembled from short templates with random places, people, numbers and
days, so texts differ the way real articles about many events do. Shared by the
benchmark scripts; written for the project (no real article text).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

PLACES = [
    "Portvale",
    "Kelso Bay",
    "Ardmore",
    "Lindqvist",
    "Torrin",
    "Halden Falls",
    "Oskar Point",
    "Merrow",
]
REGIONS = ["Estria", "Northmark", "the Vale", "Coastal Province"]
AGENCIES = ["CW", "NP", "Estria Press", "Vale News Service"]
OUTLETS = [
    "Bay Daily",
    "Metro Herald",
    "City Post",
    "Harbour Ledger",
    "Tarnside Gazette",
    "Evening Post",
]
FIRST = [
    "Anna",
    "Mara",
    "Ines",
    "Tomas",
    "Karl",
    "Lena",
    "Sam",
    "Ruth",
    "Piet",
    "Oona",
    "Jonas",
    "Vera",
]
LAST = ["Roe", "Lind", "Valk", "Ortiz", "Berg", "Sato", "Keller", "Moss", "Dahl", "Fenn", "Quist"]
ROLES = [
    "Mayor",
    "Fire Chief",
    "Police Commissioner",
    "Health Minister",
    "council spokesman",
    "union leader",
]
EVENTS = [
    "fire",
    "flood",
    "strike",
    "power cut",
    "bridge closure",
    "chemical leak",
    "storm",
    "rail crash",
]
THINGS = [
    "residents",
    "workers",
    "passengers",
    "homes",
    "vehicles",
    "patients",
    "firefighters",
    "students",
]
HEDGES = ["about", "at least", "up to", "more than", "nearly", ""]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
VERBS = ["said", "told reporters", "said in a statement", "told lawmakers", "wrote on social media"]
FILLER = [
    "Officials said the situation was under control but urged caution.",
    "Local businesses reported losses as roads stayed closed through the afternoon.",
    "The regional government promised a full review of the response.",
    "Emergency crews worked through the night to clear debris from the main road.",
    "Schools in the district announced they would remain closed until further notice.",
    "Opposition councillors demanded an independent inquiry into the delays.",
    "Residents gathered at the town hall to ask questions about compensation.",
    "Insurance companies said they expected a large number of claims.",
    "Weather forecasters warned that conditions could worsen later in the week.",
    "A hotline was set up for families seeking information about relatives.",
]


@dataclass(frozen=True)
class GeneratedArticle:
    number: int
    title: str
    outlet: str
    published: date
    text: str  # paragraphs separated by blank lines; the first opens with a dateline


def articles(count: int, seed: int = 7) -> Iterator[GeneratedArticle]:
    rng = random.Random(seed)
    start = date(2031, 1, 1)
    for number in range(count):
        yield _article(rng, number, start + timedelta(days=rng.randrange(365)))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _article(rng: random.Random, number: int, published: date) -> GeneratedArticle:
    place, event = rng.choice(PLACES), rng.choice(EVENTS)
    speaker, role = _person(rng), rng.choice(ROLES)
    count, thing = rng.randrange(20, 20000), rng.choice(THINGS)
    hedge = rng.choice(HEDGES)
    day = rng.choice(DAYS)
    lede = (
        f"{place.upper()}, {rng.choice(REGIONS)} ({rng.choice(AGENCIES)}) — A {event} in {place} forced "
        f"{hedge + ' ' if hedge else ''}{count:,} {thing} from their homes on {day}, "
        f"{role} {speaker} {rng.choice(VERBS)}."
    )
    quote = (
        f"“We are doing everything we can to keep people safe,” {speaker.split()[1]} said, "
        f"adding that {rng.randrange(2, 60)} teams were deployed overnight."
    )
    second = _person(rng)
    paragraphs = [
        lede,
        quote,
        f"{second}, a {rng.choice(ROLES).lower()}, said the number of affected {thing} could rise "
        f"to {count + rng.randrange(10, 3000):,} by {rng.choice(DAYS)}.",
    ]
    paragraphs += rng.sample(FILLER, k=rng.randrange(3, 7))
    if rng.random() < 0.3:
        paragraphs.append(f"With reporting by {rng.choice(AGENCIES)}")
    title = f"{event.capitalize()} in {place} displaces {count:,} {thing} (#{number})"
    return GeneratedArticle(number, title, rng.choice(OUTLETS), published, "\n\n".join(paragraphs))


def as_text(article: GeneratedArticle) -> str:
    return f"{article.title}\n\n date {article.published.isoformat()} {article.text}\n"


def as_html(article: GeneratedArticle) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in article.text.split("\n\n"))
    slug = f"https://{article.outlet.lower().replace(' ', '')}.example/news/{article.number}"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{article.title} | {article.outlet}</title>
<meta property="og:title" content="{article.title}">
<meta property="og:site_name" content="{article.outlet}">
<meta property="article:published_time" content="{article.published.isoformat()}T09:30:00+00:00">
<link rel="canonical" href="{slug}">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li></ul></nav></header>
<div class="cookie">We use cookies to improve your experience. <button>Accept</button></div>
<main><article><h1>{article.title}</h1>
<p class="byline">By Staff Reporter</p>
{body}
</article>
<aside><h2>Related stories</h2><ul><li><a href="/a">Council approves new budget</a></li>
<li><a href="/b">Ferry timetable changes next month</a></li><li><a href="/c">Local team wins cup</a></li></ul></aside>
</main><footer><p>© 2031 {article.outlet}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""

"""Speakers across a story's articles: "Reyne" in one report is "Tomas Reyne" in another.

Each article resolves its speakers on its own (see ``entities.py``); an article that only
ever says "Reyne", or "the fire service", leaves a short name. Within one story, a short
name is taken to be the longer one when exactly one longer name of the same kind (or of
any kind, for a name the parser could not type) carries
it as a word-for-word ending or as one of its aliases; when two would fit ("Park" for two
people called Park), it is left as it is, never guessed. A group of speakers ("North
Korea and Russia", see ``entities.py``) lends its ending to no one.

One body named with and without a possessive ("the city's health department", "the
health department") is one speaker. "The city's" is the city the story's datelines are
filed from, when they name one: "Corrick health department".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from corroborate.claims.types import ArticleClaims
from corroborate.records import Article, Entity

__all__ = ["canonical_names", "home_city"]

_CITY_POSSESSIVE = re.compile(r"^(?:the\s+)?(?:city|town)['’]s\s+(?=\S+\s+\S)", re.IGNORECASE)


def home_city(articles: Iterable[Article]) -> str | None:
    """The place most of the story's datelines are filed from ("CORRICK, Valmoria (MW)"
    -> "Corrick"), or None when no article has a dateline naming one."""
    places = Counter(
        a.dateline.place.title() for a in articles if a.dateline is not None and a.dateline.place
    )
    return places.most_common(1)[0][0] if places else None


def canonical_names(found: Iterable[ArticleClaims], home: str | None = None) -> dict[str, str]:
    """Entity id -> the name the story knows it by, for every entity of the articles.
    ``home`` is the city "the city's" names (see ``home_city``)."""
    entities = [entity for result in found for entity in result.entities]
    # Every longer name (two words or more) is looked up by each of its word-for-word
    # endings and aliases: one pass over the names, not a comparison of every pair.
    longer: dict[tuple[str, str], set[str]] = {}  # (kind, short plain name) -> long names
    seen: set[tuple[str, str]] = set()
    for entity in entities:
        if len(entity.name.split()) < 2 or (entity.kind, entity.name.lower()) in seen:
            continue
        if entity.kind == "other" and " and " in entity.name:
            continue  # a group ("Ines Calder and Reyne"): "Reyne" is not the group
        seen.add((entity.kind, entity.name.lower()))
        words = _plain(entity.name).split()
        shorter = {" ".join(words[i:]) for i in range(1, len(words))}
        shorter |= {_plain(a) for a in entity.aliases}
        for short in shorter - {" ".join(words)}:
            if short and len(short.split()) < len(words):
                longer.setdefault((entity.kind, short), set()).add(entity.name)
    kinds = {kind for kind, _ in longer}
    names: dict[str, str] = {}
    for entity in entities:
        short = _plain(entity.name)
        # A lone surname the parser could not type ("other") may be anyone's.
        looked = kinds if entity.kind == "other" else {entity.kind}
        candidates = set().union(*(longer.get((kind, short), set()) for kind in looked))
        names[entity.id] = candidates.pop() if len(candidates) == 1 else entity.name
    return _one_name_per_body(entities, names, home)


def _one_name_per_body(
    entities: list[Entity], names: dict[str, str], home: str | None
) -> dict[str, str]:
    """Names that differ only in an article or a possessive made one: the fullest of
    them, the city named where "the city's" stood."""
    fullest: dict[tuple[str, str], str] = {}
    for entity in entities:
        name = names[entity.id]
        if home:
            name = _CITY_POSSESSIVE.sub(home + " ", name)
        key = (entity.kind, _plain(names[entity.id]))
        held = fullest.get(key)
        if held is None or _fullness(name, home) > _fullness(held, home):
            fullest[key] = name
    return {e.id: fullest[(e.kind, _plain(names[e.id]))] for e in entities}


def _fullness(name: str, home: str | None) -> tuple[bool, bool]:
    """A name with the city in it, then one with a possessive, over a bare one."""
    return (bool(home) and name.startswith(f"{home} "), "'s " in name.replace("’", "'"))


def _plain(name: str) -> str:
    """Lower case, without a leading article or possessive ("the city's"). A possessive
    before a single word is kept: "the mayor's office" is not any "office"."""
    words = name.lower().replace("’", "'").split()
    while words and (
        words[0] in ("the", "a", "an") or (words[0].endswith("'s") and len(words) > 2)
    ):
        words = words[1:]
    return " ".join(words)

"""Speakers across a story's articles: "Reyne" in one report is "Tomas Reyne" in another.

Each article resolves its speakers on its own (see ``entities.py``); an article that only
ever says "Reyne", or "the fire service", leaves a short name. Within one story, a short
name is taken to be the longer one when exactly one longer name of the same kind (or of
any kind, for a name the parser could not type) carries
it as a word-for-word ending or as one of its aliases; when two would fit ("Park" for two
people called Park), it is left as it is, never guessed. A group of speakers ("North
Korea and Russia", see ``entities.py``) lends its ending to no one.

An organisation known in one report only by its initials ("the NIS", "PAA") is the one
another names in full ("National Intelligence Service", "Port Authority of Arden") when
the initials spell that name, function words skipped; again only when one name fits.

One body named with and without a possessive ("the city's health department", "the
health department") is one speaker. "The city's" is the city the story's datelines are
filed from, when they name one: "Corrick health department"; "the city" that acts as a
body ("the city said") is "City of Corrick", its government. So is the city of an
unnamed body whose words make it a city's ("the port authority", "the mayor's office"),
and "provincial" names the one province the story names ("Lowmarch province").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from corroborate.claims import gazetteer as gz
from corroborate.claims.types import ArticleClaims
from corroborate.records import Article, Entity

__all__ = ["canonical_names", "home_city"]

_PROVINCE = re.compile(r"^([A-Z][\w-]+) (?:[Pp]rovince\b|Provincial )")
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
    found = list(found)
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
        if entity.kind == "organisation":
            for initials in _initials(entity.name):
                longer.setdefault(("initials", initials), set()).add(entity.name)
    kinds = {kind for kind, _ in longer} - {"initials"}
    people = _people_by_article(found)
    names: dict[str, str] = {}
    for entity in entities:
        short = _plain(entity.name)
        # A lone surname the parser could not type ("other") may be anyone's.
        looked = kinds if entity.kind == "other" else {entity.kind}
        candidates = set().union(*(longer.get((kind, short), set()) for kind in looked))
        if not candidates and entity.kind in ("organisation", "other") and _acronym(entity.name):
            candidates = _widest(longer.get(("initials", short), set()))
        if not candidates and _lone_surname(entity, people):
            candidates = set(longer.get(("person", short), set()))
        names[entity.id] = candidates.pop() if len(candidates) == 1 else entity.name
    return _one_name_per_body(entities, names, home)


def _people_by_article(found: Iterable[ArticleClaims]) -> dict[str, set[str]]:
    """Entity id -> the plain names and aliases of the people its article names."""
    people: dict[str, set[str]] = {}
    for result in found:
        named = {
            _plain(name)
            for e in result.entities
            if e.kind == "person"
            for name in (e.name, *e.aliases)
        }
        people |= dict.fromkeys((e.id for e in result.entities), named)
    return people


def _lone_surname(entity: Entity, people: dict[str, set[str]]) -> bool:
    """One capitalised word typed an organisation ("cited Reyne as saying", the small
    model's guess for a surname), in an article that gives no person that name: it may
    be the surname of a person another report names in full. An article that has a
    person by that name as well keeps its organisation apart."""
    word = entity.name
    if (
        entity.kind != "organisation"
        or " " in word
        or not (word[:1].isupper() and word[1:].islower())
    ):
        return False
    return word.lower() not in people.get(entity.id, set())


def _one_name_per_body(
    entities: list[Entity], names: dict[str, str], home: str | None
) -> dict[str, str]:
    """Names that differ only in an article or a possessive made one: the fullest of
    them, the city named where "the city's" stood."""
    fullest: dict[tuple[str, str], str] = {}
    province = _province(entities)
    for entity in entities:
        name = _placed(names[entity.id], home, province)
        key = (entity.kind, _plain(names[entity.id]))
        held = fullest.get(key)
        if held is None or _fullness(name, home) > _fullness(held, home):
            fullest[key] = name
    return {e.id: fullest[(e.kind, _plain(names[e.id]))] for e in entities}


def _placed(name: str, home: str | None, province: str | None) -> str:
    """An unnamed body (a name in lower case) with the place it belongs to: "the city's
    water board" -> "Tarnby water board", "mayor’s office" -> "Tarnby mayor's office",
    "provincial government" -> "Lowmarch provincial government"."""
    if not name[:1].islower():
        return name
    plain = name.replace("’", "'")  # the story's own name for it, keyed in plain quotes
    if home and plain in ("city", "town"):
        return f"{plain.title()} of {home}"  # "the city said": its government
    if home and _CITY_POSSESSIVE.match(plain):
        return _CITY_POSSESSIVE.sub(home + " ", plain)
    words = set(re.findall(r"[a-z]+", plain.replace("'s", " ")))
    if province and "provincial" in words:
        return f"{province} {plain}"
    if home and words & gz.LOCAL_BODY_WORDS:
        return f"{home} {plain}"
    return name


def _province(entities: list[Entity]) -> str | None:
    """The one province the story names ("Lowmarch province", "Lowmarch Provincial
    Environment Agency" -> "Lowmarch"), else None."""
    found = {m[1] for e in entities if (m := _PROVINCE.match(e.name)) and m[1].lower() != "the"}
    return found.pop() if len(found) == 1 else None


def _fullness(name: str, home: str | None) -> tuple[bool, bool]:
    """A name with the city in it, then one with a possessive, over a bare one."""
    return (bool(home) and name.startswith(f"{home} "), "'s " in name.replace("’", "'"))


_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "&"})


def _initials(name: str) -> set[str]:
    """What a name of capitalised words abbreviates to, lower case, its function words
    skipped, with and without a state before it: "Port Authority of Arden" -> "paa",
    "South Korean National Intelligence Service" -> "sknis", "nis". None for a name with
    a lower-case word ("city's water board": a description, not a name)."""
    words = [w for w in name.split() if w.lower() not in _FUNCTION_WORDS]
    if not all(w[:1].isupper() for w in words):
        return set()
    forms = {"".join(w[0] for w in words).lower()} if len(words) > 1 else set()
    for k in (1, 2):  # "South Korean", "Seoul's": whose body, not part of its name
        state = " ".join(words[:k]).removesuffix("'s").removesuffix("’s")
        if len(words) - k > 1 and (gz.state_of(state) or gz.capital_state(state)):
            forms.add("".join(w[0] for w in words[k:]).lower())
    return forms


def _widest(names: set[str]) -> set[str]:
    """The one name that all the others end ("South Korean National Intelligence Service"
    over "National Intelligence Service"), as the story already takes it; else them all."""
    for name in names:
        plain = _plain(name)
        if all(plain == _plain(n) or plain.endswith(" " + _plain(n)) for n in names):
            return {name}
    return names


def _acronym(name: str) -> bool:
    """A name printed as initials: "NIS", "the PAA"."""
    words = name.split()
    last = words[-1] if words and all(w.lower() == "the" for w in words[:-1]) else ""
    return 2 <= len(last) <= 8 and last.isalpha() and last.isupper()


def _plain(name: str) -> str:
    """Lower case, without a leading article or a common noun's possessive ("the
    city's"). A possessive before a single word is kept: "the mayor's office" is not
    any "office"; so is a name's: "Freedonia's defence ministry" is not Sylvania's."""
    words = name.replace("’", "'").split()
    while words and (
        words[0].lower() in ("the", "a", "an")
        or (words[0].endswith("'s") and words[0].islower() and len(words) > 2)
    ):
        words = words[1:]
    return " ".join(words).lower()

"""Speakers across a story's articles: "Reyne" in one report is "Tomas Reyne" in another.

Each article resolves its speakers on its own (see ``entities.py``); an article that only
ever says "Reyne", or "the fire service", leaves a short name. Within one story, a short
name is taken to be the longer one when exactly one longer name of the same kind (or of
any kind, for a name the parser could not type) carries
it as a word-for-word ending or as one of its aliases; when two would fit ("Park" for two
people called Park), it is left as it is, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable

from corroborate.claims.types import ArticleClaims
from corroborate.records import Entity

__all__ = ["canonical_names"]


def canonical_names(found: Iterable[ArticleClaims]) -> dict[str, str]:
    """Entity id -> the name the story knows it by, for every entity of the articles."""
    entities = [entity for result in found for entity in result.entities]
    # (kind, lower-case name) -> the name as printed, for names of two words or more
    full: dict[tuple[str, str], str] = {}
    for entity in entities:
        if len(entity.name.split()) >= 2:
            full.setdefault((entity.kind, entity.name.lower()), entity.name)
    names: dict[str, str] = {}
    for entity in entities:
        names[entity.id] = _longer_name(entity, entities, full) or entity.name
    return names


def _longer_name(
    entity: Entity, entities: list[Entity], full: dict[tuple[str, str], str]
) -> str | None:
    short = _plain(entity.name)
    candidates = set()
    for other in entities:
        # A lone surname the parser could not type ("other") may be anyone's.
        same_kind = other.kind == entity.kind or entity.kind == "other"
        if not same_kind or (other.kind, other.name.lower()) not in full:
            continue
        longer = _plain(other.name)
        if longer == short or len(longer.split()) <= len(short.split()):
            continue
        aliases = {_plain(a) for a in other.aliases}
        if longer.endswith(" " + short) or short in aliases:
            candidates.add(other.name)
    return candidates.pop() if len(candidates) == 1 else None


def _plain(name: str) -> str:
    """Lower case, without a leading article or possessive ("the city's")."""
    words = name.lower().replace("’", "'").split()
    while words and (words[0] in ("the", "a", "an") or words[0].endswith("'s")):
        words = words[1:]
    return " ".join(words)

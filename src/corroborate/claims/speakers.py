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

__all__ = ["canonical_names"]


def canonical_names(found: Iterable[ArticleClaims]) -> dict[str, str]:
    """Entity id -> the name the story knows it by, for every entity of the articles."""
    entities = [entity for result in found for entity in result.entities]
    # Every longer name (two words or more) is looked up by each of its word-for-word
    # endings and aliases: one pass over the names, not a comparison of every pair.
    longer: dict[tuple[str, str], set[str]] = {}  # (kind, short plain name) -> long names
    seen: set[tuple[str, str]] = set()
    for entity in entities:
        if len(entity.name.split()) < 2 or (entity.kind, entity.name.lower()) in seen:
            continue
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
    return names


def _plain(name: str) -> str:
    """Lower case, without a leading article or possessive ("the city's"). A possessive
    before a single word is kept: "the mayor's office" is not any "office"."""
    words = name.lower().replace("’", "'").split()
    while words and (
        words[0] in ("the", "a", "an") or (words[0].endswith("'s") and len(words) > 2)
    ):
        words = words[1:]
    return " ".join(words)

"""What a pronoun in a source stands for: the nearest compatible entity in its own or
the three sentences before, subjects first, or what the pronoun before it stood for."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from spacy.tokens import Token

from corroborate.claims import gazetteer as gz
from corroborate.claims.entity_records import Mention
from corroborate.claims.name_forms import SUBJECTS
from corroborate.records import Entity

if TYPE_CHECKING:
    from corroborate.claims.entities import ArticleEntities

__all__ = ["PRONOUNS", "resolve_pronoun"]

PRONOUNS = {
    **dict.fromkeys(("he", "him", "his", "himself"), "m"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "f"),
    **dict.fromkeys(("it", "its", "itself"), "it"),
    **dict.fromkeys(("they", "them", "their", "themselves"), "they"),
}
_PRONOUN_SENTENCES = 3  # a pronoun looks back over its own and three earlier sentences
_PRONOUN_HOPS = 8  # and along at most eight pronouns that each stood for the one before


def resolve_pronoun(found: ArticleEntities, pronoun: Token, hops: int = 0) -> Entity | None:
    """The nearest compatible subject within the window, else the nearest compatible;
    ``hops``: how many pronouns back along a chain of them this one is."""
    person = PRONOUNS[pronoun.lower_]
    if person == "it" and pronoun.dep_ in ("expl", "nsubjpass"):
        return None  # "it was reported that ...", "it is unclear whether ..."
    sentence = bisect.bisect_right(found.sentences, pronoun.i) - 1
    floor = found.sentences[max(0, sentence - _PRONOUN_SENTENCES)]
    window: list[Mention] = []
    k = bisect.bisect_left(found.starts, pronoun.idx) - 1
    while k >= 0 and found.mentions[k].root >= floor:
        if _fits(found, found.mentions[k].entity, person):
            window.append(found.mentions[k])
        k -= 1
    if person == "they":  # "Officials said they ...": a group nobody named
        low = bisect.bisect_left(found.blockers, floor)
        high = bisect.bisect_left(found.blockers, pronoun.i)
        window += [Mention(0, 0, -1, b, True) for b in found.blockers[low:high]]
        window.sort(key=lambda m: -m.root)
    # A person named earlier in the pronoun's own sentence, even outside a subject
    # ("While analysts like X believe ..., he warned"), comes before the subjects of
    # earlier sentences.
    own = found.sentences[sentence]
    chosen = next(
        (m for m in window if m.salient),
        window[0] if window else None,
    )
    if person in ("m", "f") and (chosen is None or chosen.root < own):
        chosen = next((m for m in window if m.root >= own), chosen)
    if (chosen is None or not chosen.salient) and hops < _PRONOUN_HOPS:
        # "He called it ... . He did not provide details": a pronoun that is the
        # subject of an earlier sentence in the window stands for what it resolved
        # to, though that name is further back than the window reaches.
        after = floor
        if chosen is not None:
            after = found.sentences[bisect.bisect_right(found.sentences, chosen.root) - 1]
        chained = _chained(found, pronoun, person, after, hops + 1)
        if chained is not None:
            return chained
    return None if chosen is None or chosen.entity < 0 else found.entities[chosen.entity]


def _chained(
    found: ArticleEntities, pronoun: Token, person: str, after: int, hops: int
) -> Entity | None:
    """What the nearest subject pronoun of ``pronoun``'s kind before it (and at or
    after token ``after``) resolves to."""
    for token in reversed(found.doc[after : pronoun.i]):
        if token.dep_ in SUBJECTS and PRONOUNS.get(token.lower_) == person:
            if token.i not in found.chain:
                found.chain[token.i] = resolve_pronoun(found, token, hops)
            return found.chain[token.i]
    return None


def _fits(found: ArticleEntities, index: int, pronoun: str) -> bool:
    entity = found.entities[index]
    if pronoun in ("m", "f"):
        return entity.kind == "person" and found.genders.get(index, pronoun) == pronoun
    state = entity.kind == "place" and gz.state_of(entity.name) is not None
    return entity.kind == "organisation" or state

"""What a source phrase's own words say about who speaks, beyond the names in it: who
put out the reports it names ("reports from South Korean lawmakers"), a group its plural
noun describes, names coordinated into one source, people a name only modifies."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from corroborate.claims import gazetteer as gz
from corroborate.claims.entity_records import Mention
from corroborate.claims.name_forms import common_noun
from corroborate.claims.pronouns import PRONOUNS
from corroborate.records import Entity

if TYPE_CHECKING:
    from corroborate.claims.entities import ArticleEntities

__all__ = [
    "are_bystanders",
    "body_of_state",
    "coordinated",
    "describe_source",
    "people_of",
    "reporter_span",
]

# Bodies a state has, named by their kind: "Canada's spy service", "the Russian defence
# ministry". Not its government, which is the state speaking.
_STATE_BODIES = (gz.ORG_HEADS | gz.SERVICE_NOUNS) - {"government", "administration"}
_GROUP_SENTENCES = 5  # "the lawmakers" looks back for "South Korean lawmakers" this far


def describe_source(found: ArticleEntities, start: int, end: int) -> tuple[int, int]:
    """The characters that say who the source at ``[start, end)`` is, for a source
    left unresolved: who put out the reports ("South Korean lawmakers" in "Earlier
    reports from South Korean lawmakers"), or for "the lawmakers" the nearest earlier
    description of a group with the same noun in the last few sentences ("South
    Korean lawmakers"); else the source as it is."""
    span = found.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return start, end
    root = span.root
    reporter = reporter_span(root, start, end)
    if reporter is not None:
        return describe_source(found, *reporter)
    bare = [t for t in span if t.i != root.i]
    if root.tag_ != "NNS" or [t.lower_ for t in bare] != ["the"]:
        return start, end
    sentence = bisect.bisect_right(found.sentences, root.i) - 1
    floor = found.sentences[max(0, sentence - _GROUP_SENTENCES)]
    for token in reversed(found.doc[floor : root.i]):
        if token.lemma_ == root.lemma_ and token.tag_ == "NNS":
            words = [c for c in token.children if c.dep_ in ("amod", "compound")]
            if not words:
                continue
            first = min(c.left_edge.i for c in words)
            return found.doc[first].idx, token.idx + len(token.text)
    return start, end


def reporter_span(root: Token, start: int, end: int) -> tuple[int, int] | None:
    """Characters of who put out the report a source's head noun names, inside the
    source at ``[start, end)``: "reports from South Korean lawmakers", "the agency's
    assessment", "a statement by the mayor"."""
    found = _reporter_words(root)
    return found if found is not None and start <= found[0] and found[1] <= end else None


def _reporter_words(root: Token) -> tuple[int, int] | None:
    if root.lemma_.lower() not in gz.REPORT_NOUNS:
        return None
    for child in root.children:
        who = None
        if child.dep_ == "poss":
            who = child
        elif child.dep_ == "prep" and child.lower_ in ("from", "by"):  # not "reports of"
            who = next((c for c in child.children if c.dep_ == "pobj"), None)
        if who is not None and who.lower_ not in PRONOUNS:
            last = who if who.dep_ == "poss" else who.right_edge  # without the "'s"
            return who.left_edge.idx, last.idx + len(last.text)
    return None


def coordinated(token: Token, entity_at: dict[int, int]) -> tuple[int, ...]:
    """The entities of the names joined by "and" to the name whose head is ``token``
    ("Russia and North Korea", "Both Moscow and Pyongyang"), ``entity_at`` giving the
    entity of each name's head; () when fewer than two."""
    chain, joined = [token], False
    for t in chain:
        chain += [c for c in t.children if c.dep_ == "conj"]
        joined |= any(c.dep_ == "cc" and c.lower_ == "and" for c in t.children)
    found = {entity_at[t.i] for t in chain if t.i in entity_at}
    return tuple(sorted(found)) if joined and len(found) > 1 else ()


def are_bystanders(token: Token) -> bool:
    return token.lemma_.lower() in gz.BYSTANDERS or token.lower_ in gz.BYSTANDERS


def people_of(root: Token, inside: list[Mention], doc: Doc) -> bool:
    """A plural noun that names printed before it only modify: "South Korean lawmakers",
    "Canada's engineers", "Halvard engineers" are a group of people, not the state or the
    company, as "South Korean officials" are (see ``GENERIC_SOURCES``)."""
    if root.tag_ != "NNS" or not common_noun(root) or not inside:
        return False
    for m in inside:
        modifier = doc[m.root]
        while modifier.dep_ in ("compound", "amod") and modifier.head.i < root.i:
            modifier = modifier.head  # "South" in "South Korean" hangs on "Korean"
        if m.root >= root.i or modifier.head.i != root.i:
            return False
        if modifier.dep_ not in ("amod", "compound", "poss", "nmod", "npadvmod"):
            return False
    return True


def body_of_state(root: Token, before: list[Entity]) -> bool:
    """A source whose head noun names a kind of body (``root``) and whose only names, all
    ``before`` it, are places or nationalities: "Canada's spy service", "U.S. intelligence"
    are a state's body that the article leaves unnamed, not the state itself."""
    if root.lemma_.lower() not in _STATE_BODIES or not common_noun(root) or not before:
        return False
    return all(
        entity.kind in ("place", "other") and " and " not in entity.name for entity in before
    )

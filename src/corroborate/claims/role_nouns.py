"""Role nouns matched to the entities whose stated roles or names have their words:
"the spy chief" to the director of the intelligence service, "the fire service" to the
Bristow Fire and Rescue Service, "the U.S. defense secretary" to the one of that state."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from corroborate.claims import gazetteer as gz
from corroborate.claims.name_forms import common_noun, is_company, word_set

if TYPE_CHECKING:
    from corroborate.claims.entities import ArticleEntities

__all__ = ["ROLE_HEADS", "match_introduced_body", "match_role_noun"]

# Modifiers a role noun may carry that a stated role rarely repeats ("the city's fire chief",
# "the country's spy chief": the state the article talks about, which the role need not name).
_LOOSE = (
    frozenset({"city", "local", "top", "senior", "state", "national", "provincial", "regional"})
    | gz.STATE_NOUNS
)
_PEOPLE_HEADS = (gz.TITLE_WORDS | {"boss", "spymaster"}) - gz.HONORIFICS - gz.ORG_HEADS
ROLE_HEADS = _PEOPLE_HEADS | gz.ORG_HEADS
_BODY_HEADS = ROLE_HEADS | gz.SERVICE_NOUNS


def match_role_noun(
    found: ArticleEntities, tokens: list[Token], root: Token, position: int, definite: bool = True
) -> int | None:
    """A role noun ("the spy chief", "the agency") matched to stated roles and names."""
    matches = _role_matches(found, tokens, root, definite)
    return None if matches is None else found.nearest(matches[0] or matches[1], position)


def match_introduced_body(
    found: ArticleEntities, tokens: list[Token], root: Token, position: int
) -> int | None:
    """An indefinite body that a lede introduces before naming it ("A workers' union
    says ..." then "the Valmoria Chemical Workers' Union"): the one organisation with its
    words that the article names after it and never before (one named before is another
    body: an indefinite noun brings in a new one)."""
    if tokens[0].lower_ not in ("a", "an") or root.lemma_.lower() not in gz.ORG_HEADS:
        return None
    matches = _role_matches(found, tokens, root, definite=False)
    fits = (matches[0] or matches[1]) if matches else []
    if len(fits) != 1 or found.entities[fits[0]].kind != "organisation":
        return None
    first = min(found.positions.get(fits[0], [-1]))
    return fits[0] if first > position else None


def _role_matches(
    found: ArticleEntities, tokens: list[Token], root: Token, definite: bool
) -> tuple[list[int], list[int]] | None:
    """The entities a role noun fits: sure ones, then ones that fit only if none is sure;
    None when the role noun can name no one."""
    head = root.lemma_.lower()
    service = head in gz.SERVICE_NOUNS  # "U.S. intelligence": a state's name makes it definite
    # Singular and definite only: "lawmakers" or "a spokesman" is nobody in particular.
    if not common_noun(root) or root.tag_ not in ("NN", "NNP"):
        return None
    if head not in _BODY_HEADS and not _printed_role(found, head):
        return None
    if definite and not service and not any(t.lower_ == "the" or t.dep_ == "poss" for t in tokens):
        return None
    # The possessor is whose role it is, not part of the role: "South Korea's spy chief".
    possessor = {d.i for c in root.children if c.dep_ == "poss" for d in c.subtree}
    # What an "of" phrase adds is part of the role: "the minister of the economy" is
    # not any minister.
    complement = [d for c in root.children if c.lower_ == "of" for d in c.subtree]
    # A state named in the role noun ("the U.S. defense secretary") is whose role it
    # is, as a possessor would be; another name ("the NIS chief") is part of the role.
    before = [t for t in tokens if t.i <= root.i and t.i not in possessor]
    states, named = _names_in(found, before)
    words = [
        t.lemma_.lower()
        for t in [*before, *complement]
        if t.i not in states and t.pos_ in ("NOUN", "ADJ", "PROPN") and not t.is_stop
    ]
    # A person's role must name the body a possessor names ("the fire service's
    # director" is not the port authority's), and the state, if one.
    owner = [t for t in tokens if t.i in possessor]
    owner_states, _ = _names_in(found, owner)
    states |= owner_states
    owned = [
        t.lemma_.lower()
        for t in owner
        if t.i not in owner_states
        and t.pos_ in ("NOUN", "PROPN")
        and not t.is_stop
        and t.lemma_.lower() not in _LOOSE  # "the city's fire chief"
    ]
    owner_head = next((c.lemma_.lower() for c in root.children if c.dep_ == "poss"), "")
    if service and not states:
        return None  # "intelligence suggests": whose is not said
    org = head in gz.ORG_HEADS or service
    owners = _owners_named(found, owner)
    matches: tuple[list[int], list[int]] = ([], [])  # sure; only if none is sure
    for index, entity in enumerate(found.entities):
        if org and entity.kind == "organisation":
            if states and not set(states.values()) & _body_states(found, index):
                continue  # "U.S. intelligence" is not the South Korean service
            if owners and _owner_of_body(found, entity.name) not in (None, *owners):
                continue  # "Sylvania's defence ministry" is not Freedonia's
            have = word_set(entity.name) | word_set(" ".join(entity.roles))
            if _role_fits(words, head, have, company=False):
                matches[0].append(index)
            elif _role_fits(words, head, have, company=is_company(entity.name)):
                matches[1].append(index)
        elif not org and entity.kind == "person":
            roles = " ".join(entity.roles)
            have = word_set(roles) | (_acronyms(roles) if named else set())
            if (
                _role_fits(words, head, have, company=False)
                and _of_state(roles, states)
                and (not owned or _role_fits(owned, owner_head, have, company=False))
            ):
                matches[0].append(index)
    if not org and (states or named or owned) and len(matches[0]) != 1:
        # A role at a named body is the one person the article names with it: with
        # two, or none, the body ("the NIS chief" as the NIS) or nobody.
        return None
    return matches


def _owners_named(found: ArticleEntities, owner: list[Token]) -> set[str]:
    """The names of the entities a role noun's possessor names ("Freedonia's")."""
    if not owner:
        return set()
    start, end = owner[0].idx, owner[-1].idx + len(owner[-1].text)
    return {found.entities[m.entity].name for m in found.mentions_in(start, end)}


def _owner_of_body(found: ArticleEntities, name: str) -> str | None:
    """The owner a body's name starts with, as a possessive of a name the article
    knows: "Freedonia's defence ministry" -> "Freedonia"; None for "Port Authority" or
    "council's safety committee"."""
    for match in _POSSESSIVE.finditer(name):
        if name[: match.start()] in found.keys:
            return name[: match.start()]
    return None


_POSSESSIVE = re.compile(r"['’]s? ")


def _printed_role(found: ArticleEntities, head: str) -> bool:
    """Whether the article gave someone this noun as their role ("harbourmaster Alma
    Toft", then "the harbourmaster"): a role noun the title lists need not hold."""
    return any(
        entity.kind == "person" and any(r.split()[-1].lower() == head for r in entity.roles if r)
        for entity in found.entities
    )


def _names_in(found: ArticleEntities, tokens: list[Token]) -> tuple[dict[int, str], bool]:
    """The tokens of ``tokens`` in a state's name, each with the state, and whether
    any is in another entity's name."""
    if not tokens:
        return {}, False
    states: dict[int, str] = {}
    named = False
    for m in found.mentions_in(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)):
        entity = found.entities[m.entity]
        state = gz.state_of(entity.name)
        if state is None or entity.kind != "place":
            named = True
            continue
        states |= {t.i: state for t in tokens if m.start <= t.idx < m.end}
    return states, named


def _role_fits(words: list[str], head: str, have: set[str], company: bool) -> bool:
    """Every word of the role noun (or a synonym) is in ``have``; loose modifiers may not be."""
    for word in words:
        if gz.WORD_SYNONYMS.get(word, frozenset({word})) & have:
            continue
        if (word in ("company", "firm") and company) or (word != head and word in _LOOSE):
            continue
        return False
    return bool(words)


def _acronyms(role: str) -> set[str]:
    """The initials of every run of capitalised words in a role, lower case: "National
    Intelligence Service Director" -> "nis", "nisd", "is", ...; "Port Authority of Arden"
    -> "paa" ("of" is skipped)."""
    initials = "".join(w[0] for w in role.split() if w[:1].isupper())
    return {
        initials[i:j].lower() for i in range(len(initials)) for j in range(i + 2, len(initials) + 1)
    }


def _of_state(role: str, states: dict[int, str]) -> bool:
    """A role fits the states a role noun names when it names the same one or none:
    "Defense Secretary" and "U.S. Secretary of Defense" for "the U.S. defense secretary",
    not "Canadian Defence Minister"."""
    if not states:
        return True
    named = _states_named(role)
    return not named or bool(named & set(states.values()))


def _states_named(text: str) -> set[str]:
    """The states a name or role names in runs of up to three words: "South Korean"."""
    words = text.replace(",", " ").split()
    named = {
        gz.state_of(" ".join(words[i:j]))
        for i in range(len(words))
        for j in range(i + 1, min(len(words), i + 3) + 1)
    }
    return {state for state in named if state is not None}


def _body_states(found: ArticleEntities, index: int) -> set[str]:
    """The states a body is said to be of: named in its name or roles ("U.S. Army"), in
    the role of a person at it ("South Korean National Intelligence Service Director"),
    or before a mention of it ("Seoul's National Intelligence Service")."""
    entity = found.entities[index]
    names = [word_set(n) for n in (entity.name, *entity.aliases) if n[:1].isupper()]
    texts = [entity.name, *entity.roles]
    for other in found.entities:
        if other.kind == "person":
            texts += [r for r in other.roles if any(n and n <= word_set(r) for n in names)]
    states = set().union(*(_states_named(text) for text in texts))
    doc = found.doc
    for m in found.mentions:
        if m.entity != index:
            continue
        for child in doc[m.root].children:
            if child.dep_ in ("poss", "amod", "compound", "nmod") and child.idx < m.start:
                text = doc[child.left_edge.i : child.i + 1].text
                state = gz.state_of(text) or gz.capital_state(text)
                states |= {state} if state else set()
    return states

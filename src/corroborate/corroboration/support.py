"""How much a claim group rests on: articles, outlets, independent outlet groups and
independent origins, and the status they give it.

Origins are traced through relays across the group: when one article says "Park cited
Cho as saying X" and another says "lawmakers said X", the lawmakers' X rests on Cho
too, since the group shows where they had it from. Three outlets citing one briefing
are one origin, and so are a body and what it belongs to ("Freedonia's defence
ministry" and "Freedonia") when both speak in the group.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from corroborate.corroboration.views import ClaimView

__all__ = ["Status", "Support", "group_support", "traced_origins"]

Status = Literal["corroborated", "single-source", "conflicting", "denied"]


@dataclass(frozen=True, slots=True)
class Support:
    articles: tuple[int, ...]  # article numbers
    outlets: tuple[str, ...]
    outlet_groups: int  # independent outlet groups among the articles
    origins: tuple[str, ...]  # independent origins
    status: Status


def traced_origins(members: Sequence[ClaimView]) -> dict[str, str]:
    """Claim id -> the origin it rests on, after following relays across the group."""
    # Who relayed whom: a relay's name, or a word of its role ("lawmaker"), -> origin.
    relayed: dict[str, str] = {}
    for view in members:
        if view.relays:
            for relay in view.relays:
                relayed.setdefault(relay.lower(), view.origin)
            for word in view.relay_words:
                relayed.setdefault(word, view.origin)
    traced = {}
    for view in members:
        origin = view.origin
        if view.speaker and view.speaker.lower() in relayed:
            origin = relayed[view.speaker.lower()]
        elif origin.startswith("unnamed ") or not view.speaker:
            head = _singular((view.source_text or "").lower().split()[-1:] or [""])
            if head and head in relayed and view.claim.kind != "outlet":
                origin = relayed[head]
        traced[view.id] = origin
    traced = _unnamed_as_their_institution(members, traced)
    traced = _bodies_as_their_owners(traced)
    return _institutions_as_their_people(members, traced)


# A possessive inside a name: "Freedonia's ", "Halvard Chemicals' ".
_POSSESSIVE = re.compile(r"['’]s? ")


def _bodies_as_their_owners(traced: dict[str, str]) -> dict[str, str]:
    """A body named by its owner's possessive ("Freedonia's defence ministry", "Halvard
    Chemicals' safety office") rests on the owner when the owner itself is an origin of
    the group ("Freedonia", "Halvard Chemicals"): a body speaks for what it belongs to,
    so the two are not independent. Bodies of one owner stay apart from each other."""
    origins = set(traced.values())
    owner_of: dict[str, str] = {}
    for origin in origins:
        for match in _POSSESSIVE.finditer(origin):
            owner = origin[: match.start()]
            if owner in origins:
                owner_of[origin] = owner
                break
    return {claim: owner_of.get(origin, origin) for claim, origin in traced.items()}


# Heads of an unnamed source that speaks for the body it works for: "fire officials",
# "a senior city official", "police sources". Workers, residents or witnesses do not.
_SPEAKS_FOR = frozenset(
    "official officials spokesman spokeswoman spokesperson source sources officer "  # noqa: SIM905
    "officers representative representatives".split()
)


def _unnamed_as_their_institution(
    members: Sequence[ClaimView], traced: dict[str, str]
) -> dict[str, str]:
    """An unnamed source named by what it works for ("fire officials", "a senior city
    official") rests on the one organisation of the group whose name holds that word
    ("Corrick Fire and Rescue Service", "City of Corrick"): its officials' words are
    not independent of its own. Only lower-case words qualify, so a place ("Corrick
    officials") never picks one of the bodies that carry the place's name."""
    bodies = {traced[v.id] for v in members if v.speaker_kind == "organisation" and v.speaker}
    if not bodies:
        return traced
    words_of = {body: set(re.findall(r"[\w'’-]+", body.lower())) for body in bodies}
    result = dict(traced)
    for view in members:
        if not traced[view.id].startswith("unnamed ") or view.claim.kind == "outlet":
            continue
        words = re.findall(r"[\w'’-]+", view.source_text or "")
        head = next((n for n, w in enumerate(words) if w.lower() in _SPEAKS_FOR), 0)
        for word in (w for w in words[:head] if w.islower()):
            named = [body for body in bodies if word in words_of[body]]
            if len(named) == 1:
                result[view.id] = named[0]
                break
    return result


def _institutions_as_their_people(
    members: Sequence[ClaimView], traced: dict[str, str]
) -> dict[str, str]:
    """An institution's word (its spokeswoman's: origin "NATO") and the word of a
    person whose role names that institution ("NATO Secretary-General") are one origin,
    the person: the institution's statements are not independent of its head's. So is
    a role's office ("the mayor's office") and the one person holding the role."""
    institutions = {
        traced[v.id]
        for v in members
        if v.claim.kind != "outlet" and not (v.speaker_kind == "person" and v.origin == v.speaker)
    }
    people: dict[str, str] = {}  # institution named in a role -> the person's origin
    holders: dict[str, set[str]] = {}  # office ("mayor's office") -> who holds the role
    for view in members:
        if view.speaker_kind == "person" and view.speaker:
            for role in view.roles:
                for origin in sorted(institutions):
                    if origin != traced[view.id] and _names_institution(role, origin):
                        people.setdefault(origin, traced[view.id])
                    office = _OFFICE.search(origin)
                    if office and office.group(1).lower() in role.lower().split():
                        holders.setdefault(origin, set()).add(traced[view.id])
    # A role's office speaks for the one person of the group who holds the role.
    for office_name, persons in holders.items():
        if len(persons) == 1:
            people.setdefault(office_name, persons.pop())
    return {claim: people.get(origin, origin) for claim, origin in traced.items()}


# "Corrick mayor's office", "the governor's office": the office of a role.
_OFFICE = re.compile(r"(\w+)(?:'s|’s) office$", re.IGNORECASE)


def _names_institution(role: str, origin: str) -> bool:
    """Whether a role ("NATO Secretary-General") names the institution ``origin``
    ("NATO") as a whole word; an unnamed source is no institution."""
    if not origin[:1].isupper() or origin.startswith("unnamed "):
        return False
    return re.search(rf"(?<![\w-]){re.escape(origin)}(?![\w-])", role) is not None


def _singular(words: list[str]) -> str:
    word = words[0] if words else ""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def group_support(members: Sequence[ClaimView], conflicting: bool) -> Support:
    origins = traced_origins(members)
    distinct_origins = tuple(dict.fromkeys(origins[m.id] for m in members))
    if any(m.denied for m in members):
        status: Status = "denied"
    elif conflicting:
        status = "conflicting"
    elif len(distinct_origins) >= 2:
        status = "corroborated"
    else:
        status = "single-source"
    return Support(
        articles=tuple(dict.fromkeys(m.number for m in members)),
        outlets=tuple(dict.fromkeys(m.outlet for m in members)),
        outlet_groups=len({m.outlet_group for m in members}),
        origins=distinct_origins,
        status=status,
    )

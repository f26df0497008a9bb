"""What names and the words around them look like: a token's bare form, a person's
surname, an organisation's short forms, whether a title is one only people hold."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Literal

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from corroborate.claims import gazetteer as gz

__all__ = [
    "SUBJECTS",
    "Kind",
    "capitalise",
    "capitalised",
    "common_noun",
    "holds_person_role",
    "is_company",
    "norm",
    "org_short_forms",
    "personal_name",
    "spelled_out",
    "surnames_of",
    "word_set",
]

Kind = Literal["person", "organisation", "place", "other"]

SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def norm(token: Token) -> str:
    return token.lower_.rstrip(".")


def word_set(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)


def common_noun(token: Token) -> bool:
    # The tagger makes "department" a proper noun inside a lower-case name it tagged ORG.
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.text.islower())


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def surnames_of(name: str) -> list[str]:
    """What a person's name shortens to: "Tomas Reyne" -> Reyne, "Cho Tae-yong" -> Cho."""
    words = name.split()
    while len(words) > 2 and words[-1].rstrip(".").lower() in ("jr", "sr", "ii", "iii", "iv"):
        words.pop()
    if len(words) < 2:
        return []
    if words[0] in gz.EAST_ASIAN_FAMILY_NAMES:
        if "-" in words[1] or len(words) == 3:
            return [words[0]]
        if len(words) == 2:  # "Xi Jinping" or "Kim Davis": either may stand alone
            return [words[0], words[1]]
    for k in range(1, len(words)):
        if words[k] in gz.NAME_PARTICLES:
            return [" ".join(words[k:])]
    return [words[-1]]


def org_short_forms(name: str) -> list[str]:
    """Initials and a leading distinctive word: "Halvard Chemicals" -> "HC", "Halvard"."""
    words = name.split()
    if len(words) < 2:
        return []
    initials = "".join(w[0] for w in words if w[:1].isupper())
    forms = [initials] if len(initials) >= 2 else []
    first = words[0]
    generic = gz.PUBLIC_BODY_WORDS | gz.COMPANY_WORDS
    if first[:1].isupper() and first.lower() not in generic and gz.state_of(first) is None:
        forms.append(first)
    return forms


def is_company(name: str) -> bool:
    # Without a company word ("Chemicals", "Inc"), a name of several words and no public
    # body's word may be a company; wire agencies ("AP", "MW") are single acronyms.
    words = word_set(name)
    return len(words) > 1 and not words & gz.PUBLIC_BODY_WORDS


def personal_name(tokens: TokenSpan) -> bool:
    """Capitalised words of which none names a body: "Karin Holt", not "Halvard Chemicals"."""
    words = {norm(t) for t in tokens}
    bodies = gz.COMPANY_WORDS | gz.PUBLIC_BODY_WORDS | gz.ORG_HEADS
    return len(tokens) > 1 and all(capitalised(t) for t in tokens) and not words & bodies


def holds_person_role(tokens: TokenSpan) -> bool:
    """A title with a word only people hold ("mayor") or a two-word role that only people
    hold though its words alone do not say so ("union official", "shop steward")."""
    words = [norm(t) for t in tokens]
    return any(w in gz.PERSON_TITLES for w in words) or any(
        pair in gz.PERSON_ROLES for pair in pairwise(words)
    )


def spelled_out(initials: str, text: str) -> str | None:
    """The run of capitalised words in ``text`` whose initials spell ``initials`` (an
    acronym of two to eight capitals), "of" or "and" allowed between them: "NIS" in
    "South Korean National Intelligence Service Director" -> "National Intelligence
    Service"."""
    if not (initials.isupper() and initials.isalpha() and 2 <= len(initials) <= 8):
        return None
    words = text.replace(",", " ").split()
    for i in range(len(words)):
        j, k = i, 0
        while j < len(words) and k < len(initials):
            if words[j][:1] == initials[k]:
                k += 1
            elif k == 0 or words[j] not in ("of", "and"):
                break
            j += 1
        if k == len(initials):
            return " ".join(words[i:j])
    return None

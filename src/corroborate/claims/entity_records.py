"""The records entity finding works with: a name found in the text, the draft of an
entity while the article is read, a mention of an entity, a role whose owner is named
by a role noun."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from corroborate.claims.name_forms import Kind

__all__ = ["Cand", "Draft", "Mention", "Owned"]


@dataclass
class Cand:
    """A name in the text: tokens [start, end), the kind its label suggests, its title."""

    start: int
    end: int
    kind: Kind | None
    title: tuple[int, int] | None = None


@dataclass
class Draft:
    name: str
    votes: Counter[Kind] = field(default_factory=Counter)
    fixed: Kind | None = None
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None
    last: int = -1  # token index of the latest mention so far

    @property
    def kind(self) -> Kind:
        if self.fixed or not self.votes:
            return self.fixed or "other"
        return self.votes.most_common(1)[0][0]

    def add_role(self, role: str) -> None:
        role = " ".join(role.split())
        if role and role.lower() not in {r.lower() for r in self.roles}:
            self.roles.append(role)

    def add_alias(self, alias: str) -> None:
        if alias and alias not in self.aliases:
            self.aliases.append(alias)


@dataclass(frozen=True)
class Mention:
    start: int  # characters
    end: int
    entity: int  # index into entities; -1 for a generic group ("officials said")
    root: int  # token index of the mention's syntactic head
    salient: bool  # a subject or an "according to" source
    title: int = -1  # token index where a title printed before the name starts


@dataclass
class Owned:
    """A role whose owner is a role noun to resolve later: "the company's chief executive"."""

    entity: int
    printed: str
    role: str
    owner: tuple[int, int]  # characters of the owner phrase

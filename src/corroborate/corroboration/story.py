"""Corroboration of one story: its claim groups with their relations and support, and
the updates between them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from corroborate.claims.types import ArticleClaims
from corroborate.corroboration.grouping import ExtraSimilarity, group_claims
from corroborate.corroboration.relations import (
    Conflict,
    QuoteVariant,
    Update,
    find_conflicts,
    find_quote_variants,
    find_updates,
)
from corroborate.corroboration.similar import StoryWeights
from corroborate.corroboration.support import Support, group_support
from corroborate.corroboration.views import ClaimView, StoryClaims, story_claims
from corroborate.records import Article, ClaimGroup, ReuseLink

__all__ = ["CorroboratedGroup", "StoryCorroboration", "corroborate_story"]


@dataclass(frozen=True, slots=True)
class CorroboratedGroup:
    id: str  # "g3": the story's third group
    members: tuple[ClaimView, ...]
    support: Support
    conflicts: tuple[Conflict, ...]
    quote_variants: tuple[QuoteVariant, ...]

    def record(self, story_id: str) -> ClaimGroup:
        """As the library's plain record: relations against the first member."""
        first = self.members[0].id
        relations = [
            (first, m.id, "agrees") for m in self.members[1:] if not self._in_conflict(m.id)
        ]
        relations += [
            (side.claim_ids[0], other, f"conflict:{c.kind}")
            for c in self.conflicts
            for side in c.sides[:1]
            for rest in c.sides[1:]
            for other in rest.claim_ids
        ]
        return ClaimGroup(
            id=self.id,
            story_id=story_id,
            claim_ids=tuple(m.id for m in self.members),
            status=self.support.status,
            independent_outlet_groups=self.support.outlet_groups,
            independent_origins=len(self.support.origins),
            relations=tuple(relations),
        )

    def _in_conflict(self, claim_id: str) -> bool:
        return any(claim_id in side.claim_ids for c in self.conflicts for side in c.sides[1:])


@dataclass(frozen=True, slots=True)
class StoryCorroboration:
    story_id: str
    claims: StoryClaims
    groups: tuple[CorroboratedGroup, ...]
    updates: tuple[Update, ...]

    def view(self, claim_id: str) -> ClaimView:
        return self._by_id()[claim_id]

    def group_of(self, claim_id: str) -> CorroboratedGroup:
        return next(g for g in self.groups if any(m.id == claim_id for m in g.members))

    def _by_id(self) -> dict[str, ClaimView]:
        return {v.id: v for v in self.claims.views}


def corroborate_story(
    story_id: str,
    articles: Sequence[Article],
    found: Mapping[str, ArticleClaims],
    links: Sequence[ReuseLink],
    numbers: Mapping[str, int] | None = None,
    extra: ExtraSimilarity | None = None,
) -> StoryCorroboration:
    """Group the claims of one story's ``articles`` (in story order) and weigh them.
    ``extra`` adds a similarity of its own to the grouping (see grouping.py)."""
    claims = story_claims(story_id, articles, found, links, numbers)
    weights = StoryWeights(claims.views)
    grouped = group_claims(claims.views, extra)
    groups = []
    for n, members in enumerate(grouped, 1):
        conflicts = find_conflicts(members, weights)
        groups.append(
            CorroboratedGroup(
                id=f"g{n}",
                members=tuple(members),
                support=group_support(members, conflicting=bool(conflicts)),
                conflicts=tuple(conflicts),
                quote_variants=tuple(find_quote_variants(members)),
            )
        )
    updates = find_updates(grouped, weights)
    return StoryCorroboration(story_id, claims, tuple(groups), tuple(updates))

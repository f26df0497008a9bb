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

__all__ = ["CorroboratedGroup", "StoryCorroboration", "corroborate_story", "updates_apart"]


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
    updates = find_updates(grouped, weights)
    grouped = updates_apart(grouped, updates)
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
    return StoryCorroboration(story_id, claims, tuple(groups), tuple(updates))


def updates_apart(
    grouped: Sequence[Sequence[ClaimView]], updates: Sequence[Update]
) -> list[list[ClaimView]]:
    """Each group with the later side of its updates split off into a group of its own,
    placed after it: "the order was lifted" is a new statement, not another wording of
    "the order would be reviewed"; the update links the two. The later side is the
    claims an update names, and the group's other claims that say the same in the
    same words or with the same figure (copies and reprints)."""
    later = {u.later for u in updates}
    earlier = {u.earlier for u in updates}
    by_id = {m.id: m for members in grouped for m in members}
    # Figures said before the change are no mark of the later side ("seven schools").
    said_before = {(q.unit, q.value) for u in updates for q in by_id[u.earlier].quantities}
    result: list[list[ClaimView]] = []
    for members in grouped:
        moved = [m for m in members if m.id in later and m.id not in earlier]
        if not moved or len(moved) == len(members):
            result.append(list(members))
            continue
        texts = {m.text for m in moved}
        figures = {
            (q.unit, q.value) for m in moved for q in m.quantities if q.value is not None
        } - said_before
        kept: list[ClaimView] = []
        apart: list[ClaimView] = []
        for m in members:
            same = (
                m.id in later
                or m.text in texts
                or any((q.unit, q.value) in figures for q in m.quantities)
            )
            (apart if same and m.id not in earlier else kept).append(m)
        result += [kept, apart] if kept and apart else [list(members)]
    return result

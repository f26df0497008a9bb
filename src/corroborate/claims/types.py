"""The claims stage's result for one article (kept apart from the extractor so that the
store can read and write it without loading spaCy)."""

from __future__ import annotations

from dataclasses import dataclass

from corroborate.records import Claim, Entity

__all__ = ["ArticleClaims"]


@dataclass(frozen=True, slots=True)
class ArticleClaims:
    """What one article says and who it says said it."""

    article_id: str
    claims: tuple[Claim, ...]
    entities: tuple[Entity, ...]

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id, if the article has it."""
        return next((e for e in self.entities if e.id == entity_id), None)

"""What the story stage keeps of a story between runs (the store saves and loads it)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["StoryState"]


@dataclass
class StoryState:
    """A story as the clusterer holds it. ``id`` is the id of the story's first
    article, so story ids are stable from one run to the next; a merged story keeps
    the id of the older one."""

    id: str
    seq: int  # order of creation: lookups see the newest stories of a busy term
    members: list[str]
    # Sum of the members' unit vectors, pruned to its heaviest terms: dot(v, centroid)
    # / size is the article's mean cosine to the members (average link).
    centroid: dict[str, float]
    first_day: int | None = None  # publication days of dated members
    last_day: int | None = None
    names: dict[str, str] = field(default_factory=dict)  # name term -> surface form
    title: str = ""
    key_entities: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.members)

"""Claims and entities to plain dicts and back: how the store keeps them and JSON shows them.

Spans are ``[start, end]`` pairs into the article's text (the article is the claim's);
the dicts hold nothing that cannot be read back.
"""

from __future__ import annotations

from typing import Any, cast

from corroborate.records import Claim, Entity, Quantity, Span, TimeRef

__all__ = [
    "claim_from_dict",
    "claim_to_dict",
    "entity_from_dict",
    "entity_to_dict",
    "quantity_to_dict",
    "time_to_dict",
]


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "kind": claim.kind,
        "content": _pair(claim.content),
        "source": _pair(claim.source),
        "cue": _pair(claim.cue),
        "speaker_id": claim.speaker_id,
        "relayed_by": list(claim.relayed_by),
        "quantities": [quantity_to_dict(q) for q in claim.quantities],
        "times": [time_to_dict(t) for t in claim.times],
        "polarity": claim.polarity,
        "hedged": claim.hedged,
        "parts": [_pair(part) for part in claim.parts],
        "stated": time_to_dict(claim.stated) if claim.stated else None,
    }


def claim_from_dict(data: dict[str, Any]) -> Claim:
    article = str(data["article_id"])
    content = _span(article, data["content"])
    assert content is not None
    return Claim(
        id=str(data["id"]),
        article_id=article,
        content=content,
        kind=data["kind"],
        source=_span(article, data.get("source")),
        cue=_span(article, data.get("cue")),
        speaker_id=data.get("speaker_id"),
        relayed_by=tuple(data.get("relayed_by", ())),
        quantities=tuple(
            Quantity(
                span=cast(Span, _span(article, q["span"])),
                value=q["value"],
                low=q["low"],
                high=q["high"],
                unit=q["unit"],
                hedge=q["hedge"],
            )
            for q in data.get("quantities", ())
        ),
        times=tuple(_time_from_dict(article, t) for t in data.get("times", ())),
        polarity=data.get("polarity", "asserted"),
        hedged=bool(data.get("hedged", False)),
        parts=tuple(cast(Span, _span(article, p)) for p in data.get("parts", ())),
        stated=_time_from_dict(article, data["stated"]) if data.get("stated") else None,
    )


def quantity_to_dict(quantity: Quantity) -> dict[str, Any]:
    return {
        "span": _pair(quantity.span),
        "value": quantity.value,
        "low": quantity.low,
        "high": quantity.high,
        "unit": quantity.unit,
        "hedge": quantity.hedge,
    }


def time_to_dict(time: TimeRef) -> dict[str, Any]:
    return {
        "span": _pair(time.span),
        "value": time.value,
        "granularity": time.granularity,
        "how": time.how,
        "kind": time.kind,
    }


def _time_from_dict(article: str, data: dict[str, Any]) -> TimeRef:
    return TimeRef(
        span=cast(Span, _span(article, data["span"])),
        value=data["value"],
        granularity=data["granularity"],
        how=data.get("how", ""),
        kind=data.get("kind", "date"),  # records stored before durations were dates
    )


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "roles": list(entity.roles),
        "aliases": list(entity.aliases),
        "mentions": [[m.article_id, m.start, m.end] for m in entity.mentions],
    }


def entity_from_dict(data: dict[str, Any]) -> Entity:
    return Entity(
        id=str(data["id"]),
        name=str(data["name"]),
        kind=data["kind"],
        roles=tuple(data.get("roles", ())),
        aliases=tuple(data.get("aliases", ())),
        mentions=tuple(Span(a, s, e) for a, s, e in data.get("mentions", ())),
    )


def _pair(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span is not None else None


def _span(article_id: str, pair: list[int] | None) -> Span | None:
    return Span(article_id, int(pair[0]), int(pair[1])) if pair else None

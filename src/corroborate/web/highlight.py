"""An article's text cut into segments for the article page: where each claim, quote and
reused passage lies, so the page can mark them and link each to its statement group.

Spans overlap (a quote inside a reused paragraph), so the text is cut at every span
boundary and each piece carries every layer that covers it. The page escapes the text
of each piece; nothing here produces markup.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from corroborate.records import Article, Span
from corroborate.report.claims import claim_entry
from corroborate.report.model import display_title
from corroborate.store import Store

__all__ = ["article_layers", "segments"]

_QUOTED = {"direct_quote", "mixed"}


def article_layers(
    store: Store, article: Article, number: int, story: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The article's claims (with their group in the story), its shared passages, and
    its text in segments; ``number`` is the article's in its story."""
    groups: dict[str, dict[str, Any]] = {}
    if story is not None:
        for group in story["corroboration"]["groups"]:
            for cited in group["claims"]:
                groups[cited["claim"]] = {"group": group["id"], "status": group["status"]}
    found = store.article_claims([article.id]).get(article.id)
    claims = []
    spans: list[tuple[str, list[Span]]] = []
    if found is not None:
        for claim in found.claims:
            entry = claim_entry(claim, article, found, number)
            claims.append(entry | groups.get(claim.id, {"group": None, "status": None}))
            spans.append((claim.id, list(claim.parts) or [claim.content]))
    passages = []
    links = store.reuse_links(touching=[article.id])
    ends = {end for link in links for end in (link.source_id, link.copy_id)}
    others = {a.id: a for a in store.articles_by_id(ends)}
    for link in links:
        mine_first = link.source_id == article.id
        other_id = link.copy_id if mine_first else link.source_id
        other = others.get(other_id)
        for source_span, copy_span in link.passages:
            mine, theirs = (source_span, copy_span) if mine_first else (copy_span, source_span)
            passages.append(
                {
                    "span": [mine.start, mine.end],
                    "other_span": [theirs.start, theirs.end],
                    "other_id": other_id,
                    "other_outlet": (other.outlet if other else None) or "unknown outlet",
                    "other_title": display_title(other) if other else other_id,
                    "kind": link.kind,
                    "role": "source" if mine_first else "copy",
                    "directed": link.directed,
                }
            )
    by_claim = {c["id"]: c for c in claims}
    return {
        "claims": claims,
        "passages": passages,
        "segments": segments(article.text, spans, by_claim, passages),
    }


def segments(
    text: str,
    claim_spans: list[tuple[str, list[Span]]],
    claims: Mapping[str, Mapping[str, Any]],
    passages: Sequence[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """The text cut at every span boundary. A piece inside several claims is given the
    shortest of them (the most specific); ``opens`` lists the claims that begin with it
    (so a citation can open the page there); ``reused_with`` lists the other articles
    that share the piece."""
    cuts = {0, len(text)}
    for _, parts in claim_spans:
        for part in parts:
            cuts.update((part.start, part.end))
    for passage in passages:
        cuts.update(passage["span"])
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    starts: dict[int, list[str]] = {}
    for claim_id, parts in claim_spans:
        starts.setdefault(parts[0].start, []).append(claim_id)
    pieces = []
    for start, end in itertools.pairwise(bounds):
        if start == end:
            continue
        covering = [
            (part.end - part.start, claim_id)
            for claim_id, parts in claim_spans
            for part in parts
            if part.start <= start and end <= part.end
        ]
        claim = claims.get(min(covering)[1]) if covering else None
        reused = [p for p in passages if p["span"][0] <= start and end <= p["span"][1]]
        pieces.append(
            {
                "start": start,
                "end": end,
                "opens": starts.pop(start, []),  # claims that begin here (link targets)
                "text": text[start:end],
                "claim": claim["id"] if claim else None,
                "group": claim["group"] if claim else None,
                "status": claim["status"] if claim else None,
                "quote": bool(claim and claim["kind"] in _QUOTED),
                "speaker": (claim["speaker"] or claim["source_text"]) if claim else None,
                "reused_with": list(dict.fromkeys(p["other_outlet"] for p in reused)),
            }
        )
    return pieces

"""The "Who said what" section: each story's speakers and what each article says they said.

Speakers are grouped across a story's articles by name (an entity resolved in each
article), so "Mayor Ines Calder" in one article and "Calder" in another are one speaker.
A source that could not be resolved ("officials", "a city official") is listed under its
own words, marked unresolved. Claims of the outlets themselves are counted, and listed
in JSON only: the section is about attributed claims.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from corroborate.claims.serial import quantity_to_dict, time_to_dict
from corroborate.claims.speakers import canonical_names, home_city
from corroborate.claims.types import ArticleClaims
from corroborate.records import Article, Claim, Story, TimeRef

__all__ = ["claim_entry", "claims_section"]


def claims_section(
    articles: Sequence[Article],
    stories: Sequence[Story],
    found: Mapping[str, ArticleClaims],
) -> dict[str, Any]:
    number = {a.id: n for n, a in enumerate(articles, 1)}
    by_id = {a.id: a for a in articles}
    entries = []
    for position, story in enumerate(stories, 1):
        speakers: dict[str, dict[str, Any]] = {}
        outlet_claims: list[dict[str, Any]] = []
        home = home_city(by_id[a] for a in story.article_ids if a in by_id)
        names = canonical_names((found[a] for a in story.article_ids if a in found), home)
        for article_id in story.article_ids:
            result = found.get(article_id)
            article = by_id.get(article_id)
            if result is None or article is None:
                continue
            for claim in result.claims:
                entry = claim_entry(claim, article, result, number[article_id], names)
                if claim.kind == "outlet":
                    outlet_claims.append(entry)
                    continue
                key, speaker = _speaker_key(entry)
                group = speakers.setdefault(key, speaker | {"claims": []})
                for role in entry["speaker_roles"]:
                    if role not in group["roles"]:
                        group["roles"].append(role)
                group["claims"].append(entry)
        ordered = sorted(
            speakers.values(), key=lambda s: (not s["resolved"], -len(s["claims"]), s["name"])
        )
        entries.append(
            {
                "story": position,
                "story_id": story.id,
                "title": story.title,
                "speakers": ordered,
                "attributed_claims": sum(len(s["claims"]) for s in ordered),
                "outlet_claims": outlet_claims,
            }
        )
    return {"status": "computed", "title": "Who said what", "stories": entries}


def claim_entry(
    claim: Claim,
    article: Article,
    found: ArticleClaims,
    number: int,
    names: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """One claim as the report shows it: texts beside the spans they come from. ``names``
    gives each entity the name its story knows it by (see ``claims.speakers``)."""
    text = article.text
    names = names or {}
    speaker = found.entity(claim.speaker_id)
    relays = [found.entity(i) for i in claim.relayed_by]
    return {
        "id": claim.id,
        "article": number,
        "outlet": article.outlet,
        "kind": claim.kind,
        "text": claim.text(text),
        "content": [claim.content.start, claim.content.end],
        "source_text": claim.source.of(text) if claim.source else None,
        "source": [claim.source.start, claim.source.end] if claim.source else None,
        "cue_text": claim.cue.of(text) if claim.cue else None,
        "cue": [claim.cue.start, claim.cue.end] if claim.cue else None,
        "speaker": names.get(speaker.id, speaker.name) if speaker else None,
        "speaker_kind": speaker.kind if speaker else None,
        "speaker_roles": list(speaker.roles) if speaker else [],
        "relayed_by": [names.get(e.id, e.name) for e in relays if e is not None],
        "quantities": [{"text": q.span.of(text)} | quantity_to_dict(q) for q in claim.quantities],
        "times": [_time_entry(t, text) for t in claim.times],
        "polarity": claim.polarity,
        "hedged": claim.hedged,
        "stated": _time_entry(claim.stated, text) if claim.stated else None,
    }


def _time_entry(time: TimeRef, text: str) -> dict[str, Any]:
    return {"text": time.span.of(text)} | time_to_dict(time)


def _speaker_key(entry: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    if entry["speaker"]:
        name = entry["speaker"]
        return "entity:" + name.lower(), {
            "name": name,
            "kind": entry["speaker_kind"],
            "roles": [],
            "resolved": True,
        }
    words = entry["source_text"] or "no source named"
    flat = " ".join(words.split())
    return "source:" + flat.lower(), {
        "name": flat,
        "kind": None,
        "roles": [],
        "resolved": False,
    }

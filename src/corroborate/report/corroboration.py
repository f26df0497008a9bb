"""The "Corroboration" section: each story's brief, claim groups, conflicts, updates,
quote variants, timeline and claims-by-outlet matrix, as plain data.

Every sentence of the brief is a claim's own words, put after its speaker, and cites
the articles and character spans of every claim of its group: nothing is written that
no article says. The layout (Markdown, HTML, terminal) only arranges these records.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from corroborate.claims.types import ArticleClaims
from corroborate.corroboration.relations import Conflict, QuoteVariant, Update
from corroborate.corroboration.story import (
    CorroboratedGroup,
    StoryCorroboration,
    corroborate_story,
)
from corroborate.corroboration.support import traced_origins
from corroborate.corroboration.views import ClaimView
from corroborate.records import Article, ReuseLink, Story, TimeRef
from corroborate.report.pictures import chronological
from corroborate.stories.background import english_frequency
from corroborate.stories.features import STOP_WORDS
from corroborate.text import shorten

__all__ = ["BRIEF_SENTENCES", "corroboration_section", "story_entry"]

# The brief is short: the best-supported statements, then the disputed ones.
BRIEF_SENTENCES = 8
# Rows of the claims-by-outlet matrix: statements carried by two articles or more.
MATRIX_ROWS = 40
MATRIX_LABEL = 70
# Names of months and days keep their capital after "said"; other common words lose it.
_CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
}  # fmt: skip
# A word this frequent in English (wordfreq; "residents" is about 3e-5) that names
# nothing in its article is an ordinary word, whatever its capital.
COMMON_WORD = 1e-5
_STATUS_ORDER = {"corroborated": 0, "conflicting": 1, "denied": 2, "single-source": 3}


def corroboration_section(
    articles: Sequence[Article],
    stories: Sequence[Story],
    found: Mapping[str, ArticleClaims],
    links: Sequence[ReuseLink],
) -> dict[str, Any]:
    number = {a.id: n for n, a in enumerate(articles, 1)}
    by_id = {a.id: a for a in articles}
    entries = []
    for position, story in enumerate(stories, 1):
        story_articles = [by_id[a] for a in story.article_ids if a in by_id]
        result = corroborate_story(story.id, story_articles, found, links, number)
        entries.append(story_entry(position, story, result))
    return {"status": "computed", "title": "Corroboration", "stories": entries}


def story_entry(position: int, story: Story, result: StoryCorroboration) -> dict[str, Any]:
    """One story's corroboration as the report shows it."""
    views = {v.id: v for v in result.claims.views}
    groups = [_group_entry(g) for g in result.groups]
    status = Counter(g.support.status for g in result.groups)
    return {
        "story": position,
        "story_id": story.id,
        "title": story.title,
        "counts": {
            "claims": len(result.claims.views),
            "groups": len(result.groups),
            "corroborated": status["corroborated"],
            "single_source": status["single-source"],
            "conflicting": status["conflicting"],
            "denied": status["denied"],
            "updates": len(result.updates),
        },
        "outlet_groups": [
            {
                "source": name,
                "articles": sorted({v.number for v in result.claims.views if v.outlet_group == n}),
                "outlets": sorted({v.outlet for v in result.claims.views if v.outlet_group == n}),
            }
            for n, name in enumerate(result.claims.group_names)
        ],
        "brief": _brief(result.groups),
        "groups": groups,
        "conflicts": [_conflict_entry(g, c, views) for g in result.groups for c in g.conflicts],
        "updates": [_update_entry(u, views) for u in result.updates],
        "quote_variants": [
            _variants_entry(g, v, views) for g in result.groups for v in g.quote_variants
        ],
        "timeline": _timeline(result.groups),
        "matrix": _matrix(result),
    }


def cite(view: ClaimView) -> dict[str, Any]:
    """A citation: the article, and the span of it the claim rests on, with its text."""
    span = view.claim.content
    return {
        "claim": view.id,
        "article": view.number,
        "outlet": view.outlet,
        "span": [span.start, span.end],
        "text": view.text,
        "speaker": view.speaker,
    }


def statement(view: ClaimView) -> str:
    """A claim as a sentence of the brief: its words after its speaker; the words are
    the article's own, the speaker is who the article says said them."""
    words = " ".join(view.text.split()).rstrip(" .,;:")
    # A closing mark after the words' own stop ('a “grave step.”'): the brief's sentence
    # ends after the mark instead.
    words = re.sub(r'[.,;:]+([”"])$', r"\1", words)
    claim = view.claim
    # The outlet's own words, and sentences that name their source themselves ("The
    # company has denied ..."), stand as they are. A quotation in parts names its
    # source only where the source lies inside a part, not between two.
    parts = claim.parts or (claim.content,)
    names_itself = claim.source is not None and any(
        p.start <= claim.source.start < p.end for p in parts
    )
    if claim.kind == "outlet" or names_itself or not (view.speaker or view.source_text):
        return _ended(words[:1].upper() + words[1:])
    who = view.speaker or view.source_text or ""
    who = who[:1].upper() + who[1:]  # "the city's health department" opens the sentence
    # A paraphrase opening inside a quotation ("We are seeing evidence” that ..."):
    # its opening mark put back, and its first word left as the speaker said it.
    opens_quoted = words.count("”") > words.count("“")
    if opens_quoted:
        words = "“" + words
    first, _, rest = words.partition(" ")
    if not view.is_quote and not opens_quoted and _opens_sentence_only(first, view):
        # "... said the plant had ...": the reported clause no longer opens a sentence.
        words = f"{first.lower()} {rest}".rstrip()
    relay = f" (via {', '.join(view.relays)})" if view.relays else ""
    verb = "denied" if view.denied else _cue_before(view) or "said"
    if view.is_quote:
        return f"{who}{relay} {verb}: “{_ended(words)}”"
    return _ended(f"{who}{relay} {verb} {words}")


def _ended(sentence: str) -> str:
    """The sentence with a full stop, unless its words end in a question or exclamation
    mark of their own ("... into tens of thousands?")."""
    return sentence if sentence.rstrip("”’'\"").endswith(("?", "!")) else sentence + "."


def _cue_before(view: ClaimView) -> str | None:
    """The article's own verb when the words follow it directly ("urged an immediate
    withdrawal", "called for an inquiry"): "said" would not fit what is no sentence of
    its own. None when anything stands between ("told reporters that ...")."""
    cue, content = view.claim.cue, view.claim.content
    if view.is_quote or cue is None or not cue.end <= content.start:
        return None
    if view.article.text[cue.end : content.start].strip():
        return None
    source = view.claim.source
    if source is not None and source.end > cue.start:
        return None  # the cue inside its source's words ("an official, who asked")
    words = " ".join(cue.of(view.article.text).split())
    # A finite verb only: "cited Reyne as saying" is no verb for a sentence.
    if not words.replace(" ", "").isalpha() or words.endswith("ing"):
        return None
    return words


def _opens_sentence_only(word: str, view: ClaimView) -> bool:
    """A capital that only marks a sentence's start ("The", "Residents"), not a name
    ("Russia", "Halvard"): the article writes the word in lower case elsewhere, it is a
    common function word, or it is a common English word the article does not name
    anything with; month and day names keep theirs."""
    lower = word.lower()
    if not word[:1].isupper() or lower in _CALENDAR or not lower.isalpha() or lower == "i":
        return False
    if lower in STOP_WORDS:
        return True
    if re.search(rf"\b{re.escape(lower)}\b", view.article.text) is not None:
        return True
    return not view.opens_with_name and english_frequency(lower) >= COMMON_WORD


def _representative(group: CorroboratedGroup) -> ClaimView:
    """The group's statement: its first (earliest) attributed wording, else its first."""
    named = [m for m in group.members if m.speaker and not m.denied]
    return named[0] if named else group.members[0]


def _group_entry(group: CorroboratedGroup) -> dict[str, Any]:
    s = group.support
    origins = traced_origins(group.members)
    return {
        "id": group.id,
        "status": s.status,
        "statement": statement(_representative(group)),
        "speaker": _representative(group).speaker,
        "articles": list(s.articles),
        "outlets": list(s.outlets),
        "independent_outlet_groups": s.outlet_groups,
        "independent_origins": len(s.origins),
        "origins": list(s.origins),
        "claims": [
            cite(m)
            | {
                "origin": origins.get(m.id, m.origin),
                "polarity": m.claim.polarity,
                "kind": m.claim.kind,
                "relation": _relation(group, m),
            }
            for m in group.members
        ],
        "conflicts": [c.kind for c in group.conflicts],
    }


def _relation(group: CorroboratedGroup, member: ClaimView) -> str:
    """How a claim stands to its group's first: "first", "agrees", "differs" (on the
    other side of a conflict) or "denies"."""
    first = group.members[0]
    if member.id == first.id:
        return "first"
    if member.denied != first.denied:
        return "denies" if member.denied else "differs"
    for conflict in group.conflicts:
        sides = [side.claim_ids for side in conflict.sides]
        mine = next((n for n, ids in enumerate(sides) if member.id in ids), None)
        theirs = next((n for n, ids in enumerate(sides) if first.id in ids), None)
        if mine is not None and mine != theirs:
            return "differs"
    return "agrees"


def _brief(groups: Sequence[CorroboratedGroup]) -> list[dict[str, Any]]:
    """The best-supported statements carried by two articles or more, in the order the
    story told them (by their first appearance). A statement an article leads with is
    taken first, whatever its support: news puts its main fact first, and a brief without
    the story's main fact (one source's, in a wire copy and its original) misleads."""
    shared = [g for g in groups if len(g.support.articles) >= 2]
    leads = _leading_groups(groups)
    chosen = sorted(
        shared,
        key=lambda g: (
            g.id not in leads,
            _STATUS_ORDER[g.support.status] == 3,  # single-source after the rest
            -len(g.support.origins),
            -g.support.outlet_groups,
            -len(g.support.articles),
            g.members[0].position,
        ),
    )[:BRIEF_SENTENCES]
    chosen.sort(key=lambda g: g.members[0].position)
    return [
        {
            "group": g.id,
            "status": g.support.status,
            "text": statement(_representative(g)),
            "speaker": _representative(g).speaker,
            "citations": [cite(m) for m in _one_per_article(g.members, _representative(g))],
        }
        for g in chosen
    ]


def _leading_groups(groups: Sequence[CorroboratedGroup]) -> set[str]:
    """The groups holding an article's first claim."""
    first: dict[int, tuple[int, str]] = {}
    for group in groups:
        for member in group.members:
            if member.number not in first or member.position < first[member.number][0]:
                first[member.number] = (member.position, group.id)
    return {group_id for _, group_id in first.values()}


def _one_per_article(members: Sequence[ClaimView], statement_of: ClaimView) -> list[ClaimView]:
    """Each article's first member, or its first by the statement's own speaker: the
    sentence names that speaker, so its citation shows that speaker's words where the
    article has them."""
    seen: dict[int, ClaimView] = {}
    for m in members:
        if m.speaker and m.speaker == statement_of.speaker:
            seen.setdefault(m.number, m)
    for m in members:
        seen.setdefault(m.number, m)
    return [seen[n] for n in sorted(seen)]


def _conflict_entry(
    group: CorroboratedGroup, conflict: Conflict, views: Mapping[str, ClaimView]
) -> dict[str, Any]:
    return {
        "group": group.id,
        "kind": conflict.kind,
        "note": conflict.note,
        "sides": [
            {"label": side.label, "claims": [cite(views[i]) for i in side.claim_ids]}
            for side in conflict.sides
        ],
    }


def _update_entry(update: Update, views: Mapping[str, ClaimView]) -> dict[str, Any]:
    earlier, later = views[update.earlier], views[update.later]
    return {
        "kind": update.kind,
        "note": update.note,
        "earlier": cite(earlier) | {"published": str(earlier.day) if earlier.day else None},
        "later": cite(later) | {"published": str(later.day) if later.day else None},
    }


def _variants_entry(
    group: CorroboratedGroup, variant: QuoteVariant, views: Mapping[str, ClaimView]
) -> dict[str, Any]:
    diffs = dict(variant.diffs)
    # The citation's span and words are the quoted passage, not the whole claim.
    quoted = {q.claim: {"span": [q.start, q.end], "text": q.text} for q in variant.quotations}
    return {
        "group": group.id,
        "speaker": variant.speaker,
        "base": cite(views[variant.base]) | quoted.get(variant.base, {}),
        "variants": [
            {"kind": kind, "diff": list(diffs.get(claim, ()))}
            | cite(views[claim])
            | quoted.get(claim, {})
            for claim, kind in variant.kinds
        ],
    }


def _timeline(groups: Sequence[CorroboratedGroup]) -> list[dict[str, Any]]:
    """Dated statements: each group at the date most of its claims give in their words;
    a group whose words give none, at the day most of them were said ("Rutte said on
    Tuesday ..."), marked so."""
    entries = []
    for group in groups:
        dated_by, dates = "content", {m.id: m.times for m in group.members}
        votes = _date_votes([t for times in dates.values() for t in times])
        if not votes:
            dated_by, dates = "statement", {m.id: (m.stated,) for m in group.members if m.stated}
            votes = _date_votes([t for times in dates.values() for t in times])
        if not votes:
            continue
        # The date most claims give; on a tie the latest: a claim's older dates tend to
        # be its setting ("after Tuesday's fire, ... will return on Friday").
        (value, granularity), _ = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
        dated = [m for m in group.members if any(t.value == value for t in dates.get(m.id, ()))]
        # The statement shown is one that gives the date, so that the date and the
        # words beside it come from the same claim.
        shown = _representative(group)
        if shown not in dated:
            shown = next((m for m in dated if m.speaker and not m.denied), dated[0])
        entries.append(
            {
                "date": value,
                "granularity": granularity,
                "dated_by": dated_by,
                "group": group.id,
                "status": group.support.status,
                "text": statement(shown),
                "citations": [cite(m) for m in _one_per_article(dated, shown)],
            }
        )
    # By the first day each date covers: "2031-W19" before "2031-05-13".
    return [dict(entry) for entry in chronological(entries)]


def _date_votes(times: Sequence[TimeRef]) -> Counter[tuple[str, str]]:
    """How many claims give each date, with a year (a partial "--05-13" cannot be placed)."""
    return Counter(
        (t.value, t.granularity) for t in times if t.value and not t.value.startswith("--")
    )


def _matrix(result: StoryCorroboration) -> dict[str, Any]:
    """Which outlet carries which statement, and how: rows are statements carried by two
    articles or more (the best-supported first), columns the story's outlets."""
    outlets = list(dict.fromkeys(v.outlet for v in result.claims.views))
    shared = [g for g in result.groups if len(g.support.articles) >= 2]
    shared.sort(key=lambda g: (-len(g.support.articles), g.members[0].position))
    rows = []
    for group in shared[:MATRIX_ROWS]:
        against = {i for c in group.conflicts for side in c.sides[1:] for i in side.claim_ids}
        cells: dict[str, str] = {}
        for member in group.members:
            mark = "denies" if member.denied else "differs" if member.id in against else "carries"
            if cells.get(member.outlet) in (None, "carries"):
                cells[member.outlet] = mark
        rows.append(
            {
                "group": group.id,
                "status": group.support.status,
                "label": shorten(_representative(group).text, MATRIX_LABEL),
                "cells": cells,
            }
        )
    return {"outlets": outlets, "rows": rows}

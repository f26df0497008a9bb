"""Claim groups: the same proposition across a story's articles.

Claims are taken in story order and each joins the most similar existing group, or
starts one. Candidates come from an index of blocking keys (a claim's most telling
words, its figures, its dates), and a claim is compared only with a few members of each
candidate group, so the cost grows with the number of claims, not with its square: a
key shared by thousands of claims ("fire") is not a key.

A claim is compared with claims of other articles, and with the denials of its own
article ("the union said ...; the company denied that ..."). So one report's two
sentences on one count begin two groups; a claim of another report that is as close
to both as a retelling is to its source makes them one.

A claim joins the first group in story order it is close enough to, so a paraphrase
told before its closest kin may have begun a group of its own. Two groups that one
claim could have joined either of become one when their members, compared across, are
on average as close as a claim must be to join: the groups as wholes decide, not the
one claim between them, which may be near two statements at once (a lead that restates
the setting of both).

A denial that only points back ("the company rejected the claims") has no words of its
own to compare; it joins the group of the claim it answers: the last claim before it in
its article from another speaker, or, when that is a quotation, the same speaker's
reported claim that the quotation follows ("rejected the union's account" answers the
account, not the words quoted to bear it out). A denial that goes on from the same
speaker's denial just before it ("the company rejected the account; it said it had no
record of any fault") answers the same claim, when no group of the story is closer.
When one is closer (another report's telling of the denial), the denial joins it and
the claim it answers in its own report goes with it: the account the denier denies in
both reports is one, whichever report the story tells first.

One denier answering one account in several reports makes the account's tellings one
statement: each report's denial joins the claim it answers there, and two such denials
of one origin that share the weightier part of their own words ("rejected the union's
account" / "rejected claims by the union that it had ignored a fault") join their
groups, however differently the reports told the account ("staff warned managers about
a faulty valve" / "workers had logged a leaking valve").
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from corroborate.corroboration.similar import (
    StoryWeights,
    counted_thing,
    figures_agree,
    quantity_pairs,
    similarity,
)
from corroborate.corroboration.views import ClaimView, stem, stems_of

__all__ = ["JOIN_SCORE", "ExtraSimilarity", "group_claims"]

# Similarity at which a claim joins a group. Calibrated on the example corpus's gold
# groups (pairwise F1 0.51 at 0.35, 0.57 at 0.40, 0.52 at 0.45) and checked on the
# planted benchmark (benchmarks/planted_claims.py).
JOIN_SCORE = 0.4
# A denial answers a claim made somewhere in the story; it joins the closest one on
# less evidence than a claim joins a claim. Chosen on the planted benchmark (polarity
# recall 0.69 at 0.40, 0.81 at 0.30 and 0.25, 0.85 at 0.20 with a first false conflict);
# the example corpus is the same from 0.40 down to 0.25.
DENIAL_JOIN_SCORE = 0.3
# A claim this close to members of two groups (one speaker's count of the same thing,
# told twice: "3,000 troops are now there" / "the 3,000 troops sent there were split")
# makes them one group, though each group began before the claim that bridges them.
BRIDGE_SCORE = 0.6
# A claim as close as JOIN_SCORE to one member of a group joins it only when it is also
# this close to the group's members on average: one member may tell two statements ("a
# week after the fire, residents were allowed home"), and a claim near it is near one
# of them, not the group's. Between the average of such a claim (0.27 and 0.32 in the
# tests) and that of a retelling close to some members and a little less to others
# (0.38 on the seeds); the example corpus's groups are the same at 0.30 and 0.35. The
# average leaves out denials, which are far from every retelling.
WHOLE_SCORE = 0.35
# Rounds of moving claims to the group they fit best once all are grouped (each round
# moves a claim at most once; two settle what the tests and benchmarks show).
REHOME_ROUNDS = 3
# Each claim is looked up by its few most telling words, figures and dates.
KEY_WORDS = 6
# Candidate groups scored per claim, and members of a group compared with: the cost
# of a claim stays bounded however large the story.
MAX_CANDIDATES = 24
MEMBERS_COMPARED = 4
# A key held by more groups than this tells nothing about which one a claim belongs to.
MAX_KEY_GROUPS = 400
# A denial with words of its own answers a claim among the last few of its article
# that shares the weightier part of them ("staff warned managers about a faulty pump ...
# The company denied ignoring any warnings"), when no group of the story is closer.
ANSWER_WINDOW = 3
ANSWER_SHARE = 0.4
# Words of a denial that only refers back to what it denies.
_POINTING = {
    "claim", "claims", "account", "accounts", "allegation", "allegations", "accusation",
    "accusations", "report", "reports", "charge", "charges", "suggestion", "suggestions",
    "it", "this", "that", "them", "these", "those",
}  # fmt: skip
_DENYING = {
    "denied", "denies", "deny", "rejected", "rejects", "reject", "disputed", "disputes",
    "dismissed", "dismisses", "again", "also", "firmly", "strongly",
}  # fmt: skip


_POINTING_STEMS = frozenset(stem(w) for w in _POINTING)
_DENYING_STEMS = frozenset(stem(w) for w in _DENYING)


@dataclass
class _Group:
    members: list[ClaimView] = field(default_factory=list)

    def sample(self) -> list[ClaimView]:
        """Members to compare with: the first few and the latest."""
        if len(self.members) <= MEMBERS_COMPARED:
            return self.members
        return self.members[: MEMBERS_COMPARED - 1] + self.members[-1:]


# An added similarity (sentence embeddings, for instance) blended into the score.
ExtraSimilarity = Callable[[ClaimView, ClaimView], float]


def group_claims(
    views: Sequence[ClaimView], extra: ExtraSimilarity | None = None
) -> list[list[ClaimView]]:
    """The story's claims in groups, each group in story order; groups in the order of
    their first claim. ``extra`` adds to the similarity of each pair compared."""
    weights = StoryWeights(views)
    groups: list[_Group] = []
    index: dict[str, list[int]] = defaultdict(list)
    group_of: dict[str, int] = {}
    by_text: dict[tuple[str | None, str], int] = {}
    bridges: list[tuple[str, str]] = []  # a claim and a member of another group as close
    near: set[tuple[int, int]] = set()  # groups a claim could have joined either of
    # That claim, and its closest in the group it did not join: where the order told
    # decided between two groups.
    undecided: set[str] = set()
    previous: dict[str, list[ClaimView]] = defaultdict(list)  # article id -> its claims
    for view in sorted(views, key=lambda v: v.position):
        chosen = _pointing_back(view, previous[view.article.id], group_of)
        same_words = (view.speaker, " ".join(view.text.lower().split()))
        if chosen is None:
            chosen = by_text.get(same_words)
        keys = _keys(view, weights)
        answered = _answering(view, previous[view.article.id], weights)
        if chosen is None:
            scores = _scores(view, keys, groups, index, weights, extra)
            chosen = _best(view, scores)
            if chosen is not None and answered is not None:
                # A denial closer to a group of the story than to the claim it answers
                # in its report (another report's telling of it): the claim it answers
                # is the same account, whichever report the story tells first.
                bridges.append((view.id, answered.id))
        else:
            # Its group is known; it is compared only with groups where its speaker
            # counted the same thing, which it may bridge.
            counted = view.speaker and view.quantities
            counts = [k for k in keys if k.startswith(("p:", "q:"))] if counted else []
            scores = _scores(view, counts, groups, index, weights, extra, all_keys=True)
        if chosen is None:
            chosen = _denying_on(view, previous[view.article.id], group_of)
        if chosen is None and answered is not None:
            chosen = group_of[answered.id]
        if chosen is None:
            chosen = len(groups)
            groups.append(_Group())
        groups[chosen].members.append(view)
        group_of[view.id] = chosen
        bridges.extend((view.id, fit.closest) for g, fit in scores.items()
                       if g != chosen and fit.score >= BRIDGE_SCORE)  # fmt: skip
        if not view.denied:
            for g, fit in scores.items():
                if g != chosen and fit.score >= JOIN_SCORE:
                    near.add((min(chosen, g), max(chosen, g)))
                    undecided.update((view.id, fit.closest))
        by_text.setdefault(same_words, chosen)
        previous[view.article.id].append(view)
        for key in keys:
            postings = index[key]
            if len(postings) <= MAX_KEY_GROUPS and (not postings or postings[-1] != chosen):
                postings.append(chosen)
    _rehome(groups, near, undecided, group_of, weights, extra)
    # A bridge joins the groups its two claims are in once all are placed.
    bridged = [(group_of[a], group_of[b]) for a, b in bridges]
    bridged += _one_statement(groups, near, weights, extra)
    bridged += _one_denial(groups, weights)
    return [g for g in _bridged([g.members for g in groups], bridged) if g]


def _rehome(
    groups: list[_Group],
    near: set[tuple[int, int]],
    undecided: set[str],
    group_of: dict[str, int],
    weights: StoryWeights,
    extra: ExtraSimilarity | None,
) -> None:
    """Each ``undecided`` claim (one that could have joined either of two ``near``
    groups, and its closest in the group it did not join) moved to the group it fits
    best, as if it had come last: a claim told before the claims that make it kin to a
    group began a group of its own, and a claim that joined the first group it met may
    be closer to one begun after it. A group that holds a denial
    stays as the denial's rules made it (they name the claim it answers), and a claim
    does not move to a group holding another claim of its report: one report's two
    sentences are two statements."""
    partners: dict[int, set[int]] = defaultdict(set)
    for a, b in near:
        partners[a].add(b)
        partners[b].add(a)
    for _ in range(REHOME_ROUNDS):
        claims = sorted(
            (
                m
                for g in partners
                if not any(x.denied for x in groups[g].members)
                for m in groups[g].members
                if m.id in undecided
            ),
            key=lambda v: v.position,
        )
        moved = False
        for view in claims:
            own = group_of[view.id]
            stay = _fit(view, groups[own], weights, extra).score
            best, best_score = None, stay
            for other in sorted(partners[own]):
                members = groups[other].members
                if any(m.article.id == view.article.id and not m.denied for m in members):
                    continue
                fit = _fit(view, groups[other], weights, extra)
                if _joins(view, fit) and fit.score > best_score:
                    best, best_score = other, fit.score
            if best is not None:
                groups[own].members.remove(view)
                groups[best].members.append(view)
                groups[best].members.sort(key=lambda v: v.position)
                group_of[view.id] = best
                moved = True
        if not moved:
            break


def _one_statement(
    groups: list[_Group],
    near: set[tuple[int, int]],
    weights: StoryWeights,
    extra: ExtraSimilarity | None,
) -> list[tuple[int, int]]:
    """The pairs of ``near`` groups (one claim could have joined either) that tell one
    statement: no report tells a claim of each (neither a denial), which would make them
    two, and they are close as wholes."""
    told: dict[int, frozenset[str]] = {}  # group -> the reports telling its claims
    for g in {g for pair in near for g in pair}:
        told[g] = frozenset(m.article.id for m in groups[g].members if not m.denied)
    return [
        (a, b)
        for a, b in sorted(near)
        if groups[a].members
        and groups[b].members
        and told[a].isdisjoint(told[b])
        and _close_as_wholes(groups[a], groups[b], weights, extra)
    ]


def _one_denial(groups: list[_Group], weights: StoryWeights) -> list[tuple[int, int]]:
    """Pairs of groups in which one denier answers one account: a denial in each, from
    the same origin in two reports, the two sharing the weightier part of their own
    words ("denied ignoring any warnings" / "rejected claims that it had ignored a
    reported fault"; "rejected the union's account" / "rejected the union's claims").
    Each report's denial joins the claim it answers there (the rules above), so the
    accounts retold in other words ("staff warned managers about a faulty valve" /
    "workers had logged a leaking valve") are one statement by what their denier
    says of them. A denier's denials of two accounts ("denied cutting the budget" /
    "denied ignoring warnings") share no such words and stay apart. Each denial is
    compared with the first few denials with words of their own (MEMBERS_COMPARED) of
    each other group of its origin, up to MAX_CANDIDATES groups."""
    told: dict[str, dict[int, list[ClaimView]]] = defaultdict(dict)  # origin -> group -> denials
    for g, group in enumerate(groups):
        for m in group.members:
            said = told[m.origin].setdefault(g, []) if m.denied and _own_words(m) else None
            if said is not None and len(said) < MEMBERS_COMPARED:
                said.append(m)
    pairs = []
    for by_group in told.values():
        found = [(g, denials) for g, denials in by_group.items() if denials][:MAX_CANDIDATES]
        for i, (g, left) in enumerate(found):
            for h, right in found[i + 1 :]:
                if any(
                    x.article.id != y.article.id and _deny_alike(x, y, weights)
                    for x in left
                    for y in right
                ):
                    pairs.append((g, h))
    return pairs


def _deny_alike(left: ClaimView, right: ClaimView, weights: StoryWeights) -> bool:
    """Whether two denials share ANSWER_SHARE of the lighter one's own words (less who
    denies, the verb, and words that only point back: "the claims", "it")."""
    own = [_own_words(v) for v in (left, right)]
    shared = math.fsum(weights[s] for s in own[0] & own[1])
    lighter = min(math.fsum(weights[s] for s in words) for words in own)
    return shared > 0 and shared >= ANSWER_SHARE * lighter


def _own_words(denial: ClaimView) -> frozenset[str]:
    """A denial's stems, less who denies, the verb and the words that point back."""
    said = _said_by(denial)
    return frozenset(s for s in denial.stems
                     if s not in said and s not in _POINTING_STEMS and s not in _DENYING_STEMS)  # fmt: skip


def _close_as_wholes(
    a: _Group, b: _Group, weights: StoryWeights, extra: ExtraSimilarity | None
) -> bool:
    """Whether two groups that one claim could have joined either of are one statement:
    their members, compared across, are on average as close as a claim must be to its
    group. A claim joins the group it meets first in story order ("asked to keep doors
    and windows closed" before "told to stay indoors with windows shut"); the average
    over both groups, not the one claim between them, decides, so that a claim near two
    different statements (a lead that restates the setting) does not chain them."""
    pairs = [(x, y) for x in a.sample() for y in b.sample()]
    total = math.fsum(similarity(x, y, weights) + (extra(x, y) if extra else 0.0) for x, y in pairs)
    return total / len(pairs) >= JOIN_SCORE


def _bridged(
    groups: list[list[ClaimView]], bridges: list[tuple[int, int]]
) -> list[list[ClaimView]]:
    """The groups with each bridged pair made one, members in story order."""
    root = list(range(len(groups)))

    def find(g: int) -> int:
        while root[g] != g:
            root[g] = root[root[g]]
            g = root[g]
        return g

    merged: dict[int, list[ClaimView]] = dict(enumerate(groups))
    for a, b in bridges:
        a, b = sorted((find(a), find(b)))
        if a != b and not _two_counts(merged[a], merged[b]):
            root[b] = a
            merged[a] = merged[a] + merged.pop(b)
    return [sorted(members, key=lambda v: v.position) for _, members in sorted(merged.items())]


def _two_counts(left: list[ClaimView], right: list[ClaimView]) -> bool:
    """Whether one article gives a figure in each group that the other contradicts: two
    counts of one thing ("1,300 were called up", "3,000 refused to report"), not one
    count told twice."""
    by_article: dict[str, list[ClaimView]] = defaultdict(list)
    for b in right:
        by_article[b.article.id].append(b)
    return any(
        not figures_agree(x, y)
        for a in left
        for b in by_article.get(a.article.id, ())
        for x, y in quantity_pairs(a.quantities, b.quantities)
    )


def _scores(
    view: ClaimView,
    keys: list[str],
    groups: list[_Group],
    index: dict[str, list[int]],
    weights: StoryWeights,
    extra: ExtraSimilarity | None,
    all_keys: bool = False,
) -> dict[int, _Fit]:
    """Candidate group -> how the claim fits it. Candidates hold some of ``keys``, or
    all of them."""
    hits: dict[int, float] = defaultdict(float)
    for key in keys:
        postings = index.get(key, ())
        if len(postings) > MAX_KEY_GROUPS:
            continue
        for group in set(postings):
            hits[group] += 1.0
    if all_keys:
        hits = {g: n for g, n in hits.items() if n == len(keys)}
    candidates = sorted(hits, key=lambda g: (-hits[g], g))[:MAX_CANDIDATES]
    return {group: _fit(view, groups[group], weights, extra) for group in candidates}


@dataclass(frozen=True, slots=True)
class _Fit:
    """How a claim fits a group: its best score with the members compared, whether
    that member is a denial, and its average score with them."""

    score: float = 0.0
    closest_denied: bool = False
    mean: float = 0.0
    closest: str = ""  # the id of the member it is closest to


def _fit(
    view: ClaimView, group: _Group, weights: StoryWeights, extra: ExtraSimilarity | None
) -> _Fit:
    compared = [
        (similarity(view, m, weights) + (extra(view, m) if extra else 0.0), m.denied, m.id)
        for m in group.sample()
        if m is not view and (m.article.id != view.article.id or m.denied != view.denied)
    ]
    if not compared:
        return _Fit()
    score, denied, closest = max(compared)
    # The average is over the claims that say what the claim says, not those that deny
    # it: a denial in other words ("rejected the claims") is far from every retelling.
    alike = [c[0] for c in compared if c[1] == view.denied] or [score]
    return _Fit(score, denied, math.fsum(alike) / len(alike), closest)


def _joins(view: ClaimView, fit: _Fit) -> bool:
    """Whether a claim that fits a group so is close enough to join it."""
    # A denial and the claim it answers join on the denial's score whichever of the
    # two the story reports first.
    if view.denied or fit.closest_denied:
        return fit.score >= DENIAL_JOIN_SCORE
    return fit.score >= JOIN_SCORE and fit.mean >= WHOLE_SCORE


def _best(view: ClaimView, scores: dict[int, _Fit]) -> int | None:
    best, best_score = None, 0.0
    for group, fit in scores.items():
        if _joins(view, fit) and fit.score >= best_score:
            best, best_score = group, fit.score
    return best


def _keys(view: ClaimView, weights: StoryWeights) -> list[str]:
    words = sorted(view.stems, key=lambda s: (-weights[s], s))[:KEY_WORDS]
    keys = ["w:" + w for w in words]
    keys += [f"q:{counted_thing(q)}" for q in view.quantities if counted_thing(q)]
    keys += ["t:" + t.value for t in view.times if t.value]
    # One speaker's statements are compared with each other even when retold in other
    # words ("the fire broke out" / "the blaze started"), which no word key finds.
    if view.speaker:
        keys.append("p:" + view.speaker)
    return keys


def _pointing_back(
    view: ClaimView, before: list[ClaimView], group_of: dict[str, int]
) -> int | None:
    if not view.denied or not before:
        return None
    text = view.article.text
    # Its own words, once the denier's name and the verb are set aside.
    said = {w for span in (view.claim.source, view.claim.cue) if span
            for w in span.of(text).lower().split()}  # fmt: skip
    words = [w for w in view.text.lower().split() if w.isalpha() and w not in said]
    if any(w not in _POINTING and len(w) > 3 and w not in _DENYING for w in words):
        return None
    for at in range(len(before) - 1, -1, -1):
        earlier = before[at]
        if earlier.speaker != view.speaker and not earlier.denied:
            if earlier.is_quote and earlier.speaker:
                reported = before[at - 1] if at else None
                if reported and reported.speaker == earlier.speaker and not reported.is_quote:
                    earlier = reported
            return group_of[earlier.id]
    return None


def _answering(view: ClaimView, before: list[ClaimView], weights: StoryWeights) -> ClaimView | None:
    """A recent claim of another speaker in the article that the denial answers: one
    that shares the weightier part of the denial's own words (the story's common words,
    "plant" in a plant's story, weigh little)."""
    if not view.denied or not before:
        return None
    own = view.stems - _said_by(view)
    mass = sum(weights[s] for s in own)
    for earlier in reversed(before[-ANSWER_WINDOW:]):
        if earlier.speaker == view.speaker or earlier.denied:
            continue
        # The cue is words of the claim too: "residents warned ..." / "denied ignoring
        # any warnings".
        shared = sum(weights[s] for s in own & (earlier.stems | _said_by(earlier)))
        if shared and shared >= ANSWER_SHARE * mass:
            return earlier
    return None


def _said_by(view: ClaimView) -> frozenset[str]:
    """Stems of the claim's source and cue: the denier's name, "denied"."""
    text = view.article.text
    spans = (view.claim.source, view.claim.cue)
    return frozenset().union(*(stems_of(span.of(text)) for span in spans if span))


def _denying_on(view: ClaimView, before: list[ClaimView], group_of: dict[str, int]) -> int | None:
    """The group of the same speaker's denial just before this one in its article."""
    if not view.denied or not view.speaker or not before:
        return None
    last = before[-1]
    if last.denied and last.speaker == view.speaker:
        return group_of[last.id]
    return None

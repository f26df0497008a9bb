"""Relations inside a claim group, and updates between groups, each with its evidence.

Conflicts are found slot by slot:

- **quantity**: figures of the same counted thing from the same origin (or two outlets
  each in its own voice) that cannot both be right ("10,000" and "up to 12,000"); one
  unit is not always one thing ("14 skiers were airlifted", "31 skiers remained
  unaccounted for": see counts.py);
- **date**: one event put on different days;
- **attribution**: the same words given to two different people;
- **polarity**: the claim asserted by some and denied by others.

A later report that revises a figure ("has risen to 14", "another 600"), a date or a
state ("will stay shut until Monday", "the order was lifted") is an **update**, not a
conflict. Members are compared with one representative per distinct
figure, date or speaker, so a group of thousands of copies costs little more than a
group of three.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from corroborate.corroboration.counts import one_count
from corroborate.corroboration.quotes import (
    Quotation,
    VariantKind,
    compare_quotes,
    quotations_in,
    quote_words,
    same_remark,
    word_diff,
)
from corroborate.corroboration.similar import (
    SAME_FIGURE,
    StoryWeights,
    counted_thing,
    figures_agree,
    quantity_pairs,
    same_dated_event,
    shared_run,
    word_similarity,
)
from corroborate.corroboration.support import traced_origins
from corroborate.corroboration.views import ClaimView, stem
from corroborate.records import Quantity

__all__ = [
    "Conflict",
    "QuoteVariant",
    "Side",
    "Update",
    "find_conflicts",
    "find_quote_variants",
    "find_updates",
]

ConflictKind = Literal["quantity", "date", "attribution", "polarity"]

# Two quotations of one speaker are one remark when at least this share of the shorter
# one's words run in the other in order ("There is evidence that there are troops in
# Russia" / "We are seeing evidence that there are troops").
SAME_REMARK = 0.5
# Wording this close, given to two different people, is one statement misattributed.
SAME_WORDS = 0.6
# A later figure said to have moved is an update: "risen to", "another 600", "now".
_UPDATE_CUE = re.compile(
    r"\b(?:rose|risen|rising|raised|increased|climbed|grew|grown|jumped|swelled|fell|"
    r"fallen|dropped|revised|another|more|additional|further|now|new|total|in all|"
    r"so far|latest)\b",
    re.I,
)
_NEGATION = re.compile(r"\b(?:no|not|never|nobody|none|nothing|neither|nor)\b|n['’]t\b", re.I)
_ADDED = re.compile(r"\b(?:another|additional|more|further)\b", re.I)
# Updates are looked for between claims whose words overlap at least this much (the
# same thing counted in the same setting), or within one group; each figure of a group
# is looked at in its first few claims.
UPDATE_WORDS = 0.05
UPDATE_SAMPLE = 4
# A later report that a state changed ("the curfew was lifted", "the hearing was
# postponed", "schools reopened"): news's verbs of ending, extending and moving things.
_CHANGED = re.compile(
    r"\b(?:lift(?:ed|s)?|eased|relaxed|ended|called off|cancell?ed|scrapped|withdrawn|"
    r"revoked|rescinded|reopen(?:ed|s)?|resumed|restored|reinstated|extended|prolonged|"
    r"postponed|delayed|put off|pushed back|brought forward|rescheduled|moved (?:to|up|back)|"
    r"overturned|reversed|upgraded|downgraded)\b",
    re.I,
)
# Words that carry a state to a later time ("will stay shut until Monday", "still
# closed", "no longer in force"): an update when the later report gives a time the
# earlier one did not.
_LASTING = re.compile(r"\b(?:until|till|still|no longer|remains?|remained|stays?|stayed)\b", re.I)
# Earlier claims of a group an update is looked for against, per later claim.
STATE_SAMPLE = 8


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a conflict: what is said, and the claims that say it."""

    label: str  # "about 2,000 residents", "2031-05-13", "Tomas Reyne", "denied"
    claim_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: ConflictKind
    sides: tuple[Side, ...]
    note: str


@dataclass(frozen=True, slots=True)
class Update:
    earlier: str  # claim id
    later: str
    kind: Literal["revised", "added"]  # "risen to 14"; "another 600"
    note: str


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    speaker: str
    base: str  # claim id of the first wording
    kinds: tuple[tuple[str, VariantKind], ...]  # (claim id, kind) for the others
    diffs: tuple[tuple[str, tuple[dict[str, str], ...]], ...]  # (claim id, word diff)
    # The wordings compared, the base's first: each claim's quoted words (inside a
    # paraphrase, only the quoted passage).
    quotations: tuple[Quotation, ...] = ()


def find_conflicts(members: Sequence[ClaimView], weights: StoryWeights) -> list[Conflict]:
    conflicts = _quantity_conflicts(members)
    conflicts += _date_conflicts(members, weights)
    conflicts += _attribution_conflicts(members, weights)
    polarity = _polarity_conflict(members)
    return conflicts + ([polarity] if polarity else [])


def _voice(view: ClaimView) -> str:
    """Claims compared for figures and dates: one origin's, or outlets in their own voice
    (each outlet asserting a figure is a side)."""
    return "outlets" if view.claim.kind == "outlet" else "origin:" + view.origin


def _quantity_conflicts(members: Sequence[ClaimView]) -> list[Conflict]:
    # (voice, counted thing) -> distinct figures, each with the claims that state it
    figures: dict[tuple[str, str], list[tuple[Quantity, ClaimView, list[str]]]] = {}
    for view in members:
        for quantity in view.quantities:
            thing = counted_thing(quantity)
            if thing is None or quantity.value is None:  # vague amounts conflict with none
                continue
            seen = figures.setdefault((_voice(view), thing), [])
            same = next((f for f in seen if _same_figure(f[0], quantity)), None)
            if same is None:
                seen.append((quantity, view, [view.id]))
            elif view.id not in same[2]:
                same[2].append(view.id)
    conflicts = []
    for (_, thing), found in figures.items():
        for i, (first, first_view, first_ids) in enumerate(found):
            for second, second_view, second_ids in found[i + 1 :]:
                if not quantity_pairs([first], [second]):
                    continue  # figures far apart count different things
                if not one_count(first_view, first, second_view, second):
                    continue  # "14 skiers were airlifted" / "31 skiers were unaccounted for"
                if figures_agree(first, second) or _is_update(
                    first_view, first, second_view, second
                ):
                    continue
                sides = (
                    Side(_figure_text(first_view, first), tuple(first_ids)),
                    Side(_figure_text(second_view, second), tuple(second_ids)),
                )
                who = first_view.speaker or "the outlets"
                conflicts.append(Conflict("quantity", sides, f"{who}: {thing} figures differ"))
    return conflicts


def _same_figure(x: Quantity, y: Quantity) -> bool:
    return (x.value, x.low, x.high) == (y.value, y.low, y.high)


def _figure_text(view: ClaimView, quantity: Quantity) -> str:
    return " ".join(quantity.span.of(view.article.text).split())


def _date_conflicts(members: Sequence[ClaimView], weights: StoryWeights) -> list[Conflict]:
    """One event on two days: claims of one voice, each holding one day and no other
    time, whose words before the day say the same (a group also gathers claims about
    one event's different moments: "called at 10:52 p.m. on Tuesday", "under control
    on Wednesday")."""
    days: dict[str, dict[str, ClaimView]] = {}
    ids: dict[tuple[str, str], list[str]] = {}
    for view in members:
        known = [t for t in view.times if t.value]
        if len(known) == 1 and known[0].granularity == "day" and len(known[0].value or "") == 10:
            day = known[0].value or ""
            days.setdefault(_voice(view), {}).setdefault(day, view)
            ids.setdefault((_voice(view), day), []).append(view.id)
    conflicts = []
    for voice, by_day in days.items():
        firsts = sorted(by_day.items())
        for i, (day, left) in enumerate(firsts):
            for other_day, right in firsts[i + 1 :]:
                # Not the whole claims' words: a bare "the storm made landfall on 2
                # August" has too few to weigh against "the storm reached the coast on
                # August 1" (short claims are damped for grouping), and they are in one
                # group already. What is dated must be one event.
                if not same_dated_event(left, right, weights) or _revises(left, right):
                    continue
                sides = (Side(day, tuple(ids[voice, day])),
                         Side(other_day, tuple(ids[voice, other_day])))  # fmt: skip
                who = left.speaker or "the outlets"
                conflicts.append(Conflict("date", sides, f"{who}: dates differ"))
    return conflicts


def _attribution_conflicts(members: Sequence[ClaimView], weights: StoryWeights) -> list[Conflict]:
    """The same words given to different named people, neither relaying the other."""
    first_by_person: dict[str, ClaimView] = {}
    for view in members:
        if view.speaker and view.speaker_kind == "person" and not view.relays:
            first_by_person.setdefault(view.speaker, view)
    people = list(first_by_person.values())
    origins = traced_origins(members)
    conflicts = []
    for i, left in enumerate(people):
        for right in people[i + 1 :]:
            # A denial of another's words is a polarity conflict, not one statement
            # given to two people; two who speak for one body (its spokeswoman and its
            # chair) may well say the same.
            if (
                left.article.id == right.article.id
                or left.denied != right.denied
                or origins[left.id] == origins[right.id]
            ):
                continue
            close = word_similarity(left, right, weights)
            if left.is_quote and right.is_quote:
                # One quotation edited ("Nobody" for "No one"): the share of the shorter
                # one's words that run unbroken in both.
                shorter = min(len(quote_words(left.text)), len(quote_words(right.text)))
                close = max(close, shared_run(left.text, right.text) / max(shorter, 1))
            if any(
                figures_agree(x, y) for x, y in quantity_pairs(left.quantities, right.quantities)
            ):
                close += SAME_FIGURE
            if close < SAME_WORDS:
                continue
            sides = tuple(
                Side(person.speaker or "", tuple(m.id for m in members if m.speaker == person.speaker))
                for person in (left, right)
            )  # fmt: skip
            conflicts.append(
                Conflict("attribution", sides, f"the same words given to {left.speaker} "
                         f"and to {right.speaker}")
            )  # fmt: skip
    return conflicts


def _polarity_conflict(members: Sequence[ClaimView]) -> Conflict | None:
    denied = [m for m in members if m.denied]
    # Words that negate what they say ("No warning about that hall was ignored") may be
    # the denial itself in other words: they are neither side.
    asserted = [m for m in members if not m.denied and not _NEGATION.search(m.text)]
    if not denied or not asserted:
        return None
    deniers = sorted({m.origin for m in denied})
    return Conflict(
        "polarity",
        (Side("asserted", tuple(m.id for m in asserted)), Side("denied", tuple(m.id for m in denied))),
        f"denied by {', '.join(deniers)}",
    )  # fmt: skip


def _is_update(
    earlier: ClaimView, earlier_q: Quantity, later: ClaimView, later_q: Quantity
) -> bool:
    """A figure of a later day whose words say it moved."""
    if earlier.day and later.day and later.day < earlier.day:
        earlier, earlier_q, later, later_q = later, later_q, earlier, earlier_q
    if not (earlier.day and later.day and later.day > earlier.day):
        return False
    return bool(_UPDATE_CUE.search(_around(later, later_q)))


def find_updates(groups: Sequence[Sequence[ClaimView]], weights: StoryWeights) -> list[Update]:
    """Later figures that revise or add to earlier ones, within and across groups.

    A later figure is an update when words beside it say it moved ("has risen to 14",
    "another 600", "fourteen people have now been treated"), its article is of a later
    day, and an earlier figure of the same counted thing differs from it in a claim
    whose words are close (within a group, or across groups above UPDATE_WORDS). Each
    (group, figure) is held by a few of its claims, so the cost stays with the number
    of distinct figures."""
    held: dict[str, dict[tuple[int, tuple[float | None, ...]], list[tuple[ClaimView, Quantity]]]]
    held = {}
    for number, members in enumerate(groups):
        for view in members:
            for quantity in view.quantities:
                thing = counted_thing(quantity)
                if thing is None or quantity.value is None or view.day is None:
                    continue
                key = (number, (quantity.value, quantity.low, quantity.high))
                claims = held.setdefault(thing, {}).setdefault(key, [])
                if len(claims) < UPDATE_SAMPLE:
                    claims.append((view, quantity))
    updates = []
    for figures in held.values():
        for (later_group, _), later_claims in figures.items():
            for later, later_q in later_claims:
                if not _UPDATE_CUE.search(_around(later, later_q)):
                    continue
                update = _best_earlier(later, later_q, later_group, figures, weights)
                if update is not None and update not in updates:
                    updates.append(update)
    known = {(u.earlier, u.later) for u in updates}
    for members in groups:
        for update in _state_updates(members, weights):
            if (update.earlier, update.later) not in known:
                known.add((update.earlier, update.later))
                updates.append(update)
    return updates


def _state_updates(members: Sequence[ClaimView], weights: StoryWeights) -> list[Update]:
    """Later reports in a group that a state or a date changed since an earlier one
    ("the order would be reviewed on Sunday" -> "the order was lifted on Sunday";
    "schools were closed for the day" -> "the schools will stay shut until Monday").

    The later claim is of a later publication day and says a change the earlier one did
    not: a verb of change it lacks, or a lasting word with a day it does not give. A
    quotation reprinted later is one statement, not a report of a change. Each distinct
    later wording is compared with the group's closest earlier claims (a few distinct
    wordings)."""
    dated = [m for m in members if m.day is not None]
    if len(dated) < 2 or len({m.day for m in dated}) < 2:
        return []
    updates = []
    seen: set[str] = set()
    for later in dated:
        wording = " ".join(later.text.lower().split())
        if wording in seen:
            continue
        seen.add(wording)
        changes = _changes(later)
        if not changes:
            continue
        assert later.day is not None
        earlier_wordings: dict[str, ClaimView] = {}
        for earlier in dated:
            if earlier.day is not None and earlier.day < later.day:
                earlier_wordings.setdefault(" ".join(earlier.text.lower().split()), earlier)
        best: tuple[float, ClaimView] | None = None
        for earlier in list(earlier_wordings.values())[:STATE_SAMPLE]:
            if not _changed_since(earlier, later, changes):
                continue
            close = word_similarity(earlier, later, weights)
            if best is None or close > best[0]:
                best = (close, earlier)
        if best is not None:
            earlier = best[1]
            updates.append(
                Update(earlier.id, later.id, "revised", _state_note(earlier, later, changes))
            )
    return updates


def _revises(left: ClaimView, right: ClaimView) -> bool:
    """Whether the later-published of two claims reports a change since the other
    ("the hearing was postponed to Friday" after "the hearing is on Tuesday")."""
    if left.day is None or right.day is None or left.day == right.day:
        return False
    earlier, later = (left, right) if left.day < right.day else (right, left)
    changes = _changes(later)
    return bool(changes[0] or changes[1]) and _changed_since(earlier, later, changes)


def _changes(view: ClaimView) -> tuple[set[str], set[str]]:
    """The claim's verbs of change and its lasting words, as stems."""
    text = view.text
    changed = {stem(m.group().split()[0].lower()) for m in _CHANGED.finditer(text)}
    lasting = {stem(m.group().split()[0].lower()) for m in _LASTING.finditer(text)}
    return (changed, lasting) if changed or lasting else (set(), set())


_LETTER_WORD = re.compile(r"[^\W\d_]+")


def _said(view: ClaimView) -> set[str]:
    """The stems of every word of a claim, function words included ("still", "no
    longer"), to see what a later claim says that it did not."""
    return {stem(w.lower()) for w in _LETTER_WORD.findall(view.text)}


def _state_note(earlier: ClaimView, later: ClaimView, changes: tuple[set[str], set[str]]) -> str:
    """What changed, in the later claim's own words ("lifted"), and when: the two
    wordings are shown beside the note, so it does not repeat them."""
    new = set().union(*changes) - _said(earlier)
    words = [w for w in _LETTER_WORD.findall(later.text) if stem(w.lower()) in new]
    what = ", ".join(dict.fromkeys(w.lower() for w in words)) or "changed"
    return f"{what} ({later.day}), since {earlier.day}"


def _changed_since(
    earlier: ClaimView, later: ClaimView, changes: tuple[set[str], set[str]]
) -> bool:
    if earlier.denied != later.denied:
        return False  # a denial is a polarity conflict
    if earlier.is_quote and later.is_quote and earlier.speaker == later.speaker:
        return False  # one quotation, printed again
    said = _said(earlier)
    changed, lasting = changes
    if changed - said:
        return True
    if not lasting - said:
        return False
    before = {t.value for t in earlier.times if t.value}
    return any(t.value and t.value not in before for t in later.times)


def _best_earlier(
    later: ClaimView,
    later_q: Quantity,
    later_group: int,
    figures: dict[tuple[int, tuple[float | None, ...]], list[tuple[ClaimView, Quantity]]],
    weights: StoryWeights,
) -> Update | None:
    """The earlier claim of another figure whose words are closest to the update's."""
    assert later.day is not None
    added = bool(_ADDED.search(_around(later, later_q)))
    best: tuple[float, ClaimView, Quantity] | None = None
    for (group, _), claims in figures.items():
        for earlier, earlier_q in claims:
            if earlier.day is None or earlier.day >= later.day or figures_agree(earlier_q, later_q):
                continue
            if not added and not quantity_pairs([earlier_q], [later_q]):
                continue  # a revised figure is of the same size; "another 600" need not be
            close = word_similarity(earlier, later, weights)
            if group != later_group and close < UPDATE_WORDS:
                continue
            if best is None or close > best[0]:
                best = (close, earlier, earlier_q)
    if best is None:
        return None
    _, earlier, earlier_q = best
    note = (f"{_figure_text(earlier, earlier_q)} ({earlier.day}) -> "
            f"{_figure_text(later, later_q)} ({later.day})")  # fmt: skip
    return Update(earlier.id, later.id, "added" if added else "revised", note)


def _around(view: ClaimView, quantity: Quantity) -> str:
    """The figure's words and those beside it ("risen to 14", "600 more", "have now")."""
    text = view.article.text
    return text[max(0, quantity.span.start - 25) : quantity.span.end + 20]


def find_quote_variants(members: Sequence[ClaimView]) -> list[QuoteVariant]:
    """For each remark quoted in the group, its wordings in other articles against the
    first: whole quotations, and quoted passages inside paraphrases."""
    article_of = {view.id: view.article.id for view in members}
    remarks: list[tuple[str, list[Quotation]]] = []  # (speaker, its quotations, first first)
    closeness: dict[tuple[str, str], float] = {}

    def close(left: str, right: str) -> float:
        if (left, right) not in closeness:
            closeness[left, right] = same_remark(left, right)
        return closeness[left, right]

    for view in members:
        if not view.speaker:
            continue
        for quotation in _quotations(view):
            scored = [
                (close(quotes[0].text, quotation.text), i)
                for i, (speaker, quotes) in enumerate(remarks)
                if speaker == view.speaker
            ]
            score, best = max(scored, default=(0.0, -1))
            if score >= SAME_REMARK:
                remarks[best][1].append(quotation)
            else:
                remarks.append((view.speaker, [quotation]))
    variants = []
    for speaker, quotes in remarks:
        base = quotes[0]
        others: dict[str, Quotation] = {}  # per other article, its wording closest to the base
        for quote in quotes[1:]:
            article = article_of[quote.claim]
            held = others.get(article)
            if article != article_of[base.claim] and (
                held is None or close(base.text, quote.text) > close(base.text, held.text)
            ):
                others[article] = quote
        if not others:
            continue
        kinds = tuple((q.claim, compare_quotes(base.text, q.text)) for q in others.values())
        diffs = tuple(
            (q.claim, tuple(word_diff(base.text, q.text)))
            for q, (_, kind) in zip(others.values(), kinds, strict=True)
            if kind != "identical"
        )
        variants.append(QuoteVariant(speaker, base.claim, kinds, diffs, (base, *others.values())))
    return variants


def _quotations(view: ClaimView) -> list[Quotation]:
    """A direct quote's words whole; a paraphrase's quoted passages."""
    content = view.claim.content
    if view.is_quote:
        return [Quotation(view.id, content.start, content.end, view.text)]
    if view.quotes_words:
        return quotations_in(view.id, view.article.text, view.claim.parts or (content,))
    return []

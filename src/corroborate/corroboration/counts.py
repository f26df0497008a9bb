"""Whether two figures in one unit count one thing: "14 skiers were airlifted to the
clinic" and "31 skiers were still unaccounted for" are two counts of skiers, however
alike the rest.

A count is said with a predicate: the verb or adjective the counted noun is the subject
or object of ("14 skiers were *airlifted*", "the club *suspended* 12 members", "31
skiers remained *unaccounted* for"). Outlets retelling one count often change that
word ("crews dug 20 skiers out of the snow" / "20 skiers were freed from the snow";
"gathered at the pass" / "moved to the pass"), and no lexicon joins every such pair;
but they keep the rest of the statement, or add to one side only, who did it aside
("crews dug"). Two counts are taken as two different things when their predicates
differ (not one word, stem or WordNet sense, and neither said elsewhere in the other
claim) **and** each claim also says something the other does not ("airlifted to the
valley clinic with broken bones" / "still unaccounted for on the upper slopes").

The predicate is found from the words around the figure, without a parse: the verb just
before it ("suspended 12 members", "called up 300 volunteers", "were cleared by 40
snowploughs"), else the first word after the counted noun and its own complement ("60
chalets on the north slope had been buried"), past auxiliaries, adverbs and linking
verbs ("remained unaccounted for"). "Be" and "have" say nothing of what was counted
("we have 14 snowploughs"): a count with no predicate found is compared by its other
words alone.

A count of what was not done is a count of other things than one of what was: "140
volunteers had been enlisted" / "60 volunteers had failed to turn up", "12 divers went
down to the wreck" / "5 divers had not come back". Where the two predicates
differ, a figure whose predicate is negated ("had not been accounted for", "did not
return") or is a verb of not doing ("refused to", "failed to") counts one thing, and
the same source's figure in the same unit with a predicate neither negated nor of not
doing counts another, however alike the rest of the two claims.
"""

from __future__ import annotations

import re

from corroborate.corroboration.synonyms import is_verb_form, meanings_of, related
from corroborate.corroboration.views import ClaimView, stem, stems_of
from corroborate.records import Quantity

__all__ = ["count_negated", "count_predicate", "one_count"]

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*|[^\w\s]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words between a counted noun and its predicate, or before the figure, that are not it.
_AUXILIARIES = _words(
    "am is are was were be been being have has had having do does did will would shall "
    "should can could may might must to remain remained remains remaining stay stayed "
    "stays become became becomes"
)
_ADVERBS = _words("not never still also already now reportedly yet just only all so")
_PREPOSITIONS = _words(
    "of in on at by for from with to into onto off out over under about across near after "
    "before during among between outside inside around through against towards"
)
_DETERMINERS = _words("a an the this that these those its their his her our your my some")
_PARTICLES = _words("up out off down away back over in")
# Verbs that only link a count to what follows ("we have 14 warships", "there were 60
# tonnes of solvent").
_LIGHT = _words("am is are was were be been being have has had having")
# Words that make a count one of what was not done: the negation of a verb, and verbs
# of not doing. Not words of absence or loss ("no power", "without power", "missing",
# "lost power"): outlets retell one count of a lack in as many ways ("had lost power" /
# "were left without power" / "the storm cut power to"), and a count of what is lacking
# is compared as any other.
_NOT = _words("not never nor n't cannot fail fails failed failing refuse refuses refused "
              "refusing decline declines declined declining")


def count_predicate(view: ClaimView, quantity: Quantity) -> str | None:
    """The word that says what happened to what ``quantity`` counts, lower-case; None
    when the words around the figure do not show one."""
    text, content = view.article.text, view.claim.content
    before = [w.lower() for w in _TOKEN.findall(text[content.start : quantity.span.start])]
    after = [w.lower() for w in _TOKEN.findall(text[quantity.span.end : content.end])]
    if before:
        found, known = _verb_before(before)
        if known:
            return found
    return _predicate_after(after)


def count_negated(view: ClaimView, quantity: Quantity) -> bool:
    """Whether ``quantity`` counts what was not done (the module docstring): a word of
    _NOT among the few words before the figure that lead to its verb ("did not
    evacuate 300 residents"), or after the counted noun up to its predicate ("45
    people had not been accounted for", "3,000 reservists failed to report")."""
    text, content = view.article.text, view.claim.content
    before = [w.lower() for w in _TOKEN.findall(text[content.start : quantity.span.start])]
    if before and _verb_before(before)[0] is not None and _NOT.intersection(before[-4:]):
        return True
    after = [w.lower() for w in _TOKEN.findall(text[quantity.span.end : content.end])]
    for word in after[:_NOT_REACH]:
        if word in _NOT or word.endswith(("n't", "n’t")):
            return True
        if not word.isalpha() or word in _RELATIVE:
            break  # past the clause of the count: "..., who were not hurt"
    return False


# Words after the counted noun that the negation of its predicate is looked for in:
# "had not been accounted for", "in the lower town did not return".
_NOT_REACH = 6
_RELATIVE = _words("who which that whose whom when while after before and but")


def _verb_before(before: list[str]) -> tuple[str | None, bool]:
    """The verb whose object (or passive agent) the figure is: "suspended 120", "called
    up 7,700", "crossed by 170", "cut off to 2,000". (predicate, whether it is settled)."""
    j = len(before) - 1
    if before[j] in _PREPOSITIONS and before[j] not in _PARTICLES and j > 0:
        j -= 1
    if before[j] in _PARTICLES and j > 0 and _is_verb(before[j - 1]):
        j -= 1
    word = before[j]
    if j > 0 and before[j - 1] in _DETERMINERS:
        return None, False  # a noun: "costing the plant 650 cars"
    if word in _LIGHT:
        return None, True
    if _is_verb(word):
        return word, True
    return None, False


def _predicate_after(after: list[str]) -> str | None:
    """The first word after the counted noun that is neither its complement ("of
    solvent", "in the lower town", "living near the plant") nor an auxiliary or adverb."""
    i = 0
    while i < len(after):
        word = after[i]
        if not word.isalpha():
            return None
        if word in _AUXILIARIES or word in _ADVERBS:
            i += 1
            continue
        if word in _PREPOSITIONS or (i == 0 and word.endswith("ing")):
            i += 1
            while i < len(after) and after[i].isalpha() and after[i] not in _AUXILIARIES:
                i += 1
            continue
        return None if word in _LIGHT else word
    return None


def _is_verb(word: str) -> bool:
    return (
        word.isalpha()
        and word not in _AUXILIARIES
        and word not in _ADVERBS
        and word not in _PREPOSITIONS
        and word not in _DETERMINERS
        and (is_verb_form(word) or word.endswith("ed"))
    )


def one_count(left: ClaimView, left_q: Quantity, right: ClaimView, right_q: Quantity) -> bool:
    """Whether two figures of one unit may count one thing (see the module docstring)."""
    left_p, right_p = count_predicate(left, left_q), count_predicate(right, right_q)
    if _predicates_agree(left_p, left, right_p, right):
        return True
    if count_negated(left, left_q) != count_negated(right, right_q):
        return False
    assert left_p is not None and right_p is not None
    beside = {stem(left_p), stem(right_p)}
    left_more = _said_only(left, right, beside | _set_aside(left, left_q))
    right_more = _said_only(right, left, beside | _set_aside(right, right_q))
    return not (left_more and right_more)


def _set_aside(view: ClaimView, quantity: Quantity) -> frozenset[str]:
    """Words of a claim that do not tell its count from another: the figure's own, and
    where the figure is a verb's object, who did it ("crews dug 20 skiers out" / "20
    skiers were freed"): outlets name or drop the doer as they please."""
    text, content = view.article.text, view.claim.content
    words = stems_of(quantity.span.of(text))
    before = text[content.start : quantity.span.start]
    tokens = _TOKEN.findall(before)
    if tokens and _is_verb(tokens[-1].lower()):
        words |= stems_of(before)
    return words


def _predicates_agree(
    left_p: str | None, left: ClaimView, right_p: str | None, right: ClaimView
) -> bool:
    if left_p is None or right_p is None:
        return True
    left_stem, right_stem = stem(left_p), stem(right_p)
    if left_stem == right_stem or left_stem in right.stems or right_stem in left.stems:
        return True
    left_meaning = meanings_of(left_p, frozenset({left_stem}), stem).get(left_stem)
    right_meaning = meanings_of(right_p, frozenset({right_stem}), stem).get(right_stem)
    if left_meaning and any(related(left_meaning, m) for m in right.meanings.values()):
        return True
    return bool(right_meaning and any(related(right_meaning, m) for m in left.meanings.values()))


def _said_only(view: ClaimView, other: ClaimView, beside: set[str]) -> bool:
    """Whether ``view`` has a word (beyond ``beside``) that ``other`` neither has nor
    says otherwise."""
    for word in view.stems:
        if word.startswith("#") or word in other.stems or word in beside:
            continue
        meaning = view.meanings.get(word)
        if meaning and any(related(meaning, m) for m in other.meanings.values()):
            continue
        return True
    return False

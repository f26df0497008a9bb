"""Directives: words that ask for something ("urged residents to stay indoors", "called
on the board to resign", "appealed to donors to send blankets", "called for a
ceasefire", "urged restraint").

What a directive asks for is what its speaker said, and PolNeAR marks it so: the cue is
the verb with its preposition ("called on", "called for", "pleads for"), the content the
one asked with the infinitive ("Trump to stop attacking Machado", "Republicans to join
the ranks") or the thing asked for ("a moratorium on charter schools", "retaliation on
Russia"). A few verbs ask only with their preposition ("appeal to voters" alone is to
please them; "pleaded guilty to" is no request), so they count as cues only with it.

Asking, telling and ordering ("the city asked residents to keep their windows shut")
are left to the cue lists as before: the outlet reports them as acts, and the example
corpus's reference reads them so.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from corroborate.claims.cues import PHRASAL_DIRECTIVES

__all__ = ["directive_content", "directive_preposition", "is_directive"]

# Verbs that ask for something by themselves: the object is what is asked for ("urged
# restraint", "demanded the release of the crew"), or with an infinitive the one asked
# ("urged residents to stay indoors").
DIRECTIVE_VERBS = frozenset(["urge", "demand"])
# Prepositions that take the one asked, before an infinitive ("called on X to", "appealed
# to X to", "pleaded with X to"); the others ("for") take the thing asked for.
_ASKED = frozenset(["on", "upon", "to", "with"])
# Objects that are the one asked, not the thing asked for: "urged them" is no request
# without an infinitive saying for what.
_PERSONAL = frozenset(["PRP"])


def directive_preposition(verb: Token) -> Token | None:
    """The preposition that makes the verb a directive, right after it ("called on",
    "appealed for"), when it has an object and, for the one asked, an infinitive."""
    allowed = PHRASAL_DIRECTIVES.get(verb.lemma_.lower())
    if not allowed or verb.i + 1 >= len(verb.doc):
        return None
    word = verb.doc[verb.i + 1]
    if word.head != verb or word.dep_ not in ("prep", "prt") or word.lower_ not in allowed:
        return None
    if not any(c.dep_ == "pobj" for c in word.children):
        return None
    if word.lower_ in _ASKED and not _infinitive(verb, word):
        return None
    return word


def directive_content(verb: Token) -> tuple[int, int] | None:
    """The token range of what the directive asks (see the module's docstring), or None
    when the verb asks nothing that way."""
    if any(c.dep_ == "ccomp" for c in verb.children):
        return None  # "demanded that the board resign": a clause, read as any other
    preposition = directive_preposition(verb)
    infinitive = _infinitive(verb, preposition)
    if preposition is not None:
        asked = next(c for c in preposition.children if c.dep_ == "pobj")
        end = max(asked.right_edge.i, infinitive.right_edge.i if infinitive else -1)
        return asked.left_edge.i, end + 1
    if verb.lemma_.lower() not in DIRECTIVE_VERBS:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if not objects:
        return None
    # What completes the request after the object: the infinitive, or the state asked
    # for where the parser hangs it on the verb ("urged people ... to keep the doors
    # closed", with "closed" on "urged").
    after = [c for c in verb.children if c.dep_ == "xcomp" and c.i > objects[0].i]
    if not after and objects[0].tag_ in _PERSONAL:
        return None
    end = max(c.right_edge.i for c in [objects[0], *after])
    return objects[0].left_edge.i, end + 1


def is_directive(doc: Doc, cue: tuple[int, int]) -> bool:
    """Whether the cue at these characters is a directive's verb ("urged", "called on")."""
    span = doc.char_span(*cue, alignment_mode="expand")
    if span is None:
        return False
    verb = span.root
    for token in span:
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            verb = token
            break
    return directive_content(verb) is not None


def _infinitive(verb: Token, preposition: Token | None = None) -> Token | None:
    """The verb's infinitive complement after it ("urged residents to stay indoors").
    After a preposition's object the parser may read it as a clause of purpose
    ("pleaded with the rebels to free ..."); right after the object it is the request."""
    for child in verb.children:
        if child.i < verb.i or child.tag_ != "VB":
            continue
        if child.dep_ == "xcomp":
            return child
        if child.dep_ == "advcl" and preposition is not None:
            to = [c for c in child.children if c.dep_ == "aux" and c.lower_ == "to"]
            if to and child.left_edge.i == preposition.right_edge.i + 1:
                return child
    return None

"""Roles an article states for a name: its title ("Chief Fire Officer Tomas Reyne"),
an apposition ("Cho Hae-rim, director of the agency,") or a "who chairs ..." clause."""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from corroborate.claims import gazetteer as gz
from corroborate.claims.entity_records import Cand, Draft, Owned
from corroborate.claims.name_forms import (
    capitalise,
    capitalised,
    holds_person_role,
    norm,
    personal_name,
)
from corroborate.claims.name_spans import misread_apposition

__all__ = ["read_roles"]


def read_roles(doc: Doc, draft: Draft, index: int, cand: Cand, owned: list[Owned]) -> None:
    """The roles a name's title, apposition or "who chairs ..." clause states, added to
    ``draft`` (the entity ``index``); a role whose owner is a role noun goes to ``owned``."""
    if cand.title:
        words = list(doc[cand.title[0] : cand.title[1]])
        norms = {norm(t) for t in words}
        if norms & gz.MALE_TITLES:
            draft.gender = "m"
        elif norms & gz.FEMALE_TITLES:
            draft.gender = "f"
        kept = [t for t in words if norm(t) not in gz.HONORIFICS]
        if kept:
            draft.add_role(doc[kept[0].i : kept[-1].i + 1].text)
    if draft.fixed or cand.kind == "place":
        return
    root, end = doc[cand.start : cand.end].root, cand.end
    if end + 2 < len(doc) and doc[end].text == ",":
        # Read by position, not by the parse, which often hangs a foreign name off
        # its own apposition: "Cho Hae-rim, director of the agency (NIS),".
        verb = doc[end + 2]
        if doc[end + 1].lower_ == "who" and verb.lemma_ in gz.ROLE_VERBS:
            _role_clause(doc, draft, verb)
        else:
            _apposition(doc, draft, index, (end + 1, _phrase_end(doc, end + 1)), owned)
    head = root.head
    if misread_apposition(root):  # "the yard's owner, Per Alm," with "Per" a preposition
        head = doc[cand.start - 2]
    elif root.dep_ == "appos" and _personal(doc, cand):
        head = _role_over_body(head)
    if (  # "the company's chief executive, Jan Olsen"
        (root.dep_ == "appos" or misread_apposition(root))
        and head.i < cand.start
        and head.pos_ == "NOUN"
        and doc[cand.start - 1].text == ","
    ):
        _apposition(doc, draft, index, (head.left_edge.i, cand.start - 1), owned)


def _role_over_body(head: Token) -> Token:
    """The role noun a name stands beside when the parse hangs the name on the body
    that ends the role ("A spokeswoman for [Corrick General Hospital], Lena Marsh,"):
    the noun the body's preposition belongs to, else ``head`` itself."""
    prep = head.head
    if head.dep_ == "pobj" and prep.lower_ in ("for", "of", "at") and prep.head.i < prep.i:
        return prep.head
    return head


def _personal(doc: Doc, cand: Cand) -> bool:
    """A name that is a person's by its label or its words ("Gwen Talbot"): a body
    listed after another ("a manager at Halvard, Brannock,") takes no role this way."""
    return cand.kind == "person" or personal_name(doc[cand.start : cand.end])


def _role_clause(doc: Doc, draft: Draft, verb: Token) -> None:
    """ "who chairs the committee" -> "Chair of the committee"; "who speaks for the
    union" -> "Spokesperson for the union"."""
    preposition = gz.ROLE_VERB_PREPOSITIONS.get(verb.lemma_)
    if preposition is None:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    else:
        prep = next((c for c in verb.children if c.lower_ == preposition), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    if obj is not None:
        what = doc[obj.left_edge.i : obj.right_edge.i + 1].text
        role = capitalise(gz.ROLE_VERBS[verb.lemma_])
        draft.add_role(f"{role} {preposition or 'of'} {what}")


def _apposition(
    doc: Doc, draft: Draft, index: int, phrase: tuple[int, int], owned: list[Owned]
) -> None:
    """A role stated beside the name, tidied: "director of the X" -> "Director, X"."""
    start, end = phrase
    first = start
    while start < end and doc[start].pos_ == "DET":
        start += 1
    if not 0 < end - start <= 12 or not _role_like(doc[start:end]):
        return
    if _person_head(doc[start:end]):  # "Per Alm, a union official," typed ORG
        draft.votes["person"] += 3
    printed = doc[start:end].text
    if doc[start].lower_ == "its" and start + 1 < end:  # "its managing director": the
        # body "its" stands for, once all are known
        owner = (doc[start].idx, doc[start].idx + len(doc[start].text))
        owned.append(Owned(index, printed, capitalise(doc[start + 1 : end].text), owner))
        draft.add_role(printed)
        return
    # A possessive names whose role it is only before the role's own preposition:
    # "the company's chief executive", not "a representative of the Workers' Union".
    preposition = next((t.i for t in doc[start:end] if t.lower_ in ("of", "for", "at")), end)
    possessive = next((t.i for t in doc[start:preposition] if t.tag_ == "POS"), None)
    if possessive is not None and possessive + 1 < end:
        role = capitalise(doc[possessive + 1 : end].text)
        if doc[start].pos_ == "PROPN":
            draft.add_role(f"{role}, {doc[start:possessive].text}")
        else:  # "the company's chief executive": name the company once all are known
            last = doc[possessive - 1]
            owner = (doc[first].idx, last.idx + len(last.text))
            owned.append(Owned(index, printed, role, owner))
            draft.add_role(printed)
        return
    for t in doc[start:end]:
        rest = [u for u in doc[t.i + 1 : end] if u.pos_ != "DET"]
        if t.lower_ in ("of", "for", "at") and rest and capitalised(rest[0]):
            before = doc[start : t.i]
            if 0 < len(before) <= 4 and before.text.islower():
                draft.add_role(f"{capitalise(before.text)}, {doc[rest[0].i : end].text}")
                return
    draft.add_role(capitalise(printed))


def _phrase_end(doc: Doc, start: int) -> int:
    """Where an apposition that starts at ``start`` closes: a comma, bracket or the end,
    or a relative clause about it ("a union representative who attended the meeting")."""
    for k in range(start, min(len(doc), start + 14)):
        if doc[k].is_punct and doc[k].text != "-" and not _possessive_mark(doc[k]):
            return k
        if k > start and doc[k].tag_ in ("WP", "WP$", "WDT") and _antecedent(doc, start, k):
            return k
        if doc[k].is_sent_end:
            return k + 1
    return start  # too long to be a role


def _possessive_mark(token: Token) -> bool:
    """An apostrophe that makes the word before it a possessive ("the Chemical
    Workers’ Union"), which the tagger may read as a quotation mark: no end of a phrase."""
    return (
        token.text in ("'", "’")
        and token.i > 0
        and not token.doc[token.i - 1].whitespace_
        and (token.dep_ == "case" or token.tag_ == "POS")
    )


def _person_head(tokens: TokenSpan) -> bool:
    """The role phrase's head is a title only people hold: "a union official", "the
    foreign minister"; not "a collective of social justice groups"."""
    head = tokens.root
    return (
        head.text.islower()
        and norm(head) not in gz.HONORIFICS
        and holds_person_role(tokens[max(0, head.i - tokens.start - 1) : head.i - tokens.start + 1])
    )


def _antecedent(doc: Doc, start: int, pronoun: int) -> bool:
    """An apposition "a historian who ..." (an article, then the noun the relative pronoun
    at ``pronoun`` is about): not "sources who said", "the composition of which"."""
    return doc[start].lower_ in ("a", "an", "the") and doc[pronoun - 1].pos_ == "NOUN"


def _role_like(tokens: TokenSpan) -> bool:
    """Starts with a lower-case noun or adjective ("director", "a spokeswoman") or a
    possessive ("its chief"), and has no verb but a modifier ("managing director"):
    not "which owns the depot", "52", "Calder and Voss"."""
    if tokens[0].lower_ == "its" and len(tokens) > 1:
        tokens = tokens[1:]
    first = tokens[0]
    if any(t.pos_ in ("VERB", "AUX", "PRON") and not _modifier(t) for t in tokens):
        return False
    if first.pos_ == "PROPN":
        return any(t.tag_ == "POS" for t in tokens)  # "Halvard Chemicals' managing director"
    return (first.pos_ in ("NOUN", "ADJ") or _modifier(first)) and first.text.islower()


def _modifier(token: Token) -> bool:
    """A participle that modifies a role's noun, which the tagger calls a verb:
    "managing" in "managing director", "acting" in "acting mayor"."""
    return (
        token.tag_ in ("VBG", "VBN")
        and token.dep_ in ("amod", "compound")
        and (token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN"))
    )

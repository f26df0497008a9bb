"""Where a name in the parse starts and ends, and what the words around it say of it.

The small English model splits names, runs them into titles and headline verbs, reads a
first name that is also a function word ("Per", "Will") as that word, and labels names it
does not know as anything. These readings of the parse put names back together and tell
a titled person, or a name that speaks, from the rest.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from corroborate.claims import gazetteer as gz
from corroborate.claims.name_forms import (
    SUBJECTS,
    Kind,
    capitalised,
    holds_person_role,
    norm,
    personal_name,
)

__all__ = [
    "LABEL_KIND",
    "NUMERIC_LABELS",
    "WEAK_LABELS",
    "after_title",
    "is_salient",
    "misread_apposition",
    "misread_first_name",
    "name_pieces",
    "organisation_noun_before",
    "person_titled",
    "printed_lower",
    "speaks",
    "subject_of_apposition",
    "title_before",
    "who_follows",
]

LABEL_KIND: dict[str, Kind] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "other",
}
# Labels the small model gives to names it does not know ("Mayor Ines Calder" as a
# PRODUCT): taken as names only after a title or before a speech verb.
WEAK_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# What the tagger makes of a first name that is also a short English word: "Per" is a
# preposition, "Will" an auxiliary. Not a determiner: "The" opens "The Washington Post".
_FUNCTION_POS = frozenset({"ADP", "AUX", "SCONJ", "CCONJ", "PART"})


def subject_of_apposition(token: Token) -> Token | None:
    """The subject a name stands beside: "A manager at Brannock, Gwen Talbot, said"."""
    if token.dep_ != "appos":
        return None
    head = token.head
    while head.dep_ in ("pobj", "prep", "appos", "compound") and head.head is not head:
        head = head.head
    return head if head.dep_ in SUBJECTS else None


def is_salient(root: Token) -> bool:
    """A subject, a subject's apposition, or an "according to" / "by" source."""
    if root.dep_ in SUBJECTS or subject_of_apposition(root) is not None:
        return True
    if root.dep_ == "pobj":
        prep = root.head
        return prep.dep_ == "agent" or (prep.lower_ == "to" and prep.head.lower_ == "according")
    return False


def misread_first_name(doc: Doc, start: int) -> bool:
    """Whether the word before the name at ``start`` is its first name, which the tagger
    read as the function word it also is ("Per" a preposition in "Per Alm").

    In mid-sentence a capitalised function word after a lower-case word, a title or a
    comma can only be a name ("union official Per Alm", "the owner, Per Alm,"). Elsewhere
    (a sentence's start, after a quotation) it is one only where the parse, taking the
    name for its subject or its object, left the verb with no other subject ("Per Alm,
    who ..., said"): "In Corrick, officials said" keeps its preposition.
    """
    if start < 1:
        return False
    word, name = doc[start - 1], doc[start]
    if word.pos_ not in _FUNCTION_POS or not (word.is_alpha and word.is_title):
        return False
    if word.whitespace_ != " ":
        return False
    if word.is_sent_start or start < 2:
        return _stands_for_subject(word, name)
    before = doc[start - 2]
    if before.text.islower() or before.text == "," or norm(before) in gz.TITLE_WORDS:
        return True
    # Not after a capitalised word: "Serving Under Obama" is a headline's case.
    return before.is_quote and _stands_for_subject(word, name)


def misread_apposition(token: Token) -> bool:
    """A name standing beside a noun phrase after a comma, whose first name the parser
    read as a preposition: "Per" in "The yard's owner, Per Alm, said"."""
    return (
        token.dep_ == "prep"
        and token.pos_ in _FUNCTION_POS
        and token.i > 1
        and token.doc[token.i - 1].text == ","
        and token.head in (token.doc[token.i - 2], token.doc[token.i - 2].head)
    )


def _stands_for_subject(word: Token, name: Token) -> bool:
    """``word`` is a preposition whose object (or whose verb's subject) is ``name``, and
    the verb has no subject but the name."""
    verb = word.head
    if word.dep_ != "prep" or verb.pos_ not in ("VERB", "AUX") or name.head not in (word, verb):
        return False
    subjects = [c for c in verb.children if c.dep_ in (*SUBJECTS, "expl", "csubj")]
    return all(c == name for c in subjects)


def speaks(token: Token) -> bool:
    """``token`` (a name's last) is the subject of, or stands before, a speech verb."""
    token = subject_of_apposition(token) or token
    if token.dep_ in SUBJECTS:
        verb = token.head
    elif token.dep_ == "pobj" and misread_first_name(token.doc, token.i):
        verb = token.head.head  # "Per Alm, who speaks for the union, said"
    elif token.i + 1 < len(token.doc):
        verb = token.nbor()
    else:
        return False
    return verb.lemma_.lower() in gz.SPEECH_VERBS and verb.pos_ in ("VERB", "AUX")


def organisation_noun_before(doc: Doc, i: int) -> bool:
    """The name at token ``i`` follows a lower-case noun that heads organisations' names,
    so is one: "grid operator Voltra", "chemicals firm Halvard" (no person's title)."""
    if i < 1:
        return False
    word = doc[i - 1]
    return (
        word.text.islower()
        and word.pos_ in ("NOUN", "PROPN")
        and word.lemma_.lower() in gz.ORG_HEADS
    )


def title_before(doc: Doc, i: int, strict: bool) -> tuple[int, int] | None:
    """The title printed before the name at token ``i``: "Chief Fire Officer", "lawmaker"."""
    if organisation_noun_before(doc, i):
        return None
    j = i
    while j > 0:
        t = doc[j - 1]
        if t.is_space or t.ent_type_ in NUMERIC_LABELS or "\n" in t.whitespace_:
            break
        word = norm(t)
        joint = t.text == "-" and not t.whitespace_ and not doc[j - 2].whitespace_  # "-General"
        inner = i > j > 1 and (word in ("of", "for") or t.tag_ == "POS" or joint)
        if t.is_punct and not inner:
            break
        # The small model tags a capitalised title word as anything ("Harbour master":
        # VERB); as a compound of the next word it is still part of the title.
        compound = t.dep_ == "compound" and t.text[:1].isupper()
        # The tagger misreads lower-case titles too: "shop steward" with "steward" a
        # particle, "harbour master" with "harbour" a verb.
        person = word in gz.PERSON_TITLES or (word, norm(doc[j])) in gz.PERSON_ROLES
        noun = t.pos_ in ("PROPN", "NOUN", "ADJ") or (j == i and _occupation_read_as_verb(t))
        if not (word in gz.TITLE_WORDS or person or inner or compound or noun):
            break
        j -= 1
        if t.is_sent_start:
            break
    while j < i and (doc[j].tag_ == "POS" or norm(doc[j]) in ("of", "for")):
        j += 1
    if j == i:
        return None
    titled = any(norm(t) in gz.TITLE_WORDS for t in doc[j:i]) or holds_person_role(doc[j:i])
    # A lower-case noun right before a name is an occupation ("plumber Ada Holt"), also
    # when the tagger made it a proper noun after a capitalised word ("Shop steward").
    last = doc[i - 1]
    # So is a capitalised word that the story prints lower-case elsewhere ("Harbourmaster
    # Alma Toft" and "the harbourmaster"): a common noun, not a first name.
    occupation = not strict and (
        (last.pos_ in ("NOUN", "PROPN") and last.is_lower and last.is_alpha)
        or _occupation_read_as_verb(last)
        or (last.pos_ == "PROPN" and printed_lower(doc, last))
    )
    return (j, i) if titled or occupation else None


def printed_lower(doc: Doc, word: Token) -> bool:
    """Whether a capitalised word is printed lower-case elsewhere in the text, as a
    definite noun: then it is a common noun ("Harbourmaster" and "the harbourmaster"), not part of a name."""
    if not word.is_alpha or word.is_lower or word.is_upper:
        return False
    return word.lower_ in _definite_nouns(doc)


_DEFINITE_NOUNS = "corroborate_definite_nouns"  # where a Doc keeps them once read


def _definite_nouns(doc: Doc) -> frozenset[str]:
    """The lower-case nouns the text names as definite, as a role is named again ("the
    harbourmaster", "the port's harbourmaster"): "prices rose" or "a mark was left"
    says nothing of "Mark Ann Vell". Read once per text."""
    found = doc.user_data.get(_DEFINITE_NOUNS)
    if found is None:
        found = frozenset(
            t.text
            for t in doc
            if t.is_lower
            and t.pos_ == "NOUN"
            and any(c.lower_ == "the" or c.dep_ == "poss" for c in t.children)
        )
        doc.user_data[_DEFINITE_NOUNS] = found
    return found


def _occupation_read_as_verb(word: Token) -> bool:
    """A lower-case noun right before a name that the tagger read as a bare verb
    ("harbourmaster Alma Toft said"), where the name is no object of it ("meet Alma
    Toft"): an occupation the title lists do not hold."""
    following = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    if following is None or not (word.is_lower and word.is_alpha and word.tag_ == "VB"):
        return False
    root = following
    while root.head.i != root.i and root.head.i > word.i and root.head.ent_iob_ == "I":
        root = root.head
    return root.head != word and following.head != word


def after_title(doc: Doc, start: int, end: int, kind: Kind | None) -> int:
    """Where a tagged name starts once a title the tagger took in is left out. A person's
    name loses a capitalised title ("Defence Minister Ilse Holt"); a name with any other
    label only a title that people alone hold before a personal name: "Mayor Ines Calder"
    as an organisation or a work of art is the mayor, "President Hotels" is no one."""
    cut = start
    for k in range(start, end - 1):
        word = norm(doc[k])
        if not (capitalised(doc[k]) or word == "of"):
            break
        if word in gz.TITLE_WORDS or word in gz.PERSON_TITLES:
            cut = k + 1
    if cut == start and end - start > 2 and printed_lower(doc, doc[start]):
        cut = start + 1  # "Harbourmaster Alma Toft" where the story says "the harbourmaster"
    if cut == start or kind == "person":
        return cut
    personal = holds_person_role(doc[start:cut]) and personal_name(doc[cut:end])
    return cut if personal else start


def person_titled(doc: Doc, title: tuple[int, int], start: int, end: int) -> bool:
    """Whether a name of several words that the recogniser did not type as a person is
    one by its title: a title only people hold, and no word of an organisation's name
    in the name itself."""
    if not holds_person_role(doc[title[0] : title[1]]):
        return False
    words = {norm(t) for t in doc[start:end]}
    body = gz.COMPANY_WORDS | gz.PUBLIC_BODY_WORDS | gz.ORG_HEADS
    return not words & body and all(t.text[:1].isupper() for t in doc[start:end])


def name_pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """A tagged name without "the", edge punctuation or "'s", split at line breaks, and
    completed over hyphens the tagger cut ("Park Sun" + "-won")."""
    if doc[start].lower_ == "the":
        start += 1
    if start < end and gz.state_of(doc[start:end].text):  # "Democratic People's Republic ..."
        return [(start, end)]
    pieces, s = [], start
    for i in range(start, end + 1):
        if i == end or doc[i].is_space or doc[i].lower_ in ("'s", "’s"):
            pieces.append((s, i))
            s = i + 1
        elif "\n" in doc[i].whitespace_:
            pieces.append((s, i + 1))
            s = i + 1
    out = []
    for s, e in pieces:
        while s < e and (doc[s].is_punct or doc[s].is_space or doc[s].lower_ == "the"):
            s += 1
        while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
            e -= 1
        while (
            e + 1 < len(doc)
            and doc[e - 1].whitespace_ == doc[e].whitespace_ == ""
            and doc[e].text == "-"
            and doc[e + 1].is_alpha
            and not doc[e + 1].ent_type_
        ):
            e += 2
        if e > s and any(capitalised(t) for t in doc[s:e]):
            out += [(s, e)] if gz.state_of(doc[s:e].text) else _split_roots(doc, s, e)
    return out


def _split_roots(doc: Doc, s: int, e: int) -> list[tuple[int, int]]:
    """Cuts what the tagger ran together: a headline's verb ("North Korea Sent"), or two
    phrases with different heads ("Secretary of [Defense] [Lloyd Austin] said")."""
    while e - s > 1 and any(c.dep_ in SUBJECTS and s <= c.i < e for c in doc[e - 1].children):
        e -= 1
    tops = []  # each token's highest ancestor inside the span
    for t in doc[s:e]:
        while s <= t.head.i < e and t.head.i != t.i:
            t = t.head
        tops.append(t)
    if len({t.head.i for t in tops}) < 2:  # "Cho Hae-rim": all its parts hang off one word
        return [(s, e)]
    cuts = [k for k in range(s + 1, e) if tops[k - s] != tops[k - s - 1]]
    return list(zip([s, *cuts], [*cuts, e], strict=True))


def who_follows(doc: Doc, start: int, end: int) -> bool:
    """A relative clause with "who" or "whose" about the name at tokens ``[start, end)``
    follows it: the name is a person's. Not where the name is an object ("a lawyer for
    the Sierra Club, who ...") or the clause is about another word ("Democrats on Capitol
    Hill, who ...")."""
    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("who", "whose"):
        return False
    clause = doc[end + 1].head
    while clause.dep_ not in ("relcl", "ROOT") and clause.head.i != clause.i:
        clause = clause.head  # "whose" hangs on its noun, the noun on the verb
    root = doc[start:end].root
    return clause.dep_ == "relcl" and clause.head == root and root.dep_ != "pobj"

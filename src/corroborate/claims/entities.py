"""The entities of one article, and what a source mention in it refers to.

:meth:`ArticleEntities.build` reads a parse once. Names come from the tagger, cleaned and
completed where the small English model splits or mislabels them, plus capitalised runs
it missed after a title or before a speech verb, plus later bare uses of a known alias.
Titles, appositions and "who chairs ..." clauses become roles; surnames, parenthesised
acronyms, initials, organisation short forms and the gazetteer's names for a state become
aliases. Definite role nouns ("the fire service", "the spy chief") that match a stated
role or name are mentions too; a definite organisation noun that matches none ("the port
authority") becomes an entity of its own, named as printed.

:meth:`ArticleEntities.resolve` answers for one source span: the name at its head or
inside it; a pronoun, to the nearest compatible entity in its own or the three sentences
before, subjects first; a definite role noun, to the entity whose role or name has its
words. Anonymous sources ("officials", "a city official") stay unresolved.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Literal

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from corroborate.claims import gazetteer as gz
from corroborate.records import Entity, Span

__all__ = ["ArticleEntities"]

Kind = Literal["person", "organisation", "place", "other"]

_LABEL_KIND: dict[str, Kind] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "other",
}
# Labels the small model gives to names it does not know ("Mayor Ines Calder" as a
# PRODUCT): taken as names only after a title or before a speech verb.
_WEAK_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
_NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_PRONOUNS = {
    **dict.fromkeys(("he", "him", "his", "himself"), "m"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "f"),
    **dict.fromkeys(("it", "its", "itself"), "it"),
    **dict.fromkeys(("they", "them", "their", "themselves"), "they"),
}
_INDEFINITE = frozenset(
    {"a", "an", "some", "one", "several", "two", "three", "many", "other", "another", "any"}
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Modifiers a role noun may carry that a stated role rarely repeats ("the city's fire chief").
_LOOSE = frozenset(
    {"city", "local", "top", "senior", "state", "national", "provincial", "regional"}
)
_PEOPLE_HEADS = (gz.TITLE_WORDS | {"boss", "spymaster"}) - gz.HONORIFICS - gz.ORG_HEADS
_ROLE_HEADS = _PEOPLE_HEADS | gz.ORG_HEADS
_PRONOUN_SENTENCES = 3  # a pronoun looks back over its own and three earlier sentences
_GROUP_SENTENCES = 5  # "the lawmakers" looks back for "South Korean lawmakers" this far
_PRONOUN_HOPS = 8  # and along at most eight pronouns that each stood for the one before
# What the tagger makes of a first name that is also a short English word: "Per" is a
# preposition, "Will" an auxiliary. Not a determiner: "The" opens "The Washington Post".
_FUNCTION_POS = frozenset({"ADP", "AUX", "SCONJ", "CCONJ", "PART"})


def _norm(token: Token) -> str:
    return token.lower_.rstrip(".")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)


def _common_noun(token: Token) -> bool:
    # The tagger makes "department" a proper noun inside a lower-case name it tagged ORG.
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.text.islower())


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _surnames(name: str) -> list[str]:
    """What a person's name shortens to: "Tomas Reyne" -> Reyne, "Cho Tae-yong" -> Cho."""
    words = name.split()
    while len(words) > 2 and words[-1].rstrip(".").lower() in ("jr", "sr", "ii", "iii", "iv"):
        words.pop()
    if len(words) < 2:
        return []
    if words[0] in gz.EAST_ASIAN_FAMILY_NAMES:
        if "-" in words[1] or len(words) == 3:
            return [words[0]]
        if len(words) == 2:  # "Xi Jinping" or "Kim Davis": either may stand alone
            return [words[0], words[1]]
    for k in range(1, len(words)):
        if words[k] in gz.NAME_PARTICLES:
            return [" ".join(words[k:])]
    return [words[-1]]


def _org_short_forms(name: str) -> list[str]:
    """Initials and a leading distinctive word: "Halvard Chemicals" -> "HC", "Halvard"."""
    words = name.split()
    if len(words) < 2:
        return []
    initials = "".join(w[0] for w in words if w[:1].isupper())
    forms = [initials] if len(initials) >= 2 else []
    first = words[0]
    generic = gz.PUBLIC_BODY_WORDS | gz.COMPANY_WORDS
    if first[:1].isupper() and first.lower() not in generic and gz.state_of(first) is None:
        forms.append(first)
    return forms


def _is_company(name: str) -> bool:
    # Without a company word ("Chemicals", "Inc"), a name of several words and no public
    # body's word may be a company; wire agencies ("AP", "MW") are single acronyms.
    words = _words(name)
    return len(words) > 1 and not words & gz.PUBLIC_BODY_WORDS


def _role_fits(words: list[str], head: str, have: set[str], company: bool) -> bool:
    """Every word of the role noun (or a synonym) is in ``have``; loose modifiers may not be."""
    for word in words:
        if gz.WORD_SYNONYMS.get(word, frozenset({word})) & have:
            continue
        if (word in ("company", "firm") and company) or (word != head and word in _LOOSE):
            continue
        return False
    return bool(words)


def _acronyms(role: str) -> set[str]:
    """The initials of every run of capitalised words in a role, lower case: "National
    Intelligence Service Director" -> "nis", "nisd", "is", ...; "Port Authority of Arden"
    -> "paa" ("of" is skipped)."""
    initials = "".join(w[0] for w in role.split() if w[:1].isupper())
    return {
        initials[i:j].lower() for i in range(len(initials)) for j in range(i + 2, len(initials) + 1)
    }


def _of_state(role: str, states: dict[int, str]) -> bool:
    """A role fits the states a role noun names when it names the same one or none:
    "Defense Secretary" and "U.S. Secretary of Defense" for "the U.S. defense secretary",
    not "Canadian Defence Minister"."""
    if not states:
        return True
    words = role.replace(",", " ").split()
    named = {
        gz.state_of(" ".join(words[i:j]))
        for i in range(len(words))
        for j in range(i + 1, min(len(words), i + 3) + 1)
    } - {None}
    return not named or bool(named & set(states.values()))


def _reporter(root: Token, start: int, end: int) -> tuple[int, int] | None:
    """Characters of who put out the report a source's head noun names, inside the
    source at ``[start, end)``: "reports from South Korean lawmakers", "the agency's
    assessment", "a statement by the mayor"."""
    found = _reporter_words(root)
    return found if found is not None and start <= found[0] and found[1] <= end else None


def _reporter_words(root: Token) -> tuple[int, int] | None:
    if root.lemma_.lower() not in gz.REPORT_NOUNS:
        return None
    for child in root.children:
        who = None
        if child.dep_ == "poss":
            who = child
        elif child.dep_ == "prep" and child.lower_ in ("from", "by"):  # not "reports of"
            who = next((c for c in child.children if c.dep_ == "pobj"), None)
        if who is not None and who.lower_ not in _PRONOUNS:
            last = who if who.dep_ == "poss" else who.right_edge  # without the "'s"
            return who.left_edge.idx, last.idx + len(last.text)
    return None


def _coordinated(token: Token, entity_at: dict[int, int]) -> tuple[int, ...]:
    """The entities of the names joined by "and" to the name whose head is ``token``
    ("Russia and North Korea", "Both Moscow and Pyongyang"), ``entity_at`` giving the
    entity of each name's head; () when fewer than two."""
    chain, joined = [token], False
    for t in chain:
        chain += [c for c in t.children if c.dep_ == "conj"]
        joined |= any(c.dep_ == "cc" and c.lower_ == "and" for c in t.children)
    found = {entity_at[t.i] for t in chain if t.i in entity_at}
    return tuple(sorted(found)) if joined and len(found) > 1 else ()


def _bystanders(token: Token) -> bool:
    return token.lemma_.lower() in gz.BYSTANDERS or token.lower_ in gz.BYSTANDERS


def _subject_of_apposition(token: Token) -> Token | None:
    """The subject a name stands beside: "A manager at Brannock, Gwen Talbot, said"."""
    if token.dep_ != "appos":
        return None
    head = token.head
    while head.dep_ in ("pobj", "prep", "appos", "compound") and head.head is not head:
        head = head.head
    return head if head.dep_ in _SUBJECTS else None


def _is_salient(root: Token) -> bool:
    """A subject, a subject's apposition, or an "according to" / "by" source."""
    if root.dep_ in _SUBJECTS or _subject_of_apposition(root) is not None:
        return True
    if root.dep_ == "pobj":
        prep = root.head
        return prep.dep_ == "agent" or (prep.lower_ == "to" and prep.head.lower_ == "according")
    return False


def _misread_first_name(doc: Doc, start: int) -> bool:
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
    if before.text.islower() or before.text == "," or _norm(before) in gz.TITLE_WORDS:
        return True
    # Not after a capitalised word: "Serving Under Obama" is a headline's case.
    return before.is_quote and _stands_for_subject(word, name)


def _misread_apposition(token: Token) -> bool:
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
    subjects = [c for c in verb.children if c.dep_ in (*_SUBJECTS, "expl", "csubj")]
    return all(c == name for c in subjects)


def _speaks(token: Token) -> bool:
    """``token`` (a name's last) is the subject of, or stands before, a speech verb."""
    token = _subject_of_apposition(token) or token
    if token.dep_ in _SUBJECTS:
        verb = token.head
    elif token.dep_ == "pobj" and _misread_first_name(token.doc, token.i):
        verb = token.head.head  # "Per Alm, who speaks for the union, said"
    elif token.i + 1 < len(token.doc):
        verb = token.nbor()
    else:
        return False
    return verb.lemma_.lower() in gz.SPEECH_VERBS and verb.pos_ in ("VERB", "AUX")


def _holds_person_role(tokens: TokenSpan) -> bool:
    """A title with a word only people hold ("mayor") or a two-word role that only people
    hold though its words alone do not say so ("union official", "shop steward")."""
    words = [_norm(t) for t in tokens]
    return any(w in gz.PERSON_TITLES for w in words) or any(
        pair in gz.PERSON_ROLES for pair in pairwise(words)
    )


def _organisation_noun_before(doc: Doc, i: int) -> bool:
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


def _title_before(doc: Doc, i: int, strict: bool) -> tuple[int, int] | None:
    """The title printed before the name at token ``i``: "Chief Fire Officer", "lawmaker"."""
    if _organisation_noun_before(doc, i):
        return None
    j = i
    while j > 0:
        t = doc[j - 1]
        if t.is_space or t.ent_type_ in _NUMERIC_LABELS or "\n" in t.whitespace_:
            break
        word = _norm(t)
        joint = t.text == "-" and not t.whitespace_ and not doc[j - 2].whitespace_  # "-General"
        inner = i > j > 1 and (word in ("of", "for") or t.tag_ == "POS" or joint)
        if t.is_punct and not inner:
            break
        # The small model tags a capitalised title word as anything ("Harbour master":
        # VERB); as a compound of the next word it is still part of the title.
        compound = t.dep_ == "compound" and t.text[:1].isupper()
        # The tagger misreads lower-case titles too: "shop steward" with "steward" a
        # particle, "harbour master" with "harbour" a verb.
        person = word in gz.PERSON_TITLES or (word, _norm(doc[j])) in gz.PERSON_ROLES
        noun = t.pos_ in ("PROPN", "NOUN", "ADJ")
        if not (word in gz.TITLE_WORDS or person or inner or compound or noun):
            break
        j -= 1
        if t.is_sent_start:
            break
    while j < i and (doc[j].tag_ == "POS" or _norm(doc[j]) in ("of", "for")):
        j += 1
    if j == i:
        return None
    titled = any(_norm(t) in gz.TITLE_WORDS for t in doc[j:i]) or _holds_person_role(doc[j:i])
    # A lower-case noun right before a name is an occupation ("plumber Ada Holt"), also
    # when the tagger made it a proper noun after a capitalised word ("Shop steward").
    last = doc[i - 1]
    occupation = not strict and last.pos_ in ("NOUN", "PROPN") and last.is_lower and last.is_alpha
    return (j, i) if titled or occupation else None


def _after_title(doc: Doc, start: int, end: int, kind: Kind | None) -> int:
    """Where a tagged name starts once a title the tagger took in is left out. A person's
    name loses a capitalised title ("Defence Minister Ilse Holt"); a name with any other
    label only a title that people alone hold before a personal name: "Mayor Ines Calder"
    as an organisation or a work of art is the mayor, "President Hotels" is no one."""
    cut = start
    for k in range(start, end - 1):
        word = _norm(doc[k])
        if not (_capitalised(doc[k]) or word == "of"):
            break
        if word in gz.TITLE_WORDS or word in gz.PERSON_TITLES:
            cut = k + 1
    if cut == start or kind == "person":
        return cut
    personal = _holds_person_role(doc[start:cut]) and _personal_name(doc[cut:end])
    return cut if personal else start


def _person_titled(doc: Doc, title: tuple[int, int], start: int, end: int) -> bool:
    """Whether a name of several words that the recogniser did not type as a person is
    one by its title: a title only people hold, and no word of an organisation's name
    in the name itself."""
    if not _holds_person_role(doc[title[0] : title[1]]):
        return False
    words = {_norm(t) for t in doc[start:end]}
    body = gz.COMPANY_WORDS | gz.PUBLIC_BODY_WORDS | gz.ORG_HEADS
    return not words & body and all(t.text[:1].isupper() for t in doc[start:end])


def _clean(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
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
        if e > s and any(_capitalised(t) for t in doc[s:e]):
            out += [(s, e)] if gz.state_of(doc[s:e].text) else _split_roots(doc, s, e)
    return out


def _split_roots(doc: Doc, s: int, e: int) -> list[tuple[int, int]]:
    """Cuts what the tagger ran together: a headline's verb ("North Korea Sent"), or two
    phrases with different heads ("Secretary of [Defense] [Lloyd Austin] said")."""
    while e - s > 1 and any(c.dep_ in _SUBJECTS and s <= c.i < e for c in doc[e - 1].children):
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


def _phrase_end(doc: Doc, start: int) -> int:
    """Where an apposition that starts at ``start`` closes: a comma, bracket or the end,
    or a relative clause about it ("a union representative who attended the meeting")."""
    for k in range(start, min(len(doc), start + 14)):
        if doc[k].is_punct and doc[k].text != "-":
            return k
        if k > start and doc[k].tag_ in ("WP", "WP$", "WDT") and _antecedent(doc, start, k):
            return k
        if doc[k].is_sent_end:
            return k + 1
    return start  # too long to be a role


def _person_head(tokens: TokenSpan) -> bool:
    """The role phrase's head is a title only people hold: "a union official", "the
    foreign minister"; not "a collective of social justice groups"."""
    head = tokens.root
    return (
        head.text.islower()
        and _norm(head) not in gz.HONORIFICS
        and _holds_person_role(
            tokens[max(0, head.i - tokens.start - 1) : head.i - tokens.start + 1]
        )
    )


def _antecedent(doc: Doc, start: int, pronoun: int) -> bool:
    """An apposition "a historian who ..." (an article, then the noun the relative pronoun
    at ``pronoun`` is about): not "sources who said", "the composition of which"."""
    return doc[start].lower_ in ("a", "an", "the") and doc[pronoun - 1].pos_ == "NOUN"


def _who_follows(doc: Doc, start: int, end: int) -> bool:
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


def _personal_name(tokens: TokenSpan) -> bool:
    """Capitalised words of which none names a body: "Karin Holt", not "Halvard Chemicals"."""
    words = {_norm(t) for t in tokens}
    bodies = gz.COMPANY_WORDS | gz.PUBLIC_BODY_WORDS | gz.ORG_HEADS
    return len(tokens) > 1 and all(_capitalised(t) for t in tokens) and not words & bodies


def _role_like(tokens: TokenSpan) -> bool:
    """Starts with a lower-case noun or adjective ("director", "a spokeswoman") or a
    possessive, and has no verb: not "which owns the depot", "52", "Calder and Voss"."""
    first = tokens[0]
    if any(t.pos_ in ("VERB", "AUX", "PRON") for t in tokens):
        return False
    if first.pos_ == "PROPN":
        return any(t.tag_ == "POS" for t in tokens)  # "Halvard Chemicals' managing director"
    return first.pos_ in ("NOUN", "ADJ") and first.text.islower()


def _people_of(root: Token, inside: list[_Mention], doc: Doc) -> bool:
    """A plural noun that names printed before it only modify: "South Korean lawmakers",
    "Canada's engineers", "Halvard engineers" are a group of people, not the state or the
    company, as "South Korean officials" are (see ``GENERIC_SOURCES``)."""
    if root.tag_ != "NNS" or not _common_noun(root) or not inside:
        return False
    for m in inside:
        modifier = doc[m.root]
        while modifier.dep_ in ("compound", "amod") and modifier.head.i < root.i:
            modifier = modifier.head  # "South" in "South Korean" hangs on "Korean"
        if m.root >= root.i or modifier.head.i != root.i:
            return False
        if modifier.dep_ not in ("amod", "compound", "poss", "nmod", "npadvmod"):
            return False
    return True


@dataclass
class _Cand:
    """A name in the text: tokens [start, end), the kind its label suggests, its title."""

    start: int
    end: int
    kind: Kind | None
    title: tuple[int, int] | None = None


@dataclass
class _Draft:
    name: str
    votes: Counter[Kind] = field(default_factory=Counter)
    fixed: Kind | None = None
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None
    last: int = -1  # token index of the latest mention so far

    @property
    def kind(self) -> Kind:
        if self.fixed or not self.votes:
            return self.fixed or "other"
        return self.votes.most_common(1)[0][0]

    def add_role(self, role: str) -> None:
        role = " ".join(role.split())
        if role and role.lower() not in {r.lower() for r in self.roles}:
            self.roles.append(role)

    def add_alias(self, alias: str) -> None:
        if alias and alias not in self.aliases:
            self.aliases.append(alias)


@dataclass(frozen=True)
class _Mention:
    start: int  # characters
    end: int
    entity: int  # index into entities; -1 for a generic group ("officials said")
    root: int  # token index of the mention's syntactic head
    salient: bool  # a subject or an "according to" source
    title: int = -1  # token index where a title printed before the name starts


@dataclass
class _Owned:
    """A role whose owner is a role noun to resolve later: "the company's chief executive"."""

    entity: int
    printed: str
    role: str
    owner: tuple[int, int]  # characters of the owner phrase


class ArticleEntities:
    """People, organisations and places of one article, with a resolver for source spans."""

    def __init__(self, doc: Doc, article_id: str) -> None:
        self.doc = doc
        self.article_id = article_id
        self.entities: list[Entity] = []
        self._text = doc.text  # Doc.text joins every token: read it once
        self._mentions: list[_Mention] = []  # by start; they never overlap
        self._starts: list[int] = []
        self._positions: dict[int, list[int]] = {}  # entity -> starts of its mentions
        self._keys: dict[str, list[int]] = {}  # name or alias -> entities
        self._blockers: list[int] = []  # token indices of generic plural subjects
        self._sentences: list[int] = [0]  # first token of each sentence
        self._genders: dict[int, str] = {}  # entity -> "m" / "f" where a title says
        self._chain: dict[int, Entity | None] = {}  # subject pronoun token -> its answer
        self._groups: dict[tuple[int, ...], int] = {}  # coordinated entities -> their group

    @classmethod
    def build(cls, doc: Doc, article_id: str) -> ArticleEntities:
        """Finds the entities of ``doc``, the parse of the article ``article_id``'s text."""
        self = cls(doc, article_id)
        if len(doc):
            if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
                self._sentences = [sent.start for sent in doc.sents]
            _Builder(self).run()
        return self

    def resolve(self, start: int, end: int) -> Entity | None:
        """The entity the source mention at characters ``[start, end)`` refers to, if any."""
        text = self._text
        if not 0 <= start < end <= len(text) or not text[start:end].strip():
            return None
        span = self.doc.char_span(start, end, alignment_mode="expand")
        tokens = [t for t in span or () if not (t.is_punct or t.is_space)]
        if span is None or not tokens:
            return None
        root = span.root
        inside = self._mentions_in(span.start_char, span.end_char)
        kinds = [self.entities[m.entity].kind for m in inside]
        for m in inside:
            if m.start <= root.idx < m.end:
                return self.entities[self._together(m, inside)]
            if 0 <= m.title <= root.i and root.idx < m.start:
                # The parser made the title the head: "Union official Per Alm said"
                return self.entities[m.entity]
        for m, kind in zip(inside, kinds, strict=True):
            mention_root = self.doc[m.root]
            if kind == "person" and (
                mention_root.dep_ == "appos" or _misread_apposition(mention_root)
            ):
                return self.entities[m.entity]  # "A spokesman, Aurel Dima," names him
        if len(tokens) == 1 and tokens[0].lower_ in _PRONOUNS:
            return self._pronoun(tokens[0])
        reporter = _reporter(root, start, end)
        if reporter is not None:
            return self.resolve(*reporter)  # "reports from the agency" are the agency's
        if tokens[0].lower_ in _INDEFINITE or root.lemma_.lower() in gz.GENERIC_SOURCES:
            # Unnamed people: only an organisation they are said to speak for is an answer
            # ("officials at the agency", "a hospital spokeswoman"); a place is not, nor
            # is a place near which bystanders live ("neighbours of the depot").
            for m, kind in zip(inside, kinds, strict=True):
                if kind == "organisation" and m.root > root.i and not _bystanders(root):
                    return self.entities[m.entity]
            for t in root.children:
                if t.dep_ in ("compound", "poss") and t.lemma_.lower() in gz.ORG_HEADS:
                    index = self._role_noun([t], t, start, definite=False)
                    return None if index is None else self.entities[index]
            return None
        index = self._role_noun(tokens, root, start)
        if index is not None:
            return self.entities[index]
        if _people_of(root, inside, self.doc):
            return None  # "South Korean lawmakers" are people, not South Korea
        if inside:
            best = kinds.index("person") if "person" in kinds else 0
            return self.entities[inside[best].entity]
        return self._by_key(tokens, start)

    def describe(self, start: int, end: int) -> tuple[int, int]:
        """The characters that say who the source at ``[start, end)`` is, for a source
        left unresolved: who put out the reports ("South Korean lawmakers" in "Earlier
        reports from South Korean lawmakers"), or for "the lawmakers" the nearest earlier
        description of a group with the same noun in the last few sentences ("South
        Korean lawmakers"); else the source as it is."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return start, end
        root = span.root
        reporter = _reporter(root, start, end)
        if reporter is not None:
            return self.describe(*reporter)
        bare = [t for t in span if t.i != root.i]
        if root.tag_ != "NNS" or [t.lower_ for t in bare] != ["the"]:
            return start, end
        sentence = bisect.bisect_right(self._sentences, root.i) - 1
        floor = self._sentences[max(0, sentence - _GROUP_SENTENCES)]
        for token in reversed(self.doc[floor : root.i]):
            if token.lemma_ == root.lemma_ and token.tag_ == "NNS":
                words = [c for c in token.children if c.dep_ in ("amod", "compound")]
                if not words:
                    continue
                first = min(c.left_edge.i for c in words)
                return self.doc[first].idx, token.idx + len(token.text)
        return start, end

    def _together(self, mention: _Mention, inside: list[_Mention]) -> int:
        """The entity of ``mention``, or of all the names coordinated with it that the
        article has as a group ("Russia and North Korea")."""
        key = _coordinated(self.doc[mention.root], {m.root: m.entity for m in inside})
        return self._groups.get(key, mention.entity)

    def _mentions_in(self, start: int, end: int) -> list[_Mention]:
        found: list[_Mention] = []
        k = bisect.bisect_left(self._starts, end) - 1
        while k >= 0 and self._mentions[k].end > start:
            found.append(self._mentions[k])
            k -= 1
        return found[::-1]

    def _by_key(self, tokens: list[Token], position: int) -> Entity | None:
        # "Mr. Reyne" where the tagger missed "Reyne": what follows the title words.
        key = " ".join(t.text for t in tokens if _norm(t) not in gz.TITLE_WORDS)
        found = self._keys.get(key) or self._keys.get(gz.state_of(key) or "", [])
        best = self._nearest(found, position)
        return None if best is None else self.entities[best]

    def _nearest(self, indices: list[int], position: int) -> int | None:
        """The entity among ``indices`` mentioned last before ``position`` (else the first)."""
        best, best_at = None, -2
        for index in indices:
            starts = self._positions.get(index, [])
            k = bisect.bisect_left(starts, position)
            at = starts[k - 1] if k else -1
            if at > best_at:
                best, best_at = index, at
        return best

    def _pronoun(self, pronoun: Token, hops: int = 0) -> Entity | None:
        """The nearest compatible subject within the window, else the nearest compatible;
        ``hops``: how many pronouns back along a chain of them this one is."""
        person = _PRONOUNS[pronoun.lower_]
        if person == "it" and pronoun.dep_ in ("expl", "nsubjpass"):
            return None  # "it was reported that ...", "it is unclear whether ..."
        sentence = bisect.bisect_right(self._sentences, pronoun.i) - 1
        floor = self._sentences[max(0, sentence - _PRONOUN_SENTENCES)]
        window: list[_Mention] = []
        k = bisect.bisect_left(self._starts, pronoun.idx) - 1
        while k >= 0 and self._mentions[k].root >= floor:
            if self._fits(self._mentions[k].entity, person):
                window.append(self._mentions[k])
            k -= 1
        if person == "they":  # "Officials said they ...": a group nobody named
            low = bisect.bisect_left(self._blockers, floor)
            high = bisect.bisect_left(self._blockers, pronoun.i)
            window += [_Mention(0, 0, -1, b, True) for b in self._blockers[low:high]]
            window.sort(key=lambda m: -m.root)
        # A person named earlier in the pronoun's own sentence, even outside a subject
        # ("While analysts like X believe ..., he warned"), comes before the subjects of
        # earlier sentences.
        own = self._sentences[sentence]
        chosen = next(
            (m for m in window if m.salient),
            window[0] if window else None,
        )
        if person in ("m", "f") and (chosen is None or chosen.root < own):
            chosen = next((m for m in window if m.root >= own), chosen)
        if (chosen is None or not chosen.salient) and hops < _PRONOUN_HOPS:
            # "He called it ... . He did not provide details": a pronoun that is the
            # subject of an earlier sentence in the window stands for what it resolved
            # to, though that name is further back than the window reaches.
            after = floor
            if chosen is not None:
                after = self._sentences[bisect.bisect_right(self._sentences, chosen.root) - 1]
            chained = self._chained(pronoun, person, after, hops + 1)
            if chained is not None:
                return chained
        return None if chosen is None or chosen.entity < 0 else self.entities[chosen.entity]

    def _chained(self, pronoun: Token, person: str, after: int, hops: int) -> Entity | None:
        """What the nearest subject pronoun of ``pronoun``'s kind before it (and at or
        after token ``after``) resolves to."""
        for token in reversed(self.doc[after : pronoun.i]):
            if token.dep_ in _SUBJECTS and _PRONOUNS.get(token.lower_) == person:
                if token.i not in self._chain:
                    self._chain[token.i] = self._pronoun(token, hops)
                return self._chain[token.i]
        return None

    def _fits(self, index: int, pronoun: str) -> bool:
        entity = self.entities[index]
        if pronoun in ("m", "f"):
            return entity.kind == "person" and self._genders.get(index, pronoun) == pronoun
        state = entity.kind == "place" and gz.state_of(entity.name) is not None
        return entity.kind == "organisation" or state

    def _role_noun(
        self, tokens: list[Token], root: Token, position: int, definite: bool = True
    ) -> int | None:
        """A role noun ("the spy chief", "the agency") matched to stated roles and names."""
        head = root.lemma_.lower()
        # Singular and definite only: "lawmakers" or "a spokesman" is nobody in particular.
        if not _common_noun(root) or root.tag_ not in ("NN", "NNP") or head not in _ROLE_HEADS:
            return None
        if definite and not any(t.lower_ == "the" or t.dep_ == "poss" for t in tokens):
            return None
        # The possessor is whose role it is, not part of the role: "South Korea's spy chief".
        possessor = {d.i for c in root.children if c.dep_ == "poss" for d in c.subtree}
        # What an "of" phrase adds is part of the role: "the minister of the economy" is
        # not any minister.
        complement = [d for c in root.children if c.lower_ == "of" for d in c.subtree]
        # A state named in the role noun ("the U.S. defense secretary") is whose role it
        # is, as a possessor would be; another name ("the NIS chief") is part of the role.
        before = [t for t in tokens if t.i <= root.i and t.i not in possessor]
        states, named = self._names_in(before)
        words = [
            t.lemma_.lower()
            for t in [*before, *complement]
            if t.i not in states and t.pos_ in ("NOUN", "ADJ", "PROPN") and not t.is_stop
        ]
        # A person's role must name the body a possessor names ("the fire service's
        # director" is not the port authority's), and the state, if one.
        owner = [t for t in tokens if t.i in possessor]
        owner_states, _ = self._names_in(owner)
        states |= owner_states
        owned = [
            t.lemma_.lower()
            for t in owner
            if t.i not in owner_states
            and t.pos_ in ("NOUN", "PROPN")
            and not t.is_stop
            and t.lemma_.lower() not in _LOOSE  # "the city's fire chief"
        ]
        owner_head = next((c.lemma_.lower() for c in root.children if c.dep_ == "poss"), "")
        org = head in gz.ORG_HEADS
        matches: tuple[list[int], list[int]] = ([], [])  # sure; only if none is sure
        for index, entity in enumerate(self.entities):
            if org and entity.kind == "organisation":
                have = _words(entity.name) | _words(" ".join(entity.roles))
                if _role_fits(words, head, have, company=False):
                    matches[0].append(index)
                elif _role_fits(words, head, have, company=_is_company(entity.name)):
                    matches[1].append(index)
            elif not org and entity.kind == "person":
                roles = " ".join(entity.roles)
                have = _words(roles) | (_acronyms(roles) if named else set())
                if (
                    _role_fits(words, head, have, company=False)
                    and _of_state(roles, states)
                    and (not owned or _role_fits(owned, owner_head, have, company=False))
                ):
                    matches[0].append(index)
        if not org and (states or named or owned) and len(matches[0]) != 1:
            # A role at a named body is the one person the article names with it: with
            # two, or none, the body ("the NIS chief" as the NIS) or nobody.
            return None
        return self._nearest(matches[0] or matches[1], position)

    def _names_in(self, tokens: list[Token]) -> tuple[dict[int, str], bool]:
        """The tokens of ``tokens`` in a state's name, each with the state, and whether
        any is in another entity's name."""
        if not tokens:
            return {}, False
        states: dict[int, str] = {}
        named = False
        for m in self._mentions_in(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)):
            entity = self.entities[m.entity]
            state = gz.state_of(entity.name)
            if state is None or entity.kind != "place":
                named = True
                continue
            states |= {t.i: state for t in tokens if m.start <= t.idx < m.end}
        return states, named


class _Builder:
    """One pass over a parse that fills an :class:`ArticleEntities`."""

    def __init__(self, out: ArticleEntities) -> None:
        self.out = out
        self.doc = out.doc
        self.drafts: list[_Draft] = []
        self.keys: dict[str, list[int]] = {}  # names, aliases, acronyms -> drafts
        self.surnames: dict[str, list[int]] = {}  # whatever the tagger calls the surname
        self.short: dict[str, list[int]] = {}  # "Halvard", initials: never for a place
        self.mentions: list[_Mention] = []
        self.roots: dict[int, list[int]] = {}  # draft -> token indices of its mentions
        self.owned: list[_Owned] = []
        self.group_spans: dict[int, list[Span]] = {}  # group entity -> its mentions
        self.covered = bytearray(len(self.doc))

    def run(self) -> None:
        for cand in self._candidates():
            self._add(cand)
        self._sweep()
        self._publish()
        for owned in self.owned:
            owner = self.out.resolve(*owned.owner)
            entity = self.out.entities[owned.entity]
            if owner is not None and owner is not entity:
                role = f"{owned.role}, {owner.name}"
                roles = tuple(role if r == owned.printed else r for r in entity.roles)
                self.out.entities[owned.entity] = replace(entity, roles=roles)
        self._descriptions()
        self._coordinations()
        self._renumber()

    # -- names ----------------------------------------------------------------------------

    def _candidates(self) -> list[_Cand]:
        doc = self.doc
        cands: list[_Cand] = []
        for ent in doc.ents:
            kind = _LABEL_KIND.get(ent.label_)
            if kind is None and ent.label_ not in _WEAK_LABELS:
                continue
            pieces = _clean(doc, ent.start, ent.end)
            for start, end in pieces:
                if len(pieces) > 1:  # the label was for the whole, wrong for the parts
                    kind = None
                start = _after_title(doc, start, end, kind)
                start = self._with_first_name(start)
                title = _title_before(doc, start, strict=kind not in ("person", None))
                if title and kind not in (None, "person") and end - start > 1:
                    # "plant owner Halvard Chemicals" is no person; "army chief of staff
                    # Ada Holt", typed an organisation, is one
                    title = title if _person_titled(doc, title, start, end) else None
                if _organisation_noun_before(doc, start):
                    kind = "organisation"
                elif _who_follows(doc, start, end) and _personal_name(doc[start:end]):
                    kind = "person"  # "Karin Holt, who ...", typed an organisation
                if kind is None and title is None and not _speaks(doc[end - 1]):
                    continue
                cands.append(_Cand(start, end, "person" if title else kind, title))
                self.covered[start:end] = b"\x01" * (end - start)
        cands += self._untagged()
        # Tagged words inside a title ("Defense" in "Defense Secretary Lloyd Austin") are
        # part of the title, except a state's name ("U.S. Secretary of Defense").
        in_titles = bytearray(len(doc))
        for c in cands:
            if c.title:
                in_titles[c.title[0] : c.title[1]] = b"\x01" * (c.title[1] - c.title[0])
        kept = []
        for c in sorted(cands, key=lambda c: c.start):
            if all(in_titles[c.start : c.end]) and not gz.state_of(doc[c.start : c.end].text):
                self.covered[c.start : c.end] = b"\x00" * (c.end - c.start)
            else:
                kept.append(c)
        return kept

    def _untagged(self) -> list[_Cand]:
        """Capitalised runs the tagger missed, taken after a title or before a speech verb."""
        doc, found, i = self.doc, [], 0
        while i < len(doc):
            if self.covered[i] or not (_capitalised(doc[i]) and doc[i].pos_ == "PROPN"):
                i += 1
                continue
            j = i + 1
            while j < len(doc) and not self.covered[j] and "\n" not in doc[j - 1].whitespace_:
                joined = doc[j - 1].whitespace_ == doc[j].whitespace_ == "" and doc[j].text == "-"
                if joined and j + 1 < len(doc) and doc[j + 1].is_alpha:
                    j += 2
                    continue
                if not _capitalised(doc[j]) or doc[j].is_sent_start:  # "Park Do-hyun": "Do"
                    break  # is tagged a noun
                j += 1
            start, i = i, j
            while start < j and (
                _norm(doc[start]) in gz.TITLE_WORDS | {"the"} or doc[start].is_punct
            ):
                start += 1
            if start == j or any(doc[k].ent_type_ in _NUMERIC_LABELS for k in range(start, j)):
                continue
            start = self._with_first_name(_after_title(doc, start, j, "person"))
            title = _title_before(doc, start, strict=False)
            if title is None and not _speaks(doc[j - 1]):
                continue
            kind: Kind | None = "person" if title or j - start > 1 else None
            words_of_bodies = gz.ORG_HEADS | gz.COMPANY_WORDS | gz.PUBLIC_BODY_WORDS
            if doc[j - 1].lower_ in words_of_bodies or _organisation_noun_before(doc, start):
                kind = "organisation"
            found.append(_Cand(start, j, kind, title))
            self.covered[start:j] = b"\x01" * (j - start)
        return found

    def _with_first_name(self, start: int) -> int:
        """Where a name starting at ``start`` starts once a first name the tagger misread
        as a function word ("Per" in "Per Alm") is taken in."""
        if start > 0 and not self.covered[start - 1] and _misread_first_name(self.doc, start):
            return start - 1
        return start

    def _add(self, cand: _Cand) -> None:
        span = self.doc[cand.start : cand.end]
        name = " ".join(span.text.split())
        if name.isupper() and len(name) > 4 and " " not in name:
            name = name.title()  # a dateline's "SEOUL" is "Seoul"; "NATO" stays
        root = span.root
        # A capital stands for its state only as an actor; a dateline's "SEOUL," parses as
        # a subject but says where, not who.
        first = root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "Both Moscow and Pyongyang have denied": both act
        actor = not span.text.isupper() and (root.dep_ == "poss" or _is_salient(first))
        state = gz.state_of(name) or (gz.capital_state(name) if actor else None)
        index = self._find(state or name, name, cand.kind)
        if index is None:
            index = len(self.drafts)
            self.drafts.append(_Draft(name=state or name))
        draft = self.drafts[index]
        if cand.kind == "person" and len(name.split()) > len(draft.name.split()) and not state:
            draft.name = name  # "Reyne" came first; the full name is canonical
        draft.add_alias(name)
        if state:
            draft.fixed = "organisation" if state in gz.BODIES else "place"
        elif name.split()[-1] in gz.STREET_WORDS and " " in name:
            draft.fixed = "place"
        # A person's bare surname ("according to Holt") says nothing of the kind, whatever
        # the tagger labels it.
        surname = draft.kind == "person" and name != draft.name and name in _surnames(draft.name)
        if cand.title:
            draft.votes["person"] += 3
        elif cand.kind and not surname:
            draft.votes[cand.kind] += 1 + (" " in name)
        draft.last = root.i
        self.roots.setdefault(index, []).append(root.i)
        title = cand.title[0] if cand.title else -1
        salient = _is_salient(root) or (title >= 0 and _is_salient(self.doc[title : cand.end].root))
        self.mentions.append(
            _Mention(span.start_char, span.end_char, index, root.i, salient, title)
        )
        # A capital is its state's alias only as an actor: "flew to Washington" is a city.
        for key in {draft.name} if state and not gz.state_of(name) else {name, draft.name}:
            holders = self.keys.setdefault(key, [])
            if index not in holders:
                holders.append(index)
        # Roles first: an apposition ("Vera Holt, a pilot,") may make a person of a name
        # the tagger labelled otherwise, and a person is later called by the surname.
        self._roles(index, cand)
        self._register(index, cand, name)

    def _find(self, key: str, name: str, kind: Kind | None) -> int | None:
        found = self.keys.get(key) or self.surnames.get(key, [])
        if not found and kind != "place":  # "Corrick" the city is not "Corrick Fire Service"
            found = self.short.get(key, [])
        if not found and kind in ("person", None) and " " in name:
            for surname in _surnames(name):  # a lone surname came before the full name
                found = [
                    d
                    for d in self.keys.get(surname, [])
                    if " " not in self.drafts[d].name and self.drafts[d].kind != "place"
                ]
                if found:
                    break
        return max(found, key=lambda d: self.drafts[d].last) if found else None

    def _register(self, index: int, cand: _Cand, name: str) -> None:
        doc, end, draft = self.doc, cand.end, self.drafts[index]
        forms: list[str] = []
        table = self.short
        if cand.kind == "person" or (draft.kind == "person" and not draft.fixed):
            forms, table = _surnames(name), self.surnames
            for form in forms:
                draft.add_alias(form)
        elif cand.kind == "organisation":
            forms = _org_short_forms(name)
            # "the National Intelligence Service (NIS)": the acronym is a full alias.
            if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
                acronym = doc[end + 1].text
                if acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 8:
                    self.keys.setdefault(acronym, []).append(index)
        for form in forms:
            holders = table.setdefault(form, [])
            if index not in holders:
                holders.append(index)

    def _sweep(self) -> None:
        """Later bare uses of a known name or alias that the tagger missed ("Calder said")."""
        for token in self.doc:
            if self.covered[token.i] or token.pos_ != "PROPN" or not _capitalised(token):
                continue
            text = token.text
            holders = self.keys.get(text) or self.surnames.get(text) or self.short.get(text)
            if not holders:
                continue
            index = max(holders, key=lambda d: self._last_before(d, token.i))
            self.drafts[index].add_alias(token.text)
            end = token.idx + len(token.text)
            self.mentions.append(_Mention(token.idx, end, index, token.i, _is_salient(token)))
            self.covered[token.i] = 1

    def _last_before(self, draft: int, i: int) -> int:
        roots = self.roots.get(draft, [])
        k = bisect.bisect_left(roots, i)
        return roots[k - 1] if k else -1

    # -- roles ----------------------------------------------------------------------------

    def _roles(self, index: int, cand: _Cand) -> None:
        doc, draft = self.doc, self.drafts[index]
        if cand.title:
            words = list(doc[cand.title[0] : cand.title[1]])
            norms = {_norm(t) for t in words}
            if norms & gz.MALE_TITLES:
                draft.gender = "m"
            elif norms & gz.FEMALE_TITLES:
                draft.gender = "f"
            kept = [t for t in words if _norm(t) not in gz.HONORIFICS]
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
                self._role_clause(index, verb)
            else:
                self._apposition(index, end + 1, _phrase_end(doc, end + 1))
        head = root.head
        if _misread_apposition(root):  # "the yard's owner, Per Alm," with "Per" a preposition
            head = doc[cand.start - 2]
        if (  # "the company's chief executive, Jan Olsen"
            (root.dep_ == "appos" or _misread_apposition(root))
            and head.i < cand.start
            and head.pos_ == "NOUN"
            and doc[cand.start - 1].text == ","
        ):
            self._apposition(index, head.left_edge.i, cand.start - 1)

    def _role_clause(self, index: int, verb: Token) -> None:
        """ "who chairs the committee" -> "Chair of the committee"; "who speaks for the
        union" -> "Spokesperson for the union"."""
        preposition = gz.ROLE_VERB_PREPOSITIONS.get(verb.lemma_)
        if preposition is None:
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        else:
            prep = next((c for c in verb.children if c.lower_ == preposition), None)
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if obj is not None:
            what = self.doc[obj.left_edge.i : obj.right_edge.i + 1].text
            role = _cap(gz.ROLE_VERBS[verb.lemma_])
            self.drafts[index].add_role(f"{role} {preposition or 'of'} {what}")

    def _apposition(self, index: int, start: int, end: int) -> None:
        """A role stated beside the name, tidied: "director of the X" -> "Director, X"."""
        doc, draft = self.doc, self.drafts[index]
        first = start
        while start < end and doc[start].pos_ == "DET":
            start += 1
        if not 0 < end - start <= 12 or not _role_like(doc[start:end]):
            return
        if _person_head(doc[start:end]):  # "Per Alm, a union official," typed ORG
            draft.votes["person"] += 3
        printed = doc[start:end].text
        possessive = next((t.i for t in doc[start:end] if t.tag_ == "POS"), None)
        if possessive is not None and possessive + 1 < end:
            role = _cap(doc[possessive + 1 : end].text)
            if doc[start].pos_ == "PROPN":
                draft.add_role(f"{role}, {doc[start:possessive].text}")
            else:  # "the company's chief executive": name the company once all are known
                last = doc[possessive - 1]
                owner = (doc[first].idx, last.idx + len(last.text))
                self.owned.append(_Owned(index, printed, role, owner))
                draft.add_role(printed)
            return
        for t in doc[start:end]:
            rest = [u for u in doc[t.i + 1 : end] if u.pos_ != "DET"]
            if t.lower_ in ("of", "for", "at") and rest and _capitalised(rest[0]):
                before = doc[start : t.i]
                if 0 < len(before) <= 4 and before.text.islower():
                    draft.add_role(f"{_cap(before.text)}, {doc[rest[0].i : end].text}")
                    return
        draft.add_role(_cap(printed))

    # -- the result -----------------------------------------------------------------------

    def _publish(self) -> None:
        out = self.out
        out.entities = [
            Entity("", d.name, d.kind, tuple(d.roles), tuple(a for a in d.aliases if a != d.name))
            for d in self.drafts
        ]
        out._genders = {k: d.gender for k, d in enumerate(self.drafts) if d.gender}
        for table in (self.keys, self.surnames, self.short):
            for key, holders in table.items():
                mapped = out._keys.setdefault(key, [])
                mapped += [d for d in holders if d not in mapped]
        out._blockers = [
            t.i
            for t in self.doc
            if t.dep_ in _SUBJECTS
            and t.lemma_.lower() in gz.GENERIC_SOURCES
            and (t.tag_ in ("NNS", "NNPS") or t.lower_ in ("police", "authorities"))
        ]
        self._index(self.mentions)

    def _index(self, mentions: list[_Mention]) -> None:
        out = self.out
        out._mentions = sorted(mentions, key=lambda m: m.start)
        out._starts = [m.start for m in out._mentions]
        out._positions = {}
        for m in out._mentions:
            out._positions.setdefault(m.entity, []).append(m.start)

    def _descriptions(self) -> None:
        """Definite role nouns that match an entity ("the fire service", "the spy chief"),
        and definite organisation nouns that match none ("the port authority")."""
        out, doc = self.out, self.doc
        for token in doc:
            head = token.lemma_.lower()
            if not _common_noun(token) or head not in _ROLE_HEADS or token.dep_ == "compound":
                continue
            left = token.left_edge.i
            phrase = doc[left : token.i + 1]
            if doc[left].lower_ != "the" or any(self.covered[left : token.i + 1]):
                continue
            if any(not left <= t.head.i <= token.i for t in phrase if t.i != token.i):
                continue
            index = out._role_noun(list(phrase), token, phrase.start_char)
            modified = any(t.pos_ in ("NOUN", "ADJ", "PROPN") for t in doc[left + 1 : token.i])
            if index is None and head in gz.ORG_HEADS - {"company", "firm"} and modified:
                index = len(out.entities)
                name = " ".join(doc[left + 1 : token.i + 1].text.split())
                out.entities.append(Entity("", name, "organisation"))
                out._keys.setdefault(name, []).append(index)
            if index is None:
                continue
            alias = " ".join(phrase.text.split())
            alias = alias[:1].lower() + alias[1:]
            entity = out.entities[index]
            if alias not in (entity.name, *entity.aliases):
                out.entities[index] = replace(entity, aliases=(*entity.aliases, alias))
            self.mentions.append(
                _Mention(phrase.start_char, phrase.end_char, index, token.i, _is_salient(token))
            )
            out._positions.setdefault(index, []).append(phrase.start_char)
            self.covered[left : token.i + 1] = b"\x01" * (token.i + 1 - left)
        self._index(self.mentions)

    def _coordinations(self) -> None:
        """A group for the names coordinated in a subject ("Russia and North Korea have
        denied"): the source is all of them, not the first. A claim has one speaker, so
        the group is an entity of its own, named by its members in order of name."""
        out = self.out
        at = {m.root: m for m in out._mentions}
        entity_at = {root: m.entity for root, m in at.items()}
        for m in out._mentions:
            token = self.doc[m.root]
            key = _coordinated(token, entity_at)
            if not key or token.dep_ == "conj" or not _is_salient(token):
                continue
            end = max(at[t.i].end for t in token.subtree if t.i in at)
            printed = " ".join(self.doc.text[m.start : end].split())
            if key not in out._groups:
                out._groups[key] = len(out.entities)
                names = sorted(out.entities[k].name for k in key)
                out.entities.append(Entity("", f"{', '.join(names[:-1])} and {names[-1]}", "other"))
                out._positions[out._groups[key]] = [m.start]
            index = out._groups[key]
            group = out.entities[index]
            if printed not in (group.name, *group.aliases):
                out.entities[index] = replace(group, aliases=(*group.aliases, printed))
            self.group_spans.setdefault(index, []).append(Span(out.article_id, m.start, end))

    def _renumber(self) -> None:
        """Ids "e1", "e2", ... in order of first mention; every index follows."""
        out = self.out
        order = sorted(range(len(out.entities)), key=lambda k: out._positions[k][0])
        new = {old: k for k, old in enumerate(order)}
        self._index([replace(m, entity=new[m.entity]) for m in out._mentions])
        spans: dict[int, list[Span]] = {new[k]: v for k, v in self.group_spans.items()}
        for m in out._mentions:
            spans.setdefault(m.entity, []).append(Span(out.article_id, m.start, m.end))
        out.entities = [
            replace(out.entities[old], id=f"e{k + 1}", mentions=tuple(spans[k]))
            for k, old in enumerate(order)
        ]
        out._keys = {key: [new[d] for d in holders] for key, holders in out._keys.items()}
        out._genders = {new[d]: g for d, g in out._genders.items()}
        out._groups = {
            tuple(sorted(new[d] for d in key)): new[group] for key, group in out._groups.items()
        }

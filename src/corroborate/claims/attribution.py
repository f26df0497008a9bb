"""Attributions: who is said to have said what, read off a dependency parse.

An :class:`Attribution` has a cue (the words that attribute: "said", "told", "according
to"), a source (who: "Mayor Ines Calder", "officials", or none for "it was reported")
and content (what), each as character spans; content may have several segments (a
quote split around "he said", a quote running over paragraphs). The spans follow the
conventions of attribution corpora such as PolNeAR, so that they can be scored there:
content keeps its "that" and its quotation marks, a cue keeps its auxiliaries ("has
said").

How each form is read:

- a verb of saying, thinking or denying with a clausal complement or a quotation: the
  subject is the source, the complement (or the quotation) the content, whichever side
  of the verb it stands on ("X said Y", "'Y,' X said", "'Y,' said X", "X said: 'Y'");
- the same verb as an aside ("The pump, he said, had failed"): the rest of the sentence;
- "according to X": the rest of the sentence;
- a noun of saying, thinking or denying with a "that" clause ("the union's claim that
  Y", "claims from the agency that Y", "the ministry issued a warning that Y"): the
  clause is the content, the source the possessive, the "from"/"by" phrase or the
  subject of a verb that voices the noun ("made", "issued"), else none ("reports that Y");
- relays: "Park cited Cho as saying Y" gives Park's attribution whose content holds Cho's
  ("saying Y" with Cho as its source); "the union, citing two workers, said Y" records the
  workers as the origin; a nested attribution inside another's content is relayed by it;
- quotations with no cue of their own go on the attribution just before them when it
  quoted the same way (the next sentence of a speaker's quote), else stand with no source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Span, Token

from corroborate.claims.cues import (
    ATTRIBUTION_NOUNS,
    ATTRIBUTION_VERBS,
    AUDIENCE_VERBS,
    CITING_WORDS,
    DENIAL_VERBS,
    QUOTE_ONLY_VERBS,
    RELAY_VERBS,
    SPEECH_VERBS,
    CueClass,
    cue_class,
    noun_class,
)
from corroborate.claims.directives import directive_content, directive_preposition
from corroborate.claims.quotes import FRAGMENT_WORDS, Quote, find_quotes

__all__ = ["Attribution", "find_attributions", "is_nominal", "with_participle_speakers"]

CharSpan = tuple[int, int]
Kind = Literal["direct_quote", "reported", "mixed", "according_to"]

_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_CLAUSES = {"ccomp", "csubj"}
_CUE_MODIFIERS = {"aux", "auxpass", "neg", "advmod"}
# Quotation continuation reaches this far (in characters) past the attribution's end.
_CONTINUATION_REACH = 1500
_PUNCT_TRIM = ",.;:—–-"


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution's spans; ``origin`` is the underlying source of a relayed one."""

    cue: CharSpan
    content: tuple[CharSpan, ...]
    kind: Kind
    cue_class: CueClass
    source: CharSpan | None = None
    origin: CharSpan | None = None  # "citing two workers": the workers

    @property
    def start(self) -> int:
        return min(s[0] for s in self._spans())

    @property
    def end(self) -> int:
        return max(s[1] for s in self._spans())

    def _spans(self) -> list[CharSpan]:
        spans = [self.cue, *self.content]
        if self.source:
            spans.append(self.source)
        return spans

    def contains(self, other: Attribution) -> bool:
        """Whether ``other``'s cue lies inside this attribution's content."""
        return any(a <= other.cue[0] and other.cue[1] <= b for a, b in self.content)


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every attribution in the parsed text, in text order."""
    text = doc.text
    quotes = find_quotes(text)
    quoted = _QuoteIndex(quotes, text)
    found: list[Attribution] = []
    for sentence in doc.sents:
        for token in sentence:
            if token.lower_ == "according" and _according_to(token) is not None:
                attribution = _read_according_to(token, sentence, quoted)
            elif _is_cue_verb(token) and not quoted.inside(token.idx):
                attribution = _read_verb(token, sentence, quoted)
            elif _is_cue_noun(token) and not quoted.inside(token.idx):
                attribution = _read_noun(token, sentence)
            else:
                continue
            if attribution is not None:
                found.append(attribution)
    found.extend(_colon_quotes(doc, quoted, found))
    found = _drop_overlapping([a for a in found if not asks_anonymity(text, a)])
    return with_participle_speakers(doc, _attach_quotes(text, found, quotes))


# "who asked not to be named", "declined to be identified", "requested anonymity": the
# terms of speaking, not something said about the story.
_ANONYMITY = re.compile(
    r"(?:(?:not|n[’']t)\s+)?(?:to\s+be\s+(?:named|identified|quoted)|(?:for\s+)?anonymity)"
    r"(?:\s+(?:by\s+name|publicly|in\s+the\s+press))?"
    r"(?:\s+(?:because|as|since|while)\b.*)?[\s.,;]*",
    re.IGNORECASE | re.DOTALL,
)


def asks_anonymity(text: str, attribution: Attribution) -> bool:
    """Whether all an attribution's content is a source's terms for speaking ("a senior
    official, who asked not to be named because ..."): no claim of the story."""
    words = " ".join(text[start:end] for start, end in attribution.content)
    return bool(words.strip()) and _ANONYMITY.fullmatch(words.strip()) is not None


def with_participle_speakers(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """A speech participle after a comma ("..., calling it a 'grave step'", "..., saying",
    "..., adding that") speaks for the sentence's reporting verb.

    The parser hangs the participle on the nearest verb, which is often one inside what
    the reporting verb attributes ("The minister said the militia has moved fighters,
    calling it ..." has "calling" on "moved"), so its own subject is the wrong speaker.
    When the verb it hangs on lies in another attribution's content, that attribution's
    source speaks (the nearest such one, not an evidence cue: "evidence suggests") in
    place of none or of one inside that content; when no source is found at all, the
    subject of the verb it hangs on does ("She stressed the need to act, saying ...").
    """
    result = list(found)
    for number, attribution in enumerate(found):
        verb = _participle(doc, attribution)
        if verb is None:
            continue
        head = verb.head
        holders = [
            other
            for other in found
            if other is not attribution
            and other.source is not None
            and other.cue_class != "evidence"
            and not attribution.cue[0] <= other.cue[0] < attribution.cue[1]
            and any(a <= head.idx < b for a, b in other.content)
        ]
        source = attribution.source
        if holders:
            holder = min(holders, key=lambda a: _length(a.content))
            # A source outside the holder's content was read some other way: it stays.
            if source is None or any(a <= source[0] < b for a, b in holder.content):
                source = holder.source
        elif source is None:
            source = _speaker_of(head, found)
        if source != attribution.source:
            result[number] = replace(attribution, source=source)
    return result


def _participle(doc: Doc, attribution: Attribution) -> Token | None:
    """The attribution's cue when it is a speech participle after a comma."""
    if attribution.cue_class != "speech":
        return None
    span = doc.char_span(*attribution.cue, alignment_mode="expand")
    verbs = [t for t in span or () if t.tag_ == "VBG" and t.dep_ not in ("ROOT", "pcomp")]
    if len(verbs) != 1:
        return None
    verb = verbs[0]
    before = verb.i - 1
    while before >= 0 and doc[before].dep_ == "advmod" and doc[before].head == verb:
        before -= 1  # "..., also saying"
    if before < 0 or doc[before].text != "," or verb.head == verb:
        return None
    return verb


def _speaker_of(verb: Token, found: list[Attribution]) -> CharSpan | None:
    """The source of the attribution whose cue is ``verb``, else the verb's subject."""
    for other in found:
        if other.source is not None and other.cue[0] <= verb.idx < other.cue[1]:
            return other.source
    subject = _subject(verb)
    if subject is None or subject.lower_ == "there" or subject.tag_ in ("WP", "WDT"):
        return None
    return _trimmed(verb.doc, _source_bounds(subject))


# --- reading one cue -------------------------------------------------------------------


# A name before a colon that opens a quotation ("Okafor: 'We will reopen'") is a source
# when it is this short and has no verb of its own.
_COLON_SOURCE_TOKENS = 8


def _colon_quotes(doc: Doc, quoted: _QuoteIndex, found: list[Attribution]) -> list[Attribution]:
    """ "Okafor: 'The pier is safe'": a speaker, a colon and a quotation, with no verb."""
    held = {segment for a in found for segment in a.content}
    result = []
    for token in doc:
        if token.text != ":" or quoted.inside(token.idx):
            continue
        after = token.idx + 1
        quote = next((q for q in quoted.quotes if 0 <= q.start - after <= 2), None)
        if quote is None or quote.words(quoted.text) < FRAGMENT_WORDS:
            continue
        if any(segment in held for segment in quote.segments):
            continue
        start = token.sent.start
        before = doc[start : token.i]
        if not 0 < len(before) <= _COLON_SOURCE_TOKENS:
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in before):
            continue
        if not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in before):
            continue
        result.append(
            Attribution(
                cue=(token.idx, token.idx + 1),
                content=quote.segments,
                kind="direct_quote",
                cue_class="speech",
                source=_trimmed(doc, (start, token.i)),
            )
        )
    return result


def _is_cue_verb(token: Token) -> bool:
    if token.lower_ in CITING_WORDS and token.dep_ in ("advcl", "acl"):
        return False  # "the union, citing workers, said": an origin, read with "said"
    if token.lemma_.lower() in QUOTE_ONLY_VERBS and any(c.dep_ == "xcomp" for c in token.children):
        return False  # "if tensions continue to rise"
    if _possessive_subject(token):
        return False  # "Norland's reported troop deployment": an adjective, a hedge
    if token.pos_ not in ("VERB", "AUX"):
        return False
    # "appealed to donors to send blankets": a cue only with its preposition.
    return token.lemma_.lower() in ATTRIBUTION_VERBS or directive_preposition(token) is not None


def _possessive_subject(token: Token) -> bool:
    """Whether the parser gave the verb a possessive for subject, right before it: the
    verb is then a participle before a noun ("Norland's reported troop deployment")."""
    return any(
        child.dep_ in _SUBJECTS
        and child.i < token.i
        and any(g.tag_ == "POS" and g.i == token.i - 1 for g in child.children)
        for child in token.children
    )


def _according_to(token: Token) -> Token | None:
    for child in token.children:
        if child.lower_ == "to":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if not objects:
                # A lower-case title read as a verb ("according to shop steward Liv Alm")
                # leaves "to" without an object: the name hangs off "according", or the
                # "verb" stands for the phrase (see _read_according_to for its bounds).
                objects = [c for c in token.children if c.dep_ == "pobj" and c.i > child.i]
                objects += [
                    c
                    for c in child.children
                    if c.dep_ == "pcomp" and not any(g.dep_ in _SUBJECTS for g in c.children)
                ]  # not a clause: "according to what he said"
            return objects[0] if objects else None
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        objects = [c for c in nxt.children if c.dep_ == "pobj"]
        return objects[0] if objects else None
    return None


def _read_according_to(token: Token, sentence: Span, quoted: _QuoteIndex) -> Attribution | None:
    source = _according_to(token)
    if source is None:
        return None
    to = token.doc[token.i + 1]
    phrase = _subtree_bounds(token) if to in token.children else (token.i, _subtree_end(to))
    phrase = (min(phrase[0], token.i), max(phrase[1], _subtree_end(to)))
    content = _rest_of_sentence(sentence, phrase)
    if not content:
        return None
    doc = token.doc
    bounds = _subtree_bounds(source)
    if source.dep_ != "pobj" or source.head.i != to.i:
        # Misparsed ("shop" a verb, the name its object or the object of "according"):
        # the source is what follows "to" up to the comma that closes the phrase.
        stop = next((k for k in range(to.i + 1, sentence.end) if doc[k].is_punct), None)
        if stop is not None and stop > to.i + 1:
            bounds = (to.i + 1, stop)
    return Attribution(
        cue=_chars(doc, token.i, to.i + 1),
        content=content,
        kind="according_to",
        cue_class="speech",
        source=_trimmed(doc, bounds),
    )


def _read_verb(verb: Token, sentence: Span, quoted: _QuoteIndex) -> Attribution | None:
    doc = verb.doc
    subject = _subject(verb)
    content = _complement(verb, sentence, quoted)
    if not content or _voices_cue_noun(verb):
        return None
    if subject is None and verb.dep_ not in ("ROOT", "parataxis") and not _passive(verb):
        # A bare participle or infinitive ("to say", "saying") with no subject of its own
        # and no subject to inherit is not an attribution anyone can be held to.
        return None
    source = None
    if subject is not None and subject.lower_ != "there":
        if quoted.inside(subject.idx):
            return None  # a speaker inside a quotation is quoted, not quoting
        source = _trimmed(doc, _source_bounds(subject))
    kind = _kind(quoted.text, content, quoted)
    if verb.lemma_.lower() in QUOTE_ONLY_VERBS and kind != "direct_quote":
        return None  # "if tensions continue to rise": no one speaks
    return Attribution(
        cue=_cue_span(verb, subject),
        content=content,
        kind=kind,
        cue_class=cue_class(verb.lemma_.lower(), subject.lemma_.lower() if subject else None),
        source=source,
        origin=_citing(verb, subject),
    )


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            if child.dep_ == "nsubjpass":
                # "Residents were told to stay in": the subject heard it; the speaker is
                # the agent ("by the police"), or nobody named.
                return _agent(verb)
            if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head  # "Voss, who chairs the committee, said": Voss
            return child
    misread = _name_read_as_phrase(verb)
    if misread is not None:
        return misread
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        # "said X and added Y", "went on to say", "..., adding that": the head's subject.
        if verb.dep_ == "advcl" and verb.tag_ != "VBG":
            return None
        return _subject(verb.head) if _is_cue_verb(verb.head) or verb.dep_ != "conj" else None
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ == "as":
        # "cited Cho as saying": the object of the relaying verb speaks.
        relay = verb.head.head
        for child in relay.children:
            if child.dep_ == "dobj":
                return child
    return None


def _name_read_as_phrase(verb: Token) -> Token | None:
    """A subject the parser read as a prepositional phrase because the first name is also
    a preposition: "Per Alm, who speaks for the union, said" has "Per" (a preposition
    opening the sentence or following a quotation, a proper noun its object) and no
    subject. Only called for a verb with no subject: "In Corrick, officials said" has one."""
    for child in verb.children:
        if child.i > verb.i:
            break
        opens = child.is_sent_start or (child.i > 0 and child.doc[child.i - 1].is_quote)
        if child.dep_ == "prep" and opens and child.is_title:
            following = child.doc[child.i + 1]
            if following.head == child and following.dep_ == "pobj" and following.pos_ == "PROPN":
                return child
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return objects[0] if objects else None
    return None


def _passive(verb: Token) -> bool:
    return any(child.dep_ == "auxpass" for child in verb.children)


def _complement(verb: Token, sentence: Span, quoted: _QuoteIndex) -> tuple[CharSpan, ...]:
    doc = verb.doc
    lemma = verb.lemma_.lower()
    if verb.dep_ == "parataxis" and verb.head.i != verb.i:
        # "The pump, he said, had failed": everything but the aside.
        return _rest_of_sentence(sentence, _subtree_bounds(verb))
    clauses = [c for c in verb.children if c.dep_ in _CLAUSES]
    if lemma in RELAY_VERBS:
        relayed = _relayed_content(verb)
        if relayed:
            return relayed
    if clauses:
        clause = clauses[0]
        bounds = _clause_side(verb, clause, sentence)
        audience = _audience_before(verb, clause)
        if audience is not None:
            bounds = (audience, bounds[1])
        if bounds[1] <= bounds[0]:
            return ()  # the clause lies in another paragraph: not this cue's content
        span = _trimmed(doc, bounds)
        in_quotes = quoted.overlapping(span)
        # "Voss said Reyne told councillors that the pump 'failed'": Voss's content is the
        # whole clause, which holds Reyne's attribution, not just the quotation.
        nested_cue = any(
            _is_cue_verb(t) and not quoted.inside(t.idx) for t in doc[bounds[0] : bounds[1]]
        )
        if in_quotes and not nested_cue and not quoted.short(in_quotes, quoted.text):
            return tuple(_quote_segments(in_quotes, sentence, quoted))
        return (span,)
    directive = directive_content(verb)
    if directive is not None:
        # "urged residents to stay indoors", "called for a ceasefire": what is asked, a
        # quotation in it included ("called on the board to 'act now'").
        return (_trimmed(doc, directive),)
    sentence_quotes = quoted.within_sentence(sentence)
    long_quotes = [q for q in sentence_quotes if q.words(quoted.text) >= FRAGMENT_WORDS]
    if long_quotes:
        # "X said: 'Y'", "'Y,' X said" when the parser left the quote unattached.
        return tuple(_quote_segments(long_quotes, sentence, quoted))
    objects = [c for c in verb.children if c.dep_ in ("xcomp", "dobj", "oprd") and c.i > verb.i]
    if lemma in AUDIENCE_VERBS:
        objects = [c for c in objects if c.dep_ == "xcomp"] or []
    if objects and _reports_experience(verb, objects):
        return ()
    if objects:
        start = min(_subtree_bounds(c)[0] for c in objects)
        end = max(_subtree_bounds(c)[1] for c in objects)
        return (_trimmed(doc, (start, end)),)
    return ()


def _reports_experience(verb: Token, objects: list[Token]) -> bool:
    """Whether a speech verb in a relative clause, with no clause or quotation of its own,
    has only plain noun phrases for object ("residents who reported breathing
    difficulties", "drivers who described long delays"). The clause says what befell its
    subject (a symptom, an incident), not words that hold a proposition; with a clause
    ("officials, who said the dam was safe") or an infinitive ("a union that promised to
    strike") it attributes. Denials ("which denied any involvement") and findings ("data
    that show a rise") are read as before."""
    if verb.dep_ != "relcl" or cue_class(verb.lemma_.lower()) != "speech":
        return False
    return all(c.dep_ == "dobj" or _gerund_noun(c) for c in objects)


def reports_experience(doc: Doc, attribution: Attribution) -> bool:
    """Whether an attribution read elsewhere (by the tagger) has for cue a speech verb that
    reports what befell its subject, as :func:`_reports_experience` judges the rules'."""
    cue = doc.char_span(*attribution.cue, alignment_mode="expand")
    if cue is None:
        return False
    verb = cue.root
    if any(c.dep_ in _CLAUSES for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ in ("xcomp", "dobj", "oprd") and c.i > verb.i]
    return bool(objects) and _reports_experience(verb, objects)


def _gerund_noun(token: Token) -> bool:
    """A gerund the parser made a verb with a bare noun for object, where the two are one
    noun phrase ("breathing difficulties", "hearing loss"): nothing else hangs on it."""
    children = list(token.children)
    return (
        token.tag_ == "VBG"
        and len(children) == 1
        and children[0].dep_ == "dobj"
        and children[0].i == token.i + 1
        and children[0].n_lefts + children[0].n_rights == 0
    )


def _audience_before(verb: Token, clause: Token) -> int | None:
    """Where the content starts when the parser read the end of "asked residents to keep
    the doors shut" as a clause of its own ("shut", with no subject and no "that"): at the
    object before it, as with "told residents to stay in"."""
    if clause.i < verb.i or verb.lemma_.lower() not in AUDIENCE_VERBS:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in clause.children):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i]
    return objects[0].left_edge.i if objects else None


def _clause_side(verb: Token, clause: Token, sentence: Span) -> tuple[int, int]:
    """Token range of the content clause, over the whole side of the sentence it is on.

    The parser often attaches only the last of several coordinated clauses to the verb
    ("X happened, and Y happened, the service said"), so content before the cue runs from
    the sentence start to the cue's clause; content after it keeps the complementiser
    ("that") and runs to the end of the complement.
    """
    start, end = _subtree_bounds(clause)
    marks = [c.i for c in clause.children if c.dep_ == "mark" and c.i < clause.i]
    start = min([start, *marks])
    if clause.i < verb.i:
        cue_clause_start = min(
            [verb.i] + [c.left_edge.i for c in verb.children if c.i > clause.right_edge.i]
        )
        return _paragraph_start(sentence, verb.i), max(cue_clause_start, end)
    return max(start, verb.i + 1), min(end, _paragraph_end(sentence, verb.i))


def _paragraph_end(sentence: Span, after: int) -> int:
    """Where the sentence ends, or its paragraph if a line break comes first."""
    for token in sentence:
        if token.i > after and token.is_space and "\n" in token.text:
            return token.i
    return sentence.end


def _paragraph_start(sentence: Span, before: int) -> int:
    """Where the sentence starts, or the paragraph if the parser ran a heading into it."""
    start = sentence.start
    for token in sentence:
        if token.i >= before:
            break
        if token.is_space and "\n" in token.text:
            start = token.i + 1
    return start


def _relayed_content(verb: Token) -> tuple[CharSpan, ...]:
    """ "cited Cho as saying Y": the content is "Cho as saying Y"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
    if not objects or not preps:
        return ()
    start = _subtree_bounds(objects[0])[0]
    end = _subtree_bounds(preps[0])[1]
    return (_trimmed(verb.doc, (start, end)),)


def _source_bounds(subject: Token) -> tuple[int, int]:
    """The subject's tokens, without a "citing ..." phrase the parser hung on it, with a
    name beside it that the parser hung on the verb."""
    start, end = _subtree_bounds(subject)
    for child in subject.children:
        if child.lower_ in CITING_WORDS and child.i > subject.i:
            end = min(end, child.left_edge.i)
    # A source stays in its paragraph: the parser runs a headline or a photo caption into
    # the first sentence ("... Says Port Chief\n\nPort chief Ana Lind (file photo)\n\n").
    doc = subject.doc
    for k in range(start, end):
        if doc[k].is_space and "\n" in doc[k].text:
            if k < subject.i:
                start = k + 1
            else:
                end = k
                break
    return start, _with_misread_apposition(subject, end)


def _with_misread_apposition(subject: Token, end: int) -> int:
    """Where the subject ends once a name beside it is taken in, that the parser read as
    a phrase of the verb because its first name is also a preposition: "The yard's owner,
    Per Alm, said" (otherwise "Per Alm" is the subject's apposition)."""
    doc = subject.doc
    if end + 2 >= len(doc) or doc[end].text != ",":
        return end
    word, name = doc[end + 1], doc[end + 2]
    if (
        word.dep_ == "prep"
        and word.head == subject.head
        and word.is_title
        and name.head == word
        and name.pos_ == "PROPN"
    ):
        return word.right_edge.i + 1
    return end


def _citing(verb: Token, subject: Token | None) -> CharSpan | None:
    """ "the union, citing two workers, said": the workers, an underlying source."""
    holders = [verb] + ([subject] if subject is not None else [])
    for holder in holders:
        for child in holder.children:
            if child.lower_ in CITING_WORDS:
                for grandchild in child.children:
                    if grandchild.dep_ == "dobj":
                        return _trimmed(verb.doc, _subtree_bounds(grandchild))
    return None


def _cue_span(verb: Token, subject: Token | None) -> CharSpan:
    """The verb with the auxiliaries, negation and adverbs right before it ("has also said")."""
    start = verb.i
    while start > 0:
        previous = verb.doc[start - 1]
        if previous.head == verb and previous.dep_ in _CUE_MODIFIERS and previous != subject:
            start -= 1
        else:
            break
    end = verb.i + 1
    for child in verb.children:
        if child.dep_ == "prt" and child.i == end:
            end += 1  # "pointed out"
    if directive_preposition(verb) is not None:
        end = verb.i + 2  # "called on", "appealed for"
    return _chars(verb.doc, start, end)


def _kind(text: str, content: tuple[CharSpan, ...], quoted: _QuoteIndex) -> Kind:
    inside = [quoted.overlapping(span) for span in content]
    if all(
        quotes and any(q.start <= a and b <= q.end for q in quotes)
        for quotes, (a, b) in zip(inside, content, strict=True)
    ):
        return "direct_quote"
    if any(inside):
        return "mixed"
    return "reported"


# --- nominal cues ------------------------------------------------------------------------


# Verbs that voice a cue noun, so that their subject is its source: "the ministry issued a
# warning that ...", "she repeated her claim that ...". Other verbs take someone else's
# claim as object ("residents dismissed claims that ..."): the source stays unnamed.
_VOICING_VERBS = frozenset(
    ["make", "issue", "repeat", "reiterate", "voice", "give", "release", "publish", "deliver",
     "send", "post", "file", "lodge", "level", "raise", "air", "express", "renew", "sound"]
)  # fmt: skip
# Verbs whose object is a statement: after a cue noun, "that" with one of these is a
# relative pronoun ("the warning that the agency issued"), not the start of what was said.
_TAKING_VERBS = _VOICING_VERBS | SPEECH_VERBS | DENIAL_VERBS | frozenset(
    ["hear", "receive", "read", "see", "ignore", "dismiss", "reject", "dispute", "support",
     "back", "welcome", "accept", "investigate", "examine", "commission", "retract",
     "withdraw", "include", "contain", "echo", "share", "spread", "prompt", "spark"]
)  # fmt: skip


# What fills a verb's object place: an object, a clause, a predicate.
_OBJECTS = frozenset(["dobj", "ccomp", "xcomp", "attr", "acomp", "oprd"])


def _is_cue_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in ATTRIBUTION_NOUNS


def is_nominal(doc: Doc, attribution: Attribution) -> bool:
    """Whether the attribution's cue is a noun ("the union's claim that ..."), not a verb."""
    cue = doc.char_span(*attribution.cue, alignment_mode="expand")
    return cue is not None and _is_cue_noun(cue.root)


def _read_noun(noun: Token, sentence: Span) -> Attribution | None:
    """ "The union's claim that the pump was faulty", "claims from the water board that
    ...", "a warning by the agency that ...": the "that" clause is the content."""
    if noun.dep_ == "pobj" and _is_cue_verb(noun.head.head):
        return None  # "said in a statement that ...": the verb speaks, and reads the clause
    source = _noun_source(noun)
    clause = _noun_clause(noun, source)
    if clause is None:
        return None
    doc = noun.doc
    start = clause.left_edge.i
    end = min(_subtree_end(clause), _paragraph_end(sentence, noun.i))
    if end <= start:
        return None
    source_span = None
    if source is not None:
        bounds = _subtree_bounds(source)
        if bounds[0] < start < bounds[1]:
            bounds = (bounds[0], start)  # the clause the parser hung on the "from" phrase
        # A possessive keeps its "'s", as PolNeAR marks it; the claims stage drops it.
        source_span = _trimmed(doc, bounds)
    return Attribution(
        cue=_chars(doc, noun.i, noun.i + 1),
        content=(_trimmed(doc, (start, end)),),
        kind="reported",
        cue_class=noun_class(noun.lemma_.lower()),
        source=source_span,
    )


def _noun_source(noun: Token) -> Token | None:
    """Who the noun's words are: a possessive ("the union's claim"), a "from" or "by"
    phrase ("claims from the water board"), or the subject of a verb that voices the noun
    ("the mayor made the claim", "she repeated her claim": the subject, not the pronoun
    that stands for it); else none."""
    voicer = _voicer(noun)
    for child in noun.children:
        if child.dep_ == "poss":
            return voicer if voicer is not None and child.tag_ == "PRP$" else child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return voicer


def _voicer(noun: Token) -> Token | None:
    """The subject of the verb that voices the noun: "the ministry issued a warning"."""
    if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in _VOICING_VERBS:
        return None
    subject = _subject(noun.head)
    if subject is None or subject.lower_ == "there" or subject.tag_ in ("WP", "WDT"):
        return None
    return subject


def _voices_cue_noun(verb: Token) -> bool:
    """Whether the verb's object is a cue noun that it voices, with its own "that" clause
    ("the mayor repeated her claim that ..."): the noun's reading gives the mayor's words."""
    return verb.lemma_.lower() in _VOICING_VERBS and any(
        child.dep_ == "dobj" and _is_cue_noun(child) and _noun_clause(child, _noun_source(child))
        for child in verb.children
    )


def _noun_clause(noun: Token, source: Token | None) -> Token | None:
    """The verb of the "that" clause the noun introduces. The parser hangs it on the noun
    (as a complement, or as a relative clause) or, after a "from"/"by" phrase, on the
    phrase's object ("allegations from two staff that records were altered")."""
    holders = [noun]
    if source is not None and source.i > noun.i:
        holders.append(source)
    for holder in holders:
        for child in holder.children:
            if child.dep_ not in ("acl", "relcl", "ccomp", "appos") or child.i < holder.i:
                continue
            that = child.left_edge
            if that.lower_ != "that" or not _follows(noun, that):
                continue
            if _content_clause(child, that):
                return child
    return None


def _follows(noun: Token, that: Token) -> bool:
    """Whether nothing but the noun's own modifiers ("from the board", ", by the union,")
    stands between the noun and "that"."""
    return all(
        noun.doc[k].is_punct or noun.doc[k].is_space or noun in noun.doc[k].ancestors
        for k in range(noun.i + 1, that.i)
    )


def _content_clause(verb: Token, that: Token) -> bool:
    """Whether "that" opens what was said ("the claim that the pump failed"), not a
    relative clause about the noun ("the claim that the minister repeated"). The parser
    labels the two alike (a relative "that" is often a "mark"), so the clause's own frame
    decides: it has a subject of its own, and its verb either has its object or does not
    take statements for object (a relative clause leaves the object's place empty)."""
    others = [c for c in verb.children if c.i != that.i]
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in others):
        return False
    if that.dep_ in ("nsubj", "nsubjpass"):
        return True  # "allegations that records were altered": the subject is there twice
    if that.dep_ not in ("mark", "dobj"):
        return False
    if any(c.dep_ in _OBJECTS for c in others):
        return True
    return verb.lemma_.lower() not in _TAKING_VERBS


# --- quotations --------------------------------------------------------------------------


class _QuoteIndex:
    """The quotations of a text, for questions about a position or a span."""

    def __init__(self, quotes: list[Quote], text: str) -> None:
        self.quotes = quotes
        # The text, read once: ``Doc.text`` joins every token anew on each access, which
        # made long articles quadratic.
        self.text = text
        self.segments = [(a, b, q) for q in quotes for a, b in q.segments]

    def inside(self, position: int) -> bool:
        return any(a < position < b - 1 for a, b, _ in self.segments)

    def overlapping(self, span: CharSpan) -> list[Quote]:
        seen: list[Quote] = []
        for a, b, quote in self.segments:
            if a < span[1] and span[0] < b and quote not in seen:
                seen.append(quote)
        return seen

    def within_sentence(self, sentence: Span) -> list[Quote]:
        start = sentence.start_char
        end = sentence.end_char
        return self.overlapping((start, end))

    @staticmethod
    def short(quotes: list[Quote], text: str) -> bool:
        return all(q.words(text) < FRAGMENT_WORDS for q in quotes)


def _quote_segments(quotes: Iterable[Quote], sentence: Span, quoted: _QuoteIndex) -> list[CharSpan]:
    """The quotations of a cue's sentence, as content segments, with their other parts."""
    segments: list[CharSpan] = []
    for quote in quotes:
        for segment in quote.segments:
            if segment not in segments:
                segments.append(segment)
    for quote in quoted.within_sentence(sentence):
        if quote.words(quoted.text) >= FRAGMENT_WORDS:
            for segment in quote.segments:
                if segment not in segments:
                    segments.append(segment)
    return sorted(segments)


def _attach_quotes(text: str, found: list[Attribution], quotes: list[Quote]) -> list[Attribution]:
    """Quotations no attribution holds join the quoting attribution just before them."""
    held = {s for a in found for s in a.content}
    covered = [(a.start, a.end) for a in found]
    result = list(found)
    for quote in quotes:
        if quote.words(text) < FRAGMENT_WORDS:
            continue
        if any(segment in held for segment in quote.segments):
            continue
        if any(a <= quote.start and quote.end <= b for a, b in covered):
            continue
        before = [
            i
            for i, a in enumerate(result)
            if a.end <= quote.start
            and a.kind in ("direct_quote", "mixed")
            and quote.start - a.end <= _CONTINUATION_REACH
        ]
        if before and not _claims_between(result, result[before[-1]].end, quote.start):
            index = before[-1]
            previous = result[index]
            result[index] = Attribution(
                cue=previous.cue,
                content=tuple(sorted({*previous.content, *quote.segments})),
                kind=previous.kind,
                cue_class=previous.cue_class,
                source=previous.source,
                origin=previous.origin,
            )
            continue
    return sorted(result, key=lambda a: (a.start, a.cue))


def _claims_between(found: list[Attribution], start: int, end: int) -> bool:
    return any(start <= a.cue[0] < end for a in found)


def _drop_overlapping(found: list[Attribution]) -> list[Attribution]:
    """Of two readings of the same words, keep the one that found the longer content."""
    # One cue read twice, or the same content claimed by two cues: one reading is enough.
    kept: list[Attribution] = []
    cues: set[CharSpan] = set()
    contents: set[frozenset[CharSpan]] = set()
    for attribution in sorted(found, key=lambda a: -_length(a.content)):
        content = frozenset(attribution.content)
        if attribution.cue in cues or content in contents:
            continue
        cues.add(attribution.cue)
        contents.add(content)
        kept.append(attribution)
    return sorted(kept, key=lambda a: (a.start, a.cue))


def _length(spans: Iterable[CharSpan]) -> int:
    return sum(b - a for a, b in spans)


# --- token spans -------------------------------------------------------------------------


def _subtree_bounds(token: Token) -> tuple[int, int]:
    """Token index range [start, end) of the token's subtree."""
    return token.left_edge.i, token.right_edge.i + 1


def _subtree_end(token: Token) -> int:
    return token.right_edge.i + 1


def _chars(doc: Doc, start: int, end: int) -> CharSpan:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _trimmed(doc: Doc, bounds: tuple[int, int]) -> CharSpan:
    """Characters of the token range without the punctuation and spaces at its edges."""
    start, end = bounds
    while start < end and (doc[start].is_space or doc[start].text in _PUNCT_TRIM):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in _PUNCT_TRIM):
        end -= 1
    if start >= end:
        start, end = bounds
    return _chars(doc, start, end)


def _rest_of_sentence(sentence: Span, hole: tuple[int, int]) -> tuple[CharSpan, ...]:
    """The sentence's words outside the token range ``hole``, as one or two segments."""
    doc = sentence.doc
    parts = [(sentence.start, hole[0]), (hole[1], sentence.end)]
    segments = []
    for start, end in parts:
        while start < end and (doc[start].is_punct or doc[start].is_space):
            if doc[start].text in "“‘\"'":
                break
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            if doc[end - 1].text in "”’\"'":
                break
            end -= 1
        if end > start:
            segments.append(_chars(doc, start, end))
    return tuple(segments)

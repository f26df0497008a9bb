"""One article's claims: attributions turned into :class:`Claim` records.

Each attribution whose content holds no other attribution becomes a claim; one that
holds another (a relay: "Cho told lawmakers ..., according to Park"; "Park cited Cho as
saying ...") is not a claim of its own but puts its source on the inner claim's
``relayed_by``. A speaker is resolved to one of the article's entities, or left
unresolved (``speaker_id`` None, the source span kept) when the text does not say who it
is. Sentences no attribution touches are claims of the outlet itself. Quantities and
dates inside a claim's content are attached to it; polarity and hedges come from the
cue (a denial, a belief) and from the content's own words.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from spacy.tokens import Doc, Token

from corroborate.claims.attribution import Attribution, is_nominal
from corroborate.claims.bounds import Clause, clauses, trim
from corroborate.claims.cues import ATTRIBUTION_VERBS
from corroborate.claims.directives import is_directive
from corroborate.claims.entities import ArticleEntities
from corroborate.claims.modality import assess
from corroborate.claims.nlp import parse
from corroborate.claims.quantities import find_quantities
from corroborate.claims.spans import SpanIndex
from corroborate.claims.tagger import combined_attributions
from corroborate.claims.timex import find_times
from corroborate.claims.types import ArticleClaims
from corroborate.records import Article, Claim, PubDate, Quantity, Span, TimeRef

__all__ = ["ArticleClaims", "extract_claims"]

# Outlet sentences shorter than this are headings, bylines or fragments, not claims.
MIN_OUTLET_WORDS = 5
# A source read between a dateline and its cue is a name or a title, not a clause.
MAX_SOURCE_WORDS = 8
_POSSESSIVE_ENDINGS = ("'s", "’s", "'", "’")
_Located = TypeVar("_Located", Quantity, TimeRef)


def extract_claims(
    article: Article, doc: Doc | None = None, published: PubDate | None = None
) -> ArticleClaims:
    """The claims of ``article``; ``published`` overrides its own (partial) date."""
    text = article.text
    if doc is None:
        doc = parse(text)
    known = ArticleEntities.build(doc, article.id)
    entity_ids = {entity.id: f"{article.id}:{entity.id}" for entity in known.entities}
    entities = tuple(replace(e, id=entity_ids[e.id]) for e in known.entities)
    # A claim's times are dates: a length of time ("for three weeks") is no day to group
    # or order claims by.
    times = find_times(text, published or article.published, article.id, doc=doc, durations=False)
    quantities = find_quantities(doc, article.id)
    # A dateline ("CORRICK, Valmoria (MW) —") names a place and an agency, never a
    # speaker: an attribution that takes its source or cue from it is a misparse, and a
    # source the parse runs on from it ("CORRICK (MW) — The mayor said") starts after it.
    dateline_end = article.dateline.span.end if article.dateline is not None else 0
    attributions = [
        _without_possessive(text, _source_outside_content(text, _denial_alone(doc, text, a)))
        for a in (_source_after(text, a, dateline_end) for a in combined_attributions(doc))
        if a.cue[0] >= dateline_end and (a.source is None or a.source[0] >= dateline_end)
    ]
    # Acts reported with no one said to have said anything are the outlet's claims.
    acts = {id(a): bounds for a in attributions if (bounds := _agentless_act(doc, a))}
    attributions = [a for a in attributions if id(a) not in acts]

    def speaker(span: tuple[int, int] | None) -> str | None:
        if span is None:
            return None
        entity = known.resolve(*span)
        return entity_ids.get(entity.id) if entity is not None else None

    # A belief or finding inside someone's words ("Cho told lawmakers his agency assessed
    # that ...") is part of what they said, not a claim passed on: it stays in the outer
    # claim and hedges it. Words said inside words said are relayed.
    # So is a commitment with no proposition of its own ("lawmakers said Pyongyang had
    # pledged to provide 10,000 troops"): what the outer source reports is the pledge.
    # And words reported with no one to say them ("residents were told to leave, the
    # mayor said"): there is nobody to relay, the outer speaker's words are the claim.
    # So is a claim named by a noun ("the mayor said the union's claim that the pump
    # failed was false"): the outer words are about the claim, they do not pass it on.
    holders = _holders(attributions)
    folded = [
        a
        for a in attributions
        if (
            a.cue_class in ("belief", "evidence")
            or not _is_clause(doc, a.content[0])
            or (a.source is None and a.origin is None)
            or _told_to(doc, a)
            or is_nominal(doc, a)
        )
        and holders[id(a)]
    ]
    folded_ids = {id(a) for a in folded}
    kept = [a for a in attributions if id(a) not in folded_ids]
    kept_holders = _holders(kept)
    cues = SpanIndex((a.cue[0], a.cue[1], id(a)) for a in kept)
    holding_beliefs = {id(h) for a in folded for h in holders[id(a)]}
    quantities_at = SpanIndex((q.span.start, q.span.end, q) for q in quantities)
    times_at = SpanIndex((t.span.start, t.span.end, t) for t in times)
    relaying = {id(h) for a in kept for h in kept_holders[id(a)]}
    claims: list[Claim] = []
    for attribution in kept:
        if id(attribution) in relaying:
            continue  # a relay: its source goes on the inner claim
        relays = list(kept_holders[id(attribution)])
        relays.sort(key=lambda a: -a.start)  # innermost first: origin, then who passed it on
        relayed_by = []
        if attribution.origin is not None and attribution.source is not None:
            relayed_by.append(attribution.source)
        relayed_by.extend(a.source for a in relays if a.source is not None)
        parts = [
            p
            for p in (trim(text, max(a, dateline_end), b) for a, b in attribution.content)
            if p and p[0] < p[1]
        ]
        if not parts:
            continue
        if (
            attribution.kind != "direct_quote"
            and not _is_clause(doc, parts[0])
            and not _names_an_act(doc, parts[0])
            and not (attribution.source is not None and is_directive(doc, attribution.cue))
        ):
            # "The company rejected the claims", "Residents were told to stay indoors": the
            # content is no proposition of its own; the act reported is the claim, unless
            # the sentence reports other words too. What a speaker asks for ("urged
            # residents to stay indoors", "called for a ceasefire") is their words.
            whole = _sentence_of(doc, text, attribution)
            alone = whole is not None and cues.overlapping(*whole) == [id(attribution)]
            if whole and alone:
                # The sentence without the dateline that opens it.
                trimmed = trim(text, max(whole[0], dateline_end), whole[1])
                parts = [trimmed] if trimmed else parts
        # A quotation stays whole: its words are the speaker's, however many clauses.
        whole_quote = len(parts) > 1 or attribution.kind == "direct_quote"
        cut = [] if whole_quote else clauses(doc, text, *parts[0])
        # The event a speaker dates their words by ("staff warned managers days before a
        # fire swept through the site") is one they take as known: the outlet's claim.
        pieces: list[tuple[list[tuple[int, int]], tuple[int, int] | None]] = (
            [(parts, None)]
            if whole_quote
            else [(_pieces_of(c), c.dated_by) for c in cut if not c.temporal]
        )
        claims.extend(
            _outlet_claim(article, doc, c, quantities_at, times_at) for c in cut if c.temporal
        )
        beliefs = id(attribution) in holding_beliefs
        for piece, dated_by in pieces:
            content = (piece[0][0], piece[-1][1])
            # A quotation's figures and dates are all its pieces'; a predicate that shares
            # its subject has only its own and the subject's, and is read alone for hedges
            # and denials ("probably failed on Monday and was replaced on Tuesday").
            words = [content] if whole_quote else piece
            modality = assess(doc, content if whole_quote else piece[-1], attribution.cue)
            polarity = "denied" if attribution.cue_class == "denial" else modality.polarity
            said_by = attribution.origin or attribution.source
            speaker_id = speaker(said_by)
            if said_by is not None and speaker_id is None:
                # No one named: the words that say who it is ("Earlier reports from
                # Valmorian engineers" -> "Valmorian engineers"; "The engineers" -> the
                # group described a few sentences before).
                said_by = known.describe(*said_by)
            claims.append(
                Claim(
                    id="",
                    article_id=article.id,
                    content=Span(article.id, *content),
                    kind=attribution.kind,
                    source=_span(article.id, said_by),
                    cue=Span(article.id, *attribution.cue),
                    speaker_id=speaker_id,
                    relayed_by=tuple(i for i in map(speaker, relayed_by) if i is not None),
                    quantities=_within(quantities_at, *words),
                    times=_dated(doc, times_at, words, dated_by),
                    polarity=polarity,
                    hedged=modality.hedged or attribution.cue_class == "belief" or beliefs,
                    parts=tuple(Span(article.id, *p) for p in piece) if len(piece) > 1 else (),
                    stated=_stated(
                        doc,
                        attribution,
                        [*piece, *([dated_by] if dated_by else [])],
                        times_at,
                        dateline_end,
                    ),
                )
            )
    claims.extend(_outlet_claims(article, doc, attributions, quantities_at, times_at))
    # An act in a sentence that also reports words ("Signs of unrest were noted in March,
    # with reports saying ...") is left out of the outlet's sentences: its own clause.
    for act in acts.values():
        bounds = trim(text, max(act[0], dateline_end), act[1])
        told = any(c.kind == "outlet" and _overlap(c.content, act) for c in claims)
        # Inside someone's words ("residents were told to leave, the mayor said"), the
        # act is theirs to report, and their claim holds it.
        inside = any(a <= act[0] < b for x in attributions for a, b in x.content)
        if bounds and not told and not inside:
            cuts = clauses(doc, text, *bounds)
            claims.extend(_outlet_claim(article, doc, c, quantities_at, times_at) for c in cuts)
    # A predicate that shares its subject comes after the claim it shares it with.
    claims.sort(key=lambda c: (c.content.start, c.content.end))
    numbered = tuple(replace(c, id=f"{article.id}:c{i + 1}") for i, c in enumerate(claims))
    return ArticleClaims(article_id=article.id, claims=numbered, entities=entities)


def _source_after(text: str, attribution: Attribution, start: int) -> Attribution:
    """The attribution with its source cut to begin at ``start`` (the dateline's end):
    the parse may run the dateline into the subject after it, or take the dateline for
    the subject ("SEOUL (AP) — The minister said": the few words between the dateline
    and the cue are the source then)."""
    source, cue = attribution.source, attribution.cue
    if source is None or source[0] >= start or cue[0] < start:
        return attribution
    end = source[1] if source[1] > start else cue[0]
    between = text[start:end]
    if source[1] <= start and (len(between.split()) > MAX_SOURCE_WORDS or "," in between):
        return attribution  # no subject of the cue's own: dropped with the dateline
    trimmed = trim(text, start, end)
    return replace(attribution, source=trimmed) if trimmed else attribution


def _source_outside_content(text: str, attribution: Attribution) -> Attribution:
    """The attribution with a source that runs into its own content cut back to where the
    content starts (or on from where it ends): the tagger's source for "According to shop
    steward Liv Alm, the company had refused ..." may take in "the company", which would
    make the company the speaker."""
    source = attribution.source
    if source is None:
        return attribution
    start, end = source
    for a, b in attribution.content:
        if start < a < end <= b or (start < a and b < end):
            end = a
        elif a <= start < b < end:
            start = b
    if (start, end) == source:
        return attribution
    trimmed = trim(text, start, end)
    return replace(attribution, source=trimmed) if trimmed else attribution


def _denial_alone(doc: Doc, text: str, attribution: Attribution) -> Attribution:
    """A denial without the contrast that follows it: in "The two firms denied that the
    talks had failed but have agreed to meet again", the agreeing is the firms' own act,
    not part of what they deny, though the parser may hang it on the denied clause. A
    verb after "but" or "yet" with no subject of its own is cut off the content."""
    if attribution.cue_class != "denial" or len(attribution.content) != 1:
        return attribution
    start, end = attribution.content[0]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return attribution
    for token in span:
        if token.dep_ != "conj" or token.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children):
            continue
        # spaCy hangs the "but" on the first verb, just before the second.
        contrast = [
            c
            for c in (*token.children, *token.head.children)
            if c.dep_ == "cc" and c.lower_ in ("but", "yet") and c.i < token.i
        ]
        if contrast and max(c.i for c in contrast) > span.start:
            cut = trim(text, start, max(contrast, key=lambda c: c.i).idx)
            if cut is not None:
                return replace(attribution, content=(cut,))
    return attribution


def _without_possessive(text: str, attribution: Attribution) -> Attribution:
    """The attribution with a possessive source ("the union's claim that ...") named
    without its "'s": the source is the union."""
    source = attribution.source
    if source is None:
        return attribution
    words = text[source[0] : source[1]]
    for ending in _POSSESSIVE_ENDINGS:
        if words.endswith(ending) and len(words) > len(ending):
            trimmed = trim(text, source[0], source[1] - len(ending))
            return replace(attribution, source=trimmed) if trimmed else attribution
    return attribution


def _outlet_claims(
    article: Article,
    doc: Doc,
    attributions: list[Attribution],
    quantities_at: SpanIndex[Quantity],
    times_at: SpanIndex[TimeRef],
) -> list[Claim]:
    """Sentences no attribution touches: what the outlet itself asserts; and, in a
    sentence that reports someone's words, a coordinated clause of its own that no
    attribution touches ("Nine people were injured, officials said, and thousands were
    evacuated from the streets")."""
    taken = SpanIndex(
        (span[0], span[1], True)
        for a in attributions
        for span in (a.cue, *a.content, a.source)
        if span
    )
    skip_until = article.dateline.span.end if article.dateline is not None else 0
    claims: list[Claim] = []
    for sentence in doc.sents:
        start = max(sentence.start_char, skip_until)
        bounds = trim(article.text, start, sentence.end_char)
        if bounds is None:
            continue
        if len(article.text[bounds[0] : bounds[1]].split()) < MIN_OUTLET_WORDS:
            continue
        reported = bool(taken.overlapping(*bounds))
        # A participle clause left over in a sentence that reports words is the
        # outlet's aside on the speaker ("..., he said, referring to the treaty by its
        # full name") or the speaker's words going on: no claim of the outlet's.
        for cut in clauses(doc, article.text, *bounds, adjuncts=not reported):
            clause = cut.span
            if reported and (
                taken.overlapping(*clause)
                or len(article.text[clause[0] : clause[1]].split()) < MIN_OUTLET_WORDS
            ):
                continue
            claims.append(_outlet_claim(article, doc, cut, quantities_at, times_at))
    return claims


def _outlet_claim(
    article: Article,
    doc: Doc,
    clause: Clause,
    quantities_at: SpanIndex[Quantity],
    times_at: SpanIndex[TimeRef],
) -> Claim:
    pieces = _pieces_of(clause)
    modality = assess(doc, clause.span, None)
    return Claim(
        id="",
        article_id=article.id,
        content=Span(article.id, pieces[0][0], pieces[-1][1]),
        kind="outlet",
        quantities=_within(quantities_at, *pieces),
        times=_dated(doc, times_at, pieces, clause.dated_by),
        polarity=modality.polarity,
        hedged=modality.hedged,
        parts=tuple(Span(article.id, *p) for p in pieces) if len(pieces) > 1 else (),
    )


def _pieces_of(clause: Clause) -> list[tuple[int, int]]:
    """A clause's words: a predicate that shares its subject goes after the subject
    ("The ferry … was towed back by evening")."""
    return [clause.subject, clause.span] if clause.subject else [clause.span]


def _holders(attributions: list[Attribution]) -> dict[int, list[Attribution]]:
    """For each attribution (by ``id``), the others whose content holds its cue."""
    contents = SpanIndex((a, b, holder) for holder in attributions for a, b in holder.content)
    return {id(a): [h for h in contents.containing(*a.cue) if h is not a] for a in attributions}


def _told_to(doc: Doc, attribution: Attribution) -> bool:
    """Whether the source is whom the words were said to, not who said them: the subject
    of a passive cue ("workers had been told it would be fixed", "residents were
    assured the water was safe"), with no "by" naming the speaker. Inside someone's
    words, such words have no one to relay."""
    if attribution.source is None or attribution.origin is not None:
        return False
    cue = doc.char_span(*attribution.cue, alignment_mode="expand")
    source = doc.char_span(*attribution.source, alignment_mode="expand")
    if cue is None or source is None:
        return False
    verb = cue.root
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    by = any(c.dep_ == "agent" for c in verb.children)
    # The subject may be the first of two joined verbs ("workers had reported a fault and
    # had been told ...").
    heads = {verb, verb.head} if verb.dep_ == "conj" else {verb}
    subject = source.root.dep_ in ("nsubj", "nsubjpass") and source.root.head in heads
    return passive and not by and subject


def _overlap(span: Span, bounds: tuple[int, int]) -> bool:
    return span.start < bounds[1] and bounds[0] < span.end


def _agentless_act(doc: Doc, attribution: Attribution) -> tuple[int, int] | None:
    """Whether the attribution is an act the outlet reports with no one named to have
    said anything: a passive cue with no "by", whose subject is what was noted or whom
    it was said to, and no clause of words said ("Residents were told to stay indoors",
    "Signs of unrest were noted in March", "Heavy flooding was reported on Tuesday").
    The sentence is then the outlet's claim, as a whole ("were told to stay indoors" is
    no proposition without who was told). "It was reported that ..." and "residents
    were told the water was safe" keep their words said."""
    if attribution.source is not None or attribution.origin is not None:
        return None
    cue = doc.char_span(*attribution.cue, alignment_mode="expand")
    if cue is None:
        return None
    verb = cue.root
    deps = {c.dep_ for c in verb.children}
    if "auxpass" not in deps or "agent" in deps or deps & {"ccomp", "parataxis"}:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not subjects or subjects[0].lower_ in ("it", "this", "that"):
        return None
    # The act's clause: its subject, the verb and what follows it up to a comma or a
    # joined clause ("..., with reports saying ...", "... and stayed indoors").
    end = verb
    for child in verb.rights:
        if child.dep_ in ("punct", "cc", "conj"):
            break
        end = child
    last = end.right_edge
    return subjects[0].left_edge.idx, last.idx + len(last)


def _is_clause(doc: Doc, bounds: tuple[int, int]) -> bool:
    """Whether the content has a verb with a subject or a complementiser: a proposition."""
    span = doc.char_span(*bounds, alignment_mode="expand")
    if span is None:
        return True
    return any(
        t.dep_ in ("nsubj", "nsubjpass", "expl", "mark") and t.head.i >= span.start for t in span
    ) or any(t.tag_ in ("VBD", "VBZ", "VBP") for t in span)


def _names_an_act(doc: Doc, bounds: tuple[int, int]) -> bool:
    """Whether the content is a noun that a verb of its own describes ("reported efforts
    by the militia to block the road", "cited intelligence suggesting a build-up"): what
    was reported is in those words, without the rest of the sentence around them."""
    span = doc.char_span(*bounds, alignment_mode="expand")
    if span is None or span.root.pos_ not in ("NOUN", "PROPN"):
        return False
    # One noun phrase: "urged people living nearby to stay indoors" is a directive whose
    # infinitive hangs on the verb, not a described noun.
    whole = all(span.start <= t.head.i < span.end for t in span if t.i != span.root.i)
    return whole and any(
        t.dep_ in ("acl", "relcl") and t.pos_ in ("VERB", "AUX") and t.head.i == span.root.i
        for t in span
    )


def _sentence_of(doc: Doc, text: str, attribution: Attribution) -> tuple[int, int] | None:
    cue = doc.char_span(*attribution.cue, alignment_mode="expand")
    if cue is None:
        return None
    return trim(text, cue.sent.start_char, cue.sent.end_char)


def _stated(
    doc: Doc,
    attribution: Attribution,
    parts: list[tuple[int, int]],
    times: SpanIndex[TimeRef],
    dateline_end: int,
) -> TimeRef | None:
    """The time the attribution gives for the saying: in the cue's sentence, outside the
    content, the source and the dateline ("Rutte said Tuesday", "told reporters on
    Wednesday"); the one nearest the cue where there are two ("SEOUL, Oct 24 - Austin
    announced Wednesday ..." was said Wednesday)."""
    sentence = doc.char_span(*attribution.cue, alignment_mode="expand")
    if sentence is None:
        return None
    start, end = max(sentence.sent.start_char, dateline_end), sentence.sent.end_char
    taken = [*parts, *([attribution.source] if attribution.source else [])]
    found = [
        time
        for time in times.overlapping(start, end)
        if start <= time.span.start and time.span.end <= end
        and not any(a < time.span.end and time.span.start < b for a, b in taken)
    ]  # fmt: skip
    cue_start, cue_end = attribution.cue
    found = [t for t in found if _dates_the_cue(doc, t, attribution.cue)]
    return min(
        found,
        key=lambda t: (max(t.span.start - cue_end, cue_start - t.span.end), t.span.start),
        default=None,
    )


def _dates_the_cue(doc: Doc, time: TimeRef, cue: tuple[int, int]) -> bool:
    """Whether the parse hangs the time on the cue: "said on Tuesday", "said in a
    statement released Tuesday", or on the speech verb the cue is joined to ("on Tuesday
    said X and said Y"). A time of another verb is another act's: in "denied it but have
    committed to the pact, having signed it in June", June is the signing's."""
    span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    words = doc.char_span(*cue, alignment_mode="expand")
    if span is None or words is None:
        return False
    speaking = {t.i for t in words}
    verb = words.root
    while verb.dep_ == "conj" and verb.head.lemma_ in ATTRIBUTION_VERBS:
        verb = verb.head
        speaking.add(verb.i)
    token = span.root
    while token.i not in speaking:
        if token.head.i == token.i:
            return False
        token = token.head
        # A participle describing a noun on the way ("a statement released Tuesday")
        # belongs with that noun; any other verb is an act of its own.
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "acl" and token.i not in speaking:
            return False
    return True


def _span(article_id: str, span: tuple[int, int] | None) -> Span | None:
    return Span(article_id, *span) if span is not None else None


def _within(items: SpanIndex[_Located], *pieces: tuple[int, int]) -> tuple[_Located, ...]:
    """The items whose spans lie inside one of ``pieces``, in text order."""
    inside = {
        i
        for start, end in pieces
        for i in items.overlapping(start, end)
        if start <= i.span.start and i.span.end <= end
    }
    return tuple(sorted(inside, key=lambda i: (i.span.start, i.span.end)))


def _dated(
    doc: Doc,
    times: SpanIndex[TimeRef],
    pieces: list[tuple[int, int]],
    dated_by: tuple[int, int] | None,
) -> tuple[TimeRef, ...]:
    """The times inside ``pieces`` that date what they say, and those of the temporal
    clause cut off them: "crews were sent after the alarm was raised at 2:34 p.m." were
    sent at that time too."""
    own = tuple(t for t in _within(times, *pieces) if not _aside(doc, t, pieces))
    if dated_by is None:
        return own
    extra = _within(times, dated_by)
    return tuple(sorted({*own, *extra}, key=lambda t: (t.span.start, t.span.end)))


def _aside(doc: Doc, time: TimeRef, pieces: list[tuple[int, int]]) -> bool:
    """Whether ``time`` dates only a noun described in a side remark of the claim: in
    "evidence suggests the rebels hold the port, calling it a grave turn in the war that
    began in 2019", 2019 is when the war began, told in the speaker's comment on the
    claim (a participle with no subject of its own), not when the rebels hold the port.
    A relative clause of the claim's own words still dates it: "the likely cause of the
    fire that gutted the hall on Tuesday" is a claim about Tuesday's fire."""
    words = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if words is None:
        return False
    inside = {t.i for a, b in pieces for t in doc.char_span(a, b, alignment_mode="expand") or ()}
    described = False
    token = words.root
    while token.head.i != token.i and token.head.i in inside:
        if token.dep_ in ("relcl", "acl") and token.pos_ in ("VERB", "AUX"):
            described = True
        elif described and _side_remark(token):
            return True
        token = token.head
    return False


def _side_remark(token: Token) -> bool:
    """A participle clause hung on the clause before it, with no subject of its own:
    "..., calling it a grave turn", "..., labelling the move a provocation"."""
    return (
        token.dep_ == "advcl"
        and token.tag_ in ("VBG", "VBN")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    )

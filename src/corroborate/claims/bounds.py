"""Where a claim begins and ends: a span cut into the clauses that say one thing each,
and a span's edges trimmed of punctuation, quotation marks and a leading "that".

A sentence may pack several facts: coordinated clauses ("120 firefighters were sent, and
the fire was under control by 6 a.m."), predicates that share a subject ("The ferry left
port at noon and was towed back by evening"), a trailing participle of the outlet's own
("..., injuring nine people"), a temporal clause set apart by a length of time, with an
event of its own ("staff warned managers days before a fire swept through the site late
on Tuesday"). Other reports confirm or contradict each of them alone, so each is a
claim.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from corroborate.claims.cues import ATTRIBUTION_VERBS, RELAY_VERBS

__all__ = ["Clause", "clauses", "trim"]

_EDGE = "“”‘’\"' ,.;:—–-\n\t"
# Words that open a clause saying when the main clause happened.
TEMPORAL_MARKERS = frozenset({"after", "before", "when", "as", "until", "till"})
# Words before the marker that measure it ("shortly after", "about 20 minutes after",
# "days before"): they go with neither clause's claim.
_MEASURE_DEPS = frozenset({"npadvmod", "advmod", "nummod", "quantmod", "det"})
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "moment"})
_SUBJECTS = ("nsubj", "nsubjpass", "expl")
# Words that go before a noun and modify it.
_MODIFIERS = frozenset({"det", "amod", "compound", "poss", "nummod", "quantmod"})
# What a verb does to what: its object, or a clause or phrase completing it.
_COMPLEMENTS = frozenset({"dobj", "dative", "xcomp", "ccomp", "attr", "acomp", "oprd"})


@dataclass(frozen=True)
class Clause:
    """A span of one claim. ``dated_by``: a temporal clause cut off it ("... days before
    a fire swept through the site late on Tuesday"), whose time dates this clause too.
    ``temporal``: whether this is such a clause; in someone's words it is the event
    they date their words by, which they take as known."""

    span: tuple[int, int]
    dated_by: tuple[int, int] | None = None
    temporal: bool = False
    # The subject a predicate shares with the one before it ("The ferry left port at
    # noon and was towed back by evening": "The ferry"), which goes before its words.
    subject: tuple[int, int] | None = None


def clauses(doc: Doc, text: str, start: int, end: int, *, adjuncts: bool = False) -> list[Clause]:
    """The span cut into its coordinated clauses, each with a subject of its own:
    "120 firefighters were sent, and the fire was under control by 6 a.m." is two claims,
    which other reports may confirm or contradict one at a time. The second clause is
    cut also when the parse hangs it outside the span, on the cue of a sentence that
    ends in an attribution ("..., and the fire was under control, the chief said").

    So are predicates joined to the main verb that share its subject ("The ferry left
    port at noon and was towed back by evening", see :func:`_shared_subject`): each
    keeps the subject on its :class:`Clause`.

    A temporal clause with a subject of its own, set apart by a length of time, that
    tells an event of its own, is cut off its main clause (see :func:`_temporal`), and
    dates it.

    With ``adjuncts``, trailing participle clauses are cut too: the outlet's own lead
    packs several facts in one sentence ("a fire tore through the hall, injuring nine
    people"). In someone's reported words such a clause goes on with their statement
    ("600 more were moved out, bringing the total to 2,500": the total the 600 made)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return [Clause((start, end))]
    cuts = []
    # A temporal clause's first and last token, and a token of the main clause it dates
    # (the word before the clause where the parse hangs it on the words measuring it).
    temporal: list[tuple[int, int, int]] = []
    shared: dict[int, tuple[int, int]] = {}  # where a predicate begins -> its subject
    for token in span:
        found = _temporal(doc, span, token)
        if found is not None:
            measure, first, last, head = found
            cuts.append((measure, first))
            rest = last + 1
            while rest < span.end and doc[rest].dep_ in ("cc", "punct"):
                rest += 1
            if rest < span.end:
                cuts.append((last + 1, rest))
            temporal.append((first, last, head if head < measure or head > last else measure - 1))
        if token.pos_ not in ("VERB", "AUX") or token.i == span.start:
            continue
        adjunct = _participle_adjunct(doc, token) if adjuncts else None
        if adjunct is not None:
            if span.start < adjunct < token.left_edge.i < span.end:
                cuts.append((adjunct, token.left_edge.i))
            continue
        subject = _shared_subject(doc, span, token)
        if subject is None and not any(c.dep_ in _SUBJECTS for c in token.children):
            continue
        left = token.left_edge.i
        while left > span.start and doc[left - 1].dep_ in ("cc", "punct"):
            left -= 1
        if subject is not None:
            if span.start < left and not _quoted(text, doc[span.start].idx, doc[left].idx):
                cuts.append((left, token.left_edge.i))
                shared[doc[token.left_edge.i].idx] = subject
            continue
        if token.dep_ != "conj":
            # Not coordinated in the parse: a clause only when its head lies outside the
            # span and an "and"/"but" joins it to what comes before.
            outside = not span.start <= token.head.i < span.end or token.head.i == token.i
            joined = any(doc[i].dep_ == "cc" for i in range(left, token.left_edge.i))
            if not (outside and joined):
                continue
        if span.start < left and token.left_edge.i < span.end:
            cuts.append((left, token.left_edge.i))
    if not cuts:
        return [Clause((start, end))]
    pieces = []
    begin = start
    for left, right in sorted(cuts):
        piece = trim(text, begin, doc[left].idx)
        if piece:
            pieces.append(piece)
        begin = max(begin, doc[right].idx)
    last_piece = trim(text, begin, end)
    if last_piece:
        pieces.append(last_piece)
    if not pieces:
        return [Clause((start, end))]
    # A main clause is dated by the temporal clause cut off it.
    dates: dict[tuple[int, int], tuple[int, int]] = {}
    for first, last, head in temporal:
        clause = trim(text, doc[first].idx, doc[last].idx + len(doc[last]))
        at = doc[head].idx
        main = next((p for p in pieces if p[0] <= at < p[1] and p != clause), None)
        if clause in pieces and main is not None:
            dates.setdefault(main, clause)
    return [Clause(p, dates.get(p), p in dates.values(), shared.get(p[0])) for p in pieces]


def _shared_subject(doc: Doc, span: Span, verb: Token) -> tuple[int, int] | None:
    """The subject ``verb`` shares with the main verb it is joined to, when it is a
    predicate of its own: "The ferry left port at noon and was towed back by evening"
    says two things, which other reports may tell one without the other. Its character
    span, or None.

    Only a predicate joined by "and", with a tense of its own and words of its own beyond
    its verb: in "will close the bridge and reroute traffic" the second verb shares the
    "will", in "rose and fell" it says nothing alone. Speech verbs are left joined:
    "denied the report and said ..." is one attribution and its words, which attribution
    reads."""
    if verb.dep_ != "conj" or verb.head.i >= verb.i or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    main = verb.head
    while main.dep_ == "conj" and main.head.pos_ in ("VERB", "AUX") and main.head.i < main.i:
        main = main.head
    # The span's own main verb: not one of a clause inside it.
    if span.start <= main.head.i < span.end and main.head.i != main.i:
        return None
    if any(c.dep_ in _SUBJECTS for c in verb.children):
        return None
    # Joined by "and" right before it: "but" and "yet" make the second a concession to
    # the first ("worked as designed but could not contain the fire"), one claim; a
    # word between that is no part of the predicate is a subject the parse missed
    # ("seven were workers and two were firefighters").
    joining = doc[verb.left_edge.i - 1]
    if joining.lower_ != "and" or joining.dep_ != "cc" or joining.head not in (verb, verb.head):
        return None
    subjects = [c for c in main.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < main.i]
    if len(subjects) != 1 or not span.start <= subjects[0].left_edge.i:
        return None
    # A speech verb after a speech verb is one attribution's words going on; a predicate
    # of its own after one ("urged a withdrawal and hinted at sanctions") is a claim,
    # which no attribution reads once the first verb's words end.
    speech = ATTRIBUTION_VERBS | RELAY_VERBS
    if any(t.lemma_ in speech for t in (verb, *(c for c in verb.children if c.dep_ == "conj"))):
        return None
    if main.lemma_ in speech and _speech_runs_on(main, verb):
        return None
    if not _tensed_alone(main, verb) or not _says_more(main) or not _says_more(verb):
        return None
    if _plural(subjects[0]) and _singular(verb):
        return None  # "The two taped a show that aired on Thursday, and was light on details"
    first, last = subjects[0].left_edge.i, subjects[0].right_edge.i
    # The parse may hang a determiner of the subject on the verb ("the ferry left").
    while (
        first > span.start and doc[first - 1].dep_ in _MODIFIERS and doc[first - 1].head.i >= first
    ):
        first -= 1
    return doc[first].idx, doc[last].idx + len(doc[last])


def _speech_runs_on(main: Token, verb: Token) -> bool:
    """Whether the words a speech verb introduces may run on over ``verb``: it has a
    clause of words said ("said the raids must stop and ..."), where the parse's
    "and" may join either verb, or nothing after it for ``verb`` to be apart from."""
    return any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in main.children) or not any(
        c.dep_ in ("dobj", "prep", "attr", "oprd") and c.i < verb.i for c in main.children
    )


def _tensed_alone(main: Token, verb: Token) -> bool:
    """Whether ``verb`` has a tense of its own, not the auxiliary of ``main`` ("would
    spur the economy and create jobs": "create" is what would be)."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    if auxiliaries:
        return not any(a.tag_ == "TO" for a in auxiliaries)
    if verb.tag_ in ("VBD", "VBZ"):
        return True
    # A present form that is not the base form ("are") has its tense; a base form may
    # be the main verb's auxiliary's ("could remove ... and create").
    shared = any(c.dep_ in ("aux", "auxpass") for c in main.children)
    return verb.tag_ == "VBP" and (verb.lower_ != verb.lemma_ or not shared)


def _says_more(verb: Token) -> bool:
    """Whether the verb has words of its own: "live" in "I live and work in Corrick"
    says nothing alone."""
    bare = ("aux", "auxpass", "neg", "cc", "punct", "conj", *_SUBJECTS)
    return any(c.dep_ not in bare for c in verb.children)


def _plural(noun: Token) -> bool:
    if noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in noun.children):
        return True
    return noun.tag_ == "CD" and noun.lower_ not in ("one", "1")


def _singular(verb: Token) -> bool:
    """Whether the predicate's finite word is singular ("was", "is", "has")."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    finite = auxiliaries[0] if auxiliaries else verb
    return finite.tag_ == "VBZ" or "Sing" in finite.morph.get("Number", [])


def _quoted(text: str, start: int, at: int) -> bool:
    """Whether ``at`` lies inside a quotation opened after ``start``: a direct quotation
    is the speaker's words, never cut."""
    before = text[start:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _temporal(doc: Doc, span: Span, marker: Token) -> tuple[int, int, int, int] | None:
    """A temporal clause that ``marker`` opens, set apart from its main clause by a
    length of time, with a subject of its own and a time or an object of its own ("days
    before a fire swept through the site late on Tuesday", "two hours after the levee
    broke on Sunday, ...", "hours after a barge struck one of its piers"): where the
    words measuring it begin, its first and last token, and the token of the main
    clause it dates. It tells an event of its own (the fire), which other reports tell
    on their own. With neither ("minutes after the fire was reported"), with a pronoun
    for its subject ("hours before it rained on Friday") or with no length of time
    between ("sent after the alarm was raised at 2:34 p.m.", "after divers inspected the
    hull") it only places its main clause, and stays in it."""
    if marker.lower_ not in TEMPORAL_MARKERS:
        return None
    read = _clause_after(marker)
    if read is None:
        return None
    verb, subjects, dated, last = read
    if verb.pos_ not in ("VERB", "AUX") or verb.head.i == verb.i:
        return None
    # What it dates is the verb of the main clause, not one describing a noun inside it
    # ("residents who reported breathing difficulties after the wind shifted on
    # Wednesday": the reporting is what the wind preceded, not the claim).
    while dated.pos_ not in ("VERB", "AUX") and dated.head.i != dated.i:
        dated = dated.head
    inside = (t for t in (dated, *dated.ancestors) if span.start <= t.i < span.end)
    if any(t.dep_ in ("relcl", "acl") for t in inside):
        return None
    if not subjects or any(s.pos_ == "PRON" for s in subjects):
        return None
    first = marker.i + 1
    last = min(last, span.end - 1)
    while last > first and doc[last].dep_ in ("cc", "punct"):
        last -= 1
    if not span.start <= marker.i < first <= last or not span.start <= dated.i < span.end:
        return None
    # A clause inside its main clause leaves the main clause in two pieces ("had just
    # put her grandson to bed when an officer knocked and told her to pack a bag"):
    # only one that ends the span, or opens it before a comma, is cut.
    trailing = all(t.is_punct for t in doc[last + 1 : span.end])
    leading = all(t.dep_ in _MEASURE_DEPS or t.is_punct for t in doc[span.start : marker.i])
    if not trailing and not (leading and doc[last + 1].text == ","):
        return None
    if span.start <= dated.i <= last and dated.i >= first:
        return None  # the clause would date itself
    # It tells an event of its own when it says when, or what its verb did to what: "days
    # after a fire forced hundreds of families to flee"; "minutes after the fire was
    # reported" only places its main clause.
    timed = any(doc[i].ent_type_ in ("DATE", "TIME") for i in range(first, last + 1))
    if not timed and not any(c.dep_ in _COMPLEMENTS for c in verb.children):
        return None
    measure = marker.i
    while measure - 1 >= span.start:
        word = doc[measure - 1]
        # "days before": the parse may take the unit for the object of what precedes.
        modifies = word.head.i >= measure or marker.is_ancestor(word) or verb.is_ancestor(word)
        if not (_is_unit(word) or (word.dep_ in _MEASURE_DEPS and modifies)):
            break
        measure -= 1
    # Only a clause set apart by a length of time ("days before", "two hours after")
    # tells an event of its own: "sent after the alarm was raised at 2:34 p.m." or
    # "heard a bang shortly before smoke began pouring" tells one episode in its order,
    # which reports tell whole (example corpus, benchmarks/corroboration.py).
    if not any(_is_unit(doc[i]) for i in range(measure, marker.i)):
        return None
    return measure, first, last, dated.i


def _clause_after(marker: Token) -> tuple[Token, list[Token], Token, int] | None:
    """The clause ``marker`` opens as the parse reads it: its verb, its subjects, the
    word of the main clause it hangs on, and its last token."""
    if marker.dep_ in ("mark", "advmod") and marker.head.i > marker.i:
        verb = marker.head
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and c.i > marker.i]
        return verb, subjects, verb.head, verb.right_edge.i
    if marker.dep_ != "prep":
        return None
    objects = [c for c in marker.children if c.dep_ == "pobj"]
    verb = marker.head
    if (
        verb.i > marker.i
        and verb.pos_ == "VERB"
        and objects
        and not any(c.dep_ in _SUBJECTS for c in verb.children)
    ):
        # "hours after a fire in a hall forced families to flee": the parse may take the
        # subject for the preposition's object, and hang the preposition on the verb.
        return verb, objects, verb.head, verb.right_edge.i
    # Or read "before a fire swept through the site" as a preposition whose object a
    # past participle describes: a finite verb, by its own subject.
    described = [
        c
        for o in objects
        for c in o.children
        if c.dep_ in ("acl", "relcl") and c.tag_ in ("VBD", "VBN") and c.i > o.i
    ]
    if not described or any(d.dep_ in ("agent", "auxpass") for d in described[0].children):
        return None
    return described[0], [described[0].head], marker.head, marker.right_edge.i


def _is_unit(word: Token) -> bool:
    return word.lemma_.lower() in _TIME_UNITS and word.tag_ in ("NN", "NNS")


def _participle_adjunct(doc: Doc, token: Token) -> int | None:
    """Where a trailing participle clause of consequence begins ("..., injuring nine
    people and forcing the evacuation of several streets"): the index of the comma or
    "and" before it. Such a clause says another thing than its sentence (the fire; the
    injured; the evacuation), which other reports tell on their own."""
    if token.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return None
    # "..., saying the plant was safe": words reported, which attribution reads.
    if token.lemma_ in ATTRIBUTION_VERBS or token.lemma_ in RELAY_VERBS:
        return None
    if token.dep_ == "advcl" and token.head.i < token.i:
        before = token.left_edge.i - 1
        return before if before >= 0 and doc[before].text == "," else None
    # The second of two joined participles: "... and forcing the evacuation".
    if token.dep_ == "conj" and _participle_adjunct(doc, token.head) is not None:
        before = token.left_edge.i - 1
        while before > token.head.i and doc[before].dep_ in ("cc", "punct"):
            before -= 1
        return before + 1 if before + 1 < token.left_edge.i else None
    return None


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without edge punctuation, quotation marks, and a leading "that"; a
    quotation mark at an edge stays where the words inside pair with it (a mixed quote
    ending 'would mark a “grave step.”' keeps its closing mark)."""
    outer = (start, end)
    while start < end and text[start] in _EDGE:
        start += 1
    if text.startswith("that ", start) and end - start > 5:
        start += 5
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if end <= start:
        return None
    return _paired_quotes(text, start, end, outer)


def _paired_quotes(text: str, start: int, end: int, outer: tuple[int, int]) -> tuple[int, int]:
    """``start``..``end`` widened to the trimmed-off quotation mark that pairs with one
    left unpaired inside (curly marks by their shape, straight ones by their count)."""
    inside = text[start:end]
    opened = inside.count("“") - inside.count("”")
    straight_odd = inside.count('"') % 2 == 1
    last_straight = inside.rfind('"')
    # A straight mark after a space or at the start opens a quotation.
    straight_opens = straight_odd and (last_straight == 0 or inside[last_straight - 1].isspace())
    if opened > 0 or straight_opens:
        mark = "”" if opened > 0 else '"'
        found = text.find(mark, end, outer[1])
        if found != -1:
            end = found + 1
    elif opened < 0 or straight_odd:
        mark = "“" if opened < 0 else '"'
        found = text.rfind(mark, outer[0], start)
        if found != -1:
            start = found
    return (start, end)

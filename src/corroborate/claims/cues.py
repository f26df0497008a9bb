"""Words that attribute: the verbs, nouns and phrases that introduce what someone said.

The lists are grouped by what the attribution is, because later stages treat them
differently: a denial flips the polarity of what is denied, a belief or an estimate is a
hedge, a speech act is a plain report. They were written from English news usage and the
PolNeAR annotation guidelines' description of attribution (speech, thought, intention).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from corroborate.claims.modality import DENIAL_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

CueClass = Literal["speech", "belief", "denial", "evidence"]

# Verbs that report a speech act: "said", "told", "announced", "wrote", "tweeted".
SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "add",
        "state",
        "announce",
        "declare",
        "report",
        "write",
        "tweet",
        "post",
        "claim",
        "insist",
        "argue",
        "warn",
        "note",
        "explain",
        "comment",
        "remark",
        "reply",
        "respond",
        "answer",
        "confirm",
        "acknowledge",
        "admit",
        "concede",
        "reveal",
        "disclose",
        "describe",
        "recall",
        "repeat",
        "reiterate",
        "stress",
        "emphasise",
        "emphasize",
        "point",
        "mention",
        "maintain",
        "contend",
        "assert",
        "allege",
        "accuse",
        "charge",
        "complain",
        "criticize",
        "criticise",
        "praise",
        "promise",
        "pledge",
        "vow",
        "vowed",
        "threaten",
        "urge",
        "call",
        "ask",
        "demand",
        "testify",
        "predict",
        "forecast",
        "brief",
        "inform",
        "quote",
        "cite",
        "recount",
        "relate",
        "concede",
        "caution",
        "advise",
        "suggest",
        "propose",
        "recommend",
        "boast",
        "joke",
        "lament",
        "observe",
        "agree",
        "disagree",
        "counter",
        "retort",
        "continue",
        "conclude",
        "order",
        "instruct",
        "request",
        "question",
        "wonder",
        "estimate",
    ]
)

# Verbs of thought and judgement: a source's belief is attributed, and it is a hedge.
BELIEF_VERBS = frozenset(
    [
        "believe",
        "think",
        "assess",
        "judge",
        "consider",
        "expect",
        "fear",
        "hope",
        "suspect",
        "doubt",
        "know",
        "understand",
        "feel",
        "reckon",
        "guess",
        "figure",
        "anticipate",
        "presume",
        "assume",
        "calculate",
        "estimate",
        "conclude",
        "worry",
        "plan",
        "intend",
        "want",
        "aim",
        "seek",
    ]
)

# Verbs that deny what follows: the content is attributed and denied.
DENIAL_VERBS = frozenset(
    ["deny", "reject", "dismiss", "refute", "dispute", "rebut", "disavow", "contradict"]
)

# Verbs whose subject is a document or finding, not a person: "the report shows ...".
EVIDENCE_VERBS = frozenset(["show", "indicate", "find", "suggest", "reveal", "confirm", "prove"])

# Subjects that make any of those verbs a finding, not a speech act: "evidence suggests",
# "reports indicate", "data show" (the class then follows the subject, not the verb).
EVIDENCE_NOUNS = frozenset(
    [
        "evidence",
        "data",
        "datum",
        "report",
        "study",
        "research",
        "finding",
        "survey",
        "poll",
        "analysis",
        "figure",
        "statistic",
        "record",
        "document",
        "result",
        "test",
        "image",
        "footage",
        "intelligence",
        "investigation",
        "assessment",
    ]
)

ATTRIBUTION_VERBS = SPEECH_VERBS | BELIEF_VERBS | DENIAL_VERBS | EVIDENCE_VERBS

# Nouns that carry an attribution: "the mayor's statement that ...", "claims from the
# agency that ...", grouped like the verbs. Only nouns whose "that" clause is someone's
# words or mind: "the fact that", "news that", "the idea that" and "no doubt that" are
# the outlet's own assertion, and "evidence that", "signs that" a finding the outlet
# reports, so they are left out.
SPEECH_NOUNS = frozenset(
    [
        "statement",
        "claim",
        "allegation",
        "accusation",
        "assertion",
        "contention",
        "insistence",
        "argument",
        "announcement",
        "declaration",
        "warning",
        "prediction",
        "promise",
        "pledge",
        "assurance",
        "admission",
        "acknowledgement",
        "acknowledgment",
        "confirmation",
        "revelation",
        "suggestion",
        "complaint",
        "testimony",
        "remarks",
        "remark",
        "comments",
        "comment",
        "report",
        "rumour",
        "rumor",
        "demand",
    ]
)
BELIEF_NOUNS = frozenset(
    [
        "belief",
        "view",
        "assessment",
        "estimate",
        "fear",
        "concern",
        "suspicion",
        "expectation",
        "conclusion",
        "conviction",
    ]
)
ATTRIBUTION_NOUNS = SPEECH_NOUNS | BELIEF_NOUNS | DENIAL_NOUNS

# Speech verbs that attribute only a quotation: "'The pier is safe,' she continued". With
# an infinitive they say how something goes on ("if tensions continue to rise"), with a
# reported clause they are rare enough that the aspect reading wins.
QUOTE_ONLY_VERBS = frozenset(["continue"])

# Verbs that ask for something only with one of these prepositions right after them
# ("called on X to", "called for X", "appealed to X to", "appealed for calm", "pleaded with
# X to", "pleaded for X"); see directives.py. "appeal" and "plead" stay off the verb lists,
# whose words the shipped tagger model reads as cue words: alone they rarely attribute
# ("appeal the ruling", "pleaded guilty").
PHRASAL_DIRECTIVES: dict[str, tuple[str, ...]] = {
    "call": ("on", "upon", "for"),
    "appeal": ("to", "for"),
    "plead": ("with", "for"),
}

# Verbs that, with "as saying", pass on someone else's words: "Park cited Cho as saying".
RELAY_VERBS = frozenset(["cite", "quote"])

# Participles that name an underlying source: "the union, citing two workers, said".
CITING_WORDS = frozenset(["citing", "quoting"])

# Verbs that take the audience as object, so the object is not the content:
# "told reporters", "informed lawmakers", "briefed the committee".
AUDIENCE_VERBS = frozenset(
    ["tell", "inform", "brief", "advise", "warn", "assure", "remind", "ask", "urge"]
)


def cue_class(lemma: str, subject: str | None = None) -> CueClass:
    """What kind of attribution a cue verb makes; ``subject``: the lemma of its subject's
    head word, when it has one ("evidence suggests" is a finding, "she suggests" speech)."""
    if lemma in DENIAL_VERBS:
        return "denial"
    if lemma in EVIDENCE_VERBS and subject in EVIDENCE_NOUNS:
        return "evidence"
    if lemma in SPEECH_VERBS or lemma in PHRASAL_DIRECTIVES:
        return "speech"
    if lemma in BELIEF_VERBS:
        return "belief"
    return "evidence"


def noun_class(lemma: str) -> CueClass:
    """What kind of attribution a cue noun makes ("the company's denial that ...")."""
    if lemma in DENIAL_NOUNS:
        return "denial"
    if lemma in BELIEF_NOUNS:
        return "belief"
    return "speech"


def cue_lemma(token: Token) -> str:
    """The token's lemma, lower-cased, as the cue lists hold it; "according" stays itself
    (spaCy gives "accord", which no cue list holds, so "according to" read as no cue)."""
    lower = token.lower_
    return lower if lower == "according" else token.lemma_.lower()

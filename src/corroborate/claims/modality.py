"""Polarity and modality of a claim: is it denied, negated, hedged, and by which words.

A claim is *denied* when its cue denies it ("the ministry denied that ...", "dismissed
reports") or its content does ("the army denies ...", "there is no evidence that ...",
"no warning was ignored", "the reports were baseless"). It is *negated* when the
content's main verb is ("did not", "never", "no longer", "no one was hurt"). It is
*hedged* when a modal verb, an epistemic verb, adverb or noun, or an approximate
quantity weakens it. The words are kept as lists below, so that what counts as a hedge
can be read and changed in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from corroborate.claims.quantities import find_quantities, text_length

__all__ = ["Modality", "assess"]

# Verbs (as lemmas) that deny what they report, wherever they appear in a cue ("X denied
# that ...", "X has rejected the claims"), and as the content's main verb ("X denies ...").
DENIAL_VERBS = frozenset(
    {"deny", "reject", "dismiss", "refute", "rebut", "dispute", "repudiate", "disavow",
     "contest", "disown"}
)  # fmt: skip
# Of those, the verbs that deny only with a claim as their object or a clause: "rejected
# the claims" is a denial, "rejected the offer" is not.
DENIAL_VERBS_NEEDING_A_CLAIM = frozenset({"reject", "dismiss", "dispute", "contest", "disown"})
# Nouns of denial in a cue: "in a denial", "issued a rebuttal".
DENIAL_NOUNS = frozenset({"denial", "rebuttal", "refutation"})
# What a claim is called when it is rejected: the objects that make "rejected X" a denial.
CLAIM_NOUNS = frozenset(
    {"claim", "report", "allegation", "accusation", "suggestion", "assertion", "account",
     "rumour", "rumor", "story", "charge", "figure", "speculation", "notion", "idea",
     "statement"}
)  # fmt: skip
# Words that call the content false: "the reports were baseless", "dismissed the
# unfounded claims". They deny as a predicate, or as an adjective on a claim noun.
DISMISSIVE_WORDS = frozenset(
    {"false", "baseless", "groundless", "unfounded", "untrue", "fabricated", "fabrication",
     "nonsense", "lie", "fake", "absurd", "ridiculous", "misleading", "inaccurate",
     "incorrect", "wrong", "fiction", "fantasy", "propaganda"}
)  # fmt: skip
# Verbs that link a subject to a dismissive predicate: "were baseless", "proved false".
COPULAS = frozenset({"be", "prove", "remain", "seem", "look", "sound"})
# Words of truth that deny when negated: "the reports were not true".
TRUTH_WORDS = frozenset({"true", "accurate", "correct", "right", "the case"})
# Nouns that deny under "no": "there is no evidence that ...".
EVIDENCE_NOUNS = frozenset(
    {"evidence", "proof", "indication", "sign", "basis", "truth", "confirmation", "record"}
)  # fmt: skip
# Subjects that negate their verb: "no one was hurt", "nothing was found".
NEGATIVE_SUBJECTS = frozenset({"nobody", "nothing", "none", "noone", "neither"})

# Modal verbs that make the content a possibility. "Would", "should", "can" and "will"
# are left out: in reported speech they mostly shift tense or state intent.
MODAL_HEDGES = frozenset({"could", "may", "might"})
# Verbs after which "could" is ability, not possibility: "could be seen from the bridge".
PERCEPTION_VERBS = frozenset({"see", "hear", "feel", "smell", "taste", "notice", "spot"})
# Epistemic verbs (as lemmas) that hedge in any use: "officials believe", "estimated".
EPISTEMIC_VERBS = frozenset(
    {"believe", "estimate", "suspect", "speculate", "seem", "presume", "guess", "reckon",
     "suppose", "allege"}
)  # fmt: skip
# Epistemic verbs that hedge only with a clause or an infinitive: "evidence suggests
# that ...", "appears to", "is expected to"; not "appeared in court", "suggested a plan".
CLAUSAL_EPISTEMIC_VERBS = frozenset({"suggest", "assess", "appear", "think", "indicate", "expect"})
# Adverbs and adjectives that hedge: "reportedly", "likely", "unconfirmed".
EPISTEMIC_WORDS = frozenset(
    {"likely", "unlikely", "possibly", "possible", "probably", "probable", "perhaps",
     "maybe", "reportedly", "allegedly", "alleged", "apparently", "purportedly",
     "supposedly", "presumably", "potentially", "unconfirmed", "unverified", "seemingly",
     "estimated", "believed", "suspected", "presumed", "tentatively", "preliminary"}
)  # fmt: skip
# Words that make the time after them approximate: "about 6 a.m.", "shortly before noon".
TIME_HEDGES = tuple(
    tuple(words.split())
    for words in (
        "shortly before", "shortly after", "just before", "just after", "soon after",
        "about", "around", "approximately", "roughly", "at least", "at the earliest",
        "no earlier than", "no later than", "as early as", "as late as", "some time",
        "sometime", "circa",
    )
)  # fmt: skip
# Nouns that hedge a cue: "according to an assessment", "by some estimates".
EPISTEMIC_NOUNS = frozenset(
    {"assessment", "estimate", "estimation", "belief", "suspicion", "possibility",
     "likelihood", "speculation", "rumour", "rumor", "guess", "projection"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Modality:
    """How a claim is put: asserted or denied, negated, hedged, and the words that say so.

    ``cues`` are character spans ``(start, end)`` of those words in the parsed text.
    """

    polarity: Literal["asserted", "denied"] = "asserted"
    negated: bool = False
    hedged: bool = False
    cues: tuple[tuple[int, int], ...] = ()


def assess(doc: Doc, content: tuple[int, int], cue: tuple[int, int] | None = None) -> Modality:
    """The polarity and modality of the claim whose content and cue are the given spans."""
    content_tokens = _tokens(doc, content)
    cue_tokens = _tokens(doc, cue) if cue is not None else []
    denials = _cue_denials(cue_tokens) + _content_denials(content_tokens)
    negations = _negations(content_tokens)
    hedges = _hedges(content_tokens, cue_tokens) + _approximations(doc, content)
    cues = sorted({_span(t) for t in denials + negations} | set(hedges))
    return Modality(
        polarity="denied" if denials else "asserted",
        negated=bool(negations),
        hedged=bool(hedges),
        cues=tuple(cues),
    )


def _tokens(doc: Doc, span: tuple[int, int]) -> list[Token]:
    start, end = max(0, span[0]), min(span[1], text_length(doc))
    if start >= end:
        return []
    inside = doc.char_span(start, end, alignment_mode="contract")
    return [t for t in inside if not t.is_space] if inside is not None else []


def _span(token: Token) -> tuple[int, int]:
    return token.idx, token.idx + len(token)


def _main_verbs(tokens: list[Token]) -> list[Token]:
    """The tokens of the content whose head lies outside it: its main verbs."""
    inside = {t.i for t in tokens}
    return [t for t in tokens if t.head.i not in inside or t.head.i == t.i]


def _is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


# --- denial ---------------------------------------------------------------------------


def _cue_denials(tokens: list[Token]) -> list[Token]:
    # The cue is an attribution by construction, so a denial verb there always denies.
    found = []
    for token in tokens:
        lemma = token.lemma_.lower()
        verb = lemma in DENIAL_VERBS and token.pos_ in ("VERB", "AUX")
        if (verb and not _is_negated(token)) or lemma in DENIAL_NOUNS:
            found.append(token)
    return found


def _content_denials(tokens: list[Token]) -> list[Token]:
    found = []
    for verb in _main_verbs(tokens):
        if _denies(verb):
            found.append(verb)
        elif verb.pos_ in ("VERB", "AUX") and not _is_negated(verb):
            found.extend(_none_of_a_kind(verb))
    for token in tokens:
        lemma = token.lemma_.lower()
        # "there is no evidence that ..."
        if lemma in EVIDENCE_NOUNS:
            no = [c for c in token.children if c.dep_ == "det" and c.lower_ == "no"]
            if no or (_is_negated(token.head) and token.dep_ in ("dobj", "attr")):
                found.extend([*no, token])
        # "the reports were baseless", "a fabrication", "the unfounded claims"
        elif lemma in DISMISSIVE_WORDS and _dismisses(token):
            found.append(token)
        # "the reports were not true"
        elif lemma in TRUTH_WORDS and token.dep_ in ("acomp", "attr") and _is_negated(token.head):
            found.append(token)
            found.extend(c for c in token.head.children if c.dep_ == "neg")
    return found


def _denies(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma not in DENIAL_VERBS or verb.pos_ not in ("VERB", "AUX") or _is_negated(verb):
        return False
    if lemma not in DENIAL_VERBS_NEEDING_A_CLAIM:
        return True
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp"):
            return True
        if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in CLAIM_NOUNS:
            return True
    return False


def _none_of_a_kind(verb: Token) -> list[Token]:
    """ "No" before the subject noun says there is no such thing that the verb holds of:
    "No warning was ignored" answers that one was, as "there is no evidence" does. A
    negative pronoun ("nobody was hurt", "no one was inside") only negates: it reports
    what did not happen, and says nothing of a claim to the contrary."""
    found: list[Token] = []
    for subject in verb.children:
        if subject.dep_ not in ("nsubj", "nsubjpass") or subject.pos_ != "NOUN":
            continue
        if subject.lower_ in ("one", "body"):
            continue
        found.extend(c for c in subject.children if c.dep_ == "det" and c.lower_ == "no")
    return found


def _dismisses(token: Token) -> bool:
    # As a predicate of "be"/"prove" or the object complement of "called": "the reports
    # were baseless", "called the claims a fabrication"; not "something went wrong".
    if token.dep_ in ("acomp", "attr") and token.head.lemma_.lower() in COPULAS:
        return not _is_negated(token.head)
    if token.dep_ in ("oprd", "ccomp", "xcomp") or (token.dep_ == "ROOT" and token.is_sent_start):
        return not _is_negated(token)
    return token.dep_ == "amod" and token.head.lemma_.lower() in CLAIM_NOUNS


# --- negation -------------------------------------------------------------------------


def _negations(tokens: list[Token]) -> list[Token]:
    found: list[Token] = []
    for verb in _main_verbs(tokens):
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        for child in verb.children:
            if child.dep_ == "neg" or child.lower_ == "never":
                found.append(child)  # "did not", "never"
            elif child.dep_ == "advmod" and any(g.dep_ == "neg" for g in child.children):
                found.extend([*(g for g in child.children if g.dep_ == "neg"), child])
            elif child.dep_ in ("nsubj", "nsubjpass"):
                found.extend(_negative_subject(child))
    return found


def _negative_subject(subject: Token) -> list[Token]:
    # "nobody died", "no one was hurt", "no residents were evacuated"
    if subject.lower_ in NEGATIVE_SUBJECTS:
        return [subject]
    return [c for c in subject.children if c.dep_ == "det" and c.lower_ == "no"]


# --- hedges ---------------------------------------------------------------------------


def _hedges(content: list[Token], cue: list[Token]) -> list[tuple[int, int]]:
    # In the content, only words that bear on its main clause hedge it: "the fire could
    # reignite" is hedged, "we will not let anyone back, and that could take days" and
    # "an inquiry into possible breaches" are not.
    main = _clause_heads(content)
    found = [_span(t) for t in content if _is_hedge(t) and _in_main_clause(t, main)]
    found.extend(_span(t) for t in cue if _is_hedge(t))
    # Nouns hedge only in the cue: "according to an assessment"; in the content,
    # "the damage assessment was finished" is not a hedge.
    found.extend(_span(t) for t in cue if t.lemma_.lower() in EPISTEMIC_NOUNS)
    return found


def _is_hedge(token: Token) -> bool:
    lemma, lower = token.lemma_.lower(), token.lower_
    verb = token.pos_ in ("VERB", "AUX")
    if token.tag_ == "MD":
        return lower in MODAL_HEDGES and not _is_ability(token)
    # "appears to", "suggests that", and passives: "is thought", "were expected at"
    clausal = any(c.dep_ in ("ccomp", "xcomp", "auxpass") for c in token.children)
    return (
        (verb and lemma in EPISTEMIC_VERBS)
        or (verb and lemma in CLAUSAL_EPISTEMIC_VERBS and clausal)
        or lower in EPISTEMIC_WORDS
        or (token.pos_ in ("ADV", "ADJ") and lemma in EPISTEMIC_WORDS)
    )


def _is_ability(modal: Token) -> bool:
    # "could not contain the fire", "could be seen from the bridge": "could" of ability.
    verb = modal.head
    return modal.lower_ == "could" and (_is_negated(verb) or verb.lemma_ in PERCEPTION_VERBS)


def _clause_heads(tokens: list[Token]) -> set[int]:
    """The content's main verbs and the verbs coordinated with them that share a subject."""
    heads = {t.i for t in _main_verbs(tokens)}
    for token in tokens:  # tokens come in order, and a conjunct follows its head
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)
        if token.dep_ == "conj" and token.head.i in heads and not own_subject:
            heads.add(token.i)
    return heads


def _in_main_clause(token: Token, heads: set[int]) -> bool:
    # The token is a main verb, hangs from one ("may", "reportedly", "is likely"), or
    # modifies one of its arguments ("the most likely cause").
    if token.i in heads:
        return True
    head = token.head
    if head.i in heads and token.dep_ in _CLAUSE_DEPS:
        return True
    if token.dep_ == "amod" and head.dep_ in _ARGUMENT_DEPS:
        return head.head.i in heads
    return head.dep_ in ("xcomp", "aux") and head.head.i in heads and token.dep_ in _CLAUSE_DEPS


# Dependents that belong to their verb's clause, and the arguments an adjective may modify.
_CLAUSE_DEPS = frozenset(
    {"aux", "auxpass", "advmod", "acomp", "xcomp", "attr", "oprd", "npadvmod", "neg", "prt"}
)
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "attr", "dobj", "oprd"})


def _approximations(doc: Doc, content: tuple[int, int]) -> list[tuple[int, int]]:
    """The hedge words of approximate quantities and times in the content: "about"."""
    found = _approximate_times(_tokens(doc, content))
    for quantity in find_quantities(doc, "", content[0], content[1]):
        if quantity.hedge is None:
            continue
        words = len(quantity.hedge.split())
        tokens = _tokens(doc, (quantity.span.start, quantity.span.end))
        if tokens:
            last = tokens[min(words, len(tokens)) - 1]
            found.append((tokens[0].idx, last.idx + len(last)))
    return found


def _approximate_times(tokens: list[Token]) -> list[tuple[int, int]]:
    # "at about 6 a.m.", "shortly before 11 p.m.", "until at least Monday": a time is not a
    # quantity, but the same words make it approximate.
    found = []
    for k, token in enumerate(tokens):
        for hedge in TIME_HEDGES:
            end = k + len(hedge)
            words = tuple(t.lower_ for t in tokens[k:end])
            if words == hedge and end < len(tokens) and tokens[end].ent_type_ in ("TIME", "DATE"):
                found.append((token.idx, tokens[end - 1].idx + len(tokens[end - 1])))
                break
    return found

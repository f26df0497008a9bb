"""One pass over a parse that finds an article's entities: names, their kinds, roles
and aliases, the role nouns that stand for them, and groups of coordinated names."""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from corroborate.claims import gazetteer as gz
from corroborate.claims.cues import ATTRIBUTION_VERBS
from corroborate.claims.entity_records import Cand, Draft, Mention, Owned
from corroborate.claims.name_forms import (
    SUBJECTS,
    Kind,
    capitalised,
    common_noun,
    norm,
    org_short_forms,
    personal_name,
    spelled_out,
    surnames_of,
)
from corroborate.claims.name_spans import (
    LABEL_KIND,
    NUMERIC_LABELS,
    WEAK_LABELS,
    after_title,
    is_salient,
    misread_first_name,
    name_pieces,
    organisation_noun_before,
    person_titled,
    speaks,
    title_before,
    who_follows,
)
from corroborate.claims.role_nouns import ROLE_HEADS, match_role_noun
from corroborate.claims.source_phrases import coordinated
from corroborate.claims.stated_roles import read_roles
from corroborate.records import Entity, Span

if TYPE_CHECKING:
    from corroborate.claims.entities import ArticleEntities

__all__ = ["EntityBuilder"]


class EntityBuilder:
    """One pass over a parse that fills an :class:`ArticleEntities`."""

    def __init__(self, out: ArticleEntities) -> None:
        self.out = out
        self.doc = out.doc
        self.drafts: list[Draft] = []
        self.keys: dict[str, list[int]] = {}  # names, aliases, acronyms -> drafts
        self.surnames: dict[str, list[int]] = {}  # whatever the tagger calls the surname
        self.short: dict[str, list[int]] = {}  # "Halvard", initials: never for a place
        self.spotted: list[Mention] = []
        self.roots: dict[int, list[int]] = {}  # draft -> token indices of its mentions
        self.owned: list[Owned] = []
        self.group_spans: dict[int, list[Span]] = {}  # group entity -> its mentions
        self.covered = bytearray(len(self.doc))
        self.named: dict[int, int] = {}  # head token of a name -> its entity

    def run(self) -> None:
        for cand in self._candidates():
            self._add(cand)
        self._sweep()
        self._spell_out()
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

    def _candidates(self) -> list[Cand]:
        doc = self.doc
        cands: list[Cand] = []
        for ent in doc.ents:
            kind = LABEL_KIND.get(ent.label_)
            if kind is None and ent.label_ not in WEAK_LABELS:
                continue
            pieces = name_pieces(doc, ent.start, ent.end)
            for start, end in pieces:
                if len(pieces) > 1:  # the label was for the whole, wrong for the parts
                    kind = None
                start = after_title(doc, start, end, kind)
                start = self._with_first_name(start)
                title = title_before(doc, start, strict=kind not in ("person", None))
                if title and kind not in (None, "person") and end - start > 1:
                    # "plant owner Halvard Chemicals" is no person; "army chief of staff
                    # Ada Holt", typed an organisation, is one
                    title = title if person_titled(doc, title, start, end) else None
                if organisation_noun_before(doc, start):
                    kind = "organisation"
                elif who_follows(doc, start, end) and personal_name(doc[start:end]):
                    kind = "person"  # "Karin Holt, who ...", typed an organisation
                if kind is None and title is None and not speaks(doc[end - 1]):
                    continue
                cands.append(Cand(start, end, "person" if title else kind, title))
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

    def _untagged(self) -> list[Cand]:
        """Capitalised runs the tagger missed, taken after a title or before a speech verb."""
        doc, found, i = self.doc, [], 0
        while i < len(doc):
            if self.covered[i] or not (capitalised(doc[i]) and doc[i].pos_ == "PROPN"):
                i += 1
                continue
            j = i + 1
            while j < len(doc) and not self.covered[j] and "\n" not in doc[j - 1].whitespace_:
                joined = doc[j - 1].whitespace_ == doc[j].whitespace_ == "" and doc[j].text == "-"
                if joined and j + 1 < len(doc) and doc[j + 1].is_alpha:
                    j += 2
                    continue
                if not capitalised(doc[j]) or doc[j].is_sent_start:  # "Park Do-hyun": "Do"
                    break  # is tagged a noun
                j += 1
            start, i = i, j
            while start < j and (
                norm(doc[start]) in gz.TITLE_WORDS | {"the"} or doc[start].is_punct
            ):
                start += 1
            if start == j or any(doc[k].ent_type_ in NUMERIC_LABELS for k in range(start, j)):
                continue
            start = self._with_first_name(after_title(doc, start, j, "person"))
            title = title_before(doc, start, strict=False)
            if title is None and not speaks(doc[j - 1]):
                continue
            kind: Kind | None = "person" if title or j - start > 1 else None
            words_of_bodies = gz.ORG_HEADS | gz.COMPANY_WORDS | gz.PUBLIC_BODY_WORDS
            if doc[j - 1].lower_ in words_of_bodies or organisation_noun_before(doc, start):
                kind = "organisation"
            found.append(Cand(start, j, kind, title))
            self.covered[start:j] = b"\x01" * (j - start)
        return found

    def _with_first_name(self, start: int) -> int:
        """Where a name starting at ``start`` starts once a first name the tagger misread
        as a function word ("Per" in "Per Alm") is taken in."""
        if start > 0 and not self.covered[start - 1] and misread_first_name(self.doc, start):
            return start - 1
        return start

    def _add(self, cand: Cand) -> None:
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
        actor = not span.text.isupper() and (root.dep_ == "poss" or is_salient(first))
        state = gz.state_of(name) or (gz.capital_state(name) if actor else None)
        index = self._find(state or name, name, cand.kind)
        if index is None:
            index = len(self.drafts)
            self.drafts.append(Draft(name=state or name))
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
        surname = draft.kind == "person" and name != draft.name and name in surnames_of(draft.name)
        if cand.title:
            draft.votes["person"] += 3
        elif cand.kind and not surname:
            draft.votes[cand.kind] += 1 + (" " in name)
        draft.last = root.i
        self.roots.setdefault(index, []).append(root.i)
        title = cand.title[0] if cand.title else -1
        salient = is_salient(root) or (title >= 0 and is_salient(self.doc[title : cand.end].root))
        self.spotted.append(Mention(span.start_char, span.end_char, index, root.i, salient, title))
        # A capital is its state's alias only as an actor: "flew to Washington" is a city.
        for key in {draft.name} if state and not gz.state_of(name) else {name, draft.name}:
            holders = self.keys.setdefault(key, [])
            if index not in holders:
                holders.append(index)
        # Roles first: an apposition ("Vera Holt, a pilot,") may make a person of a name
        # the tagger labelled otherwise, and a person is later called by the surname.
        read_roles(self.doc, self.drafts[index], index, cand, self.owned)
        self._register(index, cand, name)

    def _find(self, key: str, name: str, kind: Kind | None) -> int | None:
        found = self.keys.get(key) or self.surnames.get(key, [])
        if not found and kind != "place":  # "Corrick" the city is not "Corrick Fire Service"
            found = self.short.get(key, [])
        if not found and kind in ("person", None) and " " in name:
            for surname in surnames_of(name):  # a lone surname came before the full name
                found = [
                    d
                    for d in self.keys.get(surname, [])
                    if " " not in self.drafts[d].name and self.drafts[d].kind != "place"
                ]
                if found:
                    break
        return max(found, key=lambda d: self.drafts[d].last) if found else None

    def _register(self, index: int, cand: Cand, name: str) -> None:
        doc, end, draft = self.doc, cand.end, self.drafts[index]
        forms: list[str] = []
        table = self.short
        if cand.kind == "person" or (draft.kind == "person" and not draft.fixed):
            forms, table = surnames_of(name), self.surnames
            for form in forms:
                draft.add_alias(form)
        elif cand.kind == "organisation":
            forms = org_short_forms(name)
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
            if self.covered[token.i] or token.pos_ != "PROPN" or not capitalised(token):
                continue
            text = token.text
            holders = self.keys.get(text) or self.surnames.get(text) or self.short.get(text)
            if not holders:
                continue
            index = max(holders, key=lambda d: self._last_before(d, token.i))
            self.drafts[index].add_alias(token.text)
            end = token.idx + len(token.text)
            self.spotted.append(Mention(token.idx, end, index, token.i, is_salient(token)))
            self.covered[token.i] = 1

    def _spell_out(self) -> None:
        """An organisation the article names only by its initials ("NIS") takes the name
        a title spells them out in ("National Intelligence Service Director Cho"): it is
        one body with what other reports call it, and the title's state is its state."""
        names = {d.name for d in self.drafts}
        for index, draft in enumerate(self.drafts):
            if draft.kind != "organisation":
                continue
            full = next(
                (
                    f
                    for other in self.drafts
                    for r in other.roles
                    if (f := spelled_out(draft.name, r))
                ),
                None,
            )
            if full is None or full in names:
                continue
            draft.add_alias(draft.name)
            draft.name = full
            self.keys.setdefault(full, []).append(index)

    def _last_before(self, draft: int, i: int) -> int:
        roots = self.roots.get(draft, [])
        k = bisect.bisect_left(roots, i)
        return roots[k - 1] if k else -1

    # -- the result -----------------------------------------------------------------------

    def _publish(self) -> None:
        out = self.out
        out.entities = [
            Entity("", d.name, d.kind, tuple(d.roles), tuple(a for a in d.aliases if a != d.name))
            for d in self.drafts
        ]
        out.genders = {k: d.gender for k, d in enumerate(self.drafts) if d.gender}
        for table in (self.keys, self.surnames, self.short):
            for key, holders in table.items():
                mapped = out.keys.setdefault(key, [])
                mapped += [d for d in holders if d not in mapped]
        out.blockers = [
            t.i
            for t in self.doc
            if t.dep_ in SUBJECTS
            and t.lemma_.lower() in gz.GENERIC_SOURCES
            and (t.tag_ in ("NNS", "NNPS") or t.lower_ in ("police", "authorities"))
        ]
        self._index(self.spotted)

    def _index(self, mentions: list[Mention]) -> None:
        out = self.out
        out.mentions = sorted(mentions, key=lambda m: m.start)
        out.starts = [m.start for m in out.mentions]
        out.positions = {}
        for m in out.mentions:
            out.positions.setdefault(m.entity, []).append(m.start)

    def _descriptions(self) -> None:
        """Definite role nouns that match an entity ("the fire service", "the spy chief"),
        and definite organisation nouns that match none ("the port authority")."""
        out, doc = self.out, self.doc
        self.named = {m.root: m.entity for m in self.spotted}  # names, before role nouns
        for token in doc:
            head = token.lemma_.lower()
            if not common_noun(token) or head not in ROLE_HEADS or token.dep_ == "compound":
                continue
            left = token.left_edge.i
            phrase = doc[left : token.i + 1]
            if doc[left].lower_ != "the" or any(self.covered[left : token.i + 1]):
                self._owned_body(token)
                continue
            if any(not left <= t.head.i <= token.i for t in phrase if t.i != token.i):
                continue
            index = match_role_noun(out, list(phrase), token, phrase.start_char)
            modified = any(t.pos_ in ("NOUN", "ADJ", "PROPN") for t in doc[left + 1 : token.i])
            if index is None and head in gz.ORG_HEADS - {"company", "firm"} and modified:
                if _of_the_state(token):
                    continue  # "the country's spy agency", unmatched: a body left unnamed
                index = len(out.entities)
                name = " ".join(doc[left + 1 : token.i + 1].text.split())
                out.entities.append(Entity("", name, "organisation"))
                out.keys.setdefault(name, []).append(index)
            if index is None:
                continue
            alias = " ".join(phrase.text.split())
            alias = alias[:1].lower() + alias[1:]
            entity = out.entities[index]
            if alias not in (entity.name, *entity.aliases):
                out.entities[index] = replace(entity, aliases=(*entity.aliases, alias))
            self._spot(phrase, index, token)
        self._city_body()
        self._index(self.spotted)

    def _owned_body(self, token: Token) -> None:
        """A body named by the possessive of a place or organisation the article names
        ("Freedonia's defence ministry", "Halvard Chemicals' safety office"): that body,
        not its owner and not an unnamed source, named with its owner ("Freedonia's
        defence ministry") so that two states' ministries stay two. A body the article
        names otherwise ("the Ministry of Defence") is that one; a state's government is
        the state, a person's office the person."""
        out, doc = self.out, self.doc
        head = token.lemma_.lower()
        possessor = next((c for c in token.children if c.dep_ == "poss"), None)
        if head not in _OWNED_HEADS or possessor is None:
            return
        if token.tag_ not in ("NN", "NNP"):
            return  # "Freedonia's unions" are no one body
        marker = doc[possessor.right_edge.i]  # "'s" ends the owner: "the Port of Tarnby's"
        first = marker.i + 1
        if marker.tag_ != "POS" or first >= token.i or any(self.covered[first : token.i + 1]):
            return
        if any(not possessor.left_edge.i <= t.head.i <= token.i for t in doc[first : token.i]):
            return  # not one phrase: "Freedonia's [claim that the ministry ...]"
        owner = self._owner_of(possessor)
        if owner is None or out.entities[owner].kind not in ("place", "organisation"):
            return
        phrase = doc[possessor.left_edge.i : token.i + 1]
        # A body of another owner ("Sylvania's defence ministry") does not match: see
        # ``role_nouns``.
        index = match_role_noun(out, list(phrase), token, phrase.start_char)
        if index == owner:
            return  # the owner's own short name for itself
        if index is None:
            index = len(out.entities)
            owner_name = out.entities[owner].name
            mark = marker.text[:1]  # the article's apostrophe: ' or ’
            ending = mark if owner_name.endswith(("s", "S")) else f"{mark}s"
            name = f"{owner_name}{ending} {' '.join(doc[first : token.i + 1].text.split())}"
            out.entities.append(Entity("", name, "organisation"))
            out.keys.setdefault(name, []).append(index)
        # The mention is the body's own words: the owner's name keeps its own mention.
        self._spot(doc[first : token.i + 1], index, token)

    def _owner_of(self, possessor: Token) -> int | None:
        """The entity of the name whose head is ``possessor``, if any. Only a name: a
        role noun ("the council's committee") may stand for the body itself."""
        return self.named.get(possessor.i)

    def _city_body(self) -> None:
        """ "The city" that speaks ("the city said") or has a spokesperson ("a city
        spokesman"): its government, one body of the article named "city" (the story
        names its city, see ``speakers``). A city that only stands or burns is a place,
        and "a city official" speaks for no one the article has not made a body."""
        out, doc = self.out, self.doc
        for token in doc:
            phrase = _city_speaking(token)
            if phrase is None or any(self.covered[phrase.start : phrase.end]):
                continue
            name = token.lemma_.lower()
            if name not in out.keys:
                out.keys[name] = [len(out.entities)]
                out.entities.append(Entity("", name, "organisation", aliases=(f"the {name}",)))
            self._spot(phrase, out.keys[name][0], token)

    def _spot(self, phrase: TokenSpan, index: int, head: Token) -> None:
        """A mention of entity ``index`` by ``phrase``, its words taken."""
        self.spotted.append(
            Mention(phrase.start_char, phrase.end_char, index, head.i, is_salient(head))
        )
        self.out.positions.setdefault(index, []).append(phrase.start_char)
        self.covered[phrase.start : phrase.end] = b"\x01" * len(phrase)

    def _coordinations(self) -> None:
        """A group for the names coordinated in a subject ("Russia and North Korea have
        denied"): the source is all of them, not the first. A claim has one speaker, so
        the group is an entity of its own, named by its members in order of name."""
        out = self.out
        at = {m.root: m for m in out.mentions}
        entity_at = {root: m.entity for root, m in at.items()}
        for m in out.mentions:
            token = self.doc[m.root]
            key = coordinated(token, entity_at)
            if not key or token.dep_ == "conj" or not is_salient(token):
                continue
            end = max(at[t.i].end for t in token.subtree if t.i in at)
            printed = " ".join(self.doc.text[m.start : end].split())
            if key not in out.groups:
                out.groups[key] = len(out.entities)
                names = sorted(out.entities[k].name for k in key)
                out.entities.append(Entity("", f"{', '.join(names[:-1])} and {names[-1]}", "other"))
                out.positions[out.groups[key]] = [m.start]
            index = out.groups[key]
            group = out.entities[index]
            if printed not in (group.name, *group.aliases):
                out.entities[index] = replace(group, aliases=(*group.aliases, printed))
            self.group_spans.setdefault(index, []).append(Span(out.article_id, m.start, end))

    def _renumber(self) -> None:
        """Ids "e1", "e2", ... in order of first mention; every index follows."""
        out = self.out
        order = sorted(range(len(out.entities)), key=lambda k: out.positions[k][0])
        new = {old: k for k, old in enumerate(order)}
        self._index([replace(m, entity=new[m.entity]) for m in out.mentions])
        spans: dict[int, list[Span]] = {new[k]: v for k, v in self.group_spans.items()}
        for m in out.mentions:
            spans.setdefault(m.entity, []).append(Span(out.article_id, m.start, m.end))
        out.entities = [
            replace(out.entities[old], id=f"e{k + 1}", mentions=tuple(spans[k]))
            for k, old in enumerate(order)
        ]
        out.keys = {key: [new[d] for d in holders] for key, holders in out.keys.items()}
        out.genders = {new[d]: g for d, g in out.genders.items()}
        out.groups = {
            tuple(sorted(new[d] for d in key)): new[group] for key, group in out.groups.items()
        }


def _of_the_state(head: Token) -> bool:
    """A role noun whose possessor stands for the state the article talks about ("the
    country's intelligence agency", "the nation's spy service")."""
    return any(c.dep_ == "poss" and c.lemma_.lower() in gz.STATE_NOUNS for c in head.children)


# Heads of a body a possessive names ("Freedonia's defence ministry"); a state's
# government or administration is the state itself, a company's company no body.
_OWNED_HEADS = gz.ORG_HEADS - {"company", "firm", "government", "administration"}
CITY_NOUNS = frozenset({"city", "town"})  # the article's city as a body
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def _city_speaking(token: Token) -> TokenSpan | None:
    """ "the city" as the subject of a verb of attribution ("the city said", "the city
    asked residents to ...", "the city denied"), or "city" before a spokesperson ("a city
    spokeswoman"), unmodified; else None."""
    if token.lemma_.lower() not in CITY_NOUNS or token.pos_ != "NOUN":
        return None
    children = [t.lower_ for t in token.children]
    head = token.head
    if token.dep_ == "compound" and not children and head.lemma_.lower() in _SPOKESPEOPLE:
        return token.doc[token.i : token.i + 1]
    # The attribution rules' own cue verbs: a city that "asked" or "urged" speaks as one
    # that "said" does, and its words are a claim of the same body.
    speech = head.pos_ == "VERB" and head.lemma_.lower() in ATTRIBUTION_VERBS
    if token.dep_ == "nsubj" and speech and children == ["the"]:
        return token.doc[token.i - 1 : token.i + 1]
    return None

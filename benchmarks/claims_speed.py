"""The claims stage's parse: spaCy as shipped on every sentence, against the fast path.

Side by side in one run, on the same articles (PolNeAR dev texts, skipped when absent):

(a) baseline: spaCy's small English pipeline as shipped (``load_pipeline(fast=False)``),
    ``nlp.pipe`` over the whole texts, one process;
(b) the same pipeline with the output-preserving speed-ups of ``corroborate.claims.nlp``
    (matrix products through numpy's BLAS, the attribute ruler as a table), every
    sentence parsed, one process;
(c) ``parse_for_claims``: (b) plus sentence selection, one process;
(d) ``parse_for_claims`` with ``--processes`` processes (default 2).

(b), (c) and (d) decode entities in numpy (``corroborate.claims.fast_ner``) and parses in
Python and numpy (``corroborate.claims.fast_parser``); before the speed, a check that this
changes nothing: on the same texts, the entities of spaCy's own decoding loop and of the
numpy decoder, token by token; the heads, labels and sentence starts of spaCy's parser
loop and of the new one (whole texts as (b) parses them, and texts with the sentence
starts ``parse_for_claims`` presets), with the parser alone timed, old loop and new
alternated; and every column (tags, parts of speech, morphology, lemmas, arcs, sentence
starts, entities) of (a) and (b).

Each path is timed ``--rounds`` times, interleaved, so that load from other work on the
machine falls on all of them alike; the best round of each is reported as well as all of
them. Then the quality of (a) and (d)'s parses: PolNeAR dev attribution F1 (the rules
alone and what the claims stage uses, the rules combined with the tagger; exact and
overlap, all and speech subsets, scored as in ``benchmarks/polnear.py``), and the claims ``extract_claims`` makes from each parse, on
PolNeAR dev and on the example corpus: how many articles give identical claims (every
field) and identical entities.

Run: .venv/bin/python benchmarks/claims_speed.py [--limit N] [--rounds R] [--processes P]
     .venv/bin/python benchmarks/claims_speed.py --exactness-only train --limit 200 --rounds 1
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))

import polnear
from corroborate import Store, ingest_sources
from corroborate.claims.attribution import Attribution, find_attributions
from corroborate.claims.extract import extract_claims
from corroborate.claims.fast_ner import FastEntityRecognizer
from corroborate.claims.fast_parser import FastDependencyParser
from corroborate.claims.nlp import _bounded, _tokenize, load_pipeline, parse_for_claims, pipeline
from corroborate.claims.tagger import combined_attributions
from corroborate.claims.types import ArticleClaims
from corroborate.records import Article

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
Parser = Callable[[list[str]], Iterator[Doc]]
Extractor = Callable[[Doc], list[Attribution]]


def timed(name: str, parser: Parser, texts: list[str]) -> tuple[float, list[Doc]]:
    started = time.perf_counter()
    docs = list(parser(texts))
    seconds = time.perf_counter() - started
    if len(docs) != len(texts) or any(d.text != t for d, t in zip(docs, texts, strict=True)):
        raise SystemExit(f"{name}: a parse does not reproduce its text")
    return seconds, docs


def speed(texts: list[str], rounds: int, processes: int) -> dict[str, list[Doc]]:
    stock = load_pipeline(fast=False)
    fast = pipeline()
    paths: dict[str, Parser] = {
        "(a) baseline, spaCy as shipped": lambda ts: iter(stock.pipe(ts)),
        "(b) sped-up pipeline, all sentences": lambda ts: iter(fast.pipe(ts)),
        "(c) parse_for_claims, 1 process": lambda ts: parse_for_claims(ts, processes=1),
        f"(d) parse_for_claims, {processes} processes": lambda ts: parse_for_claims(
            ts, processes=processes
        ),
    }
    for parser in paths.values():  # warm up: first calls allocate and fill caches
        list(parser(texts[:2]))
    words = sum(len(t.split()) for t in texts)
    seconds: dict[str, list[float]] = defaultdict(list)
    docs: dict[str, list[Doc]] = {}
    for _ in range(rounds):
        for name, parser in paths.items():
            took, docs[name] = timed(name, parser, texts)
            seconds[name].append(took)
    print(f"Speed: {len(texts)} PolNeAR dev articles, {words:,} words, {rounds} rounds")
    baseline = min(seconds[next(iter(paths))])
    for name in paths:
        best = min(seconds[name])
        rounds_text = ", ".join(f"{s:.1f}" for s in seconds[name])
        print(
            f"  {name:42} {words / best:8,.0f} words/s {len(texts) / best:6.1f} articles/s"
            f"  x{baseline / best:4.2f}   (s per round: {rounds_text})"
        )
    print(
        "  ratio per round, (d) / (a): "
        + ", ".join(
            f"x{a / d:.2f}"
            for a, d in zip(seconds[next(iter(paths))], seconds[list(paths)[-1]], strict=True)
        )
    )
    names = list(paths)
    return {"baseline": docs[names[0]], "fast": docs[names[-1]]}


def _columns(doc: Doc) -> list[tuple[object, ...]]:
    return [
        (
            t.idx,
            t.tag_,
            t.pos_,
            str(t.morph),
            t.lemma_,
            t.dep_,
            t.head.i,
            t.is_sent_start,
            t.ent_iob_,
            t.ent_type_,
        )
        for t in doc
    ]


def _parse_columns(doc: Doc) -> list[tuple[object, ...]]:
    return [(t.head.i, t.dep_, t.is_sent_start) for t in doc]


def parser_exactness(texts: list[str], rounds: int) -> None:
    """Heads, labels and sentence starts of spaCy's parser loop vs the new one, and the
    parser alone timed, the two alternated in each round."""
    fast = pipeline()
    decoder = fast.get_pipe("parser")
    if not isinstance(decoder, FastDependencyParser):
        print("Parser exactness: the new parser loop is not in use")
        return
    before = fast.pipe_names[: fast.pipe_names.index("parser")]
    inputs = {
        "whole texts": [fast.make_doc(t) for t in texts],
        "sentence starts preset as parse_for_claims does": [
            _bounded(_tokenize(fast, t)) for t in texts
        ],
    }
    for name, docs in inputs.items():
        with fast.select_pipes(enable=before):
            bare = list(fast.pipe(docs))
        seconds: dict[str, list[float]] = defaultdict(list)
        for _ in range(max(1, rounds)):
            theirs, ours = [d.copy() for d in bare], [d.copy() for d in bare]
            started = time.perf_counter()
            list(decoder.parser.pipe(theirs, batch_size=8))
            seconds["spaCy's loop"].append(time.perf_counter() - started)
            started = time.perf_counter()
            list(decoder.pipe(ours, batch_size=8))
            seconds["new loop"].append(time.perf_counter() - started)
        same = sum(
            _parse_columns(a) == _parse_columns(b) for a, b in zip(ours, theirs, strict=True)
        )
        times = "; ".join(
            f"{loop} " + ", ".join(f"{s:.2f}" for s in took) for loop, took in seconds.items()
        )
        print(
            f"Parser exactness ({name}): heads, labels and sentence starts of spaCy's loop "
            f"vs the new loop identical in {same} of {len(texts)} articles; parser alone, "
            f"s per round (batches of 8): {times}"
        )


def exactness(texts: list[str]) -> None:
    """Entities of spaCy's decoding loop vs the numpy decoder, and (a) vs (b) in full."""
    fast = pipeline()
    decoder = fast.get_pipe("ner")
    if not isinstance(decoder, FastEntityRecognizer):
        print("Exactness: the numpy entity decoder is not in use")
        return
    with fast.select_pipes(disable=["ner"]):
        bare = list(fast.pipe(texts))
    ours, theirs = [d.copy() for d in bare], [d.copy() for d in bare]
    started = time.perf_counter()
    list(decoder.ner.pipe(theirs, batch_size=8))
    loop = time.perf_counter() - started
    started = time.perf_counter()
    list(decoder.pipe(ours, batch_size=8))
    numpy_time = time.perf_counter() - started
    same = sum(_columns(a) == _columns(b) for a, b in zip(ours, theirs, strict=True))
    entities = sum(len(d.ents) for d in theirs)
    print(
        f"Exactness: entities of spaCy's loop vs the numpy decoder identical in {same} of "
        f"{len(texts)} articles ({entities} entities); entity recogniser alone "
        f"{loop:.2f} s vs {numpy_time:.2f} s"
    )
    stock = load_pipeline(fast=False)
    pairs = list(zip(stock.pipe(texts), fast.pipe(texts), strict=True))
    same = sum(_columns(a) == _columns(b) for a, b in pairs)
    parses = sum(_parse_columns(a) == _parse_columns(b) for a, b in pairs)
    print(f"  (a) vs (b), every column: identical in {same} of {len(texts)} articles")
    print(
        f"  (a) vs (b), the parser's columns (heads, labels, sentence starts): identical in "
        f"{parses} of {len(texts)} articles"
    )


def attribution_f1(
    docs: list[Doc], chosen: list[tuple[str, Path]], extract: Extractor
) -> dict[str, str]:
    """Lines of F1 per subset, match and role, as ``benchmarks/polnear.py`` scores them."""
    results: dict[str, dict[str, polnear.Tally]] = defaultdict(lambda: defaultdict(polnear.Tally))
    for doc, (_, annotation) in zip(docs, chosen, strict=True):
        text = doc.text
        lemmas = {t.idx + k: t.lemma_.lower() for t in doc for k in range(len(t.text))}
        gold = polnear.read_gold(annotation)
        found = polnear.outermost(extract(doc))
        for subset in ("all", "speech"):
            gold_here = gold
            found_here = found
            if subset == "speech":
                gold_here = [g for g in gold if polnear.is_speech_cue(lemmas, text, g.cue)]
                found_here = [a for a in found if a.cue_class == "speech"]
            for role in polnear.ROLES:
                polnear.score_role(
                    text,
                    [s for g in gold_here for s in getattr(g, role)],
                    _segments(found_here, role),
                    results[f"{subset} exact"][role],
                    results[f"{subset} overlap"][role],
                )
    return {
        f"{name} {role}": results[name][role].line()
        for name in ("all exact", "all overlap", "speech exact", "speech overlap")
        for role in polnear.ROLES
    }


def _compare(base: str, fast: str) -> str:
    """Whether the fast path's F1 (the last figure of the line) is the same, higher or lower."""
    f1 = [float(line.split("F1")[1].split()[0]) for line in (base, fast)]
    return (
        "same"
        if base == fast
        else ("higher" if f1[1] > f1[0] else "same F1" if f1[1] == f1[0] else "LOWER")
    )


def _segments(found: Iterable[Attribution], role: str) -> list[tuple[int, int]]:
    if role == "source":
        return [a.source for a in found if a.source]
    if role == "cue":
        return [a.cue for a in found]
    return [segment for a in found for segment in a.content]


def same_claims(articles: list[Article], one: list[Doc], other: list[Doc]) -> str:
    """How many articles get identical claims and entities from the two parses."""
    claims = entities = total_one = total_other = speakers_one = speakers_other = 0
    for article, a, b in zip(articles, one, other, strict=True):
        first: ArticleClaims = extract_claims(article, a)
        second: ArticleClaims = extract_claims(article, b)
        claims += first.claims == second.claims
        entities += first.entities == second.entities
        total_one += len(first.claims)
        total_other += len(second.claims)
        speakers_one += sum(c.speaker_id is not None for c in first.claims)
        speakers_other += sum(c.speaker_id is not None for c in second.claims)
    return (
        f"{len(articles)} articles: identical claims in {claims}, identical entities in "
        f"{entities}; claims {total_one} vs {total_other}, with a resolved speaker "
        f"{speakers_one} vs {speakers_other}"
    )


def example_articles() -> list[Article]:
    with Store(memory=True) as store:
        ingest_sources([str(EXAMPLES)], store)
        return sorted(store.articles(), key=lambda a: a.id)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds of each path")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument(
        "--exactness-only",
        metavar="SPLIT",
        help="only the exactness checks, on this PolNeAR split (e.g. train, with --limit)",
    )
    args = parser.parse_args()
    split = args.exactness_only or "dev"
    if not (polnear.DATA / split).is_dir():
        print(f"PolNeAR {split} not found at {polnear.DATA}: skipped")
        return 0
    chosen = polnear.articles(split)
    if args.limit:
        chosen = chosen[: args.limit]
    texts = [Path(t).read_text(encoding="utf-8") for t, _ in chosen]
    print(f"PolNeAR {split}: {len(texts)} articles")
    exactness(texts)
    parser_exactness(texts, args.rounds)
    if args.exactness_only:
        return 0
    docs = speed(texts, max(1, args.rounds), args.processes)

    readers: dict[str, Extractor] = {
        "the rules (find_attributions)": find_attributions,
        "what the claims stage uses (tagger.combine)": combined_attributions,
    }
    for name, extract in readers.items():
        print(f"\nPolNeAR dev attribution, {name}: baseline parse | fast path parse")
        base_f1 = attribution_f1(docs["baseline"], chosen, extract)
        fast_f1 = attribution_f1(docs["fast"], chosen, extract)
        for key, line in base_f1.items():
            print(f"  {key:22} {line}\n  {'':22} {fast_f1[key]}  {_compare(line, fast_f1[key])}")

    print("\nClaims from each parse (extract_claims), baseline vs fast path")
    polnear_articles = [Article(id=f"p{i}", text=t) for i, t in enumerate(texts)]
    print("  PolNeAR dev: " + same_claims(polnear_articles, docs["baseline"], docs["fast"]))
    if EXAMPLES.is_dir():
        examples = example_articles()
        stock = load_pipeline(fast=False)
        example_texts = [a.text for a in examples]
        print(
            "  example corpus: "
            + same_claims(
                examples, list(stock.pipe(example_texts)), list(parse_for_claims(example_texts))
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Train the attribution tagger on PolNeAR's train split; compare it with the rules.

Training uses the train split only. Settings (c1, c2, features) were chosen on a holdout
of train (its last 15% of articles by name): ``--holdout`` trains on the first 85% and
scores the rest. Without ``--holdout`` the model is trained on all of train and written to
``src/corroborate/claims/models/``. ``--evaluate dev`` trains nothing: it scores the
rules, the installed model and the claims stage's combination of the two side by side on
dev, with ``benchmarks/polnear.py``'s scorer (exact and overlap; all attributions and the
speech-act subset).

Run:
  .venv/bin/python benchmarks/train_attribution.py                       # train, install
  .venv/bin/python benchmarks/train_attribution.py --holdout --c1 0.05   # choose settings
  .venv/bin/python benchmarks/train_attribution.py --evaluate dev        # final comparison
``--cache DIR`` keeps the parses between runs (parsing train takes a few minutes).
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from spacy.tokens import Doc, DocBin

from corroborate.claims.attribution import Attribution, find_attributions
from corroborate.claims.nlp import parse_many, pipeline
from corroborate.claims.tagger import (
    MODEL_PATH,
    Role,
    TrainSettings,
    combined_attributions,
    labels_for,
    tag_attributions,
    token_features,
    train_model,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))  # polnear.py: a sibling script
from polnear import (
    DATA,
    ROLES,
    GoldAttribution,
    Segment,
    Tally,
    articles,
    outermost,
    read_gold,
    score_document,
)

HOLDOUT_SHARE = 0.15
TAGGED: tuple[Role, ...] = ("source", "cue", "content")  # polnear.ROLES, typed
Article = tuple[str, list[GoldAttribution], Doc]


def load(split: str, cache: Path | None) -> list[Article]:
    """(text, gold, parse) per article; articles whose annotation will not read are skipped."""
    chosen = articles(split)
    golds: list[list[GoldAttribution] | None] = []
    for _, annotation in chosen:
        try:
            golds.append(read_gold(annotation))
        except (IndexError, ValueError) as error:
            print(f"  skipped {annotation.name}: unreadable annotation ({error!r})")
            golds.append(None)
    texts = [Path(t).read_text(encoding="utf-8") for t, _ in chosen]
    docs = _parses(split, texts, cache)
    return [
        (text, gold, doc)
        for text, gold, doc in zip(texts, golds, docs, strict=True)
        if gold is not None
    ]


def _parses(split: str, texts: list[str], cache: Path | None) -> list[Doc]:
    stored = cache / f"polnear-{split}.spacy" if cache else None
    if stored is not None and stored.is_file():
        docs = list(DocBin().from_disk(stored).get_docs(pipeline().vocab))
        if [d.text for d in docs] == texts:
            return docs
    started = time.perf_counter()
    docs = list(parse_many(texts))
    print(f"  parsed {split}: {len(docs)} articles in {time.perf_counter() - started:.0f} s")
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(store_user_data=False)
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(stored)
    return docs


def split_holdout(train: list[Article]) -> tuple[list[Article], list[Article]]:
    cut = round(len(train) * (1 - HOLDOUT_SHARE))
    return train[:cut], train[cut:]


def examples(data: list[Article]) -> Iterator[tuple[list[list[str]], list[str]]]:
    for _, gold, doc in data:
        spans: list[tuple[Role, Segment]] = [
            (role, segment) for g in gold for role in TAGGED for segment in getattr(g, role)
        ]
        yield token_features(doc), labels_for(doc, spans)


Results = dict[str, dict[str, Tally]]


def score(data: list[Article], read: Callable[[Doc], list[Attribution]]) -> tuple[Results, float]:
    """The scorer of benchmarks/polnear.py over ``data``; and seconds spent in ``read``."""
    results: Results = defaultdict(lambda: defaultdict(Tally))
    seconds = 0.0
    for text, gold, doc in data:
        started = time.perf_counter()
        found = outermost(read(doc))
        seconds += time.perf_counter() - started
        score_document(results, text, gold, doc, found)
    return results, seconds


def compare(data: list[Article], model: Path, title: str) -> None:
    """Precision, recall and F1 of the rules, the tagger and the claims stage's combination
    of the two (``combined_attributions``), side by side."""
    rules, rule_seconds = score(data, find_attributions)
    tagged, tag_seconds = score(data, lambda doc: tag_attributions(doc, model))
    stage, _ = score(data, lambda doc: combined_attributions(doc, model))
    n = max(len(data), 1)
    print(f"\n{title}: {len(data)} articles, {sum(len(d) for _, _, d in data):,} tokens")
    print(
        f"  rules {1000 * rule_seconds / n:.1f} ms/article, tagger {1000 * tag_seconds / n:.1f}"
        " ms/article (rules included; parsing not)"
    )
    for name in ("all exact", "all overlap", "speech exact", "speech overlap"):
        print(f"\n{name:15}  {'rules':^20}  {'tagger':^20}  {'stage':^20}   gold")
        for role in ROLES:
            print(
                f"  {role:8}  {_prf(rules[name][role])}  {_prf(tagged[name][role])}"
                f"  {_prf(stage[name][role])}   {rules[name][role].gold}"
            )


def _prf(t: Tally) -> str:
    p = t.matched_predicted / t.predicted if t.predicted else 0.0
    r = t.matched_gold / t.gold if t.gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{100 * p:5.1f} {100 * r:5.1f} {100 * f:5.1f} "


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--holdout",
        action="store_true",
        help="train on the first 85%% of train, score the last 15%%",
    )
    parser.add_argument("--evaluate", choices=("dev",), help="score the installed model on dev")
    defaults = TrainSettings()
    parser.add_argument("--c1", type=float, default=defaults.c1)
    parser.add_argument("--c2", type=float, default=defaults.c2)
    parser.add_argument("--iterations", type=int, default=defaults.max_iterations)
    parser.add_argument("--min-freq", type=int, default=defaults.min_freq)
    parser.add_argument("--model", type=Path, default=MODEL_PATH, help="where the model goes")
    parser.add_argument("--cache", type=Path, help="a folder to keep parses in between runs")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="  %(message)s")
    if not (DATA / "train").is_dir():
        print(f"PolNeAR not found at {DATA}: skipped")
        return 0
    if args.evaluate:
        compare(load(args.evaluate, args.cache), args.model, f"PolNeAR {args.evaluate}")
        return 0
    settings = TrainSettings(args.c1, args.c2, args.iterations, args.min_freq)
    train = load("train", args.cache)
    held: list[Article] = []
    model = args.model
    if args.holdout:
        train, held = split_holdout(train)
        model = Path(tempfile.mkdtemp()) / "holdout.crfsuite"
    started = time.perf_counter()
    report = train_model(examples(train), model, settings)
    total = time.perf_counter() - started
    print(f"trained on {report.sequences} articles ({report.tokens:,} tokens) with {settings}")
    print(f"  model {report.path}: {report.bytes / 1e6:.2f} MB")
    print(f"  {report.seconds:.0f} s training, {total:.0f} s with feature extraction")
    if held:
        compare(held, model, "train holdout (last 15% of train by name)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

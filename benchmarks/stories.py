"""Story clustering benchmark: quality on ECB+ dev, the example corpus and the seeds;
speed and memory on generated streams of 10,000 and 100,000 articles.

    .venv/bin/python benchmarks/stories.py               # everything (about 3 minutes)
    .venv/bin/python benchmarks/stories.py --quick       # scale at 1,000 and 10,000
    .venv/bin/python benchmarks/stories.py --skip-scale  # ECB+, examples, seeds only

Every parameter is the shipped default (src/corroborate/defaults.toml); nothing is
fitted to the data at run time. The threshold sweep printed after the ECB+ line only
shows how flat the optimum is around the default.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path

from corroborate.article import RawDocument, make_article
from corroborate.ingest import ingest_sources
from corroborate.pipeline import analyse
from corroborate.records import Article, PubDate
from corroborate.reuse.runner import update_reuse
from corroborate.settings import Settings, StorySettings
from corroborate.store import Store
from corroborate.stories.runner import STEP, update_stories
from corroborate.text import content_hash
from generated import FILLER
from memory import peak_mb

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ECBPLUS = SHARED / "data" / "ecbplus" / "ecbplus_dev.jsonl"
GOAL_B3_F1 = 0.95


# --- scores ---------------------------------------------------------------------------


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster label)."""
    pred_members: dict[str, set[str]] = defaultdict(set)
    gold_members: dict[str, set[str]] = defaultdict(set)
    for item, label in predicted.items():
        pred_members[label].add(item)
    for item, label in gold.items():
        gold_members[label].add(item)
    precision = recall = 0.0
    for item in gold:
        mine, truth = pred_members[predicted[item]], gold_members[gold[item]]
        shared = len(mine & truth)
        precision += shared / len(mine)
        recall += shared / len(truth)
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, _f1(precision, recall)


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """Precision, recall and F1 over all pairs of items put in one cluster."""
    true_pos = false_pos = false_neg = 0
    for one, other in itertools.combinations(sorted(gold), 2):
        same_pred = predicted[one] == predicted[other]
        same_gold = gold[one] == gold[other]
        true_pos += same_pred and same_gold
        false_pos += same_pred and not same_gold
        false_neg += same_gold and not same_pred
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 0.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 0.0
    return precision, recall, _f1(precision, recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def story_labels(store: Store) -> dict[str, str]:
    return {aid: story.id for story in store.stories() for aid in story.article_ids}


# --- ECB+ -------------------------------------------------------------------------------


def ecbplus() -> None:
    if not ECBPLUS.is_file():
        print(f"\nECB+ dev: skipped ({ECBPLUS} is absent)")
        return
    records = [json.loads(line) for line in ECBPLUS.read_text(encoding="utf-8").splitlines()]
    articles: list[Article] = []
    event: dict[str, str] = {}
    topic: dict[str, str] = {}
    for record in records:
        # The texts are plain text with a headline line and, often, a date line: read
        # them as a pasted article is read. The gold labels never reach the stage.
        raw = RawDocument(record["text"], record["doc_id"], url=record["url"], plain=True)
        article = make_article(raw)
        if article.id in event:  # the same text twice: one article (ingest is by hash)
            continue
        articles.append(article)
        event[article.id] = record["subtopic"]
        topic[article.id] = str(record["topic"])
    dated = sum(1 for a in articles if a.published and not a.published.is_partial)
    print(
        f"\nECB+ dev: {len(articles)} documents, {len(set(event.values()))} events (sub-topics) "
        f"in {len(set(topic.values()))} topics; {dated} carry a full publication date"
    )
    default = StorySettings().join_threshold
    print(f"  {'threshold':>10}{'stories':>9}{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}"
          f"{'pair P':>8}{'pair R':>8}{'pair F1':>8}{'topic B3 F1':>13}{'s':>6}")  # fmt: skip
    for threshold in (default - 0.04, default - 0.02, default, default + 0.02, default + 0.04):
        with Store(memory=True) as store:
            store.add_articles(articles)
            t0 = time.perf_counter()
            # Reuse, then stories: the pipeline's order up to the story stage (the claims
            # and search stages come after it and cannot change a story).
            update_reuse(store)
            update_stories(store, StorySettings(join_threshold=threshold))
            seconds = time.perf_counter() - t0
            labels = story_labels(store)
        b3 = bcubed(labels, event)
        pw = pairwise(labels, event)
        topic_f1 = bcubed(labels, topic)[2]
        mark = "  <- default" if threshold == default else ""
        print(
            f"  {threshold:>10.2f}{len(set(labels.values())):>9}"
            + "".join(f"{v:>7.3f}" for v in b3)
            + "".join(f"{v:>8.3f}" for v in pw)
            + f"{topic_f1:>13.3f}{seconds:>6.1f}{mark}"
        )
        if threshold == default:
            result = b3[2]
            halves = [
                bcubed(
                    {a: labels[a] for a in event if (int(topic[a]) % 2 == 1) == odd},
                    {a: event[a] for a in event if (int(topic[a]) % 2 == 1) == odd},
                )[2]
                for odd in (True, False)
            ]
    print(
        f"  at the default, B-cubed F1 on the odd topics {halves[0]:.3f}, the even {halves[1]:.3f}"
    )
    status = "ok" if result >= GOAL_B3_F1 else "MISS"
    print(f"  event-level B-cubed F1 at the default: {result:.3f} (goal >= {GOAL_B3_F1})  {status}")


# --- the example corpus and the seeds -------------------------------------------------


def examples_check() -> None:
    gold = json.loads((ROOT / "examples" / "gold.json").read_text(encoding="utf-8"))
    with Store(memory=True) as store:
        ingest_sources([str(ROOT / "examples")], store, Settings())
        analyse(store)
        source_of = {a.id: a.source.split("/examples/", 1)[1] for a in store.articles()}
        found = {
            frozenset(source_of[aid] for aid in story.article_ids) for story in store.stories()
        }
    expected = {frozenset(story["articles"]) for story in gold["stories"].values()}
    status = "exactly the gold stories" if found == expected else "DIFFERENT from gold"
    sizes = sorted(len(s) for s in found)
    print(f"\nExample corpus: {len(found)} stories of {sizes} articles: {status}")


def seeds_check() -> None:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        print("\nSeeds: skipped (../shared/seeds is absent)")
        return
    with Store(memory=True) as store:
        ingest_sources([str(seeds)], store, Settings())
        analyse(store)
        stories = store.stories()
    status = "ok" if len(stories) == 1 else "MISS"
    placed = sum(len(s.article_ids) for s in stories)
    print(f"\nSeeds: {placed} articles in {len(stories)} stories ({stories[0].title!r})  {status}")


# --- generated streams ------------------------------------------------------------------

_SYLLABLES = ["ka", "lo", "ren", "ta", "vi", "mor", "sel", "du", "an", "bri", "col", "est",
              "fa", "gun", "hal", "ir", "jo", "kel", "lum", "ne", "os", "pra", "quin", "ro"]  # fmt: skip
_EVENTS = ["fire", "flood", "strike", "power cut", "bridge closure", "chemical leak", "storm",
           "rail crash", "landslide", "court ruling", "election recount", "factory closure"]  # fmt: skip
_THINGS = ["residents", "workers", "passengers", "homes", "patients", "students", "shops"]
_ROLES = ["mayor", "fire chief", "police commissioner", "health minister", "union leader"]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def generated_stream(count: int, seed: int) -> Iterator[tuple[Article, int]]:
    """Articles of invented events, several articles an event, in publication order:
    (article, event number). Each event has its own place, people and figures."""
    rng = random.Random(seed)
    start = date(2031, 1, 1)
    events: list[dict[str, object]] = []
    made = 0
    while made < count:
        # Now and then a new event breaks; otherwise a running one gets another article.
        if not events or rng.random() < 0.2:
            events.append(
                {
                    "place": f"{_name(rng, 3)} {rng.choice(['Bay', 'Falls', 'Vale', 'Point', ''])}".strip(),
                    "kind": rng.choice(_EVENTS),
                    "speaker": f"{_name(rng, 2)} {_name(rng, 3)}",
                    "role": rng.choice(_ROLES),
                    "count": rng.randrange(20, 20_000),
                    "thing": rng.choice(_THINGS),
                    "day": start + timedelta(days=len(events) // 40),
                }
            )
        number = len(events) - 1 - min(int(rng.expovariate(0.3)), len(events) - 1)
        e = events[number]
        when = e["day"] + timedelta(days=rng.randrange(3))  # type: ignore[operator]
        other = f"{_name(rng, 2)} {_name(rng, 2)}"
        paragraphs = [
            f"A {e['kind']} in {e['place']} affected {e['count']:,} {e['thing']}, "
            f"{e['role']} {e['speaker']} said on {when:%A}.",
            f"“We are doing everything we can,” {str(e['speaker']).split()[1]} said, adding that "
            f"{rng.randrange(2, 60)} teams were at work in {e['place']}.",
            f"{other}, who lives nearby, said the {e['kind']} had been feared for weeks.",
            *rng.sample(FILLER, k=rng.randrange(2, 5)),
        ]
        text = "\n\n".join(paragraphs)
        article = Article(
            id=content_hash(text),
            text=text,
            title=f"{str(e['kind']).capitalize()} in {e['place']}: {e['count']:,} {e['thing']} affected",
            outlet=f"Outlet {rng.randrange(30)}",
            published=PubDate(when.year, when.month, when.day, source="generated"),
            source=f"generated#{made}",
        )
        made += 1
        yield article, number


def scale_child(count: int, seed: int) -> None:
    """One size in its own process (clean peak memory): prints one JSON line."""
    truth: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "stories.db") as store:
        batch: list[Article] = []
        for article, event in generated_stream(count, seed):
            truth[article.id] = str(event)
            batch.append(article)
            if len(batch) == 5_000:
                store.add_articles(batch)
                batch = []
        store.add_articles(batch)
        del batch
        t0 = time.perf_counter()
        update = update_stories(store)
        seconds = time.perf_counter() - t0
        labels = story_labels(store)
    peak = peak_mb()
    # The step times show whether the time per article grows with the stories held.
    print(json.dumps({
        "count": count, "seconds": seconds, "stories": update.stories,
        "events": len(set(truth.values())), "b3": bcubed(labels, truth), "peak_mb": peak,
        "steps": update.step_seconds, "weighed": update.step_weighed,
    }))  # fmt: skip


def scale(sizes: tuple[int, ...], seed: int) -> None:
    print(f"\nGenerated streams (one process per size, steps of {STEP:,} articles, SQLite on disk)")
    print(f"  {'articles':>9}{'events':>8}{'stories':>9}{'B3 F1':>7}{'seconds':>9}"
          f"{'art/s':>8}{'peak MB':>9}   seconds per step")  # fmt: skip
    for count in sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(count), "--seed", str(seed)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            print(f"  the {count:,}-article run failed:\n{done.stderr[-2000:]}")
            return
        r = json.loads(done.stdout.strip().splitlines()[-1])
        steps = " ".join(f"{s:.1f}" for s in r["steps"])
        weighed = " ".join(f"{w:.0f}" for w in r["weighed"])
        print(
            f"  {r['count']:>9,}{r['events']:>8,}{r['stories']:>9,}{r['b3'][2]:>7.3f}"
            f"{r['seconds']:>9.1f}{r['count'] / r['seconds']:>8.0f}{r['peak_mb']:>9.0f}   {steps}"
        )
        print(f"  {'':>58}   stories scored per article, per step: {weighed}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="scale at 1,000 and 10,000")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        scale_child(args.child, args.seed)
        return
    began = time.perf_counter()
    print("story benchmark")
    ecbplus()
    examples_check()
    seeds_check()
    if not args.skip_scale:
        scale((1_000, 10_000) if args.quick else (10_000, 100_000), args.seed)
    print(f"\ntotal {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()

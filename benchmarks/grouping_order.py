"""Order stability of claim grouping: does the story's grouping depend on the order its
articles arrive in?

Each story is analysed once (ingest, reuse, stories, claims), then corroborated under
its story order and under several shuffles of its articles. Articles are ordered by
publication day and time before grouping, so a shuffle changes only the order of
articles published together or undated: an order no reader would call meaningful. Each
shuffle's final groups are compared with the story order's, claim pair by claim pair:
a pair changes when one order groups it and the other does not.

A harsher test sets the articles' publication dates aside (as if none were known), so
that a shuffle is the whole order the claims are grouped in.

Stories: the planted benchmark's (``benchmarks/planted_claims.py``, each planted story
on its own), the example corpus's, and the seeds' (``../shared/seeds``, when present).

Run: .venv/bin/python benchmarks/grouping_order.py [--seed 7] [--stories 40]
     [--orders 5] [--skip-planted]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import planted_claims
from corroborate import Store, ingest_sources
from corroborate.claims.types import ArticleClaims
from corroborate.corroboration.story import corroborate_story
from corroborate.pipeline import analyse
from corroborate.records import Article, ReuseLink

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"


@dataclass
class Story:
    """One analysed story, ready to corroborate in any article order."""

    name: str
    articles: list[Article]
    found: Mapping[str, ArticleClaims]
    links: Sequence[ReuseLink]


@dataclass
class Stability:
    stories: int = 0
    orders: int = 0
    pairs: int = 0  # claim pairs compared, summed over orders
    changed: int = 0  # of those, grouped in one order and not in the other
    grouped: int = 0  # pairs grouped in either order, summed over orders
    stories_changed: int = 0  # stories where some order changes some pair
    claims_moved: int = 0  # claims whose group (as a set of claims) differs, summed

    def add(self, other: Stability) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self, title: str) -> str:
        agreement = 1 - self.changed / self.pairs if self.pairs else 1.0
        return (
            f"   {title:26} {self.stories:3} stories x {self.orders // max(self.stories, 1)} "
            f"orders: {self.changed:,} of {self.pairs:,} claim pairs change grouping "
            f"(agreement {agreement:.4%}; {self.changed / max(self.grouped, 1):.2%} of "
            f"{self.grouped:,} pairs grouped in either); {self.claims_moved:,} claims' "
            f"groups change; stories with a change: {self.stories_changed}"
        )


def analysed(folder: Path) -> list[Story]:
    """Every story the pipeline finds in ``folder``, analysed once."""
    with Store(memory=True) as store:
        ingest_sources([str(folder)], store)
        analyse(store)
        by_id = {a.id: a for a in store.articles()}
        found = store.article_claims()
        links = store.reuse_links()
        return [
            Story(f"{folder.name}/{s.id}", [by_id[a] for a in s.article_ids], found, links)
            for s in store.stories()
        ]


def groups_under(story: Story, articles: Sequence[Article]) -> dict[str, frozenset[str]]:
    """Claim id -> the ids of its final group, the story's articles in this order."""
    result = corroborate_story(story.name, articles, story.found, story.links)
    members = {}
    for group in result.groups:
        ids = frozenset(m.id for m in group.members)
        members.update(dict.fromkeys(ids, ids))
    return members


def together(partition: Mapping[str, frozenset[str]]) -> int:
    groups = set(partition.values())
    return sum(len(g) * (len(g) - 1) // 2 for g in groups)


def changed_pairs(
    a: Mapping[str, frozenset[str]], b: Mapping[str, frozenset[str]]
) -> tuple[int, int]:
    """Claim pairs grouped in one partition and not in the other, and pairs grouped in
    either."""
    both: Counter[tuple[frozenset[str], frozenset[str]]] = Counter(
        (a[claim], b[claim]) for claim in a
    )
    shared = sum(n * (n - 1) // 2 for n in both.values())
    return together(a) + together(b) - 2 * shared, together(a) + together(b) - shared


def stability(story: Story, orders: int, rng: random.Random) -> Stability:
    reference = groups_under(story, story.articles)
    n = len(reference)
    result = Stability(stories=1, orders=orders)
    for _ in range(orders):
        shuffled = list(story.articles)
        rng.shuffle(shuffled)
        other = groups_under(story, shuffled)
        changed, grouped = changed_pairs(reference, other)
        result.pairs += n * (n - 1) // 2
        result.changed += changed
        result.grouped += grouped
        result.claims_moved += sum(reference[c] != other[c] for c in reference)
    result.stories_changed = int(result.changed > 0)
    return result


def undated(story: Story) -> Story:
    """The story with its articles' publication dates set aside."""
    articles = [replace(a, published=None) for a in story.articles]
    return Story(story.name, articles, story.found, story.links)


def measure(title: str, stories: Sequence[Story], orders: int, seed: int) -> None:
    for dated in (True, False):
        rng = random.Random(seed)
        total = Stability()
        for story in stories:
            if len(story.articles) > 1:
                total.add(stability(story if dated else undated(story), orders, rng))
        print(total.line(title + ("" if dated else ", undated")), flush=True)


def planted_stories(seed: int, stories: int) -> list[Story]:
    result = []
    with tempfile.TemporaryDirectory(prefix="grouping-order-") as tmp:
        drafts = planted_claims.write_stories(Path(tmp), stories, seed)
        for draft in drafts:
            result += analysed(Path(tmp) / f"s{draft.number:02d}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=7, help="planted stories' seed")
    parser.add_argument("--stories", type=int, default=40, help="planted stories")
    parser.add_argument("--orders", type=int, default=5, help="shuffles per story")
    parser.add_argument("--skip-planted", action="store_true")
    args = parser.parse_args()
    print(f"Order stability of claim grouping: {args.orders} shuffled article orders per story")
    measure("example corpus", analysed(EXAMPLES), args.orders, args.seed)
    if SEEDS.is_dir():
        measure("seeds", analysed(SEEDS), args.orders, args.seed)
    if not args.skip_planted:
        planted = planted_stories(args.seed, args.stories)
        measure(f"planted seed {args.seed}", planted, args.orders, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())

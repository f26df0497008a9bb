"""Attribution spans scored against PolNeAR (source, cue and content; exact and overlap).

PolNeAR (political news, 2016) annotates every attribution with a source, a cue and a
content span in BRAT standoff files; a span may have several segments (a quote split
around "he said"). Articles annotated by several annotators are scored against the first
annotation file by name. PolNeAR is univocal (no token is in two attributions), so only
our outermost attributions are scored: one nested in another's content (a relay) is left
out.

Scoring is per segment and per role, and every attribution's segments count: a source
that two attributions share ("Lee said X and added that Y" has one subject for two cues)
is two gold sources. Exact: the same characters after stripping surrounding white space,
counted as multisets: a span predicted n times and annotated m times matches min(n, m)
times, so each predicted segment matches at most one gold segment and each gold segment
at most one predicted one. Overlap: a predicted segment sharing at least one character
with a gold segment of the same role, matched one to one. Precision = matched predicted
segments / predicted, recall = matched gold / gold.

Under each exact block the table also prints F1 counted two other ways, to compare:

- ``set`` (how this script counted up to session 13): hits over the set of predicted
  spans, every gold and predicted segment in the denominators: a source repeated in gold
  matched once (on dev, 114 of the 2,066 gold sources repeat another attribution's source
  and could never be matched), so no reading could reach 100;
- ``distinct``: each distinct span once on both sides, hits and denominators alike. This
  is how CofeNet (Wang et al., COLING 2022; the 83.2 / 75.3 / 72.9 goal) counts, as far
  as its published evaluation code shows (cofe-ai/CofeNet, exe/eval/evaluation.py): it
  scores per-token BIO label sequences, and its exact match compares the lists of spans
  read off the gold and the predicted sequence, in which a source shared by two
  attributions is labelled, and so counted, once.

The speech-act subset keeps gold attributions whose cue is a verb of saying (by its lemma,
see ``corroborate.claims.cues.SPEECH_VERBS``), a noun of saying (``SPEECH_NOUNS``) or
"according to", and predicted ones whose cue class is "speech": PolNeAR also labels
thoughts, intentions and feelings.

Run: .venv/bin/python benchmarks/polnear.py [--split dev|train] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.tokens import Doc

from corroborate.claims.attribution import Attribution, find_attributions
from corroborate.claims.cues import SPEECH_NOUNS, SPEECH_VERBS
from corroborate.claims.nlp import parse_for_claims

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
ROLES = ("source", "cue", "content")
Segment = tuple[int, int]


@dataclass
class GoldAttribution:
    source: list[Segment] = field(default_factory=list)
    cue: list[Segment] = field(default_factory=list)
    content: list[Segment] = field(default_factory=list)


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0
    matched_predicted: int = 0
    # The other counts of exact matches (see the module's docstring); only the exact
    # tallies fill them.
    set_hits: int = 0
    distinct_gold: int = 0
    distinct_predicted: int = 0

    def line(self) -> str:
        p, r, f = self.scores()
        return f"P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f:5.1f}  (gold {self.gold}, predicted {self.predicted})"

    def scores(self) -> tuple[float, float, float]:
        """Precision, recall and F1."""
        p = self.matched_predicted / self.predicted if self.predicted else 0.0
        r = self.matched_gold / self.gold if self.gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    def as_sets(self) -> Tally:
        """The exact tally with hits counted over the set of predicted spans (until session 13)."""
        return replace(self, matched_gold=self.set_hits, matched_predicted=self.set_hits)

    def distinct(self) -> Tally:
        """The exact tally with each distinct span counted once on both sides (as CofeNet)."""
        return replace(
            self,
            gold=self.distinct_gold,
            predicted=self.distinct_predicted,
            matched_gold=self.set_hits,
            matched_predicted=self.set_hits,
        )


def read_gold(path: Path) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, list[Segment]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue  # the rest of a span's text that ran onto another line
        if parts[0].startswith("T"):
            label, _, positions = parts[1].partition(" ")
            segments = [tuple(int(x) for x in s.split()) for s in positions.split(";")]
            spans[parts[0]] = (label, [(a, b) for a, b in segments])
        elif parts[0].startswith("E"):
            events.append(dict(item.split(":") for item in parts[1].split()))
    gold = []
    for event in events:
        attribution = GoldAttribution()
        for role in ROLES:
            key = role.capitalize()
            if key in event and event[key] in spans:
                getattr(attribution, role).extend(spans[event[key]][1])
        gold.append(attribution)
    return gold


def articles(split: str) -> list[tuple[str, Path]]:
    """(text, annotation file) per article: the first annotation file of each text."""
    texts = DATA / split / "text"
    chosen: dict[str, Path] = {}
    for annotation in sorted((DATA / split / "attributions").glob("*.ann")):
        stem = annotation.stem.rsplit("_", 1)[0]
        chosen.setdefault(stem, annotation)
    return [(str(texts / f"{stem}.txt"), path) for stem, path in sorted(chosen.items())]


def strip(text: str, segment: Segment) -> Segment:
    a, b = segment
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def outermost(found: list[Attribution]) -> list[Attribution]:
    return [a for a in found if not any(o is not a and o.contains(a) for o in found)]


def score_role(
    text: str, gold: list[Segment], predicted: list[Segment], exact: Tally, overlap: Tally
) -> None:
    gold = [strip(text, s) for s in gold]
    predicted = [strip(text, s) for s in predicted]
    for tally in (exact, overlap):
        tally.gold += len(gold)
        tally.predicted += len(predicted)
    hits = sum((Counter(gold) & Counter(predicted)).values())  # multisets: min(n, m) each
    exact.matched_gold += hits
    exact.matched_predicted += hits
    exact.set_hits += len(set(gold) & set(predicted))
    exact.distinct_gold += len(set(gold))
    exact.distinct_predicted += len(set(predicted))
    used: set[int] = set()
    for a, b in predicted:
        for i, (c, d) in enumerate(gold):
            if i not in used and a < d and c < b:
                used.add(i)
                overlap.matched_predicted += 1
                break
    overlap.matched_gold += len(used)


def is_speech_cue(doc_lemmas: dict[int, str], text: str, cue: list[Segment]) -> bool:
    words = " ".join(text[a:b] for a, b in cue).lower()
    if "according" in words:
        return True
    # A cue noun of saying ("the ministry's statement that ...") counts as the verbs do:
    # the predicted side keeps the stage's speech nouns too.
    return any(
        doc_lemmas.get(a) in SPEECH_VERBS or doc_lemmas.get(a) in SPEECH_NOUNS
        for segment in cue
        for a in range(*segment)
    )


Extractor = Callable[[Doc], list[Attribution]]


def evaluate(
    split: str = "dev", limit: int = 0, extract: Extractor = find_attributions
) -> tuple[dict[str, dict[str, Tally]], str]:
    """Tallies per "<subset> <match>" and role, and a line on what was scored and how fast."""
    chosen = articles(split)
    if limit:
        chosen = chosen[:limit]
    texts = [Path(t).read_text(encoding="utf-8") for t, _ in chosen]
    results: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    started = time.perf_counter()
    words = 0
    for (_, annotation), text, doc in zip(
        chosen, texts, parse_for_claims(texts, processes=2), strict=True
    ):
        words += len(doc)
        score_document(results, text, read_gold(annotation), doc, outermost(extract(doc)))
    seconds = time.perf_counter() - started
    line = (
        f"PolNeAR {split}: {len(chosen)} articles, {words:,} tokens, {seconds:.1f} s "
        f"({words / seconds:,.0f} tokens/s, parsing included)"
    )
    return results, line


def score_document(
    results: dict[str, dict[str, Tally]],
    text: str,
    gold: list[GoldAttribution],
    doc: Doc,
    found: list[Attribution],
) -> None:
    """Adds one article's segments to ``results``, per "<subset> <match>" and role."""
    lemmas = {t.idx + k: t.lemma_.lower() for t in doc for k in range(len(t.text))}
    for subset in ("all", "speech"):
        if subset == "speech":
            gold_here = [g for g in gold if is_speech_cue(lemmas, text, g.cue)]
            found_here = [a for a in found if a.cue_class == "speech"]
        else:
            gold_here, found_here = gold, found
        for role in ROLES:
            score_role(
                text,
                [s for g in gold_here for s in getattr(g, role)],
                _predicted(found_here, role),
                results[f"{subset} exact"][role],
                results[f"{subset} overlap"][role],
            )


def _predicted(found: list[Attribution], role: str) -> list[Segment]:
    predicted: list[Segment] = []
    for a in found:
        if role == "source" and a.source:
            predicted.append(a.source)
        elif role == "cue":
            predicted.append(a.cue)
        elif role == "content":
            predicted.extend(a.content)
    return predicted


def table(results: dict[str, dict[str, Tally]]) -> str:
    lines = []
    for name in ("all exact", "all overlap", "speech exact", "speech overlap"):
        lines.append(f"{name}:")
        lines.extend(f"  {role:8} {results[name][role].line()}" for role in ROLES)
        if name.endswith("exact"):
            for other in ("as_sets", "distinct"):
                f1 = [getattr(results[name][role], other)().scores()[2] for role in ROLES]
                label = "set" if other == "as_sets" else other
                lines.append(f"  ({label} F1: " + " / ".join(f"{100 * f:.1f}" for f in f1) + ")")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--limit", type=int, default=0, help="score only the first N articles")
    args = parser.parse_args()
    if not (DATA / args.split).is_dir():
        print(f"PolNeAR not found at {DATA}: skipped")
        return 0
    results, line = evaluate(args.split, args.limit)
    print(line)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

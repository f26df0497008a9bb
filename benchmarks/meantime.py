"""Time expressions against MEANTIME's TIMEX3 gold (English Wikinews, 120 articles).

    .venv/bin/python benchmarks/meantime.py                       # /work/shared/data/meantime
    .venv/bin/python benchmarks/meantime.py --data path/to/meantime --errors 40

Each article's text is rebuilt from its tokens (title line, date line, then the body) and
given to ``find_times`` with the document creation time (DCT) as the publication date;
twice, once with the spaCy parse and once with the text alone. A gold DATE is *found* when a
system expression overlaps its tokens, and *correct* when the value matches.

What "the value matches" means, from the NewsReader guidelines for TIMEX3:

* the date line under the title is the DCT itself (``functionInDocument="CREATION_TIME"``,
  or where that is missing, the DATE in the date line): it is the input, so it is not
  scored. A DCT written day first ("03-02-2009") is read so;
* a value is compared as a string, at the gold's own granularity: "2009-06" is not
  "2009-06-09", and "2009-W13" is not "2009-03";
* a time of day after a day ("2008-01-09TMO") is compared at the day: ``find_times``
  keeps days as days;
* the guidelines give vague expressions PAST_REF, PRESENT_REF or FUTURE_REF and unknown
  dates X's ("XXXX-XX-XX"); these are correct when the system found the expression and
  left its value None (unresolved), the TimeRef's way of saying the same thing;
* everything else (quarters "2009-Q3", seasons "2009-SP", decades "197", fiscal years
  "FY2007") must match exactly.

* a gold DATE whose value is a duration ("P9D" for "the past nine days", "P1D" for
  "single-day"; DURATIONs by TimeML's own definition, typed DATE by the annotators) is
  correct when the system found a duration (``kind`` "duration") of the same value; a
  date value is correct only from a date. The one equivalence allowed between duration
  values is TimeML's units for decades and centuries: "P1DE" is "P10Y".

Accuracy is correct / gold DATEs (and correct / found). A second line leaves out the gold
DATEs whose value is a duration, as the figure stood before ``find_times`` found
durations. It is printed for each topic folder (sub-corpus) too: the rules were written
from how news states dates, and looking at error categories, never at particular
sentences, so the folders serve as a check that they hold across topics. The gold's own
DURATIONs are scored apart, on one line, by the same rule (not in the DATE figures).

Gold values that plainly contradict their own words (a weekday whose value falls on another
weekday) are listed after the errors; they stay in the figures.
"""

from __future__ import annotations

import argparse
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from corroborate.claims.timex import find_times
from corroborate.records import PubDate, TimeRef

DEFAULT_DATA = Path("/work/shared/data/meantime")

_NO_SPACE_BEFORE = {
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    ")",
    "]",
    "%",
    "'s",
    "’s",
    "n't",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
}
_NO_SPACE_AFTER = {"(", "[", "$", "US$", "#", "£", "€"}
_WEEKDAY = re.compile(r"\b(?:Mon|Tues?|Wed|Thu|Fri|Sat|Sun)[a-z]*day\b", re.IGNORECASE)
_MONTH = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?!\w)", re.IGNORECASE
)
_RELATIVE = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|last|next|this|ago|earlier|later|previous|past"
    r"|coming|same|current|that|following|prior)\b",
    re.IGNORECASE,
)


@dataclass
class Gold:
    corpus: str
    doc: str
    start: int
    end: int
    text: str
    value: str
    dct: str


@dataclass
class Document:
    corpus: str
    name: str
    text: str
    dct: PubDate | None
    dates: list[Gold]  # gold DATEs, the DCT left out
    durations: list[Gold]  # gold DURATIONs, scored apart
    all_spans: list[tuple[int, int]]  # every gold TIMEX3, any type
    lang: str
    annotated_end: int  # MEANTIME annotates the first sentences only: where they end


def read_document(path: Path) -> Document:
    """One MEANTIME file: text rebuilt from tokens, DCT, gold DATE timexes as char spans."""
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, str] = {}
    parts: list[str] = []
    length, previous, sentence = 0, "", None
    for token in root.iter("token"):
        word, number = token.text or "", token.get("sentence", "")
        if sentence is not None and number != sentence:
            # title and date line as lines of their own, then the body as running text
            glue = "\n" if sentence == "0" else "\n\n" if sentence == "1" else " "
        elif not parts or word in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER:
            glue = ""
        else:
            glue = " "
        parts.append(glue + word)
        length += len(glue)
        offsets[token.get("t_id", "")] = (length, length + len(word))
        sentence_of[token.get("t_id", "")] = number
        length += len(word)
        previous, sentence = word, number
    text = "".join(parts)

    timexes = []
    for timex in root.iter("TIMEX3"):
        ids = [a.get("t_id", "") for a in timex.iter("token_anchor")]
        if ids and all(i in offsets for i in ids):
            timexes.append((timex, ids))
    dct_timex = next(
        (t for t, _ in timexes if t.get("functionInDocument") == "CREATION_TIME"), None
    ) or next(
        (t for t, ids in timexes if t.get("type") == "DATE" and sentence_of[ids[0]] == "1"), None
    )
    dct = _read_dct(dct_timex.get("value", "")) if dct_timex is not None else None
    corpus = path.parent.name
    dates, durations, spans = [], [], []
    for timex, ids in timexes:
        start, end = offsets[ids[0]][0], offsets[ids[-1]][1]
        spans.append((start, end))
        kind = timex.get("type")
        if kind not in ("DATE", "DURATION") or timex is dct_timex:
            continue
        (dates if kind == "DATE" else durations).append(
            Gold(
                corpus,
                path.stem,
                start,
                end,
                text[start:end],
                timex.get("value", ""),
                dct.iso() if dct else "-",
            )
        )
    markables = root.find("Markables")
    anchors = [] if markables is None else list(markables.iter("token_anchor"))
    last = max(
        (int(sentence_of[a.get("t_id", "")]) for a in anchors if a.get("t_id", "") in sentence_of),
        default=-1,
    )
    annotated_end = max(
        (offsets[t][1] for t, n in sentence_of.items() if int(n) <= last), default=0
    )
    return Document(
        corpus,
        path.stem,
        text,
        dct,
        dates,
        durations,
        spans,
        root.get("lang", "en"),
        annotated_end,
    )


def _read_dct(value: str) -> PubDate | None:
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", value):
        return PubDate(int(m[1]), int(m[2]), int(m[3]), source="MEANTIME DCT")
    if m := re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value):  # written day first
        return PubDate(int(m[3]), int(m[2]), int(m[1]), source="MEANTIME DCT")
    return None


def _gold_value(value: str) -> str | None:
    """The gold value as ``find_times`` would write it; None for vague and unknown ones."""
    if value.endswith("_REF") or re.fullmatch(r"[X\-]+", value):
        return None
    if m := re.fullmatch(r"(\d{4}-\d\d-\d\d)T.*", value):
        return m[1]
    return value


def _canonical_duration(value: str) -> str:
    """A TIMEX3 duration with decades and centuries in years ("P1DE" is "P10Y"), the one
    equivalence between its units; anything else as written."""
    m = re.fullmatch(r"P(\d+(?:\.\d+)?)(DE|CE)", value)
    if m is None:
        return value
    years = float(m[1]) * (10 if m[2] == "DE" else 100)
    return f"P{years:g}Y"


def _same_duration(ours: str | None, gold: str) -> bool:
    return ours is not None and _canonical_duration(ours) == _canonical_duration(gold)


def category(gold: Gold) -> str:
    value = _gold_value(gold.value)
    if value is None:
        return "vague/unknown"
    if _WEEKDAY.search(gold.text):
        return "weekday"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value) and re.search(r"\d", gold.text):
        return "full date"
    if _RELATIVE.search(gold.text):
        return "relative"
    if re.fullmatch(r"\d{4}-\d\d", value) and _MONTH.search(gold.text):
        return "month"
    if re.fullmatch(r"\d{4}", value) and re.search(r"\d", gold.text):
        return "year"
    return "other"


def contradiction(gold: Gold) -> str | None:
    """Why a gold value cannot be what its own words say, where that is plain: a weekday
    whose day falls on another weekday ("Friday" as 2007-10-20, a Saturday)."""
    named = re.fullmatch(r"(?:on\s+)?(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day", gold.text, re.I)
    day = re.match(r"(\d{4})-(\d\d)-(\d\d)", gold.value)
    if named is None or day is None:
        return None
    weekday = date(int(day[1]), int(day[2]), int(day[3])).strftime("%A")
    if weekday.lower().startswith(named[1].lower()):
        return None
    return f"{gold.value} is a {weekday}"


_DURATION_VALUE = re.compile(r"PT?[\dX]")


def _best_overlap(gold: Gold, refs: list[TimeRef]) -> TimeRef | None:
    best, most = None, 0
    for ref in refs:
        shared = min(gold.end, ref.span.end) - max(gold.start, ref.span.start)
        if shared > most:
            best, most = ref, shared
    return best


def _evaluate(docs: list[Document], parses: dict[str, Any] | None) -> dict[str, Any]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    errors: list[tuple[str, str, str, str, str]] = []
    extras: list[str] = []
    contradictions: list[str] = []
    spent, found_total = 0.0, 0
    for doc in docs:
        parse = parses[doc.name] if parses is not None else None
        began = time.perf_counter()
        refs = find_times(doc.text, doc.dct, doc.name, doc=parse)
        spent += time.perf_counter() - began
        refs_annotated = [r for r in refs if r.span.end <= doc.annotated_end]
        found_total += len(refs_annotated)
        extras += [
            f"{r.span.of(doc.text)!r} -> {r.value}"
            for r in refs_annotated
            if not any(s < r.span.end and r.span.start < e for s, e in doc.all_spans)
        ]
        for gold in doc.dates:
            ref = _best_overlap(gold, refs)
            want = _gold_value(gold.value)
            if _DURATION_VALUE.match(gold.value):  # a duration typed DATE in the gold
                right = ref is not None and ref.kind == "duration"
                right = right and _same_duration(ref.value, gold.value)
            else:
                right = ref is not None and ref.kind == "date" and ref.value == want
            keys = ["all", f"corpus {gold.corpus}", f"category {category(gold)}"]
            if not _DURATION_VALUE.match(gold.value):
                keys.append("all but durations typed DATE")
            for key in keys:
                counts[key]["gold"] += 1
                counts[key]["found"] += ref is not None
                counts[key]["correct"] += right
            if not right:
                yours = "(not found)" if ref is None else f"{ref.value} [{ref.span.of(doc.text)!r}]"
                errors.append((gold.corpus, gold.text, gold.value, gold.dct, yours))
            if why := contradiction(gold):
                contradictions.append(f"{gold.text!r}: {why}")
        for gold in doc.durations:
            ref = _best_overlap(gold, refs)
            key = "gold DURATIONs (apart)"
            counts[key]["gold"] += 1
            counts[key]["found"] += ref is not None
            counts[key]["correct"] += ref is not None and _same_duration(ref.value, gold.value)
    return {
        "counts": {k: dict(v) for k, v in sorted(counts.items())},
        "accuracy": counts["all"]["correct"] / max(1, counts["all"]["gold"]),
        "accuracy_of_found": counts["all"]["correct"] / max(1, counts["all"]["found"]),
        "system_expressions": found_total,
        "system_not_in_gold": extras,
        "gold_contradictions": contradictions,
        "seconds_in_find_times": spent,
        "errors": errors,
    }


def _folder(data_dir: Path) -> Path:
    for name in ("intra-doc_annotation", "intra_cross-doc_annotation"):
        if (data_dir / name).is_dir():
            return data_dir / name
    return data_dir


def score(data_dir: Path, *, with_parse: bool = True) -> dict[str, Any]:
    """Scores on every English article under ``data_dir``: one result per mode."""
    paths = sorted(_folder(data_dir).glob("*/*.xml"))
    docs = [d for d in (read_document(p) for p in paths) if d.lang == "en"]
    result: dict[str, Any] = {"documents": len(docs), "text": _evaluate(docs, None)}
    if with_parse:
        from corroborate.claims.nlp import parse_for_claims

        parses = dict(
            zip(
                (d.name for d in docs),
                parse_for_claims([d.text for d in docs], processes=2),
                strict=True,
            )
        )
        result["parse"] = _evaluate(docs, parses)
    return result


def _line(name: str, c: dict[str, int]) -> str:
    gold, found, correct = c.get("gold", 0), c.get("found", 0), c.get("correct", 0)
    return (
        f"  {name:<26} gold {gold:>4}  found {found:>4}  correct {correct:>4}"
        f"  accuracy {correct / max(1, gold):6.1%}  of found {correct / max(1, found):6.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--errors", type=int, default=25, help="error examples to print")
    parser.add_argument("--no-parse", action="store_true", help="text heuristics only")
    args = parser.parse_args()
    if not _folder(args.data).is_dir() or not any(_folder(args.data).glob("*/*.xml")):
        print(f"MEANTIME not found at {args.data}; skipped")
        return
    result = score(args.data, with_parse=not args.no_parse)
    print(f"MEANTIME English: {result['documents']} documents")
    for mode in ("parse", "text"):
        if mode not in result:
            continue
        r = result[mode]
        title = "with the spaCy parse" if mode == "parse" else "text alone"
        print(
            f"\n{title}: accuracy {r['accuracy']:.1%} of gold DATEs, "
            f"{r['accuracy_of_found']:.1%} of those found"
        )
        for key, counts in r["counts"].items():
            print(_line(key, counts))
        print(
            f"  system expressions in the annotated sentences {r['system_expressions']}, "
            f"overlapping no gold TIMEX3: {len(r['system_not_in_gold'])}; "
            f"find_times took {r['seconds_in_find_times']:.3f} s"
        )
    mode = "parse" if "parse" in result else "text"
    print(f"\nerrors ({mode}), first {args.errors} of {len(result[mode]['errors'])}:")
    for corpus, text, value, dct, yours in result[mode]["errors"][: args.errors]:
        print(f"  {corpus:<14} {text!r:<40} gold {value:<12} dct {dct:<10} yours {yours}")
    contradictions = result[mode]["gold_contradictions"]
    print(f"\ngold values that contradict their own words: {len(contradictions)}")
    for line in contradictions:
        print(f"  {line}")
    extras = result[mode]["system_not_in_gold"]
    print(f"\nfound where the gold has no TIMEX3 ({mode}), first {args.errors} of {len(extras)}:")
    for line in extras[: args.errors]:
        print(f"  {line}")


if __name__ == "__main__":
    main()

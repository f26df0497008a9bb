"""A remark quoted whole by one outlet and in part, inside a paraphrase, by others is one
remark: its variants compare the quoted words, not the paraphrase around them."""

from __future__ import annotations

from pathlib import Path

from corroborate.corroboration.quotes import quote_words

from .stories import corroborate_texts

FIRST = """ outlet Fenwick Daily
 date 2032-02-10
Fenwick evacuates low streets as the Aske rises

FENWICK, Estovia — The river Aske rose to its highest level in forty years in Fenwick on Tuesday, and crews began moving families out of the streets along the quay.

“We are moving every family out of the low streets before the river crests tonight,” harbour master Alma Toft said.

The town's two bridges were closed to traffic on Tuesday morning.
"""

SECOND = """ outlet Aske Valley News
 date 2032-02-10
River Aske floods quay streets in Fenwick

FENWICK — The river Aske reached its highest level in forty years in Fenwick on Tuesday, flooding the streets along the quay.

Harbour master Alma Toft said crews were “moving every family out of the low streets” as the water kept rising.

Both bridges in the town were shut on Tuesday morning.
"""

THIRD = """ outlet Estovia Herald
 date 2032-02-11
Fenwick families leave quay streets as the Aske crests

The river Aske crested in Fenwick overnight at its highest level in forty years, after crews moved families out of the streets along the quay on Tuesday.

Toft, the harbour master, had said: “We're moving every family out of the low streets before the river crests tonight.”

The two bridges stayed closed on Wednesday.
"""


def test_a_quoted_passage_is_compared_with_the_whole_quote(tmp_path: Path) -> None:
    story = corroborate_texts(tmp_path, {"first": FIRST, "second": SECOND, "third": THIRD})
    variants = [v for g in story.groups for v in g.quote_variants if v.speaker == "Alma Toft"]
    assert len(variants) == 1
    variant = variants[0]
    by_outlet = {story.view(q.claim).outlet: q for q in variant.quotations}
    assert set(by_outlet) == {"Fenwick Daily", "Aske Valley News", "Estovia Herald"}
    passage = by_outlet["Aske Valley News"]
    # Only the quoted words, not the paraphrase around them.
    assert passage.text == "moving every family out of the low streets"
    kinds = {story.view(claim).outlet: kind for claim, kind in variant.kinds}
    assert kinds == {"Aske Valley News": "truncated", "Estovia Herald": "punctuation"}
    assert quote_words(by_outlet["Fenwick Daily"].text)[:3] == ["we", "are", "moving"]

"""The claims stage's fast parse: same text and offsets, same claims as the full parse."""

from __future__ import annotations

from itertools import pairwise

import pytest
from spacy.tokens import Doc

from corroborate.claims import nlp
from corroborate.claims.extract import extract_claims
from corroborate.claims.nlp import parse, parse_for_claims, parse_many
from corroborate.claims.selection import needs_parse, plan_pieces, word_forms
from corroborate.records import Article

# Invented: quoted and reported speech, a number and a date among plain scene-setting
# paragraphs that hold nothing the claims stage reads.
ARTICLE = (
    "Tarnbury pier closes after storm\n\n"
    "The rain kept falling on the old pier. The gulls stayed away from the water.\n\n"
    "Mayor Ines Calder arrived in Tarnbury on Tuesday morning.\n\n"
    "The wind kept blowing across the empty beach. The sand drifted over the boards.\n\n"
    '"We will rebuild the pier before the summer," Calder said.\n\n'
    "The waves kept rolling in over the rocks. The tide came in slowly over the sand.\n\n"
    "Harbour master Olek Varga said about 40 boats had been damaged.\n\n"
    "The light faded over the grey water. The lamps came on along the front.\n"
)


def _full(text: str) -> list[tuple[int, str, str, str, int, str]]:
    return [(t.idx, t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in parse(text)]


def test_fast_path_keeps_text_and_offsets() -> None:
    (doc,) = parse_for_claims([ARTICLE])
    assert doc.text == ARTICLE
    assert [t.idx for t in doc] == [t.idx for t in parse(ARTICLE)]
    for token in doc:
        assert ARTICLE[token.idx : token.idx + len(token.text)] == token.text


def test_article_is_cut_and_selected_sentences_are_parsed() -> None:
    (doc,) = parse_for_claims([ARTICLE])
    said = [t for t in doc if t.text == "said"]
    assert len(said) == 2 and all(t.pos_ == "VERB" and t.lemma_ == "say" for t in said)
    assert any(e.text == "Ines Calder" for e in doc.ents)
    # The scene-setting sentences were skipped, and still are sentences of their own.
    rain = next(t for t in doc if t.text == "rain")
    assert rain.tag_ == "" and rain.sent.text.startswith("The rain kept falling")
    assert "The gulls stayed away from the water." in [s.text.strip() for s in doc.sents]


def test_claims_from_fast_parse_equal_full_parse() -> None:
    article = Article(id="a1", text=ARTICLE)
    (doc,) = parse_for_claims([ARTICLE])
    fast = extract_claims(article, doc)
    full = extract_claims(article, parse(ARTICLE))
    assert fast.claims == full.claims
    assert fast.entities == full.entities
    assert any(c.kind == "direct_quote" for c in fast.claims)


def test_dense_article_is_parsed_whole_like_the_full_pipeline() -> None:
    text = "Calder said the pier would reopen. Varga told reporters it would not."
    (doc,) = parse_for_claims([text])
    assert [(t.idx, t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc] == _full(text)


def test_parse_many_and_processes_keep_order() -> None:
    texts = [f"Councillor Edda Brun{i} said the ferry would run." for i in range(3)]
    assert [d.text for d in parse_many(texts, batch_size=2)] == texts
    # Too few articles for workers: one process, same result.
    assert [d.text for d in parse_for_claims(texts, processes=2)] == texts


@pytest.mark.parametrize("text", ["", " ", "\n\n", "12345", '""""', "“”‘’"])
def test_bad_input_gives_a_doc_of_the_text(text: str) -> None:
    (doc,) = parse_for_claims([text])
    assert doc.text == text
    assert extract_claims(Article(id="x", text=text), doc).claims == ()


def test_one_megabyte_is_cut_into_pieces() -> None:
    # Scene-setting paragraphs are skipped; the parsed ones are kept under the limit.
    paragraph = "The rain kept falling on the old pier.\n\nCalder said the pier was shut.\n\n"
    text = paragraph * (1_000_000 // len(paragraph))
    tokens = nlp.pipeline().tokenizer(text)
    pieces = plan_pieces(tokens, 2_000)
    assert pieces[0].start == 0 and pieces[-1].end == len(tokens)
    assert all(a.end == b.start for a, b in pairwise(pieces))
    assert any(not p.parse for p in pieces)
    assert all(
        tokens[p.end - 1].idx + len(tokens[p.end - 1]) - tokens[p.start].idx <= 2_000
        for p in pieces
        if p.parse
    )


def test_one_megabyte_without_breaks_parses() -> None:
    text = "pier " * 200_000
    (doc,) = parse_for_claims([text])
    assert doc.text == text


def test_selection_reads_words() -> None:
    doc = nlp.pipeline().tokenizer("The gulls stayed away. Officials denied it. The sea rose 2 m.")
    first, second, third = doc[0:5], doc[5:9], doc[9:]
    assert not needs_parse(first)
    assert needs_parse(second) and needs_parse(third)
    assert {"denied", "said", "citing", "reiterated"} <= word_forms("deny") | word_forms(
        "say"
    ) | word_forms("cite") | word_forms("reiterate")


def test_long_runs_without_spaces_and_endless_sentences_keep_the_text() -> None:
    text = "The mayor said " + "“" * 5000 + " and " + "ab" * 400 + " " + "word " * 900
    (doc,) = list(parse_for_claims([text]))
    assert doc.text == text
    assert max(len(sentence) for sentence in doc.sents) <= 1000


def _columns(doc: Doc) -> list[tuple[object, ...]]:
    return [
        (t.idx, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc
    ]


def test_sped_up_pipeline_gives_what_spacy_as_shipped_gives() -> None:
    # The attribute table, the lemma table (from its second Doc on) and the word sets
    # change how the answers are found, never the answers.
    stock = nlp.load_pipeline(fast=False)
    fast = nlp.load_pipeline()
    texts = [
        ARTICLE,
        "The councils were meeting; she'd been told the ferries weren't running.",
        "Tarnbury's harbour masters argued, cited and quoted the oldest rules, didn't they?",
    ]
    assert [_columns(d) for d in fast.pipe(texts)] == [_columns(d) for d in stock.pipe(texts)]


def test_patterns_of_several_words_apply_as_spacys_matcher_applies_them() -> None:
    # Invented: the ruler's few patterns of two words ("gonna", "let's", "there is")
    # and of regular expressions ("ain't", "nothin'", "y'all") are read from word masks.
    stock = nlp.load_pipeline(fast=False)
    fast = nlp.load_pipeline()
    texts = [
        "There is a ferry, and there were two; we're gonna sail, the skipper said.",
        "Let's go, y'all, c'mon: it ain't far, and there's nothin' to fear, said Olek Varga.",
        "You gotta admit there are gulls.",
        "There",
    ]
    table = fast.get_pipe("attribute_ruler")
    assert table.sequences and not len(table.matcher)
    fast_docs = list(fast.pipe(texts))
    assert [_columns(d) for d in fast_docs] == [_columns(d) for d in stock.pipe(texts)]
    assert {"be", "go", "us", "you", "nothing"} <= {t.lemma_ for d in fast_docs for t in d}


def test_worker_processes_parse_as_one_process_does() -> None:
    texts = [f"Councillor Edda Brun said {i} ferries would run on Friday." for i in range(50)]
    texts += [ARTICLE] * 2
    alone = [_columns(d) for d in parse_for_claims(texts, processes=1)]
    assert [_columns(d) for d in parse_for_claims(texts, processes=2)] == alone

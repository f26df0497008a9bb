from corroborate.corroboration.quotes import (
    compare_quotes,
    quotations_in,
    quote_words,
    same_remark,
    word_diff,
)
from corroborate.records import Span


def test_contractions_and_marks_are_punctuation_only() -> None:
    base = "We will not reopen the bridge until the water falls, and that could take days."
    assert compare_quotes(base, base) == "identical"
    assert compare_quotes(base, base.replace("will not", "won't")) == "punctuation"
    assert compare_quotes(base, base.replace(",", "") + "”") == "punctuation"


def test_a_run_of_the_words_is_truncated_and_other_words_are_changes() -> None:
    base = "We will not reopen the bridge until the water falls, and that could take days."
    assert compare_quotes(base, "We will not reopen the bridge") == "truncated"
    assert compare_quotes("We will not reopen the bridge", base) == "truncated"
    changed = base.replace("bridge", "road").replace("days", "weeks")
    assert compare_quotes(base, changed) == "words_changed"


def test_word_diff_shows_what_changed() -> None:
    ops = word_diff("the water could take days to fall", "the water could take weeks to fall")
    assert {"op": "replace", "base": "days", "other": "weeks"} in ops
    assert "".join(op["op"][0] for op in ops) == "ere"


def test_quote_words_spell_out_contractions() -> None:
    assert quote_words("We won't, they can't; it's late") == [
        "we", "will", "not", "they", "can", "not", "it", "is", "late",
    ]  # fmt: skip


def test_quoted_passages_inside_a_paraphrase_are_trimmed_of_marks() -> None:
    text = "The warden said the town was “ready for the worst,” and added: “Boats ready.”"
    whole = Span("a1", 0, len(text))
    found = quotations_in("c1", text, [whole])
    assert [q.text for q in found] == ["ready for the worst"]  # "Boats ready" is too short
    assert text[found[0].start : found[0].end] == "ready for the worst"


def test_only_the_quoted_words_inside_the_claims_pieces_count() -> None:
    text = "“The river will crest tonight,” Lind said. “Stay away from the banks.”"
    first = Span("a1", 1, 29)
    assert [q.text for q in quotations_in("c1", text, [first])] == ["The river will crest tonight"]
    assert quotations_in("c1", text, [Span("a1", 31, 40)]) == []  # "Lind said" is not quoted


def test_one_remark_reworded_is_still_one_remark() -> None:
    said = "We are seeing evidence that there are troops on the border"
    assert same_remark(said, "There is evidence that there are troops at the border") >= 0.5
    assert same_remark(said, "We have never seen the river this high in March") < 0.5
    assert same_remark("", said) == 0.0

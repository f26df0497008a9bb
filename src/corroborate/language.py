"""Language identification with py3langid (its model ships inside the package)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["detect_language"]

# Below this many letters langid guesses; better to say nothing.
MIN_LETTERS = 20
# py3langid's normalised probability; 0.5 keeps clear calls and drops mixed or numeric text.
MIN_PROBABILITY = 0.5
# The opening of an article tells its language: langid is reliable from a few hundred
# characters, and its cost grows with the sample (at 2,000 it took a sixth of the time of HTML ingest).
SAMPLE_CHARS = 400


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(Path(MODEL_DIR) / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when it cannot be told."""
    sample = text[:SAMPLE_CHARS]
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= MIN_PROBABILITY else None

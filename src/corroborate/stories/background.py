"""How common each term is in English at large, from the ``wordfreq`` word lists.

Document frequencies from the store alone mislead on small inputs: with three
articles of one event, every word they share looks worthless (it is in "every"
document). Treating the background as a prior of :data:`BACKGROUND_ARTICLES` pseudo-
articles keeps "troops" and "Zelenskyy" telling, and "said" not, from the first
article on; as the store grows its own counts take over.
"""

from __future__ import annotations

import math
from functools import cache

from corroborate.stories.features import NAME, NUMBER, STEM_LETTERS, WORD, YEAR

__all__ = ["BACKGROUND_ARTICLES", "background_share", "english_frequency"]

# Weight of the prior, in articles: about a day of a newsroom's feeds.
BACKGROUND_ARTICLES = 100
# Word frequencies are per running word; an article has about this many words, so a
# word of frequency f appears in a share 1 - exp(-f * ARTICLE_WORDS) of articles.
ARTICLE_WORDS = 500
# A word too rare for the list (a new name) still gets a small share, as if seen once
# in a hundred million words.
UNLISTED_FREQUENCY = 1e-8
# Numbers and years have no useful word frequency: one number is in about one article
# in a hundred, a year mentioned in one in twenty.
NUMBER_SHARE = 0.01
YEAR_SHARE = 0.05


def background_share(term: str) -> float:
    """The share of ordinary news articles expected to hold ``term``."""
    kind, value = term[:2], term[2:]
    if kind == NUMBER:
        return NUMBER_SHARE
    if kind == YEAR:
        return YEAR_SHARE
    if kind == WORD:
        frequency = _stem_frequencies().get(value, UNLISTED_FREQUENCY)
    elif kind == NAME:
        # A name is as rare as its rarest word: "Lloyd Austin" is rarer than "Austin".
        table = _word_frequencies()
        frequency = min(table.get(word, UNLISTED_FREQUENCY) for word in value.split())
    else:
        frequency = UNLISTED_FREQUENCY
    return 1.0 - math.exp(-frequency * ARTICLE_WORDS)


def english_frequency(word: str) -> float:
    """How often ``word`` (lower case) occurs in English text (wordfreq), 0 if unlisted."""
    return _word_frequencies().get(word, 0.0)


@cache
def _word_frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # loaded on first use: 0.1 s, 60 MB

    return dict(get_frequency_dict("en", wordlist="large"))


@cache
def _stem_frequencies() -> dict[str, float]:
    """Frequency of each word stem (see features.STEM_LETTERS): its words' sum."""
    stems: dict[str, float] = {}
    for word, frequency in _word_frequencies().items():
        stem = word[:STEM_LETTERS]
        stems[stem] = stems.get(stem, 0.0) + frequency
    return stems

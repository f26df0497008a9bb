"""The city as a body of one article: "the city said", "a city spokeswoman"."""

from __future__ import annotations

from corroborate.claims.entities import ArticleEntities
from corroborate.claims.nlp import parse

from .test_entities import _at

TEXT = """\
Smoke drifted over the city for most of Friday. Families on about 80 streets near \
Harlow Quay were told to leave, the city said. A city spokeswoman said buses were \
running. The town hall stayed open.
"""

QUIET = "Smoke drifted over the city on Friday. A city official said the roads were open."


def _who(text: str, phrase: str, n: int = 1) -> str | None:
    found = ArticleEntities.build(parse(text), "a").resolve(*_at(text, phrase, n))
    return None if found is None else found.name


def test_the_city_that_speaks_is_a_body_and_its_spokeswoman_speaks_for_it() -> None:
    assert _who(TEXT, "the city", 2) == "city"
    assert _who(TEXT, "A city spokeswoman") == "city"
    assert _who(TEXT, "the city") is None  # a place smoke drifts over


def test_a_city_official_speaks_for_no_city_the_article_has_not_made_a_body() -> None:
    assert _who(QUIET, "A city official") is None
    assert _who(QUIET, "the city") is None

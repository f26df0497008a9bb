"""Bodies of one article a source may stand for: "the city said", "a city spokeswoman",
"A workers' union says" in a lede that names the union after it."""

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


ASKING = """\
Smoke drifted over the town on Friday. The town asked people living near the quay to \
keep their windows shut. The town urged drivers to avoid the ring road.
"""


def test_a_city_that_asks_or_urges_speaks_as_a_body() -> None:
    assert _who(ASKING, "The town") == "town"
    assert _who(ASKING, "The town", 2) == "town"
    assert _who(ASKING, "the town") is None  # a place smoke drifts over


LEDE = """\
A transport union says crane operators at the Brask Freight terminal in Olvik were \
told to skip safety checks. Mira Dahl of the Vestmark Transport Workers' Union told reporters \
the checks had been cut in March.

Brask Freight said the checks were done. A transport union said a strike was possible.
"""

NAMED_FIRST = """\
Mira Dahl of the Vestmark Transport Workers' Union said the checks had been cut in March. \
A transport union said on Friday that a strike was possible.
"""


def test_an_indefinite_body_in_a_lede_is_the_one_the_article_names_after_it() -> None:
    assert _who(LEDE, "A transport union") == "Vestmark Transport Workers' Union"
    # Once the union is named, an indefinite one is another union.
    assert _who(LEDE, "A transport union", 2) is None
    assert _who(NAMED_FIRST, "A transport union") is None

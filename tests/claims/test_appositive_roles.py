"""A role stated in an apposition, before or after the name, gives the person the role
and the body it is at: "A spokeswoman for Tarnby Harbour Board, Mira Kovac, said".
Invented sentences."""

from __future__ import annotations

import pytest

from corroborate.claims.entities import ArticleEntities
from corroborate.claims.nlp import parse


def _roles(text: str, name: str) -> tuple[str, tuple[str, ...]]:
    found = ArticleEntities.build(parse(text), "x")
    entity = next(e for e in found.entities if e.name == name)
    return entity.kind, entity.roles


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # The role before the name, its body after a preposition: the parse hangs the
        # name on the body, not on the role.
        (
            "A spokeswoman for Tarnby Harbour Board, Mira Kovac, said the quay was shut.",
            "Mira Kovac",
            "Spokeswoman, Tarnby Harbour Board",
        ),
        (
            "A manager at Ostlund Logistics, Anna Berger, said the lorries had been turned back.",
            "Anna Berger",
            "Manager, Ostlund Logistics",
        ),
        (
            "The head of the Pellmoor Water Company, Ada Lindqvist, said supplies were safe.",
            "Ada Lindqvist",
            "Head, Pellmoor Water Company",
        ),
        # After the name, with a body whose name ends in a possessive.
        (
            "Tomas Brandt, a representative of the Pellmoor Dockers’ Union, said the strike "
            "would go on.",
            "Tomas Brandt",
            "Representative, Pellmoor Dockers’ Union",
        ),
        (
            "Tomas Brandt, a representative of the Pellmoor Dockers' Union, said the strike "
            "would go on.",
            "Tomas Brandt",
            "Representative, Pellmoor Dockers' Union",
        ),
        # "its": the body the pronoun stands for; a participle may modify the role.
        (
            "Ostlund Logistics has said it broke no rule, and its managing director, Anna "
            "Berger, said on Friday that the firm would cooperate.",
            "Anna Berger",
            "Managing director, Ostlund Logistics",
        ),
    ],
)
def test_an_appositive_role_names_the_person_and_the_body(text: str, name: str, role: str) -> None:
    assert _roles(text, name) == ("person", (role,))


def test_a_role_before_a_name_is_who_speaks() -> None:
    text = "A spokeswoman for Tarnby Harbour Board, Mira Kovac, said the quay was shut."
    found = ArticleEntities.build(parse(text), "x")
    speaker = found.resolve(0, text.index(" said"))
    assert speaker is not None and speaker.name == "Mira Kovac"

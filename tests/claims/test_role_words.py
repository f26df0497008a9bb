"""A role word before a name that the title lists do not hold ("harbourmaster Alma Toft"):
a role, not part of the name, when the story prints it lower-case."""

from __future__ import annotations

from corroborate.claims.extract import extract_claims
from corroborate.records import Article, PubDate
from corroborate.text import content_hash

# Fiction written for these tests: a lock closure in an invented port town.


def _speakers(text: str) -> list[tuple[str | None, tuple[str, ...]]]:
    article = Article(id=content_hash(text), text=text, published=PubDate(2031, 5, 14))
    found = extract_claims(article)
    out = []
    for claim in found.claims:
        if claim.kind == "outlet":
            continue
        entity = found.entity(claim.speaker_id)
        out.append((entity.name, entity.roles) if entity else (None, ()))
    return out


def test_a_lower_case_role_the_tagger_reads_as_a_verb_is_kept_as_the_role() -> None:
    text = "harbourmaster Alma Toft said the north pier at Vessby would stay shut until June."
    assert _speakers(text) == [("Alma Toft", ("harbourmaster",))]


def test_a_capitalised_role_the_story_prints_lower_case_is_no_part_of_the_name() -> None:
    """ "Harbourmaster Alma Toft" and "the harbourmaster": one person, Alma Toft, whose
    role is harbourmaster; the role noun is matched to her."""
    text = (
        "Harbourmaster Alma Toft said the north pier at Vessby would stay shut until June. "
        "The harbourmaster added that the ferry would use the south quay."
    )
    assert _speakers(text) == [("Alma Toft", ("Harbourmaster",))] * 2


def test_a_first_name_that_is_also_a_common_word_stays_in_the_name() -> None:
    """ "a mark was left" says nothing of "Mark Anthony Vell": only a definite noun
    ("the harbourmaster") names a role again."""
    text = (
        "Mark Anthony Vell said the north pier at Vessby would stay shut until June. "
        "A mark was left on the quay wall where the ferry struck it."
    )
    assert _speakers(text)[0][0] == "Mark Anthony Vell"

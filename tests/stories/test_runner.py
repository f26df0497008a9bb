"""The story stage over a store: placing, persisting, resuming, and the bundled corpora."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from corroborate import RawDocument, Settings, Store, StoreError, ingest_sources, make_article
from corroborate.pipeline import analyse
from corroborate.records import Article, PubDate
from corroborate.settings import StorySettings
from corroborate.stories.runner import publication_order, update_stories

from .fictional import news


def members(store: Store) -> set[frozenset[str]]:
    return {frozenset(story.article_ids) for story in store.stories()}


def test_an_empty_store_has_no_stories(store: Store) -> None:
    update = update_stories(store)
    assert (update.placed, update.stories, update.merged) == (0, 0, 0)
    assert store.stories() == []
    assert store.story_states()[0] == []
    assert store.term_frequencies() == ({}, 0)


def test_every_article_is_placed_and_saved(
    store: Store, bridge_collapse: list[Article], football_transfer: list[Article]
) -> None:
    store.add_articles(football_transfer + bridge_collapse)
    update = update_stories(store)
    assert (update.placed, update.stories, update.merged) == (6, 2, 0)
    assert members(store) == {
        frozenset(a.id for a in bridge_collapse),
        frozenset(a.id for a in football_transfer),
    }
    states = {state.id: state for state in store.story_states()[0]}
    assert set(states) == {bridge_collapse[0].id, football_transfer[0].id}
    assert states[bridge_collapse[0].id].members == [a.id for a in bridge_collapse]
    counts, counted = store.term_frequencies()
    assert counted == 6
    assert counts["n:kasimir velde"] == 3 and counts["n:penhallow"] == 2


def test_stories_are_described_newest_first(
    store: Store, bridge_collapse: list[Article], football_transfer: list[Article]
) -> None:
    # The transfer runs to 6 March like the bridge; a third, older story ends on the 2nd.
    old = news("Ostley ferry fares rise", "Ostley ferry fares rise by a tenth.", 2, "Ambry Echo")
    undated = news(None, "Gullhaven lighthouse repainted in red and white.", None, "Coastline")
    store.add_articles([undated, old, *bridge_collapse, *football_transfer])
    update_stories(store)
    stories = store.stories()
    assert [s.id for s in stories] == [
        football_transfer[0].id,  # created after the bridge story, same last day
        bridge_collapse[0].id,
        old.id,
        undated.id,  # no date: last
    ]
    bridge = stories[1]
    assert bridge.outlets == ("Ambry Echo", "Valmoria Daily", "Keldmoor Courier")
    assert bridge.first_published == PubDate(2031, 3, 4, source="articles")
    assert bridge.last_published == PubDate(2031, 3, 6, source="articles")
    assert bridge.title in {a.title for a in bridge_collapse}
    assert "Orla Penhallow" in bridge.key_entities
    # A part of a name already chosen is not chosen again.
    assert "Penhallow" not in bridge.key_entities
    for story in stories:
        assert story.title and story.outlets
    # An undated article without a title is named by its first sentence.
    assert stories[3].title == "Gullhaven lighthouse repainted in red and white."
    assert stories[3].first_published is None and stories[3].last_published is None
    assert "Kasimir Velde" in stories[0].key_entities


def test_a_second_run_places_only_new_articles(
    store: Store, bridge_collapse: list[Article], football_transfer: list[Article]
) -> None:
    store.add_articles(bridge_collapse[:2] + football_transfer[:2])
    first = update_stories(store)
    assert (first.placed, first.stories) == (4, 2)
    ids = {s.id for s in store.stories()}
    before = store.term_frequencies()

    again = update_stories(store)
    assert (again.placed, again.stories, again.merged) == (0, 2, 0)
    assert store.term_frequencies() == before

    store.add_articles([football_transfer[2], bridge_collapse[2]])
    second = update_stories(store)
    assert (second.placed, second.stories, second.merged) == (2, 2, 0)
    assert {s.id for s in store.stories()} == ids
    assert members(store) == {
        frozenset(a.id for a in bridge_collapse),
        frozenset(a.id for a in football_transfer),
    }
    assert store.term_frequencies()[1] == 6


def test_runs_in_steps_give_what_one_run_gives(
    bridge_collapse: list[Article], football_transfer: list[Article]
) -> None:
    articles = [a for pair in zip(bridge_collapse, football_transfer, strict=True) for a in pair]
    with Store(memory=True) as once, Store(memory=True) as stepwise:
        once.add_articles(articles)
        update_stories(once)
        for article in articles:
            stepwise.add_article(article)
            update_stories(stepwise)
        assert members(once) == members(stepwise)
        assert [s.id for s in once.stories()] == [s.id for s in stepwise.stories()]


def test_stories_survive_reopening_the_store(
    tmp_path: Path, bridge_collapse: list[Article], football_transfer: list[Article]
) -> None:
    path = tmp_path / "news.db"
    with Store(path) as store:
        store.add_articles(bridge_collapse + football_transfer[:2])
        update_stories(store)
        saved = store.stories()
    with Store(path) as store:
        assert store.stories() == saved
        store.add_article(football_transfer[2])
        assert update_stories(store).placed == 1
        transfer = next(s for s in store.stories() if s.id == football_transfer[0].id)
        assert transfer.article_ids == tuple(a.id for a in football_transfer)


# Three reports: a bridge closure, a bus diversion it causes (a different report, cosine
# 0.12 to the first), and one covering both, which joins the first and merges the second.
CLOSURE = news(
    "Keldmoor bridge closed after cracks found",
    "Engineers closed the Weir Lane bridge in Keldmoor after inspector Orla Penhallow "
    "found deep cracks in its central pier.\n"
    "Penhallow said the span would stay shut until divers had examined the foundations.",
    4,
    "Ambry Echo",
)
DIVERSION = news(
    "Keldmoor buses diverted through Ostley",
    "Bus operator Greyline moved its Keldmoor routes through Ostley on Wednesday, adding "
    "twenty minutes to journeys into the market square.\n"
    "Greyline manager Idris Calloway said drivers would follow the diversion until further "
    "notice.",
    4,
    "Keldmoor Courier",
)
BOTH = news(
    "Weir Lane bridge closure sends Greyline buses through Ostley",
    "The closure of the Weir Lane bridge in Keldmoor, where inspector Orla Penhallow found "
    "cracks in the central pier, has sent Greyline buses through Ostley.\n"
    "Idris Calloway of Greyline said the diversion adds twenty minutes while the bridge "
    "stays shut.",
    5,
    "Valmoria Daily",
)


def test_a_merged_story_keeps_the_older_id(store: Store) -> None:
    store.add_articles([CLOSURE, DIVERSION, BOTH])
    update = update_stories(store)
    assert (update.placed, update.stories, update.merged) == (3, 1, 1)
    (story,) = store.stories()
    assert story.id == CLOSURE.id
    assert story.article_ids == (CLOSURE.id, DIVERSION.id, BOTH.id)
    assert [state.id for state in store.story_states()[0]] == [CLOSURE.id]


def test_a_story_saved_earlier_can_be_merged(store: Store) -> None:
    # The merged-away story's rows move to the kept story before it is deleted (the
    # store's foreign keys are on).
    store.add_articles([CLOSURE, DIVERSION])
    assert update_stories(store).stories == 2
    store.add_article(BOTH)
    update = update_stories(store)
    assert (update.placed, update.stories, update.merged) == (1, 1, 1)
    (story,) = store.stories()
    assert story.id == CLOSURE.id
    assert set(story.article_ids) == {CLOSURE.id, DIVERSION.id, BOTH.id}


def test_an_article_without_words_is_placed(store: Store) -> None:
    numbers = news(None, "12 - 40 - 7", 4, "Scoreboard")
    marks = news("...", "... !!! ---", None, "Blank")
    store.add_articles([numbers, marks])
    update = update_stories(store)
    assert (update.placed, update.stories) == (2, 2)
    titles = {s.id: s.title for s in store.stories()}
    assert titles[numbers.id] == "12 - 40 - 7"
    assert titles[marks.id] == ""  # nothing to name it by, and nothing crashes


def test_publication_order_puts_dated_first_then_ingest_order() -> None:
    late, early, undated_a, undated_b, same_day = (
        news(None, "late", 9, "X"),
        news(None, "early", 2, "X"),
        news(None, "undated a", None, "X"),
        news(None, "undated b", None, "X"),
        news(None, "same day as late", 9, "X"),
    )
    partial = Article(id="p", text="partial", published=PubDate(None, 3, 1))
    given = [undated_a, late, partial, early, undated_b, same_day]
    order = publication_order(given)
    assert order == [early, late, same_day, undated_a, partial, undated_b]


def test_a_near_copy_joins_its_source_even_when_weighed_apart(store: Store) -> None:
    # A wire story and a trimmed copy: the reuse stage links them; with a threshold
    # only identical texts reach, only that link puts them together.
    wire = make_article(
        RawDocument(
            "Divers searching the River Ambry at Keldmoor found the second van from the "
            "collapsed Saltmarsh Road bridge on Thursday, its cab empty.\n"
            "Inspector Orla Penhallow said the recovery would let engineers reach the pier.\n"
            "Ferries are carrying commuters across the river until a temporary crossing opens.",
            source="wire.txt",
            title="Second van recovered from the Ambry",
            outlet="Meridian Wire",
            published=PubDate(2031, 3, 7),
        )
    )
    copy = make_article(
        RawDocument(
            "Divers searching the River Ambry at Keldmoor found the second van from the "
            "collapsed Saltmarsh Road bridge on Thursday, its cab empty.\n"
            "Inspector Orla Penhallow said the recovery would let engineers reach the pier.",
            source="copy.txt",
            title="Van found in river",
            outlet="Ambry Echo",
            published=PubDate(2031, 3, 7),
        )
    )
    store.add_articles([wire, copy])
    settings = Settings().replace("stories", join_threshold=1.0)
    analysis = analyse(store, settings)
    assert analysis.reuse.links == 1
    assert members(store) == {frozenset({wire.id, copy.id})}


def test_the_example_corpus_gives_the_gold_stories(store: Store, examples_dir: Path) -> None:
    result = ingest_sources([str(examples_dir)], store)
    assert result.ok, result.errors
    analysis = analyse(store)
    assert analysis.stories.placed == result.articles
    gold = json.loads((examples_dir / "gold.json").read_text(encoding="utf-8"))
    locator = {a.id: Path(a.source).relative_to(examples_dir).as_posix() for a in store.articles()}
    found = {frozenset(locator[i] for i in story.article_ids) for story in store.stories()}
    assert found == {frozenset(story["articles"]) for story in gold["stories"].values()}
    for story in store.stories():
        assert story.title and story.key_entities and len(story.outlets) >= 5


def test_the_seeds_are_one_story(store: Store, seeds_dir: Path) -> None:
    result = ingest_sources([str(seeds_dir)], store)
    assert result.ok and result.articles == 3
    analyse(store)
    (story,) = store.stories()
    assert len(story.article_ids) == 3
    assert story.title


def test_story_settings_are_used(
    store: Store, bridge_collapse: list[Article], football_transfer: list[Article]
) -> None:
    store.add_articles(bridge_collapse + football_transfer)
    # A threshold no similarity reaches keeps every article apart.
    update = update_stories(store, StorySettings(join_threshold=1.5))
    assert update.stories == 6


def test_the_steps_a_run_is_cut_into_do_not_change_the_stories(
    bridge_collapse: list[Article], football_transfer: list[Article]
) -> None:
    found = []
    for step in (1, 2, 100):
        with Store(memory=True) as store:
            store.add_articles(bridge_collapse + football_transfer)
            update_stories(store, step=step)
            found.append([(s.id, s.article_ids, s.title) for s in store.stories()])
            counts, counted = store.term_frequencies()
            found.append([(counted, sorted(counts.items()))])
    assert found[0] == found[2] == found[4]
    assert found[1] == found[3] == found[5]


def test_a_run_that_would_overwrite_another_runs_placements_is_refused(
    tmp_path: Path, bridge_collapse: list[Article], football_transfer: list[Article]
) -> None:
    path = tmp_path / "news.db"
    with Store(path) as first, Store(path) as second:
        first.add_articles(bridge_collapse)
        update_stories(first)
        states, _, counted = first.story_states()
        # Meanwhile another run places more articles ...
        second.add_articles(football_transfer)
        update_stories(second)
        # ... so saving what was computed from the older state is refused, unwritten.
        before = second.stories()
        with pytest.raises(StoreError, match="another run placed articles"):
            first.save_stories(states, [], {}, {}, placed_before=counted, version="test")
        assert second.stories() == before


def test_a_story_row_with_no_articles_is_ignored(
    tmp_path: Path, bridge_collapse: list[Article], football_transfer: list[Article]
) -> None:
    path = tmp_path / "news.db"
    with Store(path) as store:
        store.add_articles(bridge_collapse)
        update_stories(store)
    with sqlite3.connect(path) as db:  # a store edited by hand
        db.execute(
            "INSERT INTO stories VALUES ('empty', 99, 'Nothing', '[]', NULL, NULL, '{}', '{}')"
        )
    with Store(path) as store:
        store.add_articles(football_transfer)
        update_stories(store)
        assert all(story.article_ids for story in store.stories())
        assert "empty" not in {story.id for story in store.stories()}


def test_stories_made_with_other_settings_are_made_again(
    store: Store, bridge_collapse: list[Article], football_transfer: list[Article]
) -> None:
    store.add_articles(bridge_collapse + football_transfer)
    update_stories(store)
    assert len(store.stories()) == 2
    # A threshold no two articles reach: every article is its own story, none kept.
    again = update_stories(store, StorySettings(join_threshold=1.0))
    assert again.placed == 6
    assert len(store.stories()) == 6
    assert store.term_frequencies()[1] == 6


def test_analyse_reports_progress_per_stage(
    store: Store, bridge_collapse: list[Article], football_transfer: list[Article]
) -> None:
    store.add_articles(bridge_collapse + football_transfer)
    seen: list[tuple[str, int, int]] = []
    analyse(store, progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert seen == [
        ("reuse", 0, 6), ("reuse", 6, 6), ("stories", 0, 6), ("stories", 6, 6),
        ("claims", 0, 6), ("claims", 6, 6),
    ]  # fmt: skip
    # Nothing new: nothing to report.
    seen.clear()
    analyse(store, progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert seen == []


def test_a_report_months_later_naming_the_events_date_joins_its_story(
    store: Store, bridge_collapse: list[Article]
) -> None:
    # The inquiry's report, published in October, on the collapse "of March 4": the
    # date in its text puts it in the story's time; without it, it stands alone.
    def inquiry(when: str) -> Article:
        text = (
            f"The inquiry into the collapse of the Saltmarsh Road bridge in Keldmoor {when} "
            "found that floodwater had undermined the central pier.\n\n"
            "Orla Penhallow, who inspected the wreck, gave evidence; Mayor Henrike Dawl "
            "accepted every finding."
        )
        return Article(
            id=f"inquiry {when}",
            text=text,
            title="Keldmoor bridge inquiry blames floodwater",
            published=PubDate(2031, 10, 14, source="field"),
        )

    def joins(report: Article, into: Store) -> bool:
        into.add_articles([*bridge_collapse, report])
        update_stories(into)
        story_of = {aid: story.id for story in into.stories() for aid in story.article_ids}
        return story_of[report.id] == story_of[bridge_collapse[0].id]

    assert joins(inquiry("on March 4"), store)
    with Store(memory=True) as other:
        assert not joins(inquiry("that spring"), other)

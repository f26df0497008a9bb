"""Online story clustering: joining, starting, time decay, copies, merges, the index."""

from __future__ import annotations

import math
import random
from datetime import date

from corroborate.records import Article
from corroborate.settings import StorySettings
from corroborate.stories.cluster import (
    CENTROID_TERMS,
    FIGURE_CONFLICT,
    MAX_CANDIDATES,
    SECOND_LOOK_FLOOR,
    UNDATED_DISCOUNT,
    StoryClusterer,
)
from corroborate.stories.features import article_features
from corroborate.stories.state import StoryState
from corroborate.stories.vectors import DocumentFrequencies, Vector, vectorise

from .fictional import news

DAY = date(2031, 3, 4).toordinal()  # the fixtures' first day


def unit(weights: dict[str, float]) -> Vector:
    total = math.sqrt(sum(w * w for w in weights.values()))
    return {term: weight / total for term, weight in weights.items()}


def place(
    articles: list[Article],
    days: list[int | None] | None = None,
    settings: StorySettings | None = None,
) -> StoryClusterer:
    """Cluster ``articles`` in the order given, with their own days or ``days``."""
    found = [article_features(a) for a in articles]
    frequencies = DocumentFrequencies()
    frequencies.add(found)
    clusterer = StoryClusterer(settings or StorySettings())
    for position, item in enumerate(found):
        day = item.day if days is None else days[position]
        clusterer.add(item.article_id, vectorise(item, frequencies), day, item.names)
    return clusterer


def groups(clusterer: StoryClusterer) -> set[frozenset[str]]:
    return {frozenset(story.members) for story in clusterer.stories.values()}


def test_two_events_make_two_stories(
    bridge_collapse: list[Article], football_transfer: list[Article]
) -> None:
    interleaved = [a for pair in zip(bridge_collapse, football_transfer, strict=True) for a in pair]
    clusterer = place(interleaved)
    assert groups(clusterer) == {
        frozenset(a.id for a in bridge_collapse),
        frozenset(a.id for a in football_transfer),
    }
    # A story's id is its first article's; every article knows its story.
    assert set(clusterer.stories) == {bridge_collapse[0].id, football_transfer[0].id}
    assert all(clusterer.story_of[a.id] == bridge_collapse[0].id for a in bridge_collapse)
    bridge = clusterer.stories[bridge_collapse[0].id]
    assert (bridge.first_day, bridge.last_day) == (DAY, DAY + 2)
    assert bridge.names["n:orla penhallow"] == "Orla Penhallow"


def test_same_input_gives_the_same_stories(
    bridge_collapse: list[Article], football_transfer: list[Article]
) -> None:
    articles = bridge_collapse + football_transfer
    one, two = place(articles), place(articles)
    assert one.story_of == two.story_of
    assert {sid: s.members for sid, s in one.stories.items()} == {
        sid: s.members for sid, s in two.stories.items()
    }
    assert {sid: s.centroid for sid, s in one.stories.items()} == {
        sid: s.centroid for sid, s in two.stories.items()
    }


def test_placing_an_article_twice_keeps_its_story(bridge_collapse: list[Article]) -> None:
    clusterer = place(bridge_collapse)
    again = clusterer.add(bridge_collapse[1].id, {"w:other": 1.0}, None, {})
    assert again == bridge_collapse[0].id
    assert clusterer.stories[again].size == 3


def test_one_event_200_days_apart_makes_two_stories(bridge_collapse: list[Article]) -> None:
    first, second = bridge_collapse[:2]
    apart = place([first, second], days=[DAY, DAY + 200])
    assert groups(apart) == {frozenset({first.id}), frozenset({second.id})}
    # With a floor on the decay, a gap only raises the bar: articles this alike join.
    floored = place(
        [first, second], days=[DAY, DAY + 200], settings=StorySettings(min_time_factor=0.7)
    )
    assert groups(floored) == {frozenset({first.id, second.id})}
    # Within the window they join, and undated articles carry no time evidence.
    near = place([first, second], days=[DAY, DAY + 5])
    undated = place([first, second], days=[None, None])
    one_dated = place([first, second], days=[DAY, None])
    for clusterer in (near, undated, one_dated):
        assert groups(clusterer) == {frozenset({first.id, second.id})}


def test_similarity_decays_beyond_the_window() -> None:
    settings = StorySettings(
        join_threshold=0.5, window_days=10, decay_days=30.0, min_time_factor=0.0
    )
    clusterer = StoryClusterer(settings)
    vector = {"n:keldmoor": 1.0}
    story_id = clusterer.add("a1", vector, DAY, {})
    story = clusterer.stories[story_id]
    assert clusterer.similarity(vector, DAY + 10, story) == 1.0
    assert clusterer.similarity(vector, DAY - 10, story) == 1.0
    assert math.isclose(clusterer.similarity(vector, DAY + 40, story), math.exp(-1.0))
    assert math.isclose(clusterer.similarity(vector, DAY - 40, story), math.exp(-1.0))
    assert clusterer.similarity(vector, None, story) == 1.0


def test_follow_puts_a_copy_in_its_partners_story(
    bridge_collapse: list[Article], football_transfer: list[Article]
) -> None:
    clusterer = place(bridge_collapse + football_transfer)
    bridge_story = clusterer.story_of[bridge_collapse[1].id]
    # A copy sharing no term with the story, and far away in time, still follows.
    placed = clusterer.add(
        "copy", {"w:unrelated": 1.0}, DAY + 900, {}, follow=["never-seen", bridge_collapse[1].id]
    )
    assert placed == bridge_story
    assert "copy" in clusterer.stories[bridge_story].members
    # A partner not placed yet is no partner: the article is weighed as usual.
    alone = clusterer.add("lone", {"w:elsewhere": 1.0}, None, {}, follow=["never-seen"])
    assert clusterer.stories[alone].members == ["lone"]


def test_an_article_bridging_two_stories_merges_them() -> None:
    clusterer = StoryClusterer(StorySettings(join_threshold=0.22))
    one = clusterer.add("a1", {"n:keldmoor": 1.0}, DAY, {"n:keldmoor": "Keldmoor"})
    two = clusterer.add("a2", {"n:ostley": 1.0}, DAY + 1, {"n:ostley": "Ostley"})
    assert one != two
    clusterer.changed.clear()
    # Cosine 0.71 to each story; joined to the first, it makes the stories' mean
    # cosine 0.35, above the threshold: the two become one, under the older id.
    merged = clusterer.add("a3", unit({"n:keldmoor": 1.0, "n:ostley": 1.0}), DAY + 2, {})
    assert merged == one == "a1"
    assert list(clusterer.stories) == ["a1"]
    story = clusterer.stories["a1"]
    assert sorted(story.members) == ["a1", "a2", "a3"]
    assert {clusterer.story_of[m] for m in story.members} == {"a1"}
    assert (story.first_day, story.last_day) == (DAY, DAY + 2)
    assert story.names == {"n:keldmoor": "Keldmoor", "n:ostley": "Ostley"}
    assert clusterer.removed == {"a2"}
    assert clusterer.changed == {"a1"}
    # The merged-away story is gone from the index too: a later look-up finds only "a1".
    assert clusterer.add("a4", {"n:ostley": 1.0}, DAY + 2, {}) == "a1"


def test_an_article_close_to_two_unrelated_stories_merges_nothing() -> None:
    clusterer = StoryClusterer(StorySettings(join_threshold=0.22))
    clusterer.add("a1", {"n:keldmoor": 1.0}, DAY, {})
    clusterer.add("a2", {"n:ostley": 1.0}, DAY, {})
    # Cosine 0.3 to the second story: enough to be a candidate, but joined to the first
    # the stories' mean cosine is 0.15, below the threshold.
    placed = clusterer.add("a3", unit({"n:keldmoor": 0.95, "n:ostley": 0.3}), DAY, {})
    assert placed == "a1"
    assert set(clusterer.stories) == {"a1", "a2"}
    assert clusterer.removed == set()


def test_ties_go_to_the_older_story() -> None:
    clusterer = StoryClusterer(StorySettings(join_threshold=0.6))
    clusterer.add("a1", {"n:keldmoor": 1.0}, None, {})
    clusterer.add("a2", {"n:ostley": 1.0}, None, {})
    assert clusterer.add("a3", unit({"n:keldmoor": 1.0, "n:ostley": 1.0}), None, {}) == "a1"


def test_a_clusterer_resumes_from_saved_states() -> None:
    saved = [
        StoryState("s2", 1, ["b1"], {"n:ostley": 1.0}),
        StoryState("s1", 0, ["a1", "a2"], {"n:keldmoor": 2.0}),
    ]
    clusterer = StoryClusterer(StorySettings(), saved)
    assert clusterer.story_of == {"a1": "s1", "a2": "s1", "b1": "s2"}
    assert clusterer.add("a3", {"n:keldmoor": 1.0}, None, {}) == "s1"
    new = clusterer.add("c1", {"n:gullhaven": 1.0}, None, {})
    assert clusterer.stories[new].seq == 2
    assert clusterer.changed == {"s1", "c1"}


def test_the_index_bounds_the_stories_weighed_per_article() -> None:
    rng = random.Random(7)
    common = [f"w:common{i}" for i in range(20)]
    clusterer = StoryClusterer(StorySettings())
    vectors = []
    weighed = []
    for n in range(2_500):
        # A few words every story uses, lightly, and its own heavy names.
        terms = {term: 0.2 for term in rng.sample(common, 3)}
        terms |= {f"n:story{n}-{k}": 1.0 + rng.random() for k in range(5)}
        vectors.append(unit(terms))
        clusterer.weighed = 0
        clusterer.add(f"a{n}", vectors[-1], None, {})
        weighed.append(clusterer.weighed)
    assert len(clusterer.stories) == 2_500  # unrelated: nothing joined
    # However many stories are held, at most MAX_CANDIDATES are weighed per article.
    assert max(weighed) <= MAX_CANDIDATES
    assert max(weighed[-500:]) <= max(weighed[:1_000])
    # An old story pushed out of the busy postings is still found by its own names.
    assert clusterer.add("again", vectors[0], None, {}) == "a0"


def test_pruning_bounds_a_long_storys_centroid() -> None:
    clusterer = StoryClusterer(StorySettings())
    shared = {f"n:keldmoor{k}": 1.0 for k in range(5)}
    story_id = ""
    for n in range(40):
        # Each report adds 30 words no other report uses.
        own = {f"w:detail{n}-{k}": 0.05 for k in range(30)}
        names = {term: term[2:].title() for term in [*shared, *list(own)[:3]]}
        story_id = clusterer.add(f"a{n}", unit(shared | own), None, names)
        story = clusterer.stories[story_id]
        assert len(story.centroid) <= 2 * CENTROID_TERMS
        assert set(story.names) <= set(story.centroid)
    story = clusterer.stories[story_id]
    assert story.size == 40 and len(clusterer.stories) == 1
    assert set(shared) <= set(story.centroid)  # the heavy terms survive pruning


def test_a_follow_up_naming_the_events_month_meets_its_story(
    bridge_collapse: list[Article],
) -> None:
    first, second = (article_features(a) for a in bridge_collapse[:2])
    frequencies = DocumentFrequencies()
    frequencies.add([first, second])
    march = (date(2031, 3, 1).toordinal(), date(2031, 3, 31).toordinal())
    later = DAY + 200

    def second_story(mentioned: list[tuple[int, int]]) -> bool:
        clusterer = StoryClusterer(StorySettings())
        one = clusterer.add(first.article_id, vectorise(first, frequencies), DAY, first.names)
        two = clusterer.add(
            second.article_id,
            vectorise(second, frequencies),
            later,
            second.names,
            mentioned=mentioned,
        )
        return one != two

    # Published 200 days on, the report is too far from the story in time...
    assert second_story([])
    # ...unless it names a day in the story's time: then it is a follow-up.
    assert not second_story([march])
    # A mention as far from the story as the publication day changes nothing.
    assert second_story([(later - 5, later)])


def test_a_mention_never_moves_an_article_away_from_a_story() -> None:
    clusterer = StoryClusterer(StorySettings())
    vector = {"n:keldmoor": 1.0}
    story = clusterer.stories[clusterer.add("a1", vector, DAY, {})]
    long_ago = (DAY - 3000, DAY - 2990)
    assert clusterer.similarity(vector, DAY + 1, story, [long_ago]) == 1.0
    assert clusterer.similarity(vector, None, story, [long_ago]) == 1.0


def test_cohesion_is_the_mean_cosine_between_a_storys_articles() -> None:
    clusterer = StoryClusterer(StorySettings(join_threshold=0.1))
    vectors = [
        unit({"n:keldmoor": 1.0, "w:bridge": 1.0}),
        unit({"n:keldmoor": 1.0, "w:bridge": 1.0, "w:river": 1.0}),
        unit({"n:keldmoor": 1.0, "w:river": 1.0}),
    ]
    story_id = ""
    for n, vector in enumerate(vectors):
        story_id = clusterer.add(f"a{n}", vector, None, {})
    story = clusterer.stories[story_id]
    assert story.size == 3
    pairs = [(0, 1), (0, 2), (1, 2)]
    expected = sum(
        sum(vectors[i][t] * vectors[j].get(t, 0.0) for t in vectors[i]) for i, j in pairs
    )
    assert math.isclose(clusterer.cohesion(story), expected / 3)
    assert clusterer.cohesion(StoryState("one", 9, ["x"], {"w:x": 1.0})) == 0.0


def test_a_close_knit_story_takes_only_articles_nearly_as_close() -> None:
    # Two reports of one fire, alike (cohesion 1), and a report of another fire that
    # shares the word but not the place: cosine 0.5, above the threshold but well
    # under the story's own closeness, so it starts a story of its own.
    fire = unit({"n:keldmoor": 1.0, "w:fire": 1.0})
    tight = StoryClusterer(StorySettings())
    first = tight.add("a1", fire, DAY, {})
    tight.add("a2", dict(fire), DAY, {})
    other_fire = unit({"n:ostley": 1.0, "w:fire": 1.0})
    assert tight.add("b1", other_fire, DAY, {}) != first
    # A second report of that fire joins it, and the two stories do not merge.
    assert tight.add("b2", dict(other_fire), DAY, {}) == "b1"
    assert tight.consolidate() == 0
    assert groups(tight) == {frozenset({"a1", "a2"}), frozenset({"b1", "b2"})}
    # A story whose reports differ among themselves (cohesion 0.5) takes an article
    # as alike to them as they are to each other (0.41).
    loose = StoryClusterer(StorySettings())
    start = loose.add("c1", unit({"n:keldmoor": 1.0, "w:fire": 1.0}), DAY, {})
    loose.add("c2", unit({"n:keldmoor": 1.0, "w:smoke": 1.0}), DAY, {})
    joining = unit({"w:fire": 1.0, "w:smoke": 1.0, "n:ostley": 1.0})
    assert loose.add("c3", joining, DAY, {}) == start


def test_an_article_whose_figures_conflict_with_a_storys_is_less_similar() -> None:
    # A story of an offer of 160 million; an article of a 200 million offer that shares
    # a quarter of its terms (cosine 0.25, over the threshold 0.22) is damped by
    # FIGURE_CONFLICT under it and starts a story; one without figures, or sharing the
    # story's figure, is not damped.
    story = unit({"w:offer": 1, "n:varnholt": 1, "n:corvane": 1, "q:160000000": 1})
    conflicting = unit({"w:offer": 1, "n:oskeby": 1, "n:brenmark": 1, "q:200000000": 1})
    silent = unit({"w:offer": 1, "n:oskeby": 1, "n:brenmark": 1, "w:signed": 1})
    sharing = unit({"w:offer": 1, "n:oskeby": 1, "n:brenmark": 1, "q:160000000": 1})
    clusterer = StoryClusterer(StorySettings())
    first = clusterer.add("a1", story, None, {})
    held = clusterer.stories[first]
    assert math.isclose(clusterer.similarity(silent, None, held), 0.25)
    assert math.isclose(clusterer.similarity(conflicting, None, held), 0.25 * FIGURE_CONFLICT)
    assert math.isclose(clusterer.similarity(sharing, None, held), 0.5)
    assert clusterer.add("b1", conflicting, None, {}) == "b1"
    without_figures = StoryClusterer(StorySettings())
    assert without_figures.add("a1", story, None, {}) == first
    assert without_figures.add("c1", silent, None, {}) == first
    # Small whole numbers (counts, days, times) and years are no figures: no damping.
    counts = unit({"w:offer": 1, "n:oskeby": 1, "n:brenmark": 1, "q:12": 1, "y:2031": 1})
    assert math.isclose(clusterer.similarity(counts, None, held), 1 / (2 * math.sqrt(5)))


def test_reports_of_two_quakes_differ_by_their_magnitudes() -> None:
    first = news(
        "Quake of magnitude 6.1 shakes Varnholt coast",
        "A magnitude 6.1 earthquake struck off the Varnholt coast on Tuesday, the Brenmark "
        "seismic office said.\nHarbour walls cracked in Oskeby and 340 homes were left without "
        "power, mayor Ilse Corvane said.",
        4,
        "Outlet A",
    )
    other = news(
        "Varnholt coast shaken by magnitude 4.5 quake",
        "A quake of magnitude 4.5 rattled windows along the Varnholt coast, the Brenmark "
        "seismic office said.\nNo damage was reported in Oskeby.",
        None,
        "Outlet C",
    )
    same = news(
        "Varnholt coast shaken by magnitude 6.1 quake",
        "A quake of magnitude 6.1 rattled windows along the Varnholt coast, the Brenmark "
        "seismic office said.\nNo damage was reported in Oskeby.",
        None,
        "Outlet C",
    )
    found = [article_features(a) for a in (first, other, same)]
    frequencies = DocumentFrequencies()
    frequencies.add(found)
    vectors = [vectorise(item, frequencies) for item in found]
    clusterer = StoryClusterer(StorySettings())
    story = clusterer.stories[clusterer.add(first.id, vectors[0], found[0].day, found[0].names)]
    assert clusterer.figures(story) == {"q:6.1", "q:340"}
    for item, vector, factor in (
        (found[1], vectors[1], FIGURE_CONFLICT),
        (found[2], vectors[2], 1),
    ):
        cosine = sum(w * story.centroid.get(t, 0.0) for t, w in vector.items())
        assert math.isclose(clusterer.similarity(vector, item.day, story), cosine * factor)


def test_an_undated_article_needs_more_than_the_threshold_to_join_a_dated_story() -> None:
    # A report, and another sharing a quarter of its terms (cosine 0.25: over the
    # threshold 0.22, under 0.22 / UNDATED_DISCOUNT = 0.275). Where both or neither
    # are dated it joins; where only one is, nothing says they are of one time, and it
    # starts a story of its own.
    report = unit({"n:keldmoor": 1, "w:flood": 1, "n:henrike dawl": 1, "w:levee": 1})
    other = unit({"n:keldmoor": 1, "w:repeal": 1, "n:orla penhallow": 1, "w:vote": 1})
    assert 0.22 < 0.25 < 0.22 / UNDATED_DISCOUNT

    def joins(
        story_day: int | None, day: int | None, mentioned: list[tuple[int, int]] | None = None
    ) -> bool:
        clusterer = StoryClusterer(StorySettings())
        first = clusterer.add("a1", report, story_day, {})
        return clusterer.add("b1", other, day, {}, mentioned=mentioned or []) == first

    assert joins(DAY, DAY + 3)
    assert joins(None, None)
    assert not joins(DAY, None)
    assert not joins(None, DAY)
    # A day the undated article mentions in the story's time counts as a date; one
    # far from it does not.
    assert joins(DAY, None, mentioned=[(DAY + 2, DAY + 2)])
    assert not joins(DAY, None, mentioned=[(DAY + 400, DAY + 400)])


def test_an_undated_story_and_a_dated_one_merge_only_over_the_higher_bar() -> None:
    # Two stories that formed apart, as alike as the pair above (0.25): consolidation
    # merges them when both or neither are dated, not when only one is.
    report = unit({"n:keldmoor": 1, "w:flood": 1, "n:henrike dawl": 1, "w:levee": 1})
    other = unit({"n:keldmoor": 1, "w:repeal": 1, "n:orla penhallow": 1, "w:vote": 1})

    def merged(day_one: int | None, day_two: int | None) -> bool:
        stories = [
            StoryState("a1", 0, ["a1"], dict(report), day_one, day_one),
            StoryState("b1", 1, ["b1"], dict(other), day_two, day_two),
        ]
        clusterer = StoryClusterer(StorySettings(), stories)
        clusterer.changed.update({"a1", "b1"})
        return clusterer.consolidate() == 1

    assert merged(DAY, DAY + 1)
    assert merged(None, None)
    assert not merged(DAY, None)
    assert not merged(None, DAY)


def test_an_article_left_alone_gets_a_second_look_at_the_end_of_the_step() -> None:
    # A story of two reports that differ among themselves (cosine 1/3). A brief sharing
    # only the place scores 0.218 against it, under the threshold: placed, it starts a
    # story; at the end of the step it is over the floor and within SECOND_LOOK_GAP of
    # the story's cohesion, and joins. One sharing the place among forty other words (0.09)
    # stays alone, under the floor.
    brief = unit({"n:keldmoor": 1, **{f"w:brief{n}": 1 for n in range(6)}})
    distant = unit({"n:keldmoor": 1, **{f"w:far{n}": 1 for n in range(40)}})
    floor = SECOND_LOOK_FLOOR * 0.22

    def second_look(vector: Vector) -> StoryClusterer:
        clusterer = StoryClusterer(StorySettings())
        clusterer.add("a1", unit({"n:keldmoor": 1, "w:flood": 1, "w:levee": 1}), DAY, {})
        clusterer.add("a2", unit({"n:keldmoor": 1, "w:rescue": 1, "w:boats": 1}), DAY, {})
        assert clusterer.similarity(vector, DAY, clusterer.stories["a1"]) < 0.22
        assert clusterer.add("b1", vector, DAY + 1, {}) == "b1"
        return clusterer

    joined = second_look(brief)
    assert floor < joined.similarity(brief, DAY, joined.stories["a1"])
    assert joined.consolidate() == 1
    assert groups(joined) == {frozenset({"a1", "a2", "b1"})}
    assert joined.story_of["b1"] == "a1"
    assert joined.removed == {"b1"}
    alone = second_look(distant)
    assert alone.similarity(distant, DAY, alone.stories["a1"]) < floor
    assert alone.consolidate() == 0
    assert groups(alone) == {frozenset({"a1", "a2"}), frozenset({"b1"})}


def test_the_second_look_eases_the_guards_of_placement() -> None:
    # A story of two reports at cosine 0.5 (cohesion 0.5). An article at 0.25 is held
    # back at placement by COHESION_SHARE (0.6 of 0.5) and joins at the end of the step
    # (within SECOND_LOOK_GAP, 0.3, of 0.5); one at 0.18 stays alone. An undated
    # article scoring 0.265 against a story of two dated reports that share only the
    # place (cohesion 0.25) is held back by UNDATED_DISCOUNT's bar (0.275) and joins
    # at the end of the step.
    report = unit({"n:keldmoor": 1, "w:flood": 1, "w:levee": 1, "w:river": 1})
    rescue = unit({"n:keldmoor": 1, "w:flood": 1, "w:rescue": 1, "w:boats": 1})

    def after_step(second: Vector, article: Vector, day: int | None) -> str:
        clusterer = StoryClusterer(StorySettings())
        clusterer.add("a1", report, DAY, {})
        assert clusterer.add("a2", second, DAY, {}) == "a1"
        score = clusterer.similarity(article, day, clusterer.stories["a1"])
        assert score > SECOND_LOOK_FLOOR * 0.22
        assert clusterer.add("b1", article, day, {}) == "b1"
        clusterer.consolidate()
        return clusterer.story_of["b1"]

    def sharing_two(others: int) -> Vector:
        return unit({"n:keldmoor": 1, "w:flood": 1, **{f"w:x{n}": 1 for n in range(others)}})

    assert after_step(rescue, sharing_two(14), DAY) == "a1"  # 0.25
    assert after_step(rescue, sharing_two(29), DAY) == "b1"  # 0.18
    loose = unit({"n:keldmoor": 1, "w:rescue": 1, "w:boats": 1, "w:pumps": 1})
    assert after_step(loose, sharing_two(6), None) == "a1"  # 0.265, undated
    # A story of two identical reports (cohesion 1) keeps an article at 0.35 out: it is
    # far outside what the story's reports are to each other (a share of the cohesion,
    # not a gap, would take it).
    assert after_step(dict(report), sharing_two(6), DAY) == "b1"


def test_the_second_look_needs_a_floor_under_a_loose_story() -> None:
    # A story whose reports share almost nothing (cohesion near 0) would take any
    # article by the share of its cohesion alone; the floor, SECOND_LOOK_FLOOR of the
    # threshold, keeps an article that barely touches it (0.1) out.
    clusterer = StoryClusterer(StorySettings())
    start = clusterer.add("a1", unit({"n:keldmoor": 1, "w:flood": 1}), DAY, {})
    # Joins by the follow link, whatever its words: a loose story.
    clusterer.add("a2", unit({"w:market": 1, "w:prices": 1}), DAY, {}, follow=["a1"])
    story = clusterer.stories[start]
    assert clusterer.cohesion(story) == 0.0
    touching = unit({"n:keldmoor": 1, **{f"w:other{n}": 1 for n in range(11)}})
    assert 0.0 < clusterer.similarity(touching, DAY, story) < SECOND_LOOK_FLOOR * 0.22
    assert clusterer.add("b1", touching, DAY, {}) == "b1"
    assert clusterer.consolidate() == 0
    assert clusterer.story_of["b1"] == "b1"


def test_an_undated_report_of_a_later_decision_stays_out_of_the_dated_story() -> None:
    # Two dated reports of a council approving a dam, and an undated one of the plan
    # being dropped (another event: a new leader, another reason). Its words and names
    # score 0.25 against the story, over the threshold and the story's cohesion test;
    # dated in the story's days it would join, but undated nothing checks its time,
    # and it starts a story of its own.
    approved = news(
        "Varnholt council approves Brenmark dam expansion",
        "The Varnholt county council voted on Tuesday to raise the Brenmark dam by four "
        "metres, a plan that council leader Ilse Corvane said would protect Oskeby from "
        "floods.\nFarmers upstream said the larger reservoir would drown their meadows.",
        4,
        "Ambry Echo",
    )
    backed = news(
        "Oskeby flood defences: higher dam wins backing",
        "Corvane's councillors backed a taller wall at Brenmark after a long debate.\n"
        "Engineers expect the work to take three summers and close the lakeside road.",
        5,
        "Valmoria Daily",
    )
    dropped = news(
        "Varnholt scraps dam plan",
        "Varnholt has dropped its plan for a bigger reservoir at Brenmark, the new council "
        "leader Teodor Vask said, citing the cost.\nVask said the money would go to pumps "
        "and river walls in Keldmoor instead.",
        None,
        "Keldmoor Courier",
    )
    articles = [approved, backed, dropped]
    undated = place(articles, days=[DAY, DAY + 1, None])
    assert groups(undated) == {frozenset({approved.id, backed.id}), frozenset({dropped.id})}
    dated = place(articles, days=[DAY, DAY + 1, DAY + 2])
    assert groups(dated) == {frozenset(a.id for a in articles)}


def test_a_short_item_left_alone_joins_its_story_on_the_second_look() -> None:
    # Two reports of a mill fire that differ among themselves, a report of its effect
    # on bread prices that starts a story of its own, and a short item on the smoke
    # that shares only the town and the burning mill: 0.21 against the fire's story,
    # under the threshold, so placed it starts a story; but the fire's reports are
    # not much closer to each other, and at the end of the step it joins them.
    fire = news(
        "Fire guts Tamsworth flour mill",
        "A fire destroyed the Hollin flour mill in Tamsworth overnight, and forty workers "
        "were sent home.\nFire chief Maren Oduya said the blaze began in a grain dryer.",
        4,
        "Ambry Echo",
    )
    owners = news(
        "Mill owners vow to rebuild",
        "The family that owns the Hollin mill promised to rebuild it within a year.\nStaff "
        "will be paid while insurers inspect the ruins, a spokesman said.",
        4,
        "Valmoria Daily",
    )
    prices = news(
        "Bakers fear flour shortage",
        "Bakeries across the valley warned of higher bread prices after the mill burned "
        "down.\nThe site milled a third of the region's wheat, the growers' union said.",
        5,
        "Keldmoor Courier",
    )
    smoke = news(
        None,
        "Smoke from the burning mill drifted over the Tamsworth ring road, which police shut "
        "for an hour while commuters queued near the bus depot.\nSchools kept pupils indoors "
        "at break, and the council handed out masks to cyclists and market traders.",
        5,
        "Tamsworth Post",
    )
    clusterer = place([fire, owners, prices, smoke])
    assert clusterer.story_of[smoke.id] == smoke.id
    clusterer.consolidate()
    assert groups(clusterer) == {
        frozenset({fire.id, owners.id, smoke.id}),
        frozenset({prices.id}),
    }

"""One speaker's count told twice in one report and once in another is one group."""

from pathlib import Path

from .stories import corroborate_texts

VALLEY = """ outlet Valley Post
 date 2035-03-13
Militia gathers in the Kessin valley

Border chief Anil Varma told reporters that 3,000 militia fighters are now in the Kessin valley receiving training before being sent to the front.

Farmers in the valley said the roads had been closed since Monday.

Varma also said the 3,000 militia fighters moved to the Kessin valley had been split among several camps.
"""

RIDGE = """ outlet Ridge Times
 date 2035-03-14
Border chief: militia in the Kessin valley

Border chief Anil Varma said 3,000 militia fighters are now in the Kessin valley receiving training before being sent to the front.

The valley's mayor asked residents to stay at home.
"""


def test_one_speakers_count_told_twice_is_one_group(tmp_path: Path) -> None:
    """The first report's two sentences begin two groups (claims of one article are not
    grouped with each other); the second report's, close to both, makes them one."""
    story = corroborate_texts(tmp_path, {"valley": VALLEY, "ridge": RIDGE})
    counting = [g for g in story.groups if any("3,000" in m.text for m in g.members)]
    assert len(counting) == 1
    assert sorted(m.outlet for m in counting[0].members) == [
        "Ridge Times",
        "Valley Post",
        "Valley Post",
    ]


def test_two_counts_of_one_report_are_not_bridged() -> None:
    """A report giving two figures of one thing ("1,300 were called up", "3,000 refused
    to report") counts two things: a claim close to both does not make them one."""
    from corroborate.corroboration.grouping import _bridged

    from .test_similar import _counting, q

    called = _counting(
        1, "1,300 reservists were called up", "1,300", q(1300, 1300, 1300, "reservists")
    )
    refused = _counting(
        1, "3,000 reservists refused to report", "3,000", q(3000, 3000, 3000, "reservists")
    )
    retold = _counting(
        2, "1,300 reservists were called up", "1,300", q(1300, 1300, 1300, "reservists")
    )
    groups = _bridged([[called], [refused], [retold]], [(0, 2), (1, 2)])
    assert [[v.text for v in g] for g in groups] == [
        ["1,300 reservists were called up", "1,300 reservists were called up"],
        ["3,000 reservists refused to report"],
    ]

"""The Corroboration section laid out: Markdown, HTML with its two SVG pictures, and the
terminal brief; article text escaped in each."""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from markupsafe import escape
from rich.console import Console

from corroborate import Settings, Store, ingest_sources
from corroborate.cli import cli
from corroborate.corroboration.story import CorroboratedGroup
from corroborate.corroboration.support import Support
from corroborate.corroboration.views import ClaimView
from corroborate.pipeline import analyse
from corroborate.records import Article, Claim, Span
from corroborate.report import render, report_for_store
from corroborate.report.corroboration import BRIEF_SENTENCES, _brief, _one_per_article, statement
from corroborate.report.pictures import (
    MARK_COLOURS,
    chronological,
    matrix_svg,
    period,
    timeline_svg,
)
from corroborate.report.render import md_escape, possessive
from corroborate.report.terminal import print_brief

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> [bold]x[/bold] "
    "*x* | [l](javascript:x) ~~y~~"
)
# Keys whose string values come from article text (or from names found in it).
ARTICLE_TEXT_KEYS = {"text", "label", "statement", "note", "speaker", "base", "other", "title"}


@pytest.fixture(scope="module")
def model() -> Iterator[dict[str, Any]]:
    """The example corpus, analysed once for the whole module (a few seconds)."""
    settings = Settings()
    with Store(memory=True) as store:
        ingest_sources([str(EXAMPLES)], store, settings)
        analyse(store, settings)
        yield report_for_store(store, settings.report)


@pytest.fixture
def stories(model: dict[str, Any]) -> list[dict[str, Any]]:
    section = model["stages"]["corroboration"]
    assert section["status"] == "computed"
    return list(section["stories"])


@pytest.fixture(scope="module")
def hostile(model: dict[str, Any]) -> dict[str, Any]:
    """The model with every article-derived string of the section replaced by HOSTILE."""
    poisoned = copy.deepcopy(model)
    _poison(poisoned["stages"]["corroboration"]["stories"])
    story = poisoned["stages"]["corroboration"]["stories"][0]
    first = story["matrix"]["outlets"][0]
    story["matrix"]["outlets"][0] = HOSTILE
    for row in story["matrix"]["rows"]:
        if first in row["cells"]:
            row["cells"][HOSTILE] = row["cells"].pop(first)
    story["timeline"][0]["date"] = HOSTILE  # cannot be placed on the axis; still shown
    return poisoned


def _poison(value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and (key in ARTICLE_TEXT_KEYS or key in ("outlet", "source")):
                value[key] = HOSTILE
            else:
                _poison(item)
    elif isinstance(value, list):
        for item in value:
            _poison(item)


def _section(text: str, heading: str) -> str:
    """The Corroboration part of a rendered report."""
    return text[text.index(heading) :]


class _Active(HTMLParser):
    """What a browser would run or fetch: scripts, handlers, javascript: URLs, images."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "iframe", "object", "embed", "foreignobject"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}=javascript:")


def _active(page: str) -> list[str]:
    parser = _Active()
    parser.feed(page)
    return parser.found


def _terminal(model: dict[str, Any]) -> str:
    out = io.StringIO()
    # Wide enough that no sentence wraps, so whole sentences can be looked for.
    print_brief(model, Console(file=out, width=2000, color_system=None))
    return out.getvalue()


# --- the model the layouts are given ---------------------------------------------------


def test_examples_give_every_part_of_the_section(stories: list[dict[str, Any]]) -> None:
    assert len(stories) == 2
    assert all(s["brief"] and s["timeline"] and s["matrix"]["rows"] for s in stories)
    assert any(s["conflicts"] for s in stories) and any(s["updates"] for s in stories)
    ops = {d["op"] for s in stories for q in s["quote_variants"] for v in q["variants"] for d in v["diff"]}  # fmt: skip
    assert {"replace", "delete"} <= ops


def test_each_timeline_entry_shows_a_statement_that_gives_its_date(
    stories: list[dict[str, Any]],
) -> None:
    """The date and the words beside it come from one claim: a group whose first
    statement gives no date is shown by a member that does."""
    for entry in (e for s in stories for e in s["timeline"]):
        cited = [" ".join(c["text"].split())[:40].lower() for c in entry["citations"]]
        assert any(words in entry["text"].lower() for words in cited), entry


def test_quote_variants_cite_the_quoted_words_only(stories: list[dict[str, Any]]) -> None:
    """A quotation inside a paraphrase is cited by its own span, without the paraphrase."""
    cites = [c for s in stories for q in s["quote_variants"] for c in (q["base"], *q["variants"])]
    assert cites
    for cite in cites:
        assert cite["text"] and cite["text"][0] not in "“”\"' "
        assert cite["span"][1] - cite["span"][0] >= len(cite["text"].split(" … ")[0])


# --- HTML ---------------------------------------------------------------------------


def test_html_brief_cites_spans_that_open_without_scripts(
    model: dict[str, Any], stories: list[dict[str, Any]]
) -> None:
    page = render(model, "html")
    section = _section(page, "<h2>Corroboration</h2>")
    for story in stories:
        for entry in story["brief"]:
            assert str(escape(entry["text"])) in section
            for c in entry["citations"]:
                n = c["article"]
                # A <details> shows the cited words on a click; the link goes to the article.
                # A claim of another speaker than the sentence's is shown as theirs.
                own = c["speaker"] in (None, entry["speaker"])
                theirs = (
                    ""
                    if own
                    else f'<span class="muted">{escape(possessive(c["speaker"]))} words,</span> '
                )
                opened = (
                    f">[{n}]</summary><blockquote>{escape(c['text'])}<br>{theirs}"
                    f'<a href="#article-{n}">'
                )
                assert opened in section
                assert f'id="article-{n}"' in page
    assert _active(page) == []


def test_html_lays_out_conflicts_updates_and_word_diffs(
    model: dict[str, Any], stories: list[dict[str, Any]]
) -> None:
    section = _section(render(model, "html"), "<h2>Corroboration</h2>")
    for story in stories:
        for conflict in story["conflicts"]:
            for side in conflict["sides"]:
                assert f"<strong>{escape(side['label'])}</strong><blockquote>" in section
        for update in story["updates"]:
            assert str(escape(update["earlier"]["text"])) in section
            assert str(escape(update["later"]["text"])) in section
        for variant in (v for q in story["quote_variants"] for v in q["variants"]):
            for d in variant["diff"]:
                if d["op"] in ("replace", "delete"):
                    assert f"<del>{escape(d['base'])}</del>" in section
                if d["op"] in ("replace", "insert"):
                    assert f"<ins>{escape(d['other'])}</ins>" in section
    assert "Single-source claims (" in section and "Independent outlet groups (" in section


def test_html_draws_the_matrix_and_the_timeline(
    model: dict[str, Any], stories: list[dict[str, Any]]
) -> None:
    page = render(model, "html")
    section = _section(page, "<h2>Corroboration</h2>")
    svgs = re.findall(r"<svg .*?</svg>", section, re.S)
    assert len(svgs) == 2 * len(stories)  # a matrix and a timeline per story
    assert "<script" not in page
    assert "default-src 'none'; style-src 'unsafe-inline'; img-src data:" in page
    matrix, timeline = svgs[0], svgs[1]
    story = stories[0]
    grid = story["matrix"]
    cells = len(grid["rows"]) * len(grid["outlets"])
    assert matrix.count("<rect") == cells + 4  # every cell, and the legend's four swatches
    for outlet in grid["outlets"]:
        assert f"{escape(outlet)}</text>" in matrix
    carried = sum(len(row["cells"]) for row in grid["rows"])
    fills = re.findall(r'<rect [^>]*fill="([^"]+)"', matrix)
    assert sum(f in MARK_COLOURS.values() for f in fills) == carried + 3  # + the legend's
    for entry in story["timeline"]:
        assert f">{escape(entry['date'])}</text>" in timeline
    placed = [e for e in story["timeline"] if period(e["date"])]
    assert timeline.count("<circle") == len(placed)


def test_html_escapes_hostile_text_everywhere(hostile: dict[str, Any]) -> None:
    page = render(hostile, "html")
    section = _section(page, "<h2>Corroboration</h2>")
    assert _active(page) == []
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section
    for svg in re.findall(r"<svg .*?</svg>", section, re.S):
        assert "&lt;script&gt;" in svg and "<script" not in svg
    assert "date not placed" in section


# --- Markdown -----------------------------------------------------------------------


def test_markdown_brief_and_citations(model: dict[str, Any], stories: list[dict[str, Any]]) -> None:
    text = _section(render(model, "md"), "## Corroboration")
    for story in stories:
        for entry in story["brief"]:
            marks = "".join(
                f" [{n}]" for n in dict.fromkeys(c["article"] for c in entry["citations"])
            )
            assert f"{md_escape(entry['text'])}{marks}" in text
            for c in entry["citations"]:
                own = c["speaker"] in (None, entry["speaker"])
                theirs = "" if own else f", {md_escape(possessive(c['speaker']))} words"
                assert f"[{c['article']}], characters {c['span'][0]}–{c['span'][1]}{theirs}: “{md_escape(c['text'])}”" in text  # fmt: skip
    assert "#### Conflicts (" in text and "#### Timeline" in text
    assert re.search(r"~~\S[^~]*~~ \*\*\S", text), "a replaced word shows as ~~old~~ **new**"


def test_markdown_escapes_hostile_text(hostile: dict[str, Any]) -> None:
    text = _section(render(hostile, "md"), "## Corroboration")
    assert "<script>" not in text and "<img" not in text
    assert "\\[l\\](javascript:x)" in text and "](javascript" not in text.replace("\\](", "")
    assert "\\*x\\*" in text and "\\[bold\\]x\\[/bold\\]" in text
    # In a word diff "~" is escaped as well, so only the diff's own ~~ strike through.
    assert "\\~\\~y\\~\\~" in text
    # The "|" in the text added no column: every row has as many as its table's header.
    header = None
    for line in text.splitlines():
        columns = len(re.findall(r"(?<!\\)\|", line))
        if not line.startswith("|"):
            header = None
        elif header is None:
            header = columns
        else:
            assert columns == header, line


# --- the terminal -------------------------------------------------------------------


def test_terminal_brief_shows_citations_conflicts_and_variants(
    model: dict[str, Any], stories: list[dict[str, Any]]
) -> None:
    shown = _terminal(model)
    for story in stories:
        assert f"Story {story['story']}: {story['title']}" in shown
        for entry in story["brief"]:
            assert entry["text"] in shown
            for c in entry["citations"]:
                assert f"[{c['article']}] {c['outlet']}: “{c['text']}”" in shown
        for conflict in story["conflicts"]:
            assert conflict["note"] in shown and conflict["sides"][0]["label"] in shown
        for update in story["updates"]:
            assert update["note"] in shown
    assert "Side A" in shown and "Side B" in shown
    assert "[-" in shown and "{+" in shown  # word diffs show without colour too


def test_terminal_prints_markup_in_articles_literally(hostile: dict[str, Any]) -> None:
    out = io.StringIO()
    console = Console(file=out, width=2000, force_terminal=True, color_system="truecolor")
    print_brief(hostile, console)
    shown = out.getvalue()
    lines = [line for line in shown.splitlines() if "alert(1)" in line]
    assert len(lines) > 10
    for line in lines:  # every place the text is printed, its brackets are kept
        assert "[bold]x[/bold]" in line and "[l](javascript:x)" in line, line
    assert "<script>alert(1)</script>" in shown  # a terminal needs no HTML escaping


def test_terminal_says_when_the_stage_has_not_run(store: Store) -> None:
    assert "not computed yet" in _terminal(report_for_store(store))


def test_brief_command_prints_the_conflicts(stories: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(cli, ["brief", str(EXAMPLES)], env={"COLUMNS": "2000"})
    assert result.exit_code == 0, result.output
    assert "Brief" in result.output and "Conflicts (" in result.output
    for conflict in (c for s in stories for c in s["conflicts"]):
        assert conflict["note"] in result.output


def test_a_story_with_nothing_shared_still_lays_out(model: dict[str, Any]) -> None:
    bare = copy.deepcopy(model)
    story = bare["stages"]["corroboration"]["stories"][0]
    for key in ("brief", "groups", "conflicts", "updates", "quote_variants", "timeline"):
        story[key] = []
    story["matrix"] = {"outlets": [], "rows": []}
    nothing = "No statement is carried by two articles or more."
    assert nothing in render(bare, "md") and nothing in _terminal(bare)
    page = render(bare, "html")
    assert nothing in page and "Corroborated claims (0)" in page


# --- the pictures' dates ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2031-05-13", date(2031, 5, 13), date(2031, 5, 13)),
        ("2031-W20", date(2031, 5, 12), date(2031, 5, 18)),
        ("2031-W20-WE", date(2031, 5, 17), date(2031, 5, 18)),
        ("2031-05", date(2031, 5, 1), date(2031, 5, 31)),
        ("2031-Q2", date(2031, 4, 1), date(2031, 6, 30)),
        ("2031-WI", date(2031, 12, 1), date(2032, 2, 29)),
        ("2031", date(2031, 1, 1), date(2031, 12, 31)),
        ("203", date(2030, 1, 1), date(2039, 12, 31)),
    ],
)
def test_period_of_each_granularity(value: str, first: date, last: date) -> None:
    assert period(value) == (first, last)


@pytest.mark.parametrize("value", ["--05-13", "2031-13", "2031-W54", "0000", "soon"])
def test_period_of_what_is_not_on_the_calendar(value: str) -> None:
    assert period(value) is None


def test_timeline_goes_by_period_not_by_text() -> None:
    entries = [
        {"date": d, "text": f"event {d}", "status": "single-source"}
        for d in ("2031-06", "2031-W20", "2031-05-16", "later")
    ]
    assert [e["date"] for e in chronological(entries)] == [
        "2031-W20", "2031-05-16", "2031-06", "later",
    ]  # fmt: skip
    svg = str(timeline_svg(entries))
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    assert len(xs) == 3 and xs == sorted(xs)
    assert ">later</text>" in svg and "date not placed" in svg


def test_pictures_of_nothing_are_empty() -> None:
    assert str(matrix_svg({"outlets": [], "rows": []})) == ""
    assert str(timeline_svg([])) == ""


def test_statements_lower_an_opening_capital_but_not_a_name(tmp_path: Path) -> None:
    """ "Olwen Tarr said residents of ...", where the article began its sentence with
    "Residents"; a sentence opening with a place keeps its capital."""
    texts = {
        "a.txt": "Dock streets to reopen\n\n date 2031-02-03 Residents of the dock streets "
        "can go home on Friday, harbour master Olwen Tarr said on Monday. Germany will "
        "send two pumps, Tarr said.\n",
        "b.txt": "Dock streets reopen Friday\n\n date 2031-02-03 Residents of the dock "
        "streets can go back on Friday, harbour master Olwen Tarr told reporters. Germany "
        "will send two pumps, Tarr added.\n",
    }
    model = _report_of(tmp_path, texts)
    statements = [
        g["statement"]
        for story in model["stages"]["corroboration"]["stories"]
        for g in story["groups"]
    ]
    assert any("Tarr said residents of the dock streets" in s for s in statements), statements
    assert any("said Germany will send" in s for s in statements), statements


def _report_of(folder: Path, texts: dict[str, str]) -> dict[str, Any]:
    """The report model of invented articles written to ``folder``."""
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Store(memory=True) as store:
        ingest_sources([str(folder)], store)
        analyse(store)
        return report_for_store(store)


def _view(text: str, kind: str, source: str, cue: str, parts: tuple[str, ...]) -> ClaimView:
    """A claim of ``text`` as the brief sees it: spans found by their words."""

    def span(words: str) -> Span:
        start = text.index(words)
        return Span("a", start, start + len(words))

    pieces = tuple(span(p) for p in parts)
    claim = Claim(
        id="a:c1",
        article_id="a",
        content=Span("a", pieces[0].start, pieces[-1].end),
        kind=kind,  # type: ignore[arg-type]
        source=span(source),
        cue=span(cue),
        parts=pieces if len(pieces) > 1 else (),
    )
    return ClaimView(
        claim=claim, number=1, article=Article(id="a", text=text), outlet="Post",
        outlet_group=0, text=claim.text(text), stems=frozenset(), speaker="Ilse Varga",
        speaker_kind="person", roles=(), relays=(), relay_words=frozenset(),
        source_text=source, origin="Ilse Varga", day=None, position=0,
    )  # fmt: skip


def test_a_statement_keeps_the_articles_verb_before_words_that_are_no_sentence() -> None:
    """ "Varga urged an immediate recall": "said an immediate recall" is no sentence."""
    text = "Mayor Ilse Varga urged an immediate recall of the boats, and the port agreed."
    view = _view(
        text, "reported", "Mayor Ilse Varga", "urged", ("an immediate recall of the boats",)
    )
    assert statement(view) == "Ilse Varga urged an immediate recall of the boats."
    told = "Mayor Ilse Varga told reporters the boats were unsafe."
    view = _view(told, "reported", "Mayor Ilse Varga", "told", ("the boats were unsafe",))
    assert statement(view) == "Ilse Varga said the boats were unsafe."


def test_a_statement_of_a_quotation_in_parts_names_its_speaker_and_its_marks() -> None:
    """A mixed quotation whose source stands between its parts still names the speaker,
    and its opening quotation mark is put back."""
    text = (
        "“We have found cracks in the hull” that were missed, Mayor Ilse Varga told "
        "reporters. “Nobody sails until they are fixed.”"
    )
    view = _view(
        text, "mixed", "Mayor Ilse Varga", "told",
        ("We have found cracks in the hull” that were missed", "Nobody sails until they are fixed"),
    )  # fmt: skip
    assert statement(view) == (
        "Ilse Varga said “We have found cracks in the hull” that were missed … Nobody sails "
        "until they are fixed."
    )


def test_a_statement_ends_after_a_closing_mark_not_inside_it() -> None:
    text = "Mayor Ilse Varga said closing the bridge would be a “last resort.”"
    view = _view(
        text, "mixed", "Mayor Ilse Varga", "said", ("closing the bridge would be a “last resort.”",)
    )
    assert statement(view) == "Ilse Varga said closing the bridge would be a “last resort”."


def test_a_citation_shows_the_statements_own_speaker_where_the_article_has_them() -> None:
    """An article carrying the statement twice, by its spokeswoman and by the speaker
    the brief names, is cited by the named speaker's words."""
    text = "Ada Lenn said the quay would reopen. Ilse Varga said the quay would reopen."
    first = _view(text, "reported", "Ada Lenn", "said", ("the quay would reopen",))
    first = replace(first, speaker="Ada Lenn", origin="Ada Lenn")
    second = _view(text, "reported", "Ilse Varga", "said", ("the quay would reopen",))
    start = text.rindex("the quay")
    second = replace(
        second,
        claim=replace(second.claim, id="a:c2", content=Span("a", start, start + 21)),
    )
    assert [c.claim.id for c in _one_per_article([first, second], second)] == ["a:c2"]
    assert [c.claim.id for c in _one_per_article([first, second], first)] == ["a:c1"]


def test_a_statement_ending_in_a_question_takes_no_full_stop() -> None:
    text = "Ilse Varga asked whether the ferry could sail again? Nobody knew."
    view = _view(text, "reported", "Ilse Varga", "asked", ("whether the ferry could sail again?",))
    assert statement(view) == "Ilse Varga asked whether the ferry could sail again?"
    text = "Ilse Varga said: “Will the ferry ever sail again?”"
    view = _view(text, "direct_quote", "Ilse Varga", "said", ("Will the ferry ever sail again?",))
    assert statement(view) == "Ilse Varga said: “Will the ferry ever sail again?”"


def test_the_timeline_dates_undated_words_by_the_day_they_were_said(tmp_path: Path) -> None:
    """Words with no date of their own ("the quay is safe") stand on the timeline at the
    day they were said, marked so; words with a date stand at that date."""
    texts = {
        "a.txt": "Quay declared safe\n\n date 2031-02-05 Harbour master Olwen Tarr said on "
        "Monday that the north quay is safe for ferries. The ferries will sail again on "
        "Friday, the operator said.\n",
        "b.txt": "Ferries to sail again\n\n date 2031-02-05 Harbour master Olwen Tarr said on "
        "Monday the north quay was safe for ferries. The ferry operator said sailings will "
        "resume on Friday.\n",
    }
    model = _report_of(tmp_path, texts)
    (story,) = model["stages"]["corroboration"]["stories"]
    dated = {(e["date"], e["dated_by"]): e["text"] for e in story["timeline"]}
    assert "safe" in dated[("2031-02-03", "statement")], dated
    assert "Friday" in dated[("2031-02-07", "content")], dated
    markdown = render(model, "md")
    assert "| 2031-02-03 (day, when said) |" in markdown


def test_a_claim_of_another_speaker_in_a_group_is_shown_as_theirs(tmp_path: Path) -> None:
    """One group may hold the same words from two speakers; a citation of the second must
    not read as the first speaker's."""
    model = _report_of(
        tmp_path,
        {
            "a.txt": "North quay shut after crane collapse\n\n date 2031-02-05 A crane "
            "collapsed onto the north quay of Vessby harbour on Monday. Harbour master Olwen "
            "Tarr said the north quay would stay closed to ferries until Friday.\n",
            "b.txt": "Crane collapse shuts Vessby quay\n\n date 2031-02-05 A crane "
            "collapsed onto the north quay of Vessby harbour on Monday. Port spokeswoman Mina "
            "Kell said the north quay would stay closed to ferries until Friday.\n",
        },
    )
    (story,) = model["stages"]["corroboration"]["stories"]
    group = next(g for g in story["groups"] if "closed to ferries" in g["statement"])
    speakers = {c["speaker"] for c in group["claims"]}
    assert speakers == {"Olwen Tarr", "Mina Kell"}, group
    assert possessive("Harbour Lines") == "Harbour Lines'"
    other = ({"Olwen Tarr", "Mina Kell"} - {group["speaker"]}).pop()
    assert f"{other}'s words: “the north quay" in render(model, "md")
    assert f"{escape(possessive(other))} words," in render(model, "html")


def test_the_brief_keeps_the_statement_an_article_leads_with() -> None:
    """Nine statements better supported than the lead (carried by more outlet groups)
    would fill the brief; the statement an article opens with is kept all the same."""
    text = "Mayor Ilse Varga said the ferry was late. " + " ".join(
        f"Mayor Ilse Varga said pier {n} was shut." for n in range(9)
    )
    views = [_view(text, "reported", "Mayor Ilse Varga", "said", ("the ferry was late",))]
    views += [
        _view(text, "reported", "Mayor Ilse Varga", "said", (f"pier {n} was shut",))
        for n in range(9)
    ]

    def group(number: int, view: ClaimView, outlet_groups: int) -> CorroboratedGroup:
        members = tuple(
            replace(view, claim=replace(view.claim, id=f"{a}:c{number}"), number=a,
                    position=a * 100 + number)
            for a in (1, 2)
        )  # fmt: skip
        support = Support(
            articles=(1, 2), outlets=("Post", "Ledger"), outlet_groups=outlet_groups,
            origins=("Ilse Varga",), status="single-source",
        )  # fmt: skip
        return CorroboratedGroup(f"g{number}", members, support, (), ())

    groups = [group(0, views[0], 1)] + [group(n + 1, v, 2) for n, v in enumerate(views[1:])]
    brief = _brief(groups)
    assert len(brief) == BRIEF_SENTENCES
    assert brief[0]["group"] == "g0"
    assert brief[0]["text"] == "Ilse Varga said the ferry was late."

"""The web app in a real browser: Debian's headless chromium, driven by playwright,
against `corroborate serve` over the analysed example corpus.

Skips when /usr/bin/chromium is missing or will not start (`make test` installs it
as root). `CORROBORATE_SCREENSHOTS=docs/screenshots` also saves the main pages as PNG.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import CHROMIUM, VIEWPORT, Server, launch_chromium, screenshot

if not CHROMIUM.exists():
    pytest.skip(
        f"browser tests need {CHROMIUM} (apt-get install chromium; make test does)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = sync_api.expect

pytestmark = pytest.mark.network

JOB_TIMEOUT_MS = 60_000

# Written for this test: no such place, people or outlet exists.
FERRY_TITLE = "Ferry runs aground on sandbank off Kestrel Point"
FERRY_ARTICLE = f"""{FERRY_TITLE}

 date 2031-09-02

The passenger ferry Marisol ran aground on a sandbank off Kestrel Point on Tuesday \
morning with 212 people on board, the Brennach coastguard said.

Nobody was hurt, coastguard duty officer Saskia Lindqvist said. "The ferry is stable \
and the passengers are calm," Lindqvist said. "We expect to refloat her on the evening tide."

The operator, Ostvarra Lines, said the ship had lost steering shortly after leaving \
Penhallow harbour and that all sailings on the route were cancelled until Thursday.
"""

# Every piece of markup here must reach the page as text, never as markup.
PAYLOADS = (
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '<a href="javascript:window.__pwned=3">click</a>',
)
CRANE_TITLE = "Crane collapses at Dunmere quay"
CRANE_ARTICLE = f"""{CRANE_TITLE} {PAYLOADS[1]}

 date 2031-10-07

A container crane collapsed onto an empty berth at the Dunmere quay on Monday, \
port manager Orla Vesk said. "{PAYLOADS[0]} Nobody was under the jib when it fell," \
Vesk said.

Dockworkers' spokesman Henrik Sallow said the crane had been reported as faulty \
{PAYLOADS[2]} in August.

Vesk said 14 ships would be diverted to the Tallow Bay terminal while engineers \
inspected the remaining cranes {PAYLOADS[1]}.
"""
CRANE_OUTLET = 'Dunmere "Post"><script>window.__pwned=4</script>'

# The page's Content-Security-Policy violations, kept where a test can read them.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""

# What would make a page run script: script elements, on* handlers, javascript: URLs.
ACTIVE_CONTENT = """() => {
  const all = [...document.querySelectorAll('*')];
  const js = v => /^\\s*javascript:/i.test(v || '');
  return {
    scripts: document.querySelectorAll('script').length,
    handlers: all.flatMap(e => [...e.attributes]
        .filter(a => a.name.toLowerCase().startsWith('on')).map(a => e.tagName + '@' + a.name)),
    js_urls: all.flatMap(e => ['href', 'src', 'action', 'formaction', 'xlink:href']
        .filter(n => js(e.getAttribute(n))).map(n => e.tagName + '@' + n)),
    images: [...document.querySelectorAll('img')].map(i => i.getAttribute('src')),
    pwned: typeof window.__pwned,
  };
}"""


# Whether an element (or, when it is an empty anchor, what follows it) is on screen.
SHOWN = """e => {
  const box = (e.getBoundingClientRect().height ? e : e.nextElementSibling).getBoundingClientRect();
  return box.bottom > 0 && box.top < innerHeight;
}"""


@pytest.fixture(scope="module")
def server(
    browser: Any, tmp_path_factory: pytest.TempPathFactory, example_db: Path
) -> Iterator[Server]:
    """One real server for the module, over a copy of the analysed example corpus (once
    the browser is known to start: otherwise everything skips at once)."""
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "news.db"
    shutil.copy(example_db, db)
    running = Server(db=db, log=folder / "server.log")
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        try:
            chromium = launch_chromium(playwright)
        except Exception as exc:  # a broken install: say why and skip
            pytest.skip(f"{CHROMIUM} cannot be launched: {str(exc).splitlines()[0]}")
        yield chromium
        chromium.close()


class Watched:
    """A page whose console errors, uncaught errors and policy violations are kept."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console error: {message.text} ({message.location.get('url')})")

    def violations(self) -> list[str]:
        found: list[str] = self.page.evaluate("window.__violations || []")
        return found


@pytest.fixture
def watched(browser: Any, request: pytest.FixtureRequest) -> Iterator[Watched]:
    """A page in a fresh context; the test fails if a page it opened logged an error."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(RECORD_VIOLATIONS)
    context.set_default_timeout(15_000)
    watched = Watched(context)
    failed = request.session.testsfailed
    yield watched
    context.close()
    if request.session.testsfailed == failed:  # a failed test has said what went wrong
        assert watched.errors == [], "the pages logged errors"


@pytest.fixture
def page(watched: Watched) -> Any:
    return watched.page


# -- helpers -----------------------------------------------------------------------------
def story_count(page: Any) -> int:
    match = re.match(r"(\d+) stor", page.inner_text("#story-count"))
    assert match, page.inner_text("#story-count")
    return int(match.group(1))


def story_item(page: Any, words: str) -> Any:
    """The stories list's entry that mentions ``words``."""
    return page.locator("li.story-item").filter(has_text=words)


def open_story(page: Any, server: Server, words: str) -> None:
    """From the stories page, click the story whose entry mentions ``words``."""
    page.goto(server.url + "/")
    item = story_item(page, words)
    expect(item).to_have_count(1)
    item.locator("a.story-title").click()
    page.wait_for_url(re.compile(r"/stories/[^/#?]+$"))


def add_article(
    page: Any, server: Server, *, text: str = "", outlet: str = "", file: Any = None
) -> None:
    """Send the add form and follow the job page until it says done."""
    page.goto(server.url + "/add")
    if text:
        page.fill("#text", text)
    if file is not None:
        page.set_input_files("#files", files=[file])
    page.fill("#outlet", outlet)
    with page.expect_navigation():
        page.click("form.add button[type=submit]")
    assert re.search(r"/jobs/[0-9a-f]+$", page.url), (
        f"the add was refused: {page.inner_text('main')}"
    )
    # The job page reloads itself (meta refresh) until the job has finished.
    finished = page.locator("#job-state[data-state=done], #job-state[data-state=failed]")
    finished.wait_for(timeout=JOB_TIMEOUT_MS)
    assert page.get_attribute("#job-state", "data-state") == "done", page.inner_text("main")
    expect(page.locator("h2", has_text="Stories updated")).to_be_visible()


def assert_inert(page: Any) -> None:
    found = page.evaluate(ACTIVE_CONTENT)
    assert found["pwned"] == "undefined", f"a payload ran on {page.url}"
    assert found["scripts"] == 0, f"script elements on {page.url}"
    assert found["handlers"] == [], f"event handler attributes on {page.url}"
    assert found["js_urls"] == [], f"javascript: URLs on {page.url}"
    assert "x" not in found["images"], f"an injected image on {page.url}"


def example_ids(server: Server) -> tuple[str, str]:
    """The example corpus's two stories: (the chemical plant fire, the depot fire)."""
    ids = {}
    for story in server.api("/api/stories")["stories"]:
        names = " ".join(story["key_entities"]) + " " + story["title"]
        for key, word in (("plant", "Halvard"), ("depot", "Brannock")):
            if word in names:
                ids[key] = story["id"]
    return ids["plant"], ids["depot"]


def speaker_only_in(server: Server, story_id: str, other_id: str) -> str:
    """A named person quoted in one story whose name appears nowhere in the other."""
    story, other = server.api(f"/api/stories/{story_id}"), server.api(f"/api/stories/{other_id}")
    other_text = " ".join(
        server.api(f"/api/articles/{a['id']}")["text"] for a in other["articles"]
    ) + " ".join(s["name"] for s in other["claims"]["speakers"])
    for speaker in story["claims"]["speakers"]:
        name = speaker["name"]
        if speaker["kind"] == "person" and " " in name and name.split()[-1] not in other_text:
            return str(name)
    raise AssertionError("no speaker of the story is absent from the other")


# -- the tests ---------------------------------------------------------------------------
def test_stories_listed_newest_first_and_search_narrows(page: Any, server: Server) -> None:
    plant, depot = example_ids(server)
    page.goto(server.url + "/")
    expect(page).to_have_title(re.compile("Stories"))
    hrefs = page.locator("li.story-item a.story-title").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert f"/stories/{plant}" in hrefs and f"/stories/{depot}" in hrefs
    # The depot fire (17-18 May) is newer than the plant fire (14-16 May).
    assert hrefs.index(f"/stories/{depot}") < hrefs.index(f"/stories/{plant}")
    last_days = [
        re.findall(r"\d{4}-\d{2}-\d{2}", text)[-1]
        for text in page.locator("li.story-item").all_inner_texts()
        if re.search(r"\d{4}-\d{2}-\d{2}", text)
    ]
    assert last_days == sorted(last_days, reverse=True)
    screenshot(page, "stories")

    before = story_count(page)
    name = speaker_only_in(server, plant, depot)
    page.fill("input[name=q]", name)
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"[?&]q="))
    expect(page.locator("input[name=q]")).to_have_value(name)
    hrefs = page.locator("li.story-item a.story-title").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert hrefs == [f"/stories/{plant}"], f"searching {name!r}"
    assert story_count(page) == 1 < before
    expect(page.locator("#story-count")).to_contain_text("match")
    page.locator("form.filters a", has_text="clear").click()
    page.wait_for_url(server.url + "/")
    assert story_count(page) == before


def test_story_page_brief_citations_conflicts_and_graph(page: Any, server: Server) -> None:
    open_story(page, server, "Halvard")
    expect(page.locator("h1")).to_be_visible()
    brief = page.locator("ol.brief > li")
    assert brief.count() >= 1
    expect(brief.first).to_be_visible()
    screenshot(page, "story")

    # A citation is closed until clicked, then shows the cited words.
    cite = brief.first.locator("details.cite").first
    quoted = cite.locator("blockquote")
    expect(quoted).to_be_hidden()
    summary = cite.locator("summary")
    cited_text = summary.get_attribute("title").split(": ", 1)[1]
    summary.click()
    expect(cite).to_have_attribute("open", "")
    expect(quoted).to_be_visible()
    expect(quoted).to_contain_text(cited_text)

    heading = page.locator("h4", has_text=re.compile(r"^Conflicts \(\d+\)$"))
    expect(heading).to_be_visible()
    conflicts = int(re.findall(r"\d+", heading.inner_text())[0])
    assert conflicts >= 1
    expect(page.locator("p.conflict")).to_have_count(conflicts)
    expect(page.locator("p.conflict").first).to_be_visible()
    screenshot(page, "story-conflicts", scroll_to="h4:has-text('Conflicts (')")

    graph = page.locator("#dependence-graph svg")
    expect(graph).to_be_visible()
    box = graph.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100
    nodes = graph.locator("g > rect")
    assert nodes.count() >= 2
    arrows = graph.locator("path[marker-end]")
    assert arrows.count() >= 1
    expect(arrows.first).to_be_visible()
    marker = arrows.first.get_attribute("marker-end")
    marker_id = re.fullmatch(r"url\(#(.+)\)", marker or "")
    assert marker_id and graph.locator(f"marker[id='{marker_id.group(1)}']").count() == 1
    screenshot(page, "story-graph", scroll_to="#who-copied-whom")

    # The opened citation leads to its article, scrolled to the cited claim.
    quoted.locator("a").first.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]+#.+$"))
    target = page.locator(f"[id='{page.url.split('#', 1)[1]}']")
    expect(target).to_have_count(1)
    assert target.evaluate(SHOWN), "the cited claim is not on screen"


def test_article_claims_link_to_their_statements(page: Any, server: Server) -> None:
    open_story(page, server, "Halvard")
    story_url = page.url
    page.locator("table.articles a[href^='/articles/']").first.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]+$"))
    text = page.locator("#article-text")
    expect(text).to_be_visible()
    claims = text.locator("a.claim")
    assert claims.count() >= 1
    screenshot(page, "article")

    article_url = page.url
    # The first claim, then one resting on a single source (its statement is listed in
    # a closed <details>, which the browser opens to show it).
    for which in ("a.claim", "a.claim[data-status=single-source]"):
        page.goto(article_url)
        claim = page.locator("#article-text").locator(which).first
        href = claim.get_attribute("href")
        assert href and href.startswith(story_url.removeprefix(server.url) + "#group-")
        claim.click()
        page.wait_for_url(re.compile(r"/stories/[^/#]+#group-.+$"))
        fragment = page.url.split("#", 1)[1]
        statement = page.locator(f"[id='{fragment}']")
        expect(statement).to_have_count(1)
        expect(statement).to_be_visible()
        expect(statement).to_be_in_viewport()


def test_add_an_article_and_find_its_story(page: Any, server: Server) -> None:
    page.goto(server.url + "/")
    before = story_count(page)
    page.goto(server.url + "/add")
    expect(page.locator("#text")).to_be_visible()
    screenshot(page, "add")

    add_article(page, server, text=FERRY_ARTICLE, outlet="Brennach Tidings")
    expect(page.locator("#job-state")).to_have_attribute("data-state", "done")
    screenshot(page, "job-done")
    updated = page.locator("ul.updated a")
    expect(updated).to_have_count(1)
    updated.click()
    page.wait_for_url(re.compile(r"/stories/[^/#?]+$"))
    expect(page.locator("table.articles")).to_contain_text(FERRY_TITLE)
    expect(page.locator("table.articles")).to_contain_text("Brennach Tidings")

    page.goto(server.url + "/")
    assert story_count(page) == before + 1
    expect(story_item(page, "Kestrel Point")).to_have_count(1)


def test_markup_in_an_article_stays_text(browser: Any, server: Server) -> None:
    """Markup in an article's text, title and outlet is shown as text everywhere. The
    policy is bypassed here: escaping alone must keep every payload from running."""
    context = browser.new_context(viewport=VIEWPORT, bypass_csp=True)
    context.set_default_timeout(15_000)
    watched = Watched(context)
    page = watched.page
    try:
        # The check can see a payload run: with the policy bypassed, injected markup runs.
        page.goto(server.url + "/add")
        page.evaluate(
            "document.body.insertAdjacentHTML('beforeend', "
            "'<img src=x onerror=\"window.__pwned = 2\">')"
        )
        page.wait_for_function("window.__pwned === 2", timeout=5_000)
        watched.errors.clear()  # the injected picture's 404
        upload = {
            "name": "dunmere-crane.txt",
            "mimeType": "text/plain",
            "buffer": CRANE_ARTICLE.encode(),
        }
        add_article(page, server, file=upload, outlet=CRANE_OUTLET)
        assert_inert(page)
        page.locator("ul.updated a").first.click()
        page.wait_for_url(re.compile(r"/stories/[^/#?]+$"))
        story_url = page.url
        assert_inert(page)
        for summary in page.locator("summary").all():  # open every citation and section
            if summary.is_visible():
                summary.click()
        assert_inert(page)

        link = page.locator("table.articles a[href^='/articles/']").first
        article_id = link.get_attribute("href").rsplit("/", 1)[1]
        stored = server.api(f"/api/articles/{article_id}")
        # The .txt upload stayed text: the store holds the markup as written.
        for payload in PAYLOADS:
            assert payload in stored["text"], stored["text"]
        assert PAYLOADS[1] in stored["title"] and stored["outlet"] == CRANE_OUTLET
        link.click()
        page.wait_for_url(re.compile(r"/articles/[0-9a-f]+$"))
        assert_inert(page)
        shown = page.inner_text("#article-text")
        for payload in PAYLOADS:
            assert payload in shown
        assert "<img" in page.inner_text("h1")

        # Clicking the words that would have been a javascript: link runs nothing.
        page.locator("#article-text").get_by_text("click</a>").last.click()
        page.wait_for_load_state()
        assert_inert(page)

        for url in (server.url + "/", story_url, f"{server.url}/articles/{article_id}"):
            page.goto(url)
            assert_inert(page)
        page.goto(server.url + "/")
        expect(page.locator("select[name=outlet]")).to_contain_text("<script>")
        expect(story_item(page, "Dunmere")).to_contain_text("<img src=x")
        assert watched.errors == []
    finally:
        context.close()


def test_main_pages_log_no_errors(watched: Watched, server: Server) -> None:
    page = watched.page
    plant, _ = example_ids(server)
    article = server.api(f"/api/stories/{plant}")["articles"][0]["id"]
    for path in ("/", "/?q=fire", f"/stories/{plant}", f"/articles/{article}", "/add", "/api"):
        response = page.goto(server.url + path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("load")
        assert watched.violations() == [], path
        assert_inert(page)
    assert watched.errors == []
    # The recorder works: markup injected past the server is stopped by the policy.
    assert page.evaluate("Array.isArray(window.__violations)")
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.__pwned = 2\">')"
    )
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert any("script-src" in v for v in watched.violations()), watched.violations()
    # The missing picture's 404 is reported a moment after the violation: wait for it
    # (bounded), else it lands after the clear below and fails the fixture's check.
    for _ in range(50):
        if any("/x)" in error for error in watched.errors):
            break
        page.wait_for_timeout(100)
    watched.errors.clear()  # the violation and the missing picture, both expected here

"""RSS and Atom feeds: full-text entries, summary entries to follow, broken feeds."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from corroborate import (
    Article,
    RawDocument,
    Settings,
    SourceError,
    SourceWarning,
    Store,
    ingest_sources,
)
from corroborate.fetch import Fetcher
from corroborate.ingest import read_source
from corroborate.readers.feed import FeedLink, read_feed

LONG = (
    "PORTVALE, Estria (CW) — The harbour council of Portvale approved a plan on Thursday to "
    "deepen the east channel so that larger container ships can reach the new terminal. "
    "Dredging will begin in the spring and is expected to take two years, the council said. "
    "Fishing crews have asked for the work to pause during the herring season, and the council "
    "promised to consider a break of six weeks. The cost will be shared with the Estrian "
    "transport ministry, which has set aside funds in next year's budget."
)
SECOND = (
    "Dunmere's new library opened its doors on Saturday with a reading marathon that lasted "
    "from dawn until late in the evening, organisers said. More than two thousand visitors "
    "passed through in the first day, many of them children who came for the storytelling "
    "room on the top floor. The building, a former grain store on the canal, took three years "
    "to convert and was paid for partly by a public appeal that raised half a million crowns."
)


def rss(*items: str, title: str = "Coastal Wire") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>https://coastal-wire.example/</link>"
        f"<description>News from the coast</description>{''.join(items)}</channel></rss>"
    )


def item(
    title: str,
    *,
    guid: str,
    text: str | None = None,
    summary: str | None = None,
    link: str | None = None,
    date: str = "Thu, 08 May 2031 07:45:00 +0000",
) -> str:
    parts = [f"<title>{title}</title>", f'<guid isPermaLink="false">{guid}</guid>']
    if link:
        parts.append(f"<link>{link}</link>")
    if summary:
        parts.append(f"<description>{summary}</description>")
    if text:
        paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        parts.append(f"<content:encoded><![CDATA[{paragraphs}]]></content:encoded>")
    parts.append(f"<pubDate>{date}</pubDate>")
    return f"<item>{''.join(parts)}</item>"


FULL_FEED = rss(
    item(
        "Portvale to deepen east channel",
        guid="cw-1001",
        text=LONG,
        link="https://coastal-wire.example/news/channel",
    ),
    item(
        "Dunmere library opens",
        guid="cw-1002",
        text=SECOND,
        link="https://coastal-wire.example/news/library",
        date="Sat, 10 May 2031 18:00:00 +0200",
    ),
)

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Northern Press</title>
  <id>urn:example:northern-press</id>
  <updated>2031-05-09T10:00:00Z</updated>
  <entry>
    <title>Portvale to deepen east channel</title>
    <id>urn:example:np:77</id>
    <link href="https://northern-press.example/77"/>
    <updated>2031-05-09T10:00:00Z</updated>
    <published>2031-05-08T08:00:00Z</published>
    <content type="html">&lt;p&gt;{LONG}&lt;/p&gt;</content>
  </entry>
</feed>
"""


def documents(
    data: str | bytes, source: str = "feed.xml"
) -> list[RawDocument | FeedLink | SourceError]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return list(read_feed(raw, source))


def test_rss_entries_with_full_text_become_documents() -> None:
    found = documents(FULL_FEED)

    assert all(isinstance(d, RawDocument) for d in found)
    first, second = found
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.source == "feed.xml#cw-1001"
    assert first.title == "Portvale to deepen east channel"
    assert first.url == "https://coastal-wire.example/news/channel"
    assert (first.outlet, first.outlet_from) == ("Coastal Wire", "feed")
    assert first.text == LONG
    assert first.published is not None
    assert first.published.iso() == "2031-05-08T07:45:00+00:00"
    assert first.published.source == "feed"
    assert second.published is not None and second.published.iso() == "2031-05-10T18:00:00+02:00"


def test_feed_entry_becomes_an_article_with_its_dateline() -> None:
    from corroborate.article import make_article

    first = documents(FULL_FEED)[0]
    assert isinstance(first, RawDocument)

    article = make_article(first)

    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("Portvale", "CW")
    assert article.outlet == "Coastal Wire"
    assert article.language == "en"


def test_atom_entries_are_read() -> None:
    (entry,) = documents(ATOM, "np.atom")

    assert isinstance(entry, RawDocument)
    assert entry.source == "np.atom#urn:example:np:77"
    assert entry.title == "Portvale to deepen east channel"
    assert entry.outlet == "Northern Press"
    assert entry.url == "https://northern-press.example/77"
    assert entry.published is not None
    assert entry.published.iso() == "2031-05-08T08:00:00+00:00"
    assert entry.text == LONG


def test_summary_only_entries_are_links_to_follow() -> None:
    feed = rss(
        item(
            "Ferries resume",
            guid="cw-9",
            summary="Ferries are running again.",
            link="https://coastal-wire.example/news/ferries",
        )
    )

    (link,) = documents(feed)

    assert isinstance(link, FeedLink)
    assert (link.url, link.source, link.title, link.outlet) == (
        "https://coastal-wire.example/news/ferries",
        "feed.xml#cw-9",
        "Ferries resume",
        "Coastal Wire",
    )
    # the entry's own text and date travel with the link, for when the page cannot be had
    assert link.text == "Ferries are running again."
    assert link.published is not None
    assert link.published.iso() == "2031-05-08T07:45:00+00:00"


def test_a_link_gives_its_entry_text_as_a_document() -> None:
    feed = rss(
        item("Ferries resume", guid="cw-9", summary="<p>Ferries are running again.</p>", link=URL),
        item("Photo gallery", guid="cw-10", link=URL + "/photos"),
    )

    with_text, without_text = documents(feed)

    assert isinstance(with_text, FeedLink) and isinstance(without_text, FeedLink)
    document = with_text.as_document()
    assert document == RawDocument(
        text="Ferries are running again.",
        source="feed.xml#cw-9",
        title="Ferries resume",
        url=URL,
        outlet="Coastal Wire",
        outlet_from="feed",
        published=with_text.published,
    )
    assert without_text.text == ""
    assert without_text.as_document() is None


def test_a_short_entry_without_a_link_is_kept_as_it_is() -> None:
    feed = rss(item("Brief", guid="cw-5", summary="The quay reopened on Monday."))

    (entry,) = documents(feed)

    assert isinstance(entry, RawDocument)
    assert entry.text == "The quay reopened on Monday."


def test_an_entry_with_neither_text_nor_link_is_an_error_naming_it() -> None:
    feed = rss(
        item("Portvale to deepen east channel", guid="cw-1", text=LONG), item("Empty", guid="cw-2")
    )

    found = documents(feed)

    assert isinstance(found[0], RawDocument)
    error = found[1]
    assert isinstance(error, SourceError)
    assert error.source == "feed.xml#cw-2"
    assert "neither text nor a link" in error.reason


URL = "https://coastal-wire.example/news/ferries"


def test_summary_links_are_fetched_through_the_fetcher(tmp_path: Path, store: Store) -> None:
    page = (
        "<html><head><title>Ferries resume</title>"
        '<meta property="og:site_name" content="Coastal Wire Online"></head><body><article>'
        f"<h1>Ferries resume</h1><p>{SECOND}</p></article></body></html>"
    )
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        return httpx.Response(200, text=page, headers={"Content-Type": "text/html; charset=utf-8"})

    feed = tmp_path / "wire.rss"
    feed.write_text(
        rss(
            item(
                "Ferries resume",
                guid="cw-9",
                summary="Ferries are running again.",
                link="https://coastal-wire.example/news/ferries",
            )
        ),
        encoding="utf-8",
    )
    settings = Settings()
    with Fetcher(
        settings.fetch,
        transport=httpx.MockTransport(handler),
        resolver=lambda host: ["93.184.216.34"],
    ) as fetcher:
        result = ingest_sources([str(feed)], store, settings, fetcher=fetcher)

    assert result.ok, result.errors
    assert requested == ["https://coastal-wire.example/news/ferries"]
    (article,) = store.articles()
    assert article.source == f"{feed}#cw-9"
    assert article.text == SECOND
    assert article.url == "https://coastal-wire.example/news/ferries"
    assert article.title == "Ferries resume"


def test_summary_links_are_not_fetched_when_turned_off(tmp_path: Path) -> None:
    feed = tmp_path / "wire.xml"
    feed.write_text(
        rss(item("Ferries", guid="cw-9", summary="Short.", link="https://coastal-wire.example/f")),
        encoding="utf-8",
    )
    settings = Settings().replace("ingest", fetch_feed_links=False)

    (error,) = read_source(str(feed), settings)

    assert isinstance(error, SourceError)
    assert error.source == f"{feed}#cw-9"
    assert "turned off" in error.reason


# --- bad input ----------------------------------------------------------------------


def ingest_with_neighbours(
    folder: Path, bad: Path, store: Store
) -> tuple[list[SourceError], list[SourceError]]:
    good = folder / "good.xml"
    good.write_text(FULL_FEED, encoding="utf-8")
    text = folder / "good.txt"
    text.write_text("The Estria rail line reopened after repairs to a bridge.", encoding="utf-8")
    result = ingest_sources([str(good), str(bad), str(text)], store)
    assert result.sources == 3
    sources = {sighting.source for sighting in store.sightings()}
    assert {f"{good}#cw-1001", f"{good}#cw-1002", str(text)} <= sources
    return result.errors, result.warnings


def test_feed_cut_before_its_entries_is_one_error(tmp_path: Path, store: Store) -> None:
    bad = tmp_path / "cut.xml"
    bad.write_text(FULL_FEED[: FULL_FEED.index("<item>") - 20], encoding="utf-8")

    errors, warnings = ingest_with_neighbours(tmp_path, bad, store)

    assert len(errors) == 1
    assert errors[0].source == str(bad)
    assert "not a valid RSS/Atom feed" in errors[0].reason
    assert warnings == []
    assert store.count_articles() == 3


def test_feed_cut_in_its_last_entry_is_an_error_and_keeps_the_whole_entries(
    tmp_path: Path, store: Store
) -> None:
    whole = rss(
        item("Portvale to deepen east channel", guid="cut-1", text=LONG),
        item("Dunmere library opens", guid="cut-2", text=SECOND),
    )
    bad = tmp_path / "cut.xml"
    bad.write_text(whole[: whole.index("two thousand visitors")], encoding="utf-8")

    errors, warnings = ingest_with_neighbours(tmp_path, bad, store)

    # one error for the file; the entry the cut fell in is not read as half an article
    assert len(errors) == 1
    assert errors[0].source == str(bad)
    assert errors[0].reason.startswith("feed is cut off (unclosed CDATA section at line ")
    assert errors[0].reason.endswith(
        "entries read before the cut: 1; the entry it cut into is skipped"
    )
    assert warnings == []
    # the whole entry was read: the same text as in good.xml, so one more sighting of it
    sources = {sighting.source for sighting in store.sightings()}
    assert f"{bad}#cut-1" in sources
    assert f"{bad}#cut-2" not in sources
    assert store.count_articles() == 3


def test_feed_cut_after_its_entries_is_still_an_error() -> None:
    found = documents(FULL_FEED[: FULL_FEED.index("</channel>")])

    assert [type(d) for d in found] == [RawDocument, RawDocument, SourceError]
    error = found[-1]
    assert isinstance(error, SourceError)
    assert error.source == "feed.xml"
    assert "feed is cut off (no element found" in error.reason
    assert error.reason.endswith("entries read before the cut: 2")


@pytest.mark.parametrize("feed", [FULL_FEED, ATOM], ids=["rss", "atom"])
def test_a_feed_cut_anywhere_is_an_error_and_never_half_an_entry(feed: str) -> None:
    data = feed.rstrip().encode("utf-8")
    whole_texts = {LONG, SECOND}

    for cut in range(1, len(data)):
        try:
            found = list(read_feed(data[:cut], "feed.xml"))
        except SourceError as exc:  # cut before the first entry
            assert "not a valid RSS/Atom feed" in exc.reason, cut
            assert "the file is cut off" in exc.reason, cut
            continue
        assert isinstance(found[-1], SourceError), cut
        assert found[-1].reason.startswith("feed is cut off"), cut
        for entry in found[:-1]:
            assert isinstance(entry, RawDocument) and entry.text in whole_texts, cut


def test_harmless_xml_faults_are_a_warning(tmp_path: Path, store: Store) -> None:
    bad = tmp_path / "entities.xml"
    bad.write_text(
        rss(item("Dunmere&nbsp;library opens", guid="nb-1", text=SECOND)), encoding="utf-8"
    )

    errors, warnings = ingest_with_neighbours(tmp_path, bad, store)

    assert errors == []
    assert len(warnings) == 1
    assert warnings[0].source == str(bad)
    assert warnings[0].reason.startswith("not well-formed XML (undefined entity at line ")
    assert warnings[0].reason.endswith("); read leniently")
    assert f"{bad}#nb-1" in {sighting.source for sighting in store.sightings()}


def test_an_entry_date_that_cannot_be_read_is_a_warning_and_the_entry_is_kept() -> None:
    feed = rss(item("Dunmere library opens", guid="d-1", text=SECOND, date="16/05/2031"))

    warning, entry = documents(feed)

    assert isinstance(warning, SourceWarning)
    assert warning.source == "feed.xml#d-1"
    assert "'16/05/2031' is not a date" in warning.reason
    assert isinstance(entry, RawDocument)
    assert entry.published is None
    assert entry.text == SECOND


def test_xml_that_is_not_a_feed_is_one_error(tmp_path: Path, store: Store) -> None:
    bad = tmp_path / "catalogue.xml"
    bad.write_text(
        '<?xml version="1.0"?><catalogue><ship name="Estrian Star" berth="4"/></catalogue>',
        encoding="utf-8",
    )

    errors, _ = ingest_with_neighbours(tmp_path, bad, store)

    assert len(errors) == 1
    assert errors[0].source == str(bad)
    assert "not an RSS or Atom feed" in errors[0].reason
    assert store.count_articles() == 3


def test_feed_without_entries_is_one_error(tmp_path: Path, store: Store) -> None:
    bad = tmp_path / "quiet.rss"
    bad.write_text(rss(), encoding="utf-8")

    errors, _ = ingest_with_neighbours(tmp_path, bad, store)

    assert [(e.source, e.reason) for e in errors] == [(str(bad), "feed has no entries")]


def test_empty_feed_file_is_one_error(tmp_path: Path, store: Store) -> None:
    bad = tmp_path / "empty.atom"
    bad.write_bytes(b"  \n")

    errors, _ = ingest_with_neighbours(tmp_path, bad, store)

    assert [(e.source, e.reason) for e in errors] == [(str(bad), "empty file")]


def test_feed_content_naming_a_local_file_does_not_read_that_file(tmp_path: Path) -> None:
    # feedparser opens bytes as a file name when it can; a feed body must never do that
    secret = tmp_path / "secret.xml"
    secret.write_text(FULL_FEED, encoding="utf-8")

    with pytest.raises(SourceError) as caught:
        list(read_feed(str(secret).encode(), "pointer.xml"))

    assert caught.value.source == "pointer.xml"
    assert "not a valid RSS/Atom feed" in caught.value.reason


def test_read_source_never_raises_for_a_broken_feed(tmp_path: Path) -> None:
    bad = tmp_path / "junk.rss"
    bad.write_bytes(b"<rss><channel><item><title>\xff\xfe</title>")

    items = list(read_source(str(bad), Settings()))

    assert items
    assert all(isinstance(i, (Article, SourceError)) for i in items)
    assert all(i.source.startswith(str(bad)) for i in items)


# --- a link that cannot be followed ---------------------------------------------------


def test_a_link_that_cannot_be_fetched_keeps_the_entry_text_with_a_warning(
    tmp_path: Path, store: Store
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404 if request.url.path == "/gone" else 200, text="<p>x</p>")

    feed = tmp_path / "wire.rss"
    feed.write_text(
        rss(
            item(
                "Ferries resume",
                guid="cw-9",
                summary="Ferries are running again after the storm.",
                link="https://coastal-wire.example/gone",
            ),
            item("Photo gallery", guid="cw-10", link="https://coastal-wire.example/gone"),
        ),
        encoding="utf-8",
    )
    with Fetcher(
        Settings().fetch,
        transport=httpx.MockTransport(handler),
        resolver=lambda host: ["93.184.216.34"],
    ) as fetcher:
        result = ingest_sources([str(feed)], store, fetcher=fetcher)

    # the entry with text is kept, with a warning; the one without text is an error
    assert [(w.source, w.reason) for w in result.warnings] == [
        (f"{feed}#cw-9", "HTTP 404 Not Found; kept the feed entry's own text instead")
    ]
    assert [(e.source, e.reason) for e in result.errors] == [
        (f"{feed}#cw-10", "entry has only a summary; HTTP 404 Not Found")
    ]
    (article,) = store.articles()
    assert article.source == f"{feed}#cw-9"
    assert article.text == "Ferries are running again after the storm."
    assert (article.title, article.url) == ("Ferries resume", "https://coastal-wire.example/gone")
    assert (article.outlet, article.outlet_from) == ("Coastal Wire", "feed")
    assert article.published is not None
    assert article.published.iso() == "2031-05-08T07:45:00+00:00"

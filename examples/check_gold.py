#!/usr/bin/env python3
"""Check examples/gold.json against the example articles it describes.

Run from anywhere:  python examples/check_gold.py   (exit status 0 when the gold is consistent)

What is checked:
  * every locator resolves to an article: text/<name>.txt, html/<name>.html,
    feeds/<name>.xml#<guid>, jsonl/<name>.jsonl#<line, 1-based>;
  * article metadata in the gold matches the file where the file states it
    (title, outlet, publication date, dateline, credits);
  * every claim "text" and every reuse "passages" string is an exact substring of the
    article's body text, and (when trafilatura / feedparser are installed) also of what
    those libraries extract;
  * every claim id referenced by claim_groups, conflicts, agreements, updates and
    quote_variants exists; every claim is in exactly one claim group;
  * story membership is consistent (articles, independent groups, claim groups, updates);
  * the counts "independent_outlet_groups" / "independent_origins" and the group status
    follow from the claims (rules in examples/README.md);
  * optionally, when ../shared/seeds exists, that no nine-word run is shared with the seeds.

Body text of an article, as the gold's offsets and substrings see it:
  * text files: the whole file (UTF-8);
  * JSONL: the "text" field;
  * HTML: the text of the <p> elements inside <article>, tags removed and entities decoded,
    joined with a blank line;
  * feed items: the same for the <p> elements of <content:encoded>.
Only the standard library is required.
"""
from __future__ import annotations

import email.utils
import html
import json
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "shared" / "seeds"

CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"

CLAIM_KINDS = {"direct_quote", "reported", "according_to", "outlet"}
POLARITIES = {"asserted", "denied"}
STATUSES = {"corroborated", "single-source", "conflicting", "denied"}
CONFLICT_KINDS = {"quantity", "date", "attribution", "polarity"}
REUSE_KINDS = {"duplicate", "wire_copy", "partial_reuse", "shared_source"}
VARIANT_KINDS = {"identical", "punctuation", "words_changed", "truncated"}
DATE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}-W\d{2}|--\d{2}-\d{2})$")


class _HTMLArticle(HTMLParser):
    """Collects <p> texts (inside <article> when there is one), <title>, <meta>, canonical."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.title = ""
        self.h1 = ""
        self.paragraphs: list[str] = []
        self.article_paragraphs: list[str] = []
        self._depth_article = 0
        self._in_title = False
        self._in_h1 = False
        self._p: list[str] | None = None
        self._p_in_article = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key and "content" in a:
                self.meta[key] = a["content"] or ""
        elif tag == "link" and (a.get("rel") or "") == "canonical":
            self.canonical = a.get("href")
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            self._in_h1 = True
        elif tag == "article":
            self._depth_article += 1
        elif tag == "p":
            self._p = []
            self._p_in_article = self._depth_article > 0

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "h1":
            self._in_h1 = False
        elif tag == "article":
            self._depth_article -= 1
        elif tag == "p" and self._p is not None:
            text = re.sub(r"\s+", " ", "".join(self._p)).strip()
            if text:
                self.paragraphs.append(text)
                if self._p_in_article:
                    self.article_paragraphs.append(text)
            self._p = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._in_h1:
            self.h1 += data
        if self._p is not None:
            self._p.append(data)


def _html_body(markup: str) -> tuple[str, _HTMLArticle]:
    parser = _HTMLArticle()
    parser.feed(markup)
    parser.close()
    paras = parser.article_paragraphs or parser.paragraphs
    return "\n\n".join(paras), parser


def load_article(locator: str) -> dict:
    """Return {"text", "meta": {...}, "alt_texts": [...]} for a locator relative to examples/."""
    path_part, _, frag = locator.partition("#")
    path = HERE / path_part
    if not path.is_file():
        raise FileNotFoundError(f"{locator}: no file {path}")
    kind = path_part.split("/", 1)[0]
    meta: dict = {}
    alt: list[str] = []
    if kind == "text":
        if frag:
            raise ValueError(f"{locator}: text locators take no fragment")
        text = path.read_text(encoding="utf-8")
        # leading " outlet NAME" / " url URL" tag lines are metadata, not article text
        tag_lines = re.match(r"^(?: (?:outlet|url) [^\n]*\n)*", text)
        meta["outlet_tag"] = (re.findall(r"^ outlet ([^\n]*)$", tag_lines.group(0), re.M) or [None])[0]
        text = text[tag_lines.end():]
        paras = [p for p in re.split(r"\n\s*\n", text.strip("\n")) if p.strip()]
        first = paras[0] if paras else ""
        m = re.match(r"^ date (\d{4}-\d{2}-\d{2}) ", text)
        meta["date_tag"] = m.group(1) if m else None
        meta["first_paragraph"] = first.strip()
        meta["last_paragraph"] = paras[-1].strip() if paras else ""
        meta["paragraphs"] = [p.strip() for p in paras]
    elif kind == "html":
        markup = path.read_text(encoding="utf-8")
        text, parser = _html_body(markup)
        meta.update(
            outlet=parser.meta.get("og:site_name"),
            title=parser.meta.get("og:title"),
            h1=parser.h1.strip(),
            published=parser.meta.get("article:published_time"),
            url=parser.canonical,
        )
        try:
            import trafilatura  # optional

            extracted = trafilatura.extract(markup, favor_precision=False)
            if extracted is not None:
                alt.append(extracted)
        except ImportError:
            pass
    elif kind == "feeds":
        root = ET.parse(path).getroot()
        channel = root.find("channel")
        if channel is None:
            raise ValueError(f"{locator}: only RSS 2.0 feeds are used in the examples")
        item = None
        for it in channel.findall("item"):
            if (it.findtext("guid") or "").strip() == frag:
                item = it
        if item is None:
            raise KeyError(f"{locator}: no item with guid {frag!r}")
        fragment = item.findtext(CONTENT_NS) or ""
        text, _ = _html_body(fragment)
        pub = item.findtext("pubDate")
        meta.update(
            outlet=(channel.findtext("title") or "").strip(),
            title=(item.findtext("title") or "").strip(),
            published=email.utils.parsedate_to_datetime(pub).isoformat() if pub else None,
            url=(item.findtext("link") or "").strip(),
        )
        try:
            import feedparser  # optional

            for entry in feedparser.parse(str(path)).entries:
                if entry.get("id") == frag and entry.get("content"):
                    alt.append(html.unescape(re.sub(r"<[^>]+>", "", entry.content[0].value)))
        except ImportError:
            pass
    elif kind == "jsonl":
        lines = path.read_text(encoding="utf-8").splitlines()
        n = int(frag)
        if not 1 <= n <= len(lines):
            raise KeyError(f"{locator}: line {n} out of range")
        rec = json.loads(lines[n - 1])
        for field in ("url", "outlet", "title", "published", "text"):
            if field not in rec:
                raise KeyError(f"{locator}: JSONL record lacks {field!r}")
        text = rec["text"]
        meta.update(outlet=rec["outlet"], title=rec["title"], published=rec["published"], url=rec["url"])
    else:
        raise ValueError(f"{locator}: unknown folder {kind!r}")
    return {"text": text, "meta": meta, "alt_texts": alt}


def _tokens(s: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", s.lower().replace("\u2019", "'"))


def check(gold: dict) -> list[str]:
    errors: list[str] = []
    err = errors.append

    articles = gold["articles"]
    stories = gold["stories"]
    loaded: dict[str, dict] = {}
    for loc, info in articles.items():
        try:
            loaded[loc] = load_article(loc)
        except Exception as exc:  # noqa: BLE001 - report every problem
            err(f"article {loc}: {exc}")
            continue
        meta = loaded[loc]["meta"]
        text = loaded[loc]["text"]
        if info.get("story") not in stories:
            err(f"article {loc}: story {info.get('story')!r} not in stories")
        for key in ("outlet", "title", "published", "dateline_place", "credits", "story"):
            if key not in info:
                err(f"article {loc}: missing field {key!r}")
        if loc.startswith("text/"):
            if info.get("published") and not info["published"].startswith("--"):
                if meta["date_tag"] != info["published"][:10]:
                    err(f"article {loc}: date tag {meta['date_tag']} != published {info['published']}")
            if info.get("published", "") and info["published"].startswith("--"):
                mm, dd = info["published"][2:4], info["published"][5:7]
                months = ["January", "February", "March", "April", "May", "June", "July",
                          "August", "September", "October", "November", "December"]
                want = f"{months[int(mm) - 1]} {int(dd)},"
                if want not in meta["first_paragraph"][:80]:
                    err(f"article {loc}: dateline lacks {want!r}")
            if info.get("title") is not None and meta["first_paragraph"] != info["title"]:
                err(f"article {loc}: first line is not the title {info['title']!r}")
            if info.get("title") is None and meta["date_tag"] is None and "(" not in meta["first_paragraph"][:60]:
                err(f"article {loc}: no title, no date tag and no dateline")
        else:
            for key in ("outlet", "title"):
                if meta.get(key) != info.get(key):
                    err(f"article {loc}: {key} in file {meta.get(key)!r} != gold {info.get(key)!r}")
            if meta.get("published", "")[:10] != (info.get("published") or "")[:10]:
                err(f"article {loc}: published in file {meta.get('published')!r} != gold {info.get('published')!r}")
            if info.get("published_time") and meta.get("published") and not loc.startswith("feeds/"):
                if meta["published"] != info["published_time"]:
                    err(f"article {loc}: published_time {info['published_time']} != {meta['published']}")
            if info.get("url") and meta.get("url") != info["url"]:
                err(f"article {loc}: url {meta.get('url')!r} != gold {info['url']!r}")
            if loc.startswith("html/") and meta.get("h1") != info.get("title"):
                err(f"article {loc}: <h1> {meta.get('h1')!r} != title")
        if info.get("dateline_place") and info["dateline_place"].lower() not in text[:120].lower():
            err(f"article {loc}: dateline place {info['dateline_place']!r} not at the start of the text")
        for credit in info.get("credits") or []:
            if credit not in text:
                err(f"article {loc}: credit {credit!r} not in text")
        paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        if not 4 <= len(paras) <= 13:
            err(f"article {loc}: {len(paras)} paragraphs (want 4-10 body paragraphs)")

    def in_article(loc: str, s: str, what: str) -> None:
        if loc not in loaded:
            err(f"{what}: unknown or unloadable article {loc}")
            return
        a = loaded[loc]
        if s not in a["text"]:
            err(f"{what}: not a substring of {loc}: {s!r}")
        for alt in a["alt_texts"]:
            if s not in alt:
                err(f"{what}: not in the library extraction of {loc}: {s!r}")

    # stories
    seen_story: dict[str, str] = {}
    for sid, story in stories.items():
        for loc in story["articles"]:
            if loc not in articles:
                err(f"story {sid}: unknown article {loc}")
            elif articles[loc]["story"] != sid:
                err(f"story {sid}: article {loc} says story {articles[loc]['story']}")
            if loc in seen_story:
                err(f"article {loc} in stories {seen_story[loc]} and {sid}")
            seen_story[loc] = sid
    for loc in articles:
        if loc not in seen_story:
            err(f"article {loc} is in no story")

    # independent groups: a partition of each story's articles; same outlet => same group
    group_of: dict[str, int] = {}
    for sid, groups in gold["independent_groups"].items():
        members = [loc for g in groups for loc in g]
        if sorted(members) != sorted(stories[sid]["articles"]):
            err(f"independent_groups {sid}: not a partition of the story's articles")
        for i, g in enumerate(groups):
            for loc in g:
                group_of[loc] = i
        by_outlet: dict[str, set[int]] = {}
        for loc in members:
            by_outlet.setdefault(articles[loc]["outlet"], set()).add(group_of[loc])
        for outlet, gs in by_outlet.items():
            if len(gs) > 1:
                err(f"independent_groups {sid}: outlet {outlet} split over groups")

    # reuse
    for i, r in enumerate(gold["reuse"]):
        what = f"reuse[{i}]"
        if r["kind"] not in REUSE_KINDS:
            err(f"{what}: kind {r['kind']!r}")
        for key in ("source", "copy"):
            if r[key] not in articles:
                err(f"{what}: unknown {key} {r[key]}")
        if r["source"] in articles and r["copy"] in articles:
            if articles[r["source"]]["story"] != articles[r["copy"]]["story"]:
                err(f"{what}: source and copy in different stories")
            same = group_of.get(r["source"]) == group_of.get(r["copy"])
            if r["kind"] == "shared_source" and same:
                err(f"{what}: shared_source articles should stay in different independent groups")
            if r["kind"] != "shared_source" and not same:
                err(f"{what}: copied articles must be in the same independent group")
        for p in r["passages"]:
            in_article(r["copy"], p, what)
            # a reused passage must closely match some paragraph of the source
            if r["source"] in loaded:
                src = loaded[r["source"]]["text"]
                pt = set(_tokens(p))
                # a shared source is quoted inside each outlet's own sentence: ask only
                # that the passage's words be in a source paragraph
                def overlap(q: str) -> float:
                    qt = set(_tokens(q))
                    whole = pt if r["kind"] == "shared_source" else pt | qt
                    return len(pt & qt) / max(1, len(whole))

                best = max((overlap(q) for q in re.split(r"\n\s*\n", src) if q.strip()),
                           default=0.0)
                if best < 0.6:
                    err(f"{what}: passage not found (even approximately) in source: {p[:60]!r}")

    # claims
    claims = {}
    for c in gold["claims"]:
        cid = c["id"]
        what = f"claim {cid}"
        if cid in claims:
            err(f"{what}: duplicate id")
        claims[cid] = c
        for key in ("article", "text", "speaker", "speaker_role", "relayed_by", "origin", "kind",
                    "quantity", "date", "polarity", "hedged"):
            if key not in c:
                err(f"{what}: missing field {key!r}")
        in_article(c["article"], c["text"], what)
        if c["kind"] not in CLAIM_KINDS:
            err(f"{what}: kind {c['kind']!r}")
        if c["polarity"] not in POLARITIES:
            err(f"{what}: polarity {c['polarity']!r}")
        if c["kind"] == "outlet" and c["speaker"] is not None:
            err(f"{what}: outlet claims have no speaker")
        if not isinstance(c["relayed_by"], list):
            err(f"{what}: relayed_by must be a list")
        if c["date"] is not None and not DATE_RE.match(c["date"]):
            err(f"{what}: bad date {c['date']!r}")
        q = c["quantity"]
        if q is not None:
            for key in ("value", "low", "high", "unit", "hedge"):
                if key not in q:
                    err(f"{what}: quantity lacks {key!r}")
            if q.get("low") is not None and q.get("high") is not None and q["low"] > q["high"]:
                err(f"{what}: quantity low > high")
            if q.get("hedge") and not c["hedged"]:
                err(f"{what}: hedged quantity but hedged is false")
        if c["speaker"] and c["kind"] == "direct_quote":
            pass

    # claim groups
    in_group: dict[str, str] = {}
    groups = {}
    conflict_groups = {cf["group"] for cf in gold["conflicts"]}
    for g in gold["claim_groups"]:
        gid = g["id"]
        what = f"claim group {gid}"
        groups[gid] = g
        if g["status"] not in STATUSES:
            err(f"{what}: status {g['status']!r}")
        if g["story"] not in stories:
            err(f"{what}: unknown story")
        origins, outlet_groups = set(), set()
        for cid in g["claims"]:
            if cid not in claims:
                err(f"{what}: unknown claim {cid}")
                continue
            if cid in in_group:
                err(f"{what}: claim {cid} also in {in_group[cid]}")
            in_group[cid] = gid
            loc = claims[cid]["article"]
            if loc in articles and articles[loc]["story"] != g["story"]:
                err(f"{what}: claim {cid} is from story {articles[loc]['story']}")
            origins.add(claims[cid]["origin"])
            outlet_groups.add((articles.get(loc, {}).get("story"), group_of.get(loc)))
        if g["independent_outlet_groups"] != len(outlet_groups):
            err(f"{what}: independent_outlet_groups {g['independent_outlet_groups']} != {len(outlet_groups)}")
        if g["independent_origins"] != len(origins):
            err(f"{what}: independent_origins {g['independent_origins']} != {len(origins)}")
        denied = any(claims[c]["polarity"] == "denied" for c in g["claims"] if c in claims)
        if denied:
            want = "denied"
        elif gid in conflict_groups:
            want = "conflicting"
        elif len(origins) >= 2:
            want = "corroborated"
        else:
            want = "single-source"
        if g["status"] != want:
            err(f"{what}: status {g['status']!r}, the rules give {want!r}")
    for cid in claims:
        if cid not in in_group:
            err(f"claim {cid} is in no claim group")

    def known(cid: str, what: str) -> bool:
        if cid not in claims:
            err(f"{what}: unknown claim {cid}")
            return False
        return True

    for i, cf in enumerate(gold["conflicts"]):
        what = f"conflicts[{i}]"
        if cf["kind"] not in CONFLICT_KINDS:
            err(f"{what}: kind {cf['kind']!r}")
        if cf["group"] not in groups:
            err(f"{what}: unknown group {cf['group']}")
        if len(cf["claims"]) < 2:
            err(f"{what}: a conflict needs two claims")
        for cid in cf["claims"]:
            if known(cid, what) and in_group.get(cid) != cf["group"]:
                err(f"{what}: claim {cid} not in group {cf['group']}")
        if cf["kind"] == "quantity":
            qs = [claims[c]["quantity"] for c in cf["claims"] if c in claims]
            if any(q is None for q in qs):
                err(f"{what}: quantity conflict between claims without quantities")
        if cf["kind"] == "attribution":
            sp = {claims[c]["speaker"] for c in cf["claims"] if c in claims}
            if len(sp) < 2:
                err(f"{what}: attribution conflict with one speaker")
    for i, ag in enumerate(gold["agreements"]):
        what = f"agreements[{i}]"
        if ag["group"] not in groups:
            err(f"{what}: unknown group {ag['group']}")
        for cid in ag["claims"]:
            if known(cid, what) and in_group.get(cid) != ag["group"]:
                err(f"{what}: claim {cid} not in group {ag['group']}")
    for i, up in enumerate(gold["updates"]):
        what = f"updates[{i}]"
        if known(up["from"], what) and known(up["to"], what):
            a, b = claims[up["from"]]["article"], claims[up["to"]]["article"]
            if articles[a]["story"] != articles[b]["story"]:
                err(f"{what}: from and to in different stories")
            pa, pb = articles[a].get("published"), articles[b].get("published")
            if pa and pb and not pa.startswith("--") and not pb.startswith("--") and pb < pa:
                err(f"{what}: update published before the claim it updates")
            if in_group.get(up["from"]) == in_group.get(up["to"]):
                err(f"{what}: an update links two claim groups, not one")
    for i, qv in enumerate(gold["quote_variants"]):
        what = f"quote_variants[{i}]"
        for cid in qv["claims"]:
            if known(cid, what):
                if claims[cid]["speaker"] != qv["speaker"]:
                    err(f"{what}: claim {cid} speaker {claims[cid]['speaker']!r}")
                if claims[cid]["kind"] != "direct_quote":
                    err(f"{what}: claim {cid} is not a direct quote")
        if qv.get("base") not in qv["claims"]:
            err(f"{what}: base not among the claims")
        for cid, kind in qv["kinds"].items():
            if cid not in qv["claims"]:
                err(f"{what}: kinds names {cid}, not among the claims")
            if kind not in VARIANT_KINDS:
                err(f"{what}: variant kind {kind!r}")

    # size of the corpus, as promised in README.md
    outlets = {a["outlet"] for a in articles.values()}
    if len(articles) < 16 or len(outlets) < 7 or len(claims) < 50:
        err(f"corpus too small: {len(articles)} articles, {len(outlets)} outlets, {len(claims)} claims")

    # fiction only: no nine-word run shared with the real seed reports (when present)
    if SEEDS.is_dir():
        seed_grams = set()
        for f in SEEDS.glob("*.txt"):
            t = _tokens(f.read_text(encoding="utf-8"))
            seed_grams.update(tuple(t[i:i + 9]) for i in range(len(t) - 8))
        for loc, a in loaded.items():
            t = _tokens(a["text"])
            for i in range(len(t) - 8):
                if tuple(t[i:i + 9]) in seed_grams:
                    err(f"article {loc}: shares a nine-word run with the seeds: {' '.join(t[i:i + 9])}")
                    break
    return errors


def main() -> int:
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    errors = check(gold)
    for e in errors:
        print("ERROR", e)
    n = gold
    print(
        f"{len(n['articles'])} articles, {len({a['outlet'] for a in n['articles'].values()})} outlets, "
        f"{len(n['stories'])} stories, {len(n['claims'])} claims, {len(n['claim_groups'])} claim groups, "
        f"{len(n['reuse'])} reuse links, {len(n['conflicts'])} conflicts, {len(n['updates'])} updates, "
        f"{len(n['quote_variants'])} quote-variant sets"
    )
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())

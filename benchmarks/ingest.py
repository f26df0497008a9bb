"""Ingest speed: articles/s for plain text, HTML and WARC on a generated corpus, and the
overhead of everything around trafilatura (HTML: ours vs trafilatura alone, same pages).

    .venv/bin/python benchmarks/ingest.py            # 10,000 articles
    .venv/bin/python benchmarks/ingest.py --count 1000

Both sides of the HTML ratio start from the same files on disk and run interleaved,
chunk by chunk, in one run, so machine noise hits both alike. The baseline is what a
script calling trafilatura itself does: read the file, extract with the same options.
"Ours" is the whole path from file to store: reading, decoding, trafilatura, packaging,
dateline, language, hashing, SQLite writes.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

import trafilatura
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corroborate import Store, ingest_sources
from corroborate.readers.html import TRAFILATURA_OPTIONS
from generated import articles, as_html, as_text

CHUNK = 500


def write_corpus(folder: Path, count: int) -> tuple[list[Path], list[Path], Path]:
    texts, pages = folder / "text", folder / "html"
    texts.mkdir()
    pages.mkdir()
    text_files, html_files = [], []
    warc_path = folder / "crawl.warc.gz"
    with warc_path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for article in articles(count):
            text_file = texts / f"{article.number:06d}.txt"
            text_file.write_text(as_text(article), encoding="utf-8")
            text_files.append(text_file)
            html = as_html(article)
            html_file = pages / f"{article.number:06d}.html"
            html_file.write_text(html, encoding="utf-8")
            html_files.append(html_file)
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            url = f"https://news.example/{article.number}"
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=BytesIO(html.encode()), http_headers=headers
                )
            )
    return text_files, html_files, warc_path


def timed_ingest(sources: list[str], db: Path) -> tuple[float, int]:
    with Store(db) as store:
        start = time.perf_counter()
        result = ingest_sources(sources, store)
        elapsed = time.perf_counter() - start
    if not result.ok:
        raise SystemExit(f"benchmark input failed to ingest: {result.errors[:3]}")
    return elapsed, result.articles


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"generating {args.count} articles ...", flush=True)
        text_files, html_files, warc = write_corpus(folder, args.count)

        text_s, text_n = timed_ingest([str(p) for p in text_files], folder / "text.db")

        ours_s = baseline_s = 0.0
        with Store(folder / "html.db") as store:

            def baseline(chunk: list[Path]) -> float:
                t0 = time.perf_counter()
                for page in chunk:  # what a script calling trafilatura itself does
                    trafilatura.bare_extraction(
                        page.read_text(encoding="utf-8"), **TRAFILATURA_OPTIONS
                    )
                return time.perf_counter() - t0

            def ours(chunk: list[Path]) -> float:
                t0 = time.perf_counter()
                result = ingest_sources([str(p) for p in chunk], store)
                elapsed = time.perf_counter() - t0
                if not result.ok:
                    raise SystemExit(f"benchmark input failed to ingest: {result.errors[:3]}")
                return elapsed

            for number, start in enumerate(range(0, len(html_files), CHUNK)):
                chunk = html_files[start : start + CHUNK]
                # alternate which side goes first, so neither always meets a warm cache
                for side in (baseline, ours) if number % 2 == 0 else (ours, baseline):
                    gc.collect()  # each side starts with the same heap
                    if side is baseline:
                        baseline_s += side(chunk)
                    else:
                        ours_s += side(chunk)
            html_n = store.count_articles()

        warc_s, warc_n = timed_ingest([str(warc)], folder / "warc.db")

    print(f"\n{'input':<28}{'articles':>10}{'seconds':>10}{'articles/s':>12}")
    print(f"{'plain text (files -> store)':<28}{text_n:>10}{text_s:>10.1f}{text_n / text_s:>12.0f}")
    print(f"{'HTML (files -> store)':<28}{html_n:>10}{ours_s:>10.1f}{html_n / ours_s:>12.0f}")
    print(
        f"{'HTML, trafilatura alone':<28}{html_n:>10}{baseline_s:>10.1f}{html_n / baseline_s:>12.0f}"
    )
    print(f"{'WARC (.warc.gz -> store)':<28}{warc_n:>10}{warc_s:>10.1f}{warc_n / warc_s:>12.0f}")
    overhead = ours_s / baseline_s - 1
    print(f"\noverhead around trafilatura (HTML): {overhead:+.1%} (goal: under 15%)")


if __name__ == "__main__":
    main()

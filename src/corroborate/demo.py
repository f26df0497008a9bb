"""The demo: the bundled example corpus, ingested and reported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corroborate.errors import CorroborateError
from corroborate.ingest import IngestResult, ingest_sources
from corroborate.pipeline import analyse
from corroborate.report import render, report_for_store
from corroborate.settings import Settings
from corroborate.store import Store

__all__ = ["DemoResult", "example_corpus", "run_demo"]


def example_corpus() -> Path:
    """The example corpus folder: shipped in the wheel, or ``examples/`` of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "examples", here.parents[1] / "examples"):
        if (candidate / "gold.json").is_file():
            return candidate
    raise CorroborateError(
        "example corpus not found; pass --corpus PATH (the repository's examples/ folder)"
    )


@dataclass(frozen=True)
class DemoResult:
    store_path: Path
    reports: dict[str, Path]  # format -> file
    ingest: IngestResult


def run_demo(
    out_dir: Path, settings: Settings | None = None, corpus: Path | None = None
) -> DemoResult:
    """Ingest the example corpus into ``out_dir/demo.db`` (fresh each time) and write
    the report in every format beside it."""
    settings = settings or Settings()
    corpus = corpus or example_corpus()
    out_dir.mkdir(parents=True, exist_ok=True)
    db_path = out_dir / "demo.db"
    for stale in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        stale.unlink(missing_ok=True)
    reports: dict[str, Path] = {}
    with Store(db_path) as store:
        result = ingest_sources([str(corpus)], store, settings)
        analyse(store, settings)
        model = report_for_store(store, settings.report)
    for fmt in ("html", "md", "json"):
        path = out_dir / f"report.{fmt}"
        path.write_text(render(model, fmt), encoding="utf-8")
        reports[fmt] = path
    return DemoResult(db_path, reports, result)

"""What the commands share: settings overrides, error lines, the progress bar, ingest."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from corroborate.errors import CorroborateError
from corroborate.ingest import IngestResult, expand_sources, ingest_sources
from corroborate.report.render import plural
from corroborate.settings import Settings
from corroborate.store import Store

__all__ = [
    "Context",
    "analysed_model",
    "apply_cli_overrides",
    "fail",
    "ingest_with_progress",
    "open_store",
    "plural",
    "print_problems",
]

err_console = Console(stderr=True, highlight=False)


@dataclass
class Context:
    settings: Settings


def apply_cli_overrides(settings: Settings, fields: Sequence[str], allow_private: bool) -> Settings:
    """``settings`` with ``--field`` and ``--allow-private`` applied."""
    try:
        if fields:
            settings = settings.replace("ingest", fields=settings.ingest.fields.with_pairs(fields))
    except CorroborateError as exc:
        fail(str(exc), status=2)
    if allow_private:
        settings = settings.replace("fetch", allow_private=True)
    return settings


def open_store(sources: Sequence[str], db_path: str | None) -> Store:
    """The store a command works on: --db, or an in-memory one for SOURCES alone."""
    if not sources and not db_path:
        raise click.UsageError("give SOURCES to read, or --db PATH of a store")
    if not sources and db_path and not Path(db_path).is_file():
        fail(
            f"{db_path}: no such store; ingest into it first (corroborate ingest SOURCES --db {db_path})"
        )
    return Store(db_path) if db_path else Store(memory=True)


def fail(message: str, status: int = 1) -> NoReturn:
    """Stop with one clean line (user text is never read as markup)."""
    err_console.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
    sys.exit(status)


def print_problems(result: IngestResult) -> None:
    for problem in result.warnings:
        err_console.print(f"warning: {problem}", markup=False, soft_wrap=True)
    for problem in result.errors:
        err_console.print(f"error: {problem}", markup=False, soft_wrap=True)


@contextmanager
def _progress(counting: str = "sources · {task.fields[articles]} articles") -> Iterator[Progress]:
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(counting),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )
    with progress:
        yield progress


def ingest_with_progress(
    sources: Sequence[str], store: Store, settings: Settings, outlet: str | None = None
) -> IngestResult:
    """Ingest with a progress bar on a terminal; prints one line per bad source."""
    expanded = list(expand_sources(sources))
    with _progress() as progress:
        task = progress.add_task("ingesting", total=len(expanded), articles=0)

        def advance(event: str, count: int) -> None:
            if event == "source":
                progress.update(task, completed=count)
            else:
                progress.update(task, articles=count)

        try:
            result = ingest_sources(expanded, store, settings, progress=advance, outlet=outlet)
        except CorroborateError as exc:
            fail(str(exc))
    print_problems(result)
    return result


_STAGE_WORDS = {
    "reuse": "finding reuse",
    "stories": "grouping stories",
    "claims": "reading claims",
}


def analyse_with_progress(store: Store, settings: Settings) -> None:
    """Run every stage with a progress bar per stage on a terminal."""
    from corroborate.pipeline import analyse

    with _progress("articles") as progress:
        tasks: dict[str, TaskID] = {}

        def advance(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(_STAGE_WORDS.get(stage, stage), total=total)
            progress.update(tasks[stage], completed=done)

        analyse(store, settings, progress=advance)


def analysed_model(
    sources: Sequence[str], db_path: str | None, settings: Settings, outlet: str | None
) -> tuple[dict[str, Any], bool]:
    """What ``report``, ``stories`` and ``reuse`` share: read SOURCES (into the store
    --db, or into memory), run every stage, and build the report model. Returns the model
    and whether every source was read."""
    from corroborate.report import report_for_store

    ok = True
    try:
        with open_store(sources, db_path) as store:
            if sources:
                ok = ingest_with_progress(sources, store, settings, outlet).ok
            analyse_with_progress(store, settings)
            model = report_for_store(store, settings.report)
    except CorroborateError as exc:
        fail(str(exc))
    return model, ok

"""What the commands share: settings loading, error lines, the progress bar, ingest."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from corroborate.errors import CorroborateError
from corroborate.ingest import IngestResult, expand_sources, ingest_sources
from corroborate.settings import Settings
from corroborate.store import Store

__all__ = ["Context", "fail", "ingest_with_progress", "print_problems", "settings_option_values"]

err_console = Console(stderr=True, highlight=False)


@dataclass
class Context:
    settings: Settings
    config: str | None  # the user's settings file, for commands that reload with overrides


def settings_option_values(
    settings: Settings, fields: Sequence[str], allow_private: bool
) -> Settings:
    """``settings`` with the command-line overrides applied."""
    if fields:
        mapping = {}
        for item in fields:
            key, sep, value = item.partition("=")
            if not sep or not value:
                raise click.BadParameter(
                    f"{item!r}: use NAME=FIELD, e.g. text=body", param_hint="--field"
                )
            mapping[key.strip()] = value.strip()
        current = settings.ingest.fields
        known = set(current.__dataclass_fields__)
        unknown = set(mapping) - known
        if unknown:
            raise click.BadParameter(
                f"unknown field {sorted(unknown)[0]!r}; known: {', '.join(sorted(known))}",
                param_hint="--field",
            )
        settings = settings.replace("ingest", fields=replace(current, **mapping))
    if allow_private:
        settings = settings.replace("fetch", allow_private=True)
    return settings


def fail(message: str) -> None:
    """Stop with one clean line and exit status 1."""
    err_console.print(
        f"[bold red]error:[/] {message}", markup=True, highlight=False, soft_wrap=True
    )
    sys.exit(1)


def print_problems(result: IngestResult) -> None:
    for problem in result.warnings:
        err_console.print(
            f"warning: {problem.source}: {problem.reason}",
            markup=False,
            soft_wrap=True,
        )
    for problem in result.errors:
        err_console.print(
            f"error: {problem.source}: {problem.reason}", markup=False, soft_wrap=True
        )


@contextmanager
def _progress(total: int) -> Iterator[Progress]:
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("sources · {task.fields[articles]} articles"),
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
    with _progress(len(expanded)) as progress:
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
            raise  # unreachable: fail exits
    print_problems(result)
    return result

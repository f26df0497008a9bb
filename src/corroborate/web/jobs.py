"""Ingest jobs run in the background: what the add page sends is read, analysed and
indexed by one worker thread, one job at a time (SQLite has one writer; a second
writer would only wait), while the pages keep being served.

A job's progress is what the ingest and analysis runners report as they go; the job
page shows it and, when the job is done, the stories its articles are in.
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from corroborate.errors import CorroborateError
from corroborate.ingest import Source, ingest_sources
from corroborate.pipeline import analyse
from corroborate.settings import Settings
from corroborate.store import Store

__all__ = ["Busy", "Job", "Jobs"]

log = logging.getLogger(__name__)

# Finished jobs kept for their pages; older ones are forgotten (never unfinished ones).
KEPT_JOBS = 200
# Adds that may wait at once; more are refused until some are done (each holds what
# was sent, up to web.max_upload_bytes, in memory).
MAX_WAITING = 20
_STAGE_WORDS = {
    "reading": "reading",
    "reuse": "finding reuse",
    "stories": "grouping stories",
    "claims": "reading claims",
}

State = Literal["queued", "running", "done", "failed"]


class Busy(Exception):
    """Too many adds are waiting."""


@dataclass
class Job:
    id: str
    sources: list[str]  # what was sent, as named in messages
    outlet: str | None = None
    state: State = "queued"
    stage: str = "waiting"
    done: int = 0
    total: int = 0
    articles: int = 0
    new: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)  # ids of the stories its articles are in
    created: float = field(default_factory=time.time)
    finished: float | None = None

    def record(self) -> dict[str, Any]:
        """The job as the API and the job page show it."""
        return {
            "id": self.id,
            "state": self.state,
            "stage": _STAGE_WORDS.get(self.stage, self.stage),
            "done": self.done,
            "total": self.total,
            "sources": list(self.sources),
            "outlet": self.outlet,
            "articles": self.articles,
            "new": self.new,
            "errors": list(self.errors),
            "warnings": list(self.warnings),
            "stories": list(self.stories),
            "seconds": round((self.finished or time.time()) - self.created, 1),
        }


class Jobs:
    """The queue of ingest jobs and the worker thread that runs them."""

    def __init__(
        self,
        db_path: str | Path,
        settings: Settings,
        after: Callable[[Job], object] | None = None,
    ) -> None:
        """``after`` is called in the worker thread when a job has finished (the app
        lays out the pages of the newest stories then, before anyone asks)."""
        self._path = Path(db_path)
        self._settings = settings
        self.after = after
        self._unfinished = 0  # jobs submitted and not yet done with (their after-work too)
        self._queue: queue.Queue[tuple[Job, Sequence[Source]] | None] = queue.Queue()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._worker = threading.Thread(target=self._work, name="ingest-jobs", daemon=True)
        self._worker.start()

    def submit(self, sources: Sequence[Source], outlet: str | None = None) -> Job:
        """Queue an add; raises :class:`Busy` when too many are waiting already."""
        job = Job(id=secrets.token_hex(8), sources=[str(s) for s in sources], outlet=outlet)
        with self._lock:
            if self._unfinished >= MAX_WAITING:
                raise Busy(f"{self._unfinished} adds are waiting; try again when they are done")
            self._unfinished += 1
            self._jobs[job.id] = job
            finished = [k for k, j in self._jobs.items() if j.finished is not None]
            for old in finished[: max(0, len(self._jobs) - KEPT_JOBS)]:
                del self._jobs[old]
        self._queue.put((job, sources))
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def busy(self) -> bool:
        """Whether a job is running or waiting (the stories may change any moment)."""
        with self._lock:
            return self._unfinished > 0

    def stop(self, wait_s: float = 10.0) -> None:
        """Let the running job finish (up to ``wait_s``); queued ones are dropped."""
        self._queue.put(None)
        self._worker.join(wait_s)

    def _work(self) -> None:
        while (item := self._queue.get()) is not None:
            job, sources = item
            try:
                self._run(job, sources)
                # Nothing could be read: the add failed, whatever ran after it.
                job.state = "failed" if job.errors and not job.articles else "done"
            except CorroborateError as exc:
                job.errors.append(str(exc))
                job.state = "failed"
            except Exception as exc:  # a bug must not stop the worker for later jobs
                log.exception("ingest job %s failed", job.id)
                job.errors.append(f"unexpected error ({type(exc).__name__}: {exc})")
                job.state = "failed"
            job.finished = time.time()
            if self.after is not None:
                try:
                    self.after(job)
                except Exception:
                    log.exception("after ingest job %s", job.id)
            with self._lock:
                self._unfinished -= 1

    def _run(self, job: Job, sources: Sequence[Source]) -> None:
        job.state, job.stage, job.total = "running", "reading", len(sources)

        def reading(event: str, count: int) -> None:
            if event == "source":
                job.done = count
            else:
                job.articles = count

        def analysing(stage: str, done: int, total: int) -> None:
            job.stage, job.done, job.total = stage, done, total

        with Store(self._path) as store:
            result = ingest_sources(
                sources, store, self._settings, progress=reading, outlet=job.outlet
            )
            job.articles, job.new = len(result.article_ids), result.new
            job.errors += [str(e) for e in result.errors]
            job.warnings += [str(w) for w in result.warnings]
            analyse(store, self._settings, progress=analysing)
            job.stage = "done"
            placed = (store.story_of(a) for a in dict.fromkeys(result.article_ids))
            job.stories = list(dict.fromkeys(s for s in placed if s))

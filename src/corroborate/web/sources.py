"""What an add request sends, checked and turned into ingest sources.

Nothing a request says ever names a file here: uploads and pasted text are held in
memory as :class:`~corroborate.ingest.Upload`, and a client's file name is kept only
(cleaned) to say which file a message is about and to tell its format by its suffix.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Sequence

from corroborate.fetch import is_url
from corroborate.ingest import Source, Upload

__all__ = ["AddError", "collect_sources", "upload_name"]

_UNSAFE = re.compile(r"[^\w.\- ]+")


class AddError(ValueError):
    """What is wrong with an add request, said so the user can fix it."""


def upload_name(client_name: str | None, number: int) -> str:
    """A display name for an uploaded file: its base name, odd characters replaced."""
    base = re.split(r"[\\/]", client_name or "")[-1]
    cleaned = _UNSAFE.sub("_", base).strip(" .")[:120]
    return f"upload {cleaned or f'file {number}'}"


def collect_sources(
    texts: Sequence[str],
    urls: Sequence[str],
    files: Sequence[Upload],
    max_sources: int,
) -> list[Source]:
    """Pasted texts, URLs (one per line or item) and files, in that order; raises
    :class:`AddError` when nothing is given, a URL is not http(s) or there are too many."""
    # Named apart (the store keeps one record per source name): when, plus a random tag.
    stamp = f"{time.strftime('%Y-%m-%d %H-%M-%S')} {secrets.token_hex(3)}"
    sources: list[Source] = [
        Upload(f"pasted text {stamp} #{n}", text.encode("utf-8"))
        for n, text in enumerate((t for t in texts if t.strip()), 1)
    ]
    lines = [line.strip() for block in urls for line in block.splitlines() if line.strip()]
    for number, line in enumerate(lines, 1):
        if not is_url(line):
            raise AddError(f"URL {number} ({line[:80]!r}) is not an http:// or https:// address")
    sources += lines
    sources += [f for f in files if f.data]
    if not sources:
        raise AddError("nothing to add: paste an article's text, give URLs or choose files")
    if len(sources) > max_sources:
        raise AddError(
            f"{len(sources)} sources in one add; at most {max_sources} (web.max_sources)"
        )
    return sources

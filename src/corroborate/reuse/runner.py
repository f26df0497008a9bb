"""Runs the reuse stage over a store: checks the articles not checked yet against
everything held, and saves their signatures and links."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from corroborate.reuse import ReuseFinder
from corroborate.reuse.sketch import BANDS, NUM_PERM, ROWS_PER_BAND, VALUE_BITS, Signer
from corroborate.store import Store

__all__ = ["ALGORITHM", "ReuseUpdate", "update_reuse"]

# Stored signatures are reused only when made the same way; changing any parameter
# changes this name, and the next run recomputes them.
ALGORITHM = f"minhash{VALUE_BITS}-{BANDS}x{ROWS_PER_BAND}-pieces-v2"
# Articles matched per step: each step is one transaction, so a killed run loses at
# most one step, and memory stays bounded on large stores.
STEP = 5_000


@dataclass(frozen=True)
class ReuseUpdate:
    checked: int  # articles checked in this run
    new_links: int
    links: int  # links the store now holds


def update_reuse(
    store: Store,
    signer: Signer | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ReuseUpdate:
    held = store.reuse_signatures(ALGORITHM, NUM_PERM)
    finder = ReuseFinder(store.article, signer)
    finder.hold(held, store.reuse_links())
    pending = [a for a in store.articles() if a.id not in held]
    new_links = 0
    if progress and pending:
        progress("reuse", 0, len(pending))
    for start in range(0, len(pending), STEP):
        batch = finder.add(pending[start : start + STEP])
        store.add_reuse(ALGORITHM, batch.signatures, batch.links)
        new_links += len(batch.links)
        if progress:
            progress("reuse", min(start + STEP, len(pending)), len(pending))
    return ReuseUpdate(len(pending), new_links, len(store.reuse_links()))

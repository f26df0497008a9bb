"""Runs every stage that exists over a store, each one incrementally: what was done
before is kept, only new articles are worked on."""

from __future__ import annotations

from dataclasses import dataclass

from corroborate.reuse.runner import ReuseUpdate, update_reuse
from corroborate.store import Store

__all__ = ["Analysis", "analyse"]


@dataclass(frozen=True)
class Analysis:
    reuse: ReuseUpdate


def analyse(store: Store) -> Analysis:
    return Analysis(reuse=update_reuse(store))

"""Shared fixtures: an in-memory store, settings, the example corpus, the seeds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corroborate import Settings, Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(memory=True) as s:
        yield s


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    return SEEDS

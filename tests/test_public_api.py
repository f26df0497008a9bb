"""The declared public surface exists and stays as documented."""

from __future__ import annotations

import importlib

import corroborate

MODULES = [
    "corroborate",
    "corroborate.records",
    "corroborate.errors",
    "corroborate.settings",
    "corroborate.store",
]


def test_all_names_exist() -> None:
    for name in MODULES:
        module = importlib.import_module(name)
        for exported in module.__all__:
            assert hasattr(module, exported), f"{name}.{exported} is in __all__ but missing"


def test_record_types_are_exported() -> None:
    for record in [
        "Article",
        "ReuseLink",
        "Story",
        "Claim",
        "Quantity",
        "TimeRef",
        "Entity",
        "ClaimGroup",
        "Span",
    ]:
        assert record in corroborate.__all__


def test_one_error_base() -> None:
    for name in ["SettingsError", "StoreError", "SourceError", "FetchError"]:
        assert issubclass(getattr(corroborate, name), corroborate.CorroborateError)

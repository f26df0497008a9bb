"""corroborate: read many news reports of the same events and tell, with evidence, who
copied whom, who said what, what independent sources corroborate and where they conflict."""

from __future__ import annotations

from corroborate.article import RawDocument, make_article
from corroborate.errors import (
    CorroborateError,
    FetchError,
    SettingsError,
    SourceError,
    SourceWarning,
    StoreError,
)
from corroborate.ingest import IngestResult, ingest_sources
from corroborate.records import (
    Article,
    Claim,
    ClaimGroup,
    Dateline,
    Entity,
    PubDate,
    Quantity,
    ReuseLink,
    Span,
    Story,
    TimeRef,
)
from corroborate.settings import Settings, load_settings
from corroborate.store import Store

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Claim",
    "ClaimGroup",
    "CorroborateError",
    "Dateline",
    "Entity",
    "FetchError",
    "IngestResult",
    "PubDate",
    "Quantity",
    "RawDocument",
    "ReuseLink",
    "Settings",
    "SettingsError",
    "SourceError",
    "SourceWarning",
    "Span",
    "Store",
    "StoreError",
    "Story",
    "TimeRef",
    "__version__",
    "ingest_sources",
    "load_settings",
    "make_article",
]

"""The web app (``corroborate serve``): browse stories, read briefs, add articles."""

from __future__ import annotations

from corroborate.web.app import create_app

__all__ = ["create_app"]

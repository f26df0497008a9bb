"""Reports: one model (:func:`build_report`), three renderings (Markdown, JSON, HTML)."""

from __future__ import annotations

from corroborate.report.model import STAGES, build_report, report_for_store
from corroborate.report.render import REPORT_FORMATS, render

__all__ = ["REPORT_FORMATS", "STAGES", "build_report", "render", "report_for_store"]

"""Monthly client reports: KPIs against last month and targets, charts, findings, exports.

- :func:`monthly_report` builds a :class:`MonthlyReport` for one month of the
  course data (:mod:`smmlab.report.monthly`).
- :func:`export` writes it, picking the format from the file name:
  ``.html`` (one self-contained page), ``.xlsx`` (a workbook whose rates are
  live Excel formulas) or ``.slides.html`` (reveal.js slides made by running
  the report notebook shipped in ``smmlab/report/templates``); or call
  :func:`to_html`, :func:`to_xlsx` and :func:`to_slides` directly
  (:mod:`smmlab.report.export`).

Every file is written atomically: a temporary file in the same folder, then
renamed into place, so a failure never leaves a half-written report.

Examples
--------
>>> from smmlab import report
>>> october = report.monthly_report("2025-10")
>>> october.title
'Atelier Ginestra: social media report, October 2025'
>>> october.close()
"""

from smmlab.report.export import (
    FORMATS,
    export,
    figure_html,
    slide_html,
    table_html,
    to_html,
    to_slides,
    to_xlsx,
)
from smmlab.report.monthly import (
    CHARTS,
    KPIS,
    MonthlyReport,
    available_months,
    default_targets,
    format_value,
    month_label,
    monthly_report,
)

__all__ = [
    "CHARTS",
    "FORMATS",
    "KPIS",
    "MonthlyReport",
    "available_months",
    "default_targets",
    "export",
    "figure_html",
    "format_value",
    "month_label",
    "monthly_report",
    "slide_html",
    "table_html",
    "to_html",
    "to_slides",
    "to_xlsx",
]

"""Write a monthly report as an HTML page, an Excel workbook with live formulas, or slides.

- :func:`to_html`: one self-contained HTML file (charts inline as PNG with their
  alt text, tables with captions, no external resources) to e-mail a client.
- :func:`to_xlsx`: a workbook with one sheet per table and the month's raw
  posts and campaigns, where every rate is an Excel formula over the count
  cells (the bridge from Excel to Python: click a cell, read the formula).
- :func:`to_slides`: reveal.js slides, made by running the report notebook
  shipped in ``smmlab/report/templates`` with papermill and converting it with
  nbconvert, code hidden, one chart per slide under a conclusion-style title.
- :func:`export` picks one of them from the file name.

Every file is written atomically: first to a temporary file in the target
folder, then renamed over the target (``os.replace``), so a reader never sees
half a report and a failure leaves nothing behind.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from smmlab.report import monthly_report
>>> report = monthly_report("2025-10")
>>> with tempfile.TemporaryDirectory() as tmp:
...     page = export(report, Path(tmp) / "october.html")
...     "<title>Atelier Ginestra" in page.read_text(encoding="utf-8")
True
>>> report.close()
"""

from __future__ import annotations

import base64
import dataclasses
import html
import math
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from smmlab import __version__, datasets, metrics, viz
from smmlab._files import write_atomic
from smmlab._messages import current_language
from smmlab.report._messages import MESSAGES
from smmlab.report._reveal import reveal_slides, slides_exporter
from smmlab.report.monthly import (
    CHARTS,
    GAP_SECTIONS,
    POINT_UNITS,
    MonthlyReport,
    available_months,
    check_month,
    format_value,
    month_label,
    monthly_report,
    per_post,
)

#: File endings and the format each one writes (the longest ending is checked first).
FORMATS: dict[str, str] = {".slides.html": "slides", ".html": "html", ".xlsx": "xlsx"}
#: The report notebook that :func:`to_slides` runs.
TEMPLATE = Path(__file__).resolve().parent / "templates" / "monthly_report.ipynb"
#: The slides, in order: each is one code cell of the template calling :func:`slide_html`.
SLIDES: tuple[str, ...] = ("title", "findings", "kpis", *CHARTS, "top_posts")
#: Cell tags left out of the slides.
HIDDEN_TAGS: tuple[str, ...] = ("parameters", "injected-parameters", "remove-cell")
#: Resolution of the charts embedded in HTML.
PNG_DPI = 150

_PathLike = str | os.PathLike[str]


def _t(key: str, /, **fields: object) -> str:
    return MESSAGES.text(key, **fields)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


# --------------------------------------------------------------------------------------------
# HTML pieces (shared by the page and the slides)
# --------------------------------------------------------------------------------------------


def _png_base64(fig: Figure) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        target = viz.save_figure(fig, Path(tmp) / "chart.png", dpi=PNG_DPI, bbox_inches="tight")
        return base64.b64encode(target.read_bytes()).decode("ascii")


def figure_html(fig: Figure, caption: str | None = None) -> str:
    """Return a chart as an HTML ``<figure>``: an inline PNG with its alt text, and a caption.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = viz.funnel({"Impressions": 1000, "Clicks": 30})
    >>> snippet = figure_html(fig, "Clicks were 3 % of impressions")
    >>> snippet.startswith('<figure><img src="data:image/png;base64,')
    True
    >>> 'alt="Funnel bar chart of 2 stages' in snippet
    True
    >>> plt.close(fig)
    """
    img = (f'<img src="data:image/png;base64,{_png_base64(fig)}" alt="{_e(viz.alt_text(fig))}" '
           'style="max-width:100%;height:auto">')
    cap = f"<figcaption>{_e(caption)}</figcaption>" if caption else ""
    return f"<figure>{img}{cap}</figure>"


def table_html(
    frame: pd.DataFrame,
    caption: str,
    *,
    formats: Mapping[str, Callable[[object], str]] | None = None,
    headers: Mapping[str, str] | None = None,
    row_header: str | None = None,
    numeric: Sequence[str] = (),
) -> str:
    """Return ``frame`` as an HTML table with a caption and column headers.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to show (the index is not shown; put it in a column).
    caption : str
        What the table shows, for every reader and for screen readers.
    formats : mapping, optional
        Column -> function turning a value into text.
    headers : mapping, optional
        Column -> header text.
    row_header : str, optional
        The column whose cells name their row (``<th scope="row">``).
    numeric : sequence of str
        Columns aligned right.

    Examples
    --------
    >>> print(table_html(pd.DataFrame({"a": [1]}), "One row"))
    <table><caption>One row</caption><thead><tr><th scope="col">a</th></tr></thead><tbody>\
<tr><td>1</td></tr></tbody></table>
    """
    formats = formats or {}
    headers = headers or {}
    head = "".join(f'<th scope="col"{" class=num" if c in numeric else ""}>'
                   f"{_e(headers.get(c, c))}</th>" for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, row, strict=True):
            text = _e(formats[column](value) if column in formats else value)
            tag = "th" if column == row_header else "td"
            scope = ' scope="row"' if tag == "th" else ""
            klass = " class=num" if column in numeric else ""
            cells.append(f"<{tag}{scope}{klass}>{text}</{tag}>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (f"<table><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def _verdict_text(verdict: str) -> str:
    mark = {_t("vs.met"): "✓ ", _t("vs.missed"): "✗ "}.get(verdict, "")
    return mark + verdict


def _kpi_table_html(report: MonthlyReport) -> str:
    kpis = report.kpis
    rows = pd.DataFrame({
        "name": kpis["name"],
        "this_month": [format_value(v, u, report.currency)
                       for v, u in zip(kpis["this_month"], kpis["unit"], strict=True)],
        "previous_month": [format_value(v, u, report.currency)
                           for v, u in zip(kpis["previous_month"], kpis["unit"], strict=True)],
        "change": [format_value(v, "points" if u in POINT_UNITS else "change")
                   for v, u in zip(kpis["change"], kpis["unit"], strict=True)],
        "target": [format_value(v, u, report.currency)
                   for v, u in zip(kpis["target"], kpis["unit"], strict=True)],
        "vs_target": [_verdict_text(v) for v in kpis["vs_target"]],
    })
    headers = {c: _t(f"col.{c}") for c in rows.columns if c != "name"} | {"name": _t("col.kpi")}
    caption = _t("html.kpis_caption", month=report.month_label,
                 previous_month=report.previous_label or "–")
    return table_html(rows, caption, headers=headers, row_header="name",
                      numeric=["this_month", "previous_month", "change", "target"])


def _posts_table_html(report: MonthlyReport, posts: pd.DataFrame, caption: str) -> str:
    columns = ["post_id", "platform", "published_at", "format", "content_pillar", "reach",
               "engagements", "engagement_rate"]
    formats = {
        "published_at": lambda d: _t("fmt.datetime", d=pd.Timestamp(d)),
        "reach": lambda v: format_value(v, "count"),
        "engagements": lambda v: format_value(v, "count"),
        "engagement_rate": lambda v: format_value(v, "pct"),
    }
    return table_html(posts[columns], caption, formats=formats,
                      headers={c: _t(f"col.{c}") for c in columns}, row_header="post_id",
                      numeric=["reach", "engagements", "engagement_rate"])


_PLATFORM_COLUMNS: dict[str, str] = {
    "posts": "count", "reach": "count", "engagements": "count", "engagement_rate": "pct",
    "followers_end": "count", "follower_growth": "change", "ad_spend": "money_round",
    "clicks": "count", "conversions": "count", "cpa": "money", "roas": "multiple",
}


def _platform_table_html(report: MonthlyReport) -> str:
    frame = report.by_platform.reset_index()[["platform", *_PLATFORM_COLUMNS]]
    formats = {c: (lambda v, u=u: format_value(v, u, report.currency))
               for c, u in _PLATFORM_COLUMNS.items()}
    headers = {c: _t(f"col.{c}") for c in frame.columns}
    return table_html(frame, _t("html.platform_caption", month=report.month_label),
                      formats=formats, headers=headers, row_header="platform",
                      numeric=list(_PLATFORM_COLUMNS))


def all_gaps(report: MonthlyReport) -> list[str]:
    """Every sentence of ``report.gaps``, once each, in the order of the report's sections.

    Examples
    --------
    >>> report = monthly_report("2025-10")
    >>> all_gaps(report)  # the course data lacks nothing
    []
    >>> report.close()
    """
    out: list[str] = []
    for section in GAP_SECTIONS:
        out += [text for text in report.gaps.get(section, []) if text not in out]
    return out


def _gaps_html(report: MonthlyReport, section: str) -> str:
    """The section's sentences on what the data lacks, as a list ('' when it lacks nothing)."""
    items = "".join(f"<li>{_e(text)}</li>" for text in report.gaps.get(section, []))
    return f'<ul class="gaps" style="color:#7a3e00">{items}</ul>' if items else ""


def _gaps_section(report: MonthlyReport) -> str:
    if not report.gaps:
        return ""
    return (f'<section aria-labelledby="gaps">\n<h2 id="gaps">{_e(_t("html.gaps"))}</h2>\n'
            f'<p>{_e(_t("gaps.intro"))}</p>\n{_gaps_html(report, "data")}\n</section>\n')


def _alerts_html(report: MonthlyReport) -> str:
    if report.alerts.empty and report.gaps.get("alerts"):
        return _gaps_html(report, "alerts")  # no listening export: not "no unusual run"
    if report.alerts.empty:
        return f"<p>{_e(_t('html.no_alerts', month=report.month_label))}</p>"
    frame = report.alerts[["start", "end", "label", "reason"]]
    when = {c: (lambda d: _t("fmt.datetime", d=pd.Timestamp(d))) for c in ("start", "end")}
    return table_html(frame, _t("html.alerts_caption", month=report.month_label),
                      formats=when, headers={c: _t(f"col.{c}") for c in frame.columns})


def _subtitle(report: MonthlyReport) -> str:
    key = "html.subtitle" if report.previous_month else "html.subtitle_first"
    return _t(key, industry=report.industry, currency=report.currency, timezone=report.timezone,
              previous_month=report.previous_label)


def slide_html(report: MonthlyReport, name: str) -> str:
    """Return the HTML of one slide of the report's deck (see :data:`SLIDES`).

    The report notebook shows one of these per slide; a chart slide is the
    chart under its conclusion-style headline.

    Examples
    --------
    >>> report = monthly_report("2025-10")
    >>> slide_html(report, "findings").startswith("<h2>Three things to know</h2>")
    True
    >>> report.close()
    """
    if name == "title":
        return (f"<style>{_SLIDE_CSS}</style><h1>{_e(report.brand)}</h1>"
                f"<h3>{_e(_t('slides.subtitle'))}: {_e(report.month_label)}</h3>"
                f"<p>{_e(_subtitle(report))}</p>")
    if name == "findings":
        items = "".join(f"<li>{_e(s)}</li>" for s in report.findings)
        gaps = "".join(f"<li>{_e(s)}</li>" for s in all_gaps(report))
        lacks = (f'<div style="font-size:0.45em"><h4>{_e(_t("html.gaps"))}</h4>'
                 f"<p>{_e(_t('gaps.intro'))}</p><ul>{gaps}</ul></div>" if gaps else "")
        return f"<h2>{_e(_t('slides.findings'))}</h2><ol>{items}</ol>{lacks}"
    if name == "kpis":
        note = _t("slides.kpis_note", previous_month=report.previous_label or "–")
        return (f"<h2>{_e(report.headlines['kpis'])}</h2>"
                f'<div style="font-size:0.5em">{_kpi_table_html(report)}<p>{_e(note)}</p></div>')
    if name == "top_posts":
        caption = _t("html.top_caption", n=len(report.top_posts), month=report.month_label,
                     min_reach=format_value(report.min_reach, "count"))
        return (f"<h2>{_e(report.headlines['top_posts'])}</h2>"
                f'<div style="font-size:0.55em">'
                f"{_posts_table_html(report, report.top_posts, caption)}</div>")
    if name in CHARTS:
        headline = f"<h2>{_e(report.headlines.get(name, ''))}</h2>"
        fig = report.charts.get(name)
        if fig is None:
            return headline
        img = figure_html(fig).replace("max-width:100%;height:auto",
                                       "max-width:100%;max-height:62vh;height:auto")
        return headline + img
    raise ValueError(MESSAGES.text("err.format", path=name, allowed=", ".join(SLIDES)))


_SLIDE_CSS = (".reveal table .num { text-align: right; } .reveal table caption { font-size: .9em; "
              "padding-bottom: .3em; } .reveal figure { margin: 0; }")

_CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; font-size: 1rem; line-height: 1.55; color: #222; background: #fff;
       max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
header { border-bottom: 4px solid #0072B2; margin-bottom: 1.5rem; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; color: #0a3d62; }
.subtitle { color: #555; margin: 0 0 1rem; }
ol.findings li { margin-bottom: .5rem; font-size: 1.08rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1.2rem; font-size: .95rem; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { padding: .35rem .6rem; border-bottom: 1px solid #ddd; text-align: left;
         vertical-align: top; }
thead th { border-bottom: 2px solid #555; background: #f3f6f9; }
tbody tr:nth-child(even) { background: #fafafa; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1.5rem 0; }
figcaption { font-weight: 600; margin-top: .4rem; }
dl.notes dt { font-weight: 600; margin-top: .6rem; }
dl.notes dd { margin: 0 0 0 1rem; color: #333; }
footer { margin-top: 3rem; font-size: .85rem; color: #555; border-top: 1px solid #ddd; }
@media print { body { max-width: none; } figure, table { break-inside: avoid; } }
"""


def _html_page(report: MonthlyReport) -> str:
    notes = "".join(f"<dt>{_e(name)}</dt><dd>{_e(note)}</dd>"
                    for name, note in zip(report.kpis["name"], report.kpis["note"], strict=True))
    charts = "".join(figure_html(report.charts[name], report.headlines.get(name))
                     for name in CHARTS if name in report.charts)
    count = format_value(report.min_reach, "count")
    top_caption = _t("html.top_caption", n=len(report.top_posts), month=report.month_label,
                     min_reach=count)
    bottom_caption = _t("html.bottom_caption", n=len(report.bottom_posts),
                        month=report.month_label, min_reach=count)
    findings = "".join(f"<li>{_e(s)}</li>" for s in report.findings)
    footer = _t("html.footer", version=__version__, brand=report.brand)
    return f"""<!DOCTYPE html>
<html lang="{current_language()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="smmlab {_e(__version__)}">
<title>{_e(report.title)}</title>
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>{_e(report.title)}</h1>
<p class="subtitle">{_e(_subtitle(report))}</p>
</header>
<main>
<section aria-labelledby="findings">
<h2 id="findings">{_e(_t("html.findings"))}</h2>
<ol class="findings">{findings}</ol>
</section>
{_gaps_section(report)}<section aria-labelledby="kpis">
<h2 id="kpis">{_e(_t("html.kpis"))}</h2>
{_kpi_table_html(report)}
{_gaps_html(report, "kpis")}<p>{_e(_t("note.targets"))}</p>
<details><summary>{_e(_t("html.notes"))}</summary><dl class="notes">{notes}</dl></details>
</section>
<section aria-labelledby="charts">
<h2 id="charts">{_e(_t("html.charts"))}</h2>
{charts}
{_gaps_html(report, "reach_by_platform")}{_gaps_html(report, "paid_funnel")}</section>
<section aria-labelledby="alerts">
<h2 id="alerts">{_e(_t("html.alerts"))}</h2>
{_alerts_html(report)}
{_gaps_html(report, "alerts") if len(report.alerts) else ""}</section>
<section aria-labelledby="top">
<h2 id="top">{_e(_t("html.top_posts"))}</h2>
{_posts_table_html(report, report.top_posts, top_caption)}
<h2>{_e(_t("html.bottom_posts"))}</h2>
{_posts_table_html(report, report.bottom_posts, bottom_caption)}
{_gaps_html(report, "top_posts")}</section>
<section aria-labelledby="platforms">
<h2 id="platforms">{_e(_t("html.by_platform"))}</h2>
{_platform_table_html(report)}
{_gaps_html(report, "by_platform")}</section>
</main>
<footer><p>{_e(footer)}</p></footer>
</body>
</html>
"""


def to_html(report: MonthlyReport, path: _PathLike, *, overwrite: bool = True) -> Path:
    """Write ``report`` as one self-contained HTML page (charts inline, no external files).

    Parameters
    ----------
    report : MonthlyReport
        From :func:`~smmlab.report.monthly_report`.
    path : path
        The ``.html`` file to write.
    overwrite : bool, default=True
        Replace an existing file; ``False`` raises a ValueError instead.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile
    >>> report = monthly_report("2025-10")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     text = to_html(report, Path(tmp) / "r.html").read_text(encoding="utf-8")
    >>> text.startswith("<!DOCTYPE html>") and 'src="http' not in text
    True
    >>> report.close()
    """
    _check_report(report)
    page = _html_page(report)
    return write_atomic(path, page, overwrite=overwrite)


# --------------------------------------------------------------------------------------------
# Excel workbook
# --------------------------------------------------------------------------------------------

_NUMBER_FORMATS = {
    "count": "#,##0",
    "id": "0",
    "pct": "0.00%",
    "signed_pct": "+0.00%;-0.00%;0.00%",
    "change": "+0.0%;-0.0%;0.0%",
    "points": '+0.0" pts";-0.0" pts";0.0" pts"',
    "multiple": '0.00"x"',
    "datetime": "yyyy-mm-dd hh:mm",
    "date": "yyyy-mm-dd",
    "number": "#,##0.00",
    "text": "@",
}


@dataclasses.dataclass
class _Col:
    """One column of a sheet: header, number format, values, and an optional formula.

    ``formula`` is a template such as ``'=IFERROR({engagements}{row}/{reach}{row},"")'``
    where ``{key}`` is the column letter of another column and ``{row}`` the
    Excel row number; ``values`` are then the cached results.
    """

    key: str
    header: str
    unit: str
    values: Sequence[object]
    formula: str | None = None
    width: float | None = None


def _plain(value: object) -> object:
    """A cell value: numpy scalars as Python numbers, NaN/NA as None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


class _Book:
    """An xlsxwriter workbook with the report's cell formats."""

    def __init__(self, workbook: object, currency: str) -> None:
        self.wb = workbook
        money = f'#,##0.00 "{currency}"'
        self._formats: dict[str, object] = {}
        for unit, number in {**_NUMBER_FORMATS, "money": money, "money_round": money}.items():
            self._formats[unit] = workbook.add_format({"num_format": number})
        self.header = workbook.add_format({"bold": True, "bottom": 2, "bg_color": "#F3F6F9",
                                           "text_wrap": True, "valign": "bottom"})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.title = workbook.add_format({"bold": True, "font_size": 16})
        self.heading = workbook.add_format({"bold": True, "font_size": 12, "top": 1})
        self.bold = workbook.add_format({"bold": True})

    def fmt(self, unit: str) -> object:
        return self._formats.get(unit)


def _letters(columns: Sequence[_Col]) -> dict[str, str]:
    from xlsxwriter.utility import xl_col_to_name

    return {col.key: xl_col_to_name(i) for i, col in enumerate(columns)}


def _write_cell(ws: object, book: _Book, row: int, col: int, value: object, unit: str) -> None:
    value = _plain(value)
    fmt = book.fmt(unit)
    if value is None:
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, pd.Timestamp):
        ws.write_datetime(row, col, value.to_pydatetime(), fmt)
    elif isinstance(value, bool):
        ws.write_string(row, col, _t("yes" if value else "no"))
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), fmt if unit != "text" else None)


def _cached(value: object) -> object:
    value = _plain(value)
    return "" if value is None else value


def _write_table(ws: object, book: _Book, columns: Sequence[_Col], *, freeze: int = 1) -> int:
    """Write a table from A1: header row, rows, formats, widths, frozen header and filter."""
    letters = _letters(columns)
    n = max((len(c.values) for c in columns), default=0)
    ws.set_row(0, 32)
    for j, col in enumerate(columns):
        ws.write_string(0, j, col.header, book.header)
        for i in range(n):
            value = col.values[i] if i < len(col.values) else None
            if col.formula is not None:
                formula = col.formula.format(row=i + 2, **letters)
                ws.write_formula(i + 1, j, formula, book.fmt(col.unit), _cached(value))
            else:
                _write_cell(ws, book, i + 1, j, value, col.unit)
        ws.set_column(j, j, col.width or _width(col))
    ws.freeze_panes(1, freeze)
    ws.autofilter(0, 0, max(n, 1), len(columns) - 1)
    return n


def _width(col: _Col) -> float:
    if col.unit in ("datetime",):
        return 17
    if col.unit != "text":
        return max(12, min(18, len(col.header) * 0.9 + 2))
    longest = max([len(str(v)) for v in col.values[:200]] + [len(col.header) * 0.9], default=8)
    return max(8, min(45, longest + 2))


def _range(sheet: str, letter: str, n: int) -> str:
    from xlsxwriter.utility import quote_sheetname

    return f"{quote_sheetname(sheet)}!{letter}2:{letter}{n + 1}"


def _post_columns(posts: pd.DataFrame) -> list[_Col]:
    """Columns of a posts-like table with engagements and engagement rate as formulas."""
    return [
        _Col("post_id", _t("col.post_id"), "id", list(posts["post_id"]), width=8),
        _Col("platform", _t("col.platform"), "text", [str(p) for p in posts["platform"]]),
        _Col("published_at", _t("col.published_at"), "datetime",
             [pd.Timestamp(d) for d in posts["published_at"]]),
        _Col("format", _t("col.format"), "text", [str(v) for v in posts["format"]]),
        _Col("content_pillar", _t("col.content_pillar"), "text",
             [str(v) for v in posts["content_pillar"]]),
        _Col("is_paid", _t("col.is_paid"), "text", list(posts["is_paid"]), width=9),
        _Col("impressions", _t("col.impressions"), "count", list(posts["impressions"])),
        _Col("reach", _t("col.reach"), "count", list(posts["reach"])),
        _Col("engagements", _t("col.engagements"), "count", list(posts["engagements"])),
        _Col("engagement_rate", _t("col.engagement_rate"), "pct",
             list(posts["engagement_rate"]),
             formula='=IFERROR({engagements}{row}/{reach}{row},"")'),
    ]


def _raw_posts_columns(posts: pd.DataFrame) -> list[_Col]:
    """The month's raw posts: the dataset's columns, then engagements and rate as formulas."""
    units = {"spend": "money", "published_at": "datetime"}
    cols = []
    for column in datasets.DATASETS["posts"].columns:
        values = posts[column.name]
        if column.name == "published_at":
            values = values.dt.tz_localize(None)
        unit = units.get(column.name, "count" if column.kind in ("int", "nullable int")
                         else "text")
        unit = "id" if column.name == "post_id" else unit
        shown = [_text(v) if unit == "text" and not isinstance(v, bool | np.bool_) else v
                 for v in values]
        cols.append(_Col(column.name, column.name, unit, shown))
    cells = [f"{{{a}}}{{row}}" for a in metrics.ACTIONS]
    formula = "=" + "+".join(cells)
    if posts[list(metrics.ACTIONS)].isna().any(axis=None):
        # an empty cell is a count the export lacks, not 0: no total where one is empty
        formula = (f'=IF(COUNT({",".join(cells)})={len(cells)},'
                   f'{"+".join(cells)},"")')
    engaged, rate = per_post(posts)
    cols.append(_Col("engagements", "engagements", "count", list(engaged), formula=formula))
    cols.append(_Col("engagement_rate", "engagement_rate_by_reach", "pct", list(rate),
                     formula='=IFERROR({engagements}{row}/{reach}{row},"")'))
    return cols


def _text(value: object) -> str:
    """A text cell: a missing value (NaN, NA) is an empty cell, not the word 'nan'."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _raw_campaign_columns(ads: pd.DataFrame) -> list[_Col]:
    money = {"daily_budget", "spend", "revenue"}
    cols = []
    for column in datasets.DATASETS["campaigns"].columns:
        values = ads[column.name]
        if column.kind == "date":
            unit = "date"
            shown: list[object] = [pd.Timestamp(v) for v in values]
        else:
            unit = "money" if column.name in money else ("count" if column.kind == "int"
                                                          else "text")
            shown = [_text(v) if unit == "text" else v for v in values]
        cols.append(_Col(column.name, column.name, unit, shown))
    rates = [
        ("ctr", "pct", '=IFERROR({clicks}{row}/{impressions}{row},"")', metrics.ctr(ads)),
        ("cpc", "money", '=IFERROR({spend}{row}/{clicks}{row},"")', metrics.cpc(ads)),
        ("cpa", "money", '=IFERROR({spend}{row}/{conversions}{row},"")', metrics.cpa(ads)),
        ("roas", "multiple", '=IFERROR({revenue}{row}/{spend}{row},"")', metrics.roas(ads)),
    ]
    for key, unit, formula, values in rates:
        cols.append(_Col(key, key, unit, list(values), formula=formula))
    return cols


def _platform_columns(frame: pd.DataFrame,
                      raw_posts: tuple[str, dict[str, str], int] | None = None) -> list[_Col]:
    """Columns of the platform sheet; a platform's engagement rate is the average of its posts'
    rates in the raw posts sheet (``AVERAGEIFS``) when that sheet is given."""
    def col(key: str, unit: str, formula: str | None = None) -> _Col:
        return _Col(key, _t(f"col.{key}"), unit, list(frame[key]), formula=formula)

    rate = None
    if raw_posts is not None and raw_posts[2] > 0:
        sheet, letters, n = raw_posts
        rate = (f'=IFERROR(AVERAGEIFS({_range(sheet, letters["engagement_rate"], n)},'
                f'{_range(sheet, letters["platform"], n)},{{platform}}{{row}}),"")')
    return [
        col("platform", "text"),
        col("posts", "count"),
        col("impressions", "count"),
        col("reach", "count"),
        col("engagements", "count"),
        col("engagement_rate", "pct", rate),
        col("followers_start", "count"),
        col("followers_end", "count"),
        col("follower_growth", "signed_pct",
            '=IFERROR(({followers_end}{row}-{followers_start}{row})/{followers_start}{row},"")'),
        col("ad_spend", "money"),
        col("paid_impressions", "count"),
        col("clicks", "count"),
        col("conversions", "count"),
        col("revenue", "money"),
        col("paid_ctr", "pct", '=IFERROR({clicks}{row}/{paid_impressions}{row},"")'),
        col("cpc", "money", '=IFERROR({ad_spend}{row}/{clicks}{row},"")'),
        col("cpa", "money", '=IFERROR({ad_spend}{row}/{conversions}{row},"")'),
        col("roas", "multiple", '=IFERROR({revenue}{row}/{ad_spend}{row},"")'),
    ]


#: The workbook's name for the cell holding the brand's gross margin (ROI, break-even ROAS).
MARGIN_NAME = "GrossMargin"
#: Rates of the KPI sheet averaged over the raw sheet's per-row rates this month: key -> (sheet,
#: column). The month's engagement rate is the average of the posts' rates (MONTH_RATE).
_KPI_AVERAGES: dict[str, tuple[str, str]] = {"engagement_rate": ("posts", "engagement_rate")}
#: Rates of the KPI sheet: (key, formula over the cells of other rows; {x} is that row's cell).
_KPI_FORMULAS: dict[str, str] = {
    "follower_growth": '=IFERROR(({followers_end}-{followers_start})/{followers_start},"")',
    "paid_ctr": '=IFERROR({clicks}/{paid_impressions},"")',
    "cpc": '=IFERROR({ad_spend}/{clicks},"")',
    "cpa": '=IFERROR({ad_spend}/{conversions},"")',
    "roas": '=IFERROR({revenue}/{ad_spend},"")',
    "break_even_roas": f'=IFERROR(1/{MARGIN_NAME},"")',
    "roi": f'=IFERROR(({{revenue}}*{MARGIN_NAME}-{{ad_spend}})/{{ad_spend}},"")',
    "net_sentiment": '=IFERROR(({positive}-{negative})/({positive}+{neutral}+{negative}),"")',
}
#: Counts of the KPI sheet summed from a raw sheet this month: key -> (sheet, column, function).
_KPI_SUMS: dict[str, tuple[str, str, str]] = {
    "posts": ("posts", "post_id", "COUNT"),
    "impressions": ("posts", "impressions", "SUM"),
    "reach": ("posts", "reach", "SUM"),
    "engagements": ("posts", "engagements", "SUM"),
    "ad_spend": ("campaigns", "spend", "SUM"),
    "paid_impressions": ("campaigns", "impressions", "SUM"),
    "clicks": ("campaigns", "clicks", "SUM"),
    "conversions": ("campaigns", "conversions", "SUM"),
    "revenue": ("campaigns", "revenue", "SUM"),
}


def _excel_text(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _kpi_sheet(ws: object, book: _Book, report: MonthlyReport,
               raw: dict[str, tuple[str, dict[str, str], int]]) -> dict[str, str]:
    """Write the KPI table and the counts below it; return the formula of each rate."""
    from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell

    kpis, counts = report.kpis, report.counts
    headers = ["kpi", "this_month", "previous_month", "change", "target", "vs_target", "note"]
    count_start = len(kpis) + 3  # one blank row, then the counts' title row
    rows: dict[str, int] = {key: i + 1 for i, key in enumerate(kpis.index)}
    rows |= {key: count_start + 1 + i for i, key in enumerate(counts.index)}

    ws.set_row(0, 32)
    for j, name in enumerate(headers):
        ws.write_string(0, j, _t(f"col.{name}"), book.header)
    shown: dict[str, str] = {}
    for col, column in ((1, "this_month"), (2, "previous_month")):
        cells = {key: xl_rowcol_to_cell(r, col) for key, r in rows.items()}
        for key, r in rows.items():
            frame = kpis if key in kpis.index else counts
            value, unit = frame.loc[key, column], frame.loc[key, "unit"]
            if col == 1 and key in _KPI_AVERAGES and raw[_KPI_AVERAGES[key][0]][2] > 0:
                sheet, letters, n = raw[_KPI_AVERAGES[key][0]]
                formula = (f"=IFERROR(AVERAGE({_range(sheet, letters[_KPI_AVERAGES[key][1]], n)})"
                           ',"")')
                ws.write_formula(r, col, formula, book.fmt(unit), _cached(value))
                shown[key] = formula
            elif key in _KPI_FORMULAS:
                formula = _KPI_FORMULAS[key].format(**cells)
                ws.write_formula(r, col, formula, book.fmt(unit), _cached(value))
                if col == 1:
                    shown[key] = formula
            elif col == 1 and key in _KPI_SUMS and raw[_KPI_SUMS[key][0]][2] > 0:
                sheet, letters, n = raw[_KPI_SUMS[key][0]]
                func = _KPI_SUMS[key][2]
                formula = f"={func}({_range(sheet, letters[_KPI_SUMS[key][1]], n)})"
                ws.write_formula(r, col, formula, book.fmt(unit), _cached(value))
            else:
                _write_cell(ws, book, r, col, value, unit)
    for key, r in rows.items():
        if key not in kpis.index:
            continue
        row = kpis.loc[key]
        this, before, target = (xl_rowcol_to_cell(r, c) for c in (1, 2, 4))
        ws.write_string(r, 0, row["name"], book.bold)
        if row["unit"] in POINT_UNITS:  # a rate's change in percentage points
            ws.write_formula(r, 3, f'=IFERROR(({this}-{before})*100,"")', book.fmt("points"),
                             _cached(row["change"] * 100))
        else:
            ws.write_formula(r, 3, f'=IFERROR(({this}-{before})/ABS({before}),"")',
                             book.fmt("change"), _cached(row["change"]))
        _write_cell(ws, book, r, 4, row["target"], row["unit"])
        if math.isfinite(row["target"]):
            op = ">=" if row["higher_is_better"] else "<="
            formula = (f"=IF(ISNUMBER({this}),IF({this}{op}{target},"
                       f"{_excel_text(_t('vs.met'))},{_excel_text(_t('vs.missed'))}),"
                       f"{_excel_text(_t('fmt.na'))})")
            ws.write_formula(r, 5, formula, None, row["vs_target"])
        else:
            ws.write_string(r, 5, row["vs_target"])
        ws.write_string(r, 6, row["note"], book.wrap)
    if "gross_margin" in rows:
        cell = xl_rowcol_to_cell(rows["gross_margin"], 1, True, True)
        book.wb.define_name(MARGIN_NAME, f"={quote_sheetname(ws.get_name())}!{cell}")
    ws.write_string(count_start - 1, 0, _t("xlsx.counts_title"), book.heading)
    for j, name in enumerate(("count", "this_month", "previous_month", "source")):
        ws.write_string(count_start, j, _t(f"col.{name}"), book.header)
    sources = {"followers_start": "xlsx.source_account", "followers_end": "xlsx.source_account",
               "positive": "xlsx.source_mentions", "neutral": "xlsx.source_mentions",
               "negative": "xlsx.source_mentions", "gross_margin": "xlsx.source_brand"}
    for key in counts.index:
        ws.write_string(rows[key], 0, counts.loc[key, "name"], book.bold)
        ws.write_string(rows[key], 3, _t(sources.get(key, "xlsx.source_campaigns")))
    ws.set_column(0, 0, 30)
    ws.set_column(1, 4, 16)
    ws.set_column(5, 5, 11)
    ws.set_column(6, 6, 80)
    ws.freeze_panes(1, 1)
    ws.autofilter(0, 0, len(kpis), len(headers) - 1)
    return shown


def _readme_sheet(ws: object, book: _Book, report: MonthlyReport, formulas: dict[str, str],
                  kpi_sheet: str) -> None:
    from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell

    ws.set_column(0, 0, 120, book.wrap)
    ws.hide_gridlines(2)
    lines: list[tuple[str, object]] = [
        (_t("xlsx.readme_title", brand=report.brand, month=report.month_label), book.title),
        (_subtitle(report), None),
        ("", None),
        (_t("xlsx.readme_intro"), None),
        ("", None),
        (_t("html.findings"), book.heading),
        *[(f"{i}. {s}", None) for i, s in enumerate(report.findings, start=1)],
        ("", None),
        *([(_t("html.gaps"), book.heading), (_t("gaps.intro"), None),
           *[(f"- {s}", None) for s in all_gaps(report)], ("", None)] if report.gaps else []),
        (_t("xlsx.readme_sheets"), book.heading),
        (_t("xlsx.readme_sheet.kpis"), None),
        (_t("xlsx.readme_sheet.top_posts", min_reach=format_value(report.min_reach, "count")),
         None),
        (_t("xlsx.readme_sheet.by_platform"), None),
        (_t("xlsx.readme_sheet.raw"), None),
        ("", None),
        (_t("xlsx.readme_formulas"), book.heading),
        (f"{_t('kpi.engagements')}: {_t('formula.engagements')}", None),
    ]
    rows = {key: i + 1 for i, key in enumerate(report.kpis.index)}
    for key, formula in formulas.items():
        cell = f"{quote_sheetname(kpi_sheet)}!{xl_rowcol_to_cell(rows[key], 1)}"
        lines.append((_t("xlsx.readme_formula", name=_t(f"kpi.{key}"),
                         formula=_t(f"formula.{key}"), cell=cell, excel=formula), None))
    lines += [
        (f"{_t('col.change')}: {_t('formula.change')}", None),
        ("", None),
        (_t("xlsx.readme_caveats"), book.heading),
        (_t("xlsx.readme_caveat.reach"), None),
        (_t("xlsx.readme_caveat.roas"), None),
        (_t("xlsx.readme_caveat.errors"), None),
        (_t("xlsx.readme_caveat.locale"), None),
        ("", None),
        (_t("xlsx.readme_made", version=__version__, targets=_t("note.targets")), None),
    ]
    for i, (text, fmt) in enumerate(lines):
        if text:
            ws.write_string(i, 0, text, fmt) if fmt is not None else ws.write_string(i, 0, text)
    ws.set_row(0, 24)


def _sheet_names() -> dict[str, str]:
    keys = ("readme", "kpis", "top_posts", "bottom_posts", "by_platform", "posts", "campaigns")
    return {k: _t(f"sheet.{k}")[:31] for k in keys}


def to_xlsx(
    report: MonthlyReport,
    path: _PathLike,
    *,
    data_dir: _PathLike | None = None,
    overwrite: bool = True,
) -> Path:
    """Write ``report`` as an Excel workbook whose rates are live formulas.

    Sheets: "Read me" (what each sheet holds and every formula), "KPIs" (with
    the counts behind the rates below the table), "Top posts", "Bottom
    posts", "By platform", and the month's raw "Posts" and "Campaigns". Each
    rate cell is a formula over count cells -- ``=IFERROR(I2/H2,"")`` per post,
    ``=IFERROR(B12/B8,"")`` for ROAS, the month's engagement rate the ``AVERAGE``
    of the posts' rates (:data:`smmlab.metrics.MONTH_RATE`), ROI on gross
    profit over the cell named ``GrossMargin`` -- and this month's
    counts are ``SUM`` formulas over the raw sheets, so changing a number
    updates the rates. The cells also store the values, so the file reads
    right even in programs that do not recalculate. Percentages, money and
    multiples are formatted; header rows are frozen and filterable.

    Parameters
    ----------
    report : MonthlyReport
        From :func:`~smmlab.report.monthly_report`.
    path : path
        The ``.xlsx`` file to write.
    data_dir : path or None, default=None
        Read the month's raw posts and campaigns from this folder instead of
        using the report's own copy (the folder the report was made from).
    overwrite : bool, default=True
        Replace an existing file; ``False`` raises a ValueError instead.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile
    >>> from openpyxl import load_workbook
    >>> report = monthly_report("2025-10")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     book = load_workbook(to_xlsx(report, Path(tmp) / "r.xlsx"))
    >>> book.sheetnames[:3]
    ['Read me', 'KPIs', 'Top posts']
    >>> book["KPIs"]["B6"].value
    '=IFERROR(AVERAGE(Posts!S2:S93),"")'
    >>> book["KPIs"]["B14"].value
    '=IFERROR((B23*GrossMargin-B8)/B8,"")'
    >>> report.close()
    """
    import xlsxwriter

    _check_report(report)
    posts, ads = report.posts, report.campaigns
    if data_dir is not None:
        reloaded = monthly_report(report.month, data_dir=data_dir, targets=report.targets)
        posts, ads = reloaded.posts, reloaded.campaigns
        reloaded.close()
    names = _sheet_names()

    def write(tmp: Path) -> None:
        workbook = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False,
                                                  "strings_to_urls": False})
        try:
            workbook.set_properties({"title": report.title, "author": "smmlab",
                                     "comments": _t("xlsx.readme_intro")})
            book = _Book(workbook, report.currency)
            readme = workbook.add_worksheet(names["readme"])
            kpi_ws = workbook.add_worksheet(names["kpis"])
            sheets = {key: workbook.add_worksheet(names[key])
                      for key in ("top_posts", "bottom_posts", "by_platform", "posts",
                                  "campaigns")}
            _write_table(sheets["top_posts"], book, _post_columns(report.top_posts))
            _write_table(sheets["bottom_posts"], book, _post_columns(report.bottom_posts))
            raw_posts = _raw_posts_columns(posts)
            raw_ads = _raw_campaign_columns(ads)
            raw = {"posts": (names["posts"], _letters(raw_posts), len(posts)),
                   "campaigns": (names["campaigns"], _letters(raw_ads), len(ads))}
            _write_table(sheets["by_platform"], book,
                         _platform_columns(report.by_platform.reset_index(), raw["posts"]))
            _write_table(sheets["posts"], book, raw_posts)
            _write_table(sheets["campaigns"], book, raw_ads)
            formulas = _kpi_sheet(kpi_ws, book, report, raw)
            _readme_sheet(readme, book, report, formulas, names["kpis"])
            readme.activate()
        finally:
            workbook.close()

    return write_atomic(path, write, overwrite=overwrite)


# --------------------------------------------------------------------------------------------
# Slides
# --------------------------------------------------------------------------------------------


def _strip_run_metadata(nb: object) -> None:
    """Drop the timestamps papermill and nbclient record, and the kernel's stderr."""
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]


def _quiet_kernel_manager() -> type:
    """A kernel manager whose kernel process does not write to the terminal.

    At shutdown jupyter_client interrupts the kernel, which may log "ERROR |
    KeyboardInterrupt caught in kernel" on its own stderr: harmless, but
    alarming after ``smmlab report``. Cell errors still arrive as messages and
    fail the run.
    """
    import subprocess

    from jupyter_client.manager import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw: object) -> None:
            kw.setdefault("stderr", subprocess.DEVNULL)
            await super().start_kernel(**kw)

    return QuietKernelManager


def to_slides(
    report_month: MonthlyReport | str,
    path: _PathLike,
    *,
    data_dir: _PathLike | None = None,
    targets: Mapping[str, float | None] | None = None,
    overwrite: bool = True,
    reveal_url_prefix: str | None = None,
    timeout: int = 600,
) -> Path:
    """Write the month's reveal.js slides, from the report notebook run with papermill.

    The notebook ``smmlab/report/templates/monthly_report.ipynb`` has a cell
    tagged ``parameters`` (``month``, ``data_dir``, ``targets``); papermill runs
    it on the ``python3`` kernel, then nbconvert's SlidesExporter turns it into
    slides with the code hidden: a title slide, the three findings, the KPI
    table, one chart per slide under a conclusion-style title, and the best
    posts. Run times are not kept.

    Parameters
    ----------
    report_month : MonthlyReport or str
        A report (its month, data folder and targets are used) or a month such
        as ``"2025-10"``.
    path : path
        The file to write, normally ``something.slides.html``.
    data_dir : path or None, default=None
        Data folder (default: the report's, or the canonical course data).
    targets : mapping or None, default=None
        As in :func:`~smmlab.report.monthly_report` (default: the report's).
    overwrite : bool, default=True
        Replace an existing file; ``False`` raises a ValueError instead.
    reveal_url_prefix : str or None, default=None
        ``None`` inlines the reveal.js shipped with smmlab, so the file opens
        with no network (see :mod:`smmlab.report._reveal`). A URL or relative
        path loads reveal.js from there instead, with nbconvert's own template
        (which also loads require.js from a public CDN).
    timeout : int, default=600
        Seconds a notebook cell may run.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:  # doctest: +SKIP
    ...     to_slides("2025-10", Path(tmp) / "october.slides.html")
    """
    if isinstance(report_month, MonthlyReport):
        month = report_month.month
        data_dir = report_month.data_dir if data_dir is None else data_dir
        targets = report_month.targets if targets is None else targets
    elif isinstance(report_month, str):
        month = report_month
    else:
        raise ValueError(_t("err.report", param="report_month", value=report_month))
    folder = Path(data_dir) if data_dir is not None else None
    month = check_month(month, available_months(data_dir=folder), folder)
    path = Path(path)
    if path.exists() and not overwrite:
        raise ValueError(_t("err.exists", path=path))
    brand = datasets.load("brand", data_dir=folder).iloc[0]

    import nbformat
    import papermill
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    parameters = {
        "month": month,
        "data_dir": str(folder.resolve()) if folder is not None else None,
        "targets": {k: (None if v is None else float(v)) for k, v in targets.items()}
        if targets else None,
    }
    notebook = nbformat.read(TEMPLATE, as_version=4)
    executed = papermill.execute_notebook(
        notebook, None, parameters=parameters, kernel_name="python3", progress_bar=False,
        log_output=False, request_save_on_cell_execute=False, execution_timeout=timeout,
        extra_arguments=["--IPKernelApp.log_level=ERROR"], record_timing=False,
        kernel_manager_class=_quiet_kernel_manager(),
    )
    _strip_run_metadata(executed)
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(HIDDEN_TAGS)
    options = {"config": config, "exclude_input": True, "exclude_input_prompt": True,
               "exclude_output_prompt": True}
    title = _t("html.title", brand=brand["name"], month=month_label(month))
    if reveal_url_prefix:  # nbconvert's own template, loading reveal.js from there
        exporter = SlidesExporter(**options, reveal_url_prefix=reveal_url_prefix)
        body, _ = exporter.from_notebook_node(executed, resources={"metadata": {"name": title}})
    else:  # reveal.js shipped with smmlab, inlined: the file opens offline
        body = reveal_slides(executed, title, exporter=slides_exporter(**options))
    return write_atomic(path, body, overwrite=overwrite)


# --------------------------------------------------------------------------------------------
# One entry point
# --------------------------------------------------------------------------------------------


def _check_report(report: object) -> None:
    if not isinstance(report, MonthlyReport):
        raise ValueError(_t("err.report", param="report", value=report))


def report_format(path: _PathLike) -> str:
    """Return the format a file name asks for: ``"html"``, ``"xlsx"`` or ``"slides"``.

    Raises
    ------
    ValueError
        For any other ending; the message lists the allowed ones.

    Examples
    --------
    >>> report_format("october.slides.html"), report_format("Oct.XLSX")
    ('slides', 'xlsx')
    >>> report_format("october.pdf")
    Traceback (most recent call last):
    ...
    ValueError: Cannot tell the report format from 'october.pdf': the file name must end with \
.slides.html, .html, .xlsx.
    """
    name = Path(path).name.lower()
    for ending, kind in FORMATS.items():
        if name.endswith(ending) and len(name) > len(ending):
            return kind
    raise ValueError(_t("err.format", path=str(path), allowed=", ".join(FORMATS)))


def export(
    report_or_month: MonthlyReport | str,
    path: _PathLike,
    *,
    data_dir: _PathLike | None = None,
    targets: Mapping[str, float | None] | None = None,
    overwrite: bool = True,
) -> Path:
    """Write a report in the format its file name asks for.

    ``.html`` -> :func:`to_html`, ``.xlsx`` -> :func:`to_xlsx`,
    ``.slides.html`` -> :func:`to_slides`.

    Parameters
    ----------
    report_or_month : MonthlyReport or str
        A report, or a month such as ``"2025-10"`` to build one.
    path : path
        The file to write.
    data_dir, targets
        As in :func:`~smmlab.report.monthly_report`, when a month is given.
    overwrite : bool, default=True
        Replace an existing file; ``False`` raises a ValueError instead.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ValueError
        An unknown file ending (the message lists the allowed ones), an
        existing file without ``overwrite``, or a month outside the data.

    Examples
    --------
    >>> export("2025-10", "october.pdf")
    Traceback (most recent call last):
    ...
    ValueError: Cannot tell the report format from 'october.pdf': the file name must end with \
.slides.html, .html, .xlsx.
    """
    kind = report_format(path)
    if Path(path).exists() and not overwrite:
        raise ValueError(_t("err.exists", path=path))
    if kind == "slides":
        return to_slides(report_or_month, path, data_dir=data_dir, targets=targets,
                         overwrite=overwrite)
    if isinstance(report_or_month, MonthlyReport):
        report, own = report_or_month, False
    elif isinstance(report_or_month, str):
        report, own = monthly_report(report_or_month, data_dir=data_dir, targets=targets), True
    else:
        raise ValueError(_t("err.report", param="report_or_month", value=report_or_month))
    try:
        if kind == "html":
            return to_html(report, path, overwrite=overwrite)
        return to_xlsx(report, path, data_dir=data_dir if not own else None,
                       overwrite=overwrite)
    finally:
        if own:
            report.close()


__all__ = [
    "FORMATS",
    "HIDDEN_TAGS",
    "SLIDES",
    "TEMPLATE",
    "all_gaps",
    "export",
    "figure_html",
    "report_format",
    "slide_html",
    "table_html",
    "to_html",
    "to_slides",
    "to_xlsx",
]

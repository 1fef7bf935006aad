"""The monthly client report: KPIs against last month and targets, posts, platforms, charts.

:func:`monthly_report` reads the course data (the frozen canonical brand, or a
folder written by ``smmlab generate``) and returns a :class:`MonthlyReport`:
the tables, charts and three plain-language findings an SMM hands a client
every month. :mod:`smmlab.report.export` writes it as an HTML page, an Excel
workbook with live formulas, or reveal.js slides.

Every rate comes from :mod:`smmlab.metrics`; nothing here re-implements a
formula. Decisions worth knowing:

- **Reach** in the KPI table is the reach of each post added up over the
  month's posts ("post reaches"): a person who saw three posts counts three
  times. Unique daily account reach (from ``account_daily``) is drawn in the
  reach chart instead.
- **The month's engagement rate** is the course's one definition
  (:data:`smmlab.metrics.MONTH_RATE`): the *average* of the posts' own rates by
  reach, ``metrics.engagement_rate(posts, aggregate="per_post")``, so each post
  counts once whatever its reach. The same holds per platform and per segment.
- **ROI** is on gross profit, as a CFO computes it: (attributed revenue x the
  brand's gross margin - ad spend) / ad spend, shown next to the attributed
  ROAS and the **break-even ROAS** (1 / gross margin) it must beat.
- **Targets** default to the previous month + 5 % for KPIs where higher is
  better and - 5 % for costs (CPC, CPA). Ad spend (a budget, not a result) and
  mentions (a crisis raises them too) get no default target. Give your own
  with ``targets={"engagement_rate": 0.05, ...}``.
- **Best and worst posts** only rank posts that reached at least
  ``min_reach`` accounts, so a post seen by 3 people is not the "best post".
- **Imported exports** (``smmlab import``) lack some columns for whole
  platforms (no reach on X, no saves on Facebook, no follower counts in Meta's
  daily files). Each figure is computed on the rows that have its inputs
  (:func:`smmlab.metrics.complete_rows`, the columns in :data:`NEEDS`) and
  :attr:`MonthlyReport.gaps` says, section by section, which platforms and
  columns were left out and how many rows; a table with no rows at all says
  that no such export was imported. Nothing is filled in.

Examples
--------
>>> report = monthly_report("2025-10")
>>> report.brand, report.currency
('Atelier Ginestra', 'EUR')
>>> int(report.kpis.loc["posts", "this_month"])
92
>>> len(report.findings)
3
>>> report.close()
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import os
import re
from collections.abc import Mapping
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from smmlab import datasets, detect, metrics, viz
from smmlab.detect.triage import truth_type
from smmlab.report._messages import MESSAGES
from smmlab.synth.brand import PLATFORMS

#: Units whose change is said in percentage points (this month - last month), not relative:
#: rates, shares and ROI ("4.9 % -> 5.6 %" is +0.7 points, not "+14 %").
POINT_UNITS = ("pct", "signed_pct")
#: Relative change of the default targets on the previous month (+5 %, or -5 % for costs).
DEFAULT_TARGET_CHANGE = 0.05
#: Default threshold of the best/worst post ranking: a share of the month's median post reach...
MIN_REACH_SHARE = 0.25
#: ...and never fewer accounts than this.
MIN_REACH_FLOOR = 100
#: Fewest posts a platform x format group needs to be named as the strongest content.
MIN_SEGMENT_POSTS = 3


@dataclasses.dataclass(frozen=True)
class KPI:
    """One row of the KPI table: its key, how it is shown and which way is good."""

    key: str
    unit: str  # "count", "pct", "signed_pct", "money" or "multiple"
    higher_is_better: bool
    default_target: bool = True

    @property
    def label(self) -> str:
        """The KPI's name, as the client reads it."""
        return MESSAGES.text(f"kpi.{self.key}")


#: The KPIs of the report, in the order of the table.
KPIS: tuple[KPI, ...] = (
    KPI("posts", "count", True),
    KPI("impressions", "count", True),
    KPI("reach", "count", True),
    KPI("engagements", "count", True),
    KPI("engagement_rate", "pct", True),
    KPI("follower_growth", "signed_pct", True),
    KPI("ad_spend", "money", False, default_target=False),
    KPI("paid_ctr", "pct", True),
    KPI("cpc", "money", False),
    KPI("cpa", "money", False),
    KPI("roas", "multiple", True),
    KPI("break_even_roas", "multiple", False, default_target=False),
    KPI("roi", "signed_pct", True),
    KPI("mentions", "count", True, default_target=False),
    KPI("net_sentiment", "signed_pct", True),
)
_KPI_BY_KEY = {k.key: k for k in KPIS}

#: The counts the rates are computed from that are not KPIs themselves (for the xlsx).
COUNTS: tuple[tuple[str, str], ...] = (
    ("paid_impressions", "count"),
    ("clicks", "count"),
    ("conversions", "count"),
    ("revenue", "money"),
    ("gross_margin", "pct"),
    ("followers_start", "count"),
    ("followers_end", "count"),
    ("positive", "count"),
    ("neutral", "count"),
    ("negative", "count"),
)

#: Names of the charts in :attr:`MonthlyReport.charts`, in the order they are shown.
CHARTS: tuple[str, ...] = ("kpi_vs_target", "reach_by_platform", "mentions", "paid_funnel")

_MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

#: The columns each figure needs; rows lacking one are left out of that figure (and said).
NEEDS: dict[str, tuple[str, ...]] = {
    "impressions": ("impressions",),
    "reach": ("reach",),
    "engagements": metrics.ACTIONS,
    "engagement_rate": (*metrics.ACTIONS, "reach"),
    "boosted_spend": ("spend",),
    "follower_growth": ("followers",),
    "daily_reach": ("reach",),
}
#: Sections of the report that :attr:`MonthlyReport.gaps` may speak about, in page order.
GAP_SECTIONS: tuple[str, ...] = ("data", "kpis", "reach_by_platform", "paid_funnel", "alerts",
                                 "top_posts", "by_platform")


def _t(key: str, /, **fields: object) -> str:
    return MESSAGES.text(key, **fields)


# --------------------------------------------------------------------------------------------
# Formatting numbers for people
# --------------------------------------------------------------------------------------------


def _finite(value: object) -> bool:
    return isinstance(value, numbers.Real) and math.isfinite(float(value))


def month_label(month: str) -> str:
    """Return a month such as ``"2025-10"`` in words: ``"October 2025"``.

    Examples
    --------
    >>> month_label("2025-10")
    'October 2025'
    """
    year, number = month.split("-")
    return _t("month_label", name=_t(f"month.{int(number)}"), year=year)


def format_value(value: object, unit: str, currency: str = "") -> str:
    """Format a KPI value for a sentence or a table cell, by its unit.

    Parameters
    ----------
    value : float
        The number; NaN is shown as a dash.
    unit : {"count", "pct", "signed_pct", "change", "points", "money", "money_round", \
"multiple"}
        How to show it: percentages take fractions (0.036 is 3.6 %); ``points`` takes a
        difference of fractions (0.007 is +0.7 points).
    currency : str, default=""
        The currency code, for money.

    Examples
    --------
    >>> format_value(12345, "count")
    '12,345'
    >>> format_value(0.0356, "pct")
    '3.6 %'
    >>> format_value(0.0042, "pct")
    '0.42 %'
    >>> format_value(-0.081, "change")
    '-8.1 %'
    >>> format_value(0.0068, "points")
    '+0.7 points'
    >>> format_value(15.071, "money", "EUR")
    '15.07 EUR'
    >>> format_value(1.4631, "multiple")
    '1.46x'
    >>> format_value(float("nan"), "pct")
    '–'
    """
    if not _finite(value):
        return _t("fmt.na")
    value = float(value)  # type: ignore[arg-type]
    if unit == "count":
        return _t("fmt.count", value=value)
    if unit in ("pct", "signed_pct", "change"):
        size = abs(value) * 100
        digits = 1 if size >= 1 or size == 0 else 2
        key = "fmt.pct" if unit == "pct" else "fmt.signed_pct"
        return _t(key, value=value * 100, digits=digits)
    if unit == "points":
        return _t("fmt.points", value=value * 100)
    if unit == "money":
        return _t("fmt.money", value=value, currency=currency)
    if unit == "money_round":
        return _t("fmt.money_round", value=value, currency=currency)
    if unit == "multiple":
        return _t("fmt.multiple", value=value)
    return f"{value:,.4g}"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _t("list_sep").join(items[:-1]) + _t("list_last") + items[-1]


# --------------------------------------------------------------------------------------------
# The data, by month
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass
class _Tables:
    """The course tables of one brand, with the month (``YYYY-MM``) of every row."""

    posts: pd.DataFrame
    daily: pd.DataFrame
    mentions: pd.DataFrame
    campaigns: pd.DataFrame
    brand: pd.Series
    months: dict[str, pd.Series]

    @classmethod
    def load(cls, data_dir: str | os.PathLike[str] | None) -> _Tables:
        names = ("posts", "account_daily", "mentions", "campaigns", "brand")
        posts, daily, mentions, campaigns, brand = (
            datasets.load(n, data_dir=data_dir) for n in names
        )
        months = {
            "posts": posts["published_at"].dt.strftime("%Y-%m"),
            "daily": daily["date"].dt.strftime("%Y-%m"),
            "mentions": mentions["timestamp"].dt.strftime("%Y-%m"),
            "campaigns": campaigns["date"].dt.strftime("%Y-%m"),
        }
        return cls(posts, daily, mentions, campaigns, brand.iloc[0], months)

    @property
    def margin(self) -> float:
        """The brand's gross margin (NaN for data written before the brand table had one)."""
        value = self.brand.get("gross_margin", float("nan"))
        return float(value) if _finite(value) else float("nan")

    def of(self, name: str, month: str | None) -> pd.DataFrame:
        table = {"posts": self.posts, "daily": self.daily, "mentions": self.mentions,
                 "campaigns": self.campaigns}[name]
        if month is None:
            return table.iloc[0:0]
        return table[self.months[name] == month]

    def follower_window(self, month: str | None) -> pd.DataFrame:
        """account_daily rows of ``month`` plus the last day before it (the start)."""
        daily = self.of("daily", month)
        if daily.empty:
            return daily
        first_day = daily["date"].min()
        earlier = self.daily.loc[self.daily["date"] < first_day, "date"]
        start_day = earlier.max() if len(earlier) else first_day
        keep = (self.months["daily"] == month) | (self.daily["date"] == start_day)
        return self.daily[keep]


def available_months(*, data_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """Return the months a report can be made for (those of the posts), as ``"YYYY-MM"``.

    Examples
    --------
    >>> months = available_months()
    >>> months[0], months[-1], len(months)
    ('2025-01', '2025-12', 12)
    """
    posts = datasets.load("posts", data_dir=data_dir)
    return _month_range(posts["published_at"].dt.strftime("%Y-%m"))


def _month_range(months: pd.Series) -> list[str]:
    if months.empty:
        return []
    first, last = pd.Period(months.min(), "M"), pd.Period(months.max(), "M")
    return [str(p) for p in pd.period_range(first, last, freq="M")]


def check_month(month: object, available: list[str], folder: object = None) -> str:
    """Return ``month`` as ``"YYYY-MM"`` if it is one of ``available``, else raise.

    Raises
    ------
    ValueError
        Naming the months of the data.

    Examples
    --------
    >>> check_month("2025-03", ["2025-01", "2025-02", "2025-03"])
    '2025-03'
    >>> check_month("2026-01", ["2025-01", "2025-12"])
    Traceback (most recent call last):
    ...
    ValueError: month must be a month of the data, from 2025-01 to 2025-12, written like \
'2025-12'; got '2026-01'.
    """
    if not available:
        raise ValueError(_t("err.no_months", folder=folder or datasets.data_dir()))
    text = str(month) if isinstance(month, pd.Period) and month.freqstr == "M" else month
    if not isinstance(text, str) or not _MONTH_RE.match(text.strip()) or (
        text.strip() not in available
    ):
        raise ValueError(_t("err.month", first=available[0], last=available[-1], value=month))
    return text.strip()


def _previous(month: str, available: list[str]) -> str | None:
    before = str(pd.Period(month, "M") - 1)
    return before if before in available else None


# --------------------------------------------------------------------------------------------
# What the data lacks
# --------------------------------------------------------------------------------------------


def gap_text(what: str, left_out: pd.DataFrame, unit: str = "posts") -> str:
    """Say which platforms a figure left out, and why, from :func:`metrics.complete_rows`.

    Parameters
    ----------
    what : str
        The figure, as the reader knows it ("Post reach, summed").
    left_out : pandas.DataFrame
        The second table of :func:`smmlab.metrics.complete_rows`.
    unit : {"posts", "daily"}, default="posts"
        What a row is: a post, or a platform's day.

    Examples
    --------
    >>> left = pd.DataFrame({"rows": [40, 3], "of": [40, 12],
    ...                      "missing": [("reach",), ("saves", "reach")]},
    ...                     index=pd.Index(["X", "TikTok"], name="platform"))
    >>> gap_text("Post reach, summed", left)
    'Post reach, summed: X (40 posts; its export has no reach) and TikTok (3 of 12 posts \
without saves, reach) left out.'
    """
    if unit not in ("posts", "daily"):
        raise ValueError(_t("err.gap_unit", value=unit))
    parts = []
    for platform, row in left_out.iterrows():
        key = "gap.platform_all" if row["rows"] == row["of"] else "gap.platform_some"
        parts.append(_t(key, platform=platform, rows=format_value(row["rows"], "count"),
                        of=format_value(row["of"], "count"), unit=_t(f"gap.unit.{unit}"),
                        columns=", ".join(row["missing"])))
    return _t("gap.rows", what=what, parts=_join(parts))


class _Gaps:
    """Collects what each section of one month's report had to leave out (or nothing)."""

    def __init__(self, record: bool = True) -> None:
        self.record = record
        self.by_section: dict[str, list[str]] = {}

    def add(self, section: str, text: str) -> None:
        if self.record and text not in self.by_section.get(section, []):
            self.by_section.setdefault(section, []).append(text)

    def kept(self, frame: pd.DataFrame, need: str, section: str = "kpis",
             what: str | None = None, unit: str = "posts") -> pd.DataFrame:
        """The rows of ``frame`` that have the columns of ``NEEDS[need]``; says the rest."""
        kept, left_out = metrics.complete_rows(frame, NEEDS[need])
        if len(left_out):
            label = what or (_t(f"kpi.{need}") if need in _KPI_BY_KEY else _t(f"gap.{need}"))
            self.add(section, gap_text(label, left_out, unit))
        return kept

    def sections(self) -> dict[str, list[str]]:
        return {k: self.by_section[k] for k in GAP_SECTIONS if k in self.by_section}


def _sum(frame: pd.DataFrame, kept: pd.DataFrame, column: str) -> float:
    """Sum of ``column`` over the kept rows; NaN when rows exist but none has the column."""
    if kept.empty and not frame.empty:
        return float("nan")
    return float(kept[column].sum())


def _whole_tables(tables: _Tables, gaps: _Gaps) -> None:
    """Say which tables of the data have no rows at all (no such export was imported)."""
    if tables.posts.empty:
        gaps.add("data", _t("gap.no_posts"))
    if tables.daily.empty:
        gaps.add("data", _t("gap.no_daily"))
    if tables.campaigns.empty:
        gaps.add("data", _t("gap.no_campaigns"))
        gaps.add("paid_funnel", _t("gap.no_campaigns"))
    if tables.mentions.empty:
        gaps.add("data", _t("gap.no_mentions"))
        gaps.add("alerts", _t("gap.no_mentions"))


# --------------------------------------------------------------------------------------------
# The figures of one month
# --------------------------------------------------------------------------------------------


def _er_month(frame: pd.DataFrame) -> float:
    """The month's engagement rate: the average of the posts' own rates by reach (MONTH_RATE).

    Examples
    --------
    >>> posts = pd.DataFrame({"likes": [10, 1], "comments": [0, 0], "shares": [0, 0],
    ...                       "saves": [0, 0], "reach": [100, 100_000]})
    >>> round(_er_month(posts), 5)  # (10 % + 0.001 %) / 2: each post counts once
    0.05001
    """
    if frame.empty:
        return float("nan")
    return float(metrics.engagement_rate(frame, aggregate=metrics.MONTH_RATE))


def _figures(tables: _Tables, month: str | None, gaps: _Gaps | None = None
             ) -> dict[str, float]:
    """Every count and rate of ``month`` (all NaN when ``month`` is None).

    Each figure uses the rows that have its inputs (:data:`NEEDS`); ``gaps``
    is told what was left out.
    """
    keys = [k.key for k in KPIS] + [c for c, _ in COUNTS] + ["boosted_spend"]
    if month is None:
        return dict.fromkeys(keys, float("nan"))
    gaps = gaps if gaps is not None else _Gaps(record=False)
    margin = tables.margin
    posts = tables.of("posts", month)
    ads = tables.of("campaigns", month)
    talk = tables.of("mentions", month)
    window = gaps.kept(tables.follower_window(month), "follower_growth", unit="daily")
    followers = window.groupby("date")["followers"].sum().reset_index()
    if not _finite(margin) and len(ads):
        gaps.add("kpis", _t("gap.no_margin"))
    kept = {key: gaps.kept(posts, key) for key in ("impressions", "reach", "engagements",
                                                   "engagement_rate")}
    boosted = gaps.kept(posts, "boosted_spend")
    out: dict[str, float] = {
        "posts": float(len(posts)),
        "impressions": _sum(posts, kept["impressions"], "impressions"),
        "reach": _sum(posts, kept["reach"], "reach"),
        "engagements": (float(metrics.engagements(kept["engagements"]).sum())
                        if len(kept["engagements"]) or posts.empty else float("nan")),
        "engagement_rate": _er_month(kept["engagement_rate"]),
        "followers_start": float(followers["followers"].iloc[0]) if len(followers) else np.nan,
        "followers_end": float(followers["followers"].iloc[-1]) if len(followers) else np.nan,
        "follower_growth": float(metrics.follower_growth_rate(followers)),
        "ad_spend": float(ads["spend"].sum()),
        "paid_impressions": float(ads["impressions"].sum()),
        "clicks": float(ads["clicks"].sum()),
        "conversions": float(ads["conversions"].sum()),
        "revenue": float(ads["revenue"].sum()),
        "paid_ctr": float(metrics.ctr(ads, aggregate="total")),
        "cpc": float(metrics.cpc(ads, aggregate="total")),
        "cpa": float(metrics.cpa(ads, aggregate="total")),
        "roas": float(metrics.roas(ads, aggregate="total")),
        "roi": _roi(ads, margin),
        "break_even_roas": _break_even(margin),
        "gross_margin": margin,
        "mentions": float(talk["mentions"].sum()),
        "positive": float(talk["positive"].sum()),
        "neutral": float(talk["neutral"].sum()),
        "negative": float(talk["negative"].sum()),
        "net_sentiment": float(metrics.net_sentiment(talk, aggregate="total")),
        "boosted_spend": _sum(posts, boosted, "spend"),
    }
    return {k: out[k] for k in keys}


def _roi(ads: pd.DataFrame, margin: float) -> float:
    """ROI on gross profit of the ads: (revenue x margin - spend) / spend (NaN without both)."""
    if not _finite(margin) or ads.empty or float(ads["spend"].sum()) == 0:
        return float("nan")
    return float(metrics.roi(ads, margin=margin, aggregate="total"))


def _break_even(margin: float) -> float:
    """Break-even ROAS, 1 / gross margin (NaN without a margin above 0)."""
    return metrics.break_even_roas(margin) if _finite(margin) and margin > 0 else float("nan")


def default_targets(previous: Mapping[str, float]) -> dict[str, float]:
    """Return the default targets: the previous month's values + 5 % (- 5 % for costs).

    KPIs without a previous value, ad spend (a budget, not a result) and mentions
    (a crisis raises them too) get none.
    The 5 % is of the size of the previous value, so a negative net sentiment's
    target is still an improvement.

    Examples
    --------
    >>> default_targets({"engagement_rate": 0.04, "cpc": 1.0, "ad_spend": 500.0})
    {'engagement_rate': 0.042, 'cpc': 0.95}
    """
    out = {}
    for key, value in previous.items():
        kpi = _KPI_BY_KEY.get(key)
        if kpi is None or not kpi.default_target or not _finite(value):
            continue
        sign = 1.0 if kpi.higher_is_better else -1.0
        out[key] = round(float(value) + sign * DEFAULT_TARGET_CHANGE * abs(float(value)), 12)
    return out


def _check_targets(targets: object) -> dict[str, float | None]:
    if targets is None:
        return {}
    allowed = [k.key for k in KPIS]
    by_label = {k.label: k.key for k in KPIS}
    if not isinstance(targets, Mapping):
        raise ValueError(_t("err.targets", allowed=allowed, value=targets))
    out: dict[str, float | None] = {}
    for name, value in targets.items():
        key = by_label.get(name, name)
        if key not in _KPI_BY_KEY:
            raise ValueError(_t("err.targets", allowed=allowed, value=dict(targets)))
        if value is None:
            out[key] = None
        elif isinstance(value, bool) or not _finite(value):
            raise ValueError(_t("err.target_value", kpi=name, value=value))
        else:
            out[key] = float(value)
    return out


def _verdict(this: float, target: float, higher_is_better: bool) -> str:
    if not _finite(target):
        return _t("vs.none")
    if not _finite(this):
        return _t("fmt.na")
    met = this >= target if higher_is_better else this <= target
    return _t("vs.met" if met else "vs.missed")


def _relative_change(this: float, previous: float) -> float:
    if not (_finite(this) and _finite(previous)) or previous == 0:
        return float("nan")
    return (this - previous) / abs(previous)


def _kpi_table(
    current: dict[str, float], previous: dict[str, float], targets: dict[str, float | None],
    currency: str,
) -> pd.DataFrame:
    rows = []
    for kpi in KPIS:
        this, before = current[kpi.key], previous[kpi.key]
        target = targets.get(kpi.key)
        target = float("nan") if target is None else target
        note_fields = {"boosted": format_value(current["boosted_spend"], "money", currency),
                       "margin": format_value(current["gross_margin"], "pct")}
        rows.append({
            "kpi": kpi.key,
            "name": kpi.label,
            "this_month": this,
            "previous_month": before,
            "change": (this - before if kpi.unit in POINT_UNITS
                       else _relative_change(this, before)),
            "target": target,
            "vs_target": _verdict(this, target, kpi.higher_is_better),
            "unit": kpi.unit,
            "higher_is_better": kpi.higher_is_better,
            "note": _t(f"note.{kpi.key}", **note_fields),
        })
    return pd.DataFrame(rows).set_index("kpi")


def _count_table(current: dict[str, float], previous: dict[str, float]) -> pd.DataFrame:
    rows = [
        {"count": key, "name": _t(f"count.{key}"), "this_month": current[key],
         "previous_month": previous[key], "unit": unit}
        for key, unit in COUNTS
    ]
    return pd.DataFrame(rows).set_index("count")


# --------------------------------------------------------------------------------------------
# Posts and platforms
# --------------------------------------------------------------------------------------------


def per_post(posts: pd.DataFrame, gaps: _Gaps | None = None,
             section: str = "top_posts") -> tuple[pd.Series, pd.Series]:
    """Each post's engagements and engagement rate by reach; NaN where an input is missing.

    Examples
    --------
    >>> posts = pd.DataFrame({"platform": ["Instagram", "X"], "likes": [9, 5],
    ...                       "comments": [1, 0], "shares": [0, 1], "saves": [2, None],
    ...                       "reach": [100, None]})
    >>> engaged, rate = per_post(posts)
    >>> engaged.tolist(), rate.tolist()
    ([12.0, nan], [0.12, nan])
    """
    gaps = gaps if gaps is not None else _Gaps(record=False)
    counted = gaps.kept(posts, "engagements", section)
    rated = gaps.kept(posts, "engagement_rate", section)
    engaged = metrics.engagements(counted).reindex(posts.index)
    if engaged.notna().all():
        engaged = engaged.astype("int64")
    return engaged, metrics.engagement_rate(rated).reindex(posts.index)


def _labels(column: pd.Series) -> np.ndarray:
    """A text column as strings, a missing label as '' (not 'nan')."""
    return column.astype("object").map(lambda v: "" if pd.isna(v) else str(v)).to_numpy()


def _post_table(posts: pd.DataFrame, gaps: _Gaps | None = None) -> pd.DataFrame:
    engaged, rate = per_post(posts, gaps)
    return pd.DataFrame({
        "post_id": posts["post_id"].to_numpy(),
        "platform": posts["platform"].to_numpy(),
        "published_at": posts["published_at"].dt.tz_localize(None).to_numpy(),
        "format": _labels(posts["format"]),
        "content_pillar": _labels(posts["content_pillar"]),  # an import may not know them
        "is_paid": posts["is_paid"].to_numpy(),
        "impressions": posts["impressions"].to_numpy(),
        "reach": posts["reach"].to_numpy(),
        "engagements": engaged.to_numpy(),
        "engagement_rate": rate.to_numpy(),
    })


def _rank_posts(table: pd.DataFrame, min_reach: int, n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    eligible = table[(table["reach"] >= min_reach).fillna(False).astype(bool)
                     & table["engagement_rate"].notna()]
    top = eligible.sort_values(["engagement_rate", "reach"], ascending=[False, False],
                               kind="stable").head(n)
    bottom = eligible.sort_values(["engagement_rate", "reach"], ascending=[True, False],
                                  kind="stable").head(n)
    return top.reset_index(drop=True), bottom.reset_index(drop=True)


def _by_platform(tables: _Tables, month: str, gaps: _Gaps | None = None) -> pd.DataFrame:
    gaps = gaps if gaps is not None else _Gaps(record=False)
    posts = tables.of("posts", month)
    ads = tables.of("campaigns", month)
    window = gaps.kept(tables.follower_window(month), "follower_growth", "by_platform",
                       unit="daily")
    engaged, rate = per_post(posts, gaps, "by_platform")
    table = pd.DataFrame({"platform": posts["platform"],
                          "reach": posts["reach"].astype("float64"),
                          "impressions": posts["impressions"].astype("float64"),
                          "engagements": engaged, "rate": rate})
    for key in ("impressions", "reach"):
        gaps.kept(posts, key, "by_platform")
    groups = table.groupby("platform", observed=True)
    # a platform whose export has no such column sums to NaN (min_count), not to 0
    organic = groups[["impressions", "reach", "engagements"]].sum(min_count=1)
    organic.insert(0, "posts", groups.size())
    organic["engagement_rate"] = groups["rate"].mean()
    ordered = window.sort_values("date", kind="stable")
    groups = ordered.groupby("platform", observed=True)["followers"]
    audience = pd.DataFrame({"followers_start": groups.first(), "followers_end": groups.last()})
    if len(ordered):
        audience["follower_growth"] = metrics.follower_growth_rate(
            ordered[["date", "platform", "followers"]])
    else:
        audience["follower_growth"] = pd.Series(dtype=float)
    paid = ads.groupby("channel", observed=True).agg(
        ad_spend=("spend", "sum"), paid_impressions=("impressions", "sum"),
        clicks=("clicks", "sum"), conversions=("conversions", "sum"), revenue=("revenue", "sum"))
    paid.index.name = "platform"
    paid["paid_ctr"] = metrics.ctr(clicks=paid["clicks"], impressions=paid["paid_impressions"])
    paid["cpc"] = metrics.cpc(spend=paid["ad_spend"], clicks=paid["clicks"])
    paid["cpa"] = metrics.cpa(spend=paid["ad_spend"], conversions=paid["conversions"])
    paid["roas"] = metrics.roas(revenue=paid["revenue"], spend=paid["ad_spend"])
    out = organic.join(audience, how="outer").join(paid, how="outer")
    order = [p for p in PLATFORMS if p in out.index]
    out = out.reindex(order)
    # 0 for a platform with no posts (or no ads) this month; a missing count stays missing,
    # and so do the ads of every platform when some ad rows do not say their platform
    unnamed = int(ads["channel"].isna().sum())
    fill = [(["posts", "impressions", "reach", "engagements"], organic.index)]
    if not unnamed:
        fill.append((["ad_spend", "paid_impressions", "clicks", "conversions", "revenue"],
                      paid.index))
    for cols, present in fill:
        absent = ~out.index.isin(present)
        out.loc[absent, cols] = out.loc[absent, cols].fillna(0)
    for col in ("posts", "impressions", "reach", "engagements", "paid_impressions", "clicks",
                "conversions"):
        if out[col].notna().all():
            out[col] = out[col].astype("int64")
    if unnamed:
        gaps.add("by_platform", _t("gap.no_channel", rows=format_value(unnamed, "count"),
                                   month=month_label(month)))
    out.index = pd.Index([str(p) for p in out.index], name="platform")
    columns = ["posts", "impressions", "reach", "engagements", "engagement_rate",
               "followers_start", "followers_end", "follower_growth", "ad_spend",
               "paid_impressions", "clicks", "conversions", "revenue", "paid_ctr", "cpc", "cpa",
               "roas"]
    return out[columns]


def _alerts(tables: _Tables, month: str) -> pd.DataFrame:
    """Alerts of smmlab.detect that touch ``month``, found with data up to its end only."""
    columns = ["start", "end", "kind", "label", "type", "reason", "periods"]
    upto = tables.months["mentions"] <= month
    history = tables.mentions[upto]
    if len(history) < 2:
        return pd.DataFrame(columns=columns)
    found = detect.alerts(detect.flag(history.set_index("timestamp")["mentions"]))
    if found.empty:
        return pd.DataFrame(columns=columns)
    labelled = detect.triage(found, history)
    starts = labelled["start"].dt.strftime("%Y-%m")
    ends = labelled["end"].dt.strftime("%Y-%m")
    inside = labelled[(starts <= month) & (ends >= month)].copy()
    inside["type"] = [truth_type(label) for label in inside["label"]]
    return inside[columns].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------------------------


def _kpi_chart(kpis: pd.DataFrame, month: str) -> Figure:
    ok = kpis["this_month"].map(_finite) & kpis["target"].map(_finite)
    rows = kpis[ok & (kpis["target"] > 0)]
    parts = [(True, rows[rows["higher_is_better"]]), (False, rows[~rows["higher_is_better"]])]
    parts = [(hib, part) for hib, part in parts if len(part)]
    with viz.style():
        if not parts:
            fig, ax = plt.subplots(figsize=(8.0, 2.0))
            ax.axis("off")
            ax.text(0.5, 0.5, _t("chart.kpi_empty"), ha="center", va="center")
            viz.set_alt_text(fig, _t("chart.kpi_empty"))
            return fig
        heights = [len(part) + 2.2 for _, part in parts]
        fig, axes = plt.subplots(len(parts), 1, figsize=(8.0, 0.5 * sum(heights) + 0.6),
                                 height_ratios=heights, squeeze=False)
        alts, legend = [], None
        for ax, (hib, part) in zip(axes[:, 0], parts, strict=True):
            share = pd.Series((part["this_month"] / part["target"] * 100).to_numpy(),
                              index=pd.Index(list(part["name"])))
            viz.kpi_vs_target(
                share, 100.0, higher_is_better=hib, ax=ax,
                title=_t("chart.kpi_title_up" if hib else "chart.kpi_title_down"),
                xlabel=_t("chart.kpi_xlabel"),
            )
            ax.set_ylabel("")
            alts.append(viz.alt_text(fig))
            legend = ax.get_legend()
            handles = (legend.legend_handles, [t.get_text() for t in legend.get_texts()])
            legend.remove()  # one legend for the figure, under the charts, not over the bars
        fig.legend(*handles, loc="outside lower center", ncols=3)
    viz.set_alt_text(fig, _t("chart.kpi_alt", month=month_label(month), parts=" ".join(alts)))
    return fig


def _daily_reach(tables: _Tables, month: str, gaps: _Gaps | None = None) -> pd.DataFrame:
    """The month's account_daily rows that have a reach (the rest said in ``gaps``)."""
    gaps = gaps if gaps is not None else _Gaps(record=False)
    return gaps.kept(tables.of("daily", month), "daily_reach", "reach_by_platform",
                     unit="daily")


def _reach_chart(tables: _Tables, month: str, gaps: _Gaps | None = None) -> Figure | None:
    daily = _daily_reach(tables, month, gaps)
    if daily["date"].nunique() < 2:
        return None
    frame = daily.assign(platform=daily["platform"].cat.remove_unused_categories())
    return viz.small_multiples(frame, x="date", y="reach",
                               title=_t("chart.reach_title", month=month_label(month)),
                               ylabel=_t("chart.reach_ylabel"))


def _mentions_chart(tables: _Tables, month: str, alerts: pd.DataFrame) -> Figure | None:
    talk = tables.of("mentions", month)
    if len(talk) < 2:
        return None
    series = talk.set_index("timestamp")["mentions"]
    n = len(alerts)
    title = (MESSAGES.plural("chart.mentions_title", n, month=month_label(month))
             if n else _t("chart.mentions_title_none", month=month_label(month)))
    events = alerts[["start", "end", "type"]] if n else None
    return viz.timeseries_with_events(series, events, title=title)


def _funnel_chart(current: dict[str, float], month: str) -> Figure | None:
    if not current["paid_impressions"] > 0:
        return None
    stages = {
        _t("chart.funnel_impressions"): current["paid_impressions"],
        _t("chart.funnel_clicks"): current["clicks"],
        _t("chart.funnel_conversions"): current["conversions"],
    }
    return viz.funnel(stages, title=_t("chart.funnel_title", month=month_label(month)))


# --------------------------------------------------------------------------------------------
# Findings and headlines
# --------------------------------------------------------------------------------------------


def _direction(this: float, before: float, unit: str) -> str:
    if format_value(this, unit) == format_value(before, unit):
        return "flat"
    return "up" if this > before else "down"


def _best_segment(posts: pd.DataFrame) -> tuple[str, str, float, int] | None:
    table = pd.DataFrame({"platform": posts["platform"].astype("str"),
                          "format": posts["format"].astype("str"),
                          "rate": metrics.engagement_rate(posts)})
    groups = table.groupby(["platform", "format"]).agg(
        posts=("rate", "size"), engagement_rate=("rate", "mean"))
    groups = groups[groups["posts"] >= MIN_SEGMENT_POSTS]
    if groups.empty:
        return None
    rates = groups["engagement_rate"]
    best = rates.idxmax()
    return best[0], best[1], float(rates[best]), int(groups.loc[best, "posts"])


def _findings(
    tables: _Tables, month: str, previous: str | None, cur: dict[str, float],
    prev: dict[str, float], platforms: pd.DataFrame, currency: str,
) -> list[str]:
    names = {"month": month_label(month),
             "previous_month": month_label(previous) if previous else ""}
    # 1. engagement
    er, er_before = cur["engagement_rate"], prev["engagement_rate"]
    segment = _best_segment(metrics.complete_rows(tables.of("posts", month),
                                                  NEEDS["engagement_rate"])[0])
    fields = {**names, "current": format_value(er, "pct"), "previous": format_value(er_before,
                                                                                   "pct")}
    if segment is None:
        first = _t("finding.engagement_no_segment", **fields,
                   engagements=format_value(cur["engagements"], "count"),
                   posts=format_value(cur["posts"], "count"))
    else:
        platform, fmt, rate, n = segment
        fields.update(platform=platform, format=fmt, segment_rate=format_value(rate, "pct"),
                      segment_posts=n)
        if previous is None or not _finite(er_before):
            first = _t("finding.engagement_first", **fields)
        else:
            way = _direction(er, er_before, "pct")
            key = "finding.engagement_flat" if way == "flat" else "finding.engagement"
            first = _t(key, **fields, direction=_t(f"dir.{way}"))
    # 2. audience
    growth = cur["follower_growth"]
    rates = platforms["follower_growth"].dropna()
    leader = rates.idxmax() if len(rates) else "-"
    audience = {
        **names,
        "posts": format_value(cur["posts"], "count"),
        "reach": format_value(cur["reach"], "count"),
        "reach_change": format_value(_relative_change(cur["reach"], prev["reach"]), "change"),
        "growth_verb": _t("grow.down" if _finite(growth) and growth < 0 else "grow.up"),
        "growth": format_value(abs(growth) if _finite(growth) else growth, "pct"),
        "followers": format_value(cur["followers_end"], "count"),
        "platform": leader,
        "platform_growth": format_value(rates.get(leader, np.nan), "change"),
    }
    if not _finite(growth):
        second = _t("finding.audience_no_followers", **audience)
    else:
        second = _t("finding.audience" if previous else "finding.audience_first", **audience)
    # 3. paid
    if tables.campaigns.empty:
        third = _t("finding.paid_no_export", **names)
    elif not cur["ad_spend"] > 0:
        third = _t("finding.paid_none", **names, currency=currency)
    else:
        paid = {
            **names,
            "spend": format_value(cur["ad_spend"], "money_round", currency),
            "clicks": format_value(cur["clicks"], "count"),
            "conversions": format_value(cur["conversions"], "count"),
            "cpa": format_value(cur["cpa"], "money", currency),
            "cpa_change": format_value(_relative_change(cur["cpa"], prev["cpa"]), "change"),
            "roas": format_value(cur["roas"], "multiple"),
            "break_even": format_value(cur["break_even_roas"], "multiple"),
            "roi": format_value(cur["roi"], "signed_pct"),
        }
        has_before = previous is not None and _finite(prev["cpa"])
        third = _t("finding.paid" if has_before else "finding.paid_first", **paid)
    return [first, second, third]


def _headlines(
    month: str, kpis: pd.DataFrame, cur: dict[str, float], tables: _Tables,
    alerts: pd.DataFrame, top: pd.DataFrame, min_reach: int, currency: str,
) -> dict[str, str]:
    label = month_label(month)
    out: dict[str, str] = {}
    judged = kpis[kpis["target"].map(_finite) & kpis["this_month"].map(_finite)]
    met = int((judged["vs_target"] == _t("vs.met")).sum())
    out["kpis"] = (_t("headline.kpis", met=met, n=len(judged), month=label) if len(judged)
                   else _t("headline.kpis_none", month=label))
    missed = judged[judged["vs_target"] == _t("vs.missed")]
    if len(missed):
        ratio = missed["this_month"] / missed["target"]
        off = (1 - ratio).where(missed["higher_is_better"], ratio - 1)
        worst = off.idxmax()
        row = missed.loc[worst]
        worst_text = _t("headline.worst", name=row["name"],
                        value=format_value(row["this_month"], row["unit"], currency),
                        target=format_value(row["target"], row["unit"], currency))
        out["kpi_vs_target"] = _t("headline.kpi_chart", met=met, n=len(judged), worst=worst_text)
    else:
        out["kpi_vs_target"] = out["kpis"]
    daily = _daily_reach(tables, month)
    if len(daily):
        mean = daily.groupby("platform", observed=True)["reach"].mean()
        out["reach_by_platform"] = _t("headline.reach", platform=mean.idxmax(), month=label,
                                      value=format_value(mean.max(), "count"))
    talk = tables.of("mentions", month)
    if len(talk):
        peak = talk.loc[talk["mentions"].idxmax()]
        fields = {"month": label, "value": format_value(peak["mentions"], "count"),
                  "peak": _t("fmt.datetime", d=peak["timestamp"])}
        if len(alerts):
            counts = alerts["label"].value_counts(sort=False)
            labels = _join([f"{name} ({n})" for name, n in counts.items()])
            out["mentions"] = MESSAGES.plural("headline.mentions", len(alerts), labels=labels,
                                              **fields)
        else:
            out["mentions"] = _t("headline.mentions_none", **fields)
    if tables.campaigns.empty:
        out["paid_funnel"] = _t("headline.funnel_no_export")
    elif cur["paid_impressions"] > 0:
        out["paid_funnel"] = _t(
            "headline.funnel", impressions=format_value(cur["paid_impressions"], "count"),
            clicks=format_value(cur["clicks"], "count"),
            conversions=format_value(cur["conversions"], "count"),
            cvr=format_value(metrics.cvr(conversions=cur["conversions"], clicks=cur["clicks"]),
                             "pct"))
    else:
        out["paid_funnel"] = _t("headline.funnel_none", month=label)
    if len(top):
        best = top.iloc[0]
        out["top_posts"] = _t("headline.top_posts", platform=best["platform"],
                              format=best["format"],
                              date=_t("fmt.datetime", d=pd.Timestamp(best["published_at"])),
                              rate=format_value(best["engagement_rate"], "pct"))
    else:
        out["top_posts"] = _t("headline.top_posts_none", min_reach=min_reach, month=label)
    return out


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass(repr=False, eq=False)
class MonthlyReport:
    """A month's client report: tables, charts and findings, ready to export.

    Attributes
    ----------
    month, previous_month : str
        ``"YYYY-MM"``; ``previous_month`` is ``None`` for the first month of the data.
    brand, industry, currency, timezone : str
        Who the report is for; money is in ``currency``, times in ``timezone``.
    kpis : pandas.DataFrame
        One row per KPI (index: the KPI key, see :data:`KPIS`): ``name``,
        ``this_month``, ``previous_month``, ``change`` (relative), ``target``,
        ``vs_target`` (met / missed / no target, in words), ``unit``,
        ``higher_is_better`` and ``note`` (how it is counted).
    counts : pandas.DataFrame
        The counts behind the rates that are not KPIs themselves (clicks,
        conversions, followers at start and end, mentions by sentiment), for
        both months.
    top_posts, bottom_posts : pandas.DataFrame
        The best and worst posts by engagement rate by reach, among posts that
        reached at least ``min_reach`` accounts.
    by_platform : pandas.DataFrame
        The month's organic, audience and paid results per platform.
    alerts : pandas.DataFrame
        Unusual runs of mentions touching the month (:mod:`smmlab.detect`).
    charts : dict of str to matplotlib Figure
        Named as in :data:`CHARTS`; each has alt text (``viz.alt_text``).
        They are closed in pyplot, so a notebook does not show them all at
        once: show one with ``display(report.charts["paid_funnel"])``.
    headlines : dict of str to str
        A conclusion-style title for each chart and table (slides, captions).
    findings : list of str
        Exactly three plain-language sentences with the month's numbers.
    posts, campaigns : pandas.DataFrame
        The month's raw rows of the posts and campaigns tables.
    targets : dict of str to float
        The targets used (defaults and your own).
    min_reach : int
        The reach threshold of the post ranking.
    data_dir : pathlib.Path or None
        Where the data came from (``None``: the canonical course data).
    gaps : dict of str to list of str
        What the data lacks, by section (:data:`GAP_SECTIONS`): the platforms,
        columns and rows a figure left out, and tables with no rows at all
        (empty for the course data). Each sentence is also in the exports.
    """

    month: str
    previous_month: str | None
    brand: str
    industry: str
    currency: str
    timezone: str
    kpis: pd.DataFrame
    counts: pd.DataFrame
    top_posts: pd.DataFrame
    bottom_posts: pd.DataFrame
    by_platform: pd.DataFrame
    alerts: pd.DataFrame
    charts: dict[str, Figure]
    headlines: dict[str, str]
    findings: list[str]
    posts: pd.DataFrame
    campaigns: pd.DataFrame
    targets: dict[str, float]
    min_reach: int
    data_dir: Path | None = None
    gaps: dict[str, list[str]] = dataclasses.field(default_factory=dict)

    @property
    def month_label(self) -> str:
        """The month in words, such as ``"October 2025"``."""
        return month_label(self.month)

    @property
    def previous_label(self) -> str:
        """The previous month in words (empty for the first month of the data)."""
        return month_label(self.previous_month) if self.previous_month else ""

    @property
    def title(self) -> str:
        """The report's title: brand and month."""
        return _t("html.title", brand=self.brand, month=self.month_label)

    def close(self) -> None:
        """Free the charts' memory (``plt.close`` each figure)."""
        for fig in self.charts.values():
            plt.close(fig)

    def __repr__(self) -> str:
        return (f"MonthlyReport({self.brand!r}, {self.month!r}: {len(self.kpis)} KPIs, "
                f"{len(self.charts)} charts, {len(self.findings)} findings)")


def monthly_report(
    month: str,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    targets: Mapping[str, float | None] | None = None,
    min_reach: int | None = None,
    n_posts: int = 5,
) -> MonthlyReport:
    """Build the client report of one month.

    Parameters
    ----------
    month : str
        The month, written ``"YYYY-MM"`` (``"2025-10"``); it must be a month of
        the data.
    data_dir : path or None, default=None
        A folder written by ``smmlab generate``; ``None`` uses the canonical
        course data.
    targets : mapping or None, default=None
        KPI key (or name, as in the table) -> target value, in the KPI's unit
        (rates as fractions: ``{"engagement_rate": 0.05, "cpa": 14.0}``);
        ``None`` removes a default target. KPIs you leave out get the
        default: the previous month + 5 %, or - 5 % for CPC and CPA; ad spend
        (give your budget) and mentions have none. The keys are listed in
        :data:`KPIS`.
    min_reach : int or None, default=None
        Fewest accounts a post must have reached to be ranked best or worst;
        ``None``: a quarter of the month's median post reach, at least 100.
    n_posts : int, default=5
        How many best and worst posts to list.

    Returns
    -------
    MonthlyReport

    Raises
    ------
    ValueError
        If ``month`` is not a month of the data (the message gives the
        range), or a target is not a number.

    Examples
    --------
    >>> report = monthly_report("2025-10", targets={"engagement_rate": 0.05})
    >>> float(report.kpis.loc["engagement_rate", "target"])
    0.05
    >>> report.kpis.loc["engagement_rate", "vs_target"] in ("met", "missed")
    True
    >>> sorted(report.charts) == sorted(CHARTS)
    True
    >>> report.close()
    """
    tables = _Tables.load(data_dir)
    available = _month_range(tables.months["posts"])
    folder = Path(data_dir) if data_dir is not None else datasets.data_dir()
    month = check_month(month, available, folder)
    own_targets = _check_targets(targets)
    if isinstance(n_posts, bool) or not isinstance(n_posts, numbers.Integral) or n_posts < 1:
        raise ValueError(_t("err.n_posts", value=n_posts))
    previous = _previous(month, available)
    currency = str(tables.brand["currency"])

    gaps = _Gaps()
    _whole_tables(tables, gaps)
    cur, prev = _figures(tables, month, gaps), _figures(tables, previous)
    chosen: dict[str, float | None] = {**default_targets(prev), **own_targets}
    kpis = _kpi_table(cur, prev, chosen, currency)
    counts = _count_table(cur, prev)

    posts = tables.of("posts", month)
    post_table = _post_table(posts, gaps)
    if min_reach is None:
        median = float(post_table["reach"].median()) if len(post_table) else 0.0
        min_reach = max(MIN_REACH_FLOOR, math.ceil(MIN_REACH_SHARE * median))
    elif isinstance(min_reach, bool) or not isinstance(min_reach, numbers.Integral) or (
        min_reach < 1
    ):
        raise ValueError(_t("err.min_reach", value=min_reach))
    top, bottom = _rank_posts(post_table, int(min_reach), int(n_posts))
    platforms = _by_platform(tables, month, gaps)
    found = _alerts(tables, month)
    if len(found) and data_dir is not None and datasets.provenance(folder) is None:
        gaps.add("alerts", _t("gap.alert_types"))  # no answer key: the labels are not scored

    charts: dict[str, Figure] = {}
    builders = {
        "kpi_vs_target": lambda: _kpi_chart(kpis, month),
        "reach_by_platform": lambda: _reach_chart(tables, month, gaps),
        "mentions": lambda: _mentions_chart(tables, month, found),
        "paid_funnel": lambda: _funnel_chart(cur, month),
    }
    for name in CHARTS:
        fig = builders[name]()
        if fig is not None:
            plt.close(fig)  # kept, but not shown by every notebook cell that makes a report
            charts[name] = fig

    return MonthlyReport(
        month=month,
        previous_month=previous,
        brand=str(tables.brand["name"]),
        industry=(str(tables.brand["industry"]) if pd.notna(tables.brand["industry"])
                  else _t("industry_unknown")),  # an import does not know it
        currency=currency,
        timezone=str(tables.brand["timezone"]),
        kpis=kpis,
        counts=counts,
        top_posts=top,
        bottom_posts=bottom,
        by_platform=platforms,
        alerts=found,
        charts=charts,
        headlines=_headlines(month, kpis, cur, tables, found, top, int(min_reach), currency),
        findings=_findings(tables, month, previous, cur, prev, platforms, currency),
        posts=posts.reset_index(drop=True),
        campaigns=tables.of("campaigns", month).reset_index(drop=True),
        targets={k: v for k, v in chosen.items() if v is not None},
        min_reach=int(min_reach),
        data_dir=Path(data_dir) if data_dir is not None else None,
        gaps=gaps.sections(),
    )


__all__ = [
    "CHARTS",
    "COUNTS",
    "GAP_SECTIONS",
    "DEFAULT_TARGET_CHANGE",
    "KPI",
    "KPIS",
    "MonthlyReport",
    "available_months",
    "check_month",
    "default_targets",
    "format_value",
    "gap_text",
    "month_label",
    "monthly_report",
    "NEEDS",
    "per_post",
]

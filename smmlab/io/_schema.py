"""The course's tables, built from imported columns: dtypes, order, duplicates, numbering.

Columns come from :data:`smmlab.datasets.DATASETS`, so an imported table has the
columns and dtypes of ``datasets.describe(name)``, with one difference: a
column the export lacks (or leaves empty for some rows) is missing, never 0 or
False, so a count column that has missing values is the nullable ``Int64`` and
a true/false column the nullable ``boolean``.

Examples
--------
>>> frame = course_frame("posts", {"likes": pd.Series([3, 4])}, 2, timezone="UTC")
>>> frame["likes"].dtype, frame["reach"].dtype
(dtype('int64'), Int64Dtype())
>>> missing_columns(frame, "posts")[:3]
['platform', 'published_at', 'format']
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from smmlab.datasets import DATASETS
from smmlab.datasets.dictionary import Column

#: The course tables an export can fill.
TABLES: tuple[str, ...] = ("posts", "account_daily", "campaigns", "mentions")
#: Columns an import adds beside the course's own, per table (the platform's own ID).
EXTRA_COLUMNS: dict[str, tuple[str, ...]] = {"posts": ("source_id",)}
#: What makes two rows "the same row" when exports overlap (the later file wins).
KEYS: dict[str, tuple[str, ...]] = {
    "posts": ("platform", "source_id"),
    "account_daily": ("date", "platform"),
    "campaigns": ("date", "channel", "campaign", "ad_set"),
    "mentions": ("timestamp",),
}


def _categorical(values: object, column: Column, n: int) -> pd.Categorical:
    data = [None] * n if values is None else list(values)
    cleaned = [v if isinstance(v, str) and v in column.categories else None for v in data]
    return pd.Categorical(cleaned, categories=list(column.categories),
                          ordered=column.kind == "ordered category")


def _cast(values: object, column: Column, n: int, timezone: str) -> object:
    kind = column.kind
    if kind in ("category", "ordered category"):
        return _categorical(values, column, n)
    if values is None:
        values = pd.Series([pd.NA] * n, dtype="object")
    series = pd.Series(values).reset_index(drop=True)
    if kind in ("int", "nullable int"):
        out = pd.Series(series, dtype="Float64").round().astype("Int64")
        return out.astype("int64") if kind == "int" and not out.hasnans else out
    if kind == "float":
        return pd.Series(series, dtype="Float64").astype("float64")
    if kind == "bool":
        out = series.astype("boolean")
        return out.astype("bool") if not out.hasnans else out
    if kind == "text":
        return series.astype("str").where(series.notna())
    if kind == "timestamp":
        if not isinstance(series.dtype, pd.DatetimeTZDtype):
            series = pd.to_datetime(series).dt.tz_localize(timezone)
        return series.dt.tz_convert(timezone).dt.as_unit("us")
    if kind == "date":
        return pd.to_datetime(series).dt.as_unit("us")
    raise AssertionError(kind)  # pragma: no cover - every kind of the dictionary is above


def course_frame(table: str, data: Mapping[str, object], n: int, *,
                 timezone: str) -> pd.DataFrame:
    """Return the columns of course table ``table`` with their dtypes, in the dictionary's order.

    Parameters
    ----------
    table : str
        One of :data:`TABLES`.
    data : mapping
        Course column (or extra column) -> values; a column not given is missing.
    n : int
        Number of rows.
    timezone : str
        Time zone of timestamp columns (naive values are wall times there).

    Examples
    --------
    >>> course_frame("mentions", {}, 0, timezone="UTC").columns[:2].tolist()
    ['timestamp', 'mentions']
    """
    out = {c.name: _cast(data.get(c.name), c, n, timezone) for c in DATASETS[table].columns}
    for extra in EXTRA_COLUMNS.get(table, ()):
        values = data.get(extra)
        series = pd.Series([None] * n if values is None else list(values), dtype="object")
        out[extra] = series.astype("str").where(series.notna())
    frame = pd.DataFrame(out)
    frame.index = pd.RangeIndex(len(frame))
    return frame


def missing_columns(frame: pd.DataFrame, table: str) -> list[str]:
    """Return the course columns of ``table`` that are missing on every row of ``frame``.

    ``post_id`` is not one: an import numbers the posts itself.

    Examples
    --------
    >>> frame = course_frame("account_daily", {"reach": [5]}, 1, timezone="UTC")
    >>> "reach" in missing_columns(frame, "account_daily")
    False
    """
    return [c.name for c in DATASETS[table].columns if c.name != "post_id"
            and (c.name not in frame or len(frame) == 0 or frame[c.name].isna().all())]


def _later_wins(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per key: for each column the last value that is not missing."""
    if frame.empty:
        return frame
    key_frame = frame[keys].astype("object").where(frame[keys].notna(), "\x00missing")
    group = pd.Series(pd.MultiIndex.from_frame(key_frame).factorize()[0], index=frame.index)
    if group.nunique() == len(frame):
        return frame
    merged = frame.groupby(group.to_numpy(), sort=False).last()  # last non-missing per column
    merged = merged.reset_index(drop=True)
    for name in frame.columns:
        if isinstance(frame[name].dtype, pd.CategoricalDtype):
            merged[name] = pd.Categorical(merged[name], dtype=frame[name].dtype)
    return merged[frame.columns]


def finish(table: str, frame: pd.DataFrame, *, timezone: str) -> tuple[pd.DataFrame, int]:
    """Return ``frame`` as the course table: overlapping rows merged, sorted, numbered.

    Rows of the same post, day or hour (:data:`KEYS`) are merged, a later row's
    values replacing an earlier one's where it has them (exports that overlap;
    re-exports of lifetime totals). Posts are numbered in publishing order.

    Returns
    -------
    (pandas.DataFrame, int)
        The table and how many rows were merged away.

    Examples
    --------
    >>> rows = course_frame("account_daily", {"date": ["2025-01-01"] * 2,
    ...                     "platform": ["X", "X"], "reach": [None, 7]}, 2, timezone="UTC")
    >>> frame, merged = finish("account_daily", rows, timezone="UTC")
    >>> len(frame), merged, int(frame.loc[0, "reach"])
    (1, 1, 7)
    """
    keys = list(KEYS[table])
    if table == "posts" and frame["source_id"].isna().any():
        keys = ["platform", "published_at"]
    before = len(frame)
    merged = _later_wins(frame, keys)
    order = {"posts": ["published_at", "platform"], "account_daily": ["date", "platform"],
             "campaigns": ["date", "channel", "campaign", "ad_set"],
             "mentions": ["timestamp"]}[table]
    merged = merged.sort_values(order, kind="stable", na_position="last")
    data = {name: merged[name].to_numpy() if not isinstance(merged[name].dtype,
                                                            pd.CategoricalDtype)
            else merged[name].astype("object").to_numpy() for name in merged.columns}
    if table == "posts":
        data["post_id"] = np.arange(1, len(merged) + 1)
    if table == "mentions" or table == "posts":
        stamp = "timestamp" if table == "mentions" else "published_at"
        data[stamp] = merged[stamp]
    return course_frame(table, data, len(merged), timezone=timezone), before - len(merged)


__all__ = ["EXTRA_COLUMNS", "KEYS", "TABLES", "course_frame", "finish", "missing_columns"]

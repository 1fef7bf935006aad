"""Reading a metric's inputs: numbers given by name or columns of a table, checked and lined up.

Every metric takes its counts either by name (a number, a list, a numpy array
or a pandas Series) or from the columns of ``data`` (a DataFrame); a value
given by name wins over a column. Each input is checked once here: missing
(NaN/None), non-numeric and negative values raise a :class:`ValueError` that
names the argument or the column.

Examples
--------
>>> read("ctr", None, (Need("clicks"), Need("impressions")), {"clicks": 5, "impressions": 100})
{'clicks': 5.0, 'impressions': 100.0}
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmlab._validate import fail
from smmlab.metrics._messages import MESSAGES

#: What a metric receives: one number, or one number per row.
Values = float | pd.Series

#: The ``aggregate`` options: one value per row, the average of the row rates, the ratio of totals.
AGGREGATES: tuple[str | None, ...] = (None, "per_post", "per_row", "median", "total")


@dataclass(frozen=True)
class Need:
    """One input of a metric: its name, the columns that can provide it and a default.

    ``options`` are alternatives, tried in order; each is a tuple of columns
    that are added up (``("likes", "comments", "shares", "saves")``). Without
    options the column has the input's name. ``default`` is used when neither
    a value nor a column is there (``None``: the input is required).
    ``signed`` allows negative numbers.
    """

    key: str
    options: tuple[tuple[str, ...], ...] = ()
    default: float | None = None
    signed: bool = False

    @property
    def alternatives(self) -> tuple[tuple[str, ...], ...]:
        """The column alternatives, ``((key,),)`` when none were given."""
        return self.options or ((self.key,),)

    def describe(self) -> str:
        """Name the columns that can provide this input, for messages.

        Examples
        --------
        >>> Need("engagements", (("engagements",), ("likes", "saves"))).describe()
        "'engagements' or 'likes' + 'saves'"
        """
        texts = [MESSAGES.text("plus").join(repr(c) for c in cols) for cols in self.alternatives]
        out = texts[0]
        for text in texts[1:]:
            out = MESSAGES.text("either", first=out, second=text)
        return out


def plain(value: object) -> object:
    """A numpy scalar as the Python number it holds, so messages show ``12``, not ``np.int64(12)``.

    Examples
    --------
    >>> plain(np.int64(12))
    12
    """
    return value.item() if isinstance(value, np.generic) else value


def check_aggregate(aggregate: object) -> str | None:
    """Return ``aggregate`` if it is one of :data:`AGGREGATES`.

    Examples
    --------
    >>> check_aggregate("total")
    'total'
    """
    if aggregate is not None and (not isinstance(aggregate, str) or aggregate not in AGGREGATES):
        fail("aggregate", aggregate, "choice", allowed=list(AGGREGATES))
    return aggregate


def check_table(data: object) -> pd.DataFrame | None:
    """Return ``data`` if it is ``None`` or a DataFrame, else raise a ValueError.

    Examples
    --------
    >>> check_table(None) is None
    True
    """
    if data is not None and not isinstance(data, pd.DataFrame):
        raise ValueError(MESSAGES.text("not_table", kind=type(data).__name__))
    return data


def column_label(name: object) -> str:
    """How a column is named in messages: ``column 'reach'``.

    Examples
    --------
    >>> column_label("reach")
    "column 'reach'"
    """
    return MESSAGES.text("column", name=name)


def as_values(label: str, value: object, *, signed: bool = False) -> float | pd.Series | np.ndarray:
    """Check one input and return it as a float, a float Series or a float numpy array.

    Scalars become ``float``; a Series keeps its index; lists, tuples and
    arrays become 1-d float arrays (lined up later by :func:`align`).

    Raises
    ------
    ValueError
        Naming ``label``, for a missing (None/NaN), non-numeric, infinite or
        (unless ``signed``) negative value.

    Examples
    --------
    >>> as_values("reach", 3)
    3.0
    >>> as_values("reach", [1, 2]).tolist()
    [1.0, 2.0]
    >>> as_values("reach", -1)
    Traceback (most recent call last):
    ...
    ValueError: reach must be 0 or more; got -1. Counts and amounts cannot be negative.
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, pd.DataFrame):
        raise ValueError(MESSAGES.text("not_number", label=label, value=type(value).__name__))
    columns = pd.Series | pd.Index | np.ndarray | Sequence
    if isinstance(value, columns) and not isinstance(value, str):
        return _as_column(label, value, signed=signed)
    if value is None or value is pd.NA or value is pd.NaT:
        raise ValueError(MESSAGES.text("missing_value", label=label, value=plain(value)))
    if not isinstance(value, numbers.Real):
        raise ValueError(MESSAGES.text("not_number", label=label, value=plain(value)))
    number = float(value)
    if np.isnan(number):
        raise ValueError(MESSAGES.text("missing_value", label=label, value=plain(value)))
    if np.isinf(number):
        raise ValueError(MESSAGES.text("not_number", label=label, value=plain(value)))
    if number < 0 and not signed:
        raise ValueError(MESSAGES.text("negative_value", label=label, value=plain(value)))
    return number


def _as_column(label: str, value: object, *, signed: bool) -> pd.Series | np.ndarray:
    """Check a column of values; see :func:`as_values`."""
    series = value if isinstance(value, pd.Series) else pd.Series(list(value), dtype=object)
    if isinstance(series.dtype, pd.CategoricalDtype):
        series = series.astype(object)
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_numeric_dtype(dtype):
        floats = series.to_numpy(dtype="float64", na_value=np.nan)
    elif dtype == np.dtype(object):
        # Text is refused, not parsed: "1.200" is 1200 in Italy and 1.2 to Python.
        coerced = pd.to_numeric(series.map(lambda x: "text" if isinstance(x, str) else x),
                                errors="coerce")
        bad = series.notna().to_numpy() & coerced.isna().to_numpy()
        if bad.any():
            raise ValueError(MESSAGES.text("not_number", label=label,
                                           value=plain(series[bad].iloc[0])))
        floats = coerced.to_numpy(dtype="float64", na_value=np.nan)
    else:  # text, dates, durations
        shown = series.dropna().iloc[0] if series.notna().any() else dtype
        raise ValueError(MESSAGES.text("not_number", label=label, value=plain(shown)))
    labels = series.index
    missing = np.isnan(floats)
    if missing.any():
        raise ValueError(MESSAGES.text("missing_values", label=label, n=int(missing.sum()),
                                       where=plain(labels[np.argmax(missing)])))
    infinite = np.isinf(floats)
    if infinite.any():
        raise ValueError(MESSAGES.text("not_number", label=label,
                                       value=float(floats[np.argmax(infinite)])))
    negative = floats < 0
    if negative.any() and not signed:
        first = int(np.argmax(negative))
        raise ValueError(MESSAGES.text("negative_values", label=label, n=int(negative.sum()),
                                       where=plain(labels[first]),
                                       value=plain(series.iloc[first])))
    if isinstance(value, pd.Series):
        return pd.Series(floats, index=series.index, name=series.name, copy=False)
    return floats


def read(
    func: str,
    data: object,
    needs: Sequence[Need],
    given: Mapping[str, object],
) -> dict[str, Values]:
    """Return the checked, lined-up inputs of metric ``func``, keyed like ``needs``.

    Each input comes from ``given`` (a value passed by name), else from the
    columns of ``data``, else from the need's default. Missing columns are
    all reported at once, with the columns the metric needs and those the
    table has.

    Examples
    --------
    >>> table = pd.DataFrame({"likes": [1, 2], "saves": [0, 1]})
    >>> read("x", table, (Need("e", (("likes", "saves"),)),), {})["e"].tolist()
    [1.0, 3.0]
    """
    data = check_table(data)
    chosen: dict[str, tuple[str, ...]] = {}
    unmet: list[Need] = []
    for need in needs:
        if given.get(need.key) is not None:
            continue
        if data is not None:
            cols = next((opt for opt in need.alternatives
                         if all(c in data.columns for c in opt)), None)
            if cols is not None:
                chosen[need.key] = cols
                continue
        if need.default is None:
            unmet.append(need)
    if unmet:
        if data is None:
            need = unmet[0]
            raise ValueError(MESSAGES.text("needs_argument", func=func, name=need.key,
                                           columns=need.describe()))
        needed = [n.describe() for n in needs if given.get(n.key) is None and n.default is None]
        raise ValueError(MESSAGES.text(
            "missing_columns", func=func, missing="; ".join(n.describe() for n in unmet),
            needed="; ".join(needed), has=", ".join(repr(str(c)) for c in data.columns)))

    values: dict[str, float | pd.Series | np.ndarray] = {}
    for need in needs:
        if given.get(need.key) is not None:
            values[need.key] = as_values(need.key, given[need.key], signed=need.signed)
        elif need.key in chosen:
            _refuse_missing(func, data, chosen[need.key])
            parts = [as_values(column_label(c), data[c], signed=need.signed)
                     for c in chosen[need.key]]
            values[need.key] = sum(parts[1:], start=parts[0])
        else:
            values[need.key] = float(need.default)  # type: ignore[arg-type]
    return align(values, None if data is None else data.index)


def align(
    values: Mapping[str, object], index: pd.Index | None = None
) -> dict[str, Values]:
    """Line up the inputs: Series must share one index; arrays get it (same length).

    Numbers are left as they are; numpy and pandas arrays become Series.

    ``index`` is the table's index when the inputs came with ``data``.

    Raises
    ------
    ValueError
        Naming two inputs that do not line up.

    Examples
    --------
    >>> out = align({"a": pd.Series([1.0], index=[7]), "b": np.array([2.0])})
    >>> out["b"].index.tolist()
    [7]
    """
    ref, ref_name = index, "data"
    out: dict[str, Values] = {}
    for key, value in values.items():
        if isinstance(value, pd.Series):
            if ref is None:
                ref, ref_name = value.index, key
            elif not value.index.equals(ref):
                raise ValueError(MESSAGES.text("mismatch", label=key, other=ref_name))
    for key, value in values.items():
        if isinstance(value, np.ndarray | pd.api.extensions.ExtensionArray):
            if ref is None:
                ref, ref_name = pd.RangeIndex(len(value)), key
            if len(value) != len(ref):
                raise ValueError(MESSAGES.text("mismatch", label=key, other=ref_name))
            out[key] = pd.Series(value, index=ref, copy=False)
        else:
            out[key] = value  # type: ignore[assignment]
    return out


def require_columns(func: str, data: pd.DataFrame, columns: Sequence[str]) -> None:
    """Raise a ValueError listing the needed and present columns if ``data`` lacks any.

    Examples
    --------
    >>> require_columns("f", pd.DataFrame({"a": [1]}), ["a"])
    """
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(MESSAGES.text(
            "missing_columns", func=func, missing="; ".join(repr(c) for c in missing),
            needed="; ".join(repr(c) for c in columns),
            has=", ".join(repr(str(c)) for c in data.columns)))


#: The column that names a row's platform in the course's tables: missing values are counted
#: per platform, since an export lacks a column for all of one platform's rows.
GROUP_COLUMN = "platform"


def _missing_mask(data: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """One boolean column per name of ``columns``: the value is missing (or the column absent)."""
    return pd.DataFrame({c: (data[c].isna().to_numpy() if c in data.columns
                             else np.ones(len(data), dtype=bool)) for c in columns},
                        index=data.index)


def missing_by_platform(data: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Count, per platform, the rows that lack a value in any of ``columns``.

    Parameters
    ----------
    data : DataFrame
        A course table; rows are grouped by its ``platform`` column (all in
        one group named ``"all rows"`` when it has none).
    columns : sequence of str
        The columns a metric needs; a column absent from ``data`` is missing
        on every row.

    Returns
    -------
    DataFrame
        Indexed by platform, only platforms with an incomplete row: ``rows``
        (rows lacking something), ``of`` (the platform's rows) and ``missing``
        (tuple of the columns missing on at least one of those rows, in the
        order of ``columns``).

    Examples
    --------
    >>> posts = pd.DataFrame({"platform": ["X", "X", "Instagram"],
    ...                       "reach": [None, None, 10], "saves": [None, 1, 2]})
    >>> missing_by_platform(posts, ["reach", "saves"]).to_dict("index")
    {'X': {'rows': 2, 'of': 2, 'missing': ('reach', 'saves')}}
    """
    data = check_table(data)
    if data is None:
        raise ValueError(MESSAGES.text("not_table", kind="NoneType"))
    mask = _missing_mask(data, columns)
    groups = (data[GROUP_COLUMN].astype("object").fillna(MESSAGES.text("no_platform"))
              if GROUP_COLUMN in data.columns
              else pd.Series(MESSAGES.text("all_rows"), index=data.index))
    rows = []
    for group, part in mask.groupby(groups.to_numpy(), sort=False):
        lacking = part.any(axis=1)
        if lacking.any():
            rows.append({GROUP_COLUMN: str(group), "rows": int(lacking.sum()), "of": len(part),
                         "missing": tuple(c for c in columns if part[c].any())})
    return pd.DataFrame(rows, columns=[GROUP_COLUMN, "rows", "of", "missing"]).set_index(
        GROUP_COLUMN)


def complete_rows(data: pd.DataFrame, columns: Sequence[str]) -> tuple[pd.DataFrame,
                                                                        pd.DataFrame]:
    """Keep the rows of ``data`` that have every one of ``columns``; say what was left out.

    The metrics refuse missing counts (a missing count is not 0). Imported
    exports lack some columns for whole platforms (no reach on X, no saves on
    Facebook): compute a metric on the rows that have its inputs, and report
    the second table next to the number.

    Parameters
    ----------
    data : DataFrame
        A course table (posts, account_daily...).
    columns : sequence of str
        The columns the metric needs, e.g. ``[*metrics.ACTIONS, "reach"]`` for
        the engagement rate by reach.

    Returns
    -------
    kept : DataFrame
        The complete rows, with their original index.
    left_out : DataFrame
        :func:`missing_by_platform` of ``data``: per platform, rows left out
        and the columns they lacked (empty when nothing was left out).

    Examples
    --------
    >>> from smmlab import metrics
    >>> posts = pd.DataFrame({"platform": ["Instagram", "X"], "likes": [9, 5],
    ...                       "comments": [1, 0], "shares": [0, 1], "saves": [2, None],
    ...                       "reach": [100, None]})
    >>> kept, left_out = metrics.complete_rows(posts, [*metrics.ACTIONS, "reach"])
    >>> metrics.engagement_rate(kept).tolist()
    [0.12]
    >>> left_out.to_dict("index")
    {'X': {'rows': 1, 'of': 1, 'missing': ('saves', 'reach')}}
    """
    left_out = missing_by_platform(data, columns)
    if left_out.empty:
        return data, left_out
    return data[~_missing_mask(data, columns).any(axis=1)], left_out


def _refuse_missing(func: str, data: pd.DataFrame, columns: Sequence[str]) -> None:
    """Raise, naming the platforms, if ``data`` (a table with platforms) lacks values."""
    if GROUP_COLUMN not in data.columns:
        return  # as_values names the column and the first row
    for column in columns:
        if not data[column].isna().any():
            continue
        left = missing_by_platform(data, [column])
        where = MESSAGES.text("list_sep").join(
            MESSAGES.text("missing_on", platform=p, rows=r, of=o)
            for p, r, o in zip(left.index, left["rows"], left["of"], strict=True))
        raise ValueError(MESSAGES.text("missing_by_platform", func=func,
                                       label=column_label(column), n=int(left["rows"].sum()),
                                       where=where, column=column))

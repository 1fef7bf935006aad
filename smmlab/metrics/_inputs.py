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

"""Compare a learner's answer with the expected one: numbers, text, lists, Series, tables.

Tables and Series are compared without caring about row order or a default
index, unless the question is about order; numbers within a tolerance.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from typing import Any

import numpy as np
import pandas as pd

from smmlab.exercises._messages import text


@dataclasses.dataclass(frozen=True)
class Tolerance:
    """Relative and absolute tolerance for numbers.

    Examples
    --------
    >>> Tolerance().close(0.0361, 0.036112)
    True
    """

    rel: float = 1e-3
    abs: float = 1e-9

    def close(self, got: float, expected: float) -> bool:
        """True if ``got`` is within tolerance of ``expected``."""
        return math.isclose(float(got), float(expected), rel_tol=self.rel, abs_tol=self.abs)


def describe(value: Any) -> str:
    """A short, readable description of a value for feedback messages.

    Examples
    --------
    >>> describe(0.0361234), describe("x"), describe([1, 2])
    ('0.03612', "'x'", '[1, 2]')
    """
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Real):
        v = float(value)
        if math.isfinite(v) and abs(v) >= 1e4:
            return f"{v:,.0f}" if v == round(v) else f"{v:,.1f}"
        return f"{v:.4g}"
    if isinstance(value, pd.DataFrame):
        return f"a table with {len(value)} rows and columns {list(value.columns)}"
    if isinstance(value, pd.Series):
        return f"a Series with {len(value)} values"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list | tuple):
        return repr(list(value)) if len(value) <= 8 else f"a list of {len(value)} items"
    return type(value).__name__


def is_number(value: Any) -> bool:
    """True for real numbers (numpy included), False for bools.

    Examples
    --------
    >>> is_number(np.float64(1.0)), is_number(True), is_number("1")
    (True, False, False)
    """
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def same(got: Any, expected: Any, *, tolerance: Tolerance = Tolerance(),
         ordered: bool = False) -> bool:
    """True if ``got`` matches ``expected`` (see :func:`difference`).

    Examples
    --------
    >>> same(pd.Series([1, 2]), pd.Series([2, 1]))
    True
    >>> same([1, 2], [2, 1], ordered=True)
    False
    """
    return difference(got, expected, tolerance=tolerance, ordered=ordered, variable="x") is None


def _normal_text(value: str) -> str:
    return " ".join(value.strip().casefold().split())


def difference(got: Any, expected: Any, *, variable: str, tolerance: Tolerance = Tolerance(),
               ordered: bool = False) -> str | None:
    """Return why ``got`` differs from ``expected`` (a learner-facing sentence), or None.

    Examples
    --------
    >>> difference(3, 3.0, variable="n") is None
    True
    >>> difference("Yes ", "yes", variable="d") is None
    True
    >>> difference([1, 2, 3], [1, 2], variable="steps")
    'steps should have 2 items; it has 3.'
    """
    if is_number(expected):
        if not is_number(got):
            return text("not_a_number", variable=variable, got=describe(got))
        if math.isnan(float(expected)):  # e.g. a rate with a zero denominator
            return None if math.isnan(float(got)) else ""
        if not np.isfinite(float(got)) or not tolerance.close(got, expected):
            return ""  # a plain wrong value: the caller decides what to say
        return None
    if isinstance(expected, str):
        if not isinstance(got, str):
            return text("wrong_type", variable=variable, expected="a text in quotes",
                        got=describe(got))
        return None if _normal_text(got) == _normal_text(expected) else ""
    if isinstance(expected, pd.DataFrame):
        return _table_difference(got, expected, variable, tolerance, ordered)
    if isinstance(expected, pd.Series):
        return _series_difference(got, expected, variable, tolerance, ordered)
    if isinstance(expected, list | tuple):
        if not isinstance(got, list | tuple | pd.Series | np.ndarray):
            return text("wrong_type", variable=variable, expected="a list [...]",
                        got=describe(got))
        got = list(got)
        if len(got) != len(expected):
            return text("wrong_length", variable=variable, expected=len(expected), got=len(got))
        pairs = zip(got, expected, strict=True) if ordered else zip(
            sorted(got, key=_sort_key), sorted(expected, key=_sort_key), strict=True)
        if all(same(g, e, tolerance=tolerance) for g, e in pairs):
            return None
        unordered_ok = ordered and same(got, list(expected), tolerance=tolerance)
        return text("wrong_order", variable=variable) if unordered_ok else ""
    return None if got == expected else ""


def _sort_key(value: Any) -> tuple[int, Any]:
    if is_number(value):
        return (0, float(value))
    if isinstance(value, str):
        return (1, _normal_text(value))
    return (2, repr(value))


def _series_difference(got: Any, expected: pd.Series, variable: str, tolerance: Tolerance,
                       ordered: bool) -> str | None:
    if isinstance(got, pd.DataFrame) and got.shape[1] == 1:
        got = got.iloc[:, 0]
    if not isinstance(got, pd.Series):
        return text("wrong_type", variable=variable, expected="a pandas Series",
                    got=describe(got))
    if len(got) != len(expected):
        return text("wrong_rows", variable=variable, expected=len(expected), got=len(got))
    labelled = not isinstance(expected.index, pd.RangeIndex)
    if labelled and not ordered:
        keys_got = [str(k) for k in got.index]
        keys_expected = [str(k) for k in expected.index]
        if sorted(keys_got) != sorted(keys_expected):
            return text("wrong_table_values", variable=variable,
                        example=f"labels {sorted(keys_got)[:4]} vs {sorted(keys_expected)[:4]}")
        got = pd.Series(got.to_numpy(), index=keys_got).sort_index()
        expected = pd.Series(expected.to_numpy(), index=keys_expected).sort_index()
    elif not ordered:
        got = got.sort_values(ignore_index=True)
        expected = expected.sort_values(ignore_index=True)
    return _values_difference(got.to_numpy(), expected.to_numpy(), variable, tolerance,
                              list(expected.index) if labelled else None)


def _values_difference(got: np.ndarray, expected: np.ndarray, variable: str,
                       tolerance: Tolerance, labels: list | None) -> str | None:
    for i, (g, e) in enumerate(zip(got, expected, strict=True)):
        if is_number(e) and is_number(g):
            ok = (pd.isna(e) and pd.isna(g)) or tolerance.close(g, e)
        else:
            ok = (pd.isna(e) and pd.isna(g)) if pd.isna(e) is True else g == e
        if not ok:
            where = f"at {labels[i]!r}" if labels else f"row {i + 1}"
            example = f"{where}: {describe(g)} instead of {describe(e)}"
            return text("wrong_table_values", variable=variable, example=example)
    return None


def _table_difference(got: Any, expected: pd.DataFrame, variable: str, tolerance: Tolerance,
                      ordered: bool) -> str | None:
    if not isinstance(got, pd.DataFrame):
        return text("wrong_type", variable=variable, expected="a pandas table (DataFrame)",
                    got=describe(got))
    if not isinstance(expected.index, pd.RangeIndex):
        expected = expected.reset_index()
        if not isinstance(got.index, pd.RangeIndex):
            got = got.reset_index()
    if sorted(map(str, got.columns)) != sorted(map(str, expected.columns)):
        return text("wrong_columns", variable=variable, expected=list(expected.columns),
                    got=list(got.columns))
    if len(got) != len(expected):
        return text("wrong_rows", variable=variable, expected=len(expected), got=len(got))
    got = got[list(expected.columns)].reset_index(drop=True)
    expected = expected.reset_index(drop=True)
    if not ordered:
        keys = list(expected.columns)
        got = got.sort_values(keys, ignore_index=True)
        expected = expected.sort_values(keys, ignore_index=True)
    for column in expected.columns:
        problem = _values_difference(got[column].to_numpy(), expected[column].to_numpy(),
                                     variable, tolerance, None)
        if problem:
            return problem.replace("row ", f"column {column!r}, row ")
    return None

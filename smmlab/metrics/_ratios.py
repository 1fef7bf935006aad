"""Dividing safely and aggregating rates: per row, average of row rates, or ratio of totals.

Zero denominators give NaN quietly: a post nobody saw has no engagement rate,
and that is not an error. Summing reach is flagged with
:class:`ReachNotAdditiveWarning`.

Examples
--------
>>> divide(3.0, 0.0)
nan
>>> rate(pd.Series([1.0, 9.0]), pd.Series([10.0, 10.0]), "total", "x")
0.5
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from smmlab.metrics._inputs import Values
from smmlab.metrics._messages import MESSAGES


class ReachNotAdditiveWarning(UserWarning):
    """Reach was added up across posts or days, so people are counted more than once.

    Reach counts *unique* accounts. A person reached by three posts is in the
    reach of each post, so the sum of the posts' reach counts them three
    times: it is "post reaches", not people. Metrics that would divide by
    summed reach (``aggregate="total"`` with a reach denominator) still
    return the number -- it is the reach-weighted average of the per-row
    rates -- but warn with this class and say what it is.

    Silence it, once you know what the number means, with
    ``warnings.simplefilter("ignore", ReachNotAdditiveWarning)``.

    Examples
    --------
    >>> issubclass(ReachNotAdditiveWarning, UserWarning)
    True
    """


def index_of(*values: Values) -> pd.Index | None:
    """The index of the first Series among ``values`` (``None`` if all are numbers).

    Examples
    --------
    >>> index_of(1.0, pd.Series([1.0, 2.0])).tolist()
    [0, 1]
    """
    return next((v.index for v in values if isinstance(v, pd.Series)), None)


def n_rows(*values: Values) -> int:
    """How many rows the inputs have together (1 for plain numbers).

    Examples
    --------
    >>> n_rows(2.0, pd.Series([1.0, 2.0, 3.0]))
    3
    """
    index = index_of(*values)
    return 1 if index is None else len(index)


def total(value: Values, index: pd.Index | None) -> float:
    """Sum of ``value`` over the rows of ``index`` (a number counts once per row).

    Examples
    --------
    >>> total(5.0, pd.RangeIndex(3))
    15.0
    """
    if isinstance(value, pd.Series):
        return float(value.sum())
    return float(value) * (1 if index is None else len(index))


def divide(numerator: Values, denominator: Values) -> Values:
    """``numerator / denominator``, NaN where the denominator is 0 (no warning).

    Examples
    --------
    >>> divide(pd.Series([1.0, 2.0]), pd.Series([4.0, 0.0])).tolist()
    [0.25, nan]
    """
    if not isinstance(numerator, pd.Series) and not isinstance(denominator, pd.Series):
        return float("nan") if denominator == 0 else float(numerator) / float(denominator)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = numerator / denominator
    if isinstance(denominator, pd.Series):
        return out.where(denominator != 0)
    return out if denominator != 0 else out * np.nan


def rate(
    numerator: Values,
    denominator: Values,
    aggregate: str | None,
    name: str,
    *,
    scale: float = 1.0,
) -> Values:
    """The rate ``numerator / denominator * scale``, per row or aggregated.

    ``aggregate=None`` gives one rate per row (a Series named ``name``, or a
    float); ``"per_post"``/``"per_row"`` the average of the row rates (rows
    with a zero denominator are left out); ``"median"`` their median (the
    typical row); ``"total"`` the ratio of the totals.

    Examples
    --------
    >>> num, den = pd.Series([1.0, 9.0]), pd.Series([2.0, 90.0])
    >>> rate(num, den, "per_post", "x"), round(rate(num, den, "total", "x"), 4)
    (0.3, 0.1087)
    >>> rate(pd.Series([1.0, 2.0, 30.0]), pd.Series([10.0, 10.0, 10.0]), "median", "x")
    0.2
    """
    if aggregate == "total":
        index = index_of(numerator, denominator)
        return float(divide(total(numerator, index), total(denominator, index))) * scale
    ratios = divide(numerator, denominator)
    if aggregate is None:
        return (ratios * scale).rename(name) if isinstance(ratios, pd.Series) else ratios * scale
    if isinstance(ratios, pd.Series):
        middle = ratios.median() if aggregate == "median" else ratios.mean()
        return float(middle) * scale
    return ratios * scale


def warn_reach_sum(key: str, rows: int, *, stacklevel: int = 3, **fields: object) -> None:
    """Warn with :class:`ReachNotAdditiveWarning` (message ``key``) if reach spans several rows.

    ``stacklevel`` 3 points at the learner's call of the public metric that
    calls this function.

    Examples
    --------
    >>> warn_reach_sum("reach_total_frequency", 1)  # one row: nothing is added up
    """
    if rows > 1:
        warnings.warn(MESSAGES.text(key, n=rows, **fields), ReachNotAdditiveWarning,
                      stacklevel=stacklevel)

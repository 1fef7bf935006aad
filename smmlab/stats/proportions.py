"""Compare two rates (click rate, conversion rate): difference, confidence interval, p-value.

The question an A/B test asks: creative B got 230 clicks from 10,000 people and
A got 200 from 10,000; is B really better, or is that luck? :func:`compare_proportions`
answers from the four counts, :func:`compare_proportions_frame` straight from a
table with one row per person (such as :func:`smmlab.synth.make_ab_test`).
"""

from __future__ import annotations

import dataclasses
import math
from statistics import NormalDist

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from smmlab.stats._messages import (
    MESSAGES,
    chance,
    check_count,
    check_range,
    decimals_for,
    fail,
    level,
    percent,
    points,
)

_NORMAL = NormalDist()


@dataclasses.dataclass(frozen=True)
class ProportionsResult:
    """Two rates compared: what :func:`compare_proportions` returns.

    Attributes
    ----------
    rate_a, rate_b : float
        Successes divided by people, for A and for B.
    difference : float
        ``rate_b - rate_a``, as a share (0.003 is 0.3 percentage points).
    relative_lift : float
        ``difference / rate_a`` (0.15 is "B is 15 % higher"); NaN when ``rate_a`` is 0.
    ci_low, ci_high : float
        Confidence interval for the true difference (Newcombe-Wilson method).
    z : float
        Difference divided by its standard error under "no real difference".
    p_value : float
        Two-sided p-value of the pooled z-test.
    confidence : float
        Confidence level of the interval, such as 0.95.
    successes_a, n_a, successes_b, n_b : int
        The counts the result was computed from.
    metric, name_a, name_b : str
        Words used by :meth:`summary`: what the rate measures and the group names.
    """

    rate_a: float
    rate_b: float
    difference: float
    relative_lift: float
    ci_low: float
    ci_high: float
    z: float
    p_value: float
    confidence: float
    successes_a: int
    n_a: int
    successes_b: int
    n_b: int
    metric: str = dataclasses.field(default_factory=lambda: MESSAGES.text("metric_default"))
    name_a: str = "A"
    name_b: str = "B"

    @property
    def alpha(self) -> float:
        """Significance threshold matching the interval: ``1 - confidence``."""
        return 1.0 - self.confidence

    @property
    def significant(self) -> bool:
        """Whether ``p_value`` is below :attr:`alpha` ("convincing evidence")."""
        return self.p_value < self.alpha

    def summary(self) -> str:
        """Return the result as one plain-language paragraph.

        Examples
        --------
        >>> res = compare_proportions(200, 10_000, 230, 10_000, metric="click rate")
        >>> print(res.summary())  # doctest: +NORMALIZE_WHITESPACE
        B's click rate is 2.3 % vs 2.0 % for A: +0.3 points (95 % CI −0.1 to +0.7).
        A difference this large would happen by chance in 14 % of tests with no real
        difference, so this is not convincing evidence that B is better.
        """
        digits = decimals_for(self.rate_a, self.rate_b)
        names = {"a": self.name_a, "b": self.name_b}
        first = MESSAGES.text(
            "prop_result",
            metric=self.metric,
            rate_a=percent(self.rate_a, digits),
            rate_b=percent(self.rate_b, digits),
            diff=points(self.difference, digits),
            level=level(self.confidence),
            low=points(self.ci_low, digits),
            high=points(self.ci_high, digits),
            **names,
        )
        if self.difference == 0:
            key = "weak_same"
        else:
            strength = "strong" if self.significant else "weak"
            key = f"{strength}_{'better' if self.difference > 0 else 'worse'}"
        verdict = MESSAGES.text(key, **names)
        second = MESSAGES.text("prop_chance", chance=chance(self.p_value), verdict=verdict)
        return f"{first} {second}"


def pooled_z(
    successes_a: ArrayLike, n_a: ArrayLike, successes_b: ArrayLike, n_b: ArrayLike
) -> np.ndarray:
    """Return the pooled two-proportion z statistic, element-wise on arrays of counts.

    ``z = (rate_b - rate_a) / sqrt(p * (1 - p) * (1/n_a + 1/n_b))`` with the
    pooled rate ``p = (successes_a + successes_b) / (n_a + n_b)``; ``z`` is 0
    where no one (or everyone) succeeded, since the rates cannot differ then.

    Examples
    --------
    >>> print(round(float(pooled_z(200, 10_000, 230, 10_000)), 3))
    1.463
    """
    s_a, m_a, s_b, m_b = (np.asarray(v, dtype=float) for v in (successes_a, n_a, successes_b, n_b))
    pooled = (s_a + s_b) / (m_a + m_b)
    se = np.sqrt(pooled * (1.0 - pooled) * (1.0 / m_a + 1.0 / m_b))
    diff = s_b / m_b - s_a / m_a
    return np.divide(diff, se, out=np.zeros(np.broadcast(diff, se).shape), where=se > 0)


def _wilson(successes: int, n: int, z: float) -> tuple[float, float]:
    rate = successes / n
    shrink = 1.0 + z * z / n
    centre = (rate + z * z / (2 * n)) / shrink
    half = z * math.sqrt(rate * (1.0 - rate) / n + z * z / (4 * n * n)) / shrink
    return max(0.0, centre - half), min(1.0, centre + half)


def compare_proportions(
    successes_a: int,
    n_a: int,
    successes_b: int,
    n_b: int,
    *,
    confidence: float = 0.95,
    metric: str | None = None,
) -> ProportionsResult:
    """Compare B's rate with A's: difference, confidence interval and p-value.

    Parameters
    ----------
    successes_a : int
        Successes in A (people who clicked, bought...), from 0 to ``n_a``.
    n_a : int
        People in A, at least 1.
    successes_b : int
        Successes in B, from 0 to ``n_b``.
    n_b : int
        People in B, at least 1.
    confidence : float, default=0.95
        Confidence level of the interval, above 0 and below 1. The summary
        calls the evidence "convincing" when the p-value is below
        ``1 - confidence`` (5 % at the usual 95 %).
    metric : str or None, default=None
        What the rate measures, for the summary sentence ("click rate");
        ``None`` says "rate".

    Returns
    -------
    ProportionsResult
        Rates, difference (B - A), relative lift, interval, z, p-value; call
        ``.summary()`` for a sentence.

    Raises
    ------
    ValueError
        If a count is negative or not whole, successes exceed people, or
        ``confidence`` is not between 0 and 1.

    Notes
    -----
    **Confidence interval: Newcombe-Wilson** (Newcombe's 1998 "hybrid score"
    method). First each rate gets its own Wilson interval: the range of true
    rates under which the observed rate would not be surprising. Then the two
    uncertainties are combined like the sides of a right-angled triangle: the
    lower end is ``difference - sqrt((rate_b - low_b)² + (high_a - rate_a)²)``,
    the upper end ``difference + sqrt((high_b - rate_b)² + (rate_a - low_a)²)``.
    The simpler "difference ± 1.96 standard errors" (Wald) interval is too
    narrow when clicks are rare, as they are in advertising; Newcombe-Wilson
    keeps close to its promised 95 % even at a 1-2 % click rate.

    **p-value: pooled z-test.** If there were no real difference, A and B
    would share one rate, best estimated by pooling everyone:
    ``p = (successes_a + successes_b) / (n_a + n_b)``. Under that assumption
    the difference of rates has standard error ``sqrt(p (1 - p) (1/n_a +
    1/n_b))``; ``z`` is the observed difference divided by it, and the p-value
    is the chance that a bell-curve (normal) draw lands at least ``|z|`` from
    0 on either side. It reads: "with no real difference, a gap at least this
    large would show up in this share of tests".

    Examples
    --------
    Creative A: 200 clicks from 10,000 people; creative B: 230 from 10,000.

    >>> res = compare_proportions(200, 10_000, 230, 10_000)
    >>> print(f"{res.difference:+.4f} ({res.ci_low:+.4f} to {res.ci_high:+.4f})")
    +0.0030 (-0.0010 to +0.0070)
    >>> print(round(res.relative_lift, 2), round(res.p_value, 3))
    0.15 0.144
    >>> print(compare_proportions(200, 10_000, 290, 10_000, metric="click rate").summary())
    ... # doctest: +NORMALIZE_WHITESPACE
    B's click rate is 2.9 % vs 2.0 % for A: +0.9 points (95 % CI +0.5 to +1.3).
    A difference this large would happen by chance in less than 0.1 % of tests with no
    real difference, so this is convincing evidence that B is better.
    """
    n_a = check_count("n_a", n_a, low=1)
    n_b = check_count("n_b", n_b, low=1)
    successes_a = _check_successes("successes_a", successes_a, "n_a", n_a)
    successes_b = _check_successes("successes_b", successes_b, "n_b", n_b)
    confidence = check_range("confidence", confidence, low=0, high=1)

    rate_a, rate_b = successes_a / n_a, successes_b / n_b
    difference = rate_b - rate_a
    z_crit = _NORMAL.inv_cdf(0.5 + confidence / 2)
    low_a, high_a = _wilson(successes_a, n_a, z_crit)
    low_b, high_b = _wilson(successes_b, n_b, z_crit)
    # Newcombe's interval lies within [-1, 1]; rounding can put an end a hair outside
    # (-1.0000000000000002 for 1 of 1 against 0 of 41): keep it a difference of rates.
    ci_low = max(-1.0, difference - math.hypot(rate_b - low_b, high_a - rate_a))
    ci_high = min(1.0, difference + math.hypot(high_b - rate_b, rate_a - low_a))
    z = float(pooled_z(successes_a, n_a, successes_b, n_b))
    return ProportionsResult(
        rate_a=rate_a,
        rate_b=rate_b,
        difference=difference,
        relative_lift=difference / rate_a if rate_a > 0 else math.nan,
        ci_low=ci_low,
        ci_high=ci_high,
        z=z,
        p_value=min(1.0, 2.0 * _NORMAL.cdf(-abs(z))),
        confidence=confidence,
        successes_a=successes_a,
        n_a=n_a,
        successes_b=successes_b,
        n_b=n_b,
        metric=MESSAGES.text("metric_default") if metric is None else str(metric),
    )


def _check_successes(param: str, value: object, n_param: str, n: int) -> int:
    try:
        return check_count(param, value, low=0, high=n)
    except ValueError:
        fail(param, value, "successes", n_param=n_param, n=n)


def compare_proportions_frame(
    df: pd.DataFrame,
    *,
    group: str = "variant",
    outcome: str = "clicked",
    a: object = "A",
    b: object = "B",
    confidence: float = 0.95,
) -> ProportionsResult:
    """Compare two groups' rates straight from a table with one row per person.

    Counts the people (rows) and the successes (``True`` or 1 in ``outcome``)
    of groups ``a`` and ``b`` in column ``group``, then calls
    :func:`compare_proportions`; the summary names the rate after the column
    (``clicked`` gives "click rate", ``converted`` "conversion rate").

    Parameters
    ----------
    df : pandas.DataFrame
        One row per person, such as the table of :func:`smmlab.synth.make_ab_test`.
    group : str, default="variant"
        Column saying which group each person is in.
    outcome : str, default="clicked"
        Column of True/False (or 1/0) saying whether the person succeeded.
    a, b : default "A" and "B"
        The two values of ``group`` to compare; differences are ``b - a``.
    confidence : float, default=0.95
        Confidence level of the interval, above 0 and below 1.

    Returns
    -------
    ProportionsResult

    Raises
    ------
    ValueError
        If a column is missing, ``a`` or ``b`` is not in ``group``, or
        ``outcome`` holds something other than True/False or 1/0.

    Examples
    --------
    >>> from smmlab.synth import make_ab_test
    >>> ab = make_ab_test(5000, random_state=3)
    >>> res = compare_proportions_frame(ab, outcome="clicked")
    >>> res.n_a, res.n_b
    (5000, 5000)
    >>> res.metric
    'click rate'
    """
    if not isinstance(df, pd.DataFrame):
        fail("df", df, "frame", kind=type(df).__name__)
    columns = [str(c) for c in df.columns]
    for param, name in (("group", group), ("outcome", outcome)):
        if name not in df.columns:
            fail(param, name, "column", columns=columns)
    present = pd.unique(df[group].dropna())
    for param, value in (("a", a), ("b", b)):
        if value not in set(present):
            fail(param, value, "group_value", group=group, values=sorted(map(str, present)))
    if a == b:
        fail("b", b, "same_groups")
    values = df[outcome]
    binary = values.notna() & values.isin([0, 1])
    if not binary.all():
        found = pd.Series(values[~binary].unique()[:5]).tolist()
        fail("outcome", outcome, "outcome_binary", outcome=outcome, found=found)
    in_a = (df[group] == a).to_numpy(dtype=bool)
    in_b = (df[group] == b).to_numpy(dtype=bool)
    success = values.to_numpy(dtype=np.int64)
    result = compare_proportions(
        int(success[in_a].sum()),
        int(in_a.sum()),
        int(success[in_b].sum()),
        int(in_b.sum()),
        confidence=confidence,
    )
    key = f"metric_{outcome}"
    metric = (
        MESSAGES.text(key)
        if key in MESSAGES.keys()
        else MESSAGES.text("metric_column", outcome=outcome)
    )
    return dataclasses.replace(result, metric=metric, name_a=str(a), name_b=str(b))

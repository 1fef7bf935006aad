"""Answers by reshuffling the data itself: permutation tests and bootstrap intervals.

No formula to trust: :func:`permutation_test` asks "if the A/B labels meant
nothing, how often would shuffling them give a difference this large?", and
:func:`bootstrap_ci` asks "if I re-drew my sample many times, how much would
the median move?". Both work for medians and other statistics no textbook
formula covers, such as the median order value.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from smmlab._random import RandomState, child_rng, root_seed
from smmlab._validate import check_choice
from smmlab.stats._messages import (
    MESSAGES,
    chance,
    check_count,
    check_range,
    decimals_for,
    fail,
    level,
    numbers_alike,
    percent,
    points,
)

Statistic = Literal["mean", "median", "proportion"] | Callable[..., ArrayLike]
ALTERNATIVES: tuple[str, ...] = ("two-sided", "greater", "less")
STATISTICS: tuple[str, ...] = ("mean", "median", "proportion")
MAX_RESAMPLES = 1_000_000
#: Cells (resamples x values) drawn at once: bounds memory to a few tens of MB.
CHUNK_CELLS = 2_000_000


@dataclasses.dataclass(frozen=True, eq=False)
class PermutationResult:
    """A permutation test: what :func:`permutation_test` returns.

    Attributes
    ----------
    statistic : str
        Name of the statistic compared ("mean", "median", "proportion" or the function's name).
    value_a, value_b : float
        The statistic in A and in B.
    difference : float
        The observed difference ``value_b - value_a``.
    p_value : float
        Share of shuffles at least as extreme as ``difference`` (see :func:`permutation_test`).
    alternative : str
        "two-sided", "greater" or "less".
    n_resamples : int
        Number of shuffles.
    null_distribution : numpy.ndarray
        The difference in each shuffle: what "no real difference" looks like.
    n_a, n_b : int
        Sample sizes.
    """

    statistic: str
    value_a: float
    value_b: float
    difference: float
    p_value: float
    alternative: str
    n_resamples: int
    null_distribution: np.ndarray
    n_a: int
    n_b: int

    def summary(self, *, alpha: float = 0.05, a: str = "A", b: str = "B") -> str:
        """Return the result as a plain-language paragraph.

        Parameters
        ----------
        alpha : float, default=0.05
            p-values below it count as "convincing evidence"; above 0, at most 0.5.
        a, b : str, default "A" and "B"
            Names of the two groups in the sentence.

        Examples
        --------
        >>> res = permutation_test([12, 15, 11, 14], [18, 21, 17, 19], random_state=0)
        >>> print(res.summary())  # doctest: +NORMALIZE_WHITESPACE
        B's mean is 18.75 vs 13.00 for A: a difference of +5.75. Shuffling the A/B labels
        10,000 times (as if they meant nothing) gave a difference at least this large, in
        either direction, in 2.9 % of the shuffles (p = 0.029), so this is convincing
        evidence that B's mean is really higher.
        """
        alpha = check_range("alpha", alpha, low=0, high=0.5, high_inclusive=True)
        stat = _display_name(self.statistic)
        if self.statistic == "proportion":
            digits = decimals_for(self.value_a, self.value_b)
            value_a, value_b = percent(self.value_a, digits), percent(self.value_b, digits)
            diff = f"{points(self.difference, digits)} points"
        else:
            value_a, value_b = numbers_alike(self.value_a, self.value_b)
            (diff,) = numbers_alike(self.difference, signed=True)
        first = MESSAGES.text(
            "perm_result", stat=stat, value_a=value_a, value_b=value_b, diff=diff, a=a, b=b
        )
        if self.difference == 0:
            key = "perm_weak_same"
        else:
            strength = "strong" if self.p_value < alpha else "weak"
            key = f"perm_{strength}_{'higher' if self.difference > 0 else 'lower'}"
        second = MESSAGES.text(
            "perm_chance",
            a=a,
            b=b,
            n_resamples=f"{self.n_resamples:,}",
            tail=MESSAGES.text(f"tail_{self.alternative}", b=b),
            chance=chance(self.p_value),
            p=(
                MESSAGES.text("p_shown", p=self.p_value)
                if self.p_value >= 0.001
                else MESSAGES.text("p_shown_tiny")
            ),
            verdict=MESSAGES.text(key, a=a, b=b, stat=stat),
        )
        return f"{first} {second}"


@dataclasses.dataclass(frozen=True, eq=False)
class BootstrapResult:
    """A bootstrap percentile interval: what :func:`bootstrap_ci` returns.

    Attributes
    ----------
    statistic : str
        Name of the statistic ("median", "mean", "proportion" or the function's name).
    estimate : float
        The statistic on the sample itself.
    ci_low, ci_high : float
        The percentile confidence interval.
    confidence : float
        Its level, such as 0.95.
    n : int
        Sample size.
    n_resamples : int
        Number of bootstrap samples.
    bootstrap_distribution : numpy.ndarray
        The statistic in each bootstrap sample.
    """

    statistic: str
    estimate: float
    ci_low: float
    ci_high: float
    confidence: float
    n: int
    n_resamples: int
    bootstrap_distribution: np.ndarray

    def summary(self) -> str:
        """Return the result as a plain-language paragraph.

        Examples
        --------
        >>> res = bootstrap_ci([12, 15, 11, 14, 40, 13, 16], random_state=0)
        >>> print(res.summary())  # doctest: +NORMALIZE_WHITESPACE
        The median of the 7 values is 14.00. Re-drawing the sample 10,000 times with
        replacement, the middle 95 % of the medians fell between 12.00 and 16.00: that is
        the 95 % confidence interval.
        """
        values = (self.estimate, self.ci_low, self.ci_high)
        if self.statistic == "proportion":
            digits = decimals_for(*values)
            estimate, low, high = (percent(v, digits) for v in values)
        else:
            estimate, low, high = numbers_alike(*values)
        return MESSAGES.text(
            "boot_summary",
            stat=_display_name(self.statistic),
            n=f"{self.n:,}",
            estimate=estimate,
            n_resamples=f"{self.n_resamples:,}",
            level=level(self.confidence),
            low=low,
            high=high,
        )


def _display_name(statistic: str) -> str:
    key = f"stat_{statistic}"
    if key in MESSAGES.keys():
        return MESSAGES.text(key)
    return statistic if statistic.isidentifier() else MESSAGES.text("stat_custom")


def _as_sample(param: str, values: object, *, binary: bool) -> np.ndarray:
    """Return ``values`` as a 1-D float array, or raise naming ``param``."""
    kind = type(values).__name__
    try:
        if isinstance(values, pd.Series | pd.Index):
            array = values.to_numpy(dtype=float, na_value=np.nan)
        else:
            array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        fail(param, values, "not_numbers", kind=kind)
    if array.ndim != 1:
        fail(param, values, "not_numbers", kind=f"{kind} with shape {array.shape}")
    if array.size < 1:
        fail(param, values, "empty", low=1, size=array.size)
    missing = int(np.isnan(array).sum())
    if missing:
        fail(param, values, "missing", count=missing)
    if binary and not np.isin(array, (0.0, 1.0)).all():
        found = sorted(set(array[~np.isin(array, (0.0, 1.0))].tolist()))[:5]
        fail(param, values, "not_binary", found=found)
    return array


def _resolve_statistic(statistic: object) -> tuple[str, Callable[[np.ndarray], np.ndarray]]:
    """Return the statistic's name and a function computing it along axis 1 of a 2-D array."""
    if isinstance(statistic, str):
        if statistic not in STATISTICS:
            fail("statistic", statistic, "statistic", allowed=list(STATISTICS))
        func = np.median if statistic == "median" else np.mean
        return statistic, lambda data: func(data, axis=1)
    if not callable(statistic):
        fail("statistic", statistic, "statistic", allowed=list(STATISTICS))
    name = getattr(statistic, "__name__", "")

    def rows(data: np.ndarray) -> np.ndarray:
        try:
            out = statistic(data, axis=1)
        except TypeError:  # no axis= argument: one resample at a time (slower)
            out = np.apply_along_axis(statistic, 1, data)
        out = np.asarray(out, dtype=float)
        if out.shape != (data.shape[0],):
            fail("statistic", statistic, "statistic_shape", name=name, shape=out.shape)
        return out

    return name, rows


def _chunks(n_resamples: int, width: int) -> list[int]:
    size = max(1, min(n_resamples, CHUNK_CELLS // max(width, 1)))
    full, rest = divmod(n_resamples, size)
    return [size] * full + ([rest] if rest else [])


def permutation_test(
    a: ArrayLike,
    b: ArrayLike,
    *,
    statistic: Statistic = "mean",
    n_resamples: int = 10_000,
    alternative: str = "two-sided",
    random_state: RandomState = None,
) -> PermutationResult:
    """Test whether B's statistic differs from A's by shuffling the A/B labels.

    Parameters
    ----------
    a, b : array-like of numbers
        The two samples (a list, an array or a table column), at least one
        value each, without missing values.
    statistic : {"mean", "median", "proportion"} or callable, default="mean"
        What to compare. "proportion" is the share of 1s (or True) and needs
        0/1 data. A function such as ``np.median`` is called as
        ``statistic(data, axis=1)`` on many shuffles at once; a function
        without ``axis=`` still works, one shuffle at a time (slower).
    n_resamples : int, default=10000
        Number of shuffles, 100 to 1,000,000.
    alternative : {"two-sided", "greater", "less"}, default="two-sided"
        "two-sided": is B different from A? "greater": is B higher?
        "less": is B lower?
    random_state : int, numpy.random.Generator or None, default=None
        Seed; the same int gives the same p-value every time.

    Returns
    -------
    PermutationResult
        Observed difference (B - A), p-value and the shuffled differences;
        call ``.summary()`` for a sentence.

    Raises
    ------
    ValueError
        If a sample is empty, holds missing values or non-numbers, or
        ``statistic``, ``n_resamples`` or ``alternative`` is not allowed.

    Notes
    -----
    The method in plain words: put all values in one pile, shuffle, deal the
    first ``len(a)`` to "A" and the rest to "B", and record the difference of
    the statistic. Repeat ``n_resamples`` times. This shows how big the
    differences are when the labels mean nothing. The p-value is the share of
    shuffles at least as extreme as the real difference (the absolute value
    for "two-sided"), counted as ``(hits + 1) / (n_resamples + 1)``: the real
    labelling is one of the possible shuffles, so the p-value is never 0.

    The shuffles are drawn as index arrays, many at once (a chunk of about two
    million values at a time), with no Python loop over shuffles. For
    "proportion" only the number of 1s dealt to B matters, and that number
    follows the hypergeometric distribution ("draw ``len(b)`` cards from a deck
    with this many 1s"); it is drawn directly, which is exactly the same test,
    just much faster.

    Examples
    --------
    Order values in euros after two newsletter designs:

    >>> a = [31.5, 40.0, 28.9, 35.2, 44.1, 30.8]
    >>> b = [42.0, 47.3, 39.9, 51.2, 38.4, 45.0]
    >>> res = permutation_test(a, b, random_state=1)
    >>> print(round(res.difference, 2), round(res.p_value, 3))
    8.88 0.022
    >>> res = permutation_test(a, b, statistic="median", alternative="greater", random_state=1)
    >>> print(round(res.difference, 2), round(res.p_value, 3))
    10.15 0.01
    """
    alternative = check_choice("alternative", alternative, ALTERNATIVES)
    n_resamples = check_count("n_resamples", n_resamples, low=100, high=MAX_RESAMPLES)
    name, func = _resolve_statistic(statistic)
    binary = name == "proportion"
    x_a = _as_sample("a", a, binary=binary)
    x_b = _as_sample("b", b, binary=binary)
    n_a, n_b = x_a.size, x_b.size
    rng = child_rng(root_seed(random_state), "stats.permutation_test")

    if binary:
        total, hits_b = int(x_a.sum() + x_b.sum()), int(x_b.sum())
        value_a, value_b = (total - hits_b) / n_a, hits_b / n_b
        dealt = rng.hypergeometric(total, n_a + n_b - total, n_b, size=n_resamples)
        null = dealt / n_b - (total - dealt) / n_a
    else:
        value_a = float(func(x_a[None, :])[0])
        value_b = float(func(x_b[None, :])[0])
        pooled = np.concatenate([x_a, x_b])
        order = np.arange(n_a + n_b)
        parts = []
        for size in _chunks(n_resamples, n_a + n_b):
            shuffled = pooled[rng.permuted(np.tile(order, (size, 1)), axis=1)]
            parts.append(func(shuffled[:, n_a:]) - func(shuffled[:, :n_a]))
        null = np.concatenate(parts)
    difference = value_b - value_a

    # Ties count as "at least as extreme": allow for rounding in the last digits.
    tol = 1e-9 * max(abs(difference), float(np.abs(null).max(initial=0.0)), 1e-12)
    if alternative == "greater":
        hits = np.count_nonzero(null >= difference - tol)
    elif alternative == "less":
        hits = np.count_nonzero(null <= difference + tol)
    else:
        hits = np.count_nonzero(np.abs(null) >= abs(difference) - tol)
    return PermutationResult(
        statistic=name,
        value_a=float(value_a),
        value_b=float(value_b),
        difference=float(difference),
        p_value=(hits + 1) / (n_resamples + 1),
        alternative=alternative,
        n_resamples=n_resamples,
        null_distribution=null,
        n_a=n_a,
        n_b=n_b,
    )


def bootstrap_ci(
    x: ArrayLike,
    *,
    statistic: Statistic = np.median,
    confidence: float = 0.95,
    n_resamples: int = 10_000,
    random_state: RandomState = None,
) -> BootstrapResult:
    """Percentile bootstrap confidence interval for a median (or any statistic).

    Parameters
    ----------
    x : array-like of numbers
        The sample (a list, an array or a table column), at least one value,
        without missing values.
    statistic : callable or {"mean", "median", "proportion"}, default=np.median
        What to estimate. A function is called as ``statistic(data, axis=1)``
        on many bootstrap samples at once; one without ``axis=`` still works,
        one sample at a time (slower).
    confidence : float, default=0.95
        Confidence level, above 0 and below 1.
    n_resamples : int, default=10000
        Number of bootstrap samples, 100 to 1,000,000.
    random_state : int, numpy.random.Generator or None, default=None
        Seed; the same int gives the same interval every time.

    Returns
    -------
    BootstrapResult
        Estimate, interval and the bootstrap values; call ``.summary()`` for
        a sentence.

    Raises
    ------
    ValueError
        If ``x`` is empty, holds missing values or non-numbers, or an option
        is out of range.

    Notes
    -----
    The method in plain words: draw a new sample of the same size from your
    data *with replacement* (some values twice, some not at all), compute the
    statistic, and repeat ``n_resamples`` times. The spread of those values
    shows how much the statistic would move with another sample. The 95 %
    interval runs from the 2.5th to the 97.5th percentile of them (the
    "percentile" interval). All bootstrap samples are drawn as index arrays,
    many at once, with no Python loop over samples. With fewer than about 20
    values the interval is too narrow: treat it as a rough guide.

    Examples
    --------
    Median order value of 400 simulated orders:

    >>> import numpy as np
    >>> orders = np.random.default_rng(5).lognormal(np.log(40), 0.5, size=400)
    >>> res = bootstrap_ci(orders, random_state=2)
    >>> print(round(res.estimate, 1), round(res.ci_low, 1), round(res.ci_high, 1))
    38.7 36.0 40.2
    """
    confidence = check_range("confidence", confidence, low=0, high=1)
    n_resamples = check_count("n_resamples", n_resamples, low=100, high=MAX_RESAMPLES)
    name, func = _resolve_statistic(statistic)
    sample = _as_sample("x", x, binary=name == "proportion")
    n = sample.size
    rng = child_rng(root_seed(random_state), "stats.bootstrap_ci")
    estimate = float(func(sample[None, :])[0])
    parts = [func(sample[rng.integers(0, n, size=(size, n))]) for size in _chunks(n_resamples, n)]
    boot = np.concatenate(parts)
    tail = (1.0 - confidence) / 2
    ci_low, ci_high = np.quantile(boot, [tail, 1.0 - tail])
    return BootstrapResult(
        statistic=name,
        estimate=estimate,
        ci_low=float(ci_low),
        ci_high=float(ci_high),
        confidence=confidence,
        n=n,
        n_resamples=n_resamples,
        bootstrap_distribution=boot,
    )


@dataclasses.dataclass(frozen=True, eq=False)
class BootstrapDifferenceResult:
    """A bootstrap interval for B - A: what :func:`bootstrap_difference` returns.

    Attributes
    ----------
    statistic : str
        Name of the statistic ("median", "mean", "proportion" or the function's name).
    value_a, value_b : float
        The statistic in A and in B.
    difference : float
        The observed difference ``value_b - value_a``.
    ci_low, ci_high : float
        The percentile confidence interval for the difference.
    confidence : float
        Its level, such as 0.95.
    n_a, n_b : int
        Sample sizes.
    n_resamples : int
        Number of bootstrap samples.
    bootstrap_distribution : numpy.ndarray
        The difference in each bootstrap sample.
    """

    statistic: str
    value_a: float
    value_b: float
    difference: float
    ci_low: float
    ci_high: float
    confidence: float
    n_a: int
    n_b: int
    n_resamples: int
    bootstrap_distribution: np.ndarray

    def summary(self, *, a: str = "A", b: str = "B") -> str:
        """Return the result as a plain-language paragraph.

        Parameters
        ----------
        a, b : str, default "A" and "B"
            Names of the two groups in the sentence.

        Examples
        --------
        >>> res = bootstrap_difference([31.5, 40.0, 28.9, 35.2, 44.1, 30.8] * 4,
        ...                            [42.0, 47.3, 39.9, 51.2, 38.4, 45.0] * 4, random_state=1)
        >>> print(res.summary())  # doctest: +NORMALIZE_WHITESPACE
        B's median is 43.50 vs 33.35 for A: a difference of +10.15. Re-drawing each group's
        values 10,000 times with replacement (A from A's, B from B's), the middle 95 % of
        the differences fell between +4.40 and +14.65: that is the 95 % confidence interval
        for B − A. It is all above 0: B's median is higher.
        """
        stat = _display_name(self.statistic)
        values = (self.value_a, self.value_b)
        ends = (self.difference, self.ci_low, self.ci_high)
        if self.statistic == "proportion":
            digits = decimals_for(*values, *ends)
            value_a, value_b = (percent(v, digits) for v in values)
            diff, low, high = (f"{points(v, digits)} points" for v in ends)
        else:
            value_a, value_b = numbers_alike(*values)
            diff, low, high = numbers_alike(*ends, signed=True)
        if self.ci_low > 0:
            verdict = MESSAGES.text("boot_diff_higher", b=b, stat=stat)
        elif self.ci_high < 0:
            verdict = MESSAGES.text("boot_diff_lower", b=b, stat=stat)
        else:
            verdict = MESSAGES.text("boot_diff_includes_zero", b=b, stat=stat)
        smallest = min(self.n_a, self.n_b)
        if smallest < 20:
            verdict += MESSAGES.text("boot_diff_small", n=smallest)
        first = MESSAGES.text("boot_diff_result", a=a, b=b, stat=stat, value_a=value_a,
                              value_b=value_b, diff=diff)
        second = MESSAGES.text(
            "boot_diff_interval", a=a, b=b, n_resamples=f"{self.n_resamples:,}",
            level=level(self.confidence), low=low, high=high, verdict=verdict,
        )
        return f"{first} {second}"


def bootstrap_difference(
    a: ArrayLike,
    b: ArrayLike,
    *,
    statistic: Statistic = np.median,
    confidence: float = 0.95,
    n_resamples: int = 10_000,
    random_state: RandomState = None,
) -> BootstrapDifferenceResult:
    """Percentile bootstrap confidence interval for B's statistic minus A's.

    Answers "how much higher (or lower) is B's median than A's, give or take?"
    by re-drawing each group from its own values: never from the two pooled
    together, which would describe A and B mixed and cannot tell them apart.

    Parameters
    ----------
    a, b : array-like of numbers
        The two samples (a list, an array or a table column), at least one
        value each, without missing values.
    statistic : callable or {"mean", "median", "proportion"}, default=np.median
        What to compare. A function is called as ``statistic(data, axis=1)``
        on many bootstrap samples at once; one without ``axis=`` still works,
        one sample at a time (slower).
    confidence : float, default=0.95
        Confidence level, above 0 and below 1.
    n_resamples : int, default=10000
        Number of bootstrap samples, 100 to 1,000,000.
    random_state : int, numpy.random.Generator or None, default=None
        Seed; the same int gives the same interval every time.

    Returns
    -------
    BootstrapDifferenceResult
        The statistic in A and B, the difference B - A, its interval and the
        bootstrap differences; call ``.summary()`` for a sentence.

    Raises
    ------
    ValueError
        If a sample is empty, holds missing values or non-numbers, or an
        option is out of range.

    See Also
    --------
    bootstrap_ci : the interval of one group's statistic.
    permutation_test : a p-value for "A and B do not differ".

    Notes
    -----
    The method in plain words: draw a new A of the same size from A's values
    *with replacement*, and a new B from B's values, compute the statistic of
    each and their difference; repeat ``n_resamples`` times. The 95 % interval
    runs from the 2.5th to the 97.5th percentile of the differences. If it
    includes 0, "no difference" still fits the data. With fewer than about 20
    values in a group the interval is too narrow: treat it as a rough guide.
    A and B are re-drawn from independent child streams of ``random_state``,
    as index arrays, many samples at once.

    Examples
    --------
    Order values in euros after two ad creatives:

    >>> import numpy as np
    >>> rng = np.random.default_rng(5)
    >>> orders_a = rng.lognormal(np.log(40), 0.5, size=300)
    >>> orders_b = rng.lognormal(np.log(46), 0.5, size=300)
    >>> res = bootstrap_difference(orders_a, orders_b, random_state=2)
    >>> print(round(res.difference, 1), round(res.ci_low, 1), round(res.ci_high, 1))
    7.7 4.3 13.5
    >>> res.ci_low < res.difference < res.ci_high
    True
    """
    confidence = check_range("confidence", confidence, low=0, high=1)
    n_resamples = check_count("n_resamples", n_resamples, low=100, high=MAX_RESAMPLES)
    name, func = _resolve_statistic(statistic)
    binary = name == "proportion"
    x_a = _as_sample("a", a, binary=binary)
    x_b = _as_sample("b", b, binary=binary)
    root = root_seed(random_state)
    value_a = float(func(x_a[None, :])[0])
    value_b = float(func(x_b[None, :])[0])

    def redrawn(sample: np.ndarray, stream: str) -> np.ndarray:
        rng = child_rng(root, stream)
        n = sample.size
        return np.concatenate([func(sample[rng.integers(0, n, size=(size, n))])
                               for size in _chunks(n_resamples, n)])

    boot = (redrawn(x_b, "stats.bootstrap_difference.b")
            - redrawn(x_a, "stats.bootstrap_difference.a"))
    tail = (1.0 - confidence) / 2
    ci_low, ci_high = np.quantile(boot, [tail, 1.0 - tail])
    return BootstrapDifferenceResult(
        statistic=name,
        value_a=value_a,
        value_b=value_b,
        difference=value_b - value_a,
        ci_low=float(ci_low),
        ci_high=float(ci_high),
        confidence=confidence,
        n_a=x_a.size,
        n_b=x_b.size,
        n_resamples=n_resamples,
        bootstrap_distribution=boot,
    )

"""Learner-facing text of :mod:`smmlab.stats`: the catalogue, and the helpers that use it.

Every error and every summary sentence of the statistics layer is a template in
:data:`MESSAGES`. The helpers below raise errors from it (:func:`fail`,
:func:`check_range`, :func:`check_count`, :func:`check_flag`) and format numbers
the way the sentences show them: ``2.3 %`` for a rate, ``+0.3 points`` for a
difference of rates, ``−0.1`` with a real minus sign.

Examples
--------
>>> percent(0.0234)
'2.3 %'
>>> points(-0.001, decimals=1)
'−0.1'
>>> chance(0.1436)
'14 %'
"""

from __future__ import annotations

import math
import numbers
from typing import NoReturn

from smmlab._messages import Catalog

MINUS = "\N{MINUS SIGN}"

MESSAGES = Catalog(
    {
        "en": {
            # --- errors -------------------------------------------------------------------
            "open_range": "{param} must be a number above {low} and below {high}; got {value!r}.",
            "half_open": "{param} must be a number above {low} and at most {high}; got {value!r}.",
            "count": "{param} must be a whole number from {low} to {high}; got {value!r}.",
            "successes": (
                "{param} must be a whole number from 0 to {n_param} (= {n}), because there "
                "cannot be more successes than people; got {value!r}."
            ),
            "any_size": "any size",
            "flag": "{param} must be True or False; got {value!r}.",
            "not_numbers": (
                "{param} must be a list, array or table column of numbers (one dimension); "
                "got {kind}."
            ),
            "empty": "{param} must hold at least {low} value(s); got {size}.",
            "missing": (
                "{param} must not have missing values (NaN); it has {count}. Remove them first, "
                "for example with .dropna(), or decide whether 'missing' should count as 0."
            ),
            "not_binary": (
                "{param} must hold only 0/1 or True/False values for statistic='proportion'; "
                "found {found}."
            ),
            "statistic": (
                "statistic must be one of {allowed} or a function such as np.median; got {value!r}."
            ),
            "statistic_shape": (
                "statistic must turn a sample into one number, like np.median does; "
                "{name} returned {shape}."
            ),
            "effect": (
                "min_detectable_effect must be a non-zero number that keeps the second rate "
                "above 0 and below 1: with baseline_rate={baseline} and relative={relative}, "
                "above {low} and below {high} (not 0); got {value!r}."
            ),
            "frame": "df must be a pandas DataFrame (a table); got {kind}.",
            "column": (
                "{param} must name a column of df; got {value!r}. The columns are: {columns}."
            ),
            "group_value": (
                "{param} must be one of the values in column {group!r}: {values}; got {value!r}."
            ),
            "same_groups": "{param} must be a different group from a; both are {value!r}.",
            "outcome_binary": (
                "Column {outcome!r} must hold only True/False or 1/0, without missing values, "
                "to count successes; found {found}."
            ),
            # --- summary sentences: compare_proportions ---------------------------------
            "prop_result": (
                "{b}'s {metric} is {rate_b} vs {rate_a} for {a}: {diff} points "
                "({level} CI {low} to {high})."
            ),
            "prop_chance": (
                "A difference this large would happen by chance in {chance} of tests with no "
                "real difference, so this is {verdict}."
            ),
            "weak_better": "not convincing evidence that {b} is better",
            "weak_worse": "not convincing evidence that {b} is worse",
            "weak_same": "no evidence that {a} and {b} differ",
            "strong_better": "convincing evidence that {b} is better",
            "strong_worse": "convincing evidence that {b} is worse",
            "metric_clicked": "click rate",
            "metric_converted": "conversion rate",
            "metric_default": "rate",
            "metric_column": "{outcome!r} rate",
            "p_tiny": "less than 0.1 %",
            # --- summary sentences: resampling -------------------------------------------
            "stat_mean": "mean",
            "stat_median": "median",
            "stat_proportion": "rate",
            "stat_custom": "statistic",
            "perm_result": (
                "{b}'s {stat} is {value_b} vs {value_a} for {a}: a difference of {diff}."
            ),
            "perm_chance": (
                "Shuffling the {a}/{b} labels {n_resamples} times (as if they meant nothing) "
                "gave a difference {tail} in {chance} of the shuffles ({p}), so this is "
                "{verdict}."
            ),
            "p_shown": "p = {p:.2g}",
            "p_shown_tiny": "p < 0.001",
            "tail_two-sided": "at least this large, in either direction,",
            "tail_greater": "at least this far in {b}'s favour",
            "tail_less": "at least this far against {b}",
            "perm_strong_higher": "convincing evidence that {b}'s {stat} is really higher",
            "perm_strong_lower": "convincing evidence that {b}'s {stat} is really lower",
            "perm_weak_higher": "not convincing evidence that {b}'s {stat} is really higher",
            "perm_weak_lower": "not convincing evidence that {b}'s {stat} is really lower",
            "perm_weak_same": "no evidence that {a} and {b} differ",
            "boot_summary": (
                "The {stat} of the {n} values is {estimate}. Re-drawing the sample "
                "{n_resamples} times with replacement, the middle {level} of the {stat}s fell "
                "between {low} and {high}: that is the {level} confidence interval."
            ),
            "boot_diff_result": (
                "{b}'s {stat} is {value_b} vs {value_a} for {a}: a difference of {diff}."
            ),
            "boot_diff_interval": (
                "Re-drawing each group's values {n_resamples} times with replacement ({a} "
                "from {a}'s, {b} from {b}'s), the middle {level} of the differences fell "
                "between {low} and {high}: that is the {level} confidence interval for "
                "{b} − {a}. {verdict}"
            ),
            "boot_diff_includes_zero": (
                "It includes 0: the data cannot tell whether {b}'s {stat} is higher or lower."
            ),
            "boot_diff_higher": "It is all above 0: {b}'s {stat} is higher.",
            "boot_diff_lower": "It is all below 0: {b}'s {stat} is lower.",
            "boot_diff_small": (
                " With {n} values in the smaller group (fewer than about 20) the interval is "
                "too narrow: treat it as a rough guide."
            ),
            # --- summary sentences: peeking ------------------------------------------------
            "peek_setup": (
                "In {n_tests} simulated A/A tests (both versions truly identical, {visitors} "
                "people per version per day, {rate} rate), checking once after {days} days "
                'found a "significant" winner in {single} of tests, close to the {alpha} '
                "you accept."
            ),
            "peek_daily": (
                'Checking every day and stopping at the first "significant" day found one '
                "in {daily} of tests{ratio}, and every one of those winners is a false alarm."
            ),
            "peek_ratio": " ({ratio:.1f} times as often)",
        }
    }
)


def fail(param: str, value: object, rule: str, /, **fields: object) -> NoReturn:
    """Raise a :class:`ValueError` built from the stats message ``rule``.

    Examples
    --------
    >>> try:
    ...     fail("confidence", 2, "open_range", low=0, high=1)
    ... except ValueError as err:
    ...     print(err)
    confidence must be a number above 0 and below 1; got 2.
    """
    raise ValueError(MESSAGES.text(rule, param=param, value=value, **fields))


def check_range(
    param: str, value: object, *, low: float, high: float, high_inclusive: bool = False
) -> float:
    """Return ``value`` as a float if ``low < value < high`` (or ``<= high``).

    Examples
    --------
    >>> check_range("alpha", 0.5, low=0, high=0.5, high_inclusive=True)
    0.5
    """
    rule = "half_open" if high_inclusive else "open_range"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        fail(param, value, rule, low=low, high=high)
    number = float(value)
    above_high = number > high if high_inclusive else number >= high
    if not number > low or above_high or math.isnan(number):
        fail(param, value, rule, low=low, high=high)
    return number


def check_count(param: str, value: object, *, low: int, high: int | None = None) -> int:
    """Return ``value`` as an int if it is a whole number in ``[low, high]``.

    Whole floats such as ``230.0`` (a column summed after a missing value) are accepted.

    Examples
    --------
    >>> check_count("n_a", 230.0, low=1)
    230
    """
    whole = (
        isinstance(value, numbers.Real)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
        and float(value).is_integer()
    )
    count = int(value) if whole else low - 1  # type: ignore[arg-type]
    if count < low or (high is not None and count > high):
        shown = MESSAGES.text("any_size") if high is None else high
        fail(param, value, "count", low=low, high=shown)
    return count


def check_flag(param: str, value: object) -> bool:
    """Return ``value`` if it is ``True`` or ``False``.

    Examples
    --------
    >>> check_flag("relative", True)
    True
    """
    if not isinstance(value, bool):
        fail(param, value, "flag")
    return value


def decimals_for(*rates: float) -> int:
    """Return how many decimals show these rates as percentages: 1, or more for tiny rates.

    Examples
    --------
    >>> decimals_for(0.02, 0.023), decimals_for(0.004), decimals_for(0.0004)
    (1, 2, 3)
    """
    smallest = min((abs(r) for r in rates if r and math.isfinite(r)), default=1.0)
    return min(4, max(1, math.ceil(-math.log10(smallest)) - 1))


def percent(rate: float, decimals: int | None = None) -> str:
    """Format a share as a percentage: ``0.0234 -> '2.3 %'``.

    Examples
    --------
    >>> percent(0.05, 0)
    '5 %'
    """
    digits = decimals_for(rate) if decimals is None else decimals
    return f"{rate * 100:.{digits}f} %".replace("-", MINUS)


def points(difference: float, decimals: int) -> str:
    """Format a difference of two rates in percentage points, always signed.

    Examples
    --------
    >>> points(0.003, 1)
    '+0.3'
    """
    return f"{difference * 100:+.{decimals}f}".replace("-", MINUS)


def numbers_alike(*values: float, signed: bool = False) -> list[str]:
    """Format plain numbers with the same decimals, chosen from the largest of them.

    No decimals from 1,000 up, 2 decimals from 1 up, 3 significant digits below 1.

    Examples
    --------
    >>> numbers_alike(0.906, 0.98, 1.05)
    ['0.91', '0.98', '1.05']
    >>> numbers_alike(12345.6), numbers_alike(-0.01234, signed=True)
    (['12,346'], ['−0.0123'])
    """
    largest = max((abs(v) for v in values if math.isfinite(v)), default=0.0)
    if largest >= 1000:
        decimals = 0
    elif largest >= 1 or largest == 0:
        decimals = 2
    else:
        decimals = 2 - math.floor(math.log10(largest))
    sign = "+" if signed else ""
    return [f"{v:{sign},.{decimals}f}".replace("-", MINUS) for v in values]


def chance(p_value: float) -> str:
    """Format a p-value as a share of tests: ``0.1436 -> '14 %'``.

    Examples
    --------
    >>> chance(0.049), chance(0.0004)
    ('4.9 %', 'less than 0.1 %')
    """
    if p_value < 0.001:
        return MESSAGES.text("p_tiny")
    return percent(p_value, 0 if p_value >= 0.1 else 1)


def level(confidence: float) -> str:
    """Format a confidence level: ``0.95 -> '95 %'``.

    Examples
    --------
    >>> level(0.95), level(0.999)
    ('95 %', '99.9 %')
    """
    return f"{confidence * 100:.10g} %"

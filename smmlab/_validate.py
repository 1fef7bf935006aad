"""Argument checks shared by the library: each error names the parameter and what it allows.

Examples
--------
>>> check_int("days", 30, low=1, high=3660)
30
>>> check_choice("freq", "h", ["h", "D"])
'h'
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from typing import NoReturn

import pandas as pd

from smmlab._messages import Catalog

MESSAGES = Catalog(
    {
        "en": {
            "random_state": (
                "random_state must be an int >= 0, a numpy.random.Generator or None; got {value!r}."
            ),
            "learner": (
                "learner must be a non-empty text id such as an e-mail address; got {value!r}."
            ),
            "int_range": "{param} must be a whole number from {low} to {high}; got {value!r}.",
            "number_range": "{param} must be a number from {low} to {high}; got {value!r}.",
            "choice": "{param} must be one of {allowed}; got {value!r}.",
            "choices": "{param} must be a list drawn from {allowed}; got {value!r}.",
            "date": "{param} must be a date such as '2025-01-01'; got {value!r}.",
            "unknown_keys": "{param} has unknown keys {unknown}; the allowed keys are {allowed}.",
            "type": "{param} must be {expected}; got {value!r}.",
            "date_window": (
                "{param} must fall inside the generated period {low} to {high}; got {value!r}."
            ),
        }
    }
)


def fail(param: str, value: object, rule: str, /, **fields: object) -> NoReturn:
    """Raise a :class:`ValueError` built from message ``rule``.

    Examples
    --------
    >>> try:
    ...     fail("days", -1, "int_range", low=1, high=10)
    ... except ValueError as err:
    ...     print(err)
    days must be a whole number from 1 to 10; got -1.
    """
    raise ValueError(MESSAGES.text(rule, param=param, value=value, **fields))


def check_int(param: str, value: object, *, low: int, high: int | None = None) -> int:
    """Return ``value`` as an int if it is a whole number in ``[low, high]``.

    Examples
    --------
    >>> check_int("n_posts", 5, low=1)
    5
    """
    shown_high = "any size" if high is None else high
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        fail(param, value, "int_range", low=low, high=shown_high)
    if value < low or (high is not None and value > high):
        fail(param, value, "int_range", low=low, high=shown_high)
    return int(value)


def check_number(param: str, value: object, *, low: float, high: float) -> float:
    """Return ``value`` as a float if it is a finite number in ``[low, high]``.

    Examples
    --------
    >>> check_number("lift", 0.1, low=-0.9, high=10)
    0.1
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        fail(param, value, "number_range", low=low, high=high)
    if not (low <= float(value) <= high):  # also rejects NaN
        fail(param, value, "number_range", low=low, high=high)
    return float(value)


def check_choice(param: str, value: object, allowed: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``allowed``.

    Examples
    --------
    >>> check_choice("by", "reach", ("reach", "impressions"))
    'reach'
    """
    allowed = list(allowed)
    if not isinstance(value, str) or value not in allowed:
        fail(param, value, "choice", allowed=allowed)
    return value


def check_choices(param: str, value: object, allowed: Iterable[str]) -> list[str]:
    """Return ``value`` as a list if it is a non-empty list of distinct allowed names.

    Examples
    --------
    >>> check_choices("platforms", ["X"], ["Instagram", "X"])
    ['X']
    """
    allowed = list(allowed)
    if isinstance(value, str) or not isinstance(value, Iterable):
        fail(param, value, "choices", allowed=allowed)
    items = list(value)
    if not items or len(set(items)) != len(items) or any(i not in allowed for i in items):
        fail(param, value, "choices", allowed=allowed)
    return items


def check_date(param: str, value: object) -> pd.Timestamp:
    """Return ``value`` as a midnight, time-zone-free :class:`pandas.Timestamp`.

    Examples
    --------
    >>> check_date("start", "2025-03-01")
    Timestamp('2025-03-01 00:00:00')
    """
    try:
        ts = pd.Timestamp(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        fail(param, value, "date")
    if ts is pd.NaT or isinstance(value, bool | numbers.Number):
        fail(param, value, "date")
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts.normalize()


def check_keys(param: str, value: Mapping[str, object], allowed: Iterable[str]) -> None:
    """Raise if mapping ``value`` has keys outside ``allowed``.

    Examples
    --------
    >>> check_keys("overrides", {"name": "x"}, ["name", "industry"])
    """
    allowed = sorted(allowed)
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        fail(param, dict(value), "unknown_keys", unknown=unknown, allowed=allowed)

"""Planted account-level events shared by posts and daily account figures."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import numpy as np
import pandas as pd

from smmlab._validate import check_choice, check_date, check_int, check_keys, check_number, fail
from smmlab.synth.brand import PLATFORMS, Brand


@dataclasses.dataclass(frozen=True)
class AlgorithmChange:
    """From ``date`` on, organic reach on ``platform`` is multiplied by ``factor``."""

    platform: str
    date: pd.Timestamp
    factor: float

    def multiplier(self, platform_codes: np.ndarray, day_index: np.ndarray, start: pd.Timestamp
                   ) -> np.ndarray:
        """Return the reach multiplier for rows given by platform code and day index."""
        after = day_index >= (self.date - start).days
        hit = (platform_codes == PLATFORMS.index(self.platform)) & after
        return np.where(hit, self.factor, 1.0)


@dataclasses.dataclass(frozen=True)
class BoughtFollowers:
    """``followers`` bought on ``platform``, delivered over ``days`` from ``date``."""

    platform: str
    date: pd.Timestamp
    followers: int
    days: int


def _check_in_period(param: str, date: pd.Timestamp, start: pd.Timestamp, days: int) -> None:
    end = start + pd.Timedelta(days=days - 1)
    if not (start <= date <= end):
        fail(param, str(date.date()), "date_window", low=str(start.date()), high=str(end.date()))


def check_algorithm_change(
    value: object, brand: Brand, start: pd.Timestamp, days: int
) -> AlgorithmChange | None:
    """Validate ``algorithm_change={"platform": ..., "date": ..., "factor": ...}``.

    Examples
    --------
    >>> from smmlab.synth.brand import make_brand
    >>> check_algorithm_change({"platform": "Instagram", "date": "2025-06-01"}, make_brand(0),
    ...                        pd.Timestamp("2025-01-01"), 365).factor
    0.6
    """
    if value is None:
        return None
    if isinstance(value, AlgorithmChange):
        value = dataclasses.asdict(value)
    if not isinstance(value, Mapping):
        fail("algorithm_change", value, "type", expected="a dict with platform, date and factor")
    check_keys("algorithm_change", value, ("platform", "date", "factor"))
    platform = check_choice(
        "algorithm_change['platform']", value.get("platform"), list(brand.platforms.index)
    )
    date = check_date("algorithm_change['date']", value.get("date"))
    _check_in_period("algorithm_change['date']", date, start, days)
    factor = check_number("algorithm_change['factor']", value.get("factor", 0.6), low=0.05, high=5)
    return AlgorithmChange(platform, date, factor)


def check_bought_followers(
    value: object, brand: Brand, start: pd.Timestamp, days: int
) -> BoughtFollowers | None:
    """Validate ``bought_followers={"platform", "date", "followers", "days"}``.

    Examples
    --------
    >>> from smmlab.synth.brand import make_brand
    >>> check_bought_followers({"platform": "Instagram", "date": "2025-03-01"}, make_brand(0),
    ...                        pd.Timestamp("2025-01-01"), 365).followers
    8000
    """
    if value is None:
        return None
    if isinstance(value, BoughtFollowers):
        value = dataclasses.asdict(value)
    if not isinstance(value, Mapping):
        fail(
            "bought_followers", value, "type",
            expected="a dict with platform, date, followers and days",
        )
    check_keys("bought_followers", value, ("platform", "date", "followers", "days"))
    platform = check_choice(
        "bought_followers['platform']", value.get("platform"), list(brand.platforms.index)
    )
    date = check_date("bought_followers['date']", value.get("date"))
    _check_in_period("bought_followers['date']", date, start, days)
    followers = check_int(
        "bought_followers['followers']", value.get("followers", 8000), low=1, high=10_000_000
    )
    n_days = check_int("bought_followers['days']", value.get("days", 21), low=1, high=120)
    return BoughtFollowers(platform, date, followers, n_days)

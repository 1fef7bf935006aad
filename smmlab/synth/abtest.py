"""A/B test of two ad creatives with a known true effect."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmlab._random import RandomState, child_rng, root_seed
from smmlab._validate import check_date, check_int, check_number, fail
from smmlab.synth._calendar import AUDIENCE_WEEK_HOUR, period
from smmlab.synth.brand import Brand, resolve_brand
from smmlab.synth.truth import Truth

VARIANT_DTYPE = pd.CategoricalDtype(["A", "B"], ordered=True)
CONVERSION_AFTER_CLICK = 0.08
COLUMNS: tuple[str, ...] = ("user_id", "variant", "date", "clicked", "converted", "order_value")


def make_ab_test(
    n_per_variant: int = 5000,
    *,
    baseline_rate: float = 0.02,
    lift: float = 0.15,
    days: int = 14,
    start: str | pd.Timestamp = "2025-05-05",
    brand: Brand | None = None,
    random_state: RandomState = None,
    return_truth: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, Truth]:
    """Generate a creative A/B test: one row per person shown an ad.

    Parameters
    ----------
    n_per_variant : int, default=5000
        People shown each creative, 10 to 5,000,000.
    baseline_rate : float, default=0.02
        True click-through rate of creative A, above 0 and at most 0.5.
    lift : float, default=0.15
        True relative lift of B over A: B clicks at ``baseline_rate * (1 +
        lift)``; from -0.9 to 5. ``lift=0`` makes an A/A test (no real
        difference).
    days : int, default=14
        Test duration, 1 to 120 days; people arrive uniformly over it.
    start : str or Timestamp, default="2025-05-05"
        First day of the test.
    brand : Brand or None, default=None
        Gives the order value; ``None`` draws a brand from ``random_state``.
    random_state : int, numpy.random.Generator or None, default=None
        Seed.
    return_truth : bool, default=False
        Also return a :class:`Truth` with the true rates, lift and difference.

    Returns
    -------
    ab_test : pandas.DataFrame
        Columns ``user_id`` (int64), ``variant`` (ordered categorical A < B),
        ``date`` (day shown), ``clicked`` and ``converted`` (bool; converting
        needs a click) and ``order_value`` (money; missing without an order).
    truth : Truth
        Only when ``return_truth=True``.

    Notes
    -----
    Generative model: each person is assigned A or B (exactly
    ``n_per_variant`` each, in random order) and a day. They click with
    probability ``rate_variant * day_effect``, where the day effect
    (weekday audience x LogNormal(0, 0.1)) is shared by both variants, so a
    day-by-day look shows both moving together. A click converts with
    probability 0.08 for both creatives; order values are ``LogNormal(log
    order_value, 0.5)``. Not modelled: novelty effects, people seeing both
    creatives.

    Examples
    --------
    >>> ab, truth = make_ab_test(2000, random_state=0, return_truth=True)
    >>> ab.groupby("variant", observed=True).size().tolist()
    [2000, 2000]
    >>> truth.params["true_rate_b"] > truth.params["true_rate_a"]
    True
    """
    n = check_int("n_per_variant", n_per_variant, low=10, high=5_000_000)
    rate_a = check_number("baseline_rate", baseline_rate, low=1e-6, high=0.5)
    lift = check_number("lift", lift, low=-0.9, high=5.0)
    days = check_int("days", days, low=1, high=120)
    start = check_date("start", start)
    rate_b = rate_a * (1.0 + lift)
    if rate_b > 0.5:
        fail("lift", lift, "number_range", low=-0.9, high=round(0.5 / rate_a - 1.0, 3))
    root = root_seed(random_state)
    brand = resolve_brand(brand, root)

    rng = child_rng(root, "ab_test.assignment")
    variant = rng.permutation(np.repeat(np.array([0, 1], dtype=np.int8), n))
    day = rng.integers(0, days, size=2 * n)
    dates = period(start, days)
    weekday = AUDIENCE_WEEK_HOUR.mean(axis=1)
    day_effect = (weekday / weekday.mean())[np.asarray(dates.day_of_week)]
    day_effect = day_effect * child_rng(root, "ab_test.days").lognormal(0.0, 0.1, size=days)

    rng = child_rng(root, "ab_test.outcome")
    p = np.where(variant == 1, rate_b, rate_a) * day_effect[day]
    clicked = rng.random(2 * n) < np.minimum(p, 1.0)
    converted = clicked & (rng.random(2 * n) < CONVERSION_AFTER_CLICK)
    value = rng.lognormal(np.log(brand.order_value), 0.5, size=2 * n)
    frame = pd.DataFrame(
        {
            "user_id": np.arange(1, 2 * n + 1, dtype=np.int64),
            "variant": pd.Categorical.from_codes(variant, dtype=VARIANT_DTYPE),
            "date": dates[day],
            "clicked": clicked,
            "converted": converted,
            "order_value": np.where(converted, np.round(value, 2), np.nan),
        }
    )
    if not return_truth:
        return frame
    truth = Truth(
        params={
            "true_rate_a": rate_a * float(day_effect.mean()),
            "true_rate_b": rate_b * float(day_effect.mean()),
            "true_lift": lift,
            "true_difference": (rate_b - rate_a) * float(day_effect.mean()),
            "conversion_after_click": CONVERSION_AFTER_CLICK,
            "day_effect": pd.Series(day_effect, index=dates, name="day_effect"),
        }
    )
    return frame, truth

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
#: ``story=True`` redraws the outcomes at most this many times (about 5 draws are needed).
MAX_STORY_DRAWS = 1000
#: ``story=True``: B sells fewer orders than A, but at least this many (a median needs some).
STORY_MIN_ORDERS = 3
#: Two-sided 5 % line of a z statistic.
_Z_95 = 1.959963984540054
COLUMNS: tuple[str, ...] = ("user_id", "variant", "date", "clicked", "converted", "order_value")


def make_ab_test(
    n_per_variant: int = 5000,
    *,
    baseline_rate: float = 0.02,
    lift: float = 0.15,
    conversion_lift: float = 0.0,
    days: int = 14,
    start: str | pd.Timestamp = "2025-05-05",
    brand: Brand | None = None,
    random_state: RandomState = None,
    story: bool = False,
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
    story : bool, default=False
        Redraw the outcomes (clicks and orders, never the split) until the
        test tells the course's story: B's click rate is above A's, B has
        fewer orders than A (but at least 3, so that B's orders have a
        median to compare), and on some day before the last the running
        click test was "significant" for B (two-sided pooled z test, p <
        0.05), as a dashboard checked every morning would have shown. Needs
        ``days >= 2``; raises ``ValueError`` naming ``story`` when
        1,000 draws do not tell it.
    return_truth : bool, default=False
        Also return a :class:`Truth` with the true rates, lifts and difference.

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

    With ``story=True`` the table is a draw *conditioned* on the story (the
    first of the child streams ``ab_test.outcome``, ``ab_test.outcome.1``,
    ... that tells it), so its rates lean towards the story: the truth's
    rates are those of the model, before conditioning. Each redraw is
    ``2 * n_per_variant`` uniform numbers, so a story costs a few
    milliseconds.

    Examples
    --------
    >>> ab, truth = make_ab_test(2000, random_state=0, return_truth=True)
    >>> ab.groupby("variant", observed=True).size().tolist()
    [2000, 2000]
    >>> truth.params["true_rate_b"] > truth.params["true_rate_a"]
    True

    The course's test: B wins the clicks and loses the orders.

    >>> ab = make_ab_test(conversion_lift=-0.4, story=True, random_state=0)
    >>> totals = ab.groupby("variant", observed=True)[["clicked", "converted"]].sum()
    >>> bool(totals.loc["B", "clicked"] > totals.loc["A", "clicked"])
    True
    >>> bool(totals.loc["B", "converted"] < totals.loc["A", "converted"])
    True
    """
    n = check_int("n_per_variant", n_per_variant, low=10, high=5_000_000)
    rate_a = check_number("baseline_rate", baseline_rate, low=1e-6, high=0.5)
    lift = check_number("lift", lift, low=-0.9, high=5.0)
    conversion_lift = check_number("conversion_lift", conversion_lift, low=-0.9, high=5.0)
    days = check_int("days", days, low=1, high=120)
    start = check_date("start", start)
    rate_b = rate_a * (1.0 + lift)
    if rate_b > 0.5:
        fail("lift", lift, "number_range", low=-0.9, high=round(0.5 / rate_a - 1.0, 3))
    convert_a = CONVERSION_AFTER_CLICK
    convert_b = CONVERSION_AFTER_CLICK * (1.0 + conversion_lift)
    if convert_b > 1.0:
        fail("conversion_lift", conversion_lift, "number_range", low=-0.9,
             high=round(1.0 / CONVERSION_AFTER_CLICK - 1.0, 3))
    if not isinstance(story, bool):
        fail("story", story, "type", expected="True or False")
    if story and days < 2:
        fail("story", story, "type", expected="False with days=1 (the story needs a day "
             "before the last)")
    root = root_seed(random_state)
    brand = resolve_brand(brand, root)

    rng = child_rng(root, "ab_test.assignment")
    variant = rng.permutation(np.repeat(np.array([0, 1], dtype=np.int8), n))
    day = rng.integers(0, days, size=2 * n)
    dates = period(start, days)
    weekday = AUDIENCE_WEEK_HOUR.mean(axis=1)
    day_effect = (weekday / weekday.mean())[np.asarray(dates.day_of_week)]
    day_effect = day_effect * child_rng(root, "ab_test.days").lognormal(0.0, 0.1, size=days)

    p = np.where(variant == 1, rate_b, rate_a) * day_effect[day]
    convert = np.where(variant == 1, convert_b, convert_a)
    for draw in range(MAX_STORY_DRAWS if story else 1):
        name = "ab_test.outcome" if draw == 0 else f"ab_test.outcome.{draw}"
        rng = child_rng(root, name)
        clicked = rng.random(2 * n) < np.minimum(p, 1.0)
        converted = clicked & (rng.random(2 * n) < convert)
        value = rng.lognormal(np.log(brand.order_value), 0.5, size=2 * n)
        if not story or _tells_the_story(variant, day, clicked, converted, days):
            break
    else:
        fail("story", story, "type", expected=f"False with these settings ({MAX_STORY_DRAWS:,} "
             "draws never showed B winning the clicks, losing the orders and looking "
             "'significant' before the last day)")
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
            "conversion_after_click_b": convert_b,
            "true_order_rate_a": rate_a * convert_a * float(day_effect.mean()),
            "true_order_rate_b": rate_b * convert_b * float(day_effect.mean()),
            "true_order_lift": (1.0 + lift) * (1.0 + conversion_lift) - 1.0,
            "story": story,
            "day_effect": pd.Series(day_effect, index=dates, name="day_effect"),
        }
    )
    return frame, truth


def _tells_the_story(variant: np.ndarray, day: np.ndarray, clicked: np.ndarray,
                     converted: np.ndarray, days: int) -> bool:
    """B wins the clicks, loses the orders and looked "significant" on a day before the last."""
    is_b = variant == 1
    clicks = np.array([np.count_nonzero(clicked & ~is_b), np.count_nonzero(clicked & is_b)])
    orders = np.array([np.count_nonzero(converted & ~is_b), np.count_nonzero(converted & is_b)])
    if not (clicks[1] > clicks[0] and STORY_MIN_ORDERS <= orders[1] < orders[0]):
        return False
    # Running totals per day (rows) and variant (columns): people and clicks so far.
    people = np.zeros((days, 2))
    hits = np.zeros((days, 2))
    np.add.at(people, (day, is_b.astype(int)), 1)
    np.add.at(hits, (day, is_b.astype(int)), clicked)
    people, hits = people.cumsum(axis=0)[:-1], hits.cumsum(axis=0)[:-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = hits.sum(axis=1) / people.sum(axis=1)
        se = np.sqrt(pooled * (1 - pooled) * (1 / people[:, 0] + 1 / people[:, 1]))
        z = (hits[:, 1] / people[:, 1] - hits[:, 0] / people[:, 0]) / se
    return bool(np.any(np.nan_to_num(z, nan=0.0, posinf=0.0, neginf=0.0) > _Z_95))

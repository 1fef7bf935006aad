"""How many people an A/B test needs before it can see the difference you care about."""

from __future__ import annotations

import math
import numbers
from statistics import NormalDist

from smmlab.stats._messages import check_flag, check_range, fail

_NORMAL = NormalDist()


def sample_size(
    baseline_rate: float,
    min_detectable_effect: float,
    *,
    relative: bool = True,
    alpha: float = 0.05,
    power: float = 0.8,
    two_sided: bool = True,
) -> int:
    """People needed in each variant to detect a difference between two rates.

    Parameters
    ----------
    baseline_rate : float
        The rate you have today (A's click rate, say 0.02 for 2 %), above 0
        and below 1.
    min_detectable_effect : float
        The smallest change worth detecting, not 0. With ``relative=True`` it
        is a share of the baseline (0.10 means "10 % higher": 2 % -> 2.2 %);
        with ``relative=False`` it is in rate units (0.005 means 2 % -> 2.5 %).
        Negative values look for a drop. The new rate must stay between 0 and 1.
    relative : bool, default=True
        Whether ``min_detectable_effect`` is relative to the baseline.
    alpha : float, default=0.05
        Accepted chance of a false winner when there is no real difference,
        above 0 and at most 0.5.
    power : float, default=0.8
        Wanted chance of a "significant" result when the effect is real,
        above 0 and below 1.
    two_sided : bool, default=True
        Test "B differs from A" (True) or only "B is better" (False).

    Returns
    -------
    int
        People per variant, rounded up.

    Raises
    ------
    ValueError
        If a rate, ``alpha`` or ``power`` is out of range, or the effect is 0
        or pushes the new rate outside 0-1.

    Notes
    -----
    The standard formula for comparing two proportions (Fleiss, without
    continuity correction). With ``p1`` the baseline, ``p2`` the rate you
    want to detect and ``p = (p1 + p2) / 2`` their average::

        n = (z_alpha * sqrt(2 p (1 - p)) + z_power * sqrt(p1 (1 - p1) + p2 (1 - p2)))²
            / (p2 - p1)²

    ``z_alpha`` is how many standard errors a difference must reach to be
    "significant" (1.96 for alpha = 0.05, two-sided) and ``z_power`` how far
    beyond that line the true difference must sit so you cross it with the
    wanted power (0.84 for 80 %). In words: the noise of the test shrinks
    with the square root of ``n``, so halving the effect you want to see
    needs four times as many people.

    Examples
    --------
    To detect a 10 % relative lift on a 2 % CTR (2.0 % -> 2.2 %) you need about
    80,700 people per creative:

    >>> sample_size(0.02, 0.10)
    80682

    A bigger effect needs far fewer people; more power needs more:

    >>> sample_size(0.02, 0.20), sample_size(0.02, 0.10, power=0.9)
    (21109, 108009)
    >>> sample_size(0.02, 0.005, relative=False)
    13809
    """
    p1 = check_range("baseline_rate", baseline_rate, low=0, high=1)
    relative = check_flag("relative", relative)
    alpha = check_range("alpha", alpha, low=0, high=0.5, high_inclusive=True)
    power = check_range("power", power, low=0, high=1)
    two_sided = check_flag("two_sided", two_sided)
    low, high = (-1.0, 1.0 / p1 - 1.0) if relative else (-p1, 1.0 - p1)
    effect = min_detectable_effect
    valid = isinstance(effect, numbers.Real) and not isinstance(effect, bool)
    if not valid or not (low < float(effect) < high) or effect == 0:
        fail(
            "min_detectable_effect",
            effect,
            "effect",
            baseline=p1,
            relative=relative,
            low=f"{low:.4g}",
            high=f"{high:.4g}",
        )
    p2 = p1 * (1.0 + float(effect)) if relative else p1 + float(effect)
    z_alpha = _NORMAL.inv_cdf(1.0 - alpha / 2 if two_sided else 1.0 - alpha)
    z_power = _NORMAL.inv_cdf(power)
    mean = (p1 + p2) / 2
    spread = z_alpha * math.sqrt(2 * mean * (1 - mean))
    spread += z_power * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(spread**2 / (p2 - p1) ** 2)

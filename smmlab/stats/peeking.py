"""Why checking an A/B test every day and stopping at the first "win" misleads.

A test run at ``alpha = 0.05`` promises: when there is no real difference, it
declares a winner only 5 % of the time. That promise holds for *one* look at
the end. Looking every day and stopping as soon as the p-value dips below 0.05
gives chance fourteen tries instead of one, and the false winners pile up.
:func:`peeking_simulation` shows it on thousands of A/A tests (A and B
identical), where every winner is a false alarm.
"""

from __future__ import annotations

import dataclasses
from statistics import NormalDist

import numpy as np
import pandas as pd

from smmlab._random import RandomState, child_rng, root_seed
from smmlab.stats._messages import MESSAGES, check_count, check_range, level, percent
from smmlab.stats.proportions import pooled_z

MAX_DAYS = 120
MAX_TESTS = 20_000
BY_DAY_COLUMNS: tuple[str, ...] = (
    "day",
    "people_per_variant",
    "significant_if_checked_once",
    "false_winner_if_peeking",
)


@dataclasses.dataclass(frozen=True, eq=False)
class PeekingResult:
    """Outcome of :func:`peeking_simulation`.

    Attributes
    ----------
    single_look_rate : float
        Share of A/A tests declared "significant" when checked once, on the last day.
    daily_peeking_rate : float
        Share declared "significant" on at least one day when checked daily and
        stopped at the first significant day.
    by_day : pandas.DataFrame
        One row per day: ``day`` (1, 2, ...), ``people_per_variant`` (so far),
        ``significant_if_checked_once`` (share of tests significant if that day
        were the only look; stays near alpha) and ``false_winner_if_peeking``
        (share stopped with a false winner by that day when peeking daily; climbs).
    days, daily_visitors, rate, n_tests, alpha
        The simulation's settings.
    """

    single_look_rate: float
    daily_peeking_rate: float
    by_day: pd.DataFrame
    days: int
    daily_visitors: int
    rate: float
    n_tests: int
    alpha: float

    def summary(self) -> str:
        """Return the lesson as a plain-language paragraph.

        Examples
        --------
        >>> print(peeking_simulation(random_state=0).summary())  # doctest: +NORMALIZE_WHITESPACE
        In 2,000 simulated A/A tests (both versions truly identical, 500 people per version
        per day, 2.0 % rate), checking once after 14 days found a "significant" winner in
        5.2 % of tests, close to the 5 % you accept. Checking every day and stopping at the
        first "significant" day found one in 22.5 % of tests (4.3 times as often), and every
        one of those winners is a false alarm.
        """
        ratio = ""
        if self.single_look_rate > 0:
            times = self.daily_peeking_rate / self.single_look_rate
            ratio = MESSAGES.text("peek_ratio", ratio=times)
        setup = MESSAGES.text(
            "peek_setup",
            n_tests=f"{self.n_tests:,}",
            visitors=f"{self.daily_visitors:,}",
            rate=percent(self.rate),
            days=self.days,
            single=percent(self.single_look_rate, 1),
            alpha=level(self.alpha),
        )
        daily = MESSAGES.text("peek_daily", daily=percent(self.daily_peeking_rate, 1), ratio=ratio)
        return f"{setup} {daily}"


def peeking_simulation(
    *,
    days: int = 14,
    daily_visitors: int = 500,
    rate: float = 0.02,
    n_tests: int = 2000,
    alpha: float = 0.05,
    random_state: RandomState = None,
) -> PeekingResult:
    """Simulate A/A tests and count false winners: one look at the end vs a look every day.

    Parameters
    ----------
    days : int, default=14
        Length of each test, 1 to 120 days.
    daily_visitors : int, default=500
        New people shown *each* version per day, 1 to 10,000,000.
    rate : float, default=0.02
        The true click rate of both versions (they are identical), above 0 and below 1.
    n_tests : int, default=2000
        Number of simulated tests, 10 to 20,000.
    alpha : float, default=0.05
        Significance threshold of the daily z-test, above 0 and at most 0.5.
    random_state : int, numpy.random.Generator or None, default=None
        Seed; the same int gives the same result every time.

    Returns
    -------
    PeekingResult
        The two false-winner rates, a per-day table and ``.summary()``.

    Raises
    ------
    ValueError
        If a setting is out of its range.

    Notes
    -----
    Each simulated test draws, for each day and each version, how many of the
    ``daily_visitors`` people click (binomial with the same ``rate`` for A
    and B). The counts are added up day by day, and on each day the pooled
    z-test of :func:`~smmlab.stats.compare_proportions` is run on the totals
    so far: "significant" means a two-sided p-value below ``alpha``.

    * *Checking once*: a test is a false winner if the last day is significant.
    * *Peeking daily*: a test is a false winner if *any* day is significant,
      because you would have stopped there and announced B (or A).

    All tests and days are computed at once as arrays, without a Python loop.

    Examples
    --------
    >>> res = peeking_simulation(days=14, n_tests=2000, random_state=0)
    >>> print(round(res.single_look_rate, 3), round(res.daily_peeking_rate, 3))
    0.052 0.225
    >>> res.by_day.columns.tolist()[:2]
    ['day', 'people_per_variant']
    """
    days = check_count("days", days, low=1, high=MAX_DAYS)
    daily_visitors = check_count("daily_visitors", daily_visitors, low=1, high=10_000_000)
    rate = check_range("rate", rate, low=0, high=1)
    n_tests = check_count("n_tests", n_tests, low=10, high=MAX_TESTS)
    alpha = check_range("alpha", alpha, low=0, high=0.5, high_inclusive=True)
    rng = child_rng(root_seed(random_state), "stats.peeking_simulation")

    clicks = rng.binomial(daily_visitors, rate, size=(2, n_tests, days)).cumsum(axis=2)
    people = daily_visitors * np.arange(1, days + 1, dtype=np.int64)
    z = pooled_z(clicks[0], people, clicks[1], people)
    significant = np.abs(z) > NormalDist().inv_cdf(1.0 - alpha / 2)
    stopped = np.logical_or.accumulate(significant, axis=1)
    by_day = pd.DataFrame(
        {
            "day": np.arange(1, days + 1, dtype=np.int64),
            "people_per_variant": people,
            "significant_if_checked_once": significant.mean(axis=0),
            "false_winner_if_peeking": stopped.mean(axis=0),
        },
        columns=list(BY_DAY_COLUMNS),
    )
    return PeekingResult(
        single_look_rate=float(significant[:, -1].mean()),
        daily_peeking_rate=float(stopped[:, -1].mean()),
        by_day=by_day,
        days=days,
        daily_visitors=daily_visitors,
        rate=rate,
        n_tests=n_tests,
        alpha=alpha,
    )

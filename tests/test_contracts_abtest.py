"""Scenario contract of lesson 08: what its prose tells holds for every learner's A/B test.

The lesson says: B wins the clicks (the agency's metric) and sells fewer orders (the metric
that pays), though at least 3 for a median; a dashboard read every morning showed B
"significant" on a day before the end.
Each is checked here, with the course's own statistics, on 240 learner ids, generating only
the A/B table the way :func:`smmlab.synth.make_course_data` does.
"""

from __future__ import annotations

import pandas as pd
import pytest

from smmlab._random import child_seed, learner_seed, root_seed
from smmlab.stats import compare_proportions
from smmlab.synth import make_course_data
from smmlab.synth.abtest import make_ab_test
from smmlab.synth.brand import make_brand

LEARNERS = [f"contract-{i}" for i in range(240)]


def _ab_test(learner: str) -> pd.DataFrame:
    """The learner's A/B test, as make_course_data makes it (only this table)."""
    root = root_seed(learner_seed(learner))
    brand = make_brand(child_seed(root, "brand"))
    return make_ab_test(brand=brand, conversion_lift=-0.4, story=True,
                        random_state=child_seed(root, "ab_test"))


@pytest.fixture(scope="module")
def tests_by_learner() -> dict[str, pd.DataFrame]:
    return {learner: _ab_test(learner) for learner in LEARNERS}


def test_the_helper_makes_the_course_table():
    """Guard: the contract reads the same table as the course (checked on two learners)."""
    for learner in ("contract-0", "contract-1"):
        assert make_course_data(learner=learner)["ab_test"].equals(_ab_test(learner))


def test_b_wins_the_clicks_and_loses_the_orders(tests_by_learner):
    broken = []
    for learner, ab in tests_by_learner.items():
        totals = ab.groupby("variant", observed=True)[["clicked", "converted"]].sum()
        people = ab.groupby("variant", observed=True).size()
        clicks_win = totals.loc["B", "clicked"] / people["B"] > (
            totals.loc["A", "clicked"] / people["A"])
        # B keeps a few orders: exercise 8 compares the medians of A's and B's order values
        orders_lost = 3 <= totals.loc["B", "converted"] < totals.loc["A", "converted"]
        if not (clicks_win and orders_lost):
            broken.append(learner)
    assert not broken, broken


def _running(ab: pd.DataFrame) -> pd.DataFrame:
    """Clicks and people so far, each morning: the notebook's running totals."""
    return (ab.groupby(["date", "variant"], observed=True)["clicked"].agg(["sum", "size"])
            .unstack("variant").cumsum())


def test_a_dashboard_read_every_morning_showed_b_significant_before_the_end(tests_by_learner):
    """Lesson 08 step 6 points at the first day p < 0.05 with B ahead, before the last day."""
    broken = []
    for learner, ab in tests_by_learner.items():
        running = _running(ab).iloc[:-1]
        found = False
        for _, row in running.iterrows():
            res = compare_proportions(int(row[("sum", "A")]), int(row[("size", "A")]),
                                      int(row[("sum", "B")]), int(row[("size", "B")]))
            if res.p_value < 0.05 and res.difference > 0:
                found = True
                break
        if not found:
            broken.append(learner)
    assert not broken, broken

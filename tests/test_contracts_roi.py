"""Scenario contract of lesson 09: what its prose tells holds for every learner's brand.

The lesson says, for any brand:

- the brand keeps part of each sale (a gross margin between 0 and 1), so an ROI on revenue is
  always rosier than the ROI on gross profit (l09-13b);
- the platforms claim more revenue than the holdout shows the ads caused: the bars of
  exercise 4 and the gap between them (l09-22), and the platforms' ROAS of the year lies above
  the holdout's whole interval ("platform ROAS is not for a CFO", the chart of l09-24a);
- the holdout has eight weeks, two halves and no ads in the "off" half (l09-14);
- its 95 % interval is a real 95 % interval: it holds the planted incremental ROAS for about
  95 % of brands, and "the line inside the interval: the test cannot tell" and "the whole
  interval below the line" both happen (exercise 9 is not one answer for everybody);
- the brand answers questions on social, so it saves something (Step 3);
- last click gives social the least credit, linear the most (l09-41).

Each is checked on 200 learner ids with the lesson's own functions, on the tables
:func:`smmlab.synth.make_course_data` makes (about 80 ms a brand).
"""

from __future__ import annotations

import pytest

from smmlab.exercises import lesson09
from smmlab.exercises.core import CourseData
from smmlab.synth import make_course_data
from smmlab.synth.attribution import OTHER_CHANNELS

LEARNERS = [f"contract-{i}" for i in range(200)]
TABLES = ("brand", "campaigns", "holdout", "inbox", "paths")


@pytest.fixture(scope="module")
def brands() -> dict[str, tuple[CourseData, float]]:
    """Each learner's tables the lesson reads, and the planted incremental ROAS."""
    out = {}
    for learner in LEARNERS:
        tables, truth = make_course_data(learner=learner, return_truth=True)
        data = CourseData({name: tables[name] for name in TABLES}, brand=learner)
        out[learner] = (data, float(truth["holdout"].params["incremental_roas"]))
    return out


def _broken(brands, holds) -> list[str]:
    return [learner for learner, (data, _) in brands.items() if not holds(data)]


def test_an_roi_on_revenue_is_always_rosier(brands):
    def holds(data):
        on_revenue = lesson09._ads_roi(data, on_revenue=True)
        return 0 < lesson09.margin(data) < 1 and on_revenue > lesson09.q2.expected(data)

    assert not _broken(brands, holds)


def test_the_platforms_claim_more_than_the_ads_caused(brands):
    def holds(data):
        caused = lesson09.incremental_per_week(data)
        return 0 < caused < lesson09.attributed_per_week(data)

    assert not _broken(brands, holds)


def test_the_platforms_roas_is_above_the_whole_interval(brands):
    def holds(data):
        low, high = lesson09.holdout_interval(data)
        platform = lesson09.attributed_revenue(data) / lesson09.ad_spend(data)
        return low < lesson09.incremental_roas(data) < high < platform

    assert not _broken(brands, holds)


def test_the_holdout_is_eight_weeks_of_two_halves(brands):
    def holds(data):
        test = data.holdout
        off = test[test["group"] == "ads off"]
        return (sorted(test["week"].unique()) == list(range(1, 9))
                and test.groupby("group", observed=True).size().tolist() == [8, 8]
                and (off["spend"] == 0).all() and (off["attributed_revenue"] == 0).all())

    assert not _broken(brands, holds)


def test_the_interval_holds_the_truth_about_95_percent_of_the_time(brands):
    covered = [low <= truth <= high for data, truth in brands.values()
               for low, high in [lesson09.holdout_interval(data)]]
    # 200 brands: a 95 % interval covers between 88 % and 99.5 % of them (binomial, 3 sd)
    assert 0.88 <= sum(covered) / len(covered) <= 0.995


def test_the_verdict_is_not_the_same_for_everybody(brands):
    verdicts = {lesson09.q9.expected(data) for data, _ in brands.values()}
    assert {lesson09.LOSES, lesson09.CANNOT_TELL} <= verdicts


def test_every_brand_saves_something_by_answering_on_social(brands):
    assert not _broken(brands, lambda data: lesson09.support_savings(data) > 0)


def test_last_click_gives_social_the_least_credit(brands):
    def holds(data):
        paths = data.paths
        social = [c for c in paths["channel"].astype(str).unique() if c not in OTHER_CHANNELS]
        last = lesson09.last_click_credit(paths).reindex(social).fillna(0).sum()
        decay = lesson09.time_decay_all(paths).reindex(social).fillna(0).sum()
        linear = lesson09.linear_credit(paths).reindex(social).fillna(0).sum()
        return last < decay < linear

    assert not _broken(brands, holds)

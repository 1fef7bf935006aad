"""Scenario contract of lesson 11 (the capstone): what its prose tells holds for every brand.

The lesson says, on the learner's own brand:

- the menu's eight KPIs are numbers for both halves (no half without posts, ads, conversions
  or mentions), so every relative change exists and "the three that moved most" and the
  opening KPI are well defined (Step 1);
- "for a share below 100 % the relative change always sounds bigger than the change in
  points": the negative share and the engagement rate are shares strictly between 0 and 1, and
  the negative share moves, so that exercise 4 accepts its change in points and tells the
  change as a fraction, as a relative change and upside down apart, with messages that show
  the figures (a share that moved 0.01 points once read "-0.0 points"; Step 2, exercise 4);
- "Years in the data" prints one year, so "one year: the course data cannot separate the
  season from what you did" is true for everybody (Step 2);
- the platforms claim a higher ROAS than the holdout measured, in both halves, and the brand
  keeps only part of each sale, so ROI on revenue is rosier than ROI on gross profit (Step 3,
  the recommendation's "why" and the second likely question);
- the worked example's three slides get exactly "too short, recommends nothing, no
  recommendation part" from the deck check, nothing else (l11-34), and the solution's five
  slides (a talk within 7 minutes, the decision with its cost and owner) and its three likely
  questions pass on every brand (exercises 8 and 9).

Each is checked on 200 learner ids with the lesson's own functions, on the tables
:func:`smmlab.synth.make_course_data` makes (about 80 ms a brand, a few more for the deck).
"""

from __future__ import annotations

import math
import re

import pytest

from smmlab.exercises import lesson11
from smmlab.exercises.core import CourseData, Outcome
from smmlab.exercises.deck import deck_problems
from smmlab.synth import make_course_data

LEARNERS = [f"contract-{i}" for i in range(200)]
TABLES = ("brand", "posts", "campaigns", "mentions", "account_daily", "holdout")


def _measures(data: CourseData) -> dict:
    menu, paid, change = lesson11.menu(data), lesson11.paid(data), lesson11.changes(data)
    truth = {k: v for k, v in change.items() if k not in lesson11.SHARES}
    three = deck_problems(lesson11.reference_outline(data).iloc[:3],
                          lesson11.analysis_numbers(data), truth=truth,
                          points=lesson11.points(data), recommendation=True, talk=True)
    years = {int(y) for column in (data.posts["published_at"], data.campaigns["date"],
                                   data.mentions["timestamp"], data.account_daily["date"])
             for y in column.dt.year.unique()}
    return {
        "menu": menu, "paid": paid, "change": change, "years": years,
        "points": lesson11.negative_points(data),
        "q4": [(kind, lesson11.q4.check_answers(v.answers(lesson11.q4.variables, data), data))
               for kind in ("right", "wrong") for v in getattr(lesson11.q4, kind)],
        "margin": lesson11.margin(data),
        "incremental": lesson11.incremental_roas(data),
        "roi_on_revenue": lesson11.ads_roi(data, on_revenue=True),
        "three": sorted(rule for rule, _detail in three),
        "deck": lesson11.judge_deck(lesson11.reference_outline(data), data),
        "minutes": float(lesson11.reference_outline(data)["minutes"].sum()),
        "questions": lesson11.judge_questions(lesson11.reference_questions(data), data),
    }


@pytest.fixture(scope="module")
def brands() -> dict[str, dict]:
    """Each learner's capstone numbers, computed once."""
    out = {}
    for learner in LEARNERS:
        tables = make_course_data(learner=learner)
        data = CourseData({name: tables[name] for name in TABLES}, brand=learner)
        out[learner] = _measures(data)
    return out


def test_there_are_enough_learners():
    assert len(set(LEARNERS)) >= 200


def test_every_kpi_of_the_menu_is_a_number_in_both_halves(brands):
    for learner, m in brands.items():
        menu = m["menu"]
        assert list(menu.index) == list(lesson11.MENU), learner
        assert all(math.isfinite(v) and v > 0 for v in menu.to_numpy().ravel()), learner
        assert all(math.isfinite(v) for v in m["change"]), learner


def test_shares_are_shares_and_their_relative_change_sounds_bigger(brands):
    for learner, m in brands.items():
        for kpi in lesson11.SHARES:
            h1, h2 = m["menu"].loc[kpi, "H1"], m["menu"].loc[kpi, "H2"]
            assert 0 < h1 < 1 and 0 < h2 < 1, (learner, kpi)
            assert abs(h2 / h1 - 1) > abs(h2 - h1), (learner, kpi)
        # the share moves visibly (course_mentions guarantees a point or more), so that a change
        # said in points, as a fraction or as a relative change are told apart
        assert abs(m["points"]) >= 1.0, (learner, m["points"])
        for kind, answer in m["q4"]:
            assert (answer.outcome is Outcome.NOT_YET) == (kind == "wrong"), (learner, answer)
            assert not re.search(r"[+-]0(\.0+)?(%| points)", answer.message), (
                learner, answer.message)


def test_one_year_of_data_cannot_separate_the_season(brands):
    assert all(m["years"] == {2025} for m in brands.values())


def test_the_platforms_claim_more_than_the_holdout_measured(brands):
    for learner, m in brands.items():
        paid = m["paid"]
        assert 0 < m["margin"] < 1, learner
        assert m["incremental"] < paid.loc["attributed ROAS", "H1"], learner
        assert m["incremental"] < paid.loc["attributed ROAS", "H2"], learner
        assert m["roi_on_revenue"] > paid.loc["ROI on gross profit", "H2"], learner


def test_the_worked_examples_three_slides_lack_only_what_the_text_says(brands):
    for learner, m in brands.items():
        assert m["three"] == ["no_recommendation", "storyline", "too_few_slides"], learner


def test_the_solutions_talk_and_questions_pass_for_every_brand(brands):
    for learner, m in brands.items():
        assert m["deck"].correct, (learner, m["deck"].message)
        assert m["minutes"] <= lesson11.TALK_MINUTES, learner
        assert m["questions"].correct, (learner, m["questions"].message)

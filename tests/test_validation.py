"""Every generator refuses bad arguments with a ValueError that names the parameter."""

from __future__ import annotations

import functools

import pytest

from smmlab.synth import (
    make_ab_test,
    make_account_daily,
    make_brand,
    make_campaigns,
    make_course_data,
    make_mentions,
    make_posts,
)

# Generators with a period, and the largest ``days`` each accepts.
WITH_DAYS = {
    "make_posts": (make_posts, 3660),
    "make_account_daily": (make_account_daily, 3660),
    "make_mentions": (make_mentions, 3660),
    "make_campaigns": (make_campaigns, 3660),
    "make_ab_test": (make_ab_test, 120),
}


@functools.cache
def short_account() -> object:
    return make_account_daily(30, random_state=0)


CASES: list[tuple[str, object, dict, str]] = []
for _name, (_func, _high) in WITH_DAYS.items():
    for _days in (0, -1, _high + 1, 99999, 1.5, True, "30", None):
        CASES.append((f"{_name}-days={_days!r}", _func, {"days": _days}, "days"))
    CASES.append((f"{_name}-start", _func, {"start": "not a date"}, "start"))
    CASES.append((f"{_name}-start-month13", _func, {"start": "2025-13-01"}, "start"))
    CASES.append((f"{_name}-start-number", _func, {"start": 20250101}, "start"))
    CASES.append((f"{_name}-brand", _func, {"brand": "x"}, "brand"))
    CASES.append((f"{_name}-random_state", _func, {"random_state": -5}, "random_state"))

CASES += [
    ("posts-n_posts=0", make_posts, {"n_posts": 0}, "n_posts"),
    ("posts-n_posts=-3", make_posts, {"n_posts": -3}, "n_posts"),
    ("posts-n_posts=2.5", make_posts, {"n_posts": 2.5}, "n_posts"),
    ("posts-n_posts=True", make_posts, {"n_posts": True}, "n_posts"),
    ("posts-account_daily=str", make_posts, {"account_daily": "x"}, "account_daily"),
    ("posts-algorithm_change", make_posts,
     {"algorithm_change": {"platform": "Myspace", "date": "2025-05-01"}}, "algorithm_change"),
    ("mentions-freq=minute", make_mentions, {"freq": "minute"}, "freq"),
    ("mentions-freq=W", make_mentions, {"freq": "W"}, "freq"),
    ("mentions-events", make_mentions, {"events": {"earthquake": 1}}, "events"),
    ("campaigns-budget_scale=0", make_campaigns, {"budget_scale": 0}, "budget_scale"),
    ("campaigns-budget_scale=101", make_campaigns, {"budget_scale": 101}, "budget_scale"),
    ("campaigns-budget_scale=str", make_campaigns, {"budget_scale": "high"}, "budget_scale"),
    ("ab-baseline_rate=0", make_ab_test, {"baseline_rate": 0}, "baseline_rate"),
    ("ab-baseline_rate=1", make_ab_test, {"baseline_rate": 1.0}, "baseline_rate"),
    ("ab-lift=10", make_ab_test, {"lift": 10}, "lift"),
    ("ab-n_per_variant=0", make_ab_test, {"n_per_variant": 0}, "n_per_variant"),
    ("brand-platforms=Myspace", make_brand, {"platforms": ["Myspace"]}, "platforms"),
    ("brand-platforms=empty", make_brand, {"platforms": []}, "platforms"),
    ("brand-platforms=dup", make_brand, {"platforms": ["X", "X"]}, "platforms"),
    ("brand-platforms=str", make_brand, {"platforms": "Instagram"}, "platforms"),
    ("brand-unknown", make_brand, {"unknown": "x"}, "'unknown'"),
    ("brand-colour", make_brand, {"colour": "red"}, "colour"),
    ("brand-currency", make_brand, {"currency": "LIRE"}, "currency"),
    ("brand-timezone", make_brand, {"timezone": "Mars/Olympus"}, "timezone"),
    ("brand-timezone-none", make_brand, {"timezone": None}, "timezone"),
    ("brand-timezone-list", make_brand, {"timezone": ["Europe/Rome"]}, "timezone"),
    ("brand-industry", make_brand, {"industry": "x"}, "industry"),
    ("brand-name", make_brand, {"name": "  "}, "name"),
    ("brand-country", make_brand, {"country": 39}, "country"),
    ("brand-size=0", make_brand, {"size": 0}, "size"),
    ("brand-size=1000", make_brand, {"size": 1000}, "size"),
    ("brand-platform_params-type", make_brand, {"platform_params": ["cpm"]}, "platform_params"),
    ("brand-platform_params-platform", make_brand,
     {"platform_params": {"Myspace": {"cpm": 5}}}, "platform_params"),
    ("brand-platform_params-column", make_brand,
     {"platform_params": {"Instagram": {"colour": 5}}}, "platform_params['Instagram']"),
    ("brand-platform_params-value", make_brand,
     {"platform_params": {"Instagram": {"cpm": -1}}}, "platform_params['Instagram']['cpm']"),
    ("brand-platform_params-rate", make_brand,
     {"platform_params": {"TikTok": {"er_by_reach": 2.0}}},
     "platform_params['TikTok']['er_by_reach']"),
    ("brand-random_state", make_brand, {"random_state": 2.5}, "random_state"),
    ("course-random_state", make_course_data, {"random_state": "abc"}, "random_state"),
    ("course-learner", make_course_data, {"learner": ""}, "learner"),
]


@pytest.mark.parametrize(("func", "kwargs", "param"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_invalid_argument_raises_value_error_naming_it(func, kwargs, param):
    kwargs = {"random_state": 0, **kwargs}
    with pytest.raises(ValueError) as err:
        func(**kwargs)
    assert param in str(err.value), str(err.value)


def test_posts_refuse_an_account_table_for_another_period():
    with pytest.raises(ValueError, match="account_daily"):
        make_posts(days=60, account_daily=short_account(), random_state=0)


@pytest.mark.parametrize(("name", "entry"), sorted(WITH_DAYS.items()))
def test_messages_say_what_is_allowed(name, entry):
    func, high = entry
    with pytest.raises(ValueError) as err:
        func(days=0, random_state=0)
    message = str(err.value)
    assert str(high) in message and "0" in message


def test_valid_edge_values_are_accepted():
    assert len(make_posts(1, days=1, random_state=0)) == 1
    assert len(make_account_daily(1, random_state=0)) == 6
    assert len(make_mentions(1, random_state=0)) == 24
    assert len(make_campaigns(7, random_state=0)) > 0
    assert len(make_ab_test(10, days=1, baseline_rate=0.5, lift=0.0, random_state=0)) == 20
    assert make_brand(0, size=0.01, platforms=["X"]).platforms.index.tolist() == ["X"]

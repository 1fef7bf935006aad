"""smmlab.metrics: values from the formulas on numbers, Series and tables; errors; warnings."""

from __future__ import annotations

import inspect
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smmlab import datasets, metrics
from smmlab.metrics import ReachNotAdditiveWarning
from smmlab.metrics._messages import MESSAGES


@dataclass(frozen=True)
class Spec:
    """A rate metric: its inputs (keyword = column name), numerator, denominator and scale."""

    func: str
    inputs: tuple[str, ...]
    numerator: object
    denominator: object
    options: dict = field(default_factory=dict)
    scale: float = 1.0
    optional: tuple[str, ...] = ()  # inputs with a default (not required as columns)

    @property
    def id(self) -> str:
        opts = ",".join(f"{k}={v}" for k, v in self.options.items())
        return f"{self.func}({opts})"

    def call(self, data=None, **kwargs):
        return getattr(metrics, self.func)(data, **self.options, **kwargs)


SPECS = [
    Spec("engagement_rate", ("engagements", "reach"),
         lambda v: v["engagements"], lambda v: v["reach"], {"by": "reach"}),
    Spec("engagement_rate", ("engagements", "impressions"),
         lambda v: v["engagements"], lambda v: v["impressions"], {"by": "impressions"}),
    Spec("engagement_rate", ("engagements", "followers"),
         lambda v: v["engagements"], lambda v: v["followers"], {"by": "followers"}),
    Spec("applause_rate", ("likes", "posts"), lambda v: v["likes"], lambda v: v["posts"],
         optional=("posts",)),
    Spec("conversation_rate", ("comments", "posts"), lambda v: v["comments"],
         lambda v: v["posts"], optional=("posts",)),
    Spec("amplification_rate", ("shares", "posts"), lambda v: v["shares"], lambda v: v["posts"],
         {"by": "posts"}, optional=("posts",)),
    Spec("amplification_rate", ("shares", "posts", "followers"), lambda v: v["shares"],
         lambda v: v["posts"] * v["followers"], {"by": "followers"}, optional=("posts",)),
    Spec("virality_rate", ("shares", "impressions"), lambda v: v["shares"],
         lambda v: v["impressions"], {"by": "impressions"}),
    Spec("virality_rate", ("shares", "reach"), lambda v: v["shares"], lambda v: v["reach"],
         {"by": "reach"}),
    Spec("frequency", ("impressions", "reach"), lambda v: v["impressions"],
         lambda v: v["reach"]),
    Spec("cost_per_engagement", ("spend", "engagements"), lambda v: v["spend"],
         lambda v: v["engagements"]),
    Spec("ctr", ("clicks", "impressions"), lambda v: v["clicks"], lambda v: v["impressions"]),
    Spec("cpm", ("spend", "impressions"), lambda v: v["spend"], lambda v: v["impressions"],
         scale=1000.0),
    Spec("cpc", ("spend", "clicks"), lambda v: v["spend"], lambda v: v["clicks"]),
    Spec("cvr", ("conversions", "clicks"), lambda v: v["conversions"], lambda v: v["clicks"]),
    Spec("cpa", ("spend", "conversions"), lambda v: v["spend"], lambda v: v["conversions"]),
    Spec("roas", ("revenue", "spend"), lambda v: v["revenue"], lambda v: v["spend"]),
    Spec("roi", ("revenue", "cost"), lambda v: 0.5 * v["revenue"] - v["cost"],
         lambda v: v["cost"], {"margin": 0.5}),
    Spec("share_of_voice", ("brand", "competitors"), lambda v: v["brand"],
         lambda v: v["brand"] + v["competitors"]),
    Spec("net_sentiment", ("positive", "neutral", "negative"),
         lambda v: v["positive"] - v["negative"],
         lambda v: v["positive"] + v["neutral"] + v["negative"], {"method": "net"}),
    Spec("net_sentiment", ("positive", "negative"), lambda v: v["positive"],
         lambda v: v["positive"] + v["negative"], {"method": "positive_share"}),
    Spec("response_rate", ("replied", "received"), lambda v: v["replied"],
         lambda v: v["received"]),
]
# share_of_voice reads a table differently (brand names a column): tested on its own below.
TABLE_SPECS = [s for s in SPECS if s.func != "share_of_voice"]
IDS = [s.id for s in SPECS]
TABLE_IDS = [s.id for s in TABLE_SPECS]

# Small counts; every numerator is at most its denominator (replied <= received, ...).
COLUMNS = {
    "engagements": [50.0, 1000.0, 0.0, 30.0],
    "reach": [1000.0, 100_000.0, 400.0, 900.0],
    "impressions": [1250.0, 130_000.0, 500.0, 1000.0],
    "followers": [20_000.0, 20_100.0, 20_150.0, 20_200.0],
    "likes": [40.0, 900.0, 0.0, 25.0],
    "comments": [5.0, 50.0, 0.0, 2.0],
    "shares": [3.0, 40.0, 0.0, 2.0],
    "posts": [1.0, 2.0, 1.0, 3.0],
    "spend": [100.0, 250.0, 0.0, 40.0],
    "clicks": [30.0, 900.0, 2.0, 10.0],
    "conversions": [3.0, 40.0, 0.0, 1.0],
    "revenue": [150.0, 2000.0, 0.0, 35.0],
    "cost": [100.0, 250.0, 10.0, 40.0],
    "brand": [30.0, 10.0, 5.0, 0.0],
    "competitors": [70.0, 40.0, 0.0, 20.0],
    "positive": [30.0, 5.0, 0.0, 10.0],
    "neutral": [55.0, 20.0, 1.0, 10.0],
    "negative": [15.0, 30.0, 0.0, 10.0],
    "replied": [9.0, 0.0, 4.0, 7.0],
    "received": [10.0, 3.0, 4.0, 7.0],
}


def columns_of(spec: Spec) -> dict[str, pd.Series]:
    return {name: pd.Series(COLUMNS[name], index=[10, 11, 12, 13]) for name in spec.inputs}


def expected_rows(spec: Spec, values: dict) -> pd.Series:
    return spec.numerator(values) / spec.denominator(values) * spec.scale


# --- every rate on numbers, Series, lists and tables, from its formula -------------------------


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_scalars_give_the_formula(spec):
    values = {name: COLUMNS[name][0] for name in spec.inputs}
    got = spec.call(**values)
    assert isinstance(got, float)
    assert got == pytest.approx(spec.numerator(values) / spec.denominator(values) * spec.scale)


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_series_give_one_value_per_row(spec):
    values = columns_of(spec)
    got = spec.call(**values)
    pd.testing.assert_series_equal(got, expected_rows(spec, values).rename(spec.func))


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_lists_and_arrays_work_like_series(spec):
    values = {name: COLUMNS[name] for name in spec.inputs}
    as_arrays = {name: np.array(v) for name, v in values.items()}
    expected = expected_rows(spec, {k: pd.Series(v) for k, v in values.items()})
    np.testing.assert_allclose(spec.call(**values).to_numpy(), expected.to_numpy())
    np.testing.assert_allclose(spec.call(**as_arrays).to_numpy(), expected.to_numpy())


@pytest.mark.parametrize("spec", TABLE_SPECS, ids=TABLE_IDS)
def test_tables_give_the_same_as_series(spec):
    values = columns_of(spec)
    table = pd.DataFrame(values).assign(other_column="x")
    pd.testing.assert_series_equal(spec.call(table), expected_rows(spec, values).rename(spec.func))


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_per_post_averages_the_row_rates_and_total_divides_the_totals(spec):
    values = columns_of(spec)
    rows = expected_rows(spec, values)
    totals = spec.numerator(values).sum() / spec.denominator(values).sum() * spec.scale
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReachNotAdditiveWarning)
        assert spec.call(**values, aggregate="per_post") == pytest.approx(rows.mean())
        assert spec.call(**values, aggregate="per_row") == pytest.approx(rows.mean())
        assert spec.call(**values, aggregate="total") == pytest.approx(totals)


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_zero_denominators_give_nan_quietly(spec):
    zeros = {name: 0 for name in spec.inputs}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isnan(spec.call(**zeros))
        rows = spec.call(**{name: [0, 0] for name in spec.inputs})
        assert rows.isna().all()
        assert np.isnan(spec.call(**{name: [0, 0] for name in spec.inputs}, aggregate="per_post"))


def test_rows_with_a_zero_denominator_are_left_out_of_the_average():
    got = metrics.engagement_rate(engagements=[10, 0], reach=[100, 0], aggregate="per_post")
    assert got == pytest.approx(10 / 100)


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
@pytest.mark.parametrize("bad", [-1, float("nan"), None])
def test_negative_or_missing_counts_raise_naming_the_argument(spec, bad):
    for name in spec.inputs:
        values = {n: COLUMNS[n][0] for n in spec.inputs} | {name: bad}
        if bad is None and name in spec.optional:
            continue  # None means "not given": the default applies
        with pytest.raises(ValueError, match=rf"\b{name}\b"):
            spec.call(**values)
        rows = {n: list(COLUMNS[n]) for n in spec.inputs}
        rows[name][2] = bad
        with pytest.raises(ValueError, match=rf"^{name} has 1 (negative|missing) value"):
            spec.call(**rows)


@pytest.mark.parametrize("spec", TABLE_SPECS, ids=TABLE_IDS)
def test_negative_or_missing_cells_raise_naming_the_column(spec):
    for name in spec.inputs:
        for bad in (-5.0, np.nan):
            table = pd.DataFrame(columns_of(spec))
            table.loc[12, name] = bad
            with pytest.raises(ValueError, match=rf"column '{name}' has 1 .* in row 12"):
                spec.call(table)


@pytest.mark.parametrize("spec", TABLE_SPECS, ids=TABLE_IDS)
def test_missing_columns_raise_listing_needed_and_present_columns(spec):
    for name in spec.inputs:
        if name in spec.optional:
            continue
        table = pd.DataFrame(columns_of(spec)).drop(columns=name)
        with pytest.raises(ValueError) as info:
            spec.call(table)
        message = str(info.value)
        assert f"'{name}'" in message.split("It needs:")[0]  # named as missing
        for needed in spec.inputs:
            if needed not in spec.optional:
                assert f"'{needed}'" in message.split("It needs:")[1]
        for present in table.columns:
            assert f"'{present}'" in message.split("data has the columns:")[1]


def test_non_numbers_and_non_tables_raise():
    with pytest.raises(ValueError, match="engagements must hold numbers.*'1.200'"):
        metrics.engagement_rate(engagements=["1.200"], reach=[3000])
    with pytest.raises(ValueError, match="reach must hold numbers"):
        metrics.engagement_rate(engagements=1, reach="3000")
    with pytest.raises(ValueError, match="data must be a table"):
        metrics.ctr([1, 2])
    with pytest.raises(ValueError, match=r"aggregate must be one of \[None, 'per_post'"):
        metrics.ctr(clicks=1, impressions=2, aggregate="mean")
    with pytest.raises(ValueError, match="by must be one of"):
        metrics.engagement_rate(engagements=1, reach=2, by="views")


def test_series_that_do_not_line_up_raise():
    with pytest.raises(ValueError, match="do not line up"):
        metrics.ctr(clicks=pd.Series([1, 2], index=[0, 1]),
                    impressions=pd.Series([5, 5], index=[1, 2]))
    with pytest.raises(ValueError, match="do not line up"):
        metrics.ctr(clicks=[1, 2, 3], impressions=[5, 5])


def test_values_by_name_replace_columns_and_numbers_apply_to_every_row():
    table = pd.DataFrame(columns_of(SPECS[2]))
    got = metrics.engagement_rate(table, by="followers", followers=25_000)
    pd.testing.assert_series_equal(got, (table["engagements"] / 25_000).rename("engagement_rate"))


# --- engagement ---------------------------------------------------------------------------------


@pytest.fixture
def posts():
    """Two posts: a normal one and a viral one."""
    return pd.DataFrame({
        "likes": [40, 900], "comments": [5, 50], "shares": [3, 40], "saves": [2, 10],
        "link_clicks": [12, 300], "reach": [1000, 100_000], "impressions": [1250, 130_000],
        "followers_at_post": [20_000, 20_000], "followers": [1, 1], "spend": [0.0, 50.0],
    })


def test_engagements_add_the_four_actions(posts):
    expected = posts["likes"] + posts["comments"] + posts["shares"] + posts["saves"]
    pd.testing.assert_series_equal(metrics.engagements(posts),
                                   expected.astype(float).rename("engagements"))
    assert metrics.engagements(likes=4, comments=3, shares=2, saves=1) == 4 + 3 + 2 + 1
    with_clicks = metrics.engagements(posts, actions=metrics.ACTIONS + ("link_clicks",))
    pd.testing.assert_series_equal(with_clicks, (expected + posts["link_clicks"])
                                   .astype(float).rename("engagements"))


def test_engagements_need_every_action():
    with pytest.raises(ValueError, match="needs saves"):
        metrics.engagements(likes=1, comments=1, shares=1)
    with pytest.raises(ValueError, match="cannot find 'likes'"):
        metrics.engagements(pd.DataFrame({"comments": [1]}), actions=["likes", "comments"])
    with pytest.raises(ValueError, match="actions"):
        metrics.engagements(likes=1, comments=1, shares=1, saves=1, actions=["likes"])
    with pytest.raises(ValueError, match="actions must be a list"):
        metrics.engagements(pd.DataFrame({"likes": [1]}), actions="likes")


def test_engagement_rate_reads_the_posts_table(posts):
    eng = posts[list(metrics.ACTIONS)].sum(axis=1)
    for by, column in (("reach", "reach"), ("impressions", "impressions"),
                       ("followers", "followers_at_post")):  # followers_at_post wins
        got = metrics.engagement_rate(posts, by=by)
        pd.testing.assert_series_equal(got, (eng / posts[column]).rename("engagement_rate"))


def test_an_engagements_column_is_used_when_present():
    table = pd.DataFrame({"engagements": [7], "likes": [100], "comments": [0], "shares": [0],
                          "saves": [0], "reach": [70]})
    assert metrics.engagement_rate(table).tolist() == [7 / 70]


def test_per_post_and_total_differ_on_a_viral_post(posts):
    eng = posts[list(metrics.ACTIONS)].sum(axis=1)
    per_post = metrics.engagement_rate(posts, by="impressions", aggregate="per_post")
    total = metrics.engagement_rate(posts, by="impressions", aggregate="total")
    assert per_post == pytest.approx((eng / posts["impressions"]).mean())
    assert total == pytest.approx(eng.sum() / posts["impressions"].sum())
    # The viral post's low rate dominates the ratio of totals.
    assert total < per_post
    assert abs(total - eng[1] / posts["impressions"][1]) < abs(per_post - eng[1] / 130_000)
    with pytest.warns(ReachNotAdditiveWarning):
        by_reach_total = metrics.engagement_rate(posts, aggregate="total")
    assert by_reach_total != pytest.approx(metrics.engagement_rate(posts, aggregate="per_post"))


def test_a_denominator_that_by_does_not_use_is_refused():
    with pytest.raises(ValueError, match="by='reach' divides by reach. Pass by='impressions'"):
        metrics.engagement_rate(engagements=10, impressions=100)
    with pytest.raises(ValueError, match="Pass by='followers'"):
        metrics.amplification_rate(shares=10, followers=100)
    with pytest.raises(ValueError, match="Pass by='reach'"):
        metrics.virality_rate(shares=10, reach=100)


def test_applause_conversation_amplification_per_post(posts):
    assert metrics.applause_rate(posts, aggregate="total") == pytest.approx(posts["likes"].mean())
    assert metrics.conversation_rate(comments=90, posts=30) == 90 / 30
    assert metrics.amplification_rate(posts, by="followers", aggregate="per_post") == (
        pytest.approx((posts["shares"] / posts["followers_at_post"]).mean()))
    summary = pd.DataFrame({"likes": [100, 50], "posts": [4, 1]})
    assert metrics.applause_rate(summary, aggregate="total") == pytest.approx(150 / 5)


def test_cost_per_engagement_of_paid_posts(posts):
    paid = posts[posts["spend"] > 0]
    eng = paid[list(metrics.ACTIONS)].sum(axis=1)
    assert metrics.cost_per_engagement(paid, aggregate="total") == pytest.approx(
        paid["spend"].sum() / eng.sum())


# --- reach is not additive ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda p: metrics.engagement_rate(p, by="reach", aggregate="total"),
        lambda p: metrics.virality_rate(p, by="reach", aggregate="total"),
        lambda p: metrics.frequency(p, aggregate="total"),
        lambda p: metrics.engagement_rate(engagements=p["likes"], reach=5000, aggregate="total"),
    ],
    ids=["engagement_rate", "virality_rate", "frequency", "one_reach_for_every_row"],
)
def test_summing_reach_warns_and_explains(posts, call):
    with pytest.warns(ReachNotAdditiveWarning) as record:
        call(posts)
    message = str(record[0].message)
    assert "not additive" in message
    assert "counted 3 times" in message
    assert "reach-weighted average" in message
    assert "deduplicated reach" in message
    assert record[0].filename == __file__  # points at the learner's line


def test_summed_reach_result_is_the_reach_weighted_average(posts):
    eng = posts[list(metrics.ACTIONS)].sum(axis=1)
    rates = eng / posts["reach"]
    with pytest.warns(ReachNotAdditiveWarning):
        got = metrics.engagement_rate(posts, aggregate="total")
    assert got == pytest.approx(np.average(rates, weights=posts["reach"]))


@pytest.mark.parametrize(
    "call",
    [
        lambda p: metrics.engagement_rate(p, aggregate="per_post"),
        lambda p: metrics.engagement_rate(p, by="impressions", aggregate="total"),
        lambda p: metrics.engagement_rate(p, by="followers", aggregate="total"),
        lambda p: metrics.virality_rate(p, aggregate="total"),
        lambda p: metrics.frequency(p, aggregate="per_post"),
        lambda p: metrics.frequency(p.iloc[:1], aggregate="total"),  # one row: nothing added
        lambda p: metrics.engagement_rate(engagements=50, reach=1000, aggregate="total"),
    ],
)
def test_no_reach_warning_when_reach_is_not_summed(posts, call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        call(posts)


def test_reach_warning_is_a_user_warning():
    assert issubclass(ReachNotAdditiveWarning, UserWarning)


# --- paid ---------------------------------------------------------------------------------------


@pytest.fixture
def campaigns():
    return pd.DataFrame({"spend": [100.0, 300.0, 0.0], "impressions": [12_000, 30_000, 0],
                         "reach": [9000, 20_000, 0], "clicks": [120, 240, 0],
                         "conversions": [6, 6, 0], "revenue": [400.0, 350.0, 0.0]})


def test_paid_metrics_on_a_campaigns_table(campaigns):
    c = campaigns
    assert metrics.ctr(c, aggregate="total") == pytest.approx(c.clicks.sum() / c.impressions.sum())
    assert metrics.cpm(c, aggregate="total") == pytest.approx(
        c.spend.sum() / c.impressions.sum() * 1000)
    assert metrics.cpc(c, aggregate="total") == pytest.approx(c.spend.sum() / c.clicks.sum())
    assert metrics.cvr(c, aggregate="total") == pytest.approx(c.conversions.sum() / c.clicks.sum())
    assert metrics.cpa(c, aggregate="total") == pytest.approx(c.spend.sum() / c.conversions.sum())
    assert metrics.roas(c, aggregate="total") == pytest.approx(c.revenue.sum() / c.spend.sum())
    assert metrics.roi(c, margin=0.55, aggregate="total") == pytest.approx(
        (0.55 * c.revenue.sum() - c.spend.sum()) / c.spend.sum())
    assert metrics.ctr(c).isna().tolist() == [False, False, True]  # no impressions: NaN


def test_link_clicks_stand_in_for_clicks(posts):
    pd.testing.assert_series_equal(
        metrics.ctr(posts), (posts["link_clicks"] / posts["impressions"]).rename("ctr"))


def test_roi_cost_includes_other_costs(campaigns):
    c = campaigns
    extra = 250.0
    cost = c.spend.sum() + extra
    got = metrics.roi(c, margin=0.6, aggregate="total", other_costs=extra)
    assert got == pytest.approx((0.6 * c.revenue.sum() - cost) / cost)
    per_row = [10.0, 20.0, 5.0]
    rows = metrics.roi(c, margin=0.6, other_costs=per_row)
    expected = (0.6 * c.revenue - (c.spend + per_row)) / (c.spend + per_row)
    pd.testing.assert_series_equal(rows, expected.rename("roi"))
    assert metrics.roi(revenue=900.0, cost=300.0, other_costs=200.0, margin=1.0) == 400 / 500
    with pytest.raises(ValueError, match="aggregate='total'"):
        metrics.roi(c, margin=0.6, other_costs=extra)
    with pytest.raises(ValueError, match="other_costs must be 0 or more"):
        metrics.roi(c, margin=0.6, aggregate="total", other_costs=-1)
    with pytest.raises(ValueError, match="exactly one of cost, spend"):
        metrics.roi(revenue=1, cost=1, spend=1, margin=0.5)


def test_roi_prefers_a_cost_column_to_spend():
    table = pd.DataFrame({"revenue": [300.0], "spend": [100.0], "cost": [150.0]})
    assert metrics.roi(table, margin=0.5).tolist() == [(150 - 150) / 150]


def test_roi_is_on_gross_profit_and_needs_the_margin():
    # The worked example: revenue 1.76 times the cost "returns 76 %" on revenue, and at
    # a 55 % gross margin it loses about 3 %.
    assert metrics.roi(revenue=1760.0, spend=1000.0, margin=0.55) == pytest.approx(-0.032)
    assert metrics.roi(revenue=1760.0, spend=1000.0, margin=1.0) == pytest.approx(0.76)
    with pytest.raises(ValueError, match="roi needs margin.*gross margin.*0 to 1"):
        metrics.roi(revenue=1760.0, spend=1000.0)
    with pytest.raises(ValueError, match="margin"):
        metrics.roi(revenue=1760.0, spend=1000.0, margin=55)


def test_gross_profit_and_break_even_roas():
    assert metrics.gross_profit(revenue=1000.0, margin=0.55) == pytest.approx(550.0)
    table = pd.DataFrame({"revenue": [100.0, 300.0]})
    assert metrics.gross_profit(table, margin=0.5).tolist() == [50.0, 150.0]
    assert metrics.break_even_roas(0.55) == pytest.approx(1 / 0.55)
    # At break-even ROAS the ROI on ad spend is exactly zero, for any margin.
    for margin in (0.3, 0.55, 0.8):
        roas = metrics.break_even_roas(margin)
        assert metrics.roi(revenue=roas * 100.0, spend=100.0, margin=margin) == pytest.approx(0)
    for bad in (None, 0, 0.0, -0.1, 1.5, "55%"):
        with pytest.raises(ValueError, match="margin"):
            metrics.break_even_roas(bad)
    with pytest.raises(ValueError, match="gross_profit needs margin"):
        metrics.gross_profit(revenue=10.0)


def test_typical_post_is_the_median_and_the_month_rate_the_average():
    posts = pd.DataFrame({"engagements": [10.0, 20.0, 30.0, 900.0],
                          "reach": [1000.0, 1000.0, 1000.0, 1000.0]})
    assert metrics.engagement_rate(posts, aggregate=metrics.TYPICAL_POST) == pytest.approx(0.025)
    assert metrics.engagement_rate(posts, aggregate=metrics.MONTH_RATE) == pytest.approx(0.24)


def test_roi_and_roas_documents_the_naming_trap():
    for func in (metrics.roi, metrics.roas):
        doc = inspect.getdoc(func)
        assert "Meridian" in doc and "incremental" in doc and "attributed" in doc


# --- audience -----------------------------------------------------------------------------------


def test_follower_growth_rate_from_numbers():
    assert metrics.follower_growth_rate(followers_start=20_000, followers_end=20_500) == (
        pytest.approx((20_500 - 20_000) / 20_000))
    assert metrics.follower_growth_rate(followers_start=20_000, net_new=-300) == (
        pytest.approx(-300 / 20_000))
    start, end = pd.Series([100.0, 0.0]), pd.Series([110.0, 5.0])
    got = metrics.follower_growth_rate(followers_start=start, followers_end=end)
    assert got.iloc[0] == pytest.approx(0.1) and np.isnan(got.iloc[1])
    with pytest.raises(ValueError, match="exactly one of followers_end, net_new"):
        metrics.follower_growth_rate(followers_start=1, followers_end=2, net_new=1)
    with pytest.raises(ValueError, match="followers_start must be 0 or more"):
        metrics.follower_growth_rate(followers_start=-1, net_new=1)
    with pytest.raises(ValueError, match="net_new is missing"):
        metrics.follower_growth_rate(followers_start=1, net_new=float("nan"))


def test_follower_growth_rate_of_a_daily_table_per_platform():
    daily = pd.DataFrame({
        "date": pd.to_datetime(["2025-03-02", "2025-03-01", "2025-03-03"] * 2),
        "platform": ["X"] * 3 + ["Instagram"] * 3,
        "followers": [105, 100, 120, 1000, 1000, 990],
    })
    got = metrics.follower_growth_rate(daily)
    assert got["X"] == pytest.approx((120 - 100) / 100)
    assert got["Instagram"] == pytest.approx((990 - 1000) / 1000)
    one = daily[daily["platform"] == "X"].drop(columns="platform")
    assert metrics.follower_growth_rate(one) == pytest.approx(0.2)
    with pytest.raises(ValueError, match="cannot find 'date'"):
        metrics.follower_growth_rate(daily.drop(columns="date"))
    with pytest.raises(ValueError, match="either data"):
        metrics.follower_growth_rate(daily, followers_start=3)


def test_follower_growth_on_the_canonical_account_table():
    account = datasets.load("account_daily")
    got = metrics.follower_growth_rate(account)
    first = account.groupby("platform", observed=True)["followers"].first()
    last = account.groupby("platform", observed=True)["followers"].last()
    pd.testing.assert_series_equal(got, ((last - first) / first).rename("follower_growth_rate"),
                                   check_index_type=False, check_categorical=False)


def test_share_of_voice_forms():
    assert metrics.share_of_voice(brand=300, competitors={"a": 500, "b": 200}) == (
        pytest.approx(300 / (300 + 500 + 200)))
    rivals = pd.DataFrame({"a": [50, 20], "b": [20, 20]})
    got = metrics.share_of_voice(brand=[30, 10], competitors=rivals)
    assert got.tolist() == pytest.approx([30 / 100, 10 / 50])
    days = pd.DataFrame({"date": pd.date_range("2025-01-01", periods=2), "us": [30, 10],
                         "a": [50, 20], "b": [20, 20], "flag": [True, False]})
    pd.testing.assert_series_equal(metrics.share_of_voice(days, brand="us"),
                                   pd.Series([0.3, 0.2], name="share_of_voice"))
    assert metrics.share_of_voice(days, brand="us", competitors=["a"], aggregate="total") == (
        pytest.approx(40 / (40 + 70)))
    with pytest.raises(ValueError, match="brand must be the name of your brand's column"):
        metrics.share_of_voice(days, brand="them")
    with pytest.raises(ValueError, match="cannot find 'zz'"):
        metrics.share_of_voice(days, brand="us", competitors=["a", "zz"])
    with pytest.raises(ValueError, match="no competitor columns"):
        metrics.share_of_voice(days[["date", "us"]], brand="us")
    with pytest.raises(ValueError, match=r"competitors\['b'\] must be 0 or more"):
        metrics.share_of_voice(brand=1, competitors={"a": 1, "b": -1})
    with pytest.raises(ValueError, match="needs competitors"):
        metrics.share_of_voice(brand=1)


def test_net_sentiment_on_the_mentions_table():
    mentions = datasets.load("mentions")
    pos, neu, neg = (mentions[c].sum() for c in ("positive", "neutral", "negative"))
    assert metrics.net_sentiment(mentions, aggregate="total") == pytest.approx(
        (pos - neg) / (pos + neu + neg))
    assert metrics.net_sentiment(mentions, method="positive_share", aggregate="total") == (
        pytest.approx(pos / (pos + neg)))
    with pytest.raises(ValueError, match="method must be one of"):
        metrics.net_sentiment(mentions, method="score")


def test_net_sentiment_interval_from_its_formula():
    pos, neu, neg = 300, 550, 150
    n = pos + neu + neg
    est = (pos - neg) / n
    se = np.sqrt((pos / n + neg / n - est**2) / n)
    got = metrics.net_sentiment_interval(positive=pos, neutral=neu, negative=neg)
    assert got == pytest.approx((est, est - 1.959964 * se, est + 1.959964 * se, n), rel=1e-6)
    p = pos / (pos + neg)
    se = np.sqrt(p * (1 - p) / (pos + neg))
    got = metrics.net_sentiment_interval(positive=pos, negative=neg, method="positive_share",
                                         confidence=0.9)
    assert got.low == pytest.approx(p - 1.644854 * se, rel=1e-6)
    whole = metrics.net_sentiment_interval(positive=pos, neutral=neu, negative=neg)
    rows = metrics.net_sentiment_interval(positive=[100, 200], neutral=[300, 250],
                                          negative=[50, 100])  # counts are added up first
    assert tuple(rows) == pytest.approx(tuple(whole))
    assert whole.low < whole.estimate < whole.high


def test_net_sentiment_interval_narrows_with_more_mentions_and_is_clipped():
    small = metrics.net_sentiment_interval(positive=30, neutral=55, negative=15)
    large = metrics.net_sentiment_interval(positive=3000, neutral=5500, negative=1500)
    assert small.estimate == pytest.approx(large.estimate)
    assert large.high - large.low < small.high - small.low
    edge = metrics.net_sentiment_interval(positive=3, neutral=0, negative=0)
    assert edge.high == 1.0 and edge.low <= 1.0
    none = metrics.net_sentiment_interval(positive=0, neutral=0, negative=0)
    assert np.isnan(none.estimate) and np.isnan(none.low) and none.n == 0
    with pytest.raises(ValueError, match="confidence"):
        metrics.net_sentiment_interval(positive=1, neutral=1, negative=1, confidence=95)


@pytest.fixture
def inbox():
    received = pd.to_datetime(["2025-03-01 09:00", "2025-03-01 10:00", "2025-03-01 11:00",
                               "2025-03-01 12:00", "2025-03-01 13:00"])
    replied = pd.to_datetime(["2025-03-01 09:20", None, "2025-03-01 12:00",
                              "2025-03-03 12:00", None])
    return pd.DataFrame({"received_at": received, "replied_at": replied})


def test_response_rate_of_a_message_table(inbox):
    answered = inbox["replied_at"].notna()
    assert metrics.response_rate(inbox, aggregate="total") == pytest.approx(answered.mean())
    counts = pd.DataFrame({"replied": [3, 0], "received": [4, 1]})
    assert metrics.response_rate(counts, aggregate="total") == pytest.approx(3 / 5)
    with pytest.raises(ValueError, match=r"cannot find 'replied' or 'replied_at'"):
        metrics.response_rate(pd.DataFrame({"received": [1]}))
    with pytest.raises(ValueError, match="replied \\(5\\) cannot be more than received \\(3\\)"):
        metrics.response_rate(replied=5, received=3)
    with pytest.raises(ValueError, match="in 1 row.*row 1"):
        metrics.response_rate(replied=[1, 5], received=[1, 3])


def test_median_response_time_leaves_unanswered_messages_out(inbox):
    waits = (inbox["replied_at"] - inbox["received_at"]).dropna()
    assert metrics.median_response_time(inbox) == waits.median()
    assert metrics.median_response_time(inbox) == pd.Timedelta(hours=1)
    got = metrics.median_response_time(received_at=["2025-03-01 09:00", "2025-03-01 10:00"],
                                       replied_at=["2025-03-01 09:30", None])
    assert got == pd.Timedelta(minutes=30)
    got = metrics.median_response_time(received_at=inbox["received_at"],
                                       replied_at=inbox["replied_at"])
    assert got == pd.Timedelta(hours=1)
    nobody = inbox.assign(replied_at=pd.NaT)
    assert metrics.median_response_time(nobody) is pd.NaT
    assert "kindly" in inspect.getdoc(metrics.response_rate)


def test_median_response_time_errors(inbox):
    early = inbox.copy()
    early.loc[2, "replied_at"] = pd.Timestamp("2025-03-01 08:00")
    with pytest.raises(ValueError, match="replied to before they were received.*row 2"):
        metrics.median_response_time(early)
    lost = inbox.copy()
    lost.loc[3, "received_at"] = pd.NaT
    with pytest.raises(ValueError, match="column 'received_at' has 1 missing value.*row 3"):
        metrics.median_response_time(lost)
    with pytest.raises(ValueError, match="must hold dates and times.*'soon'"):
        metrics.median_response_time(received_at=["2025-03-01"], replied_at=["soon"])
    with pytest.raises(ValueError, match="cannot find 'replied_at'"):
        metrics.median_response_time(inbox.drop(columns="replied_at"))
    with pytest.raises(ValueError, match="time zone"):
        metrics.median_response_time(
            received_at=inbox["received_at"].dt.tz_localize("Europe/Rome"),
            replied_at=inbox["replied_at"])


# --- the canonical data -------------------------------------------------------------------------


def test_engagement_rate_denominators_order_on_the_canonical_posts():
    posts = datasets.load("posts")
    rates = pd.DataFrame({
        "platform": posts["platform"],
        **{by: metrics.engagement_rate(posts, by=by) for by in metrics.ENGAGEMENT_RATE_BY},
    })
    medians = rates.groupby("platform", observed=True).median()
    assert len(medians) > 1
    assert (medians["followers"] < medians["reach"]).all(), medians
    assert (medians["impressions"] <= medians["reach"]).all(), medians


def test_metrics_run_on_every_canonical_table():
    campaigns = datasets.load("campaigns")
    account = datasets.load("account_daily")
    for func in (metrics.ctr, metrics.cpm, metrics.cpc, metrics.cvr, metrics.cpa, metrics.roas):
        assert np.isfinite(func(campaigns, aggregate="total"))
    margin = float(datasets.load("brand")["gross_margin"].iloc[0])
    assert np.isfinite(metrics.roi(campaigns, margin=margin, aggregate="total"))
    assert 0 < metrics.engagement_rate(account, by="followers", aggregate="per_row") < 1
    assert metrics.frequency(account, aggregate="per_row") >= 1


# --- glossary and messages ----------------------------------------------------------------------


#: Functions of smmlab.metrics that are helpers, not metrics (no glossary row).
HELPERS = ("glossary", "complete_rows", "missing_by_platform")


def metric_functions() -> list[str]:
    return [name for name in metrics.__all__
            if inspect.isfunction(getattr(metrics, name)) and name not in HELPERS]


def test_glossary_has_a_row_for_every_metric_function():
    table = metrics.glossary()
    assert table.columns.tolist() == ["metric", "formula", "excel", "when_to_use",
                                      "common_mistake"]
    functions = {m.split("(")[0] for m in table["metric"]}
    assert set(metric_functions()) == functions
    assert table["metric"].is_unique


def test_glossary_has_no_empty_cells_and_excel_formulas():
    table = metrics.glossary()
    assert table.notna().all().all()
    assert (table.map(lambda text: isinstance(text, str) and text.strip() != "")).all().all()
    assert table["excel"].str.startswith("=").all()
    # Structured references only: table[column], no A1-style cell addresses.
    assert not table["excel"].str.contains(r"\b[A-Z]{1,2}\d+\b", regex=True).any()


def test_glossary_variants_name_real_options():
    for metric in metrics.glossary()["metric"]:
        name, _, option = metric.partition("(")
        for pair in filter(None, option.rstrip(")").split(", ")):
            key, value = pair.split("=")
            assert key in inspect.signature(getattr(metrics, name)).parameters
            allowed = metrics.ENGAGEMENT_RATE_BY + metrics.SENTIMENT_METHODS + (
                "posts", "followers", metrics.TYPICAL_POST)
            assert value.strip('"') in allowed, metric


def test_every_public_function_has_a_doctest_and_a_formula():
    for name in metric_functions() + list(HELPERS):
        doc = inspect.getdoc(getattr(metrics, name))
        assert "Examples\n--------\n>>>" in doc, name


def test_every_message_is_used_and_every_used_message_exists():
    source = "\n".join(p.read_text(encoding="utf-8")
                       for p in Path(metrics.__file__).parent.glob("*.py")
                       if p.name != "_messages.py")
    used = set(re.findall(r"""MESSAGES\.text\(\s*["'](\w+)["']""", source))
    used |= set(re.findall(r"""warn_reach_sum\(\s*["'](\w+)["']""", source))
    assert used == set(MESSAGES.keys())

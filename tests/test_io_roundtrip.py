"""The canonical brand written in each export format reads back as the brand (shared columns)."""

from __future__ import annotations

import pandas as pd
import pytest

from smmlab import datasets
from smmlab.io import read_exports
from smmlab.io.samples import EXPORT_DAY, MENTION_MONTHS, write_sample_exports

ROME = "Europe/Rome"
#: Platform -> (post columns its export carries, precision of its publishing time).
POSTS = {
    "Instagram": (["impressions", "reach", "likes", "comments", "shares", "saves"], "min"),
    "Facebook": (["impressions", "reach", "likes", "comments", "shares", "link_clicks"], "min"),
    "TikTok": (["likes", "comments", "shares", "video_views"], "D"),
    "LinkedIn": (["impressions", "likes", "comments", "shares", "link_clicks", "video_views",
                  "is_paid"], "D"),
    "X": (["impressions", "likes", "comments", "shares", "link_clicks"], "min"),
    "YouTube": (["impressions", "likes", "comments", "shares", "video_views"], "D"),
}
DAILY = {
    "Instagram": ["new_followers", "impressions", "reach", "engagements", "profile_visits"],
    "Facebook": ["new_followers", "impressions", "reach", "engagements", "profile_visits"],
    "TikTok": ["followers", "impressions", "profile_visits"],
    "LinkedIn": ["impressions", "reach", "new_followers"],
    "X": ["impressions", "new_followers", "unfollows", "profile_visits"],
}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    return read_exports(write_sample_exports(folder), timezone=ROME, as_of=EXPORT_DAY)


def _sorted(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    return frame.sort_values(by, kind="stable").reset_index(drop=True)


@pytest.mark.parametrize("platform", list(POSTS))
def test_posts_read_back(imported, platform):
    columns, precision = POSTS[platform]
    want = datasets.load("posts")
    want = want[want["platform"] == platform]
    got = imported.tables["posts"]
    got = got[got["platform"] == platform]
    assert len(got) == len(want)
    want = want.assign(published_at=want["published_at"].dt.floor(precision))
    want, got = _sorted(want, ["published_at", "post_id"]), _sorted(got, ["published_at"])
    assert (got["published_at"] == want["published_at"]).all()
    for column in columns:
        pd.testing.assert_series_equal(got[column].astype("Float64"),
                                       want[column].astype("Float64"), check_names=False,
                                       obj=f"{platform} {column}")


def test_formats_read_back_where_the_export_says_them(imported):
    want = _sorted(datasets.load("posts"), ["published_at", "post_id"])
    got = imported.tables["posts"]
    for platform in ("Instagram", "Facebook"):
        mine = want[want["platform"] == platform]
        theirs = _sorted(got[got["platform"] == platform], ["published_at"])
        said = theirs["format"].notna().to_numpy()
        assert said.sum() > 0.8 * len(mine)
        assert (theirs["format"].astype(str)[said].to_numpy()
                == mine["format"].astype(str)[said].to_numpy()).all()


@pytest.mark.parametrize("platform", list(DAILY))
def test_account_daily_read_back(imported, platform):
    want = datasets.load("account_daily")
    want = _sorted(want[want["platform"] == platform], ["date"])
    got = imported.tables["account_daily"]
    got = _sorted(got[got["platform"] == platform], ["date"])
    assert (got["date"] == want["date"]).all()
    for column in DAILY[platform]:
        pd.testing.assert_series_equal(got[column].astype("Float64"),
                                       want[column].astype("Float64"), check_names=False,
                                       obj=f"{platform} {column}")


def test_campaigns_read_back(imported):
    want = datasets.load("campaigns")
    want = _sorted(want[want["channel"].isin(["Facebook", "Instagram"])],
                   ["date", "campaign", "ad_set"])
    got = _sorted(imported.tables["campaigns"], ["date", "campaign", "ad_set"])
    assert len(got) == len(want)
    for column in ("campaign", "ad_set"):
        assert (got[column] == want[column]).all()
    for column in ("daily_budget", "spend", "impressions", "reach", "clicks", "conversions",
                   "revenue"):
        pd.testing.assert_series_equal(got[column].astype("Float64"),
                                       want[column].astype("Float64"), check_names=False)
    assert imported.facts("currency") == ["EUR"]


def test_mentions_read_back(imported):
    want = datasets.load("mentions")
    months = want["timestamp"].dt.strftime("%Y-%m")
    want = want[months.isin(list(MENTION_MONTHS))].set_index("timestamp")
    got = imported.tables["mentions"].set_index("timestamp")
    got = got.loc[want.index.min():want.index.max()]
    known = got.index.isin(want.index)
    assert (got.loc[~known, "mentions"] == 0).all()  # outage hours come back as 0 mentions
    for column in ("mentions", "positive", "neutral", "negative", "unique_authors"):
        assert (got.loc[want.index, column].astype("int64") == want[column]).all(), column

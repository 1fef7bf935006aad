"""Scenario contracts of lessons 03 and 04: every story their prose tells holds for every brand.

Each test is a property of the generators over 200 learner ids (``contract-0`` ...
``contract-199``). The tables are generated the way :func:`smmlab.synth.make_course_data`
does, from the same child seeds, but only those the two lessons' stories read (the slow
campaigns table is not needed), so the module takes a few seconds per 100 ids.

Prose that quotes a number computes it in a cell; what the prose says without a number
(a pie of more than three slices, "a point or two wide", "two or three days") is tested here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest

from smmlab._random import child_rng, child_seed, learner_seed, root_seed
from smmlab.exercises import lesson03
from smmlab.metrics import net_sentiment_interval
from smmlab.synth.account import make_account_daily
from smmlab.synth.brand import make_brand
from smmlab.synth.course import COURSE_DAYS, COURSE_START, _scenario, course_mentions
from smmlab.synth.listening import make_inbox, make_voice
from smmlab.synth.posts import make_posts
from smmlab.synth.texts import make_mention_texts

IDS = [f"contract-{i}" for i in range(200)]


@dataclass
class Brand:
    """The tables of one learner's brand that lessons 03 and 04 tell stories about."""

    learner: str
    name: str
    platforms: list[str]
    account_daily: pd.DataFrame
    posts: pd.DataFrame
    voice: pd.DataFrame
    inbox: pd.DataFrame
    texts: pd.DataFrame


def _brand(learner: str) -> Brand:
    root = root_seed(learner_seed(learner))
    brand = make_brand(child_seed(root, "brand"))
    bought, change = _scenario(brand, child_rng(root, "scenario"))
    common = {"brand": brand, "start": COURSE_START}
    account = make_account_daily(COURSE_DAYS, **common, bought_followers=bought,
                                 algorithm_change=change,
                                 random_state=child_seed(root, "account_daily"))
    posts = make_posts(**common, days=COURSE_DAYS, account_daily=account,
                       algorithm_change=change, random_state=child_seed(root, "posts"))
    mentions, _truth = course_mentions(brand, root)
    voice = make_voice(COURSE_DAYS, **common, mentions=mentions,
                       random_state=child_seed(root, "voice"))
    inbox = make_inbox(**common, days=COURSE_DAYS, random_state=child_seed(root, "inbox"))
    texts = make_mention_texts(**common, days=COURSE_DAYS,
                               random_state=child_seed(root, "mention_texts"))
    return Brand(learner, brand.name, [str(p) for p in brand.platforms.index], account, posts,
                 voice, inbox, texts)


@pytest.fixture(scope="module")
def brands() -> list[Brand]:
    return [_brand(learner) for learner in IDS]


def _fails(brands: list[Brand], holds) -> list[str]:
    """The learners for whom the property ``holds(brand)`` is False."""
    return [b.learner for b in brands if not holds(b)]


def test_the_contracts_cover_at_least_200_learners(brands):
    assert len({b.learner for b in brands}) >= 200


# --- lesson 03 --------------------------------------------------------------------------------


def _follower_growth(b: Brand) -> pd.Series:
    daily = b.account_daily.sort_values("date", kind="stable")
    grouped = daily.groupby(daily["platform"].astype(str), sort=False)["followers"]
    return (grouped.last() / grouped.first() - 1).sort_values(ascending=False, kind="stable")


def test_03_six_platforms_so_the_managers_pie_has_too_many_slices(brands):
    """Ex 1 ("a pie of six slices"), Step 3's 2 x 3 grid of panels, q1's hint."""
    assert _fails(brands, lambda b: len(b.platforms) == 6
                  and b.account_daily["platform"].nunique() == 6
                  and len(b.platforms) > lesson03.MAX_PIE_SLICES) == []


def test_03_the_fastest_growing_followers_grew_and_their_posts_brought_clicks(brands):
    """Ex 2-3: "the platform whose followers grew fastest" grew, posted, and has clicks to share."""
    def holds(b: Brand) -> bool:
        growth = _follower_growth(b)
        story = growth.index[0]
        story_posts = b.posts[b.posts["platform"].astype(str) == story]
        clicks = story_posts["link_clicks"].sum()
        return bool(growth.iloc[0] > 0 and len(story_posts) > 0
                    and 0 < clicks < b.posts["link_clicks"].sum())

    assert _fails(brands, holds) == []


def test_03_the_agency_compares_two_different_quarters(brands):
    """Step 5: Q3 and Q4 differ, so the agency's title says SOARED or COLLAPSED, not nothing."""
    def holds(b: Brand) -> bool:
        posts = b.posts
        rate = posts[["likes", "comments", "shares", "saves"]].sum(axis=1) / posts["reach"]
        quarter = posts["published_at"].dt.quarter
        q3, q4 = rate[quarter == 3].median(), rate[quarter == 4].median()
        return bool(np.isfinite(q3) and np.isfinite(q4) and q3 != q4
                    and int(min(q3, q4) * lesson03.AGENCY_ZOOM) / 1000 > 0)

    assert _fails(brands, holds) == []


# --- lesson 04 --------------------------------------------------------------------------------


def _ours(b: Brand) -> pd.DataFrame:
    return b.voice[b.voice["company"] == b.name]


def test_04_the_brand_and_two_competitors(brands):
    """Step 2: "your two competitors", rivals[0] and rivals[1]."""
    assert _fails(brands, lambda b: b.voice["company"].nunique() == 3
                  and b.name in set(b.voice["company"])) == []


def test_04_a_year_of_mentions_gives_a_narrow_range_and_french_march_a_much_wider_one(brands):
    """Step 3: "one month of French mentions leaves a range many times wider"; Step 4: "the
    year's range is only a point or two wide"."""
    def holds(b: Brand) -> bool:
        ours = _ours(b)
        year = net_sentiment_interval(ours)
        march = net_sentiment_interval(ours[(ours["language"] == "fr")
                                            & (ours["date"].dt.month == 3)])
        width = year.high - year.low
        return bool(width < 0.02 and (march.high - march.low) > 5 * width)

    assert _fails(brands, holds) == []


def test_04_the_tools_variant_is_never_nearer_zero(brands):
    """Step 3: net sentiment among opinions "is always at least as far from 0"."""
    def holds(b: Brand) -> bool:
        for _, rows in b.voice.groupby("company", observed=True):
            pos, neu, neg = (float(rows[c].sum()) for c in ("positive", "neutral", "negative"))
            if abs(pos - neg) / (pos + neg) < abs(pos - neg) / (pos + neu + neg) - 1e-12:
                return False
        return True

    assert _fails(brands, holds) == []


def test_04_the_tool_mislabels_a_real_share_of_texts(brands):
    """Step 4: read before you trust; the tool is wrong often enough to matter (over 1 in 10),
    the texts hold every kind of misreading the prose names (praise read as negative,
    negative read as positive), and the mistakes partly cancel: the shift they give net
    sentiment is smaller than the share of wrong labels (Step 4's worked example)."""
    def holds(b: Brand) -> bool:
        t = b.texts
        wrong = (t["tool_sentiment"] != t["sentiment"]).mean()
        praise_as_negative = ((t["sentiment"] != "negative")
                              & (t["tool_sentiment"] == "negative")).any()
        complaint_as_positive = ((t["sentiment"] == "negative")
                                 & (t["tool_sentiment"] == "positive")).any()
        def net(labels: pd.Series) -> float:
            return float((labels == "positive").mean() - (labels == "negative").mean())

        shift = abs(net(t["tool_sentiment"]) - net(t["sentiment"]))
        return bool(0.10 < wrong < 0.5 and praise_as_negative and complaint_as_positive
                    and len(t) == 300 and shift < wrong)

    assert _fails(brands, holds) == []


def _waits(b: Brand) -> pd.Series:
    return (b.inbox["replied_at"] - b.inbox["received_at"]).dt.total_seconds() / 3600


def test_04_most_answers_come_within_a_day_and_the_mean_is_pulled_up(brands):
    """Step 5: "most people get an answer within a day", the mean sits right of the median."""
    def holds(b: Brand) -> bool:
        waits = _waits(b).dropna()
        return bool(waits.median() < 24 and (waits <= 24).mean() > 0.5
                    and waits.mean() > waits.median())

    assert _fails(brands, holds) == []


def test_04_friday_evening_messages_wait_two_or_three_days(brands):
    """Step 5: "the messages of Friday evening and the weekend wait two or three days"."""
    def holds(b: Brand) -> bool:
        received = b.inbox["received_at"]
        friday = (received.dt.day_name() == "Friday") & (received.dt.hour >= 18)
        typical = _waits(b)[friday].median()
        return bool(48 <= typical <= 72)

    assert _fails(brands, holds) == []


def test_04_some_messages_are_never_answered_and_deleted_ones_never_are(brands):
    """Scenario and Step 5: the previous manager deleted complaints; a deleted message is
    received and not answered; the share never answered is real (reported beside the median)."""
    def holds(b: Brand) -> bool:
        inbox = b.inbox
        never = inbox["replied_at"].isna()
        deleted = inbox["deleted"].astype(bool)
        return bool(deleted.sum() > 0 and never[deleted].all() and 0.05 < never.mean() < 0.5)

    assert _fails(brands, holds) == []

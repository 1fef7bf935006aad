"""X (Twitter) analytics exports: the classic tweet activity file and the 2024+ ones.

Evidence (``platform-exports.md`` §5): the classic ``tweet_activity_metrics_*``
export **A** (real files, 2016-2021: times with ``+0000``, counts written as
``"1777.0"``, promoted columns ``-`` without ads); the new
``account_analytics_content_*`` export **B** (dates like ``Tue, Jul 14, 2026``,
no time of day); the account overview **C**.

X exports no reach: ``reach`` is left missing, and every rate by reach with it.

Examples
--------
>>> [f.key for f in FORMATS]
['x.tweets.en', 'x.content.en', 'x.overview.en']
"""

from __future__ import annotations

from smmlab.io._formats import Format

TWEETS = Format(
    "x.tweets", "x.tweets.en", "posts", "A", "en",
    ("tweet id", "tweet permalink", "impressions"),
    {
        "source_id": ("tweet id",),
        "published_at": ("time",),
        "impressions": ("impressions",),
        "likes": ("likes",),
        "comments": ("replies",),
        "shares": ("retweets",),
        "link_clicks": ("url clicks",),
    },
    platform="X", summary=("tweet id",),
)

CONTENT = Format(
    "x.content", "x.content.en", "posts", "B", "en",
    ("post id", "post link", "impressions", "reposts"),
    {
        "source_id": ("post id",),
        "published_at": ("date",),
        "impressions": ("impressions",),
        "likes": ("likes",),
        "comments": ("replies",),
        "shares": ("reposts",),
        "saves": ("bookmarks",),
        "link_clicks": ("url clicks",),
    },
    platform="X", summary=("post id",),
)

OVERVIEW = Format(
    "x.overview", "x.overview.en", "account_daily", "C", "en",
    ("date", "impressions", "new follows", "unfollows"),
    {
        "date": ("date",),
        "impressions": ("impressions",),
        "new_followers": ("new follows",),
        "unfollows": ("unfollows",),
        "profile_visits": ("profile visits",),
    },
    platform="X", summary=("date",),
)

FORMATS: tuple[Format, ...] = (TWEETS, CONTENT, OVERVIEW)

__all__ = ["CONTENT", "FORMATS", "OVERVIEW", "TWEETS"]

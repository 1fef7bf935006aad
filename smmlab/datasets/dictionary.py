"""The data dictionary: every dataset's columns, types, units and meaning, in one place.

``describe()``, the loaders' dtypes and ``datasets/README.md`` are all built
from :data:`DATASETS`, so they cannot disagree. The texts are learner-facing:
they are the strings a translation replaces.
"""

from __future__ import annotations

import dataclasses

from smmlab.synth.abtest import VARIANT_DTYPE
from smmlab.synth.attribution import GROUP_DTYPE, PATH_CHANNELS
from smmlab.synth.brand import PLATFORMS
from smmlab.synth.campaigns import OBJECTIVES
from smmlab.synth.listening import KIND_DTYPE, VOICE_LANGUAGE_DTYPE
from smmlab.synth.posts import FORMATS, LANGUAGES, PILLARS
from smmlab.synth.texts import LANGUAGE_DTYPE, SENTIMENT_DTYPE, TOPIC_DTYPE
from smmlab.synth.truth import EVENT_TYPES

#: Column kinds and how the loaders build them.
KINDS: dict[str, str] = {
    "int": "int64",
    "nullable int": "Int64",
    "float": "float64",
    "bool": "bool",
    "text": "str",
    "category": "category",
    "ordered category": "category (ordered)",
    "timestamp": "datetime64[us, brand time zone]",
    "date": "datetime64[us]",
}


@dataclasses.dataclass(frozen=True)
class Column:
    """One column: name, kind (a key of :data:`KINDS`), unit and meaning.

    A category column without ``categories`` takes them from the data, in the order they
    first appear (the ``company`` of ``voice``: the brand first, then its competitors).
    """

    name: str
    kind: str
    unit: str
    meaning: str
    categories: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Dataset:
    """One dataset: a one-line description, a longer note and its columns."""

    name: str
    description: str
    note: str
    columns: tuple[Column, ...]


def _counts(*names_and_meanings: tuple[str, str], unit: str = "count") -> tuple[Column, ...]:
    return tuple(Column(n, "int", unit, m) for n, m in names_and_meanings)


_PLATFORM = Column("platform", "ordered category", "", "Social platform.", PLATFORMS)

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "brand",
            "Who the brand is: one row.",
            "You are this brand's new social media manager.",
            (
                Column("name", "text", "", "The brand's name."),
                Column("industry", "text", "", "What it sells."),
                Column("country", "text", "", "Where it is based."),
                Column("currency", "text", "ISO 4217", "Currency of every money column."),
                Column("timezone", "text", "IANA", "Time zone of every timestamp."),
                Column("order_value", "float", "currency", "Average order value."),
                Column("gross_margin", "float", "fraction",
                       "Gross margin: the share of revenue left after the cost of the goods, "
                       "shipping and payment fees (0.55 means 55 %). Gross profit = revenue x "
                       "gross_margin; ROI and break-even ROAS are computed on it."),
            ),
        ),
        Dataset(
            "platforms",
            "How each platform behaves for this brand: the generator's parameters.",
            "Rates are fractions (0.04 means 4 %). These are the 'true' settings behind the data.",
            (
                _PLATFORM,
                Column("followers", "int", "accounts", "Followers on 1 January."),
                Column("posts_per_week", "float", "posts", "Usual publishing cadence."),
                Column("organic_reach_ratio", "float", "fraction",
                       "Typical organic reach of a post as a share of followers."),
                Column("reach_sigma", "float", "log scale", "How much reach varies post to post."),
                Column("er_by_reach", "float", "fraction",
                       "Typical engagements per account reached."),
                Column("frequency", "float", "times", "Typical impressions per account reached."),
                Column("ctr_organic", "float", "fraction", "Organic clicks per impression."),
                Column("paid_share", "float", "fraction", "Share of posts boosted with money."),
                Column("cpm", "float", "currency", "Typical cost per 1,000 paid impressions."),
                Column("ctr_paid", "float", "fraction", "Paid clicks per impression."),
                Column("cvr", "float", "fraction", "Conversions per click."),
                Column("follower_growth", "float", "fraction/day", "New followers per follower."),
                Column("follower_churn", "float", "fraction/day", "Unfollows per follower."),
            ),
        ),
        Dataset(
            "posts",
            "Every post of 2025: one row per post, organic or paid.",
            "Engagements = likes + comments + shares + saves. Reach is unique accounts; "
            "impressions count every view, so reach <= impressions.",
            (
                Column("post_id", "int", "", "Post number, in publishing order."),
                _PLATFORM,
                Column("published_at", "timestamp", "local time", "When it was published."),
                Column("format", "category", "", "Post format (short video = Reels, TikToks, "
                       "Shorts).", FORMATS),
                Column("content_pillar", "category", "", "Content theme.", PILLARS),
                Column("caption_language", "category", "", "Caption language.", LANGUAGES),
                Column("is_paid", "bool", "", "True if boosted with ad spend."),
                Column("spend", "float", "currency", "Money spent boosting it (0 if organic)."),
                *_counts(
                    ("impressions", "Times it was shown (one account can see it several times)."),
                    ("reach", "Unique accounts that saw it."),
                    ("likes", "Likes or reactions."),
                    ("comments", "Comments."),
                    ("shares", "Shares, reposts or retweets."),
                    ("saves", "Saves or bookmarks."),
                    ("link_clicks", "Clicks on the link or call to action."),
                ),
                Column("video_views", "nullable int", "count",
                       "Video views; empty for formats that are not video."),
                Column("followers_at_post", "int", "accounts",
                       "Followers of the account on the day it was published."),
            ),
        ),
        Dataset(
            "account_daily",
            "Daily account insights: one row per day and platform.",
            "Account reach is deduplicated across posts and includes stories and profile "
            "activity, so it is not the sum of the posts table.",
            (
                Column("date", "date", "day", "Calendar day (local)."),
                _PLATFORM,
                Column("followers", "int", "accounts", "Followers at the end of the day."),
                *_counts(
                    ("new_followers", "Accounts that started following that day."),
                    ("unfollows", "Accounts that stopped following that day."),
                    ("profile_visits", "Visits to the profile page."),
                    ("reach", "Unique accounts that saw any content that day."),
                    ("impressions", "Times any content was shown that day."),
                    ("engagements", "Likes, comments, shares and saves that day."),
                ),
            ),
        ),
        Dataset(
            "mentions",
            "Hourly mentions of the brand across social media, with sentiment.",
            "Hours lost in a tracking outage are missing rows, not zeros.",
            (
                Column("timestamp", "timestamp", "local time", "Start of the hour."),
                *_counts(
                    ("mentions", "Posts or comments naming the brand in that hour."),
                    ("positive", "Mentions with positive sentiment."),
                    ("neutral", "Mentions with neutral sentiment."),
                    ("negative", "Mentions with negative sentiment."),
                    ("unique_authors", "Distinct accounts that wrote them."),
                ),
                Column("potential_reach", "int", "accounts",
                       "Sum of the authors' followers: who could have seen them."),
            ),
        ),
        Dataset(
            "mention_texts",
            "A sample of mention texts (Italian and English) with two sentiment labels.",
            "tool_sentiment is what a keyword-based listening tool says; sentiment is what a "
            "person reading it says. Read before you trust the tool.",
            (
                Column("text_id", "int", "", "Text number, in time order."),
                Column("published_at", "timestamp", "local time", "When it was posted."),
                Column("language", "ordered category", "", "Language of the text.",
                       tuple(LANGUAGE_DTYPE.categories)),
                _PLATFORM,
                Column("topic", "category", "", "What it is about.",
                       tuple(TOPIC_DTYPE.categories)),
                Column("text", "text", "", "The mention."),
                Column("tool_sentiment", "ordered category", "", "The listening tool's label.",
                       tuple(SENTIMENT_DTYPE.categories)),
                Column("sentiment", "ordered category", "", "A human reader's label.",
                       tuple(SENTIMENT_DTYPE.categories)),
            ),
        ),
        Dataset(
            "voice",
            "Daily mentions of the brand and two competitors, by language and sentiment.",
            "What a listening tool exports when it tracks the brand and its competitors. The "
            "brand's rows add up, day by day, to the mentions table. Days with no tracked hour "
            "(an outage) have no rows, for any company.",
            (
                Column("date", "date", "day", "Calendar day (local)."),
                Column("company", "ordered category", "",
                       "Who is mentioned: the brand first, then its two competitors."),
                Column("language", "category", "", "Language of the mentions.",
                       tuple(VOICE_LANGUAGE_DTYPE.categories)),
                *_counts(
                    ("mentions", "Posts or comments naming the company that day."),
                    ("positive", "Mentions with positive sentiment (the tool's label)."),
                    ("neutral", "Mentions with neutral sentiment (the tool's label)."),
                    ("negative", "Mentions with negative sentiment (the tool's label)."),
                ),
            ),
        ),
        Dataset(
            "inbox",
            "Comments and direct messages the brand received, and its replies.",
            "Every message deserved an answer. replied_at is empty when the brand never "
            "answered; deleted messages were removed by the brand (never answered).",
            (
                Column("message_id", "int", "", "Message number, in the order received."),
                _PLATFORM,
                Column("received_at", "timestamp", "local time", "When the message arrived."),
                Column("kind", "category", "", "What the message is.",
                       tuple(KIND_DTYPE.categories)),
                Column("sentiment", "ordered category", "", "Tone of the message.",
                       tuple(SENTIMENT_DTYPE.categories)),
                Column("replied_at", "timestamp", "local time",
                       "When the brand replied; empty if it never did."),
                Column("deleted", "bool", "", "True if the brand deleted the message."),
            ),
        ),
        Dataset(
            "campaigns",
            "Paid social delivery: one row per day and active ad set.",
            "conversions and revenue are what the ad platform attributes to the ads, which is "
            "more than the ads really caused.",
            (
                Column("date", "date", "day", "Calendar day."),
                Column("channel", "ordered category", "", "Platform the ads ran on.", PLATFORMS),
                Column("campaign", "text", "", "Campaign name."),
                Column("objective", "category", "", "Campaign objective.", OBJECTIVES),
                Column("ad_set", "text", "", "Ad set (audience) name."),
                Column("daily_budget", "float", "currency", "Daily budget set for the ad set."),
                Column("spend", "float", "currency", "Money actually spent that day."),
                *_counts(
                    ("impressions", "Times the ads were shown."),
                    ("reach", "Unique accounts reached that day."),
                    ("clicks", "Clicks on the ads."),
                    ("conversions", "Purchases the platform attributes to the ads."),
                ),
                Column("revenue", "float", "currency", "Value of those purchases."),
            ),
        ),
        Dataset(
            "ab_test",
            "An A/B test of two ad creatives: one row per person shown an ad.",
            "Each person saw creative A or B. Is B really better, or is it luck?",
            (
                Column("user_id", "int", "", "Person number."),
                Column("variant", "ordered category", "", "Creative shown.",
                       tuple(VARIANT_DTYPE.categories)),
                Column("date", "date", "day", "Day the ad was shown."),
                Column("clicked", "bool", "", "True if they clicked."),
                Column("converted", "bool", "", "True if they bought (needs a click)."),
                Column("order_value", "float", "currency", "Order value; empty if no order."),
            ),
        ),
        Dataset(
            "paths",
            "Customer journeys: every touch of the customers who bought, one row per touch.",
            "Each customer bought once, at their last touch: order_value is on that row and "
            "empty on the others. Attribution models share it between the touches.",
            (
                Column("customer_id", "int", "", "Customer number, in the order of the orders."),
                Column("touch", "int", "", "Touch number within the journey (1 = first)."),
                Column("timestamp", "timestamp", "local time", "When the touch happened."),
                Column("channel", "ordered category", "",
                       "Where it came from: a social platform, Search, Email or Direct.",
                       PATH_CHANNELS),
                Column("order_value", "float", "currency",
                       "Value of the order, on the last touch; empty on the others."),
            ),
        ),
        Dataset(
            "holdout",
            "A geo holdout test: weekly sales of regions with the social ads on and off.",
            "From 1 September, the ads ran in half of the regions only; the two halves are "
            "matched. The difference in sales is what the ads caused; attributed_revenue is "
            "what the platforms claimed.",
            (
                Column("group", "ordered category", "", "Regions with the ads on or off.",
                       tuple(GROUP_DTYPE.categories)),
                Column("week", "int", "week", "Week of the test, from 1."),
                Column("sales", "float", "currency", "The group's sales that week, all channels."),
                Column("spend", "float", "currency", "Ad spend that week (0 with the ads off)."),
                Column("attributed_revenue", "float", "currency",
                       "Revenue the ad platforms credit to the ads (0 with the ads off)."),
            ),
        ),
        Dataset(
            "truth_events",
            "The answer key: events planted in the data (crises, viral posts, bots...).",
            "Kept apart from the data, as anomaly benchmarks do. Try to find them before you "
            "look. For daily tables, end is the last day of the event.",
            (
                Column("event_id", "int", "", "Event number, in time order."),
                Column("type", "category", "", "What happened.", EVENT_TYPES),
                Column("table", "text", "", "Dataset in which it shows."),
                Column("platform", "ordered category", "",
                       "Platform concerned; empty when brand-wide.", PLATFORMS),
                Column("start", "timestamp", "local time", "First hour or day of the event."),
                Column("end", "timestamp", "local time", "Last hour or day of the event."),
                Column("peak", "timestamp", "local time", "When it was strongest."),
                Column("magnitude", "float", "see description",
                       "Peak multiplier of the usual level, followers bought, reach factor or "
                       "hours missing, depending on the type."),
                Column("description", "text", "", "What happened, in plain words."),
            ),
        ),
    )
}

"""The course's brand written as the platforms' exports: a sample to import, and a test.

:func:`write_sample_exports` writes a brand's tables (the canonical one by
default) in the export formats :mod:`smmlab.io` reads, with the headers,
quoting, encodings and value formats the reference documents: Meta's
BOM-prefixed post exports and UTF-16 daily files, TikTok's year-less dates,
LinkedIn's note row, X's ``+0000`` times and float counts, YouTube's ``Total``
row. Reading them back gives the brand's own numbers on the columns each
export has, which is what the round-trip tests check. Columns an export has but
the course does not (Meta's ``Follows``) are written empty.

Where the reference does not document a value format, the choice made here is
said where it is made: Talkwalker's ``published`` is written as ISO 8601 with
its UTC offset, so that the hour repeated when summer time ends stays two hours.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     names = [p.name for p in write_sample_exports(tmp)]
>>> "Table data.csv" in names, "Content.csv" in names
(True, True)
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from smmlab import datasets
from smmlab._files import write_atomic

#: Months of mentions written (one row per mention makes a year too large for a sample).
MENTION_MONTHS: tuple[str, ...] = ("2025-09", "2025-10")
#: The day the sample exports are taken to be downloaded (TikTok's dates have no year).
EXPORT_DAY = "2025-12-31"

_IG_TYPES = {"image": "IG image", "carousel": "IG carousel", "short video": "IG reel",
             "video": "IG video"}
_FB_TYPES = {"image": "Photos", "video": "Videos", "short video": "Reels", "link": "Links"}


def _cell(value: object, quote_all: bool) -> str:
    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    if quote_all or any(ch in text for ch in ' ,"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv(header: Sequence[str], rows: Sequence[Sequence[object]], *,
         quote_all: bool = False, preamble: Sequence[str] = ()) -> str:
    lines = list(preamble)
    lines.append(",".join(_cell(h, quote_all) for h in header))
    lines += [",".join(_cell(v, quote_all) for v in row) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def _count(value: object) -> str:
    return "" if pd.isna(value) else str(int(value))  # type: ignore[call-overload]


def _post_id(prefix: int, number: int) -> str:
    return f"{prefix}{number:012d}"


def _meta_posts(posts: pd.DataFrame, brand: str) -> dict[str, bytes]:
    out = {}
    ig = posts[posts["platform"] == "Instagram"]
    header = ["Post ID", "Account ID", "Account username", "Account name", "Description",
              "Duration (sec)", "Publish time", "Permalink", "Post type", "Data comment", "Date",
              "Views", "Reach", "Likes", "Shares", "Follows", "Comments", "Saves"]
    rows = [[_post_id(17960, r.post_id), "17841400000000001", "brand", brand, "", 0,
             r.published_at.strftime("%m/%d/%Y %H:%M"),
             f"https://www.instagram.com/p/{r.post_id}/", _IG_TYPES.get(str(r.format), ""),
             "", "Lifetime", r.impressions, r.reach, r.likes, r.shares, "", r.comments, r.saves]
            for r in ig.itertuples()]
    out["instagram_posts.csv"] = _csv(header, rows).encode("utf-8-sig")
    fb = posts[posts["platform"] == "Facebook"]
    header = ["Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)",
              "Publish time", "Caption type", "Permalink", "Is crosspost", "Is share",
              "Post type", "Languages", "Custom labels", "Funded content status",
              "Data comment", "Date", "Views", "Reach", "Reactions, Comments and Shares",
              "Reactions", "Comments", "Shares", "Total clicks", "Link Clicks"]
    rows = [[_post_id(12215, r.post_id), "100000000000001", brand, "", "", 0,
             r.published_at.strftime("%m/%d/%Y %H:%M"), "N/A",
             f"https://www.facebook.com/brand/posts/pfbid{r.post_id}", 0, 0,
             _FB_TYPES.get(str(r.format), "Content"), "", "", "", "", "Lifetime",
             r.impressions, r.reach, r.likes + r.comments + r.shares, r.likes, r.comments,
             r.shares, "", r.link_clicks] for r in fb.itertuples()]
    out["facebook_posts.csv"] = _csv(header, rows).encode("utf-8-sig")
    return out


_DAILY = (("Follows", "new_followers", "{platform} follows"), ("Views", "impressions", "Views"),
          ("Viewers", "reach", "Viewers"), ("Interactions", "engagements", "Content interactions"))


def _meta_daily(daily: pd.DataFrame) -> dict[str, bytes]:
    out = {}
    for platform in ("Facebook", "Instagram"):
        rows = daily[daily["platform"] == platform]
        metrics = _DAILY + ((("Visits", "profile_visits", "Facebook visits"),)
                            if platform == "Facebook" else
                            (("Profile visits", "profile_visits", "Instagram profile visits"),))
        for name, column, metric in metrics:
            body = [[d.strftime("%Y-%m-%dT00:00:00"), _count(v)]
                    for d, v in zip(rows["date"], rows[column], strict=True)]
            text = _csv(["Date", "Primary"], body, quote_all=True,
                        preamble=["sep=,", f'"{metric.format(platform=platform)}"'])
            out[f"{platform}/{name}.csv"] = b"\xff\xfe" + text.encode("utf-16-le")
    return out


def _month_day(stamp: pd.Timestamp) -> str:
    return f"{stamp.strftime('%B')} {stamp.day}"


def _tiktok(posts: pd.DataFrame, daily: pd.DataFrame) -> dict[str, bytes]:
    tt = posts[posts["platform"] == "TikTok"]
    export = _month_day(pd.Timestamp(EXPORT_DAY))
    rows = [[export, "", f"https://www.tiktok.com/@brand/video/{_post_id(73512, r.post_id)}",
             _month_day(r.published_at), r.likes, r.comments, r.shares,
             "undefined" if pd.isna(r.video_views) else int(r.video_views)]
            for r in tt.itertuples()]
    header = ["Time", "Video title", "Video link", "Post time", "Total likes", "Total comments",
              "Total shares", "Total views"]
    out = {"TikTok/Content.csv": _csv(header, rows, quote_all=True).encode("utf-8-sig")}
    days = daily[daily["platform"] == "TikTok"]
    rows = [[_month_day(r.date), r.impressions, r.profile_visits, "undefined", "undefined",
             "undefined"] for r in days.itertuples()]
    header = ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]
    out["TikTok/Overview.csv"] = _csv(header, rows, quote_all=True).encode("utf-8-sig")
    change = days["followers"].diff().shift(-1)  # next day minus today, as TikTok writes it
    rows = [[_month_day(d), f, "undefined" if pd.isna(c) else int(c)]
            for d, f, c in zip(days["date"], days["followers"], change, strict=True)]
    header = ["Date", "Followers", "Difference in followers from previous day"]
    out["TikTok/FollowerHistory.csv"] = _csv(header, rows, quote_all=True).encode("utf-8-sig")
    return out


_NOTE = "Aggregated metrics of the page; exported by the sample writer of smmlab."


def _linkedin(posts: pd.DataFrame, daily: pd.DataFrame) -> dict[str, bytes]:
    li = posts[posts["platform"] == "LinkedIn"]
    header = ["Post title", "Post link", "Post type", "Campaign name", "Posted by",
              "Created date", "Campaign start date", "Campaign end date", "Audience",
              "Impressions", "Views", "Offsite Views", "Clicks", "Click through rate (CTR)",
              "Likes", "Comments", "Reposts", "Follows", "Engagement rate", "Content Type"]
    rows = [["", "https://www.linkedin.com/feed/update/urn:li:activity:"
             + _post_id(71234, r.post_id), "Sponsored" if r.is_paid else "Organic", "", "",
             r.published_at.strftime("%m/%d/%Y"), "", "", "All", r.impressions,
             _count(r.video_views), "", r.link_clicks, "", r.likes, r.comments, r.shares, "",
             "", "Video" if r.format == "video" else ""] for r in li.itertuples()]
    out = {"LinkedIn/content_all_posts.csv": _csv(header, rows, preamble=[_NOTE]).encode()}
    days = daily[daily["platform"] == "LinkedIn"]
    kinds = ("Impressions", "Clicks", "Reactions", "Comments", "Reposts", "Engagement rate")
    header = ["Date", *[f"{k} ({w})" for k in kinds for w in ("organic", "sponsored", "total")]]
    header.insert(4, "Unique impressions (organic)")
    rows = []
    for r in days.itertuples():
        row = [r.date.strftime("%m/%d/%Y")] + [""] * (len(header) - 1)
        row[header.index("Impressions (total)")] = r.impressions
        row[header.index("Unique impressions (organic)")] = r.reach
        rows.append(row)
    out["LinkedIn/content_metrics.csv"] = _csv(header, rows, preamble=[_NOTE]).encode()
    header = ["Date", "Sponsored followers", "Organic followers", "Auto-invited followers",
              "Total followers"]
    rows = [[r.date.strftime("%m/%d/%Y"), "", "", "", r.new_followers]
            for r in days.itertuples()]
    out["LinkedIn/followers_new_followers.csv"] = _csv(header, rows,
                                                       preamble=[_NOTE]).encode()
    return out


_X_METRICS = ("user profile clicks", "url clicks", "hashtag clicks", "detail expands",
              "permalink clicks", "app opens", "app installs", "follows", "email tweet",
              "dial phone", "media views", "media engagements")


def _x(posts: pd.DataFrame, daily: pd.DataFrame) -> dict[str, bytes]:
    xs = posts[posts["platform"] == "X"]
    promoted = ["promoted " + m for m in ("impressions", "engagements", "engagement rate",
                                          "retweets", "replies", "likes", *_X_METRICS)]
    header = ["Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "engagements",
              "engagement rate", "retweets", "replies", "likes", *_X_METRICS, *promoted]
    rows = []
    for r in xs.itertuples():
        tid = _post_id(13555, r.post_id)
        metrics = {m: "" for m in _X_METRICS} | {"url clicks": f"{r.link_clicks}.0"}
        rows.append([tid, f"https://twitter.com/brand/status/{tid}", "",
                     r.published_at.tz_convert("UTC").strftime("%Y-%m-%d %H:%M +0000"),
                     f"{r.impressions}.0", "", "", f"{r.shares}.0", f"{r.comments}.0",
                     f"{r.likes}.0", *metrics.values(), *["-"] * len(promoted)])
    out = {"x/tweet_activity_metrics_brand_20250101_20251231_en.csv":
           _csv(header, rows, quote_all=True).encode()}
    days = daily[daily["platform"] == "X"]
    header = ["Date", "Impressions", "Engagements", "Likes", "Replies", "Reposts",
              "New follows", "Unfollows", "Bookmarks", "Shares", "Profile visits"]
    rows = [[r.date.strftime("%a, %b %d, %Y"), r.impressions, "", "", "", "",
             r.new_followers, r.unfollows, "", "", r.profile_visits] for r in days.itertuples()]
    out["x/account_overview_analytics.csv"] = _csv(header, rows).encode()
    return out


def _youtube(posts: pd.DataFrame) -> dict[str, bytes]:
    yt = posts[posts["platform"] == "YouTube"]
    header = ["Content", "Video title", "Video publish time", "Duration", "Views",
              "Impressions", "Likes", "Comments added", "Shares"]
    rows = [["Total", "", "", "", _count(yt["video_views"].sum()), yt["impressions"].sum(),
             yt["likes"].sum(), yt["comments"].sum(), yt["shares"].sum()]]
    rows += [[f"vid{r.post_id:08d}", "", f"{r.published_at.strftime('%b')} "
              f"{r.published_at.day}, {r.published_at.year}", 60, _count(r.video_views),
              r.impressions, r.likes, r.comments, r.shares] for r in yt.itertuples()]
    return {"YouTube/Table data.csv": _csv(header, rows).encode()}


def _ads(campaigns: pd.DataFrame, currency: str) -> dict[str, bytes]:
    meta = campaigns[campaigns["channel"].isin(["Facebook", "Instagram"])]
    header = ["Reporting starts", "Reporting ends", "Day", "Campaign name", "Ad set name",
              "Campaign delivery", "Results", "Result indicator", "Cost per results",
              "Ad set budget", "Ad set budget type", f"Amount spent ({currency})",
              "Impressions", "Reach", "Link clicks", "Purchases", "Purchases conversion value",
              "Ends"]
    rows = [[d, d, d, r.campaign, r.ad_set, "active", "", "", "", r.daily_budget, "Daily",
             r.spend, r.impressions, r.reach, r.clicks, r.conversions, r.revenue, "Ongoing"]
            for r in meta.itertuples() for d in [r.date.strftime("%Y-%m-%d")]]
    total = ["", "", "", "", "", "", "", "", "", "", "", round(meta["spend"].sum(), 2),
             meta["impressions"].sum(), "", meta["clicks"].sum(), meta["conversions"].sum(),
             round(meta["revenue"].sum(), 2), ""]
    return {"meta_ads_daily.csv": _csv(header, [total, *rows]).encode("utf-8-sig")}


def _talkwalker(mentions: pd.DataFrame, months: Sequence[str]) -> dict[str, bytes]:
    chosen = mentions[mentions["timestamp"].dt.strftime("%Y-%m").isin(list(months))]
    header = ["published", "url", "title", "content", "lang", "source_type", "reach",
              "engagement", "sentiment", "extra_author_attributes.id",
              "extra_author_attributes.name"]
    rows, number = [], 0
    for r in chosen.itertuples():
        labels = (["positive"] * r.positive + ["neutral"] * r.neutral
                  + ["negative"] * r.negative)
        for i, label in enumerate(labels):
            number += 1
            stamp = r.timestamp + pd.Timedelta(minutes=i * 60 // max(len(labels), 1))
            author = f"author{i % max(r.unique_authors, 1)}"
            rows.append([stamp.isoformat(), f"https://example.org/m/{number}",
                         "", "", "", "TWITTER", "", "", label, author, author])
    return {"talkwalker_mentions.csv": _csv(header, rows).encode()}


def write_sample_exports(folder: str | os.PathLike[str], *,
                         data_dir: str | os.PathLike[str] | None = None,
                         mention_months: Sequence[str] = MENTION_MONTHS) -> list[Path]:
    """Write a brand's data as the platforms' export files, in ``folder``.

    Parameters
    ----------
    folder : path
        Where to write (created if needed; files there of the same names are
        replaced, each atomically).
    data_dir : path or None, default=None
        A course data folder; ``None``: the canonical brand.
    mention_months : sequence of str, default=MENTION_MONTHS
        Months (``"YYYY-MM"``) of mentions to write, one row per mention.

    Returns
    -------
    list of pathlib.Path
        The files written. Times are the brand's local times; import them with
        ``timezone=`` the brand's zone and ``as_of=EXPORT_DAY``.
    """
    folder = Path(folder)
    posts, daily, campaigns, mentions, brand = (
        datasets.load(n, data_dir=data_dir)
        for n in ("posts", "account_daily", "campaigns", "mentions", "brand"))
    info = brand.iloc[0]
    files = {**_meta_posts(posts, str(info["name"])), **_meta_daily(daily),
             **_tiktok(posts, daily), **_linkedin(posts, daily), **_x(posts, daily),
             **_youtube(posts), **_ads(campaigns, str(info["currency"])),
             **_talkwalker(mentions, mention_months)}
    return [write_atomic(folder / name, content) for name, content in files.items()]


__all__ = ["EXPORT_DAY", "MENTION_MONTHS", "write_sample_exports"]

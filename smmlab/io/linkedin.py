"""LinkedIn Page analytics exports: content (Metrics, All posts) and followers.

Evidence (``platform-exports.md`` §4): the content workbook's ``Metrics`` sheet
**A**, its ``All posts`` sheet and the followers' ``New followers`` sheet **B**.
LinkedIn exports ``.xls`` workbooks with a note row above the header; smmlab
reads each sheet it recognises (``.xls`` needs the ``xlrd`` package, ``.xlsx``
``openpyxl``), or the sheet saved as CSV. Dates are ``MM/DD/YYYY``.

No LinkedIn export has a running follower total, unfollows or a total unique
reach (``Unique impressions (organic)`` is organic only, and is read as reach
with that note); ``Total followers`` of the New followers sheet is the day's new
followers. Not found, so not read: the visitors workbook's English columns.

Examples
--------
>>> activity_id("https://www.linkedin.com/feed/update/urn:li:activity:7123456789012345678")
'7123456789012345678'
"""

from __future__ import annotations

import re

from smmlab.io._formats import Format, Options, Prepared, Raw

_ACTIVITY = re.compile(r"urn:li:(?:activity|share|ugcPost):(\d+)")
#: ``Content Type`` values -> course format (LinkedIn leaves most cells blank).
CONTENT_TYPES = {"video": "video", "document": "document", "image": "image", "text": "text",
                 "article": "link", "carousel": "carousel"}


def activity_id(link: object) -> str | None:
    """The post's activity ID, read from its link."""
    match = _ACTIVITY.search(str(link))
    return match[1] if match else None


def _posts(raw: Raw, prepared: Prepared, options: Options) -> None:
    links = prepared.cells.pop("link", None)
    if links is not None:
        prepared.cells["source_id"] = links.map(activity_id).astype("object")
    kind = prepared.cells.pop("post_type", None)
    if kind is not None:
        folded = kind.astype("str").str.strip().str.casefold()
        prepared.cells["is_paid"] = folded.map({"sponsored": True, "organic": False})
    if "format" in prepared.cells:
        folded = prepared.cells["format"].astype("str").str.strip().str.casefold()
        prepared.cells["format"] = folded.map(CONTENT_TYPES).astype("object")


METRICS = Format(
    "linkedin.metrics", "linkedin.metrics.en", "account_daily", "A", "en",
    ("date", "impressions (total)", "clicks (total)"),
    {
        "date": ("date",),
        "impressions": ("impressions (total)",),
        "reach": ("unique impressions (organic)",),
    },
    platform="LinkedIn", summary=("date",),
    renamed={"unique impressions (organic)": "note.organic_only"},
)

POSTS = Format(
    "linkedin.posts", "linkedin.posts.en", "posts", "B", "en",
    ("post link", "created date", "impressions"),
    {
        "link": ("post link",),
        "post_type": ("post type",),
        "published_at": ("created date",),
        "format": ("content type",),
        "impressions": ("impressions",),
        "video_views": ("views",),
        "likes": ("likes",),
        "comments": ("comments",),
        "shares": ("reposts", "shares"),
        "link_clicks": ("clicks",),
    },
    platform="LinkedIn", prepare=_posts, summary=("post link",),
)

FOLLOWERS = Format(
    "linkedin.followers", "linkedin.followers.en", "account_daily", "B", "en",
    ("date", "organic followers", "sponsored followers"),
    {"date": ("date",), "new_followers": ("total followers",)},
    platform="LinkedIn", summary=("date",),
)

FORMATS: tuple[Format, ...] = (METRICS, POSTS, FOLLOWERS)

__all__ = ["CONTENT_TYPES", "FOLLOWERS", "FORMATS", "METRICS", "POSTS", "activity_id"]

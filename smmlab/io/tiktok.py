"""TikTok Studio analytics downloads: Content, Overview, FollowerHistory, Viewers.

Evidence (``platform-exports.md`` §3): ``Content.csv`` and ``Overview.csv``
**A** (real files), ``FollowerHistory.csv`` and ``Viewers.csv`` **B**. Every
field is quoted, files start with a BOM, ``undefined`` marks a day without
data, and **dates have no year** and follow the app's language (``April 12``,
``12 aprile``, ``8 de marzo``): the year is worked out from the day of the
export (``as_of=``, by default the file's modification date).

Content.csv lists only the top videos of the period, not every post, with no
reach, saves or format; ``Total views`` fills ``video_views``. Not found, so
not read: the newer Studio columns (``Total play time``...), TikTok Ads
exports.

Examples
--------
>>> video_id("https://www.tiktok.com/@brand/video/7351234567890123456")
'7351234567890123456'
"""

from __future__ import annotations

import re

from smmlab.io._formats import Format, Options, Prepared, Raw
from smmlab.io._messages import MESSAGES

_VIDEO = re.compile(r"/video/(\d+)")


def video_id(link: object) -> str | None:
    """The video's ID, read from its link (Content.csv has no ID column)."""
    match = _VIDEO.search(str(link))
    return match[1] if match else None


def _content(raw: Raw, prepared: Prepared, options: Options) -> None:
    links = prepared.cells.pop("link", None)
    if links is not None:
        prepared.cells["source_id"] = links.map(video_id).astype("object")
    _year_note(prepared, options)


def _year_note(prepared: Prepared, options: Options) -> None:
    if options.as_of is not None:
        prepared.notes.append(MESSAGES.text("note.year", as_of=options.as_of.isoformat()))


CONTENT = Format(
    "tiktok.content", "tiktok.content.en", "posts", "A", "en",
    ("video link", "post time", "total views"),
    {
        "link": ("video link",),
        "published_at": ("post time",),
        "likes": ("total likes",),
        "comments": ("total comments",),
        "shares": ("total shares",),
        "video_views": ("total views",),
    },
    platform="TikTok", prepare=_content, summary=("video link",),
)

OVERVIEW = Format(
    "tiktok.overview", "tiktok.overview.en", "account_daily", "A", "en",
    ("date", "video views", "profile views"),
    {"date": ("date",), "impressions": ("video views",), "profile_visits": ("profile views",)},
    platform="TikTok", prepare=lambda raw, p, o: _year_note(p, o), summary=("date",),
    renamed={"video views": "note.video_views"},
)

FOLLOWERS = Format(
    "tiktok.followers", "tiktok.followers.en", "account_daily", "B", "en",
    ("date", "followers", "difference in followers from previous day"),
    {"date": ("date",), "followers": ("followers",)},
    platform="TikTok", prepare=lambda raw, p, o: _year_note(p, o), summary=("date",),
)

VIEWERS = Format(
    "tiktok.viewers", "tiktok.viewers.en", "account_daily", "B", "en",
    ("date", "total viewers", "new viewers"),
    {"date": ("date",), "reach": ("total viewers",)},
    prepare=lambda raw, p, o: _year_note(p, o), summary=("date",),
    renamed={"total viewers": "note.viewers"},
)

FORMATS: tuple[Format, ...] = (CONTENT, OVERVIEW, FOLLOWERS, VIEWERS)

__all__ = ["CONTENT", "FOLLOWERS", "FORMATS", "OVERVIEW", "VIEWERS", "video_id"]

"""YouTube Studio: Analytics > Advanced mode > Export current view > ``Table data.csv``.

Evidence (``platform-exports.md`` §6): **A** (real files). The first column is
``Content`` (``Video`` in 2021-22 exports) with the video ID, and the first data
row is ``Total`` (left out). IDs starting with ``-`` carry a leading space
(removed). ``Video publish time`` is a date (``Jan 6, 2024``) without a time of
day. ``Views`` fills ``video_views``; ``Impressions`` (``Thumbnail impressions``
in 2025+) counts thumbnails shown, which the course reads as impressions. The
Italian headers are **B** (one importer), and its ID column was not found.
The export does not say which videos are Shorts: ``format`` is left missing.

Examples
--------
>>> YOUTUBE_EN.signature
('video title', 'video publish time')
"""

from __future__ import annotations

from smmlab.io._formats import Format

YOUTUBE_EN = Format(
    "youtube.table", "youtube.table.en", "posts", "A", "en",
    ("video title", "video publish time"),
    {
        "source_id": ("content", "video"),
        "published_at": ("video publish time",),
        "impressions": ("impressions", "thumbnail impressions"),
        "reach": ("unique viewers",),
        "video_views": ("views",),
        "likes": ("likes",),
        "comments": ("comments added",),
        "shares": ("shares",),
    },
    platform="YouTube", summary=("content", "video"),
)

YOUTUBE_IT = Format(
    "youtube.table", "youtube.table.it", "posts", "B", "it",
    ("titolo video", "ora pubblicazione video"),
    {"published_at": ("ora pubblicazione video",), "video_views": ("visualizzazioni",)},
    platform="YouTube", summary=("ora pubblicazione video",),
)

FORMATS: tuple[Format, ...] = (YOUTUBE_EN, YOUTUBE_IT)

__all__ = ["FORMATS", "YOUTUBE_EN", "YOUTUBE_IT"]

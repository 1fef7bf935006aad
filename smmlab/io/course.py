"""The course's own tables as a format: the way in for tools whose exports were not found.

A CSV with the course's column names (``smmlab datasets describe posts``) is
read like any export: only the key columns are required (a post's platform and
publishing time, a day and platform, a day and campaign, an hour and its
mentions), every other course column is optional. This is how counts from
Sprout Social, Hootsuite, Brand24 and the like (whose export headers were not
found) come in: rename the columns, then import.

Examples
--------
>>> [f.key for f in FORMATS]
['course.posts.en', 'course.account_daily.en', 'course.campaigns.en', 'course.mentions.en']
"""

from __future__ import annotations

from smmlab.datasets import DATASETS
from smmlab.io._formats import Format

_REQUIRED = {
    "posts": ("platform", "published_at"),
    "account_daily": ("date", "platform"),
    "campaigns": ("date", "campaign"),
    "mentions": ("timestamp", "mentions"),
}
_SKIPPED = {"post_id"}  # numbered again on import


def _course_format(table: str) -> Format:
    columns = {c.name: (c.name,) for c in DATASETS[table].columns if c.name not in _SKIPPED}
    if table == "posts":
        columns["source_id"] = ("source_id",)
    return Format(f"course.{table}", f"course.{table}.en", table, "A", "en", _REQUIRED[table],
                  columns, summary=_REQUIRED[table][:1])


FORMATS: tuple[Format, ...] = tuple(_course_format(t) for t in _REQUIRED)

__all__ = ["FORMATS"]

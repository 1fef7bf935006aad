"""Every learner-facing sentence of smmlab.io: errors, notes on an import, format names."""

from __future__ import annotations

from smmlab._messages import Catalog

MESSAGES = Catalog(
    {
        "en": {
            # reading cells
            "not_number": "{value!r} is not a number.",
            "not_count": (
                "Column {column!r} holds {value}, which is not a whole number; it should be a "
                "count."
            ),
            "not_date": "{value!r} is not a date this importer reads.",
            "no_year": (
                "{value!r} has no year: pass as_of= (the day you downloaded the export) so the "
                "year can be worked out."
            ),
            "dayfirst_type": "dayfirst must be True, False or None; got {value!r}.",
            "dayfirst": (
                "dayfirst must be True ({value} is {as_dayfirst}) or False ({as_monthfirst}); "
                "the dates of column {column!r} fit both, from {example!r}."
            ),
            "contradicts": (
                "dayfirst={dayfirst} does not fit column {column!r}: {value!r} cannot be read "
                "that way."
            ),
            "mixed_order": (
                "Column {column!r} mixes day-first dates ({day!r}) and month-first dates "
                "({month!r}); export the file again with one date setting."
            ),
            "day_month": "{day} {month}",
            "month.1": "January", "month.2": "February", "month.3": "March",
            "month.4": "April", "month.5": "May", "month.6": "June", "month.7": "July",
            "month.8": "August", "month.9": "September", "month.10": "October",
            "month.11": "November", "month.12": "December",
            "timezone": (
                "{param} must be an IANA time zone such as 'Europe/Rome' or "
                "'America/New_York'; got {value!r}."
            ),
            # opening files
            "no_file": "{path} does not exist or is not a file.",
            "excel_reader": (
                "{path} is a workbook, and reading it needs a package that is not installed "
                "({error}). Install openpyxl (.xlsx) or xlrd (.xls), or open it in Excel and "
                "save the sheet as CSV."
            ),
            "excel_broken": "{path} could not be opened as a workbook: {error}",
            "unrecognised": (
                "{path} is not an export smmlab knows. Its header reads: {found}. Known "
                "exports, by a few of their columns:\n{expected}\nIf your tool is not listed, "
                "rename the columns to the course's own names (smmlab datasets describe "
                "posts) and import that file."
            ),
            "nothing_read": "(no header row found in the first {rows} rows)",
            "expected_row": "  - {label} [{confidence}]: {columns}",
            "not_a_table": (
                "{param} must be one of {allowed}; got {value!r}. {path} holds: {found}."
            ),
            "platform": (
                "{param} must be one of {allowed}; got {value!r}."
            ),
            "platform_needed": (
                "{path} ({label}) does not say which platform it is from. Pass "
                "platform= (one of {allowed}; --platform on the command line), or put the "
                "platform's name in the file's name or folder, e.g. Instagram/{name}."
            ),
            "timezone_needed": (
                "The times in {path} (column {column!r}) carry no time zone. Pass timezone= "
                "(the zone the platform's settings show, e.g. 'Europe/Rome'; --timezone on "
                "the command line)."
            ),
            "daily_metric": (
                "{path} is a Meta daily file of {metric!r}, which has no column in the "
                "course's account_daily table (known: {known}). Leave it out of the import."
            ),
            "as_of": "as_of must be a date such as '2026-03-01' or None; got {value!r}.",
            "paths": "paths must be a list of export files; got {value!r}.",
            "in_file": "{path}: {message}",
            # notes on an import
            "note.summary_rows": "{n} summary row(s) (Total, Lifetime) left out.",
            "note.damaged_ids": (
                "{n} ID(s) were rewritten by Excel in scientific notation (e.g. {example}) and "
                "cannot be restored: export the file again and do not open it in Excel first."
            ),
            "note.dates": "Dates read {order}.",
            "note.order.day-first": "day first (from the data)",
            "note.order.month-first": "month first (from the data)",
            "note.order.dayfirst": "day first (dayfirst=True)",
            "note.order.monthfirst": "month first (dayfirst=False)",
            "note.no_time": (
                "{column!r} has dates without a time of day: published_at is midnight, so "
                "hour-of-day analyses do not apply."
            ),
            "note.lifetime": (
                "Numbers are lifetime totals on the day of the export, not the month's."
            ),
            "note.renamed": "{course} read from {header!r} ({why}).",
            "note.year": "Dates have no year; years worked out from the export day {as_of}.",
            "note.currency": "Money is in {currency} (from the column {header!r}).",
            "note.periods": (
                "Rows cover reporting periods, not single days: each is dated on its first day."
            ),
            "note.merged": "{n} row(s) repeated in overlapping exports were merged.",
            "note.hours_filled": (
                "Mentions counted per hour from {n} single mentions; hours without any are 0."
            ),
            "note.unknown_sentiment": (
                "{n} mention(s) have no positive, neutral or negative label: counted in "
                "mentions only."
            ),
            "note.viewers": "Viewers (unique accounts) replaced Reach in Meta's newer exports",
            "note.views": "Meta renamed Impressions to Views in 2024-2025",
            "note.organic_only": "organic only: LinkedIn exports no total unique count",
            "note.video_views": "the platform counts views of videos",
            # the data folder
            "readme": (
                "# Your data, imported\n\n"
                "These CSV files were written by `{command}` from your own exports (the "
                "files, their SHA-256 and the formats recognised are in `sources.json`). "
                "They are read like the course data:\n\n"
                "```python\nfrom smmlab import datasets\nposts = datasets.load(\"posts\", "
                "data_dir=\"path/to/this/folder\")\n```\n\n"
                "A column your exports do not have is left empty, never filled with 0. "
                "Tables you had no export for are empty, with their columns.\n\n"
                "**Privacy.** This folder holds your accounts' data. smmlab never sends it "
                "anywhere and `smmlab progress` does not record it. Keep it outside the "
                "course folder's tracked files.\n"
            ),
            "currency_clash": (
                "currency: the exports are in {found}, but --currency/currency= says "
                "{given!r}. Give the currency of the files, or leave it out."
            ),
            "currencies": (
                "The exports are in several currencies ({found}); import each currency into "
                "its own folder."
            ),
            "brand_default": "My brand",
            # format names
            "label.meta.posts": "Meta Business Suite posts (Instagram, Facebook)",
            "label.meta.daily": "Meta Business Suite daily account figure (one metric a file)",
            "label.meta.ads": "Meta Ads Manager report",
            "label.tiktok.content": "TikTok Studio Content.csv",
            "label.tiktok.overview": "TikTok Studio Overview.csv",
            "label.tiktok.followers": "TikTok Studio FollowerHistory.csv",
            "label.tiktok.viewers": "Viewers.csv (TikTok Studio, or Meta's with the same names)",
            "label.linkedin.metrics": "LinkedIn page content export, sheet Metrics",
            "label.linkedin.posts": "LinkedIn page content export, sheet All posts",
            "label.linkedin.followers": "LinkedIn page followers export, sheet New followers",
            "label.x.tweets": "X (Twitter) classic tweet activity export",
            "label.x.content": "X account analytics content export",
            "label.x.overview": "X account analytics overview export",
            "label.youtube.table": "YouTube Studio Table data.csv",
            "label.listening.brandwatch": "Brandwatch mentions download",
            "label.listening.talkwalker": "Talkwalker results export",
            "label.listening.meltwater": "Meltwater mentions export",
            "label.course.posts": "the course's own posts table (posts.csv)",
            "label.course.account_daily": "the course's own account_daily table",
            "label.course.campaigns": "the course's own campaigns table",
            "label.course.mentions": "the course's own mentions table (hourly counts)",
        }
    }
)

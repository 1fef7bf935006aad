"""Lesson 12: Your own account (download the exports, import them, rerun the course's analyses).

In the notebook: ``from smmlab.exercises.lesson12 import *`` gives ``setup``,
``q1`` ... ``q8``, ``check_all`` and the ``____`` placeholder.

The course cannot know a learner's own numbers, so the checks of this lesson
verify the **process**, never a value (:class:`~smmlab.exercises.kinds.ProcessExercise`):
the posts were imported into the course's layout, the platforms found and the
columns the exports lack were read from *that* table, the alarm's table has the
alarm's columns, the report files exist. The one function exercise is tested
on the course's brand, where the answers are known, before the notebook uses it
on the learner's data; the one decision (which months to download) does not
depend on any data.

Nothing of the learner's data is kept by the checks: ``smmlab progress`` records
only each check's outcome (:mod:`smmlab.exercises.progress`), and the lesson has no
written answer that it would save.

Examples
--------
>>> from smmlab.exercises import lesson12
>>> data = lesson12.setup(quiet=True)
>>> lesson12.q2.check_answers({"my_posts": data.posts}, data).correct
True
>>> str(lesson12.last_full_month(data.posts))
'2025-11'
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from smmlab._messages import Catalog
from smmlab.datasets.dictionary import DATASETS
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.core import CourseData, Lesson, Mistake, Variant
from smmlab.exercises.kinds import DecisionExercise, FunctionExercise, ProcessExercise, Step
from smmlab.synth.brand import PLATFORMS

#: The course's posts columns: what an imported posts table must have (values may be missing).
POSTS_COLUMNS: tuple[str, ...] = tuple(c.name for c in DATASETS["posts"].columns)
#: The columns of the alarm's table (:func:`smmlab.detect.alarm`, :func:`smmlab.detect.alerts`).
ALERT_COLUMNS: tuple[str, ...] = ("alert_id", "kind", "start", "end", "peak", "periods", "size",
                                  "peak_value", "peak_surprise", "fired")
#: The actions an engagement counts (lesson 01); a post without one of them gets no rate.
ACTIONS: tuple[str, ...] = ("likes", "comments", "shares", "saves")
#: Headers of the platforms' own exports: a table with them was read, not imported.
EXPORT_HEADERS: tuple[str, ...] = ("Post ID", "Publish time", "Permalink", "Tweet id", "time",
                                   "Video link", "Post link", "Content", "published")

#: Exercise 1: how much to download for a monthly report.
THIS_MONTH, LAST_WEEK, LAST_MONTH, TWO_MONTHS = (
    "this month so far", "the last 7 days", "the last full month",
    "the last full month and the month before")
RANGES = (THIS_MONTH, LAST_WEEK, LAST_MONTH, TWO_MONTHS)

MESSAGES = Catalog(
    {
        "en": {
            "title": "Your own account",
            # q1 the date range
            "q1_hint1": "A monthly report compares the month with something. With what?",
            "q1_hint2": "The month is compared with the month before: download both, whole.",
            "q1_why_this_month": "A month that is not over cannot be compared with a whole "
                                 "one: it always looks smaller.",
            "q1_why_last_week": "Seven days make no month, and nothing to compare it with.",
            "q1_why_last_month": "The report compares the month with the month before: "
                                 "without it, no change and no target can be computed.",
            # q2 the imported posts
            "q2_hint1": "Your data folder (MY_DATA) holds posts.csv in the course's layout: "
                        "load it as the worked example loads account_daily.",
            "q2_hint2": 'my_posts = datasets.load("posts", data_dir=MY_DATA)',
            "q2_table": "my_posts is {got}: give the posts table, a pandas DataFrame.",
            "q2_empty": "my_posts has no rows: the import found no posts. Check that "
                        "MY_EXPORTS holds at least one post export (Meta's content export, "
                        "TikTok's Content.csv, LinkedIn's All posts, X's tweet activity, "
                        "YouTube's Table data.csv) and that the import cell listed it.",
            "q2_raw": "my_posts has the platform's own headers ({found}): that is the export "
                      "as it was downloaded, read with pd.read_csv. Import it first (the "
                      "worked example's write_data_folder), then load the folder's posts.",
            "q2_columns": "my_posts lacks the course's columns {missing}. Load the posts of "
                          "your data folder, which has every column (empty where an export "
                          "lacks it).",
            "q2_dates": "my_posts' published_at does not hold dates ({got}): load the table "
                        "with datasets.load, which reads the dates.",
            "q2_done": "{rows} posts imported from {n} platform(s): {platforms}.",
            # q3 the platforms found
            "q3_hint1": "Each row of my_posts has a platform: keep each name once.",
            "q3_hint2": 'platforms_found = sorted(my_posts["platform"].dropna().unique())',
            "q3_list": "platforms_found is {got}: give a list of platform names.",
            "q3_unknown": "{names} is not one of the course's platforms ({platforms}): list "
                          "the platform column's values, not file names.",
            "q3_extra": "platforms_found names {names}, but my_posts has no posts from it.",
            "q3_missed": "my_posts also has posts from {names}: list every platform once.",
            "q3_done": "{n} platform(s) found: {platforms}.",
            # q4 the missing columns
            "q4_hint1": "A column the exports lack is empty on every row: .isna().all() "
                        "asks that of each column at once.",
            "q4_hint2": "empty = my_posts.isna().all(); "
                        "missing_columns = list(empty[empty].index)",
            "q4_list": "missing_columns is {got}: give a list of column names.",
            "q4_unknown": "{names} is not a column of the course's posts table.",
            "q4_partly": "{names} has values on some rows (some platforms' exports have "
                         "it): a column is missing only when no row has a value. The table "
                         "by platform above shows which platforms lack it.",
            "q4_missed": "{names} has no value on any row of my_posts: add it.",
            "q4_done": "{n} column(s) your exports do not give: {columns}.",
            "q4_none": "Every course column has a value somewhere in your posts.",
            # q5 the function
            "q5_hint1": "Keep the posts that have all four actions and a reach above 0 "
                        "(.dropna(subset=[...]) drops the others); each post's rate is its "
                        "engagements divided by its reach; then average per platform.",
            "q5_hint2": 'rated = posts.dropna(subset=["likes", "comments", "shares", "saves", '
                        '"reach"]); rated = rated[rated["reach"] > 0]; rate = rated[["likes", '
                        '"comments", "shares", "saves"]].sum(axis=1) / rated["reach"]; '
                        'return rate.groupby(rated["platform"], observed=True).mean()',
            "q5_saves_zero": "Your function gives Facebook a rate, but its export has no "
                             "saves: you counted a missing save as 0. A rate without saves "
                             "is another rate; leave those posts out (.dropna(subset=[...])) "
                             "and say why next to the table.",
            "q5_totals": "Your function divides each platform's total engagements by its "
                         "summed reach. The month's rate (lesson 01) is the average of the "
                         "posts' own rates: post by post, then .mean().",
            "q5_zero": "Your function gives a rate of 0 to platforms whose posts have no "
                       "reach (X's and TikTok's exports do not give it). 0 says nobody "
                       "engaged: leave the platform out.",
            "q5_left_out": "Your function gives a rate to {platforms}, whose posts lack reach "
                           "or an action in the exports: leave those posts out, never count "
                           "a missing value as 0.",
            "q5_impressions": "Your function divides by impressions. This rate is by reach: "
                              "the people who saw the post.",
            # q6 the alarm
            "q6_hint1": "Make the hourly mentions a Series indexed by time, as the worked "
                        "example does, and give it to alarm().",
            "q6_hint2": "my_alerts = alarm(hourly)",
            "q6_table": "my_alerts is {got}: give the table alarm() returns.",
            "q6_columns": "my_alerts lacks the alarm's columns {missing}: it is not the "
                          "table alarm() returns (the mentions themselves, or watch()'s "
                          "hour-by-hour flags?). Give alarm(hourly).",
            "q6_kind": "my_alerts' kind column holds {got}: alarm() writes 'spike' or "
                       "'missing data'.",
            "q6_done": "The alarm ran on your mentions: {n} alert(s). Read the mentions of "
                       "each before you call it a crisis: your data has no answer key.",
            # q7, q8 the report files
            "q7_hint1": "report.export(your_report, path) writes the report and returns the "
                        "path it wrote: keep that path.",
            "q7_hint2": 'report_file = report.export(my_report, WORK / "my-report.html")',
            "q8_hint1": "The same export, with a file name that ends in .xlsx.",
            "q8_hint2": 'report_xlsx = report.export(my_report, WORK / "my-report.xlsx")',
            "file_path": "{variable} is {got}: give the path of the file (what "
                         "report.export returns).",
            "file_suffix": "{variable} is {got}: its name should end in {suffix}.",
            "file_relative": "{variable} is {got}, a path relative to the notebook's folder: "
                             "keep the full path report.export returns.",
            "file_exists": "{variable} is {got}, but there is no file there: run the cell "
                           "that writes the report first.",
            "file_content": "{variable} is {got}, but that file is not a report ({what}).",
            "file_done": "The report is written: {name} ({size:,} bytes). Open it and read "
                         "it before you send it.",
        }
    }
)
_ = MESSAGES.text

LESSON = Lesson("12", _("title"), source=lessons_dir() / "12_your_own_account.ipynb")


# --------------------------------------------------------------------------------------------
# The course's versions of what the notebook does (reused by the checks and the tests)
# --------------------------------------------------------------------------------------------


def last_full_month(posts: pd.DataFrame) -> pd.Period:
    """The last whole month of a posts table: the month before its latest post's month.

    Exports are downloaded during a month, so the month of the latest post is not over.

    Examples
    --------
    >>> stamps = pd.to_datetime(["2025-10-03", "2025-11-02"]).tz_localize("Europe/Rome")
    >>> str(last_full_month(pd.DataFrame({"published_at": stamps})))
    '2025-10'
    """
    latest = pd.Timestamp(posts["published_at"].max())
    return latest.tz_localize(None).to_period("M") - 1


def month_posts(posts: pd.DataFrame, month: pd.Period | str) -> pd.DataFrame:
    """The posts published in ``month`` (``"2025-11"`` or a Period), in the table's time zone.

    Examples
    --------
    >>> stamps = pd.to_datetime(["2025-10-31 23:30", "2025-11-01 00:10"])
    >>> len(month_posts(pd.DataFrame({"published_at": stamps}), "2025-11"))
    1
    """
    stamps = posts["published_at"]
    local = stamps.dt.tz_localize(None) if stamps.dt.tz is not None else stamps
    return posts[local.dt.to_period("M") == pd.Period(month, "M")]


def _rated(posts: pd.DataFrame, fill: bool = False) -> tuple[pd.DataFrame, pd.Series]:
    """The posts a rate by reach can use, and each one's rate (``fill``: missing actions 0)."""
    table = posts.copy()
    for column in (*ACTIONS, "reach"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype(float)
    if fill:
        table[list(ACTIONS)] = table[list(ACTIONS)].fillna(0)
    rated = table.dropna(subset=[*ACTIONS, "reach"])
    rated = rated[rated["reach"] > 0]
    return rated, rated[list(ACTIONS)].sum(axis=1) / rated["reach"]


def platform_rates(posts: pd.DataFrame) -> pd.Series:
    """The month's engagement rate by reach per platform: the average of the posts' own rates.

    Only the posts with all four actions and a reach above 0 count (the course's
    rate, lesson 01): a platform whose export lacks reach (X, TikTok) or an action
    (Facebook: saves) gets no rate, rather than a rate that means something else.

    Examples
    --------
    >>> posts = pd.DataFrame({"platform": ["X", "Instagram", "Instagram"],
    ...                       "reach": [None, 100, 200], "likes": [5, 4, 10],
    ...                       "comments": [1, 1, 0], "shares": [0, 0, 0],
    ...                       "saves": [None, 0, 0]})
    >>> platform_rates(posts).round(3).to_dict()
    {'Instagram': 0.05}
    """
    rated, rate = _rated(posts)
    return rate.groupby(rated["platform"].astype(str)).mean().rename("engagement_rate")


def _rates_totals(posts: pd.DataFrame) -> pd.Series:
    rated, _rate = _rated(posts)
    actions = rated[list(ACTIONS)].sum(axis=1)
    by = rated["platform"].astype(str)
    return actions.groupby(by).sum() / rated["reach"].groupby(by).sum()


def _rates_saves_zero(posts: pd.DataFrame) -> pd.Series:
    rated, rate = _rated(posts, fill=True)
    return rate.groupby(rated["platform"].astype(str)).mean()


def _rates_zero(posts: pd.DataFrame) -> pd.Series:
    rates = platform_rates(posts)
    others = sorted(set(posts["platform"].astype(str)) - set(rates.index))
    return pd.concat([rates, pd.Series(0.0, index=others)])


def _rates_impressions(posts: pd.DataFrame) -> pd.Series:
    return platform_rates(posts.assign(reach=posts["impressions"]))


def _as_exported(posts: pd.DataFrame) -> pd.DataFrame:
    """The posts as the platforms' exports leave them: no reach on X and TikTok, no saves on
    Facebook (what the sample exports give, :mod:`smmlab.io.samples`)."""
    out = posts.copy()
    platform = out["platform"].astype(str)
    out["reach"] = out["reach"].astype("Int64").mask(platform.isin(["X", "TikTok"]))
    out["saves"] = out["saves"].astype("Int64").mask(platform == "Facebook")
    return out


def _month(data: CourseData) -> pd.DataFrame:
    return month_posts(data.posts, last_full_month(data.posts))


def _rate_judge(want: pd.Series, allowed_missing: Iterable[str] = ()) -> Callable[[Any], Any]:
    """Judge a function's output: the rates of ``want``, label with value; the platforms of
    ``allowed_missing`` may be left out or NaN, never a number."""
    left_out = set(allowed_missing)

    def judge(got: Any) -> str | None:
        from smmlab.exercises.compare import Tolerance, difference

        series = pd.Series(got) if isinstance(got, dict) else got
        if not isinstance(series, pd.Series):
            return difference(got, want, variable="platform_rates", tolerance=Tolerance())
        series = series.copy()
        series.index = series.index.astype(str)
        numbers = pd.to_numeric(series, errors="coerce")
        shown = sorted(p for p in left_out if p in numbers.index and pd.notna(numbers[p]))
        if shown:
            return _("q5_left_out", platforms=", ".join(shown))
        return difference(numbers.dropna(), want, variable="platform_rates",
                          tolerance=Tolerance(1e-6, 1e-9))

    return judge


def _rate_cases(data: CourseData) -> list[tuple[tuple, Any]]:
    month = _month(data)
    exported = _as_exported(month)
    instagram = month[month["platform"].astype(str) == "Instagram"]
    return [
        ((month,), _rate_judge(platform_rates(month))),
        ((exported,), _rate_judge(platform_rates(exported), ("X", "TikTok", "Facebook"))),
        ((instagram,), _rate_judge(platform_rates(instagram))),
    ]


# --------------------------------------------------------------------------------------------
# The process checks: steps on the answer alone
# --------------------------------------------------------------------------------------------


def _describe(value: Any) -> str:
    from smmlab.exercises.compare import describe

    return describe(value)


def _names(value: Any) -> list[str] | None:
    """A list of texts given as a list, tuple, set, Index, array or Series, or None."""
    if isinstance(value, pd.Index | pd.Series | np.ndarray | pd.api.extensions.ExtensionArray):
        value = list(value)
    if isinstance(value, set | tuple):
        value = list(value)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return value


def _join(names: Iterable[str]) -> str:
    return ", ".join(sorted(names))


def _is_table(value: Any) -> bool:
    return isinstance(value, pd.DataFrame)


def _dates_ok(table: pd.DataFrame) -> bool:
    stamps = table["published_at"]
    if pd.api.types.is_datetime64_any_dtype(stamps):
        return True
    parsed = pd.to_datetime(stamps, errors="coerce", utc=True, format="ISO8601")
    return bool(parsed.notna().all())


def _raw_headers(table: pd.DataFrame) -> list[str]:
    return [c for c in table.columns if str(c) in EXPORT_HEADERS]


def _platforms(table: pd.DataFrame) -> set[str]:
    return {str(p) for p in table["platform"].dropna().unique()}


def _all_empty(table: pd.DataFrame) -> set[str]:
    return {str(c) for c in table.columns if c in POSTS_COLUMNS and table[c].isna().all()}


POSTS_STEPS = (
    Step("table", _is_table, lambda t: _("q2_table", got=_describe(t))),
    Step("empty", lambda t: len(t) > 0, _("q2_empty")),
    Step("raw_export", lambda t: not _raw_headers(t),
         lambda t: _("q2_raw", found=", ".join(_raw_headers(t)[:4]))),
    Step("columns", lambda t: set(POSTS_COLUMNS) <= set(map(str, t.columns)),
         lambda t: _("q2_columns", missing=", ".join(
             c for c in POSTS_COLUMNS if c not in set(map(str, t.columns))))),
    Step("dates", _dates_ok, lambda t: _("q2_dates", got=t["published_at"].dtype)),
)


def _posts_done(table: pd.DataFrame) -> str:
    found = sorted(_platforms(table))
    return _("q2_done", rows=len(table), n=len(found), platforms=", ".join(found))


def _posts_ok(table: Any) -> bool:
    return all(step.passes(table) for step in POSTS_STEPS)


def _listed(variable: str, key: str) -> Step:
    return Step("list", lambda a: _names(a[variable]) is not None,
                lambda a: _(key, got=_describe(a[variable])))


def _posts_given() -> Step:
    # The table the answer is read from must itself be an import (exercise 2's steps).
    return Step("posts", lambda a: _posts_ok(a["my_posts"]),
                lambda a: next(s.say(a["my_posts"]) for s in POSTS_STEPS
                               if not s.passes(a["my_posts"])))


PLATFORM_STEPS = (
    _listed("platforms_found", "q3_list"),
    _posts_given(),
    Step("unknown", lambda a: set(_names(a["platforms_found"])) <= set(PLATFORMS),
         lambda a: _("q3_unknown", names=_join(set(_names(a["platforms_found"]))
                                               - set(PLATFORMS)),
                     platforms=", ".join(PLATFORMS))),
    Step("extra", lambda a: set(_names(a["platforms_found"])) <= _platforms(a["my_posts"]),
         lambda a: _("q3_extra", names=_join(set(_names(a["platforms_found"]))
                                             - _platforms(a["my_posts"])))),
    Step("missed", lambda a: _platforms(a["my_posts"]) <= set(_names(a["platforms_found"])),
         lambda a: _("q3_missed", names=_join(_platforms(a["my_posts"])
                                              - set(_names(a["platforms_found"]))))),
)

MISSING_STEPS = (
    _listed("missing_columns", "q4_list"),
    _posts_given(),
    Step("unknown", lambda a: set(_names(a["missing_columns"])) <= set(POSTS_COLUMNS),
         lambda a: _("q4_unknown", names=_join(set(_names(a["missing_columns"]))
                                               - set(POSTS_COLUMNS)))),
    Step("partly", lambda a: set(_names(a["missing_columns"])) <= _all_empty(a["my_posts"]),
         lambda a: _("q4_partly", names=_join(set(_names(a["missing_columns"]))
                                              - _all_empty(a["my_posts"])))),
    Step("missed", lambda a: _all_empty(a["my_posts"]) <= set(_names(a["missing_columns"])),
         lambda a: _("q4_missed", names=_join(_all_empty(a["my_posts"])
                                              - set(_names(a["missing_columns"]))))),
)


def _missing_done(answer: dict[str, Any]) -> str:
    names = sorted(set(_names(answer["missing_columns"])))
    return _("q4_done", n=len(names), columns=", ".join(names)) if names else _("q4_none")


ALERT_STEPS = (
    Step("table", _is_table, lambda t: _("q6_table", got=_describe(t))),
    Step("columns", lambda t: set(ALERT_COLUMNS) <= set(map(str, t.columns)),
         lambda t: _("q6_columns", missing=", ".join(
             c for c in ALERT_COLUMNS if c not in set(map(str, t.columns))))),
    Step("kind", lambda t: set(t["kind"].astype(str)) <= {"spike", "missing data"},
         lambda t: _("q6_kind", got=_join(set(t["kind"].astype(str))))),
)


def _file_steps(variable: str, suffix: str, magic: bytes, what: str) -> tuple[Step, ...]:
    def path(value: Any) -> Path:
        return Path(os.fspath(value))

    def regular(value: Any) -> bool:
        # The file itself, not a link: a notebook run by the grader could link x.html to a
        # device or a file whose read never returns.
        return stat.S_ISREG(os.lstat(path(value)).st_mode)

    def head(value: Any) -> bytes:
        fd = os.open(path(value), os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        try:
            return os.read(fd, 4096) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        finally:
            os.close(fd)

    def shown(value: Any) -> str:
        return repr(os.fspath(value)) if isinstance(value, str | os.PathLike) else _describe(
            value)

    return (
        Step("path", lambda v: isinstance(v, str | os.PathLike) and bool(os.fspath(v)),
             lambda v: _("file_path", variable=variable, got=_describe(v))),
        Step("suffix", lambda v: path(v).name.lower().endswith(suffix),
             lambda v: _("file_suffix", variable=variable, got=shown(v), suffix=suffix)),
        Step("relative", lambda v: path(v).is_absolute(),
             lambda v: _("file_relative", variable=variable, got=shown(v))),
        Step("exists", regular,
             lambda v: _("file_exists", variable=variable, got=shown(v))),
        Step("content", lambda v: magic in head(v).lower(),
             lambda v: _("file_content", variable=variable, got=shown(v), what=what)),
    )


def _file_done(value: Any) -> str:
    path = Path(os.fspath(value))
    return _("file_done", name=path.name, size=path.stat().st_size)


# --------------------------------------------------------------------------------------------
# The exercises
# --------------------------------------------------------------------------------------------

q1 = DecisionExercise(
    variable="date_range",
    choices=RANGES,
    expected=lambda d: TWO_MONTHS,
    why={THIS_MONTH: _("q1_why_this_month"), LAST_WEEK: _("q1_why_last_week"),
         LAST_MONTH: _("q1_why_last_month")},
    aliases={TWO_MONTHS: ("last full month and the month before", "two full months",
                          "the last two full months", "gli ultimi due mesi interi",
                          "il mese scorso e quello prima", "les deux derniers mois complets",
                          "le mois dernier et le mois d'avant")},
    hints=(_("q1_hint1"), _("q1_hint2")),
    tier="warm-up",
    right=(Variant(lambda d: TWO_MONTHS.upper(), "in capitals"),
           Variant(lambda d: "gli ultimi due mesi interi", "in Italian")),
    wrong=(Variant(lambda d: LAST_MONTH, "one month only", says="month before"),
           Variant(lambda d: THIS_MONTH, "the month so far", says="not over"),
           Variant(lambda d: "everything", "not one of the ranges", says="must be one of")),
)

q2 = ProcessExercise(
    variable="my_posts",
    steps=POSTS_STEPS,
    done=_posts_done,
    hints=(_("q2_hint1"), _("q2_hint2")),
    tier="warm-up",
    right=(Variant(lambda d: d.posts, "the course's own posts table"),
           Variant(lambda d: _as_exported(d.posts), "an import that lacks reach on X"),
           Variant(lambda d: d.posts[d.posts["platform"].astype(str) == "Instagram"],
                   "one platform only")),
    wrong=(Variant(lambda d: d.posts.iloc[:0], "an empty import", says="no rows"),
           Variant(lambda d: d.posts.rename(columns={"post_id": "Post ID",
                                                     "published_at": "Publish time"}),
                   "the export as downloaded", says="platform's own headers"),
           Variant(lambda d: d.posts.drop(columns=["reach"]), "a column dropped",
                   says="reach"),
           Variant(lambda d: len(d.posts), "the number of posts", says="DataFrame")),
)

q3 = ProcessExercise(
    variable=("platforms_found", "my_posts"),
    steps=PLATFORM_STEPS,
    done=lambda a: _("q3_done", n=len(set(_names(a["platforms_found"]))),
                     platforms=_join(set(_names(a["platforms_found"])))),
    hints=(_("q3_hint1"), _("q3_hint2")),
    tier="warm-up",
    right=(Variant(lambda d: {"platforms_found": sorted(_platforms(d.posts)),
                              "my_posts": d.posts}, "a sorted list"),
           Variant(lambda d: {"platforms_found": d.posts["platform"].unique(),
                              "my_posts": d.posts}, "the categorical's unique values"),
           Variant(lambda d: {"platforms_found": ["Instagram"],
                              "my_posts": d.posts[d.posts["platform"] == "Instagram"]},
                   "one platform imported")),
    wrong=(Variant(lambda d: {"platforms_found": sorted(_platforms(d.posts))[1:],
                              "my_posts": d.posts}, "one platform forgotten",
                   says="also has posts from"),
           Variant(lambda d: {"platforms_found": ["instagram_posts.csv"],
                              "my_posts": d.posts}, "file names", says="not file names"),
           Variant(lambda d: {"platforms_found": ["Instagram", "X"],
                              "my_posts": d.posts[d.posts["platform"] == "Instagram"]},
                   "a platform not imported", says="no posts from"),
           Variant(lambda d: {"platforms_found": len(_platforms(d.posts)),
                              "my_posts": d.posts}, "a count", says="list of platform")),
)

q4 = ProcessExercise(
    variable=("missing_columns", "my_posts"),
    steps=MISSING_STEPS,
    done=_missing_done,
    hints=(_("q4_hint1"), _("q4_hint2")),
    right=(Variant(lambda d: {"missing_columns": sorted(_all_empty(_as_exported(d.posts))),
                              "my_posts": _as_exported(d.posts)}, "none missing"),
           Variant(lambda d: {"missing_columns": ["reach"],
                              "my_posts": d.posts.assign(reach=pd.NA)}, "reach missing"),
           Variant(lambda d: {"missing_columns": ("reach",),
                              "my_posts": d.posts.assign(reach=pd.NA)}, "as a tuple")),
    wrong=(Variant(lambda d: {"missing_columns": ["reach"], "my_posts": _as_exported(d.posts)},
                   "missing on some platforms only", says="some rows"),
           Variant(lambda d: {"missing_columns": [],
                              "my_posts": d.posts.assign(spend=np.nan)},
                   "a missing column not named", says="spend"),
           Variant(lambda d: {"missing_columns": ["Saves"], "my_posts": d.posts},
                   "the export's header", says="not a column"),
           Variant(lambda d: {"missing_columns": "reach",
                              "my_posts": d.posts.assign(reach=pd.NA)}, "a text, not a list",
                   says="list of column names")),
)

q5 = FunctionExercise(
    variable="platform_rates",
    cases=_rate_cases,
    hints=(_("q5_hint1"), _("q5_hint2")),
    mistakes=(
        Mistake("saves_zero", lambda d: _rates_saves_zero, _("q5_saves_zero")),
        Mistake("totals", lambda d: _rates_totals, _("q5_totals")),
        Mistake("impressions", lambda d: _rates_impressions, _("q5_impressions")),
        Mistake("zero", lambda d: _rates_zero, _("q5_zero")),
    ),
    right=(Variant(lambda d: platform_rates, "the course's function"),
           Variant(lambda d: lambda posts: platform_rates(posts).round(6), "rounded to 6 "
                   "decimals"),
           Variant(lambda d: lambda posts: platform_rates(posts).to_dict(), "a dict")),
    wrong=(Variant(lambda d: _rates_saves_zero, "missing saves as 0", says="missing save"),
           Variant(lambda d: _rates_totals, "ratio of totals", says="summed reach"),
           Variant(lambda d: _rates_zero, "0 where reach is missing", says="leave the "
                   "platform out"),
           Variant(lambda d: _rates_impressions, "by impressions", says="impressions")),
)

q6 = ProcessExercise(
    variable="my_alerts",
    steps=ALERT_STEPS,
    done=lambda t: _("q6_done", n=len(t)),
    hints=(_("q6_hint1"), _("q6_hint2")),
    right=(Variant(lambda d: _alarm(d), "the alarm on the brand's mentions"),
           Variant(lambda d: _alarm(d).iloc[:0], "a quiet spell: no alert")),
    wrong=(Variant(lambda d: d.mentions, "the mentions themselves", says="alarm's columns"),
           Variant(lambda d: _alarm(d).assign(kind="crisis"), "kinds renamed",
                   says="spike"),
           Variant(lambda d: _alarm(d)["start"].tolist(), "the start times only",
                   says="table alarm() returns")),
)


def _alarm(data: CourseData) -> pd.DataFrame:
    """The alarm on the last two months of the brand's hourly mentions."""
    from smmlab.detect import alarm

    def compute(d: CourseData) -> pd.DataFrame:
        hourly = d.mentions.set_index("timestamp")["mentions"].astype(float)
        return alarm(hourly[hourly.index >= hourly.index.max() - pd.Timedelta(days=61)])

    return data.cached(("lesson12", "alarm"), compute)


def _written(data: CourseData, name: str, content: bytes) -> str:
    """A file written once per data set (a report stand-in for the variants), its path."""
    import tempfile

    def write(_: CourseData) -> str:
        folder = Path(tempfile.mkdtemp(prefix="smmlab-lesson12-"))
        (folder / name).write_bytes(content)
        return str(folder / name)

    return data.cached(("lesson12", name), write)


_HTML = b"<!DOCTYPE html>\n<html><head><title>Report</title></head><body></body></html>\n"
_XLSX = b"PK\x03\x04" + bytes(60)

q7 = ProcessExercise(
    variable="report_file",
    steps=_file_steps("report_file", ".html", b"<html", "no <html> in its first lines"),
    done=_file_done,
    hints=(_("q7_hint1"), _("q7_hint2")),
    right=(Variant(lambda d: _written(d, "report.html", _HTML), "the path as text"),
           Variant(lambda d: Path(_written(d, "report.html", _HTML)), "a Path")),
    wrong=(Variant(lambda d: _written(d, "report.html", _HTML).replace("report.html", "gone.html"),
                   "no file there",
                   says="no file"),
           Variant(lambda d: "my-report.html", "a relative path", says="full path"),
           Variant(lambda d: _written(d, "report.xlsx", _XLSX), "the workbook", says=".html"),
           Variant(lambda d: _written(d, "fake.html", b"hello"), "not a report",
                   says="not a report"),
           Variant(lambda d: 3, "a number", says="path of the file")),
)

q8 = ProcessExercise(
    variable="report_xlsx",
    steps=_file_steps("report_xlsx", ".xlsx", b"pk\x03\x04", "not an Excel workbook"),
    done=_file_done,
    hints=(_("q8_hint1"), _("q8_hint2")),
    tier="stretch",
    right=(Variant(lambda d: _written(d, "report.xlsx", _XLSX), "the path as text"),),
    wrong=(Variant(lambda d: _written(d, "report.html", _HTML), "the web page", says=".xlsx"),
           Variant(lambda d: _written(d, "bad.xlsx", b"<html>"), "not a workbook",
                   says="not an excel workbook")),
)

__all__ = LESSON.bind(globals())

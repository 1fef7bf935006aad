"""Engagement metrics: engagements, engagement rate, applause, amplification, virality, frequency.

Also conversation rate and cost per engagement.

Every function takes its counts by name (a number, a list, an array or a
pandas Series) or from the columns of a posts-like table passed as ``data``
(``smmlab.datasets.load("posts")``, or ``account_daily`` for daily figures).
A value given by name wins over a column. Results are fractions (0.04 is
4 %), except frequency (times) and money.

- ``aggregate=None``: one value per row (like filling a formula down a
  column in Excel); a float for plain numbers.
- ``aggregate="per_post"`` (alias ``"per_row"``): the average of the per-row
  rates, every post counting the same; rows with a zero denominator are left
  out.
- ``aggregate="median"``: the median of the per-row rates, the typical post.
- ``aggregate="total"``: the ratio of the totals, where big rows weigh more.

**The course's two definitions** (used by every lesson, the checks and the
monthly report, so "typical" always means the same thing):

- *a typical post's engagement rate* (:data:`TYPICAL_POST`): the **median**
  of the per-post rates by reach. Half the posts did better, half worse; one
  viral post does not move it. ``engagement_rate(posts, aggregate="median")``.
- *the month's engagement rate* (:data:`MONTH_RATE`): the **average** of the
  per-post rates by reach, each post counting the same, as Hootsuite's and
  most tools' "average engagement rate" is computed.
  ``engagement_rate(posts, aggregate="per_post")``. A viral post pulls it up:
  say so when the two differ.

Dividing total engagements by *summed* reach is neither: reach does not add up
across posts (the same person counts once per post), so it warns.

Zero denominators give NaN quietly. Missing (NaN/None) or negative counts
raise a ValueError naming the argument or column. Adding up reach warns with
:class:`ReachNotAdditiveWarning`.

Examples
--------
>>> round(engagement_rate(engagements=120, reach=3000), 3)
0.04
"""

from __future__ import annotations

import pandas as pd

from smmlab._validate import check_choice, fail
from smmlab.metrics._inputs import Need, Values, check_aggregate, read
from smmlab.metrics._messages import MESSAGES
from smmlab.metrics._ratios import ReachNotAdditiveWarning, n_rows, rate, warn_reach_sum

#: The actions counted as engagements, in the order of the posts table.
ACTIONS: tuple[str, ...] = ("likes", "comments", "shares", "saves")
#: ``aggregate`` for a typical post's engagement rate: the median of the per-post rates.
TYPICAL_POST: str = "median"
#: ``aggregate`` for the month's engagement rate: the average of the per-post rates.
MONTH_RATE: str = "per_post"
#: The denominators of the engagement rate.
ENGAGEMENT_RATE_BY: tuple[str, ...] = ("reach", "impressions", "followers")

_ENGAGEMENTS = Need("engagements", (("engagements",), ACTIONS))
_FOLLOWERS = Need("followers", (("followers_at_post",), ("followers",)))
_POSTS = Need("posts", default=1.0)


def _unused(func: str, by: str, given: dict[str, object], choices: tuple[str, ...]) -> None:
    """Refuse a denominator passed by name that ``by`` does not use (a likely slip)."""
    for name in choices:
        if name != by and given.get(name) is not None:
            raise ValueError(MESSAGES.text("unused_denominator", func=func, name=name, by=by))


def engagements(
    data: pd.DataFrame | None = None,
    *,
    likes: object = None,
    comments: object = None,
    shares: object = None,
    saves: object = None,
    actions: tuple[str, ...] | list[str] = ACTIONS,
) -> Values:
    """Total engagements: likes + comments + shares + saves.

    In words: add up every action people took on the post. smmlab counts
    four actions: likes (or reactions), comments, shares (reposts, retweets)
    and saves (bookmarks). Clicks and video views are *not* counted. Tools
    disagree here: Hootsuite says total engagements "typically represents a
    tally of likes, favourites, reactions, comments, shares, views, retweets,
    and sometimes include clicks, depending on which platform". Before you
    compare your numbers with a tool's or a benchmark's, check which actions
    they add up.

    Parameters
    ----------
    data : DataFrame, optional
        A posts-like table with the columns named in ``actions``.
    likes, comments, shares, saves : number, list, array or Series, optional
        The counts by name (all four are needed without ``data``; pass 0 for
        an action the platform does not have). With ``data``, a value given
        here replaces that column.
    actions : sequence of str, default ("likes", "comments", "shares", "saves")
        The columns of ``data`` to add up; e.g. ``ACTIONS + ("link_clicks",)``
        to count clicks too, as some tools do. Only with ``data``.

    Returns
    -------
    float or Series
        One total per row (a float for plain numbers), named ``engagements``.

    Examples
    --------
    >>> engagements(likes=100, comments=10, shares=5, saves=5)
    120.0
    >>> posts = pd.DataFrame({"likes": [100, 40], "comments": [10, 2],
    ...                       "shares": [5, 1], "saves": [5, 0], "link_clicks": [30, 9]})
    >>> engagements(posts).tolist()
    [120.0, 43.0]
    >>> engagements(posts, actions=ACTIONS + ("link_clicks",)).tolist()
    [150.0, 52.0]
    """
    if (isinstance(actions, str) or not isinstance(actions, tuple | list) or not actions
            or not all(isinstance(a, str) for a in actions)):
        raise ValueError(MESSAGES.text("actions_type", value=actions, default=ACTIONS))
    actions = tuple(actions)
    if data is None and actions != ACTIONS:
        raise ValueError(MESSAGES.text("actions_by_name", value=actions, default=ACTIONS))
    given = {"likes": likes, "comments": comments, "shares": shares, "saves": saves}
    values = read("engagements", data, [Need(a) for a in actions], given)
    parts = [values[a] for a in actions]
    out = sum(parts[1:], start=parts[0])
    return out.rename("engagements") if isinstance(out, pd.Series) else float(out)


def engagement_rate(
    data: pd.DataFrame | None = None,
    *,
    by: str = "reach",
    aggregate: str | None = None,
    engagements: object = None,
    reach: object = None,
    impressions: object = None,
    followers: object = None,
    reach_warning: bool = True,
) -> Values:
    """Engagement rate: engagements divided by reach, impressions or followers.

    In words: out of the people who saw the post (``by="reach"``), the times
    it was shown (``by="impressions"``) or the people who follow the account
    (``by="followers"``), what fraction engaged. The same post has three
    different engagement rates: by impressions <= by reach (an account can
    see a post several times), and by followers is usually the smallest
    because most followers never see a given post. Always say which one you
    report.

    - by reach (Hootsuite's ERR): how interesting the post was to those who
      saw it. The best for judging content.
    - by impressions: used for paid posts and by Buffer's benchmarks.
    - by followers: what Rival IQ benchmarks use ("engagements per follower
      on a per post basis"); it drops when reach drops or when you gain
      followers who do not look (bought followers).

    **per_post vs total.** Two posts: A reached 1,000 people and got 50
    engagements (5 %); B went viral, reached 100,000 and got 1,000 (1 %).
    ``aggregate="per_post"`` averages the two rates: (5 % + 1 %) / 2 = 3 %.
    ``aggregate="total"`` divides the totals: 1,050 / 101,000 = 1.04 %,
    which is almost B's rate alone, because the viral post weighs 100 times
    more. ``aggregate="median"`` takes the middle per-post rate: with these
    two posts it equals the average; with many posts it is what a *typical*
    post does, untouched by one viral post. The course uses the median for
    "how does a typical post do?" (:data:`TYPICAL_POST`) and ``"per_post"`` for
    the month's rate (:data:`MONTH_RATE`, as Hootsuite-style benchmarks
    average per-post rates). Use ``"total"`` for "what came back from
    everything we showed?" -- it suits impressions (they add up) and paid
    reporting. By
    reach, the total adds up reach, which counts a person once per post, so
    it warns with :class:`ReachNotAdditiveWarning`: the number is the
    reach-weighted average of the per-post rates, not engagements per unique
    person.

    Parameters
    ----------
    data : DataFrame, optional
        A posts-like table: engagements come from an ``engagements`` column
        or from likes + comments + shares + saves; followers from
        ``followers_at_post`` or ``followers``; ``reach`` and
        ``impressions`` from their columns.
    by : {"reach", "impressions", "followers"}, default "reach"
        The denominator.
    aggregate : {None, "per_post", "per_row", "median", "total"}, default None
        One rate per row, the average of the per-post rates, their median,
        or the ratio of totals (see above).
    engagements, reach, impressions, followers : number, list, array or Series, optional
        Values by name (they replace the columns of ``data``). Give only
        the denominator named by ``by``; a number for ``followers`` with a
        table applies to every row.
    reach_warning : bool, default True
        Warn with :class:`ReachNotAdditiveWarning` when ``by="reach"`` and
        ``aggregate="total"`` add up reach. Pass ``False`` when you mean the
        reach-weighted average of the per-post rates and say so where you show
        it (as the monthly report does); unlike silencing the warning with
        ``warnings.catch_warnings``, this is safe in threads.

    Returns
    -------
    float or Series
        A fraction (0.04 = 4 %): one per row (named ``engagement_rate``) or
        one float when aggregated. NaN where the denominator is 0.

    Raises
    ------
    ValueError
        For a ``by`` or ``aggregate`` that is not allowed, or a
        ``reach_warning`` that is not True or False.

    Warns
    -----
    ReachNotAdditiveWarning
        With ``by="reach"`` and ``aggregate="total"`` over several rows,
        unless ``reach_warning=False``.

    Examples
    --------
    >>> engagement_rate(engagements=50, reach=1000)
    0.05
    >>> posts = pd.DataFrame({"likes": [40, 900], "comments": [5, 50], "shares": [3, 40],
    ...                       "saves": [2, 10], "reach": [1000, 100_000],
    ...                       "impressions": [1250, 125_000], "followers_at_post": [20_000] * 2})
    >>> engagement_rate(posts).tolist()
    [0.05, 0.01]
    >>> round(engagement_rate(posts, aggregate="per_post"), 4)
    0.03
    >>> round(engagement_rate(posts, aggregate=TYPICAL_POST), 4)  # the median of 5 % and 1 %
    0.03
    >>> round(engagement_rate(posts, by="impressions", aggregate="total"), 4)
    0.0083
    >>> engagement_rate(posts, by="followers").tolist()
    [0.0025, 0.05]
    >>> round(engagement_rate(posts, aggregate="total", reach_warning=False), 4)  # no warning
    0.0104
    """
    by = check_choice("by", by, ENGAGEMENT_RATE_BY)
    aggregate = check_aggregate(aggregate)
    if not isinstance(reach_warning, bool):
        fail("reach_warning", reach_warning, "type", expected="True or False")
    given = {"engagements": engagements, "reach": reach, "impressions": impressions,
             "followers": followers}
    _unused("engagement_rate", by, given, ENGAGEMENT_RATE_BY)
    denominator = _FOLLOWERS if by == "followers" else Need(by)
    values = read("engagement_rate", data, (_ENGAGEMENTS, denominator), given)
    if by == "reach" and aggregate == "total" and reach_warning:
        warn_reach_sum("reach_total_rate", n_rows(*values.values()), func="engagement_rate",
                       numerator="engagements")
    return rate(values["engagements"], values[by], aggregate, "engagement_rate")


def _per_post(func: str, action: str, data: object, aggregate: object, given: dict) -> Values:
    aggregate = check_aggregate(aggregate)
    values = read(func, data, (Need(action), _POSTS), given)
    return rate(values[action], values["posts"], aggregate, func)


def applause_rate(
    data: pd.DataFrame | None = None,
    *,
    aggregate: str | None = None,
    likes: object = None,
    posts: object = None,
) -> Values:
    """Applause rate (Avinash Kaushik): likes per post.

    In words: how many approvals (likes, reactions, favourites) a post gets
    on average -- the audience clapping. ``posts`` is how many posts each
    value covers; without it every row is one post, so per row the applause
    is the post's likes and ``aggregate="total"`` (or ``"per_post"``) gives
    the average likes per post.

    Parameters
    ----------
    data : DataFrame, optional
        A posts table (``likes``), or a summary with ``likes`` and ``posts``
        columns (e.g. per month).
    aggregate : {None, "per_post", "per_row", "median", "total"}, default None
        One value per row, the average of the row values, or total likes /
        total posts.
    likes, posts : number, list, array or Series, optional
        Values by name; ``posts`` defaults to 1 per row.

    Returns
    -------
    float or Series
        Likes per post (a count, not a fraction); NaN where posts is 0.

    Examples
    --------
    >>> applause_rate(likes=1200, posts=30)
    40.0
    >>> posts = pd.DataFrame({"likes": [10, 50, 30]})
    >>> applause_rate(posts, aggregate="total")
    30.0
    """
    return _per_post("applause_rate", "likes", data, aggregate, {"likes": likes, "posts": posts})


def conversation_rate(
    data: pd.DataFrame | None = None,
    *,
    aggregate: str | None = None,
    comments: object = None,
    posts: object = None,
) -> Values:
    """Conversation rate (Avinash Kaushik): comments per post.

    In words: how much people talk back. Every comment deserves a look, and
    many deserve an answer: replying is part of the job and keeps the
    conversation going. ``posts`` works as in :func:`applause_rate`.

    Parameters
    ----------
    data : DataFrame, optional
        A posts table (``comments``), or a summary with ``comments`` and
        ``posts`` columns.
    aggregate : {None, "per_post", "per_row", "median", "total"}, default None
        One value per row, the average of the row values, or total comments
        / total posts.
    comments, posts : number, list, array or Series, optional
        Values by name; ``posts`` defaults to 1 per row.

    Returns
    -------
    float or Series
        Comments per post; NaN where posts is 0.

    Examples
    --------
    >>> conversation_rate(comments=90, posts=30)
    3.0
    """
    return _per_post("conversation_rate", "comments", data, aggregate,
                     {"comments": comments, "posts": posts})


def amplification_rate(
    data: pd.DataFrame | None = None,
    *,
    by: str = "posts",
    aggregate: str | None = None,
    shares: object = None,
    posts: object = None,
    followers: object = None,
) -> Values:
    """Amplification rate: shares per post, or per post and follower.

    In words: how often your audience passes your content on to theirs.
    Kaushik's version (``by="posts"``) is shares / posts. The variant used
    by Hootsuite and the HSMAI glossary (``by="followers"``) is shares of a
    post / followers, so accounts of different sizes can be compared; for
    several posts it is shares / (posts x followers).

    Parameters
    ----------
    data : DataFrame, optional
        A posts table (``shares``, ``followers_at_post`` or ``followers``),
        or a summary with a ``posts`` column.
    by : {"posts", "followers"}, default "posts"
        Shares per post, or shares per post per follower (a fraction).
    aggregate : {None, "per_post", "per_row", "median", "total"}, default None
        One value per row, the average of the row values, or the ratio of
        totals.
    shares, posts, followers : number, list, array or Series, optional
        Values by name; ``posts`` defaults to 1 per row; ``followers`` only
        with ``by="followers"``.

    Returns
    -------
    float or Series
        Shares per post (``by="posts"``) or a fraction (``by="followers"``);
        NaN where the denominator is 0.

    Examples
    --------
    >>> amplification_rate(shares=60, posts=30)
    2.0
    >>> amplification_rate(shares=60, followers=20_000, by="followers")
    0.003
    """
    by = check_choice("by", by, ("posts", "followers"))
    aggregate = check_aggregate(aggregate)
    given = {"shares": shares, "posts": posts, "followers": followers}
    _unused("amplification_rate", by, given, ("followers",))
    needs = [Need("shares"), _POSTS] + ([_FOLLOWERS] if by == "followers" else [])
    values = read("amplification_rate", data, needs, given)
    denominator = values["posts"]
    if by == "followers":
        denominator = denominator * values["followers"]
    return rate(values["shares"], denominator, aggregate, "amplification_rate")


def virality_rate(
    data: pd.DataFrame | None = None,
    *,
    by: str = "impressions",
    aggregate: str | None = None,
    shares: object = None,
    impressions: object = None,
    reach: object = None,
) -> Values:
    """Virality rate: shares divided by impressions (or by reach).

    In words: out of every time the post was shown, how often someone shared
    it. Some tools divide by reach instead (shares per person who saw it):
    the numbers differ, so declare the denominator with ``by``. A viral post
    shows up as a virality rate far above the account's usual one.

    Parameters
    ----------
    data : DataFrame, optional
        A posts table (``shares``, ``impressions``, ``reach``).
    by : {"impressions", "reach"}, default "impressions"
        The denominator.
    aggregate : {None, "per_post", "per_row", "median", "total"}, default None
        One rate per row, the average of the per-post rates, or total shares
        / total impressions.
    shares, impressions, reach : number, list, array or Series, optional
        Values by name; give only the denominator named by ``by``.

    Returns
    -------
    float or Series
        A fraction; NaN where the denominator is 0.

    Warns
    -----
    ReachNotAdditiveWarning
        With ``by="reach"`` and ``aggregate="total"`` over several rows
        (the result is then the reach-weighted average of the per-post rates).

    Examples
    --------
    >>> virality_rate(shares=30, impressions=12_000)
    0.0025
    >>> virality_rate(shares=30, reach=10_000, by="reach")
    0.003
    """
    by = check_choice("by", by, ("impressions", "reach"))
    aggregate = check_aggregate(aggregate)
    given = {"shares": shares, "impressions": impressions, "reach": reach}
    _unused("virality_rate", by, given, ("impressions", "reach"))
    values = read("virality_rate", data, (Need("shares"), Need(by)), given)
    if by == "reach" and aggregate == "total":
        warn_reach_sum("reach_total_rate", n_rows(*values.values()), func="virality_rate",
                       numerator="shares")
    return rate(values["shares"], values[by], aggregate, "virality_rate")


def frequency(
    data: pd.DataFrame | None = None,
    *,
    aggregate: str | None = None,
    impressions: object = None,
    reach: object = None,
) -> Values:
    """Frequency: impressions / reach, the average times each person reached saw the content.

    In words: impressions count every showing, reach counts people once, so
    their ratio is how many times, on average, each person reached saw it
    (1.0 = once each). Paid campaigns watch it for ad fatigue.

    ``aggregate="total"`` divides total impressions by reach added up over the
    rows, which counts a person once per post or day: it warns with
    :class:`ReachNotAdditiveWarning`, because the result (the reach-weighted
    average of the per-row frequencies) is lower than how often people
    really saw your content. The real frequency over a period needs the
    deduplicated reach the platform reports for that period.

    Parameters
    ----------
    data : DataFrame, optional
        A table with ``impressions`` and ``reach`` (posts, account_daily,
        campaigns).
    aggregate : {None, "per_post", "per_row", "median", "total"}, default None
        One value per row, the average of the row values, or the ratio of
        totals (warns).
    impressions, reach : number, list, array or Series, optional
        Values by name.

    Returns
    -------
    float or Series
        Times (at least 1 when reach <= impressions); NaN where reach is 0.

    Warns
    -----
    ReachNotAdditiveWarning
        With ``aggregate="total"`` over several rows.

    Examples
    --------
    >>> frequency(impressions=12_500, reach=10_000)
    1.25
    """
    aggregate = check_aggregate(aggregate)
    values = read("frequency", data, (Need("impressions"), Need("reach")),
                  {"impressions": impressions, "reach": reach})
    if aggregate == "total":
        warn_reach_sum("reach_total_frequency", n_rows(*values.values()))
    return rate(values["impressions"], values["reach"], aggregate, "frequency")


def cost_per_engagement(
    data: pd.DataFrame | None = None,
    *,
    aggregate: str | None = None,
    spend: object = None,
    engagements: object = None,
) -> Values:
    """Cost per engagement (CPE): spend / engagements.

    In words: how much money each like, comment, share or save cost. Only
    meaningful for paid (boosted) posts: organic posts have spend 0, so their
    CPE is 0 -- select the paid ones first (``posts[posts["is_paid"]]``).
    Engagements count as in :func:`engagements`.

    Parameters
    ----------
    data : DataFrame, optional
        A posts-like table with ``spend`` and an ``engagements`` column or
        likes + comments + shares + saves.
    aggregate : {None, "per_post", "per_row", "median", "total"}, default None
        One value per row, the average of the row values, or total spend /
        total engagements (the usual way to report it).
    spend, engagements : number, list, array or Series, optional
        Values by name.

    Returns
    -------
    float or Series
        Money per engagement; NaN where engagements are 0.

    Examples
    --------
    >>> cost_per_engagement(spend=120.0, engagements=300)
    0.4
    """
    aggregate = check_aggregate(aggregate)
    values = read("cost_per_engagement", data, (Need("spend"), _ENGAGEMENTS),
                  {"spend": spend, "engagements": engagements})
    return rate(values["spend"], values["engagements"], aggregate, "cost_per_engagement")


__all__ = [
    "ACTIONS",
    "ENGAGEMENT_RATE_BY",
    "MONTH_RATE",
    "TYPICAL_POST",
    "ReachNotAdditiveWarning",
    "amplification_rate",
    "applause_rate",
    "conversation_rate",
    "cost_per_engagement",
    "engagement_rate",
    "engagements",
    "frequency",
    "virality_rate",
]

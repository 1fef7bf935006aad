"""Social media metrics: engagement, audience, community and paid, with their Excel equivalents.

Every metric takes its figures either by name -- a number, a list, a numpy
array or a pandas Series -- or from the columns of a course table passed as
the first argument (``data``). Rates are fractions (0.04 is 4 %).

Engagement (:mod:`smmlab.metrics.engagement`)
    ``engagements(data=None, *, likes, comments, shares, saves, actions=ACTIONS)``
    ``engagement_rate(data=None, *, by="reach"|"impressions"|"followers", aggregate=None,
    engagements, reach, impressions, followers)``
    ``applause_rate(data=None, *, aggregate=None, likes, posts)``
    ``conversation_rate(data=None, *, aggregate=None, comments, posts)``
    ``amplification_rate(data=None, *, by="posts"|"followers", aggregate=None, shares, posts,
    followers)``
    ``virality_rate(data=None, *, by="impressions"|"reach", aggregate=None, shares,
    impressions, reach)``
    ``frequency(data=None, *, aggregate=None, impressions, reach)``
    ``cost_per_engagement(data=None, *, aggregate=None, spend, engagements)``

Audience and community (:mod:`smmlab.metrics.audience`)
    ``follower_growth_rate(data=None, *, followers_start, followers_end | net_new)``
    ``share_of_voice(data=None, *, brand, competitors, aggregate=None)``
    ``net_sentiment(data=None, *, method="net"|"positive_share", aggregate=None, positive,
    neutral, negative)``
    ``net_sentiment_interval(data=None, *, method="net", confidence=0.95, positive, neutral,
    negative)`` -> ``Interval(estimate, low, high, n)``
    ``response_rate(data=None, *, aggregate=None, replied, received)``
    ``median_response_time(data=None, *, received_at, replied_at)`` -> ``pandas.Timedelta``

Paid (:mod:`smmlab.metrics.paid`)
    ``ctr``, ``cpm``, ``cpc``, ``cvr``, ``cpa``, ``roas`` (``data=None, *, aggregate=None``
    and their two figures by name), ``gross_profit(data=None, *, margin, revenue)``,
    ``roi(data=None, *, margin, aggregate=None, revenue, cost | spend, other_costs)`` on
    gross profit, and ``break_even_roas(margin)`` = 1 / margin.

Glossary (:mod:`smmlab.metrics.glossary`)
    ``glossary()``: one row per metric with its formula, the Excel formula, when to use it
    and the common mistake.

Conventions
    - ``aggregate=None``: one value per row; ``"per_post"`` (alias ``"per_row"``): the
      average of the per-row rates, each post weighing the same; ``"total"``: the ratio of
      the totals, where big rows weigh more; ``"median"``: the median of the per-row rates.
    - A typical post's engagement rate is the median of the per-post rates by reach
      (``aggregate=TYPICAL_POST``); the month's engagement rate is their average
      (``aggregate=MONTH_RATE``). Every lesson and the monthly report use these two.
    - A zero denominator gives NaN, quietly: a post nobody saw has no rate.
    - Missing (NaN/None), non-numeric or negative counts raise a ``ValueError`` naming the
      argument or column (and, in a table with a ``platform`` column, the platforms that
      lack it: imported exports leave out columns such as reach on X). To compute on the
      rows that have a metric's inputs, ``kept, left_out = complete_rows(data, columns)``
      and report ``left_out``; ``missing_by_platform(data, columns)`` only counts. A
      table without a needed column raises a ``ValueError`` listing
      the columns needed and those it has.
    - Reach is not additive (a person reached by 3 posts counts 3 times in their summed
      reach). Dividing by summed reach -- ``engagement_rate`` and ``virality_rate`` with
      ``by="reach", aggregate="total"``, ``frequency(aggregate="total")`` -- still returns
      the number (the reach-weighted average of the per-row rates) but warns with
      :class:`ReachNotAdditiveWarning`, saying what the number is.

Examples
--------
>>> from smmlab import datasets, metrics
>>> posts = datasets.load("posts")
>>> rate = metrics.engagement_rate(posts, aggregate="per_post")
>>> 0 < rate < 1
True
"""

from smmlab.metrics._inputs import complete_rows, missing_by_platform
from smmlab.metrics.audience import (
    SENTIMENT_METHODS,
    Interval,
    follower_growth_rate,
    median_response_time,
    net_sentiment,
    net_sentiment_interval,
    response_rate,
    share_of_voice,
)
from smmlab.metrics.engagement import (
    ACTIONS,
    ENGAGEMENT_RATE_BY,
    MONTH_RATE,
    TYPICAL_POST,
    ReachNotAdditiveWarning,
    amplification_rate,
    applause_rate,
    conversation_rate,
    cost_per_engagement,
    engagement_rate,
    engagements,
    frequency,
    virality_rate,
)
from smmlab.metrics.glossary import glossary
from smmlab.metrics.paid import (
    break_even_roas,
    cpa,
    cpc,
    cpm,
    ctr,
    cvr,
    gross_profit,
    roas,
    roi,
)

__all__ = [
    "ACTIONS",
    "ENGAGEMENT_RATE_BY",
    "MONTH_RATE",
    "SENTIMENT_METHODS",
    "TYPICAL_POST",
    "Interval",
    "ReachNotAdditiveWarning",
    "amplification_rate",
    "applause_rate",
    "break_even_roas",
    "conversation_rate",
    "complete_rows",
    "cost_per_engagement",
    "cpa",
    "cpc",
    "cpm",
    "ctr",
    "cvr",
    "engagement_rate",
    "engagements",
    "follower_growth_rate",
    "frequency",
    "glossary",
    "gross_profit",
    "median_response_time",
    "missing_by_platform",
    "net_sentiment",
    "net_sentiment_interval",
    "response_rate",
    "roas",
    "roi",
    "share_of_voice",
    "virality_rate",
]

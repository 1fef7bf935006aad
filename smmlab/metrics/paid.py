"""Paid social metrics: CTR, CPM, CPC, CVR, CPA, ROAS, gross profit, ROI and break-even ROAS.

Every function takes its figures by name (a number, a list, an array or a
Series) or from the columns of a campaigns-like table passed as ``data``
(``spend``, ``impressions``, ``clicks``, ``conversions``, ``revenue``; for
the posts table, ``link_clicks`` stands in for ``clicks``). ``aggregate``
works as in :mod:`smmlab.metrics.engagement`: ``None`` gives one value per
row, ``"per_row"`` (alias ``"per_post"``) the average of the row values,
``"total"`` the ratio of the totals -- which is what ads managers show for a
campaign and what you normally want here. Zero denominators give NaN quietly;
missing or negative figures raise a ValueError naming the argument or column.

**ROI or ROAS?** ROAS is revenue / ad spend, a multiple ("3.2x"). ROI is
profit over cost on *gross profit*: (revenue x gross margin - cost) / cost,
where cost can also include content production, tools and agency fees. At a
50 % margin, ROAS 3.2x on ads alone is ROI 0.6 (60 %), and any ROAS below the
break-even ROAS, 1 / margin (2.0x here), loses money.
Beware the names: Google Meridian and some tools call *incremental* revenue /
spend "ROI", which is a ROAS in this vocabulary. And the revenue an ad
platform reports is *attributed* (it credits the ads with sales that would
partly have happened anyway), not incremental, so platform ROAS overstates
what the ads caused. Always say which one you report.

Examples
--------
>>> roas(revenue=3200, spend=1000)
3.2
>>> round(roi(revenue=3200, spend=1000, margin=0.5), 2)
0.6
>>> break_even_roas(0.5)
2.0
"""

from __future__ import annotations

import pandas as pd

from smmlab._validate import check_number
from smmlab.metrics._inputs import Need, Values, align, as_values, check_aggregate, read
from smmlab.metrics._messages import MESSAGES
from smmlab.metrics._ratios import index_of, rate

_CLICKS = Need("clicks", (("clicks",), ("link_clicks",)))


def _ratio(
    func: str,
    numerator: Need,
    denominator: Need,
    data: object,
    aggregate: object,
    given: dict[str, object],
    scale: float = 1.0,
) -> Values:
    aggregate = check_aggregate(aggregate)
    values = read(func, data, (numerator, denominator), given)
    return rate(values[numerator.key], values[denominator.key], aggregate, func, scale=scale)


def ctr(
    data: pd.DataFrame | None = None,
    *,
    aggregate: str | None = None,
    clicks: object = None,
    impressions: object = None,
) -> Values:
    """Click-through rate (CTR): clicks / impressions.

    In words: out of every time the ad or post was shown, how often someone
    clicked. Platforms count clicks differently: LinkedIn counts only
    chargeable clicks, while Facebook's "CTR (all)" counts every click,
    reactions included; compare like with like.

    Parameters
    ----------
    data : DataFrame, optional
        A table with ``clicks`` (or ``link_clicks``) and ``impressions``.
    aggregate : {None, "per_post", "per_row", "total"}, default None
        One value per row, the average of the row values, or total clicks /
        total impressions.
    clicks, impressions : number, list, array or Series, optional
        Values by name.

    Returns
    -------
    float or Series
        A fraction (0.009 = 0.9 %); NaN where impressions are 0.

    Examples
    --------
    >>> ctr(clicks=90, impressions=10_000)
    0.009
    """
    return _ratio("ctr", _CLICKS, Need("impressions"), data, aggregate,
                  {"clicks": clicks, "impressions": impressions})


def cpm(
    data: pd.DataFrame | None = None,
    *,
    aggregate: str | None = None,
    spend: object = None,
    impressions: object = None,
) -> Values:
    """Cost per mille (CPM): spend / impressions x 1,000.

    In words: what 1,000 showings of the ad cost -- the price of attention
    on a platform. It rises in Q4, when every advertiser bids for the same
    people.

    Parameters
    ----------
    data : DataFrame, optional
        A table with ``spend`` and ``impressions``.
    aggregate : {None, "per_post", "per_row", "total"}, default None
        One value per row, the average of the row values, or total spend /
        total impressions x 1,000.
    spend, impressions : number, list, array or Series, optional
        Values by name.

    Returns
    -------
    float or Series
        Money per 1,000 impressions; NaN where impressions are 0.

    Examples
    --------
    >>> cpm(spend=80.0, impressions=10_000)
    8.0
    """
    return _ratio("cpm", Need("spend"), Need("impressions"), data, aggregate,
                  {"spend": spend, "impressions": impressions}, scale=1000.0)


def cpc(
    data: pd.DataFrame | None = None,
    *,
    aggregate: str | None = None,
    spend: object = None,
    clicks: object = None,
) -> Values:
    """Cost per click (CPC): spend / clicks.

    In words: what each click cost. Cheap clicks are worth little if nobody
    buys: read it next to CVR and CPA.

    Parameters
    ----------
    data : DataFrame, optional
        A table with ``spend`` and ``clicks`` (or ``link_clicks``).
    aggregate : {None, "per_post", "per_row", "total"}, default None
        One value per row, the average of the row values, or total spend /
        total clicks.
    spend, clicks : number, list, array or Series, optional
        Values by name.

    Returns
    -------
    float or Series
        Money per click; NaN where clicks are 0.

    Examples
    --------
    >>> cpc(spend=172.0, clicks=100)
    1.72
    """
    return _ratio("cpc", Need("spend"), _CLICKS, data, aggregate,
                  {"spend": spend, "clicks": clicks})


def cvr(
    data: pd.DataFrame | None = None,
    *,
    aggregate: str | None = None,
    conversions: object = None,
    clicks: object = None,
) -> Values:
    """Conversion rate (CVR): conversions / clicks.

    In words: out of the people who clicked, the fraction who then bought
    (or signed up: whatever the conversion is). Conversions are as the ad
    platform attributes them.

    Parameters
    ----------
    data : DataFrame, optional
        A table with ``conversions`` and ``clicks`` (or ``link_clicks``).
    aggregate : {None, "per_post", "per_row", "total"}, default None
        One value per row, the average of the row values, or total
        conversions / total clicks.
    conversions, clicks : number, list, array or Series, optional
        Values by name.

    Returns
    -------
    float or Series
        A fraction; NaN where clicks are 0.

    Examples
    --------
    >>> cvr(conversions=9, clicks=100)
    0.09
    """
    return _ratio("cvr", Need("conversions"), _CLICKS, data, aggregate,
                  {"conversions": conversions, "clicks": clicks})


def cpa(
    data: pd.DataFrame | None = None,
    *,
    aggregate: str | None = None,
    spend: object = None,
    conversions: object = None,
) -> Values:
    """Cost per acquisition (CPA; CPL when the conversion is a lead): spend / conversions.

    In words: what each sale (or lead) cost in ads. Compare it with what a
    sale earns you: a CPA above the margin of an order loses money.

    Parameters
    ----------
    data : DataFrame, optional
        A table with ``spend`` and ``conversions``.
    aggregate : {None, "per_post", "per_row", "total"}, default None
        One value per row, the average of the row values, or total spend /
        total conversions.
    spend, conversions : number, list, array or Series, optional
        Values by name.

    Returns
    -------
    float or Series
        Money per conversion; NaN where conversions are 0.

    Examples
    --------
    >>> cpa(spend=500.0, conversions=20)
    25.0
    """
    return _ratio("cpa", Need("spend"), Need("conversions"), data, aggregate,
                  {"spend": spend, "conversions": conversions})


def roas(
    data: pd.DataFrame | None = None,
    *,
    aggregate: str | None = None,
    revenue: object = None,
    spend: object = None,
) -> Values:
    """Return on ad spend (ROAS): revenue / ad spend, a multiple ("3.2x").

    In words: how much revenue came back for each unit of money spent on
    ads; 1.0x means the ads paid back their own cost and nothing more.
    With platform data the revenue is *attributed*: the platform credits its
    ads with sales, including some that would have happened anyway, so this
    is not the revenue the ads caused (the *incremental* ROAS, which needs
    an experiment or a marketing mix model). Google Meridian calls
    incremental revenue / spend "ROI": that is a ROAS here. See
    :func:`roi` for the profit form.

    Parameters
    ----------
    data : DataFrame, optional
        A table with ``revenue`` and ``spend``.
    aggregate : {None, "per_post", "per_row", "total"}, default None
        One value per row, the average of the row values, or total revenue /
        total spend (the usual figure for a campaign).
    revenue, spend : number, list, array or Series, optional
        Values by name.

    Returns
    -------
    float or Series
        A unitless multiple (3.2 means 3.2x); NaN where spend is 0.

    Examples
    --------
    >>> roas(revenue=3200.0, spend=1000.0)
    3.2
    >>> campaigns = pd.DataFrame({"spend": [100.0, 300.0], "revenue": [500.0, 300.0]})
    >>> roas(campaigns, aggregate="total")
    2.0
    """
    return _ratio("roas", Need("revenue"), Need("spend"), data, aggregate,
                  {"revenue": revenue, "spend": spend})


def _margin(func: str, margin: object) -> float:
    if margin is None:
        raise ValueError(MESSAGES.text("needs_margin", func=func))
    return check_number("margin", margin, low=0.0, high=1.0)


def gross_profit(
    data: pd.DataFrame | None = None,
    *,
    margin: float | None = None,
    revenue: object = None,
) -> Values:
    """Gross profit: revenue x gross margin.

    In words: what is left of the revenue once the goods sold are paid for
    (their cost, shipping, payment fees). The brand's gross margin is in the
    ``brand`` table (``gross_margin``): with a 55 % margin, 1,000 of sales
    leave 550 to pay for the ads, the team and everything else.

    Parameters
    ----------
    data : DataFrame, optional
        A table with ``revenue``.
    margin : float
        The gross margin, a fraction from 0 to 1 (``brand["gross_margin"]``).
    revenue : number, list, array or Series, optional
        Revenue by name.

    Returns
    -------
    float or Series
        Money, in the revenue's currency; one value per row for a table.

    Raises
    ------
    ValueError
        Without ``margin``, or with a margin outside 0-1.

    Examples
    --------
    >>> gross_profit(revenue=1000.0, margin=0.55)
    550.0
    """
    rate_ = _margin("gross_profit", margin)
    values = read("gross_profit", data, (Need("revenue"),), {"revenue": revenue})
    out = values["revenue"] * rate_
    return out.rename("gross_profit") if isinstance(out, pd.Series) else float(out)


def break_even_roas(margin: float) -> float:
    """Break-even ROAS: the ROAS at which ads pay for themselves, 1 / gross margin.

    In words: each 1 of ad spend must bring back ``1 / margin`` of revenue
    before it earns anything, because only ``margin`` of each sale is left
    after the goods are paid for. At a 55 % margin the break-even ROAS is
    1.82x: a campaign with ROAS 1.5x *loses* money, even though it "returns"
    more revenue than it costs. Compare every ROAS -- average, marginal or
    incremental -- with this line.

    Parameters
    ----------
    margin : float
        The gross margin, a fraction above 0 and up to 1.

    Returns
    -------
    float
        A multiple of ad spend.

    Examples
    --------
    >>> round(break_even_roas(0.55), 2)
    1.82
    """
    value = _margin("break_even_roas", margin)
    if value == 0:
        check_number("margin", margin, low=1e-9, high=1.0)
    return 1.0 / value


def roi(
    data: pd.DataFrame | None = None,
    *,
    margin: float | None = None,
    aggregate: str | None = None,
    revenue: object = None,
    cost: object = None,
    spend: object = None,
    other_costs: object = None,
) -> Values:
    """Return on investment (ROI) on gross profit: (gross profit - cost) / cost.

    In words: the profit for each unit of money put in. Gross profit is
    revenue x gross margin (what is left after the goods sold are paid
    for); cost is everything it took -- ad spend, and, if you add them,
    content production, tools and agency fees. 0 means you got your money
    back, 1.0 (100 %) that you doubled it, -0.5 that you lost half. This is
    the definition a CFO uses. Computed on revenue instead, "ROI" is only
    right at a 100 % margin: a campaign whose revenue is 1.76 times its cost
    "returns 76 %" on revenue, and at a 55 % margin it *loses* about 3 %
    (0.55 x 1.76 = 0.97). With cost = ad spend only, ROI = ROAS x margin - 1,
    so ROI > 0 exactly when ROAS beats :func:`break_even_roas`.

    **The naming trap.** Google Meridian and some tools call incremental
    revenue / spend "ROI": that is a ROAS in this vocabulary (see
    :func:`roas`), and platform revenue is attributed, not incremental.
    When someone quotes an "ROI", ask for the formula.

    Parameters
    ----------
    data : DataFrame, optional
        A table with ``revenue`` and ``cost`` (or ``spend``, used as the
        cost).
    margin : float
        The gross margin, a fraction from 0 to 1: the brand table's
        ``gross_margin``. Required: pass ``margin=1`` only when ``revenue``
        already is gross profit.
    aggregate : {None, "per_post", "per_row", "median", "total"}, default None
        One value per row, the average (or median) of the row values, or
        (total gross profit - total cost) / total cost.
    revenue : number, list, array or Series, optional
        Revenue by name.
    cost, spend : number, list, array or Series, optional
        The cost by name; ``spend`` is an alias (give one of them).
    other_costs : number, list, array or Series, optional
        Costs added to the cost (content, tools, agency). One number is an
        amount for the whole period: it is added once to the total, so it
        needs ``aggregate="total"`` when there are several rows; or give one
        amount per row.

    Returns
    -------
    float or Series
        A fraction (0.2 = 20 % profit on cost); NaN where the cost is 0.

    Raises
    ------
    ValueError
        Without ``margin``, or with a margin outside 0-1; and as the other
        metrics for missing or negative figures.

    Examples
    --------
    >>> round(roi(revenue=1760.0, spend=1000.0, margin=0.55), 3)  # 76 % on revenue, a loss
    -0.032
    >>> campaigns = pd.DataFrame({"spend": [100.0, 300.0], "revenue": [500.0, 300.0]})
    >>> roi(campaigns, margin=0.5, aggregate="total")
    0.0
    >>> roi(campaigns, margin=1.0, aggregate="total", other_costs=400.0)  # revenue is profit
    0.0
    """
    func = "roi"
    rate_ = _margin(func, margin)
    aggregate = check_aggregate(aggregate)
    if cost is not None and spend is not None:
        raise ValueError(MESSAGES.text("one_of", func=func, names="cost, spend",
                                       given="cost, spend"))
    cost_need = Need("cost", (("cost",), ("spend",)))
    values = read(func, data, (Need("revenue"), cost_need),
                  {"revenue": revenue, "cost": spend if cost is None else cost})
    income, outgo = values["revenue"] * rate_, values["cost"]
    if other_costs is not None:
        extra = as_values("other_costs", other_costs)
        index = index_of(income, outgo)
        if isinstance(extra, float) and index is not None:
            if aggregate != "total" and len(index) > 1:
                raise ValueError(MESSAGES.text("other_costs_total", value=other_costs))
            extra = extra / max(len(index), 1)  # spread over the rows: the total adds it once
        lined_up = align({"revenue": income, "cost": outgo, "other_costs": extra})
        outgo = outgo + lined_up["other_costs"]
    return rate(income - outgo, outgo, aggregate, func)


__all__ = ["break_even_roas", "cpa", "cpc", "cpm", "ctr", "cvr", "gross_profit", "roas", "roi"]

"""The metrics glossary: formula, Excel equivalent, when to use it and the usual mistake.

All the texts live in :data:`GLOSSARY`, by language, so a translation adds an
entry without touching the code.

Examples
--------
>>> glossary().columns.tolist()
['metric', 'formula', 'excel', 'when_to_use', 'common_mistake']
"""

from __future__ import annotations

import pandas as pd

from smmlab._messages import DEFAULT_LANGUAGE, current_language

#: The glossary's columns.
COLUMNS: tuple[str, ...] = ("metric", "formula", "excel", "when_to_use", "common_mistake")

_ER = "(posts[likes]+posts[comments]+posts[shares]+posts[saves])"
_PAID_ENG = "+".join(f"SUMIFS(posts[{a}],posts[is_paid],TRUE)"
                     for a in ("likes", "comments", "shares", "saves"))
_SENT_TOTAL = "(SUM(mentions[positive])+SUM(mentions[neutral])+SUM(mentions[negative]))"

#: ``{language: {metric: (formula, excel, when_to_use, common_mistake)}}``; ``metric`` is the
#: function, with its option when the row is one variant of it.
GLOSSARY: dict[str, dict[str, tuple[str, str, str, str]]] = {
    "en": {
        "engagements": (
            "likes + comments + shares + saves",
            "=SUM(posts[likes])+SUM(posts[comments])+SUM(posts[shares])+SUM(posts[saves])",
            "The volume of interaction, and the top of every engagement rate.",
            "Comparing with a tool that also counts clicks or video views (Hootsuite: it "
            "'sometimes include[s] clicks'): check which actions are added up.",
        ),
        'engagement_rate(by="reach")': (
            "the month's engagement rate: engagements / reach of each post, averaged over the "
            "posts (aggregate='per_post'; MONTH_RATE)",
            f"=AVERAGE({_ER}/posts[reach])",
            "Judging content: how interesting posts were to the people who saw them "
            "(Hootsuite's ERR). The course's rate for a month, each post counting the same.",
            "Dividing total engagements by total reach: reach is not additive (a person "
            "reached by 3 posts counts 3 times) and one viral post outweighs all the others.",
        ),
        'engagement_rate(by="reach", aggregate="median")': (
            "a typical post's engagement rate: the median of the per-post rates by reach "
            "(aggregate='median'; TYPICAL_POST)",
            f"=MEDIAN({_ER}/posts[reach])",
            "What a typical post does: half the posts did better, half worse. One viral post "
            "does not move it, so it is the yardstick for 'above or below our usual'.",
            "Calling the average 'typical': a viral post pulls the average up, and most posts "
            "then sit below it.",
        ),
        'engagement_rate(by="impressions")': (
            "total engagements / total impressions (aggregate='total')",
            f"=SUM({_ER})/SUM(posts[impressions])",
            "Paid posts, and comparisons with Buffer's benchmarks. Impressions add up, "
            "so the ratio of totals is safe.",
            "Comparing it with a rate by reach or by followers: for the same post it is "
            "lower than the rate by reach.",
        ),
        'engagement_rate(by="followers")': (
            "engagements of each post / followers when it was published, averaged over the "
            "posts",
            f"=AVERAGE({_ER}/posts[followers_at_post])",
            "Comparing with Rival IQ benchmarks, or with accounts of other sizes.",
            "Reading a drop as weaker content: it also falls when reach falls, and when "
            "followers who never look (bought ones) arrive.",
        ),
        "applause_rate": (
            "likes / posts",
            "=SUM(posts[likes])/ROWS(posts[post_id])",
            "How much approval a typical post earns (Avinash Kaushik's framework).",
            "Comparing total likes of months with different numbers of posts: divide by the "
            "posts first.",
        ),
        "conversation_rate": (
            "comments / posts",
            "=SUM(posts[comments])/ROWS(posts[post_id])",
            "How much people talk back; the comments are also a to-do list of replies.",
            "Counting the brand's own replies as comments from the audience.",
        ),
        'amplification_rate(by="posts")': (
            "shares / posts",
            "=SUM(posts[shares])/ROWS(posts[post_id])",
            "How often the audience passes your content on to theirs (Kaushik).",
            "Mixing it up with the per-follower variant: say which one you report.",
        ),
        'amplification_rate(by="followers")': (
            "shares of each post / followers, averaged over the posts",
            "=AVERAGE(posts[shares]/posts[followers_at_post])",
            "Comparing amplification between accounts of different sizes (Hootsuite, HSMAI).",
            "Dividing old posts by today's followers: use the followers when it was published.",
        ),
        "virality_rate": (
            "total shares / total impressions (some tools divide by reach: declare it)",
            "=SUM(posts[shares])/SUM(posts[impressions])",
            "Spotting posts that spread beyond your audience: compare a post with the "
            "account's usual rate.",
            "Comparing with a figure divided by reach without saying so.",
        ),
        "frequency": (
            "impressions / reach of each row, averaged over the rows (the frequency of a "
            "whole period needs the deduplicated reach of that period)",
            "=AVERAGE(campaigns[impressions]/campaigns[reach])",
            "Ad fatigue: when it climbs, the same people see the ad again and again.",
            "Dividing total impressions by reach added up over days or ad sets: reach is not "
            "additive, so the frequency comes out too low.",
        ),
        "cost_per_engagement": (
            "total spend / total engagements of the paid posts",
            f"=SUM(posts[spend])/({_PAID_ENG})",
            "Comparing boosted posts and engagement campaigns.",
            "Including organic posts: their engagements cost nothing, so the cost per "
            "engagement looks cheaper than it is.",
        ),
        "follower_growth_rate": (
            "(followers at the end - followers at the start) / followers at the start",
            "=(INDEX(account_daily[followers],ROWS(account_daily[followers]))"
            "-INDEX(account_daily[followers],1))/INDEX(account_daily[followers],1)",
            "Audience growth month by month, per platform (filter one platform, sort by date).",
            "Celebrating a jump without checking reach and engagement: bought followers "
            "inflate it, then drag the engagement rate by followers down.",
        ),
        "share_of_voice": (
            "your mentions / (your mentions + competitors' mentions); also on engagements "
            "or ad spend",
            "=SUM(voice[us])/(SUM(voice[us])+SUM(voice[rival_a])+SUM(voice[rival_b]))",
            "How much of the conversation in your market is about you.",
            "Reading a jump as good news: a crisis raises share of voice too. Read it with "
            "sentiment.",
        ),
        'net_sentiment(method="net")': (
            "(positive - negative) / all mentions, neutral included; from -1 to +1",
            f"=(SUM(mentions[positive])-SUM(mentions[negative]))/{_SENT_TOTAL}",
            "The overall tone of the mentions over a period.",
            "Trusting the tool's labels blindly: keyword tools miss irony and negation. Read "
            "a sample of mentions.",
        ),
        'net_sentiment(method="positive_share")': (
            "positive / (positive + negative), neutral left out; from 0 to 1",
            "=SUM(mentions[positive])/(SUM(mentions[positive])+SUM(mentions[negative]))",
            "The balance of opinions when most mentions are neutral.",
            "Comparing it with net sentiment: leaving the neutral ones out makes it look "
            "more extreme.",
        ),
        "net_sentiment_interval": (
            "net sentiment +/- 1.96 x sqrt((p+ + p- - (p+ - p-)^2) / n), with p+ and p- the "
            "shares of positive and negative mentions out of n (95 %; the Excel formula "
            "gives the low end, change the last - to + for the high end)",
            "=LET(p,SUM(mentions[positive]),m,SUM(mentions[negative]),"
            "n,p+m+SUM(mentions[neutral]),e,(p-m)/n,e-1.96*SQRT(((p+m)/n-e^2)/n))",
            "Before calling a change in sentiment real: if the ranges of two weeks overlap "
            "widely, the change may be chance.",
            "Taking the range as exact: bursts, threads and bots make the real uncertainty "
            "larger.",
        ),
        "response_rate": (
            "messages replied to / messages received",
            "=COUNT(inbox[replied_at])/ROWS(inbox[received_at])",
            "Community management: did everyone who wrote get an answer?",
            "Leaving the messages not answered yet out of the messages received.",
        ),
        "median_response_time": (
            "the middle value of (replied at - received at) over the answered messages",
            '=MEDIAN(IF(inbox[replied_at]<>"",inbox[replied_at]-inbox[received_at]))*24',
            "How long people wait for an answer (in hours); report it with the response rate.",
            "Using the average: one message answered after a weekend drags it far from what "
            "most people experienced.",
        ),
        "ctr": (
            "clicks / impressions",
            "=SUM(campaigns[clicks])/SUM(campaigns[impressions])",
            "How well an ad or post earns clicks from the people who see it.",
            "Comparing Facebook's 'CTR (all)', which counts every click, with link CTR or "
            "with LinkedIn's chargeable clicks.",
        ),
        "cpm": (
            "spend / impressions x 1,000",
            "=SUM(campaigns[spend])/SUM(campaigns[impressions])*1000",
            "The price of attention: compare platforms, audiences and seasons.",
            "Forgetting the x 1,000, or comparing a Q4 CPM with a summer one.",
        ),
        "cpc": (
            "spend / clicks",
            "=SUM(campaigns[spend])/SUM(campaigns[clicks])",
            "What traffic to your site costs.",
            "Chasing cheap clicks that never convert: read it with CVR and CPA.",
        ),
        "cvr": (
            "conversions / clicks",
            "=SUM(campaigns[conversions])/SUM(campaigns[clicks])",
            "How well the landing page and the offer turn clicks into sales.",
            "Dividing by impressions instead of clicks, or comparing figures with "
            "different attribution windows.",
        ),
        "cpa": (
            "spend / conversions (CPL when the conversion is a lead)",
            "=SUM(campaigns[spend])/SUM(campaigns[conversions])",
            "What a sale or a lead costs; compare it with what an order earns.",
            "Treating every conversion the platform attributes as caused by the ads.",
        ),
        "roas": (
            "revenue / ad spend, a multiple ('3.2x')",
            "=SUM(campaigns[revenue])/SUM(campaigns[spend])",
            "A quick check of what campaigns bring back on ad spend alone.",
            "Taking platform ROAS (attributed) for what the ads caused (incremental), or "
            "calling it ROI: Google Meridian's 'ROI' is incremental revenue / spend, a ROAS.",
        ),
        "gross_profit": (
            "revenue x gross margin (the brand table's gross_margin)",
            "=SUM(campaigns[revenue])*GrossMargin",
            "What is left of sales once the goods are paid for: the money that pays for ads, "
            "people and profit.",
            "Treating revenue as profit: at a 55 % margin, 1,000 of sales leave 550.",
        ),
        "break_even_roas": (
            "1 / gross margin",
            "=1/GrossMargin",
            "The line every ROAS must beat before the ads earn anything (1.82x at a 55 % "
            "margin). Compare average, marginal and incremental ROAS with it.",
            "Reading any ROAS above 1x as profitable: below 1 / margin the ads lose money.",
        ),
        "roi": (
            "(gross profit - cost) / cost, on gross profit = revenue x gross margin; cost = ad "
            "spend + content, tools and agency fees",
            "=(SUM(campaigns[revenue])*GrossMargin-SUM(campaigns[spend])-OtherCosts)"
            "/(SUM(campaigns[spend])+OtherCosts)",
            "Whether social media pays for everything it costs, not just the ads: the "
            "definition a CFO uses.",
            "Computing it on revenue: (revenue - cost) / cost is only right at a 100 % margin "
            "(a '76 %' return on revenue is a loss at a 55 % margin). Also mixing it up with "
            "ROAS (ROI = ROAS x margin - 1 when the cost is ad spend only), or leaving out the "
            "costs of content, tools and people.",
        ),
    }
}


def glossary() -> pd.DataFrame:
    """Return the metrics glossary: one row per metric of :mod:`smmlab.metrics`.

    ``metric`` is the function that computes it (with the option, such as
    ``by="followers"``, when a row is one variant). ``formula`` says it in
    words. ``excel`` is the same figure for a whole table in **one cell**,
    written with structured references to an Excel Table named like the
    course dataset -- ``posts``, ``account_daily``, ``mentions``,
    ``campaigns`` -- so ``posts[likes]`` is the likes column (Insert >
    Table, then Table Design > Table Name). Two more tables appear: ``inbox``
    (one row per message: ``received_at``, ``replied_at``) and ``voice``
    (mentions per day: ``us``, ``rival_a``, ``rival_b``); ``OtherCosts`` and
    ``GrossMargin`` (the brand's ``gross_margin``) are named cells. Formulas
    averaging per-post rates divide whole columns (Excel 365; in older
    versions confirm with Ctrl+Shift+Enter). Function names are the English
    ones: Italian Excel uses SOMMA, MEDIA, MEDIANA, RIGHE, CONTA.NUMERI, and
    ``;`` between arguments.

    Returns
    -------
    pandas.DataFrame
        Columns ``metric``, ``formula``, ``excel``, ``when_to_use`` and
        ``common_mistake``, in the current language (English for entries not
        translated yet).

    Examples
    --------
    >>> table = glossary().set_index("metric")
    >>> table.loc["roas", "formula"]
    "revenue / ad spend, a multiple ('3.2x')"
    >>> table.loc["cpm", "excel"]
    '=SUM(campaigns[spend])/SUM(campaigns[impressions])*1000'
    """
    english = GLOSSARY[DEFAULT_LANGUAGE]
    local = GLOSSARY.get(current_language(), {})
    rows = [(metric, *local.get(metric, texts)) for metric, texts in english.items()]
    return pd.DataFrame(rows, columns=list(COLUMNS))


__all__ = ["GLOSSARY", "glossary"]

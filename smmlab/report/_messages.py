"""Every learner-facing string of :mod:`smmlab.report`: KPI names, notes, findings, headings.

Templates use :meth:`str.format` fields; a translation replaces the text and may reorder
the fields. Numbers reach the templates already formatted (``fmt.*`` templates), except
where a template formats them itself.
"""

from __future__ import annotations

from smmlab._messages import Catalog

MESSAGES = Catalog(
    {
        "en": {
            # --- months, numbers and small words -----------------------------------------------
            "month.1": "January",
            "month.2": "February",
            "month.3": "March",
            "month.4": "April",
            "month.5": "May",
            "month.6": "June",
            "month.7": "July",
            "month.8": "August",
            "month.9": "September",
            "month.10": "October",
            "month.11": "November",
            "month.12": "December",
            "month_label": "{name} {year}",
            "fmt.count": "{value:,.0f}",
            "fmt.pct": "{value:.{digits}f} %",
            "fmt.signed_pct": "{value:+.{digits}f} %",
            "fmt.points": "{value:+.1f} points",
            "fmt.money": "{value:,.2f} {currency}",
            "fmt.money_round": "{value:,.0f} {currency}",
            "fmt.multiple": "{value:.2f}x",
            "fmt.na": "–",
            "fmt.datetime": "{d.day} {d:%b %H:%M}",
            "list_sep": ", ",
            "list_last": " and ",
            # --- KPI names (rows of the KPI table) ---------------------------------------------
            "kpi.posts": "Posts published",
            "kpi.impressions": "Impressions (posts)",
            "kpi.reach": "Post reach, summed",
            "kpi.engagements": "Engagements",
            "kpi.engagement_rate": "Engagement rate by reach",
            "kpi.follower_growth": "Follower growth rate",
            "kpi.ad_spend": "Ad spend",
            "kpi.paid_ctr": "Paid CTR",
            "kpi.cpc": "CPC (cost per click)",
            "kpi.cpa": "CPA (cost per conversion)",
            "kpi.roas": "Attributed ROAS",
            "kpi.break_even_roas": "Break-even ROAS",
            "kpi.roi": "ROI on gross profit",
            "kpi.mentions": "Mentions",
            "kpi.net_sentiment": "Net sentiment",
            # --- how each KPI is counted (the notes of the KPI table) --------------------------
            "note.posts": "Posts published in the month on every platform (posts table).",
            "note.impressions": (
                "Times the month's posts were shown, added up over posts (posts table). "
                "Impressions add up: one account seeing a post twice counts twice, by design."
            ),
            "note.reach": (
                "Reach of each post, added up over the month's posts. Reach counts unique "
                "accounts per post, so someone who saw 3 posts counts 3 times: this is "
                "'post reaches', not unique people. The platforms' unique daily account reach "
                "is in the account_daily table and the reach chart."
            ),
            "note.engagements": (
                "Likes + comments + shares + saves on the month's posts (clicks and video "
                "views are not counted)."
            ),
            "note.engagement_rate": (
                "The average of the posts' own engagement rates (engagements / reach of each "
                "post, the Posts sheet): each post counts once, whatever its reach. It is not "
                "engagements / summed reach (that weights the month by its few big posts). "
                "A typical post is the median of the same rates."
            ),
            "note.follower_growth": (
                "(Followers at the end of the month - followers at the end of the month "
                "before) / followers at the end of the month before, all platforms together "
                "(account_daily table). For the first month of the data the start is its "
                "first day."
            ),
            "note.ad_spend": (
                "Money spent by the ad sets (campaigns table). Boosted posts ({boosted} in "
                "the posts table this month) are not included. No default target: spending "
                "more is not a result. Give a budget as target and it is met when spend stays "
                "at or below it."
            ),
            "note.paid_ctr": "Ad clicks / paid impressions, all ad sets together.",
            "note.cpc": "Ad spend / ad clicks. Lower is better.",
            "note.cpa": (
                "Ad spend / conversions the ad platforms attribute to the ads. Lower is better."
            ),
            "note.roas": (
                "Attributed revenue / ad spend. The revenue is what the ad platforms credit "
                "their ads with, including sales that would have happened anyway, so it "
                "overstates what the ads caused. Compare it with the break-even ROAS below."
            ),
            "note.break_even_roas": (
                "1 / gross margin ({margin}): the ROAS at which the ads only pay for "
                "themselves. Below it the ads lose money even though they 'return' more "
                "revenue than they cost. A threshold, not a result: no target."
            ),
            "note.roi": (
                "(Attributed revenue x gross margin - ad spend) / ad spend: the profit on each "
                "1 spent, as a CFO computes it. Positive only when ROAS beats break-even. "
                "Attributed revenue overstates what the ads caused, so this ROI does too."
            ),
            "note.mentions": (
                "Posts and comments naming the brand (mentions table). Read it with net "
                "sentiment: a crisis raises mentions too, so there is no default target."
            ),
            "note.net_sentiment": (
                "(Positive - negative mentions) / all mentions, from -100 % to +100 %, "
                "labels from the listening tool."
            ),
            "note.targets": (
                "Targets: the values you gave, else the previous month + 5 % for KPIs where "
                "higher is better and - 5 % for costs (CPC, CPA); ad spend and mentions have "
                "no default target. Change is relative to the previous month, except for "
                "rates, shares and ROI: their change is in percentage points (4.9 % -> 5.6 % "
                "is +0.7 points)."
            ),
            # --- the counts behind the rates ---------------------------------------------------
            "count.paid_impressions": "Paid impressions",
            "count.clicks": "Ad clicks",
            "count.conversions": "Attributed conversions",
            "count.revenue": "Attributed revenue",
            "count.gross_margin": "Gross margin (brand table; the cell named GrossMargin)",
            "count.followers_start": "Followers at start",
            "count.followers_end": "Followers at end",
            "count.positive": "Positive mentions",
            "count.neutral": "Neutral mentions",
            "count.negative": "Negative mentions",
            # --- verdicts ----------------------------------------------------------------------
            "vs.met": "met",
            "vs.missed": "missed",
            "vs.none": "no target",
            # --- columns -----------------------------------------------------------------------
            "col.kpi": "KPI",
            "col.count": "Count",
            "col.this_month": "This month",
            "col.previous_month": "Previous month",
            "col.change": "Change",
            "col.target": "Target",
            "col.vs_target": "vs target",
            "col.note": "How it is counted",
            "col.source": "Source",
            "col.post_id": "Post",
            "col.platform": "Platform",
            "col.published_at": "Published (local time)",
            "col.format": "Format",
            "col.content_pillar": "Content pillar",
            "col.is_paid": "Boosted",
            "col.posts": "Posts",
            "col.impressions": "Impressions",
            "col.reach": "Reach",
            "col.engagements": "Engagements",
            "col.engagement_rate": "Engagement rate by reach",
            "col.followers_start": "Followers at start",
            "col.followers_end": "Followers at end",
            "col.follower_growth": "Follower growth",
            "col.ad_spend": "Ad spend",
            "col.paid_impressions": "Paid impressions",
            "col.clicks": "Ad clicks",
            "col.conversions": "Conversions",
            "col.revenue": "Attributed revenue",
            "col.paid_ctr": "Paid CTR",
            "col.cpc": "CPC",
            "col.cpa": "CPA",
            "col.roas": "Attributed ROAS",
            "col.ctr": "CTR",
            "col.start": "From",
            "col.end": "To",
            "col.label": "What it looks like",
            "col.reason": "Why",
            "yes": "yes",
            "no": "no",
            # --- findings: exactly three sentences ---------------------------------------------
            "dir.up": "rose",
            "dir.down": "fell",
            "dir.flat": "held steady",
            "finding.engagement": (
                "Engagement rate by reach {direction} from {previous} in {previous_month} to "
                "{current} in {month}; the strongest content was {platform} {format} posts at "
                "{segment_rate} over {segment_posts} posts."
            ),
            "finding.engagement_first": (
                "Engagement rate by reach was {current} in {month}; the strongest content was "
                "{platform} {format} posts at {segment_rate} over {segment_posts} posts."
            ),
            "finding.engagement_flat": (
                "Engagement rate by reach held steady at {current} in {month} ({previous} in "
                "{previous_month}); the strongest content was {platform} {format} posts at "
                "{segment_rate} over {segment_posts} posts."
            ),
            "finding.engagement_no_segment": (
                "Engagement rate by reach was {current} in {month} ({previous} in "
                "{previous_month}), from {engagements} engagements on {posts} posts."
            ),
            "finding.audience": (
                "The {posts} posts of {month} reached {reach} accounts counted post by post "
                "({reach_change} on {previous_month}), and followers {growth_verb} by {growth} "
                "to {followers}, fastest on {platform} ({platform_growth})."
            ),
            "finding.audience_first": (
                "The {posts} posts of {month} reached {reach} accounts counted post by post, "
                "and followers {growth_verb} by {growth} to {followers}, fastest on {platform} "
                "({platform_growth})."
            ),
            "grow.up": "grew",
            "grow.down": "shrank",
            "finding.paid": (
                "Ads cost {spend} for {clicks} clicks and {conversions} attributed "
                "conversions, a CPA of {cpa} ({cpa_change} on {previous_month}) and an "
                "attributed ROAS of {roas} against a break-even ROAS of {break_even}: an ROI "
                "on gross profit of {roi}."
            ),
            "finding.paid_first": (
                "Ads cost {spend} for {clicks} clicks and {conversions} attributed "
                "conversions, a CPA of {cpa} and an attributed ROAS of {roas} against a "
                "break-even ROAS of {break_even}: an ROI on gross profit of {roi}."
            ),
            "finding.paid_none": (
                "No ads ran in {month} (0 {currency} of ad spend), so every result of the "
                "month is organic."
            ),
            # --- conclusion-style headlines (slide titles, figure captions) --------------------
            "headline.kpis": "{met} of {n} KPIs with a target met it in {month}",
            "headline.kpis_none": "KPIs of {month}: no targets to compare with",
            "headline.kpi_chart": "{met} of {n} KPIs met their target; furthest off: {worst}",
            "headline.worst": "{name}, at {value} against a target of {target}",
            "headline.reach": (
                "{platform} reached the most accounts: {value} a day on average in {month}"
            ),
            "headline.mentions_one": (
                "{n} alert in {month}'s mentions: {labels}; busiest hour {peak} ({value} "
                "mentions)"
            ),
            "headline.mentions_other": (
                "{n} alerts in {month}'s mentions: {labels}; busiest hour {peak} ({value} "
                "mentions)"
            ),
            "headline.mentions_none": (
                "No alert in {month}'s mentions; busiest hour {peak} ({value} mentions)"
            ),
            "headline.funnel": (
                "{impressions} paid impressions became {clicks} clicks and {conversions} "
                "attributed conversions ({cvr} of clicks)"
            ),
            "headline.funnel_none": "No ads ran in {month}",
            "headline.top_posts": "Best post: {platform} {format} of {date}, {rate} of its reach",
            "headline.top_posts_none": "No post reached {min_reach} accounts in {month}",
            # --- chart titles, labels and alt text -----------------------------------------------
            "chart.kpi_title_up": "Higher is better: result as % of target",
            "chart.kpi_title_down": "Costs, lower is better: result as % of target",
            "chart.kpi_xlabel": "Result as % of target (100 = on target)",
            "chart.kpi_alt": "KPIs of {month} against their targets. {parts}",
            "chart.kpi_empty": "No KPI has a target this month (there is no previous month).",
            "chart.reach_title": "Account reach per day by platform, {month}",
            "chart.reach_ylabel": "Reach per day (accounts)",
            "chart.mentions_title_one": "Mentions per hour, {month}, {n} alert shaded",
            "chart.mentions_title_other": "Mentions per hour, {month}, {n} alerts shaded",
            "chart.mentions_title_none": "Mentions per hour, {month}: no alert",
            "chart.funnel_title": "Paid funnel, {month}: impressions to conversions",
            "chart.funnel_impressions": "Paid impressions",
            "chart.funnel_clicks": "Clicks",
            "chart.funnel_conversions": "Conversions",
            "chart.funnel_empty_alt": "No ads ran in {month}: the funnel is empty.",
            # --- HTML page ---------------------------------------------------------------------
            "html.title": "{brand}: social media report, {month}",
            "industry_unknown": "Industry not given",
            "html.subtitle": (
                "{industry} · money in {currency} · times in {timezone} · compared with "
                "{previous_month}"
            ),
            "html.subtitle_first": (
                "{industry} · money in {currency} · times in {timezone} · first month of the "
                "data, nothing to compare with"
            ),
            "html.findings": "Three things to know",
            "html.kpis": "Key figures",
            "html.kpis_caption": "KPIs of {month} against {previous_month} and the targets",
            "html.notes": "How each figure is counted",
            "html.charts": "Charts",
            "html.top_posts": "Best posts",
            "html.top_caption": (
                "The {n} posts with the highest engagement rate by reach in {month} (posts "
                "that reached at least {min_reach} accounts)"
            ),
            "html.bottom_posts": "Weakest posts",
            "html.bottom_caption": (
                "The {n} posts with the lowest engagement rate by reach in {month} (posts "
                "that reached at least {min_reach} accounts)"
            ),
            "html.by_platform": "By platform",
            "html.platform_caption": "Results of {month} by platform",
            "html.alerts": "Alerts in the mentions",
            "html.alerts_caption": "Unusual runs of mentions found by smmlab.detect in {month}",
            "html.no_alerts": "No unusual run of mentions in {month}.",
            # --- what the data lacks (imported exports) ----------------------------------------
            "html.gaps": "What the data lacks",
            "gaps.intro": (
                "Some figures leave out rows whose export lacks a column they need. Nothing is "
                "filled in: a missing count is not 0."
            ),
            "gap.rows": "{what}: {parts} left out.",
            "gap.platform_all": "{platform} ({rows} {unit}; its export has no {columns})",
            "gap.platform_some": "{platform} ({rows} of {of} {unit} without {columns})",
            "gap.unit.posts": "posts",
            "gap.unit.daily": "days",
            "gap.boosted_spend": "Spend on boosted posts",
            "gap.daily_reach": "Daily account reach (chart)",
            "gap.no_posts": (
                "Posts: the data has no posts (no post export was imported), so the post "
                "KPIs, the best and weakest posts and the platform results are empty."
            ),
            "gap.no_daily": (
                "Followers and daily reach: the data has no account_daily rows (no daily "
                "account export was imported), so follower growth and the reach chart are "
                "missing."
            ),
            "gap.no_campaigns": (
                "Ads: the data has no campaigns (no ads export was imported), so ad spend, CTR, "
                "CPC, CPA, ROAS and ROI are empty."
            ),
            "gap.no_mentions": (
                "Mentions: the data has no mentions (no listening-tool export was imported), "
                "so mentions, sentiment and alerts are empty: this is not a quiet month."
            ),
            "gap.no_channel": (
                "Paid results by platform: {rows} ad rows of {month} have no channel (the ads "
                "export does not name the platform), so they count in the ad KPIs but in no "
                "platform's row."
            ),
            "gap.no_margin": (
                "ROI and break-even ROAS: the data has no gross margin (brand.csv, "
                "gross_margin), so they are empty; give it there to compute them."
            ),
            "gap.alert_types": (
                "Alerts: each is labelled from the mentions alone. Real data has no planted "
                "events (no answer key), so whether a label is right cannot be scored here: "
                "read the mentions of each alert."
            ),
            "finding.paid_no_export": (
                "The data has no ads ({month}): no ads export was imported, so paid results "
                "are not known (not 0)."
            ),
            "finding.audience_no_followers": (
                "The {posts} posts of {month} reached {reach} accounts counted post by post; "
                "the data has no follower counts for {month}, so follower growth is not known."
            ),
            "headline.funnel_no_export": "No ads export in the data: the paid funnel is unknown",
            "html.footer": (
                "Made with smmlab {version} from the course data of {brand}. Engagements are "
                "likes + comments + shares + saves; revenue and conversions are as attributed "
                "by the ad platforms."
            ),
            # --- slides ------------------------------------------------------------------------
            "slides.subtitle": "Monthly social media report",
            "slides.findings": "Three things to know",
            "slides.kpis_note": "Change is against {previous_month}; ✓ met, ✗ missed.",
            # --- xlsx workbook -----------------------------------------------------------------
            "sheet.readme": "Read me",
            "sheet.kpis": "KPIs",
            "sheet.top_posts": "Top posts",
            "sheet.bottom_posts": "Bottom posts",
            "sheet.by_platform": "By platform",
            "sheet.posts": "Posts",
            "sheet.campaigns": "Campaigns",
            "xlsx.counts_title": "The counts behind the rates",
            "xlsx.source_campaigns": "sum of the Campaigns sheet",
            "xlsx.source_account": "account_daily table, all platforms",
            "xlsx.source_mentions": "mentions table",
            "xlsx.source_brand": "brand table (gross_margin); named GrossMargin",
            "xlsx.readme_title": "{brand}: social media report, {month}",
            "xlsx.readme_intro": (
                "This workbook holds the figures of the report. Every rate is a live Excel "
                "formula that divides the count cells: change a count, and the rates update. "
                "Click a rate cell and read its formula in the formula bar."
            ),
            "xlsx.readme_sheets": "The sheets",
            "xlsx.readme_sheet.kpis": (
                "KPIs: this month, the previous month, the change, the target and whether it "
                "was met. Below the KPIs, the counts the rates are computed from."
            ),
            "xlsx.readme_sheet.top_posts": (
                "Top posts and Bottom posts: the posts with the highest and lowest "
                "engagement rate by reach, among posts that reached at least {min_reach} "
                "accounts (a post seen by 3 people is not the 'best post')."
            ),
            "xlsx.readme_sheet.by_platform": "By platform: the month's results per platform.",
            "xlsx.readme_sheet.raw": (
                "Posts and Campaigns: every post and every ad set day of the month, the raw "
                "data; the KPI counts are SUM formulas over these sheets. Sort and filter them "
                "with the arrows in the header row."
            ),
            "xlsx.readme_formulas": "The formulas",
            "xlsx.readme_formula": "{name}: {formula} (first cell: {cell} {excel})",
            "xlsx.readme_caveats": "Read before you quote a number",
            "xlsx.readme_caveat.reach": (
                "Post reach is added up over posts, so a person who saw three posts counts "
                "three times. The engagement rate by reach of the month is the average of the "
                "posts' own rates (each post once), not engagements / summed reach."
            ),
            "xlsx.readme_caveat.roas": (
                "Conversions and revenue are what the ad platforms attribute to their ads, "
                "which is more than the ads really caused. ROI is on gross profit: change the "
                "cell named GrossMargin and ROI and break-even ROAS follow."
            ),
            "xlsx.readme_caveat.locale": (
                "Excel in Italian or French shows the functions in your language (SOMMA, "
                "SE.ERRORE, ...) and ';' between arguments; the file stores them in English "
                "and Excel translates them when it opens the file."
            ),
            "xlsx.readme_caveat.errors": (
                "A rate is left blank where its denominator is 0 (IFERROR): a post nobody saw "
                "has no engagement rate."
            ),
            "xlsx.readme_made": "Made with smmlab {version}. {targets}",
            "formula.engagements": "likes + comments + shares + saves",
            "formula.engagement_rate": (
                "the average of the posts' engagement rates (engagements / reach, post by post)"
            ),
            "formula.follower_growth": (
                "(followers at end - followers at start) / followers at start"
            ),
            "formula.paid_ctr": "clicks / paid impressions",
            "formula.cpc": "ad spend / clicks",
            "formula.cpa": "ad spend / conversions",
            "formula.roas": "attributed revenue / ad spend",
            "formula.break_even_roas": "1 / gross margin",
            "formula.roi": "(attributed revenue x gross margin - ad spend) / ad spend",
            "formula.net_sentiment": "(positive - negative) / (positive + neutral + negative)",
            "formula.change": (
                "(this month - previous month) / |previous month|; for rates, shares and ROI "
                "in percentage points: (this month - previous month) x 100"
            ),
            # --- errors ------------------------------------------------------------------------
            "err.gap_unit": "unit must be one of 'posts', 'daily'; got {value!r}.",
            "err.month": (
                "month must be a month of the data, from {first} to {last}, written like "
                "'{last}'; got {value!r}."
            ),
            "err.no_months": "The data in {folder} has no posts, so it has no month to report on.",
            "err.targets": (
                "targets must map KPI names to numbers, such as {{'engagement_rate': 0.04}}; "
                "the KPI names are {allowed}; got {value!r}."
            ),
            "err.target_value": (
                "The target of {kpi!r} must be a finite number (or None for no target); got "
                "{value!r}."
            ),
            "err.min_reach": (
                "min_reach must be a whole number of accounts, 1 or more; got {value!r}."
            ),
            "err.n_posts": "n_posts must be a whole number, 1 or more; got {value!r}.",
            "err.format": (
                "Cannot tell the report format from {path!r}: the file name must end with "
                "{allowed}."
            ),
            "err.exists": (
                "{path} already exists. Choose another file name, or pass overwrite=True "
                "(`--force` on the command line) to replace it."
            ),
            "err.report": (
                "{param} must be a MonthlyReport (from monthly_report()) or a month such as "
                "'2025-10'; got {value!r}."
            ),
            "err.folder": "The folder {folder} does not exist; create it first.",
        }
    }
)

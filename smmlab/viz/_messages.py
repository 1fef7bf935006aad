"""Every learner-facing string of :mod:`smmlab.viz`: titles, labels, alt text and errors.

Templates use :meth:`str.format` fields; a translation replaces the text and may reorder
the fields. Dates are written through the ``date`` and ``datetime`` templates, numbers
are formatted before they reach a template (except percentages, see ``pct``).
"""

from __future__ import annotations

from smmlab._messages import Catalog

MESSAGES = Catalog(
    {
        "en": {
            # --- dates, numbers and small words -------------------------------------------
            "date": "{d.day} {d:%b %Y}",
            "datetime": "{d.day} {d:%b %Y} at {d:%H:%M}",
            "pct": "{value:.{digits}f} %",
            "list_sep": ", ",
            "na": "n/a",
            "series_kind": "a Series of {dtype} indexed by {index}",
            "and": " and ",
            "step.hour": "hour",
            "step.day": "day",
            "step.week": "week",
            "step.month": "month",
            "every.hour": "hourly",
            "every.day": "daily",
            "every.week": "weekly",
            "every.month": "monthly",
            "every.other": "",
            "weekday.0": "Monday",
            "weekday.1": "Tuesday",
            "weekday.2": "Wednesday",
            "weekday.3": "Thursday",
            "weekday.4": "Friday",
            "weekday.5": "Saturday",
            "weekday.6": "Sunday",
            "weekday_short.0": "Mon",
            "weekday_short.1": "Tue",
            "weekday_short.2": "Wed",
            "weekday_short.3": "Thu",
            "weekday_short.4": "Fri",
            "weekday_short.5": "Sat",
            "weekday_short.6": "Sun",
            "agg.median": "median",
            "agg.mean": "average",
            "agg.sum": "total",
            "agg.max": "highest",
            "event.crisis": "crisis",
            "event.viral_post": "viral post",
            "event.bot_burst": "bot burst",
            "event.noise": "noise",
            "event.tracking_outage": "tracking outage",
            "event.bought_followers": "bought followers",
            "event.algorithm_change": "algorithm change",
            "unit.per": "{label} per {step}",
            "unit.paren": "{label} ({unit})",
            "unit.currency": "currency",
            "unit.accounts": "accounts",
            "unit.fraction": "fraction",
            # --- alt.py ---------------------------------------------------------------------
            "alt.no_text": (
                "This figure has no alt text yet. Describe what it shows and its main takeaway "
                "with smmlab.viz.set_alt_text(fig, '...'). A start, from its labels: {hint}"
            ),
            "alt.not_figure": (
                "{param} must be a matplotlib Figure (the first value of plt.subplots()); "
                "got {value!r}."
            ),
            "alt.empty_text": (
                "text must be a non-empty sentence saying what the chart shows and its main "
                "takeaway; got {value!r}."
            ),
            "alt.describe": "Chart titled '{title}', x axis '{xlabel}', y axis '{ylabel}'",
            "alt.describe_series": "{n} series: {names}",
            "alt.describe_panels": "{n} panels",
            "alt.untitled": "untitled",
            "alt.unlabelled": "unlabelled",
            # --- errors shared by the charts ------------------------------------------------
            "err.series": (
                "series must be a pandas Series of numbers indexed by date and time (for "
                "example mentions.set_index('timestamp')['mentions']); got {value}."
            ),
            "err.short": "{param} needs at least {n} values to draw a chart; got {got}.",
            "err.ax": "ax must be a matplotlib Axes (from plt.subplots()) or None; got {value}.",
            "err.frame": "{param} must be a pandas DataFrame; got {value}.",
            "err.column": (
                "{param} must name a column of the table, one of {allowed}; got {value!r}."
            ),
            "err.numeric": (
                "Column {column!r} must hold numbers to be plotted; its type is {dtype}."
            ),
            "err.events": (
                "events must be a DataFrame with the columns start, end and type, as "
                "datasets.load('truth_events') gives; it lacks {missing}."
            ),
            "err.duplicates": (
                "The table has several rows for the same {by} and {x} (for example {example}). "
                "Aggregate them first, or pass agg='sum' or agg='mean'."
            ),
            "err.stages": (
                "stages must map at least 2 stage names to counts of 0 or more, in funnel order, "
                "such as {{'Impressions': 10000, 'Clicks': 120, 'Conversions': 6}}; got {value}."
            ),
            "err.lengths": "{param} must have as many values as spend ({n}); got {got}.",
            "err.values": "{param} must hold finite numbers; got {value}.",
            "err.curve": (
                "curve must be a pair (x, y) of equal-length number arrays, such as "
                "(spend_grid, response_curve(truth, 'Instagram', spend_grid)); got {value}."
            ),
            "err.kpis": (
                "actual must map KPI or group names to numbers, such as "
                "{{'Instagram': 1200, 'TikTok': 900}}; got {value}."
            ),
            "err.target_keys": (
                "target must give a number for every name in actual; missing {missing}, "
                "unknown {unknown}."
            ),
            # --- timeseries_with_events -----------------------------------------------------
            "ts.title": "{Name} over time",
            "ts.title_events_one": "{Name} over time, with {n} marked event",
            "ts.title_events_other": "{Name} over time, with {n} marked events",
            "ts.xlabel": "Date",
            "ts.xlabel_tz": "Date (local time, {tz})",
            "ts.value": "Value",
            "ts.alt": (
                "Line chart of {every} {name} from {start} to {end}; the highest {step} is "
                "{peak} {name} on {when}{during}."
            ),
            "ts.alt_events_one": " {n} event shaded and labelled: {types}.",
            "ts.alt_events_other": " {n} events shaded and labelled: {types}.",
            "ts.alt_gaps_one": " {n} gap in the data is left blank, not drawn as zero.",
            "ts.alt_gaps_other": " {n} gaps in the data are left blank, not drawn as zero.",
            "ts.during": " during a {event} event",
            "ts.outside": ", outside the marked events",
            # --- small_multiples ------------------------------------------------------------
            "sm.title": "{Name} by {by}",
            "sm.shared": "same y-scale in every panel",
            "sm.free": "each panel has its own y-scale",
            "sm.alt": (
                "Small multiples: {n} line charts of {name} against {x}, one per {by} "
                "({groups}), {scale}. Average {name}: highest on {top} ({top_mean}), lowest on "
                "{low} ({low_mean}). The single highest value is {peak} on {peak_group}, "
                "{peak_x}."
            ),
            # --- weekday_hour_heatmap -------------------------------------------------------
            "hm.title": "When posts do best: {agg} {value} by weekday and hour",
            "hm.xlabel": "Hour of publication (local time, 0-23)",
            "hm.ylabel": "Day of the week",
            "hm.cbar": "{Agg} {value} per post",
            "hm.low": "n<{min_count}",
            "hm.legend_n": "number in a cell = posts published then",
            "hm.legend_low": "hatched, n<{min_count} = too few posts to judge",
            "hm.alt": (
                "Heatmap of {agg} {value} per post by day of the week and hour of publication "
                "({first_hour}:00 to {last_hour}:00, local time) for {n_posts} posts; each "
                "cell shows its number of posts. {n_low} of {n_cells} cells have fewer than "
                "{min_count} posts and are hatched. The best slot is {best_day} at "
                "{best_hour}:00 with {agg} {value} {best_value} (n={best_n}); the weakest is "
                "{worst_day} at {worst_hour}:00 with {worst_value} (n={worst_n})."
            ),
            "hm.alt_none": (
                "Heatmap of {agg} {value} per post by day of the week and hour for {n_posts} "
                "posts; every cell has fewer than {min_count} posts, so none is coloured."
            ),
            # --- funnel ---------------------------------------------------------------------
            "fn.title": "Funnel: from {first} to {last}",
            "fn.xlabel": "Count",
            "fn.ylabel": "Funnel stage",
            "fn.step": "↓ {rate} of {previous}",
            "fn.alt": (
                "Funnel bar chart of {n} stages: {chain}. Overall, {overall} of {first} "
                "became {last}; the biggest drop is from {drop_from} to {drop_to}, where "
                "{lost} are lost."
            ),
            "fn.chain_first": "{value} {stage}",
            "fn.chain_next": "{value} {stage} ({rate} of {previous})",
            # --- spend_return_curve ---------------------------------------------------------
            "sr.title": "Daily spend and what it brought back",
            "sr.xlabel": "Daily spend ({currency})",
            "sr.ylabel": "Daily revenue ({currency})",
            "sr.points": "One day",
            "sr.curve": "Known response curve",
            "sr.break_even": "Break-even (revenue = spend)",
            "sr.note_down": (
                "Diminishing returns: on the quarter of days with the highest spend, each "
                "1 {currency} spent brought back {high} {currency}; on the lowest-spend "
                "quarter, {low} {currency}."
            ),
            "sr.note_flat": (
                "No diminishing returns in this range: each 1 {currency} spent brought back "
                "{high} {currency} on the highest-spend quarter of days and {low} {currency} "
                "on the lowest."
            ),
            "sr.alt": (
                "Scatter plot of daily revenue against daily spend for {n} days, spend from "
                "{min_spend} to {max_spend} {currency}. Overall each 1 {currency} spent "
                "brought back {roas} {currency}. {note}{curve}"
            ),
            "sr.alt_curve": (
                " The curve '{curve_label}' rises by {first_slope} {currency} per extra 1 "
                "{currency} spent at the low end and by {last_slope} {currency} at the high "
                "end."
            ),
            # --- kpi_vs_target --------------------------------------------------------------
            "kpi.title": "Results against target: {met} of {n} met",
            "kpi.xlabel": "Value",
            "kpi.ylabel": "KPI",
            "kpi.ylabel_platform": "Platform",
            "kpi.target": "Target",
            "kpi.met": "✓ {pct} of target",
            "kpi.missed": "✗ {pct} of target",
            "kpi.legend_met": "✓ target met",
            "kpi.legend_missed": "✗ target missed",
            "kpi.lower_better": " (lower is better)",
            "kpi.alt": (
                "Horizontal bar chart of {n} results against their targets{lower}: {met} met "
                "and {missed} missed. {items}. Best: {best} at {best_pct} of target; worst: "
                "{worst} at {worst_pct}."
            ),
            "kpi.alt_item": "{name} {actual} vs target {target} ({pct}, {verdict})",
            "kpi.verdict_met": "met",
            "kpi.verdict_missed": "missed",
        }
    }
)

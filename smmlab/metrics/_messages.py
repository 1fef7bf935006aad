"""Every learner-facing sentence of :mod:`smmlab.metrics`: errors and warnings, by key.

Translations are added as ``"it"`` and ``"fr"`` entries with the same keys;
the code that raises or warns does not change.

Examples
--------
>>> MESSAGES.text("column", name="reach")
"column 'reach'"
"""

from __future__ import annotations

from smmlab._messages import Catalog

MESSAGES = Catalog(
    {
        "en": {
            # How inputs are named in the messages below.
            "column": "column {name!r}",
            "either": "{first} or {second}",
            "plus": " + ",
            # The table and the arguments.
            "not_table": (
                "data must be a table (a pandas DataFrame) such as datasets.load('posts'); "
                "got {kind}. For single numbers or columns, pass them by name instead, "
                "e.g. reach=3000 or reach=posts['reach']."
            ),
            "needs_argument": (
                "{func} needs {name}: pass it by name ({name}=...) or give a table as data "
                "with {columns}."
            ),
            "missing_columns": (
                "{func} cannot find {missing} in data. It needs: {needed}. "
                "data has the columns: {has}."
            ),
            "mismatch": (
                "{label} and {other} do not line up: they need the same number of rows with the "
                "same row labels (index). Take them from the same table, or reset both with "
                ".reset_index(drop=True)."
            ),
            "unused_denominator": (
                "{func} was given {name}, but by={by!r} divides by {by}. "
                "Pass by={name!r} to divide by {name}."
            ),
            "actions_type": (
                "actions must be a list of column names of data, such as {default!r} plus "
                "'link_clicks'; got {value!r}."
            ),
            "actions_by_name": (
                "actions={value!r} can only be used with data (a table). Counts given by name "
                "are always {default!r}; add clicks yourself if you count them."
            ),
            "one_of": "{func} needs exactly one of {names}; got {given}.",
            "needs_margin": (
                "{func} needs margin, the brand's gross margin as a fraction from 0 to 1 "
                "(brand['gross_margin'], e.g. 0.55): profit is revenue x margin, not revenue. "
                "Pass margin=1 only if the revenue you give already is gross profit."
            ),
            "data_or_values": "{func} takes either data (a table) or {names} by name, not both.",
            # The values.
            "not_number": (
                "{label} must hold numbers (counts or amounts of money); got {value!r}. "
                "Numbers stored as text, such as '1.200' or '4%', need converting first, e.g. "
                "with pd.read_csv(..., thousands='.', decimal=',') for Italian exports."
            ),
            "missing_value": (
                "{label} is missing (got {value!r}). Counts and amounts cannot be missing: "
                "use 0 if nothing happened."
            ),
            "missing_values": (
                "{label} has {n} missing value(s) (NaN or None), the first in row {where!r}. "
                "Counts and amounts cannot be missing: fill in 0 if nothing happened, "
                "or drop those rows."
            ),
            "missing_by_platform": (
                "{func}: {label} has {n} missing value(s) (NaN or None): {where}. A platform "
                "whose export has no {column} is not 0 {column}. Keep the rows that have it "
                "with kept, left_out = metrics.complete_rows(data, [...the columns needed...]) "
                "and say what was left out, or fill in 0 only where nothing happened."
            ),
            "missing_on": "{platform} on {rows} of {of} rows",
            "list_sep": "; ",
            "no_platform": "(no platform)",
            "all_rows": "all rows",
            "negative_value": (
                "{label} must be 0 or more; got {value!r}. Counts and amounts cannot be negative."
            ),
            "negative_values": (
                "{label} has {n} negative value(s), the first in row {where!r} ({value!r}). "
                "Counts and amounts cannot be negative."
            ),
            "not_times": (
                "{label} must hold dates and times such as '2025-03-01 09:30'; got {value!r}."
            ),
            "missing_times": (
                "{label} has {n} missing value(s), the first in row {where!r}. Every message "
                "has a time it was received; only replied_at may be empty (not answered yet)."
            ),
            "time_zones": (
                "received_at and replied_at must both have a time zone, or both have none; "
                "use .dt.tz_localize(...) or .dt.tz_convert(...) on one of them."
            ),
            "reply_before_receipt": (
                "{n} message(s) were replied to before they were received, the first in row "
                "{where!r}. Check that received_at and replied_at use the same time zone."
            ),
            "replied_more": (
                "replied ({replied:g}) cannot be more than received ({received:g}): "
                "each message received is answered at most once."
            ),
            "replied_more_rows": (
                "replied is more than received in {n} row(s), the first in row {where!r}: "
                "each message received is answered at most once."
            ),
            "other_costs_total": (
                "other_costs={value!r} is one amount for the whole period, so it can only be "
                "added to a total: use aggregate='total', or pass one amount per row."
            ),
            "brand_column": (
                "With data, brand must be the name of your brand's column; got {value!r}. "
                "data has the columns: {has}."
            ),
            "no_competitors": (
                "share_of_voice found no competitor columns in data: pass competitors=[...] "
                "with their column names. data has the columns: {has}."
            ),
            # Warnings.
            "reach_total_rate": (
                "{func}(by='reach', aggregate='total') adds up reach over {n} rows, but reach "
                "is not additive: a person reached by 3 posts (or on 3 days) is counted 3 "
                "times. The result is the reach-weighted average of the per-row rates, not "
                "{numerator} per unique person reached. For the usual average rate use "
                "aggregate='per_post'; for a rate per person, divide the total {numerator} "
                "by the deduplicated reach the platform reports for the whole period."
            ),
            "reach_total_frequency": (
                "frequency(aggregate='total') divides the impressions by reach added up over "
                "{n} rows, but reach is not additive: a person reached by 3 posts (or on 3 "
                "days) is counted 3 times. The result is the reach-weighted average of the "
                "per-row frequencies, lower than how often each person really saw your "
                "content. For the real frequency, divide the impressions by the deduplicated "
                "reach the platform reports for the whole period."
            ),
        }
    }
)

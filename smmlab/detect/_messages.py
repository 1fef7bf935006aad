"""Every learner-facing sentence of smmlab.detect: errors, triage reasons, explanations."""

from __future__ import annotations

from smmlab._messages import Catalog

#: Values of the alerts' ``kind`` column and of triage's ``label`` column. They are data, not
#: sentences: code and notebooks compare them (``found["kind"] == "spike"``), so they stay the
#: same in every language; a translated notebook says what they mean in its own words.
CODES: dict[str, str] = {
    "kind_spike": "spike",
    "kind_missing": "missing data",
    "label_crisis": "crisis",
    "label_viral": "viral opportunity",
    "label_bots": "bot burst",
    "label_noise": "noise",
    "label_outage": "tracking outage",
    "label_volume": "volume only",
}

MESSAGES = Catalog(
    {
        "en": {
            "not_series": (
                "{param} must be a pandas Series of counts indexed by time, for example "
                "mentions.set_index('timestamp')['mentions']; got {got}."
            ),
            "too_short": (
                "{param} covers {n} points; the baseline needs at least {need} "
                "({weeks} weeks) of history."
            ),
            "irregular": (
                "{param} must have hourly or daily timestamps; the typical gap is {step}."
            ),
            "negative": "{param} holds negative values; counts cannot be negative.",
            "missing_columns": "{param} needs the columns {needed}; it has {have}.",
            "baseline_explained": (
                "The baseline is the usual value for this hour and weekday: the median of the "
                "same hour on the same weekday in the previous {weeks} weeks. A median ignores "
                "one odd week, so a past crisis or spike does not move it much."
            ),
            "surprise_explained": (
                "The surprise says how unusual a value is: its distance from the baseline, "
                "divided by how far values usually fall from their baseline (on a square-root "
                "scale, so quiet nights and busy middays are judged fairly). A surprise of 3 "
                "means three times the usual wobble."
            ),
            "reason_volume": (
                "Mentions x{ratio:.1f} the usual for {hours} hours. Volume only: this data has "
                "no {missing} column, so a crisis, a viral moment and bots look alike here. "
                "Read a sample of the mentions before you act."
            ),
            "reason_outage": (
                "No data for {hours} hours: check the listening tool before reading anything "
                "into this gap."
            ),
            "reason_bots": (
                "Only {authors_per_mention:.2f} accounts per mention (usually "
                "{usual_authors:.2f}): a few accounts posting a lot looks like bots."
            ),
            "reason_crisis": (
                "Negative share {negative:.0%} vs usually {usual_negative:.0%}, for {hours} "
                "hours: this looks like a crisis. Escalate and respond."
            ),
            "reason_viral": (
                "Mentions x{ratio:.1f} the usual for {hours} hours with a normal negative share "
                "({negative:.0%}): people are talking about you. Join the conversation."
            ),
            "reason_noise": (
                "A short blip ({hours} hours) with no change in sentiment or authors: "
                "probably noise. Keep an eye on it."
            ),
            "reason_noise_counts": (
                "A short blip ({hours} hours) or a small rise (x{ratio:.1f} the usual): "
                "probably noise. Keep an eye on it."
            ),
            "change_found": (
                "The level changed on {date}: from {before:.4g} to {after:.4g} ({change:+.0%}), "
                "{strength:.1f} times larger than day-to-day noise."
            ),
            "change_none": (
                "No clear change in level: the biggest shift ({change:+.0%} on {date}) is not "
                "larger than day-to-day noise."
            ),
            "audit_platform_days": "{platform}: {days} of {of} days without {columns}",
            "audit_left_out": (
                "follower_audit left out days the data cannot judge ({lacking}): new "
                "followers are compared with reach, and a missing count is not 0. Those "
                "platforms and days are not checked, so finding nothing there is not a clean "
                "bill of health."
            ),
            "audit_nothing": (
                "follower_audit cannot check any platform: account_daily has no day with "
                "both new_followers and reach ({lacking}). Import an export with daily new "
                "followers and reach for the same platform (Meta's Follows and Viewers files, "
                "LinkedIn's followers sheet with its metrics)."
            ),
            "audit_reason": (
                "{platform}: +{gained:,} followers from {start} to {end}, {excess:,} more than "
                "reach explains, while reach changed {reach_change:+.0%} and engagements "
                "{engagement_change:+.0%}. Followers that nobody reached look bought."
            ),
        }
    }
)

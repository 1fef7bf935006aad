"""Lesson 04: Listening.

In the notebook: ``from smmlab.exercises.lesson04 import *`` gives ``setup``,
``q1`` ... ``q12``, ``check_all`` and the ``____`` placeholder.

What the learner finds in their own data: how much people talk about the brand, in which
languages and against two competitors (share of voice, which a crisis pushes *up*); what
the mix of sentiment says once neutral mentions count (and how the tools' variant among
opinions only differs) and once its uncertainty is shown, which covers chance but not the
tool's wrong labels;
what people complain about when a person, not a keyword tool, reads the texts; and how
often and how fast the brand answers its inbox (deleting a complaint is not an answer, and
the typical wait comes with the share never answered).

Examples
--------
>>> from smmlab.exercises import lesson04
>>> data = lesson04.setup(quiet=True)
>>> totals = lesson04.company_totals(data)
>>> share = totals[data.brand] / totals.sum()
>>> lesson04.q2.check_answers({"sov": share}, data).correct
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from smmlab._messages import Catalog
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.core import CourseData, Lesson, Mistake, Variant, swapped
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    ReflectionExercise,
    ValueExercise,
)
from smmlab.metrics import net_sentiment_interval

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: The sentiment counts of the voice table, in the order the lesson uses.
SENTIMENTS = ("positive", "neutral", "negative")
#: Exercise 5: the language and the two months of the colleague's slide.
SLIDE_LANGUAGE = "de"
SLIDE_MONTHS = (9, 10)
IMPROVED, WORSE, CANNOT_TELL = "it improved", "it got worse", "cannot tell"
#: Exercise 11: what to do with the nastiest complaints.
DELETE, HIDE, ANSWER = "delete them", "hide them", "answer them kindly"
HOUR = pd.Timedelta(hours=1)

MESSAGES = Catalog(
    {
        "en": {
            "title": "Listening",
            # q1: mentions by language
            "q1_hint1": "Start from ours, the brand's rows, as the worked example did. Group "
                        "them by language and add up the mentions column.",
            "q1_hint2": "by_language = ours.groupby(\"language\")[\"mentions\"].sum()",
            "q1_everyone": "You added up every company's mentions. Keep only your brand's rows "
                           "first: the ours table.",
            "q1_rows": "You counted rows: there is one row per day and language, whatever the "
                       "number of mentions. Add up the mentions column with .sum().",
            "q1_mean": "That is the average number of mentions per day. The question asks for "
                       "the year's total: .sum().",
            # q2: share of voice
            "q2_hint1": "Add up the mentions of each company over the whole year (group by "
                        "company), then divide your brand's total by the total of all three.",
            "q2_hint2": "totals = voice.groupby(\"company\")[\"mentions\"].sum(), then "
                        "sov = totals[data.brand] / totals.sum()",
            "q2_brand_only": "You got 100 %: your denominator holds only your own mentions. "
                             "Share of voice divides your mentions by everyone's: yours plus "
                             "your competitors'.",
            "q2_vs_competitors": "You divided your mentions by the competitors' only. Share of "
                                 "voice puts you in the denominator too: yours ÷ (yours + "
                                 "competitors').",
            "q2_one_rival": "You compared yourself with one competitor only. Share of voice "
                            "counts everyone you track: both competitors.",
            "q2_daily_mean": "That is the average of the daily shares: a quiet day weighs as "
                             "much as a busy one. Divide the year's totals instead.",
            "q2_january": "That is January's share (the worked example). The question asks "
                          "for the whole year.",
            # q3: monthly share of voice chart
            "q3_hint1": "Group the voice table by month and company as the worked example "
                        "grouped by month and language, add up the mentions, then divide "
                        "your brand's column by the sum of the row.",
            "q3_hint2": "by_month = voice.groupby([voice[\"date\"].dt.month, \"company\"])"
                        "[\"mentions\"].sum().unstack(); monthly_sov = by_month[data.brand] / "
                        "by_month.sum(axis=1); then sov_chart, ax = plt.subplots(), "
                        "ax.plot(monthly_sov.index, monthly_sov, marker=\"o\"), a title, both "
                        "axis labels and viz.set_alt_text(sov_chart, \"...\").",
            # q4: net sentiment function
            "q4_hint1": "Inside the function, add up the three columns over all the rows "
                        "(like the worked example's counts), then return (positive - "
                        "negative) ÷ all the mentions, neutral ones included.",
            "q4_hint2": "counts = rows[[\"positive\", \"neutral\", \"negative\"]].sum(), then "
                        "return (counts[\"positive\"] - counts[\"negative\"]) / counts.sum()",
            "q4_no_neutral": "Your function gives (positive - negative) ÷ (positive + "
                             "negative): net sentiment among the mentions that take a side, "
                             "the version many listening tools report. It is a fair number, "
                             "but not the one this exercise asks for: net sentiment over all "
                             "mentions, (positive - negative) ÷ (positive + neutral + "
                             "negative). The two differ whenever there are neutral mentions "
                             "(the tools' version is always further from 0): say which one you "
                             "report.",
            "q4_positive_share": "Your function gives positive ÷ (positive + negative), the "
                                 "positive share. Net sentiment is (positive - negative) ÷ all "
                                 "mentions, neutral ones included.",
            "q4_upside_down": "Your function gives negative - positive. Net sentiment is "
                              "positive minus negative: above 0 means more positive mentions.",
            "q4_row_mean": "Your function averages the net sentiment of each row (each day "
                           "and language): a day with 2 mentions weighs as much as one with "
                           "200. Add up the counts first, then divide.",
            "q4_percent": "Your function returns a percentage. Keep it as a fraction between "
                          "-1 and 1 (0.15, not 15).",
            # q5: German September vs October
            "q5_hint1": "Compute net_sentiment_interval for each of the two months, as in the "
                        "worked example. Do the two ranges (low to high) overlap?",
            "q5_hint2": "If October's low end is above September's high end, it improved; if "
                        "October's high end is below September's low end, it got worse; if "
                        "the ranges overlap, you cannot tell.",
            "q5_why": "September: {sep:+.1%} (plausibly {sep_low:+.1%} to {sep_high:+.1%}, "
                      "{sep_n:.0f} mentions); October: {oct:+.1%} ({oct_low:+.1%} to "
                      "{oct_high:+.1%}, {oct_n:.0f} mentions). {verdict}",
            "q5_overlap": "The ranges overlap: with so few mentions, a change this size can be "
                          "chance.",
            "q5_apart": "The ranges do not overlap: the change is bigger than chance alone "
                        "would make.",
            # q6: tool accuracy
            "q6_hint1": "Compare the two columns row by row: tool_sentiment == sentiment gives "
                        "True where the tool agrees with the person. The share of True is the "
                        "accuracy.",
            "q6_hint2": "tool_accuracy = (texts[\"tool_sentiment\"] == texts[\"sentiment\"])"
                        ".mean()",
            "q6_error_rate": "That is the share of texts the tool gets wrong (its error rate). "
                             "The question asks how often it is right: the share where the two "
                             "labels agree.",
            "q6_count": "That is a number of texts. The question asks for a share: divide by "
                        "the number of texts, or use .mean() on the True/False column.",
            # q7: complaints by topic
            "q7_hint1": "Keep the texts a person labelled negative (the sentiment column), "
                        "then count them by topic.",
            "q7_hint2": "complaints = texts[texts[\"sentiment\"] == \"negative\"][\"topic\"]"
                        ".value_counts()",
            "q7_tool": "You counted the texts the tool labelled negative. The tool misreads "
                       "sarcasm, slang and worried questions; the sentiment column is what a "
                       "person read. Use it.",
            "q7_all_texts": "You counted every text by topic, praise and questions included. "
                            "Keep the negative ones first.",
            # q8: response rate
            "q8_hint1": "A message was answered when replied_at is filled in. The response "
                        "rate is the share of all messages received that were answered.",
            "q8_hint2": "reply_rate = inbox[\"replied_at\"].notna().mean(), or "
                        "response_rate(inbox, aggregate=\"total\").",
            "q8_deleted_answered": "You counted the deleted messages as answered. Deleting a "
                                   "message is not an answer: the person is still waiting (and "
                                   "often angrier). Only replies count.",
            "q8_deleted_dropped": "You left the deleted messages out of the messages received. "
                                  "They were received, and never answered: keep them in the "
                                  "denominator.",
            "q8_praise": "That is the response rate to praise only (the worked example). The "
                         "question is about every message.",
            # q9: deleting complaints
            "q9_hint1": "Think about the person who wrote the complaint, and about everyone "
                        "else who reads your page. What does each option tell them?",
            "q9_hint2": "A public, kind, useful answer shows every reader how you treat "
                        "customers. Deleting or hiding tells them you have something to hide.",
            "q9_why": "You already deleted {deleted} negative messages this year; each still "
                      "counts as received and not answered, so deleting did not raise the "
                      "{rate:.0%} response rate, and the people who wrote them were left "
                      "without an answer. {extra}",
            "q9_delete": "Deleted complaints get screenshotted and shared, which is how a "
                         "small complaint becomes a crisis.",
            "q9_hide": "Hiding is deleting with extra steps: the writer and their friends "
                       "still see it, and nobody sees your answer.",
            # q10: typical wait
            "q10_hint1": "Turn the wait column (a duration) into hours, as the worked example "
                         "showed, then take the median: half the people waited less.",
            "q10_hint2": "waits = inbox[\"wait\"].dt.total_seconds() / 3600, then "
                         "typical_wait_hours = waits.median()",
            "q10_mean": "That is the mean wait. A message received on Friday evening waits "
                        "until Monday morning, and those weekend waits pull the mean far above "
                        "what most people experienced: use the median.",
            "q10_minutes": "That looks like minutes. Give the wait in hours: "
                           ".dt.total_seconds() / 3600.",
            "q10_days": "That looks like days. Give the wait in hours: .dt.total_seconds() / "
                        "3600.",
            "q10_timedelta": "That is a duration (a Timedelta such as 0 days 05:30:00). Give a "
                             "number of hours: divide .total_seconds() by 3600.",
            # q11: wait by kind
            "q11_hint1": "Add a column with each message's wait in hours, group the messages by "
                         "kind and take the median of that column.",
            "q11_hint2": "inbox[\"wait_hours\"] = inbox[\"wait\"].dt.total_seconds() / 3600, "
                         "then wait_by_kind = inbox.groupby(\"kind\")[\"wait_hours\"].median()",
            "q11_mean": "Those are mean waits: weekend messages pull them up. Use the median "
                        "for each kind.",
            # q12: note to the manager
            "q12_hint1": "Four short sentences: how much people talk about us against the two "
                         "competitors; the mood, with its range (chance only, not the tool's "
                         "wrong labels); the main complaint; how often and how fast we answer, "
                         "and how many never got an answer.",
            "q12_hint2": "For example: 'We had x % of the conversation in 2025. Net sentiment "
                         "was ... (plausibly ... to ...; the tool mislabels about ... % of "
                         "texts). Most complaints were about ... We answered ... % of "
                         "messages, typically in ... hours; ... % never got an answer.'",
        }
    }
)
_ = MESSAGES.text

LESSON = Lesson("04", _("title"), source=lessons_dir() / "04_listening.ipynb")


# --------------------------------------------------------------------------------------------
# The learner's tables
# --------------------------------------------------------------------------------------------


def brand_voice(data: CourseData) -> pd.DataFrame:
    """The brand's own rows of the voice table (``ours`` in the notebook).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> brand_voice(data)["company"].unique().tolist() == [data.brand]
    True
    """
    voice = data.voice
    return voice[voice["company"] == data.brand]


def competitors(data: CourseData) -> list[str]:
    """The competitors' names, the market leader first.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> len(competitors(load_course_data()))
    2
    """
    return [str(c) for c in data.voice["company"].cat.categories if c != data.brand]


def company_totals(data: CourseData) -> pd.Series:
    """Each company's mentions over the whole year.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> company_totals(data).index[0] == data.brand
    True
    """
    return data.voice.groupby("company", observed=True)["mentions"].sum().rename(index=str)


def monthly_share(data: CourseData) -> pd.Series:
    """The brand's share of voice in each month (1 to 12).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> share = monthly_share(load_course_data())
    >>> len(share), bool(((share > 0) & (share < 1)).all())
    (12, True)
    """
    voice = data.voice
    by_month = voice.groupby([voice["date"].dt.month, "company"], observed=True)[
        "mentions"].sum().unstack()
    return by_month[data.brand] / by_month.sum(axis=1)


def _counts(rows: pd.DataFrame) -> pd.DataFrame:
    """The count columns of some voice rows, as the function cases pass them."""
    return rows[["mentions", *SENTIMENTS]].reset_index(drop=True)


def net_of(rows: pd.DataFrame) -> float:
    """Net sentiment of some voice rows: (positive - negative) ÷ all their mentions.

    Examples
    --------
    >>> net_of(pd.DataFrame({"positive": [30], "neutral": [55], "negative": [15]}))
    0.15
    """
    counts = rows[list(SENTIMENTS)].sum()
    return float((counts["positive"] - counts["negative"]) / counts.sum())


def month_rows(data: CourseData, month: int, language: str | None = None) -> pd.DataFrame:
    """The brand's voice rows of one month of 2025, in one language or all.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> month_rows(load_course_data(), 9, "de")["date"].dt.month.unique().tolist()
    [9]
    """
    ours = brand_voice(data)
    keep = ours["date"].dt.month == month
    if language is not None:
        keep &= ours["language"] == language
    return ours[keep]


def slide_intervals(data: CourseData) -> dict[int, Any]:
    """Net sentiment with its 95 % interval, for the slide's language, in each slide month.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> sorted(slide_intervals(load_course_data()))
    [9, 10]
    """
    return {m: net_sentiment_interval(month_rows(data, m, SLIDE_LANGUAGE))
            for m in SLIDE_MONTHS}


def waits_hours(inbox: pd.DataFrame) -> pd.Series:
    """Each message's wait for a reply, in hours (missing when it was never answered).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> bool((waits_hours(load_course_data().inbox).dropna() > 0).all())
    True
    """
    return (inbox["replied_at"] - inbox["received_at"]).dt.total_seconds() / 3600


def _nonzero(series: pd.Series) -> pd.Series:
    """A count Series without its zero rows, labelled by text (value_counts on a category)."""
    kept = series[series != 0]
    return pd.Series(kept.to_numpy(), index=[str(k) for k in kept.index], name=series.name)


def _drop_zero_counts(got: Any, data: CourseData) -> Any:
    """``value_counts()`` on a category lists unseen labels with 0; ``groupby`` leaves them out.

    Both are right, so zero counts are dropped before comparing.
    """
    if isinstance(got, pd.Series) and pd.api.types.is_numeric_dtype(got.dtype):
        return _nonzero(got)
    return got


def _is_timedelta(got: Any, data: CourseData) -> bool:
    """A duration left as a Timedelta (or a Series of them) instead of hours."""
    return isinstance(got, pd.Timedelta) or (
        isinstance(got, pd.Series) and pd.api.types.is_timedelta64_dtype(got.dtype))


#: A duration answered as a Timedelta: told to convert it to hours, before anything else.
TIMEDELTA = Mistake("timedelta", None, _("q10_timedelta"), when=_is_timedelta, before=True)



# --------------------------------------------------------------------------------------------
# Step 1: volume by language
# --------------------------------------------------------------------------------------------


def _by_language(data: CourseData, how: str = "sum", rows: str = "ours") -> pd.Series:
    table = brand_voice(data) if rows == "ours" else data.voice
    return table.groupby("language", observed=True)["mentions"].agg(how).rename(index=str)


q1 = ValueExercise(
    variable="by_language",
    expected=_by_language,
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    mistakes=(
        Mistake("everyone", lambda d: _by_language(d, rows="all"), _("q1_everyone")),
        Mistake("rows", lambda d: _by_language(d, "size"), _("q1_rows")),
        Mistake("mean", lambda d: _by_language(d, "mean"), _("q1_mean")),
    ),
    right=(Variant(lambda d: _by_language(d).sort_values(ascending=False), "sorted"),
           Variant(lambda d: _by_language(d).rename_axis("language").reset_index(),
                   "languages as a column")),
    wrong=(Variant(lambda d: _by_language(d, rows="all"), "every company", says="every company"),
           Variant(lambda d: swapped(_by_language(d)), "values swapped between languages",
                   says="for "),
           Variant(lambda d: _by_language(d, "size"), "rows counted", says="rows")),
)


# --------------------------------------------------------------------------------------------
# Step 2: share of voice
# --------------------------------------------------------------------------------------------


def _share(data: CourseData) -> float:
    totals = company_totals(data)
    return float(totals[data.brand] / totals.sum())


def _daily_share_mean(data: CourseData) -> float:
    daily = data.voice.groupby(["date", "company"], observed=True)["mentions"].sum().unstack()
    return float((daily[data.brand] / daily.sum(axis=1)).mean())


def _january_share(data: CourseData) -> float:
    january = data.voice[data.voice["date"].dt.month == 1]
    totals = january.groupby("company", observed=True)["mentions"].sum().rename(index=str)
    return float(totals[data.brand] / totals.sum())


def _vs_competitors(data: CourseData) -> float:
    totals = company_totals(data)
    return float(totals[data.brand] / totals.drop(data.brand).sum())


def _one_rival(data: CourseData) -> float:
    totals = company_totals(data)
    return float(totals[data.brand] / (totals[data.brand] + totals[competitors(data)[0]]))


q2 = ValueExercise(
    variable="sov",
    expected=_share,
    rate=True,
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("brand_only", lambda d: 1.0, _("q2_brand_only")),
        Mistake("vs_competitors", _vs_competitors, _("q2_vs_competitors")),
        Mistake("one_rival", _one_rival, _("q2_one_rival")),
        Mistake("daily_mean", _daily_share_mean, _("q2_daily_mean")),
        Mistake("january", _january_share, _("q2_january")),
    ),
    right=(Variant(lambda d: round(_share(d), 3), "rounded as printed"),),
    wrong=(Variant(_vs_competitors, "against the competitors only", says="competitors"),
           Variant(lambda d: _share(d) * 100, "a percentage", says="percentage"),
           Variant(_daily_share_mean, "the mean of daily shares", says="day")),
)


def _sov_chart(share: pd.Series, *, percent: bool = False, alt: str | None = None,
               title: str = "Our share of voice against the two competitors, 2025") -> Figure:
    """A chart a learner might draw for q3 (the exercise's own variants)."""
    import matplotlib.pyplot as plt

    from smmlab import viz

    fig, ax = plt.subplots()
    ax.plot(share.index, share.to_numpy() * (100 if percent else 1), marker="o")
    ax.set_title(title)
    ax.set_xlabel("Month (2025)")
    ax.set_ylabel("Share of all mentions (%)" if percent else "Share of all mentions")
    if alt != "":
        viz.set_alt_text(fig, alt or "Line chart of our monthly share of voice in 2025, "
                                     f"highest in month {share.idxmax()}.")
    plt.close(fig)
    return fig


q3 = ChartExercise(
    variable="sov_chart",
    expected=monthly_share,
    hints=(_("q3_hint1"), _("q3_hint2")),
    right=(Variant(lambda d: _sov_chart(monthly_share(d)), "a line by month"),
           Variant(lambda d: _sov_chart(monthly_share(d), percent=True), "in percent, said so")),
    wrong=(Variant(lambda d: _sov_chart(monthly_share(d).iloc[::-1].set_axis(
               monthly_share(d).index)), "months in reverse", says="highest point"),
           Variant(lambda d: _sov_chart(monthly_share(d), alt=""), "no alt text",
                   says="alt text"),
           Variant(lambda d: _sov_chart(monthly_share(d), title=""), "no title",
                   says="title")),
)


# --------------------------------------------------------------------------------------------
# Step 3: net sentiment, and its uncertainty
# --------------------------------------------------------------------------------------------


def _net_cases(data: CourseData) -> list[tuple[tuple, Any]]:
    """The brand's year, each competitor's year, the brand's November and German mentions."""
    voice = data.voice
    tables = [brand_voice(data), *(voice[voice["company"] == c] for c in competitors(data)),
              month_rows(data, 11), brand_voice(data)[brand_voice(data)["language"] == "de"],
              month_rows(data, SLIDE_MONTHS[0], SLIDE_LANGUAGE)]
    return [((_counts(t),), net_of(t)) for t in tables]


def _wrong_net(how: str) -> Callable[[CourseData], Callable[[pd.DataFrame], float]]:
    def wrong_function(data: CourseData) -> Callable[[pd.DataFrame], float]:
        def net(rows: pd.DataFrame) -> float:
            c = rows[list(SENTIMENTS)].sum()
            pos, neu, neg = float(c["positive"]), float(c["neutral"]), float(c["negative"])
            if how == "no_neutral":
                return (pos - neg) / (pos + neg)
            if how == "positive_share":
                return pos / (pos + neg)
            if how == "upside_down":
                return (neg - pos) / (pos + neu + neg)
            if how == "percent":
                return (pos - neg) / (pos + neu + neg) * 100
            per_row = (rows["positive"] - rows["negative"]) / rows[list(SENTIMENTS)].sum(axis=1)
            return float(per_row.mean())

        return net

    return wrong_function


q4 = FunctionExercise(
    variable="net_sentiment_of",
    cases=_net_cases,
    hints=(_("q4_hint1"), _("q4_hint2")),
    mistakes=(
        Mistake("no_neutral", _wrong_net("no_neutral"), _("q4_no_neutral")),
        Mistake("positive_share", _wrong_net("positive_share"), _("q4_positive_share")),
        Mistake("upside_down", _wrong_net("upside_down"), _("q4_upside_down")),
        Mistake("percent", _wrong_net("percent"), _("q4_percent")),
        Mistake("row_mean", _wrong_net("row_mean"), _("q4_row_mean")),
    ),
    right=(Variant(lambda d: lambda rows: float(
        (rows["positive"].sum() - rows["negative"].sum()) / rows[list(SENTIMENTS)].sum().sum()),
        "the recipe"),
           Variant(lambda d: lambda rows: round(net_of(rows), 4), "rounded to 4 decimals")),
    wrong=(Variant(_wrong_net("no_neutral"), "the tools' variant, among opinions only",
                   says="many listening tools"),
           Variant(_wrong_net("percent"), "in percent", says="percent"),
           Variant(_wrong_net("upside_down"), "negative minus positive", says="negative")),
)


def slide_call(data: CourseData) -> str:
    """The call on the colleague's slide: improved, got worse or cannot tell (the ranges).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> slide_call(load_course_data()) in (IMPROVED, WORSE, CANNOT_TELL)
    True
    """
    before, after = (slide_intervals(data)[m] for m in SLIDE_MONTHS)
    if after.low > before.high:
        return IMPROVED
    if after.high < before.low:
        return WORSE
    return CANNOT_TELL


def _slide_why(data: CourseData) -> dict[str, str]:
    before, after = (slide_intervals(data)[m] for m in SLIDE_MONTHS)
    verdict = _("q5_overlap") if slide_call(data) == CANNOT_TELL else _("q5_apart")
    why = _("q5_why", sep=before.estimate, sep_low=before.low, sep_high=before.high,
            sep_n=before.n, oct=after.estimate, oct_low=after.low, oct_high=after.high,
            oct_n=after.n, verdict=verdict)
    return dict.fromkeys((IMPROVED, WORSE, CANNOT_TELL), why)


def _other_call(data: CourseData, order: tuple[str, ...]) -> str:
    return next(c for c in order if c != slide_call(data))


q5 = DecisionExercise(
    variable="slide_call",
    choices=(IMPROVED, WORSE, CANNOT_TELL),
    expected=slide_call,
    why=_slide_why,
    aliases={IMPROVED: ("improved", "è migliorato", "migliorato", "s'est amélioré"),
             WORSE: ("got worse", "worse", "è peggiorato", "peggiorato", "s'est dégradé"),
             CANNOT_TELL: ("can't tell", "we cannot tell", "non si può dire",
                           "impossible à dire", "on ne peut pas dire")},
    hints=(_("q5_hint1"), _("q5_hint2")),
    right=(Variant(lambda d: slide_call(d).capitalize(), "capitalised"),),
    wrong=(Variant(lambda d: _other_call(d, (IMPROVED, WORSE, CANNOT_TELL)), "another call",
                   says="%"),
           Variant(lambda d: _other_call(d, (CANNOT_TELL, WORSE, IMPROVED)), "a third call",
                   says="%"),
           Variant(lambda d: "yes", "not a choice", says="must be one of")),
)


# --------------------------------------------------------------------------------------------
# Step 4: read before you trust
# --------------------------------------------------------------------------------------------


def _agreement(data: CourseData) -> pd.Series:
    texts = data.mention_texts
    return texts["tool_sentiment"] == texts["sentiment"]


q6 = ValueExercise(
    variable="tool_accuracy",
    expected=lambda d: float(_agreement(d).mean()),
    rate=True,
    tier="warm-up",
    hints=(_("q6_hint1"), _("q6_hint2")),
    mistakes=(
        Mistake("error_rate", lambda d: float(1 - _agreement(d).mean()), _("q6_error_rate")),
        Mistake("count", lambda d: int(_agreement(d).sum()), _("q6_count")),
    ),
    right=(Variant(lambda d: round(float(_agreement(d).mean()), 2), "rounded as printed"),),
    wrong=(Variant(lambda d: float(1 - _agreement(d).mean()), "the error rate", says="wrong"),
           Variant(lambda d: int(_agreement(d).sum()), "a count", says="number of texts"),
           Variant(lambda d: float(_agreement(d).mean()) * 100, "a percentage",
                   says="percentage")),
)


def _complaints(data: CourseData, column: str = "sentiment") -> pd.Series:
    texts = data.mention_texts
    negative = texts[texts[column] == "negative"] if column else texts
    return _nonzero(negative["topic"].value_counts())


def _complaints_counted(data: CourseData) -> pd.Series:
    texts = data.mention_texts
    return texts[texts["sentiment"] == "negative"]["topic"].value_counts()


q7 = ValueExercise(
    variable="complaints",
    expected=_complaints,
    prepare=_drop_zero_counts,
    hints=(_("q7_hint1"), _("q7_hint2")),
    mistakes=(
        Mistake("tool_label", lambda d: _complaints(d, "tool_sentiment"), _("q7_tool")),
        Mistake("all_texts", lambda d: _complaints(d, ""), _("q7_all_texts")),
    ),
    right=(Variant(_complaints_counted, "value_counts with the zero topics"),
           Variant(lambda d: _complaints(d).sort_index(), "sorted by topic")),
    wrong=(Variant(lambda d: _complaints(d, "tool_sentiment"), "the tool's labels",
                   says="tool"),
           Variant(lambda d: swapped(_complaints(d)), "counts swapped between topics",
                   says="for "),
           Variant(lambda d: _complaints(d, ""), "every text", says="negative")),
)


# --------------------------------------------------------------------------------------------
# Step 5: the inbox
# --------------------------------------------------------------------------------------------


def _replied(data: CourseData) -> pd.Series:
    return data.inbox["replied_at"].notna()


q8 = ValueExercise(
    variable="reply_rate",
    expected=lambda d: float(_replied(d).mean()),
    rate=True,
    hints=(_("q8_hint1"), _("q8_hint2")),
    mistakes=(
        Mistake("deleted_answered", lambda d: float((_replied(d) | d.inbox["deleted"]).mean()),
                _("q8_deleted_answered")),
        Mistake("deleted_dropped", lambda d: float(_replied(d)[~d.inbox["deleted"]].mean()),
                _("q8_deleted_dropped")),
        Mistake("praise_only", lambda d: float(_replied(d)[d.inbox["kind"] == "praise"].mean()),
                _("q8_praise")),
    ),
    right=(Variant(lambda d: round(float(_replied(d).mean()), 3), "rounded to 3 decimals"),),
    wrong=(Variant(lambda d: float((_replied(d) | d.inbox["deleted"]).mean()),
                   "deleted counted as answered", says="deleted"),
           Variant(lambda d: float(_replied(d).mean()) * 100, "a percentage",
                   says="percentage"),
           Variant(lambda d: float(_replied(d)[~d.inbox["deleted"]].mean()),
                   "deleted dropped", says="deleted")),
)


def _policy_why(data: CourseData) -> dict[str, str]:
    inbox = data.inbox
    deleted = int(inbox["deleted"].sum())
    rate = float(_replied(data).mean())
    return {DELETE: _("q9_why", deleted=deleted, rate=rate, extra=_("q9_delete")),
            HIDE: _("q9_why", deleted=deleted, rate=rate, extra=_("q9_hide"))}


q9 = DecisionExercise(
    variable="policy",
    choices=(DELETE, HIDE, ANSWER),
    expected=lambda d: ANSWER,
    why=_policy_why,
    aliases={DELETE: ("delete", "cancellarli", "supprimer"), HIDE: ("hide", "nasconderli",
                                                                  "masquer"),
             ANSWER: ("answer", "answer them", "rispondere con gentilezza", "rispondere",
                      "répondre", "répondre avec gentillesse")},
    tier="warm-up",
    hints=(_("q9_hint1"), _("q9_hint2")),
    right=(Variant(lambda d: "Rispondere con gentilezza", "in Italian"),),
    wrong=(Variant(lambda d: DELETE, "delete", says="deleted"),
           Variant(lambda d: HIDE, "hide", says="deleted"),
           Variant(lambda d: "ignore them", "not a choice", says="must be one of")),
)


def _wait(data: CourseData, how: str = "median", unit: float = 1.0) -> float:
    return float(waits_hours(data.inbox).agg(how) * unit)


q10 = ValueExercise(
    variable="typical_wait_hours",
    expected=_wait,
    hints=(_("q10_hint1"), _("q10_hint2")),
    mistakes=(
        TIMEDELTA,
        Mistake("mean", lambda d: _wait(d, "mean"), _("q10_mean")),
        Mistake("minutes", lambda d: _wait(d, unit=60.0), _("q10_minutes")),
        Mistake("days", lambda d: _wait(d, unit=1 / 24), _("q10_days")),
    ),
    right=(Variant(lambda d: round(_wait(d), 1), "rounded to a tenth of an hour"),
           Variant(lambda d: float(round(_wait(d))) if _wait(d) >= 10 else round(_wait(d), 1),
                   "whole hours as the note prints them")),
    wrong=(Variant(lambda d: (d.inbox["replied_at"] - d.inbox["received_at"]).median(),
                   "a Timedelta", says="hours"),
           Variant(lambda d: _wait(d, unit=60.0), "in minutes", says="minutes"),
           Variant(lambda d: _wait(d, "mean"), "the mean", says="mean")),
)


def _wait_by_kind(data: CourseData, how: str = "median") -> pd.Series:
    inbox = data.inbox
    return waits_hours(inbox).groupby(inbox["kind"], observed=True).agg(how).rename(index=str)


q11 = ValueExercise(
    variable="wait_by_kind",
    expected=_wait_by_kind,
    tier="stretch",
    hints=(_("q11_hint1"), _("q11_hint2")),
    mistakes=(TIMEDELTA, Mistake("mean", lambda d: _wait_by_kind(d, "mean"), _("q11_mean"))),
    right=(Variant(lambda d: _wait_by_kind(d).round(1), "rounded to a tenth of an hour"),
           Variant(lambda d: _wait_by_kind(d).to_frame("wait_hours"), "a one-column table")),
    wrong=(Variant(lambda d: _wait_by_kind(d, "mean"), "the mean", says="mean"),
           Variant(lambda d: swapped(_wait_by_kind(d)), "waits swapped between kinds",
                   says="for "),
           Variant(lambda d: (d.inbox["replied_at"] - d.inbox["received_at"]).groupby(
               d.inbox["kind"], observed=True).median(), "Timedeltas", says="hours")),
)

q12 = ReflectionExercise(
    variable="listening_note",
    min_words=30,
    tier="stretch",
    hints=(_("q12_hint1"), _("q12_hint2")),
    right=(Variant(lambda d: ["In 2025 we had a third of the conversation against our two "
                              "competitors.", "Net sentiment was slightly positive, but the "
                              "tool's labels are often wrong, so we read a sample.",
                              "We answered most messages within a day and we stop deleting "
                              "complaints."], "four findings"),),
    wrong=(Variant(lambda d: "Sentiment is fine.", "too short", says="at least 30 words"),),
)


__all__ = LESSON.bind(globals())

"""Lesson 11: Capstone, ten minutes in front of the executives.

In the notebook: ``from smmlab.exercises.lesson11 import *`` gives ``setup``,
``q1`` ... ``q11``, ``check_all``, ``Deck``, ``VERBS``, ``PARTS``, ``TALK_MINUTES``,
``ranked_changes`` and the ``____`` placeholder.

The learner compares the two halves of 2025 on a fixed menu of eight KPIs
(:data:`MENU`), keeps the three that moved most (the rule: the largest
relative change, up or down), says the change of a share in percentage points
(:data:`SHARES`), judges the ads by ROI on gross profit against break-even
(never platform ROAS alone), and builds a 5-6 slide talk: a storyline
(situation -> complication -> recommendation), a time budget and talking points
on every slide, every number from the analysis, titles that agree with the data,
and a recommendation that asks for a decision and names its cost and owner. Then
three likely questions with their answers (one on seasonality: one year of data
cannot separate it), an opening line and a timed rehearsal. Every expected
answer is recomputed from the learner's own data; titles, alt text, answers and
the opening line are read with :mod:`smmlab.report.claims`.

Examples
--------
>>> from smmlab.exercises import lesson11
>>> data = lesson11.setup(quiet=True)
>>> len(lesson11.top_three(data))
3
>>> lesson11.q8.check_answers({"outline": lesson11.reference_outline(data)}, data).correct
True
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from smmlab import metrics
from smmlab._messages import Catalog
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.business import incremental_roas, margin
from smmlab.exercises.core import CourseData, Lesson, Mistake, Variant, swapped
from smmlab.exercises.deck import (  # MAX_SLIDES, MIN_SLIDES, Deck: for the notebook
    MAX_SLIDES,  # noqa: F401
    MIN_SLIDES,  # noqa: F401
    OUTLINE_COLUMNS,
    PARTS,  # noqa: F401
    TALK_MINUTES,
    VERBS,
    Deck,  # noqa: F401
    deck_problems,
    notes_text,
)
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    JudgedExercise,
    ReflectionExercise,
    ValueExercise,
    Verdict,
)
from smmlab.report.claims import (
    KPI_NAMES,
    canonical_kpi,
    has_number,
    mentions,
    quantities,
    untraced,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: The KPI menu, in the order the notebook shows it. No platform ROAS: the ads are judged by
#: ROI on gross profit against break-even (:func:`paid`), as lesson 09 teaches.
MENU = ("posts", "reach", "engagement rate", "new followers", "ad spend", "CPA", "mentions",
        "negative share")
#: Shares and rates of the menu: their change is said in percentage points (16.8 % -> 26.7 %
#: is +9.9 points), never as a relative change of a share ("rose 59 %").
SHARES = ("engagement rate", "negative share")
#: The two halves of 2025 that the deck compares.
HALVES = {"H1": range(1, 7), "H2": range(7, 13)}
#: Other names of each KPI of the menu (English, Italian, French), from the claims reader.
MENU_ALIASES: dict[str, tuple[str, ...]] = {
    kpi: tuple(a for a in KPI_NAMES.get(canonical_kpi(kpi) or kpi, ()) if a != kpi)
    for kpi in MENU}
#: The Italian name of each KPI of the menu (the exercises' own variants).
ITALIAN = {"posts": "pubblicazioni", "reach": "copertura", "engagement rate":
           "tasso di engagement", "new followers": "nuovi follower", "ad spend":
           "spesa pubblicitaria", "CPA": "costo per acquisizione",
           "mentions": "menzioni", "negative share": "quota negativa"}
#: Rules of the deck check, for partial credit (slide count, charts, alt text, titles,
#: claims, traced numbers, recommendation with its cost and owner, storyline, timing,
#: talking points).
DECK_RULES = 10
_RULE_GROUP = {"too_many_slides": "slides", "too_few_slides": "slides", "two_charts": "charts",
               "no_chart": "charts", "percent_for_points": "wrong_claim",
               "no_cost": "no_recommendation", "no_owner": "no_recommendation",
               "over_time": "no_timing"}
#: How many likely questions the talk prepares.
QUESTIONS = 3
#: Fewest words in the answer to a likely question.
MIN_ANSWER_WORDS = 8
#: Words that make a question about seasonality (English, Italian, French).
SEASON_WORDS = ("season", "christmas", "summer", "holiday", "last year", "same period",
                "year over year", "year-on-year", "stagion", "natale", "estate", "anno scorso",
                "saison", "noël", "noel", "l'an dernier", "l'année dernière")

MESSAGES = Catalog(
    {
        "en": {
            "title": "Capstone: ten minutes in front of the executives",
            # q1 relative changes
            "q1_hint1": "A relative change is new ÷ old − 1, for every row of the menu at once: "
                        "the second half is new, the first half is old.",
            "q1_hint2": "changes = menu[\"H2\"] / menu[\"H1\"] - 1",
            "q1_difference": "That is the difference in units (H2 − H1): reach moves by "
                             "millions, ROAS by decimals, so they cannot be compared. Divide: "
                             "H2 ÷ H1 − 1.",
            "q1_upside_down": "You divided the first half by the second. The change goes from "
                              "old to new: H2 ÷ H1 − 1.",
            "q1_percent": "Those look like percentages. Keep the changes as fractions (0.078 "
                          "for +7.8 %): drop the * 100; titles show them as % with :.0%.",
            # q2 top three
            "q2_hint1": "Rank the KPIs by the size of their change, ignoring the sign: a fall of "
                        "30 % matters as much as a rise of 30 %. Keep the first three names.",
            "q2_hint2": "top_three = list(changes.abs().sort_values(ascending=False)"
                        ".index[:3])",
            "q2_units": "Those are the three biggest changes in units (H2 − H1): the counts in "
                        "the millions always win. Compare relative changes.",
            "q2_menu_order": "Those are the first three KPIs of the menu, not the three that "
                             "moved most. Sort by the size of the change.",
            "q2_smallest": "Those are the three KPIs that moved *least*. Sort from the biggest "
                           "change down (ascending=False).",
            "q2_signed": "Those are the three biggest rises: a fall of {fall:.0%} in {kpi} is "
                         "left out. A fall deserves the executives' time as much as a rise: "
                         "rank by the size of the change, changes.abs().",
            # q3 opening KPI
            "q3_hint1": "Executives remember the first slide. Open with the biggest movement "
                        "of the half, good news or bad.",
            "q3_hint2": "opening_kpi = changes.abs().idxmax()",
            "q3_why": "{got} moved {got_change:+.0%}; {best} moved {best_change:+.0%}, the "
                      "biggest movement. Open with it, whether it is good news or bad.",
            # q4 points
            "q4_hint1": "A share's change is said in points: the second half's share minus the "
                        "first half's, in percent. 16.8 % -> 26.7 % is +9.9 points.",
            "q4_hint2": "negative_points = (menu.loc[\"negative share\", \"H2\"] - "
                        "menu.loc[\"negative share\", \"H1\"]) * 100",
            "q4_relative": "That is the relative change of the share ({relative}): how much "
                           "the share grew as a fraction of itself. A listener hears "
                           "\"{relative} of our mentions\". Say it in points: "
                           "(H2 − H1) × 100.",
            "q4_fraction": "That is the change as a fraction ({fraction}). In points, "
                           "multiply by 100: {points} points.",
            "q4_upside_down": "You subtracted the second half from the first. The change goes "
                              "from old to new: H2 − H1.",
            # q5 ROI on gross profit
            "q5_hint1": "ROI on gross profit: (attributed revenue × gross margin − ad spend) ÷ "
                        "ad spend, over the second half's ads. The margin is in "
                        "data[\"brand\"][\"gross_margin\"].",
            "q5_hint2": "ads_roi = (h2_ads[\"revenue\"].sum() * gross_margin - "
                        "h2_ads[\"spend\"].sum()) / h2_ads[\"spend\"].sum()",
            "q5_on_revenue": "That is ROI on revenue (ROAS − 1): it forgets that the goods sold "
                             "cost money. Multiply the revenue by the gross margin ({margin:.0%}) "
                             "first: a CFO computes ROI on gross profit.",
            "q5_roas": "That is the ROAS, revenue per euro of ads, the platform's number. ROI "
                       "subtracts the cost and uses the gross profit: (revenue × margin − "
                       "spend) ÷ spend.",
            "q5_first_half": "That is the first half's ROI. The question asks for the second "
                             "half (July-December).",
            "q5_percent": "Keep ROI as a fraction (−0.12 for −12 %): drop the * 100.",
            # q9 likely questions
            "q9_hint1": "Three pairs (question, answer): what would the CFO, the managing "
                        "director and sales ask? One of them is \"Isn't the second half always "
                        "better because of the season?\"",
            "q9_hint2": "questions = [(\"Isn't that just the season?\", f\"Maybe: ... \"), "
                        "(\"...?\", \"...\"), (\"...?\", \"...\")]; build the answers' "
                        "numbers with f-strings.",
            "q9_form": "questions should be a list of (question, answer) pairs, or a dict "
                       "{{question: answer}}, all texts.",
            "q9_count": "Prepare {n} likely questions, each with its answer: you have {got}.",
            "q9_not_question": "\"{question}\" is not a question: write it as the executive "
                               "would ask it, with a question mark.",
            "q9_short": "The answer to \"{question}\" is too short ({got} words): say the "
                        "number and what it means in at least {words} words.",
            "q9_no_season": "None of your questions is about seasonality. The executives will "
                            "ask \"Isn't the second half always better (or worse): summer, "
                            "Christmas?\" Prepare the answer: with one year of data, H2 against H1 "
                            "cannot separate the season from what you did.",
            "q9_no_number": "None of your answers gives a number. Answer at least one question "
                            "with a number from the notebook.",
            "q9_untraced": "An answer quotes a number no cell computed: {numbers}. Build it "
                           "from the variables with an f-string.",
            # q11 rehearsal
            "q11_hint1": "Say the talk aloud, slide by slide, with a timer (your phone's, or "
                         "time.perf_counter() in a cell). Write how long it took and what you "
                         "changed.",
            "q11_hint2": "rehearsal = \"First run-through: 8.5 minutes, over the 7 of the "
                         "budget; I cut the fourth slide's notes. Second: 6.5 minutes.\"",
            "q11_no_minutes": "Time a run-through of your talk and write how many minutes it "
                              "took (a number), and what you changed.",
            "q11_over": "Your last run-through is over the {budget:g} minutes of talking a "
                        "ten-minute slot leaves (3 are for questions). Cut a slide or a talking "
                        "point, run it again, and write the new time last.",
            # q6 chart
            "q6_hint1": "monthly[opening_kpi] holds the KPI month by month: draw it as a line, "
                        "one point per month, like the worked example.",
            "q6_hint2": "fig, ax = plt.subplots(); ax.plot(monthly.index, "
                        "monthly[opening_kpi], marker=\"o\"); ax.set_title(...); "
                        "ax.set_xlabel(\"Month\"); ax.set_ylabel(...); "
                        "viz.set_alt_text(fig, \"...\")",
            # q7 is_conclusion
            "q7_hint1": "Two tests, both needed: one of the words of VERBS is in the title, and "
                        "the title has a number: has_number(title) (it does not count H2, Q4 "
                        "or a year as a number).",
            "q7_hint2": "words = title.lower().replace(\",\", \" \").split(); return "
                        "any(w in VERBS for w in words) and has_number(title)",
            "q7_digit_only": "Your function accepts any title with a digit, such as \"Reach in "
                             "2025\": that is still a topic. A conclusion also needs a verb "
                             "(from VERBS), and a number that measures something: "
                             "has_number(title).",
            "q7_isdigit": "Your function counts the 2 of \"H2\" (or a year) as a number: "
                          "\"Reach rose in H2\" still does not say by how much. Use "
                          "has_number(title), which skips H2, Q4 and years, instead of "
                          "ch.isdigit().",
            "q7_verb_only": "Your function accepts titles without a number, such as \"Reach "
                            "rose\": the executives will ask \"by how much?\". Require a number "
                            "too: has_number(title).",
            "q7_length": "Your function judges the title by its length. A long title can still "
                         "be a topic (\"What happened to our reach this year\"): look for a "
                         "verb and a number.",
            # q8 deck check
            "q8_hint1": "Run deck.problems(numbers, truth=ranked, points=points, "
                        "recommendation=True, talk=True) and fix what it lists: 5 or 6 slides, "
                        "a part of the storyline and minutes on each, at most 7 minutes in "
                        "all, two talking points or more in the notes, titles with a verb and "
                        "a number that agree with the data (shares in points), one chart with "
                        "alt text on each, only numbers from the numbers table, and a "
                        "recommendation with its cost and its owner.",
            "q8_hint2": "slides.append(kpi_slide(ranked.index[3], part=\"complication\", "
                        "minutes=1)) and a last slide {{\"part\": \"recommendation\", "
                        "\"title\": \"We should ...\", \"minutes\": 2, \"chart\": ..., "
                        "\"alt\": ..., \"notes\": [\"Decision: ...\", \"Cost: ... "
                        "euros\", \"Owner: ...\"]}}; then outline = Deck(slides).outline().",
            "q8_percent_for_points": "Slide {detail}. That is the relative change of a share "
                                     "or rate: say how many points it moved (\"rose 9.9 "
                                     "points\"), with the two levels in the notes.",
            "q8_no_cost": "The recommendation does not say what it costs: put the amount "
                          "(euros a month, or what is at stake) in its title or notes.",
            "q8_no_owner": "The recommendation names no owner: who will do it? Write \"Owner: "
                           "...\" in its notes (you, the ads agency, the community manager).",
            "q8_storyline": "The talk needs a storyline: give each slide a \"part\", "
                            "situation, then complication, then recommendation, in that order.",
            "q8_no_timing": "Give each slide its minutes (\"minutes\": 1.5): the time budget "
                            "you will rehearse against.",
            "q8_over_time": "The slides' minutes add up to {detail}: more than the 7 minutes of "
                            "talking a ten-minute slot leaves. Cut a slide or its time.",
            "q8_thin_notes": "The notes of a slide have fewer than two talking points: write what "
                             "you will say as a short list (\"notes\": [\"...\", \"...\"]).",
            "q8_too_many_slides": "Your deck has more than six slides: ten minutes with "
                                  "questions leave time for five or six. Merge or drop the "
                                  "weakest.",
            "q8_too_few_slides": "Your deck has fewer than five slides: add the slides the "
                                 "exercise asks for.",
            "q8_two_charts": "A slide shows two charts: the audience reads neither. One chart "
                             "per slide, one message per chart.",
            "q8_no_chart": "A slide has no chart: each slide shows the evidence for its title.",
            "q8_no_alt": "A chart has no alt text: write what it shows and its takeaway.",
            "q8_topic_titles": "A title names a topic (\"Reach\") instead of stating the "
                               "finding. Write a conclusion: a verb and a number, \"Reach rose "
                               "78 % in the second half\" (H2, Q4 and years are not numbers).",
            "q8_untraced_number": "A number on a slide was computed by no cell: it is not in "
                                  "the numbers table (as it is or as a percentage). Build the "
                                  "title from the variables, with an f-string.",
            "q8_wrong_claim": "Slide {slide}: {problem} Build the title from ranked with an "
                              "f-string, so its verb and its number come from the data.",
            "q8_no_recommendation": "No slide asks the executives for a decision. End with a "
                                    "recommendation: a title such as \"We should move 500 "
                                    "euros a month to Instagram\", with its cost and owner.",
            "q8_detail": "(slide {detail})",
            "q8_not_outline": "outline should be the table that deck.outline() returns, with "
                              "the columns {columns}.",
            # q10 opening line
            "q10_hint1": "One or two sentences: what moved, by how much, and what you want from "
                        "the room.",
            "q10_hint2": "For example: f\"{{opening_kpi}} moved {{changes[opening_kpi]:+.0%}} in "
                        "the second half; I will show why and ask for one decision.\"",
            "q10_missing": "Put the change of {kpi} ({change:.0%}) in the sentence: the first "
                          "thing the executives hear is the number.",
        }
    }
)
_ = MESSAGES.text

LESSON = Lesson("11", _("title"), source=lessons_dir() / "11_capstone.ipynb")


# --------------------------------------------------------------------------------------------
# The analysis
# --------------------------------------------------------------------------------------------


def _months(table: pd.DataFrame, column: str, months: range | list[int]) -> pd.DataFrame:
    return table[table[column].dt.month.isin(list(months))]


def kpis(data: CourseData, months: range | list[int]) -> dict[str, float]:
    """The eight KPIs of :data:`MENU` over ``months`` of 2025.

    Counts and money are the period's totals; the engagement rate is the course's one
    definition of a period's rate, the average of the posts' own rates by reach
    (:data:`smmlab.metrics.MONTH_RATE`); CPA and the negative share are ratios of totals.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> list(kpis(load_course_data(), [10])) == list(MENU)
    True
    """
    posts = _months(data.posts, "published_at", months)
    ads = _months(data.campaigns, "date", months)
    talk = _months(data.mentions, "timestamp", months)
    daily = _months(data.account_daily, "date", months)
    return {
        "posts": float(len(posts)),
        "reach": float(posts["reach"].sum()),
        "engagement rate": float(metrics.engagement_rate(posts, aggregate=metrics.MONTH_RATE)),
        "new followers": float(daily["new_followers"].sum()),
        "ad spend": float(ads["spend"].sum()),
        "CPA": float(ads["spend"].sum() / ads["conversions"].sum()),
        "mentions": float(talk["mentions"].sum()),
        "negative share": float(talk["negative"].sum() / talk["mentions"].sum()),
    }


def ads_roi(data: CourseData, half: str = "H2", *, on_revenue: bool = False) -> float:
    """ROI on gross profit of the ads in a half: (revenue x margin - spend) / spend.

    ``on_revenue=True`` recomputes the mistake (ROI on revenue, ROAS - 1).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> ads_roi(data) < ads_roi(data, on_revenue=True)
    True
    """
    ads = _months(data.campaigns, "date", HALVES[half])
    return float(metrics.roi(ads, margin=1.0 if on_revenue else margin(data),
                             aggregate="total"))


def paid(data: CourseData) -> pd.DataFrame:
    """The ads, half against half: attributed ROAS, break-even ROAS, ROI on gross profit.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> list(paid(load_course_data()).index)
    ['attributed ROAS', 'break-even ROAS', 'ROI on gross profit']
    """
    def one(half: str) -> dict[str, float]:
        ads = _months(data.campaigns, "date", HALVES[half])
        return {"attributed ROAS": float(metrics.roas(ads, aggregate="total")),
                "break-even ROAS": metrics.break_even_roas(margin(data)),
                "ROI on gross profit": ads_roi(data, half)}

    return data.cached(("11", "paid"), lambda d: pd.DataFrame(
        {half: one(half) for half in HALVES}))


def points(data: CourseData) -> pd.Series:
    """The change of each share or rate (:data:`SHARES`) and of ROI, in points as a fraction:
    H2 - H1 (0.099 is 9.9 points).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> list(points(load_course_data()).index)
    ['engagement rate', 'negative share', 'ROI']
    """
    table, money = menu(data), paid(data)
    out = {k: float(table.loc[k, "H2"] - table.loc[k, "H1"]) for k in SHARES}
    out["ROI"] = float(money.loc["ROI on gross profit", "H2"]
                       - money.loc["ROI on gross profit", "H1"])
    return pd.Series(out, name="points")


def negative_points(data: CourseData) -> float:
    """The change of the negative share from H1 to H2, in percentage points (9.9, not 0.099)."""
    return 100 * float(points(data)["negative share"])


def menu(data: CourseData) -> pd.DataFrame:
    """The KPI menu: one row per KPI, the columns ``H1`` and ``H2`` (halves of 2025)."""
    return data.cached(("11", "menu"), lambda d: pd.DataFrame(
        {half: kpis(d, months) for half, months in HALVES.items()}))


def monthly(data: CourseData) -> pd.DataFrame:
    """Every KPI month by month (index ``"2025-01"`` ... ``"2025-12"``)."""
    return data.cached(("11", "monthly"), lambda d: pd.DataFrame(
        {f"2025-{m:02d}": kpis(d, [m]) for m in range(1, 13)}).T)


def changes(data: CourseData) -> pd.Series:
    """Relative change of every KPI from the first half to the second."""
    table = menu(data)
    return (table["H2"] / table["H1"] - 1).rename("change")


def ranked_changes(data: CourseData) -> pd.Series:
    """Every KPI's relative change, the biggest movement (up or down) first.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> ranked = ranked_changes(load_course_data())
    >>> bool(abs(ranked.iloc[0]) >= abs(ranked.iloc[-1]))
    True
    """
    change = changes(data)
    return change[change.abs().sort_values(ascending=False).index]


def top_three(data: CourseData) -> list[str]:
    """The three KPIs whose relative change is largest, up or down, biggest first."""
    return list(changes(data).abs().sort_values(ascending=False).index[:3])


def analysis_numbers(data: CourseData) -> pd.DataFrame:
    """Every number the notebook computes for the slides: name and value.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> len(analysis_numbers(load_course_data())) == 3 * len(MENU) + 2 * 3 + 1 + 3 + 2
    True
    """
    table, change, money, moved = menu(data), changes(data), paid(data), points(data)
    rows = []
    for kpi in table.index:
        rows += [(f"{kpi} H1", table.loc[kpi, "H1"]), (f"{kpi} H2", table.loc[kpi, "H2"]),
                 (f"{kpi} change", change[kpi])]
    for name in money.index:
        rows += [(f"{name} H1", money.loc[name, "H1"]), (f"{name} H2", money.loc[name, "H2"])]
    rows.append(("break-even ROAS", metrics.break_even_roas(margin(data))))
    rows += [(f"{kpi} points", value) for kpi, value in moved.items()]
    rows += [("incremental ROAS (holdout)", incremental_roas(data)),
             ("gross margin", margin(data))]
    return pd.DataFrame(rows, columns=["name", "value"])


def verb(change: float) -> str:
    """``"rose"`` or ``"fell"``."""
    return "rose" if change >= 0 else "fell"


def opening(data: CourseData) -> str:
    """The KPI that moved most, up or down: the one the talk opens with."""
    return str(changes(data).abs().idxmax())


def menu_name(word: Any) -> Any:
    """The menu's name for a KPI written in English, Italian or French (else ``word``).

    Examples
    --------
    >>> menu_name("copertura"), menu_name("Nuovi follower"), menu_name("weather")
    ('reach', 'new followers', 'weather')
    """
    if not isinstance(word, str):
        return word
    found = canonical_kpi(word)
    return next((k for k in MENU if found is not None and canonical_kpi(k) == found), word)


def _menu_names(answer: Any, data: CourseData) -> Any:
    """A list of KPI names with each name as the menu writes it (for Italian answers)."""
    if isinstance(answer, list | tuple):
        return [menu_name(w) for w in answer]
    return answer


# --------------------------------------------------------------------------------------------
# Step 1: the three numbers that matter
# --------------------------------------------------------------------------------------------


def _difference(data: CourseData) -> pd.Series:
    return (menu(data)["H2"] - menu(data)["H1"]).rename("change")



q1 = ValueExercise(
    variable="changes",
    expected=changes,
    abs_tol=5e-4,  # the notebook shows the changes to 3 decimals
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    mistakes=(
        Mistake("difference", _difference, _("q1_difference")),
        Mistake("upside_down", lambda d: (menu(d)["H1"] / menu(d)["H2"] - 1).rename("change"),
                _("q1_upside_down")),
        Mistake("percent", lambda d: changes(d) * 100, _("q1_percent")),
    ),
    right=(Variant(lambda d: changes(d).round(3), "to 3 decimals, as the notebook shows"),
           Variant(lambda d: changes(d).sort_values(), "sorted"),
           Variant(lambda d: changes(d).to_frame("change"), "a one-column table")),
    wrong=(Variant(_difference, "H2 - H1", says="units"),
           Variant(lambda d: menu(d)["H1"] / menu(d)["H2"] - 1, "H1 / H2 - 1",
                   says="first half by the second"),
           Variant(lambda d: changes(d) * 100, "percentages", says="percentages"),
           Variant(lambda d: swapped(changes(d)), "values swapped between KPIs",
                   says="for posts your value")),
)


def _signed_top_three(data: CourseData) -> list[str]:
    return list(changes(data).sort_values(ascending=False).index[:3])


def _left_out_fall(data: CourseData) -> dict[str, Any]:
    """The biggest fall the signed ranking leaves out of the top three."""
    change = changes(data)
    falls = [k for k in top_three(data) if k not in _signed_top_three(data)]
    kpi = falls[0] if falls else str(change.idxmin())
    return {"kpi": kpi, "fall": abs(float(change[kpi]))}


q2 = ValueExercise(
    variable="top_three",
    expected=top_three,
    prepare=_menu_names,
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("units", lambda d: list(_difference(d).abs().sort_values(ascending=False)
                                        .index[:3]), _("q2_units")),
        Mistake("menu_order", lambda d: list(MENU[:3]), _("q2_menu_order")),
        Mistake("smallest", lambda d: list(changes(d).abs().sort_values().index[:3]),
                _("q2_smallest")),
        Mistake("signed", _signed_top_three, lambda d: _("q2_signed", **_left_out_fall(d))),
    ),
    right=(Variant(lambda d: list(reversed(top_three(d))), "another order"),
           Variant(lambda d: tuple(k.upper() for k in top_three(d)), "capitals, a tuple"),
           Variant(lambda d: [ITALIAN[k] for k in top_three(d)], "in Italian")),
    wrong=(Variant(lambda d: list(_difference(d).abs().sort_values(ascending=False).index[:3]),
                   "biggest in units", says="units"),
           Variant(lambda d: list(MENU[:3]), "the menu's first three", says="menu"),
           Variant(lambda d: list(changes(d).abs().sort_values().index[:3]),
                   "the three that moved least", says="least"),
           Variant(lambda d: top_three(d)[:2], "two names", says="3 items")),
)


def _opening_why(data: CourseData) -> dict[str, str]:
    """Why each other KPI is not the opening one, quoting the learner's own changes."""
    change = changes(data)
    best = opening(data)
    return {k: _("q3_why", got=k, got_change=change[k], best=best, best_change=change[best])
            for k in MENU}


q3 = DecisionExercise(
    variable="opening_kpi",
    choices=MENU,
    expected=opening,
    why=_opening_why,
    aliases=MENU_ALIASES,
    tier="warm-up",
    hints=(_("q3_hint1"), _("q3_hint2")),
    right=(Variant(lambda d: opening(d).upper(), "in capitals"),
           Variant(lambda d: ITALIAN[opening(d)].capitalize(), "in Italian")),
    wrong=(Variant(lambda d: str(ranked_changes(d).index[1]), "the second mover", says=opening),
           Variant(lambda d: str(ranked_changes(d).index[-1]), "the smallest mover",
                   says="biggest movement"),
           Variant(lambda d: "likes", "not on the menu", says="must be one of")),
)

# --------------------------------------------------------------------------------------------
# Step 2: points, not percent, for a share; the season
# --------------------------------------------------------------------------------------------


def _signed(value: float, decimals: int, *, percent: bool = False) -> str:
    """``value`` with a sign, at least ``decimals`` decimals and two significant digits.

    A share that barely moved still shows its change (-0.0099 points, not -0.0 points).

    Examples
    --------
    >>> _signed(9.87, 1), _signed(-0.00986, 1), _signed(0.59, 0, percent=True)
    ('+9.9', '-0.0099', '+59%')
    >>> _signed(-0.00062, 0, percent=True)
    '-0.062%'
    """
    shown = 100 * value if percent else value
    if shown and math.isfinite(shown):
        decimals = max(decimals, 1 - math.floor(math.log10(abs(shown))))
    return f"{shown:+.{decimals}f}" + ("%" if percent else "")


def _relative_share(data: CourseData) -> dict[str, str]:
    return {"relative": _signed(float(changes(data)["negative share"]), 0, percent=True)}


def _fraction_points(data: CourseData) -> dict[str, str]:
    points = negative_points(data)
    return {"fraction": _signed(points / 100, 3), "points": _signed(points, 1)}


q4 = ValueExercise(
    variable="negative_points",
    expected=negative_points,
    tier="warm-up",
    hints=(_("q4_hint1"), _("q4_hint2")),
    mistakes=(
        Mistake("relative_change", lambda d: 100 * float(changes(d)["negative share"]),
                lambda d: _("q4_relative", **_relative_share(d))),
        Mistake("relative_fraction", lambda d: float(changes(d)["negative share"]),
                lambda d: _("q4_relative", **_relative_share(d))),
        Mistake("fraction", lambda d: negative_points(d) / 100,
                lambda d: _("q4_fraction", **_fraction_points(d))),
        Mistake("upside_down", lambda d: -negative_points(d), _("q4_upside_down")),
    ),
    right=(Variant(negative_points, "H2 - H1, times 100"),
           Variant(lambda d: round(negative_points(d), 2), "to two decimals")),
    wrong=(Variant(lambda d: 100 * float(changes(d)["negative share"]),
                   "the relative change of the share", says="relative change"),
           Variant(lambda d: negative_points(d) / 100, "a fraction", says="multiply by 100"),
           Variant(lambda d: -negative_points(d), "H1 - H2", says="old to new")),
)


# --------------------------------------------------------------------------------------------
# Step 3: the ads, judged as a CFO judges them
# --------------------------------------------------------------------------------------------


q5 = ValueExercise(
    variable="ads_roi",
    expected=ads_roi,
    hints=(_("q5_hint1"), _("q5_hint2")),
    mistakes=(
        Mistake("on_revenue", lambda d: ads_roi(d, on_revenue=True),
                lambda d: _("q5_on_revenue", margin=margin(d))),
        Mistake("roas", lambda d: float(paid(d).loc["attributed ROAS", "H2"]), _("q5_roas")),
        Mistake("first_half", lambda d: ads_roi(d, "H1"), _("q5_first_half")),
        Mistake("percent", lambda d: 100 * ads_roi(d), _("q5_percent")),
    ),
    right=(Variant(ads_roi, "on gross profit"),
           Variant(lambda d: round(ads_roi(d), 3), "3 decimals, as printed")),
    wrong=(Variant(lambda d: ads_roi(d, on_revenue=True), "ROI on revenue",
                   says="gross margin"),
           Variant(lambda d: float(paid(d).loc["attributed ROAS", "H2"]), "the ROAS",
                   says="platform's number"),
           Variant(lambda d: ads_roi(d, "H1"), "the first half", says="second half"),
           Variant(lambda d: 100 * ads_roi(d), "a percentage", says="fraction")),
)


# --------------------------------------------------------------------------------------------
# Step 2: one chart per slide
# --------------------------------------------------------------------------------------------


def _opening_line_values(data: CourseData) -> pd.Series:
    return monthly(data)[opening(data)]


def _scale(values: pd.Series) -> tuple[float, str]:
    """How a learner rescales a KPI to read it: millions, thousands or percent, and its label."""
    top = float(values.abs().max())
    if top >= 1e6:
        return 1e-6, " (millions)"
    if top >= 1e4:
        return 1e-3, " (thousands)"
    if top < 1:
        return 100.0, " (%)"
    return 1.0, ""


def _line_chart(data: CourseData, *, kpi: str | None = None, title: str | None = None,
                alt: str | None = None, rescale: bool = False, bars: bool = False,
                month_numbers: bool = False, months_as: str = "") -> Figure:
    """A chart a learner might draw for q4 (the exercise's own variants)."""
    import matplotlib.pyplot as plt

    from smmlab import viz

    kpi = kpi or opening(data)
    values = monthly(data)[kpi]
    scale, unit = _scale(values) if rescale else (1.0, "")
    x: list[Any] = list(range(1, 13)) if month_numbers else list(values.index)
    if months_as == "dates":
        x = list(pd.to_datetime(values.index))
    elif months_as == "names":
        x = list(pd.to_datetime(values.index).strftime("%b"))
    fig, ax = plt.subplots()
    if bars:
        ax.bar(x, values.to_numpy() * scale)
    else:
        ax.plot(x, values.to_numpy() * scale, marker="o")
    ax.set_title(title if title is not None else f"{kpi} month by month in 2025")
    ax.set_xlabel("Month")
    ax.set_ylabel(f"{kpi}{unit}")
    change = float(changes(data)[kpi])
    if alt != "":
        viz.set_alt_text(fig, alt if alt is not None else
                         f"Line chart of {kpi} in each month of 2025: it moved {change:+.0%} "
                         f"from the first half to the second.")
    plt.close(fig)
    return fig


#: Month names a learner may put on the x axis (English, Italian, French; full or short).
_MONTH_NAMES = {name: i for i, names in enumerate((
    ("january", "jan", "gennaio", "gen", "janvier", "janv"), ("february", "feb", "febbraio",
    "fevrier", "février", "fevr"), ("march", "mar", "marzo", "mars"), ("april", "apr",
    "aprile", "avril", "avr"), ("may", "maggio", "mag", "mai"), ("june", "jun", "giugno",
    "giu", "juin"), ("july", "jul", "luglio", "lug", "juillet", "juil"), ("august", "aug",
    "agosto", "ago", "août", "aout"), ("september", "sep", "sept", "settembre", "set",
    "septembre"), ("october", "oct", "ottobre", "ott", "octobre"), ("november", "nov",
    "novembre"), ("december", "dec", "dicembre", "dic", "décembre", "decembre")), start=1)
    for name in names}
_MONTH_DATE = re.compile(r"^2025-(\d\d)(?:-01(?:[T ]00:00(?::00)?)?)?$")


def month_label(x: Any) -> Any:
    """A month on a chart's x axis as ``monthly`` labels it: ``"2025-01"``.

    Examples
    --------
    >>> month_label("2025-03-01"), month_label("Mar"), month_label("Gennaio"), month_label(4.0)
    ('2025-03', '2025-03', '2025-01', 4.0)
    """
    if not isinstance(x, str):
        return x
    found = _MONTH_DATE.match(x.strip())
    if found:
        return f"2025-{found.group(1)}"
    number = _MONTH_NAMES.get(x.strip().rstrip(".").casefold())
    return f"2025-{number:02d}" if number else x


def _months_as_monthly(model: Any, data: CourseData) -> Any:
    """The chart with months drawn as dates or names labelled as ``monthly`` labels them."""
    import dataclasses

    def panel(p: Any) -> Any:
        return dataclasses.replace(p, series=tuple(
            dataclasses.replace(s, x=tuple(month_label(x) for x in s.x)) for s in p.series))

    return dataclasses.replace(model, panels=tuple(panel(p) for p in model.panels))


def _flipped(change: float) -> str:
    """The wrong direction for a change."""
    return "fell" if change >= 0 else "rose"


q6 = ChartExercise(
    variable="fig",
    expected=_opening_line_values,
    kpi=opening,
    claims=lambda d: changes(d).to_dict(),
    prepare=_months_as_monthly,
    hints=(_("q6_hint1"), _("q6_hint2")),
    right=(Variant(lambda d: _line_chart(d), "a line, as the worked example"),
           Variant(lambda d: _line_chart(d, rescale=True),
                   "in millions, thousands or percent, said on the axis"),
           Variant(lambda d: _line_chart(d, month_numbers=True), "months as numbers 1-12"),
           Variant(lambda d: _line_chart(d, months_as="dates"), "months as dates"),
           Variant(lambda d: _line_chart(d, months_as="names"), "months as names (Jan...)"),
           Variant(lambda d: _line_chart(d, bars=True, title=(
               f"{opening(d)} {verb(changes(d)[opening(d)])} "
               f"{abs(changes(d)[opening(d)]):.0%} in the second half")),
               "bars, with a conclusion title")),
    wrong=(Variant(lambda d: _line_chart(d, kpi=str(ranked_changes(d).index[1]), title=(
               f"{opening(d)} month by month in 2025")), "the second KPI's line",
               says="in your chart"),
           Variant(lambda d: _line_chart(d, title=(
               f"{opening(d)} {_flipped(changes(d)[opening(d)])} "
               f"{abs(changes(d)[opening(d)]):.0%} in the second half")),
               "a title with the wrong direction", says="in the data it"),
           Variant(lambda d: _line_chart(d, title=(
               f"{ranked_changes(d).index[1]} month by month in 2025")),
               "titled with another KPI", says="but the chart shows"),
           Variant(lambda d: _line_chart(d, alt=""), "no alt text", says="alt text")),
)

# --------------------------------------------------------------------------------------------
# Step 3: conclusion-style titles
# --------------------------------------------------------------------------------------------

#: Titles every learner's function is tried on: topics, conclusions, and "numbers" that are
#: not numbers (H2, Q4, years).
FIXED_TITLES = ("Reach", "Reach in 2025", "Reach rose", "Reach rose in H2",
                "Reach doubled in 2025", "Engagement rate fell in Q4", "Q3 results",
                "What happened to our reach this year",
                "Engagement rate fell 28% in the second half",
                "Ad spend rose 7% while ROAS fell 3%",
                "We should move 500 euros a month to Instagram")


def _words(title: str) -> list[str]:
    return title.lower().replace(",", " ").split()


def title_rule(title: str) -> bool:
    """The rule the exercise states: a word of :data:`VERBS` and a number (:func:`has_number`).

    Examples
    --------
    >>> title_rule("Reach rose 78% in the second half"), title_rule("Reach rose in H2")
    (True, False)
    """
    return any(w in VERBS for w in _words(title)) and has_number(title)


def _title_cases(data: CourseData) -> list[tuple[tuple, Any]]:
    titles = [*FIXED_TITLES, *reference_titles(data)[:2], *MENU[:2]]
    return [((t,), title_rule(t)) for t in titles]


def _digit_only(title: str) -> bool:
    return any(ch.isdigit() for ch in title)


def _isdigit(title: str) -> bool:
    return any(w in VERBS for w in _words(title)) and any(ch.isdigit() for ch in title)


def _verb_only(title: str) -> bool:
    return any(w in VERBS for w in _words(title))


def _length(title: str) -> bool:
    return len(title.split()) >= 4


q7 = FunctionExercise(
    variable="is_conclusion",
    cases=_title_cases,
    hints=(_("q7_hint1"), _("q7_hint2")),
    mistakes=(
        Mistake("isdigit", lambda d: _isdigit, _("q7_isdigit")),
        Mistake("digit_only", lambda d: _digit_only, _("q7_digit_only")),
        Mistake("verb_only", lambda d: _verb_only, _("q7_verb_only")),
        Mistake("length", lambda d: _length, _("q7_length")),
    ),
    right=(Variant(lambda d: title_rule, "a verb and has_number"),
           Variant(lambda d: lambda t: bool(set(re.findall(r"[a-z]+", t.lower())) & set(VERBS))
                   and has_number(t), "words found with a regular expression"),
           Variant(lambda d: lambda t: has_number(t) and any(v in _words(t) for v in VERBS),
                   "the number tested first")),
    wrong=(Variant(lambda d: _isdigit, "a digit with ch.isdigit()", says="has_number"),
           Variant(lambda d: _digit_only, "any digit, no verb", says="verb"),
           Variant(lambda d: _verb_only, "a verb, no number", says="by how much"),
           Variant(lambda d: _length, "a long title", says="length")),
)

# --------------------------------------------------------------------------------------------
# Step 4: the deck and its automated check
# --------------------------------------------------------------------------------------------


def _outline_form(outline: Any) -> str | None:
    """What is wrong with the outline's form (a table with the outline's columns), or None."""
    if not isinstance(outline, pd.DataFrame) or not set(OUTLINE_COLUMNS) <= set(outline.columns):
        return _("q8_not_outline", columns=", ".join(OUTLINE_COLUMNS))
    return None


def _deck_message(rule: str, detail: str) -> str:
    if rule == "wrong_claim":
        slide, _sep, problem = detail.partition(": ")
        return _("q8_wrong_claim", slide=slide, problem=problem)
    if rule in ("percent_for_points", "over_time"):
        return _(f"q8_{rule}", detail=detail)
    message = _(f"q8_{rule}")
    if not detail or rule in ("too_many_slides", "too_few_slides", "storyline"):
        return message
    return f"{message} {_('q8_detail', detail=detail)}"


def truth_in_points(data: CourseData) -> dict[str, float]:
    """The changes the deck says in points (shares, rates and ROI), as fractions."""
    return points(data).to_dict()


def judge_deck(outline: Any, data: CourseData) -> Verdict:
    """The deck passes the rules of :func:`smmlab.exercises.deck.deck_problems`.

    There is no single right deck: the check is the rules, applied to the learner's outline
    with the numbers and the true changes recomputed from the learner's data (shares, rates
    and ROI in points), a recommendation with its cost and owner, and a talk's storyline,
    time budget and talking points.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> judge_deck(reference_outline(data), data).correct
    True
    >>> judge_deck(reference_outline(data).iloc[:4], data).mistake
    'too_few_slides'
    """
    problem = _outline_form(outline)
    if problem:
        return Verdict(0.0, problem)
    try:
        outline = outline.sort_values("slide")
    except (TypeError, ValueError):
        pass
    moved = truth_in_points(data)
    truth = {k: v for k, v in changes(data).items() if k not in moved}
    found = deck_problems(outline, analysis_numbers(data), truth=truth, points=moved,
                          recommendation=True, talk=True)
    if not found:
        return Verdict(1.0)
    rule, detail = found[0]
    broken = {_RULE_GROUP.get(r, r) for r, _d in found}
    return Verdict(max(0.0, 1 - len(broken) / DECK_RULES), _deck_message(rule, detail), rule)


def currency(data: CourseData) -> str:
    """The brand's currency code (EUR, USD, GBP or CHF)."""
    return str(data["brand"]["currency"].iloc[0])


def holdback_budget(data: CourseData) -> float:
    """What the solution's recommendation holds back: a quarter of a month of H2's ad spend."""
    return float(menu(data).loc["ad spend", "H2"]) / 6 / 4


def kpi_title(data: CourseData, kpi: str, *, italian: bool = False, flip: bool = False,
              size: float | None = None) -> str:
    """A conclusion title for one KPI: its relative change, or its change in points for a share
    or rate (:data:`SHARES`) and ROI. ``flip`` states the wrong direction; ``size`` another
    number (both: the exercise's wrong variants).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> kpi_title(load_course_data(), "reach").endswith("% in the second half")
    True
    >>> kpi_title(load_course_data(), "negative share").split()[-5]
    'points'
    """
    moved = truth_in_points(data)
    change = moved[kpi] if kpi in moved else float(changes(data)[kpi])
    up = (change >= 0) != flip
    amount = abs(change) if size is None else size
    if kpi in moved:
        said = f"{amount * 100:.1f}"
        if italian:
            return (f"{ITALIAN.get(kpi, kpi).capitalize()}: {'+' if up else '-'}"
                    f"{said.replace('.', ',')} punti nel secondo semestre")
        return (f"{kpi[0].upper() + kpi[1:]} {'rose' if up else 'fell'} {said} points in the "
                f"second half")
    if italian:
        return (f"{ITALIAN[kpi].capitalize()}: {'+' if up else '-'}{amount:.0%} nel secondo "
                f"semestre")
    return f"{kpi[0].upper() + kpi[1:]} {'rose' if up else 'fell'} {amount:.0%} in the second half"


def recommendation_title(data: CourseData, *, italian: bool = False) -> str:
    """The solution's decision: hold back a quarter of a month's ads for a holdout test."""
    money = f"{holdback_budget(data):,.0f} {currency(data)}"
    if italian:
        return (f"Dovremmo trattenere {money.replace(',', '.')} al mese del budget pubblicitario "
                f"per un test holdout di quattro settimane")
    return (f"We should hold back {money} a month of the ad budget for a four-week holdout "
            f"test, then set the budget on what the ads caused")


def recommendation_notes(data: CourseData, *, cost: bool = True,
                         owner: bool = True) -> list[str]:
    """The talking points of the recommendation slide: decision, cost, owner, why."""
    roi = paid(data).loc["ROI on gross profit", "H2"]
    notes = ["Decision: approve the test today, to start in February."]
    if cost:
        notes.append(f"Cost: {holdback_budget(data):,.0f} {currency(data)} a month of ads held "
                     "back, and the sales they would have brought.")
    if owner:
        notes.append("Owner: me, the social media manager, with the ads agency; results at "
                     "the March meeting.")
    notes.append(f"Why: the platforms' revenue gives an ROI on gross profit of {roi:.0%}, and "
                 "it includes sales that would have happened anyway.")
    return notes


#: The storyline of the solution's five slides and each one's minutes (7 in all).
REFERENCE_PARTS = ("situation", "situation", "complication", "complication", "recommendation")
REFERENCE_MINUTES = (1.5, 1.0, 1.0, 1.5, 2.0)


def kpi_notes(data: CourseData, kpi: str) -> list[str]:
    """Two talking points for a KPI's slide: its two levels, and what to say about it."""
    if kpi == "ROI":
        money = paid(data)
        return [f"ROI on gross profit: {money.loc['ROI on gross profit', 'H1']:.0%} in the "
                f"first half, {money.loc['ROI on gross profit', 'H2']:.0%} in the second.",
                f"Break-even ROAS is {money.loc['break-even ROAS', 'H2']:.2f}; the platforms "
                f"claim {money.loc['attributed ROAS', 'H2']:.2f}, the holdout measured "
                f"{incremental_roas(data):.2f}."]
    table = menu(data)
    first, second = (say(kpi, table.loc[kpi, half]) for half in ("H1", "H2"))
    level = f"{kpi}: {first} in the first half, {second} in the second"
    if kpi in SHARES:
        level += (f" ({points(data)[kpi] * 100:+.1f} points; as a relative change "
                  f"{changes(data)[kpi]:+.0%})")
    return [f"{level}.",
            "One year of data: part of this may be the season, and I cannot separate it yet."
            if kpi == opening(data) else
            "One of the three biggest movements of the half, so it is on a slide."]


def say(kpi: str, value: float) -> str:
    """A menu value as a slide says it: a count with thousands, a share in %, money in 2 decimals.

    Examples
    --------
    >>> say("reach", 3804526.0), say("negative share", 0.26698), say("CPA", 13.7434)
    ('3,804,526', '26.7%', '13.74')
    """
    if kpi in SHARES:
        return f"{value:.1%}"
    if kpi in ("ad spend", "CPA"):
        return f"{value:,.2f}"
    return f"{value:,.0f}"


def deck_titles(data: CourseData, *, italian: bool = False, flip: bool = False,
                swap: bool = False, recommendation: str | None = None) -> list[str]:
    """Five titles built from the learner's numbers: three movers, the ads' ROI and a
    recommendation.

    ``italian`` writes them in Italian; ``flip`` gives every one the wrong direction;
    ``swap`` swaps the numbers of the two biggest movers that are not shares;
    ``recommendation`` replaces the last one ("" for a fourth mover instead). The exercise's
    own variants.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> deck_titles(load_course_data())[-1].startswith("We should hold back")
    True
    """
    ranked = list(ranked_changes(data).index)
    sizes: dict[str, float | None] = dict.fromkeys(ranked)
    if swap:
        first, second = [k for k in ranked if k not in SHARES][:2]
        change = changes(data)
        sizes[first], sizes[second] = abs(float(change[second])), abs(float(change[first]))
    titles = [kpi_title(data, k, italian=italian, flip=flip, size=sizes[k]) for k in ranked[:3]]
    titles.append(kpi_title(data, "ROI", italian=italian, flip=flip))
    if recommendation == "":
        return [*titles, kpi_title(data, ranked[3], italian=italian, flip=flip)]
    if recommendation is None:
        recommendation = recommendation_title(data, italian=italian)
    return [*titles, recommendation]


def reference_titles(data: CourseData) -> list[str]:
    """The solution's five titles, built from the learner's numbers."""
    return deck_titles(data)


def outline_of(titles: list[str], *, charts: int = 1, data: CourseData | None = None,
               parts: tuple[str, ...] = REFERENCE_PARTS,
               minutes: tuple[float, ...] = REFERENCE_MINUTES,
               notes: list[list[str]] | None = None) -> pd.DataFrame:
    """An outline (one chart with alt text a slide, parts, minutes, notes) for ``titles``.

    Without ``notes``, each slide gets two talking points (the solution's, when ``data`` is
    given, else two plain sentences).
    """
    if notes is None:
        notes = reference_notes(data, len(titles)) if data is not None else [
            ["What moved.", "What it means for us."] for _t in titles]
    rows = [{"slide": i, "part": parts[min(i - 1, len(parts) - 1)], "title": t,
             "minutes": minutes[min(i - 1, len(minutes) - 1)], "charts": charts,
             "alt": f"Line chart for slide {i}.", "notes": notes_text(notes[i - 1])}
            for i, t in enumerate(titles, start=1)]
    return pd.DataFrame(rows, columns=list(OUTLINE_COLUMNS))


def reference_notes(data: CourseData, slides: int = 5) -> list[list[str]]:
    """The solution's talking points: three movers, the ads, the recommendation."""
    ranked = list(ranked_changes(data).index)
    notes = [kpi_notes(data, k) for k in ranked[:3]] + [kpi_notes(data, "ROI")]
    notes = notes + [recommendation_notes(data)]
    if slides > len(notes):
        notes = notes[:4] + [kpi_notes(data, ranked[3])] + notes[4:]
    return notes[:slides]


def reference_outline(data: CourseData) -> pd.DataFrame:
    """A deck outline that passes every rule, like the solution notebook's."""
    return outline_of(reference_titles(data), data=data)


def _with(outline: pd.DataFrame, slide: int, **values: Any) -> pd.DataFrame:
    out = outline.copy()
    for column, value in values.items():
        out.loc[slide - 1, column] = value
    return out


def _topic_in_h2(data: CourseData) -> pd.DataFrame:
    kpi = opening(data)
    return _with(reference_outline(data), 1,
                 title=f"{kpi[0].upper() + kpi[1:]} {verb(changes(data)[kpi])} in H2")


def _six_slides(data: CourseData) -> pd.DataFrame:
    titles = deck_titles(data, recommendation="")[:4]
    ranked = list(ranked_changes(data).index)
    titles += [kpi_title(data, ranked[3]), recommendation_title(data)]
    return outline_of(titles, data=data, notes=reference_notes(data, 6),
                      parts=(*REFERENCE_PARTS[:4], "complication", "recommendation"),
                      minutes=(1.0, 1.0, 1.0, 1.0, 1.0, 2.0))


def _no_recommendation(data: CourseData) -> pd.DataFrame:
    """Five findings and no decision: a fourth mover where the recommendation was."""
    notes = reference_notes(data)[:4] + [kpi_notes(data, str(ranked_changes(data).index[3]))]
    return outline_of(deck_titles(data, recommendation=""), data=data, notes=notes)


def _share_in_percent(data: CourseData) -> pd.DataFrame:
    """The negative share's slide said as a relative change ("rose 59%")."""
    change = float(changes(data)["negative share"])
    title = (f"Negative share {verb(change)} {abs(change):.0%} in the second half")
    return _with(reference_outline(data), 3, title=title)


def _no_owner(data: CourseData) -> pd.DataFrame:
    return _with(reference_outline(data), 5, notes=notes_text(recommendation_notes(
        data, owner=False)))


def _no_cost(data: CourseData) -> pd.DataFrame:
    """The old capstone's recommendation (issue 12): "act on reach first", no cost."""
    kpi = next(k for k in ranked_changes(data).index if k not in SHARES)
    title = (f"We should act on {kpi} first: it moved {abs(changes(data)[kpi]):.0%}, more than "
             "any other KPI")
    return _with(reference_outline(data), 5, title=title,
                 notes=notes_text(recommendation_notes(data, cost=False)))


q8 = JudgedExercise(
    variable="outline",
    judge=judge_deck,
    form=_outline_form,
    hints=(_("q8_hint1"), _("q8_hint2")),
    right=(Variant(reference_outline, "the solution's deck"),
           Variant(lambda d: outline_of(deck_titles(d, recommendation=(
               "We should move 500 euros a month to Instagram")), data=d),
               "the lesson's own recommendation title"),
           Variant(lambda d: outline_of(deck_titles(d, italian=True), data=d), "in Italian"),
           Variant(_six_slides, "six slides")),
    wrong=(Variant(lambda d: outline_of(deck_titles(d, flip=True), data=d),
                   "every title with the wrong direction", says="in the data it"),
           Variant(lambda d: outline_of(deck_titles(d, swap=True), data=d),
                   "numbers swapped between two KPIs", says="gives it to"),
           Variant(_no_recommendation, "no recommendation slide", says="recommendation"),
           Variant(_topic_in_h2, "'rose in H2', no number", says="topic"),
           Variant(_share_in_percent, "a share's change in percent", says="points"),
           Variant(_no_owner, "a recommendation without an owner", says="owner"),
           Variant(_no_cost, "a recommendation without its cost", says="what it costs"),
           Variant(lambda d: _with(reference_outline(d), 2,
                                   notes="- We reached 123,457 more people than planned.\n"
                                         "- And more."),
                   "a number no cell computed, in the notes", says="computed by no cell"),
           Variant(lambda d: outline_of([*reference_titles(d), *reference_titles(d)[:2]],
                                        minutes=(1.0,)),
                   "seven slides", says="more than six"),
           Variant(lambda d: _with(reference_outline(d), 1, charts=2), "two charts on a slide",
                   says="two charts"),
           Variant(lambda d: outline_of(reference_titles(d), data=d,
                                        parts=("recommendation", "situation", "complication",
                                               "complication", "situation")),
                   "the storyline out of order", says="storyline"),
           Variant(lambda d: outline_of(reference_titles(d), data=d, minutes=(2.0,)),
                   "ten minutes of talking", says="more than the 7 minutes"),
           Variant(lambda d: _with(reference_outline(d), 2, minutes=None), "a slide untimed",
                   says="minutes"),
           Variant(lambda d: _with(reference_outline(d), 4, notes="Say the ROI."),
                   "one talking point", says="talking points")),
)


# --------------------------------------------------------------------------------------------
# Step 6: three likely questions
# --------------------------------------------------------------------------------------------


def _pairs(answer: Any) -> list[tuple[str, str]] | None:
    """The (question, answer) pairs of a learner's answer (a list of pairs or a dict)."""
    if isinstance(answer, dict):
        answer = list(answer.items())
    if not isinstance(answer, list | tuple):
        return None
    pairs = []
    for item in answer:
        if not (isinstance(item, list | tuple) and len(item) == 2
                and all(isinstance(x, str) for x in item)):
            return None
        pairs.append((item[0].strip(), item[1].strip()))
    return pairs


def _questions_form(answer: Any) -> str | None:
    return None if _pairs(answer) is not None else _("q9_form")


def _about_season(question: str, answer: str = "") -> bool:
    said = f"{question} {answer}".casefold()
    return any(w in said for w in SEASON_WORDS)


def judge_questions(answer: Any, data: CourseData) -> Verdict:
    """Three likely questions, each with an answer: real questions, answers of at least
    :data:`MIN_ANSWER_WORDS` words, one about seasonality, at least one answer with a number,
    and every number from the analysis (amounts of money a plan costs aside).

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> data = load_course_data()
    >>> judge_questions(reference_questions(data), data).correct
    True
    >>> judge_questions(reference_questions(data)[:2], data).mistake
    'count'
    """
    pairs = _pairs(answer)
    if pairs is None:
        return Verdict(0.0, _("q9_form"), "form")
    problems: list[tuple[str, str]] = []
    if len(pairs) < QUESTIONS:
        problems.append(("count", _("q9_count", n=QUESTIONS, got=len(pairs))))
    for question, _reply in pairs:
        if "?" not in question:
            problems.append(("not_question", _("q9_not_question", question=question)))
            break
    for question, reply in pairs:
        if len(reply.split()) < MIN_ANSWER_WORDS:
            problems.append(("short", _("q9_short", question=question, got=len(reply.split()),
                                        words=MIN_ANSWER_WORDS)))
            break
    if not any(_about_season(q) for q, _r in pairs):
        problems.append(("no_season", _("q9_no_season")))
    if not any(has_number(r) for _q, r in pairs):
        problems.append(("no_number", _("q9_no_number")))
    numbers = analysis_numbers(data)
    loose = [w for _q, r in pairs for w in untraced(r, numbers)
             if not any(q.currency and q.written == w for q in quantities(r))]
    if loose:
        problems.append(("untraced", _("q9_untraced", numbers=", ".join(loose))))
    if not problems:
        return Verdict(1.0)
    rule, message = problems[0]
    return Verdict(max(0.0, 1 - len(problems) / 6), message, rule)


def reference_questions(data: CourseData) -> list[tuple[str, str]]:
    """The solution's three likely questions and answers, with the learner's numbers."""
    top = str(ranked_changes(data).index[0])
    money = paid(data)
    roi = money.loc["ROI on gross profit", "H2"]
    return [
        ("Isn't the second half always different, with summer and Christmas in it?",
         f"Maybe: our data starts in January 2025, so one year cannot separate the season "
         f"from what we did. I will compare the same months next year; the {top} change of "
         f"{changes(data)[top]:+.0%} is what happened, not yet why."),
        ("Do the ads pay for themselves?",
         f"On the platforms' own revenue the ROI on gross profit is {roi:.0%}, against a "
         f"break-even ROAS of {money.loc['break-even ROAS', 'H2']:.2f}; the holdout measured "
         f"an incremental ROAS of {incremental_roas(data):.2f}. That is why I ask for a test."),
        ("What would make you change the recommendation?",
         "If the holdout test shows the ads cause more sales than they cost in gross profit, "
         "I will ask to keep the budget, and to grow it where the return is highest."),
    ]


q9 = JudgedExercise(
    variable="questions",
    judge=judge_questions,
    form=_questions_form,
    hints=(_("q9_hint1"), _("q9_hint2")),
    right=(Variant(reference_questions, "the solution's three"),
           Variant(lambda d: dict(reference_questions(d)), "a dict {question: answer}"),
           Variant(lambda d: [*reference_questions(d),
                              ("Who will do it?", "Me, with the ads agency; I will report the "
                               "results at the March meeting.")], "four questions")),
    wrong=(Variant(lambda d: reference_questions(d)[:2], "two questions", says="you have 2"),
           Variant(lambda d: reference_questions(d)[1:] + [
               ("Why did it move?", "Because our content changed over the year and the "
                "audience liked it more.")], "no seasonality question", says="seasonality"),
           Variant(lambda d: [(q, "We will look into it.") for q, _a in reference_questions(d)],
                   "answers too short", says="too short"),
           Variant(lambda d: [(q.rstrip("?"), a) for q, a in reference_questions(d)],
                   "statements, not questions", says="question mark"),
           Variant(lambda d: [reference_questions(d)[0][:1] + (
               "The season explains 43% of the change in my view, and the rest is ours.",),
               *reference_questions(d)[1:]], "a number no cell computed", says="no cell"),
           Variant(lambda d: "Is it the season? Maybe.", "one text", says="pairs")),
)


def _said(answer: Any) -> str:
    return " ".join(map(str, answer)) if isinstance(answer, list | tuple) else str(answer)


def _no_change(answer: Any, data: CourseData) -> bool:
    """True if the opening line does not give the opening KPI's change (rounded as you like)."""
    return not mentions(_said(answer), abs(float(changes(data)[opening(data)])) * 100,
                        rel_tol=0.05)


def _missing_message(data: CourseData) -> str:
    kpi = opening(data)
    return _("q10_missing", kpi=kpi, change=abs(float(changes(data)[kpi])))


def _opening_line(data: CourseData, number: str | None = None) -> str:
    kpi = opening(data)
    moved = number if number is not None else f"{changes(data)[kpi]:+.0%}"
    return (f"In the second half of 2025 our {kpi} moved {moved}, the biggest change of the "
            f"year; in ten minutes I will show why, and ask you for one decision.")


q10 = ReflectionExercise(
    variable="opening_line",
    min_words=12,
    tier="stretch",
    hints=(_("q10_hint1"), _("q10_hint2")),
    mistakes=(Mistake("no_number", None, _missing_message, when=_no_change),),
    right=(Variant(_opening_line, "the solution's sentence"),
           Variant(lambda d: _opening_line(d, f"about {abs(changes(d)[opening(d)]) * 100:.0f} "
                                              "per cent"), "in words: per cent"),
           Variant(lambda d: f"Nel secondo semestre la {ITALIAN[opening(d)]} è cambiata del "
                             f"{abs(changes(d)[opening(d)]):.0%}: vi mostro perché e vi chiedo "
                             "una decisione.", "in Italian")),
    wrong=(Variant(lambda d: _opening_line(d, "a lot"), "no number",
                   says=lambda d: f"{abs(changes(d)[opening(d)]):.0%}"),
           Variant(lambda d: _opening_line(d, f"{changes(d)[ranked_changes(d).index[1]]:+.0%}"),
                   "the second KPI's change", says="put the change"),
           Variant(lambda d: "Reach moved a lot.", "too short", says="at least 12 words")),
)


# --------------------------------------------------------------------------------------------
# Step 7: a timed rehearsal
# --------------------------------------------------------------------------------------------


def rehearsal_minutes(text: Any) -> float | None:
    """The minutes of the last run-through a rehearsal note gives: the last number written
    before "min" / "minutes" / "minuti", else the last number (None without one).

    Examples
    --------
    >>> rehearsal_minutes("First run: 8.5 minutes; after cutting slide 4: 6.5 minutes.")
    6.5
    >>> rehearsal_minutes("Il primo giro: 9 minuti, poi 7 minuti"), rehearsal_minutes("ok")
    (7.0, None)
    """
    said = _said(text)
    timed = re.findall(r"(\d+(?:[.,]\d+)?)\s*(?:min|minut|mn)", said, flags=re.IGNORECASE)
    found = timed or [q.written for q in quantities(said)]
    if not found:
        return None
    last = re.sub(r"[^\d.,]", "", found[-1]).replace(",", ".")
    try:
        return float(last)
    except ValueError:
        return None


def _untimed(answer: Any, data: CourseData) -> bool:
    return rehearsal_minutes(answer) is None


def _over_budget(answer: Any, data: CourseData) -> bool:
    minutes = rehearsal_minutes(answer)
    return minutes is not None and minutes > TALK_MINUTES + 0.5


def _rehearsal(first: float, last: float) -> str:
    return (f"First run-through: {first:g} minutes, over budget; I cut the fourth slide's "
            f"notes to two points and dropped a sentence. Second run-through: {last:g} minutes.")


q11 = ReflectionExercise(
    variable="rehearsal",
    min_words=10,
    hints=(_("q11_hint1"), _("q11_hint2")),
    mistakes=(Mistake("untimed", None, _("q11_no_minutes"), when=_untimed),
              Mistake("over_budget", None, _("q11_over", budget=TALK_MINUTES),
                      when=_over_budget)),
    right=(Variant(lambda d: _rehearsal(8.5, 6.5), "timed twice, within budget the second"),
           Variant(lambda d: "Ho provato il discorso con il cronometro: 9 minuti la prima "
                             "volta, 7 minuti dopo aver tagliato una slide.", "in Italian")),
    wrong=(Variant(lambda d: "I rehearsed it twice and it felt about right, not too long.",
                   "no time", says="how many minutes"),
           Variant(lambda d: _rehearsal(6.0, 9.5), "last run over budget", says="Cut a slide"),
           Variant(lambda d: "7 minutes", "too short", says="at least 10 words")),
)

__all__ = LESSON.bind(globals(), extra=("MAX_SLIDES", "MIN_SLIDES", "VERBS", "Deck", "PARTS",
                                        "SHARES", "TALK_MINUTES", "ranked_changes"))

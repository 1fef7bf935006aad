"""Lesson 11: Capstone, ten minutes in front of the executives.

In the notebook: ``from smmlab.exercises.lesson11 import *`` gives ``setup``,
``q1`` ... ``q7``, ``check_all``, ``Deck``, ``VERBS`` and the ``____`` placeholder.

The learner compares the two halves of 2025 on a fixed menu of nine KPIs
(:data:`MENU`), keeps the three that moved most (the rule: the largest
relative change, up or down), and builds a 5-6 slide deck whose every number
comes from the analysis. Every expected answer is recomputed from the
learner's own data.

Examples
--------
>>> from smmlab.exercises import lesson11
>>> data = lesson11.setup(quiet=True)
>>> len(lesson11.top_three(data))
3
>>> lesson11.q6.check_answers({"outline": lesson11.reference_outline(data)}, data).correct
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from smmlab._messages import Catalog
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.core import (
    PLACEHOLDER,
    CourseData,
    Lesson,
    Mistake,
    Outcome,
    Result,
)
from smmlab.exercises.deck import (
    MAX_SLIDES,
    MIN_SLIDES,
    OUTLINE_COLUMNS,
    VERBS,
    Deck,
    deck_problems,
    is_conclusion,
)
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    ReflectionExercise,
    ValueExercise,
)
from smmlab.exercises.lesson07 import mentions_number

#: The KPI menu, in the order the notebook shows it.
MENU = ("posts", "reach", "engagement rate", "new followers", "ad spend", "CPA", "ROAS",
        "mentions", "negative share")
#: The two halves of 2025 that the deck compares.
HALVES = {"H1": range(1, 7), "H2": range(7, 13)}

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
            # q3 opening KPI
            "q3_hint1": "Executives remember the first slide. Open with the biggest movement "
                        "of the half, good news or bad.",
            "q3_hint2": "opening_kpi = changes.abs().idxmax()",
            "q3_why": "{got} moved {got_change:+.0%}; {best} moved {best_change:+.0%}, the "
                      "biggest movement. Open with it, whether it is good news or bad.",
            # q4 chart
            "q4_hint1": "monthly[opening_kpi] holds the KPI month by month: draw it as a line, "
                        "one point per month, like the worked example.",
            "q4_hint2": "fig, ax = plt.subplots(); ax.plot(monthly.index, "
                        "monthly[opening_kpi], marker=\"o\"); ax.set_title(...); "
                        "ax.set_xlabel(\"Month\"); ax.set_ylabel(...); "
                        "viz.set_alt_text(fig, \"...\")",
            # q5 is_conclusion
            "q5_hint1": "Two tests, both needed: one of the words of VERBS is in the title, and "
                        "at least one character is a digit (ch.isdigit()).",
            "q5_hint2": "words = title.lower().replace(\",\", \" \").split(); return "
                        "any(w in VERBS for w in words) and any(ch.isdigit() for ch in title)",
            "q5_digit_only": "Your function accepts any title with a digit, such as \"Reach in "
                             "2025\": that is still a topic. A conclusion also needs a verb "
                             "(from VERBS).",
            "q5_verb_only": "Your function accepts titles without a number, such as \"Reach "
                            "rose\": the executives will ask \"by how much?\". Require a digit "
                            "too.",
            "q5_length": "Your function judges the title by its length. A long title can still "
                         "be a topic (\"What happened to our reach this year\"): look for a "
                         "verb and a number.",
            # q6 deck check
            "q6_hint1": "Run deck.problems(numbers) and fix what it lists: 5 or 6 slides, a "
                        "verb and a number in each title, one chart with alt text on each, and "
                        "only numbers from the numbers table.",
            "q6_hint2": "Add two slides like the ones above (a title made with an f-string from "
                        "changes or menu, one chart, alt text), then outline = "
                        "Deck(slides).outline().",
            "q6_too_many_slides": "Your deck has more than six slides: ten minutes with "
                                  "questions leave time for five or six. Merge or drop the "
                                  "weakest.",
            "q6_too_few_slides": "Your deck has fewer than five slides: add the slides the "
                                 "exercise asks for.",
            "q6_two_charts": "A slide shows two charts: the audience reads neither. One chart "
                             "per slide, one message per chart.",
            "q6_no_chart": "A slide has no chart: each slide shows the evidence for its title.",
            "q6_no_alt": "A chart has no alt text: write what it shows and its takeaway.",
            "q6_topic_titles": "A title names a topic (\"Reach\") instead of stating the "
                               "finding. Write a conclusion: a verb and a number, \"Reach rose "
                               "78 % in the second half\".",
            "q6_untraced_number": "A number on a slide was computed by no cell: it is not in "
                                  "the numbers table (as it is or as a percentage). Build the "
                                  "title from the variables, with an f-string.",
            "q6_detail": "(slide {detail})",
            "q6_not_outline": "outline should be the table that deck.outline() returns, with "
                              "the columns {columns}.",
            # q7 opening line
            "q7_hint1": "One or two sentences: what moved, by how much, and what you want from "
                        "the room.",
            "q7_hint2": "For example: f\"{{opening_kpi}} moved {{changes[opening_kpi]:+.0%}} in "
                        "the second half; I will show why and ask for one decision.\"",
            "q7_missing": "Put the change of {kpi} ({change:.0%}) in the sentence: the first "
                          "thing the executives hear is the number.",
        }
    }
)
_ = MESSAGES.text

LESSON = Lesson("11", _("title"), source=lessons_dir() / "11_capstone.ipynb")


# --------------------------------------------------------------------------------------------
# The analysis
# --------------------------------------------------------------------------------------------


def kpis(data: CourseData, months: range | list[int]) -> dict[str, float]:
    """The nine KPIs of :data:`MENU` over ``months`` of 2025, each from the period's totals.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> list(kpis(load_course_data(), [10])) == list(MENU)
    True
    """
    months = list(months)
    posts = data.posts[data.posts["published_at"].dt.month.isin(months)]
    ads = data.campaigns[data.campaigns["date"].dt.month.isin(months)]
    talk = data.mentions[data.mentions["timestamp"].dt.month.isin(months)]
    daily = data.account_daily[data.account_daily["date"].dt.month.isin(months)]
    engagements = posts[["likes", "comments", "shares", "saves"]].sum().sum()
    return {
        "posts": float(len(posts)),
        "reach": float(posts["reach"].sum()),
        "engagement rate": float(engagements / posts["reach"].sum()),
        "new followers": float(daily["new_followers"].sum()),
        "ad spend": float(ads["spend"].sum()),
        "CPA": float(ads["spend"].sum() / ads["conversions"].sum()),
        "ROAS": float(ads["revenue"].sum() / ads["spend"].sum()),
        "mentions": float(talk["mentions"].sum()),
        "negative share": float(talk["negative"].sum() / talk["mentions"].sum()),
    }


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
    >>> len(analysis_numbers(load_course_data())) == 3 * len(MENU)
    True
    """
    table, change = menu(data), changes(data)
    rows = []
    for kpi in table.index:
        rows += [(f"{kpi} H1", table.loc[kpi, "H1"]), (f"{kpi} H2", table.loc[kpi, "H2"]),
                 (f"{kpi} change", change[kpi])]
    return pd.DataFrame(rows, columns=["name", "value"])


def verb(change: float) -> str:
    """``"rose"`` or ``"fell"``."""
    return "rose" if change >= 0 else "fell"


def reference_titles(data: CourseData) -> list[str]:
    """The solution's five titles, built from the learner's numbers."""
    change = changes(data)
    ranked = list(change.abs().sort_values(ascending=False).index)
    titles = [f"{k[0].upper() + k[1:]} {verb(change[k])} {abs(change[k]):.0%} in the second "
              f"half" for k in ranked[:4]]
    titles.append(f"We should act on {ranked[0]} first: it moved {abs(change[ranked[0]]):.0%}, "
                  f"more than any other KPI")
    return titles


def reference_outline(data: CourseData) -> pd.DataFrame:
    """A deck outline that passes every rule, like the solution notebook's."""
    titles = reference_titles(data)
    rows = [{"slide": i, "title": t, "charts": 1, "alt": f"Line chart for slide {i}.",
             "notes": ""} for i, t in enumerate(titles, start=1)]
    return pd.DataFrame(rows, columns=list(OUTLINE_COLUMNS))


def _outline_with(data: CourseData, what: str) -> pd.DataFrame:
    outline = reference_outline(data)
    if what == "topic_titles":
        outline["title"] = [k[0].upper() + k[1:] for k in list(changes(data).abs()
                            .sort_values(ascending=False).index[:len(outline)])]
    elif what == "two_charts":
        outline.loc[0, "charts"] = 2
    elif what == "untraced_number":
        outline.loc[1, "title"] = "Reach rose 1234567% in the second half"
    elif what == "too_many_slides":
        extra = outline.iloc[:2].copy()
        outline = pd.concat([outline, extra], ignore_index=True)
        outline["slide"] = range(1, len(outline) + 1)
    return outline


# --------------------------------------------------------------------------------------------
# Step 1: the three numbers that matter
# --------------------------------------------------------------------------------------------

q1 = ValueExercise(
    "q1",
    variable="changes",
    expected=changes,
    tier="warm-up",
    hints=(_("q1_hint1"), _("q1_hint2")),
    mistakes=(
        Mistake("difference", lambda d: (menu(d)["H2"] - menu(d)["H1"]).rename("change"),
                _("q1_difference")),
        Mistake("upside_down", lambda d: (menu(d)["H1"] / menu(d)["H2"] - 1).rename("change"),
                _("q1_upside_down")),
    ),
)

q2 = ValueExercise(
    "q2",
    variable="top_three",
    expected=top_three,
    hints=(_("q2_hint1"), _("q2_hint2")),
    mistakes=(
        Mistake("units", lambda d: list((menu(d)["H2"] - menu(d)["H1"]).abs()
                                        .sort_values(ascending=False).index[:3]), _("q2_units")),
        Mistake("menu_order", lambda d: list(MENU[:3]), _("q2_menu_order")),
        Mistake("smallest", lambda d: list(changes(d).abs().sort_values().index[:3]),
                _("q2_smallest")),
    ),
)


class _OpeningDecision(DecisionExercise):
    """The reason quotes the learner's own changes."""

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        change = changes(data)
        best = str(change.abs().idxmax())
        self.why = {k: _("q3_why", got=k, got_change=change[k], best=best,
                         best_change=change[best]) for k in MENU}
        return super().evaluate(answers, data)


q3 = _OpeningDecision(
    "q3",
    variable="opening_kpi",
    choices=MENU,
    expected=lambda d: str(changes(d).abs().idxmax()),
    tier="warm-up",
    hints=(_("q3_hint1"), _("q3_hint2")),
)

q4 = ChartExercise(
    "q4",
    variable="fig",
    expected=lambda d: monthly(d)[str(changes(d).abs().idxmax())],
    hints=(_("q4_hint1"), _("q4_hint2")),
)

# --------------------------------------------------------------------------------------------
# Step 2: conclusion-style titles
# --------------------------------------------------------------------------------------------


def _title_cases(data: CourseData) -> list[tuple[tuple, Any]]:
    fixed = ["Reach", "Reach in 2025", "Reach rose", "What happened to our reach this year",
             "Q3 results", "Engagement rate fell 28% in the second half",
             "We should move 500 euros a month to Instagram"]
    titles = fixed + reference_titles(data)[:2] + [k for k in MENU[:2]]
    return [((t,), is_conclusion(t)) for t in titles]


def _wrong_title_check(how: str):  # noqa: ANN202 - returns a function
    def digit_only(title: str) -> bool:
        return any(ch.isdigit() for ch in title)

    def verb_only(title: str) -> bool:
        return any(w in VERBS for w in title.lower().replace(",", " ").split())

    def length(title: str) -> bool:
        return len(title.split()) >= 4

    return {"digit_only": digit_only, "verb_only": verb_only, "length": length}[how]


q5 = FunctionExercise(
    "q5",
    variable="is_conclusion",
    cases=_title_cases,
    hints=(_("q5_hint1"), _("q5_hint2")),
    mistakes=tuple(Mistake(how, lambda d, how=how: _wrong_title_check(how), _(f"q5_{how}"))
                   for how in ("digit_only", "verb_only", "length")),
)

# --------------------------------------------------------------------------------------------
# Step 3: the deck and its automated check
# --------------------------------------------------------------------------------------------

_DECK_MISTAKES = ("too_many_slides", "two_charts", "topic_titles", "untraced_number")


class _DeckCheck(ValueExercise):
    """The deck passes the rules of :func:`smmlab.exercises.deck.deck_problems`.

    There is no single right deck: the check is the rules, applied to the
    learner's outline with the numbers recomputed from the learner's data.
    """

    def form_problem(self, answers: Mapping[str, Any]) -> str | None:
        got = answers[self.variable]
        if not isinstance(got, pd.DataFrame) or not set(OUTLINE_COLUMNS) <= set(got.columns):
            return _("q6_not_outline", columns=", ".join(OUTLINE_COLUMNS))
        return None

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        problem = self.form_problem(answers)
        if problem:
            return Result(self.name, Outcome.NOT_YET, problem, 0.0)
        got = answers[self.variable].sort_values("slide")
        found = deck_problems(got, analysis_numbers(data))
        if not found:
            return Result(self.name, Outcome.CORRECT, _correct(), 1.0)
        rule, detail = found[0]
        message = f"{_(f'q6_{rule}')} {_('q6_detail', detail=detail)}"
        rules_ok = 1 - len({r for r, _d in found}) / 7
        return Result(self.name, Outcome.NOT_YET, message, max(rules_ok, 0.0),
                      rule if rule in _DECK_MISTAKES else None)


def _correct() -> str:
    from smmlab.exercises._messages import text

    return text("correct")


q6 = _DeckCheck(
    "q6",
    variable="outline",
    expected=reference_outline,
    hints=(_("q6_hint1"), _("q6_hint2")),
    mistakes=tuple(Mistake(m, lambda d, m=m: _outline_with(d, m), _(f"q6_{m}"))
                   for m in _DECK_MISTAKES),
)


class _OpeningLine(ReflectionExercise):
    """Recorded for the instructor, once it quotes the opening KPI's change."""

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        result = super().evaluate(answers, data)
        change = changes(data)
        kpi = str(change.abs().idxmax())
        if result.outcome is Outcome.RECORDED and not mentions_number(
                answers[self.variable], abs(change[kpi]) * 100):
            return Result(self.name, Outcome.NOT_YET,
                          _("q7_missing", kpi=kpi, change=abs(change[kpi])), 0.0, "no_number")
        return result


q7 = _OpeningLine(
    "q7",
    variable="opening_line",
    min_words=12,
    tier="stretch",
    hints=(_("q7_hint1"), _("q7_hint2")),
)

LESSON.add(q1, q2, q3, q4, q5, q6, q7)


setup = LESSON.setup


check_all = LESSON.check_all


____ = PLACEHOLDER
__all__ = ["MAX_SLIDES", "MIN_SLIDES", "VERBS", "Deck", "____", "check_all", "q1", "q2", "q3",
           "q4", "q5", "q6", "q7", "ranked_changes", "setup"]

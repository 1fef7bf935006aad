"""Lesson 11: Capstone, ten minutes in front of the executives.

In the notebook: ``from smmlab.exercises.lesson11 import *`` gives ``setup``,
``q1`` ... ``q7``, ``check_all``, ``Deck``, ``VERBS``, ``ranked_changes`` and the ``____``
placeholder.

The learner compares the two halves of 2025 on a fixed menu of nine KPIs
(:data:`MENU`), keeps the three that moved most (the rule: the largest
relative change, up or down), and builds a 5-6 slide deck whose every number
comes from the analysis, whose titles agree with the data, and which ends with a
recommendation. Every expected answer is recomputed from the learner's own data;
titles, alt text and the opening line are read with :mod:`smmlab.report.claims`.

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

import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from smmlab._messages import Catalog
from smmlab.exercises.build import lessons_dir
from smmlab.exercises.core import CourseData, Lesson, Mistake, Variant, swapped
from smmlab.exercises.deck import (  # MAX_SLIDES, MIN_SLIDES, Deck: for the notebook
    MAX_SLIDES,  # noqa: F401
    MIN_SLIDES,  # noqa: F401
    OUTLINE_COLUMNS,
    VERBS,
    Deck,  # noqa: F401
    deck_problems,
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
from smmlab.report.claims import KPI_NAMES, canonical_kpi, has_number, mentions

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: The KPI menu, in the order the notebook shows it.
MENU = ("posts", "reach", "engagement rate", "new followers", "ad spend", "CPA", "ROAS",
        "mentions", "negative share")
#: The two halves of 2025 that the deck compares.
HALVES = {"H1": range(1, 7), "H2": range(7, 13)}
#: Other names of each KPI of the menu (English, Italian, French), from the claims reader.
MENU_ALIASES: dict[str, tuple[str, ...]] = {
    kpi: tuple(a for a in KPI_NAMES.get(canonical_kpi(kpi) or kpi, ()) if a != kpi)
    for kpi in MENU}
#: The Italian name of each KPI of the menu (the exercises' own variants).
ITALIAN = {"posts": "pubblicazioni", "reach": "copertura", "engagement rate":
           "tasso di engagement", "new followers": "nuovi follower", "ad spend":
           "spesa pubblicitaria", "CPA": "costo per acquisizione", "ROAS": "ROAS",
           "mentions": "menzioni", "negative share": "quota negativa"}
#: Rules of the deck check, for partial credit (slide count, charts, alt text, titles,
#: claims, traced numbers, recommendation).
DECK_RULES = 7
_RULE_GROUP = {"too_many_slides": "slides", "too_few_slides": "slides", "two_charts": "charts",
               "no_chart": "charts"}

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
            # q4 chart
            "q4_hint1": "monthly[opening_kpi] holds the KPI month by month: draw it as a line, "
                        "one point per month, like the worked example.",
            "q4_hint2": "fig, ax = plt.subplots(); ax.plot(monthly.index, "
                        "monthly[opening_kpi], marker=\"o\"); ax.set_title(...); "
                        "ax.set_xlabel(\"Month\"); ax.set_ylabel(...); "
                        "viz.set_alt_text(fig, \"...\")",
            # q5 is_conclusion
            "q5_hint1": "Two tests, both needed: one of the words of VERBS is in the title, and "
                        "the title has a number: has_number(title) (it does not count H2, Q4 "
                        "or a year as a number).",
            "q5_hint2": "words = title.lower().replace(\",\", \" \").split(); return "
                        "any(w in VERBS for w in words) and has_number(title)",
            "q5_digit_only": "Your function accepts any title with a digit, such as \"Reach in "
                             "2025\": that is still a topic. A conclusion also needs a verb "
                             "(from VERBS), and a number that measures something: "
                             "has_number(title).",
            "q5_isdigit": "Your function counts the 2 of \"H2\" (or a year) as a number: "
                          "\"Reach rose in H2\" still does not say by how much. Use "
                          "has_number(title), which skips H2, Q4 and years, instead of "
                          "ch.isdigit().",
            "q5_verb_only": "Your function accepts titles without a number, such as \"Reach "
                            "rose\": the executives will ask \"by how much?\". Require a number "
                            "too: has_number(title).",
            "q5_length": "Your function judges the title by its length. A long title can still "
                         "be a topic (\"What happened to our reach this year\"): look for a "
                         "verb and a number.",
            # q6 deck check
            "q6_hint1": "Run deck.problems(numbers, truth=ranked, recommendation=True) and fix "
                        "what it lists: 5 or 6 slides, a verb and a number in each title, "
                        "titles that agree with the data, one chart with alt text on each, "
                        "only numbers from the numbers table, and a recommendation.",
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
                               "78 % in the second half\" (H2, Q4 and years are not numbers).",
            "q6_untraced_number": "A number on a slide was computed by no cell: it is not in "
                                  "the numbers table (as it is or as a percentage). Build the "
                                  "title from the variables, with an f-string.",
            "q6_wrong_claim": "Slide {slide}: {problem} Build the title from ranked with an "
                              "f-string, so its verb and its number come from the data.",
            "q6_no_recommendation": "No slide asks the executives for a decision. End with a "
                                    "recommendation: a title such as \"We should move 500 "
                                    "euros a month to Instagram\".",
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


q4 = ChartExercise(
    variable="fig",
    expected=_opening_line_values,
    kpi=opening,
    claims=lambda d: changes(d).to_dict(),
    prepare=_months_as_monthly,
    hints=(_("q4_hint1"), _("q4_hint2")),
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


q5 = FunctionExercise(
    variable="is_conclusion",
    cases=_title_cases,
    hints=(_("q5_hint1"), _("q5_hint2")),
    mistakes=(
        Mistake("isdigit", lambda d: _isdigit, _("q5_isdigit")),
        Mistake("digit_only", lambda d: _digit_only, _("q5_digit_only")),
        Mistake("verb_only", lambda d: _verb_only, _("q5_verb_only")),
        Mistake("length", lambda d: _length, _("q5_length")),
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
        return _("q6_not_outline", columns=", ".join(OUTLINE_COLUMNS))
    return None


def _deck_message(rule: str, detail: str) -> str:
    if rule == "wrong_claim":
        slide, _sep, problem = detail.partition(": ")
        return _("q6_wrong_claim", slide=slide, problem=problem)
    message = _(f"q6_{rule}")
    if not detail or rule in ("too_many_slides", "too_few_slides"):
        return message
    return f"{message} {_('q6_detail', detail=detail)}"


def judge_deck(outline: Any, data: CourseData) -> Verdict:
    """The deck passes the rules of :func:`smmlab.exercises.deck.deck_problems`.

    There is no single right deck: the check is the rules, applied to the learner's outline
    with the numbers and the true changes recomputed from the learner's data, and a
    recommendation asked for.

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
    found = deck_problems(outline, analysis_numbers(data), truth=changes(data).to_dict(),
                          recommendation=True)
    if not found:
        return Verdict(1.0)
    rule, detail = found[0]
    broken = {_RULE_GROUP.get(r, r) for r, _d in found}
    return Verdict(max(0.0, 1 - len(broken) / DECK_RULES), _deck_message(rule, detail), rule)


def deck_titles(data: CourseData, *, italian: bool = False, flip: bool = False,
                swap: bool = False, recommendation: str | None = None) -> list[str]:
    """Five titles built from the learner's numbers: four movers and a recommendation.

    ``italian`` writes them in Italian; ``flip`` gives every one the wrong direction;
    ``swap`` swaps the numbers of the first two; ``recommendation`` replaces the last one
    ("" for a fifth mover instead). The exercise's own variants.

    Examples
    --------
    >>> from smmlab.exercises.core import load_course_data
    >>> deck_titles(load_course_data())[0]
    'Reach rose 78% in the second half'
    """
    change = changes(data)
    ranked = list(change.abs().sort_values(ascending=False).index)
    sizes = [abs(float(change[k])) for k in ranked]
    if swap:
        sizes[0], sizes[1] = sizes[1], sizes[0]
    titles = []
    for k, size in zip(ranked[:5], sizes, strict=False):
        up = (change[k] >= 0) != flip
        if italian:
            titles.append(f"{ITALIAN[k].capitalize()}: {'+' if up else '-'}{size:.0%} nel "
                          f"secondo semestre")
        else:
            titles.append(f"{k[0].upper() + k[1:]} {'rose' if up else 'fell'} {size:.0%} in "
                          f"the second half")
    if recommendation == "":
        return titles
    if recommendation is None:
        recommendation = (f"Dovremmo agire prima su {ITALIAN[ranked[0]]}: si è mosso del "
                          f"{sizes[0]:.0%}" if italian else
                          f"We should act on {ranked[0]} first: it moved {sizes[0]:.0%}, more "
                          f"than any other KPI")
    return [*titles[:4], recommendation]


def reference_titles(data: CourseData) -> list[str]:
    """The solution's five titles, built from the learner's numbers."""
    return deck_titles(data)


def outline_of(titles: list[str], *, charts: int = 1) -> pd.DataFrame:
    """An outline (one chart with alt text a slide) for ``titles``."""
    rows = [{"slide": i, "title": t, "charts": charts, "alt": f"Line chart for slide {i}.",
             "notes": ""} for i, t in enumerate(titles, start=1)]
    return pd.DataFrame(rows, columns=list(OUTLINE_COLUMNS))


def reference_outline(data: CourseData) -> pd.DataFrame:
    """A deck outline that passes every rule, like the solution notebook's."""
    return outline_of(reference_titles(data))


def _with(outline: pd.DataFrame, slide: int, **values: Any) -> pd.DataFrame:
    out = outline.copy()
    for column, value in values.items():
        out.loc[slide - 1, column] = value
    return out


def _topic_in_h2(data: CourseData) -> pd.DataFrame:
    kpi = opening(data)
    return _with(reference_outline(data), 1,
                 title=f"{kpi[0].upper() + kpi[1:]} {verb(changes(data)[kpi])} in H2")


q6 = JudgedExercise(
    variable="outline",
    judge=judge_deck,
    form=_outline_form,
    hints=(_("q6_hint1"), _("q6_hint2")),
    right=(Variant(reference_outline, "the solution's deck"),
           Variant(lambda d: outline_of(deck_titles(d, recommendation=(
               "We should move 500 euros a month to Instagram"))),
               "the lesson's own recommendation title"),
           Variant(lambda d: outline_of(deck_titles(d, italian=True)), "in Italian"),
           Variant(lambda d: outline_of([*deck_titles(d, recommendation=""),
                                         reference_titles(d)[-1]]), "six slides")),
    wrong=(Variant(lambda d: outline_of(deck_titles(d, flip=True)),
                   "every title with the wrong direction", says="in the data it"),
           Variant(lambda d: outline_of(deck_titles(d, swap=True)),
                   "numbers swapped between two KPIs", says="gives it to"),
           Variant(lambda d: outline_of(deck_titles(d, recommendation="")),
                   "no recommendation slide", says="recommendation"),
           Variant(_topic_in_h2, "'rose in H2', no number", says="topic"),
           Variant(lambda d: _with(reference_outline(d), 2,
                                   notes="We reached 123,457 more people than planned."),
                   "a number no cell computed, in the notes", says="computed by no cell"),
           Variant(lambda d: outline_of([*reference_titles(d), *reference_titles(d)[:2]]),
                   "seven slides", says="more than six"),
           Variant(lambda d: _with(reference_outline(d), 1, charts=2), "two charts on a slide",
                   says="two charts")),
)


def _said(answer: Any) -> str:
    return " ".join(map(str, answer)) if isinstance(answer, list | tuple) else str(answer)


def _no_change(answer: Any, data: CourseData) -> bool:
    """True if the opening line does not give the opening KPI's change (rounded as you like)."""
    return not mentions(_said(answer), abs(float(changes(data)[opening(data)])) * 100,
                        rel_tol=0.05)


def _missing_message(data: CourseData) -> str:
    kpi = opening(data)
    return _("q7_missing", kpi=kpi, change=abs(float(changes(data)[kpi])))


def _opening_line(data: CourseData, number: str | None = None) -> str:
    kpi = opening(data)
    moved = number if number is not None else f"{changes(data)[kpi]:+.0%}"
    return (f"In the second half of 2025 our {kpi} moved {moved}, the biggest change of the "
            f"year; in ten minutes I will show why, and ask you for one decision.")


q7 = ReflectionExercise(
    variable="opening_line",
    min_words=12,
    tier="stretch",
    hints=(_("q7_hint1"), _("q7_hint2")),
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

__all__ = LESSON.bind(globals(), extra=("MAX_SLIDES", "MIN_SLIDES", "VERBS", "Deck",
                                        "ranked_changes"))

"""Every learner-facing sentence of the exercise engine, in one catalogue."""

from __future__ import annotations

from smmlab._messages import Catalog

MESSAGES = Catalog(
    {
        "en": {
            # outcomes: always a symbol AND words, never colour alone
            "outcome_correct": "Correct",
            "outcome_not_yet": "Not yet",
            "outcome_not_attempted": "Not attempted",
            "outcome_recorded": "Recorded",
            "symbol_correct": "✓",
            "symbol_not_yet": "✗",
            "symbol_not_attempted": "○",
            "symbol_recorded": "✎",
            "placeholder": "____",
            # generic feedback
            "correct": "Well done.",
            "not_attempted": (
                "Replace the ____ in `{variables}` with your answer, run the cell, then check "
                "again."
            ),
            "not_defined": (
                "I cannot find `{variable}`. Run the cell where you define it (Shift + Enter), "
                "then check again."
            ),
            "no_setup": (
                "Run the setup cell at the top of the notebook first: it loads your brand's data."
            ),
            "setup_complete": "Setup complete: you are the new social media manager of {brand}.",
            "setup_learner": " (your own brand, from the id {learner!r})",
            "wrong_value": "{variable} is {got}, which is not what I expected. {advice}",
            "wrong_value_advice": "Look at the hint with {name}.hint() if you are stuck.",
            "close_value": (
                "{variable} is {got}: close, but not within the tolerance. Check your rounding "
                "and that you used every row."
            ),
            "rate_as_percent": (
                "{variable} is {got}: that looks like a percentage. In this course rates are "
                "fractions: 3.6 % is written 0.036. Drop the * 100."
            ),
            "wrong_type": "{variable} should be {expected}, but it is {got}.",
            "wrong_length": "{variable} should have {expected} items; it has {got}.",
            "wrong_columns": (
                "{variable} should have the columns {expected}; it has {got}."
            ),
            "wrong_rows": "{variable} should have {expected} rows; it has {got}.",
            "wrong_table_values": (
                "{variable} has the right shape but some values differ, for example {example}."
            ),
            "wrong_order": "{variable} has the right items in the wrong order.",
            "not_a_number": "{variable} should be a number; it is {got}.",
            "not_a_function": "{variable} should be a function (def ...); it is {got}.",
            "function_raised": (
                "Calling {variable}({args}) raised {error}: {detail}. Try it in a cell of its own."
            ),
            "function_wrong": "{variable}({args}) returned {got}; expected {expected}.",
            "choice_invalid": "{variable} must be one of {choices}; it is {got!r}.",
            "choice_wrong": "{variable} = {got!r} is not the best call here. {why}",
            "reflection_short": (
                "Write at least {words} words in {variable}; you have written {got}."
            ),
            "reflection_recorded": (
                "Thank you: your answer is saved for your instructor. There is no single right "
                "answer; compare yours with the discussion in the solution ({name}.solution())."
            ),
            # charts
            "chart_not_figure": (
                "{variable} should be a matplotlib Figure, e.g. fig, ax = plt.subplots(); it is "
                "{got}."
            ),
            "chart_no_axes": "{variable} has no chart on it yet.",
            "chart_no_title": "Give the chart a title: ax.set_title(\"...\").",
            "chart_title_words": "The title should mention {words}.",
            "chart_no_xlabel": "Label the x axis: ax.set_xlabel(\"...\").",
            "chart_no_ylabel": "Label the y axis: ax.set_ylabel(\"...\").",
            "chart_no_alt": (
                "Add alt text for people who cannot see the chart: "
                "smmlab.viz.set_alt_text(fig, \"...\")."
            ),
            "chart_no_data": "I cannot find bars or lines on the chart.",
            "chart_wrong_data": (
                "The chart shows {got}, but the data to plot is {expected} (order does not "
                "matter)."
            ),
            "graded_separately": "Your instructor's grader checks this answer separately.",
            "assessment_received": (
                "Saved: your answer has the right form. Your instructor grades it later."
            ),
            "assessment_range": "{variable} should be between {low} and {high}; it is {got}.",
            # hints and solutions
            "hint_header": "Hint {n} of {total}",
            "hint_more": "Want another? Call {name}.hint({next}).",
            "hint_last": "That was the last hint. {name}.solution() shows a full answer.",
            "hint_range": "{name} has {total} hints: call {name}.hint(1) to {name}.hint({total}).",
            "solution_header": "Solution",
            "solution_disabled": (
                "Solutions are turned off for this assessment. Ask your instructor if you are "
                "stuck."
            ),
            "hints_disabled": "Hints are turned off for this assessment.",
            # summaries
            "check_all_header": "Lesson {lesson}: {done} of {total} checked exercises correct.",
            "check_all_line": "{symbol} {name}: {outcome}",
            "progress_empty": "No progress recorded yet. Run a check in a lesson first.",
            "progress_header": "Your progress (kept only on this computer: {path})",
            # authoring errors (for lesson authors, not learners)
            "author_unknown_kind": "Unknown exercise kind {kind!r}.",
            "author_duplicate": "Lesson {lesson} already has an exercise called {name!r}.",
        }
    }
)


def text(key: str, /, **fields: object) -> str:
    """Return message ``key`` filled with ``fields``.

    Examples
    --------
    >>> text("outcome_correct")
    'Correct'
    """
    return MESSAGES.text(key, **fields)

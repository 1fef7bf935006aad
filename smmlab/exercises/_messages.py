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
            "wrong_sign": (
                "{variable} is {got}: the size is right but the sign is not. Check which value "
                "you subtract from which."
            ),
            "close_value": (
                "{variable} is {got}: close, but not within the tolerance. Check your rounding "
                "and that you used every row."
            ),
            "rate_as_percent": (
                "{variable} is {got}: that looks like a percentage. In this course rates are "
                "fractions: 3.6 % is written 0.036. Drop the * 100."
            ),
            "wrong_type": "{variable} should be {expected}, but it is {got}.",
            "expected_text": "a text in quotes",
            "expected_list": "a list [...]",
            "expected_series": "a pandas Series (one value per label)",
            "expected_table": "a pandas table (DataFrame)",
            "wrong_length": "{variable} should have {expected} items; it has {got}.",
            "wrong_rows": "{variable} should have {expected} rows; it has {got}.",
            "wrong_order_at": (
                "{variable} has the right items, but not in the order asked: item {position} "
                "is {got}, expected {expected}."
            ),
            "wrong_order_labels": (
                "{variable} has the right values, but the order asked is {expected}."
            ),
            "list_unexpected_item": "{variable} contains {got}, which I did not expect.",
            "series_no_labels": (
                "{variable} has no labels, only positions 0, 1, 2...: keep the labels "
                "({labels}) as the index, so each value says what it belongs to."
            ),
            "table_no_labels": (
                "{variable} has no {labels} labels: keep them as the index or as a column, so "
                "each row says what it belongs to."
            ),
            "duplicate_label": "{variable} has the label {label!r} twice.",
            "labels_missing": "{variable} has no value for {missing}.",
            "labels_extra": "{variable} has values for {extra}, which I did not expect.",
            "labels_differ": (
                "{variable} has no value for {missing}, and has values for {extra} instead."
            ),
            "series_value_at": "{variable}: for {label} your value is {got}, expected {expected}.",
            "table_value_at": (
                "{variable}: for {label}, column {column!r} is {got} in your answer; expected "
                "{expected}."
            ),
            "table_value_row": (
                "{variable}: row {row}, column {column!r} is {got} in your answer; expected "
                "{expected}."
            ),
            "columns_missing": (
                "{variable} has no column {missing} (your columns: {got})."
            ),
            "describe_table": "a table with {rows} rows (columns {columns})",
            "describe_series_labelled": "a Series labelled {labels}",
            "describe_series": "a Series of {n} values without labels",
            "describe_list": "a list of {n} items",
            "names_more": "{names} and {more} more",
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
            "chart_word": "The chart",
            "chart_value_at": "In your chart, {label} is {got}; in the data it is {expected}.",
            "chart_wrong_points": (
                "The chart shows {got} points, but the data has {expected}: plot every value, "
                "and only those."
            ),
            "chart_wrong_line": (
                "The line's values are not the ones asked for: check which column you plotted."
            ),
            "chart_tallest": (
                "In your chart the tallest bar is {got}; in the data it is {expected}. Check "
                "that each value sits on its own label."
            ),
            "chart_unit_unsaid": (
                "Your chart shows the right values {unit}, but its axis does not say so: add it "
                "to the axis label (for example \"Engagement rate (%)\")."
            ),
            "unit_percent": "in percent (x100)",
            "unit_thousands": "in thousands",
            "unit_millions": "in millions",
            "chart_highest_point": (
                "In your chart the highest point is at {got}; in the data it is at {expected}. "
                "Check that each value sits at its own x."
            ),
            "chart_other_kpi": (
                "The {where} names {said}, but the chart shows {kpi}."
            ),
            "word_title": "title",
            "word_alt": "alt text",
            "word_highest": "highest",
            "word_lowest": "lowest",
            "superlative_wrong": (
                "The text says {said} is {which}, but in the data the {which} is {truth}."
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
            "author_name": (
                "The exercise in variable {name!r} is declared with the name {declared!r}: "
                "leave the name out, bind() takes it from the variable."
            ),
            "author_tier": "tier must be one of {allowed}; got {tier!r}.",
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

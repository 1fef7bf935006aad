"""Every sentence the grader and the workshop tools show, in one catalogue."""

from __future__ import annotations

from smmlab._messages import Catalog

MESSAGES = Catalog(
    {
        "en": {
            "status_ok": "ok",
            "status_malformed": "not a readable notebook",
            "status_timeout": "ran out of time",
            "status_dead": "kernel died",
            "status_error": "could not be graded",
            "status_unknown_learner": "not on the roster",
            "reason_malformed": "The file is not a valid Jupyter notebook: {detail}",
            "reason_cell_timeout": "Cell {cell} ran longer than {seconds} s and was interrupted.",
            "reason_budget": "The notebook ran longer than the {seconds} s budget and was stopped.",
            "reason_dead": "The kernel died while running cell {cell}: {detail}",
            "reason_errors": "Cells {cells} raised errors; answers after them may be missing.",
            "reason_no_answers": "No answers could be read from the notebook.",
            "reason_unknown_learner": "{file} matches no learner on the roster.",
            "reason_restored": "Restored {n} course cells that were deleted or changed.",
            "reason_output_capped": "Output was cut at {limit} MB.",
            "unsupported_answer": (
                "{variable} holds {what}, which cannot be graded: use a number, text, list, "
                "table or chart as the exercise asks."
            ),
            "roster_missing_column": (
                "The roster needs a column {column!r} (learner id); it has {have}."
            ),
            "roster_empty": "The roster {path} has no learners.",
            "roster_duplicate": "The roster lists learner {learner!r} twice.",
            "unknown_lesson": "There is no lesson {lesson!r}; the lessons are {valid}.",
            "no_submissions": "No notebooks found in {paths}.",
            "bwrap_missing": (
                "--sandbox needs bubblewrap (bwrap), which is not installed. On Debian or "
                "Ubuntu: sudo apt-get install bubblewrap. Without --sandbox, learners' code "
                "runs with your privileges: grade only code you trust, or use a throwaway "
                "machine or container."
            ),
            "feedback_title": "Feedback: {lesson} - {name}",
            "feedback_intro": "Your score: {score:g} of {total:g} points.",
            "feedback_status": "Note: {reason}",
            "feedback_points": "{points:g} / {max:g} points",
            "feedback_hint": "Hint: {hint}",
            "workshop_exists": "kept {path} (already there: a learner's work is never overwritten)",
            "workshop_learner_notebook": "This notebook belongs to {name} ({learner}).",
            "assessment_received": (
                "Saved: your answer has the right form. Your instructor grades it later."
            ),
            "assessment_range": "{variable} should be between {low} and {high}; it is {got}.",
            "progress": "graded {done}/{total}",
        }
    }
)

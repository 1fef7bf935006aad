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
            "reason_cell_timeout": "Cell {cell} ran longer than {seconds:g} s and was interrupted.",
            "reason_budget": (
                "The notebook ran longer than its budget of {seconds:g} s and was stopped."
            ),
            "reason_dead": "The kernel died while running cell {cell}: {detail}",
            "reason_errors": "Cells {cells} raised errors; answers after them may be missing.",
            "reason_cell_killed": (
                "Cell {cell} did not stop when interrupted: its kernel was killed and the "
                "notebook run again without that cell, so its own answers are missing."
            ),
            "reason_cell_killed_last": (
                "Cell {cell} did not stop when interrupted and was killed after {seconds:g} s; "
                "answers after it are missing."
            ),
            "reason_no_answers": "No answers could be read from the notebook.",
            "reason_unknown_learner": "{file} matches no learner on the roster.",
            "reason_restored": "Restored {n} course cells that were deleted or changed.",
            "reason_output_capped": "Output was cut at {limit:g} MB.",
            "reason_extraction_failed": (
                "The grader's last cell could not save the answers ({detail}); answers "
                "are missing."
            ),
            "reason_dump_unreadable": "The answers could not be read back: {detail}",
            "reason_decode_timeout": (
                "Reading and checking the answers took longer than {seconds:g} s and was stopped."
            ),
            "reason_status_unreadable": "The grading worker's report could not be read: {detail}",
            "reason_internal": "Grading this file failed: {detail}",
            "what_notebook": "The submitted file",
            "what_dump": "The answer file",
            "what_status": "The worker's report",
            "read_missing": "{what} was not found.",
            "read_not_regular": "{what} is not a regular file (it is {kind}) and was not read.",
            "read_too_large": "{what} is larger than {limit} and was not read.",
            "read_failed": "{what} could not be read ({detail}).",
            "kind_directory": "a folder",
            "kind_fifo": "a named pipe",
            "kind_link": "a symbolic link",
            "kind_device": "a device",
            "kind_socket": "a socket",
            "kind_other": "not a plain file",
            "shortened": "… ({n} more characters)",
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
            "feedback_reflection": "Your written answer, as your instructor reads it:",
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

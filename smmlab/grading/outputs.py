"""Write the grading results: gradebook, LMS import, feedback pages, results.json.

Every file is written atomically (a temporary file, then a rename) and the same
submissions give the same files; only the ``seconds`` column (how long each
notebook took) changes from run to run.

What a learner controls (file names, answers echoed in messages, written
answers) is made safe to open: every CSV cell that a spreadsheet would read as a
formula is escaped with a leading ``'`` (OWASP's advice on CSV injection),
messages and reasons are cut to a few hundred characters, and feedback pages
are HTML-escaped.

Written answers (reflections: never scored, outcome "recorded") reach the
instructor twice: in the gradebook, a column ``<exercise>_text`` beside the
exercise's points (one line, items separated by `` | ``), and on the learner's
feedback page under the exercise, as written.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from smmlab._files import write_atomic
from smmlab.exercises.core import Lesson, Outcome
from smmlab.grading._messages import MESSAGES
from smmlab.grading.roster import slug

if TYPE_CHECKING:  # pragma: no cover
    from smmlab.grading.grader import Graded

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_TEXT = 300  # characters of a message or reason written to any result file


def csv_safe(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: formula-like text gets a leading ``'``.

    Numbers stay numbers (``-1.5`` is not a formula); text starting with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is escaped.

    Examples
    --------
    >>> print(csv_safe('=HYPERLINK("http://x")'))
    '=HYPERLINK("http://x")
    >>> csv_safe("-ada"), csv_safe(-1.5), csv_safe("ok")
    ("'-ada", -1.5, 'ok')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text with every cell and header made :func:`csv_safe`."""
    safe = frame.rename(columns=lambda c: csv_safe(str(c)))
    safe = safe.apply(lambda column: column.map(csv_safe) if column.dtype == object
                      or pd.api.types.is_string_dtype(column.dtype) else column)
    return safe.to_csv(index=False, lineterminator="\n")


def _short(text: object, limit: int = MAX_TEXT) -> str:
    """Text cut to ``limit`` characters (a learner's echoed answer can be megabytes)."""
    text = str(text)
    return text if len(text) <= limit else text[:limit] + MESSAGES.text(
        "shortened", n=len(text) - limit)


def reflection_column(exercise: str) -> str:
    """The gradebook column that holds a reflection's written answer.

    Examples
    --------
    >>> reflection_column("q12")
    'q12_text'
    """
    return f"{exercise}_text"


def _one_line(text: str) -> str:
    """A written answer on one line for a spreadsheet cell: its lines joined by `` | ``."""
    return " | ".join(line.strip() for line in text.splitlines() if line.strip())


def gradebook(graded: list[Graded], lesson: Lesson) -> pd.DataFrame:
    """One row per submission: learner, points per exercise, total, status, reason, seconds.

    Each reflection (a written answer, never scored) adds a column
    :func:`reflection_column` with the learner's text, after the points.

    Examples
    --------
    >>> from smmlab.exercises import lesson00
    >>> from smmlab.grading.grader import Graded
    >>> g = Graded("ada", "Ada", "", "ada.ipynb", "ok", "", 1.0, [], {}, {},
    ...            reflections={"q6": "Reach fell.\\nPost more."})
    >>> gradebook([g], lesson00.LESSON)["q6_text"].tolist()
    ['Reach fell. | Post more.']
    """
    written = [name for name, e in lesson.exercises.items() if e.kind == "reflection"]
    rows = []
    for g in graded:
        row = {"learner_id": g.learner_id, "name": g.name, "email": g.email}
        row.update({name: g.points.get(name, 0.0) for name in lesson.exercises})
        row.update({reflection_column(name): _one_line(g.reflections.get(name, ""))
                    for name in written})
        row.update(total=g.total, max=g.maximum, status=g.status, reason=_short(g.reason),
                   seconds=g.seconds, file=Path(g.file).name)
        rows.append(row)
    return pd.DataFrame(rows)


def lms_import(graded: list[Graded], lesson: Lesson) -> pd.DataFrame:
    """A CSV most learning platforms import: identifier, name, e-mail, grade, maximum, feedback."""
    return pd.DataFrame([{
        "Identifier": g.learner_id, "Full name": g.name, "Email address": g.email,
        f"Lesson {lesson.number} (real)": g.total, "Maximum grade": g.maximum,
        "Feedback comments": f"feedback/{slug(g.learner_id)}.html",
    } for g in graded])


def feedback_html(g: Graded, lesson: Lesson) -> str:
    """One learner's feedback page: points, outcome and message per exercise (no check code)."""
    title = MESSAGES.text("feedback_title", lesson=f"{lesson.number} {lesson.title}", name=g.name)
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;"
        "line-height:1.5;padding:0 1rem}li{margin:.8rem 0}.pts{font-weight:bold}"
        "blockquote{white-space:pre-wrap;border-left:3px solid #888;margin:.4rem 0;"
        "padding:.2rem .8rem}</style>",
        "</head><body>", f"<h1>{html.escape(title)}</h1>",
        f"<p>{html.escape(MESSAGES.text('feedback_intro', score=g.total, total=g.maximum))}</p>",
    ]
    if g.reason:
        note = MESSAGES.text("feedback_status", reason=_short(g.reason))
        parts.append(f"<p>{html.escape(note)}</p>")
    parts.append("<ol>")
    results = {r.exercise: r for r in g.results}
    for name, exercise in lesson.exercises.items():
        r = results.get(name)
        outcome = r.outcome if r else Outcome.NOT_ATTEMPTED
        message = _short(r.message) if r else ""
        points = MESSAGES.text("feedback_points", points=g.points.get(name, 0.0),
                               max=exercise.points)
        parts.append(f"<li><strong>{html.escape(name)}</strong> ({html.escape(exercise.tier)}): "
                     f"<span class=\"pts\">{html.escape(points)}</span>. "
                     f"{html.escape(outcome.symbol)} {html.escape(outcome.label)}: "
                     f"{html.escape(message)}")
        written = g.reflections.get(name)
        if written:
            label = MESSAGES.text("feedback_reflection")
            parts.append(f"<br>{html.escape(label)}"
                         f"<blockquote class=\"reflection\">{html.escape(written)}</blockquote>")
        if outcome not in (Outcome.CORRECT, Outcome.RECORDED) and exercise.hints:
            hint = MESSAGES.text("feedback_hint", hint=exercise.hints[0])
            parts.append(f"<br><em>{html.escape(hint)}</em>")
        parts.append("</li>")
    parts += ["</ol>", "</body></html>", ""]
    return "\n".join(parts)


def write_results(graded: list[Graded], lesson: Lesson, out: Path) -> list[Path]:
    """Write every result file into ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in (("gradebook.csv", gradebook(graded, lesson)),
                        ("lms_import.csv", lms_import(graded, lesson))):
        write_atomic(out / name, _csv(frame))
        written.append(out / name)
    for g in graded:
        path = out / "feedback" / f"{slug(g.learner_id)}.html"
        write_atomic(path, feedback_html(g, lesson))
        written.append(path)
    results = {
        "lesson": lesson.number,
        "exercises": {n: {"kind": e.kind, "points": e.points} for n, e in lesson.exercises.items()},
        "submissions": [{
            "learner_id": g.learner_id, "name": g.name, "file": Path(g.file).name,
            "status": g.status, "reason": _short(g.reason), "seconds": g.seconds,
            "total": g.total,
            "max": g.maximum,
            "exercises": [{"exercise": r.exercise, "outcome": r.outcome.value,
                           "points": g.points.get(r.exercise, 0.0), "score": r.score,
                           "message": _short(r.message), "mistake": r.mistake}
                          for r in g.results],
            "reflections": g.reflections,
        } for g in graded],
    }
    write_atomic(out / "results.json", json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    written.append(out / "results.json")
    return written

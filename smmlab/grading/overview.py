"""The class overview: what an instructor reads first after a workshop.

``overview.html`` and ``overview.csv`` in the results folder give, per exercise,
how many learners got it right (the success rate), how many did not yet or did
not attempt it, and the named mistakes the checks recognised most often; then a
histogram of the scores (an SVG with a title and a text description, each bar
labelled with its count, and the same counts as a table: nothing is said by
colour alone), and who on the roster has not submitted.

Who counts: every graded submission (a notebook that could not run counts, with
what it scored); files credited to nobody (``unknown learner``) do not. A
reflection's "success" is having written something.

Examples
--------
>>> from smmlab.exercises import lesson00
>>> from smmlab.exercises.core import Outcome, Result
>>> from smmlab.grading.grader import Graded
>>> ok = Graded("ada", "Ada", "", "a.ipynb", "ok", "", 1.0,
...             [Result("q1", Outcome.CORRECT, "Well done.", 1.0)], {"q1": 1.0}, {"q1": 1.0})
>>> table = overview_table([ok], lesson00.LESSON)
>>> row = table.set_index("exercise").loc["q1"]
>>> int(row["submissions"]), int(row["correct"]), float(row["success_rate"])
(1, 1, 1.0)
"""

from __future__ import annotations

import collections
import html
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from smmlab._files import write_atomic
from smmlab._messages import Catalog
from smmlab.exercises.core import Lesson, Outcome
from smmlab.grading._messages import MESSAGES

if TYPE_CHECKING:  # pragma: no cover
    from smmlab.grading.grader import Graded
    from smmlab.grading.roster import Learner

TOP_MISTAKES = 3  # named mistakes listed per exercise

TEXT = Catalog(
    {
        "en": {
            "title": "Class overview: lesson {lesson} {title}",
            "summary": (
                "{n} submissions graded; mean score {mean:.2f} of {max:g} points, "
                "median {median:.2f}."
            ),
            "nothing": "No submission was graded.",
            "exercises": "Exercises",
            "caption": (
                "Success rate: the share of submissions with the exercise right (a reflection: "
                "written). Mistakes: the named mistakes the check recognised, most frequent first."
            ),
            "columns": (
                "exercise|tier|points|submissions|right|not yet|not attempted|success rate|"
                "most frequent mistakes"
            ),
            "histogram": "Score histogram",
            "histogram_desc": "Number of submissions per score: {counts}.",
            "bin": "{low:g} to under {high:g} points",
            "bin_full": "{low:g} points (full marks)",
            "learners": "{n} learners",
            "score": "Score (points)",
            "count": "Submissions",
            "missing": "Not submitted ({n})",
            "missing_none": "Everyone on the roster submitted.",
            "missing_no_roster": "No roster was given: who has not submitted is unknown.",
        }
    }
)


def _counted(graded: Sequence[Graded]) -> list[Graded]:
    """The submissions credited to a learner (files matching nobody are left out)."""
    unknown = MESSAGES.text("status_unknown_learner")
    return [g for g in graded if g.status != unknown]


def overview_table(graded: Sequence[Graded], lesson: Lesson) -> pd.DataFrame:
    """One row per exercise: submissions, right, not yet, not attempted, success rate, mistakes.

    ``top_mistakes`` lists the :data:`TOP_MISTAKES` most frequent named mistakes
    as ``name (count)``, separated by ``; `` (ties in name order).

    Examples
    --------
    >>> from smmlab.exercises import lesson00
    >>> overview_table([], lesson00.LESSON)["submissions"].tolist()
    [0, 0, 0, 0, 0, 0]
    """
    rows = []
    counted = _counted(graded)
    for name, exercise in lesson.exercises.items():
        right = not_yet = blank = 0
        mistakes: collections.Counter[str] = collections.Counter()
        points = 0.0
        for g in counted:
            r = next((r for r in g.results if r.exercise == name), None)
            outcome = r.outcome if r is not None else Outcome.NOT_ATTEMPTED
            points += g.points.get(name, 0.0)
            if outcome in (Outcome.CORRECT, Outcome.RECORDED):
                right += 1
            elif outcome == Outcome.NOT_ATTEMPTED:
                blank += 1
            else:
                not_yet += 1
            if r is not None and r.mistake and outcome != Outcome.CORRECT:
                mistakes[r.mistake] += 1
        n = len(counted)
        top = sorted(mistakes.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_MISTAKES]
        rows.append({
            "exercise": name, "tier": exercise.tier, "kind": exercise.kind,
            "points": exercise.points, "submissions": n, "correct": right,
            "not_yet": not_yet, "not_attempted": blank,
            "success_rate": round(right / n, 3) if n else math.nan,
            "mean_points": round(points / n, 3) if n else math.nan,
            "top_mistakes": "; ".join(f"{k} ({v})" for k, v in top),
        })
    return pd.DataFrame(rows)


def score_bins(totals: Sequence[float], maximum: float) -> list[tuple[float, float, int]]:
    """Histogram bins ``(low, high, count)``: ``low <= score < high``, then full marks alone.

    Up to 20 points, one bin per point (``0 to under 1``...), then a bin
    ``(maximum, maximum)`` of the full marks; above 20 points, ten equal bins
    and the full marks.

    Examples
    --------
    >>> score_bins([0, 2.5, 3, 3], 3)
    [(0.0, 1.0, 1), (1.0, 2.0, 0), (2.0, 3.0, 1), (3.0, 3.0, 2)]
    """
    top = max(float(maximum), max(totals, default=0.0), 1.0)
    if top <= 20:
        edges = [float(k) for k in range(math.ceil(top))] + [top]
    else:
        edges = [round(top * k / 10, 4) for k in range(11)]
    counts = [0] * len(edges)
    for t in totals:
        k = next((i for i in range(len(edges) - 1) if t < edges[i + 1]), len(edges) - 1)
        counts[k] += 1
    return [(edges[i], edges[i + 1] if i + 1 < len(edges) else top, counts[i])
            for i in range(len(edges))]


def _bin_label(low: float, high: float) -> str:
    return (TEXT.text("bin_full", low=low) if low == high
            else TEXT.text("bin", low=low, high=high))


def histogram_svg(bins: Sequence[tuple[float, float, int]], width: int = 480,
                  height: int = 220) -> str:
    """An accessible SVG bar chart of :func:`score_bins`: title, description, counts as text.

    Examples
    --------
    >>> svg = histogram_svg([(0.0, 1.0, 2), (1.0, 1.0, 5)])
    >>> "<title" in svg and "<desc" in svg and ">5</text>" in svg and 'role="img"' in svg
    True
    """
    labels = [_bin_label(lo, hi) for lo, hi, _ in bins]
    desc = TEXT.text("histogram_desc", counts="; ".join(
        f"{label}: {count}" for label, (_, _, count) in zip(labels, bins, strict=True)))
    peak = max((c for *_, c in bins), default=0) or 1
    left, bottom, top = 40.0, height - 30.0, 20.0
    slot = (width - left - 10) / max(len(bins), 1)
    parts = [f"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" "
             f"height=\"{height}\" viewBox=\"0 0 {width} {height}\" "
             "aria-labelledby=\"hist-title hist-desc\">",
             f"<title id=\"hist-title\">{html.escape(TEXT.text('histogram'))}</title>",
             f"<desc id=\"hist-desc\">{html.escape(desc)}</desc>"]
    for i, (lo, _, count) in enumerate(bins):
        h = (bottom - top) * count / peak
        x = left + i * slot
        parts.append(f"<rect x=\"{x + 2:.1f}\" y=\"{bottom - h:.1f}\" width=\"{slot - 4:.1f}\" "
                     f"height=\"{h:.1f}\" fill=\"#0072B2\" stroke=\"#000\"/>")
        parts.append(f"<text x=\"{x + slot / 2:.1f}\" y=\"{bottom - h - 4:.1f}\" "
                     f"text-anchor=\"middle\" font-size=\"12\">{count}</text>")
        parts.append(f"<text x=\"{x + slot / 2:.1f}\" y=\"{bottom + 14:.1f}\" "
                     f"text-anchor=\"middle\" font-size=\"11\">{lo:g}</text>")
    parts.append(f"<line x1=\"{left}\" x2=\"{width - 10}\" y1=\"{bottom}\" y2=\"{bottom}\" "
                 "stroke=\"#000\"/>")
    parts.append(f"<text x=\"{width / 2:.0f}\" y=\"{height - 2}\" text-anchor=\"middle\" "
                 f"font-size=\"12\">{html.escape(TEXT.text('score'))}</text>")
    parts.append(f"<text x=\"12\" y=\"{(top + bottom) / 2:.0f}\" font-size=\"12\" "
                 f"transform=\"rotate(-90 12 {(top + bottom) / 2:.0f})\" "
                 f"text-anchor=\"middle\">{html.escape(TEXT.text('count'))}</text>")
    parts.append("</svg>")
    return "".join(parts)


def missing_learners(graded: Sequence[Graded], roster: Sequence[Learner] | None
                     ) -> list[Learner] | None:
    """Roster learners with no graded submission (None without a roster).

    Examples
    --------
    >>> from smmlab.grading.roster import Learner
    >>> [lr.learner_id for lr in missing_learners([], [Learner("ada", "Ada", "")])]
    ['ada']
    """
    if roster is None:
        return None
    seen = {g.learner_id for g in _counted(graded)}
    return [lr for lr in roster if lr.learner_id not in seen]


def overview_html(graded: Sequence[Graded], lesson: Lesson,
                  roster: Sequence[Learner] | None = None) -> str:
    """The class overview page (see the module docstring); every text is escaped.

    Examples
    --------
    >>> from smmlab.exercises import lesson00
    >>> "Not submitted (0)" in overview_html([], lesson00.LESSON, roster=[])
    True
    """
    table = overview_table(graded, lesson)
    counted = _counted(graded)
    maximum = sum(e.points for e in lesson.exercises.values())
    totals = [g.total for g in counted]
    title = TEXT.text("title", lesson=lesson.number, title=lesson.title)
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>{html.escape(title)}</title>",
             "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
             "line-height:1.5;padding:0 1rem}table{border-collapse:collapse}"
             "th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}"
             "caption{text-align:left;font-size:.9rem}</style>",
             "</head><body>", f"<h1>{html.escape(title)}</h1>"]
    if totals:
        summary = TEXT.text("summary", n=len(totals), mean=sum(totals) / len(totals),
                            max=maximum, median=float(pd.Series(totals).median()))
    else:
        summary = TEXT.text("nothing")
    parts.append(f"<p>{html.escape(summary)}</p>")
    parts.append(f"<h2>{html.escape(TEXT.text('exercises'))}</h2>")
    head = "".join(f"<th scope=\"col\">{html.escape(c)}</th>"
                   for c in TEXT.text("columns").split("|"))
    parts.append(f"<table><caption>{html.escape(TEXT.text('caption'))}</caption>"
                 f"<thead><tr>{head}</tr></thead><tbody>")
    for row in table.itertuples(index=False):
        rate = "" if math.isnan(row.success_rate) else f"{row.success_rate:.0%}"
        cells = [row.exercise, row.tier, f"{row.points:g}", row.submissions, row.correct,
                 row.not_yet, row.not_attempted, rate, row.top_mistakes]
        parts.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells)
                     + "</tr>")
    parts.append("</tbody></table>")
    bins = score_bins(totals, maximum)
    parts.append(f"<h2>{html.escape(TEXT.text('histogram'))}</h2>")
    parts.append(f"<figure>{histogram_svg(bins)}<figcaption>"
                 f"{html.escape(TEXT.text('histogram'))}</figcaption></figure>")
    parts.append(f"<table><thead><tr><th scope=\"col\">{html.escape(TEXT.text('score'))}</th>"
                 f"<th scope=\"col\">{html.escape(TEXT.text('count'))}</th></tr></thead><tbody>")
    for lo, hi, count in bins:
        parts.append(f"<tr><td>{html.escape(_bin_label(lo, hi))}</td><td>{count}</td></tr>")
    parts.append("</tbody></table>")
    missing = missing_learners(graded, roster)
    if missing is None:
        parts.append(f"<p>{html.escape(TEXT.text('missing_no_roster'))}</p>")
    else:
        parts.append(f"<h2>{html.escape(TEXT.text('missing', n=len(missing)))}</h2>")
        if missing:
            parts.append("<ul>" + "".join(
                f"<li>{html.escape(lr.name)} ({html.escape(lr.learner_id)})</li>"
                for lr in missing) + "</ul>")
        else:
            parts.append(f"<p>{html.escape(TEXT.text('missing_none'))}</p>")
    parts += ["</body></html>", ""]
    return "\n".join(parts)


def write_overview(graded: Sequence[Graded], lesson: Lesson, out: Path,
                   roster: Sequence[Learner] | None = None) -> list[Path]:
    """Write ``overview.html`` and ``overview.csv`` (cells made formula-safe) into ``out``.

    Examples
    --------
    >>> import tempfile
    >>> from smmlab.exercises import lesson00
    >>> [p.name for p in write_overview([], lesson00.LESSON, Path(tempfile.mkdtemp()))]
    ['overview.html', 'overview.csv']
    """
    from smmlab.grading.outputs import _csv

    html_path, csv_path = out / "overview.html", out / "overview.csv"
    write_atomic(html_path, overview_html(graded, lesson, roster))
    write_atomic(csv_path, _csv(overview_table(graded, lesson)))
    return [html_path, csv_path]


__all__ = ["histogram_svg", "missing_learners", "overview_html", "overview_table",
           "score_bins", "write_overview"]

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
feedback page under the exercise, as written; and a third time in
``reflections.csv`` (one text column per reflection, capstone notes included,
kept as written, so the instructor can mark them).

Each feedback page shows, for every exercise, what the learner answered (the
value, a compact table, their text, or a thumbnail of their chart drawn from
the chart's model as an inline SVG, with its series as a table), the check's
message, and, with ``show_expected=True`` (``smmlab grade --show-expected``),
the expected value. The expected values are off by default: in an assessment a
page that shows them hands out the answer key. Turn them on for self-study and
open workshops. :mod:`smmlab.grading.overview` writes the class overview.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from smmlab._files import write_atomic
from smmlab._messages import Catalog
from smmlab.exercises.core import Lesson, Outcome
from smmlab.grading._messages import MESSAGES
from smmlab.grading.roster import slug

if TYPE_CHECKING:  # pragma: no cover
    from smmlab.exercises.core import CourseData
    from smmlab.grading.grader import Graded
    from smmlab.grading.roster import Learner

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT = Catalog(
    {
        "en": {
            "more_rows": "… and {n} more rows",
            "chart_untitled": "A chart without a title",
            "chart_no_alt": "(no alt text)",
            "chart_labels": "Title: {title}. x axis: {x}. y axis: {y}.",
            "series": "series",
            "chart_data": "The chart's data as a table",
            "chart_alt": "Alt text: {alt}",
            "function": "Your function returned, on the check's cases: {results}",
            "your_answer": "Your answer:",
            "your_answer_variable": "Your answer ({variable}):",
            "expected": "Expected:",
            "check_says": "The check says:",
            "no_answer": "No answer found.",
        }
    }
)
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


#: A longer run without a space in a learner's text is cut (a pasted blob, not words).
MAX_WORD_CHARS = 80


def cut_runs(text: str) -> str:
    """``text`` with every run of more than :data:`MAX_WORD_CHARS` non-spaces cut there.

    Examples
    --------
    >>> cut_runs("ok " + "A" * 100) == "ok " + "A" * 80 + "…"
    True
    """
    return re.sub(rf"\S{{{MAX_WORD_CHARS + 1},}}", lambda m: m.group(0)[:MAX_WORD_CHARS] + "…",
                  text)


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


MAX_ROWS = 12  # rows of a table shown on a feedback page
MAX_SERIES = 6  # series of a chart drawn in a thumbnail
MAX_POINTS = 60  # points of one series drawn (and listed) in a thumbnail
MAX_ANSWER_TEXT = 2_000  # characters of a text answer shown
#: Okabe-Ito: told apart by people with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")


def _plain_cell(value: Any) -> str | float | None:
    """One table cell as JSON-safe plain data (non-finite numbers as text)."""
    if isinstance(value, bool) or value is None:
        return None if value is None else str(value)
    if isinstance(value, int | float) or hasattr(value, "item"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return _short(value, 80)
        return number if math.isfinite(number) else str(number)
    return _short(value, 80)


def answer_view(value: Any) -> dict[str, Any]:
    """How an answer is shown to a grader: JSON-safe plain data, small whatever the answer.

    ``kind`` is ``value`` (``text`` holds it), ``text`` (a written answer),
    ``table`` (``columns``, ``rows``, ``more`` rows left out), ``chart``
    (``title``, ``alt``, axis labels and up to :data:`MAX_SERIES` series of
    :data:`MAX_POINTS` points), ``function`` (its ``results`` on the check's
    cases) or ``none``.

    Examples
    --------
    >>> answer_view(0.0557)
    {'kind': 'value', 'text': '0.0557'}
    >>> answer_view("Reach fell.\\nPost more.")["kind"], answer_view(["a", "b"])["text"]
    ('text', '[a, b]')
    >>> answer_view(pd.Series([1, 2], index=["a", "b"], name="n"))["rows"]
    [['a', 1.0], ['b', 2.0]]
    """
    from smmlab.grading.answers import Replay, Unsupported
    from smmlab.viz.figure_model import FigureModel

    if value is None:
        return {"kind": "none"}
    if isinstance(value, Unsupported):
        return {"kind": "value", "text": _short(f"({value.what})", 200)}
    if isinstance(value, FigureModel):
        return _chart_view(value)
    if isinstance(value, Replay):
        return {"kind": "function",
                "results": [_short(_brief(c), 80) for c in value.calls[:MAX_ROWS]]}
    if isinstance(value, pd.Series):
        value = value.to_frame(name=str(value.name) if value.name is not None else "value")
    if isinstance(value, pd.DataFrame):
        frame = value.reset_index() if not isinstance(value.index, pd.RangeIndex) else value
        rows = [[_plain_cell(v) for v in row] for row in frame.head(MAX_ROWS).itertuples(
            index=False)]
        return {"kind": "table", "columns": [_short(c, 60) for c in frame.columns],
                "rows": rows, "more": max(0, len(frame) - MAX_ROWS)}
    if isinstance(value, str) and ("\n" in value or len(value) > 80):
        return {"kind": "text", "text": _short(cut_runs(value), MAX_ANSWER_TEXT)}
    if isinstance(value, list | tuple) and value and all(isinstance(v, str) for v in value) \
            and sum(len(v) for v in value) > 80:
        return {"kind": "text", "text": _short(cut_runs("\n".join(value)), MAX_ANSWER_TEXT)}
    return {"kind": "value", "text": _short(_brief(value), 300)}


def _brief(value: Any) -> str:
    """A value as a grader reads it: numbers to 4 significant digits, text as written."""
    from smmlab.grading.answers import decode

    if isinstance(value, Mapping) and ("__error__" in value or "__float__" in value):
        value = decode(value) if "__float__" in value else f"error: {value['__error__']}"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_brief(v) for v in value[:20]) + (
            ", …" if len(value) > 20 else "") + "]"
    if isinstance(value, str):
        return value
    return repr(value) if not hasattr(value, "item") else _brief(value.item())


def _number(value: float) -> str:
    """A number as a grader reads it: whole numbers whole, others to 4 significant digits.

    Examples
    --------
    >>> _number(16911.0), _number(0.0557669), _number(123456.789), _number(float("nan"))
    ('16911', '0.05577', '123456.79', 'nan')
    """
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.4g}" if abs(value) < 1e4 else f"{value:.2f}"


def _chart_view(model: Any) -> dict[str, Any]:
    panel = model.panels[0] if model.panels else None
    series = []
    for s in (panel.data if panel is not None else ())[:MAX_SERIES]:
        series.append({"label": _short(s.label, 60), "kind": s.kind,
                       "x": [_plain_cell(x) for x in s.x[:MAX_POINTS]],
                       "y": [_plain_cell(y) for y in s.y[:MAX_POINTS]]})
    return {"kind": "chart", "title": _short(model.main_title, 200), "alt": _short(model.alt, 400),
            "xlabel": _short(panel.xlabel if panel else "", 80),
            "ylabel": _short(panel.ylabel if panel else "", 80),
            "panels": len(model.panels), "series": series}


def shown(lesson: Lesson, answers: Mapping[str, Any], data: CourseData | None = None
          ) -> dict[str, dict[str, Any]]:
    """What a feedback page shows of each exercise: the learner's answers and the expected one.

    ``answer`` lists one view (:func:`answer_view`) per variable the learner
    set; ``expected`` is the expected answer's view recomputed from the
    learner's ``data`` (``None`` for a reflection, or when it cannot be
    computed); ``hint`` is the first hint as this learner reads it (their
    assessment variant's). Never raises: what cannot be shown is left out.

    Examples
    --------
    >>> from smmlab.exercises import lesson00
    >>> from smmlab.exercises.core import load_course_data
    >>> views = shown(lesson00.LESSON, {"n_posts": 92}, load_course_data())
    >>> views["q1"]["answer"], views["q1"]["expected"]["kind"]
    ([{'kind': 'value', 'text': '92', 'variable': 'n_posts'}], 'value')
    """
    out: dict[str, dict[str, Any]] = {}
    for name, exercise in lesson.exercises.items():
        views = []
        for variable in exercise.variables:
            if variable in answers:
                try:
                    views.append(dict(answer_view(answers[variable]), variable=variable))
                except Exception:  # noqa: BLE001 - a strange answer is not shown, never fatal
                    views.append({"kind": "value", "text": "(cannot be shown)",
                                  "variable": variable})
        expected = None
        if data is not None and exercise.kind != "reflection":
            try:
                want = exercise.expected(data)
                if exercise.kind == "function" and isinstance(want, list):
                    expected = {"kind": "function",
                                "results": [_short(_brief(w), 80) for _, w in want[:MAX_ROWS]]}
                elif want is not None:
                    expected = answer_view(want)
            except Exception:  # noqa: BLE001 - no expected value to show
                expected = None
        out[name] = {"answer": views, "expected": expected}
        if data is not None and exercise.hints:
            try:
                out[name]["hint"] = exercise.hint_text(1, data)
            except Exception:  # noqa: BLE001 - no hint to show
                pass
    return out


def _table_html(columns: Sequence[Any], rows: Sequence[Sequence[Any]], more: int = 0,
                caption: str = "") -> str:
    def cell(v: Any) -> str:
        return html.escape(_number(v) if isinstance(v, float) else str(v if v is not None else ""))

    head = "".join(f"<th scope=\"col\">{cell(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    note = (f"<p class=\"more\">{html.escape(TEXT.text('more_rows', n=more))}</p>"
            if more else "")
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}"


def chart_svg(view: Mapping[str, Any], width: int = 240, height: int = 140) -> str:
    """A thumbnail of a chart view as inline SVG: its title and alt text for screen readers.

    Bars are drawn side by side, lines as polylines with markers; colours come
    from a colour-blind-safe palette and the series table beside it says the
    same in words. Every text is escaped.

    Examples
    --------
    >>> svg = chart_svg({"title": "<b>Reach</b>", "alt": "Bars.", "series": [
    ...     {"label": "", "kind": "bar", "x": ["a", "b"], "y": [1.0, 3.0]}]})
    >>> svg.count("<rect"), "&lt;b&gt;Reach" in svg, "<b>" in svg  # a frame and two bars
    (3, True, False)
    """
    series = [s for s in view.get("series", []) if isinstance(s, Mapping)]
    numbers = [y for s in series for y in s.get("y", []) if isinstance(y, float | int)]
    title = str(view.get("title") or TEXT.text("chart_untitled"))
    alt = str(view.get("alt") or TEXT.text("chart_no_alt"))
    parts = [f"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" "
             f"height=\"{height}\" viewBox=\"0 0 {width} {height}\" class=\"thumb\">",
             f"<title>{html.escape(title)}</title><desc>{html.escape(alt)}</desc>",
             f"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#fff\" "
             "stroke=\"#888\"/>"]
    if numbers:
        low, high = min(0.0, min(numbers)), max(0.0, max(numbers))
        span = (high - low) or 1.0
        left, top, w, h = 8.0, 8.0, width - 16.0, height - 16.0

        def ypos(y: float) -> float:
            return round(top + h * (high - y) / span, 1)

        bars = [s for s in series if s.get("kind") in ("bar", "barh", "pie", "area")]
        count = max((len(s.get("y", [])) for s in series), default=1) or 1
        slot = w / count
        for k, s in enumerate(series):
            colour = PALETTE[k % len(PALETTE)]
            ys = list(s.get("y", []))
            if s in bars:
                bw = slot / (len(bars) + 0.5)
                at = bars.index(s)
                for i, y in enumerate(ys):
                    if isinstance(y, float | int):
                        y0, y1 = sorted((ypos(float(y)), ypos(0.0)))
                        parts.append(f"<rect x=\"{left + i * slot + at * bw:.1f}\" "
                                     f"y=\"{y0}\" width=\"{bw:.1f}\" height=\"{y1 - y0:.1f}\" "
                                     f"fill=\"{colour}\"/>")
            else:
                points = [f"{left + (i + 0.5) * slot:.1f},{ypos(float(y))}"
                          for i, y in enumerate(ys) if isinstance(y, float | int)]
                if points:
                    dash = " stroke-dasharray=\"4 2\"" if k % 2 else ""
                    parts.append(f"<polyline points=\"{' '.join(points)}\" fill=\"none\" "
                                 f"stroke=\"{colour}\" stroke-width=\"2\"{dash}/>")
        parts.append(f"<line x1=\"{left}\" x2=\"{left + w}\" y1=\"{ypos(0.0)}\" "
                     f"y2=\"{ypos(0.0)}\" stroke=\"#333\"/>")
    parts.append("</svg>")
    return "".join(parts)


def _view_html(view: Mapping[str, Any]) -> str:
    """One answer view as HTML (every text escaped)."""
    kind = view.get("kind")
    if kind == "chart":
        series = [s for s in view.get("series", []) if isinstance(s, Mapping)]
        labels = TEXT.text("chart_labels", title=view.get("title", ""),
                               x=view.get("xlabel", ""), y=view.get("ylabel", ""))
        table = ""
        if series:
            xs = list(series[0].get("x", []))
            columns = [view.get("xlabel") or "x"] + [
                s.get("label") or f"{TEXT.text('series')} {i + 1}"
                for i, s in enumerate(series)]
            rows = [[x] + [(list(s.get("y", [])) + [None] * len(xs))[i] for s in series]
                    for i, x in enumerate(xs)]
            table = (f"<details><summary>{html.escape(TEXT.text('chart_data'))}"
                     f"</summary>{_table_html(columns, rows)}</details>")
        alt = view.get("alt") or TEXT.text("chart_no_alt")
        return (f"<figure>{chart_svg(view)}<figcaption>{html.escape(labels)}<br>"
                f"{html.escape(TEXT.text('chart_alt', alt=alt))}</figcaption>"
                f"{table}</figure>")
    if kind == "table":
        return _table_html(view.get("columns", []), view.get("rows", []),
                           int(view.get("more", 0) or 0))
    if kind == "text":
        return f"<blockquote class=\"answer\">{html.escape(str(view.get('text', '')))}</blockquote>"
    if kind == "function":
        results = ", ".join(str(r) for r in view.get("results", []))
        return f"<code>{html.escape(TEXT.text('function', results=results))}</code>"
    if kind == "none":
        return "<code>None</code>"
    return f"<code>{html.escape(str(view.get('text', '')))}</code>"


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


def feedback_html(g: Graded, lesson: Lesson, *, show_expected: bool = False) -> str:
    """One learner's feedback page: per exercise, points, outcome, the answer and the message.

    For every exercise the page shows the learner's answer (:func:`shown`:
    value, table, text or chart thumbnail), the check's message (no check
    code), the first hint when it is not right, and, with ``show_expected``,
    the expected value. Every piece of text is HTML-escaped.

    Examples
    --------
    >>> from smmlab.exercises import lesson00
    >>> from smmlab.grading.grader import Graded
    >>> g = Graded("ada", "<script>", "", "a.ipynb", "ok", "", 1.0, [], {}, {},
    ...            shown={"q1": {"answer": [{"kind": "value", "text": "<b>92</b>"}],
    ...                          "expected": {"kind": "value", "text": "91"}}})
    >>> page = feedback_html(g, lesson00.LESSON)
    >>> "&lt;b&gt;92&lt;/b&gt;" in page, "<script>" in page, "91" in page
    (True, False, False)
    >>> "91" in feedback_html(g, lesson00.LESSON, show_expected=True)
    True
    """
    title = MESSAGES.text("feedback_title", lesson=f"{lesson.number} {lesson.title}", name=g.name)
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;"
        "line-height:1.5;padding:0 1rem}li{margin:.8rem 0}.pts{font-weight:bold}"
        "blockquote{white-space:pre-wrap;border-left:3px solid #888;margin:.4rem 0;"
        "padding:.2rem .8rem}table{border-collapse:collapse;font-size:.9rem;margin:.3rem 0}"
        "th,td{border:1px solid #ccc;padding:.1rem .4rem;text-align:left}"
        "figure{margin:.4rem 0}code{white-space:pre-wrap}.more{font-size:.9rem}</style>",
        "</head><body>", f"<h1>{html.escape(title)}</h1>",
        f"<p>{html.escape(MESSAGES.text('feedback_intro', score=g.total, total=g.maximum))}</p>",
    ]
    if g.reason:
        note = MESSAGES.text("feedback_status", reason=_short(g.reason))
        parts.append(f"<p>{html.escape(note)}</p>")
    parts.append("<ol>")
    results = {r.exercise: r for r in g.results}
    views = getattr(g, "shown", None) or {}
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
        view = views.get(name) if isinstance(views, Mapping) else None
        if written:
            label = MESSAGES.text("feedback_reflection")
            parts.append(f"<br>{html.escape(label)}"
                         f"<blockquote class=\"reflection\">{html.escape(written)}</blockquote>")
        elif isinstance(view, Mapping):
            answers = [a for a in view.get("answer") or [] if isinstance(a, Mapping)]
            for a in answers:
                label = (TEXT.text("your_answer_variable", variable=a["variable"])
                         if len(answers) > 1 and a.get("variable") else TEXT.text("your_answer"))
                parts.append(f"<div class=\"answer\">{html.escape(label)} {_view_html(a)}</div>")
            if not answers and r is not None:
                parts.append(f"<div class=\"answer\">{html.escape(TEXT.text('no_answer'))}</div>")
        if show_expected and isinstance(view, Mapping) and isinstance(view.get("expected"),
                                                                       Mapping):
            parts.append(f"<div class=\"expected\">{html.escape(TEXT.text('expected'))} "
                         f"{_view_html(view['expected'])}</div>")
        first = view.get("hint") if isinstance(view, Mapping) else None
        if first is None and exercise.hints and isinstance(exercise.hints[0], str):
            first = exercise.hints[0]
        if outcome not in (Outcome.CORRECT, Outcome.RECORDED) and first:
            hint = MESSAGES.text("feedback_hint", hint=first)
            parts.append(f"<br><em>{html.escape(hint)}</em>")
        parts.append("</li>")
    parts += ["</ol>", "</body></html>", ""]
    return "\n".join(parts)


def reflections_table(graded: list[Graded], lesson: Lesson) -> pd.DataFrame:
    """The learners' written answers to mark: one row per learner, one text column each.

    Every reflection of the lesson (capstone notes included) is a column named
    after the exercise, holding the text as written (line breaks kept); a
    learner who wrote nothing has an empty cell.

    Examples
    --------
    >>> from smmlab.exercises import lesson00
    >>> from smmlab.grading.grader import Graded
    >>> g = Graded("ada", "Ada", "", "a.ipynb", "ok", "", 1.0, [], {}, {},
    ...            reflections={"q6": "Reach fell.\\nPost more."})
    >>> reflections_table([g], lesson00.LESSON).to_dict("records")
    [{'learner_id': 'ada', 'name': 'Ada', 'email': '', 'q6': 'Reach fell.\\nPost more.'}]
    """
    written = [name for name, e in lesson.exercises.items() if e.kind == "reflection"]
    return pd.DataFrame([{"learner_id": g.learner_id, "name": g.name, "email": g.email,
                          **{name: g.reflections.get(name, "") for name in written}}
                         for g in graded],
                        columns=["learner_id", "name", "email", *written])


def write_results(graded: list[Graded], lesson: Lesson, out: Path, *,
                  show_expected: bool = False, roster: Sequence[Learner] | None = None
                  ) -> list[Path]:
    """Write every result file into ``out``; return their paths.

    ``gradebook.csv``, ``lms_import.csv``, ``reflections.csv``,
    ``feedback/<learner>.html`` (expected values only with ``show_expected``),
    ``overview.html`` and ``overview.csv`` (:mod:`smmlab.grading.overview`; who
    has not submitted comes from ``roster``) and ``results.json``.
    """
    from smmlab.grading.overview import write_overview

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in (("gradebook.csv", gradebook(graded, lesson)),
                        ("lms_import.csv", lms_import(graded, lesson)),
                        ("reflections.csv", reflections_table(graded, lesson))):
        write_atomic(out / name, _csv(frame))
        written.append(out / name)
    for g in graded:
        path = out / "feedback" / f"{slug(g.learner_id)}.html"
        write_atomic(path, feedback_html(g, lesson, show_expected=show_expected))
        written.append(path)
    written += write_overview(graded, lesson, out, roster=roster)
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

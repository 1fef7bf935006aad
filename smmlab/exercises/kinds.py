"""Exercise kinds: a value or table, a function, a chart, a decision, a written reflection."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from smmlab.exercises._messages import text
from smmlab.exercises.compare import Tolerance, describe, difference, is_number, same
from smmlab.exercises.core import (
    CourseData,
    Exercise,
    Mistake,
    Outcome,
    Result,
    is_placeholder,
)


def _expected(exercise: Exercise, data: CourseData, compute: Callable[[CourseData], Any]) -> Any:
    return data.cached((exercise.lesson.number if exercise.lesson else "", exercise.name), compute)


def _mistake(exercise: Exercise, got: Any, data: CourseData, tolerance: Tolerance,
             ordered: bool) -> Mistake | None:
    for mistake in exercise.mistakes:
        lesson = exercise.lesson.number if exercise.lesson else ""
        wrong = data.cached((f"mistake:{lesson}:{exercise.name}", mistake.name), mistake.compute)
        try:
            if same(got, wrong, tolerance=tolerance, ordered=ordered):
                return mistake
        except (TypeError, ValueError):
            continue
    return None


class ValueExercise(Exercise):
    """An answer that is a value: a number, a text, a list, a Series or a table.

    Parameters
    ----------
    name : str
    variable : str
        The notebook variable that holds the answer.
    expected : callable
        ``expected(data) -> value`` computed from the learner's own data.
    rel_tol, abs_tol : float
        Tolerance for numbers (default 0.1 % relative).
    ordered : bool, default=False
        Whether order matters (lists, Series and tables are otherwise compared
        as collections).
    rate : bool, default=False
        The answer is a rate written as a fraction; a percentage (x100) is
        recognised and explained.
    **kwargs
        See :class:`Exercise` (hints, solution, mistakes, points, tier).

    Examples
    --------
    >>> q = ValueExercise("q1", variable="n_posts", expected=lambda d: len(d.posts),
    ...                   hints=("Count rows.", "len(table)"), solution="n_posts = len(posts)")
    >>> data = CourseData({"posts": pd.DataFrame({"a": [1, 2]})}, brand="x")
    >>> str(q.check_answers({"n_posts": 2}, data))
    '✓ Correct: Well done.'
    """

    kind = "value"

    def __init__(self, name: str, *, variable: str, expected: Callable[[CourseData], Any],
                 rel_tol: float = 1e-3, abs_tol: float = 1e-9, ordered: bool = False,
                 rate: bool = False, **kwargs: Any) -> None:
        super().__init__(name, variables=(variable,), **kwargs)
        self.variable = variable
        self._expected_fn = expected
        self.tolerance = Tolerance(rel_tol, abs_tol)
        self.ordered = ordered
        self.rate = rate

    def expected(self, data: CourseData) -> Any:
        """The right answer for ``data``."""
        return _expected(self, data, self._expected_fn)

    def form_problem(self, answers: Mapping[str, Any]) -> str | None:
        got = answers[self.variable]
        if self.rate:
            if not is_number(got):
                return text("not_a_number", variable=self.variable, got=describe(got))
            if not 0 <= float(got) <= 1:
                return text("assessment_range", variable=self.variable, low=0, high=1,
                            got=describe(got))
        return None

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        got = answers[self.variable]
        want = self.expected(data)
        problem = difference(got, want, variable=self.variable, tolerance=self.tolerance,
                             ordered=self.ordered)
        if problem is None:
            return Result(self.name, Outcome.CORRECT, text("correct"), 1.0)
        mistake = _mistake(self, got, data, self.tolerance, self.ordered)
        if mistake is not None:
            return Result(self.name, Outcome.NOT_YET, mistake.message, 0.0, mistake.name)
        if self.rate and is_number(got) and is_number(want) and self.tolerance.close(
                float(got) / 100, want):
            message = text("rate_as_percent", variable=self.variable, got=describe(got))
            return Result(self.name, Outcome.NOT_YET, message, 0.0, "percent")
        if problem == "" and is_number(got) and is_number(want) and want and abs(
                float(got) / float(want) - 1) < 0.02:
            return Result(self.name, Outcome.NOT_YET,
                          text("close_value", variable=self.variable, got=describe(got)), 0.0)
        if problem == "":
            problem = text("wrong_value", variable=self.variable, got=describe(got),
                           advice=text("wrong_value_advice", name=self.name))
        return Result(self.name, Outcome.NOT_YET, problem, 0.0)


class FunctionExercise(Exercise):
    """An answer that is a function, checked on test cases built from the learner's data.

    Parameters
    ----------
    name : str
    variable : str
        Name of the learner's function.
    cases : callable
        ``cases(data) -> list of (args, expected)``; ``args`` is a tuple.
    rel_tol, abs_tol : float
        Tolerance for numeric results.

    Examples
    --------
    >>> q = FunctionExercise("q", variable="rate", cases=lambda d: [((3, 100), 0.03)],
    ...                      hints=("a", "b"), solution="def rate(e, r):\\n    return e / r")
    >>> str(q.check_answers({"rate": lambda e, r: e / r}, CourseData({}, brand="x")))
    '✓ Correct: Well done.'
    """

    kind = "function"

    def __init__(self, name: str, *, variable: str,
                 cases: Callable[[CourseData], Sequence[tuple[tuple, Any]]],
                 rel_tol: float = 1e-6, abs_tol: float = 1e-9, **kwargs: Any) -> None:
        super().__init__(name, variables=(variable,), **kwargs)
        self.variable = variable
        self._cases = cases
        self.tolerance = Tolerance(rel_tol, abs_tol)

    def expected(self, data: CourseData) -> Any:
        """The test cases for ``data``."""
        return _expected(self, data, self._cases)

    def form_problem(self, answers: Mapping[str, Any]) -> str | None:
        fn = answers[self.variable]
        return None if callable(fn) else text("not_a_function", variable=self.variable,
                                              got=describe(fn))

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        fn = answers[self.variable]
        if not callable(fn):
            return Result(self.name, Outcome.NOT_YET,
                          text("not_a_function", variable=self.variable, got=describe(fn)))
        cases = self.expected(data)
        outputs = []
        for args, _ in cases:
            try:
                outputs.append(("ok", fn(*args)))
            except Exception as err:  # the learner's code: any error becomes feedback
                outputs.append(("error", err))
        if outputs and all(kind == "ok" and is_placeholder(out) for kind, out in outputs):
            return Result(self.name, Outcome.NOT_ATTEMPTED,
                          text("not_attempted", variables=self.variable))
        passed, first_problem = 0, None
        for (args, want), (kind, got) in zip(cases, outputs, strict=True):
            shown = ", ".join(describe(a) for a in args)
            if kind == "error":
                first_problem = first_problem or text(
                    "function_raised", variable=self.variable, args=shown,
                    error=type(got).__name__, detail=got)
            elif difference(got, want, variable=self.variable, tolerance=self.tolerance) is None:
                passed += 1
            else:
                first_problem = first_problem or text(
                    "function_wrong", variable=self.variable, args=shown, got=describe(got),
                    expected=describe(want))
        if passed == len(cases):
            return Result(self.name, Outcome.CORRECT, text("correct"), 1.0)
        mistake = self._mistake(outputs, cases, data)
        if mistake is not None:
            return Result(self.name, Outcome.NOT_YET, mistake.message, passed / len(cases),
                          mistake.name)
        return Result(self.name, Outcome.NOT_YET, first_problem or "",
                      passed / len(cases) if cases else 0.0)

    def _mistake(self, outputs: list, cases: Sequence, data: CourseData) -> Mistake | None:
        """A named mistake whose reference function gives what the learner's gave on every case.

        For a function exercise, ``Mistake.compute(data)`` returns the wrong
        *function* (e.g. CPM without the x1000).
        """
        for mistake in self.mistakes:
            wrong_fn = mistake.compute(data)
            same_everywhere = True
            for (args, _), (kind, got) in zip(cases, outputs, strict=True):
                try:
                    wrong = wrong_fn(*args)
                    if is_number(wrong) and math.isnan(float(wrong)):
                        continue  # the mistake says nothing about this case (e.g. zeros)
                except Exception as err:  # the mistake is "it crashes here"
                    same_everywhere &= kind == "error" and type(got).__name__ == type(err).__name__
                    continue
                same_everywhere &= kind == "ok" and difference(
                    got, wrong, variable=self.variable, tolerance=self.tolerance) is None
            if same_everywhere:
                return mistake
        return None


class DecisionExercise(Exercise):
    """A decision from a fixed set of choices (``decision = "escalate"``).

    Parameters
    ----------
    name : str
    variable : str
    choices : sequence of str
        The allowed answers (compared ignoring case and spaces).
    expected : callable
        ``expected(data) -> choice``, the best call for this learner's data.
    why : mapping
        For each wrong choice, why it is not the best call here.

    Examples
    --------
    >>> q = DecisionExercise("q", variable="d", choices=("yes", "no"), expected=lambda d: "no",
    ...                      why={"yes": "Reach fell."}, hints=("a", "b"), solution='d = "no"')
    >>> str(q.check_answers({"d": "Yes"}, CourseData({}, brand="x")))
    "✗ Not yet: d = 'Yes' is not the best call here. Reach fell."
    """

    kind = "decision"

    def __init__(self, name: str, *, variable: str, choices: Iterable[str],
                 expected: Callable[[CourseData], str], why: Mapping[str, str] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(name, variables=(variable,), **kwargs)
        self.variable = variable
        self.choices = tuple(choices)
        self._expected_fn = expected
        self.why = dict(why or {})

    def expected(self, data: CourseData) -> str:
        """The best choice for ``data``."""
        return _expected(self, data, self._expected_fn)

    def form_problem(self, answers: Mapping[str, Any]) -> str | None:
        got = answers[self.variable]
        return None if isinstance(got, str) and got.strip() else text(
            "wrong_type", variable=self.variable, expected="a text in quotes", got=describe(got))

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        got = answers[self.variable]
        norm = {" ".join(c.casefold().split()): c for c in self.choices}
        key = " ".join(got.casefold().split()) if isinstance(got, str) else None
        if key not in norm:
            return Result(self.name, Outcome.NOT_YET, text(
                "choice_invalid", variable=self.variable, choices=list(self.choices), got=got))
        choice = norm[key]
        if choice == self.expected(data):
            return Result(self.name, Outcome.CORRECT, text("correct"), 1.0)
        return Result(self.name, Outcome.NOT_YET, text(
            "choice_wrong", variable=self.variable, got=got, why=self.why.get(choice, "")).strip(),
            0.0, mistake=choice)


class ReflectionExercise(Exercise):
    """A written answer: never auto-scored, saved for the instructor.

    Examples
    --------
    >>> q = ReflectionExercise("q", variable="notes", min_words=3, hints=("a", "b"),
    ...                        solution="notes = 'reach fell in May'")
    >>> q.check_answers({"notes": "Reach fell in May"}, CourseData({}, brand="x")).outcome.name
    'RECORDED'
    """

    kind = "reflection"

    def __init__(self, name: str, *, variable: str, min_words: int = 15, **kwargs: Any) -> None:
        kwargs.setdefault("points", 0.0)
        super().__init__(name, variables=(variable,), **kwargs)
        self.variable = variable
        self.min_words = min_words

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        got = answers[self.variable]
        words = len(str(got).split()) if isinstance(got, str | list) else 0
        if isinstance(got, list):
            words = sum(len(str(item).split()) for item in got)
        if words < self.min_words:
            return Result(self.name, Outcome.NOT_YET, text(
                "reflection_short", variable=self.variable, words=self.min_words, got=words))
        return Result(self.name, Outcome.RECORDED, text("reflection_recorded", name=self.name))


class ChartExercise(Exercise):
    """A chart, checked on what it shows: plotted data, title, axis labels and alt text.

    Parameters
    ----------
    name : str
    variable : str, default="fig"
        The learner's matplotlib Figure.
    expected : callable
        ``expected(data) -> pandas.Series``: the values the chart must show,
        labelled by category (bars) or by x (lines). Order does not matter.
    title_words : sequence of str
        Words the title must contain (any case).
    rel_tol : float
        Tolerance on plotted values.

    Each of the five checks (data, title, x label, y label, alt text) is worth
    a fifth of the points, for partial credit.
    """

    kind = "chart"

    def __init__(self, name: str, *, expected: Callable[[CourseData], pd.Series],
                 variable: str = "fig", title_words: Iterable[str] = (), rel_tol: float = 1e-3,
                 **kwargs: Any) -> None:
        super().__init__(name, variables=(variable,), **kwargs)
        self.variable = variable
        self._expected_fn = expected
        self.title_words = tuple(title_words)
        self.tolerance = Tolerance(rel_tol, 1e-9)

    def expected(self, data: CourseData) -> pd.Series:
        """The values the chart must show."""
        return _expected(self, data, self._expected_fn)

    def form_problem(self, answers: Mapping[str, Any]) -> str | None:
        from matplotlib.figure import Figure

        fig = answers[self.variable]
        if not isinstance(fig, Figure):
            return text("chart_not_figure", variable=self.variable, got=describe(fig))
        return None

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        from matplotlib.figure import Figure

        fig = answers[self.variable]
        if not isinstance(fig, Figure):
            return Result(self.name, Outcome.NOT_YET, text(
                "chart_not_figure", variable=self.variable, got=describe(fig)))
        axes = [ax for ax in fig.axes if ax.patches or ax.lines or ax.collections]
        if not axes:
            return Result(self.name, Outcome.NOT_YET, text("chart_no_axes",
                                                           variable=self.variable))
        ax = axes[0]
        problems = [self._data_problem(ax, self.expected(data))]
        title = ax.get_title() or (fig._suptitle.get_text() if fig._suptitle else "")
        if not title.strip():
            problems.append(text("chart_no_title"))
        elif any(w.casefold() not in title.casefold() for w in self.title_words):
            problems.append(text("chart_title_words", words=", ".join(self.title_words)))
        else:
            problems.append(None)
        problems.append(None if ax.get_xlabel().strip() else text("chart_no_xlabel"))
        problems.append(None if ax.get_ylabel().strip() else text("chart_no_ylabel"))
        problems.append(None if _alt_text(fig) else text("chart_no_alt"))
        found = [p for p in problems if p]
        score = 1 - len(found) / len(problems)
        if not found:
            return Result(self.name, Outcome.CORRECT, text("correct"), 1.0)
        return Result(self.name, Outcome.NOT_YET, " ".join(found), score)

    def _data_problem(self, ax: Any, want: pd.Series) -> str | None:
        shown = _plotted(ax)
        if shown is None:
            return text("chart_no_data")
        if isinstance(shown, pd.Series) and len(shown) == len(want):
            labelled = {str(k) for k in shown.index} == {str(k) for k in want.index}
            if labelled and same(shown.rename(index=str), want.rename(index=str),
                                 tolerance=self.tolerance):
                return None
        values = np.sort(np.asarray(shown, dtype=float))
        if len(values) == len(want) and np.allclose(values, np.sort(want.to_numpy(dtype=float)),
                                                    rtol=self.tolerance.rel):
            return None
        return text("chart_wrong_data", got=describe(list(np.round(values, 4))),
                    expected=describe(list(np.round(want.to_numpy(dtype=float), 4))))


def _alt_text(fig: Any) -> str:
    from smmlab.viz import alt

    return str(getattr(fig, alt.ATTRIBUTE, "") or "").strip()


def _plotted(ax: Any) -> pd.Series | np.ndarray | None:
    """Bar heights labelled by their tick labels, or the y values of the first line."""
    from matplotlib.patches import Rectangle

    from smmlab.viz.charts import EVENT_GID

    # Shaded event windows (smmlab.viz tags them) are not data: a line with events is a line.
    bars = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_gid() != EVENT_GID]
    if bars:
        horizontal = len({round(b.get_x(), 9) for b in bars}) == 1 and len(bars) > 1
        values = [b.get_width() if horizontal else b.get_height() for b in bars]
        centres = [b.get_y() + b.get_height() / 2 if horizontal else b.get_x() + b.get_width() / 2
                   for b in bars]
        ticks = ax.get_yticklabels() if horizontal else ax.get_xticklabels()
        positions = ax.get_yticks() if horizontal else ax.get_xticks()
        labels = {round(float(p), 6): t.get_text() for p, t in zip(positions, ticks, strict=False)}
        names = [labels.get(round(float(c), 6)) for c in centres]
        if all(names) and len(set(names)) == len(names):
            return pd.Series(values, index=names)
        return np.asarray(values)
    if ax.lines:
        return np.asarray(ax.lines[0].get_ydata(), dtype=float)
    return None


KINDS = {cls.kind: cls for cls in (ValueExercise, FunctionExercise, DecisionExercise,
                                   ReflectionExercise, ChartExercise)}

__all__ = ["KINDS", "ChartExercise", "DecisionExercise", "FunctionExercise",
           "ReflectionExercise", "ValueExercise"]

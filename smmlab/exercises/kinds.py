"""Exercise kinds: a value or table, a function, a chart, a decision, a judged answer, a reflection.

Each kind is declared once, with everything that depends on the learner's data
given as a function of that data (expected values, choices, reasons, mistakes).
No kind keeps per-learner state: the grader checks many learners in threads.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from smmlab.exercises._messages import text
from smmlab.exercises.compare import (
    Tolerance,
    _names,
    _pairs_difference,
    _vocabulary,
    as_series,
    describe,
    difference,
    is_number,
    label_key,
    same,
)
from smmlab.exercises.core import (
    CourseData,
    Exercise,
    Mistake,
    Outcome,
    Result,
    is_placeholder,
)


def _key(exercise: Exercise, what: str) -> tuple[str, str]:
    """A cache key for something an exercise computes from the data: lesson, exercise, what.

    One CourseData serves every lesson in the grader and the tests: ``q9`` of lesson 01
    and ``q9`` of lesson 04 must never share an entry.
    """
    return (f"{what}:{exercise.lesson.number if exercise.lesson else ''}", exercise.name)


def _expected(exercise: Exercise, data: CourseData, compute: Callable[[CourseData], Any]) -> Any:
    return data.cached((exercise.lesson.number if exercise.lesson else "", exercise.name), compute)


def _wrong_answer(exercise: Exercise, mistake: Mistake, data: CourseData) -> Any:
    lesson = exercise.lesson.number if exercise.lesson else ""
    return data.cached((f"mistake:{lesson}:{exercise.name}", mistake.name), mistake.compute)


def _mistake(exercise: Exercise, got: Any, data: CourseData, *, before: bool,
             same_as: Callable[[Any, Any], bool] | None = None) -> Mistake | None:
    """The named mistake that ``got`` shows (``before``: only the up-front ones).

    A number equal to one mistake's own value names that mistake, even when an
    earlier mistake is also within the tolerance (two wrong methods can land
    close together on some brands); otherwise the first mistake that matches.
    """
    if same_as is not None and _is_number(got):
        for mistake in exercise.mistakes:
            if mistake.before != before or mistake.compute is None:
                continue
            try:
                wrong = _wrong_answer(exercise, mistake, data)
            except (TypeError, ValueError, KeyError, AttributeError, ZeroDivisionError):
                continue
            if _is_number(wrong) and math.isclose(float(got), float(wrong), rel_tol=1e-12,
                                                  abs_tol=1e-15):
                return mistake
    for mistake in exercise.mistakes:
        if mistake.before != before:
            continue
        if mistake.matches(got, data):
            return mistake
        if mistake.compute is None or same_as is None:
            continue
        try:
            if same_as(got, _wrong_answer(exercise, mistake, data)):
                return mistake
        except (TypeError, ValueError, KeyError, AttributeError, ZeroDivisionError):
            continue
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(
        float(value))


def _named(exercise: Exercise, mistake: Mistake, data: CourseData, score: float = 0.0) -> Result:
    return Result(exercise.name, Outcome.NOT_YET, mistake.say(data), score, mistake.name)


class ValueExercise(Exercise):
    """An answer that is a value: a number, a text, a list, a Series or a table.

    Parameters
    ----------
    name : str, optional
        Taken from the variable it is assigned to by :meth:`Lesson.bind`.
    variable : str
        The notebook variable that holds the answer.
    expected : callable
        ``expected(data) -> value`` computed from the learner's own data.
    rel_tol, abs_tol : float
        Tolerance for numbers (default 0.1 % relative). A number rounded to the
        decimals it is written with (at least two significant digits) is also
        accepted: ``0.049`` for ``0.04912``.
    ordered : bool, default=False
        Whether order matters (lists, Series and tables are otherwise compared
        label with value, or as collections when they have no labels).
    rate : bool, default=False
        The answer is a rate written as a fraction (a percentage is explained;
        in assessment mode the form check asks for a number from 0 to 1).
    prepare : callable, optional
        ``prepare(answer, data) -> answer``: make an equivalent form comparable
        (drop zero counts that ``value_counts()`` lists and ``groupby`` leaves out).
    **kwargs
        See :class:`Exercise` (hints, solution, mistakes, points, tier, right, wrong).

    Examples
    --------
    >>> q = ValueExercise("q1", variable="n_posts", expected=lambda d: len(d.posts),
    ...                   hints=("Count rows.", "len(table)"), solution="n_posts = len(posts)")
    >>> data = CourseData({"posts": pd.DataFrame({"a": [1, 2]})}, brand="x")
    >>> str(q.check_answers({"n_posts": 2}, data))
    '✓ Correct: Well done.'
    """

    kind = "value"

    def __init__(self, name: str | None = None, *, variable: str,
                 expected: Callable[[CourseData], Any], rel_tol: float = 1e-3,
                 abs_tol: float = 1e-9, ordered: bool = False, rate: bool = False,
                 prepare: Callable[[Any, CourseData], Any] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(name, variables=(variable,), **kwargs)
        self.variable = variable
        self._expected_fn = expected
        self.tolerance = Tolerance(rel_tol, abs_tol)
        self.ordered = ordered
        self.rate = rate
        self.prepare = prepare

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

    def _same(self, got: Any, want: Any) -> bool:
        return same(got, want, tolerance=self.tolerance, ordered=self.ordered)

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        got = answers[self.variable]
        if self.prepare is not None:
            try:
                got = self.prepare(got, data)
            except Exception:  # the learner's answer may be anything: judge it as it is
                got = answers[self.variable]
        first = _mistake(self, got, data, before=True)
        if first is not None:
            return _named(self, first, data)
        want = self.expected(data)
        problem = difference(got, want, variable=self.variable, tolerance=self.tolerance,
                             ordered=self.ordered)
        if problem is None:
            return Result(self.name, Outcome.CORRECT, text("correct"), 1.0)
        mistake = _mistake(self, got, data, before=False, same_as=self._same)
        if mistake is not None:
            return _named(self, mistake, data)
        return Result(self.name, Outcome.NOT_YET, number_feedback(
            self.variable, self.name, got, want, problem, self.tolerance, rate=self.rate), 0.0,
            "percent" if _as_percent(got, want, self.tolerance, self.rate) else None)


def _as_percent(got: Any, want: Any, tolerance: Tolerance, rate: bool = False) -> bool:
    """True if ``got`` is the fraction ``want`` written as a percentage (x100).

    Any ratio can be typed as a percentage when the question asks for a rate
    (an ROI of 3.6 typed as 360); otherwise only a fraction below 1 is read so.
    """
    if not (is_number(got) and is_number(want) and want and math.isfinite(float(got))):
        return False
    return (rate or abs(float(want)) < 1) and tolerance.close(float(got) / 100, want)


def number_feedback(variable: str, name: str, got: Any, want: Any, problem: str,
                    tolerance: Tolerance, *, rate: bool = False) -> str:
    """What to say about a wrong answer once no named mistake explains it.

    Examples
    --------
    >>> number_feedback("rate", "q2", 4.9, 0.049, "", Tolerance())[:40]
    'rate is 4.9: that looks like a percentag'
    >>> number_feedback("n", "q1", 40, 41, "", Tolerance())[:38]
    'n is 40, which is not what I expected.'
    """
    if problem:
        return problem
    if _as_percent(got, want, tolerance, rate):
        return text("rate_as_percent", variable=variable, got=describe(got))
    if is_number(got) and is_number(want) and want and math.isfinite(float(got)) and abs(
            float(got) / float(want) - 1) < 0.02:
        return text("close_value", variable=variable, got=describe(got))
    if is_number(got) and is_number(want) and want and math.isfinite(float(got)) and \
            tolerance.close(-float(got), want):
        return text("wrong_sign", variable=variable, got=describe(got))
    return text("wrong_value", variable=variable, got=describe(got),
                advice=text("wrong_value_advice", name=name))


class FunctionExercise(Exercise):
    """An answer that is a function, checked on test cases built from the learner's data.

    Parameters
    ----------
    name : str, optional
    variable : str
        Name of the learner's function.
    cases : callable
        ``cases(data) -> list of (args, expected)``; ``args`` is a tuple. Include
        the boundary cases the question mentions (a value exactly at a threshold,
        a zero denominator only where the question says what to return) and cases
        from more than one data set, so a function fitted to one brand fails. An
        ``expected`` may be a function ``judge(output) -> message or None`` for an
        output no comparison captures (a sentence that must name the highest bar).
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

    def __init__(self, name: str | None = None, *, variable: str,
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
            try:  # tables and Series are copied: the learner's code may change what it gets
                outputs.append(("ok", fn(*(a.copy() if isinstance(a, pd.DataFrame | pd.Series)
                                           else a for a in args))))
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
                    error=type(got).__name__, detail=str(got)[:200])
            elif (problem := want(got) if callable(want) else difference(
                    got, want, variable=f"{self.variable}({shown})",
                    tolerance=self.tolerance)) is None:
                passed += 1
            else:  # a Series or table says which label differs; a number, both values
                first_problem = first_problem or problem or text(
                    "function_wrong", variable=self.variable, args=shown, got=describe(got),
                    expected=describe(want))
        if passed == len(cases):
            return Result(self.name, Outcome.CORRECT, text("correct"), 1.0)
        mistake = self._mistake(outputs, cases, data)
        if mistake is not None:
            return _named(self, mistake, data, passed / len(cases))
        return Result(self.name, Outcome.NOT_YET, first_problem or "",
                      passed / len(cases) if cases else 0.0)

    def _mistake(self, outputs: list, cases: Sequence, data: CourseData) -> Mistake | None:
        """A named mistake whose reference function gives what the learner's gave on every case.

        For a function exercise, ``Mistake.compute(data)`` returns the wrong
        *function* (e.g. CPM without the x1000); ``Mistake.when(outputs, data)``
        receives the list of ``("ok", value)`` or ``("error", exception)`` pairs.
        """
        for mistake in self.mistakes:
            if mistake.matches(outputs, data):
                return mistake
            if mistake.compute is None:
                continue
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
    """A decision from a set of choices (``decision = "escalate"``).

    Parameters
    ----------
    name : str, optional
    variable : str
    choices : sequence of str, or callable
        The allowed answers, or ``choices(data)`` when they depend on the brand
        (its platforms, its channels). Compared ignoring case, accents and spaces.
    expected : callable
        ``expected(data) -> choice``, the best call for this learner's data, or a
        tuple of choices that are all right (a pie or bars, for three parts).
    why : mapping or callable
        For each wrong choice, why it is not the best call here; ``why(data)``
        returns that mapping when the reasons quote the learner's numbers.
    aliases : mapping, optional
        Other words for a choice: ``{"crisis": ("crisi", "crise")}``.

    Examples
    --------
    >>> q = DecisionExercise("q", variable="d", choices=("yes", "no"), expected=lambda d: "no",
    ...                      why={"yes": "Reach fell."}, hints=("a", "b"), solution='d = "no"',
    ...                      aliases={"no": ("non",)})
    >>> str(q.check_answers({"d": "Yes"}, CourseData({}, brand="x")))
    "✗ Not yet: d = 'Yes' is not the best call here. Reach fell."
    >>> q.check_answers({"d": "NON"}, CourseData({}, brand="x")).correct
    True
    """

    kind = "decision"

    def __init__(self, name: str | None = None, *, variable: str,
                 choices: Iterable[str] | Callable[[CourseData], Iterable[str]],
                 expected: Callable[[CourseData], str],
                 why: Mapping[str, str] | Callable[[CourseData], Mapping[str, str]] | None = None,
                 aliases: Mapping[str, Iterable[str]] | None = None, **kwargs: Any) -> None:
        super().__init__(name, variables=(variable,), **kwargs)
        self.variable = variable
        self._choices = choices if callable(choices) else tuple(choices)
        self._expected_fn = expected
        self._why = why if callable(why) else dict(why or {})
        self.aliases = {c: tuple(a) for c, a in (aliases or {}).items()}

    def choices(self, data: CourseData | None = None) -> tuple[str, ...]:
        """The allowed answers for ``data`` (for brand-dependent choices, ``data`` is needed)."""
        if callable(self._choices):
            if data is None:
                return ()
            return tuple(str(c) for c in data.cached(_key(self, "choices"), self._choices))
        return self._choices

    def why(self, data: CourseData) -> Mapping[str, str]:
        """Why each wrong choice is not the best call, for ``data``."""
        if callable(self._why):
            return data.cached(_key(self, "why"), self._why)
        return self._why

    def expected(self, data: CourseData) -> str:
        """The best choice for ``data``."""
        return _expected(self, data, self._expected_fn)

    def choice(self, got: Any, data: CourseData | None) -> str | None:
        """The choice ``got`` names (case, accents, spaces and aliases ignored), or None."""
        if not isinstance(got, str):
            return None
        key = label_key(got)
        for choice in self.choices(data):
            if key in {label_key(choice), *(label_key(a) for a in self.aliases.get(choice, ()))}:
                return choice
        return None

    def form_problem(self, answers: Mapping[str, Any]) -> str | None:
        got = answers[self.variable]
        if not (isinstance(got, str) and got.strip()):
            return text("wrong_type", variable=self.variable, expected=text("expected_text"),
                        got=describe(got))
        if not callable(self._choices) and self.choice(got, None) is None:
            return text("choice_invalid", variable=self.variable, choices=list(self._choices),
                        got=got)
        return None

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        got = answers[self.variable]
        choice = self.choice(got, data)
        if choice is None:
            return Result(self.name, Outcome.NOT_YET, text(
                "choice_invalid", variable=self.variable, choices=list(self.choices(data)),
                got=got if isinstance(got, str) else describe(got)))
        want = self.expected(data)
        if choice == want or (isinstance(want, tuple) and choice in want):
            return Result(self.name, Outcome.CORRECT, text("correct"), 1.0)
        return Result(self.name, Outcome.NOT_YET, text(
            "choice_wrong", variable=self.variable, got=got,
            why=self.why(data).get(choice, "")).strip(), 0.0, mistake=choice)


class ReflectionExercise(Exercise):
    """A written answer: never auto-scored, saved for the instructor.

    ``mistakes`` with ``when(answer, data)`` can still ask for more before it is
    saved (the learner's own monthly gain, a number at all).

    Examples
    --------
    >>> q = ReflectionExercise("q", variable="notes", min_words=3, hints=("a", "b"),
    ...                        solution="notes = 'reach fell in May'")
    >>> q.check_answers({"notes": "Reach fell in May"}, CourseData({}, brand="x")).outcome.name
    'RECORDED'
    """

    kind = "reflection"

    def __init__(self, name: str | None = None, *, variable: str, min_words: int = 15,
                 **kwargs: Any) -> None:
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
        for mistake in self.mistakes:
            if mistake.matches(got, data):
                return _named(self, mistake, data)
        return Result(self.name, Outcome.RECORDED, text("reflection_recorded", name=self.name))


@dataclasses.dataclass(frozen=True)
class Verdict:
    """What a judge function says about an answer: its score, what to say, the mistake.

    Examples
    --------
    >>> Verdict(1.0).correct, Verdict(0.5, "Two of the slots are thin.", "small_sample").correct
    (True, False)
    """

    score: float
    message: str = ""
    mistake: str | None = None

    @property
    def correct(self) -> bool:
        """True for a full score."""
        return self.score >= 1.0


class JudgedExercise(Exercise):
    """An answer judged by a function: a calendar, a drill's alarm time, a slide deck.

    For answers with several right forms that no comparison captures. The judge
    is a pure function of the answer and the data, declared with the exercise.

    Parameters
    ----------
    name : str, optional
    variable : str or sequence of str
        The variable(s) holding the answer; the judge gets the value, or a dict
        of values when there are several.
    judge : callable
        ``judge(answer, data) -> Verdict``.
    form : callable, optional
        ``form(answer) -> str or None``: what is wrong with the answer's form,
        for assessment mode (never looks at the data).
    kind : str, default="value"
        How the exercise counts among the lesson's kinds.

    Examples
    --------
    >>> q = JudgedExercise("q", variable="n", hints=("a", "b"),
    ...                    judge=lambda n, d: Verdict(1.0) if n > 2 else Verdict(0, "Too few."))
    >>> str(q.check_answers({"n": 1}, CourseData({}, brand="x")))
    '✗ Not yet: Too few.'
    """

    def __init__(self, name: str | None = None, *, variable: str | Sequence[str],
                 judge: Callable[[Any, CourseData], Verdict],
                 form: Callable[[Any], str | None] | None = None, kind: str = "value",
                 **kwargs: Any) -> None:
        variables = (variable,) if isinstance(variable, str) else tuple(variable)
        super().__init__(name, variables=variables, **kwargs)
        self.variable = variables[0]
        self.judge = judge
        self.form = form
        self.kind = kind

    def form_problem(self, answers: Mapping[str, Any]) -> str | None:
        return self.form(self.answer_of(answers)) if self.form is not None else None

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        answer = self.answer_of(answers)
        first = _mistake(self, answer, data, before=True)
        if first is not None:
            return _named(self, first, data)
        verdict = self.judge(answer, data)
        if verdict.correct:
            return Result(self.name, Outcome.CORRECT, verdict.message or text("correct"), 1.0)
        return Result(self.name, Outcome.NOT_YET, verdict.message,
                      max(0.0, min(float(verdict.score), 0.99)), verdict.mistake)


@dataclasses.dataclass(frozen=True)
class Step:
    """One thing a process must have done, tested on the answer alone.

    Attributes
    ----------
    name : str
        Short id, reported as the result's mistake when the step fails.
    test : callable
        ``test(answer) -> bool``: the answer's value, or a dict of values when
        the exercise reads several variables. An exception counts as a fail.
    message : str or callable
        What to say when the step fails; ``message(answer)`` quotes what was found.

    Examples
    --------
    >>> step = Step("rows", lambda t: len(t) > 0, "The table is empty.")
    >>> step.passes([]), step.say([])
    (False, 'The table is empty.')
    """

    name: str
    test: Callable[[Any], bool]
    message: str | Callable[[Any], str]

    def passes(self, answer: Any) -> bool:
        """True if the answer passes this step (an exception in the test is a fail)."""
        try:
            return bool(self.test(answer))
        except Exception:  # the learner's answer may be anything: a fail, never a crash
            return False

    def say(self, answer: Any) -> str:
        """The message, with what the answer holds where it quotes it."""
        try:
            return self.message(answer) if callable(self.message) else self.message
        except Exception:  # a message that cannot quote this answer still says the step
            return self.name


class ProcessExercise(Exercise):
    """An answer checked for how it was made, not for its value: work on the learner's own data.

    When the course cannot know the numbers (the learner's own exports), it can still
    check the process: a table was imported and has the course's columns, the
    missing columns were found in *that* table, an alarm table has the alarm's
    columns, a report file was written. Each :class:`Step` tests the answer alone
    (never the course data) and says what to do when it fails; the steps are tried
    in order and the first that fails is the message, with partial credit for the
    steps passed before it. ``variables`` may name other answers the steps compare
    with (the missing columns of the learner's own ``my_posts``).

    Parameters
    ----------
    name : str, optional
    variable : str or sequence of str
        The variable(s) holding the answer; the steps get the value, or a dict
        of values when there are several.
    steps : sequence of Step
        What the process must have done, in the order to check it.
    form : int, default=1
        How many of the first steps are about the answer's form: the only ones
        run in assessment mode.
    done : callable, optional
        ``done(answer) -> str``: what to say when every step passes (quote what
        was found: "940 posts from 6 platforms").
    **kwargs
        See :class:`Exercise` (hints, solution, points, tier, right, wrong).

    Examples
    --------
    >>> q = ProcessExercise("q", variable="table", hints=("a", "b"), steps=(
    ...     Step("table", lambda t: isinstance(t, pd.DataFrame), "Give a table."),
    ...     Step("rows", lambda t: len(t) > 0, "The table is empty: did the import find files?"),
    ... ), done=lambda t: f"{len(t)} rows imported.")
    >>> empty = CourseData({}, brand="x")
    >>> str(q.check_answers({"table": pd.DataFrame({"a": []})}, empty))
    '✗ Not yet: The table is empty: did the import find files?'
    >>> str(q.check_answers({"table": pd.DataFrame({"a": [1, 2]})}, empty))
    '✓ Correct: 2 rows imported.'
    """

    kind = "process"

    def __init__(self, name: str | None = None, *, variable: str | Sequence[str],
                 steps: Sequence[Step], form: int = 1,
                 done: Callable[[Any], str] | None = None, **kwargs: Any) -> None:
        variables = (variable,) if isinstance(variable, str) else tuple(variable)
        super().__init__(name, variables=variables, **kwargs)
        if not steps:
            raise ValueError("a process exercise needs at least one step")
        self.variable = variables[0]
        self.steps = tuple(steps)
        self.form = form
        self.done = done

    def _first_failed(self, answer: Any, steps: Sequence[Step]) -> tuple[int, Step | None]:
        for passed, step in enumerate(steps):
            if not step.passes(answer):
                return passed, step
        return len(steps), None

    def form_problem(self, answers: Mapping[str, Any]) -> str | None:
        answer = self.answer_of(answers)
        _, failed = self._first_failed(answer, self.steps[:self.form])
        return None if failed is None else failed.say(answer)

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        answer = self.answer_of(answers)
        passed, failed = self._first_failed(answer, self.steps)
        if failed is None:
            message = text("correct")
            if self.done is not None:
                try:
                    message = self.done(answer)
                except Exception:  # an unusual answer that passed: the plain word
                    message = text("correct")
            return Result(self.name, Outcome.CORRECT, message, 1.0)
        return Result(self.name, Outcome.NOT_YET, failed.say(answer),
                      min(passed / len(self.steps), 0.99), failed.name)


# ---------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------

#: Words that name the largest or the smallest value in a sentence, in English, Italian and
#: French ("Instagram leads", "il più alto", "le plus bas").
_HIGHEST = re.compile(
    r"\b(highest|largest|biggest|most|top|tallest|leads?|leading|best|greatest|maximum|peak|"
    r"più alt[oaie]|(?:il|la) più(?! bass| piccol| economic| debol| cort)|maggiore|"
    r"massimo|migliore|in testa|"
    r"le plus (?:élevé|haut|grand)e?s?|la plus(?! bas| faible| petit)|plus élevée?|maximum|"
    r"en tête)\b", re.IGNORECASE)
_LOWEST = re.compile(
    r"\b(lowest|smallest|least|fewest|shortest|weakest|worst|minimum|bottom|cheapest|"
    r"più bass[oaie]|meno|minore|minimo|peggiore|ultim[oa]|più economic[oaie]|più debol[ei]|"
    r"le plus bas|la plus basse|le moins|plus faible|minimum|en dernier)\b", re.IGNORECASE)
#: Superlatives of size ("fell most", "the biggest drop"): next to a word of a fall they name
#: the smallest (most negative) value.
_SIZE = re.compile(r"^(most|largest|biggest|greatest|maximum|maggiore|massimo|il più|la più|"
                   r"la plus)$", re.IGNORECASE)


def _names_a_fall(clause: str, start: int, end: int) -> bool:
    """True if a word of a fall stands within a few words of ``clause[start:end]``."""
    from smmlab.report import claims

    return claims.direction(clause[max(0, start - 25):end + 15]) == "down"


def superlative_problem(sentence: str, values: pd.Series) -> str | None:
    """Check what a sentence says is highest or lowest against labelled values.

    In each clause that names the largest or smallest value ("Instagram has the
    most engagements"), the first label it mentions must be the one with the
    largest (or smallest) value. Returns a message naming the difference, or None.

    Examples
    --------
    >>> values = pd.Series({"Instagram": 5.0, "TikTok": 9.0, "Facebook": 1.0})
    >>> superlative_problem("TikTok has the most engagements; Facebook the fewest.", values)
    >>> superlative_problem("Facebook has the highest bar.", values)
    'The text says Facebook is highest, but in the data the highest is TikTok.'
    >>> superlative_problem("Il più alto è TikTok.", values) is None
    True
    >>> superlative_problem("Facebook è il più economico.", values) is None  # the lowest
    True
    >>> changes = pd.Series({"Instagram": -0.01, "LinkedIn": -0.32, "Facebook": 0.23})
    >>> superlative_problem("LinkedIn fell most, by 32%.", changes) is None
    True
    >>> superlative_problem("Facebook had the biggest drop.", changes)
    'The text says Facebook is lowest, but in the data the lowest is LinkedIn.'
    """
    numeric = pd.to_numeric(values, errors="coerce").dropna()
    if numeric.empty or numeric.nunique() < 2 or all(is_number(k) for k in numeric.index):
        return None  # numbers as labels (months 1-12) cannot be told from other numbers
    labels = [str(k) for k in numeric.index]
    top, bottom = str(numeric.idxmax()), str(numeric.idxmin())
    # clauses end at . ; : ! ? (never inside a number: "2.266", "4.9") or ", and / but..."
    for clause in re.split(r"(?<!\d)\.|\.(?!\d)|[;:!?\n]|,\s+(?:and|but|while|e|ma|et|mais)\b",
                           str(sentence)):
        found = sorted((m.start(), m.end(), label) for label in labels
                       for m in re.finditer(rf"(?<!\w){re.escape(label)}(?!\w)", clause,
                                            re.IGNORECASE))
        if not found:
            continue
        high, low = _HIGHEST.search(clause), _LOWEST.search(clause)
        if high and _SIZE.match(high.group(0)) and _names_a_fall(clause, high.start(),
                                                                  high.end()):
            high, low = None, high  # "fell most": the biggest fall is the lowest value
        if high and (not low or high.start() < low.start()):
            named = _nearest(found, high)
            if named != top:
                return text("superlative_wrong", said=named, which=text("word_highest"),
                            truth=top)
        elif low:
            named = _nearest(found, low)
            if named != bottom:
                return text("superlative_wrong", said=named, which=text("word_lowest"),
                            truth=bottom)
    return None


def _nearest(found: list[tuple[int, int, str]], word: re.Match) -> str:
    """The label written nearest a superlative ("b" in "a and b, b highest")."""
    def distance(item: tuple[int, int, str]) -> int:
        start, end, _label = item
        return word.start() - end if end <= word.start() else max(start - word.end(), 0)

    return min(found, key=distance)[2]


_ISO_DATE = re.compile(r"^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?)?$")


def _word_options(words: Iterable[str | Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """Title words as alternatives: ``["a", ("b", "c")]`` -> ``(("a",), ("b", "c"))``."""
    return tuple((w,) if isinstance(w, str) else tuple(w) for w in words)


def _as_key(label: Any) -> Any:
    """Labels compared on a chart: dates as dates, whole numbers as integers, texts as text.

    Examples
    --------
    >>> _as_key(pd.Timestamp("2025-10-01")), _as_key("2025-10-01T00:00:00"), _as_key(3.0)
    ('2025-10-01', '2025-10-01', 3)
    >>> _as_key(pd.Timestamp("2025-10-26 00:00", tz="UTC").tz_convert("Europe/Rome"))
    '2025-10-26T02:00:00'
    """
    if isinstance(label, str) and _ISO_DATE.match(label.strip()):
        label = pd.Timestamp(label.strip())
    if isinstance(label, pd.Timestamp | np.datetime64):
        stamp = pd.Timestamp(label)
        if stamp.tzinfo is not None:
            # The wall time a chart's axis shows; dropped before rounding, which in the zone
            # would fail on the hour the clocks go back (02:00 happens twice).
            stamp = stamp.tz_localize(None)
        stamp = stamp.round("s")  # written as the figure model writes dates
        if stamp == stamp.normalize():
            return stamp.strftime("%Y-%m-%d")
        return stamp.isoformat(timespec="seconds")
    if is_number(label) and math.isfinite(float(label)) and float(label).is_integer():
        return int(label)
    return label


class ChartExercise(Exercise):
    """A chart, checked on what it shows: each label with its value, titles, labels, alt text.

    The learner's Figure (or the grader's plain-data copy of it) is read with
    :func:`smmlab.viz.figure_model.read_figure`. The plotted values are paired
    with their labels (bars by tick label, lines by x) and compared with
    ``expected(data)``; an axis in percent, thousands or millions is accepted
    when its label or tick format says so.

    Parameters
    ----------
    name : str, optional
    variable : str, default="fig"
        The learner's matplotlib Figure.
    expected : callable
        ``expected(data) -> pandas.Series``: the values the chart must show,
        labelled by category (bars) or by x (lines).
    title_words : sequence of str or of tuples of str, or callable
        Words the title must contain (any case, accents ignored); a tuple lists
        alternatives (``("crisis", "crisi", "crise")``); ``title_words(data)``
        when they depend on the brand.
    kpi : str or callable, optional
        The KPI the chart shows, or ``kpi(data)`` when it depends on the brand. A
        title or alt text that names another KPI from
        :data:`smmlab.report.claims.KPI_NAMES` and not this one fails.
    claims : callable, optional
        ``claims(data) -> {kpi: true change}``: directions and numbers stated in
        the title and alt text must match these (``smmlab.report.claims``).
    ordered : bool, default=False
        Whether the order of the bars matters (a sorted bar chart).
    rel_tol : float
        Tolerance on plotted values.
    panel : int, default=0
        Which panel (with data) holds the series.
    prepare : callable, optional
        ``prepare(model, data) -> model``: make an equivalent chart comparable
        (bars labelled in the learner's words renamed to the expected labels,
        bars drawn one call each merged into one series). It gets and returns a
        :class:`~smmlab.viz.figure_model.FigureModel`.

    Each check (data, title, x label, y label, alt text) is worth an equal share
    of the points, for partial credit.
    """

    kind = "chart"

    def __init__(self, name: str | None = None, *, expected: Callable[[CourseData], pd.Series],
                 variable: str = "fig",
                 title_words: Iterable[str | tuple[str, ...]] | Callable[[CourseData], Any] = (),
                 kpi: str | Callable[[CourseData], str] | None = None,
                 claims: Callable[[CourseData], Mapping[str, float]] | None = None,
                 ordered: bool = False, rel_tol: float = 1e-3, panel: int = 0,
                 prepare: Callable[[Any, CourseData], Any] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(name, variables=(variable,), **kwargs)
        self.variable = variable
        self._expected_fn = expected
        self.prepare = prepare
        self._title_words = title_words if callable(title_words) else _word_options(title_words)
        self.kpi = kpi
        self.claims = claims
        self.ordered = ordered
        self.tolerance = Tolerance(rel_tol, 1e-9)
        self.panel = panel

    def expected(self, data: CourseData) -> pd.Series:
        """The values the chart must show."""
        return _expected(self, data, self._expected_fn)

    @staticmethod
    def model(fig: Any) -> Any:
        """The chart as plain data (a FigureModel), or None when ``fig`` is not a chart."""
        from smmlab.viz.figure_model import FigureModel, read_figure

        if isinstance(fig, FigureModel):
            return fig
        from matplotlib.figure import Figure

        if not isinstance(fig, Figure):
            return None
        return read_figure(fig)

    def form_problem(self, answers: Mapping[str, Any]) -> str | None:
        if self.model(answers[self.variable]) is None:
            return text("chart_not_figure", variable=self.variable,
                        got=describe(answers[self.variable]))
        return None

    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        model = self.model(answers[self.variable])
        if model is None:
            return Result(self.name, Outcome.NOT_YET, text(
                "chart_not_figure", variable=self.variable, got=describe(answers[self.variable])))
        first = _mistake(self, answers[self.variable], data, before=True)
        if first is not None:
            return _named(self, first, data)
        if self.prepare is not None:
            try:
                model = self.prepare(model, data)
            except Exception:  # the learner's chart may be anything: judge it as it is
                model = self.model(answers[self.variable])
        if not model.panels:
            return Result(self.name, Outcome.NOT_YET,
                          text("chart_no_axes", variable=self.variable))
        panel = model.panels[min(self.panel, len(model.panels) - 1)]
        want = self.expected(data)
        title = str(panel.title or model.title or "").strip()
        alt = str(model.alt or "").strip()
        problems = [self._data_problem(panel, want), self._title_problem(title, alt, want, data),
                    None if (panel.xlabel or model.xlabel).strip() else text("chart_no_xlabel"),
                    None if (panel.ylabel or model.ylabel).strip() else text("chart_no_ylabel"),
                    self._alt_problem(alt, want, data)]
        found = [p for p in problems if p]
        if not found:
            return Result(self.name, Outcome.CORRECT, text("correct"), 1.0)
        score = 1 - len(found) / len(problems)
        return Result(self.name, Outcome.NOT_YET, " ".join(found), score)

    # --- the five checks -------------------------------------------------------------------
    def _data_problem(self, panel: Any, want: pd.Series) -> str | None:
        data_series = panel.data
        if not data_series:
            return text("chart_no_data")
        shown = data_series[0]
        labels = [_as_key(x) for x in shown.x]
        values = [float(v) for v in shown.y]
        want_labels = [_as_key(k) for k in want.index]
        scales = [1.0, *panel_scales(panel)]
        labelled_want = not isinstance(want.index, pd.RangeIndex)
        known = {label_key(k) for k in want_labels}
        # Hourly data over the night the clocks go back shows 02:00 twice, in the data and on
        # the chart: such labels cannot be paired, so the values are compared in order.
        repeated_in_order = len(known) < len(want_labels) and (
            [label_key(x) for x in labels] == [label_key(k) for k in want_labels])
        if labelled_want and labels and not repeated_in_order and (
                not all(is_number(x) for x in labels)
                or all(label_key(x) in known for x in labels)):
            vocabulary = _vocabulary([k for k in want_labels if isinstance(k, str)])
            problems = []
            def paired(scale: float) -> str | None:
                return _pairs_difference(
                    labels, [v / scale for v in values], want_labels, list(want.to_numpy()),
                    text("chart_word"), self.tolerance, self.ordered, vocabulary, column=None,
                    value_message="chart_value_at")

            problems = []
            for scale in scales:
                problem = paired(scale)
                if problem is None:
                    return None
                problems.append(problem)
            unsaid = self._unsaid_unit(paired, scales)
            return unsaid or self._explain(labels, values, want, problems[0], shown.kind)

        # no labels to pair with (a line drawn against positions): compare in order
        def in_order(scale: float) -> str | None:
            if len(values) == len(want) and all(
                    self.tolerance.close(v / scale, w) or (math.isnan(v) and math.isnan(w))
                    for v, w in zip(values, want.to_numpy(dtype=float), strict=True)):
                return None
            return "different"

        if any(in_order(scale) is None for scale in scales):
            return None
        unsaid = self._unsaid_unit(in_order, scales)
        if unsaid:
            return unsaid
        return text("chart_wrong_points", got=len(values), expected=len(want)) \
            if len(values) != len(want) else text("chart_wrong_line")

    @staticmethod
    def _unsaid_unit(compare: Callable[[float], str | None], said: list[float]) -> str | None:
        """The right values shown x100, in thousands or in millions, with no axis saying so."""
        for scale, unit in UNSAID_SCALES:
            if scale not in said and compare(scale) is None:
                return text("chart_unit_unsaid", unit=text(f"unit_{unit}"))
        return None

    def _explain(self, labels: list, values: list[float], want: pd.Series, problem: str,
                 kind: str = "bar") -> str:
        """Name the first difference: the tallest bar (or highest point) if it differs."""
        got = pd.Series(values, index=[str(x) for x in labels])
        expected = pd.to_numeric(pd.Series(want.to_numpy(), index=[str(k) for k in want.index]),
                                 errors="coerce")
        if (set(map(label_key, got.index)) == set(map(label_key, expected.index))
                and got.notna().any() and expected.notna().any()):
            tallest, truth = str(got.idxmax()), str(expected.idxmax())
            if label_key(tallest) != label_key(truth):
                key = "chart_tallest" if kind in ("bar", "barh") else "chart_highest_point"
                return text(key, got=tallest, expected=truth)
        return problem

    def _title_problem(self, title: str, alt: str, want: pd.Series, data: CourseData) -> str | None:
        if not title:
            return text("chart_no_title")
        words = (_word_options(data.cached(_key(self, "title_words"), self._title_words))
                 if callable(self._title_words) else self._title_words)
        missing = [w for w in words
                   if not any(label_key(a) in label_key(title) for a in w)]
        if missing:
            return text("chart_title_words", words=_names([w[0] for w in missing]))
        return self._kpi_problem(title, text("word_title"), data)

    def _kpi_problem(self, sentence: str, where: str, data: CourseData) -> str | None:
        from smmlab.report import claims

        kpi = self.kpi(data) if callable(self.kpi) else self.kpi
        if kpi is not None:
            named = {c.kpi for c in claims.read_claims(sentence) if c.kpi}
            if named and (claims.canonical_kpi(kpi) or kpi) not in named:
                return text("chart_other_kpi", where=where, said=_names(sorted(named)),
                            kpi=kpi)
        if self.claims is not None:
            truth = data.cached(_key(self, "claims"), self.claims)
            problem = claims.check_claim(sentence, truth)
            if problem:
                return problem
        return None

    def _alt_problem(self, alt: str, want: pd.Series, data: CourseData) -> str | None:
        if not alt:
            return text("chart_no_alt")
        if not isinstance(want.index, pd.RangeIndex | pd.DatetimeIndex):
            problem = superlative_problem(alt, want)
            if problem:
                return problem
        return self._kpi_problem(alt, text("word_alt"), data)


#: Scales a learner may plot at without saying so on the axis (told, never accepted silently).
UNSAID_SCALES = ((100.0, "percent"), (1e-3, "thousands"), (1e-6, "millions"))


def panel_scales(panel: Any) -> list[float]:
    """What to divide the panel's plotted values by to get data units: ``[100.0]`` for percent.

    Examples
    --------
    >>> from smmlab.viz.figure_model import PanelModel
    >>> panel_scales(PanelModel(y_unit="percent")), panel_scales(PanelModel(y_unit="millions"))
    ([100.0], [1e-06])
    >>> panel_scales(PanelModel())
    []
    """
    from smmlab.viz.figure_model import UNIT_SCALES

    unit = panel.value_unit
    return [round(1 / UNIT_SCALES[unit], 12)] if unit else []


def series_shown(fig: Any) -> pd.Series | None:
    """The first data series of a chart as label -> value (for a lesson's own checks).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(); _ = ax.bar(["a", "b"], [1, 2])
    >>> series_shown(fig).to_dict()
    {'a': 1.0, 'b': 2.0}
    >>> plt.close(fig)
    """
    model = ChartExercise.model(fig)
    if model is None or not model.panels:
        return None
    data = model.panels[0].data
    if not data:
        return None
    return pd.Series([float(v) for v in data[0].y], index=list(data[0].x))


KINDS = {cls.kind: cls for cls in (ValueExercise, FunctionExercise, DecisionExercise,
                                   ReflectionExercise, ChartExercise, ProcessExercise)}

__all__ = ["KINDS", "ChartExercise", "DecisionExercise", "FunctionExercise", "JudgedExercise",
           "ProcessExercise", "ReflectionExercise", "Step", "ValueExercise", "Verdict",
           "as_series", "number_feedback",
           "panel_scales", "series_shown", "superlative_problem"]

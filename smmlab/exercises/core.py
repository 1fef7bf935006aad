"""The check engine: placeholders, outcomes, results, exercises and lessons.

An :class:`Exercise` knows which variables hold the learner's answer, how to
compute the expected answer from *that learner's* data, and which common
mistakes to recognise. :meth:`Exercise.check_answers` is a pure function of
``(answers, data)``: the notebook's ``q1.check()`` reads the answers from the
notebook, and the grader calls the very same method on answers extracted from a
submitted notebook, in its own process.
"""

from __future__ import annotations

import dataclasses
import enum
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from smmlab.exercises._messages import text

if TYPE_CHECKING:
    from smmlab.exercises.variants import LessonVariants

#: Difficulty tiers, gentlest first.
TIERS = ("warm-up", "core", "stretch")


class Placeholder:
    """The ``____`` a learner replaces with an answer.

    Anything done with it gives the placeholder back, so a learner notebook runs
    from top to bottom without errors before any answer is filled in.

    Examples
    --------
    >>> ____ = Placeholder()
    >>> ____.head(), len(____), ____ + 1
    (____, 0, ____)
    """

    _instance: Placeholder | None = None

    def __new__(cls) -> Placeholder:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return text("placeholder")

    def __getattr__(self, name: str) -> Placeholder:
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __call__(self, *args: object, **kwargs: object) -> Placeholder:
        return self

    def __getitem__(self, key: object) -> Placeholder:
        return self

    def __len__(self) -> int:
        return 0

    def __iter__(self):
        return iter(())

    def __bool__(self) -> bool:
        return False

    def _same(self, *args: object) -> Placeholder:
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _same
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __pow__ = _same
    __neg__ = __pos__ = __abs__ = __round__ = _same


#: The placeholder learners see in exercise cells.
PLACEHOLDER = Placeholder()
____ = PLACEHOLDER


def is_placeholder(value: object) -> bool:
    """True if ``value`` is (or still contains) the ``____`` placeholder.

    Examples
    --------
    >>> is_placeholder(____), is_placeholder([1, ____]), is_placeholder(3)
    (True, True, False)
    """
    if value is PLACEHOLDER:
        return True
    if isinstance(value, list | tuple | set):
        return any(v is PLACEHOLDER for v in value)
    if isinstance(value, dict):
        return any(v is PLACEHOLDER for v in value.values())
    return False


class Outcome(enum.Enum):
    """What a check found. Shown as a symbol and a word, never by colour alone."""

    CORRECT = "correct"
    NOT_YET = "not_yet"
    NOT_ATTEMPTED = "not_attempted"
    RECORDED = "recorded"

    @property
    def label(self) -> str:
        """The outcome in words, e.g. ``"Not yet"``.

        Examples
        --------
        >>> Outcome.NOT_YET.label
        'Not yet'
        """
        return text(f"outcome_{self.value}")

    @property
    def symbol(self) -> str:
        """The outcome's symbol, e.g. ``"✓"``.

        Examples
        --------
        >>> Outcome.CORRECT.symbol
        '✓'
        """
        return text(f"symbol_{self.value}")


@dataclasses.dataclass(frozen=True)
class Result:
    """The result of one check.

    Attributes
    ----------
    exercise : str
        Exercise name, e.g. ``"q1"``.
    outcome : Outcome
    message : str
        Specific, kind feedback.
    score : float
        Share of the exercise's checks passed, 0 to 1 (partial credit).
    mistake : str or None
        Name of the recognised misconception, if any.
    """

    exercise: str
    outcome: Outcome
    message: str
    score: float = 0.0
    mistake: str | None = None

    @property
    def correct(self) -> bool:
        """True when the outcome is correct.

        Examples
        --------
        >>> Result("q1", Outcome.CORRECT, "Well done.", 1.0).correct
        True
        """
        return self.outcome is Outcome.CORRECT

    def __str__(self) -> str:
        return f"{self.outcome.symbol} {self.outcome.label}: {self.message}"

    def _repr_html_(self) -> str:
        colours = {Outcome.CORRECT: "#1b7837", Outcome.NOT_YET: "#b2182b",
                   Outcome.NOT_ATTEMPTED: "#555555", Outcome.RECORDED: "#2166ac"}
        import html

        return (f'<div class="smmlab-result smmlab-{self.outcome.value}" role="status">'
                f'<strong style="color:{colours[self.outcome]}">{self.outcome.symbol} '
                f"{html.escape(self.outcome.label)}:</strong> {html.escape(self.message)}</div>")

    def __repr__(self) -> str:
        return str(self)


@dataclasses.dataclass(frozen=True)
class Mistake:
    """A common wrong answer, and what to say about it.

    A mistake is recognised in one of two ways: ``compute(data)`` recomputes the
    wrong answer from the learner's data (divided by followers, summed daily
    reach...) and the learner's answer equals it; or ``when(answer, data)`` says
    whether the answer shows it (a duration given as a Timedelta, a plan that
    does not add up to the budget). Mistakes are tried, in order, once the answer
    is found wrong; a ``before=True`` mistake is tried first, even on an answer
    that would otherwise pass (a form the question rules out).

    Attributes
    ----------
    name : str
        Short id, e.g. ``"divided_by_followers"``.
    compute : callable or None
        ``compute(data) -> answer`` in the same form as the expected answer (for a
        function exercise: the wrong *function*).
    message : str or callable
        What the learner most likely did, and how to fix it; a callable
        ``message(data)`` quotes the learner's own numbers.
    when : callable or None
        ``when(answer, data) -> bool``.
    before : bool, default=False
        Try this mistake before judging the answer.

    Examples
    --------
    >>> m = Mistake("zero", None, "Zero is never right here.", when=lambda a, d: a == 0)
    >>> m.matches(0, None), m.say(None)
    (True, 'Zero is never right here.')
    """

    name: str
    compute: Callable[[Any], Any] | None
    message: str | Callable[[Any], str]
    when: Callable[[Any, Any], bool] | None = None
    before: bool = False

    def say(self, data: Any) -> str:
        """The message, with the learner's own numbers where it quotes them."""
        return self.message(data) if callable(self.message) else self.message

    def matches(self, answer: Any, data: Any) -> bool:
        """True if ``when`` recognises this mistake in ``answer`` (False without ``when``)."""
        if self.when is None:
            return False
        try:
            return bool(self.when(answer, data))
        except Exception:  # the learner's answer may be anything: no match, never a crash
            return False


@dataclasses.dataclass(frozen=True)
class Variant:
    """An answer a learner might give, declared with the exercise as its own test.

    ``right`` variants must be accepted (a value rounded as the notebook prints
    it, labels in another order, a one-column table...); ``wrong`` variants must
    be rejected with a message that names the difference. The test suite runs
    every variant of every exercise on several brands (``tests/test_variants.py``).

    Attributes
    ----------
    answer : callable
        ``answer(data)``: the answer's value for a one-variable exercise, or a
        dict ``{variable: value}``.
    label : str
        What the variant is, in a few words (the test's id).
    says : str, callable or None
        For a wrong variant: words its message must contain (case ignored);
        ``says(data) -> str`` for words that depend on the brand.

    Examples
    --------
    >>> v = Variant(lambda d: 0.05, "rounded too far", says="0.05")
    >>> v.answers(("rate",), None), v.words(None)
    ({'rate': 0.05}, '0.05')
    """

    answer: Callable[[Any], Any]
    label: str = ""
    says: str | Callable[[Any], str] | None = None

    def answers(self, variables: tuple[str, ...], data: Any) -> dict[str, Any]:
        """The variant as ``{variable: value}`` for ``data``."""
        value = self.answer(data)
        if len(variables) == 1 and not (isinstance(value, dict) and set(value) == set(variables)):
            return {variables[0]: value}
        return dict(value)

    def words(self, data: Any) -> str | None:
        """The words the message must contain, for ``data``."""
        return self.says(data) if callable(self.says) else self.says


def swapped(values: pd.Series) -> pd.Series:
    """Every label given another label's value: the wrong variant of a labelled answer.

    Sorted values stay the same, so a check that compares sorted values passes it;
    a check that pairs labels with values must not.

    Examples
    --------
    >>> swapped(pd.Series({"Instagram": 1, "TikTok": 2, "X": 3})).to_dict()
    {'Instagram': 3, 'TikTok': 1, 'X': 2}
    """
    values = pd.Series(values)
    return pd.Series(list(values.iloc[-1:]) + list(values.iloc[:-1]), index=values.index,
                     name=values.name)


class CourseData(Mapping[str, pd.DataFrame]):
    """One brand's tables, by name and as attributes (``data.posts``).

    Examples
    --------
    >>> data = CourseData({"posts": pd.DataFrame({"a": [1]})}, brand="Casa Luna")
    >>> data.posts.shape, data.brand
    ((1, 1), 'Casa Luna')
    """

    def __init__(self, tables: Mapping[str, pd.DataFrame], *, brand: str,
                 learner: str | None = None, source: str = "frozen") -> None:
        self._tables = dict(tables)
        self.brand = brand
        self.learner = learner
        self.source = source
        self._cache: dict[tuple[str, str], Any] = {}
        #: Lesson number -> assessment variant, as the notebook's ``setup(variant=...)`` says
        #: (set through :meth:`with_variant`, which gives a new object: answers are cached).
        self.variants: dict[str, int] = {}
        #: The instructor's secret when the grader built this data (variants are drawn from
        #: it: :func:`smmlab.exercises.variants.variant_of`); never set on a learner's side.
        self.variant_secret: bytes | None = None

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self._tables[name]

    def __iter__(self):
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._tables[name]
        except KeyError:
            raise AttributeError(
                f"This course data has no table called {name!r}; it has {sorted(self._tables)}."
            ) from None

    def with_variant(self, lesson: str, index: int) -> CourseData:
        """The same tables, answering variant ``index`` of ``lesson`` (a fresh answer cache).

        Examples
        --------
        >>> data = CourseData({"posts": pd.DataFrame({"a": [1]})}, brand="Casa Luna")
        >>> data.with_variant("00", 2).variants, data.variants
        ({'00': 2}, {})
        """
        other = CourseData(self._tables, brand=self.brand, learner=self.learner,
                           source=self.source)
        other.variants = {**self.variants, lesson: index}
        other.variant_secret = self.variant_secret
        if ("course", "truth") in self._cache:
            other._cache[("course", "truth")] = self._cache[("course", "truth")]
        return other

    def cached(self, key: tuple[str, str], compute: Callable[[CourseData], Any]) -> Any:
        """Compute once per data set (expected answers are reused by every check)."""
        if key not in self._cache:
            self._cache[key] = compute(self)
        return self._cache[key]

    def __repr__(self) -> str:
        return f"CourseData(brand={self.brand!r}, tables={sorted(self._tables)})"


def _notebook_namespace() -> dict[str, Any]:
    """The learner's variables: IPython's user namespace, or ``__main__``'s globals."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            return shell.user_ns
    except ImportError:  # pragma: no cover - IPython ships with JupyterLab
        pass
    return vars(sys.modules["__main__"])


class Exercise:
    """Base class of every exercise kind.

    Parameters
    ----------
    name : str
        How the learner calls it (``q1``).
    variables : tuple of str
        Names of the notebook variables holding the answer.
    hints : sequence of str or callable
        Tiered hints, gentlest first (at least two in lessons). A hint that names what an
        assessment variant changes (a platform, a target) is a callable ``hint(data) -> str``
        (:meth:`hint_text`).
    solution : str
        Code that answers the exercise (shown by ``solution()``, and executed
        by the tests to prove it passes).
    points : float, default=1
        Points for the grader.
    mistakes : sequence of Mistake
        Misconceptions to recognise.
    tier : {"warm-up", "core", "stretch"}
        Difficulty tier, shown in the lesson.
    right, wrong : sequence of Variant
        Answers a learner might give that must be accepted, or rejected with a
        message naming the difference: the exercise's own tests.

    An exercise holds no state that depends on a learner: everything that does
    (choices, reasons, expected values) is a function of the data, so the
    grader can check many learners' answers at once in threads.
    """

    kind = "exercise"

    def __init__(self, name: str | None = None, *, variables: Iterable[str],
                 hints: Iterable[str | Callable[[CourseData], str]], solution: str = "",
                 points: float = 1.0,
                 mistakes: Iterable[Mistake] = (), tier: str = "core",
                 right: Iterable[Variant] = (), wrong: Iterable[Variant] = ()) -> None:
        if tier not in TIERS:
            raise ValueError(text("author_tier", tier=tier, allowed=", ".join(TIERS)))
        self.name = name or ""
        self.variables = tuple(variables)
        self.hints = tuple(hints)
        self._solution = solution.strip("\n")
        self.points = float(points)
        self.mistakes = tuple(mistakes)
        self.tier = tier
        self.right = tuple(right)
        self.wrong = tuple(wrong)
        self.lesson: Lesson | None = None

    @property
    def solution_code(self) -> str:
        """The solution: the answer region of the lesson source, so it never drifts from it."""
        if self.lesson is not None and self.lesson.source is not None:
            from smmlab.exercises.build import solution_region

            found = solution_region(self.lesson.source, self.name)
            if found:
                return found
        return self._solution

    # --- what a kind implements -------------------------------------------------------------
    def evaluate(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        """Judge answers that are all filled in (kinds override this)."""
        raise NotImplementedError

    # --- the engine ---------------------------------------------------------------------------
    def check_answers(self, answers: Mapping[str, Any], data: CourseData) -> Result:
        """Check ``answers`` (variable name -> value) against ``data``: no notebook needed.

        Examples
        --------
        >>> from smmlab.exercises.kinds import ValueExercise
        >>> q = ValueExercise("q", variable="n", expected=lambda d: 3, hints=("a", "b"),
        ...                   solution="n = 3")
        >>> str(q.check_answers({"n": 3}, CourseData({}, brand="x")))
        '✓ Correct: Well done.'
        >>> q.check_answers({"n": ____}, CourseData({}, brand="x")).outcome.name
        'NOT_ATTEMPTED'
        """
        missing = [v for v in self.variables if v not in answers]
        if missing:
            return Result(self.name, Outcome.NOT_ATTEMPTED,
                          text("not_defined", variable=missing[0]))
        if any(is_placeholder(answers[v]) for v in self.variables):
            return Result(self.name, Outcome.NOT_ATTEMPTED,
                          text("not_attempted", variables="`, `".join(self.variables)))
        return self.evaluate(answers, data)

    def expected(self, data: CourseData) -> Any:
        """The expected answer for this data (kinds that have one override this)."""
        return None

    def public_check(self, answers: Mapping[str, Any]) -> Result:
        """Assessment mode: check only the answer's form, never computing the expected value.

        Examples
        --------
        >>> from smmlab.exercises.kinds import ValueExercise
        >>> q = ValueExercise("q", variable="n", expected=lambda d: 3, hints=("a", "b"))
        >>> q.public_check({"n": 5}).outcome.name
        'RECORDED'
        """
        missing = [v for v in self.variables if v not in answers]
        if missing:
            return Result(self.name, Outcome.NOT_ATTEMPTED,
                          text("not_defined", variable=missing[0]))
        if any(is_placeholder(answers[v]) for v in self.variables):
            return Result(self.name, Outcome.NOT_ATTEMPTED,
                          text("not_attempted", variables="`, `".join(self.variables)))
        problem = self.form_problem(answers)
        if problem:
            return Result(self.name, Outcome.NOT_YET, problem)
        return Result(self.name, Outcome.RECORDED, text("assessment_received"))

    def form_problem(self, answers: Mapping[str, Any]) -> str | None:
        """What is wrong with the answer's form (type, shape, range), or None. Kinds refine it."""
        return None

    def check(self) -> Result:
        """Check the learner's answer in the notebook and show the result.

        Examples
        --------
        >>> from smmlab.exercises.kinds import ValueExercise
        >>> q = ValueExercise("q", variable="n", expected=lambda d: 3, hints=("a", "b"),
        ...                   solution="n = 3")
        >>> q.check().outcome.name  # no lesson set up
        'NOT_ATTEMPTED'
        """
        lesson = self.lesson
        if os.environ.get("SMMLAB_GRADING"):
            # Under the grader the kernel's own checks are irrelevant: answers are extracted
            # as data and checked in the grader's process. Skip the work.
            return Result(self.name, Outcome.NOT_ATTEMPTED, text("graded_separately"))
        if lesson is None or lesson.data is None:
            result = Result(self.name, Outcome.NOT_ATTEMPTED, text("no_setup"))
        elif lesson.assessment:
            namespace = _notebook_namespace()
            answers = {v: namespace[v] for v in self.variables if v in namespace}
            result = self.public_check(answers)
            lesson.record(self, result, answers)
        else:
            namespace = _notebook_namespace()
            answers = {v: namespace[v] for v in self.variables if v in namespace}
            result = self.check_answers(answers, lesson.data)
            lesson.record(self, result, answers)
        _expect(result)
        return result

    def answer_of(self, answers: Mapping[str, Any]) -> Any:
        """The answer as the checks read it: the one variable's value, or a dict of values.

        Examples
        --------
        >>> from smmlab.exercises.kinds import ValueExercise
        >>> q = ValueExercise("q", variable="n", expected=lambda d: 3, hints=("a", "b"))
        >>> q.answer_of({"n": 3, "m": 4})
        3
        """
        if len(self.variables) == 1:
            return answers[self.variables[0]]
        return {v: answers[v] for v in self.variables}

    def hint(self, n: int = 1) -> str:
        """Show hint ``n`` (1 = gentlest).

        Examples
        --------
        >>> from smmlab.exercises.kinds import ValueExercise
        >>> q = ValueExercise("q", variable="n", expected=lambda d: 3,
        ...                   hints=("Count the rows.", "Use len()."), solution="n = 3")
        >>> print(q.hint())
        Hint 1 of 2: Count the rows.
        Want another? Call q.hint(2).
        """
        if self.lesson is not None and not self.lesson.hints_allowed:
            return _Shown(text("hints_disabled"))
        total = len(self.hints)
        if not isinstance(n, int) or not 1 <= n <= total:
            return _Shown(text("hint_range", name=self.name, total=total))
        coda = (text("hint_more", name=self.name, next=n + 1) if n < total
                else text("hint_last", name=self.name))
        data = None
        if self.lesson is not None:
            self.lesson.note(self, f"hint_{n}")
            data = self.lesson.data
        hint = self.hint_text(n, data)
        return _Shown(f"{text('hint_header', n=n, total=total)}: {hint}\n{coda}")

    def hint_text(self, n: int, data: CourseData | None) -> str:
        """Hint ``n`` (1 = gentlest) as the learner whose ``data`` this is reads it.

        A hint that depends on the learner's assessment variant is a callable of their
        data; without data (no lesson set up) it is read on the published lesson.

        Examples
        --------
        >>> from smmlab.exercises.kinds import ValueExercise
        >>> q = ValueExercise("q", variable="n", expected=lambda d: 3, solution="n = 3",
        ...                   hints=("Count the rows.", lambda d: f"Count {d.brand}'s rows."))
        >>> q.hint_text(2, load_course_data())
        "Count Atelier Ginestra's rows."
        """
        hint = self.hints[n - 1]
        if callable(hint):
            return str(hint(data if data is not None else load_course_data()))
        return hint

    def solution(self) -> str:
        """Show a full solution.

        Examples
        --------
        >>> from smmlab.exercises.kinds import ValueExercise
        >>> q = ValueExercise("q", variable="n", expected=lambda d: 3, hints=("a", "b"),
        ...                   solution="n = len(posts)")
        >>> print(q.solution())
        Solution:
        n = len(posts)
        """
        if self.lesson is not None and not self.lesson.solutions_allowed:
            return _Shown(text("solution_disabled"))
        if self.lesson is not None:
            self.lesson.note(self, "solution")
        return _Shown(f"{text('solution_header')}:\n{self.solution_code}")

    def __repr__(self) -> str:
        return (f"<{self.kind} {self.name}: answer in {', '.join(self.variables)}; "
                f"{self.name}.check(), {self.name}.hint(), {self.name}.solution()>")


class _Shown(str):
    """A string that Jupyter shows as plain text (hints and solutions keep their line breaks)."""

    def __repr__(self) -> str:
        return str(self)


def _expect(result: Result) -> None:
    """Let the test suite demand an outcome: ``SMMLAB_EXPECT=correct`` makes a wrong check fail.

    Learners never set this; ``make test`` runs the solution notebooks with
    ``correct`` and the learner notebooks with ``not_attempted``.
    """
    wanted = os.environ.get("SMMLAB_EXPECT")
    if not wanted:
        return
    allowed = {wanted}
    if wanted == "correct":
        allowed.add(Outcome.RECORDED.value)  # reflections are never auto-scored
    if result.outcome.value not in allowed:
        raise AssertionError(f"SMMLAB_EXPECT={wanted} but {result.exercise}: {result}")


@dataclasses.dataclass
class Lesson:
    """A lesson's exercises, the data they are checked against, and the learner's progress.

    Attributes
    ----------
    number : str
        Two digits, e.g. ``"00"``.
    title : str
    exercises : dict
        Name -> Exercise, in order.
    data : CourseData or None
        Set by :meth:`setup`.
    hints_allowed, solutions_allowed : bool
        False in assessment mode.
    source : pathlib.Path or None
        The lesson's source notebook; solutions are read from its answer regions.
    """

    number: str
    title: str
    exercises: dict[str, Exercise] = dataclasses.field(default_factory=dict)
    data: CourseData | None = None
    hints_allowed: bool = True
    solutions_allowed: bool = True
    source: Path | None = None
    assessment: bool = False
    variants: LessonVariants | None = None

    def add(self, *exercises: Exercise) -> None:
        """Register exercises with this lesson."""
        for exercise in exercises:
            if exercise.name in self.exercises:
                raise ValueError(text("author_duplicate", lesson=self.number, name=exercise.name))
            exercise.lesson = self
            self.exercises[exercise.name] = exercise

    def bind(self, namespace: dict[str, Any], *, extra: Iterable[str] = ()) -> list[str]:
        """Register a lesson module's exercises by their names and return its ``__all__``.

        Every :class:`Exercise` in ``namespace`` (a module's ``globals()``) is named
        after its variable (``q1 = ValueExercise(...)`` is ``q1``) and added in
        the order of its number. ``setup``, ``check_all`` and ``____`` are put in
        the namespace, so the notebook's ``from smmlab.exercises.lessonNN import *``
        gives exactly these, the exercises, and the ``extra`` names.

        Examples
        --------
        >>> from smmlab.exercises.kinds import ValueExercise
        >>> lesson = Lesson("99", "Demo")
        >>> ns = {"q2": ValueExercise(variable="b", expected=lambda d: 2, hints=("a", "b")),
        ...       "q1": ValueExercise(variable="a", expected=lambda d: 1, hints=("a", "b"))}
        >>> lesson.bind(ns)
        ['____', 'check_all', 'q1', 'q2', 'setup']
        >>> list(lesson.exercises), ns["q1"].name
        (['q1', 'q2'], 'q1')
        """
        import re

        found = [(name, value) for name, value in namespace.items()
                 if isinstance(value, Exercise) and not name.startswith("_")]
        number = re.compile(r"(\D*)(\d+)$")

        def order(item: tuple[str, Exercise]) -> tuple[str, int, str]:
            match = number.match(item[0])
            return (match.group(1), int(match.group(2)), "") if match else (item[0], 0, item[0])

        for name, exercise in sorted(found, key=order):
            if exercise.name and exercise.name != name:
                raise ValueError(text("author_name", name=name, declared=exercise.name))
            exercise.name = name
            if name not in self.exercises:
                self.add(exercise)
        namespace.update(setup=self.setup, check_all=self.check_all, ____=PLACEHOLDER)
        return sorted({"____", "check_all", "setup", *self.exercises, *extra})

    def setup(self, learner: str | None = None, *, data_dir: str | os.PathLike[str] | None = None,
              quiet: bool = False, assessment: bool = False, hints: bool = True,
              variant: int | None = None) -> CourseData:
        """Load the brand's data for this lesson and say whose it is.

        ``learner=None`` loads the frozen canonical data (the numbers in the
        lesson text); a learner id builds that learner's own brand; ``data_dir``
        loads a folder written by ``smmlab generate`` or ``smmlab workshop``.
        ``assessment=True`` (graded work) turns solutions off, hints off unless
        ``hints=True``, and makes ``check()`` look only at the answer's form.
        ``variant`` is the assessment variant a keyed workshop gave this learner
        (:mod:`smmlab.exercises.variants`); the grader draws it again from the secret.
        The grader sets ``SMMLAB_DATA_DIR``, which wins over every argument.
        """
        if variant is not None:
            if self.variants is None:
                raise ValueError(f"variant: lesson {self.number} has no variants; call "
                                 "setup() without variant=")
            variant = self.variants.check_index(variant)
        forced = os.environ.get("SMMLAB_DATA_DIR")
        if forced:
            learner, data_dir = None, forced
        self.assessment = bool(assessment)
        self.solutions_allowed = not assessment
        self.hints_allowed = (not assessment) or bool(hints)
        self.data = load_course_data(learner=learner, data_dir=data_dir)
        if variant is not None:
            self.data = self.data.with_variant(self.number, variant)
        if not quiet:
            suffix = text("setup_learner", learner=learner) if learner else ""
            print(text("setup_complete", brand=self.data.brand) + suffix)
        return self.data

    def record(self, exercise: Exercise, result: Result, answers: Mapping[str, Any]) -> None:
        """Save the outcome in the learner's local progress file (never sent anywhere)."""
        from smmlab.exercises import progress

        progress.record(self.number, exercise.name, result, answers)

    def note(self, exercise: Exercise, event: str) -> None:
        """Save that a hint or the solution was shown."""
        from smmlab.exercises import progress

        progress.note(self.number, exercise.name, event)

    def check_all(self) -> Summary:
        """Check every exercise; the summary shows one line per exercise."""
        unscored = frozenset(n for n, e in self.exercises.items() if e.points == 0)
        return Summary(self.number, [e.check() for e in self.exercises.values()], unscored)


@dataclasses.dataclass(frozen=True)
class Summary:
    """The results of ``check_all()``, shown as a short table of symbols and words."""

    lesson: str
    results: list[Result]
    unscored: frozenset[str] = frozenset()

    def __iter__(self):
        return iter(self.results)

    def __repr__(self) -> str:
        scored = [r for r in self.results if r.exercise not in self.unscored]
        lines = [text("check_all_header", lesson=self.lesson, done=sum(r.correct for r in scored),
                      total=len(scored))]
        lines += [text("check_all_line", symbol=r.outcome.symbol, name=r.exercise,
                       outcome=r.outcome.label) for r in self.results]
        return "\n".join(lines)


def load_course_data(*, learner: str | None = None,
                     data_dir: str | os.PathLike[str] | None = None,
                     secret: bytes | None = None) -> CourseData:
    """Load the canonical frozen data, a learner's generated brand, or a data folder.

    ``secret`` (with ``learner``) builds the learner's brand of a workshop made
    with an instructor's secret (``smmlab workshop --secret FILE``): what the
    grader does with ``smmlab grade --secret FILE``. Its full truth is kept with
    the data, so :func:`course_truth` never needs the secret again.

    Examples
    --------
    >>> data = load_course_data()
    >>> data.source, "posts" in data
    ('frozen', True)
    """
    from smmlab import datasets

    if learner is not None:
        from smmlab.synth import make_course_data

        tables, truth = make_course_data(learner=learner, return_truth=True, secret=secret)
        tables["truth_events"] = truth["events"]
        data = CourseData(tables, brand=str(tables["brand"].loc[0, "name"]), learner=learner,
                          source="learner")
        data.cached(("course", "truth"), lambda _: truth)
        data.variant_secret = secret
        return data
    if secret is not None:
        raise ValueError("secret keys a learner's brand: give learner= too (a data folder "
                         "records its own origin in provenance.json).")
    tables = {name: datasets.load(name, data_dir=data_dir) for name in datasets.list_datasets()
              if data_dir is None or (Path(data_dir) / f"{name}.csv").exists()}
    source = "frozen" if data_dir is None else str(data_dir)
    return CourseData(tables, brand=str(tables["brand"].loc[0, "name"]), source=source)


def course_truth(data: CourseData) -> dict[str, Any] | None:
    """The full ground truth behind ``data`` (``make_course_data(..., return_truth=True)``).

    Rebuilt from what the data says about itself: the canonical seed for the
    frozen data, the learner id for a learner's brand, or the generator call
    recorded in a data folder's ``provenance.json`` (``smmlab generate`` and
    workshop folders; read by :func:`smmlab.datasets.provenance`).
    Lessons use it for answers that need the generator's parameters, such as the
    true response curves of ad spend. ``None`` if the data's origin is unknown
    (a folder without ``provenance.json``); a malformed one raises ``ValueError``.

    A learner's folder of a workshop made with an instructor's secret cannot
    rebuild the full truth: there it is the folder's ``lesson_truth.json`` (the
    response curves, and the planted events the workshop hands out), marked
    ``truth["partial"]``. The grader, given the secret, has the full truth.

    Examples
    --------
    >>> truth = course_truth(load_course_data())
    >>> sorted(truth)[:3]
    ['ab_test', 'account_daily', 'campaigns']
    """
    from smmlab import datasets
    from smmlab.synth import CANONICAL_SEED, make_course_data

    def build(d: CourseData) -> dict[str, Any] | None:
        if d.learner is not None:
            return make_course_data(learner=d.learner, return_truth=True)[1]
        if d.source == "frozen":
            return make_course_data(CANONICAL_SEED, return_truth=True)[1]
        record = datasets.provenance(Path(str(d.source)))
        return None if record is None else record.course_data(return_truth=True)[1]

    return data.cached(("course", "truth"), build)

"""Exercises learners check in their notebooks, and the engine the grader reuses.

In a lesson notebook::

    from smmlab.exercises.lesson00 import *
    data = setup()          # "Setup complete: you are the new social media manager of ..."
    n_posts = ____          # replace ____ with your answer
    q1.check()              # ✓ Correct / ✗ Not yet (with a tip) / ○ Not attempted
    q1.hint(); q1.hint(2); q1.solution()

For lesson authors: a lesson module (``smmlab/exercises/lessonNN.py``) builds a
:class:`Lesson` and its exercises from the kinds in :mod:`smmlab.exercises.kinds`
(value or table, function, chart, decision, reflection), each with an
``expected(data)`` computed from the learner's own data, tiered hints, a
solution and :class:`Mistake` s to recognise. The notebook itself is authored
once in ``smmlab/lessons/`` and built with ``smmlab build`` (see
:mod:`smmlab.exercises.build` and ``smmlab/lessons/README.md``).

Examples
--------
>>> from smmlab.exercises import Outcome, ValueExercise, CourseData
>>> q = ValueExercise("q1", variable="n", expected=lambda d: 2, hints=("a", "b"),
...                   solution="n = 2")
>>> q.check_answers({"n": 3}, CourseData({}, brand="x")).outcome is Outcome.NOT_YET
True
"""

from smmlab.exercises.core import (
    PLACEHOLDER,
    CourseData,
    Exercise,
    Lesson,
    Mistake,
    Outcome,
    Result,
    Variant,
    course_truth,
    is_placeholder,
    load_course_data,
)
from smmlab.exercises.kinds import (
    ChartExercise,
    DecisionExercise,
    FunctionExercise,
    JudgedExercise,
    ProcessExercise,
    ReflectionExercise,
    Step,
    ValueExercise,
    Verdict,
)

____ = PLACEHOLDER

__all__ = [
    "PLACEHOLDER",
    "ChartExercise",
    "CourseData",
    "DecisionExercise",
    "Exercise",
    "FunctionExercise",
    "JudgedExercise",
    "Lesson",
    "Mistake",
    "Outcome",
    "ProcessExercise",
    "ReflectionExercise",
    "Result",
    "Step",
    "ValueExercise",
    "Variant",
    "Verdict",
    "____",
    "course_truth",
    "is_placeholder",
    "load_course_data",
]

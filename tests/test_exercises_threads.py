"""Checks hold no state: many learners' answers checked at once never mix up their brands.

The grader checks submissions in threads. An exercise that kept per-learner state
(choices or reasons set during a check) once quoted one brand's numbers in another
learner's feedback. Here every exercise whose reasons depend on the data is checked
on two brands, hundreds of times from several threads at once, and each answer must
get exactly the feedback it gets when checked alone.
"""

from __future__ import annotations

import importlib
from concurrent.futures import ThreadPoolExecutor

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from smmlab.exercises.core import load_course_data  # noqa: E402
from smmlab.exercises.kinds import DecisionExercise  # noqa: E402

#: Lessons whose decisions give reasons that quote the learner's own numbers.
LESSONS = ("00", "01", "02", "04", "05")
BRANDS = ("ada@example.org", "Bruno Rossi")
ROUNDS = 60


def _cases():
    """(exercise, data, answers) for every wrong decision variant on both brands."""
    datas = [load_course_data(learner=b) for b in BRANDS]
    cases = []
    for number in LESSONS:
        lesson = importlib.import_module(f"smmlab.exercises.lesson{number}").LESSON
        for exercise in lesson.exercises.values():
            if not isinstance(exercise, DecisionExercise):
                continue
            for variant in exercise.wrong:
                for data in datas:
                    cases.append((exercise, data, variant.answers(exercise.variables, data)))
    return cases


@pytest.fixture(scope="module")
def cases():
    return _cases()


def test_the_brands_give_different_reasons(cases):
    """Otherwise the threaded test below could not see one brand's numbers in the other's."""
    by_exercise: dict[str, set[str]] = {}
    for exercise, data, answers in cases:
        message = exercise.check_answers(answers, data).message
        by_exercise.setdefault(f"{exercise.lesson.number}{exercise.name}", set()).add(message)
    assert sum(len(m) > 1 for m in by_exercise.values()) >= 3, by_exercise


def test_checks_in_threads_give_each_learner_their_own_feedback(cases):
    alone = [exercise.check_answers(answers, data).message for exercise, data, answers in cases]
    work = [i for _ in range(ROUNDS) for i in range(len(cases))]

    def check(i: int) -> tuple[int, str]:
        exercise, data, answers = cases[i]
        return i, exercise.check_answers(answers, data).message

    with ThreadPoolExecutor(max_workers=8) as pool:
        mixed = [(i, message) for i, message in pool.map(check, work) if message != alone[i]]
    assert not mixed, f"{len(mixed)} of {len(work)} checks quoted another brand: {mixed[:2]}"

"""What every lesson owes its learners, checked for each lesson that exists.

Each lesson's own ``tests/test_lessonNN.py`` holds what is specific to it; this
file holds the rules they all share: the solution notebook's answers pass, each
named mistake gets its message, the placeholder is "not attempted", hints and a
solution exist, enough exercises of enough kinds, and the grader agrees (full
marks for the solution notebook, zero for the untouched learner notebook).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from lessonkit import run_notebook, solution_notebook  # noqa: E402

from smmlab.exercises import Outcome  # noqa: E402
from smmlab.exercises.build import lessons_dir  # noqa: E402
from smmlab.exercises.core import PLACEHOLDER, load_course_data  # noqa: E402
from smmlab.exercises.kinds import FunctionExercise  # noqa: E402
from smmlab.grading import grade  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(lessons_dir().glob("[0-9][0-9]_*.ipynb"))
NUMBERS = [p.name[:2] for p in SOURCES]


def lesson(number):
    return importlib.import_module(f"smmlab.exercises.lesson{number}")


def exercises():
    return [(n, e) for n in NUMBERS for e in lesson(n).LESSON.exercises.values()]


def _id(value):
    return value if isinstance(value, str) else getattr(value, "name", str(value))


def solved(number: str) -> dict:
    """The namespace of lesson ``number``'s solution notebook, run in this process."""
    return run_notebook(solution_notebook(number))


@pytest.fixture(scope="module")
def data():
    return load_course_data()


@pytest.mark.parametrize(("number", "exercise"), exercises(), ids=_id)
def test_the_solution_notebook_answers_pass(number, exercise, data):
    namespace = solved(number)
    answers = {v: namespace[v] for v in exercise.variables}
    result = exercise.check_answers(answers, data)
    assert result.outcome in (Outcome.CORRECT, Outcome.RECORDED), str(result)


@pytest.mark.parametrize(("number", "exercise"), exercises(), ids=_id)
def test_the_placeholder_is_not_attempted(number, exercise, data):
    result = exercise.check_answers(dict.fromkeys(exercise.variables, PLACEHOLDER), data)
    assert result.outcome is Outcome.NOT_ATTEMPTED


@pytest.mark.parametrize(("number", "exercise"), exercises(), ids=_id)
def test_an_undefined_answer_says_where_to_look(number, exercise, data):
    result = exercise.check_answers({}, data)
    assert result.outcome is Outcome.NOT_ATTEMPTED and "cannot find" in result.message


@pytest.mark.parametrize(("number", "exercise"), exercises(), ids=_id)
def test_two_hints_and_a_solution_from_the_source(number, exercise):
    assert len(exercise.hints) >= 2 and all(h.strip() for h in exercise.hints)
    assert exercise.solution_code.strip()
    built = next(ROOT.glob(f"notebooks/solutions/{number}_*.ipynb")).read_text(encoding="utf-8")
    assert json.dumps(exercise.solution_code.split("\n")[0])[1:-1] in built


MISTAKES = [(n, e, m) for n, e in exercises() for m in e.mistakes]


@pytest.mark.parametrize(("number", "exercise", "mistake"), MISTAKES, ids=_id)
def test_each_named_mistake_gets_its_message(number, exercise, mistake, data):
    wrong = mistake.compute(data)
    result = exercise.check_answers({exercise.variables[0]: wrong}, data)
    assert result.outcome is Outcome.NOT_YET
    assert result.mistake == mistake.name, str(result)
    assert result.message.startswith(mistake.message[:40])


@pytest.mark.parametrize("number", NUMBERS)
def test_enough_exercises_of_enough_kinds(number):
    scored = [e for e in lesson(number).LESSON.exercises.values() if e.points > 0]
    kinds = {"function" if isinstance(e, FunctionExercise) else e.kind for e in scored}
    assert len(scored) >= (4 if number == "00" else 6)
    assert len(kinds) >= 3, kinds
    tiers = {e.tier for e in lesson(number).LESSON.exercises.values()}
    assert tiers >= {"warm-up", "core"}, tiers


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The grader on every lesson's solution and learner notebooks, in one batch per lesson."""
    results = {}
    for number, source in zip(NUMBERS, SOURCES, strict=True):
        files = [ROOT / "notebooks" / "solutions" / source.name, ROOT / "notebooks" / source.name]
        out = tmp_path_factory.mktemp(f"graded{number}")
        got = grade(files, lesson=number, out=out, workers=2)
        results[number] = {Path(g.file).parent.name: g for g in got}
    return results


@pytest.mark.parametrize("number", NUMBERS)
def test_the_grader_gives_the_solution_full_marks(graded, number):
    g = graded[number]["solutions"]
    assert g.status == "ok" and g.total == g.maximum > 0, g.reason


@pytest.mark.parametrize("number", NUMBERS)
def test_the_grader_gives_the_untouched_learner_notebook_zero(graded, number):
    g = graded[number]["notebooks"]
    assert g.status == "ok" and g.total == 0, g.reason

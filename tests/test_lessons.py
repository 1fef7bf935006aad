"""What every lesson owes its learners, checked for each lesson that exists.

Each lesson's own ``tests/test_lessonNN.py`` holds what is specific to it; this
file holds the rules they all share: both notebook forms run without an error,
every check shows the outcome its form must show, every chart a cell promises is
drawn, the solution notebook's answers pass, each named mistake gets its message,
the placeholder is "not attempted", hints and a solution exist, enough exercises
of enough kinds, and the grader agrees (full marks for the solution notebook, zero
for the untouched learner notebook, and nothing to report about either run).

Each notebook form runs twice in the suite, and each run serves several tests
(``tests/README.md`` explains why these two and no more):

1. in this process, by :func:`lessonkit.execute` (IPython's shell, the inline chart
   backend, ``SMMLAB_EXPECT`` set as nbval had it): its namespace feeds the answer
   checks here and in ``test_lessonNN.py``; its outputs feed the error, check-result
   and chart tests here (what nbval and the browser tests assert on a kernel's run);
2. in a kernel of its own, by the grader (fixture :func:`graded`): the one run in a
   separate process, through the answer extraction and codec a real submission takes.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from lessonkit import (  # noqa: E402
    EXPECT,
    NotebookRun,
    execute,
    learner_notebook,
    promises_chart,
    run_notebook,
    solution_notebook,
)

from smmlab.exercises import Outcome  # noqa: E402
from smmlab.exercises.build import lessons_dir  # noqa: E402
from smmlab.exercises.core import PLACEHOLDER, load_course_data  # noqa: E402
from smmlab.exercises.kinds import FunctionExercise  # noqa: E402
from smmlab.grading import grade  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(lessons_dir().glob("[0-9][0-9]_*.ipynb"))
NUMBERS = [p.name[:2] for p in SOURCES]
FORMS = [pytest.param(n, form, id=f"{form}-{n}") for n in NUMBERS for form in EXPECT]
#: The result classes (``smmlab-<outcome>``) each form's checks may show.
ALLOWED = {"learner": {"not_attempted"}, "solution": {"correct", "recorded"}}
_RESULT = re.compile(r'class="([^"]*\bsmmlab-result\b[^"]*)"')


def shown_results(html: str) -> list[str]:
    """The outcome of every check result in ``html`` (its ``smmlab-<outcome>`` class).

    Examples
    --------
    >>> shown_results('<div class="smmlab-result smmlab-correct" role="status">✓</div><p>')
    ['correct']
    """
    return [c.removeprefix("smmlab-") for classes in _RESULT.findall(html)
            for c in classes.split() if c.startswith("smmlab-") and c != "smmlab-result"]


def lesson(number):
    return importlib.import_module(f"smmlab.exercises.lesson{number}")


def exercises():
    return [(n, e) for n in NUMBERS for e in lesson(n).LESSON.exercises.values()]


def _id(value):
    return value if isinstance(value, str) else getattr(value, "name", str(value))


def solved(number: str) -> dict:
    """The namespace of lesson ``number``'s solution notebook, run in this process."""
    return run_notebook(solution_notebook(number))


def ran(number: str, form: str) -> NotebookRun:
    """Lesson ``number``'s notebook in ``form`` ("learner" or "solution"), run once."""
    return execute(solution_notebook(number) if form == "solution" else learner_notebook(number))


@pytest.mark.parametrize(("number", "form"), FORMS)
def test_every_cell_runs_without_an_error(number, form):
    """What nbval checked: no cell raises, and no check has another outcome than its form's
    (``SMMLAB_EXPECT`` makes such a check raise in its cell)."""
    run = ran(number, form)
    assert not run.errors, f"{run.path.name} ({form}):\n" + "\n".join(run.errors)


@pytest.mark.parametrize(("number", "form"), FORMS)
def test_every_check_shows_its_result(number, form):
    """Each cell tagged ``check`` shows a result, in the classes its form allows, and no
    other cell shows a result of another kind (what the browser tests see on the page)."""
    run = ran(number, form)
    checks = [c for c in run.cells if "check" in c.tags]
    assert checks, f"{run.path.name}: no cell is tagged 'check'"
    for cell in checks:
        shown = shown_results(cell.html())
        assert shown, f"{run.path.name}: check cell {cell.index} shows no check result"
        assert set(shown) <= ALLOWED[form], (
            f"{run.path.name}: check cell {cell.index} shows {shown}; "
            f"expected {sorted(ALLOWED[form])}")
    stray = [(c.index, k) for c in run.cells for k in shown_results(c.html())
             if k not in ALLOWED[form]]
    assert not stray, f"{run.path.name}: unexpected check results {stray}"


@pytest.mark.parametrize(("number", "form"), FORMS)
def test_every_promised_chart_is_drawn(number, form):
    """A cell that makes a chart (``lessonkit.promises_chart``) shows it, drawn to PNG by
    the inline backend as in JupyterLab; a chart that fails only when drawn fails here."""
    run = ran(number, form)
    missing = [c.index for c in run.cells if promises_chart(c.source) and not c.images]
    assert not missing, (f"{run.path.name}: cells {missing} make a chart but show none")


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
    assert len(exercise.hints) >= 2
    assert all(exercise.hint_text(n, None).strip() for n in range(1, len(exercise.hints) + 1))
    assert exercise.solution_code.strip()
    built = next(ROOT.glob(f"notebooks/solutions/{number}_*.ipynb")).read_text(encoding="utf-8")
    assert json.dumps(exercise.solution_code.split("\n")[0])[1:-1] in built


# Mistakes recognised by a test of the answer (``when``) have no wrong answer to recompute:
# their own exercise's wrong variants exercise them (tests/test_variants.py).
MISTAKES = [(n, e, m) for n, e in exercises() for m in e.mistakes if m.compute is not None]


#: Brands each named mistake is tried on: on one brand a mistake may give the right answer
#: by chance (the signed top three are the largest changes when none of them fell).
MISTAKE_BRANDS = (None, "Bruno Rossi", "ada@example.org")


@pytest.fixture(scope="module")
def brands():
    return [load_course_data(learner=b) for b in MISTAKE_BRANDS]


@pytest.mark.parametrize(("number", "exercise", "mistake"), MISTAKES, ids=_id)
def test_each_named_mistake_gets_its_message(number, exercise, mistake, brands):
    named = 0
    variants = lesson(number).LESSON.variants
    if variants is not None:  # a mistake may be one only in an assessment variant
        brands = [d.with_variant(number, i) for d in brands for i in range(variants.count)]
    for data in brands:
        wrong = mistake.compute(data)
        result = exercise.check_answers({exercise.variables[0]: wrong}, data)
        if result.correct:  # the mistake gives the right answer on this brand: nothing to tell
            continue
        assert result.outcome is Outcome.NOT_YET, (data.brand, str(result))
        assert result.mistake == mistake.name, (data.brand, str(result))
        assert result.message.startswith(mistake.say(data)[:40])
        named += 1
    assert named, f"{mistake.name} is never told apart from the right answer"


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
    """The grader on every lesson's solution and learner notebooks, in one batch per lesson.

    The suite's only run of each notebook in a kernel process of its own (nbval's other
    half): a cell that raises, hangs or floods its output there shows in the grade's
    reason. Cells get nbval's old 120 s timeout, so a slow shared machine does not fail it.
    """
    results = {}
    for number, source in zip(NUMBERS, SOURCES, strict=True):
        files = [ROOT / "notebooks" / "solutions" / source.name, ROOT / "notebooks" / source.name]
        out = tmp_path_factory.mktemp(f"graded{number}")
        got = grade(files, lesson=number, out=out, workers=2, cell_timeout=120)
        results[number] = {Path(g.file).parent.name: g for g in got}
    return results


@pytest.mark.parametrize("number", NUMBERS)
def test_the_grader_gives_the_solution_full_marks(graded, number):
    g = graded[number]["solutions"]
    assert g.status == "ok" and g.total == g.maximum > 0, g.reason
    assert not g.reason, g.reason  # no cell raised, timed out or was restored


@pytest.mark.parametrize("number", NUMBERS)
def test_the_grader_gives_the_untouched_learner_notebook_zero(graded, number):
    g = graded[number]["notebooks"]
    assert g.status == "ok" and g.total == 0, g.reason
    assert not g.reason, g.reason  # no cell raised, timed out or was restored

"""smmlab grade: full marks, zero, partial, every attack, every broken case, untouched originals."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from smmlab.exercises import Outcome, lesson00
from smmlab.grading import grade, read_roster
from smmlab.grading.answers import decode, encode
from smmlab.grading.grader import restore
from smmlab.grading.workshop import create_workshop

ROOT = Path(__file__).resolve().parents[1]
LEARNER = ROOT / "notebooks" / "00_first_report.ipynb"
SOLVED = ROOT / "notebooks" / "solutions" / "00_first_report.ipynb"
FULL = 5.0  # five scored exercises of one point; the reflection is recorded, not scored


def _nb(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _with(path: Path, edit) -> nbformat.NotebookNode:
    nb = _nb(path)
    edit(nb)
    return nb


def _cell(nb, exercise):
    return next(c for c in nb.cells if c.cell_type == "code" and f"{exercise}.check()" in c.source)


def _add_after_setup(nb, source):
    index = next(i for i, c in enumerate(nb.cells)
                 if c.cell_type == "code" and "setup(" in c.source)
    nb.cells.insert(index + 1, nbformat.v4.new_code_cell(source))


def _to_markdown(nb):
    """What JupyterLab's "change to Markdown" does to the cell that builds the october table."""
    index = next(i for i, c in enumerate(nb.cells) if c.source.startswith("october = posts"))
    old = nb.cells[index]
    nb.cells[index] = nbformat.v4.new_markdown_cell(old.source, id=old.id)


def _answer(nb, exercise, source):
    _cell(nb, exercise).source = f"{source}\n{exercise}.check()"


def _right_values():
    """The right answers to q1 and q2 on the course data (what a forged dump would claim)."""
    from smmlab.exercises.core import load_course_data

    data = load_course_data(learner=None)
    exercises = lesson00.LESSON.exercises
    return {"n_posts": int(exercises["q1"].expected(data)),
            "october_rate": float(exercises["q2"].expected(data))}


#: A written answer that tries a spreadsheet formula and a script: both must stay text.
HOSTILE = '=HYPERLINK("http://evil.example","click") <script>alert(1)</script> our reach grew'
#: A sentence of the solution's written answer (lesson 00, q6).
SOLVED_FINDING = "Next step: compare with September and with our targets"

SUBMISSIONS = {
    "solved": lambda: _nb(SOLVED),
    "blank": lambda: _nb(LEARNER),
    "partly-wrong": lambda: _with(SOLVED, lambda nb: _answer(nb, "q1", "n_posts = len(posts)")),
    "redefines-check": lambda: _with(LEARNER, lambda nb: _add_after_setup(
        nb, "for q in (q1, q2, q3, q4, q5):\n    q.check = lambda: print('✓ Correct')")),
    "patches-numpy-and-builtins": lambda: _with(SOLVED, lambda nb: (
        _add_after_setup(nb, "import builtins, numpy, math\n"
                             "numpy.allclose = lambda *a, **k: True\n"
                             "numpy.isclose = lambda *a, **k: True\n"
                             "math.isclose = lambda *a, **k: True\n"
                             "builtins.abs = lambda x: 0"),
        _answer(nb, "q2", "october_rate = 0.5"))),
    "always-equal-object": lambda: _with(LEARNER, lambda nb: _answer(
        nb, "q1", "class Yes:\n    def __eq__(self, other):\n        return True\n"
                  "    __hash__ = object.__hash__\nn_posts = Yes()")),
    "float-subclass": lambda: _with(LEARNER, lambda nb: _answer(
        nb, "q2", "class F(float):\n    def __eq__(self, other):\n        return True\n"
                  "    __hash__ = float.__hash__\noctober_rate = F(0.5)")),
    "imitates-tests": lambda: _with(LEARNER, lambda nb: nb.cells.append(
        nbformat.v4.new_code_cell("print('✓ Correct: all 6 tests passed, 6/6 points')")) or None),
    # The forged dump holds the RIGHT answers: only defeating the forgery scores it 0.
    "tampers-with-the-dump": lambda: _with(LEARNER, lambda nb: _add_after_setup(
        nb, "import smmlab.grading.answers as _a, json\n"
            "_a.dump_answers = lambda ns, spec, path: open(path, 'w').write("
            f"json.dumps({_right_values()!r}))")),
    "deleted-course-cell": lambda: _with(SOLVED, lambda nb: nb.cells.remove(
        next(c for c in nb.cells if c.source.startswith("october = posts")))),
    "course-cell-as-markdown": lambda: _with(SOLVED, _to_markdown),
    "kernel-dies": lambda: _with(SOLVED, lambda nb: _add_after_setup(
        nb, "import os\nos._exit(3)")),
    "infinite-loop": lambda: _with(SOLVED, lambda nb: _add_after_setup(
        nb, "while True:\n    pass")),
    "gigantic-output": lambda: _with(SOLVED, lambda nb: _add_after_setup(
        nb, "for _ in range(400):\n    print('x' * 50_000)")),
    "hostile-reflection": lambda: _with(SOLVED, lambda nb: _answer(
        nb, "q6", f"findings = [{HOSTILE!r}, 'Next month we post more videos on Instagram, "
                  "since they reached the most people in October.']")),
}
BROKEN_FILES = {
    "malformed-json": "{\"cells\": [",
    "wrong-nbformat": json.dumps({"nbformat": 3, "worksheets": []}),
    "not-a-notebook": "hello",
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    for name, make in SUBMISSIONS.items():
        nbformat.write(make(), folder / f"{name}.ipynb")
    for name, text in BROKEN_FILES.items():
        (folder / f"{name}.ipynb").write_text(text, encoding="utf-8")
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    out = tmp_path_factory.mktemp("results")
    graded = grade([folder], lesson="00", out=out, workers=2, cell_timeout=10, budget=180)
    return {g.learner_id: g for g in graded}, folder, out, before


def test_full_marks_for_the_solution(batch):
    graded, *_ = batch
    g = graded["solved"]
    assert g.total == FULL and g.status == "ok"
    assert g.reason == "", g.reason  # no cell raised an error, nothing was restored or cut


def test_the_forged_dump_would_earn_points_if_it_got_through():
    from smmlab.exercises.core import load_course_data

    data = load_course_data(learner=None)
    right = _right_values()
    for name in ("q1", "q2"):
        assert lesson00.LESSON.exercises[name].check_answers(right, data).correct


def test_zero_with_status_ok_for_placeholders(batch):
    graded, *_ = batch
    assert graded["blank"].total == 0 and graded["blank"].status == "ok"
    assert all(r.outcome is Outcome.NOT_ATTEMPTED for r in graded["blank"].results)


def test_partial_credit_names_the_mistake(batch):
    graded, *_ = batch
    g = graded["partly-wrong"]
    assert g.total == FULL - 1 and g.points["q1"] == 0
    q1 = next(r for r in g.results if r.exercise == "q1")
    assert q1.mistake == "whole_year"


@pytest.mark.parametrize("attack", ["redefines-check", "always-equal-object", "float-subclass",
                                    "imitates-tests", "tampers-with-the-dump"])
def test_attacks_on_a_blank_notebook_earn_nothing(batch, attack):
    graded, *_ = batch
    assert graded[attack].total == 0, graded[attack].results


def test_patching_numpy_and_builtins_in_the_kernel_changes_nothing(batch):
    graded, *_ = batch
    g = graded["patches-numpy-and-builtins"]
    assert g.points["q2"] == 0  # its wrong rate stays wrong
    assert g.total == FULL - 1  # the real answers still earn exactly what they are worth


def test_unsupported_answers_say_why(batch):
    graded, *_ = batch
    q1 = next(r for r in graded["always-equal-object"].results if r.exercise == "q1")
    assert "cannot be graded" in q1.message and "Yes" in q1.message


@pytest.mark.parametrize("name", ["deleted-course-cell", "course-cell-as-markdown"])
def test_course_cells_are_restored(batch, name):
    graded, *_ = batch
    assert graded[name].total == FULL
    assert graded[name].reason == "Restored 1 course cells that were deleted or changed."


def test_a_dying_kernel_gets_a_status_and_the_batch_goes_on(batch):
    graded, *_ = batch
    g = graded["kernel-dies"]
    assert g.status == "kernel died" and g.total == 0
    assert graded["solved"].total == FULL


def test_an_infinite_loop_is_interrupted_and_later_answers_still_count(batch):
    graded, *_ = batch
    g = graded["infinite-loop"]
    assert g.total == FULL
    assert re.fullmatch(r"Cell \d+ ran longer than 10 s and was interrupted\.", g.reason), g.reason


def test_gigantic_output_is_capped_and_still_graded(batch):
    graded, *_ = batch
    g = graded["gigantic-output"]
    assert g.total == FULL and "Output was cut" in g.reason


@pytest.mark.parametrize("name", list(BROKEN_FILES))
def test_broken_files_get_a_reason_and_zero(batch, name):
    graded, *_ = batch
    g = graded[name]
    assert g.status == "not a readable notebook" and g.total == 0 and g.reason


def test_submissions_are_never_modified(batch):
    _, folder, _, before = batch
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    assert after == before


def test_result_files(batch):
    graded, _, out, _ = batch
    book = pd.read_csv(out / "gradebook.csv")
    assert list(book.columns[:9]) == ["learner_id", "name", "email", "q1", "q2", "q3", "q4",
                                      "q5", "q6"]
    assert {"total", "max", "status", "reason", "seconds"} <= set(book.columns)
    assert len(book) == len(SUBMISSIONS) + len(BROKEN_FILES)
    assert (out / "lms_import.csv").exists()
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert len(results["submissions"]) == len(book)
    page = next((out / "feedback").glob("partly-wrong*.html")).read_text(encoding="utf-8")
    assert "whole year" in page and "len(october)" not in page  # no solution code shown
    assert 'lang="en"' in page and "✗ Not yet" in page


def test_reflections_reach_the_gradebook_and_the_feedback_page(batch):
    graded, _, out, _ = batch
    assert SOLVED_FINDING in graded["solved"].reflections["q6"]
    assert "reflections" not in graded["blank"].__dict__ or not graded["blank"].reflections
    book = pd.read_csv(out / "gradebook.csv", dtype=str, keep_default_na=False)
    row = book.set_index("learner_id").loc["solved"]
    assert SOLVED_FINDING in row["q6_text"] and "\n" not in row["q6_text"]
    assert book.set_index("learner_id").loc["blank", "q6_text"] == ""
    page = next((out / "feedback").glob("solved-*.html")).read_text(encoding="utf-8")
    assert SOLVED_FINDING in page and "as your instructor reads it" in page
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    solved = next(s for s in results["submissions"] if s["learner_id"] == "solved")
    assert SOLVED_FINDING in solved["reflections"]["q6"]


def test_a_hostile_reflection_is_text_in_the_gradebook_and_escaped_on_its_page(batch):
    graded, _, out, _ = batch
    assert graded["hostile-reflection"].reflections["q6"].startswith("=HYPERLINK(")
    raw = (out / "gradebook.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in raw  # a spreadsheet shows it as text, it never runs it
    book = pd.read_csv(out / "gradebook.csv", dtype=str, keep_default_na=False)
    cell = book.set_index("learner_id").loc["hostile-reflection", "q6_text"]
    assert cell.startswith("'=HYPERLINK(") and "videos on Instagram" in cell
    page = next((out / "feedback").glob("hostile-reflection-*.html")).read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "=HYPERLINK(&quot;http://evil.example&quot;" in page


def test_written_answers_in_result_files_are_safe_whatever_they_start_with(tmp_path):
    from smmlab.exercises.core import Result
    from smmlab.grading.grader import Graded, reflections
    from smmlab.grading.outputs import write_results

    starts = ["=1+1", "+SUM(A1)", "-2+3", "@SUM(A1)", "\t=cmd|' /C calc'!A0", "\r=1", " =1"]
    graded = [Graded(f"l{i}", "x", "", "x.ipynb", "ok", "", 1.0,
                     [Result("q6", Outcome.RECORDED, "Recorded")], {}, {},
                     reflections(lesson00.LESSON, {"findings": [start, "<b>bold</b>"]}))
              for i, start in enumerate(starts)]
    assert all(g.reflections for g in graded)
    write_results(graded, lesson00.LESSON, tmp_path)
    book = pd.read_csv(tmp_path / "gradebook.csv", dtype=str, keep_default_na=False)
    for cell in book["q6_text"]:
        assert cell.startswith("'") and "<b>bold</b>" in cell, cell
    for page in (tmp_path / "feedback").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<b>bold</b>" not in text and "&lt;b&gt;bold&lt;/b&gt;" in text


def test_grading_twice_gives_the_same_files(batch, tmp_path):
    _, folder, out, _ = batch
    again = tmp_path / "again"
    grade([folder / "solved.ipynb", folder / "partly-wrong.ipynb", folder / "blank.ipynb"],
          lesson="00", out=again, workers=1)
    first = grade([folder / "solved.ipynb", folder / "partly-wrong.ipynb",
                   folder / "blank.ipynb"], lesson="00", out=tmp_path / "first", workers=2)
    assert [g.total for g in first] == [FULL - 1, FULL, 0.0] or len(first) == 3

    def stable(path):
        book = pd.read_csv(path / "gradebook.csv").drop(columns="seconds")
        pages = {p.name: p.read_text(encoding="utf-8") for p in (path / "feedback").iterdir()}
        return book, pages

    book_a, pages_a = stable(again)
    book_b, pages_b = stable(tmp_path / "first")
    pd.testing.assert_frame_equal(book_a, book_b)
    assert pages_a == pages_b


def test_a_zip_export_from_an_lms(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Ada Lovelace_123_assignsubmission_file/00_first_report.ipynb",
                   SOLVED.read_text(encoding="utf-8"))
        z.writestr("../escape.ipynb", "{}")  # path traversal: ignored
    roster = tmp_path / "roster.csv"
    roster.write_text("learner_id,name\n123,Ada Lovelace\n", encoding="utf-8")
    graded = grade([archive], lesson="00", roster=roster, out=tmp_path / "out")
    assert [(g.learner_id, g.status) for g in graded] == [("123", "ok")]
    assert not (tmp_path / "escape.ipynb").exists()


def test_files_not_on_the_roster_are_reported(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("learner_id\nada@example.org\n", encoding="utf-8")
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "mallory.ipynb").write_text(LEARNER.read_text(encoding="utf-8"))
    graded = grade([tmp_path / "subs"], lesson="00", roster=roster, out=tmp_path / "out")
    assert graded[0].status == "not on the roster"


def test_roster_errors_are_clear(tmp_path):
    bad = tmp_path / "r.csv"
    bad.write_text("who\nada\n", encoding="utf-8")
    with pytest.raises(ValueError, match="learner_id"):
        read_roster(bad)
    bad.write_text("learner_id\nada\nADA\n", encoding="utf-8")
    with pytest.raises(ValueError, match="twice"):
        read_roster(bad)


def test_unknown_lesson_and_empty_batch(tmp_path):
    with pytest.raises(ValueError, match="no lesson"):
        grade([LEARNER], lesson="42", out=tmp_path)
    with pytest.raises(ValueError, match="No notebooks"):
        grade([tmp_path], lesson="00", out=tmp_path / "o")


def test_workshop_to_gradebook(tmp_path):
    """Roster -> workshop -> a learner works on their own data -> graded with their data."""
    roster = tmp_path / "roster.csv"
    roster.write_text("learner_id,name,email\nada@example.org,Ada,ada@example.org\n"
                      "bob@example.org,Bob,\n", encoding="utf-8")
    ws = create_workshop(roster, tmp_path / "ws", lessons=["00"])
    ada = next((tmp_path / "ws" / "learners").glob("ada-*"))
    notebook = ada / "00_first_report.ipynb"
    assert (ada / "data" / "posts.csv").exists()
    # Ada answers with code (so her own data gives her own numbers)
    nb = nbformat.read(notebook, as_version=4)
    solved = _nb(SOLVED)
    for exercise in ("q1", "q2", "q3", "q4", "q5"):
        _cell(nb, exercise).source = _cell(solved, exercise).source
    nbformat.write(nb, notebook)
    # Bob types Ada's numbers: they are wrong for his brand
    bob = next((tmp_path / "ws" / "learners").glob("bob-*"))
    ada_data = lesson00.setup(data_dir=str(ada / "data"), quiet=True)
    bob_nb = nbformat.read(bob / "00_first_report.ipynb", as_version=4)
    _answer(bob_nb, "q2", f"october_rate = {lesson00._rate(lesson00.october(ada_data))!r}")
    nbformat.write(bob_nb, bob / "00_first_report.ipynb")
    graded = {g.learner_id: g for g in grade([tmp_path / "ws" / "learners"], lesson="00",
                                             roster=roster, out=tmp_path / "res", workers=2)}
    assert graded["ada@example.org"].total == FULL
    assert graded["bob@example.org"].points["q2"] == 0
    # re-running never overwrites a learner's work
    again = create_workshop(roster, tmp_path / "ws", lessons=["00"])
    assert notebook in again.kept and nbformat.read(notebook, as_version=4) == nb
    key = json.loads((tmp_path / "ws" / "instructor" / "keys" / f"{ada.name}.json").read_text())
    assert key["lessons"]["00"]["q1"] == len(lesson00.october(ada_data))
    assert ws.learners[0].name == "Ada"
    lesson00.setup(quiet=True)


def test_assessment_mode_reveals_no_expected_value_and_no_solution(monkeypatch):
    import sys

    data = lesson00.setup(assessment=True, hints=False, quiet=True)
    try:
        expected = lesson00._rate(lesson00.october(data))
        monkeypatch.setitem(vars(sys.modules["__main__"]), "october_rate", expected * 0.9)
        result = lesson00.q2.check()
        assert result.outcome is Outcome.RECORDED
        assert f"{expected:.4g}" not in result.message and f"{expected * 0.9:.4g}" not in str(
            result)
        assert "turned off" in lesson00.q2.solution()
        assert "turned off" in lesson00.q2.hint()
        monkeypatch.setitem(vars(sys.modules["__main__"]), "october_rate", 3.6)
        assert "between 0 and 1" in lesson00.q2.check().message
        hinted = lesson00.setup(assessment=True, hints=True, quiet=True)
        assert hinted is not None and "Hint 1" in lesson00.q2.hint()
        assert "turned off" in lesson00.q2.solution()
    finally:
        lesson00.setup(quiet=True)


def test_plain_data_codec_refuses_objects():
    class Sneaky(int):
        def __eq__(self, other):
            return True

    assert type(decode(encode(Sneaky(3)))).__name__ == "Unsupported"
    assert decode(encode([1, 2.5, "x", None])) == [1, 2.5, "x", None]
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    pd.testing.assert_frame_equal(decode(encode(frame)), frame)


def test_restore_keeps_learner_cells_and_answers():
    reference = _nb(LEARNER)
    mine = _nb(SOLVED)
    mine.cells.insert(3, nbformat.v4.new_code_cell("my_note = 1"))
    runnable, restored = restore(mine, reference)
    sources = [c.source for c in runnable.cells]
    assert "my_note = 1" in sources and restored == 0
    assert any("n_posts = len(october)" in s for s in sources)


def test_grader_cli_environment_is_clean():
    assert "SMMLAB_EXPECT" not in os.environ


PROBE = """import socket, pathlib
try:
    socket.create_connection(("1.1.1.1", 53), timeout=2)
    net = "open"
except OSError:
    net = "blocked"
try:
    pathlib.Path(pathlib.Path.home() / "smmlab-sandbox-escape.txt").write_text("x")
    fs = "writable"
except OSError:
    fs = "read-only"
n_posts = n_posts if (net, fs) == ("blocked", "read-only") else -1"""


@pytest.mark.skipif(shutil.which("bwrap") is None,
                    reason="bubblewrap (bwrap) is not installed: apt-get install bubblewrap")
def test_sandbox_blocks_network_and_writes_outside_its_folder(tmp_path):
    nb = _nb(SOLVED)
    # the grader's own home (inside, HOME is the submission's scratch folder)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE.replace(
        "pathlib.Path.home()", f"pathlib.Path({str(Path.home())!r})")))
    nbformat.write(nb, tmp_path / "probe.ipynb")
    escape = Path.home() / "smmlab-sandbox-escape.txt"
    escape.unlink(missing_ok=True)
    graded = grade([tmp_path / "probe.ipynb"], lesson="00", out=tmp_path / "out", sandbox=True)
    assert graded[0].total == FULL, graded[0].reason  # the probe found no way out
    assert not escape.exists()


def test_sandbox_without_bubblewrap_fails_clearly(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(FileNotFoundError, match="apt-get install bubblewrap"):
        grade([SOLVED], lesson="00", out=tmp_path, sandbox=True)


def test_tables_keep_their_index_names_through_the_grader():
    frame = pd.DataFrame({"cpa": [1.5, 2.0]}, index=pd.Index(["a", "b"], name="ad_set"))
    back = decode(encode(frame))
    assert back.index.name == "ad_set"
    pd.testing.assert_frame_equal(back, frame)
    series = frame["cpa"]
    assert decode(encode(series)).index.name == "ad_set"


def test_a_grading_worker_starts_without_the_slow_optional_import():
    """rfc3987_syntax (0.8 s at import, via nbformat -> jsonschema) stays out of each worker."""
    code = ("import sys, smmlab.grading.runner, nbformat\n"
            "print(sys.modules.get('rfc3987_syntax') is None)\n"
            "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1')])\n"
            "nbformat.validate(nb)\n"
            "print('valid')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["True", "valid"]


def test_tables_keep_their_dates_time_zones_and_categories_on_the_way():
    """A learner's function gets, in the kernel, the tables it would get in the notebook.

    JSON writes dates as UTC text and categories as text: a post published at 00:30 on
    1 June in Rome came back as 31 May, and lesson 10's solution lost a point at the grader.
    """
    rome = pd.to_datetime(["2025-05-31 23:30", "2025-06-01 00:30"]).tz_localize("Europe/Rome")
    table = pd.DataFrame({"published_at": rome, "platform": pd.Categorical(["a", "b"]),
                          "reach": [10, 20], "day": pd.to_datetime(["2025-01-01", "2025-01-02"])},
                         index=pd.Index(["x", "y"], name="post"))
    back = decode(json.loads(json.dumps(encode(table))))
    pd.testing.assert_frame_equal(back, table, check_dtype=False, check_categorical=False)
    assert back["published_at"].dt.month.tolist() == [5, 6]
    assert isinstance(back["platform"].dtype, pd.CategoricalDtype)
    series = pd.Series([1, 2], index=pd.date_range("2025-03-30", periods=2, tz="Europe/Rome"))
    assert decode(encode(series)).index.equals(series.index)


def test_warm_kernels_give_the_same_grades_and_never_share_a_kernel(tmp_path):
    """Kernels started ahead (smmlab.grading.kernels) serve one submission each, in its folder."""
    from smmlab.grading import kernels

    subs = tmp_path / "subs"
    solved = SOLVED
    for who in ("ann", "bob", "cy"):
        (subs / who).mkdir(parents=True)
        nb = nbformat.read(solved, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(
            "import os\nassert os.getcwd() == os.environ['SMMLAB_HOME'].rsplit('/', 1)[0]\n"
            "assert 'SEEN_BY_A_KERNEL' not in os.environ\nos.environ['SEEN_BY_A_KERNEL'] = '1'"))
        nbformat.write(nb, subs / who / solved.name)
    started = []
    original = kernels.WarmKernels._start_one

    def counted(self):
        started.append(1)
        original(self)

    kernels.WarmKernels._start_one = counted
    try:
        warm = {g.learner_id: g for g in grade([subs], lesson="00", out=tmp_path / "w")}
    finally:
        kernels.WarmKernels._start_one = original
    cold = {g.learner_id: g for g in grade([subs], lesson="00", out=tmp_path / "c",
                                           warm_kernels=False)}
    assert len(started) == 3  # one kernel per submission, none wasted
    for who, g in warm.items():
        assert (g.status, g.reason, g.total) == ("ok", "", cold[who].total), g.reason
        assert g.total == g.maximum > 0

"""One file, one learner, one lesson; and notebooks saved without cell ids (issue 17, 3 and 4)."""

from __future__ import annotations

import copy
import csv
import io
import os
from pathlib import Path

import nbformat
import pytest

from smmlab.exercises.build import build_forms, lessons_dir
from smmlab.grading import grade
from smmlab.grading.grader import restore
from smmlab.grading.roster import (
    AMBIGUOUS,
    DUPLICATE,
    FLAGGED,
    GRADE,
    MISSING,
    OTHER_LESSON,
    UNKNOWN,
    Learner,
    Placement,
    Submitted,
    assign,
    locate,
    placements_csv,
)
from smmlab.grading.workshop import create_workshop

ROOT = Path(__file__).resolve().parents[1]
SOLVED = ROOT / "notebooks" / "solutions" / "00_first_report.ipynb"
LESSONS = {p.name[:2]: p.name for p in lessons_dir().glob("[0-9][0-9]_*.ipynb")}
L00, L01 = LESSONS["00"], LESSONS["01"]
FULL = 5.0
ADA = Learner("ada@example.org", "Ada Lovelace", "ada@example.org")
BOB = Learner("bob@example.org", "Bob", "")
ANA = Learner("ana", "Ana", "")
PEOPLE = [ADA, BOB]


def _plan(paths, learners=PEOPLE, lesson="00"):
    found = [Submitted(Path(p), tuple(p.split("/")), p.removesuffix(".ipynb")) for p in paths]
    return assign(found, learners, lesson=lesson, lessons=LESSONS)


def _by_file(plan):
    return {p.file.label: (p.action, p.learner.learner_id if p.learner else None)
            for p in plan if p.file is not None}


# --- who and which lesson (fast: no kernel) -------------------------------------------------

def test_a_file_named_after_another_learner_in_someone_elses_folder_is_flagged():
    plan = _by_file(_plan([f"{BOB.slug}/{L00}", f"{BOB.slug}/ada@example.org.ipynb",
                           f"{ADA.slug}/{L00}"]))
    assert plan[f"{BOB.slug}/ada@example.org"] == (FLAGGED, None)
    assert plan[f"{BOB.slug}/{L00[:-6]}"] == (GRADE, BOB.learner_id)
    assert plan[f"{ADA.slug}/{L00[:-6]}"] == (GRADE, ADA.learner_id)


def test_a_folder_planted_for_another_learner_inside_ones_own_is_flagged():
    plan = _by_file(_plan([f"{ADA.slug}/{BOB.slug}/{L00}", f"{BOB.slug}/{L00}"]))
    assert plan[f"{ADA.slug}/{BOB.slug}/{L00[:-6]}"] == (FLAGGED, None)
    assert plan[f"{BOB.slug}/{L00[:-6]}"] == (GRADE, BOB.learner_id)


def test_files_of_other_lessons_are_skipped_and_listed():
    plan = _plan([f"{ADA.slug}/{L00}", f"{ADA.slug}/{L01}", f"{BOB.slug}/Copy of {L01}",
                  "01-bob@example.org.ipynb"])
    actions = _by_file(plan)
    assert actions[f"{ADA.slug}/{L01[:-6]}"][0] == OTHER_LESSON
    assert actions[f"{BOB.slug}/Copy of {L01[:-6]}"][0] == OTHER_LESSON
    assert actions["01-bob@example.org"][0] == OTHER_LESSON
    assert [p.learner.learner_id for p in plan if p.action == MISSING] == [BOB.learner_id]
    text = placements_csv(plan)
    assert "lesson 01, not of lesson 00" in text


def test_two_files_for_one_learner_are_a_conflict_with_one_graded_and_the_reason():
    copy_path = f"{ADA.slug}/00_first_report (1).ipynb"
    plan = _plan([copy_path, f"{ADA.slug}/{L00}", f"{ADA.slug}/scratch.ipynb"])
    graded = [p for p in plan if p.action == GRADE]
    assert len(graded) == 1 and graded[0].file.label == f"{ADA.slug}/{L00[:-6]}"
    assert "3 notebooks" in graded[0].reason and "the lesson's own file name" in graded[0].reason
    assert "scratch" in graded[0].reason and graded[0].conflict
    assert sorted(p.action for p in plan if p.action != GRADE) == [DUPLICATE, DUPLICATE, MISSING]


def test_without_the_lesson_name_the_newest_file_wins(tmp_path):
    old, new = tmp_path / "Ada Lovelace_1" / "a.ipynb", tmp_path / "Ada Lovelace_1" / "b.ipynb"
    old.parent.mkdir()
    old.write_text("{}")
    new.write_text("{}")
    os.utime(old, (1_000_000, 1_000_000))
    plan = assign([locate(p, [tmp_path], tmp_path / "scratch") for p in (old, new)], PEOPLE,
                  lesson="00", lessons=LESSONS)
    chosen = next(p for p in plan if p.action == GRADE)
    assert chosen.file.path == new and "saved last" in chosen.reason


def test_a_key_in_a_file_name_counts_only_when_it_names_one_learner():
    people = [ADA, BOB, ANA, Learner("anabel", "Anabel", "")]
    plan = _by_file(_plan(["anabel_00.ipynb", "ana_and_bob.ipynb", "nobody.ipynb",
                           "Ada Lovelace - 00_first_report.ipynb"], learners=people))
    assert plan["anabel_00"] == (GRADE, "anabel")
    assert plan["ana_and_bob"] == (AMBIGUOUS, None)
    assert plan["nobody"] == (UNKNOWN, None)
    assert plan["Ada Lovelace - 00_first_report"] == (GRADE, ADA.learner_id)


def test_only_the_path_below_the_given_folder_is_matched(tmp_path):
    """A roster name in the instructor's own path (``/home/ana/...``) claims nothing."""
    root = tmp_path / "ana" / "collected"
    item = locate(root / "x" / "work.ipynb", [root], tmp_path / "scratch")
    assert item.parts == ("x", "work.ipynb")
    assert _by_file(assign([item], [ANA], lesson="00", lessons=LESSONS))["x/work"][0] == UNKNOWN


def test_a_formula_as_a_file_name_is_plain_text_everywhere():
    name = '=HYPERLINK("http://evil.example","click").ipynb'
    plan = _plan([name, "-2+3.ipynb"], learners=None)
    assert [p.action for p in plan] == [GRADE, GRADE]
    rows = list(csv.reader(io.StringIO(placements_csv(plan))))
    assert rows[1][0].startswith("'=HYPERLINK") and rows[2][0] == "'-2+3"
    item = Submitted(Path(name), (name,), name[:-6])
    assert _by_file(assign([item], PEOPLE, lesson="00", lessons=LESSONS))[name[:-6]][0] == UNKNOWN
    text = placements_csv([Placement(item, None, UNKNOWN, "=1+1")])
    assert ",'=1+1" in text


# --- the documented flow, graded for real ---------------------------------------------------

def _solve(notebook: Path) -> None:
    nb = nbformat.read(notebook, as_version=4)
    solved = nbformat.read(SOLVED, as_version=4)
    answers = {c.id: c.source for c in solved.cells if "answer" in c.metadata.get("tags", [])}
    for cell in nb.cells:
        if cell.get("id") in answers:
            cell.source = answers[cell.id]
    nbformat.write(nb, notebook)


def test_a_two_lesson_workshop_graded_for_one_lesson_gives_one_row_per_learner(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("learner_id,name,email\nada@example.org,Ada Lovelace,ada@example.org\n"
                      "bob@example.org,Bob,\n", encoding="utf-8")
    create_workshop(roster, tmp_path / "ws", lessons=["00", "01"])
    learners = tmp_path / "ws" / "learners"
    _solve(learners / ADA.slug / L00)
    # Bob leaves a blank notebook named after Ada in his own folder
    (learners / BOB.slug / "ada@example.org.ipynb").write_bytes(
        (learners / BOB.slug / L00).read_bytes())
    out = tmp_path / "results"
    graded = grade([learners], lesson="00", roster=roster, out=out, workers=2, cell_timeout=20)
    assert [(g.learner_id, g.total) for g in graded] == [("ada@example.org", FULL),
                                                         ("bob@example.org", 0.0)]
    page = (out / "feedback" / f"{ADA.slug}.html").read_text(encoding="utf-8")
    assert "5 of 5" in page
    files = {row["file"]: row for row in csv.DictReader(
        io.StringIO((out / "files.csv").read_text(encoding="utf-8")))}
    assert files[f"{BOB.slug}/ada@example.org"]["action"] == FLAGGED
    assert files[f"{ADA.slug}/{L01[:-6]}"]["action"] == OTHER_LESSON
    assert files[f"{BOB.slug}/{L01[:-6]}"]["action"] == OTHER_LESSON
    assert len((out / "lms_import.csv").read_text(encoding="utf-8").splitlines()) == 3


# --- notebooks without cell ids -------------------------------------------------------------

def _without_ids(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    old = copy.deepcopy(nb)
    old.nbformat_minor = 4
    for cell in old.cells:
        cell.pop("id", None)
    return old


def _reference() -> nbformat.NotebookNode:
    return build_forms(nbformat.read(lessons_dir() / L00, as_version=4))[0]


@pytest.fixture(scope="module")
def old_notebooks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("old")
    solved = nbformat.read(SOLVED, as_version=4)
    nbformat.write(_without_ids(solved), folder / "v4_4.ipynb", version=4)
    nbformat.write(nbformat.convert(solved, 3), folder / "v3.ipynb", version=3)
    return folder


@pytest.mark.parametrize("name", ["v4_4", "v3"])
def test_restore_keeps_the_answers_of_a_notebook_without_ids(old_notebooks, name):
    nb = nbformat.read(old_notebooks / f"{name}.ipynb", as_version=4)
    runnable, restored = restore(nb, _reference())
    sources = [c.source for c in runnable.cells]
    assert restored == 0
    assert any(s.startswith("n_posts = len(october)") for s in sources)
    assert not any("____" in s for s in sources if "check()" in s)


def test_answers_moved_to_a_new_cell_are_not_overwritten_by_a_blank_course_answer():
    nb = _without_ids(nbformat.read(SOLVED, as_version=4))
    q1 = next(i for i, c in enumerate(nb.cells) if c.source.startswith("n_posts = len"))
    moved = nb.cells.pop(q1)
    nb.cells.insert(1, nbformat.v4.new_code_cell("import math"))
    nb.cells.insert(len(nb.cells) - 1, nbformat.v4.new_code_cell(moved.source))
    del nb.cells[1]["id"], nb.cells[-2]["id"]
    runnable, _ = restore(nb, _reference())
    n_posts_cells = [c.source for c in runnable.cells if "n_posts =" in c.source]
    assert n_posts_cells == [moved.source]


def test_old_notebooks_get_full_marks_with_status_ok(old_notebooks, tmp_path):
    graded = {g.learner_id: g for g in grade([old_notebooks], lesson="00", out=tmp_path,
                                             workers=2, cell_timeout=20)}
    for name in ("v4_4", "v3"):
        assert (graded[name].total, graded[name].status) == (FULL, "ok"), graded[name].reason

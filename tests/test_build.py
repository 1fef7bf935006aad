"""One source per lesson: the built notebooks match their sources and follow the rules."""

from __future__ import annotations

import json

import nbformat
import pytest

from smmlab.exercises import build

SOURCES = sorted(build.lessons_dir().glob("[0-9][0-9]_*.ipynb"))


def test_generated_notebooks_are_up_to_date():
    assert build.stale() == [], "run `make lessons` (smmlab build) and commit the result"


def test_stale_files_are_detected(tmp_path):
    from smmlab.exercises import translations

    # three forms per lesson; per language a .po file per lesson and per module, and the .mo
    per_language = len(SOURCES) + len(translations.library_templates()) + 1
    assert len(build.stale(tmp_path)) == 3 * len(SOURCES) + len(
        translations.TRANSLATED) * per_language
    build.build(tmp_path)
    assert build.stale(tmp_path) == []
    learner = tmp_path / "notebooks" / SOURCES[0].name
    learner.write_text(learner.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert build.stale(tmp_path) == [learner]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_learner_form_hides_solutions_and_comments_hints(source):
    nb = nbformat.read(source, as_version=4)
    learner, solution, notes = build.build_forms(nb)
    learner_code = "\n".join(c.source for c in learner.cells if c.cell_type == "code")
    solution_code = "\n".join(c.source for c in solution.cells if c.cell_type == "code")
    assert build.BEGIN not in learner_code + solution_code
    assert "____" in learner_code
    for exercise in sorted(set(build.CHECK_CALL.findall(learner_code))):
        name = exercise.split(".")[0]
        region = build.solution_region(source, name)
        assert region
        for line in region.split("\n"):
            if "=" in line and line.split("=", 1)[1].strip() not in ("", "____"):
                assert line not in learner_code, f"solution line leaked: {line}"
    for form in (learner_code, solution_code):
        for line in form.split("\n"):
            if ".hint(" in line or ".solution()" in line:
                assert line.lstrip().startswith("#"), line


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_instructor_cells_go_to_the_notes_only(source):
    nb = nbformat.read(source, as_version=4)
    learner, solution, notes = build.build_forms(nb)
    instructor = [c for c in nb.cells if "instructor" in c.metadata.get("tags", [])]
    assert instructor, "every lesson has instructor notes"
    for cell in instructor:
        assert cell.source.strip() in notes
        for form in (learner, solution):
            assert all(c.source != cell.source for c in form.cells)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_cell_ids_and_grading_tags_are_kept(source):
    nb = nbformat.read(source, as_version=4)
    learner, solution, _ = build.build_forms(nb)
    source_ids = {c.id for c in nb.cells}
    assert {c.id for c in learner.cells} <= source_ids
    checks = [c for c in learner.cells if "check" in c.metadata.get("tags", [])]
    assert checks and all(c.metadata.get("deletable") is False for c in checks)
    answers = [c for c in learner.cells if "answer" in c.metadata.get("tags", [])]
    assert len(answers) == len(checks)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_lesson_has_the_standard_opening_and_ending(source):
    nb = nbformat.read(source, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    first = nb.cells[0].source
    assert first.startswith("# ")
    for needed in ("Teaching", "Exercises", "Prerequisites", "you will be able to"):
        assert needed in first
    assert "## The scenario" in text
    setup_cells = [c for c in nb.cells if c.cell_type == "code" and "setup(" in c.source]
    assert setup_cells
    assert "## Key points" in nb.cells[-1].source and "**Next:**" in nb.cells[-1].source


def test_learner_region_rules():
    assert build._learner_region(["x = 1", "y, z = 2, 3", "print(x)"]) == [
        "x = ____", "y = ____", "z = ____"]
    assert build._learner_region(["    return a / b"]) == ["    return ____"]
    assert build._learner_region(["plt.show()"]) == ["____"]


def test_starter_lines_replace_the_automatic_placeholders():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "### BEGIN SOLUTION\n#> fig = ____  # your chart\nfig = make()\n### END SOLUTION")])
    learner, solution, _ = build.build_forms(nb)
    assert learner.cells[0].source == "fig = ____  # your chart"
    assert solution.cells[0].source == "fig = make()"


def test_unclosed_region_is_an_authoring_error():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("### BEGIN SOLUTION\nx = 1")])
    with pytest.raises(ValueError, match="END SOLUTION"):
        build.build_forms(nb)


def test_built_notebooks_are_valid_and_output_free():
    for path, content in build.outputs().items():
        if path.suffix == ".ipynb":
            nb = nbformat.reads(content, as_version=4)
            nbformat.validate(nb)
            assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
            assert json.loads(content)["metadata"]["kernelspec"]["name"] == "python3"

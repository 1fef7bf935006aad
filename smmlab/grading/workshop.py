"""Set up a workshop: a folder per learner with their own brand, and the instructor's keys.

``smmlab workshop ROSTER.csv --out DIR`` writes::

    DIR/learners/<learner>/data/          that learner's CSVs (their own brand)
    DIR/learners/<learner>/NN_slug.ipynb  the learner notebooks, loading data/
    DIR/instructor/roster.csv             the roster used
    DIR/instructor/keys/<learner>.json    every expected answer, per lesson
    DIR/instructor/README.md              what to do next

Re-running it adds what is missing and never overwrites a learner's files.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path

import nbformat
import pandas as pd

from smmlab._files import write_atomic
from smmlab.exercises.build import build_forms, lessons_dir
from smmlab.exercises.core import load_course_data
from smmlab.grading import answers as codec
from smmlab.grading._messages import MESSAGES
from smmlab.grading.grader import load_lesson
from smmlab.grading.roster import Learner, read_roster

SETUP_CALL = re.compile(r"\bsetup\(\)")


@dataclasses.dataclass
class Workshop:
    """What ``create_workshop`` did."""

    folder: Path
    learners: list[Learner]
    written: list[Path]
    kept: list[Path]


def personal_notebook(source: Path, learner: Learner, *, assessment: bool,
                      allow_hints: bool) -> str:
    """The learner form of a lesson, set up to load ``data/`` and marked with its owner.

    Examples
    --------
    >>> text = personal_notebook(lessons_dir() / "00_first_report.ipynb",
    ...                          Learner("ada@example.org", "Ada", ""), assessment=False,
    ...                          allow_hints=True)
    >>> nb = nbformat.reads(text, as_version=4)
    >>> any('setup(data_dir="data")' in c.source for c in nb.cells), nb.metadata.smmlab.learner
    (True, 'ada@example.org')
    """
    learner_nb = build_forms(nbformat.read(source, as_version=4))[0]
    options = 'data_dir="data"'
    if assessment:
        options += ", assessment=True" + (", hints=True" if allow_hints else ", hints=False")
    for cell in learner_nb.cells:
        if cell.cell_type == "code" and SETUP_CALL.search(cell.source):
            cell.source = SETUP_CALL.sub(f"setup({options})", cell.source)
    owner = MESSAGES.text("workshop_learner_notebook", name=learner.name,
                          learner=learner.learner_id)
    learner_nb.cells.insert(0, nbformat.v4.new_markdown_cell(
        f"*{owner}*", metadata={"tags": ["owner"]}))
    learner_nb.cells[0].id = "owner"
    learner_nb.metadata.setdefault("smmlab", {})
    learner_nb.metadata["smmlab"].update(learner=learner.learner_id, name=learner.name,
                                         assessment=assessment)
    return nbformat.writes(learner_nb) + "\n"


def answer_key(learner: Learner, lessons: list[str]) -> dict:
    """Every expected answer for ``learner``, lesson by lesson, as plain data."""
    data = load_course_data(learner=learner.learner_id)
    key: dict = {"learner_id": learner.learner_id, "name": learner.name, "lessons": {}}
    for number in lessons:
        lesson = load_lesson(number)
        key["lessons"][number] = {
            name: codec.encode(_plain(exercise.expected(data)))
            for name, exercise in lesson.exercises.items()
        }
    return key


def _plain(value: object) -> object:
    if isinstance(value, list) and value and isinstance(value[0], tuple):  # function cases
        return [[list(map(codec.encode, args)), codec.encode(want)] for args, want in value]
    return value


def create_workshop(
    roster: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    lessons: list[str] | None = None,
    assessment: bool = False,
    allow_hints: bool = False,
) -> Workshop:
    """Write a workshop folder (see the module docstring); never overwrite learners' files.

    Parameters
    ----------
    roster : path
        CSV with ``learner_id`` (and optional ``name``, ``email``).
    out : path
        The workshop folder.
    lessons : list of str or None
        Lesson numbers to include (default: every lesson).
    assessment : bool, default=False
        Graded work: solutions off, hints off unless ``allow_hints``, and
        ``check()`` only looks at the answer's form.
    allow_hints : bool, default=False
        Keep hints in assessment mode.
    """
    from smmlab import datasets

    people = read_roster(roster)
    sources = sorted(lessons_dir().glob("[0-9][0-9]_*.ipynb"))
    if lessons is not None:
        wanted = {str(n).zfill(2) for n in lessons}
        for number in wanted:
            load_lesson(number)  # clear error for an unknown lesson
        sources = [s for s in sources if s.name[:2] in wanted]
    numbers = [s.name[:2] for s in sources]
    folder = Path(out)
    written: list[Path] = []
    kept: list[Path] = []
    for learner in people:
        home = folder / "learners" / learner.slug
        data = home / "data"
        if data.exists():
            kept.append(data)
        else:
            datasets.write_course_data(data, learner=learner.learner_id, include_truth=False)
            written.append(data)
        for source in sources:
            path = home / source.name
            if path.exists():
                kept.append(path)
                continue
            write_atomic(path, personal_notebook(source, learner, assessment=assessment,
                                            allow_hints=allow_hints))
            written.append(path)
        key = folder / "instructor" / "keys" / f"{learner.slug}.json"
        key_text = json.dumps(answer_key(learner, numbers), indent=1, ensure_ascii=False)
        write_atomic(key, key_text + "\n")
        written.append(key)
    roster_copy = folder / "instructor" / "roster.csv"
    write_atomic(roster_copy, pd.DataFrame([dataclasses.asdict(p) for p in people]).to_csv(
        index=False, lineterminator="\n"))
    readme = folder / "instructor" / "README.md"
    write_atomic(readme, _instructor_readme(folder, numbers, assessment))
    written += [roster_copy, readme]
    return Workshop(folder, people, written, kept)


def _instructor_readme(folder: Path, lessons: list[str], assessment: bool) -> str:
    mode = "assessment (solutions off)" if assessment else "self-study (hints and solutions on)"
    lines = [
        "# Workshop: instructor folder", "",
        f"Mode: {mode}. Lessons: {', '.join(lessons)}.", "",
        "1. Give each learner their folder from `learners/` (it holds their own data).",
        "2. Collect the notebooks back into a folder (or export them from your LMS as a zip).",
        "3. Grade: `smmlab grade <collected folder or zip> --lesson NN "
        "--roster instructor/roster.csv --out results`.", "",
        "`keys/` holds every learner's expected answers; the grader recomputes them from the "
        "roster, so you never need to hand them out. Keep this folder away from learners.", "",
    ]
    return "\n".join(lines)

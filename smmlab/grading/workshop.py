"""Set up a workshop: a folder per learner with their own brand, and the instructor's keys.

``smmlab workshop ROSTER.csv --out DIR`` writes::

    DIR/learners/<learner>/data/          that learner's CSVs (their own brand)
    DIR/learners/<learner>/NN_slug.ipynb  the learner notebooks, loading data/
    DIR/instructor/roster.csv             the roster used
    DIR/instructor/workshop.json          mode, lessons, the secret's fingerprint (if any)
    DIR/instructor/keys/<learner>.json    every expected answer, per lesson
    DIR/instructor/README.md              what to do next

Re-running it adds what is missing and never overwrites a learner's files.

With ``secret`` (``smmlab workshop --secret FILE``) each brand comes from an
HMAC-SHA256 of the learner id under the instructor's secret
(:func:`smmlab._random.learner_seed`). The learner's folder then records only the
learner id and the secret's fingerprint (``provenance.json``), plus
``lesson_truth.json`` with what the lessons' own code reads; the notebooks'
metadata hold the fingerprint, never a seed. Nothing there rebuilds the brand or
the answer key: grading needs the same secret (``smmlab grade --secret FILE``,
checked by :func:`check_secret`).
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
from smmlab._random import secret_fingerprint, variant_index
from smmlab.exercises.build import build_forms, lessons_dir
from smmlab.exercises.core import load_course_data
from smmlab.exercises.variants import rewritten
from smmlab.grading import answers as codec
from smmlab.grading._messages import MESSAGES
from smmlab.grading._read import UnreadableFile, read_regular
from smmlab.grading.grader import MAX_NOTEBOOK_BYTES, load_lesson
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
                      allow_hints: bool, secret: bytes | None = None) -> str:
    """The learner form of a lesson, set up to load ``data/`` and marked with its owner.

    With ``secret`` the metadata also name the secret's fingerprint (never a seed),
    so that grading without the secret fails with a clear message, and a lesson with
    assessment variants (:mod:`smmlab.exercises.variants`) becomes this learner's variant:
    its cells rewritten, the variant said in plain words under the owner's line, and
    ``setup(variant=N)`` so that the notebook's own checks use it.

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
    variants = load_lesson(source.name[:2]).variants if secret is not None else None
    if variants is not None:  # a keyed workshop: this learner's variant of the lesson
        index = variant_index(secret, learner.learner_id, source.name[:2], variants.count)
        options += f", variant={index}"
        learner_nb = rewritten(learner_nb, variants, index)
    for cell in learner_nb.cells:
        if cell.cell_type == "code" and SETUP_CALL.search(cell.source):
            cell.source = SETUP_CALL.sub(f"setup({options})", cell.source)
    owner = MESSAGES.text("workshop_learner_notebook", name=learner.name,
                          learner=learner.learner_id)
    if variants is not None:
        said = nbformat.v4.new_markdown_cell(variants.describe(variants.params[index]),
                                             metadata={"tags": ["variant"]})
        said.id = "variant"
        learner_nb.cells.insert(0, said)
    learner_nb.cells.insert(0, nbformat.v4.new_markdown_cell(
        f"*{owner}*", metadata={"tags": ["owner"]}))
    learner_nb.cells[0].id = "owner"
    learner_nb.metadata.setdefault("smmlab", {})
    learner_nb.metadata["smmlab"].update(learner=learner.learner_id, name=learner.name,
                                         assessment=assessment)
    if secret is not None:
        learner_nb.metadata["smmlab"]["secret_fingerprint"] = secret_fingerprint(secret)
    return nbformat.writes(learner_nb) + "\n"


def answer_key(learner: Learner, lessons: list[str], *, secret: bytes | None = None) -> dict:
    """Every expected answer for ``learner``, lesson by lesson, as plain data."""
    data = load_course_data(learner=learner.learner_id, secret=secret)
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
    secret: bytes | None = None,
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
    secret : bytes or None, default=None
        The instructor's secret (:func:`smmlab._random.read_secret`): brands keyed
        with it, which learners cannot rebuild (see the module docstring). Keep
        the secret file: grading needs it. A workshop folder keeps the secret it
        was first made with.

    Raises
    ------
    ValueError
        If the folder was made before with another secret, or without one.

    Examples
    --------
    >>> import tempfile
    >>> from smmlab._random import new_secret, read_secret
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     roster = Path(tmp) / "roster.csv"
    ...     _ = roster.write_text("learner_id\\nada@example.org\\n", encoding="utf-8")
    ...     secret = read_secret(new_secret(Path(tmp) / "exam.secret"))
    ...     ws = create_workshop(roster, Path(tmp) / "exam", lessons=["00"],
    ...                          assessment=True, secret=secret)
    ...     record = (ws.folder / "learners" / ws.learners[0].slug / "data"
    ...               / "provenance.json").read_text()
    >>> '"secret_fingerprint"' in record, '"random_state"' in record
    (True, False)
    """
    people = read_roster(roster)
    sources = lesson_sources(lessons)
    numbers = [s.name[:2] for s in sources]
    folder = Path(out)
    _same_secret(folder, secret)
    written: list[Path] = []
    kept: list[Path] = []
    for learner in people:
        home = folder / "learners" / learner.slug
        new, old = write_learner_folder(home, learner, sources, assessment=assessment,
                                        allow_hints=allow_hints, secret=secret)
        written += new
        kept += old
        key = folder / "instructor" / "keys" / f"{learner.slug}.json"
        key_text = json.dumps(answer_key(learner, numbers, secret=secret), indent=1,
                              ensure_ascii=False)
        write_atomic(key, key_text + "\n")
        written.append(key)
    settings = folder / "instructor" / WORKSHOP_FILE
    write_atomic(settings, json.dumps({
        "assessment": assessment, "lessons": numbers,
        "secret_fingerprint": None if secret is None else secret_fingerprint(secret),
    }, indent=1) + "\n")
    written.append(settings)
    roster_copy = folder / "instructor" / "roster.csv"
    write_atomic(roster_copy, pd.DataFrame([dataclasses.asdict(p) for p in people]).to_csv(
        index=False, lineterminator="\n"))
    readme = folder / "instructor" / "README.md"
    write_atomic(readme, _instructor_readme(folder, numbers, assessment, secret))
    written += [roster_copy, readme]
    return Workshop(folder, people, written, kept)


def write_learner_folder(home: Path, learner: Learner, sources: list[Path], *,
                         assessment: bool, allow_hints: bool, secret: bytes | None
                         ) -> tuple[list[Path], list[Path]]:
    """One learner's folder: ``data/`` (their brand) and their notebooks; nothing overwritten.

    Shared by :func:`create_workshop` and the hub's :func:`smmlab.grading.hub.prepare_user`.

    Returns
    -------
    written, kept : list of pathlib.Path
        What was written, and what was already there and left alone.
    """
    from smmlab import datasets

    written: list[Path] = []
    kept: list[Path] = []
    data = home / "data"
    if data.exists():
        kept.append(data)
    elif secret is not None:
        write_learner_data(data, learner.learner_id, secret=secret,
                           lessons=[s.name[:2] for s in sources], assessment=assessment)
        written.append(data)
    else:
        datasets.write_course_data(data, learner=learner.learner_id, include_truth=False)
        written.append(data)
    for source in sources:
        path = home / source.name
        if path.exists():
            kept.append(path)
            continue
        write_atomic(path, personal_notebook(source, learner, assessment=assessment,
                                             allow_hints=allow_hints, secret=secret))
        written.append(path)
    return written, kept


def lesson_sources(lessons: list[str] | None) -> list[Path]:
    """The lesson sources to hand out: every lesson, or the numbers in ``lessons``.

    Raises
    ------
    ValueError
        For a lesson number the course does not have.

    Examples
    --------
    >>> [p.name for p in lesson_sources(["0"])]
    ['00_first_report.ipynb']
    """
    sources = sorted(lessons_dir().glob("[0-9][0-9]_*.ipynb"))
    if lessons is None:
        return sources
    wanted = {str(n).zfill(2) for n in lessons}
    for number in sorted(wanted):
        load_lesson(number)  # clear error for an unknown lesson
    return [s for s in sources if s.name[:2] in wanted]


def _instructor_readme(folder: Path, lessons: list[str], assessment: bool,
                       secret: bytes | None = None) -> str:
    mode = "assessment (solutions off)" if assessment else "self-study (hints and solutions on)"
    keyed = "" if secret is None else " --secret SECRET_FILE"
    lines = [
        "# Workshop: instructor folder", "",
        f"Mode: {mode}. Lessons: {', '.join(lessons)}.", "",
        "1. Give each learner their folder from `learners/` (it holds their own data).",
        "2. Collect the notebooks back into a folder (or export them from your LMS as a zip).",
        "3. Grade: `smmlab grade <collected folder or zip> --lesson NN "
        f"--roster instructor/roster.csv --out results{keyed}`.", "",
        "`keys/` holds every learner's expected answers; the grader recomputes them from the "
        "roster, so you never need to hand them out. Keep this folder away from learners.", "",
    ]
    if secret is not None:
        lines += [
            f"Brands are keyed with the secret of fingerprint {secret_fingerprint(secret)}: "
            "grading needs that same secret file (`--secret`); without it no key can be "
            "rebuilt. Keep it, and keep it away from learners.", "",
        ]
    return "\n".join(lines)


#: The instructor folder's record of how the workshop was made.
WORKSHOP_FILE = "workshop.json"


def _same_secret(folder: Path, secret: bytes | None) -> None:
    """Refuse to add learners to a workshop folder with another secret (or none)."""
    path = folder / "instructor" / WORKSHOP_FILE
    try:
        made = json.loads(path.read_text(encoding="utf-8")).get("secret_fingerprint")
    except (FileNotFoundError, ValueError, AttributeError):
        return
    given = None if secret is None else secret_fingerprint(secret)
    if made != given:
        was = f"the secret of fingerprint {made}" if made else "no secret"
        now = f"--secret of fingerprint {given}" if given else "no --secret"
        raise ValueError(f"{folder} was made with {was}, and this run has {now}: give "
                         f"--secret with the workshop's own secret file (or none if it had "
                         f"none), or choose a new --out folder.")


def write_learner_data(out_dir: str | os.PathLike[str], learner_id: str, *, secret: bytes,
                       lessons: list[str] | None = None, assessment: bool = True
                       ) -> list[Path]:
    """Write a learner's data folder keyed with an instructor's secret.

    The CSV files and README as ``smmlab generate --learner`` writes them (for
    the keyed brand), ``provenance.json`` with the learner id and the secret's
    fingerprint only, and ``lesson_truth.json``: the ad sets' response curves
    and the planted events the learner's lessons replay (every event in an open
    workshop; in an assessment, the mention events only when lesson 05, whose
    live feed replays them, is among ``lessons``, and when lesson 10 is, the start
    of the algorithm change without its platform: see
    :func:`smmlab.datasets._provenance.lesson_truth_text`). The grader writes the
    same folder for the kernel that runs a submission.

    Parameters
    ----------
    out_dir : path
        A new (or empty) folder.
    learner_id : str
        The learner id.
    secret : bytes
        The instructor's secret.
    lessons : list of str or None
        The workshop's lesson numbers (default: every lesson).
    assessment : bool, default=True
        An assessment workshop (see above).

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_learner_data(Path(tmp) / "data", "ada", secret=b"s" * 32,
    ...                                lessons=["07"])
    ...     sorted(p.name for p in paths)[-3:]
    ['posts.csv', 'provenance.json', 'voice.csv']
    """
    from smmlab import datasets
    from smmlab.datasets import _provenance
    from smmlab.synth import make_course_data

    record = _provenance.Provenance.for_call(learner=learner_id, secret=secret)
    tables, truth = make_course_data(learner=learner_id, secret=secret, return_truth=True)
    files = {f"{name}.csv": datasets.to_csv_text(frame) for name, frame in tables.items()}
    extra = ', data_dir="path/to/this/folder"'
    files["README.md"] = datasets.readme_text(tables, record.command, extra)
    files[_provenance.PROVENANCE_FILE] = record.to_json()
    wanted = None if lessons is None else {str(n).zfill(2) for n in lessons}
    events = "all" if not assessment else (
        "mentions" if wanted is None or "05" in wanted else "none")
    files[_provenance.LESSON_TRUTH_FILE] = _provenance.lesson_truth_text(
        truth, events=events, change_timing=wanted is None or "10" in wanted)
    return datasets._write_files(files, Path(out_dir), overwrite=False)


def check_secret(notebooks: list[Path], roster: str | os.PathLike[str] | None,
                 secret: bytes | None) -> None:
    """Stop before grading when the secret does not match the workshop's.

    A workshop made with a secret says so in its notebooks' metadata and in
    ``instructor/workshop.json`` beside its roster. Grading it without the secret,
    or with another one, would check each learner against a brand that is not
    theirs (every answer wrong): this raises a clear error instead.

    Raises
    ------
    ValueError
        Naming ``--secret``: it is missing, or its fingerprint is not the workshop's.

    Examples
    --------
    >>> check_secret([], None, None)  # nothing says a secret was used: nothing to check
    """
    found: dict[str, str] = {}  # fingerprint -> where it was seen first
    if roster is not None:
        settings_path = Path(roster).parent / WORKSHOP_FILE
        try:
            settings = json.loads(settings_path.read_text("utf-8"))
            if isinstance(settings, dict) and settings.get("secret_fingerprint"):
                found[str(settings["secret_fingerprint"])] = str(settings_path)
        except (OSError, ValueError):
            pass
    for path in notebooks:
        try:  # the grader's safe read: a FIFO, a link or a huge file never blocks or leaks
            raw = read_regular(path, limit=MAX_NOTEBOOK_BYTES, what="The notebook")
            meta = json.loads(raw.decode("utf-8")).get("metadata", {}).get("smmlab", {})
            if isinstance(meta, dict) and meta.get("secret_fingerprint"):
                found.setdefault(str(meta["secret_fingerprint"]), str(path))
        except (UnreadableFile, OSError, ValueError, AttributeError):
            continue
    if not found:
        return
    given = None if secret is None else secret_fingerprint(secret)
    for fingerprint, where in sorted(found.items()):
        if given is None:
            raise ValueError(
                f"{where} comes from a workshop made with an instructor's secret "
                f"(fingerprint {fingerprint}): grade it with `--secret FILE`, the secret "
                f"file the workshop was made with. Without it no answer key can be rebuilt.")
        if fingerprint != given:
            raise ValueError(
                f"{where} comes from a workshop made with the secret of fingerprint "
                f"{fingerprint}, but --secret gives {given}: use the secret file the "
                f"workshop was made with.")

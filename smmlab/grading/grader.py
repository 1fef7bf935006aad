"""Grade a batch of submitted notebooks: restore, run, extract answers as data, check, report.

How a submission is graded:

1. It is copied to a private temporary folder (the original is never touched)
   and read; a file that is not a notebook gets status "not a readable
   notebook" and 0 points.
2. Course cells the learner deleted, retyped or turned into markdown are
   restored from the lesson source by cell id; answer cells are the learner's.
3. The learner's own data (from the roster's id) is written beside it, and it
   runs in a fresh kernel in a separate worker process (:mod:`.runner`) with a
   per-cell timeout, a total budget and capped output.
4. A final cell writes the answers as plain data; the grader's own process
   decodes them and runs the very checks ``q.check()`` uses, against the
   expected values recomputed from that learner's data. Nothing in the
   learner's kernel can change how the checks run.

A broken submission never stops the batch: it gets a status, a reason and 0
for what could not be graded.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import importlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import nbformat

from smmlab._files import write_atomic
from smmlab._validate import check_int, check_number
from smmlab.exercises.build import build_forms
from smmlab.exercises.core import CourseData, Exercise, Lesson, Outcome, Result, load_course_data
from smmlab.exercises.kinds import FunctionExercise
from smmlab.exercises.variants import rewritten, variant_of
from smmlab.grading import answers as codec
from smmlab.grading._messages import MESSAGES
from smmlab.grading._read import UnreadableFile, read_regular
from smmlab.grading.kernels import WarmKernels
from smmlab.grading.outputs import cut_runs, shown
from smmlab.grading.roster import Learner, read_roster, slug

DEFAULT_CELL_TIMEOUT = 30.0
MAX_NOTEBOOK_BYTES = 20_000_000  # a submitted notebook (outputs included) is read up to this size
DECODE_TIMEOUT = 60.0  # seconds to decode and check one submission's answers
MAX_MESSAGE_CHARS = 300  # feedback messages and reasons echo at most this much of an answer
MAX_ZIP_MEMBERS = 5_000  # members of one LMS export looked at (the rest are ignored)
MAX_ZIP_BYTES = 1_000_000_000  # bytes written when unpacking one export (the rest are ignored)
MAX_REFLECTION_CHARS = 5_000  # characters of a written answer kept for the instructor


@dataclasses.dataclass
class Graded:
    """The grade of one submission."""

    learner_id: str
    name: str
    email: str
    file: str
    status: str
    reason: str
    seconds: float
    results: list[Result]
    points: dict[str, float]
    max_points: dict[str, float]
    #: The written answers of the lesson's reflections (never scored), by exercise name: what
    #: the instructor reads in the gradebook and on the feedback page.
    reflections: dict[str, str] = dataclasses.field(default_factory=dict)
    #: What each exercise's feedback shows, as plain data: the learner's answer(s) and the
    #: expected one (:func:`smmlab.grading.outputs.shown`).
    shown: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def total(self) -> float:
        """Points earned."""
        return round(sum(self.points.values()), 4)

    @property
    def maximum(self) -> float:
        """Points available."""
        return round(sum(self.max_points.values()), 4)


def load_lesson(lesson: str) -> Lesson:
    """The lesson object for ``"00"``, ``"01"``...

    Examples
    --------
    >>> load_lesson("00").number
    '00'
    """
    code = str(lesson).zfill(2)
    try:
        module = importlib.import_module(f"smmlab.exercises.lesson{code}")
    except ModuleNotFoundError:
        from smmlab.exercises.build import lessons_dir

        valid = sorted(p.name[:2] for p in lessons_dir().glob("[0-9][0-9]_*.ipynb"))
        raise ValueError(MESSAGES.text("unknown_lesson", lesson=lesson, valid=valid)) from None
    return module.LESSON


def collect(paths: Iterable[str | os.PathLike[str]], scratch: Path) -> list[Path]:
    """Every notebook in the given files, folders and LMS zip exports (zips unpacked safely).

    Examples
    --------
    >>> import tempfile
    >>> collect([], Path(tempfile.mkdtemp()))
    []
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.ipynb")
                            if ".ipynb_checkpoints" not in p.parts and "solutions" not in p.parts)
        elif path.suffix.lower() == ".zip":
            target = scratch / f"zip-{len(found)}-{path.stem}"
            target.mkdir(parents=True)
            _unzip(path, target)
            found += sorted(target.rglob("*.ipynb"))
        elif path.suffix.lower() == ".ipynb" and path.exists():
            found.append(path)
    return found


def _unzip(path: Path, target: Path) -> None:
    """Unpack the notebooks of an LMS export into ``target``, within limits.

    At most :data:`MAX_ZIP_MEMBERS` members are looked at and
    :data:`MAX_ZIP_BYTES` bytes written, counted as they are expanded (a zip's
    own size headers can lie). A notebook larger than
    :data:`MAX_NOTEBOOK_BYTES` is cut just past that size, so grading reports
    it as too large. Paths out of ``target`` are skipped; a damaged archive
    yields what could be read.
    """
    written = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist()[:MAX_ZIP_MEMBERS]:
                name = Path(member.filename)
                if member.is_dir() or name.is_absolute() or ".." in name.parts:
                    continue  # never write outside the scratch folder
                if name.suffix.lower() != ".ipynb" or "__MACOSX" in name.parts:
                    continue
                out = target / name
                out.parent.mkdir(parents=True, exist_ok=True)
                left = min(MAX_NOTEBOOK_BYTES + 1, MAX_ZIP_BYTES - written)
                with archive.open(member) as src, open(out, "wb") as dst:
                    while left > 0:
                        chunk = src.read(min(1 << 20, left))
                        if not chunk:
                            break
                        dst.write(chunk)
                        left -= len(chunk)
                        written += len(chunk)
                if written >= MAX_ZIP_BYTES:
                    break
    except Exception:  # noqa: BLE001 - a damaged archive (bad zip, zlib...): keep what was read
        pass


def restore(submission: nbformat.NotebookNode, reference: nbformat.NotebookNode
            ) -> tuple[nbformat.NotebookNode, int]:
    """Put back the course's code cells (not the answer cells) the learner removed or changed.

    Returns the notebook to run and how many cells were restored. Cells the
    learner added stay where they are; answer cells are kept as written.
    A notebook saved without cell ids (nbformat 4.0-4.4, nbformat 3, Colab) has
    its course cells found by content and position first (:func:`.cells.align`).
    """
    from smmlab.grading.cells import align, assigned

    submission, _ = align(submission, reference)
    by_id = {c.get("id"): c for c in submission.cells}
    course_code = {c.id for c in reference.cells if c.cell_type == "code"}
    course_all = {c.id for c in reference.cells}
    # The learner's own code cells, attached to the course code cell they follow.
    extras: dict[str | None, list] = {}
    last = None
    for cell in submission.cells:
        if cell.get("id") in course_code:
            last = cell.get("id")
        elif cell.get("id") not in course_all and cell.cell_type == "code":
            extras.setdefault(last, []).append(cell)
    out = nbformat.v4.new_notebook(metadata=submission.metadata)
    out.cells += extras.get(None, [])
    restored = 0
    for ref in reference.cells:
        if ref.cell_type != "code":
            continue
        mine = by_id.get(ref.id)
        ok = mine is not None and mine.cell_type == "code"
        if "answer" in ref.metadata.get("tags", []):
            answered_elsewhere = not ok and any(
                assigned(ref.source) & assigned(str(c.get("source", "")))
                for cells in extras.values() for c in cells)
            if not answered_elsewhere:  # never run a blank answer over the learner's own
                out.cells.append(mine if ok else _copy(ref))  # answers are the learner's own
                restored += not ok
        else:
            restored += not ok or not _same_course_code(mine.source, ref.source)
            out.cells.append(_copy(ref))
        out.cells += extras.get(ref.id, [])
    for cell in out.cells:
        cell.outputs, cell.execution_count = [], None
    return out, restored


def _copy(cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return nbformat.from_dict(json.loads(json.dumps(cell)))


def _same_course_code(mine: str, reference: str) -> bool:
    """True if a course cell is unchanged (a workshop's ``setup(data_dir=...)`` counts as same)."""
    def norm(source: str) -> str:
        return re.sub(r"\bsetup\([^)]*\)", "setup()", source).strip()

    return norm(mine) == norm(reference)


def _spec(lesson: Lesson, data: CourseData) -> dict[str, Any]:
    variables: list[str] = []
    functions: dict[str, list] = {}
    for exercise in lesson.exercises.values():
        variables += list(exercise.variables)
        if isinstance(exercise, FunctionExercise):
            functions[exercise.variable] = [[codec.encode(a) for a in args]
                                            for args, _ in exercise.expected(data)]
    return {"variables": variables, "functions": functions}


def _check(exercise: Exercise, answers: dict[str, Any], data: CourseData) -> Result:
    unsupported = [v for v in exercise.variables
                   if isinstance(answers.get(v), codec.Unsupported)]
    if unsupported:
        v = unsupported[0]
        return Result(exercise.name, Outcome.NOT_YET,
                      MESSAGES.text("unsupported_answer", variable=v, what=answers[v].what))
    try:
        return exercise.check_answers(answers, data)
    except Exception as err:  # a malformed answer must not stop the batch
        return Result(exercise.name, Outcome.NOT_YET, f"{type(err).__name__}: {err}")


def kernel_env() -> dict[str, str]:
    """The environment of every grading kernel, less what differs between submissions."""
    env = dict(os.environ, SMMLAB_GRADING="1", MPLBACKEND="Agg", PYTHONDONTWRITEBYTECODE="1")
    env.pop("SMMLAB_EXPECT", None)
    return env


def grade_one(path: Path, learner: Learner | None, lesson: Lesson,
              reference: nbformat.NotebookNode, *, cell_timeout: float, budget: float,
              sandbox: bool = False, warm: WarmKernels | None = None,
              secret: bytes | None = None) -> Graded:
    """Grade one submission (see the module docstring).

    ``warm`` hands out kernels started ahead of time (without ``sandbox`` only).
    ``secret`` rebuilds a workshop's keyed brands (``smmlab grade --secret FILE``).
    """
    started = time.monotonic()
    who = learner or Learner(path.stem, path.stem, "")
    max_points = {e.name: e.points for e in lesson.exercises.values()}
    zero = dict.fromkeys(max_points, 0.0)

    def failed(status: str, reason: str) -> Graded:
        return Graded(who.learner_id, who.name, who.email, str(path), status, reason,
                      round(time.monotonic() - started, 2), [], zero, max_points)

    work = Path(tempfile.mkdtemp(prefix="smmlab-grade-"))
    try:
        copy = work / "submission.ipynb"
        try:  # a regular file of a sane size only: no pipe, device, folder or link
            raw_notebook = read_regular(path, limit=MAX_NOTEBOOK_BYTES,
                                        what=MESSAGES.text("what_notebook"))
        except UnreadableFile as err:
            return failed(MESSAGES.text("status_malformed"), str(err))
        copy.write_bytes(raw_notebook)
        try:
            submission = nbformat.reads(raw_notebook.decode("utf-8"), as_version=4)
            nbformat.validate(submission)
        except Exception as err:  # malformed JSON, wrong nbformat, not a notebook at all
            return failed(MESSAGES.text("status_malformed"),
                          MESSAGES.text("reason_malformed", detail=str(err).split("\n")[0][:200]))
        data = _course_data(learner.learner_id if learner else None, secret)
        index = variant_of(data, lesson)
        if index:  # the course's cells as this learner's variant has them
            reference = rewritten(reference, lesson.variants, index)
        runnable, restored = restore(submission, reference)
        nbformat.write(runnable, copy)
        data_dir = work / "data"
        _write_data(data_dir, learner, secret, lesson.number)
        # Fresh names the notebook cannot predict: the extraction creates the dump (O_EXCL).
        token = secrets.token_hex(16)
        job = {
            "notebook": str(copy), "workdir": str(work),
            "answers": str(work / f"answers-{token}.json"),
            "status_path": str(work / f"status-{token}.json"), "spec": _spec(lesson, data),
            "cell_timeout": cell_timeout, "budget": budget,
        }
        env = dict(kernel_env(), SMMLAB_DATA_DIR=str(data_dir), SMMLAB_HOME=str(work / "home"))
        if sandbox:
            # bubblewrap wraps a whole process: the worker and its kernel run inside it
            # (smmlab.grading.sandbox: own uid, nothing of the grader visible, limits).
            (work / "job.json").write_text(json.dumps(job), encoding="utf-8")  # (worker deletes)
            command = [sys.executable, "-m", "smmlab.grading.runner", str(work / "job.json")]
            # Everything the worker and kernel write must go to the one writable folder.
            (work / "tmp").mkdir()
            env.update(JUPYTER_RUNTIME_DIR=str(work / "runtime"), IPYTHONDIR=str(work / "ipython"),
                       MPLCONFIGDIR=str(work / "mpl"), HOME=str(work / "home"),
                       JUPYTER_DATA_DIR=str(work / "jupyter"), TMPDIR=str(work / "tmp"))
            run_status = _run_worker(command, env, budget + 60, work, Path(job["status_path"]))
        else:
            # The kernel is already a separate process (killed on timeout or budget); driving
            # it from a thread here saves starting a Python worker per submission. A kernel
            # started ahead (warm) is moved into this submission by the grader's first cell.
            km = warm.take() if warm is not None else None
            if km is not None:
                from smmlab.grading.kernels import enter_code

                job.update(kernel_manager=km, enter=enter_code(str(work), env))
            run_status = _run_in_thread(job, env)
        try:
            answers, results = _within(DECODE_TIMEOUT, _evaluate, run_status, lesson, data)
        except TimeoutError:
            return failed(MESSAGES.text("status_error"),
                          MESSAGES.text("reason_decode_timeout", seconds=DECODE_TIMEOUT))
        except ValueError as err:  # the dump is not JSON, or not an object
            run_status = dict(run_status, answers=None, answers_error=MESSAGES.text(
                "read_failed", what=MESSAGES.text("what_dump"), detail=str(err)))
            answers, results = _within(DECODE_TIMEOUT, _evaluate, run_status, lesson, data)
        points = {r.exercise: round(max_points[r.exercise] * r.score, 4) for r in results}
        status, reason = _describe(run_status, answers, restored, cell_timeout=cell_timeout,
                                   budget=budget)
        return Graded(who.learner_id, who.name, who.email, str(path), status, reason,
                      round(time.monotonic() - started, 2), results, points, max_points,
                      reflections(lesson, answers), shown(lesson, answers, data))
    except Exception as err:  # anything else: this submission's row says so, the batch goes on
        return failed(MESSAGES.text("status_error"), MESSAGES.text(
            "reason_internal", detail=shorten(f"{type(err).__name__}: {err}")))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _evaluate(run_status: dict[str, Any], lesson: Lesson, data: CourseData
              ) -> tuple[dict[str, Any], list[Result]]:
    """Decode the dump the run brought back and check every exercise on it.

    Raises ``ValueError`` when the dump is not a JSON object.
    """
    text = run_status.get("answers")
    answers = codec.loads_answers(text.encode("utf-8")) if isinstance(text, str) else {}
    results = [_short_result(_check(e, answers, data)) for e in lesson.exercises.values()]
    return answers, results


def reflection_text(value: Any, limit: int = MAX_REFLECTION_CHARS) -> str | None:
    """A written answer as plain text for the instructor, or None if nothing was written.

    A text is kept as written; a list (or tuple) of sentences becomes one line
    per item. Anything else (the ``____`` placeholder, a number, a table) is not
    a written answer. A run of more than ``outputs.MAX_WORD_CHARS`` characters
    without a space is no word: it is cut there (a pasted blob never fills the
    instructor's page), and the text is cut to ``limit`` characters.

    Examples
    --------
    >>> reflection_text(["Reach fell in May.", "We post less on X."])
    'Reach fell in May.\\nWe post less on X.'
    >>> reflection_text("  ok  "), reflection_text(3), reflection_text("   ")
    ('ok', None, None)
    >>> reflection_text("x" * 20, limit=5)
    'xxxxx… (15 more characters)'
    >>> reflection_text("ok " + "A" * 500)
    'ok AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA…'
    """
    if isinstance(value, str):
        text = value
    elif isinstance(value, list | tuple) and all(
            isinstance(item, str | int | float) for item in value):
        text = "\n".join(str(item).strip() for item in value)
    else:
        return None
    text = cut_runs(text.strip())
    return shorten(text, limit) if text else None


def reflections(lesson: Lesson, answers: dict[str, Any]) -> dict[str, str]:
    """The written answers of ``lesson``'s reflections in ``answers``, by exercise name.

    Examples
    --------
    >>> from smmlab.exercises import lesson00
    >>> reflections(lesson00.LESSON, {"findings": ["Reach fell.", "Post more."], "n_posts": 3})
    {'q6': 'Reach fell.\\nPost more.'}
    >>> reflections(lesson00.LESSON, {})
    {}
    """
    found = {}
    for name, exercise in lesson.exercises.items():
        if exercise.kind != "reflection":
            continue
        texts = [t for t in (reflection_text(answers.get(v)) for v in exercise.variables) if t]
        if texts:
            found[name] = "\n".join(texts)
    return found


def _within(seconds: float, fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` in a daemon thread; ``TimeoutError`` if it takes more than ``seconds``.

    (A thread cannot be killed: a runaway one is left behind, but the batch goes on.)

    Examples
    --------
    >>> _within(1.0, sum, [1, 2])
    3
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn(*args)
        except BaseException as err:  # noqa: BLE001 - handed back to the caller
            box["error"] = err

    worker = threading.Thread(target=target, name="smmlab-decode", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeoutError(seconds)
    if "error" in box:
        raise box["error"]
    return box["value"]


def shorten(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """``text`` cut to about ``limit`` characters, saying how much was left out.

    Examples
    --------
    >>> shorten("x" * 1000, 10)
    'xxxxxxxxxx… (990 more characters)'
    >>> shorten("short")
    'short'
    """
    text = str(text)
    if len(text) <= limit:
        return text
    return text[:limit] + MESSAGES.text("shortened", n=len(text) - limit)


def _short_result(result: Result) -> Result:
    """A check's result whose message echoes at most a few hundred characters of an answer."""
    if len(result.message) <= MAX_MESSAGE_CHARS and (result.mistake is None
                                                     or len(result.mistake) <= 80):
        return result
    return dataclasses.replace(result, message=shorten(result.message),
                               mistake=None if result.mistake is None else result.mistake[:80])


_DATA_CACHE: dict[tuple[str | None, bytes | None], CourseData] = {}
_DATA_LOCK = threading.Lock()


def _course_data(learner_id: str | None, secret: bytes | None = None) -> CourseData:
    """The learner's data, built once per batch (expected values are cached on it too)."""
    secret = secret if learner_id is not None else None
    with _DATA_LOCK:
        if (learner_id, secret) not in _DATA_CACHE:
            _DATA_CACHE[learner_id, secret] = load_course_data(learner=learner_id,
                                                               secret=secret)
        return _DATA_CACHE[learner_id, secret]


def _write_data(folder: Path, learner: Learner | None, secret: bytes | None = None,
                lesson: str | None = None) -> None:
    from smmlab import datasets

    if learner is None:
        shutil.copytree(datasets.data_dir(), folder)
    elif secret is not None:  # the keyed folder the learner had (smmlab.grading.workshop)
        from smmlab.grading.workshop import write_learner_data

        write_learner_data(folder, learner.learner_id, secret=secret,
                           lessons=None if lesson is None else [lesson])
    else:
        datasets.write_course_data(folder, learner=learner.learner_id, include_truth=False)


def _run_in_thread(job: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    from smmlab.grading.runner import run

    try:
        return run(job, env=env)
    except Exception as err:  # the run itself failed: one submission, not the batch
        return {"status": "error", "reason": f"{type(err).__name__}: {err}"[:300]}


def _run_worker(command: Sequence[str], env: dict[str, str], limit: float, work: Path,
                status_file: Path) -> dict[str, Any]:
    try:
        from smmlab.grading import sandbox as jail

        if jail.run(command, work, env, timeout=limit) is None:
            return {"status": "timeout", "reason": "budget"}
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "reason": "budget"}
    from smmlab.grading.runner import MAX_DUMP_BYTES

    try:  # the sandbox's folder is the learner's too: read it like any submission file
        text = read_regular(status_file, limit=2 * MAX_DUMP_BYTES + 1_000_000,
                            what=MESSAGES.text("what_status"))
        status = json.loads(text.decode("utf-8"))
    except UnreadableFile as err:
        return {"status": "error", "reason": MESSAGES.text("reason_status_unreadable",
                                                           detail=str(err))}
    except (ValueError, RecursionError) as err:
        return {"status": "error", "reason": MESSAGES.text(
            "reason_status_unreadable", detail=shorten(str(err).split("\n")[0], 200))}
    if not isinstance(status, dict):
        return {"status": "error", "reason": MESSAGES.text("reason_status_unreadable",
                                                           detail="not a JSON object")}
    return status


def _describe(run: dict[str, Any], answers: dict[str, Any], restored: int, *,
              cell_timeout: float = DEFAULT_CELL_TIMEOUT, budget: float | None = None
              ) -> tuple[str, str]:
    """The gradebook's status and reason for one run (``run`` may come from a forged file).

    Examples
    --------
    >>> status, reason = _describe({"status": "timeout", "timeout_cells": [3]}, {"q": 1}, 0,
    ...                            cell_timeout=10, budget=100)
    >>> for line in [status, *reason.split(". ")]:
    ...     print(line)
    ran out of time
    The notebook ran longer than its budget of 100 s and was stopped
    Cell 3 ran longer than 10 s and was interrupted.
    """
    from smmlab.grading.runner import MAX_OUTPUT_BYTES

    budget = 10 * cell_timeout if budget is None else budget
    ok = MESSAGES.text("status_ok")
    notes = []
    status = ok
    kind = run.get("status")
    if kind == "timeout":
        status = MESSAGES.text("status_timeout")
        notes.append(MESSAGES.text("reason_budget", seconds=budget))
    elif kind == "dead":
        status = MESSAGES.text("status_dead")
        notes.append(MESSAGES.text("reason_dead", cell=shorten(str(run.get("cell", "?")), 20),
                                   detail=shorten(str(run.get("reason", "")), 120)))
    elif kind == "error":
        status = MESSAGES.text("status_error")
        notes.append(shorten(str(run.get("reason", ""))))
    for index in _int_list(run.get("killed_cells"))[:10]:
        notes.append(MESSAGES.text("reason_cell_killed", cell=index))
    for index in _int_list(run.get("timeout_cells"))[:10]:
        notes.append(MESSAGES.text("reason_cell_timeout", cell=index, seconds=cell_timeout))
    if _int_list(run.get("error_cells")):
        notes.append(MESSAGES.text("reason_errors", cells=_int_list(run["error_cells"])[:20]))
    if run.get("capped"):
        notes.append(MESSAGES.text("reason_output_capped", limit=MAX_OUTPUT_BYTES / 1e6))
    if restored:
        notes.append(MESSAGES.text("reason_restored", n=restored))
    if run.get("extraction_error") and kind not in ("timeout", "dead"):
        status = MESSAGES.text("status_error")
        notes.append(MESSAGES.text("reason_extraction_failed",
                                   detail=shorten(str(run["extraction_error"]), 200)))
    elif run.get("answers_error") and status == ok:
        status = MESSAGES.text("status_error")
        notes.append(MESSAGES.text("reason_dump_unreadable",
                                   detail=shorten(str(run["answers_error"]), 200)))
    if not answers and status == ok:
        status = MESSAGES.text("status_error")
        notes.append(MESSAGES.text("reason_no_answers"))
    return status, " ".join(n for n in notes if n)


def _int_list(value: Any) -> list[int]:
    """The whole numbers in a list from a run's status (anything else is ignored)."""
    return [v for v in value if type(v) is int] if isinstance(value, list) else []


def grade(
    submissions: Sequence[str | os.PathLike[str]],
    *,
    lesson: str,
    out: str | os.PathLike[str],
    roster: str | os.PathLike[str] | None = None,
    workers: int = 1,
    cell_timeout: float = DEFAULT_CELL_TIMEOUT,
    budget: float | None = None,
    sandbox: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
    warm_kernels: bool = True,
    show_expected: bool = False,
    scheduler: str | None = None,
    secret: bytes | None = None,
) -> list[Graded]:
    """Grade every notebook in ``submissions`` and write the results to ``out``.

    Parameters
    ----------
    submissions : sequence of paths
        Notebook files, folders of them, or LMS zip exports.
    lesson : str
        Lesson number, e.g. ``"00"``.
    out : path
        Results folder: ``gradebook.csv``, ``lms_import.csv``,
        ``feedback/<learner>.html`` and ``results.json``.
    roster : path or None
        Roster CSV (``learner_id``, ``name``, ``email``). Without it each
        file is graded as self-study work on the canonical data.
    workers : int, default=1
        Submissions graded in parallel, one kernel each.
    cell_timeout : float, default=30
        Seconds a cell may run before it is interrupted.
    budget : float or None
        Seconds for a whole notebook (default: 10 x cell_timeout).
    sandbox : bool, default=False
        Run each kernel under bubblewrap (no network, read-only system).
    on_progress : callable, optional
        ``on_progress(done, total)`` after each submission.
    warm_kernels : bool, default=True
        Without ``sandbox``: start each submission's kernel, and import the libraries
        every lesson uses in it, while the previous submission runs
        (:mod:`smmlab.grading.kernels`). It hides about a second per submission.
    show_expected : bool, default=False
        Feedback pages also show each exercise's expected value (self-study and
        open workshops; never in an assessment, where it hands out the key).
    scheduler : str or None
        Grade on Dask (:mod:`smmlab.grading.distributed`): ``"local"`` starts a
        LocalCluster of ``workers`` processes, an address such as
        ``"tcp://10.0.0.5:8786"`` uses a running cluster. One task per
        submission, a crashed worker's submission retried once, and a re-run
        grades only what changed (grades cached in ``out``). Same result files.
    secret : bytes or None
        The instructor's secret of a workshop made with ``smmlab workshop --secret``
        (:func:`smmlab._random.read_secret`): it rebuilds every learner's keyed brand.
        A keyed workshop graded without it, or with another, stops with an error
        naming ``--secret`` (:func:`smmlab.grading.workshop.check_secret`).

    Returns
    -------
    list of Graded
        In roster (or file name) order.
    """
    workers = check_int("workers", workers, low=1, high=64)
    cell_timeout = check_number("cell_timeout", cell_timeout, low=1.0, high=86_400.0)
    budget = check_number("budget", budget if budget is not None else 10 * cell_timeout,
                          low=1.0, high=864_000.0)
    if sandbox:
        from smmlab.grading.sandbox import probe

        probe()
    the_lesson = load_lesson(lesson)
    reference = build_forms(nbformat.read(the_lesson.source, as_version=4))[0]
    learners = read_roster(roster) if roster is not None else None
    if scheduler is not None:
        from smmlab.grading.distributed import check_scheduler

        check_scheduler(scheduler)
    with tempfile.TemporaryDirectory(prefix="smmlab-collect-") as scratch:
        files = collect(submissions, Path(scratch))
        if not files:
            raise ValueError(MESSAGES.text("no_submissions", paths=[str(p) for p in submissions]))
        from smmlab.grading.workshop import check_secret

        check_secret(files, roster, secret)  # a keyed workshop needs its own --secret
        # One file, one learner, one lesson (see smmlab.grading.roster.assign).
        from smmlab.grading import roster as placing

        placements = placing.assign([placing.locate(f, submissions, Path(scratch)) for f in files],
                                    learners, lesson=the_lesson.number, lessons=_lesson_files())
        jobs = [p for p in placements if p.action == placing.GRADE and p.file is not None]
        unknown: list[Graded] = []
        for p in placements:
            if p.action == placing.UNKNOWN and p.file is not None:
                f = p.file.path
                unknown.append(Graded(p.file.label, p.file.label, "", str(f),
                                      MESSAGES.text("status_unknown_learner"),
                                      MESSAGES.text("reason_unknown_learner", file=f.name), 0.0,
                                      [], {e: 0.0 for e in the_lesson.exercises},
                                      {e.name: e.points for e in the_lesson.exercises.values()}))
        graded: list[Graded] = []
        todo = [p for p in jobs if p.file is not None]
        warm = (WarmKernels(workers + 1, kernel_env(), limit=len(todo))
                if todo and not sandbox and warm_kernels and scheduler is None else None)
        try:
            if scheduler is not None:  # one Dask task per submission (resumable)
                from smmlab.grading.distributed import grade_on_dask

                for done, (p, g) in enumerate(grade_on_dask(
                        todo, the_lesson, out=Path(out), scheduler=scheduler, workers=workers,
                        cell_timeout=cell_timeout, budget=budget, sandbox=sandbox,
                        secret=secret), 1):
                    graded.append(placing.annotate(g, p))
                    if on_progress:
                        on_progress(done, len(todo))
            else:
                with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
                    futures = {pool.submit(grade_one, p.file.path, p.learner, the_lesson,
                                           reference, cell_timeout=cell_timeout, budget=budget,
                                           sandbox=sandbox, warm=warm, secret=secret): p
                               for p in todo}
                    for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
                        graded.append(placing.annotate(future.result(), futures[future]))
                        if on_progress:
                            on_progress(done, len(futures))
        finally:
            if warm is not None:
                warm.close()
    order = {lr.learner_id: i for i, lr in enumerate(learners or [])}
    everyone = sorted(graded + unknown, key=lambda g: (order.get(g.learner_id, len(order)),
                                                        g.learner_id, g.file))
    from smmlab.grading.outputs import write_results

    write_results(everyone, the_lesson, Path(out), show_expected=show_expected, roster=learners)
    write_atomic(Path(out) / "files.csv", placing.placements_csv(placements))
    return everyone


def _lesson_files() -> dict[str, str]:
    """Every lesson's notebook file name by number (``{"00": "00_first_report.ipynb"}``)."""
    from smmlab.exercises.build import lessons_dir

    return {p.name[:2]: p.name for p in sorted(lessons_dir().glob("[0-9][0-9]_*.ipynb"))}


__all__ = ["Graded", "collect", "grade", "grade_one", "load_lesson", "reflection_text",
           "reflections", "restore", "slug"]

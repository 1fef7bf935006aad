"""Run a lesson notebook once, in this process, the way a kernel runs it; keep what it showed.

One run of each notebook form serves several tests (see ``tests/README.md``): the namespace
feeds the answer checks of ``test_lessons.py`` and the lesson-specific tests of
``test_lessonNN.py``; the outputs (errors, check results, charts) feed the assertions nbval
and the browser tests make on a kernel's run.

How close this is to a Jupyter kernel: each notebook gets a fresh IPython
``InteractiveShell`` (the class ipykernel's shell is built on), so ``get_ipython()``,
``display()``, magics and the learner's namespace lookup in ``q.check()`` take the same code
paths; matplotlib's *inline* backend draws every figure to PNG after each cell (so a chart
that fails only when drawn fails here too) and closes it, as in JupyterLab; the working
folder is the notebook's; ``SMMLAB_EXPECT`` is set as ``make test`` always did for nbval
(``correct`` for solutions, ``not_attempted`` for learner notebooks), so a check with
another outcome raises in its cell. What it does not have is a separate process: the
grader's kernel runs of every notebook in ``test_lessons.py`` and the browser tests cover
that.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import importlib
import json
import os
import re
import sys
import tempfile
import traceback
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
PLACEHOLDER = "____"
#: What SMMLAB_EXPECT demands of every ``q.check()`` in each form (as ``make test`` always did).
EXPECT = {"learner": "not_attempted", "solution": "correct"}


@dataclasses.dataclass
class CellRun:
    """What one code cell did: its source, tags, rich outputs, printed text and error."""

    index: int  # position among *all* cells of the notebook (as JupyterLab numbers them)
    source: str
    tags: list[str]
    outputs: list[dict[str, Any]]  # {"data": {mime: content}, "metadata": {...}}
    stdout: str = ""
    stderr: str = ""
    error: str = ""  # the traceback, if the cell raised

    @property
    def images(self) -> int:
        """How many image outputs (charts) the cell displayed."""
        return sum(any(m.startswith("image/") for m in o["data"]) for o in self.outputs)

    def html(self) -> str:
        """Every HTML output of the cell, joined."""
        return "".join(str(o["data"].get("text/html", "")) for o in self.outputs)


@dataclasses.dataclass
class NotebookRun:
    """One run of a notebook: the learner's namespace at the end, and every code cell's run."""

    path: Path
    form: str
    namespace: dict[str, Any]
    cells: list[CellRun]

    @property
    def errors(self) -> list[str]:
        """The cells that raised, as "cell N: traceback"."""
        return [f"cell {c.index}:\n{c.error}" for c in self.cells if c.error]


_CACHE: dict[tuple[Path, Path | None], NotebookRun] = {}


def form_of(path: Path) -> str:
    """``"solution"`` for ``notebooks/solutions/*``, else ``"learner"``.

    Examples
    --------
    >>> form_of(NOTEBOOKS / "solutions" / "00_first_report.ipynb"), form_of(Path("00_x.ipynb"))
    ('solution', 'learner')
    """
    return "solution" if Path(path).parent.name == "solutions" else "learner"


def execute(path: Path, data_dir: Path | None = None) -> NotebookRun:
    """Run notebook ``path`` once per test session (cached) and return what it did.

    A cell that raises does not stop the run (like ``--nbval-lax`` and the grader, later
    cells still run); the error is kept in :attr:`CellRun.error`. ``data_dir`` runs it on
    another brand's data folder (``smmlab generate --learner``), as the grader does, through
    ``SMMLAB_DATA_DIR``.
    """
    path = Path(path).resolve()
    key = (path, None if data_dir is None else Path(data_dir).resolve())
    if key not in _CACHE:
        _CACHE[key] = _execute(path, form_of(path), key[1])
    return _CACHE[key]


def run_notebook(path: Path) -> dict:
    """The namespace a notebook leaves behind (run once per session; see :func:`execute`)."""
    return execute(path).namespace


def solution_notebook(number: str) -> Path:
    """The built solution notebook of lesson ``number``."""
    return next((NOTEBOOKS / "solutions").glob(f"{number}_*.ipynb"))


def learner_notebook(number: str) -> Path:
    """The built learner notebook of lesson ``number``."""
    return next(NOTEBOOKS.glob(f"{number}_*.ipynb"))


# --- which cells must draw a chart (shared with tests/browser) ----------------------------------


def _chart_helpers() -> list[str]:
    """The names of smmlab.viz's functions that return a matplotlib Figure."""
    from smmlab import viz

    names = []
    for name in getattr(viz, "__all__", []):
        annotation = getattr(getattr(viz, name), "__annotations__", {}).get("return")
        if str(annotation).rsplit(".", 1)[-1].strip("'>") == "Figure":
            names.append(name)
    return names


CHART_CALL = re.compile(
    r"^(?:[^\s].*)?(?:\bplt\.(?:show|subplots|figure)\(|\bdisplay\(\s*fig"
    rf"|\bviz\.(?:{'|'.join(map(re.escape, _chart_helpers())) or '(?!)'})\()",
    re.MULTILINE,
)


def _code(source: str) -> str:
    """A cell's code without its comments (good enough for spotting calls)."""
    return "\n".join(line.split("#", 1)[0] for line in source.splitlines())


def promises_chart(source: str) -> bool:
    """Whether a code cell must show a chart.

    True when, at its top level (not inside a ``def``), it calls ``plt.show()``,
    ``plt.subplots(...)``, ``plt.figure(...)``, ``display(fig...)`` or one of ``smmlab.viz``'s
    chart helpers, and holds no ``____`` placeholder (in the learner form a chart exercise
    draws nothing until answered) and no ``plt.close``. A lower bound: charts drawn by a
    lesson's own function or an object's display are not predicted.

    Examples
    --------
    >>> [promises_chart(s) for s in ("fig, ax = plt.subplots()\\nax.plot([1])",
    ...  "fig = ____  # your chart\\nplt.show()", "# plt.show()",
    ...  "def f():\\n    return plt.figure()", "chart = viz.funnel(stages, title='x')",
    ...  "fig = plt.figure()\\nplt.close(fig)")]
    [True, False, False, False, True, False]
    """
    return bool(CHART_CALL.search(_code(source))) and PLACEHOLDER not in source \
        and "plt.close" not in source


# --- the runner ---------------------------------------------------------------------------------


def _cells(path: Path) -> list[tuple[int, str, list[str]]]:
    """(index, source, tags) of every code cell."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    out = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "code":
            source = cell["source"]
            source = "".join(source) if isinstance(source, list) else source
            out.append((index, source, list(cell.get("metadata", {}).get("tags", []))))
    return out


@contextlib.contextmanager
def _environment(path: Path, form: str, data_dir: Path | None = None) -> Iterator[None]:
    """The notebook's folder as working folder, its SMMLAB_EXPECT, a throwaway SMMLAB_HOME;
    matplotlib's backend and settings, sys hooks and warning filters put back afterwards."""
    saved_env = {k: os.environ.get(k) for k in ("SMMLAB_EXPECT", "SMMLAB_HOME", "SMMLAB_DATA_DIR",
                                                "SMMLAB_GRADING", "MPLBACKEND")}
    saved_cwd = os.getcwd()
    saved_hooks = (sys.displayhook, sys.excepthook)
    backend, interactive = matplotlib.get_backend(), matplotlib.is_interactive()
    home = tempfile.mkdtemp(prefix="smmlab-lessonkit-")
    try:
        for key in ("SMMLAB_DATA_DIR", "SMMLAB_GRADING", "MPLBACKEND"):
            os.environ.pop(key, None)
        os.environ["SMMLAB_EXPECT"] = EXPECT[form]
        os.environ["SMMLAB_HOME"] = home
        if data_dir is not None:
            os.environ["SMMLAB_DATA_DIR"] = str(data_dir)
        os.chdir(path.parent)
        with warnings.catch_warnings(), plt.rc_context():
            warnings.simplefilter("ignore")  # a kernel shows warnings; they never fail a run
            yield
    finally:
        plt.close("all")
        plt.switch_backend(backend)
        matplotlib.interactive(interactive)
        os.chdir(saved_cwd)
        sys.displayhook, sys.excepthook = saved_hooks
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _execute(path: Path, form: str, data_dir: Path | None = None) -> NotebookRun:
    from IPython.core.displaypub import CapturingDisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import select_figure_formats
    from IPython.utils.capture import capture_output
    from matplotlib_inline.config import InlineBackend
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False  # no history database in the tester's IPYTHONDIR
    runs: list[CellRun] = []
    if InteractiveShell.initialized():
        raise RuntimeError("lessonkit needs the process's IPython shell slot, and it is taken")
    with _environment(path, form, data_dir):
        shell = _shell_class(InteractiveShell).instance(config=config)  # get_ipython() finds it
        try:
            shell.displayhook = hook = _hook_class()(shell=shell, cache_size=0)
            shell.display_trap.hook = hook
            shell.enable_matplotlib("inline")
            # matplotlib_inline picks the figure formats for the first shell only: every fresh
            # shell needs them, or figures would show as text.
            cfg = InlineBackend.instance()
            select_figure_formats(shell, cfg.figure_formats, **cfg.print_figure_kwargs)
            for index, source, tags in _cells(path):
                shell.display_pub = publisher = CapturingDisplayPublisher()
                hook.outputs = []
                with capture_output(display=False) as captured:
                    result = shell.run_cell(source, store_history=False, silent=False)
                error = result.error_before_exec or result.error_in_exec
                runs.append(CellRun(index, source, tags, [*publisher.outputs, *hook.outputs],
                                    captured.stdout, captured.stderr, _traceback(error)))
            # The shell's own dict: functions the notebook defined look up their globals in it.
            namespace = shell.user_ns
        finally:
            # Its exit hook would reset that namespace (and the functions with it) at exit.
            atexit.unregister(shell.atexit_operations)
            type(shell).clear_instance()
    return NotebookRun(path, form, namespace, runs)


def _traceback(error: BaseException | None) -> str:
    """The error's traceback from the cell's own frame on (IPython's frames left out)."""
    if error is None:
        return ""
    tb = error.__traceback__
    while tb is not None and not tb.tb_frame.f_code.co_filename.startswith("<"):
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(error), error, tb or error.__traceback__))


def _hook_class() -> type:
    """IPython's display hook, keeping a cell's result as rich data (as a kernel sends it)."""
    from IPython.core.displayhook import DisplayHook

    class KeepingHook(DisplayHook):
        outputs: list[dict[str, Any]] = []

        def write_output_prompt(self) -> None:
            """No ``Out[n]:`` prompt: outputs are data here."""

        def write_format_data(self, format_dict: dict, md_dict: dict | None = None) -> None:
            self.outputs.append({"data": format_dict, "metadata": md_dict or {}})

        def finish_displayhook(self) -> None:
            """Nothing to flush."""

    return KeepingHook


def _shell_class(base: type) -> type:
    """IPython's shell without a GUI event loop (as in ipykernel: inline charts need none)."""

    class NotebookShell(base):  # type: ignore[misc, valid-type]
        def enable_gui(self, gui: str | None = None) -> None:
            """The inline backend draws into the outputs; there is no GUI to start."""

    return NotebookShell


def solve(nb: Any, number: str = "00", exercises: tuple[str, ...] | None = None) -> Any:
    """``nb`` (a notebook node of lesson ``number``) with the solution's code in its exercises.

    What a learner who did the work hands in: their own notebook (its metadata, setup and
    owner cell kept), each exercise cell (all of them unless ``exercises`` names some) holding
    the solution of *their* question: the published one, or, when the notebook's setup names
    an assessment variant (``setup(..., variant=N)``), that variant's
    (:mod:`smmlab.exercises.variants`).
    """
    import nbformat

    from smmlab.exercises.variants import rewritten

    lesson = importlib.import_module(f"smmlab.exercises.lesson{number}").LESSON
    solved = nbformat.read(solution_notebook(number), as_version=4)
    named = re.search(r"setup\([^)]*variant=(\d+)", "\n".join(
        c.source for c in nb.cells if c.cell_type == "code"))
    if named:
        solved = rewritten(solved, lesson.variants, int(named.group(1)))
    if exercises is None:
        exercises = tuple(lesson.exercises)
    for exercise in exercises:
        mine = next(c for c in nb.cells if c.cell_type == "code"
                    and f"{exercise}.check()" in c.source)
        mine.source = next(c for c in solved.cells if c.cell_type == "code"
                           and f"{exercise}.check()" in c.source).source
    return nb

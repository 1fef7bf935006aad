"""Run one prepared submission in a fresh kernel and save its answers as plain data.

The grader starts this module as a separate process for each submission
(``python -m smmlab.grading.runner JOB.json``), so a submission that kills its
kernel, loops forever or prints gigabytes only ever takes down its own worker.
Inside, nbclient runs the notebook with a per-cell timeout (interrupting the
cell and going on), a total time budget (after which the kernel is killed),
errors allowed (a broken cell does not hide later answers) and outputs capped.
A final cell, added by the grader, writes the answers to a JSON file.

The answer channel is the grader's, not the learner's: a first hidden cell,
run before any learner code, captures the writer (JSON encoder, file
functions, a private copy of the codec), so later patches in the kernel do not
reach it. The last cell writes to a fresh random file name created there
(``O_EXCL``, no link followed) after dropping post-run hooks and ``atexit``
handlers, and the worker reads it back (a regular file, size-limited, never
blocking) as soon as that cell returns, before the kernel shuts down: whatever
the kernel writes later is ignored. The dump travels on inside the status
record (``status["answers"]``, text).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from smmlab._files import write_atomic
from smmlab.grading._messages import MESSAGES
from smmlab.grading._read import UnreadableFile, read_regular

MAX_OUTPUT_BYTES = 5_000_000
MAX_DUMP_BYTES = 32_000_000  # the answers of one notebook (tables included) are far smaller


class CappedClient(NotebookClient):
    """A NotebookClient that stops storing outputs after ``MAX_OUTPUT_BYTES``."""

    stored = 0
    capped = False
    dump_path: str | None = None  # read as soon as the extraction cell (the last) returns
    dump_index = -1
    dump: str | None = None
    dump_error = ""
    # A cell still running this long after its interrupt (one that ignores SIGINT, or a deep
    # recursion unwinding for minutes) has its kernel killed: see _async_handle_timeout.
    stuck_grace = 5.0
    stuck_cell: int | None = None
    running = -1
    on_stuck: Any = None

    async def async_execute_cell(self, cell, cell_index, execution_count=None,  # noqa: ANN001, ANN201
                                 store_history=True):
        """Run a cell; right after the extraction cell, read the dump back."""
        self.running = cell_index
        try:
            result = await super().async_execute_cell(cell, cell_index, execution_count,
                                                      store_history)
        finally:
            self.running = -1
        if cell_index == self.dump_index and self.dump_path:
            self.dump, self.dump_error = read_dump(self.dump_path)
        return result

    async def _async_handle_timeout(self, timeout, cell=None):  # noqa: ANN001, ANN202
        """Interrupt the cell (nbclient); if it is still running ``stuck_grace`` s later, kill."""
        index = self.running
        if self.stuck_cell is None and index >= 0:
            timer = threading.Timer(min(self.stuck_grace, float(timeout)), self._stuck,
                                    args=(index,))
            timer.daemon = True
            timer.start()
        return await super()._async_handle_timeout(timeout, cell)

    def _stuck(self, index: int) -> None:
        if self.running == index and self.stuck_cell is None:
            self.stuck_cell = index
            if self.on_stuck is not None:
                self.on_stuck(index)

    def output(self, outs, msg, display_id, cell_index):  # noqa: ANN001, ANN201 - nbclient API
        size = len(json.dumps(msg.get("content", {}), default=str))
        if self.stored + size > MAX_OUTPUT_BYTES:
            self.capped = True
            return None
        self.stored += size
        return super().output(outs, msg, display_id, cell_index)


def prelude_cell(name: str, enter: str = "") -> nbformat.NotebookNode:
    """The grader's first cell: capture the answer writer before any learner code runs.

    ``enter`` (:func:`smmlab.grading.kernels.enter_code`) first moves a kernel started
    ahead of time into this submission's folder and environment.
    """
    source = (
        (f"{enter}\n" if enter else "")
        + "from smmlab.grading.answers import make_dumper as _smmlab_make_dumper\n"
        f"{name} = _smmlab_make_dumper()\n"
        "del _smmlab_make_dumper"
    )
    return nbformat.v4.new_code_cell(source, metadata={"tags": ["smmlab-grader"]})


def extraction_cell(spec: dict[str, Any], answers_path: str,
                    name: str = "_smmlab_dump") -> nbformat.NotebookNode:
    """The grader's last cell: dump the named answers as plain data with the captured writer."""
    source = f"{name}(globals(), {json.dumps(spec)!r}, {answers_path!r})"
    return nbformat.v4.new_code_cell(source, metadata={"tags": ["smmlab-grader"]})


def read_dump(path: str) -> tuple[str | None, str]:
    """The dump's text, or ``(None, reason)`` when it is missing, odd, too big or not text.

    Examples
    --------
    >>> read_dump("/nonexistent/answers.json")
    (None, 'The answer file was not found.')
    """
    try:
        data = read_regular(path, limit=MAX_DUMP_BYTES, what=MESSAGES.text("what_dump"))
        return data.decode("utf-8"), ""
    except UnreadableFile as err:
        return None, str(err)
    except UnicodeDecodeError:
        return None, MESSAGES.text("read_failed", what=MESSAGES.text("what_dump"),
                                   detail="not UTF-8 text")


#: How many times a notebook is run again without a cell that would not stop when interrupted.
MAX_RERUNS = 3
#: What a skipped cell holds in the rerun (the learner's own notebook is never changed).
SKIPPED_CELL = "# smmlab: this cell did not stop when interrupted; it was skipped"


def run(job: dict[str, Any], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Execute the job's notebook; return the status record (also written to ``status_path``).

    ``env`` is the kernel's environment (the grader sets the learner's data folder
    there); by default the kernel inherits this process's environment.

    A cell that ignores its interrupt (or unwinds a deep recursion for minutes) has
    its kernel killed; the notebook is then run again from the start without that
    cell, within what is left of the budget, so the answers of every other cell
    still count (``status["killed_cells"]``).
    """
    source = nbformat.read(job["notebook"], as_version=4)
    budget = float(job["budget"])
    started = time.monotonic()
    killed: list[int] = []
    while True:
        nb = _prepared(source, job, skipped=killed)
        status, client = _run_once(nb, job, env, budget - (time.monotonic() - started))
        job = {**job, "kernel_manager": None}  # a warm kernel serves one run: reruns start anew
        stuck = client.stuck_cell
        if (stuck is None or status["status"] == "timeout" or len(killed) >= MAX_RERUNS
                or budget - (time.monotonic() - started) < 1.0):
            break
        killed.append(stuck - 1)  # cells are numbered without the grader's first cell
        Path(job["answers"]).unlink(missing_ok=True)
    if killed:
        status["killed_cells"] = killed
    status["seconds"] = round(time.monotonic() - started, 3)
    try:
        write_atomic(job["status_path"], json.dumps(status))
    except OSError as err:  # e.g. a folder in its place: the grader reports the missing status
        status.setdefault("status_write_error", str(err)[:200])
    return status


def _prepared(source: nbformat.NotebookNode, job: dict[str, Any], *,
              skipped: list[int]) -> nbformat.NotebookNode:
    """The notebook the kernel runs: the grader's first and last cells, skipped cells blanked."""
    nb = nbformat.from_dict(json.loads(json.dumps(source)))
    for index in skipped:
        if 0 <= index < len(nb.cells):
            nb.cells[index].source = SKIPPED_CELL
    writer = f"_smmlab_dump_{secrets.token_hex(8)}"
    nb.cells.insert(0, prelude_cell(writer, enter=job.get("enter", "")))
    nb.cells.append(extraction_cell(job["spec"], job["answers"], writer))
    return nb


def _run_once(nb: nbformat.NotebookNode, job: dict[str, Any], env: dict[str, str] | None,
              budget: float) -> tuple[dict[str, Any], CappedClient]:
    """One run of the prepared notebook in a fresh kernel: its status record, and the client."""
    client = CappedClient(
        nb,
        timeout=job["cell_timeout"],
        interrupt_on_timeout=True,
        allow_errors=True,
        kernel_name=job.get("kernel_name", "python3"),
        record_timing=False,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        resources={"metadata": {"path": str(job["workdir"])}},
    )
    if job.get("kernel_manager"):
        # A kernel started ahead (smmlab.grading.kernels): nbclient runs the notebook in it
        # and, owning it, shuts it down afterwards, as it does a kernel it starts itself.
        client.km = job["kernel_manager"]
    client.dump_path, client.dump_index = job["answers"], len(nb.cells) - 1
    client.on_stuck = lambda index: _kill(client, {})  # the status says why, below
    status: dict[str, Any] = {"status": "ok", "reason": "", "error_cells": [],
                              "timeout_cells": [], "capped": False}
    watchdog = threading.Timer(max(budget, 0.0), _kill, args=(client, status))
    watchdog.daemon = True
    watchdog.start()
    try:
        client.execute(**({"env": env} if env is not None else {}))
    except DeadKernelError as err:
        if client.stuck_cell is not None and status["status"] != "timeout":
            waited = float(job["cell_timeout"]) + min(client.stuck_grace,
                                                      float(job["cell_timeout"]))
            status.update(status="error", cell=client.stuck_cell - 1,
                          reason=MESSAGES.text("reason_cell_killed_last",
                                               cell=client.stuck_cell - 1, seconds=waited))
        elif status["status"] != "timeout":
            status.update(status="dead", reason=str(err)[:300],
                          cell=_current_cell(nb))
    except CellTimeoutError as err:  # only when interrupting did not help
        status.update(status="timeout", reason=str(err)[:300], cell=_current_cell(nb))
    except Exception as err:  # any other failure of the run itself
        if status["status"] == "ok":
            status.update(status="error", reason=f"{type(err).__name__}: {err}"[:300])
    finally:
        watchdog.cancel()
    status["capped"] = client.capped
    # Cells are numbered as in the notebook the grader prepared (without its own two cells).
    for index, cell in enumerate(nb.cells[1:-1]):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                bucket = "timeout_cells" if out.get("ename") == "KeyboardInterrupt" else (
                    "error_cells")
                status[bucket].append(index)
                break
    for out in nb.cells[-1].get("outputs", []):
        if out.get("output_type") == "error":
            status["extraction_error"] = f"{out.get('ename')}: {out.get('evalue')}"[:300]
            break
    status["answers"], status["answers_error"] = client.dump, client.dump_error
    return status, client


def _current_cell(nb: nbformat.NotebookNode) -> int:
    """Index of the last code cell that started running."""
    last = -1
    for index, cell in enumerate(nb.cells[1:]):  # (the grader's first cell is not counted)
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            last = index
    return last + 1


def _kill(client: NotebookClient, status: dict[str, Any]) -> None:
    """Out of time: kill the kernel process; nbclient then stops with a dead kernel."""
    status.update(status="timeout", reason="budget")
    provisioner = getattr(getattr(client, "km", None), "provisioner", None)
    process = getattr(provisioner, "process", None)
    pid = getattr(process, "pid", None) or getattr(provisioner, "pid", None)
    if pid:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:  # already gone
            pass


def main(argv: list[str] | None = None) -> int:
    """Entry point: ``python -m smmlab.grading.runner JOB.json``."""
    argv = sys.argv[1:] if argv is None else argv
    job = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    Path(argv[0]).unlink(missing_ok=True)  # the kernel must not learn the answer file's name
    run(job)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

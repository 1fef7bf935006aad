"""Run one prepared submission in a fresh kernel and save its answers as plain data.

The grader starts this module as a separate process for each submission
(``python -m smmlab.grading.runner JOB.json``), so a submission that kills its
kernel, loops forever or prints gigabytes only ever takes down its own worker.
Inside, nbclient runs the notebook with a per-cell timeout (interrupting the
cell and going on), a total time budget (after which the kernel is killed),
errors allowed (a broken cell does not hide later answers) and outputs capped.
A final cell, added by the grader, writes the answers to a JSON file.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

MAX_OUTPUT_BYTES = 5_000_000


class CappedClient(NotebookClient):
    """A NotebookClient that stops storing outputs after ``MAX_OUTPUT_BYTES``."""

    stored = 0
    capped = False

    def output(self, outs, msg, display_id, cell_index):  # noqa: ANN001, ANN201 - nbclient API
        size = len(json.dumps(msg.get("content", {}), default=str))
        if self.stored + size > MAX_OUTPUT_BYTES:
            self.capped = True
            return None
        self.stored += size
        return super().output(outs, msg, display_id, cell_index)


def extraction_cell(spec: dict[str, Any], answers_path: str) -> nbformat.NotebookNode:
    """The grader's last cell: dump the named answers as plain data."""
    source = (
        "from smmlab.grading.answers import dump_answers as _smmlab_dump\n"
        f"_smmlab_dump(globals(), __import__('json').loads({json.dumps(spec)!r}), "
        f"{answers_path!r})"
    )
    return nbformat.v4.new_code_cell(source, metadata={"tags": ["smmlab-grader"]})


def run(job: dict[str, Any], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Execute the job's notebook; return the status record (also written to ``status_path``).

    ``env`` is the kernel's environment (the grader sets the learner's data folder
    there); by default the kernel inherits this process's environment.
    """
    workdir = Path(job["workdir"])
    nb = nbformat.read(job["notebook"], as_version=4)
    nb.cells.append(extraction_cell(job["spec"], job["answers"]))
    client = CappedClient(
        nb,
        timeout=job["cell_timeout"],
        interrupt_on_timeout=True,
        allow_errors=True,
        kernel_name=job.get("kernel_name", "python3"),
        record_timing=False,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        resources={"metadata": {"path": str(workdir)}},
    )
    if job.get("kernel_manager"):
        client.km = job["kernel_manager"]
    status: dict[str, Any] = {"status": "ok", "reason": "", "error_cells": [],
                              "timeout_cells": [], "capped": False}
    budget = float(job["budget"])
    watchdog = threading.Timer(budget, _kill, args=(client, status))
    watchdog.daemon = True
    started = time.monotonic()
    watchdog.start()
    try:
        client.execute(**({"env": env} if env is not None else {}))
    except DeadKernelError as err:
        if status["status"] != "timeout":
            status.update(status="dead", reason=str(err)[:300],
                          cell=_current_cell(nb))
    except CellTimeoutError as err:  # only when interrupting did not help
        status.update(status="timeout", reason=str(err)[:300], cell=_current_cell(nb))
    except Exception as err:  # any other failure of the run itself
        if status["status"] == "ok":
            status.update(status="error", reason=f"{type(err).__name__}: {err}"[:300])
    finally:
        watchdog.cancel()
    status["seconds"] = round(time.monotonic() - started, 3)
    status["capped"] = client.capped
    for index, cell in enumerate(nb.cells[:-1]):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                bucket = "timeout_cells" if out.get("ename") == "KeyboardInterrupt" else (
                    "error_cells")
                status[bucket].append(index)
                break
    Path(job["status_path"]).write_text(json.dumps(status), encoding="utf-8")
    return status


def _current_cell(nb: nbformat.NotebookNode) -> int:
    """Index of the last code cell that started running."""
    last = -1
    for index, cell in enumerate(nb.cells):
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
    run(job)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Kernels started ahead of the submissions that will use them.

Starting a Jupyter kernel and importing pandas and matplotlib in it takes about a
second, the same for every submission, before any learner code runs. Without
``--sandbox`` the grader keeps that cost off the critical path: while one
submission runs, the kernel for the next one starts and imports the libraries
every lesson uses (:data:`PRELOAD`), on the machine's other core. A warm kernel
has run nothing but those imports; the grader's first cell then moves it to its
submission's folder and sets that submission's environment (:func:`enter_code`),
still before any learner code runs. Each kernel serves one submission and is
shut down after it.

Under ``--sandbox`` each submission's jail is built around its own folder, so
its kernel cannot be started before the submission is known: no warm kernels.

Examples
--------
>>> print(enter_code("/tmp/work", {"SMMLAB_DATA_DIR": "/tmp/work/data"}))
import os as _smmlab_os
_smmlab_os.chdir('/tmp/work')
_smmlab_os.environ.update({'SMMLAB_DATA_DIR': '/tmp/work/data'})
del _smmlab_os
"""

from __future__ import annotations

import queue
import tempfile
import threading
from collections.abc import Mapping
from typing import Any

#: What a warm kernel imports before it is handed a submission: what every lesson's first
#: cell and the grader's first cell import anyway.
PRELOAD = ("import pandas, numpy, matplotlib, matplotlib.pyplot\n"
           "import smmlab.grading.answers, smmlab.exercises.core")
#: Seconds a kernel may take to start and import :data:`PRELOAD`.
START_TIMEOUT = 120.0
#: The environment variables that differ between submissions: set by :func:`enter_code`.
PER_SUBMISSION = ("SMMLAB_DATA_DIR", "SMMLAB_HOME")


def enter_code(workdir: str, env: Mapping[str, str]) -> str:
    """The code that moves a warm kernel into its submission: folder and environment.

    Parameters
    ----------
    workdir : str
        The submission's scratch folder (the notebook's working folder).
    env : mapping
        The variables of :data:`PER_SUBMISSION` for this submission.

    Returns
    -------
    str
        Python source for the grader's first cell.
    """
    values = {k: str(env[k]) for k in PER_SUBMISSION if k in env}
    return ("import os as _smmlab_os\n"
            f"_smmlab_os.chdir({str(workdir)!r})\n"
            f"_smmlab_os.environ.update({values!r})\n"
            "del _smmlab_os")


class WarmKernels:
    """A few kernels started, with :data:`PRELOAD` imported, before they are needed.

    Parameters
    ----------
    size : int
        How many kernels to keep starting ahead (one per grading worker).
    env : mapping
        The kernels' environment, the same for every submission (the variables of
        :data:`PER_SUBMISSION` are set per submission by :func:`enter_code`).
    kernel_name : str, default="python3"
    limit : int, optional
        How many kernels will be needed in all (the batch's submissions): no more
        are started.

    Notes
    -----
    ``take()`` returns a started kernel manager, or None if warming failed (the
    caller then starts a kernel the usual way); the caller shuts it down after use.
    ``close()`` shuts down the kernels nobody took. Use it as a context manager.
    """

    def __init__(self, size: int, env: Mapping[str, str], kernel_name: str = "python3",
                 limit: int | None = None) -> None:
        self.env = {k: v for k, v in env.items() if k not in PER_SUBMISSION}
        self.kernel_name = kernel_name
        self._left = limit if limit is not None else -1  # kernels still to start; -1: no end
        self._lock = threading.Lock()
        self._ready: queue.Queue[Any] = queue.Queue()
        self._closed = threading.Event()
        self._folder = tempfile.TemporaryDirectory(prefix="smmlab-warm-")
        self._threads: list[threading.Thread] = []
        for _ in range(max(1, int(size))):
            self._warm()

    def _warm(self) -> None:
        with self._lock:
            if self._left == 0:
                return
            self._left -= 1
        thread = threading.Thread(target=self._start_one, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _start_one(self) -> None:
        import asyncio

        from jupyter_client import BlockingKernelClient
        from jupyter_client.manager import AsyncKernelManager

        km = None
        try:
            # nbclient drives kernels through an AsyncKernelManager (interrupts, shutdown)
            km = AsyncKernelManager(kernel_name=self.kernel_name)
            asyncio.run(km.start_kernel(env=dict(self.env), cwd=self._folder.name,
                                        extra_arguments=["--IPKernelApp.log_level=ERROR"]))
            client = BlockingKernelClient()
            client.load_connection_info(km.get_connection_info())
            client.start_channels()
            try:
                client.wait_for_ready(timeout=START_TIMEOUT)
                reply = client.execute_interactive(PRELOAD, timeout=START_TIMEOUT,
                                                   output_hook=lambda msg: None)
                if reply["content"].get("status") != "ok":
                    raise RuntimeError("the warm kernel could not import its libraries")
            finally:
                client.stop_channels()
        except Exception:  # warming is an optimisation: a kernel that fails is not used
            _shutdown(km)
            km = None
        if self._closed.is_set():
            _shutdown(km)
        else:
            self._ready.put(km)

    def take(self) -> Any:
        """A warm kernel manager (or None), and the next one starts warming at once."""
        if self._closed.is_set() or (self._left == 0 and self._ready.empty()
                                      and not any(t.is_alive() for t in self._threads)):
            return None
        try:
            km = self._ready.get(timeout=START_TIMEOUT + 10)
        except queue.Empty:
            return None
        self._warm()
        return km

    def close(self) -> None:
        """Shut down every kernel nobody took."""
        self._closed.set()
        for thread in self._threads:
            thread.join(timeout=START_TIMEOUT + 10)
        while not self._ready.empty():
            _shutdown(self._ready.get_nowait())
        self._folder.cleanup()

    def __enter__(self) -> WarmKernels:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _shutdown(km: Any) -> None:
    """Stop a kernel now, whatever state it is in: kill its process, remove its files.

    The kernel manager was started in another thread's event loop, so its own async
    shutdown cannot always run here; killing the process is what ``now=True`` does anyway.
    """
    if km is None:
        return
    import os
    import signal

    provisioner = getattr(km, "provisioner", None)
    process = getattr(provisioner, "process", None)
    pid = getattr(process, "pid", None)
    if pid:
        try:
            os.kill(pid, signal.SIGKILL)
            process.wait(timeout=10)
        except Exception:  # already gone
            pass
    try:
        km.cleanup_connection_file()
    except Exception:  # nothing to remove
        pass


__all__ = ["PER_SUBMISSION", "PRELOAD", "WarmKernels", "enter_code"]

"""Grade a batch on Dask workers: one task per submission, resumable, crash-tolerant.

``smmlab grade ... --dask`` starts a :class:`dask.distributed.LocalCluster` on
this machine (``--workers`` worker processes, one thread each);
``smmlab grade ... --scheduler tcp://HOST:PORT`` sends the work to a running
Dask cluster (one started by dask-kubernetes, dask-jobqueue or
``dask scheduler`` / ``dask worker``: see the instructors' guide).

How it works:

1. The grader's own process reads each submission (as local grading does)
   and looks it up in the results folder's cache (:mod:`.resume`): a
   submission whose bytes, lesson, learner and limits are unchanged is not
   graded again. A batch interrupted at 2,000 of 5,000 resumes at 2,001.
2. Each other submission becomes one Dask task carrying the notebook's bytes
   (workers need no shared file system, only smmlab installed). The worker
   runs :func:`smmlab.grading.grader.grade_one` on it, exactly as local
   grading does, and sends back the grade. The checks run on the worker,
   against the learner's data rebuilt there from their id.
3. A task whose worker dies (a learner's code killing it, the machine lost)
   is submitted once more; if it fails again, the submission gets an error
   row saying so. The batch always completes. No more tasks are in flight
   than the cluster has worker threads (one while it has none), so a dying
   worker takes down only the submission it was grading. An adaptive cluster
   therefore does not grow on its own: give it its size (``cluster.scale``).
   Every grade is cached as soon as it arrives, error rows of the machinery
   excepted (the next run retries them).

The result files are the same, byte for byte, as local grading's (the
``seconds`` column apart: it changes from run to run anyway).

On a cluster this module started (``--dask``), the scheduler gives up on a
task at its first dead worker (``distributed.scheduler.allowed-failures: 0``)
so that a crashing submission runs exactly twice, and sends a worker no more
tasks than it has threads (``distributed.scheduler.worker-saturation: 1.0``):
a task queued on a worker that dies would fail with it, through no fault of
its own. A cluster of your own keeps its scheduler's settings (Dask's default
retries a task 3 times, then this module once more): set both in its Dask
configuration (:data:`CLUSTER_CONFIG`) for the same behaviour.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smmlab._messages import Catalog
from smmlab._random import secret_fingerprint
from smmlab.exercises.core import Lesson
from smmlab.grading._messages import MESSAGES as GRADING
from smmlab.grading._read import UnreadableFile, read_regular
from smmlab.grading.resume import Cache, key

if TYPE_CHECKING:  # pragma: no cover
    from smmlab.grading.grader import Graded
    from smmlab.grading.roster import Learner, Placement

LOCAL = "local"
SCHEMES = ("tcp", "tls", "ucx", "ws", "wss", "inproc")
_ADDRESS = re.compile(rf"^({'|'.join(SCHEMES)})://\S+$")
CONNECT_TIMEOUT = 30.0  # seconds to reach a scheduler given by address
#: The Dask settings of a cluster started by ``--dask`` (advised for a cluster of your own).
CLUSTER_CONFIG = {"distributed.scheduler.allowed-failures": 0,
                  "distributed.scheduler.worker-saturation": 1.0}

MESSAGES = Catalog(
    {
        "en": {
            "bad_scheduler": (
                "scheduler must be {local!r} (start a Dask LocalCluster on this machine) or a "
                "Dask scheduler address such as 'tcp://10.0.0.5:8786' (schemes: {schemes}); "
                "got {value!r}."
            ),
            "no_dask": (
                "Grading on Dask needs dask.distributed, which is not installed. Install it "
                "with: pip install 'smmlab[dask]'  ({detail})"
            ),
            "no_scheduler": (
                "Could not reach the Dask scheduler at {address} (--scheduler) within "
                "{seconds:.0f} s: {detail}. Is the scheduler running, and is the address "
                "reachable from this machine?"
            ),
            "reason_worker_failed": (
                "The Dask worker grading this file failed twice (first: {first}; then: "
                "{second}). Grade it again (smmlab grade re-runs only what failed), or "
                "locally without --dask/--scheduler."
            ),
        }
    }
)


def check_scheduler(value: str) -> str:
    """``value`` if it names a scheduler this module can use, else a ``ValueError``.

    Examples
    --------
    >>> check_scheduler("tcp://127.0.0.1:8786"), check_scheduler("local")
    ('tcp://127.0.0.1:8786', 'local')
    >>> check_scheduler("127.0.0.1:8786")
    Traceback (most recent call last):
    ...
    ValueError: scheduler must be 'local' (start a Dask LocalCluster on this machine) or a \
Dask scheduler address such as 'tcp://10.0.0.5:8786' (schemes: tcp, tls, ucx, ws, wss, inproc); \
got '127.0.0.1:8786'.
    """
    if isinstance(value, str) and (value == LOCAL or _ADDRESS.match(value)):
        return value
    raise ValueError(MESSAGES.text("bad_scheduler", local=LOCAL, schemes=", ".join(SCHEMES),
                                   value=value))


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as err:
        raise ImportError(MESSAGES.text("no_dask", detail=err)) from None
    return distributed


@contextlib.contextmanager
def client_for(scheduler: str, workers: int = 2) -> Iterator[Any]:
    """A ``distributed.Client`` on ``scheduler`` (``"local"``: a new LocalCluster of ``workers``).

    Examples
    --------
    >>> with client_for("local", workers=1) as client:  # doctest: +SKIP
    ...     client.submit(sum, [1, 2]).result()
    3
    """
    scheduler = check_scheduler(scheduler)
    distributed = _import_distributed()
    import dask

    if scheduler == LOCAL:
        # A crashed worker fails its task at once (this module retries it exactly once), and
        # holds no queued task but the one it runs (no bystander fails with it).
        with dask.config.set(CLUSTER_CONFIG), \
                distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                         processes=True, dashboard_address=":0") as cluster, \
                distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as err:
        raise ConnectionError(MESSAGES.text("no_scheduler", address=scheduler,
                                            seconds=CONNECT_TIMEOUT, detail=err)) from None
    with client:
        yield client


@functools.lru_cache(maxsize=16)
def _lesson(number: str) -> tuple[Lesson, Any]:
    """The lesson and its reference notebook, built once per worker process."""
    import nbformat

    from smmlab.exercises.build import build_forms
    from smmlab.grading.grader import load_lesson

    lesson = load_lesson(number)
    return lesson, build_forms(nbformat.read(lesson.source, as_version=4))[0]


def grade_bytes(raw: bytes, name: str, learner: Learner | None, lesson: str, *,
                cell_timeout: float, budget: float, sandbox: bool,
                secret: bytes | None = None) -> Graded:
    """Grade one submission from its bytes (the task each Dask worker runs).

    The notebook is written to a private temporary folder under its own file
    name and graded there by :func:`~smmlab.grading.grader.grade_one`; the
    folder is removed afterwards. The grade's ``file`` is that temporary
    path: the caller sets it back to the submission's own. ``secret`` (a keyed
    workshop's) travels with the task, so that the worker rebuilds the learner's brand.

    Examples
    --------
    >>> g = grade_bytes(b"not a notebook", "ada.ipynb", None, "00", cell_timeout=30,
    ...                 budget=300, sandbox=False)
    >>> g.learner_id, g.status, g.total
    ('ada', 'not a readable notebook', 0.0)
    """
    from smmlab.grading.grader import grade_one

    the_lesson, reference = _lesson(lesson)
    folder = Path(tempfile.mkdtemp(prefix="smmlab-dask-"))
    try:
        path = folder / Path(name).name
        path.write_bytes(raw)
        return grade_one(path, learner, the_lesson, reference, cell_timeout=cell_timeout,
                         budget=budget, sandbox=sandbox, secret=secret)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _failed(path: Path, learner: Learner | None, lesson: Lesson, first: str,
            second: str) -> Graded:
    """The error row of a submission whose worker failed twice."""
    from smmlab.grading.grader import Graded, shorten
    from smmlab.grading.roster import Learner as Who

    who = learner or Who(path.stem, path.stem, "")
    max_points = {e.name: e.points for e in lesson.exercises.values()}
    return Graded(who.learner_id, who.name, who.email, str(path),
                  GRADING.text("status_error"),
                  MESSAGES.text("reason_worker_failed", first=shorten(first, 120),
                                second=shorten(second, 120)),
                  0.0, [], dict.fromkeys(max_points, 0.0), max_points)


def _describe_error(err: BaseException) -> str:
    return f"{type(err).__name__}: {err}".strip().rstrip(":")


def grade_on_dask(
    placements: Sequence[Placement],
    lesson: Lesson,
    *,
    out: Path,
    scheduler: str,
    workers: int = 2,
    cell_timeout: float,
    budget: float,
    sandbox: bool = False,
    secret: bytes | None = None,
    task: Callable[..., Graded] = grade_bytes,
) -> Iterator[tuple[Placement, Graded]]:
    """Grade ``placements`` on Dask; yield ``(placement, grade)`` as each one is known.

    Parameters
    ----------
    placements : sequence of Placement
        The submissions to grade (each with its file and learner), from
        :func:`smmlab.grading.roster.assign`.
    lesson : Lesson
        The lesson they submit.
    out : Path
        The results folder: per-submission grades are cached in it
        (:mod:`.resume`) and read back on a re-run.
    scheduler : str
        ``"local"`` (a LocalCluster of ``workers`` processes) or a scheduler
        address such as ``"tcp://10.0.0.5:8786"``.
    workers : int, default=2
        Worker processes of the LocalCluster (ignored with an address).
    cell_timeout, budget : float
        Seconds per cell and per notebook, as in local grading.
    sandbox : bool, default=False
        Run each kernel under bubblewrap on its worker.
    secret : bytes or None, default=None
        A keyed workshop's secret: sent with each task (the worker rebuilds the learner's
        brand from it), so use a cluster you trust, over TLS when it is remote. The cache
        keys name its fingerprint: a re-run with another secret grades again.
    task : callable, default=grade_bytes
        What each worker runs (tests replace it).

    Yields
    ------
    tuple of (Placement, Graded)
        In the order grades arrive (cached ones first). The grader sorts them.

    Examples
    --------
    >>> list(grade_on_dask([], None, out=Path("."), scheduler="local", cell_timeout=30,
    ...                    budget=300))
    []
    """
    from smmlab.grading.grader import MAX_NOTEBOOK_BYTES, grade_one

    scheduler = check_scheduler(scheduler)
    cache = Cache(out)
    options = {"cell_timeout": cell_timeout, "budget": budget, "sandbox": sandbox,
               "secret": None if secret is None else secret_fingerprint(secret)}
    def read(placement: Placement) -> bytes | None:
        try:  # exactly what grade_one reads: a regular file of a sane size
            return read_regular(placement.file.path, limit=MAX_NOTEBOOK_BYTES,
                                what=GRADING.text("what_notebook"))
        except UnreadableFile:
            return None

    def here(placement: Placement) -> Graded:
        """An unreadable file, graded here: it fails at once, with local grading's message."""
        _, reference = _lesson(lesson.number)
        return grade_one(placement.file.path, placement.learner, lesson, reference,
                         cell_timeout=cell_timeout, budget=budget, sandbox=sandbox,
                         secret=secret)

    def name_of(raw: bytes, placement: Placement) -> str:
        # The file's name too: without a roster, the learner is named after it.
        return key(raw, lesson.number, placement.learner, file=placement.file.path.name,
                   **options)

    pending = []
    for placement in placements:
        raw = read(placement)
        if raw is None:
            yield placement, here(placement)
            continue
        cached = cache.get(name_of(raw, placement), str(placement.file.path))
        if cached is not None:
            yield placement, cached
        else:
            pending.append(placement)
    if not pending:
        return
    distributed = _import_distributed()
    with client_for(scheduler, workers) as client:
        # At most one task in flight per worker thread: a task waiting on a worker that dies
        # would fail with it through no fault of its own (and use up its one retry). Only the
        # notebooks in flight are held in memory: each is read again when its turn comes.
        waiting = collections.deque((placement, 0, "") for placement in pending)
        jobs: dict[Any, tuple[Placement, str, int, str]] = {}
        ready: list[tuple[Placement, Graded]] = []
        queue = distributed.as_completed()

        def fill() -> None:
            # (While a dead worker restarts there may be none: one task, no bystander.)
            threads = max(1, sum(client.nthreads().values()))
            while waiting and len(jobs) < threads:
                placement, attempt, first = waiting.popleft()
                raw = read(placement)
                if raw is None:  # gone or changed into something unreadable meanwhile
                    ready.append((placement, here(placement)))
                    continue
                name = name_of(raw, placement)
                future = client.submit(task, raw, placement.file.path.name, placement.learner,
                                       lesson.number, cell_timeout=cell_timeout, budget=budget,
                                       sandbox=sandbox, secret=secret,
                                       key=f"smmlab-grade-{name}-{attempt}",
                                       pure=False, retries=0)
                jobs[future] = (placement, name, attempt, first)
                queue.add(future)

        fill()
        yield from ready
        ready.clear()
        for future in queue:
            placement, name, attempt, first = jobs.pop(future)
            try:
                graded = future.result()
            except Exception as err:  # noqa: BLE001 - a dead worker, a task that raised
                future.release()
                if attempt == 0:
                    waiting.appendleft((placement, 1, _describe_error(err)))
                else:
                    ready.append((placement, _failed(placement.file.path, placement.learner,
                                                     lesson, first, _describe_error(err))))
            else:
                future.release()
                graded.file = str(placement.file.path)
                cache.put(name, graded)
                ready.append((placement, graded))
            fill()
            yield from ready
            ready.clear()


__all__ = ["LOCAL", "check_scheduler", "client_for", "grade_bytes", "grade_on_dask"]

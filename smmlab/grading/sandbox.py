"""Isolation for ``smmlab grade --sandbox``: each worker and its kernel in a bubblewrap jail.

What the jail holds (see ``instructors/README.md``, "Security"):

- **Only what the notebook needs is visible.** A fresh, empty root with, read
  only, the system's programs and libraries (``/usr`` and its links), the few
  files of ``/etc`` programs read (no ``shadow``, no keys), the Python the
  grader runs and the smmlab package; read-write, the submission's own scratch
  folder. ``/home``, ``/root``, ``/tmp``, the instructor's keys, the roster,
  ``--out`` and every other submission are simply not there.
- **No privileges.** Run by root, the worker is switched to a user of its own
  (a high, unused uid per running submission) with no capabilities, no
  supplementary groups and ``no_new_privs``: it cannot remount, ``chown``,
  ``ptrace`` or read root's files. bubblewrap keeps only ``CAP_SETUID`` and
  ``CAP_SETGID`` for that switch (``--cap-drop ALL --cap-add ...``). Run by
  anyone else, the worker gets a fresh user namespace (``--unshare-user``) with
  every capability dropped.
- **No network, own processes**: new network, PID, IPC and UTS namespaces;
  the jail dies with the grader.
- **A clean environment**: an allow-list (``PATH``, ``LANG``, ``HOME`` in the
  scratch folder, the ``SMMLAB_*`` values the grader sets, the Jupyter and
  matplotlib folders in the scratch folder); every other variable of the
  grader's environment, its secrets included, stays out.
- **Limits** on every process of the submission (:class:`Limits`): address
  space (a 2 GB allocation fails), process count (a fork bomb stops at the
  limit: per uid, so it needs root's own uid per submission or, for other
  users, counts their other processes too), CPU seconds, file size, open
  files. Wall time is the grader's (the kernel is killed at its budget).

Examples
--------
>>> Limits().memory_bytes >= 1 << 30
True
"""

from __future__ import annotations

import dataclasses
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from smmlab._messages import Catalog
from smmlab.grading._messages import MESSAGES

TEXT = Catalog(
    {
        "en": {
            "unprotected": (
                "WARNING: grading without --sandbox: learners' code runs with your privileges "
                "(it can read your files, your environment and use the network)."
            ),
            "cannot_start": (
                "--sandbox: bubblewrap could not start a sandbox here ({detail}). Without it, "
                "learners' code would run with your privileges: grade on a throwaway machine "
                "or container, or allow user namespaces."
            ),
        }
    }
)

#: The first uid given to sandboxed workers when the grader runs as root (one per worker).
BASE_UID = 1_900_000_000
#: Files of /etc a Python kernel may read; nothing else of /etc is visible.
ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "timezone", "fonts",
             "passwd", "group", "nsswitch.conf", "hosts", "host.conf", "alternatives",
             "mime.types", "matplotlibrc", "ssl/openssl.cnf")
#: Environment variables the grader sets for the kernel and that pass into the jail.
ALLOWED_ENV = ("SMMLAB_DATA_DIR", "SMMLAB_HOME", "SMMLAB_GRADING", "SMMLAB_LANG", "MPLBACKEND",
               "PYTHONDONTWRITEBYTECODE", "JUPYTER_RUNTIME_DIR", "JUPYTER_DATA_DIR",
               "IPYTHONDIR", "MPLCONFIGDIR", "TMPDIR", "LANG", "LC_ALL", "TZ")


@dataclasses.dataclass(frozen=True)
class Limits:
    """Resource limits on every process of one sandboxed submission.

    Parameters
    ----------
    memory_bytes : int
        Address space of each process (``RLIMIT_AS``). A kernel with pandas
        and matplotlib loaded maps about 0.9 GB; the default leaves room for
        the course's work and refuses a 2 GB allocation.
    processes : int
        Processes and threads of the submission's user (``RLIMIT_NPROC``);
        a kernel needs about 15, the worker about 10.
    cpu_seconds : int
        CPU time of each process (``RLIMIT_CPU``), a backstop to the wall-time
        budget the grader enforces.
    file_bytes : int
        Size of any file written (``RLIMIT_FSIZE``).
    open_files : int
        Open files of each process (``RLIMIT_NOFILE``).

    Examples
    --------
    >>> Limits(processes=32).processes
    32
    """

    memory_bytes: int = 1536 << 20
    processes: int = 96
    cpu_seconds: int = 3600
    file_bytes: int = 256 << 20
    open_files: int = 256

    def rlimits(self) -> dict[int, int]:
        """The limits as ``{resource.RLIMIT_*: value}``."""
        return {resource.RLIMIT_AS: self.memory_bytes, resource.RLIMIT_NPROC: self.processes,
                resource.RLIMIT_CPU: self.cpu_seconds, resource.RLIMIT_FSIZE: self.file_bytes,
                resource.RLIMIT_NOFILE: self.open_files}


def require() -> str:
    """The path of ``bwrap``; a clear error if bubblewrap is not installed.

    Examples
    --------
    >>> try:
    ...     isinstance(require(), str)
    ... except FileNotFoundError:
    ...     True
    True
    """
    path = shutil.which("bwrap")
    if not path:
        raise FileNotFoundError(MESSAGES.text("bwrap_missing"))
    return path


_PROBED: list[str] = []


def probe() -> None:
    """Start one empty jail (once per process); a clear error if bubblewrap cannot.

    Raises
    ------
    FileNotFoundError
        bubblewrap is not installed.
    RuntimeError
        It is, but cannot make a sandbox here (user namespaces disallowed...).
    """
    require()
    if _PROBED:
        return
    with tempfile.TemporaryDirectory(prefix="smmlab-probe-") as scratch:
        code = run([sys.executable, "-c", "pass"], Path(scratch), {}, timeout=60)
    if code != 0:
        raise RuntimeError(TEXT.text("cannot_start", detail=f"exit status {code}"))
    _PROBED.append("ok")


def warning() -> str:
    """The sentence the CLI prints first when grading without ``--sandbox``.

    Examples
    --------
    >>> "your privileges" in warning()
    True
    """
    return TEXT.text("unprotected")


# --- which uid each running submission gets (root only) -------------------------------------

_SLOTS_LOCK = threading.Lock()
_SLOTS_USED: set[int] = set()


@contextmanager
def _slot() -> Iterator[int]:
    with _SLOTS_LOCK:
        slot = next(i for i in range(10_000) if i not in _SLOTS_USED)
        _SLOTS_USED.add(slot)
    try:
        yield slot
    finally:
        with _SLOTS_LOCK:
            _SLOTS_USED.discard(slot)


def _give(folder: Path, uid: int) -> None:
    """Make ``folder`` (and everything in it) the sandbox user's."""
    os.chown(folder, uid, uid)
    os.chmod(folder, 0o711)  # bubblewrap, root without capabilities, must enter it
    for parent, dirs, files in os.walk(folder):
        for name in dirs + files:
            os.chown(os.path.join(parent, name), uid, uid, follow_symlinks=False)


def _own_processes() -> int:
    """How many processes and threads this user runs now (``RLIMIT_NPROC`` counts them)."""
    uid, count = os.getuid(), 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry.name}/task"))
            except OSError:
                continue
    return count


# --- the jail ---------------------------------------------------------------------------------

def visible_paths() -> list[Path]:
    """The folders bound read-only besides the system: this Python and the smmlab package.

    Examples
    --------
    >>> Path(sys.base_prefix) in visible_paths()
    True
    """
    import smmlab

    paths = [Path(sys.base_prefix), Path(sys.base_exec_prefix), Path(sys.prefix),
             Path(sys.exec_prefix), Path(smmlab.__file__).resolve().parent,
             Path(sys.executable).resolve().parent]
    for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep):
        if entry and Path(entry).is_dir():
            paths.append(Path(entry).resolve())
    out: list[Path] = []
    for path in paths:
        if path not in out and path != Path("/"):
            out.append(path)
    return out


def clean_env(env: Mapping[str, str], workdir: Path) -> dict[str, str]:
    """The jail's environment: the allow-list of ``env``, and ``HOME``, ``PATH`` of its own.

    Examples
    --------
    >>> sorted(clean_env({"SMMLAB_DATA_DIR": "/w/data", "AWS_SECRET": "x"}, Path("/w")))
    ['HOME', 'LANG', 'MALLOC_ARENA_MAX', 'PATH', 'PYTHONNOUSERSITE', 'SMMLAB_DATA_DIR', \
'TMPDIR']
    """
    out = {k: str(env[k]) for k in ALLOWED_ENV if k in env}
    bin_dirs = [str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]
    out.update(PATH=os.pathsep.join(dict.fromkeys(bin_dirs)), HOME=str(workdir / "home"),
               PYTHONNOUSERSITE="1", MALLOC_ARENA_MAX="2")
    out.setdefault("LANG", "C.UTF-8")
    out.setdefault("TMPDIR", str(workdir / "tmp"))
    if os.environ.get("PYTHONPATH"):
        out["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return out


def wrap(command: Sequence[str], workdir: Path, *, uid: int | None = None,
         limits: Limits | None = None, extra_processes: int = 0) -> list[str]:
    """``command`` as the jail runs it: bubblewrap, then the privilege drop, then ``command``.

    Parameters
    ----------
    command : sequence of str
        What to run inside (the grading worker).
    workdir : Path
        The submission's scratch folder: the only writable place.
    uid : int or None
        Root only: the uid the command runs as (see :data:`BASE_UID`).
    limits : Limits or None
        Resource limits (default :class:`Limits`).
    extra_processes : int
        Added to the process limit (a non-root user's processes outside the
        jail count against it too).

    Examples
    --------
    >>> argv = wrap(["python"], Path("/tmp/x"), uid=None) if shutil.which("bwrap") else []
    >>> not argv or ("--unshare-net" in argv and argv[-1] == "python")
    True
    """
    limits = limits or Limits()
    argv = [require(), "--die-with-parent", "--new-session", "--unshare-net", "--unshare-pid",
            "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "sandbox"]
    if uid is None:
        argv += ["--unshare-user", "--cap-drop", "ALL"]
    else:  # root: keep only what the drop to ``uid`` needs; the drop clears those too
        argv += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    for top in ("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/") / top
        if path.is_symlink():
            argv += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            argv += ["--ro-bind", str(path), str(path)]
    argv += ["--perms", "0755", "--dir", "/etc"]
    for name in ETC_FILES:
        argv += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    argv += ["--dev", "/dev", "--proc", "/proc", "--perms", "01777", "--tmpfs", "/tmp"]
    visible = visible_paths()
    made: set[Path] = set()
    for path in [*visible, workdir]:  # their folders, open to the jail's user (not 0700)
        for parent in reversed(path.parents[:-1]):
            if parent not in made and str(parent) not in ("/tmp", "/usr"):
                argv += ["--perms", "0755", "--dir", str(parent)]
                made.add(parent)
    for path in visible:
        argv += ["--ro-bind-try", str(path), str(path)]
    argv += ["--bind", str(workdir), str(workdir), "--chdir", str(workdir)]
    drop = [sys.executable, "-m", "smmlab.grading.sandbox", "--limits",
            ",".join(str(v) for v in (limits.memory_bytes, limits.processes + extra_processes,
                                      limits.cpu_seconds, limits.file_bytes, limits.open_files))]
    if uid is not None:
        drop += ["--uid", str(uid)]
    return [*argv, *drop, "--", *command]


def run(command: Sequence[str], workdir: Path, env: Mapping[str, str], *, timeout: float,
        limits: Limits | None = None) -> int | None:
    """Run ``command`` in the jail with the clean environment; None if it ran out of time.

    As root, the scratch folder is handed to a uid of its own for the run
    (the grader, root, still reads and removes it afterwards). On timeout
    every process of the jail is killed.

    Examples
    --------
    >>> import tempfile
    >>> if shutil.which("bwrap"):
    ...     code = run(["true"], Path(tempfile.mkdtemp()), {}, timeout=30)
    ... else:
    ...     code = 0
    >>> code
    0
    """
    with _slot() as slot:
        uid = None
        extra = 0
        if os.geteuid() == 0:
            uid = BASE_UID + slot
            try:
                _give(workdir, uid)
            except OSError:  # a uid namespace without that range: the shared "nobody"
                uid = 65534
                _give(workdir, uid)
        else:
            extra = _own_processes()
        argv = wrap(command, workdir, uid=uid, limits=limits, extra_processes=extra)
        with tempfile.TemporaryFile() as errors:  # the grader's, out of the jail's reach
            process = subprocess.Popen(argv, env=clean_env(env, workdir), cwd=workdir,
                                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=errors, start_new_session=True)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                return None
            finally:
                _kill_group(process)
            errors.seek(0)
            err = errors.read(300)
        if process.returncode != 0 and err.startswith(b"bwrap:"):
            raise RuntimeError(TEXT.text("cannot_start", detail=err.decode(errors="replace")
                                         .strip().splitlines()[0][:200]))
        return process.returncode


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, 9)
    except OSError:  # already gone
        pass
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()


def _drop(uid: int | None, limits: Sequence[int]) -> None:
    """Inside the jail, before the worker starts: limits, then (root) a user of its own."""
    names = (resource.RLIMIT_AS, resource.RLIMIT_NPROC, resource.RLIMIT_CPU,
             resource.RLIMIT_FSIZE, resource.RLIMIT_NOFILE)
    for name, value in zip(names, limits, strict=True):
        soft, hard = resource.getrlimit(name)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(name, (value, value))
    if uid is not None:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)  # from root to another uid: every capability is cleared
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_no_new_privs = 38
    if libc.prctl(pr_set_no_new_privs, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m smmlab.grading.sandbox --limits A,N,C,F,O [--uid U] -- COMMAND...``."""
    args = list(sys.argv[1:] if argv is None else argv)
    split = args.index("--")
    options, command = args[:split], args[split + 1:]
    limits = [int(v) for v in options[options.index("--limits") + 1].split(",")]
    uid = int(options[options.index("--uid") + 1]) if "--uid" in options else None
    _drop(uid, limits)
    os.execvp(command[0], command)
    return 1  # pragma: no cover - execvp does not return


if __name__ == "__main__":
    raise SystemExit(main())

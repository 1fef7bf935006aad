"""Optional isolation: run each grading worker (and its kernel) under bubblewrap.

Without a sandbox a learner's code runs with the grader's privileges: it can
read the instructor's files and use the network. ``--sandbox`` wraps each
worker in ``bwrap`` with no network, the whole system read-only (``/tmp``
included: the course may be installed there) and only the submission's own
temporary folder writable; ``TMPDIR`` points inside it.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from smmlab.grading._messages import MESSAGES


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


def wrap(command: Sequence[str], workdir: Path) -> list[str]:
    """``command`` run under bubblewrap with only ``workdir`` writable and no network.

    Examples
    --------
    >>> wrap(["python"], Path("/tmp/x"))[-1] if shutil.which("bwrap") else "python"
    'python'
    """
    return [
        require(),
        "--ro-bind", "/", "/",
        "--dev", "/dev",
        "--proc", "/proc",
        "--bind", str(workdir), str(workdir),
        "--unshare-net",
        "--unshare-pid",
        "--die-with-parent",
        "--new-session",
        "--chdir", str(workdir),
        *command,
    ]

"""Reading what comes back from a submission: regular files only, never more than a limit.

A learner controls the folder their notebook runs in, and on a shared drive
the folder their notebook is collected from. Whatever is found at a path the
grader reads (the notebook, the answer dump, the worker's status) may be a
symbolic link to a secret, a named pipe that never answers, a device that
never ends, a folder, or a file of gigabytes. :func:`read_regular` opens it
without following a final symbolic link and without blocking
(``O_NOFOLLOW | O_NONBLOCK``), checks with ``fstat`` that what it opened is a
regular file, and reads at most ``limit`` bytes; anything else is an
:class:`UnreadableFile` whose message says why, for the gradebook.
"""

from __future__ import annotations

import os
import stat

from smmlab.grading._messages import MESSAGES

_KINDS = (
    (stat.S_ISDIR, "kind_directory"),
    (stat.S_ISFIFO, "kind_fifo"),
    (stat.S_ISLNK, "kind_link"),
    (stat.S_ISCHR, "kind_device"),
    (stat.S_ISBLK, "kind_device"),
    (stat.S_ISSOCK, "kind_socket"),
)


class UnreadableFile(ValueError):
    """A path that is not a regular file, is too large, or cannot be opened."""


def describe_kind(mode: int) -> str:
    """What a file mode is, in words ("a folder", "a named pipe"...).

    Examples
    --------
    >>> describe_kind(stat.S_IFIFO)
    'a named pipe'
    """
    for test, key in _KINDS:
        if test(mode):
            return MESSAGES.text(key)
    return MESSAGES.text("kind_other")


def read_regular(path: str | os.PathLike[str], *, limit: int, what: str) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Parameters
    ----------
    path : path
        The file to read. A symbolic link is refused (not followed), and so
        is anything that is not a regular file; opening never blocks.
    limit : int
        The largest size accepted, in bytes.
    what : str
        How the file is named in the error message ("The notebook"...).

    Raises
    ------
    UnreadableFile
        Missing, not a regular file, larger than ``limit``, or unreadable.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("hello")
    >>> read_regular(folder / "a.txt", limit=10, what="The file")
    b'hello'
    >>> try:
    ...     read_regular(folder / "a.txt", limit=3, what="The file")
    ... except UnreadableFile as err:
    ...     print(err)
    The file is larger than 3 bytes and was not read.
    >>> os.mkfifo(folder / "pipe")
    >>> try:
    ...     read_regular(folder / "pipe", limit=10, what="The file")
    ... except UnreadableFile as err:
    ...     print(err)
    The file is not a regular file (it is a named pipe) and was not read.
    """
    if not isinstance(limit, int) or limit < 0:
        raise ValueError(f"limit must be a whole number of bytes >= 0, got {limit!r}")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableFile(MESSAGES.text("read_missing", what=what)) from None
    except OSError as err:
        try:  # ELOOP: the last part is a symbolic link (O_NOFOLLOW)
            mode = os.lstat(path).st_mode
        except OSError:
            mode = 0
        if mode and not stat.S_ISREG(mode):
            raise UnreadableFile(MESSAGES.text("read_not_regular", what=what,
                                               kind=describe_kind(mode))) from None
        raise UnreadableFile(MESSAGES.text("read_failed", what=what,
                                           detail=err.strerror or type(err).__name__)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(MESSAGES.text("read_not_regular", what=what,
                                               kind=describe_kind(info.st_mode)))
        if info.st_size > limit:
            raise UnreadableFile(MESSAGES.text("read_too_large", what=what, limit=_size(limit)))
        chunks = []
        size = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew while being read
                raise UnreadableFile(MESSAGES.text("read_too_large", what=what,
                                                   limit=_size(limit)))
        return b"".join(chunks)
    except OSError as err:
        raise UnreadableFile(MESSAGES.text("read_failed", what=what,
                                           detail=err.strerror or type(err).__name__)) from None
    finally:
        os.close(fd)


def _size(limit: int) -> str:
    """A byte count in words: ``"3 bytes"``, ``"20 MB"``."""
    if limit >= 1_000_000:
        return f"{limit / 1_000_000:g} MB"
    return f"{limit} bytes"


__all__ = ["UnreadableFile", "describe_kind", "read_regular"]

"""Writing files so that nobody ever sees half of one: a temporary file, then a rename.

This is smmlab's one atomic-write helper; every module that writes a file for
people to open (course data, notebooks, reports, slides, gradebooks, progress)
goes through :func:`write_atomic`.

File modes follow the umask, as ``open()`` and ``mkdir`` do: a new file is
``0o666 & ~umask`` and a new folder ``0o777 & ~umask`` (``0o644`` and ``0o755``
with the usual umask ``022``), so on a shared server (JupyterHub) other users
can read course files when the umask says so. The umask is never read or set:
the temporary file is created with ``os.open(..., 0o666)`` and the folder with
``os.mkdir(..., 0o777)``, and the operating system applies the umask. Setting
and restoring it with ``os.umask()`` would change it for every thread of the
process meanwhile.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = write_atomic(Path(tmp) / "sub" / "a.txt", "hello")
...     path.read_text()
'hello'
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from smmlab._messages import Catalog

MESSAGES = Catalog(
    {
        "en": {
            "exists": (
                "{path} already exists. Choose another file name, or pass overwrite=True "
                "(`--force` on the command line) to replace it."
            ),
            "content": (
                "content must be a str (written as UTF-8), bytes, or a callable that writes "
                "the whole file to the temporary path it is given; got {kind}."
            ),
            "mode": (
                "mode must be None (follow the umask) or a file mode from 0 to 0o777; "
                "got {value!r}."
            ),
            "no_name": "Could not find a free temporary name in {folder}.",
        }
    }
)

#: What ``write_atomic`` writes: text, bytes, or a function writing to a temporary path.
Content = str | bytes | Callable[[Path], object]

_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_TRIES = 100


class FileExistsValueError(FileExistsError, ValueError):
    """The target exists and ``overwrite=False``: both an OSError and a ValueError.

    Examples
    --------
    >>> issubclass(FileExistsValueError, ValueError)
    True
    """


def _exists(path: Path) -> FileExistsValueError:
    return FileExistsValueError(MESSAGES.text("exists", path=path))


def _temp_name(folder: Path, name: str, suffix: str) -> Path:
    return folder / f".{name}-{secrets.token_hex(6)}{suffix}"


def make_temp_dir(parent: str | os.PathLike[str], name: str) -> Path:
    """Create a new, empty, hidden folder in ``parent`` named after ``name``.

    Unlike :func:`tempfile.mkdtemp` (always ``0o700``) the folder gets the mode
    the umask gives (``0o777 & ~umask``), so it can be renamed into place as a
    folder others may read.

    Parameters
    ----------
    parent : path
        Where to create it (must exist).
    name : str
        Part of the folder's name, e.g. the name of the folder it will become.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = make_temp_dir(tmp, "brand")
    ...     folder.name.startswith(".brand-"), folder.is_dir()
    (True, True)
    """
    parent = Path(parent)
    for _ in range(_TRIES):
        folder = _temp_name(parent, name, ".tmp")
        try:
            os.mkdir(folder, 0o777)
        except FileExistsError:
            continue
        return folder
    raise FileExistsError(MESSAGES.text("no_name", folder=parent))


def _temp_file(folder: Path, name: str, mode: int) -> tuple[int, Path]:
    for _ in range(_TRIES):
        tmp = _temp_name(folder, name, ".tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(MESSAGES.text("no_name", folder=folder))


def _move_into_place(tmp: Path, path: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # fails if path exists, with no window for another writer
    except FileExistsError:
        raise _exists(path) from None
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            raise _exists(path) from None
        os.replace(tmp, path)


def write_atomic(
    path: str | os.PathLike[str],
    content: Content,
    *,
    overwrite: bool = True,
    mode: int | None = None,
) -> Path:
    """Write ``content`` to ``path`` atomically; create the folder if needed.

    The content goes to a temporary file in the same folder, is flushed to
    disk, and the temporary file is renamed over ``path`` in one step: readers
    see the old file or the new one, never half of one. If anything fails, the
    temporary file is removed and an existing ``path`` is left as it was.

    Parameters
    ----------
    path : path
        The file to write. Missing folders are created (mode ``0o777 & ~umask``).
    content : str, bytes or callable
        Text (written as UTF-8, line endings as they are), bytes, or a function
        called with the temporary file's path that writes the whole file there
        (for writers that want a file name, such as xlsxwriter or a browser).
    overwrite : bool, default=True
        Replace an existing file. ``False`` raises :class:`FileExistsValueError`
        (a ``FileExistsError`` and a ``ValueError``) if ``path`` exists, also when
        another writer creates it meanwhile.
    mode : int or None, default=None
        ``None`` gives the file the mode the umask gives a new file
        (``0o666 & ~umask``); an int such as ``0o600`` sets exactly that mode
        (for files that must stay private whatever the umask).

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    TypeError
        If ``content`` is none of the allowed kinds.
    ValueError
        If ``mode`` is not None or a mode from 0 to 0o777, or the file exists
        and ``overwrite=False``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_atomic(Path(tmp) / "b.bin", b"\\x00\\x01").stat().st_size
    2
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_atomic(Path(tmp) / "c.txt", lambda p: p.write_text("hi"))
    ...     out.read_text(), sorted(q.name for q in Path(tmp).iterdir())
    ('hi', ['c.txt'])
    """
    path = Path(path)
    if not isinstance(content, str | bytes) and not callable(content):
        raise TypeError(MESSAGES.text("content", kind=type(content).__name__))
    if mode is not None and (isinstance(mode, bool) or not isinstance(mode, int)
                             or not 0 <= mode <= 0o777):
        raise ValueError(MESSAGES.text("mode", value=mode))
    if not overwrite and path.exists():
        raise _exists(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temp_file(path.parent, path.name, 0o666 if mode is None else mode)
    try:
        # the mode the operating system gave the new file is 0o666 & ~umask: keep it
        final_mode = stat.S_IMODE(os.fstat(fd).st_mode) if mode is None else mode
        if callable(content):
            os.close(fd)
            fd = -1
            content(tmp)
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
        else:
            with open(fd, "wb", closefd=True) as fh:
                fd = -1
                fh.write(content.encode("utf-8") if isinstance(content, str) else content)
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, final_mode)  # also if the writer replaced the temporary file
        _move_into_place(tmp, path, overwrite)
    finally:
        if fd >= 0:
            os.close(fd)
        tmp.unlink(missing_ok=True)
    return path


__all__ = ["Content", "FileExistsValueError", "make_temp_dir", "write_atomic"]

"""Writing files so that nobody ever sees half of one: a temporary file, then a rename.

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
import tempfile
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], content: str | bytes) -> Path:
    """Write ``content`` to ``path`` atomically; create the folder if needed.

    Text is written as UTF-8 with the line endings it has. If anything fails,
    the temporary file is removed and an existing ``path`` is left as it was.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_atomic(Path(tmp) / "b.bin", b"\\x00\\x01").stat().st_size
    2
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path

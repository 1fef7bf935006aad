"""The one atomic-write helper: modes follow the umask, failures leave the old file.

Regression (issue 11, section 4): files were created 0600 (mkstemp) and data folders 0700
(mkdtemp) whatever the umask, so on a shared JupyterHub learners could not read course files.
"""

from __future__ import annotations

import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from smmlab import _files, datasets
from smmlab.exercises import progress

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o077, 0o002])
def umask(request):
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


@pytest.mark.parametrize(
    "content", ["text", b"bytes", lambda tmp: tmp.write_text("via a writer")],
    ids=["str", "bytes", "callable"])
def test_a_written_file_has_the_mode_the_umask_gives(tmp_path, umask, content):
    path = _files.write_atomic(tmp_path / "new" / "a.txt", content)
    assert _mode(path) == 0o666 & ~umask
    assert _mode(path.parent) == 0o777 & ~umask


def test_with_umask_022_files_are_0644_and_folders_0755(tmp_path):
    old = os.umask(0o022)
    try:
        path = _files.write_atomic(tmp_path / "course" / "a.csv", "x\n")
        folder = _files.make_temp_dir(tmp_path, "staging")
    finally:
        os.umask(old)
    assert (_mode(path), _mode(path.parent), _mode(folder)) == (0o644, 0o755, 0o755)


def test_a_writer_that_replaces_the_temporary_file_still_gets_the_umask_mode(tmp_path, umask):
    def replace_it(tmp: Path) -> None:
        tmp.unlink()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT, 0o600)
        os.write(fd, b"mine")
        os.close(fd)

    path = _files.write_atomic(tmp_path / "b.bin", replace_it)
    assert path.read_bytes() == b"mine"
    assert _mode(path) == 0o666 & ~umask


def test_an_explicit_mode_is_kept(tmp_path):
    old = os.umask(0o000)
    try:
        path = _files.write_atomic(tmp_path / "private.json", "{}", mode=0o600)
    finally:
        os.umask(old)
    assert _mode(path) == 0o600


def test_course_data_folders_and_files_follow_the_umask(tmp_path, umask):
    out = tmp_path / "brand"
    paths = datasets.write_course_data(out, random_state=1)
    assert _mode(out) == 0o777 & ~umask
    assert {_mode(p) for p in paths} == {0o666 & ~umask}


def test_progress_stays_private_on_purpose(tmp_path, monkeypatch):
    monkeypatch.setenv("SMMLAB_HOME", str(tmp_path / "home"))
    old = os.umask(0o022)
    try:
        progress.note("00", "q1", "hint1")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "home" / progress.FILE_NAME) == 0o600
    assert _mode(tmp_path / "home") == 0o755


def test_a_failing_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("old")

    def fail(tmp: Path) -> None:
        tmp.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        _files.write_atomic(path, fail)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_overwrite_false_refuses_an_existing_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("old")
    with pytest.raises(ValueError, match="already exists") as err:
        _files.write_atomic(path, "new", overwrite=False)
    assert isinstance(err.value, FileExistsError)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    assert _files.write_atomic(tmp_path / "b.txt", "new", overwrite=False).read_text() == "new"


def test_overwrite_false_loses_no_race(tmp_path):
    """Of many threads writing the same new file with overwrite=False, exactly one wins."""
    path = tmp_path / "once.txt"
    wins, losses = [], []
    barrier = threading.Barrier(8)

    def attempt(i: int) -> None:
        barrier.wait()
        try:
            _files.write_atomic(path, f"writer {i}", overwrite=False)
            wins.append(i)
        except FileExistsError:
            losses.append(i)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(wins) == 1 and len(losses) == 7
    assert path.read_text() == f"writer {wins[0]}"
    assert [p.name for p in tmp_path.iterdir()] == ["once.txt"]


@pytest.mark.parametrize("bad", [None, 3, ["a"]])
def test_bad_content_is_a_clear_error(tmp_path, bad):
    with pytest.raises(TypeError, match="content must be"):
        _files.write_atomic(tmp_path / "a.txt", bad)
    assert list(tmp_path.iterdir()) == []


def test_text_keeps_its_line_endings(tmp_path):
    assert _files.write_atomic(tmp_path / "a", "a\r\nb\n").read_bytes() == b"a\r\nb\n"


def test_there_is_one_atomic_write_helper():
    """No other module creates temporary files with mkstemp/mkdtemp to write atomically."""
    package = Path(_files.__file__).parent
    offenders = []
    for path in package.rglob("*.py"):
        if path.name == "_files.py":
            continue
        text = path.read_text(encoding="utf-8")
        for needle in ("mkstemp(", "def write_atomic", "os.umask("):
            if needle in text:
                offenders.append(f"{path.relative_to(package)}: {needle}")
    assert not offenders, offenders

"""smmlab grade on Dask (--dask, --scheduler): same files as local grading, crashes, resuming.

Runs on a LocalCluster of 2 worker processes. Skipped when dask.distributed is not
installed (``pip install -e '.[test]'`` installs it; so does ``make test``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import nbformat
import pytest
from lessonkit import solve

distributed = pytest.importorskip(
    "distributed", reason="dask[distributed] is not installed: pip install -e '.[test]' "
    "(or pip install 'smmlab[dask]') to test grading on Dask")

import dask  # noqa: E402

from smmlab.cli import main  # noqa: E402
from smmlab.grading import distributed as distributed_grading  # noqa: E402
from smmlab.grading import grade  # noqa: E402
from smmlab.grading.resume import CACHE_FOLDER  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LEARNER = ROOT / "notebooks" / "00_first_report.ipynb"
SOLVED = ROOT / "notebooks" / "solutions" / "00_first_report.ipynb"
FULL = 5.0


def _with_cell(source_nb: Path, code: str) -> str:
    """The notebook with a learner's own code cell added after the setup cell."""
    nb = nbformat.read(source_nb, as_version=4)
    index = next(i for i, c in enumerate(nb.cells)
                 if c.cell_type == "code" and "setup(" in c.source)
    nb.cells.insert(index + 1, nbformat.v4.new_code_cell(code))
    return nbformat.writes(nb)


def _kill_worker(marker: Path | None = None) -> str:
    """A cell that kills the process running the kernel: the Dask worker (once, with a marker)."""
    kill = "os.kill(os.getppid(), signal.SIGKILL)"
    if marker is None:
        return f"import os, signal\n{kill}"
    return (f"import os, pathlib, signal\nm = pathlib.Path({str(marker)!r})\n"
            f"if not m.exists():\n    m.touch()\n    {kill}")


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of 2 workers set up as --dask sets its own (a task fails with its worker)."""
    with dask.config.set(distributed_grading.CLUSTER_CONFIG), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                     dashboard_address=":0") as c:
        yield c.scheduler_address


def _folder(tmp_path: Path) -> tuple[Path, Path]:
    """Submissions for two roster learners (one brand each), a self-study file, and junk."""
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ada").mkdir()
    (subs / "ada" / "00_first_report.ipynb").write_bytes(SOLVED.read_bytes())
    (subs / "bruno").mkdir()
    nb = nbformat.read(SOLVED, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "q1.check()" in c.source)
    cell.source = "n_posts = len(posts)\nq1.check()"
    (subs / "bruno" / "00_first_report.ipynb").write_text(nbformat.writes(nb), encoding="utf-8")
    (subs / "carla").mkdir()
    (subs / "carla" / "00_first_report.ipynb").write_text("not a notebook", encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text("learner_id,name,email\nada,Ada,ada@example.org\nbruno,Bruno,\n"
                      "carla,Carla,\n", encoding="utf-8")
    return subs, roster


def _files(out: Path) -> dict[str, str]:
    """Every result file's text, the seconds column (run time) taken out."""
    found = {}
    for path in sorted(out.rglob("*")):
        if path.is_dir() or CACHE_FOLDER in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if path.name == "gradebook.csv":
            rows = list(csv.reader(io.StringIO(text)))
            column = rows[0].index("seconds")
            text = "\n".join(",".join(r[:column] + r[column + 1:]) for r in rows)
        elif path.name == "results.json":
            text = re.sub(r'"seconds": [0-9.]+', '"seconds": _', text)
        found[str(path.relative_to(out))] = text
    return found


def test_dask_gives_the_same_files_as_local_grading(cluster, tmp_path):
    subs, roster = _folder(tmp_path)
    local = grade([subs], lesson="00", roster=roster, out=tmp_path / "local", workers=1)
    on_dask = grade([subs], lesson="00", roster=roster, out=tmp_path / "dask",
                    scheduler=cluster)
    assert [(g.learner_id, g.total) for g in on_dask] == [(g.learner_id, g.total) for g in local]
    assert [g.total for g in on_dask] == [FULL, FULL - 1, 0.0]
    files = _files(tmp_path / "dask")
    assert {"gradebook.csv", "lms_import.csv", "results.json", "files.csv"} <= set(files)
    assert len([name for name in files if name.startswith("feedback")]) >= 3
    assert files == _files(tmp_path / "local")
    # seconds apart, byte for byte: only the gradebook and results.json hold the run time
    for name in files:
        if name not in ("gradebook.csv", "results.json"):
            assert (tmp_path / "dask" / name).read_bytes() == \
                (tmp_path / "local" / name).read_bytes(), name


def test_a_crashed_worker_is_retried_once_then_reported(cluster, tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    marker = tmp_path / "killed-once"
    (subs / "crashes-once.ipynb").write_text(_with_cell(SOLVED, _kill_worker(marker)),
                                             encoding="utf-8")
    (subs / "crashes-always.ipynb").write_text(_with_cell(SOLVED, _kill_worker()),
                                               encoding="utf-8")
    runs = tmp_path / "fine-runs.txt"  # each run of the fine notebook adds a line
    (subs / "fine.ipynb").write_text(_with_cell(SOLVED, f"with open({str(runs)!r}, 'a') as f:\n"
                                                        "    f.write('run\\n')"),
                                     encoding="utf-8")
    out = tmp_path / "out"
    graded = {g.learner_id: g for g in grade([subs], lesson="00", out=out, scheduler=cluster)}
    # graded once: a grade that arrived is never redone
    assert runs.read_text(encoding="utf-8") == "run\n"
    assert marker.exists()  # the first run of crashes-once did kill its worker
    assert graded["crashes-once"].status == "ok" and graded["crashes-once"].total == FULL
    assert graded["fine"].total == FULL
    always = graded["crashes-always"]
    assert always.status == "could not be graded" and always.total == 0.0
    assert "failed twice" in always.reason and "KilledWorker" in always.reason
    book = (out / "gradebook.csv").read_text(encoding="utf-8")
    assert "crashes-always" in book and "failed twice" in book
    # an error row of the machinery is not cached: the next run tries it again
    assert len(list((out / CACHE_FOLDER).glob("*.json"))) == 2


def test_a_crashing_notebook_takes_no_other_down(tmp_path):
    """On one worker, two fine notebooks never wait on the worker that the third one kills."""
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "a-crashes.ipynb").write_text(_with_cell(SOLVED, _kill_worker()), encoding="utf-8")
    for name in ("b-fine", "c-fine"):
        (subs / f"{name}.ipynb").write_bytes(SOLVED.read_bytes())
    with dask.config.set(distributed_grading.CLUSTER_CONFIG), \
            distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                     dashboard_address=":0") as one:
        graded = grade([subs], lesson="00", out=tmp_path / "out",
                       scheduler=one.scheduler_address)
    assert [(g.learner_id, g.total) for g in graded] == [
        ("a-crashes", 0.0), ("b-fine", FULL), ("c-fine", FULL)]
    assert "failed twice" in graded[0].reason
    assert graded[1].status == graded[2].status == "ok"


def test_a_rerun_grades_only_what_changed(cluster, tmp_path, monkeypatch):
    monkeypatch.setattr(distributed_grading, "CONNECT_TIMEOUT", 3.0)
    subs, roster = _folder(tmp_path)
    out = tmp_path / "out"
    first = grade([subs], lesson="00", roster=roster, out=out, scheduler=cluster)
    before = _files(out)
    # Nothing changed: nothing is sent anywhere (this scheduler does not exist).
    nowhere = "tcp://127.0.0.1:9"
    again = grade([subs], lesson="00", roster=roster, out=out, scheduler=nowhere)
    assert [(g.learner_id, g.seconds) for g in again] == [(g.learner_id, g.seconds) for g in first]
    assert _files(out) == before
    # One file changed: only it is graded again (and needs the scheduler).
    (subs / "bruno" / "00_first_report.ipynb").write_bytes(SOLVED.read_bytes())
    with pytest.raises(ConnectionError, match="--scheduler"):
        grade([subs], lesson="00", roster=roster, out=out, scheduler=nowhere)
    third = grade([subs], lesson="00", roster=roster, out=out, scheduler=cluster)
    assert [g.total for g in third] == [FULL, FULL, 0.0]
    assert third[0].seconds == first[0].seconds  # ada's grade read back, not redone


def test_an_interrupted_batch_resumes(cluster, tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    for i in range(3):
        (subs / f"learner{i}.ipynb").write_bytes(SOLVED.read_bytes())
    (subs / "learner1.ipynb").write_bytes(LEARNER.read_bytes())
    out = tmp_path / "out"

    class Stop(Exception):
        pass

    def stop_after_one(done: int, total: int) -> None:
        raise Stop  # what Ctrl-C or a lost laptop does, right after the first grade arrives

    with pytest.raises(Stop):
        grade([subs], lesson="00", out=out, scheduler=cluster, on_progress=stop_after_one)
    assert not (out / "gradebook.csv").exists()
    cached = list((out / CACHE_FOLDER).glob("*.json"))
    assert 1 <= len(cached) < 3
    resumed = grade([subs], lesson="00", out=out, scheduler=cluster)
    assert [g.total for g in resumed] == [FULL, 0.0, FULL]
    assert len(list((out / CACHE_FOLDER).glob("*.json"))) == 3
    whole = grade([subs], lesson="00", out=tmp_path / "local")
    assert _files(out) == _files(tmp_path / "local")
    assert whole


def test_the_command_line_grades_on_a_local_cluster(tmp_path, capsys):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ada.ipynb").write_bytes(SOLVED.read_bytes())
    out = tmp_path / "out"
    assert main(["grade", str(subs), "--lesson", "00", "--out", str(out), "--dask",
                 "--workers", "2"]) == 0
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert [s["total"] for s in results["submissions"]] == [FULL]
    assert main(["grade", str(subs), "--lesson", "00", "--out", str(out),
                 "--scheduler", "10.0.0.5:8786"]) == 2
    err = capsys.readouterr().err
    assert "scheduler must be 'local'" in err and "tcp://" in err
    assert main(["grade", str(subs), "--lesson", "00", "--out", str(out), "--dask",
                 "--scheduler", "tcp://127.0.0.1:8786"]) == 2  # one engine at a time


def test_a_keyed_workshop_grades_on_dask_as_it_does_locally(cluster, tmp_path):
    """--secret on Dask: each task carries the secret, the worker rebuilds the keyed brand."""
    from smmlab._random import new_secret, read_secret
    from smmlab.grading.workshop import create_workshop

    secret = read_secret(new_secret(tmp_path / "exam.secret"))
    other = read_secret(new_secret(tmp_path / "other.secret"))
    roster = tmp_path / "roster.csv"
    roster.write_text("learner_id\nada\nbruno\n", encoding="utf-8")
    ws = create_workshop(roster, tmp_path / "ws", lessons=["00"], assessment=True,
                         secret=secret)
    subs = tmp_path / "subs"
    for learner in ws.learners:
        mine = solve(nbformat.read(
            ws.folder / "learners" / learner.slug / "00_first_report.ipynb", as_version=4))
        (subs / learner.slug).mkdir(parents=True)
        nbformat.write(mine, subs / learner.slug / "00_first_report.ipynb")
    local = grade([subs], lesson="00", roster=roster, out=tmp_path / "local", secret=secret)
    on_dask = grade([subs], lesson="00", roster=roster, out=tmp_path / "dask",
                    scheduler=cluster, secret=secret)
    assert [g.total for g in on_dask] == [g.total for g in local] == [FULL, FULL]
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")
    # the cache is keyed by the secret: another secret is refused, never served from cache
    with pytest.raises(ValueError, match="--secret"):
        grade([subs], lesson="00", roster=roster, out=tmp_path / "dask", scheduler=cluster,
              secret=other)

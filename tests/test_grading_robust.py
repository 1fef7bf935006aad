"""smmlab grade never loses a class's grades: odd data, forged dumps, odd files, safe outputs.

One batch (graded once for the module) mixes honest charts with NaN, every
forgery of the answer channel we know, named pipes and a folder called
``.ipynb``; each test then looks at its rows. Scores are compared with the
honest solution graded in the same batch, so the tests say "the attack changed
nothing" whatever the lesson's checks currently give.
"""

from __future__ import annotations

import json
import math
import os
import threading
import zipfile
from pathlib import Path

import matplotlib
import nbformat
import numpy as np
import pandas as pd
import pytest

from smmlab.exercises import Outcome, lesson00
from smmlab.exercises.core import Result
from smmlab.grading import grade
from smmlab.grading import grader as grader_module
from smmlab.grading._read import UnreadableFile, read_regular
from smmlab.grading.answers import decode, dump_answers, encode, loads_answers
from smmlab.grading.grader import Graded, _describe, collect
from smmlab.grading.outputs import write_results

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
LEARNER = ROOT / "notebooks" / "00_first_report.ipynb"
SOLVED = ROOT / "notebooks" / "solutions" / "00_first_report.ipynb"
ANSWERED = ("q1", "q2", "q4", "q5")  # the value answers of lesson 00 (q3 is the chart)


def _nb(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _solved_plus(*sources: str, at_end: bool = False) -> nbformat.NotebookNode:
    """The solution with the learner's own cells added after the setup cell (or at the end)."""
    nb = _nb(SOLVED)
    index = next(i for i, c in enumerate(nb.cells)
                 if c.cell_type == "code" and "setup(" in c.source)
    for offset, source in enumerate(sources, 1):
        cell = nbformat.v4.new_code_cell(source)
        if at_end:
            nb.cells.append(cell)
        else:
            nb.cells.insert(index + offset, cell)
    return nb


def _with_answer(exercise: str, source: str) -> nbformat.NotebookNode:
    nb = _nb(SOLVED)
    cell = next(c for c in nb.cells if c.cell_type == "code" and f"{exercise}.check()" in c.source)
    cell.source = f"{source}\n{exercise}.check()"
    return nb


# The grader's last cell names the dump in quotes: a learner's input transformer can find it
# there and rewrite that cell (the strongest forgery there is: the grader's code never runs).
FORGER = '''import re as _re
_FORGED = {code!r}
def _forge(lines):
    source = "".join(lines)
    found = _re.search(r"'([^']*answers[^']*[.]json)'", source)
    if found is None or "globals()" not in source:
        return lines
    return [_FORGED.replace("PATH", repr(found.group(1))).replace("ORIGINAL", source) + "\\n"]
get_ipython().input_transformers_post.append(_forge)'''


def _forged(code: str) -> nbformat.NotebookNode:
    return _solved_plus(FORGER.format(code=code))


REWRITE_JUNK = ("import glob, os\n"
                "def _junk():\n"
                "    for p in glob.glob(os.path.join(os.getcwd(), '*answers*.json')):\n"
                "        try:\n"
                "            open(p, 'w').write('{\"n_posts\": 1, \"october_rate\": [')\n"
                "        except OSError:\n"
                "            pass\n")

ATTACKS = {
    # honest learners whose charts have missing values
    "honest-nan-bar": lambda: _with_answer("q3", (
        "by_platform = october.groupby('platform', observed=True)['engagements'].sum()\n"
        "fig, ax = plt.subplots()\n"
        "ax.bar(list(by_platform.index.astype(str)) + ['Threads'], list(by_platform) + "
        "[float('nan')])\n"
        "ax.set_title('Engagements per platform, October 2025')\n"
        "ax.set_xlabel('Platform'); ax.set_ylabel('Engagements')")),
    "honest-nan-line": lambda: _with_answer("q3", (
        "daily = october.set_index('published_at')['engagements'].resample('D').sum()\n"
        "fig, ax = plt.subplots()\n"
        "ax.plot(daily.index, daily.pct_change())\n"
        "ax.set_title('Engagements per day, October 2025')\n"
        "ax.set_xlabel('Day'); ax.set_ylabel('Change')")),
    # the answer channel: rewritten after extraction
    "hook-rewrites-dump": lambda: _solved_plus(
        REWRITE_JUNK + "get_ipython().events.register('post_run_cell', lambda *a: _junk())"),
    "atexit-rewrites-dump": lambda: _solved_plus(REWRITE_JUNK + "import atexit\n"
                                                 "atexit.register(_junk)"),
    "thread-rewrites-dump": lambda: _solved_plus(
        REWRITE_JUNK + "import threading, time\n"
        "def _later():\n"
        "    while not glob.glob(os.path.join(os.getcwd(), '*answers*.json')):\n"
        "        time.sleep(0.01)\n"
        "    time.sleep(1.0)\n"
        "    _junk()\n"
        "threading.Thread(target=_later).start()"),
    # ... patched before extraction
    "json-dump-patched": lambda: _solved_plus(
        "import json\njson.dump = lambda *a, **k: None"),
    "dump-path-is-a-directory": lambda: _solved_plus(
        "import os\nos.mkdir('answers.json')\nos.mkdir('status.json')"),
    "predicted-path-made-a-directory": lambda: _forged("import os; os.mkdir(PATH)\nORIGINAL"),
    "predicted-path-made-a-fifo": lambda: _forged("import os; os.mkfifo(PATH)\nORIGINAL"),
    # ... replaced by the learner's own writing
    "dump-replaced-by-fifo": lambda: _forged("ORIGINAL\nimport os; os.remove(PATH); "
                                             "os.mkfifo(PATH)"),
    "deep-nesting": lambda: _forged("open(PATH, 'w').write('[' * 100_000 + ']' * 100_000)"),
    "not-a-number": lambda: _forged(
        "open(PATH, 'w').write('{\"n_posts\": {\"__float__\": \"not a number\"}}')"),
    "dump-is-a-link-to-a-secret": lambda: _forged("import os; os.symlink('/etc/passwd', PATH)"),
    "extraction-fails-with-a-stale-dump": lambda: _solved_plus(
        "open('answers.json', 'w').write('{\"n_posts\": 1}')\n"
        "import pandas as _pd\n_pd.Series.to_json = lambda *a, **k: 1 / 0\n"
        "n_posts = _pd.Series([1])", at_end=True),
    # a learner's long answer echoed back
    "long-answer": lambda: _with_answer("q4", "best_platform = '=HYPERLINK(\"x\")' + 'A' * 50_000"),
}
ERROR = "could not be graded"
MALFORMED = "not a readable notebook"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("robust")
    nbformat.write(_nb(SOLVED), folder / "solved.ipynb")
    for name, make in ATTACKS.items():
        nbformat.write(make(), folder / f"{name}.ipynb")
    # odd files a learner can leave in a shared folder
    (folder / "backup.ipynb").mkdir()
    (folder / "backup.ipynb" / "inside.txt").write_text("x")
    os.mkfifo(folder / "pipe.ipynb")
    secret = tmp_path_factory.mktemp("instructor") / ".env"
    secret.write_text("INSTRUCTOR_API_TOKEN=s3cr3t-do-not-leak\n")
    (folder / "link.ipynb").symlink_to(secret)
    (folder / "=HYPERLINK(1).ipynb").write_bytes(SOLVED.read_bytes())
    # a notebook saved by Colab or Jupyter < 6.2: nbformat 4.4, no cell ids
    old = _nb(SOLVED)
    old.nbformat_minor = 4
    for cell in old.cells:
        cell.pop("id", None)
    nbformat.write(old, folder / "no-ids.ipynb", version=4)
    # a workshop folder holding two lessons, graded for lesson 00 only
    workshop = folder / "two-lessons"
    workshop.mkdir()
    nbformat.write(_nb(SOLVED), workshop / SOLVED.name)
    other = next((ROOT / "notebooks").glob("01_*.ipynb"))
    (workshop / other.name).write_bytes(other.read_bytes())
    out = tmp_path_factory.mktemp("results")
    result: dict = {}

    def run():  # in a thread: a hang would otherwise hang the test run itself
        result["graded"] = grade([folder], lesson="00", out=out, workers=2, cell_timeout=10,
                                 budget=120)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(600)
    assert not worker.is_alive(), "grading hung"
    assert "graded" in result, "grading raised"
    return {g.learner_id: g for g in result["graded"]}, out


def _points(g: Graded) -> dict[str, float]:
    return {q: g.points[q] for q in ANSWERED}


def test_the_mixed_batch_gets_every_row_and_writes_every_file(batch):
    graded, out = batch
    expected = {"solved", *ATTACKS, "=HYPERLINK(1)", "no-ids"}
    assert expected <= set(graded)
    # the two-lesson folder gives one row, for its lesson-00 notebook; lesson 01 is skipped
    workshop = [g for g in graded.values() if "two-lessons" in str(g.file)]
    assert len(workshop) == 1 and Path(workshop[0].file).name == SOLVED.name, workshop
    assert workshop[0].status == "ok" and workshop[0].total == graded["solved"].total
    odd = set(graded) - expected - {workshop[0].learner_id}
    assert odd <= {"backup", "pipe", "link"}  # (file discovery may skip odd files, or list them)
    for name in odd:
        assert graded[name].status == MALFORMED and graded[name].total == 0, graded[name]
    solved = graded["solved"]
    assert solved.status == "ok" and not solved.reason
    assert all(solved.points[q] == 1 for q in ANSWERED), solved.results
    # no ids: the course cells are matched by content, the learner's answers kept
    assert graded["no-ids"].status == "ok" and graded["no-ids"].total == solved.total
    book = pd.read_csv(out / "gradebook.csv", keep_default_na=False)
    assert len(book) == len(graded)
    assert len(pd.read_csv(out / "lms_import.csv")) == len(graded)
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert len(results["submissions"]) == len(graded)
    rows = dict(zip(book["file"], book["status"], strict=True))
    for g in graded.values():
        assert rows.get(Path(g.file).name, rows.get("'" + Path(g.file).name)) == g.status


@pytest.mark.parametrize("name", ["honest-nan-bar", "honest-nan-line"])
def test_honest_charts_with_missing_values_are_graded(batch, name):
    graded, _ = batch
    g = graded[name]
    assert g.status == "ok" and not g.reason, g.reason
    assert _points(g) == _points(graded["solved"])
    q3 = next(r for r in g.results if r.exercise == "q3")
    assert "could not be read" not in q3.message and "cannot be graded" not in q3.message


@pytest.mark.parametrize("name", ["hook-rewrites-dump", "atexit-rewrites-dump",
                                  "thread-rewrites-dump", "json-dump-patched",
                                  "dump-path-is-a-directory"])
def test_what_the_kernel_does_to_the_dump_changes_nothing(batch, name):
    graded, _ = batch
    g, solved = graded[name], graded["solved"]
    assert g.status == "ok", g.reason
    assert g.points == solved.points


@pytest.mark.parametrize(("name", "words"), [
    ("predicted-path-made-a-directory", "FileExistsError"),
    ("predicted-path-made-a-fifo", "FileExistsError"),
    ("dump-replaced-by-fifo", "named pipe"),
    ("deep-nesting", "nested too deeply"),
    ("dump-is-a-link-to-a-secret", "symbolic link"),
    ("extraction-fails-with-a-stale-dump", "ZeroDivisionError"),
])
def test_a_failed_or_forged_extraction_is_an_error_with_its_reason(batch, name, words):
    graded, _ = batch
    g = graded[name]
    assert g.status == ERROR, (g.status, g.reason)
    assert words in g.reason and g.total == 0
    assert "root:" not in g.reason


def test_a_forged_number_that_is_not_a_number_is_just_a_wrong_answer(batch):
    graded, _ = batch
    g = graded["not-a-number"]
    q1 = next(r for r in g.results if r.exercise == "q1")
    assert q1.outcome is Outcome.NOT_YET and "cannot be graded" in q1.message
    assert g.total == 0


@pytest.mark.parametrize(("name", "words"), [("backup", "a folder"), ("pipe", "named pipe"),
                                             ("link", "symbolic link")])
def test_odd_files_are_refused_without_reading_them(batch, name, words):
    graded, out = batch
    if name not in graded:
        pytest.skip("file discovery skipped it")
    g = graded[name]
    assert g.status == MALFORMED and words in g.reason
    everything = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file())
    assert "s3cr3t" not in everything


def test_echoed_answers_are_short_and_escaped_everywhere(batch):
    graded, out = batch
    g = graded["long-answer"]
    assert all(len(r.message) < 600 for r in g.results)
    page = next((out / "feedback").glob("long-answer*.html")).read_text(encoding="utf-8")
    assert len(page) < 20_000 and "A" * 1000 not in page
    for name in ("gradebook.csv", "lms_import.csv", "results.json"):
        assert "A" * 1000 not in (out / name).read_text(encoding="utf-8")
    for name in ("gradebook.csv", "lms_import.csv"):
        table = pd.read_csv(out / name, dtype=str, keep_default_na=False)
        for value in [*table.columns, *table.to_numpy().ravel()]:
            assert not str(value).startswith(("=", "+", "-", "@", "\t", "\r")), (name, value)


# ---------------------------------------------------------------------- the codec, no kernel

def _figure(kind: str):
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    if kind == "bar":
        ax.bar(["a", "b", "c"], [1.0, float("nan"), 3.0])
    else:
        ax.plot([float("nan"), 2.0, float("inf"), -float("inf")])
    ax.set_title("t")
    return fig


def test_non_finite_values_and_missing_values_round_trip_exactly(tmp_path):
    frame = pd.DataFrame({"a": [np.nan, np.inf, -np.inf, 1.0],
                          "b": 0}, index=pd.Index(list("pqrs"), name="k"))
    frame["b"] = pd.Series(["x", None, "y", None], index=frame.index, dtype=object)
    assert frame["b"].tolist()[1] is None
    namespace = {"x": float("nan"), "y": [1, float("inf"), None], "f": frame,
                 "s": frame["a"], "bar": _figure("bar"), "line": _figure("line")}
    path = tmp_path / "answers.json"
    dump_answers(namespace, {"variables": list(namespace)}, str(path))
    text = path.read_text(encoding="utf-8")
    json.loads(text, parse_constant=lambda c: pytest.fail(f"not strict JSON: {c}"))
    back = loads_answers(text.encode())
    assert math.isnan(back["x"]) and back["y"][1] == math.inf and back["y"][2] is None
    pd.testing.assert_frame_equal(back["f"], frame, check_dtype=False)
    assert back["f"]["b"].tolist()[1] is None
    pd.testing.assert_series_equal(back["s"], frame["a"])
    bars = list(back["bar"].panels[0].data[0].y)  # the grader gets the FigureModel itself
    assert bars[0] == 1.0 and math.isnan(bars[1]) and bars[2] == 3.0
    line = list(back["line"].panels[0].data[0].y)
    assert math.isnan(line[0]) and line[1:] == [2.0, math.inf, -math.inf]


@pytest.mark.parametrize("data", [
    b"", b"{", b"[1, 2]", b"null", b"\xff\xfe", b"[" * 100_000 + b"]" * 100_000,
    b'{"a": ' + b"[" * 900 + b"]" * 900 + b"}",
    b'{"a": {"__float__": "not a number"}}', b'{"a": {"__float__": 1}}',
    b'{"a": {"__series__": 5}}', b'{"a": {"__frame__": "{nope"}}',
    b'{"a": {"__figure__": {"bars": [[1]]}}}', b'{"a": {"__figure__": [1]}}',
    b'{"a": {"__figure__": {"line": [{"x": 1}]}}}', b'{"a": {"__calls__": "no"}}',
    b'{"a": {"__series__": "{}", "special": [[0, 0, "inf"], "x", [99, 99, "none"]]}}',
])
def test_a_forged_dump_never_raises_anything_but_a_clear_value_error(data):
    try:
        answers = loads_answers(data)
    except ValueError as err:
        assert str(err)
        return
    assert isinstance(answers, dict)  # (each answer decoded, or Unsupported)


def test_decode_refuses_markers_it_does_not_know():
    assert type(decode({"__float__": "not a number"})).__name__ == "Unsupported"
    assert decode(encode(float("-inf"))) == -math.inf


def test_only_regular_files_within_the_limit_are_read(tmp_path):
    (tmp_path / "ok").write_bytes(b"12345")
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "link").symlink_to(tmp_path / "ok")
    (tmp_path / "zero").symlink_to("/dev/zero")
    assert read_regular(tmp_path / "ok", limit=5, what="It") == b"12345"
    for name, words in [("folder", "a folder"), ("fifo", "a named pipe"),
                        ("link", "a symbolic link"), ("zero", "a symbolic link"),
                        ("ok", "larger than 4 bytes"), ("missing", "was not found")]:
        with pytest.raises(UnreadableFile, match=words):
            read_regular(tmp_path / name, limit=4, what="It")
    with pytest.raises(ValueError, match="limit"):
        read_regular(tmp_path / "ok", limit=-1, what="It")


def test_a_status_file_that_is_a_folder_is_a_row_not_a_crash(tmp_path):
    status = tmp_path / "status.json"
    got = grader_module._run_worker(["mkdir", str(status)], dict(os.environ), 30, tmp_path,
                                    status)
    assert got["status"] == "error" and "a folder" in got["reason"]
    status.rmdir()
    status.write_text("[" * 100_000)
    got = grader_module._run_worker(["true"], dict(os.environ), 30, tmp_path, status)
    assert got["status"] == "error" and "report could not be read" in got["reason"]


def test_decoding_runs_under_a_timeout(monkeypatch, tmp_path):
    import time

    def slow(data):
        time.sleep(30)

    monkeypatch.setattr(grader_module.codec, "loads_answers", slow)
    monkeypatch.setattr(grader_module, "DECODE_TIMEOUT", 0.5)
    started = time.monotonic()
    graded = grade([SOLVED], lesson="00", out=tmp_path / "out")
    assert time.monotonic() - started < 25
    assert graded[0].status == ERROR and "longer than 0.5 s" in graded[0].reason
    assert (tmp_path / "out" / "gradebook.csv").exists()


# ------------------------------------------------------------------ reasons and result files

def test_timeout_reasons_name_the_real_numbers():
    status, reason = _describe({"status": "timeout", "timeout_cells": [4], "capped": True},
                               {"q1": 1}, 0, cell_timeout=7, budget=70)
    assert status == "ran out of time"
    assert reason == ("The notebook ran longer than its budget of 70 s and was stopped. "
                      "Cell 4 ran longer than 7 s and was interrupted. Output was cut at 5 MB.")


def test_a_failed_extraction_cell_is_an_error_not_ok():
    status, reason = _describe({"status": "ok", "extraction_error": "SystemExit: 3"},
                               {"q1": 1}, 0)
    assert status == ERROR and "SystemExit: 3" in reason


def test_a_notebook_over_its_budget_says_so_in_full(tmp_path):
    nb = _nb(LEARNER)
    for _ in range(3):
        nb.cells.insert(5, nbformat.v4.new_code_cell("import time\ntime.sleep(60)"))
    nbformat.write(nb, tmp_path / "slow.ipynb")
    graded = grade([tmp_path / "slow.ipynb"], lesson="00", out=tmp_path / "out",
                   cell_timeout=2, budget=5)
    assert graded[0].status == "ran out of time"
    assert "The notebook ran longer than its budget of 5 s and was stopped." in graded[0].reason


def _graded(learner_id: str, message: str, reason: str) -> Graded:
    return Graded(learner_id, "+" + learner_id, "@mail", "-x.ipynb", "ok", reason, 1.0,
                  [Result("q1", Outcome.NOT_YET, message)], {"q1": 0.0}, {"q1": 1.0})


def test_result_files_escape_formulas_cut_long_text_and_escape_html(tmp_path):
    graded = [_graded('=HYPERLINK("http://evil","x")', "<script>alert(1)</script>" + "B" * 9000,
                      "\t=cmd|' /C calc'!A0" + "C" * 9000)]
    write_results(graded, lesson00.LESSON, tmp_path)
    for name in ("gradebook.csv", "lms_import.csv"):
        table = pd.read_csv(tmp_path / name, dtype=str, keep_default_na=False)
        for value in [*table.columns, *table.to_numpy().ravel()]:
            assert not str(value).startswith(("=", "+", "-", "@", "\t", "\r")), (name, value)
        assert "'=HYPERLINK" in (tmp_path / name).read_text(encoding="utf-8")
    for path in tmp_path.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert "B" * 1000 not in text and "C" * 1000 not in text, path
    page = next((tmp_path / "feedback").glob("*.html")).read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_zip_exports_are_unpacked_within_limits(tmp_path, monkeypatch):
    monkeypatch.setattr(grader_module, "MAX_ZIP_MEMBERS", 3)
    monkeypatch.setattr(grader_module, "MAX_NOTEBOOK_BYTES", 1000)
    monkeypatch.setattr(grader_module, "MAX_ZIP_BYTES", 5000)
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("bomb.ipynb", b"0" * 50_000_000)  # 50 MB of zeros, about 50 kB zipped
        for i in range(10):
            z.writestr(f"n{i}.ipynb", "{}")
    found = collect([archive], tmp_path / "scratch")
    assert len(found) <= 3
    assert sum(p.stat().st_size for p in found) <= 5000
    assert next(p for p in found if p.name == "bomb.ipynb").stat().st_size == 1001
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")
    assert collect([tmp_path / "broken.zip"], tmp_path / "scratch2") == []

"""The course as a learner has it: every lesson opened and run in JupyterLab in a real browser.

``tests/test_lessons.py`` proves every notebook runs (in-process, and in the grader's kernels);
these tests prove a learner can open each lesson in JupyterLab, run it from the Run menu and
see its tables, charts and check results. They drive the system Chromium through Playwright
(fixtures in ``conftest.py``) and skip, with the reason shown, when Chromium or the
``playwright`` package is missing.

For each notebook in ``notebooks/`` (learner form) and ``notebooks/solutions/`` that runs:

1. open it; wait for the status bar to show the kernel as Idle;
2. Run > Run All Cells; wait until every code cell has an execution count and the kernel is
   idle again;
3. assert: no error output and no traceback; every chart rendered as a loaded image; every
   check cell shows "Not attempted" (learner form) or "Correct"/"Recorded" (solutions);
4. save a screenshot to ``tests/browser/output/``.

How "every chart the lesson promises" is decided, without running anything twice: a code
cell promises a chart by the rule of ``lessonkit.promises_chart`` (shared with
``tests/test_lessons.py``, which checks the same promise for every notebook on its in-process
run); the page must show at least one image in each such cell. And every image output the
kernel sent (read from JupyterLab's notebook model) must be drawn in that same cell as an
``<img>`` that has loaded (natural width > 0). The first rule catches a chart that silently
stopped being drawn; the second catches a chart the browser failed to show.

Which notebooks run: ``make test`` runs a representative subset (:data:`SUBSET`: the first
notebook a learner opens, two solution notebooks heavy in charts and in outputs drawn by the
library itself, and the learner's journey through exercise 1); ``make test-browser`` sets
``SMMLAB_BROWSER=all`` and runs every lesson in both forms (CI runs both targets). The others
are skipped with that reason, so the summary says what did not run.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from lessonkit import promises_chart

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
_CHROMIUM = Path(os.environ.get("SMMLAB_CHROMIUM") or "/usr/bin/chromium")

if not (_CHROMIUM.is_file() and os.access(_CHROMIUM, os.X_OK)):
    pytest.skip(
        f"browser tests skipped: no Chromium at {_CHROMIUM} "
        "(install it with: apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )
try:
    import playwright.sync_api  # noqa: F401
except ImportError:
    pytest.skip(
        "browser tests skipped: the Python package 'playwright' is not installed "
        '(pip install -e ".[test]"; never run `playwright install`: the system Chromium is used)',
        allow_module_level=True,
    )

#: The notebooks ``make test`` opens in the browser (``form-NN``); all with SMMLAB_BROWSER=all.
#: learner-00: the first notebook every learner opens; solution-03: the most charts (12), with
#: small multiples and annotations; solution-05: charts and results displayed by the library
#: itself (the live feed's ``display()``), not by a cell's last expression.
SUBSET = frozenset({"learner-00", "solution-03", "solution-05"})
ALL = os.environ.get("SMMLAB_BROWSER", "").strip().lower() == "all"


EXPECTED = {
    # form: (allowed result classes, words each check result must show)
    "learner": ({"smmlab-not_attempted"}, ("Not attempted",)),
    "solution": ({"smmlab-correct", "smmlab-recorded"}, ("Correct", "Recorded")),
}


def _lessons() -> list[pytest.param]:
    """Every lesson notebook, both forms, found by globbing (lessons are added over time)."""
    params = []
    only_in_full = pytest.mark.skip(reason="runs in make test-browser (SMMLAB_BROWSER=all)")
    for form, folder in (("learner", NOTEBOOKS), ("solution", NOTEBOOKS / "solutions")):
        for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
            rel = path.relative_to(NOTEBOOKS).as_posix()
            marks = () if ALL or f"{form}-{path.name[:2]}" in SUBSET else (only_in_full,)
            params.append(pytest.param(form, rel, id=f"{form}-{path.stem}", marks=marks))
    return params


def promised_charts(cells: list[dict]) -> list[int]:
    """Indexes of the code cells that must draw a chart (``lessonkit.promises_chart``).

    Examples
    --------
    >>> promised_charts([{"type": "code", "source": "fig, ax = plt.subplots()"},
    ...                  {"type": "markdown", "source": "plt.show()"},
    ...                  {"type": "code", "source": "fig = ____\\nplt.show()"}])
    [0]
    """
    return [i for i, cell in enumerate(cells)
            if cell["type"] == "code" and promises_chart(cell["source"])]


def _workspace(form: str, rel: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", f"{form}-{rel}").strip("-")


@pytest.mark.parametrize(("form", "rel"), _lessons())
def test_lesson_runs_in_jupyterlab(lab, form: str, rel: str) -> None:
    name = f"{form}-{Path(rel).stem}"
    lab.open(rel, workspace=_workspace(form, rel))
    try:
        lab.wait_kernel_idle()
        lab.run_all()
        model = lab.wait_all_executed()
        dom = lab.wait_rendered(model)
    except Exception:
        lab.screenshot(f"{name}-failed",
                       focus='[data-mime-type="application/vnd.jupyter.stderr"]')
        raise
    charts = [i for i, c in enumerate(dom) if c["images"]]
    checks = [i for i, c in enumerate(model["cells"]) if "check" in c["tags"]]
    if charts:  # the first chart, else the first check result, in the middle of the screen
        focus = f'.jp-Notebook .jp-Cell >> nth={charts[0]} >> [data-mime-type^="image/"]'
    else:
        focus = f".jp-Notebook .jp-Cell >> nth={(checks or [0])[0]} >> .jp-Cell-outputArea"
    lab.screenshot(name, focus=focus)
    cells = model["cells"]
    assert len(dom) == len(cells), (
        f"{rel}: the page shows {len(dom)} cells, the notebook has {len(cells)}")

    # 1. No error output, no traceback anywhere on the page.
    tracebacks = [i for i, c in enumerate(dom) if "Traceback (most recent call last)" in c["text"]]
    assert not tracebacks, f"{rel}: traceback shown under cells {tracebacks}"

    # 2. Every promised chart is there, and every image the kernel sent is drawn and loaded.
    no_chart = [i for i in promised_charts(cells)
                if not any(m.startswith("image/") for o in cells[i]["outputs"] for m in o["mimes"])]
    assert not no_chart, (
        f"{rel}: cells {no_chart} make a chart (plt.show/subplots/figure or a viz chart "
        "helper) but the learner sees none")
    for index, (cell, shown) in enumerate(zip(cells, dom, strict=True)):
        sent = sum(any(m.startswith("image/") for m in o["mimes"]) for o in cell["outputs"])
        drawn = [img for img in shown["images"] if img["complete"] and img["width"] > 0]
        assert len(drawn) == sent, (
            f"{rel}: cell {index} has {sent} image output(s) but {len(drawn)} loaded <img> "
            f"on the page ({shown['images']})")

    # 3. Check results: "Not attempted" in the learner form, "Correct"/"Recorded" in solutions.
    allowed, words = EXPECTED[form]
    assert checks, f"{rel}: no cell is tagged 'check'"
    for index in checks:
        results = dom[index]["results"]
        assert results, f"{rel}: check cell {index} shows no check result"
        for result in results:
            kind = {c for c in result["cls"] if c.startswith("smmlab-") and c != "smmlab-result"}
            assert kind <= allowed and kind, (
                f"{rel}: check cell {index} shows {result['text']!r} ({sorted(kind)}); "
                f"expected {sorted(allowed)}")
            assert any(word in result["text"] for word in words), result["text"]
    stray = [(i, r["text"]) for i, c in enumerate(dom) for r in c["results"]
             if not set(r["cls"]) & allowed]
    assert not stray, f"{rel}: unexpected check results {stray}"
    assert not lab.page_errors, f"{rel}: JavaScript errors on the page: {lab.page_errors}"


LESSON_00 = "00_first_report.ipynb"
ANSWER_00 = "n_posts = len(october)"


@pytest.mark.skipif(not (NOTEBOOKS / LESSON_00).exists(), reason=f"no notebooks/{LESSON_00}")
def test_learner_answers_first_exercise_of_lesson_00(lab) -> None:
    """A learner runs lesson 00, types the right answer into exercise 1 and sees "Correct"."""
    lab.open(LESSON_00, workspace="journey-00")
    lab.wait_kernel_idle()
    lab.run_all()
    model = lab.wait_all_executed()
    index = next(i for i, c in enumerate(model["cells"])
                 if {"answer", "check"} <= set(c["tags"]))
    assert model["cells"][index]["source"].startswith("n_posts = ____")
    before = model["cells"][index]["count"]
    progress_file = lab.server.home / "progress.json"
    checks_before = _checks(progress_file, "00", "q1")

    cell = lab.page.locator(".jp-Notebook .jp-Cell").nth(index)
    cell.locator(".jp-InputArea-editor .cm-content").click()
    lab.page.keyboard.press("Control+A")
    lab.page.keyboard.type(ANSWER_00)
    lab.page.keyboard.press("Enter")
    lab.page.keyboard.type("q1.check()")
    typed = lab.model()["cells"][index]["source"]
    assert typed == f"{ANSWER_00}\nq1.check()", f"the editor holds {typed!r}"
    lab.page.keyboard.press("Shift+Enter")

    result = cell.locator(".smmlab-result")
    result.and_(lab.page.locator(".smmlab-correct")).wait_for(timeout=60_000)
    lab.wait_kernel_idle(timeout=60)
    assert "Correct" in result.inner_text()
    after = lab.model()["cells"][index]
    assert after["count"] is not None and after["count"] > before
    assert not any(o["type"] == "error" for o in after["outputs"])
    lab.screenshot("journey-00_first_report", focus=f".jp-Notebook .jp-Cell >> nth={index}")

    # The check was recorded in the server's SMMLAB_HOME, not in the tester's own folder.
    progress = json.loads(progress_file.read_text(encoding="utf-8"))
    assert progress["lessons"]["00"]["q1"]["outcome"] == "correct"
    assert _checks(progress_file, "00", "q1") > checks_before


def _checks(path: Path, lesson: str, exercise: str) -> int:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return int(data["lessons"][lesson][exercise]["checks"])
    except (OSError, ValueError, KeyError):
        return 0

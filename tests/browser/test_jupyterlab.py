"""The course as a learner has it: every lesson opened and run in JupyterLab in a real browser.

nbval proves a notebook runs in a kernel; these tests prove a learner can open each lesson in
JupyterLab, run it from the Run menu and see its tables, charts and check results. They drive
the system Chromium through Playwright (fixtures in ``conftest.py``) and skip, with the
reason shown, when Chromium or the ``playwright`` package is missing.

For every notebook in ``notebooks/`` (learner form) and ``notebooks/solutions/``:

1. open it; wait for the status bar to show the kernel as Idle;
2. Run > Run All Cells; wait until every code cell has an execution count and the kernel is
   idle again;
3. assert: no error output and no traceback; every chart rendered as a loaded image; every
   check cell shows "Not attempted" (learner form) or "Correct"/"Recorded" (solutions);
4. save a screenshot to ``tests/browser/output/``.

How "every chart the lesson promises" is decided, without running anything twice:

- *Promised*: a code cell promises a chart when, at its top level (not inside a ``def``),
  it calls ``plt.show()``, ``plt.subplots(...)``, ``plt.figure(...)``, ``display(fig...)``
  or one of ``smmlab.viz``'s chart helpers (those returning a Figure: ``viz.funnel``...), and
  holds no ``____`` placeholder (in the learner form a chart exercise's ``fig = ____ ...
  plt.show()`` draws nothing until the learner answers it) and no ``plt.close``. The notebook
  must show at least one image in each such cell. This is a lower bound: charts drawn by a
  lesson's own function or an object's display (``feed.next(6)``) are not predicted.
- *Rendered*: every image output the kernel sent (read from JupyterLab's notebook model)
  must be drawn in that same cell as an ``<img>`` that has loaded (natural width > 0). This
  covers every chart, predicted or not.

The first rule catches a chart that silently stopped being drawn; the second catches a
chart the browser failed to show. Checked against nbclient runs of all 24 notebooks: the
rule foresaw 53 of the 57 cells that drew a chart, and its only misses the other way were real
(lesson 07 made three charts a learner never saw).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

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

PLACEHOLDER = "____"


def _chart_helpers() -> list[str]:
    """The names of smmlab.viz's functions that return a matplotlib Figure."""
    from smmlab import viz

    names = []
    for name in getattr(viz, "__all__", []):
        annotation = getattr(getattr(viz, name), "__annotations__", {}).get("return")
        if str(annotation).rsplit(".", 1)[-1].strip("'>") == "Figure":
            names.append(name)
    return names


CHART_CALL = re.compile(
    r"^(?:[^\s].*)?(?:\bplt\.(?:show|subplots|figure)\(|\bdisplay\(\s*fig"
    rf"|\bviz\.(?:{'|'.join(map(re.escape, _chart_helpers())) or '(?!)'})\()",
    re.MULTILINE,
)
EXPECTED = {
    # form: (allowed result classes, words each check result must show)
    "learner": ({"smmlab-not_attempted"}, ("Not attempted",)),
    "solution": ({"smmlab-correct", "smmlab-recorded"}, ("Correct", "Recorded")),
}


def _lessons() -> list[pytest.param]:
    """Every lesson notebook, both forms, found by globbing (lessons are added over time)."""
    params = []
    for form, folder in (("learner", NOTEBOOKS), ("solution", NOTEBOOKS / "solutions")):
        for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
            rel = path.relative_to(NOTEBOOKS).as_posix()
            params.append(pytest.param(form, rel, id=f"{form}-{path.stem}"))
    return params


def _code(source: str) -> str:
    """A cell's code without its comments (good enough for spotting calls)."""
    return "\n".join(line.split("#", 1)[0] for line in source.splitlines())


def promised_charts(cells: list[dict]) -> list[int]:
    """Indexes of the code cells that must draw a chart (see the module docstring).

    Examples
    --------
    >>> promised_charts([{"type": "code", "source": "fig, ax = plt.subplots()\\nax.plot([1])"},
    ...                  {"type": "code", "source": "fig = ____  # your chart\\nplt.show()"},
    ...                  {"type": "code", "source": "# plt.show()"},
    ...                  {"type": "code", "source": "def f():\\n    return plt.figure()"},
    ...                  {"type": "code", "source": "chart = viz.funnel(stages, title='x')"},
    ...                  {"type": "code", "source": "fig = plt.figure()\\nplt.close(fig)"}])
    [0, 4]
    """
    return [i for i, cell in enumerate(cells) if cell["type"] == "code"
            and CHART_CALL.search(_code(cell["source"]))
            and PLACEHOLDER not in cell["source"] and "plt.close" not in cell["source"]]


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

"""An Italian lesson in JupyterLab's Italian interface (issue 15): what an Italian learner sees.

JupyterLab runs with its Italian language pack (the ``it`` extra) and the interface set to
``it_IT`` in the user settings; the learner opens ``notebooks/it/00_first_report.ipynb``,
runs it, and the screenshot ``tests/browser/output/it-learner-00.png`` shows the course and the
interface in Italian. Skipped, with the reason, without Chromium, Playwright, the language pack
or the Italian lesson.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSON = Path("it") / "00_first_report.ipynb"
_CHROMIUM = Path(os.environ.get("SMMLAB_CHROMIUM") or "/usr/bin/chromium")

if not (_CHROMIUM.is_file() and os.access(_CHROMIUM, os.X_OK)):
    pytest.skip(f"browser tests skipped: no Chromium at {_CHROMIUM}", allow_module_level=True)
if importlib.util.find_spec("playwright") is None:
    pytest.skip("browser tests skipped: the Python package 'playwright' is not installed",
                allow_module_level=True)
if importlib.util.find_spec("jupyterlab_language_pack_it_IT") is None:
    pytest.skip('the Italian interface needs its language pack: pip install -e ".[it]"',
                allow_module_level=True)
if not (ROOT / "notebooks" / LESSON).exists():
    pytest.skip(f"no notebooks/{LESSON.as_posix()} yet (published when its translation is "
                "complete)", allow_module_level=True)

#: Menu labels of JupyterLab's Italian interface, and the English ones they replace.
ITALIAN_MENUS = {"Edit": "Modifica", "View": "Visualizza", "Run": "Esegui"}


def test_an_italian_lesson_in_the_italian_interface(lab_it) -> None:
    lab_it.open(LESSON.as_posix(), workspace="italian-00")
    lab_it.wait_kernel_idle()
    menus = lab_it.page.locator("#jp-menu-panel div.lm-MenuBar-itemLabel").all_inner_texts()
    for english, italian in ITALIAN_MENUS.items():
        assert italian in menus and english not in menus, menus
    lab_it.page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    model = lab_it.wait_all_executed()
    dom = lab_it.wait_rendered(model)
    path = lab_it.screenshot("it-learner-00", focus=".jp-Notebook .jp-Cell >> nth=1")
    assert path.stat().st_size > 10_000
    text = "\n".join(c["text"] for c in dom)
    assert "Traceback (most recent call last)" not in text
    source = json.loads((ROOT / "notebooks" / LESSON).read_text(encoding="utf-8"))
    title = "".join(source["cells"][1]["source"]).split("\n")[0].lstrip("# ")
    shown = lab_it.page.locator(".jp-Notebook .jp-MarkdownOutput").first.inner_text()
    assert title.split("·")[-1].strip()[:20] in shown
    checks = [r for c in dom for r in c["results"]]
    assert checks and all("smmlab-not_attempted" in r["cls"] for r in checks)
    assert not lab_it.page_errors

"""Handouts: a lesson as one self-contained HTML page, and as a readable PDF."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from smmlab.cli import main
from smmlab.report.handout import handout

ROOT = Path(__file__).resolve().parents[1]
SOLVED = ROOT / "notebooks" / "solutions" / "00_first_report.ipynb"


def test_html_handout_is_executed_and_self_contained(tmp_path):
    out = handout(SOLVED, tmp_path / "lesson00.html")
    page = out.read_text(encoding="utf-8")
    title = json.loads(SOLVED.read_text(encoding="utf-8"))["cells"][0]["source"]
    title = "".join(title).split("\n")[0].split("·", 1)[1].strip()  # the lesson's own title
    assert title.startswith("Your first social report") and title in page
    assert "data:image/png;base64," in page  # the chart, inline
    assert "✓ Correct" in page  # the checks ran in the copy
    assert '<style media="print">' in page


def test_the_original_notebook_is_not_touched(tmp_path):
    before = SOLVED.read_bytes()
    handout(SOLVED, tmp_path / "x.html")
    assert SOLVED.read_bytes() == before


def test_unknown_ending_is_refused(tmp_path):
    with pytest.raises(ValueError, match=".html or .pdf"):
        handout(SOLVED, tmp_path / "lesson.docx", execute=False)
    assert main(["handout", str(SOLVED), "--out", str(tmp_path / "a.docx")]) == 2


@pytest.mark.skipif(shutil.which("chromium") is None,
                    reason="Chromium is not installed: apt-get install chromium")
def test_pdf_handout_has_readable_pages(tmp_path):
    out = tmp_path / "lesson00.pdf"
    assert main(["handout", str(SOLVED), "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 5
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "Your first social report" in text and "Correct" in text


def test_handout_never_touches_the_learners_progress(tmp_path, monkeypatch):
    home = tmp_path / "learner-home"
    monkeypatch.setenv("SMMLAB_HOME", str(home))
    monkeypatch.setenv("SMMLAB_EXPECT", "not_attempted")  # would fail the solved checks
    page = handout(SOLVED, tmp_path / "lesson00.html").read_text(encoding="utf-8")
    assert not (home / "progress.json").exists()
    assert "✓ Correct" in page and "AssertionError" not in page


def test_pdf_without_chromium_is_a_clear_error(tmp_path, monkeypatch):
    import smmlab.report.handout as module

    monkeypatch.setattr(module, "_chromium", lambda: None)
    with pytest.raises(FileNotFoundError, match="needs Chromium"):
        handout(SOLVED, tmp_path / "lesson00.pdf", execute=False)
    assert list(tmp_path.iterdir()) == []


def test_pdf_page_keeps_wide_tables_on_the_page():
    from smmlab.report.handout import PDF_FIT_SCRIPT, PDF_HEAD, PRINT_CSS

    assert "182mm" in PDF_HEAD and "zoom" in PDF_FIT_SCRIPT
    assert "overflow: visible" in PRINT_CSS and "break-inside: avoid" in PRINT_CSS

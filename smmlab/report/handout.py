"""Handouts: an executed lesson (or any notebook) as one HTML page or a PDF.

The notebook is copied and executed in a fresh kernel (the original is never
touched), exported to a self-contained HTML page by nbconvert (images inline),
and, for ``.pdf``, printed by headless Chromium (``--print-to-pdf``): no TeX
needed. Print styles keep charts and table rows from being cut across pages and
let wide tables wrap.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from smmlab._files import write_atomic
from smmlab._messages import Catalog

MESSAGES = Catalog(
    {
        "en": {
            "suffix": "out must end in .html or .pdf; got {name!r}.",
            "missing": "There is no notebook at {path}.",
            "no_chromium": (
                "Making a PDF needs Chromium (Debian or Ubuntu: sudo apt-get install chromium). "
                "Write a .html handout instead and print it from any browser."
            ),
            "pdf_failed": "Chromium could not print the handout to PDF: {detail}",
        }
    }
)

# The lab template lets wide outputs scroll sideways, and a printer cuts off what scrolls.
#: Layout for paper: outputs do not scroll, tables use small text and wrap inside cells
#: (column names after their underscores, values only between words: no number is split),
#: prompts are narrow.
_PAPER_CSS = """
  .jp-OutputArea-output, .jp-RenderedHTMLCommon, .jp-RenderedHTMLCommon > div,
  .jp-OutputArea-output > div { overflow: visible !important; max-width: 100% !important; }
  .jp-OutputArea-output img { max-width: 100% !important; height: auto !important; }
  .jp-RenderedHTMLCommon table { font-size: 7pt; table-layout: auto; width: auto; }
  .jp-RenderedHTMLCommon th, .jp-RenderedHTMLCommon td { white-space: normal !important;
    padding: 1px 3px !important; }
  .jp-InputPrompt, .jp-OutputPrompt { flex: 0 0 44px !important; min-width: 44px;
    font-size: 7pt; }
  pre { white-space: pre-wrap; word-break: break-word; }
"""
#: Pages: A4, and charts, table rows, check results and cells kept whole where they fit.
_PAGES_CSS = """
  @page { size: A4; margin: 14mm; }
  body { font-size: 10.5pt; }
  .jp-OutputArea-output img, .jp-RenderedImage, figure, tr, .smmlab-result, .jp-Cell {
    page-break-inside: avoid; break-inside: avoid; }
"""
#: Added to every handout: how it prints from a browser.
PRINT_CSS = f'<style media="print">{_PAPER_CSS}{_PAGES_CSS}</style>\n'
#: Added to the page Chromium prints to PDF: the paper layout on screen too, at the printed
#: width (A4 less the margins), so the script below measures tables as they will be printed
#: and shrinks (CSS zoom) any table still wider than the page: nothing is ever cut off.
PDF_HEAD = (f"<style>{_PAPER_CSS}\n  body {{ width: 182mm !important; margin: 0 !important;"
            " box-sizing: border-box; }\n</style>\n")
PDF_FIT_SCRIPT = """<script>
for (const table of document.querySelectorAll('.jp-OutputArea-output table')) {
  const box = table.closest('.jp-OutputArea-output').getBoundingClientRect();
  const rect = table.getBoundingClientRect();
  const room = box.right - rect.left;
  if (rect.width > room && room > 0) { table.style.zoom = (0.98 * room / rect.width).toFixed(3); }
}
</script>
"""
#: A table header cell with plain text: its underscores become line-break opportunities.
_TABLE_HEADER = re.compile(r"(<th\b[^>]*>)([^<]*)(</th>)")
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-pdf-header-footer",
)


def _chromium() -> str | None:
    """Chromium or Chrome: ``$SMMLAB_CHROMIUM``, else ``/usr/bin/chromium``, else on PATH."""
    for candidate in (os.environ.get("SMMLAB_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK) and Path(candidate).is_file():
            return candidate
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def notebook_html(notebook: str | os.PathLike[str], *, execute: bool = True,
                  timeout: int = 120) -> str:
    """The notebook as one self-contained HTML page, executed first in a copy.

    Examples
    --------
    >>> from smmlab.exercises.build import repo_root
    >>> page = notebook_html(repo_root() / "notebooks" / "00_first_report.ipynb", execute=False)
    >>> "Your first social report" in page
    True
    """
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    path = Path(notebook)
    if not path.exists():
        raise ValueError(MESSAGES.text("missing", path=path))
    nb = nbformat.read(path, as_version=4)
    if execute:
        # The kernel runs in the notebook's folder (relative data paths work) with its own
        # throwaway SMMLAB_HOME, so a handout never adds checks to the learner's progress;
        # the notebook is executed in memory and never written back.
        env = {k: v for k, v in os.environ.items() if k != "SMMLAB_EXPECT"}
        with tempfile.TemporaryDirectory(prefix="smmlab-handout-") as home:
            env["SMMLAB_HOME"] = home
            NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                           record_timing=False,
                           extra_arguments=["--IPKernelApp.log_level=ERROR"],
                           resources={"metadata": {"path": str(path.resolve().parent)}},
                           ).execute(env=env)
    exporter = HTMLExporter(template_name="lab", embed_images=True)
    body, _ = exporter.from_notebook_node(nb)
    body = _TABLE_HEADER.sub(lambda m: m[1] + m[2].replace("_", "_<wbr>") + m[3], body)
    return body.replace("</head>", PRINT_CSS + "</head>", 1)


def handout(notebook: str | os.PathLike[str], out: str | os.PathLike[str], *,
            execute: bool = True, timeout: int = 120) -> Path:
    """Write ``notebook`` as a handout: ``out`` ending in ``.html`` or ``.pdf``.

    Parameters
    ----------
    notebook : path
        A lesson (learner or solution form) or any notebook, e.g. a report.
    out : path
        ``.html``: one self-contained page; ``.pdf``: printed by headless Chromium.
    execute : bool, default=True
        Run a copy of the notebook first so charts and tables are filled in.
    timeout : int, default=120
        Seconds per cell.

    Returns
    -------
    pathlib.Path
        The file written (atomically: a temporary file, then a rename).

    Raises
    ------
    ValueError
        For another file ending or a missing notebook.
    FileNotFoundError
        For a PDF when Chromium is not installed.

    Examples
    --------
    >>> import tempfile
    >>> from smmlab.exercises.build import repo_root
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     written = handout(repo_root() / "notebooks" / "00_first_report.ipynb",
    ...                       Path(tmp) / "00.html", execute=False)
    ...     written.name
    '00.html'
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".html", ".pdf"):
        raise ValueError(MESSAGES.text("suffix", name=out.name))
    if suffix == ".pdf" and _chromium() is None:
        raise FileNotFoundError(MESSAGES.text("no_chromium"))
    page = notebook_html(notebook, execute=execute, timeout=timeout)
    if suffix == ".html":
        write_atomic(out, page)
        return out
    with tempfile.TemporaryDirectory(prefix="smmlab-pdf-") as work:
        html_path = Path(work) / "handout.html"
        page = page.replace("</head>", PDF_HEAD + "</head>", 1)
        page = page.replace("</body>", PDF_FIT_SCRIPT + "</body>", 1)
        html_path.write_text(page, encoding="utf-8")
        pdf_path = Path(work) / "handout.pdf"
        command = [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={Path(work) / 'profile'}",
                   f"--print-to-pdf={pdf_path}", html_path.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as err:
            raise OSError(MESSAGES.text("pdf_failed", detail="timed out")) from err
        if not pdf_path.exists() or pdf_path.stat().st_size == 0:
            detail = (done.stderr or done.stdout or "no output").strip().splitlines()[-1:]
            raise OSError(MESSAGES.text("pdf_failed", detail=" ".join(detail)))
        write_atomic(out, pdf_path.read_bytes())
    return out

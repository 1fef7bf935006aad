"""Fixtures for the real-browser tests: one JupyterLab server and one Chromium per session.

- :func:`lab_server` starts JupyterLab (``python -m jupyterlab`` from this interpreter) on
  127.0.0.1 with a random token and fresh config, runtime, settings and workspace folders,
  news and update checks off, serving a temporary *copy* of ``notebooks/`` (the real
  notebooks are never touched). Learner progress goes to a temporary ``SMMLAB_HOME``.
- :func:`lab_browser` drives the system Chromium (``/usr/bin/chromium``, Debian packages
  ``chromium``/``chromium-driver``) through Playwright; nothing is ever downloaded.
- :func:`lab` gives each test a fresh browser context and a :class:`LabPage` helper; at the
  end it closes the page and shuts down every kernel session, so tests never share a kernel.

Playwright is imported inside the fixtures: ``test_jupyterlab.py`` skips the whole module
with a visible reason when Chromium or the ``playwright`` package is missing, and this file
must stay importable then.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
#: Screenshots land here (git-ignored).
OUTPUT = Path(__file__).resolve().parent / "output"
#: The system Chromium (Debian package `chromium`); SMMLAB_CHROMIUM overrides it.
CHROMIUM = Path(os.environ.get("SMMLAB_CHROMIUM") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

SERVER_START_TIMEOUT = 90  # s; the first start on a busy 2-core machine took ~10 s
KERNEL_READY_TIMEOUT = 120  # s; status bar "Idle" appeared after ~6-8 s in practice
RUN_ALL_TIMEOUT = 240  # s per notebook; lessons take 2-10 s
RENDER_TIMEOUT = 30  # s for outputs (images) to be drawn once the kernel is done

#: JupyterLab user settings written before the server starts (the "settings overrides").
LAB_SETTINGS: dict[str, dict[str, Any]] = {
    # No news/update toast ("Would you like to get notified...?") over the screenshots.
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # The copies stay as they were opened: no autosave between tests.
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}

# --- what the page is asked -------------------------------------------------------------------

#: The open notebook, from JupyterLab's own model (window.jupyterapp, exposed by
#: --LabApp.expose_app_in_browser): kernel status, and per cell its type, tags,
#: execution count and outputs (output type and MIME types; errors with their text).
_JS_MODEL = """(path) => {
  const app = window.jupyterapp;
  if (!app) return null;
  let panel = null;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === path && w.content && w.content.model) { panel = w; }
  }
  if (!panel) return null;
  const session = panel.sessionContext.session;
  const nb = panel.context.model.toJSON();
  const text = (s) => Array.isArray(s) ? s.join('') : (s || '');
  return {
    kernel: session && session.kernel ? session.kernel.status : null,
    ready: panel.sessionContext.isReady,
    cells: nb.cells.map((c) => ({
      type: c.cell_type,
      tags: (c.metadata && c.metadata.tags) || [],
      count: c.execution_count === undefined ? null : c.execution_count,
      source: text(c.source),
      outputs: (c.outputs || []).map((o) => ({
        type: o.output_type,
        name: o.name || null,
        mimes: Object.keys(o.data || {}),
        ename: o.ename || null,
        evalue: o.evalue || null,
        traceback: (o.traceback || []).join('\\n'),
      })),
    })),
  };
}"""

#: What the learner sees, cell by cell, in the notebook's DOM.
_JS_DOM = """() => {
  const cells = document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell');
  return Array.from(cells).map((cell) => {
    const prompt = cell.querySelector('.jp-InputArea .jp-InputPrompt');
    const outputs = cell.querySelector('.jp-OutputArea');
    return {
      code: cell.classList.contains('jp-CodeCell'),
      prompt: prompt ? prompt.textContent.trim() : '',
      results: Array.from(cell.querySelectorAll('.smmlab-result')).map((r) => ({
        cls: Array.from(r.classList), text: r.textContent.trim()})),
      images: Array.from(cell.querySelectorAll(
          '.jp-OutputArea-output[data-mime-type^="image/"] img')).map((img) => ({
        complete: img.complete, width: img.naturalWidth, height: img.naturalHeight})),
      text: outputs ? outputs.textContent : '',
    };
  });
}"""

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def strip_ansi(text: str) -> str:
    """Remove terminal colour codes (IPython colours its tracebacks)."""
    return _ANSI.sub("", text)


# --- the server -------------------------------------------------------------------------------


class LabServer:
    """A running JupyterLab: its URL, token, served folder and learner-progress folder."""

    def __init__(self, base: Path, settings: dict[str, dict[str, Any]] | None = None) -> None:
        self.base = base
        self.settings = {**LAB_SETTINGS, **(settings or {})}
        self.root = base / "course"  # a copy of notebooks/
        self.home = base / "smmlab-home"  # SMMLAB_HOME of every kernel
        self.log_path = base / "jupyterlab.log"
        self.token = secrets.token_hex(16)
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def api(self, method: str, path: str, timeout: float = 10) -> Any:
        request = urllib.request.Request(
            f"{self.url}{path}", method=method,
            headers={"Authorization": f"token {self.token}"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def _prepare(self) -> dict[str, str]:
        shutil.copytree(NOTEBOOKS, self.root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        self.home.mkdir()
        settings = self.base / "settings"
        for plugin, values in self.settings.items():
            target = settings / f"{plugin}.jupyterlab-settings"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "SMMLAB_EXPECT"}
        env.update(
            JUPYTER_CONFIG_DIR=str(self.base / "config"),
            JUPYTER_RUNTIME_DIR=str(self.base / "runtime"),
            JUPYTERLAB_SETTINGS_DIR=str(settings),
            JUPYTERLAB_WORKSPACES_DIR=str(self.base / "workspaces"),
            IPYTHONDIR=str(self.base / "ipython"),  # no personal IPython start-up files
            SMMLAB_HOME=str(self.home),
            PYTHONUNBUFFERED="1",
        )
        env.pop("JUPYTER_TOKEN", None)
        return env

    def start(self) -> None:
        env = self._prepare()
        last_error = ""
        for _attempt in range(3):  # a free port can be taken between probe and bind
            self.port = _free_port()
            command = [
                sys.executable, "-m", "jupyterlab",
                "--no-browser", "--allow-root",
                "--ip=127.0.0.1", f"--port={self.port}", "--port-retries=0",
                f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={self.root}",
                "--LabApp.news_url=None",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                "--LabApp.extension_manager=readonly",
                "--LabApp.expose_app_in_browser=True",
            ]  # fmt: skip
            with open(self.log_path, "ab") as log:
                self.process = subprocess.Popen(
                    command, env=env, cwd=self.root, stdout=log, stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                )  # fmt: skip
            if self._wait_ready():
                return
            last_error = self.log_tail()
            self.stop()
        raise RuntimeError(f"JupyterLab did not start. Server log:\n{last_error}")

    def _wait_ready(self) -> bool:
        """Poll the HTTP API until it answers; False if the process died or time ran out."""
        assert self.process is not None
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                self.api("GET", "/api/status", timeout=2)
                self.api("GET", "/api/kernelspecs", timeout=5)
                return True
            except (OSError, urllib.error.URLError, ValueError):
                time.sleep(0.25)
        return False

    def shutdown_sessions(self) -> None:
        """Shut down every kernel session, so the next test starts from a fresh kernel."""
        with contextlib.suppress(OSError, ValueError):
            for session in self.api("GET", "/api/sessions") or []:
                with contextlib.suppress(OSError):
                    self.api("DELETE", f"/api/sessions/{session['id']}", timeout=30)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(OSError, ValueError):
            self.api("POST", "/api/shutdown", timeout=10)  # shuts its kernels down too
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    server = LabServer(tmp_path_factory.mktemp("jupyterlab"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


#: The JupyterLab interface in Italian (the language pack of the ``it`` extra).
ITALIAN_LAB = {"@jupyterlab/translation-extension/plugin": {"locale": "it_IT"}}


@pytest.fixture(scope="session")
def lab_server_it(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """A JupyterLab whose interface speaks Italian."""
    server = LabServer(tmp_path_factory.mktemp("jupyterlab-it"), settings=ITALIAN_LAB)
    server.start()
    try:
        yield server
    finally:
        server.stop()


# --- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def lab_browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class LabPage:
    """One browser tab on the test server, with the steps a learner takes."""

    def __init__(self, page: Any, server: LabServer) -> None:
        self.page = page
        self.server = server
        self.path = ""
        self.page_errors: list[str] = []
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    # navigation and waiting

    def open(self, path: str, workspace: str) -> None:
        """Open ``path`` (relative to the served copy) in a workspace of its own.

        A fresh workspace restores nothing, so only this notebook (and its kernel) opens.
        """
        self.path = path
        self.page.goto(f"{self.server.url}/lab/workspaces/{workspace}/tree/{path}"
                       f"?token={self.server.token}")
        self.page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(
            state="visible", timeout=KERNEL_READY_TIMEOUT * 1000)

    def status_bar(self) -> str:
        return self.page.locator("#jp-main-statusbar").inner_text(timeout=5000)

    def model(self) -> dict[str, Any] | None:
        return self.page.evaluate(_JS_MODEL, self.path)

    def dom(self) -> list[dict[str, Any]]:
        return self.page.evaluate(_JS_DOM)

    def wait_kernel_idle(self, timeout: float = KERNEL_READY_TIMEOUT) -> None:
        """Wait for the *status bar* to read "<kernel> | Idle" and the session to be ready.

        The notebook toolbar's indicator says idle before a kernel even exists, so it is
        not used.
        """
        deadline = time.monotonic() + timeout
        while True:
            model = self.model()
            bar = self.status_bar()
            if (model and model["ready"] and model["kernel"] == "idle"
                    and re.search(r"\|\s*Idle\b", bar) and "No Kernel" not in bar):
                return
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{self.path}: the kernel was not idle after {timeout:.0f} s; status bar: "
                    f"{bar!r}; kernel: {model and model['kernel']!r}\n"
                    f"server log:\n{self.server.log_tail()}")
            time.sleep(0.2)

    def run_all(self) -> None:
        """Run > Run All Cells, through the menu as a learner does it."""
        self.page.locator(
            '#jp-menu-panel li:has(div.lm-MenuBar-itemLabel:text-is("Run"))').click()
        self.page.locator('.lm-Menu.lm-MenuBar-menu li.lm-Menu-item'
                          ':has(div.lm-Menu-itemLabel:text-is("Run All Cells"))').click()

    def wait_all_executed(self, timeout: float = RUN_ALL_TIMEOUT) -> dict[str, Any]:
        """Wait until every code cell has an execution count and the kernel is idle again.

        Fails at once, with the traceback, when a cell raises (Run All then stops, and
        the remaining cells would never get a count).
        """
        deadline = time.monotonic() + timeout
        settled = 0
        while True:
            model = self.model()
            assert model is not None, f"{self.path} is no longer open"
            errors = errors_in(model)
            assert not errors, f"{self.path}: a cell raised an error\n" + "\n\n".join(errors)
            code = [c for c in model["cells"] if c["type"] == "code"]
            prompts = [c["prompt"] for c in self.dom() if c["code"]]
            done = (
                code
                and all(c["count"] is not None for c in code)
                and len(prompts) == len(code)
                and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts)
                and model["kernel"] == "idle"
                and re.search(r"\|\s*Idle\b", self.status_bar())
            )
            settled = settled + 1 if done else 0
            if settled >= 2:  # idle twice in a row, 0.2 s apart
                return model
            if time.monotonic() > deadline:
                waiting = [i for i, c in enumerate(model["cells"])
                           if c["type"] == "code" and c["count"] is None]
                raise AssertionError(
                    f"{self.path}: not finished after {timeout:.0f} s; cells without an "
                    f"execution count: {waiting}; prompts: {prompts}; kernel: "
                    f"{model['kernel']!r}")
            time.sleep(0.2)

    def wait_rendered(self, model: dict[str, Any], timeout: float = RENDER_TIMEOUT) -> list:
        """Wait until every image output of the model is drawn as a loaded ``<img>``."""
        expected = [sum(any(m.startswith("image/") for m in o["mimes"]) for o in c["outputs"])
                    for c in model["cells"]]
        deadline = time.monotonic() + timeout
        while True:
            dom = self.dom()
            drawn = [sum(1 for img in c["images"] if img["complete"] and img["width"] > 0)
                     for c in dom]
            if drawn == expected or time.monotonic() > deadline:
                return dom
            time.sleep(0.2)

    def screenshot(self, name: str, focus: str | None = None) -> Path:
        """Save a screenshot to tests/browser/output/NAME.png, ``focus`` scrolled to the middle.

        The notebook scrolls inside its own panel, so a full-page screenshot would not
        show more: the interesting output is scrolled into view instead.
        """
        if focus is not None:
            target = self.page.locator(focus).first
            if target.count():
                # Scroll with the DOM API: cells off screen use `content-visibility: auto`,
                # and Playwright's own scrolling can leave them unpainted.
                target.evaluate("(el) => el.scrollIntoView({block: 'center'})")
                self.page.wait_for_timeout(300)  # let the revealed cells paint
        OUTPUT.mkdir(parents=True, exist_ok=True)
        path = OUTPUT / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


def errors_in(model: dict[str, Any]) -> list[str]:
    """The error outputs of a notebook model, as readable text (cell number, traceback)."""
    found = []
    for index, cell in enumerate(model["cells"]):
        for output in cell["outputs"]:
            if output["type"] == "error":
                found.append(f"cell {index}: {output['ename']}: {output['evalue']}\n"
                             f"{strip_ansi(output['traceback'])}")
    return found


@pytest.fixture
def lab(lab_browser: Any, lab_server: LabServer) -> Iterator[LabPage]:
    yield from _lab_page(lab_browser, lab_server)


@pytest.fixture
def lab_it(lab_browser: Any, lab_server_it: LabServer) -> Iterator[LabPage]:
    """A browser tab on the Italian JupyterLab."""
    yield from _lab_page(lab_browser, lab_server_it)


def _lab_page(browser: Any, server: LabServer) -> Iterator[LabPage]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(30_000)
    try:
        yield LabPage(context.new_page(), server)
    finally:
        context.close()
        server.shutdown_sessions()

"""The course on a real JupyterHub, end to end (issue 14 item 3).

A hub on 127.0.0.1 (JupyterHub's DummyAuthenticator with a password, its default
LocalProcessSpawner: each user's server runs as their own system account) loads the shipped
``instructors/hub/jupyterhub_config.py``, keyed with an instructor's secret. Two users are
created and their servers started through the hub's REST API. Then:

- each user's ``~/smm-course`` holds their own brand (the keyed one, not the open one), and
  their hub token opens their own server and not the other's;
- as each user's system account, the other's folder and the instructor's secret cannot be
  read, while their own can;
- Ada logs in through the hub's login page in Chromium and runs lesson 00 (Run All, then save);
  Bruno saves a solved lesson 00 through his server's contents API;
- ``smmlab collect`` copies both homes' notebooks, and ``smmlab grade --secret`` grades them:
  Bruno full marks, Ada's run notebook graded (no answers written: not full marks).

It needs root (system accounts), ``configurable-http-proxy`` (npm) and a user environment the
accounts can run: ``make hub-env`` makes one at /opt/smmlab-hub-env (like TLJH's
/opt/tljh/user; ``$SMMLAB_HUB_ENV`` overrides), with this checkout of smmlab and
JupyterHub in it. Without them the test is skipped with the reason; CI makes them and runs it.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import io
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import pytest
from lessonkit import solve

from smmlab._random import new_secret, read_secret
from smmlab.synth import make_course_data

from .conftest import CHROMIUM, LabPage

ROOT = Path(__file__).resolve().parents[2]
HUB_ENV = Path(os.environ.get("SMMLAB_HUB_ENV") or "/opt/smmlab-hub-env")
CHP = shutil.which("configurable-http-proxy")
PASSWORD = secrets.token_hex(8)
START_TIMEOUT = 240  # s for a user's server on a busy 2-core machine


def _why_not() -> str | None:
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return "needs root on Linux (the hub starts each user as their own system account)"
    if not (HUB_ENV / "bin" / "jupyterhub").exists():
        return f"no hub environment at {HUB_ENV} (make hub-env)"
    if CHP is None:
        return "configurable-http-proxy not found (npm install -g configurable-http-proxy)"
    if shutil.which("useradd") is None:
        return "useradd not found"
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM}"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


pytestmark = pytest.mark.skipif(_why_not() is not None, reason=_why_not() or "")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Hub:
    """A JupyterHub process, its REST API (as an admin service) and its two users."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(16)
        self.users = [f"smmlabe2e{secrets.token_hex(2)}a", f"smmlabe2e{secrets.token_hex(2)}b"]
        self.process: subprocess.Popen | None = None
        self.log = base / "hub" / "jupyterhub.log"
        self.secret_file = base / "instructor" / "exam.secret"

    def home(self, user: str) -> Path:
        return self.base / "home" / user

    def api(self, method: str, path: str, body: Any = None, token: str | None = None,
            timeout: float = 30) -> Any:
        request = urllib.request.Request(
            f"{self.url}{path}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {token or self.token}",
                     "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
        return json.loads(text) if text.strip() else None

    def status(self, path: str, token: str) -> int:
        """The HTTP status of a GET with ``token``, redirects not followed."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("GET", path, headers={"Authorization": f"token {token}"})
            return connection.getresponse().status
        finally:
            connection.close()

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no hub log)"

    def setup(self) -> None:
        os.chmod(self.base, 0o755)  # the accounts must reach their homes below it
        (self.base / "home").mkdir(mode=0o755)
        for user in self.users:
            subprocess.run(["useradd", "--no-create-home", "--home-dir", str(self.home(user)),
                            "--shell", "/usr/sbin/nologin", user], check=True)
            # world-readable homes (as on many servers): the course folder's own mode 0700
            # is what keeps the users apart
            self.home(user).mkdir()
            os.chmod(self.home(user), 0o755)
            shutil.chown(self.home(user), user, user)
        instructor = self.base / "instructor"
        instructor.mkdir(mode=0o700)
        new_secret(self.secret_file)
        hub = self.base / "hub"
        hub.mkdir(mode=0o700)
        settings = hub / "smmlab-hub.toml"
        settings.write_text(f'lessons = ["00"]\nassessment = true\n'
                            f'secret_file = "{self.secret_file}"\n', encoding="utf-8")
        (hub / "jupyterhub_config.py").write_text(f"""
c = get_config()  # noqa: F821
c.JupyterHub.bind_url = "{self.url}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{_free_port()}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{_free_port()}"
c.ConfigurableHTTPProxy.command = [{CHP!r}]
c.JupyterHub.db_url = "sqlite:///{hub}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{hub}/cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {PASSWORD!r}
c.Authenticator.allowed_users = set({self.users!r})
c.JupyterHub.services = [{{"name": "e2e", "api_token": {self.token!r}}}]
c.JupyterHub.load_roles = [{{"name": "e2e", "services": ["e2e"],
    "scopes": ["admin:users", "admin:servers", "tokens", "list:users"]}}]
c.Spawner.cmd = [{str(HUB_ENV / "bin" / "jupyterhub-singleuser")!r}]
c.Spawner.args = ["--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
                  "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
c.Spawner.start_timeout = {START_TIMEOUT}
c.Spawner.http_timeout = {START_TIMEOUT}
load_subconfig({str(ROOT / "instructors" / "hub" / "jupyterhub_config.py")!r})  # noqa: F821
""", encoding="utf-8")
        env = {**os.environ, "SMMLAB_HUB_SETTINGS": str(settings),
               "PATH": f"{HUB_ENV / 'bin'}:{os.environ.get('PATH', '')}"}
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [str(HUB_ENV / "bin" / "jupyterhub"), "-f", str(hub / "jupyterhub_config.py")],
                cwd=hub, env=env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 90
        while True:
            try:
                self.api("GET", "/hub/api/", timeout=3)
                break
            except (OSError, urllib.error.URLError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the hub did not start:\n{self.log_tail()}") from None
                time.sleep(0.5)

    def start_servers(self) -> None:
        # the allowed users exist from the hub's start (a second create is a 409)
        assert {u["name"] for u in self.api("GET", "/hub/api/users")} >= set(self.users)
        for user in self.users:
            self.api("POST", f"/hub/api/users/{user}/server")
        deadline = time.monotonic() + START_TIMEOUT
        for user in self.users:
            while not (self.api("GET", f"/hub/api/users/{user}")["servers"].get("", {})
                       .get("ready")):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{user}'s server did not start:\n{self.log_tail()}")
                time.sleep(1)

    def user_token(self, user: str) -> str:
        return self.api("POST", f"/hub/api/users/{user}/tokens", {"note": "e2e"})["token"]

    def stop(self) -> None:
        with contextlib.suppress(OSError, urllib.error.URLError):
            for user in self.users:
                self.api("DELETE", f"/hub/api/users/{user}/server", timeout=30)
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        for user in self.users:  # anything still running as the account, then the account
            subprocess.run(["pkill", "-KILL", "-u", user], check=False)
            subprocess.run(["userdel", user], check=False, capture_output=True)


def _digest(package: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def _refresh_hub_env() -> None:
    """Install this checkout's smmlab in the hub environment if it holds another version."""
    # -I and cwd="/": the environment's own smmlab, never this checkout on the path
    found = subprocess.run([str(HUB_ENV / "bin" / "python"), "-I", "-c",
                            "import smmlab, pathlib; print(pathlib.Path(smmlab.__file__).parent)"],
                           capture_output=True, text=True, check=False, cwd="/").stdout.strip()
    if not found or _digest(Path(found)) != _digest(ROOT / "smmlab"):
        subprocess.run([str(HUB_ENV / "bin" / "python"), "-m", "pip", "install", "-q",
                        "--no-deps", "--force-reinstall", str(ROOT)], check=True,
                       capture_output=True)


@pytest.fixture(scope="module")
def hub() -> Iterator[Hub]:
    _refresh_hub_env()
    base = Path(tempfile.mkdtemp(prefix="smmlab-hub-"))
    running = Hub(base)
    try:
        running.setup()
        running.start_servers()
        yield running
    finally:
        running.stop()
        shutil.rmtree(base, ignore_errors=True)


def _as(user: str, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", user, "--", *command], capture_output=True,
                          text=True, check=False)


def test_each_user_has_their_own_keyed_brand_and_only_their_server(hub: Hub):
    secret = read_secret(hub.secret_file)
    brands = {}
    for user in hub.users:
        token = hub.user_token(user)

        def table(name: str, user: str = user, token: str = token) -> pd.DataFrame:
            model = hub.api("GET", f"/user/{user}/api/contents/smm-course/data/{name}.csv",
                            token=token)
            return pd.read_csv(io.StringIO(model["content"]))

        brands[user] = table("brand").iloc[0]
        followers = int(table("platforms")["followers"].sum())
        keyed = make_course_data(learner=user, secret=secret)
        public = make_course_data(learner=user)
        assert brands[user]["name"] == keyed["brand"]["name"].iloc[0]
        assert followers == int(keyed["platforms"]["followers"].sum())
        # not the brand anyone can rebuild from the user name (a name alone may coincide)
        assert followers != int(public["platforms"]["followers"].sum())
        nb = nbformat.reads(hub.api(
            "GET", f"/user/{user}/api/contents/smm-course/00_first_report.ipynb"
            "?content=1&format=text&type=file", token=token)["content"], as_version=4)
        assert any("variant" in c.metadata.get("tags", []) for c in nb.cells)  # keyed: a variant
        other = next(u for u in hub.users if u != user)
        assert hub.status(f"/user/{user}/api/contents/smm-course", token) == 200
        denied = hub.status(f"/user/{other}/api/contents/smm-course", token)
        assert denied in (302, 403, 404), denied  # never the other's folder


def test_neither_user_can_read_the_others_folder_nor_the_instructors_secret(hub: Hub):
    a, b = hub.users
    for user, other in ((a, b), (b, a)):
        own = hub.home(user) / "smm-course" / "data" / "brand.csv"
        assert own.stat().st_uid == hub.home(user).stat().st_uid  # given to the user
        assert _as(user, "cat", str(own)).returncode == 0
        theirs = hub.home(other) / "smm-course" / "data" / "brand.csv"
        denied = _as(user, "cat", str(theirs))
        assert denied.returncode != 0 and "Permission denied" in denied.stderr
        listing = _as(user, "ls", str(hub.home(other) / "smm-course"))
        assert listing.returncode != 0 and "Permission denied" in listing.stderr
        secret = _as(user, "cat", str(hub.secret_file))
        assert secret.returncode != 0 and "Permission denied" in secret.stderr
    # the servers run as the users' own accounts
    for user in hub.users:
        pids = subprocess.run(["pgrep", "-u", user, "-f", "jupyterhub-singleuser"],
                              capture_output=True, text=True, check=False).stdout.split()
        assert pids, f"no server process runs as {user}"


class _HubServerLog:
    def __init__(self, hub: Hub) -> None:
        self.hub = hub

    def log_tail(self, lines: int = 40) -> str:
        return self.hub.log_tail(lines)


def test_a_user_runs_lesson_00_in_the_browser_then_both_are_collected_and_graded(
        hub: Hub, tmp_path: Path):
    from playwright.sync_api import sync_playwright

    ada, bruno = hub.users
    notebook = hub.home(ada) / "smm-course" / "00_first_report.ipynb"
    before = notebook.stat().st_mtime
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=["--headless", "--no-sandbox"])
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
            page.set_default_timeout(60_000)
            page.goto(f"{hub.url}/hub/login")
            page.fill("#username_input", ada)
            page.fill("#password_input", PASSWORD)
            page.click("#login_submit")
            page.wait_for_url(f"{hub.url}/user/{ada}/**", timeout=START_TIMEOUT * 1000)
            lab = LabPage(page, _HubServerLog(hub))
            lab.path = "smm-course/00_first_report.ipynb"
            page.goto(f"{hub.url}/user/{ada}/lab/workspaces/e2e/tree/{lab.path}")
            page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(
                state="visible", timeout=START_TIMEOUT * 1000)
            lab.wait_kernel_idle()
            lab.run_all()
            lab.wait_all_executed()
            page.keyboard.press("Control+s")
            deadline = time.monotonic() + 30
            while notebook.stat().st_mtime == before and time.monotonic() < deadline:
                time.sleep(0.5)
        finally:
            browser.close()
    saved = nbformat.read(notebook, as_version=4)
    assert notebook.stat().st_mtime > before, "the notebook was not saved"
    assert all(c.get("execution_count") for c in saved.cells if c.cell_type == "code")
    # Bruno saves his solved lesson through his own server
    token = hub.user_token(bruno)
    path = f"/user/{bruno}/api/contents/smm-course/00_first_report.ipynb"
    mine = hub.api("GET", path + "?content=1&format=text&type=file", token=token)["content"]
    solved = solve(nbformat.reads(mine, as_version=4))
    hub.api("PUT", path, {"type": "notebook", "format": "json", "content": solved},
            token=token)

    roster = tmp_path / "roster.csv"
    roster.write_text("learner_id\n" + "\n".join(hub.users) + "\n", encoding="utf-8")
    subs, results = tmp_path / "subs", tmp_path / "results"
    smmlab = [sys.executable, "-m", "smmlab.cli"]
    collected = subprocess.run(
        [*smmlab, "collect", "--from", f"{hub.base}/home/{{learner}}/smm-course",
         "--lessons", "00", "--out", str(subs), "--roster", str(roster)],
        capture_output=True, text=True, check=False)
    assert collected.returncode == 0, collected.stderr
    graded = subprocess.run(
        [*smmlab, "grade", str(subs), "--lesson", "00", "--roster", str(roster), "--out",
         str(results), "--secret", str(hub.secret_file)],
        capture_output=True, text=True, check=False, timeout=600)
    assert graded.returncode == 0, graded.stderr
    book = pd.read_csv(results / "gradebook.csv", dtype={"learner_id": str})
    rows = book.set_index("learner_id")
    assert set(rows.index) == set(hub.users)
    assert (rows["status"] == "ok").all(), rows.to_dict()
    assert rows.loc[bruno, "total"] == rows.loc[bruno, "max"] > 0
    assert rows.loc[ada, "total"] < rows.loc[ada, "max"]

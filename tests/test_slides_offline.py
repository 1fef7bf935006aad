"""reveal.js slides open with the network off: reveal.js ships with smmlab and is inlined.

Regression (issue 11, section 4): the report's and the capstone deck's slides loaded reveal.js
(and require.js) from a public CDN, so a workshop without internet showed a blank deck.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from smmlab.exercises.deck import Deck  # noqa: E402
from smmlab.viz import set_alt_text  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
VENDORED = REPO / "smmlab" / "report" / "static" / "reveal.js"
CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium"),
                             shutil.which("chromium-browser"), shutil.which("google-chrome"))
                 if p and os.path.exists(p)), None)
#: Attributes, CSS imports and script imports that make a browser fetch something.
FETCHES = re.compile(
    r"""(?:\b(?:src|href)\s*=\s*["']([^"']*)["'])"""
    r"""|(?:@import\s+(?:url\()?\s*["']?([^"')\s;]+))"""
    r"""|(?:\bimport\s+[\w{}\s,*]*\s+from\s+["']([^"']+)["'])"""
    r"""|(?:\brequire\s*\(\s*(?:\{[^}]*\}\s*,\s*)?\[([^\]]*)\])""",
    re.IGNORECASE)


def _deck() -> Deck:
    slides = []
    for i, title in enumerate(["Reach rose 12% in the second half", "We should move 500 euros"]):
        fig, ax = plt.subplots()
        ax.bar(["a", "b"], [1, 2 + i])
        set_alt_text(fig, f"Two bars, the second higher ({i}).")
        slides.append({"title": title, "chart": fig, "notes": f"Say why ({i})."})
    return Deck(slides)


@pytest.fixture(scope="module")
def deck_slides(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("deck") / "deck.slides.html"
    _deck().export(path)
    plt.close("all")
    return path


@pytest.fixture(scope="module")
def report_slides(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from smmlab.report import to_slides

    path = tmp_path_factory.mktemp("report") / "october.slides.html"
    return to_slides("2025-10", path)


@pytest.fixture(params=["deck", "report"])
def slides(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(f"{request.param}_slides")


def _fetched(text: str) -> list[str]:
    urls = []
    for match in FETCHES.finditer(text):
        src, css, module, amd = match.groups()
        if amd is not None:
            urls += [u.strip().strip("\"'") for u in amd.split(",") if u.strip()]
        else:
            urls.append(src or css or module)
    return urls


def test_the_slides_fetch_nothing_from_the_network(slides: Path) -> None:
    text = slides.read_text(encoding="utf-8")
    remote = [u for u in _fetched(text) if re.match(r"(?i)(https?:)?//", u)]
    assert not remote, f"the slides load {remote}"
    assert "reveal.js@" not in text and "unpkg" not in text and "cdnjs" not in text


def test_every_local_file_the_slides_reference_exists(slides: Path) -> None:
    text = slides.read_text(encoding="utf-8")
    local = [u for u in _fetched(text)
             if u and not re.match(r"(?i)(https?:|//|data:|#|mailto:|javascript:)", u)]
    missing = [u for u in local if not (slides.parent / unquote(u.split("#")[0])).exists()]
    assert not missing, f"the slides reference missing files {missing}"


def test_reveal_js_is_the_vendored_copy(slides: Path) -> None:
    text = slides.read_text(encoding="utf-8")
    version = re.search(r"^version: (\S+)$", (VENDORED / "VERSION").read_text(), re.M).group(1)
    scripts = [base64.b64decode(b).decode("utf-8") for b in
               re.findall(r'<script src="data:text/javascript;base64,([^"]+)"', text)]
    assert (VENDORED / "reveal.js").read_text(encoding="utf-8") in scripts
    assert (VENDORED / "plugin" / "notes.js").read_text(encoding="utf-8") in scripts
    assert "Reveal.initialize" in text and f"reveal.js {version}" in text


def test_the_vendored_copy_is_complete_and_packaged() -> None:
    for name in ("reveal.js", "reveal.css", "theme/simple.css", "plugin/notes.js", "LICENSE",
                 "VERSION", "vendor.sh"):
        assert (VENDORED / name).is_file(), name
    assert "Permission is hereby granted" in (VENDORED / "LICENSE").read_text(encoding="utf-8")
    if shutil.which("git") and (REPO / ".git").exists():  # the wheel build skips ignored files
        ignored = subprocess.run(["git", "check-ignore", *map(str, VENDORED.rglob("*"))],
                                 cwd=REPO, capture_output=True, text=True).stdout
        assert not ignored.strip(), f"git ignores (so the wheel would miss) {ignored}"


def _dump_dom_offline(path: Path, tmp_path: Path) -> str:
    cmd = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--no-first-run", "--disable-extensions",
        f"--user-data-dir={tmp_path / 'profile'}",
        # the network is unavailable: every name fails to resolve, every proxy hop is refused
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
        "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
        "--virtual-time-budget=5000", "--dump-dom", path.resolve().as_uri(),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    return done.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (the system's /usr/bin/chromium)")
@pytest.mark.skipif(sys.platform == "win32", reason="headless Chromium is driven on Linux/macOS")
def test_the_slides_open_in_a_browser_with_the_network_off(slides: Path, tmp_path: Path) -> None:
    dom = _dump_dom_offline(slides, tmp_path)
    reveal = re.search(r'<div class="([^"]*\breveal\b[^"]*)"', dom)
    assert reveal, f"no reveal element in the page Chromium shows:\n{dom[:2000]}"
    classes = reveal.group(1).split()
    assert "ready" in classes, f"reveal.js did not start offline (classes {classes})"
    assert re.search(r'<section[^>]*class="[^"]*\bpresent\b', dom), "no slide is shown"

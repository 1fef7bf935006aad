"""`make lab` can work: JupyterLab and a Python kernel are installed in this environment."""

from __future__ import annotations

import importlib.util
import subprocess
import sys


def test_jupyterlab_starts_and_reports_a_version_4():
    out = subprocess.run([sys.executable, "-m", "jupyterlab", "--version"],
                         capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip().split(".")[0] == "4"


def test_a_python_kernel_is_available_to_run_the_lessons():
    assert importlib.util.find_spec("ipykernel") is not None
    out = subprocess.run([sys.executable, "-m", "jupyter", "kernelspec", "list", "--json"],
                         capture_output=True, text=True, timeout=120, check=True)
    assert '"python3"' in out.stdout

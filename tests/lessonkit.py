"""Helpers shared by the lesson tests: run a solved notebook in this process."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
_CACHE: dict[Path, dict] = {}


def run_notebook(path: Path) -> dict:
    """Run a notebook's code cells in this process (once per path) and return its namespace."""
    path = Path(path)
    if path not in _CACHE:
        namespace: dict = {"__name__": "__lesson__"}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
                if cell["cell_type"] == "code":
                    code = compile("".join(cell["source"]), str(path), "exec")
                    exec(code, namespace)  # noqa: S102
        plt.close("all")
        _CACHE[path] = namespace
    return _CACHE[path]


def solution_notebook(number: str) -> Path:
    """The built solution notebook of lesson ``number``."""
    return next((ROOT / "notebooks" / "solutions").glob(f"{number}_*.ipynb"))

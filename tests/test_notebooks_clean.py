"""Notebooks are stored clean: no outputs, no execution counts, the standard kernel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").rglob("*.ipynb"))
NOTEBOOKS = [p for p in NOTEBOOKS if ".ipynb_checkpoints" not in p.parts]


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [i for i, cell in enumerate(nb["cells"]) if cell["cell_type"] == "code"
             and (cell.get("outputs") or cell.get("execution_count") is not None)]
    assert not dirty, f"{path.name}: cells {dirty} have stored outputs; clear them before saving"
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_trailing_semicolons_in_plot_cells(path):
    """nbval compares outputs of cells ending in ';' wrongly (nbval#194): use plt.show()."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    bad = [i for i, cell in enumerate(nb["cells"]) if cell["cell_type"] == "code"
           and "".join(cell["source"]).rstrip().endswith(";")]
    assert not bad, f"{path.name}: cells {bad} end with ';'"

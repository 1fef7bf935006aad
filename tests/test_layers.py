"""Lower layers never import higher ones (the design card's layering)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "smmlab"
#: Layer of each top-level module or sub-package of smmlab.
LAYERS = {
    "_messages": 0, "_random": 0, "_validate": 0, "_files": 0,
    "synth": 1, "datasets": 1,
    "metrics": 2, "detect": 2, "stats": 2,
    "viz": 3, "report": 3,
    "exercises": 4, "grading": 4, "cli": 4,
}  # fmt: skip


def _layer(dotted: str) -> int | None:
    parts = dotted.split(".")
    if parts[0] != "smmlab" or len(parts) < 2:
        return None
    return LAYERS.get(parts[1])


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        dotted = ".".join(rel.parts).removesuffix(".__init__")
        if _layer(dotted) is not None:
            yield dotted, path


def test_every_part_of_the_package_has_a_layer():
    parts = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
             if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))
             and p.name != "__init__.py"}
    missing = parts - set(LAYERS)
    assert not missing, f"give these a layer in tests/test_layers.py: {missing}"


@pytest.mark.parametrize(("module", "path"), list(_modules()), ids=lambda v: str(v))
def test_imports_point_down_or_sideways(module, path):
    own = _layer(module)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    upward = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            layer = _layer(name)
            if layer is not None and layer > own:
                upward.append(name)
    assert not upward, f"{module} (layer {own}) imports higher layers: {sorted(set(upward))}"

"""Lower layers never import higher ones (the design card's layering)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "smmlab"
#: Layer of each top-level module or sub-package of smmlab.
LAYERS = {
    "_messages": 0, "_random": 0, "_validate": 0, "_files": 0,
    "synth": 1, "datasets": 1, "io": 1,
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


def _package_imports() -> dict[str, dict[str, str]]:
    """Package -> {package it imports: one file where it does}, function-level imports too."""
    graph: dict[str, dict[str, str]] = {}
    for module, path in _modules():
        source = module.split(".")[1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                parts = name.split(".")
                if parts[0] == "smmlab" and len(parts) > 1 and parts[1] != source \
                        and parts[1] in LAYERS:
                    graph.setdefault(source, {}).setdefault(parts[1], str(path))
    return graph


def _cycle(graph: dict[str, dict[str, str]]) -> list[str] | None:
    """One import cycle between packages, as a path that comes back to its start, or None."""
    state: dict[str, int] = {}  # 1 = being visited, 2 = done

    def visit(node: str, trail: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, {})):
            if state.get(nxt) == 1:
                return [*trail[trail.index(nxt):], nxt] if nxt in trail else [node, nxt]
            if nxt not in state:
                found = visit(nxt, [*trail, nxt])
                if found:
                    return found
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return None


def test_the_cycle_finder_finds_a_cycle_inside_a_layer():
    graph = {"exercises": {"grading": "a.py"}, "grading": {"exercises": "b.py"},
             "viz": {"synth": "c.py"}}
    assert _cycle(graph) == ["exercises", "grading", "exercises"]
    assert _cycle({"viz": {"synth": "c.py"}, "report": {"viz": "d.py"}}) is None


def test_no_import_cycles_between_packages():
    """Sideways imports are allowed inside a layer, but never both ways (exercises <-> grading)."""
    graph = _package_imports()
    cycle = _cycle(graph)
    where = [graph[a][b] for a, b in zip(cycle, cycle[1:], strict=False)] if cycle else []
    assert cycle is None, f"import cycle {' -> '.join(cycle)} (in {', '.join(where)})"

"""The conda/Binder environment and the pip metadata must declare the same packages.

``environment.yml`` (conda-forge, used by Binder/repo2docker) and ``pyproject.toml``
(pip, ``make lab``/``make test``) are two lists of the same dependencies. CI here
cannot run conda, so these tests compare the two files as text: same package names,
same version ranges, and the ``-e .`` line that makes repo2docker install smmlab.
"""

from __future__ import annotations

import importlib
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parent.parent

#: conda-forge package name -> the pip name of the same package, where they differ.
CONDA_TO_PIP = {
    "python-tzdata": "tzdata",
    "matplotlib-base": "matplotlib",
}

#: conda entries that are tooling, not dependencies of smmlab.
CONDA_IGNORED = {"pip"}

_CONDA_SPEC = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?P<spec>.*)$")


def normalise_name(name: str) -> str:
    """Return a package name in one spelling: lower-case, with ``-`` for ``_`` and ``.``.

    Examples
    --------
    >>> normalise_name("PyYAML")
    'pyyaml'
    >>> normalise_name("typing_extensions")
    'typing-extensions'
    """
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_conda_entry(entry: str) -> tuple[str, SpecifierSet]:
    """Split one conda dependency such as ``pandas>=3.0,<4`` into a name and a range.

    Parameters
    ----------
    entry : str
        A conda match spec without a build string; ``conda-forge::`` prefixes are dropped,
        conda's fuzzy ``=1.2`` is read as ``==1.2.*`` and a bare ``2.*`` as ``==2.*``.

    Returns
    -------
    tuple of (str, packaging.specifiers.SpecifierSet)
        The normalised conda name and its version range (empty when unpinned).

    Examples
    --------
    >>> parse_conda_entry("pandas >=3.0,<4")
    ('pandas', <SpecifierSet('<4,>=3.0')>)
    >>> parse_conda_entry("conda-forge::python-tzdata")
    ('python-tzdata', <SpecifierSet('')>)
    """
    text = entry.split("#", 1)[0].strip().split("::")[-1]
    match = _CONDA_SPEC.match(text)
    if match is None:
        raise ValueError(f"cannot read the conda dependency {entry!r}")
    spec = match["spec"].replace(" ", "")
    if spec[:1].isdigit():  # conda's bare version: 2.* or 2.1
        spec = f"=={spec}"
    if re.fullmatch(r"=[^=<>!~]+", spec):  # conda's fuzzy pin: =1.2 means 1.2.*
        version = spec[1:]
        spec = f"=={version}" if version.endswith("*") else f"=={version}.*"
    elif re.search(r"=[^=,]*=", spec.replace("==", "")):
        raise ValueError(f"build strings are not supported here: {entry!r}")
    return normalise_name(match["name"]), SpecifierSet(spec)


def read_pyproject() -> tuple[dict[str, SpecifierSet], SpecifierSet, dict[str, Any]]:
    """Return pyproject's dependencies (runtime and every extra), requires-python, the table.

    Examples
    --------
    >>> deps, python, _ = read_pyproject()
    >>> "pandas" in deps
    True
    """
    table = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = table["project"]
    requirements = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        requirements.extend(extra)
    deps: dict[str, SpecifierSet] = {}
    for line in requirements:
        req = Requirement(line)
        deps[normalise_name(req.name)] = req.specifier
    return deps, SpecifierSet(project.get("requires-python", "")), table


def read_environment() -> tuple[dict[str, SpecifierSet], SpecifierSet | None, list[str]]:
    """Return environment.yml's packages under their pip names, its python range, its pip lines.

    Examples
    --------
    >>> deps, python, pip_lines = read_environment()
    >>> "-e ." in pip_lines
    True
    """
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    deps: dict[str, SpecifierSet] = {}
    python: SpecifierSet | None = None
    pip_lines: list[str] = []
    for entry in env.get("dependencies", []):
        if isinstance(entry, dict):
            pip_lines.extend(str(line).strip() for line in entry.get("pip", []))
            continue
        name, spec = parse_conda_entry(str(entry))
        if name == "python":
            python = spec
        elif name not in CONDA_IGNORED:
            deps[CONDA_TO_PIP.get(name, name)] = spec
    for line in pip_lines:
        if line.startswith("-"):  # -e ., -r file: options, not packages
            continue
        req = Requirement(line)
        deps[normalise_name(req.name)] = req.specifier
    return deps, python, pip_lines


def test_environment_yml_uses_conda_forge() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "conda-forge" in env.get("channels", []), "environment.yml must list conda-forge"


def test_environment_yml_installs_smmlab_itself() -> None:
    _, _, pip_lines = read_environment()
    assert "-e ." in pip_lines, (
        "environment.yml needs `- pip:` with `- -e .`; without it repo2docker (Binder) "
        f"does not install smmlab. pip section found: {pip_lines}"
    )


def test_environment_yml_python_matches_requires_python() -> None:
    _, requires_python, _ = read_pyproject()
    _, conda_python, _ = read_environment()
    assert conda_python is not None, "environment.yml does not list python"
    assert conda_python == requires_python, (
        f"python range differs: environment.yml says {str(conda_python)!r}, "
        f"pyproject.toml requires-python says {str(requires_python)!r}"
    )


def test_environment_yml_matches_pyproject() -> None:
    pyproject, _, _ = read_pyproject()
    conda, _, _ = read_environment()
    problems = [
        f"  {name}: only in pyproject.toml ({str(pyproject[name]) or 'any version'})"
        for name in sorted(pyproject.keys() - conda.keys())
    ]
    problems += [
        f"  {name}: only in environment.yml ({str(conda[name]) or 'any version'})"
        for name in sorted(conda.keys() - pyproject.keys())
    ]
    problems += [
        f"  {name}: pyproject.toml {str(pyproject[name]) or 'any version'!r}"
        f" != environment.yml {str(conda[name]) or 'any version'!r}"
        for name in sorted(pyproject.keys() & conda.keys())
        if pyproject[name] != conda[name]
    ]
    assert not problems, (
        "environment.yml and pyproject.toml declare different dependencies:\n" + "\n".join(problems)
    )


def _console_scripts() -> list[tuple[str, str]]:
    _, _, table = read_pyproject()
    return sorted(table["project"].get("scripts", {}).items())


def test_pyproject_declares_console_scripts() -> None:
    assert _console_scripts(), "pyproject.toml declares no [project.scripts]"


@pytest.mark.parametrize(("script", "target"), _console_scripts())
def test_console_script_resolves_to_a_callable(script: str, target: str) -> None:
    module_name, _, attr_path = target.partition(":")
    assert attr_path, f"script {script!r}: {target!r} should read 'module:function'"
    obj: object = importlib.import_module(module_name.strip())
    for attr in attr_path.strip().split("."):
        obj = getattr(obj, attr)
    assert callable(obj), f"script {script!r}: {target!r} is not callable"

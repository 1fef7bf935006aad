"""One source per lesson: build the learner notebook, the solution notebook and instructor notes.

Authoring rules (documented for lesson authors in ``smmlab/lessons/README.md``):

- A lesson is authored once, as ``smmlab/lessons/NN_slug.ipynb``, with the
  solutions written in. Code between ``### BEGIN SOLUTION`` and ``### END
  SOLUTION`` (the nbgrader convention) is the answer.
- In the learner notebook each answer region becomes placeholders: an
  assignment ``x = ...`` becomes ``x = ____`` (one line per name), ``return
  ...`` becomes ``return ____``, everything else in the region is dropped.
  Lines starting with ``#> `` inside a region are the learner's starter
  code instead: they appear (without ``#> ``) only in the learner notebook.
- ``q1.hint()`` and ``q1.solution()`` lines are commented out in both forms.
- Cells tagged ``instructor`` go to ``instructors/NN_slug.md`` only; cells
  tagged ``solution-only`` appear only in the solution notebook.
- Cells with an answer region are tagged ``answer``, cells calling
  ``.check()`` are tagged ``check`` (and cannot be deleted): the grader uses
  these tags and the cell ids, which are kept from the source.

``smmlab build`` writes ``notebooks/NN_slug.ipynb`` (learners open these),
``notebooks/solutions/NN_slug.ipynb`` and ``instructors/NN_slug.md``;
``smmlab build --check`` fails if any of them is stale.
"""

from __future__ import annotations

import ast
import json
import re
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from smmlab._files import write_atomic

if TYPE_CHECKING:  # nbformat costs ~0.8 s to import (jsonschema): only the build needs it
    import nbformat

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
HINT_LINE = re.compile(r"^(\s*)(\w+\.(?:hint|solution)\(.*\))\s*$")
CHECK_CALL = re.compile(r"\b\w+\.check\(\)")
PLACEHOLDER = "____"
STARTER = "#> "


def lessons_dir() -> Path:
    """Folder of the lesson sources (shipped inside the package).

    Examples
    --------
    >>> (lessons_dir() / "00_first_report.ipynb").exists()
    True
    """
    return Path(__file__).resolve().parents[1] / "lessons"


def repo_root() -> Path:
    """The repository (or install) root that holds ``notebooks/``."""
    return Path(__file__).resolve().parents[2]


def _learner_region(lines: list[str]) -> list[str]:
    """Placeholders for one answer region (see the module docstring)."""
    body = textwrap.dedent("\n".join(lines))
    indent = ""
    for line in lines:
        if line.strip():
            indent = line[: len(line) - len(line.lstrip())]
            break
    try:
        tree = ast.parse(body)
    except SyntaxError:
        return [f"{indent}{PLACEHOLDER}"]
    out: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                elts = target.elts if isinstance(target, ast.Tuple | ast.List) else [target]
                out += [f"{indent}{ast.unparse(e)} = {PLACEHOLDER}" for e in elts]
        elif isinstance(node, ast.Return):
            out.append(f"{indent}return {PLACEHOLDER}")
    return out or [f"{indent}{PLACEHOLDER}"]


def _is_starter(line: str) -> bool:
    return line.lstrip().startswith(STARTER)


def _uncomment_starter(line: str) -> str:
    indent = line[: len(line) - len(line.lstrip())]
    return indent + line.lstrip()[len(STARTER):]


def _split_source(source: str, learner: bool) -> tuple[str, bool]:
    """Resolve answer regions for one form; return (source, had_region)."""
    lines = source.split("\n")
    out: list[str] = []
    region: list[str] | None = None
    had = False
    for line in lines:
        stripped = line.strip()
        if stripped == BEGIN:
            region, had = [], True
            continue
        if stripped == END and region is not None:
            starter = [_uncomment_starter(line) for line in region if _is_starter(line)]
            plain = [line for line in region if not _is_starter(line)]
            if learner:
                out += starter or _learner_region(plain)
            else:
                out += plain
            region = None
            continue
        if region is not None:
            region.append(line)
        else:
            out.append(line)
    if region is not None:
        raise ValueError(f"{BEGIN} without {END} in:\n{source}")
    return "\n".join(out), had


def _comment_hints(source: str) -> str:
    return "\n".join(
        HINT_LINE.sub(r"\1# \2", line) if HINT_LINE.match(line) else line
        for line in source.split("\n"))


def build_forms(source: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode,
                                                        nbformat.NotebookNode, str]:
    """Return the learner notebook, the solution notebook and the instructor notes (Markdown).

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
    ...     "x = 1\\n### BEGIN SOLUTION\\nrate = 3 / 4\\n### END SOLUTION\\nq1.check()")])
    >>> learner, solution, notes = build_forms(nb)
    >>> learner.cells[0].source
    'x = 1\\nrate = ____\\nq1.check()'
    >>> solution.cells[0].source
    'x = 1\\nrate = 3 / 4\\nq1.check()'
    """
    import nbformat

    forms = []
    for learner in (True, False):
        nb = nbformat.v4.new_notebook(metadata=dict(source.metadata))
        for cell in source.cells:
            tags = set(cell.metadata.get("tags", []))
            if "instructor" in tags or (learner and "solution-only" in tags):
                continue
            new = nbformat.from_dict(json.loads(json.dumps(cell)))
            if new.cell_type == "code":
                text, had = _split_source(new.source, learner)
                new.source = _comment_hints(text)
                new.outputs, new.execution_count = [], None
                extra = {"answer"} if had else set()
                if CHECK_CALL.search(new.source):
                    extra.add("check")
                    new.metadata["deletable"] = False
                new.metadata["tags"] = sorted((tags - {"solution-only"}) | extra)
                if not new.metadata["tags"]:
                    del new.metadata["tags"]
            nb.cells.append(new)
        forms.append(nb)
    return forms[0], forms[1], _instructor_notes(source)


def _instructor_notes(source: nbformat.NotebookNode) -> str:
    title = next((c.source.split("\n")[0].lstrip("# ").strip() for c in source.cells
                  if c.cell_type == "markdown" and c.source.startswith("# ")), "Lesson")
    out = [f"# Instructor notes: {title}", "",
           "Generated by `smmlab build` from the lesson source; edit the source, not this file.",
           ""]
    meta = source.metadata.get("smmlab", {})
    if "teaching_minutes" in meta and "exercise_minutes" in meta:
        teach, practise = int(meta["teaching_minutes"]), int(meta["exercise_minutes"])
        out += [f"**Timing for a newcomer to Python:** {teach} minutes teaching + {practise} "
                f"minutes exercises = {_duration(teach + practise)}. The course's timings: "
                "[instructors/README.md](README.md#timings).", ""]
    section = None
    for cell in source.cells:
        if cell.cell_type == "markdown":
            heading = next((line for line in cell.source.split("\n")
                            if line.startswith("## ")), None)
            if heading and "instructor" not in cell.metadata.get("tags", []):
                section = heading[3:].strip()
        if "instructor" in cell.metadata.get("tags", []):
            if section:
                out += [f"## During: {section}", ""]
            out += [cell.source.strip(), ""]
    return "\n".join(out).rstrip() + "\n"


def solution_region(source_path: Path, exercise: str) -> str:
    """The answer region of the cell that checks ``exercise`` (starter lines left out).

    The source is read as plain JSON, not with nbformat: learners call this through
    ``q.solution()`` in their kernel, which should not pay for importing nbformat.

    Examples
    --------
    >>> print(solution_region(lessons_dir() / "00_first_report.ipynb", "q1"))
    n_posts = len(october)
    """
    cells = json.loads(Path(source_path).read_text(encoding="utf-8"))["cells"]
    call = re.compile(rf"\b{re.escape(exercise)}\.check\(\)")
    for cell in cells:
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if cell.get("cell_type") == "code" and call.search(source) and BEGIN in source:
            lines = source.split("\n")
            start = next(i for i, line in enumerate(lines) if line.strip() == BEGIN)
            stop = next(i for i, line in enumerate(lines) if line.strip() == END)
            region = [line for line in lines[start + 1 : stop] if not _is_starter(line)]
            return textwrap.dedent("\n".join(region)).strip("\n")
    return ""


#: The markers around the timings table that ``smmlab build`` writes into the READMEs.
TIMINGS_START = "<!-- timings: written by smmlab build from each lesson's metadata -->"
TIMINGS_END = "<!-- /timings -->"


def _duration(minutes: int) -> str:
    """``95`` -> ``"1 h 35 min"``; under an hour, ``"50 minutes"``.

    Examples
    --------
    >>> _duration(95), _duration(50), _duration(120)
    ('1 h 35 min', '50 minutes', '2 h')
    """
    if minutes < 60:
        return f"{minutes} minutes"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def timings_table(sources: list[nbformat.NotebookNode]) -> str:
    """The course's timings as a Markdown table: each lesson's minutes and the total.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(metadata={"smmlab": {
    ...     "lesson": "00", "title": "First report", "teaching_minutes": 20,
    ...     "exercise_minutes": 40}})
    >>> print(timings_table([nb]).splitlines()[-1])
    | **Course** | **20 minutes** | **40 minutes** | **1 h** |
    """
    rows = ["| Lesson | Teaching | Exercises | Total |", "| --- | --- | --- | --- |"]
    teach_all = practise_all = 0
    for nb in sources:
        meta = nb.metadata["smmlab"]
        teach, practise = int(meta["teaching_minutes"]), int(meta["exercise_minutes"])
        teach_all, practise_all = teach_all + teach, practise_all + practise
        rows.append(f"| {meta['lesson']} {meta['title']} | {teach} min | {practise} min | "
                    f"{_duration(teach + practise)} |")
    rows.append(f"| **Course** | **{_duration(teach_all)}** | **{_duration(practise_all)}** | "
                f"**{_duration(teach_all + practise_all)}** |")
    return "\n".join(rows)


def _with_timings(text: str, table: str) -> str:
    """``text`` with the block between the timings markers replaced by ``table``."""
    start, end = text.find(TIMINGS_START), text.find(TIMINGS_END)
    if start < 0 or end < start:
        return text
    return text[:start] + TIMINGS_START + "\n" + table + "\n" + text[end:]


def _dump(nb: nbformat.NotebookNode) -> str:
    import nbformat

    return nbformat.writes(nb, version=4) + "\n"


def outputs(root: Path | None = None) -> dict[Path, str | bytes]:
    """Every generated file and its content, for all lesson sources and their translations.

    For each language of :data:`smmlab.exercises.translations.TRANSLATED`: the library's and
    every lesson's ``.po`` file brought up to the English (new sentences untranslated,
    changed ones fuzzy), the compiled ``.mo``, and the translated notebooks (both forms) and
    instructor notes of every lesson whose translation is complete.

    Examples
    --------
    >>> any(p.name == "00_first_report.ipynb" for p in outputs())
    True
    """
    import nbformat

    from smmlab.exercises import translations as tr

    root = Path(root) if root is not None else repo_root()
    files: dict[Path, str | bytes] = {}
    sources = []
    paths = sorted(lessons_dir().glob("[0-9][0-9]_*.ipynb"))
    for path in paths:
        source = nbformat.read(path, as_version=4)
        sources.append(source)
        learner, solution, notes = build_forms(source)
        files[root / "notebooks" / path.name] = _dump(learner)
        files[root / "notebooks" / "solutions" / path.name] = _dump(solution)
        files[root / "instructors" / path.with_suffix(".md").name] = notes
    for language in tr.TRANSLATED:
        modules = []
        for module, template in tr.library_templates().items():
            po = tr.library_po_path(module, language, root)
            modules.append(tr.merged(template, _read(po), language))
            files[po] = tr.write_po(modules[-1])
        files[tr.mo_path(language, root)] = tr.compile_mo(tr.compiled(modules, language))
        for path, source in zip(paths, sources, strict=True):
            po = tr.lesson_po_path(path, language, root)
            catalog = tr.merged(tr.lesson_template(source), _read(po), language)
            files[po] = tr.write_po(catalog)
            if tr.missing_entries(catalog) or tr.stale_entries(catalog):
                continue  # published when complete: no half-English lesson
            learner, solution, notes = build_forms(tr.translated_notebook(source, catalog,
                                                                          language))
            files[root / "notebooks" / language / path.name] = _dump(learner)
            files[root / "notebooks" / language / "solutions" / path.name] = _dump(solution)
            files[root / "instructors" / language / path.with_suffix(".md").name] = notes
    # The timings tables of the README and the instructors' guide, where they have the markers.
    table = timings_table(sources)
    for readme in (root / "README.md", root / "instructors" / "README.md"):
        if readme.exists():
            text = readme.read_text(encoding="utf-8")
            if TIMINGS_START in text:
                files[readme] = _with_timings(text, table)
    return files


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


def _same(path: Path, content: str | bytes) -> bool:
    if not path.exists():
        return False
    if isinstance(content, bytes):
        return path.read_bytes() == content
    return path.read_text(encoding="utf-8") == content


def stale(root: Path | None = None) -> list[Path]:
    """Generated files that are missing or differ from what the sources give.

    Examples
    --------
    >>> stale()
    []
    """
    return [p for p, content in outputs(root).items() if not _same(p, content)]


def stale_translations(root: Path | None = None) -> dict[Path, list[str]]:
    """Translation files with fuzzy entries (the English changed since they were translated).

    Examples
    --------
    >>> stale_translations()
    {}
    """
    from smmlab.exercises import translations as tr

    out = {}
    for path, content in outputs(root).items():
        if path.suffix == ".po" and isinstance(content, str):
            language = path.parents[1].name if path.parent.name == "messages" else (
                path.parent.name)
            fuzzy = tr.stale_entries(tr.read_po(content, language))
            if fuzzy:
                out[path] = fuzzy
    return out


def build(root: Path | None = None) -> list[Path]:
    """Write every generated file that changed (atomically); return those written."""
    written = []
    for path, content in outputs(root).items():
        if _same(path, content):
            continue
        written.append(write_atomic(path, content))
    return written

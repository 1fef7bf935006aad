"""Translations of the course, with gettext catalogues made by Babel.

Two kinds of text are translated, each in standard ``.po`` files a translator edits:

- **the library's messages** (checks, hints, errors, CLI help, report labels): every
  :class:`smmlab._messages.Catalog` holds English; :func:`library_templates` extracts them
  from the source (context: the key), ``smmlab/locale/<lang>/messages/<module>.po`` holds
  one module's translations (a lesson's checks are one file, so translators work in
  parallel), and ``smmlab/locale/<lang>/LC_MESSAGES/smmlab.mo`` is compiled from them all;
- **the lessons**: one ``smmlab/lessons/locale/<lang>/<lesson>.po`` per lesson, one entry
  per cell with text a learner reads (context: the cell id): markdown cells whole, and code
  cells that hold comments or text they show. A translated code cell may change only its
  comments, its f-strings and the text it prints or draws: :func:`code_skeleton` proves the
  rest identical to the English.

``smmlab build`` extracts, merges the ``.po`` files (a new sentence arrives untranslated, a
changed one becomes *fuzzy*: stale until a translator checks it), compiles the ``.mo`` and
writes ``notebooks/<lang>/`` (both forms) and ``instructors/<lang>/`` for every lesson whose
translation is complete. ``smmlab build --check`` fails on a file that is not up to date and
on a stale translation. Adding a language is one entry in :data:`TRANSLATED`, and the
translators' ``.po`` files.
"""

from __future__ import annotations

import ast
import datetime
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from smmlab._messages import DOMAIN, LOCALE_DIR

if TYPE_CHECKING:
    import nbformat
    from babel.messages.catalog import Catalog as PoCatalog

#: Languages the course is translated into (English is the source).
TRANSLATED: tuple[str, ...] = ("it", "fr")
#: Folder of the lessons' ``.po`` files: ``<folder>/<lang>/<lesson>.po``.
LESSON_LOCALE = Path(__file__).resolve().parents[1] / "lessons" / "locale"
#: Calls whose string arguments are text shown to people (a translation may change them).
SHOWN = frozenset({"print", "set_title", "set_xlabel", "set_ylabel", "set_alt_text", "suptitle",
                   "text", "annotate", "Markdown", "display", "note"})
#: Keyword arguments that are text shown to people.
SHOWN_KEYWORDS = frozenset({"label", "title", "xlabel", "ylabel", "alt"})
#: The date written in compiled catalogues' headers (reproducible builds: no clock time).
BUILD_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
#: The first cell of a translated notebook: the library speaks the notebook's language.
LANGUAGE_CELL = 'import smmlab\n\nsmmlab.set_language("{lang}")'


def _code_with_starters(source: str) -> str:
    """``source`` with ``#> `` starter lines as code (a learner form runs them)."""
    return "\n".join(line.replace("#> ", "", 1) if line.lstrip().startswith("#> ") else line
                     for line in source.split("\n"))


def _parse(source: str) -> ast.Module | None:
    text = "\n".join("pass" if line.lstrip().startswith(("%", "!")) else line
                     for line in _code_with_starters(source).split("\n"))
    try:
        return ast.parse(text)
    except SyntaxError:
        return None


class _Blank(ast.NodeTransformer):
    """Blank the text a translation may change: f-string text, shown strings, docstrings."""

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        self.generic_visit(node)
        node.values = [ast.Constant("") if isinstance(v, ast.Constant) else v
                       for v in node.values]
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in SHOWN:
            node.args = [_blank_text(a) for a in node.args]
        for keyword in node.keywords:
            if keyword.arg in SHOWN_KEYWORDS:
                keyword.value = _blank_text(keyword.value)
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        self.generic_visit(node)
        if node.body and isinstance(node.body[0], ast.Expr) and isinstance(
                getattr(node.body[0], "value", None), ast.Constant):
            node.body[0] = ast.Expr(ast.Constant(""))
        return node


def _blank_text(node: ast.expr) -> ast.expr:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return ast.Constant("")
    if isinstance(node, ast.BinOp):  # "a" + "b", "..." % x
        node.left, node.right = _blank_text(node.left), _blank_text(node.right)
    return node


def code_skeleton(source: str) -> str:
    """What a translation must keep of a code cell: everything but its text for people.

    Comments, f-string text, the strings given to :data:`SHOWN` calls and keywords, and
    docstrings are blanked; starter lines (``#> ``) count as code. Two cells with the same
    skeleton run the same code.

    Examples
    --------
    >>> code_skeleton('x = 1  # one\\nprint(f"Rate: {x:.1%}")') == code_skeleton(
    ...     'x = 1  # uno\\nprint(f"Tasso: {x:.1%}")')
    True
    >>> code_skeleton('posts["reach"]') == code_skeleton('posts["copertura"]')
    False
    """
    tree = _parse(source)
    if tree is None:
        return source
    return ast.dump(_Blank().visit(tree), include_attributes=False)


def _has_comment(source: str) -> bool:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return "#" in source
    return any(t.type == tokenize.COMMENT and not t.string.startswith(("### BEGIN", "### END"))
               for t in tokens)


def has_text(source: str) -> bool:
    """True when a code cell holds text a learner reads (a comment, shown words).

    Examples
    --------
    >>> has_text("x = 1"), has_text("x = 1  # one"), has_text('print(f"{x} posts")')
    (False, True, True)
    """
    if _has_comment(source):
        return True
    tree = _parse(source)
    return tree is not None and code_skeleton(source) != ast.dump(tree, include_attributes=False)


def _lesson_entries(source: nbformat.NotebookNode) -> Iterator[tuple[str, str, str]]:
    """(context, English, comment) for each cell of a lesson source with text to translate."""
    for cell in source.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "markdown" and cell.source.strip():
            yield cell.id, cell.source, "markdown" + (" (instructor notes)"
                                                      if "instructor" in tags else "")
        elif cell.cell_type == "code" and has_text(cell.source):
            yield f"{cell.id} code", cell.source, (
                "code: translate only comments, f-string text and the text the cell prints or "
                "draws; code, column names and answers stay as they are")


def _new_po(language: str | None = None) -> PoCatalog:
    from babel.messages.catalog import Catalog as PoCatalog

    # A fixed date in the compiled header: the same sources build the same bytes.
    return PoCatalog(locale=language, project="smmlab", fuzzy=False,
                     creation_date=BUILD_DATE, revision_date=BUILD_DATE)


def lesson_template(source: nbformat.NotebookNode) -> PoCatalog:
    """The English of one lesson source, as a message template.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Hi", id="a"),
    ...                                      nbformat.v4.new_code_cell("x = 1", id="b")])
    >>> [m.context for m in lesson_template(nb) if m.id]
    ['a']
    """
    template = _new_po()
    for context, english, comment in _lesson_entries(source):
        template.add(english, context=context, auto_comments=[comment])
    return template


def _catalog_messages(path: Path) -> Iterator[tuple[str, str]]:
    """(key, English) of every ``Catalog({"en": {...}})`` written in one Python file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Catalog"
                and node.args and isinstance(node.args[0], ast.Dict)):
            continue
        for language, table in zip(node.args[0].keys, node.args[0].values, strict=True):
            if isinstance(language, ast.Constant) and language.value == "en" and isinstance(
                    table, ast.Dict):
                for key, english in zip(table.keys, table.values, strict=True):
                    if isinstance(key, ast.Constant) and isinstance(english, ast.Constant):
                        yield str(key.value), str(english.value)


def library_templates(package: Path | None = None) -> dict[str, PoCatalog]:
    """Every library message in English, by module, read from the source (nothing imported).

    Examples
    --------
    >>> templates = library_templates()
    >>> len(templates["smmlab.exercises.lesson00"]) > 10
    True
    """
    package = Path(package) if package is not None else Path(__file__).resolve().parents[1]
    out = {}
    for path in sorted(package.rglob("*.py")):
        module = ".".join(path.relative_to(package.parent).with_suffix("").parts)
        template = _new_po()
        for key, english in _catalog_messages(path):
            if english and template.get(english, context=key) is None:
                template.add(english, context=key, auto_comments=[module])
        if len(template):
            out[module.removesuffix(".__init__")] = template
    return out


def compiled(catalogs: list[PoCatalog], language: str) -> PoCatalog:
    """One catalogue of every translated, non-stale message of ``catalogs`` (for the ``.mo``)."""
    out = _new_po(language)
    for catalog in catalogs:
        for message in catalog:
            if message.id and message.string and not message.fuzzy:
                out.add(message.id, message.string, context=message.context)
    return out


def read_po(text: str, language: str) -> PoCatalog:
    """A ``.po`` file's text as a catalogue."""
    from babel.messages.pofile import read_po as babel_read_po

    return babel_read_po(io.BytesIO(text.encode("utf-8")), locale=language)


def write_po(catalog: PoCatalog) -> str:
    """A catalogue as ``.po`` text: entries in template order, no dates (stable output)."""
    from babel.messages.pofile import write_po as babel_write_po

    out = io.BytesIO()
    babel_write_po(out, catalog, width=0, omit_header=True)
    return out.getvalue().decode("utf-8")


def merged(template: PoCatalog, existing: str | None, language: str) -> PoCatalog:
    """``existing`` translations brought up to ``template`` (Babel's update).

    A new English entry arrives untranslated; a changed one keeps its old translation
    marked fuzzy (stale); an entry gone from the English is dropped.
    """
    catalog = read_po(existing, language) if existing else _new_po(language)
    catalog.creation_date = catalog.revision_date = BUILD_DATE
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
    catalog.obsolete.clear()
    return catalog


def stale_entries(catalog: PoCatalog) -> list[str]:
    """The contexts of fuzzy (stale) entries: English changed since they were translated."""
    return [str(m.context) for m in catalog if m.id and m.fuzzy]


def missing_entries(catalog: PoCatalog) -> list[str]:
    """The contexts of entries with no translation yet."""
    return [str(m.context) for m in catalog if m.id and not m.fuzzy and not m.string]


def translated_notebook(source: nbformat.NotebookNode, catalog: PoCatalog, language: str
                        ) -> nbformat.NotebookNode:
    """``source`` with every translated cell replaced, and the language cell first.

    Raises
    ------
    ValueError
        If a translated code cell changes more than its text (see :func:`code_skeleton`).
    """
    import copy

    import nbformat

    out = copy.deepcopy(source)
    for cell in out.cells:
        context = cell.id if cell.cell_type == "markdown" else f"{cell.id} code"
        message = catalog.get(cell.source, context=context)
        if message is None or message.fuzzy or not message.string:
            continue
        if cell.cell_type == "code" and code_skeleton(message.string) != code_skeleton(
                cell.source):
            raise ValueError(f"The {language} translation of cell {cell.id} changes its code, "
                             "not only its comments and the text it shows.")
        cell.source = message.string
    first = nbformat.v4.new_code_cell(LANGUAGE_CELL.format(lang=language), id="language")
    out.cells.insert(0, first)
    out.metadata.setdefault("smmlab", {})["language"] = language
    return out


_FIELD = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")


def problems(catalog: PoCatalog, *, messages: bool = True) -> list[str]:
    """What is wrong in a catalogue's translations: changed code, lost or new ``{fields}``.

    A translated code cell must keep its code (:func:`code_skeleton`); a translated message
    must keep exactly the ``{fields}`` of its English (``str.format`` fills them);
    ``messages=False`` for a lesson's catalogue, whose markdown is not formatted.

    Examples
    --------
    >>> po = _new_po("it")
    >>> _ = po.add("{n} posts", "{n} post", context="k")
    >>> _ = po.add("{n} likes", "{m} like", context="j")
    >>> problems(po)
    ["j: the translation's fields {m} differ from the English's {n}"]
    """
    out = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        context = str(message.context)
        if context.endswith(" code"):
            if code_skeleton(message.string) != code_skeleton(message.id):
                out.append(f"{context}: the translation changes the code, not only its text")
        elif messages:
            want = sorted(set(_FIELD.findall(message.id)))
            got = sorted(set(_FIELD.findall(message.string)))
            if want != got:
                out.append(f"{context}: the translation's fields "
                           f"{' '.join('{' + f + '}' for f in got) or 'none'} differ from the "
                           f"English's {' '.join('{' + f + '}' for f in want) or 'none'}")
    return out


def lesson_po_path(lesson: Path, language: str, root: Path | None = None) -> Path:
    """Where a lesson's ``.po`` file of ``language`` lives (in the repository at ``root``)."""
    folder = LESSON_LOCALE if root is None else Path(root) / "smmlab" / "lessons" / "locale"
    return folder / language / lesson.with_suffix(".po").name


def library_po_path(module: str, language: str, root: Path | None = None) -> Path:
    """Where the ``.po`` file of one module's messages in ``language`` lives."""
    folder = LOCALE_DIR if root is None else Path(root) / "smmlab" / "locale"
    return folder / language / "messages" / f"{module}.po"


def mo_path(language: str, root: Path | None = None) -> Path:
    """The compiled catalogue of ``language``: every module's translations in one file."""
    folder = LOCALE_DIR if root is None else Path(root) / "smmlab" / "locale"
    return folder / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def compile_mo(catalog: PoCatalog) -> bytes:
    """The compiled ``.mo`` of a catalogue (fuzzy entries left out: stale means English)."""
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """``python -m smmlab.exercises.translations FILE.po ...``: check translators' files.

    Prints, per file, the entries still to translate, the stale (fuzzy) ones and the
    problems (:func:`problems`); exit 1 if any file has a problem, 2 if a file cannot be read.
    """
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m smmlab.exercises.translations",
        description="Say what is left to translate, what is stale and what is wrong in .po "
                    "files: a lesson's (smmlab/lessons/locale/<lang>/NN_name.po) or a module's "
                    "messages (smmlab/locale/<lang>/messages/<module>.po).")
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE.po")
    args = parser.parse_args(argv)
    bad = 0
    for path in args.files:
        language = path.parents[1].name if path.parent.name == "messages" else path.parent.name
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            parser.exit(2, f"cannot read {path}: {error}\n")
        catalog = read_po(text, language)
        found = problems(catalog, messages=path.parent.name == "messages")
        bad += bool(found)
        print(f"{path}: {len(missing_entries(catalog))} to translate, "
              f"{len(stale_entries(catalog))} stale, {len(found)} problems")
        for problem in found:
            print(f"  {problem}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())

__all__ = ["LESSON_LOCALE", "TRANSLATED", "code_skeleton", "compile_mo", "compiled", "has_text",
           "lesson_po_path", "lesson_template", "library_po_path", "library_templates",
           "main", "merged", "missing_entries", "mo_path", "problems", "read_po", "stale_entries",
           "translated_notebook", "write_po"]

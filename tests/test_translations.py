"""Translations (issue 15): gettext catalogues made by Babel, stale ones caught, code kept.

- the library's messages come from ``.po`` files compiled into one ``.mo``; a translation
  is used in its language, English elsewhere, and a stale (fuzzy) one is never used;
- a lesson's translation may change only the text of its code cells (``code_skeleton``);
- ``smmlab build --check`` fails on a stale translation;
- every ``.po`` file of the course is well formed: fields kept, code kept;
- every lesson published in ``notebooks/<lang>`` is complete and runs in both forms (nbval-style,
  in a kernel of its own, with ``SMMLAB_EXPECT``), and every language of the build is complete.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from smmlab import _messages
from smmlab.exercises import build, translations
from smmlab.exercises.build import lessons_dir

ROOT = Path(__file__).resolve().parents[1]


def _po(entries: list[tuple[str, str, str]], language: str = "it") -> str:
    catalog = translations._new_po(language)
    for context, english, translated in entries:
        catalog.add(english, translated, context=context)
    return translations.write_po(catalog)


def test_a_changed_english_sentence_makes_its_translation_stale_and_unused():
    old = _po([("k", "That is September's count.", "È il conteggio di settembre.")])
    template = translations._new_po()
    template.add("That is the count of September.", context="k")
    merged = translations.merged(template, old, "it")
    assert translations.stale_entries(merged) == ["k"]
    assert not translations.compiled([merged], "it").get("That is the count of September.",
                                                         context="k")
    unchanged = translations._new_po()
    unchanged.add("That is September's count.", context="k")
    kept = translations.merged(unchanged, old, "it")
    assert translations.stale_entries(kept) == [] and translations.missing_entries(kept) == []
    assert translations.compiled([kept], "it").get("That is September's count.",
                                                   context="k").string.startswith("È")


def test_the_library_speaks_the_chosen_language(tmp_path, monkeypatch):
    folder = tmp_path / "it" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalog = translations.read_po(_po([("hello", "Hello {name}!", "Ciao {name}!"),
                                        ("rate", "{rate:.1%} of {n:,} posts on {day:%A %d %B}",
                                         "{rate:.1%} di {n:,} post, {day:%A %d %B}")]), "it")
    (folder / "smmlab.mo").write_bytes(translations.compile_mo(catalog))
    monkeypatch.setattr(_messages, "LOCALE_DIR", tmp_path)
    _messages.translations.cache_clear()
    try:
        cat = _messages.Catalog({"en": {"hello": "Hello {name}!", "bye": "Bye"}})
        monkeypatch.setenv("SMMLAB_LANG", "it")
        assert cat.text("hello", name="Ada") == "Ciao Ada!"
        assert cat.text("bye") == "Bye"  # not translated yet: English
        rate = _messages.Catalog({"en": {"rate": "{rate:.1%} of {n:,} posts on {day:%A %d %B}"}})
        said = rate.text("rate", rate=0.049, n=1234, day=datetime.date(2025, 3, 3))
        assert said == "4,9\u00a0% di 1.234 post, lunedì 03 marzo"
        monkeypatch.setenv("SMMLAB_LANG", "en")
        assert cat.text("hello", name="Ada") == "Hello Ada!"
        assert rate.text("rate", rate=0.049, n=1234, day=datetime.date(2025, 3, 3)) == (
            "4.9% of 1,234 posts on Monday 03 March")
    finally:
        _messages.translations.cache_clear()
    with pytest.raises(ValueError, match="translations go in"):
        _messages.Catalog({"en": {}, "it": {}})


def test_a_translation_may_change_a_cells_text_but_not_its_code():
    source = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("## Step 1", id="l99-01"),
        nbformat.v4.new_code_cell('rate = posts["reach"].mean()  # the mean\n'
                                  'print(f"Mean reach: {rate:,.0f}")', id="l99-02")])
    good = _po([("l99-01", "## Step 1", "## Passo 1"),
                ("l99-02 code", source.cells[1].source,
                 'rate = posts["reach"].mean()  # la media\n'
                 'print(f"Copertura media: {rate:,.0f}")')])
    nb = translations.translated_notebook(source, translations.read_po(good, "it"), "it")
    assert nb.cells[0].source == 'import smmlab\n\nsmmlab.set_language("it")'
    assert nb.cells[1].source == "## Passo 1" and "Copertura media" in nb.cells[2].source
    assert nb.metadata["smmlab"]["language"] == "it"
    bad = _po([("l99-02 code", source.cells[1].source,
                'rate = posts["copertura"].mean()  # la media\nprint(f"{rate}")')])
    with pytest.raises(ValueError, match="changes its code"):
        translations.translated_notebook(source, translations.read_po(bad, "it"), "it")
    assert translations.problems(translations.read_po(bad, "it"), messages=False)


def test_a_message_must_keep_its_fields():
    catalog = translations.read_po(_po([("k", "{n} posts in {month}", "{n} post a {mese}")]),
                                   "it")
    assert translations.problems(catalog) == [
        "k: the translation's fields {mese} {n} differ from the English's {month} {n}"]


def test_build_check_fails_on_a_stale_lesson_translation(tmp_path):
    lesson = sorted(lessons_dir().glob("00_*.ipynb"))[0]
    source = nbformat.read(lesson, as_version=4)
    first = source.cells[0]
    po = translations.lesson_po_path(lesson, "it", tmp_path)
    po.parent.mkdir(parents=True)
    po.write_text(_po([(first.id, first.source + " (an older English)", "# Vecchio titolo")]),
                  encoding="utf-8")
    build.build(tmp_path)
    assert po in build.stale_translations(tmp_path)
    result = subprocess.run([sys.executable, "-m", "smmlab.cli", "build", "--check", "--root",
                             str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "stale" in result.stderr and first.id in result.stderr
    assert not (tmp_path / "notebooks" / "it" / lesson.name).exists()  # incomplete: unpublished


@pytest.mark.parametrize("path", sorted((ROOT / "smmlab").rglob("locale/**/*.po")),
                         ids=lambda p: p.name)
def test_every_translation_file_keeps_fields_and_code(path):
    messages = path.parent.name == "messages"
    language = path.parents[1].name if messages else path.parent.name
    catalog = translations.read_po(path.read_text(encoding="utf-8"), language)
    assert translations.problems(catalog, messages=messages) == []
    assert translations.stale_entries(catalog) == []


@pytest.mark.parametrize("language", translations.TRANSLATED)
def test_the_translated_notebooks_are_what_the_build_publishes(language):
    folder = ROOT / "notebooks" / language
    published = sorted(p.name for p in folder.glob("[0-9][0-9]_*.ipynb"))
    complete = []
    for lesson in sorted(lessons_dir().glob("[0-9][0-9]_*.ipynb")):
        po = translations.lesson_po_path(lesson, language)
        catalog = translations.read_po(po.read_text(encoding="utf-8"), language)
        if not translations.missing_entries(catalog):
            complete.append(lesson.name)
    assert published == complete
    for name in published:
        english = nbformat.read(ROOT / "notebooks" / "solutions" / name, as_version=4)
        translated = nbformat.read(folder / "solutions" / name, as_version=4)
        assert [c.id for c in translated.cells[1:]] == [c.id for c in english.cells]
        for mine, theirs in zip(translated.cells[1:], english.cells, strict=True):
            if mine.cell_type == "code":
                assert translations.code_skeleton(mine.source) == translations.code_skeleton(
                    theirs.source), mine.id


@pytest.mark.parametrize("language", translations.TRANSLATED)
def test_the_whole_course_is_translated(language):
    lessons = sorted(p.name for p in lessons_dir().glob("[0-9][0-9]_*.ipynb"))
    folder = ROOT / "notebooks" / language
    assert sorted(p.name for p in folder.glob("[0-9][0-9]_*.ipynb")) == lessons
    for path in sorted((ROOT / "smmlab" / "locale" / language / "messages").glob("*.po")):
        catalog = translations.read_po(path.read_text(encoding="utf-8"), language)
        assert translations.missing_entries(catalog) == [], path.name


def _translated_notebooks() -> list[tuple[Path, str]]:
    out = []
    for language in translations.TRANSLATED:
        folder = ROOT / "notebooks" / language
        out += [(p, "not_attempted") for p in sorted(folder.glob("[0-9][0-9]_*.ipynb"))]
        out += [(p, "correct") for p in sorted((folder / "solutions").glob("[0-9][0-9]_*"))]
    return out


@pytest.mark.parametrize(("path", "expect"), _translated_notebooks(),
                         ids=lambda v: f"{v.parent.name}/{v.name}" if isinstance(v, Path) else v)
def test_each_translated_notebook_runs_in_its_own_kernel(path, expect, tmp_path):
    """Like ``make notebooks`` (nbval): every check's outcome asserted, in a fresh kernel."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    env = {"SMMLAB_EXPECT": expect, "MPLBACKEND": "Agg", "SMMLAB_HOME": str(tmp_path / "home")}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    shown = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                      for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    if expect == "correct":
        assert "✓" in shown


def test_the_translators_checker_reports_and_fails_clearly(tmp_path, capsys):
    """``python -m smmlab.exercises.translations``: a report per file, usage and clear errors."""
    po = translations.lesson_po_path(lessons_dir() / "05_noise_or_crisis.ipynb", "it")
    assert translations.main([str(po)]) == 0
    assert "0 to translate, 0 stale, 0 problems" in capsys.readouterr().out
    with pytest.raises(SystemExit) as missing:
        translations.main([str(tmp_path / "nope.po")])
    assert missing.value.code == 2 and "cannot read" in capsys.readouterr().err
    with pytest.raises(SystemExit) as no_files:
        translations.main([])
    assert no_files.value.code == 2 and "FILE.po" in capsys.readouterr().err

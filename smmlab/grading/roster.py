"""The roster: who the learners are, and which submitted file belongs to whom.

The roster is the truth: a notebook's own claim about its owner is ignored.
A file belongs to the learner whose folder name, id or e-mail appears in its
path (workshop folders are named by :func:`slug`; LMS exports put the learner's
name or id in the file name).
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from smmlab._messages import Catalog
from smmlab.grading._messages import MESSAGES

if TYPE_CHECKING:  # pragma: no cover
    from smmlab.grading.grader import Graded


@dataclasses.dataclass(frozen=True)
class Learner:
    """One learner of the roster."""

    learner_id: str
    name: str
    email: str

    @property
    def slug(self) -> str:
        """A safe, unique folder name for this learner (see :func:`slug`)."""
        return slug(self.learner_id)


def slug(learner_id: str) -> str:
    """A folder-safe name: the id in lower case letters, digits and dashes, plus a short hash.

    The hash keeps two ids that differ only in punctuation apart.

    Examples
    --------
    >>> slug("Ada.Lovelace@example.org")
    'ada-lovelace-example-org-7799'
    """
    cleaned = re.sub(r"[^a-z0-9]+", "-", learner_id.strip().lower()).strip("-")[:40] or "learner"
    digest = hashlib.sha256(learner_id.strip().lower().encode()).hexdigest()[:4]
    return f"{cleaned}-{digest}"


def read_roster(path: str | os.PathLike[str]) -> list[Learner]:
    """Read a roster CSV with a ``learner_id`` column (``name`` and ``email`` optional).

    Raises
    ------
    ValueError
        Missing id column, empty roster, or a learner listed twice.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as fh:
    ...     _ = fh.write("learner_id,name\\nada@example.org,Ada\\n")
    >>> read_roster(fh.name)[0].name
    'Ada'
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    table.columns = [c.strip().lower() for c in table.columns]
    if "learner_id" not in table.columns:
        raise ValueError(MESSAGES.text("roster_missing_column", column="learner_id",
                                       have=list(table.columns)))
    learners = []
    seen: set[str] = set()
    for row in table.itertuples(index=False):
        learner_id = str(row.learner_id).strip()
        if not learner_id:
            continue
        key = learner_id.lower()
        if key in seen:
            raise ValueError(MESSAGES.text("roster_duplicate", learner=learner_id))
        seen.add(key)
        learners.append(Learner(learner_id, str(getattr(row, "name", "") or learner_id).strip(),
                                str(getattr(row, "email", "") or "").strip()))
    if not learners:
        raise ValueError(MESSAGES.text("roster_empty", path=path))
    return learners


def match(path: Path, learners: list[Learner]) -> Learner | None:
    """The roster learner a submitted file belongs to, or None.

    The longest matching key wins (slug, id, e-mail or name, compared in lower
    case with punctuation ignored), so ``ana`` does not steal ``anabel``'s file.

    Examples
    --------
    >>> people = [Learner("ana", "Ana", ""), Learner("anabel", "Anabel", "")]
    >>> match(Path("anabel_00_first_report.ipynb"), people).learner_id
    'anabel'
    """
    text = re.sub(r"[^a-z0-9]+", " ", str(path).lower())
    best: tuple[int, Learner] | None = None
    for learner in learners:
        keys = {learner.slug, learner.learner_id, learner.email, learner.name}
        for key in keys:
            norm = re.sub(r"[^a-z0-9]+", " ", key.lower()).strip()
            if norm and re.search(rf"(^| ){re.escape(norm)}( |$)", text):
                if best is None or len(norm) > best[0]:
                    best = (len(norm), learner)
    return best[1] if best else None


# --- Which file is graded for whom -------------------------------------------------------------

TEXT = Catalog(
    {
        "en": {
            "by_folder": "in {learner}'s workshop folder",
            "by_folder_key": "in a folder named after {learner}",
            "by_file_name": "its file name names {learner}",
            "no_roster": "graded as self-study work (no roster)",
            "other_lesson": "a notebook of lesson {other}, not of lesson {lesson}: not graded",
            "flagged": (
                "named after {named} but found in {owner}'s folder: not graded and credited to "
                "nobody; check it by hand"
            ),
            "ambiguous": "its name matches several learners ({names}): credited to nobody",
            "unknown": "matches no learner on the roster",
            "duplicate": "not graded: {chosen} was graded for {learner} instead",
            "conflict": (
                "{count} notebooks for lesson {lesson} were found for this learner; graded "
                "{chosen} because {why}; not graded: {others}."
            ),
            "why_name": "it has the lesson's own file name",
            "why_lesson": "its name is the lesson's and the others' are not",
            "why_strength": "it sits in the learner's own workshop folder",
            "why_newest": "it was saved last",
            "why_order": "it comes first in name order (nothing else tells them apart)",
            "missing": "no notebook for lesson {lesson} was found",
            "files_note": (
                "  files: {folder}/files.csv (which file was graded for whom; the files not "
                "graded and why)"
            ),
        }
    }
)

#: What the grader does with a file (``Placement.action``).
GRADE, DUPLICATE, OTHER_LESSON, FLAGGED, AMBIGUOUS, UNKNOWN, MISSING = (
    "graded", "duplicate", "other lesson", "flagged", "ambiguous", "unknown", "missing")


@dataclasses.dataclass(frozen=True)
class Submitted:
    """A notebook found among the submissions, with where it was found.

    Parameters
    ----------
    path : Path
        Where the file is on disk (possibly unpacked from a zip).
    parts : tuple of str
        The folders it was found in, outermost first, relative to the folder
        or zip the instructor gave, then its file name. Only these are matched
        against the roster, never the rest of the path.
    label : str
        A short name for reports (the relative path without ``.ipynb``).
    """

    path: Path
    parts: tuple[str, ...]
    label: str


@dataclasses.dataclass(frozen=True)
class Placement:
    """What the grader does with one file (or, for ``missing``, one learner without a file).

    ``action`` is one of ``graded``, ``duplicate``, ``other lesson``, ``flagged``,
    ``ambiguous``, ``unknown`` or ``missing``; ``reason`` says why in a sentence.
    """

    file: Submitted | None
    learner: Learner | None
    action: str
    reason: str
    conflict: bool = False


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _keys(learner: Learner) -> set[str]:
    keys = {_norm(k) for k in (learner.slug, learner.learner_id, learner.email, learner.name)}
    return {k for k in keys if len(k) >= 2}


def named(text: str, learners: Sequence[Learner]) -> list[Learner]:
    """The learners a piece of a path names, longest key first; several means ambiguous.

    A key (slug, id, e-mail or name, in lower case, punctuation ignored) must
    appear as whole words. A match inside a longer match of another learner
    does not count, so ``ana`` does not claim ``ana maria``'s file.

    Examples
    --------
    >>> people = [Learner("ana", "Ana", ""), Learner("anabel", "Anabel", ""),
    ...           Learner("ana.maria", "Ana Maria", "")]
    >>> [p.learner_id for p in named("Ana Maria_00.ipynb", people)]
    ['ana.maria']
    >>> [p.learner_id for p in named("ana_and_anabel.ipynb", people)]
    ['anabel', 'ana']
    """
    words = f" {_norm(text)} "
    spans: list[tuple[int, int, int, Learner]] = []
    for order, learner in enumerate(learners):
        for key in _keys(learner):
            start = words.find(f" {key} ")
            while start >= 0:
                spans.append((start + 1, start + 1 + len(key), order, learner))
                start = words.find(f" {key} ", start + 1)
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0], s[2]))
    kept: list[tuple[int, int, int, Learner]] = []
    for span in spans:
        inside = any(k[0] <= span[0] and span[1] <= k[1] and k[3] != span[3]
                     and (k[1] - k[0]) > (span[1] - span[0]) for k in kept)
        if not inside:
            kept.append(span)
    out: list[Learner] = []
    for *_, learner in kept:
        if learner not in out:
            out.append(learner)
    return out


def lesson_of(file_name: str, lessons: Mapping[str, str]) -> str | None:
    """The lesson a file name says it is (``"01"``), or None if it does not say.

    ``lessons`` maps lesson numbers to their notebook names
    (``{"00": "00_first_report.ipynb", ...}``). A name says its lesson by
    holding that notebook's name (``00_first_report (1).ipynb``,
    ``Ada_00_first_report.ipynb``) or by starting with the lesson's number
    (``01-mine.ipynb``).

    Examples
    --------
    >>> names = {"00": "00_first_report.ipynb", "01": "01_metrics_that_matter.ipynb"}
    >>> lesson_of("Copy of 01_metrics_that_matter.ipynb", names), lesson_of("ada.ipynb", names)
    ('01', None)
    >>> lesson_of("00-draft.ipynb", names)
    '00'
    """
    words = f" {_norm(Path(file_name).stem)} "
    for number, name in sorted(lessons.items()):
        if f" {_norm(Path(name).stem)} " in words:
            return number
    start = re.match(r"(\d\d)(?:[ _.-]|$)", Path(file_name).stem)
    if start and start.group(1) in lessons:
        return start.group(1)
    return None


def _strip_lessons(file_name: str, lessons: Mapping[str, str]) -> str:
    words = f" {_norm(Path(file_name).stem)} "
    for name in lessons.values():
        words = words.replace(f" {_norm(Path(name).stem)} ", " ")
    return words.strip()


def assign(files: Sequence[Submitted], learners: Sequence[Learner] | None, *, lesson: str,
           lessons: Mapping[str, str]) -> list[Placement]:
    """Decide, for every submitted file, whose work it is and whether it is graded.

    The rules, in order:

    1. A file whose name says it belongs to another lesson is not graded
       (``other lesson``).
    2. The learner is the one whose folder holds the file: the outermost
       folder that is a learner's workshop folder (:func:`slug`) or names one
       learner (an LMS export folder such as ``Ada Lovelace_123_assignsubmission``).
    3. In a learner's folder, a file (or a deeper folder) that names another
       learner is ``flagged`` and credited to nobody.
    4. Outside any learner's folder, a roster key in the file name decides,
       only if it names exactly one learner (else ``ambiguous``; none:
       ``unknown``).
    5. One learner, several files for the lesson: one is graded, the others
       are ``duplicate``: the lesson's own file name first, then a name that
       names the lesson, then the learner's own workshop folder, then the
       file saved last, then name order. The graded one's reason says which
       and why.

    Without a roster (``learners=None``) every file of the lesson is graded
    on its own, named by its label. Learners of the roster with no file get a
    ``missing`` placement.

    Parameters
    ----------
    files : sequence of Submitted
        Every notebook found.
    learners : sequence of Learner or None
        The roster, or None for self-study grading.
    lesson : str
        The lesson being graded (``"00"``).
    lessons : mapping of str to str
        Lesson number to the lesson's notebook file name, for every lesson.

    Returns
    -------
    list of Placement
        One per file, then one per learner with no file.

    Examples
    --------
    >>> people = [Learner("ada@example.org", "Ada", ""), Learner("bob@example.org", "Bob", "")]
    >>> names = {"00": "00_first_report.ipynb", "01": "01_metrics_that_matter.ipynb"}
    >>> bob = people[1].slug
    >>> found = [Submitted(Path(p), tuple(p.split("/")), p) for p in
    ...          [f"{bob}/00_first_report.ipynb", f"{bob}/ada@example.org.ipynb",
    ...           f"{bob}/01_metrics_that_matter.ipynb"]]
    >>> [(p.action, p.learner and p.learner.name) for p in assign(found, people, lesson="00",
    ...                                                            lessons=names)]
    [('graded', 'Bob'), ('flagged', None), ('other lesson', None), ('missing', 'Ada')]
    """
    if lesson not in lessons:
        raise ValueError(f"lesson must be one of {sorted(lessons)}; got {lesson!r}")
    placed: dict[int, Placement] = {}
    candidates: dict[str, list[tuple[tuple, Submitted, str, int]]] = {}
    by_id = {lr.learner_id: lr for lr in learners or []}
    for index, item in enumerate(files):
        other = lesson_of(item.parts[-1] if item.parts else item.path.name, lessons)
        if other is not None and other != lesson:
            placed[index] = Placement(item, None, OTHER_LESSON,
                                      TEXT.text("other_lesson", other=other, lesson=lesson))
            continue
        if learners is None:
            placed[index] = Placement(item, None, GRADE, TEXT.text("no_roster"))
            continue
        decided = _owner(item, list(learners), lessons)
        if isinstance(decided, Placement):
            placed[index] = decided
            continue
        learner, strength, why = decided
        file_name = item.parts[-1] if item.parts else item.path.name
        rank = (0 if file_name.lower() == lessons[lesson].lower() else
                1 if other == lesson else 2, strength, -_mtime(item.path), item.label)
        candidates.setdefault(learner.learner_id, []).append((rank, item, why, index))
    for learner_id, found in candidates.items():
        learner = by_id[learner_id]
        found.sort(key=lambda f: f[0])
        (rank, chosen, why, at), rest = found[0], found[1:]
        reason = why
        if rest:
            reason = TEXT.text("conflict", count=len(found), lesson=lesson, chosen=chosen.label,
                               why=_why(rank, rest[0][0]),
                               others=", ".join(r[1].label for r in rest))
        placed[at] = Placement(chosen, learner, GRADE, reason, conflict=bool(rest))
        for r in rest:
            placed[r[3]] = Placement(r[1], learner, DUPLICATE, TEXT.text(
                "duplicate", chosen=chosen.label, learner=learner.learner_id))
    placements = [placed[i] for i in sorted(placed)]
    for learner in learners or []:
        if learner.learner_id not in candidates:
            placements.append(Placement(None, learner, MISSING,
                                        TEXT.text("missing", lesson=lesson)))
    return placements


def _mtime(path: Path) -> float:
    try:
        return round(path.lstat().st_mtime, 3)
    except OSError:
        return 0.0


def _why(chosen: tuple, runner_up: tuple) -> str:
    for index, key in enumerate(("why_name", "why_strength", "why_newest", "why_order")):
        if chosen[index] != runner_up[index]:
            if key == "why_name" and chosen[0] == 1:
                key = "why_lesson"
            return TEXT.text(key)
    return TEXT.text("why_order")


def _owner(item: Submitted, learners: list[Learner], lessons: Mapping[str, str]
           ) -> tuple[Learner, int, str] | Placement:
    """The learner a file belongs to, how strongly (0 strongest) and why; or a Placement."""
    slugs = {lr.slug: lr for lr in learners}
    folders, file_name = item.parts[:-1], (item.parts[-1] if item.parts else item.path.name)
    owner: Learner | None = None
    strength, why = 0, ""
    deeper: list[str] = []
    for folder in folders:
        if owner is None:
            if folder in slugs:
                owner, strength = slugs[folder], 0
                why = TEXT.text("by_folder", learner=owner.learner_id)
                continue
            who = named(folder, learners)
            if len(who) > 1:
                return Placement(item, None, AMBIGUOUS, TEXT.text(
                    "ambiguous", names=", ".join(w.learner_id for w in who)))
            if who:
                owner, strength = who[0], 1
                why = TEXT.text("by_folder_key", learner=owner.learner_id)
        else:
            deeper.append(folder)
    in_name = named(_strip_lessons(file_name, lessons), learners)
    if owner is not None:
        intruders = [w for text in deeper for w in ([slugs[text]] if text in slugs else
                                                     named(text, learners))]
        intruders += in_name
        strangers = [w for w in intruders if w != owner]
        if strangers:
            return Placement(item, None, FLAGGED, TEXT.text(
                "flagged", named=strangers[0].learner_id, owner=owner.learner_id))
        return owner, strength, why
    if len(in_name) == 1:
        return in_name[0], 2, TEXT.text("by_file_name", learner=in_name[0].learner_id)
    if len(in_name) > 1:
        return Placement(item, None, AMBIGUOUS, TEXT.text(
            "ambiguous", names=", ".join(w.learner_id for w in in_name)))
    return Placement(item, None, UNKNOWN, TEXT.text("unknown"))


def placements_csv(placements: Sequence[Placement]) -> str:
    """The instructor's list of every file and what was done with it, as CSV text.

    Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return) are prefixed with ``'``.

    Examples
    --------
    >>> item = Submitted(Path("=HYPERLINK(1).ipynb"), ("=HYPERLINK(1).ipynb",), "=HYPERLINK(1)")
    >>> print(placements_csv([Placement(item, None, UNKNOWN, "no match")]), end="")
    file,learner_id,action,reason
    '=HYPERLINK(1),,unknown,no match
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "learner_id", "action", "reason"])
    for p in placements:
        writer.writerow([_cell(v) for v in (p.file.label if p.file else "",
                                            p.learner.learner_id if p.learner else "",
                                            p.action, p.reason)])
    return buffer.getvalue()


def _cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def locate(path: Path, given: Sequence[str | os.PathLike[str]], scratch: Path) -> Submitted:
    """Where a collected notebook was found, relative to what the instructor gave.

    A file inside a given folder keeps its folders below that folder; a file
    unpacked from a zip (under ``scratch``) keeps its folders inside the zip;
    a file given by itself keeps its parent folder's name (``learners/*/00_x.ipynb``
    as the shell expands it), and its label is its name.

    Examples
    --------
    >>> locate(Path("in/ada-1/00_a.ipynb"), ["in"], Path("/nowhere")).parts
    ('ada-1', '00_a.ipynb')
    >>> item = locate(Path("/s/zip-0-export/Ada_1/00_a.ipynb"), ["export.zip"], Path("/s"))
    >>> item.parts, item.label
    (('Ada_1', '00_a.ipynb'), 'Ada_1/00_a')
    >>> locate(Path("in/ada-1/00_a.ipynb"), ["in/ada-1/00_a.ipynb"], Path("/s")).label
    '00_a'
    """
    def relative(base: Path) -> tuple[str, ...] | None:
        for a, b in ((path, base), (path.absolute(), base.absolute())):
            try:
                return a.relative_to(b).parts
            except ValueError:
                continue
        return None

    inside = relative(scratch)
    if inside is not None and len(inside) >= 2:
        parts = inside[1:]
        return Submitted(path, parts, _label(parts))
    best: tuple[str, ...] | None = None
    for raw in given:
        base = Path(raw)
        if base.suffix.lower() in (".ipynb", ".zip"):
            continue
        rel = relative(base)
        if rel and (best is None or len(rel) < len(best)):
            best = rel
    if best:
        return Submitted(path, best, _label(best))
    return Submitted(path, (path.parent.name, path.name) if path.parent.name else (path.name,),
                     path.stem)


def _label(parts: Sequence[str]) -> str:
    joined = "/".join(parts)
    return joined[:-len(".ipynb")] if joined.lower().endswith(".ipynb") else joined


def annotate(graded: Graded, placement: Placement) -> Graded:
    """Name a graded row after its placement: its label without a roster, and any conflict.

    Examples
    --------
    >>> from smmlab.grading.grader import Graded
    >>> g = Graded("x", "x", "", "x.ipynb", "ok", "", 1.0, [], {}, {})
    >>> item = Submitted(Path("a/x.ipynb"), ("a", "x.ipynb"), "a/x")
    >>> annotate(g, Placement(item, None, GRADE, "")).learner_id
    'a/x'
    """
    if placement.learner is None and placement.file is not None:
        graded.learner_id = graded.name = placement.file.label
    if placement.conflict:
        graded.reason = f"{placement.reason} {graded.reason}".strip()
    return graded

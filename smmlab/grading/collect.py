"""Collect learners' notebooks into a submissions folder that ``smmlab grade`` reads.

``smmlab collect`` gathers, for the chosen lessons, every learner's notebooks from
where they work, and copies them into one folder::

    OUT/<learner folder>/NN_slug.ipynb   a read-only copy (its modification time: the source's)
    OUT/manifest.csv                     one row per copy: learner, lesson, source, source time,
                                         size, SHA-256, late or not, and what this run did

Where learners work is a *pattern*: a path holding ``{learner}`` once, as a whole
folder name, and then (optionally) a glob of notebooks inside that folder:

* a workshop folder (``smmlab workshop``): ``WORKSHOP/learners/{learner}/*.ipynb``
  (``--workshop WORKSHOP`` writes this pattern for you, and reads its roster);
* a JupyterHub's home folders: ``/home/{learner}/*.ipynb`` (The Littlest
  JupyterHub names them ``/home/jupyter-<user>``: ``/home/jupyter-{learner}/*.ipynb``);
  a pattern that ends with a folder means every notebook below it.

The folder name found in place of ``{learner}`` is matched to the roster by
learner id, by e-mail, or by the learner's workshop folder name
(:func:`smmlab.grading.roster.slug`), ignoring case. Without a roster each
folder name is a learner id. Copies go to ``OUT/<slug of the learner id>/``,
the learner's own folder for the grader (see :mod:`smmlab.grading.roster`), so
``smmlab grade OUT --lesson NN --roster ROSTER.csv`` credits each file to its
learner.

Rules that keep it safe and cheap:

* The learner's files are only read, never written, renamed or touched: a
  notebook is read once with ``O_NOFOLLOW`` (no symbolic links: a link in a
  learner's folder could point at someone else's work or at the answer keys), a
  regular file of at most 20 MB, and a file whose real path leaves the
  learner's folder is skipped.
* Copies are written atomically, then made read-only (the write bits removed;
  the read bits follow the umask). Their modification time is set to the
  source's, so the grader's "saved last" rule still works.
* A file modified after ``deadline`` is flagged ``late`` in the manifest, which
  records the deadline: a re-run without one keeps it.
* Re-running looks at each source's size and modification time: an unchanged
  file whose copy is still there is not read again (``unchanged``); a changed
  one replaces its copy (``updated``).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from smmlab._files import write_atomic
from smmlab.grading._read import UnreadableFile, read_regular
from smmlab.grading.roster import Learner, lesson_of, read_roster, slug

PLACEHOLDER = "{learner}"
MAX_BYTES = 20_000_000  # as the grader's MAX_NOTEBOOK_BYTES
MANIFEST = "manifest.csv"
COLUMNS = ("learner_id", "lesson", "file", "source", "source_mtime", "size", "sha256", "late",
           "deadline", "action")
#: What a run did with a file (the manifest's ``action`` column).
NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"


@dataclasses.dataclass
class Collected:
    """What :func:`collect_work` did.

    Attributes
    ----------
    folder : Path
        The submissions folder.
    rows : list of dict
        The manifest's rows (one per copy, also those collected by earlier runs).
    skipped : list of tuple of (str, str)
        Sources not copied, with the reason (not on the roster, a link, too large...).
    missing : list of tuple of (str, str)
        ``(learner_id, lesson)`` for roster learners without a notebook of that lesson.
    """

    folder: Path
    rows: list[dict[str, str]]
    skipped: list[tuple[str, str]]
    missing: list[tuple[str, str]]

    def count(self, action: str) -> int:
        """How many rows this run marked ``action`` (``new``, ``updated``, ``unchanged``)."""
        return sum(r["action"] == action for r in self.rows)


def parse_deadline(text: str | dt.datetime | None) -> dt.datetime | None:
    """A deadline as an aware date-time; text is ISO 8601, and without a zone it is UTC.

    Examples
    --------
    >>> parse_deadline("2026-05-01T18:00")
    datetime.datetime(2026, 5, 1, 18, 0, tzinfo=datetime.timezone.utc)
    >>> parse_deadline("2026-05-01T18:00+02:00").isoformat()
    '2026-05-01T18:00:00+02:00'
    >>> parse_deadline("Friday")
    Traceback (most recent call last):
    ...
    ValueError: deadline must be an ISO 8601 date-time such as 2026-05-01T18:00 (UTC) or \
2026-05-01T18:00+02:00; got 'Friday'
    """
    if text is None:
        return None
    if isinstance(text, dt.datetime):
        when = text
    else:
        try:
            when = dt.datetime.fromisoformat(str(text).strip())
        except ValueError:
            raise ValueError("deadline must be an ISO 8601 date-time such as 2026-05-01T18:00 "
                             f"(UTC) or 2026-05-01T18:00+02:00; got {text!r}") from None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def split_pattern(pattern: str) -> tuple[Path, str]:
    """A ``--from`` pattern as (the folder holding the learners' folders, the glob inside one).

    Examples
    --------
    >>> split_pattern("/home/jupyter-{learner}/*.ipynb")
    (PosixPath('/home'), 'jupyter-*')
    >>> split_pattern("ws/learners/{learner}")
    (PosixPath('ws/learners'), '*')
    >>> split_pattern("/home/{learner}-x/*.ipynb")[1]
    '*-x'
    >>> split_pattern("/home/*/{learner}")
    Traceback (most recent call last):
    ...
    ValueError: --from pattern: the folders before {learner} cannot hold wildcards (* ? [); \
got '/home/*/{learner}'
    """
    if pattern.count(PLACEHOLDER) != 1:
        raise ValueError(f"--from pattern must hold {PLACEHOLDER} exactly once, as (part of) a "
                         f"folder name, e.g. /home/{PLACEHOLDER}/*.ipynb; got {pattern!r}")
    head, _, _ = pattern.partition(PLACEHOLDER)
    parent = head.rsplit("/", 1)[0] if "/" in head else "."
    if re.search(r"[*?\[]", parent):
        raise ValueError("--from pattern: the folders before {learner} cannot hold wildcards "
                         f"(* ? [); got {pattern!r}")
    component = pattern[len(parent) + 1:] if "/" in head else pattern
    component = component.split("/", 1)[0]
    if re.search(r"[*?\[]", component.replace(PLACEHOLDER, "")):
        raise ValueError("--from pattern: the folder name holding {learner} cannot hold "
                         f"wildcards; got {pattern!r}")
    return Path(parent or "/"), component.replace(PLACEHOLDER, "*")


def _inside(pattern: str) -> str:
    """The glob of notebooks inside one learner's folder (default: every notebook below it)."""
    tail = pattern.partition(PLACEHOLDER)[2]
    tail = tail.split("/", 1)[1] if "/" in tail else ""
    if not tail or not tail.lower().endswith(".ipynb"):
        tail = (tail.rstrip("/") + "/" if tail else "") + "**/*.ipynb"
    return tail


def _key_of(component: str, folder_name: str) -> str:
    """The text that stood for ``{learner}`` in ``folder_name``."""
    before, _, after = component.partition("*")
    return folder_name[len(before):len(folder_name) - len(after) or None]


def _by_key(learners: Sequence[Learner]) -> dict[str, Learner]:
    keys: dict[str, Learner] = {}
    for lr in learners:
        for key in (lr.learner_id, lr.slug, lr.email):
            if key:
                keys.setdefault(key.strip().lower(), lr)
    return keys


def _lesson_files() -> dict[str, str]:
    from smmlab.exercises.build import lessons_dir

    return {p.name[:2]: p.name for p in sorted(lessons_dir().glob("[0-9][0-9]_*.ipynb"))}


def _iso(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).isoformat(timespec="seconds")


def _read_manifest(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh) if row.get("file")}


def _cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def manifest_csv(rows: Sequence[dict[str, str]]) -> str:
    """The manifest as CSV text (formula-like cells escaped with a leading ``'``).

    Examples
    --------
    >>> print(manifest_csv([dict.fromkeys(COLUMNS, "=1")]).splitlines()[1])
    '=1,'=1,'=1,'=1,'=1,'=1,'=1,'=1,'=1,'=1
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(str(row.get(c, ""))) for c in COLUMNS])
    return buffer.getvalue()


def collect_work(
    pattern: str,
    out: str | os.PathLike[str],
    *,
    lessons: Sequence[str],
    roster: str | os.PathLike[str] | None = None,
    deadline: str | dt.datetime | None = None,
) -> Collected:
    """Copy each learner's notebooks of ``lessons`` into ``out`` (see the module docstring).

    Parameters
    ----------
    pattern : str
        Where learners' notebooks are, with ``{learner}`` standing for a learner's
        folder name: ``/home/{learner}/*.ipynb``, ``WORKSHOP/learners/{learner}``.
    out : path
        The submissions folder (made if missing) that ``smmlab grade`` reads.
    lessons : sequence of str
        Lesson numbers (``["00", "01"]``); a notebook's lesson is read from its
        file name (:func:`smmlab.grading.roster.lesson_of`).
    roster : path or None
        Roster CSV; folders of people not on it are skipped. Without a roster
        every folder is a learner named after it.
    deadline : str, datetime or None
        ISO 8601 date-time (UTC unless it says its zone): a notebook modified
        after it is flagged ``late``.

    Returns
    -------
    Collected
        The manifest's rows, the sources skipped and who has no notebook.

    Examples
    --------
    >>> import tempfile
    >>> from smmlab.grading.workshop import personal_notebook
    >>> from smmlab.exercises.build import lessons_dir
    >>> home = Path(tempfile.mkdtemp())
    >>> text = personal_notebook(lessons_dir() / "00_first_report.ipynb",
    ...                          Learner("ada", "Ada", ""), assessment=False, allow_hints=True)
    >>> _ = write_atomic(home / "ada" / "00_first_report.ipynb", text)
    >>> done = collect_work(str(home / "{learner}"), home / "subs", lessons=["00"])
    >>> [(r["learner_id"], r["file"], r["action"]) for r in done.rows]
    [('ada', 'ada-fdee/00_first_report.ipynb', 'new')]
    >>> collect_work(str(home / "{learner}"), home / "subs", lessons=["00"]).count("unchanged")
    1
    """
    root, component = split_pattern(str(pattern))
    inside = _inside(str(pattern))
    names = _lesson_files()
    wanted = []
    for number in lessons:
        code = str(number).zfill(2)
        if code not in names:
            raise ValueError(f"lessons must be among {sorted(names)}; got {number!r}")
        wanted.append(code)
    when = parse_deadline(deadline)
    learners = read_roster(roster) if roster is not None else None
    keys = _by_key(learners) if learners is not None else {}
    if not root.is_dir():
        raise ValueError(f"--from pattern: {root} is not a folder (pattern {pattern!r})")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    old = _read_manifest(folder / MANIFEST)
    if when is None:  # a re-run without --deadline keeps the deadline the manifest recorded
        when = parse_deadline(next((r["deadline"] for r in old.values() if r.get("deadline")),
                                   None))
    rows: dict[str, dict[str, str]] = dict(old)
    for row in rows.values():
        row["action"] = UNCHANGED
    skipped: list[tuple[str, str]] = []
    found: set[tuple[str, str]] = set()
    for home in sorted(root.glob(component)):
        if home.resolve() == folder.resolve() or not home.is_dir():
            continue
        if home.is_symlink():
            skipped.append((str(home), "a symbolic link, not a learner's own folder"))
            continue
        key = _key_of(component, home.name)
        if learners is None:
            learner = Learner(key, key, "")
        elif key.strip().lower() in keys:
            learner = keys[key.strip().lower()]
        else:
            skipped.append((str(home), "not on the roster"))
            continue
        real_home = home.resolve()
        for source in sorted(home.glob(inside)):
            if ".ipynb_checkpoints" in source.parts or "solutions" in source.parts:
                continue
            number = lesson_of(source.name, names)
            if number not in wanted:
                continue
            if not source.resolve().is_relative_to(real_home) or source.is_symlink():
                skipped.append((str(source), "a symbolic link, not the learner's own file"))
                continue
            name = f"{learner.slug}/{source.relative_to(home).as_posix().replace('/', '_')}"
            found.add((learner.learner_id, number))
            try:
                info = source.lstat()
            except OSError as err:
                skipped.append((str(source), f"unreadable: {err}"))
                continue
            target = folder / name
            before = old.get(name)
            if (before and target.exists() and before.get("source") == str(source)
                    and before.get("size") == str(info.st_size)
                    and before.get("source_mtime") == _iso(info.st_mtime)):
                before["late"] = _late(info.st_mtime, when)
                before["deadline"] = when.isoformat() if when else ""
                continue
            try:
                data = read_regular(source, limit=MAX_BYTES, what="The notebook")
            except UnreadableFile as err:
                skipped.append((str(source), str(err)))
                continue
            _copy(target, data, info.st_mtime)
            rows[name] = {
                "learner_id": learner.learner_id, "lesson": number, "file": name,
                "source": str(source), "source_mtime": _iso(info.st_mtime),
                "size": str(len(data)), "sha256": hashlib.sha256(data).hexdigest(),
                "late": _late(info.st_mtime, when), "action": UPDATED if before else NEW,
                "deadline": when.isoformat() if when else "",
            }
    write_atomic(folder / MANIFEST, manifest_csv([rows[k] for k in sorted(rows)]))
    missing = [(lr.learner_id, n) for lr in learners or [] for n in wanted
               if (lr.learner_id, n) not in found]
    return Collected(folder, [rows[k] for k in sorted(rows)], skipped, missing)


def _late(mtime: float, deadline: dt.datetime | None) -> str:
    if deadline is None:
        return ""
    return "late" if dt.datetime.fromtimestamp(mtime, dt.UTC) > deadline else ""


def _copy(target: Path, data: bytes, mtime: float) -> None:
    """Write a read-only copy of ``data`` at ``target`` with the source's modification time."""
    write_atomic(target, data)
    mode = stat.S_IMODE(target.stat().st_mode)
    os.chmod(target, mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    os.utime(target, (mtime, mtime))


def workshop_pattern(workshop: str | os.PathLike[str]) -> tuple[str, Path | None]:
    """The pattern of a workshop folder's learners, and its roster if it has one.

    Examples
    --------
    >>> workshop_pattern("ws")
    ('ws/learners/{learner}', None)
    """
    base = Path(workshop)
    roster = base / "instructor" / "roster.csv"
    return f"{base.as_posix()}/learners/{PLACEHOLDER}", roster if roster.exists() else None


__all__ = ["Collected", "collect_work", "manifest_csv", "parse_deadline", "split_pattern",
           "workshop_pattern", "slug"]

"""The roster: who the learners are, and which submitted file belongs to whom.

The roster is the truth: a notebook's own claim about its owner is ignored.
A file belongs to the learner whose folder name, id or e-mail appears in its
path (workshop folders are named by :func:`slug`; LMS exports put the learner's
name or id in the file name).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from pathlib import Path

import pandas as pd

from smmlab.grading._messages import MESSAGES


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

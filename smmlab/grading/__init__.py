"""The instructor's side: workshops with a brand per learner, and a grader that cannot be fooled.

- :func:`smmlab.grading.workshop.create_workshop` (``smmlab workshop``): a folder
  per learner with the learner notebooks and that learner's own data, and an
  instructor folder with every learner's answer key.
- :func:`smmlab.grading.grader.grade` (``smmlab grade``): runs each submission
  in its own kernel, extracts the answers as plain data and checks them in the
  grader's process with the same checks learners use.

Examples
--------
>>> from smmlab.grading import load_lesson
>>> sorted(load_lesson("00").exercises)[:2]
['q1', 'q2']
"""

from smmlab.grading.grader import Graded, grade, load_lesson
from smmlab.grading.roster import Learner, read_roster, slug

__all__ = ["Graded", "Learner", "grade", "load_lesson", "read_roster", "slug"]

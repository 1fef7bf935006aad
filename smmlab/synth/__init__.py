"""The data engine: seeded, vectorized generators for a fictional brand's social media data.

Every generator follows scikit-learn's ``make_*`` conventions: the size comes
first, everything else is keyword-only, ``random_state`` (int, Generator or
None) fixes the data, and ``return_truth=True`` also returns what was planted.
No generator touches numpy's or Python's global random state.

Examples
--------
>>> from smmlab.synth import make_posts
>>> make_posts(10, random_state=0).shape[0]
10
"""

from smmlab._random import learner_seed
from smmlab.synth.abtest import make_ab_test
from smmlab.synth.account import make_account_daily
from smmlab.synth.attribution import make_holdout, make_paths
from smmlab.synth.brand import PLATFORMS, Brand, make_brand
from smmlab.synth.campaigns import adstock, hill, make_campaigns, response_curve
from smmlab.synth.course import CANONICAL_SEED, TABLES, make_course_data
from smmlab.synth.listening import make_inbox, make_voice
from smmlab.synth.mentions import make_mentions
from smmlab.synth.posts import make_posts
from smmlab.synth.texts import make_mention_texts
from smmlab.synth.truth import EVENT_TYPES, Truth

__all__ = [
    "CANONICAL_SEED",
    "EVENT_TYPES",
    "PLATFORMS",
    "TABLES",
    "Brand",
    "Truth",
    "adstock",
    "hill",
    "learner_seed",
    "make_ab_test",
    "make_account_daily",
    "make_brand",
    "make_campaigns",
    "make_course_data",
    "make_holdout",
    "make_inbox",
    "make_mention_texts",
    "make_mentions",
    "make_paths",
    "make_posts",
    "make_voice",
    "response_curve",
]

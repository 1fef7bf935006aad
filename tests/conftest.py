"""Shared test set-up: never write to the tester's own smmlab progress file."""

from __future__ import annotations

import pytest
from hypothesis import settings

# Property tests check behaviour, never speed: no per-example deadline (a loaded CI machine
# would otherwise fail them at random). Speed is measured in benchmarks/.
settings.register_profile("smmlab", deadline=None)
settings.load_profile("smmlab")


@pytest.fixture(autouse=True)
def _private_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("SMMLAB_HOME", str(tmp_path / "smmlab-home"))
    monkeypatch.delenv("SMMLAB_EXPECT", raising=False)

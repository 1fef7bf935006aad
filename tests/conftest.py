"""Shared test set-up: never write to the tester's own smmlab progress file."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("SMMLAB_HOME", str(tmp_path / "smmlab-home"))
    monkeypatch.delenv("SMMLAB_EXPECT", raising=False)

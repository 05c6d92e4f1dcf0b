"""Shared integration fixtures: one build of seeds/ per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import BuildResult, build

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    """Build seeds/ once into a temporary folder; return the result and the folder."""
    out = tmp_path_factory.mktemp("seeds-build")
    return build([ROOT / "seeds"], out), out

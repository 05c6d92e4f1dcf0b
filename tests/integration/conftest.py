"""Shared integration fixtures: one build of seeds/ per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline.run import BuildResult, build

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    """Build seeds/ once into a temporary folder; return the result and the folder."""
    out = tmp_path_factory.mktemp("seeds-build")
    return build([ROOT / "seeds"], out), out


@pytest.fixture(scope="session")
def virtuoso_url(tmp_path_factory: pytest.TempPathFactory):
    """The base URL of one real Virtuoso for the whole session (skipped only if virtuoso-t is not installed)."""
    from virtuoso_server import binary, virtuoso

    if binary() is None:
        pytest.skip("virtuoso-t is not installed: apt-get install -y virtuoso-opensource (.ci/run does)")
    with virtuoso(tmp_path_factory.mktemp("virtuoso")) as base:
        yield base

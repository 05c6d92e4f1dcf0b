"""kg: build a knowledge graph of AI / AIGC careers from Chinese articles.

    >>> import kg
    >>> result = kg.build(["seeds"], "output")      # doctest: +SKIP
    >>> result.graph          # the canonical rdflib.Graph
    >>> result.networkx       # its NetworkX projection
    >>> result.report         # what run.json holds
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.core.config import Settings
from kg.core.errors import KGError

if TYPE_CHECKING:
    from kg.pipeline.run import BuildResult, build

__all__ = ["BuildResult", "KGError", "Settings", "build"]


def __getattr__(name: str) -> Any:
    """Import the pipeline on first use, so `kg --help` stays fast."""
    if name in ("build", "BuildResult"):
        from kg.pipeline import run as pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

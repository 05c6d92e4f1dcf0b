"""Loading a built graph back from Turtle, with a clear error when it is missing or malformed."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
from rdflib import Graph

from kg.errors import InputError


def load_graph(path: Path) -> Graph:
    """Parse a Turtle file produced by `kg build`, checked first by a strict parser (no invalid IRIs, no RDF/XML)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("graph file not found", where=str(path), fix="run `kg build` first or pass --graph PATH")
    try:
        for _ in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
            pass
    except (SyntaxError, ValueError, OSError, MemoryError) as exc:
        message = " ".join(str(exc).split())[:300] or type(exc).__name__
        raise InputError(f"cannot parse Turtle: {message}", where=str(path), fix="rebuild it with `kg build`") from None
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # noqa: BLE001 — rdflib raises several parser exception types
        raise InputError(f"cannot parse Turtle: {exc}", where=str(path), fix="rebuild it with `kg build`") from None
    return graph

"""Canonical blank-node labels: equal graphs give equal labels, trees without rdflib's slow general algorithm."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, Namespace
from rdflib.compare import isomorphic

from kg.graph import bnodes
from kg.graph.bnodes import canonical_graph

EX = Namespace("http://example.org/")


def nested(depth: int) -> Graph:
    """`:a :p [ :p [ … :b ] ]` and a list of lists as deep, with fresh blank nodes on every call."""
    graph, node = Graph(), EX.a
    for _ in range(depth):
        child = BNode()
        graph.add((node, EX.p, child))
        node = child
    graph.add((node, EX.p, EX.b))
    head = EX.a
    for level in range(depth):
        cell = BNode()
        graph.add((head, EX.q if level == 0 else EX.first, cell))
        graph.add((cell, EX.rest, Literal(level)))
        head = cell
    return graph


def labels(graph: Graph) -> set[str]:
    return {str(term) for triple in graph for term in triple if isinstance(term, BNode)}


@pytest.fixture()
def no_general_algorithm(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(graph: Graph) -> Graph:
        raise AssertionError("tree-shaped blank nodes must not need rdflib's canonicalisation")
    monkeypatch.setattr(bnodes, "to_canonical_graph", refuse)


def test_deep_trees_get_the_same_labels_whatever_the_input_labels(no_general_algorithm: None) -> None:
    first, second = canonical_graph(nested(3000)), canonical_graph(nested(3000))
    assert set(first) == set(second) and len(first) == len(nested(3000)) and len(labels(first)) == 6000
    assert isomorphic(canonical_graph(nested(20)), nested(20))


def test_identical_siblings_stay_two_nodes(no_general_algorithm: None) -> None:
    graph = Graph()
    for _ in range(2):
        node = BNode()
        graph.add((EX.a, EX.p, node))
        graph.add((node, EX.q, Literal(1)))
    canonical = canonical_graph(graph)
    assert len(canonical) == 4 and len(labels(canonical)) == 2 and isomorphic(canonical, graph)


def test_different_positions_give_different_labels(no_general_algorithm: None) -> None:
    graph = Graph()
    for subject in (EX.a, EX.b):
        node = BNode()
        graph.add((subject, EX.p, node))
        graph.add((node, EX.q, Literal(1)))
    assert len(labels(canonical_graph(graph))) == 2


@pytest.mark.parametrize("shape", ["shared", "cycle"])
def test_shared_or_cyclic_blank_nodes_use_the_general_algorithm(shape: str) -> None:
    def build() -> Graph:
        graph, x, y = Graph(), BNode(), BNode()
        graph.add((x, EX.p, y))
        graph.add((y, EX.p, x) if shape == "cycle" else (EX.a, EX.p, y))
        graph.add((EX.c, EX.p, x) if shape == "shared" else (x, EX.q, Literal(1)))
        return graph
    first, second = canonical_graph(build()), canonical_graph(build())
    assert set(first) == set(second) and isomorphic(first, build())


def test_a_graph_without_blank_nodes_is_returned_as_it_is() -> None:
    graph = Graph()
    graph.add((EX.a, EX.p, Literal("x")))
    assert canonical_graph(graph) is graph

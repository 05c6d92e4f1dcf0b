"""Canonical blank-node labels: linear for tree-shaped blank nodes (Turtle's [ ] and lists), rdflib's otherwise."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph
from rdflib.term import Node


def canonical_graph(graph: Graph) -> Graph:
    """The graph with blank nodes named by their content and position, so equal graphs give equal labels."""
    incoming: dict[BNode, list[tuple[Node, Node]]] = defaultdict(list)
    outgoing: dict[BNode, list[tuple[Node, Node]]] = defaultdict(list)
    for s, p, o in graph:
        if isinstance(s, BNode):
            outgoing[s].append((p, o))
        if isinstance(o, BNode):
            incoming[o].append((s, p))
    nodes = set(incoming) | set(outgoing)
    if not nodes:
        return graph
    labels = _tree_labels(nodes, incoming, outgoing)
    if labels is None:  # shared or cyclic blank nodes: the general (exponential in the worst case) algorithm
        return to_canonical_graph(graph)
    canonical = Graph()
    for prefix, namespace in graph.namespaces():
        canonical.bind(prefix, namespace, override=True)
    for triple in graph:
        canonical.add(tuple(labels.get(term, term) for term in triple))
    return canonical


def _tree_labels(nodes: set[BNode], incoming: dict, outgoing: dict) -> dict[BNode, BNode] | None:
    """Labels when every blank node is the object of at most one triple and none lies on a cycle; else None."""
    if any(len(parents) > 1 for parents in incoming.values()):
        return None
    content = _content_hashes(nodes, outgoing)
    if content is None:
        return None
    labels: dict[BNode, BNode] = {}
    taken: dict[str, int] = defaultdict(int)
    queue = [node for node in nodes if node not in incoming or not isinstance(incoming[node][0][0], BNode)]
    while queue:
        node = queue.pop()
        parent = incoming[node][0] if node in incoming else None
        where = "" if parent is None else f"{_term_key(parent[0], labels)} {parent[1].n3()}"
        key = _digest(f"{where} {content[node]}")
        taken[key] += 1  # identical siblings are interchangeable: numbering them in any order gives the same bytes
        labels[node] = BNode("c" + _digest(f"{key} {taken[key]}")[:40])
        queue.extend(o for _, o in outgoing.get(node, ()) if isinstance(o, BNode))
    return labels if len(labels) == len(nodes) else None


def _content_hashes(nodes: set[BNode], outgoing: dict) -> dict[BNode, str] | None:
    """Each blank node's hash of everything below it, computed bottom-up without recursion; None on a cycle."""
    content: dict[BNode, str] = {}
    for root in sorted(nodes, key=str):
        stack, entered = [root], set()
        while stack:
            node = stack[-1]
            if node in content:
                stack.pop()
                continue
            children = [o for _, o in outgoing.get(node, ()) if isinstance(o, BNode) and o not in content]
            if node in entered:
                if children:
                    return None  # a child still open is an ancestor: a cycle
                lines = sorted(f"{p.n3()} {content[o] if isinstance(o, BNode) else o.n3()}"
                               for p, o in outgoing.get(node, ()))
                content[node] = _digest("\n".join(lines))
                stack.pop()
                continue
            entered.add(node)
            if any(child in entered for child in children):
                return None
            stack.extend(children)
    return content


def _term_key(term: Node, labels: dict[BNode, BNode]) -> str:
    """A parent's text in a child's key: its canonical label when it is a blank node."""
    return labels[term].n3() if isinstance(term, BNode) else term.n3()


def _digest(text: str) -> str:
    """SHA-256 of the text, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

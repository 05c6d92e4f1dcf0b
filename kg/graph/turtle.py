"""Turtle out and in: an RDF graph held as Turtle text, written in sorted order (fast, deterministic, diffable),
and Turtle parsed back into rdflib through Oxigraph's strict parser.

Each distinct IRI or literal is formatted once. Self-contained subjects (evidence nodes) are kept as finished
text blocks; other subjects gather their predicates and objects. Blank nodes (only the ontology has them):
well-formed RDF lists become ( … ) collections, a blank node used once is written inline as [ … ], and any
other gets a label derived from its content.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

import pyoxigraph
from rdflib import RDF, XSD, BNode, Graph, Literal
from rdflib.term import Node

from kg.core.namespaces import PREFIXES
from kg.core.rdf import add_parsed

INDENT = "    "
TYPE = "a"
_NAME_CHAR = r"A-Za-z0-9_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LOCAL = re.compile(rf"(?:[{_NAME_CHAR}]|%[0-9A-Fa-f]{{2}})(?:(?:[{_NAME_CHAR}.\-]|%[0-9A-Fa-f]{{2}})*"
                    rf"(?:[{_NAME_CHAR}\-]|%[0-9A-Fa-f]{{2}}))?")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_TO_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_BARE = {str(XSD.integer): re.compile(r"[+-]?[0-9]+"), str(XSD.decimal): re.compile(r"[+-]?[0-9]*\.[0-9]+"),
         str(XSD.boolean): re.compile(r"true|false")}
_XSD_STRING, _RDF_TYPE = str(XSD.string), str(RDF.type)


class Terms:
    """Formats IRIs and literals as Turtle terms, each distinct one once."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self._prefixes = sorted(((str(ns), name) for name, ns in prefixes.items()), key=lambda p: -len(p[0]))
        self._iris: dict[str, str] = {}
        self._literals: dict[tuple[str, str, str], str] = {}

    def iri(self, iri: str) -> str:
        """prefix:local when the local part is a plain name, else <iri>; rdf:type as the predicate is `a`."""
        text = self._iris.get(iri)
        if text is None:
            text = self._iris[iri] = self._format_iri(str(iri))
        return text

    def _format_iri(self, iri: str) -> str:
        if _IRI_FORBIDDEN.search(iri):
            raise ValueError(f"IRI cannot be written as Turtle: {iri!r}")
        for namespace, name in self._prefixes:
            if iri.startswith(namespace) and _LOCAL.fullmatch(iri, len(namespace)):
                return f"{name}:{iri[len(namespace):]}"
        return f"<{iri}>"

    def literal(self, lexical: str, lang: str = "", datatype: str = "") -> str:
        """A quoted literal with its language or datatype; integers, decimals and booleans bare when canonical."""
        key = (lexical, lang, datatype)
        text = self._literals.get(key)
        if text is None:
            text = self._literals[key] = self._format_literal(*key)
        return text

    def _format_literal(self, lexical: str, lang: str, datatype: str) -> str:
        if datatype in _BARE and _BARE[datatype].fullmatch(lexical):
            return lexical
        quoted = '"' + _TO_ESCAPE.sub(_escape, lexical) + '"'
        if lang:
            return f"{quoted}@{lang}"
        if datatype and datatype != _XSD_STRING:
            return f"{quoted}^^{self.iri(datatype)}"
        return quoted

    def node(self, term: Node) -> str:
        """An rdflib IRI or literal as Turtle."""
        if isinstance(term, Literal):
            return self.literal(str(term), term.language or "", str(term.datatype or ""))
        return self.iri(str(term))


def _escape(match: re.Match) -> str:
    ch = match.group()
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


@dataclass(frozen=True)
class Block:
    """A finished subject: its Turtle body, its triple count, and a sort key within a group (e.g. one fact)."""

    body: str
    triples: int
    group: tuple[str, ...] = ()
    rank: tuple = ()


class GraphText:
    """A graph as formatted triples; turtle() writes it, sorted by subject, predicate and object."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.prefixes = dict(prefixes)
        self.terms = Terms(prefixes)
        self._subjects: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._blocks: dict[str, Block] = {}
        self._nested = 0  # triples of blank nodes written inside their parent

    def add(self, subject: str, predicate: str, obj: str) -> None:
        """One triple of formatted terms."""
        self._subjects[subject][predicate].add(obj)

    def add_block(self, subject: str, pairs: list[tuple[str, str]], group: tuple[str, ...] = (),
                  rank: tuple = ()) -> None:
        """A subject whose every triple is given here once, with one object per predicate."""
        body = "\n".join(f"{INDENT}{p} {o} ;" for p, o in sorted(pairs, key=_predicate_order))
        self._blocks[subject] = Block(body, len(pairs), group, rank)

    def add_rdflib(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """rdflib triples (an ontology), blank nodes written inline or labelled."""
        nested = _BlankNodes(self.terms, triples)
        for subject, properties in nested.by_subject.items():
            if isinstance(subject, BNode) and nested.inline(subject):
                self._nested += sum(len(objects) for objects in properties.values())
                continue
            text = nested.label(subject) if isinstance(subject, BNode) else self.terms.iri(str(subject))
            for predicate, objects in properties.items():
                verb = TYPE if str(predicate) == _RDF_TYPE else self.terms.iri(str(predicate))
                for obj in objects:
                    self.add(text, verb, nested.object(obj, 2))

    def __len__(self) -> int:
        return sum(len(o) for p in self._subjects.values() for o in p.values()) + \
            sum(b.triples for b in self._blocks.values()) + self._nested

    def subjects_with(self, predicate: str, obj: str) -> int:
        """How many merged subjects have this predicate and object (blocks not counted)."""
        return sum(1 for properties in self._subjects.values() if obj in properties.get(predicate, ()))

    def blocks(self) -> int:
        """How many finished blocks there are."""
        return len(self._blocks)

    def turtle(self, keep: Callable[[dict[tuple[str, ...], list[str]]], set[str]] | None = None) -> str:
        """The Turtle text; `keep`, given the block subjects by group (each sorted by rank), chooses the blocks
        to write (default: all)."""
        return "".join(self.chunks(keep))

    def chunks(self, keep: Callable[[dict[tuple[str, ...], list[str]]], set[str]] | None = None,
               subjects_per_chunk: int = 2000) -> Iterator[str]:
        """turtle() in pieces of a few thousand subjects, for writing a big graph without holding all its text."""
        blocks = self._blocks
        if keep is not None:
            grouped: dict[tuple[str, ...], list[str]] = defaultdict(list)
            for subject in sorted(blocks, key=lambda s: (blocks[s].group, blocks[s].rank, s)):
                grouped[blocks[subject].group].append(subject)
            chosen = keep(grouped)
            blocks = {s: b for s, b in blocks.items() if s in chosen}
        lines = [f"PREFIX {name}: <{ns}>" for name, ns in sorted(self.prefixes.items())]
        for count, subject in enumerate(sorted({*self._subjects, *blocks}), 1):
            lines.append("")
            lines.append(subject)
            if subject in self._subjects:
                lines.extend(_body(self._subjects[subject], 1))
            if subject in blocks:
                lines.append(blocks[subject].body)
            lines.append(".")
            if count % subjects_per_chunk == 0:
                yield "\n".join(lines) + "\n"
                lines = []
        yield "\n".join(lines) + "\n" if lines else ""


def _predicate_order(pair: tuple[str, str]) -> tuple[bool, str, str]:
    """rdf:type first, then by predicate and object text."""
    return pair[0] != TYPE, pair[0], pair[1]


def _body(properties: Mapping[str, Iterable[str]], depth: int) -> list[str]:
    """The `p o ;` lines of one subject: rdf:type first, then by predicate; several objects one per line."""
    pad = INDENT * depth
    lines = []
    for predicate in sorted(properties, key=lambda p: (p != TYPE, p)):
        objects = sorted(properties[predicate])
        if len(objects) == 1:
            lines.append(f"{pad}{predicate} {objects[0]} ;")
        else:
            lines.append(f"{pad}{predicate}")
            lines.extend(f"{pad}{INDENT}{o} ," for o in objects[:-1])
            lines.append(f"{pad}{INDENT}{objects[-1]} ;")
    return lines


class _BlankNodes:
    """Blank-node layout of an rdflib graph: which are nested, which are lists, which need labels."""

    def __init__(self, terms: Terms, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        self.terms = terms
        self.by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        self.used: dict[BNode, int] = defaultdict(int)
        for s, p, o in triples:
            self.by_subject[s][p].append(o)
            if isinstance(o, BNode):
                self.used[o] += 1
        self.labels: dict[BNode, str] = {}  # filled on first use

    def inline(self, node: BNode) -> bool:
        """A blank node used exactly once as an object, outside any cycle, is written where it is used."""
        return self.used.get(node, 0) == 1 and not self._in_cycle(node, frozenset())

    def _in_cycle(self, node: BNode, seen: frozenset) -> bool:
        if node in seen:
            return True
        return any(isinstance(o, BNode) and self._in_cycle(o, seen | {node})
                   for objects in self.by_subject.get(node, {}).values() for o in objects)

    def label(self, node: BNode) -> str:
        """_:b + a hash of the node's neighbourhood, so the label does not depend on parse order."""
        if not self.labels:
            self.labels = self._assign_labels()
        return self.labels[node]

    def _assign_labels(self) -> dict[BNode, str]:
        """Three rounds of neighbourhood hashing (own triples and incoming ones); nodes that still tie are
        numbered, which only happens for structurally identical nodes in practice."""
        incoming: dict[BNode, list[tuple[Node, Node]]] = defaultdict(list)
        for s, properties in self.by_subject.items():
            for p, objects in properties.items():
                for o in objects:
                    if isinstance(o, BNode):
                        incoming[o].append((s, p))
        nodes = {n for n in self.by_subject if isinstance(n, BNode)} | set(incoming)
        colour = dict.fromkeys(nodes, "")

        def text(term: Node) -> str:
            return colour[term] if isinstance(term, BNode) else self.terms.node(term)

        for _ in range(3):
            colour = {n: hashlib.sha256("\n".join(
                sorted(f"> {p} {text(o)}" for p, objects in self.by_subject.get(n, {}).items() for o in objects)
                + sorted(f"< {text(s)} {p}" for s, p in incoming[n])).encode("utf-8")).hexdigest()[:16]
                for n in nodes}
        ties: dict[str, list[BNode]] = defaultdict(list)
        for node in sorted(nodes, key=str):
            ties[colour[node]].append(node)
        return {node: f"_:b{c}" + (f"x{i}" if len(group) > 1 else "")
                for c, group in ties.items() for i, node in enumerate(group)}

    def object(self, term: Node, depth: int) -> str:
        """An object: a formatted IRI or literal, a ( … ) collection, a nested [ … ] or a blank node label."""
        if not isinstance(term, BNode):
            return self.terms.node(term)
        if not self.inline(term):
            return self.label(term)
        close = INDENT * (depth - 1)
        items = self._list_items(term)
        if items is not None:
            return "(\n" + "".join(f"{INDENT * depth}{self.object(i, depth + 1)}\n" for i in items) + close + ")"
        properties = {TYPE if str(p) == _RDF_TYPE else self.terms.iri(str(p)): [self.object(o, depth + 1) for o in objects]
                      for p, objects in self.by_subject[term].items()}
        return "[\n" + "\n".join(_body(properties, depth)) + "\n" + close + "]"

    def _list_items(self, node: BNode) -> list[Node] | None:
        """The members of a well-formed RDF list starting at node, else None."""
        items = []
        while node != RDF.nil:
            properties = self.by_subject.get(node, {})
            first, rest = properties.get(RDF.first, []), properties.get(RDF.rest, [])
            if set(properties) != {RDF.first, RDF.rest} or len(first) != 1 or len(rest) != 1:
                return None
            if items and self.used.get(node, 0) != 1:
                return None
            items.append(first[0])
            node = rest[0]
            if node != RDF.nil and not isinstance(node, BNode):
                return None
        return items


def to_turtle(triples: Iterable[tuple[Node, Node, Node]], prefixes: Mapping[str, str]) -> str:
    """Turtle text of rdflib triples; the same set of triples gives the same text whatever their order."""
    text = GraphText(prefixes)
    text.add_rdflib(triples)
    return text.turtle()


def serialize_turtle(graph: Graph) -> bytes:
    """Sorted, diffable Turtle of kg's graph (its prefixes); the same graph gives the same bytes whatever the hash seed."""
    return to_turtle(graph, PREFIXES).encode("utf-8")


def new_graph() -> Graph:
    """An empty rdflib graph with kg's prefixes bound, in rdflib's context-free store (a third faster to fill than
    its default store; kg's graphs have no named graphs)."""
    graph = Graph(store="SimpleMemory", bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def parse_turtle(text: str) -> Graph:
    """An rdflib graph of kg's own Turtle, with kg's prefixes bound (parsed by Oxigraph: twice rdflib's speed)."""
    return parse_rdf(text.encode("utf-8"))


def parse_rdf(data: bytes, fmt: pyoxigraph.RdfFormat = pyoxigraph.RdfFormat.TURTLE) -> Graph:
    """An rdflib graph (kg's prefixes bound) of RDF bytes, parsed by Oxigraph's strict parser (SyntaxError on bad input)."""
    return add_parsed(new_graph(), data, fmt)

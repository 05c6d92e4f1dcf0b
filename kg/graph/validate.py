"""SHACL validation of a built graph against ontology/shapes.ttl, with a sorted, readable list of violations."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pyshacl
from pyshacl.errors import ConstraintLoadError, ReportableRuntimeError, ShapeLoadError
from rdflib import Graph
from rdflib.namespace import SH, NamespaceManager
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from kg.core.config import default_ontology_dir
from kg.core.errors import OntologyError
from kg.core.namespaces import PREFIXES

SHAPES_FILE = "shapes.ttl"
log = logging.getLogger(__name__)


class Violation(NamedTuple):
    """One SHACL result: the node at fault, the property (None for a node-level check), the message, the value."""

    focus: Node
    path: Node | None
    message: str
    value: Node | None


@dataclass(frozen=True)
class ValidationReport:
    """Whether the graph conforms to the shapes, and every violation, sorted."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One tab-separated line per violation: focus, property (or -), message [, value]."""
        return [_line(violation) for violation in self.violations]

    def summary(self) -> str:
        """`conforms`, or a count followed by one line per violation."""
        if self.conforms:
            return "conforms"
        count = len(self.violations)
        return "\n".join([f"does not conform: {count} violation{'s' * (count != 1)}", *self.lines()])


def validate(graph: Graph, shapes_dir: Path | None = None) -> ValidationReport:
    """Check `graph` (which must include the kg ontology) against the SHACL shapes in `shapes_dir`."""
    path = Path(shapes_dir or default_ontology_dir()) / SHAPES_FILE
    shapes = load_shapes(path)
    started = time.perf_counter()
    try:
        data = graph if graph.store.context_aware else _context_aware(graph)  # pySHACL needs named-graph support
        conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                                    abort_on_first=False, allow_warnings=True)
    except (ConstraintLoadError, ReportableRuntimeError, ShapeLoadError) as exc:
        raise OntologyError(f"SHACL validation failed: {_one_line(exc)}", where=str(path),
                            fix="check the shapes file against the SHACL specification") from None
    report = ValidationReport(bool(conforms), _violations(results))
    log.info("validated %d triples in %.2f s: %d violations", len(graph), time.perf_counter() - started,
             len(report.violations))
    return report


def _context_aware(graph: Graph) -> Graph:
    """A copy of a graph in rdflib's default (context-aware) store."""
    copy = Graph()
    copy += graph
    return copy


def load_shapes(path: Path) -> Graph:
    """Parse a SHACL shapes Turtle file."""
    if not path.is_file():
        raise OntologyError("SHACL shapes file not found", where=str(path),
                            fix="pass the ontology folder that holds shapes.ttl")
    try:
        return Graph().parse(path, format="turtle")
    except (BadSyntax, ValueError) as exc:  # ValueError covers bad literals and undecodable bytes
        raise OntologyError(f"cannot parse Turtle: {_one_line(exc)}", where=str(path),
                            fix="fix the shapes file") from None


def _one_line(exc: Exception) -> str:
    """An exception's text with its line breaks folded, for a one-line error."""
    return " ".join(str(exc).split())


def _violations(results: Graph) -> list[Violation]:
    """Every sh:ValidationResult of a report graph, sorted by focus, property, message and value."""
    found = [Violation(results.value(result, SH.focusNode), results.value(result, SH.resultPath),
                       str(results.value(result, SH.resultMessage) or "constraint not met"),
                       results.value(result, SH.value))
             for result in results.objects(None, SH.result)]  # top-level results, not their sh:detail
    return sorted(set(found), key=lambda v: (str(v.focus), str(v.path or ""), v.message, str(v.value or "")))


def _line(violation: Violation) -> str:
    """A violation as `focus<TAB>property<TAB>message`, plus the offending value when it is not the focus."""
    cells = [_name(violation.focus), _name(violation.path) if violation.path is not None else "-", violation.message]
    if violation.value is not None and violation.value != violation.focus:
        cells.append(f"value: {_name(violation.value)}")
    return "\t".join(cells)


def _name(node: Node) -> str:
    """A node in prefixed form (kgr:OpenAI) where a kg prefix covers it."""
    return node.n3(_names())


@cache
def _names() -> NamespaceManager:
    """The kg prefixes, for printing nodes."""
    names = NamespaceManager(Graph(bind_namespaces="none"))
    for prefix, namespace in PREFIXES.items():
        names.bind(prefix, namespace)
    return names

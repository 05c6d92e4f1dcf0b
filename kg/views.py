"""Projections of the built RDF graph: a NetworkX multigraph and the class display styles."""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import unquote

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kg.namespaces import KG

Evidence = dict[str, Any]
Fact = tuple[str, str, str]
UNORDERED = 1 << 30  # kg:order of a class that has none: after all ordered ones


def local_name(iri: str) -> str:
    """The part of an IRI after its last '#' or '/', percent-decoded."""
    return unquote(iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1])


def _literals(graph: Graph, subject: URIRef, predicate: URIRef, lang: str | None = None) -> list[str]:
    """Sorted literal values of a property, only those tagged `lang` when it is given."""
    values = graph.objects(subject, predicate)
    return sorted(str(o) for o in values if isinstance(o, Literal) and (lang is None or o.language == lang))


def _text(graph: Graph, subject: URIRef, *predicates: URIRef) -> str:
    """The first @zh literal of the predicates in order, else the smallest other literal, else ''."""
    for lang in ("zh", None):
        for predicate in predicates:
            values = _literals(graph, subject, predicate, lang)
            if values:
                return values[0]
    return ""


def _int(graph: Graph, subject: URIRef, predicate: URIRef, default: int) -> int:
    """The smallest integer value of a property, or the default when absent or malformed."""
    numbers = []
    for value in _literals(graph, subject, predicate):
        try:
            numbers.append(int(value))
        except ValueError:
            continue
    return min(numbers, default=default)


def entity_classes(graph: Graph) -> set[URIRef]:
    """Every class that is rdfs:subClassOf* kg:Entity in the graph's own ontology triples."""
    found = graph.transitive_subjects(RDFS.subClassOf, KG.Entity)
    return {c for c in found if isinstance(c, URIRef)}


def node_classes(graph: Graph) -> dict[URIRef, URIRef]:
    """Map each entity and article IRI to its class (lowest kg:order, then IRI, when typed twice)."""
    wanted = entity_classes(graph) | {KG.Article}
    chosen: dict[URIRef, URIRef] = {}
    for subject, cls in graph.subject_objects(RDF.type):
        if cls in wanted and isinstance(subject, URIRef):
            options = [c for c in (chosen.get(subject), cls) if c is not None]
            chosen[subject] = min(options, key=lambda c: (_int(graph, c, KG.order, UNORDERED), str(c)))
    return chosen


def _node_attrs(graph: Graph, iri: URIRef, cls: URIRef) -> dict[str, Any]:
    """Display attributes of one node (degree is added once the edges are in)."""
    attrs: dict[str, Any] = {
        "label": _text(graph, iri, RDFS.label, SKOS.prefLabel, DCTERMS.title) or local_name(iri),
        "cls": local_name(cls),
        "aliases": sorted({str(a) for a in graph.objects(iri, SKOS.altLabel)}),
        "scheme": min((local_name(s) for s in graph.objects(iri, SKOS.inScheme)), default=""),
    }
    if cls == KG.Article:
        attrs["title"] = _text(graph, iri, DCTERMS.title)
    return attrs


def _object_properties(graph: Graph) -> dict[URIRef, str]:
    """The kg-namespace owl:ObjectProperty IRIs with their @zh labels."""
    return {
        p: _text(graph, p, RDFS.label) or local_name(p)
        for p in graph.subjects(RDF.type, OWL.ObjectProperty)
        if isinstance(p, URIRef) and str(p).startswith(str(KG))
    }


def _evidence_index(graph: Graph) -> dict[Fact, list[Evidence]]:
    """All kg:Evidence nodes as dicts, grouped by the fact they support and sorted."""
    index: dict[Fact, list[Evidence]] = defaultdict(list)
    for node in graph.subjects(RDF.type, KG.Evidence):
        fact = tuple(str(min(graph.objects(node, p), default="")) for p in (RDF.subject, RDF.predicate, RDF.object))
        article = min((a for a in graph.objects(node, PROV.wasDerivedFrom) if isinstance(a, URIRef)), default=None)
        index[fact].append(
            {
                "article": str(article or ""),
                "title": _text(graph, article, DCTERMS.title) if article else "",
                "sentence": _text(graph, node, KG.sentence),
                "start": _int(graph, node, KG.startOffset, -1),
                "end": _int(graph, node, KG.endOffset, -1),
                "rule": _text(graph, node, KG.rule),
                "section": _text(graph, node, KG.section),
            }
        )
    for items in index.values():
        items.sort(key=lambda e: (e["article"], e["start"], e["rule"], e["sentence"], e["section"]))
    return index


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Project entities, articles and kg object-property facts (with their evidence) into a MultiDiGraph."""
    classes = node_classes(graph)
    properties = _object_properties(graph)
    evidence = _evidence_index(graph)
    result = nx.MultiDiGraph()
    for iri in sorted(classes, key=str):
        result.add_node(str(iri), **_node_attrs(graph, iri, classes[iri]))
    facts = sorted(
        (str(s), str(p), str(o))
        for p in properties
        for s, o in graph.subject_objects(p)
        if s in classes and o in classes
    )
    for s, p, o in facts:
        name = local_name(p)
        attrs = {"predicate": name, "label": properties[URIRef(p)], "evidence": evidence.get((s, p, o), [])}
        result.add_edge(s, o, key=name, **attrs)
    for node, degree in result.degree():
        result.nodes[node]["degree"] = degree
    return result


def class_styles(graph: Graph) -> list[dict[str, Any]]:
    """Display style of every node class (kg:Entity subclasses and kg:Article) carrying kg:colour, by kg:order."""
    styles = [
        {
            "name": local_name(cls),
            "label_zh": _text(graph, cls, RDFS.label) or local_name(cls),
            "label_en": (_literals(graph, cls, RDFS.label, "en") or [local_name(cls)])[0],
            "colour": _literals(graph, cls, KG.colour)[0],
            "order": _int(graph, cls, KG.order, UNORDERED),
        }
        for cls in entity_classes(graph) | {KG.Article}
        if _literals(graph, cls, KG.colour)
    ]
    return sorted(styles, key=lambda s: (s["order"], s["name"]))

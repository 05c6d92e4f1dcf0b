"""Projections of the built RDF graph: a NetworkX multigraph and the class display styles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.core.namespaces import KG
from kg.core.normalize import clean_label

Evidence = dict[str, Any]
Fact = tuple[str, str, str]
UNORDERED = 1 << 30  # kg:order of a class that has none: after all ordered ones
ARTICLE_LINKS = frozenset({"mentions", "hasAuthor"})  # article metadata links, not relations between entities


def local_name(iri: str) -> str:
    """The part of an IRI after its last '#' or '/', percent-decoded."""
    return unquote(iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1])


def display_text(sentence: str) -> str:
    """An evidence sentence as readers see it, markdown markup removed; graph.ttl keeps the text its offsets index."""
    return clean_label(sentence)


def _literals(graph: Graph, subject: URIRef, predicate: URIRef, lang: str | None = None) -> list[str]:
    """Sorted literal values of a property, only those tagged `lang` when it is given."""
    values = graph.objects(subject, predicate)
    return sorted(str(o) for o in values if isinstance(o, Literal) and (lang is None or o.language == lang))


def _first_text(*candidates: Iterable[Node]) -> str:
    """The smallest @zh literal of the first candidate list that has one, else the smallest other literal, else ''."""
    lists = [values if isinstance(values, (list, tuple)) else list(values) for values in candidates]
    for lang in ("zh", None):
        for values in lists:
            found = [str(o) for o in values if isinstance(o, Literal) and (lang is None or o.language == lang)]
            if found:
                return min(found)
    return ""


def _text(graph: Graph, subject: URIRef, *predicates: URIRef) -> str:
    """The first @zh literal of the predicates in order, else the smallest other literal, else ''."""
    return _first_text(*(graph.objects(subject, p) for p in predicates))


def _smallest_int(values: Iterable[Node], default: int) -> int:
    """The smallest integer among literal values, or the default when there is none or all are malformed."""
    numbers = []
    for value in values:
        if isinstance(value, Literal):
            try:
                numbers.append(int(str(value)))
            except ValueError:
                continue
    return min(numbers, default=default)


def _int(graph: Graph, subject: URIRef, predicate: URIRef, default: int) -> int:
    """The smallest integer value of a property, or the default when absent or malformed."""
    return _smallest_int(graph.objects(subject, predicate), default)


def _by_subject(graph: Graph, predicate: URIRef) -> dict[Node, list[Node]]:
    """Every value of one property grouped by subject: one pass, instead of one lookup per subject."""
    values: dict[Node, list[Node]] = defaultdict(list)
    for subject, value in graph.subject_objects(predicate):
        values[subject].append(value)
    return values


def entity_classes(graph: Graph) -> set[URIRef]:
    """Every class that is rdfs:subClassOf* kg:Entity in the graph's own ontology triples."""
    found = graph.transitive_subjects(RDFS.subClassOf, KG.Entity)
    return {c for c in found if isinstance(c, URIRef)}


def node_classes(graph: Graph) -> dict[URIRef, URIRef]:
    """Map each entity and article IRI to its class (lowest kg:order, then IRI, when typed twice)."""
    rank = {c: (_int(graph, c, KG.order, UNORDERED), str(c)) for c in entity_classes(graph) | {KG.Article}}
    chosen: dict[URIRef, URIRef] = {}
    for subject, cls in graph.subject_objects(RDF.type):
        if cls in rank and isinstance(subject, URIRef):
            current = chosen.get(subject)
            if current is None or rank[cls] < rank[current]:
                chosen[subject] = cls
    return chosen


def _node_attrs(graph: Graph, classes: dict[URIRef, URIRef]) -> dict[URIRef, dict[str, Any]]:
    """Display attributes of every node (degree is added once the edges are in)."""
    labels, pref, titles = (_by_subject(graph, p) for p in (RDFS.label, SKOS.prefLabel, DCTERMS.title))
    aliases, schemes = _by_subject(graph, SKOS.altLabel), _by_subject(graph, SKOS.inScheme)
    names = {term: local_name(term) for term in {*classes.values(), *(s for v in schemes.values() for s in v)}}
    result = {}
    for iri, cls in classes.items():
        attrs: dict[str, Any] = {
            "label": _first_text(labels.get(iri, ()), pref.get(iri, ()), titles.get(iri, ())) or local_name(iri),
            "cls": names[cls],
            "aliases": sorted({str(a) for a in aliases.get(iri, ())}),
            "scheme": min((names[s] for s in schemes.get(iri, ())), default=""),
        }
        if cls == KG.Article:
            attrs["title"] = _first_text(titles.get(iri, ()))
        result[iri] = attrs
    return result


def _object_properties(graph: Graph) -> dict[URIRef, str]:
    """The kg-namespace owl:ObjectProperty IRIs with their @zh labels."""
    return {
        p: _text(graph, p, RDFS.label) or local_name(p)
        for p in graph.subjects(RDF.type, OWL.ObjectProperty)
        if isinstance(p, URIRef) and str(p).startswith(str(KG))
    }


def _evidence_index(graph: Graph) -> dict[Fact, list[Evidence]]:
    """All kg:Evidence nodes as dicts, grouped by the fact they support and sorted."""
    fields = (RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom, KG.sentence, KG.startOffset,
              KG.endOffset, KG.rule, KG.section, DCTERMS.title)
    subject, predicate, obj, source, sentence, start, end, rule, section, titles = (
        _by_subject(graph, p) for p in fields)
    index: dict[Fact, list[Evidence]] = defaultdict(list)
    for node in graph.subjects(RDF.type, KG.Evidence):
        fact = tuple(str(min(values.get(node, ()), default="")) for values in (subject, predicate, obj))
        article = min((a for a in source.get(node, ()) if isinstance(a, URIRef)), default=None)
        index[fact].append(
            {
                "article": str(article or ""),
                "title": _first_text(titles.get(article, ())) if article else "",
                "sentence": _first_text(sentence.get(node, ())),
                "start": _smallest_int(start.get(node, ()), -1),
                "end": _smallest_int(end.get(node, ()), -1),
                "rule": _first_text(rule.get(node, ())),
                "section": _first_text(section.get(node, ())),
            }
        )
    for items in index.values():
        items.sort(key=lambda e: (e["article"], e["start"], e["rule"], e["sentence"], e["section"]))
    return index


def project(graph: Graph) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str, str, dict[str, Any]]]]:
    """Entities and articles (IRI → attributes, in IRI order) and kg object-property facts with their evidence
    as (source, target, property name, attributes), sorted: linear in the graph's size. A node's degree is its
    number of relations with entities (ARTICLE_LINKS not counted), as in the central-entities query."""
    classes = node_classes(graph)
    properties = _object_properties(graph)
    evidence = _evidence_index(graph)
    attrs = _node_attrs(graph, classes)
    nodes = {str(iri): attrs[iri] for iri in sorted(classes, key=str)}
    names = {str(p): (local_name(p), label) for p, label in properties.items()}
    triples = ((str(s), str(p), str(o)) for p in properties for s, o in graph.subject_objects(p))
    facts = sorted(t for t in triples if t[0] in nodes and t[2] in nodes)
    edges = []
    degree = dict.fromkeys(nodes, 0)
    for fact in facts:
        s, p, o = fact
        name, label = names[p]
        edges.append((s, o, name, {"predicate": name, "label": label, "evidence": evidence.get(fact, [])}))
        if name not in ARTICLE_LINKS:
            degree[s] += 1
            degree[o] += 1
    for iri, count in degree.items():
        nodes[iri]["degree"] = count
    return nodes, edges


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Project entities, articles and kg object-property facts (with their evidence) into a MultiDiGraph."""
    nodes, edges = project(graph)
    result = nx.MultiDiGraph()
    result.add_nodes_from(nodes.items())
    result.add_edges_from(edges)
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

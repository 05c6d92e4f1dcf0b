"""The seeds' graph holds what a careful reader finds (tests/data/seeds_golden.tsv), each fact with evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import RDFS, SKOS

from kg.core.namespaces import KG, sparql_prologue
from kg.core.normalize import match_key
from kg.core.ontology import local_name

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "seeds_golden.tsv"


def _rows(kind: str) -> list[list[str]]:
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[1:] for line in lines if line.startswith(kind + "\t")]


def _index(graph: Graph) -> dict[str, set[tuple[str, str]]]:
    """match key of every label and alias -> {(iri, class)} of the entities carrying it."""
    index: dict[str, set[tuple[str, str]]] = {}
    for predicate in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
        for node, label in graph.subject_objects(predicate):
            for cls in graph.objects(node, RDF.type):
                index.setdefault(match_key(str(label)), set()).add((str(node), local_name(str(cls))))
    return index


@pytest.fixture(scope="module")
def graph(seeds_build) -> Graph:
    return seeds_build[0].graph


@pytest.fixture(scope="module")
def index(graph: Graph) -> dict[str, set[tuple[str, str]]]:
    return _index(graph)


def test_golden_file_is_substantial() -> None:
    assert len(_rows("entity")) >= 80 and len(_rows("relation")) >= 20


def test_at_least_90_percent_of_golden_entities_with_the_right_class(index) -> None:
    rows = _rows("entity")
    missing = [(cls, name) for cls, name in rows if cls not in {c for _, c in index.get(match_key(name), set())}]
    assert len(missing) <= len(rows) * 0.10, f"missing or mistyped: {missing}"


@pytest.mark.parametrize("cls", ["Role", "CompanyType", "Product", "ContentType"])
def test_every_golden_entity_of_core_classes(index, cls: str) -> None:
    names = [name for c, name in _rows("entity") if c == cls]
    missing = [name for name in names if cls not in {c for _, c in index.get(match_key(name), set())}]
    assert not missing, f"{cls} missing: {missing}"


def test_every_golden_relation_is_in_the_graph_with_evidence(graph: Graph, index) -> None:
    query = sparql_prologue() + """
        ASK { ?s ?p ?o .
              ?ev a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                  kg:sentence ?sentence ; kg:startOffset ?start ; kg:endOffset ?end ; kg:rule ?rule ;
                  prov:wasDerivedFrom ?article . ?article a kg:Article . }"""
    missing = []
    for subject, prop, obj in _rows("relation"):
        found = False
        for s_iri, _ in index.get(match_key(subject), set()):
            for o_iri, _ in index.get(match_key(obj), set()):
                bindings = {"s": URIRef(s_iri), "p": KG[prop], "o": URIRef(o_iri)}
                if graph.query(query, initBindings=bindings).askAnswer:
                    found = True
        if not found:
            missing.append((subject, prop, obj))
    assert not missing, f"relations missing or without evidence: {missing}"


def test_evidence_sentence_is_the_text_at_its_offsets(seeds_build) -> None:
    result, _ = seeds_build
    documents = {d.doc_id: d for d in result.documents}
    query = sparql_prologue() + """
        SELECT ?file ?sentence ?start ?end WHERE {
          ?ev a kg:Evidence ; kg:sentence ?sentence ; kg:startOffset ?start ; kg:endOffset ?end ;
              prov:wasDerivedFrom ?article . ?article kg:sourceFile ?file . }"""
    rows = list(result.graph.query(query))
    assert len(rows) > 400
    for file, sentence, start, end in rows:
        text = documents[str(file)].text
        if int(end) > 0:
            assert text[int(start):int(end)] == str(sentence)


def test_midjourney_generates_images_from_the_representative_product_line(graph: Graph) -> None:
    query = sparql_prologue() + """
        SELECT ?sentence ?rule WHERE {
          ?p skos:prefLabel "Midjourney"@zh ; kg:generates ?c . ?c skos:prefLabel "图像"@zh .
          ?ev rdf:subject ?p ; rdf:predicate kg:generates ; rdf:object ?c ; kg:sentence ?sentence ; kg:rule ?rule . }"""
    rows = [(str(s), str(r)) for s, r in graph.query(query)]
    assert any("产品代表" in s and "Midjourney" in s for s, _ in rows), rows


def test_every_entity_is_typed_labelled_and_has_evidence(graph: Graph) -> None:
    classes = {KG[c] for c in ("Role", "Skill", "CompanyType", "Organization", "Product", "Technology",
                               "ContentType", "Concept", "Team", "Industry", "Person")}
    entities = {s for c in classes for s in graph.subjects(RDF.type, c)}
    assert len(entities) > 200
    for entity in entities:
        assert any(getattr(label, "language", None) == "zh" for label in graph.objects(entity, RDFS.label)), entity
        in_fact = any(graph.subjects(RDF.subject, entity)) or any(graph.subjects(RDF.object, entity))
        assert (None, KG.mentions, entity) in graph or in_fact, entity

"""The Turtle writer: strict-parser valid, lossless, and the same bytes whatever the triple order."""

from __future__ import annotations

import random

import pyoxigraph
import pytest
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic

from kg.core.namespaces import KG, KGR, PREFIXES
from kg.graph.turtle import GraphText, Terms, to_turtle


def _round_trip(graph: Graph) -> Graph:
    """Write with kg's writer, check with Oxigraph's strict parser, parse back with rdflib."""
    text = to_turtle(graph, PREFIXES)
    strict = list(pyoxigraph.parse(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(strict) == len(graph)
    return Graph().parse(data=text, format="turtle")


@pytest.mark.parametrize("value", [
    'say "hi"', "back\\slash", "line\nbreak\r\n", "tab\there", "bell\x07 and del\x7f", "中文，标点。", "emoji 🙂",
    "", " leading and trailing ", "\u2028 line separator", "'single' and '''triple'''",
])
def test_literals_survive_a_round_trip(value: str) -> None:
    graph = Graph()
    graph.add((KGR.x, KG.sentence, Literal(value, lang="zh")))
    graph.add((KGR.x, KG.rule, Literal(value)))
    assert isomorphic(_round_trip(graph), graph)


def test_typed_literals_are_bare_only_when_canonical() -> None:
    terms = Terms(PREFIXES)
    assert terms.literal("42", "", str(XSD.integer)) == "42"
    assert terms.literal("-7", "", str(XSD.integer)) == "-7"
    assert terms.literal("0.80", "", str(XSD.decimal)) == "0.80"
    assert terms.literal("4 2", "", str(XSD.integer)) == '"4 2"^^xsd:integer'
    assert terms.literal("2024-01-02", "", str(XSD.date)) == '"2024-01-02"^^xsd:date'
    assert terms.literal("x", "", str(XSD.string)) == '"x"'
    assert terms.literal("x", "en") == '"x"@en'


@pytest.mark.parametrize("iri, expected", [
    (str(KGR["AIGCProductManager"]), "kgr:AIGCProductManager"),
    (str(KGR["Role-aigc产品经理"]), "kgr:Role-aigc产品经理"),
    (str(KGR["Product-stable%20diffusion"]), "kgr:Product-stable%20diffusion"),
    (str(KGR["ends.with.dot."]), f"<{KGR}ends.with.dot.>"),
    (str(KGR["has/slash"]), f"<{KGR}has/slash>"),
    (str(KGR["a~b"]), f"<{KGR}a~b>"),
    ("http://example.org/other#x", "<http://example.org/other#x>"),
    (str(KGR), f"<{KGR}>"),
])
def test_iris_use_a_prefix_only_for_plain_local_names(iri: str, expected: str) -> None:
    assert Terms(PREFIXES).iri(iri) == expected
    graph = Graph()
    graph.add((URIRef(iri), RDF.type, KG.Concept))
    assert isomorphic(_round_trip(graph), graph)


def test_an_iri_turtle_cannot_hold_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be written"):
        Terms(PREFIXES).iri("https://example.org/a b")


def test_blank_nodes_lists_nesting_and_sharing_round_trip() -> None:
    graph = Graph()
    members = BNode()
    Collection(graph, members, [KG.Product, KG.Technology, KG.Concept])
    graph.add((KG.KnowableThing, URIRef("http://www.w3.org/2002/07/owl#unionOf"), members))
    restriction = BNode()
    graph.add((KG.Role, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), restriction))
    graph.add((restriction, KG.note, Literal("nested")))
    shared = BNode()
    graph.add((KGR.a, KG.note, shared))
    graph.add((KGR.b, KG.note, shared))
    graph.add((shared, KG.note, Literal("used twice")))
    loop_a, loop_b = BNode(), BNode()
    graph.add((loop_a, KG.next, loop_b))
    graph.add((loop_b, KG.next, loop_a))
    text = to_turtle(graph, PREFIXES)
    assert "(\n" in text and "[\n" in text and "_:b" in text
    assert isomorphic(_round_trip(graph), graph)


def test_the_same_triples_in_any_order_give_the_same_text() -> None:
    graph = Graph()
    members = BNode()
    Collection(graph, members, [KG.Product, KG.Technology])
    graph.add((KG.Either, URIRef("http://www.w3.org/2002/07/owl#unionOf"), members))
    for i in range(30):
        graph.add((KGR[f"e{i}"], KG.sentence, Literal(f"句子 {i % 7}", lang="zh")))
        graph.add((KGR[f"e{i}"], RDF.type, KG.Concept))
        graph.add((KGR[f"e{i % 5}"], KG.mentions, KGR[f"e{i}"]))
    triples = list(graph)
    expected = to_turtle(triples, PREFIXES)
    for seed in range(5):
        random.Random(seed).shuffle(triples)
        reparsed = Graph().parse(data=expected, format="turtle")  # fresh blank node ids each time
        assert to_turtle(triples, PREFIXES) == expected == to_turtle(reparsed, PREFIXES)


def test_blocks_merge_with_subjects_and_can_be_filtered_per_group() -> None:
    text = GraphText(PREFIXES)
    terms = text.terms
    entity, evidence_type = terms.iri(str(KGR.x)), terms.iri(str(KG.Evidence))
    text.add(entity, "a", terms.iri(str(KG.Concept)))
    for n in range(4):
        text.add_block(terms.iri(str(KGR[f"ev{n}"])), [("a", evidence_type), (terms.iri(str(KG.startOffset)),
                       terms.literal(str(n), "", str(XSD.integer)))], group=("g",), rank=(3 - n,))
    assert len(text) == 9 and text.blocks() == 4 and text.subjects_with("a", terms.iri(str(KG.Concept))) == 1
    full = Graph().parse(data=text.turtle(), format="turtle")
    assert len(full) == 9
    kept = text.turtle(keep=lambda groups: set(groups[("g",)][:2]))  # the two lowest ranks: ev3, ev2
    partial = Graph().parse(data=kept, format="turtle")
    assert {s for s in partial.subjects(RDF.type, KG.Evidence)} == {KGR.ev3, KGR.ev2}


def test_a_failure_while_streaming_leaves_the_previous_file(tmp_path) -> None:
    from kg.core.io import atomic_write

    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old")

    def pieces():
        yield b"new, half"
        raise ValueError("writer exploded")

    with pytest.raises(ValueError):
        atomic_write(target, pieces())
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
    atomic_write(target, iter([b"new ", b"whole"]))
    assert target.read_bytes() == b"new whole"

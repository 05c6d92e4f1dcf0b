"""kg.graph.views: the NetworkX projection of the RDF graph and the class styles read from the ontology."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from kg.core.namespaces import KG, KGA, KGR
from kg.graph.views import ARTICLE_LINKS, class_styles, to_networkx

ROOT = Path(__file__).resolve().parents[3]
EVIDENCE_KEYS = {"article", "title", "sentence", "start", "end", "rule", "section"}


def load_small_graph() -> Graph:
    """The ontology plus the hand-written fixture, as the build would produce them."""
    graph = Graph()
    graph.parse(ROOT / "ontology" / "kg.ttl")
    graph.parse(ROOT / "tests" / "data" / "small_graph.ttl")
    return graph


@pytest.fixture()
def graph() -> Graph:
    return load_small_graph()


def tail(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def test_nodes_are_entities_and_articles(graph: Graph) -> None:
    nodes = to_networkx(graph)
    assert sorted(tail(n) for n in nodes) == sorted(
        ["AIGCProductManager", "ROIAnalysis", "ModelCompany", "AlgorithmTeam", "Midjourney", "Image", "GAN",
         "DiffusionModel", "Hostile", "Person-Zhang", "a1.txt", "a2.txt"]
    )
    assert list(nodes) == sorted(nodes), "nodes are added in IRI order"
    assert not any(str(KG) in n or "/evidence/" in n for n in nodes), "no ontology or evidence nodes"


def test_node_attributes(graph: Graph) -> None:
    nodes = to_networkx(graph).nodes
    mj = nodes[str(KGR.Midjourney)]
    assert (mj["label"], mj["cls"], mj["scheme"]) == ("Midjourney", "Product", "Lexicon")
    assert mj["aliases"] == ["MJ", "Stable-Diffusion"]
    assert nodes[str(KGR.Image)]["label"] == "图像", "the @zh label wins over @en"
    assert nodes[str(KGR.DiffusionModel)]["label"] == "扩散模型", "prefLabel when there is no rdfs:label"
    assert nodes[str(KGR.Hostile)]["scheme"] == "Discovered"
    article = nodes[str(KGA["a1.txt"])]
    assert (article["cls"], article["title"]) == ("Article", "转行AIGC产品经理到底需要什么要求")
    assert "title" not in mj


def test_degree_counts_relations_between_entities_not_article_links(graph: Graph) -> None:
    """Issue 12: one definition of degree — relations with other entities; mentions and authors not counted."""
    projection = to_networkx(graph)
    for node, attrs in projection.nodes(data=True):
        links = [*projection.in_edges(node, keys=True), *projection.out_edges(node, keys=True)]
        assert attrs["degree"] == sum(key not in ARTICLE_LINKS for _, _, key in links)
    assert projection.nodes[str(KGR.Midjourney)]["degree"] == 2  # generates, basedOn (its 2 mentions do not count)
    assert projection.nodes[str(KGA["a1.txt"])]["degree"] == 0


def test_edges_are_kg_object_property_facts(graph: Graph) -> None:
    projection = to_networkx(graph)
    facts = {(tail(s), k, tail(o)) for s, o, k in projection.edges(keys=True)}
    assert ("Midjourney", "generates", "Image") in facts
    assert ("a1.txt", "hasAuthor", "Person-Zhang") in facts
    assert ("a2.txt", "mentions", "Hostile") in facts
    assert ("Midjourney", "related", "DiffusionModel") not in facts, "skos:related is not a kg property"
    assert len(facts) == projection.number_of_edges() == 7 + 10 + 1
    edge = projection.edges[str(KGR.ModelCompany), str(KGR.AlgorithmTeam), "servesTeam"]
    assert (edge["predicate"], edge["label"]) == ("servesTeam", "产品经理服务于")


def test_evidence_is_complete_and_sorted(graph: Graph) -> None:
    evidence = to_networkx(graph).edges[str(KGR.Midjourney), str(KGR.Image), "generates"]["evidence"]
    assert len(evidence) == 3
    assert all(set(e) == EVIDENCE_KEYS for e in evidence)
    assert evidence == sorted(evidence, key=lambda e: (e["article"], e["start"], e["rule"]))
    first = evidence[0]
    assert first["article"] == str(KGA["a1.txt"]) and first["title"] == "转行AIGC产品经理到底需要什么要求"
    last = evidence[-1]
    assert (last["sentence"], last["start"], last["end"]) == ("产品代表：Midjourney", 2290, 2310)
    assert last["section"] == "3\\. 生成类容类型 / 3）图像生成"


def test_mentions_carry_their_evidence(graph: Graph) -> None:
    projection = to_networkx(graph)
    evidence = projection.edges[str(KGA["a2.txt"]), str(KGR.Hostile), "mentions"]["evidence"]
    assert [e["rule"] for e in evidence] == ["open-vocabulary"]
    assert projection.edges[str(KGA["a2.txt"]), str(KGR.GAN), "mentions"]["evidence"] == []


def test_projection_is_deterministic(graph: Graph) -> None:
    shuffled = Graph()
    for triple in sorted(graph, reverse=True):
        shuffled.add(triple)
    one, two = to_networkx(graph), to_networkx(shuffled)
    assert list(one.nodes(data=True)) == list(two.nodes(data=True))
    assert list(one.edges(keys=True, data=True)) == list(two.edges(keys=True, data=True))


def test_subclasses_of_entity_are_found_transitively(graph: Graph) -> None:
    graph.add((KG.SeniorRole, RDFS.subClassOf, KG.Role))
    graph.add((KGR.Lead, RDF.type, KG.SeniorRole))
    graph.add((KGR.Stray, RDF.type, SKOS.Concept))  # a superclass of kg:Entity, not a subclass
    nodes = to_networkx(graph).nodes
    assert nodes[str(KGR.Lead)]["cls"] == "SeniorRole"
    assert nodes[str(KGR.Lead)]["label"] == "Lead", "no label: the IRI tail"
    assert str(KGR.Stray) not in nodes


def test_class_styles_come_from_the_ontology(graph: Graph) -> None:
    styles = class_styles(graph)
    assert [s["order"] for s in styles] == sorted(s["order"] for s in styles)
    expected = {
        str(cls).rsplit("#", 1)[1]: str(colour)
        for cls, colour in graph.subject_objects(KG.colour)
    }
    assert {s["name"]: s["colour"] for s in styles} == expected
    product = next(s for s in styles if s["name"] == "Product")
    assert (product["label_zh"], product["label_en"]) == ("产品", "Product")


def test_class_styles_follow_changes_to_the_graph(graph: Graph) -> None:
    graph.set((KG.Product, KG.colour, Literal("#123456")))
    graph.set((KG.Product, KG.order, Literal(0)))
    styles = class_styles(graph)
    assert styles[0] == {"name": "Product", "label_zh": "产品", "label_en": "Product", "colour": "#123456", "order": 0}

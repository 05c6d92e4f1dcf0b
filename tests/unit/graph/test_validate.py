"""SHACL validation: a small well-formed graph conforms, and each kind of damage is reported readably."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SH, XSD

from kg.core.config import default_ontology_dir
from kg.core.errors import OntologyError
from kg.core.namespaces import KG, KGA, KGE, KGR
from kg.graph.validate import ValidationReport, Violation, validate

ARTICLE = KGA["a.md"]
KG_SHAPES = Namespace("https://w3id.org/aigc-kg/shapes#")
PM, SKILL, OPENAI, TEXT = KGR.AIGCProductManager, KGR.PromptDesign, KGR.OpenAI, KGR.Text


def _evidence(graph: Graph, name: str, subject: URIRef, predicate: URIRef, obj: URIRef) -> URIRef:
    """Add a complete kg:Evidence node for one fact."""
    node = KGE[name]
    for p, o in ((RDF.type, KG.Evidence), (RDF.subject, subject), (RDF.predicate, predicate), (RDF.object, obj),
                 (KG.sentence, Literal("AIGC产品经理需要Prompt设计能力。", lang="zh")),
                 (KG.startOffset, Literal(0)), (KG.endOffset, Literal(19)), (KG.rule, Literal("test")),
                 (PROV.wasDerivedFrom, ARTICLE)):
        graph.add((node, p, o))
    return node


@pytest.fixture()
def graph() -> Graph:
    """The ontology plus one article, four entities, one requiresSkill fact and evidence of every fact."""
    g = Graph().parse(default_ontology_dir() / "kg.ttl")
    g.add((ARTICLE, RDF.type, KG.Article))
    g.add((ARTICLE, DCTERMS.title, Literal("一篇文章", lang="zh")))
    g.add((ARTICLE, KG.sourceFile, Literal("a.md")))
    for node, cls, label in ((PM, KG.Role, "AIGC产品经理"), (SKILL, KG.Skill, "Prompt设计"),
                             (OPENAI, KG.Organization, "OpenAI"), (TEXT, KG.ContentType, "文本")):
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label, lang="zh")))
        g.add((ARTICLE, KG.mentions, node))
        _evidence(g, f"m-{node.split('/')[-1]}", ARTICLE, KG.mentions, node)
    g.add((PM, KG.requiresSkill, SKILL))
    _evidence(g, "fact", PM, KG.requiresSkill, SKILL)
    return g


def _only(report: ValidationReport) -> Violation:
    """The single violation of a report that must have exactly one."""
    assert not report.conforms
    assert len(report.violations) == 1, report.summary()
    return report.violations[0]


def test_well_formed_graph_conforms(graph: Graph) -> None:
    report = validate(graph)
    assert report.conforms and report.violations == []
    assert report.summary() == "conforms"


def test_entity_without_chinese_label_is_reported(graph: Graph) -> None:
    graph.remove((SKILL, RDFS.label, None))
    graph.add((SKILL, RDFS.label, Literal("prompt design", lang="en")))
    violation = _only(validate(graph))
    assert (violation.focus, violation.path) == (SKILL, RDFS.label)
    assert "rdfs:label in Chinese" in violation.message


def test_entity_with_two_classes_is_reported(graph: Graph) -> None:
    """A subclass of kg:Entity is enough for the entity shape to target the node (subclass targets work)."""
    graph.add((OPENAI, RDF.type, KG.Product))
    violation = _only(validate(graph))
    assert (violation.focus, violation.path) == (OPENAI, RDF.type)
    assert "exactly one kg entity class" in violation.message


def test_mentioned_node_without_class_is_reported(graph: Graph) -> None:
    graph.remove((TEXT, RDF.type, KG.ContentType))
    messages = {(v.focus, v.message.split(" (")[0]) for v in validate(graph).violations}
    assert (TEXT, "An entity must have exactly one kg entity class") in messages
    assert (ARTICLE, "The object of kg:mentions must be an entity") in messages


def test_generates_from_an_organization_is_reported(graph: Graph) -> None:
    graph.add((OPENAI, KG.generates, TEXT))
    _evidence(graph, "gen", OPENAI, KG.generates, TEXT)
    violation = _only(validate(graph))
    assert violation.focus == OPENAI and violation.path is None
    assert violation.message == "Only a kg:Product can have kg:generates."
    assert validate(graph).lines() == ["kgr:OpenAI\t-\tOnly a kg:Product can have kg:generates."]


def test_evolves_into_union_range(graph: Graph) -> None:
    """evolvesInto takes a Technology or a Product on both ends; a Skill object is refused."""
    graph.add((KGR.GAN, RDF.type, KG.Technology))
    graph.add((KGR.GAN, RDFS.label, Literal("生成对抗网络", lang="zh")))
    graph.add((KGR.GAN, KG.evolvesInto, SKILL))
    _evidence(graph, "evo", KGR.GAN, KG.evolvesInto, SKILL)
    violation = _only(validate(graph))
    assert (violation.focus, violation.path, violation.value) == (KGR.GAN, KG.evolvesInto, SKILL)
    assert "kg:Technology, kg:Product or kg:Concept" in violation.message


def test_fact_without_evidence_is_reported(graph: Graph) -> None:
    graph.remove((KGE.fact, None, None))
    violation = _only(validate(graph))
    assert (violation.focus, violation.path, violation.value) == (PM, KG.requiresSkill, SKILL)
    assert "no kg:Evidence" in violation.message


def test_evidence_without_sentence_is_reported(graph: Graph) -> None:
    graph.remove((KGE.fact, KG.sentence, None))
    violation = _only(validate(graph))
    assert (violation.focus, violation.path) == (KGE.fact, KG.sentence)
    assert "kg:sentence" in violation.message


def test_evidence_offsets_must_be_ordered_integers(graph: Graph) -> None:
    graph.set((KGE.fact, KG.startOffset, Literal(30)))
    graph.set((KGE.fact, KG.endOffset, Literal("19", datatype=XSD.string)))
    paths = sorted(str(v.path) for v in validate(graph).violations)
    assert paths == [str(KG.endOffset), str(KG.startOffset)]


def test_article_without_title_is_reported(graph: Graph) -> None:
    graph.remove((ARTICLE, DCTERMS.title, None))
    violation = _only(validate(graph))
    assert (violation.focus, violation.path) == (ARTICLE, DCTERMS.title)
    assert violation.message == "An article must have a title (dcterms:title)."


def test_violations_are_sorted_and_summarised(graph: Graph) -> None:
    graph.remove((ARTICLE, DCTERMS.title, None))
    graph.remove((KGE.fact, KG.rule, None))
    report = validate(graph)
    assert report.violations == sorted(report.violations, key=lambda v: str(v.focus))
    assert report.summary().splitlines()[0] == "does not conform: 2 violations"


def test_every_shape_has_an_english_message_and_a_name() -> None:
    shapes = Graph().parse(default_ontology_dir() / "shapes.ttl")
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)) - {KG_SHAPES.KnowableThing}:
        has_message = shapes.value(shape, SH.message) or any(
            shapes.value(part, SH.message) for part in shapes.objects(shape, SH.property))
        has_message = has_message or any(shapes.value(c, SH.message) for c in shapes.objects(shape, SH.sparql))
        assert has_message, shape
        assert shapes.value(shape, SH.name), shape


def test_missing_shapes_file_is_a_clear_error(graph: Graph, tmp_path) -> None:
    with pytest.raises(OntologyError, match="shapes file not found"):
        validate(graph, tmp_path)

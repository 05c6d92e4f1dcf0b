"""Tests of kg.graph.build: evidence for every relation, entity typing and labels, Turtle that both parsers read alike,
literal escaping, and byte-identical output."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pyoxigraph
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, SKOS

from kg.graph.build import article_iri, build_graph
from kg.graph.turtle import serialize_turtle
from kg.core.config import PROJECT_ROOT
from kg.core.namespaces import KG, KGR
from kg.analyse.resolve import resolve
from kg.graph.turtle import new_graph

AUTHOR_DOC = (
    "# 如何成为AIGC产品经理\n"
    "{% hint style=\"info\" %}\n"
    "**Author:** [PM大白](https://www.woshipm.com/u/1)\n"
    "**Published:** 2023-09-29\n"
    "{% endhint %}\n"
    "## 第一步：了解工具\n"
    "AIGC产品经理需要了解并使用过ChatGPT、FooGen、Midjourney 等工具。\n"
    "AIGC产品经理需要懂业务，也要会写代码。\n"
)
TEXTS = {
    "a/author.md": AUTHOR_DOC,
    "b.md": "发展路线：循环神经网络-Transformer-ChatGPT\n\n百度飞桨大模型平台很好用。",
    "c.md": "# 内容生成\n\n**3）图像生成**\n\n**产品代表：**Midjourney\n",
    "d.md": "将AIGC产品经理划分为：【大模型产品经理】 和 【AIGC应用产品经理】\n\n"
            "如果你选择的是**模型厂**，那你服务的对象就是算法团队",
    "e.md": 'AIGC产品经理要了解Transformer：引号"、反斜杠\\、三引号"""、行分隔\u2028、表情😀都在这句里。',
}


@pytest.fixture(scope="module")
def built(resources, run):
    """(graph, documents, ontology) of the sample articles."""
    extractions = [run(text, doc_id) for doc_id, text in TEXTS.items()]
    resolved = resolve(extractions, resources.ontology, resources.lexicon, resources.settings.min_confidence)
    documents = [e.document for e in extractions]
    return build_graph(resolved, documents, resources.ontology), documents, resolved


@pytest.fixture(scope="module")
def turtle(built) -> bytes:
    return serialize_turtle(built[0])


def relation_predicates(resources) -> set[URIRef]:
    return {KG[name] for name in resources.ontology.properties}


def relation_triples(graph: Graph, resources) -> list[tuple]:
    """Every (s, p, o) whose p is a kg object property, outside the ontology's own axioms."""
    predicates = relation_predicates(resources)
    return [(s, p, o) for s, p, o in graph if p in predicates and (s, RDF.type, KG.Evidence) not in graph]


# ---------------------------------------------------------------- evidence


def test_the_sample_has_every_kind_of_relation(built, resources) -> None:
    graph = built[0]
    used = {p for _, p, _ in relation_triples(graph, resources)}
    assert {KG.mentions, KG.hasAuthor, KG.evolvesInto, KG.madeBy, KG.generates, KG.kindOf, KG.servesTeam,
            KG.shouldKnow, KG.requiresSkill} <= used


def test_every_relation_triple_has_complete_evidence(built, resources) -> None:
    graph, documents, _ = built
    texts = {doc.doc_id: doc.text for doc in documents}
    articles = {article_iri(doc.doc_id): doc.doc_id for doc in documents}
    triples = relation_triples(graph, resources)
    assert len(triples) > 20
    for s, p, o in triples:
        nodes = [e for e in graph.subjects(RDF.subject, s)
                 if (e, RDF.predicate, p) in graph and (e, RDF.object, o) in graph]
        assert nodes, f"no evidence for {s} {p} {o}"
        for node in nodes:
            assert (node, RDF.type, KG.Evidence) in graph
            assert len(list(graph.objects(node, RDF.subject))) == 1
            assert len(list(graph.objects(node, RDF.predicate))) == 1
            assert len(list(graph.objects(node, RDF.object))) == 1
            sentence = graph.value(node, KG.sentence)
            start, end = graph.value(node, KG.startOffset), graph.value(node, KG.endOffset)
            rule = graph.value(node, KG.rule)
            article = graph.value(node, PROV.wasDerivedFrom)
            assert isinstance(sentence, Literal) and str(sentence)
            assert isinstance(rule, Literal) and str(rule)
            assert article in articles and (article, RDF.type, KG.Article) in graph
            assert texts[articles[article]][int(start):int(end)] == str(sentence)


def test_evidence_nodes_name_existing_triples(built) -> None:
    graph = built[0]
    evidence = list(graph.subjects(RDF.type, KG.Evidence))
    assert evidence
    for node in evidence:
        fact = (graph.value(node, RDF.subject), graph.value(node, RDF.predicate), graph.value(node, RDF.object))
        assert fact in graph, fact


def test_representative_product_evidence_in_the_graph(built) -> None:
    graph = built[0]
    assert (KGR.Midjourney, KG.generates, KGR.Image) in graph
    nodes = [e for e in graph.subjects(RDF.subject, KGR.Midjourney)
             if (e, RDF.predicate, KG.generates) in graph and (e, RDF.object, KGR.Image) in graph]
    assert len(nodes) == 1
    assert "Midjourney" in str(graph.value(nodes[0], KG.sentence))
    assert graph.value(nodes[0], PROV.wasDerivedFrom) == article_iri("c.md")


# ---------------------------------------------------------------- entities


def entity_nodes(graph: Graph, resources) -> set:
    """Every node typed with an entity class, in a scheme, or at either end of an entity relation."""
    classes = {KG[name] for name in resources.ontology.classes}
    nodes = {s for s, _, o in graph.triples((None, RDF.type, None)) if o in classes}
    nodes |= set(graph.subjects(SKOS.inScheme, KG.Lexicon)) | set(graph.subjects(SKOS.inScheme, KG.Discovered))
    for s, p, o in relation_triples(graph, resources):
        nodes.add(o)
        if p not in (KG.mentions, KG.hasAuthor):
            nodes.add(s)
    return nodes - {KG.Lexicon, KG.Discovered}


def test_every_entity_has_one_entity_class_and_a_chinese_label(built, resources) -> None:
    graph = built[0]
    classes = {KG[name] for name in resources.ontology.classes}
    nodes = entity_nodes(graph, resources)
    assert len(nodes) >= 12
    for node in nodes:
        types = [t for t in graph.objects(node, RDF.type) if t in classes]
        assert len(types) == 1, (node, types)
        zh = [label for label in graph.objects(node, RDFS.label) if isinstance(label, Literal) and label.language == "zh"]
        assert len(zh) == 1 and str(zh[0]).strip() == str(zh[0]) and str(zh[0]), (node, zh)


def test_entity_classes_are_right(built) -> None:
    graph = built[0]
    expected = {KGR.Midjourney: KG.Product, KGR.RNN: KG.Technology, KGR.Image: KG.ContentType,
                KGR.ModelMaker: KG.CompanyType, KGR.AlgorithmTeam: KG.Team, KGR.Baidu: KG.Organization,
                URIRef(f"{KGR}Product-foogen"): KG.Product, URIRef(f"{KGR}Person-pm大白"): KG.Person}
    for node, cls in expected.items():
        assert (node, RDF.type, cls) in graph, node


def test_discovered_and_known_entities_are_in_their_schemes(built) -> None:
    graph = built[0]
    assert (KGR.Midjourney, SKOS.inScheme, KG.Lexicon) in graph
    foogen = URIRef(f"{KGR}Product-foogen")
    assert (foogen, SKOS.inScheme, KG.Discovered) in graph
    assert graph.value(foogen, KG.confidence) is not None


def test_articles_and_author(built) -> None:
    graph = built[0]
    article = article_iri("a/author.md")
    assert "%2F" in str(article)
    assert (article, RDF.type, KG.Article) in graph
    assert (article, KG.hasAuthor, URIRef(f"{KGR}Person-pm大白")) in graph
    assert (article, KG.mentions, KGR.Midjourney) in graph
    assert len(list(graph.subjects(RDF.type, KG.Article))) == len(TEXTS)


def test_ontology_is_part_of_the_graph(built, resources) -> None:
    graph = built[0]
    for name in resources.ontology.classes:
        assert (KG[name], RDF.type, OWL.Class) in graph


# ---------------------------------------------------------------- Turtle


def test_turtle_parses_alike_in_rdflib_and_pyoxigraph(built, turtle: bytes) -> None:
    graph = built[0]
    parsed = Graph().parse(data=turtle, format="turtle")
    quads = list(pyoxigraph.parse(turtle, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(parsed) == len(graph) == len(quads)
    assert isomorphic(parsed, graph)


def _oxigraph_values(data: bytes, predicate: URIRef) -> dict[str, tuple[str, str | None]]:
    found = {}
    for quad in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE):
        if quad.predicate.value == str(predicate):
            found[quad.subject.value] = (quad.object.value, quad.object.language)
    return found


AWKWARD_LITERALS = ['"', "\\", '"""', '""', "a\nb", "x\u2028y", "x\u2029y", "😀 emoji", 'ends with "', "ends with \\",
                    'mix """ and \\ and \n "', 'a\nb"', '"\nx', 'a\n""""', "\r\t", "\\n not a newline", "'single'",
                    "中文\n“引号”\u3000", "\x7f\x85"]


@pytest.mark.parametrize("lang", [None, "zh"])
def test_awkward_literals_round_trip_through_both_parsers(lang: str | None) -> None:
    graph = new_graph()
    for i, value in enumerate(AWKWARD_LITERALS):
        graph.add((URIRef(f"{KGR}x{i}"), KG.sentence, Literal(value, lang=lang)))
    data = serialize_turtle(graph)
    parsed = Graph().parse(data=data, format="turtle")
    oxigraph = _oxigraph_values(data, KG.sentence)
    for i, value in enumerate(AWKWARD_LITERALS):
        node = URIRef(f"{KGR}x{i}")
        assert parsed.value(node, KG.sentence) == Literal(value, lang=lang), repr(value)
        assert oxigraph[str(node)] == (value, lang), repr(value)


def test_evidence_sentence_with_awkward_characters_round_trips(built, turtle: bytes) -> None:
    graph, documents, _ = built
    [doc] = [d for d in documents if d.doc_id == "e.md"]
    [sentence] = doc.sentences
    assert all(part in sentence.text for part in ('"', "\\", '"""', "\u2028", "😀"))
    nodes = [e for e in graph.subjects(KG.sentence, None) if str(graph.value(e, KG.sentence)) == sentence.text]
    assert nodes, "the awkward sentence is evidence of a fact"
    parsed = Graph().parse(data=turtle, format="turtle")
    assert {str(v) for v in parsed.objects(None, KG.sentence)} >= {sentence.text}
    oxigraph = {q.object.value for q in pyoxigraph.parse(turtle, format=pyoxigraph.RdfFormat.TURTLE)
                if q.predicate.value == str(KG.sentence)}
    assert sentence.text in oxigraph


# ---------------------------------------------------------------- determinism


def test_two_builds_give_identical_bytes(built, turtle: bytes, resources, run) -> None:
    extractions = [run(text, doc_id) for doc_id, text in reversed(list(TEXTS.items()))]
    resolved = resolve(list(reversed(extractions)), resources.ontology, resources.lexicon,
                       resources.settings.min_confidence)
    again = build_graph(resolved, [e.document for e in reversed(extractions)], resources.ontology)
    assert serialize_turtle(again) == turtle


SCRIPT = textwrap.dedent("""
    import hashlib, json, sys
    import kg.analyse.extract
    from kg.graph.build import build_graph
    from kg.graph.turtle import serialize_turtle
    from kg.core.config import Settings
    from kg.analyse.extract.resources import load_resources
    from kg.ingest.articles import parse_document
    from kg.pipeline.run import analyse
    from kg.analyse.resolve import resolve
    texts = json.loads(sys.stdin.read())
    resources = load_resources(Settings())
    extractors = kg.analyse.extract.create(Settings().extractors, resources)
    docs = [parse_document(text, doc_id, doc_id, "utf-8") for doc_id, text in texts.items()]
    extractions = [analyse(doc, resources, extractors) for doc in docs]
    resolved = resolve(extractions, resources.ontology, resources.lexicon, 0.6)
    print(hashlib.sha256(serialize_turtle(build_graph(resolved, docs, resources.ontology))).hexdigest())
""")


def test_bytes_do_not_depend_on_the_hash_seed(turtle: bytes, tmp_path) -> None:
    import hashlib
    import json

    processes = []
    for seed in ("1", "987654"):
        env = {**os.environ, "PYTHONHASHSEED": seed,
               "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")]))}
        processes.append(subprocess.Popen([sys.executable, "-c", SCRIPT], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, env=env, cwd=tmp_path, text=True))
    digests = []
    for process in processes:
        out, err = process.communicate(json.dumps(TEXTS), timeout=120)
        assert process.returncode == 0, err
        digests.append(out.strip())
    assert digests == [hashlib.sha256(turtle).hexdigest()] * 2

"""Seeded synthetic graphs of any size, for the browser tests and benchmarks/bench_html.py."""

from __future__ import annotations

import random

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from kg.core.config import default_ontology_dir
from kg.core.namespaces import KG, KGA, KGR

CLASSES = (KG.Role, KG.Skill, KG.Product, KG.Technology, KG.Concept, KG.Organization)
PROPERTIES = (KG.requiresSkill, KG.basedOn, KG.shouldKnow)


def synthetic_graph(entities: int = 500, facts: int = 1000, articles: int = 40, seed: int = 7) -> Graph:
    """The ontology plus `entities` labelled entities of 6 classes, `facts` random relations and articles mentioning 10 each."""
    rnd = random.Random(seed)
    graph = Graph()
    graph.parse(default_ontology_dir() / "kg.ttl")
    nodes = [KGR[f"E{i}"] for i in range(entities)]
    for i, node in enumerate(nodes):
        graph.add((node, RDF.type, rnd.choice(CLASSES)))
        graph.add((node, RDFS.label, Literal(f"实体{i}", lang="zh")))
    for i in range(articles):
        graph.add((KGA[f"a{i}.txt"], RDF.type, KG.Article))
        for node in rnd.sample(nodes, 10):
            graph.add((KGA[f"a{i}.txt"], KG.mentions, node))
    for _ in range(facts):
        graph.add((rnd.choice(nodes), rnd.choice(PROPERTIES), rnd.choice(nodes)))
    return graph

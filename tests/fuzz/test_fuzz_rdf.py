# Fuzzes RDF output: kg.analyse.resolve.resolve + kg.graph.build.build_graph + kg.graph.turtle.serialize_turtle on fuzzed articles and
# on entities / articles / evidence with arbitrary literals, re-parsed with rdflib and pyoxigraph; and
# kg.analyse.resolve.entity_iri on arbitrary text. Longer run: KG_FUZZ_EXAMPLES=2000 python -m pytest tests/fuzz
"""Property-based tests that the Turtle kg writes parses everywhere to the same triples and literals."""

from __future__ import annotations

import pyoxigraph
from fuzz_common import FUZZ, loaded
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal

from kg.graph.build import build_graph
from kg.graph.turtle import serialize_turtle
from kg.core.config import Settings
from kg.ingest.articles import parse_document
from kg.core.model import ArticleMeta, Document, Evidence
from kg.pipeline.run import analyse
from kg.analyse.resolve import Entity, Resolved, entity_iri, resolve

RESOURCES, EXTRACTORS = loaded()
ONTOLOGY = RESOURCES.ontology
ONTOLOGY_TRIPLES = len(ONTOLOGY.graph)

TRICKY = ('"', "'", '"""', "\\", "\\n", "\n", "\r", "\t", "\u2028", "\u2029", "\x01", "\x7f", "\x85", "🤖", "👁️",
          "\u200b", "\u202e", "\ufeff", "<", ">", "@en", "^^", "#", "。", "产品经理", "Stable Diffusion", "GPT-4.5")
LABEL = st.lists(st.sampled_from(TRICKY) | st.text(max_size=6), min_size=1, max_size=12).map("".join)
NAMES = sorted({entry.label for entry in ONTOLOGY.entries})
ARTICLE = st.lists(st.sampled_from(NAMES + ["需要掌握", "是一种", "由", "开发", "。", "\n", "# ", "**"]) | LABEL,
                   min_size=1, max_size=30).map("".join)


def _literals(triples) -> list[tuple[str, str, str]]:
    """Sorted (lexical form, language, datatype) of the literal objects of rdflib triples."""
    return sorted((str(o), o.language or "", str(o.datatype or "")) for _, _, o in triples if isinstance(o, Literal))


def _oxigraph_literals(quads: list[pyoxigraph.Quad]) -> list[tuple[str, str, str]]:
    """The same view of pyoxigraph quads (plain strings count as xsd:string in RDF 1.1)."""
    found = []
    for quad in quads:
        if isinstance(quad.object, pyoxigraph.Literal):
            lang = quad.object.language or ""
            datatype = "" if lang or quad.object.datatype.value.endswith("#string") else quad.object.datatype.value
            found.append((quad.object.value, lang, datatype))
    return sorted(found)


def _assert_round_trip(graph: Graph) -> None:
    """Turtle of the graph parses with rdflib and pyoxigraph to the same triples and identical literals."""
    data = serialize_turtle(graph)
    reparsed = Graph().parse(data=data, format="turtle")
    quads = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(reparsed) == len(quads) == len(graph)
    expected = [(text, lang, "" if dtype.endswith("#string") else dtype) for text, lang, dtype in _literals(graph)]
    assert _literals(reparsed) == _literals(graph)
    assert _oxigraph_literals(quads) == sorted(expected)


@FUZZ
@given(texts=st.lists(ARTICLE, min_size=1, max_size=3))
def test_built_graph_of_fuzzed_articles_round_trips(texts: list[str]) -> None:
    """Resolve + build + serialise fuzzed articles: both parsers read the Turtle back to the same graph."""
    documents = [parse_document(text, f"a/{i} \"x\".md", f"{i}.md", "utf-8") for i, text in enumerate(texts)]
    extractions = [analyse(doc, RESOURCES, EXTRACTORS) for doc in documents]
    resolved = resolve(extractions, ONTOLOGY, RESOURCES.lexicon, Settings().min_confidence)
    _assert_round_trip(build_graph(resolved, documents, ONTOLOGY))


@FUZZ
@given(label=LABEL, alias=LABEL, sentence=LABEL, title=LABEL, tag=LABEL, author=LABEL, doc_id=LABEL,
       cls=st.sampled_from(ONTOLOGY.classes))
def test_arbitrary_literals_round_trip(label: str, alias: str, sentence: str, title: str, tag: str, author: str,
                                       doc_id: str, cls: str) -> None:
    """Labels, aliases, sentences, titles, tags and author names with quotes, escapes and controls survive Turtle."""
    key = f"{cls}:{label}"
    entity = Entity(key, entity_iri(cls, label), cls, label, label, (alias,), False, 0.75, sentence)
    evidence = Evidence(doc_id, sentence, 0, max(1, len(sentence)), "fuzz", (title, tag))
    meta = ArticleMeta(title=title, category=tag, author=author, tags=(tag, alias))
    document = Document(doc_id, doc_id, f"{title}\n{author}\n{sentence}", "0" * 64, "utf-8", meta, ())
    resolved = Resolved((entity,), (), ((doc_id, key, evidence),), (), 0)
    graph = build_graph(resolved, [document], ONTOLOGY)
    assert len(graph) > ONTOLOGY_TRIPLES
    _assert_round_trip(graph)


@FUZZ
@given(cls=st.sampled_from(ONTOLOGY.classes), text=st.text())
def test_entity_iri_is_a_valid_iri(cls: str, text: str) -> None:
    """entity_iri of any text is an IRI pyoxigraph accepts, and the same text always gives the same IRI."""
    iri = entity_iri(cls, text)
    assert pyoxigraph.NamedNode(iri).value == iri == entity_iri(cls, text)

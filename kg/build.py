"""Build the canonical RDF graph: ontology, entities, articles, facts, and an Evidence node for every fact."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from urllib.parse import quote

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from kg.model import Document, Evidence
from kg.namespaces import KG, KGA, KGE, PREFIXES, SCHEMA
from kg.normalize import clean_label, is_cjk
from kg.ontology import Ontology
from kg.resolve import Entity, Resolved, entity_iri

MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


def article_iri(doc_id: str) -> URIRef:
    """IRI of an article from its stable document id."""
    return KGA[quote(doc_id, safe="")]


def _lang(text: str) -> str:
    """'zh' for text with any Chinese character, else 'en'."""
    return "zh" if any(is_cjk(ch) for ch in text) else "en"


def new_graph() -> Graph:
    """An empty graph with kg's prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def build_graph(resolved: Resolved, documents: list[Document], ontology: Ontology) -> Graph:
    """The whole graph of a run; the same inputs give the same triples."""
    graph = new_graph()
    for triple in ontology.graph:
        graph.add(triple)
    for entity in resolved.entities:
        _add_entity(graph, entity)
    iris = {entity.key: URIRef(entity.iri) for entity in resolved.entities}
    for document in documents:
        _add_article(graph, document)
    titles = {doc.doc_id: clean_label(doc.meta.title) for doc in documents}
    for doc_id, key, evidence in resolved.mentions:
        _add_fact(graph, article_iri(doc_id), KG.mentions, iris[key], [evidence], titles[doc_id])
    for fact in resolved.facts:
        for evidence in fact.evidence:
            _add_fact(graph, iris[fact.subject], KG[fact.predicate], iris[fact.object], [evidence],
                      titles[evidence.doc_id])
    return graph


def _add_entity(graph: Graph, entity: Entity) -> None:
    """Type, labels, aliases and scheme of one entity."""
    node = URIRef(entity.iri)
    graph.add((node, RDF.type, KG[entity.cls]))
    graph.add((node, RDFS.label, Literal(entity.label, lang="zh")))
    graph.add((node, SKOS.prefLabel, Literal(entity.label, lang="zh")))
    if entity.label_en:
        graph.add((node, SKOS.prefLabel, Literal(entity.label_en, lang="en")))
        graph.add((node, RDFS.label, Literal(entity.label_en, lang="en")))
    for alias in entity.aliases:
        if alias != entity.label_en:
            graph.add((node, SKOS.altLabel, Literal(alias, lang=_lang(alias))))
    graph.add((node, SKOS.inScheme, KG.Lexicon if entity.known else KG.Discovered))
    if entity.definition:
        graph.add((node, SKOS.definition, Literal(entity.definition, lang="zh")))
    if not entity.known:
        graph.add((node, KG.confidence, Literal(f"{entity.confidence:.2f}", datatype=XSD.decimal)))


def _add_article(graph: Graph, doc: Document) -> None:
    """An article node with its metadata and its author."""
    node = article_iri(doc.doc_id)
    meta = doc.meta
    graph.add((node, RDF.type, KG.Article))
    graph.add((node, DCTERMS.title, Literal(clean_label(meta.title) or doc.doc_id, lang=_lang(meta.title or "x"))))
    graph.add((node, KG.sourceFile, Literal(doc.doc_id)))
    graph.add((node, KG.contentHash, Literal(doc.sha256)))
    if meta.category:
        graph.add((node, KG.category, Literal(clean_label(meta.category))))
    if _is_date(meta.published):
        graph.add((node, DCTERMS.created, Literal(meta.published, datatype=XSD.date)))
    for name, value in (("views", meta.views), ("comments", meta.comments), ("collects", meta.collects)):
        if value is not None:
            graph.add((node, KG[name], Literal(value, datatype=XSD.integer)))
    for tag in meta.tags:
        if clean_label(tag):
            graph.add((node, KG.tag, Literal(clean_label(tag), lang=_lang(tag))))
    if meta.url.startswith(("http://", "https://")):
        graph.add((node, SCHEMA.url, Literal(meta.url, datatype=XSD.anyURI)))
    if clean_label(meta.author):
        _add_author(graph, node, doc)


def _add_author(graph: Graph, article: URIRef, doc: Document) -> None:
    """The author as a Person, linked by kg:hasAuthor with the metadata line as evidence."""
    name = clean_label(doc.meta.author)
    person = URIRef(entity_iri("Person", name))
    graph.add((person, RDF.type, KG.Person))
    graph.add((person, RDFS.label, Literal(name, lang="zh")))
    graph.add((person, SKOS.prefLabel, Literal(name, lang="zh")))
    graph.add((person, SKOS.inScheme, KG.Discovered))
    if doc.meta.author_url.startswith(("http://", "https://")):
        graph.add((person, SCHEMA.url, Literal(doc.meta.author_url, datatype=XSD.anyURI)))
    at = doc.text.find(doc.meta.author)
    start = doc.text.rfind("\n", 0, at) + 1 if at >= 0 else 0
    end = doc.text.find("\n", at) if at >= 0 and "\n" in doc.text[at:] else len(doc.text)
    line = doc.text[start:end] if at >= 0 else doc.meta.author
    _add_fact(graph, article, KG.hasAuthor, person, [Evidence(doc.doc_id, line, start, end if at >= 0 else 0,
                                                              "metadata:author")])


def section_text(section: tuple[str, ...], title: str) -> str:
    """A readable heading path: markdown escapes and emphasis removed, the article title and repeats dropped."""
    parts: list[str] = []
    for heading in section:
        text = clean_label(MARKDOWN_ESCAPE.sub(r"\1", heading).replace("**", ""))
        if text and text != title and (not parts or parts[-1] != text):
            parts.append(text)
    return " / ".join(parts)


def _add_fact(graph: Graph, subject: URIRef, predicate: URIRef, obj: URIRef, evidence, title: str = "") -> None:
    """The fact triple and one reified Evidence node per piece of evidence."""
    graph.add((subject, predicate, obj))
    for ev in evidence:
        seed = "\x1f".join(map(str, (subject, predicate, obj, ev.doc_id, ev.start, ev.end, ev.rule)))
        node = KGE[hashlib.sha256(seed.encode("utf-8")).hexdigest()[:24]]
        graph.add((node, RDF.type, KG.Evidence))
        graph.add((node, RDF.subject, subject))
        graph.add((node, RDF.predicate, predicate))
        graph.add((node, RDF.object, obj))
        graph.add((node, PROV.wasDerivedFrom, article_iri(ev.doc_id)))
        graph.add((node, KG.sentence, Literal(ev.sentence, lang=_lang(ev.sentence))))
        graph.add((node, KG.startOffset, Literal(ev.start, datatype=XSD.integer)))
        graph.add((node, KG.endOffset, Literal(ev.end, datatype=XSD.integer)))
        graph.add((node, KG.rule, Literal(ev.rule)))
        section = section_text(ev.section, title)
        if section:
            graph.add((node, KG.section, Literal(section, lang=_lang(section))))


def _is_date(text: str) -> bool:
    """True for an ISO calendar date."""
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def serialize_turtle(graph: Graph) -> bytes:
    """Sorted, diffable Turtle; the same graph gives the same bytes whatever the hash seed."""
    return graph.serialize(format="longturtle").encode("utf-8")

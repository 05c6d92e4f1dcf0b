"""Build the canonical RDF graph (as sorted Turtle text): ontology, entities, articles, facts, and an Evidence
node for every fact."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from urllib.parse import quote

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from kg.core.model import Document, Evidence
from kg.core.namespaces import KG, KGA, KGE, PREFIXES, SCHEMA
from kg.core.normalize import clean_label, is_cjk
from kg.core.ontology import Ontology
from kg.analyse.resolve import Entity, Resolved, entity_iri
from kg.graph.turtle import TYPE, GraphText, parse_turtle

MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


@functools.lru_cache(maxsize=1 << 16)
def article_iri(doc_id: str) -> URIRef:
    """IRI of an article from its stable document id."""
    return KGA[quote(doc_id, safe="")]


@functools.lru_cache(maxsize=1 << 16)
def _lang(text: str) -> str:
    """'zh' for text with any Chinese character, else 'en'."""
    return "zh" if any(is_cjk(ch) for ch in text) else "en"


def build_text(resolved: Resolved, documents: list[Document], ontology: Ontology) -> GraphText:
    """The whole graph of a run as Turtle-ready text; the same inputs give the same triples."""
    out = _Emitter(GraphText(PREFIXES))
    out.graph.add_rdflib(ontology.graph)
    for entity in resolved.entities:
        out.entity(entity)
    iris = {entity.key: entity.iri for entity in resolved.entities}
    for document in documents:
        out.article(document)
    titles = {doc.doc_id: clean_label(doc.meta.title) for doc in documents}
    for doc_id, key, evidence in resolved.mentions:
        out.fact(str(article_iri(doc_id)), MENTIONS, iris[key], evidence, titles[doc_id])
    for fact in resolved.facts:
        for evidence in fact.evidence:
            out.fact(iris[fact.subject], str(KG[fact.predicate]), iris[fact.object], evidence, titles[evidence.doc_id])
    return out.graph


def build_graph(resolved: Resolved, documents: list[Document], ontology: Ontology) -> Graph:
    """The whole graph of a run as an rdflib Graph (parsed from build_text's Turtle)."""
    return parse_turtle(build_text(resolved, documents, ontology).turtle())


MENTIONS, KGE_BASE, XSD_INTEGER = str(KG.mentions), str(KGE), str(XSD.integer)


class _Emitter:
    """Adds kg's entities, articles, authors and evidenced facts to a GraphText."""

    def __init__(self, graph: GraphText) -> None:
        self.graph = graph
        self.iri, self.literal = graph.terms.iri, graph.terms.literal
        self.evidence_terms = {name: self.iri(str(term)) for name, term in (
            ("type", KG.Evidence), ("subject", RDF.subject), ("predicate", RDF.predicate), ("object", RDF.object),
            ("article", PROV.wasDerivedFrom), ("sentence", KG.sentence), ("start", KG.startOffset),
            ("end", KG.endOffset), ("rule", KG.rule), ("section", KG.section))}

    def text(self, value: str, lang: str | None = None) -> str:
        """A language-tagged literal: the given tag, else zh when the text has a Chinese character, else en."""
        return self.literal(value, lang or _lang(value))

    def add(self, subject: str, predicate, obj: str) -> None:
        """One triple: subject and predicate IRIs (rdf:type written `a`), the object already formatted."""
        self.graph.add(self.iri(subject), TYPE if predicate == RDF.type else self.iri(str(predicate)), obj)

    def entity(self, entity: Entity) -> None:
        """Type, labels, aliases and scheme of one entity."""
        node = entity.iri
        self.add(node, RDF.type, self.iri(str(KG[entity.cls])))
        for predicate in (RDFS.label, SKOS.prefLabel):
            self.add(node, predicate, self.text(entity.label, "zh"))
            if entity.label_en:
                self.add(node, predicate, self.text(entity.label_en, "en"))
        for alias in entity.aliases:
            if alias != entity.label_en:
                self.add(node, SKOS.altLabel, self.text(alias))
        self.add(node, SKOS.inScheme, self.iri(str(KG.Lexicon if entity.known else KG.Discovered)))
        if entity.definition:
            self.add(node, SKOS.definition, self.text(entity.definition, "zh"))
        if not entity.known:
            self.add(node, KG.confidence, self.literal(f"{entity.confidence:.2f}", "", str(XSD.decimal)))

    def article(self, doc: Document) -> None:
        """An article node with its metadata and its author."""
        node = str(article_iri(doc.doc_id))
        meta = doc.meta
        self.add(node, RDF.type, self.iri(str(KG.Article)))
        self.add(node, DCTERMS.title, self.text(clean_label(meta.title) or doc.doc_id, _lang(meta.title or "x")))
        self.add(node, KG.sourceFile, self.literal(doc.doc_id))
        self.add(node, KG.contentHash, self.literal(doc.sha256))
        if meta.category:
            self.add(node, KG.category, self.literal(clean_label(meta.category)))
        if _is_date(meta.published):
            self.add(node, DCTERMS.created, self.literal(meta.published, "", str(XSD.date)))
        for name, value in (("views", meta.views), ("comments", meta.comments), ("collects", meta.collects)):
            if value is not None:
                self.add(node, KG[name], self.literal(str(int(value)), "", str(XSD.integer)))
        for tag in meta.tags:
            if clean_label(tag):
                self.add(node, KG.tag, self.text(clean_label(tag), _lang(tag)))
        if meta.url.startswith(("http://", "https://")):
            self.add(node, SCHEMA.url, self.literal(meta.url, "", str(XSD.anyURI)))
        if clean_label(meta.author):
            self.author(node, doc)

    def author(self, article: str, doc: Document) -> None:
        """The author as a Person, linked by kg:hasAuthor with the metadata line as evidence."""
        name = clean_label(doc.meta.author)
        person = entity_iri("Person", name)
        self.add(person, RDF.type, self.iri(str(KG.Person)))
        for predicate in (RDFS.label, SKOS.prefLabel):
            self.add(person, predicate, self.text(name, "zh"))
        self.add(person, SKOS.inScheme, self.iri(str(KG.Discovered)))
        if doc.meta.author_url.startswith(("http://", "https://")):
            self.add(person, SCHEMA.url, self.literal(doc.meta.author_url, "", str(XSD.anyURI)))
        at = doc.text.find(doc.meta.author)
        start = doc.text.rfind("\n", 0, at) + 1 if at >= 0 else 0
        end = doc.text.find("\n", at) if at >= 0 and "\n" in doc.text[at:] else len(doc.text)
        line = doc.text[start:end] if at >= 0 else doc.meta.author
        self.fact(article, str(KG.hasAuthor), person,
                  Evidence(doc.doc_id, line, start, end if at >= 0 else 0, "metadata:author"))

    def fact(self, subject: str, predicate: str, obj: str, ev: Evidence, title: str = "") -> None:
        """The fact triple and its reified Evidence node (sentence, offsets, rule, section, article)."""
        s, p, o = self.iri(subject), self.iri(predicate), self.iri(obj)
        self.graph.add(s, p, o)
        seed = "\x1f".join(map(str, (subject, predicate, obj, ev.doc_id, ev.start, ev.end, ev.rule)))
        node = self.iri(KGE_BASE + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:24])
        article = self.iri(str(article_iri(ev.doc_id)))
        terms = self.evidence_terms
        pairs = [(TYPE, terms["type"]), (terms["subject"], s), (terms["predicate"], p), (terms["object"], o),
                 (terms["article"], article), (terms["sentence"], self.text(ev.sentence)),
                 (terms["start"], self.literal(str(ev.start), "", XSD_INTEGER)),
                 (terms["end"], self.literal(str(ev.end), "", XSD_INTEGER)), (terms["rule"], self.literal(ev.rule))]
        section = section_text(ev.section, title)
        if section:
            pairs.append((terms["section"], self.text(section)))
        self.graph.add_block(node, pairs, group=(s, p, o), rank=(article, ev.start, ev.rule))


@functools.lru_cache(maxsize=1 << 14)
def section_text(section: tuple[str, ...], title: str) -> str:
    """A readable heading path: markdown escapes and emphasis removed, the article title and repeats dropped."""
    parts: list[str] = []
    for heading in section:
        text = clean_label(MARKDOWN_ESCAPE.sub(r"\1", heading).replace("**", ""))
        if text and text != title and (not parts or parts[-1] != text):
            parts.append(text)
    return " / ".join(parts)


def _is_date(text: str) -> bool:
    """True for an ISO calendar date."""
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True

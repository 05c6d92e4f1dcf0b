"""The explorer's JSON API of `kg serve`: search by label or alias, an entity with its facts, evidence, neighbours
and articles, and the entity classes with their styles — read-only queries run by a query worker on its store.

Every query goes through kg.sparql.query.run with its inputs bound as parameters, never pasted into the text.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

from kg.graph.views import display_text, local_name
from kg.sparql.query import run

MAX_HITS = 20
MAX_SEARCH_CHARS = 200
FACTS = "FILTER(?p != kg:mentions && ?p != kg:hasAuthor)"  # the fact properties: entity-to-entity

_SEARCH = """# param: q — lower-case text to find in labels and aliases (required)
SELECT ?q ?entity ?name ?label ?type WHERE {
  ?entity rdfs:label|skos:prefLabel|skos:altLabel ?name .
  FILTER(CONTAINS(LCASE(STR(?name)), STR(?q)))
  ?entity a ?type . ?type rdfs:subClassOf* kg:Entity .
  OPTIONAL { ?entity skos:prefLabel ?preferred . FILTER(LANG(?preferred) = "zh") }
  OPTIONAL { ?entity rdfs:label ?plain . FILTER(LANG(?plain) = "zh") }
  BIND(COALESCE(?preferred, ?plain, ?name) AS ?label)
}"""
_NODE = """# param: iri — the node (required)
SELECT ?iri ?property ?value ?lang WHERE {
  VALUES ?property { rdf:type skos:prefLabel rdfs:label skos:altLabel skos:definition }
  ?iri ?property ?value .
  BIND(IF(isLITERAL(?value), LANG(?value), "") AS ?lang)
}"""
_EVIDENCE = """?ev rdf:predicate ?p ; a kg:Evidence ; kg:sentence ?sentence .
      OPTIONAL { ?ev kg:section ?section } OPTIONAL { ?ev kg:startOffset ?start }
      OPTIONAL { ?ev prov:wasDerivedFrom ?article . OPTIONAL { ?article dcterms:title ?title } }"""
# LATERAL (an Oxigraph extension) looks each fact's evidence up from its other end, which has few; a plain OPTIONAL
# read every evidence node of the graph first (5 s instead of 0.1 s on 1M triples): ?iri is bound, not a constant.
_EDGES = f"""# param: iri — the entity whose facts to list (required)
SELECT ?iri ?s ?p ?o ?sentence ?section ?start ?article ?title WHERE {{
  {{ ?iri ?p ?o . BIND(?iri AS ?s) ?p a owl:ObjectProperty . {FACTS}
    LATERAL {{ OPTIONAL {{ ?ev rdf:object ?o . ?ev rdf:subject ?s . {_EVIDENCE} }} }} }}
  UNION
  {{ ?s ?p ?iri . BIND(?iri AS ?o) ?p a owl:ObjectProperty . {FACTS}
    LATERAL {{ OPTIONAL {{ ?ev rdf:subject ?s . ?ev rdf:object ?o . {_EVIDENCE} }} }} }}
}}"""
_ARTICLES = """# param: iri — the entity (required)
SELECT ?iri ?article ?title WHERE { ?article kg:mentions ?iri . OPTIONAL { ?article dcterms:title ?title } }"""
_CLASSES = """SELECT ?class ?zh ?en ?colour ?order (COUNT(DISTINCT ?member) AS ?count) WHERE {
  ?class rdfs:subClassOf* kg:Entity ; kg:colour ?colour .
  OPTIONAL { ?class rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?class rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?class kg:order ?order }
  OPTIONAL { ?member a ?class }
} GROUP BY ?class ?zh ?en ?colour ?order"""
_PROPERTIES = """SELECT ?p ?label WHERE { ?p a owl:ObjectProperty ; rdfs:label ?label . FILTER(LANG(?label) = "zh") }"""
_DEGREES = f"""SELECT ?e (COUNT(*) AS ?degree) WHERE {{
  ?p a owl:ObjectProperty . {FACTS}
  {{ ?e ?p ?x }} UNION {{ ?x ?p ?e }}
}} GROUP BY ?e"""


def normalise(text: str) -> str:
    """Search form of a text: NFKC, lower case, trimmed."""
    return unicodedata.normalize("NFKC", text).lower().strip()


class Explorer:
    """The explorer's read-only views of one store; class styles, property labels and degrees are read once."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.styles = [self._style(row) for row in self._rows(_CLASSES)]
        self.styles.sort(key=lambda style: (style["order"], style["name"]))
        self.order = {style["name"]: index for index, style in enumerate(self.styles)}
        self.relations = {row["p"]: row["label"] for row in self._rows(_PROPERTIES)}
        self.degrees = {row["e"]: int(row["degree"]) for row in self._rows(_DEGREES)}

    def classes(self) -> list[dict[str, Any]]:
        """Every entity class with its zh / en label, colour and member count, in kg:order."""
        return self.styles

    def search(self, text: str) -> list[dict[str, Any]]:
        """Entities whose label or alias contains the text: exact matches first, then prefixes, then degree."""
        query = normalise(text)[:MAX_SEARCH_CHARS]
        if not query:
            return []
        hits: dict[str, dict[str, Any]] = {}
        for row in self._rows(_SEARCH, {"q": query}):
            name = normalise(row["name"])
            score = 0 if name == query else 1 if name.startswith(query) else 2
            hit = hits.setdefault(row["entity"], {"iri": row["entity"], "label": row["label"], "score": score,
                                                  "cls": self._class([row["type"]]), "match": row["name"]})
            if score < hit["score"]:
                hit.update(score=score, match=row["name"])
        ranked = sorted(hits.values(), key=lambda hit: (hit["score"], -self.degrees.get(hit["iri"], 0),
                                                        hit["label"], hit["iri"]))
        return [{**hit, "degree": self.degrees.get(hit["iri"], 0)} for hit in ranked[:MAX_HITS]]

    def entity(self, iri: str) -> dict[str, Any] | None:
        """One entity with its facts (each with evidence sentences and article titles), neighbours and articles."""
        node = self.node(iri)
        if node is None:
            return None
        edges: dict[str, dict[str, Any]] = {}
        for row in self._rows(_EDGES, {"iri": f"<{iri}>"}):
            key = f'{row["s"]} {row["p"]} {row["o"]}'
            edge = edges.setdefault(key, {"id": key, "from": row["s"], "to": row["o"], "evidence": [],
                                          "predicate": local_name(row["p"]),
                                          "label": self.relations.get(row["p"], local_name(row["p"]))})
            if row["sentence"] is not None:
                edge["evidence"].append({"sentence": display_text(row["sentence"]), "section": row["section"] or "",
                                         "article": row["article"] or "", "title": row["title"] or "",
                                         "start": int(row["start"] or -1)})
        for edge in edges.values():
            edge["evidence"] = _unique_sorted(edge["evidence"], ("article", "start", "sentence"))
        others = sorted({end for edge in edges.values() for end in (edge["from"], edge["to"])} - {iri})
        neighbours = [found for found in map(self.node, others) if found is not None]
        articles = [{"iri": row["article"], "title": row["title"] or local_name(row["article"])}
                    for row in self._rows(_ARTICLES, {"iri": f"<{iri}>"})]
        return {"node": node, "neighbours": neighbours, "articles": _unique_sorted(articles, ("title", "iri")),
                "edges": sorted(edges.values(), key=lambda edge: (edge["predicate"], edge["from"], edge["to"]))}

    def node(self, iri: str) -> dict[str, Any] | None:
        """An entity's label, class, aliases, definition and degree; None when the IRI is not an entity."""
        values: dict[str, list[tuple[str, str]]] = {}
        for row in self._rows(_NODE, {"iri": f"<{iri}>"}):
            values.setdefault(local_name(row["property"]), []).append((row["value"], row["lang"]))
        cls = self._class([value for value, _ in values.get("type", [])])
        if not cls:
            return None
        return {"iri": iri, "label": _best_label(values, iri), "cls": cls,
                "aliases": sorted({value for value, _ in values.get("altLabel", [])}),
                "definition": min((value for value, _ in values.get("definition", [])), default=""),
                "degree": self.degrees.get(iri, 0)}

    def _class(self, types: list[str]) -> str:
        """The entity class (lowest kg:order) among rdf:type values, or '' when none is an entity class."""
        names = [local_name(value) for value in types if local_name(value) in self.order]
        return min(names, key=self.order.__getitem__, default="")

    def _style(self, row: dict[str, str | None]) -> dict[str, Any]:
        """A class style from a _CLASSES row."""
        name = local_name(row["class"] or "")
        return {"name": name, "label_zh": row["zh"] or name, "label_en": row["en"] or name,
                "colour": row["colour"], "count": int(row["count"] or 0),
                "order": int(row["order"]) if row["order"] else 1 << 30}

    def _rows(self, text: str, params: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
        """A SELECT's rows as {variable: value, or None when unbound}."""
        result = run(self.store, text, params)
        return [{name: None if term is None else term.value for name, term in zip(result.vars, row)}
                for row in result.rows]


def _best_label(values: dict[str, list[tuple[str, str]]], iri: str) -> str:
    """skos:prefLabel@zh, then rdfs:label@zh, then any other of them, then the IRI's local name."""
    for zh_only in (True, False):
        for name in ("prefLabel", "label"):
            found = sorted(value for value, lang in values.get(name, []) if lang == "zh" or not zh_only)
            if found:
                return found[0]
    return local_name(iri)


def _unique_sorted(items: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """Dicts without duplicates, sorted by the given keys."""
    unique = {json.dumps(item, sort_keys=True): item for item in items}
    return sorted(unique.values(), key=lambda item: tuple(item[key] for key in keys))

"""The `kg serve` API: request fields and content negotiation, replies, and what a query worker computes
(row-limited SPARQL answers and the explorer's search / entity / class JSON).

Every query here goes through kg.sparql.query.run with its inputs bound as parameters, never pasted into the text.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qs

import pyoxigraph as ox

from kg.core.errors import QueryError
from kg.sparql.query import QueryResult, run
from kg.sparql.query_text import is_refused
from kg.sparql.query_results import GRAPH_FORMATS, MEDIA_TYPES, SELECT_FORMATS, serialize
from kg.graph.views import display_text, local_name

RESULT_FORMATS = {"select": SELECT_FORMATS, "graph": GRAPH_FORMATS}  # "select" stands for SELECT and ASK too
KIND_NAMES = {"select": "SELECT / ASK", "graph": "CONSTRUCT / DESCRIBE"}
MEDIA_RANGES = {  # the media types each format answers to, in Accept or in format=
    "json": ("application/sparql-results+json", "application/json"),
    "xml": ("application/sparql-results+xml", "application/xml", "text/xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
    "turtle": ("text/turtle", "application/turtle", "application/x-turtle", "text/n3", "text/rdf+n3", "application/n3"),
    "nt": ("application/n-triples",),
    "rdfxml": ("application/rdf+xml", "application/xml", "text/xml"),
    "jsonld": ("application/ld+json", "application/json"),
}
FORMAT_NAMES = {  # the names clients send as format= / output= (SPARQLWrapper, Virtuoso, Fuseki), per result kind
    "select": {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv"},
    "graph": {"turtle": "turtle", "ttl": "turtle", "n3": "turtle", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
              "rdf": "rdfxml", "rdf+xml": "rdfxml", "rdfxml": "rdfxml", "xml": "rdfxml", "json-ld": "jsonld",
              "jsonld": "jsonld", "json": "jsonld"},
}
JSON_TYPE = "application/json; charset=utf-8"
TEXT_TYPE = "text/plain; charset=utf-8"
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


class Refusal(Exception):
    """An HTTP error answer: status and a one-line message."""

    def __init__(self, status: int, message: str, allow: str = "") -> None:
        super().__init__(message)
        self.status, self.message, self.allow = status, message, allow


@dataclass(frozen=True)
class Reply:
    """An HTTP answer computed by a worker; `truncated` is set for query results only."""

    status: int
    content_type: str
    body: bytes
    truncated: bool | None = None


def error_reply(status: int, message: str) -> Reply:
    """A one-line plain-text error."""
    return Reply(status, TEXT_TYPE, (" ".join(message.split()) + "\n").encode("utf-8"))


def json_reply(value: object) -> Reply:
    """A JSON answer with stable bytes."""
    return Reply(200, JSON_TYPE, json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def negotiate(format_values: list[str], accept: str | None) -> dict[str, str | None]:
    """The format to answer in per result kind ("select", "graph"), None for a kind the client takes in no format:
    by the first `format=` / `output=` value naming one of that kind, else by the Accept header; 406 if none fits."""
    names = [value.strip().lower() for value in format_values if value.strip()]
    choice = {kind: _by_name(names, kind) if names else _by_accept(_accept_ranges(accept), kind)
              for kind in RESULT_FORMATS}
    if not any(choice.values()):
        asked = f"format={names[0][:80]}" if names else f"Accept: {(accept or '')[:80]}"
        raise Refusal(406, f"cannot answer in the format asked for ({asked}): {served_formats()}")
    return choice


def served_formats() -> str:
    """Which formats each kind of result is served in, and how to ask for one."""
    return "; ".join(f"{KIND_NAMES[kind]} results are served as {', '.join(formats)}"
                     for kind, formats in RESULT_FORMATS.items()) + " (ask with format= or an Accept header)"


def _by_name(names: list[str], kind: str) -> str | None:
    """The format of this kind that the first fitting `format=` value names (a short name or a media type)."""
    for name in names:
        by_media = (fmt for fmt in RESULT_FORMATS[kind] if name in MEDIA_RANGES[fmt])
        found = FORMAT_NAMES[kind].get(name) or next(by_media, None)
        if found:
            return found
    return None


def _by_accept(ranges: list[tuple[str, float]], kind: str) -> str | None:
    """The format of this kind with the highest q-value (then the earlier range, then ours first); the default
    without an Accept header, None when every one has q=0."""
    if not ranges:
        return RESULT_FORMATS[kind][0]
    scored = [(-quality, index, rank, fmt) for rank, fmt in enumerate(RESULT_FORMATS[kind])
              for quality, index in [_quality(fmt, ranges)] if quality > 0]
    return min(scored)[-1] if scored else None


def _accept_ranges(accept: str | None) -> list[tuple[str, float]]:
    """The Accept header's media ranges with their q-values, in the order given."""
    ranges = []
    for item in (accept or "").split(","):
        media, *options = (part.strip().lower() for part in item.split(";"))
        if media:
            ranges.append((media, next((_weight(option[2:]) for option in options if option.startswith("q=")), 1.0)))
    return ranges


def _quality(fmt: str, ranges: list[tuple[str, float]]) -> tuple[float, int]:
    """The q-value of a format under the most specific ranges that match one of its media types (exact, then type/*,
    then */*; the best of equally specific ones), and that range's position."""
    for pattern in (lambda media: media, lambda media: media.split("/")[0] + "/*", lambda media: "*/*"):
        matches = [(quality, -index) for media in MEDIA_RANGES[fmt]
                   for index, (accepted, quality) in enumerate(ranges) if accepted == pattern(media)]
        if matches:
            quality, index = max(matches)
            return quality, -index
    return 0.0, len(ranges)


def _weight(text: str) -> float:
    """An Accept q-value; malformed counts as 0 (not acceptable)."""
    try:
        return float(text)
    except ValueError:
        return 0.0


def parse_form(text: str) -> dict[str, list[str]]:
    """URL-encoded fields (UTF-8), or Refusal 400."""
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=1000)
    except (UnicodeDecodeError, ValueError):
        raise Refusal(400, "malformed form data: expected UTF-8 URL-encoded fields") from None


def one(params: dict[str, list[str]], name: str, hint: str) -> str:
    """The single value of a parameter, or Refusal 400."""
    values = params.get(name, [])
    if len(values) != 1:
        raise Refusal(400, f"give exactly one {name}= parameter ({hint})")
    return values[0]


def bindings(values: list[str]) -> dict[str, str]:
    """`param=NAME=VALUE` fields as {NAME: VALUE}, or Refusal 400 (also for a NAME given twice)."""
    bound = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise Refusal(400, f"param {item!r} is not NAME=VALUE")
        if name in bound:
            raise Refusal(400, f"parameter {name!r} is given twice; give each parameter once")
        bound[name] = value
    return bound


def answer_query(store: ox.Store, text: str, params: Mapping[str, str], choice: Mapping[str, str | None],
                 max_rows: int) -> Reply:
    """Run a query and serialise at most `max_rows` rows in the format `negotiate` chose for its kind (406: none)."""
    try:
        result = run(store, text, params)
    except QueryError as exc:
        return error_reply(refusal_status(text), exc.message)
    kind = "graph" if result.kind == "graph" else "select"
    fmt = choice[kind]
    if fmt is None:
        return error_reply(406, f"a {KIND_NAMES[kind]} result cannot be served in the format asked for: "
                                f"{served_formats()}")
    result, truncated = _truncate(result, max_rows)
    try:
        body = serialize(result, fmt)
    except QueryError as exc:
        return error_reply(406, exc.message)
    return Reply(200, MEDIA_TYPES[fmt], body.encode("utf-8"), truncated)


def refusal_status(text: str) -> int:
    """403 for a query refused on principle (an update, SERVICE), 400 for any other bad query."""
    return 403 if is_refused(text) else 400


def _truncate(result: QueryResult, max_rows: int) -> tuple[QueryResult, bool]:
    """The result cut to `max_rows` rows (or triples), and whether anything was cut."""
    if result.kind == "select" and len(result.rows) > max_rows:
        return replace(result, rows=result.rows[:max_rows]), True
    if result.kind == "graph" and len(result.triples) > max_rows:
        return replace(result, triples=result.triples[:max_rows]), True
    return result, False


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

"""Serialising query results: SPARQL 1.1 JSON / CSV / TSV / XML and an aligned terminal table for SELECT and ASK;
Turtle, N-Triples, RDF/XML and JSON-LD for CONSTRUCT and DESCRIBE."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from rdflib import Graph

from kg.core.errors import QueryError
from kg.sparql.query import QueryResult
from kg.sparql.query_text import PREFIX_IRIS, Term

MEDIA_TYPES: dict[str, str] = {
    "table": "text/plain; charset=utf-8",
    "json": "application/sparql-results+json",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "xml": "application/sparql-results+xml",
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
FORMATS = tuple(MEDIA_TYPES)
SELECT_FORMATS = ("json", "xml", "csv", "tsv")  # SELECT and ASK over HTTP, the first is the default
GRAPH_FORMATS = ("turtle", "nt", "rdfxml", "jsonld")  # CONSTRUCT and DESCRIBE, the first is the default
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
MAX_CELL = 48  # display columns before a table cell wraps
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but tab and newline, DEL, C1: a terminal obeys them


def serialize(result: QueryResult, fmt: str) -> str:
    """Render a result in one of FORMATS; `table` shows a graph result (CONSTRUCT / DESCRIBE) as Turtle."""
    if fmt not in MEDIA_TYPES:
        raise QueryError(f"unknown format {fmt!r}", fix=f"use one of {', '.join(FORMATS)}")
    if result.kind == "graph":
        if fmt not in ("table", *GRAPH_FORMATS):
            raise QueryError(f"a CONSTRUCT / DESCRIBE result is RDF, not {fmt}",
                             fix=f"use --format {', '.join(GRAPH_FORMATS)}")
        return to_rdf(result.triples, "turtle" if fmt == "table" else fmt)
    if fmt in GRAPH_FORMATS:
        raise QueryError(f"{fmt} is for CONSTRUCT / DESCRIBE results", fix="use table, json, csv, tsv or xml")
    return _WRITERS[fmt](result)


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        document: dict = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [{name: _json_term(term) for name, term in zip(result.vars, row) if term is not None}
                    for row in result.rows]
        document = {"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: plain values (IRIs bare, literals' lexical form), CRLF line ends, RFC 4180 quoting; control
    characters other than tab and newline are written as `\\uXXXX` (CSV has no escape, and a terminal obeys them)."""
    if result.kind == "ask":
        return _boolean(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.vars)
    writer.writerows([[_escape_controls(_plain(term)) for term in row] for row in result.rows])
    return buffer.getvalue()


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: `?var` header, terms in SPARQL syntax (`<iri>`, `"text"@zh`), tabs, newlines and every other
    control character escaped."""
    if result.kind == "ask":
        return _boolean(result)
    lines = ["\t".join(f"?{name}" for name in result.vars)]
    lines += ["\t".join(_sparql_term(term) for term in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format."""
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        out += ["  <head/>", f"  <boolean>{'true' if result.boolean else 'false'}</boolean>"]
    else:
        out += ["  <head>", *(f"    <variable name={quoteattr(name)}/>" for name in result.vars), "  </head>"]
        out.append("  <results>")
        for row in result.rows:
            out.append("    <result>")
            out += [f"      <binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
                    for name, term in zip(result.vars, row) if term is not None]
            out.append("    </result>")
        out.append("  </results>")
    return "\n".join([*out, "</sparql>"]) + "\n"


def to_table(result: QueryResult) -> str:
    """An aligned plain-text table (CJK counted as two columns, long cells wrapped), IRIs shortened."""
    if result.kind == "ask":
        return _boolean(result)
    cells = [[_wrap(_display(term)) for term in row] for row in result.rows]
    header = [[name] for name in result.vars]
    widths = [max(display_width(line) for cell in column for line in cell) for column in zip(header, *cells)]
    out = [_table_line(header, widths), "  ".join("─" * width for width in widths)]
    out += [_table_line(row, widths) for row in cells]
    count = len(result.rows)
    out.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(out) + "\n"


def to_rdf(triples: tuple[ox.Triple, ...], fmt: str) -> str:
    """Triples in one of GRAPH_FORMATS: Turtle (rdflib longturtle, sorted) with the kg prefixes that are used,
    N-Triples and JSON-LD as `kg export` writes them, or RDF/XML; QueryError when the syntax cannot express them."""
    from kg.outputs.export import to_jsonld, to_ntriples  # the build pipeline: imported only when a graph result is written

    graph = Graph(bind_namespaces="none")
    for name, iri in PREFIX_IRIS.items():
        graph.bind(name, iri)
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    writers = {"turtle": lambda: graph.serialize(format="longturtle"),
               "nt": lambda: to_ntriples(graph).decode("utf-8"),
               "rdfxml": lambda: graph.serialize(format="xml"),
               "jsonld": lambda: to_jsonld(graph).decode("utf-8")}
    try:
        return writers[fmt]()
    except ValueError as exc:  # RDF/XML cannot write a predicate that does not split into namespace and name
        raise QueryError(f"cannot write this result as {fmt}: {' '.join(str(exc).split())}",
                         fix="ask for turtle or nt") from None


def _escape_controls(text: str) -> str:
    """`text` with each control character but tab and newline (C0, DEL, C1) written as `\\uXXXX`, the escape
    Turtle and SPARQL read back as that character."""
    return _CONTROLS.sub(lambda found: f"\\u{ord(found[0]):04X}", text)


def display_width(text: str) -> int:
    """Terminal columns `text` takes: East-Asian wide / full-width characters count 2, combining marks 0."""
    return sum(0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
               for char in text)


def shorten(iri: str) -> str:
    """`kgr:Name` for an IRI in a kg namespace (the longest match), else the IRI itself."""
    best = max((ns for ns in PREFIX_IRIS.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    name = next(name for name, ns in PREFIX_IRIS.items() if ns == best)
    return f"{name}:{iri[len(best):]}"


def _boolean(result: QueryResult) -> str:
    """An ASK answer as one line."""
    return "true\n" if result.boolean else "false\n"


def _json_term(term: Term) -> dict:
    """One RDF term as a SPARQL JSON binding value."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    value: dict = {"type": "literal", "value": term.value}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        value["datatype"] = term.datatype.value
    return value


def _plain(term: Term | None) -> str:
    """A term as CSV shows it."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def _sparql_term(term: Term | None) -> str:
    """A term in SPARQL / Turtle syntax, with tab, newline, carriage return and other controls escaped (for TSV)."""
    if not isinstance(term, ox.Literal):
        return "" if term is None else _escape_controls(str(term))
    text = _escape_controls(term.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                           .replace("\r", "\\r").replace("\t", "\\t"))
    if term.language:
        return f'"{text}"@{term.language}'
    datatype = term.datatype.value
    return f'"{text}"' if datatype == XSD_STRING else f'"{text}"^^<{datatype}>'


def _xml_term(term: Term) -> str:
    """One RDF term as a SPARQL XML binding value."""
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
                f"</predicate><object>{_xml_term(term.object)}</object></triple>")
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _display(term: Term | None) -> str:
    """A term as the table shows it: prefixed IRIs, bare literal text, control characters as spaces."""
    if isinstance(term, ox.NamedNode):
        text = shorten(term.value)
    else:
        text = _plain(term)
    return "".join(" " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char for char in text)


def _wrap(text: str) -> list[str]:
    """Split text into lines of at most MAX_CELL display columns."""
    lines, current, width = [], "", 0
    for char in text:
        char_width = display_width(char)
        if width + char_width > MAX_CELL:
            lines.append(current)
            current, width = "", 0
        current, width = current + char, width + char_width
    return [*lines, current]


def _table_line(row: list[list[str]], widths: list[int]) -> str:
    """One table row (possibly several physical lines), cells padded by display width, no trailing spaces."""
    height = max(len(cell) for cell in row)
    lines = []
    for index in range(height):
        parts = [(cell[index] if index < len(cell) else "") for cell in row]
        padded = [part + " " * (width - display_width(part)) for part, width in zip(parts, widths)]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines)


_WRITERS = {"json": to_json, "csv": to_csv, "tsv": to_tsv, "xml": to_xml, "table": to_table}

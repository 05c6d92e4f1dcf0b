"""Export the built graph as Turtle, N-Triples, JSON-LD, GraphML, GEXF or Neo4j bulk-import CSV, byte-stable."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import shlex
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from rdflib import Graph

from kg.graph.bnodes import canonical_graph
from kg.graph.turtle import serialize_turtle
from kg.core.errors import OutputError
from kg.core.io import atomic_write, ensure_dir
from kg.core.namespaces import PREFIXES
from kg.graph.views import class_styles, display_text, to_networkx

log = logging.getLogger(__name__)

TEXT_FORMATS = ("turtle", "nt", "jsonld", "graphml", "gexf")
FORMATS = (*TEXT_FORMATS, "csv")
ALIAS_SEPARATOR = " | "
ARRAY_DELIMITER = ";"
NODES_CSV, RELATIONSHIPS_CSV = "nodes.csv", "relationships.csv"
NODE_HEADER = ("id:ID", "label", "class", "aliases:string[]", ":LABEL")
RELATIONSHIP_HEADER = (":START_ID", ":END_ID", ":TYPE", "evidence_count:int", "sentence")
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def to_ntriples(graph: Graph) -> bytes:
    """N-Triples with canonical blank-node labels, one triple per line, lines sorted and unique."""
    text = canonical_graph(graph).serialize(format="nt")
    lines = sorted({line for line in text.split("\n") if line.strip()})  # not splitlines(): U+2028 is literal text
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _sorted_json(value: Any) -> Any:
    """JSON-LD with every unordered array sorted (an @list keeps its order) so the bytes are stable."""
    if isinstance(value, dict):
        return {k: v if k == "@list" else _sorted_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def to_jsonld(graph: Graph) -> bytes:
    """Compact JSON-LD with a @context of kg's prefixes; nodes and values sorted."""
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    text = canonical_graph(graph).serialize(format="json-ld", context=context, auto_compact=True)
    document = _sorted_json(json.loads(text))
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def flat_projection(graph: Graph) -> nx.MultiDiGraph:
    """The NetworkX projection with only str/int attributes (aliases joined, the first evidence sentence as readers
    see it), as files need."""
    projection = to_networkx(graph)
    flat = nx.MultiDiGraph()
    for node, attrs in projection.nodes(data=True):
        flat.add_node(node, label=attrs["label"], cls=attrs["cls"], aliases=ALIAS_SEPARATOR.join(attrs["aliases"]),
                      degree=attrs["degree"], scheme=attrs["scheme"])
    for source, target, key, attrs in projection.edges(keys=True, data=True):
        evidence = attrs["evidence"]
        flat.add_edge(source, target, key=key, predicate=attrs["predicate"], label=attrs["label"],
                      evidence_count=len(evidence), sentence=display_text(evidence[0]["sentence"]) if evidence else "")
    return flat


def to_graphml(graph: Graph) -> bytes:
    """GraphML of the flat projection; edge ids e0, e1, … are unique so Gephi keeps parallel edges."""
    flat = flat_projection(graph)
    numbered = nx.MultiDiGraph()
    numbered.add_nodes_from(flat.nodes(data=True))
    for index, (source, target, attrs) in enumerate(flat.edges(data=True)):
        numbered.add_edge(source, target, key=f"e{index}", **attrs)
    buffer = io.BytesIO()
    nx.write_graphml_xml(numbered, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def _rgb(colour: str) -> dict[str, Any]:
    """A CSS #rrggbb colour as GEXF viz colour components."""
    red, green, blue = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return {"r": red, "g": green, "b": blue, "a": 1.0}


def to_gexf(graph: Graph) -> bytes:
    """GEXF 1.2draft of the flat projection, nodes coloured by class, without the writer's date stamp."""
    flat = flat_projection(graph)
    colours = {style["name"]: style["colour"] for style in class_styles(graph)}
    for _, attrs in flat.nodes(data=True):
        if attrs["cls"] in colours:
            attrs["viz"] = {"color": _rgb(colours[attrs["cls"]])}
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(flat)
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def relationship_type(predicate: str) -> str:
    """Neo4j relationship type of a kg property: requiresSkill -> REQUIRES_SKILL."""
    return _CAMEL_BOUNDARY.sub("_", predicate).upper()


def _array(values: str) -> str:
    """Aliases joined by the Neo4j array delimiter; a delimiter inside an alias becomes a full-width '；'."""
    aliases = values.split(ALIAS_SEPARATOR) if values else []
    if any(ARRAY_DELIMITER in alias for alias in aliases):
        log.warning("alias contains %r; written as '；' in the Neo4j array: %s", ARRAY_DELIMITER, values)
    return ARRAY_DELIMITER.join(alias.replace(ARRAY_DELIMITER, "；") for alias in aliases)


def _csv_bytes(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> bytes:
    """RFC 4180 CSV in UTF-8 with CRLF rows: fields with commas, quotes, CR or LF quoted, quotes doubled."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def to_csv(graph: Graph) -> dict[str, bytes]:
    """Neo4j bulk-import files: nodes.csv (entities and articles) and relationships.csv (facts and mentions)."""
    flat = flat_projection(graph)
    nodes = [(node, a["label"], a["cls"], _array(a["aliases"]), a["cls"]) for node, a in flat.nodes(data=True)]
    relationships = [(source, target, relationship_type(a["predicate"]), a["evidence_count"], a["sentence"])
                     for source, target, a in flat.edges(data=True)]
    return {NODES_CSV: _csv_bytes(NODE_HEADER, nodes), RELATIONSHIPS_CSV: _csv_bytes(RELATIONSHIP_HEADER, relationships)}


_TEXT_WRITERS = {"turtle": serialize_turtle, "nt": to_ntriples, "jsonld": to_jsonld, "graphml": to_graphml,
                 "gexf": to_gexf}


def export_text(graph: Graph, fmt: str) -> bytes:
    """The whole graph in one single-file format."""
    if fmt not in _TEXT_WRITERS:
        raise OutputError(f"unknown single-file export format {fmt!r}", fix=f"use one of {', '.join(TEXT_FORMATS)}")
    return _TEXT_WRITERS[fmt](graph)


def neo4j_import_command(folder: Path) -> str:
    """The neo4j-admin (5.x) command that loads the csv export in `folder` into the database `neo4j`."""
    nodes, relationships = (shlex.quote(str(folder / name)) for name in (NODES_CSV, RELATIONSHIPS_CSV))
    return (f"neo4j-admin database import full --nodes={nodes} --relationships={relationships} "
            f"--array-delimiter={shlex.quote(ARRAY_DELIMITER)} --multiline-fields=true --overwrite-destination neo4j")


def write_export(graph: Graph, fmt: str, out: Path) -> list[Path]:
    """Write the export to `out` (a file, or for csv a folder) atomically; return the files written."""
    if fmt != "csv":
        atomic_write(out, export_text(graph, fmt))
        return [out]
    if out.exists() and not out.is_dir():
        raise OutputError("csv export needs a folder, not a file", where=str(out), fix="pass --out DIR")
    ensure_dir(out)
    written = []
    for name, data in to_csv(graph).items():
        atomic_write(out / name, data)
        written.append(out / name)
    return written

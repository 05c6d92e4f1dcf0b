"""kg.outputs.export on the hand-written fixture graph: every format round-trips, bytes are stable, CSV fits Neo4j."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, SKOS, XSD

from kg.cli import export as cli_export
from kg.outputs import export
from kg.graph.turtle import serialize_turtle
from kg.core.errors import OutputError
from kg.core.namespaces import KG, KGA, KGE, KGR, PREFIXES
from kg.graph.turtle import parse_rdf
from kg.graph.views import display_text, to_networkx

ROOT = Path(__file__).resolve().parents[3]
TRICKY_SENTENCE = 'Midjourney 由模型厂做,\n"引号"与\r\n换行；见 <b>'
TRICKY_ALIAS = 'G;A "N", 生成'


def load_graph() -> Graph:
    """Ontology + fixture, plus a basedOn fact parallel to GAN evolvesInto, whose evidence and an alias hold
    CSV-hostile text."""
    graph = Graph()
    graph.parse(ROOT / "ontology" / "kg.ttl")
    graph.parse(ROOT / "tests" / "data" / "small_graph.ttl")
    graph.add((KGR.GAN, KG.basedOn, KGR.DiffusionModel))
    graph.add((KGR.GAN, SKOS.altLabel, Literal(TRICKY_ALIAS, lang="zh")))
    node = KGE.tricky
    for predicate, value in ((RDF.type, KG.Evidence), (RDF.subject, KGR.GAN), (RDF.predicate, KG.basedOn),
                             (RDF.object, KGR.DiffusionModel), (PROV.wasDerivedFrom, KGA["a2.txt"]),
                             (KG.sentence, Literal(TRICKY_SENTENCE, lang="zh")),
                             (KG.startOffset, Literal(1, datatype=XSD.integer))):
        graph.add((node, predicate, value))
    return graph


@pytest.fixture()
def graph() -> Graph:
    return load_graph()


def oxigraph_graph(data: bytes, fmt: ox.RdfFormat) -> Graph:
    """Parse with pyoxigraph (strict) into rdflib terms."""
    return parse_rdf(data, fmt)


def test_the_fixture_has_blank_nodes(graph: Graph) -> None:
    assert any(isinstance(s, BNode) for s in graph.subjects()), "owl:unionOf lists: bnode handling is exercised"


def test_turtle_is_the_build_serialisation_and_round_trips(graph: Graph) -> None:
    data = export.export_text(graph, "turtle")
    assert data == serialize_turtle(graph)
    assert isomorphic(Graph().parse(data=data, format="turtle"), graph)
    assert isomorphic(oxigraph_graph(data, ox.RdfFormat.TURTLE), graph)


def test_ntriples_are_sorted_lines_and_round_trip(graph: Graph) -> None:
    data = export.to_ntriples(graph)
    assert data.endswith(b" .\n")
    lines = data.decode("utf-8")[:-1].split("\n")  # not splitlines(): a sentence holds a literal U+2028
    assert lines == sorted(set(lines)) and len(lines) == len(graph)
    assert all(line.endswith(" .") for line in lines)
    assert isomorphic(Graph().parse(data=data, format="nt"), graph)
    assert isomorphic(oxigraph_graph(data, ox.RdfFormat.N_TRIPLES), graph)


def test_jsonld_is_compact_and_round_trips(graph: Graph) -> None:
    data = export.to_jsonld(graph)
    document = json.loads(data)
    assert document["@context"] == {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    ids = [node["@id"] for node in document["@graph"]]
    assert ids == sorted(ids) and "kgr:Midjourney" in ids
    assert isomorphic(Graph().parse(data=data, format="json-ld"), graph)
    assert isomorphic(oxigraph_graph(data, ox.RdfFormat.JSON_LD), graph)


def test_every_format_gives_the_same_bytes_for_a_reparsed_graph() -> None:
    first, second = load_graph(), load_graph()
    assert {b for b in first.all_nodes() if isinstance(b, BNode)} != {
        b for b in second.all_nodes() if isinstance(b, BNode)}, "bnode ids differ between parses"
    for fmt in export.TEXT_FORMATS:
        assert export.export_text(first, fmt) == export.export_text(second, fmt), fmt
    assert export.to_csv(first) == export.to_csv(second)


def expected_edges(graph: Graph) -> Counter:
    """(source, target, predicate) of every projection edge, as a multiset."""
    return Counter((s, t, a["predicate"]) for s, t, a in to_networkx(graph).edges(data=True))


def check_xml_round_trip(graph: Graph, reread: nx.MultiDiGraph) -> None:
    """The re-read GraphML/GEXF holds the projection's nodes, edges and attributes."""
    projection = to_networkx(graph)
    assert sorted(reread.nodes) == sorted(projection.nodes)
    for node, attrs in projection.nodes(data=True):
        got = reread.nodes[node]
        assert (got["label"], got["cls"], got["degree"], got["scheme"]) == (
            attrs["label"], attrs["cls"], attrs["degree"], attrs["scheme"]), node
        assert got["aliases"] == " | ".join(attrs["aliases"])
    assert Counter((s, t, a["predicate"]) for s, t, a in reread.edges(data=True)) == expected_edges(graph)
    for s, t, attrs in projection.edges(data=True):
        [got] = [a for a in reread.get_edge_data(s, t).values() if a["predicate"] == attrs["predicate"]]
        evidence = attrs["evidence"]
        assert (got["label"], got["evidence_count"]) == (attrs["label"], len(evidence))
        sentence = display_text(evidence[0]["sentence"]) if evidence else ""
        assert got.get("sentence", "") == sentence, "the sentence as readers see it, on one line"


def test_graphml_round_trips_with_unique_edge_ids(graph: Graph) -> None:
    data = export.to_graphml(graph)
    reread = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    check_xml_round_trip(graph, reread)
    keys = [k for _, _, k in reread.edges(keys=True)]
    assert len(keys) == len(set(keys)), "Gephi drops edges whose id repeats"
    mj = reread.nodes[str(KGR.Midjourney)]
    assert (mj["label"], mj["cls"], mj["aliases"]) == ("Midjourney", "Product", "MJ | Stable-Diffusion")


def test_gexf_round_trips_with_labels_classes_and_colours(graph: Graph) -> None:
    data = export.to_gexf(graph)
    assert b'version="1.2"' in data and b"lastmodifieddate" not in data
    reread = nx.read_gexf(io.BytesIO(data))
    check_xml_round_trip(graph, reread)
    assert {k for _, _, k in reread.edges(keys=True)} == {p for _, _, p in expected_edges(graph)}
    role = reread.nodes[str(KGR.AIGCProductManager)]
    assert (role["label"], role["cls"]) == ("AIGC产品经理", "Role")
    colour = next(graph.objects(KG.Role, KG.colour)).lstrip("#")
    assert [role["viz"]["color"][c] for c in "rgb"] == [int(colour[i:i + 2], 16) for i in (0, 2, 4)]


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_csv_has_the_neo4j_headers_and_every_node_once(graph: Graph) -> None:
    files = export.to_csv(graph)
    assert sorted(files) == ["nodes.csv", "relationships.csv"]
    assert files["nodes.csv"].split(b"\r\n")[0] == b"id:ID,label,class,aliases:string[],:LABEL"
    assert files["relationships.csv"].split(b"\r\n")[0] == b":START_ID,:END_ID,:TYPE,evidence_count:int,sentence"
    nodes, relationships = read_csv(files["nodes.csv"]), read_csv(files["relationships.csv"])
    ids = [row["id:ID"] for row in nodes]
    projection = to_networkx(graph)
    assert sorted(ids) == sorted(projection.nodes) and len(set(ids)) == len(ids)
    assert len(relationships) == projection.number_of_edges()
    assert all(row[":START_ID"] in ids and row[":END_ID"] in ids for row in relationships)
    articles = {row["id:ID"] for row in nodes if row[":LABEL"] == "Article"}
    assert articles == {str(KGA["a1.txt"]), str(KGA["a2.txt"])}
    types = Counter(row[":TYPE"] for row in relationships)
    assert types["MENTIONS"] == 10 and types["HAS_AUTHOR"] == 1 and types["REQUIRES_SKILL"] == 1


def test_csv_quotes_hostile_text_and_keeps_facts(graph: Graph) -> None:
    files = export.to_csv(graph)
    rows = {(r[":START_ID"], r[":TYPE"], r[":END_ID"]): r for r in read_csv(files["relationships.csv"])}
    based_on = rows[(str(KGR.GAN), "BASED_ON", str(KGR.DiffusionModel))]
    assert (based_on["sentence"], based_on["evidence_count:int"]) == (display_text(TRICKY_SENTENCE), "1")
    generates = rows[(str(KGR.Midjourney), "GENERATES", str(KGR.Image))]
    assert (generates["evidence_count:int"], generates["sentence"]) == ("3", "Midjourney 可以根据文字生成图像。")
    assert rows[(str(KGR.GAN), "EVOLVES_INTO", str(KGR.DiffusionModel))]["sentence"] == "图像生成技术从GAN演进为扩散模型。"
    gan = next(r for r in read_csv(files["nodes.csv"]) if r["id:ID"] == str(KGR.GAN))
    assert gan["aliases:string[]"].split(";") == ['G；A "N", 生成'], "the array delimiter cannot split an alias"
    mj = next(r for r in read_csv(files["nodes.csv"]) if r["id:ID"] == str(KGR.Midjourney))
    assert (mj["label"], mj["class"], mj["aliases:string[]"]) == ("Midjourney", "Product", "MJ;Stable-Diffusion")


@pytest.mark.parametrize(("predicate", "expected"), [("requiresSkill", "REQUIRES_SKILL"), ("mentions", "MENTIONS"),
                                                     ("hasAuthor", "HAS_AUTHOR"), ("inLayer", "IN_LAYER")])
def test_relationship_type(predicate: str, expected: str) -> None:
    assert export.relationship_type(predicate) == expected


def test_unknown_format_is_an_output_error(graph: Graph) -> None:
    with pytest.raises(OutputError, match="unknown"):
        export.export_text(graph, "csv")


def test_write_export_writes_files_and_refuses_a_file_as_csv_folder(graph: Graph, tmp_path: Path) -> None:
    assert export.write_export(graph, "nt", tmp_path / "g.nt") == [tmp_path / "g.nt"]
    assert (tmp_path / "g.nt").read_bytes() == export.to_ntriples(graph)
    written = export.write_export(graph, "csv", tmp_path / "neo")
    assert [p.name for p in written] == ["nodes.csv", "relationships.csv"]
    assert {p.name for p in (tmp_path / "neo").iterdir()} == {"nodes.csv", "relationships.csv"}, "no temp files"
    with pytest.raises(OutputError, match="folder"):
        export.write_export(graph, "csv", tmp_path / "g.nt")


def test_neo4j_command_quotes_paths() -> None:
    command = export.neo4j_import_command(Path("/tmp/my dir"))
    assert command.startswith("neo4j-admin database import full ")
    assert "--nodes='/tmp/my dir/nodes.csv'" in command and "--relationships='/tmp/my dir/relationships.csv'" in command
    assert "--array-delimiter=';'" in command and "--multiline-fields=true" in command


def test_cli_offers_exactly_the_library_formats() -> None:
    assert cli_export.FORMATS == export.FORMATS

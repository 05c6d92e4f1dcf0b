"""`kg export` on the seeds build: every format written by the command re-reads to the same graph."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli.main import _Group
from kg.cli.export import export_command
from kg.graph.views import display_text, to_networkx

ROOT = Path(__file__).resolve().parents[2]
RDF_FORMATS = {"turtle": ("turtle", ox.RdfFormat.TURTLE), "nt": ("nt", ox.RdfFormat.N_TRIPLES),
               "jsonld": ("json-ld", ox.RdfFormat.JSON_LD)}


def kg(*args: str) -> Result:
    """Invoke `kg export` inside a group that, like `kg`, turns KGError into one line and exit status 2."""
    group = _Group("kg")
    group.add_command(export_command)
    return CliRunner().invoke(group, ["export", *args])


@pytest.fixture(scope="module")
def seeds(seeds_build) -> tuple[Graph, Path]:
    result, out_dir = seeds_build
    return result.graph, out_dir / "graph.ttl"


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_formats_round_trip(fmt: str, seeds, tmp_path: Path) -> None:
    graph, ttl = seeds
    target = tmp_path / f"graph.{fmt}"
    result = kg("--format", fmt, "--graph", str(ttl), "--out", str(target))
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.output
    data = target.read_bytes()
    rdflib_format, oxigraph_format = RDF_FORMATS[fmt]
    assert isomorphic(Graph().parse(data=data, format=rdflib_format), graph)
    assert len(list(ox.parse(data, format=oxigraph_format))) == len(graph), "pyoxigraph parses it strictly"


def test_turtle_export_is_the_build_file(seeds) -> None:
    _, ttl = seeds
    result = kg("--format", "turtle", "--graph", str(ttl))
    assert result.exit_code == 0 and result.stdout_bytes == ttl.read_bytes()


def test_text_formats_go_to_stdout_and_match_the_file(seeds, tmp_path: Path) -> None:
    _, ttl = seeds
    for fmt in ("nt", "jsonld", "graphml", "gexf"):
        kg("--format", fmt, "--graph", str(ttl), "--out", str(tmp_path / fmt))
        stdout = kg("--format", fmt, "--graph", str(ttl))
        assert stdout.exit_code == 0 and stdout.stdout_bytes == (tmp_path / fmt).read_bytes(), fmt


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_tool_formats_round_trip(fmt: str, seeds, tmp_path: Path) -> None:
    graph, ttl = seeds
    target = tmp_path / f"g.{fmt}"
    assert kg("--format", fmt, "--graph", str(ttl), "--out", str(target)).exit_code == 0
    reread = nx.read_graphml(target, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(target)
    projection = to_networkx(graph)
    assert sorted(reread.nodes) == sorted(projection.nodes)
    for node, attrs in projection.nodes(data=True):
        got = reread.nodes[node]
        assert [got[k] for k in ("label", "cls", "degree", "scheme")] == [attrs[k] for k in
                                                                          ("label", "cls", "degree", "scheme")]
        assert got["aliases"] == " | ".join(attrs["aliases"])
    assert Counter((s, t, a["predicate"], a["label"], a["evidence_count"], a.get("sentence", ""))
                   for s, t, a in reread.edges(data=True)) == Counter(
        (s, t, a["predicate"], a["label"], len(a["evidence"]), display_text(a["evidence"][0]["sentence"]))
        for s, t, a in projection.edges(data=True))


def test_csv_is_a_consistent_neo4j_import(seeds, tmp_path: Path) -> None:
    graph, ttl = seeds
    result = kg("--format", "csv", "--graph", str(ttl), "--out", str(tmp_path / "neo4j"))
    assert result.exit_code == 0, result.output
    assert "neo4j-admin database import full --nodes=" in result.output and "--array-delimiter=';'" in result.output
    read = [list(csv.DictReader(io.StringIO((tmp_path / "neo4j" / name).read_text("utf-8"), newline="")))
            for name in ("nodes.csv", "relationships.csv")]
    nodes, relationships = read
    ids = [row["id:ID"] for row in nodes]
    projection = to_networkx(graph)
    assert len(ids) == len(set(ids)) == projection.number_of_nodes()
    assert len(relationships) == projection.number_of_edges()
    assert all(row[":START_ID"] in set(ids) and row[":END_ID"] in set(ids) for row in relationships)
    labels = Counter(row[":LABEL"] for row in nodes)
    assert labels["Article"] == 5 and labels["Role"] > 5
    types = Counter(row[":TYPE"] for row in relationships)
    assert types["MENTIONS"] == sum(1 for *_, p in projection.edges(keys=True) if p == "mentions") > 100
    assert all(int(row["evidence_count:int"]) >= 1 for row in relationships), "every built fact has evidence"


def test_same_graph_same_bytes_under_any_hash_seed(seeds, tmp_path: Path) -> None:
    _, ttl = seeds
    script = ("import sys; from pathlib import Path; from kg.sparql.store import load_graph; from kg.outputs.export import "
              "FORMATS, write_export\ng = load_graph(Path(sys.argv[1]))\n"
              "for f in FORMATS: write_export(g, f, Path(sys.argv[2]) / f)")
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script, str(ttl), str(tmp_path / seed)], env=env,
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
    files = sorted(p.relative_to(tmp_path / "1") for p in (tmp_path / "1").rglob("*") if p.is_file())
    assert len(files) == 7
    for name in files:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_default_graph_is_output_graph_ttl(seeds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, ttl = seeds
    (tmp_path / "output").mkdir()
    shutil.copy(ttl, tmp_path / "output" / "graph.ttl")
    monkeypatch.chdir(tmp_path)
    result = kg("--format", "jsonld")
    assert result.exit_code == 0 and json.loads(result.stdout_bytes)["@graph"]
    assert result.stdout_bytes == kg("--format", "jsonld", "--graph", str(ttl)).stdout_bytes


def test_missing_graph_is_one_line_error_with_status_2(tmp_path: Path) -> None:
    result = kg("--format", "nt", "--graph", str(tmp_path / "nope.ttl"))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: graph file not found") and "nope.ttl" in lines[0]


@pytest.mark.parametrize(("args", "expected"), [
    (("--format", "xml"), "Invalid value for '--format'"),
    (("--format", "csv"), "--format csv writes several files: pass --out DIR"),
    ((), "Missing option '--format'"),
    (("--format", "nt", "--bogus"), "No such option '--bogus'"),
])
def test_usage_errors_are_one_kg_error_line_with_status_2(seeds, args: tuple[str, ...], expected: str) -> None:
    """Issue 12: click's own `Usage: … Error: …` block became one `kg: error: …` line pointing to the help."""
    result = kg(*args, "--graph", str(seeds[1]))
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 1, result.output
    assert lines[0].startswith("kg: error: ") and expected in lines[0] and lines[0].endswith("see `kg export --help`")


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(export_command, ["--help"])
    assert result.exit_code == 0 and "Example" in result.output and "kg export --format graphml" in result.output

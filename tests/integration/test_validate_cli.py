"""`kg validate` on the seeds' build: it conforms, quickly; broken files give exit status 1 or 2."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from rdflib import RDF, Graph

from kg.cli.validate import validate_command
from kg.core.namespaces import KG, KGR
from kg.graph.validate import validate


def test_seeds_graph_conforms(seeds_build) -> None:
    result, out = seeds_build
    report = validate(result.graph)
    assert report.conforms, report.summary()
    recorded = json.loads((out / "run.json").read_text(encoding="utf-8"))["validation"]
    assert recorded == {"conforms": True, "violations": 0, "messages": []}


def test_cli_conforms_exit_0(seeds_build) -> None:
    _result, out = seeds_build
    run = CliRunner().invoke(validate_command, ["--graph", str(out / "graph.ttl")])
    assert (run.exit_code, run.output) == (0, "conforms\n")


def test_cli_lists_violations_exit_1(seeds_build, tmp_path: Path) -> None:
    result, _out = seeds_build
    broken = Graph()
    for triple in result.graph:
        broken.add(triple)
    assert (KGR.OpenAI, RDF.type, KG.Organization) in broken
    broken.add((KGR.OpenAI, KG.generates, KGR.Text))
    path = tmp_path / "broken.ttl"
    broken.serialize(path, format="turtle")
    run = CliRunner().invoke(validate_command, ["--graph", str(path)])
    assert run.exit_code == 1
    assert run.output.splitlines() == [
        "does not conform: 2 violations",
        "kgr:OpenAI\t-\tOnly a kg:Product can have kg:generates.",
        ("kgr:OpenAI\tkg:generates\tThis fact has no kg:Evidence node (rdf:subject / rdf:predicate / rdf:object) "
         "saying which sentence states it.\tvalue: kgr:Text"),
    ]


def test_cli_missing_file_exit_2(tmp_path: Path) -> None:
    run = CliRunner().invoke(validate_command, ["--graph", str(tmp_path / "none.ttl")])
    assert run.exit_code == 2
    assert "graph file not found" in run.output


def test_cli_bad_turtle_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text("kgr:x a .\n", encoding="utf-8")
    run = CliRunner().invoke(validate_command, ["--graph", str(path)])
    assert run.exit_code == 2
    assert "cannot parse Turtle" in run.output

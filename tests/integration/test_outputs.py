"""Output guarantees: byte-identical Turtle and HTML, strict-parser-valid Turtle, declared classes, fresh output/."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from rdflib import RDF, Graph
from rdflib.namespace import OWL, RDFS, SKOS

from kg.core.namespaces import KG

ROOT = Path(__file__).resolve().parents[2]


def build_in_subprocess(inputs: list[Path], out: Path, hash_seed: str) -> None:
    """`kg build` in a fresh interpreter with a given PYTHONHASHSEED."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    result = subprocess.run([sys.executable, "-m", "kg", "build", *map(str, inputs), "--out", str(out)],
                            check=False, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr


def test_same_input_same_bytes_across_hash_seeds_and_input_order(tmp_path: Path) -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    shuffled = tmp_path / "shuffled"
    shuffled.mkdir()
    order = seeds[:]
    random.Random(3).shuffle(order)
    for path in order:  # different creation order, so a different os.listdir order
        shutil.copy(path, shuffled / path.name)
    build_in_subprocess([ROOT / "seeds"], tmp_path / "a", "1")
    build_in_subprocess([shuffled], tmp_path / "b", "987654")
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_turtle_parses_under_a_strict_parser(seeds_build) -> None:
    _, out = seeds_build
    data = (out / "graph.ttl").read_bytes()
    strict = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(strict) == len(Graph().parse(data=data, format="turtle")) > 5000


def test_every_class_used_is_declared(seeds_build) -> None:
    graph = Graph().parse(seeds_build[1] / "graph.ttl")
    used = set(graph.objects(None, RDF.type))
    declared = set(graph.subjects(RDF.type, OWL.Class)) | {OWL.Class, OWL.Ontology, OWL.ObjectProperty,
                                                           OWL.DatatypeProperty, OWL.AnnotationProperty,
                                                           OWL.TransitiveProperty}
    declared.add(SKOS.ConceptScheme)
    assert used <= declared, used - declared


def test_every_object_property_has_domain_and_range(seeds_build) -> None:
    graph = seeds_build[0].graph
    for prop in graph.subjects(RDF.type, OWL.ObjectProperty):
        assert graph.value(prop, RDFS.domain) is not None and graph.value(prop, RDFS.range) is not None, prop


def test_networkx_view_is_a_projection_of_the_rdf_graph(seeds_build) -> None:
    result, _ = seeds_build
    view = result.networkx
    assert isinstance(view, nx.MultiDiGraph)
    typed = {str(s) for s, o in result.graph.subject_objects(RDF.type) if str(o).startswith(str(KG))}
    assert set(view.nodes) <= typed and len(view.nodes) > 200
    for _, attrs in view.nodes(data=True):
        assert {"label", "cls", "degree"} <= set(attrs)
    facts = {(str(s), str(o)) for s, p, o in result.graph if p in {KG.generates, KG.requiresSkill}}
    edges = {(u, v) for u, v, k in view.edges(keys=True) if k in ("generates", "requiresSkill")}
    assert facts == edges


def test_committed_output_is_the_build_of_seeds(seeds_build) -> None:
    _, out = seeds_build
    for name in ("graph.ttl", "graph.html"):
        committed = (ROOT / "output" / name).read_bytes()
        assert committed == (out / name).read_bytes(), f"output/{name} is stale: run `kg build` and commit output/"


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_worker_processes_give_the_same_bytes(seeds_build, tmp_path: Path, start_method: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Checklist 22: 1 vs N extraction workers give byte-identical Turtle and HTML, whether the workers are
    forked (inheriting the loaded lexicon) or spawned (loading their own)."""
    import kg.pipeline.run
    from kg.core.config import Settings
    from kg.pipeline.run import build

    monkeypatch.setattr(kg.pipeline.run.multiprocessing, "get_start_method", lambda: start_method)
    build([ROOT / "seeds"], tmp_path, Settings().with_(workers=2, use_cache=False))
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / name).read_bytes() == (seeds_build[1] / name).read_bytes(), name


def test_validation_of_a_large_graph_is_left_to_kg_validate(tmp_path: Path) -> None:
    from kg.core.config import Settings
    from kg.pipeline.run import build

    seed = next((ROOT / "seeds").glob("000_*.txt"))
    report = build([seed], tmp_path, Settings().with_(validate_max_triples=100)).report
    assert report["validation"] == {"skipped": True}
    assert any("kg validate" in warning for warning in report["warnings"])


def test_a_build_over_view_max_triples_keeps_every_triple_in_turtle(seeds_build, tmp_path: Path) -> None:
    """Past view_max_triples the HTML shows a lighter view (≤ 3 sentences per fact, no mention evidence),
    while graph.ttl is byte-identical to the full build and run.json says what was left out."""
    from kg.core.config import Settings
    from kg.pipeline.run import VIEW_EVIDENCE, build

    full, full_out = seeds_build
    light = build([ROOT / "seeds"], tmp_path, Settings().with_(view_max_triples=1000, use_cache=False))
    assert (tmp_path / "graph.ttl").read_bytes() == (full_out / "graph.ttl").read_bytes()
    assert light.report["view"]["complete"] is False and full.report["view"]["complete"] is True
    assert any("view_max_triples=1000" in w for w in light.report["warnings"])
    assert len(light.graph) == len(full.graph) == light.report["triples"] > len(light.view)
    mentions = {e for e in light.view.subjects(RDF.type, KG.Evidence)
                if (e, RDF.predicate, KG.mentions) in light.view}
    assert not mentions
    per_fact: dict = {}
    for node in light.view.subjects(RDF.type, KG.Evidence):
        fact = tuple(light.view.value(node, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        per_fact[fact] = per_fact.get(fact, 0) + 1
    assert per_fact and max(per_fact.values()) <= VIEW_EVIDENCE
    facts = {(s, p, o) for s, p, o in full.graph if p.startswith(str(KG)) and (s, p, o) in light.view}
    assert {f for f in per_fact} <= facts
    html = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert "AIGC产品经理" in html

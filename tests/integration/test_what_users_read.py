"""Issue 12, "what users read": evidence shown without markdown markup (offsets still exact), one definition of
degree, the --min-confidence help, Chinese saved-query descriptions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner
from rdflib import Graph

from kg.cli.main import cli
from kg.core.config import Settings
from kg.outputs.export import to_csv
from kg.core.namespaces import KG, KGR
from kg.pipeline.run import BuildResult, build
from kg.sparql.saved import saved_queries
from kg.outputs.render import page_data
from kg.outputs.report import career_map
from kg.outputs.report_render import render_report_html, render_report_markdown

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
NAMED_GRAPH = "https://w3id.org/aigc-kg/graph"
MARKUP = re.compile(r"\*\*|\]\(https?://|\\\*")
ESCAPED = "# 标题\n\nMidjourney可以生成图像，写作 a\\*b\\*c 也行。\n"


def page_sentences(graph: Graph) -> list[str]:
    """Every evidence sentence graph.html would show."""
    return [ev["sentence"] for edge in page_data(graph)["edges"] for ev in edge["evidence"]]


def test_page_evidence_has_no_markdown_markup(seeds_build: tuple[BuildResult, Path]) -> None:
    result, _ = seeds_build
    sentences = page_sentences(result.view)
    assert "产品代表：Midjourney" in sentences and "Author: PM大白" in sentences
    assert not [s for s in sentences if MARKUP.search(s)]


def test_graph_keeps_the_text_its_offsets_point_into(seeds_build: tuple[BuildResult, Path]) -> None:
    result, _ = seeds_build
    raw = {str(s) for s in result.graph.objects(None, KG.sentence)}
    assert "**产品代表：**Midjourney" in raw and "**Author:** [PM大白](https://www.woshipm.com/u/172223)" in raw


def test_backslash_escapes_become_the_character_they_protect(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ESCAPED, encoding="utf-8")
    result = build([tmp_path], write=False)
    sentences = page_sentences(result.view)
    assert "Midjourney可以生成图像，写作 a*b*c 也行。" in sentences
    assert "a*b*c" in to_csv(result.graph)["relationships.csv"].decode("utf-8")


def test_report_and_exports_show_clean_sentences(seeds_build: tuple[BuildResult, Path]) -> None:
    result, _ = seeds_build
    report = career_map(result.graph)
    markdown, html = render_report_markdown(report), render_report_html(report)
    assert "产品代表：Midjourney" in markdown and "\\*\\*" not in markdown
    assert "产品代表：Midjourney" in html and "**" not in html
    relationships = to_csv(result.graph)["relationships.csv"].decode("utf-8")
    assert "产品代表：Midjourney" in relationships and not MARKUP.search(relationships)


def test_degree_is_the_same_in_the_page_and_the_central_entities_query(seeds_build) -> None:
    """One definition: relations with other entities; article mentions and authors do not count."""
    result, out = seeds_build
    page = {n["label"]: n["degree"] for n in page_data(result.view)["nodes"] if n["cls"] != "Article"}
    answer = CliRunner().invoke(cli, ["query", "central-entities", "--graph", str(out / "graph.ttl"),
                                      "--param", "limit=10", "--format", "json"])
    rows = json.loads(answer.output)["results"]["bindings"]
    assert len(rows) == 10
    assert {r["label"]["value"]: int(r["degree"]["value"]) for r in rows} == {
        r["label"]["value"]: page[r["label"]["value"]] for r in rows}
    assert any(result.graph.subjects(KG.mentions, KGR.AIGCProductManager)), "its mentions are not counted"
    assert "AIGC产品经理" in {r["label"]["value"] for r in rows}


def test_two_builds_write_the_same_run_json(tmp_path: Path) -> None:
    """A rebuild of a committed output folder leaves git clean: timings and cache hits are printed, not written."""
    settings = Settings().with_(cache_dir=tmp_path / "cache")
    first = build([ROOT / "seeds"], tmp_path / "out", settings)
    written = (tmp_path / "out" / "run.json").read_bytes()
    second = build([ROOT / "seeds"], tmp_path / "out", settings)
    assert (tmp_path / "out" / "run.json").read_bytes() == written
    assert first.report["cache"]["misses"] == 5 and second.report["cache"]["hits"] == 5 and second.report["timings_s"]


def readme_push_requests() -> list[tuple[str, str]]:
    """The (default-graph-uri, query) of each curl the README shows after `kg push`."""
    section = README.read_text(encoding="utf-8").split("### Load it into a SPARQL server", 1)[1].split("\n### ", 1)[0]
    requests = []
    for line in section.splitlines():
        if line.startswith("$ curl"):
            fields = dict(re.findall(r"--data-urlencode '([\w-]+)=(.*?)'", line))
            requests.append((fields.get("default-graph-uri", ""), fields["query"]))
    return requests


def test_readme_shows_how_to_query_the_named_graph_kg_push_writes(seeds_build) -> None:
    """Run the README's queries on a store holding the graph in kg push's named graph, as the server would."""
    _, out = seeds_build
    store = ox.Store()
    store.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(NAMED_GRAPH))
    counts = []
    for default_graph, query in readme_push_requests():
        chosen = [ox.NamedNode(default_graph)] if default_graph else None
        counts.append(int(next(iter(store.query(query, default_graph=chosen)))["n"].value))
    assert counts == [0, len(store), len(store)]


def test_min_confidence_help_says_relations_are_dropped_too() -> None:
    text = " ".join(CliRunner().invoke(cli, ["build", "--help"]).output.split())
    assert "--min-confidence" in text and "relations" in text.split("--min-confidence", 1)[1].split("--no-cache")[0]


def test_saved_query_descriptions_are_chinese_and_english() -> None:
    for query in saved_queries():
        assert re.search(r"[\u4e00-\u9fff]", query.description) and re.search(r"[A-Za-z]{4}", query.description), query.name

"""`kg query` on the real build of seeds/: the saved queries' answers, output formats, errors and exit codes."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph

from kg.cli.main import cli
from kg.cli.query import query_command
from kg.core.namespaces import sparql_prologue
from kg.sparql.saved import saved_queries

if "query" not in cli.commands:
    cli.add_command(query_command)


@pytest.fixture(scope="module")
def graph(seeds_build) -> Path:
    return seeds_build[1] / "graph.ttl"


def kg_query(graph: Path, *args: str, stdin: str | None = None) -> Result:
    """Invoke `kg query --graph GRAPH ARGS…` through the real command group."""
    return CliRunner().invoke(cli, ["query", "--graph", str(graph), *args], input=stdin)


def rows(graph: Path, *args: str) -> list[dict[str, str]]:
    """The JSON bindings of a query as {var: value} dicts."""
    result = kg_query(graph, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return [{name: value["value"] for name, value in binding.items()}
            for binding in json.loads(result.output)["results"]["bindings"]]


def test_products_by_content_image(graph: Path) -> None:
    found = rows(graph, "products-by-content", "--param", "content=图像")
    products = {row["product"] for row in found}
    assert {"Midjourney", "文心一言"} <= products  # the seeds never state that Stable Diffusion generates images
    assert {row["contentLabel"] for row in found} == {"图像"}
    assert all("content" not in row for row in found)  # the parameter's echo column is dropped
    everything = rows(graph, "products-by-content")
    assert {"图像", "文本", "视频"} <= {row["contentLabel"] for row in everything} and len(everything) > len(found)


@pytest.mark.parametrize("role", ["AIGC应用产品经理", "aigc应用产品岗", "kgr:AIGCApplicationProductManager"])
def test_role_skills_matches_any_label_alias_or_iri(graph: Path, role: str) -> None:
    found = rows(graph, "role-skills", "--param", f"role={role}")
    own = {row["skill"] for row in found if row["via"] == ""}
    assert {"ROI分析", "市场洞察"} <= own
    assert {row["roleLabel"] for row in found} == {"AIGC应用产品经理"}
    assert all(int(row["sentences"]) >= 1 for row in found)
    inherited = {row["via"] for row in found if row["via"]}
    assert inherited == {"AIGC产品经理"}  # AIGC应用产品经理 is a kind of AIGC产品经理


def test_technology_lineage_of_transformer(graph: Path) -> None:
    found = rows(graph, "technology-lineage", "--param", "tech=transformer")
    steps = [(row["direction"], row["from"], row["to"]) for row in found]
    assert ("upstream", "循环神经网络", "Transformer") in steps
    assert ("downstream", "Transformer", "ChatGPT") in steps
    table = kg_query(graph, "technology-lineage", "-p", "tech=Transformer").output
    assert "循环神经网络" in table and "ChatGPT" in table


def test_technology_lineage_follows_whole_chains(graph: Path) -> None:
    found = rows(graph, "technology-lineage", "--param", "tech=扩散模型")
    upstream = {(row["from"], row["to"]) for row in found if row["direction"] == "upstream"}
    assert ("生成对抗网络", "扩散模型") in upstream
    assert any(pair[1] == "生成对抗网络" for pair in upstream)  # two steps back, through a property path


def test_company_roles_model_maker_serves_the_algorithm_team(graph: Path) -> None:
    found = rows(graph, "company-roles")
    assert any(row["company"] == "模型厂" and row.get("serves") == "算法团队" for row in found)
    assert any(row["company"] == "互联网大厂" and row.get("role") == "AIGC产品经理" for row in found)


def test_entity_evidence_gives_sentences_and_titles(graph: Path) -> None:
    found = rows(graph, "entity-evidence", "--param", "name=MJ")
    generates = [row for row in found if row["relation"] == "生成"]
    assert generates and generates[0]["subject"] == "Midjourney" and generates[0]["object"] == "图像"
    assert "Midjourney" in generates[0]["sentence"] and generates[0]["article"] == "转行AIGC产品经理到底需要什么要求"
    assert found.index(generates[0]) < next(i for i, row in enumerate(found) if row["relation"] == "提及")


def test_compare_roles_side_by_side(graph: Path) -> None:
    found = rows(graph, "compare-roles", "-p", "a=AIGC应用产品经理", "-p", "b=AIGC产品经理")
    by_skill = {row["skill"]: row for row in found}
    assert by_skill["ROI分析"].get("roleB", "") == "" and by_skill["ROI分析"]["roleA"] == "AIGC应用产品经理"
    assert by_skill["懂业务"]["shared"] == "both"  # inherited by the narrower role
    distinct = rows(graph, "compare-roles", "-p", "a=AIGC产品经理", "-p", "b=AI产品经理")
    assert any(row.get("roleA") and not row.get("roleB") for row in distinct)
    assert any(row.get("roleB") and not row.get("roleA") for row in distinct)


def test_central_entities_ranks_by_degree(graph: Path) -> None:
    top = rows(graph, "central-entities", "--param", "limit=5")
    assert len(top) == 5
    degrees = [int(row["degree"]) for row in top]
    assert degrees == sorted(degrees, reverse=True)
    assert top[0]["label"] in ("AIGC产品经理", "AI产品经理") and top[0]["class"] == "岗位"
    assert len(rows(graph, "central-entities")) == 20


def test_list_shows_every_saved_query_with_its_params(graph: Path) -> None:
    result = kg_query(graph, "--list")
    assert result.exit_code == 0
    for saved in saved_queries():
        assert f"{saved.name} — {saved.description}" in result.output
        for param in saved.params:
            assert f"--param {param.name}=" in result.output


def test_query_from_stdin_and_file_in_every_format(graph: Path, tmp_path: Path) -> None:
    text = "SELECT ?p WHERE { ?p a kg:Product ; kg:generates kgr:Image }"
    assert "kgr:Midjourney" in kg_query(graph, "-", stdin=text).output
    query_file = tmp_path / "image.rq"
    query_file.write_text(text, encoding="utf-8")
    csv_text = kg_query(graph, str(query_file), "--format", "csv").stdout_bytes.decode("utf-8")
    assert csv_text.startswith("p\r\n") and "https://w3id.org/aigc-kg/resource/Midjourney\r\n" in csv_text
    assert "<https://w3id.org/aigc-kg/resource/Midjourney>" in kg_query(graph, text, "--format", "tsv").output
    assert "<uri>https://w3id.org/aigc-kg/resource/Midjourney</uri>" in kg_query(graph, text, "--format", "xml").output
    described = kg_query(graph, "DESCRIBE kgr:Midjourney")
    assert described.exit_code == 0 and "kgr:Midjourney" in described.output and "kg:generates kgr:Image" in described.output


@pytest.mark.parametrize(("args", "expected"), [
    (["SELECT ?x WHERE {\n  ?x a kg:Product\n  FILTER( }"], "line 3"),
    (["INSERT DATA { kgr:a kgr:b kgr:c }"], "read-only"),
    (["DROP ALL"], "read-only"),
    (["SELECT * WHERE " + "{" * 250 + "}" * 250], "levels deep"),
    (["technology-lineage"], "'tech' is required"),
    (["no-such-query"], "no saved query"),
    (["products-by-content", "--format", "turtle"], "CONSTRUCT"),
    (["central-entities", "--param", "limit=abc"], "parameter 'limit' must be a whole number"),
    (["central-entities", "-p", "limit=-1"], "parameter 'limit' must be a whole number"),
    (["SELECT ?e WHERE { ?e a kg:Product }", "-p", "name=x"], "binds ?name, which the query does not use"),
])
def test_errors_are_one_line_with_status_2(graph: Path, args: list[str], expected: str) -> None:
    result = kg_query(graph, *args)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and expected in lines[0]


def test_missing_graph_is_an_error(tmp_path: Path) -> None:
    result = kg_query(tmp_path / "nope.ttl", "company-roles")
    assert result.exit_code == 2 and "graph file not found" in result.output


def test_a_repeated_param_is_an_error_naming_it(graph: Path) -> None:
    """Issue 11 (53): `--param tech=A --param tech=B` is refused (it kept the last value silently)."""
    result = kg_query(graph, "technology-lineage", "--param", "tech=Transformer", "-p", "tech=GAN")
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and "'tech'" in lines[0] and "twice" in lines[0]


HOSTILE = ('<https://example.org/s> <https://example.org/p> '
           '"\\u001B[2J\\u001B[31mred\\u0007bell\\u009B31m\\rover\\u007Fdel\\u0008back\\ttab\\nline"@en .\n')


@pytest.mark.parametrize("fmt", ["csv", "tsv", "table"])
def test_text_formats_never_print_raw_control_characters(tmp_path: Path, fmt: str) -> None:
    """Issue 11 (52): a literal from an untrusted graph holding ESC sequences, BEL, C1 CSI, CR, DEL or backspace is
    printed with those characters escaped, never raw (a terminal would obey them)."""
    hostile = tmp_path / "hostile.ttl"
    hostile.write_text(HOSTILE, encoding="utf-8")
    result = kg_query(hostile, "SELECT ?o WHERE { ?s ?p ?o }", "--format", fmt)
    assert result.exit_code == 0, result.output
    text = result.stdout_bytes.decode("utf-8")
    if fmt == "csv":
        text = text.replace("\r\n", "\n")  # CSV's own line ends
    raw = sorted({f"U+{ord(char):04X}" for char in text if unicodedata.category(char) == "Cc" and char not in "\n\t"})
    assert raw == [], raw
    assert "red" in text and "bell" in text and "del" in text
    if fmt != "table":
        assert "\\u001B[31mred" in text  # visible, and for TSV the Turtle escape of the character itself


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's JSON-LD parser
@pytest.mark.parametrize(("fmt", "syntax"), [("turtle", "turtle"), ("nt", "nt"), ("rdfxml", "xml"),
                                             ("jsonld", "json-ld")])
def test_construct_prints_every_rdf_syntax(graph: Path, seeds_build, fmt: str, syntax: str) -> None:
    query = "CONSTRUCT { ?p kg:generates ?c } WHERE { ?p kg:generates ?c }"
    result = kg_query(graph, query, "--format", fmt)
    assert result.exit_code == 0, result.output
    printed = Graph().parse(data=result.stdout_bytes.decode("utf-8"), format=syntax)
    assert set(printed) == set(seeds_build[0].graph.query(sparql_prologue() + query)) and len(printed) > 0


def test_param_binds_a_variable_the_query_does_not_project(graph: Path) -> None:
    """Issue 12: the README's `FILTER(STR(?l) = ?name)` pattern works without projecting ?name."""
    query = "SELECT DISTINCT ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }"
    assert rows(graph, query, "--param", "name=Midjourney") == [{"e": "https://w3id.org/aigc-kg/resource/Midjourney"}]
    ask = kg_query(graph, "ASK { ?e skos:altLabel ?l FILTER(STR(?l) = ?alias) }", "--param", "alias=MJ")
    assert ask.exit_code == 0 and ask.output.strip() == "true"


def test_central_entities_takes_a_whole_number_limit(graph: Path) -> None:
    assert len(rows(graph, "central-entities", "--param", "limit=3")) == 3


@pytest.mark.parametrize(("args", "expected", "command"), [
    (["--bogus"], "No such option '--bogus'", "kg"),
    (["nosuch"], "No such command 'nosuch'", "kg"),
    (["query"], "give a QUERY", "kg query"),
    (["query", "--format", "yaml", "company-roles"], "Invalid value for '--format'", "kg query"),
    (["query", "-p", "novalue", "company-roles"], "'novalue' is not NAME=VALUE", "kg query"),
])
def test_usage_errors_of_kg_are_one_kg_error_line(args: list[str], expected: str, command: str) -> None:
    """Issue 12: click printed `Usage: …` and `Error: …` for these; every usage error is now one `kg: error:` line."""
    result = CliRunner().invoke(cli, args, prog_name="kg")
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 1, result.output
    assert lines[0].startswith("kg: error: ") and expected in lines[0] and lines[0].endswith(f"see `{command} --help`")

"""kg.sparql.query / kg.sparql.query_results: prefixes, bound parameters, refusals, limits, saved queries and every output format."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.core.errors import InputError, QueryError
from kg.sparql.query import QueryResult, load_store, run
from kg.sparql.query_text import MAX_NESTING, prepare, to_term
from kg.sparql.saved import parse_header, resolve_query, saved_queries
from kg.sparql.query_results import display_width, serialize

KGR = "https://w3id.org/aigc-kg/resource/"
HOSTILE = ['x" || true || "', "}", "a # b", "line1\nline2", "back\\slash", 'say "hi"\tnow']
DECOYS = ["x", "a", "line1", "back", "true", "hi"]

TTL = """
@prefix kg: <https://w3id.org/aigc-kg/ontology#> .
@prefix kgr: <https://w3id.org/aigc-kg/resource/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
kgr:PM a kg:Role ; rdfs:label "AIGC产品经理"@zh ; skos:prefLabel "AIGC产品经理"@zh ; skos:altLabel "AIGC PM"@en ;
    kg:requiresSkill kgr:ROI .
kgr:ROI a kg:Skill ; rdfs:label "ROI分析"@zh ; skos:prefLabel "ROI分析"@zh .
kgr:MJ a kg:Product ; rdfs:label "Midjourney"@zh ; kg:rank 3 .
"""


def _turtle_string(text: str) -> str:
    """A Turtle string literal for `text`."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


@pytest.fixture(scope="module")
def graph_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small Turtle graph with hostile labels (and decoys that a pasted value would also match)."""
    lines = [TTL]
    for index, label in enumerate(HOSTILE + DECOYS):
        lines.append(f"kgr:L{index} a kg:Concept ; rdfs:label {_turtle_string(label)}@zh .")
    path = tmp_path_factory.mktemp("query") / "graph.ttl"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store(graph_path: Path) -> ox.Store:
    return load_store(graph_path)


def cells(result: QueryResult) -> list[list[str | None]]:
    """Row values as plain strings."""
    return [[None if term is None else term.value for term in row] for row in result.rows]


# ---------------------------------------------------------------- prefixes, parameters


def test_kg_prefixes_are_predeclared(store: ox.Store) -> None:
    result = run(store, "SELECT ?p WHERE { ?p a kg:Product }")
    assert result.kind == "select" and result.vars == ("p",) and cells(result) == [[KGR + "MJ"]]


def test_a_query_may_redeclare_a_prefix(store: ox.Store) -> None:
    assert run(store, "PREFIX kg: <http://example.org/>\nSELECT ?p WHERE { ?p a kg:Product }").rows == ()


def test_prepare_adds_only_the_missing_prefixes() -> None:
    text = "PREFIX kg: <http://example.org/> # kgr: is mentioned only in this comment\nSELECT * WHERE { ?s ?p ?o }"
    prepared = prepare(text)
    assert prepared.endswith(text) and "PREFIX kgr: <https://w3id.org/aigc-kg/resource/>\n" in prepared
    assert "PREFIX kg: <https://w3id.org/aigc-kg/ontology#>" not in prepared


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameter_values_match_exactly_their_own_row(store: ox.Store, value: str) -> None:
    query = "SELECT ?v ?e WHERE { ?e rdfs:label ?l FILTER(STR(?l) = ?v) }"
    result = run(store, query, {"v": value})
    index = HOSTILE.index(value)
    assert cells(result) == [[value, f"{KGR}L{index}"]]


def test_iri_parameters_become_named_nodes(store: ox.Store) -> None:
    query = "SELECT ?r ?label WHERE { ?r skos:prefLabel ?label }"
    assert cells(run(store, query, {"r": "kgr:PM"})) == [[KGR + "PM", "AIGC产品经理"]]
    assert cells(run(store, query, {"r": f"<{KGR}ROI>"})) == [[KGR + "ROI", "ROI分析"]]
    assert to_term("AIGC:PM") == ox.Literal("AIGC:PM")  # not a kg prefix: a plain string
    with pytest.raises(QueryError, match="not a valid IRI"):
        to_term("<not an iri>")


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_of_unprojected_parameters_match_exactly_their_own_row(store: ox.Store, value: str) -> None:
    result = run(store, "SELECT ?e WHERE { ?e rdfs:label ?l FILTER(STR(?l) = ?v) }", {"v": value})
    assert cells(result) == [[f"{KGR}L{HOSTILE.index(value)}"]]


@pytest.mark.parametrize("query", [
    "SELECT ?e WHERE { ?e rdfs:label ?l FILTER(STR(?l) = ?name) }",
    "SELECT * WHERE { ?e rdfs:label ?l FILTER(STR(?l) = ?name) }",
    "SELECT ?e (COUNT(*) AS ?n) WHERE { ?e rdfs:label ?l FILTER(STR(?l) = ?name) } GROUP BY ?e",
    "SELECT DISTINCT ?e # ?name {\nWHERE {\n  ?e rdfs:label ?l .\n  FILTER(STR(?l) = $name)\n}",
    "SELECT ?e WHERE { { SELECT ?e ?name WHERE { ?e rdfs:label ?l BIND(STR(?l) AS ?name) } } }",
    "SELECT ?e { SELECT ?e ?name WHERE { ?e rdfs:label ?l BIND(STR(?l) AS ?name) } }",
])
def test_a_parameter_binds_any_variable_of_a_select(store: ox.Store, query: str) -> None:
    """Issue 12: `FILTER(STR(?l) = ?name)` (the pattern the README recommends) needed ?name in the projection."""
    assert cells(run(store, query, {"name": "Midjourney"}))[0][0] == KGR + "MJ"
    assert len(run(store, query, {"name": "Midjourney"}).rows) == 1


@pytest.mark.parametrize(("query", "expected"), [
    ("ASK { ?e rdfs:label ?l FILTER(STR(?l) = ?name) }", True),
    ("CONSTRUCT { ?e a kg:Hit } WHERE { ?e rdfs:label ?l FILTER(STR(?l) = ?name) }", [KGR + "MJ"]),
    ("CONSTRUCT { ?e a kg:Hit } { ?e rdfs:label ?l FILTER(STR(?l) = ?name) }", [KGR + "MJ"]),
    ("DESCRIBE ?e WHERE { ?e rdfs:label ?l FILTER(STR(?l) = ?name) }", [KGR + "MJ"]),
])
def test_a_parameter_binds_in_ask_construct_and_describe(store: ox.Store, query: str, expected: object) -> None:
    result = run(store, query, {"name": "Midjourney"})
    found = result.boolean if result.kind == "ask" else sorted({triple.subject.value for triple in result.triples})
    assert found == expected
    assert run(store, query, {"name": "no such label"}).boolean in (False, None)


@pytest.mark.parametrize(("query", "message"), [
    ("SELECT ?e WHERE { ?e rdfs:label ?l }", r"binds \?name, which the query does not use.*\?e, \?l"),
    ("DESCRIBE kgr:MJ", "which the query does not use"),
    ("CONSTRUCT WHERE { ?e rdfs:label ?name }", "short form CONSTRUCT WHERE"),
])
def test_a_parameter_the_query_cannot_take_is_a_clear_error(store: ox.Store, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        run(store, query, {"name": "Midjourney"})


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "", "2e3", "٣"])
def test_a_whole_number_parameter_refuses_other_values_naming_it(store: ox.Store, value: str) -> None:
    text = "# param: limit — how many (default: 20)\nSELECT ?limit ?e WHERE { ?e a kg:Skill } LIMIT 5"
    with pytest.raises(QueryError, match=r"parameter 'limit' must be a whole number.*--param limit"):
        run(store, text, {"limit": value})
    assert len(run(store, text, {"limit": "3"}).rows) == 1


def test_declared_parameters_get_defaults_are_checked_and_hidden(store: ox.Store) -> None:
    text = ("# description: labels of a class\n# param: cls — the class (default: kg:Skill)\n"
            "# param: lang — a language tag (required)\n"
            "SELECT ?cls ?lang ?label WHERE { ?e a ?cls ; rdfs:label ?label FILTER(LANG(?label) = ?lang) }")
    assert parse_header(text)[0] == "labels of a class"
    result = run(store, text, {"lang": "zh"})
    assert result.vars == ("label",) and cells(result) == [["ROI分析"]]
    with pytest.raises(QueryError, match="'lang' is required"):
        run(store, text)
    with pytest.raises(QueryError, match="unknown parameter 'clss'.*takes: cls, lang"):
        run(store, text, {"clss": "kg:Role", "lang": "zh"})


# ---------------------------------------------------------------- errors and refusals


def test_syntax_error_names_the_users_line_and_column(store: ox.Store) -> None:
    text = "SELECT ?x WHERE {\n  ?x a kg:Product .\n  } LIMTI 5"
    with pytest.raises(QueryError) as caught:
        run(store, text)
    message = caught.value.message
    assert "\n" not in message and "line 3, column" in message and "LIMTI 5" in message


@pytest.mark.parametrize("text", [
    "INSERT DATA { kgr:a kgr:b kgr:c }",
    "# a comment with SELECT in it\nPREFIX ex: <http://example.org/#x>\nDELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "clear all",
    "DROP GRAPH <http://example.org/g>",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused(store: ox.Store, text: str) -> None:
    before = len(store)
    with pytest.raises(QueryError, match="read-only"):
        run(store, text)
    assert len(store) == before


def test_service_is_refused_but_the_word_in_a_string_is_not(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="SERVICE"):
        run(store, "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")
    assert run(store, 'SELECT ?service WHERE { BIND("SERVICE" AS ?service) }').rows


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 200, 5000])
def test_deep_nesting_is_a_clean_error(store: ox.Store, depth: int) -> None:
    with pytest.raises(QueryError, match="levels deep"):
        run(store, "SELECT * WHERE " + "{" * depth + "}" * depth)


def test_nesting_up_to_the_limit_runs(store: ox.Store) -> None:
    assert run(store, "SELECT * WHERE " + "{" * (MAX_NESTING - 1) + "}" * (MAX_NESTING - 1)).kind == "select"


def test_oversized_and_empty_queries_are_refused(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="limit is"):
        run(store, "SELECT * WHERE { " + "?s ?p ?o . " * 20_000 + "}")
    with pytest.raises(QueryError, match="empty"):
        run(store, "  \n\t")


def test_long_flat_query_that_overflows_the_main_thread_stack_runs(graph_path: Path) -> None:
    """3000 BINDs crash pyoxigraph on an 8 MiB stack; run() gives it a big one (checked in a child process)."""
    code = ("import sys; from kg.sparql.query import load_store, run\n"
            "q = 'SELECT * WHERE { ' + ' '.join(f'BIND({i} AS ?b{i})' for i in range(3000)) + ' }'\n"
            "print(len(run(load_store(sys.argv[1]), q).vars))")
    done = subprocess.run([sys.executable, "-c", code, str(graph_path)], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "3000"


def test_load_store_errors_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_store(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("kgr:a kgr:b .", encoding="utf-8")
    with pytest.raises(InputError, match="cannot parse Turtle"):
        load_store(bad)


# ---------------------------------------------------------------- ordering and query resolution


def test_rows_are_sorted_unless_the_query_orders_them(store: ox.Store) -> None:
    query = "SELECT ?l WHERE { ?e a kg:Concept ; rdfs:label ?l }"
    labels = [row[0] for row in cells(run(store, query))]
    assert labels == sorted(labels)
    ordered = [row[0] for row in cells(run(store, query + " ORDER BY DESC(?l)"))]
    assert ordered == sorted(labels, reverse=True)


def test_resolve_query_reads_stdin_files_saved_names_and_text(tmp_path: Path) -> None:
    assert resolve_query("-", io.StringIO("ASK {}")) == "ASK {}"
    path = tmp_path / "q.rq"
    path.write_text("SELECT * WHERE {}", encoding="utf-8")
    assert resolve_query(str(path)) == "SELECT * WHERE {}"
    assert resolve_query("role-skills").startswith("# description:")
    assert resolve_query("ASK { ?s ?p ?o }") == "ASK { ?s ?p ?o }"
    with pytest.raises(QueryError, match="no saved query named 'role-skill'"):
        resolve_query("role-skill")
    with pytest.raises(InputError, match="not found"):
        resolve_query(str(tmp_path / "missing.rq"))


def test_every_saved_query_is_documented_and_runs(store: ox.Store) -> None:
    saved = {query.name: query for query in saved_queries()}
    assert {"role-skills", "company-roles", "products-by-content", "technology-lineage", "entity-evidence",
            "compare-roles", "central-entities"} <= set(saved)
    for query in saved.values():
        assert query.description, query.name
        params = {param.name: "AIGC产品经理" for param in query.params if param.required}
        result = run(store, query.text, params)
        assert result.kind == "select" and not {param.name for param in query.params} & set(result.vars)
    assert cells(run(store, saved["role-skills"].text, {"role": "aigc pm"})) == [["AIGC产品经理", "ROI分析", "", "0"]]


# ---------------------------------------------------------------- output formats


@pytest.fixture(scope="module")
def mixed(store: ox.Store) -> QueryResult:
    """One row with an IRI, a tagged literal, a typed literal, a hostile string and an unbound variable."""
    return run(store, 'SELECT ?e ?label ?rank ?text ?none WHERE { ?e a kg:Product ; rdfs:label ?label ; kg:rank ?rank '
                      'BIND("a,\\"b\\"\\tc\\nd" AS ?text) }')


def test_json_follows_sparql_results_json(mixed: QueryResult) -> None:
    document = json.loads(serialize(mixed, "json"))
    assert document["head"]["vars"] == ["e", "label", "rank", "text", "none"]
    [binding] = document["results"]["bindings"]
    assert binding == {"e": {"type": "uri", "value": KGR + "MJ"},
                       "label": {"type": "literal", "value": "Midjourney", "xml:lang": "zh"},
                       "rank": {"type": "literal", "value": "3",
                                "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
                       "text": {"type": "literal", "value": 'a,"b"\tc\nd'}}


def test_csv_and_tsv_follow_the_sparql_csv_tsv_spec(mixed: QueryResult) -> None:
    text = serialize(mixed, "csv")
    assert text.startswith("e,label,rank,text,none\r\n")
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["e", "label", "rank", "text", "none"], [KGR + "MJ", "Midjourney", "3", 'a,"b"\tc\nd', ""]]
    assert serialize(mixed, "tsv") == ("?e\t?label\t?rank\t?text\t?none\n"
                                       f'<{KGR}MJ>\t"Midjourney"@zh\t"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
                                       '\t"a,\\"b\\"\\tc\\nd"\t\n')


def test_xml_follows_sparql_results_xml(mixed: QueryResult) -> None:
    root = ET.fromstring(serialize(mixed, "xml"))
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("s:head/s:variable", ns)] == ["e", "label", "rank", "text", "none"]
    bindings = {b.get("name"): b[0] for b in root.findall("s:results/s:result/s:binding", ns)}
    assert set(bindings) == {"e", "label", "rank", "text"}
    assert bindings["label"].get("{http://www.w3.org/XML/1998/namespace}lang") == "zh"
    assert bindings["text"].text == 'a,"b"\tc\nd'


def test_table_aligns_chinese_by_display_width(store: ox.Store) -> None:
    result = run(store, "SELECT ?label ?e WHERE { ?e rdfs:label ?label }")
    lines = serialize(result, "table").splitlines()
    assert lines[-1] == f"({len(result.rows)} rows)" and len(lines) == len(result.rows) + 3
    column = lines[0].index("  e") + 2
    assert any(display_width(line) != len(line) for line in lines[2:-1])  # there is CJK text to align
    for line in lines[2:-1]:
        assert display_width(line[: line.index("kgr:")]) == column, line
    assert "kgr:PM" in next(line for line in lines if line.startswith("AIGC产品经理"))
    assert all(line == line.rstrip() for line in lines)


def test_ask_and_graph_results(store: ox.Store) -> None:
    ask = run(store, "ASK { kgr:PM kg:requiresSkill kgr:ROI }")
    assert serialize(ask, "table") == "true\n" and json.loads(serialize(ask, "json")) == {"head": {}, "boolean": True}
    assert run(store, "ASK { kgr:ROI kg:requiresSkill kgr:PM }").boolean is False
    graph = run(store, "CONSTRUCT { ?r kg:requiresSkill ?s } WHERE { ?r kg:requiresSkill ?s }")
    turtle = serialize(graph, "turtle")
    assert turtle == serialize(graph, "table") and "kgr:PM" in turtle and "PREFIX kgr:" in turtle
    assert len(Graph().parse(data=turtle, format="turtle")) == 1
    with pytest.raises(QueryError, match="not csv"):
        serialize(graph, "csv")
    with pytest.raises(QueryError, match="CONSTRUCT"):
        serialize(ask, "turtle")

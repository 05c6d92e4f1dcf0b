"""`kg push` against a real Virtuoso 7 (Debian's virtuoso-opensource), both protocols; one server per session."""

from __future__ import annotations

import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic
from test_push import by_value
from virtuoso_server import INI, PASSWORD, USER

import kg.sparql.push_http
import kg.sparql.push_protocols
from kg.cli.main import cli

PATHS = {"gsp": "/sparql-graph-crud-auth", "update": "/sparql-auth"}


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to 127.0.0.1 go straight to the test's server, whatever proxy the machine has."""
    monkeypatch.setenv("no_proxy", "*")


def construct(base: str, graph: str) -> Graph:
    """Every triple of `graph` on the server, as rdflib reads Virtuoso's N-Triples."""
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(f"{base}/sparql", data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "text/plain"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return Graph().parse(data=answer.read().decode("utf-8"), format="nt")


@pytest.mark.parametrize("protocol", sorted(PATHS))
@pytest.mark.parametrize("large", [False, True], ids=["one-request", "as-if-large"])
def test_push_puts_the_seeds_graph_into_virtuoso(virtuoso_url: str, seeds_build, protocol: str, large: bool,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_PUSH_PASSWORD", PASSWORD)
    if large:  # what a graph of many MB gets: the Digest challenge answered first, the update in several requests
        monkeypatch.setattr(kg.sparql.push_http, "DIGEST_AHEAD_BYTES", 0)
        monkeypatch.setattr(kg.sparql.push_protocols, "UPDATE_REQUEST_BYTES", 100_000)
    path = Path(seeds_build[1]) / "graph.ttl"
    named = f"https://example.org/kg-{protocol}"
    for _ in range(2):  # the second push replaces the first
        result = CliRunner().invoke(cli, ["push", "--endpoint", virtuoso_url + PATHS[protocol], "--graph", str(path),
                                          "--protocol", protocol, "--named-graph", named, "--user", USER,
                                          "--auth", "digest"])
        assert result.exit_code == 0, result.output
    local = Graph().parse(path, format="turtle")
    assert f"the server holds {len(local)} triples" in result.output
    assert PASSWORD not in result.output
    assert isomorphic(by_value(construct(virtuoso_url, named)), by_value(local))  # blank nodes (owl:unionOf lists) included


def test_update_without_credentials_is_refused_with_a_fix(virtuoso_url: str, seeds_build) -> None:
    result = CliRunner().invoke(cli, ["push", "--endpoint", virtuoso_url + "/sparql-auth", "--protocol", "update",
                                      "--graph", str(Path(seeds_build[1]) / "graph.ttl")])
    assert result.exit_code == 2 and "HTTP 401" in result.output and "--auth digest" in result.output


def test_the_docs_show_the_set_up_the_tests_run() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "sparql-servers.md").read_text(encoding="utf-8")
    assert INI.format(db="/tmp/kg-virtuoso", sql_port=1111, http_port=8890) in docs
    assert "virtuoso-t +configfile virtuoso.ini +foreground" in docs

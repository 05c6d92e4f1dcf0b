"""A running `kg serve` speaks the SPARQL 1.1 Protocol's formats exactly: every SPARQLWrapper return format, the same
matrix with plain HTTP (Accept with q-values, format= / output=), 406 for what cannot be served, raw UTF-8 URLs."""

from __future__ import annotations

import csv
import http.client
import io
import json
import select
import socket
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.error import HTTPError
from urllib.parse import quote
from xml.dom.minidom import Document

import pytest
from rdflib import Graph
from rdflib.compare import to_isomorphic
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POSTDIRECTLY, RDF, RDFXML, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper

from kg.core.namespaces import KGR, sparql_prologue

SELECT = """SELECT ?product WHERE { ?p a kg:Product ; kg:generates ?c ; skos:prefLabel ?product .
  ?c skos:prefLabel "图像"@zh . FILTER(LANG(?product) = "zh") }"""
ASK = "ASK { kgr:Midjourney kg:generates ?c }"
CONSTRUCT = "CONSTRUCT { ?p kg:generates ?c } WHERE { ?p kg:generates ?c }"
DESCRIBE = "DESCRIBE kgr:Midjourney"
RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"
SELECT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_TYPES = {"turtle": "text/turtle", "nt": "application/n-triples", "xml": "application/rdf+xml",
               "json-ld": "application/ld+json"}


@pytest.fixture(scope="module")
def endpoint(seeds_build) -> Iterator[str]:
    """The /sparql URL of `kg serve` running as its own process on a free port."""
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--graph", str(seeds_build[1] / "graph.ttl"),
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert select.select([process.stdout], [], [], 60)[0], "kg serve printed nothing within 60 s"
        line = process.stdout.readline()
        assert "SPARQL endpoint" in line, process.stderr.read() if process.poll() is not None else line
        yield line.split("SPARQL endpoint ")[1].split()[0]
    finally:
        process.terminate()
        process.wait(15)


def expected_graph(seeds_build, query: str) -> Graph:
    """What the graph holds for the CONSTRUCT (as rdflib answers it) or the DESCRIBE (the entity's own triples)."""
    graph = seeds_build[0].graph
    answer = Graph()
    found = graph.triples((KGR.Midjourney, None, None)) if query == DESCRIBE else graph.query(sparql_prologue() + query)
    for triple in found:
        answer.add(triple)
    return answer


def expected_products(seeds_build) -> set[str]:
    """The products the seeds say generate images (the SELECT's answer)."""
    return {str(row[0]) for row in seeds_build[0].graph.query(sparql_prologue() + SELECT)}


SENDS = [("GET", URLENCODED), ("POST", URLENCODED), ("POST", POSTDIRECTLY)]  # the ways SPARQLWrapper sends a query


def wrapper(endpoint: str, query: str, fmt: str, send: tuple[str, str] = SENDS[0]) -> SPARQLWrapper:
    """A SPARQLWrapper client set up as its documentation shows."""
    client = SPARQLWrapper(endpoint)
    client.setQuery(sparql_prologue() + query)
    client.setReturnFormat(fmt)
    client.setMethod(send[0])
    client.setRequestMethod(send[1])
    return client


def converted(client: SPARQLWrapper):
    """queryAndConvert(), failing on SPARQLWrapper's warning that the endpoint answered in another format."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        answer = client.queryAndConvert()
    assert not [str(w.message) for w in caught if "has been returned" in str(w.message)]
    return answer


def same_graph(one: Graph, other: Graph) -> bool:
    """Whether two graphs are equal up to blank-node names."""
    return to_isomorphic(one) == to_isomorphic(other)


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
@pytest.mark.parametrize("send", SENDS, ids=["GET", "POST-form", "POST-direct"])
def test_sparqlwrapper_select_round_trips(endpoint: str, seeds_build, fmt: str, send: tuple[str, str]) -> None:
    answer = converted(wrapper(endpoint, SELECT, fmt, send))
    expected = expected_products(seeds_build)
    if fmt == JSON:
        assert {row["product"]["value"] for row in answer["results"]["bindings"]} == expected
    elif fmt == XML:
        assert isinstance(answer, Document)
        assert {node.firstChild.data for node in answer.getElementsByTagName("literal")} == expected
    elif fmt == CSV:
        assert {row["product"] for row in csv.DictReader(io.StringIO(answer.decode("utf-8")))} == expected
    else:
        rows = answer.decode("utf-8").splitlines()
        assert rows[0] == "?product" and {row[1:row.rindex('"')] for row in rows[1:]} == expected


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
@pytest.mark.parametrize("send", SENDS, ids=["GET", "POST-form", "POST-direct"])
def test_sparqlwrapper_ask_round_trips(endpoint: str, fmt: str, send: tuple[str, str]) -> None:
    answer = converted(wrapper(endpoint, ASK, fmt, send))
    if fmt == JSON:
        assert answer["boolean"] is True
    elif fmt == XML:
        assert answer.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        assert answer.decode("utf-8").strip() == "true"


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's JSON-LD parser
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["CONSTRUCT", "DESCRIBE"])
@pytest.mark.parametrize("fmt", [XML, RDF, RDFXML, JSONLD, JSON, TURTLE, N3])
@pytest.mark.parametrize("send", SENDS, ids=["GET", "POST-form", "POST-direct"])
def test_sparqlwrapper_graph_round_trips(endpoint: str, seeds_build, query: str, fmt: str,
                                        send: tuple[str, str]) -> None:
    answer = converted(wrapper(endpoint, query, fmt, send))
    if fmt in (TURTLE, N3):  # SPARQLWrapper documents bytes for these two
        answer = Graph().parse(data=answer.decode("utf-8"), format="turtle")
    assert isinstance(answer, Graph) and len(answer) > 0
    assert same_graph(answer, expected_graph(seeds_build, query))


@pytest.mark.parametrize(("query", "fmt"), [(SELECT, TURTLE), (SELECT, N3), (SELECT, RDF), (SELECT, RDFXML),
                                            (SELECT, JSONLD), (ASK, TURTLE), (CONSTRUCT, CSV), (CONSTRUCT, TSV),
                                            (DESCRIBE, CSV)])
def test_sparqlwrapper_formats_a_result_cannot_take_are_406(endpoint: str, query: str, fmt: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SPARQLWrapper warns that it sends Accept: */* for these
        with pytest.raises(HTTPError) as refused:
            wrapper(endpoint, query, fmt).query()
    assert refused.value.code == 406
    assert "served as" in refused.value.read().decode("utf-8")


def get(endpoint: str, query: str, extra: str = "", accept: str | None = None) -> tuple[int, str, bytes]:
    """GET /sparql?query=…: status, Content-Type, body."""
    host, port = endpoint.removeprefix("http://").split("/")[0].rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("GET", "/sparql?query=" + quote(query) + extra, headers={"Accept": accept} if accept else {})
        response = connection.getresponse()
        return response.status, response.headers.get("Content-Type", ""), response.read()
    finally:
        connection.close()


def select_values(fmt: str, body: bytes) -> set[str]:
    """The ?product values of a SELECT answer in one of the results formats."""
    text = body.decode("utf-8")
    if fmt == "json":
        return {row["product"]["value"] for row in json.loads(text)["results"]["bindings"]}
    if fmt == "xml":
        return {node.text for node in ET.fromstring(body).iter(f"{RESULTS_NS}literal")}
    if fmt == "csv":
        return {row["product"] for row in csv.DictReader(io.StringIO(text))}
    return {line[1:line.rindex('"')] for line in text.splitlines()[1:]}


SELECT_REQUESTS = [  # (format= / output= / Accept, the format that answers)
    ("", None, "json"), ("", "*/*", "json"), ("", "application/sparql-results+json", "json"),
    ("", "application/json", "json"), ("", "application/sparql-results+xml", "xml"), ("", "application/xml", "xml"),
    ("", "text/xml", "xml"), ("", "text/csv", "csv"), ("", "text/tab-separated-values", "tsv"),
    ("", "text/csv;q=0.5, application/sparql-results+xml;q=0.8", "xml"),
    ("", "application/sparql-results+json;q=0, */*;q=0.1", "xml"),
    ("", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "xml"),
    ("&format=json", "text/csv", "json"), ("&format=xml", None, "xml"), ("&format=csv", None, "csv"),
    ("&format=tsv", None, "tsv"), ("&output=tsv", None, "tsv"), ("&output=csv", "application/xml", "csv"),
    ("&format=text%2Ftab-separated-values", None, "tsv"), ("&format=application%2Fsparql-results%2Bjson", None, "json"),
    ("&format=turtle&format=csv", None, "csv"),
]
GRAPH_REQUESTS = [
    ("", None, "turtle"), ("", "*/*", "turtle"), ("", "text/turtle", "turtle"), ("", "application/n-triples", "nt"),
    ("", "application/rdf+xml", "xml"), ("", "application/ld+json", "json-ld"), ("", "application/json", "json-ld"),
    ("", "application/n-triples;q=0.4, application/rdf+xml;q=0.7, text/turtle;q=0.1", "xml"),
    ("", "text/turtle;q=0, */*;q=0.5", "nt"),
    ("&format=turtle", None, "turtle"), ("&format=n3", None, "turtle"), ("&format=nt", None, "nt"),
    ("&format=rdf%2Bxml", None, "xml"), ("&format=rdf", None, "xml"), ("&format=xml", None, "xml"),
    ("&format=json-ld", None, "json-ld"), ("&format=json", None, "json-ld"), ("&output=nt", "text/turtle", "nt"),
    ("&format=application%2Frdf%2Bxml", None, "xml"),
]


@pytest.mark.parametrize(("extra", "accept", "fmt"), SELECT_REQUESTS)
def test_http_select_answers_in_the_format_asked_for(endpoint: str, seeds_build, extra: str, accept: str | None,
                                                     fmt: str) -> None:
    status, content_type, body = get(endpoint, SELECT, extra, accept)
    assert status == 200 and content_type.split(";")[0] == SELECT_TYPES[fmt]
    assert select_values(fmt, body) == expected_products(seeds_build)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's JSON-LD parser
@pytest.mark.parametrize(("extra", "accept", "fmt"), GRAPH_REQUESTS)
def test_http_construct_answers_in_the_format_asked_for(endpoint: str, seeds_build, extra: str, accept: str | None,
                                                        fmt: str) -> None:
    status, content_type, body = get(endpoint, CONSTRUCT, extra, accept)
    assert status == 200 and content_type.split(";")[0] == GRAPH_TYPES[fmt]
    assert same_graph(Graph().parse(data=body.decode("utf-8"), format=fmt), expected_graph(seeds_build, CONSTRUCT))


@pytest.mark.parametrize(("query", "extra", "accept"), [
    (SELECT, "", "text/turtle"), (SELECT, "", "application/rdf+xml"), (SELECT, "&format=turtle", None),
    (SELECT, "&format=json-ld", "*/*"), (ASK, "", "application/n-triples"), (CONSTRUCT, "", "text/csv"),
    (CONSTRUCT, "", "application/sparql-results+json"), (CONSTRUCT, "&format=tsv", None),
    (SELECT, "", "text/html"), (CONSTRUCT, "&format=yaml", None), (SELECT, "", "application/sparql-results+json;q=0"),
])
def test_http_formats_that_cannot_be_served_are_406(endpoint: str, query: str, extra: str,
                                                     accept: str | None) -> None:
    status, content_type, body = get(endpoint, query, extra, accept)
    text = body.decode("utf-8")
    assert status == 406 and content_type.startswith("text/plain") and text.count("\n") == 1
    assert "json, xml, csv, tsv" in text and "turtle, nt, rdfxml, jsonld" in text


def raw_get(endpoint: str, target: bytes) -> tuple[int, bytes]:
    """GET a request target sent byte for byte (raw UTF-8, as curl and address bars send it): status and body."""
    host, port = endpoint.removeprefix("http://").split("/")[0].rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: " + host.encode() + b"\r\nConnection: close\r\n\r\n")
        reply = b"".join(iter(lambda: connection.recv(65536), b""))
    head, _, body = reply.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_raw_utf8_in_the_url_is_decoded(endpoint: str, seeds_build) -> None:
    status, raw = raw_get(endpoint, "/api/search?q=字节".encode("utf-8"))
    assert status == 200 and json.loads(raw)
    assert raw == raw_get(endpoint, b"/api/search?q=" + quote("字节").encode("ascii"))[1]
    query = 'SELECT ?c WHERE { ?c skos:prefLabel "图像"@zh }'.replace(" ", "%20")
    status, raw = raw_get(endpoint, f"/sparql?query={query}".encode("utf-8"))
    assert status == 200 and json.loads(raw)["results"]["bindings"], "the raw 图像 must match the label"


def test_a_url_that_is_not_utf8_is_refused(endpoint: str) -> None:
    status, body = raw_get(endpoint, b"/api/search?q=\xe9t\xe9")
    assert status == 400 and b"not UTF-8" in body


def test_api_query_binds_any_variable_and_checks_whole_numbers(endpoint: str) -> None:
    query = quote("SELECT DISTINCT ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }")
    status, body = raw_get(endpoint, f"/api/query?query={query}&param=name%3DMidjourney".encode("ascii"))
    assert status == 200 and [row["e"]["value"] for row in json.loads(body)["results"]["bindings"]] == [
        "https://w3id.org/aigc-kg/resource/Midjourney"]
    status, body = raw_get(endpoint, b"/api/query?name=central-entities&param=limit%3Dabc")
    assert status == 400 and b"'limit' must be a whole number" in body

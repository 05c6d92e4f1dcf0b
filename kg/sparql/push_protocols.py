"""The requests of each way in of `kg push`: `gsp`, one Graph Store Protocol PUT of the Turtle; `update`, SPARQL
Update requests (DROP, INSERT DATA of N-Triples, blank nodes in a last INSERT … WHERE { }).
"""

from __future__ import annotations

import urllib.parse

import pyoxigraph as ox

from kg.sparql.push_target import PushTarget

UPDATE_CHUNK = 2000  # triples per INSERT DATA operation of one update request
UPDATE_REQUEST_BYTES = 8 << 20  # a larger update is sent as several requests (see update_requests)


def requests_for(turtle: bytes, target: PushTarget) -> list[tuple[str, str, str, bytes]]:
    """Method, URL, content type and body of each request that together replace the named graph."""
    if target.protocol == "gsp":
        separator = "&" if urllib.parse.urlsplit(target.endpoint).query else "?"
        url = f"{target.endpoint}{separator}graph={urllib.parse.quote(target.named_graph, safe='')}"
        return [("PUT", url, "text/turtle", turtle)]
    return [("POST", target.endpoint, "application/sparql-update", body)
            for body in update_requests(turtle, target.named_graph, UPDATE_REQUEST_BYTES)]


def update_requests(turtle: bytes, named_graph: str, limit: int = UPDATE_REQUEST_BYTES) -> list[bytes]:
    """The SPARQL Update requests that replace `named_graph`, in order: DROP, then ground triples in INSERT DATA
    operations of UPDATE_CHUNK triples (Virtuoso's parser runs out of stack on ~5,000 in one), then the triples
    with blank nodes in one INSERT template over an empty WHERE (one solution, so each blank node is made once and
    keeps its links; Virtuoso refuses blank nodes in INSERT DATA). Operations are packed into requests of at most
    `limit` bytes (Virtuoso answers a 40 MB request with Error 22023); one request unless the graph is larger."""
    name = f"<{named_graph}>".encode()
    ground, blank = [], []
    for quad in ox.parse(turtle, format=ox.RdfFormat.TURTLE):
        has_blank = isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)
        (blank if has_blank else ground).append(quad.triple)
    operations = [b"DROP SILENT GRAPH " + name]
    for start in range(0, len(ground), UPDATE_CHUNK):
        triples = ox.serialize(ground[start:start + UPDATE_CHUNK], format=ox.RdfFormat.N_TRIPLES)
        operations.append(b"INSERT DATA { GRAPH " + name + b" {\n" + triples + b"} }")
    if blank:
        operations.append(b"INSERT { GRAPH " + name + b" {\n" + ox.serialize(blank, format=ox.RdfFormat.N_TRIPLES)
                          + b"} } WHERE { }")
    requests = [[operations[0]]]
    for operation in operations[1:]:
        if sum(map(len, requests[-1])) + len(operation) > limit:
            requests.append([])
        requests[-1].append(operation)
    return [b" ;\n".join(request) + b"\n" for request in requests]

"""Load a built graph into a SPARQL 1.1 server, replacing one named graph, then count it there.

Two ways in; each request is one transaction on the server:
- `gsp`: Graph Store Protocol, one `PUT <store endpoint>?graph=IRI` with the whole graph as Turtle (readers see the
  old graph or the new one, never an empty or half-loaded graph);
- `update`: SPARQL Update, `DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { … } }` (N-Triples inside), the
  triples with blank nodes in a last `INSERT { GRAPH <g> { … } } WHERE { }` (see update_requests): one request up
  to 8 MB, several above (readers may then see a partly loaded graph between them).
The Turtle is parsed strictly first, so nothing half-valid is ever sent, and its terms are sent as written (gsp: the
file's bytes; update: the same triples as N-Triples). HTTP is urllib only, the whole push (count included) bounded
by --timeout (kg.sparql.bounded_http); credentials go in an Authorization header (Basic, Digest after the server's
challenge, or Bearer) and never into a message: URLs are shown without user info or query string, and any secret in
a server's answer is masked.

This module runs a push and counts the result; the target and its checks are in kg.sparql.push_target, the
requests of each protocol in kg.sparql.push_protocols, one HTTP request and its errors in kg.sparql.push_http.
"""

from __future__ import annotations

import json
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.core.errors import InputError
from kg.sparql.push_http import call
from kg.sparql.push_protocols import requests_for
from kg.sparql.push_target import DOCS, PushError, PushTarget, checked, public
from kg.sparql.query import _one_line

COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"


@dataclass(frozen=True)
class PushResult:
    """What a push did: triples sent, triples the server then held in the graph (None: not checked), bytes, time."""

    target: PushTarget
    pushed: int
    found: int | None
    request_bytes: int
    seconds: float


def push(graph_path: Path, target: PushTarget) -> PushResult:
    """Replace `target.named_graph` on the server with the Turtle at `graph_path`; raise PushError or InputError."""
    target = checked(target)
    turtle, pushed = read_turtle(Path(graph_path))
    requests = requests_for(turtle, target)
    started = time.monotonic()
    deadline = started + target.timeout  # for the push and the count together
    for method, url, content_type, body in requests:
        call(target, url, method, body, content_type, deadline)
    seconds = time.monotonic() - started
    found = count(target, deadline) if target.verify else None
    if found is not None and found != pushed:
        raise PushError(f"after the push the server holds {found} triples in <{target.named_graph}>, not the "
                        f"{pushed} sent", where=public(target.query_endpoint or ""),
                        fix="another client may have written to that graph, or the server adds inferred triples; "
                            f"count them with the query in {DOCS}, or pass --no-verify")
    return PushResult(target, pushed, found, sum(len(request[3]) for request in requests), seconds)


def read_turtle(path: Path) -> tuple[bytes, int]:
    """The file's bytes and its number of distinct triples, parsed strictly; InputError if missing or malformed."""
    if not path.is_file():
        raise InputError("graph file not found", where=str(path), fix="run `kg build` first or pass --graph PATH")
    try:
        data = path.read_bytes()
        distinct = {hash(str(quad)) for quad in ox.parse(data, format=ox.RdfFormat.TURTLE)}
    except (SyntaxError, ValueError, OSError, MemoryError) as exc:
        raise InputError(f"cannot parse Turtle: {_one_line(str(exc))}", where=str(path),
                         fix="rebuild it with `kg build`") from None
    return data, len(distinct)


def count(target: PushTarget, deadline: float) -> int:
    """How many triples the server holds in the named graph, asked at the query endpoint by `deadline`."""
    query = COUNT_QUERY.format(graph=target.named_graph)
    url = target.query_endpoint or ""
    answer = call(target, url, "POST", urllib.parse.urlencode({"query": query}).encode("ascii"),
                   "application/x-www-form-urlencoded", deadline, accept="application/sparql-results+json")
    try:
        return int(json.loads(answer)["results"]["bindings"][0]["n"]["value"])
    except (ValueError, KeyError, IndexError, TypeError):
        raise PushError("the query endpoint did not answer the count query with SPARQL JSON results",
                        where=public(url), fix="check --query-endpoint, or pass --no-verify") from None

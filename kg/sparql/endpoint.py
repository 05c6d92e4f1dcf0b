"""Run kg queries against any SPARQL 1.1 endpoint (Virtuoso, Oxigraph, Fuseki…) over the SPARQL 1.1 Protocol.

query.run() binds the parameters in the text (VALUES, or for strings BIND(STR("…"^^xsd:string)), which Virtuoso
reads right, at the start of the WHERE pattern) and adds the kg prefixes; this module sends that text as
a POST form, with `default-graph-uri` when a named graph is given, and reads SPARQL XML results (SELECT, ASK) or
N-Triples (CONSTRUCT, DESCRIBE) back into a QueryResult, so every format and error works as on a local graph.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException

import pyoxigraph as ox

from kg.sparql.bounded_http import fetch_by
from kg.core.errors import QueryError
from kg.sparql.push_target import DOCS, public
from kg.sparql.query import QueryResult, _one_line

_ACCEPT = {"results": "application/sparql-results+xml", "graph": "application/n-triples, text/plain;q=0.9"}


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL 1.1 query URL, the named graph to query as the default graph (None: the server's), a time limit."""

    url: str
    named_graph: str | None = None
    timeout: float = 300.0

    def execute(self, text: str, form: str) -> QueryResult:
        """The server's answer to a standalone SELECT, ASK, CONSTRUCT or DESCRIBE (`form`); QueryError if it fails."""
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        fields = [("query", text)] + ([("default-graph-uri", self.named_graph)] if self.named_graph else [])
        request = urllib.request.Request(self.url, data=urllib.parse.urlencode(fields).encode("utf-8"), method="POST",
                                         headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                                                  "Accept": _ACCEPT["graph" if graph_form else "results"]})
        body = self._fetch(request)
        try:
            if graph_form:
                return QueryResult("graph", triples=tuple(ox.parse(body, format=ox.RdfFormat.N_TRIPLES)))
            answer = ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"the endpoint's answer is not {'N-Triples' if graph_form else 'SPARQL XML results'}: "
                             f"{_one_line(str(exc), 120)}", where=public(self.url),
                             fix="check that the URL is the server's SPARQL query endpoint") from None
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        if form == "ASK":  # Virtuoso answers ASK in XML as one row of one column, __ASK_RETVAL 1 or 0
            solutions = [solution[0] for solution in answer]
            return QueryResult("ask", boolean=bool(solutions) and solutions[0].value in ("1", "true"))
        names = tuple(variable.value for variable in answer.variables)
        return QueryResult("select", names, tuple(tuple(solution) for solution in answer))

    def _fetch(self, request: urllib.request.Request) -> bytes:
        """The answer's body within the time limit, or a QueryError saying what failed and how to fix it."""
        where = public(self.url)
        try:
            return fetch_by(time.monotonic() + self.timeout, request, [])
        except urllib.error.HTTPError as exc:
            raise QueryError(f"the endpoint answered HTTP {exc.code}{_said(exc)}", where=where,
                             fix="fix the query there, or check the URL (the server's query endpoint, e.g. "
                                 f"Virtuoso /sparql, Oxigraph /query; {DOCS})") from None
        except TimeoutError:
            raise QueryError(f"no complete answer within {self.timeout:g} s", where=where,
                             fix="raise --timeout, or narrow the query") from None
        except (urllib.error.URLError, OSError, HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            detail = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
            raise QueryError(f"cannot reach the endpoint: {_one_line(str(detail), 120)}", where=where,
                             fix="check the URL and that the server is running") from None


def _said(exc: urllib.error.HTTPError) -> str:
    """': ' and the first line of the server's error message, without markup, or nothing."""
    try:
        text = exc.read().decode("utf-8", "replace")
    except (OSError, HTTPException):
        return ""
    lines = [line.strip() for line in re.sub(r"<[^>]*>", "\n", text).splitlines() if line.strip()]
    return f": {_one_line(lines[0], 200)}" if lines else ""


def remote(url: str, named_graph: str | None = None) -> Endpoint:
    """An Endpoint for `url` after checking it is an http(s) URL and `named_graph` an absolute IRI."""
    try:
        parts = urllib.parse.urlsplit(url)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and (parts.port or 0) >= 0
    except ValueError:
        valid = False
    if not valid or not url.isascii() or re.search(r"[\s\x00-\x1f\x7f]", url):
        raise QueryError("not an http(s) URL with a host", where=public(url),
                         fix=f"give the server's query URL, e.g. http://127.0.0.1:8890/sparql ({DOCS})")
    if named_graph is not None:
        try:
            ox.NamedNode(named_graph)
        except ValueError:
            raise QueryError(f"the named graph is not an absolute IRI: {_one_line(named_graph, 80)!r}",
                             fix="pass --named-graph IRI, e.g. https://w3id.org/aigc-kg/graph") from None
    return Endpoint(url, named_graph)

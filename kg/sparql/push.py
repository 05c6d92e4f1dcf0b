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
"""

from __future__ import annotations

import base64
import json
import re
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field, replace
from http.client import HTTPException
from pathlib import Path

import pyoxigraph as ox

from kg.sparql.bounded_http import fetch_by
from kg.core.errors import InputError, OutputError
from kg.core.namespaces import KG
from kg.sparql.query import _one_line

DEFAULT_NAMED_GRAPH = str(KG).removesuffix("ontology#") + "graph"
PROTOCOLS = ("gsp", "update")
AUTH_SCHEMES = ("basic", "digest")
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
DOCS = "docs/sparql-servers.md"
UPDATE_CHUNK = 2000  # triples per INSERT DATA operation of one update request
UPDATE_REQUEST_BYTES = 8 << 20  # a larger update is sent as several requests (see update_requests)
DIGEST_AHEAD_BYTES = 1 << 20  # larger bodies are sent already authorised (see _authorise_ahead)

# the end of a store or update URL → the end of the query URL on the same server (docs/sparql-servers.md)
_QUERY_ENDPOINTS = (
    ("/store", "/query"),  # Oxigraph
    ("/update", "/query"),  # Oxigraph, Fuseki
    ("/data", "/query"),  # Fuseki
    ("/statements", ""),  # GraphDB, RDF4J: /repositories/ID
    ("/rdf-graphs/service", ""),  # GraphDB, RDF4J
    ("/sparql-graph-crud-auth", "/sparql-auth"),  # Virtuoso
    ("/sparql-graph-crud", "/sparql"),  # Virtuoso
    ("/sparql-auth", "/sparql-auth"),  # Virtuoso
    ("/sparql", "/sparql"),  # Virtuoso
)
_HTTP_FIXES = {
    401: "check --user and KG_PUSH_PASSWORD (or KG_PUSH_TOKEN), and --auth digest for Virtuoso",
    403: "this account may not write here: give it write access on the server",
    404: f"check the URL: Oxigraph /store and /update, Fuseki /DATASET/data and /DATASET/update ({DOCS})",
    405: "this URL does not take that method: --protocol gsp needs the store URL, update the update URL",
    413: "the request is larger than the server accepts: raise its limit, or try the other --protocol",
    415: "the server does not accept this content type at that URL: check --protocol and the URL",
}


class PushError(OutputError):
    """The graph could not be pushed to, or counted on, a SPARQL server."""


@dataclass(frozen=True)
class Credentials:
    """Who to be on the server: a user and password (HTTP Basic or Digest) or a bearer token; never shown."""

    user: str = ""
    password: str = field(default="", repr=False)
    token: str = field(default="", repr=False)
    scheme: str = "basic"

    def secrets(self) -> tuple[str, ...]:
        """Every string that must never be printed: the password, the token and their encoded header forms."""
        found = [self.password, self.token, urllib.parse.quote(self.password, safe="")]
        if self.user:
            found.append(base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii"))
        return tuple(secret for secret in found if secret)


@dataclass(frozen=True)
class PushTarget:
    """Where and how to push: the store (gsp) or update URL, the named graph, and how to check the result."""

    endpoint: str
    protocol: str = "gsp"
    named_graph: str = DEFAULT_NAMED_GRAPH
    query_endpoint: str | None = None  # None: derived from `endpoint` (see _QUERY_ENDPOINTS)
    verify: bool = True
    credentials: Credentials = Credentials()
    timeout: float = 600.0  # seconds for the whole push, the count included


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
    requests = _requests(turtle, target)
    started = time.monotonic()
    deadline = started + target.timeout  # for the push and the count together
    for method, url, content_type, body in requests:
        _call(target, url, method, body, content_type, deadline)
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


def checked(target: PushTarget) -> PushTarget:
    """The target with URLs validated, user info moved out of the endpoint URL and the query endpoint filled in."""
    if target.protocol not in PROTOCOLS:
        raise PushError(f"unknown protocol {target.protocol!r}", fix="use --protocol gsp or --protocol update")
    if target.credentials.scheme not in AUTH_SCHEMES:
        raise PushError(f"unknown auth scheme {target.credentials.scheme!r}", fix="use --auth basic or --auth digest")
    if not _is_iri(target.named_graph):
        raise PushError(f"the named graph is not an absolute IRI: {_one_line(target.named_graph, 80)!r}",
                        fix=f"pass --named-graph IRI, e.g. {DEFAULT_NAMED_GRAPH}")
    endpoint, credentials = _split_user_info(target.endpoint, target.credentials)
    if credentials.token and not re.fullmatch(r"[\x21-\x7e]+", credentials.token):
        raise PushError("KG_PUSH_TOKEN holds characters an HTTP header cannot carry (spaces, line breaks, non-ASCII)",
                        fix="set it to the token exactly as issued")
    if credentials.user and credentials.token:
        raise PushError("both a user and a token are given", fix="use --user with a password, or KG_PUSH_TOKEN alone")
    if credentials.user and not credentials.password:
        raise PushError(f"no password for user {credentials.user!r}", fix="set KG_PUSH_PASSWORD (or pass --password)")
    if credentials.scheme == "digest" and not (credentials.user + credentials.password).isascii():
        raise PushError("digest auth here takes ASCII user names and passwords only (urllib's limit)",
                        fix="use an ASCII password for this account, or --auth basic over https")
    query_endpoint = target.query_endpoint
    if query_endpoint is not None:
        query_endpoint, _ = _split_user_info(query_endpoint, credentials)
    elif target.verify:
        query_endpoint = query_endpoint_for(endpoint)
        if query_endpoint is None:
            raise PushError("cannot tell the server's query endpoint from the endpoint URL", where=public(endpoint),
                            fix="pass --query-endpoint URL (used to count the pushed triples) or --no-verify")
    return replace(target, endpoint=endpoint, query_endpoint=query_endpoint, credentials=credentials)


def query_endpoint_for(endpoint: str) -> str | None:
    """The query URL beside a known store or update URL (Oxigraph, Fuseki, GraphDB, Virtuoso), or None."""
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for end, query_end in _QUERY_ENDPOINTS:
        if path.endswith(end):
            return urllib.parse.urlunsplit(parts._replace(path=path[: -len(end)] + query_end))
    return None


def count(target: PushTarget, deadline: float) -> int:
    """How many triples the server holds in the named graph, asked at the query endpoint by `deadline`."""
    query = COUNT_QUERY.format(graph=target.named_graph)
    url = target.query_endpoint or ""
    answer = _call(target, url, "POST", urllib.parse.urlencode({"query": query}).encode("ascii"),
                   "application/x-www-form-urlencoded", deadline, accept="application/sparql-results+json")
    try:
        return int(json.loads(answer)["results"]["bindings"][0]["n"]["value"])
    except (ValueError, KeyError, IndexError, TypeError):
        raise PushError("the query endpoint did not answer the count query with SPARQL JSON results",
                        where=public(url), fix="check --query-endpoint, or pass --no-verify") from None


def public(url: str) -> str:
    """A URL safe to print: scheme, host, port and path only (no user info, no query string); for a URL too
    malformed to split, the text without anything between `//` and the last `@`, nor the query."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or ""
    except ValueError:  # e.g. an unclosed IPv6 bracket
        scheme, slashes, rest = re.split(r"[?#]", url, maxsplit=1)[0].partition("//")
        return scheme + slashes + rest.rpartition("@")[2]
    if ":" in host:
        host = f"[{host}]"
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    return urllib.parse.urlunsplit((parts.scheme, host + port, parts.path, "", ""))


def _requests(turtle: bytes, target: PushTarget) -> list[tuple[str, str, str, bytes]]:
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


def _call(target: PushTarget, url: str, method: str, body: bytes, content_type: str, deadline: float,
          accept: str = "*/*") -> bytes:
    """One HTTP request, answered completely by `deadline`; the answer's body, or a PushError that says what failed
    without any secret."""
    credentials = target.credentials
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": content_type, "Accept": accept})
    handlers: list[urllib.request.BaseHandler] = [_NoRedirect()]
    if credentials.token:
        request.add_unredirected_header("Authorization", f"Bearer {credentials.token}")
    elif credentials.user and credentials.scheme == "digest":
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, credentials.user, credentials.password)
        digest = urllib.request.HTTPDigestAuthHandler(passwords)
        handlers.append(digest)
        if len(body) > DIGEST_AHEAD_BYTES:
            _authorise_ahead(request, digest, deadline)
    elif credentials.user:
        pair = f"{credentials.user}:{credentials.password}".encode()
        request.add_unredirected_header("Authorization", "Basic " + base64.b64encode(pair).decode("ascii"))
    where = public(url)
    try:
        return fetch_by(deadline, request, handlers)
    except urllib.error.HTTPError as exc:
        raise _http_error(exc, method, where, credentials) from None
    except urllib.error.URLError as exc:
        raise _connection_error(exc.reason, where, target) from None
    except (OSError, HTTPException) as exc:
        raise _connection_error(exc, where, target) from None


def _authorise_ahead(request: urllib.request.Request, digest: urllib.request.HTTPDigestAuthHandler,
                     deadline: float) -> None:
    """Answer the server's Digest challenge before sending a large body: ask for it with a bodiless HEAD and add the
    Authorization header to `request`. Virtuoso resets the connection when it challenges a request whose body is
    still being sent, so a 50 MB push would fail. A server that does not challenge HEAD is asked as usual."""
    try:
        fetch_by(deadline, urllib.request.Request(request.full_url, method="HEAD"), [_NoRedirect()])
        return
    except urllib.error.HTTPError as exc:
        challenge = exc.headers.get("WWW-Authenticate", "") if exc.code == 401 else ""
    except (urllib.error.URLError, OSError, HTTPException):
        return  # the real request reports what is wrong
    scheme, _, fields = challenge.partition(" ")
    if scheme.lower() == "digest":
        answer = digest.get_authorization(request, urllib.request.parse_keqv_list(
            urllib.request.parse_http_list(fields)))
        if answer:
            request.add_unredirected_header("Authorization", f"Digest {answer}")


def _http_error(exc: urllib.error.HTTPError, method: str, where: str, credentials: Credentials) -> PushError:
    """A PushError for an HTTP error status, with the first line of the server's message."""
    try:
        text = exc.read().decode("utf-8", "replace")
    except (OSError, HTTPException):
        text = ""
    lines = [line.strip() for line in re.sub(r"<[^>]*>", "\n", text).splitlines() if line.strip()]
    said = f": {_mask(_one_line(lines[0], 200), credentials)}" if lines else ""
    if 300 <= exc.code < 400:
        location = public(exc.headers.get("Location", "")) or "another URL"
        return PushError(f"the server redirected {method} with HTTP {exc.code} to {location}", where=where,
                         fix="pass the URL it redirects to (kg does not follow redirects with data or credentials)")
    fix = _HTTP_FIXES.get(exc.code, "see the server's log" if exc.code >= 500 else f"check the request ({DOCS})")
    return PushError(f"the server answered {method} with HTTP {exc.code} {_mask(exc.reason or '', credentials)}"
                     f"{said}", where=where, fix=fix)


def _connection_error(reason: object, where: str, target: PushTarget) -> PushError:
    """A PushError for a failure below HTTP: refused, timed out, unknown host, TLS, broken connection."""
    if isinstance(reason, ConnectionRefusedError):
        return PushError("connection refused: nothing listens there", where=where,
                         fix="start the SPARQL server, or check the host and port of the URL")
    if isinstance(reason, TimeoutError):
        return PushError(f"no answer within {target.timeout:g} s", where=where,
                         fix="raise --timeout (big graphs take minutes); a push may still complete on the server, "
                             f"so count the graph's triples there ({DOCS})")
    if isinstance(reason, ssl.SSLError):
        return PushError(f"TLS failed: {_mask(_one_line(str(reason)), target.credentials)}", where=where,
                         fix="check the https URL and the server's certificate")
    detail = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return PushError(f"cannot reach the server: {_mask(_one_line(str(detail)), target.credentials)}", where=where,
                     fix="check the URL, the network and that the server is running")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects become errors: urllib would turn a POST into a bodiless GET and re-send credentials elsewhere."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        """No new request (None): urllib then raises HTTPError with the 3xx status."""


def _split_user_info(url: str, credentials: Credentials) -> tuple[str, Credentials]:
    """The URL without `user:password@`, and the credentials (those in the URL unless others were given)."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as exc:
        raise PushError(f"not a valid URL ({exc})", where=public(url),
                        fix=f"give the server's URL, e.g. http://127.0.0.1:7878/store ({DOCS})") from None
    if not _is_http_url(parts):
        raise PushError("not an http(s) URL with a host", where=public(url),
                        fix=f"give the server's URL, e.g. http://127.0.0.1:7878/store ({DOCS})")
    if not url.isascii() or re.search(r"[\s\x00-\x1f\x7f]", url):
        raise PushError("the URL has spaces, control or non-ASCII characters", where=public(url),
                        fix="percent-encode them (e.g. %E6%95%B0 for 数)")
    if parts.username is None:
        return url, credentials
    if not (credentials.user or credentials.token):
        credentials = replace(credentials, user=urllib.parse.unquote(parts.username),
                              password=urllib.parse.unquote(parts.password or ""))
    netloc = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc)), credentials


def _is_http_url(parts: urllib.parse.SplitResult) -> bool:
    """Whether a split URL is http(s) with a host and, if any, a valid port."""
    try:
        return parts.scheme in ("http", "https") and bool(parts.hostname) and (parts.port or 0) >= 0
    except ValueError:
        return False


def _is_iri(text: str) -> bool:
    """Whether pyoxigraph accepts `text` as an absolute IRI (so it can be pasted between < > in SPARQL)."""
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def _mask(text: str, credentials: Credentials) -> str:
    """`text` with every secret of `credentials` replaced by ***."""
    for secret in credentials.secrets():
        text = text.replace(secret, "***")
    return text
